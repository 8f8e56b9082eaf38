/*
 * UHRI record mapping (see uhri_map.h). The export's quirks handled here:
 * single values prefixed with "- " ("- CRC"), country names in UN style with
 * a stray "*" or ISO-2 code (the resolver copes), committees named in full
 * or by acronym, SDG labels "16.a - ...", UprCycle as a number or a string,
 * UprSession as an array, and HTML in Text with the paragraph number first.
 */
#include "uhri_map.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/paragraph.h"
#include "hrtrack/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SYMBOL_MAX 100
#define SHORT_MAX  300

/* A string field, or NULL when absent or null; refuses other types. */
static int get_string(const char **out, hr_reject *why, const json_t *record, const char *field)
{
    json_t *v = json_object_get(record, field);
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return hr_reject_set(why, field, "must be a string");
    *out = json_string_value(v);
    /* Single values sometimes arrive as "- CRC". */
    if (strncmp(*out, "- ", 2) == 0)
        *out += 2;
    return 0;
}

static int get_array(const json_t **out, hr_reject *why, const json_t *record, const char *field)
{
    json_t *v = json_object_get(record, field);
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_array(v))
        return hr_reject_set(why, field, "must be an array");
    if (json_array_size(v) > HR_REC_LIST_MAX)
        return hr_reject_set(why, field, "more than %d values", HR_REC_LIST_MAX);
    *out = v;
    return 0;
}

static int is_uuid(const char *s)
{
    static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (strlen(s) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i] != '\0'; i++) {
        if (shape[i] == '-' ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return 0;
    }
    return 1;
}

static int set_lower(char **slot, const char *s)
{
    int rc = hr_rec_set(slot, s, strlen(s));
    for (char *p = *slot; rc == 0 && *p != '\0'; p++)
        *p = (char)tolower((unsigned char)*p);
    return rc;
}

static int map_ids(hr_rec *rec, hr_reject *why, const json_t *record)
{
    const char *id = NULL, *document = NULL;
    int rc = get_string(&id, why, record, "AnnotationId");
    if (rc == 0 && id == NULL)
        return hr_reject_set(why, "AnnotationId", "missing");
    if (rc == 0 && !is_uuid(id))
        return hr_reject_set(why, "AnnotationId", "not a UUID: \"%.60s\"", id);
    if (rc == 0)
        rc = set_lower(&rec->external_key, id);
    if (rc == 0)
        rc = get_string(&document, why, record, "DocumentId");
    if (rc == 0 && document != NULL && document[0] != '\0') {
        if (!is_uuid(document))
            return hr_reject_set(why, "DocumentId", "not a UUID: \"%.60s\"", document);
        rc = set_lower(&rec->document_key, document);
    }
    return rc;
}

static int valid_symbol(const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || len > SYMBOL_MAX || !isalnum((unsigned char)s[0]))
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (!isalnum((unsigned char)s[i]) && strchr("./()_ -", s[i]) == NULL)
            return 0;
    }
    return 1;
}

/* Days in a month, for date checks. */
static int month_days(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* "2025-02-12..." -> "2025-02-12"; with `time`, also "THH:MM:SS[.fff]". */
static int parse_date(char *out, size_t size, const char *s, int with_time)
{
    int y, m, d, hh = 0, mm = 0, ss = 0, used = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 || y < 1945 || y > 2100 ||
        m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return -1;
    if (!with_time) {
        snprintf(out, size, "%04d-%02d-%02d", y, m, d);
        return 0;
    }
    int frac = 0;
    if (s[10] != 'T' || sscanf(s + 11, "%2d:%2d:%2d%n", &hh, &mm, &ss, &used) != 3 || used != 8 ||
        hh > 23 || mm > 59 || ss > 59)
        return -1;
    const char *rest = s + 19;
    if (*rest == '.') {
        rest++;
        while (isdigit((unsigned char)rest[frac]) && frac < 7)
            frac++;
        if (frac == 0 || rest[frac] != '\0')
            return -1;
    } else if (*rest != '\0') {
        return -1;
    }
    /* The values are in range (checked above); the wide buffer quiets -Wformat-truncation. */
    char stamp[96];
    snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d%s%.*s", y, m, d, hh, mm, ss,
             frac ? "." : "", frac > 3 ? 3 : frac, rest);
    if (strlen(stamp) >= size)
        return -1;
    memcpy(out, stamp, strlen(stamp) + 1);
    return 0;
}

