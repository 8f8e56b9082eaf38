/*
 * Passwords and tokens (lib/core/password.c, lib/core/token.c): argon2id
 * hashes that verify the right password only, the password policy at its
 * edges, generated passwords, session tokens and the CSRF token derived
 * from them. No database.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/password.h"
#include "hrtrack/token.h"

#include <stdio.h>
#include <string.h>

static const char base64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void test_hash_and_verify(void **state)
{
    (void)state;
    char hash[HR_PASSWORD_HASH_SIZE];
    assert_int_equal(hr_password_hash(hash, "correct horse battery staple"), 0);
    assert_true(strncmp(hash, "$argon2id$", 10) == 0);
    assert_true(strlen(hash) < HR_PASSWORD_HASH_SIZE);
    assert_int_equal(hr_password_verify(hash, "correct horse battery staple"), 0);
    assert_int_equal(hr_password_verify(hash, "correct horse battery stapl"), HR_EUNAUTHENTICATED);
    assert_int_equal(hr_password_verify(hash, "Correct horse battery staple"), HR_EUNAUTHENTICATED);
    assert_int_equal(hr_password_verify(hash, ""), HR_EUNAUTHENTICATED);
    assert_int_equal(hr_password_verify(hash, NULL), HR_EUNAUTHENTICATED);

    /* Salted: the same password never hashes to the same string twice. */
    char again[HR_PASSWORD_HASH_SIZE];
    assert_int_equal(hr_password_hash(again, "correct horse battery staple"), 0);
    assert_string_not_equal(hash, again);
    assert_int_equal(hr_password_verify(again, "correct horse battery staple"), 0);
}

static void test_non_ascii_password(void **state)
{
    (void)state;
    const char password[] = "contrase\xc3\xb1"
                            "a segura \xe2\x82\xac";
    char hash[HR_PASSWORD_HASH_SIZE];
    assert_int_equal(hr_password_hash(hash, password), 0);
    assert_int_equal(hr_password_verify(hash, password), 0);
    /* The same letters without the accent are another password. */
    assert_int_equal(hr_password_verify(hash, "contrasena segura \xe2\x82\xac"),
                     HR_EUNAUTHENTICATED);
}

static void test_missing_or_broken_hash_is_refused(void **state)
{
    (void)state;
    /* NULL and "" are checked against the dummy hash and always refused. */
    assert_int_equal(hr_password_verify(NULL, "correct horse battery staple"), HR_EUNAUTHENTICATED);
    assert_int_equal(hr_password_verify("", "correct horse battery staple"), HR_EUNAUTHENTICATED);
    assert_int_equal(hr_password_verify(NULL, ""), HR_EUNAUTHENTICATED);
    assert_int_equal(hr_password_verify("not a hash", "not a hash"), HR_EUNAUTHENTICATED);
    assert_int_equal(hr_password_verify("$argon2id$", "x"), HR_EUNAUTHENTICATED);
}

/* A string of `n` copies of `c`. */
static void fill(char *out, char c, size_t n)
{
    memset(out, c, n);
    out[n] = '\0';
}

static void test_policy_lengths(void **state)
{
    (void)state;
    char text[HR_PASSWORD_MAX_BYTES + 2];
    fill(text, 'a', 11);
    assert_int_equal(hr_password_check_policy(text), HR_EUNPROCESSABLE);
    fill(text, 'a', 12);
    assert_int_equal(hr_password_check_policy(text), 0);
    fill(text, 'a', HR_PASSWORD_MAX_BYTES);
    assert_int_equal(hr_password_check_policy(text), 0);
    fill(text, 'a', HR_PASSWORD_MAX_BYTES + 1);
    assert_int_equal(hr_password_check_policy(text), HR_EUNPROCESSABLE);
    assert_int_equal(hr_password_check_policy(""), HR_EUNPROCESSABLE);
    assert_int_equal(hr_password_check_policy(NULL), HR_EUNPROCESSABLE);
}

/* `n` copies of the two-byte character "é" (U+00E9). */
static void fill_accents(char *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        memcpy(out + 2 * i, "\xc3\xa9", 2);
    out[2 * n] = '\0';
}

