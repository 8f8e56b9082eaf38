/*
 * The status update rules without a database: every (state, step) pair of
 * the workflow, who may take which step (access.h), the evidence links,
 * and which files are accepted (content checked against the declared
 * type), their names and the names they are served under.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/access.h"
#include "hrtrack/error.h"
#include "hrtrack/status_updates.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define NO -1 /* the step is refused in that state */

static void test_every_state_and_step(void **state)
{
    (void)state;
    /* expected[from][step]: the state after, or NO. */
    static const int expected[4][6] = {
        /*              edit                delete          submit               approve
           return              files */
        [HR_UPDATE_DRAFT] = {HR_UPDATE_DRAFT, HR_UPDATE_DRAFT, HR_UPDATE_SUBMITTED, NO, NO,
                             HR_UPDATE_DRAFT},
        [HR_UPDATE_SUBMITTED] = {NO, NO, NO, HR_UPDATE_APPROVED, HR_UPDATE_RETURNED,
                                 HR_UPDATE_SUBMITTED},
        [HR_UPDATE_APPROVED] = {NO, NO, NO, NO, NO, NO},
        [HR_UPDATE_RETURNED] = {HR_UPDATE_RETURNED, NO, HR_UPDATE_SUBMITTED, NO, NO,
                                HR_UPDATE_RETURNED},
    };
    for (int from = 0; from < 4; from++) {
        for (int step = 0; step < 6; step++) {
            hr_update_state to = HR_UPDATE_DRAFT;
            int rc = hr_update_step_check(&to, (hr_update_state)from, (hr_update_step)step);
            if (expected[from][step] == NO) {
                assert_int_equal(rc, HR_ESTATE);
            } else {
                assert_int_equal(rc, 0);
                assert_int_equal(to, expected[from][step]);
            }
        }
    }
    assert_int_equal(hr_error_http_status(HR_ESTATE), 409);
}

static void test_state_names(void **state)
{
    (void)state;
    const char *names[] = {"draft", "submitted", "approved", "returned"};
    for (int i = 0; i < 4; i++) {
        hr_update_state s;
        assert_int_equal(hr_update_state_parse(&s, names[i]), 0);
        assert_int_equal(s, i);
        assert_string_equal(hr_update_state_name(s), names[i]);
    }
    hr_update_state s;
    assert_int_equal(hr_update_state_parse(&s, "Approved"), HR_EPARAM);
    assert_int_equal(hr_update_state_parse(&s, NULL), HR_EPARAM);
}

static void test_who_takes_which_step(void **state)
{
    (void)state;
    const hr_principal focal = {10, 3, HR_ROLE_FOCAL_POINT};
    const hr_principal validator = {11, 3, HR_ROLE_VALIDATOR};
    const hr_principal other_validator = {12, 4, HR_ROLE_VALIDATOR};
    const hr_principal dual = {13, 3, HR_ROLE_FOCAL_POINT | HR_ROLE_VALIDATOR};
    const hr_principal coordinator = {14, 1, HR_ROLE_COORDINATOR};
    const hr_principal unct = {15, 0, HR_ROLE_UNCT};
    const hr_principal public = {0, 0, 0};

    assert_int_equal(hr_access_update_create(&focal, 1), 0);
    assert_int_equal(hr_access_update_create(&focal, 0), HR_EFORBIDDEN);
    assert_int_equal(hr_access_update_create(&coordinator, 1), HR_EFORBIDDEN);
    assert_int_equal(hr_access_update_create(&validator, 1), HR_EFORBIDDEN);
    assert_int_equal(hr_access_update_write(&focal, 3), 0);
    assert_int_equal(hr_access_update_write(&focal, 4), HR_EFORBIDDEN);
    assert_int_equal(hr_access_update_write(&validator, 3), HR_EFORBIDDEN);

    /* Written by the focal point (10), submitted by it. */
    assert_int_equal(hr_access_update_decide(&validator, 3, 10, 10), 0);
    assert_int_equal(hr_access_update_decide(&other_validator, 3, 10, 10), HR_EFORBIDDEN);
    assert_int_equal(hr_access_update_decide(&focal, 3, 10, 10), HR_EFORBIDDEN);
    assert_int_equal(hr_access_update_decide(&coordinator, 3, 10, 10), HR_EFORBIDDEN);
    /* The dual user decides others' updates, never one it wrote or submitted. */
    assert_int_equal(hr_access_update_decide(&dual, 3, 10, 10), 0);
    assert_int_equal(hr_access_update_decide(&dual, 3, 13, 13), HR_EFORBIDDEN);
    assert_int_equal(hr_access_update_decide(&dual, 3, 10, 13), HR_EFORBIDDEN);
    assert_int_equal(hr_access_update_decide(&dual, 3, 13, 10), HR_EFORBIDDEN);

    assert_int_equal(hr_access_update_view(&focal, 3), HR_UPDATE_VIEW_STAFF);
    assert_int_equal(hr_access_update_view(&focal, 4), HR_UPDATE_VIEW_PUBLIC);
    assert_int_equal(hr_access_update_view(&unct, 4), HR_UPDATE_VIEW_STAFF);
    assert_int_equal(hr_access_update_view(&coordinator, 4), HR_UPDATE_VIEW_STAFF);
    assert_int_equal(hr_access_update_view(&public, 3), HR_UPDATE_VIEW_PUBLIC);
    const hr_principal cso = {16, 0, HR_ROLE_CSO};
    assert_int_equal(hr_access_update_view(&cso, 3), HR_UPDATE_VIEW_PUBLIC);
}

