/*
 * The text and name handling every importer relies on: HTML to plain text,
 * paragraph numbers, language recognition and name resolution (states with
 * their UN-style quirks, bodies, SDG labels).
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/lang.h"
#include "hrtrack/log.h"
#include "hrtrack/paragraph.h"
#include "hrtrack/resolver.h"
#include "hrtrack/text.h"

#include <string.h>

static void assert_plain(const char *html, const char *expected)
{
    hr_buf b;
    hr_buf_init(&b, 4096);
    assert_int_equal(hr_text_from_html(&b, html, strlen(html)), 0);
    assert_string_equal(hr_buf_cstr(&b), expected);
    hr_buf_free(&b);
}

static void test_html_to_text(void **state)
{
    (void)state;
    assert_plain("<p>4.The Committee &amp; the State</p>", "4.The Committee & the State");
    assert_plain("a<br/>b", "a b");
    assert_plain("a<em>b</em>c", "abc");
    assert_plain("  many \n\t spaces&nbsp;and\xC2\xA0nbsp  ", "many spaces and nbsp");
    assert_plain("It&#39;s &#x2019;quoted&#8217; &quot;x&quot;",
                 "It's \xE2\x80\x99quoted\xE2\x80\x99 \"x\"");
    assert_plain("Youth & juveniles", "Youth & juveniles");
    assert_plain("a &unknown; b", "a &unknown; b");
    assert_plain("&#0; &#x110000; &#55296;", "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
    assert_plain("x<script>alert('no')</script>y<style>p{}</style>z", "xyz");
    assert_plain("1 < 2 and 3 > 2", "1 < 2 and 3 > 2");
    assert_plain("<p>unclosed <b", "unclosed");
    /* Decomposed accents (as in the open-sdg French files) come out composed. */
    assert_plain("soci\x65\xCC\x81t\x65\xCC\x81", "soci\xC3\xA9t\xC3\xA9");
    hr_buf b;
    hr_buf_init(&b, 8);
    assert_int_equal(hr_text_from_html(&b, "<p>far too long</p>", 19), HR_ELIMIT);
    assert_int_equal(hr_text_from_html(&b, "\xFF", 1), HR_EPARSE);
    hr_buf_free(&b);
}

static void assert_paragraph(const char *text, const char *expected, const char *rest)
{
    char paragraph[HR_PARAGRAPH_MAX];
    size_t used = 0;
    int found = hr_paragraph_read(paragraph, &used, text);
    if (expected == NULL) {
        assert_false(found);
        return;
    }
    assert_true(found);
    assert_string_equal(paragraph, expected);
    assert_string_equal(text + used, rest);
}

static void test_paragraph_numbers(void **state)
{
    (void)state;
    assert_paragraph("84.1. Ratify the Convention", "84.1", "Ratify the Convention");
    assert_paragraph("4.The Committee reminds", "4", "The Committee reminds");
    assert_paragraph("79.23 Continue", "79.23", "Continue");
    assert_paragraph("12 (b) Strengthen", "12(b)", "Strengthen");
    assert_paragraph("12(b) Strengthen", "12(b)", "Strengthen");
    assert_paragraph("(c) Ensure that", "(c)", "Ensure that");
    assert_paragraph("5. Élaborer", "5", "Élaborer");
    assert_paragraph("2010 was a year", NULL, NULL);
    assert_paragraph("The Committee", NULL, NULL);
    assert_paragraph("3.5million people", NULL, NULL);
    assert_paragraph("(ABC) upper case", NULL, NULL);
}

static void test_language_recognition(void **state)
{
    (void)state;
    assert_int_equal(hr_lang_guess("Ensure that the State party takes measures to protect the "
                                   "rights of children",
                                   HR_LANG_FR),
                     HR_LANG_EN);
    assert_int_equal(hr_lang_guess("Garantizar el cese de los actos de violencia y adoptar las "
                                   "medidas para proteger a las víctimas",
                                   HR_LANG_EN),
                     HR_LANG_ES);
    assert_int_equal(hr_lang_guess("Veiller à ce que les victimes aient accès à des recours et "
                                   "prendre des mesures pour les protéger",
                                   HR_LANG_EN),
                     HR_LANG_FR);
    /* Too little evidence: the fallback stands. */
    assert_int_equal(hr_lang_guess("Ratify OP-CAT", HR_LANG_ES), HR_LANG_ES);
    assert_int_equal(hr_lang_guess("", HR_LANG_FR), HR_LANG_FR);
}

static hr_resolver *resolver;

