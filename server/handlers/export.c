/*
 * Exports of the filtered recommendations as CSV, JSON or XLSX, streamed:
 * rows come from a server-side cursor 200 at a time and are formatted into a
 * buffer that the HTTP layer drains, so memory stays bounded whatever
 * the size of the set. CSV starts with a UTF-8 byte-order mark (spreadsheet
 * programs need it to read accents) and its headers are in the request's
 * language; a cell that a spreadsheet would run as a formula (=, +, -, @)
 * is prefixed with an apostrophe. XLSX is written by libxlsxwriter in its
 * constant-memory mode to a temporary file, which is then streamed.
 */
#include "export.h"
#include "handlers.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* 200 rows of at most 64 KiB of text each, quotes doubled: the buffer's bound
 * below holds the worst case; typical batches are well under 1 MB. */
#define BATCH_ROWS  200
#define PENDING_MAX (32u * 1024u * 1024u)

typedef struct export_stream {
    hr_db_export *cursor;
    const hr_export_column *columns;
    int column_count;
    hr_export_format format;
    hr_lang lang;
    hr_buf pending;
    size_t sent;  /* bytes of `pending` already handed out */
    int started;  /* header written */
    int finished; /* trailer written */
    long rows;
    FILE *file; /* XLSX: the finished workbook */
} export_stream;

