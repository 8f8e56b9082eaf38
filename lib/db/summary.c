/* Summaries and documents (see include/hrtrack/summary.h). */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/summary.h"
#include "rec_filters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static hr_stmt goal_summary = HR_STMT(
    "summary_goal",
    "WITH links AS (SELECT DISTINCT l.target, r.id, r.mechanism, r.upr_position"
    "  FROM recommendation_sdg l JOIN recommendation r ON r.id = l.recommendation_id"
    "  WHERE l.goal = $1 AND l.target IS NOT NULL AND l.source = ANY($4::text[])"
    "  AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM recommendation_state s"
    "   WHERE s.recommendation_id = r.id AND s.state = $2))),"
    " totals AS (SELECT target, count(*) AS n FROM links GROUP BY target),"
    " mechanisms AS (SELECT target, json_object_agg(mechanism, n) AS m FROM"
    "  (SELECT target, mechanism, count(*) AS n FROM links GROUP BY 1, 2) x GROUP BY target),"
    " positions AS (SELECT target, json_object_agg(upr_position, n) AS p FROM"
    "  (SELECT target, upr_position, count(*) AS n FROM links WHERE upr_position IS NOT NULL"
    "   GROUP BY 1, 2) x GROUP BY target)"
    " SELECT json_build_object('goal', g.goal, 'title', coalesce(gn.title, ge.title),"
    "  'short_title', coalesce(gn.short_title, ge.short_title), 'state', $2::text,"
    "  'recommendations', (SELECT count(DISTINCT id) FROM links),"
    "  'targets', (SELECT json_agg(json_build_object('target', t.code,"
    "   'title', coalesce(tn.title, te.title), 'recommendations', coalesce(totals.n, 0),"
    "   'by_mechanism', coalesce(mechanisms.m, '{}'), 'by_position', coalesce(positions.p, '{}'))"
    "   ORDER BY t.ordinal) FROM sdg_target t"
    "   JOIN sdg_target_text te ON te.target = t.code AND te.lang = 'en'"
    "   LEFT JOIN sdg_target_text tn ON tn.target = t.code AND tn.lang = $3"
    "   LEFT JOIN totals ON totals.target = t.code"
    "   LEFT JOIN mechanisms ON mechanisms.target = t.code"
    "   LEFT JOIN positions ON positions.target = t.code WHERE t.goal = g.goal))::text"
    " FROM sdg_goal g JOIN sdg_goal_text ge ON ge.goal = g.goal AND ge.lang = 'en'"
    " LEFT JOIN sdg_goal_text gn ON gn.goal = g.goal AND gn.lang = $3 WHERE g.goal = $1");

static hr_stmt state_summary = HR_STMT(
    "summary_state",
    "WITH recs AS (SELECT r.id, r.mechanism, r.upr_cycle, r.upr_position FROM recommendation r"
    "  JOIN recommendation_state s ON s.recommendation_id = r.id WHERE s.state = $1)"
    " SELECT json_build_object('state', st.alpha2, 'alpha3', st.alpha3,"
    "  'name', coalesce(n.name, e.name), 'recommendations', (SELECT count(*) FROM recs),"
    "  'by_mechanism', (SELECT coalesce(json_agg(json_build_object('code', x.mechanism,"
    "   'name', coalesce(mn.name, me.name), 'count', x.n) ORDER BY x.n DESC, x.mechanism), '[]')"
    "   FROM (SELECT mechanism, count(*) AS n FROM recs GROUP BY 1) x"
    "   JOIN mechanism_name me ON me.mechanism = x.mechanism AND me.lang = 'en'"
    "   LEFT JOIN mechanism_name mn ON mn.mechanism = x.mechanism AND mn.lang = $2),"
    "  'by_cycle', (SELECT coalesce(json_agg(json_build_object('cycle', upr_cycle, 'count', n)"
    "   ORDER BY upr_cycle), '[]') FROM (SELECT upr_cycle, count(*) AS n FROM recs"
    "   WHERE upr_cycle IS NOT NULL GROUP BY 1) x),"
    "  'by_position', (SELECT coalesce(json_object_agg(upr_position, n), '{}')"
    "   FROM (SELECT upr_position, count(*) AS n FROM recs WHERE upr_position IS NOT NULL"
    "   GROUP BY 1) x),"
    "  'by_theme', (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name,"
    "   'count', n) ORDER BY n DESC, name), '[]') FROM (SELECT t.id, t.name, count(*) AS n"
    "   FROM recs JOIN recommendation_theme x ON x.recommendation_id = recs.id"
    "   JOIN theme t ON t.id = x.theme_id GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 50) x)"
    " )::text FROM state st JOIN state_name e ON e.state = st.alpha2 AND e.lang = 'en'"
    " LEFT JOIN state_name n ON n.state = st.alpha2 AND n.lang = $2 WHERE st.alpha2 = $1");

