/*
 * The recommendation loader (see include/hrtrack/import.h).
 *
 * One transaction per file. Records stream into a temporary staging table
 * through COPY while the reader parses; hr_import_commit then removes
 * duplicate keys, adds new vocabulary, upserts documents and
 * recommendations (skipping those whose content hash did not change), and
 * replaces the child rows of the changed ones only. SDG links are replaced
 * only when they came from this kind of import: links a person made
 * ('manual') are never touched, and a 'suggested' link that the source
 * confirms becomes the source's own.
 */
#include "internal.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/import.h"
#include "hrtrack/log.h"
#include "hrtrack/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STAGE_FIELDS 25

struct hr_import {
    hr_db *db;
    char kind[16];
    char link_source[8]; /* 'uhri' or 'import' */
    char run_id[24];
    char file_name[1001];
    long read;
    long rejected_by_reader;
    int copying;
    hr_buf line; /* scratch for array literals */
};

/*
 * The staging table holds the whole file; with the default 8 MB of temporary
 * buffers it would spill to disk and be read again by every later step.
 * This must be set before the session first touches a temporary table.
 */
static const char stage_sql[] =
    "SET temp_buffers = '1GB';"
    /* The audit log names the importer as the author of the run. */
    "SELECT set_config('hrtrack.actor', 'hrtrack-import', true);"
    "CREATE TEMP TABLE stage_rec ("
    " ord bigint, external_key text, symbol text, document_key text, mechanism text,"
    " body text, paragraph text, text_published text, text_plain text, language text,"
    " annotation_type text, position text, cycle smallint, session smallint, action smallint,"
    " published date, published_on_uhri timestamp, states text[], regions text[],"
    " themes text[], persons text[], rec_states text[], rec_regions text[],"
    " sdg_goals smallint[], sdg_targets text[], content_hash text) ON COMMIT DROP;"
    "CREATE TEMP TABLE changed (id bigint PRIMARY KEY, external_key text, inserted boolean)"
    " ON COMMIT DROP";

static hr_stmt start_run =
    HR_STMT("import_start_run",
            "INSERT INTO import_run (kind, file_name, sha256, records_read, inserted, updated,"
            " unchanged, rejected, started_at, outcome)"
            " VALUES ($1, $2, $3, 0, 0, 0, 0, 0, now(), 'succeeded') RETURNING id");

static hr_stmt remove_duplicates = HR_STMT(
    "import_remove_duplicates",
    "WITH d AS (SELECT ord, min(ord) OVER (PARTITION BY external_key) AS first FROM stage_rec),"
    " del AS (DELETE FROM stage_rec s USING d WHERE s.ord = d.ord AND d.ord <> d.first"
    "  RETURNING s.ord, s.external_key, d.first)"
    " SELECT ord, external_key, first FROM del ORDER BY ord");

static hr_stmt add_themes = HR_STMT(
    "import_add_themes", "INSERT INTO theme (name) SELECT DISTINCT unnest(themes) FROM stage_rec"
                         " ON CONFLICT DO NOTHING");
static hr_stmt add_persons =
    HR_STMT("import_add_persons",
            "INSERT INTO affected_person (name) SELECT DISTINCT unnest(persons) FROM stage_rec"
            " ON CONFLICT DO NOTHING");
static hr_stmt add_regions = HR_STMT(
    "import_add_regions",
    "INSERT INTO region (name) SELECT DISTINCT unnest(regions || rec_regions) FROM stage_rec"
    " ON CONFLICT DO NOTHING");
static hr_stmt add_bodies =
    HR_STMT("import_add_bodies",
            "INSERT INTO body (name, mechanism) SELECT DISTINCT ON (body) body, mechanism"
            " FROM stage_rec WHERE body IS NOT NULL ORDER BY body, ord ON CONFLICT DO NOTHING");

static hr_stmt upsert_documents = HR_STMT(
    "import_upsert_documents",
    "INSERT INTO document AS d (symbol, external_id, mechanism, body_id, published, upr_cycle,"
    " upr_session)"
    " SELECT DISTINCT ON (s.symbol) s.symbol, s.document_key::uuid, s.mechanism, b.id,"
    "  s.published, s.cycle, s.session"
    " FROM stage_rec s LEFT JOIN body b ON b.name = s.body"
    " WHERE s.symbol IS NOT NULL ORDER BY s.symbol, s.ord"
    " ON CONFLICT (symbol) DO UPDATE SET"
    "  external_id = coalesce(excluded.external_id, d.external_id),"
    "  mechanism = excluded.mechanism, body_id = coalesce(excluded.body_id, d.body_id),"
    "  published = coalesce(excluded.published, d.published),"
    "  upr_cycle = coalesce(excluded.upr_cycle, d.upr_cycle),"
    "  upr_session = coalesce(excluded.upr_session, d.upr_session)"
    " WHERE (d.external_id, d.mechanism, d.body_id, d.published, d.upr_cycle, d.upr_session)"
    "  IS DISTINCT FROM (coalesce(excluded.external_id, d.external_id), excluded.mechanism,"
    "  coalesce(excluded.body_id, d.body_id), coalesce(excluded.published, d.published),"
    "  coalesce(excluded.upr_cycle, d.upr_cycle), coalesce(excluded.upr_session, d.upr_session))");

