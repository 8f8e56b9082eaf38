/*
 * Recommendation queries (see include/hrtrack/rec_query.h).
 *
 * The list, count, facets and export statements are a fixed prefix, the
 * WHERE clause of rec_filters.c (fixed fragments for the filters present)
 * and a fixed suffix; values only ever travel as parameters $1..$18. They
 * are planned for each request, which costs far less than a plan that must
 * allow for every filter.
 */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"
#include "rec_filters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The JSON of one list item; $15 gives the highlighted snippet. */
#define ITEM                                                                                       \
    "json_build_object('id', r.id, 'symbol', d.symbol, 'paragraph', r.paragraph,"                  \
    " 'text', r.text_plain, 'language', r.language, 'mechanism', r.mechanism,"                     \
    " 'body', b.name, 'position', r.upr_position, 'cycle', r.upr_cycle,"                           \
    " 'session', r.upr_session, 'published', r.published,"                                         \
    " 'states', (SELECT coalesce(json_agg(state ORDER BY state), '[]') FROM recommendation_state"  \
    "   WHERE recommendation_id = r.id),"                                                          \
    " 'recommending_states', (SELECT coalesce(json_agg(state ORDER BY state), '[]')"               \
    "   FROM recommendation_recommending_state WHERE recommendation_id = r.id),"                   \
    " 'sdg_targets', (SELECT coalesce(json_agg(target ORDER BY target), '[]')"                     \
    "   FROM recommendation_sdg WHERE recommendation_id = r.id AND target IS NOT NULL"             \
    "   AND source <> 'suggested'),"                                                               \
    " 'snippet', CASE WHEN $15::text IS NULL THEN NULL ELSE "                                      \
    "ts_headline(hr_text_config(r.language),"                                                      \
    "   r.text_plain, " HR_REC_TSQUERY ", 'StartSel=\"\xee\x80\x80\", StopSel=\"\xee\x80\x81\","   \
    "   MaxFragments=2, MaxWords=30, MinWords=10') END)::text"

static const char count_prefix[] = "SELECT count(*) FROM recommendation r";

/* Parameters after the filters: $16 limit + 1 (one more row says there is a next
 * page), $17 the cursor's key (date or rank), $18 the cursor's id. */
static const char date_prefix[] =
    "SELECT " ITEM ", coalesce(r.published, DATE '0001-01-01')::text, r.id"
    " FROM recommendation r LEFT JOIN document d ON d.id = r.document_id"
    " LEFT JOIN body b ON b.id = r.body_id";
static const char date_suffix[] =
    " AND ($18::bigint IS NULL OR (coalesce(r.published, DATE '0001-01-01'), r.id)"
    "  < ($17::date, $18::bigint))"
    " ORDER BY coalesce(r.published, DATE '0001-01-01') DESC, r.id DESC LIMIT $16";

/* Relevance: ts_rank, rounded so that the cursor's text form compares equal. The page
 * is chosen first and only its rows are built: a headline for every match was 1 s. */
static const char relevance_prefix[] =
    "SELECT " ITEM ", p.rank::text, r.id FROM (SELECT id, rank FROM (SELECT r.id,"
    "   round(ts_rank(r.search, " HR_REC_TSQUERY ")::numeric, 6) AS rank"
    "   FROM recommendation r";
static const char relevance_suffix[] =
    ") m WHERE ($18::bigint IS NULL OR (rank, id) < ($17::numeric, $18::bigint))"
    "  ORDER BY rank DESC, id DESC LIMIT $16) p"
    " JOIN recommendation r ON r.id = p.id LEFT JOIN document d ON d.id = r.document_id"
    " LEFT JOIN body b ON b.id = r.body_id ORDER BY p.rank DESC, p.id DESC";

