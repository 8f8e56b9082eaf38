/*
 * The entries of the public change feeds (see feed.h): approved status
 * updates of recommendations, published comments under their author's
 * public name, and ministries' answers under the institution's name,
 * newest first, for one recommendation, SDG target, state or institution.
 *
 * Only public data is selected here, so that no caller can leak the rest:
 * no author id or email is ever read, a comment on a status update shows
 * only when that update is approved, and a comment whose author erased
 * their account shows with no name (the renderer says "withdrawn
 * account"). One statement per scope, all built from FEED_SQL, so that
 * the four feeds cannot drift apart; each answers no row when its subject
 * does not exist.
 */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/feed.h"

#include <stdio.h>

/* RFC 3339 in UTC, whole seconds, of column `at` and `modified` of the entries. */
#define AT_RFC3339       "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define MODIFIED_RFC3339 "to_char(modified AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define NEWEST_RFC3339   "to_char(max(modified) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* The name of institution i in the reply language, $2. */
#define INSTITUTION_NAME                                                                           \
    "CASE $2::text WHEN 'es' THEN i.name_es WHEN 'fr' THEN i.name_fr ELSE i.name_en END"

/* How people cite recommendation r of document d: "A/HRC/15/6 ¶86.12"; its id when nothing better.
 */
#define REC_LABEL                                                                                  \
    "CASE WHEN d.symbol IS NULL THEN '#' || r.id"                                                  \
    " WHEN r.paragraph IS NULL THEN d.symbol || ' #' || r.id"                                      \
    " ELSE d.symbol || ' ¶' || r.paragraph END"

/*
 * The name commenter p chose to be known by. Defence in depth: the schema
 * (0010) refuses a CSO name with an "@", but should an account still carry
 * its email as its name, that name is never shown and the entry says
 * "unnamed". The email is compared here, in the database, never selected.
 */
#define PUBLIC_NAME                                                                                \
    "CASE WHEN lower(btrim(p.display_name)) = p.email THEN NULL ELSE p.display_name END"

/* Comment c is public: published, and on an approved update if on one. */
#define COMMENT_PUBLIC                                                                             \
    "c.state = 'published' AND (c.status_update_id IS NULL OR EXISTS (SELECT 1"                    \
    " FROM status_update su WHERE su.id = c.status_update_id AND su.state = 'approved'))"

/* The recommendation r (and its document d) comment c is about. */
#define COMMENT_REC                                                                                \
    " JOIN recommendation r ON r.id = coalesce(c.recommendation_id, (SELECT recommendation_id"     \
    " FROM status_update WHERE id = c.status_update_id))"                                          \
    " LEFT JOIN document d ON d.id = r.document_id"

/*
 * The three kinds of entries, each at most HR_FEED_ENTRIES, newest first,
 * with the same columns. Each ends in a WHERE clause that the scope
 * completes with "AND ..." on r, the recommendation, and u or a.
 */
#define UPDATES                                                                                    \
    "SELECT 'status_update' AS kind, u.id, r.id AS rec, " REC_LABEL " AS label, u.status,"         \
    " u.as_of, u.narrative AS text, " INSTITUTION_NAME " AS author, false AS unnamed,"             \
    " u.decided_at AS at, u.decided_at AS modified"                                                \
    " FROM status_update u JOIN recommendation r ON r.id = u.recommendation_id"                    \
    " LEFT JOIN document d ON d.id = r.document_id JOIN institution i ON i.id = u.institution_id"  \
    " WHERE u.state = 'approved' AND "
#define UPDATES_END " ORDER BY u.decided_at DESC, u.id DESC LIMIT " HR_FEED_ENTRIES_TEXT

#define COMMENTS                                                                                   \
    "SELECT 'comment', c.id, r.id, " REC_LABEL ", NULL::text, NULL::date, c.body, " PUBLIC_NAME    \
    ", p.id IS NOT NULL AND " PUBLIC_NAME " IS NULL, c.published_at, c.published_at"               \
    " FROM comment c" COMMENT_REC " LEFT JOIN app_user p ON p.id = c.author_id"                    \
    " WHERE " COMMENT_PUBLIC " AND "
#define COMMENTS_END " ORDER BY c.published_at DESC, c.id DESC LIMIT " HR_FEED_ENTRIES_TEXT

#define ANSWERS                                                                                    \
    "SELECT 'answer', a.id, r.id, " REC_LABEL                                                      \
    ", NULL::text, NULL::date, a.body, " INSTITUTION_NAME ", false, a.created_at, a.updated_at"    \
    " FROM comment_answer a JOIN comment c ON c.id = a.comment_id" COMMENT_REC                     \
    " JOIN institution i ON i.id = a.institution_id WHERE " COMMENT_PUBLIC " AND "
#define ANSWERS_END " ORDER BY a.created_at DESC, a.id DESC LIMIT " HR_FEED_ENTRIES_TEXT

