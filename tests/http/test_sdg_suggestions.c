/*
 * SDG suggestions end to end (issue 9): `hrtrack-import suggest-sdg` on the
 * fixture's database, then the API over what it wrote.
 *
 *   - suggest-sdg fills suggested links, with score and reason, for the
 *     recommendations without a link of their own; a second run changes
 *     nothing; links of UHRI, of imports and of people are the same before
 *     and after every run;
 *   - the suggestions and their reasons are shown to staff and the UN team,
 *     never to the public or civil society (401/403), also not in the
 *     recommendation itself;
 *   - the coordinator confirms one (it becomes 'manual'; the audit log names
 *     the coordinator) or rejects one (it disappears, and `--relearn` does not
 *     suggest it again); focal points, civil society and the public cannot;
 *   - sdg_source= includes or excludes suggested links in the list, the
 *     facets, the CSV export and the goal summary; the default excludes them.
 *
 * All HTTP tests share one server and database: this one works only on
 * Slovenia's UPR report (A/HRC/14/15, state SI), which the fixture imports
 * for it alone, and runs suggest-sdg on that document only.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_client.h"
#include "http_session.h"
#include "testdb.h"

#include "hrtrack/cluster.h"

#include <jansson.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define DOC    "A/HRC/14/15"
#define SCOPE  "--document", DOC
#define IN_DOC "r.document_id = (SELECT id FROM document WHERE symbol = '" DOC "')"

static int port;
static char *conninfo;
static http_session coordinator, focal, cso, unct;
/* Recommendations of the document: one a person linked, one UHRI linked (by this test). */
static long long rec_manual, rec_uhri;

static char *sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *sql(const char *fmt, ...)
{
    char text[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char *value = testdb_query(conninfo, text);
    return value != NULL ? value : strdup("");
}

static long long sql_number(const char *query)
{
    char *value = sql("%s", query);
    long long n = strtoll(value, NULL, 10);
    free(value);
    return n;
}

/*
 * Runs hrtrack-import suggest-sdg with `args` on the fixture's database and
 * returns its standard output (malloc'd); fails the test unless it exits 0.
 */
static char *suggest_sdg(const char *arg1, const char *arg2, const char *arg3)
{
    char out_path[] = "/tmp/hrtrack-suggest-XXXXXX";
    int fd = mkstemp(out_path);
    assert_true(fd >= 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fd, STDOUT_FILENO);
    char *argv[] = {getenv("IMPORT"), "suggest-sdg", (char *)arg1,
                    (char *)arg2,     (char *)arg3,  NULL};
    assert_non_null(argv[0]);
    setenv("HRTRACK_DB", conninfo, 1);
    pid_t pid;
    int status = -1;
    assert_int_equal(posix_spawn(&pid, argv[0], &actions, NULL, argv, environ), 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    posix_spawn_file_actions_destroy(&actions);
    char *out = calloc(1, 4096);
    assert_non_null(out);
    lseek(fd, 0, SEEK_SET);
    ssize_t got = read(fd, out, 4095);
    close(fd);
    unlink(out_path);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got <= 0)
        fail_msg("suggest-sdg failed (status %d): %s", status, out);
    print_message("%s", out);
    return out;
}

/* The links of the sources people and imports vouch for, that the runs must never change. */
static char *own_links(void)
{
    return sql("SELECT string_agg(l.recommendation_id || ':' || l.goal || ':' ||"
               " coalesce(l.target, '-') || ':' || l.source, ',' ORDER BY l.recommendation_id,"
               " l.goal, l.target, l.source) FROM recommendation_sdg l JOIN recommendation r"
               " ON r.id = l.recommendation_id WHERE l.source IN ('uhri', 'import')"
               " OR (l.source = 'manual' AND " IN_DOC ")");
}

static char *suggested_links(void)
{
    return sql("SELECT string_agg(l.recommendation_id || ':' || coalesce(l.target, l.goal::text)"
               " || ':' || l.score || ':' || l.reason, '|' ORDER BY l.recommendation_id, l.goal,"
               " l.target) FROM recommendation_sdg l JOIN recommendation r"
               " ON r.id = l.recommendation_id WHERE l.source = 'suggested' AND " IN_DOC);
}

static long long suggestion_count(long long rec, const char *code)
{
    char *n = sql("SELECT count(*) FROM recommendation_sdg WHERE recommendation_id = %lld"
                  " AND source = 'suggested' AND coalesce(target, goal::text) = '%s'",
                  rec, code);
    long long count = strtoll(n, NULL, 10);
    free(n);
    return count;
}

/*
 * The first recommendation of the document that has suggestions and no link
 * of its own (so that suggest-sdg still works on it); its best code in `code`.
 */
static long long rec_with_suggestion(char code[16])
{
    char *row = sql("SELECT l.recommendation_id || ' ' || coalesce(l.target, l.goal::text)"
                    " FROM recommendation_sdg l JOIN recommendation r ON r.id ="
                    " l.recommendation_id WHERE l.source = 'suggested' AND " IN_DOC
                    " AND NOT EXISTS (SELECT 1 FROM recommendation_sdg o WHERE"
                    " o.recommendation_id = l.recommendation_id AND o.source <> 'suggested')"
                    " ORDER BY l.recommendation_id, l.score DESC LIMIT 1");
    long long id = 0;
    assert_int_equal(sscanf(row, "%lld %15s", &id, code), 2);
    free(row);
    return id;
}

static int has_item(const json_t *page, long long id)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(page, "items"), i, item)
    {
        if (json_integer_value(json_object_get(item, "id")) == id)
            return 1;
    }
    return 0;
}

