/*
 * What is due: the country's reporting deadlines kept by the coordinator
 * (report_deadline, schema/0008), and one list of everything due across
 * planning data: open actions with a due date, indicators with a due date
 * and report deadlines not yet submitted, soonest first.
 *
 * "Today" is the database's current_date, so that whether something is
 * overdue does not depend on the clock of the machine that asks.
 *
 * Writes run in an audited transaction on behalf of `actor` (audit.h);
 * updates and deletes name the version the writer read: HR_ECONFLICT when
 * the row has changed since, HR_ENOTFOUND when it is gone,
 * HR_EUNPROCESSABLE when a schema constraint refuses a value. Who may read
 * or write what is decided by the caller with access.h.
 */
#ifndef HRTRACK_DEADLINES_H
#define HRTRACK_DEADLINES_H

#include "hrtrack/audit.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/rec_query.h"

#include <jansson.h>

/* Page sizes of the two lists. */
#define HR_DEADLINE_LIMIT_DEFAULT 50
#define HR_DEADLINE_LIMIT_MAX     200

/* The farthest horizon of ?within=, in days (ten years). */
#define HR_DEADLINE_WITHIN_MAX 3660

/* ---- report deadlines (lib/db/report_deadlines.c) ---- */

typedef struct hr_report_deadline_filter {
    int institution_id; /* 0: any */
    const char *kind;   /* NULL: any; one of report_deadline.kind */
    int submitted;      /* -1: any, 0: not yet submitted, 1: submitted */
    long long after;    /* keyset: ids above this (0: from the first) */
    int limit;          /* 1..HR_DEADLINE_LIMIT_MAX */
} hr_report_deadline_filter;

/*
 * A page of the report deadlines `f` selects, by id:
 * {"items":[deadline...], "total": n, "next_after": id or null}. A
 * deadline is {id, kind, title, body_name, institution_id, institution
 * (acronym or null), due_date, submitted_on, note, overdue, version,
 * created_at, updated_at}; institution_id null means the coordinator's.
 */
int hr_db_report_deadlines_list(json_t **out, hr_db *db, const hr_report_deadline_filter *f);

/* The columns of a report deadline export, in order; their number in *count. */
const hr_export_column *hr_report_deadline_export_columns(int *count);

/* Opens the export cursor of every report deadline `f` selects (after and limit ignored). */
int hr_db_report_deadlines_export(hr_db_export **out, hr_db *db,
                                  const hr_report_deadline_filter *f);

/* One report deadline. Returns 0 or HR_ENOTFOUND. */
int hr_db_report_deadline_get(json_t **out, hr_db *db, long long id);

/* Creates a report deadline from `fields` (checked by the caller). */
int hr_db_report_deadline_create(json_t **out, hr_db *db, const hr_actor *actor,
                                 const json_t *fields);

/* Changes the fields present in `fields` (null clears) of deadline `id` at `version`. */
int hr_db_report_deadline_update(json_t **out, hr_db *db, const hr_actor *actor, long long id,
                                 long version, const json_t *fields);

/* Deletes report deadline `id` at `version`. */
int hr_db_report_deadline_delete(hr_db *db, const hr_actor *actor, long long id, long version);

/* ---- everything due (lib/db/deadlines.c) ---- */

/* The kinds of things that fall due. */
typedef enum hr_deadline_kind {
    HR_DEADLINE_ANY = 0,
    HR_DEADLINE_ACTION,
    HR_DEADLINE_INDICATOR,
    HR_DEADLINE_REPORT,
} hr_deadline_kind;

/* "action", "indicator", "report"; NULL for HR_DEADLINE_ANY. */
const char *hr_deadline_kind_name(hr_deadline_kind kind);

/* Parses a kind name. Returns 0, or HR_EUNPROCESSABLE. */
int hr_deadline_kind_parse(hr_deadline_kind *out, const char *name);

/*
 * A position in the soonest-first order (due date, kind, id), as the API
 * writes it: "2025-06-30.action.12".
 */
typedef struct hr_deadline_cursor {
    char due_date[11]; /* "" : from the start */
    hr_deadline_kind kind;
    long long id;
} hr_deadline_cursor;

/*
 * Parses a cursor written as above (a real calendar date, a kind name, a
 * positive id). Returns 0, or HR_EUNPROCESSABLE.
 */
int hr_deadline_cursor_parse(hr_deadline_cursor *out, const char *text);

typedef struct hr_deadline_filter {
    int institution_id;       /* 0: any; reports of the coordinator (none) only without it */
    hr_deadline_kind kind;    /* HR_DEADLINE_ANY: all three */
    int overdue;              /* -1: any, 1: only past their due date, 0: only not yet */
    int within;               /* -1: any horizon; else due at most this many days from today */
    hr_deadline_cursor after; /* keyset: rows after this position */
    int limit;                /* 1..HR_DEADLINE_LIMIT_MAX */
} hr_deadline_filter;

/*
 * A page of what is due, soonest first: {"items":[{kind, id, title,
 * institution: {id, acronym} or null, due_date, days_left (negative when
 * overdue), overdue, recommendations: [ids], action_id (an indicator's
 * action, else null), report_kind (reports, else null)}], "total": n,
 * "next_after": cursor text or null, "today": date}.
 */
int hr_db_deadlines_list(json_t **out, hr_db *db, const hr_deadline_filter *f);

/* The columns of the export of what is due; their number in *count. */
const hr_export_column *hr_deadline_export_columns(int *count);

/*
 * Opens the export cursor of everything `f` selects (after and limit
 * ignored); kinds and the overdue flag are written in `lang`.
 */
int hr_db_deadlines_export(hr_db_export **out, hr_db *db, const hr_deadline_filter *f,
                           hr_lang lang);

#endif
