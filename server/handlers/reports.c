/*
 * Reports drafted from the data (lib/report):
 *   GET /api/v1/reports/upr-midterm?state=PY[&cycle=N]          planning_read
 *   GET /api/v1/reports/treaty-followup?state=PY&body=CCPR       planning_read
 *                                     (or &document=CCPR/C/PRY/CO/4)
 *   GET /api/v1/reports/vnr?state=PY                             planning_read
 * each with format=json (default: the structured report), html, md or
 * xlsx, in the request's language. Reports show actions, which are
 * non-public planning data: focal points and validators see only their
 * own institution's (the read scope of access.c), and the report says so.
 * The handler reads the query string, asks lib/report for the report and
 * sends it in the format asked for; it knows nothing of either.
 */
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/access.h"
#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum report_format { FORMAT_JSON, FORMAT_HTML, FORMAT_MD, FORMAT_XLSX } report_format;

/* What the reply streams: a rendered text, or a workbook's file. */
typedef struct rendered {
    hr_buf text;
    size_t sent;
    FILE *file;
} rendered;

typedef int (*assemble_fn)(json_t **out, const char **field, hr_db *db, const hr_report_request *r);

static int read_format(report_format *out, const char **field, const hr_request *req)
{
    static const char *const names[] = {"json", "html", "md", "xlsx"};
    const char *format = hr_request_query(req, "format");
    *out = FORMAT_JSON;
    for (int i = 0; format != NULL && i < 4; i++) {
        if (strcmp(format, names[i]) == 0) {
            *out = (report_format)i;
            return 0;
        }
    }
    if (format == NULL)
        return 0;
    *field = "format";
    return HR_EUNPROCESSABLE;
}

/* The required ?state=, two letters, upper-cased into `state`. */
static int read_state(char state[3], const char **field, const hr_request *req)
{
    const char *text = NULL;
    int rc = hr_query_args_text(&text, field, req, "state", 2, 2);
    for (int i = 0; rc == 0 && text != NULL && i < 2; i++) {
        char c = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 'a' + 'A') : text[i];
        rc = c >= 'A' && c <= 'Z' ? 0 : HR_EUNPROCESSABLE;
        state[i] = c;
    }
    state[2] = '\0';
    if (rc == 0 && text == NULL)
        rc = HR_EUNPROCESSABLE;
    if (rc != 0)
        *field = "state";
    return rc;
}

/* The parameters every report takes, and the connection. */
static int read_request(hr_report_request *r, char state[3], report_format *format,
                        const char **field, hr_db **db, const hr_request *req,
                        const char *const *allowed)
{
    memset(r, 0, sizeof *r);
    int rc = hr_query_args_known(field, req, allowed);
    if (rc == 0)
        rc = read_state(state, field, req);
    if (rc == 0)
        rc = read_format(format, field, req);
    r->state = state;
    r->lang = hr_request_lang(req);
    r->actions_institution = hr_access_read_scope(hr_request_principal(req));
    return rc == 0 ? hr_request_db(db, req) : rc;
}

static long produce(void *ctx, char *buf, size_t max)
{
    rendered *s = ctx;
    if (s->file != NULL) {
        size_t n = fread(buf, 1, max, s->file);
        return n > 0 ? (long)n : (ferror(s->file) ? -1 : 0);
    }
    size_t n = s->text.len - s->sent;
    n = n > max ? max : n;
    memcpy(buf, s->text.data + s->sent, n);
    s->sent += n;
    return (long)n;
}

static void release(void *ctx)
{
    rendered *s = ctx;
    hr_buf_free(&s->text);
    if (s->file != NULL)
        fclose(s->file);
    free(s);
}

/* Renders `report` as `format` and sets the streamed reply. */
static int send_rendered(hr_reply *reply, const json_t *report, report_format format)
{
    static const char *const types[] = {
        [FORMAT_HTML] = "text/html; charset=utf-8",
        [FORMAT_MD] = "text/markdown; charset=utf-8",
        [FORMAT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    static const char *const extensions[] = {
        [FORMAT_HTML] = "html", [FORMAT_MD] = "md", [FORMAT_XLSX] = "xlsx"};
    rendered *s = calloc(1, sizeof *s);
    if (s == NULL)
        return HR_ENOMEM;
    hr_buf_init(&s->text, HR_REPORT_RENDER_MAX);
    int rc = format == FORMAT_XLSX   ? hr_report_render_xlsx(&s->file, report)
             : format == FORMAT_HTML ? hr_report_render_html(&s->text, report)
                                     : hr_report_render_markdown(&s->text, report);
    if (rc != 0) {
        release(s);
        return rc;
    }
    const json_t *state = json_object_get(report, "state");
    char name[64];
    snprintf(name, sizeof name, "%s-%s-%s.%s", json_string_value(json_object_get(report, "kind")),
             json_string_value(json_object_get(state, "code")),
             json_string_value(json_object_get(report, "lang")), extensions[format]);
    hr_reply_stream(reply, types[format], name, produce, release, s);
    return 0;
}

/* The common path of the three routes once the request is read. */
static void reply_report(hr_reply *reply, int rc, const char *field, assemble_fn assemble,
                         hr_db *db, const hr_report_request *r, report_format format)
{
    json_t *report = NULL;
    if (rc == 0)
        rc = assemble(&report, &field, db, r);
    if (rc == 0 && format != FORMAT_JSON)
        rc = send_rendered(reply, report, format);
    if (rc != 0) {
        json_decref(report);
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == FORMAT_JSON)
        hr_reply_json(reply, 200, report);
    else
        json_decref(report);
}

void hr_handle_report_upr_midterm(hr_request *req, hr_reply *reply)
{
    static const char *const allowed[] = {"state", "cycle", "format", NULL};
    hr_report_request r;
    char state[3];
    report_format format = FORMAT_JSON;
    const char *field = NULL;
    hr_db *db = NULL;
    long long cycle = 0;
    int rc = read_request(&r, state, &format, &field, &db, req, allowed);
    if (rc == 0)
        rc = hr_query_args_integer(&cycle, &field, req, "cycle", 1, 20);
    r.cycle = (int)cycle;
    reply_report(reply, rc, field, hr_report_upr_midterm, db, &r, format);
}

void hr_handle_report_treaty_followup(hr_request *req, hr_reply *reply)
{
    static const char *const allowed[] = {"state", "body", "document", "format", NULL};
    hr_report_request r;
    char state[3];
    report_format format = FORMAT_JSON;
    const char *field = NULL;
    hr_db *db = NULL;
    int rc = read_request(&r, state, &format, &field, &db, req, allowed);
    if (rc == 0)
        rc = hr_query_args_text(&r.body, &field, req, "body", 1, 300);
    if (rc == 0)
        rc = hr_query_args_text(&r.document, &field, req, "document", 1, 100);
    reply_report(reply, rc, field, hr_report_treaty_followup, db, &r, format);
}

void hr_handle_report_vnr(hr_request *req, hr_reply *reply)
{
    static const char *const allowed[] = {"state", "format", NULL};
    hr_report_request r;
    char state[3];
    report_format format = FORMAT_JSON;
    const char *field = NULL;
    hr_db *db = NULL;
    int rc = read_request(&r, state, &format, &field, &db, req, allowed);
    reply_report(reply, rc, field, hr_report_vnr, db, &r, format);
}
