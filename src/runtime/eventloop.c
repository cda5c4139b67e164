/*
 * eventloop.c — the per-thread event loop (eventloop.h): the thread state
 * of a runtime, the C watchers, the job queue, unhandled-rejection
 * tracking, error reporting and js_os_poll, the poll(2) turn.
 *
 * One turn: run every pending job, fire the expired timers, settle the
 * Atomics.waitAsync waiters, then block in poll until the next timer or fd
 * event and call the handlers of the ready fds. Every callback is one
 * macrotask (js_eventloop_call): the jobs it queued run right after it,
 * and the rejections still unhandled then are reported.
 *
 * Timers live in timers.c, fd and signal handlers in handlers.c; worker.c
 * adds its message ports and the worker-done pipe as C watchers.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "eventloop.h"

/* a promise rejected with no handler, not handled since */
typedef struct JSRejection {
    struct list_head link; /* in JSThreadState.rejection_list */
    JSContext *ctx;
    JSValue promise;
} JSRejection;

/* whether a runtime holds the main-thread role (the first runtime
   initialised on the process's main thread, until it is freed): process
   state, hence atomic */
static atomic_bool js_main_thread_taken;

int64_t js_eventloop_now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

JSThreadState *js_get_thread_state(JSRuntime *rt) { return JS_GetRuntimeOpaque(rt); }

bool js_eventloop_is_main_thread(JSRuntime *rt)
{
    JSThreadState *ts = js_get_thread_state(rt);
    return ts && ts->is_main_thread;
}

int js_std_get_exit_code(JSRuntime *rt)
{
    JSThreadState *ts = js_get_thread_state(rt);
    return ts ? ts->exit_code : 0;
}

/* ---------------------------------------------------------------------
 * C watchers
 * ------------------------------------------------------------------- */
void js_eventloop_add_watch(JSThreadState *ts, JSEventWatch *w)
{
    w->revents = 0;
    list_add_tail(&w->link, &ts->watch_list);
}

void js_eventloop_remove_watch(JSThreadState *ts, JSEventWatch *w)
{
    if (w->link.next)
        list_del(&w->link);
}

void js_eventloop_stop(JSThreadState *ts) { ts->stop = true; }

static bool js_eventloop_has_watch(JSThreadState *ts, JSEventWatch *w)
{
    struct list_head *el;
    list_for_each(el, &ts->watch_list) {
        if (el == &w->link)
            return true;
    }
    return false;
}

int js_eventloop_reserve_pfds(JSThreadState *ts, int size)
{
    struct pollfd *pfds;
    JSEventWatch **watches;
    int n = ts->pfds_size ? ts->pfds_size : 16;
    if (size <= ts->pfds_size)
        return 0;
    while (n < size)
        n *= 2;
    pfds = realloc(ts->pfds, n * sizeof(*pfds));
    if (!pfds)
        return -1;
    ts->pfds = pfds;
    watches = realloc(ts->pfd_watches, n * sizeof(*watches));
    if (!watches)
        return -1;
    ts->pfd_watches = watches;
    ts->pfds_size = n;
    return 0;
}

/* ---------------------------------------------------------------------
 * Error reporting and unhandled rejections
 * ------------------------------------------------------------------- */
void js_eventloop_print_error(JSContext *ctx, JSValueConst error, bool is_rejection,
                              void *opaque)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    fflush(stdout);
    if (is_rejection)
        fputs("Uncaught (in promise) ", stderr);
    js_std_dump_error1(ctx, error, stderr);
    fflush(stderr);
    if (ts) {
        ts->exit_code = 1;
        ts->stop = true;
    }
}

void js_eventloop_report_error(JSContext *ctx, JSValueConst error, bool is_rejection)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    if (!ts) {
        js_eventloop_print_error(ctx, error, is_rejection, NULL);
        return;
    }
    ts->error_reported = true;
    ts->report_error(ctx, error, is_rejection, ts->report_error_opaque);
}

/* reports the pending exception of ctx */
static void js_eventloop_report_exception(JSContext *ctx)
{
    JSValue exc = JS_GetException(ctx);
    js_eventloop_report_error(ctx, exc, false);
    JS_FreeValue(ctx, exc);
}

static void js_rejection_free(JSRuntime *rt, JSRejection *r)
{
    list_del(&r->link);
    JS_FreeValueRT(rt, r->promise);
    JS_FreeContext(r->ctx);
    free(r);
}

