/*
 * The reject report and tally (see reject.h). Reasons are grouped for the
 * summary by their text up to the first quote or digit, so that "unknown
 * state \"Atlantis\"" and "unknown state \"Oz\"" count as one reason, and
 * so do "same key as record 12" and "same key as record 40".
 */
#include "reject.h"

#include "hrtrack/error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define TALLY_MAX 256

typedef struct tally_entry {
    char key[200];
    long count;
} tally_entry;

struct hr_reject_log {
    FILE *file;
    int failed;
    tally_entry tally[TALLY_MAX];
    size_t kinds;
    long other; /* reasons beyond TALLY_MAX kinds */
};

int hr_reject_set(hr_reject *why, const char *field, const char *fmt, ...)
{
    snprintf(why->field, sizeof why->field, "%s", field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why->reason, sizeof why->reason, fmt, ap);
    va_end(ap);
    return HR_EUNPROCESSABLE;
}

int hr_reject_log_open(hr_reject_log **out, const char *path)
{
    *out = calloc(1, sizeof **out);
    if (*out == NULL)
        return HR_ENOMEM;
    if (path == NULL)
        return 0;
    (*out)->file = fopen(path, "w");
    if ((*out)->file == NULL) {
        free(*out);
        *out = NULL;
        return HR_EIO;
    }
    fputs("record,location,field,reason\n", (*out)->file);
    return 0;
}

/* Writes one CSV field, quoted, with inner quotes doubled and line breaks as spaces. */
static void csv_field(FILE *f, const char *s)
{
    fputc('"', f);
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
    }
    fputc('"', f);
}

static void tally(hr_reject_log *log, const hr_reject *why)
{
    char key[200];
    int len = (int)strcspn(why->reason, "\"0123456789");
    while (len > 0 && (why->reason[len - 1] == ' ' || why->reason[len - 1] == ':'))
        len--;
    snprintf(key, sizeof key, "%s: %.*s", why->field, len, why->reason);
    for (size_t i = 0; i < log->kinds; i++) {
        if (strcmp(log->tally[i].key, key) == 0) {
            log->tally[i].count++;
            return;
        }
    }
    if (log->kinds == TALLY_MAX) {
        log->other++;
        return;
    }
    snprintf(log->tally[log->kinds].key, sizeof log->tally[0].key, "%s", key);
    log->tally[log->kinds++].count = 1;
}

int hr_reject_log_add(hr_reject_log *log, long index, const char *location, const hr_reject *why)
{
    tally(log, why);
    if (log->file == NULL)
        return 0;
    fprintf(log->file, "%ld,", index + 1);
    csv_field(log->file, location);
    fputc(',', log->file);
    csv_field(log->file, why->field);
    fputc(',', log->file);
    csv_field(log->file, why->reason);
    fputc('\n', log->file);
    if (ferror(log->file))
        log->failed = 1;
    return log->failed ? HR_EIO : 0;
}

static int by_count(const void *a, const void *b)
{
    long x = ((const tally_entry *)a)->count, y = ((const tally_entry *)b)->count;
    return (x < y) - (x > y);
}

void hr_reject_log_summary(const hr_reject_log *log, FILE *out, int top)
{
    tally_entry sorted[TALLY_MAX];
    memcpy(sorted, log->tally, log->kinds * sizeof sorted[0]);
    qsort(sorted, log->kinds, sizeof sorted[0], by_count);
    for (size_t i = 0; i < log->kinds && (int)i < top; i++)
        fprintf(out, "  %7ld  %s\n", sorted[i].count, sorted[i].key);
    if (log->kinds > (size_t)top || log->other > 0)
        fprintf(out, "  (and other reasons)\n");
}

int hr_reject_log_close(hr_reject_log *log)
{
    if (log == NULL)
        return 0;
    int rc = log->failed ? HR_EIO : 0;
    if (log->file != NULL && fclose(log->file) != 0)
        rc = HR_EIO;
    free(log);
    return rc;
}
