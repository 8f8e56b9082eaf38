/*
 * SDG codes as published: goals "1".."17", targets "16.3" or "16.a",
 * indicators "16.3.1". These rules hold whatever the source; the schema
 * repeats them as CHECK constraints.
 */
#ifndef HRTRACK_SDG_CODE_H
#define HRTRACK_SDG_CODE_H

#include <stddef.h>

#define HR_SDG_GOALS    17
#define HR_SDG_CODE_MAX 12 /* "17.19.1" and room to spare, with the NUL */

/*
 * Parses a target code ("16.3", "16.a"). Writes its goal and ordinal (its
 * place among the goal's targets: 1..99 for numbers, 101.. for letters a..z,
 * so that numbered targets sort first). Returns 0 or HR_EPARAM.
 */
int hr_sdg_target_parse(int *goal, int *ordinal, const char *code);

/*
 * Parses an indicator code ("16.3.1"). Writes its target code (NUL-ended,
 * into `target`, HR_SDG_CODE_MAX bytes) and its ordinal within the target.
 * Returns 0 or HR_EPARAM.
 */
int hr_sdg_indicator_parse(char target[HR_SDG_CODE_MAX], int *ordinal, const char *code);

/* Parses a goal "1".."17". Returns 0 or HR_EPARAM. */
int hr_sdg_goal_parse(int *goal, const char *code);

/*
 * Turns a key of the open-sdg translation files ("16-b-title",
 * "1-1-1-title", "3-short") into a dotted code ("16.b", "1.1.1", "3") and
 * its suffix ("title", "short"). Returns 0 or HR_EPARAM.
 */
int hr_sdg_key_split(char code[HR_SDG_CODE_MAX], char suffix[16], const char *key);

#endif
