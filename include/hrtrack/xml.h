/*
 * Text into XML 1.0, for the Atom feeds.
 *
 * XML cannot carry every string: besides the five characters with a
 * meaning in markup (& < > " '), XML 1.0 forbids most control characters
 * (U+0000..U+001F except tab, newline and carriage return), U+FFFE and
 * U+FFFF, even as character references; a document that holds one is not
 * well-formed and a feed reader drops it whole. Text from people (a
 * comment, a ministry's narrative) may hold anything, so it goes through
 * hr_xml_escape on its way into a document.
 */
#ifndef HRTRACK_XML_H
#define HRTRACK_XML_H

#include "hrtrack/buf.h"

#include <stddef.h>

/*
 * Appends s[0..len) to `out` as XML 1.0 character data, safe both between
 * tags and inside a quoted attribute value: & < > " ' become entity
 * references, a carriage return becomes &#13; (a parser would otherwise
 * turn it into a newline), characters XML 1.0 forbids and bytes that are
 * not UTF-8 (overlong forms, surrogates, truncated sequences) become
 * U+FFFD, so that the result is always well-formed UTF-8. NUL bytes inside
 * the range are replaced like any other forbidden character. Returns 0 or
 * a buffer error (HR_ELIMIT, HR_ENOMEM); on error `out` may hold part of
 * the text.
 */
int hr_xml_escape(hr_buf *out, const char *s, size_t len);

/* hr_xml_escape of a NUL-terminated string (NULL appends nothing). */
int hr_xml_escape_str(hr_buf *out, const char *s);

#endif
