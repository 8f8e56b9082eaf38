/*
 * The goals and targets the linker knows, as dense node numbers: goals are
 * nodes 0..16 from the start, targets are added as their codes appear (in
 * descriptions, term lists or examples). A code is checked by the same
 * rules as everywhere else (hrtrack/sdg_code.h), so "16.99" or "18" never
 * become nodes.
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"
#include "hrtrack/sdg_code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sdg_nodes_init(sdg_nodes *n)
{
    memset(n, 0, sizeof *n);
    n->cap = 256;
    n->nodes = calloc(n->cap, sizeof *n->nodes);
    if (n->nodes == NULL)
        return HR_ENOMEM;
    for (int g = 1; g <= HR_SDG_GOALS; g++) {
        sdg_node *node = &n->nodes[g - 1];
        /* g <= 17: two digits at most, but the compiler cannot know it. */
        node->code[0] = (char)(g < 10 ? '0' + g : '1');
        node->code[1] = (char)(g < 10 ? '\0' : '0' + g - 10);
        node->code[2] = '\0';
        node->goal = g;
        node->is_goal = 1;
    }
    n->count = SDG_GOAL_NODES;
    return 0;
}

void sdg_nodes_free(sdg_nodes *n)
{
    free(n->nodes);
    n->nodes = NULL;
    n->count = n->cap = 0;
}

/*
 * The 169 targets of the 2030 Agenda (A/RES/70/1): per goal, how many
 * numbered targets (1.1-1.5) and how many lettered ones (1.a-1.b). The
 * code parser accepts any "G.1".."G.99"; this table refuses "16.99", so a
 * typo in a term list is an error with its line number, not a dead entry.
 */
static const struct {
    int numbered, lettered;
} agenda[HR_SDG_GOALS] = {{5, 2}, {5, 3}, {9, 4}, {7, 3}, {6, 3}, {6, 2}, {3, 2},  {10, 2}, {5, 3},
                          {7, 3}, {7, 3}, {8, 3}, {3, 2}, {7, 3}, {9, 3}, {10, 2}, {19, 0}};

static int in_agenda(int goal, int ordinal)
{
    if (ordinal <= 100)
        return ordinal <= agenda[goal - 1].numbered;
    return ordinal - 100 <= agenda[goal - 1].lettered;
}

static int add_target(sdg_nodes *n, const char *code, int goal, int ordinal, uint32_t *node)
{
    if (n->count == n->cap) {
        sdg_node *nodes = realloc(n->nodes, n->cap * 2 * sizeof *nodes);
        if (nodes == NULL)
            return HR_ENOMEM;
        n->nodes = nodes;
        n->cap *= 2;
    }
    sdg_node *t = &n->nodes[n->count];
    snprintf(t->code, sizeof t->code, "%s", code);
    t->goal = goal;
    t->is_goal = 0;
    n->index[goal - 1][ordinal] = n->count + 1;
    *node = n->count++;
    return 0;
}

int sdg_nodes_get(sdg_nodes *n, const char *code, uint32_t *node)
{
    int goal = 0, ordinal = 0;
    if (code == NULL)
        return HR_EPARAM;
    if (strchr(code, '.') == NULL) {
        if (hr_sdg_goal_parse(&goal, code) != 0)
            return HR_EPARAM;
        *node = sdg_goal_node(goal);
        return 0;
    }
    if (strlen(code) >= sizeof n->nodes[0].code ||
        hr_sdg_target_parse(&goal, &ordinal, code) != 0 || goal < 1 || goal > HR_SDG_GOALS ||
        ordinal < 1 || ordinal >= SDG_ORDINALS || !in_agenda(goal, ordinal))
        return HR_EPARAM;
    uint32_t known = n->index[goal - 1][ordinal];
    if (known != 0) {
        *node = known - 1;
        return 0;
    }
    return add_target(n, code, goal, ordinal, node);
}

/* A target's ordinal, from its code (numbers before letters, as sdg_code.h orders them). */
static int ordinal_of(const sdg_node *node)
{
    int goal = 0, ordinal = 0;
    if (node->is_goal || hr_sdg_target_parse(&goal, &ordinal, node->code) != 0)
        return 0;
    return ordinal;
}

int sdg_nodes_compare(const sdg_nodes *n, uint32_t a, uint32_t b)
{
    const sdg_node *x = &n->nodes[a], *y = &n->nodes[b];
    if (x->goal != y->goal)
        return x->goal < y->goal ? -1 : 1;
    int ox = ordinal_of(x), oy = ordinal_of(y);
    return ox < oy ? -1 : ox > oy ? 1 : 0;
}
