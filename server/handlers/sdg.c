/* GET /api/v1/sdg/goals and /api/v1/sdg/goals/{goal}. */
#include "handlers.h"

#include "hrtrack/catalog.h"
#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"
#include "hrtrack/sdg_code.h"
#include "hrtrack/summary.h"

#include <ctype.h>

/* Reference data changes only with `hrtrack-import reference`. */
#define REFERENCE_CACHE "public, max-age=300"

void hr_handle_sdg_goals(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    json_t *goals = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_sdg_goals(&goals, db, lang);
    if (hr_reply_failed(reply, rc))
        return;
    hr_reply_json(reply, 200, json_pack("{s:s, s:o}", "lang", hr_lang_code(lang), "goals", goals));
    reply->cache = REFERENCE_CACHE;
}

void hr_handle_sdg_goal(hr_request *req, hr_reply *reply)
{
    int goal = 0;
    if (hr_sdg_goal_parse(&goal, hr_request_path_param(req, "goal")) != 0) {
        /* Any text is a syntactically valid segment, but only 1..17 are goals. */
        hr_reply_error(reply, HR_ENOTFOUND, "goal");
        return;
    }
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_sdg_goal(&result, db, goal, lang);
    if (rc == HR_ENOTFOUND) {
        hr_reply_error(reply, rc, "goal");
        return;
    }
    if (hr_reply_failed(reply, rc))
        return;
    json_object_set_new(result, "lang", json_string(hr_lang_code(lang)));
    hr_reply_json(reply, 200, result);
    reply->cache = REFERENCE_CACHE;
}

/* Only `state`, `sdg_source` (and `lang`) are taken; anything else is a mistake to report. */
static int summary_state(const char **state, unsigned *sdg_sources, const char **field,
                         hr_request *req)
{
    static const char *const allowed[] = {"state", "sdg_source", NULL};
    hr_rec_query q;
    hr_rec_query_init(&q, hr_request_lang(req));
    int rc = hr_parse_rec_query(&q, field, req, allowed);
    if (rc == 0 && q.counts[HR_Q_STATE] > 1) {
        *field = "state";
        rc = HR_EUNPROCESSABLE; /* one state at a time */
    }
    *state = NULL;
    if (rc == 0 && q.counts[HR_Q_STATE] == 1)
        *state = hr_request_query(req, "state");
    *sdg_sources = q.sdg_sources;
    hr_rec_query_free(&q);
    return rc;
}

void hr_handle_goal_summary(hr_request *req, hr_reply *reply)
{
    int goal = 0;
    if (hr_sdg_goal_parse(&goal, hr_request_path_param(req, "goal")) != 0) {
        hr_reply_error(reply, HR_ENOTFOUND, "goal");
        return;
    }
    const char *state = NULL, *field = NULL;
    char code[3] = "";
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_lang lang = hr_request_lang(req);
    int exists = 1;
    unsigned sdg_sources = HR_SDG_SOURCES_CONFIRMED;
    int rc = summary_state(&state, &sdg_sources, &field, req);
    if (rc == 0 && state != NULL) {
        code[0] = (char)toupper((unsigned char)state[0]);
        code[1] = (char)toupper((unsigned char)state[1]);
    }
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && state != NULL && (rc = hr_db_state_exists(&exists, db, code)) == 0 && !exists) {
        field = "state";
        rc = HR_EUNPROCESSABLE;
    }
    if (rc == 0)
        rc = hr_db_goal_summary(&result, db, goal, state ? code : NULL, sdg_sources, lang);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "goal" : field);
        return;
    }
    json_object_set_new(result, "lang", json_string(hr_lang_code(lang)));
    hr_reply_json(reply, 200, result);
}
