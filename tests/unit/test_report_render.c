/*
 * Report rendering without a database: a small report as assembly makes
 * it, with markup in every place data goes (cluster name, text, state,
 * institution, action title), rendered as HTML and Markdown; nothing of
 * the data may come out as markup. Dates in the three languages, and the
 * labels of coded values.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/report.h"

#include <stdlib.h>
#include <string.h>

#define EVIL "<script>x</script> *a* _b_ [c](d) | `e` & #f"

static json_t *sample(const char *lang)
{
    json_error_t error;
    json_t *report = json_pack_ex(
        &error, 0,
        "{s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:i, s:n,"
        " s:{s:i, s:i, s:i, s:[{s:s, s:s, s:i}, {s:n, s:s, s:i}], s:[{s:s, s:s, s:i}]},"
        " s:[{s:s, s:s, s:i, s:[{s:n, s:s, s:i}], s:[i]}],"
        " s:[{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}], s:s, s:s, s:s,"
        "  s:{s:i, s:s, s:s}, s:[{s:i, s:s, s:s, s:s, s:s, s:s, s:n, s:s, s:s}]}]}",
        "kind", "upr_midterm", "lang", lang, "title", "UPR", "generated", "2026-01-05", "state",
        "code", "PY", "name", "Paraguay", "cycle", 1, "actions_institution", "totals",
        "recommendations", 1, "entries", 1, "in_several_sections", 0, "by_status", "status",
        "implemented", "label", "Implemented", "count", 1, "status", "label", "No report yet",
        "count", 0, "by_position", "position", "supported", "label", "Supported", "count", 1,
        "sections", "key", "cluster:1", "heading", EVIL, "count", 1, "by_status", "status", "label",
        "No report yet", "count", 1, "recommendations", 7, "recommendations", "id", 7, "paragraph",
        "84.1", "symbol", "A/HRC/17/18", "text", EVIL, "mechanism", "UPR", "position", "supported",
        "position_label", "Supported", "recommending_states", "code", "TH", "name", EVIL, "status",
        "implemented", "status_label", "Implemented", "status_as_of", "2025-06-30", "lead", "id", 2,
        "acronym", "MOH", "name", EVIL, "actions", "id", 3, "title", EVIL, "institution", "MOH",
        "institution_name", EVIL, "status", "planned", "status_label", "Planned",
        "implementation_label", "start_date", "2025-01-15", "due_date", "2025-12-31");
    if (report == NULL)
        fail_msg("sample: %s", error.text);
    return report;
}

static void test_html_escapes_everything(void **state)
{
    (void)state;
    json_t *report = sample("es");
    hr_buf out;
    hr_buf_init(&out, HR_REPORT_RENDER_MAX);
    assert_int_equal(hr_report_render_html(&out, report), 0);
    const char *html = hr_buf_cstr(&out);
    assert_non_null(strstr(html, "<html lang=\"es\">"));
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "&lt;script&gt;x&lt;/script&gt; *a* _b_ [c](d) | `e` &amp; #f"));
    assert_non_null(strstr(html, "30 de junio de 2025"));
    assert_non_null(strstr(html, "31 de diciembre de 2025"));
    hr_buf_free(&out);
    json_decref(report);
}

static void test_markdown_escapes_markup(void **state)
{
    (void)state;
    json_t *report = sample("fr");
    hr_buf out;
    hr_buf_init(&out, HR_REPORT_RENDER_MAX);
    assert_int_equal(hr_report_render_markdown(&out, report), 0);
    const char *md = hr_buf_cstr(&out);
    assert_null(strstr(md, "<script>"));
    assert_null(strstr(md, " *a* "));
    assert_non_null(
        strstr(md, "\\<script\\>x\\</script\\> \\*a\\* \\_b\\_ \\[c\\](d) \\| \\`e\\` \\& \\#f"));
    assert_non_null(strstr(md, "30 juin 2025"));
    assert_non_null(strstr(md, "**Actions menées**"));
    hr_buf_free(&out);
    json_decref(report);
}

static void test_dates_and_labels(void **state)
{
    (void)state;
    const char *expected[HR_LANG_COUNT] = {"March 1, 2024", "1 de marzo de 2024", "1 mars 2024"};
    for (int l = 0; l < HR_LANG_COUNT; l++) {
        hr_report_dates *dates = NULL;
        hr_buf out;
        hr_buf_init(&out, 256);
        assert_int_equal(hr_report_dates_open(&dates, (hr_lang)l), 0);
        assert_int_equal(hr_report_date(&out, dates, "2024-03-01"), 0);
        assert_string_equal(hr_buf_cstr(&out), expected[l]);
        hr_buf_reset(&out);
        assert_int_equal(hr_report_date(&out, dates, "not a date"), 0);
        assert_string_equal(hr_buf_cstr(&out), "not a date");
        hr_buf_free(&out);
        hr_report_dates_close(dates);
    }
    assert_string_equal(hr_report_code_label(HR_CODE_STATUS, "implemented", HR_LANG_ES),
                        "Implementada");
    assert_string_equal(hr_report_code_label(HR_CODE_STATUS, NULL, HR_LANG_FR),
                        "Aucun état communiqué à ce jour");
    assert_string_equal(hr_report_code_label(HR_CODE_POSITION, "noted", HR_LANG_ES), "Anotada");
    assert_string_equal(hr_report_text(HR_RT_NOT_GROUPED, HR_LANG_FR), "Non regroupées");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_escapes_everything),
        cmocka_unit_test(test_markdown_escapes_markup),
        cmocka_unit_test(test_dates_and_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
