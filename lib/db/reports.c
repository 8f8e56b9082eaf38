/*
 * The queries of reports (see report_db.h). One statement reads every
 * recommendation a report shows with all it needs (recommending states,
 * current status, lead institution, clusters, SDG links, actions) as one
 * JSON text per row, so that a report costs one round trip and its size
 * is bounded by the LIMIT that the caller sets.
 */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/report_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static hr_stmt state_stmt =
    HR_STMT("report_state",
            "SELECT json_build_object('code', st.alpha2, 'name', coalesce(n.name, e.name))::text"
            " FROM state st JOIN state_name e ON e.state = st.alpha2 AND e.lang = 'en'"
            " LEFT JOIN state_name n ON n.state = st.alpha2 AND n.lang = $2 WHERE st.alpha2 = $1");

static hr_stmt latest_cycle_stmt =
    HR_STMT("report_latest_cycle", "SELECT max(r.upr_cycle) FROM recommendation r"
                                   " JOIN recommendation_state s ON s.recommendation_id = r.id"
                                   " WHERE s.state = $1 AND r.mechanism = 'UPR'");

static hr_stmt body_kind_stmt =
    HR_STMT("report_body_kind", "SELECT m.kind FROM body b JOIN mechanism m ON m.code = b.mechanism"
                                " WHERE b.name = $1 OR b.mechanism = $1"
                                " ORDER BY (b.name = $1) DESC LIMIT 1");

static hr_stmt document_kind_stmt = HR_STMT(
    "report_document_kind", "SELECT m.kind FROM document d"
                            " JOIN mechanism m ON m.code = d.mechanism WHERE d.symbol = $1");

/* $1 state, $2 body name or mechanism code, $3 symbol, $4 language. */
static hr_stmt treaty_document_stmt =
    HR_STMT("report_treaty_document",
            "SELECT json_build_object('symbol', d.symbol, 'published', d.published, 'body', b.name,"
            "  'mechanism', d.mechanism, 'mechanism_name', coalesce(mn.name, me.name))::text"
            " FROM document d LEFT JOIN body b ON b.id = d.body_id"
            " JOIN mechanism m ON m.code = d.mechanism"
            " JOIN mechanism_name me ON me.mechanism = d.mechanism AND me.lang = 'en'"
            " LEFT JOIN mechanism_name mn ON mn.mechanism = d.mechanism AND mn.lang = $4"
            " WHERE m.kind = 'treaty_body'"
            " AND ($2::text IS NULL OR b.name = $2::text OR d.mechanism = $2::text)"
            " AND ($3::text IS NULL OR d.symbol = $3::text)"
            " AND EXISTS (SELECT 1 FROM recommendation r"
            "  JOIN recommendation_state s ON s.recommendation_id = r.id"
            "  WHERE r.document_id = d.id AND s.state = $1)"
            " ORDER BY d.published DESC NULLS LAST, d.id DESC LIMIT 1");

/* Paragraph order of `r`: "84.2" before "84.10", "12(a)" before "12(b)", unnumbered last. */
#define REPORT_ORDER                                                                               \
    " ORDER BY substring(r.paragraph from '^([0-9]+)')::integer NULLS LAST,"                       \
    " substring(r.paragraph from '^[0-9]+\\.([0-9]+)')::integer NULLS FIRST,"                      \
    " r.paragraph NULLS LAST, r.id"

/* The name of institution `i` in the language $5. */
#define INSTITUTION_NAME                                                                           \
    "CASE $5::text WHEN 'es' THEN i.name_es WHEN 'fr' THEN i.name_fr ELSE i.name_en END"

/* The parts of one recommendation `r` of a report, each a JSON value. */
#define REC_STATES                                                                                 \
    "(SELECT coalesce(json_agg(json_build_object('code', x.state,"                                 \
    "  'name', coalesce(n.name, e.name)) ORDER BY coalesce(n.name, e.name)), '[]')"                \
    "  FROM recommendation_recommending_state x"                                                   \
    "  JOIN state_name e ON e.state = x.state AND e.lang = 'en'"                                   \
    "  LEFT JOIN state_name n ON n.state = x.state AND n.lang = $5::text"                          \
    "  WHERE x.recommendation_id = r.id)"
