/*
 * The SDG-target linker (lib/sdg): the word pipeline in the three
 * languages, term-list loading and its errors, ranking on clear cases,
 * leave-one-out, reasons, determinism across calls, linkers and threads,
 * and bounded input.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "eval.h"
#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/sdg_linker.h"
#include "hrtrack/text.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SUGGESTIONS 10

/* One linker from data/ (texts and term lists, no examples), shared by the tests that only read it.
 */
static hr_sdg_linker *shared;

static int setup(void **state)
{
    (void)state;
    hr_log_set_level(HR_LOG_ERROR);
    return eval_linker_build(&shared, HRTRACK_TEST_DATA_DIR, NULL, -1);
}

static int teardown(void **state)
{
    (void)state;
    hr_sdg_linker_free(shared);
    return 0;
}

static void assert_stems(hr_lang lang, const char *text, const char *expected)
{
    hr_buf b;
    hr_buf_init(&b, 4096);
    assert_int_equal(hr_sdg_text_stems(&b, text, lang), 0);
    assert_string_equal(hr_buf_cstr(&b), expected);
    hr_buf_free(&b);
}

static void assert_same_stems(hr_lang lang, const char *a, const char *b)
{
    hr_buf x, y;
    hr_buf_init(&x, 4096);
    hr_buf_init(&y, 4096);
    assert_int_equal(hr_sdg_text_stems(&x, a, lang), 0);
    assert_int_equal(hr_sdg_text_stems(&y, b, lang), 0);
    assert_true(x.len > 0);
    assert_string_equal(hr_buf_cstr(&x), hr_buf_cstr(&y));
    hr_buf_free(&x);
    hr_buf_free(&y);
}

static void assert_different_stems(hr_lang lang, const char *a, const char *b)
{
    hr_buf x, y;
    hr_buf_init(&x, 4096);
    hr_buf_init(&y, 4096);
    assert_int_equal(hr_sdg_text_stems(&x, a, lang), 0);
    assert_int_equal(hr_sdg_text_stems(&y, b, lang), 0);
    assert_string_not_equal(hr_buf_cstr(&x), hr_buf_cstr(&y));
    hr_buf_free(&x);
    hr_buf_free(&y);
}

static void test_normalise_case_accents_width(void **state)
{
    (void)state;
    assert_stems(HR_LANG_ES, "Las TORTURAS y los Tratos Crueles", "tortur trat cruel");
    assert_same_stems(HR_LANG_ES, "EDUCACIÓN", "educacion");
    assert_same_stems(HR_LANG_ES, "Niñas", "ninas");
    assert_stems(HR_LANG_FR, "L'ÉGALITÉ des sexes", "egalit sexe");
    /* French elision, with the typographic apostrophe too. */
    assert_same_stems(HR_LANG_FR, "l’homme", "homme");
    assert_same_stems(HR_LANG_FR, "sœur", "soeur");
    /* The open-sdg French files write accents decomposed (e + U+0301). */
    assert_same_stems(HR_LANG_FR, "e\xCC\x81galite\xCC\x81", "égalité");
    assert_stems(HR_LANG_EN, "WOMEN'S Rights", "woman right");
    assert_stems(HR_LANG_EN, "ｆｕｌｌｗｉｄｔｈ", "fullwidth");
    /* Numbers (paragraph numbers, years) and one-letter words go. */
    assert_stems(HR_LANG_EN, "50.3 in 2030 a b torture", "tortur");
}

static void test_stop_words(void **state)
{
    (void)state;
    assert_stems(HR_LANG_ES, "de la y los para con que", "");
    assert_stems(HR_LANG_EN, "the of and to with that", "");
    assert_stems(HR_LANG_FR, "le la les des du et pour", "");
    /* The boilerplate of recommendations says nothing about the subject. */
    assert_stems(HR_LANG_EN, "Continue to take the necessary measures to ensure", "");
    assert_stems(HR_LANG_ES, "Seguir adoptando medidas para garantizar", "adopt");
    assert_stems(HR_LANG_FR, "Prendre les mesures nécessaires pour garantir", "");
    /* Words that carry a subject stay. */
    assert_stems(HR_LANG_ES, "el Estado de derecho", "estad derech");
}