static void js_eventloop_track_rejection(JSContext *ctx, JSValueConst promise,
                                         JSValueConst reason, bool is_handled, void *opaque)
{
    JSThreadState *ts = opaque;
    struct list_head *el;
    JSRejection *r;
    if (is_handled) {
        list_for_each(el, &ts->rejection_list) {
            r = list_entry(el, JSRejection, link);
            if (r->promise == promise) {
                js_rejection_free(ts->rt, r);
                return;
            }
        }
        return;
    }
    r = malloc(sizeof(*r));
    if (!r)
        return;
    r->ctx = JS_DupContext(ctx);
    r->promise = JS_DupValue(ctx, promise);
    list_add_tail(&r->link, &ts->rejection_list);
}

/* the rejections no handler took by the time the job queue ran empty */
static void js_eventloop_report_rejections(JSThreadState *ts)
{
    while (!list_empty(&ts->rejection_list) && !ts->stop) {
        JSRejection *r = list_entry(ts->rejection_list.next, JSRejection, link);
        JSContext *ctx = JS_DupContext(r->ctx);
        JSValue reason = JS_PromiseResult(ctx, r->promise);
        js_rejection_free(ts->rt, r);
        js_eventloop_report_error(ctx, reason, true);
        JS_FreeValue(ctx, reason);
        JS_FreeContext(ctx);
    }
}

/* ---------------------------------------------------------------------
 * Jobs and macrotasks
 * ------------------------------------------------------------------- */
void js_eventloop_run_jobs(JSThreadState *ts)
{
    JSContext *job_ctx;
    while (!ts->stop) {
        int r = JS_ExecutePendingJob(ts->rt, &job_ctx);
        if (r == 0)
            break;
        if (r < 0)
            js_eventloop_report_exception(job_ctx);
    }
    if (!ts->stop)
        js_eventloop_report_rejections(ts);
}

void js_eventloop_call(JSContext *ctx, JSValueConst func, int argc, JSValueConst *argv)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    /* the callback may drop the last other reference to its function */
    JSValue f = JS_DupValue(ctx, func);
    JSValue ret = JS_Call(ctx, f, JS_UNDEFINED, argc, argv);
    JS_FreeValue(ctx, f);
    if (JS_IsException(ret))
        js_eventloop_report_exception(ctx);
    JS_FreeValue(ctx, ret);
    if (ts)
        js_eventloop_run_jobs(ts);
}

/* ---------------------------------------------------------------------
 * Atomics.waitAsync wake-ups
 * ------------------------------------------------------------------- */
/* runs on the notifying thread with the engine's waiter list locked: only
   writes a byte (a full pipe already holds a pending wake-up) */
static void js_eventloop_atomics_wake(JSRuntime *rt, void *opaque)
{
    JSThreadState *ts = opaque;
    static const char byte = 0;
    ssize_t r;
    do {
        r = write(ts->wake_write_fd, &byte, 1);
    } while (r < 0 && errno == EINTR);
}

void js_eventloop_drain_fd(int fd)
{
    char buf[64];
    for (;;) {
        ssize_t r = read(fd, buf, sizeof(buf));
        if (r <= 0 && !(r < 0 && errno == EINTR))
            break;
    }
}

static void js_eventloop_on_wake(JSContext *ctx, JSEventWatch *w)
{
    JSThreadState *ts = w->opaque;
    js_eventloop_drain_fd(w->fd);
    JS_SettleAtomicsWaiters(ts->rt);
    js_eventloop_run_jobs(ts);
}

static int js_eventloop_open_wake_pipe(JSThreadState *ts)
{
    int fds[2];
    if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0)
        return -1;
    ts->wake_write_fd = fds[1];
    ts->wake_watch.fd = fds[0];
    ts->wake_watch.events = POLLIN;
    ts->wake_watch.keep_alive = false;
    ts->wake_watch.func = js_eventloop_on_wake;
    ts->wake_watch.opaque = ts;
    js_eventloop_add_watch(ts, &ts->wake_watch);
    return 0;
}

/* ---------------------------------------------------------------------
 * Init and free
 * ------------------------------------------------------------------- */
/* unlinks what is still registered, so that a later
   js_eventloop_remove_watch of it does nothing */
static void js_eventloop_detach_all(struct list_head *head)
{
    while (!list_empty(head))
        list_del(head->next);
}

