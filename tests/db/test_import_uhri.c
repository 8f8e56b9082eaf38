/*
 * `hrtrack-import uhri` on the UHRI fixtures (tests/data/uhri), against a
 * real database: every field of every record in its place (compared with
 * the hand-written fixture-mixed.expected.json), SDG labels as links with
 * source 'uhri', a second import that changes nothing, a changed record
 * updated without touching a person's manual link, and the bad records
 * refused one by one with their position, field and reason.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/db.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "hrtrack/reference.h"
#include "reference_read.h"
#include "testdb.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static char *conninfo;
static PGconn *conn;
static char work[64];

/* Runs hrtrack-import with HRTRACK_DB set; returns its exit code and its stdout in `out`. */
static int run_import(char *out, size_t size, const char *args)
{
    char command[2048];
    snprintf(command, sizeof command, "HRTRACK_DB=\"%s\" \"%s\" %s 2>&1", conninfo,
             getenv("IMPORT"), args);
    FILE *p = popen(command, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The first value of a query with one text parameter, "" for none or NULL. */
static char *value(const char *sql, const char *param)
{
    static char result[4096];
    const char *params[] = {param};
    PGresult *res = PQexecParams(conn, sql, 1, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(conn));
    snprintf(result, sizeof result, "%s",
             PQntuples(res) > 0 && !PQgetisnull(res, 0, 0) ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return result;
}

/* A JSON array of strings (or numbers) as a sorted comma-separated list. */
static void sorted_list(char *out, size_t size, const json_t *array)
{
    const char *items[64];
    char numbers[64][16];
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(array) && n < 64; i++) {
        json_t *v = json_array_get(array, i);
        if (json_is_integer(v)) {
            snprintf(numbers[n], sizeof numbers[n], "%lld", (long long)json_integer_value(v));
            items[n] = numbers[n];
        } else {
            items[n] = json_string_value(v);
        }
        n++;
    }
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && strcmp(items[j - 1], items[j]) > 0; j--) {
            const char *t = items[j];
            items[j] = items[j - 1];
            items[j - 1] = t;
        }
    }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", i ? "," : "", items[i]);
    }
}

static const char *rec_field(const char *column, const char *key)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM recommendation WHERE external_key = $1", column);
    return value(sql, key);
}

#define LIST_SQL(table, column, extra)                                                             \
    "SELECT string_agg(" column "::text, ',' ORDER BY " column "::text) FROM " table " x"          \
    " JOIN recommendation r ON r.id = x.recommendation_id WHERE r.external_key = $1" extra

static void assert_list(const char *sql, const char *key, const json_t *expected, const char *what)
{
    char want[1024];
    sorted_list(want, sizeof want, expected);
    const char *got = value(sql, key);
    if (strcmp(got, want) != 0)
        fail_msg("%s of %s: got \"%s\", expected \"%s\"", what, key, got, want);
}

