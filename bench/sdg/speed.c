/*
 * Throughput of the linker on the UPR Info exports (data/upr-info, 41,066
 * English recommendations): the time to suggest for every one of them on
 * N threads, first with the descriptions and term lists only, then with a
 * large set of labelled examples (the same texts repeated, labelled with
 * the first linker's top targets, as a stand-in for the 250,000 UHRI
 * examples whose labels we do not have). What counts is the time per
 * recommendation with a realistic vocabulary and posting lists; the
 * labels' correctness does not change the work.
 */
#include "eval.h"

#include "csv.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct texts {
    char **v;
    size_t n, cap;
} texts;

static int texts_push(texts *t, const char *s)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 4096;
        char **v = realloc(t->v, t->cap * sizeof *v);
        if (v == NULL)
            return HR_ENOMEM;
        t->v = v;
    }
    t->v[t->n] = strdup(s);
    return t->v[t->n++] ? 0 : HR_ENOMEM;
}

static void texts_free(texts *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    free(t->v);
}

/* The Text column of one UPR Info export (Mac Roman or UTF-8, CR line ends). */
static int read_upr_file(texts *t, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return HR_EIO;
    hr_csv *csv = NULL;
    int rc = hr_csv_open(&csv, f, HR_CSV_AUTO), got, text_col = -1;
    hr_csv_record rec;
    while (rc == 0 && (got = hr_csv_next(csv, &rec)) == 1) {
        if (rec.error)
            continue;
        if (text_col < 0) {
            for (size_t i = 0; i < rec.count; i++)
                text_col = strcmp(rec.fields[i], "Text") == 0 ? (int)i : text_col;
            rc = text_col < 0 ? HR_EPARSE : 0;
        } else if ((size_t)text_col < rec.count) {
            rc = texts_push(t, rec.fields[text_col]);
        }
    }
    hr_csv_free(csv);
    fclose(f);
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_upr_dir(texts *t, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return HR_EIO;
    char *names[64];
    size_t n = 0;
    for (struct dirent *e = readdir(d); e != NULL && n < 64; e = readdir(d)) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], compare_names);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (rc == 0 && names[i] != NULL)
            rc = read_upr_file(t, path);
        free(names[i]);
    }
    return rc;
}

typedef struct job {
    const hr_sdg_linker *linker;
    const texts *t;
    char (*labels)[HR_SDG_CODE_MAX]; /* with examples: each text's pseudo label; NULL otherwise */
    atomic_size_t next;
    atomic_size_t suggested;
    atomic_int rc;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    for (size_t i = atomic_fetch_add(&j->next, 1); i < j->t->n; i = atomic_fetch_add(&j->next, 1)) {
        hr_sdg_suggestion s[5];
        size_t n = 0;
        char name[32];
        snprintf(name, sizeof name, "upr-%zu", i);
        int rc = hr_sdg_linker_suggest(j->linker, j->t->v[i], HR_LANG_EN, name, s, 5, &n);
        if (rc != 0)
            atomic_store(&j->rc, rc);
        /* The top target, or its goal when a goal alone was suggested. */
        if (j->labels != NULL && n > 0 && s[0].target[0] != '\0')
            snprintf(j->labels[i], HR_SDG_CODE_MAX, "%s", s[0].target);
        else if (j->labels != NULL && n > 0)
            snprintf(j->labels[i], HR_SDG_CODE_MAX, "%d", s[0].goal);
        atomic_fetch_add(&j->suggested, n > 0);
    }
    return NULL;
}

static double clock_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
    return clock_seconds(CLOCK_MONOTONIC);
}

