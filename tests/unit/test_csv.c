/*
 * The streaming CSV reader (importer/csv.c): RFC 4180 quoting, every kind of
 * line end, the two encodings and the guess between them, the limits, and
 * one real UPR Info export (Mac Roman, CR line ends).
 *
 * Most tests read a string through a source that hands it over in pieces
 * of 1, 2, 3, 7 and 4096 bytes and all at once, and check that the records
 * are the same every time, so that a CRLF, a UTF-8 sequence, a doubled
 * quote or a byte-order mark cut between two reads is always covered.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "csv.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HRTRACK_TEST_UPRINFO_DIR
#error "HRTRACK_TEST_UPRINFO_DIR must name tests/data/upr-info"
#endif

/* A source over memory that gives at most `chunk` bytes per read (0: all that fits). */
typedef struct mem_source {
    const char *data;
    size_t len, pos, chunk;
} mem_source;

static int mem_read(void *ctx, void *buf, size_t cap, size_t *got)
{
    mem_source *m = ctx;
    size_t n = m->len - m->pos;
    if (n > cap)
        n = cap;
    if (m->chunk > 0 && n > m->chunk)
        n = m->chunk;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    *got = n;
    return 0;
}

static int failing_read(void *ctx, void *buf, size_t cap, size_t *got)
{
    (void)ctx;
    (void)buf;
    (void)cap;
    *got = 0;
    return HR_EIO;
}

/* Appends `s` with CR and LF written as \r and \n, so that expectations stay on one line. */
static void put_escaped(hr_buf *out, const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s == '\r')
            assert_int_equal(hr_buf_puts(out, "\\r"), 0);
        else if (*s == '\n')
            assert_int_equal(hr_buf_puts(out, "\\n"), 0);
        else
            assert_int_equal(hr_buf_append(out, s, 1), 0);
    }
}

/*
 * Reads `len` bytes of `input` to the end and writes what came out, one
 * record a line: "<line>:[field][field]", or "<line>:!<reason>@<error line>"
 * for a refused record; then "end", or "hard <code>: <reason>@<error line>".
 */
static void read_all(hr_buf *out, const char *input, size_t len, hr_csv_encoding enc,
                     const hr_csv_limits *limits, size_t chunk)
{
    mem_source m = {input, len, 0, chunk};
    hr_csv *csv = NULL;
    hr_csv_record rec;
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, &m, enc, limits), 0);
    int rc;
    while ((rc = hr_csv_next(csv, &rec)) == 1) {
        hr_buf_printf(out, "%llu:", (unsigned long long)rec.line);
        if (rec.error != 0) {
            assert_int_equal(rec.count, 0);
            hr_buf_printf(out, "!%s@%llu\n", rec.reason, (unsigned long long)rec.error_line);
            continue;
        }
        assert_string_equal(rec.reason, "");
        for (size_t i = 0; i < rec.count; i++) {
            hr_buf_puts(out, "[");
            put_escaped(out, rec.fields[i]);
            hr_buf_puts(out, "]");
        }
        hr_buf_puts(out, "\n");
    }
    if (rc == 0)
        hr_buf_puts(out, "end");
    else
        hr_buf_printf(out, "hard %d: %s@%llu", rc, rec.reason, (unsigned long long)rec.error_line);
    /* Nothing more after the end or a hard error, however often one asks. */
    assert_int_equal(hr_csv_next(csv, &rec), rc);
    assert_int_equal(hr_csv_bytes_read(csv), len);
    hr_csv_free(csv);
}

/* Checks that `input` reads as `expected` whatever the size of the reads. */
static void check_limits(const char *input, size_t len, hr_csv_encoding enc,
                         const hr_csv_limits *limits, const char *expected)
{
    static const size_t chunks[] = {0, 1, 2, 3, 7, 4096};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        hr_buf out;
        hr_buf_init(&out, 4 * 1024 * 1024);
        read_all(&out, input, len, enc, limits, chunks[i]);
        if (strcmp(hr_buf_cstr(&out), expected) != 0)
            print_error("with reads of %zu bytes:\n", chunks[i]);
        assert_string_equal(hr_buf_cstr(&out), expected);
        hr_buf_free(&out);
    }
}

static void check(const char *input, hr_csv_encoding enc, const char *expected)
{
    check_limits(input, strlen(input), enc, NULL, expected);
}

