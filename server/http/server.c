/*
 * The HTTP server on libmicrohttpd (see server.h). The only file, with the
 * rest of server/http, that includes microhttpd.h.
 *
 * libmicrohttpd calls the access handler several times per request: once
 * when the head has arrived, once per piece of body, and once at the end.
 * Limits (URL length, body size) are checked on the first call, before any
 * body is read; everything else is answered on the last call, because a
 * reply queued on the first call makes libmicrohttpd 0.9.75 close the
 * connection (measured: 5x fewer requests per second; see CEILINGS.md).
 */
#include "server.h"

#include "arrival_guard.h"
#include "cached.h"
#include "forwarded.h"
#include "limits.h"
#include "reply.h"
#include "static_files.h"

#include "hrtrack/accounts.h"
#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"
#include "hrtrack/log.h"
#include "hrtrack/token.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Shared by the worker threads: how many requests are in progress, and
 * whether a shutdown asked them to finish (hr_server_drain). */
typedef struct drain_state {
    atomic_uint in_flight;
    atomic_int draining;
} drain_state;

struct hr_server {
    struct MHD_Daemon *daemon;
    drain_state *drain;
    hr_arrival_guard *guard; /* cuts requests that trickle in (slowloris) */
    hr_server_options options;
    uint16_t port;
    hr_static *web;        /* the web interface's files, or NULL when not served */
    unsigned char *cached; /* per route of options.routes: 1 when named in cached_routes */
};

struct hr_request {
    struct MHD_Connection *connection;
    const hr_server *server;
    struct timespec started;
    size_t target_length; /* the raw request target, query string included */
    unsigned calls;
    int pending_error;         /* found on the first call, answered on the last */
    const char *pending_field; /* the header or body part it names (static storage), or NULL */
    int static_file;           /* a path outside the API: a file of the web interface */
    hr_arrival *arrival;       /* its connection's deadlines (arrival_guard.h), or NULL */
    int https;                 /* it reached a trusted proxy over TLS (forwarded.h) */
    char web_path[300];        /* its decoded path ("" when too long to name one of our files) */
    int nul_in_path;           /* the raw path holds %00: it names no file */
    hr_route_match match;
    hr_lang lang;
    hr_buf body;
    size_t body_max;  /* the limit of this route's body kind */
    size_t discarded; /* bytes thrown away after the body passed body_max */
    unsigned status;
    hr_method http_method;
    hr_principal principal;
    int stale_cookie; /* a session cookie that names no live session: cleared in the reply */
    char session_token[HR_TOKEN_CHARS + 1]; /* "" without a well-formed cookie */
    char request_id[HR_REQUEST_ID_CHARS + 1];
    char actor_name[32];
    char address[64];
    char method[12];
    char path[256]; /* for the log line only, shortened and sanitised */
};

static struct hr_request *request_new(const hr_server *server, size_t target_length)
{
    struct hr_request *req = calloc(1, sizeof *req);
    if (req == NULL)
        return NULL;
    req->server = server;
    atomic_fetch_add(&server->drain->in_flight, 1);
    req->target_length = target_length;
    clock_gettime(CLOCK_MONOTONIC, &req->started);
    req->body_max = HR_LIMIT_BODY_BYTES;
    hr_buf_init(&req->body, req->body_max);
    return req;
}

/*
 * Whether the raw path (before "?") holds an encoded NUL: libmicrohttpd
 * hands us the decoded path as a C string, which would end there, so that
 * "/index.html%00.js" would name index.html.
 */
static int encoded_nul(const char *uri)
{
    for (const char *p = uri; *p != '\0' && *p != '?'; p++) {
        if (p[0] == '%' && p[1] == '0' && p[2] == '0')
            return 1;
    }
    return 0;
}

/* Called by libmicrohttpd with the raw target before anything else. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *connection)
{
    (void)connection;
    struct hr_request *req = request_new(cls, strlen(uri));
    if (req != NULL)
        req->nul_in_path = encoded_nul(uri);
    return req;
}

/* Copies the path for the log line: control bytes could forge log lines. */
static void remember(struct hr_request *req, const char *method, const char *url)
{
    snprintf(req->method, sizeof req->method, "%s", method);
    size_t i = 0;
    for (; url[i] != '\0' && i < sizeof req->path - 1; i++) {
        unsigned char c = (unsigned char)url[i];
        req->path[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    req->path[i] = '\0';
}

const char *hr_request_query(const hr_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_GET_ARGUMENT_KIND, name);
}

typedef struct visit_state {
    hr_query_visit fn;
    void *ctx;
    int rc;
} visit_state;

static enum MHD_Result visit_argument(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    (void)kind;
    visit_state *v = cls;
    v->rc = v->fn(v->ctx, key, value ? value : "");
    return v->rc == 0 ? MHD_YES : MHD_NO;
}

int hr_request_query_each(const hr_request *req, hr_query_visit fn, void *ctx)
{
    visit_state v = {fn, ctx, 0};
    MHD_get_connection_values(req->connection, MHD_GET_ARGUMENT_KIND, visit_argument, &v);
    return v.rc;
}

const char *hr_request_header(const hr_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, name);
}

