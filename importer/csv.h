/*
 * A streaming reader for comma-separated files as real programs export them:
 * RFC 4180 quoting, any mix of LF, CRLF and CR-alone line ends (the UPR Info
 * exports come from a Mac and end their lines with CR only), no terminator
 * after the last record, a UTF-8 byte-order mark, and text in UTF-8 or in
 * Mac OS Roman.
 *
 * The file is read in chunks of HR_CSV_CHUNK bytes and handed over one
 * record at a time, decoded to UTF-8. Memory is bounded whatever the input:
 * the chunk, plus at most one record (HR_CSV_RECORD_MAX bytes of text in at
 * most HR_CSV_MAX_FIELDS fields of HR_CSV_FIELD_MAX bytes each).
 *
 * The syntax:
 *   - fields are separated by ',' and records end at LF, CRLF or CR;
 *   - a field that starts with '"' is quoted: it ends at the next lone '"',
 *     "" inside it stands for one '"', and ',', CR and LF inside it are text
 *     (kept as they are: a CRLF inside a quoted field stays CRLF);
 *   - a '"' in the middle of an unquoted field is an ordinary character
 *     (as Excel, PostgreSQL's COPY and Python's csv module read it);
 *   - a line with nothing on it is skipped (it still counts as a line); a
 *     line that holds only "" is a record with one empty field;
 *   - a UTF-8 byte-order mark (EF BB BF) at the very start is skipped.
 *
 * Two kinds of problem:
 *   - a refused record: the record is bad but the file goes on. The reader
 *     skips to the end of that record (following the quotes, so a refused
 *     record never swallows the next one) and returns it with `error` set
 *     and no fields; the next call returns the next record. These are the
 *     limits (HR_ELIMIT), and HR_EPARSE for text that is not in the encoding,
 *     a NUL byte, or text after the closing quote of a field ("a"b).
 *   - a hard error: a quoted field still open at the end of the file
 *     (HR_EPARSE: no record boundary after its opening quote can be trusted)
 *     or a read error (HR_EIO). Every later call returns the same error.
 *
 * Records with different numbers of fields are returned as they are: judging
 * them against a header is the caller's business.
 */
#ifndef HRTRACK_IMPORTER_CSV_H
#define HRTRACK_IMPORTER_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define HR_CSV_CHUNK       (64 * 1024)  /* bytes asked of the source at a time */
#define HR_CSV_FIELD_MAX   (64 * 1024)  /* bytes of UTF-8 text in one field */
#define HR_CSV_MAX_FIELDS  64           /* fields in one record */
#define HR_CSV_RECORD_MAX  (256 * 1024) /* bytes of UTF-8 text in one record */
#define HR_CSV_REASON_SIZE 96

/*
 * How the bytes of the file are turned into UTF-8.
 *
 * HR_CSV_AUTO guesses between the two others. ASCII reads the same in both,
 * so the guess waits for the first byte >= 0x80 and then looks at the
 * HR_CSV_CHUNK bytes that start with it (fewer at the end of the file): if
 * they are valid UTF-8 (a sequence cut by the end of that window counts as
 * valid) the file is read as UTF-8, otherwise as Mac Roman. Mac Roman text
 * is almost never valid UTF-8 by accident: an accented letter (0x80-0xFF)
 * followed by an ASCII letter is an invalid UTF-8 sequence. A byte-order
 * mark decides UTF-8 at once. The decision holds for the rest of the file;
 * a later invalid UTF-8 sequence refuses its record.
 *
 * The guess starts at the first non-ASCII byte rather than at the start of
 * the file because the UPR Info database exports (Mac Roman) are plain ASCII
 * for their first hundreds of kilobytes: their first accent is at byte
 * 909,601 of the 1-5 sessions file, so the first chunk alone would always
 * look like UTF-8.
 */
typedef enum hr_csv_encoding {
    HR_CSV_AUTO = 0,
    HR_CSV_UTF8 = 1,      /* invalid UTF-8 refuses the record (HR_EPARSE) */
    HR_CSV_MAC_ROMAN = 2, /* every byte >= 0x80 through the Mac OS Roman table */
} hr_csv_encoding;

/*
 * Limits of one reader; each must be at least 1. hr_csv_open() uses the
 * HR_CSV_* defaults; hr_csv_open_reader() takes others, which tests use to
 * reach the limits with small inputs. max_fields may not pass
 * HR_CSV_MAX_FIELDS.
 */
typedef struct hr_csv_limits {
    size_t field_max;  /* bytes of UTF-8 text in one field */
    size_t max_fields; /* fields in one record */
    size_t record_max; /* bytes of UTF-8 text in one record, separators not counted */
} hr_csv_limits;

/* One record, filled by hr_csv_next(). */
typedef struct hr_csv_record {
    /*
     * The fields, NUL-terminated UTF-8 without inner NUL bytes. They point
     * into the reader's memory and stay valid until the next call to
     * hr_csv_next() or hr_csv_free(); the caller may modify them in place.
     */
    char *fields[HR_CSV_MAX_FIELDS];
    size_t count;         /* number of fields; 0 when the record was refused */
    uint64_t line;        /* 1-based line where the record starts (CR, LF, CRLF: one line each) */
    uint64_t byte_offset; /* offset in the file of its first byte */
    int error;            /* 0, or HR_ELIMIT / HR_EPARSE when the record was refused */
    uint64_t error_line;  /* with `error`: the line where the problem was found */
    const char *reason;   /* with `error`: English, one line, e.g. "invalid UTF-8"; else "" */
} hr_csv_record;

/*
 * The source of the bytes: copies at most `cap` bytes to `buf` and sets
 * `*got` to how many (0 only at the end of the input). Returns 0, or a
 * negative HR_E* code, which becomes the reader's hard error.
 */
typedef int (*hr_csv_read_fn)(void *ctx, void *buf, size_t cap, size_t *got);

typedef struct hr_csv hr_csv;

/*
 * Opens a reader on `f` (opened in binary mode) with the default limits.
 * The reader does not own `f`: close it after hr_csv_free(). Returns 0,
 * HR_EINVAL for an unknown encoding, or HR_ENOMEM.
 */
int hr_csv_open(hr_csv **out, FILE *f, hr_csv_encoding encoding);

/*
 * Opens a reader on a read function. `limits` may be NULL for the defaults.
 * Returns 0, HR_EINVAL (unknown encoding, a zero limit, more than
 * HR_CSV_MAX_FIELDS fields), or HR_ENOMEM.
 */
int hr_csv_open_reader(hr_csv **out, hr_csv_read_fn read, void *ctx, hr_csv_encoding encoding,
                       const hr_csv_limits *limits);

/*
 * Reads the next record into `rec`. Returns 1 for a record (look at
 * rec->error: a refused record has one), 0 at the end of the file, or a
 * hard error: HR_EPARSE for a quoted field never closed (rec->line,
 * byte_offset, error_line (the line of the opening quote) and reason say
 * where), HR_EIO or the read function's error, HR_ENOMEM.
 */
int hr_csv_next(hr_csv *csv, hr_csv_record *rec);

/* Bytes taken from the source so far, for a progress display. */
uint64_t hr_csv_bytes_read(const hr_csv *csv);

/*
 * The encoding in use: the one asked for, or with HR_CSV_AUTO the guess,
 * which stays HR_CSV_AUTO as long as everything read was ASCII.
 */
hr_csv_encoding hr_csv_encoding_used(const hr_csv *csv);

/* Frees the reader and the memory of its records. NULL is fine. */
void hr_csv_free(hr_csv *csv);

#endif