/* CPU time of all threads: on a shared machine, what the work costs whatever the load. */
static double cpu(void)
{
    return clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

/* Suggests for every text on `threads` threads; returns the wall and CPU times. */
static int suggest_all(const hr_sdg_linker *l, const texts *t, int threads,
                       char (*labels)[HR_SDG_CODE_MAX], double seconds[2], size_t *with)
{
    job j = {.linker = l, .t = t, .labels = labels};
    pthread_t tid[16];
    int started = 0;
    double t0 = now(), c0 = cpu();
    for (; started < threads && started < 16; started++) {
        if (pthread_create(&tid[started], NULL, worker, &j) != 0)
            break;
    }
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    seconds[0] = now() - t0;
    seconds[1] = cpu() - c0;
    *with = atomic_load(&j.suggested);
    return started == 0 ? HR_EINTERNAL : atomic_load(&j.rc);
}

/* The big example set: the texts again and again, each labelled with its pseudo label. */
static int build_with_examples(hr_sdg_linker **out, const char *data_dir, const texts *t,
                               char (*labels)[HR_SDG_CODE_MAX], size_t examples, double seconds[2])
{
    double t0 = now(), c0 = cpu();
    hr_sdg_linker *l = NULL;
    int rc = eval_linker_build_unfrozen(&l, data_dir);
    for (size_t k = 0; rc == 0 && k < examples; k++) {
        size_t i = k % t->n;
        if (labels[i][0] == '\0')
            continue;
        const char *codes[1] = {labels[i]};
        char name[32];
        snprintf(name, sizeof name, "upr-%zu", i);
        rc = hr_sdg_linker_add_example(l, name, HR_LANG_EN, t->v[i], codes, 1);
        if (rc == HR_EPARSE || rc == HR_ELIMIT)
            rc = 0; /* a text the importer would refuse too */
    }
    if (rc == 0)
        rc = hr_sdg_linker_build(l);
    seconds[0] = now() - t0;
    seconds[1] = cpu() - c0;
    if (rc != 0)
        hr_sdg_linker_free(l);
    *out = rc == 0 ? l : NULL;
    return rc;
}

static long peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

static void write_table(FILE *f, const texts *t, int threads, double build[2][2],
                        double suggest[2][2], const size_t with[2], size_t examples)
{
    fprintf(f,
            "| linker | build: wall (CPU) | suggest for %zu recommendations, %d threads: wall "
            "(CPU) | per second (wall) | with a suggestion | peak RSS |\n",
            t->n, threads);
    fprintf(f, "|---|---|---|---|---|---|\n");
    for (int k = 0; k < 2; k++) {
        char name[64];
        snprintf(name, sizeof name, k == 0 ? "texts + terms" : "texts + terms + %zu examples",
                 examples);
        fprintf(f, "| %s | %.2f s (%.2f s) | %.2f s (%.2f s) | %.0f | %zu | ", name, build[k][0],
                build[k][1], suggest[k][0], suggest[k][1], (double)t->n / suggest[k][0], with[k]);
        if (k == 1)
            fprintf(f, "%ld MB", peak_rss_mb());
        fprintf(f, " |\n");
    }
}

int eval_speed(FILE *f, const char *data_dir, const char *upr_dir, int threads, size_t examples)
{
    texts t = {0};
    hr_sdg_linker *plain = NULL, *rich = NULL;
    char(*labels)[HR_SDG_CODE_MAX] = NULL;
    double build[2][2] = {{0}}, suggest[2][2] = {{0}};
    size_t with[2] = {0}, stored = 0;
    int rc = read_upr_dir(&t, upr_dir);
    if (rc == 0 && t.n == 0)
        rc = HR_EIO;
    if (rc == 0 && (labels = calloc(t.n, sizeof *labels)) == NULL)
        rc = HR_ENOMEM;
    if (rc == 0) {
        double t0 = now(), c0 = cpu();
        rc = eval_linker_build(&plain, data_dir, NULL, -1);
        build[0][0] = now() - t0;
        build[0][1] = cpu() - c0;
    }
    if (rc == 0)
        rc = suggest_all(plain, &t, threads, labels, suggest[0], &with[0]);
    if (rc == 0)
        rc = build_with_examples(&rich, data_dir, &t, labels, examples, build[1]);
    if (rc == 0) {
        hr_sdg_linker_stats st;
        hr_sdg_linker_get_stats(rich, &st);
        stored = st.examples;
        rc = suggest_all(rich, &t, threads, NULL, suggest[1], &with[1]);
    }
    if (rc == 0)
        write_table(f, &t, threads, build, suggest, with, stored);
    hr_sdg_linker_free(plain);
    hr_sdg_linker_free(rich);
    free(labels);
    texts_free(&t);
    return rc;
}
