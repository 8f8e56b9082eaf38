/*
 * Building a recommendation query (lib/domain/rec_query.c) without a
 * database: the follow-up filters' values, the choice of order (sort= and
 * q= in either order), and cursors that carry the paragraph order's keys,
 * whatever characters those hold, and continue only the order they were
 * made for.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"

#include <string.h>

static void test_status_values(void **state)
{
    (void)state;
    hr_rec_query q;
    hr_rec_query_init(&q, HR_LANG_EN);
    const char *good[] = {"not_started", "in_progress", "partially_implemented", "implemented",
                          "not_applicable"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_int_equal(hr_rec_query_param(&q, "status", good[i]), 0);
    assert_false(q.status_none);
    assert_int_equal(hr_rec_query_param(&q, "status", "none"), 0);
    assert_true(q.status_none);
    assert_int_equal(q.counts[HR_Q_STATUS], 6);
    const char *bad[] = {"", "Implemented", "done", "draft", "approved", "none ", "implemented;"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (hr_rec_query_param(&q, "status", bad[i]) != HR_EUNPROCESSABLE)
            fail_msg("status \"%s\" accepted", bad[i]);
    }
    hr_rec_query_free(&q);
}

static void test_planning_values(void **state)
{
    (void)state;
    hr_rec_query q;
    hr_rec_query_init(&q, HR_LANG_EN);
    assert_int_equal(hr_rec_query_param(&q, "priority", "high,low"), 0);
    assert_int_equal(hr_rec_query_param(&q, "priority", "medium"), 0);
    assert_int_equal(q.counts[HR_Q_PRIORITY], 3);
    assert_int_equal(hr_rec_query_param(&q, "priority", "urgent"), HR_EUNPROCESSABLE);
    assert_int_equal(hr_rec_query_param(&q, "priority", "HIGH"), HR_EUNPROCESSABLE);
    assert_int_equal(hr_rec_query_param(&q, "institution", "3,12"), 0);
    assert_int_equal(q.counts[HR_Q_INSTITUTION], 2);
    assert_int_equal(hr_rec_query_param(&q, "cluster", "9007199254740991"), 0);
    const char *bad_ids[] = {"0", "-1", "MOH", "1.5", "", "2147483648x", "9007199254740992"};
    for (size_t i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
        if (hr_rec_query_param(&q, "cluster", bad_ids[i]) != HR_EUNPROCESSABLE)
            fail_msg("cluster \"%s\" accepted", bad_ids[i]);
    }
    /* Institutions are ids (an int in the database); acronyms are refused. */
    assert_int_equal(hr_rec_query_param(&q, "institution", "2147483648"), HR_EUNPROCESSABLE);
    assert_int_equal(hr_rec_query_param(&q, "institution", "MOH"), HR_EUNPROCESSABLE);
    hr_rec_query_free(&q);
}

static void test_order(void **state)
{
    (void)state;
    hr_rec_query q;
    hr_rec_query_init(&q, HR_LANG_EN);
    assert_int_equal(q.order, HR_ORDER_DATE);
    assert_int_equal(hr_rec_query_param(&q, "q", "torture"), 0);
    assert_int_equal(q.order, HR_ORDER_RELEVANCE); /* a search's default */
    assert_int_equal(hr_rec_query_param(&q, "sort", "paragraph"), 0);
    assert_int_equal(q.order, HR_ORDER_PARAGRAPH);
    hr_rec_query_free(&q);
    /* A sort given before q= stays. */
    hr_rec_query_init(&q, HR_LANG_EN);
    assert_int_equal(hr_rec_query_param(&q, "sort", "date"), 0);
    assert_int_equal(hr_rec_query_param(&q, "q", "torture"), 0);
    assert_int_equal(q.order, HR_ORDER_DATE);
    assert_int_equal(hr_rec_query_param(&q, "sort", "Paragraph"), HR_EUNPROCESSABLE);
    assert_int_equal(hr_rec_query_param(&q, "sort", "id"), HR_EUNPROCESSABLE);
    hr_rec_query_free(&q);
}

