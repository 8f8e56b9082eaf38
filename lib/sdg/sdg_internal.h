/*
 * What the files of lib/sdg share: the word pipeline (words.c, stopwords.c,
 * stem.c), the vocabulary (vocab.c), the goal/target registry (nodes.c), the
 * three sources of evidence (descriptions.c, terms.c, examples.c), the
 * reasons (reason.c), and the linker that combines them (linker.c).
 * Nothing here is public: include/hrtrack/sdg_linker.h is the interface.
 */
#ifndef HRTRACK_SDG_INTERNAL_H
#define HRTRACK_SDG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "hrtrack/lang.h"

#define SDG_NONE UINT32_MAX /* a word that is not in the vocabulary */

/* ---- words: ICU folding and word break, stop words, stemming (words.c) ---- */

/* Longest stem kept, in bytes; longer words are cut (they are never stop words). */
#define SDG_WORD_MAX 48

/* Called once per stem, in text order. A non-zero return stops the walk. */
typedef int (*sdg_word_fn)(void *ctx, const char *stem, size_t len);

/*
 * Splits the UTF-8 text s[0..len) into stems: NFKC case folding, accents
 * dropped, ICU word break in `lang`'s locale, words split at apostrophes
 * ("l'homme" is "l" and "homme"), numbers, one-letter words and stop words
 * dropped, the rest stemmed. Returns 0, HR_EPARSE (not UTF-8), HR_ELIMIT
 * (over HR_SDG_TEXT_MAX), HR_ENOMEM, HR_EINTERNAL or the callback's value.
 */
int sdg_words(const char *s, size_t len, hr_lang lang, sdg_word_fn fn, void *ctx);

/* Whether the folded, accent-free word w[0..len) is a stop word of `lang`. */
int sdg_is_stopword(hr_lang lang, const char *w, size_t len);

/* Stems the folded, accent-free word w[0..*len) in place; updates *len. */
void sdg_stem(hr_lang lang, char *w, size_t *len);

/* ---- vocabulary: stem <-> dense id (vocab.c) ---- */

typedef struct sdg_vocab {
    char **words;    /* id -> stem (NUL-terminated, owned) */
    uint32_t count;  /* ids in use */
    uint32_t cap;    /* room in `words` */
    uint32_t *slots; /* open addressing: id + 1, 0 = empty */
    size_t nslots;   /* a power of two, at least 2 * count */
} sdg_vocab;

void sdg_vocab_free(sdg_vocab *v);
/* The id of w[0..len), added if new. Returns 0, HR_ELIMIT or HR_ENOMEM. */
int sdg_vocab_intern(sdg_vocab *v, const char *w, size_t len, uint32_t *id);
/* The id of w[0..len), or SDG_NONE. Read-only: safe from many threads. */
uint32_t sdg_vocab_find(const sdg_vocab *v, const char *w, size_t len);

/* ---- goals and targets (nodes.c) ---- */

/* Goals are nodes 0..16; targets follow in the order they were first seen. */
#define SDG_GOAL_NODES 17
#define SDG_ORDINALS   127 /* 1..99 numbers, 101..126 letters (sdg_code.h) */

typedef struct sdg_node {
    char code[8]; /* "16" or "16.3" */
    int goal;     /* 1..17 */
    int is_goal;
} sdg_node;

typedef struct sdg_nodes {
    sdg_node *nodes;
    uint32_t count, cap;
    uint32_t index[SDG_GOAL_NODES][SDG_ORDINALS]; /* target -> node + 1; 0 = none */
} sdg_nodes;

int sdg_nodes_init(sdg_nodes *n);
void sdg_nodes_free(sdg_nodes *n);
/* The node of a goal ("16") or target ("16.3") code, added if new. Returns 0, HR_EPARAM, HR_ENOMEM.
 */
int sdg_nodes_get(sdg_nodes *n, const char *code, uint32_t *node);
/* The node of goal 1..17. */
static inline uint32_t sdg_goal_node(int goal)
{
    return (uint32_t)(goal - 1);
}
/* Orders nodes by goal, then goal before its targets, then target ordinal. */
int sdg_nodes_compare(const sdg_nodes *n, uint32_t a, uint32_t b);

