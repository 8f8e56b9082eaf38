/*
 * The document splitter against real UN documents (tests/data/documents,
 * see its README for where each comes from and how the expected lists were
 * checked), and small inline documents for each rule: wrapped lines, a
 * number alone on its line, footnotes, the table of contents, lettered
 * items, positions, refused input and the limits.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "document_split.h"
#include "hrtrack/buf.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_PATH_MAX 1024
#define EXPECTED_MAX 512

/* ---- helpers ------------------------------------------------------------ */

static char *read_doc(size_t *len, const char *name)
{
    char path[DOC_PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", HRTRACK_TEST_DOCS_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    hr_buf buf;
    hr_buf_init(&buf, HR_DOC_MAX_BYTES);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(hr_buf_append(&buf, chunk, n), 0);
    assert_int_equal(ferror(f), 0);
    fclose(f);
    *len = buf.len;
    char *text = hr_buf_steal(&buf);
    assert_non_null(text);
    return text;
}

typedef struct expected {
    char *paragraph;
    char *recommending; /* "" for none */
    char *text_start;
    char *position; /* "" for none */
} expected;

/* Splits one TSV line in place into its four fields. */
static void split_expected(expected *row, char *line)
{
    char *fields[4];
    for (size_t i = 0; i < 4; i++) {
        fields[i] = line;
        char *tab = strchr(line, '\t');
        if (i < 3) {
            assert_non_null(tab);
            *tab = '\0';
            line = tab + 1;
        } else {
            assert_null(tab);
        }
    }
    row->paragraph = fields[0];
    row->recommending = fields[1];
    row->text_start = fields[2];
    row->position = fields[3];
}

/* Reads an .expected.tsv file; the rows point into *storage. */
static size_t read_expected(expected *rows, char **storage, const char *name)
{
    size_t len = 0;
    char *text = read_doc(&len, name);
    size_t count = 0;
    char *line = text;
    int header = 1;
    while (*line != '\0') {
        char *end = strchr(line, '\n');
        assert_non_null(end);
        *end = '\0';
        if (header)
            assert_string_equal(line, "paragraph\trecommending\ttext_start\tposition");
        else {
            assert_true(count < EXPECTED_MAX);
            split_expected(&rows[count++], line);
        }
        header = 0;
        line = end + 1;
    }
    *storage = text;
    return count;
}

/* The text of line `no` (1-based) of text[0..len), in `out`. */
static void get_line(char *out, size_t size, const char *text, size_t len, size_t no)
{
    size_t i = 0;
    for (size_t k = 1; k < no && i < len; i++) {
        if (text[i] == '\n')
            k++;
    }
    size_t j = i;
    while (j < len && text[j] != '\n' && j - i + 1 < size)
        j++;
    memcpy(out, text + i, j - i);
    out[j - i] = '\0';
}

static void check_item(const hr_doc_item *item, const expected *row)
{
    assert_string_equal(item->paragraph, row->paragraph);
    assert_string_equal(item->recommending ? item->recommending : "", row->recommending);
    assert_string_equal(item->position ? item->position : "", row->position);
    if (strncmp(item->text, row->text_start, strlen(row->text_start)) != 0)
        fail_msg("%s: text \"%.60s\" does not start \"%s\"", item->paragraph, item->text,
                 row->text_start);
    /* No trace of the number, the final parenthesis or white space left over. */
    assert_true(item->text[0] != ' ' && item->text[strlen(item->text) - 1] != ' ');
    assert_null(strstr(item->text, "  "));
}

/* Splits document `name` and compares it with `expected_name`, line by line. */
static void check_document(const char *name, hr_doc_kind kind, const char *expected_name)
{
    size_t len = 0;
    char *text = read_doc(&len, name);
    expected rows[EXPECTED_MAX];
    char *storage = NULL;
    size_t count = read_expected(rows, &storage, expected_name);
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, text, len, kind), 0);
    assert_int_equal(items.count, count);
    for (size_t i = 0; i < count; i++) {
        check_item(&items.items[i], &rows[i]);
        /* The reported line is where the number or letter stands. */
        char source[256];
        get_line(source, sizeof source, text, len, items.items[i].line);
        const char *p = items.items[i].paragraph;
        const char *letter = strchr(p, '(');
        if (letter != NULL)
            assert_non_null(strstr(source, letter));
        else if (kind == HR_DOC_UPR_REPORT)
            assert_true(strncmp(source, p, strlen(p)) == 0);
    }
    hr_doc_items_free(&items);
    free(storage);
    free(text);
}