const char *hr_request_path_param(const hr_request *req, const char *name)
{
    for (size_t i = 0; i < req->match.param_count; i++) {
        if (strcmp(req->match.params[i].name, name) == 0)
            return req->match.params[i].value;
    }
    return NULL;
}

hr_lang hr_request_lang(const hr_request *req)
{
    return req->lang;
}

/*
 * The public's reads (GET without a session) go to a read replica when there
 * is one: they may be a moment behind the primary, which nobody can tell.
 * Everything else goes to the primary: writes, and a signed-in user's reads,
 * so that people see their own changes at once (read-your-writes). A replica
 * that cannot be reached hands its reads back to the primary.
 */
int hr_request_db(hr_db **out, const hr_request *req)
{
    hr_db_pool *replicas = req->server->options.read_pool;
    if (replicas != NULL && req->http_method == HR_METHOD_GET && req->session_token[0] == '\0' &&
        hr_db_pool_get(out, replicas) == 0)
        return 0;
    return hr_db_pool_get(out, req->server->options.pool);
}

int hr_request_schema_version(const hr_request *req)
{
    return req->server->options.schema_version;
}

int hr_request_json(json_t **out, const char **field, const hr_request *req)
{
    return hr_json_parse_body(out, req->body.data, req->body.len, field);
}

const void *hr_request_body(const hr_request *req, size_t *len)
{
    *len = req->body.len;
    return req->body.len > 0 ? req->body.data : NULL;
}

const hr_principal *hr_request_principal(const hr_request *req)
{
    return &req->principal;
}

hr_actor hr_request_actor(const hr_request *req)
{
    return (hr_actor){req->principal.user_id, req->actor_name, req->request_id};
}

const char *hr_request_id(const hr_request *req)
{
    return req->request_id;
}

const char *hr_request_address(const hr_request *req)
{
    return req->address;
}

const char *hr_request_session_token(const hr_request *req)
{
    return req->session_token[0] != '\0' ? req->session_token : NULL;
}

void hr_request_session_limits(const hr_request *req, unsigned *idle_s, unsigned *absolute_s)
{
    *idle_s = req->server->options.session_idle_s;
    *absolute_s = req->server->options.session_absolute_s;
}

/* Secure only over TLS: a trusted TLS-terminating proxy says so (forwarded.h). */
void hr_reply_session_cookie(hr_reply *reply, const hr_request *req, const char *token)
{
    const char *secure = req->https ? "; Secure" : "";
    if (token != NULL)
        snprintf(reply->set_cookie, sizeof reply->set_cookie,
                 "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", HR_SESSION_COOKIE, token, secure);
    else
        snprintf(reply->set_cookie, sizeof reply->set_cookie,
                 "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s", HR_SESSION_COOKIE, secure);
}

typedef struct stream_state {
    hr_stream_fn fn;
    hr_stream_free_fn free_fn;
    void *ctx;
} stream_state;

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    stream_state *s = cls;
    long n = s->fn(s->ctx, buf, max);
    if (n > 0)
        return (ssize_t)n;
    return n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void stream_free(void *cls)
{
    stream_state *s = cls;
    if (s->free_fn != NULL)
        s->free_fn(s->ctx);
    free(s);
}

/*
 * The headers every reply carries, whatever made it: no MIME sniffing, no
 * framing by another site (clickjacking), no address leaked to other sites,
 * and a Content-Security-Policy: `csp` for pages and files, or, for API
 * data, one that lets a browser run and load nothing from it at all.
 */
#define HR_API_CSP "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

static void add_security_headers(struct MHD_Response *response, const struct hr_request *req,
                                 const char *csp)
{
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(response, "Content-Security-Policy", csp ? csp : HR_API_CSP);
    MHD_add_response_header(response, "X-Frame-Options", "DENY");
    MHD_add_response_header(response, "Referrer-Policy", "same-origin");
    MHD_add_response_header(response, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(response, "X-Request-Id", req->request_id);
}

/* Hands a streamed reply to libmicrohttpd; it frees the stream when done. */
static enum MHD_Result send_stream(struct hr_request *req, hr_reply *reply)
{
    stream_state *s = malloc(sizeof *s);
    struct MHD_Response *response = NULL;
    if (s != NULL) {
        *s = (stream_state){reply->stream, reply->stream_free, reply->stream_ctx};
        response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_read, s,
                                                     stream_free);
    }
    if (response == NULL) {
        if (s != NULL)
            free(s);
        if (reply->stream_free != NULL)
            reply->stream_free(reply->stream_ctx);
        return MHD_NO;
    }
    char disposition[128];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", reply->filename);
    MHD_add_response_header(response, "Content-Type", reply->content_type);
    MHD_add_response_header(response, "Content-Disposition", disposition);
    MHD_add_response_header(response, "Content-Language", hr_lang_code(req->lang));
    MHD_add_response_header(response, "Cache-Control", "no-store");
    add_security_headers(response, req, NULL);
    req->status = 200;
    enum MHD_Result result = MHD_queue_response(req->connection, 200, response);
    MHD_destroy_response(response);
    return result;
}

