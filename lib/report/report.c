/*
 * Report assembly (see report.h): reads the recommendations a report
 * covers (lib/db/reports.c), names their coded values in the report's
 * language, arranges them into sections (clusters, one document, SDG goals
 * and targets) and counts them. Sections hold ids: a recommendation is
 * described once and counted once in the totals, however many sections
 * list it. Nothing here knows HTTP or a file format.
 */
#include "hrtrack/report.h"

#include "hrtrack/error.h"
#include "hrtrack/report_db.h"
#include "hrtrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

/* The id of a recommendation as the key of the index. */
static void id_key(char key[24], const json_t *rec)
{
    snprintf(key, 24, "%lld", (long long)json_integer_value(json_object_get(rec, "id")));
}

/* Adds the labels of coded values, in `lang`, to each recommendation and action. */
static void label_rows(json_t *rows, hr_lang lang)
{
    size_t i, j;
    json_t *rec, *action;
    json_array_foreach(rows, i, rec)
    {
        json_object_set_new(
            rec, "position_label",
            json_string(hr_report_code_label(HR_CODE_POSITION, str(rec, "position"), lang)));
        json_object_set_new(
            rec, "status_label",
            json_string(hr_report_code_label(HR_CODE_STATUS, str(rec, "status"), lang)));
        json_array_foreach(json_object_get(rec, "actions"), j, action)
        {
            const char *impl = str(action, "implementation_status");
            json_object_set_new(action, "status_label",
                                json_string(hr_report_code_label(HR_CODE_ACTION_STATUS,
                                                                 str(action, "status"), lang)));
            json_object_set_new(action, "implementation_label",
                                impl ? json_string(hr_report_code_label(HR_CODE_STATUS, impl, lang))
                                     : json_null());
        }
    }
}

/* Counts of `kind` over the recommendations `ids` (NULL: all of `rows`), every code listed. */
static json_t *code_counts(hr_report_code_kind kind, const char *key, const json_t *rows,
                           const json_t *index, const json_t *ids, hr_lang lang)
{
    const char *const *codes = hr_report_codes(kind);
    size_t n = 0;
    while (codes[n] != NULL)
        n++;
    long long counts[8] = {0}; /* codes, then "none" */
    const json_t *list = ids ? ids : rows;
    size_t i;
    const json_t *item;
    json_array_foreach(list, i, item)
    {
        char k[24];
        snprintf(k, sizeof k, "%lld", (long long)json_integer_value(item));
        const json_t *rec = ids ? json_object_get(index, k) : item;
        const char *value = str(rec, key);
        size_t c = 0;
        while (c < n && (value == NULL || strcmp(codes[c], value) != 0))
            c++;
        counts[c]++;
    }
    json_t *out = json_array();
    for (size_t c = 0; c <= n; c++) {
        const char *code = c < n ? codes[c] : NULL;
        json_array_append_new(
            out, json_pack("{s:o, s:s, s:I}", kind == HR_CODE_STATUS ? "status" : "position",
                           code ? json_string(code) : json_null(), "label",
                           hr_report_code_label(kind, code, lang), "count", (json_int_t)counts[c]));
    }
    return out;
}

/* The base of every report: kind, language, title, date, state, actions scope. */
static json_t *report_new(const char *kind, hr_report_text_id title, json_t *state,
                          const hr_report_request *r)
{
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    return json_pack(
        "{s:s, s:s, s:s, s:s, s:O, s:o}", "kind", kind, "lang", hr_lang_code(r->lang), "title",
        hr_report_text(title, r->lang), "generated", today, "state", state, "actions_institution",
        r->actions_institution > 0 ? json_integer(r->actions_institution) : json_null());
}

/* A new section: {"key", "heading", "recommendations": []}. */
static json_t *section_new(const char *key, const char *heading)
{
    return json_pack("{s:s, s:s, s:[]}", "key", key, "heading", heading, "recommendations");
}

/* Appends the id of `rec` to the section, once. */
static void section_add(json_t *section, const json_t *rec)
{
    json_t *ids = json_object_get(section, "recommendations");
    json_t *id = json_object_get(rec, "id");
    size_t n = json_array_size(ids);
    if (n > 0 && json_integer_value(json_array_get(ids, n - 1)) == json_integer_value(id))
        return; /* rows come one recommendation at a time: a repeat is the last one */
    json_array_append(ids, id);
}