static int map_document(hr_rec *rec, hr_reject *why, const json_t *record)
{
    const char *symbol = NULL, *date = NULL, *uhri_date = NULL, *type = NULL;
    int rc = get_string(&symbol, why, record, "Symbol");
    if (rc == 0 && symbol != NULL && symbol[0] != '\0') {
        if (!valid_symbol(symbol))
            return hr_reject_set(why, "Symbol", "not a UN document symbol: \"%.60s\"", symbol);
        rc = hr_rec_set(&rec->symbol, symbol, strlen(symbol));
    }
    if (rc == 0)
        rc = get_string(&date, why, record, "PublicationDate");
    if (rc == 0 && date != NULL && date[0] != '\0' &&
        parse_date(rec->published, sizeof rec->published, date, 0) != 0)
        return hr_reject_set(why, "PublicationDate", "not a date: \"%.40s\"", date);
    if (rc == 0)
        rc = get_string(&uhri_date, why, record, "PublicationDateOnUhri");
    if (rc == 0 && uhri_date != NULL && uhri_date[0] != '\0' &&
        parse_date(rec->published_on_uhri, sizeof rec->published_on_uhri, uhri_date, 1) != 0)
        return hr_reject_set(why, "PublicationDateOnUhri", "not a date and time: \"%.40s\"",
                             uhri_date);
    if (rc == 0)
        rc = get_string(&type, why, record, "AnnotationType");
    if (rc == 0 && type != NULL && type[0] != '\0') {
        if (strlen(type) > SHORT_MAX)
            return hr_reject_set(why, "AnnotationType", "longer than %d bytes", SHORT_MAX);
        rc = hr_rec_set(&rec->annotation_type, type, strlen(type));
    }
    return rc;
}

static int map_body(hr_rec *rec, hr_reject *why, const json_t *record, const hr_resolver *resolver)
{
    const char *body = NULL;
    int rc = get_string(&body, why, record, "Body");
    if (rc != 0)
        return rc;
    if (body == NULL || body[0] == '\0')
        return hr_reject_set(why, "Body", "missing");
    if (strlen(body) > SHORT_MAX)
        return hr_reject_set(why, "Body", "longer than %d bytes", SHORT_MAX);
    if (hr_resolver_mechanism(rec->mechanism, resolver, body) != 0)
        return hr_reject_set(why, "Body", "unknown body \"%.80s\"", body);
    /* Treaty bodies and the UPR are one body each, whatever the spelling;
     * each special procedure mandate is a body of its own. */
    const char *name = strcmp(rec->mechanism, "SP") == 0 ? body : rec->mechanism;
    return hr_rec_set(&rec->body, name, strlen(name));
}

static int map_text(hr_rec *rec, hr_reject *why, const json_t *record, hr_lang lang)
{
    const char *text = NULL;
    int rc = get_string(&text, why, record, "Text");
    if (rc != 0)
        return rc;
    size_t len = text ? strlen(text) : 0;
    if (len == 0)
        return hr_reject_set(why, "Text", "missing or empty");
    if (len > HR_REC_TEXT_MAX)
        return hr_reject_set(why, "Text", "longer than %d bytes (%zu)", HR_REC_TEXT_MAX, len);
    hr_buf plain;
    hr_buf_init(&plain, HR_REC_TEXT_MAX);
    rc = hr_rec_set(&rec->text_published, text, len);
    if (rc == 0)
        rc = hr_text_from_html(&plain, text, len);
    if (rc == HR_EPARSE || rc == HR_ELIMIT) {
        hr_buf_free(&plain);
        return hr_reject_set(why, "Text", "%s", rc == HR_EPARSE ? "not valid UTF-8" : "too long");
    }
    char paragraph[HR_PARAGRAPH_MAX];
    size_t used = 0;
    const char *body = hr_buf_cstr(&plain);
    if (rc == 0 && hr_paragraph_read(paragraph, &used, body) && body[used] != '\0') {
        rc = hr_rec_set(&rec->paragraph, paragraph, strlen(paragraph));
        body += used;
    }
    if (rc == 0 && body[0] == '\0')
        rc = hr_reject_set(why, "Text", "no text once the markup is removed");
    if (rc == 0)
        rc = hr_rec_set(&rec->text_plain, body, strlen(body));
    /* An export in one language carries some texts in another. */
    if (rc == 0)
        snprintf(rec->language, sizeof rec->language, "%s",
                 hr_lang_code(hr_lang_guess(rec->text_plain, lang)));
    hr_buf_free(&plain);
    return rc;
}

/* Adds the resolved state of each name in `field` to `list`. */
static int map_states(hr_rec_list *list, hr_reject *why, const json_t *record, const char *field,
                      const hr_resolver *resolver)
{
    const json_t *array = NULL;
    int rc = get_array(&array, why, record, field);
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v)
    {
        if (rc != 0)
            break;
        if (!json_is_string(v))
            return hr_reject_set(why, field, "values must be strings");
        char alpha2[3];
        const char *name = json_string_value(v);
        if (name[0] == '\0')
            continue;
        if (hr_resolver_state(alpha2, resolver, name) != 0)
            return hr_reject_set(why, field, "unknown state \"%.80s\"", name);
        rc = hr_rec_list_add(list, alpha2);
    }
    return rc;
}

