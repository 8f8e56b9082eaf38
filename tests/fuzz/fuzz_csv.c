/*
 * libFuzzer target for the streaming CSV reader (importer/csv.c).
 *
 * Each input is read with each encoding (auto, UTF-8, Mac Roman): through
 * fmemopen with the default limits, through a source that gives 1 and 3
 * bytes per read, and with tiny limits. Beyond "no crash, no leak, no hang"
 * (run it under ASan and UBSan) it checks what must hold for any input:
 *   - every delivered field is valid UTF-8 without NUL (checked by ICU,
 *     through hr_text_is_utf8, not by the reader's own code) and within
 *     the limits; a refused record has no fields and a reason;
 *   - lines and offsets of the records only grow; the only hard error is
 *     an unterminated quote, and at the end the whole input was read;
 *   - the read sizes change nothing;
 *   - the limits only turn records into refused ones: the same records
 *     start at the same places and the run ends the same way;
 *   - Mac Roman never refuses a record for its encoding, and ASCII input
 *     reads the same in all three encodings.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Iimporter \
 *     tests/fuzz/fuzz_csv.c importer/csv.c lib/core/buf.c lib/core/text.c \
 *     $(pkg-config --libs icu-uc icu-i18n)
 *   ./a.out tests/fuzz/corpus/csv
 */
#include "csv.h"

#include "hrtrack/error.h"
#include "hrtrack/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one run saw. */
typedef struct run {
    int rc;
    size_t records, refused;
    uint64_t digest;    /* every record with its fields, in order */
    uint64_t positions; /* line and offset of every record, refused or not */
    hr_csv_encoding used;
} run;

typedef struct mem_source {
    const uint8_t *data;
    size_t size, pos, chunk;
} mem_source;

static int mem_read(void *ctx, void *buf, size_t cap, size_t *got)
{
    mem_source *m = ctx;
    size_t n = m->size - m->pos;
    n = n < cap ? n : cap;
    n = n < m->chunk ? n : m->chunk;
    if (n > 0)
        memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    *got = n;
    return 0;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h * 0x100000001B3ULL;
}

static uint64_t mix_string(uint64_t h, const char *s)
{
    for (; *s != '\0'; s++)
        h = mix(h, (unsigned char)*s);
    return mix(h, 0x100);
}

static void check_record(const hr_csv_record *rec, const hr_csv_limits *limits, size_t size)
{
    if (rec->byte_offset >= size || rec->line == 0)
        abort();
    if (rec->error != 0) {
        if ((rec->error != HR_ELIMIT && rec->error != HR_EPARSE) || rec->count != 0 ||
            rec->reason[0] == '\0' || rec->error_line < rec->line)
            abort();
        return;
    }
    if (rec->count == 0 || rec->count > limits->max_fields || rec->reason[0] != '\0')
        abort();
    size_t total = 0;
    for (size_t i = 0; i < rec->count; i++) {
        size_t len = strlen(rec->fields[i]);
        if (len > limits->field_max || (len > 0 && !hr_text_is_utf8(rec->fields[i], len)))
            abort();
        total += len;
    }
    if (total > limits->record_max)
        abort();
}

/* Reads the whole input; chunk 0 means through fmemopen. */
static void read_all(run *r, const uint8_t *data, size_t size, hr_csv_encoding enc, size_t chunk,
                     const hr_csv_limits *limits)
{
    static const hr_csv_limits defaults = {HR_CSV_FIELD_MAX, HR_CSV_MAX_FIELDS, HR_CSV_RECORD_MAX};
    memset(r, 0, sizeof *r);
    mem_source m = {data, size, 0, chunk};
    FILE *f = NULL;
    hr_csv *csv = NULL;
    int rc;
    if (chunk == 0) {
        f = size > 0 ? fmemopen((void *)data, size, "rb") : tmpfile();
        rc = f == NULL ? HR_EIO : hr_csv_open(&csv, f, enc);
    } else {
        rc = hr_csv_open_reader(&csv, mem_read, &m, enc, limits);
    }
    if (rc != 0)
        abort();
    if (limits == NULL)
        limits = &defaults;
    hr_csv_record rec;
    uint64_t last_line = 0, last_offset = 0;
    while ((rc = hr_csv_next(csv, &rec)) == 1) {
        check_record(&rec, limits, size);
        if ((r->records > 0 && (rec.line <= last_line || rec.byte_offset <= last_offset)))
            abort();
        if (enc == HR_CSV_MAC_ROMAN && strcmp(rec.reason, "invalid UTF-8") == 0)
            abort();
        last_line = rec.line;
        last_offset = rec.byte_offset;
        r->records++;
        r->refused += rec.error != 0;
        r->positions = mix(mix(r->positions, rec.line), rec.byte_offset);
        uint64_t h = mix(mix(mix(r->digest, rec.line), rec.byte_offset), (uint64_t)-rec.error);
        h = mix_string(mix(h, rec.error_line), rec.reason);
        for (size_t i = 0; i < rec.count; i++)
            h = mix_string(h, rec.fields[i]);
        r->digest = h;
    }
    if (rc != 0 && (rc != HR_EPARSE || strcmp(rec.reason, "unterminated quoted field") != 0))
        abort();
    if (hr_csv_bytes_read(csv) != size || hr_csv_next(csv, &rec) != rc)
        abort();
    r->rc = rc;
    r->used = hr_csv_encoding_used(csv);
    hr_csv_free(csv);
    if (f != NULL)
        fclose(f);
}

static int same(const run *a, const run *b)
{
    return a->rc == b->rc && a->digest == b->digest && a->records == b->records &&
           a->refused == b->refused && a->used == b->used;
}

/* Reads the input in one encoding every way, and compares. Returns the plain run's digest. */
static uint64_t read_every_way(const uint8_t *data, size_t size, hr_csv_encoding enc)
{
    static const hr_csv_limits tiny = {5, 3, 9};
    run plain, one, three, small;
    read_all(&plain, data, size, enc, 0, NULL);
    read_all(&one, data, size, enc, 1, NULL);
    read_all(&three, data, size, enc, 3, NULL);
    read_all(&small, data, size, enc, 2, &tiny);
    if (!same(&plain, &one) || !same(&plain, &three))
        abort();
    if (small.rc != plain.rc || small.positions != plain.positions ||
        small.records != plain.records || small.refused < plain.refused || small.used != plain.used)
        abort();
    return plain.digest;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t automatic = read_every_way(data, size, HR_CSV_AUTO);
    uint64_t utf8 = read_every_way(data, size, HR_CSV_UTF8);
    uint64_t mac_roman = read_every_way(data, size, HR_CSV_MAC_ROMAN);
    int ascii = 1;
    for (size_t i = 0; ascii && i < size; i++)
        ascii = data[i] < 0x80;
    if (ascii && (automatic != utf8 || utf8 != mac_roman))
        abort();
    return 0;
}
