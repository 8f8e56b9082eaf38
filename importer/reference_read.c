/*
 * Reading data/ into an hr_reference (see reference_read.h). The SDG texts
 * come as one flat YAML map per kind and language, keyed "16-b-title"; the
 * other tables are TSV files written by hand or by scripts/dev.
 */
#include "reference_read.h"

#include "flat_yaml.h"
#include "tsv.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies `s` in NFC: the open-sdg French files write accents decomposed. */
static int dup_nfc(char **out, const char *s)
{
    hr_buf b;
    hr_buf_init(&b, 1024u * 1024u);
    int rc = hr_text_nfc(&b, s, strlen(s));
    if (rc == 0 && (*out = hr_buf_steal(&b)) == NULL)
        rc = HR_ENOMEM;
    hr_buf_free(&b);
    return rc;
}

typedef struct yaml_job {
    hr_reference *ref;
    hr_lang lang;
    const char *path;
    size_t goal_cap, target_cap, indicator_cap;
} yaml_job;

/* Makes room for one more element in a growable array. */
static int grow(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return 0;
    size_t next = *cap ? *cap * 2 : 32;
    void *p = realloc(*items, next * size);
    if (p == NULL)
        return HR_ENOMEM;
    memset((char *)p + *cap * size, 0, (next - *cap) * size);
    *items = p;
    *cap = next;
    return 0;
}

/* Stores one text, refusing a key that appears twice. */
static int set_text(char **slot, const char *value, const yaml_job *job, const char *key,
                    size_t line)
{
    if (*slot != NULL) {
        hr_log_error("%s:%zu: %s appears twice", job->path, line, key);
        return HR_EPARSE;
    }
    if (value[0] == '\0') {
        hr_log_error("%s:%zu: %s is empty", job->path, line, key);
        return HR_EPARSE;
    }
    int rc = dup_nfc(slot, value);
    if (rc == HR_EPARSE)
        hr_log_error("%s:%zu: %s is not valid UTF-8", job->path, line, key);
    return rc;
}

static int bad_key(const yaml_job *job, const char *key, size_t line)
{
    hr_log_error("%s:%zu: unexpected key \"%s\"", job->path, line, key);
    return HR_EPARSE;
}

static int goal_entry(void *ctx, const char *key, const char *value, size_t line)
{
    yaml_job *job = ctx;
    char code[HR_SDG_CODE_MAX], suffix[16];
    int goal = 0;
    if (hr_sdg_key_split(code, suffix, key) != 0 || hr_sdg_goal_parse(&goal, code) != 0)
        return bad_key(job, key, line);
    hr_ref_goal *g = &job->ref->goals[goal - 1];
    g->goal = goal;
    if (strcmp(suffix, "title") == 0)
        return set_text(&g->title[job->lang], value, job, key, line);
    if (strcmp(suffix, "short") == 0)
        return set_text(&g->short_title[job->lang], value, job, key, line);
    return bad_key(job, key, line);
}

static hr_ref_target *find_target(hr_reference *ref, const char *code)
{
    for (size_t i = 0; i < ref->target_count; i++) {
        if (strcmp(ref->targets[i].code, code) == 0)
            return &ref->targets[i];
    }
    return NULL;
}

static int target_entry(void *ctx, const char *key, const char *value, size_t line)
{
    yaml_job *job = ctx;
    hr_reference *ref = job->ref;
    char code[HR_SDG_CODE_MAX], suffix[16];
    int goal = 0, ordinal = 0;
    if (hr_sdg_key_split(code, suffix, key) != 0 || strcmp(suffix, "title") != 0 ||
        hr_sdg_target_parse(&goal, &ordinal, code) != 0)
        return bad_key(job, key, line);
    hr_ref_target *t = find_target(ref, code);
    if (t == NULL) {
        if (grow((void **)&ref->targets, &job->target_cap, ref->target_count, sizeof *t) != 0)
            return HR_ENOMEM;
        t = &ref->targets[ref->target_count++];
        snprintf(t->code, sizeof t->code, "%s", code);
        t->goal = goal;
        t->ordinal = ordinal;
    }
    return set_text(&t->title[job->lang], value, job, key, line);
}

static hr_ref_indicator *find_indicator(hr_reference *ref, const char *code)
{
    for (size_t i = 0; i < ref->indicator_count; i++) {
        if (strcmp(ref->indicators[i].code, code) == 0)
            return &ref->indicators[i];
    }
    return NULL;
}

