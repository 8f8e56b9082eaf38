/*
 * Paragraph numbers at the start of a recommendation's text, as UN
 * documents print them: "84.1.", "4.", "79.23", "12 (b)", "12(b)", "(c)".
 */
#ifndef HRTRACK_PARAGRAPH_H
#define HRTRACK_PARAGRAPH_H

#include <stddef.h>

#define HR_PARAGRAPH_MAX 32

/*
 * Reads the paragraph number that `text` starts with. On success writes it
 * in canonical form ("84.1", "4", "12(b)", "(c)") to `paragraph` and the
 * number of bytes it took (with its trailing dot and spaces) to *used, and
 * returns 1; returns 0 when the text does not start with one. A bare number
 * without a dot or a lettered item ("2010 was...") is not a paragraph number.
 */
int hr_paragraph_read(char paragraph[HR_PARAGRAPH_MAX], size_t *used, const char *text);

#endif