/* `type` NULL: no Content-Type (a 304 has no body). */
static void add_headers(struct MHD_Response *response, const struct hr_request *req,
                        const hr_reply *reply, const char *type, const char *vary)
{
    if (type != NULL)
        MHD_add_response_header(response, "Content-Type", type);
    MHD_add_response_header(response, "Content-Language", hr_lang_code(req->lang));
    MHD_add_response_header(response, "Vary", vary);
    add_security_headers(response, req, NULL);
    MHD_add_response_header(response, "Cache-Control", reply->cache ? reply->cache : "no-store");
    if (reply->error == HR_EMETHOD && req->match.allow[0] != '\0')
        MHD_add_response_header(response, "Allow", req->match.allow);
    if (reply->status == 503)
        MHD_add_response_header(response, "Retry-After", "1");
    if (atomic_load(&req->server->drain->draining))
        MHD_add_response_header(response, "Connection", "close");
    if (reply->status == 429)
        MHD_add_response_header(response, "Retry-After", "60");
    if (reply->set_cookie[0] != '\0') {
        MHD_add_response_header(response, "Set-Cookie", reply->set_cookie);
    } else if (req->stale_cookie) {
        hr_reply cleared = {0};
        hr_reply_session_cookie(&cleared, req, NULL);
        MHD_add_response_header(response, "Set-Cookie", cleared.set_cookie);
    }
}

/*
 * Sends a stored file (hr_reply_file). A file is data from a user, never
 * a page of this site: it is always a download, its type is never
 * guessed, and were it rendered all the same it runs sandboxed with no
 * access to anything.
 */
static enum MHD_Result send_file(struct hr_request *req, hr_reply *reply)
{
    struct MHD_Response *response =
        MHD_create_response_from_buffer(reply->file_len, reply->file, MHD_RESPMEM_MUST_FREE);
    if (response == NULL) {
        free(reply->file);
        reply->file = NULL;
        return MHD_NO;
    }
    reply->file = NULL;
    MHD_add_response_header(response, "Content-Type", reply->file_type);
    MHD_add_response_header(response, "Content-Disposition", reply->file_disposition);
    /* sandbox: an uploaded HTML or SVG file opened from here runs nothing. */
    add_security_headers(response, req, "default-src 'none'; frame-ancestors 'none'; sandbox");
    MHD_add_response_header(response, "Cache-Control", "no-store");
    req->status = 200;
    enum MHD_Result result = MHD_queue_response(req->connection, 200, response);
    MHD_destroy_response(response);
    return result;
}

/* Sends `reply`; a reply that cannot be serialised becomes a bare 500. */
static enum MHD_Result send_reply(struct hr_request *req, hr_reply *reply)
{
    char *text = reply->body ? json_dumps(reply->body, JSON_COMPACT) : NULL;
    size_t len = text ? strlen(text) : 0;
    struct MHD_Response *response =
        text ? MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE)
             : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (response == NULL) {
        free(text);
        return MHD_NO;
    }
    req->status = text ? reply->status : 500;
    add_headers(response, req, reply, "application/json; charset=utf-8", "Accept-Language");
    enum MHD_Result result = MHD_queue_response(req->connection, req->status, response);
    MHD_destroy_response(response);
    json_decref(reply->body);
    reply->body = NULL;
    return result;
}

/*
 * Sends a reply of hr_reply_text, or 304 without it when the client holds
 * the same version already (its If-None-Match names our ETag).
 */
static enum MHD_Result send_text(struct hr_request *req, hr_reply *reply)
{
    int not_modified =
        reply->status == 200 && hr_etag_match(hr_request_header(req, "If-None-Match"), reply->etag);
    struct MHD_Response *response =
        not_modified
            ? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
            : MHD_create_response_from_buffer(reply->text_len, reply->text, MHD_RESPMEM_MUST_FREE);
    if (response == NULL || not_modified)
        free(reply->text);
    reply->text = NULL;
    if (response == NULL)
        return MHD_NO;
    req->status = not_modified ? 304 : reply->status;
    add_headers(response, req, reply, not_modified ? NULL : reply->content_type,
                "Accept, Accept-Language");
    if (reply->etag[0] != '\0')
        MHD_add_response_header(response, "ETag", reply->etag);
    if (reply->last_modified[0] != '\0')
        MHD_add_response_header(response, "Last-Modified", reply->last_modified);
    enum MHD_Result result = MHD_queue_response(req->connection, req->status, response);
    MHD_destroy_response(response);
    return result;
}

