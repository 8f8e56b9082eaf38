/*
 * hrtrack-bench-sdg: the SDG-target linker's evaluation over a labelled CSV
 * (issue 9). For every label set (e.g. UHRI's and an expert's) it reports
 * two modes: learning only from the target texts and term lists, and
 * leave-one-out over the file's other records (each record's own labels
 * never help it). It prints the tables and, with --results, appends them to
 * a Markdown file with the date and the commit. With --speed it also
 * measures suggesting for the UPR Info exports (speed.c).
 *
 *   hrtrack-bench-sdg [--data DIR] [--lang es|en|fr] [--id COL] [--text COL]
 *       [--labels NAME:GOALS_COL:TARGETS_COL]... [--title TEXT] [--commit SHA]
 *       [--results FILE] [--speed UPR_DIR] [--threads N] [--examples N] CSV
 */
#include "eval.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct options {
    const char *data, *id, *text, *title, *commit, *results, *speed, *csv;
    const char *labels[EVAL_SETS_MAX];
    size_t nlabels;
    hr_lang lang;
    int threads;
    long examples;
} options;

static int usage(void)
{
    fprintf(stderr,
            "usage: hrtrack-bench-sdg [--data DIR] [--lang es|en|fr] [--id COL] [--text COL]\n"
            "         [--labels NAME:GOALS_COL:TARGETS_COL]... [--title TEXT] [--commit SHA]\n"
            "         [--results FILE] [--speed UPR_DIR] [--threads N] [--examples N] CSV\n");
    return 2;
}

static int parse_long(long *out, const char *s, long min, long max)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_options(options *o, int argc, char **argv)
{
    *o = (options){.data = HRTRACK_SOURCE_DIR "/data",
                   .id = "number",
                   .text = "text_es",
                   .lang = HR_LANG_ES,
                   .threads = 2,
                   .examples = 250000,
                   .commit = "unknown"};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        long n = 0;
        if (a[0] != '-' && o->csv == NULL) {
            o->csv = a;
            continue;
        }
        if (v == NULL)
            return -1;
        i++;
        if (strcmp(a, "--data") == 0)
            o->data = v;
        else if (strcmp(a, "--lang") == 0 && hr_lang_parse(&o->lang, v) == 0)
            continue;
        else if (strcmp(a, "--id") == 0)
            o->id = v;
        else if (strcmp(a, "--text") == 0)
            o->text = v;
        else if (strcmp(a, "--labels") == 0 && o->nlabels < EVAL_SETS_MAX)
            o->labels[o->nlabels++] = v;
        else if (strcmp(a, "--title") == 0)
            o->title = v;
        else if (strcmp(a, "--commit") == 0)
            o->commit = v;
        else if (strcmp(a, "--results") == 0)
            o->results = v;
        else if (strcmp(a, "--speed") == 0)
            o->speed = v;
        else if (strcmp(a, "--threads") == 0 && parse_long(&n, v, 1, 16) == 0)
            o->threads = (int)n;
        else if (strcmp(a, "--examples") == 0 && parse_long(&n, v, 0, HR_SDG_EXAMPLES_MAX) == 0)
            o->examples = n;
        else
            return -1;
    }
    return o->csv == NULL && o->speed == NULL ? -1 : 0;
}

/* Both modes for every label set: the table, then the confusions. */
static int evaluate(FILE *f, const options *o, const eval_dataset *d)
{
    eval_result r[EVAL_SETS_MAX][2];
    static const char *modes[2] = {"texts + terms (no examples)",
                                   "leave-one-out (other records as examples)"};
    for (size_t s = 0; s < d->nsets; s++) {
        for (int m = 0; m < 2; m++) {
            hr_sdg_linker *l = NULL;
            int rc = eval_linker_build(&l, o->data, d, m == 0 ? -1 : (int)s);
            if (rc == 0)
                rc = eval_run(&r[s][m], l, d, s, m);
            hr_sdg_linker_free(l);
            if (rc != 0)
                return rc;
        }
    }
    eval_write_header(f);
    for (size_t s = 0; s < d->nsets; s++) {
        for (int m = 0; m < 2; m++)
            eval_write_row(f, d->set_names[s], modes[m], &r[s][m]);
    }
    fprintf(f, "\n");
    for (size_t s = 0; s < d->nsets; s++) {
        for (int m = 0; m < 2; m++)
            eval_write_confusion(f, d->set_names[s], m == 0 ? "no examples" : "leave-one-out",
                                 &r[s][m], 6);
    }
    return 0;
}

/* A path under the source tree as the repository names it ("data"), so results do not name a
 * machine. */
static const char *shown_path(const char *path)
{
    size_t n = strlen(HRTRACK_SOURCE_DIR);
    if (strncmp(path, HRTRACK_SOURCE_DIR, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

static void heading(FILE *f, const options *o)
{
    char date[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%MZ", &tm);
    fprintf(f, "\n## SDG-target linker: %s, %s (commit %s)\n\n", o->title ? o->title : o->csv, date,
            o->commit);
}

static int run_all(FILE *f, const options *o)
{
    int rc = 0;
    heading(f, o);
    if (o->csv != NULL) {
        eval_dataset d;
        rc = eval_dataset_read(&d, o->csv, o->lang, o->id, o->text, o->labels, o->nlabels);
        if (rc == 0) {
            fprintf(f, "`%s`: %zu records, language %s; linker learnt from `%s`.\n\n", o->csv,
                    d.count, hr_lang_code(o->lang), shown_path(o->data));
            rc = evaluate(f, o, &d);
        }
        eval_dataset_free(&d);
    }
    if (rc == 0 && o->speed != NULL) {
        fprintf(f, "Speed on the UPR Info exports (`%s`), %s build:\n\n", shown_path(o->speed),
#ifdef NDEBUG
                "Release"
#else
                "Debug (sanitizers: expect several times slower than Release)"
#endif
        );
        rc = eval_speed(f, o->data, o->speed, o->threads, (size_t)o->examples);
    }
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    if (parse_options(&o, argc, argv) != 0)
        return usage();
    int rc = run_all(stdout, &o);
    if (rc == 0 && o.results != NULL) {
        FILE *f = fopen(o.results, "a");
        rc = f ? run_all(f, &o) : HR_EIO;
        if (f != NULL && fclose(f) != 0)
            rc = HR_EIO;
    }
    if (rc != 0)
        fprintf(stderr, "hrtrack-bench-sdg: %s\n", hr_error_code(rc));
    return rc == 0 ? 0 : 1;
}
