/*
 * The endpoint handlers, one file per resource. A handler reads its input
 * from the request, calls libhrtrack, and fills the reply; it never sees
 * libpq or libmicrohttpd.
 */
#ifndef HRTRACK_SERVER_HANDLERS_H
#define HRTRACK_SERVER_HANDLERS_H

#include "http.h"

#include "hrtrack/rec_query.h"

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

/* GET /api/v1/sdg/goals/{goal}/summary[?state=XX]: per target, counts by mechanism and position. */
void hr_handle_goal_summary(hr_request *req, hr_reply *reply);

/* GET /api/v1/states/{code}/summary: a state's counts by mechanism, cycle, position, theme. */
void hr_handle_state_summary(hr_request *req, hr_reply *reply);

/* GET /api/v1/documents: documents, newest first, by state and mechanism. */
void hr_handle_documents(hr_request *req, hr_reply *reply);

/* GET /api/v1/documents/{symbol*}: one document and its recommendations. */
void hr_handle_document(hr_request *req, hr_reply *reply);

/* Accounts (session.c, institutions.c, users.c, audit.c). */
void hr_handle_session_create(hr_request *req, hr_reply *reply);
void hr_handle_session_get(hr_request *req, hr_reply *reply);
void hr_handle_session_delete(hr_request *req, hr_reply *reply);
void hr_handle_password_reset(hr_request *req, hr_reply *reply);
void hr_handle_institutions(hr_request *req, hr_reply *reply);
void hr_handle_institution(hr_request *req, hr_reply *reply);
void hr_handle_institution_create(hr_request *req, hr_reply *reply);
void hr_handle_institution_update(hr_request *req, hr_reply *reply);
void hr_handle_users(hr_request *req, hr_reply *reply);
void hr_handle_user(hr_request *req, hr_reply *reply);
void hr_handle_user_create(hr_request *req, hr_reply *reply);
void hr_handle_user_update(hr_request *req, hr_reply *reply);
void hr_handle_user_password_reset(hr_request *req, hr_reply *reply);
void hr_handle_audit(hr_request *req, hr_reply *reply);

/*
 * Reads the list filters of the query string into `q`. `allowed` lists the
 * parameter names the endpoint takes (NULL: all of them); others are
 * refused, and so are filters by planning data the caller may not read
 * (hr_access_list_filter). On error returns HR_EPARAM, HR_EUNPROCESSABLE,
 * HR_ELIMIT, HR_EUNAUTHENTICATED or HR_EFORBIDDEN and sets *field to the
 * parameter at fault.
 */
int hr_parse_rec_query(hr_rec_query *q, const char **field, hr_request *req,
                       const char *const *allowed);

/*
 * Planning (clusters.c, cluster_members.c, duplicates.c, plans.c,
 * assignments.c): clusters and their members and assignment, suggested
 * clusters, duplicate groups, the plan of a recommendation, bulk
 * assignment of a filtered set.
 */
void hr_handle_clusters(hr_request *req, hr_reply *reply);
void hr_handle_cluster(hr_request *req, hr_reply *reply);
void hr_handle_cluster_create(hr_request *req, hr_reply *reply);
void hr_handle_cluster_update(hr_request *req, hr_reply *reply);
void hr_handle_cluster_delete(hr_request *req, hr_reply *reply);
void hr_handle_cluster_suggestions(hr_request *req, hr_reply *reply);
void hr_handle_cluster_members(hr_request *req, hr_reply *reply);
void hr_handle_cluster_members_edit(hr_request *req, hr_reply *reply);
void hr_handle_cluster_assignment(hr_request *req, hr_reply *reply);
void hr_handle_duplicate(hr_request *req, hr_reply *reply);
void hr_handle_duplicate_create(hr_request *req, hr_reply *reply);
void hr_handle_duplicate_delete(hr_request *req, hr_reply *reply);
void hr_handle_rec_plan(hr_request *req, hr_reply *reply);
void hr_handle_rec_plan_put(hr_request *req, hr_reply *reply);
void hr_handle_assignments_bulk(hr_request *req, hr_reply *reply);
/* Planning: actions, indicators, measurements (actions.c, indicators.c). */
void hr_handle_actions(hr_request *req, hr_reply *reply);
void hr_handle_action(hr_request *req, hr_reply *reply);
void hr_handle_action_create(hr_request *req, hr_reply *reply);
void hr_handle_action_update(hr_request *req, hr_reply *reply);
void hr_handle_action_delete(hr_request *req, hr_reply *reply);
void hr_handle_action_link(hr_request *req, hr_reply *reply);
void hr_handle_indicators(hr_request *req, hr_reply *reply);
void hr_handle_indicator(hr_request *req, hr_reply *reply);
void hr_handle_indicator_create(hr_request *req, hr_reply *reply);
void hr_handle_indicator_update(hr_request *req, hr_reply *reply);
void hr_handle_indicator_delete(hr_request *req, hr_reply *reply);
void hr_handle_measurements(hr_request *req, hr_reply *reply);
void hr_handle_measurement_create(hr_request *req, hr_reply *reply);
/*
 * Follow-up reporting (status_updates.c, status_workflow.c,
 * status_history.c, attachments.c): status updates, their validation,
 * the public history, and their files.
 */
