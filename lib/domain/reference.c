/* Freeing of the reference data read by the importer (see reference.h). */
#include "hrtrack/reference.h"

#include <stdlib.h>
#include <string.h>

static void free_texts(char **texts)
{
    for (int l = 0; l < HR_LANG_COUNT; l++)
        free(texts[l]);
}

void hr_reference_free(hr_reference *ref)
{
    if (ref == NULL)
        return;
    for (size_t i = 0; i < ref->goal_count; i++) {
        free_texts(ref->goals[i].title);
        free_texts(ref->goals[i].short_title);
    }
    for (size_t i = 0; i < ref->target_count; i++)
        free_texts(ref->targets[i].title);
    for (size_t i = 0; i < ref->indicator_count; i++)
        free_texts(ref->indicators[i].title);
    for (size_t i = 0; i < ref->state_count; i++)
        free_texts(ref->states[i].name);
    for (size_t i = 0; i < ref->alias_count; i++)
        free(ref->aliases[i].alias);
    for (size_t i = 0; i < ref->mechanism_count; i++)
        free_texts(ref->mechanisms[i].name);
    free(ref->goals);
    free(ref->targets);
    free(ref->indicators);
    free(ref->states);
    free(ref->aliases);
    free(ref->mechanisms);
    memset(ref, 0, sizeof *ref);
}