static size_t split_count(const char *text, hr_doc_kind kind)
{
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, text, strlen(text), kind), 0);
    size_t count = items.count;
    hr_doc_items_free(&items);
    return count;
}

/* ---- the real documents ------------------------------------------------- */

static void test_paraguay(void **state)
{
    (void)state;
    check_document("A-HRC-17-18-paraguay.txt", HR_DOC_UPR_REPORT,
                   "A-HRC-17-18-paraguay.expected.tsv");
}

static void test_paraguay_pdftotext(void **state)
{
    (void)state;
    check_document("A-HRC-17-18-paraguay.pdftotext.txt", HR_DOC_UPR_REPORT,
                   "A-HRC-17-18-paraguay.expected.tsv");
}

static void test_spain(void **state)
{
    (void)state;
    check_document("A-HRC-15-6-spain.txt", HR_DOC_UPR_REPORT, "A-HRC-15-6-spain.expected.tsv");
}

static void test_ccpr_sample(void **state)
{
    (void)state;
    check_document("CCPR-C-PRY-CO-4-sample.txt", HR_DOC_TREATY_BODY,
                   "CCPR-C-PRY-CO-4-sample.expected.tsv");
    /* The subject heading after 11(c) and the page break inside 11 stay out of the text. */
    size_t len = 0;
    char *text = read_doc(&len, "CCPR-C-PRY-CO-4-sample.txt");
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, text, len, HR_DOC_TREATY_BODY), 0);
    assert_int_equal(items.count, 4);
    assert_string_equal(items.items[0].text,
                        "Enact a general law against discrimination that covers direct, indirect "
                        "and multiple discrimination on every ground protected by the Covenant, "
                        "in public and private life");
    assert_string_equal(items.items[2].text,
                        "Investigate hate crimes promptly, prosecute and punish those responsible, "
                        "and ensure that no public funds go to organizations that incite hatred");
    hr_doc_items_free(&items);
    free(text);
}

/* Footnotes are not part of the item above them, wherever extraction puts them. */
static void test_footnotes_left_out(void **state)
{
    (void)state;
    const char *names[] = {"A-HRC-17-18-paraguay.txt", "A-HRC-17-18-paraguay.pdftotext.txt",
                           "A-HRC-15-6-spain.txt"};
    for (size_t d = 0; d < 3; d++) {
        size_t len = 0;
        char *text = read_doc(&len, names[d]);
        hr_doc_items items;
        assert_int_equal(hr_doc_split(&items, text, len, HR_DOC_UPR_REPORT), 0);
        for (size_t i = 0; i < items.count; i++) {
            assert_null(strstr(items.items[i].text, "as read"));
            assert_null(strstr(items.items[i].text, "A/HRC/17/18"));
        }
        hr_doc_items_free(&items);
        free(text);
    }
}

/* Slovenia 2010 numbers its items "1." to "97." and gathers several recommendations in some. */
static void test_slovenia(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = read_doc(&len, "A-HRC-14-15-slovenia.txt");
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, text, len, HR_DOC_UPR_REPORT), 0);
    assert_int_equal(items.count, 97);
    for (size_t i = 0; i < items.count; i++) {
        char paragraph[32];
        snprintf(paragraph, sizeof paragraph, "111.%zu", i + 1);
        assert_string_equal(items.items[i].paragraph, paragraph);
        assert_null(items.items[i].position);
        assert_non_null(items.items[i].recommending);
    }
    const hr_doc_item *first = &items.items[0];
    assert_string_equal(first->recommending, "Algeria, Egypt, Bosnia and Herzegovina, Argentina");
    assert_true(strncmp(first->text, "To examine the possibility of joining", 37) == 0);
    /* The States inside the text stay there; only the final group is cut. */
    assert_non_null(strstr(first->text, "(Egypt); ratify"));
    assert_null(strstr(first->text, "(Argentina)"));
    /* "(No. 118)" and "(No. 174)" are not States. */
    assert_string_equal(items.items[2].recommending, "Argentina");
    assert_string_equal(items.items[34].recommending, "Azerbaijan, Italy, Colombia");
    assert_string_equal(items.items[96].recommending, "Norway");
    assert_true(strncmp(items.items[96].text, "To establish an effective and inclusive", 39) == 0);
    hr_doc_items_free(&items);
    free(text);
}

