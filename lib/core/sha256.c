/* SHA-256 through libsodium, which hrtrack also uses for password hashing. */
#include "hrtrack/sha256.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_start(void)
{
    /* sodium_init only fails when the system has no entropy source at all. */
    if (sodium_init() < 0)
        abort();
}

void hr_sha256_hex(char hex[HR_SHA256_HEX_LEN + 1], const void *bytes, size_t len)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    pthread_once(&sodium_once, sodium_start);
    crypto_hash_sha256(digest, bytes, len);
    sodium_bin2hex(hex, HR_SHA256_HEX_LEN + 1, digest, sizeof digest);
}

_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(hr_sha256),
               "hr_sha256 must hold libsodium's state");

void hr_sha256_init(hr_sha256 *state)
{
    pthread_once(&sodium_once, sodium_start);
    crypto_hash_sha256_init((crypto_hash_sha256_state *)(void *)state->opaque);
}

void hr_sha256_update(hr_sha256 *state, const void *bytes, size_t len)
{
    crypto_hash_sha256_update((crypto_hash_sha256_state *)(void *)state->opaque, bytes, len);
}

void hr_sha256_final(hr_sha256 *state, char hex[HR_SHA256_HEX_LEN + 1])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final((crypto_hash_sha256_state *)(void *)state->opaque, digest);
    sodium_bin2hex(hex, HR_SHA256_HEX_LEN + 1, digest, sizeof digest);
}
