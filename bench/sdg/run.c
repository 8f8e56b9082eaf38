/*
 * Building the linker for an evaluation and scoring its suggestions (see
 * eval.h). The linker learns from data/ exactly as a program without a
 * database would (importer/sdg_data.c): the open-sdg texts through the
 * importer's reference reader, and the term lists.
 */
#include "eval.h"

#include "hrtrack/error.h"
#include "sdg_data.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EVAL_SUGGESTIONS 10

/* The goal of a target code ("16.3" -> 16), or 0. */
static int target_goal(const char *code)
{
    int goal = 0, ordinal = 0;
    return hr_sdg_target_parse(&goal, &ordinal, code) == 0 ? goal : 0;
}

static int add_examples(hr_sdg_linker *l, const eval_dataset *d, size_t set)
{
    for (size_t i = 0; i < d->count; i++) {
        const eval_labels *lab = &d->records[i].set[set];
        const char *codes[EVAL_TARGETS_MAX + HR_SDG_GOALS];
        char goals[HR_SDG_GOALS][12];
        size_t n = 0;
        for (size_t k = 0; k < lab->ntargets; k++)
            codes[n++] = lab->targets[k];
        /* Goals labelled without a target of theirs are examples for the goal. */
        for (int g = 1; g <= HR_SDG_GOALS; g++) {
            int has_target = 0;
            for (size_t k = 0; k < lab->ntargets; k++)
                has_target |= target_goal(lab->targets[k]) == g;
            if ((lab->goals & (1u << (g - 1))) && !has_target) {
                snprintf(goals[g - 1], sizeof goals[g - 1], "%d", g);
                codes[n++] = goals[g - 1];
            }
        }
        if (n == 0)
            continue;
        int rc =
            hr_sdg_linker_add_example(l, d->records[i].id, d->lang, d->records[i].text, codes, n);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int eval_linker_build_unfrozen(hr_sdg_linker **out, const char *data_dir)
{
    hr_sdg_linker *l = NULL;
    int rc = hr_sdg_linker_new(&l);
    if (rc == 0)
        rc = hr_sdg_linker_load_data(l, data_dir);
    if (rc != 0) {
        hr_sdg_linker_free(l);
        l = NULL;
    }
    *out = l;
    return rc;
}

int eval_linker_build(hr_sdg_linker **out, const char *data_dir, const eval_dataset *d,
                      int examples_set)
{
    hr_sdg_linker *l = NULL;
    int rc = eval_linker_build_unfrozen(&l, data_dir);
    if (rc == 0 && d != NULL && examples_set >= 0)
        rc = add_examples(l, d, (size_t)examples_set);
    if (rc == 0)
        rc = hr_sdg_linker_build(l);
    if (rc != 0) {
        hr_sdg_linker_free(l);
        l = NULL;
    }
    *out = l;
    return rc;
}

static int has_target(const eval_labels *lab, const char *target)
{
    for (size_t k = 0; k < lab->ntargets; k++) {
        if (strcmp(lab->targets[k], target) == 0)
            return 1;
    }
    return 0;
}

static void score_record(eval_result *r, const eval_labels *lab, const hr_sdg_suggestion *s,
                         size_t n)
{
    r->records++;
    r->covered += n > 0 ? 1 : 0;
    if (lab->goals != 0) {
        r->with_goals++;
        int g = n > 0 ? s[0].goal : 0;
        if (g >= 1 && (lab->goals & (1u << (g - 1)))) {
            r->goal_top1++;
        } else if (g >= 1) {
            for (int l = 1; l <= HR_SDG_GOALS; l++) {
                if (lab->goals & (1u << (l - 1)))
                    r->confusion[l - 1][g - 1]++;
            }
        }
    }
    if (lab->ntargets > 0) {
        r->with_targets++;
        r->target_p1 += n > 0 && has_target(lab, s[0].target) ? 1 : 0;
        int hit = 0;
        for (size_t i = 0; i < n && i < 3; i++)
            hit |= has_target(lab, s[i].target);
        r->recall3 += hit ? 1 : 0;
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int eval_run(eval_result *out, const hr_sdg_linker *linker, const eval_dataset *d, size_t set,
             int leave_one_out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < d->count; i++) {
        const eval_record *rec = &d->records[i];
        hr_sdg_suggestion s[EVAL_SUGGESTIONS];
        size_t n = 0;
        double t0 = now();
        int rc = hr_sdg_linker_suggest(linker, rec->text, d->lang, leave_one_out ? rec->id : NULL,
                                       s, EVAL_SUGGESTIONS, &n);
        out->seconds += now() - t0;
        if (rc != 0)
            return rc;
        score_record(out, &rec->set[set], s, n);
    }
    return 0;
}

double eval_pct(size_t part, size_t whole)
{
    return whole == 0 ? 0.0 : 100.0 * (double)part / (double)whole;
}
