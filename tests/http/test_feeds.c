/*
 * The public change feeds over HTTP (GET /api/v1/feeds/...): what they
 * show (approved status updates, published comments under their public
 * name, ministries' answers under the institution's name) and what they
 * never show (drafts, submitted and returned updates, comments held for
 * moderation or on an unapproved update, the commenter's email or account
 * id); Atom that a real XML parser reads back to the same hostile text,
 * JSON Feed 1.1, titles in the reader's language, stable tag URIs, 304 on
 * If-None-Match, and 404/422 for unknown and malformed subjects.
 *
 * Status updates and comments have their own API on other branches, so
 * the test writes them with SQL straight into the fixture's database, as
 * those APIs will leave them. It follows items 13-15 of the Spanish UPR
 * report (A/HRC/15/6), which no other test uses; all HTTP tests share one
 * server and database, so feeds are searched for this test's entries only.
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

#define CSO_EMAIL "feeds.cso@test.hrtrack"
/* Markup, quotes and an ampersand in a public name. */
#define HOSTILE_NAME "Rosa </name></author><script>alert('x')</script> & \"amigas\" ]]>"
/* Markup, CDATA and two control characters that XML 1.0 cannot carry (\x01, ESC). */
#define HOSTILE_BODY_SQL                                                                           \
    "$h$</content></entry><script>alert(1)</script> & <![CDATA[ x ]]> $h$ || chr(1) || chr(27) "   \
    "|| "                                                                                          \
    "$h$ end$h$"
#define HOSTILE_BODY_XML                                                                           \
    "</content></entry><script>alert(1)</script> & <![CDATA[ x ]]> \xEF\xBF\xBD\xEF\xBF\xBD end"
#define HOSTILE_BODY_JSON                                                                          \
    "</content></entry><script>alert(1)</script> & <![CDATA[ x ]]> \x01\x1b end"

static int port;
static char *conninfo;
static long long rec_a, rec_b, rec_c, moh, moe;
static char paragraph_a[32]; /* rec_a's paragraph, as its feed titles cite it */
static long long cso_id, focal_id;
/* What the setup wrote. */
static long long approved, approved_b, approved_c, draft, submitted, returned;
static long long published, hostile, pending, on_draft, withdrawn, fixture_comment, answer;

static long long sql_id(const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    char *value = testdb_query(conninfo, sql);
    if (value == NULL)
        fail_msg("no value from: %s", sql);
    long long id = strtoll(value, NULL, 10);
    free(value);
    return id;
}

static long long user_id(const char *email)
{
    return sql_id("SELECT id FROM app_user WHERE email = '%s'", email);
}

/* A status update of MOH on `rec` in `state`, written by its focal point. */
static long long update(long long rec, const char *state, const char *narrative)
{
    int decided = strcmp(state, "approved") == 0 || strcmp(state, "returned") == 0;
    int sent = decided || strcmp(state, "submitted") == 0;
    return sql_id(
        "INSERT INTO status_update (recommendation_id, institution_id, status, as_of, narrative,"
        " state, return_reason, author_id, submitted_by, submitted_at, decided_by, decided_at)"
        " VALUES (%lld, %lld, 'partially_implemented', current_date, $n$%s$n$, '%s', %s, %lld,"
        " %s, %s, %s, %s) RETURNING id",
        rec, moh, narrative, state,
        strcmp(state, "returned") == 0 ? "'Add the budget figures'" : "NULL", focal_id,
        sent ? "(SELECT id FROM app_user WHERE email = 'focal.moh@test.hrtrack')" : "NULL",
        sent ? "now()" : "NULL",
        decided ? "(SELECT id FROM app_user WHERE email = 'validator.moh@test.hrtrack')" : "NULL",
        decided ? "now()" : "NULL");
}

/* A comment by `author` (0: a withdrawn account) with the SQL text `body`. */
static long long comment(const char *target, long long on, long long author, const char *body,
                         int is_published)
{
    char who[24] = "NULL";
    if (author > 0)
        snprintf(who, sizeof who, "%lld", author);
    return sql_id("INSERT INTO comment (%s, author_id, body, state, published_at) VALUES"
                  " (%lld, %s, %s, '%s', %s) RETURNING id",
                  target, on, who, body, is_published ? "published" : "pending",
                  is_published ? "now()" : "NULL");
}

