/*
 * libFuzzer target for the query-string parameters of the recommendation
 * list, facets and exports (lib/domain/rec_query.c): the filters, q, dates,
 * limit, sort and the opaque keyset cursor. The input is split into
 * "name=value" pairs at '&' (as libmicrohttpd hands them over, already
 * decoded: any byte but NUL) and fed to hr_rec_query_param. Beyond "no crash,
 * no leak, no overread" it checks what the SQL relies on:
 *   - each answer is one of the documented codes;
 *   - each filter's array literal ({"a","b"}), which reaches PostgreSQL as a
 *     parameter, is well formed and holds exactly as many values as counted:
 *     no value can close its quotes or add an element;
 *   - a cursor made by hr_rec_cursor_encode from keys taken from the input
 *     decodes to the same keys (the round trip every page relies on).
 *
 *   scripts/fuzz-smoke 60 query
 */
#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PAIRS 80

/* Counts the elements of a literal made by append_value; -1 when malformed. */
static int array_elements(const char *s, size_t len)
{
    if (len < 4 || s[0] != '{' || s[len - 1] != '}')
        return -1;
    int count = 0;
    size_t i = 1;
    while (i < len - 1) {
        if (s[i] != '"')
            return -1;
        for (i++; i < len - 1 && s[i] != '"'; i++) {
            if (s[i] == '\\')
                i++; /* an escaped quote or backslash */
        }
        if (i >= len - 1)
            return -1; /* the quotes never closed before the brace */
        count++;
        i++;
        if (i < len - 1 && s[i++] != ',')
            return -1;
    }
    return count;
}

static void check_literals(const hr_rec_query *q)
{
    for (int f = 0; f < HR_Q_FIELD_COUNT; f++) {
        if (q->counts[f] == 0)
            continue;
        if (q->counts[f] > HR_QUERY_VALUES_MAX ||
            array_elements(q->values[f].data, q->values[f].len) != (int)q->counts[f])
            abort();
    }
}

/* Encodes keys taken from the input and decodes them again: they must survive. */
static void cursor_round_trip(const uint8_t *data, size_t size)
{
    if (size < 12)
        return;
    hr_rec_order order = (hr_rec_order)(data[0] % 3);
    long long id = 1 + (long long)(((uint64_t)data[1] << 24 | (uint64_t)data[2] << 16 |
                                    (uint64_t)data[3] << 8 | data[4]));
    char key[HR_CURSOR_KEY_MAX] = "", key2[HR_CURSOR_KEY2_MAX] = "";
    if (order == HR_ORDER_DATE)
        snprintf(key, sizeof key, "%04d-%02d-%02d", 1 + data[5] * 7, 1 + data[6] % 12,
                 1 + data[7] % 28);
    else if (order == HR_ORDER_RELEVANCE)
        snprintf(key, sizeof key, "%g", (double)(data[5] | data[6] << 8) / 997.0);
    else {
        /* Document and paragraph keys: any text without NUL, as long as fits. */
        size_t n1 = data[5] % 120, n2 = data[6] % 60;
        const uint8_t *rest = data + 8;
        size_t left = size - 8;
        for (size_t i = 0; i < n1 && i < left; i++)
            key[i] = rest[i] ? (char)rest[i] : 'x';
        for (size_t i = 0; i < n2 && n1 + i < left; i++)
            key2[i] = rest[n1 + i] ? (char)rest[n1 + i] : 'y';
    }
    char cursor[HR_CURSOR_TEXT_MAX + 1];
    hr_rec_cursor_encode(cursor, sizeof cursor, order, key, key2, id);
    if (cursor[0] == '\0')
        return; /* keys that are not UTF-8 cannot be put in JSON: no cursor is made */
    hr_rec_query q;
    hr_rec_query_init(&q, HR_LANG_EN);
    const char *sort = order == HR_ORDER_DATE        ? "date"
                       : order == HR_ORDER_RELEVANCE ? "relevance"
                                                     : "paragraph";
    if (hr_rec_query_set(&q, "q", "torture") != 0 || hr_rec_query_set(&q, "sort", sort) != 0 ||
        hr_rec_query_set(&q, "cursor", cursor) != 0 || !q.has_cursor || q.cursor_id != id ||
        strcmp(q.cursor_key, key) != 0 ||
        (order == HR_ORDER_PARAGRAPH && strcmp(q.cursor_key2, key2) != 0))
        abort();
    hr_rec_query_free(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* a NUL inside ends that pair early, as in a C string */
    hr_rec_query q;
    hr_rec_query_init(&q, size > 0 ? (hr_lang)(data[0] % 3) : HR_LANG_EN);
    char *save = NULL;
    int pairs = 0;
    for (char *pair = strtok_r(text, "&", &save); pair != NULL && pairs < MAX_PAIRS;
         pair = strtok_r(NULL, "&", &save), pairs++) {
        char *eq = strchr(pair, '=');
        const char *value = "";
        if (eq != NULL) {
            *eq = '\0';
            value = eq + 1;
        }
        int rc = hr_rec_query_param(&q, pair, value);
        if (rc != 0 && rc != HR_EUNPROCESSABLE && rc != HR_ELIMIT && rc != HR_EPARAM &&
            rc != HR_ENOMEM)
            abort();
        if (q.limit < 1 || q.limit > HR_PAGE_MAX)
            abort();
    }
    check_literals(&q);
    hr_rec_query_free(&q);
    free(text);
    cursor_round_trip(data, size);
    return 0;
}
