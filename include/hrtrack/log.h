/*
 * Logging: one line per event on standard error, with a UTC timestamp and a
 * level. Request bodies, passwords and personal data are never logged; the
 * callers are responsible for passing only what is safe to print.
 */
#ifndef HRTRACK_LOG_H
#define HRTRACK_LOG_H

typedef enum hr_log_level {
    HR_LOG_DEBUG = 0,
    HR_LOG_INFO = 1,
    HR_LOG_WARN = 2,
    HR_LOG_ERROR = 3
} hr_log_level;

/* Lines below `level` are dropped. The default is HR_LOG_INFO. Thread-safe. */
void hr_log_set_level(hr_log_level level);

/* Writes one line (printf rules; a trailing newline is added). Thread-safe. */
void hr_log(hr_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define hr_log_info(...)  hr_log(HR_LOG_INFO, __VA_ARGS__)
#define hr_log_warn(...)  hr_log(HR_LOG_WARN, __VA_ARGS__)
#define hr_log_error(...) hr_log(HR_LOG_ERROR, __VA_ARGS__)
#define hr_log_debug(...) hr_log(HR_LOG_DEBUG, __VA_ARGS__)

#endif