static hr_stmt upsert_recommendations = HR_STMT(
    "import_upsert_recommendations",
    "WITH up AS (INSERT INTO recommendation AS r (source, external_key, document_id, mechanism,"
    "  body_id, paragraph, text_published, text_plain, language, annotation_type, upr_position,"
    "  upr_cycle, upr_session, action_category, published, published_on_uhri, content_hash,"
    "  import_run_id)"
    " SELECT $1, s.external_key, d.id, s.mechanism, b.id, s.paragraph, s.text_published,"
    "  s.text_plain, s.language, s.annotation_type, s.position, s.cycle, s.session, s.action,"
    "  s.published, s.published_on_uhri, s.content_hash, $2::bigint"
    " FROM stage_rec s LEFT JOIN document d ON d.symbol = s.symbol"
    " LEFT JOIN body b ON b.name = s.body"
    " ON CONFLICT (source, external_key) DO UPDATE SET document_id = excluded.document_id,"
    "  mechanism = excluded.mechanism, body_id = excluded.body_id,"
    "  paragraph = excluded.paragraph, text_published = excluded.text_published,"
    "  text_plain = excluded.text_plain, language = excluded.language,"
    "  annotation_type = excluded.annotation_type, upr_position = excluded.upr_position,"
    "  upr_cycle = excluded.upr_cycle, upr_session = excluded.upr_session,"
    "  action_category = excluded.action_category, published = excluded.published,"
    "  published_on_uhri = excluded.published_on_uhri, content_hash = excluded.content_hash,"
    "  import_run_id = excluded.import_run_id, updated_at = now()"
    " WHERE r.content_hash <> excluded.content_hash"
    " RETURNING r.id, r.external_key, (r.xmax = 0) AS inserted)"
    " INSERT INTO changed SELECT id, external_key, inserted FROM up");

/* The lists of the changed recommendations, read once from the wide staging rows. */
static const char lists_sql[] =
    "CREATE TEMP TABLE lists ON COMMIT DROP AS"
    " SELECT c.id, s.states, s.regions, s.themes, s.persons, s.rec_states, s.rec_regions,"
    "  s.sdg_goals, s.sdg_targets FROM changed c JOIN stage_rec s USING (external_key);"
    "ANALYZE lists";

/* Child rows of updated recommendations are replaced, not merged. */
static hr_stmt clear_children = HR_STMT(
    "import_clear_children",
    "WITH old AS (SELECT id FROM changed WHERE NOT inserted),"
    " a AS (DELETE FROM recommendation_state WHERE recommendation_id IN (SELECT id FROM old)),"
    " b AS (DELETE FROM recommendation_recommending_state"
    "  WHERE recommendation_id IN (SELECT id FROM old)),"
    " c AS (DELETE FROM recommendation_region WHERE recommendation_id IN (SELECT id FROM old)),"
    " d AS (DELETE FROM recommendation_theme WHERE recommendation_id IN (SELECT id FROM old)),"
    " e AS (DELETE FROM recommendation_affected_person"
    "  WHERE recommendation_id IN (SELECT id FROM old))"
    " DELETE FROM recommendation_sdg WHERE source = $1"
    "  AND recommendation_id IN (SELECT id FROM old)");

static hr_stmt add_states = HR_STMT(
    "import_add_states", "INSERT INTO recommendation_state (recommendation_id, state)"
                         " SELECT l.id, x FROM lists l, unnest(l.states) x ON CONFLICT DO NOTHING");
static hr_stmt add_recommending =
    HR_STMT("import_add_recommending",
            "INSERT INTO recommendation_recommending_state (recommendation_id, state)"
            " SELECT l.id, x FROM lists l, unnest(l.rec_states) x ON CONFLICT DO NOTHING");