/* Runs prefix + the filters of `q` + suffix with `nparams` parameters. */
static int run_filtered(PGresult **res, hr_db *db, const char *prefix, const hr_rec_query *q,
                        const char *suffix, int nparams, const char *const *params)
{
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    int rc = hr_rec_filters_statement(&sql, prefix, q, suffix);
    if (rc == 0)
        rc = hr_db_exec_params(res, db, sql.data, nparams, params);
    hr_buf_free(&sql);
    return rc;
}

/* The first value of each filter that names nothing, in hr_query_field order. */
static hr_stmt check_stmt = HR_STMT(
    "rec_query_check",
    "SELECT f FROM ("
    " SELECT 1 AS o, 'state' AS f FROM unnest($1::text[]) v"
    "  WHERE NOT EXISTS (SELECT 1 FROM state WHERE alpha2 = v)"
    " UNION ALL SELECT 2, 'mechanism' FROM unnest($2::text[]) v"
    "  WHERE NOT EXISTS (SELECT 1 FROM mechanism WHERE code = v)"
    " UNION ALL SELECT 3, 'body' FROM unnest($3::text[]) v"
    "  WHERE NOT EXISTS (SELECT 1 FROM body WHERE name = v)"
    " UNION ALL SELECT 4, 'document' FROM unnest($4::text[]) v"
    "  WHERE NOT EXISTS (SELECT 1 FROM document WHERE symbol = v)"
    " UNION ALL SELECT 5, 'theme' FROM unnest($5::int[]) v"
    "  WHERE NOT EXISTS (SELECT 1 FROM theme WHERE id = v)"
    " UNION ALL SELECT 6, 'affected_person' FROM unnest($6::int[]) v"
    "  WHERE NOT EXISTS (SELECT 1 FROM affected_person WHERE id = v)"
    " UNION ALL SELECT 8, 'sdg_target' FROM unnest($8::text[]) v"
    "  WHERE NOT EXISTS (SELECT 1 FROM sdg_target WHERE code = v)"
    " UNION ALL SELECT 10, 'recommending_state' FROM unnest($10::text[]) v"
    "  WHERE NOT EXISTS (SELECT 1 FROM state WHERE alpha2 = v)"
    /* Goals and positions need no lookup, but every parameter must appear. */
    " UNION ALL SELECT 0, NULL WHERE $7::smallint[] IS NULL AND $9::text[] IS NULL AND false"
    ") unknown ORDER BY o LIMIT 1");

/* Parameters $1..$15 of the filters. */
void hr_rec_filter_params(const char **params, const hr_rec_query *q)
{
    for (int i = 0; i < HR_Q_FIELD_COUNT; i++)
        params[i] = q->values[i].len > 0 ? q->values[i].data : NULL;
    params[12] = q->from[0] ? q->from : NULL;
    params[13] = q->to[0] ? q->to : NULL;
    params[14] = q->text;
}

int hr_db_rec_query_check(const char **field, hr_db *db, const hr_rec_query *q)
{
    static const char *const names[] = {
        "state", "mechanism",       "body",       "document",
        "theme", "affected_person", "sdg_target", "recommending_state"};
    const char *params[15];
    hr_rec_filter_params(params, q);
    PGresult *res = NULL;
    *field = NULL;
    int rc = hr_db_exec(&res, db, &check_stmt, 10, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) > 0) {
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            if (strcmp(names[i], PQgetvalue(res, 0, 0)) == 0)
                *field = names[i];
        }
        rc = HR_EUNPROCESSABLE;
    }
    PQclear(res);
    return rc;
}

