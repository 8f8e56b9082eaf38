/*
 * Recommendation queries (see include/hrtrack/rec_query.h).
 *
 * The list, count, facets and export statements are a fixed prefix, the
 * WHERE clause of rec_filters.c (fixed fragments for the filters present)
 * and a fixed suffix; values only ever travel as parameters: $1..$20 the
 * filters, then $21..$24 those of a page (or $21 the language of facets).
 * They are planned for each request, which costs far less than a plan that
 * must allow for every filter.
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
    "   AND source = ANY($20::text[])),"                                                           \
    " 'status', (SELECT s.status FROM rec_status s WHERE s.recommendation_id = r.id),"             \
    " 'status_as_of', (SELECT s.as_of FROM rec_status s WHERE s.recommendation_id = r.id),"        \
    " 'snippet', CASE WHEN $15::text IS NULL THEN NULL ELSE "                                      \
    "ts_headline(hr_text_config(r.language),"                                                      \
    "   r.text_plain, " HR_REC_TSQUERY ", 'StartSel=\"\xee\x80\x80\", StopSel=\"\xee\x80\x81\","   \
    "   MaxFragments=2, MaxWords=30, MinWords=10') END)::text"

static const char count_prefix[] = "SELECT count(*) FROM recommendation r";

/* Parameters after the filters: $21 limit + 1 (one more row says there is a next
 * page), $22 the cursor's key (date, rank or document key), $23 the cursor's id,
 * $24 (paragraph order only) the cursor's paragraph key. */
static const char date_prefix[] =
    "SELECT " ITEM ", coalesce(r.published, DATE '0001-01-01')::text, r.id"
    " FROM recommendation r LEFT JOIN document d ON d.id = r.document_id"
    " LEFT JOIN body b ON b.id = r.body_id";
static const char date_suffix[] =
    " AND ($23::bigint IS NULL OR (coalesce(r.published, DATE '0001-01-01'), r.id)"
    "  < ($22::date, $23::bigint))"
    " ORDER BY coalesce(r.published, DATE '0001-01-01') DESC, r.id DESC LIMIT $21";

/* Relevance: ts_rank, rounded so that the cursor's text form compares equal. The page
 * is chosen first and only its rows are built: a headline for every match was 1 s. */
static const char relevance_prefix[] =
    "SELECT " ITEM ", p.rank::text, r.id FROM (SELECT id, rank FROM (SELECT r.id,"
    "   round(ts_rank(r.search, " HR_REC_TSQUERY ")::numeric, 6) AS rank"
    "   FROM recommendation r";
static const char relevance_suffix[] =
    ") m WHERE ($23::bigint IS NULL OR (rank, id) < ($22::numeric, $23::bigint))"
    "  ORDER BY rank DESC, id DESC LIMIT $21) p"
    " JOIN recommendation r ON r.id = p.id LEFT JOIN document d ON d.id = r.document_id"
    " LEFT JOIN body b ON b.id = r.body_id ORDER BY p.rank DESC, p.id DESC";

/*
 * Paragraph order (rec_filters.h): the page is chosen first, over narrow rows,
 * and only its rows are built. Recommendations with a document and those
 * without are chosen apart, so that the first can walk the documents in key
 * order (indexes of schema 0011) and stop after a page, which one ORDER BY
 * over the LEFT JOIN cannot. The cursor keeps both keys of the last row.
 */
static const char paragraph_head[] =
    "SELECT " ITEM ", p.document_key, r.id, r.paragraph_key FROM ((SELECT r.id,"
    "  d.symbol_key AS document_key, r.paragraph_key"
    "  FROM recommendation r JOIN document d ON d.id = r.document_id";
static const char paragraph_middle[] =
    "  AND ($23::bigint IS NULL OR (d.symbol_key >= $22::text COLLATE \"C\" AND"
    "   (d.symbol_key, r.paragraph_key COLLATE \"C\", r.id)"
    "   > ($22::text COLLATE \"C\", $24::text COLLATE \"C\", $23::bigint)))"
    "  ORDER BY d.symbol_key, r.paragraph_key COLLATE \"C\", r.id LIMIT $21)"
    " UNION ALL (SELECT r.id, '~' COLLATE \"C\", r.paragraph_key FROM recommendation r";
