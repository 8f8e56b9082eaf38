/*
 * The public change feeds (see feed.h), one route per subject:
 *   GET /api/v1/feeds/recommendations/{id}
 *   GET /api/v1/feeds/sdg-targets/{code}    "16.3", "16.a"
 *   GET /api/v1/feeds/institutions/{id}
 *   GET /api/v1/feeds/states/{code}         ISO 3166 alpha-2, "ES" (any case)
 * each as Atom or JSON Feed (?format=atom|json, else Accept), titled in
 * the reply language. A malformed id or code is a 422 naming it; one
 * that names nothing is a 404.
 *
 * Feed readers poll: the reply carries an ETag (a digest of the document,
 * so that it changes exactly when the bytes do) and Last-Modified (the
 * newest entry), the server answers 304 to a reader that has this version
 * already, and shared caches may keep the document for a minute.
 */
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/feed.h"
#include "hrtrack/sdg_code.h"
#include "hrtrack/sha256.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 50 entries of at most 20,000 characters, each escaped to at most 6 bytes per byte. */
#define FEED_BYTES_MAX (16u * 1024u * 1024u)

static const char *const feed_params[] = {"format", NULL};

/* A positive decimal id of at most `max` into `key`, written canonically. */
static int id_key(char key[24], const char *text, long long max)
{
    char *end = NULL;
    errno = 0;
    long long id = text && text[0] >= '0' && text[0] <= '9' ? strtoll(text, &end, 10) : 0;
    if (errno != 0 || end == NULL || *end != '\0' || id < 1 || id > max)
        return HR_EUNPROCESSABLE;
    snprintf(key, 24, "%lld", id);
    return 0;
}

static int target_key(char key[24], const char *text)
{
    int goal = 0, ordinal = 0;
    if (text == NULL || strlen(text) >= HR_SDG_CODE_MAX ||
        hr_sdg_target_parse(&goal, &ordinal, text) != 0)
        return HR_EUNPROCESSABLE;
    snprintf(key, 24, "%s", text);
    return 0;
}

static int state_key(char key[24], const char *text)
{
    if (text == NULL || strlen(text) != 2 || !isalpha((unsigned char)text[0]) ||
        !isalpha((unsigned char)text[1]) || (unsigned char)text[0] > 0x7f ||
        (unsigned char)text[1] > 0x7f)
        return HR_EUNPROCESSABLE;
    key[0] = (char)toupper((unsigned char)text[0]);
    key[1] = (char)toupper((unsigned char)text[1]);
    key[2] = '\0';
    return 0;
}

/* The subject of `scope` from the path, as the key hr_db_feed takes. */
static int read_key(char key[24], const char **field, hr_feed_scope scope, const hr_request *req)
{
    int by_id = scope == HR_FEED_RECOMMENDATION || scope == HR_FEED_INSTITUTION;
    *field = by_id ? "id" : "code";
    const char *text = hr_request_path_param(req, *field);
    switch (scope) {
    case HR_FEED_RECOMMENDATION:
        return id_key(key, text, 1LL << 52);
    case HR_FEED_INSTITUTION:
        return id_key(key, text, 1LL << 30);
    case HR_FEED_SDG_TARGET:
        return target_key(key, text);
    case HR_FEED_STATE:
        return state_key(key, text);
    }
    return HR_EINTERNAL;
}

/* The document of `feed` as the reply, with its validators. */
static int reply_feed(hr_reply *reply, const json_t *feed, hr_feed_format format,
                      hr_feed_scope scope, const char *key, const char *self, hr_lang lang)
{
    hr_buf doc;
    hr_buf_init(&doc, FEED_BYTES_MAX);
    int rc = hr_feed_render(&doc, format, feed, scope, key, self, lang);
    size_t len = doc.len;
    char *text = rc == 0 ? hr_buf_steal(&doc) : NULL;
    hr_buf_free(&doc);
    if (rc != 0)
        return rc;
    if (text == NULL)
        return HR_ENOMEM;
    char digest[HR_SHA256_HEX_LEN + 1];
    hr_sha256_hex(digest, text, len);
    hr_reply_text(reply, 200, hr_feed_media_type(format), text, len);
    snprintf(reply->etag, sizeof reply->etag, "\"%.32s\"", digest);
    const char *updated = json_string_value(json_object_get(feed, "updated"));
    if (updated == NULL || hr_feed_http_date(reply->last_modified, updated) != 0)
        reply->last_modified[0] = '\0';
    reply->cache = "public, max-age=60";
    return 0;
}

static void handle_feed(hr_request *req, hr_reply *reply, hr_feed_scope scope)
{
    static const char *const paths[] = {"recommendations", "sdg-targets", "institutions", "states"};
    char key[24] = "", self[96];
    const char *field = NULL, *subject = NULL;
    hr_feed_format format = HR_FEED_ATOM;
    hr_db *db = NULL;
    json_t *feed = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_query_args_known(&field, req, feed_params);
    if (rc == 0 && (rc = read_key(key, &subject, scope, req)) != 0)
        field = subject;
    if (rc == 0 && (rc = hr_feed_format_choose(&format, hr_request_query(req, "format"),
                                               hr_request_header(req, "Accept"))) != 0)
        field = "format";
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && (rc = hr_db_feed(&feed, db, scope, key, lang)) == HR_ENOTFOUND)
        field = subject;
    snprintf(self, sizeof self, "/api/v1/feeds/%s/%s", paths[scope], key);
    if (rc == 0)
        rc = reply_feed(reply, feed, format, scope, key, self, lang);
    json_decref(feed);
    if (rc != 0)
        hr_reply_error(reply, rc, field);
}

void hr_handle_feed_recommendation(hr_request *req, hr_reply *reply)
{
    handle_feed(req, reply, HR_FEED_RECOMMENDATION);
}

void hr_handle_feed_sdg_target(hr_request *req, hr_reply *reply)
{
    handle_feed(req, reply, HR_FEED_SDG_TARGET);
}

void hr_handle_feed_institution(hr_request *req, hr_reply *reply)
{
    handle_feed(req, reply, HR_FEED_INSTITUTION);
}

void hr_handle_feed_state(hr_request *req, hr_reply *reply)
{
    handle_feed(req, reply, HR_FEED_STATE);
}
