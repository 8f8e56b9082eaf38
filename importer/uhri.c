/*
 * `hrtrack-import uhri FILE`: the Universal Human Rights Index full export,
 * one JSON array of records, streamed element by element (json_stream.c)
 * and each element parsed with jansson and mapped (uhri_map.c).
 */
#include "uhri.h"

#include "json_stream.h"
#include "uhri_map.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>

static int on_element(void *ctx, const char *bytes, size_t len, size_t index, uint64_t offset)
{
    (void)index;
    hr_run *run = ctx;
    char location[48];
    snprintf(location, sizeof location, "byte %" PRIu64, offset);
    json_error_t error;
    json_t *record = json_loadb(bytes, len, JSON_REJECT_DUPLICATES, &error);
    hr_reject why;
    if (record == NULL) {
        hr_reject_set(&why, "(record)", "not valid JSON: %s", error.text);
        return hr_run_reject(run, location, &why);
    }
    hr_rec rec = {0};
    int rc = hr_uhri_map(&rec, &why, record, run->resolver, run->options->lang);
    json_decref(record);
    return hr_run_submit(run, rc, &rec, location, &why);
}

static int on_reject(void *ctx, hr_json_stream_reject reason, size_t index, uint64_t offset,
                     uint64_t len)
{
    (void)index;
    hr_run *run = ctx;
    char location[48];
    snprintf(location, sizeof location, "byte %" PRIu64, offset);
    hr_reject why;
    if (reason == HR_JSON_STREAM_TOO_LARGE)
        hr_reject_set(&why, "(record)", "larger than %d bytes (%" PRIu64 ")",
                      HR_JSON_STREAM_ELEMENT_MAX_DEFAULT, len);
    else
        hr_reject_set(&why, "(record)", "not a JSON object");
    return hr_run_reject(run, location, &why);
}

int hr_uhri_read(hr_run *run)
{
    hr_json_stream *stream = NULL;
    hr_json_stream_error error = {0};
    int rc = hr_json_stream_new(&stream, hr_source_file(run->source), 0, 0);
    if (rc == 0)
        rc = hr_json_stream_run(stream, on_element, on_reject, run, &error);
    if (rc == HR_EPARSE)
        hr_log_error("the file is not a well-formed JSON array: %s (byte %" PRIu64 ")",
                     error.reason, error.offset);
    else if (rc == HR_EIO)
        hr_log_error("reading the file failed");
    hr_json_stream_free(stream);
    return rc;
}
