/*
 * Summaries and documents for the query API: what a UN country team opens
 * first (an SDG goal's targets with their number of recommendations), a
 * state's overview, and the documents recommendations come from. Results
 * are jansson values the caller frees; names in `lang`, English when a text
 * is missing.
 */
#ifndef HRTRACK_SUMMARY_H
#define HRTRACK_SUMMARY_H

#include <jansson.h>

#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/rec_query.h"

/*
 * Per target of `goal`: the number of recommendations linked to it by links
 * of the sources `sdg_sources` (hr_sdg_source bits; the API's default is
 * HR_SDG_SOURCES_CONFIRMED, every source but 'suggested'), by mechanism and
 * by UPR position, for the state `alpha2` or all states (NULL). Returns 0,
 * HR_ENOTFOUND (no such goal; a state that does not exist is checked by the
 * caller), or a db.h error.
 */
int hr_db_goal_summary(json_t **out, hr_db *db, int goal, const char *alpha2, unsigned sdg_sources,
                       hr_lang lang);

/*
 * A state's recommendations counted by mechanism, UPR cycle, position and
 * theme (the 50 most frequent). Returns 0, HR_ENOTFOUND or a db.h error.
 */
int hr_db_state_summary(json_t **out, hr_db *db, const char *alpha2, hr_lang lang);

/* Whether `alpha2` is a known state code: sets *exists. Returns 0 or a db.h error. */
int hr_db_state_exists(int *exists, hr_db *db, const char *alpha2);

/*
 * Documents, newest first, filtered by the query's `state` and `mechanism`
 * filters, one page (the query's limit and cursor): {"total", "items",
 * "next_cursor"}. Returns 0 or a db.h error.
 */
int hr_db_documents(json_t **out, hr_db *db, const hr_rec_query *q);

/*
 * One document with its recommendations (id, paragraph, the first 300
 * characters of the text). Returns 0, HR_ENOTFOUND or a db.h error.
 */
int hr_db_document(json_t **out, hr_db *db, const char *symbol, hr_lang lang);

#endif
