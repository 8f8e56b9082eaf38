/* The arrival guard (arrival_guard.h). */
#include "arrival_guard.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#define WATCH_INTERVAL_MS 200
#define BODY_BYTES_PER_S  16384u /* the slowest upload we wait for: a poor mobile link */

struct hr_arrival {
    int fd;
    /* CLOCK_MONOTONIC ms by which the current part must have arrived; 0: none. */
    _Atomic int64_t deadline_ms;
    unsigned head_ms;
    int cut;
    hr_arrival *prev, *next;
};

struct hr_arrival_guard {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t watcher;
    int stopping;
    unsigned head_ms;
    hr_arrival *first; /* every open connection */
    _Atomic uint64_t cuts;
};

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void cut_late(hr_arrival_guard *guard)
{
    int64_t now = now_ms();
    for (hr_arrival *c = guard->first; c != NULL; c = c->next) {
        int64_t deadline = atomic_load(&c->deadline_ms);
        if (c->cut || deadline == 0 || now < deadline)
            continue;
        /* shutdown, not close: the socket stays libmicrohttpd's to close,
         * so its number cannot be reused under it. */
        shutdown(c->fd, SHUT_RDWR);
        c->cut = 1;
        atomic_fetch_add(&guard->cuts, 1);
        hr_log_info("http: closed a connection whose request did not arrive within its time");
    }
}

static void *watch(void *arg)
{
    hr_arrival_guard *guard = arg;
    pthread_mutex_lock(&guard->lock);
    while (!guard->stopping) {
        cut_late(guard);
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += WATCH_INTERVAL_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&guard->wake, &guard->lock, &until);
    }
    pthread_mutex_unlock(&guard->lock);
    return NULL;
}

int hr_arrival_guard_start(hr_arrival_guard **out, unsigned head_ms)
{
    *out = NULL;
    hr_arrival_guard *guard = calloc(1, sizeof *guard);
    if (guard == NULL)
        return HR_ENOMEM;
    guard->head_ms = head_ms;
    atomic_init(&guard->cuts, 0);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&guard->lock, NULL);
    pthread_cond_init(&guard->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&guard->watcher, NULL, watch, guard) != 0) {
        pthread_cond_destroy(&guard->wake);
        pthread_mutex_destroy(&guard->lock);
        free(guard);
        return HR_ENOMEM;
    }
    *out = guard;
    return 0;
}

void hr_arrival_guard_stop(hr_arrival_guard *guard)
{
    if (guard == NULL)
        return;
    pthread_mutex_lock(&guard->lock);
    guard->stopping = 1;
    pthread_cond_signal(&guard->wake);
    pthread_mutex_unlock(&guard->lock);
    pthread_join(guard->watcher, NULL);
    while (guard->first != NULL) {
        hr_arrival *c = guard->first;
        guard->first = c->next;
        free(c);
    }
    pthread_cond_destroy(&guard->wake);
    pthread_mutex_destroy(&guard->lock);
    free(guard);
}

hr_arrival *hr_arrival_open(hr_arrival_guard *guard, int fd)
{
    hr_arrival *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->fd = fd;
    c->head_ms = guard->head_ms;
    atomic_init(&c->deadline_ms, now_ms() + guard->head_ms);
    pthread_mutex_lock(&guard->lock);
    c->next = guard->first;
    if (guard->first != NULL)
        guard->first->prev = c;
    guard->first = c;
    pthread_mutex_unlock(&guard->lock);
    return c;
}

void hr_arrival_close(hr_arrival_guard *guard, hr_arrival *c)
{
    if (c == NULL)
        return;
    pthread_mutex_lock(&guard->lock);
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        guard->first = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&guard->lock);
    free(c);
}

void hr_arrival_head_done(hr_arrival *c, uint64_t body_bytes)
{
    if (c == NULL)
        return;
    if (body_bytes == 0) {
        atomic_store(&c->deadline_ms, 0);
        return;
    }
    uint64_t body_ms = (uint64_t)c->head_ms + body_bytes * 1000u / BODY_BYTES_PER_S;
    atomic_store(&c->deadline_ms, now_ms() + (int64_t)body_ms);
}

void hr_arrival_body_done(hr_arrival *c)
{
    if (c != NULL)
        atomic_store(&c->deadline_ms, 0);
}

void hr_arrival_request_done(hr_arrival *c)
{
    if (c != NULL)
        atomic_store(&c->deadline_ms, now_ms() + c->head_ms);
}

uint64_t hr_arrival_guard_cuts(hr_arrival_guard *guard)
{
    return atomic_load(&guard->cuts);
}