static int csv_field(hr_buf *b, const char *value)
{
    if (value == NULL)
        return 0;
    int rc = hr_buf_append(b, "\"", 1);
    if (rc == 0 && strchr("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
        rc = hr_buf_append(b, "'", 1);
    for (const char *p = value; rc == 0 && *p != '\0';) {
        size_t run = strcspn(p, "\"");
        rc = hr_buf_append(b, p, run);
        p += run;
        if (rc == 0 && *p == '"') {
            rc = hr_buf_append(b, "\"\"", 2);
            p++;
        }
    }
    return rc == 0 ? hr_buf_append(b, "\"", 1) : rc;
}

static int csv_header(export_stream *s)
{
    int rc = hr_buf_puts(&s->pending, "\xEF\xBB\xBF");
    for (int c = 0; rc == 0 && c < s->column_count; c++) {
        if (c > 0)
            rc = hr_buf_append(&s->pending, ",", 1);
        if (rc == 0)
            rc = csv_field(&s->pending, s->columns[c].title[s->lang]);
    }
    return rc == 0 ? hr_buf_puts(&s->pending, "\r\n") : rc;
}

static int csv_row(void *ctx, const char *const *columns)
{
    export_stream *s = ctx;
    int rc = 0;
    for (int c = 0; rc == 0 && c < s->column_count; c++) {
        if (c > 0)
            rc = hr_buf_append(&s->pending, ",", 1);
        if (rc == 0)
            rc = csv_field(&s->pending, columns[c]);
    }
    return rc == 0 ? hr_buf_puts(&s->pending, "\r\n") : rc;
}

static json_t *json_value(hr_column_type type, const char *value)
{
    if (value == NULL)
        return json_null();
    if (type == HR_COLUMN_NUMBER)
        return json_integer(strtoll(value, NULL, 10));
    if (type == HR_COLUMN_TEXT)
        return json_string(value);
    json_t *list = json_array();
    for (const char *p = value; list != NULL && *p != '\0';) {
        const char *sep = strstr(p, "; ");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        json_array_append_new(list, json_stringn(p, len));
        p += len + (sep ? 2 : 0);
    }
    return list;
}

static int json_row(void *ctx, const char *const *columns)
{
    export_stream *s = ctx;
    json_t *row = json_object();
    for (int c = 0; row != NULL && c < s->column_count; c++)
        json_object_set_new(row, s->columns[c].key, json_value(s->columns[c].type, columns[c]));
    char *text = row ? json_dumps(row, JSON_COMPACT) : NULL;
    json_decref(row);
    if (text == NULL)
        return HR_ENOMEM;
    int rc = hr_buf_puts(&s->pending, s->rows > 0 ? ",\n" : "\n");
    if (rc == 0)
        rc = hr_buf_puts(&s->pending, text);
    free(text);
    s->rows++;
    return rc;
}

/* Adds the next batch (or the header, or the trailer) to `pending`. */
static int refill(export_stream *s)
{
    if (!s->started) {
        s->started = 1;
        return s->format == HR_EXPORT_CSV ? csv_header(s) : hr_buf_puts(&s->pending, "[");
    }
    int count = 0;
    int rc = hr_db_export_fetch(s->cursor, BATCH_ROWS,
                                s->format == HR_EXPORT_CSV ? csv_row : json_row, s, &count);
    if (rc == 0 && count == 0) {
        s->finished = 1;
        if (s->format == HR_EXPORT_JSON)
            rc = hr_buf_puts(&s->pending, "\n]\n");
    }
    return rc;
}

static long produce(void *ctx, char *buf, size_t max)
{
    export_stream *s = ctx;
    if (s->file != NULL) {
        size_t n = fread(buf, 1, max, s->file);
        return n > 0 ? (long)n : (ferror(s->file) ? -1 : 0);
    }
    while (s->sent == s->pending.len && !s->finished) {
        hr_buf_reset(&s->pending);
        s->sent = 0;
        if (refill(s) != 0) {
            hr_log_warn("export stopped after %ld rows: database error", s->rows);
            return -1;
        }
    }
    size_t n = s->pending.len - s->sent;
    if (n > max)
        n = max;
    memcpy(buf, s->pending.data + s->sent, n);
    s->sent += n;
    return (long)n;
}

static void release(void *ctx)
{
    export_stream *s = ctx;
    hr_db_export_close(s->cursor);
    hr_buf_free(&s->pending);
    if (s->file != NULL)
        fclose(s->file);
    free(s);
}

typedef struct xlsx_state {
    lxw_worksheet *sheet;
    lxw_row_t row;
    const export_stream *stream;
} xlsx_state;

static int xlsx_row(void *ctx, const char *const *columns)
{
    xlsx_state *x = ctx;
    x->row++;
    for (int c = 0; c < x->stream->column_count; c++) {
        if (columns[c] == NULL)
            continue;
        lxw_error e =
            x->stream->columns[c].type == HR_COLUMN_NUMBER
                ? worksheet_write_number(x->sheet, x->row, (lxw_col_t)c, strtod(columns[c], NULL),
                                         NULL)
                : worksheet_write_string(x->sheet, x->row, (lxw_col_t)c, columns[c], NULL);
        if (e != LXW_NO_ERROR)
            return HR_EIO;
    }
    return 0;
}

/* Writes the whole workbook to a temporary file, then keeps it open for reading. */
static int write_xlsx(export_stream *s)
{
    char path[] = "/tmp/hrtrack-export-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return HR_EIO;
    close(fd);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *book = workbook_new_opt(path, &options);
    lxw_worksheet *sheet = book ? workbook_add_worksheet(book, NULL) : NULL;
    int rc = sheet ? 0 : HR_ENOMEM;
    for (int c = 0; rc == 0 && c < s->column_count; c++) {
        if (worksheet_write_string(sheet, 0, (lxw_col_t)c, s->columns[c].title[s->lang], NULL) !=
            LXW_NO_ERROR)
            rc = HR_EIO;
    }
    xlsx_state x = {sheet, 0, s};
    int count = BATCH_ROWS;
    while (rc == 0 && count > 0)
        rc = hr_db_export_fetch(s->cursor, BATCH_ROWS, xlsx_row, &x, &count);
    if (book != NULL && workbook_close(book) != LXW_NO_ERROR && rc == 0)
        rc = HR_EIO;
    if (rc == 0 && (s->file = fopen(path, "rb")) == NULL)
        rc = HR_EIO;
    unlink(path);
    return rc;
}

int hr_export_format_parse(hr_export_format *out, const char *format, const char *accept)
{
    *out = HR_EXPORT_NONE;
    if (format != NULL) {
        if (strcmp(format, "csv") == 0)
            *out = HR_EXPORT_CSV;
        else if (strcmp(format, "json") == 0)
            *out = HR_EXPORT_JSON;
        else if (strcmp(format, "xlsx") == 0)
            *out = HR_EXPORT_XLSX;
        else
            return HR_EUNPROCESSABLE;
        return 0;
    }
    if (accept != NULL && strstr(accept, "text/csv") != NULL)
        *out = HR_EXPORT_CSV;
    else if (accept != NULL && strstr(accept, "spreadsheetml.sheet") != NULL)
        *out = HR_EXPORT_XLSX;
    return 0;
}

int hr_export_start_cursor(hr_reply *reply, hr_db_export *cursor, const hr_export_column *columns,
                           int column_count, hr_export_format format, hr_lang lang,
                           const char *basename)
{
    export_stream *s = calloc(1, sizeof *s);
    if (s == NULL) {
        hr_db_export_close(cursor);
        return HR_ENOMEM;
    }
    s->cursor = cursor;
    s->format = format;
    s->lang = (unsigned)lang < HR_LANG_COUNT ? lang : HR_LANG_DEFAULT;
    s->columns = columns;
    s->column_count = column_count;
    hr_buf_init(&s->pending, PENDING_MAX);
    int rc = format == HR_EXPORT_XLSX ? write_xlsx(s) : 0;
    if (rc != 0) {
        release(s);
        return rc;
    }
    static const char *const types[] = {
        [HR_EXPORT_CSV] = "text/csv; charset=utf-8",
        [HR_EXPORT_JSON] = "application/json; charset=utf-8",
        [HR_EXPORT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    static const char *const extensions[] = {
        [HR_EXPORT_CSV] = "csv", [HR_EXPORT_JSON] = "json", [HR_EXPORT_XLSX] = "xlsx"};
    char name[64];
    snprintf(name, sizeof name, "%s.%s", basename, extensions[format]);
    hr_reply_stream(reply, types[format], name, produce, release, s);
    return 0;
}

int hr_export_start(hr_reply *reply, hr_db *db, hr_export_kind kind, const hr_rec_query *q,
                    hr_export_format format)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_export_columns(kind, &count);
    int rc = hr_db_export_open(&cursor, db, kind, q);
    if (rc != 0)
        return rc;
    return hr_export_start_cursor(reply, cursor, columns, count, format, q->lang,
                                  kind == HR_EXPORT_DOCUMENTS ? "documents" : "recommendations");
}

int hr_list_request(hr_rec_query *q, hr_export_format *format, const char **field, hr_db **db,
                    hr_request *req, const char *const *allowed)
{
    *field = NULL;
    int rc = hr_export_format_parse(format, hr_request_query(req, "format"),
                                    hr_request_header(req, "Accept"));
    if (rc != 0) {
        *field = "format";
        return rc;
    }
    rc = hr_parse_rec_query(q, field, req, allowed);
    if (rc == 0)
        rc = hr_request_db(db, req);
    if (rc == 0)
        rc = hr_db_rec_query_check(field, *db, q);
    return rc;
}
