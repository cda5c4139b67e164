/*
 * handlers.c — os.setReadHandler, os.setWriteHandler and os.signal: the JS
 * handlers the event loop calls when an fd is ready or a signal arrived,
 * and js_os_event_funcs, the part of quickjs:os the loop provides.
 *
 * An fd has at most one read and one write handler; setting one replaces
 * the previous one, null removes it. A handler whose fd was closed behind
 * the loop's back (poll reports POLLNVAL) is dropped. Both fd and signal
 * handlers keep the loop alive while they are set.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventloop.h"
#include "modules.h"

/* signals 1 to 63 fit the pending mask */
#define JS_SIGNAL_MAX 64

typedef struct JSFdHandler {
    struct list_head link; /* in JSThreadState.fd_list */
    int fd;
    JSContext *ctx;
    JSValue funcs[2]; /* read, write; JS_NULL when unset */
} JSFdHandler;

typedef struct JSSignalHandler {
    struct list_head link; /* in JSThreadState.signal_list */
    int sig;
    JSContext *ctx;
    JSValue func;
} JSSignalHandler;

/* The loop's only process-wide state. A C signal handler cannot know
   which runtime it serves, so it sets the signal's bit in
   js_signal_pending and writes a byte to js_signal_pipe; the main
   thread's loop polls the read end and calls the JS handlers. Only the
   main thread installs handlers (os.signal throws elsewhere), so only its
   loop reads the pipe. The pipe is made once and lives as long as the
   process; the mask is atomic because the handler may run on any thread. */
static int js_signal_pipe[2] = {-1, -1};
static atomic_uint_fast64_t js_signal_pending;
static pthread_once_t js_signal_pipe_once = PTHREAD_ONCE_INIT;

static void js_signal_pipe_open(void)
{
    int fds[2];
    if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0) {
        js_signal_pipe[0] = fds[0];
        js_signal_pipe[1] = fds[1];
    }
}

/* async-signal-safe: an atomic or and a write */
static void js_signal_handler(int sig)
{
    int saved_errno = errno;
    char byte = (char)sig;
    ssize_t r;
    atomic_fetch_or(&js_signal_pending, (uint_fast64_t)1 << sig);
    r = write(js_signal_pipe[1], &byte, 1);
    (void)r;
    errno = saved_errno;
}

/* ---------------------------------------------------------------------
 * fd handlers
 * ------------------------------------------------------------------- */
static JSFdHandler *js_fd_handler_find(JSThreadState *ts, int fd)
{
    struct list_head *el;
    list_for_each(el, &ts->fd_list) {
        JSFdHandler *h = list_entry(el, JSFdHandler, link);
        if (h->fd == fd)
            return h;
    }
    return NULL;
}

static void js_fd_handler_free(JSRuntime *rt, JSFdHandler *h)
{
    list_del(&h->link);
    JS_FreeValueRT(rt, h->funcs[0]);
    JS_FreeValueRT(rt, h->funcs[1]);
    JS_FreeContext(h->ctx);
    free(h);
}

static JSThreadState *js_os_loop_state(JSContext *ctx)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    if (!ts)
        JS_ThrowPlainError(ctx, "handlers need an event loop (js_eventloop_init)");
    return ts;
}

