/* One recommendation in full (see hr_db_recommendation in include/hrtrack/rec_query.h). */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"

#include <stdio.h>

/* $1 id, $2 language of names and titles (English when a text is missing), $3 the
 * sources of the SDG links shown (an array literal). One plan serves every id
 * (HR_STMT_GENERIC): planning this statement cost more than running it. */
static hr_stmt detail = HR_STMT_GENERIC(
    "rec_detail",
    "SELECT json_build_object("
    " 'id', r.id, 'source', r.source, 'external_key', r.external_key,"
    " 'paragraph', r.paragraph, 'text', r.text_plain, 'text_published', r.text_published,"
    " 'language', r.language, 'annotation_type', r.annotation_type,"
    " 'mechanism', json_build_object('code', r.mechanism, 'name', (SELECT coalesce(n.name, e.name)"
    "   FROM mechanism_name e LEFT JOIN mechanism_name n ON n.mechanism = e.mechanism"
    "   AND n.lang = $2 WHERE e.mechanism = r.mechanism AND e.lang = 'en')),"
    " 'body', b.name, 'position', r.upr_position, 'cycle', r.upr_cycle,"
    " 'session', r.upr_session, 'action_category', r.action_category,"
    " 'published', r.published,"
    /* The latest approved status update (rec_status, kept by a trigger); null when none. */
    " 'current_status', (SELECT json_build_object('status', s.status, 'as_of', s.as_of,"
    "   'status_update_id', s.status_update_id, 'approved_at', s.approved_at)"
    "   FROM rec_status s WHERE s.recommendation_id = r.id),"
    " 'document', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('symbol', d.symbol,"
    "   'published', d.published, 'cycle', d.upr_cycle, 'session', d.upr_session) END,"
    " 'states', (SELECT coalesce(json_agg(json_build_object('code', x.state, 'name',"
    "   coalesce(n.name, e.name)) ORDER BY x.state), '[]') FROM recommendation_state x"
    "   JOIN state_name e ON e.state = x.state AND e.lang = 'en'"
    "   LEFT JOIN state_name n ON n.state = x.state AND n.lang = $2"
    "   WHERE x.recommendation_id = r.id),"
    " 'recommending_states', (SELECT coalesce(json_agg(json_build_object('code', x.state,"
    "   'name', coalesce(n.name, e.name)) ORDER BY x.state), '[]')"
    "   FROM recommendation_recommending_state x"
    "   JOIN state_name e ON e.state = x.state AND e.lang = 'en'"
    "   LEFT JOIN state_name n ON n.state = x.state AND n.lang = $2"
    "   WHERE x.recommendation_id = r.id),"
    " 'regions', (SELECT coalesce(json_agg(json_build_object('name', g.name, 'role', x.role)"
    "   ORDER BY x.role, g.name), '[]') FROM recommendation_region x"
    "   JOIN region g ON g.id = x.region_id WHERE x.recommendation_id = r.id),"
    " 'themes', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name)"
    "   ORDER BY t.name), '[]') FROM recommendation_theme x JOIN theme t ON t.id = x.theme_id"
    "   WHERE x.recommendation_id = r.id),"
    " 'affected_persons', (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name)"
    "   ORDER BY p.name), '[]') FROM recommendation_affected_person x"
    "   JOIN affected_person p ON p.id = x.affected_person_id WHERE x.recommendation_id = r.id),"
    " 'sdg', (SELECT coalesce(json_agg(json_build_object('goal', l.goal, 'target', l.target,"
    "   'source', l.source, 'score', l.score, 'reason', l.reason, 'title', coalesce(tn.title,"
    "   te.title, gn.short_title, ge.short_title)) ORDER BY l.goal, t.ordinal NULLS FIRST), '[]')"
    "   FROM recommendation_sdg l LEFT JOIN sdg_target t ON t.code = l.target"
    "   LEFT JOIN sdg_target_text tn ON tn.target = l.target AND tn.lang = $2"
    "   LEFT JOIN sdg_target_text te ON te.target = l.target AND te.lang = 'en'"
    "   LEFT JOIN sdg_goal_text gn ON gn.goal = l.goal AND gn.lang = $2 AND l.target IS NULL"
    "   LEFT JOIN sdg_goal_text ge ON ge.goal = l.goal AND ge.lang = 'en' AND l.target IS NULL"
    "   WHERE l.recommendation_id = r.id AND l.source = ANY($3::text[])),"
    /* Related: the same paragraph group of the same document ("84.1", "84.2"; "12(a)",
     * "12(b)"), then recommendations to the same state sharing an SDG target and a theme. */
    " 'related', (SELECT coalesce(json_agg(json_build_object('id', z.id, 'paragraph',"
    "   z.paragraph, 'reason', z.reason) ORDER BY z.reason, z.id), '[]') FROM ("
    "   (SELECT o.id, o.paragraph, 'same_paragraph_group' AS reason FROM recommendation o"
    "    WHERE o.document_id = r.document_id AND o.id <> r.id"
    "    AND substring(o.paragraph FROM '^[0-9]+') = substring(r.paragraph FROM '^[0-9]+')"
    /* The same number starts the paragraph keys of schema 0011 with the same ten
     * characters (the number, zero-padded): a range of the document's index
     * instead of all of its recommendations (a UPR report has hundreds). */
    "    AND o.paragraph_key >= left(r.paragraph_key, 10)"
    "    AND o.paragraph_key < left(r.paragraph_key, 10) || chr(1114111)"
    "    ORDER BY o.id LIMIT 20)"
    /* Same state and same target: two sets read from indexes alone (schema 0014's
     * index for the targets) and intersected, small; the theme is then checked on
     * each of those few by its primary key: a join with the theme's links hashed
     * all of them (a theme can hold 20,000 recommendations; 11 ms), which a
     * subquery with LIMIT, never turned into a join, does not. The newest ten are
     * chosen before the recommendation table is joined: otherwise the planner
     * walks its primary key backwards over every row hoping to stop early (200 ms
     * against 12-45 ms on 250,000 records). */
    "   UNION ALL (SELECT o.id, o.paragraph, 'same_state_target_theme' FROM ("
    "    SELECT cand.id FROM ("
    "     SELECT c.recommendation_id AS id FROM recommendation_state a"
    "      JOIN recommendation_state c ON c.state = a.state WHERE a.recommendation_id = r.id"
    "     INTERSECT SELECT c.recommendation_id FROM recommendation_sdg a"
    "      JOIN recommendation_sdg c ON c.target = a.target WHERE a.recommendation_id = r.id"
    "      AND a.source <> 'suggested' AND a.target IS NOT NULL"
    "      AND c.source <> 'suggested' AND c.target IS NOT NULL) cand"
    "    WHERE cand.id <> r.id AND (SELECT 1 FROM recommendation_theme c"
    "     WHERE c.recommendation_id = cand.id AND c.theme_id IN (SELECT a.theme_id"
    "      FROM recommendation_theme a WHERE a.recommendation_id = r.id) LIMIT 1) IS NOT NULL"
    "    ORDER BY cand.id DESC LIMIT 10) top JOIN recommendation o ON o.id = top.id"
    /* Without a confirmed target nothing can be related this way: skip reading the
     * state's recommendations (22 % of the 250,000-record set; 1.5 ms each). */
    "    WHERE EXISTS (SELECT 1 FROM recommendation_sdg t WHERE t.recommendation_id = r.id"
    "     AND t.source <> 'suggested' AND t.target IS NOT NULL))) z)"
    ")::text FROM recommendation r LEFT JOIN document d ON d.id = r.document_id"
    " LEFT JOIN body b ON b.id = r.body_id WHERE r.id = $1");

int hr_db_recommendation(json_t **out, hr_db *db, long long id, hr_lang lang, unsigned sdg_sources)
{
    char id_text[24], sources[HR_SDG_SOURCES_LITERAL_MAX];
    snprintf(id_text, sizeof id_text, "%lld", id);
    hr_sdg_sources_literal(sources, sizeof sources, sdg_sources);
    const char *params[] = {id_text, hr_lang_code(lang), sources};
    return hr_db_exec_json(out, db, &detail, 3, params);
}

int hr_rec_detail_sql(hr_buf *out, long long id, hr_lang lang)
{
    char id_text[24], sources[HR_SDG_SOURCES_LITERAL_MAX];
    snprintf(id_text, sizeof id_text, "%lld", id);
    hr_sdg_sources_literal(sources, sizeof sources, HR_SDG_SOURCES_CONFIRMED);
    const char *params[] = {id_text, hr_lang_code(lang), sources};
    return hr_db_inline_params(out, detail.sql, params, 3);
}