static hr_stmt add_region_links =
    HR_STMT("import_add_region_links",
            "INSERT INTO recommendation_region (recommendation_id, region_id, role)"
            " SELECT l.id, g.id, 'concerned' FROM lists l, unnest(l.regions) x"
            "  JOIN region g ON g.name = x"
            " UNION SELECT l.id, g.id, 'recommending' FROM lists l, unnest(l.rec_regions) x"
            "  JOIN region g ON g.name = x"
            " ON CONFLICT DO NOTHING");
static hr_stmt add_theme_links =
    HR_STMT("import_add_theme_links",
            "INSERT INTO recommendation_theme (recommendation_id, theme_id)"
            " SELECT l.id, t.id FROM lists l, unnest(l.themes) x JOIN theme t ON t.name = x"
            " ON CONFLICT DO NOTHING");
static hr_stmt add_person_links =
    HR_STMT("import_add_person_links",
            "INSERT INTO recommendation_affected_person (recommendation_id, affected_person_id)"
            " SELECT l.id, p.id FROM lists l, unnest(l.persons) x"
            "  JOIN affected_person p ON p.name = x ON CONFLICT DO NOTHING");
static hr_stmt add_target_links =
    HR_STMT("import_add_target_links",
            "INSERT INTO recommendation_sdg AS k (recommendation_id, goal, target, source)"
            " SELECT l.id, split_part(x, '.', 1)::smallint, x, $1 FROM lists l,"
            "  unnest(l.sdg_targets) x"
            " ON CONFLICT (recommendation_id, target) WHERE target IS NOT NULL"
            " DO UPDATE SET source = excluded.source, score = NULL, reason = NULL"
            " WHERE k.source = 'suggested'");
static hr_stmt add_goal_links = HR_STMT(
    "import_add_goal_links", "INSERT INTO recommendation_sdg AS k (recommendation_id, goal, source)"
                             " SELECT l.id, x, $1 FROM lists l, unnest(l.sdg_goals) x"
                             " ON CONFLICT (recommendation_id, goal) WHERE target IS NULL"
                             " DO UPDATE SET source = excluded.source, score = NULL, reason = NULL"
                             " WHERE k.source = 'suggested'");

static hr_stmt count_changes =
    HR_STMT("import_count_changes",
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted),"
            " (SELECT count(*) FROM stage_rec) FROM changed");

static hr_stmt finish_run =
    HR_STMT("import_finish_run",
            "UPDATE import_run SET records_read = $2, inserted = $3, updated = $4, unchanged = $5,"
            " rejected = $6, finished_at = clock_timestamp(),"
            " outcome = CASE WHEN $6::bigint > 0 THEN 'succeeded_with_rejects' ELSE 'succeeded' END"
            " WHERE id = $1");

static const char analyze_sql[] =
    "ANALYZE theme, affected_person, region, body, document, recommendation,"
    " recommendation_state, recommendation_recommending_state, recommendation_region,"
    " recommendation_theme, recommendation_affected_person, recommendation_sdg";

int hr_import_begin(hr_import **out, hr_db *db, const char *kind, const char *file_name)
{
    *out = NULL;
    hr_import *imp = calloc(1, sizeof *imp);
    if (imp == NULL)
        return HR_ENOMEM;
    imp->db = db;
    snprintf(imp->kind, sizeof imp->kind, "%s", kind);
    snprintf(imp->link_source, sizeof imp->link_source, "%s",
             strcmp(kind, "uhri") == 0 ? "uhri" : "import");
    snprintf(imp->file_name, sizeof imp->file_name, "%s", file_name);
    hr_buf_init(&imp->line, 4u * HR_REC_TEXT_MAX);
    int rc = hr_db_exec_script(db, "BEGIN");
    if (rc == 0)
        rc = hr_db_exec_script(db, stage_sql);
    if (rc == 0)
        rc = hr_db_copy_begin(db, "COPY stage_rec FROM STDIN");
    if (rc != 0) {
        hr_import_abort(imp);
        return rc;
    }
    imp->copying = 1;
    *out = imp;
    return 0;
}

/*
 * Appends the PostgreSQL array literal of `list` ({"a","b"}, or {} when
 * empty) and a NUL to `b`, so that several literals can share one buffer.
 */
static int array_literal(hr_buf *b, const hr_rec_list *list)
{
    int rc = hr_buf_append(b, "{", 1);
    for (size_t i = 0; rc == 0 && i < list->count; i++) {
        rc = hr_buf_puts(b, i > 0 ? ",\"" : "\"");
        for (const char *p = list->items[i]; rc == 0 && *p != '\0';) {
            size_t run = strcspn(p, "\"\\");
            rc = hr_buf_append(b, p, run);
            p += run;
            if (rc == 0 && *p != '\0') {
                char escaped[2] = {'\\', *p++};
                rc = hr_buf_append(b, escaped, 2);
            }
        }
        if (rc == 0)
            rc = hr_buf_append(b, "\"", 1);
    }
    if (rc == 0)
        rc = hr_buf_append(b, "}", 1);
    return rc == 0 ? hr_buf_append(b, "", 1) : rc;
}