static void check_record(const char *key, const json_t *e)
{
    const char *paragraph = json_string_value(json_object_get(e, "paragraph"));
    assert_string_equal(rec_field("coalesce(paragraph, '')", key), paragraph ? paragraph : "");
    const char *start = json_string_value(json_object_get(e, "text_start_after_paragraph"));
    const char *plain = rec_field("text_plain", key);
    if (strncmp(plain, start, strlen(start)) != 0)
        fail_msg("text of %s starts \"%.50s\", expected \"%s\"", key, plain, start);
    assert_string_equal(rec_field("language", key),
                        json_string_value(json_object_get(e, "language")));
    assert_string_equal(rec_field("mechanism", key),
                        json_string_value(json_object_get(e, "mechanism")));
    const char *position = json_string_value(json_object_get(e, "position"));
    assert_string_equal(rec_field("coalesce(upr_position, '')", key), position ? position : "");
    char number[16] = "";
    json_t *cycle = json_object_get(e, "cycle");
    if (json_is_integer(cycle))
        snprintf(number, sizeof number, "%lld", (long long)json_integer_value(cycle));
    assert_string_equal(rec_field("coalesce(upr_cycle::text, '')", key), number);
    json_t *session = json_object_get(e, "session");
    number[0] = '\0';
    if (json_is_integer(session))
        snprintf(number, sizeof number, "%lld", (long long)json_integer_value(session));
    assert_string_equal(rec_field("coalesce(upr_session::text, '')", key), number);
    const char *published = json_string_value(json_object_get(e, "published"));
    assert_string_equal(rec_field("coalesce(published::text, '')", key),
                        published ? published : "");

    assert_list(LIST_SQL("recommendation_state", "state", ""), key, json_object_get(e, "states"),
                "states");
    assert_list(LIST_SQL("recommendation_recommending_state", "state", ""), key,
                json_object_get(e, "recommending_states"), "recommending states");
    assert_list(LIST_SQL("recommendation_sdg", "x.target",
                         " AND x.target IS NOT NULL AND x.source = 'uhri'"),
                key, json_object_get(e, "sdg_targets"), "SDG targets");
    assert_list(
        LIST_SQL("recommendation_sdg", "x.goal", " AND x.target IS NULL AND x.source = 'uhri'"),
        key, json_object_get(e, "sdg_goals"), "SDG goals");
    assert_list("SELECT string_agg(t.name, ',' ORDER BY t.name) FROM recommendation_theme x"
                " JOIN theme t ON t.id = x.theme_id JOIN recommendation r"
                " ON r.id = x.recommendation_id WHERE r.external_key = $1",
                key, json_object_get(e, "themes"), "themes");
    assert_list("SELECT string_agg(p.name, ',' ORDER BY p.name)"
                " FROM recommendation_affected_person x"
                " JOIN affected_person p ON p.id = x.affected_person_id JOIN recommendation r"
                " ON r.id = x.recommendation_id WHERE r.external_key = $1",
                key, json_object_get(e, "persons"), "affected persons");
}

static int setup(void **state)
{
    (void)state;
    conninfo = testdb_create("hrtrack_test_import_uhri");
    hr_db *db = NULL;
    hr_reference ref = {0};
    hr_reference_counts counts;
    int rc = hr_db_open(&db, conninfo, "test", 0);
    if (rc == 0)
        rc = hr_migrate_apply(db, HRTRACK_TEST_SCHEMA_DIR, NULL, NULL);
    if (rc == 0)
        rc = hr_reference_read(&ref, HRTRACK_TEST_DATA_DIR);
    if (rc == 0)
        rc = hr_db_reference_store(db, &ref, &counts);
    hr_reference_free(&ref);
    hr_db_free(db);
    conn = PQconnectdb(conninfo);
    snprintf(work, sizeof work, "/tmp/hrtrack-import-uhri-XXXXXX");
    if (mkdtemp(work) == NULL)
        return -1;
    return rc == 0 && PQstatus(conn) == CONNECTION_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", work);
    int rc = system(command);
    PQfinish(conn);
    free(conninfo);
    return rc == 0 ? 0 : -1;
}

static void test_every_field_in_its_place(void **state)
{
    (void)state;
    char out[8192];
    assert_int_equal(
        run_import(out, sizeof out, "uhri " HRTRACK_TEST_UHRI_DIR "/fixture-mixed.json"), 0);
    assert_non_null(strstr(out, "uhri: 14 read, 14 inserted, 0 updated, 0 unchanged, 0 rejected"));
    json_error_t error;
    json_t *expected =
        json_load_file(HRTRACK_TEST_UHRI_DIR "/fixture-mixed.expected.json", 0, &error);
    assert_non_null(expected);
    const char *key;
    json_t *e;
    json_object_foreach(expected, key, e)
    {
        check_record(key, e);
    }
    json_decref(expected);
    /* Treaty-body records keep their document; the committee is one body whatever its spelling. */
    assert_string_equal(value("SELECT count(DISTINCT body_id)::text FROM recommendation"
                              " WHERE mechanism = $1",
                              "CRC"),
                        "1");
}

static void test_second_import_changes_nothing(void **state)
{
    (void)state;
    char out[8192];
    assert_int_equal(
        run_import(out, sizeof out, "uhri " HRTRACK_TEST_UHRI_DIR "/fixture-mixed.json"), 0);
    assert_non_null(strstr(out, "14 read, 0 inserted, 0 updated, 14 unchanged, 0 rejected"));
}

