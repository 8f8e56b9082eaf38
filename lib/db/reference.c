/*
 * Storing reference data (see include/hrtrack/reference.h).
 *
 * Everything goes through COPY into temporary staging tables and then one
 * set-based statement per table that inserts what is new, updates what
 * changed and reports both, so that a second load of the same files reports
 * every row as unchanged and writes nothing.
 */
#include "internal.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/reference.h"
#include "hrtrack/text.h"

#include <stdio.h>
#include <string.h>

static const char staging_sql[] =
    "CREATE TEMP TABLE stage_goal (goal smallint, lang text, title text, short_title text)"
    " ON COMMIT DROP;"
    "CREATE TEMP TABLE stage_target (code text, goal smallint, ordinal smallint, lang text,"
    " title text) ON COMMIT DROP;"
    "CREATE TEMP TABLE stage_indicator (code text, target text, ordinal smallint, lang text,"
    " title text) ON COMMIT DROP;"
    "CREATE TEMP TABLE stage_state (alpha2 text, alpha3 text, numeric_code smallint,"
    " un_member boolean, lang text, name text) ON COMMIT DROP;"
    "CREATE TEMP TABLE stage_alias (alias_key text, alias text, state text, priority int)"
    " ON COMMIT DROP;"
    "CREATE TEMP TABLE stage_mechanism (code text, kind text, ordinal smallint, lang text,"
    " name text) ON COMMIT DROP;";

/*
 * Each sync statement answers one row: inserted, updated, deleted. An
 * entity counts as updated when its own row or any of its texts changed.
 */
static hr_stmt sync_goals = HR_STMT(
    "reference_sync_goals",
    "WITH base AS (INSERT INTO sdg_goal (goal) SELECT DISTINCT goal FROM stage_goal"
    "  ON CONFLICT DO NOTHING RETURNING goal),"
    " txt AS (INSERT INTO sdg_goal_text AS t (goal, lang, title, short_title)"
    "  SELECT goal, lang, title, short_title FROM stage_goal"
    "  ON CONFLICT (goal, lang) DO UPDATE SET title = excluded.title,"
    "   short_title = excluded.short_title"
    "  WHERE (t.title, t.short_title) IS DISTINCT FROM (excluded.title, excluded.short_title)"
    "  RETURNING goal)"
    " SELECT (SELECT count(*) FROM base),"
    "  (SELECT count(DISTINCT goal) FROM txt WHERE goal NOT IN (SELECT goal FROM base)), 0");

static hr_stmt sync_targets = HR_STMT(
    "reference_sync_targets",
    "WITH base AS (INSERT INTO sdg_target AS b (code, goal, ordinal)"
    "  SELECT DISTINCT code, goal, ordinal FROM stage_target"
    "  ON CONFLICT (code) DO UPDATE SET goal = excluded.goal, ordinal = excluded.ordinal"
    "  WHERE (b.goal, b.ordinal) IS DISTINCT FROM (excluded.goal, excluded.ordinal)"
    "  RETURNING code, (xmax = 0) AS inserted),"
    " txt AS (INSERT INTO sdg_target_text AS t (target, lang, title)"
    "  SELECT code, lang, title FROM stage_target"
    "  ON CONFLICT (target, lang) DO UPDATE SET title = excluded.title"
    "  WHERE t.title IS DISTINCT FROM excluded.title RETURNING target AS code)"
    " SELECT (SELECT count(*) FROM base WHERE inserted),"
    "  (SELECT count(*) FROM (SELECT code FROM base WHERE NOT inserted UNION SELECT code FROM txt"
    "   EXCEPT SELECT code FROM base WHERE inserted) AS changed), 0");

static hr_stmt sync_indicators = HR_STMT(
    "reference_sync_indicators",
    "WITH base AS (INSERT INTO sdg_indicator AS b (code, target, ordinal)"
    "  SELECT DISTINCT code, target, ordinal FROM stage_indicator"
    "  ON CONFLICT (code) DO UPDATE SET target = excluded.target, ordinal = excluded.ordinal"
    "  WHERE (b.target, b.ordinal) IS DISTINCT FROM (excluded.target, excluded.ordinal)"
    "  RETURNING code, (xmax = 0) AS inserted),"
    " txt AS (INSERT INTO sdg_indicator_text AS t (indicator, lang, title)"
    "  SELECT code, lang, title FROM stage_indicator"
    "  ON CONFLICT (indicator, lang) DO UPDATE SET title = excluded.title"
    "  WHERE t.title IS DISTINCT FROM excluded.title RETURNING indicator AS code)"
    " SELECT (SELECT count(*) FROM base WHERE inserted),"
    "  (SELECT count(*) FROM (SELECT code FROM base WHERE NOT inserted UNION SELECT code FROM txt"
    "   EXCEPT SELECT code FROM base WHERE inserted) AS changed), 0");

