/*
 * Civil-society participation over HTTP (issue 7, acceptance 2): CSO
 * self-registration (an address that has an account gets the same reply
 * and no second account); a comment is invisible to the public, in the
 * list and in every export, until a coordinator publishes it; a rejected
 * one stays invisible and its reason is shown to its author only;
 * ministries' answers appear under the comment; the commenter's email and
 * account id appear nowhere in public JSON, CSV/XLSX/JSON exports, the
 * change feeds (Atom and JSON Feed), the
 * coordinator's audit view or the server log; the admins' read of an
 * author works and is audit-logged; erasure both ways.
 *
 * It uses recommendations 120-123 of the Spanish UPR report (A/HRC/15/6),
 * which no other test uses, and accounts it registers itself (the
 * fixture's cso@ is the access matrix's). All HTTP tests share one server
 * and database: lists are narrowed to this test's rows.
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

#define CSO_PASSWORD "a long pass phrase for a commenter"
#define MAX_CSOS     16

static int port;
static char *conninfo;
static http_session admin, coordinator, focal_moh, validator_moh, focal_moe;
static long long rec[4], moh;

/* Every CSO this test registered: what must never leak. */
static struct {
    char email[128];
    int id;
} csos[MAX_CSOS];
static int cso_count;

static json_t *call(const http_session *s, const char *method, const char *target, int status,
                    const char *fmt, ...)
{
    char body[8192];
    const char *text = NULL;
    if (fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(body, sizeof body, fmt, ap);
        va_end(ap);
        text = body;
    }
    return http_call(port, s, method, target, text, status);
}

static long long id_of(const json_t *j)
{
    return json_integer_value(json_object_get(j, "id"));
}

static long long version_of(const json_t *j)
{
    return json_integer_value(json_object_get(j, "version"));
}

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
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

static void assert_sql(const char *expected, const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    char *got = testdb_query(conninfo, sql);
    if (got == NULL || strcmp(got, expected) != 0)
        fail_msg("%s: got %s, expected %s", sql, got ? got : "(null)", expected);
    free(got);
}

/*
 * Where `needle` occurs in text[0..len), or NULL; with `whole_number`, an
 * occurrence followed by a digit does not count ("user:12" is not "user:1").
 */
static const char *find_in(const char *text, size_t len, const char *needle, int whole_number)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n > 0 && i + n <= len; i++) {
        if (memcmp(text + i, needle, n) != 0)
            continue;
        if (!whole_number || i + n == len || text[i + n] < '0' || text[i + n] > '9')
            return text + i;
    }
    return NULL;
}

/* Fails when `text` holds the email or the "user:ID" log name of any CSO of this test. */
static void assert_no_cso(const char *text, size_t len, const char *where)
{
    for (int i = 0; i < cso_count; i++) {
        char actor[32];
        snprintf(actor, sizeof actor, "user:%d", csos[i].id);
        if (find_in(text, len, csos[i].email, 0) != NULL)
            fail_msg("%s holds the email %s", where, csos[i].email);
        if (find_in(text, len, actor, 1) != NULL)
            fail_msg("%s holds %s", where, actor);
    }
}

/* No key of `j`, at any depth, names an author or a user: only the public name ("author"). */
static void assert_no_author_keys(const json_t *j, const char *where)
{
    const char *key;
    json_t *value;
    size_t i;
    if (json_is_array(j)) {
        json_array_foreach(j, i, value) assert_no_author_keys(value, where);
        return;
    }
    json_object_foreach((json_t *)j, key, value)
    {
        if (strstr(key, "author_id") || strstr(key, "user") || strstr(key, "email") ||
            strstr(key, "moderated_by"))
            fail_msg("%s has a key \"%s\"", where, key);
        assert_no_author_keys(value, where);
    }
}

static void assert_text_clean(const json_t *j, const char *where)
{
    char *text = json_dumps(j, JSON_COMPACT);
    assert_non_null(text);
    assert_no_cso(text, strlen(text), where);
    free(text);
}

static void assert_json_clean(const json_t *j, const char *where)
{
    assert_text_clean(j, where);
    assert_no_author_keys(j, where);
}

/*
 * An audit page names no CSO of this test (text), no entry is by one
 * (user_id), and no row image of a comment carries its author.
 */
