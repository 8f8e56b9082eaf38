/*
 * Reading one member of a ZIP archive in memory, for the tests that check
 * an XLSX export really opens: the central directory is read, the member
 * found by name and inflated with zlib.
 */
#ifndef HRTRACK_TESTS_ZIP_READ_H
#define HRTRACK_TESTS_ZIP_READ_H

#include <stddef.h>

/*
 * Finds `name` in the archive zip[0..len) and returns its contents
 * (malloc'd, NUL-terminated, length in *out_len), or NULL when the archive
 * is malformed or has no such member.
 */
char *zip_read_member(const unsigned char *zip, size_t len, const char *name, size_t *out_len);

#endif
