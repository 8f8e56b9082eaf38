/*
 * Reports drafted from the data: the UPR mid-term report, the follow-up
 * report on one treaty body's concluding observations, and the SDG view
 * for the voluntary national review.
 *
 * A report is built in two steps that know nothing of HTTP. Assembly
 * (lib/report/report.c) reads the recommendations from the database
 * (lib/db/reports.c) and arranges them into one JSON value, the same for
 * the three kinds:
 *
 *   {"kind": "upr_midterm" | "treaty_followup" | "vnr", "lang": "es",
 *    "title", "generated": "YYYY-MM-DD", "state": {"code", "name"},
 *    "cycle" (UPR) | "document": {"symbol", "published", "body",
 *      "mechanism", "mechanism_name"} (treaty bodies),
 *    "actions_institution": null, or the one institution whose actions
 *      the reader may see (focal points and validators),
 *    "totals": {"recommendations", "entries", "in_several_sections",
 *      "by_status": [{"status", "label", "count"}],
 *      "by_position": [{"position", "label", "count"}] (UPR only)},
 *    "sections": [{"key", "heading", "count", "by_status",
 *      "recommendations": [ids], "subsections": [same without subsections]}],
 *    "recommendations": [{"id", "paragraph", "symbol", "text", "mechanism",
 *      "position", "position_label", "cycle", "recommending_states":
 *      [{"code", "name"}], "status", "status_label", "status_as_of",
 *      "lead": {"id", "acronym", "name"} | null, "clusters": [{"id",
 *      "name"}], "sdg": [{"goal", "target"}], "actions": [{"id", "title",
 *      "institution", "institution_name", "status", "status_label",
 *      "implementation_status", "implementation_label", "start_date",
 *      "due_date"}]}]}
 *
 * Each recommendation is listed once in "recommendations"; sections name
 * them by id, so that one in several clusters (or linked to several SDG
 * targets) is shown under each without being counted twice in the totals.
 * Rendering (lib/report/render_*.c) turns that value into a standalone HTML
 * document, Markdown or an XLSX workbook, with every heading and label in
 * the report's language (lib/report/report_text.c).
 *
 * Reports are bounded: past HR_REPORT_RECOMMENDATIONS_MAX recommendations
 * assembly refuses with HR_ELIMIT rather than hold an unbounded set.
 */
#ifndef HRTRACK_REPORT_H
#define HRTRACK_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "hrtrack/buf.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/report_text.h"

/* The most recommendations one report holds (the largest state's whole
 * UHRI record is about this size; one UPR cycle is a few hundred). */
#define HR_REPORT_RECOMMENDATIONS_MAX 6000

/* The most bytes a rendered HTML or Markdown report may take. */
#define HR_REPORT_RENDER_MAX (64u * 1024u * 1024u)

/* What the reader asked for; every string is checked for its form by the caller. */
typedef struct hr_report_request {
    const char *state;       /* ISO alpha-2, upper case */
    int cycle;               /* UPR: the cycle, 0 for the state's latest */
    const char *body;        /* treaty bodies: the body's name ("CCPR"), or NULL */
    const char *document;    /* treaty bodies: a document symbol, or NULL */
    int actions_institution; /* show only this institution's actions; 0: all */
    hr_lang lang;
} hr_report_request;

/*
 * Assembles the UPR mid-term report of r->state for r->cycle (0: the
 * latest cycle in which it received UPR recommendations): the state's
 * UPR recommendations of that cycle, one section per cluster they belong
 * to (by name), then "Not grouped". On success *out is a new report (see
 * above). Returns 0; HR_EUNPROCESSABLE with *field "state" for an unknown
 * state; HR_ENOTFOUND with *field "cycle" when the state received no UPR
 * recommendation in that cycle (or none at all); HR_ELIMIT with *field
 * "state" past HR_REPORT_RECOMMENDATIONS_MAX; or a db.h error.
 */
int hr_report_upr_midterm(json_t **out, const char **field, hr_db *db, const hr_report_request *r);

/*
 * Assembles the follow-up report of one treaty body's concluding
 * observations to r->state: the document r->document, or the latest
 * document of body r->body that has recommendations to the state (one of
 * the two must be given), paragraph by paragraph in one section. Returns
 * 0; HR_EUNPROCESSABLE with *field "state", "body" (unknown, not a treaty
 * body, or neither given) or "document" (unknown or not a treaty body's);
 * HR_ENOTFOUND with *field "body" or "document" when there is no such
 * document for the state; HR_ELIMIT; or a db.h error.
 */
int hr_report_treaty_followup(json_t **out, const char **field, hr_db *db,
                              const hr_report_request *r);

/*
 * Assembles the SDG view of r->state for its voluntary national review:
 * every recommendation it received (any mechanism) that is linked to an
 * SDG goal or target (suggested links do not count), one section per
 * goal, one subsection per target and one for recommendations linked to
 * the goal but to none of its targets; each with its count and status
 * counts. Returns 0;
 * HR_EUNPROCESSABLE with *field "state"; HR_ELIMIT; or a db.h error.
 */
int hr_report_vnr(json_t **out, const char **field, hr_db *db, const hr_report_request *r);

/*
 * Renders `report` as a complete HTML5 document (lang attribute, inline
 * print style, no script, every value escaped) appended to `out`. Returns 0,
 * HR_ELIMIT past the buffer's limit, or HR_ENOMEM.
 */
int hr_report_render_html(hr_buf *out, const json_t *report);

/*
 * Renders `report` as Markdown appended to `out`; characters of the data
 * that Markdown would read as markup are escaped. Same returns.
 */
int hr_report_render_markdown(hr_buf *out, const json_t *report);

/*
 * Renders `report` as an XLSX workbook (a summary sheet and one row per
 * recommendation and section) into a temporary file that is already
 * unlinked; *out is that file, open for reading from its start (the
 * caller fcloses it). Returns 0, HR_EIO or HR_ENOMEM.
 */
int hr_report_render_xlsx(FILE **out, const json_t *report);

#endif
