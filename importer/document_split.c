/*
 * Splitting UN documents into recommendations (see document_split.h).
 *
 * The text is read once, line by line. A line that begins with a paragraph
 * number ("84.", "84.1.", "12.") opens a block; other lines are added to the
 * open block, so that wrapped paragraphs and numbers standing alone on their
 * line come out the same. Whether a number really opens a block depends on
 * the numbers seen so far (84.2 follows 84.1, 85 follows 84.46, 13 follows
 * 12): a wrapped line that happens to begin with "2010." or "1.5" is not
 * taken for a paragraph. A block is judged when the next one opens: a UPR
 * block is a chapeau or an item, a treaty-body paragraph a recommendation
 * or not.
 *
 * Keywords are matched with ASCII case folding. They are fixed English
 * phrases, for which that is exact; the document's own text is never folded
 * or otherwise changed, only its white space collapsed.
 */
#include "document_split.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND      ((size_t)-1)
#define GROUP_MAX      400u         /* bytes between the parentheses naming States */
#define NUMBER_MAX     9999u        /* largest paragraph number read */
#define TITLE_WINDOW   (8u * 1024u) /* where hr_doc_symbol_info looks for the title */
#define HEADING_MAX    80u          /* bytes of a short heading line in concluding observations */
#define PARAGRAPH_STEP 10u          /* a treaty-body paragraph number may skip this many */

/* ---- bytes and words ---------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_letter(char c)
{
    return is_upper(c) || is_lower(c);
}

static char fold(char c)
{
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* Whether s[0..n) begins with `lit`, ignoring ASCII case. */
static int starts_ci(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++) {
        if (fold(s[i]) != fold(lit[i]))
            return 0;
    }
    return 1;
}

/* Offset of the first `lit` in s[0..n), ignoring ASCII case; NOT_FOUND if none. */
static size_t find_ci(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; k <= n && i <= n - k; i++) {
        if (starts_ci(s + i, n - i, lit))
            return i;
    }
    return NOT_FOUND;
}

/*
 * Byte length of the white-space character at s[0..n), 0 when there is
 * none: ASCII white space, no-break space, the U+2000 spaces, the
 * ideographic space and the byte-order mark, all of which PDF extraction
 * leaves in running text.
 */
static size_t space_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
        return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (n < 3)
        return 0;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] <= 0x8A || u[2] == 0xAF))
        return 3;
    if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) ||
        (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) ||
        (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
        return 3;
    return 0;
}

/* Byte length of the white-space character that ends at s[end), 0 if none. */
static size_t space_before(const char *s, size_t end)
{
    for (size_t k = 1; k <= 3 && k <= end; k++) {
        if (space_len(s + end - k, k) == k)
            return k;
    }
    return 0;
}

static void trim(const char **s, size_t *n)
{
    size_t k;
    while ((k = space_len(*s, *n)) > 0) {
        *s += k;
        *n -= k;
    }
    while ((k = space_before(*s, *n)) > 0)
        *n -= k;
}

/* ---- lines -------------------------------------------------------------- */

typedef struct reader {
    const char *text;
    size_t len;
    size_t pos;
    size_t line; /* number of the next line */
} reader;

typedef struct line {
    const char *s; /* trimmed */
    size_t len;
    size_t no; /* 1-based */
} line;

/* Reads the next line (LF, CRLF or CR ends it), trimmed. Returns 0 at the end. */
static int next_line(reader *r, line *out)
{
    if (r->pos >= r->len)
        return 0;
    const char *s = r->text + r->pos;
    size_t n = 0, rest = r->len - r->pos;
    while (n < rest && s[n] != '\n' && s[n] != '\r')
        n++;
    size_t used = n;
    if (used < rest)
        used += (s[n] == '\r' && used + 1 < rest && s[n + 1] == '\n') ? 2 : 1;
    r->pos += used;
    out->no = r->line++;
    out->s = s;
    out->len = n;
    trim(&out->s, &out->len);
    return 1;
}

/* The next line that is not blank, without consuming anything. */
static int peek_text_line(const reader *r, line *out)
{
    reader copy = *r;
    while (next_line(&copy, out)) {
        if (out->len > 0)
            return 1;
    }
    return 0;
}

/* ---- paragraph numbers -------------------------------------------------- */

typedef struct number {
    unsigned major; /* 84 */
    unsigned minor; /* 1 in "84.1."; 0 when plain */
    int dotted;     /* "84.1" rather than "84." */
    size_t used;    /* bytes of the number itself */
} number;

static size_t read_digits(unsigned *value, const char *s, size_t n)
{
    size_t k = 0;
    *value = 0;
    while (k < n && k < 4 && is_digit(s[k])) {
        *value = *value * 10u + (unsigned)(s[k] - '0');
        k++;
    }
    if (k < n && is_digit(s[k]))
        return 0;
    return k;
}

/*
 * Reads "84.", "84.1." or "84.1" at the start of a line, followed by white
 * space or the end of the line. Returns 1 when the line starts so.
 */
static int read_number(number *out, const char *s, size_t n)
{
    memset(out, 0, sizeof *out);
    size_t k = read_digits(&out->major, s, n);
    if (k == 0 || k >= n || s[k] != '.' || out->major == 0)
        return 0;
    k++;
    size_t m = read_digits(&out->minor, s + k, n - k);
    if (m > 0) {
        if (out->minor == 0)
            return 0;
        out->dotted = 1;
        k += m;
        if (k < n && s[k] == '.')
            k++;
    }
    if (k < n && space_len(s + k, n - k) == 0)
        return 0;
    out->used = k;
    return 1;
}