/* ---- inline cases ------------------------------------------------------- */

static const char upr_doc[] =
    "Contents\n"
    "II. Conclusions and/or recommendations.......... 84-86 13\n"
    "Annex Composition of the delegation ....... 23\n"
    "84.\n"
    "Interactive dialogue paragraph that is not in the section (France);\n"
    "II. Conclusions and/or recommendations\n"
    "84. The recommendations formulated during the interactive dialogue and listed\n"
    "below enjoy the support of Testland:\n"
    "84.1. Ratify the Optional Protocol to the Convention against Torture\n"
    "(Argentina, Brazil);\n"
    "84.2.\n"
    "\n"
    "Adopt a law on\n"
    "  domestic   violence (Chile)2;\n"
    "1\n"
    "\n"
    "The recommendation as read during the interactive dialogue: longer.\n"
    "\n"
    "14\n"
    "\n"
    "A/HRC/99/1\n"
    "\n"
    "84.3. Consider raising the age of criminal responsibility to\n"
    "\n"
    "14\n"
    "\n"
    "A/HRC/99/1\n"
    "\n"
    "14 years (Venezuela (Bolivarian Republic of)).\n"
    "85. The recommendations below did not enjoy the support of Testland:\n"
    "85.1 Abolish the death penalty (Norway);1\n"
    "2 \tThe recommendation as read: abolish it.\n"
    "86. All conclusions and/or recommendations contained in the present report reflect the\n"
    "position of the submitting State(s) and/or the State under review.\n"
    "Annex\n"
    "87.1. Not a recommendation (Nowhere);\n";

static void test_upr_inline(void **state)
{
    (void)state;
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, upr_doc, strlen(upr_doc), HR_DOC_UPR_REPORT), 0);
    assert_int_equal(items.count, 4);
    hr_doc_item *it = items.items;
    assert_string_equal(it[0].paragraph, "84.1");
    assert_string_equal(it[0].text,
                        "Ratify the Optional Protocol to the Convention against Torture");
    assert_string_equal(it[0].recommending, "Argentina, Brazil");
    assert_string_equal(it[0].position, "supported");
    assert_int_equal(it[0].line, 9);
    /* The number alone on its line; white space collapsed; the footnote left out. */
    assert_string_equal(it[1].paragraph, "84.2");
    assert_string_equal(it[1].text, "Adopt a law on domestic violence");
    assert_string_equal(it[1].recommending, "Chile");
    assert_int_equal(it[1].line, 11);
    /* A page break inside an item: page number and running head skipped. */
    assert_string_equal(it[2].text,
                        "Consider raising the age of criminal responsibility to 14 years");
    assert_string_equal(it[2].recommending, "Venezuela (Bolivarian Republic of)");
    assert_string_equal(it[3].paragraph, "85.1");
    assert_string_equal(it[3].text, "Abolish the death penalty");
    assert_string_equal(it[3].position, "noted");
    hr_doc_items_free(&items);
}

/* One item may gather several "(State);" groups; instruments in parentheses are not States. */
static void test_upr_several_states(void **state)
{
    (void)state;
    const char *doc = "Conclusions and/or recommendations\n"
                      "90. The following recommendations enjoy the support of Testland:\n"
                      "90.1. Ratify the Council of Europe Convention (Istanbul Convention); "
                      "adopt a plan (Spain); consider a law (Peru, Chile)3;\n"
                      "90.2. Ratify the Convention on the Rights of the Child (CRC);\n";
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, doc, strlen(doc), HR_DOC_UPR_REPORT), 0);
    assert_int_equal(items.count, 2);
    assert_string_equal(items.items[0].recommending, "Spain, Peru, Chile");
    assert_string_equal(items.items[0].text, "Ratify the Council of Europe Convention (Istanbul "
                                             "Convention); adopt a plan (Spain); consider a law");
    /* "(CRC)" has no small letter: not a State, and it stays in the text. */
    assert_null(items.items[1].recommending);
    assert_string_equal(items.items[1].text,
                        "Ratify the Convention on the Rights of the Child (CRC)");
    hr_doc_items_free(&items);
}

