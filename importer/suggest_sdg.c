/*
 * `hrtrack-import suggest-sdg` (see suggest_sdg.h): options, the linker
 * built from the database and the term lists, suggesting on every core,
 * and the write-back with its summary.
 */
#include "suggest_sdg.h"

#include "run.h"
#include "suggest_parallel.h"

#include "hrtrack/db.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "hrtrack/sdg_linker.h"
#include "hrtrack/sdg_suggest.h"
#include "hrtrack/sha256.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define KEEP_DEFAULT 3
#define THREADS_MAX  16

typedef struct options {
    hr_sdg_scope scope;
    char state[3];
    size_t keep;      /* --max: suggestions kept per recommendation */
    unsigned threads; /* --threads; default: the machine's cores */
    int progress;
    int dry_run;
} options;

/* One run: what it holds from start to end, freed in one place. */
typedef struct suggest_run {
    const options *o;
    hr_db *db;
    hr_sdg_run *run;
    hr_sdg_linker *linker;
    hr_suggest_item *items;
    size_t count, capacity;
    hr_sdg_suggestion *results; /* `keep` per item */
    long examples;
    struct timespec started;
} suggest_run;

static double elapsed(const suggest_run *r)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - r->started.tv_sec) +
           (double)(now.tv_nsec - r->started.tv_nsec) / 1e9;
}

/* This process's processor time: on a shared machine it tells more than the clock. */
static double cpu_seconds(void)
{
    struct rusage u;
    if (getrusage(RUSAGE_SELF, &u) != 0)
        return 0;
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/* A progress line: the time since the start, then what is happening. */
static void say(const suggest_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const suggest_run *r, const char *fmt, ...)
{
    if (!r->o->progress)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%.1f s (cpu %.1f s): ", elapsed(r), cpu_seconds());
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int parse_count(long *out, const char *text, long min, long max)
{
    char *end = NULL;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || n < min || n > max)
        return -1;
    *out = n;
    return 0;
}

/* --state: an ISO alpha-2 code, any case. */
static int set_state(options *o, const char *value)
{
    if (strlen(value) != 2 || !isalpha((unsigned char)value[0]) ||
        !isalpha((unsigned char)value[1]))
        return -1;
    o->state[0] = (char)toupper((unsigned char)value[0]);
    o->state[1] = (char)toupper((unsigned char)value[1]);
    o->state[2] = '\0';
    o->scope.state = o->state;
    return 0;
}

/* One option that takes a value. Returns 0 or HR_EXIT_USAGE. */
static int option_value(options *o, const char *name, const char *value)
{
    long n = 0;
    if (strcmp(name, "--state") == 0 && set_state(o, value) == 0)
        return 0;
    if (strcmp(name, "--document") == 0 && value[0] != '\0' && strlen(value) <= 100) {
        o->scope.document = value;
        return 0;
    }
    if (strcmp(name, "--max") == 0 && parse_count(&n, value, 1, HR_SUGGEST_KEEP_MAX) == 0) {
        o->keep = (size_t)n;
        return 0;
    }
    if (strcmp(name, "--threads") == 0 && parse_count(&n, value, 1, THREADS_MAX) == 0) {
        o->threads = (unsigned)n;
        return 0;
    }
    fprintf(stderr, "hrtrack-import: suggest-sdg: bad %s \"%s\" (see --help)\n", name, value);
    return HR_EXIT_USAGE;
}

static int parse_options(options *o, int argc, char **argv)
{
    static const char *const with_value[] = {"--state", "--document", "--max", "--threads"};
    memset(o, 0, sizeof *o);
    o->keep = KEEP_DEFAULT;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->threads = cores < 1 ? 1 : cores > THREADS_MAX ? THREADS_MAX : (unsigned)cores;
    o->progress = isatty(STDERR_FILENO);
    for (int i = 0; i < argc; i++) {
        int takes_value = 0;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
            takes_value |= strcmp(argv[i], with_value[k]) == 0;
        if (takes_value && i + 1 < argc) {
            int code = option_value(o, argv[i], argv[i + 1]);
            if (code != 0)
                return code;
            i++;
        } else if (strcmp(argv[i], "--relearn") == 0) {
            o->scope.relearn = 1;
        } else if (strcmp(argv[i], "--progress") == 0) {
            o->progress = 1;
        } else if (strcmp(argv[i], "--dry-run") == 0) {
            o->dry_run = 1;
        } else {
            fprintf(stderr, "hrtrack-import: suggest-sdg: unknown option or missing value: %s\n",
                    argv[i]);
            return HR_EXIT_USAGE;
        }
    }
    return 0;
}

/* The term lists' digest: each *.tsv file's name and bytes, in name order. */
static int terms_digest(char hex[HR_SHA256_HEX_LEN + 1], const char *dir)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        return HR_EIO;
    hr_sha256 state;
    hr_sha256_init(&state);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(name);
        char path[HR_PATH_MAX + 300];
        if (rc == 0 && len > 4 && strcmp(name + len - 4, ".tsv") == 0) {
            snprintf(path, sizeof path, "%s/%s", dir, name);
            hr_sha256_update(&state, name, len + 1);
            FILE *f = fopen(path, "rb");
            char chunk[65536];
            size_t got;
            while (f != NULL && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
                hr_sha256_update(&state, chunk, got);
            rc = f == NULL || ferror(f) ? HR_EIO : 0;
            if (f != NULL)
                fclose(f);
        }
        free(names[i]);
    }
    free(names);
    hr_sha256_final(&state, hex);
    return rc;
}

