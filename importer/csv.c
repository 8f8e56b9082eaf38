/*
 * The streaming CSV reader (see csv.h). A state machine takes the chunk
 * buffer one byte at a time, and copies runs of plain ASCII text in one go,
 * which is where nearly all the bytes of a real file are. All of its state
 * lives in the reader, so a record may span any number of chunks and a CRLF
 * may be cut between two reads: the result never depends on how the source
 * splits its bytes.
 *
 * The record being read is kept as its fields' text, each followed by a NUL,
 * in one bounded buffer; the limits are checked before anything is appended,
 * and once a record is refused its text is no longer kept at all.
 */
#include "csv.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum csv_state {
    S_RECORD, /* between records: a line end here is a blank line, or the LF of a CRLF */
    S_FIELD,  /* at the start of a field */
    S_PLAIN,  /* inside an unquoted field */
    S_QUOTED, /* inside a quoted field */
    S_QUOTE,  /* after a '"' inside a quoted field: the first of "" or the closing quote */
} csv_state;

/* A UTF-8 sequence in progress: continuation bytes still due, and the range of the next. */
typedef struct utf8_check {
    unsigned need;
    unsigned char lo, hi;
} utf8_check;

struct hr_csv {
    hr_csv_read_fn read;
    void *ctx;
    hr_csv_encoding used; /* HR_CSV_AUTO until the guess is made */
    hr_csv_limits limits;
    int hard;        /* the hard error, returned by every later call */
    int bom_checked; /* the start of the file was looked at */
    int eof;         /* the source said there is nothing more */
    int prev_cr;     /* the last byte taken was CR, so an LF now ends no new line */
    unsigned char in[HR_CSV_CHUNK];
    size_t pos, len;     /* unread bytes: in[pos..len) */
    uint64_t bytes_read; /* from the source */
    uint64_t offset;     /* file offset of in[pos] */
    uint64_t line;       /* line of in[pos] */
    csv_state state;

    /* The record being read. */
    hr_buf text;                      /* each field's text, then a NUL */
    size_t starts[HR_CSV_MAX_FIELDS]; /* where each finished field starts in `text` */
    size_t count;                     /* finished fields */
    size_t field_start;               /* where the current field starts in `text` */
    size_t record_bytes;              /* text bytes, NULs not counted */
    uint64_t record_line, record_offset;
    uint64_t quote_line; /* line of the last opening quote */
    utf8_check utf8;
    int error; /* 0, or why the record is refused (or the hard error) */
    uint64_t error_line;
    char reason[HR_CSV_REASON_SIZE];
};

/*
 * Mac OS Roman, bytes 0x80-0xFF, as Unicode code points: the table of
 * Python's 'mac_roman' codec (Apple's ROMAN.TXT with 0xDB as the euro sign
 * and 0xF0 as the Apple logo in the private use area). 0x00-0x7F is ASCII.
 */
static const unsigned short mac_roman[128] = {
    0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, /* 80 Ä Å Ç É Ñ Ö Ü á */
    0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8, /* 88 à â ä ã å ç é è */
    0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, /* 90 ê ë í ì î ï ñ ó */
    0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, /* 98 ò ô ö õ ú ù û ü */
    0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, /* A0 † ° ¢ £ § • ¶ ß */
    0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8, /* A8 ® © ™ ´ ¨ ≠ Æ Ø */
    0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, /* B0 ∞ ± ≤ ≥ ¥ µ ∂ ∑ */
    0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8, /* B8 ∏ π ∫ ª º Ω æ ø */
    0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, /* C0 ¿ ¡ ¬ √ ƒ ≈ ∆ « */
    0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153, /* C8 » … nbsp À Ã Õ Œ œ */
    0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, /* D0 – — “ ” ‘ ’ ÷ ◊ */
    0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02, /* D8 ÿ Ÿ ⁄ € ‹ › ﬁ ﬂ */
    0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, /* E0 ‡ · ‚ „ ‰ Â Ê Á */
    0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4, /* E8 Ë È Í Î Ï Ì Ó Ô */
    0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, /* F0 logo Ò Ú Û Ù ı ˆ ˜ */
    0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7, /* F8 ¯ ˘ ˙ ˚ ¸ ˝ ˛ ˇ */
};

