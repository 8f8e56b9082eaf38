/*
 * Reviewing SDG suggestions (see include/hrtrack/sdg_review.h): the list of
 * a recommendation's suggestions and rejections, and the two decisions,
 * each one statement in an audited transaction (hr_db_versioned_write).
 */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/sdg_review.h"

#include <stdio.h>

/* The title of a link `l` in $2's language (English when missing): its target's, or for a
 * goal-level link its goal's short title. */
#define LINK_TITLE                                                                                 \
    "coalesce((SELECT coalesce(n.title, e.title) FROM sdg_target_text e"                           \
    "   LEFT JOIN sdg_target_text n ON n.target = e.target AND n.lang = $2"                        \
    "   WHERE e.target = l.target AND e.lang = 'en'),"                                             \
    "  (SELECT coalesce(n.short_title, e.short_title) FROM sdg_goal_text e"                        \
    "   LEFT JOIN sdg_goal_text n ON n.goal = e.goal AND n.lang = $2"                              \
    "   WHERE e.goal = l.goal AND e.lang = 'en' AND l.target IS NULL))"

/* The code that names a link in the API: its target, or its goal. */
#define LINK_CODE "coalesce(l.target, l.goal::text)"

/* Targets in their natural order ("16.2" < "16.10" < "16.a"); goal-level first. */
#define LINK_ORDER                                                                                 \
    "l.goal, (SELECT t.ordinal FROM sdg_target t WHERE t.code = l.target) NULLS FIRST"

/* $1 recommendation, $2 language. */
static hr_stmt list = HR_STMT(
    "sdg_review_list",
    "SELECT json_build_object('recommendation_id', r.id,"
    " 'suggestions', (SELECT coalesce(json_agg(json_build_object('code', " LINK_CODE ","
    "   'goal', l.goal, 'target', l.target, 'title', " LINK_TITLE ", 'score', l.score,"
    "   'reason', l.reason) ORDER BY l.score DESC, " LINK_ORDER "), '[]')"
    "   FROM recommendation_sdg l WHERE l.recommendation_id = r.id AND l.source = 'suggested'),"
    " 'rejected', (SELECT coalesce(json_agg(json_build_object('code', " LINK_CODE ","
    "   'goal', l.goal, 'target', l.target, 'title', " LINK_TITLE ", 'score', l.score,"
    "   'reason', l.reason, 'rejected_by', l.rejected_by, 'rejected_at', l.rejected_at)"
    "   ORDER BY l.rejected_at DESC, " LINK_ORDER "), '[]')"
    "   FROM recommendation_sdg_rejection l WHERE l.recommendation_id = r.id)"
    ")::text FROM recommendation r WHERE r.id = $1::bigint");

/* The suggestion of $1 recommendation, $2 goal, $3 target (NULL: the goal alone). */
#define THE_SUGGESTION                                                                             \
    " recommendation_id = $1::bigint AND source = 'suggested' AND goal = $2::smallint"             \
    " AND target IS NOT DISTINCT FROM $3::text"

static hr_stmt confirm = HR_STMT(
    "sdg_review_confirm",
    "UPDATE recommendation_sdg AS l SET source = 'manual', score = NULL, reason = NULL"
    " WHERE" THE_SUGGESTION
    " RETURNING json_build_object('recommendation_id', l.recommendation_id, 'code', " LINK_CODE
    ", 'goal', l.goal, 'target', l.target, 'source', l.source)::text");

/* $4 the user who rejects. */
static hr_stmt reject = HR_STMT(
    "sdg_review_reject",
    "WITH gone AS (DELETE FROM recommendation_sdg WHERE" THE_SUGGESTION
    "  RETURNING recommendation_id, goal, target, score, reason)"
    " INSERT INTO recommendation_sdg_rejection AS l"
    "  (recommendation_id, goal, target, score, reason, rejected_by)"
    " SELECT recommendation_id, goal, target, score, reason, $4::integer FROM gone"
    " RETURNING json_build_object('recommendation_id', l.recommendation_id, 'code', " LINK_CODE
    ", 'goal', l.goal, 'target', l.target, 'score', l.score, 'reason', l.reason,"
    " 'rejected_by', l.rejected_by, 'rejected_at', l.rejected_at)::text");

int hr_db_sdg_suggestions(json_t **out, hr_db *db, long long rec_id, hr_lang lang)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", rec_id);
    const char *params[] = {id, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &list, 2, params);
}

/* Runs `decide` on the suggestion; `user` is the statement's $4, when it has one. */
static int decide_one(json_t **out, hr_db *db, const hr_actor *actor, hr_stmt *decide,
                      const char *user, long long rec_id, int goal, const char *target)
{
    char id[24], goal_text[8];
    snprintf(id, sizeof id, "%lld", rec_id);
    snprintf(goal_text, sizeof goal_text, "%d", goal);
    const char *params[] = {id, goal_text, target, user};
    return hr_db_versioned_write(out, db, actor, decide, user ? 4 : 3, params, NULL);
}

int hr_db_sdg_suggestion_confirm(json_t **out, hr_db *db, const hr_actor *actor, long long rec_id,
                                 int goal, const char *target)
{
    return decide_one(out, db, actor, &confirm, NULL, rec_id, goal, target);
}

int hr_db_sdg_suggestion_reject(json_t **out, hr_db *db, const hr_actor *actor, long long rec_id,
                                int goal, const char *target)
{
    char user[16];
    *out = NULL;
    if (actor->user_id <= 0)
        return HR_EPARAM;
    snprintf(user, sizeof user, "%d", actor->user_id);
    return decide_one(out, db, actor, &reject, user, rec_id, goal, target);
}