static void assert_audit_clean(const json_t *page, const char *where)
{
    assert_text_clean(page, where);
    json_t *items = json_object_get(page, "items");
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *e = json_array_get(items, i);
        long long user = json_integer_value(json_object_get(e, "user_id"));
        for (int k = 0; k < cso_count; k++) {
            if (user == csos[k].id)
                fail_msg("%s: entry %lld is by a CSO", where, id_of(e));
        }
        if (strcmp(str(e, "entity"), "comment") == 0 &&
            (json_object_get(json_object_get(e, "before"), "author_id") != NULL ||
             json_object_get(json_object_get(e, "after"), "author_id") != NULL))
            fail_msg("%s: entry %lld shows a comment's author", where, id_of(e));
    }
}

/* Registers a CSO (a unique email per run) and signs it in. Returns its index. */
static int new_cso(http_session *s, const char *name, const char *public_name)
{
    assert_true(cso_count < MAX_CSOS);
    int k = cso_count++;
    snprintf(csos[k].email, sizeof csos[k].email, "%s.%d@defenders.example", name, (int)getpid());
    json_t *done = call(NULL, "POST", "/api/v1/registrations", 202,
                        "{\"email\":\"%s\",\"public_name\":\"%s\",\"password\":\"" CSO_PASSWORD
                        "\",\"organisation\":\"Red de Defensoras %d\"}",
                        csos[k].email, public_name, (int)getpid());
    json_decref(done);
    char *id = sql_value("SELECT id FROM app_user WHERE email = '%s'", csos[k].email);
    assert_non_null(id);
    csos[k].id = (int)strtol(id, NULL, 10);
    free(id);
    assert_int_equal(http_login(s, port, csos[k].email, CSO_PASSWORD), 201);
    return k;
}

static json_t *comment_on(const http_session *s, long long recommendation, const char *text)
{
    return call(s, "POST", "/api/v1/comments", 201, "{\"recommendation_id\":%lld,\"body\":\"%s\"}",
                recommendation, text);
}

/* The public comments of a recommendation, in `lang`. */
static json_t *public_list(long long recommendation, const char *lang)
{
    char target[128];
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld/comments?limit=200&lang=%s",
             recommendation, lang);
    json_t *list = http_json(port, target, 200);
    assert_json_clean(list, target);
    return list;
}

static json_t *find(const json_t *list, long long id)
{
    json_t *items = json_object_get(list, "items");
    for (size_t i = 0; i < json_array_size(items); i++) {
        if (id_of(json_array_get(items, i)) == id)
            return json_array_get(items, i);
    }
    return NULL;
}

/* The export of a recommendation's public comments, as text (XLSX: its sheet and strings). */
static char *public_export(long long recommendation, const char *format, size_t *len)
{
    char target[160];
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld/comments?format=%s&lang=fr",
             recommendation, format);
    http_response r;
    assert_int_equal(http_get(&r, port, target, NULL), 0);
    assert_int_equal(r.status, 200);
    char *text = NULL;
    if (strcmp(format, "xlsx") != 0) {
        text = r.body;
        *len = r.body_len;
        r.body = NULL;
    } else {
        size_t sheet_len = 0, strings_len = 0;
        char *sheet = zip_read_member((const unsigned char *)r.body, r.body_len,
                                      "xl/worksheets/sheet1.xml", &sheet_len);
        char *strings = zip_read_member((const unsigned char *)r.body, r.body_len,
                                        "xl/sharedStrings.xml", &strings_len);
        assert_non_null(sheet);
        text = malloc(sheet_len + strings_len + 1);
        assert_non_null(text);
        memcpy(text, sheet, sheet_len);
        if (strings != NULL)
            memcpy(text + sheet_len, strings, strings_len);
        *len = sheet_len + (strings ? strings_len : 0);
        text[*len] = '\0';
        free(sheet);
        free(strings);
    }
    http_response_free(&r);
    assert_no_cso(text, *len, target);
    return text;
}

/* Whether every export of the recommendation's comments holds `needle`: 1 all, 0 none. */
static int exports_hold(long long recommendation, const char *needle)
{
    static const char *const formats[] = {"csv", "json", "xlsx"};
    int held = 0;
    for (int f = 0; f < 3; f++) {
        size_t len = 0;
        char *text = public_export(recommendation, formats[f], &len);
        held += find_in(text, len, needle, 0) != NULL;
        free(text);
    }
    if (held != 0 && held != 3)
        fail_msg("\"%s\" is in %d of the 3 exports", needle, held);
    return held == 3;
}

/*
 * Whether both change feeds of the recommendation (Atom and JSON Feed)
 * hold `needle`: 1 both, 0 neither. Either way, neither may name a
 * commenter of this test by email or account id.
 */