static void test_changed_record_keeps_manual_links(void **state)
{
    (void)state;
    const char *key = "a9ceae8c-fe1c-40f9-a326-1529e0ab678f";
    /* A person links the recommendation to target 4.7 and confirms 16.2. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO recommendation_sdg (recommendation_id, goal, target, source)"
             " SELECT id, 4, '4.7', 'manual' FROM recommendation WHERE external_key = '%s'",
             key);
    free(testdb_query(conninfo, sql));
    /* A newer export changes the record's text and drops its 5.2 label. */
    json_t *records = json_load_file(HRTRACK_TEST_UHRI_DIR "/fixture-mixed.json", 0, NULL);
    assert_non_null(records);
    size_t i;
    json_t *r;
    json_array_foreach(records, i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "AnnotationId")), key) != 0)
            continue;
        json_object_set_new(r, "Text", json_string("4. A corrected text of the recommendation."));
        json_t *sdgs = json_array();
        json_array_append_new(sdgs, json_string("16.2 - Protect children"));
        json_object_set_new(r, "Sdgs", sdgs);
    }
    char path[128];
    snprintf(path, sizeof path, "%s/newer.json", work);
    assert_int_equal(json_dump_file(records, path, 0), 0);
    json_decref(records);
    char args[256], out[8192];
    snprintf(args, sizeof args, "uhri %s", path);
    assert_int_equal(run_import(out, sizeof out, args), 0);
    assert_non_null(strstr(out, "14 read, 0 inserted, 1 updated, 13 unchanged"));
    assert_string_equal(rec_field("text_plain", key), "A corrected text of the recommendation.");
    assert_string_equal(value(LIST_SQL("recommendation_sdg", "concat(x.target, ':', x.source)",
                                       " AND x.target IS NOT NULL"),
                              key),
                        "16.2:uhri,4.7:manual");
}

static void test_bad_records_are_refused_one_by_one(void **state)
{
    (void)state;
    char args[256], out[8192], path[128];
    snprintf(path, sizeof path, "%s/rejects.csv", work);
    snprintf(args, sizeof args,
             "uhri " HRTRACK_TEST_UHRI_DIR "/fixture-bad-records.json --rejects %s", path);
    assert_int_equal(run_import(out, sizeof out, args), 1);
    assert_non_null(strstr(out, "12 read, 2 inserted, 0 updated, 0 unchanged, 10 rejected"));
    FILE *expected = fopen(HRTRACK_TEST_UHRI_DIR "/fixture-bad-records.expected.tsv", "r");
    FILE *report = fopen(path, "r");
    assert_non_null(expected);
    assert_non_null(report);
    char want[512], got[512];
    assert_non_null(fgets(want, sizeof want, expected)); /* headers */
    assert_non_null(fgets(got, sizeof got, report));
    while (fgets(want, sizeof want, expected) != NULL) {
        long index = 0;
        char field[64];
        assert_int_equal(sscanf(want, "%ld\t%63[^\t]", &index, field), 2);
        assert_non_null(fgets(got, sizeof got, report));
        char prefix[128];
        snprintf(prefix, sizeof prefix, "%ld,\"byte ", index + 1);
        if (strncmp(got, prefix, strlen(prefix)) != 0)
            fail_msg("reject report line \"%s\" for record %ld", got, index + 1);
        char quoted_field[80];
        snprintf(quoted_field, sizeof quoted_field, "\"%s\"", field);
        if (strstr(got, quoted_field) == NULL)
            fail_msg("reject report line \"%s\" does not name field %s", got, field);
    }
    assert_null(fgets(got, sizeof got, report));
    fclose(expected);
    fclose(report);
}

int main(void)
{
    hr_log_set_level(HR_LOG_ERROR);
    /* In order: each test builds on the database the previous one left. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_field_in_its_place),
        cmocka_unit_test(test_second_import_changes_nothing),
        cmocka_unit_test(test_changed_record_keeps_manual_links),
        cmocka_unit_test(test_bad_records_are_refused_one_by_one),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
