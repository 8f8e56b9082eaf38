/*
 * A report as one standalone HTML5 document: the language in the lang
 * attribute, a short inline style that also prints well (a recommendation
 * is not split across pages), no script and a Content-Security-Policy that
 * forbids any, and every value from the data escaped, so that a cluster
 * named "<script>" is shown as text.
 */
#include "render.h"

#include "hrtrack/error.h"

#include <string.h>

static const char style[] =
    "body{font-family:system-ui,sans-serif;line-height:1.45;max-width:60rem;margin:2rem auto;"
    "padding:0 1rem;color:#111}"
    "table{border-collapse:collapse;margin:.5rem 0}"
    "th,td{border:1px solid #999;padding:.2rem .5rem;text-align:left;vertical-align:top}"
    "td.n{text-align:right}dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}"
    "dt{font-weight:600}dd{margin:0}blockquote{margin:.5rem 0;padding-left:1rem;"
    "border-left:3px solid #999}article{border-top:1px solid #ccc;padding-top:.5rem;"
    "break-inside:avoid;page-break-inside:avoid}.counts{color:#444}"
    "@media print{body{max-width:none;margin:0}h2{break-before:auto;break-after:avoid}}";

typedef struct html {
    hr_buf *out;
    hr_buf text; /* scratch: plain text before escaping */
    hr_render r;
} html;

