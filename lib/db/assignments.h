/*
 * What the planning files of lib/db share about assignments: replacing
 * the assignment of a set of recommendations, and the array literals that
 * carry ids into statements. Private to lib/db.
 */
#ifndef HRTRACK_DB_ASSIGNMENTS_H
#define HRTRACK_DB_ASSIGNMENTS_H

#include "hrtrack/planning.h"

/* The wanted (institution, role) pairs of $2 (lead or NULL) and $3 (supporters). */
#define HR_ASSIGNMENT_WANTED                                                                       \
    "(SELECT $2::integer AS institution_id, 'lead' AS role WHERE $2::integer IS NOT NULL"          \
    " UNION ALL SELECT unnest($3::integer[]), 'support')"

/* A recommendation in brief, for member lists; needs r (recommendation) and d (its document). */
#define HR_REC_BRIEF_JSON                                                                          \
    "json_build_object('id', r.id, 'symbol', d.symbol, 'paragraph', r.paragraph,"                  \
    " 'mechanism', r.mechanism, 'cycle', r.upr_cycle, 'text', left(r.text_plain, 300))"

/* The supporting institutions of `a` as an array literal ("{3,7}") in `out`. */
void hr_db_support_literal(char out[HR_SUPPORT_MAX * 12 + 3], const hr_assignment *a);

/*
 * Gives every recommendation of `rec_ids` (a bigint[] literal) exactly the
 * assignment `a`: rows that differ are deleted, missing ones inserted.
 * With `bump_plans`, the plan of each is created or its version raised.
 * To be called inside an audited transaction.
 */
int hr_db_assign_replace(hr_db *db, const char *rec_ids, const hr_assignment *a, int bump_plans);

#endif
