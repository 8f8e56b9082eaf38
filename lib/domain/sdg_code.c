/*
 * Parsing of SDG goal, target and indicator codes (see sdg_code.h). Strict
 * on purpose: leading zeros, spaces and upper-case letters are refused, so
 * that one target has exactly one spelling in the database.
 */
#include "hrtrack/sdg_code.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <string.h>

/* Reads 1-2 digits without a leading zero; returns the characters used or 0. */
static size_t read_number(int *out, const char *s)
{
    if (s[0] < '1' || s[0] > '9')
        return 0;
    int n = s[0] - '0';
    size_t used = 1;
    if (s[1] >= '0' && s[1] <= '9') {
        n = n * 10 + (s[1] - '0');
        used = 2;
    }
    *out = n;
    return used;
}

int hr_sdg_goal_parse(int *goal, const char *code)
{
    int n = 0;
    size_t used = read_number(&n, code);
    if (used == 0 || code[used] != '\0' || n > HR_SDG_GOALS)
        return HR_EPARAM;
    *goal = n;
    return 0;
}

/* Reads "G.T" at the start of `code`; returns the characters used or 0. */
static size_t read_target(int *goal, int *ordinal, const char *code)
{
    int g = 0, t = 0;
    size_t used = read_number(&g, code);
    if (used == 0 || g > HR_SDG_GOALS || code[used] != '.')
        return 0;
    used++;
    char c = code[used];
    if (c >= 'a' && c <= 'z') {
        t = 101 + (c - 'a');
        used++;
    } else {
        size_t digits = read_number(&t, code + used);
        if (digits == 0)
            return 0;
        used += digits;
    }
    *goal = g;
    *ordinal = t;
    return used;
}

int hr_sdg_target_parse(int *goal, int *ordinal, const char *code)
{
    int g = 0, t = 0;
    size_t used = read_target(&g, &t, code);
    if (used == 0 || code[used] != '\0')
        return HR_EPARAM;
    *goal = g;
    *ordinal = t;
    return 0;
}

int hr_sdg_indicator_parse(char target[HR_SDG_CODE_MAX], int *ordinal, const char *code)
{
    int g = 0, t = 0, i = 0;
    size_t used = read_target(&g, &t, code);
    if (used == 0 || code[used] != '.')
        return HR_EPARAM;
    size_t digits = read_number(&i, code + used + 1);
    if (digits == 0 || code[used + 1 + digits] != '\0')
        return HR_EPARAM;
    snprintf(target, HR_SDG_CODE_MAX, "%.*s", (int)used, code);
    *ordinal = i;
    return 0;
}

int hr_sdg_key_split(char code[HR_SDG_CODE_MAX], char suffix[16], const char *key)
{
    const char *last = strrchr(key, '-');
    if (last == NULL || last == key || strlen(last + 1) == 0 || strlen(last + 1) >= 16)
        return HR_EPARAM;
    size_t code_len = (size_t)(last - key);
    if (code_len >= HR_SDG_CODE_MAX)
        return HR_EPARAM;
    for (size_t i = 0; i < code_len; i++)
        code[i] = key[i] == '-' ? '.' : key[i];
    code[code_len] = '\0';
    snprintf(suffix, 16, "%s", last + 1);
    return 0;
}
