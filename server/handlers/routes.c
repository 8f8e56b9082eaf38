/*
 * The route table: every endpoint of hrtrack-server, in one place. A test
 * (tests/unit/test_openapi.c) checks that each pattern is documented in
 * docs/openapi.yaml.
 */
#include "handlers.h"
#include "router.h"

const hr_route hr_routes[] = {
    {HR_METHOD_GET, "/api/v1/health", hr_handle_health, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/sdg/goals", hr_handle_sdg_goals, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/sdg/goals/{goal}", hr_handle_sdg_goal, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/sdg/goals/{goal}/summary", hr_handle_goal_summary, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/states", hr_handle_states, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/states/{code}/summary", hr_handle_state_summary, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/documents", hr_handle_documents, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/documents/{symbol*}", hr_handle_document, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/recommendations", hr_handle_recommendations, HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/recommendations/facets", hr_handle_recommendation_facets,
     HR_ACCESS_PUBLIC},
    {HR_METHOD_GET, "/api/v1/recommendations/{id}", hr_handle_recommendation, HR_ACCESS_PUBLIC},

    {HR_METHOD_POST, "/api/v1/session", hr_handle_session_create, HR_ACCESS_SIGN_IN},
    {HR_METHOD_GET, "/api/v1/session", hr_handle_session_get, HR_ACCESS_SIGNED_IN},
    {HR_METHOD_DELETE, "/api/v1/session", hr_handle_session_delete, HR_ACCESS_SIGNED_IN},
    {HR_METHOD_POST, "/api/v1/password-reset", hr_handle_password_reset, HR_ACCESS_SIGN_IN},
    {HR_METHOD_GET, "/api/v1/institutions", hr_handle_institutions, HR_ACCESS_PUBLIC},
    {HR_METHOD_POST, "/api/v1/institutions", hr_handle_institution_create, HR_ACCESS_ADMIN},
    {HR_METHOD_GET, "/api/v1/institutions/{id}", hr_handle_institution, HR_ACCESS_PUBLIC},
    {HR_METHOD_PATCH, "/api/v1/institutions/{id}", hr_handle_institution_update, HR_ACCESS_ADMIN},
    {HR_METHOD_GET, "/api/v1/users", hr_handle_users, HR_ACCESS_ADMIN},
    {HR_METHOD_POST, "/api/v1/users", hr_handle_user_create, HR_ACCESS_ADMIN},
    {HR_METHOD_GET, "/api/v1/users/{id}", hr_handle_user, HR_ACCESS_ADMIN},
    {HR_METHOD_PATCH, "/api/v1/users/{id}", hr_handle_user_update, HR_ACCESS_ADMIN},
    {HR_METHOD_POST, "/api/v1/users/{id}/password-reset", hr_handle_user_password_reset,
     HR_ACCESS_ADMIN},
    {HR_METHOD_GET, "/api/v1/audit", hr_handle_audit, HR_ACCESS_AUDIT_READ},

    /* planning: clusters, duplicates, plans, assignments */
    {HR_METHOD_GET, "/api/v1/clusters", hr_handle_clusters, HR_ACCESS_PLANNING_READ},
    {HR_METHOD_POST, "/api/v1/clusters", hr_handle_cluster_create, HR_ACCESS_COORDINATE},
    /* Before /clusters/{id}: the first matching route wins. */
    {HR_METHOD_GET, "/api/v1/clusters/suggestions", hr_handle_cluster_suggestions,
     HR_ACCESS_PLANNING_READ},
    {HR_METHOD_GET, "/api/v1/clusters/{id}", hr_handle_cluster, HR_ACCESS_PLANNING_READ},
    {HR_METHOD_PATCH, "/api/v1/clusters/{id}", hr_handle_cluster_update, HR_ACCESS_COORDINATE},
    {HR_METHOD_DELETE, "/api/v1/clusters/{id}", hr_handle_cluster_delete, HR_ACCESS_COORDINATE},
    {HR_METHOD_GET, "/api/v1/clusters/{id}/members", hr_handle_cluster_members,
     HR_ACCESS_PLANNING_READ},
    {HR_METHOD_POST, "/api/v1/clusters/{id}/members", hr_handle_cluster_members_edit,
     HR_ACCESS_COORDINATE},
    {HR_METHOD_PUT, "/api/v1/clusters/{id}/assignment", hr_handle_cluster_assignment,
     HR_ACCESS_COORDINATE},
    {HR_METHOD_POST, "/api/v1/duplicates", hr_handle_duplicate_create, HR_ACCESS_COORDINATE},
    {HR_METHOD_GET, "/api/v1/duplicates/{id}", hr_handle_duplicate, HR_ACCESS_PLANNING_READ},
    {HR_METHOD_DELETE, "/api/v1/duplicates/{id}", hr_handle_duplicate_delete, HR_ACCESS_COORDINATE},
    {HR_METHOD_GET, "/api/v1/recommendations/{id}/plan", hr_handle_rec_plan,
     HR_ACCESS_PLANNING_READ},
    {HR_METHOD_PUT, "/api/v1/recommendations/{id}/plan", hr_handle_rec_plan_put,
     HR_ACCESS_COORDINATE},
    {HR_METHOD_POST, "/api/v1/assignments/bulk", hr_handle_assignments_bulk, HR_ACCESS_COORDINATE},
    /* planning: actions, indicators, measurements */
    {HR_METHOD_GET, "/api/v1/actions", hr_handle_actions, HR_ACCESS_PLANNING_READ},
    {HR_METHOD_POST, "/api/v1/actions", hr_handle_action_create, HR_ACCESS_PLAN},
    {HR_METHOD_GET, "/api/v1/actions/{id}", hr_handle_action, HR_ACCESS_PLANNING_READ},
    {HR_METHOD_PATCH, "/api/v1/actions/{id}", hr_handle_action_update, HR_ACCESS_PLAN},
    {HR_METHOD_DELETE, "/api/v1/actions/{id}", hr_handle_action_delete, HR_ACCESS_PLAN},
    {HR_METHOD_POST, "/api/v1/actions/{id}/recommendations", hr_handle_action_link, HR_ACCESS_PLAN},
    {HR_METHOD_GET, "/api/v1/indicators", hr_handle_indicators, HR_ACCESS_PLANNING_READ},
    {HR_METHOD_POST, "/api/v1/indicators", hr_handle_indicator_create, HR_ACCESS_PLAN},
    {HR_METHOD_GET, "/api/v1/indicators/{id}", hr_handle_indicator, HR_ACCESS_PLANNING_READ},
    {HR_METHOD_PATCH, "/api/v1/indicators/{id}", hr_handle_indicator_update, HR_ACCESS_PLAN},
    {HR_METHOD_DELETE, "/api/v1/indicators/{id}", hr_handle_indicator_delete, HR_ACCESS_PLAN},
    {HR_METHOD_GET, "/api/v1/indicators/{id}/measurements", hr_handle_measurements,
     HR_ACCESS_PLANNING_READ},
    {HR_METHOD_POST, "/api/v1/indicators/{id}/measurements", hr_handle_measurement_create,
     HR_ACCESS_PLAN},
    /* reports drafted from the data (reports.c): they show actions, non-public planning data */
    {HR_METHOD_GET, "/api/v1/reports/upr-midterm", hr_handle_report_upr_midterm,
     HR_ACCESS_PLANNING_READ},
    {HR_METHOD_GET, "/api/v1/reports/treaty-followup", hr_handle_report_treaty_followup,
     HR_ACCESS_PLANNING_READ},
    {HR_METHOD_GET, "/api/v1/reports/vnr", hr_handle_report_vnr, HR_ACCESS_PLANNING_READ},
};

const size_t hr_route_count = sizeof hr_routes / sizeof hr_routes[0];
