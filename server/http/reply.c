/*
 * Filling replies (see http.h). Error bodies are always
 * {"error":{"code","message","field"}}, with the message from the registry in
 * the request's language, so that every client can show it to a person.
 */
#include "reply.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A reply holds one body: setting another drops the text or file one. */
static void drop_other_body(hr_reply *reply)
{
    free(reply->text);
    reply->text = NULL;
    reply->text_len = 0;
    free(reply->file);
    reply->file = NULL;
    reply->file_len = 0;
    reply->etag[0] = '\0';
    reply->last_modified[0] = '\0';
}

void hr_reply_text(hr_reply *reply, unsigned status, const char *content_type, char *text,
                   size_t len)
{
    json_decref(reply->body);
    reply->body = NULL;
    drop_other_body(reply);
    if (text == NULL) {
        hr_reply_error(reply, HR_ENOMEM, NULL);
        return;
    }
    reply->status = status;
    reply->error = 0;
    reply->error_field = NULL;
    reply->content_type = content_type;
    reply->text = text;
    reply->text_len = len;
}

void hr_reply_json(hr_reply *reply, unsigned status, json_t *body)
{
    json_decref(reply->body);
    drop_other_body(reply);
    if (body == NULL) {
        hr_reply_error(reply, HR_ENOMEM, NULL);
        return;
    }
    reply->status = status;
    reply->body = body;
    reply->error = 0;
    reply->error_field = NULL;
}

json_t *hr_error_body(int err, hr_lang lang, const char *field)
{
    return json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", hr_error_code(err), "message",
                     hr_error_message(err, lang), "field", field);
}

void hr_reply_error_in(hr_reply *reply, int err, const char *field, hr_lang lang)
{
    json_decref(reply->body);
    drop_other_body(reply);
    reply->status = hr_error_http_status(err);
    reply->error = err;
    reply->error_field = field;
    reply->body = hr_error_body(err, lang, field);
    reply->cache = NULL;
}

void hr_reply_error(hr_reply *reply, int err, const char *field)
{
    hr_reply_error_in(reply, err, field, reply->lang);
}

int hr_reply_failed(hr_reply *reply, int err)
{
    if (err == 0)
        return 0;
    hr_reply_error(reply, err, NULL);
    return 1;
}

void hr_reply_stream(hr_reply *reply, const char *content_type, const char *filename,
                     hr_stream_fn fn, hr_stream_free_fn free_fn, void *ctx)
{
    json_decref(reply->body);
    reply->body = NULL;
    reply->status = 200;
    reply->error = 0;
    reply->stream = fn;
    reply->stream_free = free_fn;
    reply->stream_ctx = ctx;
    reply->content_type = content_type;
    snprintf(reply->filename, sizeof reply->filename, "%s", filename);
}

/* RFC 5987 attr-char: what may stand unencoded in filename*=UTF-8''... */
static int attr_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           strchr("!#$&+-.^_`|~", c) != NULL;
}

void hr_reply_file(hr_reply *reply, const char *media_type, const char *file_name,
                   const char *ascii_name, void *bytes, size_t len)
{
    json_decref(reply->body);
    reply->body = NULL;
    drop_other_body(reply);
    reply->status = 200;
    reply->error = 0;
    reply->file = bytes;
    reply->file_len = len;
    /* Text is served as UTF-8, which is what the upload check required. */
    int text = strncmp(media_type, "text/", 5) == 0;
    snprintf(reply->file_type, sizeof reply->file_type, "%s%s", media_type,
             text ? "; charset=utf-8" : "");
    char *out = reply->file_disposition;
    size_t size = sizeof reply->file_disposition;
    int n = snprintf(out, size, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii_name);
    size_t used = n > 0 ? (size_t)n : 0;
    for (const char *p = file_name; *p != '\0' && used + 4 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (attr_char(c))
            out[used++] = (char)c;
        else
            used += (size_t)snprintf(out + used, size - used, "%%%02X", c);
    }
    out[used < size ? used : size - 1] = '\0';
}

/* The next entity tag of an If-None-Match list at *p, without W/; its length in *len. */
static const char *next_tag(const char **p, size_t *len)
{
    const char *s = *p + strspn(*p, " \t,");
    if (*s == '\0')
        return NULL;
    if (strncmp(s, "W/", 2) == 0)
        s += 2;
    size_t n = strcspn(s, ",");
    *p = s + n;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

int hr_etag_match(const char *if_none_match, const char *etag)
{
    if (if_none_match == NULL || etag == NULL || etag[0] == '\0')
        return 0;
    if (strncmp(etag, "W/", 2) == 0)
        etag += 2;
    size_t want = strlen(etag), len = 0;
    const char *p = if_none_match;
    for (const char *tag = next_tag(&p, &len); tag != NULL; tag = next_tag(&p, &len)) {
        if ((len == 1 && tag[0] == '*') || (len == want && memcmp(tag, etag, len) == 0))
            return 1;
    }
    return 0;
}
