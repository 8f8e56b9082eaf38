/*
 * Clusters of recommendations (see planning.h): groups by theme, named by
 * the coordinator, with a priority and an assignment. A recommendation may
 * be in several clusters. Changing the members or the assignment raises
 * the cluster's version like any other edit, so that two coordinators
 * working on one cluster see each other's changes as a 409.
 *
 * (lib/db/cluster.c is something else: the embedded PostgreSQL cluster.)
 */
#include "assignments.h"

#include "internal.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

#define CLUSTER_JSON(c)                                                                            \
    "json_build_object('id', " c ".id, 'name', " c ".name, 'description', " c ".description,"      \
    " 'priority', " c ".priority, 'priority_reason', " c ".priority_reason,"                       \
    " 'lead', (SELECT institution_id FROM cluster_assignment"                                      \
    "   WHERE cluster_id = " c ".id AND role = 'lead'),"                                           \
    " 'support', (SELECT coalesce(json_agg(institution_id ORDER BY institution_id), '[]')"         \
    "   FROM cluster_assignment WHERE cluster_id = " c ".id AND role = 'support'),"                \
    " 'member_count', (SELECT count(*) FROM rec_cluster_member WHERE cluster_id = " c ".id),"      \
    " 'version', " c ".version, 'created_at', " c ".created_at, 'updated_at', " c ".updated_at)"

/* The cluster JSON of the row aliased c. */
#define CLUSTER_JSON_C CLUSTER_JSON("c")

/* $1 priority, $2 institution, $3 recommendation (NULL: any), $4 after id, $5 limit. */
static hr_stmt clusters_list = HR_STMT(
    "clusters_list", "WITH matching AS (SELECT c.* FROM rec_cluster c"
                     "  WHERE ($1::text IS NULL OR c.priority = $1::text)"
                     "  AND ($2::integer IS NULL OR EXISTS (SELECT 1 FROM cluster_assignment a"
                     "   WHERE a.cluster_id = c.id AND a.institution_id = $2::integer))"
                     "  AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM rec_cluster_member m"
                     "   WHERE m.cluster_id = c.id AND m.recommendation_id = $3::bigint))),"
                     " page AS (SELECT c.id, " CLUSTER_JSON_C " AS j FROM matching c"
                     "  WHERE c.id > $4::bigint ORDER BY c.id LIMIT $5::integer + 1),"
                     " shown AS (SELECT * FROM page ORDER BY id LIMIT $5::integer)"
                     "SELECT json_build_object('total', (SELECT count(*) FROM matching),"
                     " 'items', coalesce((SELECT json_agg(j ORDER BY id) FROM shown), '[]'),"
                     " 'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $5::integer"
                     "  THEN (SELECT max(id) FROM shown)::text END)");

int hr_db_clusters_list(json_t **out, hr_db *db, const hr_cluster_filter *f)
{
    char inst[16], rec[24], after[24], limit[16];
    snprintf(inst, sizeof inst, "%d", f->institution_id);
    snprintf(rec, sizeof rec, "%lld", f->recommendation);
    snprintf(after, sizeof after, "%lld", f->after_id);
    snprintf(limit, sizeof limit, "%d", f->limit);
    const char *params[] = {f->priority, f->institution_id > 0 ? inst : NULL,
                            f->recommendation > 0 ? rec : NULL, after, limit};
    return hr_db_exec_json(out, db, &clusters_list, 5, params);
}

static hr_stmt cluster_get_stmt =
    HR_STMT("cluster_get", "SELECT " CLUSTER_JSON_C " FROM rec_cluster c WHERE c.id = $1::bigint");

int hr_db_cluster_get(json_t **out, hr_db *db, long long id)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *params[] = {idt};
    return hr_db_exec_json(out, db, &cluster_get_stmt, 1, params);
}

static hr_stmt cluster_insert = HR_STMT(
    "cluster_insert", "INSERT INTO rec_cluster AS c (name, description, priority, priority_reason)"
                      " SELECT $1::jsonb->>'name', coalesce($1::jsonb->>'description', ''),"
                      " $1::jsonb->>'priority', coalesce($1::jsonb->>'priority_reason', '')"
                      " RETURNING " CLUSTER_JSON_C);

int hr_db_cluster_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields)
{
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {text};
    int rc = hr_db_versioned_write(out, db, actor, &cluster_insert, 1, params, NULL);
    free(text);
    return rc;
}

