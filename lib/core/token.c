/*
 * Random tokens, their hashes and the derived CSRF token (see token.h).
 */
#include "hrtrack/token.h"

#include "hrtrack/error.h"

#include "hrtrack/log.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/*
 * sodium_init fails only without a source of randomness: a server that
 * cannot make unguessable session tokens must not go on.
 */
static void ensure_sodium(void)
{
    if (sodium_init() < 0) {
        hr_log_error("libsodium cannot start (no source of randomness): stopping");
        abort();
    }
}

static void random_bytes(unsigned char *out, size_t n)
{
    ensure_sodium();
    randombytes_buf(out, n);
}

void hr_token_new(char out[HR_TOKEN_CHARS + 1])
{
    unsigned char raw[32];
    random_bytes(raw, sizeof raw);
    sodium_bin2base64(out, HR_TOKEN_CHARS + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

int hr_token_check(const char *token)
{
    if (token == NULL || strlen(token) != HR_TOKEN_CHARS)
        return HR_EINVAL;
    for (size_t i = 0; i < HR_TOKEN_CHARS; i++) {
        char c = token[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_';
        if (!ok)
            return HR_EINVAL;
    }
    return 0;
}

void hr_token_hash(unsigned char out[HR_TOKEN_HASH_BYTES], const char *token)
{
    ensure_sodium();
    crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

void hr_token_csrf(char out[HR_TOKEN_CHARS + 1], const char *session_token)
{
    static const char purpose[] = "hrtrack csrf v1";
    unsigned char mac[32];
    ensure_sodium();
    /* Fails only for a key outside 16..64 bytes; a token has 43. */
    if (crypto_generichash(mac, sizeof mac, (const unsigned char *)purpose, sizeof purpose - 1,
                           (const unsigned char *)session_token, strlen(session_token)) != 0)
        randombytes_buf(mac, sizeof mac); /* a value nobody can match */
    sodium_bin2base64(out, HR_TOKEN_CHARS + 1, mac, sizeof mac,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int hr_token_equal(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return 0;
    size_t len = strlen(a);
    if (len != strlen(b))
        return 0;
    return sodium_memcmp(a, b, len) == 0;
}

void hr_request_id_new(char out[HR_REQUEST_ID_CHARS + 1])
{
    unsigned char raw[HR_REQUEST_ID_CHARS / 2];
    random_bytes(raw, sizeof raw);
    sodium_bin2hex(out, HR_REQUEST_ID_CHARS + 1, raw, sizeof raw);
}
