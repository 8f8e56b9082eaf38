/*
 * The queries behind reports (lib/db/reports.c): what report assembly
 * (report.h) reads. Results are jansson values the caller owns; every
 * function returns 0, HR_ENOTFOUND where said, or a db.h error.
 */
#ifndef HRTRACK_REPORT_DB_H
#define HRTRACK_REPORT_DB_H

#include <jansson.h>

#include "hrtrack/db.h"
#include "hrtrack/lang.h"

/* The state `alpha2` as {"code", "name"} (name in `lang`). HR_ENOTFOUND when unknown. */
int hr_db_report_state(json_t **out, hr_db *db, const char *alpha2, hr_lang lang);

/*
 * The latest UPR cycle in which `alpha2` received recommendations into
 * *cycle. HR_ENOTFOUND when it received none with a known cycle.
 */
int hr_db_report_latest_cycle(int *cycle, hr_db *db, const char *alpha2);

/*
 * The kind of mechanism ("upr", "treaty_body", "special_procedures") of the
 * body named `body` (or whose mechanism code is `body`) when `body` is not
 * NULL, else of the document `symbol`, into `kind` (at least 32 bytes).
 * HR_ENOTFOUND when there is no such body or document.
 */
int hr_db_report_mechanism_kind(char *kind, size_t size, hr_db *db, const char *body,
                                const char *symbol);

/*
 * The treaty-body document with recommendations to `alpha2`: `symbol` when
 * given, otherwise the latest one (by publication date) of `body` (a body's
 * name or its mechanism's code). {"symbol", "published", "body",
 * "mechanism", "mechanism_name"} with the name in `lang`. HR_ENOTFOUND when
 * there is none.
 */
int hr_db_report_treaty_document(json_t **out, hr_db *db, const char *alpha2, const char *body,
                                 const char *symbol, hr_lang lang);

/* Which recommendations of a state a report reads. */
typedef struct hr_report_rows_filter {
    const char *state;       /* alpha-2; required */
    int cycle;               /* > 0: UPR recommendations of this cycle only */
    const char *document;    /* a document symbol, or NULL */
    int sdg_only;            /* only those with an SDG link (suggested links do not count) */
    int actions_institution; /* > 0: list only this institution's actions */
    int max;                 /* at most this many rows */
    hr_lang lang;
} hr_report_rows_filter;

/*
 * The recommendations `f` selects, in paragraph order (84.2 before 84.10,
 * 12(a) before 12(b), then by id), each as one report recommendation (see
 * report.h, without the translated labels). *out is a JSON array. Returns
 * 0, HR_ELIMIT when more than f->max match, or a db.h error.
 */
int hr_db_report_rows(json_t **out, hr_db *db, const hr_report_rows_filter *f);

/*
 * The titles of every SDG goal and target in `lang` (English where a title
 * is missing): {"goals": {"16": {"title", "short_title"}}, "targets":
 * {"16.3": {"title", "ordinal"}}}.
 */
int hr_db_report_sdg_titles(json_t **out, hr_db *db, hr_lang lang);

#endif
