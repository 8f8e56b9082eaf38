/*
 * Who may do what: the one table of hrtrack's access rules.
 *
 * A caller is a principal: the anonymous public, or a signed-in user with
 * roles and, for ministry staff, an institution. Every route of the server
 * names one access rule (server/handlers/routes.c); the server checks it
 * before the handler runs, so a route cannot forget it. Rules that depend
 * on the resource (a focal point may edit only its own institution's
 * actions) are checked by the handler with the scope functions below, once
 * it has read which institution the resource belongs to. Handlers never
 * compare roles themselves.
 */
#ifndef HRTRACK_ACCESS_H
#define HRTRACK_ACCESS_H

#include <stddef.h>

/* Roles, as bits of hr_principal.roles. */
typedef enum hr_role {
    HR_ROLE_ADMIN = 1,       /* manages users and institutions */
    HR_ROLE_COORDINATOR = 2, /* imports, groups, prioritises, assigns, plans, publishes */
    HR_ROLE_FOCAL_POINT = 4, /* edits the follow-up of its institution's recommendations */
    HR_ROLE_VALIDATOR = 8,   /* approves its institution's submissions */
    HR_ROLE_CSO = 16,        /* civil society: comments */
    HR_ROLE_UNCT = 32,       /* UN country team: reads non-public planning data */
} hr_role;

#define HR_ROLE_COUNT 6

typedef struct hr_principal {
    int user_id;        /* 0: the anonymous public */
    int institution_id; /* 0: none */
    unsigned roles;     /* hr_role bits */
} hr_principal;

/*
 * The access rule of a route. HR_ACCESS_UNSET is never valid: a route
 * without a rule is refused by the server and fails the authorization
 * matrix test.
 */
typedef enum hr_access {
    HR_ACCESS_UNSET = 0,
    HR_ACCESS_PUBLIC,        /* anyone, signed in or not */
    HR_ACCESS_SIGN_IN,       /* anyone: signing in, resetting a password (no CSRF token yet) */
    HR_ACCESS_SIGNED_IN,     /* any signed-in user (their own session) */
    HR_ACCESS_ADMIN,         /* users and institutions */
    HR_ACCESS_PLANNING_READ, /* non-public planning data: staff roles and the UN team */
    HR_ACCESS_COORDINATE,    /* clusters, duplicates, priorities, assignments */
    HR_ACCESS_PLAN,          /* actions and indicators: coordinator, or a focal point in scope */
    HR_ACCESS_AUDIT_READ,    /* the audit log */
    HR_ACCESS_PARTICIPATE,   /* civil society: one's own account and comments */
    HR_ACCESS_MODERATE,      /* the comment moderation queue: the coordinator */
    HR_ACCESS_ANSWER,        /* answers to comments: focal points and validators, in scope */
    HR_ACCESS_REPORT,        /* status updates and their files: focal points, in scope */
    HR_ACCESS_VALIDATE,      /* approving or returning status updates: validators, in scope */
} hr_access;

/* The name of a role ("focal_point"), or NULL for a value that is not one role. */
const char *hr_role_name(hr_role role);

/* Parses a role name. Returns 0 and the role, or HR_EPARAM. */
int hr_role_parse(hr_role *out, const char *name);

/* The name of a rule ("planning_read"), for the matrix test and logs. */
const char *hr_access_name(hr_access rule);

/*
 * Whether `p` passes `rule`. Returns 0; HR_EUNAUTHENTICATED when the rule
 * needs a signed-in user and there is none (401); HR_EFORBIDDEN when the
 * user's roles do not allow it (403), and for HR_ACCESS_UNSET.
 */
int hr_access_check(hr_access rule, const hr_principal *p);

/*
 * Whether `p` may write planning data (actions, indicators, measurements)
 * of institution `institution_id`: a coordinator anywhere, a focal point
 * only in its own institution. Returns 0 or HR_EFORBIDDEN.
 */
int hr_access_institution_write(const hr_principal *p, int institution_id);

/*
 * Whether `p` may read non-public planning data of institution
 * `institution_id`: admins, the coordinator and the UN team read every
 * institution's; focal points and validators only their own. Returns 0,
 * HR_EUNAUTHENTICATED or HR_EFORBIDDEN.
 */
int hr_access_institution_read(const hr_principal *p, int institution_id);

/*
 * The institution whose data alone `p` may read in lists (focal points and
 * validators: their own), or 0 when `p` may read every institution's.
 * List handlers add it as a filter.
 */
int hr_access_read_scope(const hr_principal *p);