/* ---- page furniture, footnotes and headings ----------------------------- */

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return 0;
    }
    return n > 0;
}

/* A document symbol alone on its line ("A/HRC/17/18"), as running heads repeat it. */
static int is_symbol_line(const char *s, size_t n)
{
    if (n < 3 || n > 60 || memchr(s, '/', n) == NULL)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!is_letter(c) && !is_digit(c) && c != '/' && c != '.' && c != '-' && c != '(' &&
            c != ')')
            return 0;
    }
    return 1;
}

/* The print job number of the first page: "GE.11-12344", "GE.19-14393(E)". */
static int is_job_number(const char *s, size_t n)
{
    return n >= 4 && n <= 40 && starts_ci(s, n, "GE.") && is_digit(s[3]);
}

/* Whether the line opens a footnote: "1 \tThe recommendation as read ...", "* Adopted by ...". */
static int opens_footnote(const char *s, size_t n, int after_complete_block)
{
    if (n > 0 && s[0] == '*')
        return 1;
    size_t k = 0;
    while (k < n && k < 3 && is_digit(s[k]))
        k++;
    if (k == 0 || (k < n && is_digit(s[k])))
        return 0;
    size_t j = k;
    while (j < n && s[j] == ' ')
        j++;
    if (j < n && s[j] == '\t')
        return 1;
    /* "1 See ..." is a footnote only where a paragraph could not go on. */
    return after_complete_block && (k == n || space_len(s + k, n - k) > 0);
}

/*
 * "Annex", "Annexes", "Annex I", "Annex Composition of the delegation": a
 * short line that starts with the capitalised word. The report proper has
 * ended; "annexed to" in a wrapped sentence has not.
 */
static int is_annex(const char *s, size_t n)
{
    if (n > 40 || n < 5 || memcmp(s, "Annex", 5) != 0)
        return 0;
    if (n == 5 || space_len(s + 5, n - 5) > 0)
        return 1;
    return n >= 7 && s[5] == 'e' && s[6] == 's' && (n == 7 || space_len(s + 7, n - 7) > 0);
}

/* Length of a chapter prefix: roman numerals ("II.") or one capital ("B."), with the dot. */
static size_t chapter_prefix(const char *s, size_t n, int roman_only)
{
    size_t k = 0;
    while (k < n && k < 6 && strchr("IVXL", s[k]) != NULL && s[k] != '\0')
        k++;
    if (k == 0 && !roman_only && n > 0 && is_upper(s[0]))
        k = 1;
    if (k == 0 || k >= n || s[k] != '.')
        return 0;
    return k + 1;
}

/* "III. Voluntary pledges", or "III." alone: the next chapter. */
static int is_chapter(const char *s, size_t n)
{
    size_t k = chapter_prefix(s, n, 1);
    return k > 0 && (k == n || space_len(s + k, n - k) > 0);
}

/* "A. Introduction", "C. Principal matters of concern and recommendations". */
static int is_lettered_heading(const char *s, size_t n)
{
    size_t k = chapter_prefix(s, n, 0);
    if (k == 0)
        return 0;
    if (k == n)
        return 1;
    size_t sp = space_len(s + k, n - k);
    return sp > 0 && k + sp < n && is_upper(s[k + sp]);
}

/*
 * A subject heading of concluding observations ("Non-discrimination",
 * "Right to life") after a finished paragraph: short, capitalised, without
 * closing punctuation. A wrapped line is never short in the middle of a
 * paragraph, and a paragraph's last line ends with a full stop.
 */
static int is_subject_heading(const char *s, size_t n)
{
    if (n == 0 || n > HEADING_MAX || !is_upper(s[0]) || strchr(".;:,)", s[n - 1]) != NULL)
        return 0;
    size_t words = 1;
    for (size_t i = 0; i < n; i++)
        words += s[i] == ' ';
    return words <= 10;
}

/* ---- the section to read ------------------------------------------------ */

/* The heading `phrase` alone on its line, maybe after "II." and before footnote stars. */
static int is_section_heading(const char *s, size_t n, const char *phrase)
{
    size_t k = chapter_prefix(s, n, 0);
    while (k < n && space_len(s + k, n - k) > 0)
        k += space_len(s + k, n - k);
    if (!starts_ci(s + k, n - k, phrase))
        return 0;
    for (k += strlen(phrase); k < n; k++) {
        if (s[k] != '*' && s[k] != ' ' && s[k] != '\t')
            return 0;
    }
    return 1;
}

/* Page numbers or dot leaders after a heading: it was the table of contents. */
static int is_contents_line(const char *s, size_t n)
{
    number num;
    if (find_ci(s, n, "..") != NOT_FOUND || find_ci(s, n, "\xE2\x80\xA6") != NOT_FOUND)
        return 1;
    return n > 0 && is_digit(s[0]) && !read_number(&num, s, n);
}

/* Moves `r` past the first heading among `phrases` that is not in the table of contents. */
static int find_section(reader *r, const char *const *phrases)
{
    line ln, next;
    while (next_line(r, &ln)) {
        int match = 0;
        for (size_t i = 0; phrases[i] != NULL && !match; i++)
            match = is_section_heading(ln.s, ln.len, phrases[i]);
        if (match && peek_text_line(r, &next) && !is_contents_line(next.s, next.len))
            return 1;
    }
    return 0;
}

/* ---- blocks ------------------------------------------------------------- */

typedef struct mark {
    size_t offset; /* in the block's text */
    size_t line;
} mark;

