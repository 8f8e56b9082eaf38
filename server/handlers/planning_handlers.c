/*
 * Helpers of the planning handlers (see planning_handlers.h): the parts
 * that know planning rules; reading the query string is in query_args.c.
 */
#include "planning_handlers.h"

#include "body.h"
#include "query_args.h"

#include "hrtrack/access.h"
#include "hrtrack/accounts.h"
#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"

#include <string.h>

void hr_planning_assignment_from_body(hr_assignment *out, const json_t *body)
{
    long long lead = 0;
    memset(out, 0, sizeof *out);
    if (hr_json_integer(&lead, body, "lead"))
        out->lead = (int)lead;
    const json_t *support = json_object_get(body, "support");
    for (size_t i = 0; i < json_array_size(support) && i < HR_SUPPORT_MAX; i++)
        out->support[out->support_count++] = (int)json_integer_value(json_array_get(support, i));
}

int hr_planning_list_scope(int *institution_id, const char **field, const hr_request *req)
{
    int own = hr_access_read_scope(hr_request_principal(req));
    if (own != 0 && *institution_id != 0 && *institution_id != own) {
        *field = "institution";
        return HR_EFORBIDDEN;
    }
    if (own != 0)
        *institution_id = own;
    return 0;
}

int hr_planning_list_start(hr_export_format *format, hr_db **db, int *institution_id,
                           const char **field, const hr_request *req)
{
    int rc = hr_export_format_parse(format, hr_request_query(req, "format"),
                                    hr_request_header(req, "Accept"));
    if (rc != 0) {
        *field = "format";
        return rc;
    }
    rc = hr_planning_list_scope(institution_id, field, req);
    return rc != 0 ? rc : hr_request_db(db, req);
}

static int institution_of(const json_t *resource)
{
    return (int)json_integer_value(json_object_get(resource, "institution_id"));
}

int hr_planning_may_read(const hr_request *req, const json_t *resource)
{
    return hr_access_institution_read(hr_request_principal(req), institution_of(resource));
}

int hr_planning_may_write(const hr_request *req, const json_t *resource)
{
    return hr_access_institution_write(hr_request_principal(req), institution_of(resource));
}

int hr_planning_recommendations_writable(hr_db *db, const hr_principal *p, const json_t *ids)
{
    /* Whoever may link any recommendation needs no look-up. */
    if (hr_access_recommendation_write(p, 0) == 0)
        return 0;
    size_t i;
    const json_t *id;
    json_array_foreach(ids, i, id)
    {
        int assigned = 0;
        int rc = hr_db_recommendation_assigned_to(&assigned, db, json_integer_value(id),
                                                  p->institution_id);
        if (rc == 0)
            rc = hr_access_recommendation_write(p, assigned);
        if (rc != 0)
            return rc;
    }
    return 0;
}

json_t *hr_planning_merged(const json_t *current, const json_t *body)
{
    json_t *merged = json_deep_copy(current);
    if (merged == NULL || json_object_update(merged, (json_t *)body) != 0) {
        json_decref(merged);
        return NULL;
    }
    json_object_del(merged, "version");
    return merged;
}

json_t *hr_planning_fields(const json_t *body)
{
    json_t *fields = json_deep_copy(body);
    if (fields != NULL)
        json_object_del(fields, "version");
    return fields;
}

void hr_planning_get(hr_request *req, hr_reply *reply,
                     int (*get)(json_t **out, hr_db *db, long long id))
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = get(&result, db, id);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, result);
}

void hr_planning_delete(hr_request *req, hr_reply *reply,
                        int (*get)(json_t **out, hr_db *db, long long id),
                        int (*delete)(hr_db *db, const hr_actor *actor, long long id, long version))
{
    const char *field = NULL;
    long long id = 0;
    long version = 0;
    json_t *current = NULL;
    hr_db *db = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = get(&current, db, id);
    if (rc == 0)
        rc = hr_query_args_version(&version, &field, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = delete (db, &actor, id, version);
    if (rc == HR_ECONFLICT) {
        json_decref(current);
        current = NULL;
        get(&current, db, id);
    }
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, NULL);
        return;
    }
    json_decref(current);
    hr_reply_json(reply, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

int hr_planning_institution_exists(const char **field, hr_db *db, const json_t *body)
{
    json_t *institution = NULL;
    long long id = 0;
    if (!hr_json_integer(&id, body, "institution_id"))
        return 0;
    int rc = hr_db_institution_get(&institution, db, (int)id, HR_LANG_DEFAULT);
    json_decref(institution);
    if (rc == HR_ENOTFOUND) {
        *field = "institution_id";
        rc = HR_EUNPROCESSABLE;
    }
    return rc;
}
