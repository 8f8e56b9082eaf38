/* Client address and scheme behind a trusted reverse proxy (forwarded.h). */
#include "forwarded.h"

#include "hrtrack/error.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

/* Parses one address into family and bytes; 0 or -1. */
static int parse_address(int *family, unsigned char bytes[16], const char *text)
{
    if (inet_pton(AF_INET, text, bytes) == 1) {
        *family = AF_INET;
        return 0;
    }
    if (inet_pton(AF_INET6, text, bytes) == 1) {
        *family = AF_INET6;
        return 0;
    }
    return -1;
}

/* Copies the item [start, end) without surrounding blanks into out (size n); -1 if too long. */
static int trimmed(char *out, size_t n, const char *start, const char *end)
{
    while (start < end && isspace((unsigned char)*start))
        start++;
    while (end > start && isspace((unsigned char)end[-1]))
        end--;
    size_t len = (size_t)(end - start);
    if (len >= n)
        return -1;
    memcpy(out, start, len);
    out[len] = '\0';
    return 0;
}

static int parse_range(hr_proxy_range *range, const char *item)
{
    char text[64];
    snprintf(text, sizeof text, "%s", item);
    char *slash = strchr(text, '/');
    if (slash != NULL)
        *slash = '\0';
    if (parse_address(&range->family, range->addr, text) != 0)
        return HR_EPARAM;
    unsigned max = range->family == AF_INET ? 32 : 128;
    range->prefix = max;
    if (slash != NULL) {
        char *end = NULL;
        long bits = strtol(slash + 1, &end, 10);
        if (end == slash + 1 || *end != '\0' || bits < 0 || bits > (long)max)
            return HR_EPARAM;
        range->prefix = (unsigned)bits;
    }
    return 0;
}

int hr_proxy_list_parse(hr_proxy_list *out, const char *spec)
{
    memset(out, 0, sizeof *out);
    if (spec == NULL)
        return 0;
    const char *p = spec;
    while (*p != '\0') {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        char item[64];
        if (trimmed(item, sizeof item, p, end) != 0)
            return HR_EPARAM;
        if (item[0] != '\0') {
            if (out->count == HR_PROXY_MAX || parse_range(&out->ranges[out->count], item) != 0)
                return HR_EPARAM;
            out->count++;
        }
        p = comma ? comma + 1 : end;
    }
    return 0;
}

static int range_matches(const hr_proxy_range *r, int family, const unsigned char *addr)
{
    if (r->family != family)
        return 0;
    unsigned full = r->prefix / 8, rest = r->prefix % 8;
    if (memcmp(r->addr, addr, full) != 0)
        return 0;
    if (rest == 0)
        return 1;
    unsigned char mask = (unsigned char)(0xFFu << (8 - rest));
    return (r->addr[full] & mask) == (addr[full] & mask);
}

int hr_proxy_list_contains(const hr_proxy_list *list, const char *addr)
{
    int family = 0;
    unsigned char bytes[16];
    if (addr == NULL || parse_address(&family, bytes, addr) != 0)
        return 0;
    /* An IPv4 peer on an IPv6 socket arrives as ::ffff:a.b.c.d. */
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (family == AF_INET6 && memcmp(bytes, mapped, 12) == 0) {
        memmove(bytes, bytes + 12, 4);
        family = AF_INET;
    }
    for (size_t i = 0; i < list->count; i++) {
        if (range_matches(&list->ranges[i], family, bytes))
            return 1;
    }
    return 0;
}

void hr_forwarded_client(char *out, size_t n, const char *peer, const char *forwarded_for,
                         const hr_proxy_list *trusted)
{
    snprintf(out, n, "%s", peer);
    if (forwarded_for == NULL || !hr_proxy_list_contains(trusted, peer))
        return;
    /* Right to left: each hop appended the address it saw. */
    const char *end = forwarded_for + strlen(forwarded_for);
    while (end > forwarded_for) {
        const char *start = end;
        while (start > forwarded_for && start[-1] != ',')
            start--;
        char item[64];
        int family = 0;
        unsigned char bytes[16];
        if (trimmed(item, sizeof item, start, end) != 0 || parse_address(&family, bytes, item) != 0)
            return; /* garbage: keep the last address we could trust */
        snprintf(out, n, "%s", item);
        if (!hr_proxy_list_contains(trusted, item))
            return;
        end = start > forwarded_for ? start - 1 : start;
    }
}

int hr_forwarded_https(const char *peer, const char *forwarded_proto, const hr_proxy_list *trusted)
{
    return forwarded_proto != NULL && strcasecmp(forwarded_proto, "https") == 0 &&
           hr_proxy_list_contains(trusted, peer);
}
