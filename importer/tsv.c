/* Tab-separated reference files (see tsv.h). Lines are bounded at 64 KiB. */
#include "tsv.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TSV_LINE_MAX (64 * 1024)

/* Splits `line` in place at tabs. Returns the number of fields, or -1 if too many. */
static int split(char **fields, char *line)
{
    int n = 0;
    for (char *p = line;; p++) {
        if (n == HR_TSV_MAX_FIELDS)
            return -1;
        fields[n++] = p;
        p = strchr(p, '\t');
        if (p == NULL)
            return n;
        *p = '\0';
    }
}

static int check_header(char **fields, int n, const char *const *columns, size_t ncolumns,
                        const char *path)
{
    int ok = (size_t)n == ncolumns;
    for (size_t i = 0; ok && i < ncolumns; i++)
        ok = strcmp(fields[i], columns[i]) == 0;
    if (!ok) {
        hr_log_error("%s:1: the header must be the %zu columns starting \"%s\"", path, ncolumns,
                     columns[0]);
        return HR_EPARSE;
    }
    return 0;
}

static int read_lines(FILE *f, const char *path, const char *const *columns, size_t ncolumns,
                      hr_tsv_row fn, void *ctx)
{
    char *line = malloc(TSV_LINE_MAX);
    char *fields[HR_TSV_MAX_FIELDS];
    if (line == NULL)
        return HR_ENOMEM;
    size_t number = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, TSV_LINE_MAX, f) != NULL) {
        number++;
        size_t len = strlen(line);
        if (len == TSV_LINE_MAX - 1 && line[len - 1] != '\n') {
            hr_log_error("%s:%zu: line longer than %d bytes", path, number, TSV_LINE_MAX);
            rc = HR_ELIMIT;
            break;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!hr_text_is_utf8(line, len)) {
            hr_log_error("%s:%zu: not valid UTF-8", path, number);
            rc = HR_EPARSE;
            break;
        }
        if (len == 0 && number > 1)
            continue;
        int n = split(fields, line);
        if (number == 1) {
            rc = check_header(fields, n, columns, ncolumns, path);
        } else if ((size_t)n != ncolumns) {
            hr_log_error("%s:%zu: %d fields where %zu are expected", path, number, n, ncolumns);
            rc = HR_EPARSE;
        } else {
            rc = fn(ctx, fields, number);
        }
    }
    if (rc == 0 && ferror(f))
        rc = HR_EIO;
    free(line);
    if (rc == 0 && number == 0) {
        hr_log_error("%s: empty file", path);
        rc = HR_EPARSE;
    }
    return rc;
}

int hr_tsv_read(const char *path, const char *const *columns, size_t ncolumns, hr_tsv_row fn,
                void *ctx)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        hr_log_error("%s: cannot read", path);
        return HR_EIO;
    }
    int rc = read_lines(f, path, columns, ncolumns, fn, ctx);
    fclose(f);
    return rc;
}