/* ---- a growable array of uint32 (vocab ids, node ids) ---- */

typedef struct sdg_ids {
    uint32_t *v;
    size_t n, cap;
} sdg_ids;

int sdg_ids_push(sdg_ids *a, uint32_t x);
void sdg_ids_free(sdg_ids *a);

/* ---- descriptions: TF-IDF similarity to each goal's and target's texts (descriptions.c) ---- */

typedef struct sdg_posting {
    uint32_t doc;
    float weight;
} sdg_posting;

/* A bag of words per node, then, after build, a weighted inverted index. */
typedef struct sdg_descriptions {
    sdg_ids *bags;     /* node -> vocab ids (with repeats), while adding */
    uint32_t nbags;    /* room in `bags` */
    double *idf;       /* vocab id -> idf over target documents; after build */
    uint32_t nwords;   /* vocab size at build */
    uint32_t *start;   /* CSR: word -> postings[start[w] .. start[w+1]) */
    sdg_posting *post; /* doc = node; weights of L2-normalised vectors */
    uint32_t ndocs;    /* nodes with some text */
} sdg_descriptions;

int sdg_desc_add(sdg_descriptions *d, uint32_t node, const sdg_ids *words);
/* Weighs target documents (own text + half the goal's) and goal documents (all their text). */
int sdg_desc_build(sdg_descriptions *d, const sdg_nodes *nodes, uint32_t vocab_count);
void sdg_desc_free(sdg_descriptions *d);
/*
 * Cosine similarity of the query (vocab ids, repeats allowed, SDG_NONE
 * skipped) with every node's document: writes sim[node] for all nodes
 * (zeroed first; `nnodes` entries). Returns 0 or HR_ENOMEM.
 */
int sdg_desc_similarity(const sdg_descriptions *d, const uint32_t *q, size_t nq, double *sim,
                        uint32_t nnodes);

/* ---- term lists (terms.c) ---- */

#define SDG_TERM_WORDS   12 /* stems in one phrase */
#define SDG_TERM_TARGETS 8  /* codes of one line */

typedef struct sdg_term {
    uint32_t words[SDG_TERM_WORDS];
    uint8_t nwords;
    uint8_t ntargets;
    uint32_t targets[SDG_TERM_TARGETS]; /* nodes */
    double weight;
    /*
     * The phrase as written (NFC), per language. Lines whose phrases have
     * the same stems and targets ("ratify" and "ratification"; "Convention
     * against Torture" and "Convention contre la torture" read as English)
     * are merged at build into the first of them, which keeps the highest
     * weight and one phrase per language: the same words are evidence once.
     */
    char *display[HR_LANG_COUNT];
    int merged; /* after build: folded into an earlier term */
} sdg_term;

typedef struct sdg_terms {
    sdg_term *terms;
    uint32_t count, cap;
    uint32_t *by_first;    /* after build: term indices ordered by first word */
    uint32_t *first_start; /* CSR over vocab ids */
    uint32_t nwords;       /* vocab size at build */
} sdg_terms;

struct hr_sdg_linker;
/* Loads every .tsv in `dir` (see sdg_linker.h). */
int sdg_terms_load_dir(struct hr_sdg_linker *l, const char *dir);
int sdg_terms_build(sdg_terms *t, uint32_t vocab_count);
void sdg_terms_free(sdg_terms *t);
/*
 * Finds the phrases of the query (vocab ids in text order): writes the
 * distinct matching term indices, ascending, to `hits` (grown as needed).
 */
int sdg_terms_match(const sdg_terms *t, const uint32_t *q, size_t nq, sdg_ids *hits);

/* ---- labelled examples (examples.c) ---- */

