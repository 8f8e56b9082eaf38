/*
 * Suggesting: the three sources of evidence combined into one score per
 * target.
 *
 * For a target t of goal g, the evidence is
 *     own(t)  = W_TERM * (weights of the matched phrases naming t)
 *             + W_DESC * cosine(text, description of t)
 *             + W_KNN  * (neighbours' vote share for t) * (their closeness)
 *     goal(g) = the same three for g (phrases naming g or any of its
 *               targets, the goal's whole description, votes for g)
 *     raw(t)  = own(t) * (1 + GOAL_SHARE * goal(g) / (1 + goal(g)))
 * and the score is raw / (raw + 1). Nothing is rescaled per
 * recommendation, so the same evidence gives the same score everywhere.
 * The goal's evidence multiplies a target's own instead of adding to it:
 * between two targets with similar evidence of their own, the one whose
 * goal the whole recommendation is about wins, but a target with next to
 * no evidence of its own is not lifted into the first three just because
 * a sibling was named (an added share did that, and pushed the right
 * target of another goal out of the first three).
 *
 * The weights were set on the Spanish development file's figures as a
 * whole (bench/sdg), never per record: a matched phrase is strong,
 * specific evidence (1 per unit of weight); a cosine of 0.3 with a
 * target's wording is about as strong; the neighbours' vote counts most
 * when there are close neighbours, as there are after a UHRI import.
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"
#include "hrtrack/sdg_linker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_TERM     SDG_W_TERM
#define W_DESC     SDG_W_DESC
#define W_KNN      SDG_W_KNN
#define GOAL_SHARE 0.5
#define SIM_MIN    0.05 /* neighbours less similar than this do not vote */
#define CLOSE_SIM  0.5  /* neighbours this similar vote with full weight */
#define SCORE_MIN  0.10 /* suggestions below this are not worth a person's time */
#define OWN_MIN    0.02 /* a target needs some evidence of its own */

static int evidence_init(sdg_evidence *ev, uint32_t nnodes)
{
    memset(ev, 0, sizeof *ev);
    ev->nnodes = nnodes;
    ev->desc = calloc(nnodes, sizeof(double));
    ev->term = calloc(nnodes, sizeof(double));
    ev->knn = calloc(nnodes, sizeof(double));
    ev->own = calloc(nnodes, sizeof(double));
    ev->goal = calloc(SDG_GOAL_NODES, sizeof(double));
    return ev->desc && ev->term && ev->knn && ev->own && ev->goal ? 0 : HR_ENOMEM;
}

static void evidence_free(sdg_evidence *ev)
{
    free(ev->desc);
    free(ev->term);
    free(ev->knn);
    free(ev->own);
    free(ev->goal);
    sdg_ids_free(&ev->hits);
}

/* Phrase weights per node, and per goal (each phrase counted once per goal). */
static void add_terms(const hr_sdg_linker *l, sdg_evidence *ev, double *goal_terms)
{
    for (size_t i = 0; i < ev->hits.n; i++) {
        const sdg_term *t = &l->terms.terms[ev->hits.v[i]];
        int goals_seen[SDG_GOAL_NODES] = {0};
        for (uint8_t k = 0; k < t->ntargets; k++) {
            uint32_t node = t->targets[k];
            int g = l->nodes.nodes[node].goal;
            ev->term[node] += t->weight;
            if (!goals_seen[g - 1])
                goal_terms[g - 1] += t->weight;
            goals_seen[g - 1] = 1;
        }
    }
}

/* Whether an example's labels name goal node `g` without any target of that goal. */
static int goal_only(const hr_sdg_linker *l, const uint32_t *labels, size_t n, uint32_t g)
{
    int has_goal = 0;
    for (size_t k = 0; k < n; k++) {
        const sdg_node *node = &l->nodes.nodes[labels[k]];
        if (labels[k] == g)
            has_goal = 1;
        else if (node->goal == l->nodes.nodes[g].goal)
            return 0;
    }
    return has_goal;
}

/*
 * Similarity-weighted votes of the neighbours, scaled by how close they are.
 * Every example votes for its targets and their goals (examples store the
 * goals of their targets); an example labelled with a goal alone also
 * votes in `alone`, the evidence for suggesting that goal without a target.
 */
static void add_votes(const hr_sdg_linker *l, sdg_evidence *ev, double *alone)
{
    double total = 0, closeness = 0;
    size_t voters = 0;
    for (size_t i = 0; i < ev->nneighbours && ev->neighbours[i].sim >= SIM_MIN; i++) {
        total += ev->neighbours[i].sim;
        voters++;
    }
    if (voters == 0 || total <= 0) {
        ev->nneighbours = 0;
        return;
    }
    ev->nneighbours = voters;
    /* The mean similarity of the three closest: one lucky neighbour is not enough. */
    size_t top = voters < 3 ? voters : 3;
    for (size_t i = 0; i < top; i++)
        closeness += ev->neighbours[i].sim / (double)top;
    closeness = closeness / CLOSE_SIM > 1 ? 1 : closeness / CLOSE_SIM;
    for (size_t i = 0; i < voters; i++) {
        size_t n = 0;
        const uint32_t *labels = sdg_example_labels(&l->examples, ev->neighbours[i].example, &n);
        double vote = ev->neighbours[i].sim / total * closeness;
        for (size_t k = 0; k < n; k++) {
            ev->knn[labels[k]] += vote;
            if (labels[k] < SDG_GOAL_NODES && goal_only(l, labels, n, labels[k]))
                alone[labels[k]] += vote;
        }
    }
}