/* Counts and status counts of a section and its subsections. */
static void section_count(json_t *section, const json_t *index, hr_lang lang)
{
    const json_t *ids = json_object_get(section, "recommendations");
    json_object_set_new(section, "count", json_integer((json_int_t)json_array_size(ids)));
    json_object_set_new(section, "by_status",
                        code_counts(HR_CODE_STATUS, "status", NULL, index, ids, lang));
    size_t i;
    json_t *sub;
    json_array_foreach(json_object_get(section, "subsections"), i, sub)
        section_count(sub, index, lang);
}

/* Leaf lists: the subsections when there are any, else the section itself. */
static size_t entries_of(const json_t *section)
{
    const json_t *subs = json_object_get(section, "subsections");
    if (json_array_size(subs) == 0)
        return json_array_size(json_object_get(section, "recommendations"));
    size_t n = 0, i;
    const json_t *sub;
    json_array_foreach(subs, i, sub) n += json_array_size(json_object_get(sub, "recommendations"));
    return n;
}

/* Totals over the whole report, and the counts of every section. */
static void count_all(json_t *report, const json_t *rows, int with_positions, hr_lang lang)
{
    json_t *index = json_object(), *seen = json_object();
    size_t i, j, entries = 0, several = 0;
    json_t *rec, *section, *id;
    json_array_foreach(rows, i, rec)
    {
        char key[24];
        id_key(key, rec);
        json_object_set(index, key, rec);
    }
    json_array_foreach(json_object_get(report, "sections"), i, section)
    {
        section_count(section, index, lang);
        entries += entries_of(section);
        json_array_foreach(json_object_get(section, "recommendations"), j, id)
        {
            char key[24];
            snprintf(key, sizeof key, "%lld", (long long)json_integer_value(id));
            long long times = json_integer_value(json_object_get(seen, key)) + 1;
            json_object_set_new(seen, key, json_integer(times));
            several += times == 2;
        }
    }
    json_t *totals =
        json_pack("{s:I, s:I, s:I, s:o}", "recommendations", (json_int_t)json_array_size(rows),
                  "entries", (json_int_t)entries, "in_several_sections", (json_int_t)several,
                  "by_status", code_counts(HR_CODE_STATUS, "status", rows, NULL, NULL, lang));
    if (with_positions)
        json_object_set_new(totals, "by_position",
                            code_counts(HR_CODE_POSITION, "position", rows, NULL, NULL, lang));
    json_object_set_new(report, "totals", totals);
    json_decref(seen);
    json_decref(index);
}

/* The state of the request: 422 "state" when it is unknown. */
static int read_state(json_t **state, const char **field, hr_db *db, const hr_report_request *r)
{
    int rc = hr_db_report_state(state, db, r->state, r->lang);
    if (rc == HR_ENOTFOUND) {
        *field = "state";
        rc = HR_EUNPROCESSABLE;
    }
    return rc;
}

/* The rows of the report, labelled; HR_ELIMIT names "state". */
static int read_rows(json_t **rows, const char **field, hr_db *db, hr_report_rows_filter *f)
{
    f->max = HR_REPORT_RECOMMENDATIONS_MAX;
    int rc = hr_db_report_rows(rows, db, f);
    if (rc == HR_ELIMIT)
        *field = "state";
    if (rc == 0)
        label_rows(*rows, f->lang);
    return rc;
}

/* A cluster section waiting to be sorted by its name's collation key. */
typedef struct keyed {
    char *sort_key;
    json_t *section;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
    return strcmp(((const keyed *)a)->sort_key, ((const keyed *)b)->sort_key);
}

