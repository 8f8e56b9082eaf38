/*
 * Implementation status updates: what an institution reports it did about
 * a recommendation or an action, validated before the public sees it.
 *
 * A focal point writes a draft (status, the date it speaks for, a
 * narrative, evidence links, files), submits it, and a validator of the
 * same institution, who is neither its author nor its submitter, approves
 * it or returns it with a reason. Only approved updates are public, and an
 * approved update never changes again: a correction is a new update
 * (schema/0008_status_updates.sql refuses it too, whatever the caller).
 *
 * The workflow (which step is possible in which state) is a pure function
 * here (lib/domain/status_workflow.c); who may take a step is in access.h;
 * the queries are in lib/db/status_updates.c and lib/db/status_history.c.
 * Writes run in an audited transaction on behalf of `actor` (audit.h) and
 * name the version the writer read: HR_ECONFLICT when the row has moved on
 * (or left the state the step needs), HR_ENOTFOUND when it is gone.
 */
#ifndef HRTRACK_STATUS_UPDATES_H
#define HRTRACK_STATUS_UPDATES_H

#include "hrtrack/audit.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/rec_query.h"

#include <jansson.h>
#include <stddef.h>

/* At most this many evidence links per update (the schema's bound), each this long. */
#define HR_EVIDENCE_LINKS_MAX      20
#define HR_EVIDENCE_LINK_BYTES_MAX 2000

/* Page sizes of the lists and histories. */
#define HR_UPDATE_LIMIT_DEFAULT 50
#define HR_UPDATE_LIMIT_MAX     200

/* ---- the workflow (lib/domain/status_workflow.c) ---- */

typedef enum hr_update_state {
    HR_UPDATE_DRAFT,
    HR_UPDATE_SUBMITTED,
    HR_UPDATE_APPROVED,
    HR_UPDATE_RETURNED,
} hr_update_state;

typedef enum hr_update_step {
    HR_STEP_EDIT,    /* change status, date, narrative, links */
    HR_STEP_DELETE,  /* throw a draft away */
    HR_STEP_SUBMIT,  /* hand it to the validators */
    HR_STEP_APPROVE, /* make it public history */
    HR_STEP_RETURN,  /* send it back with a reason */
    HR_STEP_FILES,   /* add or remove a file, change its visibility */
} hr_update_step;

/* Parses "draft", "submitted", "approved", "returned". Returns 0 or HR_EPARAM. */
int hr_update_state_parse(hr_update_state *out, const char *name);

/* The name of a state ("draft"); "" for a value that is not one. */
const char *hr_update_state_name(hr_update_state state);

/*
 * Whether `step` may be taken from state `from`, and the state it leads
 * to in *to:
 *   draft:     edit (draft), delete, submit (submitted), files
 *   returned:  edit (returned), submit (submitted), files
 *   submitted: approve (approved), return (returned), files
 *   approved:  nothing
 * Returns 0, or HR_ESTATE (409) for a step the state does not allow.
 */
int hr_update_step_check(hr_update_state *to, hr_update_state from, hr_update_step step);

/*
 * Checks the evidence links of a body (`links`: the JSON array, NULL when
 * absent): at most HR_EVIDENCE_LINKS_MAX strings, each an absolute http or
 * https URL of at most HR_EVIDENCE_LINK_BYTES_MAX bytes with a host and no
 * spaces or control characters. Returns 0 or HR_EUNPROCESSABLE.
 */
int hr_evidence_links_check(const json_t *links);

/*
 * Checks an update as it would be after a write (`update`: the current
 * update with a PATCH body laid over it, or a create body): status, as_of
 * and narrative present, evidence links as hr_evidence_links_check.
 * Returns 0, or HR_EUNPROCESSABLE with *field naming the culprit.
 */
int hr_update_fields_check(const char **field, const json_t *update);

/* ---- attachments: accepted file types (lib/domain/attachment_type.c) ---- */

/*
 * Decides whether a file may be stored: `declared` is the Content-Type the
 * client sent (parameters such as "; charset=" are ignored, case is not
 * significant), `bytes` the content. The declared type must be one of
 * PDF, PNG, JPEG, text/plain, text/csv, ODT, ODS, DOCX, XLSX, and the
 * content must look like it (magic bytes; the OpenDocument "mimetype"
 * member; the main part of an Office Open XML package; UTF-8 text without
 * NUL or other control bytes for the text types). Returns 0 with
 * *media_type the canonical type (static storage), or HR_EFILETYPE.
 */
int hr_attachment_type_check(const char **media_type, const char *declared, const void *bytes,
                             size_t len);

/*
 * Checks an attachment's file name: valid UTF-8, 1 to 200 characters,
 * no slash, backslash or control character (the schema's rule, said
 * before the database refuses it). Returns 0 or HR_EUNPROCESSABLE.
 */
int hr_attachment_name_check(const char *name);

/*
 * Writes into `out` (size `size` > 0) an ASCII file name for a
 * Content-Disposition header: letters, digits, '.', '-' and '_' kept, any
 * other byte replaced by '_', and "attachment" when nothing is left.
 */
void hr_attachment_safe_name(char *out, size_t size, const char *name);

/* ---- status updates (lib/db/status_updates.c) ---- */