static int indicator_entry(void *ctx, const char *key, const char *value, size_t line)
{
    yaml_job *job = ctx;
    hr_reference *ref = job->ref;
    char code[HR_SDG_CODE_MAX], suffix[16], target[HR_SDG_CODE_MAX];
    int ordinal = 0;
    if (hr_sdg_key_split(code, suffix, key) != 0 || strcmp(suffix, "title") != 0 ||
        hr_sdg_indicator_parse(target, &ordinal, code) != 0)
        return bad_key(job, key, line);
    hr_ref_indicator *ind = find_indicator(ref, code);
    if (ind == NULL) {
        if (grow((void **)&ref->indicators, &job->indicator_cap, ref->indicator_count,
                 sizeof *ind) != 0)
            return HR_ENOMEM;
        ind = &ref->indicators[ref->indicator_count++];
        snprintf(ind->code, sizeof ind->code, "%s", code);
        snprintf(ind->target, sizeof ind->target, "%s", target);
        ind->ordinal = ordinal;
    }
    return set_text(&ind->title[job->lang], value, job, key, line);
}

static int read_sdg(hr_reference *ref, const char *data_dir)
{
    static const struct {
        const char *kind;
        hr_flat_yaml_entry fn;
    } files[] = {{"goals", goal_entry}, {"targets", target_entry}, {"indicators", indicator_entry}};
    yaml_job job = {.ref = ref};
    ref->goals = calloc(HR_SDG_GOALS, sizeof *ref->goals);
    if (ref->goals == NULL)
        return HR_ENOMEM;
    ref->goal_count = HR_SDG_GOALS;
    int rc = 0;
    for (size_t f = 0; rc == 0 && f < sizeof files / sizeof files[0]; f++) {
        for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++) {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/sdg/global_%s_%s.yml", data_dir, files[f].kind,
                     hr_lang_code((hr_lang)l));
            job.lang = (hr_lang)l;
            job.path = path;
            rc = hr_flat_yaml_read(path, files[f].fn, &job);
        }
    }
    return rc;
}

static int missing(const char *what, const char *code, int lang)
{
    hr_log_error("data/sdg: %s %s has no text in %s (global_*_%s.yml)", what, code,
                 hr_lang_code((hr_lang)lang), hr_lang_code((hr_lang)lang));
    return HR_EPARSE;
}

/* Every entity in all three languages, and every parent present. */
static int check_sdg(const hr_reference *ref)
{
    for (size_t i = 0; i < ref->goal_count; i++) {
        char code[24];
        snprintf(code, sizeof code, "%zu", i + 1);
        for (int l = 0; l < HR_LANG_COUNT; l++) {
            if (ref->goals[i].title[l] == NULL || ref->goals[i].short_title[l] == NULL)
                return missing("goal", code, l);
        }
    }
    for (size_t i = 0; i < ref->target_count; i++) {
        for (int l = 0; l < HR_LANG_COUNT; l++) {
            if (ref->targets[i].title[l] == NULL)
                return missing("target", ref->targets[i].code, l);
        }
    }
    for (size_t i = 0; i < ref->indicator_count; i++) {
        const hr_ref_indicator *ind = &ref->indicators[i];
        for (int l = 0; l < HR_LANG_COUNT; l++) {
            if (ind->title[l] == NULL)
                return missing("indicator", ind->code, l);
        }
        if (find_target((hr_reference *)ref, ind->target) == NULL) {
            hr_log_error("data/sdg: indicator %s belongs to target %s, which is not listed",
                         ind->code, ind->target);
            return HR_EPARSE;
        }
    }
    return 0;
}

typedef struct tsv_job {
    hr_reference *ref;
    const char *path;
    size_t cap;
} tsv_job;

