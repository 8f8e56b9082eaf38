/*
 * The implementation status of a recommendation or an action, as a
 * ministry reports it (schema 0008: status_update.status): its codes in
 * the order of progress and its names in es/en/fr. The one C table of
 * them: the API validates against it, exports, feeds and reports name
 * statuses with it. The database keeps the same names in
 * implementation_status (schema 0011, 0012) for SQL-side exports; a
 * database test checks that both agree.
 */
#ifndef HRTRACK_IMPLEMENTATION_STATUS_H
#define HRTRACK_IMPLEMENTATION_STATUS_H

#include "hrtrack/lang.h"

/* The codes a status update may carry, in the order of progress, NULL-terminated. */
extern const char *const hr_status_codes[];

/* The same and "none" (no approved update yet): the values of the status filter. */
extern const char *const hr_status_filter_codes[];

/*
 * The name of status `code` in `lang`; "none" and NULL name the absence
 * of any approved status. Returns `code` itself for a code it does not
 * know (never NULL).
 */
const char *hr_status_name(const char *code, hr_lang lang);

#endif