static void test_policy_counts_characters_not_bytes(void **state)
{
    (void)state;
    char text[300];
    /* Eleven characters in 22 bytes: too short. Twelve: fine. */
    fill_accents(text, 11);
    assert_int_equal(hr_password_check_policy(text), HR_EUNPROCESSABLE);
    fill_accents(text, 12);
    assert_int_equal(hr_password_check_policy(text), 0);
    /* 128 two-byte characters are 256 bytes (allowed); 129 are 258 (refused). */
    fill_accents(text, 128);
    assert_int_equal(hr_password_check_policy(text), 0);
    fill_accents(text, 129);
    assert_int_equal(hr_password_check_policy(text), HR_EUNPROCESSABLE);
}

static void test_policy_refuses_control_characters(void **state)
{
    (void)state;
    const char *bad[] = {"twelve chars\n", "twelve\tchars!", "\x01twelve chars", "twelve chars\x7f",
                         "twelve\x1b[0mchars", "twelve chars\r",
                         /* C1 control U+0085, a lone continuation byte, an overlong "/",
                          * a surrogate: not characters anyone can type */
                         "twelve chars\xc2\x85", "twelve chars\x80", "twelve chars\xc0\xaf",
                         "twelve chars\xed\xa0\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (hr_password_check_policy(bad[i]) != HR_EUNPROCESSABLE)
            fail_msg("password %zu with a control character accepted", i);
    }
    /* Spaces and punctuation are fine. */
    assert_int_equal(hr_password_check_policy("  spaces ok !?  "), 0);
}

static void test_generated_passwords(void **state)
{
    (void)state;
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    char a[64], b[64];
    for (size_t chars = 12; chars <= 63; chars++) {
        memset(a, 'X', sizeof a);
        assert_int_equal(hr_password_generate(a, chars), 0);
        assert_int_equal(strlen(a), chars);
        assert_int_equal(strspn(a, alphabet), chars);
        assert_int_equal(hr_password_check_policy(a), 0);
    }
    /* No look-alikes, ever. */
    for (int i = 0; i < 50; i++) {
        assert_int_equal(hr_password_generate(a, 63), 0);
        assert_null(strpbrk(a, "0O1lI"));
    }
    assert_int_equal(hr_password_generate(a, 32), 0);
    assert_int_equal(hr_password_generate(b, 32), 0);
    assert_string_not_equal(a, b);
    assert_int_equal(hr_password_generate(a, 11), HR_EINVAL);
    assert_int_equal(hr_password_generate(a, 64), HR_EINVAL);
    assert_int_equal(hr_password_generate(a, 0), HR_EINVAL);
}

