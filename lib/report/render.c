/* The plain text of the parts of a report, shared by its renderers (see render.h). */
#include "render.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <string.h>

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

int hr_render_open(hr_render *r, const json_t *report)
{
    memset(r, 0, sizeof *r);
    r->report = report;
    if (hr_lang_parse(&r->lang, str(report, "lang")) != 0)
        r->lang = HR_LANG_DEFAULT;
    r->index = json_object();
    if (r->index == NULL)
        return HR_ENOMEM;
    size_t i;
    json_t *rec;
    json_array_foreach(json_object_get(report, "recommendations"), i, rec)
    {
        char key[24];
        snprintf(key, sizeof key, "%lld",
                 (long long)json_integer_value(json_object_get(rec, "id")));
        if (json_object_set(r->index, key, rec) != 0)
            return HR_ENOMEM;
    }
    return hr_report_dates_open(&r->dates, r->lang);
}

void hr_render_close(hr_render *r)
{
    json_decref(r->index);
    hr_report_dates_close(r->dates);
    memset(r, 0, sizeof *r);
}

const json_t *hr_render_rec(const hr_render *r, const json_t *id)
{
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)json_integer_value(id));
    return json_object_get(r->index, key);
}

const char *hr_render_text(const hr_render *r, hr_report_text_id id)
{
    return hr_report_text(id, r->lang);
}

int hr_render_meta(hr_render *r, int (*fn)(void *ctx, const char *label, const char *value),
                   void *ctx)
{
    const json_t *state = json_object_get(r->report, "state");
    const json_t *document = json_object_get(r->report, "document");
    hr_buf v;
    hr_buf_init(&v, 4096);
    int rc = hr_buf_printf(&v, "%s (%s)", str(state, "name"), str(state, "code"));
    if (rc == 0)
        rc = fn(ctx, hr_render_text(r, HR_RT_STATE), hr_buf_cstr(&v));
    const json_t *cycle = json_object_get(r->report, "cycle");
    if (rc == 0 && cycle != NULL) {
        hr_buf_reset(&v);
        rc = hr_buf_printf(&v, "%lld", (long long)json_integer_value(cycle));
        if (rc == 0)
            rc = fn(ctx, hr_render_text(r, HR_RT_CYCLE), hr_buf_cstr(&v));
    }
    if (rc == 0 && document != NULL) {
        rc = fn(ctx, hr_render_text(r, HR_RT_BODY), str(document, "mechanism_name"));
        if (rc == 0)
            rc = fn(ctx, hr_render_text(r, HR_RT_DOCUMENT), str(document, "symbol"));
        hr_buf_reset(&v);
        if (rc == 0 && str(document, "published") != NULL) {
            rc = hr_report_date(&v, r->dates, str(document, "published"));
            if (rc == 0)
                rc = fn(ctx, hr_render_text(r, HR_RT_PUBLISHED), hr_buf_cstr(&v));
        }
    }
    hr_buf_reset(&v);
    if (rc == 0)
        rc = hr_report_date(&v, r->dates, str(r->report, "generated"));
    if (rc == 0)
        rc = fn(ctx, hr_render_text(r, HR_RT_GENERATED), hr_buf_cstr(&v));
    hr_buf_free(&v);
    return rc;
}

static int heading(hr_buf *out, hr_render *r, const json_t *rec)
{
    const char *paragraph = str(rec, "paragraph"), *symbol = str(rec, "symbol");
    int rc = paragraph ? hr_buf_printf(out, "%s %s", hr_render_text(r, HR_RT_PARAGRAPH), paragraph)
                       : hr_buf_printf(out, "%s %lld", hr_render_text(r, HR_RT_TEXT),
                                       (long long)json_integer_value(json_object_get(rec, "id")));
    if (rc == 0 && symbol != NULL)
        rc = hr_buf_printf(out, " · %s", symbol);
    return rc;
}