static int feeds_hold(long long recommendation, const char *needle)
{
    static const char *const formats[] = {"atom", "json"};
    int held = 0;
    for (int f = 0; f < 2; f++) {
        char target[160];
        snprintf(target, sizeof target, "/api/v1/feeds/recommendations/%lld?format=%s&lang=es",
                 recommendation, formats[f]);
        http_response r;
        assert_int_equal(http_get(&r, port, target, NULL), 0);
        assert_int_equal(r.status, 200);
        assert_no_cso(r.body, r.body_len, target);
        held += find_in(r.body, r.body_len, needle, 0) != NULL;
        http_response_free(&r);
    }
    if (held == 1)
        fail_msg("\"%s\" is in one of the 2 feeds", needle);
    return held == 2;
}

static json_t *moderate(long long id, const char *move, int status, const char *fmt, ...)
{
    char target[128], body[1024];
    snprintf(target, sizeof target, "/api/v1/comments/%lld/%s", id, move);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    return http_call(port, &coordinator, "POST", target, body, status);
}

static void publish(const json_t *comment)
{
    json_decref(
        moderate(id_of(comment), "publish", 200, "{\"version\":%lld}", version_of(comment)));
}

static int setup(void **state)
{
    (void)state;
    assert_int_equal(
        hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http"), 0);
    http_login_ok(&admin, port, "admin@test.hrtrack");
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal_moh, port, "focal.moh@test.hrtrack");
    http_login_ok(&validator_moh, port, "validator.moh@test.hrtrack");
    http_login_ok(&focal_moe, port, "focal.moe@test.hrtrack");
    json_t *page = http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=200", 200);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 124);
    for (int i = 0; i < 4; i++)
        rec[i] = id_of(json_array_get(items, (size_t)(120 + i)));
    json_decref(page);
    char *id = sql_value("SELECT id FROM institution WHERE acronym = 'MOH'");
    moh = strtoll(id, NULL, 10);
    free(id);
    /* rec[0] is MOH's to answer (assignments are written by another branch's routes). */
    free(sql_value("INSERT INTO rec_assignment (recommendation_id, institution_id, role)"
                   " VALUES (%lld, %lld, 'lead') RETURNING 1",
                   rec[0], moh));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(conninfo);
    return 0;
}

