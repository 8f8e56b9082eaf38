/*
 * The access rules (see access.h). The table below is the whole answer to
 * "which roles may use a route of this kind"; the scope functions answer
 * "may this user touch this institution's data".
 */
#include "hrtrack/access.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <string.h>

static const char *const role_names[HR_ROLE_COUNT] = {
    "admin", "coordinator", "focal_point", "validator", "cso", "unct",
};

typedef struct rule_row {
    hr_access rule;
    const char *name;
    int needs_user;
    unsigned roles; /* any of these; 0 with needs_user: any signed-in user */
} rule_row;

static const rule_row rules[] = {
    {HR_ACCESS_PUBLIC, "public", 0, 0},
    {HR_ACCESS_SIGN_IN, "sign_in", 0, 0},
    {HR_ACCESS_SIGNED_IN, "signed_in", 1, 0},
    {HR_ACCESS_ADMIN, "admin", 1, HR_ROLE_ADMIN},
    {HR_ACCESS_PLANNING_READ, "planning_read", 1,
     HR_ROLE_ADMIN | HR_ROLE_COORDINATOR | HR_ROLE_FOCAL_POINT | HR_ROLE_VALIDATOR | HR_ROLE_UNCT},
    {HR_ACCESS_COORDINATE, "coordinate", 1, HR_ROLE_COORDINATOR},
    {HR_ACCESS_PLAN, "plan", 1, HR_ROLE_COORDINATOR | HR_ROLE_FOCAL_POINT},
    {HR_ACCESS_AUDIT_READ, "audit_read", 1, HR_ROLE_ADMIN | HR_ROLE_COORDINATOR},
    {HR_ACCESS_PARTICIPATE, "participate", 1, HR_ROLE_CSO},
    {HR_ACCESS_MODERATE, "moderate", 1, HR_ROLE_COORDINATOR},
    {HR_ACCESS_ANSWER, "answer", 1, HR_ROLE_FOCAL_POINT | HR_ROLE_VALIDATOR},
    {HR_ACCESS_REPORT, "report", 1, HR_ROLE_FOCAL_POINT},
    {HR_ACCESS_VALIDATE, "validate", 1, HR_ROLE_VALIDATOR},
};

static const rule_row *find_rule(hr_access rule)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        if (rules[i].rule == rule)
            return &rules[i];
    }
    return NULL;
}

const char *hr_role_name(hr_role role)
{
    for (unsigned i = 0; i < HR_ROLE_COUNT; i++) {
        if ((unsigned)role == 1u << i)
            return role_names[i];
    }
    return NULL;
}

int hr_role_parse(hr_role *out, const char *name)
{
    for (unsigned i = 0; name != NULL && i < HR_ROLE_COUNT; i++) {
        if (strcmp(name, role_names[i]) == 0) {
            *out = (hr_role)(1u << i);
            return 0;
        }
    }
    return HR_EPARAM;
}

const char *hr_access_name(hr_access rule)
{
    const rule_row *row = find_rule(rule);
    return row ? row->name : "unset";
}

int hr_principal_has(const hr_principal *p, hr_role role)
{
    return p != NULL && p->user_id > 0 && (p->roles & (unsigned)role) != 0;
}

int hr_access_check(hr_access rule, const hr_principal *p)
{
    const rule_row *row = find_rule(rule);
    if (row == NULL)
        return HR_EFORBIDDEN;
    if (!row->needs_user)
        return 0;
    if (p == NULL || p->user_id <= 0)
        return HR_EUNAUTHENTICATED;
    if (row->roles != 0 && (p->roles & row->roles) == 0)
        return HR_EFORBIDDEN;
    return 0;
}

int hr_access_institution_write(const hr_principal *p, int institution_id)
{
    if (hr_principal_has(p, HR_ROLE_COORDINATOR))
        return 0;
    if (hr_principal_has(p, HR_ROLE_FOCAL_POINT) && p->institution_id > 0 &&
        p->institution_id == institution_id)
        return 0;
    return HR_EFORBIDDEN;
}

