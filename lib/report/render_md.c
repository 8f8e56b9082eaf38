/*
 * A report as Markdown (CommonMark with pipe tables), for people to paste
 * into their own report and edit. Text from the data is escaped: the
 * characters that Markdown reads as markup wherever they stand get a
 * backslash (CommonMark allows one before any ASCII punctuation), as do
 * list and heading markers at the start of a text; line breaks become
 * spaces. A cluster named "*x* | <b>" stays that text in a heading or a
 * table cell, while ordinary prose (l'EPU, 16.3) keeps its look.
 */
#include "render.h"

#include "hrtrack/error.h"

#include <string.h>

typedef struct md {
    hr_buf *out;
    hr_buf text; /* scratch: plain text before escaping */
    hr_render r;
} md;

/* Characters that are markup wherever they stand: emphasis, code, links, HTML, entities,
 * tables, strikethrough, math, and # (a heading's closing sequence). */
static const char active[] = "\\`*_[]<>!&|~$#";

/* How many bytes at the start of `s` must be escaped as a block marker would be:
 * a list bullet (-, +), a setext underline (=), or the ". " / ")" of "12. ". */
static size_t leading_marker(const char *s)
{
    if (s[0] == '-' || s[0] == '+' || s[0] == '=')
        return 1;
    size_t digits = strspn(s, "0123456789");
    return digits > 0 && (s[digits] == '.' || s[digits] == ')') ? digits + 1 : 0;
}

static int esc(hr_buf *out, const char *s)
{
    int rc = 0;
    s = s ? s : "";
    size_t marker = leading_marker(s);
    if (marker > 0) {
        rc = hr_buf_append(out, s, marker - 1);
        if (rc == 0)
            rc = hr_buf_printf(out, "\\%c", s[marker - 1]);
        s += marker;
    }
    for (const char *p = s; rc == 0 && *p != '\0';) {
        size_t run = strcspn(p, "\\`*_[]<>!&|~$#\r\n");
        rc = hr_buf_append(out, p, run);
        p += run;
        if (rc != 0 || *p == '\0')
            break;
        if (*p == '\r' || *p == '\n')
            rc = hr_buf_append(out, " ", 1);
        else if (strchr(active, *p) != NULL)
            rc = hr_buf_printf(out, "\\%c", *p);
        p++;
    }
    return rc;
}

/* "**label:** value  " with a hard line break. */
static int meta_line(void *ctx, const char *label, const char *value)
{
    md *m = ctx;
    int rc = hr_buf_puts(m->out, "**");
    if (rc == 0)
        rc = esc(m->out, label);
    if (rc == 0)
        rc = hr_buf_printf(m->out, "%s** ", hr_render_text(&m->r, HR_RT_COLON));
    if (rc == 0)
        rc = esc(m->out, value);
    return rc == 0 ? hr_buf_puts(m->out, "  \n") : rc;
}

/* A table row of escaped cells. */
static int row(md *m, const char *const *cells, int n)
{
    int rc = hr_buf_puts(m->out, "|");
    for (int c = 0; rc == 0 && c < n; c++) {
        rc = hr_buf_puts(m->out, " ");
        if (rc == 0)
            rc = esc(m->out, cells[c]);
        if (rc == 0)
            rc = hr_buf_puts(m->out, " |");
    }
    return rc == 0 ? hr_buf_puts(m->out, "\n") : rc;
}

static int count_table(md *m, hr_report_text_id caption, hr_report_text_id column,
                       const json_t *items, const char *label_key, long long total)
{
    int rc = hr_buf_puts(m->out, "**");
    if (rc == 0)
        rc = esc(m->out, hr_render_text(&m->r, caption));
    if (rc == 0)
        rc = hr_buf_puts(m->out, "**\n\n");
    const char *head[] = {hr_render_text(&m->r, column), hr_render_text(&m->r, HR_RT_COUNT)};
    if (rc == 0)
        rc = row(m, head, 2);
    if (rc == 0)
        rc = hr_buf_puts(m->out, "| --- | ---: |\n");
    size_t i;
    const json_t *item;
    json_array_foreach(items, i, item)
    {
        char n[24];
        hr_render_count(n, item);
        const char *cells[] = {json_string_value(json_object_get(item, label_key)), n};
        if (rc == 0)
            rc = row(m, cells, 2);
    }
    if (rc == 0)
        rc = hr_buf_puts(m->out, "| **");
    if (rc == 0)
        rc = esc(m->out, hr_render_text(&m->r, HR_RT_TOTAL));
    return rc == 0 ? hr_buf_printf(m->out, "** | **%lld** |\n\n", total) : rc;
}

