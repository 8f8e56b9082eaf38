/*
 * The database side of `hrtrack-import suggest-sdg` (see
 * include/hrtrack/sdg_suggest.h). One transaction: the inputs are read
 * through cursors (examples can be hundreds of thousands of long texts),
 * the candidates are fixed in a temporary table, the suggestions stream
 * into another through COPY, and three set-based statements then remove,
 * update and add suggested links. The statements before them check again
 * what may have changed while the linker worked: a recommendation that got
 * a link of its own, or a suggestion rejected meanwhile, is left alone.
 */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/sdg_code.h"
#include "hrtrack/sdg_suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows per FETCH: a few MB of text at a time. */
#define FETCH_ROWS "2000"

struct hr_sdg_run {
    hr_db *db;
    int copying;
};

static const char begin_sql[] =
    "BEGIN;"
    /* The audit log names the program, as for every import; the run's kind is in its row. */
    "SELECT set_config('hrtrack.actor', 'hrtrack-import', true);"
    "CREATE TEMP TABLE sdg_scope (id bigint PRIMARY KEY) ON COMMIT DROP;"
    "CREATE TEMP TABLE sdg_new (recommendation_id bigint NOT NULL, goal smallint NOT NULL,"
    " target text, score real NOT NULL, reason text NOT NULL) ON COMMIT DROP";

static hr_stmt scope_exists =
    HR_STMT("sdg_suggest_scope_exists",
            "SELECT $1::text IS NULL OR EXISTS (SELECT 1 FROM state WHERE alpha2 = $1::text),"
            " $2::text IS NULL OR EXISTS (SELECT 1 FROM document WHERE symbol = $2::text)");

/* Goals (title and short title), targets, and indicators under their target's code. */
static hr_stmt texts = HR_STMT(
    "sdg_suggest_texts", "SELECT goal::text, lang, title FROM sdg_goal_text"
                         " UNION ALL SELECT goal::text, lang, short_title FROM sdg_goal_text"
                         " UNION ALL SELECT target, lang, title FROM sdg_target_text"
                         " UNION ALL SELECT i.target, x.lang, x.title FROM sdg_indicator_text x"
                         "  JOIN sdg_indicator i ON i.code = x.indicator"
                         " ORDER BY 1, 2, 3");

/* In id order: the linker's answers must not depend on the order rows happen to come in. */
static const char examples_cursor[] =
    "DECLARE sdg_examples NO SCROLL CURSOR FOR"
    " SELECT r.id::text, r.language, r.text_plain, x.codes FROM ("
    "  SELECT recommendation_id, string_agg(coalesce(target, goal::text), ','"
    "   ORDER BY goal, target NULLS FIRST) AS codes"
    "  FROM recommendation_sdg WHERE source IN ('uhri', 'manual') GROUP BY recommendation_id) x"
    " JOIN recommendation r ON r.id = x.recommendation_id ORDER BY r.id";

/* $1 state, $2 document (NULL: all), $3 relearn. */
static hr_stmt choose_candidates = HR_STMT(
    "sdg_suggest_candidates",
    "INSERT INTO sdg_scope (id) SELECT r.id FROM recommendation r"
    " WHERE ($1::text IS NULL OR r.id IN (SELECT recommendation_id FROM recommendation_state"
    "  WHERE state = $1::text))"
    " AND ($2::text IS NULL OR r.document_id IN (SELECT id FROM document WHERE symbol = $2::text))"
    " AND NOT EXISTS (SELECT 1 FROM recommendation_sdg l WHERE l.recommendation_id = r.id"
    "  AND l.source <> 'suggested')"
    " AND ($3::boolean OR (NOT EXISTS (SELECT 1 FROM recommendation_sdg l"
    "  WHERE l.recommendation_id = r.id) AND NOT EXISTS (SELECT 1 FROM"
    "  recommendation_sdg_rejection x WHERE x.recommendation_id = r.id)))");

