/*
 * Text folding through ICU, for matching names and words regardless of case,
 * accents, width and punctuation: "Türkiye", "TURKIYE" and "türkiye " fold to
 * the same key, as do "Côte d’Ivoire" and "Cote d'Ivoire".
 */
#ifndef HRTRACK_TEXT_H
#define HRTRACK_TEXT_H

#include <stddef.h>

#include "hrtrack/buf.h"
#include "hrtrack/lang.h"

/*
 * Appends to `out` the match key of the UTF-8 text s[0..len): NFKC case
 * folding, accents (non-spacing marks) removed, every run of characters that
 * are not letters or digits turned into one space, no leading or trailing
 * space. Returns 0, HR_EPARSE when `s` is not valid UTF-8, HR_ELIMIT when the
 * result does not fit in `out`, or HR_ENOMEM.
 */
int hr_text_fold_key(hr_buf *out, const char *s, size_t len);

/*
 * Appends the NFC form of the UTF-8 text s[0..len) to `out`. Imported text
 * is stored in NFC: some sources (the open-sdg French files among them)
 * write "é" as "e" plus a combining accent, which would otherwise compare
 * unequal to the same word typed by a person. Returns 0, HR_EPARSE (not
 * UTF-8), HR_ELIMIT or HR_ENOMEM.
 */
int hr_text_nfc(hr_buf *out, const char *s, size_t len);

/*
 * Appends the plain text of the HTML fragment s[0..len) to `out`: tags
 * dropped (with the content of <script> and <style>), character references
 * decoded (named, decimal, hexadecimal; an invalid one becomes U+FFFD),
 * every run of white space (no-break spaces included) turned into one space,
 * no leading or trailing space, Unicode NFC. Text without markup comes out
 * with only its white space normalised. Returns 0, HR_EPARSE (not UTF-8),
 * HR_ELIMIT or HR_ENOMEM.
 */
int hr_text_from_html(hr_buf *out, const char *s, size_t len);

/* Whether s[0..len) is well-formed UTF-8 without NUL bytes. */
int hr_text_is_utf8(const char *s, size_t len);

/*
 * Language-aware ordering ("Émirats" sorts with the E's in French). A
 * collator is opened once for a list and used for all of its keys.
 */
typedef struct hr_collator hr_collator;

/* Opens the ICU collator of `lang`. Returns 0, HR_ENOMEM or HR_EINTERNAL. */
int hr_collator_open(hr_collator **out, hr_lang lang);

/* Closes it. NULL is fine. */
void hr_collator_close(hr_collator *collator);

/*
 * Replaces the contents of `out` with the binary sort key of the UTF-8
 * string `s` (NUL-terminated, without inner zeros): comparing two keys with
 * strcmp orders the strings as the language does. Returns 0, HR_EPARSE, HR_ELIMIT or HR_ENOMEM.
 */
int hr_collator_key(hr_buf *out, hr_collator *collator, const char *s);

#endif
