/*
 * The SDG suggestions of a recommendation, and a coordinator's decisions.
 *   GET  /api/v1/recommendations/{id}/sdg-suggestions                 planning_read
 *   POST /api/v1/recommendations/{id}/sdg-suggestions/{code}/confirm  coordinate
 *   POST /api/v1/recommendations/{id}/sdg-suggestions/{code}/reject   coordinate
 *
 * {code} names the suggestion: a target ("16.3") or, for a goal suggested
 * alone, the goal ("16"). The decisions take no body: the path says it
 * all. A recommendation that does not exist is a 404 naming "id"; a
 * suggestion that does not exist (any more: decided by someone else, or
 * recomputed by `hrtrack-import suggest-sdg --relearn`) a 404 naming "code".
 */
#include "body.h"
#include "handlers.h"

#include "hrtrack/error.h"
#include "hrtrack/sdg_code.h"
#include "hrtrack/sdg_review.h"

typedef int (*decide_fn)(json_t **out, hr_db *db, const hr_actor *actor, long long rec_id, int goal,
                         const char *target);

/* A target code sets *target; a goal code leaves it NULL. Returns 0 or HR_ENOTFOUND. */
static int parse_code(int *goal, const char **target, const char *code)
{
    int ordinal = 0;
    *target = NULL;
    if (code != NULL && hr_sdg_target_parse(goal, &ordinal, code) == 0) {
        *target = code;
        return 0;
    }
    return code != NULL && hr_sdg_goal_parse(goal, code) == 0 ? 0 : HR_ENOTFOUND;
}

void hr_handle_sdg_suggestions(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_sdg_suggestions(&result, db, id, lang);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    json_object_set_new(result, "lang", json_string(hr_lang_code(lang)));
    hr_reply_json(reply, 200, result);
}

static void decide(hr_request *req, hr_reply *reply, decide_fn fn)
{
    long long id = 0;
    int goal = 0;
    const char *target = NULL, *field = "id";
    hr_db *db = NULL;
    json_t *existing = NULL, *result = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    /* The recommendation first, so that a wrong id and a wrong code answer apart. */
    if (rc == 0)
        rc = hr_db_sdg_suggestions(&existing, db, id, hr_request_lang(req));
    json_decref(existing);
    if (rc == 0) {
        field = "code";
        rc = parse_code(&goal, &target, hr_request_path_param(req, "code"));
    }
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = fn(&result, db, &actor, id, goal, target);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? field : NULL);
        return;
    }
    hr_reply_json(reply, 200, result);
}

void hr_handle_sdg_suggestion_confirm(hr_request *req, hr_reply *reply)
{
    decide(req, reply, hr_db_sdg_suggestion_confirm);
}

void hr_handle_sdg_suggestion_reject(hr_request *req, hr_reply *reply)
{
    decide(req, reply, hr_db_sdg_suggestion_reject);
}
