/*
 * Building and checking a recommendation query (see include/hrtrack/rec_query.h).
 * Values are validated here for their form; their existence is checked in
 * lib/db/rec_query.c. The cursor is base64url text, opaque to clients, that
 * names the last row of a page by its order key and id: "d|date|id" or
 * "r|rank|id", and for the paragraph order, whose keys are text that may
 * hold any character, "p" and a JSON array [document key, paragraph key, id].
 */
#include "hrtrack/rec_query.h"

#include "hrtrack/error.h"
#include "hrtrack/implementation_status.h"
#include "hrtrack/sdg_code.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const field_names[HR_Q_FIELD_COUNT] = {
    [HR_Q_STATE] = "state",       [HR_Q_MECHANISM] = "mechanism",
    [HR_Q_BODY] = "body",         [HR_Q_DOCUMENT] = "document",
    [HR_Q_THEME] = "theme",       [HR_Q_AFFECTED_PERSON] = "affected_person",
    [HR_Q_SDG_GOAL] = "sdg_goal", [HR_Q_SDG_TARGET] = "sdg_target",
    [HR_Q_POSITION] = "position", [HR_Q_RECOMMENDING_STATE] = "recommending_state",
    [HR_Q_CYCLE] = "cycle",       [HR_Q_SESSION] = "session",
    [HR_Q_STATUS] = "status",     [HR_Q_INSTITUTION] = "institution",
    [HR_Q_CLUSTER] = "cluster",   [HR_Q_PRIORITY] = "priority",
};

static const char *const priorities[] = {"high", "medium", "low", NULL};

const char *hr_query_field_name(hr_query_field field)
{
    return (unsigned)field < HR_Q_FIELD_COUNT ? field_names[field] : "?";
}

int hr_query_field_find(hr_query_field *out, const char *name)
{
    for (int i = 0; i < HR_Q_FIELD_COUNT; i++) {
        if (strcmp(field_names[i], name) == 0) {
            *out = (hr_query_field)i;
            return 0;
        }
    }
    return HR_ENOTFOUND;
}

void hr_rec_query_init(hr_rec_query *q, hr_lang lang)
{
    memset(q, 0, sizeof *q);
    for (int i = 0; i < HR_Q_FIELD_COUNT; i++)
        hr_buf_init(&q->values[i], HR_QUERY_VALUES_MAX * 320);
    q->limit = HR_PAGE_DEFAULT;
    q->lang = lang;
    q->sdg_sources = HR_SDG_SOURCES_CONFIRMED;
    hr_sdg_sources_literal(q->sdg_sources_literal, sizeof q->sdg_sources_literal, q->sdg_sources);
}

void hr_rec_query_free(hr_rec_query *q)
{
    for (int i = 0; i < HR_Q_FIELD_COUNT; i++)
        hr_buf_free(&q->values[i]);
    free(q->text);
    q->text = NULL;
}

static int parse_long(long *out, const char *s, long min, long max)
{
    char *end = NULL;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || n < min || n > max)
        return -1;
    *out = n;
    return 0;
}

static int all_upper(char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return 0;
    for (size_t i = 0; i < n; i++) {
        s[i] = (char)toupper((unsigned char)s[i]);
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    }
    return 1;
}

static int one_of(const char *const *choices, const char *v)
{
    for (size_t i = 0; choices[i] != NULL; i++) {
        if (strcmp(choices[i], v) == 0)
            return 1;
    }
    return 0;
}

static int valid_symbol(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 100 || !isalnum((unsigned char)s[0]))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!isalnum((unsigned char)s[i]) && strchr("./()_ -", s[i]) == NULL)
            return 0;
    }
    return 1;
}

/* Checks (and canonicalises in place) one value of `field`. */
static int valid_value(hr_query_field field, char *v)
{
    long n = 0;
    int goal = 0, ordinal = 0;
    switch (field) {
    case HR_Q_STATE:
    case HR_Q_RECOMMENDING_STATE:
        return all_upper(v, 2, 2);
    case HR_Q_MECHANISM:
        return all_upper(v, 2, 10);
    case HR_Q_BODY:
        return v[0] != '\0' && strlen(v) <= 300;
    case HR_Q_DOCUMENT:
        return valid_symbol(v);
    case HR_Q_THEME:
    case HR_Q_AFFECTED_PERSON:
        return parse_long(&n, v, 1, 2147483647) == 0;
    case HR_Q_SDG_GOAL:
        return hr_sdg_goal_parse(&goal, v) == 0;
    case HR_Q_SDG_TARGET:
        return hr_sdg_target_parse(&goal, &ordinal, v) == 0;
    case HR_Q_POSITION:
        return strcmp(v, "supported") == 0 || strcmp(v, "noted") == 0;
    case HR_Q_CYCLE:
        return parse_long(&n, v, 1, 20) == 0;
    case HR_Q_SESSION:
        return parse_long(&n, v, 1, 200) == 0;
    case HR_Q_STATUS:
        return one_of(hr_status_filter_codes, v);
    case HR_Q_INSTITUTION: /* an institution's id, as GET /api/v1/institutions gives it */
        return parse_long(&n, v, 1, 2147483647) == 0;
    case HR_Q_CLUSTER:
        return parse_long(&n, v, 1, 9007199254740991L) == 0;
    case HR_Q_PRIORITY:
        return one_of(priorities, v);
    case HR_Q_FIELD_COUNT:
        break;
    }
    return 0;
}