static void test_quoting(void **state)
{
    (void)state;
    check("a,\"b,c\",\"d\"\"e\"\n", HR_CSV_UTF8, "1:[a][b,c][d\"e]\nend");
    check("\"\"\"\",\"\"\"x\"\"\",\"\"\n", HR_CSV_UTF8, "1:[\"][\"x\"][]\nend");
    /* A quote inside an unquoted field is an ordinary character. */
    check("5\" pipe,a\"b\"\n", HR_CSV_UTF8, "1:[5\" pipe][a\"b\"]\nend");
    /* Text after a closing quote refuses the record, not the next one. */
    check("\"a\"b,c\nd\n", HR_CSV_UTF8, "1:!text after the closing quote of a field@1\n2:[d]\nend");
}

static void test_embedded_newlines(void **state)
{
    (void)state;
    check("\"x\ny\",z\r\n\"p\r\nq\",r\rs\n", HR_CSV_UTF8,
          "1:[x\\ny][z]\n3:[p\\r\\nq][r]\n5:[s]\nend");
    check("\"a,\rb\"\r\"\r\"\r", HR_CSV_MAC_ROMAN, "1:[a,\\rb]\n3:[\\r]\nend");
}

static void test_line_ends(void **state)
{
    (void)state;
    check("a\nb\r\nc\rd\n", HR_CSV_UTF8, "1:[a]\n2:[b]\n3:[c]\n4:[d]\nend");
    check("a\r\rb\r\n\r\nc\n\nd", HR_CSV_UTF8, "1:[a]\n3:[b]\n5:[c]\n7:[d]\nend");
    /* A line with nothing on it is skipped; "" is one empty field. */
    check("\n\r\n\r", HR_CSV_UTF8, "end");
    check("\"\"\r\n", HR_CSV_UTF8, "1:[]\nend");
    check("", HR_CSV_AUTO, "end");
}

static void test_no_final_terminator(void **state)
{
    (void)state;
    check("x,y", HR_CSV_UTF8, "1:[x][y]\nend");
    check("x,", HR_CSV_UTF8, "1:[x][]\nend");
    check("h\r\"x\"", HR_CSV_UTF8, "1:[h]\n2:[x]\nend");
    check("h\r\"x\"\"\"", HR_CSV_UTF8, "1:[h]\n2:[x\"]\nend");
}

static void test_bom(void **state)
{
    (void)state;
    check("\xEF\xBB\xBF"
          "a,b\n",
          HR_CSV_UTF8, "1:[a][b]\nend");
    check("\xEF\xBB\xBF", HR_CSV_AUTO, "end");
    check("\xEF\xBB", HR_CSV_MAC_ROMAN, "1:[\xC3\x94\xC2\xAA]\nend");
    /* Only at the very start. */
    check("a\n\xEF\xBB\xBF"
          "b\n",
          HR_CSV_UTF8,
          "1:[a]\n2:[\xEF\xBB\xBF"
          "b]\nend");

    const char input[] = "\xEF\xBB\xBF"
                         "x\r\xC3\xA9\r";
    mem_source m = {input, sizeof input - 1, 0, 0};
    hr_csv *csv = NULL;
    hr_csv_record rec;
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, &m, HR_CSV_AUTO, NULL), 0);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.byte_offset, 3);
    assert_int_equal(hr_csv_encoding_used(csv), HR_CSV_UTF8);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.byte_offset, 5);
    assert_string_equal(rec.fields[0], "\xC3\xA9");
    assert_int_equal(hr_csv_next(csv, &rec), 0);
    hr_csv_free(csv);
}

static void test_mac_roman(void **state)
{
    (void)state;
    /* café, ’s, “q”, – , •, no-break space, á à í ö ô è */
    const char *input = "caf\x8E,\xD5s,\xD2q\xD3\r\xD0,\xA5,\xCA,\x87\x88\x92\x9A\x99\x8F\r";
    const char *expected = "1:[caf\xC3\xA9][\xE2\x80\x99s][\xE2\x80\x9Cq\xE2\x80\x9D]\n"
                           "2:[\xE2\x80\x93][\xE2\x80\xA2][\xC2\xA0]"
                           "[\xC3\xA1\xC3\xA0\xC3\xAD\xC3\xB6\xC3\xB4\xC3\xA8]\nend";
    check(input, HR_CSV_MAC_ROMAN, expected);
    check(input, HR_CSV_AUTO, expected);
    check(input, HR_CSV_UTF8, "1:!invalid UTF-8@1\n2:!invalid UTF-8@2\nend");
    /* The first and last entries of the table, and the 3-byte ones at its end. */
    check("\x80\xF0\xFF", HR_CSV_MAC_ROMAN, "1:[\xC3\x84\xEF\xA3\xBF\xCB\x87]\nend");
}

