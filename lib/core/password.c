/*
 * Password hashing with argon2id (see password.h).
 *
 * The cost is libsodium's "interactive" level (2 passes over 64 MiB): about
 * 0.1 s on this project's 2-core machines, slow for an attacker with a copy
 * of the table, fast enough for a person signing in.
 */
#include "hrtrack/password.h"

#include "hrtrack/error.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[HR_PASSWORD_HASH_SIZE];

static int hash_with(char out[HR_PASSWORD_HASH_SIZE], const char *password)
{
    if (sodium_init() < 0)
        return HR_EINTERNAL;
    if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return HR_ENOMEM;
    return 0;
}

/* A hash of a random password nobody knows, made once per process. */
static void make_dummy_hash(void)
{
    char password[33];
    if (hr_password_generate(password, 32) != 0 || hash_with(dummy_hash, password) != 0)
        dummy_hash[0] = '\0';
}

/* Decodes one UTF-8 sequence; returns its length, or 0 when it is not valid UTF-8. */
static size_t utf8_decode(uint32_t *cp, const unsigned char *s, size_t left)
{
    size_t n = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (n == 0 || n > left)
        return 0;
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    uint32_t v = n == 1 ? s[0] : (uint32_t)(s[0] & (0x7F >> n));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values beyond Unicode are not UTF-8. */
    if (v < min[n] || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
        return 0;
    *cp = v;
    return n;
}

int hr_password_check_policy(const char *password)
{
    size_t bytes = password ? strlen(password) : 0;
    if (bytes > HR_PASSWORD_MAX_BYTES)
        return HR_EUNPROCESSABLE;
    size_t chars = 0;
    for (size_t i = 0; i < bytes; chars++) {
        uint32_t cp = 0;
        size_t n = utf8_decode(&cp, (const unsigned char *)password + i, bytes - i);
        /* C0 and C1 controls and DEL cannot be typed and hide in copies. */
        if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
            return HR_EUNPROCESSABLE;
        i += n;
    }
    return chars >= HR_PASSWORD_MIN_CHARS ? 0 : HR_EUNPROCESSABLE;
}

int hr_password_hash(char out[HR_PASSWORD_HASH_SIZE], const char *password)
{
    return hash_with(out, password);
}

int hr_password_verify(const char *hash, const char *password)
{
    if (sodium_init() < 0 || password == NULL)
        return HR_EUNAUTHENTICATED;
    size_t len = strnlen(password, HR_PASSWORD_MAX_BYTES + 1);
    if (hash == NULL || hash[0] == '\0') {
        pthread_once(&dummy_once, make_dummy_hash);
        /* The answer is "no" whatever the dummy check says. */
        if (crypto_pwhash_str_verify(dummy_hash, password, len) == 0)
            return HR_EUNAUTHENTICATED;
        return HR_EUNAUTHENTICATED;
    }
    return crypto_pwhash_str_verify(hash, password, len) == 0 ? 0 : HR_EUNAUTHENTICATED;
}

int hr_password_generate(char *out, size_t chars)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    if (chars < 12 || chars > 63 || sodium_init() < 0)
        return HR_EINVAL;
    for (size_t i = 0; i < chars; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
    out[chars] = '\0';
    return 0;
}