int hr_db_page_result(json_t **out, const PGresult *count, const PGresult *page,
                      const hr_rec_query *q)
{
    int rows = PQntuples(page);
    int shown = rows > (int)q->limit ? (int)q->limit : rows;
    char cursor[128] = "";
    json_t *items = json_array();
    *out = NULL;
    for (int row = 0; items != NULL && row < shown; row++) {
        json_t *item = json_loads(PQgetvalue(page, row, 0), 0, NULL);
        if (item == NULL || json_array_append_new(items, item) != 0) {
            json_decref(items);
            items = NULL;
        }
    }
    /* One row more than asked for says there is a next page. */
    if (items != NULL && rows > (int)q->limit)
        hr_rec_cursor_encode(cursor, sizeof cursor, q->by_relevance, PQgetvalue(page, shown - 1, 1),
                             strtoll(PQgetvalue(page, shown - 1, 2), NULL, 10));
    if (items != NULL)
        *out = json_pack("{s:I, s:i, s:o, s:s?}", "total",
                         (json_int_t)strtoll(PQgetvalue(count, 0, 0), NULL, 10), "limit",
                         (int)q->limit, "items", items, "next_cursor", cursor[0] ? cursor : NULL);
    return *out ? 0 : HR_ENOMEM;
}

/* Parameters $1..$18 of a page: the filters, limit + 1, the cursor's key and id. */
typedef struct page_params {
    const char *values[18];
    char limit[16];
    char cursor_id[24];
} page_params;

static void fill_page_params(page_params *p, const hr_rec_query *q)
{
    hr_rec_filter_params(p->values, q);
    snprintf(p->limit, sizeof p->limit, "%u", q->limit + 1);
    snprintf(p->cursor_id, sizeof p->cursor_id, "%lld", q->cursor_id);
    p->values[15] = p->limit;
    p->values[16] = q->has_cursor ? q->cursor_key : NULL;
    p->values[17] = q->has_cursor ? p->cursor_id : NULL;
}

int hr_db_rec_query(json_t **out, hr_db *db, const hr_rec_query *q)
{
    page_params pp;
    fill_page_params(&pp, q);
    PGresult *count = NULL, *page = NULL;
    *out = NULL;
    int rc = run_filtered(&count, db, count_prefix, q, "", 15, pp.values);
    if (rc == 0)
        rc = run_filtered(&page, db, q->by_relevance ? relevance_prefix : date_prefix, q,
                          q->by_relevance ? relevance_suffix : date_suffix, 18, pp.values);
    if (rc == 0)
        rc = hr_db_page_result(out, count, page, q);
    PQclear(count);
    PQclear(page);
    return rc;
}

/* Each facet: value, name (in $16's language, English when missing), count. */
static const char facets_prefix[] =
    "WITH f AS MATERIALIZED (SELECT r.id, r.mechanism, r.body_id, r.upr_position, r.published"
    " FROM recommendation r";
