/*
 * The linker's life cycle (see include/hrtrack/sdg_linker.h): creating it,
 * feeding it descriptions, term lists and labelled examples, and freezing
 * it with build. Suggesting lives in suggest.c.
 *
 * Every text is turned into vocabulary ids as it is added, so the raw
 * texts are never kept: 250,000 examples cost their stems, not their
 * bytes.
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/reference.h"
#include "hrtrack/sdg_linker.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hr_sdg_linker_new(hr_sdg_linker **out)
{
    *out = NULL;
    hr_sdg_linker *l = calloc(1, sizeof *l);
    if (l == NULL)
        return HR_ENOMEM;
    if (sdg_nodes_init(&l->nodes) != 0) {
        free(l);
        return HR_ENOMEM;
    }
    *out = l;
    return 0;
}

void hr_sdg_linker_free(hr_sdg_linker *linker)
{
    if (linker == NULL)
        return;
    sdg_vocab_free(&linker->vocab);
    sdg_nodes_free(&linker->nodes);
    sdg_desc_free(&linker->desc);
    sdg_terms_free(&linker->terms);
    sdg_examples_free(&linker->examples);
    free(linker);
}

void sdg_set_error(hr_sdg_linker *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->error, sizeof l->error, fmt, ap);
    va_end(ap);
    hr_log_error("sdg linker: %s", l->error);
}

const char *hr_sdg_linker_error(const hr_sdg_linker *linker)
{
    return linker->error;
}

static int valid_lang(hr_lang lang)
{
    return (int)lang >= 0 && (int)lang < HR_LANG_COUNT;
}

typedef struct ids_ctx {
    hr_sdg_linker *l;
    const hr_sdg_linker *ro;
    sdg_ids *out;
} ids_ctx;

static int intern_word(void *ctx, const char *stem, size_t len)
{
    ids_ctx *c = ctx;
    uint32_t id;
    int rc = sdg_vocab_intern(&c->l->vocab, stem, len, &id);
    return rc == 0 ? sdg_ids_push(c->out, id) : rc;
}

static int find_word(void *ctx, const char *stem, size_t len)
{
    ids_ctx *c = ctx;
    return sdg_ids_push(c->out, sdg_vocab_find(&c->ro->vocab, stem, len));
}

int sdg_text_ids(hr_sdg_linker *l, const char *text, hr_lang lang, sdg_ids *out)
{
    ids_ctx c = {.l = l, .out = out};
    out->n = 0;
    return sdg_words(text, strlen(text), lang, intern_word, &c);
}

int sdg_text_ids_find(const hr_sdg_linker *l, const char *text, hr_lang lang, sdg_ids *out)
{
    ids_ctx c = {.ro = l, .out = out};
    out->n = 0;
    return sdg_words(text, strnlen(text, HR_SDG_TEXT_MAX + 1), lang, find_word, &c);
}

int hr_sdg_linker_add_target_text(hr_sdg_linker *linker, const char *target, hr_lang lang,
                                  const char *text)
{
    if (linker == NULL || target == NULL || text == NULL || !valid_lang(lang))
        return HR_EPARAM;
    if (linker->built)
        return HR_ESTATE;
    if (strnlen(text, HR_SDG_TEXT_MAX + 1) > HR_SDG_TEXT_MAX)
        return HR_ELIMIT;
    uint32_t node;
    int rc = sdg_nodes_get(&linker->nodes, target, &node);
    if (rc != 0) {
        sdg_set_error(linker, "%s is not an SDG goal or target", target);
        return rc;
    }
    sdg_ids words = {0};
    rc = sdg_text_ids(linker, text, lang, &words);
    if (rc == 0)
        rc = sdg_desc_add(&linker->desc, node, &words);
    sdg_ids_free(&words);
    return rc;
}

int hr_sdg_linker_add_reference(hr_sdg_linker *linker, const struct hr_reference *ref)
{
    int rc = linker == NULL || ref == NULL ? HR_EPARAM : 0;
    for (int l = 0; rc == 0 && l < HR_LANG_COUNT; l++) {
        for (size_t i = 0; rc == 0 && i < ref->goal_count; i++) {
            char code[8];
            snprintf(code, sizeof code, "%d", ref->goals[i].goal);
            if (ref->goals[i].title[l] != NULL)
                rc =
                    hr_sdg_linker_add_target_text(linker, code, (hr_lang)l, ref->goals[i].title[l]);
        }
        for (size_t i = 0; rc == 0 && i < ref->target_count; i++) {
            const hr_ref_target *t = &ref->targets[i];
            if (t->title[l] != NULL)
                rc = hr_sdg_linker_add_target_text(linker, t->code, (hr_lang)l, t->title[l]);
        }
        for (size_t i = 0; rc == 0 && i < ref->indicator_count; i++) {
            const hr_ref_indicator *ind = &ref->indicators[i];
            if (ind->title[l] != NULL)
                rc = hr_sdg_linker_add_target_text(linker, ind->target, (hr_lang)l, ind->title[l]);
        }
    }
    return rc;
}

int hr_sdg_linker_load_terms(hr_sdg_linker *linker, const char *dir)
{
    if (linker == NULL || dir == NULL)
        return HR_EPARAM;
    if (linker->built)
        return HR_ESTATE;
    linker->error[0] = '\0';
    return sdg_terms_load_dir(linker, dir);
}

/* The nodes of an example's codes, each goal of a target added once. */
static int example_nodes(hr_sdg_linker *l, const char *const *targets, size_t n, sdg_ids *out)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t node;
        if (targets[i] == NULL || sdg_nodes_get(&l->nodes, targets[i], &node) != 0) {
            sdg_set_error(l, "example: %s is not an SDG goal or target",
                          targets[i] ? targets[i] : "(null)");
            return HR_EPARAM;
        }
        uint32_t goal = sdg_goal_node(l->nodes.nodes[node].goal);
        int rc = 0;
        for (int pass = 0; pass < 2 && rc == 0; pass++) {
            uint32_t add = pass == 0 ? node : goal;
            int seen = 0;
            for (size_t k = 0; k < out->n; k++)
                seen |= out->v[k] == add;
            if (!seen)
                rc = sdg_ids_push(out, add);
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int check_example(const hr_sdg_linker *l, const char *label, hr_lang lang, const char *text,
                         const char *const *targets, size_t n)
{
    if (l == NULL || label == NULL || text == NULL || (targets == NULL && n > 0) ||
        !valid_lang(lang) || label[0] == '\0' || n == 0)
        return HR_EPARAM;
    if (l->built)
        return HR_ESTATE;
    if (strnlen(label, HR_SDG_LABEL_MAX) >= HR_SDG_LABEL_MAX || n > HR_SDG_EXAMPLE_TARGETS_MAX ||
        l->examples.count >= HR_SDG_EXAMPLES_MAX ||
        strnlen(text, HR_SDG_TEXT_MAX + 1) > HR_SDG_TEXT_MAX)
        return HR_ELIMIT;
    return 0;
}

int hr_sdg_linker_add_example(hr_sdg_linker *linker, const char *label, hr_lang lang,
                              const char *text, const char *const *targets, size_t n_targets)
{
    int rc = check_example(linker, label, lang, text, targets, n_targets);
    if (rc != 0)
        return rc;
    sdg_ids nodes = {0}, words = {0};
    rc = example_nodes(linker, targets, n_targets, &nodes);
    if (rc == 0)
        rc = sdg_text_ids(linker, text, lang, &words);
    if (rc == 0)
        rc = sdg_examples_add(&linker->examples, label, &words, &nodes);
    sdg_ids_free(&nodes);
    sdg_ids_free(&words);
    return rc;
}

int hr_sdg_linker_build(hr_sdg_linker *linker)
{
    if (linker == NULL)
        return HR_EPARAM;
    if (linker->built)
        return HR_ESTATE;
    uint32_t nwords = linker->vocab.count;
    int rc = sdg_desc_build(&linker->desc, &linker->nodes, nwords);
    if (rc == 0)
        rc = sdg_terms_build(&linker->terms, nwords);
    if (rc == 0)
        rc = sdg_examples_build(&linker->examples, nwords);
    if (rc == 0)
        linker->built = 1;
    return rc;
}

void hr_sdg_linker_get_stats(const hr_sdg_linker *linker, hr_sdg_linker_stats *out)
{
    memset(out, 0, sizeof *out);
    if (linker == NULL)
        return;
    out->targets = linker->built ? linker->desc.ndocs : 0;
    out->terms = linker->terms.count;
    out->examples = linker->examples.count;
    out->words = linker->vocab.count;
}