static void number(char *out, size_t size, int value)
{
    if (value > 0)
        snprintf(out, size, "%d", value);
    else
        out[0] = '\0';
}

/* The content hash covers every staged field but the record number. */
static void content_hash(char hex[HR_SHA256_HEX_LEN + 1], const char *const *fields, int count)
{
    hr_sha256 state;
    hr_sha256_init(&state);
    for (int i = 1; i < count; i++) {
        const char *f = fields[i] ? fields[i] : "\x1e";
        hr_sha256_update(&state, f, strlen(f));
        hr_sha256_update(&state, "\x1f", 1);
    }
    hr_sha256_final(&state, hex);
}

int hr_import_add(hr_import *imp, const hr_rec *rec, long index)
{
    char ord[24], cycle[12], session[12], action[12];
    snprintf(ord, sizeof ord, "%ld", index);
    number(cycle, sizeof cycle, rec->cycle);
    number(session, sizeof session, rec->session);
    number(action, sizeof action, rec->action);
    imp->read++;

    /* Eight NUL-separated array literals, one after the other in imp->line. */
    const hr_rec_list *lists[] = {&rec->states,
                                  &rec->regions,
                                  &rec->themes,
                                  &rec->persons,
                                  &rec->recommending_states,
                                  &rec->recommending_regions,
                                  &rec->sdg_goals,
                                  &rec->sdg_targets};
    size_t starts[8];
    hr_buf_reset(&imp->line);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < 8; i++) {
        starts[i] = imp->line.len;
        rc = array_literal(&imp->line, lists[i]);
    }
    if (rc != 0)
        return rc;
    const char *f[STAGE_FIELDS + 1] = {ord,
                                       rec->external_key,
                                       rec->symbol,
                                       rec->document_key,
                                       rec->mechanism,
                                       rec->body,
                                       rec->paragraph,
                                       rec->text_published,
                                       rec->text_plain,
                                       rec->language,
                                       rec->annotation_type,
                                       rec->position,
                                       cycle[0] ? cycle : NULL,
                                       session[0] ? session : NULL,
                                       action[0] ? action : NULL,
                                       rec->published[0] ? rec->published : NULL,
                                       rec->published_on_uhri[0] ? rec->published_on_uhri : NULL};
    for (size_t i = 0; i < 8; i++)
        f[17 + i] = imp->line.data + starts[i];
    char hash[HR_SHA256_HEX_LEN + 1];
    content_hash(hash, f, STAGE_FIELDS);
    f[STAGE_FIELDS] = hash;
    return hr_db_copy_row(imp->db, STAGE_FIELDS + 1, f);
}

void hr_import_count_reject(hr_import *imp)
{
    imp->read++;
    imp->rejected_by_reader++;
}

static int collect_duplicates(hr_import *imp, hr_import_reject *rejects, size_t max, size_t *count,
                              long *duplicates)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, imp->db, &remove_duplicates, 0, NULL);
    if (rc != 0)
        return rc;
    *duplicates = PQntuples(res);
    for (int row = 0; row < PQntuples(res) && *count < max; row++) {
        hr_import_reject *r = &rejects[(*count)++];
        r->index = hr_db_get_long(res, row, 0);
        snprintf(r->reason, sizeof r->reason, "same key as record %ld: \"%.80s\"",
                 hr_db_get_long(res, row, 2) + 1, PQgetvalue(res, row, 1));
    }
    PQclear(res);
    return 0;
}

