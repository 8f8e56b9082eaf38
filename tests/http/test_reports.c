/*
 * Reports over HTTP (GET /api/v1/reports/...), on the fixture's data: the
 * UPR mid-term report of Paraguay's first cycle counts exactly the
 * recommendations, and the positions, that the recommendations API and its
 * facets count; a cluster and an approved status update made here show up
 * as a section heading and a status count; HTML, Markdown and XLSX render
 * in Spanish, English and French with translated headings and dates, and
 * with a cluster named "<script>..." shown as text; the treaty-body and VNR
 * reports count what the API counts; refusals name their field; focal
 * points see only their own institution's actions.
 *
 * The fixture's UPR Info sample (tests/data/upr-info/paraguay-session10.csv)
 * is cut byte for byte from the bundled demo data that scripts/run loads
 * (data/upr-info/10-13.csv), so the non-empty report checked here is the
 * demo's report of Paraguay as well.
 *
 * All HTTP tests share one server and database: the clusters, the action
 * and the status update are this test's own (named with its pid), on
 * recommendations of Paraguay's list that no other test picks (items
 * 120-122), and assertions on shared counts compare two reads of the same
 * moment's data, not fixed numbers.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_client.h"
#include "http_session.h"
#include "testdb.h"
#include "zip_read.h"

#include "hrtrack/cluster.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int port;
static http_session coordinator, focal_moh, focal_moe, unct, cso;
static char *conninfo;
static long long moh, moe;
static long long rec_a, rec_b, rec_c; /* rec_a in both clusters, rec_b in the first only */
static long long cluster_script, cluster_plain, action_id;
static char script_name[128], plain_name[128], action_title[128];

#define UPR_PY "/api/v1/reports/upr-midterm?state=PY&cycle=1"

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

static long long num(const json_t *j, const char *name)
{
    return json_integer_value(json_object_get(j, name));
}

static json_t *get_as(const http_session *s, const char *target, int status)
{
    return http_call(port, s, "GET", target, NULL, status);
}

static char *sql_value(const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    return testdb_query(conninfo, sql);
}

static long long user_id(const char *email)
{
    char *v = sql_value("SELECT id FROM app_user WHERE email = '%s'", email);
    assert_non_null(v);
    long long id = strtoll(v, NULL, 10);
    free(v);
    return id;
}

static long long institution_id(const char *acronym)
{
    char *v = sql_value("SELECT id FROM institution WHERE acronym = '%s'", acronym);
    assert_non_null(v);
    long long id = strtoll(v, NULL, 10);
    free(v);
    return id;
}

/* An approved status update, as the workflow leaves it: submitted, then decided by another user. */
static void approve_status(long long rec, const char *status, const char *as_of)
{
    long long focal = user_id("focal.moh@test.hrtrack");
    long long validator = user_id("validator.moh@test.hrtrack");
    char *id = sql_value("INSERT INTO status_update (recommendation_id, institution_id, status,"
                         " as_of, narrative, state, author_id, submitted_by, submitted_at)"
                         " VALUES (%lld, %lld, '%s', '%s', 'Reports test', 'submitted', %lld,"
                         " %lld, now()) RETURNING id",
                         rec, moh, status, as_of, focal, focal);
    assert_non_null(id);
    char *ok = sql_value("UPDATE status_update SET state = 'approved', decided_by = %lld,"
                         " decided_at = now() WHERE id = %s RETURNING 1",
                         validator, id);
    assert_non_null(ok);
    free(ok);
    free(id);
}

static long long make_cluster(const char *name, long long first, long long second)
{
    char body[512];
    snprintf(body, sizeof body, "{\"name\": \"%s\"}", name);
    json_t *c = http_call(port, &coordinator, "POST", "/api/v1/clusters", body, 201);
    long long id = num(c, "id");
    char target[64];
    snprintf(target, sizeof target, "/api/v1/clusters/%lld/members", id);
    if (second > 0)
        snprintf(body, sizeof body, "{\"add\": [%lld, %lld], \"version\": %lld}", first, second,
                 num(c, "version"));
    else
        snprintf(body, sizeof body, "{\"add\": [%lld], \"version\": %lld}", first,
                 num(c, "version"));
    json_decref(http_call(port, &coordinator, "POST", target, body, 200));
    json_decref(c);
    return id;
}