static void test_paragraph_cursor_round_trip(void **state)
{
    (void)state;
    /* Keys are text from the database: quotes, bars, backslashes, non-ASCII. */
    const char *doc_key = "A/HRC/0000000015/0000000006";
    const char *para_key = "0000000012(b)|\"x\\\" \xc3\xa9";
    char cursor[HR_CURSOR_TEXT_MAX + 1];
    hr_rec_cursor_encode(cursor, sizeof cursor, HR_ORDER_PARAGRAPH, doc_key, para_key, 4242);
    assert_true(cursor[0] != '\0');
    assert_null(strchr(cursor, '=')); /* base64url without padding: safe in a URL */
    hr_rec_query q;
    hr_rec_query_init(&q, HR_LANG_EN);
    /* Only the order it was made for. */
    assert_int_equal(hr_rec_query_set(&q, "cursor", cursor), HR_EUNPROCESSABLE);
    assert_int_equal(hr_rec_query_set(&q, "sort", "paragraph"), 0);
    assert_int_equal(hr_rec_query_set(&q, "cursor", cursor), 0);
    assert_true(q.has_cursor);
    assert_int_equal(q.cursor_id, 4242);
    assert_string_equal(q.cursor_key, doc_key);
    assert_string_equal(q.cursor_key2, para_key);
    /* A date cursor does not continue the paragraph order. */
    hr_rec_cursor_encode(cursor, sizeof cursor, HR_ORDER_DATE, "2010-06-16", NULL, 7);
    assert_int_equal(hr_rec_query_set(&q, "cursor", cursor), HR_EUNPROCESSABLE);
    hr_rec_query_free(&q);

    /* The longest keys still fit. */
    char long_doc[HR_CURSOR_KEY_MAX];
    char long_para[HR_CURSOR_KEY2_MAX];
    memset(long_doc, 'A', sizeof long_doc - 1);
    long_doc[sizeof long_doc - 1] = '\0';
    memset(long_para, '0', sizeof long_para - 1);
    long_para[sizeof long_para - 1] = '\0';
    hr_rec_cursor_encode(cursor, sizeof cursor, HR_ORDER_PARAGRAPH, long_doc, long_para, 1);
    assert_true(cursor[0] != '\0');
    hr_rec_query_init(&q, HR_LANG_EN);
    assert_int_equal(hr_rec_query_set(&q, "sort", "paragraph"), 0);
    assert_int_equal(hr_rec_query_set(&q, "cursor", cursor), 0);
    assert_string_equal(q.cursor_key, long_doc);
    hr_rec_query_free(&q);
}

static void test_bad_paragraph_cursors(void **state)
{
    (void)state;
    hr_rec_query q;
    hr_rec_query_init(&q, HR_LANG_EN);
    assert_int_equal(hr_rec_query_set(&q, "sort", "paragraph"), 0);
    /* base64url of: p[1,2,3]  p["a","b",0]  p["a","b"]  p["a","b",1,2]  p{}  p */
    const char *bad[] = {"cFsxLDIsM10",    "cFsiYSIsImIiLDBd",
                         "cFsiYSIsImIiXQ", "cFsiYSIsImIiLDEsMl0",
                         "cHt9",           "cA",
                         "not base64!",    ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (hr_rec_query_set(&q, "cursor", bad[i]) != HR_EUNPROCESSABLE)
            fail_msg("cursor \"%s\" accepted", bad[i]);
    }
    assert_false(q.has_cursor);
    char huge[HR_CURSOR_TEXT_MAX + 8];
    memset(huge, 'A', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    assert_int_equal(hr_rec_query_set(&q, "cursor", huge), HR_EUNPROCESSABLE);
    hr_rec_query_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_values),
        cmocka_unit_test(test_planning_values),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_paragraph_cursor_round_trip),
        cmocka_unit_test(test_bad_paragraph_cursors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