static enum MHD_Result send_error(struct hr_request *req, int err)
{
    hr_reply reply = {.lang = req->lang};
    hr_reply_error(&reply, err, NULL);
    return send_reply(req, &reply);
}

/*
 * What every page of the web interface is sent with: no script or style
 * but the site's own files (no inline script, no style attribute), no
 * framing, no plugin, forms only to this site; the media type as given,
 * never sniffed; the address of a page never sent to another site.
 */
#define HR_WEB_CSP                                                                                 \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

/*
 * Sends a file of the web interface (static_files.h), gzip-compressed when
 * the client accepts it, 304 when its If-None-Match names the version it
 * holds. Cache-Control: no-cache makes the browser ask every time, so a
 * new version of a page or script is never mixed with an old one; the
 * 304 makes asking cheap. A path that names no file gets web/404.html.
 */
static enum MHD_Result send_static(struct hr_request *req)
{
    hr_static *web = req->server->web;
    int gzip = hr_static_accepts_gzip(hr_request_header(req, "Accept-Encoding"));
    hr_static_file file;
    unsigned status = 200;
    int rc =
        hr_static_get(&file, web, req->web_path, gzip, hr_request_header(req, "If-None-Match"));
    if (rc == HR_ELIMIT)
        hr_log_warn("web file %s is larger than the limit; answered 404", req->path);
    if (rc == HR_ENOTFOUND || rc == HR_ELIMIT) {
        status = 404;
        rc = hr_static_get(&file, web, "/404.html", gzip, NULL);
    }
    if (rc != 0)
        return send_error(req, rc);
    struct MHD_Response *response =
        file.not_modified
            ? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
            : MHD_create_response_from_buffer(file.len, file.data, MHD_RESPMEM_MUST_FREE);
    if (response == NULL) {
        free(file.data);
        return MHD_NO;
    }
    req->status = file.not_modified ? 304 : status;
    if (!file.not_modified)
        MHD_add_response_header(response, "Content-Type", file.media_type);
    if (file.gzip && !file.not_modified)
        MHD_add_response_header(response, "Content-Encoding", "gzip");
    MHD_add_response_header(response, "Vary", "Accept-Encoding");
    MHD_add_response_header(response, "ETag", file.etag);
    MHD_add_response_header(response, "Cache-Control", "no-cache");
    add_security_headers(response, req, HR_WEB_CSP);
    enum MHD_Result result = MHD_queue_response(req->connection, req->status, response);
    MHD_destroy_response(response);
    return result;
}

static enum MHD_Result count_argument(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    (void)kind;
    (void)key;
    (void)value;
    (*(unsigned *)cls)++;
    return MHD_YES;
}

static void remember_client(struct hr_request *req);
static void check_caller(struct hr_request *req);

/*
 * A path that no route has is a file of the web interface, unless it is
 * under /api/: there an unknown path stays a JSON 404, so that a client
 * of the API never gets a page instead of an error.
 */
static void static_route(struct hr_request *req, const char *url, hr_method m)
{
    if (req->server->web == NULL || strncmp(url, "/api", 4) == 0)
        return;
    req->static_file = 1;
    req->pending_error = 0;
    if (strlen(url) < sizeof req->web_path && !req->nul_in_path)
        snprintf(req->web_path, sizeof req->web_path, "%s", url);
    if (m != HR_METHOD_GET) {
        req->pending_error = HR_EMETHOD;
        snprintf(req->match.allow, sizeof req->match.allow, "GET, HEAD");
    }
}

/*
 * The checks of the first call. Returns an error to answer at once (the
 * body is never read), or 0; route errors go to req->pending_error so that
 * they are answered on the last call and the connection stays open.
 */
static int first_call(struct hr_request *req, const char *url, const char *method)
{
    const char *lang = MHD_lookup_connection_value(req->connection, MHD_GET_ARGUMENT_KIND, "lang");
    const char *accept =
        MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "Accept-Language");
    req->lang = hr_lang_negotiate(lang, accept);
    hr_request_id_new(req->request_id);
    remember_client(req);
    int rc = hr_limit_check_url(req->target_length);
    if (rc != 0)
        return rc;
    /* A request on a kept-alive connection after shutdown began: answered
     * (503, Retry-After, Connection: close), not started. */
    if (atomic_load(&req->server->drain->draining))
        return HR_ESHUTDOWN;
    unsigned arguments = 0;
    MHD_get_connection_values(req->connection, MHD_GET_ARGUMENT_KIND, count_argument, &arguments);
    /* A method we do not know matches no route: the search still tells
     * 404 from 405 and fills Allow. */
    hr_method m = 0;
    const hr_server_options *o = &req->server->options;
    if (hr_method_parse(&m, method) != 0)
        m = 0;
    req->http_method = m;
    req->pending_error = hr_route_find(&req->match, o->routes, o->route_count, m, url);
    if (req->pending_error == HR_ENOTFOUND)
        static_route(req, url, m);
    if (req->pending_error == 0 && arguments > HR_LIMIT_QUERY_PARAMS)
        req->pending_error = HR_ELIMIT;
    /* The route says how large its body may be; anything else gets the JSON limit. */
    if (req->pending_error == 0 && !req->static_file && req->match.route->body == HR_BODY_FILE)
        req->body_max = o->file_max_bytes > 0 ? o->file_max_bytes : HR_LIMIT_FILE_BYTES;
    hr_buf_init(&req->body, req->body_max);
    rc = hr_limit_check_content_length(
        MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "Content-Length"),
        req->body_max);
    /* Pages of the web interface are public files: no session, no CSRF. */
    if (rc == 0 && req->pending_error == 0 && !req->static_file)
        check_caller(req);
    return rc;
}

