/* Streamed exports of a recommendation query (see export.c). */
#ifndef HRTRACK_SERVER_EXPORT_H
#define HRTRACK_SERVER_EXPORT_H

#include "http.h"

#include "hrtrack/rec_query.h"

typedef enum hr_export_format {
    HR_EXPORT_NONE = 0, /* a page of JSON, not an export */
    HR_EXPORT_CSV = 1,
    HR_EXPORT_JSON = 2,
    HR_EXPORT_XLSX = 3,
} hr_export_format;

/*
 * The export asked for: `format` (the ?format= parameter: csv, json, xlsx)
 * wins; otherwise an Accept header naming text/csv or the XLSX type. Returns
 * 0 (HR_EXPORT_NONE when neither asks), or HR_EUNPROCESSABLE for an unknown
 * format.
 */
int hr_export_format_parse(hr_export_format *out, const char *format, const char *accept);

/*
 * Opens the export of everything of `kind` that `q` selects and sets a
 * streamed reply. `db` must stay the calling thread's connection. Returns 0
 * or an error to reply with (nothing has been sent then).
 */
int hr_export_start(hr_reply *reply, hr_db *db, hr_export_kind kind, const hr_rec_query *q,
                    hr_export_format format);

/*
 * Sets a streamed reply of the rows of an open export cursor (ownership
 * taken, closed in every case), with `columns` (static storage) as the
 * header, named `basename` plus the format's extension. Returns 0 or an
 * error to reply with (nothing has been sent then).
 */
int hr_export_start_cursor(hr_reply *reply, hr_db_export *cursor, const hr_export_column *columns,
                           int column_count, hr_export_format format, hr_lang lang,
                           const char *basename);

/*
 * The common start of a list endpoint: the export format (if any), the
 * filters of the query string (`allowed`: the names the endpoint takes, NULL
 * for all) into `q`, and the check that their values exist in `db`. On error
 * returns the code to reply with and sets *field to the parameter at fault.
 */
int hr_list_request(hr_rec_query *q, hr_export_format *format, const char **field, hr_db **db,
                    hr_request *req, const char *const *allowed);

#endif
