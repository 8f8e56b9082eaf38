/*
 * The rules of server/http/static_files.c on a folder of its own: which
 * URL paths name a file (no "..", hidden or empty segment, only known
 * extensions), that a symbolic link leading out of the folder, a
 * folder named like a page and a FIFO are never served, that a link
 * staying inside is, that gzip is made and only when it pays, that a
 * changed file is read again with a new ETag, and how Accept-Encoding is
 * read.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "static_files.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static char root[256];
static char outside[256];

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/hrtrack-static-XXXXXX");
    snprintf(outside, sizeof outside, "/tmp/hrtrack-outside-XXXXXX");
    if (mkdtemp(root) == NULL || mkdtemp(outside) == NULL)
        return -1;
    char path[512];
    write_file(root, "index.html", "<!doctype html><title>home</title>");
    snprintf(path, sizeof path, "%s/css", root);
    mkdir(path, 0700);
    /* Long and repetitive: gzip pays. */
    char css[4096] = "";
    for (int i = 0; i < 60; i++)
        strncat(css, "body { margin: 0; padding: 0; }\n", sizeof css - strlen(css) - 1);
    write_file(root, "css/site.css", css);
    write_file(root, "tiny.js", "1");
    write_file(root, ".hidden.html", "secret");
    write_file(outside, "secret.html", "outside the root");
    snprintf(path, sizeof path, "%s/secret.html", outside);
    char link[512];
    snprintf(link, sizeof link, "%s/escape.html", root);
    if (symlink(path, link) != 0)
        return -1;
    snprintf(link, sizeof link, "%s/alias.html", root);
    if (symlink("index.html", link) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/folder.html", root);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/fifo.html", root);
    if (mkfifo(path, 0600) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"index.html",  "css/site.css", "tiny.js",   ".hidden.html",
                           "escape.html", "alias.html",   "fifo.html", "changed.txt"};
    char path[512];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", root, names[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/folder.html", root);
    rmdir(path);
    snprintf(path, sizeof path, "%s/css", root);
    rmdir(path);
    rmdir(root);
    snprintf(path, sizeof path, "%s/secret.html", outside);
    unlink(path);
    rmdir(outside);
    return 0;
}

static void relative_paths(void **state)
{
    (void)state;
    char rel[256];
    assert_int_equal(hr_static_relative(rel, sizeof rel, "/"), 0);
    assert_string_equal(rel, "index.html");
    assert_int_equal(hr_static_relative(rel, sizeof rel, "/css/site.css"), 0);
    assert_string_equal(rel, "css/site.css");
    assert_int_equal(hr_static_relative(rel, sizeof rel, "/docs/"), 0);
    assert_string_equal(rel, "docs/index.html");
    const char *refused[] = {"",
                             "index.html",
                             "/../etc/passwd.html",
                             "/css/../index.html",
                             "/./index.html",
                             "/.git/config.txt",
                             "/.hidden.html",
                             "//index.html",
                             "/css//site.css",
                             "/css\\site.css",
                             "/index.html\x01",
                             "/index.html%00.js",
                             "/README.md",
                             "/script",
                             "/caf\xc3\xa9.html"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_int_equal(hr_static_relative(rel, sizeof rel, refused[i]), HR_ENOTFOUND);
    char longer[400];
    memset(longer, 'a', sizeof longer);
    longer[0] = '/';
    memcpy(longer + sizeof longer - 6, ".html", 6);
    assert_int_equal(hr_static_relative(rel, sizeof rel, longer), HR_ENOTFOUND);
}

static void media_types(void **state)
{
    (void)state;
    assert_string_equal(hr_static_media_type("a/b.js"), "text/javascript; charset=utf-8");
    assert_string_equal(hr_static_media_type("i18n/es.json"), "application/json; charset=utf-8");
    assert_string_equal(hr_static_media_type("x.svg"), "image/svg+xml");
    assert_null(hr_static_media_type("x.exe"));
    assert_null(hr_static_media_type("html"));
    assert_null(hr_static_media_type("dir.html/readme"));
}

static void accept_encoding(void **state)
{
    (void)state;
    assert_true(hr_static_accepts_gzip("gzip"));
    assert_true(hr_static_accepts_gzip("gzip, deflate, br"));
    assert_true(hr_static_accepts_gzip("br;q=1.0, GZIP;q=0.5"));
    assert_true(hr_static_accepts_gzip("*"));
    assert_true(hr_static_accepts_gzip("x-gzip"));
    assert_false(hr_static_accepts_gzip(NULL));
    assert_false(hr_static_accepts_gzip(""));
    assert_false(hr_static_accepts_gzip("deflate, br"));
    assert_false(hr_static_accepts_gzip("gzip;q=0"));
    assert_false(hr_static_accepts_gzip("gzip; q=0.000, *"));
    assert_false(hr_static_accepts_gzip("*;q=0"));
    assert_false(hr_static_accepts_gzip("gzipper"));
}

static void not_served(void **state)
{
    (void)state;
    hr_static *s = NULL;
    assert_int_equal(hr_static_new(&s, root, 0), 0);
    hr_static_file f;
    const char *paths[] = {"/escape.html",  "/folder.html",  "/fifo.html",
                           "/.hidden.html", "/missing.html", "/../index.html"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        assert_int_equal(hr_static_get(&f, s, paths[i], 0, NULL), HR_ENOTFOUND);
        assert_null(f.data);
    }
    /* A link that stays inside the folder is an ordinary file. */
    assert_int_equal(hr_static_get(&f, s, "/alias.html", 0, NULL), 0);
    assert_memory_equal(f.data, "<!doctype html>", 15);
    free(f.data);
    hr_static_free(s);
    assert_int_equal(hr_static_new(&s, "/nonexistent/hrtrack-web", 0), HR_EIO);
    assert_null(s);
}

static void inflate_all(char *out, size_t size, const void *gz, size_t len)
{
    z_stream z = {0};
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)gz;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)size - 1;
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    out[z.total_out] = '\0';
    inflateEnd(&z);
}