#define REC_LEAD                                                                                   \
    "(SELECT json_build_object('id', i.id, 'acronym', i.acronym, 'name', " INSTITUTION_NAME ")"    \
    "  FROM rec_assignment a JOIN institution i ON i.id = a.institution_id"                        \
    "  WHERE a.recommendation_id = r.id AND a.role = 'lead')"
#define REC_CLUSTERS                                                                               \
    "(SELECT coalesce(json_agg(json_build_object('id', c.id, 'name', c.name)"                      \
    "  ORDER BY c.name, c.id), '[]') FROM rec_cluster_member m"                                    \
    "  JOIN rec_cluster c ON c.id = m.cluster_id WHERE m.recommendation_id = r.id)"
#define REC_SDG                                                                                    \
    "(SELECT coalesce(json_agg(json_build_object('goal', l.goal, 'target', l.target)"              \
    "  ORDER BY l.goal, t.ordinal NULLS FIRST), '[]') FROM recommendation_sdg l"                   \
    "  LEFT JOIN sdg_target t ON t.code = l.target"                                                \
    "  WHERE l.recommendation_id = r.id AND l.source <> 'suggested')"
/* Only the actions of institution $6 when it is given: the reader's read scope. */
#define REC_ACTIONS                                                                                \
    "(SELECT coalesce(json_agg(json_build_object('id', a.id, 'title', a.title,"                    \
    "  'institution', i.acronym, 'institution_name', " INSTITUTION_NAME ","                        \
    "  'status', a.status, 'implementation_status', ai.status,"                                    \
    "  'start_date', a.start_date, 'due_date', a.due_date)"                                        \
    "  ORDER BY a.due_date NULLS LAST, a.id), '[]')"                                               \
    "  FROM action_recommendation ar JOIN action a ON a.id = ar.action_id"                         \
    "  JOIN institution i ON i.id = a.institution_id"                                              \
    "  LEFT JOIN action_implementation ai ON ai.action_id = a.id"                                  \
    "  WHERE ar.recommendation_id = r.id"                                                          \
    "  AND ($6::integer IS NULL OR a.institution_id = $6::integer))"

/*
 * $1 state, $2 UPR cycle, $3 document symbol, $4 SDG-linked only,
 * $5 language, $6 the one institution whose actions to show, $7 limit.
 */
static hr_stmt rows_stmt = HR_STMT(
    "report_rows",
    "WITH sel AS (SELECT r.* FROM recommendation r"
    "  WHERE r.id IN (SELECT recommendation_id FROM recommendation_state WHERE state = $1)"
    "  AND ($2::smallint IS NULL OR (r.mechanism = 'UPR' AND r.upr_cycle = $2::smallint))"
    "  AND ($3::text IS NULL OR r.document_id = (SELECT id FROM document WHERE symbol = $3))"
    "  AND (NOT $4::boolean OR EXISTS (SELECT 1 FROM recommendation_sdg l"
    "   WHERE l.recommendation_id = r.id AND l.source <> 'suggested'))" REPORT_ORDER
    " LIMIT $7::integer)"
    " SELECT json_build_object('id', r.id, 'paragraph', r.paragraph, 'symbol', d.symbol,"
    "  'text', r.text_plain, 'mechanism', r.mechanism, 'position', r.upr_position,"
    "  'cycle', r.upr_cycle, 'recommending_states', " REC_STATES ","
    "  'status', st.status, 'status_as_of', st.as_of, 'lead', " REC_LEAD ","
    "  'clusters', " REC_CLUSTERS ", 'sdg', " REC_SDG ", 'actions', " REC_ACTIONS ")::text"
    " FROM sel r LEFT JOIN document d ON d.id = r.document_id"
    " LEFT JOIN rec_status st ON st.recommendation_id = r.id" REPORT_ORDER);

