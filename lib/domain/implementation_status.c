/*
 * The implementation status vocabulary (include/hrtrack/implementation_status.h).
 */
#include "hrtrack/implementation_status.h"

#include <string.h>

typedef struct status_row {
    const char *code;
    const char *name[HR_LANG_COUNT]; /* in the order of hr_lang */
} status_row;

/* The order of hr_lang: en, es, fr (see lang.h). Last: no approved status. */
static const status_row rows[] = {
    {"not_started", {"Not started", "No iniciada", "Non commencée"}},
    {"in_progress", {"In progress", "En curso", "En cours"}},
    {"partially_implemented",
     {"Partially implemented", "Parcialmente implementada", "Partiellement mise en œuvre"}},
    {"implemented", {"Implemented", "Implementada", "Mise en œuvre"}},
    {"not_applicable",
     {"Not accepted / not applicable", "No aceptada / no aplicable", "Non acceptée / sans objet"}},
    {"none",
     {"No status reported yet", "Sin estado informado aún", "Aucun état communiqué à ce jour"}},
};

const char *const hr_status_codes[] = {"not_started", "in_progress",    "partially_implemented",
                                       "implemented", "not_applicable", NULL};

const char *const hr_status_filter_codes[] = {
    "not_started", "in_progress", "partially_implemented", "implemented", "not_applicable",
    "none",        NULL};

const char *hr_status_name(const char *code, hr_lang lang)
{
    if ((unsigned)lang >= HR_LANG_COUNT)
        lang = HR_LANG_DEFAULT;
    const char *wanted = code != NULL ? code : "none";
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (strcmp(rows[i].code, wanted) == 0)
            return rows[i].name[lang];
    }
    return code;
}
