/*
 * Language parsing and negotiation (Accept-Language, ?lang=).
 *
 * Only the primary subtag matters to us: "es-PY" and "es-419" are Spanish.
 * The header parser is forgiving on purpose: browsers and proxies send odd
 * things, and a bad header must never turn into an error page.
 */
#include "hrtrack/lang.h"
#include "hrtrack/error.h"

#include <string.h>

static const char *const codes[HR_LANG_COUNT] = {"en", "es", "fr"};

const char *hr_lang_code(hr_lang lang)
{
    if ((unsigned)lang >= HR_LANG_COUNT)
        return codes[HR_LANG_DEFAULT];
    return codes[lang];
}

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Matches the primary subtag in s[0..n) against our codes. */
static int match_primary(hr_lang *out, const char *s, size_t n)
{
    size_t primary = 0;
    while (primary < n && s[primary] != '-' && s[primary] != '_')
        primary++;
    if (primary != 2)
        return HR_EPARAM;
    for (int i = 0; i < HR_LANG_COUNT; i++) {
        if (ascii_lower(s[0]) == codes[i][0] && ascii_lower(s[1]) == codes[i][1]) {
            *out = (hr_lang)i;
            return 0;
        }
    }
    return HR_EPARAM;
}

int hr_lang_parse(hr_lang *out, const char *tag)
{
    if (tag == NULL)
        return HR_EPARAM;
    return match_primary(out, tag, strlen(tag));
}

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/*
 * Reads a q-value ("0.8", "1", "1.000") into thousandths. Returns -1 when it
 * is not a valid q-value, so that the range is ignored.
 */
static int parse_qvalue(const char *s, size_t n)
{
    if (n == 0 || (s[0] != '0' && s[0] != '1'))
        return -1;
    int value = (s[0] - '0') * 1000;
    if (n == 1)
        return value;
    if (s[1] != '.' || n > 5)
        return -1;
    int scale = 100;
    for (size_t i = 2; i < n; i++, scale /= 10) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        value += (s[i] - '0') * scale;
    }
    return value > 1000 ? -1 : value;
}

/* Finds the q parameter among the ";"-separated parameters of one range. */
static int range_weight(const char *params, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (is_space(params[i]) || params[i] == ';'))
            i++;
        size_t start = i;
        while (i < n && params[i] != ';')
            i++;
        size_t end = i;
        while (end > start && is_space(params[end - 1]))
            end--;
        if (end - start >= 2 && (params[start] == 'q' || params[start] == 'Q') &&
            params[start + 1] == '=')
            return parse_qvalue(params + start + 2, end - start - 2);
    }
    return 1000;
}

hr_lang hr_lang_negotiate(const char *query_lang, const char *accept_language)
{
    hr_lang lang;
    if (query_lang != NULL && hr_lang_parse(&lang, query_lang) == 0)
        return lang;
    if (accept_language == NULL)
        return HR_LANG_DEFAULT;

    hr_lang best = HR_LANG_DEFAULT;
    int best_weight = 0;
    const char *p = accept_language;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t start = 0;
        while (start < n && is_space(p[start]))
            start++;
        size_t tag_end = start;
        while (tag_end < n && p[tag_end] != ';' && !is_space(p[tag_end]))
            tag_end++;
        int weight = range_weight(p + tag_end, n - tag_end);
        /* "*" means any language: ours, English, is as good as any. */
        if (tag_end - start == 1 && p[start] == '*')
            lang = HR_LANG_DEFAULT;
        else if (match_primary(&lang, p + start, tag_end - start) != 0)
            weight = -1;
        /* Ties keep the earlier range: clients list their favourite first. */
        if (weight > best_weight) {
            best_weight = weight;
            best = lang;
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return best;
}
