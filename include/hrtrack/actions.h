/*
 * Actions, indicators and measurements: what institutions do to follow
 * recommendations up, and how progress is measured.
 *
 * An action (title, description, institution, start and due dates, a
 * budget of amount, currency and source, a status) is linked to one or
 * more recommendations. An indicator (definition, unit, baseline, target,
 * due date, reporting schedule) measures an action or a recommendation and
 * carries dated measurements.
 *
 * Functions that return JSON give the API's shape of the resource; decimal
 * values (budget_amount, baseline, target_value, value) are strings, so
 * that "1500.10" stays exact. Writes run in an audited transaction on
 * behalf of `actor` (audit.h). Updates and deletes name the version the
 * writer read: HR_ECONFLICT when the row has changed since, HR_ENOTFOUND
 * when it is gone, HR_EUNPROCESSABLE when a schema constraint refuses a
 * value. Who may write what is decided by the caller with access.h.
 */
#ifndef HRTRACK_ACTIONS_H
#define HRTRACK_ACTIONS_H

#include "hrtrack/audit.h"
#include "hrtrack/db.h"
#include "hrtrack/rec_query.h"

#include <jansson.h>

/* At most this many recommendations in one action body or link request. */
#define HR_ACTION_RECOMMENDATIONS_MAX 100

/* Page sizes of the list endpoints. */
#define HR_PLAN_LIMIT_DEFAULT 50
#define HR_PLAN_LIMIT_MAX     200

/* ---- domain rules (lib/domain/actions.c) ---- */

/*
 * Checks an action as it would be after a write (`action`: the current
 * resource with the body's fields laid over it, or a create body): title,
 * institution and status present; due date not before the start date; a
 * budget amount (at least 0, at most 2 decimals) exactly when a currency
 * (three capital letters) is given. Returns 0, or HR_EUNPROCESSABLE with
 * *field naming the culprit (static storage).
 */
int hr_action_check(const char **field, const json_t *action);

/*
 * The same for an indicator: exactly one of action_id and
 * recommendation_id; definition, unit and reporting schedule present.
 */
int hr_indicator_check(const char **field, const json_t *indicator);

/* ---- actions (lib/db/actions.c) ---- */

typedef struct hr_action_filter {
    int institution_id;          /* 0: any */
    const char *status;          /* NULL: any */
    long long recommendation_id; /* 0: any */
    const char *due_before;      /* "YYYY-MM-DD": due strictly before; NULL: any */
    int overdue;                 /* 1: only planned or in progress and past the due date */
    long long after;             /* keyset: ids above this (0: from the first) */
    int limit;                   /* 1..HR_PLAN_LIMIT_MAX */
} hr_action_filter;

/*
 * A page of the actions `f` selects, by id:
 * {"items":[action...], "total": n, "next_after": id or null}.
 */
int hr_db_actions_list(json_t **out, hr_db *db, const hr_action_filter *f);

/* The columns of an action export, in order; their number in *count. */
const hr_export_column *hr_action_export_columns(int *count);

/* Opens the export cursor of every action `f` selects (after and limit ignored). */
int hr_db_actions_export(hr_db_export **out, hr_db *db, const hr_action_filter *f);

/*
 * One action: {id, title, description, institution_id, institution (its
 * acronym), start_date, due_date, budget_amount, budget_currency,
 * budget_source, status, overdue, recommendations: [ids], version,
 * created_at, updated_at}. Returns 0 or HR_ENOTFOUND.
 */
int hr_db_action_get(json_t **out, hr_db *db, long long id);

/*
 * Creates an action from `fields` (checked by hr_action_check; its
 * "recommendations" array, if any, links it) in one transaction.
 */
int hr_db_action_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields);

/* Changes the fields present in `fields` (null clears) of action `id` at `version`. */
int hr_db_action_update(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                        const json_t *fields);

/* Deletes action `id` at `version` (its links and indicators go with it). */
int hr_db_action_delete(hr_db *db, const hr_actor *actor, long long id, long version);

/*
 * Unlinks the recommendations of `remove` and links those of `add` (JSON
 * arrays of ids; NULL: none) of action `id` at `version`, whose version
 * goes up by one. *out is the action afterwards.
 */
int hr_db_action_link(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                      const json_t *add, const json_t *remove);

/* *all = 1 when every id of the JSON array `ids` is a recommendation, else 0. */
int hr_db_recommendations_exist(int *all, hr_db *db, const json_t *ids);

/* ---- indicators (lib/db/indicators.c) ---- */

typedef struct hr_indicator_filter {
    long long action_id;         /* 0: any */
    long long recommendation_id; /* 0: any */
    int institution_id;          /* 0: any */
    long long after;             /* keyset: ids above this */
    int limit;                   /* 1..HR_PLAN_LIMIT_MAX */
} hr_indicator_filter;

/* A page of indicators, as hr_db_actions_list. */
int hr_db_indicators_list(json_t **out, hr_db *db, const hr_indicator_filter *f);

/* The columns of an indicator export; their number in *count. */
const hr_export_column *hr_indicator_export_columns(int *count);

/* Opens the export cursor of every indicator `f` selects. */
int hr_db_indicators_export(hr_db_export **out, hr_db *db, const hr_indicator_filter *f);

/*
 * One indicator: {id, action_id, recommendation_id, institution_id,
 * institution, definition, unit, baseline, baseline_date, target_value,
 * due_date, reporting_schedule, measurements (their number), version,
 * created_at, updated_at}. Returns 0 or HR_ENOTFOUND.
 */
int hr_db_indicator_get(json_t **out, hr_db *db, long long id);

/* Creates an indicator from `fields`, institution_id included. */
int hr_db_indicator_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields);

/* Changes the fields present in `fields` of indicator `id` at `version`. */
int hr_db_indicator_update(json_t **out, hr_db *db, const hr_actor *actor, long long id,
                           long version, const json_t *fields);

/* Deletes indicator `id` at `version` with its measurements. */
int hr_db_indicator_delete(hr_db *db, const hr_actor *actor, long long id, long version);

/* ---- measurements (lib/db/measurements.c) ---- */

/*
 * The measurements of indicator `indicator_id` by date, at most `limit`
 * after the date `after` (NULL: from the first):
 * {"items":[{id, indicator_id, measured_on, value, note, created_at}],
 * "next_after": date or null}.
 */
int hr_db_measurements_list(json_t **out, hr_db *db, long long indicator_id, const char *after,
                            int limit);

/*
 * Records a measurement from `fields` (measured_on, value, note).
 * HR_ECONFLICT when the indicator has one of that date already.
 */
int hr_db_measurement_add(json_t **out, hr_db *db, const hr_actor *actor, long long indicator_id,
                          const json_t *fields);

/* The measurement of `indicator_id` on `date`. Returns 0 or HR_ENOTFOUND. */
int hr_db_measurement_on(json_t **out, hr_db *db, long long indicator_id, const char *date);

#endif
