/*
 * Read queries over the reference catalogue: SDG goals, targets and
 * indicators, states and mechanisms, in one of the three languages (English
 * when a text is missing in the one asked for). Results are jansson values
 * that the caller owns and frees with json_decref().
 */
#ifndef HRTRACK_CATALOG_H
#define HRTRACK_CATALOG_H

#include <jansson.h>

#include "hrtrack/db.h"
#include "hrtrack/lang.h"

/*
 * The 17 goals in order: [{"goal":1,"code":"1","title","short_title",
 * "target_count","indicator_count"}]. Returns 0 or a db.h error.
 */
int hr_db_sdg_goals(json_t **out, hr_db *db, hr_lang lang);

/*
 * One goal with its targets in their published order, each with its
 * indicators: {"goal","code","title","short_title","targets":[{"code",
 * "title","indicators":[{"code","title"}]}]}. Returns 0, HR_ENOTFOUND, or a
 * db.h error.
 */
int hr_db_sdg_goal(json_t **out, hr_db *db, int goal, hr_lang lang);

/*
 * Every state, sorted by its name as `lang` sorts: [{"alpha2","alpha3",
 * "numeric","un_member","name"}]. Returns 0 or a db.h error.
 */
int hr_db_states(json_t **out, hr_db *db, hr_lang lang);

#endif