/* The count of `value` in facet `name`, 0 when absent. */
static long long facet_count(const json_t *facets, const char *name, const char *value)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(facets, name), i, v)
    {
        const json_t *x = json_object_get(v, "value");
        char text[16];
        if (json_is_integer(x))
            snprintf(text, sizeof text, "%lld", (long long)json_integer_value(x));
        else
            snprintf(text, sizeof text, "%s", json_string_value(x));
        if (strcmp(text, value) == 0)
            return json_integer_value(json_object_get(v, "count"));
    }
    return 0;
}

/* Whether the detail's SDG links, as `s` sees them, include a suggested one. */
static int detail_has_suggested(const http_session *s, long long id, const char **reason)
{
    char target[96];
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld", id);
    json_t *rec = http_call(port, s, "GET", target, NULL, 200);
    size_t i;
    json_t *link;
    int found = 0;
    json_array_foreach(json_object_get(rec, "sdg"), i, link)
    {
        if (strcmp(json_string_value(json_object_get(link, "source")), "suggested") == 0) {
            if (!found && reason != NULL)
                *reason = strdup(json_string_value(json_object_get(link, "reason")));
            found = 1;
        }
    }
    json_decref(rec);
    return found;
}

static void test_suggest_fills_and_rerun_changes_nothing(void **state)
{
    (void)state;
    char *before = own_links();
    char *out = suggest_sdg(SCOPE, NULL);
    long long inserted = 0, read = 0;
    assert_int_equal(sscanf(strstr(out, "suggest-sdg: "), "suggest-sdg: %lld read, %lld inserted",
                            &read, &inserted),
                     2);
    free(out);
    long long with = sql_number("SELECT count(DISTINCT l.recommendation_id) FROM"
                                " recommendation_sdg l JOIN recommendation r ON r.id ="
                                " l.recommendation_id WHERE l.source = 'suggested' AND " IN_DOC);
    /* Most of the report's recommendations get suggestions; the summary counts them. */
    assert_true(with > 50);
    assert_int_equal(inserted, with);
    /* Each with a score and a reason; never on the recommendations linked by a person or UHRI. */
    assert_int_equal(sql_number("SELECT count(*) FROM recommendation_sdg l JOIN recommendation r"
                                " ON r.id = l.recommendation_id WHERE l.source = 'suggested' AND"
                                " " IN_DOC " AND (l.score IS NULL OR l.score <= 0 OR l.reason"
                                " IS NULL OR l.reason = '')"),
                     0);
    char query[256];
    snprintf(query, sizeof query,
             "SELECT count(*) FROM recommendation_sdg WHERE source = 'suggested'"
             " AND recommendation_id IN (%lld, %lld)",
             rec_manual, rec_uhri);
    assert_int_equal(sql_number(query), 0);

    char *suggested = suggested_links();
    out = suggest_sdg(SCOPE, NULL);
    assert_non_null(strstr(out, " 0 inserted, 0 updated,"));
    free(out);
    out = suggest_sdg(SCOPE, "--relearn");
    assert_non_null(strstr(out, " 0 inserted, 0 updated,"));
    free(out);
    char *suggested_again = suggested_links();
    assert_string_equal(suggested, suggested_again);
    char *after = own_links();
    assert_string_equal(before, after);
    free(before);
    free(after);
    free(suggested);
    free(suggested_again);
}

