/*
 * Passwords: hashed with argon2id (libsodium's crypto_pwhash), a
 * memory-hard function, so that a stolen copy of the user table is slow to
 * attack. Only the hash string is ever stored.
 */
#ifndef HRTRACK_PASSWORD_H
#define HRTRACK_PASSWORD_H

#include <stddef.h>

/* Room for a hash string (libsodium's crypto_pwhash_STRBYTES, 128). */
#define HR_PASSWORD_HASH_SIZE 128

#define HR_PASSWORD_MIN_CHARS 12
#define HR_PASSWORD_MAX_BYTES 256

/*
 * Whether `password` is acceptable as a new password: 12 characters or
 * more, at most 256 bytes, valid UTF-8 without control characters.
 * Returns 0 or HR_EUNPROCESSABLE.
 */
int hr_password_check_policy(const char *password);

/*
 * Hashes `password` into `out` (HR_PASSWORD_HASH_SIZE bytes, a string
 * starting "$argon2id$"). Returns 0, or HR_ENOMEM when the 64 MiB the hash
 * needs cannot be had.
 */
int hr_password_hash(char out[HR_PASSWORD_HASH_SIZE], const char *password);

/*
 * Checks `password` against `hash`. A NULL hash (unknown user, or no
 * password set) is checked against a fixed dummy hash, so that the answer
 * takes as long as for a real account. Returns 0 when it matches, else
 * HR_EUNAUTHENTICATED.
 */
int hr_password_verify(const char *hash, const char *password);

/*
 * Writes a random password of `chars` characters (12..63) from an
 * alphabet without look-alikes (no 0/O, 1/l/I) into `out` (chars + 1
 * bytes). Returns 0 or HR_EINVAL.
 */
int hr_password_generate(char *out, size_t chars);

#endif