/*
 * Whether `p` may link planning data of its institution to a
 * recommendation: a coordinator always; a focal point when the
 * recommendation is assigned to its institution (`assigned_to_own` says
 * whether it is). Returns 0 or HR_EFORBIDDEN.
 */
int hr_access_recommendation_write(const hr_principal *p, int assigned_to_own);

/*
 * Whether `p` may read the audit entries of user accounts (emails,
 * roles): admins only. The coordinator reads the rest of the log; civil
 * society accounts must not be identifiable by staff who can read it.
 */
int hr_access_audit_accounts(const hr_principal *p);

/*
 * Whether `p` may answer a comment for its institution, or change or
 * delete an answer of its institution: a focal point or a validator whose
 * institution is concerned (`concerned`: assigned to the commented
 * recommendation, the institution of the commented status update, or the
 * institution of the answer). Returns 0 or HR_EFORBIDDEN.
 */
int hr_access_comment_answer(const hr_principal *p, int concerned);

/*
 * Whether `p` wrote the comment whose author is `author_id` (0: an erased
 * account), and so may withdraw it. Returns 0, or HR_ENOTFOUND: someone
 * else's comment is answered as if it did not exist, so that nobody learns
 * of pending comments that are not theirs.
 */
int hr_access_comment_own(const hr_principal *p, int author_id);

/*
 * The name of `p` in the server log and the audit log's actor column:
 * "anonymous", "user:ID", or "cso" for civil-society accounts, whose id
 * must never reach a log (people who comment face reprisals). Writes at
 * most `size` bytes, NUL included, into `out`.
 */
void hr_principal_log_name(char *out, size_t size, const hr_principal *p);

/*
 * Whether `p` may write a new status update about a recommendation or an
 * action: a focal point whose institution the recommendation is assigned
 * to, or that owns the action (`in_scope` says whether it is). The update
 * is then its institution's. Returns 0 or HR_EFORBIDDEN.
 */
int hr_access_update_create(const hr_principal *p, int in_scope);

/*
 * Whether `p` may edit, submit, delete, or change the files of a status
 * update of institution `institution_id`: a focal point of that
 * institution. Returns 0 or HR_EFORBIDDEN.
 */
int hr_access_update_write(const hr_principal *p, int institution_id);

/*
 * Whether `p` may approve or return a status update of institution
 * `institution_id` written by `author_id` and submitted by `submitter_id`:
 * a validator of that institution who is neither (nobody validates their
 * own report, whatever other roles they hold). Returns 0 or HR_EFORBIDDEN.
 */
int hr_access_update_decide(const hr_principal *p, int institution_id, int author_id,
                            int submitter_id);

/*
 * How much of a status update of institution `institution_id` `p` may
 * see: HR_UPDATE_VIEW_STAFF (every state, who wrote and approved it) for
 * staff who may read that institution's planning data
 * (hr_access_institution_read); HR_UPDATE_VIEW_PUBLIC (approved updates
 * only, public files, no people) for everyone else.
 */
typedef enum hr_update_view { HR_UPDATE_VIEW_PUBLIC, HR_UPDATE_VIEW_STAFF } hr_update_view;
hr_update_view hr_access_update_view(const hr_principal *p, int institution_id);

/* Whether `p` is signed in and has `role`. */
int hr_principal_has(const hr_principal *p, hr_role role);

/*
 * Whether `p` may filter or count a public list of recommendations by the
 * parameter `name`. Assignments ("institution"), clusters ("cluster") and
 * priorities ("priority") are planning data: only callers who pass
 * HR_ACCESS_PLANNING_READ (staff roles and the UN team) may filter by them
 * or see the institution facet, since a filter reveals the data as surely
 * as a read. Everything else, the implementation status included (only
 * approved updates make it), is public. Returns 0, HR_EUNAUTHENTICATED (no
 * session: 401) or HR_EFORBIDDEN (a role without planning reads: 403).
 */
int hr_access_list_filter(const hr_principal *p, const char *name);

/*
 * Whether `p` may read suggested SDG links, the linker's guesses that
 * nobody has checked yet: the suggestions of a recommendation (with score
 * and reason), and sdg_source=suggested on lists, facets, exports and
 * summaries. They are the coordinator's working material, read by those
 * who pass HR_ACCESS_PLANNING_READ (staff roles and the UN team); the
 * public and civil society never see them, so that no unchecked link is
 * ever published as one of the state's. Returns 0, HR_EUNAUTHENTICATED or
 * HR_EFORBIDDEN.
 */
int hr_access_sdg_suggestions_read(const hr_principal *p);

#endif
