/* Import progress on standard error (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void hr_progress_start(hr_progress *p, int forced)
{
    p->terminal = isatty(STDERR_FILENO);
    p->enabled = forced || p->terminal;
    clock_gettime(CLOCK_MONOTONIC, &p->started);
    p->last = p->started;
}

double hr_progress_elapsed(const hr_progress *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return seconds_between(&p->started, &now);
}

void hr_progress_update(hr_progress *p, long records, uint64_t bytes, uint64_t total)
{
    if (!p->enabled || (records & 1023) != 0)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double interval = p->terminal ? 0.25 : 2.0;
    if (seconds_between(&p->last, &now) < interval)
        return;
    p->last = now;
    double elapsed = seconds_between(&p->started, &now);
    double rate = elapsed > 0 ? (double)records / elapsed : 0;
    double fraction = total > 0 ? (double)bytes / (double)total : 0;
    double left = fraction > 0.001 ? elapsed * (1 - fraction) / fraction : 0;
    fprintf(stderr, "%s%ld records, %.0f/s, %.1f%% of %.1f MB, about %.0f s left%s",
            p->terminal ? "\r" : "", records, rate, fraction * 100, (double)total / 1e6, left,
            p->terminal ? "   " : "\n");
}

void hr_progress_end(hr_progress *p)
{
    if (p->enabled && p->terminal)
        fputc('\n', stderr);
}
