/*
 * A query over recommendations: the filters of GET /api/v1/recommendations,
 * validated, and the page wanted (size, keyset cursor, order).
 *
 * Filters combine with AND; the values of one filter combine with OR. Each
 * value is checked for its form when it is added (a state is two capital
 * letters, a target "16.3" or "16.a", a date YYYY-MM-DD), and the values that
 * name something in the database (states, themes, targets...) are checked
 * against it by hr_db_rec_query_check, so that a typing mistake is an error
 * naming the field and not an empty result.
 */
#ifndef HRTRACK_REC_QUERY_H
#define HRTRACK_REC_QUERY_H

#include <jansson.h>

#include "hrtrack/buf.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/sdg_source.h"

#define HR_QUERY_VALUES_MAX 50  /* values of one filter */
#define HR_QUERY_TEXT_MAX   500 /* bytes of the search text */
#define HR_PAGE_DEFAULT     50
#define HR_PAGE_MAX         200

typedef enum hr_query_field {
    HR_Q_STATE,
    HR_Q_MECHANISM,
    HR_Q_BODY,
    HR_Q_DOCUMENT,
    HR_Q_THEME,
    HR_Q_AFFECTED_PERSON,
    HR_Q_SDG_GOAL,
    HR_Q_SDG_TARGET,
    HR_Q_POSITION,
    HR_Q_RECOMMENDING_STATE,
    HR_Q_CYCLE,
    HR_Q_SESSION,
    /* Follow-up: the current approved status ("none": no approved update
     * yet), and the planning data (assigned institution, cluster, priority),
     * which only callers who may read planning data may filter by (see
     * hr_access_list_filter). */
    HR_Q_STATUS,
    HR_Q_INSTITUTION,
    HR_Q_CLUSTER,
    HR_Q_PRIORITY,
    HR_Q_FIELD_COUNT
} hr_query_field;

/*
 * The order of a list: newest first; by relevance (with a search text; the
 * default then); or by paragraph: document by document in the natural order
 * of their symbols, and in each the natural order of paragraph numbers
 * ("79.2" < "79.10", "12(a)" < "12(b)" < "13"), recommendations without a
 * document last. Ties are broken by id, so every order is total.
 */
typedef enum hr_rec_order { HR_ORDER_DATE, HR_ORDER_RELEVANCE, HR_ORDER_PARAGRAPH } hr_rec_order;

/* Bytes of a cursor's keys: a document's sort key (up to 100 characters of
 * symbol, each run of digits padded to ten) and a paragraph's. */
#define HR_CURSOR_KEY_MAX  640
#define HR_CURSOR_KEY2_MAX 200
/* Characters of an encoded cursor (base64url of at most 1,000 bytes). */
#define HR_CURSOR_TEXT_MAX 1400

typedef struct hr_rec_query {
    /* Per filter: a PostgreSQL array literal of its values, NULL when absent. */
    hr_buf values[HR_Q_FIELD_COUNT];
    unsigned counts[HR_Q_FIELD_COUNT];
    int status_none;       /* the status filter has "none" among its values */
    char from[11], to[11]; /* publication dates, "" when absent */
    char *text;            /* the search text (q), or NULL */
    unsigned limit;
    hr_rec_order order;
    int order_given; /* sort= was given: q no longer chooses relevance */
    int has_cursor;  /* continue after the row the cursor names */
    long long cursor_id;
    /* The order key of that row: its rank, its date, or its document's key... */
    char cursor_key[HR_CURSOR_KEY_MAX];
    char cursor_key2[HR_CURSOR_KEY2_MAX]; /* ...and then its paragraph's key */
    hr_lang lang;
    /* The SDG links that the SDG filters, facets, columns and summaries count
     * (sdg_source=): hr_sdg_source bits, HR_SDG_SOURCES_CONFIRMED unless given,
     * and the same set as an array literal for the database. */
    unsigned sdg_sources;
    int sdg_sources_given;
    char sdg_sources_literal[HR_SDG_SOURCES_LITERAL_MAX];
} hr_rec_query;

/* The API name of a filter ("state", "sdg_target"). */
const char *hr_query_field_name(hr_query_field field);

/* Finds a filter by its API name. Returns 0 or HR_ENOTFOUND. */
int hr_query_field_find(hr_query_field *out, const char *name);

/* An empty query: no filter, first page of HR_PAGE_DEFAULT, by date, confirmed SDG links. */
void hr_rec_query_init(hr_rec_query *q, hr_lang lang);

/* Frees what the query holds. */
void hr_rec_query_free(hr_rec_query *q);

/*
 * Adds one value (or several, comma-separated) to a filter. Returns 0,
 * HR_EUNPROCESSABLE when a value has the wrong form, HR_ELIMIT past
 * HR_QUERY_VALUES_MAX values, HR_ENOMEM.
 */
int hr_rec_query_add(hr_rec_query *q, hr_query_field field, const char *value);

/*
 * Sets the other parameters: "q", "from", "to", "limit", "cursor", "sort"
 * (date, relevance, paragraph), "sdg_source" (hr_sdg_sources_parse; the
 * first one replaces the default, later ones add to it). "q" and "sort"
 * must come before "cursor": a cursor only continues the order it was made
 * for.
 * Returns 0, HR_EUNPROCESSABLE (bad value), HR_ELIMIT (limit over
 * HR_PAGE_MAX or text too long) or HR_ENOTFOUND (not one of these names).
 */
int hr_rec_query_set(hr_rec_query *q, const char *name, const char *value);

/*
 * Takes one query-string parameter: a filter name (hr_rec_query_add) or
 * one of hr_rec_query_set's names. Returns what those return, and
 * HR_EPARAM for a name that is neither.
 */
int hr_rec_query_param(hr_rec_query *q, const char *name, const char *value);