static void test_utf8(void **state)
{
    (void)state;
    check("\"\xC3\xA9\",\xE2\x80\x99,\xF0\x9F\x98\x80\n", HR_CSV_UTF8,
          "1:[\xC3\xA9][\xE2\x80\x99][\xF0\x9F\x98\x80]\nend");
    check("\xC3\xA9\n", HR_CSV_AUTO, "1:[\xC3\xA9]\nend");
    /* The line of the bad byte, inside a record of three lines. */
    check("ok\n\"a\n\xFF\",b\nnext\n", HR_CSV_UTF8, "1:[ok]\n2:!invalid UTF-8@3\n4:[next]\nend");
    const char *bad[] = {
        "\xC0\xAF",           /* overlong '/' */
        "\xE0\x80\xAF",       /* overlong, 3 bytes */
        "\xED\xA0\x80",       /* a surrogate */
        "\xF4\x90\x80\x80",   /* past U+10FFFF */
        "\xC3",               /* cut by the end of the file */
        "\xC3,",              /* cut by a separator */
        "\xC3x\xA9",          /* cut by plain text, then a continuation byte */
        "\"\xE2\x80zz\x80\"", /* the same, quoted */
        "\xE2\x80\n",         /* cut by a line end */
        "\x80",               /* a lone continuation byte */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check(bad[i], HR_CSV_UTF8, "1:!invalid UTF-8@1\nend");
}

static void test_nul_byte(void **state)
{
    (void)state;
    check_limits("a\0b,c\nd\n", 8, HR_CSV_UTF8, NULL, "1:!NUL byte@1\n2:[d]\nend");
}

/* The UPR Info case: ASCII for longer than a chunk, then a Mac Roman accent. */
static void test_auto_guess_late(void **state)
{
    (void)state;
    hr_buf in, want;
    hr_buf_init(&in, 1024 * 1024);
    hr_buf_init(&want, 1024 * 1024);
    size_t lines = 0;
    while (in.len < 3 * HR_CSV_CHUNK) {
        assert_int_equal(hr_buf_puts(&in, "Paraguay,GRULAC,\"OAS, OEI\",Accepted\r"), 0);
        hr_buf_printf(&want, "%zu:[Paraguay][GRULAC][OAS, OEI][Accepted]\n", ++lines);
    }
    assert_int_equal(hr_buf_puts(&in, "Guaran\x92\r\xC3\xA9\r"), 0);
    hr_buf_printf(&want, "%zu:[Guaran\xC3\xAD]\n%zu:[\xE2\x88\x9A\xC2\xA9]\nend", lines + 1,
                  lines + 2);
    check(hr_buf_cstr(&in), HR_CSV_AUTO, hr_buf_cstr(&want));

    mem_source m = {in.data, in.len, 0, 0};
    hr_csv *csv = NULL;
    hr_csv_record rec;
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, &m, HR_CSV_AUTO, NULL), 0);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(hr_csv_encoding_used(csv), HR_CSV_AUTO);
    while (hr_csv_next(csv, &rec) == 1)
        ;
    assert_int_equal(hr_csv_encoding_used(csv), HR_CSV_MAC_ROMAN);
    hr_csv_free(csv);
    hr_buf_free(&in);
    hr_buf_free(&want);
}

/* The guess looks at the whole window, however the source splits it. */
static void test_auto_guess_window(void **state)
{
    (void)state;
    /* "é" in UTF-8, then a Mac Roman "é": Mac Roman, even read 1 byte at a time. */
    check("\xC3\xA9,x\x8E\n", HR_CSV_AUTO, "1:[\xE2\x88\x9A\xC2\xA9][x\xC3\xA9]\nend");
    /* A sequence cut by the end of the file is not UTF-8. */
    check("x\n\xC3", HR_CSV_AUTO, "1:[x]\n2:[\xE2\x88\x9A]\nend");
    check("x\n\xC3\xA9", HR_CSV_AUTO, "1:[x]\n2:[\xC3\xA9]\nend");
}

