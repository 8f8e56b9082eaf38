/*
 * Streaming exports of recommendations (see hr_db_export_* in rec_query.h).
 * The cursor is declared WITH HOLD inside a short transaction that raises
 * the statement timeout (materialising a large set takes longer than a
 * page), then fetched in batches between which the connection is free.
 */
#include "internal.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

struct hr_db_export {
    hr_db *db;
    int columns;
    char name[40];
};

static const hr_export_column recommendation_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"symbol", HR_COLUMN_TEXT, {"Document", "Documento", "Document"}},
    {"paragraph", HR_COLUMN_TEXT, {"Paragraph", "Párrafo", "Paragraphe"}},
    {"mechanism", HR_COLUMN_TEXT, {"Mechanism", "Mecanismo", "Mécanisme"}},
    {"body", HR_COLUMN_TEXT, {"Body", "Órgano", "Organe"}},
    {"position", HR_COLUMN_TEXT, {"UPR position", "Posición en el EPU", "Position à l'EPU"}},
    {"cycle", HR_COLUMN_NUMBER, {"UPR cycle", "Ciclo del EPU", "Cycle de l'EPU"}},
    {"session", HR_COLUMN_NUMBER, {"UPR session", "Sesión del EPU", "Session de l'EPU"}},
    {"published", HR_COLUMN_TEXT, {"Published", "Fecha de publicación", "Date de publication"}},
    {"language", HR_COLUMN_TEXT, {"Language", "Idioma", "Langue"}},
    {"states", HR_COLUMN_LIST, {"States", "Estados", "États"}},
    {"recommending_states",
     HR_COLUMN_LIST,
     {"Recommending states", "Estados recomendantes", "États recommandants"}},
    {"themes", HR_COLUMN_LIST, {"Themes", "Temas", "Thèmes"}},
    {"sdg_targets", HR_COLUMN_LIST, {"SDG targets", "Metas de los ODS", "Cibles des ODD"}},
    {"status",
     HR_COLUMN_TEXT,
     {"Implementation status", "Estado de implementación", "État de mise en œuvre"}},
    {"text", HR_COLUMN_TEXT, {"Recommendation", "Recomendación", "Recommandation"}},
};

static const hr_export_column document_columns[] = {
    {"symbol", HR_COLUMN_TEXT, {"Document", "Documento", "Document"}},
    {"mechanism", HR_COLUMN_TEXT, {"Mechanism", "Mecanismo", "Mécanisme"}},
    {"body", HR_COLUMN_TEXT, {"Body", "Órgano", "Organe"}},
    {"published", HR_COLUMN_TEXT, {"Published", "Fecha de publicación", "Date de publication"}},
    {"cycle", HR_COLUMN_NUMBER, {"UPR cycle", "Ciclo del EPU", "Cycle de l'EPU"}},
    {"session", HR_COLUMN_NUMBER, {"UPR session", "Sesión del EPU", "Session de l'EPU"}},
    {"recommendations",
     HR_COLUMN_NUMBER,
     {"Recommendations", "Recomendaciones", "Recommandations"}},
    {"states", HR_COLUMN_LIST, {"States", "Estados", "États"}},
};

const hr_export_column *hr_export_columns(hr_export_kind kind, int *count)
{
    if (kind == HR_EXPORT_DOCUMENTS) {
        *count = (int)(sizeof document_columns / sizeof document_columns[0]);
        return document_columns;
    }
    *count = (int)(sizeof recommendation_columns / sizeof recommendation_columns[0]);
    return recommendation_columns;
}

/* Followed by the WHERE clause of rec_filters.c, with its parameters $1..$20; $21
 * is the language of the status's name (empty while no update is approved). */
#define EXPORT_SELECT                                                                              \
    " CURSOR WITH HOLD FOR SELECT r.id::text, d.symbol, r.paragraph, r.mechanism, b.name,"         \
    " r.upr_position, r.upr_cycle::text, r.upr_session::text, r.published::text, r.language,"      \
    " (SELECT string_agg(state, '; ' ORDER BY state) FROM recommendation_state"                    \
    "   WHERE recommendation_id = r.id),"                                                          \
    " (SELECT string_agg(state, '; ' ORDER BY state) FROM recommendation_recommending_state"       \
    "   WHERE recommendation_id = r.id),"                                                          \
    " (SELECT string_agg(t.name, '; ' ORDER BY t.name) FROM recommendation_theme x"                \
    "   JOIN theme t ON t.id = x.theme_id WHERE x.recommendation_id = r.id),"                      \
    " (SELECT string_agg(target, '; ' ORDER BY target) FROM recommendation_sdg"                    \
    "   WHERE recommendation_id = r.id AND target IS NOT NULL AND source = ANY($20::text[])),"     \
    " (SELECT hr_status_name(s.status, $21) FROM rec_status s WHERE s.recommendation_id = r.id),"  \
    " r.text_plain"                                                                                \
    " FROM recommendation r LEFT JOIN document d ON d.id = r.document_id"                          \
    " LEFT JOIN body b ON b.id = r.body_id"

#include "rec_filters.h"

/* The orders of a list (see lib/db/rec_query.c); a search is exported newest first. */
#define EXPORT_BY_DATE      " ORDER BY coalesce(r.published, DATE '0001-01-01') DESC, r.id DESC"
#define EXPORT_BY_PARAGRAPH " ORDER BY " HR_REC_PARAGRAPH_ORDER