static const char paragraph_tail[] =
    "  AND r.document_id IS NULL"
    "  AND ($23::bigint IS NULL OR ('~' COLLATE \"C\", r.paragraph_key COLLATE \"C\", r.id)"
    "   > ($22::text COLLATE \"C\", $24::text COLLATE \"C\", $23::bigint))"
    "  ORDER BY r.paragraph_key COLLATE \"C\", r.id LIMIT $21)) p"
    " JOIN recommendation r ON r.id = p.id LEFT JOIN document d ON d.id = r.document_id"
    " LEFT JOIN body b ON b.id = r.body_id"
    " ORDER BY p.document_key COLLATE \"C\", p.paragraph_key COLLATE \"C\", p.id LIMIT $21";

/* The page statement of `q` into `sql`. */
static int page_statement(hr_buf *sql, const hr_rec_query *q)
{
    if (q->order == HR_ORDER_RELEVANCE)
        return hr_rec_filters_statement(sql, relevance_prefix, q, relevance_suffix);
    if (q->order == HR_ORDER_DATE)
        return hr_rec_filters_statement(sql, date_prefix, q, date_suffix);
    /* The filters twice: once for each kind of recommendation. */
    int rc = hr_rec_filters_statement(sql, paragraph_head, q, paragraph_middle);
    if (rc == 0)
        rc = hr_rec_filters_where(sql, q);
    return rc == 0 ? hr_buf_puts(sql, paragraph_tail) : rc;
}

/* The parameters a page statement uses: $24 exists in the paragraph order only. */
static int page_param_count(const hr_rec_query *q)
{
    return q->order == HR_ORDER_PARAGRAPH ? HR_REC_FILTER_PARAMS + 4 : HR_REC_FILTER_PARAMS + 3;
}

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
static hr_stmt check_stmt =
    HR_STMT("rec_query_check",
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
            " UNION ALL SELECT 17, 'institution' FROM unnest($17::int[]) v"
            "  WHERE NOT EXISTS (SELECT 1 FROM institution WHERE id = v)"
            " UNION ALL SELECT 18, 'cluster' FROM unnest($18::bigint[]) v"
            "  WHERE NOT EXISTS (SELECT 1 FROM rec_cluster WHERE id = v)"
            /* Goals, positions, cycles, sessions, dates, the text and statuses need no
             * lookup, but every parameter must appear. */
            " UNION ALL SELECT 0, NULL WHERE $7::smallint[] IS NULL AND $9::text[] IS NULL"
            "  AND $11::smallint[] IS NULL AND $12::smallint[] IS NULL AND $13::date IS NULL"
            "  AND $14::date IS NULL AND $15::text IS NULL AND $16::text[] IS NULL AND false"
            ") unknown ORDER BY o LIMIT 1");

/* The filters' parameters, $1..$20 (see rec_filters.h). */
void hr_rec_filter_params(const char **params, const hr_rec_query *q)
{
    for (int i = 0; i < HR_Q_FIELD_COUNT; i++) {
        const char *v = q->values[i].len > 0 ? q->values[i].data : NULL;
        /* The follow-up filters come after from, to and the text. */
        params[i < HR_Q_STATUS ? i : i + 3] = v;
    }
    params[HR_Q_STATUS] = q->from[0] ? q->from : NULL;
    params[HR_Q_STATUS + 1] = q->to[0] ? q->to : NULL;
    params[HR_Q_STATUS + 2] = q->text;
    params[HR_REC_FILTER_PARAMS - 1] = q->sdg_sources_literal;
}

int hr_db_rec_query_check(const char **field, hr_db *db, const hr_rec_query *q)
{
    static const char *const names[] = {
        "state",      "mechanism",          "body",        "document", "theme", "affected_person",
        "sdg_target", "recommending_state", "institution", "cluster"};
    const char *params[HR_REC_FILTER_PARAMS];
    hr_rec_filter_params(params, q);
    PGresult *res = NULL;
    *field = NULL;
    int rc = hr_db_exec(&res, db, &check_stmt, 18, params);
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
    char cursor[HR_CURSOR_TEXT_MAX + 1] = "";
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
        hr_rec_cursor_encode(cursor, sizeof cursor, q->order, PQgetvalue(page, shown - 1, 1),
                             PQnfields(page) > 3 ? PQgetvalue(page, shown - 1, 3) : NULL,
                             strtoll(PQgetvalue(page, shown - 1, 2), NULL, 10));
    if (items != NULL)
        *out = json_pack("{s:I, s:i, s:o, s:s?}", "total",
                         (json_int_t)strtoll(PQgetvalue(count, 0, 0), NULL, 10), "limit",
                         (int)q->limit, "items", items, "next_cursor", cursor[0] ? cursor : NULL);
    return *out ? 0 : HR_ENOMEM;
}

