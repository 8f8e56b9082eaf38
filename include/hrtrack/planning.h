/*
 * Organising the follow-up: clusters of recommendations, duplicate groups,
 * the plan of one recommendation (its priority) and assignments to
 * institutions (one lead, any number of supporting ones).
 *
 * Every editable resource carries a version. A write names the version it
 * read; when the row has moved on the write changes nothing and returns
 * HR_ECONFLICT, when the resource is gone HR_ENOTFOUND. Writes run in one
 * audited transaction on behalf of `actor` (audit.h), so the audit log
 * records who changed what, before and after. Functions that return JSON
 * give the API's shape of the resource; the caller owns *out.
 *
 * Assigning always replaces: the recommendations concerned end up with
 * exactly the lead and the supporting institutions given, and the plan
 * version of each is raised, so that a plan read before a cluster or bulk
 * assignment cannot silently undo it.
 */
#ifndef HRTRACK_PLANNING_H
#define HRTRACK_PLANNING_H

#include "hrtrack/audit.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/rec_query.h"

#include <jansson.h>
#include <stddef.h>

#define HR_SUPPORT_MAX      20    /* supporting institutions of one assignment */
#define HR_MEMBERS_EDIT_MAX 1000  /* recommendations added or removed in one call */
#define HR_DUPLICATES_MAX   100   /* recommendations in one duplicate group */
#define HR_BULK_ASSIGN_MAX  20000 /* recommendations in one bulk assignment */
#define HR_SUGGESTION_IDS   200   /* recommendation ids listed per suggestion */
#define HR_SUGGESTIONS_MAX  50    /* suggestions in one answer */

/* Who follows something up. */
typedef struct hr_assignment {
    int lead; /* institution id, 0: none */
    int support[HR_SUPPORT_MAX];
    size_t support_count;
} hr_assignment;

/*
 * Checks that the institutions of `a` exist and are active and that the
 * lead is not also a supporter. Returns 0, or HR_EUNPROCESSABLE with
 * *field "lead" or "support", or a db.h error.
 */
int hr_db_assignment_check(const char **field, hr_db *db, const hr_assignment *a);

/* ---- clusters ---- */

/* Filters of the cluster list; 0 / NULL: not filtered. */
typedef struct hr_cluster_filter {
    const char *priority;     /* "high", "medium", "low" */
    int institution_id;       /* lead or support */
    long long recommendation; /* clusters holding this recommendation */
    long long after_id;       /* keyset cursor: clusters with a greater id */
    int limit;                /* 1..HR_PAGE_MAX */
} hr_cluster_filter;

/*
 * Clusters by id: {"items":[cluster], "next_cursor": "id" or null}. A
 * cluster is {id, name, description, priority, priority_reason, lead,
 * support[], member_count, version, created_at, updated_at}.
 */
int hr_db_clusters_list(json_t **out, hr_db *db, const hr_cluster_filter *f);

/* One cluster. Returns 0 or HR_ENOTFOUND. */
int hr_db_cluster_get(json_t **out, hr_db *db, long long id);

/* Creates a cluster from `fields` (name, description, priority, priority_reason). */
int hr_db_cluster_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields);

/* Changes the fields present in `fields` of cluster `id` at `version`. */
int hr_db_cluster_update(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                         const json_t *fields);

/* Deletes cluster `id` at `version` (its members and assignment go with it). */
int hr_db_cluster_delete(hr_db *db, const hr_actor *actor, long long id, long version);

/*
 * Adds and removes members of cluster `id` at `version` (raising it).
 * `add` and `remove` are JSON arrays of recommendation ids (NULL: none).
 * Returns 0 with the cluster in *out, HR_EUNPROCESSABLE with *field "add"
 * when an added id names no recommendation, HR_ECONFLICT, HR_ENOTFOUND.
 */
int hr_db_cluster_members_edit(json_t **out, const char **field, hr_db *db, const hr_actor *actor,
                               long long id, long version, const json_t *add, const json_t *remove);

