/* Route matching: literals, parameters, 404 against 405 with Allow. */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "router.h"

#include <string.h>

static void handler_a(hr_request *req, hr_reply *reply)
{
    (void)req;
    (void)reply;
}

static void handler_b(hr_request *req, hr_reply *reply)
{
    (void)req;
    (void)reply;
}

static const hr_route routes[] = {
    {HR_METHOD_GET, "/api/v1/sdg/goals", handler_a, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/sdg/goals/{goal}", handler_b, HR_ACCESS_PUBLIC},
    {HR_METHOD_POST, "/api/v1/items", handler_a, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/items", handler_b, HR_ACCESS_PUBLIC},
    {HR_METHOD_DELETE, "/api/v1/items/{id}/notes/{note}", handler_a, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/documents/{symbol*}", handler_b, HR_ACCESS_PUBLIC},
};
#define ROUTE_COUNT (sizeof routes / sizeof routes[0])

static void test_literal_and_parameter(void **state)
{
    (void)state;
    hr_route_match m;
    assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_GET, "/api/v1/sdg/goals"), 0);
    assert_ptr_equal(m.route, &routes[0]);
    assert_int_equal(m.param_count, 0);
    assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_GET, "/api/v1/sdg/goals/16"),
                     0);
    assert_ptr_equal(m.route, &routes[1]);
    assert_int_equal(m.param_count, 1);
    assert_string_equal(m.params[0].name, "goal");
    assert_string_equal(m.params[0].value, "16");
}

static void test_two_parameters(void **state)
{
    (void)state;
    hr_route_match m;
    assert_int_equal(
        hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_DELETE, "/api/v1/items/42/notes/x%20y"),
        0);
    assert_int_equal(m.param_count, 2);
    assert_string_equal(m.params[0].name, "id");
    assert_string_equal(m.params[0].value, "42");
    assert_string_equal(m.params[1].name, "note");
    assert_string_equal(m.params[1].value, "x%20y");
}

static void test_rest_of_path(void **state)
{
    (void)state;
    hr_route_match m;
    assert_int_equal(
        hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_GET, "/api/v1/documents/A/HRC/17/18"), 0);
    assert_string_equal(m.params[0].name, "symbol");
    assert_string_equal(m.params[0].value, "A/HRC/17/18");
    assert_int_equal(
        hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_GET, "/api/v1/documents/CCPR/C/PRY/CO/4"),
        0);
    assert_string_equal(m.params[0].value, "CCPR/C/PRY/CO/4");
    assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_GET, "/api/v1/documents/"),
                     HR_ENOTFOUND);
}

static void test_not_found(void **state)
{
    (void)state;
    hr_route_match m;
    const char *paths[] = {"/",
                           "",
                           "/api/v1/sdg",
                           "/api/v1/sdg/goals/",
                           "/api/v1/sdg/goals/16/targets",
                           "/api/v1/sdg/goalsX",
                           "/api/v1/sdg//goals",
                           "/api/v1/items/42/notes/"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_GET, paths[i]),
                         HR_ENOTFOUND);
}

static void test_method_not_allowed_lists_allow(void **state)
{
    (void)state;
    hr_route_match m;
    assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_PUT, "/api/v1/items"),
                     HR_EMETHOD);
    assert_string_equal(m.allow, "POST, GET, HEAD");
    assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_POST, "/api/v1/sdg/goals"),
                     HR_EMETHOD);
    assert_string_equal(m.allow, "GET, HEAD");
    /* A method no route has (0) still tells 405 from 404. */
    assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, 0, "/api/v1/sdg/goals/3"), HR_EMETHOD);
    assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, 0, "/nowhere"), HR_ENOTFOUND);
}

static void test_method_names(void **state)
{
    (void)state;
    hr_method m;
    assert_int_equal(hr_method_parse(&m, "GET"), 0);
    assert_int_equal(m, HR_METHOD_GET);
    assert_int_equal(hr_method_parse(&m, "HEAD"), 0);
    assert_int_equal(m, HR_METHOD_GET);
    assert_int_equal(hr_method_parse(&m, "DELETE"), 0);
    assert_int_equal(m, HR_METHOD_DELETE);
    assert_int_equal(hr_method_parse(&m, "get"), HR_EMETHOD);
    assert_int_equal(hr_method_parse(&m, "OPTIONS"), HR_EMETHOD);
}

static void test_overlong_segment(void **state)
{
    (void)state;
    char path[HR_ROUTE_SEGMENT_MAX + 64];
    strcpy(path, "/api/v1/sdg/goals/");
    size_t used = strlen(path);
    memset(path + used, '7', HR_ROUTE_SEGMENT_MAX);
    path[used + HR_ROUTE_SEGMENT_MAX] = '\0';
    hr_route_match m;
    assert_int_equal(hr_route_find(&m, routes, ROUTE_COUNT, HR_METHOD_GET, path), HR_EURITOOLONG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_and_parameter),
        cmocka_unit_test(test_two_parameters),
        cmocka_unit_test(test_rest_of_path),
        cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_method_not_allowed_lists_allow),
        cmocka_unit_test(test_method_names),
        cmocka_unit_test(test_overlong_segment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
