/*
 * Name resolution for imports (see include/hrtrack/resolver.h). Names are
 * kept as folded keys (hr_text_fold_key) in sorted arrays, one per kind, and
 * found by binary search.
 */
#include "hrtrack/resolver.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    char *key;
    char code[HR_SDG_CODE_MAX];
} entry;

typedef struct table {
    entry *items;
    size_t count, cap;
} table;

struct hr_resolver {
    table states;     /* folded alias -> alpha-2 */
    table codes;      /* exact alpha-2/alpha-3 -> alpha-2 */
    table mechanisms; /* folded name or code -> mechanism code */
    table targets;    /* target code -> itself */
};

/* Folded prefixes of special procedure mandates, in the three languages. */
static const char *const special_procedure_prefixes[] = {
    "special rapporteur",    "independent expert",   "working group",      "special representative",
    "special procedures",    "relator especial",     "relatora especial",  "experto independiente",
    "experta independiente", "grupo de trabajo",     "rapporteur special", "rapporteuse speciale",
    "expert independant",    "experte independante", "groupe de travail",
};

int hr_resolver_new(hr_resolver **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : HR_ENOMEM;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->items[i].key);
    free(t->items);
}

void hr_resolver_free(hr_resolver *resolver)
{
    if (resolver == NULL)
        return;
    table_free(&resolver->states);
    table_free(&resolver->codes);
    table_free(&resolver->mechanisms);
    table_free(&resolver->targets);
    free(resolver);
}

static int table_add(table *t, char *key, const char *code)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        entry *items = realloc(t->items, cap * sizeof *items);
        if (items == NULL) {
            free(key);
            return HR_ENOMEM;
        }
        t->items = items;
        t->cap = cap;
    }
    t->items[t->count].key = key;
    snprintf(t->items[t->count].code, sizeof t->items[0].code, "%s", code);
    t->count++;
    return 0;
}

static int fold(char **out, const char *name)
{
    hr_buf b;
    hr_buf_init(&b, 4096);
    int rc = hr_text_fold_key(&b, name, strlen(name));
    if (rc == 0 && (*out = hr_buf_steal(&b)) == NULL)
        rc = HR_ENOMEM;
    hr_buf_free(&b);
    return rc;
}

int hr_resolver_add(hr_resolver *resolver, char kind, const char *name, const char *code)
{
    char *key = NULL;
    int rc = 0;
    table *t = NULL;
    switch (kind) {
    case 's':
        t = &resolver->states;
        rc = fold(&key, name);
        break;
    case 'm':
        t = &resolver->mechanisms;
        rc = fold(&key, name);
        break;
    case 'c':
        t = &resolver->codes;
        key = strdup(name);
        break;
    case 't':
        t = &resolver->targets;
        key = strdup(name);
        break;
    default:
        return HR_EINVAL;
    }
    if (rc != 0)
        return rc;
    if (key == NULL)
        return HR_ENOMEM;
    if (key[0] == '\0') {
        free(key);
        return 0;
    }
    return table_add(t, key, code);
}

static int by_key(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c != 0 ? c : strcmp(x->code, y->code);
}

/* Sorts and drops exact duplicates; the same key with two codes is a conflict. */
static int seal_table(table *t, const char *what)
{
    qsort(t->items, t->count, sizeof *t->items, by_key);
    size_t kept = 0;
    int rc = 0;
    for (size_t i = 0; i < t->count; i++) {
        if (kept > 0 && strcmp(t->items[kept - 1].key, t->items[i].key) == 0) {
            if (strcmp(t->items[kept - 1].code, t->items[i].code) != 0) {
                hr_log_error("%s \"%s\" resolves to both %s and %s", what, t->items[i].key,
                             t->items[kept - 1].code, t->items[i].code);
                rc = HR_ECONFLICT;
            }
            free(t->items[i].key);
            continue;
        }
        t->items[kept++] = t->items[i];
    }
    t->count = kept;
    return rc;
}

int hr_resolver_seal(hr_resolver *resolver)
{
    int rc = seal_table(&resolver->states, "state name");
    if (rc == 0)
        rc = seal_table(&resolver->codes, "state code");
    if (rc == 0)
        rc = seal_table(&resolver->mechanisms, "body name");
    if (rc == 0)
        rc = seal_table(&resolver->targets, "target");
    return rc;
}

