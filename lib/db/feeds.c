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

/* RFC 3339 in UTC, whole seconds. */
#define RFC3339(t) "to_char(" t " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* $2 is the reply language. */
#define INSTITUTION_NAME(i)                                                                        \
    "CASE $2::text WHEN 'es' THEN " i ".name_es WHEN 'fr' THEN " i ".name_fr ELSE " i ".name_en "  \
    "END"

/* How people cite a recommendation: "A/HRC/15/6 ¶86.12"; its id when nothing better. */
#define REC_LABEL                                                                                  \
    "CASE WHEN d.symbol IS NULL THEN '#' || r.id"                                                  \
    " WHEN r.paragraph IS NULL THEN d.symbol || ' #' || r.id"                                      \
    " ELSE d.symbol || ' ¶' || r.paragraph END"

#define REC_OF(x)                                                                                  \
    " JOIN recommendation r ON r.id = " x " LEFT JOIN document d ON d.id = r.document_id"

/* A comment on a status update is public once both are. */
#define COMMENT_PUBLIC(c)                                                                          \
    c ".state = 'published' AND (" c ".status_update_id IS NULL OR EXISTS (SELECT 1 FROM"          \
      " status_update su WHERE su.id = " c ".status_update_id AND su.state = 'approved'))"

#define COMMENT_REC(c)                                                                             \
    "coalesce(" c ".recommendation_id, (SELECT recommendation_id FROM status_update"               \
    " WHERE id = " c ".status_update_id))"

/*
 * The feed of one subject: `updates`, `comments` and `answers` restrict
 * each kind of entry (on r, the recommendation, and u or a); `subject` and
 * `subtitle` are SQL values, `subject` NULL when the subject is unknown.
 */
#define FEED_SQL(updates, comments, answers, subject, subtitle)                                                                                                                            \
    "WITH updates AS (SELECT 'status_update' AS kind, u.id, r.id AS rec, " REC_LABEL " AS label,"                                                                                          \
    "  u.status, u.as_of, u.narrative AS text, " INSTITUTION_NAME(                                                                                                                         \
        "i") " AS author,"                                                                                                                                                                 \
             "  u.decided_at AS at, u.decided_at AS modified"                                                                                                                              \
             "  FROM status_update u" REC_OF(                                                                                                                                              \
                 "u.recommendation_id") " JOIN institution i"                                                                                                                              \
                                        "  ON i.id = u.institution_id WHERE u.state = 'approved' "                                                                                         \
                                        "AND " updates "  ORDER BY u.decided_at DESC, u.id DESC "                                                                                          \
                                        "LIMIT " HR_FEED_ENTRIES_TEXT "),"                                                                                                                 \
                                        " comments AS (SELECT 'comment' AS kind, c.id, "                                                                                                   \
                                        "r.id, " REC_LABEL ", NULL::text, NULL::date,"                                                                                                     \
                                        "  c.body, p.display_name, c.published_at, c.published_at"                                                                                         \
                                        "  FROM comment c" REC_OF(COMMENT_REC(                                                                                                             \
                                            "c")) " LEFT JOIN app_user p ON p.id = c.author_id"                                                                                            \
                                                  "  WHERE " COMMENT_PUBLIC(                                                                                                               \
                                                      "c") " AND " comments                                                                                                                \
                                                           "  ORDER BY c.published_at DESC, c.id "                                                                                         \
                                                           "DESC LIMIT " HR_FEED_ENTRIES_TEXT "),"                                                                                         \
                                                           " answers AS (SELECT 'answer' AS "                                                                                              \
                                                           "kind, a.id, r.id, " REC_LABEL                                                                                                  \
                                                           ", NULL::text, NULL::date,"                                                                                                     \
                                                           "  a.body, " INSTITUTION_NAME(                                                                                                  \
                                                               "i") ", a.created_at, a.updated_at"                                                                                         \
                                                                    "  FROM comment_answer a "                                                                                             \
                                                                    "JOIN comment c ON c.id = "                                                                                            \
                                                                    "a.comment_id" REC_OF(COMMENT_REC("c")) "  JOIN institution i ON i.id = a.institution_id WHERE " COMMENT_PUBLIC(       \
                                                                        "c") " AND " answers                                                                                               \
                                                                             "  ORDER BY "                                                                                                 \
                                                                             "a.created_at DESC, "                                                                                         \
                                                                             "a.id DESC "                                                                                                  \
                                                                             "LIMIT"                                                                                                       \
                                                                             " " HR_FEED_ENTRIES_TEXT                                                                                      \
                                                                             "),"                                                                                                          \
                                                                             " e AS (SELECT * "                                                                                            \
                                                                             "FROM updates UNION "                                                                                         \
                                                                             "ALL SELECT * FROM "                                                                                          \
                                                                             "comments UNION ALL"                                                                                          \
                                                                             "  SELECT * FROM "                                                                                            \
                                                                             "answers ORDER BY "                                                                                           \
                                                                             "at DESC, kind, id "                                                                                          \
                                                                             "DESC "                                                                                                       \
                                                                             "LIMIT"                                                                                                       \
                                                                             " " HR_FEED_ENTRIES_TEXT                                                                                      \
                                                                             ")"                                                                                                           \
                                                                             " SELECT "                                                                                                    \
                                                                             "json_build_object('"                                                                                         \
                                                                             "subject', "                                                                                                  \
                                                                             "s.subject, "                                                                                                 \
                                                                             "'subtitle', "                                                                                                \
                                                                             "s.subtitle,"                                                                                                 \
                                                                             " 'updated', "                                                                                                \
                                                                             "(SELECT " RFC3339(                                                                                           \
                                                                                 "max(modified)") " FROM e),"                                                                              \
                                                                                                  " 'entries', coalesce((SELECT json_agg(json_build_object('kind', kind, 'id', id,"        \
                                                                                                  "  'recommendation_id', rec, 'recommendation', label, 'status', status, 'as_of', as_of," \
                                                                                                  "  'text', text, 'author', author, 'published', " RFC3339(                               \
                                                                                                      "at") ","                                                                            \
                                                                                                            "  'updated', " RFC3339(                                                       \
                                                                                                                "modified") ") ORDER BY at DESC, kind, id DESC) FROM e), '[]'))"           \
                                                                                                                            " FROM (SELECT " subject                                       \
                                                                                                                            " AS subject, " subtitle                                       \
                                                                                                                            " AS subtitle) s WHERE s.subject IS NOT NULL"

