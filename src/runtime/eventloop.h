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

#include <poll.h>
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
    short revents; /* what poll reported, set before func is called */
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
    JSEventWatch worker_done_watch; /* the worker-done pipe (worker.c, main thread) */
    JSClassID worker_class_id;     /* os.Worker's class in this runtime (worker.c) */
    JSClassID std_file_class_id;   /* std's FILE class in this runtime (std_file.c) */

    /* private to the loop's files (eventloop.c, timers.c, handlers.c) */
    int64_t next_timer_id;         /* ids handed out by setTimeout & co. */
    struct JSTimer *firing_timer;  /* the timer whose callback runs now */
    struct list_head rejection_list; /* JSRejection: unhandled rejections */
    bool error_reported;           /* an error went to report_error */
    JSEventWatch wake_watch;       /* Atomics.waitAsync wake-ups */
    int wake_write_fd;
    JSEventWatch signal_watch;     /* the process's signal pipe (main thread) */
    struct pollfd *pfds;           /* js_os_poll's array, grown as needed */
    JSEventWatch **pfd_watches;    /* the watcher of each pfds entry, or NULL */
    int pfds_size;
    int script_argc;               /* cmdline.scriptArgs (copied strings) */
    char **script_argv;
    char *main_module;             /* engine.isMainModule (a copy) */
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

/* the default reporter: prints the error to stderr ("Uncaught (in
   promise) " before a rejection's reason), makes the exit status 1 and
   stops the loop, as node does */
void js_eventloop_print_error(JSContext *ctx, JSValueConst error, bool is_rejection,
                              void *opaque);

/* calls func (a timer, fd or signal handler, a message callback) as one
   macrotask: an exception it throws is reported, then the pending jobs run
   and the rejections they left unhandled are reported. The result is
   dropped. */
void js_eventloop_call(JSContext *ctx, JSValueConst func, int argc, JSValueConst *argv);

/* runs every pending job (stops early when the loop is stopped), then
   reports the rejections left unhandled */
void js_eventloop_run_jobs(JSThreadState *ts);

/* reads a non-blocking wake-up pipe until it is empty */
void js_eventloop_drain_fd(int fd);

/* the loop's clock: CLOCK_MONOTONIC in microseconds */
int64_t js_eventloop_now_us(void);

/* the loop's parts in other files, called by eventloop.c */
/* timers.c: the poll timeout until the next timer (ms, -1 without timers);
   fire the expired timers; free every timer */
int js_timers_poll_timeout(JSThreadState *ts);
void js_timers_run_expired(JSThreadState *ts);
void js_timers_free_all(JSThreadState *ts);
/* the timer functions (magic: JS_TIMER_TIMEOUT or JS_TIMER_INTERVAL),
   shared by quickjs:timers, the globals and quickjs:os */
enum { JS_TIMER_TIMEOUT, JS_TIMER_INTERVAL };
JSValue js_timers_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                      int magic);
JSValue js_timers_clear(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv);
JSValue js_timers_sleep_async(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv);
/* handlers.c: fd and signal handlers. js_os_handlers_fill adds one pollfd
   per fd handler to ts->pfds from index n and returns the new count;
   js_os_handlers_dispatch calls the handlers of the ready entries. */
int js_os_handlers_fill(JSThreadState *ts, int n);
void js_os_handlers_dispatch(JSThreadState *ts, int first, int n);
void js_os_handlers_free_all(JSThreadState *ts);
/* grows ts->pfds to at least size entries (-1 on out-of-memory) */
int js_eventloop_reserve_pfds(JSThreadState *ts, int size);

/* worker.c: lets go of the thread's worker ports and of the Worker objects
   of running workers (js_eventloop_free calls it before freeing the
   state; the contexts may be gone already) */
void js_worker_free_ports(JSThreadState *ts);

/* SharedArrayBuffer blocks with an atomic reference count header
   (JSSABHeader, sab.c): the hooks js_eventloop_init installs on every
   runtime, so that a SAB can travel between runtimes on other threads */
const JSSharedArrayBufferFunctions *js_sab_functions(void);

#endif /* WEFT_EVENTLOOP_H */
