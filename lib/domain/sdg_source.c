/* Sets of SDG link sources (see include/hrtrack/sdg_source.h). */
#include "hrtrack/sdg_source.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    unsigned sources;
} names[] = {
    {"uhri", HR_SDG_SOURCE_UHRI},
    {"import", HR_SDG_SOURCE_IMPORT},
    {"manual", HR_SDG_SOURCE_MANUAL},
    {"suggested", HR_SDG_SOURCE_SUGGESTED},
    {"confirmed", HR_SDG_SOURCES_CONFIRMED},
    {"all", HR_SDG_SOURCES_ALL},
};

/* The sources of the `len` bytes at `name`, or 0 when they name none. */
static unsigned sources_of(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i].name) == len && memcmp(names[i].name, name, len) == 0)
            return names[i].sources;
    }
    return 0;
}

int hr_sdg_sources_parse(unsigned *sources, const char *value)
{
    unsigned found = 0;
    const char *p = value;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        unsigned one = sources_of(p, len);
        if (one == 0)
            return HR_EUNPROCESSABLE;
        found |= one;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    *sources |= found;
    return 0;
}

void hr_sdg_sources_literal(char *out, size_t size, unsigned sources)
{
    size_t used = 0;
    if (size == 0)
        return;
    out[0] = '\0';
    /* Only the four single sources, in their order; the shorthands come after them. */
    for (size_t i = 0; i < 4; i++) {
        if ((sources & names[i].sources) == 0)
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used == 0 ? "{" : ",", names[i].name);
        if (n < 0 || (size_t)n >= size - used)
            return;
        used += (size_t)n;
    }
    snprintf(out + used, size - used, "%s", used == 0 ? "{}" : "}");
}
