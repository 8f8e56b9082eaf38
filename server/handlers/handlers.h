/*
 * The endpoint handlers, one file per resource. A handler reads its input
 * from the request, calls libhrtrack, and fills the reply; it never sees
 * libpq or libmicrohttpd.
 */
#ifndef HRTRACK_SERVER_HANDLERS_H
#define HRTRACK_SERVER_HANDLERS_H

#include "http.h"

/* GET /api/v1/health: database reachable, schema version. */
void hr_handle_health(hr_request *req, hr_reply *reply);

/* GET /api/v1/sdg/goals: the 17 goals with target and indicator counts. */
void hr_handle_sdg_goals(hr_request *req, hr_reply *reply);

/* GET /api/v1/sdg/goals/{goal}: one goal, its targets and their indicators. */
void hr_handle_sdg_goal(hr_request *req, hr_reply *reply);

/* GET /api/v1/states: every state, sorted by name in the reply language. */
void hr_handle_states(hr_request *req, hr_reply *reply);

/* GET /api/v1/recommendations: filtered, searched, paginated list. */
void hr_handle_recommendations(hr_request *req, hr_reply *reply);

/* GET /api/v1/recommendations/facets: counts per value for the same filters. */
void hr_handle_recommendation_facets(hr_request *req, hr_reply *reply);

/* GET /api/v1/recommendations/{id}: one recommendation in full. */
void hr_handle_recommendation(hr_request *req, hr_reply *reply);

#endif