static int links_ok(const char *json)
{
    json_t *links = json_loads(json, JSON_ALLOW_NUL, NULL);
    assert_non_null(links);
    int rc = hr_evidence_links_check(links);
    json_decref(links);
    return rc == 0;
}

static void test_evidence_links(void **state)
{
    (void)state;
    assert_true(links_ok("[]"));
    assert_true(links_ok("[\"https://www.boe.es/diario_boe/txt.php?id=BOE-A-2024-1\"]"));
    assert_true(links_ok("[\"http://example.org\", \"https://[2001:db8::1]:8443/a#b\"]"));
    assert_false(links_ok("[\"javascript:alert(1)\"]"));
    assert_false(links_ok("[\"ftp://example.org/file\"]"));
    assert_false(links_ok("[\"https://\"]"));
    assert_false(links_ok("[\"https:///path\"]"));
    assert_false(links_ok("[\"https://exa mple.org\"]"));
    assert_false(links_ok("[\"https://user:pw@example.org/\"]"));
    assert_false(links_ok("[\"https://example.org/\\u0000x\"]"));
    assert_false(links_ok("[42]"));
    assert_false(links_ok("{}"));
    char many[2048] = "[";
    size_t used = 1;
    for (int i = 0; i < HR_EVIDENCE_LINKS_MAX + 1; i++)
        used +=
            (size_t)snprintf(many + used, sizeof many - used, "%s\"https://a.org\"", i ? "," : "");
    snprintf(many + used, sizeof many - used, "]");
    assert_false(links_ok(many));
    assert_int_equal(hr_evidence_links_check(NULL), 0);
}

static int accepted(const char *declared, const void *bytes, size_t len, const char *expected)
{
    const char *type = NULL;
    int rc = hr_attachment_type_check(&type, declared, bytes, len);
    if (rc == 0 && expected != NULL)
        assert_string_equal(type, expected);
    return rc == 0;
}

/* The start of an OpenDocument package of `type`: its stored "mimetype" member. */
static size_t opendocument(unsigned char *out, const char *type)
{
    size_t n = strlen(type);
    memset(out, 0, 38);
    memcpy(out, "PK\3\4", 4);
    out[18] = (unsigned char)n; /* compressed size */
    out[22] = (unsigned char)n; /* uncompressed size */
    out[26] = 8;                /* name length */
    memcpy(out + 30, "mimetype", 8);
    memcpy(out + 38, type, n);
    return 38 + n;
}