enum block_kind { B_NONE, B_CHAPEAU, B_ITEM, B_SUBITEM, B_EITHER, B_PARAGRAPH };

typedef struct block {
    int kind; /* B_NONE when no block is open */
    number num;
    size_t line;
    hr_buf text; /* white space collapsed */
    mark *marks; /* where each source line starts in `text` */
    size_t mark_count;
    size_t mark_cap;
} block;

static int add_mark(block *b, size_t line_no)
{
    if (b->mark_count == b->mark_cap) {
        if (b->mark_cap >= HR_DOC_ITEM_MAX + 1)
            return HR_ELIMIT;
        size_t cap = b->mark_cap ? b->mark_cap * 2 : 16;
        mark *marks = realloc(b->marks, cap * sizeof *marks);
        if (marks == NULL)
            return HR_ENOMEM;
        b->marks = marks;
        b->mark_cap = cap;
    }
    b->marks[b->mark_count].offset = b->text.len;
    b->marks[b->mark_count].line = line_no;
    b->mark_count++;
    return 0;
}

/* Appends s[0..n) with every run of white space made one space. */
static int append_text(hr_buf *buf, const char *s, size_t n)
{
    size_t i = 0;
    int rc = 0;
    while (rc == 0 && i < n) {
        size_t sp = 0, k;
        while (i < n && (k = space_len(s + i, n - i)) > 0) {
            i += k;
            sp = 1;
        }
        size_t start = i;
        while (i < n && space_len(s + i, n - i) == 0)
            i++;
        if (i == start)
            break;
        int gap = buf->len > 0 && (sp || start == 0) && buf->data[buf->len - 1] != ' ';
        if (gap)
            rc = hr_buf_append(buf, " ", 1);
        if (rc == 0)
            rc = hr_buf_append(buf, s + start, i - start);
    }
    return rc;
}

static int block_append(block *b, const char *s, size_t n, size_t line_no)
{
    if (n == 0)
        return 0;
    int rc = add_mark(b, line_no);
    return rc == 0 ? append_text(&b->text, s, n) : rc;
}

static int block_open(block *b, int kind, const number *num, const line *ln)
{
    b->kind = kind;
    b->num = *num;
    b->line = ln->no;
    b->mark_count = 0;
    hr_buf_reset(&b->text);
    const char *rest = ln->s + num->used;
    size_t n = ln->len - num->used;
    trim(&rest, &n);
    return block_append(b, rest, n, ln->no);
}

/* The source line of the block's text at `offset`. */
static size_t line_at(const block *b, size_t offset)
{
    size_t line_no = b->line;
    for (size_t i = 0; i < b->mark_count && b->marks[i].offset <= offset; i++)
        line_no = b->marks[i].line;
    return line_no;
}

/* ---- the result --------------------------------------------------------- */

typedef struct splitter {
    hr_doc_items *out;
    size_t cap;
    hr_doc_kind kind;
    block block;
    int footnote;            /* FOOT_* */
    unsigned last_paragraph; /* treaty bodies and special procedures */
    int in_section;          /* special procedures: a recommendations section was found */
} splitter;

enum footnote_state { FOOT_NONE, FOOT_NUMBER, FOOT_TEXT };

static char *copy_text(const char *s, size_t n)
{
    char *copy = malloc(n + 1);
    if (copy != NULL) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

/* Adds one item; `text` is trimmed here and an empty one is left out. */
static int add_item(splitter *sp, const char *paragraph, const char *text, size_t text_len,
                    const hr_buf *recommending, const char *position, size_t line_no)
{
    trim(&text, &text_len);
    if (text_len == 0)
        return 0;
    hr_doc_items *out = sp->out;
    if (out->count == HR_DOC_MAX_ITEMS)
        return HR_ELIMIT;
    if (out->count == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 64;
        hr_doc_item *items = realloc(out->items, cap * sizeof *items);
        if (items == NULL)
            return HR_ENOMEM;
        out->items = items;
        sp->cap = cap;
    }
    hr_doc_item *item = &out->items[out->count];
    memset(item, 0, sizeof *item);
    item->paragraph = copy_text(paragraph, strlen(paragraph));
    item->text = copy_text(text, text_len);
    if (recommending != NULL && recommending->len > 0)
        item->recommending = copy_text(recommending->data, recommending->len);
    item->position = position;
    item->line = line_no;
    out->count++;
    if (item->paragraph == NULL || item->text == NULL ||
        (recommending != NULL && recommending->len > 0 && item->recommending == NULL))
        return HR_ENOMEM;
    return 0;
}

/* ---- UPR: who recommended ----------------------------------------------- */

/* The '(' that matches the ')' at s[close], at most GROUP_MAX bytes back. */
static size_t match_open(const char *s, size_t close)
{
    int depth = 0;
    for (size_t i = close + 1; i-- > 0 && close - i <= GROUP_MAX;) {
        if (s[i] == ')')
            depth++;
        else if (s[i] == '(' && --depth == 0)
            return i;
    }
    return NOT_FOUND;
}

/* Words of instruments and institutions, which no State's name contains. */
static int names_instrument(const char *s, size_t n)
{
    static const char *const words[] = {
        "Convention", "Covenant",  "Protocol", "Statute", "Act",        "Law",    "Code",   "Plan",
        "Programme",  "Committee", "Council",  "Court",   "Commission", "Treaty", "Agenda", NULL};
    size_t pos = 0;
    while (pos < n) {
        while (pos < n && !is_letter(s[pos]))
            pos++;
        size_t start = pos;
        while (pos < n && is_letter(s[pos]))
            pos++;
        for (size_t i = 0; words[i] != NULL && pos > start; i++) {
            if (strlen(words[i]) == pos - start && memcmp(s + start, words[i], pos - start) == 0)
                return 1;
        }
    }
    return 0;
}

/*
 * Whether the text inside parentheses can name States: an ASCII capital
 * first, no digits, a small letter in every comma-separated name and no
 * instrument's word, so that "(No. 169)", "(CRC)" and "(Istanbul
 * Convention)" are not taken for States.
 */
static int names_states(const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0 || !is_upper(s[0]) || names_instrument(s, n))
        return 0;
    int lower_seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_digit(s[i]) || s[i] == ';' || s[i] == ':')
            return 0;
        if (s[i] == ',') {
            if (!lower_seen)
                return 0;
            lower_seen = 0;
        }
        lower_seen |= is_lower(s[i]);
    }
    return lower_seen;
}

