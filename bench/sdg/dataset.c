/*
 * Reading a labelled CSV for the evaluation (see eval.h), through the
 * importer's CSV reader, so that quoting, line ends and encodings are
 * handled as everywhere else.
 */
#include "eval.h"

#include "csv.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <stdlib.h>
#include <string.h>

typedef struct columns {
    int id, text;
    int goals[EVAL_SETS_MAX], targets[EVAL_SETS_MAX];
} columns;

static int find_column(const hr_csv_record *header, const char *name)
{
    for (size_t i = 0; i < header->count; i++) {
        if (strcmp(header->fields[i], name) == 0)
            return (int)i;
    }
    return -1;
}

/* Splits "name:goals:targets" and finds both columns. */
static int read_spec(eval_dataset *d, columns *c, const hr_csv_record *header, const char *spec)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", spec);
    char *goals = strchr(buf, ':'), *targets = goals ? strchr(goals + 1, ':') : NULL;
    if (targets == NULL || d->nsets == EVAL_SETS_MAX) {
        hr_log_error("label set \"%s\": expected name:goals_column:targets_column", spec);
        return HR_EPARAM;
    }
    *goals++ = '\0';
    *targets++ = '\0';
    size_t s = d->nsets;
    c->goals[s] = find_column(header, goals);
    c->targets[s] = find_column(header, targets);
    if (c->goals[s] < 0 || c->targets[s] < 0) {
        hr_log_error("label set \"%s\": column %s or %s missing", spec, goals, targets);
        return HR_EPARSE;
    }
    d->set_names[s] = strdup(buf);
    if (d->set_names[s] == NULL)
        return HR_ENOMEM;
    d->nsets++;
    return 0;
}

/* Reads a '|'-separated list of goals or targets into `l`. */
static int read_list(eval_labels *l, const char *list, int targets, unsigned long line)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", list);
    char *save = NULL;
    for (char *code = strtok_r(buf, "|", &save); code; code = strtok_r(NULL, "|", &save)) {
        int goal = 0, ordinal = 0;
        if (!targets && hr_sdg_goal_parse(&goal, code) == 0 && goal >= 1) {
            l->goals |= 1u << (goal - 1);
            continue;
        }
        if (!targets || hr_sdg_target_parse(&goal, &ordinal, code) != 0 || goal < 1 ||
            l->ntargets == EVAL_TARGETS_MAX) {
            hr_log_error("line %lu: \"%s\" is not a %s", line, code, targets ? "target" : "goal");
            return HR_EPARSE;
        }
        l->goals |= 1u << (goal - 1);
        snprintf(l->targets[l->ntargets++], HR_SDG_CODE_MAX, "%s", code);
    }
    return 0;
}

static int add_record(eval_dataset *d, const columns *c, const hr_csv_record *rec, size_t *cap)
{
    if (d->count == *cap) {
        *cap = *cap ? *cap * 2 : 128;
        eval_record *r = realloc(d->records, *cap * sizeof *r);
        if (r == NULL)
            return HR_ENOMEM;
        d->records = r;
    }
    eval_record *r = &d->records[d->count];
    memset(r, 0, sizeof *r);
    if ((size_t)c->text >= rec->count || (size_t)c->id >= rec->count) {
        hr_log_error("line %lu: too few fields", (unsigned long)rec->line);
        return HR_EPARSE;
    }
    r->id = strdup(rec->fields[c->id]);
    r->text = strdup(rec->fields[c->text]);
    d->count++;
    if (r->id == NULL || r->text == NULL)
        return HR_ENOMEM;
    int rc = 0;
    for (size_t s = 0; rc == 0 && s < d->nsets; s++) {
        const char *goals = (size_t)c->goals[s] < rec->count ? rec->fields[c->goals[s]] : "";
        const char *targets = (size_t)c->targets[s] < rec->count ? rec->fields[c->targets[s]] : "";
        rc = read_list(&r->set[s], goals, 0, (unsigned long)rec->line);
        if (rc == 0)
            rc = read_list(&r->set[s], targets, 1, (unsigned long)rec->line);
    }
    return rc;
}

static int read_header(eval_dataset *d, columns *c, const hr_csv_record *h, const char *id_col,
                       const char *text_col, const char *const *specs, size_t nspecs)
{
    c->id = find_column(h, id_col);
    c->text = find_column(h, text_col);
    if (c->id < 0 || c->text < 0) {
        hr_log_error("column %s or %s missing", id_col, text_col);
        return HR_EPARSE;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < nspecs; i++)
        rc = read_spec(d, c, h, specs[i]);
    return rc;
}

int eval_dataset_read(eval_dataset *out, const char *path, hr_lang lang, const char *id_col,
                      const char *text_col, const char *const *specs, size_t nspecs)
{
    memset(out, 0, sizeof *out);
    out->lang = lang;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        hr_log_error("%s: cannot read", path);
        return HR_EIO;
    }
    hr_csv *csv = NULL;
    int rc = hr_csv_open(&csv, f, HR_CSV_UTF8);
    hr_csv_record rec;
    columns c = {0};
    size_t cap = 0;
    int got = rc == 0 ? hr_csv_next(csv, &rec) : rc;
    rc = got == 1 && !rec.error ? read_header(out, &c, &rec, id_col, text_col, specs, nspecs)
                                : HR_EPARSE;
    while (rc == 0 && (got = hr_csv_next(csv, &rec)) == 1) {
        if (rec.error) {
            hr_log_error("%s:%lu: %s", path, (unsigned long)rec.error_line, rec.reason);
            rc = HR_EPARSE;
        } else {
            rc = add_record(out, &c, &rec, &cap);
        }
    }
    if (rc == 0 && got < 0)
        rc = got;
    hr_csv_free(csv);
    fclose(f);
    return rc;
}

void eval_dataset_free(eval_dataset *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->records[i].id);
        free(d->records[i].text);
    }
    free(d->records);
    for (size_t s = 0; s < d->nsets; s++)
        free(d->set_names[s]);
    memset(d, 0, sizeof *d);
}