static int setup(void **state)
{
    (void)state;
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal_moh, port, "focal.moh@test.hrtrack");
    http_login_ok(&focal_moe, port, "focal.moe@test.hrtrack");
    http_login_ok(&unct, port, "unct@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    assert_int_equal(
        hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http"), 0);
    moh = institution_id("MOH");
    moe = institution_id("MOE");
    json_t *page =
        http_json(port, "/api/v1/recommendations?state=PY&cycle=1&mechanism=UPR&limit=200", 200);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 123);
    rec_a = num(json_array_get(items, 120), "id");
    rec_b = num(json_array_get(items, 121), "id");
    rec_c = num(json_array_get(items, 122), "id");
    json_decref(page);

    /* A name that is markup, to show that every format escapes it. */
    snprintf(script_name, sizeof script_name, "<script>alert(1)</script> reports %d", getpid());
    snprintf(plain_name, sizeof plain_name, "Reports plain %d", getpid());
    snprintf(action_title, sizeof action_title, "Reports action %d", getpid());
    cluster_script = make_cluster(script_name, rec_a, rec_b);
    cluster_plain = make_cluster(plain_name, rec_a, 0);
    char *ok = sql_value("INSERT INTO rec_assignment (recommendation_id, institution_id, role)"
                         " VALUES (%lld, %lld, 'lead') RETURNING 1",
                         rec_a, moh);
    assert_non_null(ok);
    free(ok);
    approve_status(rec_a, "implemented", "2025-06-30");
    char body[512];
    snprintf(body, sizeof body,
             "{\"title\": \"%s\", \"institution_id\": %lld, \"start_date\": \"2025-01-15\","
             " \"due_date\": \"2025-12-31\", \"status\": \"in_progress\", \"recommendations\": "
             "[%lld]}",
             action_title, moh, rec_a);
    json_t *action = http_call(port, &coordinator, "POST", "/api/v1/actions", body, 201);
    action_id = num(action, "id");
    json_decref(action);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(conninfo);
    return 0;
}

/* The count of `key` = `value` (NULL: the entry for no value) in a by_status/by_position list. */
static long long count_of(const json_t *list, const char *key, const char *value)
{
    size_t i;
    const json_t *item;
    json_array_foreach(list, i, item)
    {
        const char *v = str(item, key);
        if (value == NULL ? v == NULL : v != NULL && strcmp(v, value) == 0)
            return num(item, "count");
    }
    fail_msg("no %s %s in the counts", key, value ? value : "null");
    return -1;
}

static long long facet_count(const json_t *facets, const char *facet, const char *value)
{
    size_t i;
    const json_t *item;
    json_array_foreach(json_object_get(facets, facet), i, item)
    {
        if (strcmp(str(item, "value"), value) == 0)
            return num(item, "count");
    }
    return 0;
}

static const json_t *section_by_key(const json_t *report, const char *key)
{
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(report, "sections"), i, s)
    {
        if (strcmp(str(s, "key"), key) == 0)
            return s;
    }
    return NULL;
}

static const json_t *rec_in(const json_t *report, long long id)
{
    size_t i;
    const json_t *rec;
    json_array_foreach(json_object_get(report, "recommendations"), i, rec)
    {
        if (num(rec, "id") == id)
            return rec;
    }
    return NULL;
}

static int lists(const json_t *section, long long id)
{
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(section, "recommendations"), i, v)
    {
        if (json_integer_value(v) == id)
            return 1;
    }
    return 0;
}

static void test_upr_counts_match_the_api(void **state)
{
    (void)state;
    json_t *report = get_as(&unct, UPR_PY, 200);
    json_t *facets =
        http_json(port, "/api/v1/recommendations/facets?state=PY&cycle=1&mechanism=UPR", 200);
    long long total =
        http_total(port, "/api/v1/recommendations?state=PY&cycle=1&mechanism=UPR&limit=1");
    const json_t *totals = json_object_get(report, "totals");
    assert_int_equal(num(totals, "recommendations"), total);
    assert_int_equal(json_array_size(json_object_get(report, "recommendations")), total);
    /* The sample of the bundled demo data is there: 129 UPR Info rows, plus UHRI's. */
    assert_true(total >= 129);
    const json_t *positions = json_object_get(totals, "by_position");
    long long supported = facet_count(facets, "position", "supported");
    long long noted = facet_count(facets, "position", "noted");
    assert_true(supported > 0 && noted > 0);
    assert_int_equal(count_of(positions, "position", "supported"), supported);
    assert_int_equal(count_of(positions, "position", "noted"), noted);
    assert_int_equal(count_of(positions, "position", NULL), total - supported - noted);
    long long by_status = 0;
    size_t i;
    const json_t *item;
    json_array_foreach(json_object_get(totals, "by_status"), i, item) by_status +=
        num(item, "count");
    assert_int_equal(by_status, total);
    /* Without a cycle: the state's latest, which is the first for Paraguay here. */
    json_t *latest = get_as(&unct, "/api/v1/reports/upr-midterm?state=py", 200);
    assert_int_equal(num(latest, "cycle"), 1);
    assert_int_equal(num(json_object_get(latest, "totals"), "recommendations"), total);
    json_decref(latest);
    json_decref(facets);
    json_decref(report);
}

