/*
 * One-line log records on standard error. A single fprintf per line keeps
 * lines from different threads from interleaving (stdio locks the stream).
 */
#include "hrtrack/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static atomic_int min_level = HR_LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void hr_log_set_level(hr_log_level level)
{
    atomic_store(&min_level, (int)level);
}

void hr_log(hr_log_level level, const char *fmt, ...)
{
    if ((int)level < atomic_load(&min_level))
        return;
    char message[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);

    struct timespec now;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    fprintf(stderr, "%s.%03ldZ %s %s\n", stamp, now.tv_nsec / 1000000L,
            level_names[level <= HR_LOG_ERROR ? level : HR_LOG_ERROR], message);
}