#define REC_IS "r.id = $1::bigint"

static hr_stmt feed_recommendation =
    HR_STMT("feed_recommendation",
            FEED_SQL(REC_IS, REC_IS, REC_IS,
                     "(SELECT " REC_LABEL " FROM recommendation r LEFT JOIN document d"
                     " ON d.id = r.document_id WHERE r.id = $1::bigint)",
                     "(SELECT left(text_plain, 300) FROM recommendation WHERE id = $1::bigint)"));

#define REC_ON_TARGET                                                                              \
    "r.id IN (SELECT recommendation_id FROM recommendation_sdg"                                    \
    " WHERE target = $1::text AND source <> 'suggested')"

static hr_stmt feed_sdg_target = HR_STMT(
    "feed_sdg_target", FEED_SQL(REC_ON_TARGET, REC_ON_TARGET, REC_ON_TARGET,
                                "(SELECT code FROM sdg_target WHERE code = $1::text)",
                                "(SELECT title FROM sdg_target_text WHERE target = $1::text"
                                " ORDER BY lang = $2::text DESC, lang = 'en' DESC LIMIT 1)"));

#define REC_TO_STATE                                                                               \
    "r.id IN (SELECT recommendation_id FROM recommendation_state WHERE state = $1::text)"

static hr_stmt feed_state =
    HR_STMT("feed_state", FEED_SQL(REC_TO_STATE, REC_TO_STATE, REC_TO_STATE,
                                   "(SELECT name FROM state_name WHERE state = $1::text"
                                   " ORDER BY lang = $2::text DESC, lang = 'en' DESC LIMIT 1)",
                                   "NULL::text"));

/* An institution speaks through its updates and its answers; it writes no comments. */
static hr_stmt feed_institution = HR_STMT(
    "feed_institution",
    FEED_SQL("u.institution_id = $1::integer", "false", "a.institution_id = $1::integer",
             "(SELECT " INSTITUTION_NAME("i") " FROM institution i WHERE i.id = $1::integer)",
             "NULL::text"));

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
