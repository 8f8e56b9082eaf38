/* Paragraph numbers at the start of texts (see include/hrtrack/paragraph.h). */
#include "hrtrack/paragraph.h"

#include <stdio.h>
#include <string.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "(b)", "(iv)", "(aa)": a letter item of at most 4 lower-case letters. */
static size_t read_item(const char *s)
{
    if (s[0] != '(')
        return 0;
    size_t n = 1;
    while (n <= 4 && s[n] >= 'a' && s[n] <= 'z')
        n++;
    return (n > 1 && s[n] == ')') ? n + 1 : 0;
}

/* "84.1" style: 1-4 digits, up to 3 parts. Returns its length; *dots counts the inner dots. */
static size_t read_number(const char *s, int *dots)
{
    size_t n = 0;
    *dots = 0;
    for (int part = 0; part < 3; part++) {
        size_t digits = 0;
        while (digits < 5 && is_digit(s[n + digits]))
            digits++;
        if (digits == 0 || digits > 4)
            return part == 0 ? 0 : n - 1;
        n += digits;
        if (s[n] != '.' || !is_digit(s[n + 1]))
            return n;
        n++;
        (*dots)++;
    }
    return n;
}

static size_t skip_spaces(const char *s, size_t i)
{
    while (s[i] == ' ')
        i++;
    return i;
}

int hr_paragraph_read(char paragraph[HR_PARAGRAPH_MAX], size_t *used, const char *text)
{
    size_t i = skip_spaces(text, 0);
    size_t item = read_item(text + i);
    if (item > 0) {
        snprintf(paragraph, HR_PARAGRAPH_MAX, "%.*s", (int)item, text + i);
        *used = skip_spaces(text, i + item);
        return 1;
    }
    int dots = 0;
    size_t number = read_number(text + i, &dots);
    if (number == 0)
        return 0;
    size_t j = i + number;
    int trailing_dot = text[j] == '.';
    if (trailing_dot)
        j++;
    size_t after = skip_spaces(text, j);
    size_t letter = read_item(text + after);
    if (letter > 0) {
        snprintf(paragraph, HR_PARAGRAPH_MAX, "%.*s%.*s", (int)number, text + i, (int)letter,
                 text + after);
        *used = skip_spaces(text, after + letter);
        return 1;
    }
    /* "2010 was a year..." is not numbered; "4.The", "84.1 Ratify" and "4. The" are. */
    if (!trailing_dot && dots == 0)
        return 0;
    if (text[j] != ' ' && text[j] != '\0' && !(trailing_dot && text[j] >= 'A' && text[j] <= 'Z') &&
        !(trailing_dot && (unsigned char)text[j] >= 0x80))
        return 0;
    snprintf(paragraph, HR_PARAGRAPH_MAX, "%.*s", (int)number, text + i);
    *used = after;
    return 1;
}