/* Adds each name in `field`, white space normalised, to `list`. */
static int map_names(hr_rec_list *list, hr_reject *why, const json_t *record, const char *field)
{
    const json_t *array = NULL;
    int rc = get_array(&array, why, record, field);
    hr_buf name;
    hr_buf_init(&name, SHORT_MAX);
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v)
    {
        if (rc != 0)
            break;
        if (!json_is_string(v)) {
            rc = hr_reject_set(why, field, "values must be strings");
            break;
        }
        const char *s = json_string_value(v);
        hr_buf_reset(&name);
        rc = hr_text_from_html(&name, s, strlen(s));
        if (rc == HR_ELIMIT || rc == HR_EPARSE)
            rc = hr_reject_set(why, field, "\"%.60s...\" is longer than %d bytes", s, SHORT_MAX);
        else if (rc == 0 && name.len > 0)
            rc = hr_rec_list_add(list, hr_buf_cstr(&name));
    }
    hr_buf_free(&name);
    return rc;
}

static int map_sdgs(hr_rec *rec, hr_reject *why, const json_t *record, const hr_resolver *resolver)
{
    const json_t *array = NULL;
    int rc = get_array(&array, why, record, "Sdgs");
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v)
    {
        if (rc != 0)
            break;
        if (!json_is_string(v))
            return hr_reject_set(why, "Sdgs", "values must be strings");
        char code[HR_SDG_CODE_MAX];
        int is_target = 0;
        if (hr_resolver_sdg(code, &is_target, resolver, json_string_value(v)) != 0)
            return hr_reject_set(why, "Sdgs", "unknown SDG goal or target \"%.60s\"",
                                 json_string_value(v));
        rc = hr_rec_list_add(is_target ? &rec->sdg_targets : &rec->sdg_goals, code);
    }
    return rc;
}

/* A number 1..max given as a JSON number or a numeric string; 0 when absent. */
static int small_number(int *out, hr_reject *why, const json_t *v, const char *field, int max)
{
    long n = 0;
    *out = 0;
    if (v == NULL || json_is_null(v))
        return 0;
    if (json_is_integer(v)) {
        n = (long)json_integer_value(v);
    } else if (json_is_string(v) && json_string_length(v) > 0) {
        const char *s = json_string_value(v);
        char *end = NULL;
        n = strtol(s, &end, 10);
        if (*end != '\0')
            return hr_reject_set(why, field, "not a number: \"%.20s\"", s);
    } else if (json_is_string(v)) {
        return 0;
    } else {
        return hr_reject_set(why, field, "must be a number");
    }
    if (n < 1 || n > max)
        return hr_reject_set(why, field, "%ld is outside 1-%d", n, max);
    *out = (int)n;
    return 0;
}

static int map_upr(hr_rec *rec, hr_reject *why, const json_t *record, const hr_resolver *resolver)
{
    const json_t *sessions = NULL, *positions = NULL;
    int rc = small_number(&rec->cycle, why, json_object_get(record, "UprCycle"), "UprCycle", 20);
    if (rc == 0)
        rc = get_array(&sessions, why, record, "UprSession");
    if (rc == 0 && json_array_size(sessions) > 0)
        rc = small_number(&rec->session, why, json_array_get(sessions, 0), "UprSession", 200);
    if (rc == 0)
        rc = get_array(&positions, why, record, "UprPositions");
    size_t i;
    json_t *v;
    json_array_foreach(positions, i, v)
    {
        if (rc != 0)
            break;
        const char *p = json_is_string(v) ? json_string_value(v) : "";
        if (strncmp(p, "- ", 2) == 0)
            p += 2;
        if (strcasecmp(p, "Supported") == 0)
            rec->position = "supported";
        else if (strcasecmp(p, "Noted") == 0)
            rec->position = "noted";
        else
            return hr_reject_set(why, "UprPositions", "neither Supported nor Noted: \"%.40s\"", p);
    }
    if (rc == 0 && rec->position != NULL && strcmp(rec->mechanism, "UPR") != 0)
        return hr_reject_set(why, "UprPositions", "a position on a %s record, not a UPR one",
                             rec->mechanism);
    if (rc == 0)
        rc = map_states(&rec->recommending_states, why, record, "UprRecommendingCountry", resolver);
    if (rc == 0)
        rc = map_names(&rec->recommending_regions, why, record, "UprRecommendingRegions");
    return rc;
}

int hr_uhri_map(hr_rec *rec, hr_reject *why, const json_t *record, const hr_resolver *resolver,
                hr_lang lang)
{
    if (!json_is_object(record))
        return hr_reject_set(why, "(record)", "not a JSON object");
    int rc = map_ids(rec, why, record);
    if (rc == 0)
        rc = map_document(rec, why, record);
    if (rc == 0)
        rc = map_body(rec, why, record, resolver);
    if (rc == 0)
        rc = map_text(rec, why, record, lang);
    if (rc == 0)
        rc = map_states(&rec->states, why, record, "Countries", resolver);
    if (rc == 0)
        rc = map_names(&rec->regions, why, record, "Regions");
    if (rc == 0)
        rc = map_names(&rec->themes, why, record, "Themes");
    if (rc == 0)
        rc = map_names(&rec->persons, why, record, "AffectedPersons");
    if (rc == 0)
        rc = map_sdgs(rec, why, record, resolver);
    if (rc == 0)
        rc = map_upr(rec, why, record, resolver);
    return rc;
}