static void gzip_and_etag(void **state)
{
    (void)state;
    hr_static *s = NULL;
    assert_int_equal(hr_static_new(&s, root, 0), 0);
    hr_static_file plain, gz, again;
    assert_int_equal(hr_static_get(&plain, s, "/css/site.css", 0, NULL), 0);
    assert_false(plain.gzip);
    assert_string_equal(plain.media_type, "text/css; charset=utf-8");
    assert_int_equal(hr_static_get(&gz, s, "/css/site.css", 1, NULL), 0);
    assert_true(gz.gzip);
    assert_true(gz.len < plain.len / 4);
    assert_string_not_equal(gz.etag, plain.etag);
    char text[8192];
    inflate_all(text, sizeof text, gz.data, gz.len);
    assert_int_equal(strlen(text), plain.len);
    assert_memory_equal(text, plain.data, plain.len);
    /* Each encoding answers 304 to its own ETag only. */
    assert_int_equal(hr_static_get(&again, s, "/css/site.css", 1, gz.etag), 0);
    assert_true(again.not_modified);
    assert_null(again.data);
    assert_int_equal(hr_static_get(&again, s, "/css/site.css", 0, gz.etag), 0);
    assert_false(again.not_modified);
    free(again.data);
    /* Too small to gain from gzip: sent as it is even to a client that accepts it. */
    hr_static_file tiny;
    assert_int_equal(hr_static_get(&tiny, s, "/tiny.js", 1, NULL), 0);
    assert_false(tiny.gzip);
    assert_int_equal(tiny.len, 1);
    free(tiny.data);
    free(plain.data);
    free(gz.data);
    hr_static_free(s);
}

static void changed_file(void **state)
{
    (void)state;
    hr_static *s = NULL;
    /* A cache of 8 bytes: the second version does not fit, and is served all the same. */
    assert_int_equal(hr_static_new(&s, root, 8), 0);
    write_file(root, "changed.txt", "one");
    hr_static_file a, b;
    assert_int_equal(hr_static_get(&a, s, "/changed.txt", 0, NULL), 0);
    write_file(root, "changed.txt", "second version");
    assert_int_equal(hr_static_get(&b, s, "/changed.txt", 0, a.etag), 0);
    assert_false(b.not_modified);
    assert_int_equal(b.len, 14);
    assert_memory_equal(b.data, "second version", 14);
    assert_string_not_equal(a.etag, b.etag);
    free(a.data);
    free(b.data);
    hr_static_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relative_paths),  cmocka_unit_test(media_types),
        cmocka_unit_test(accept_encoding), cmocka_unit_test(not_served),
        cmocka_unit_test(gzip_and_etag),   cmocka_unit_test(changed_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
