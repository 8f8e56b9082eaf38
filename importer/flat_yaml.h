/*
 * Reader for flat YAML maps (key: scalar), the shape of the open-sdg
 * translation files. Values may be folded over several lines; libyaml
 * handles that. Anything nested is refused with its line number.
 */
#ifndef HRTRACK_IMPORTER_FLAT_YAML_H
#define HRTRACK_IMPORTER_FLAT_YAML_H

#include <stddef.h>

/* Called once per entry; `line` is 1-based. A non-zero return stops reading. */
typedef int (*hr_flat_yaml_entry)(void *ctx, const char *key, const char *value, size_t line);

/*
 * Reads `path` (at most 16 MiB, UTF-8) and calls `fn` for each key/value
 * pair in file order. Returns 0, the callback's error, HR_EIO, HR_ELIMIT, or
 * HR_EPARSE (logged as "path:line: reason").
 */
int hr_flat_yaml_read(const char *path, hr_flat_yaml_entry fn, void *ctx);

#endif