typedef struct sdg_examples {
    /* While adding: the stems and labels of each example, CSR. */
    sdg_ids words;       /* all examples' vocab ids */
    sdg_ids word_start;  /* example -> first index in `words`; one extra at the end */
    sdg_ids labels;      /* all examples' nodes (targets and goals, goals of targets added) */
    sdg_ids label_start; /* example -> first index in `labels`; one extra */
    char **names;        /* example -> its label string (owned) */
    uint32_t count, cap;
    /* The names' hash: label -> first example, chained by `next_same`. */
    uint32_t *name_slots;
    size_t nname_slots;
    uint32_t *next_same;
    /* After build: inverted index. */
    double *idf;
    uint32_t nwords;
    uint32_t *start;
    sdg_posting *post;
} sdg_examples;

int sdg_examples_add(sdg_examples *e, const char *name, const sdg_ids *words, const sdg_ids *nodes);
int sdg_examples_build(sdg_examples *e, uint32_t vocab_count);
void sdg_examples_free(sdg_examples *e);

/* The last example added under `name`, or SDG_NONE; the others follow through next_same. */
uint32_t sdg_examples_first_named(const sdg_examples *e, const char *name);

#define SDG_NEIGHBOURS 15

typedef struct sdg_neighbour {
    uint32_t example;
    double sim;
} sdg_neighbour;

/*
 * The nearest examples to the query by TF-IDF cosine, best first, leaving
 * out those named `exclude` (may be NULL). Writes up to SDG_NEIGHBOURS to
 * `out` and their number to *n. Returns 0 or HR_ENOMEM.
 */
int sdg_examples_nearest(const sdg_examples *e, const uint32_t *q, size_t nq, const char *exclude,
                         sdg_neighbour *out, size_t *n);
/* The nodes of example `x`. */
static inline const uint32_t *sdg_example_labels(const sdg_examples *e, uint32_t x, size_t *n)
{
    *n = e->label_start.v[x + 1] - e->label_start.v[x];
    return e->labels.v + e->label_start.v[x];
}

/* ---- the linker ---- */

struct hr_sdg_linker {
    int built;
    sdg_vocab vocab;
    sdg_nodes nodes;
    sdg_descriptions desc;
    sdg_terms terms;
    sdg_examples examples;
    char error[256];
};

/* Records the message of the last error (and logs it). */
void sdg_set_error(struct hr_sdg_linker *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Turns text into vocab ids, adding new stems (interning) when `add` is set. */
int sdg_text_ids(struct hr_sdg_linker *l, const char *text, hr_lang lang, sdg_ids *out);
/* The read-only version for suggest: unknown stems become SDG_NONE. */
int sdg_text_ids_find(const struct hr_sdg_linker *l, const char *text, hr_lang lang, sdg_ids *out);

/* How much each source weighs (suggest.c explains the choice). */
#define SDG_W_TERM 1.0
#define SDG_W_DESC 3.0
#define SDG_W_KNN  3.0

/* ---- one recommendation's evidence, gathered by suggest.c, explained by reason.c ---- */

typedef struct sdg_evidence {
    uint32_t nnodes;
    double *desc; /* node -> cosine with its description */
    double *term; /* node -> summed weight of the matched phrases naming it */
    double *knn;  /* node -> weighted share of the neighbours' votes, times their closeness */
    double *own;  /* node -> its own weighted evidence (no goal share) */
    double *goal; /* goal 1..17 (index goal - 1) -> the goal's weighted evidence */
    sdg_ids hits; /* matched term indices, ascending */
    hr_lang lang; /* the recommendation's language, for the phrases shown */
    sdg_neighbour neighbours[SDG_NEIGHBOURS];
    size_t nneighbours; /* those that voted */
} sdg_evidence;

/*
 * Writes the reason for suggesting `node` to `dst` (HR_SDG_REASON_MAX bytes):
 * the matched phrases that name it (or its goal) and every target those
 * phrases name, the neighbours that voted for it, and the closeness of its
 * wording when that weighed most or nothing else did.
 */
void sdg_reason_write(char *dst, size_t cap, const struct hr_sdg_linker *l, const sdg_evidence *ev,
                      uint32_t node);

/* Appends to `dst` (size `cap`, NUL-terminated) as much of `s` as fits, cut at a character
 * boundary. */
void sdg_reason_append(char *dst, size_t cap, const char *s);

#endif