void hr_handle_status_updates(hr_request *req, hr_reply *reply);
void hr_handle_status_update(hr_request *req, hr_reply *reply);
void hr_handle_status_update_create(hr_request *req, hr_reply *reply);
void hr_handle_status_update_edit(hr_request *req, hr_reply *reply);
void hr_handle_status_update_delete(hr_request *req, hr_reply *reply);
void hr_handle_status_update_submit(hr_request *req, hr_reply *reply);
void hr_handle_status_update_approve(hr_request *req, hr_reply *reply);
void hr_handle_status_update_return(hr_request *req, hr_reply *reply);
void hr_handle_recommendation_status_history(hr_request *req, hr_reply *reply);
void hr_handle_action_status_history(hr_request *req, hr_reply *reply);
void hr_handle_attachment_create(hr_request *req, hr_reply *reply);
void hr_handle_attachment(hr_request *req, hr_reply *reply);
void hr_handle_attachment_update(hr_request *req, hr_reply *reply);
void hr_handle_attachment_delete(hr_request *req, hr_reply *reply);

/*
 * Participation (registrations.c, account.c, comments.c, public_comments.c,
 * comment_answers.c): CSO registration and own account, comments and their
 * moderation, the public comment lists, ministries' answers.
 */
void hr_handle_registration(hr_request *req, hr_reply *reply);
void hr_handle_account_get(hr_request *req, hr_reply *reply);
void hr_handle_account_update(hr_request *req, hr_reply *reply);
void hr_handle_account_delete(hr_request *req, hr_reply *reply);
void hr_handle_account_comments(hr_request *req, hr_reply *reply);
void hr_handle_comment_create(hr_request *req, hr_reply *reply);
void hr_handle_comment_withdraw(hr_request *req, hr_reply *reply);
void hr_handle_comments_moderation(hr_request *req, hr_reply *reply);
void hr_handle_comment_publish(hr_request *req, hr_reply *reply);
void hr_handle_comment_reject(hr_request *req, hr_reply *reply);
void hr_handle_comment_author(hr_request *req, hr_reply *reply);
void hr_handle_recommendation_comments(hr_request *req, hr_reply *reply);
void hr_handle_status_update_comments(hr_request *req, hr_reply *reply);
void hr_handle_answer_create(hr_request *req, hr_reply *reply);
void hr_handle_answer_update(hr_request *req, hr_reply *reply);
void hr_handle_answer_delete(hr_request *req, hr_reply *reply);

/* Reports drafted from the data (reports.c): UPR mid-term, treaty-body follow-up, VNR. */
void hr_handle_report_upr_midterm(hr_request *req, hr_reply *reply);
void hr_handle_report_treaty_followup(hr_request *req, hr_reply *reply);
void hr_handle_report_vnr(hr_request *req, hr_reply *reply);
/* Deadlines (report_deadlines.c, deadlines.c) and the public change feeds (feeds.c). */
void hr_handle_report_deadlines(hr_request *req, hr_reply *reply);
void hr_handle_report_deadline(hr_request *req, hr_reply *reply);
void hr_handle_report_deadline_create(hr_request *req, hr_reply *reply);
void hr_handle_report_deadline_update(hr_request *req, hr_reply *reply);
void hr_handle_report_deadline_delete(hr_request *req, hr_reply *reply);
void hr_handle_deadlines(hr_request *req, hr_reply *reply);
void hr_handle_feed_recommendation(hr_request *req, hr_reply *reply);
void hr_handle_feed_sdg_target(hr_request *req, hr_reply *reply);
void hr_handle_feed_institution(hr_request *req, hr_reply *reply);
void hr_handle_feed_state(hr_request *req, hr_reply *reply);
/* The record of imports (import_runs.c). */
void hr_handle_import_runs(hr_request *req, hr_reply *reply);
/* SDG suggestions of a recommendation and a coordinator's decisions (sdg_suggestions.c). */
void hr_handle_sdg_suggestions(hr_request *req, hr_reply *reply);
void hr_handle_sdg_suggestion_confirm(hr_request *req, hr_reply *reply);
void hr_handle_sdg_suggestion_reject(hr_request *req, hr_reply *reply);

#endif
