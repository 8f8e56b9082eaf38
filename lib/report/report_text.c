/*
 * The words of reports in three languages (see report_text.h): the fixed
 * texts of the table in the header, the names of coded values (statuses,
 * positions, action statuses), and dates formatted by ICU in the long
 * style of each language, so that a Spanish report reads "30 de junio de
 * 2025" and a French one "30 juin 2025".
 */
#include "hrtrack/report_text.h"

#include "hrtrack/error.h"
#include "hrtrack/implementation_status.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

static const char *const texts[HR_RT_COUNT_][HR_LANG_COUNT] = {
#define HR_REPORT_TEXT_ROW_(id, en, es, fr) [id] = {en, es, fr},
    HR_REPORT_TEXTS(HR_REPORT_TEXT_ROW_)
#undef HR_REPORT_TEXT_ROW_
};

const char *hr_report_text(hr_report_text_id id, hr_lang lang)
{
    if ((unsigned)lang >= HR_LANG_COUNT)
        lang = HR_LANG_DEFAULT;
    if ((unsigned)id >= HR_RT_COUNT_)
        return "";
    return texts[id][lang];
}

typedef struct code_label {
    hr_report_code_kind kind;
    const char *code; /* NULL: the label of no value */
    const char *label[HR_LANG_COUNT];
} code_label;

/* In report order within each kind; the schema's CHECK constraints list the codes. */
static const code_label labels[] = {
    {HR_CODE_POSITION, "supported", {"Supported", "Aceptada", "Acceptée"}},
    {HR_CODE_POSITION, "noted", {"Noted", "Anotada", "Notée"}},
    {HR_CODE_POSITION, NULL, {"No position", "Sin posición", "Sans position"}},
    {HR_CODE_ACTION_STATUS, "planned", {"Planned", "Planificada", "Prévue"}},
    {HR_CODE_ACTION_STATUS, "in_progress", {"In progress", "En curso", "En cours"}},
    {HR_CODE_ACTION_STATUS, "completed", {"Completed", "Completada", "Terminée"}},
    {HR_CODE_ACTION_STATUS, "cancelled", {"Cancelled", "Cancelada", "Annulée"}},
};

const char *hr_report_code_label(hr_report_code_kind kind, const char *code, hr_lang lang)
{
    if ((unsigned)lang >= HR_LANG_COUNT)
        lang = HR_LANG_DEFAULT;
    if (kind == HR_CODE_STATUS)
        return hr_status_name(code, lang);
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        const code_label *l = &labels[i];
        if (l->kind == kind &&
            (code == NULL ? l->code == NULL : l->code != NULL && strcmp(l->code, code) == 0))
            return l->label[lang];
    }
    return code != NULL ? code : "";
}

const char *const *hr_report_codes(hr_report_code_kind kind)
{
    static const char *const statuses[] = {"implemented", "partially_implemented", "in_progress",
                                           "not_started", "not_applicable",        NULL};
    static const char *const positions[] = {"supported", "noted", NULL};
    static const char *const action_statuses[] = {"planned", "in_progress", "completed",
                                                  "cancelled", NULL};
    switch (kind) {
    case HR_CODE_STATUS:
        return statuses;
    case HR_CODE_POSITION:
        return positions;
    case HR_CODE_ACTION_STATUS:
        return action_statuses;
    }
    return positions + 2;
}

struct hr_report_dates {
    UDateFormat *format;
};

int hr_report_dates_open(hr_report_dates **out, hr_lang lang)
{
    *out = NULL;
    hr_report_dates *d = calloc(1, sizeof *d);
    if (d == NULL)
        return HR_ENOMEM;
    UErrorCode status = U_ZERO_ERROR;
    /* UTC: the dates are calendar dates, not instants; no zone may move them a day. */
    static const UChar utc[] = {'U', 'T', 'C', 0};
    d->format = udat_open(UDAT_NONE, UDAT_LONG, hr_lang_code(lang), utc, -1, NULL, 0, &status);
    if (U_FAILURE(status)) {
        free(d);
        return HR_EINTERNAL;
    }
    *out = d;
    return 0;
}

void hr_report_dates_close(hr_report_dates *dates)
{
    if (dates == NULL)
        return;
    udat_close(dates->format);
    free(dates);
}

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* Reads "YYYY-MM-DD" (and nothing after it but a time part) into its fields. */
static int parse_iso(unsigned *y, unsigned *m, unsigned *d, const char *s)
{
    for (int i = 0; i < 10; i++) {
        int digit = s[i] >= '0' && s[i] <= '9';
        if ((i == 4 || i == 7) ? s[i] != '-' : !digit)
            return -1;
    }
    if (s[10] != '\0' && s[10] != 'T' && s[10] != ' ')
        return -1;
    *y = (unsigned)((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'));
    *m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
    *d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
    return (*m >= 1 && *m <= 12 && *d >= 1 && *d <= 31) ? 0 : -1;
}

int hr_report_date(hr_buf *out, hr_report_dates *dates, const char *iso)
{
    unsigned y, m, d;
    if (iso == NULL)
        return 0;
    if (dates == NULL || strlen(iso) < 10 || parse_iso(&y, &m, &d, iso) != 0)
        return hr_buf_puts(out, iso);
    UDate when = (UDate)days_from_civil(y, m, d) * 86400000.0;
    UChar text[128];
    char utf8[512];
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = udat_format(dates->format, when, text, 128, NULL, &status);
    int32_t len = 0;
    if (U_SUCCESS(status))
        u_strToUTF8(utf8, (int32_t)sizeof utf8, &len, text, n, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
        return hr_buf_puts(out, iso);
    return hr_buf_append(out, utf8, (size_t)len);
}