static const char candidates_cursor[] =
    "DECLARE sdg_candidates NO SCROLL CURSOR FOR"
    " SELECT s.id, r.language, r.text_plain, coalesce(',' || (SELECT string_agg("
    "  coalesce(x.target, x.goal::text), ',') FROM recommendation_sdg_rejection x"
    "  WHERE x.recommendation_id = s.id) || ',', '')"
    " FROM sdg_scope s JOIN recommendation r ON r.id = s.id ORDER BY s.id";

/*
 * Before writing, what may have changed since the candidates were chosen:
 * a recommendation that got a link of its own is no longer one, and a
 * suggestion rejected meanwhile is not written back. The lock keeps other
 * writers of links (an import, a coordinator's decision) waiting from here
 * to the commit, a few seconds, so that these checks stay true; readers
 * are not held up. Then which candidates had suggestions (to tell inserted
 * from updated recommendations), and which staged suggestions are new.
 *
 * The table's statistics are refreshed first: on a new installation they
 * say it is empty, and the planner then probes it with a sequential scan
 * per staged row. The new suggestions are chosen before any is inserted,
 * so that no scan of the table ever walks the rows being added (a first
 * run of 41,000 recommendations took 143 s that way, 6 s now).
 */
static const char settle_sql[] =
    "LOCK TABLE recommendation_sdg IN SHARE ROW EXCLUSIVE MODE;"
    "ANALYZE recommendation_sdg;"
    "ANALYZE sdg_new;"
    "DELETE FROM sdg_scope s WHERE EXISTS (SELECT 1 FROM recommendation_sdg l"
    " WHERE l.recommendation_id = s.id AND l.source <> 'suggested');"
    "DELETE FROM sdg_new n WHERE NOT EXISTS (SELECT 1 FROM sdg_scope s"
    " WHERE s.id = n.recommendation_id) OR EXISTS (SELECT 1 FROM recommendation_sdg_rejection x"
    " WHERE x.recommendation_id = n.recommendation_id AND x.goal = n.goal"
    " AND coalesce(x.target, '') = coalesce(n.target, ''));"
    "CREATE TEMP TABLE sdg_had ON COMMIT DROP AS SELECT DISTINCT l.recommendation_id AS id"
    " FROM recommendation_sdg l JOIN sdg_scope s ON s.id = l.recommendation_id"
    " WHERE l.source = 'suggested';"
    "CREATE TEMP TABLE sdg_add ON COMMIT DROP AS SELECT n.* FROM sdg_new n"
    " WHERE NOT EXISTS (SELECT 1 FROM recommendation_sdg l"
    "  WHERE l.recommendation_id = n.recommendation_id AND l.goal = n.goal"
    "  AND coalesce(l.target, '') = coalesce(n.target, ''));"
    "CREATE TEMP TABLE sdg_touched (id bigint NOT NULL, change char NOT NULL) ON COMMIT DROP;"
    "ANALYZE sdg_scope, sdg_had, sdg_add";

/*
 * The three changes touch disjoint rows, one statement each, in this
 * order: removed are the candidates' suggestions that are not staged,
 * changed the staged ones that exist with another score or reason, added
 * the new ones. A link is the same when its recommendation, goal and
 * target ('' for a goal-level link) are. No insert can conflict (the table
 * is locked, the candidates have no other links): without ON CONFLICT,
 * 120,000 suggestions go in a third faster.
 */
static const char write_sql[] =
    "WITH removed AS (DELETE FROM recommendation_sdg l USING sdg_scope s"
    "  WHERE l.recommendation_id = s.id AND l.source = 'suggested'"
    "  AND NOT EXISTS (SELECT 1 FROM sdg_new n WHERE n.recommendation_id = l.recommendation_id"
    "   AND n.goal = l.goal AND coalesce(n.target, '') = coalesce(l.target, ''))"
    "  RETURNING l.recommendation_id)"
    " INSERT INTO sdg_touched SELECT recommendation_id, 'r' FROM removed;"
    "WITH changed AS (UPDATE recommendation_sdg l SET score = n.score, reason = n.reason"
    "  FROM sdg_new n WHERE l.recommendation_id = n.recommendation_id AND l.goal = n.goal"
    "  AND coalesce(l.target, '') = coalesce(n.target, '') AND l.source = 'suggested'"
    "  AND (l.score <> n.score OR l.reason <> n.reason) RETURNING l.recommendation_id)"
    " INSERT INTO sdg_touched SELECT recommendation_id, 'c' FROM changed;"
    "WITH added AS (INSERT INTO recommendation_sdg"
    "  (recommendation_id, goal, target, source, score, reason)"
    "  SELECT recommendation_id, goal, target, 'suggested', score, reason FROM sdg_add"
    "  RETURNING recommendation_id)"
    " INSERT INTO sdg_touched SELECT recommendation_id, 'a' FROM added";

