/*
 * An input file as the readers see it: a FILE* that counts the bytes read
 * (for progress) and computes the file's SHA-256 on the way (recorded with
 * the import run), so that the file is read only once.
 */
#ifndef HRTRACK_IMPORTER_SOURCE_H
#define HRTRACK_IMPORTER_SOURCE_H

#include <stdint.h>
#include <stdio.h>

#include "hrtrack/sha256.h"

typedef struct hr_source hr_source;

/* Opens `path` ("-" is not accepted: imports need a named file). Returns 0 or HR_EIO (logged). */
int hr_source_open(hr_source **out, const char *path);

/* The stream to read from; owned by the source. */
FILE *hr_source_file(hr_source *source);

/* Bytes read so far, and the file's size (0 when unknown). */
uint64_t hr_source_read_bytes(const hr_source *source);
uint64_t hr_source_size(const hr_source *source);

/* Whether a read failed (as opposed to reaching the end). */
int hr_source_failed(const hr_source *source);

/*
 * Reads what is left (so that the digest covers the whole file) and writes
 * the hex SHA-256. Returns 0 or HR_EIO.
 */
int hr_source_finish(hr_source *source, char hex[HR_SHA256_HEX_LEN + 1]);

/* Closes. NULL is fine. */
void hr_source_close(hr_source *source);

#endif
