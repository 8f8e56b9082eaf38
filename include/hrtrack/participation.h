/*
 * Civil-society participation: self-registered CSO accounts, their
 * comments on the follow-up of a recommendation (or on one approved status
 * update), moderation by the coordinator, and the answers of ministries.
 *
 * People who comment on human rights face reprisals. Who wrote a comment is
 * known only through comment.author_id (schema/0009_participation.sql):
 * no JSON built here for the public, the moderators or the ministries
 * carries the author's id or email; the public sees the public name (which
 * may be a pseudonym) or, once the account is erased, a "withdrawn account"
 * label. Only hr_db_comment_author (admins) reads the author, and that read
 * is itself written to the audit log.
 *
 * Writes run in an audited transaction on behalf of `actor` (audit.h).
 * Versioned writes name the version the writer read: HR_ECONFLICT when the
 * row has changed since (or its state no longer allows the change),
 * HR_ENOTFOUND when it is gone. Who may do what is decided by the caller
 * with access.h.
 */
#ifndef HRTRACK_PARTICIPATION_H
#define HRTRACK_PARTICIPATION_H

#include "hrtrack/audit.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/rec_query.h"

#include <jansson.h>

/* Bounds of what a person writes (the schema holds the same). */
#define HR_COMMENT_BODY_MAX      5000
#define HR_COMMENT_REASON_MAX    2000
#define HR_PUBLIC_NAME_MAX       120
#define HR_ORGANISATION_MAX      200
#define HR_EMAIL_MAX             254
#define HR_COMMENT_LIMIT_DEFAULT 50
#define HR_COMMENT_LIMIT_MAX     200

/* ---- domain rules (lib/domain/participation.c) ---- */

/*
 * Whether `email` has the shape the schema accepts: one "@" with something
 * on each side, no white space or control character, 3..HR_EMAIL_MAX
 * bytes. Returns 0 or HR_EUNPROCESSABLE.
 */
int hr_email_check(const char *email);

/*
 * A new comment is about exactly one thing: a recommendation or a status
 * update. Returns 0, or HR_EUNPROCESSABLE with *field naming the field to
 * fix ("recommendation_id" when neither or both are given).
 */
int hr_comment_target_check(const char **field, const json_t *body);

/* What a moderator or the author does to a comment. */
typedef enum hr_comment_move {
    HR_COMMENT_PUBLISH,  /* moderator: pending or rejected -> published */
    HR_COMMENT_REJECT,   /* moderator: pending or published -> rejected, with a reason */
    HR_COMMENT_WITHDRAW, /* author: any state but withdrawn -> withdrawn (text removed) */
} hr_comment_move;

/* Whether `move` may be made from `state`. Returns 1 or 0. */
int hr_comment_move_allowed(hr_comment_move move, const char *state);

/*
 * The states `move` may be made from, as a PostgreSQL text array literal
 * ("{pending,rejected}"), so that the write's WHERE clause applies the
 * same rule as hr_comment_move_allowed. Static storage.
 */
const char *hr_comment_move_from(hr_comment_move move);

/* The state a comment is in after `move` ("published"). Static storage. */
const char *hr_comment_move_to(hr_comment_move move);

/* The label shown instead of the public name of an erased account. */
const char *hr_comment_withdrawn_label(hr_lang lang);

/* ---- registration and the commenter's own account (lib/db/cso_accounts.c) ---- */

/*
 * How many registrations were attempted from `address` in the last
 * `window_s` seconds, and records one more. Registering answers the same
 * whether the address is new or not, so every attempt counts.
 */
int hr_db_registration_attempt(long *attempts, hr_db *db, const char *address, unsigned window_s);

/*
 * Creates a CSO account (email folded to lower case, display_name the
 * public name, organisation or NULL, password_hash) unless an account with
 * that email exists, in which case nothing changes and the answer is the
 * same: 0. The statement is the same in both cases, so that neither the
 * answer nor its timing tells whether the address has an account.
 */
int hr_db_cso_register(hr_db *db, const hr_actor *actor, const char *email, const char *public_name,
                       const char *organisation, const char *password_hash);

/*
 * The account of user `user_id` as its owner sees it: {email, public_name,
 * organisation, roles, version, created_at, updated_at}. Returns 0 or
 * HR_ENOTFOUND.
 */
int hr_db_account_get(json_t **out, hr_db *db, int user_id);

/*
 * Changes the fields present in `fields` (public_name, organisation (null
 * clears), email) of the account at `version`. An email that another
 * account holds is left unchanged without an error: *email_kept is set to
 * 1 and *out, the account, shows the email asked for (folded to lower
 * case as a change would store it), so that the reply is that of a change
 * and does not tell that the address has an account. Otherwise *out is the
 * account as stored.
 */
int hr_db_account_update(json_t **out, int *email_kept, hr_db *db, const hr_actor *actor,
                         int user_id, long version, const json_t *fields);

/*
 * The password hash and email of `user_id` for the erasure check: the hash
 * into hash[0..hash_size) ("" when none), the email into email[0..email_size).
 * Returns 0 or HR_ENOTFOUND.
 */
int hr_db_account_secret(char *hash, size_t hash_size, char *email, size_t email_size, hr_db *db,
                         int user_id);

/*
 * Erases the account `user_id` in one transaction: when `withdraw`, its
 * comments are withdrawn first (state "withdrawn", text removed);
 * otherwise they stay and show as written by a withdrawn account (the
 * foreign key sets author_id to NULL). Its sessions, password-reset
 * tokens and the login-failure rows kept under its email go with it.
 */
int hr_db_account_erase(hr_db *db, const hr_actor *actor, int user_id, int withdraw);

