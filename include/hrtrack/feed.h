/*
 * Public change feeds that readers subscribe to: what happened in the
 * follow-up of one recommendation, one SDG target, one institution or the
 * recommendations to one state, as Atom (RFC 4287) or JSON Feed 1.1.
 *
 * A feed carries public data only: status updates once approved,
 * comments once published (under their author's public name, never an
 * email or an account id), and ministries' answers under the name of the
 * institution. The newest HR_FEED_ENTRIES come first. Entry ids are tag
 * URIs (RFC 4151) made of the kind and the row id, so that they never
 * change; titles are in the reader's language, the texts in the language
 * they were written in.
 */
#ifndef HRTRACK_FEED_H
#define HRTRACK_FEED_H

#include "hrtrack/buf.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"

#include <jansson.h>

/* How many entries a feed holds, newest first (and the same as SQL text). */
#define HR_FEED_ENTRIES      50
#define HR_FEED_ENTRIES_TEXT "50"

/* The tag URI prefix of every feed and entry id. */
#define HR_FEED_TAG "tag:hrtrack,2024:"

typedef enum hr_feed_scope {
    HR_FEED_RECOMMENDATION = 0, /* key: the recommendation id */
    HR_FEED_SDG_TARGET = 1,     /* key: a target code, "16.3" */
    HR_FEED_INSTITUTION = 2,    /* key: the institution id */
    HR_FEED_STATE = 3,          /* key: an ISO 3166 alpha-2 code, "ES" */
} hr_feed_scope;

typedef enum hr_feed_format {
    HR_FEED_ATOM = 0,
    HR_FEED_JSON = 1,
} hr_feed_format;

/* ---- database (lib/db/feeds.c) ---- */

/*
 * The feed of `key` in `scope`, its titles in `lang`:
 * {"subject": what the feed is about (a recommendation's reference, a
 * target code, an institution's or a state's name), "subtitle": text or
 * null, "updated": RFC 3339 of the newest change or null, "entries":
 * [{kind ("status_update", "comment", "answer"), id, recommendation_id,
 * recommendation (its reference), status and as_of (updates, else null),
 * text, author (a name, or null for a withdrawn account), published,
 * updated (RFC 3339)}]}. Returns 0, HR_ENOTFOUND when the subject does not
 * exist, or a db.h error. `key` must already be well-formed.
 */
int hr_db_feed(json_t **out, hr_db *db, hr_feed_scope scope, const char *key, hr_lang lang);

/* ---- rendering (lib/domain/feed.c) ---- */

/*
 * The format a reader asks for: `format` ("atom" or "json", the ?format=
 * parameter) wins; otherwise the first of the Accept header's types that
 * names one (application/atom+xml, application/xml or text/xml: Atom;
 * application/feed+json or application/json: JSON Feed); otherwise Atom.
 * Returns 0, or HR_EUNPROCESSABLE for another `format`.
 */
int hr_feed_format_choose(hr_feed_format *out, const char *format, const char *accept);

/* The media type of `format`, with its charset. */
const char *hr_feed_media_type(hr_feed_format format);

/*
 * Appends the document of `feed` (as hr_db_feed answers) to `out`, in
 * `format`, titled in `lang`. `scope` and `key` make the feed's id;
 * `self` is the feed's own path ("/api/v1/feeds/states/ES"), linked as
 * rel="self". Returns 0, HR_EINVAL when `feed` lacks a field it needs,
 * or a buffer error.
 */
int hr_feed_render(hr_buf *out, hr_feed_format format, const json_t *feed, hr_feed_scope scope,
                   const char *key, const char *self, hr_lang lang);

/*
 * An RFC 3339 UTC time of hr_db_feed ("2025-06-30T08:15:00Z") as an HTTP
 * date for Last-Modified ("Mon, 30 Jun 2025 08:15:00 GMT"). Returns 0, or
 * HR_EPARAM when `rfc3339` is not of that exact form or not a real time.
 */
int hr_feed_http_date(char out[40], const char *rfc3339);

#endif
