/*
 * The web interface's text and markup rules, checked on the files of web/
 * (HRTRACK_HOME is the source tree):
 *   - the three message catalogues (web/i18n/{en,es,fr}.json) have the same
 *     keys, no empty message, the same plural forms and {placeholders};
 *   - every key that a page (data-i18n, data-i18n-attr) or a script
 *     (t('key')) names, and every status, position and role the API can
 *     send, is in the catalogues;
 *   - no page has inline script, a style attribute or an on...= handler
 *     (the Content-Security-Policy would refuse them), and no script builds
 *     HTML from strings (innerHTML and the like): text goes in as text.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *catalogues[3];
static const char *const languages[] = {"en", "es", "fr"};
static char web[1024];

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot read %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

static int setup(void **state)
{
    (void)state;
    const char *home = getenv("HRTRACK_HOME");
    snprintf(web, sizeof web, "%s/web", home ? home : ".");
    for (int i = 0; i < 3; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/i18n/%s.json", web, languages[i]);
        json_error_t error;
        catalogues[i] = json_load_file(path, 0, &error);
        if (!json_is_object(catalogues[i])) {
            fprintf(stderr, "%s: %s (line %d)\n", path, error.text, error.line);
            return -1;
        }
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++)
        json_decref(catalogues[i]);
    return 0;
}

/* The {placeholders} of a message, sorted into one string ("{count}{goal}"). */
static void placeholders(char *out, size_t size, const char *message)
{
    out[0] = '\0';
    char found[16][32];
    size_t n = 0;
    for (const char *p = strchr(message, '{'); p != NULL && n < 16; p = strchr(p + 1, '{')) {
        size_t len = strcspn(p, "}");
        if (p[len] == '}' && len < sizeof found[0] - 1)
            snprintf(found[n++], sizeof found[0], "%.*s", (int)len + 1, p);
    }
    qsort(found, n, sizeof found[0], (int (*)(const void *, const void *))strcmp);
    for (size_t i = 0; i < n; i++)
        strncat(out, found[i], size - strlen(out) - 1);
}

static void check_message(const char *key, const char *form, json_t *en, json_t *other,
                          const char *lang)
{
    if (!json_is_string(other) || json_string_length(other) == 0)
        fail_msg("%s: %s%s%s is missing or empty", lang, key, form ? "." : "", form ? form : "");
    char want[256], got[256];
    placeholders(want, sizeof want, json_string_value(en));
    placeholders(got, sizeof got, json_string_value(other));
    if (strcmp(want, got) != 0)
        fail_msg("%s: %s has placeholders %s, en has %s", lang, key, got, want);
}

static void same_keys(void **state)
{
    (void)state;
    for (int i = 1; i < 3; i++)
        assert_int_equal(json_object_size(catalogues[i]), json_object_size(catalogues[0]));
    const char *key;
    json_t *en;
    json_object_foreach(catalogues[0], key, en)
    {
        for (int i = 0; i < 3; i++) {
            json_t *other = json_object_get(catalogues[i], key);
            if (json_is_object(en)) {
                if (!json_is_object(other))
                    fail_msg("%s: %s should be plural", languages[i], key);
                check_message(key, "other", json_object_get(en, "other"),
                              json_object_get(other, "other"), languages[i]);
                /* "one" is the form en, es and fr all use besides "other". */
                check_message(key, "one", json_object_get(en, "other"),
                              json_object_get(other, "one"), languages[i]);
            } else {
                check_message(key, NULL, en, other, languages[i]);
            }
        }
    }
}

static void assert_key(const char *key, const char *where)
{
    if (json_object_get(catalogues[0], key) == NULL)
        fail_msg("%s names \"%s\", which the catalogues lack", where, key);
}

/* Calls fn(path) for every file of web/`sub` ending in `suffix`. */
static void each_file(const char *sub, const char *suffix, void (*fn)(const char *path))
{
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/%s", web, sub);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int seen = 0;
    for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
        size_t len = strlen(e->d_name), slen = strlen(suffix);
        if (len <= slen || strcmp(e->d_name + len - slen, suffix) != 0)
            continue;
        char path[1500];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        fn(path);
        seen++;
    }
    closedir(d);
    assert_true(seen > 0);
}

/* Every value of attribute `attr` ("data-i18n=\"") in `text`: its keys must exist. */
static void check_attribute_keys(const char *path, const char *text, const char *attr, int pairs)
{
    for (const char *p = strstr(text, attr); p != NULL; p = strstr(p + 1, attr)) {
        const char *v = p + strlen(attr);
        size_t len = strcspn(v, "\"");
        char value[256];
        snprintf(value, sizeof value, "%.*s", (int)len, v);
        if (!pairs) {
            assert_key(value, path);
            continue;
        }
        /* "placeholder:search.placeholder;aria-label:x.y" */
        for (char *pair = value; pair != NULL && *pair != '\0';) {
            char *next = strchr(pair, ';');
            if (next != NULL)
                *next++ = '\0';
            char *colon = strchr(pair, ':');
            assert_non_null(colon);
            assert_key(colon + 1, path);
            pair = next;
        }
    }
}