/* The run's row comes first: the recommendations point at it. */
static int record_run(hr_import *imp, const char *sha256)
{
    const char *params[] = {imp->kind, imp->file_name, sha256};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, imp->db, &start_run, 3, params);
    if (rc == 0)
        snprintf(imp->run_id, sizeof imp->run_id, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

/* Runs one step and says how long it took (HRTRACK_LOG_LEVEL=debug). */
static int timed(int rc, const char *step, struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    hr_log_debug("import: %s in %.2f s", step,
                 (double)(now.tv_sec - since->tv_sec) +
                     (double)(now.tv_nsec - since->tv_nsec) / 1e9);
    *since = now;
    return rc;
}

static int upsert_all(hr_import *imp)
{
    const char *source[] = {imp->kind, imp->run_id};
    const char *link[] = {imp->link_source};
    hr_stmt *plain[] = {&add_themes, &add_persons, &add_regions, &add_bodies, &upsert_documents};
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    int rc = timed(hr_db_exec_script(imp->db, "ANALYZE stage_rec (external_key, symbol, body)"),
                   "statistics", &t);
    for (size_t i = 0; rc == 0 && i < sizeof plain / sizeof plain[0]; i++)
        rc = timed(hr_db_exec_command(imp->db, plain[i], 0, NULL), plain[i]->name, &t);
    if (rc == 0)
        rc = timed(hr_db_exec_command(imp->db, &upsert_recommendations, 2, source),
                   "recommendations", &t);
    if (rc == 0)
        rc = timed(hr_db_exec_script(imp->db, lists_sql), "lists", &t);
    if (rc == 0)
        rc = timed(hr_db_exec_command(imp->db, &clear_children, 1, link), "clear", &t);
    hr_stmt *children[] = {&add_states, &add_recommending, &add_region_links, &add_theme_links,
                           &add_person_links};
    for (size_t i = 0; rc == 0 && i < sizeof children / sizeof children[0]; i++)
        rc = timed(hr_db_exec_command(imp->db, children[i], 0, NULL), children[i]->name, &t);
    if (rc == 0)
        rc = timed(hr_db_exec_command(imp->db, &add_target_links, 1, link), "targets", &t);
    if (rc == 0)
        rc = timed(hr_db_exec_command(imp->db, &add_goal_links, 1, link), "goals", &t);
    return rc;
}

static int finish(hr_import *imp, hr_import_counts *counts, long duplicates)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, imp->db, &count_changes, 0, NULL);
    if (rc != 0)
        return rc;
    counts->read = imp->read;
    counts->inserted = hr_db_get_long(res, 0, 0);
    counts->updated = hr_db_get_long(res, 0, 1);
    counts->unchanged = hr_db_get_long(res, 0, 2) - counts->inserted - counts->updated;
    counts->rejected = imp->rejected_by_reader + duplicates;
    PQclear(res);
    char values[5][24];
    long v[] = {counts->read, counts->inserted, counts->updated, counts->unchanged,
                counts->rejected};
    for (int i = 0; i < 5; i++)
        snprintf(values[i], sizeof values[i], "%ld", v[i]);
    const char *params[] = {imp->run_id, values[0], values[1], values[2], values[3], values[4]};
    return hr_db_exec_command(imp->db, &finish_run, 6, params);
}

int hr_import_commit(hr_import *imp, const char *sha256, int dry_run, hr_import_counts *counts,
                     hr_import_reject *rejects, size_t max_rejects, size_t *reject_count)
{
    long duplicates = 0;
    *reject_count = 0;
    memset(counts, 0, sizeof *counts);
    imp->copying = 0;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    int rc = timed(hr_db_copy_end(imp->db, 0), "end of COPY", &t);
    if (rc == 0)
        rc = record_run(imp, sha256);
    if (rc == 0)
        rc = collect_duplicates(imp, rejects, max_rejects, reject_count, &duplicates);
    if (rc == 0)
        rc = upsert_all(imp);
    if (rc == 0)
        rc = finish(imp, counts, duplicates);
    if (rc == 0)
        rc = timed(hr_db_exec_script(imp->db, dry_run ? "ROLLBACK" : "COMMIT"), "commit", &t);
    if (rc == 0 && !dry_run && counts->inserted + counts->updated > 0)
        rc = hr_db_exec_script(imp->db, analyze_sql);
    if (rc != 0)
        hr_db_exec_script(imp->db, "ROLLBACK");
    hr_buf_free(&imp->line);
    free(imp);
    return rc;
}

void hr_import_abort(hr_import *imp)
{
    if (imp == NULL)
        return;
    if (imp->copying)
        hr_db_copy_end(imp->db, 1);
    hr_db_exec_script(imp->db, "ROLLBACK");
    hr_buf_free(&imp->line);
    free(imp);
}

int hr_db_import_seen(int *seen, char when[40], hr_db *db, const char *kind, const char *sha256)
{
    static hr_stmt seen_stmt = HR_STMT(
        "import_seen", "SELECT to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI UTC')"
                       " FROM import_run WHERE kind = $1 AND sha256 = $2"
                       " ORDER BY finished_at DESC LIMIT 1");
    const char *params[] = {kind, sha256};
    PGresult *res = NULL;
    *seen = 0;
    int rc = hr_db_exec(&res, db, &seen_stmt, 2, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 1) {
        *seen = 1;
        snprintf(when, 40, "%s", PQgetvalue(res, 0, 0));
    }
    PQclear(res);
    return 0;
}
