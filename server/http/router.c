/*
 * Route matching (see router.h). Routes are few, so a linear scan over the
 * table is both the simplest and, at this size, the fastest approach.
 */
#include "router.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <string.h>

int hr_method_parse(hr_method *out, const char *name)
{
    static const struct {
        const char *name;
        hr_method method;
    } methods[] = {{"GET", HR_METHOD_GET},     {"HEAD", HR_METHOD_GET},
                   {"POST", HR_METHOD_POST},   {"PUT", HR_METHOD_PUT},
                   {"PATCH", HR_METHOD_PATCH}, {"DELETE", HR_METHOD_DELETE}};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (strcmp(name, methods[i].name) == 0) {
            *out = methods[i].method;
            return 0;
        }
    }
    return HR_EMETHOD;
}

/* Length of the segment starting at s (up to the next '/' or the end). */
static size_t segment_length(const char *s)
{
    const char *slash = strchr(s, '/');
    return slash ? (size_t)(slash - s) : strlen(s);
}

/*
 * Matches `path` against `pattern`, filling the parameters. Returns 1 on a
 * match, 0 otherwise, HR_EURITOOLONG when a parameter would not fit.
 */
static int match_pattern(hr_route_match *m, const char *pattern, const char *path)
{
    m->param_count = 0;
    while (*pattern == '/' && *path == '/') {
        pattern++;
        path++;
        size_t plen = segment_length(pattern), len = segment_length(path);
        /* "{name*}" as the last segment takes the rest of the path, slashes and all:
         * document symbols such as A/HRC/17/18 contain them. */
        if (plen > 3 && pattern[0] == '{' && pattern[plen - 2] == '*' && pattern[plen - 1] == '}' &&
            pattern[plen] == '\0') {
            size_t rest = strlen(path);
            if (rest == 0 || m->param_count == HR_ROUTE_PARAMS_MAX)
                return 0;
            if (rest >= HR_ROUTE_SEGMENT_MAX)
                return HR_EURITOOLONG;
            snprintf(m->params[m->param_count].name, sizeof m->params[0].name, "%.*s",
                     (int)(plen - 3), pattern + 1);
            snprintf(m->params[m->param_count].value, HR_ROUTE_SEGMENT_MAX, "%s", path);
            m->param_count++;
            return 1;
        }
        if (plen > 2 && pattern[0] == '{' && pattern[plen - 1] == '}') {
            if (len == 0 || m->param_count == HR_ROUTE_PARAMS_MAX)
                return 0;
            if (len >= HR_ROUTE_SEGMENT_MAX)
                return HR_EURITOOLONG;
            snprintf(m->params[m->param_count].name, sizeof m->params[0].name, "%.*s",
                     (int)(plen - 2), pattern + 1);
            snprintf(m->params[m->param_count].value, HR_ROUTE_SEGMENT_MAX, "%.*s", (int)len, path);
            m->param_count++;
        } else if (plen != len || strncmp(pattern, path, len) != 0) {
            return 0;
        }
        pattern += plen;
        path += len;
    }
    return *pattern == '\0' && *path == '\0';
}

static void add_allow(char *allow, size_t size, hr_method method)
{
    static const struct {
        hr_method method;
        const char *names;
    } names[] = {{HR_METHOD_GET, "GET, HEAD"},
                 {HR_METHOD_POST, "POST"},
                 {HR_METHOD_PUT, "PUT"},
                 {HR_METHOD_PATCH, "PATCH"},
                 {HR_METHOD_DELETE, "DELETE"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].method != method || strstr(allow, names[i].names) != NULL)
            continue;
        size_t used = strlen(allow);
        snprintf(allow + used, size - used, "%s%s", used ? ", " : "", names[i].names);
    }
}

int hr_route_find(hr_route_match *match, const hr_route *routes, size_t count, hr_method method,
                  const char *path)
{
    int path_known = 0;
    match->route = NULL;
    match->allow[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        int rc = match_pattern(match, routes[i].pattern, path);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        if (routes[i].method == method) {
            match->route = &routes[i];
            return 0;
        }
        path_known = 1;
        add_allow(match->allow, sizeof match->allow, routes[i].method);
    }
    match->param_count = 0;
    return path_known ? HR_EMETHOD : HR_ENOTFOUND;
}