static void check_page(const char *path)
{
    char *text = read_text(path);
    check_attribute_keys(path, text, "data-i18n=\"", 0);
    check_attribute_keys(path, text, "data-i18n-attr=\"", 1);
    if (strstr(text, " style=") != NULL || strstr(text, "<style") != NULL)
        fail_msg("%s has inline style", path);
    if (strstr(text, " onclick=") != NULL || strstr(text, " onload=") != NULL ||
        strstr(text, " onsubmit=") != NULL || strstr(text, " onchange=") != NULL)
        fail_msg("%s has an inline event handler", path);
    for (const char *p = strstr(text, "<script"); p != NULL; p = strstr(p + 1, "<script")) {
        const char *end = strchr(p, '>');
        if (end == NULL || strstr(p, " src=\"/js/") == NULL || strstr(p, " src=\"/js/") > end ||
            strncmp(end, "></script>", 10) != 0)
            fail_msg("%s has an inline script", path);
    }
    free(text);
}

static void check_script(const char *path)
{
    char *text = read_text(path);
    const char *banned[] = {"innerHTML",      "outerHTML", "insertAdjacentHTML",
                            "document.write", "eval(",     "new Function"};
    for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++) {
        if (strstr(text, banned[i]) != NULL)
            fail_msg("%s uses %s: build the DOM with dom.js", path, banned[i]);
    }
    /* t('key' ... ): literal keys only; keys built at run time are checked below. */
    for (const char *p = strstr(text, "t('"); p != NULL; p = strstr(p + 1, "t('")) {
        if (p > text && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
                         (p[-1] >= 'A' && p[-1] <= 'Z') || p[-1] == '.'))
            continue; /* get(', set(', ... */
        size_t len = strcspn(p + 3, "'");
        char key[128];
        snprintf(key, sizeof key, "%.*s", (int)len, p + 3);
        assert_key(key, path);
    }
    free(text);
}

static void pages_and_scripts(void **state)
{
    (void)state;
    each_file("", ".html", check_page);
    each_file("js", ".js", check_script);
}

/* Keys made at run time from what the API sends (the enums of docs/openapi.yaml), and layout.js's.
 */
static void api_values(void **state)
{
    (void)state;
    const char *keys[] = {
        "status.none", "status.not_started", "status.in_progress", "status.partially_implemented",
        "status.implemented", "status.not_applicable", "position.supported", "position.noted",
        "role.admin", "role.coordinator", "role.focal_point", "role.validator", "role.cso",
        "role.unct", "priority.high", "priority.medium", "priority.low", "action_status.planned",
        "action_status.in_progress", "action_status.completed", "action_status.cancelled",
        "sdg_source.uhri", "sdg_source.import", "sdg_source.manual", "sdg_source.suggested",
        "related.same_paragraph_group", "related.same_state_target_theme", "facet.status",
        "facet.state", "facet.mechanism", "facet.body", "facet.position", "facet.sdg_goal",
        "facet.sdg_target", "facet.theme", "facet.affected_person", "facet.institution",
        "facet.year", "error.unauthenticated", "error.forbidden", "error.invalid_credentials",
        "error.rate_limited", "error.not_found", "error.conflict", "error.unprocessable",
        /* layout.js passes these as data-i18n values */
        "nav.search", "nav.sdg", "nav.language", "nav.signin", "nav.signout", "footer.about",
        "footer.data", "site.name",
        /* layout.js's links by role (coordination, civil society) */
        "coord.nav", "cso.nav",
        /* comment states, report kinds, institution kinds, import sources, due kinds */
        "cso.state.pending", "cso.state.published", "cso.state.rejected", "cso.state.withdrawn",
        "coord.kind.upr_midterm", "coord.kind.upr_national_report", "coord.kind.treaty_periodic",
        "coord.kind.treaty_followup", "coord.kind.special_procedure", "coord.kind.vnr",
        "coord.kind.other", "coord.inst.kind_ministry", "coord.inst.kind_agency",
        "coord.inst.kind_judiciary", "coord.inst.kind_legislature", "coord.inst.kind_nhri",
        "coord.inst.kind_local_government", "coord.inst.kind_other", "coord.imports.kind_uhri",
        "coord.imports.kind_upr-info", "coord.imports.kind_document", "coord.due.kind_action",
        "coord.due.kind_indicator", "coord.due.kind_report"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        assert_key(keys[i], "the API's values");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_keys),
        cmocka_unit_test(pages_and_scripts),
        cmocka_unit_test(api_values),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