static size_t skip_back_spaces(const char *s, size_t end)
{
    size_t k;
    while ((k = space_before(s, end)) > 0)
        end -= k;
    return end;
}

/* Skips back over a footnote marker (1-3 digits) right after ')', ';' or '.'. */
static size_t skip_back_marker(const char *s, size_t end)
{
    size_t e = end;
    while (e > 0 && end - e < 3 && is_digit(s[e - 1]))
        e--;
    if (e < end && e > 0 && (s[e - 1] == ')' || s[e - 1] == ';' || s[e - 1] == '.'))
        return e;
    return end;
}

/*
 * Finds the "(States)" group that ends an item: "... (Spain);", "(Costa
 * Rica)2;", "(Spain);1", "(Austria).". Sets [*open, *close] to its
 * parentheses and returns 1, or returns 0.
 */
static int final_group(size_t *open, size_t *close, const char *s, size_t n)
{
    size_t e = skip_back_marker(s, skip_back_spaces(s, n));
    e = skip_back_spaces(s, e);
    if (e > 0 && (s[e - 1] == ';' || s[e - 1] == '.' || s[e - 1] == ','))
        e = skip_back_spaces(s, e - 1);
    e = skip_back_marker(s, e);
    if (e == 0 || s[e - 1] != ')')
        return 0;
    size_t o = match_open(s, e - 1);
    if (o == NOT_FOUND || !names_states(s + o + 1, e - 2 - o))
        return 0;
    *open = o;
    *close = e - 1;
    return 1;
}

static int append_states(hr_buf *rec, const char *s, size_t n)
{
    trim(&s, &n);
    int rc = rec->len > 0 ? hr_buf_append(rec, ", ", 2) : 0;
    return rc == 0 ? append_text(rec, s, n) : rc;
}

/*
 * The "(State);" groups inside an item that gathers several
 * recommendations ("... (Algeria); sign and ratify ... (Egypt); ..."), in
 * order, into `rec`. One pass with a small stack of open parentheses keeps
 * this linear whatever the text.
 */
static int inner_groups(hr_buf *rec, const char *s, size_t n)
{
    size_t stack[16];
    size_t depth = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (s[i] == '(') {
            if (depth < sizeof stack / sizeof stack[0])
                stack[depth] = i;
            depth++;
            continue;
        }
        if (s[i] != ')' || depth == 0 || --depth >= sizeof stack / sizeof stack[0])
            continue;
        size_t o = stack[depth], j = i + 1;
        while (j < n && j - i <= 3 && is_digit(s[j]))
            j++;
        if (j < n && s[j] == ';' && i - o <= GROUP_MAX && names_states(s + o + 1, i - o - 1))
            rc = append_states(rec, s + o + 1, i - o - 1);
    }
    return rc;
}

/* ---- UPR: chapeaus and items -------------------------------------------- */

enum item_style { STYLE_NONE, STYLE_DOTTED, STYLE_PLAIN };

typedef struct upr_state {
    unsigned chapeau;   /* number of the current chapeau; 0 before the first */
    unsigned last_item; /* the last item under it */
    int style;          /* STYLE_* of its items */
    const char *position;
    int done;
} upr_state;

/* The position a chapeau paragraph gives its items (see document_split.h). */
static const char *position_of(const char *s, size_t n)
{
    static const char *const noted[] = {
        "did not enjoy", "do not enjoy", "does not enjoy", "not supported", "been noted",
        "be noted",      "noted by",     "rejected",       "not accepted",  NULL};
    static const char *const pending[] = {"will be examined", "will examine",
                                          "will provide responses", "will respond", NULL};
    static const char *const supported[] = {"enjoy", "support", "accepted", NULL};
    for (size_t i = 0; noted[i] != NULL; i++) {
        if (find_ci(s, n, noted[i]) != NOT_FOUND)
            return "noted";
    }
    for (size_t i = 0; pending[i] != NULL; i++) {
        if (find_ci(s, n, pending[i]) != NOT_FOUND)
            return NULL;
    }
    for (size_t i = 0; supported[i] != NULL; i++) {
        if (find_ci(s, n, supported[i]) != NOT_FOUND)
            return "supported";
    }
    return NULL;
}

/*
 * "All conclusions and/or recommendations ... reflect the position of ...".
 * Only the start is looked at: this runs for every numbered line.
 */
static int is_closing(const char *s, size_t n)
{
    return starts_ci(s, n, "All conclusions");
}

static int block_has_group(const block *b)
{
    size_t open, close;
    return b->text.len > 0 && final_group(&open, &close, b->text.data, b->text.len);
}

/* What an ambiguous "K." turns out to be once its text is known. */
static int upr_resolved_kind(const block *b)
{
    if (b->kind != B_EITHER)
        return b->kind;
    return block_has_group(b) ? B_SUBITEM : B_CHAPEAU;
}