static hr_stmt sync_states = HR_STMT(
    "reference_sync_states",
    "WITH base AS (INSERT INTO state AS b (alpha2, alpha3, numeric_code, un_member)"
    "  SELECT DISTINCT alpha2, alpha3, numeric_code, un_member FROM stage_state"
    "  ON CONFLICT (alpha2) DO UPDATE SET alpha3 = excluded.alpha3,"
    "   numeric_code = excluded.numeric_code, un_member = excluded.un_member"
    "  WHERE (b.alpha3, b.numeric_code, b.un_member)"
    "   IS DISTINCT FROM (excluded.alpha3, excluded.numeric_code, excluded.un_member)"
    "  RETURNING alpha2 AS code, (xmax = 0) AS inserted),"
    " txt AS (INSERT INTO state_name AS t (state, lang, name)"
    "  SELECT alpha2, lang, name FROM stage_state"
    "  ON CONFLICT (state, lang) DO UPDATE SET name = excluded.name"
    "  WHERE t.name IS DISTINCT FROM excluded.name RETURNING state AS code)"
    " SELECT (SELECT count(*) FROM base WHERE inserted),"
    "  (SELECT count(*) FROM (SELECT code FROM base WHERE NOT inserted UNION SELECT code FROM txt"
    "   EXCEPT SELECT code FROM base WHERE inserted) AS changed), 0");

static hr_stmt sync_mechanisms = HR_STMT(
    "reference_sync_mechanisms",
    "WITH base AS (INSERT INTO mechanism AS b (code, kind, ordinal)"
    "  SELECT DISTINCT code, kind, ordinal FROM stage_mechanism"
    "  ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, ordinal = excluded.ordinal"
    "  WHERE (b.kind, b.ordinal) IS DISTINCT FROM (excluded.kind, excluded.ordinal)"
    "  RETURNING code, (xmax = 0) AS inserted),"
    " txt AS (INSERT INTO mechanism_name AS t (mechanism, lang, name)"
    "  SELECT code, lang, name FROM stage_mechanism"
    "  ON CONFLICT (mechanism, lang) DO UPDATE SET name = excluded.name"
    "  WHERE t.name IS DISTINCT FROM excluded.name RETURNING mechanism AS code)"
    " SELECT (SELECT count(*) FROM base WHERE inserted),"
    "  (SELECT count(*) FROM (SELECT code FROM base WHERE NOT inserted UNION SELECT code FROM txt"
    "   EXCEPT SELECT code FROM base WHERE inserted) AS changed), 0");

/* Two spellings may fold to one key: the explicit alias (priority 0) wins. */
static hr_stmt sync_aliases = HR_STMT(
    "reference_sync_aliases",
    "WITH chosen AS (SELECT DISTINCT ON (alias_key) alias_key, alias, state FROM stage_alias"
    "  ORDER BY alias_key, priority, state),"
    " up AS (INSERT INTO state_alias AS a (alias_key, alias, state)"
    "  SELECT alias_key, alias, state FROM chosen"
    "  ON CONFLICT (alias_key) DO UPDATE SET alias = excluded.alias, state = excluded.state"
    "  WHERE (a.alias, a.state) IS DISTINCT FROM (excluded.alias, excluded.state)"
    "  RETURNING (xmax = 0) AS inserted),"
    " del AS (DELETE FROM state_alias a WHERE NOT EXISTS"
    "  (SELECT 1 FROM chosen c WHERE c.alias_key = a.alias_key) RETURNING 1)"
    " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted),"
    "  (SELECT count(*) FROM del), (SELECT count(*) FROM chosen) FROM up");

static hr_stmt alias_conflicts =
    HR_STMT("reference_alias_conflicts",
            "SELECT alias_key, string_agg(DISTINCT state, ', ' ORDER BY state) FROM stage_alias"
            " WHERE priority > 0 GROUP BY alias_key HAVING count(DISTINCT state) > 1"
            " ORDER BY alias_key");

