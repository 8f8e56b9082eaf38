/*
 * The curated term lists (the .tsv files of data/sdg/terms/; format in sdg_linker.h and
 * data/sdg/terms/README.md): loading with line-numbered errors, indexing by
 * first stem, and finding the phrases of a recommendation.
 *
 * A phrase goes through the same word pipeline as the text it is looked
 * for in, so "Convención contra la Tortura" is the stems "convencion
 * tortur" and matches "convenciones contra la tortura". Between two words
 * of a phrase the text may hold one other word ("tratos o penas crueles"
 * still matches "tratos crueles"), because lists of instruments and rights
 * are written with small variations from one recommendation to the next.
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"
#include "hrtrack/text.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SDG_TERMS_FILE_MAX  (4L * 1024L * 1024L)
#define SDG_TERMS_LINE_MAX  4096
#define SDG_TERMS_FILES_MAX 256
#define SDG_TERM_GAP        1 /* other words allowed between two words of a phrase */

static const char header[] = "targets\tlang\tterm\tweight";

typedef struct line_ctx {
    struct hr_sdg_linker *l;
    const char *path;
    size_t line;
} line_ctx;

static void term_free_display(sdg_term *t)
{
    for (int l = 0; l < HR_LANG_COUNT; l++) {
        free(t->display[l]);
        t->display[l] = NULL;
    }
}

static int term_push(sdg_terms *t, const sdg_term *term)
{
    if (t->count == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 1024;
        sdg_term *terms = realloc(t->terms, cap * sizeof *terms);
        if (terms == NULL)
            return HR_ENOMEM;
        t->terms = terms;
        t->cap = cap;
    }
    t->terms[t->count++] = *term;
    return 0;
}

/* Splits `s` at tabs into at most `max` fields; returns how many. */
static size_t split_tabs(char *s, char **fields, size_t max)
{
    size_t n = 0;
    fields[n++] = s;
    for (char *p = s; *p != '\0'; p++) {
        if (*p == '\t') {
            *p = '\0';
            if (n == max)
                return max + 1;
            fields[n++] = p + 1;
        }
    }
    return n;
}

static int parse_targets(line_ctx *c, sdg_term *term, char *list)
{
    char *save = NULL;
    for (char *code = strtok_r(list, ",", &save); code != NULL; code = strtok_r(NULL, ",", &save)) {
        while (*code == ' ')
            code++;
        size_t len = strlen(code);
        while (len > 0 && code[len - 1] == ' ')
            code[--len] = '\0';
        if (term->ntargets == SDG_TERM_TARGETS) {
            sdg_set_error(c->l, "%s:%zu: more than %d targets", c->path, c->line, SDG_TERM_TARGETS);
            return HR_EPARSE;
        }
        if (sdg_nodes_get(&c->l->nodes, code, &term->targets[term->ntargets]) != 0) {
            sdg_set_error(c->l, "%s:%zu: unknown target %s", c->path, c->line, code);
            return HR_EPARSE;
        }
        term->ntargets++;
    }
    if (term->ntargets == 0) {
        sdg_set_error(c->l, "%s:%zu: no target", c->path, c->line);
        return HR_EPARSE;
    }
    return 0;
}

static int parse_weight(line_ctx *c, sdg_term *term, const char *s)
{
    term->weight = 1.0;
    if (s == NULL || *s == '\0')
        return 0;
    char *end = NULL;
    errno = 0;
    double w = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(w > 0 && w <= 10)) {
        sdg_set_error(c->l, "%s:%zu: weight %s is not a number in (0, 10]", c->path, c->line, s);
        return HR_EPARSE;
    }
    term->weight = w;
    return 0;
}

typedef struct phrase_ctx {
    struct hr_sdg_linker *l;
    sdg_term *term;
    int too_long;
} phrase_ctx;

static int phrase_word(void *ctx, const char *stem, size_t len)
{
    phrase_ctx *p = ctx;
    if (p->term->nwords == SDG_TERM_WORDS) {
        p->too_long = 1;
        return HR_ELIMIT;
    }
    return sdg_vocab_intern(&p->l->vocab, stem, len, &p->term->words[p->term->nwords++]);
}