/*
 * The state once the open block is closed. `with_position` reads the
 * chapeau's wording, which only the final close needs.
 */
static upr_state upr_after(const upr_state *st, const block *b, int with_position)
{
    upr_state next = *st;
    const char *s = b->text.data ? b->text.data : "";
    switch (upr_resolved_kind(b)) {
    case B_CHAPEAU:
        if (is_closing(s, b->text.len)) {
            next.done = 1;
            break;
        }
        next.chapeau = b->num.major;
        next.last_item = 0;
        next.style = STYLE_NONE;
        next.position = with_position ? position_of(s, b->text.len) : NULL;
        break;
    case B_ITEM:
        if (b->num.major != st->chapeau) {
            next.chapeau = b->num.major;
            next.position = NULL;
        }
        next.last_item = b->num.minor;
        next.style = STYLE_DOTTED;
        break;
    case B_SUBITEM:
        next.last_item = b->num.major;
        next.style = STYLE_PLAIN;
        break;
    default:
        break;
    }
    return next;
}

/* The block that `num` opens after state `st`, or B_NONE when it continues the open one. */
static int upr_kind(const upr_state *st, const number *num)
{
    if (num->dotted) {
        if (st->chapeau == 0 || (num->major == st->chapeau + 1 && num->minor == 1))
            return B_ITEM; /* items whose chapeau number was lost */
        if (num->major == st->chapeau && num->minor > st->last_item && st->style != STYLE_PLAIN)
            return B_ITEM;
        return B_NONE;
    }
    if (st->chapeau == 0)
        return B_CHAPEAU;
    int next_chapeau = num->major == st->chapeau + 1;
    int next_item = st->style != STYLE_DOTTED && num->major == st->last_item + 1;
    if (next_chapeau && next_item)
        return B_EITHER;
    return next_chapeau ? B_CHAPEAU : next_item ? B_SUBITEM : B_NONE;
}

/* Adds the open block if it is an item; `st` is the state after it. */
static int upr_emit(splitter *sp, const block *b, const upr_state *st)
{
    int kind = upr_resolved_kind(b);
    if (kind != B_ITEM && kind != B_SUBITEM)
        return 0;
    char paragraph[32];
    snprintf(paragraph, sizeof paragraph, "%u.%u", st->chapeau,
             kind == B_ITEM ? b->num.minor : b->num.major);
    const char *s = b->text.data ? b->text.data : "";
    size_t text_end = b->text.len, open, close;
    hr_buf rec;
    hr_buf_init(&rec, HR_DOC_ITEM_MAX);
    int rc = 0;
    if (final_group(&open, &close, s, b->text.len)) {
        text_end = open;
        rc = inner_groups(&rec, s, open);
        if (rc == 0)
            rc = append_states(&rec, s + open + 1, close - open - 1);
    } else {
        text_end = skip_back_spaces(s, text_end);
        if (text_end > 0 && (s[text_end - 1] == ';' || s[text_end - 1] == ','))
            text_end--;
    }
    if (rc == 0)
        rc = add_item(sp, paragraph, s, text_end, &rec, st->position, b->line);
    hr_buf_free(&rec);
    return rc;
}

/* ---- treaty bodies and special procedures ------------------------------- */

typedef struct word {
    size_t start;
    size_t len;
} word;

/* The next run of ASCII letters at or after *pos. */
static int next_word(word *w, const char *s, size_t n, size_t *pos)
{
    size_t i = *pos;
    while (i < n && !is_letter(s[i]))
        i++;
    if (i == n)
        return 0;
    w->start = i;
    while (i < n && is_letter(s[i]))
        i++;
    w->len = i - w->start;
    *pos = i;
    return 1;
}

static int word_is(const char *s, const word *w, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++) {
        if (strlen(list[i]) == w->len && starts_ci(s + w->start, w->len, list[i]))
            return 1;
    }
    return 0;
}

static int is_adverb(const char *s, const word *w)
{
    static const char *const adverbs[] = {"also", "further", "again",        "once", "therefore",
                                          "thus", "however", "nevertheless", NULL};
    return word_is(s, w, adverbs) || (w->len > 3 && starts_ci(s + w->start + w->len - 2, 2, "ly"));
}

/* Whether the verb at `w` recommends: "recommends", "calls upon", "reiterates its recommendation".
 */
static int recommending_verb(const char *s, size_t n, const word *w)
{
    static const char *const verbs[] = {"recommends", "recommend", "urges",    "urge",
                                        "encourages", "encourage", "requests", "request",
                                        "invites",    "invite",    NULL};
    static const char *const calls[] = {"calls", "call", NULL};
    static const char *const upon[] = {"upon", "on", NULL};
    static const char *const reiterates[] = {"reiterates", "reiterate", NULL};
    if (word_is(s, w, verbs))
        return 1;
    size_t pos = w->start + w->len;
    word next;
    if (word_is(s, w, calls))
        return next_word(&next, s, n, &pos) && word_is(s, &next, upon);
    if (!word_is(s, w, reiterates))
        return 0;
    for (int i = 0; i < 4 && next_word(&next, s, n, &pos); i++) {
        if (starts_ci(s + next.start, next.len, "recommendation"))
            return 1;
    }
    return 0;
}

/*
 * Where the paragraph starts recommending: "The Committee (also) recommends",
 * "The Special Rapporteur urges", "The State party should". Returns the
 * offset of the subject, or NOT_FOUND.
 */