/* ---- comments (lib/db/comments.c) ---- */

/*
 * Creates a pending comment by `author_id` about the recommendation or
 * status update of `body` ({recommendation_id | status_update_id, body}).
 * HR_EUNPROCESSABLE with *field when the recommendation does not exist or
 * the status update is not an approved one. *out is the comment as its
 * author sees it (hr_db_own_comments' item).
 */
int hr_db_comment_create(json_t **out, const char **field, hr_db *db, const hr_actor *actor,
                         int author_id, const json_t *body, hr_lang lang);

/*
 * The comments of `author_id`, every state, by id: {"items":[{id,
 * recommendation_id, status_update_id, body, state, moderation_reason,
 * created_at, published_at, updated_at, version, answers}], "next_after"}.
 */
int hr_db_own_comments(json_t **out, hr_db *db, int author_id, long long after, int limit,
                       hr_lang lang);

/* The columns of an export of one's own comments, in order; their number in *count. */
const hr_export_column *hr_own_comment_export_columns(int *count);

/* Opens the export cursor of the comments of `author_id`. */
int hr_db_own_comments_export(hr_db_export **out, hr_db *db, int author_id);

/*
 * Who wrote comment `id`: *author_id (0 for an erased account). Returns 0
 * or HR_ENOTFOUND. For the scope check of the author's own writes only:
 * never put the value in a reply or a log line.
 */
int hr_db_comment_owner(int *author_id, hr_db *db, long long id);

/*
 * One comment as moderators see it: {id, recommendation_id,
 * status_update_id, about, body, state, moderation_reason, created_at,
 * moderated_at, published_at, version}, never its author. Returns 0 or
 * HR_ENOTFOUND.
 */
int hr_db_comment_get(json_t **out, hr_db *db, long long id);

/*
 * The moderation list: comments in `state` oldest first, at most `limit`
 * after comment `after` (0: from the first), each as hr_db_comment_get:
 * {"items": [...], "next_after": id or null}.
 */
int hr_db_comments_moderation(json_t **out, hr_db *db, const char *state, long long after,
                              int limit);

/* The columns of a moderation list export; their number in *count. */
const hr_export_column *hr_moderation_export_columns(int *count);

/* Opens the export cursor of the comments in `state`, oldest first. */
int hr_db_comments_moderation_export(hr_db_export **out, hr_db *db, const char *state);

/*
 * Makes `move` on comment `id` at `version` (`reason` for a rejection,
 * else NULL). HR_ECONFLICT also when its state no longer allows the move.
 * *out is the comment as hr_db_comment_get shows it.
 */
int hr_db_comment_move(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                       hr_comment_move move, const char *reason);

/*
 * Reads who wrote comment `id` and writes an audit entry of that read
 * (action "read", entity "comment") in the same transaction, so that no
 * read goes unrecorded: {comment_id, author: {id, email, public_name,
 * organisation} or null for an erased account}. Returns 0 or HR_ENOTFOUND.
 */
int hr_db_comment_author(json_t **out, hr_db *db, const hr_actor *actor, long long id);

/* ---- what the public reads (lib/db/public_comments.c) ---- */

/* What a public comment list is about. */
typedef enum hr_comment_subject {
    HR_SUBJECT_RECOMMENDATION,
    HR_SUBJECT_STATUS_UPDATE,
} hr_comment_subject;

/*
 * Whether the subject is public: the recommendation exists, or the status
 * update exists and is approved. Returns 0 or HR_ENOTFOUND.
 */
int hr_db_comment_subject_public(hr_db *db, hr_comment_subject subject, long long id);

/*
 * The published comments about a subject, by id, at most `limit` after
 * `after`: {"items":[{id, author, withdrawn_account, published_at, body,
 * answers:[{id, institution_id, institution, institution_name, body,
 * created_at, updated_at, version}]}], "next_after"}. `author` is the
 * public name, or hr_comment_withdrawn_label(lang).
 */
int hr_db_public_comments(json_t **out, hr_db *db, hr_comment_subject subject, long long id,
                          long long after, int limit, hr_lang lang);

/* The columns of a public comment export; their number in *count. */
const hr_export_column *hr_public_comment_export_columns(int *count);

/* Opens the export cursor of every published comment about a subject. */
int hr_db_public_comments_export(hr_db_export **out, hr_db *db, hr_comment_subject subject,
                                 long long id, hr_lang lang);

/* ---- ministry answers (lib/db/comment_answers.c) ---- */

/*
 * Whether `institution_id` is concerned by published comment `comment_id`:
 * assigned to its recommendation, or the institution of its status update.
 * *concerned is 1 or 0. Returns 0, or HR_ENOTFOUND when there is no
 * published comment `comment_id`.
 */
int hr_db_comment_concerns(int *concerned, hr_db *db, long long comment_id, int institution_id);

/*
 * One answer: {id, comment_id, institution_id, institution,
 * institution_name, body, created_at, updated_at, version}; never the
 * staff member who wrote it. Returns 0 or HR_ENOTFOUND.
 */
int hr_db_answer_get(json_t **out, hr_db *db, long long id, hr_lang lang);

/* Adds the answer of `institution_id`, written by `author_id`, to comment `comment_id`. */
int hr_db_answer_create(json_t **out, hr_db *db, const hr_actor *actor, long long comment_id,
                        int institution_id, int author_id, const char *body, hr_lang lang);

/* Changes the text of answer `id` at `version`. */
int hr_db_answer_update(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                        const char *body, hr_lang lang);

/* Deletes answer `id` at `version`. */
int hr_db_answer_delete(hr_db *db, const hr_actor *actor, long long id, long version);

#endif