static int setup(void **state)
{
    (void)state;
    json_t *page = http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=20", 200);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 16);
    rec_a = json_integer_value(json_object_get(json_array_get(items, 13), "id"));
    snprintf(paragraph_a, sizeof paragraph_a, "%s",
             json_string_value(json_object_get(json_array_get(items, 13), "paragraph")));
    rec_b = json_integer_value(json_object_get(json_array_get(items, 14), "id"));
    rec_c = json_integer_value(json_object_get(json_array_get(items, 15), "id"));
    json_decref(page);
    assert_int_equal(
        hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http"), 0);
    moh = sql_id("SELECT id FROM institution WHERE acronym = 'MOH'");
    moe = sql_id("SELECT id FROM institution WHERE acronym = 'MOE'");
    focal_id = user_id("focal.moh@test.hrtrack");
    cso_id = sql_id("INSERT INTO app_user (email, display_name, roles) VALUES ('" CSO_EMAIL
                    "', $n$" HOSTILE_NAME "$n$, '{cso}') RETURNING id");

    approved = update(rec_a, "approved", "Feeds: the decree was adopted");
    draft = update(rec_a, "draft", "Feeds: a draft nobody approved");
    submitted = update(rec_a, "submitted", "Feeds: waiting for the validator");
    returned = update(rec_a, "returned", "Feeds: sent back for figures");
    approved_b = update(rec_b, "approved", "Feeds: clinics opened on target 16.3");
    approved_c = update(rec_c, "approved", "Feeds: only suggested for 16.3");
    /* B is linked to target 16.3 by a person, C only suggested by the linker. */
    sql_id("INSERT INTO recommendation_sdg (recommendation_id, goal, target, source)"
           " VALUES (%lld, 16, '16.3', 'manual') RETURNING 1",
           rec_b);
    sql_id("INSERT INTO recommendation_sdg (recommendation_id, goal, target, source, score, reason)"
           " VALUES (%lld, 16, '16.3', 'suggested', 0.9, 'terms: tortura → 16.3') RETURNING 1",
           rec_c);

    published = comment("recommendation_id", rec_a, cso_id, "$h$Feeds: a published comment$h$", 1);
    hostile = comment("status_update_id", approved, cso_id, HOSTILE_BODY_SQL, 1);
    pending = comment("recommendation_id", rec_a, cso_id, "$h$Feeds: held for moderation$h$", 0);
    on_draft = comment("status_update_id", draft, cso_id, "$h$Feeds: on the draft$h$", 1);
    withdrawn = comment("recommendation_id", rec_a, 0, "$h$Feeds: from an erased account$h$", 1);
    /* A public name that looks like an email would tell everyone who wrote
     * what: the schema refuses it (0010), so a feed can never show one. */
    char *named_by_email =
        testdb_query(conninfo, "INSERT INTO app_user (email, display_name, roles)"
                               " VALUES ('feeds.named@test.hrtrack',"
                               " 'feeds.named@test.hrtrack', '{cso}') RETURNING id");
    assert_null(named_by_email);
    fixture_comment = comment("recommendation_id", rec_a, user_id("cso@test.hrtrack"),
                              "$h$Feeds: from the fixture commenter$h$", 1);
    answer = sql_id("INSERT INTO comment_answer (comment_id, institution_id, author_id, body)"
                    " VALUES (%lld, %lld, %lld, 'Feeds: the ministry answers') RETURNING id",
                    published, moh, focal_id);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(conninfo);
    return 0;
}

/* GET `target` with extra header lines; fails unless the status is `status`. */
static void get(http_response *r, const char *target, const char *headers, int status)
{
    assert_int_equal(http_get(r, port, target, headers), 0);
    if (r->status != status)
        fail_msg("GET %s: %d, expected %d\n%s", target, r->status, status, r->body);
}

static int contains(const http_response *r, const char *text)
{
    return r->body != NULL && strstr(r->body, text) != NULL;
}

static void assert_header_starts(const http_response *r, const char *name, const char *prefix)
{
    char value[256];
    assert_int_equal(http_header(r, name, value, sizeof value), 0);
    if (strncmp(value, prefix, strlen(prefix)) != 0)
        fail_msg("%s: %s, expected %s...", name, value, prefix);
}

/* What must never be in a public feed. */
static void assert_nothing_private(const http_response *r)
{
    assert_false(contains(r, CSO_EMAIL));
    assert_false(contains(r, "@test.hrtrack"));
    assert_false(contains(r, "author_id"));
    assert_false(contains(r, "Feeds: a draft nobody approved"));
    assert_false(contains(r, "Feeds: waiting for the validator"));
    assert_false(contains(r, "Feeds: sent back for figures"));
    assert_false(contains(r, "Add the budget figures"));
    assert_false(contains(r, "Feeds: held for moderation"));
    assert_false(contains(r, "Feeds: on the draft"));
}

/*
 * Runs a real XML parser over the document: xmllint for well-formedness,
 * then Python's ElementTree to read the hostile name and body back.
 * Returns the number of checkers that ran (0: none installed).
 */
static int run(char *const argv[])
{
    pid_t pid;
    if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ) != 0)
        return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char parse_atom_py[] =
    "import sys, xml.etree.ElementTree as E\n"
    "a = '{http://www.w3.org/2005/Atom}'\n"
    "root = E.parse(sys.argv[1]).getroot()\n"
    "assert root.tag == a + 'feed', root.tag\n"
    "for e in root.iter(a + 'entry'):\n"
    "    assert e.find(a + 'id').text.startswith('tag:hrtrack,2024:')\n"
    "    assert e.find(a + 'title').text and e.find(a + 'updated').text\n"
    "names = [n.text for n in root.iter(a + 'name')]\n"
    "bodies = [c.text for c in root.iter(a + 'content')]\n"
    "sys.exit(0 if sys.argv[2] in names and sys.argv[3] in bodies else 3)\n";

