/*
 * Which files may be attached to a status update (see status_updates.h).
 *
 * The declared Content-Type is only a claim: a program renamed to
 * report.pdf must not be stored and later handed to a reader as a PDF. So
 * the content itself is checked against the declared type, by the bytes
 * each format starts with or, for the ZIP-based office formats, by the
 * member that says what the package is. Pure functions, unit-tested.
 */
#include "hrtrack/status_updates.h"

#include "hrtrack/error.h"
#include "hrtrack/text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef int (*content_check)(const unsigned char *bytes, size_t len, const char *type);

typedef struct file_type {
    const char *media_type;
    content_check check;
} file_type;

static int starts_with(const unsigned char *bytes, size_t len, const void *magic, size_t n)
{
    return len >= n && memcmp(bytes, magic, n) == 0;
}

static int is_pdf(const unsigned char *bytes, size_t len, const char *type)
{
    (void)type;
    return starts_with(bytes, len, "%PDF-", 5);
}

static int is_png(const unsigned char *bytes, size_t len, const char *type)
{
    (void)type;
    return starts_with(bytes, len, "\x89PNG\r\n\x1a\n", 8);
}

static int is_jpeg(const unsigned char *bytes, size_t len, const char *type)
{
    (void)type;
    return starts_with(bytes, len, "\xff\xd8\xff", 3);
}

/* UTF-8 (an optional BOM) without NUL or control bytes other than tab, CR, LF, FF. */
static int is_text(const unsigned char *bytes, size_t len, const char *type)
{
    (void)type;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = bytes[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
            return 0;
    }
    return hr_text_is_utf8((const char *)bytes, len);
}

static const unsigned char zip_magic[] = {'P', 'K', 3, 4};

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * OpenDocument: the first ZIP member is "mimetype", stored uncompressed,
 * holding exactly the media type (OpenDocument 1.2, part 3, 3.3).
 */
static int is_opendocument(const unsigned char *bytes, size_t len, const char *type)
{
    size_t n = strlen(type);
    if (!starts_with(bytes, len, zip_magic, 4) || len < 38 + n)
        return 0;
    return bytes[8] == 0 && bytes[9] == 0 && le32(bytes + 18) == n && bytes[26] == 8 &&
           bytes[27] == 0 && memcmp(bytes + 30, "mimetype", 8) == 0 &&
           memcmp(bytes + 38, type, n) == 0;
}

static int contains(const unsigned char *bytes, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++) {
        if (bytes[i] == (unsigned char)needle[0] && memcmp(bytes + i, needle, n) == 0)
            return 1;
    }
    return 0;
}

/* Office Open XML: a ZIP whose member names (stored in clear) include its main part. */
static int is_word(const unsigned char *bytes, size_t len, const char *type)
{
    (void)type;
    return starts_with(bytes, len, zip_magic, 4) && contains(bytes, len, "[Content_Types].xml") &&
           contains(bytes, len, "word/document.xml");
}

static int is_sheet(const unsigned char *bytes, size_t len, const char *type)
{
    (void)type;
    return starts_with(bytes, len, zip_magic, 4) && contains(bytes, len, "[Content_Types].xml") &&
           contains(bytes, len, "xl/workbook.xml");
}

static const file_type types[] = {
    {"application/pdf", is_pdf},
    {"image/png", is_png},
    {"image/jpeg", is_jpeg},
    {"text/plain", is_text},
    {"text/csv", is_text},
    {"application/vnd.oasis.opendocument.text", is_opendocument},
    {"application/vnd.oasis.opendocument.spreadsheet", is_opendocument},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", is_word},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", is_sheet},
};

int hr_attachment_type_check(const char **media_type, const char *declared, const void *bytes,
                             size_t len)
{
    *media_type = NULL;
    if (declared == NULL || bytes == NULL || len == 0)
        return HR_EFILETYPE;
    /* "text/csv; charset=utf-8": the type is what comes before parameters and spaces. */
    size_t n = strcspn(declared, "; \t");
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const char *name = types[i].media_type;
        if (strlen(name) == n && strncasecmp(declared, name, n) == 0) {
            if (!types[i].check(bytes, len, name))
                return HR_EFILETYPE;
            *media_type = name;
            return 0;
        }
    }
    return HR_EFILETYPE;
}

int hr_attachment_name_check(const char *name)
{
    size_t len = name ? strlen(name) : 0;
    if (len == 0 || !hr_text_is_utf8(name, len))
        return HR_EUNPROCESSABLE;
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f || c == '/' || c == '\\')
            return HR_EUNPROCESSABLE;
        /* C1 controls (U+0080..U+009F), which the schema refuses as well. */
        if (c == 0xC2 && i + 1 < len && (unsigned char)name[i + 1] < 0xA0)
            return HR_EUNPROCESSABLE;
        chars += (c & 0xC0) != 0x80;
    }
    /* "." and ".." name no file anyone wants. */
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return HR_EUNPROCESSABLE;
    return chars <= 200 ? 0 : HR_EUNPROCESSABLE;
}

void hr_attachment_safe_name(char *out, size_t size, const char *name)
{
    size_t j = 0;
    for (size_t i = 0; name != NULL && name[i] != '\0' && j + 1 < size; i++) {
        unsigned char c = (unsigned char)name[i];
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '-' || c == '_';
        out[j++] = keep ? (char)c : '_';
    }
    out[j] = '\0';
    if (j == 0 || strspn(out, "._") == j)
        snprintf(out, size, "attachment");
}
