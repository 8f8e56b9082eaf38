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

/* Incremental hashing, for data that comes in pieces. */
typedef struct hr_sha256 {
    unsigned char opaque[128] __attribute__((aligned(16)));
} hr_sha256;

/* Starts a digest. */
void hr_sha256_init(hr_sha256 *state);

/* Adds bytes[0..len). */
void hr_sha256_update(hr_sha256 *state, const void *bytes, size_t len);

/* Writes the hex digest of everything added, and a NUL, to `hex`. */
void hr_sha256_final(hr_sha256 *state, char hex[HR_SHA256_HEX_LEN + 1]);

#endif