static void test_registration_does_not_tell_who_has_an_account(void **state)
{
    (void)state;
    http_session s;
    int k = new_cso(&s, "ana", "Ana del Norte");
    json_t *account = call(&s, "GET", "/api/v1/account", 200, NULL);
    assert_string_equal(str(account, "email"), csos[k].email);
    assert_string_equal(str(account, "public_name"), "Ana del Norte");
    assert_string_equal(json_string_value(json_array_get(json_object_get(account, "roles"), 0)),
                        "cso");
    json_decref(account);
    /* The same address again, even in capitals and with another password: the same reply. */
    char upper[128];
    snprintf(upper, sizeof upper, "%s", csos[k].email);
    upper[0] = 'A';
    const char *fmt = "{\"email\":\"%s\",\"public_name\":\"%s\",\"password\":\"%s\","
                      "\"organisation\":\"Red de Defensoras %d\"}";
    json_t *first = NULL;
    for (int i = 0; i < 2; i++) {
        json_t *again = call(NULL, "POST", "/api/v1/registrations?lang=es", 202, fmt,
                             i == 0 ? csos[k].email : upper, "Impostor", "another long pass phrase",
                             (int)getpid());
        assert_json_clean(again, "the reply to a registration");
        if (first == NULL)
            first = again;
        else {
            assert_true(json_equal(first, again));
            json_decref(again);
        }
    }
    json_t *fresh = call(NULL, "POST", "/api/v1/registrations?lang=es", 202,
                         "{\"email\":\"nadie.%d@defenders.example\",\"public_name\":\"N\","
                         "\"password\":\"" CSO_PASSWORD "\"}",
                         (int)getpid());
    assert_true(json_equal(first, fresh));
    json_decref(first);
    json_decref(fresh);
    /* Nothing was created or changed: one account, the first password, the first name. */
    assert_sql("1", "SELECT count(*) FROM app_user WHERE email = '%s'", csos[k].email);
    http_session other;
    assert_int_equal(http_login(&other, port, csos[k].email, "another long pass phrase"), 401);
    account = call(&s, "GET", "/api/v1/account", 200, NULL);
    assert_string_equal(str(account, "public_name"), "Ana del Norte");
    json_decref(account);
    /* Refusals name the field, never echo the value. */
    json_t *bad = call(NULL, "POST", "/api/v1/registrations", 422,
                       "{\"email\":\"not an email\",\"public_name\":\"X\",\"password\":\"%s\"}",
                       CSO_PASSWORD);
    assert_string_equal(str(json_object_get(bad, "error"), "field"), "email");
    json_decref(bad);
    bad = call(NULL, "POST", "/api/v1/registrations", 422,
               "{\"email\":\"%s\",\"public_name\":\"X\",\"password\":\"short\"}", csos[k].email);
    assert_string_equal(str(json_object_get(bad, "error"), "field"), "password");
    assert_json_clean(bad, "a refused registration");
    json_decref(bad);
    /* Taking another account's email is not done, and the reply does not say so. */
    account = call(&s, "GET", "/api/v1/account", 200, NULL);
    json_t *taken = call(&s, "PATCH", "/api/v1/account", 200,
                         "{\"email\":\"CSO@test.hrtrack\",\"version\":%lld}", version_of(account));
    assert_string_equal(str(taken, "email"), "cso@test.hrtrack");
    assert_int_equal(version_of(taken), version_of(account) + 1);
    json_decref(taken);
    json_decref(account);
    account = call(&s, "GET", "/api/v1/account", 200, NULL);
    assert_string_equal(str(account, "email"), csos[k].email);
    http_session fixture_cso;
    assert_int_equal(http_login(&fixture_cso, port, "cso@test.hrtrack", HTTP_TEST_PASSWORD), 201);
    /* A free address is taken, and signs in from then on. */
    assert_true(cso_count < MAX_CSOS);
    int moved = cso_count++;
    csos[moved].id = csos[k].id;
    snprintf(csos[moved].email, sizeof csos[moved].email, "ana.nueva.%d@defenders.example",
             (int)getpid());
    json_t *changed = call(&s, "PATCH", "/api/v1/account", 200,
                           "{\"email\":\"%s\",\"organisation\":null,\"version\":%lld}",
                           csos[moved].email, version_of(account));
    assert_string_equal(str(changed, "email"), csos[moved].email);
    assert_true(json_is_null(json_object_get(changed, "organisation")));
    json_decref(changed);
    json_decref(account);
    assert_int_equal(http_login(&other, port, csos[moved].email, CSO_PASSWORD), 201);
    assert_int_equal(http_login(&other, port, csos[k].email, CSO_PASSWORD), 401);
    /* Staff routes stay closed to a registered account. */
    json_decref(call(&s, "GET", "/api/v1/comments", 403, NULL));
    json_decref(call(&s, "GET", "/api/v1/audit", 403, NULL));
}

static void test_comment_is_public_only_once_published(void **state)
{
    (void)state;
    http_session s;
    new_cso(&s, "bea", "Bea Sur");
    const char *text = "Las defensoras rurales no fueron consultadas sobre el plan (120).";
    json_t *c = comment_on(&s, rec[0], text);
    assert_string_equal(str(c, "state"), "pending");
    long long id = id_of(c);
    /* Invisible to the public: list and every export. */
    json_t *list = public_list(rec[0], "en");
    assert_null(find(list, id));
    json_decref(list);
    assert_false(exports_hold(rec[0], "no fueron consultadas"));
    assert_false(feeds_hold(rec[0], "no fueron consultadas"));
    /* The moderators' queue shows what it says and what it is about, not who wrote it. */
    json_t *queue =
        call(&coordinator, "GET", "/api/v1/comments?state=pending&limit=200", 200, NULL);
    assert_json_clean(queue, "the moderation queue");
    json_t *item = find(queue, id);
    assert_non_null(item);
    assert_string_equal(str(item, "body"), text);
    json_t *about = json_object_get(item, "about");
    assert_string_equal(str(about, "document"), "A/HRC/15/6");
    assert_int_equal(json_integer_value(json_object_get(about, "recommendation_id")), rec[0]);
    json_decref(queue);
    /* A stale version is a 409 carrying the comment as it is. */
    json_t *conflict = moderate(id, "publish", 409, "{\"version\":%lld}", version_of(c) + 1);
    assert_int_equal(id_of(json_object_get(json_object_get(conflict, "error"), "current")), id);
    assert_json_clean(conflict, "a 409 of moderation");
    json_decref(conflict);
    publish(c);
    json_decref(c);
    list = public_list(rec[0], "en");
    item = find(list, id);
    assert_non_null(item);
    assert_string_equal(str(item, "author"), "Bea Sur");
    assert_true(json_is_false(json_object_get(item, "withdrawn_account")));
    assert_non_null(str(item, "published_at"));
    assert_string_equal(str(item, "body"), text);
    json_decref(list);
    assert_true(exports_hold(rec[0], "no fueron consultadas"));
    assert_true(exports_hold(rec[0], "Bea Sur"));
    assert_true(feeds_hold(rec[0], "no fueron consultadas"));
    assert_true(feeds_hold(rec[0], "Bea Sur"));
    /* Published is out of the queue. */
    queue = call(&coordinator, "GET", "/api/v1/comments?limit=200", 200, NULL);
    assert_null(find(queue, id));
    json_decref(queue);
}

