/*
 * The pieces of the feeds and the deadline list that need no database:
 * XML 1.0 escaping (markup, quotes, control characters, broken UTF-8),
 * Atom and JSON Feed documents from hostile entries, the choice of format,
 * HTTP dates, entity-tag matching for If-None-Match, and the keyset cursor
 * of GET /api/v1/deadlines.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "reply.h"

#include "hrtrack/deadlines.h"
#include "hrtrack/error.h"
#include "hrtrack/feed.h"
#include "hrtrack/xml.h"

#include <string.h>

/* The escaped form of `len` bytes of `s`, in a static buffer. */
static const char *escaped(const char *s, size_t len)
{
    static char result[1024];
    hr_buf b;
    hr_buf_init(&b, 1024);
    assert_int_equal(hr_xml_escape(&b, s, len), 0);
    snprintf(result, sizeof result, "%s", hr_buf_cstr(&b));
    hr_buf_free(&b);
    return result;
}

#define ESC(literal) escaped(literal, sizeof literal - 1)

static void test_xml_markup_and_quotes(void **state)
{
    (void)state;
    assert_string_equal(ESC("plain text, ñandú, 人権"), "plain text, ñandú, 人権");
    assert_string_equal(ESC("</title><script>alert('x')</script>"),
                        "&lt;/title&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;");
    assert_string_equal(ESC("a & b \"c\" ]]> &amp;"), "a &amp; b &quot;c&quot; ]]&gt; &amp;amp;");
    assert_string_equal(ESC(""), "");
    assert_string_equal(ESC("tab\tnew\nline"), "tab\tnew\nline");
    assert_string_equal(ESC("cr\r\n"), "cr&#13;\n");
}

static void test_xml_forbidden_characters(void **state)
{
    (void)state;
    /* C0 controls but tab, newline and CR, U+FFFE and U+FFFF: XML 1.0 has no way to say them. */
    assert_string_equal(ESC("a\x01"
                            "b\x1b"
                            "c\x7f"),
                        "a\xEF\xBF\xBD"
                        "b\xEF\xBF\xBD"
                        "c\x7f");
    assert_string_equal(ESC("nul\0here"), "nul\xEF\xBF\xBDhere");
    assert_string_equal(ESC("\xEF\xBF\xBE|\xEF\xBF\xBF"), "\xEF\xBF\xBD|\xEF\xBF\xBD");
    /* A real U+FFFD stays one. */
    assert_string_equal(ESC("\xEF\xBF\xBD"), "\xEF\xBF\xBD");
}

