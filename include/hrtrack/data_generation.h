/*
 * The data generation (schema 0014): a number that grows at the commit of
 * every transaction that changed data a public reply may show. A reply
 * computed after reading generation g shows the data of g or newer, so it
 * may be reused for as long as the generation stays g
 * (include/hrtrack/response_cache.h).
 */
#ifndef HRTRACK_DATA_GENERATION_H
#define HRTRACK_DATA_GENERATION_H

#include <stdint.h>

#include "hrtrack/db.h"

/*
 * Reads the current generation into *out: one indexed read of a one-row
 * table. Returns 0 or a db.h error.
 */
int hr_db_data_generation(int64_t *out, hr_db *db);

#endif
