/*
 * Importing recommendations: the normalised record every reader produces,
 * and the loader that puts a whole file's records into PostgreSQL in one
 * transaction (COPY into a staging table, then set-based upserts).
 *
 * A reader (UHRI JSON, UPR Info CSV, a split document) maps each source
 * record to an hr_rec with codes already resolved (states to alpha-2,
 * mechanisms to their code, SDG labels to target codes) and hands it to
 * hr_import_add(). Nothing is visible to anyone else until
 * hr_import_commit(); any failure, or the process dying, leaves the
 * database exactly as it was.
 */
#ifndef HRTRACK_IMPORT_H
#define HRTRACK_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "hrtrack/db.h"

#define HR_REC_LIST_MAX 64    /* items in one list field of a record */
#define HR_REC_TEXT_MAX 65536 /* bytes of a recommendation's text */
#define HR_REC_NAME_MAX 300   /* bytes of a theme, person, region or body name */

/* A list of strings owned by the record. */
typedef struct hr_rec_list {
    char *items[HR_REC_LIST_MAX];
    size_t count;
} hr_rec_list;

typedef struct hr_rec {
    char *external_key;         /* required: AnnotationId, row digest, symbol#paragraph */
    char *symbol;               /* document symbol, or NULL */
    char *document_key;         /* the source's document id (UHRI DocumentId), or NULL */
    char mechanism[12];         /* required: "UPR", "CRC", ..., "SP" */
    char *body;                 /* body name, or NULL */
    char *paragraph;            /* "79.23", "12(b)", or NULL */
    char *text_published;       /* required: as published (HTML for UHRI) */
    char *text_plain;           /* required: plain text, NFC, single spaces */
    char language[3];           /* required: "en", "es", "fr" */
    char *annotation_type;      /* UHRI's AnnotationType, or NULL */
    const char *position;       /* "supported", "noted" or NULL (static storage) */
    int cycle;                  /* UPR cycle, 0 when none */
    int session;                /* UPR session, 0 when none */
    int action;                 /* UPR Info action category 1-5, 0 when none */
    char published[11];         /* YYYY-MM-DD or "" */
    char published_on_uhri[24]; /* YYYY-MM-DDTHH:MM:SS[.fff] or "" */
    hr_rec_list states;         /* alpha-2 codes of the states concerned */
    hr_rec_list regions;        /* regions of the states concerned */
    hr_rec_list themes;
    hr_rec_list persons;             /* affected persons */
    hr_rec_list recommending_states; /* alpha-2 codes */
    hr_rec_list recommending_regions;
    hr_rec_list sdg_goals;   /* "16" */
    hr_rec_list sdg_targets; /* "16.3", "16.a" */
} hr_rec;

/* Frees every string and list item and zeroes the record. NULL is fine. */
void hr_rec_clear(hr_rec *rec);

/*
 * Sets *slot to a copy of s[0..len) (replacing any value). Returns 0,
 * HR_ENOMEM.
 */
int hr_rec_set(char **slot, const char *s, size_t len);

/*
 * Adds a copy of `s` to `list` unless it is already there. Returns 0,
 * HR_ELIMIT (more than HR_REC_LIST_MAX items) or HR_ENOMEM.
 */
int hr_rec_list_add(hr_rec_list *list, const char *s);

/* What a finished (or dry) run did. */
typedef struct hr_import_counts {
    long read;      /* records in the file */
    long inserted;  /* new recommendations */
    long updated;   /* recommendations whose content changed */
    long unchanged; /* recommendations already there, identical */
    long rejected;  /* records refused (by the reader or as duplicates) */
} hr_import_counts;

/* A record refused inside the database step (a duplicate key). */
typedef struct hr_import_reject {
    long index; /* 0-based record index the reader gave */
    char reason[160];
} hr_import_reject;

typedef struct hr_import hr_import;

/*
 * Opens an import: BEGIN, staging table, COPY started. `kind` is "uhri",
 * "upr-info" or "document"; `file_name` (at most 1000 bytes kept) is
 * recorded with the run. Returns 0 or a database error.
 */
int hr_import_begin(hr_import **out, hr_db *db, const char *kind, const char *file_name);

/*
 * Stages one record. `index` is the reader's record number (for reports).
 * Returns 0, or a database error (the import is then lost: call
 * hr_import_abort).
 */
int hr_import_add(hr_import *imp, const hr_rec *rec, long index);

/* Counts a record the reader refused, so that the run's totals add up. */
void hr_import_count_reject(hr_import *imp);

/*
 * Ends the COPY and runs the upserts; `sha256` is the file's digest, recorded
 * with the run. With `dry_run` everything is rolled back after counting. Writes the counts to
 * *counts and, when the database step refused records (duplicate keys), up to `max_rejects` of them
 * to rejects[] with their number in *reject_count. Frees `imp`. Returns 0 or a database error
 * (nothing was written).
 */
int hr_import_commit(hr_import *imp, const char *sha256, int dry_run, hr_import_counts *counts,
                     hr_import_reject *rejects, size_t max_rejects, size_t *reject_count);

/*
 * Sets *seen to 1 when a run of `kind` already imported a file with this
 * SHA-256 successfully (and *when* to its finish time, 40 bytes), else 0.
 * Returns 0 or a database error.
 */
int hr_db_import_seen(int *seen, char when[40], hr_db *db, const char *kind, const char *sha256);

/* Rolls back and frees. NULL is fine. */
void hr_import_abort(hr_import *imp);

#endif