/* `n` copies of `c`, NUL-terminated; free with free(). */
static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    assert_non_null(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

static void test_field_limit(void **state)
{
    (void)state;
    char *longest = repeat('x', HR_CSV_FIELD_MAX);
    char *too_long = repeat('y', HR_CSV_FIELD_MAX + 1);
    hr_buf in;
    hr_buf_init(&in, 1024 * 1024);
    hr_buf_printf(&in, "a,%s\nb,\"%s\n\"\nc,\"q\"\"\"\n", longest, too_long);
    mem_source m = {in.data, in.len, 0, 0};
    hr_csv *csv = NULL;
    hr_csv_record rec;
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, &m, HR_CSV_UTF8, NULL), 0);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.error, 0);
    assert_int_equal(rec.count, 2);
    assert_int_equal(strlen(rec.fields[1]), HR_CSV_FIELD_MAX);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.error, HR_ELIMIT);
    assert_string_equal(rec.reason, "field longer than 65536 bytes");
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.count, 0);
    /* The reader found the end of the refused record inside the quotes. */
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.error, 0);
    assert_int_equal(rec.line, 4);
    assert_int_equal(rec.count, 2);
    assert_string_equal(rec.fields[0], "c");
    assert_string_equal(rec.fields[1], "q\"");
    assert_int_equal(hr_csv_next(csv, &rec), 0);
    hr_csv_free(csv);
    hr_buf_free(&in);
    free(longest);
    free(too_long);
}

static void test_fields_and_record_limits(void **state)
{
    (void)state;
    hr_buf in;
    hr_buf_init(&in, 1024 * 1024);
    for (int i = 0; i < HR_CSV_MAX_FIELDS; i++)
        hr_buf_puts(&in, i == 0 ? "f" : ",f");
    hr_buf_puts(&in, "\r");
    for (int i = 0; i <= HR_CSV_MAX_FIELDS; i++)
        hr_buf_puts(&in, i == 0 ? "g" : ",g");
    hr_buf_puts(&in, "\r");
    char *big = repeat('z', 60000); /* 5 x 60,000 > 256 KiB */
    hr_buf_printf(&in, "%s,%s,%s,%s,%s\rlast", big, big, big, big, big);
    free(big);

    mem_source m = {in.data, in.len, 0, 0};
    hr_csv *csv = NULL;
    hr_csv_record rec;
    assert_int_equal(hr_csv_open(&csv, NULL, HR_CSV_UTF8), HR_EINVAL);
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, &m, HR_CSV_AUTO, NULL), 0);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.count, HR_CSV_MAX_FIELDS);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.error, HR_ELIMIT);
    assert_string_equal(rec.reason, "more than 64 fields");
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.error, HR_ELIMIT);
    assert_string_equal(rec.reason, "record longer than 262144 bytes");
    assert_int_equal(rec.line, 3);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.error, 0);
    assert_string_equal(rec.fields[0], "last");
    assert_int_equal(rec.byte_offset, in.len - 4);
    assert_int_equal(hr_csv_next(csv, &rec), 0);
    hr_csv_free(csv);
    hr_buf_free(&in);
}

/* Limits count the decoded UTF-8 bytes: a Mac Roman "é" is two. */
static void test_limits_after_decoding(void **state)
{
    (void)state;
    hr_csv_limits small = {4, 2, 5};
    const char *input = "\x8E\x8E,a\r\x8E\x8E\x8E\rb,c,d\r\x8E\x8E,\x8E\rok";
    check_limits(input, strlen(input), HR_CSV_MAC_ROMAN, &small,
                 "1:[\xC3\xA9\xC3\xA9][a]\n2:!field longer than 4 bytes@2\n"
                 "3:!more than 2 fields@3\n4:!record longer than 5 bytes@4\n5:[ok]\nend");
    hr_csv *csv = NULL;
    hr_csv_limits zero = {0, 1, 1}, wide = {1, HR_CSV_MAX_FIELDS + 1, 1};
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, NULL, HR_CSV_UTF8, &zero), HR_EINVAL);
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, NULL, HR_CSV_UTF8, &wide), HR_EINVAL);
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, NULL, (hr_csv_encoding)7, NULL), HR_EINVAL);
    assert_null(csv);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    check("a,b\n\"c,d\ne\n", HR_CSV_UTF8, "1:[a][b]\nhard -21: unterminated quoted field@2");
    check("a,b\nx,\"c,d\ne\n", HR_CSV_UTF8, "1:[a][b]\nhard -21: unterminated quoted field@2");
    check("\"", HR_CSV_AUTO, "hard -21: unterminated quoted field@1");

    const char input[] = "h\r\nx,\"open";
    mem_source m = {input, sizeof input - 1, 0, 0};
    hr_csv *csv = NULL;
    hr_csv_record rec;
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, &m, HR_CSV_UTF8, NULL), 0);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(hr_csv_next(csv, &rec), HR_EPARSE);
    assert_int_equal(rec.error, HR_EPARSE);
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.byte_offset, 3);
    assert_int_equal(hr_csv_next(csv, &rec), HR_EPARSE);
    hr_csv_free(csv);
}

