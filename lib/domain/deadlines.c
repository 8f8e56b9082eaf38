/*
 * The words of the deadline list (see deadlines.h): its kinds and the
 * keyset cursor that a client passes back as ?after=, read strictly so
 * that a mangled cursor is a 422 rather than a page from a wrong place.
 */
#include "hrtrack/deadlines.h"

#include "hrtrack/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {NULL, "action", "indicator", "report"};

const char *hr_deadline_kind_name(hr_deadline_kind kind)
{
    if ((unsigned)kind >= sizeof kind_names / sizeof kind_names[0])
        return NULL;
    return kind_names[kind];
}

int hr_deadline_kind_parse(hr_deadline_kind *out, const char *name)
{
    for (unsigned k = 1; name != NULL && k < sizeof kind_names / sizeof kind_names[0]; k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (hr_deadline_kind)k;
            return 0;
        }
    }
    return HR_EUNPROCESSABLE;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DD", a real calendar date of years 1..9999. */
static int date_valid(const char *s)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < 10; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days[m - 1] + (m == 2 && is_leap(y));
}

int hr_deadline_cursor_parse(hr_deadline_cursor *out, const char *text)
{
    memset(out, 0, sizeof *out);
    if (text == NULL || strlen(text) < 14 || strlen(text) > 64 || !date_valid(text) ||
        text[10] != '.')
        return HR_EUNPROCESSABLE;
    const char *kind = text + 11;
    const char *dot = strchr(kind, '.');
    if (dot == NULL || dot - kind > 15)
        return HR_EUNPROCESSABLE;
    char name[16];
    snprintf(name, sizeof name, "%.*s", (int)(dot - kind), kind);
    if (hr_deadline_kind_parse(&out->kind, name) != 0)
        return HR_EUNPROCESSABLE;
    const char *digits = dot + 1;
    char *end = NULL;
    errno = 0;
    long long id = strtoll(digits, &end, 10);
    if (digits[0] < '0' || digits[0] > '9' || errno != 0 || *end != '\0' || id < 1 ||
        id > (1LL << 52)) {
        memset(out, 0, sizeof *out);
        return HR_EUNPROCESSABLE;
    }
    memcpy(out->due_date, text, 10);
    out->due_date[10] = '\0';
    out->id = id;
    return 0;
}