/* Recommendations considered, inserted (no suggestion before), updated; links added, changed,
 * removed. */
static hr_stmt count_changes = HR_STMT(
    "sdg_suggest_counts",
    "WITH touched AS (SELECT DISTINCT id FROM sdg_touched)"
    " SELECT (SELECT count(*) FROM sdg_scope),"
    "  (SELECT count(*) FROM touched t WHERE NOT EXISTS (SELECT 1 FROM sdg_had h"
    "   WHERE h.id = t.id)),"
    "  (SELECT count(*) FROM touched t WHERE EXISTS (SELECT 1 FROM sdg_had h WHERE h.id = t.id)),"
    "  (SELECT count(*) FROM sdg_touched WHERE change = 'a'),"
    "  (SELECT count(*) FROM sdg_touched WHERE change = 'c'),"
    "  (SELECT count(*) FROM sdg_touched WHERE change = 'r')");

/* The transaction began with the run: now() is when it started. */
static hr_stmt record_run =
    HR_STMT("sdg_suggest_record_run",
            "INSERT INTO import_run (kind, file_name, sha256, records_read, inserted, updated,"
            " unchanged, rejected, started_at, finished_at, outcome)"
            " VALUES ('suggest-sdg', $1, $2, $3, $4, $5, $6, 0, now(), clock_timestamp(),"
            " 'succeeded')");

int hr_sdg_run_begin(hr_sdg_run **out, hr_db *db)
{
    *out = NULL;
    hr_sdg_run *run = calloc(1, sizeof *run);
    if (run == NULL)
        return HR_ENOMEM;
    run->db = db;
    int rc = hr_db_exec_script(db, begin_sql);
    if (rc != 0) {
        hr_sdg_run_abort(run);
        return rc;
    }
    *out = run;
    return 0;
}

int hr_sdg_run_check_scope(const char **field, hr_sdg_run *run, const hr_sdg_scope *scope)
{
    const char *params[] = {scope->state, scope->document};
    PGresult *res = NULL;
    *field = NULL;
    int rc = hr_db_exec(&res, run->db, &scope_exists, 2, params);
    if (rc != 0)
        return rc;
    if (strcmp(PQgetvalue(res, 0, 0), "t") != 0)
        *field = "state";
    else if (strcmp(PQgetvalue(res, 0, 1), "t") != 0)
        *field = "document";
    PQclear(res);
    return *field != NULL ? HR_ENOTFOUND : 0;
}

/* The language of a text column ("en", "es", "fr"); English for anything else. */
static hr_lang lang_of(const char *code)
{
    hr_lang lang = HR_LANG_EN;
    hr_lang_parse(&lang, code);
    return lang;
}

int hr_sdg_run_texts(hr_sdg_run *run, hr_sdg_text_fn fn, void *ctx)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, run->db, &texts, 0, NULL);
    for (int row = 0; rc == 0 && row < PQntuples(res); row++)
        rc = fn(ctx, PQgetvalue(res, row, 0), lang_of(PQgetvalue(res, row, 1)),
                PQgetvalue(res, row, 2));
    PQclear(res);
    return rc;
}