static int parse_phrase(line_ctx *c, sdg_term *term, hr_lang lang, const char *text)
{
    phrase_ctx p = {.l = c->l, .term = term};
    int rc = sdg_words(text, strlen(text), lang, phrase_word, &p);
    if (p.too_long) {
        sdg_set_error(c->l, "%s:%zu: more than %d words", c->path, c->line, SDG_TERM_WORDS);
        return HR_EPARSE;
    }
    if (rc == HR_EPARSE) {
        sdg_set_error(c->l, "%s:%zu: not UTF-8", c->path, c->line);
        return HR_EPARSE;
    }
    if (rc == 0 && term->nwords == 0) {
        sdg_set_error(c->l, "%s:%zu: \"%s\" has only stop words", c->path, c->line, text);
        return HR_EPARSE;
    }
    if (rc != 0)
        return rc;
    hr_buf nfc;
    hr_buf_init(&nfc, SDG_TERMS_LINE_MAX * 2);
    rc = hr_text_nfc(&nfc, text, strlen(text));
    if (rc == 0 && (term->display[lang] = hr_buf_steal(&nfc)) == NULL)
        rc = HR_ENOMEM;
    hr_buf_free(&nfc);
    return rc;
}

static int parse_line(line_ctx *c, char *s)
{
    char *f[5];
    size_t n = split_tabs(s, f, 4);
    if (n < 3 || n > 4) {
        sdg_set_error(c->l, "%s:%zu: expected 3 or 4 tab-separated fields, found %zu", c->path,
                      c->line, n);
        return HR_EPARSE;
    }
    hr_lang lang;
    if (hr_lang_parse(&lang, f[1]) != 0 || strlen(f[1]) != 2) {
        sdg_set_error(c->l, "%s:%zu: language \"%s\" is not en, es or fr", c->path, c->line, f[1]);
        return HR_EPARSE;
    }
    sdg_term term = {0};
    int rc = parse_targets(c, &term, f[0]);
    if (rc == 0)
        rc = parse_weight(c, &term, n == 4 ? f[3] : NULL);
    if (rc == 0)
        rc = parse_phrase(c, &term, lang, f[2]);
    if (rc == 0)
        rc = term_push(&c->l->terms, &term);
    if (rc != 0)
        free(term.display[lang]);
    return rc;
}

/* Reads one line into buf; HR_ELIMIT when it does not fit, 1 at the end of the file. */
static int read_line(FILE *f, char *buf, size_t cap)
{
    if (fgets(buf, (int)cap, f) == NULL)
        return ferror(f) ? HR_EIO : 1;
    size_t len = strlen(buf);
    if (len > 0 && buf[len - 1] == '\n')
        buf[--len] = '\0';
    else if (!feof(f))
        return HR_ELIMIT;
    if (len > 0 && buf[len - 1] == '\r')
        buf[--len] = '\0';
    return 0;
}

static int load_lines(line_ctx *c, FILE *f)
{
    char buf[SDG_TERMS_LINE_MAX + 2];
    int rc = 0, seen_header = 0;
    for (c->line = 1; rc == 0; c->line++) {
        rc = read_line(f, buf, sizeof buf);
        if (rc == 1)
            return seen_header ? 0 : (sdg_set_error(c->l, "%s: empty file", c->path), HR_EPARSE);
        if (rc == HR_ELIMIT)
            sdg_set_error(c->l, "%s:%zu: line longer than %d bytes", c->path, c->line,
                          SDG_TERMS_LINE_MAX);
        if (rc != 0 || buf[0] == '#' || buf[0] == '\0')
            continue;
        if (!seen_header) {
            seen_header = 1;
            if (strcmp(buf, header) != 0) {
                sdg_set_error(c->l,
                              "%s:%zu: the header must be \"targets<TAB>lang<TAB>term<TAB>weight\"",
                              c->path, c->line);
                rc = HR_EPARSE;
            }
            continue;
        }
        rc = parse_line(c, buf);
    }
    return rc;
}

static int load_file(struct hr_sdg_linker *l, const char *path)
{
    struct stat st;
    line_ctx c = {.l = l, .path = path};
    if (stat(path, &st) != 0) {
        sdg_set_error(l, "%s: cannot read", path);
        return HR_EIO;
    }
    if (st.st_size > SDG_TERMS_FILE_MAX) {
        sdg_set_error(l, "%s: larger than %ld bytes", path, SDG_TERMS_FILE_MAX);
        return HR_ELIMIT;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        sdg_set_error(l, "%s: cannot read", path);
        return HR_EIO;
    }
    uint32_t before = l->terms.count;
    int rc = load_lines(&c, f);
    fclose(f);
    if (rc != 0) {
        /* Nothing of a bad file is kept. */
        for (uint32_t i = before; i < l->terms.count; i++)
            term_free_display(&l->terms.terms[i]);
        l->terms.count = before;
    }
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_tsv(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".tsv") == 0;
}

