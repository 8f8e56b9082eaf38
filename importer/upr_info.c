/*
 * `hrtrack-import upr-info FILE`: the UPR Info database export, one CSV
 * file per range of sessions, with the columns
 *   To, To-Rgrp, To-Org, Text, From, From-Rgrp, From-Org, Response, Action, Issue, Session
 * (state under review and its regional group and organisations, the
 * recommendation, the recommending state and its group and organisations,
 * the response, UPR Info's action category 1-5, the issues, the session).
 *
 * UPR Info rows have no identifier: a row's key is a digest of its session,
 * states and text, so the same row keeps its key from one export to the
 * next. Organisations (To-Org, From-Org) are not kept: hrtrack records
 * states and regions. "(Unknown)" as recommending state means UPR Info did
 * not know it; the row is kept without one.
 */
#include "upr_info.h"

#include "csv.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/sha256.h"
#include "hrtrack/text.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    TO,
    TO_RGRP,
    TO_ORG,
    TEXT,
    FROM,
    FROM_RGRP,
    FROM_ORG,
    RESPONSE,
    ACTION,
    ISSUE,
    SESSION,
    COLUMNS
};

static const char *const header[COLUMNS] = {"To",     "To-Rgrp",   "To-Org",   "Text",
                                            "From",   "From-Rgrp", "From-Org", "Response",
                                            "Action", "Issue",     "Session"};

/* The UPR cycles by session: 1-12, 13-26, 27-40, then 14 sessions a cycle. */
static int cycle_of(int session)
{
    if (session <= 12)
        return 1;
    return 2 + (session - 13) / 14;
}

/* Plain text of a field (UPR Info writes some characters as HTML references). */
static int plain(hr_buf *out, const char *s)
{
    hr_buf_reset(out);
    return hr_text_from_html(out, s, strlen(s));
}

static int parse_number(int *out, const char *s, int max)
{
    char *end = NULL;
    long n = strtol(s, &end, 10);
    if (end == s || *end != '\0' || n < 1 || n > max)
        return -1;
    *out = (int)n;
    return 0;
}

static int map_response(hr_rec *rec, hr_reject *why, const char *response)
{
    if (response[0] == '\0' || strcasecmp(response, "Pending") == 0 ||
        strcasecmp(response, "Voluntary Pledge") == 0)
        return 0;
    if (strcasecmp(response, "Accepted") == 0 || strcasecmp(response, "Supported") == 0)
        rec->position = "supported";
    else if (strcasecmp(response, "Noted") == 0 || strcasecmp(response, "Rejected") == 0)
        rec->position = "noted";
    else
        return hr_reject_set(why, "Response", "unknown response \"%.40s\"", response);
    return 0;
}

/* "Rights of the Child,Women's rights" -> two themes. */
static int map_issues(hr_rec *rec, hr_reject *why, char *issues)
{
    hr_buf name;
    hr_buf_init(&name, HR_REC_NAME_MAX);
    int rc = 0;
    for (char *item = issues; rc == 0 && item != NULL;) {
        char *comma = strchr(item, ',');
        if (comma != NULL)
            *comma = '\0';
        rc = plain(&name, item);
        if (rc == 0 && name.len > 0)
            rc = hr_rec_list_add(&rec->themes, hr_buf_cstr(&name));
        item = comma ? comma + 1 : NULL;
    }
    hr_buf_free(&name);
    if (rc == HR_ELIMIT || rc == HR_EPARSE)
        return hr_reject_set(why, "Issue", "an issue is too long, or there are too many");
    return rc;
}

static int map_state(hr_rec_list *list, hr_reject *why, const hr_resolver *resolver,
                     const char *field, const char *name, int optional)
{
    char alpha2[3];
    if (name[0] == '\0' || (optional && strcmp(name, "(Unknown)") == 0))
        return 0;
    if (hr_resolver_state(alpha2, resolver, name) != 0)
        return hr_reject_set(why, field, "unknown state \"%.80s\"", name);
    return hr_rec_list_add(list, alpha2);
}

static int map_key(hr_rec *rec, char **f)
{
    hr_buf all;
    hr_buf_init(&all, 2 * HR_REC_TEXT_MAX);
    int rc = hr_buf_printf(&all, "%s\x1f%s\x1f%s\x1f%s", f[SESSION], f[TO], f[FROM], f[TEXT]);
    char hex[HR_SHA256_HEX_LEN + 1];
    if (rc == 0) {
        hr_sha256_hex(hex, all.data, all.len);
        rc = hr_rec_set(&rec->external_key, hex, strlen(hex));
    }
    hr_buf_free(&all);
    return rc;
}

