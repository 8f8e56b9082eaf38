/*
 * What the renderers of reports share (private to lib/report): the plain
 * text of each part of a report in its language (a header line, a
 * recommendation's status with its date, an action's cells), so that the
 * HTML, Markdown and XLSX renderers differ only in markup and escaping.
 * Every function writes plain, unescaped text; the renderer escapes it.
 */
#ifndef HRTRACK_REPORT_RENDER_H
#define HRTRACK_REPORT_RENDER_H

#include "hrtrack/buf.h"
#include "hrtrack/report.h"

#include <jansson.h>

typedef struct hr_render {
    const json_t *report;
    json_t *index; /* recommendation id (text) -> recommendation (borrowed) */
    hr_lang lang;
    hr_report_dates *dates;
} hr_render;

/* Prepares rendering `report`. Returns 0, HR_ENOMEM or HR_EINTERNAL. */
int hr_render_open(hr_render *r, const json_t *report);

/* Frees what hr_render_open made. */
void hr_render_close(hr_render *r);

/* The recommendation whose id is the JSON integer `id`, or NULL. */
const json_t *hr_render_rec(const hr_render *r, const json_t *id);

/* The text of a report's fixed text `id` in its language. */
const char *hr_render_text(const hr_render *r, hr_report_text_id id);

/*
 * The lines of the report's header, one per call of fn(ctx, label, value):
 * state, cycle or document and body, the date of generation. Returns the
 * first non-zero return of fn, or a buffer error, or 0.
 */
int hr_render_meta(hr_render *r, int (*fn)(void *ctx, const char *label, const char *value),
                   void *ctx);

/* Kinds of text hr_render_field writes about one recommendation. */
typedef enum hr_render_field_id {
    HR_RENDER_HEADING,  /* "Paragraph 84.2 · A/HRC/15/6", or "Recommendation 123" */
    HR_RENDER_STATES,   /* "Argentina, Brazil" ("" when none) */
    HR_RENDER_POSITION, /* "Supported" ("" outside the UPR) */
    HR_RENDER_STATUS,   /* "Implemented (as of 30 June 2025)" / "No report yet" */
    HR_RENDER_LEAD,     /* "Ministry of Health (MOH)" / "Not assigned" */
} hr_render_field_id;

/* Replaces `out` with the text of field `id` of `rec`. Returns 0 or a buffer error. */
int hr_render_field(hr_buf *out, hr_render *r, const json_t *rec, hr_render_field_id id);

/* The columns of the actions table. */
#define HR_RENDER_ACTION_COLUMNS 5

/* The heading of actions column `column` (0..HR_RENDER_ACTION_COLUMNS-1). */
const char *hr_render_action_heading(const hr_render *r, int column);

/*
 * Replaces `out` with cell `column` of `action`: its title, institution,
 * status (with its reported implementation status), start and due dates.
 * Returns 0 or a buffer error.
 */
int hr_render_action_cell(hr_buf *out, hr_render *r, const json_t *action, int column);

/*
 * Replaces `out` with the status counts of a section that are not zero:
 * "Implemented: 2 · No report yet: 5". Returns 0 or a buffer error.
 */
int hr_render_status_line(hr_buf *out, const hr_render *r, const json_t *section);

/* The count of a section or an entry of a by_status/by_position list, as text. */
void hr_render_count(char out[24], const json_t *item);

#endif