static void test_xml_broken_utf8(void **state)
{
    (void)state;
    assert_string_equal(ESC("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD"); /* overlong '/' */
    assert_string_equal(ESC("\xED\xA0\x80"),
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");            /* surrogate */
    assert_string_equal(ESC("end\xE2\x82"), "end\xEF\xBF\xBD\xEF\xBF\xBD"); /* truncated */
    assert_string_equal(ESC("\xF4\x90\x80\x80"),                            /* above U+10FFFF */
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_string_equal(ESC("\xF0\x9F\x98\x80<"), "\xF0\x9F\x98\x80&lt;"); /* an emoji is fine */
}

static void test_xml_limit(void **state)
{
    (void)state;
    hr_buf b;
    hr_buf_init(&b, 8);
    assert_int_equal(hr_xml_escape_str(&b, "<<<"), HR_ELIMIT);
    hr_buf_free(&b);
    hr_buf_init(&b, 8);
    assert_int_equal(hr_xml_escape_str(&b, NULL), 0);
    assert_int_equal(b.len, 0);
    hr_buf_free(&b);
}

static json_t *hostile_feed(void)
{
    return json_pack("{s:s, s:s, s:s, s:[{s:s, s:i, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s},"
                     " {s:s, s:i, s:i, s:s, s:n, s:n, s:s, s:n, s:s, s:s}]}",
                     "subject", "A/HRC/15/6 ¶87.5 </title>", "subtitle", "x < y", "updated",
                     "2025-06-30T08:15:00Z", "entries", "kind", "comment", "id", 7,
                     "recommendation_id", 267, "recommendation", "A/HRC/15/6 ¶87.5", "status",
                     "ignored", "as_of", "2025-06-30", "text", "</content><script>\x01</script>",
                     "author", "Ana </name>&", "published", "2025-06-30T08:15:00Z", "updated",
                     "2025-06-30T08:15:00Z", "kind", "comment", "id", 8, "recommendation_id", 267,
                     "recommendation", "A/HRC/15/6 ¶87.5", "status", "as_of", "text", "Withdrawn",
                     "author", "published", "2025-06-29T08:15:00Z", "updated",
                     "2025-06-29T08:15:00Z");
}

static void test_atom_document(void **state)
{
    (void)state;
    json_t *feed = hostile_feed();
    assert_non_null(feed);
    hr_buf b;
    hr_buf_init(&b, 1u << 20);
    assert_int_equal(hr_feed_render(&b, HR_FEED_ATOM, feed, HR_FEED_RECOMMENDATION, "267",
                                    "/api/v1/feeds/recommendations/267", HR_LANG_ES),
                     0);
    const char *doc = hr_buf_cstr(&b);
    assert_non_null(strstr(doc, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "));
    assert_non_null(strstr(doc, "xml:lang=\"es\""));
    assert_non_null(strstr(doc, "<id>tag:hrtrack,2024:feed/recommendations/267</id>"));
    assert_non_null(strstr(doc, "<title>Recomendación A/HRC/15/6 ¶87.5 &lt;/title&gt;</title>"));
    assert_non_null(strstr(doc, "<subtitle>x &lt; y</subtitle>"));
    assert_non_null(strstr(doc, "<updated>2025-06-30T08:15:00Z</updated>"));
    assert_non_null(strstr(doc, "<id>tag:hrtrack,2024:comment/7</id>"));
    assert_non_null(
        strstr(doc, "<title>Comentario sobre A/HRC/15/6 ¶87.5 de Ana &lt;/name&gt;&amp;</title>"));
    assert_non_null(strstr(doc, "<name>Ana &lt;/name&gt;&amp;</name>"));
    assert_non_null(strstr(
        doc, "<content type=\"text\">&lt;/content&gt;&lt;script&gt;\xEF\xBF\xBD&lt;/script&gt;"));
    assert_non_null(strstr(doc, "<name>una cuenta retirada</name>"));
    assert_null(strstr(doc, "<script>"));
    assert_null(strstr(doc, "\x01"));
    /* The newest entry first, as given. */
    assert_true(strstr(doc, "comment/7") < strstr(doc, "comment/8"));
    assert_non_null(strstr(doc, "</feed>\n"));
    hr_buf_free(&b);
    json_decref(feed);
}

static void test_json_feed_document(void **state)
{
    (void)state;
    json_t *feed = hostile_feed();
    hr_buf b;
    hr_buf_init(&b, 1u << 20);
    assert_int_equal(hr_feed_render(&b, HR_FEED_JSON, feed, HR_FEED_STATE, "ES",
                                    "/api/v1/feeds/states/ES", HR_LANG_FR),
                     0);
    json_t *doc = json_loads(hr_buf_cstr(&b), 0, NULL);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "version")),
                        "https://jsonfeed.org/version/1.1");
    assert_string_equal(json_string_value(json_object_get(doc, "language")), "fr");
    assert_string_equal(json_string_value(json_object_get(doc, "title")),
                        "Recommandations adressées à A/HRC/15/6 ¶87.5 </title>");
    json_t *items = json_object_get(doc, "items");
    assert_int_equal(json_array_size(items), 2);
    json_t *first = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(first, "id")),
                        "tag:hrtrack,2024:comment/7");
    assert_string_equal(json_string_value(json_object_get(first, "content_text")),
                        "</content><script>\x01</script>");
    assert_string_equal(json_string_value(json_object_get(first, "date_published")),
                        "2025-06-30T08:15:00Z");
    json_t *second = json_array_get(items, 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(second, "authors"), 0), "name")),
                        "un compte retiré");
    assert_string_equal(json_string_value(json_object_get(second, "title")),
                        "Commentaire sur A/HRC/15/6 ¶87.5 par un compte retiré");
    json_decref(doc);
    hr_buf_free(&b);
    json_decref(feed);
}

static void test_render_refuses_incomplete_feeds(void **state)
{
    (void)state;
    hr_buf b;
    hr_buf_init(&b, 1u << 20);
    json_t *no_subject = json_pack("{s:[]}", "entries");
    assert_int_equal(hr_feed_render(&b, HR_FEED_ATOM, no_subject, HR_FEED_STATE, "ES", "/", 0),
                     HR_EINVAL);
    json_t *bad_entry = json_pack("{s:s, s:[{s:s}]}", "subject", "x", "entries", "kind", "poll");
    assert_int_equal(hr_feed_render(&b, HR_FEED_ATOM, bad_entry, HR_FEED_STATE, "ES", "/", 0),
                     HR_EINVAL);
    hr_buf_reset(&b);
    assert_int_equal(hr_feed_render(&b, HR_FEED_JSON, bad_entry, HR_FEED_STATE, "ES", "/", 0),
                     HR_EINVAL);
    json_decref(no_subject);
    json_decref(bad_entry);
    hr_buf_free(&b);
}