static void test_stemming(void **state)
{
    (void)state;
    assert_stems(HR_LANG_ES, "niñas niños", "nin nin");
    assert_stems(HR_LANG_ES, "discriminación discriminatorias discriminar",
                 "discrimin discrimin discrimin");
    assert_stems(HR_LANG_ES, "mujeres mujer", "mujer mujer");
    assert_stems(HR_LANG_EN, "discrimination discriminatory discriminate",
                 "discrimin discrimin discrimin");
    assert_stems(HR_LANG_EN, "ratify ratification ratified ratifies", "ratif ratif ratif ratif");
    assert_stems(HR_LANG_EN, "children child women woman", "child child woman woman");
    assert_stems(HR_LANG_FR, "discrimination discriminatoire discriminations",
                 "discrimin discrimin discrimin");
    assert_stems(HR_LANG_FR, "femme femmes violences violence", "femm femm violenc violenc");
    /* Words the stemmers must keep apart. */
    assert_different_stems(HR_LANG_ES, "nacionalidad", "nacional");
    assert_different_stems(HR_LANG_ES, "tratado", "trata");
    assert_different_stems(HR_LANG_EN, "nationality", "national");
    assert_different_stems(HR_LANG_FR, "nationalité", "national");
    /* Short words are left alone. */
    assert_stems(HR_LANG_ES, "paz ley", "paz ley");
}

/* ---- term lists ---- */

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void clear_dir(void)
{
    static const char *names[] = {"a.tsv", "b.tsv", "c.tsv", "notes.txt"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
}

static int make_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hrtrack-sdg-terms-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    clear_dir();
    return rmdir(tmpdir);
}

/* Loads tmpdir into a new linker; returns the code, copies the error message. */
static int load(char *error, size_t cap, size_t *terms)
{
    hr_sdg_linker *l = NULL;
    assert_int_equal(hr_sdg_linker_new(&l), 0);
    int rc = hr_sdg_linker_load_terms(l, tmpdir);
    snprintf(error, cap, "%s", hr_sdg_linker_error(l));
    hr_sdg_linker_stats st;
    hr_sdg_linker_get_stats(l, &st);
    *terms = st.terms;
    hr_sdg_linker_free(l);
    return rc;
}

#define HEADER "# a comment\ntargets\tlang\tterm\tweight\n"

static void assert_load_error(const char *file_text, int code, const char *where, const char *what)
{
    char error[256], expected[128];
    size_t terms = 0;
    clear_dir();
    write_file("b.tsv", file_text);
    assert_int_equal(load(error, sizeof error, &terms), code);
    snprintf(expected, sizeof expected, "%s/b.tsv:%s", tmpdir, where);
    assert_non_null(strstr(error, expected));
    assert_non_null(strstr(error, what));
}

static void test_terms_load(void **state)
{
    (void)state;
    char error[256];
    size_t terms = 0;
    clear_dir();
    write_file("a.tsv", HEADER "16.1,16.3\tes\ttortura\t1.5\n\n16.9\ten\tbirth registration\n");
    write_file("notes.txt", "not a term list\n");
    assert_int_equal(load(error, sizeof error, &terms), 0);
    assert_int_equal(terms, 2);
    assert_string_equal(error, "");
}