static int add_text(void *ctx, const char *code, hr_lang lang, const char *text)
{
    return hr_sdg_linker_add_target_text(ctx, code, lang, text);
}

static int add_example(void *ctx, const char *label, hr_lang lang, const char *text,
                       const char *const *codes, size_t n_codes)
{
    suggest_run *r = ctx;
    int rc = hr_sdg_linker_add_example(r->linker, label, lang, text, codes, n_codes);
    /* A text the linker cannot take (too long) is one example less, not a failed run. */
    if (rc == HR_ELIMIT || rc == HR_EPARSE) {
        hr_log_warn("recommendation %s is not learnt from (%s)", label, hr_error_code(rc));
        return 0;
    }
    if (rc == 0 && ++r->examples % 50000 == 0)
        say(r, "%ld examples", r->examples);
    return rc;
}

/* The linker, from the database's texts and examples and the term lists in `terms_dir`. */
static int build_linker(suggest_run *r, const char *terms_dir)
{
    int rc = hr_sdg_linker_new(&r->linker);
    say(r, "reading the goal, target and indicator texts and the term lists");
    if (rc == 0)
        rc = hr_sdg_run_texts(r->run, add_text, r->linker);
    if (rc == 0 && (rc = hr_sdg_linker_load_terms(r->linker, terms_dir)) != 0)
        fprintf(stderr, "hrtrack-import: suggest-sdg: term lists in %s: %s\n", terms_dir,
                hr_sdg_linker_error(r->linker));
    if (rc == 0) {
        say(r, "reading the labelled examples (links from UHRI and people)");
        rc = hr_sdg_run_examples(r->run, add_example, r);
    }
    if (rc == 0) {
        say(r, "building the linker");
        rc = hr_sdg_linker_build(r->linker);
    }
    hr_sdg_linker_stats stats;
    hr_sdg_linker_get_stats(r->linker, &stats);
    if (rc == 0)
        say(r,
            "linker built: %zu goals and targets described, %zu phrases, %zu examples, %zu words",
            stats.targets, stats.terms, stats.examples, stats.words);
    return rc;
}

static int add_candidate(void *ctx, long long id, hr_lang lang, const char *text,
                         const char *rejected)
{
    suggest_run *r = ctx;
    if (r->count == r->capacity) {
        size_t capacity = r->capacity ? r->capacity * 2 : 1024;
        hr_suggest_item *grown = realloc(r->items, capacity * sizeof *grown);
        if (grown == NULL)
            return HR_ENOMEM;
        r->items = grown;
        r->capacity = capacity;
    }
    hr_suggest_item *item = &r->items[r->count];
    memset(item, 0, sizeof *item);
    item->id = id;
    item->lang = lang;
    item->text = strdup(text);
    item->rejected = strdup(rejected);
    r->count++;
    return item->text && item->rejected ? 0 : HR_ENOMEM;
}

/* Stages every item's suggestions for the write-back. */
static int stage_all(suggest_run *r)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < r->count; i++) {
        const hr_suggest_item *item = &r->items[i];
        for (size_t k = 0; rc == 0 && k < item->n; k++)
            rc = hr_sdg_run_add(r->run, item->id, item->out[k].goal, item->out[k].target,
                                item->out[k].score, item->out[k].reason);
    }
    return rc;
}

