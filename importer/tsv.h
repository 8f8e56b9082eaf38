/*
 * Reader for the tab-separated reference files in data/reference/: UTF-8,
 * a header line that must match exactly, one record per line, no quoting.
 */
#ifndef HRTRACK_IMPORTER_TSV_H
#define HRTRACK_IMPORTER_TSV_H

#include <stddef.h>

#define HR_TSV_MAX_FIELDS 16

/* Called once per record with its fields and 1-based line number. Non-zero stops. */
typedef int (*hr_tsv_row)(void *ctx, char **fields, size_t line);

/*
 * Reads `path`, checks that its header is exactly `columns` (count
 * `ncolumns`), and calls `fn` for every other non-empty line. A line with
 * another number of fields, or that is not UTF-8, is an error naming the
 * file and line. Returns 0, the callback's error, HR_EIO, HR_ELIMIT or
 * HR_EPARSE.
 */
int hr_tsv_read(const char *path, const char *const *columns, size_t ncolumns, hr_tsv_row fn,
                void *ctx);

#endif
