/*
 * Who made a link between a recommendation and an SDG goal or target, and
 * which links a list, a facet, an export or a summary counts.
 *
 * A link's source is 'uhri' (the index's own tags), 'import' (another
 * importer), 'manual' (a person made or confirmed it) or 'suggested' (the
 * linker, with a score and a reason; nobody has checked it yet). Queries
 * take a set of sources, `?sdg_source=`; the default is every source but
 * 'suggested', so that what the public and a UN country team see by
 * default rests only on links a source or a person vouches for.
 */
#ifndef HRTRACK_SDG_SOURCE_H
#define HRTRACK_SDG_SOURCE_H

#include <stddef.h>

/* Sources, as bits of a set. */
typedef enum hr_sdg_source {
    HR_SDG_SOURCE_UHRI = 1,
    HR_SDG_SOURCE_IMPORT = 2,
    HR_SDG_SOURCE_MANUAL = 4,
    HR_SDG_SOURCE_SUGGESTED = 8,
} hr_sdg_source;

/* The links someone vouches for: the default set. */
#define HR_SDG_SOURCES_CONFIRMED (HR_SDG_SOURCE_UHRI | HR_SDG_SOURCE_IMPORT | HR_SDG_SOURCE_MANUAL)
#define HR_SDG_SOURCES_ALL       (HR_SDG_SOURCES_CONFIRMED | HR_SDG_SOURCE_SUGGESTED)

/* Bytes of the longest array literal hr_sdg_sources_literal writes, with the NUL. */
#define HR_SDG_SOURCES_LITERAL_MAX 40

/*
 * Adds to *sources the sources named by `value`: comma-separated names
 * ("uhri", "import", "manual", "suggested") or the shorthands "confirmed"
 * (the first three) and "all". Returns 0, or HR_EUNPROCESSABLE for an
 * empty value or an unknown name (then *sources is unchanged).
 */
int hr_sdg_sources_parse(unsigned *sources, const char *value);

/*
 * Writes the PostgreSQL array literal of `sources` ("{uhri,import,manual}";
 * "{}" for none) into `out`, `size` bytes (HR_SDG_SOURCES_LITERAL_MAX
 * always suffice).
 */
void hr_sdg_sources_literal(char *out, size_t size, unsigned sources);

#endif