/* The .tsv names of `dir`, sorted, so that the load order is the same everywhere. */
static int list_files(struct hr_sdg_linker *l, const char *dir, char **names, size_t *n)
{
    DIR *d = opendir(dir);
    *n = 0;
    if (d == NULL) {
        sdg_set_error(l, "%s: cannot open the folder", dir);
        return HR_EIO;
    }
    int rc = 0;
    for (struct dirent *e = readdir(d); e != NULL && rc == 0; e = readdir(d)) {
        if (!is_tsv(e->d_name))
            continue;
        if (*n == SDG_TERMS_FILES_MAX) {
            sdg_set_error(l, "%s: more than %d term files", dir, SDG_TERMS_FILES_MAX);
            rc = HR_ELIMIT;
        } else if ((names[*n] = strdup(e->d_name)) == NULL) {
            rc = HR_ENOMEM;
        } else {
            (*n)++;
        }
    }
    closedir(d);
    if (rc == 0 && *n == 0) {
        sdg_set_error(l, "%s: no .tsv term file", dir);
        rc = HR_EIO;
    }
    qsort(names, *n, sizeof names[0], compare_names);
    return rc;
}

int sdg_terms_load_dir(struct hr_sdg_linker *l, const char *dir)
{
    char **names = calloc(SDG_TERMS_FILES_MAX, sizeof *names);
    size_t n = 0;
    if (names == NULL)
        return HR_ENOMEM;
    int rc = list_files(l, dir, names, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path) {
            sdg_set_error(l, "%s: path too long", dir);
            rc = HR_ELIMIT;
        } else {
            rc = load_file(l, path);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

typedef struct term_ref {
    sdg_term *term;
    uint32_t index;
} term_ref;

static int same_meaning(const sdg_term *a, const sdg_term *b)
{
    return a->nwords == b->nwords && a->ntargets == b->ntargets &&
           memcmp(a->words, b->words, a->nwords * sizeof a->words[0]) == 0 &&
           memcmp(a->targets, b->targets, a->ntargets * sizeof a->targets[0]) == 0;
}

/* Orders terms by stems, then targets, then line: equal neighbours are duplicates. */
static int compare_terms(const void *x, const void *y)
{
    const term_ref *rx = x, *ry = y;
    uint32_t i = rx->index, j = ry->index;
    const sdg_term *a = rx->term, *b = ry->term;
    if (a->nwords != b->nwords)
        return a->nwords < b->nwords ? -1 : 1;
    int c = memcmp(a->words, b->words, a->nwords * sizeof a->words[0]);
    if (c == 0 && a->ntargets != b->ntargets)
        return a->ntargets < b->ntargets ? -1 : 1;
    if (c == 0)
        c = memcmp(a->targets, b->targets, a->ntargets * sizeof a->targets[0]);
    return c != 0 ? c : (i < j ? -1 : i > j);
}

/* Folds `dup` into `keep` (see sdg_term). */
static void merge_term(sdg_term *keep, sdg_term *dup)
{
    if (dup->weight > keep->weight)
        keep->weight = dup->weight;
    for (int l = 0; l < HR_LANG_COUNT; l++) {
        if (keep->display[l] == NULL) {
            keep->display[l] = dup->display[l];
            dup->display[l] = NULL;
        }
    }
    dup->merged = 1;
}

static int merge_duplicates(sdg_terms *t)
{
    term_ref *order = malloc((t->count ? t->count : 1) * sizeof *order);
    if (order == NULL)
        return HR_ENOMEM;
    for (uint32_t i = 0; i < t->count; i++)
        order[i] = (term_ref){&t->terms[i], i};
    qsort(order, t->count, sizeof *order, compare_terms);
    for (uint32_t i = 1, keep = 0; i < t->count; i++) {
        if (same_meaning(order[keep].term, order[i].term))
            merge_term(order[keep].term, order[i].term);
        else
            keep = i;
    }
    free(order);
    return 0;
}

int sdg_terms_build(sdg_terms *t, uint32_t vocab_count)
{
    int rc = merge_duplicates(t);
    if (rc != 0)
        return rc;
    t->nwords = vocab_count;
    t->first_start = calloc((size_t)vocab_count + 1, sizeof *t->first_start);
    t->by_first = malloc((t->count ? t->count : 1) * sizeof *t->by_first);
    if (t->first_start == NULL || t->by_first == NULL)
        return HR_ENOMEM;
    for (uint32_t i = 0; i < t->count; i++)
        t->first_start[t->terms[i].words[0] + 1] += t->terms[i].merged ? 0 : 1;
    for (uint32_t w = 0; w < vocab_count; w++)
        t->first_start[w + 1] += t->first_start[w];
    uint32_t *fill = malloc(((size_t)vocab_count + 1) * sizeof *fill);
    if (fill == NULL)
        return HR_ENOMEM;
    memcpy(fill, t->first_start, ((size_t)vocab_count + 1) * sizeof *fill);
    for (uint32_t i = 0; i < t->count; i++) {
        if (!t->terms[i].merged)
            t->by_first[fill[t->terms[i].words[0]]++] = i;
    }
    free(fill);
    return 0;
}

void sdg_terms_free(sdg_terms *t)
{
    for (uint32_t i = 0; i < t->count; i++)
        term_free_display(&t->terms[i]);
    free(t->terms);
    free(t->by_first);
    free(t->first_start);
    memset(t, 0, sizeof *t);
}

/*
 * Whether term `term` starts at q[i], allowing SDG_TERM_GAP other words
 * between its words; *end is then the position of its last word.
 */
static int matches_at(const sdg_term *term, const uint32_t *q, size_t nq, size_t i, size_t *end)
{
    size_t p = i;
    for (uint8_t k = 1; k < term->nwords; k++) {
        size_t found = nq;
        for (size_t g = p + 1; g < nq && g <= p + 1 + SDG_TERM_GAP; g++) {
            if (q[g] == term->words[k]) {
                found = g;
                break;
            }
        }
        if (found == nq)
            return 0;
        p = found;
    }
    *end = p;
    return 1;
}

typedef struct match {
    uint32_t term;
    uint32_t nwords;
    size_t start, end;
} match;

typedef struct matches {
    match *v;
    size_t n, cap;
} matches;

static int match_push(matches *m, match x)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        match *v = realloc(m->v, cap * sizeof *v);
        if (v == NULL)
            return HR_ENOMEM;
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n++] = x;
    return 0;
}

