/* The evaluation's Markdown tables (see eval.h), as bench/RESULTS.md records them. */
#include "eval.h"

void eval_write_header(FILE *f)
{
    fprintf(f,
            "| labels | mode | records (with goals / targets) | top-1 goal | target precision@1 | "
            "recall@3 | coverage | suggest time |\n");
    fprintf(f, "|---|---|---|---|---|---|---|---|\n");
}

void eval_write_row(FILE *f, const char *labels, const char *mode, const eval_result *r)
{
    fprintf(
        f,
        "| %s | %s | %zu (%zu / %zu) | %.1f %% (%zu/%zu) | %.1f %% (%zu/%zu) | %.1f %% (%zu/%zu) "
        "| %.1f %% (%zu/%zu) | %.3f s |\n",
        labels, mode, r->records, r->with_goals, r->with_targets,
        eval_pct(r->goal_top1, r->with_goals), r->goal_top1, r->with_goals,
        eval_pct(r->target_p1, r->with_targets), r->target_p1, r->with_targets,
        eval_pct(r->recall3, r->with_targets), r->recall3, r->with_targets,
        eval_pct(r->covered, r->records), r->covered, r->records, r->seconds);
}

void eval_write_confusion(FILE *f, const char *labels, const char *mode, const eval_result *r,
                          size_t max)
{
    fprintf(f, "- %s, %s: top-1 goal confusions (labelled goal → suggested goal, records):", labels,
            mode);
    unsigned done[HR_SDG_GOALS][HR_SDG_GOALS] = {{0}};
    size_t written = 0;
    for (; written < max; written++) {
        unsigned best = 0;
        int bl = 0, bs = 0;
        for (int l = 0; l < HR_SDG_GOALS; l++) {
            for (int s = 0; s < HR_SDG_GOALS; s++) {
                if (!done[l][s] && r->confusion[l][s] > best) {
                    best = r->confusion[l][s];
                    bl = l;
                    bs = s;
                }
            }
        }
        if (best == 0)
            break;
        done[bl][bs] = 1;
        fprintf(f, "%s %d → %d: %u", written ? "," : "", bl + 1, bs + 1, best);
    }
    fprintf(f, "%s\n", written ? "" : " none");
}
