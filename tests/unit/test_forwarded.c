/*
 * The client address and scheme behind a reverse proxy (server/http/forwarded.h):
 * headers believed only from trusted proxies, the right-most untrusted
 * X-Forwarded-For entry, CIDR ranges, IPv4-mapped IPv6 peers, garbage.
 */
#include "forwarded.h"

#include "hrtrack/error.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static const char *client(const char *peer, const char *xff, const char *trusted_spec)
{
    static char out[64];
    hr_proxy_list trusted;
    assert_int_equal(hr_proxy_list_parse(&trusted, trusted_spec), 0);
    hr_forwarded_client(out, sizeof out, peer, xff, &trusted);
    return out;
}

static void test_parse(void **state)
{
    (void)state;
    hr_proxy_list l;
    assert_int_equal(hr_proxy_list_parse(&l, "127.0.0.1, ::1,10.0.0.0/8 ,fd00::/8"), 0);
    assert_int_equal(l.count, 4);
    assert_int_equal(hr_proxy_list_parse(&l, ""), 0);
    assert_int_equal(l.count, 0);
    assert_int_equal(hr_proxy_list_parse(&l, " , "), 0);
    assert_int_equal(l.count, 0);
    assert_int_equal(hr_proxy_list_parse(&l, "localhost"), HR_EPARAM);
    assert_int_equal(hr_proxy_list_parse(&l, "10.0.0.0/33"), HR_EPARAM);
    assert_int_equal(hr_proxy_list_parse(&l, "10.0.0.0/"), HR_EPARAM);
    assert_int_equal(hr_proxy_list_parse(&l, "10.0.0.0/8x"), HR_EPARAM);
    assert_int_equal(hr_proxy_list_parse(&l, "1.2.3.4;5.6.7.8"), HR_EPARAM);
    char many[512] = "";
    for (int i = 0; i < HR_PROXY_MAX + 1; i++)
        strcat(many, "10.0.0.1,");
    assert_int_equal(hr_proxy_list_parse(&l, many), HR_EPARAM);
}

static void test_contains(void **state)
{
    (void)state;
    hr_proxy_list l;
    assert_int_equal(hr_proxy_list_parse(&l, "10.1.0.0/16, 192.168.1.7, 2001:db8::/32"), 0);
    assert_true(hr_proxy_list_contains(&l, "10.1.200.3"));
    assert_false(hr_proxy_list_contains(&l, "10.2.0.1"));
    assert_true(hr_proxy_list_contains(&l, "192.168.1.7"));
    assert_false(hr_proxy_list_contains(&l, "192.168.1.8"));
    assert_true(hr_proxy_list_contains(&l, "2001:db8::42"));
    assert_false(hr_proxy_list_contains(&l, "2001:db9::42"));
    assert_true(hr_proxy_list_contains(&l, "::ffff:192.168.1.7"));
    assert_false(hr_proxy_list_contains(&l, "not an address"));
    assert_false(hr_proxy_list_contains(&l, NULL));
    assert_int_equal(hr_proxy_list_parse(&l, "172.16.0.0/12"), 0);
    assert_true(hr_proxy_list_contains(&l, "172.31.255.255"));
    assert_false(hr_proxy_list_contains(&l, "172.32.0.0"));
}

static void test_client(void **state)
{
    (void)state;
    /* No proxy in the way: the peer, whatever the headers claim. */
    assert_string_equal(client("198.51.100.4", "203.0.113.9", "127.0.0.1"), "198.51.100.4");
    assert_string_equal(client("198.51.100.4", "203.0.113.9", ""), "198.51.100.4");
    /* One trusted proxy: the address it appended. */
    assert_string_equal(client("127.0.0.1", "203.0.113.9", "127.0.0.1"), "203.0.113.9");
    /* A client that forges the header only prepends: the proxy's entry wins. */
    assert_string_equal(client("127.0.0.1", "1.1.1.1, 203.0.113.9", "127.0.0.1"), "203.0.113.9");
    /* Two trusted hops. */
    assert_string_equal(client("127.0.0.1", "203.0.113.9, 10.0.0.5", "127.0.0.1, 10.0.0.0/8"),
                        "203.0.113.9");
    /* Every entry trusted: the left-most. */
    assert_string_equal(client("127.0.0.1", "10.0.0.9, 10.0.0.5", "127.0.0.1, 10.0.0.0/8"),
                        "10.0.0.9");
    /* Garbage stops the walk at the last good address. */
    assert_string_equal(client("127.0.0.1", "<script>, 203.0.113.9", "127.0.0.1"), "203.0.113.9");
    assert_string_equal(client("127.0.0.1", "unknown", "127.0.0.1"), "127.0.0.1");
    assert_string_equal(client("127.0.0.1", "", "127.0.0.1"), "127.0.0.1");
    assert_string_equal(client("127.0.0.1", "2001:db8::1", "127.0.0.1"), "2001:db8::1");
    assert_string_equal(client("::1", " 203.0.113.9 ", "::1"), "203.0.113.9");
    char big[300];
    memset(big, '1', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_string_equal(client("127.0.0.1", big, "127.0.0.1"), "127.0.0.1");
}

static void test_https(void **state)
{
    (void)state;
    hr_proxy_list l;
    assert_int_equal(hr_proxy_list_parse(&l, "127.0.0.1"), 0);
    assert_true(hr_forwarded_https("127.0.0.1", "https", &l));
    assert_true(hr_forwarded_https("127.0.0.1", "HTTPS", &l));
    assert_false(hr_forwarded_https("127.0.0.1", "http", &l));
    assert_false(hr_forwarded_https("127.0.0.1", NULL, &l));
    assert_false(hr_forwarded_https("198.51.100.4", "https", &l));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_contains),
        cmocka_unit_test(test_client),
        cmocka_unit_test(test_https),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
