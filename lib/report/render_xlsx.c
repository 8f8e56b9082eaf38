/*
 * A report as an XLSX workbook, for people who rework the figures: a
 * "summary" sheet (the header lines and the count tables) and a sheet with
 * one row per recommendation and section, its actions in one wrapped cell.
 * Written by libxlsxwriter in constant-memory mode (rows go to disk as
 * they are written) to a temporary file, as the list exports do.
 * Strings are written as strings, never as formulas, so data that starts
 * with "=" is inert; a cell longer than Excel's limit is cut at a
 * character boundary.
 */
#include "render.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define CELL_MAX 32767 /* bytes of one cell (LXW_STR_MAX) */

typedef struct xlsx {
    lxw_workbook *book;
    lxw_format *bold, *wrap;
    hr_buf text, cell;
    hr_render r;
    lxw_row_t row;
} xlsx;

/* Writes `s` to a cell, cut to CELL_MAX bytes at the start of a UTF-8 character. */
static int put(xlsx *x, lxw_worksheet *sheet, lxw_col_t col, const char *s, lxw_format *format)
{
    if (s == NULL || *s == '\0')
        return 0;
    size_t n = strlen(s);
    char *cut = NULL;
    if (n > CELL_MAX) {
        n = CELL_MAX - 3;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        cut = malloc(n + 4);
        if (cut == NULL)
            return HR_ENOMEM;
        memcpy(cut, s, n);
        memcpy(cut + n, "…", 4);
    }
    lxw_error e = worksheet_write_string(sheet, x->row, col, cut ? cut : s, format);
    free(cut);
    return e == LXW_NO_ERROR ? 0 : HR_EIO;
}

static int put_number(xlsx *x, lxw_worksheet *sheet, lxw_col_t col, const json_t *number)
{
    double n = (double)json_integer_value(number);
    return worksheet_write_number(sheet, x->row, col, n, NULL) == LXW_NO_ERROR ? 0 : HR_EIO;
}

typedef struct meta_ctx {
    xlsx *x;
    lxw_worksheet *sheet;
} meta_ctx;

static int meta_line(void *ctx, const char *label, const char *value)
{
    meta_ctx *m = ctx;
    int rc = put(m->x, m->sheet, 0, label, m->x->bold);
    if (rc == 0)
        rc = put(m->x, m->sheet, 1, value, NULL);
    m->x->row++;
    return rc;
}

static int count_table(xlsx *x, lxw_worksheet *sheet, hr_report_text_id column, const json_t *items,
                       const char *label_key)
{
    x->row++;
    int rc = put(x, sheet, 0, hr_render_text(&x->r, column), x->bold);
    if (rc == 0)
        rc = put(x, sheet, 1, hr_render_text(&x->r, HR_RT_COUNT), x->bold);
    size_t i;
    const json_t *item;
    json_array_foreach(items, i, item)
    {
        x->row++;
        if (rc == 0)
            rc = put(x, sheet, 0, json_string_value(json_object_get(item, label_key)), NULL);
        if (rc == 0)
            rc = put_number(x, sheet, 1, json_object_get(item, "count"));
    }
    x->row++;
    return rc;
}

static int summary_sheet(xlsx *x)
{
    const json_t *report = x->r.report, *totals = json_object_get(report, "totals");
    lxw_worksheet *sheet = workbook_add_worksheet(x->book, hr_render_text(&x->r, HR_RT_SUMMARY));
    if (sheet == NULL)
        return HR_ENOMEM;
    worksheet_set_column(sheet, 0, 0, 45, NULL);
    worksheet_set_column(sheet, 1, 1, 40, NULL);
    x->row = 0;
    int rc = put(x, sheet, 0, json_string_value(json_object_get(report, "title")), x->bold);
    x->row = 2;
    meta_ctx m = {x, sheet};
    if (rc == 0)
        rc = hr_render_meta(&x->r, meta_line, &m);
    if (rc == 0)
        rc = count_table(x, sheet, HR_RT_STATUS, json_object_get(totals, "by_status"), "label");
    if (rc == 0 && json_object_get(totals, "by_position") != NULL)
        rc = count_table(x, sheet, HR_RT_POSITION, json_object_get(totals, "by_position"), "label");
    if (rc == 0)
        rc = count_table(x, sheet, HR_RT_SECTION, json_object_get(report, "sections"), "heading");
    if (rc == 0)
        rc = put(x, sheet, 0, hr_render_text(&x->r, HR_RT_TOTAL), x->bold);
    if (rc == 0)
        rc = put_number(x, sheet, 1, json_object_get(totals, "recommendations"));
    return rc;
}

/* The actions of a recommendation as lines "title — institution — status — start – due". */
static int actions_text(xlsx *x, const json_t *rec)
{
    hr_buf_reset(&x->cell);
    size_t i;
    const json_t *action;
    int rc = 0;
    json_array_foreach(json_object_get(rec, "actions"), i, action)
    {
        for (int c = 0; rc == 0 && c < HR_RENDER_ACTION_COLUMNS; c++) {
            rc = hr_render_action_cell(&x->text, &x->r, action, c);
            if (rc == 0 && x->text.len > 0)
                rc = hr_buf_printf(&x->cell, "%s%s", c == 0 ? (i > 0 ? "\n" : "") : " — ",
                                   hr_buf_cstr(&x->text));
        }
    }
    return rc;
}