static void test_terms_load_errors(void **state)
{
    (void)state;
    assert_load_error(HEADER "16.1\tes\ttortura\t1\n16.99\ten\ttorture\t1\n", HR_EPARSE,
                      "4:", "unknown target 16.99");
    assert_load_error(HEADER "18\ten\tspace\t1\n", HR_EPARSE, "3:", "unknown target 18");
    assert_load_error(HEADER "16.1\tde\tFolter\t1\n", HR_EPARSE, "3:", "language \"de\"");
    assert_load_error(HEADER "16.1\ten\ttorture\t11\n", HR_EPARSE, "3:", "weight 11");
    assert_load_error(HEADER "16.1\ten\ttorture\tmuch\n", HR_EPARSE, "3:", "weight much");
    assert_load_error(HEADER "16.1\ten\n", HR_EPARSE, "3:", "found 2");
    assert_load_error(HEADER "16.1\ten\tof the\t1\n", HR_EPARSE, "3:", "only stop words");
    assert_load_error(HEADER "16.1\ten\ttor\xFFture\t1\n", HR_EPARSE, "3:", "not UTF-8");
    assert_load_error("16.1\ten\ttorture\t1\n", HR_EPARSE, "1:", "the header must be");
    assert_load_error(
        HEADER
        "16.1\ten\ttorture one two three four five six seven eight nine ten eleven twelve\t1\n",
        HR_EPARSE, "3:", "more than 12 words");
    char *line = malloc(5000);
    assert_non_null(line);
    memset(line, 'x', 4999);
    line[4999] = '\0';
    char *file = malloc(6000);
    assert_non_null(file);
    snprintf(file, 6000, HEADER "16.1\ten\t%s\t1\n", line);
    assert_load_error(file, HR_ELIMIT, "3:", "longer than");
    free(line);
    free(file);
}

static void test_terms_bad_file_is_not_kept(void **state)
{
    (void)state;
    char error[256];
    size_t terms = 0;
    clear_dir();
    write_file("a.tsv", HEADER "16.1\tes\ttortura\t1\n");
    write_file("c.tsv", HEADER "16.9\ten\tbirth registration\t1\n5.2\ten\tviolence\t99\n");
    assert_int_equal(load(error, sizeof error, &terms), HR_EPARSE);
    assert_int_equal(terms, 1); /* a.tsv's line; nothing of c.tsv */
    assert_non_null(strstr(error, "c.tsv:4:"));
    clear_dir();
    assert_int_equal(load(error, sizeof error, &terms), HR_EIO);
    assert_non_null(strstr(error, "no .tsv term file"));
}

/* ---- ranking and reasons ---- */

static size_t suggest(const hr_sdg_linker *l, hr_lang lang, const char *text, const char *exclude,
                      hr_sdg_suggestion *s)
{
    size_t n = 0;
    assert_int_equal(hr_sdg_linker_suggest(l, text, lang, exclude, s, MAX_SUGGESTIONS, &n), 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(s[i].score > 0 && s[i].score <= 1);
        assert_true(i == 0 || s[i].score <= s[i - 1].score);
        assert_true(s[i].goal >= 1 && s[i].goal <= 17);
        assert_true(s[i].reason[0] != '\0');
        assert_true(hr_text_is_utf8(s[i].reason, strlen(s[i].reason)));
    }
    return n;
}

static void assert_top(hr_lang lang, const char *text, const char *target, const char *also)
{
    hr_sdg_suggestion s[MAX_SUGGESTIONS];
    size_t n = suggest(shared, lang, text, NULL, s);
    assert_true(n >= 1);
    if (strcmp(s[0].target, target) != 0 && (also == NULL || strcmp(s[0].target, also) != 0))
        fail_msg("%s: first suggestion %s (%s), expected %s", text, s[0].target, s[0].reason,
                 target);
}

static void test_ranking_clear_cases(void **state)
{
    (void)state;
    assert_top(HR_LANG_ES, "Erradicar la tortura y los malos tratos en los lugares de detención",
               "16.1", "16.3");
    assert_top(HR_LANG_EN, "Eradicate torture and ill-treatment in places of detention", "16.1",
               "16.3");
    assert_top(HR_LANG_FR,
               "Éradiquer la torture et les mauvais traitements dans les lieux de détention",
               "16.1", "16.3");
    assert_top(HR_LANG_ES, "Intensificar la lucha contra la violencia contra las mujeres", "5.2",
               NULL);
    assert_top(HR_LANG_EN, "Step up the fight against violence against women", "5.2", NULL);
    assert_top(HR_LANG_FR, "Intensifier la lutte contre la violence à l'égard des femmes", "5.2",
               NULL);
    assert_top(HR_LANG_ES, "Garantizar la inscripción de todos los nacimientos", "16.9", NULL);
    assert_top(HR_LANG_EN, "Ensure the birth registration of all children", "16.9", NULL);
    assert_top(HR_LANG_FR, "Garantir l'enregistrement des naissances de tous les enfants", "16.9",
               NULL);
    assert_top(HR_LANG_EN, "Guarantee access to safe drinking water in rural areas", "6.1", NULL);
}