static void test_upr_clusters_and_status(void **state)
{
    (void)state;
    json_t *report = get_as(&coordinator, UPR_PY, 200);
    char key[48];
    snprintf(key, sizeof key, "cluster:%lld", cluster_script);
    const json_t *scripted = section_by_key(report, key);
    assert_non_null(scripted);
    assert_string_equal(str(scripted, "heading"), script_name);
    assert_int_equal(num(scripted, "count"), 2);
    assert_true(lists(scripted, rec_a) && lists(scripted, rec_b) && !lists(scripted, rec_c));
    assert_int_equal(count_of(json_object_get(scripted, "by_status"), "status", "implemented"), 1);
    snprintf(key, sizeof key, "cluster:%lld", cluster_plain);
    const json_t *plain = section_by_key(report, key);
    assert_non_null(plain);
    assert_true(lists(plain, rec_a));
    const json_t *none = section_by_key(report, "none");
    assert_true(none != NULL && lists(none, rec_c) && !lists(none, rec_a));
    const json_t *totals = json_object_get(report, "totals");
    assert_true(num(totals, "in_several_sections") >= 1);
    assert_true(num(totals, "entries") > num(totals, "recommendations"));
    assert_true(count_of(json_object_get(totals, "by_status"), "status", "implemented") >= 1);

    const json_t *a = rec_in(report, rec_a);
    assert_non_null(a);
    assert_string_equal(str(a, "status"), "implemented");
    assert_string_equal(str(a, "status_as_of"), "2025-06-30");
    assert_string_equal(str(json_object_get(a, "lead"), "acronym"), "MOH");
    const json_t *action = json_array_get(json_object_get(a, "actions"), 0);
    assert_int_equal(num(action, "id"), action_id);
    assert_string_equal(str(action, "title"), action_title);
    assert_string_equal(str(action, "due_date"), "2025-12-31");
    assert_null(str(rec_in(report, rec_c), "status"));
    json_decref(report);
}

/* GET as `s` with extra headers; fails unless 200 with `type`; the body is the caller's. */
static void fetch(http_response *r, const http_session *s, const char *target, const char *type,
                  const char *accept_language)
{
    char headers[256], value[128];
    snprintf(headers, sizeof headers, "Cookie: hrtrack_session=%s\r\n%s%s%s", s->token,
             accept_language ? "Accept-Language: " : "", accept_language ? accept_language : "",
             accept_language ? "\r\n" : "");
    assert_int_equal(http_get(r, port, target, headers), 0);
    if (r->status != 200)
        fail_msg("%s: %d %s", target, r->status, r->body);
    assert_int_equal(http_header(r, "Content-Type", value, sizeof value), 0);
    assert_non_null(strstr(value, type));
}

typedef struct language_case {
    const char *lang;
    const char *title, *not_grouped, *implemented, *supported, *date, *actions;
} language_case;

static const language_case languages[] = {
    {"es", "Informe de mitad de período del EPU", "Sin agrupar", "Implementada", "Aceptada",
     "30 de junio de 2025", "Acciones realizadas"},
    {"en", "UPR mid-term report", "Not grouped", "Implemented", "Supported", "June 30, 2025",
     "Actions taken"},
    {"fr", "Rapport à mi-parcours de l'EPU", "Non regroupées", "Mise en œuvre", "Acceptée",
     "30 juin 2025", "Actions menées"},
};

static void assert_words(const char *text, const language_case *l)
{
    const char *words[] = {l->title, l->not_grouped, l->implemented, l->supported,
                           l->date,  l->actions,     action_title,   "Paraguay"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (strstr(text, words[i]) == NULL)
            fail_msg("%s report without \"%s\"", l->lang, words[i]);
    }
}