static void test_empty_and_ragged(void **state)
{
    (void)state;
    check(",,\n,\n\"\",\"\"\n", HR_CSV_UTF8, "1:[][][]\n2:[][]\n3:[][]\nend");
    check("a,b,c\nd\ne,f\n", HR_CSV_UTF8, "1:[a][b][c]\n2:[d]\n3:[e][f]\nend");
}

static void test_offsets_and_read_errors(void **state)
{
    (void)state;
    const char input[] = "ab,c\r\nd\r\n\r\ne";
    mem_source m = {input, sizeof input - 1, 0, 2};
    hr_csv *csv = NULL;
    hr_csv_record rec;
    uint64_t offsets[] = {0, 6, 11};
    assert_int_equal(hr_csv_open_reader(&csv, mem_read, &m, HR_CSV_UTF8, NULL), 0);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(hr_csv_next(csv, &rec), 1);
        assert_int_equal(rec.byte_offset, offsets[i]);
        assert_true(hr_csv_bytes_read(csv) >= offsets[i] + 1);
    }
    assert_int_equal(rec.line, 4);
    assert_int_equal(hr_csv_next(csv, &rec), 0);
    hr_csv_free(csv);

    assert_int_equal(hr_csv_open_reader(&csv, failing_read, NULL, HR_CSV_UTF8, NULL), 0);
    assert_int_equal(hr_csv_next(csv, &rec), HR_EIO);
    assert_int_equal(hr_csv_next(csv, &rec), HR_EIO);
    hr_csv_free(csv);
    hr_csv_free(NULL);
}

/* The 129 Paraguay recommendations of UPR session 10, as UPR Info exports them. */
static void test_upr_info_file(void **state)
{
    (void)state;
    static const char *const header[] = {"To",     "To-Rgrp",   "To-Org",   "Text",
                                         "From",   "From-Rgrp", "From-Org", "Response",
                                         "Action", "Issue",     "Session"};
    FILE *f = fopen(HRTRACK_TEST_UPRINFO_DIR "/paraguay-session10.csv", "rb");
    assert_non_null(f);
    hr_csv *csv = NULL;
    hr_csv_record rec;
    assert_int_equal(hr_csv_open(&csv, f, HR_CSV_AUTO), 0);
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_int_equal(rec.count, 11);
    for (size_t i = 0; i < 11; i++)
        assert_string_equal(rec.fields[i], header[i]);
    size_t records = 0;
    int rc;
    while ((rc = hr_csv_next(csv, &rec)) == 1) {
        records++;
        assert_int_equal(rec.error, 0);
        assert_int_equal(rec.count, 11);
        assert_int_equal(rec.line, records + 1);
        assert_string_equal(rec.fields[0], "Paraguay");
        assert_string_equal(rec.fields[10], "10");
        if (rec.line == 15)
            assert_string_equal(rec.fields[3], "Expand the coverage of programmes that combat "
                                               "poverty, such as \"Tekopor\xC3\xA3\" ");
        if (rec.line == 49)
            assert_non_null(strstr(rec.fields[3], "of the Guaran\xC3\xAD language"));
    }
    assert_int_equal(rc, 0);
    assert_int_equal(records, 129);
    assert_int_equal(hr_csv_encoding_used(csv), HR_CSV_MAC_ROMAN);
    assert_int_equal(hr_csv_bytes_read(csv), 30738);
    hr_csv_free(csv);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_embedded_newlines),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_no_final_terminator),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_mac_roman),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_auto_guess_late),
        cmocka_unit_test(test_auto_guess_window),
        cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_fields_and_record_limits),
        cmocka_unit_test(test_limits_after_decoding),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_empty_and_ragged),
        cmocka_unit_test(test_offsets_and_read_errors),
        cmocka_unit_test(test_upr_info_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