static int map_row(hr_rec *rec, hr_reject *why, char **f, const hr_run *run)
{
    hr_buf text;
    hr_buf_init(&text, HR_REC_TEXT_MAX);
    int rc = map_key(rec, f);
    snprintf(rec->mechanism, sizeof rec->mechanism, "UPR");
    if (rc == 0)
        rc = hr_rec_set(&rec->body, "UPR", 3);
    if (rc == 0 && (rc = plain(&text, f[TEXT])) != 0)
        rc = hr_reject_set(why, "Text", rc == HR_ELIMIT ? "too long" : "not valid text");
    if (rc == 0 && text.len == 0)
        rc = hr_reject_set(why, "Text", "empty");
    if (rc == 0)
        rc = hr_rec_set(&rec->text_published, f[TEXT], strlen(f[TEXT]));
    if (rc == 0)
        rc = hr_rec_set(&rec->text_plain, text.data, text.len);
    if (rc == 0)
        snprintf(rec->language, sizeof rec->language, "%s",
                 hr_lang_code(hr_lang_guess(rec->text_plain, run->options->lang)));
    hr_buf from;
    hr_buf_init(&from, HR_REC_NAME_MAX);
    if (rc == 0 && (rc = plain(&from, f[FROM])) != 0)
        rc = hr_reject_set(why, "From", "not valid text");
    if (rc == 0)
        rc = map_state(&rec->states, why, run->resolver, "To", f[TO], 0);
    if (rc == 0)
        rc =
            map_state(&rec->recommending_states, why, run->resolver, "From", hr_buf_cstr(&from), 1);
    if (rc == 0 && f[TO_RGRP][0] != '\0')
        rc = hr_rec_list_add(&rec->regions, f[TO_RGRP]);
    if (rc == 0 && f[FROM_RGRP][0] != '\0')
        rc = hr_rec_list_add(&rec->recommending_regions, f[FROM_RGRP]);
    if (rc == 0)
        rc = map_response(rec, why, f[RESPONSE]);
    if (rc == 0 && f[ACTION][0] != '\0' && parse_number(&rec->action, f[ACTION], 5) != 0)
        rc = hr_reject_set(why, "Action", "not an action category 1-5: \"%.20s\"", f[ACTION]);
    if (rc == 0 && parse_number(&rec->session, f[SESSION], 200) != 0)
        rc = hr_reject_set(why, "Session", "not a session number: \"%.20s\"", f[SESSION]);
    if (rc == 0)
        rec->cycle = cycle_of(rec->session);
    if (rc == 0)
        rc = map_issues(rec, why, f[ISSUE]);
    hr_buf_free(&from);
    hr_buf_free(&text);
    return rc;
}

static int check_header(const hr_csv_record *r)
{
    int ok = r->error == 0 && r->count == COLUMNS;
    for (size_t i = 0; ok && i < COLUMNS; i++)
        ok = strcmp(r->fields[i], header[i]) == 0;
    if (!ok)
        hr_log_error("not a UPR Info export: the first line must be the columns "
                     "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,"
                     "Session");
    return ok ? 0 : HR_EPARSE;
}

static int handle(hr_run *run, hr_csv_record *r)
{
    char location[48];
    snprintf(location, sizeof location, "line %" PRIu64, r->line);
    hr_reject why;
    if (r->error != 0) {
        hr_reject_set(&why, "(record)", "%s (line %" PRIu64 ")", r->reason, r->error_line);
        return hr_run_reject(run, location, &why);
    }
    if (r->count != COLUMNS) {
        hr_reject_set(&why, "(record)", "%zu fields where the header has %d", r->count, COLUMNS);
        return hr_run_reject(run, location, &why);
    }
    hr_rec rec = {0};
    int rc = map_row(&rec, &why, r->fields, run);
    return hr_run_submit(run, rc, &rec, location, &why);
}

int hr_upr_info_read(hr_run *run)
{
    hr_csv *csv = NULL;
    hr_csv_record r = {0};
    int rc = hr_csv_open(&csv, hr_source_file(run->source), HR_CSV_AUTO);
    int got = rc == 0 ? hr_csv_next(csv, &r) : rc;
    if (got == 0) {
        hr_log_error("the file is empty");
        rc = HR_EPARSE;
    } else if (got < 0) {
        rc = got;
    } else {
        rc = check_header(&r);
    }
    while (rc == 0 && (got = hr_csv_next(csv, &r)) == 1)
        rc = handle(run, &r);
    if (rc == 0 && got < 0) {
        rc = got;
        if (rc == HR_EPARSE)
            hr_log_error("the file is not well-formed CSV (a quoted field is never closed)");
    }
    hr_csv_free(csv);
    return rc;
}