/* The client address and the session cookie, read once on the first call. */
static void remember_client(struct hr_request *req)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(req->connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = info ? info->client_addr : NULL;
    if (sa != NULL && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, req->address,
                  sizeof req->address);
    else if (sa != NULL && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                  req->address, sizeof req->address);
    else
        snprintf(req->address, sizeof req->address, "unknown");
    /* Behind a trusted reverse proxy, the client is the one it names (forwarded.h). */
    const hr_proxy_list *trusted = req->server->options.trusted_proxies;
    if (trusted != NULL) {
        char peer[sizeof req->address];
        memcpy(peer, req->address, sizeof peer);
        hr_forwarded_client(req->address, sizeof req->address, peer,
                            hr_request_header(req, "X-Forwarded-For"), trusted);
        req->https = hr_forwarded_https(peer, hr_request_header(req, "X-Forwarded-Proto"), trusted);
    }
    const char *cookie =
        MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND, HR_SESSION_COOKIE);
    if (cookie != NULL && hr_token_check(cookie) == 0)
        snprintf(req->session_token, sizeof req->session_token, "%s", cookie);
    else
        req->stale_cookie = cookie != NULL;
}

/* Finds who calls: the user of a live session, or the anonymous public. */
static int authenticate(struct hr_request *req)
{
    snprintf(req->actor_name, sizeof req->actor_name, "anonymous");
    if (req->session_token[0] == '\0')
        return 0;
    hr_db *db = NULL;
    int rc = hr_request_db(&db, req);
    if (rc != 0)
        return rc;
    unsigned char hash[HR_TOKEN_HASH_BYTES];
    hr_token_hash(hash, req->session_token);
    const hr_server_options *o = &req->server->options;
    rc = hr_db_session_principal(&req->principal, db, hash, o->session_idle_s,
                                 o->session_absolute_s);
    if (rc == HR_ENOTFOUND) {
        req->session_token[0] = '\0';
        req->stale_cookie = 1;
        return 0;
    }
    /* The name goes to the server log and the audit log's actor: never a CSO's id. */
    if (rc == 0)
        hr_principal_log_name(req->actor_name, sizeof req->actor_name, &req->principal);
    return rc;
}

/*
 * What every state-changing request must show: a JSON body (a form of
 * another site cannot send one without the browser asking first), an
 * Origin, when the browser sends one, of this very host, and the session's
 * CSRF token in X-CSRF-Token. Signing in has no session yet: it gets the
 * first two checks only.
 */
static int check_write(struct hr_request *req, const char **field)
{
    if (req->http_method == HR_METHOD_GET)
        return 0;
    const char *type = hr_request_header(req, "Content-Type");
    const char *length = hr_request_header(req, "Content-Length");
    /* Checked before the body arrives: a body is coming unless Content-Length says 0. */
    int has_body = length == NULL || strcmp(length, "0") != 0;
    /* A file's type is checked by its handler against its content; the CSRF token protects it. */
    int json_body = req->match.route->body == HR_BODY_JSON;
    if (json_body && has_body && type != NULL &&
        (strncasecmp(type, "application/json", 16) != 0 ||
         (type[16] != '\0' && type[16] != ';' && type[16] != ' '))) {
        *field = "Content-Type";
        return HR_EUNSUPPORTEDMEDIA;
    }
    const char *origin = hr_request_header(req, "Origin");
    const char *host = hr_request_header(req, "Host");
    if (origin != NULL) {
        const char *rest = strstr(origin, "://");
        if (host == NULL || rest == NULL || strcmp(rest + 3, host) != 0) {
            *field = "Origin";
            return HR_EFORBIDDEN;
        }
    }
    if (req->match.route->access == HR_ACCESS_SIGN_IN)
        return 0;
    char expected[HR_TOKEN_CHARS + 1];
    if (req->session_token[0] == '\0')
        return HR_EUNAUTHENTICATED;
    hr_token_csrf(expected, req->session_token);
    if (!hr_token_equal(hr_request_header(req, "X-CSRF-Token"), expected)) {
        *field = "X-CSRF-Token";
        return HR_EFORBIDDEN;
    }
    return 0;
}