static const char *const langs[HR_LANG_COUNT] = {"en", "es", "fr"};

static int copy_goals(hr_db *db, const hr_reference *ref)
{
    int rc = hr_db_copy_begin(db, "COPY stage_goal FROM STDIN");
    for (size_t i = 0; rc == 0 && i < ref->goal_count; i++) {
        char goal[8];
        snprintf(goal, sizeof goal, "%d", ref->goals[i].goal);
        for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++) {
            const char *row[] = {goal, langs[l], ref->goals[i].title[l],
                                 ref->goals[i].short_title[l]};
            rc = hr_db_copy_row(db, 4, row);
        }
    }
    int end = hr_db_copy_end(db, rc != 0);
    return rc != 0 ? rc : end;
}

static int copy_targets(hr_db *db, const hr_reference *ref)
{
    int rc = hr_db_copy_begin(db, "COPY stage_target FROM STDIN");
    for (size_t i = 0; rc == 0 && i < ref->target_count; i++) {
        const hr_ref_target *t = &ref->targets[i];
        char goal[8], ordinal[8];
        snprintf(goal, sizeof goal, "%d", t->goal);
        snprintf(ordinal, sizeof ordinal, "%d", t->ordinal);
        for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++) {
            const char *row[] = {t->code, goal, ordinal, langs[l], t->title[l]};
            rc = hr_db_copy_row(db, 5, row);
        }
    }
    int end = hr_db_copy_end(db, rc != 0);
    return rc != 0 ? rc : end;
}

static int copy_indicators(hr_db *db, const hr_reference *ref)
{
    int rc = hr_db_copy_begin(db, "COPY stage_indicator FROM STDIN");
    for (size_t i = 0; rc == 0 && i < ref->indicator_count; i++) {
        const hr_ref_indicator *ind = &ref->indicators[i];
        char ordinal[8];
        snprintf(ordinal, sizeof ordinal, "%d", ind->ordinal);
        for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++) {
            const char *row[] = {ind->code, ind->target, ordinal, langs[l], ind->title[l]};
            rc = hr_db_copy_row(db, 5, row);
        }
    }
    int end = hr_db_copy_end(db, rc != 0);
    return rc != 0 ? rc : end;
}

static int copy_states(hr_db *db, const hr_reference *ref)
{
    int rc = hr_db_copy_begin(db, "COPY stage_state FROM STDIN");
    for (size_t i = 0; rc == 0 && i < ref->state_count; i++) {
        const hr_ref_state *s = &ref->states[i];
        char numeric[8];
        snprintf(numeric, sizeof numeric, "%d", s->numeric_code);
        for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++) {
            const char *row[] = {
                s->alpha2, s->alpha3, s->numeric_code ? numeric : NULL, s->un_member ? "t" : "f",
                langs[l],  s->name[l]};
            rc = hr_db_copy_row(db, 6, row);
        }
    }
    int end = hr_db_copy_end(db, rc != 0);
    return rc != 0 ? rc : end;
}

static int copy_alias(hr_db *db, hr_buf *key, const char *alias, const char *state, int priority)
{
    hr_buf_reset(key);
    int rc = hr_text_fold_key(key, alias, strlen(alias));
    if (rc != 0) {
        hr_log_error("alias \"%s\" of %s cannot be folded (%s)", alias, state, hr_error_code(rc));
        return rc;
    }
    if (key->len == 0)
        return 0;
    char prio[8];
    snprintf(prio, sizeof prio, "%d", priority);
    const char *row[] = {hr_buf_cstr(key), alias, state, prio};
    return hr_db_copy_row(db, 4, row);
}

/* Explicit aliases first (priority 0), then every state name (1..3). */
static int copy_aliases(hr_db *db, const hr_reference *ref, long *read)
{
    hr_buf key;
    hr_buf_init(&key, 4096);
    int rc = hr_db_copy_begin(db, "COPY stage_alias FROM STDIN");
    for (size_t i = 0; rc == 0 && i < ref->alias_count; i++)
        rc = copy_alias(db, &key, ref->aliases[i].alias, ref->aliases[i].alpha2, 0);
    for (size_t i = 0; rc == 0 && i < ref->state_count; i++) {
        for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++)
            rc = copy_alias(db, &key, ref->states[i].name[l], ref->states[i].alpha2, l + 1);
    }
    hr_buf_free(&key);
    *read = (long)(ref->alias_count + ref->state_count * HR_LANG_COUNT);
    int end = hr_db_copy_end(db, rc != 0);
    return rc != 0 ? rc : end;
}