static int summary(md *m)
{
    const json_t *report = m->r.report, *totals = json_object_get(report, "totals");
    const json_t *sections = json_object_get(report, "sections");
    long long total = json_integer_value(json_object_get(totals, "recommendations"));
    int rc = hr_buf_puts(m->out, "## ");
    if (rc == 0)
        rc = esc(m->out, hr_render_text(&m->r, HR_RT_SUMMARY));
    if (rc == 0)
        rc = hr_buf_puts(m->out, "\n\n");
    if (rc == 0)
        rc = count_table(m, HR_RT_BY_STATUS, HR_RT_STATUS, json_object_get(totals, "by_status"),
                         "label", total);
    if (rc == 0 && json_object_get(totals, "by_position") != NULL)
        rc = count_table(m, HR_RT_BY_POSITION, HR_RT_POSITION,
                         json_object_get(totals, "by_position"), "label", total);
    if (rc == 0 && json_array_size(sections) > 1)
        rc = count_table(m, HR_RT_RECOMMENDATIONS, HR_RT_SECTION, sections, "heading", total);
    long long several = json_integer_value(json_object_get(totals, "in_several_sections"));
    if (rc == 0 && several > 0) {
        rc = esc(m->out, hr_render_text(&m->r, HR_RT_SEVERAL));
        if (rc == 0)
            rc = hr_buf_printf(m->out, "%s%lld\n\n", hr_render_text(&m->r, HR_RT_COLON), several);
    }
    return rc;
}

static int actions(md *m, const json_t *rec)
{
    const json_t *list = json_object_get(rec, "actions");
    int rc = hr_buf_puts(m->out, "**");
    if (rc == 0)
        rc = esc(m->out, hr_render_text(&m->r, HR_RT_ACTIONS));
    if (rc == 0)
        rc = hr_buf_puts(m->out, "**\n\n");
    if (rc == 0 && json_array_size(list) == 0) {
        rc = esc(m->out, hr_render_text(&m->r, HR_RT_NO_ACTIONS));
        return rc == 0 ? hr_buf_puts(m->out, "\n\n") : rc;
    }
    const char *head[HR_RENDER_ACTION_COLUMNS];
    for (int c = 0; c < HR_RENDER_ACTION_COLUMNS; c++)
        head[c] = hr_render_action_heading(&m->r, c);
    if (rc == 0)
        rc = row(m, head, HR_RENDER_ACTION_COLUMNS);
    if (rc == 0)
        rc = hr_buf_puts(m->out, "| --- | --- | --- | --- | --- |\n");
    size_t i;
    const json_t *action;
    hr_buf cells[HR_RENDER_ACTION_COLUMNS];
    for (int c = 0; c < HR_RENDER_ACTION_COLUMNS; c++)
        hr_buf_init(&cells[c], 64u * 1024u);
    json_array_foreach(list, i, action)
    {
        const char *text[HR_RENDER_ACTION_COLUMNS];
        for (int c = 0; rc == 0 && c < HR_RENDER_ACTION_COLUMNS; c++) {
            rc = hr_render_action_cell(&cells[c], &m->r, action, c);
            text[c] = hr_buf_cstr(&cells[c]);
        }
        if (rc == 0)
            rc = row(m, text, HR_RENDER_ACTION_COLUMNS);
    }
    for (int c = 0; c < HR_RENDER_ACTION_COLUMNS; c++)
        hr_buf_free(&cells[c]);
    return rc == 0 ? hr_buf_puts(m->out, "\n") : rc;
}

/* "- **label:** value", unless the value is empty. */
static int detail(md *m, const json_t *rec, hr_render_field_id field, hr_report_text_id label)
{
    int rc = hr_render_field(&m->text, &m->r, rec, field);
    if (rc != 0 || m->text.len == 0)
        return rc;
    rc = hr_buf_puts(m->out, "- **");
    if (rc == 0)
        rc = esc(m->out, hr_render_text(&m->r, label));
    if (rc == 0)
        rc = hr_buf_printf(m->out, "%s** ", hr_render_text(&m->r, HR_RT_COLON));
    if (rc == 0)
        rc = esc(m->out, hr_buf_cstr(&m->text));
    return rc == 0 ? hr_buf_puts(m->out, "\n") : rc;
}