static int suggest_all(suggest_run *r)
{
    long count = 0;
    say(r, "choosing the recommendations without links of their own");
    int rc = hr_sdg_run_candidates(r->run, &r->o->scope, add_candidate, r, &count);
    if (rc == 0 && r->count > 0) {
        r->results = calloc(r->count * r->o->keep, sizeof *r->results);
        rc = r->results ? 0 : HR_ENOMEM;
    }
    for (size_t i = 0; rc == 0 && i < r->count; i++)
        r->items[i].out = r->results + i * r->o->keep;
    if (rc == 0)
        say(r, "suggesting for %zu recommendations on %u threads", r->count, r->o->threads);
    if (rc == 0)
        rc = hr_suggest_parallel(r->linker, r->items, r->count, r->o->keep, r->o->threads,
                                 r->o->progress);
    if (rc != 0)
        return rc;
    say(r, "writing the suggestions");
    return stage_all(r);
}

static void run_free(suggest_run *r)
{
    hr_sdg_run_abort(r->run);
    hr_sdg_linker_free(r->linker);
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].text);
        free(r->items[i].rejected);
    }
    free(r->items);
    free(r->results);
    hr_db_free(r->db);
}

static int connect_checked(suggest_run *r, const hr_config *cfg)
{
    char *conninfo = NULL;
    int rc = hr_db_resolve_conninfo(&conninfo, cfg);
    if (rc == 0)
        rc = hr_db_open(&r->db, conninfo, "hrtrack-import", 0);
    free(conninfo);
    if (rc == 0)
        rc = hr_migrate_check(r->db, cfg->schema_dir, NULL);
    return rc;
}

/* The scope names a state and a document that exist: a typing mistake is not "nothing to do". */
static int check_scope(suggest_run *r)
{
    const char *field = NULL;
    int rc = hr_sdg_run_check_scope(&field, r->run, &r->o->scope);
    if (rc == HR_ENOTFOUND)
        fprintf(stderr, "hrtrack-import: suggest-sdg: no %s \"%s\" in the database\n", field,
                strcmp(field, "state") == 0 ? r->o->scope.state : r->o->scope.document);
    return rc;
}

static void print_summary(const suggest_run *r, const hr_sdg_counts *c)
{
    printf("%ssuggest-sdg: %ld read, %ld inserted, %ld updated, %ld unchanged, 0 rejected in "
           "%.1f s (suggested links: %ld added, %ld changed, %ld removed; %ld examples)\n",
           r->o->dry_run ? "dry run, nothing written: " : "", c->read, c->inserted, c->updated,
           c->unchanged, elapsed(r), c->links_added, c->links_changed, c->links_removed,
           r->examples);
}

static int exit_code_of(int rc)
{
    if (rc == 0)
        return HR_EXIT_OK;
    if (rc == HR_EIO)
        return HR_EXIT_IO;
    return rc == HR_ENOTFOUND || rc == HR_EPARSE ? HR_EXIT_USAGE : HR_EXIT_DATABASE;
}

int hr_suggest_sdg(const hr_config *cfg, int argc, char **argv)
{
    options o;
    int code = parse_options(&o, argc, argv);
    if (code != 0)
        return code;
    suggest_run r = {.o = &o};
    clock_gettime(CLOCK_MONOTONIC, &r.started);
    char terms_dir[HR_PATH_MAX + 16], digest[HR_SHA256_HEX_LEN + 1];
    snprintf(terms_dir, sizeof terms_dir, "%s/sdg/terms", cfg->data_dir);
    int rc = terms_digest(digest, terms_dir);
    if (rc != 0)
        fprintf(stderr, "hrtrack-import: suggest-sdg: cannot read the term lists in %s\n",
                terms_dir);
    if (rc == 0)
        rc = connect_checked(&r, cfg);
    if (rc == 0)
        rc = hr_sdg_run_begin(&r.run, r.db);
    if (rc == 0)
        rc = check_scope(&r);
    if (rc == 0)
        rc = build_linker(&r, terms_dir);
    if (rc == 0)
        rc = suggest_all(&r);
    hr_sdg_counts counts;
    if (rc == 0) {
        rc = hr_sdg_run_commit(r.run, terms_dir, digest, o.dry_run, &counts);
        r.run = NULL;
        if (rc == 0)
            say(&r, "%s", o.dry_run ? "rolled back" : "committed");
    }
    if (rc == 0)
        print_summary(&r, &counts);
    else if (rc != HR_ENOTFOUND) /* an unknown state or document was named above */
        fprintf(stderr, "hrtrack-import: suggest-sdg stopped (%s); the database is unchanged\n",
                hr_error_message(rc, HR_LANG_EN));
    run_free(&r);
    return exit_code_of(rc);
}
