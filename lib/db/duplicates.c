/*
 * Duplicate groups (see planning.h): recommendations that say the same
 * thing, across cycles and mechanisms, followed up once. The schema keeps
 * a recommendation in at most one group (a unique key), so a group that
 * overlaps another is refused by the database itself, as a 409.
 */
#include "assignments.h"

#include "internal.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

#define GROUP_JSON(g)                                                                              \
    "json_build_object('id', " g ".id, 'note', " g ".note, 'version', " g ".version,"              \
    " 'created_at', " g ".created_at, 'updated_at', " g ".updated_at,"                             \
    " 'recommendations', (SELECT coalesce(json_agg(" HR_REC_BRIEF_JSON " ORDER BY r.id), '[]')"    \
    "   FROM duplicate_member m JOIN recommendation r ON r.id = m.recommendation_id"               \
    "   LEFT JOIN document d ON d.id = r.document_id WHERE m.group_id = " g ".id))"

static hr_stmt group_get_stmt = HR_STMT(
    "duplicate_get", "SELECT " GROUP_JSON("g") " FROM duplicate_group g WHERE g.id = $1::bigint");

int hr_db_duplicate_get(json_t **out, hr_db *db, long long id)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *params[] = {idt};
    return hr_db_exec_json(out, db, &group_get_stmt, 1, params);
}

/* How many distinct ids $1 holds, and how many of them name a recommendation. */
static hr_stmt ids_check =
    HR_STMT("duplicate_ids_check",
            "SELECT count(DISTINCT v::bigint),"
            " count(DISTINCT v::bigint) FILTER (WHERE EXISTS (SELECT 1 FROM recommendation"
            "  WHERE id = v::bigint)) FROM jsonb_array_elements_text($1::jsonb) v");

static hr_stmt group_insert = HR_STMT(
    "duplicate_insert", "INSERT INTO duplicate_group (note) VALUES ($1::text) RETURNING id::text");

static hr_stmt members_insert =
    HR_STMT("duplicate_members_insert",
            "INSERT INTO duplicate_member (group_id, recommendation_id)"
            " SELECT DISTINCT $1::bigint, v::bigint FROM jsonb_array_elements_text($2::jsonb) v");

typedef struct create_call {
    json_t **out;
    const char **field;
    const char *ids, *note;
} create_call;

static int check_ids(hr_db *db, const char *ids)
{
    const char *params[] = {ids};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &ids_check, 1, params);
    if (rc == 0) {
        long distinct = hr_db_get_long(res, 0, 0), known = hr_db_get_long(res, 0, 1);
        rc = distinct >= 2 && known == distinct ? 0 : HR_EUNPROCESSABLE;
    }
    PQclear(res);
    return rc;
}

static int run_create(hr_db *db, void *ctx)
{
    create_call *call = ctx;
    int rc = check_ids(db, call->ids);
    if (rc != 0) {
        *call->field = "recommendations";
        return rc;
    }
    const char *note[] = {call->note};
    PGresult *res = NULL;
    rc = hr_db_exec(&res, db, &group_insert, 1, note);
    const char *params[] = {rc == 0 ? PQgetvalue(res, 0, 0) : NULL, call->ids};
    if (rc == 0)
        rc = hr_db_exec_command(db, &members_insert, 2, params);
    if (rc == HR_ECONFLICT)
        *call->field = "recommendations";
    json_decref(*call->out);
    *call->out = NULL;
    if (rc == 0)
        rc = hr_db_exec_json(call->out, db, &group_get_stmt, 1, params);
    PQclear(res);
    return rc;
}

int hr_db_duplicate_create(json_t **out, const char **field, hr_db *db, const hr_actor *actor,
                           const json_t *ids, const char *note)
{
    char *text = json_dumps(ids, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    create_call call = {out, field, text, note ? note : ""};
    *out = NULL;
    *field = NULL;
    int rc = hr_db_audited(db, actor, run_create, &call);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    free(text);
    return rc;
}

static hr_stmt group_delete =
    HR_STMT("duplicate_delete", "DELETE FROM duplicate_group WHERE id = $1::bigint"
                                " AND version = $2::integer RETURNING json_build_object('id', id)");

static hr_stmt group_exists =
    HR_STMT("duplicate_exists", "SELECT 1 FROM duplicate_group WHERE id = $1::bigint");

int hr_db_duplicate_delete(hr_db *db, const hr_actor *actor, long long id, long version)
{
    return hr_db_versioned_delete(db, actor, &group_delete, &group_exists, id, version);
}
