/* Suggesting on several threads (see suggest_parallel.h). */
#include "suggest_parallel.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Recommendations a thread takes at once: few enough to share the tail evenly. */
#define BATCH 32
/* Candidates asked from the linker: room for the rejected ones that are skipped. */
#define ASK_MAX     64
#define THREADS_MAX 64

typedef struct shared {
    const hr_sdg_linker *linker;
    hr_suggest_item *items;
    size_t count, keep;
    atomic_size_t next; /* the first item no thread has taken */
    atomic_size_t done;
    atomic_int error; /* the first error, 0 while none */
} shared;

/* Whether `code` is among the comma-delimited `rejected` (",16.3,5,"). */
static int is_rejected(const char *rejected, const char *code)
{
    char needle[24];
    if (rejected[0] == '\0')
        return 0;
    snprintf(needle, sizeof needle, ",%.15s,", code);
    return strstr(rejected, needle) != NULL;
}

static int suggest_one(const shared *s, hr_suggest_item *item)
{
    hr_sdg_suggestion found[ASK_MAX];
    char label[24], code[16];
    size_t n = 0, ask = s->keep + (size_t)(item->rejected[0] ? ASK_MAX : 0);
    snprintf(label, sizeof label, "%lld", item->id);
    int rc = hr_sdg_linker_suggest(s->linker, item->text, item->lang, label, found,
                                   ask < ASK_MAX ? ask : ASK_MAX, &n);
    item->n = 0;
    /* A text the linker cannot read (over its size limit) gets no suggestion, and the run goes on.
     */
    if (rc == HR_ELIMIT || rc == HR_EPARSE) {
        hr_log_warn("recommendation %lld: no SDG suggestion (%s)", item->id, hr_error_code(rc));
        return 0;
    }
    for (size_t i = 0; rc == 0 && i < n && item->n < s->keep; i++) {
        if (found[i].target[0] != '\0')
            snprintf(code, sizeof code, "%.7s", found[i].target);
        else
            snprintf(code, sizeof code, "%d", found[i].goal);
        if (!is_rejected(item->rejected, code))
            item->out[item->n++] = found[i];
    }
    return rc;
}

static void *worker(void *arg)
{
    shared *s = arg;
    while (atomic_load(&s->error) == 0) {
        size_t first = atomic_fetch_add(&s->next, BATCH);
        if (first >= s->count)
            break;
        size_t end = first + BATCH < s->count ? first + BATCH : s->count;
        for (size_t i = first; i < end; i++) {
            int rc = suggest_one(s, &s->items[i]);
            if (rc != 0) {
                int none = 0;
                atomic_compare_exchange_strong(&s->error, &none, rc);
                break;
            }
        }
        atomic_fetch_add(&s->done, end - first);
    }
    return NULL;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Reports every two seconds until the workers have taken and finished everything. */
static void watch(shared *s, int progress)
{
    struct timespec start, pause = {0, 100 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    double last = 0;
    while (atomic_load(&s->done) < s->count && atomic_load(&s->error) == 0) {
        nanosleep(&pause, NULL);
        double t = seconds_since(&start);
        if (!progress || t - last < 2.0)
            continue;
        last = t;
        size_t done = atomic_load(&s->done);
        fprintf(stderr, "%zu of %zu recommendations, %.0f/s\n", done, s->count,
                t > 0 ? (double)done / t : 0.0);
    }
}

int hr_suggest_parallel(const hr_sdg_linker *linker, hr_suggest_item *items, size_t count,
                        size_t keep, unsigned threads, int progress)
{
    shared s = {.linker = linker, .items = items, .count = count};
    s.keep = keep < HR_SUGGEST_KEEP_MAX ? keep : HR_SUGGEST_KEEP_MAX;
    atomic_init(&s.next, 0);
    atomic_init(&s.done, 0);
    atomic_init(&s.error, 0);
    pthread_t ids[THREADS_MAX];
    unsigned started = 0;
    if (threads < 1)
        threads = 1;
    for (unsigned i = 0; i < threads && i < THREADS_MAX; i++, started++) {
        if (pthread_create(&ids[i], NULL, worker, &s) != 0)
            break;
    }
    if (started == 0)
        worker(&s); /* no thread could start: do the work here */
    else
        watch(&s, progress);
    for (unsigned i = 0; i < started; i++)
        pthread_join(ids[i], NULL);
    return atomic_load(&s.error);
}
