/*
 * Behind a reverse proxy: who the client is, and whether it came over TLS.
 *
 * hrtrack-server speaks plain HTTP; TLS is the job of a reverse proxy in
 * front of it (docs/deployment.md: Debian's nginx). The proxy tells us the
 * client's address in X-Forwarded-For and the scheme in X-Forwarded-Proto,
 * but anyone can send those headers: they are believed only when the
 * connection comes from a trusted proxy (HRTRACK_TRUSTED_PROXIES, addresses
 * or CIDR ranges; loopback by default). The client address then is the
 * right-most address of X-Forwarded-For that is not itself a trusted proxy:
 * entries further left were written by the client and prove nothing.
 */
#ifndef HRTRACK_SERVER_FORWARDED_H
#define HRTRACK_SERVER_FORWARDED_H

#include <stddef.h>

#define HR_PROXY_MAX 16

typedef struct hr_proxy_range {
    int family; /* AF_INET or AF_INET6 */
    unsigned char addr[16];
    unsigned prefix; /* bits that must match */
} hr_proxy_range;

typedef struct hr_proxy_list {
    hr_proxy_range ranges[HR_PROXY_MAX];
    size_t count;
} hr_proxy_list;

/*
 * Parses "127.0.0.1, ::1, 10.0.0.0/8" (empty: trust no proxy). Returns 0,
 * or HR_EPARAM naming nothing: the caller says which setting was wrong.
 */
int hr_proxy_list_parse(hr_proxy_list *out, const char *spec);

/* 1 when `addr` (a textual IPv4 or IPv6 address) is in the list. */
int hr_proxy_list_contains(const hr_proxy_list *list, const char *addr);

/*
 * The client's address: `peer` (the connection's address) unless the peer is
 * a trusted proxy, in which case the right-most X-Forwarded-For entry that is
 * not a trusted proxy (or the left-most, when all are). An entry that is not
 * an address ends the walk at the last good one. Writes at most n bytes.
 */
void hr_forwarded_client(char *out, size_t n, const char *peer, const char *forwarded_for,
                         const hr_proxy_list *trusted);

/* 1 when the request reached the proxy over HTTPS: X-Forwarded-Proto from a trusted peer. */
int hr_forwarded_https(const char *peer, const char *forwarded_proto, const hr_proxy_list *trusted);

#endif
