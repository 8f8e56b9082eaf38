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
    char name[40];
};

static const char *const keys[HR_EXPORT_COLUMNS] = {
    "id",     "symbol",      "paragraph", "mechanism", "body",   "position",
    "cycle",  "session",     "published", "language",  "states", "recommending_states",
    "themes", "sdg_targets", "text"};

static const char *const titles[HR_EXPORT_COLUMNS][HR_LANG_COUNT] = {
    {"ID", "ID", "ID"},
    {"Document", "Documento", "Document"},
    {"Paragraph", "Párrafo", "Paragraphe"},
    {"Mechanism", "Mecanismo", "Mécanisme"},
    {"Body", "Órgano", "Organe"},
    {"UPR position", "Posición en el EPU", "Position à l'EPU"},
    {"UPR cycle", "Ciclo del EPU", "Cycle de l'EPU"},
    {"UPR session", "Sesión del EPU", "Session de l'EPU"},
    {"Published", "Fecha de publicación", "Date de publication"},
    {"Language", "Idioma", "Langue"},
    {"States", "Estados", "États"},
    {"Recommending states", "Estados recomendantes", "États recommandants"},
    {"Themes", "Temas", "Thèmes"},
    {"SDG targets", "Metas de los ODS", "Cibles des ODD"},
    {"Recommendation", "Recomendación", "Recommandation"},
};

const char *hr_export_column_key(int column)
{
    return column >= 0 && column < HR_EXPORT_COLUMNS ? keys[column] : "";
}

const char *hr_export_column_title(int column, hr_lang lang)
{
    if (column < 0 || column >= HR_EXPORT_COLUMNS)
        return "";
    return titles[column][(unsigned)lang < HR_LANG_COUNT ? lang : HR_LANG_DEFAULT];
}

/* Followed by the WHERE clause of rec_filters.c, with its parameters $1..$15. */
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
    "   WHERE recommendation_id = r.id AND target IS NOT NULL AND source <> 'suggested'),"         \
    " r.text_plain"                                                                                \
    " FROM recommendation r LEFT JOIN document d ON d.id = r.document_id"                          \
    " LEFT JOIN body b ON b.id = r.body_id"

#include "rec_filters.h"

static atomic_uint export_counter;

int hr_db_export_open(hr_db_export **out, hr_db *db, const hr_rec_query *q)
{
    *out = NULL;
    hr_db_export *e = calloc(1, sizeof *e);
    if (e == NULL)
        return HR_ENOMEM;
    e->db = db;
    /* The name is ours, not the client's: a counter. */
    snprintf(e->name, sizeof e->name, "hr_export_%u", atomic_fetch_add(&export_counter, 1));
    char prefix[4096];
    snprintf(prefix, sizeof prefix, "DECLARE %s" EXPORT_SELECT, e->name);
    const char *params[15];
    hr_rec_filter_params(params, q);
    PGresult *res = NULL;
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    int rc = hr_rec_filters_statement(
        &sql, prefix, q, " ORDER BY coalesce(r.published, DATE '0001-01-01') DESC, r.id DESC");
    if (rc == 0)
        rc = hr_db_exec_script(db, "BEGIN; SET LOCAL statement_timeout = '600s'");
    if (rc == 0)
        rc = hr_db_exec_params(&res, db, sql.data, 15, params);
    hr_buf_free(&sql);
    PQclear(res);
    if (rc == 0)
        rc = hr_db_exec_script(db, "COMMIT");
    if (rc != 0) {
        hr_db_exec_script(db, "ROLLBACK");
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
    const char *columns[HR_EXPORT_COLUMNS];
    for (int r = 0; rc == 0 && r < PQntuples(res); r++) {
        for (int c = 0; c < HR_EXPORT_COLUMNS; c++)
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
