/*
 * eventloop.h — the per-thread event loop of the runtime layer (private to
 * src/runtime; embedders use the js_eventloop_* functions of
 * weft_runtime.h).
 *
 * One JSThreadState per runtime (kept as the runtime's opaque pointer):
 * timers, fd handlers, signal handlers (main thread only), worker message
 * ports, the worker-done pipe, and the error reporting of the thread. One
 * turn of the loop: run every pending job, fire the expired timers, then
 * block in poll(2) until the next timer or fd event. The loop ends when
 * nothing is left that could produce work; on the main thread never while
 * a worker is alive (active_worker_count > 0).
 *
 * The loop knows nothing about workers: worker.c registers its message
 * ports and the worker-done pipe as C watchers (js_eventloop_add_watch),
 * and installs an error reporter on a worker's thread state.
 */
#ifndef WEFT_EVENTLOOP_H
#define WEFT_EVENTLOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "list.h"
#include "weft.h"
#include "weft_runtime.h"

typedef struct JSThreadState JSThreadState;

/* a C-level fd watcher: called on the loop's thread when fd is ready for
   `events` (POLLIN/POLLOUT). A watcher with keep_alive set keeps the loop
   running while it is registered. */
typedef struct JSEventWatch JSEventWatch;
typedef void JSEventWatchFunc(JSContext *ctx, JSEventWatch *w);
struct JSEventWatch {
    struct list_head link; /* in JSThreadState.watch_list */
    int fd;
    short events;
    bool keep_alive;
    JSEventWatchFunc *func;
    void *opaque;
};

/* reports an error that escaped to the loop (a throwing timer, handler or
   job, an unhandled rejection): the main thread prints it and makes the
   exit status 1; a worker sends it to its parent's onerror. is_rejection
   tells an unhandled rejection from a thrown exception. */
typedef void JSErrorReporterFunc(JSContext *ctx, JSValueConst error, bool is_rejection,
                                 void *opaque);

struct JSThreadState {
    JSRuntime *rt;
    bool is_main_thread;
    struct list_head timer_list;   /* JS timers, by deadline */
    struct list_head fd_list;      /* os.setReadHandler/setWriteHandler */
    struct list_head signal_list;  /* os.signal (main thread only) */
    struct list_head watch_list;   /* JSEventWatch: C watchers */
    struct list_head port_list;    /* worker message ports (worker.c) */
    int active_worker_count;       /* workers started and not yet done */
    int worker_done_read_fd;       /* the worker-done pipe (main thread) */
    int worker_done_write_fd;
    bool stop;                     /* js_eventloop_stop: end the run now */
    int exit_code;                 /* cmdline.setExitCode / the status of the run */
    JSErrorReporterFunc *report_error;
    void *report_error_opaque;
    void *worker;                  /* worker.c's state on a worker thread */
};

/* the thread state of rt (NULL before js_eventloop_init) */
JSThreadState *js_get_thread_state(JSRuntime *rt);

/* C watchers: register/unregister (the caller owns w) */
void js_eventloop_add_watch(JSThreadState *ts, JSEventWatch *w);
void js_eventloop_remove_watch(JSThreadState *ts, JSEventWatch *w);

/* ends js_eventloop_run as soon as the current callback returns (a
   terminated worker) */
void js_eventloop_stop(JSThreadState *ts);

/* reports an exception taken from the context (JS_GetException) or a
   rejection reason through ts->report_error */
void js_eventloop_report_error(JSContext *ctx, JSValueConst error, bool is_rejection);

/* SharedArrayBuffer blocks with an atomic reference count header
   (JSSABHeader, sab.c): the hooks js_eventloop_init installs on every
   runtime, so that a SAB can travel between runtimes on other threads */
const JSSharedArrayBufferFunctions *js_sab_functions(void);

#endif /* WEFT_EVENTLOOP_H */
