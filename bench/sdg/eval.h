/*
 * The SDG-linker evaluation (bench/sdg): labelled recommendations read from
 * a CSV, a linker built from data/ (with or without the file's own records
 * as examples), and the figures issue 9 asks for: top-1 goal accuracy,
 * target precision@1, recall@3, coverage, and the confusion between goals.
 * A library of its own so that the evaluation program and the regression
 * guard in tests/ compute the same figures.
 */
#ifndef HRTRACK_BENCH_SDG_EVAL_H
#define HRTRACK_BENCH_SDG_EVAL_H

#include <stddef.h>
#include <stdio.h>

#include "hrtrack/lang.h"
#include "hrtrack/sdg_code.h"
#include "hrtrack/sdg_linker.h"

#define EVAL_SETS_MAX    4  /* label sets per file (UHRI, expert, ...) */
#define EVAL_TARGETS_MAX 32 /* labelled targets per record and set */

/* One label set of one record: goals (bit g-1 for goal g, goals of targets included) and targets.
 */
typedef struct eval_labels {
    unsigned goals;
    char targets[EVAL_TARGETS_MAX][HR_SDG_CODE_MAX];
    size_t ntargets;
} eval_labels;

typedef struct eval_record {
    char *id;
    char *text;
    eval_labels set[EVAL_SETS_MAX];
} eval_record;

typedef struct eval_dataset {
    eval_record *records;
    size_t count;
    char *set_names[EVAL_SETS_MAX];
    size_t nsets;
    hr_lang lang;
} eval_dataset;

/*
 * Reads `path` (CSV with a header, UTF-8): the record's id from column
 * `id_col`, its text from `text_col`, and one label set per spec
 * "name:goals_column:targets_column" (lists separated by '|'; a target
 * code's goal counts as labelled too). Returns 0, HR_EIO, HR_EPARSE (a
 * missing column, a bad code; logged with the line) or HR_ENOMEM.
 */
int eval_dataset_read(eval_dataset *out, const char *path, hr_lang lang, const char *id_col,
                      const char *text_col, const char *const *specs, size_t nspecs);
void eval_dataset_free(eval_dataset *d);

/*
 * A linker from data_dir (the sdg .yml texts and sdg/terms), plus, when
 * `examples_set` >= 0, every record of `d` that has labels in that set as
 * an example named by its id. Returns 0 or an HR_E* code.
 */
int eval_linker_build(hr_sdg_linker **out, const char *data_dir, const eval_dataset *d,
                      int examples_set);

/* The same without examples and not yet built, for callers that add their own. */
int eval_linker_build_unfrozen(hr_sdg_linker **out, const char *data_dir);

typedef struct eval_result {
    size_t records;      /* all records */
    size_t with_goals;   /* records with labelled goals in the set */
    size_t with_targets; /* records with labelled targets in the set */
    size_t covered;      /* records with at least one suggestion */
    size_t goal_top1;    /* first suggestion's goal is a labelled goal */
    size_t target_p1;    /* first suggestion's target is a labelled target */
    size_t recall3;      /* a labelled target among the first three */
    /* confusion[labelled goal - 1][suggested goal - 1], for records whose top-1 goal is wrong */
    unsigned confusion[HR_SDG_GOALS][HR_SDG_GOALS];
    double seconds; /* time spent suggesting */
} eval_result;

/*
 * Suggests for every record of `d` and scores the suggestions against label
 * set `set`. With `leave_one_out`, each record's own examples are left out
 * (exclude_label = its id). Returns 0 or an HR_E* code.
 */
int eval_run(eval_result *out, const hr_sdg_linker *linker, const eval_dataset *d, size_t set,
             int leave_one_out);

/* Percentage helpers: 100 * part / whole, 0 for an empty whole. */
double eval_pct(size_t part, size_t whole);

/* Writes the figures of one run as a Markdown table row (see eval_write_header). */
void eval_write_row(FILE *f, const char *labels, const char *mode, const eval_result *r);
void eval_write_header(FILE *f);
/* Writes the most frequent goal confusions of `r` (at most `max` pairs) as one Markdown line. */
void eval_write_confusion(FILE *f, const char *labels, const char *mode, const eval_result *r,
                          size_t max);

/*
 * Measures the linker's throughput on the UPR Info exports in `upr_dir`
 * (see speed.c) with `threads` threads, without and with `examples`
 * labelled examples, and writes a Markdown table to `f`. Returns 0 or an
 * HR_E* code.
 */
int eval_speed(FILE *f, const char *data_dir, const char *upr_dir, int threads, size_t examples);

#endif