static int gather(const hr_sdg_linker *l, const uint32_t *q, size_t nq, const char *exclude,
                  sdg_evidence *ev)
{
    double goal_terms[SDG_GOAL_NODES] = {0}, alone[SDG_GOAL_NODES] = {0};
    int rc = sdg_desc_similarity(&l->desc, q, nq, ev->desc, ev->nnodes);
    if (rc == 0)
        rc = sdg_terms_match(&l->terms, q, nq, &ev->hits);
    if (rc == 0)
        rc = sdg_examples_nearest(&l->examples, q, nq, exclude, ev->neighbours, &ev->nneighbours);
    if (rc != 0)
        return rc;
    add_terms(l, ev, goal_terms);
    add_votes(l, ev, alone);
    for (uint32_t i = SDG_GOAL_NODES; i < ev->nnodes; i++)
        ev->own[i] = W_TERM * ev->term[i] + W_DESC * ev->desc[i] + W_KNN * ev->knn[i];
    for (int g = 0; g < SDG_GOAL_NODES; g++) {
        /* A goal's own evidence, for suggesting it without a target: phrases and votes for it
         * alone. */
        ev->own[g] = W_TERM * ev->term[g] + W_KNN * alone[g];
        ev->goal[g] = W_TERM * goal_terms[g] + W_DESC * ev->desc[g] + W_KNN * ev->knn[g];
    }
    return 0;
}

typedef struct candidate {
    uint32_t node;
    double raw;
} candidate;

static int better(const hr_sdg_linker *l, const candidate *a, const candidate *b)
{
    return a->raw > b->raw ||
           (a->raw == b->raw && sdg_nodes_compare(&l->nodes, a->node, b->node) < 0);
}

/*
 * The candidates, best first: every target with evidence of its own, and
 * every goal with phrases or votes for it alone. A goal is dropped when a
 * target of it ranks higher: the target already says the goal.
 */
static int rank(const hr_sdg_linker *l, const sdg_evidence *ev, candidate *c, size_t *n)
{
    *n = 0;
    for (uint32_t i = 0; i < ev->nnodes; i++) {
        if (ev->own[i] < OWN_MIN)
            continue;
        double goal = ev->goal[l->nodes.nodes[i].goal - 1];
        double raw = ev->own[i] * (1 + GOAL_SHARE * goal / (1 + goal));
        if (raw / (raw + 1) >= SCORE_MIN)
            c[(*n)++] = (candidate){i, raw};
    }
    /* Insertion sort: at most a few hundred candidates, and no context for qsort. */
    for (size_t i = 1; i < *n; i++) {
        candidate x = c[i];
        size_t j = i;
        for (; j > 0 && better(l, &x, &c[j - 1]); j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
    int covered[SDG_GOAL_NODES] = {0};
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        const sdg_node *node = &l->nodes.nodes[c[i].node];
        if (node->is_goal && covered[node->goal - 1])
            continue;
        covered[node->goal - 1] = 1;
        c[kept++] = c[i];
    }
    *n = kept;
    return 0;
}

static void fill(const hr_sdg_linker *l, const sdg_evidence *ev, const candidate *c,
                 hr_sdg_suggestion *out)
{
    const sdg_node *node = &l->nodes.nodes[c->node];
    memset(out, 0, sizeof *out);
    snprintf(out->target, sizeof out->target, "%s", node->is_goal ? "" : node->code);
    out->goal = node->goal;
    out->score = c->raw / (c->raw + 1);
    sdg_reason_write(out->reason, sizeof out->reason, l, ev, c->node);
}

int hr_sdg_linker_suggest(const hr_sdg_linker *linker, const char *text, hr_lang lang,
                          const char *exclude_label, hr_sdg_suggestion *out, size_t max,
                          size_t *n_out)
{
    if (n_out != NULL)
        *n_out = 0;
    if (linker == NULL || text == NULL || n_out == NULL || (out == NULL && max > 0) ||
        (int)lang < 0 || (int)lang >= HR_LANG_COUNT)
        return HR_EPARAM;
    if (!linker->built)
        return HR_ESTATE;
    sdg_ids q = {0};
    sdg_evidence ev;
    candidate *c = malloc(linker->nodes.count * sizeof *c);
    int rc = c ? evidence_init(&ev, linker->nodes.count) : HR_ENOMEM;
    if (rc == 0) {
        ev.lang = lang;
        rc = sdg_text_ids_find(linker, text, lang, &q);
    }
    if (rc == 0 && q.n > 0)
        rc = gather(linker, q.v, q.n, exclude_label, &ev);
    size_t n = 0;
    if (rc == 0 && q.n > 0)
        rc = rank(linker, &ev, c, &n);
    for (size_t i = 0; rc == 0 && i < n && i < max; i++) {
        fill(linker, &ev, &c[i], &out[i]);
        (*n_out)++;
    }
    if (c != NULL)
        evidence_free(&ev);
    sdg_ids_free(&q);
    free(c);
    return rc;
}
