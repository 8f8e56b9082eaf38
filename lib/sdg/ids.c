/* A growable array of 32-bit ids, the linker's one container (see sdg_internal.h). */
#include "sdg_internal.h"

#include "hrtrack/error.h"

#include <stdlib.h>

int sdg_ids_push(sdg_ids *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        uint32_t *v = realloc(a->v, cap * sizeof *v);
        if (v == NULL)
            return HR_ENOMEM;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

void sdg_ids_free(sdg_ids *a)
{
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}
