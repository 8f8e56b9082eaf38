/*
 * The database side of `hrtrack-import suggest-sdg`, one transaction from
 * begin to commit: what the SDG linker learns from (the goal, target and
 * indicator texts; the recommendations that UHRI or a person linked to
 * goals or targets), the recommendations to suggest for, and writing the
 * suggestions back as links of source 'suggested'.
 *
 * Which recommendations get suggestions: those that have no link of their
 * own (no 'uhri', 'import' or 'manual' link) and, without `relearn`, no
 * suggestion and no rejected suggestion yet, so that a second run changes
 * nothing and a recommendation a coordinator is reviewing is left alone.
 * With `relearn`, every recommendation without a link of its own has its
 * suggestions recomputed: new ones added, changed ones updated, those no
 * longer suggested removed. A rejected goal or target is never written
 * back for its recommendation, and links of the other sources are never
 * touched.
 */
#ifndef HRTRACK_SDG_SUGGEST_H
#define HRTRACK_SDG_SUGGEST_H

#include "hrtrack/db.h"
#include "hrtrack/lang.h"

#include <stddef.h>

/* Which recommendations a run considers. */
typedef struct hr_sdg_scope {
    const char *state;    /* ISO alpha-2 code of a state concerned, or NULL for all */
    const char *document; /* a document symbol, or NULL for all */
    int relearn;          /* recompute the existing suggestions too */
} hr_sdg_scope;

/* What a run wrote: recommendations (as import runs count records) and links. */
typedef struct hr_sdg_counts {
    long read;      /* recommendations considered */
    long inserted;  /* that had no suggestion and now have some */
    long updated;   /* whose suggestions changed */
    long unchanged; /* the rest */
    long links_added, links_changed, links_removed;
} hr_sdg_counts;

typedef struct hr_sdg_run hr_sdg_run;

/*
 * A description: `code` is a goal ("16") or a target ("16.3"; an
 * indicator's text comes with its target's code). Returns 0 to go on, or
 * an error that stops the reading and is returned.
 */
typedef int (*hr_sdg_text_fn)(void *ctx, const char *code, hr_lang lang, const char *text);

/*
 * A labelled example: a recommendation (its id as text in `label`), its
 * text, and the codes of the goals and targets it is linked to.
 */
typedef int (*hr_sdg_example_fn)(void *ctx, const char *label, hr_lang lang, const char *text,
                                 const char *const *codes, size_t n_codes);

/*
 * A recommendation to suggest for, with the codes of the suggestions
 * rejected before for it, each between commas (",16.3,5,"; "" for none).
 */
typedef int (*hr_sdg_candidate_fn)(void *ctx, long long id, hr_lang lang, const char *text,
                                   const char *rejected);

/* The most codes an example is handed with; more are dropped (and logged). */
#define HR_SDG_EXAMPLE_CODES_MAX 64

/*
 * Begins the run's transaction on `db`; the audit log names the program
 * "hrtrack-import", as for the imports (the run's row says its kind).
 * Returns 0 or a db.h error.
 */
int hr_sdg_run_begin(hr_sdg_run **out, hr_db *db);

/*
 * Checks that the scope's state and document exist. Returns 0, or
 * HR_ENOTFOUND with *field "state" or "document", or a db.h error.
 */
int hr_sdg_run_check_scope(const char **field, hr_sdg_run *run, const hr_sdg_scope *scope);

/* Calls fn for every goal, target and indicator text in every language. */
int hr_sdg_run_texts(hr_sdg_run *run, hr_sdg_text_fn fn, void *ctx);

/*
 * Calls fn for every recommendation with a link of source 'uhri' or
 * 'manual', in id order, with all those links. Read in batches: the
 * database may hold hundreds of thousands.
 */
int hr_sdg_run_examples(hr_sdg_run *run, hr_sdg_example_fn fn, void *ctx);

/*
 * Chooses the recommendations of `scope` that get suggestions (see above)
 * and calls fn for each, in id order. Writes their number to *count.
 */
int hr_sdg_run_candidates(hr_sdg_run *run, const hr_sdg_scope *scope, hr_sdg_candidate_fn fn,
                          void *ctx, long *count);

/*
 * Stages one suggestion for candidate `rec_id`: `target` is a target code,
 * or "" / NULL for the goal `goal` alone; 0 < score <= 1; `reason` is not
 * empty. Call only after hr_sdg_run_candidates, any number of times.
 * Returns 0, HR_EPARAM (a bad value) or a db.h error.
 */
int hr_sdg_run_add(hr_sdg_run *run, long long rec_id, int goal, const char *target, double score,
                   const char *reason);

/*
 * Writes the staged suggestions of the candidates (removing, with relearn,
 * those no longer suggested), records the run in import_run (kind
 * 'suggest-sdg', `file_name` and `sha256` naming the term lists), and
 * commits; with `dry_run` rolls back instead, after counting. Frees the
 * run. Returns 0 or a db.h error (nothing is written then).
 */
int hr_sdg_run_commit(hr_sdg_run *run, const char *file_name, const char *sha256, int dry_run,
                      hr_sdg_counts *counts);

/* Rolls back and frees. NULL is fine. */
void hr_sdg_run_abort(hr_sdg_run *run);

#endif