static size_t find_trigger(const char *s, size_t n)
{
    static const char *const actors[] = {
        "Committee", "Subcommittee",   "Rapporteur",   "Group",   "Expert",
        "Experts",   "Representative", "Commissioner", "Mission", NULL};
    static const char *const subjects[] = {"party", "Government", "authorities", "State", NULL};
    static const char *const shall[] = {"should", "must", NULL};
    word w, prev = {0, 0};
    size_t pos = 0;
    while (next_word(&w, s, n, &pos)) {
        if (prev.len > 0 && word_is(s, &w, shall) && word_is(s, &prev, subjects))
            return prev.start;
        prev = w;
        if (!word_is(s, &w, actors) || !is_upper(s[w.start]))
            continue;
        size_t look = pos;
        word v;
        for (int i = 0; i < 3 && next_word(&v, s, n, &look); i++) {
            if (recommending_verb(s, n, &v))
                return w.start;
            if (!is_adverb(s, &v))
                break;
        }
    }
    return NOT_FOUND;
}

/* A list marker may follow ':', ';', '.', the start, or "; and" / ", or". */
static int marker_place(const char *s, size_t at)
{
    size_t j = skip_back_spaces(s, at);
    if (j == 0)
        return 1;
    if (s[j - 1] == ':' || s[j - 1] == ';' || s[j - 1] == '.')
        return 1;
    size_t w = j;
    while (w > 0 && is_letter(s[w - 1]))
        w--;
    if (!((j - w == 3 && starts_ci(s + w, 3, "and")) || (j - w == 2 && starts_ci(s + w, 2, "or"))))
        return 0;
    j = skip_back_spaces(s, w);
    return j > 0 && (s[j - 1] == ';' || s[j - 1] == ',');
}

/*
 * The next list marker "(x)" for `letter` at or after `from`. A "(i)"
 * followed later by "(ii)" numbers a sub-list, not the ninth item.
 */
static size_t find_marker(const char *s, size_t n, size_t from, char letter, size_t last_roman_ii)
{
    for (size_t i = from; i + 3 <= n; i++) {
        if (s[i] != '(' || s[i + 1] != letter || s[i + 2] != ')')
            continue;
        if (i + 3 < n && s[i + 3] != ' ')
            continue;
        if (letter == 'i' && last_roman_ii != NOT_FOUND && last_roman_ii > i)
            continue;
        if (marker_place(s, i))
            return i;
    }
    return NOT_FOUND;
}

static size_t find_last(const char *s, size_t n, const char *lit)
{
    size_t last = NOT_FOUND, k = strlen(lit);
    for (size_t i = 0; k <= n && i <= n - k; i++) {
        if (memcmp(s + i, lit, k) == 0)
            last = i;
    }
    return last;
}

/* The end of a list item without its "; and", ";" or final full stop. */
static size_t item_end(const char *s, size_t start, size_t end)
{
    end = skip_back_spaces(s, end);
    size_t w = end;
    while (w > start && is_letter(s[w - 1]))
        w--;
    size_t before = skip_back_spaces(s, w);
    if (((end - w == 3 && starts_ci(s + w, 3, "and")) ||
         (end - w == 2 && starts_ci(s + w, 2, "or"))) &&
        before > start && (s[before - 1] == ';' || s[before - 1] == ','))
        end = before;
    if (end > start && strchr(";,.", s[end - 1]) != NULL)
        end--;
    return end;
}

/* Adds the paragraph in the open block if it recommends, split at its letters. */
static int paragraph_emit(splitter *sp, const block *b)
{
    if (b->kind != B_PARAGRAPH || b->text.len == 0)
        return 0;
    const char *s = b->text.data;
    size_t n = b->text.len;
    size_t trigger = find_trigger(s, n);
    if (trigger == NOT_FOUND)
        return 0;
    size_t roman_ii = find_last(s, n, "(ii)");
    size_t at[26];
    size_t count = 0;
    for (size_t from = trigger; count < 26; count++) {
        size_t m = find_marker(s, n, from, (char)('a' + count), roman_ii);
        if (m == NOT_FOUND)
            break;
        at[count] = m;
        from = m + 3;
    }
    char paragraph[32];
    if (count == 0) {
        snprintf(paragraph, sizeof paragraph, "%u", b->num.major);
        return add_item(sp, paragraph, s, n, NULL, NULL, b->line);
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < count; i++) {
        size_t start = at[i] + 3;
        size_t end = item_end(s, start, i + 1 < count ? at[i + 1] : n);
        snprintf(paragraph, sizeof paragraph, "%u(%c)", b->num.major, (char)('a' + i));
        rc = add_item(sp, paragraph, s + start, end - start, NULL, NULL, line_at(b, at[i]));
    }
    return rc;
}

/* ---- the line loop ------------------------------------------------------ */

/* Whether the open block has ended as a whole paragraph or item does. */
static int block_complete(const splitter *sp)
{
    const block *b = &sp->block;
    if (b->kind == B_NONE || b->text.len == 0)
        return 0;
    if (sp->kind == HR_DOC_UPR_REPORT)
        return block_has_group(b);
    return b->text.data[b->text.len - 1] == '.';
}

static int close_block(splitter *sp, upr_state *st)
{
    int rc = 0;
    block *b = &sp->block;
    if (sp->kind == HR_DOC_UPR_REPORT) {
        upr_state next = upr_after(st, b, 1);
        if (!next.done)
            rc = upr_emit(sp, b, &next);
        *st = next;
    } else {
        rc = paragraph_emit(sp, b);
    }
    b->kind = B_NONE;
    return rc;
}

