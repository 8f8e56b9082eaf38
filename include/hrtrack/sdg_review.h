/*
 * Reviewing SDG suggestions: what the linker suggested for a recommendation
 * (`hrtrack-import suggest-sdg` writes them), and a coordinator's decision
 * on each. Confirming makes the link the coordinator's own (source
 * 'manual'); rejecting removes it and remembers it, so that the same goal
 * or target is never suggested again for that recommendation. Both are
 * written in an audited transaction: the audit log names who and when.
 *
 * A suggestion is named by its code: a target ("16.3") or, for a
 * suggestion of a goal alone, the goal ("16").
 */
#ifndef HRTRACK_SDG_REVIEW_H
#define HRTRACK_SDG_REVIEW_H

#include <jansson.h>

#include "hrtrack/audit.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"

/*
 * The suggestions of recommendation `rec_id`, best first, and the
 * suggestions rejected before: {"recommendation_id", "suggestions": [{"code",
 * "goal", "target", "title", "score", "reason"}], "rejected": [the same and
 * "rejected_by" (a user id), "rejected_at"]}, titles in `lang` (English when
 * missing). Returns 0, HR_ENOTFOUND (no such recommendation) or a db.h error.
 */
int hr_db_sdg_suggestions(json_t **out, hr_db *db, long long rec_id, hr_lang lang);

/*
 * Confirms the suggestion of `goal` and `target` (NULL: the goal alone) on
 * `rec_id`: it becomes a link of source 'manual', without score or reason.
 * *out is the link {"recommendation_id", "code", "goal", "target", "source"}.
 * Returns 0, HR_ENOTFOUND (no such suggestion, e.g. already decided) or a
 * db.h error.
 */
int hr_db_sdg_suggestion_confirm(json_t **out, hr_db *db, const hr_actor *actor, long long rec_id,
                                 int goal, const char *target);

/*
 * Rejects the suggestion of `goal` and `target` (NULL: the goal alone) on
 * `rec_id`: the link is removed and the rejection kept, with its score,
 * reason, the actor (who must be a signed-in user) and the time. *out is
 * the rejection {"recommendation_id", "code", "goal", "target", "score",
 * "reason", "rejected_by", "rejected_at"}. Returns 0, HR_ENOTFOUND (no such
 * suggestion), HR_EPARAM (no user in `actor`) or a db.h error.
 */
int hr_db_sdg_suggestion_reject(json_t **out, hr_db *db, const hr_actor *actor, long long rec_id,
                                int goal, const char *target);

#endif
