/*
 * The WHERE clause that every recommendation query shares (lists, counts,
 * facets, exports), with its parameters: $1..$12 the filters in
 * hr_query_field order (array literals, NULL when absent), $13 from, $14 to,
 * $15 the search text. Private to lib/db.
 */
#ifndef HRTRACK_DB_REC_FILTERS_H
#define HRTRACK_DB_REC_FILTERS_H

#include "hrtrack/rec_query.h"

/* The search text as a query in the three languages at once. */
#define HR_REC_TSQUERY                                                                             \
    "(websearch_to_tsquery('hr_en', $15) || websearch_to_tsquery('hr_es', $15)"                    \
    " || websearch_to_tsquery('hr_fr', $15))"

#define HR_REC_FILTERS                                                                             \
    " WHERE ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM recommendation_state x"                   \
    "   WHERE x.recommendation_id = r.id AND x.state = ANY($1)))"                                  \
    " AND ($2::text[] IS NULL OR r.mechanism = ANY($2))"                                           \
    " AND ($3::text[] IS NULL OR r.body_id IN (SELECT id FROM body WHERE name = ANY($3)))"         \
    " AND ($4::text[] IS NULL OR r.document_id IN"                                                 \
    "   (SELECT id FROM document WHERE symbol = ANY($4)))"                                         \
    " AND ($5::int[] IS NULL OR EXISTS (SELECT 1 FROM recommendation_theme x"                      \
    "   WHERE x.recommendation_id = r.id AND x.theme_id = ANY($5)))"                               \
    " AND ($6::int[] IS NULL OR EXISTS (SELECT 1 FROM recommendation_affected_person x"            \
    "   WHERE x.recommendation_id = r.id AND x.affected_person_id = ANY($6)))"                     \
    " AND ($7::smallint[] IS NULL OR EXISTS (SELECT 1 FROM recommendation_sdg x"                   \
    "   WHERE x.recommendation_id = r.id AND x.goal = ANY($7) AND x.source <> 'suggested'))"       \
    " AND ($8::text[] IS NULL OR EXISTS (SELECT 1 FROM recommendation_sdg x"                       \
    "   WHERE x.recommendation_id = r.id AND x.target = ANY($8) AND x.source <> 'suggested'))"     \
    " AND ($9::text[] IS NULL OR r.upr_position = ANY($9))"                                        \
    " AND ($10::text[] IS NULL OR EXISTS (SELECT 1 FROM recommendation_recommending_state x"       \
    "   WHERE x.recommendation_id = r.id AND x.state = ANY($10)))"                                 \
    " AND ($11::smallint[] IS NULL OR r.upr_cycle = ANY($11))"                                     \
    " AND ($12::smallint[] IS NULL OR r.upr_session = ANY($12))"                                   \
    " AND ($13::date IS NULL OR r.published >= $13)"                                               \
    " AND ($14::date IS NULL OR r.published <= $14)"                                               \
    " AND ($15::text IS NULL OR r.search @@ " HR_REC_TSQUERY ")"

/* Fills params[0..14] for HR_REC_FILTERS from `q` (pointers into `q`). */
void hr_rec_filter_params(const char **params, const hr_rec_query *q);

#endif