/* After the three kinds, as CTEs updates, comments, answers: the newest of all, as JSON. */
#define FEED_JSON                                                                                  \
    " e AS (SELECT * FROM updates UNION ALL SELECT * FROM comments UNION ALL SELECT * FROM"        \
    "  answers ORDER BY at DESC, kind, id DESC LIMIT " HR_FEED_ENTRIES_TEXT ")"                    \
    " SELECT json_build_object('subject', s.subject, 'subtitle', s.subtitle,"                      \
    " 'updated', (SELECT " NEWEST_RFC3339 " FROM e),"                                              \
    " 'entries', coalesce((SELECT json_agg(json_build_object('kind', kind, 'id', id,"              \
    "  'recommendation_id', rec, 'recommendation', label, 'status', status, 'as_of', as_of,"       \
    "  'text', text, 'author', author, 'unnamed', unnamed, 'published', " AT_RFC3339 ","           \
    "  'updated', " MODIFIED_RFC3339 ") ORDER BY at DESC, kind, id DESC) FROM e), '[]'))"

/*
 * The feed of one subject. Its statement is
 *   WITH updates AS (UPDATES <on u, r> UPDATES_END), comments AS (...),
 *   answers AS (...), FEED_JSON FROM (SELECT <subject>, <subtitle>) s
 *   WHERE s.subject IS NOT NULL
 * so that an unknown subject answers no row.
 */
#define SUBJECT(subject, subtitle)                                                                 \
    " FROM (SELECT " subject " AS subject, " subtitle " AS subtitle) s"                            \
    " WHERE s.subject IS NOT NULL"

#define REC_IS "r.id = $1::bigint"

static hr_stmt feed_recommendation = HR_STMT(
    "feed_recommendation",
    "WITH updates AS (" UPDATES REC_IS UPDATES_END "), comments AS (" COMMENTS REC_IS COMMENTS_END
    "), answers AS (" ANSWERS REC_IS ANSWERS_END ")," FEED_JSON SUBJECT(
        "(SELECT " REC_LABEL " FROM recommendation r LEFT JOIN document d"
        " ON d.id = r.document_id WHERE r.id = $1::bigint)",
        "(SELECT left(text_plain, 300) FROM recommendation WHERE id = $1::bigint)"));

/* Links a person made or the source gave; a suggestion is not a link yet. */
#define REC_ON_TARGET                                                                              \
    "r.id IN (SELECT recommendation_id FROM recommendation_sdg"                                    \
    " WHERE target = $1::text AND source <> 'suggested')"

static hr_stmt feed_sdg_target =
    HR_STMT("feed_sdg_target",
            "WITH updates AS (" UPDATES REC_ON_TARGET UPDATES_END
            "), comments AS (" COMMENTS REC_ON_TARGET COMMENTS_END
            "), answers AS (" ANSWERS REC_ON_TARGET ANSWERS_END
            ")," FEED_JSON SUBJECT("(SELECT code FROM sdg_target WHERE code = $1::text)",
                                   "(SELECT title FROM sdg_target_text WHERE target = $1::text"
                                   " ORDER BY lang = $2::text DESC, lang = 'en' DESC LIMIT 1)"));

#define REC_TO_STATE                                                                               \
    "r.id IN (SELECT recommendation_id FROM recommendation_state WHERE state = $1::text)"

static hr_stmt feed_state =
    HR_STMT("feed_state",
            "WITH updates AS (" UPDATES REC_TO_STATE UPDATES_END
            "), comments AS (" COMMENTS REC_TO_STATE COMMENTS_END
            "), answers AS (" ANSWERS REC_TO_STATE ANSWERS_END
            ")," FEED_JSON SUBJECT("(SELECT name FROM state_name WHERE state = $1::text"
                                   " ORDER BY lang = $2::text DESC, lang = 'en' DESC LIMIT 1)",
                                   "NULL::text"));

/* An institution speaks through its updates and its answers; it writes no comments. */
static hr_stmt feed_institution = HR_STMT(
    "feed_institution",
    "WITH updates AS (" UPDATES "u.institution_id = $1::integer" UPDATES_END
    "), comments AS (" COMMENTS "false" COMMENTS_END "), answers AS (" ANSWERS
    "a.institution_id = $1::integer" ANSWERS_END ")," FEED_JSON SUBJECT(
        "(SELECT " INSTITUTION_NAME " FROM institution i WHERE i.id = $1::integer)", "NULL::text"));

int hr_db_feed(json_t **out, hr_db *db, hr_feed_scope scope, const char *key, hr_lang lang)
{
    hr_stmt *stmts[] = {
        [HR_FEED_RECOMMENDATION] = &feed_recommendation,
        [HR_FEED_SDG_TARGET] = &feed_sdg_target,
        [HR_FEED_INSTITUTION] = &feed_institution,
        [HR_FEED_STATE] = &feed_state,
    };
    *out = NULL;
    if ((unsigned)scope >= sizeof stmts / sizeof stmts[0] || key == NULL)
        return HR_EINTERNAL;
    const char *params[] = {key, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, stmts[scope], 2, params);
}