/* Moves the sections of `by_key` into `sections`, ordered by heading as `lang` sorts. */
static int append_sorted(json_t *sections, json_t *by_key, hr_lang lang)
{
    size_t n = json_object_size(by_key), i = 0;
    keyed *all = calloc(n ? n : 1, sizeof *all);
    if (all == NULL)
        return HR_ENOMEM;
    hr_collator *collator = NULL;
    int rc = hr_collator_open(&collator, lang);
    hr_buf key;
    hr_buf_init(&key, 64u * 1024u);
    const char *k;
    json_t *section;
    json_object_foreach(by_key, k, section)
    {
        if (rc == 0)
            rc = hr_collator_key(&key, collator, str(section, "heading"));
        all[i].section = section;
        all[i++].sort_key = rc == 0 ? strdup(hr_buf_cstr(&key)) : NULL;
        if (rc == 0 && all[i - 1].sort_key == NULL)
            rc = HR_ENOMEM;
    }
    if (rc == 0) {
        qsort(all, n, sizeof *all, keyed_cmp);
        for (i = 0; i < n; i++)
            json_array_append(sections, all[i].section);
    }
    for (i = 0; all != NULL && i < n; i++)
        free(all[i].sort_key);
    free(all);
    hr_buf_free(&key);
    hr_collator_close(collator);
    return rc;
}

/* UPR: one section per cluster (by name), then the recommendations in none. */
static int cluster_sections(json_t *report, const json_t *rows, hr_lang lang)
{
    json_t *by_key = json_object(), *sections = json_array();
    json_t *none = section_new("none", hr_report_text(HR_RT_NOT_GROUPED, lang));
    size_t i, j;
    json_t *rec, *cluster;
    json_array_foreach(rows, i, rec)
    {
        json_t *clusters = json_object_get(rec, "clusters");
        if (json_array_size(clusters) == 0)
            section_add(none, rec);
        json_array_foreach(clusters, j, cluster)
        {
            char key[40];
            snprintf(key, sizeof key, "cluster:%lld",
                     (long long)json_integer_value(json_object_get(cluster, "id")));
            json_t *section = json_object_get(by_key, key);
            if (section == NULL) {
                section = section_new(key, str(cluster, "name"));
                json_object_set_new(section, "cluster_id",
                                    json_incref(json_object_get(cluster, "id")));
                json_object_set_new(by_key, key, section);
            }
            section_add(section, rec);
        }
    }
    int rc = append_sorted(sections, by_key, lang);
    if (json_array_size(json_object_get(none, "recommendations")) > 0)
        json_array_append(sections, none);
    json_decref(none);
    json_decref(by_key);
    json_object_set_new(report, "sections", sections);
    return rc;
}

/*
 * The end of every assembly: on success, counts and the recommendations
 * go into the report, which goes to *out; on failure everything is freed.
 * `state` and `rows` are released in both cases. Returns rc.
 */
static int finish(json_t **out, json_t *report, json_t *state, json_t *rows, int rc,
                  int with_positions, hr_lang lang)
{
    if (rc == 0) {
        count_all(report, rows, with_positions, lang);
        json_object_set(report, "recommendations", rows);
        *out = report;
        report = NULL;
    }
    json_decref(report);
    json_decref(state);
    json_decref(rows);
    return rc;
}

int hr_report_upr_midterm(json_t **out, const char **field, hr_db *db, const hr_report_request *r)
{
    json_t *state = NULL, *rows = NULL, *report = NULL;
    hr_report_rows_filter f = {.state = r->state,
                               .cycle = r->cycle,
                               .lang = r->lang,
                               .actions_institution = r->actions_institution};
    *out = NULL;
    int rc = read_state(&state, field, db, r);
    if (rc == 0 && f.cycle == 0)
        rc = hr_db_report_latest_cycle(&f.cycle, db, r->state);
    if (rc == 0)
        rc = read_rows(&rows, field, db, &f);
    if (rc == 0 && json_array_size(rows) == 0)
        rc = HR_ENOTFOUND;
    if (rc == HR_ENOTFOUND)
        *field = "cycle";
    if (rc == 0)
        rc = (report = report_new("upr_midterm", HR_RT_TITLE_UPR, state, r)) ? 0 : HR_ENOMEM;
    if (rc == 0) {
        json_object_set_new(report, "cycle", json_integer(f.cycle));
        rc = cluster_sections(report, rows, r->lang);
    }
    return finish(out, report, state, rows, rc, 1, r->lang);
}