int hr_access_recommendation_write(const hr_principal *p, int assigned_to_own)
{
    if (hr_principal_has(p, HR_ROLE_COORDINATOR))
        return 0;
    if (hr_principal_has(p, HR_ROLE_FOCAL_POINT) && p->institution_id > 0 && assigned_to_own)
        return 0;
    return HR_EFORBIDDEN;
}

int hr_access_read_scope(const hr_principal *p)
{
    unsigned everywhere = HR_ROLE_ADMIN | HR_ROLE_COORDINATOR | HR_ROLE_UNCT;
    if (p == NULL || (p->roles & everywhere) != 0)
        return 0;
    return p->institution_id;
}

int hr_access_institution_read(const hr_principal *p, int institution_id)
{
    int rc = hr_access_check(HR_ACCESS_PLANNING_READ, p);
    if (rc != 0)
        return rc;
    int scope = hr_access_read_scope(p);
    return (scope == 0 || scope == institution_id) ? 0 : HR_EFORBIDDEN;
}

int hr_access_audit_accounts(const hr_principal *p)
{
    return hr_principal_has(p, HR_ROLE_ADMIN);
}

int hr_access_comment_answer(const hr_principal *p, int concerned)
{
    unsigned staff = HR_ROLE_FOCAL_POINT | HR_ROLE_VALIDATOR;
    if (p != NULL && p->user_id > 0 && (p->roles & staff) != 0 && p->institution_id > 0 &&
        concerned)
        return 0;
    return HR_EFORBIDDEN;
}

int hr_access_comment_own(const hr_principal *p, int author_id)
{
    if (hr_principal_has(p, HR_ROLE_CSO) && author_id > 0 && author_id == p->user_id)
        return 0;
    return HR_ENOTFOUND;
}

void hr_principal_log_name(char *out, size_t size, const hr_principal *p)
{
    if (p == NULL || p->user_id <= 0)
        snprintf(out, size, "anonymous");
    else if ((p->roles & HR_ROLE_CSO) != 0)
        snprintf(out, size, "cso");
    else
        snprintf(out, size, "user:%d", p->user_id);
}

/* A focal point (or validator) belongs to an institution: staff roles need one. */
static int staff_of(const hr_principal *p, hr_role role, int institution_id)
{
    return hr_principal_has(p, role) && p->institution_id > 0 &&
           p->institution_id == institution_id;
}

int hr_access_update_create(const hr_principal *p, int in_scope)
{
    return hr_principal_has(p, HR_ROLE_FOCAL_POINT) && p->institution_id > 0 && in_scope
               ? 0
               : HR_EFORBIDDEN;
}

int hr_access_update_write(const hr_principal *p, int institution_id)
{
    return staff_of(p, HR_ROLE_FOCAL_POINT, institution_id) ? 0 : HR_EFORBIDDEN;
}

int hr_access_update_decide(const hr_principal *p, int institution_id, int author_id,
                            int submitter_id)
{
    if (!staff_of(p, HR_ROLE_VALIDATOR, institution_id))
        return HR_EFORBIDDEN;
    return (p->user_id == author_id || p->user_id == submitter_id) ? HR_EFORBIDDEN : 0;
}

hr_update_view hr_access_update_view(const hr_principal *p, int institution_id)
{
    return hr_access_institution_read(p, institution_id) == 0 ? HR_UPDATE_VIEW_STAFF
                                                              : HR_UPDATE_VIEW_PUBLIC;
}

int hr_access_list_filter(const hr_principal *p, const char *name)
{
    static const char *const planning[] = {"institution", "cluster", "priority"};
    for (size_t i = 0; name != NULL && i < sizeof planning / sizeof planning[0]; i++) {
        if (strcmp(name, planning[i]) == 0)
            return hr_access_check(HR_ACCESS_PLANNING_READ, p);
    }
    return 0;
}

int hr_access_sdg_suggestions_read(const hr_principal *p)
{
    return hr_access_check(HR_ACCESS_PLANNING_READ, p);
}
