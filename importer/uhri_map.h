/*
 * Mapping one UHRI export record (a JSON object) to an hr_rec: every field
 * checked for type and size, names resolved to codes, text converted from
 * HTML. A record that cannot be mapped is refused with the field and reason.
 */
#ifndef HRTRACK_IMPORTER_UHRI_MAP_H
#define HRTRACK_IMPORTER_UHRI_MAP_H

#include <jansson.h>

#include "reject.h"

#include "hrtrack/import.h"
#include "hrtrack/lang.h"
#include "hrtrack/resolver.h"

/*
 * Fills `rec` (which must be zeroed; the caller clears it after use) from
 * `record`, in the export's language `lang`. Returns 0, HR_EUNPROCESSABLE
 * with `why` filled when the record is refused, or HR_ENOMEM.
 */
int hr_uhri_map(hr_rec *rec, hr_reject *why, const json_t *record, const hr_resolver *resolver,
                hr_lang lang);

#endif