/*
 * Whether match `a` lies inside a longer match: "violencia" inside
 * "violencia contra la mujer" is not separate evidence for 16.1, and
 * "tortura" inside "Convención contra la Tortura" is the instrument.
 */
static int covered(const matches *m, const match *a)
{
    for (size_t i = 0; i < m->n; i++) {
        const match *b = &m->v[i];
        if (b->nwords > a->nwords && b->start <= a->start && b->end >= a->end)
            return 1;
    }
    return 0;
}

static int compare_ids(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int find_all(const sdg_terms *t, const uint32_t *q, size_t nq, matches *m)
{
    for (size_t i = 0; i < nq; i++) {
        uint32_t w = q[i];
        if (w >= t->nwords)
            continue;
        for (uint32_t k = t->first_start[w]; k < t->first_start[w + 1]; k++) {
            uint32_t id = t->by_first[k];
            size_t end = i;
            if (!matches_at(&t->terms[id], q, nq, i, &end))
                continue;
            int rc = match_push(m, (match){id, t->terms[id].nwords, i, end});
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

int sdg_terms_match(const sdg_terms *t, const uint32_t *q, size_t nq, sdg_ids *hits)
{
    hits->n = 0;
    if (t->first_start == NULL)
        return 0;
    matches m = {0};
    int rc = find_all(t, q, nq, &m);
    for (size_t i = 0; rc == 0 && i < m.n; i++) {
        if (!covered(&m, &m.v[i]))
            rc = sdg_ids_push(hits, m.v[i].term);
    }
    free(m.v);
    if (rc != 0 || hits->n == 0)
        return rc;
    qsort(hits->v, hits->n, sizeof hits->v[0], compare_ids);
    size_t kept = 0;
    for (size_t i = 0; i < hits->n; i++) {
        if (kept == 0 || hits->v[kept - 1] != hits->v[i])
            hits->v[kept++] = hits->v[i];
    }
    hits->n = kept;
    return 0;
}
