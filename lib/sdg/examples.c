/*
 * Labelled examples and their nearest neighbours.
 *
 * Each example is a TF-IDF vector (IDF over the examples, L2-normalised);
 * an inverted index (stem -> examples that use it, with their weight)
 * finds the examples that share words with a recommendation, and their
 * cosine similarity is summed word by word in a small hash table, so the
 * work grows with the postings of the recommendation's words, not with the
 * number of examples. Each word's postings are stored by decreasing
 * weight ("impact order"), so that a query can read only the examples in
 * which a common word weighs most (see neighbours.c): with 250,000
 * examples a word like "children" has tens of thousands of postings, and
 * reading them all for each of 41,000 recommendations took a minute.
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

/* The slot of `name`: its head example + 1, or an empty slot (0). */
static size_t name_slot(const sdg_examples *e, const char *name)
{
    size_t mask = e->nname_slots - 1;
    for (size_t i = (size_t)hash_name(name) & mask;; i = (i + 1) & mask) {
        uint32_t x = e->name_slots[i];
        if (x == 0 || strcmp(e->names[x - 1], name) == 0)
            return i;
    }
}

static int grow_names(sdg_examples *e)
{
    size_t n = e->nname_slots ? e->nname_slots * 2 : 1024;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return HR_ENOMEM;
    uint32_t *old = e->name_slots;
    size_t nold = e->nname_slots;
    e->name_slots = slots;
    e->nname_slots = n;
    for (size_t i = 0; i < nold; i++) {
        if (old[i] != 0)
            e->name_slots[name_slot(e, e->names[old[i] - 1])] = old[i];
    }
    free(old);
    return 0;
}

static int grow_examples(sdg_examples *e)
{
    uint32_t cap = e->cap ? e->cap * 2 : 1024;
    char **names = realloc(e->names, cap * sizeof *names);
    if (names == NULL)
        return HR_ENOMEM;
    e->names = names;
    uint32_t *next = realloc(e->next_same, cap * sizeof *next);
    if (next == NULL)
        return HR_ENOMEM;
    e->next_same = next;
    e->cap = cap;
    return 0;
}

