/*
 * One import run, whatever the source format: the database connection and
 * its single transaction, the name resolver, the reject report, progress,
 * and the summary and exit code at the end. Readers call hr_run_add for
 * each mapped record and hr_run_reject for each refused one.
 */
#ifndef HRTRACK_IMPORTER_RUN_H
#define HRTRACK_IMPORTER_RUN_H

#include "progress.h"
#include "reject.h"
#include "source.h"

#include "hrtrack/config.h"
#include "hrtrack/import.h"
#include "hrtrack/lang.h"
#include "hrtrack/resolver.h"

/* Exit codes of hrtrack-import. */
enum {
    HR_EXIT_SKIPPED = -1, /* --if-new and the file was imported before: nothing to do */
    HR_EXIT_OK = 0,
    HR_EXIT_DATA = 1, /* records refused, or a malformed file */
    HR_EXIT_USAGE = 2,
    HR_EXIT_DATABASE = 3,
    HR_EXIT_IO = 4,
};

typedef struct hr_run_options {
    const char *rejects_path; /* --rejects FILE, or NULL */
    int progress;             /* --progress */
    int dry_run;              /* --dry-run */
    int if_new;               /* --if-new: skip a file already imported */
    hr_lang lang;             /* --lang: the language of the texts */
    /* document only */
    const char *symbol;
    const char *date;
    const char *state;
} hr_run_options;

typedef struct hr_run {
    const hr_run_options *options;
    hr_db *db;
    hr_resolver *resolver;
    hr_import *import;
    hr_reject_log *rejects;
    hr_source *source;
    hr_progress progress;
    long records; /* records seen: added and refused */
    long refused;
} hr_run;

/*
 * Connects (HRTRACK_DB or the embedded cluster), checks the schema, loads
 * the resolver, opens the reject report and the source file, and begins the
 * import of `kind`. Returns an HR_EXIT_* code (HR_EXIT_OK to go on).
 */
int hr_run_begin(hr_run *run, const hr_config *cfg, const hr_run_options *options, const char *kind,
                 const char *path);

/* Stages a mapped record. Returns 0 or a database error (the run is lost). */
int hr_run_add(hr_run *run, const hr_rec *rec);

/* Counts and reports a refused record at `location` ("line 12", "byte 345"). */
int hr_run_reject(hr_run *run, const char *location, const hr_reject *why);

/*
 * Hands over what a reader's mapper made of one record: `map_rc` 0 stages
 * `rec`, HR_EUNPROCESSABLE reports `why` at `location` (so does HR_ELIMIT,
 * a list with too many values), and any other error is returned as it is. Clears `rec` in every
 * case. Returns 0 or the error that must stop the run.
 */
int hr_run_submit(hr_run *run, int map_rc, hr_rec *rec, const char *location, const hr_reject *why);

/*
 * Ends the run: `reader_rc` is what the reader returned (0, or the error
 * that stopped it, in which case nothing is written). Commits (or rolls back
 * with --dry-run), prints the summary, frees everything. Returns the
 * HR_EXIT_* code.
 */
int hr_run_end(hr_run *run, int reader_rc, const char *kind);

#endif