/*
 * A page of the members of cluster `id`, by recommendation id:
 * {"total", "items":[{id, symbol, paragraph, mechanism, cycle, text}],
 * "next_cursor"}; text is cut to 300 characters.
 */
int hr_db_cluster_members(json_t **out, hr_db *db, long long id, long long after_id, int limit);

/*
 * Sets the assignment of cluster `id` at `version` (raising it) and gives
 * every member recommendation the same assignment, in one transaction.
 * Check the institutions first (hr_db_assignment_check).
 */
int hr_db_cluster_assign(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                         const hr_assignment *a);

/*
 * Proposed clusters for the recommendations to `state` (alpha-2) that are
 * in no cluster yet. Each recommendation goes to its theme shared by the
 * most of them (ties: theme name); one without a theme goes to its SDG
 * goal shared by the most of them. Each group of at least two makes a
 * suggestion: {"name", "basis": "theme"|"sdg_goal", "theme": {id, name}
 * or null, "sdg_goal": n or null, "count", "recommendation_ids" (at most
 * HR_SUGGESTION_IDS), "reason"}, largest first. A theme group names the
 * SDG goal that at least half of its members link to. Names and reasons
 * are in `lang`. *out is {"state", "unclustered", "items"}.
 */
int hr_db_cluster_suggestions(json_t **out, hr_db *db, const char *state, hr_lang lang);

/* ---- duplicates ---- */

/*
 * Groups `ids` (a JSON array of 2..HR_DUPLICATES_MAX distinct
 * recommendation ids) as saying the same thing. Returns 0 with the group
 * in *out ({id, note, version, recommendations:[{id, symbol, paragraph,
 * mechanism, cycle, text}], created_at}), HR_EUNPROCESSABLE (*field
 * "recommendations": fewer than two distinct or unknown ids), or
 * HR_ECONFLICT when one of them is already in a group.
 */
int hr_db_duplicate_create(json_t **out, const char **field, hr_db *db, const hr_actor *actor,
                           const json_t *ids, const char *note);

/* One duplicate group. Returns 0 or HR_ENOTFOUND. */
int hr_db_duplicate_get(json_t **out, hr_db *db, long long id);

/* Dissolves group `id` at `version`. */
int hr_db_duplicate_delete(hr_db *db, const hr_actor *actor, long long id, long version);

/* ---- the plan of one recommendation ---- */

/*
 * The plan of recommendation `rec_id`: {recommendation_id, priority,
 * priority_reason, lead, support[], clusters[], duplicate_group, version
 * (0: never planned), updated_at}. Returns 0 or HR_ENOTFOUND (no such
 * recommendation).
 */
int hr_db_rec_plan_get(json_t **out, hr_db *db, long long rec_id);

/*
 * Replaces the plan of `rec_id` read at `version` (0: none yet): priority
 * (NULL: none), its reason, and the assignment. Check the institutions
 * first (hr_db_assignment_check).
 */
int hr_db_rec_plan_put(json_t **out, hr_db *db, const hr_actor *actor, long long rec_id,
                       long version, const char *priority, const char *reason,
                       const hr_assignment *a);

/* ---- assignments ---- */

/*
 * Whether recommendation `rec_id` is assigned to institution
 * `institution_id`, as lead or support: *assigned is 1 or 0. Returns 0 or a
 * db.h error; an unknown recommendation is simply not assigned.
 */
int hr_db_recommendation_assigned_to(int *assigned, hr_db *db, long long rec_id,
                                     int institution_id);

/*
 * Assigns every recommendation the filters of `q` select (page, cursor
 * and order ignored) in one transaction; *assigned is how many. Returns 0,
 * HR_EUNPROCESSABLE when more than `max` would be assigned (nothing is), or a
 * db.h error. Check the institutions first.
 */
int hr_db_assign_bulk(long long *assigned, hr_db *db, const hr_actor *actor, const hr_rec_query *q,
                      const hr_assignment *a, long long max);

#endif
