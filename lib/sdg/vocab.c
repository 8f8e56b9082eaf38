/*
 * The linker's vocabulary: every stem seen while learning gets a dense id,
 * so that documents, phrases and examples are arrays of integers and the
 * inverted indexes are arrays indexed by id. Open addressing with FNV-1a;
 * the table doubles at half load. After build it is only read, so lookups
 * from many threads need no lock.
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"

#include <stdlib.h>
#include <string.h>

/* Far more than any language needs; the bound keeps ids in 32 bits with room to spare. */
#define SDG_VOCAB_MAX (16u * 1024u * 1024u)

static uint64_t hash_word(const char *w, size_t len)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)w[i];
        h *= 1099511628211u;
    }
    return h;
}

static size_t find_slot(const sdg_vocab *v, const char *w, size_t len)
{
    size_t mask = v->nslots - 1;
    for (size_t i = (size_t)hash_word(w, len) & mask;; i = (i + 1) & mask) {
        uint32_t id = v->slots[i];
        if (id == 0)
            return i;
        const char *s = v->words[id - 1];
        if (strncmp(s, w, len) == 0 && s[len] == '\0')
            return i;
    }
}

static int grow_slots(sdg_vocab *v)
{
    size_t n = v->nslots ? v->nslots * 2 : 1024;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return HR_ENOMEM;
    free(v->slots);
    v->slots = slots;
    v->nslots = n;
    for (uint32_t id = 0; id < v->count; id++)
        v->slots[find_slot(v, v->words[id], strlen(v->words[id]))] = id + 1;
    return 0;
}

int sdg_vocab_intern(sdg_vocab *v, const char *w, size_t len, uint32_t *id)
{
    if (v->nslots == 0 || (size_t)v->count * 2 >= v->nslots) {
        int rc = grow_slots(v);
        if (rc != 0)
            return rc;
    }
    size_t slot = find_slot(v, w, len);
    if (v->slots[slot] != 0) {
        *id = v->slots[slot] - 1;
        return 0;
    }
    if (v->count >= SDG_VOCAB_MAX)
        return HR_ELIMIT;
    if (v->count == v->cap) {
        uint32_t cap = v->cap ? v->cap * 2 : 1024;
        char **words = realloc(v->words, cap * sizeof *words);
        if (words == NULL)
            return HR_ENOMEM;
        v->words = words;
        v->cap = cap;
    }
    char *copy = strndup(w, len);
    if (copy == NULL)
        return HR_ENOMEM;
    v->words[v->count] = copy;
    v->slots[slot] = ++v->count;
    *id = v->count - 1;
    return 0;
}

uint32_t sdg_vocab_find(const sdg_vocab *v, const char *w, size_t len)
{
    if (v->nslots == 0)
        return SDG_NONE;
    uint32_t id = v->slots[find_slot(v, w, len)];
    return id == 0 ? SDG_NONE : id - 1;
}

void sdg_vocab_free(sdg_vocab *v)
{
    for (uint32_t i = 0; i < v->count; i++)
        free(v->words[i]);
    free(v->words);
    free(v->slots);
    memset(v, 0, sizeof *v);
}