static int check_xml(const http_response *r)
{
    char path[] = "/tmp/hrtrack-feed-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, r->body, r->body_len), (ssize_t)r->body_len);
    close(fd);
    int checkers = 0;
    char *xmllint[] = {"xmllint", "--noout", path, NULL};
    int rc = run(xmllint);
    if (rc >= 0 && rc != 127) {
        assert_int_equal(rc, 0);
        checkers++;
    }
    char *python[] = {"python3",        "-c", (char *)parse_atom_py, path, HOSTILE_NAME,
                      HOSTILE_BODY_XML, NULL};
    rc = run(python);
    if (rc >= 0 && rc != 127) {
        assert_int_equal(rc, 0);
        checkers++;
    }
    unlink(path);
    return checkers;
}

static void test_atom_shows_public_entries_only(void **state)
{
    (void)state;
    char target[128], id[80];
    snprintf(target, sizeof target, "/api/v1/feeds/recommendations/%lld", rec_a);
    http_response r;
    get(&r, target, NULL, 200);
    assert_header_starts(&r, "Content-Type", "application/atom+xml");
    assert_true(contains(&r, "Feeds: the decree was adopted"));
    assert_true(contains(&r, "Feeds: a published comment"));
    assert_true(contains(&r, "Feeds: the ministry answers"));
    assert_true(contains(&r, "Feeds: from an erased account"));
    assert_true(contains(&r, "<name>a withdrawn account</name>"));
    assert_true(contains(&r, "<name>Ministry of Health</name>"));
    assert_true(contains(&r, "Feeds: from the fixture commenter"));
    assert_true(contains(&r, "<name>Voces del Sur</name>"));
    /* The hostile name and body arrive escaped, the control characters replaced. */
    assert_true(
        contains(&r, "Rosa &lt;/name&gt;&lt;/author&gt;&lt;script&gt;alert(&apos;x&apos;)"));
    assert_false(contains(&r, "<script>"));
    assert_false(contains(&r, "\x01"));
    assert_false(contains(&r, "\x1b"));
    assert_nothing_private(&r);
    snprintf(id, sizeof id, "<id>tag:hrtrack,2024:status-update/%lld</id>", approved);
    assert_true(contains(&r, id));
    snprintf(id, sizeof id, "<id>tag:hrtrack,2024:comment/%lld</id>", hostile);
    assert_true(contains(&r, id));
    snprintf(id, sizeof id, "<id>tag:hrtrack,2024:comment-answer/%lld</id>", answer);
    assert_true(contains(&r, id));
    snprintf(id, sizeof id, "<id>tag:hrtrack,2024:comment/%lld</id>", fixture_comment);
    assert_true(contains(&r, id));
    snprintf(id, sizeof id, "<id>tag:hrtrack,2024:comment/%lld</id>", withdrawn);
    assert_true(contains(&r, id));
    long long hidden[] = {draft, submitted, returned};
    for (size_t i = 0; i < 3; i++) {
        snprintf(id, sizeof id, "tag:hrtrack,2024:status-update/%lld<", hidden[i]);
        assert_false(contains(&r, id));
    }
    snprintf(id, sizeof id, "tag:hrtrack,2024:comment/%lld<", pending);
    assert_false(contains(&r, id));
    snprintf(id, sizeof id, "tag:hrtrack,2024:comment/%lld<", on_draft);
    assert_false(contains(&r, id));
    if (check_xml(&r) == 0)
        print_message("no XML parser installed (xmllint, python3): well-formedness not checked\n");
    http_response_free(&r);
}