/* Items numbered "1.", "2." under chapeau 3: the fourth item is not chapeau 4. */
static void test_upr_plain_numbers(void **state)
{
    (void)state;
    const char *doc = "Conclusions and/or recommendations\n"
                      "3. The recommendations below will be examined by Testland:\n"
                      "1.\nTo do A (Peru);\n"
                      "2.\nTo do B (Chile);\n"
                      "3.\nTo do C (Cuba);\n"
                      "4.\nTo do D (Iran (Islamic Republic of)).\n"
                      "4.\nAll conclusions and/or recommendations contained in the present report "
                      "reflect the position of the submitting State(s).\n"
                      "5.\nTo do E (Nowhere);\n";
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, doc, strlen(doc), HR_DOC_UPR_REPORT), 0);
    assert_int_equal(items.count, 4);
    assert_string_equal(items.items[3].paragraph, "3.4");
    assert_string_equal(items.items[3].text, "To do D");
    assert_string_equal(items.items[3].recommending, "Iran (Islamic Republic of)");
    assert_null(items.items[3].position);
    hr_doc_items_free(&items);
}

/* The same document with CRLF or CR line ends splits the same. */
static void test_line_endings(void **state)
{
    (void)state;
    hr_buf crlf, cr;
    hr_buf_init(&crlf, 1 << 16);
    hr_buf_init(&cr, 1 << 16);
    for (const char *p = upr_doc; *p != '\0'; p++) {
        assert_int_equal(hr_buf_append(&crlf, *p == '\n' ? "\r\n" : p, *p == '\n' ? 2 : 1), 0);
        assert_int_equal(hr_buf_append(&cr, *p == '\n' ? "\r" : p, 1), 0);
    }
    hr_doc_items a, b;
    assert_int_equal(hr_doc_split(&a, crlf.data, crlf.len, HR_DOC_UPR_REPORT), 0);
    assert_int_equal(hr_doc_split(&b, cr.data, cr.len, HR_DOC_UPR_REPORT), 0);
    assert_int_equal(a.count, 4);
    assert_int_equal(b.count, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(a.items[i].text, b.items[i].text);
        assert_int_equal(a.items[i].line, b.items[i].line);
    }
    assert_int_equal(a.items[1].line, 11);
    hr_doc_items_free(&a);
    hr_doc_items_free(&b);
    hr_buf_free(&crlf);
    hr_buf_free(&cr);
}

static void test_upr_positions(void **state)
{
    (void)state;
    static const struct {
        const char *chapeau;
        const char *position;
    } cases[] = {
        {"enjoy the support of Testland", "supported"},
        {"have been examined by Testland and enjoy its support", "supported"},
        {"did not enjoy the support of Testland", "noted"},
        {"have been noted by Testland", "noted"},
        {"did not enjoy the support of Testland and would thus be noted", "noted"},
        {"will be examined by Testland, which will provide responses in due time", NULL},
        {"are listed below", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char doc[512];
        snprintf(doc, sizeof doc,
                 "Conclusions and/or recommendations\n"
                 "90. The following recommendations %s:\n"
                 "90.1. Do something (Peru);\n",
                 cases[i].chapeau);
        hr_doc_items items;
        assert_int_equal(hr_doc_split(&items, doc, strlen(doc), HR_DOC_UPR_REPORT), 0);
        assert_int_equal(items.count, 1);
        if (cases[i].position == NULL)
            assert_null(items.items[0].position);
        else
            assert_string_equal(items.items[0].position, cases[i].position);
        hr_doc_items_free(&items);
    }
}

/* Only the table of contents names the section: nothing to split. */
static void test_toc_only(void **state)
{
    (void)state;
    const char *doc = "II. Conclusions and/or recommendations\n"
                      "84–87 13\n"
                      "II. Conclusions and/or recommendations..........84–87 13\n"
                      "84. The recommendations below enjoy the support of Testland:\n"
                      "84.1. Do it (Peru);\n";
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, doc, strlen(doc), HR_DOC_UPR_REPORT), HR_EUNPROCESSABLE);
    assert_int_equal(items.count, 0);
    assert_null(items.items);
    assert_int_equal(hr_doc_split(&items, "", 0, HR_DOC_UPR_REPORT), HR_EUNPROCESSABLE);
}