static void test_suggestions_are_for_staff_only(void **state)
{
    (void)state;
    char code[16], target[128];
    long long rec = rec_with_suggestion(code);
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld/sdg-suggestions", rec);
    json_t *list = http_call(port, &unct, "GET", target, NULL, 200);
    json_t *first = json_array_get(json_object_get(list, "suggestions"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "code")), code);
    double score = json_number_value(json_object_get(first, "score"));
    assert_true(score > 0 && score <= 1);
    /* The reason the linker wrote, as the API shows it, for a person to read. */
    const char *reason = json_string_value(json_object_get(first, "reason"));
    char *stored = sql("SELECT reason FROM recommendation_sdg WHERE recommendation_id = %lld AND"
                       " coalesce(target, goal::text) = '%s'",
                       rec, code);
    assert_non_null(reason);
    assert_true(strlen(reason) > 5);
    assert_string_equal(reason, stored);
    assert_non_null(strchr(reason, ':')); /* "what: which words or neighbours" */
    assert_non_null(json_string_value(json_object_get(first, "title")));
    free(stored);
    json_decref(list);
    json_decref(http_call(port, &focal, "GET", target, NULL, 200));
    json_decref(http_call(port, &cso, "GET", target, NULL, 403));
    json_decref(http_call(port, NULL, "GET", target, NULL, 401));

    /* The recommendation itself: suggested links, with their reason, for staff only. */
    const char *shown = NULL;
    assert_true(detail_has_suggested(&coordinator, rec, &shown));
    assert_non_null(shown);
    assert_true(strlen(shown) > 5);
    free((char *)shown);
    assert_false(detail_has_suggested(NULL, rec, NULL));
    assert_false(detail_has_suggested(&cso, rec, NULL));
}

/* Finds the audit entry of `entity` for `rec` written by `user`; returns its "after". */
static json_t *audit_entry(const char *entity, long long rec, long long user)
{
    char target[160];
    snprintf(target, sizeof target, "/api/v1/audit?entity=%s&entity_id=%lld&limit=20", entity, rec);
    json_t *log = http_call(port, &coordinator, "GET", target, NULL, 200);
    json_t *found = NULL;
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(log, "items"), i, entry)
    {
        if (found == NULL && json_integer_value(json_object_get(entry, "user_id")) == user)
            found = json_incref(entry);
    }
    json_decref(log);
    return found;
}

static long long coordinator_id(void)
{
    return sql_number("SELECT id FROM app_user WHERE email = 'coordinator@test.hrtrack'");
}

static void test_confirm_makes_it_manual_and_audited(void **state)
{
    (void)state;
    char code[16], target[160];
    long long rec = rec_with_suggestion(code);
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld/sdg-suggestions/%s/confirm", rec,
             code);
    /* Nobody but the coordinator decides. */
    json_decref(http_call(port, NULL, "POST", target, NULL, 401));
    json_decref(http_call(port, &cso, "POST", target, NULL, 403));
    json_decref(http_call(port, &focal, "POST", target, NULL, 403));
    json_decref(http_call(port, &unct, "POST", target, NULL, 403));
    assert_int_equal(suggestion_count(rec, code), 1);

    json_t *link = http_call(port, &coordinator, "POST", target, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(link, "source")), "manual");
    assert_string_equal(json_string_value(json_object_get(link, "code")), code);
    json_decref(link);
    char *source = sql("SELECT source || ':' || (score IS NULL) || ':' || (reason IS NULL)"
                       " FROM recommendation_sdg WHERE recommendation_id = %lld AND"
                       " coalesce(target, goal::text) = '%s'",
                       rec, code);
    assert_string_equal(source, "manual:true:true");
    free(source);
    /* A second confirmation finds no suggestion left. */
    json_t *e = http_call(port, &coordinator, "POST", target, NULL, 404);
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "error"), "field")),
                        "code");
    json_decref(e);

    /* The audit log names the coordinator: suggested before, manual after. */
    json_t *entry = audit_entry("recommendation_sdg", rec, coordinator_id());
    assert_non_null(entry);
    assert_string_equal(json_string_value(json_object_get(entry, "action")), "update");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(entry, "before"), "source")),
        "suggested");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(entry, "after"), "source")), "manual");
    assert_non_null(json_string_value(json_object_get(entry, "at")));
    json_decref(entry);

    /* Now a link for everyone: the public list finds it by its target. */
    if (strchr(code, '.') != NULL) {
        char list[160];
        snprintf(list, sizeof list, "/api/v1/recommendations?document=%s&sdg_target=%s&limit=200",
                 DOC, code);
        json_t *page = http_json(port, list, 200);
        assert_true(has_item(page, rec));
        json_decref(page);
    }
}