/* The SDG links of the set are read once for both SDG facets. */
static const char facets_suffix[] =
    "), links AS MATERIALIZED (SELECT x.recommendation_id, x.goal, x.target FROM f"
    "  JOIN recommendation_sdg x ON x.recommendation_id = f.id AND x.source <> 'suggested')"
    " SELECT json_build_object('total', (SELECT count(*) FROM f),"
    " 'state', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT x.state AS value, coalesce(n.name, e.name) AS name, count(*) AS count"
    "  FROM f JOIN recommendation_state x ON x.recommendation_id = f.id"
    "  JOIN state_name e ON e.state = x.state AND e.lang = 'en'"
    "  LEFT JOIN state_name n ON n.state = x.state AND n.lang = $16"
    "  GROUP BY 1, 2 ORDER BY 3 DESC, 1) v),"
    " 'mechanism', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT f.mechanism AS value, coalesce(n.name, e.name) AS name, count(*) AS count FROM f"
    "  JOIN mechanism_name e ON e.mechanism = f.mechanism AND e.lang = 'en'"
    "  LEFT JOIN mechanism_name n ON n.mechanism = f.mechanism AND n.lang = $16"
    "  GROUP BY 1, 2 ORDER BY 3 DESC, 1) v),"
    " 'body', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT b.name AS value, b.name AS name, count(*) AS count FROM f"
    "  JOIN body b ON b.id = f.body_id GROUP BY 1 ORDER BY 3 DESC, 1) v),"
    " 'theme', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT t.id AS value, t.name AS name, count(*) AS count FROM f"
    "  JOIN recommendation_theme x ON x.recommendation_id = f.id"
    "  JOIN theme t ON t.id = x.theme_id GROUP BY 1, 2 ORDER BY 3 DESC, 2) v),"
    " 'affected_person', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT p.id AS value, p.name AS name, count(*) AS count FROM f"
    "  JOIN recommendation_affected_person x ON x.recommendation_id = f.id"
    "  JOIN affected_person p ON p.id = x.affected_person_id"
    "  GROUP BY 1, 2 ORDER BY 3 DESC, 2) v),"
    " 'sdg_goal', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT x.goal AS value, coalesce(n.short_title, e.short_title) AS name,"
    "  count(DISTINCT x.recommendation_id) AS count FROM links x"
    "  JOIN sdg_goal_text e ON e.goal = x.goal AND e.lang = 'en'"
    "  LEFT JOIN sdg_goal_text n ON n.goal = x.goal AND n.lang = $16"
    "  GROUP BY 1, 2 ORDER BY 1) v),"
    " 'sdg_target', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT x.target AS value, coalesce(n.title, e.title) AS name, count(*) AS count"
    "  FROM links x JOIN sdg_target t ON t.code = x.target"
    "  JOIN sdg_target_text e ON e.target = x.target AND e.lang = 'en'"
    "  LEFT JOIN sdg_target_text n ON n.target = x.target AND n.lang = $16"
    "  WHERE x.target IS NOT NULL"
    "  GROUP BY 1, 2, t.goal, t.ordinal ORDER BY t.goal, t.ordinal) v),"
    " 'position', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT f.upr_position AS value, CASE $16"
    "   WHEN 'es' THEN CASE f.upr_position WHEN 'supported' THEN 'Apoyada' ELSE 'Anotada' END"
    "   WHEN 'fr' THEN CASE f.upr_position WHEN 'supported' THEN 'Soutenue' ELSE 'Notée' END"
    "   ELSE CASE f.upr_position WHEN 'supported' THEN 'Supported' ELSE 'Noted' END END AS name,"
    "  count(*) AS count"
    "  FROM f WHERE f.upr_position IS NOT NULL GROUP BY 1 ORDER BY 1) v),"
    " 'year', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT extract(year FROM f.published)::int AS value,"
    "  extract(year FROM f.published)::int::text AS name, count(*) AS count FROM f"
    "  WHERE f.published IS NOT NULL GROUP BY 1 ORDER BY 1 DESC) v))::text";

int hr_db_rec_facets(json_t **out, hr_db *db, const hr_rec_query *q)
{
    const char *params[16];
    hr_rec_filter_params(params, q);
    params[15] = hr_lang_code(q->lang);
    PGresult *res = NULL;
    *out = NULL;
    int rc = run_filtered(&res, db, facets_prefix, q, facets_suffix, 16, params);
    if (rc != 0)
        return rc;
    *out = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
    PQclear(res);
    return *out ? 0 : HR_ENOMEM;
}

int hr_rec_query_sql(hr_buf *out, const hr_rec_query *q, hr_rec_sql which)
{
    static const char *const prefixes[] = {count_prefix, date_prefix, facets_prefix};
    static const char *const suffixes[] = {"", date_suffix, facets_suffix};
    page_params pp;
    fill_page_params(&pp, q);
    if (which == HR_SQL_FACETS)
        pp.values[15] = hr_lang_code(q->lang);
    const char *prefix = prefixes[which], *suffix = suffixes[which];
    if (which == HR_SQL_PAGE && q->by_relevance) {
        prefix = relevance_prefix;
        suffix = relevance_suffix;
    }
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    int rc = hr_rec_filters_statement(&sql, prefix, q, suffix);
    if (rc == 0)
        rc = hr_db_inline_params(out, sql.data, pp.values, 18);
    hr_buf_free(&sql);
    return rc;
}