static int dup_texts(char **dst, char **fields)
{
    for (int l = 0; l < HR_LANG_COUNT; l++) {
        if (fields[l][0] == '\0')
            return HR_EPARSE;
        int rc = dup_nfc(&dst[l], fields[l]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int is_upper_code(const char *s, size_t len)
{
    if (strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    }
    return 1;
}

static int parse_numeric(int *out, const char *s)
{
    if (s[0] == '\0') {
        *out = 0;
        return 0;
    }
    char *end = NULL;
    long n = strtol(s, &end, 10);
    if (end == s || *end != '\0' || n < 1 || n > 999)
        return HR_EPARSE;
    *out = (int)n;
    return 0;
}

static int state_row(void *ctx, char **fields, size_t line)
{
    tsv_job *job = ctx;
    hr_reference *ref = job->ref;
    if (grow((void **)&ref->states, &job->cap, ref->state_count, sizeof *ref->states) != 0)
        return HR_ENOMEM;
    hr_ref_state *s = &ref->states[ref->state_count];
    int rc = 0;
    if (!is_upper_code(fields[0], 2) || !is_upper_code(fields[1], 3) ||
        parse_numeric(&s->numeric_code, fields[2]) != 0 ||
        (strcmp(fields[3], "t") != 0 && strcmp(fields[3], "f") != 0))
        rc = HR_EPARSE;
    if (rc == 0) {
        ref->state_count++;
        memcpy(s->alpha2, fields[0], 3);
        memcpy(s->alpha3, fields[1], 4);
        s->un_member = fields[3][0] == 't';
        rc = dup_texts(s->name, fields + 4);
    }
    if (rc == HR_EPARSE)
        hr_log_error("%s:%zu: expected alpha2, alpha3, numeric (001-999 or empty), t/f and "
                     "three non-empty names",
                     job->path, line);
    return rc;
}

static int find_state(const hr_reference *ref, const char *alpha2)
{
    for (size_t i = 0; i < ref->state_count; i++) {
        if (strcmp(ref->states[i].alpha2, alpha2) == 0)
            return 1;
    }
    return 0;
}

static int alias_row(void *ctx, char **fields, size_t line)
{
    tsv_job *job = ctx;
    hr_reference *ref = job->ref;
    if (fields[0][0] == '\0' || !find_state(ref, fields[1])) {
        hr_log_error("%s:%zu: an alias needs a name and the alpha2 code of a listed state",
                     job->path, line);
        return HR_EPARSE;
    }
    if (grow((void **)&ref->aliases, &job->cap, ref->alias_count, sizeof *ref->aliases) != 0)
        return HR_ENOMEM;
    hr_ref_alias *a = &ref->aliases[ref->alias_count];
    int rc = dup_nfc(&a->alias, fields[0]);
    if (rc != 0)
        return rc;
    memcpy(a->alpha2, fields[1], 3);
    ref->alias_count++;
    return 0;
}

static int mechanism_row(void *ctx, char **fields, size_t line)
{
    tsv_job *job = ctx;
    hr_reference *ref = job->ref;
    static const char *const kinds[] = {"upr", "treaty_body", "special_procedures"};
    int kind_ok = 0;
    for (size_t i = 0; i < 3; i++)
        kind_ok |= strcmp(fields[1], kinds[i]) == 0;
    size_t code_len = strlen(fields[0]);
    if (code_len < 2 || code_len > 10 || !is_upper_code(fields[0], code_len) || !kind_ok) {
        hr_log_error("%s:%zu: expected an upper-case code and a kind (upr, treaty_body, "
                     "special_procedures)",
                     job->path, line);
        return HR_EPARSE;
    }
    if (grow((void **)&ref->mechanisms, &job->cap, ref->mechanism_count, sizeof *ref->mechanisms) !=
        0)
        return HR_ENOMEM;
    hr_ref_mechanism *m = &ref->mechanisms[ref->mechanism_count++];
    snprintf(m->code, sizeof m->code, "%s", fields[0]);
    snprintf(m->kind, sizeof m->kind, "%s", fields[1]);
    int rc = dup_texts(m->name, fields + 2);
    if (rc == HR_EPARSE)
        hr_log_error("%s:%zu: the three names must not be empty", job->path, line);
    return rc;
}

static int read_tsv(hr_reference *ref, const char *data_dir, const char *file,
                    const char *const *columns, size_t ncolumns, hr_tsv_row fn)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/reference/%s", data_dir, file);
    tsv_job job = {ref, path, 0};
    return hr_tsv_read(path, columns, ncolumns, fn, &job);
}

int hr_reference_read(hr_reference *ref, const char *data_dir)
{
    static const char *const state_columns[] = {"alpha2",  "alpha3",  "numeric", "un_member",
                                                "name_en", "name_es", "name_fr"};
    static const char *const alias_columns[] = {"alias", "alpha2"};
    static const char *const mechanism_columns[] = {"code", "kind", "name_en", "name_es",
                                                    "name_fr"};
    int rc = read_sdg(ref, data_dir);
    if (rc == 0)
        rc = check_sdg(ref);
    if (rc == 0)
        rc = read_tsv(ref, data_dir, "states.tsv", state_columns, 7, state_row);
    if (rc == 0)
        rc = read_tsv(ref, data_dir, "state-aliases.tsv", alias_columns, 2, alias_row);
    if (rc == 0)
        rc = read_tsv(ref, data_dir, "mechanisms.tsv", mechanism_columns, 5, mechanism_row);
    return rc;
}
