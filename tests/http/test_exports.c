/*
 * Exports of GET /api/v1/recommendations (format=csv|json|xlsx, or Accept):
 * the CSV has the same rows, in the same order, as the paged JSON list; the
 * JSON export as many objects as the list's total; the XLSX is a workbook
 * whose sheet holds every row; headers follow the request's language.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "csv.h"
#include "http_client.h"
#include "zip_read.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int port;

/* The ids of the whole list, following the pages. */
static size_t list_ids(long long *ids, size_t max, const char *filters)
{
    char url[512];
    size_t n = 0;
    snprintf(url, sizeof url, "/api/v1/recommendations?%s&limit=200", filters);
    for (int page = 0; page < 100; page++) {
        http_response r;
        assert_int_equal(http_get(&r, port, url, NULL), 0);
        assert_int_equal(r.status, 200);
        json_t *body = json_loads(r.body, 0, NULL);
        http_response_free(&r);
        json_t *items = json_object_get(body, "items");
        for (size_t i = 0; i < json_array_size(items) && n < max; i++)
            ids[n++] = json_integer_value(json_object_get(json_array_get(items, i), "id"));
        const char *next = json_string_value(json_object_get(body, "next_cursor"));
        if (next != NULL)
            snprintf(url, sizeof url, "/api/v1/recommendations?%s&limit=200&cursor=%s", filters,
                     next);
        json_decref(body);
        if (next == NULL)
            break;
    }
    return n;
}

static void test_csv_has_the_rows_of_the_list(void **state)
{
    (void)state;
    static long long expected[4096];
    size_t count = list_ids(expected, 4096, "state=PY");
    assert_true(count >= 129);
    http_response r;
    assert_int_equal(
        http_get(&r, port, "/api/v1/recommendations?state=PY&format=csv&lang=es", NULL), 0);
    assert_int_equal(r.status, 200);
    char type[64];
    assert_int_equal(http_header(&r, "Content-Type", type, sizeof type), 0);
    assert_string_equal(type, "text/csv; charset=utf-8");
    assert_int_equal(memcmp(r.body, "\xEF\xBB\xBF", 3), 0); /* BOM for spreadsheets */
    FILE *f = fmemopen(r.body, r.body_len, "rb");
    hr_csv *csv = NULL;
    assert_int_equal(hr_csv_open(&csv, f, HR_CSV_UTF8), 0);
    hr_csv_record rec;
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.count, 16);
    assert_string_equal(rec.fields[14], "Estado de implementación");
    assert_string_equal(rec.fields[15], "Recomendación");
    size_t rows = 0;
    while (hr_csv_next(csv, &rec) == 1) {
        assert_int_equal(rec.error, 0);
        assert_int_equal(rec.count, 16);
        assert_true(rows < count);
        assert_int_equal(strtoll(rec.fields[0], NULL, 10), expected[rows]);
        rows++;
    }
    assert_int_equal(rows, count);
    hr_csv_free(csv);
    fclose(f);
    http_response_free(&r);
}

static void test_json_export(void **state)
{
    (void)state;
    static long long expected[4096];
    size_t count = list_ids(expected, 4096, "mechanism=UPR");
    http_response r;
    assert_int_equal(http_get(&r, port, "/api/v1/recommendations?mechanism=UPR&format=json", NULL),
                     0);
    assert_int_equal(r.status, 200);
    json_t *all = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(all);
    assert_int_equal(json_array_size(all), count);
    json_t *first = json_array_get(all, 0);
    assert_int_equal(json_integer_value(json_object_get(first, "id")), expected[0]);
    assert_true(json_is_array(json_object_get(first, "states")));
    json_decref(all);
    http_response_free(&r);
}

static void test_xlsx_opens(void **state)
{
    (void)state;
    static long long expected[4096];
    size_t count = list_ids(expected, 4096, "state=ES");
    assert_true(count >= 137);
    http_response r;
    assert_int_equal(http_get(&r, port, "/api/v1/recommendations?state=ES&lang=fr",
                              "Accept: application/vnd.openxmlformats-officedocument."
                              "spreadsheetml.sheet\r\n"),
                     0);
    assert_int_equal(r.status, 200);
    size_t len = 0;
    char *sheet = zip_read_member((const unsigned char *)r.body, r.body_len,
                                  "xl/worksheets/sheet1.xml", &len);
    assert_non_null(sheet);
    char dimension[64];
    snprintf(dimension, sizeof dimension, "<dimension ref=\"A1:P%zu\"/>", count + 1);
    assert_non_null(strstr(sheet, dimension));
    assert_non_null(strstr(sheet, "Recommandation"));
    free(sheet);
    http_response_free(&r);
}

static void test_documents_export(void **state)
{
    (void)state;
    json_t *list = http_json(port, "/api/v1/documents?limit=200", 200);
    long long total = json_integer_value(json_object_get(list, "total"));
    const char *first = json_string_value(
        json_object_get(json_array_get(json_object_get(list, "items"), 0), "symbol"));
    http_response r;
    assert_int_equal(http_get(&r, port, "/api/v1/documents?format=json", NULL), 0);
    assert_int_equal(r.status, 200);
    json_t *all = json_loadb(r.body, r.body_len, 0, NULL);
    assert_int_equal(json_array_size(all), total);
    assert_string_equal(json_string_value(json_object_get(json_array_get(all, 0), "symbol")),
                        first);
    assert_true(json_is_integer(json_object_get(json_array_get(all, 0), "recommendations")));
    json_decref(all);
    http_response_free(&r);
    assert_int_equal(http_get(&r, port, "/api/v1/documents?format=csv&lang=es", NULL), 0);
    assert_non_null(strstr(r.body, "\"Documento\",\"Mecanismo\""));
    char disposition[128];
    assert_int_equal(http_header(&r, "Content-Disposition", disposition, sizeof disposition), 0);
    assert_string_equal(disposition, "attachment; filename=\"documents.csv\"");
    http_response_free(&r);
    json_decref(list);
}

static void test_unknown_format_is_refused(void **state)
{
    (void)state;
    http_response r;
    assert_int_equal(http_get(&r, port, "/api/v1/recommendations?format=pdf", NULL), 0);
    assert_int_equal(r.status, 422);
    assert_non_null(strstr(r.body, "\"field\":\"format\""));
    http_response_free(&r);
    /* Accept: text/csv without ?format gives CSV. */
    assert_int_equal(
        http_get(&r, port, "/api/v1/recommendations?mechanism=CRC", "Accept: text/csv\r\n"), 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(memcmp(r.body, "\xEF\xBB\xBF\"ID\"", 7), 0);
    http_response_free(&r);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_has_the_rows_of_the_list),
        cmocka_unit_test(test_json_export),
        cmocka_unit_test(test_xlsx_opens),
        cmocka_unit_test(test_documents_export),
        cmocka_unit_test(test_unknown_format_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
