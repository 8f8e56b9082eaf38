/* Folding names into match keys, and language-aware ordering. */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/text.h"

#include <string.h>

static void assert_key(const char *input, const char *expected)
{
    hr_buf b;
    hr_buf_init(&b, 1024);
    assert_int_equal(hr_text_fold_key(&b, input, strlen(input)), 0);
    assert_string_equal(hr_buf_cstr(&b), expected);
    hr_buf_free(&b);
}

static void test_fold_keys(void **state)
{
    (void)state;
    assert_key("Türkiye", "turkiye");
    assert_key("  TÜRKIYE ", "turkiye");
    assert_key("Côte d’Ivoire", "cote d ivoire");
    assert_key("Cote d'Ivoire", "cote d ivoire");
    assert_key("Bolivia (Plurinational State of)", "bolivia plurinational state of");
    assert_key("NIÑOS", "ninos");
    assert_key("Straße", "strasse");
    assert_key("ｆｕｌｌｗｉｄｔｈ", "fullwidth");
    assert_key("São Tomé & Príncipe", "sao tome principe");
    assert_key("", "");
    assert_key("--", "");
}

static void test_invalid_utf8_is_refused(void **state)
{
    (void)state;
    hr_buf b;
    hr_buf_init(&b, 1024);
    /* 0x8E is "é" in Mac Roman, the encoding of the UPR Info exports: not UTF-8. */
    const char mac_roman[] = "Am\x8Erica";
    assert_int_equal(hr_text_fold_key(&b, mac_roman, strlen(mac_roman)), HR_EPARSE);
    const char with_nul[] = {'a', '\0', 'b'};
    assert_int_equal(hr_text_fold_key(&b, with_nul, 3), HR_EPARSE);
    assert_false(hr_text_is_utf8("\xC3", 1));
    assert_true(hr_text_is_utf8("\xC3\xA9", 2));
    hr_buf_free(&b);
}

static void test_fold_respects_limit(void **state)
{
    (void)state;
    hr_buf b;
    hr_buf_init(&b, 4);
    assert_int_equal(hr_text_fold_key(&b, "Paraguay", 8), HR_ELIMIT);
    hr_buf_free(&b);
}

static int compare(hr_collator *c, const char *a, const char *b)
{
    hr_buf ka, kb;
    hr_buf_init(&ka, 4096);
    hr_buf_init(&kb, 4096);
    assert_int_equal(hr_collator_key(&ka, c, a), 0);
    assert_int_equal(hr_collator_key(&kb, c, b), 0);
    int result = strcmp(hr_buf_cstr(&ka), hr_buf_cstr(&kb));
    hr_buf_free(&ka);
    hr_buf_free(&kb);
    return result;
}

static void test_collation(void **state)
{
    (void)state;
    hr_collator *fr = NULL, *es = NULL;
    assert_int_equal(hr_collator_open(&fr, HR_LANG_FR), 0);
    assert_int_equal(hr_collator_open(&es, HR_LANG_ES), 0);
    /* Bytewise, "É" (0xC3 0x89) would sort after "Z". */
    assert_true(compare(fr, "Égypte", "Zambie") < 0);
    assert_true(compare(fr, "Égypte", "Espagne") < 0);
    /* Spanish sorts ñ after n. */
    assert_true(compare(es, "Nueva Zelanda", "Ñandutí") < 0);
    assert_true(compare(es, "Ñandutí", "Omán") < 0);
    hr_collator_close(fr);
    hr_collator_close(es);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_keys),
        cmocka_unit_test(test_invalid_utf8_is_refused),
        cmocka_unit_test(test_fold_respects_limit),
        cmocka_unit_test(test_collation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