static int setup(void **state)
{
    (void)state;
    static const char *const rows[][3] = {
        {"s", "Paraguay", "PY"},
        {"s", "Bolivia (Plurinational State of)", "BO"},
        {"s", "Türkiye", "TR"},
        {"s", "Côte d’Ivoire", "CI"},
        {"c", "PY", "PY"},
        {"c", "PRY", "PY"},
        {"c", "CI", "CI"},
        {"m", "UPR", "UPR"},
        {"m", "Universal Periodic Review", "UPR"},
        {"m", "CRC", "CRC"},
        {"m", "Committee on the Rights of the Child", "CRC"},
        {"t", "16.2", "16.2"},
        {"t", "16.a", "16.a"},
    };
    if (hr_resolver_new(&resolver) != 0)
        return -1;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (hr_resolver_add(resolver, rows[i][0][0], rows[i][1], rows[i][2]) != 0)
            return -1;
    }
    return hr_resolver_seal(resolver);
}

static int teardown(void **state)
{
    (void)state;
    hr_resolver_free(resolver);
    return 0;
}

static void assert_state(const char *name, const char *expected)
{
    char alpha2[3];
    int rc = hr_resolver_state(alpha2, resolver, name);
    if (expected == NULL) {
        assert_int_equal(rc, HR_ENOTFOUND);
        return;
    }
    assert_int_equal(rc, 0);
    assert_string_equal(alpha2, expected);
}

static void test_states(void **state)
{
    (void)state;
    assert_state("Paraguay", "PY");
    assert_state("PARAGUAY", "PY");
    assert_state("Paraguay*", "PY");
    assert_state(" *Paraguay ", "PY");
    assert_state("Paraguay PY", "PY");
    assert_state("PY", "PY");
    assert_state("PRY", "PY");
    assert_state("bolivia (plurinational state of)", "BO");
    assert_state("Turkiye", "TR");
    assert_state("Cote d'Ivoire", "CI");
    assert_state("Atlantis", NULL);
    assert_state("Atlantis CI", "CI");
    assert_state("", NULL);
    assert_state("py", NULL);
}

static void test_bodies(void **state)
{
    (void)state;
    char code[12];
    assert_int_equal(hr_resolver_mechanism(code, resolver, "- CRC"), 0);
    assert_string_equal(code, "CRC");
    assert_int_equal(hr_resolver_mechanism(code, resolver, "Committee on the Rights of the Child"),
                     0);
    assert_string_equal(code, "CRC");
    assert_int_equal(hr_resolver_mechanism(code, resolver, "UPR"), 0);
    assert_string_equal(code, "UPR");
    assert_int_equal(hr_resolver_mechanism(
                         code, resolver, "Special Rapporteur on the rights of indigenous peoples"),
                     0);
    assert_string_equal(code, "SP");
    assert_int_equal(hr_resolver_mechanism(code, resolver, "Relatora Especial sobre la violencia"),
                     0);
    assert_string_equal(code, "SP");
    assert_int_equal(hr_resolver_mechanism(code, resolver, "Security Council"), HR_ENOTFOUND);
}

static void test_sdg_labels(void **state)
{
    (void)state;
    char code[HR_SDG_CODE_MAX];
    int is_target = -1;
    assert_int_equal(hr_resolver_sdg(code, &is_target, resolver, "16.2 - Protect children"), 0);
    assert_string_equal(code, "16.2");
    assert_int_equal(is_target, 1);
    assert_int_equal(hr_resolver_sdg(code, &is_target, resolver, "16.a - Strengthen"), 0);
    assert_string_equal(code, "16.a");
    assert_int_equal(hr_resolver_sdg(code, &is_target, resolver, "16 - Peace, justice"), 0);
    assert_string_equal(code, "16");
    assert_int_equal(is_target, 0);
    assert_int_equal(hr_resolver_sdg(code, &is_target, resolver, "16.9 - not loaded"),
                     HR_ENOTFOUND);
    assert_int_equal(hr_resolver_sdg(code, &is_target, resolver, "18.1 - nonsense"), HR_ENOTFOUND);
    assert_int_equal(hr_resolver_sdg(code, &is_target, resolver, "Peace - 16"), HR_ENOTFOUND);
    assert_int_equal(hr_resolver_sdg(code, &is_target, resolver, ""), HR_ENOTFOUND);
}

static void test_conflicting_names_are_refused(void **state)
{
    (void)state;
    hr_resolver *r = NULL;
    assert_int_equal(hr_resolver_new(&r), 0);
    assert_int_equal(hr_resolver_add(r, 's', "Congo", "CG"), 0);
    assert_int_equal(hr_resolver_add(r, 's', "CONGO", "CD"), 0);
    hr_log_set_level(HR_LOG_ERROR + 1);
    assert_int_equal(hr_resolver_seal(r), HR_ECONFLICT);
    hr_log_set_level(HR_LOG_INFO);
    hr_resolver_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_to_text),
        cmocka_unit_test(test_paragraph_numbers),
        cmocka_unit_test(test_language_recognition),
        cmocka_unit_test(test_states),
        cmocka_unit_test(test_bodies),
        cmocka_unit_test(test_sdg_labels),
        cmocka_unit_test(test_conflicting_names_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
