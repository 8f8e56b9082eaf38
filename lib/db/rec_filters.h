/*
 * The WHERE clause that every recommendation query shares (lists, counts,
 * facets, exports), with its parameters: $1..$12 the filters in
 * hr_query_field order from state to session (array literals, NULL when
 * absent), $13 from, $14 to, $15 the search text, then the follow-up
 * filters $16 status, $17 institution, $18 cluster, $19 priority, and $20
 * the SDG link sources that count (an array literal, never NULL; see
 * hrtrack/sdg_source.h): the SDG filters use it, and so do the SDG
 * columns and facets of the statements built around the clause.
 * Statements that need more parameters number them from $21
 * (HR_REC_FILTER_PARAMS + 1). Private to lib/db.
 *
 * The clause is assembled per query from fixed fragments, because one
 * static text with "($1 IS NULL OR EXISTS ...)" for every filter hides the
 * filters from the planner: it then guessed half the table for any filter
 * and hashed whole link tables (a facets call for one state took 0.5 s).
 */
#ifndef HRTRACK_DB_REC_FILTERS_H
#define HRTRACK_DB_REC_FILTERS_H

#include <jansson.h>
#include <libpq-fe.h>

#include "hrtrack/buf.h"
#include "hrtrack/rec_query.h"

/* The parameters of the WHERE clause: $1..$20. */
#define HR_REC_FILTER_PARAMS 20

/*
 * The paragraph order, over recommendation r LEFT JOIN document d: the
 * natural sort keys of schema 0011, compared byte by byte (COLLATE "C",
 * whatever the database's locale); "~" sorts after every symbol's key
 * (symbols are ASCII letters, digits and ./()_ -), so recommendations
 * without a document come last.
 */
#define HR_REC_DOCUMENT_KEY    "coalesce(d.symbol_key, '~') COLLATE \"C\""
#define HR_REC_PARAGRAPH_ORDER HR_REC_DOCUMENT_KEY ", r.paragraph_key COLLATE \"C\", r.id"

/* The search text as a query in the three languages at once. */
#define HR_REC_TSQUERY                                                                             \
    "(websearch_to_tsquery('hr_en', $15) || websearch_to_tsquery('hr_es', $15)"                    \
    " || websearch_to_tsquery('hr_fr', $15))"

/*
 * Appends to `sql` the WHERE clause of the filters `q` has: one fixed
 * fragment per present filter, written so that the planner can use the
 * indexes (semi-joins on the link tables), and for each absent one a clause
 * that is constant true but gives its parameter a type. Only the choice of
 * fragments depends on the query; values always travel as $1..$20. Returns 0
 * or HR_ELIMIT/HR_ENOMEM from the buffer.
 */
int hr_rec_filters_where(hr_buf *sql, const hr_rec_query *q);

/*
 * Builds prefix + WHERE clause + suffix into `sql` (reset first). Returns 0
 * or a buffer error.
 */
int hr_rec_filters_statement(hr_buf *sql, const char *prefix, const hr_rec_query *q,
                             const char *suffix);

/* The filters of documents: $1 states, $2 mechanisms (NULL when absent). */
#define HR_DOCUMENT_FILTERS                                                                        \
    " WHERE ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM recommendation r"                         \
    "  JOIN recommendation_state s ON s.recommendation_id = r.id"                                  \
    "  WHERE r.document_id = d.id AND s.state = ANY($1)))"                                         \
    " AND ($2::text[] IS NULL OR d.mechanism = ANY($2))"

/* Fills params[0..HR_REC_FILTER_PARAMS - 1] from `q` (pointers into `q`). */
void hr_rec_filter_params(const char **params, const hr_rec_query *q);

/*
 * The reply of a list: {"total", "limit", "items", "next_cursor"} from a
 * count result and a page result whose columns are an item's JSON, its
 * order key and its id (and in the paragraph order, the paragraph's key),
 * with one row more than q->limit when a next page exists. Returns 0 or
 * HR_ENOMEM.
 */
int hr_db_page_result(json_t **out, const PGresult *count, const PGresult *page,
                      const hr_rec_query *q);

#endif