static bool js_eventloop_claim_main(void)
{
    bool expected = false;
    if (syscall(SYS_gettid) != getpid())
        return false;
    return atomic_compare_exchange_strong(&js_main_thread_taken, &expected, true);
}

int js_eventloop_init(JSRuntime *rt)
{
    JSThreadState *ts;
    if (js_get_thread_state(rt))
        return 0;
    ts = calloc(1, sizeof(*ts));
    if (!ts)
        return -1;
    ts->rt = rt;
    init_list_head(&ts->timer_list);
    init_list_head(&ts->fd_list);
    init_list_head(&ts->signal_list);
    init_list_head(&ts->watch_list);
    init_list_head(&ts->port_list);
    init_list_head(&ts->rejection_list);
    ts->worker_done_read_fd = -1;
    ts->worker_done_write_fd = -1;
    ts->signal_watch.fd = -1;
    ts->next_timer_id = 1;
    ts->report_error = js_eventloop_print_error;
    if (js_eventloop_open_wake_pipe(ts) < 0) {
        free(ts);
        return -1;
    }
    ts->is_main_thread = js_eventloop_claim_main();
    JS_SetRuntimeOpaque(rt, ts);
    JS_SetSharedArrayBufferFunctions(rt, js_sab_functions());
    JS_SetHostPromiseRejectionTracker(rt, js_eventloop_track_rejection, ts);
    JS_SetAtomicsWakeFunc(rt, js_eventloop_atomics_wake, ts);
    return 0;
}

void js_eventloop_free(JSRuntime *rt)
{
    JSThreadState *ts = js_get_thread_state(rt);
    if (!ts)
        return;
    /* the Worker objects of running workers and the thread's ports */
    js_worker_free_ports(ts);
    /* no other thread may write to the wake pipe once it is closed */
    JS_SetAtomicsWakeFunc(rt, NULL, NULL);
    JS_SetHostPromiseRejectionTracker(rt, NULL, NULL);
    js_timers_free_all(ts);
    js_os_handlers_free_all(ts);
    while (!list_empty(&ts->rejection_list))
        js_rejection_free(rt, list_entry(ts->rejection_list.next, JSRejection, link));
    /* the objects that die with the contexts (cycles included) are
       finalized now, while their finalizers can still reach this state */
    JS_RunGC(rt);
    js_eventloop_detach_all(&ts->watch_list);
    js_eventloop_detach_all(&ts->port_list);
    close(ts->wake_watch.fd);
    close(ts->wake_write_fd);
    for (int i = 0; i < ts->script_argc; i++)
        free(ts->script_argv[i]);
    free(ts->script_argv);
    free(ts->main_module);
    free(ts->pfds);
    free(ts->pfd_watches);
    if (ts->is_main_thread)
        atomic_store(&js_main_thread_taken, false);
    JS_SetRuntimeOpaque(rt, NULL);
    free(ts);
}

int js_std_set_script_args(JSRuntime *rt, int argc, char **argv)
{
    JSThreadState *ts = js_get_thread_state(rt);
    char **tab;
    if (!ts)
        return -1;
    tab = calloc(argc > 0 ? argc : 1, sizeof(*tab));
    if (!tab)
        return -1;
    for (int i = 0; i < argc; i++) {
        tab[i] = strdup(argv[i]);
        if (!tab[i]) {
            while (i-- > 0)
                free(tab[i]);
            free(tab);
            return -1;
        }
    }
    for (int i = 0; i < ts->script_argc; i++)
        free(ts->script_argv[i]);
    free(ts->script_argv);
    ts->script_argv = tab;
    ts->script_argc = argc;
    return 0;
}

int js_std_set_main_module(JSRuntime *rt, const char *name)
{
    JSThreadState *ts = js_get_thread_state(rt);
    char *copy = name ? strdup(name) : NULL;
    if (!ts || (name && !copy)) {
        free(copy);
        return -1;
    }
    free(ts->main_module);
    ts->main_module = copy;
    return 0;
}

/* ---------------------------------------------------------------------
 * The loop
 * ------------------------------------------------------------------- */
static bool js_eventloop_has_work(JSThreadState *ts, int64_t waiters)
{
    struct list_head *el;
    if (JS_IsJobPending(ts->rt) || waiters >= 0 || !list_empty(&ts->timer_list) ||
        !list_empty(&ts->fd_list) || !list_empty(&ts->signal_list))
        return true;
    if (ts->is_main_thread && ts->active_worker_count > 0)
        return true;
    list_for_each(el, &ts->watch_list) {
        if (list_entry(el, JSEventWatch, link)->keep_alive)
            return true;
    }
    return false;
}

