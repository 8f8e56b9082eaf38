/*
 * Turning names as sources write them into hrtrack's codes: states ("Bolivia
 * (Plurinational State of)", "Türkiye*", "Paraguay PY" -> BO, TR, PY),
 * bodies ("- CRC", "Committee on the Rights of the Child", "Special
 * Rapporteur on ..." -> CRC, CRC, SP) and SDG labels ("16.a - ..." -> target
 * 16.a). The resolver is filled once per import from the reference tables
 * (hr_db_resolver_load) and then answers from memory, without the database.
 */
#ifndef HRTRACK_RESOLVER_H
#define HRTRACK_RESOLVER_H

#include "hrtrack/db.h"
#include "hrtrack/sdg_code.h"

typedef struct hr_resolver hr_resolver;

/* An empty resolver. Returns 0 or HR_ENOMEM. */
int hr_resolver_new(hr_resolver **out);

/* Frees it. NULL is fine. */
void hr_resolver_free(hr_resolver *resolver);

/*
 * Teaches the resolver one name. `kind` is 's' for a state alias (`name` is
 * any spelling; it is folded here), 'c' for a state code (alpha-2 or
 * alpha-3, exact), 'm' for a mechanism name or code, 't' for an SDG target
 * code. `code` is the alpha-2 code, mechanism code, or target code. Returns
 * 0, HR_EPARSE (name not UTF-8) or HR_ENOMEM. Call hr_resolver_seal() after
 * the last one.
 */
int hr_resolver_add(hr_resolver *resolver, char kind, const char *name, const char *code);

/* Sorts what was added for lookups. Returns 0 or HR_ECONFLICT (a name given two codes; logged). */
int hr_resolver_seal(hr_resolver *resolver);

/*
 * Resolves a state name: UN-style and other known spellings, alpha-2 or
 * alpha-3 codes, with a stray "*" or a stray trailing ISO-2 code tolerated.
 * Writes the alpha-2 code. Returns 0 or HR_ENOTFOUND.
 */
int hr_resolver_state(char alpha2[3], const hr_resolver *resolver, const char *name);

/*
 * Resolves a body name to its mechanism code: a treaty body's acronym or name
 * in en/es/fr ("- CRC", "Committee on the Rights of the Child"), the UPR,
 * or a special procedure mandate ("Special Rapporteur on ...", "Working
 * Group on ...", "Independent Expert on ..." -> "SP"). Returns 0 or
 * HR_ENOTFOUND.
 */
int hr_resolver_mechanism(char code[12], const hr_resolver *resolver, const char *body);

/*
 * Resolves an SDG label ("16.3 - Promote the rule of law", "16 - Peace ...",
 * or a bare code): the code is what stands before the first " - ". Writes
 * the code and sets *is_target. Returns 0, or HR_ENOTFOUND when the code is
 * malformed or not one of the 17 goals / known targets.
 */
int hr_resolver_sdg(char code[HR_SDG_CODE_MAX], int *is_target, const hr_resolver *resolver,
                    const char *label);

/* Fills a resolver from the reference tables of `db`. Returns 0 or a db.h error. */
int hr_db_resolver_load(hr_resolver **out, hr_db *db);

#endif