static void test_treaty_lettered(void **state)
{
    (void)state;
    const char *doc =
        "Concluding observations on the fifth periodic report of Testland\n"
        "4. The Committee welcomes the adoption of: (a) The Act on X; (b) The plan on Y.\n"
        "12. The Committee urges the State party: (a) To repeal article 2 (b) of the Code;\n"
        "(b) To adopt a law, in line with article 3 (c); and (c) To train judges.\n"
        "13. The Committee is concerned about: (a) Reports of torture; (b) Impunity. The\n"
        "Committee recommends that the State party: (a) Investigate every report; (b) Punish "
        "those\n"
        "responsible.\n"
        "14. The Committee notes with concern that the State party has not ratified the "
        "Protocol.\n"
        "15. The Committee also strongly encourages the State party to ratify the Protocol.\n"
        "16. The Committee reiterates its previous recommendation and calls upon the State "
        "party to act.\n"
        "17. The Committee reiterates its concern about the backlog of cases.\n";
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, doc, strlen(doc), HR_DOC_TREATY_BODY), 0);
    assert_int_equal(items.count, 7);
    const char *paragraphs[] = {"12(a)", "12(b)", "12(c)", "13(a)", "13(b)", "15", "16"};
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(items.items[i].paragraph, paragraphs[i]);
        assert_null(items.items[i].recommending);
        assert_null(items.items[i].position);
    }
    assert_string_equal(items.items[0].text, "To repeal article 2 (b) of the Code");
    assert_string_equal(items.items[1].text, "To adopt a law, in line with article 3 (c)");
    assert_string_equal(items.items[2].text, "To train judges");
    assert_int_equal(items.items[1].line, 4);
    assert_string_equal(items.items[3].text, "Investigate every report");
    assert_string_equal(items.items[4].text, "Punish those responsible");
    assert_string_equal(items.items[5].text,
                        "The Committee also strongly encourages the State party to ratify "
                        "the Protocol.");
    hr_doc_items_free(&items);
    assert_int_equal(split_count("3. The Committee welcomes the report.\n", HR_DOC_TREATY_BODY), 0);
}

static void test_special_procedure(void **state)
{
    (void)state;
    const char *doc =
        "Report of the Special Rapporteur on the right to food on her visit to Testland\n"
        "Contents\n"
        "V. Conclusions and recommendations ........ 80-90 20\n"
        "12. The Special Rapporteur recommends nothing here; this is the body of the report.\n"
        "V. Conclusions and recommendations\n"
        "A. Conclusions\n"
        "80. The Special Rapporteur notes progress.\n"
        "B. Recommendations\n"
        "81.\n"
        "The Special Rapporteur recommends that the Government:\n"
        "(a) Adopt a framework law on the right to food;\n"
        "(b) Protect small farmers.\n"
        "82. The Government should publish data on hunger.\n"
        "Annex\n"
        "83. The Special Rapporteur recommends an annex.\n";
    hr_doc_items items;
    assert_int_equal(hr_doc_split(&items, doc, strlen(doc), HR_DOC_SPECIAL_PROCEDURE), 0);
    assert_int_equal(items.count, 3);
    assert_string_equal(items.items[0].paragraph, "81(a)");
    assert_string_equal(items.items[0].text, "Adopt a framework law on the right to food");
    assert_int_equal(items.items[0].line, 11);
    assert_string_equal(items.items[1].text, "Protect small farmers");
    assert_string_equal(items.items[2].paragraph, "82");
    hr_doc_items_free(&items);
    /* Without such a section the whole report is read. */
    assert_int_equal(split_count("1. The Independent Expert urges the authorities to act.\n",
                                 HR_DOC_SPECIAL_PROCEDURE),
                     1);
}

/* ---- refused input and limits ------------------------------------------- */