static void test_reasons_readable(void **state)
{
    (void)state;
    hr_sdg_suggestion s[MAX_SUGGESTIONS];
    size_t n = suggest(shared, HR_LANG_ES, "Prevenir la tortura y los tratos crueles", NULL, s);
    assert_true(n >= 2);
    assert_string_equal(s[0].target, "16.1");
    assert_string_equal(s[0].reason, "terms: tortura, tratos crueles → 16.1, 16.3");
    /* A target named by no phrase says where its score comes from. */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(s[i].target, "16.1") != 0 && strcmp(s[i].target, "16.3") != 0)
            assert_true(strstr(s[i].reason, "goal 16 terms: ") == s[i].reason ||
                        strstr(s[i].reason, "wording of ") != NULL);
    }
    /* Phrases that name a goal and none of its targets: the goal alone is suggested. */
    n = suggest(shared, HR_LANG_EN, "Promote peace and disarmament", NULL, s);
    assert_true(n >= 1);
    assert_string_equal(s[0].target, "");
    assert_int_equal(s[0].goal, 16);
    assert_string_equal(s[0].reason, "terms: peace, disarmament → 16");
    /* A recommendation full of phrases: the reason is cut at a character, not in the middle of one.
     */
    char text[2048] = "";
    for (int i = 0; i < 12; i++)
        strncat(text, "educación inclusiva, violencia de género, tortura, acceso a la justicia, ",
                sizeof text - strlen(text) - 1);
    n = suggest(shared, HR_LANG_ES, text, NULL, s);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++)
        assert_true(strlen(s[i].reason) < HR_SDG_REASON_MAX);
}

/* A small linker with labelled examples only: the neighbours' vote and its exclusion. */
static hr_sdg_linker *examples_linker(void)
{
    hr_sdg_linker *l = NULL;
    static const char *const wetlands[] = {"14.2"}, *const hiv[] = {"3.3", "5"};
    assert_int_equal(hr_sdg_linker_new(&l), 0);
    assert_int_equal(hr_sdg_linker_add_example(l, "rec-1", HR_LANG_EN,
                                               "Protect the zorblax wetlands and their mangroves",
                                               wetlands, 1),
                     0);
    assert_int_equal(hr_sdg_linker_add_example(l, "rec-1", HR_LANG_ES,
                                               "Proteger los humedales zorblax y sus manglares",
                                               wetlands, 1),
                     0);
    assert_int_equal(hr_sdg_linker_add_example(l, "rec-2", HR_LANG_EN,
                                               "Widen antiretroviral treatment for adolescents",
                                               hiv, 2),
                     0);
    assert_int_equal(hr_sdg_linker_build(l), 0);
    return l;
}

static void test_leave_one_out(void **state)
{
    (void)state;
    hr_sdg_linker *l = examples_linker();
    hr_sdg_suggestion s[MAX_SUGGESTIONS];
    const char *text = "Protect the zorblax wetlands and their mangroves";
    size_t n = suggest(l, HR_LANG_EN, text, NULL, s);
    assert_true(n >= 1);
    assert_string_equal(s[0].target, "14.2");
    assert_string_equal(s[0].reason, "similar: 1 labelled recommendation (1 → 14.2)");
    /* Both examples labelled rec-1 (two languages) are left out: nothing else knows these words. */
    n = suggest(l, HR_LANG_EN, text, "rec-1", s);
    for (size_t i = 0; i < n; i++)
        assert_string_not_equal(s[i].target, "14.2");
    /* Leaving out another label changes nothing. */
    hr_sdg_suggestion t[MAX_SUGGESTIONS];
    size_t m = suggest(l, HR_LANG_EN, text, "rec-2", t);
    assert_true(m >= 1);
    assert_string_equal(t[0].target, "14.2");
    /* A goal label without a target of its own is kept for the goal only. */
    n = suggest(l, HR_LANG_EN, "antiretroviral treatment for adolescents", NULL, s);
    assert_true(n >= 1);
    assert_string_equal(s[0].target, "3.3");
    hr_sdg_linker_free(l);
}