/* $1 id, $2 the fields, $3 version. A null priority clears it. */
static hr_stmt cluster_update = HR_STMT(
    "cluster_update",
    "UPDATE rec_cluster AS c SET"
    " name = CASE WHEN $2::jsonb ? 'name' THEN $2::jsonb->>'name' ELSE name END,"
    " description = CASE WHEN $2::jsonb ? 'description'"
    "  THEN coalesce($2::jsonb->>'description', '') ELSE description END,"
    " priority = CASE WHEN $2::jsonb ? 'priority' THEN $2::jsonb->>'priority' ELSE priority END,"
    " priority_reason = CASE WHEN $2::jsonb ? 'priority_reason'"
    "  THEN coalesce($2::jsonb->>'priority_reason', '') ELSE priority_reason END,"
    " version = version + 1, updated_at = now()"
    " WHERE id = $1::bigint AND version = $3::integer"
    " RETURNING " CLUSTER_JSON_C);

static hr_stmt cluster_exists =
    HR_STMT("cluster_exists", "SELECT 1 FROM rec_cluster WHERE id = $1::bigint");

int hr_db_cluster_update(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                         const json_t *fields)
{
    return hr_db_versioned_update(out, db, actor, &cluster_update, &cluster_exists, id, version,
                                  fields);
}

/* Members and the cluster's assignment go with it (ON DELETE CASCADE, audited); the
 * recommendations keep their own assignments. */
static hr_stmt cluster_delete =
    HR_STMT("cluster_delete", "DELETE FROM rec_cluster WHERE id = $1::bigint"
                              " AND version = $2::integer RETURNING json_build_object('id', id)");

int hr_db_cluster_delete(hr_db *db, const hr_actor *actor, long long id, long version)
{
    return hr_db_versioned_delete(db, actor, &cluster_delete, &cluster_exists, id, version);
}

static hr_stmt cluster_bump =
    HR_STMT("cluster_bump", "UPDATE rec_cluster SET version = version + 1, updated_at = now()"
                            " WHERE id = $1::bigint AND version = $2::integer RETURNING id");

/* Raises the version of cluster params[0] read at params[1]: 0, HR_ENOTFOUND or HR_ECONFLICT. */
static int bump(hr_db *db, const char *const *params)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &cluster_bump, 2, params);
    int found = rc == 0 && PQntuples(res) > 0;
    PQclear(res);
    if (rc != 0 || found)
        return rc;
    rc = hr_db_exec(&res, db, &cluster_exists, 1, params);
    if (rc == 0)
        rc = PQntuples(res) > 0 ? HR_ECONFLICT : HR_ENOTFOUND;
    PQclear(res);
    return rc;
}

static hr_stmt unknown_recommendation =
    HR_STMT("cluster_unknown_recommendation",
            "SELECT v FROM jsonb_array_elements_text($1::jsonb) v"
            " WHERE NOT EXISTS (SELECT 1 FROM recommendation WHERE id = v::bigint) LIMIT 1");

static hr_stmt members_add =
    HR_STMT("cluster_members_add",
            "INSERT INTO rec_cluster_member (cluster_id, recommendation_id)"
            " SELECT $1::bigint, v::bigint FROM jsonb_array_elements_text($2::jsonb) v"
            " ON CONFLICT DO NOTHING");

static hr_stmt members_remove =
    HR_STMT("cluster_members_remove",
            "DELETE FROM rec_cluster_member WHERE cluster_id = $1::bigint AND recommendation_id"
            " IN (SELECT v::bigint FROM jsonb_array_elements_text($2::jsonb) v)");

typedef struct members_call {
    json_t **out;
    const char **field;
    const char *id, *version, *add, *remove;
} members_call;

static int run_members(hr_db *db, void *ctx)
{
    members_call *call = ctx;
    const char *check[] = {call->add};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &unknown_recommendation, 1, check);
    if (rc == 0 && PQntuples(res) > 0) {
        *call->field = "add";
        rc = HR_EUNPROCESSABLE;
    }
    PQclear(res);
    const char *keys[] = {call->id, call->version};
    if (rc == 0)
        rc = bump(db, keys);
    const char *add[] = {call->id, call->add}, *remove[] = {call->id, call->remove};
    if (rc == 0)
        rc = hr_db_exec_command(db, &members_add, 2, add);
    if (rc == 0)
        rc = hr_db_exec_command(db, &members_remove, 2, remove);
    json_decref(*call->out);
    *call->out = NULL;
    if (rc == 0)
        rc = hr_db_exec_json(call->out, db, &cluster_get_stmt, 1, keys);
    return rc;
}