static void test_rejected_reason_is_for_the_author_only(void **state)
{
    (void)state;
    http_session s, other;
    new_cso(&s, "carla", "Carla Este");
    new_cso(&other, "dora", "Dora Oeste");
    const char *reason = "Names a third person who did not consent.";
    json_t *c = comment_on(&s, rec[1], "El funcionario X me amenazo (121).");
    long long id = id_of(c);
    json_t *rejected =
        moderate(id, "reject", 200, "{\"version\":%lld,\"reason\":\"%s\"}", version_of(c), reason);
    assert_string_equal(str(rejected, "state"), "rejected");
    json_decref(rejected);
    json_decref(c);
    json_t *list = public_list(rec[1], "en");
    assert_null(find(list, id));
    json_decref(list);
    assert_false(exports_hold(rec[1], "amenazo"));
    assert_false(exports_hold(rec[1], "third person"));
    /* Its author sees the reason; someone else sees nothing of it. */
    json_t *mine = call(&s, "GET", "/api/v1/account/comments", 200, NULL);
    json_t *item = find(mine, id);
    assert_non_null(item);
    assert_string_equal(str(item, "state"), "rejected");
    assert_string_equal(str(item, "moderation_reason"), reason);
    json_decref(mine);
    json_t *theirs = call(&other, "GET", "/api/v1/account/comments", 200, NULL);
    assert_null(find(theirs, id));
    json_decref(theirs);
    char target[128];
    snprintf(target, sizeof target, "/api/v1/comments/%lld/withdraw", id);
    json_decref(call(&other, "POST", target, 404, "{\"version\":2}"));
    /* The author may withdraw it: the text goes. */
    json_t *gone = call(&s, "POST", target, 200, "{\"version\":2}");
    assert_string_equal(str(gone, "state"), "withdrawn");
    assert_true(json_is_null(json_object_get(gone, "body")));
    json_decref(gone);
    /* The author's own export says the same. */
    http_response r;
    assert_int_equal(
        http_send_as(&r, port, &s, "GET", "/api/v1/account/comments?format=csv", NULL, 1), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "withdrawn"));
    assert_null(strstr(r.body, "amenazo"));
    http_response_free(&r);
}

static void test_answers_appear_under_the_comment(void **state)
{
    (void)state;
    http_session s;
    new_cso(&s, "elena", "Elena Centro");
    json_t *c = comment_on(&s, rec[0], "Pedimos el calendario de las consultas (120b).");
    long long id = id_of(c);
    char target[128];
    snprintf(target, sizeof target, "/api/v1/comments/%lld/answers", id);
    /* Not before it is public. */
    json_decref(call(&focal_moh, "POST", target, 404, "{\"body\":\"Too early\"}"));
    publish(c);
    json_decref(c);
    /* MOE is not assigned to the recommendation; the coordinator speaks for no ministry. */
    json_decref(call(&focal_moe, "POST", target, 403, "{\"body\":\"Not ours\"}"));
    json_decref(call(&coordinator, "POST", target, 403, "{\"body\":\"Not ours\"}"));
    json_t *answer = call(&focal_moh, "POST", target, 201,
                          "{\"body\":\"El calendario se publicara en marzo.\"}");
    assert_string_equal(str(answer, "institution"), "MOH");
    assert_json_clean(answer, "an answer");
    char one[160];
    snprintf(one, sizeof one, "%s/%lld", target, id_of(answer));
    /* The validator of the same institution may edit it; another institution may not. */
    json_decref(call(&focal_moe, "PATCH", one, 403, "{\"body\":\"x\",\"version\":1}"));
    json_t *edited = call(&validator_moh, "PATCH", one, 200,
                          "{\"body\":\"El calendario se publicara en marzo de 2026.\","
                          "\"version\":1}");
    assert_int_equal(version_of(edited), 2);
    json_decref(edited);
    json_t *stale = call(&focal_moh, "PATCH", one, 409, "{\"body\":\"y\",\"version\":1}");
    assert_int_equal(version_of(json_object_get(json_object_get(stale, "error"), "current")), 2);
    json_decref(stale);
    json_t *list = public_list(rec[0], "es");
    json_t *item = find(list, id);
    assert_non_null(item);
    json_t *shown = json_array_get(json_object_get(item, "answers"), 0);
    assert_string_equal(str(shown, "body"), "El calendario se publicara en marzo de 2026.");
    assert_string_equal(str(shown, "institution_name"), "Ministerio de Salud");
    json_decref(list);
    assert_true(exports_hold(rec[0], "Ministère de la Santé: El calendario se publicara"));
    /* Staff are never named in an answer. */
    assert_false(exports_hold(rec[0], "focal.moh"));
    /* A second answer, deleted by its institution. */
    json_t *extra = call(&validator_moh, "POST", target, 201, "{\"body\":\"Borrador\"}");
    snprintf(one, sizeof one, "%s/%lld?version=1", target, id_of(extra));
    json_decref(call(&focal_moe, "DELETE", one, 403, NULL));
    json_decref(call(&focal_moh, "DELETE", one, 200, NULL));
    json_decref(extra);
    json_decref(answer);
    assert_false(exports_hold(rec[0], "Borrador"));
}