static int states(hr_buf *out, const json_t *rec)
{
    size_t i;
    const json_t *s;
    int rc = 0;
    json_array_foreach(json_object_get(rec, "recommending_states"), i, s)
    {
        if (rc == 0 && i > 0)
            rc = hr_buf_puts(out, ", ");
        if (rc == 0)
            rc = hr_buf_puts(out, str(s, "name"));
    }
    return rc;
}

static int status(hr_buf *out, hr_render *r, const json_t *rec)
{
    int rc = hr_buf_puts(out, str(rec, "status_label"));
    const char *as_of = str(rec, "status_as_of");
    if (rc == 0 && as_of != NULL) {
        rc = hr_buf_printf(out, " (%s ", hr_render_text(r, HR_RT_AS_OF));
        if (rc == 0)
            rc = hr_report_date(out, r->dates, as_of);
        if (rc == 0)
            rc = hr_buf_puts(out, ")");
    }
    return rc;
}

static int lead(hr_buf *out, hr_render *r, const json_t *rec)
{
    const json_t *lead = json_object_get(rec, "lead");
    if (!json_is_object(lead))
        return hr_buf_puts(out, hr_render_text(r, HR_RT_NOT_ASSIGNED));
    return hr_buf_printf(out, "%s (%s)", str(lead, "name"), str(lead, "acronym"));
}

int hr_render_field(hr_buf *out, hr_render *r, const json_t *rec, hr_render_field_id id)
{
    hr_buf_reset(out);
    switch (id) {
    case HR_RENDER_HEADING:
        return heading(out, r, rec);
    case HR_RENDER_STATES:
        return states(out, rec);
    case HR_RENDER_POSITION:
        return str(rec, "mechanism") != NULL && strcmp(str(rec, "mechanism"), "UPR") == 0
                   ? hr_buf_puts(out, str(rec, "position_label"))
                   : 0;
    case HR_RENDER_STATUS:
        return status(out, r, rec);
    case HR_RENDER_LEAD:
        return lead(out, r, rec);
    }
    return 0;
}

const char *hr_render_action_heading(const hr_render *r, int column)
{
    static const hr_report_text_id ids[HR_RENDER_ACTION_COLUMNS] = {
        HR_RT_ACTION, HR_RT_INSTITUTION, HR_RT_ACTION_STATUS, HR_RT_START, HR_RT_DUE};
    return column >= 0 && column < HR_RENDER_ACTION_COLUMNS ? hr_render_text(r, ids[column]) : "";
}

int hr_render_action_cell(hr_buf *out, hr_render *r, const json_t *action, int column)
{
    hr_buf_reset(out);
    const char *impl = str(action, "implementation_label");
    switch (column) {
    case 0:
        return hr_buf_puts(out, str(action, "title"));
    case 1:
        return hr_buf_printf(out, "%s (%s)", str(action, "institution_name"),
                             str(action, "institution"));
    case 2:
        return impl ? hr_buf_printf(out, "%s (%s)", str(action, "status_label"), impl)
                    : hr_buf_puts(out, str(action, "status_label"));
    case 3:
        return hr_report_date(out, r->dates, str(action, "start_date"));
    case 4:
        return hr_report_date(out, r->dates, str(action, "due_date"));
    }
    return 0;
}

int hr_render_status_line(hr_buf *out, const hr_render *r, const json_t *section)
{
    hr_buf_reset(out);
    size_t i;
    const json_t *item;
    int rc = 0;
    json_array_foreach(json_object_get(section, "by_status"), i, item)
    {
        long long n = json_integer_value(json_object_get(item, "count"));
        if (n == 0 || rc != 0)
            continue;
        rc = hr_buf_printf(out, "%s%s%s%lld", out->len > 0 ? " · " : "", str(item, "label"),
                           hr_render_text(r, HR_RT_COLON), n);
    }
    return rc;
}

void hr_render_count(char out[24], const json_t *item)
{
    snprintf(out, 24, "%lld", (long long)json_integer_value(json_object_get(item, "count")));
}