/* The body that arrived on a JSON route is declared JSON (a missing type included). */
static int check_body_type(const struct hr_request *req, const char **field)
{
    if (req->body.len == 0 || req->match.route->body != HR_BODY_JSON)
        return 0;
    const char *type = hr_request_header(req, "Content-Type");
    if (type == NULL || strncasecmp(type, "application/json", 16) != 0 ||
        (type[16] != '\0' && type[16] != ';' && type[16] != ' ')) {
        *field = "Content-Type";
        return HR_EUNSUPPORTEDMEDIA;
    }
    return 0;
}

/*
 * Who calls, whether the route allows it, and whether a write shows what a
 * write must: all known from the headers, so checked on the first call,
 * before any of the body is read. A refused request's body is thrown away
 * unread (take_body): an anonymous client cannot make the server hold a
 * 10 MiB upload only to be told 401.
 */
static void check_caller(struct hr_request *req)
{
    const char *field = NULL;
    int rc = authenticate(req);
    if (rc == 0)
        rc = hr_access_check(req->match.route->access, &req->principal);
    if (rc == 0)
        rc = check_write(req, &field);
    req->pending_error = rc;
    req->pending_field = field;
}

/* Sends what a handler put in `reply`, whatever its kind. */
static enum MHD_Result send_handled(struct hr_request *req, hr_reply *reply)
{
    if (reply->stream != NULL)
        return send_stream(req, reply);
    if (reply->file != NULL)
        return send_file(req, reply);
    if (reply->text != NULL)
        return send_text(req, reply);
    if (reply->status == 0)
        hr_reply_error(reply, HR_EINTERNAL, NULL);
    return send_reply(req, reply);
}

/* Whether the reply may carry an ETag and be cached (cached.h): a listed route, read anonymously.
 */
static int cacheable(const struct hr_request *req)
{
    const hr_server *s = req->server;
    return s->cached != NULL && req->http_method == HR_METHOD_GET && req->principal.user_id == 0 &&
           req->session_token[0] == '\0' && s->cached[req->match.route - s->options.routes];
}

/*
 * Sends a cacheable reply (cached.h), or 304 without its body when the
 * client holds the same bytes already. `x_cache` says whether it came from
 * the cache ("hit", "miss"; NULL with the cache off), for benchmarks.
 */
static enum MHD_Result send_cached(struct hr_request *req, hr_cached_reply *cached,
                                   const char *x_cache)
{
    int not_modified = hr_etag_match(hr_request_header(req, "If-None-Match"), cached->etag);
    struct MHD_Response *response =
        not_modified
            ? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
            : MHD_create_response_from_buffer(cached->len, cached->body, MHD_RESPMEM_MUST_FREE);
    if (response == NULL || not_modified)
        free(cached->body);
    cached->body = NULL;
    if (response == NULL)
        return MHD_NO;
    req->status = not_modified ? 304 : 200;
    hr_reply headers = {.status = req->status, .cache = cached->cache_control};
    add_headers(response, req, &headers, not_modified ? NULL : "application/json; charset=utf-8",
                "Accept, Accept-Language, Cookie");
    MHD_add_response_header(response, "ETag", cached->etag);
    if (x_cache != NULL)
        MHD_add_response_header(response, "X-Cache", x_cache);
    enum MHD_Result result = MHD_queue_response(req->connection, req->status, response);
    MHD_destroy_response(response);
    return result;
}

typedef struct cache_params {
    hr_cache_param items[HR_LIMIT_QUERY_PARAMS];
    size_t count;
} cache_params;

/* Keeps a query parameter as given: "?a" (NULL) and "?a=" ("") may be answered apart. */
static enum MHD_Result collect_argument(void *cls, enum MHD_ValueKind kind, const char *key,
                                        const char *value)
{
    (void)kind;
    cache_params *p = cls;
    /* The first call refused requests with more parameters. */
    if (p->count == HR_LIMIT_QUERY_PARAMS)
        return MHD_NO;
    p->items[p->count++] = (hr_cache_param){key, value};
    return MHD_YES;
}

/* Runs the handler of a cacheable request, from the cache when it holds the reply. */
static enum MHD_Result answer_cacheable(struct hr_request *req, const char *url)
{
    hr_response_cache *cache = req->server->options.cache;
    hr_cache_lookup lookup = {.ready = 0};
    hr_cached_reply cached = {0};
    hr_buf_init(&lookup.key, 0);
    cache_params params = {.count = 0};
    if (cache != NULL)
        MHD_get_connection_values(req->connection, MHD_GET_ARGUMENT_KIND, collect_argument,
                                  &params);
    if (cache != NULL &&
        hr_cached_find(&cached, &lookup, cache, req, url, params.items, params.count) == 1) {
        hr_cache_lookup_free(&lookup);
        return send_cached(req, &cached, "hit");
    }
    hr_reply reply = {.lang = req->lang};
    req->match.route->handler(req, &reply);
    enum MHD_Result result;
    if (reply.status == 200 && reply.body != NULL && reply.stream == NULL &&
        reply.set_cookie[0] == '\0' && hr_cached_keep(&cached, cache, &lookup, &reply) == 0) {
        json_decref(reply.body);
        result = send_cached(req, &cached, cache != NULL ? "miss" : NULL);
    } else {
        result = send_handled(req, &reply);
    }
    hr_cache_lookup_free(&lookup);
    return result;
}