/* Writes the UTF-8 form of Mac Roman byte `c` (>= 0x80) to `out`; returns its length. */
static size_t mac_roman_utf8(char out[3], unsigned char c)
{
    unsigned cp = mac_roman[c - 0x80];
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/*
 * Feeds one byte to a UTF-8 check. Returns 0 when the byte may come here, -1
 * when it makes the text invalid: a stray continuation byte, a missing one,
 * an overlong form, a surrogate, a code point past U+10FFFF.
 */
static int utf8_step(utf8_check *u, unsigned char c)
{
    if (u->need > 0) {
        if (c < u->lo || c > u->hi)
            return -1;
        u->need--;
        u->lo = 0x80;
        u->hi = 0xBF;
        return 0;
    }
    u->lo = 0x80;
    u->hi = 0xBF;
    if (c < 0x80)
        return 0;
    if (c >= 0xC2 && c <= 0xDF) {
        u->need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        u->need = 2;
        u->lo = c == 0xE0 ? 0xA0 : 0x80;
        u->hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        u->need = 3;
        u->lo = c == 0xF0 ? 0x90 : 0x80;
        u->hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return -1;
    }
    return 0;
}

static int file_read(void *ctx, void *buf, size_t cap, size_t *got)
{
    FILE *f = ctx;
    *got = fread(buf, 1, cap, f);
    if (*got == 0 && ferror(f))
        return HR_EIO;
    return 0;
}

/* Moves the unread bytes to the front and asks the source once for more. */
static int fill(hr_csv *csv)
{
    if (csv->pos > 0) {
        memmove(csv->in, csv->in + csv->pos, csv->len - csv->pos);
        csv->len -= csv->pos;
        csv->pos = 0;
    }
    size_t room = sizeof csv->in - csv->len;
    size_t got = 0;
    int rc = csv->read(csv->ctx, csv->in + csv->len, room, &got);
    if (rc != 0 || got > room)
        return rc < 0 ? rc : HR_EINTERNAL;
    if (got == 0)
        csv->eof = 1;
    csv->len += got;
    csv->bytes_read += got;
    return 0;
}

/* Reads until `want` (at most HR_CSV_CHUNK) unread bytes are buffered, or the input ends. */
static int fill_to(hr_csv *csv, size_t want)
{
    while (!csv->eof && csv->len - csv->pos < want) {
        int rc = fill(csv);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Skips a UTF-8 byte-order mark at the start of the file; with HR_CSV_AUTO it means UTF-8. */
static int skip_bom(hr_csv *csv)
{
    csv->bom_checked = 1;
    int rc = fill_to(csv, 3);
    if (rc < 0)
        return rc;
    if (csv->len - csv->pos >= 3 && memcmp(csv->in + csv->pos, "\xEF\xBB\xBF", 3) == 0) {
        csv->pos += 3;
        csv->offset += 3;
        if (csv->used == HR_CSV_AUTO)
            csv->used = HR_CSV_UTF8;
    }
    return 0;
}

/*
 * The HR_CSV_AUTO guess, made at the first byte >= 0x80 (at in[pos]): UTF-8
 * when the HR_CSV_CHUNK bytes from there are valid UTF-8, else Mac Roman.
 * The window is filled to the full chunk whatever the source's read sizes,
 * so that the guess depends on the file alone.
 */
static int guess_encoding(hr_csv *csv)
{
    int rc = fill_to(csv, sizeof csv->in);
    if (rc < 0)
        return rc;
    utf8_check u = {0, 0x80, 0xBF};
    int valid = 1;
    for (size_t i = csv->pos; valid && i < csv->len; i++)
        valid = utf8_step(&u, csv->in[i]) == 0;
    /* A sequence cut by the end of the window is fine, unless the file ends there. */
    if (u.need > 0 && csv->eof)
        valid = 0;
    csv->used = valid ? HR_CSV_UTF8 : HR_CSV_MAC_ROMAN;
    return 0;
}

/* Refuses the current record, unless it already is; the first reason wins. */
static void refuse(hr_csv *csv, int error, const char *reason)
{
    if (csv->error != 0)
        return;
    csv->error = error;
    csv->error_line = csv->line;
    snprintf(csv->reason, sizeof csv->reason, "%s", reason);
}

static void begin_record(hr_csv *csv)
{
    hr_buf_reset(&csv->text);
    csv->count = 0;
    csv->field_start = 0;
    csv->record_bytes = 0;
    csv->record_line = csv->line;
    csv->record_offset = csv->offset;
    csv->utf8.need = 0;
    csv->error = 0;
    csv->error_line = 0;
    csv->reason[0] = '\0';
    csv->state = S_FIELD;
}

/* Appends decoded text to the current field, within the limits. Returns 0 or HR_ENOMEM. */
static int put(hr_csv *csv, const void *bytes, size_t n)
{
    char why[HR_CSV_REASON_SIZE];
    if (csv->error != 0)
        return 0;
    if (csv->text.len - csv->field_start + n > csv->limits.field_max) {
        snprintf(why, sizeof why, "field longer than %zu bytes", csv->limits.field_max);
        refuse(csv, HR_ELIMIT, why);
        return 0;
    }
    if (csv->record_bytes + n > csv->limits.record_max) {
        snprintf(why, sizeof why, "record longer than %zu bytes", csv->limits.record_max);
        refuse(csv, HR_ELIMIT, why);
        return 0;
    }
    csv->record_bytes += n;
    int rc = hr_buf_append(&csv->text, bytes, n);
    return rc == HR_ELIMIT ? HR_EINTERNAL : rc;
}

/* Appends one byte of field text, decoded. */
static int put_byte(hr_csv *csv, unsigned char c)
{
    char utf8[3];
    if (c == '\0') {
        refuse(csv, HR_EPARSE, "NUL byte");
        return 0;
    }
    if (c < 0x80 || csv->used != HR_CSV_MAC_ROMAN)
        return put(csv, &c, 1);
    return put(csv, utf8, mac_roman_utf8(utf8, c));
}

/* Closes the current field. Returns 0 or HR_ENOMEM. */
static int end_field(hr_csv *csv)
{
    if (csv->error == 0 && csv->count == csv->limits.max_fields) {
        char why[HR_CSV_REASON_SIZE];
        snprintf(why, sizeof why, "more than %zu fields", csv->limits.max_fields);
        refuse(csv, HR_ELIMIT, why);
    }
    if (csv->error != 0)
        return 0;
    csv->starts[csv->count++] = csv->field_start;
    int rc = hr_buf_append(&csv->text, "", 1);
    csv->field_start = csv->text.len;
    return rc == HR_ELIMIT ? HR_EINTERNAL : rc;
}

/* The encoding guess and the UTF-8 check, for every byte of a record. */
static int check_byte(hr_csv *csv, unsigned char c)
{
    if (c >= 0x80 && csv->used == HR_CSV_AUTO) {
        int rc = guess_encoding(csv);
        if (rc < 0)
            return rc;
    }
    if (csv->used == HR_CSV_UTF8 && utf8_step(&csv->utf8, c) != 0) {
        refuse(csv, HR_EPARSE, "invalid UTF-8");
        csv->utf8.need = 0;
    }
    return 0;
}

/* Moves past the byte `c` at in[pos], counting lines: CR, LF and CRLF each end one. */
static void advance(hr_csv *csv, unsigned char c)
{
    if (c == '\r' || (c == '\n' && !csv->prev_cr))
        csv->line++;
    csv->prev_cr = c == '\r';
    csv->pos++;
    csv->offset++;
}

/* What byte `c` does in the current state. Returns 1 when it ends the record, 0, or HR_ENOMEM. */
static int dispatch(hr_csv *csv, unsigned char c)
{
    int line_end = c == '\r' || c == '\n';
    switch (csv->state) {
    case S_QUOTED:
        if (c != '"')
            return put_byte(csv, c);
        csv->state = S_QUOTE;
        return 0;
    case S_QUOTE:
        if (c == '"') {
            csv->state = S_QUOTED;
            return put_byte(csv, c);
        }
        if (c != ',' && !line_end)
            refuse(csv, HR_EPARSE, "text after the closing quote of a field");
        break;
    case S_FIELD:
        if (c == '"') {
            csv->state = S_QUOTED;
            csv->quote_line = csv->line;
            return 0;
        }
        break;
    case S_PLAIN:
    case S_RECORD:
        break;
    }
    if (c == ',') {
        csv->state = S_FIELD;
        return end_field(csv);
    }
    if (line_end) {
        csv->state = S_RECORD;
        int rc = end_field(csv);
        return rc < 0 ? rc : 1;
    }
    csv->state = S_PLAIN;
    return put_byte(csv, c);
}

/* Takes the byte at in[pos]. Returns 1 when it ended a record, 0, or a hard error. */
static int step(hr_csv *csv)
{
    unsigned char c = csv->in[csv->pos];
    if (csv->state == S_RECORD) {
        if (c == '\r' || c == '\n') {
            advance(csv, c);
            return 0;
        }
        begin_record(csv);
    }
    /* The guess may move the buffer; in[pos] is still `c`. */
    int rc = check_byte(csv, c);
    if (rc == 0)
        rc = dispatch(csv, c);
    if (rc >= 0)
        advance(csv, c);
    return rc;
}

/* How many bytes from in[pos] are ordinary text in the current state (0 outside a field). */
static size_t plain_run(const hr_csv *csv)
{
    if (csv->state != S_PLAIN && csv->state != S_QUOTED)
        return 0;
    unsigned char special = csv->state == S_PLAIN ? ',' : '"';
    size_t i = csv->pos;
    while (i < csv->len) {
        unsigned char c = csv->in[i];
        if (c == special || c == '\r' || c == '\n' || c == '\0' || c >= 0x80)
            break;
        i++;
    }
    return i - csv->pos;
}

/* Takes a run of `n` ordinary ASCII bytes at once. */
static int take_run(hr_csv *csv, size_t n)
{
    if (csv->used == HR_CSV_UTF8 && csv->utf8.need > 0) {
        refuse(csv, HR_EPARSE, "invalid UTF-8");
        csv->utf8.need = 0;
    }
    int rc = put(csv, csv->in + csv->pos, n);
    csv->pos += n;
    csv->offset += n;
    csv->prev_cr = 0;
    return rc;
}

/* At the end of the input. Returns 1 for a last record without a line end, 0, or HR_EPARSE. */
static int at_end(hr_csv *csv)
{
    switch (csv->state) {
    case S_RECORD:
        return 0;
    case S_QUOTED:
        csv->error = HR_EPARSE;
        csv->error_line = csv->quote_line;
        snprintf(csv->reason, sizeof csv->reason, "unterminated quoted field");
        return HR_EPARSE;
    case S_FIELD:
    case S_PLAIN:
    case S_QUOTE:
        break;
    }
    if (csv->used == HR_CSV_UTF8 && csv->utf8.need > 0)
        refuse(csv, HR_EPARSE, "invalid UTF-8");
    csv->state = S_RECORD;
    int rc = end_field(csv);
    return rc < 0 ? rc : 1;
}

static void deliver(hr_csv *csv, hr_csv_record *rec)
{
    rec->line = csv->record_line;
    rec->byte_offset = csv->record_offset;
    rec->error = csv->error;
    if (csv->error != 0) {
        rec->error_line = csv->error_line;
        rec->reason = csv->reason;
        return;
    }
    for (size_t i = 0; i < csv->count; i++)
        rec->fields[i] = csv->text.data + csv->starts[i];
    rec->count = csv->count;
}

/* Records the hard error `rc` (sticky) and describes it in `rec`. */
static int fail(hr_csv *csv, hr_csv_record *rec, int rc)
{
    if (csv->hard == 0) {
        csv->hard = rc;
        if (rc != HR_EPARSE) {
            csv->error = rc;
            csv->error_line = csv->line;
            snprintf(csv->reason, sizeof csv->reason, "%s",
                     rc == HR_ENOMEM ? "out of memory" : "the input could not be read");
        }
    }
    rec->line = csv->record_line;
    rec->byte_offset = csv->record_offset;
    rec->error = csv->hard;
    rec->error_line = csv->error_line;
    rec->reason = csv->reason;
    return csv->hard;
}

int hr_csv_next(hr_csv *csv, hr_csv_record *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->reason = "";
    if (csv->hard != 0)
        return fail(csv, rec, csv->hard);
    int rc = csv->bom_checked ? 0 : skip_bom(csv);
    while (rc == 0) {
        if (csv->pos == csv->len && !csv->eof) {
            rc = fill(csv);
            continue;
        }
        if (csv->pos == csv->len) {
            rc = at_end(csv);
            break;
        }
        size_t n = plain_run(csv);
        rc = n > 0 ? take_run(csv, n) : step(csv);
    }
    if (rc < 0)
        return fail(csv, rec, rc);
    if (rc == 1)
        deliver(csv, rec);
    return rc;
}

int hr_csv_open_reader(hr_csv **out, hr_csv_read_fn read, void *ctx, hr_csv_encoding encoding,
                       const hr_csv_limits *limits)
{
    static const hr_csv_limits defaults = {HR_CSV_FIELD_MAX, HR_CSV_MAX_FIELDS, HR_CSV_RECORD_MAX};
    *out = NULL;
    if (limits == NULL)
        limits = &defaults;
    if (read == NULL ||
        (encoding != HR_CSV_AUTO && encoding != HR_CSV_UTF8 && encoding != HR_CSV_MAC_ROMAN))
        return HR_EINVAL;
    if (limits->field_max == 0 || limits->max_fields == 0 || limits->record_max == 0 ||
        limits->max_fields > HR_CSV_MAX_FIELDS || limits->record_max > SIZE_MAX / 2)
        return HR_EINVAL;
    hr_csv *csv = calloc(1, sizeof *csv);
    if (csv == NULL)
        return HR_ENOMEM;
    csv->read = read;
    csv->ctx = ctx;
    csv->used = encoding;
    csv->limits = *limits;
    csv->line = 1;
    csv->state = S_RECORD;
    csv->reason[0] = '\0';
    hr_buf_init(&csv->text, limits->record_max + limits->max_fields);
    *out = csv;
    return 0;
}

int hr_csv_open(hr_csv **out, FILE *f, hr_csv_encoding encoding)
{
    if (f == NULL) {
        *out = NULL;
        return HR_EINVAL;
    }
    return hr_csv_open_reader(out, file_read, f, encoding, NULL);
}

uint64_t hr_csv_bytes_read(const hr_csv *csv)
{
    return csv->bytes_read;
}

hr_csv_encoding hr_csv_encoding_used(const hr_csv *csv)
{
    return csv->used;
}

void hr_csv_free(hr_csv *csv)
{
    if (csv == NULL)
        return;
    hr_buf_free(&csv->text);
    free(csv);
}