static const hr_report_text_id columns[] = {
    HR_RT_SECTION,  HR_RT_TARGET, HR_RT_PARAGRAPH, HR_RT_TEXT,    HR_RT_RECOMMENDING_STATES,
    HR_RT_POSITION, HR_RT_STATUS, HR_RT_LEAD,      HR_RT_ACTIONS,
};
#define COLUMN_COUNT (sizeof columns / sizeof columns[0])

static int rec_row(xlsx *x, lxw_worksheet *sheet, const char *section, const char *sub,
                   const json_t *rec)
{
    static const hr_render_field_id fields[] = {HR_RENDER_STATES, HR_RENDER_POSITION,
                                                HR_RENDER_STATUS, HR_RENDER_LEAD};
    x->row++;
    int rc = put(x, sheet, 0, section, x->wrap);
    if (rc == 0)
        rc = put(x, sheet, 1, sub, x->wrap);
    if (rc == 0)
        rc = hr_render_field(&x->text, &x->r, rec, HR_RENDER_HEADING);
    if (rc == 0)
        rc = put(x, sheet, 2, hr_buf_cstr(&x->text), x->wrap);
    if (rc == 0)
        rc = put(x, sheet, 3, json_string_value(json_object_get(rec, "text")), x->wrap);
    for (lxw_col_t c = 0; rc == 0 && c < 4; c++) {
        rc = hr_render_field(&x->text, &x->r, rec, fields[c]);
        if (rc == 0)
            rc = put(x, sheet, (lxw_col_t)(4 + c), hr_buf_cstr(&x->text), x->wrap);
    }
    if (rc == 0)
        rc = actions_text(x, rec);
    return rc == 0 ? put(x, sheet, 8, hr_buf_cstr(&x->cell), x->wrap) : rc;
}

/* The rows of one section's list `ids`, under `section` and `sub` headings. */
static int section_rows(xlsx *x, lxw_worksheet *sheet, const char *section, const char *sub,
                        const json_t *ids)
{
    size_t i;
    const json_t *id;
    int rc = 0;
    json_array_foreach(ids, i, id)
    {
        const json_t *rec = hr_render_rec(&x->r, id);
        if (rc == 0 && rec != NULL)
            rc = rec_row(x, sheet, section, sub, rec);
    }
    return rc;
}

static int recommendations_sheet(xlsx *x)
{
    lxw_worksheet *sheet =
        workbook_add_worksheet(x->book, hr_render_text(&x->r, HR_RT_RECOMMENDATIONS));
    if (sheet == NULL)
        return HR_ENOMEM;
    static const double widths[COLUMN_COUNT] = {30, 30, 18, 80, 30, 14, 30, 30, 60};
    x->row = 0;
    int rc = 0;
    for (lxw_col_t c = 0; rc == 0 && c < COLUMN_COUNT; c++) {
        worksheet_set_column(sheet, c, c, widths[c], NULL);
        rc = put(x, sheet, c, hr_render_text(&x->r, columns[c]), x->bold);
    }
    size_t i, j;
    const json_t *s, *sub;
    json_array_foreach(json_object_get(x->r.report, "sections"), i, s)
    {
        const char *heading = json_string_value(json_object_get(s, "heading"));
        const json_t *subs = json_object_get(s, "subsections");
        if (rc == 0 && json_array_size(subs) == 0)
            rc = section_rows(x, sheet, heading, NULL, json_object_get(s, "recommendations"));
        json_array_foreach(subs, j, sub)
        {
            if (rc == 0)
                rc = section_rows(x, sheet, heading,
                                  json_string_value(json_object_get(sub, "heading")),
                                  json_object_get(sub, "recommendations"));
        }
    }
    return rc;
}

int hr_report_render_xlsx(FILE **out, const json_t *report)
{
    char path[] = "/tmp/hrtrack-report-XXXXXX";
    *out = NULL;
    int fd = mkstemp(path);
    if (fd < 0)
        return HR_EIO;
    close(fd);
    xlsx x = {0};
    hr_buf_init(&x.text, 1024u * 1024u);
    hr_buf_init(&x.cell, 1024u * 1024u);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    x.book = workbook_new_opt(path, &options);
    int rc = x.book ? hr_render_open(&x.r, report) : HR_ENOMEM;
    if (rc == 0) {
        x.bold = workbook_add_format(x.book);
        x.wrap = workbook_add_format(x.book);
        format_set_bold(x.bold);
        format_set_text_wrap(x.wrap);
        format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
        rc = summary_sheet(&x);
    }
    if (rc == 0)
        rc = recommendations_sheet(&x);
    if (x.book != NULL && workbook_close(x.book) != LXW_NO_ERROR && rc == 0)
        rc = HR_EIO;
    if (rc == 0 && (*out = fopen(path, "rb")) == NULL)
        rc = HR_EIO;
    unlink(path);
    hr_render_close(&x.r);
    hr_buf_free(&x.text);
    hr_buf_free(&x.cell);
    return rc;
}
