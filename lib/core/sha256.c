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
