/*
 * Institutions: the ministries, agencies, courts and the national human
 * rights institution that follow recommendations up.
 *   GET   /api/v1/institutions        public (names are public)
 *   GET   /api/v1/institutions/{id}   public
 *   POST  /api/v1/institutions        admin
 *   PATCH /api/v1/institutions/{id}   admin, with the version read
 */
#include "body.h"
#include "handlers.h"

#include "hrtrack/accounts.h"
#include "hrtrack/error.h"

static const char *const kinds[] = {"ministry", "agency",           "judiciary", "legislature",
                                    "nhri",     "local_government", "other",     NULL};

static const hr_field create_spec[] = {
    {"acronym", HR_FIELD_STRING, 1, 1, 32, NULL},  {"name_en", HR_FIELD_STRING, 1, 1, 300, NULL},
    {"name_es", HR_FIELD_STRING, 1, 1, 300, NULL}, {"name_fr", HR_FIELD_STRING, 1, 1, 300, NULL},
    {"kind", HR_FIELD_CHOICE, 1, 0, 0, kinds},     {"active", HR_FIELD_BOOLEAN, 0, 0, 0, NULL},
};

static const hr_field update_spec[] = {
    {"acronym", HR_FIELD_STRING, 0, 1, 32, NULL},
    {"name_en", HR_FIELD_STRING, 0, 1, 300, NULL},
    {"name_es", HR_FIELD_STRING, 0, 1, 300, NULL},
    {"name_fr", HR_FIELD_STRING, 0, 1, 300, NULL},
    {"kind", HR_FIELD_CHOICE, 0, 0, 0, kinds},
    {"active", HR_FIELD_BOOLEAN, 0, 0, 0, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

void hr_handle_institutions(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    json_t *items = NULL;
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_institutions_list(&items, db, hr_request_lang(req));
    if (hr_reply_failed(reply, rc))
        return;
    hr_reply_json(reply, 200, json_pack("{s:o}", "items", items));
}

void hr_handle_institution(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_institution_get(&result, db, (int)id, hr_request_lang(req));
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, result);
}

void hr_handle_institution_create(hr_request *req, hr_reply *reply)
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
        rc = hr_db_institution_create(&result, db, &actor, body, hr_request_lang(req));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ECONFLICT ? "acronym" : field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

void hr_handle_institution_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc =
            hr_read_body(&body, &field, req, update_spec, sizeof update_spec / sizeof *update_spec);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0) {
        json_t *fields = json_deep_copy(body);
        json_object_del(fields, "version");
        rc = hr_db_institution_update(&result, db, &actor, (int)id, hr_body_version(body), fields,
                                      hr_request_lang(req));
        json_decref(fields);
    }
    if (rc == HR_ECONFLICT)
        hr_db_institution_get(&current, db, (int)id, hr_request_lang(req));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}
