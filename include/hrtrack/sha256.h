/*
 * SHA-256 digests as lower-case hex, used to fingerprint migration files and
 * imported files so that a changed file is noticed.
 */
#ifndef HRTRACK_SHA256_H
#define HRTRACK_SHA256_H

#include <stddef.h>

#define HR_SHA256_HEX_LEN 64

/* Writes the hex digest of bytes[0..len) and a NUL to `hex` (65 bytes). */
void hr_sha256_hex(char hex[HR_SHA256_HEX_LEN + 1], const void *bytes, size_t len);

#endif