static void test_format_choice(void **state)
{
    (void)state;
    hr_feed_format f;
    assert_int_equal(hr_feed_format_choose(&f, NULL, NULL), 0);
    assert_int_equal(f, HR_FEED_ATOM);
    assert_int_equal(hr_feed_format_choose(&f, "json", "application/atom+xml"), 0);
    assert_int_equal(f, HR_FEED_JSON);
    assert_int_equal(hr_feed_format_choose(&f, "atom", "application/feed+json"), 0);
    assert_int_equal(f, HR_FEED_ATOM);
    assert_int_equal(hr_feed_format_choose(&f, "rss", NULL), HR_EUNPROCESSABLE);
    assert_int_equal(hr_feed_format_choose(&f, NULL, "text/html, Application/Feed+JSON;q=0.9"), 0);
    assert_int_equal(f, HR_FEED_JSON);
    assert_int_equal(
        hr_feed_format_choose(&f, NULL, "application/atom+xml;q=1, application/feed+json"), 0);
    assert_int_equal(f, HR_FEED_ATOM);
    assert_int_equal(hr_feed_format_choose(&f, NULL, "*/*"), 0);
    assert_int_equal(f, HR_FEED_ATOM);
    assert_int_equal(hr_feed_format_choose(&f, NULL, "application/jsonx"), 0);
    assert_int_equal(f, HR_FEED_ATOM);
}

static void test_http_dates(void **state)
{
    (void)state;
    char out[40];
    assert_int_equal(hr_feed_http_date(out, "1994-11-06T08:49:37Z"), 0);
    assert_string_equal(out, "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_int_equal(hr_feed_http_date(out, "1970-01-01T00:00:00Z"), 0);
    assert_string_equal(out, "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_int_equal(hr_feed_http_date(out, "2024-02-29T23:59:59Z"), 0);
    assert_string_equal(out, "Thu, 29 Feb 2024 23:59:59 GMT");
    assert_int_equal(hr_feed_http_date(out, "2025-02-29T00:00:00Z"), HR_EPARAM);
    assert_int_equal(hr_feed_http_date(out, "2025-06-30T24:00:00Z"), HR_EPARAM);
    assert_int_equal(hr_feed_http_date(out, "2025-06-30 08:15:00Z"), HR_EPARAM);
    assert_int_equal(hr_feed_http_date(out, "2025-06-30T08:15:00+02:00"), HR_EPARAM);
    assert_int_equal(hr_feed_http_date(out, NULL), HR_EPARAM);
}

static void test_etag_match(void **state)
{
    (void)state;
    assert_true(hr_etag_match("\"abc\"", "\"abc\""));
    assert_true(hr_etag_match("\"x\", \"abc\"", "\"abc\""));
    assert_true(hr_etag_match("W/\"abc\"", "\"abc\""));
    assert_true(hr_etag_match("*", "\"abc\""));
    assert_false(hr_etag_match("\"abcd\"", "\"abc\""));
    assert_false(hr_etag_match("abc", "\"abc\""));
    assert_false(hr_etag_match("", "\"abc\""));
    assert_false(hr_etag_match(NULL, "\"abc\""));
    assert_false(hr_etag_match("\"abc\"", ""));
}

static void test_deadline_cursor(void **state)
{
    (void)state;
    hr_deadline_cursor c;
    assert_int_equal(hr_deadline_cursor_parse(&c, "2025-06-30.action.12"), 0);
    assert_string_equal(c.due_date, "2025-06-30");
    assert_int_equal(c.kind, HR_DEADLINE_ACTION);
    assert_int_equal(c.id, 12);
    assert_int_equal(hr_deadline_cursor_parse(&c, "2024-02-29.report.1"), 0);
    assert_int_equal(c.kind, HR_DEADLINE_REPORT);
    const char *bad[] = {"",
                         "2025-06-30",
                         "2025-06-30.action",
                         "2025-06-30.action.",
                         "2025-06-30.action.0",
                         "2025-06-30.action.-3",
                         "2025-06-30.action.+3",
                         "2025-06-30.action.12x",
                         "2025-06-30.meeting.12",
                         "2025-02-29.action.12",
                         "2025-13-01.action.12",
                         "25-06-30.action.12",
                         "2025-06-30.action.99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (hr_deadline_cursor_parse(&c, bad[i]) != HR_EUNPROCESSABLE)
            fail_msg("accepted cursor \"%s\"", bad[i]);
    }
    hr_deadline_kind k;
    assert_int_equal(hr_deadline_kind_parse(&k, "indicator"), 0);
    assert_int_equal(k, HR_DEADLINE_INDICATOR);
    assert_int_equal(hr_deadline_kind_parse(&k, "Action"), HR_EUNPROCESSABLE);
    assert_null(hr_deadline_kind_name(HR_DEADLINE_ANY));
    assert_string_equal(hr_deadline_kind_name(HR_DEADLINE_REPORT), "report");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_markup_and_quotes),
        cmocka_unit_test(test_xml_forbidden_characters),
        cmocka_unit_test(test_xml_broken_utf8),
        cmocka_unit_test(test_xml_limit),
        cmocka_unit_test(test_atom_document),
        cmocka_unit_test(test_json_feed_document),
        cmocka_unit_test(test_render_refuses_incomplete_feeds),
        cmocka_unit_test(test_format_choice),
        cmocka_unit_test(test_http_dates),
        cmocka_unit_test(test_etag_match),
        cmocka_unit_test(test_deadline_cursor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