static hr_stmt state_exists =
    HR_STMT("summary_state_exists", "SELECT 1 FROM state WHERE alpha2 = $1");

/* $1 states, $2 mechanisms, $3 limit + 1, $4 cursor date, $5 cursor id. */
static hr_stmt documents_count =
    HR_STMT("summary_documents_count", "SELECT count(*) FROM document d" HR_DOCUMENT_FILTERS);

static hr_stmt documents_page = HR_STMT(
    "summary_documents_page",
    "SELECT json_build_object('symbol', d.symbol, 'mechanism', d.mechanism, 'body', b.name,"
    "  'published', d.published, 'cycle', d.upr_cycle, 'session', d.upr_session,"
    "  'recommendations', (SELECT count(*) FROM recommendation r WHERE r.document_id = d.id),"
    "  'states', (SELECT coalesce(json_agg(DISTINCT s.state), '[]') FROM recommendation r"
    "   JOIN recommendation_state s ON s.recommendation_id = r.id WHERE r.document_id = d.id)"
    " )::text, coalesce(d.published, DATE '0001-01-01')::text, d.id"
    " FROM document d LEFT JOIN body b ON b.id = d.body_id" HR_DOCUMENT_FILTERS
    " AND ($5::bigint IS NULL OR (coalesce(d.published, DATE '0001-01-01'), d.id)"
    "  < ($4::date, $5::bigint))"
    " ORDER BY coalesce(d.published, DATE '0001-01-01') DESC, d.id DESC LIMIT $3");

static hr_stmt document_one = HR_STMT(
    "summary_document",
    "SELECT json_build_object('symbol', d.symbol, 'external_id', d.external_id,"
    "  'mechanism', json_build_object('code', d.mechanism, 'name', (SELECT coalesce(n.name,"
    "   e.name) FROM mechanism_name e LEFT JOIN mechanism_name n ON n.mechanism = e.mechanism"
    "   AND n.lang = $2 WHERE e.mechanism = d.mechanism AND e.lang = 'en')),"
    "  'body', b.name, 'published', d.published, 'cycle', d.upr_cycle,"
    "  'session', d.upr_session,"
    "  'recommendations', (SELECT coalesce(json_agg(json_build_object('id', r.id,"
    "   'paragraph', r.paragraph, 'position', r.upr_position, 'text', left(r.text_plain, 300))"
    "   ORDER BY r.id), '[]') FROM recommendation r WHERE r.document_id = d.id)"
    " )::text FROM document d LEFT JOIN body b ON b.id = d.body_id WHERE d.symbol = $1");

int hr_db_goal_summary(json_t **out, hr_db *db, int goal, const char *alpha2, unsigned sdg_sources,
                       hr_lang lang)
{
    char goal_text[8], sources[HR_SDG_SOURCES_LITERAL_MAX];
    snprintf(goal_text, sizeof goal_text, "%d", goal);
    hr_sdg_sources_literal(sources, sizeof sources, sdg_sources);
    const char *params[] = {goal_text, alpha2, hr_lang_code(lang), sources};
    return hr_db_exec_json(out, db, &goal_summary, 4, params);
}

int hr_db_state_summary(json_t **out, hr_db *db, const char *alpha2, hr_lang lang)
{
    const char *params[] = {alpha2, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &state_summary, 2, params);
}

int hr_db_state_exists(int *exists, hr_db *db, const char *alpha2)
{
    const char *params[] = {alpha2};
    PGresult *res = NULL;
    *exists = 0;
    int rc = hr_db_exec(&res, db, &state_exists, 1, params);
    if (rc == 0)
        *exists = PQntuples(res) == 1;
    PQclear(res);
    return rc;
}

int hr_db_document(json_t **out, hr_db *db, const char *symbol, hr_lang lang)
{
    const char *params[] = {symbol, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &document_one, 2, params);
}

int hr_db_documents(json_t **out, hr_db *db, const hr_rec_query *q)
{
    char limit[16], cursor_id[24];
    snprintf(limit, sizeof limit, "%u", q->limit + 1);
    snprintf(cursor_id, sizeof cursor_id, "%lld", q->cursor_id);
    const char *params[] = {q->values[HR_Q_STATE].len ? q->values[HR_Q_STATE].data : NULL,
                            q->values[HR_Q_MECHANISM].len ? q->values[HR_Q_MECHANISM].data : NULL,
                            limit, q->has_cursor ? q->cursor_key : NULL,
                            q->has_cursor ? cursor_id : NULL};
    PGresult *count = NULL, *page = NULL;
    *out = NULL;
    int rc = hr_db_exec(&count, db, &documents_count, 2, params);
    if (rc == 0)
        rc = hr_db_exec(&page, db, &documents_page, 5, params);
    if (rc == 0)
        rc = hr_db_page_result(out, count, page, q);
    PQclear(count);
    PQclear(page);
    return rc;
}