/* Calls row(ctx, res, i) for every row of the open cursor `name`, a batch at a time. */
static int fetch_all(hr_db *db, const char *fetch_sql,
                     int (*row)(void *ctx, const PGresult *res, int i), void *ctx)
{
    int rc = 0, rows = 0;
    do {
        PGresult *res = NULL;
        rc = hr_db_exec_params(&res, db, fetch_sql, 0, NULL);
        rows = rc == 0 ? PQntuples(res) : 0;
        for (int i = 0; rc == 0 && i < rows; i++)
            rc = row(ctx, res, i);
        PQclear(res);
    } while (rc == 0 && rows > 0);
    return rc;
}

typedef struct example_call {
    hr_sdg_example_fn fn;
    void *ctx;
} example_call;

static int example_row(void *ctx, const PGresult *res, int i)
{
    example_call *call = ctx;
    char codes_text[HR_SDG_EXAMPLE_CODES_MAX * HR_SDG_CODE_MAX];
    const char *codes[HR_SDG_EXAMPLE_CODES_MAX];
    size_t n = 0;
    const char *all = PQgetvalue(res, i, 3);
    if (strlen(all) >= sizeof codes_text) /* codes are short: only a huge list is cut */
        hr_log_warn("recommendation %s: only its first SDG links are learnt from",
                    PQgetvalue(res, i, 0));
    snprintf(codes_text, sizeof codes_text, "%s", all);
    /* A cut list ends at its last whole code. */
    char *last_comma = strrchr(codes_text, ',');
    if (strlen(all) >= sizeof codes_text && last_comma != NULL)
        *last_comma = '\0';
    for (char *p = codes_text; p != NULL && *p != '\0' && n < HR_SDG_EXAMPLE_CODES_MAX;) {
        char *comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        codes[n++] = p;
        p = comma ? comma + 1 : NULL;
    }
    return call->fn(call->ctx, PQgetvalue(res, i, 0), lang_of(PQgetvalue(res, i, 1)),
                    PQgetvalue(res, i, 2), codes, n);
}

int hr_sdg_run_examples(hr_sdg_run *run, hr_sdg_example_fn fn, void *ctx)
{
    example_call call = {fn, ctx};
    int rc = hr_db_exec_script(run->db, examples_cursor);
    if (rc == 0)
        rc = fetch_all(run->db, "FETCH " FETCH_ROWS " FROM sdg_examples", example_row, &call);
    if (rc == 0)
        rc = hr_db_exec_script(run->db, "CLOSE sdg_examples");
    return rc;
}

typedef struct candidate_call {
    hr_sdg_candidate_fn fn;
    void *ctx;
} candidate_call;

static int candidate_row(void *ctx, const PGresult *res, int i)
{
    candidate_call *call = ctx;
    return call->fn(call->ctx, strtoll(PQgetvalue(res, i, 0), NULL, 10),
                    lang_of(PQgetvalue(res, i, 1)), PQgetvalue(res, i, 2), PQgetvalue(res, i, 3));
}

int hr_sdg_run_candidates(hr_sdg_run *run, const hr_sdg_scope *scope, hr_sdg_candidate_fn fn,
                          void *ctx, long *count)
{
    candidate_call call = {fn, ctx};
    const char *params[] = {scope->state, scope->document, scope->relearn ? "t" : "f"};
    PGresult *res = NULL;
    *count = 0;
    int rc = hr_db_exec(&res, run->db, &choose_candidates, 3, params);
    if (rc == 0)
        *count = strtol(PQcmdTuples(res), NULL, 10);
    PQclear(res);
    if (rc == 0)
        rc = hr_db_exec_script(run->db, "ANALYZE sdg_scope");
    if (rc == 0)
        rc = hr_db_exec_script(run->db, candidates_cursor);
    if (rc == 0)
        rc = fetch_all(run->db, "FETCH " FETCH_ROWS " FROM sdg_candidates", candidate_row, &call);
    if (rc == 0)
        rc = hr_db_exec_script(run->db, "CLOSE sdg_candidates");
    return rc;
}