static int recommendation(md *m, const json_t *rec, int level)
{
    int rc = hr_render_field(&m->text, &m->r, rec, HR_RENDER_HEADING);
    if (rc == 0)
        rc = hr_buf_printf(m->out, "%.*s ", level, "######");
    if (rc == 0)
        rc = esc(m->out, hr_buf_cstr(&m->text));
    if (rc == 0)
        rc = hr_buf_puts(m->out, "\n\n> ");
    if (rc == 0)
        rc = esc(m->out, json_string_value(json_object_get(rec, "text")));
    if (rc == 0)
        rc = hr_buf_puts(m->out, "\n\n");
    if (rc == 0)
        rc = detail(m, rec, HR_RENDER_STATES, HR_RT_RECOMMENDING_STATES);
    if (rc == 0)
        rc = detail(m, rec, HR_RENDER_POSITION, HR_RT_POSITION);
    if (rc == 0)
        rc = detail(m, rec, HR_RENDER_STATUS, HR_RT_STATUS);
    if (rc == 0)
        rc = detail(m, rec, HR_RENDER_LEAD, HR_RT_LEAD);
    if (rc == 0)
        rc = hr_buf_puts(m->out, "\n");
    return rc == 0 ? actions(m, rec) : rc;
}

static int section(md *m, const json_t *s, int level)
{
    const json_t *subs = json_object_get(s, "subsections");
    char n[24];
    hr_render_count(n, s);
    int rc = hr_buf_printf(m->out, "%.*s ", level, "######");
    if (rc == 0)
        rc = esc(m->out, json_string_value(json_object_get(s, "heading")));
    if (rc == 0)
        rc = hr_buf_printf(m->out, " (%s)\n\n", n);
    if (rc == 0)
        rc = hr_render_status_line(&m->text, &m->r, s);
    if (rc == 0 && m->text.len > 0) {
        rc = hr_buf_puts(m->out, "_");
        if (rc == 0)
            rc = esc(m->out, hr_buf_cstr(&m->text));
        if (rc == 0)
            rc = hr_buf_puts(m->out, "_\n\n");
    }
    size_t i;
    const json_t *item;
    json_array_foreach(subs, i, item)
    {
        if (rc == 0)
            rc = section(m, item, level + 1);
    }
    json_array_foreach(json_array_size(subs) ? NULL : json_object_get(s, "recommendations"), i,
                       item)
    {
        const json_t *rec = hr_render_rec(&m->r, item);
        if (rc == 0 && rec != NULL)
            rc = recommendation(m, rec, level + 1);
    }
    return rc;
}

int hr_report_render_markdown(hr_buf *out, const json_t *report)
{
    md m = {.out = out};
    hr_buf_init(&m.text, 1024u * 1024u);
    int rc = hr_render_open(&m.r, report);
    if (rc == 0)
        rc = hr_buf_puts(out, "# ");
    if (rc == 0)
        rc = esc(out, json_string_value(json_object_get(report, "title")));
    if (rc == 0)
        rc = hr_buf_puts(out, "\n\n");
    if (rc == 0)
        rc = hr_render_meta(&m.r, meta_line, &m);
    if (rc == 0)
        rc = hr_buf_puts(out, "\n");
    if (rc == 0 && json_is_integer(json_object_get(report, "actions_institution"))) {
        rc = esc(out, hr_render_text(&m.r, HR_RT_ACTIONS_SCOPE));
        if (rc == 0)
            rc = hr_buf_puts(out, "\n\n");
    }
    if (rc == 0)
        rc = summary(&m);
    const json_t *sections = json_object_get(report, "sections");
    if (rc == 0 && json_array_size(sections) == 0) {
        rc = esc(out, hr_render_text(&m.r, HR_RT_NONE));
        if (rc == 0)
            rc = hr_buf_puts(out, "\n");
    }
    size_t i;
    const json_t *s;
    json_array_foreach(sections, i, s)
    {
        if (rc == 0)
            rc = section(&m, s, 2);
    }
    hr_render_close(&m.r);
    hr_buf_free(&m.text);
    return rc;
}
