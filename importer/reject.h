/*
 * Refused records: why one record was refused (field and reason), the
 * reject report (CSV, --rejects FILE) and the tally of reasons that the
 * importer prints at the end.
 */
#ifndef HRTRACK_IMPORTER_REJECT_H
#define HRTRACK_IMPORTER_REJECT_H

#include <stdint.h>
#include <stdio.h>

typedef struct hr_reject {
    char field[40];   /* the source's field name ("Countries", "Text", "Response") */
    char reason[240]; /* in words, with the offending value shortened */
} hr_reject;

/* Fills `why` (printf-style reason). Returns HR_EUNPROCESSABLE for the caller to pass on. */
int hr_reject_set(hr_reject *why, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

typedef struct hr_reject_log hr_reject_log;

/*
 * Opens a log; `path` is the CSV report to write, or NULL for none. The
 * report's columns: record (1-based), location ("line 12", "byte 3456"),
 * field, reason. Returns 0, HR_EIO or HR_ENOMEM.
 */
int hr_reject_log_open(hr_reject_log **out, const char *path);

/* Records one refused record. `index` is 0-based. Returns 0 or HR_EIO. */
int hr_reject_log_add(hr_reject_log *log, long index, const char *location, const hr_reject *why);

/* Prints the most frequent reasons (by field and reason, values left out) to `out`. */
void hr_reject_log_summary(const hr_reject_log *log, FILE *out, int top);

/* Closes the report. Returns 0 or HR_EIO when it could not be written. NULL is fine. */
int hr_reject_log_close(hr_reject_log *log);

#endif