static int copy_mechanisms(hr_db *db, const hr_reference *ref)
{
    int rc = hr_db_copy_begin(db, "COPY stage_mechanism FROM STDIN");
    for (size_t i = 0; rc == 0 && i < ref->mechanism_count; i++) {
        const hr_ref_mechanism *m = &ref->mechanisms[i];
        char ordinal[24];
        snprintf(ordinal, sizeof ordinal, "%zu", i + 1);
        for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++) {
            const char *row[] = {m->code, m->kind, ordinal, langs[l], m->name[l]};
            rc = hr_db_copy_row(db, 5, row);
        }
    }
    int end = hr_db_copy_end(db, rc != 0);
    return rc != 0 ? rc : end;
}

static int sync(hr_load_count *count, hr_db *db, hr_stmt *stmt, long read)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, stmt, 0, NULL);
    if (rc != 0)
        return rc;
    /* A fourth column, when present, is the number of distinct rows read. */
    count->read = PQnfields(res) > 3 ? hr_db_get_long(res, 0, 3) : read;
    count->inserted = hr_db_get_long(res, 0, 0);
    count->updated = hr_db_get_long(res, 0, 1);
    count->deleted = hr_db_get_long(res, 0, 2);
    count->unchanged = count->read - count->inserted - count->updated;
    PQclear(res);
    return 0;
}

static int warn_alias_conflicts(hr_db *db)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &alias_conflicts, 0, NULL);
    if (rc != 0)
        return rc;
    for (int row = 0; row < PQntuples(res); row++)
        hr_log_warn("state name \"%s\" is shared by %s; list it in state-aliases.tsv to choose",
                    PQgetvalue(res, row, 0), PQgetvalue(res, row, 1));
    PQclear(res);
    return 0;
}

typedef struct store_job {
    const hr_reference *ref;
    hr_reference_counts *counts;
} store_job;

static int store(hr_db *db, void *ctx)
{
    store_job *job = ctx;
    const hr_reference *ref = job->ref;
    hr_reference_counts *c = job->counts;
    long alias_read = 0;
    memset(c, 0, sizeof *c);
    int rc = hr_db_exec_script(db, staging_sql);
    if (rc == 0)
        rc = copy_goals(db, ref);
    if (rc == 0)
        rc = copy_targets(db, ref);
    if (rc == 0)
        rc = copy_indicators(db, ref);
    if (rc == 0)
        rc = copy_states(db, ref);
    if (rc == 0)
        rc = copy_aliases(db, ref, &alias_read);
    if (rc == 0)
        rc = copy_mechanisms(db, ref);
    if (rc == 0)
        rc = sync(&c->goals, db, &sync_goals, (long)ref->goal_count);
    if (rc == 0)
        rc = sync(&c->targets, db, &sync_targets, (long)ref->target_count);
    if (rc == 0)
        rc = sync(&c->indicators, db, &sync_indicators, (long)ref->indicator_count);
    if (rc == 0)
        rc = sync(&c->states, db, &sync_states, (long)ref->state_count);
    if (rc == 0)
        rc = warn_alias_conflicts(db);
    if (rc == 0)
        rc = sync(&c->aliases, db, &sync_aliases, alias_read);
    if (rc == 0)
        rc = sync(&c->mechanisms, db, &sync_mechanisms, (long)ref->mechanism_count);
    return rc;
}

/* Fresh statistics, so that the planner does not guess sizes of tables it never saw. */
static const char analyze_sql[] =
    "ANALYZE sdg_goal, sdg_goal_text, sdg_target, sdg_target_text, sdg_indicator,"
    " sdg_indicator_text, state, state_name, state_alias, mechanism, mechanism_name";

int hr_db_reference_store(hr_db *db, const hr_reference *ref, hr_reference_counts *counts)
{
    store_job job = {ref, counts};
    int rc = hr_db_transaction(db, store, &job);
    if (rc == 0)
        rc = hr_db_exec_script(db, analyze_sql);
    return rc;
}
