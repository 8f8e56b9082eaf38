/*
 * libFuzzer target: one UHRI record, as JSON, through the record mapper
 * (types, sizes, dates, HTML to text, paragraph numbers, name resolution).
 * Whatever the input, the mapper must answer 0 or a refusal, never crash,
 * leak or read out of bounds.
 */
#include "uhri_map.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

static hr_resolver *resolver;

static void build_resolver(void)
{
    static const char *const rows[][3] = {
        {"s", "Paraguay", "PY"},
        {"s", "Bolivia (Plurinational State of)", "BO"},
        {"s", "Türkiye", "TR"},
        {"c", "PY", "PY"},
        {"c", "PRY", "PY"},
        {"m", "UPR", "UPR"},
        {"m", "CRC", "CRC"},
        {"m", "Committee on the Rights of the Child", "CRC"},
        {"m", "Special procedures", "SP"},
        {"t", "16.2", "16.2"},
        {"t", "16.a", "16.a"},
    };
    if (hr_resolver_new(&resolver) != 0)
        abort();
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        hr_resolver_add(resolver, rows[i][0][0], rows[i][1], rows[i][2]);
    if (hr_resolver_seal(resolver) != 0)
        abort();
    hr_log_set_level(HR_LOG_ERROR + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (resolver == NULL)
        build_resolver();
    json_t *record = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (record == NULL)
        return 0;
    hr_rec rec = {0};
    hr_reject why;
    int rc = hr_uhri_map(&rec, &why, record, resolver, HR_LANG_EN);
    if (rc != 0 && rc != HR_EUNPROCESSABLE && rc != HR_ENOMEM)
        abort();
    if (rc == 0 && (rec.external_key == NULL || rec.text_plain == NULL))
        abort();
    hr_rec_clear(&rec);
    json_decref(record);
    return 0;
}