static hr_stmt sdg_titles_stmt = HR_STMT(
    "report_sdg_titles",
    "SELECT json_build_object("
    " 'goals', (SELECT json_object_agg(g.goal, json_build_object("
    "  'title', coalesce(n.title, e.title), 'short_title', coalesce(n.short_title, e.short_title)))"
    "  FROM sdg_goal g JOIN sdg_goal_text e ON e.goal = g.goal AND e.lang = 'en'"
    "  LEFT JOIN sdg_goal_text n ON n.goal = g.goal AND n.lang = $1),"
    " 'targets', (SELECT json_object_agg(t.code, json_build_object("
    "  'title', coalesce(n.title, e.title), 'ordinal', t.ordinal))"
    "  FROM sdg_target t JOIN sdg_target_text e ON e.target = t.code AND e.lang = 'en'"
    "  LEFT JOIN sdg_target_text n ON n.target = t.code AND n.lang = $1))::text");

int hr_db_report_state(json_t **out, hr_db *db, const char *alpha2, hr_lang lang)
{
    const char *params[] = {alpha2, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &state_stmt, 2, params);
}

int hr_db_report_latest_cycle(int *cycle, hr_db *db, const char *alpha2)
{
    const char *params[] = {alpha2};
    PGresult *res = NULL;
    *cycle = 0;
    int rc = hr_db_exec(&res, db, &latest_cycle_stmt, 1, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0))
        rc = HR_ENOTFOUND;
    else
        *cycle = (int)hr_db_get_long(res, 0, 0);
    PQclear(res);
    return rc;
}

int hr_db_report_mechanism_kind(char *kind, size_t size, hr_db *db, const char *body,
                                const char *symbol)
{
    const char *params[] = {body != NULL ? body : symbol};
    PGresult *res = NULL;
    kind[0] = '\0';
    int rc = hr_db_exec(&res, db, body != NULL ? &body_kind_stmt : &document_kind_stmt, 1, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 0)
        rc = HR_ENOTFOUND;
    else
        snprintf(kind, size, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

int hr_db_report_treaty_document(json_t **out, hr_db *db, const char *alpha2, const char *body,
                                 const char *symbol, hr_lang lang)
{
    const char *params[] = {alpha2, body, symbol, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &treaty_document_stmt, 4, params);
}

/* Parses each row's JSON text into the array *out. */
static int rows_json(json_t **out, const PGresult *res)
{
    json_t *rows = json_array();
    int rc = rows ? 0 : HR_ENOMEM;
    for (int i = 0; rc == 0 && i < PQntuples(res); i++) {
        json_t *row = json_loads(PQgetvalue(res, i, 0), 0, NULL);
        rc = row != NULL && json_array_append_new(rows, row) == 0 ? 0 : HR_ENOMEM;
    }
    if (rc != 0) {
        json_decref(rows);
        return rc;
    }
    *out = rows;
    return 0;
}

int hr_db_report_rows(json_t **out, hr_db *db, const hr_report_rows_filter *f)
{
    char cycle[8], institution[16], limit[16];
    snprintf(cycle, sizeof cycle, "%d", f->cycle);
    snprintf(institution, sizeof institution, "%d", f->actions_institution);
    /* One row more than allowed tells "too many" from "exactly the maximum". */
    snprintf(limit, sizeof limit, "%d", f->max + 1);
    const char *params[] = {f->state,
                            f->cycle > 0 ? cycle : NULL,
                            f->document,
                            f->sdg_only ? "true" : "false",
                            hr_lang_code(f->lang),
                            f->actions_institution > 0 ? institution : NULL,
                            limit};
    PGresult *res = NULL;
    *out = NULL;
    int rc = hr_db_exec(&res, db, &rows_stmt, 7, params);
    if (rc != 0)
        return rc;
    rc = PQntuples(res) > f->max ? HR_ELIMIT : rows_json(out, res);
    PQclear(res);
    return rc;
}

int hr_db_report_sdg_titles(json_t **out, hr_db *db, hr_lang lang)
{
    const char *params[] = {hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &sdg_titles_stmt, 1, params);
}