static void test_reject_is_remembered_and_never_suggested_again(void **state)
{
    (void)state;
    char code[16], target[160];
    long long rec = rec_with_suggestion(code);
    assert_int_equal(suggestion_count(rec, code), 1);
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld/sdg-suggestions/%s/reject", rec,
             code);
    json_decref(http_call(port, NULL, "POST", target, NULL, 401));
    json_decref(http_call(port, &cso, "POST", target, NULL, 403));
    json_decref(http_call(port, &focal, "POST", target, NULL, 403));
    json_t *rejected = http_call(port, &coordinator, "POST", target, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(rejected, "rejected_by")),
                     coordinator_id());
    json_decref(rejected);
    assert_int_equal(suggestion_count(rec, code), 0);

    /* Listed as rejected, no longer as a suggestion. */
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld/sdg-suggestions", rec);
    json_t *list = http_call(port, &coordinator, "GET", target, NULL, 200);
    json_t *first = json_array_get(json_object_get(list, "rejected"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "code")), code);
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(list, "suggestions"), i, s)
    {
        assert_string_not_equal(json_string_value(json_object_get(s, "code")), code);
    }
    json_decref(list);
    json_t *entry = audit_entry("recommendation_sdg_rejection", rec, coordinator_id());
    assert_non_null(entry);
    assert_string_equal(json_string_value(json_object_get(entry, "action")), "insert");
    json_decref(entry);

    /* Recomputed with everything learnt since: the rejected code stays out. */
    char *before = own_links();
    free(suggest_sdg(SCOPE, "--relearn"));
    free(suggest_sdg(SCOPE, NULL));
    assert_int_equal(suggestion_count(rec, code), 0);
    char *after = own_links();
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_sdg_source_filter(void **state)
{
    (void)state;
    char code[16], target[256];
    long long rec = 0;
    /* A recommendation with a suggested target (not a goal alone). */
    char *row = sql("SELECT l.recommendation_id || ' ' || l.target FROM recommendation_sdg l"
                    " JOIN recommendation r ON r.id = l.recommendation_id WHERE l.source ="
                    " 'suggested' AND l.target IS NOT NULL AND " IN_DOC " AND NOT EXISTS (SELECT"
                    " 1 FROM recommendation_sdg o WHERE o.recommendation_id = l.recommendation_id"
                    " AND o.source <> 'suggested') ORDER BY 1 LIMIT 1");
    assert_int_equal(sscanf(row, "%lld %15s", &rec, code), 2);
    free(row);

    /* The list: by default suggested links do not count. */
    snprintf(target, sizeof target, "/api/v1/recommendations?document=%s&sdg_target=%s&limit=200",
             DOC, code);
    json_t *page = http_call(port, &unct, "GET", target, NULL, 200);
    assert_false(has_item(page, rec));
    json_decref(page);
    snprintf(target, sizeof target,
             "/api/v1/recommendations?document=%s&sdg_target=%s&sdg_source=suggested&limit=200",
             DOC, code);
    page = http_call(port, &unct, "GET", target, NULL, 200);
    assert_true(has_item(page, rec));
    json_decref(page);
    http_assert_error_field(port, target, 401, "sdg_source");
    json_t *refused = http_call(port, &cso, "GET", target, NULL, 403);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(refused, "error"), "field")),
        "sdg_source");
    json_decref(refused);
    snprintf(target, sizeof target,
             "/api/v1/recommendations?document=%s&sdg_target=%s&sdg_source=uhri,manual&limit=200",
             DOC, code);
    page = http_json(port, target, 200); /* no suggested links asked: public */
    assert_false(has_item(page, rec));
    json_decref(page);
    http_assert_error_field(port, "/api/v1/recommendations?sdg_source=guessed", 422, "sdg_source");

    /* Facets: the same recommendations count under the target only when asked. */
    snprintf(target, sizeof target, "/api/v1/recommendations/facets?document=%s", DOC);
    json_t *facets = http_call(port, &coordinator, "GET", target, NULL, 200);
    long long confirmed = facet_count(facets, "sdg_target", code);
    json_decref(facets);
    snprintf(target, sizeof target, "/api/v1/recommendations/facets?document=%s&sdg_source=all",
             DOC);
    facets = http_call(port, &coordinator, "GET", target, NULL, 200);
    assert_true(facet_count(facets, "sdg_target", code) > confirmed);
    json_decref(facets);

    /* The export's SDG column, for the recommendation's row. */
    char id_cell[48];
    snprintf(id_cell, sizeof id_cell, "\n\"%lld\",", rec); /* every cell is quoted */
    snprintf(target, sizeof target,
             "/api/v1/recommendations?document=%s&sdg_source=suggested&format=csv", DOC);
    http_response r;
    assert_int_equal(http_send_as(&r, port, &coordinator, "GET", target, NULL, 1), 0);
    assert_int_equal(r.status, 200);
    const char *line = strstr(r.body, id_cell);
    if (line == NULL)
        http_response_free(&r);
    assert_non_null(line);
    const char *end = strchr(line + 1, '\n');
    char row_text[8192];
    snprintf(row_text, sizeof row_text, "%.*s", (int)(end ? end - line : 200), line);
    assert_non_null(strstr(row_text, code));
    http_response_free(&r);

    /* The goal summary for Slovenia: the target counts more with suggestions. */
    int goal = atoi(code);
    snprintf(target, sizeof target, "/api/v1/sdg/goals/%d/summary?state=SI", goal);
    json_t *plain = http_call(port, &unct, "GET", target, NULL, 200);
    snprintf(target, sizeof target, "/api/v1/sdg/goals/%d/summary?state=SI&sdg_source=all", goal);
    json_t *all = http_call(port, &unct, "GET", target, NULL, 200);
    assert_true(json_integer_value(json_object_get(all, "recommendations")) >
                json_integer_value(json_object_get(plain, "recommendations")));
    json_decref(plain);
    json_decref(all);
    http_assert_error_field(port, target, 401, "sdg_source");
}

