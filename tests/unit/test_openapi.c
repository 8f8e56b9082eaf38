/*
 * Every routed path and method is described in docs/openapi.yaml, and the
 * document describes no path that is not routed.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "router.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

static yaml_document_t doc;

static yaml_node_t *map_get(yaml_node_t *map, const char *key)
{
    if (map == NULL || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(&doc, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(&doc, p->value);
    }
    return NULL;
}

static const char *method_key(hr_method m)
{
    switch (m) {
    case HR_METHOD_GET:
        return "get";
    case HR_METHOD_POST:
        return "post";
    case HR_METHOD_PUT:
        return "put";
    case HR_METHOD_PATCH:
        return "patch";
    case HR_METHOD_DELETE:
        return "delete";
    }
    return "?";
}

static int setup(void **state)
{
    (void)state;
    FILE *f = fopen(HRTRACK_TEST_OPENAPI, "rb");
    if (f == NULL)
        return -1;
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    int ok = yaml_parser_load(&parser, &doc);
    yaml_parser_delete(&parser);
    fclose(f);
    return ok && yaml_document_get_root_node(&doc) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    yaml_document_delete(&doc);
    return 0;
}

static void test_every_route_is_documented(void **state)
{
    (void)state;
    yaml_node_t *paths = map_get(yaml_document_get_root_node(&doc), "paths");
    assert_non_null(paths);
    for (size_t i = 0; i < hr_route_count; i++) {
        yaml_node_t *path = map_get(paths, hr_routes[i].pattern);
        if (path == NULL)
            fail_msg("%s is routed but missing from docs/openapi.yaml", hr_routes[i].pattern);
        if (map_get(path, method_key(hr_routes[i].method)) == NULL)
            fail_msg("%s %s is routed but not documented", method_key(hr_routes[i].method),
                     hr_routes[i].pattern);
    }
}

static void test_no_documented_path_is_unrouted(void **state)
{
    (void)state;
    yaml_node_t *paths = map_get(yaml_document_get_root_node(&doc), "paths");
    assert_non_null(paths);
    for (yaml_node_pair_t *p = paths->data.mapping.pairs.start; p < paths->data.mapping.pairs.top;
         p++) {
        const char *documented =
            (const char *)yaml_document_get_node(&doc, p->key)->data.scalar.value;
        int routed = 0;
        for (size_t i = 0; i < hr_route_count; i++)
            routed |= strcmp(hr_routes[i].pattern, documented) == 0;
        if (!routed)
            fail_msg("docs/openapi.yaml documents %s, which is not routed", documented);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_is_documented),
        cmocka_unit_test(test_no_documented_path_is_unrouted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