/* Every "updated" and "published" of the document is RFC 3339 in UTC. */
static void assert_rfc3339(const char *t)
{
    assert_non_null(t);
    assert_int_equal(strlen(t), 20);
    for (int i = 0; i < 20; i++) {
        char want = "0000-00-00T00:00:00Z"[i];
        if (want == '0')
            assert_true(t[i] >= '0' && t[i] <= '9');
        else
            assert_int_equal(t[i], want);
    }
}

static json_t *item_with_id(json_t *feed, const char *id)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(feed, "items"), i, item)
    {
        if (strcmp(json_string_value(json_object_get(item, "id")), id) == 0)
            return item;
    }
    return NULL;
}

/* No key of `j`, at any depth, names a person's account. */
static void assert_no_account_keys(const json_t *j)
{
    const char *key;
    json_t *value;
    size_t i;
    if (json_is_object(j)) {
        json_object_foreach((json_t *)j, key, value)
        {
            assert_true(strcmp(key, "author_id") != 0 && strcmp(key, "user_id") != 0 &&
                        strcmp(key, "email") != 0);
            assert_no_account_keys(value);
        }
    }
    json_array_foreach(j, i, value)
    {
        assert_no_account_keys(value);
    }
}

static void test_json_feed(void **state)
{
    (void)state;
    char target[128], id[80];
    snprintf(target, sizeof target, "/api/v1/feeds/recommendations/%lld?format=json", rec_a);
    http_response r;
    get(&r, target, NULL, 200);
    assert_header_starts(&r, "Content-Type", "application/feed+json");
    assert_nothing_private(&r);
    json_t *feed = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(feed);
    assert_string_equal(json_string_value(json_object_get(feed, "version")),
                        "https://jsonfeed.org/version/1.1");
    assert_non_null(strstr(json_string_value(json_object_get(feed, "title")), "A/HRC/15/6"));
    assert_true(json_is_array(json_object_get(feed, "items")));
    assert_no_account_keys(feed);
    snprintf(id, sizeof id, "tag:hrtrack,2024:comment/%lld", hostile);
    json_t *item = item_with_id(feed, id);
    assert_non_null(item);
    assert_string_equal(json_string_value(json_object_get(item, "content_text")),
                        HOSTILE_BODY_JSON);
    json_t *author = json_array_get(json_object_get(item, "authors"), 0);
    assert_string_equal(json_string_value(json_object_get(author, "name")), HOSTILE_NAME);
    assert_rfc3339(json_string_value(json_object_get(item, "date_published")));
    snprintf(id, sizeof id, "tag:hrtrack,2024:status-update/%lld", approved);
    item = item_with_id(feed, id);
    assert_non_null(item);
    char title[128];
    snprintf(title, sizeof title, "Status of A/HRC/15/6 \xC2\xB6%s: Partially implemented",
             paragraph_a);
    assert_string_equal(json_string_value(json_object_get(item, "title")), title);
    assert_rfc3339(json_string_value(json_object_get(item, "date_modified")));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(item, "_hrtrack"), "status")),
        "partially_implemented");
    snprintf(id, sizeof id, "tag:hrtrack,2024:comment/%lld", on_draft);
    assert_null(item_with_id(feed, id));
    /* Newest first. */
    const char *previous = "9999";
    size_t i;
    json_array_foreach(json_object_get(feed, "items"), i, item)
    {
        const char *t = json_string_value(json_object_get(item, "date_published"));
        assert_true(strcmp(t, previous) <= 0);
        previous = t;
    }
    json_decref(feed);
    http_response_free(&r);

    /* Accept chooses the format when ?format= does not. */
    snprintf(target, sizeof target, "/api/v1/feeds/recommendations/%lld", rec_a);
    get(&r, target, "Accept: application/feed+json\r\n", 200);
    assert_header_starts(&r, "Content-Type", "application/feed+json");
    http_response_free(&r);
}

