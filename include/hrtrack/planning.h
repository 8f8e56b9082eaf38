/*
 * Follow-up planning: who follows a recommendation up. The assignments of
 * recommendations to institutions (rec_assignment, schema/0007_planning.sql)
 * decide a focal point's scope: it may plan only for recommendations
 * assigned to its own institution, as lead or support.
 */
#ifndef HRTRACK_PLANNING_H
#define HRTRACK_PLANNING_H

#include "hrtrack/db.h"

/*
 * Whether recommendation `rec_id` is assigned (as lead or support) to
 * institution `institution_id`: *assigned is 1 when it is, else 0.
 * Returns 0 or a db.h error.
 */
int hr_db_recommendation_assigned_to(int *assigned, hr_db *db, long long rec_id,
                                     int institution_id);

#endif