/* Parameters of a page: the filters, limit + 1, the cursor's key, id and second key. */
typedef struct page_params {
    const char *values[HR_REC_FILTER_PARAMS + 4];
    char limit[16];
    char cursor_id[24];
} page_params;

static void fill_page_params(page_params *p, const hr_rec_query *q)
{
    hr_rec_filter_params(p->values, q);
    snprintf(p->limit, sizeof p->limit, "%u", q->limit + 1);
    snprintf(p->cursor_id, sizeof p->cursor_id, "%lld", q->cursor_id);
    p->values[HR_REC_FILTER_PARAMS] = p->limit;
    p->values[HR_REC_FILTER_PARAMS + 1] = q->has_cursor ? q->cursor_key : NULL;
    p->values[HR_REC_FILTER_PARAMS + 2] = q->has_cursor ? p->cursor_id : NULL;
    p->values[HR_REC_FILTER_PARAMS + 3] = q->has_cursor ? q->cursor_key2 : NULL;
}

int hr_db_rec_query(json_t **out, hr_db *db, const hr_rec_query *q)
{
    page_params pp;
    fill_page_params(&pp, q);
    PGresult *count = NULL, *page = NULL;
    *out = NULL;
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    int rc = run_filtered(&count, db, count_prefix, q, "", HR_REC_FILTER_PARAMS, pp.values);
    if (rc == 0)
        rc = page_statement(&sql, q);
    if (rc == 0)
        rc = hr_db_exec_params(&page, db, sql.data, page_param_count(q), pp.values);
    if (rc == 0)
        rc = hr_db_page_result(out, count, page, q);
    hr_buf_free(&sql);
    PQclear(count);
    PQclear(page);
    return rc;
}

/* Each facet: value, name (in $21's language, English when missing), count. */
static const char facets_prefix[] =
    "WITH f AS MATERIALIZED (SELECT r.id, r.mechanism, r.body_id, r.upr_position, r.published"
    " FROM recommendation r";
/* The SDG links of the set are read once for both SDG facets. */
static const char facets_suffix[] =
    "), links AS MATERIALIZED (SELECT x.recommendation_id, x.goal, x.target FROM f"
    "  JOIN recommendation_sdg x ON x.recommendation_id = f.id AND x.source = ANY($20::text[]))"
    " SELECT json_build_object('total', (SELECT count(*) FROM f),"
    " 'state', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT x.state AS value, coalesce(n.name, e.name) AS name, count(*) AS count"
    "  FROM f JOIN recommendation_state x ON x.recommendation_id = f.id"
    "  JOIN state_name e ON e.state = x.state AND e.lang = 'en'"
    "  LEFT JOIN state_name n ON n.state = x.state AND n.lang = $21"
    "  GROUP BY 1, 2 ORDER BY 3 DESC, 1) v),"
    " 'mechanism', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT f.mechanism AS value, coalesce(n.name, e.name) AS name, count(*) AS count FROM f"
    "  JOIN mechanism_name e ON e.mechanism = f.mechanism AND e.lang = 'en'"
    "  LEFT JOIN mechanism_name n ON n.mechanism = f.mechanism AND n.lang = $21"
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
    "  LEFT JOIN sdg_goal_text n ON n.goal = x.goal AND n.lang = $21"
    "  GROUP BY 1, 2 ORDER BY 1) v),"
    " 'sdg_target', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT x.target AS value, coalesce(n.title, e.title) AS name, count(*) AS count"
    "  FROM links x JOIN sdg_target t ON t.code = x.target"
    "  JOIN sdg_target_text e ON e.target = x.target AND e.lang = 'en'"
    "  LEFT JOIN sdg_target_text n ON n.target = x.target AND n.lang = $21"
    "  WHERE x.target IS NOT NULL"
    "  GROUP BY 1, 2, t.goal, t.ordinal ORDER BY t.goal, t.ordinal) v),"
    " 'position', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT f.upr_position AS value, CASE $21"
    "   WHEN 'es' THEN CASE f.upr_position WHEN 'supported' THEN 'Apoyada' ELSE 'Anotada' END"
    "   WHEN 'fr' THEN CASE f.upr_position WHEN 'supported' THEN 'Soutenue' ELSE 'Notée' END"
    "   ELSE CASE f.upr_position WHEN 'supported' THEN 'Supported' ELSE 'Noted' END END AS name,"
    "  count(*) AS count"
    "  FROM f WHERE f.upr_position IS NOT NULL GROUP BY 1 ORDER BY 1) v),"
    " 'year', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT extract(year FROM f.published)::int AS value,"
    "  extract(year FROM f.published)::int::text AS name, count(*) AS count FROM f"
    "  WHERE f.published IS NOT NULL GROUP BY 1 ORDER BY 1 DESC) v),"
    /* Every recommendation has one current status or none: the counts add up to the total. */
    " 'status', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT i.status AS value, CASE $21 WHEN 'es' THEN i.name_es WHEN 'fr' THEN i.name_fr"
    "   ELSE i.name_en END AS name, count(*) AS count"
    "  FROM f LEFT JOIN rec_status s ON s.recommendation_id = f.id"
    "  JOIN implementation_status i ON i.status = coalesce(s.status, 'none')"
    "  GROUP BY i.status, i.ordinal, 2 ORDER BY i.ordinal) v)";

