/*
 * The interface languages of hrtrack: English, Spanish and French.
 *
 * Everything shown to a person (error messages, SDG titles, state names,
 * column headers) exists in these three. English is the fallback whenever a
 * client asks for a language we do not have.
 */
#ifndef HRTRACK_LANG_H
#define HRTRACK_LANG_H

#include <stddef.h>

typedef enum hr_lang { HR_LANG_EN = 0, HR_LANG_ES = 1, HR_LANG_FR = 2 } hr_lang;

#define HR_LANG_COUNT   3
#define HR_LANG_DEFAULT HR_LANG_EN

/* The ISO 639-1 code of `lang` ("en", "es", "fr"). */
const char *hr_lang_code(hr_lang lang);

/*
 * Parses a language tag such as "es", "ES", "fr-CA" or "en_GB" (only the
 * primary subtag counts). Writes the language to *out and returns 0, or
 * returns HR_EPARAM when the tag is empty or names another language.
 */
int hr_lang_parse(hr_lang *out, const char *tag);

/*
 * Chooses the reply language: `query_lang` (the ?lang= parameter) wins when
 * it names one of ours; otherwise the best-weighted supported language of
 * `accept_language` (an Accept-Language header, RFC 9110 q-values, "*"
 * allowed); otherwise English. Either argument may be NULL. A malformed
 * header never fails: the parts that cannot be read are skipped.
 */
hr_lang hr_lang_negotiate(const char *query_lang, const char *accept_language);

/*
 * Guesses whether `text` (UTF-8, any case) is English, Spanish or French
 * from the function words it uses ("the", "of"; "los", "del"; "les",
 * "des"). Returns `fallback` when the text is too short or the evidence
 * is not clear. Exports mix languages (a UHRI export in English carries
 * the Spanish original of some recommendations), so each text is judged.
 */
hr_lang hr_lang_guess(const char *text, hr_lang fallback);

#endif