/* Appends one value to the filter's array literal ({"a","b"}). */
static int append_value(hr_rec_query *q, hr_query_field field, const char *v)
{
    hr_buf *b = &q->values[field];
    if (q->counts[field] == HR_QUERY_VALUES_MAX)
        return HR_ELIMIT;
    if (b->len > 0)
        b->len--; /* reopen: drop the closing brace */
    int rc = hr_buf_puts(b, b->len == 0 ? "{\"" : ",\"");
    for (const char *p = v; rc == 0 && *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            rc = hr_buf_append(b, "\\", 1);
        if (rc == 0)
            rc = hr_buf_append(b, p, 1);
    }
    if (rc == 0)
        rc = hr_buf_puts(b, "\"}");
    if (rc == 0)
        q->counts[field]++;
    return rc;
}

int hr_rec_query_add(hr_rec_query *q, hr_query_field field, const char *value)
{
    char copy[512];
    if (strlen(value) >= sizeof copy)
        return HR_EUNPROCESSABLE;
    snprintf(copy, sizeof copy, "%s", value);
    /* Codes may come comma-separated; a body name is one value, commas and all. */
    int split = field != HR_Q_BODY;
    int rc = 0;
    for (char *v = copy; rc == 0 && v != NULL;) {
        char *comma = split ? strchr(v, ',') : NULL;
        if (comma != NULL)
            *comma = '\0';
        if (!valid_value(field, v))
            return HR_EUNPROCESSABLE;
        if (field == HR_Q_STATUS && strcmp(v, "none") == 0)
            q->status_none = 1;
        rc = append_value(q, field, v);
        v = comma ? comma + 1 : NULL;
    }
    return rc;
}