static void test_audit_does_not_reveal_the_author(void **state)
{
    (void)state;
    http_session s;
    int k = new_cso(&s, "flor", "Flor Norte");
    json_t *c = comment_on(&s, rec[2], "Sin avances en la region (122).");
    long long id = id_of(c);
    publish(c);
    json_decref(c);
    /* The author edits their account too: account entries are for admins only. */
    json_t *acc = call(&s, "GET", "/api/v1/account", 200, NULL);
    json_decref(call(&s, "PATCH", "/api/v1/account", 200,
                     "{\"organisation\":null,\"public_name\":\"Flor N.\",\"version\":%lld}",
                     version_of(acc)));
    json_decref(acc);
    char target[160];
    snprintf(target, sizeof target, "/api/v1/audit?entity=comment&entity_id=%lld", id);
    json_t *trail = call(&coordinator, "GET", target, 200, NULL);
    json_t *items = json_object_get(trail, "items");
    assert_int_equal(json_array_size(items), 2); /* insert by its author, publish */
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *e = json_array_get(items, i);
        assert_true(json_integer_value(json_object_get(e, "user_id")) != csos[k].id);
        if (strcmp(str(e, "action"), "insert") == 0) {
            assert_string_equal(str(e, "actor"), "comment author");
            assert_true(json_is_null(json_object_get(e, "user_id")));
        }
    }
    assert_audit_clean(trail, "the coordinator's audit view of a comment");
    json_decref(trail);
    snprintf(target, sizeof target, "/api/v1/audit?user_id=%d&limit=200", csos[k].id);
    trail = call(&coordinator, "GET", target, 200, NULL);
    assert_int_equal(json_array_size(json_object_get(trail, "items")), 0);
    json_decref(trail);
    trail = call(&coordinator, "GET", "/api/v1/audit?limit=200", 200, NULL);
    assert_audit_clean(trail, "the coordinator's audit view");
    json_decref(trail);

    /* Admins may read the author; that read is an audit entry naming the admin. */
    snprintf(target, sizeof target, "/api/v1/comments/%lld/author", id);
    json_decref(call(&coordinator, "GET", target, 403, NULL));
    json_t *who = call(&admin, "GET", target, 200, NULL);
    json_t *author = json_object_get(who, "author");
    assert_string_equal(str(author, "email"), csos[k].email);
    assert_int_equal(id_of(author), csos[k].id);
    json_decref(who);
    json_t *me = call(&admin, "GET", "/api/v1/session", 200, NULL);
    long long admin_id = id_of(json_object_get(me, "user"));
    json_decref(me);
    snprintf(target, sizeof target, "/api/v1/audit?entity=comment&entity_id=%lld&limit=1", id);
    trail = call(&coordinator, "GET", target, 200, NULL);
    json_t *read = json_array_get(json_object_get(trail, "items"), 0);
    assert_string_equal(str(read, "action"), "read");
    assert_int_equal(json_integer_value(json_object_get(read, "user_id")), admin_id);
    assert_audit_clean(trail, "the audit entry of a read");
    json_decref(trail);
    assert_sql("1",
               "SELECT count(*) FROM audit_log WHERE action = 'read' AND entity = 'comment'"
               " AND entity_id = '%lld' AND user_id = %lld",
               id, admin_id);
}

