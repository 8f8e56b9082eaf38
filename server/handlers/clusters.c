/*
 * Clusters: groups of recommendations by theme, named by the coordinator.
 *   GET    /api/v1/clusters                ?priority, institution, recommendation,
 *                                          limit, cursor
 *   POST   /api/v1/clusters                name, description, priority, priority_reason
 *   GET    /api/v1/clusters/suggestions    ?state=XX: proposed clusters
 *   GET    /api/v1/clusters/{id}
 *   PATCH  /api/v1/clusters/{id}           the same fields, with the version read
 *   DELETE /api/v1/clusters/{id}?version=N
 * Members and the assignment are in cluster_members.c. Reads need
 * HR_ACCESS_PLANNING_READ, writes HR_ACCESS_COORDINATE (routes.c).
 */
#include "body.h"
#include "handlers.h"
#include "planning_handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/planning.h"

#include <string.h>

static const char *const priorities[] = {"high", "medium", "low", NULL};

static const hr_field create_spec[] = {
    {"name", HR_FIELD_STRING, 1, 1, 200, NULL},
    {"description", HR_FIELD_STRING, 0, 0, 5000, NULL},
    {"priority", HR_FIELD_CHOICE, 0, 0, 0, priorities},
    {"priority_reason", HR_FIELD_STRING, 0, 0, 2000, NULL},
};

static const hr_field update_spec[] = {
    {"name", HR_FIELD_STRING, 0, 1, 200, NULL},
    {"description", HR_FIELD_STRING, 0, 0, 5000, NULL},
    {"priority", HR_FIELD_CHOICE, 0, 0, 0, priorities},
    {"priority_reason", HR_FIELD_STRING, 0, 0, 2000, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static int read_filter(hr_cluster_filter *f, const char **field, const hr_request *req)
{
    static const char *const allowed[] = {"priority", "institution", "recommendation",
                                          "limit",    "cursor",      NULL};
    long long institution = 0, limit = HR_PAGE_DEFAULT;
    memset(f, 0, sizeof *f);
    int rc = hr_query_args_known(field, req, allowed);
    if (rc == 0)
        rc = hr_query_args_integer(&institution, field, req, "institution", 1, 1 << 30);
    if (rc == 0)
        rc = hr_query_args_integer(&f->recommendation, field, req, "recommendation", 1, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, field, req, "limit", 1, HR_PAGE_MAX);
    if (rc == 0)
        rc = hr_query_args_integer(&f->after_id, field, req, "cursor", 0, 1LL << 52);
    f->priority = hr_request_query(req, "priority");
    if (rc == 0 && f->priority != NULL && strcmp(f->priority, "high") != 0 &&
        strcmp(f->priority, "medium") != 0 && strcmp(f->priority, "low") != 0) {
        *field = "priority";
        rc = HR_EUNPROCESSABLE;
    }
    f->institution_id = (int)institution;
    f->limit = (int)limit;
    return rc;
}

void hr_handle_clusters(hr_request *req, hr_reply *reply)
{
    hr_cluster_filter filter;
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = read_filter(&filter, &field, req);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_clusters_list(&result, db, &filter);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    hr_reply_json(reply, 200, result);
}

void hr_handle_cluster(hr_request *req, hr_reply *reply)
{
    hr_planning_get(req, reply, hr_db_cluster_get);
}

void hr_handle_cluster_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    int rc =
        hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_cluster_create(&result, db, &actor, body);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

void hr_handle_cluster_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_cluster_get(&current, db, id);
    if (rc == 0)
        rc =
            hr_read_body(&body, &field, req, update_spec, sizeof update_spec / sizeof *update_spec);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0) {
        json_t *fields = json_deep_copy(body);
        json_object_del(fields, "version");
        rc = hr_db_cluster_update(&result, db, &actor, id, hr_body_version(body), fields);
        json_decref(fields);
    }
    if (rc == HR_ECONFLICT) {
        json_decref(current);
        current = NULL;
        hr_db_cluster_get(&current, db, id);
    }
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(current);
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_cluster_delete(hr_request *req, hr_reply *reply)
{
    hr_planning_delete(req, reply, hr_db_cluster_get, hr_db_cluster_delete);
}

void hr_handle_cluster_suggestions(hr_request *req, hr_reply *reply)
{
    static const char *const allowed[] = {"state", NULL};
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    const char *state = hr_request_query(req, "state");
    int rc = hr_query_args_known(&field, req, allowed);
    if (rc == 0 && (state == NULL || strlen(state) != 2 || state[0] < 'A' || state[0] > 'Z' ||
                    state[1] < 'A' || state[1] > 'Z')) {
        field = "state";
        rc = HR_EUNPROCESSABLE;
    }
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_cluster_suggestions(&result, db, state, hr_request_lang(req));
    if (rc == HR_ENOTFOUND) {
        field = "state";
        rc = HR_EUNPROCESSABLE;
    }
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    hr_reply_json(reply, 200, result);
}