/*
 * Makes the opaque cursor that continues, in `order`, after a row whose
 * order key is `key` (a rank, a date, or its document's sort key), `key2`
 * (its paragraph's sort key; ignored in the other orders) and id `id`.
 * Writes at most `size` bytes; an empty string when they do not fit
 * (HR_CURSOR_TEXT_MAX + 1 always do).
 */
void hr_rec_cursor_encode(char *out, size_t size, hr_rec_order order, const char *key,
                          const char *key2, long long id);

/*
 * Checks the values that name rows (states, mechanisms, bodies, documents,
 * themes, affected persons, targets, recommending states, institutions,
 * clusters) against the database. Returns 0, or HR_EUNPROCESSABLE and the first unknown one's
 * field in *field (static storage), or a db.h error.
 */
int hr_db_rec_query_check(const char **field, hr_db *db, const hr_rec_query *q);

/*
 * Runs the query: {"total": N, "items": [...], "next_cursor": "..." or null}.
 * Each item carries the recommendation's current approved status ("status":
 * a code or null, "status_as_of": the date it speaks for). Returns 0 or a
 * db.h error.
 */
int hr_db_rec_query(json_t **out, hr_db *db, const hr_rec_query *q);

/*
 * Counts for a faceted search page, over the recommendations the filters
 * select (the page, cursor and order are ignored): {"total": N, "state":
 * [{"value","name","count"}], "mechanism", "body", "theme",
 * "affected_person", "sdg_goal", "sdg_target", "position", "year",
 * "status"}, names in the query's language; with `with_institutions` also
 * "institution" (value: the id, name, acronym, count), planning data that
 * the caller must be allowed to read. A recommendation counts once in each
 * value it has (one with two themes counts under both, one assigned to two
 * institutions under both; one without an approved status under "none").
 * Returns 0 or a db.h error.
 */
int hr_db_rec_facets(json_t **out, hr_db *db, const hr_rec_query *q, int with_institutions);

/* The statements a query runs, for hr_rec_query_sql. */
typedef enum hr_rec_sql { HR_SQL_COUNT, HR_SQL_PAGE, HR_SQL_FACETS } hr_rec_sql;

/*
 * Writes to `out` the SQL that hr_db_rec_query (count or page) or
 * hr_db_rec_facets (with the institution facet) runs for `q`, with the
 * parameters written in as SQL literals: for a person to EXPLAIN ANALYZE, or
 * for pgbench to run the very same statement. Returns 0 or a buffer error.
 */
int hr_rec_query_sql(hr_buf *out, const hr_rec_query *q, hr_rec_sql which);

/* As hr_rec_query_sql, for GET /recommendations/{id} as the public sees it. */
int hr_rec_detail_sql(hr_buf *out, long long id, hr_lang lang);

/*
 * One recommendation with its document, states, themes, affected persons,
 * SDG links of the sources `sdg_sources` (hr_sdg_source bits; each link
 * with its source, and a suggestion with its score and reason), related
 * recommendations and its current status (the latest approved status
 * update, or null). Returns 0, HR_ENOTFOUND or a db.h error.
 */
int hr_db_recommendation(json_t **out, hr_db *db, long long id, hr_lang lang, unsigned sdg_sources);

/*
 * Exports: the whole filtered set, newest first (or by paragraph when the
 * query asks for that order), fetched a batch at a time
 * from a server-side cursor, so that neither side holds it in memory. The
 * cursor lives WITH HOLD outside any transaction, so other requests can use
 * the same connection between two batches.
 */
typedef struct hr_db_export hr_db_export;

/* What an export lists. */
typedef enum hr_export_kind { HR_EXPORT_RECOMMENDATIONS, HR_EXPORT_DOCUMENTS } hr_export_kind;

/* How a column's text values are to be written (CSV writes them all as text). */
typedef enum hr_column_type {
    HR_COLUMN_TEXT,
    HR_COLUMN_NUMBER,
    HR_COLUMN_LIST /* "; "-separated values, an array in JSON */
} hr_column_type;

typedef struct hr_export_column {
    const char *key; /* JSON key: "sdg_targets" */
    hr_column_type type;
    const char *title[HR_LANG_COUNT]; /* CSV and XLSX header: "Metas de los ODS" */
} hr_export_column;

#define HR_EXPORT_COLUMNS_MAX 16

/* The columns of an export of `kind`, in order; their number in *count. */
const hr_export_column *hr_export_columns(hr_export_kind kind, int *count);

/*
 * Opens the cursor of an export of `kind` for the query's filters (page,
 * cursor and order ignored; documents take only the state and mechanism
 * filters). Returns 0 or a db.h error.
 */
int hr_db_export_open(hr_db_export **out, hr_db *db, hr_export_kind kind, const hr_rec_query *q);

/*
 * Opens the cursor of an export of another list (actions, indicators):
 * `select_sql` is a SELECT of program text (never built from input) whose
 * `columns` result columns are all text, with parameters $1..$nparams.
 * Returns 0, HR_EINTERNAL for a bad column count, or a db.h error.
 */
int hr_db_export_open_select(hr_db_export **out, hr_db *db, int columns, const char *select_sql,
                             int nparams, const char *const *params);

/*
 * Fetches up to `max` rows and calls row(ctx, columns) for each, with one
 * value per column of the export's kind (NULL for SQL NULL). Writes the number fetched to
 * *count (0 at the end). Returns 0, the callback's error, or a db.h error.
 */
int hr_db_export_fetch(hr_db_export *e, int max, int (*row)(void *ctx, const char *const *columns),
                       void *ctx, int *count);

/* Closes the cursor (when the connection still has it) and frees. NULL is fine. */
void hr_db_export_close(hr_db_export *e);

#endif
