/* The normalised import record's memory (see include/hrtrack/import.h). */
#include "hrtrack/error.h"
#include "hrtrack/import.h"

#include <stdlib.h>
#include <string.h>

static void list_clear(hr_rec_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    list->count = 0;
}

void hr_rec_clear(hr_rec *rec)
{
    if (rec == NULL)
        return;
    char **strings[] = {&rec->external_key, &rec->symbol,         &rec->document_key,
                        &rec->body,         &rec->paragraph,      &rec->text_published,
                        &rec->text_plain,   &rec->annotation_type};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(*strings[i]);
    hr_rec_list *lists[] = {&rec->states,
                            &rec->regions,
                            &rec->themes,
                            &rec->persons,
                            &rec->recommending_states,
                            &rec->recommending_regions,
                            &rec->sdg_goals,
                            &rec->sdg_targets};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        list_clear(lists[i]);
    memset(rec, 0, sizeof *rec);
}

int hr_rec_set(char **slot, const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return HR_ENOMEM;
    memcpy(copy, s, len);
    copy[len] = '\0';
    free(*slot);
    *slot = copy;
    return 0;
}

int hr_rec_list_add(hr_rec_list *list, const char *s)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i], s) == 0)
            return 0;
    }
    if (list->count == HR_REC_LIST_MAX)
        return HR_ELIMIT;
    char *copy = strdup(s);
    if (copy == NULL)
        return HR_ENOMEM;
    list->items[list->count++] = copy;
    return 0;
}