static enum MHD_Result answer(struct hr_request *req, const char *url)
{
    const char *field = req->pending_field;
    int rc = req->pending_error;
    if (rc == 0 && req->static_file)
        return send_static(req);
    if (rc == 0)
        rc = check_body_type(req, &field);
    if (rc != 0) {
        hr_reply refused = {.lang = req->lang};
        hr_reply_error(&refused, rc, field);
        return send_reply(req, &refused);
    }
    if (cacheable(req))
        return answer_cacheable(req, url);
    hr_reply reply = {.lang = req->lang};
    req->match.route->handler(req, &reply);
    return send_handled(req, &reply);
}

/*
 * Keeps a piece of the body, up to the route's limit. libmicrohttpd 0.9.75
 * cannot send a reply while a body is still arriving (queueing one fails
 * and the connection is cut without a word), so a body found too large
 * while it is read is answered 413 once it has ended: the rest is read
 * and thrown away, never stored, and a client that sends more than the
 * limit again is cut off.
 */
static enum MHD_Result take_body(struct hr_request *req, const char *data, size_t n)
{
    if (req->pending_error != 0) {
        req->discarded += n;
        return req->discarded <= req->body_max ? MHD_YES : MHD_NO;
    }
    int rc = hr_limit_check_body(req->body.len, n, req->body_max);
    if (rc == 0)
        rc = hr_buf_append(&req->body, data, n);
    if (rc != 0) {
        req->pending_error = rc == HR_ELIMIT ? HR_EBODYTOOLARGE : rc;
        req->discarded = n;
        hr_buf_free(&req->body);
    }
    return MHD_YES;
}

/*
 * The head is in: the body, if one is announced, gets its own deadline
 * (arrival_guard.h). A body without Content-Length (chunked) is given the
 * time of the largest body the server would take.
 */
static void head_arrived(struct hr_request *req)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(req->connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    req->arrival = info ? info->socket_context : NULL;
    const char *length =
        MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "Content-Length");
    const char *chunked =
        MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "Transfer-Encoding");
    uint64_t body = length ? strtoull(length, NULL, 10) : 0;
    if (length == NULL && chunked != NULL)
        body = HR_LIMIT_FILE_BYTES;
    hr_arrival_head_done(req->arrival, body);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *connection, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct hr_request *req = *con_cls;
    if (req == NULL) {
        req = request_new(cls, strlen(url));
        if (req == NULL)
            return MHD_NO;
        *con_cls = req;
    }
    if (req->calls++ == 0) {
        req->connection = connection;
        remember(req, method, url);
        head_arrived(req);
        int rc = first_call(req, url, method);
        return rc == 0 ? MHD_YES : send_error(req, rc);
    }
    if (*upload_data_size != 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        return take_body(req, upload_data, n);
    }
    hr_arrival_body_done(req->arrival);
    return answer(req, url);
}

static double ms_since(const struct timespec *then)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - then->tv_sec) * 1e3 + (double)(now.tv_nsec - then->tv_nsec) / 1e6;
}

static void on_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)connection;
    struct hr_request *req = *con_cls;
    if (req == NULL)
        return;
    if (req->calls > 0)
        hr_log_info("%s %s %u %.1fms%s", req->method, req->path, req->status,
                    ms_since(&req->started),
                    code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection cut)");
    hr_buf_free(&req->body);
    hr_arrival_request_done(req->arrival);
    atomic_fetch_sub(&req->server->drain->in_flight, 1);
    free(req);
    *con_cls = NULL;
}

/* Each connection's deadlines live from its start to its close (arrival_guard.h). */
static void on_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    hr_server *server = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = info ? hr_arrival_open(server->guard, info->connect_fd) : NULL;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        hr_arrival_close(server->guard, *socket_context);
        *socket_context = NULL;
    }
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t len = strlen(line);
    while (len > 0 && line[len - 1] == '\n')
        line[--len] = '\0';
    hr_log_warn("http: %s", line);
}

/* Fills `addr` from "127.0.0.1" or "::1"; returns its length or 0. */
static socklen_t parse_address(struct sockaddr_storage *addr, const char *bind, uint16_t port)
{
    memset(addr, 0, sizeof *addr);
    struct sockaddr_in *v4 = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)addr;
    if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        return sizeof *v4;
    }
    if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        return sizeof *v6;
    }
    return 0;
}