/* Appends `s` with &, <, >, " and ' written as references. */
static int esc(hr_buf *out, const char *s)
{
    int rc = 0;
    for (const char *p = s ? s : ""; rc == 0 && *p != '\0';) {
        size_t run = strcspn(p, "&<>\"'");
        rc = hr_buf_append(out, p, run);
        p += run;
        if (rc != 0 || *p == '\0')
            break;
        static const char *const refs[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
        rc = hr_buf_puts(out, refs[strchr("&<>\"'", *p) - "&<>\"'"]);
        p++;
    }
    return rc;
}

/* <tag>escaped text</tag> */
static int element(hr_buf *out, const char *tag, const char *text)
{
    int rc = hr_buf_printf(out, "<%s>", tag);
    if (rc == 0)
        rc = esc(out, text);
    return rc == 0 ? hr_buf_printf(out, "</%s>", tag) : rc;
}

static int meta_line(void *ctx, const char *label, const char *value)
{
    html *h = ctx;
    int rc = element(h->out, "dt", label);
    return rc == 0 ? element(h->out, "dd", value) : rc;
}

static int head(html *h)
{
    const json_t *state = json_object_get(h->r.report, "state");
    int rc =
        hr_buf_printf(h->out,
                      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                      "'none'; style-src 'unsafe-inline'\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                      "\n<title>",
                      hr_lang_code(h->r.lang));
    if (rc == 0)
        rc = esc(h->out, json_string_value(json_object_get(h->r.report, "title")));
    if (rc == 0)
        rc = hr_buf_puts(h->out, " — ");
    if (rc == 0)
        rc = esc(h->out, json_string_value(json_object_get(state, "name")));
    if (rc == 0)
        rc = hr_buf_printf(h->out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n",
                           style);
    if (rc == 0)
        rc = element(h->out, "h1", json_string_value(json_object_get(h->r.report, "title")));
    if (rc == 0)
        rc = hr_buf_puts(h->out, "\n<dl>");
    if (rc == 0)
        rc = hr_render_meta(&h->r, meta_line, h);
    if (rc == 0)
        rc = hr_buf_puts(h->out, "</dl>\n");
    if (rc == 0 && json_is_integer(json_object_get(h->r.report, "actions_institution")))
        rc = element(h->out, "p", hr_render_text(&h->r, HR_RT_ACTIONS_SCOPE));
    return rc == 0 ? hr_buf_puts(h->out, "</header>\n") : rc;
}

/* A two-column table of counts: label, number; then the total. */
static int count_table(html *h, hr_report_text_id caption, hr_report_text_id column,
                       const json_t *items, const char *label_key, long long total)
{
    int rc = hr_buf_puts(h->out, "<table>\n<caption>");
    if (rc == 0)
        rc = esc(h->out, hr_render_text(&h->r, caption));
    if (rc == 0)
        rc = hr_buf_puts(h->out, "</caption>\n<thead><tr>");
    if (rc == 0)
        rc = element(h->out, "th", hr_render_text(&h->r, column));
    if (rc == 0)
        rc = element(h->out, "th", hr_render_text(&h->r, HR_RT_COUNT));
    if (rc == 0)
        rc = hr_buf_puts(h->out, "</tr></thead>\n<tbody>\n");
    size_t i;
    const json_t *item;
    json_array_foreach(items, i, item)
    {
        char n[24];
        hr_render_count(n, item);
        if (rc == 0)
            rc = hr_buf_puts(h->out, "<tr>");
        if (rc == 0)
            rc = element(h->out, "td", json_string_value(json_object_get(item, label_key)));
        if (rc == 0)
            rc = hr_buf_printf(h->out, "<td class=\"n\">%s</td></tr>\n", n);
    }
    if (rc == 0)
        rc = hr_buf_puts(h->out, "<tr>");
    if (rc == 0)
        rc = element(h->out, "th", hr_render_text(&h->r, HR_RT_TOTAL));
    return rc == 0 ? hr_buf_printf(h->out, "<td class=\"n\">%lld</td></tr>\n</tbody>\n</table>\n",
                                   total)
                   : rc;
}

static int summary(html *h)
{
    const json_t *totals = json_object_get(h->r.report, "totals");
    const json_t *sections = json_object_get(h->r.report, "sections");
    long long total = json_integer_value(json_object_get(totals, "recommendations"));
    int rc = hr_buf_puts(h->out, "<section class=\"summary\">\n");
    if (rc == 0)
        rc = element(h->out, "h2", hr_render_text(&h->r, HR_RT_SUMMARY));
    if (rc == 0)
        rc = count_table(h, HR_RT_BY_STATUS, HR_RT_STATUS, json_object_get(totals, "by_status"),
                         "label", total);
    if (rc == 0 && json_object_get(totals, "by_position") != NULL)
        rc = count_table(h, HR_RT_BY_POSITION, HR_RT_POSITION,
                         json_object_get(totals, "by_position"), "label", total);
    if (rc == 0 && json_array_size(sections) > 1)
        rc = count_table(h, HR_RT_RECOMMENDATIONS, HR_RT_SECTION, sections, "heading", total);
    long long several = json_integer_value(json_object_get(totals, "in_several_sections"));
    if (rc == 0 && several > 0) {
        rc = hr_buf_puts(h->out, "<p>");
        if (rc == 0)
            rc = esc(h->out, hr_render_text(&h->r, HR_RT_SEVERAL));
        if (rc == 0)
            rc = hr_buf_printf(h->out, "%s%lld</p>\n", hr_render_text(&h->r, HR_RT_COLON), several);
    }
    return rc == 0 ? hr_buf_puts(h->out, "</section>\n") : rc;
}

static int actions(html *h, const json_t *rec)
{
    const json_t *list = json_object_get(rec, "actions");
    int rc = element(h->out, "h5", hr_render_text(&h->r, HR_RT_ACTIONS));
    if (rc == 0 && json_array_size(list) == 0)
        return element(h->out, "p", hr_render_text(&h->r, HR_RT_NO_ACTIONS));
    if (rc == 0)
        rc = hr_buf_puts(h->out, "\n<table>\n<thead><tr>");
    for (int c = 0; rc == 0 && c < HR_RENDER_ACTION_COLUMNS; c++)
        rc = element(h->out, "th", hr_render_action_heading(&h->r, c));
    if (rc == 0)
        rc = hr_buf_puts(h->out, "</tr></thead>\n<tbody>\n");
    size_t i;
    const json_t *action;
    json_array_foreach(list, i, action)
    {
        if (rc == 0)
            rc = hr_buf_puts(h->out, "<tr>");
        for (int c = 0; rc == 0 && c < HR_RENDER_ACTION_COLUMNS; c++) {
            rc = hr_render_action_cell(&h->text, &h->r, action, c);
            if (rc == 0)
                rc = element(h->out, "td", hr_buf_cstr(&h->text));
        }
        if (rc == 0)
            rc = hr_buf_puts(h->out, "</tr>\n");
    }
    return rc == 0 ? hr_buf_puts(h->out, "</tbody>\n</table>\n") : rc;
}

/* One line of a recommendation's description list, unless its value is empty. */
static int detail(html *h, const json_t *rec, hr_render_field_id field, hr_report_text_id label)
{
    int rc = hr_render_field(&h->text, &h->r, rec, field);
    if (rc != 0 || h->text.len == 0)
        return rc;
    rc = element(h->out, "dt", hr_render_text(&h->r, label));
    return rc == 0 ? element(h->out, "dd", hr_buf_cstr(&h->text)) : rc;
}

static int recommendation(html *h, const json_t *rec)
{
    int rc = hr_buf_puts(h->out, "<article>\n");
    if (rc == 0)
        rc = hr_render_field(&h->text, &h->r, rec, HR_RENDER_HEADING);
    if (rc == 0)
        rc = element(h->out, "h4", hr_buf_cstr(&h->text));
    if (rc == 0)
        rc = hr_buf_puts(h->out, "\n");
    if (rc == 0)
        rc = element(h->out, "blockquote", json_string_value(json_object_get(rec, "text")));
    if (rc == 0)
        rc = hr_buf_puts(h->out, "\n<dl>");
    if (rc == 0)
        rc = detail(h, rec, HR_RENDER_STATES, HR_RT_RECOMMENDING_STATES);
    if (rc == 0)
        rc = detail(h, rec, HR_RENDER_POSITION, HR_RT_POSITION);
    if (rc == 0)
        rc = detail(h, rec, HR_RENDER_STATUS, HR_RT_STATUS);
    if (rc == 0)
        rc = detail(h, rec, HR_RENDER_LEAD, HR_RT_LEAD);
    if (rc == 0)
        rc = hr_buf_puts(h->out, "</dl>\n");
    if (rc == 0)
        rc = actions(h, rec);
    return rc == 0 ? hr_buf_puts(h->out, "</article>\n") : rc;
}

/* A section (h2) or subsection (h3): heading with its count, status counts, recommendations. */
static int section(html *h, const json_t *s, int level)
{
    const json_t *subs = json_object_get(s, "subsections");
    char n[24];
    hr_render_count(n, s);
    int rc = hr_buf_printf(h->out, "<section>\n<h%d>", level);
    if (rc == 0)
        rc = esc(h->out, json_string_value(json_object_get(s, "heading")));
    if (rc == 0)
        rc = hr_buf_printf(h->out, " (%s)</h%d>\n", n, level);
    if (rc == 0)
        rc = hr_render_status_line(&h->text, &h->r, s);
    if (rc == 0)
        rc = hr_buf_puts(h->out, "<p class=\"counts\">");
    if (rc == 0)
        rc = esc(h->out, hr_buf_cstr(&h->text));
    if (rc == 0)
        rc = hr_buf_puts(h->out, "</p>\n");
    size_t i;
    const json_t *item;
    json_array_foreach(subs, i, item)
    {
        if (rc == 0)
            rc = section(h, item, level + 1);
    }
    json_array_foreach(json_array_size(subs) ? NULL : json_object_get(s, "recommendations"), i,
                       item)
    {
        const json_t *rec = hr_render_rec(&h->r, item);
        if (rc == 0 && rec != NULL)
            rc = recommendation(h, rec);
    }
    return rc == 0 ? hr_buf_puts(h->out, "</section>\n") : rc;
}

int hr_report_render_html(hr_buf *out, const json_t *report)
{
    html h = {.out = out};
    hr_buf_init(&h.text, 1024u * 1024u);
    int rc = hr_render_open(&h.r, report);
    if (rc == 0)
        rc = head(&h);
    if (rc == 0)
        rc = summary(&h);
    const json_t *sections = json_object_get(report, "sections");
    if (rc == 0 && json_array_size(sections) == 0)
        rc = element(out, "p", hr_render_text(&h.r, HR_RT_NONE));
    size_t i;
    const json_t *s;
    json_array_foreach(sections, i, s)
    {
        if (rc == 0)
            rc = section(&h, s, 2);
    }
    if (rc == 0)
        rc = hr_buf_puts(out, "</body>\n</html>\n");
    hr_render_close(&h.r);
    hr_buf_free(&h.text);
    return rc;
}