static void test_titles_follow_the_language(void **state)
{
    (void)state;
    char target[128];
    snprintf(target, sizeof target, "/api/v1/feeds/recommendations/%lld?lang=es", rec_a);
    http_response r;
    get(&r, target, NULL, 200);
    assert_true(contains(&r, "<title>Recomendación A/HRC/15/6"));
    assert_true(contains(&r, "<title>Estado de A/HRC/15/6"));
    assert_true(contains(&r, "Parcialmente implementada</title>"));
    assert_true(contains(&r, "<name>Ministerio de Salud</name>"));
    assert_true(contains(&r, "<name>una cuenta retirada</name>"));
    http_response_free(&r);
    snprintf(target, sizeof target, "/api/v1/feeds/recommendations/%lld", rec_a);
    get(&r, target, "Accept-Language: fr-FR, en;q=0.5\r\n", 200);
    assert_true(contains(&r, "xml:lang=\"fr\""));
    assert_true(contains(&r, "<title>Statut de A/HRC/15/6"));
    assert_true(contains(&r, "<title>Réponse de Ministère de la Santé sur A/HRC/15/6"));
    http_response_free(&r);
}

static void test_sdg_target_state_and_institution_feeds(void **state)
{
    (void)state;
    char id_b[80], id_c[80], id_a[80], answer_id[80], target[128];
    snprintf(id_a, sizeof id_a, "tag:hrtrack,2024:status-update/%lld<", approved);
    snprintf(id_b, sizeof id_b, "tag:hrtrack,2024:status-update/%lld<", approved_b);
    snprintf(id_c, sizeof id_c, "tag:hrtrack,2024:status-update/%lld<", approved_c);
    snprintf(answer_id, sizeof answer_id, "tag:hrtrack,2024:comment-answer/%lld<", answer);
    http_response r;
    get(&r, "/api/v1/feeds/sdg-targets/16.3", NULL, 200);
    assert_true(contains(&r, "<title>SDG target 16.3</title>"));
    assert_true(contains(&r, id_b));
    assert_false(contains(&r, id_c)); /* a suggested link is not a link yet */
    assert_false(contains(&r, id_a));
    assert_nothing_private(&r);
    http_response_free(&r);

    get(&r, "/api/v1/feeds/states/es?lang=es", NULL, 200);
    assert_true(contains(&r, "<title>Recomendaciones a España</title>"));
    assert_true(contains(&r, id_a));
    assert_true(contains(&r, id_b));
    assert_nothing_private(&r);
    http_response_free(&r);

    snprintf(target, sizeof target, "/api/v1/feeds/institutions/%lld", moh);
    get(&r, target, NULL, 200);
    assert_true(contains(&r, "<title>Follow-up by Ministry of Health</title>"));
    assert_true(contains(&r, id_a));
    assert_true(contains(&r, answer_id));
    assert_false(contains(&r, "Feeds: a published comment</content>"));
    assert_nothing_private(&r);
    http_response_free(&r);
    snprintf(target, sizeof target, "/api/v1/feeds/institutions/%lld?format=json", moe);
    get(&r, target, NULL, 200);
    assert_false(contains(&r, "Feeds: the decree was adopted"));
    assert_false(contains(&r, "Feeds: the ministry answers"));
    http_response_free(&r);
}

