/*
 * Random tokens for sessions, password resets and request ids, and the
 * CSRF token derived from a session token.
 *
 * A token is 32 random bytes written in base64url (43 characters). The
 * database stores only its SHA-256, so that reading the session table
 * does not let anyone sign in. The CSRF token is a keyed hash of the
 * session token: the server recomputes it instead of storing it, and a
 * page of another site, which cannot read the HttpOnly session cookie,
 * cannot compute it.
 */
#ifndef HRTRACK_TOKEN_H
#define HRTRACK_TOKEN_H

#include <stddef.h>

#define HR_TOKEN_CHARS      43
#define HR_TOKEN_HASH_BYTES 32
#define HR_REQUEST_ID_CHARS 16

/* Writes a new random token into `out` (HR_TOKEN_CHARS + 1 bytes). */
void hr_token_new(char out[HR_TOKEN_CHARS + 1]);

/*
 * Whether `token` has the shape of a token (43 base64url characters).
 * Returns 0 or HR_EINVAL; a cookie of any other shape is ignored unread.
 */
int hr_token_check(const char *token);

/* The SHA-256 of `token`'s text, as stored in the database. */
void hr_token_hash(unsigned char out[HR_TOKEN_HASH_BYTES], const char *token);

/* The CSRF token that goes with the session token `session_token`. */
void hr_token_csrf(char out[HR_TOKEN_CHARS + 1], const char *session_token);

/* Compares two tokens in constant time. Returns 1 when equal (and not NULL). */
int hr_token_equal(const char *a, const char *b);

/* Writes a random request id (16 hex digits) into `out`. */
void hr_request_id_new(char out[HR_REQUEST_ID_CHARS + 1]);

#endif
