/*
 * `hrtrack-import document FILE --symbol S --date D [--state X]`: a UPR
 * Working Group report, a treaty body's concluding observations or a
 * special procedure's report, as plain text. The splitter
 * (document_split.c) finds the recommendations; this file gives each one
 * its key ("symbol#paragraph"), state, mechanism, date and, for the UPR,
 * its recommending states and position.
 */
#include "document.h"

#include "document_split.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/text.h"

#include <stdio.h>
#include <string.h>

static int read_all(hr_buf *text, FILE *f)
{
    char chunk[65536];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = hr_buf_append(text, chunk, n);
    if (rc == HR_ELIMIT)
        hr_log_error("the document is larger than %u bytes", HR_DOC_MAX_BYTES);
    return rc == 0 && ferror(f) ? HR_EIO : rc;
}

static int valid_date(const char *date)
{
    int y, m, d, used = 0;
    return date != NULL && sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && used == 10 &&
           date[10] == '\0' && y >= 1945 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* The state concerned: --state (a name or a code), else the symbol's code. */
static int find_state(char alpha2[3], const hr_run *run, const char *alpha3)
{
    const char *given = run->options->state ? run->options->state : alpha3;
    if (given == NULL || given[0] == '\0') {
        hr_log_error("the symbol does not name the state: say which with --state");
        return HR_EPARAM;
    }
    if (hr_resolver_state(alpha2, run->resolver, given) != 0) {
        hr_log_error("unknown state \"%s\"%s", given,
                     run->options->state ? "" : " in the symbol; say which with --state");
        return HR_EPARAM;
    }
    return 0;
}

/* Resolves one name, or two joined by " and " ("Argentina and Chile"). */
static int add_named(hr_rec *rec, hr_reject *why, const hr_resolver *resolver, char *name)
{
    char alpha2[3];
    if (hr_resolver_state(alpha2, resolver, name) == 0)
        return hr_rec_list_add(&rec->recommending_states, alpha2);
    /* Only now split at " and ": "Bosnia and Herzegovina" is one state. */
    char *and = strstr(name, " and ");
    if (and != NULL) {
        *and = '\0';
        char second[3];
        if (hr_resolver_state(alpha2, resolver, name) == 0 &&
            hr_resolver_state(second, resolver, and+5) == 0) {
            int rc = hr_rec_list_add(&rec->recommending_states, alpha2);
            return rc == 0 ? hr_rec_list_add(&rec->recommending_states, second) : rc;
        }
        *and = ' ';
    }
    return hr_reject_set(why, "recommending states", "unknown state \"%.80s\"", name);
}

/* "Argentina, Brazil and Chile" -> AR, BR, CL. */
static int map_recommending(hr_rec *rec, hr_reject *why, const hr_resolver *resolver,
                            const char *names)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", names);
    int rc = 0;
    for (char *name = buf; rc == 0 && name != NULL && *name != '\0';) {
        char *comma = strstr(name, ", ");
        if (comma != NULL)
            *comma = '\0';
        rc = add_named(rec, why, resolver, name);
        name = comma ? comma + 2 : NULL;
    }
    return rc;
}

static int map_item(hr_rec *rec, hr_reject *why, const hr_doc_item *item, const hr_run *run,
                    const char *mechanism, const char *state)
{
    const hr_run_options *o = run->options;
    hr_buf key, plain;
    hr_buf_init(&key, 200);
    hr_buf_init(&plain, HR_REC_TEXT_MAX);
    int rc = hr_buf_printf(&key, "%s#%s", o->symbol, item->paragraph);
    if (rc == 0)
        rc = hr_rec_set(&rec->external_key, key.data, key.len);
    if (rc == 0)
        rc = hr_rec_set(&rec->symbol, o->symbol, strlen(o->symbol));
    snprintf(rec->mechanism, sizeof rec->mechanism, "%s", mechanism);
    if (rc == 0 && strcmp(mechanism, "SP") != 0)
        rc = hr_rec_set(&rec->body, mechanism, strlen(mechanism));
    if (rc == 0)
        rc = hr_rec_set(&rec->paragraph, item->paragraph, strlen(item->paragraph));
    if (rc == 0)
        rc = hr_rec_set(&rec->text_published, item->text, strlen(item->text));
    if (rc == 0 && (rc = hr_text_nfc(&plain, item->text, strlen(item->text))) != 0)
        rc = hr_reject_set(why, "text", "longer than %d bytes", HR_REC_TEXT_MAX);
    if (rc == 0)
        rc = hr_rec_set(&rec->text_plain, plain.data, plain.len);
    if (rc == 0)
        snprintf(rec->language, sizeof rec->language, "%s",
                 hr_lang_code(hr_lang_guess(rec->text_plain, o->lang)));
    snprintf(rec->published, sizeof rec->published, "%s", o->date);
    rec->position = item->position;
    if (rc == 0)
        rc = hr_rec_list_add(&rec->states, state);
    if (rc == 0 && item->recommending != NULL)
        rc = map_recommending(rec, why, run->resolver, item->recommending);
    hr_buf_free(&key);
    hr_buf_free(&plain);
    return rc;
}

static int stage_items(hr_run *run, const hr_doc_items *items, const char *mechanism,
                       const char *state)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < items->count; i++) {
        hr_rec rec = {0};
        hr_reject why;
        char location[32];
        snprintf(location, sizeof location, "line %zu", items->items[i].line);
        rc = map_item(&rec, &why, &items->items[i], run, mechanism, state);
        rc = hr_run_submit(run, rc, &rec, location, &why);
    }
    return rc;
}

int hr_document_read(hr_run *run)
{
    const hr_run_options *o = run->options;
    if (o->symbol == NULL || !valid_date(o->date)) {
        hr_log_error("a document needs --symbol (e.g. CCPR/C/PRY/CO/4) and --date YYYY-MM-DD");
        return HR_EPARAM;
    }
    hr_buf text;
    hr_buf_init(&text, HR_DOC_MAX_BYTES);
    hr_doc_items items = {0};
    hr_doc_kind kind;
    char mechanism[12], alpha3[4], state[3];
    int rc = read_all(&text, hr_source_file(run->source));
    if (rc == 0 && !hr_text_is_utf8(hr_buf_cstr(&text), text.len)) {
        hr_log_error("the document is not UTF-8 plain text");
        rc = HR_EPARSE;
    }
    if (rc == 0 && (rc = hr_doc_symbol_info(&kind, mechanism, alpha3, o->symbol, hr_buf_cstr(&text),
                                            text.len)) != 0)
        hr_log_error("cannot tell what \"%s\" is from its symbol and text", o->symbol);
    if (rc == 0)
        rc = find_state(state, run, alpha3);
    if (rc == 0 && (rc = hr_doc_split(&items, hr_buf_cstr(&text), text.len, kind)) != 0)
        hr_log_error("the document could not be split into recommendations (%s)",
                     hr_error_code(rc));
    if (rc == 0)
        rc = stage_items(run, &items, mechanism, state);
    hr_doc_items_free(&items);
    hr_buf_free(&text);
    return rc;
}