/* Checks a suggestion's values before they reach COPY, where an error would end the run. */
static int valid_suggestion(int goal, const char *target, double score, const char *reason)
{
    int target_goal = 0, ordinal = 0;
    if (goal < 1 || goal > HR_SDG_GOALS || !(score > 0.0 && score <= 1.0) || reason == NULL ||
        reason[0] == '\0' || strlen(reason) > 500)
        return 0;
    if (target == NULL || target[0] == '\0')
        return 1;
    return hr_sdg_target_parse(&target_goal, &ordinal, target) == 0 && target_goal == goal;
}

int hr_sdg_run_add(hr_sdg_run *run, long long rec_id, int goal, const char *target, double score,
                   const char *reason)
{
    if (!valid_suggestion(goal, target, score, reason))
        return HR_EPARAM;
    int rc = 0;
    if (!run->copying) {
        rc = hr_db_copy_begin(run->db, "COPY sdg_new FROM STDIN");
        run->copying = rc == 0;
    }
    char id[24], goal_text[8], score_text[32];
    snprintf(id, sizeof id, "%lld", rec_id);
    snprintf(goal_text, sizeof goal_text, "%d", goal);
    /* Nine digits carry a real exactly: the same score always stores the same value. */
    snprintf(score_text, sizeof score_text, "%.9g", score);
    const char *fields[] = {id, goal_text, target && target[0] ? target : NULL, score_text, reason};
    return rc == 0 ? hr_db_copy_row(run->db, 5, fields) : rc;
}

static int write_all(hr_sdg_run *run, const char *file_name, const char *sha256,
                     hr_sdg_counts *counts)
{
    int rc = 0;
    if (run->copying) {
        run->copying = 0;
        rc = hr_db_copy_end(run->db, 0);
    }
    if (rc == 0)
        rc = hr_db_exec_script(run->db, settle_sql);
    if (rc == 0)
        rc = hr_db_exec_script(run->db, write_sql);
    PGresult *res = NULL;
    if (rc == 0)
        rc = hr_db_exec(&res, run->db, &count_changes, 0, NULL);
    if (rc == 0) {
        counts->read = hr_db_get_long(res, 0, 0);
        counts->inserted = hr_db_get_long(res, 0, 1);
        counts->updated = hr_db_get_long(res, 0, 2);
        counts->unchanged = counts->read - counts->inserted - counts->updated;
        counts->links_added = hr_db_get_long(res, 0, 3);
        counts->links_changed = hr_db_get_long(res, 0, 4);
        counts->links_removed = hr_db_get_long(res, 0, 5);
    }
    PQclear(res);
    char values[4][24];
    long v[] = {counts->read, counts->inserted, counts->updated, counts->unchanged};
    for (int i = 0; i < 4; i++)
        snprintf(values[i], sizeof values[i], "%ld", v[i]);
    const char *params[] = {file_name, sha256, values[0], values[1], values[2], values[3]};
    return rc == 0 ? hr_db_exec_command(run->db, &record_run, 6, params) : rc;
}

int hr_sdg_run_commit(hr_sdg_run *run, const char *file_name, const char *sha256, int dry_run,
                      hr_sdg_counts *counts)
{
    memset(counts, 0, sizeof *counts);
    int rc = write_all(run, file_name, sha256, counts);
    if (rc == 0)
        rc = hr_db_exec_script(run->db, dry_run ? "ROLLBACK" : "COMMIT");
    if (rc != 0) {
        hr_sdg_run_abort(run);
        return rc;
    }
    /* Committed: fresh statistics help the planner, but their failure changes nothing. */
    if (!dry_run && counts->links_added + counts->links_removed > 0 &&
        hr_db_exec_script(run->db, "ANALYZE recommendation_sdg") != 0)
        hr_log_warn("suggest-sdg: ANALYZE recommendation_sdg failed; the suggestions are saved");
    free(run);
    return 0;
}

void hr_sdg_run_abort(hr_sdg_run *run)
{
    if (run == NULL)
        return;
    if (run->copying)
        hr_db_copy_end(run->db, 1);
    hr_db_exec_script(run->db, "ROLLBACK");
    free(run);
}