/* A numbered line: opens a block when the number fits, else returns 0 to continue the open one. */
static int number_line(int *opened, splitter *sp, upr_state *st, const number *num, const line *ln)
{
    block *b = &sp->block;
    int kind = B_NONE;
    *opened = 0;
    if (sp->kind == HR_DOC_UPR_REPORT) {
        upr_state next = upr_after(st, b, 0);
        if (next.done) {
            /* The closing paragraph has ended: so has the section. */
            *opened = 1;
            return close_block(sp, st);
        }
        kind = upr_kind(&next, num);
    } else if (!num->dotted && num->major <= NUMBER_MAX &&
               (sp->last_paragraph == 0 || (num->major > sp->last_paragraph &&
                                            num->major <= sp->last_paragraph + PARAGRAPH_STEP))) {
        kind = B_PARAGRAPH;
    }
    if (kind == B_NONE)
        return 0;
    int rc = close_block(sp, st);
    if (rc == 0 && !st->done) {
        if (kind == B_PARAGRAPH)
            sp->last_paragraph = num->major;
        rc = block_open(b, kind, num, ln);
    }
    sp->footnote = FOOT_NONE;
    *opened = 1;
    return rc;
}

/* Whether the report proper has ended at this line. */
static int is_stop(const splitter *sp, const char *s, size_t n)
{
    if (sp->kind == HR_DOC_UPR_REPORT || sp->in_section)
        return is_annex(s, n) || is_chapter(s, n);
    return sp->last_paragraph > 0 && is_annex(s, n);
}

/* Headings of concluding observations and special-procedure reports end the open paragraph. */
static int is_heading(const splitter *sp, const char *s, size_t n)
{
    if (sp->kind == HR_DOC_UPR_REPORT)
        return 0;
    return is_lettered_heading(s, n) || (block_complete(sp) && is_subject_heading(s, n));
}

static int text_line(splitter *sp, upr_state *st, const line *ln)
{
    const char *s = ln->s;
    size_t n = ln->len;
    if (n == 0) {
        if (sp->footnote == FOOT_TEXT)
            sp->footnote = FOOT_NONE;
        return 0;
    }
    number num;
    if (read_number(&num, s, n)) {
        int opened = 0;
        int rc = number_line(&opened, sp, st, &num, ln);
        if (rc != 0 || opened)
            return rc;
    } else if (is_stop(sp, s, n)) {
        int rc = close_block(sp, st);
        st->done = 1;
        return rc;
    }
    if (all_digits(s, n) && n <= 4) {
        /* A page number, or the number of a footnote whose text follows. */
        if (sp->footnote == FOOT_NONE && block_complete(sp))
            sp->footnote = FOOT_NUMBER;
        return 0;
    }
    if (is_symbol_line(s, n) || is_job_number(s, n)) {
        /* A running head after the number: it was a page number. */
        if (sp->footnote == FOOT_NUMBER)
            sp->footnote = FOOT_NONE;
        return 0;
    }
    if (sp->footnote != FOOT_NONE || opens_footnote(s, n, block_complete(sp))) {
        sp->footnote = FOOT_TEXT;
        return 0;
    }
    if (is_heading(sp, s, n))
        return close_block(sp, st);
    if (sp->block.kind == B_NONE)
        return 0;
    return block_append(&sp->block, s, n, ln->no);
}

static int read_lines(splitter *sp, reader *r)
{
    upr_state st;
    memset(&st, 0, sizeof st);
    line ln;
    int rc = 0;
    while (rc == 0 && !st.done && next_line(r, &ln))
        rc = text_line(sp, &st, &ln);
    if (rc == 0 && !st.done)
        rc = close_block(sp, &st);
    return rc;
}

static int split(splitter *sp, const char *text, size_t len)
{
    static const char *const upr_headings[] = {"Conclusions and/or recommendations",
                                               "Conclusions and recommendations", NULL};
    static const char *const sp_headings[] = {"Conclusions and recommendations", "Recommendations",
                                              NULL};
    reader r = {text, len, 0, 1};
    if (sp->kind == HR_DOC_UPR_REPORT && !find_section(&r, upr_headings))
        return HR_EUNPROCESSABLE;
    if (sp->kind == HR_DOC_SPECIAL_PROCEDURE) {
        sp->in_section = find_section(&r, sp_headings);
        if (!sp->in_section)
            r = (reader){text, len, 0, 1};
    }
    return read_lines(sp, &r);
}

int hr_doc_split(hr_doc_items *out, const char *text, size_t len, hr_doc_kind kind)
{
    if (out == NULL)
        return HR_EINVAL;
    out->items = NULL;
    out->count = 0;
    if ((text == NULL && len > 0) || (kind != HR_DOC_UPR_REPORT && kind != HR_DOC_TREATY_BODY &&
                                      kind != HR_DOC_SPECIAL_PROCEDURE))
        return HR_EINVAL;
    if (len > HR_DOC_MAX_BYTES)
        return HR_ELIMIT;
    if (len > 0 && !hr_text_is_utf8(text, len))
        return HR_EPARSE;
    splitter sp;
    memset(&sp, 0, sizeof sp);
    sp.out = out;
    sp.kind = kind;
    hr_buf_init(&sp.block.text, HR_DOC_ITEM_MAX);
    int rc = split(&sp, text != NULL ? text : "", len);
    hr_buf_free(&sp.block.text);
    free(sp.block.marks);
    if (rc != 0)
        hr_doc_items_free(out);
    return rc;
}

