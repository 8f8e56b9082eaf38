/*
 * Progress of a long import on standard error: records, rate, percent of the
 * file's bytes and the time left. Redrawn in place on a terminal; one line
 * every few seconds with --progress when standard error is not a terminal.
 */
#ifndef HRTRACK_IMPORTER_PROGRESS_H
#define HRTRACK_IMPORTER_PROGRESS_H

#include <stdint.h>
#include <time.h>

typedef struct hr_progress {
    int enabled;
    int terminal;
    struct timespec started;
    struct timespec last;
} hr_progress;

/* Starts the clock. `forced` is --progress; otherwise it shows only on a terminal. */
void hr_progress_start(hr_progress *p, int forced);

/* Reports, at most a few times a second; cheap to call for every record. */
void hr_progress_update(hr_progress *p, long records, uint64_t bytes, uint64_t total);

/* Ends the progress line. */
void hr_progress_end(hr_progress *p);

/* Seconds since hr_progress_start. */
double hr_progress_elapsed(const hr_progress *p);

#endif
