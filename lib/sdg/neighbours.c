/*
 * The nearest labelled examples of a recommendation (see examples.c for the
 * index and the bounds that keep this fast).
 *
 * The query is weighed like an example (IDF over the examples); a query
 * word no example uses still counts in the query's norm, with the highest
 * IDF, so that the similarity is a true cosine and does not depend on
 * which other texts the linker happened to learn. Ties are broken by the
 * example's number, so the same input always gives the same neighbours.
 *
 * The bound that keeps a query fast with 250,000 examples: of each word,
 * only the SDG_POSTINGS_PER_WORD examples in which it weighs most are read
 * (postings are stored heaviest first, examples.c). A rare word is read
 * whole; a common one ("children", "women") contributes to the examples
 * where it matters most, and an example it is left out of loses at most
 * that word's small share of its similarity. Similarities are summed in a
 * hash table sized for the postings read, and only its touched slots are
 * scanned for the best neighbours.
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SDG_POSTINGS_PER_WORD 2000

typedef struct qword {
    uint32_t word;
    uint32_t df;
    double weight;
} qword;

static int compare_ids(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Rarest first; equal counts by word id, for a fixed order. */
static int compare_df(const void *a, const void *b)
{
    const qword *x = a, *y = b;
    if (x->df != y->df)
        return x->df < y->df ? -1 : 1;
    return x->word < y->word ? -1 : x->word > y->word;
}

/* The distinct words of the query with their weights, normalised; *n of them. */
static int weigh_query(const sdg_examples *e, const uint32_t *q, size_t nq, qword **out, size_t *n)
{
    uint32_t *sorted = malloc((nq ? nq : 1) * sizeof *sorted);
    qword *w = malloc((nq ? nq : 1) * sizeof *w);
    if (sorted == NULL || w == NULL) {
        free(sorted);
        free(w);
        return HR_ENOMEM;
    }
    memcpy(sorted, q, nq * sizeof *sorted);
    qsort(sorted, nq, sizeof *sorted, compare_ids);
    double norm = 0, idf_max = log(1.0 + (double)e->count);
    size_t k = 0;
    for (size_t i = 0; i < nq;) {
        size_t j = i;
        while (j < nq && sorted[j] == sorted[i])
            j++;
        uint32_t word = sorted[i];
        int known = word < e->nwords && e->start[word + 1] > e->start[word];
        double weight = (1.0 + log((double)(j - i))) * (known ? e->idf[word] : idf_max);
        norm += weight * weight;
        if (known)
            w[k++] = (qword){word, e->start[word + 1] - e->start[word], weight};
        i = j;
    }
    norm = norm > 0 ? sqrt(norm) : 1;
    for (size_t i = 0; i < k; i++)
        w[i].weight /= norm;
    qsort(w, k, sizeof *w, compare_df);
    free(sorted);
    *out = w;
    *n = k;
    return 0;
}

typedef struct accumulator {
    uint32_t *key; /* example + 1; 0 = empty */
    double *sum;
    uint32_t *touched; /* the slots in use, in the order they were taken */
    size_t ntouched;
    size_t mask;
} accumulator;

static int acc_init(accumulator *a, size_t postings)
{
    size_t cap = 64;
    while (cap < postings * 2)
        cap *= 2;
    a->key = calloc(cap, sizeof *a->key);
    a->sum = malloc(cap * sizeof *a->sum);
    a->touched = malloc((postings ? postings : 1) * sizeof *a->touched);
    a->mask = cap - 1;
    return a->key && a->sum && a->touched ? 0 : HR_ENOMEM;
}

static void acc_free(accumulator *a)
{
    free(a->key);
    free(a->sum);
    free(a->touched);
}

static void acc_add(accumulator *a, uint32_t example, double v)
{
    size_t i = ((size_t)example * 2654435761u) & a->mask;
    while (a->key[i] != 0 && a->key[i] != example + 1)
        i = (i + 1) & a->mask;
    if (a->key[i] == 0) {
        a->key[i] = example + 1;
        a->sum[i] = 0;
        a->touched[a->ntouched++] = (uint32_t)i;
    }
    a->sum[i] += v;
}

/* The examples named `exclude`, in a list of their own (usually one to three). */
static int collect_excluded(const sdg_examples *e, const char *exclude, sdg_ids *out)
{
    for (uint32_t x = sdg_examples_first_named(e, exclude); x != SDG_NONE; x = e->next_same[x]) {
        int rc = sdg_ids_push(out, x);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int excluded(const sdg_ids *list, uint32_t x)
{
    for (size_t i = 0; i < list->n; i++) {
        if (list->v[i] == x)
            return 1;
    }
    return 0;
}

/* Keeps the best SDG_NEIGHBOURS in `out` (sorted, best first). */
static void keep_best(sdg_neighbour *out, size_t *n, uint32_t x, double sim)
{
    size_t i = *n;
    if (i == SDG_NEIGHBOURS) {
        const sdg_neighbour *last = &out[i - 1];
        if (sim < last->sim || (sim == last->sim && x > last->example))
            return;
        i--;
    } else {
        (*n)++;
    }
    while (i > 0 && (out[i - 1].sim < sim || (out[i - 1].sim == sim && out[i - 1].example > x))) {
        out[i] = out[i - 1];
        i--;
    }
    out[i] = (sdg_neighbour){x, sim};
}

/* How many postings of word `w` are read (see the top of the file). */
static uint32_t read_count(const qword *w)
{
    return w->df < SDG_POSTINGS_PER_WORD ? w->df : SDG_POSTINGS_PER_WORD;
}

int sdg_examples_nearest(const sdg_examples *e, const uint32_t *q, size_t nq, const char *exclude,
                         sdg_neighbour *out, size_t *n)
{
    *n = 0;
    if (e->count == 0 || e->start == NULL || nq == 0)
        return 0;
    qword *w = NULL;
    size_t nw = 0, postings = 0;
    int rc = weigh_query(e, q, nq, &w, &nw);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < nw; i++)
        postings += read_count(&w[i]);
    accumulator a = {0};
    sdg_ids skip = {0};
    rc = collect_excluded(e, exclude, &skip);
    if (rc == 0)
        rc = acc_init(&a, postings);
    for (size_t i = 0; rc == 0 && i < nw; i++) {
        const sdg_posting *p = e->post + e->start[w[i].word];
        for (uint32_t k = 0; k < read_count(&w[i]); k++)
            acc_add(&a, p[k].doc, w[i].weight * p[k].weight);
    }
    for (size_t i = 0; rc == 0 && i < a.ntouched; i++) {
        uint32_t slot = a.touched[i];
        if (!excluded(&skip, a.key[slot] - 1))
            keep_best(out, n, a.key[slot] - 1, a.sum[slot]);
    }
    acc_free(&a);
    free(w);
    sdg_ids_free(&skip);
    return rc;
}
