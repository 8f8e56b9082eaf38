/*
 * Feed documents (see feed.h): the entries hr_db_feed selected, written as
 * Atom or JSON Feed 1.1 with titles in the reader's language.
 *
 * Every piece of text in an Atom document goes through hr_xml_escape,
 * titles included: a recommendation reference or a public name is text
 * from outside like any other. JSON Feed is built with jansson, which
 * escapes for JSON. Titles are made from templates with %1 and %2 rather
 * than printf formats, so that a translation can move the words around and
 * the formats stay literals.
 */
#include "hrtrack/feed.h"
#include "hrtrack/implementation_status.h"

#include "hrtrack/error.h"
#include "hrtrack/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the words, in en, es, fr ---- */

static const char *const scope_paths[] = {"recommendations", "sdg-targets", "institutions",
                                          "states"};

static const char *const feed_titles[][HR_LANG_COUNT] = {
    [HR_FEED_RECOMMENDATION] = {"Recommendation %1", "Recomendación %1", "Recommandation %1"},
    [HR_FEED_SDG_TARGET] = {"SDG target %1", "Meta %1 de los ODS", "Cible %1 des ODD"},
    [HR_FEED_INSTITUTION] = {"Follow-up by %1", "Seguimiento de %1", "Suivi par %1"},
    [HR_FEED_STATE] = {"Recommendations to %1", "Recomendaciones a %1",
                       "Recommandations adressées à %1"},
};

static const char *const update_title[] = {"Status of %1: %2", "Estado de %1: %2",
                                           "Statut de %1 : %2"};
static const char *const comment_title[] = {"Comment on %1 by %2", "Comentario sobre %1 de %2",
                                            "Commentaire sur %1 par %2"};
static const char *const answer_title[] = {"Answer of %2 on %1", "Respuesta de %2 sobre %1",
                                           "Réponse de %2 sur %1"};
static const char *const withdrawn_author[] = {"a withdrawn account", "una cuenta retirada",
                                               "un compte retiré"};
static const char *const unnamed_author[] = {
    "an unnamed commenter", "una persona sin nombre público", "une personne sans nom public"};

/* Appends `tpl` with %1 and %2 replaced by `a` and `b` (NULL: ""). */
static int fill(hr_buf *out, const char *tpl, const char *a, const char *b)
{
    int rc = 0;
    for (const char *p = tpl; rc == 0 && *p != '\0';) {
        size_t run = strcspn(p, "%");
        rc = hr_buf_append(out, p, run);
        p += run;
        if (rc != 0 || *p == '\0')
            break;
        const char *arg = p[1] == '1' ? a : (p[1] == '2' ? b : NULL);
        if (p[1] == '1' || p[1] == '2') {
            rc = hr_buf_puts(out, arg ? arg : "");
            p += 2;
        } else {
            rc = hr_buf_append(out, p, 1);
            p++;
        }
    }
    return rc;
}

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

/* Who speaks in an entry: a name, or what stands for a missing one. */
static const char *author_of(const json_t *entry, hr_lang lang)
{
    const char *author = str(entry, "author");
    if (author != NULL)
        return author;
    return json_is_true(json_object_get(entry, "unnamed")) ? unnamed_author[lang]
                                                           : withdrawn_author[lang];
}

/* The title of one entry, in `lang`, appended to `out` (plain text). */
static int entry_title(hr_buf *out, const json_t *entry, hr_lang lang)
{
    const char *kind = str(entry, "kind"), *rec = str(entry, "recommendation");
    if (kind == NULL || rec == NULL)
        return HR_EINVAL;
    if (strcmp(kind, "status_update") == 0)
        return fill(out, update_title[lang], rec, hr_status_name(str(entry, "status"), lang));
    if (strcmp(kind, "comment") == 0)
        return fill(out, comment_title[lang], rec, author_of(entry, lang));
    if (strcmp(kind, "answer") == 0)
        return fill(out, answer_title[lang], rec, author_of(entry, lang));
    return HR_EINVAL;
}

/* The tag URI of an entry: HR_FEED_TAG "status-update/12". */
static int entry_id(hr_buf *out, const json_t *entry)
{
    const char *kind = str(entry, "kind");
    const char *word = kind == NULL                         ? NULL
                       : strcmp(kind, "status_update") == 0 ? "status-update"
                       : strcmp(kind, "comment") == 0       ? "comment"
                       : strcmp(kind, "answer") == 0        ? "comment-answer"
                                                            : NULL;
    json_t *id = json_object_get(entry, "id");
    if (word == NULL || !json_is_integer(id))
        return HR_EINVAL;
    return hr_buf_printf(out, "%s%s/%lld", HR_FEED_TAG, word, (long long)json_integer_value(id));
}

/* ---- format ---- */