/* ---- determinism ---- */

static const char *const corpus[][2] = {
    {"es", "Ratificar la Convención Internacional sobre la Protección de los Derechos de Todos los "
           "Trabajadores Migratorios y de Sus Familiares"},
    {"en", "Ensure that children living or working in the street are protected and have access to "
           "health care and education"},
    {"fr", "Renforcer l'indépendance de l'institution nationale des droits de l'homme"},
    {"es", "Garantizar el derecho a una vivienda adecuada y poner fin a los desalojos forzosos"},
};
#define CORPUS (sizeof corpus / sizeof corpus[0])

typedef struct run {
    hr_sdg_suggestion s[CORPUS][MAX_SUGGESTIONS];
    size_t n[CORPUS];
} run;

static void run_corpus(const hr_sdg_linker *l, run *r)
{
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < CORPUS; i++) {
        hr_lang lang;
        assert_int_equal(hr_lang_parse(&lang, corpus[i][0]), 0);
        assert_int_equal(
            hr_sdg_linker_suggest(l, corpus[i][1], lang, NULL, r->s[i], MAX_SUGGESTIONS, &r->n[i]),
            0);
    }
}

static void assert_same_run(const run *a, const run *b)
{
    for (size_t i = 0; i < CORPUS; i++) {
        assert_int_equal(a->n[i], b->n[i]);
        assert_true(a->n[i] > 0);
        for (size_t k = 0; k < a->n[i]; k++) {
            assert_string_equal(a->s[i][k].target, b->s[i][k].target);
            assert_true(a->s[i][k].score == b->s[i][k].score);
            assert_string_equal(a->s[i][k].reason, b->s[i][k].reason);
        }
    }
}

static void *thread_run(void *arg)
{
    run *r = arg;
    for (int repeat = 0; repeat < 20; repeat++)
        run_corpus(shared, r);
    return NULL;
}