/* the pollfd entries of the C watchers, from index 0; their count, or -1 */
static int js_eventloop_fill_watches(JSThreadState *ts)
{
    struct list_head *el;
    int n = 0;
    list_for_each(el, &ts->watch_list) {
        JSEventWatch *w = list_entry(el, JSEventWatch, link);
        if (js_eventloop_reserve_pfds(ts, n + 1) < 0)
            return -1;
        ts->pfds[n].fd = w->fd;
        ts->pfds[n].events = w->events;
        ts->pfds[n].revents = 0;
        ts->pfd_watches[n] = w;
        n++;
    }
    return n;
}

/* calls the watchers that are ready and still registered (a callback may
   remove any watcher) */
static void js_eventloop_dispatch_watches(JSThreadState *ts, JSContext *ctx, int n)
{
    for (int i = 0; i < n && !ts->stop; i++) {
        JSEventWatch *w = ts->pfd_watches[i];
        if (!ts->pfds[i].revents || !js_eventloop_has_watch(ts, w) || w->fd != ts->pfds[i].fd)
            continue;
        w->revents = ts->pfds[i].revents;
        w->func(ctx, w);
    }
}

static int js_eventloop_min_timeout(int a, int64_t b)
{
    if (b < 0 || b == INT64_MAX)
        return a;
    if (b > 0x7fffffff)
        b = 0x7fffffff;
    return a < 0 || b < a ? (int)b : a;
}

/* one poll(2): waits for the next timer, waiter timeout or fd event
   (timeout_ms -1: no deadline) and calls the handlers of what is ready */
static int js_os_poll(JSThreadState *ts, JSContext *ctx, int timeout_ms)
{
    int nwatch = js_eventloop_fill_watches(ts), n, r;
    if (nwatch < 0)
        return -1;
    n = js_os_handlers_fill(ts, nwatch);
    if (n < 0)
        return -1;
    r = poll(ts->pfds, n, timeout_ms);
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    if (r == 0)
        return 0;
    js_eventloop_dispatch_watches(ts, ctx, nwatch);
    if (!ts->stop)
        js_os_handlers_dispatch(ts, nwatch, n);
    return 0;
}

int js_eventloop_run(JSContext *ctx)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    if (!ts)
        return -1;
    for (;;) {
        int64_t waiters;
        js_eventloop_run_jobs(ts);
        if (ts->stop)
            break;
        js_timers_run_expired(ts);
        if (ts->stop)
            break;
        waiters = JS_SettleAtomicsWaiters(ts->rt);
        if (JS_IsJobPending(ts->rt))
            continue;
        if (!js_eventloop_has_work(ts, waiters))
            break;
        if (js_os_poll(ts, ctx, js_eventloop_min_timeout(js_timers_poll_timeout(ts), waiters)) < 0) {
            perror("weft: poll");
            ts->exit_code = 1;
            ts->error_reported = true;
            break;
        }
        if (ts->stop)
            break;
    }
    return ts->is_main_thread && ts->error_reported ? -1 : 0;
}

/* ---------------------------------------------------------------------
 * Module evaluation promises
 * ------------------------------------------------------------------- */
static JSValue js_eventloop_on_module_reject(JSContext *ctx, JSValueConst this_val, int argc,
                                             JSValueConst *argv)
{
    js_eventloop_report_error(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, false);
    return JS_UNDEFINED;
}

int js_eventloop_track_module(JSContext *ctx, JSValueConst promise)
{
    JSValue args[2], ret;
    JSAtom then;
    if ((int)JS_PromiseState(ctx, promise) < 0)
        return 0;
    /* a reaction marks the promise handled: the tracker forgets it */
    args[0] = JS_UNDEFINED;
    args[1] = JS_NewCFunction(ctx, js_eventloop_on_module_reject, "onModuleError", 1);
    if (JS_IsException(args[1]))
        return -1;
    then = JS_NewAtom(ctx, "then");
    ret = then == JS_ATOM_NULL ? JS_EXCEPTION : JS_Invoke(ctx, promise, then, 2, args);
    JS_FreeAtom(ctx, then);
    JS_FreeValue(ctx, args[1]);
    if (JS_IsException(ret))
        return -1;
    JS_FreeValue(ctx, ret);
    return 0;
}