int hr_feed_format_choose(hr_feed_format *out, const char *format, const char *accept)
{
    *out = HR_FEED_ATOM;
    if (format != NULL) {
        if (strcmp(format, "atom") == 0)
            return 0;
        if (strcmp(format, "json") == 0) {
            *out = HR_FEED_JSON;
            return 0;
        }
        return HR_EUNPROCESSABLE;
    }
    static const struct {
        const char *type;
        hr_feed_format format;
    } types[] = {
        {"application/atom+xml", HR_FEED_ATOM},
        {"application/xml", HR_FEED_ATOM},
        {"text/xml", HR_FEED_ATOM},
        {"application/feed+json", HR_FEED_JSON},
        {"application/json", HR_FEED_JSON},
    };
    /* The first media range of the header that we serve decides. */
    for (const char *p = accept; p != NULL && *p != '\0';) {
        p += strspn(p, " \t,");
        size_t len = strcspn(p, ";, \t");
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
            if (len == strlen(types[i].type) && strncasecmp(p, types[i].type, len) == 0) {
                *out = types[i].format;
                return 0;
            }
        }
        p += strcspn(p, ",");
    }
    return 0;
}

const char *hr_feed_media_type(hr_feed_format format)
{
    return format == HR_FEED_JSON ? "application/feed+json; charset=utf-8"
                                  : "application/atom+xml; charset=utf-8";
}

/* ---- Atom ---- */

/* <name>text</name>, the text escaped. */
static int element(hr_buf *out, const char *name, const char *text)
{
    int rc = hr_buf_printf(out, "<%s>", name);
    if (rc == 0)
        rc = hr_xml_escape_str(out, text);
    return rc == 0 ? hr_buf_printf(out, "</%s>\n", name) : rc;
}

/* <title>…</title> of an entry: built as text first, then escaped as a whole. */
static int title_element(hr_buf *out, const json_t *entry, hr_lang lang)
{
    hr_buf title;
    hr_buf_init(&title, 64u * 1024u);
    int rc = entry_title(&title, entry, lang);
    if (rc == 0)
        rc = element(out, "title", hr_buf_cstr(&title));
    hr_buf_free(&title);
    return rc;
}

static int atom_entry(hr_buf *out, const json_t *entry, hr_lang lang)
{
    int rc = hr_buf_puts(out, "<entry>\n<id>");
    if (rc == 0)
        rc = entry_id(out, entry); /* tags and digits only: nothing to escape */
    if (rc == 0)
        rc = hr_buf_puts(out, "</id>\n");
    if (rc == 0)
        rc = title_element(out, entry, lang);
    if (rc == 0)
        rc = element(out, "published", str(entry, "published"));
    if (rc == 0)
        rc = element(out, "updated", str(entry, "updated"));
    if (rc == 0)
        rc = hr_buf_puts(out, "<author>");
    if (rc == 0)
        rc = element(out, "name", author_of(entry, lang));
    if (rc == 0)
        rc = hr_buf_printf(
            out, "</author>\n<link rel=\"related\" href=\"/api/v1/recommendations/%lld\"/>\n",
            (long long)json_integer_value(json_object_get(entry, "recommendation_id")));
    if (rc == 0)
        rc = hr_buf_puts(out, "<content type=\"text\">");
    if (rc == 0)
        rc = hr_xml_escape_str(out, str(entry, "text"));
    return rc == 0 ? hr_buf_puts(out, "</content>\n</entry>\n") : rc;
}

/* The feed's own id, title and links. */
static int atom_head(hr_buf *out, const json_t *feed, hr_feed_scope scope, const char *key,
                     const char *self, hr_lang lang)
{
    hr_buf title;
    hr_buf_init(&title, 64u * 1024u);
    int rc = fill(&title, feed_titles[scope][lang], str(feed, "subject"), NULL);
    if (rc == 0)
        rc = hr_buf_printf(out,
                           "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                           "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n<id>",
                           hr_lang_code(lang));
    if (rc == 0)
        rc = hr_buf_printf(out, "%sfeed/%s/", HR_FEED_TAG, scope_paths[scope]);
    if (rc == 0)
        rc = hr_xml_escape_str(out, key);
    if (rc == 0)
        rc = hr_buf_puts(out, "</id>\n");
    if (rc == 0)
        rc = element(out, "title", hr_buf_cstr(&title));
    hr_buf_free(&title);
    if (rc == 0 && str(feed, "subtitle") != NULL)
        rc = element(out, "subtitle", str(feed, "subtitle"));
    if (rc == 0)
        rc = element(out, "updated",
                     str(feed, "updated") ? str(feed, "updated") : "1970-01-01T00:00:00Z");
    if (rc == 0)
        rc = hr_buf_puts(out, "<author><name>hrtrack</name></author>\n"
                              "<link rel=\"self\" type=\"application/atom+xml\" href=\"");
    if (rc == 0)
        rc = hr_xml_escape_str(out, self);
    return rc == 0 ? hr_buf_puts(out, "\"/>\n") : rc;
}