/* YYYY-MM-DD from `min_year`; cursors also carry 0001-01-01, the key of undated rows. */
static int valid_date_from(const char *s, int min_year)
{
    int y, m, d, used = 0;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && used == 10 &&
           y >= min_year && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int valid_date(const char *s)
{
    return valid_date_from(s, 1900);
}

/* The mode letter of each order's cursors. */
static char order_mode(hr_rec_order order)
{
    return order == HR_ORDER_RELEVANCE ? 'r' : order == HR_ORDER_PARAGRAPH ? 'p' : 'd';
}

/* "[document key, paragraph key, id]" of a paragraph cursor. */
static int decode_paragraph_keys(hr_rec_query *q, const char *text, size_t len)
{
    json_t *keys = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
    const char *key = NULL, *key2 = NULL;
    json_int_t id = 0;
    int ok = keys != NULL && json_array_size(keys) == 3 &&
             json_unpack(keys, "[ssI]", &key, &key2, &id) == 0 && id > 0 &&
             strlen(key) < sizeof q->cursor_key && strlen(key2) < sizeof q->cursor_key2;
    if (ok) {
        snprintf(q->cursor_key, sizeof q->cursor_key, "%s", key);
        snprintf(q->cursor_key2, sizeof q->cursor_key2, "%s", key2);
        q->cursor_id = (long long)id;
    }
    json_decref(keys);
    return ok ? 0 : HR_EUNPROCESSABLE;
}

/* "d|date|id" or "r|rank|id". */
static int decode_date_or_rank(hr_rec_query *q, const char *raw, size_t len)
{
    char mode = 0;
    char key[24];
    long long id = 0;
    int used = 0;
    if (sscanf(raw, "%c|%23[^|]|%lld%n", &mode, key, &id, &used) != 3 || (size_t)used != len ||
        id <= 0)
        return HR_EUNPROCESSABLE;
    int key_ok = mode == 'd'   ? valid_date_from(key, 1)
                 : mode == 'r' ? strspn(key, "0123456789.e-") == strlen(key)
                               : 0;
    if (!key_ok)
        return HR_EUNPROCESSABLE;
    q->cursor_id = id;
    snprintf(q->cursor_key, sizeof q->cursor_key, "%s", key);
    return 0;
}

static int decode_cursor(hr_rec_query *q, const char *value)
{
    unsigned char raw[1024];
    size_t len = 0;
    if (strlen(value) > HR_CURSOR_TEXT_MAX ||
        sodium_base642bin(raw, sizeof raw - 1, value, strlen(value), NULL, &len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        len < 2)
        return HR_EUNPROCESSABLE;
    raw[len] = '\0';
    /* A cursor continues the order it was made for (set q and sort first). */
    if ((char)raw[0] != order_mode(q->order))
        return HR_EUNPROCESSABLE;
    int rc = raw[0] == 'p' ? decode_paragraph_keys(q, (const char *)raw + 1, len - 1)
                           : decode_date_or_rank(q, (const char *)raw, len);
    if (rc == 0)
        q->has_cursor = 1;
    return rc;
}

/* The raw text of a cursor into `raw`; 0, or -1 when it does not fit. */
static int cursor_raw(char *raw, size_t size, hr_rec_order order, const char *key, const char *key2,
                      long long id)
{
    if (order != HR_ORDER_PARAGRAPH) {
        int n = snprintf(raw, size, "%c|%s|%lld", order_mode(order), key, id);
        return n < 0 || (size_t)n >= size ? -1 : 0;
    }
    json_t *keys = json_pack("[ssI]", key, key2, (json_int_t)id);
    char *text = keys ? json_dumps(keys, JSON_COMPACT) : NULL;
    int n = text ? snprintf(raw, size, "p%s", text) : -1;
    free(text);
    json_decref(keys);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

void hr_rec_cursor_encode(char *out, size_t size, hr_rec_order order, const char *key,
                          const char *key2, long long id)
{
    char raw[1000];
    out[0] = '\0';
    if (cursor_raw(raw, sizeof raw, order, key, key2 ? key2 : "", id) != 0 ||
        size < sodium_base64_ENCODED_LEN(strlen(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING))
        return;
    sodium_bin2base64(out, size, (const unsigned char *)raw, strlen(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* sdg_source=: the first replaces the default set, the next ones add to it. */
static int set_sdg_sources(hr_rec_query *q, const char *value)
{
    unsigned sources = q->sdg_sources_given ? q->sdg_sources : 0;
    if (hr_sdg_sources_parse(&sources, value) != 0)
        return HR_EUNPROCESSABLE;
    q->sdg_sources = sources;
    q->sdg_sources_given = 1;
    hr_sdg_sources_literal(q->sdg_sources_literal, sizeof q->sdg_sources_literal, sources);
    return 0;
}

int hr_rec_query_set(hr_rec_query *q, const char *name, const char *value)
{
    long n = 0;
    if (strcmp(name, "q") == 0) {
        if (strlen(value) > HR_QUERY_TEXT_MAX)
            return HR_ELIMIT;
        free(q->text);
        q->text = value[0] ? strdup(value) : NULL;
        if (value[0] && q->text == NULL)
            return HR_ENOMEM;
        /* Relevance is the default order of a search, whatever came first. */
        if (!q->order_given)
            q->order = q->text != NULL ? HR_ORDER_RELEVANCE : HR_ORDER_DATE;
        return 0;
    }
    if (strcmp(name, "from") == 0 || strcmp(name, "to") == 0) {
        if (!valid_date(value))
            return HR_EUNPROCESSABLE;
        snprintf(name[0] == 'f' ? q->from : q->to, 11, "%s", value);
        return 0;
    }
    if (strcmp(name, "limit") == 0) {
        if (parse_long(&n, value, 1, 1000000000L) != 0)
            return HR_EUNPROCESSABLE;
        if (n > HR_PAGE_MAX)
            return HR_ELIMIT;
        q->limit = (unsigned)n;
        return 0;
    }
    if (strcmp(name, "cursor") == 0)
        return decode_cursor(q, value);
    if (strcmp(name, "sdg_source") == 0)
        return set_sdg_sources(q, value);
    if (strcmp(name, "sort") == 0) {
        if (strcmp(value, "date") == 0)
            q->order = HR_ORDER_DATE;
        else if (strcmp(value, "relevance") == 0)
            q->order = HR_ORDER_RELEVANCE;
        else if (strcmp(value, "paragraph") == 0)
            q->order = HR_ORDER_PARAGRAPH;
        else
            return HR_EUNPROCESSABLE;
        q->order_given = 1;
        return 0;
    }
    return HR_ENOTFOUND;
}

int hr_rec_query_param(hr_rec_query *q, const char *name, const char *value)
{
    hr_query_field field;
    if (hr_query_field_find(&field, name) == 0)
        return hr_rec_query_add(q, field, value);
    int rc = hr_rec_query_set(q, name, value);
    return rc == HR_ENOTFOUND ? HR_EPARAM : rc;
}
