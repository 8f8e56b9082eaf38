/*
 * POST /api/v1/assignments/bulk?<the filters of GET /api/v1/recommendations>
 * with {"lead": id, "support": [ids]}: gives every recommendation of the
 * filtered set that assignment, in one transaction, and answers
 * {"assigned": n}. A request without any filter is refused (nobody should
 * assign the whole database by mistake), and so is a set larger than
 * HR_BULK_ASSIGN_MAX; both are 422 with field "filter".
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "planning_handlers.h"

#include "hrtrack/error.h"
#include "hrtrack/planning.h"

static const hr_field bulk_spec[] = {
    {"lead", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
    {"support", HR_FIELD_ID_ARRAY, 0, 0, HR_SUPPORT_MAX, NULL},
};

/* The list filters; no page, order or cursor: the whole set is assigned. */
static const char *const filters[] = {"state",    "mechanism",
                                      "body",     "document",
                                      "theme",    "affected_person",
                                      "sdg_goal", "sdg_target",
                                      "position", "recommending_state",
                                      "cycle",    "session",
                                      "from",     "to",
                                      "q",        NULL};

static int has_filter(const hr_rec_query *q)
{
    for (int i = 0; i < HR_Q_FIELD_COUNT; i++) {
        if (q->counts[i] > 0)
            return 1;
    }
    return q->from[0] != '\0' || q->to[0] != '\0' || q->text != NULL;
}

/* Reads and checks the filters: 0, or an error with *field set. */
static int read_filters(hr_rec_query *q, const char **field, hr_db **db, hr_request *req)
{
    hr_export_format format = HR_EXPORT_NONE;
    int rc = hr_list_request(q, &format, field, db, req, filters);
    if (rc == 0 && format != HR_EXPORT_NONE) {
        *field = "format";
        rc = HR_EUNPROCESSABLE;
    }
    if (rc == 0 && !has_filter(q)) {
        *field = "filter";
        rc = HR_EUNPROCESSABLE;
    }
    return rc;
}

void hr_handle_assignments_bulk(hr_request *req, hr_reply *reply)
{
    hr_rec_query q;
    hr_rec_query_init(&q, hr_request_lang(req));
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *body = NULL;
    hr_assignment assignment;
    long long assigned = 0;
    int rc = read_filters(&q, &field, &db, req);
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, bulk_spec, sizeof bulk_spec / sizeof *bulk_spec);
    if (rc == 0) {
        hr_planning_assignment_from_body(&assignment, body);
        rc = hr_db_assignment_check(&field, db, &assignment);
    }
    hr_actor actor = hr_request_actor(req);
    if (rc == 0 && (rc = hr_db_assign_bulk(&assigned, db, &actor, &q, &assignment,
                                           HR_BULK_ASSIGN_MAX)) == HR_EUNPROCESSABLE)
        field = "filter";
    hr_rec_query_free(&q);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200,
                  json_pack("{s:I, s:I}", "assigned", (json_int_t)assigned, "limit",
                            (json_int_t)HR_BULK_ASSIGN_MAX));
}
