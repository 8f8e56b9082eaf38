/*
 * Suggesting for many recommendations at once: the linker is read-only
 * after build, so worker threads share it and each takes the next batch of
 * recommendations until none is left. Results land in each item, so that
 * the order of writing does not depend on which thread was faster.
 */
#ifndef HRTRACK_IMPORTER_SUGGEST_PARALLEL_H
#define HRTRACK_IMPORTER_SUGGEST_PARALLEL_H

#include "hrtrack/lang.h"
#include "hrtrack/sdg_linker.h"

#include <stddef.h>

/* Suggestions kept per recommendation, at most. */
#define HR_SUGGEST_KEEP_MAX 10

typedef struct hr_suggest_item {
    long long id;   /* the recommendation */
    hr_lang lang;   /* of its text */
    char *text;     /* owned */
    char *rejected; /* codes rejected before, each between commas (",16.3,5,"), or ""; owned */
    size_t n;       /* suggestions found */
    hr_sdg_suggestion *out; /* room for `keep` of them (hr_suggest_parallel); not owned */
} hr_suggest_item;

/*
 * Fills items[i].out with the best `keep` suggestions (at most
 * HR_SUGGEST_KEEP_MAX) for each item's text, leaving out the rejected
 * codes, on `threads` threads (1 or more). With `progress`, reports on
 * standard error now and then. Returns 0 or the first error a suggestion
 * returned (the others stop soon after).
 */
int hr_suggest_parallel(const hr_sdg_linker *linker, hr_suggest_item *items, size_t count,
                        size_t keep, unsigned threads, int progress);

#endif
