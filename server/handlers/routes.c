/*
 * The route table: every endpoint of hrtrack-server, in one place. A test
 * (tests/unit/test_openapi.c) checks that each pattern is documented in
 * docs/openapi.yaml.
 */
#include "handlers.h"
#include "router.h"

const hr_route hr_routes[] = {
    {HR_METHOD_GET, "/api/v1/health", hr_handle_health},
    {HR_METHOD_GET, "/api/v1/sdg/goals", hr_handle_sdg_goals},
    {HR_METHOD_GET, "/api/v1/sdg/goals/{goal}", hr_handle_sdg_goal},
    {HR_METHOD_GET, "/api/v1/sdg/goals/{goal}/summary", hr_handle_goal_summary},
    {HR_METHOD_GET, "/api/v1/states", hr_handle_states},
    {HR_METHOD_GET, "/api/v1/states/{code}/summary", hr_handle_state_summary},
    {HR_METHOD_GET, "/api/v1/documents", hr_handle_documents},
    {HR_METHOD_GET, "/api/v1/documents/{symbol*}", hr_handle_document},
    {HR_METHOD_GET, "/api/v1/recommendations", hr_handle_recommendations},
    {HR_METHOD_GET, "/api/v1/recommendations/facets", hr_handle_recommendation_facets},
    {HR_METHOD_GET, "/api/v1/recommendations/{id}", hr_handle_recommendation},
};

const size_t hr_route_count = sizeof hr_routes / sizeof hr_routes[0];
