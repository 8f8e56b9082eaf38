/*
 * The reason shown with each suggestion, for the person who confirms or
 * rejects it: which phrases of the term lists were found and which targets
 * they name ("terms: tortura, tratos crueles → 16.1, 16.3"), how many close
 * labelled recommendations voted for the target ("similar: 12 labelled
 * recommendations (8 → 16.3)"), and, when it weighed most or nothing else
 * spoke, how close the text is to the target's own wording ("wording of
 * 16.3: 0.21"). Parts are separated by "; " and cut at a character
 * boundary to fit HR_SDG_REASON_MAX.
 */
#include "sdg_internal.h"

#include "hrtrack/sdg_linker.h"

#include <stdio.h>
#include <string.h>

#define REASON_TERMS   4 /* phrases named */
#define REASON_TARGETS 6 /* targets named after the arrow */

void sdg_reason_append(char *dst, size_t cap, const char *s)
{
    size_t used = strlen(dst), n = strlen(s);
    if (used + 1 >= cap)
        return;
    if (n > cap - 1 - used) {
        n = cap - 1 - used;
        /* Back off to the start of a UTF-8 character. */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst + used, s, n);
    dst[used + n] = '\0';
}

/* The phrase in the recommendation's language if the lists have it, else the first there is. */
static const char *display(const sdg_term *t, hr_lang lang)
{
    if (t->display[lang] != NULL)
        return t->display[lang];
    for (int l = 0; l < HR_LANG_COUNT; l++) {
        if (t->display[l] != NULL)
            return t->display[l];
    }
    return "";
}

/* Whether term `t` names `node`, or with `whole_goal` (a goal node) any target of that goal. */
static int names(const struct hr_sdg_linker *l, const sdg_term *t, uint32_t node, int whole_goal)
{
    const sdg_node *want = &l->nodes.nodes[node];
    for (uint8_t k = 0; k < t->ntargets; k++) {
        if (t->targets[k] == node ||
            (whole_goal && l->nodes.nodes[t->targets[k]].goal == want->goal))
            return 1;
    }
    return 0;
}

static void add_target_once(const struct hr_sdg_linker *l, uint32_t *list, size_t *n, uint32_t node)
{
    for (size_t i = 0; i < *n; i++) {
        if (list[i] == node)
            return;
    }
    if (*n == REASON_TARGETS)
        return;
    size_t i = (*n)++;
    while (i > 0 && sdg_nodes_compare(&l->nodes, list[i - 1], node) > 0) {
        list[i] = list[i - 1];
        i--;
    }
    list[i] = node;
}

/*
 * "terms: a, b → 16.1, 16.3" (`intro` is "terms: " or "goal 16 terms: ");
 * returns whether any phrase names the node.
 */
static int write_terms(char *dst, size_t cap, const struct hr_sdg_linker *l, const sdg_evidence *ev,
                       uint32_t node, int whole_goal, const char *intro)
{
    uint32_t targets[REASON_TARGETS];
    size_t ntargets = 0, named = 0;
    for (size_t i = 0; i < ev->hits.n && named < REASON_TERMS; i++) {
        const sdg_term *t = &l->terms.terms[ev->hits.v[i]];
        if (!names(l, t, node, whole_goal))
            continue;
        sdg_reason_append(dst, cap, named == 0 ? intro : ", ");
        sdg_reason_append(dst, cap, display(t, ev->lang));
        for (uint8_t k = 0; k < t->ntargets; k++)
            add_target_once(l, targets, &ntargets, t->targets[k]);
        named++;
    }
    for (size_t i = 0; i < ntargets; i++) {
        sdg_reason_append(dst, cap, i == 0 ? " → " : ", ");
        sdg_reason_append(dst, cap, l->nodes.nodes[targets[i]].code);
    }
    return named > 0;
}

/* Whether neighbour i is the same recommendation as an earlier one (another language of it). */
static int seen_before(const struct hr_sdg_linker *l, const sdg_evidence *ev, size_t i)
{
    const char *name = l->examples.names[ev->neighbours[i].example];
    for (size_t k = 0; k < i; k++) {
        if (strcmp(l->examples.names[ev->neighbours[k].example], name) == 0)
            return 1;
    }
    return 0;
}

static int labelled(const struct hr_sdg_linker *l, uint32_t example, uint32_t node)
{
    size_t n = 0;
    const uint32_t *labels = sdg_example_labels(&l->examples, example, &n);
    for (size_t k = 0; k < n; k++) {
        if (labels[k] == node)
            return 1;
    }
    return 0;
}

/* "similar: 12 labelled recommendations (8 → 16.3)", counting recommendations, not their languages.
 */
static int write_votes(char *dst, size_t cap, const struct hr_sdg_linker *l, const sdg_evidence *ev,
                       uint32_t node)
{
    size_t voters = 0, voted = 0;
    for (size_t i = 0; i < ev->nneighbours; i++) {
        if (seen_before(l, ev, i))
            continue;
        voters++;
        voted += labelled(l, ev->neighbours[i].example, node) ? 1 : 0;
    }
    if (voted == 0)
        return 0;
    char part[128];
    snprintf(part, sizeof part, "similar: %zu labelled recommendation%s (%zu → %s)", voters,
             voters == 1 ? "" : "s", voted, l->nodes.nodes[node].code);
    sdg_reason_append(dst, cap, part);
    return 1;
}

void sdg_reason_write(char *dst, size_t cap, const struct hr_sdg_linker *l, const sdg_evidence *ev,
                      uint32_t node)
{
    dst[0] = '\0';
    const sdg_node *n = &l->nodes.nodes[node];
    int any = write_terms(dst, cap, l, ev, node, 0, "terms: ");
    if (!any && !n->is_goal) {
        /* A target with no phrase of its own is explained by its goal's phrases, said as such. */
        char intro[32];
        snprintf(intro, sizeof intro, "goal %d terms: ", n->goal);
        any = write_terms(dst, cap, l, ev, sdg_goal_node(n->goal), 1, intro);
    }
    char votes[128] = "";
    if (write_votes(votes, sizeof votes, l, ev, node)) {
        sdg_reason_append(dst, cap, any ? "; " : "");
        sdg_reason_append(dst, cap, votes);
        any = 1;
    }
    double desc = ev->desc[node] * SDG_W_DESC;
    if (!n->is_goal && (!any || desc >= 0.5 * ev->own[node])) {
        char part[64];
        snprintf(part, sizeof part, "%swording of %s: %.2f", any ? "; " : "", n->code,
                 ev->desc[node]);
        sdg_reason_append(dst, cap, part);
    }
}