/* Planning data, for callers who may read it: who follows the set up, as lead or support. */
static const char facets_institution[] =
    ", 'institution', (SELECT coalesce(json_agg(row_to_json(v)), '[]') FROM ("
    "  SELECT i.id AS value, CASE $21 WHEN 'es' THEN i.name_es WHEN 'fr' THEN i.name_fr"
    "   ELSE i.name_en END AS name, i.acronym, count(*) AS count"
    "  FROM f JOIN rec_assignment a ON a.recommendation_id = f.id"
    "  JOIN institution i ON i.id = a.institution_id"
    "  GROUP BY i.id ORDER BY 4 DESC, i.acronym) v)";

/* The statement of hr_db_rec_facets into `sql`. */
static int facets_statement(hr_buf *sql, const hr_rec_query *q, int with_institutions)
{
    hr_buf suffix;
    hr_buf_init(&suffix, 16u * 1024u);
    int rc = hr_buf_puts(&suffix, facets_suffix);
    if (rc == 0 && with_institutions)
        rc = hr_buf_puts(&suffix, facets_institution);
    if (rc == 0)
        rc = hr_buf_puts(&suffix, ")::text");
    if (rc == 0)
        rc = hr_rec_filters_statement(sql, facets_prefix, q, hr_buf_cstr(&suffix));
    hr_buf_free(&suffix);
    return rc;
}

int hr_db_rec_facets(json_t **out, hr_db *db, const hr_rec_query *q, int with_institutions)
{
    const char *params[HR_REC_FILTER_PARAMS + 1];
    hr_rec_filter_params(params, q);
    params[HR_REC_FILTER_PARAMS] = hr_lang_code(q->lang);
    PGresult *res = NULL;
    *out = NULL;
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    int rc = facets_statement(&sql, q, with_institutions);
    if (rc == 0)
        rc = hr_db_exec_params(&res, db, sql.data, HR_REC_FILTER_PARAMS + 1, params);
    hr_buf_free(&sql);
    if (rc != 0)
        return rc;
    *out = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
    PQclear(res);
    return *out ? 0 : HR_ENOMEM;
}

int hr_rec_query_sql(hr_buf *out, const hr_rec_query *q, hr_rec_sql which)
{
    page_params pp;
    fill_page_params(&pp, q);
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    int rc = 0;
    if (which == HR_SQL_FACETS) {
        pp.values[HR_REC_FILTER_PARAMS] = hr_lang_code(q->lang);
        rc = facets_statement(&sql, q, 1);
    } else if (which == HR_SQL_PAGE) {
        rc = page_statement(&sql, q);
    } else {
        rc = hr_rec_filters_statement(&sql, count_prefix, q, "");
    }
    if (rc == 0)
        rc = hr_db_inline_params(out, sql.data, pp.values, HR_REC_FILTER_PARAMS + 4);
    hr_buf_free(&sql);
    return rc;
}
