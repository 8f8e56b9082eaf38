/*
 * The SDG-target linker: given a recommendation's text and language, it
 * ranks the SDG targets (and goals) the recommendation serves, each with a
 * score and a reason a person can read.
 *
 * It learns from three sources, all optional, all added before build():
 *   - descriptions: the goal, target and indicator texts in es/en/fr
 *     (data/sdg, or the database's copy of them); a recommendation is
 *     compared with each target's description by TF-IDF cosine similarity;
 *   - term lists: curated, versioned phrases per target (instrument names,
 *     the vocabulary of each target) in data/sdg/terms/ (.tsv files); a phrase found
 *     in the text is direct evidence for its targets;
 *   - labelled examples: recommendations with the targets UHRI or a person
 *     gave them; the nearest labelled recommendations vote (an inverted
 *     index keeps this fast with 250,000 examples).
 *
 * Text goes through ICU (NFKC case folding, accents removed, word break),
 * then per-language stop words and a light stemmer, so "Torturas",
 * "tortura" and "TORTURA" are one word.
 *
 * Life cycle: new -> add_* / load_* -> build -> suggest (any number of
 * times, from any number of threads at once) -> free. Adding after build
 * fails with HR_ESTATE. The module has no database or HTTP types.
 *
 * Every function returns 0 or a negative HR_E* code (hrtrack/error.h).
 */
#ifndef HRTRACK_SDG_LINKER_H
#define HRTRACK_SDG_LINKER_H

#include <stddef.h>

#include "hrtrack/lang.h"

/* Bytes of a suggestion's reason, with the NUL. */
#define HR_SDG_REASON_MAX 256
/* Bytes of text accepted by add_* and suggest; longer text is HR_ELIMIT. */
#define HR_SDG_TEXT_MAX (64 * 1024)
/* Bytes of an example's label, with the NUL; longer is HR_ELIMIT. */
#define HR_SDG_LABEL_MAX 128
/* Targets (or goals) of one example; more is HR_ELIMIT. */
#define HR_SDG_EXAMPLE_TARGETS_MAX 64
/* Labelled examples in one linker; more is HR_ELIMIT. */
#define HR_SDG_EXAMPLES_MAX 4000000

typedef struct hr_sdg_linker hr_sdg_linker;

/* Forward declaration: the reference data read from data/ (hrtrack/reference.h). */
struct hr_reference;

typedef struct hr_sdg_suggestion {
    char target[8]; /* "16.3", "16.b"; "" when only a goal is suggested */
    int goal;       /* 1..17 */
    /*
     * 0 < score <= 1. The same evidence gives the same score whatever the
     * recommendation, so scores can be compared across recommendations and
     * a threshold means the same everywhere: it grows with the weight of
     * the matched terms, the similarity of the target's description and the
     * agreement and closeness of labelled neighbours, and is not rescaled
     * per recommendation.
     */
    double score;
    /*
     * For people, UTF-8, at most HR_SDG_REASON_MAX - 1 bytes (cut at a
     * character boundary), e.g. "terms: tortura, tratos crueles → 16.1, 16.3"
     * or "similar: 12 labelled recommendations (8 → 16.3)"; the parts are
     * separated by "; ".
     */
    char reason[HR_SDG_REASON_MAX];
} hr_sdg_suggestion;

/* Creates an empty linker. Returns 0 or HR_ENOMEM. */
int hr_sdg_linker_new(hr_sdg_linker **out);

/* Frees it and everything it holds. NULL is fine. */
void hr_sdg_linker_free(hr_sdg_linker *linker);

/*
 * Adds a description text: a goal's text (target = "16"), a target's text
 * ("16.3"), or an indicator's text (pass the indicator's target, "16.3").
 * Several texts per target and language add up. `text` is UTF-8. Returns 0,
 * HR_EPARAM (not a goal or target code, lang out of range), HR_EPARSE (not
 * UTF-8), HR_ELIMIT (longer than HR_SDG_TEXT_MAX), HR_ESTATE (after build)
 * or HR_ENOMEM.
 */
int hr_sdg_linker_add_target_text(hr_sdg_linker *linker, const char *target, hr_lang lang,
                                  const char *text);

/*
 * Adds every goal, target and indicator text of `ref` (as read from data/
 * by the importer's hr_reference_read(), for programs without a database)
 * in the three languages. Same returns as hr_sdg_linker_add_target_text.
 */