static int push_all(sdg_ids *dst, const sdg_ids *src)
{
    for (size_t i = 0; i < src->n; i++) {
        int rc = sdg_ids_push(dst, src->v[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int sdg_examples_add(sdg_examples *e, const char *name, const sdg_ids *words, const sdg_ids *nodes)
{
    int rc = 0;
    if (e->count == e->cap)
        rc = grow_examples(e);
    if (rc == 0 && (e->nname_slots == 0 || (size_t)e->count * 2 >= e->nname_slots))
        rc = grow_names(e);
    if (rc == 0 && e->word_start.n == 0)
        rc = sdg_ids_push(&e->word_start, 0);
    if (rc == 0 && e->label_start.n == 0)
        rc = sdg_ids_push(&e->label_start, 0);
    if (rc != 0)
        return rc;
    char *copy = strdup(name);
    size_t words_before = e->words.n, labels_before = e->labels.n;
    rc = copy ? push_all(&e->words, words) : HR_ENOMEM;
    if (rc == 0)
        rc = push_all(&e->labels, nodes);
    if (rc == 0)
        rc = sdg_ids_push(&e->word_start, (uint32_t)e->words.n);
    if (rc == 0 && (rc = sdg_ids_push(&e->label_start, (uint32_t)e->labels.n)) != 0)
        e->word_start.n--;
    if (rc != 0) {
        free(copy);
        e->words.n = words_before;
        e->labels.n = labels_before;
        return rc;
    }
    uint32_t x = e->count++;
    e->names[x] = copy;
    size_t slot = name_slot(e, copy);
    e->next_same[x] = e->name_slots[slot] ? e->name_slots[slot] - 1 : SDG_NONE;
    e->name_slots[slot] = x + 1;
    return 0;
}

uint32_t sdg_examples_first_named(const sdg_examples *e, const char *name)
{
    if (name == NULL || e->nname_slots == 0)
        return SDG_NONE;
    uint32_t x = e->name_slots[name_slot(e, name)];
    return x == 0 ? SDG_NONE : x - 1;
}

static int compare_ids(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts each example's words so that repeats are runs; counts document frequencies. */
static int count_df(sdg_examples *e, uint32_t nwords)
{
    e->idf = calloc(nwords ? nwords : 1, sizeof *e->idf);
    if (e->idf == NULL)
        return HR_ENOMEM;
    for (uint32_t x = 0; x < e->count; x++) {
        uint32_t *w = e->words.v + e->word_start.v[x];
        size_t n = e->word_start.v[x + 1] - e->word_start.v[x];
        qsort(w, n, sizeof *w, compare_ids);
        for (size_t i = 0; i < n; i++) {
            if (i == 0 || w[i] != w[i - 1])
                e->idf[w[i]] += 1;
        }
    }
    return 0;
}

/* The (word, weight) runs of example x, written to `post` at the words' fill positions. */
static void weigh_example(sdg_examples *e, uint32_t x, uint32_t *fill)
{
    const uint32_t *w = e->words.v + e->word_start.v[x];
    size_t n = e->word_start.v[x + 1] - e->word_start.v[x];
    double norm = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && w[j] == w[i])
                j++;
            double weight = (1.0 + log((double)(j - i))) * e->idf[w[i]];
            if (pass == 0)
                norm += weight * weight;
            else
                e->post[fill[w[i]]++] = (sdg_posting){x, (float)(weight / norm)};
            i = j;
        }
        norm = norm > 0 ? sqrt(norm) : 1;
    }
}

/* Heaviest first; equal weights by example, so the order is always the same. */
static int compare_impact(const void *a, const void *b)
{
    const sdg_posting *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

int sdg_examples_build(sdg_examples *e, uint32_t nwords)
{
    e->nwords = nwords;
    int rc = count_df(e, nwords);
    if (rc != 0)
        return rc;
    e->start = calloc((size_t)nwords + 1, sizeof *e->start);
    uint32_t *fill = malloc(((size_t)nwords + 1) * sizeof *fill);
    if (e->start == NULL || fill == NULL) {
        free(fill);
        return HR_ENOMEM;
    }
    for (uint32_t w = 0; w < nwords; w++)
        e->start[w + 1] = e->start[w] + (uint32_t)e->idf[w];
    e->post = malloc((e->start[nwords] ? e->start[nwords] : 1) * sizeof *e->post);
    if (e->post == NULL) {
        free(fill);
        return HR_ENOMEM;
    }
    for (uint32_t w = 0; w < nwords; w++)
        e->idf[w] = e->idf[w] > 0 ? log(1.0 + (double)e->count / e->idf[w]) : 0;
    memcpy(fill, e->start, ((size_t)nwords + 1) * sizeof *fill);
    for (uint32_t x = 0; x < e->count; x++)
        weigh_example(e, x, fill);
    free(fill);
    for (uint32_t w = 0; w < nwords; w++)
        qsort(e->post + e->start[w], e->start[w + 1] - e->start[w], sizeof *e->post,
              compare_impact);
    /* The words served their purpose: the index holds everything suggest needs. */
    sdg_ids_free(&e->words);
    sdg_ids_free(&e->word_start);
    return 0;
}

void sdg_examples_free(sdg_examples *e)
{
    for (uint32_t x = 0; x < e->count; x++)
        free(e->names[x]);
    free(e->names);
    free(e->next_same);
    free(e->name_slots);
    sdg_ids_free(&e->words);
    sdg_ids_free(&e->word_start);
    sdg_ids_free(&e->labels);
    sdg_ids_free(&e->label_start);
    free(e->idf);
    free(e->start);
    free(e->post);
    memset(e, 0, sizeof *e);
}