/* A body or document of the request that is not a treaty body's: 422 naming `name`. */
static int check_treaty(const char **field, hr_db *db, const char *body, const char *symbol,
                        const char *name)
{
    char kind[32];
    int rc = hr_db_report_mechanism_kind(kind, sizeof kind, db, body, symbol);
    if (rc == HR_ENOTFOUND || (rc == 0 && strcmp(kind, "treaty_body") != 0)) {
        *field = name;
        rc = HR_EUNPROCESSABLE;
    }
    return rc;
}

/* The document of a treaty-body report: checked body and symbol, then the document itself. */
static int treaty_document(json_t **document, const char **field, hr_db *db,
                           const hr_report_request *r)
{
    int rc = 0;
    if (r->body == NULL && r->document == NULL) {
        *field = "body";
        return HR_EUNPROCESSABLE;
    }
    if (r->body != NULL)
        rc = check_treaty(field, db, r->body, NULL, "body");
    if (rc == 0 && r->document != NULL)
        rc = check_treaty(field, db, NULL, r->document, "document");
    if (rc == 0)
        rc = hr_db_report_treaty_document(document, db, r->state, r->body, r->document, r->lang);
    if (rc == HR_ENOTFOUND)
        *field = r->document != NULL ? "document" : "body";
    return rc;
}

int hr_report_treaty_followup(json_t **out, const char **field, hr_db *db,
                              const hr_report_request *r)
{
    json_t *state = NULL, *rows = NULL, *report = NULL, *document = NULL;
    hr_report_rows_filter f = {
        .state = r->state, .lang = r->lang, .actions_institution = r->actions_institution};
    *out = NULL;
    int rc = read_state(&state, field, db, r);
    if (rc == 0)
        rc = treaty_document(&document, field, db, r);
    if (rc == 0) {
        f.document = str(document, "symbol");
        rc = read_rows(&rows, field, db, &f);
    }
    if (rc == 0)
        rc = (report = report_new("treaty_followup", HR_RT_TITLE_TREATY, state, r)) ? 0 : HR_ENOMEM;
    if (rc == 0) {
        char heading[512];
        snprintf(heading, sizeof heading, "%s — %s", str(document, "symbol"),
                 str(document, "mechanism_name"));
        json_t *section = section_new("document", heading), *rec;
        size_t i;
        json_array_foreach(rows, i, rec) section_add(section, rec);
        json_object_set(report, "document", document);
        json_object_set_new(report, "sections", json_pack("[o]", section));
    }
    json_decref(document);
    return finish(out, report, state, rows, rc, 0, r->lang);
}

/* The section of SDG goal `goal`, made on first use. */
static json_t *goal_section(json_t *goals[18], int goal, const json_t *titles, hr_lang lang)
{
    if (goals[goal] != NULL)
        return goals[goal];
    char key[16], number[8], heading[600];
    snprintf(key, sizeof key, "goal:%d", goal);
    snprintf(number, sizeof number, "%d", goal);
    const char *title = str(json_object_get(json_object_get(titles, "goals"), number), "title");
    snprintf(heading, sizeof heading, "%s %d%s%s", hr_report_text(HR_RT_GOAL, lang), goal,
             hr_report_text(HR_RT_COLON, lang), title ? title : "");
    goals[goal] = section_new(key, heading);
    json_object_set_new(goals[goal], "goal", json_integer(goal));
    json_object_set_new(goals[goal], "subsections", json_object()); /* by target until sorted */
    return goals[goal];
}

/* The subsection of `target` (NULL: the goal as a whole) in a goal's section. */
static json_t *target_section(json_t *goal, const char *target, const json_t *titles, hr_lang lang)
{
    json_t *subs = json_object_get(goal, "subsections");
    const char *key = target ? target : "goal";
    json_t *sub = json_object_get(subs, key);
    if (sub != NULL)
        return sub;
    const json_t *t = json_object_get(json_object_get(titles, "targets"), key);
    char heading[1200];
    if (target != NULL)
        snprintf(heading, sizeof heading, "%s %s%s%s", hr_report_text(HR_RT_TARGET, lang), target,
                 hr_report_text(HR_RT_COLON, lang), t ? str(t, "title") : "");
    else
        snprintf(heading, sizeof heading, "%s", hr_report_text(HR_RT_GOAL_ONLY, lang));
    sub = section_new(target ? target : "goal", heading);
    json_object_set_new(sub, "target", target ? json_string(target) : json_null());
    /* Order: the target's place in the goal; the goal as a whole after its targets. */
    json_object_set_new(sub, "ordinal",
                        json_integer(t ? json_integer_value(json_object_get(t, "ordinal")) : 1000));
    json_object_set_new(subs, key, sub);
    return sub;
}

