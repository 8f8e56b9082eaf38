/*
 * The members and the assignment of a cluster:
 *   GET  /api/v1/clusters/{id}/members      ?limit, cursor: a page of members
 *   POST /api/v1/clusters/{id}/members      {"add":[ids],"remove":[ids],"version":N}
 *   PUT  /api/v1/clusters/{id}/assignment   {"lead":id|null,"support":[ids],"version":N}
 * Both writes raise the cluster's version; assigning a cluster gives every
 * member recommendation the same assignment in the same transaction.
 */
#include "body.h"
#include "handlers.h"
#include "planning_handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/planning.h"

static const hr_field members_spec[] = {
    {"add", HR_FIELD_ID_ARRAY, 0, 0, HR_MEMBERS_EDIT_MAX, NULL},
    {"remove", HR_FIELD_ID_ARRAY, 0, 0, HR_MEMBERS_EDIT_MAX, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const hr_field assignment_spec[] = {
    {"lead", HR_FIELD_INTEGER, 0, 1, 1 << 30, NULL},
    {"support", HR_FIELD_ID_ARRAY, 0, 0, HR_SUPPORT_MAX, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

void hr_handle_cluster_members(hr_request *req, hr_reply *reply)
{
    static const char *const allowed[] = {"limit", "cursor", NULL};
    long long id = 0, limit = HR_PAGE_DEFAULT, after = 0;
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *cluster = NULL, *result = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && (rc = hr_db_cluster_get(&cluster, db, id)) == HR_ENOTFOUND)
        field = "id";
    if (rc == 0)
        rc = hr_query_args_known(&field, req, allowed);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, &field, req, "limit", 1, HR_PAGE_MAX);
    if (rc == 0)
        rc = hr_query_args_integer(&after, &field, req, "cursor", 0, 1LL << 52);
    if (rc == 0)
        rc = hr_db_cluster_members(&result, db, id, after, (int)limit);
    json_decref(cluster);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    hr_reply_json(reply, 200, result);
}

/* After a failed write: the reply, with the cluster as it is now for a 409. */
static void write_failed(hr_reply *reply, int rc, const char *field, hr_db *db, long long id,
                         json_t *body)
{
    json_t *current = NULL;
    if (rc == HR_ECONFLICT)
        hr_db_cluster_get(&current, db, id);
    hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
}

void hr_handle_cluster_members_edit(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *body = NULL, *result = NULL, *cluster = NULL;
    hr_db *db = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_cluster_get(&cluster, db, id);
    json_decref(cluster);
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, members_spec,
                          sizeof members_spec / sizeof *members_spec);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_cluster_members_edit(&result, &field, db, &actor, id, hr_body_version(body),
                                        json_object_get(body, "add"),
                                        json_object_get(body, "remove"));
    if (rc != 0) {
        write_failed(reply, rc, field, db, id, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_cluster_assignment(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *body = NULL, *result = NULL, *cluster = NULL;
    hr_db *db = NULL;
    hr_assignment assignment;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_cluster_get(&cluster, db, id);
    json_decref(cluster);
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, assignment_spec,
                          sizeof assignment_spec / sizeof *assignment_spec);
    if (rc == 0) {
        hr_planning_assignment_from_body(&assignment, body);
        rc = hr_db_assignment_check(&field, db, &assignment);
    }
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_cluster_assign(&result, db, &actor, id, hr_body_version(body), &assignment);
    if (rc != 0) {
        write_failed(reply, rc, field, db, id, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}