int hr_sdg_linker_add_reference(hr_sdg_linker *linker, const struct hr_reference *ref);

/*
 * Loads the term lists: every file named *.tsv in `dir`, in name order.
 * The format (see data/sdg/terms/README.md): UTF-8, tab-separated, a
 * header line "targets<TAB>lang<TAB>term<TAB>weight", lines starting with
 * '#' and blank lines ignored; `targets` is a comma-separated list of goal
 * or target codes ("16.1,16.3", "5"), `lang` is en, es or fr, `term` a word
 * or phrase, `weight` a decimal in (0, 10]. Returns 0, HR_EIO (folder or
 * file unreadable, no .tsv file at all), HR_EPARSE (a bad line; the
 * message, "path:line: reason", is logged and kept for
 * hr_sdg_linker_error()), HR_ELIMIT (a file over 4 MiB, a line over 4 KiB),
 * HR_ESTATE (after build) or HR_ENOMEM. On error nothing of the failing
 * file is kept.
 */
int hr_sdg_linker_load_terms(hr_sdg_linker *linker, const char *dir);

/*
 * The message of the last load or add error ("terms/16.tsv:12: unknown
 * target 16.99"), or "" when there was none. Owned by the linker; valid
 * until its next call. Not for use while other threads suggest.
 */
const char *hr_sdg_linker_error(const hr_sdg_linker *linker);

/*
 * Adds a labelled example: a recommendation's text and the targets (or
 * goals, "16") UHRI or a person gave it. `label` identifies it (e.g. the
 * recommendation id as text) so that suggest can leave it out; several
 * examples may share a label (the same recommendation in several
 * languages). Codes that are not goals or targets are refused. Returns 0,
 * HR_EPARAM (bad code, no targets, empty label, lang out of range),
 * HR_EPARSE (text not UTF-8), HR_ELIMIT (see the limits above), HR_ESTATE
 * (after build) or HR_ENOMEM.
 */
int hr_sdg_linker_add_example(hr_sdg_linker *linker, const char *label, hr_lang lang,
                              const char *text, const char *const *targets, size_t n_targets);

/*
 * Freezes the linker: weighs the descriptions, indexes the terms and the
 * examples. Call it once, after every add and load, before any suggest.
 * Returns 0, HR_ESTATE (already built) or HR_ENOMEM.
 */
int hr_sdg_linker_build(hr_sdg_linker *linker);

/*
 * Ranks the targets for `text` (UTF-8, in `lang`), best first, writing at
 * most `max` suggestions to `out` and their number to *n_out (0 when
 * nothing in the text points to any target, e.g. an empty text). Equal
 * inputs give equal outputs (ties are broken by code). Examples whose label
 * equals `exclude_label` (may be NULL) are ignored: leave-one-out
 * evaluation, or re-suggesting for a labelled recommendation. Thread-safe
 * after build: the linker is only read. Returns 0, HR_EPARAM (NULL
 * arguments, lang out of range), HR_EPARSE (not UTF-8), HR_ELIMIT (text
 * longer than HR_SDG_TEXT_MAX), HR_ESTATE (not built) or HR_ENOMEM.
 */
int hr_sdg_linker_suggest(const hr_sdg_linker *linker, const char *text, hr_lang lang,
                          const char *exclude_label, hr_sdg_suggestion *out, size_t max,
                          size_t *n_out);

/*
 * Appends to `out` the stems the linker reads in `text` (UTF-8, in `lang`),
 * separated by single spaces: what suggest matches against, for tests and
 * for explaining a match ("Las Torturas" in Spanish is "tortur"). Returns
 * 0, HR_EPARAM (lang out of range), HR_EPARSE (not UTF-8), HR_ELIMIT (text
 * over HR_SDG_TEXT_MAX, or `out` full) or HR_ENOMEM.
 */
struct hr_buf;
int hr_sdg_text_stems(struct hr_buf *out, const char *text, hr_lang lang);

/* How much the linker knows, for logs and reports. */
typedef struct hr_sdg_linker_stats {
    size_t targets;  /* goals and targets with a description */
    size_t terms;    /* term-list phrases */
    size_t examples; /* labelled examples */
    size_t words;    /* distinct stems in the vocabulary */
} hr_sdg_linker_stats;

/* Fills *out. Any time. */
void hr_sdg_linker_get_stats(const hr_sdg_linker *linker, hr_sdg_linker_stats *out);

#endif