typedef struct hr_update_filter {
    long long recommendation_id; /* 0: any */
    long long action_id;         /* 0: any */
    int institution_id;          /* 0: any */
    const char *state;           /* NULL: any */
    long long after;             /* keyset: ids above this */
    int limit;                   /* 1..HR_UPDATE_LIMIT_MAX */
} hr_update_filter;

/*
 * A page of the updates `f` selects, by id, in the staff shape:
 * {"items":[update...], "total": n, "next_after": id or null}.
 */
int hr_db_updates_list(json_t **out, hr_db *db, const hr_update_filter *f);

/* The columns of an update export, in order; their number in *count. */
const hr_export_column *hr_update_export_columns(int *count);

/* Opens the export cursor of every update `f` selects (after and limit ignored). */
int hr_db_updates_export(hr_db_export **out, hr_db *db, const hr_update_filter *f);

/*
 * One update in the staff shape: {id, recommendation_id, action_id,
 * institution_id, institution, status, as_of, narrative, evidence_links,
 * state, return_reason, author_id, submitted_by, submitted_at, decided_by,
 * decided_at, version, created_at, updated_at, attachments: [{id,
 * file_name, media_type, size, public, sha256, created_by, created_at}]}.
 * Returns 0 or HR_ENOTFOUND.
 */
int hr_db_update_get(json_t **out, hr_db *db, long long id);

/*
 * One approved update in the public shape (hr_db_update_get_public):
 * {id, recommendation_id, action_id, institution: {id, acronym, name},
 * status, as_of, approved_at, narrative, evidence_links, attachments:
 * [the public files: {id, file_name, media_type, size, sha256}]}; never
 * who wrote or approved it. HR_ENOTFOUND when it is not approved.
 */
int hr_db_update_get_public(json_t **out, hr_db *db, long long id, hr_lang lang);

/*
 * *in_scope = 1 when recommendation `recommendation_id` is assigned to
 * `institution_id` (lead or support) or, for `action_id`, the action
 * belongs to it (exactly one of the two ids is non-zero). HR_ENOTFOUND
 * when the recommendation or action does not exist.
 */
int hr_db_update_target_scope(int *in_scope, hr_db *db, long long recommendation_id,
                              long long action_id, int institution_id);

/*
 * Creates a draft from `fields` (recommendation_id or action_id, status,
 * as_of, narrative, evidence_links) for `institution_id`, written by
 * actor->user_id. *out is the update in the staff shape.
 */
int hr_db_update_create(json_t **out, hr_db *db, const hr_actor *actor, int institution_id,
                        const json_t *fields);

/* Changes the fields present in `fields` of a draft or returned update `id` at `version`. */
int hr_db_update_edit(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                      const json_t *fields);

/* Deletes draft `id` at `version` (its files go with it). */
int hr_db_update_delete(hr_db *db, const hr_actor *actor, long long id, long version);

/*
 * Takes `step` (HR_STEP_SUBMIT, HR_STEP_APPROVE or HR_STEP_RETURN, with
 * `reason` for a return) on update `id` at `version`, as actor->user_id.
 * HR_ECONFLICT when the version or the state is not what the step needs.
 */
int hr_db_update_step(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                      hr_update_step step, const char *reason);

/* ---- the public history (lib/db/status_history.c) ---- */

/*
 * The approved updates of recommendation `recommendation_id` or of action
 * `action_id` (exactly one non-zero), oldest first (by the date they speak
 * for, then by approval), in the public shape, at most `limit` after
 * update `after` (0: from the first): {"items": [...], "next_after": id
 * or null}. HR_ENOTFOUND when the recommendation or action does not exist.
 */
int hr_db_status_history(json_t **out, hr_db *db, long long recommendation_id, long long action_id,
                         long long after, int limit, hr_lang lang);

/* The columns of a history export; their number in *count. */
const hr_export_column *hr_status_history_export_columns(int *count);

/* Opens the export cursor of a whole history (as hr_db_status_history). */
int hr_db_status_history_export(hr_db_export **out, hr_db *db, long long recommendation_id,
                                long long action_id, hr_lang lang);

/* ---- attachments (lib/db/attachments.c) ---- */

/*
 * Stores `bytes` (len > 0) once per content in attachment_blob (by its
 * SHA-256) and adds an attachment of update `update_id` named `file_name`
 * of `media_type`, public or not. *out is the attachment's metadata in
 * the staff shape. HR_EUNPROCESSABLE when the update is approved (the
 * schema refuses it).
 */
int hr_db_attachment_add(json_t **out, hr_db *db, const hr_actor *actor, long long update_id,
                         const char *file_name, const char *media_type, int is_public,
                         const void *bytes, size_t len);

/*
 * One attachment's metadata: {id, status_update_id, file_name,
 * media_type, size, public, sha256, created_by, created_at, update_state,
 * institution_id}. Returns 0 or HR_ENOTFOUND.
 */
int hr_db_attachment_get(json_t **out, hr_db *db, long long id);

/* The bytes of attachment `id` (malloc'd into *bytes, free()). Returns 0 or HR_ENOTFOUND. */
int hr_db_attachment_content(void **bytes, size_t *len, hr_db *db, long long id);

/* Deletes attachment `id` (its blob stays while other attachments use it). */
int hr_db_attachment_delete(hr_db *db, const hr_actor *actor, long long id);

/* Makes attachment `id` public or private. *out is its metadata afterwards. */
int hr_db_attachment_set_public(json_t **out, hr_db *db, const hr_actor *actor, long long id,
                                int is_public);

#endif