static void test_unknown_suggestions_are_404(void **state)
{
    (void)state;
    char target[160];
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld/sdg-suggestions/16.z/confirm",
             rec_manual);
    json_t *e = http_call(port, &coordinator, "POST", target, NULL, 404);
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "error"), "field")),
                        "code");
    json_decref(e);
    /* The link a person made is not a suggestion: it cannot be rejected away. */
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld/sdg-suggestions/16.3/reject",
             rec_manual);
    json_decref(http_call(port, &coordinator, "POST", target, NULL, 404));
    e = http_call(port, &coordinator, "POST",
                  "/api/v1/recommendations/999999999/sdg-suggestions/16.3/reject", NULL, 404);
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "error"), "field")),
                        "id");
    json_decref(e);
    assert_int_equal(sql_number("SELECT count(*) FROM recommendation_sdg WHERE source = 'manual'"
                                " AND target = '16.3' AND recommendation_id = (SELECT min(r.id)"
                                " FROM recommendation r WHERE " IN_DOC ")"),
                     1);
}

/* A person's link on the first recommendation of the document, UHRI's on the second. */
static int setup(void **state)
{
    (void)state;
    port = http_test_port();
    if (hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http") != 0)
        return -1;
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal, port, "focal.moh@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    http_login_ok(&unct, port, "unct@test.hrtrack");
    rec_manual = sql_number("SELECT min(r.id) FROM recommendation r WHERE " IN_DOC);
    rec_uhri = sql_number("SELECT min(r.id) FROM recommendation r WHERE " IN_DOC
                          " AND r.id > (SELECT min(r.id) FROM recommendation r WHERE " IN_DOC ")");
    if (rec_manual <= 0 || rec_uhri <= 0)
        return -1;
    free(sql("INSERT INTO recommendation_sdg (recommendation_id, goal, target, source)"
             " VALUES (%lld, 16, '16.3', 'manual'), (%lld, 4, '4.7', 'uhri') RETURNING 1",
             rec_manual, rec_uhri));
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggest_fills_and_rerun_changes_nothing),
        cmocka_unit_test(test_suggestions_are_for_staff_only),
        cmocka_unit_test(test_sdg_source_filter),
        cmocka_unit_test(test_confirm_makes_it_manual_and_audited),
        cmocka_unit_test(test_reject_is_remembered_and_never_suggested_again),
        cmocka_unit_test(test_unknown_suggestions_are_404),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