/* Erases the account of `s` with `choice`, after one wrong password. */
static void erase(http_session *s, int k, const char *choice)
{
    json_t *wrong = call(s, "DELETE", "/api/v1/account", 422,
                         "{\"password\":\"not my password at all\",\"comments\":\"%s\"}", choice);
    assert_string_equal(str(json_object_get(wrong, "error"), "field"), "password");
    assert_json_clean(wrong, "a refused erasure");
    json_decref(wrong);
    /* The wrong password was throttled under the email: that row must go too. */
    assert_sql("t", "SELECT count(*) > 0 FROM login_failure WHERE key = 'email:%s'", csos[k].email);
    json_t *done = call(s, "DELETE", "/api/v1/account", 200,
                        "{\"password\":\"" CSO_PASSWORD "\",\"comments\":\"%s\"}", choice);
    assert_string_equal(str(done, "comments"), choice);
    json_decref(done);
    assert_sql("0", "SELECT count(*) FROM app_user WHERE email = '%s'", csos[k].email);
    assert_sql("0", "SELECT count(*) FROM login_failure WHERE key = 'email:%s'", csos[k].email);
    assert_sql("0", "SELECT count(*) FROM user_session WHERE user_id = %d", csos[k].id);
    /* The session is over and the account can no longer sign in. */
    json_decref(call(s, "GET", "/api/v1/account", 401, NULL));
    http_session again;
    assert_int_equal(http_login(&again, port, csos[k].email, CSO_PASSWORD), 401);
}

static void test_erasure_keeping_comments(void **state)
{
    (void)state;
    http_session s;
    int k = new_cso(&s, "gala", "Gala Valle");
    json_t *c = comment_on(&s, rec[3], "El protocolo sigue sin aplicarse (123).");
    long long id = id_of(c);
    publish(c);
    json_decref(c);
    erase(&s, k, "keep");
    json_t *list = public_list(rec[3], "es");
    json_t *item = find(list, id);
    assert_non_null(item);
    assert_string_equal(str(item, "author"), "Cuenta retirada");
    assert_true(json_is_true(json_object_get(item, "withdrawn_account")));
    assert_string_equal(str(item, "body"), "El protocolo sigue sin aplicarse (123).");
    json_decref(list);
    list = public_list(rec[3], "en");
    assert_string_equal(str(find(list, id), "author"), "Withdrawn account");
    json_decref(list);
    assert_true(exports_hold(rec[3], "Compte retiré")); /* exports are asked for in French */
    assert_false(exports_hold(rec[3], "Gala Valle"));
    assert_false(feeds_hold(rec[3], "Gala Valle"));
    /* Admins find no author any more. */
    char target[128];
    snprintf(target, sizeof target, "/api/v1/comments/%lld/author", id);
    json_t *who = call(&admin, "GET", target, 200, NULL);
    assert_true(json_is_null(json_object_get(who, "author")));
    json_decref(who);
}

static void test_erasure_withdrawing_comments(void **state)
{
    (void)state;
    http_session s;
    int k = new_cso(&s, "hilda", "Hilda Costa");
    json_t *c = comment_on(&s, rec[3], "Nadie respondio a nuestras cartas (123b).");
    long long id = id_of(c);
    publish(c);
    json_decref(c);
    assert_true(exports_hold(rec[3], "nuestras cartas"));
    erase(&s, k, "withdraw");
    json_t *list = public_list(rec[3], "en");
    assert_null(find(list, id));
    json_decref(list);
    assert_false(exports_hold(rec[3], "nuestras cartas"));
    assert_false(exports_hold(rec[3], "Hilda Costa"));
    assert_false(feeds_hold(rec[3], "Hilda Costa"));
    assert_sql("withdrawn|true",
               "SELECT state || '|' || (body IS NULL) FROM comment WHERE id = %lld", id);
}