static void check_html(const language_case *l, const char *accept_language)
{
    http_response r;
    char target[128], lang_attr[32];
    snprintf(target, sizeof target, UPR_PY "&format=html%s%s",
             accept_language ? "" : "&lang=", accept_language ? "" : l->lang);
    fetch(&r, &coordinator, target, "text/html", accept_language);
    snprintf(lang_attr, sizeof lang_attr, "<html lang=\"%s\">", l->lang);
    assert_true(strncmp(r.body, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(r.body, lang_attr));
    assert_non_null(strstr(r.body, "</html>"));
    /* Apostrophes are escaped too ("l&#39;EPU"): read them back before looking for words. */
    for (char *p = strstr(r.body, "&#39;"); p != NULL; p = strstr(p, "&#39;")) {
        *p = '\'';
        memmove(p + 1, p + 5, strlen(p + 5) + 1);
    }
    assert_words(r.body, l);
    /* The cluster's name is text, and no script exists anywhere in the page. */
    assert_non_null(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; reports"));
    assert_null(strstr(r.body, "<script"));
    http_response_free(&r);
}

static void check_markdown(const language_case *l)
{
    http_response r;
    char target[128], title[160];
    snprintf(target, sizeof target, UPR_PY "&format=md&lang=%s", l->lang);
    fetch(&r, &coordinator, target, "text/markdown", NULL);
    snprintf(title, sizeof title, "# %s\n", l->title);
    assert_true(strncmp(r.body, title, strlen(title)) == 0);
    assert_words(r.body, l);
    assert_non_null(strstr(r.body, "\\<script\\>alert(1)\\</script\\> reports"));
    assert_null(strstr(r.body, "<script>"));
    http_response_free(&r);
}

static void check_xlsx(const language_case *l)
{
    http_response r;
    char target[128];
    snprintf(target, sizeof target, UPR_PY "&format=xlsx&lang=%s", l->lang);
    fetch(&r, &coordinator, target, "spreadsheetml.sheet", NULL);
    size_t len = 0;
    char *summary = zip_read_member((const unsigned char *)r.body, r.body_len,
                                    "xl/worksheets/sheet1.xml", &len);
    char *rows = zip_read_member((const unsigned char *)r.body, r.body_len,
                                 "xl/worksheets/sheet2.xml", &len);
    assert_non_null(summary);
    assert_non_null(rows);
    assert_non_null(strstr(summary, l->title));
    assert_non_null(strstr(summary, l->implemented));
    assert_non_null(strstr(rows, l->not_grouped));
    assert_non_null(strstr(rows, action_title));
    assert_non_null(strstr(rows, "&lt;script&gt;alert(1)&lt;/script&gt; reports"));
    free(summary);
    free(rows);
    http_response_free(&r);
}

static void test_renders_in_three_languages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
        check_html(&languages[i], NULL);
        check_markdown(&languages[i]);
        check_xlsx(&languages[i]);
    }
    /* Accept-Language chooses as everywhere in the API. */
    check_html(&languages[2], "fr-FR,fr;q=0.9,en;q=0.5");
}

static void test_treaty_followup_counts(void **state)
{
    (void)state;
    json_t *report = get_as(&unct, "/api/v1/reports/treaty-followup?state=PY&body=CCPR", 200);
    const json_t *document = json_object_get(report, "document");
    assert_string_equal(str(document, "symbol"), "CCPR/C/PRY/CO/4");
    char target[160];
    snprintf(target, sizeof target, "/api/v1/recommendations?state=PY&document=%s&limit=1",
             str(document, "symbol"));
    long long total = http_total(port, target);
    assert_true(total > 0);
    assert_int_equal(num(json_object_get(report, "totals"), "recommendations"), total);
    assert_null(json_object_get(json_object_get(report, "totals"), "by_position"));
    json_decref(report);

    report = get_as(
        &unct, "/api/v1/reports/treaty-followup?state=PY&document=CRC/C/PRY/CO/4-6&lang=fr", 200);
    total = http_total(port, "/api/v1/recommendations?state=PY&document=CRC/C/PRY/CO/4-6&limit=1");
    assert_int_equal(num(json_object_get(report, "totals"), "recommendations"), total);
    assert_string_equal(str(report, "title"), "Rapport de suivi d'un organe de traité");
    json_decref(report);

    http_response r;
    fetch(&r, &unct, "/api/v1/reports/treaty-followup?state=PY&body=CCPR&format=md&lang=es",
          "text/markdown", NULL);
    assert_non_null(strstr(r.body, "# Informe de seguimiento de un órgano de tratado"));
    assert_non_null(strstr(r.body, "CCPR/C/PRY/CO/4"));
    http_response_free(&r);
}