/* Marks the GET routes named in options.cached_routes (cached.h). */
static int mark_cached_routes(hr_server *server)
{
    const hr_server_options *o = &server->options;
    if (o->cached_routes == NULL)
        return 0;
    server->cached = calloc(o->route_count ? o->route_count : 1, 1);
    if (server->cached == NULL)
        return HR_ENOMEM;
    for (size_t i = 0; i < o->route_count; i++) {
        for (size_t j = 0; o->cached_routes[j] != NULL; j++) {
            if (o->routes[i].method == HR_METHOD_GET &&
                strcmp(o->routes[i].pattern, o->cached_routes[j]) == 0)
                server->cached[i] = 1;
        }
    }
    return 0;
}

int hr_server_start(hr_server **out, const hr_server_options *options)
{
    *out = NULL;
    struct sockaddr_storage addr;
    socklen_t addr_len = parse_address(&addr, options->bind, options->port);
    if (addr_len == 0) {
        hr_log_error("cannot listen on \"%s\": not an IPv4 or IPv6 address", options->bind);
        return HR_EPARAM;
    }
    hr_server *server = calloc(1, sizeof *server);
    drain_state *drain = calloc(1, sizeof *drain);
    if (server == NULL || drain == NULL) {
        free(server);
        free(drain);
        return HR_ENOMEM;
    }
    atomic_init(&drain->in_flight, 0);
    atomic_init(&drain->draining, 0);
    server->drain = drain;
    server->options = *options;
    unsigned head_ms = options->request_timeout_ms ? options->request_timeout_ms
                                                   : HR_LIMIT_REQUEST_TIMEOUT_S * 1000u;
    if (hr_arrival_guard_start(&server->guard, head_ms) != 0) {
        free(drain);
        free(server);
        return HR_ENOMEM;
    }
    if (mark_cached_routes(server) != 0) {
        hr_arrival_guard_stop(server->guard);
        free(drain);
        free(server);
        return HR_ENOMEM;
    }
    /* Without its pages the API still works: a missing folder is only a warning. */
    if (options->web_dir != NULL && hr_static_new(&server->web, options->web_dir, 0) != 0)
        hr_log_warn("serving the API without the web interface");
    /* MHD_USE_ITC: MHD_quiesce_daemon needs it to stop listening while the
     * pool threads still answer the requests in progress (hr_server_drain). */
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC;
    if (addr.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* The logger must come first, or MHD prints the other options' messages itself. */
    server->daemon = MHD_start_daemon(
        flags, options->port, NULL, NULL, on_request, server, MHD_OPTION_EXTERNAL_LOGGER,
        on_mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, options->threads, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)HR_LIMIT_HEADER_MEMORY, MHD_OPTION_CONNECTION_TIMEOUT,
        HR_LIMIT_CONNECTION_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT, HR_LIMIT_CONNECTIONS,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, server, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        server, MHD_OPTION_NOTIFY_CONNECTION, on_connection, server, MHD_OPTION_END);
    if (server->daemon == NULL) {
        hr_log_error("cannot listen on %s port %u (in use, or not allowed)", options->bind,
                     options->port);
        hr_static_free(server->web);
        hr_arrival_guard_stop(server->guard);
        free(server->drain);
        free(server->cached);
        free(server);
        return HR_EIO;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info ? info->port : options->port;
    *out = server;
    return 0;
}

uint16_t hr_server_port(const hr_server *server)
{
    return server->port;
}

unsigned hr_server_drain(hr_server *server, unsigned grace_ms)
{
    atomic_store(&server->drain->draining, 1);
    /* Closes the listening socket: new connections are refused at once (a
     * load balancer moves on), while open ones are still served. */
    MHD_socket listener = MHD_quiesce_daemon(server->daemon);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    struct timespec started, pause = {0, 10 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &started);
    unsigned left;
    while ((left = atomic_load(&server->drain->in_flight)) > 0 && ms_since(&started) < grace_ms)
        nanosleep(&pause, NULL);
    return left;
}

void hr_server_stop(hr_server *server)
{
    if (server == NULL)
        return;
    MHD_stop_daemon(server->daemon);
    hr_arrival_guard_stop(server->guard);
    if (server->options.cache != NULL) {
        hr_response_cache_stats st;
        hr_response_cache_stats_get(&st, server->options.cache);
        hr_log_info("response cache: %llu hits, %llu misses, %llu stored, %llu evicted, "
                    "%zu entries in %zu of %zu bytes",
                    (unsigned long long)st.hits, (unsigned long long)st.misses,
                    (unsigned long long)st.stores, (unsigned long long)st.evictions, st.entries,
                    st.bytes, st.max_bytes);
    }
    hr_static_free(server->web);
    free(server->cached);
    free(server->drain);
    free(server);
}
