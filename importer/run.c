/* One import run (see run.h). */
#include "run.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "hrtrack/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_REJECTS_MAX 1000

static int exit_code_of(int rc)
{
    switch (rc) {
    case 0:
        return HR_EXIT_OK;
    case HR_EIO:
        return HR_EXIT_IO;
    case HR_EPARAM:
        return HR_EXIT_USAGE;
    case HR_EPARSE:
    case HR_ELIMIT:
    case HR_EUNPROCESSABLE:
        return HR_EXIT_DATA;
    default:
        return HR_EXIT_DATABASE;
    }
}

static void run_free(hr_run *run)
{
    hr_import_abort(run->import);
    hr_reject_log_close(run->rejects);
    hr_resolver_free(run->resolver);
    hr_db_free(run->db);
    hr_source_close(run->source);
    memset(run, 0, sizeof *run);
}

/* The file's digest, read once before the import (for --if-new). */
static int file_digest(char hex[HR_SHA256_HEX_LEN + 1], const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return HR_EIO;
    hr_sha256 state;
    hr_sha256_init(&state);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hr_sha256_update(&state, chunk, n);
    int failed = ferror(f);
    fclose(f);
    hr_sha256_final(&state, hex);
    return failed ? HR_EIO : 0;
}

/* With --if-new: whether this very file was imported before. */
static int already_imported(int *seen, hr_run *run, const char *kind, const char *path)
{
    char hex[HR_SHA256_HEX_LEN + 1], when[40];
    *seen = 0;
    if (!run->options->if_new)
        return 0;
    int rc = file_digest(hex, path);
    if (rc == 0)
        rc = hr_db_import_seen(seen, when, run->db, kind, hex);
    if (rc == 0 && *seen)
        printf("%s: %s was already imported (%s); nothing to do\n", kind, path, when);
    return rc;
}

int hr_run_begin(hr_run *run, const hr_config *cfg, const hr_run_options *options, const char *kind,
                 const char *path)
{
    memset(run, 0, sizeof *run);
    run->options = options;
    char *conninfo = NULL;
    int rc = hr_source_open(&run->source, path);
    if (rc == 0 && (rc = hr_reject_log_open(&run->rejects, options->rejects_path)) != 0)
        hr_log_error("%s: cannot write the reject report", options->rejects_path);
    if (rc != 0) {
        run_free(run);
        return HR_EXIT_IO;
    }
    rc = hr_db_resolve_conninfo(&conninfo, cfg);
    if (rc == 0)
        rc = hr_db_open(&run->db, conninfo, "hrtrack-import", 0);
    free(conninfo);
    if (rc == 0)
        rc = hr_migrate_check(run->db, cfg->schema_dir, NULL);
    int seen = 0;
    if (rc == 0)
        rc = already_imported(&seen, run, kind, path);
    if (rc == 0 && seen) {
        run_free(run);
        return HR_EXIT_SKIPPED;
    }
    if (rc == 0)
        rc = hr_db_resolver_load(&run->resolver, run->db);
    if (rc == 0)
        rc = hr_import_begin(&run->import, run->db, kind, path);
    if (rc != 0) {
        run_free(run);
        return HR_EXIT_DATABASE;
    }
    hr_progress_start(&run->progress, options->progress);
    return HR_EXIT_OK;
}

int hr_run_add(hr_run *run, const hr_rec *rec)
{
    int rc = hr_import_add(run->import, rec, run->records++);
    hr_progress_update(&run->progress, run->records, hr_source_read_bytes(run->source),
                       hr_source_size(run->source));
    return rc;
}

int hr_run_reject(hr_run *run, const char *location, const hr_reject *why)
{
    hr_import_count_reject(run->import);
    run->refused++;
    return hr_reject_log_add(run->rejects, run->records++, location, why);
}

int hr_run_submit(hr_run *run, int map_rc, hr_rec *rec, const char *location, const hr_reject *why)
{
    int rc = map_rc;
    hr_reject too_many;
    /* A list over HR_REC_LIST_MAX values is the record's fault, not the run's. */
    if (rc == HR_ELIMIT) {
        hr_reject_set(&too_many, "(record)", "a list has more than %d values", HR_REC_LIST_MAX);
        why = &too_many;
        rc = HR_EUNPROCESSABLE;
    }
    if (rc == HR_EUNPROCESSABLE)
        rc = hr_run_reject(run, location, why);
    else if (rc == 0)
        rc = hr_run_add(run, rec);
    hr_rec_clear(rec);
    return rc;
}

static void print_summary(const hr_run *run, const hr_import_counts *c, const char *kind)
{
    printf("%s%s: %ld read, %ld inserted, %ld updated, %ld unchanged, %ld rejected in %.1f s\n",
           run->options->dry_run ? "dry run, nothing written: " : "", kind, c->read, c->inserted,
           c->updated, c->unchanged, c->rejected, hr_progress_elapsed(&run->progress));
    if (c->rejected > 0) {
        printf("most frequent reasons for refusal:\n");
        hr_reject_log_summary(run->rejects, stdout, 10);
        if (run->options->rejects_path != NULL)
            printf("every refused record is listed in %s\n", run->options->rejects_path);
    }
}

/* Duplicate keys are refused by the database step; they join the report. */
static int report_db_rejects(hr_run *run, const hr_import_reject *rejects, size_t count)
{
    int rc = 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        hr_reject why;
        hr_reject_set(&why, "(key)", "%s", rejects[i].reason);
        char location[32];
        snprintf(location, sizeof location, "record %ld", rejects[i].index + 1);
        rc = hr_reject_log_add(run->rejects, rejects[i].index, location, &why);
    }
    return rc;
}

int hr_run_end(hr_run *run, int reader_rc, const char *kind)
{
    int rc = reader_rc;
    char sha256[HR_SHA256_HEX_LEN + 1] = "";
    hr_import_counts counts = {0};
    hr_import_reject *db_rejects = calloc(DB_REJECTS_MAX, sizeof *db_rejects);
    size_t db_reject_count = 0;
    hr_progress_end(&run->progress);
    if (rc == 0 && db_rejects == NULL)
        rc = HR_ENOMEM;
    if (rc == 0)
        rc = hr_source_finish(run->source, sha256);
    /* The set-based step can take a while on a large file: say what is happening. */
    if (rc == 0 && run->progress.enabled)
        fprintf(stderr, "%ld records read in %.1f s; writing them to the database...\n",
                run->records, hr_progress_elapsed(&run->progress));
    if (rc == 0) {
        rc = hr_import_commit(run->import, sha256, run->options->dry_run, &counts, db_rejects,
                              DB_REJECTS_MAX, &db_reject_count);
        run->import = NULL;
    }
    if (rc == 0)
        rc = report_db_rejects(run, db_rejects, db_reject_count);
    hr_import_abort(run->import);
    run->import = NULL;
    if (rc == 0)
        print_summary(run, &counts, kind);
    else
        fprintf(stderr, "hrtrack-import: %s import stopped (%s); the database is unchanged\n", kind,
                hr_error_message(rc, HR_LANG_EN));
    int close_rc = hr_reject_log_close(run->rejects);
    run->rejects = NULL;
    if (rc == 0 && close_rc != 0)
        rc = close_rc;
    free(db_rejects);
    run_free(run);
    int code = exit_code_of(rc);
    return code == HR_EXIT_OK && counts.rejected > 0 ? HR_EXIT_DATA : code;
}