static void test_refused(void **state)
{
    (void)state;
    hr_doc_items items;
    const char bad_utf8[] = "Conclusions and/or recommendations\n84.1. Ratify \xC3\x28 (Peru);\n";
    assert_int_equal(hr_doc_split(&items, bad_utf8, strlen(bad_utf8), HR_DOC_UPR_REPORT),
                     HR_EPARSE);
    assert_int_equal(items.count, 0);
    const char with_nul[] = "12. The State party should\0 act.\n";
    assert_int_equal(hr_doc_split(&items, with_nul, sizeof with_nul - 1, HR_DOC_TREATY_BODY),
                     HR_EPARSE);
    assert_int_equal(hr_doc_split(NULL, "x", 1, HR_DOC_TREATY_BODY), HR_EINVAL);
    assert_int_equal(hr_doc_split(&items, NULL, 1, HR_DOC_TREATY_BODY), HR_EINVAL);
    assert_int_equal(hr_doc_split(&items, "x", 1, (hr_doc_kind)7), HR_EINVAL);
    assert_int_equal(hr_doc_split(&items, NULL, 0, HR_DOC_TREATY_BODY), 0);
    hr_doc_items_free(&items);
    hr_doc_items_free(NULL);
}

static void test_limits(void **state)
{
    (void)state;
    hr_doc_items items;
    /* The whole document. */
    size_t big = (size_t)HR_DOC_MAX_BYTES + 1;
    char *text = malloc(big);
    assert_non_null(text);
    memset(text, 'a', big);
    assert_int_equal(hr_doc_split(&items, text, big, HR_DOC_TREATY_BODY), HR_ELIMIT);
    free(text);

    /* One item. */
    hr_buf doc;
    hr_buf_init(&doc, 1 << 20);
    assert_int_equal(hr_buf_puts(&doc, "12. The State party should"), 0);
    for (size_t i = 0; i < HR_DOC_ITEM_MAX / 8; i++)
        assert_int_equal(hr_buf_puts(&doc, " act now"), 0);
    assert_int_equal(hr_doc_split(&items, doc.data, doc.len, HR_DOC_TREATY_BODY), HR_ELIMIT);
    assert_int_equal(items.count, 0);
    hr_buf_free(&doc);

    /* The number of items: 20,000 pass, one more does not. */
    hr_buf_init(&doc, 1 << 22);
    assert_int_equal(hr_buf_puts(&doc, "Conclusions and/or recommendations\n"), 0);
    for (unsigned i = 0; i < HR_DOC_MAX_ITEMS; i++) {
        if (i % 5000 == 0)
            assert_int_equal(
                hr_buf_printf(&doc, "%u. These enjoy the support of X:\n", 90 + i / 5000), 0);
        assert_int_equal(hr_buf_printf(&doc, "%u.%u. Act (Peru);\n", 90 + i / 5000, i % 5000 + 1),
                         0);
    }
    assert_int_equal(hr_doc_split(&items, doc.data, doc.len, HR_DOC_UPR_REPORT), 0);
    assert_int_equal(items.count, HR_DOC_MAX_ITEMS);
    assert_string_equal(items.items[HR_DOC_MAX_ITEMS - 1].paragraph, "93.5000");
    hr_doc_items_free(&items);
    assert_int_equal(hr_buf_puts(&doc, "93.5001. Act (Peru);\n"), 0);
    assert_int_equal(hr_doc_split(&items, doc.data, doc.len, HR_DOC_UPR_REPORT), HR_ELIMIT);
    assert_int_equal(items.count, 0);
    hr_buf_free(&doc);
}

/* ---- symbols ------------------------------------------------------------ */

static void check_symbol(const char *symbol, hr_doc_kind kind, const char *mechanism,
                         const char *alpha3)
{
    hr_doc_kind got = HR_DOC_UPR_REPORT;
    char mech[12], a3[4];
    assert_int_equal(hr_doc_symbol_info(&got, mech, a3, symbol, NULL, 0), 0);
    assert_int_equal(got, kind);
    assert_string_equal(mech, mechanism);
    assert_string_equal(a3, alpha3);
}