/* Documents: $1 states, $2 mechanisms, as GET /api/v1/documents filters them. */
#define DOCUMENT_SELECT                                                                            \
    " CURSOR WITH HOLD FOR SELECT d.symbol, d.mechanism, b.name, d.published::text,"               \
    " d.upr_cycle::text, d.upr_session::text,"                                                     \
    " (SELECT count(*) FROM recommendation r WHERE r.document_id = d.id)::text,"                   \
    " (SELECT string_agg(DISTINCT s.state, '; ') FROM recommendation r"                            \
    "   JOIN recommendation_state s ON s.recommendation_id = r.id WHERE r.document_id = d.id)"     \
    " FROM document d LEFT JOIN body b ON b.id = d.body_id" HR_DOCUMENT_FILTERS                    \
    " ORDER BY coalesce(d.published, DATE '0001-01-01') DESC, d.id DESC"

static atomic_uint export_counter;

/* Declares the cursor inside a short transaction with a long statement timeout:
 * materialising a large set takes longer than a page. */
static int declare(hr_db *db, const char *sql, int nparams, const char *const *params)
{
    PGresult *res = NULL;
    int rc = hr_db_exec_script(db, "BEGIN; SET LOCAL statement_timeout = '600s'");
    if (rc == 0)
        rc = hr_db_exec_params(&res, db, sql, nparams, params);
    PQclear(res);
    if (rc == 0)
        rc = hr_db_exec_script(db, "COMMIT");
    if (rc != 0)
        hr_db_exec_script(db, "ROLLBACK");
    return rc;
}

static hr_db_export *export_new(hr_db *db, int columns)
{
    hr_db_export *e = calloc(1, sizeof *e);
    if (e == NULL)
        return NULL;
    e->db = db;
    e->columns = columns;
    /* The name is ours, not the client's: a counter. */
    snprintf(e->name, sizeof e->name, "hr_export_%u", atomic_fetch_add(&export_counter, 1));
    return e;
}

int hr_db_export_open(hr_db_export **out, hr_db *db, hr_export_kind kind, const hr_rec_query *q)
{
    *out = NULL;
    int columns = 0;
    hr_export_columns(kind, &columns);
    hr_db_export *e = export_new(db, columns);
    if (e == NULL)
        return HR_ENOMEM;
    const char *params[HR_REC_FILTER_PARAMS + 1];
    hr_rec_filter_params(params, q);
    params[HR_REC_FILTER_PARAMS] = hr_lang_code(q->lang);
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    char prefix[4096];
    snprintf(prefix, sizeof prefix, "DECLARE %s%s", e->name,
             kind == HR_EXPORT_DOCUMENTS ? DOCUMENT_SELECT : EXPORT_SELECT);
    int rc = kind == HR_EXPORT_DOCUMENTS
                 ? hr_buf_puts(&sql, prefix)
                 : hr_rec_filters_statement(&sql, prefix, q,
                                            q->order == HR_ORDER_PARAGRAPH ? EXPORT_BY_PARAGRAPH
                                                                           : EXPORT_BY_DATE);
    if (rc == 0)
        rc = declare(db, sql.data, kind == HR_EXPORT_DOCUMENTS ? 2 : HR_REC_FILTER_PARAMS + 1,
                     params);
    hr_buf_free(&sql);
    if (rc != 0) {
        free(e);
        return rc;
    }
    *out = e;
    return 0;
}

int hr_db_export_open_select(hr_db_export **out, hr_db *db, int columns, const char *select_sql,
                             int nparams, const char *const *params)
{
    *out = NULL;
    if (columns < 1 || columns > HR_EXPORT_COLUMNS_MAX)
        return HR_EINTERNAL;
    hr_db_export *e = export_new(db, columns);
    if (e == NULL)
        return HR_ENOMEM;
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    int rc = hr_buf_puts(&sql, "DECLARE ");
    if (rc == 0)
        rc = hr_buf_puts(&sql, e->name);
    if (rc == 0)
        rc = hr_buf_puts(&sql, " CURSOR WITH HOLD FOR ");
    if (rc == 0)
        rc = hr_buf_puts(&sql, select_sql);
    if (rc == 0)
        rc = declare(db, sql.data, nparams, params);
    hr_buf_free(&sql);
    if (rc != 0) {
        free(e);
        return rc;
    }
    *out = e;
    return 0;
}

int hr_db_export_fetch(hr_db_export *e, int max, int (*row)(void *ctx, const char *const *columns),
                       void *ctx, int *count)
{
    char sql[96];
    snprintf(sql, sizeof sql, "FETCH %d FROM %s", max, e->name);
    PGresult *res = NULL;
    *count = 0;
    int rc = hr_db_exec_params(&res, e->db, sql, 0, NULL);
    if (rc != 0)
        return rc;
    const char *columns[HR_EXPORT_COLUMNS_MAX];
    for (int r = 0; rc == 0 && r < PQntuples(res); r++) {
        for (int c = 0; c < e->columns && c < PQnfields(res); c++)
            columns[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
        rc = row(ctx, columns);
    }
    *count = PQntuples(res);
    PQclear(res);
    return rc;
}

void hr_db_export_close(hr_db_export *e)
{
    if (e == NULL)
        return;
    char sql[64];
    snprintf(sql, sizeof sql, "CLOSE %s", e->name);
    /* After a reconnect the cursor is gone already; nothing to report. */
    hr_db_exec_script(e->db, sql);
    free(e);
}