static void test_file_types(void **state)
{
    (void)state;
    static const char pdf[] = "%PDF-1.7\n";
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
    static const char elf[] = "\x7f"
                              "ELF\x02\x01\x01";
    static const char exe[] = "MZ\x90\0\x03";
    static const char csv[] = "\xef\xbb\xbfid;name\r\n1;Ministerio de Educación\r\n";
    assert_true(accepted("application/pdf", pdf, sizeof pdf - 1, "application/pdf"));
    assert_true(accepted("Application/PDF; name=x", pdf, sizeof pdf - 1, "application/pdf"));
    assert_true(accepted("image/png", png, sizeof png - 1, "image/png"));
    assert_true(accepted("image/jpeg", jpeg, sizeof jpeg - 1, "image/jpeg"));
    assert_true(accepted("text/csv; charset=utf-8", csv, sizeof csv - 1, "text/csv"));
    assert_true(accepted("text/plain", "Acta\n", 5, "text/plain"));
    /* The declared type is a claim the content must back. */
    assert_false(accepted("application/pdf", elf, sizeof elf - 1, NULL));
    assert_false(accepted("application/pdf", exe, sizeof exe - 1, NULL));
    assert_false(accepted("image/png", pdf, sizeof pdf - 1, NULL));
    assert_false(accepted("text/plain", elf, sizeof elf - 1, NULL));
    assert_false(accepted("text/plain", "caf\xe9", 4, NULL)); /* Latin-1, not UTF-8 */
    assert_false(accepted("text/plain", "a\0b", 3, NULL));
    assert_false(accepted("application/x-msdownload", exe, sizeof exe - 1, NULL));
    assert_false(accepted("text/html", "<script>", 8, NULL));
    assert_false(accepted("image/svg+xml", "<svg/>", 6, NULL));
    assert_false(accepted(NULL, pdf, sizeof pdf - 1, NULL));
    assert_false(accepted("application/pdf", pdf, 0, NULL));
    assert_false(accepted("application/pdfx", pdf, sizeof pdf - 1, NULL));

    unsigned char odt[128];
    size_t len = opendocument(odt, "application/vnd.oasis.opendocument.text");
    assert_true(accepted("application/vnd.oasis.opendocument.text", odt, len, NULL));
    assert_false(accepted("application/vnd.oasis.opendocument.spreadsheet", odt, len, NULL));
    len = opendocument(odt, "application/vnd.oasis.opendocument.text-template");
    assert_false(accepted("application/vnd.oasis.opendocument.text", odt, len, NULL));

    static const char docx[] = "PK\3\4....[Content_Types].xml....word/document.xml...";
    static const char xlsx[] = "PK\3\4....[Content_Types].xml....xl/workbook.xml...";
    const char *word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const char *sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    assert_true(accepted(word, docx, sizeof docx - 1, word));
    assert_true(accepted(sheet, xlsx, sizeof xlsx - 1, sheet));
    assert_false(accepted(word, xlsx, sizeof xlsx - 1, NULL));
    assert_false(accepted(sheet, "PK\3\4", 4, NULL));
}

static void test_file_names(void **state)
{
    (void)state;
    assert_int_equal(hr_attachment_name_check("informe final.pdf"), 0);
    assert_int_equal(hr_attachment_name_check("Évaluation – été 2024.odt"), 0);
    assert_int_equal(hr_attachment_name_check(""), HR_EUNPROCESSABLE);
    assert_int_equal(hr_attachment_name_check(NULL), HR_EUNPROCESSABLE);
    assert_int_equal(hr_attachment_name_check("../etc/passwd"), HR_EUNPROCESSABLE);
    assert_int_equal(hr_attachment_name_check("a\\b.pdf"), HR_EUNPROCESSABLE);
    assert_int_equal(hr_attachment_name_check("a\r\nSet-Cookie: x"), HR_EUNPROCESSABLE);
    assert_int_equal(hr_attachment_name_check("a\xc2\x85"
                                              "b"),
                     HR_EUNPROCESSABLE); /* NEL */
    assert_int_equal(hr_attachment_name_check("bad \xff utf8"), HR_EUNPROCESSABLE);
    assert_int_equal(hr_attachment_name_check(".."), HR_EUNPROCESSABLE);
    char long_name[256];
    memset(long_name, 'a', 201);
    long_name[201] = '\0';
    assert_int_equal(hr_attachment_name_check(long_name), HR_EUNPROCESSABLE);
    long_name[200] = '\0';
    assert_int_equal(hr_attachment_name_check(long_name), 0);

    char safe[64];
    hr_attachment_safe_name(safe, sizeof safe, "informe final\".pdf");
    assert_string_equal(safe, "informe_final_.pdf");
    hr_attachment_safe_name(safe, sizeof safe, "été.pdf");
    assert_string_equal(safe, "__t__.pdf");
    hr_attachment_safe_name(safe, sizeof safe, "\xc3\xa9");
    assert_string_equal(safe, "attachment");
    hr_attachment_safe_name(safe, 8, "abcdefghijkl");
    assert_string_equal(safe, "abcdefg");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_state_and_step), cmocka_unit_test(test_state_names),
        cmocka_unit_test(test_who_takes_which_step), cmocka_unit_test(test_evidence_links),
        cmocka_unit_test(test_file_types),           cmocka_unit_test(test_file_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
