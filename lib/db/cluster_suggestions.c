/*
 * Proposed clusters (see hr_db_cluster_suggestions in planning.h). The
 * rule is kept simple enough to be said in one sentence next to each
 * suggestion: every unclustered recommendation of the state goes to its
 * theme shared by the most of them (or, without a theme, to its SDG goal
 * shared by the most of them), and each group of two or more is proposed.
 * Only SDG links a source or a person made count; the linker's own
 * 'suggested' links do not, so that a suggestion never rests on a guess.
 * Nothing is written: the coordinator accepts a suggestion by creating
 * the cluster and adding its members.
 */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/planning.h"

#include <stdio.h>

/* $1 state, $2 language, $3 ids listed per suggestion, $4 suggestions. */
static hr_stmt suggestions_stmt = HR_STMT(
    "cluster_suggestions",
    "WITH pool AS (SELECT s.recommendation_id AS id FROM recommendation_state s"
    "  WHERE s.state = $1::text AND NOT EXISTS (SELECT 1 FROM rec_cluster_member m"
    "   WHERE m.recommendation_id = s.recommendation_id)),"
    " themed AS (SELECT p.id, t.theme_id FROM pool p"
    "  JOIN recommendation_theme t ON t.recommendation_id = p.id),"
    " theme_size AS (SELECT theme_id, count(*) AS n FROM themed GROUP BY theme_id),"
    " by_theme AS (SELECT DISTINCT ON (x.id) x.id, x.theme_id FROM themed x"
    "  JOIN theme_size z USING (theme_id) JOIN theme th ON th.id = x.theme_id"
    "  ORDER BY x.id, z.n DESC, th.name),"
    " linked AS (SELECT DISTINCT p.id, g.goal FROM pool p JOIN recommendation_sdg g"
    "  ON g.recommendation_id = p.id AND g.source <> 'suggested'"
    "  WHERE NOT EXISTS (SELECT 1 FROM themed t WHERE t.id = p.id)),"
    " goal_size AS (SELECT goal, count(*) AS n FROM linked GROUP BY goal),"
    " by_goal AS (SELECT DISTINCT ON (x.id) x.id, x.goal FROM linked x"
    "  JOIN goal_size z USING (goal) ORDER BY x.id, z.n DESC, x.goal),"
    " groups AS (SELECT 'theme' AS basis, theme_id, NULL::smallint AS goal,"
    "   array_agg(id ORDER BY id) AS ids FROM by_theme GROUP BY theme_id"
    "  UNION ALL SELECT 'sdg_goal', NULL, goal, array_agg(id ORDER BY id)"
    "   FROM by_goal GROUP BY goal),"
    /* A theme group names the goal that at least half of its members link to. */
    " named AS (SELECT g.basis, g.theme_id, th.name AS theme_name, g.ids,"
    "   cardinality(g.ids) AS n, coalesce(g.goal, top.goal) AS goal,"
    "   coalesce(top.n, cardinality(g.ids)) AS goal_n"
    "  FROM groups g LEFT JOIN theme th ON th.id = g.theme_id"
    "  LEFT JOIN LATERAL (SELECT x.goal, count(DISTINCT x.recommendation_id) AS n"
    "   FROM recommendation_sdg x WHERE g.goal IS NULL AND x.source <> 'suggested'"
    "   AND x.recommendation_id = ANY(g.ids) GROUP BY x.goal"
    "   HAVING 2 * count(DISTINCT x.recommendation_id) >= cardinality(g.ids)"
    "   ORDER BY 2 DESC, 1 LIMIT 1) top ON true"
    "  WHERE cardinality(g.ids) >= 2),"
    " titled AS (SELECT n.*, CASE WHEN n.goal IS NULL THEN NULL ELSE"
    "   CASE $2::text WHEN 'es' THEN 'ODS ' WHEN 'fr' THEN 'ODD ' ELSE 'SDG ' END"
    "   || n.goal || ': ' || coalesce((SELECT short_title FROM sdg_goal_text"
    "    WHERE goal = n.goal AND lang = $2::text), (SELECT short_title FROM sdg_goal_text"
    "    WHERE goal = n.goal AND lang = 'en'), '') END AS goal_title FROM named n),"
    " picked AS (SELECT * FROM titled ORDER BY n DESC, basis DESC, theme_name, goal"
    "  LIMIT $4::integer)"
    "SELECT json_build_object('state', $1::text, 'unclustered', (SELECT count(*) FROM pool),"
    " 'items', coalesce((SELECT json_agg(json_build_object("
    "  'name', left(CASE WHEN basis = 'theme' THEN theme_name"
    "   || coalesce(' · ' || goal_title, '') ELSE goal_title END, 200),"
    "  'basis', basis, 'theme', CASE WHEN theme_id IS NULL THEN NULL"
    "   ELSE json_build_object('id', theme_id, 'name', theme_name) END,"
    "  'sdg_goal', goal, 'count', n, 'recommendation_ids', to_json(ids[1:$3::integer]),"
    "  'reason', CASE WHEN basis = 'theme' THEN"
    "   CASE $2::text"
    "    WHEN 'es' THEN format('%s recomendaciones a %s sin grupo tienen «%s» como su tema"
    " más compartido', n, $1::text, theme_name)"
    "    WHEN 'fr' THEN format('%s recommandations à %s hors groupe ont « %s » pour thème le"
    " plus partagé', n, $1::text, theme_name)"
    "    ELSE format('%s recommendations to %s in no cluster have \"%s\" as their most shared"
    " theme', n, $1::text, theme_name) END"
    "   || CASE WHEN goal IS NULL THEN '' ELSE CASE $2::text"
    "    WHEN 'es' THEN format('; %s de ellas están vinculadas al %s', goal_n, goal_title)"
    "    WHEN 'fr' THEN format(' ; %s d''entre elles sont liées à l''%s', goal_n, goal_title)"
    "    ELSE format('; %s of them are linked to %s', goal_n, goal_title) END END"
    "  ELSE CASE $2::text"
    "    WHEN 'es' THEN format('%s recomendaciones a %s sin grupo ni tema tienen el %s como su"
    " objetivo más compartido', n, $1::text, goal_title)"
    "    WHEN 'fr' THEN format('%s recommandations à %s sans groupe ni thème ont l''%s pour"
    " objectif le plus partagé', n, $1::text, goal_title)"
    "    ELSE format('%s recommendations to %s in no cluster and without a theme have %s as"
    " their most shared goal', n, $1::text, goal_title) END END)"
    "  ORDER BY n DESC, basis DESC, theme_name, goal) FROM picked), '[]'))"
    " WHERE EXISTS (SELECT 1 FROM state WHERE alpha2 = $1::text)");

int hr_db_cluster_suggestions(json_t **out, hr_db *db, const char *state, hr_lang lang)
{
    char ids[16], max[16];
    snprintf(ids, sizeof ids, "%d", HR_SUGGESTION_IDS);
    snprintf(max, sizeof max, "%d", HR_SUGGESTIONS_MAX);
    const char *params[] = {state, hr_lang_code(lang), ids, max};
    return hr_db_exec_json(out, db, &suggestions_stmt, 4, params);
}
