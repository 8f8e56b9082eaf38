/* SDG goal, target and indicator queries (see include/hrtrack/catalog.h). */
#include "internal.h"

#include "hrtrack/catalog.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <string.h>

/* Counts grouped once, not per goal in subqueries: 0.9 -> 0.4 ms (EXPLAIN ANALYZE). */
static hr_stmt goals_list =
    HR_STMT("sdg_goals_list",
            "WITH targets AS (SELECT goal, count(*) AS n FROM sdg_target GROUP BY goal),"
            " indicators AS (SELECT x.goal, count(*) AS n FROM sdg_indicator i"
            "  JOIN sdg_target x ON x.code = i.target GROUP BY x.goal)"
            " SELECT g.goal, coalesce(t.title, e.title), coalesce(t.short_title, e.short_title),"
            "  coalesce(targets.n, 0), coalesce(indicators.n, 0)"
            " FROM sdg_goal g"
            " LEFT JOIN sdg_goal_text t ON t.goal = g.goal AND t.lang = $1"
            " LEFT JOIN sdg_goal_text e ON e.goal = g.goal AND e.lang = 'en'"
            " LEFT JOIN targets ON targets.goal = g.goal"
            " LEFT JOIN indicators ON indicators.goal = g.goal"
            " ORDER BY g.goal");

static hr_stmt goal_one =
    HR_STMT("sdg_goal_one",
            "SELECT g.goal, coalesce(t.title, e.title), coalesce(t.short_title, e.short_title)"
            " FROM sdg_goal g"
            " LEFT JOIN sdg_goal_text t ON t.goal = g.goal AND t.lang = $2"
            " LEFT JOIN sdg_goal_text e ON e.goal = g.goal AND e.lang = 'en'"
            " WHERE g.goal = $1");

/* One row per (target, indicator); targets without indicators come once with NULLs. */
static hr_stmt goal_targets =
    HR_STMT("sdg_goal_targets",
            "SELECT x.code, coalesce(tt.title, te.title), i.code, coalesce(it.title, ie.title)"
            " FROM sdg_target x"
            " LEFT JOIN sdg_target_text tt ON tt.target = x.code AND tt.lang = $2"
            " LEFT JOIN sdg_target_text te ON te.target = x.code AND te.lang = 'en'"
            " LEFT JOIN sdg_indicator i ON i.target = x.code"
            " LEFT JOIN sdg_indicator_text it ON it.indicator = i.code AND it.lang = $2"
            " LEFT JOIN sdg_indicator_text ie ON ie.indicator = i.code AND ie.lang = 'en'"
            " WHERE x.goal = $1"
            " ORDER BY x.ordinal, i.ordinal");

static json_t *goal_object(const PGresult *res, int row)
{
    char code[8];
    long goal = hr_db_get_long(res, row, 0);
    snprintf(code, sizeof code, "%ld", goal);
    return json_pack("{s:I, s:s, s:s, s:s}", "goal", (json_int_t)goal, "code", code, "title",
                     PQgetvalue(res, row, 1), "short_title", PQgetvalue(res, row, 2));
}

int hr_db_sdg_goals(json_t **out, hr_db *db, hr_lang lang)
{
    const char *params[] = {hr_lang_code(lang)};
    PGresult *res = NULL;
    *out = NULL;
    int rc = hr_db_exec(&res, db, &goals_list, 1, params);
    if (rc != 0)
        return rc;
    json_t *goals = json_array();
    for (int row = 0; goals != NULL && row < PQntuples(res); row++) {
        json_t *goal = goal_object(res, row);
        if (goal == NULL ||
            json_object_set_new(goal, "target_count", json_integer(hr_db_get_long(res, row, 3))) ||
            json_object_set_new(goal, "indicator_count",
                                json_integer(hr_db_get_long(res, row, 4))) ||
            json_array_append_new(goals, goal)) {
            json_decref(goals);
            goals = NULL;
        }
    }
    PQclear(res);
    *out = goals;
    return goals ? 0 : HR_ENOMEM;
}

/* Appends the targets (with indicators) of the result rows to `targets`. */
static int fill_targets(json_t *targets, const PGresult *res)
{
    json_t *indicators = NULL;
    const char *current = NULL;
    for (int row = 0; row < PQntuples(res); row++) {
        const char *code = PQgetvalue(res, row, 0);
        if (current == NULL || strcmp(current, code) != 0) {
            indicators = json_array();
            json_t *target = json_pack("{s:s, s:s, s:o}", "code", code, "title",
                                       PQgetvalue(res, row, 1), "indicators", indicators);
            if (target == NULL || json_array_append_new(targets, target) != 0)
                return HR_ENOMEM;
            current = code;
        }
        if (PQgetisnull(res, row, 2))
            continue;
        json_t *indicator = json_pack("{s:s, s:s}", "code", PQgetvalue(res, row, 2), "title",
                                      PQgetvalue(res, row, 3));
        if (indicator == NULL || json_array_append_new(indicators, indicator) != 0)
            return HR_ENOMEM;
    }
    return 0;
}

int hr_db_sdg_goal(json_t **out, hr_db *db, int goal, hr_lang lang)
{
    char goal_text[8];
    snprintf(goal_text, sizeof goal_text, "%d", goal);
    const char *params[] = {goal_text, hr_lang_code(lang)};
    PGresult *res = NULL;
    json_t *result = NULL, *targets = NULL;
    *out = NULL;
    int rc = hr_db_exec(&res, db, &goal_one, 2, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 0) {
        rc = HR_ENOTFOUND;
        goto done;
    }
    result = goal_object(res, 0);
    targets = json_array();
    PQclear(res);
    res = NULL;
    if (result == NULL || targets == NULL || json_object_set(result, "targets", targets) != 0) {
        rc = HR_ENOMEM;
        goto done;
    }
    if ((rc = hr_db_exec(&res, db, &goal_targets, 2, params)) == 0)
        rc = fill_targets(targets, res);
done:
    PQclear(res);
    json_decref(targets);
    if (rc != 0)
        json_decref(result);
    else
        *out = result;
    return rc;
}