void hr_doc_items_free(hr_doc_items *items)
{
    if (items == NULL)
        return;
    for (size_t i = 0; i < items->count; i++) {
        free(items->items[i].paragraph);
        free(items->items[i].text);
        free(items->items[i].recommending);
    }
    free(items->items);
    items->items = NULL;
    items->count = 0;
}

/* ---- what a symbol names ------------------------------------------------ */

/* Whether `phrase` (written without spaces) occurs in s[0..n) when white space is ignored. */
static int contains_unspaced(const char *s, size_t n, const char *phrase)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i, k = 0;
        while (phrase[k] != '\0' && j < n) {
            size_t sp = space_len(s + j, n - j);
            if (sp > 0 && k > 0) {
                j += sp;
                continue;
            }
            if (fold(s[j]) != fold(phrase[k]))
                break;
            j++;
            k++;
        }
        if (phrase[k] == '\0')
            return 1;
    }
    return 0;
}

typedef struct treaty_symbol {
    const char *prefix;
    const char *mechanism;
} treaty_symbol;

/* The more specific prefixes first. */
static const treaty_symbol treaty_symbols[] = {
    {"CAT/OP/", "SPT"},   {"CRC/C/OPAC/", "CRC"}, {"CRC/C/OPSC/", "CRC"}, {"CCPR/C/", "CCPR"},
    {"E/C.12/", "CESCR"}, {"CRC/C/", "CRC"},      {"CEDAW/C/", "CEDAW"},  {"CERD/C/", "CERD"},
    {"CAT/C/", "CAT"},    {"CRPD/C/", "CRPD"},    {"CMW/C/", "CMW"},      {"CED/C/", "CED"},
};

/* The three letters after the body's part of the symbol, if that is what follows. */
static void read_alpha3(char alpha3[4], const char *rest, size_t n)
{
    if (n < 3 || !is_letter(rest[0]) || !is_letter(rest[1]) || !is_letter(rest[2]) ||
        (n > 3 && rest[3] != '/'))
        return;
    for (size_t i = 0; i < 3; i++)
        alpha3[i] = is_lower(rest[i]) ? (char)(rest[i] - 'a' + 'A') : rest[i];
    alpha3[3] = '\0';
}

static int valid_symbol(const char *symbol, size_t n)
{
    if (n == 0 || n > 100)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = symbol[i];
        if (!is_letter(c) && !is_digit(c) && strchr("/.-()_", c) == NULL)
            return 0;
    }
    return 1;
}

/* An "A/..." symbol: the title in the first pages decides. */
static int kind_from_text(hr_doc_kind *kind, const char *symbol, const char *text, size_t len)
{
    static const char *const special[] = {"SpecialRapporteur", "IndependentExpert",
                                          "SpecialRepresentative", "WorkingGroupon", NULL};
    size_t n = len < TITLE_WINDOW ? len : TITLE_WINDOW;
    if (contains_unspaced(text, n, "WorkingGroupontheUniversalPeriodicReview")) {
        *kind = HR_DOC_UPR_REPORT;
        return 0;
    }
    for (size_t i = 0; special[i] != NULL; i++) {
        if (contains_unspaced(text, n, special[i])) {
            *kind = HR_DOC_SPECIAL_PROCEDURE;
            return 0;
        }
    }
    if (len == 0 && find_ci(symbol, strlen(symbol), "/Add.") != NOT_FOUND) {
        *kind = HR_DOC_SPECIAL_PROCEDURE;
        return 0;
    }
    return HR_EPARAM;
}

static int symbol_info(hr_doc_kind *kind, char mechanism[12], char alpha3[4], const char *symbol,
                       const char *text, size_t len)
{
    size_t n = strlen(symbol);
    if (!valid_symbol(symbol, n))
        return HR_EPARAM;
    for (size_t i = 0; i < sizeof treaty_symbols / sizeof treaty_symbols[0]; i++) {
        size_t k = strlen(treaty_symbols[i].prefix);
        if (starts_ci(symbol, n, treaty_symbols[i].prefix)) {
            *kind = HR_DOC_TREATY_BODY;
            snprintf(mechanism, 12, "%s", treaty_symbols[i].mechanism);
            read_alpha3(alpha3, symbol + k, n - k);
            return 0;
        }
    }
    if (starts_ci(symbol, n, "A/HRC/WG.6/")) {
        if (find_ci(symbol, n, "/L.") == NOT_FOUND)
            return HR_EPARAM;
        *kind = HR_DOC_UPR_REPORT;
    } else if (!starts_ci(symbol, n, "A/")) {
        return HR_EPARAM;
    } else {
        int rc = kind_from_text(kind, symbol, text, len);
        if (rc != 0)
            return rc;
    }
    snprintf(mechanism, 12, "%s", *kind == HR_DOC_UPR_REPORT ? "UPR" : "SP");
    return 0;
}

int hr_doc_symbol_info(hr_doc_kind *kind, char mechanism[12], char alpha3[4], const char *symbol,
                       const char *text, size_t len)
{
    if (kind == NULL || mechanism == NULL || alpha3 == NULL || symbol == NULL ||
        (text == NULL && len > 0))
        return HR_EINVAL;
    mechanism[0] = '\0';
    alpha3[0] = '\0';
    if (len > HR_DOC_MAX_BYTES)
        return HR_ELIMIT;
    if (len > 0 && !hr_text_is_utf8(text, len))
        return HR_EPARSE;
    int rc = symbol_info(kind, mechanism, alpha3, symbol, text != NULL ? text : "", len);
    if (rc != 0) {
        mechanism[0] = '\0';
        alpha3[0] = '\0';
    }
    return rc;
}
