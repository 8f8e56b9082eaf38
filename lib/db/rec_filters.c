/* The shared WHERE clause of recommendation queries (see rec_filters.h). */
#include "rec_filters.h"

#include "hrtrack/error.h"

/* Indexed by parameter: the filters up to session ($1..$12), from ($13), to ($14),
 * the search text ($15), then status, institution, cluster, priority ($16..$19),
 * and the SDG link sources ($20), which the SDG filters use. */
static const struct {
    const char *present; /* the fragment when the filter is given */
    const char *absent;  /* a true clause that types the parameter */
} fragments[HR_REC_FILTER_PARAMS] = {
    {" AND r.id IN (SELECT recommendation_id FROM recommendation_state"
     " WHERE state = ANY($1::text[]))",
     " AND ($1::text[] IS NULL OR true)"},
    {" AND r.mechanism = ANY($2::text[])", " AND ($2::text[] IS NULL OR true)"},
    {" AND r.body_id IN (SELECT id FROM body WHERE name = ANY($3::text[]))",
     " AND ($3::text[] IS NULL OR true)"},
    {" AND r.document_id IN (SELECT id FROM document WHERE symbol = ANY($4::text[]))",
     " AND ($4::text[] IS NULL OR true)"},
    {" AND r.id IN (SELECT recommendation_id FROM recommendation_theme"
     " WHERE theme_id = ANY($5::int[]))",
     " AND ($5::int[] IS NULL OR true)"},
    {" AND r.id IN (SELECT recommendation_id FROM recommendation_affected_person"
     " WHERE affected_person_id = ANY($6::int[]))",
     " AND ($6::int[] IS NULL OR true)"},
    {" AND r.id IN (SELECT recommendation_id FROM recommendation_sdg"
     " WHERE goal = ANY($7::smallint[]) AND source = ANY($20::text[]))",
     " AND ($7::smallint[] IS NULL OR true)"},
    {" AND r.id IN (SELECT recommendation_id FROM recommendation_sdg"
     " WHERE target = ANY($8::text[]) AND source = ANY($20::text[]))",
     " AND ($8::text[] IS NULL OR true)"},
    {" AND r.upr_position = ANY($9::text[])", " AND ($9::text[] IS NULL OR true)"},
    {" AND r.id IN (SELECT recommendation_id FROM recommendation_recommending_state"
     " WHERE state = ANY($10::text[]))",
     " AND ($10::text[] IS NULL OR true)"},
    {" AND r.upr_cycle = ANY($11::smallint[])", " AND ($11::smallint[] IS NULL OR true)"},
    {" AND r.upr_session = ANY($12::smallint[])", " AND ($12::smallint[] IS NULL OR true)"},
    {" AND r.published >= $13::date", " AND ($13::date IS NULL OR true)"},
    {" AND r.published <= $14::date", " AND ($14::date IS NULL OR true)"},
    {" AND r.search @@ " HR_REC_TSQUERY, " AND ($15::text IS NULL OR true)"},
    /* Without "none"; with it, status_with_none below. */
    {" AND r.id IN (SELECT recommendation_id FROM rec_status WHERE status = ANY($16::text[]))",
     " AND ($16::text[] IS NULL OR true)"},
    /* Assigned as lead or as support. */
    {" AND r.id IN (SELECT recommendation_id FROM rec_assignment"
     " WHERE institution_id = ANY($17::int[]))",
     " AND ($17::int[] IS NULL OR true)"},
    {" AND r.id IN (SELECT recommendation_id FROM rec_cluster_member"
     " WHERE cluster_id = ANY($18::bigint[]))",
     " AND ($18::bigint[] IS NULL OR true)"},
    {" AND r.id IN (SELECT recommendation_id FROM rec_plan WHERE priority = ANY($19::text[]))",
     " AND ($19::text[] IS NULL OR true)"},
    /* Never absent (the default is every source but 'suggested'); typed here for the
     * statements that use it only in their SDG columns, or not at all (counts). */
    {" AND ($20::text[] IS NULL OR true)", " AND ($20::text[] IS NULL OR true)"},
};

/* The status filter when "none" (no approved status yet) is among its values:
 * the recommendations that have no status outside the values. NOT EXISTS is
 * planned as an anti-join, an index probe per row for a small set and a hash
 * for a large one; NOT IN hashed all of rec_status even for one state's
 * recommendations (95 ms for a page), and an OR of IN and NOT EXISTS is a
 * subplan per row. */
static const char status_with_none[] =
    " AND NOT EXISTS (SELECT 1 FROM rec_status s WHERE s.recommendation_id = r.id"
    " AND s.status <> ALL($16::text[]))";

/* The index of the status parameter in fragments[]. */
#define STATUS_PARAM 15

int hr_rec_filters_where(hr_buf *sql, const hr_rec_query *q)
{
    const char *params[HR_REC_FILTER_PARAMS];
    hr_rec_filter_params(params, q);
    int rc = hr_buf_puts(sql, " WHERE true");
    for (int i = 0; rc == 0 && i < HR_REC_FILTER_PARAMS; i++) {
        const char *fragment = params[i] != NULL ? fragments[i].present : fragments[i].absent;
        if (i == STATUS_PARAM && params[i] != NULL && q->status_none)
            fragment = status_with_none;
        rc = hr_buf_puts(sql, fragment);
    }
    return rc;
}

int hr_rec_filters_statement(hr_buf *sql, const char *prefix, const hr_rec_query *q,
                             const char *suffix)
{
    hr_buf_reset(sql);
    int rc = hr_buf_puts(sql, prefix);
    if (rc == 0)
        rc = hr_rec_filters_where(sql, q);
    return rc == 0 ? hr_buf_puts(sql, suffix) : rc;
}