static void test_determinism(void **state)
{
    (void)state;
    run *a = malloc(sizeof *a), *b = malloc(sizeof *b), *t = calloc(4, sizeof *t);
    assert_true(a && b && t);
    run_corpus(shared, a);
    run_corpus(shared, b);
    assert_same_run(a, b);
    /* A linker built again from the same files answers the same. */
    hr_sdg_linker *other = NULL;
    assert_int_equal(eval_linker_build(&other, HRTRACK_TEST_DATA_DIR, NULL, -1), 0);
    run_corpus(other, b);
    assert_same_run(a, b);
    hr_sdg_linker_free(other);
    /* Four threads at once on one linker: the same answers. */
    pthread_t tid[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&tid[i], NULL, thread_run, &t[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(tid[i], NULL);
        assert_same_run(a, &t[i]);
    }
    free(a);
    free(b);
    free(t);
}

/* ---- bounded input and misuse ---- */

static void test_bounded_input(void **state)
{
    (void)state;
    hr_sdg_suggestion s[MAX_SUGGESTIONS];
    size_t n = 99;
    char *huge = malloc(HR_SDG_TEXT_MAX + 2);
    assert_non_null(huge);
    for (size_t i = 0; i < HR_SDG_TEXT_MAX + 1; i++)
        huge[i] = "torture "[i % 8];
    huge[HR_SDG_TEXT_MAX + 1] = '\0';
    assert_int_equal(hr_sdg_linker_suggest(shared, huge, HR_LANG_EN, NULL, s, 10, &n), HR_ELIMIT);
    assert_int_equal(n, 0);
    huge[HR_SDG_TEXT_MAX] = '\0'; /* exactly the limit: accepted */
    assert_int_equal(hr_sdg_linker_suggest(shared, huge, HR_LANG_EN, NULL, s, 10, &n), 0);
    assert_true(n >= 1);
    free(huge);
    assert_int_equal(hr_sdg_linker_suggest(shared, "", HR_LANG_EN, NULL, s, 10, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(hr_sdg_linker_suggest(shared, "  the of 2030 ", HR_LANG_EN, NULL, s, 10, &n),
                     0);
    assert_int_equal(n, 0);
    assert_int_equal(hr_sdg_linker_suggest(shared, "tor\xC3ture", HR_LANG_EN, NULL, s, 10, &n),
                     HR_EPARSE);
    assert_int_equal(hr_sdg_linker_suggest(shared, "Am\x8Erica", HR_LANG_EN, NULL, s, 10, &n),
                     HR_EPARSE);
    assert_int_equal(hr_sdg_linker_suggest(shared, NULL, HR_LANG_EN, NULL, s, 10, &n), HR_EPARAM);
    assert_int_equal(hr_sdg_linker_suggest(shared, "torture", (hr_lang)7, NULL, s, 10, &n),
                     HR_EPARAM);
    assert_int_equal(hr_sdg_linker_suggest(shared, "torture", HR_LANG_EN, NULL, s, 0, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(hr_sdg_linker_suggest(shared, "torture", HR_LANG_EN, NULL, s, 1, &n), 0);
    assert_int_equal(n, 1);
}

static void test_life_cycle(void **state)
{
    (void)state;
    hr_sdg_linker *l = NULL;
    hr_sdg_suggestion s[2];
    size_t n = 0;
    static const char *const none[] = {"16.3"}, *const bad[] = {"16.99"};
    char label[HR_SDG_LABEL_MAX + 1];
    memset(label, 'x', HR_SDG_LABEL_MAX);
    label[HR_SDG_LABEL_MAX] = '\0';
    assert_int_equal(hr_sdg_linker_new(&l), 0);
    assert_int_equal(hr_sdg_linker_suggest(l, "torture", HR_LANG_EN, NULL, s, 2, &n), HR_ESTATE);
    assert_int_equal(hr_sdg_linker_add_target_text(l, "18", HR_LANG_EN, "space"), HR_EPARAM);
    assert_int_equal(hr_sdg_linker_add_target_text(l, "16.99", HR_LANG_EN, "x"), HR_EPARAM);
    assert_int_equal(hr_sdg_linker_add_target_text(l, "16.3", HR_LANG_EN, "bad \xFF"), HR_EPARSE);
    assert_int_equal(hr_sdg_linker_add_example(l, "r", HR_LANG_EN, "text", none, 0), HR_EPARAM);
    assert_int_equal(hr_sdg_linker_add_example(l, "r", HR_LANG_EN, "text", bad, 1), HR_EPARAM);
    assert_int_equal(hr_sdg_linker_add_example(l, "", HR_LANG_EN, "text", none, 1), HR_EPARAM);
    assert_int_equal(hr_sdg_linker_add_example(l, label, HR_LANG_EN, "text", none, 1), HR_ELIMIT);
    assert_int_equal(
        hr_sdg_linker_add_target_text(l, "16.3", HR_LANG_EN, "Promote the rule of law"), 0);
    assert_int_equal(hr_sdg_linker_build(l), 0);
    assert_int_equal(hr_sdg_linker_build(l), HR_ESTATE);
    assert_int_equal(hr_sdg_linker_add_target_text(l, "16.1", HR_LANG_EN, "violence"), HR_ESTATE);
    assert_int_equal(hr_sdg_linker_add_example(l, "r", HR_LANG_EN, "text", none, 1), HR_ESTATE);
    assert_int_equal(hr_sdg_linker_load_terms(l, tmpdir), HR_ESTATE);
    assert_int_equal(hr_sdg_linker_suggest(l, "the rule of law", HR_LANG_EN, NULL, s, 2, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(s[0].target, "16.3");
    hr_sdg_linker_free(l);
    hr_sdg_linker_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise_case_accents_width),
        cmocka_unit_test(test_stop_words),
        cmocka_unit_test(test_stemming),
        cmocka_unit_test(test_terms_load),
        cmocka_unit_test(test_terms_load_errors),
        cmocka_unit_test(test_terms_bad_file_is_not_kept),
        cmocka_unit_test(test_ranking_clear_cases),
        cmocka_unit_test(test_reasons_readable),
        cmocka_unit_test(test_leave_one_out),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_bounded_input),
        cmocka_unit_test(test_life_cycle),
    };
    if (make_dir(NULL) != 0)
        return 1;
    int failed = cmocka_run_group_tests(tests, setup, teardown);
    remove_dir(NULL);
    return failed;
}