static void test_comments_on_a_status_update(void **state)
{
    (void)state;
    http_session s;
    new_cso(&s, "ines", "Ines Rio");
    char *approved = sql_value(
        "INSERT INTO status_update (recommendation_id, institution_id, status, as_of, narrative,"
        " author_id, state, submitted_by, submitted_at, decided_by, decided_at)"
        " SELECT %lld, %lld, 'in_progress', '2025-06-30', 'Participation test: training held',"
        " f.id, 'approved', f.id, now(), v.id, now() FROM app_user f, app_user v"
        " WHERE f.email = 'focal.moh@test.hrtrack' AND v.email = 'validator.moh@test.hrtrack'"
        " RETURNING id",
        rec[2], moh);
    char *draft = sql_value(
        "INSERT INTO status_update (recommendation_id, institution_id, status, as_of, narrative,"
        " author_id) SELECT %lld, %lld, 'in_progress', '2025-07-31', 'Participation test draft',"
        " id FROM app_user WHERE email = 'focal.moh@test.hrtrack' RETURNING id",
        rec[2], moh);
    assert_non_null(approved);
    assert_non_null(draft);
    json_t *refused = call(&s, "POST", "/api/v1/comments", 422,
                           "{\"status_update_id\":%s,\"body\":\"On a draft\"}", draft);
    assert_string_equal(str(json_object_get(refused, "error"), "field"), "status_update_id");
    json_decref(refused);
    refused = call(&s, "POST", "/api/v1/comments", 422,
                   "{\"status_update_id\":%s,\"recommendation_id\":%lld,\"body\":\"Both\"}",
                   approved, rec[2]);
    json_decref(refused);
    json_t *c =
        call(&s, "POST", "/api/v1/comments", 201,
             "{\"status_update_id\":%s,\"body\":\"La capacitacion no llego al norte.\"}", approved);
    long long id = id_of(c);
    char target[128];
    snprintf(target, sizeof target, "/api/v1/status-updates/%s/comments", draft);
    http_assert_error_field(port, target, 404, "id");
    snprintf(target, sizeof target, "/api/v1/status-updates/%s/comments", approved);
    json_t *list = http_json(port, target, 200);
    assert_null(find(list, id));
    json_decref(list);
    publish(c);
    json_decref(c);
    list = http_json(port, target, 200);
    assert_json_clean(list, target);
    assert_string_equal(str(find(list, id), "author"), "Ines Rio");
    json_decref(list);
    /* The institution that reported the update answers it; another does not. */
    snprintf(target, sizeof target, "/api/v1/comments/%lld/answers", id);
    json_decref(call(&focal_moe, "POST", target, 403, "{\"body\":\"No\"}"));
    json_decref(call(&focal_moh, "POST", target, 201, "{\"body\":\"Iremos al norte en mayo.\"}"));
    free(approved);
    free(draft);
}

/* The server log: "cso" signs in and out, never an email or a CSO's account id. */
static void test_the_log_never_names_a_commenter(void **state)
{
    (void)state;
    /* A request that fails as a CSO writes its line too. */
    http_session s;
    new_cso(&s, "juana", "Juana Lago");
    json_decref(call(&s, "POST", "/api/v1/comments", 422, "{\"recommendation_id\":1}"));
    json_decref(call(&s, "DELETE", "/api/v1/session", 200, NULL));
    char path[1024];
    snprintf(path, sizeof path, "%s", getenv("HRTRACK_TEST_PORT_FILE"));
    char *slash = strrchr(path, '/');
    assert_non_null(slash);
    snprintf(slash + 1, sizeof path - (size_t)(slash + 1 - path), "server.log");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[8192];
    int cso_lines = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        cso_lines +=
            strstr(line, "cso signed in") != NULL || strstr(line, "cso signed out") != NULL;
        assert_no_cso(line, strlen(line), "the server log");
    }
    fclose(f);
    assert_true(cso_lines >= cso_count + 1);
}

/* Last: it uses up this address's registrations for the hour. */
static void test_registrations_are_limited_per_address(void **state)
{
    (void)state;
    int limited = 0;
    for (int i = 0; i < 25 && !limited; i++) {
        http_response r;
        char body[256];
        snprintf(body, sizeof body,
                 "{\"email\":\"flood%d.%d@defenders.example\",\"public_name\":\"F\","
                 "\"password\":\"" CSO_PASSWORD "\"}",
                 i, (int)getpid());
        assert_int_equal(http_send_as(&r, port, NULL, "POST", "/api/v1/registrations", body, 0), 0);
        assert_true(r.status == 202 || r.status == 429);
        limited = r.status == 429;
        if (limited)
            assert_null(strstr(r.body, "flood"));
        http_response_free(&r);
    }
    assert_true(limited);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registration_does_not_tell_who_has_an_account),
        cmocka_unit_test(test_comment_is_public_only_once_published),
        cmocka_unit_test(test_rejected_reason_is_for_the_author_only),
        cmocka_unit_test(test_answers_appear_under_the_comment),
        cmocka_unit_test(test_audit_does_not_reveal_the_author),
        cmocka_unit_test(test_erasure_keeping_comments),
        cmocka_unit_test(test_erasure_withdrawing_comments),
        cmocka_unit_test(test_comments_on_a_status_update),
        cmocka_unit_test(test_the_log_never_names_a_commenter),
        cmocka_unit_test(test_registrations_are_limited_per_address),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