static const entry *lookup(const table *t, const char *key)
{
    entry probe = {.key = (char *)key};
    size_t lo = 0, hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->items[mid].key, probe.key);
        if (c == 0)
            return &t->items[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Looks `name` up folded in `t`. */
static const entry *lookup_folded(const table *t, const char *name, size_t len)
{
    hr_buf key;
    hr_buf_init(&key, 4096);
    const entry *e = NULL;
    if (hr_text_fold_key(&key, name, len) == 0 && key.len > 0)
        e = lookup(t, hr_buf_cstr(&key));
    hr_buf_free(&key);
    return e;
}

static int is_upper(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    }
    return len > 0;
}

static const entry *lookup_code(const hr_resolver *r, const char *s, size_t len)
{
    if ((len != 2 && len != 3) || !is_upper(s, len))
        return NULL;
    char code[4];
    memcpy(code, s, len);
    code[len] = '\0';
    return lookup(&r->codes, code);
}

int hr_resolver_state(char alpha2[3], const hr_resolver *resolver, const char *name)
{
    /* Trim spaces and the stray asterisks some exports carry ("Paraguay*"). */
    const char *start = name;
    size_t len = strlen(name);
    while (len > 0 && (*start == ' ' || *start == '*' || *start == '\t')) {
        start++;
        len--;
    }
    while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '*' || start[len - 1] == '\t'))
        len--;
    const entry *e = lookup_code(resolver, start, len);
    if (e == NULL)
        e = lookup_folded(&resolver->states, start, len);
    /* A stray ISO-2 code after the name ("Paraguay PY"): the name, else the code. */
    if (e == NULL && len > 3 && start[len - 3] == ' ') {
        e = lookup_folded(&resolver->states, start, len - 3);
        if (e == NULL)
            e = lookup_code(resolver, start + len - 2, 2);
    }
    if (e == NULL)
        return HR_ENOTFOUND;
    memcpy(alpha2, e->code, 3);
    alpha2[2] = '\0';
    return 0;
}

int hr_resolver_mechanism(char code[12], const hr_resolver *resolver, const char *body)
{
    /* UHRI writes some single values as "- CRC". */
    while (*body == ' ' || *body == '-')
        body++;
    const entry *e = lookup_folded(&resolver->mechanisms, body, strlen(body));
    if (e != NULL) {
        snprintf(code, 12, "%s", e->code);
        return 0;
    }
    hr_buf key;
    hr_buf_init(&key, 4096);
    int rc = hr_text_fold_key(&key, body, strlen(body));
    int special = 0;
    size_t n = sizeof special_procedure_prefixes / sizeof special_procedure_prefixes[0];
    for (size_t i = 0; rc == 0 && i < n && !special; i++) {
        const char *prefix = special_procedure_prefixes[i];
        special = strncmp(hr_buf_cstr(&key), prefix, strlen(prefix)) == 0;
    }
    hr_buf_free(&key);
    if (!special)
        return HR_ENOTFOUND;
    snprintf(code, 12, "SP");
    return 0;
}

int hr_resolver_sdg(char code[HR_SDG_CODE_MAX], int *is_target, const hr_resolver *resolver,
                    const char *label)
{
    while (*label == ' ')
        label++;
    const char *dash = strstr(label, " - ");
    size_t len = dash ? (size_t)(dash - label) : strlen(label);
    while (len > 0 && label[len - 1] == ' ')
        len--;
    if (len == 0 || len >= HR_SDG_CODE_MAX)
        return HR_ENOTFOUND;
    char candidate[HR_SDG_CODE_MAX];
    memcpy(candidate, label, len);
    candidate[len] = '\0';
    int goal = 0, ordinal = 0;
    if (hr_sdg_goal_parse(&goal, candidate) == 0) {
        *is_target = 0;
    } else if (hr_sdg_target_parse(&goal, &ordinal, candidate) == 0 &&
               lookup(&resolver->targets, candidate) != NULL) {
        *is_target = 1;
    } else {
        return HR_ENOTFOUND;
    }
    memcpy(code, candidate, len + 1);
    return 0;
}
