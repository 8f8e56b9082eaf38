/*
 * Lookups in the error registry of include/hrtrack/error.h. The table is the
 * single source of truth; this file only turns it into arrays.
 */
#include "hrtrack/error.h"

#include <stddef.h>

typedef struct error_entry {
    int value;
    const char *code;
    unsigned status;
    const char *message[HR_LANG_COUNT];
} error_entry;

static const error_entry entries[] = {
#define HR_ERROR_ENTRY_(name, value, code, status, en, es, fr) {value, code, status, {en, es, fr}},
    HR_ERROR_TABLE(HR_ERROR_ENTRY_)
#undef HR_ERROR_ENTRY_
};

static const error_entry *find(int err)
{
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        if (entries[i].value == err)
            return &entries[i];
    }
    return NULL;
}

/* HR_EINTERNAL stands in for values that are not in the table. */
static const error_entry *find_or_internal(int err)
{
    const error_entry *e = find(err);
    return e ? e : find(HR_EINTERNAL);
}

int hr_error_is_known(int err)
{
    return find(err) != NULL;
}

const char *hr_error_code(int err)
{
    if (err == HR_OK)
        return "ok";
    return find_or_internal(err)->code;
}

unsigned hr_error_http_status(int err)
{
    if (err == HR_OK)
        return 200;
    return find_or_internal(err)->status;
}

const char *hr_error_message(int err, hr_lang lang)
{
    if (err == HR_OK)
        return "OK";
    if ((unsigned)lang >= HR_LANG_COUNT)
        lang = HR_LANG_DEFAULT;
    return find_or_internal(err)->message[lang];
}