static void test_tokens_are_base64url_and_unique(void **state)
{
    (void)state;
    enum { COUNT = 200 };
    static char tokens[COUNT][HR_TOKEN_CHARS + 1];
    for (int i = 0; i < COUNT; i++) {
        hr_token_new(tokens[i]);
        assert_int_equal(strlen(tokens[i]), HR_TOKEN_CHARS);
        assert_int_equal(strspn(tokens[i], base64url), HR_TOKEN_CHARS);
        assert_int_equal(hr_token_check(tokens[i]), 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(tokens[i], tokens[j]);
    }
}

static void test_token_check_shape(void **state)
{
    (void)state;
    char token[HR_TOKEN_CHARS + 2];
    fill(token, 'a', HR_TOKEN_CHARS);
    assert_int_equal(hr_token_check(token), 0);
    token[0] = '-';
    token[1] = '_';
    token[2] = 'Z';
    token[3] = '9';
    assert_int_equal(hr_token_check(token), 0);
    fill(token, 'a', HR_TOKEN_CHARS - 1);
    assert_int_equal(hr_token_check(token), HR_EINVAL);
    fill(token, 'a', HR_TOKEN_CHARS + 1);
    assert_int_equal(hr_token_check(token), HR_EINVAL);
    /* Standard base64, padding, separators and non-ASCII are not token characters. */
    const char odd[] = {'+', '/', '=', '.', ' ', ';', '%', '\x80'};
    for (size_t i = 0; i < sizeof odd; i++) {
        fill(token, 'a', HR_TOKEN_CHARS);
        token[HR_TOKEN_CHARS / 2] = odd[i];
        if (hr_token_check(token) != HR_EINVAL)
            fail_msg("a token with byte 0x%02x accepted", (unsigned char)odd[i]);
    }
    assert_int_equal(hr_token_check(""), HR_EINVAL);
    assert_int_equal(hr_token_check(NULL), HR_EINVAL);
}

static void test_token_hash(void **state)
{
    (void)state;
    /* SHA-256 of the token's text: "abc" is the FIPS 180-2 test vector. */
    static const unsigned char abc[HR_TOKEN_HASH_BYTES] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
        0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
        0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    unsigned char hash[HR_TOKEN_HASH_BYTES];
    hr_token_hash(hash, "abc");
    assert_memory_equal(hash, abc, sizeof abc);
    char token[HR_TOKEN_CHARS + 1];
    unsigned char first[HR_TOKEN_HASH_BYTES], second[HR_TOKEN_HASH_BYTES];
    hr_token_new(token);
    hr_token_hash(first, token);
    hr_token_hash(second, token);
    assert_memory_equal(first, second, sizeof first);
}

static void test_csrf_tokens(void **state)
{
    (void)state;
    char session[HR_TOKEN_CHARS + 1], other[HR_TOKEN_CHARS + 1];
    char csrf[HR_TOKEN_CHARS + 1], again[HR_TOKEN_CHARS + 1], csrf_other[HR_TOKEN_CHARS + 1];
    hr_token_new(session);
    hr_token_new(other);
    hr_token_csrf(csrf, session);
    hr_token_csrf(again, session);
    hr_token_csrf(csrf_other, other);
    /* Recomputed, never stored: the same session always gives the same token. */
    assert_string_equal(csrf, again);
    assert_int_equal(hr_token_check(csrf), 0);
    assert_string_not_equal(csrf, csrf_other);
    /* Neither the session token itself nor its SHA-256 is sent as CSRF token. */
    assert_string_not_equal(csrf, session);
    assert_true(hr_token_equal(csrf, again));
    assert_false(hr_token_equal(csrf, csrf_other));
    /* A one-character change of the session gives an unrelated CSRF token. */
    session[0] = session[0] == 'A' ? 'B' : 'A';
    hr_token_csrf(again, session);
    assert_string_not_equal(csrf, again);
}

static void test_token_equal(void **state)
{
    (void)state;
    char a[HR_TOKEN_CHARS + 1], b[HR_TOKEN_CHARS + 1];
    hr_token_new(a);
    memcpy(b, a, sizeof a);
    assert_true(hr_token_equal(a, b));
    b[HR_TOKEN_CHARS - 1] = b[HR_TOKEN_CHARS - 1] == 'x' ? 'y' : 'x';
    assert_false(hr_token_equal(a, b));
    /* A prefix is not equal, in either order. */
    memcpy(b, a, sizeof a);
    b[10] = '\0';
    assert_false(hr_token_equal(a, b));
    assert_false(hr_token_equal(b, a));
    assert_false(hr_token_equal(a, ""));
    assert_false(hr_token_equal(a, NULL));
    assert_false(hr_token_equal(NULL, a));
    assert_false(hr_token_equal(NULL, NULL));
}

static void test_request_ids(void **state)
{
    (void)state;
    char a[HR_REQUEST_ID_CHARS + 1], b[HR_REQUEST_ID_CHARS + 1];
    hr_request_id_new(a);
    hr_request_id_new(b);
    assert_int_equal(strlen(a), HR_REQUEST_ID_CHARS);
    assert_int_equal(strspn(a, "0123456789abcdef"), HR_REQUEST_ID_CHARS);
    assert_string_not_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_and_verify),
        cmocka_unit_test(test_non_ascii_password),
        cmocka_unit_test(test_missing_or_broken_hash_is_refused),
        cmocka_unit_test(test_policy_lengths),
        cmocka_unit_test(test_policy_counts_characters_not_bytes),
        cmocka_unit_test(test_policy_refuses_control_characters),
        cmocka_unit_test(test_generated_passwords),
        cmocka_unit_test(test_tokens_are_base64url_and_unique),
        cmocka_unit_test(test_token_check_shape),
        cmocka_unit_test(test_token_hash),
        cmocka_unit_test(test_csrf_tokens),
        cmocka_unit_test(test_token_equal),
        cmocka_unit_test(test_request_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