static void test_vnr_counts(void **state)
{
    (void)state;
    json_t *report = get_as(&unct, "/api/v1/reports/vnr?state=PY&lang=es", 200);
    const json_t *sections = json_object_get(report, "sections");
    assert_true(json_array_size(sections) > 0);
    size_t i, j;
    const json_t *goal, *sub;
    char target[160];
    json_array_foreach(sections, i, goal)
    {
        snprintf(target, sizeof target, "/api/v1/recommendations?state=PY&sdg_goal=%lld&limit=1",
                 num(goal, "goal"));
        assert_int_equal(num(goal, "count"), http_total(port, target));
        json_array_foreach(json_object_get(goal, "subsections"), j, sub)
        {
            if (str(sub, "target") == NULL)
                continue;
            snprintf(target, sizeof target,
                     "/api/v1/recommendations?state=PY&sdg_target=%s&limit=1", str(sub, "target"));
            assert_int_equal(num(sub, "count"), http_total(port, target));
        }
    }
    assert_true(strncmp(str(json_array_get(sections, 0), "heading"), "Objetivo ", 9) == 0);
    json_decref(report);
    http_response r;
    fetch(&r, &unct, "/api/v1/reports/vnr?state=PY&format=html&lang=fr", "text/html", NULL);
    assert_non_null(strstr(r.body, "Vue des ODD pour l&#39;examen national volontaire"));
    assert_non_null(strstr(r.body, "Objectif 16"));
    http_response_free(&r);
}

static void test_refusals(void **state)
{
    (void)state;
    const struct {
        const char *target;
        int status;
        const char *field;
    } cases[] = {
        {"/api/v1/reports/upr-midterm", 422, "state"},
        {"/api/v1/reports/upr-midterm?state=QQ", 422, "state"},
        {"/api/v1/reports/upr-midterm?state=P1", 422, "state"},
        {"/api/v1/reports/upr-midterm?state=PY&cycle=3", 404, "cycle"},
        {"/api/v1/reports/upr-midterm?state=PY&cycle=0", 422, "cycle"},
        {"/api/v1/reports/upr-midterm?state=PE", 404, "cycle"},
        {"/api/v1/reports/upr-midterm?state=PY&format=pdf", 422, "format"},
        {"/api/v1/reports/upr-midterm?state=PY&body=CCPR", 400, "body"},
        {"/api/v1/reports/treaty-followup?state=PY", 422, "body"},
        {"/api/v1/reports/treaty-followup?state=PY&body=Nobody", 422, "body"},
        {"/api/v1/reports/treaty-followup?state=PY&body=UPR", 422, "body"},
        {"/api/v1/reports/treaty-followup?state=PY&document=A/HRC/17/18", 422, "document"},
        {"/api/v1/reports/treaty-followup?state=PY&document=NO/SUCH/1", 422, "document"},
        {"/api/v1/reports/treaty-followup?state=ES&body=CCPR", 404, "body"},
        {"/api/v1/reports/vnr?state=XX", 422, "state"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *reply = get_as(&unct, cases[i].target, cases[i].status);
        const char *field = str(json_object_get(reply, "error"), "field");
        if (field == NULL || strcmp(field, cases[i].field) != 0)
            fail_msg("%s: field %s, expected %s", cases[i].target, field ? field : "(none)",
                     cases[i].field);
        json_decref(reply);
    }
    json_decref(get_as(&cso, UPR_PY, 403));
    json_decref(get_as(NULL, UPR_PY, 401));
}

/* Focal points read the report with their own institution's actions only. */
static void test_actions_in_the_readers_scope(void **state)
{
    (void)state;
    json_t *report = get_as(&focal_moe, UPR_PY, 200);
    assert_int_equal(num(report, "actions_institution"), moe);
    assert_int_equal(json_array_size(json_object_get(rec_in(report, rec_a), "actions")), 0);
    json_decref(report);
    report = get_as(&focal_moh, UPR_PY, 200);
    assert_int_equal(num(report, "actions_institution"), moh);
    assert_int_equal(
        num(json_array_get(json_object_get(rec_in(report, rec_a), "actions"), 0), "id"), action_id);
    json_decref(report);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_upr_counts_match_the_api),
        cmocka_unit_test(test_upr_clusters_and_status),
        cmocka_unit_test(test_renders_in_three_languages),
        cmocka_unit_test(test_treaty_followup_counts),
        cmocka_unit_test(test_vnr_counts),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_actions_in_the_readers_scope),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