/* os.setReadHandler(fd, func) and os.setWriteHandler (magic 1) */
static JSValue js_os_set_rw_handler(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv, int magic)
{
    const char *name = magic ? "setWriteHandler" : "setReadHandler";
    JSValueConst func = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSThreadState *ts = js_os_loop_state(ctx);
    JSFdHandler *h;
    int fd;
    if (!ts || JS_ToInt32(ctx, &fd, argc > 0 ? argv[0] : JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    if (fd < 0)
        return JS_ThrowRangeError(ctx, "os.%s: invalid file descriptor %d", name, fd);
    if (!JS_IsNull(func) && !JS_IsUndefined(func) && !JS_IsFunction(ctx, func))
        return JS_ThrowTypeError(ctx, "os.%s: the handler must be a function or null", name);
    h = js_fd_handler_find(ts, fd);
    if (JS_IsFunction(ctx, func) && !h) {
        h = malloc(sizeof(*h));
        if (!h)
            return JS_ThrowOutOfMemory(ctx);
        h->fd = fd;
        h->ctx = JS_DupContext(ctx);
        h->funcs[0] = h->funcs[1] = JS_NULL;
        list_add_tail(&h->link, &ts->fd_list);
    }
    if (!h)
        return JS_UNDEFINED;
    JS_FreeValue(ctx, h->funcs[magic]);
    h->funcs[magic] = JS_IsFunction(ctx, func) ? JS_DupValue(ctx, func) : JS_NULL;
    if (JS_IsNull(h->funcs[0]) && JS_IsNull(h->funcs[1]))
        js_fd_handler_free(JS_GetRuntime(ctx), h);
    return JS_UNDEFINED;
}

int js_os_handlers_fill(JSThreadState *ts, int n)
{
    struct list_head *el;
    list_for_each(el, &ts->fd_list) {
        JSFdHandler *h = list_entry(el, JSFdHandler, link);
        if (js_eventloop_reserve_pfds(ts, n + 1) < 0)
            return -1;
        ts->pfds[n].fd = h->fd;
        ts->pfds[n].events = (JS_IsNull(h->funcs[0]) ? 0 : POLLIN) |
                             (JS_IsNull(h->funcs[1]) ? 0 : POLLOUT);
        ts->pfds[n].revents = 0;
        ts->pfd_watches[n] = NULL;
        n++;
    }
    return n;
}

/* calls the read or write handler of fd if it is still set (an earlier
   callback may have changed it) */
static void js_fd_handler_call(JSThreadState *ts, int fd, int which)
{
    JSFdHandler *h = js_fd_handler_find(ts, fd);
    if (h && !JS_IsNull(h->funcs[which]) && !ts->stop)
        js_eventloop_call(h->ctx, h->funcs[which], 0, NULL);
}

void js_os_handlers_dispatch(JSThreadState *ts, int first, int n)
{
    for (int i = first; i < n && !ts->stop; i++) {
        int fd = ts->pfds[i].fd;
        short rev = ts->pfds[i].revents;
        if (rev & POLLNVAL) {
            JSFdHandler *h = js_fd_handler_find(ts, fd);
            if (h)
                js_fd_handler_free(ts->rt, h);
            continue;
        }
        /* a hang-up or an error is reported to both handlers: their read
           or write then sees it */
        if (rev & (POLLIN | POLLHUP | POLLERR))
            js_fd_handler_call(ts, fd, 0);
        if (rev & (POLLOUT | POLLHUP | POLLERR))
            js_fd_handler_call(ts, fd, 1);
    }
}

/* ---------------------------------------------------------------------
 * Signal handlers (main thread)
 * ------------------------------------------------------------------- */
static JSSignalHandler *js_signal_handler_find(JSThreadState *ts, int sig)
{
    struct list_head *el;
    list_for_each(el, &ts->signal_list) {
        JSSignalHandler *h = list_entry(el, JSSignalHandler, link);
        if (h->sig == sig)
            return h;
    }
    return NULL;
}

static void js_signal_handler_free(JSRuntime *rt, JSSignalHandler *h)
{
    list_del(&h->link);
    JS_FreeValueRT(rt, h->func);
    JS_FreeContext(h->ctx);
    free(h);
}

/* the signal pipe became readable: calls the handlers of the signals that
   arrived, in signal-number order */
static void js_signal_on_pipe(JSContext *ctx, JSEventWatch *w)
{
    JSThreadState *ts = w->opaque;
    uint_fast64_t pending;
    js_eventloop_drain_fd(w->fd);
    pending = atomic_exchange(&js_signal_pending, 0);
    for (int sig = 1; sig < JS_SIGNAL_MAX && !ts->stop; sig++) {
        JSSignalHandler *h;
        if (!(pending & ((uint_fast64_t)1 << sig)))
            continue;
        h = js_signal_handler_find(ts, sig);
        if (h) {
            JSValue arg = JS_NewInt32(h->ctx, sig);
            js_eventloop_call(h->ctx, h->func, 1, &arg);
        }
    }
}

/* the loop polls the signal pipe while a signal handler is set */
static void js_signal_update_watch(JSThreadState *ts)
{
    bool watching = ts->signal_watch.link.next != NULL;
    if (!list_empty(&ts->signal_list) && !watching) {
        ts->signal_watch.fd = js_signal_pipe[0];
        ts->signal_watch.events = POLLIN;
        ts->signal_watch.keep_alive = false;
        ts->signal_watch.func = js_signal_on_pipe;
        ts->signal_watch.opaque = ts;
        js_eventloop_add_watch(ts, &ts->signal_watch);
    } else if (list_empty(&ts->signal_list) && watching) {
        js_eventloop_remove_watch(ts, &ts->signal_watch);
    }
}

static int js_signal_set_action(int sig, void (*action)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = action;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    return sigaction(sig, &sa, NULL);
}

/* os.signal(sig, func): func is called with the signal number on the main
   thread's loop; null restores the default action, undefined ignores the
   signal */
static JSValue js_os_signal(JSContext *ctx, JSValueConst this_val, int argc,
                            JSValueConst *argv)
{
    JSValueConst func = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSThreadState *ts = js_os_loop_state(ctx);
    JSSignalHandler *h;
    void (*action)(int);
    int sig;
    if (!ts)
        return JS_EXCEPTION;
    if (!ts->is_main_thread)
        return JS_ThrowPlainError(ctx, "os.signal can only be called from the main thread");
    if (JS_ToInt32(ctx, &sig, argc > 0 ? argv[0] : JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    if (sig < 1 || sig >= JS_SIGNAL_MAX)
        return JS_ThrowRangeError(ctx, "os.signal: invalid signal number %d", sig);
    if (!JS_IsNull(func) && !JS_IsUndefined(func) && !JS_IsFunction(ctx, func))
        return JS_ThrowTypeError(ctx, "os.signal: the handler must be a function, null or "
                                      "undefined");
    action = JS_IsNull(func) ? SIG_DFL : JS_IsUndefined(func) ? SIG_IGN : js_signal_handler;
    if (action == js_signal_handler) {
        pthread_once(&js_signal_pipe_once, js_signal_pipe_open);
        if (js_signal_pipe[0] < 0)
            return JS_ThrowPlainError(ctx, "os.signal: cannot create the signal pipe");
    }
    if (js_signal_set_action(sig, action) < 0)
        return JS_ThrowPlainError(ctx, "os.signal: cannot handle signal %d: %s", sig,
                                  strerror(errno));
    h = js_signal_handler_find(ts, sig);
    if (h)
        js_signal_handler_free(JS_GetRuntime(ctx), h);
    if (action == js_signal_handler) {
        h = malloc(sizeof(*h));
        if (!h) {
            js_signal_set_action(sig, SIG_DFL);
            js_signal_update_watch(ts);
            return JS_ThrowOutOfMemory(ctx);
        }
        h->sig = sig;
        h->ctx = JS_DupContext(ctx);
        h->func = JS_DupValue(ctx, func);
        list_add_tail(&h->link, &ts->signal_list);
    }
    js_signal_update_watch(ts);
    return JS_UNDEFINED;
}

void js_os_handlers_free_all(JSThreadState *ts)
{
    while (!list_empty(&ts->fd_list))
        js_fd_handler_free(ts->rt, list_entry(ts->fd_list.next, JSFdHandler, link));
    while (!list_empty(&ts->signal_list)) {
        JSSignalHandler *h = list_entry(ts->signal_list.next, JSSignalHandler, link);
        js_signal_set_action(h->sig, SIG_DFL);
        js_signal_handler_free(ts->rt, h);
    }
    js_signal_update_watch(ts);
}

/* ---------------------------------------------------------------------
 * The loop's part of quickjs:os
 * ------------------------------------------------------------------- */
const JSCFunctionListEntry js_os_event_funcs[] = {
    JS_CFUNC_MAGIC_DEF("setReadHandler", 2, js_os_set_rw_handler, 0),
    JS_CFUNC_MAGIC_DEF("setWriteHandler", 2, js_os_set_rw_handler, 1),
    JS_CFUNC_DEF("signal", 2, js_os_signal),
    JS_CFUNC_MAGIC_DEF("setTimeout", 2, js_timers_set, JS_TIMER_TIMEOUT),
    JS_CFUNC_DEF("clearTimeout", 1, js_timers_clear),
    JS_CFUNC_DEF("sleepAsync", 1, js_timers_sleep_async),
};
const int js_os_event_funcs_count = sizeof(js_os_event_funcs) / sizeof(js_os_event_funcs[0]);