int hr_db_cluster_members_edit(json_t **out, const char **field, hr_db *db, const hr_actor *actor,
                               long long id, long version, const json_t *add, const json_t *remove)
{
    char idt[24], ver[24];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    char *add_text = add ? json_dumps(add, JSON_COMPACT) : NULL;
    char *remove_text = remove ? json_dumps(remove, JSON_COMPACT) : NULL;
    members_call call = {
        out, field, idt, ver, add_text ? add_text : "[]", remove_text ? remove_text : "[]"};
    *out = NULL;
    *field = NULL;
    int rc = hr_db_audited(db, actor, run_members, &call);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    free(add_text);
    free(remove_text);
    return rc;
}

/* $1 cluster, $2 after id, $3 limit. */
static hr_stmt members_list = HR_STMT(
    "cluster_members_list",
    "WITH m AS (SELECT recommendation_id AS id FROM rec_cluster_member WHERE cluster_id = "
    "$1::bigint),"
    " page AS (SELECT r.id, " HR_REC_BRIEF_JSON " AS j FROM m JOIN recommendation r ON r.id = m.id"
    "  LEFT JOIN document d ON d.id = r.document_id WHERE r.id > $2::bigint"
    "  ORDER BY r.id LIMIT $3::integer + 1),"
    " shown AS (SELECT * FROM page ORDER BY id LIMIT $3::integer)"
    "SELECT json_build_object('total', (SELECT count(*) FROM m),"
    " 'items', coalesce((SELECT json_agg(j ORDER BY id) FROM shown), '[]'),"
    " 'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $3::integer"
    "  THEN (SELECT max(id) FROM shown)::text END)");

int hr_db_cluster_members(json_t **out, hr_db *db, long long id, long long after_id, int limit)
{
    char idt[24], after[24], lim[16];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(after, sizeof after, "%lld", after_id);
    snprintf(lim, sizeof lim, "%d", limit);
    const char *params[] = {idt, after, lim};
    return hr_db_exec_json(out, db, &members_list, 3, params);
}

static hr_stmt cluster_unassign =
    HR_STMT("cluster_unassign", "DELETE FROM cluster_assignment a WHERE a.cluster_id = $1::bigint"
                                " AND NOT EXISTS (SELECT 1 FROM " HR_ASSIGNMENT_WANTED " w"
                                "  WHERE w.institution_id = a.institution_id AND w.role = a.role)");

static hr_stmt cluster_assign_stmt =
    HR_STMT("cluster_assign", "INSERT INTO cluster_assignment (cluster_id, institution_id, role)"
                              " SELECT $1::bigint, w.institution_id, w.role"
                              " FROM " HR_ASSIGNMENT_WANTED " w ON CONFLICT DO NOTHING");

static hr_stmt cluster_member_ids =
    HR_STMT("cluster_member_ids",
            "SELECT coalesce(array_agg(recommendation_id ORDER BY recommendation_id), '{}')::text,"
            " count(*) FROM rec_cluster_member WHERE cluster_id = $1::bigint");

typedef struct assign_call {
    json_t **out;
    const char *id, *version;
    const hr_assignment *a;
} assign_call;

static int assign_members(hr_db *db, const char *id, const hr_assignment *a)
{
    const char *params[] = {id};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &cluster_member_ids, 1, params);
    if (rc == 0 && hr_db_get_long(res, 0, 1) > 0)
        rc = hr_db_assign_replace(db, PQgetvalue(res, 0, 0), a, 1);
    PQclear(res);
    return rc;
}

static int run_assign(hr_db *db, void *ctx)
{
    assign_call *call = ctx;
    const char *keys[] = {call->id, call->version};
    char lead[16], support[HR_SUPPORT_MAX * 12 + 3];
    snprintf(lead, sizeof lead, "%d", call->a->lead);
    hr_db_support_literal(support, call->a);
    const char *params[] = {call->id, call->a->lead > 0 ? lead : NULL, support};
    int rc = bump(db, keys);
    if (rc == 0)
        rc = hr_db_exec_command(db, &cluster_unassign, 3, params);
    if (rc == 0)
        rc = hr_db_exec_command(db, &cluster_assign_stmt, 3, params);
    if (rc == 0)
        rc = assign_members(db, call->id, call->a);
    json_decref(*call->out);
    *call->out = NULL;
    if (rc == 0)
        rc = hr_db_exec_json(call->out, db, &cluster_get_stmt, 1, keys);
    return rc;
}

int hr_db_cluster_assign(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                         const hr_assignment *a)
{
    char idt[24], ver[24];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    assign_call call = {out, idt, ver, a};
    *out = NULL;
    int rc = hr_db_audited(db, actor, run_assign, &call);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}