static void test_symbols(void **state)
{
    (void)state;
    check_symbol("CCPR/C/PRY/CO/4", HR_DOC_TREATY_BODY, "CCPR", "PRY");
    check_symbol("E/C.12/PRY/CO/4", HR_DOC_TREATY_BODY, "CESCR", "PRY");
    check_symbol("CRC/C/PRY/CO/4-6", HR_DOC_TREATY_BODY, "CRC", "PRY");
    check_symbol("CRC/C/OPSC/ESP/CO/1", HR_DOC_TREATY_BODY, "CRC", "ESP");
    check_symbol("CEDAW/C/PRY/CO/7", HR_DOC_TREATY_BODY, "CEDAW", "PRY");
    check_symbol("CERD/C/SVN/CO/8-11", HR_DOC_TREATY_BODY, "CERD", "SVN");
    check_symbol("CAT/C/ESP/CO/6", HR_DOC_TREATY_BODY, "CAT", "ESP");
    check_symbol("CRPD/C/PRY/CO/1", HR_DOC_TREATY_BODY, "CRPD", "PRY");
    check_symbol("CMW/C/PRY/CO/1", HR_DOC_TREATY_BODY, "CMW", "PRY");
    check_symbol("CED/C/ESP/CO/1", HR_DOC_TREATY_BODY, "CED", "ESP");
    check_symbol("CAT/OP/PRY/1", HR_DOC_TREATY_BODY, "SPT", "PRY");
    check_symbol("ccpr/c/pry/co/4", HR_DOC_TREATY_BODY, "CCPR", "PRY");
    check_symbol("CCPR/C/GC/36", HR_DOC_TREATY_BODY, "CCPR", "");
    check_symbol("CRC/C/15/Add.166", HR_DOC_TREATY_BODY, "CRC", "");
    check_symbol("A/HRC/WG.6/8/L.5", HR_DOC_UPR_REPORT, "UPR", "");
    check_symbol("A/HRC/52/39/Add.1", HR_DOC_SPECIAL_PROCEDURE, "SP", "");

    /* An A/HRC symbol needs the text. */
    hr_doc_kind kind;
    char mech[12] = "x", a3[4] = "x";
    assert_int_equal(hr_doc_symbol_info(&kind, mech, a3, "A/HRC/17/18", NULL, 0), HR_EPARAM);
    assert_string_equal(mech, "");
    size_t len = 0;
    char *text = read_doc(&len, "A-HRC-17-18-paraguay.txt");
    /* Its title reads "UniversalPeriodic Review": the missing space does not matter. */
    assert_int_equal(hr_doc_symbol_info(&kind, mech, a3, "A/HRC/17/18", text, len), 0);
    assert_int_equal(kind, HR_DOC_UPR_REPORT);
    assert_string_equal(mech, "UPR");
    free(text);
    const char *sr = "Human Rights Council\nReport of the Special Rapporteur on the rights of "
                     "indigenous peoples\nVisit to Testland\n";
    assert_int_equal(hr_doc_symbol_info(&kind, mech, a3, "A/HRC/45/34/Add.1", sr, strlen(sr)), 0);
    assert_int_equal(kind, HR_DOC_SPECIAL_PROCEDURE);
    assert_string_equal(mech, "SP");

    const char *bad[] = {"", "A/HRC/WG.6/10/PRY/1", "HRI/CORE/PRY/2010", "CCPR C PRY",
                         "A/HRC/1\xC3\xA9"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(hr_doc_symbol_info(&kind, mech, a3, bad[i], NULL, 0), HR_EPARAM);
    assert_int_equal(hr_doc_symbol_info(&kind, mech, a3, "A/HRC/17/18", "\xFF", 1), HR_EPARSE);
    assert_int_equal(hr_doc_symbol_info(NULL, mech, a3, "A/HRC/17/18", NULL, 0), HR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paraguay),
        cmocka_unit_test(test_paraguay_pdftotext),
        cmocka_unit_test(test_spain),
        cmocka_unit_test(test_ccpr_sample),
        cmocka_unit_test(test_footnotes_left_out),
        cmocka_unit_test(test_slovenia),
        cmocka_unit_test(test_upr_inline),
        cmocka_unit_test(test_upr_several_states),
        cmocka_unit_test(test_upr_plain_numbers),
        cmocka_unit_test(test_line_endings),
        cmocka_unit_test(test_upr_positions),
        cmocka_unit_test(test_toc_only),
        cmocka_unit_test(test_treaty_lettered),
        cmocka_unit_test(test_special_procedure),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_symbols),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