static int render_atom(hr_buf *out, const json_t *feed, hr_feed_scope scope, const char *key,
                       const char *self, hr_lang lang)
{
    int rc = atom_head(out, feed, scope, key, self, lang);
    size_t i;
    const json_t *entry;
    json_array_foreach(json_object_get(feed, "entries"), i, entry)
    {
        if (rc == 0)
            rc = atom_entry(out, entry, lang);
    }
    return rc == 0 ? hr_buf_puts(out, "</feed>\n") : rc;
}

/* ---- JSON Feed 1.1 ---- */

/* Public facts of an entry for programs, under JSON Feed's extension prefix "_". */
static json_t *json_extension(const json_t *entry)
{
    return json_pack("{s:O?, s:O?, s:O?, s:O?}", "kind", json_object_get(entry, "kind"),
                     "recommendation_id", json_object_get(entry, "recommendation_id"), "status",
                     json_object_get(entry, "status"), "as_of", json_object_get(entry, "as_of"));
}

static json_t *json_item(const json_t *entry, hr_lang lang)
{
    hr_buf id, title;
    hr_buf_init(&id, 256);
    hr_buf_init(&title, 64u * 1024u);
    json_t *item = NULL;
    if (entry_id(&id, entry) == 0 && entry_title(&title, entry, lang) == 0)
        item = json_pack("{s:s, s:s, s:s*, s:s*, s:s*, s:[{s:s}], s:o}", "id", hr_buf_cstr(&id),
                         "title", hr_buf_cstr(&title), "content_text", str(entry, "text"),
                         "date_published", str(entry, "published"), "date_modified",
                         str(entry, "updated"), "authors", "name", author_of(entry, lang),
                         "_hrtrack", json_extension(entry));
    hr_buf_free(&id);
    hr_buf_free(&title);
    return item;
}

static int render_json(hr_buf *out, const json_t *feed, hr_feed_scope scope, hr_lang lang)
{
    hr_buf title;
    hr_buf_init(&title, 64u * 1024u);
    int rc = fill(&title, feed_titles[scope][lang], str(feed, "subject"), NULL);
    json_t *items = json_array();
    size_t i;
    const json_t *entry;
    json_array_foreach(json_object_get(feed, "entries"), i, entry)
    {
        json_t *item = rc == 0 ? json_item(entry, lang) : NULL;
        if (rc == 0 && (item == NULL || json_array_append_new(items, item) != 0))
            rc = HR_EINVAL;
    }
    json_t *doc = rc == 0
                      ? json_pack("{s:s, s:s, s:s*, s:s, s:[{s:s}], s:o}", "version",
                                  "https://jsonfeed.org/version/1.1", "title", hr_buf_cstr(&title),
                                  "description", str(feed, "subtitle"), "language",
                                  hr_lang_code(lang), "authors", "name", "hrtrack", "items", items)
                      : NULL;
    if (doc == NULL)
        json_decref(items);
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    if (rc == 0)
        rc = text ? hr_buf_puts(out, text) : HR_ENOMEM;
    free(text);
    json_decref(doc);
    hr_buf_free(&title);
    return rc;
}

int hr_feed_render(hr_buf *out, hr_feed_format format, const json_t *feed, hr_feed_scope scope,
                   const char *key, const char *self, hr_lang lang)
{
    if ((unsigned)scope >= sizeof scope_paths / sizeof scope_paths[0] ||
        (unsigned)lang >= HR_LANG_COUNT || str(feed, "subject") == NULL ||
        !json_is_array(json_object_get(feed, "entries")) || key == NULL || self == NULL)
        return HR_EINVAL;
    if (format == HR_FEED_JSON)
        return render_json(out, feed, scope, lang);
    return render_atom(out, feed, scope, key, self, lang);
}

/* ---- HTTP dates ---- */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The number of `n` digits at s, or -1. */
static long digits(const char *s, int n)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int hr_feed_http_date(char out[40], const char *t)
{
    static const char *const days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (t == NULL || strlen(t) != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' ||
        t[13] != ':' || t[16] != ':' || t[19] != 'Z')
        return HR_EPARAM;
    long y = digits(t, 4), mo = digits(t + 5, 2), d = digits(t + 8, 2);
    long h = digits(t + 11, 2), mi = digits(t + 14, 2), s = digits(t + 17, 2);
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
        return HR_EPARAM;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return HR_EPARAM;
    long day = days_from_civil(y, mo, d);
    long weekday = ((day % 7) + 7) % 7;
    snprintf(out, 40, "%s, %02ld %s %04ld %02ld:%02ld:%02ld GMT", days[weekday], d, months[mo - 1],
             y, h, mi, s);
    return 0;
}
