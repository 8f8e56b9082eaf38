/*
 * The record of imports (import_run, schema/0002): one row per committed
 * run of hrtrack-import, with its source kind, file, checksum and how many
 * records it read, inserted, updated, left unchanged and refused. The
 * audit log holds each run's first row only (written before the counts
 * are known), so this is where the counts are read.
 *
 * The refused records themselves are not in the database: hrtrack-import
 * writes them (position, field, reason) to the file its --rejects option
 * names.
 */
#ifndef HRTRACK_IMPORT_RUNS_H
#define HRTRACK_IMPORT_RUNS_H

#include "hrtrack/db.h"
#include "hrtrack/rec_query.h"

#include <jansson.h>

#define HR_IMPORT_RUN_LIMIT_DEFAULT 50
#define HR_IMPORT_RUN_LIMIT_MAX     200

typedef struct hr_import_run_filter {
    const char *kind; /* NULL: any; one of import_run.kind (uhri, upr-info, document) */
    int rejects;      /* -1: any; 1: only runs that refused records; 0: only runs that did not */
    long long before; /* keyset: ids below this (0: from the newest) */
    int limit;        /* 1..HR_IMPORT_RUN_LIMIT_MAX */
} hr_import_run_filter;

/*
 * A page of the runs `f` selects, newest first:
 * {"items":[run...], "total": n, "next_before": id or null}. A run is
 * {id, kind, file_name, sha256, records_read, inserted, updated,
 * unchanged, rejected, outcome, started_at, finished_at}. Returns 0 or a
 * db.h error.
 */
int hr_db_import_runs_list(json_t **out, hr_db *db, const hr_import_run_filter *f);

/* The columns of an import run export, in order; their number in *count. */
const hr_export_column *hr_import_run_export_columns(int *count);

/* Opens the export cursor of every run `f` selects, newest first (before and limit ignored). */
int hr_db_import_runs_export(hr_db_export **out, hr_db *db, const hr_import_run_filter *f);

#endif