static int ordinal_cmp(const void *a, const void *b)
{
    json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "ordinal"));
    json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "ordinal"));
    return (x > y) - (x < y);
}

/* Turns a goal's subsections (an object by target) into an array in target order. */
static int sort_targets(json_t *goal)
{
    json_t *subs = json_object_get(goal, "subsections");
    size_t n = json_object_size(subs), i = 0;
    json_t **all = calloc(n ? n : 1, sizeof *all), *sub;
    const char *key;
    if (all == NULL)
        return HR_ENOMEM;
    json_object_foreach(subs, key, sub) all[i++] = sub;
    qsort(all, n, sizeof *all, ordinal_cmp);
    json_t *sorted = json_array();
    for (i = 0; i < n; i++) {
        json_object_del(all[i], "ordinal");
        json_array_append(sorted, all[i]);
    }
    free(all);
    json_object_set_new(goal, "subsections", sorted);
    return 0;
}

/* Whether `rec` is linked to a target of `goal`: its link to the goal alone then adds nothing. */
static int has_target_in(const json_t *rec, int goal)
{
    size_t i;
    const json_t *link;
    json_array_foreach(json_object_get(rec, "sdg"), i, link)
    {
        if (json_integer_value(json_object_get(link, "goal")) == goal && str(link, "target"))
            return 1;
    }
    return 0;
}

/* VNR: a section per goal (1 to 17), a subsection per target, and one for the
 * recommendations linked to the goal but to none of its targets. */
static int sdg_sections(json_t *report, const json_t *rows, const json_t *titles, hr_lang lang)
{
    json_t *goals[18] = {NULL};
    size_t i, j;
    json_t *rec, *link;
    json_array_foreach(rows, i, rec)
    {
        json_array_foreach(json_object_get(rec, "sdg"), j, link)
        {
            int goal = (int)json_integer_value(json_object_get(link, "goal"));
            if (goal < 1 || goal > 17)
                continue;
            json_t *section = goal_section(goals, goal, titles, lang);
            section_add(section, rec);
            if (str(link, "target") != NULL || !has_target_in(rec, goal))
                section_add(target_section(section, str(link, "target"), titles, lang), rec);
        }
    }
    json_t *sections = json_array();
    int rc = sections ? 0 : HR_ENOMEM;
    for (int g = 1; g <= 17; g++) {
        if (goals[g] != NULL && rc == 0)
            rc = sort_targets(goals[g]);
        if (goals[g] != NULL)
            json_array_append_new(sections, goals[g]);
    }
    json_object_set_new(report, "sections", sections);
    return rc;
}

int hr_report_vnr(json_t **out, const char **field, hr_db *db, const hr_report_request *r)
{
    json_t *state = NULL, *rows = NULL, *report = NULL, *titles = NULL;
    hr_report_rows_filter f = {.state = r->state,
                               .sdg_only = 1,
                               .lang = r->lang,
                               .actions_institution = r->actions_institution};
    *out = NULL;
    int rc = read_state(&state, field, db, r);
    if (rc == 0)
        rc = read_rows(&rows, field, db, &f);
    if (rc == 0)
        rc = hr_db_report_sdg_titles(&titles, db, r->lang);
    if (rc == 0)
        rc = (report = report_new("vnr", HR_RT_TITLE_VNR, state, r)) ? 0 : HR_ENOMEM;
    if (rc == 0)
        rc = sdg_sections(report, rows, titles, r->lang);
    json_decref(titles);
    return finish(out, report, state, rows, rc, 0, r->lang);
}