static void test_conditional_get(void **state)
{
    (void)state;
    char target[128], etag[128], again[128], headers[192];
    snprintf(target, sizeof target, "/api/v1/feeds/recommendations/%lld", rec_a);
    http_response r;
    get(&r, target, NULL, 200);
    assert_int_equal(http_header(&r, "ETag", etag, sizeof etag), 0);
    assert_int_equal(etag[0], '"');
    assert_header_starts(&r, "Last-Modified", "");
    char *first = strdup(r.body);
    http_response_free(&r);

    /* The same document, the same ETag and ids: nothing moved. */
    get(&r, target, NULL, 200);
    assert_int_equal(http_header(&r, "ETag", again, sizeof again), 0);
    assert_string_equal(etag, again);
    assert_string_equal(r.body, first);
    free(first);
    http_response_free(&r);

    snprintf(headers, sizeof headers, "If-None-Match: \"other\", %s\r\n", etag);
    get(&r, target, headers, 304);
    assert_int_equal(r.body_len, 0);
    http_response_free(&r);
    snprintf(headers, sizeof headers, "If-None-Match: W/%s\r\n", etag);
    get(&r, target, headers, 304);
    http_response_free(&r);
    /* Another language is another document. */
    snprintf(target, sizeof target, "/api/v1/feeds/recommendations/%lld?lang=fr", rec_a);
    snprintf(headers, sizeof headers, "If-None-Match: %s\r\n", etag);
    get(&r, target, headers, 200);
    http_response_free(&r);
}

static void test_unknown_and_malformed_subjects(void **state)
{
    (void)state;
    http_assert_error_field(port, "/api/v1/feeds/recommendations/999999999", 404, "id");
    http_assert_error_field(port, "/api/v1/feeds/recommendations/abc", 422, "id");
    http_assert_error_field(port, "/api/v1/feeds/recommendations/0", 422, "id");
    http_assert_error_field(port, "/api/v1/feeds/recommendations/-5", 422, "id");
    http_assert_error_field(port, "/api/v1/feeds/recommendations/99999999999999999999", 422, "id");
    http_assert_error_field(port, "/api/v1/feeds/institutions/999999", 404, "id");
    http_assert_error_field(port, "/api/v1/feeds/institutions/1x", 422, "id");
    http_assert_error_field(port, "/api/v1/feeds/sdg-targets/16.99", 404, "code");
    http_assert_error_field(port, "/api/v1/feeds/sdg-targets/16", 422, "code");
    http_assert_error_field(port, "/api/v1/feeds/sdg-targets/16.3.1", 422, "code");
    http_assert_error_field(port, "/api/v1/feeds/states/QQ", 404, "code");
    http_assert_error_field(port, "/api/v1/feeds/states/ESP", 422, "code");
    http_assert_error_field(port, "/api/v1/feeds/states/E1", 422, "code");
    http_assert_error_field(port, "/api/v1/feeds/states/ES?format=rss", 422, "format");
    http_assert_error_field(port, "/api/v1/feeds/states/ES?limit=5", 400, "limit");
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atom_shows_public_entries_only),
        cmocka_unit_test(test_json_feed),
        cmocka_unit_test(test_titles_follow_the_language),
        cmocka_unit_test(test_sdg_target_state_and_institution_feeds),
        cmocka_unit_test(test_conditional_get),
        cmocka_unit_test(test_unknown_and_malformed_subjects),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
