/*
 * Similarity of a recommendation to each goal's and target's description.
 *
 * A target's document is its own text (the target and its indicators, in
 * every language added) plus half of its goal's text, so that words of the
 * goal ("violence", "justice") help every target of that goal without
 * drowning the target's own words. A goal's document is the goal text and
 * all its targets' texts. Words are weighed by TF-IDF with the IDF taken
 * over the target documents (a word in every target says nothing), vectors
 * are L2-normalised, and the similarity is their cosine, in [0, 1]: the
 * same text always gets the same similarity, whatever else is asked.
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How much of a goal's own text joins each of its targets' documents. */
#define SDG_GOAL_SHARE 0.5

int sdg_desc_add(sdg_descriptions *d, uint32_t node, const sdg_ids *words)
{
    if (node >= d->nbags) {
        uint32_t n = node + 64;
        sdg_ids *bags = realloc(d->bags, n * sizeof *bags);
        if (bags == NULL)
            return HR_ENOMEM;
        memset(bags + d->nbags, 0, (n - d->nbags) * sizeof *bags);
        d->bags = bags;
        d->nbags = n;
    }
    for (size_t i = 0; i < words->n; i++) {
        int rc = sdg_ids_push(&d->bags[node], words->v[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The term frequencies of one document, gathered in a dense scratch array. */
typedef struct doc_builder {
    double *tf;      /* vocab id -> frequency in the current document */
    sdg_ids touched; /* ids with tf > 0 */
} doc_builder;

static int add_bag(doc_builder *b, const sdg_descriptions *d, uint32_t node, double share)
{
    if (node >= d->nbags)
        return 0;
    const sdg_ids *bag = &d->bags[node];
    for (size_t i = 0; i < bag->n; i++) {
        uint32_t w = bag->v[i];
        if (b->tf[w] == 0) {
            int rc = sdg_ids_push(&b->touched, w);
            if (rc != 0)
                return rc;
        }
        b->tf[w] += share;
    }
    return 0;
}

/* The document of node `i`: see the top of the file. */
static int gather(doc_builder *b, const sdg_descriptions *d, const sdg_nodes *nodes, uint32_t i)
{
    const sdg_node *node = &nodes->nodes[i];
    if (!node->is_goal) {
        int rc = add_bag(b, d, i, 1.0);
        if (rc == 0 && i < d->nbags && d->bags[i].n > 0)
            rc = add_bag(b, d, sdg_goal_node(node->goal), SDG_GOAL_SHARE);
        return rc;
    }
    int rc = add_bag(b, d, i, 1.0);
    for (uint32_t t = SDG_GOAL_NODES; rc == 0 && t < nodes->count; t++) {
        if (nodes->nodes[t].goal == node->goal)
            rc = add_bag(b, d, t, 1.0);
    }
    return rc;
}

/* Per document: the words and their frequencies, CSR (doc_start has nnodes + 1 entries). */
typedef struct doc_table {
    uint32_t *doc_start;
    uint32_t *word;
    double *tf;
    size_t n, cap;
} doc_table;

static int table_push(doc_table *t, uint32_t w, double tf)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4096;
        uint32_t *word = realloc(t->word, cap * sizeof *word);
        if (word == NULL)
            return HR_ENOMEM;
        t->word = word;
        double *f = realloc(t->tf, cap * sizeof *f);
        if (f == NULL)
            return HR_ENOMEM;
        t->tf = f;
        t->cap = cap;
    }
    t->word[t->n] = w;
    t->tf[t->n++] = tf;
    return 0;
}

static int collect_docs(doc_table *t, const sdg_descriptions *d, const sdg_nodes *nodes,
                        uint32_t nwords)
{
    doc_builder b = {.tf = calloc(nwords ? nwords : 1, sizeof(double))};
    t->doc_start = calloc(nodes->count + 1, sizeof *t->doc_start);
    int rc = b.tf && t->doc_start ? 0 : HR_ENOMEM;
    for (uint32_t i = 0; rc == 0 && i < nodes->count; i++) {
        t->doc_start[i] = (uint32_t)t->n;
        b.touched.n = 0;
        rc = gather(&b, d, nodes, i);
        for (size_t k = 0; rc == 0 && k < b.touched.n; k++) {
            uint32_t w = b.touched.v[k];
            rc = table_push(t, w, b.tf[w]);
            b.tf[w] = 0;
        }
    }
    if (rc == 0)
        t->doc_start[nodes->count] = (uint32_t)t->n;
    free(b.tf);
    sdg_ids_free(&b.touched);
    return rc;
}

/* IDF over the target documents that have text of their own. */
static int compute_idf(sdg_descriptions *d, const doc_table *t, const sdg_nodes *nodes,
                       uint32_t nwords)
{
    d->idf = calloc(nwords ? nwords : 1, sizeof *d->idf);
    if (d->idf == NULL)
        return HR_ENOMEM;
    uint32_t ndocs = 0;
    for (uint32_t i = SDG_GOAL_NODES; i < nodes->count; i++) {
        if (t->doc_start[i + 1] == t->doc_start[i])
            continue;
        ndocs++;
        for (uint32_t k = t->doc_start[i]; k < t->doc_start[i + 1]; k++)
            d->idf[t->word[k]] += 1;
    }
    for (uint32_t w = 0; w < nwords; w++)
        d->idf[w] = log(1.0 + (double)(ndocs + 1) / (d->idf[w] + 1.0));
    d->ndocs = ndocs;
    return 0;
}

/* Turns frequencies into normalised TF-IDF weights, document by document. */
static void weigh(doc_table *t, const sdg_descriptions *d, uint32_t ndoc)
{
    for (uint32_t i = 0; i < ndoc; i++) {
        double norm = 0;
        for (uint32_t k = t->doc_start[i]; k < t->doc_start[i + 1]; k++) {
            double f = t->tf[k];
            t->tf[k] = (f >= 1 ? 1.0 + log(f) : f) * d->idf[t->word[k]];
            norm += t->tf[k] * t->tf[k];
        }
        norm = norm > 0 ? sqrt(norm) : 1;
        for (uint32_t k = t->doc_start[i]; k < t->doc_start[i + 1]; k++)
            t->tf[k] /= norm;
    }
}

/* The inverted index: word -> (node, weight), CSR. */
static int invert(sdg_descriptions *d, const doc_table *t, uint32_t ndoc, uint32_t nwords)
{
    d->start = calloc((size_t)nwords + 1, sizeof *d->start);
    d->post = malloc((t->n ? t->n : 1) * sizeof *d->post);
    if (d->start == NULL || d->post == NULL)
        return HR_ENOMEM;
    for (size_t k = 0; k < t->n; k++)
        d->start[t->word[k] + 1]++;
    for (uint32_t w = 0; w < nwords; w++)
        d->start[w + 1] += d->start[w];
    uint32_t *fill = malloc(((size_t)nwords + 1) * sizeof *fill);
    if (fill == NULL)
        return HR_ENOMEM;
    memcpy(fill, d->start, ((size_t)nwords + 1) * sizeof *fill);
    for (uint32_t i = 0; i < ndoc; i++) {
        for (uint32_t k = t->doc_start[i]; k < t->doc_start[i + 1]; k++)
            d->post[fill[t->word[k]]++] = (sdg_posting){i, (float)t->tf[k]};
    }
    free(fill);
    return 0;
}

int sdg_desc_build(sdg_descriptions *d, const sdg_nodes *nodes, uint32_t vocab_count)
{
    doc_table t = {0};
    d->nwords = vocab_count;
    int rc = collect_docs(&t, d, nodes, vocab_count);
    if (rc == 0)
        rc = compute_idf(d, &t, nodes, vocab_count);
    if (rc == 0) {
        weigh(&t, d, nodes->count);
        rc = invert(d, &t, nodes->count, vocab_count);
    }
    free(t.doc_start);
    free(t.word);
    free(t.tf);
    for (uint32_t i = 0; i < d->nbags; i++)
        sdg_ids_free(&d->bags[i]);
    free(d->bags);
    d->bags = NULL;
    d->nbags = 0;
    return rc;
}

void sdg_desc_free(sdg_descriptions *d)
{
    for (uint32_t i = 0; i < d->nbags; i++)
        sdg_ids_free(&d->bags[i]);
    free(d->bags);
    free(d->idf);
    free(d->start);
    free(d->post);
    memset(d, 0, sizeof *d);
}

static int compare_ids(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * A query word that no description uses still counts in the query's norm,
 * with the highest IDF (as a word in no target document): otherwise a long
 * recommendation with one matching word would look as close as a short one
 * made of that word, and the similarity would depend on which other words
 * the linker happened to learn from examples.
 */
static double query_idf(const sdg_descriptions *d, uint32_t w)
{
    if (w < d->nwords)
        return d->idf[w];
    return log(1.0 + (double)(d->ndocs + 1));
}

int sdg_desc_similarity(const sdg_descriptions *d, const uint32_t *q, size_t nq, double *sim,
                        uint32_t nnodes)
{
    memset(sim, 0, nnodes * sizeof *sim);
    if (d->start == NULL || nq == 0)
        return 0;
    uint32_t *sorted = malloc(nq * sizeof *sorted);
    double *weight = malloc(nq * sizeof *weight);
    if (sorted == NULL || weight == NULL) {
        free(sorted);
        free(weight);
        return HR_ENOMEM;
    }
    memcpy(sorted, q, nq * sizeof *sorted);
    qsort(sorted, nq, sizeof sorted[0], compare_ids);
    double norm = 0;
    size_t distinct = 0;
    for (size_t i = 0; i < nq;) {
        size_t j = i;
        while (j < nq && sorted[j] == sorted[i])
            j++;
        weight[distinct] = (1.0 + log((double)(j - i))) * query_idf(d, sorted[i]);
        norm += weight[distinct] * weight[distinct];
        sorted[distinct++] = sorted[i];
        i = j;
    }
    norm = norm > 0 ? sqrt(norm) : 1;
    for (size_t i = 0; i < distinct; i++) {
        uint32_t w = sorted[i];
        if (w >= d->nwords)
            continue;
        for (uint32_t k = d->start[w]; k < d->start[w + 1]; k++) {
            if (d->post[k].doc < nnodes)
                sim[d->post[k].doc] += weight[i] / norm * d->post[k].weight;
        }
    }
    free(sorted);
    free(weight);
    return 0;
}
