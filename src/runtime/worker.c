/*
 * worker.c — os.Worker: JS engines on their own threads, talking to their
 * parent through message pipes (worker_pipe.c) and sharing memory only
 * through SharedArrayBuffer blocks (sab.c).
 *
 * Threads. `new os.Worker(moduleFilename, {initialData, overrideCode})`
 * starts a detached pthread running worker_func: a new JSRuntime with its
 * own event loop, module loader and context (from the pluggable factory,
 * js_os_set_worker_new_context_func), the module, then the loop. Nothing
 * joins the thread: when its loop ends it frees everything and writes a
 * record to the main thread's worker-done pipe (worker_done_write_fd); the
 * main loop then drops active_worker_count, which keeps it running while
 * it is above zero. Only the main thread can create workers (no nesting),
 * so the parent is always the main thread.
 *
 * Objects. A JSWorker is the record both threads share (reference counted):
 * the two pipes, the terminate flag and its wake-up pipe, what the thread
 * needs to start. Each side has a JSWorkerPort behind a Worker object (the
 * parent's `worker`, the worker's `os.Worker.parent`): the pipe it reads,
 * the pipe it writes, and the onmessage/onerror handlers (marked by the
 * object's gc_mark). A port's pipe is a C watcher of the loop while
 * onmessage is set (keep-alive: a worker waiting for messages stays up);
 * `onmessage = null` removes it. The parent's port holds its Worker object
 * while the thread runs, so a running worker is never collected.
 *
 * Errors. Every error that escapes to a worker's loop (start-up, handlers,
 * timers, unhandled rejections) reaches js_worker_report_error, the
 * reporter installed on the worker's thread state. It posts an error
 * message on the worker->parent pipe, in order with the data messages,
 * and - when it is the only error queued - writes a record to the
 * worker-done pipe, so that the parent hears of it even when its port is
 * not watched (no onmessage). The parent gives it to onerror as
 * {message, filename, lineno, error}, or prints it.
 *
 * Termination. terminate() sets the JSWorker's flag, which the worker's
 * interrupt handler returns (a busy worker stops at its next backward
 * jump or call), and writes to the worker's control pipe, which wakes an
 * idle worker's poll: either way its loop stops, and it ends as usual.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventloop.h"
#include "modules.h"
#include "worker_pipe.h"

/* a worker thread's C stack; the engine may use all but the margin */
#define JS_WORKER_STACK_SIZE (4 * 1024 * 1024)
#define JS_WORKER_STACK_MARGIN (256 * 1024)
/* messages a port dispatches per poll wake-up before letting timers and
   other handlers run */
#define JS_WORKER_BATCH 512
/* after delivering, a port waits this long (microseconds, spinning) for
   the next message before going back to sleep in poll: an answer in a
   conversation arrives without two context switches */
#define JS_WORKER_SPIN_US 50
/* serialization flags of every message */
#define JS_WORKER_WRITE_FLAGS (JS_WRITE_OBJ_SAB | JS_WRITE_OBJ_REFERENCE)
#define JS_WORKER_READ_FLAGS (JS_READ_OBJ_SAB | JS_READ_OBJ_REFERENCE)

typedef struct JSWorkerPort JSWorkerPort;

/* the record a worker thread and its parent share */
typedef struct JSWorker {
    int ref_count;                  /* atomic: the thread and each port */
    JSWorkerMessagePipe *to_worker; /* parent -> worker */
    JSWorkerMessagePipe *to_parent; /* worker -> parent: messages and errors */
    int terminated;                 /* atomic: terminate() was called */
    int ctl_read_fd;                /* written by terminate() to wake the worker */
    int ctl_write_fd;
    int done_write_fd; /* the parent's worker-done pipe */
    char *filename;    /* the module's absolute path, resolved against the caller */
    char *importer;    /* the caller's name, for "cannot find module" errors */
    char *code;        /* overrideCode, or NULL */
    size_t code_len;
    JSWorkerMessage *initial_data; /* the clone of initialData, or NULL */
    /* parent thread only */
    JSWorkerPort *parent_port;
    /* worker thread only */
    JSEventWatch ctl_watch;
    JSWorkerPort *self_port; /* behind os.Worker.parent, while it lives */
} JSWorker;

/* one side's end of the two pipes, behind a Worker object */
struct JSWorkerPort {
    struct list_head link; /* in ts->port_list until closed */
    JSThreadState *ts;     /* NULL once closed */
    JSWorker *worker;      /* NULL once the worker ended (parent side) */
    JSWorkerMessagePipe *recv_pipe;
    JSWorkerMessagePipe *send_pipe;
    JSEventWatch watch; /* recv_pipe, registered while on_message is set */
    bool watching;
    JSValue obj;         /* the Worker object; counted only while holds_obj */
    bool holds_obj;      /* parent side, while the thread runs */
    bool is_parent_side; /* the main thread's handle on a worker */
    bool closed;         /* terminated, or the worker ended */
    JSValue on_message;  /* a function or null */
    JSValue on_error;
};

/* records written to the worker-done pipe: the JSWorker's address, with
   the low bit set for "an error is queued" */
#define JS_WORKER_RECORD_ERROR ((uintptr_t)1)

static JSWorkerNewContextFunc *js_worker_new_context_func;

static void js_worker_port_dispatch(JSContext *ctx, JSEventWatch *watch);

/* ---------------------------------------------------------------------
 * The context factory
 * ------------------------------------------------------------------- */
void js_os_set_worker_new_context_func(JSWorkerNewContextFunc *func)
{
    __atomic_store_n(&js_worker_new_context_func, func, __ATOMIC_RELEASE);
}

/* without a factory: the engine's builtins, print and console */
static JSContext *js_worker_default_context(JSRuntime *rt)
{
    JSContext *ctx = JS_NewContext(rt);
    if (ctx && js_std_add_console(ctx) < 0) {
        JS_FreeContext(ctx);
        return NULL;
    }
    return ctx;
}

/* ---------------------------------------------------------------------
 * JSWorker
 * ------------------------------------------------------------------- */
static void js_worker_unref(JSWorker *w)
{
    if (__atomic_sub_fetch(&w->ref_count, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    js_worker_pipe_free(w->to_worker);
    js_worker_pipe_free(w->to_parent);
    if (w->ctl_read_fd >= 0) {
        close(w->ctl_read_fd);
        close(w->ctl_write_fd);
    }
    if (w->initial_data)
        js_worker_message_free(w->initial_data);
    free(w->filename);
    free(w->importer);
    free(w->code);
    free(w);
}

/* a record holding the thread's reference (each port takes its own);
   NULL when out of memory or file descriptors */
static JSWorker *js_worker_new(void)
{
    JSWorker *w = calloc(1, sizeof(*w));
    int fds[2];
    if (!w)
        return NULL;
    w->ref_count = 1;
    w->ctl_read_fd = -1;
    w->to_worker = js_worker_pipe_new();
    w->to_parent = js_worker_pipe_new();
    if (w->to_worker && w->to_parent && pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
        w->ctl_read_fd = fds[0];
        w->ctl_write_fd = fds[1];
        return w;
    }
    js_worker_unref(w);
    return NULL;
}

static bool js_worker_is_terminated(JSWorker *w)
{
    return __atomic_load_n(&w->terminated, __ATOMIC_ACQUIRE) != 0;
}

/* a record for the parent's worker-done pipe (8 bytes: written at once,
   never interleaved with another thread's record). A full pipe (a parent
   busy for long) makes the worker wait. */
static void js_worker_write_record(JSWorker *w, uintptr_t bits)
{
    uintptr_t rec = (uintptr_t)w | bits;
    struct pollfd pfd = {w->done_write_fd, POLLOUT, 0};
    while (write(w->done_write_fd, &rec, sizeof(rec)) < 0) {
        if (errno == EAGAIN)
            poll(&pfd, 1, -1);
        else if (errno != EINTR)
            break;
    }
}

/* ---------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------- */
/* serializes val (moving the ArrayBuffers of transfer) into a message;
   NULL with an exception (a TypeError for what cannot be cloned) */
static JSWorkerMessage *js_worker_message_write(JSContext *ctx, JSWorkerMessageKind kind,
                                                JSValueConst val, JSValueConst transfer)
{
    uint8_t *data, *owned, **sab_tab = NULL;
    size_t len, sab_tab_len = 0, transfer_len = 0;
    JSTransferredBuffer *transfer_tab = NULL;
    JSWorkerMessage *msg;
    data = JS_WriteObjectTransfer(ctx, &len, val, JS_WORKER_WRITE_FLAGS, transfer, &sab_tab,
                                  &sab_tab_len, &transfer_tab, &transfer_len);
    if (!data)
        return NULL;
    /* a large message keeps the serializer's block (no copy) */
    owned = js_malloc_release(ctx, data);
    msg = js_worker_message_new(kind, data, len, owned, sab_tab, sab_tab_len, transfer_tab,
                                transfer_len);
    if (!owned)
        js_free(ctx, data);
    js_free(ctx, sab_tab);
    if (!msg)
        JS_ThrowOutOfMemory(ctx);
    return msg;
}

/* the value a message carries, in this thread's runtime (the transferred
   buffers now belong to it) */
static JSValue js_worker_message_read(JSContext *ctx, JSWorkerMessage *msg)
{
    JSValue val = JS_ReadObjectTransfer(ctx, msg->data, msg->data_len, JS_WORKER_READ_FLAGS,
                                        msg->transfer_tab, msg->transfer_len);
    if (msg->transfer_tab)
        JS_FreeTransferredBuffers(msg->transfer_tab, msg->transfer_len);
    msg->transfer_tab = NULL;
    msg->transfer_len = 0;
    return val;
}

/* ---------------------------------------------------------------------
 * Ports
 * ------------------------------------------------------------------- */
static void js_worker_port_watch(JSWorkerPort *port, bool on)
{
    if (!port->ts || port->watching == on)
        return;
    if (on)
        js_eventloop_add_watch(port->ts, &port->watch);
    else
        js_eventloop_remove_watch(port->ts, &port->watch);
    port->watching = on;
}

static JSWorkerPort *js_worker_port_new(JSThreadState *ts, JSWorker *w, bool is_parent_side)
{
    JSWorkerPort *port = calloc(1, sizeof(*port));
    if (!port)
        return NULL;
    port->ts = ts;
    port->worker = w;
    __atomic_add_fetch(&w->ref_count, 1, __ATOMIC_RELAXED);
    port->is_parent_side = is_parent_side;
    port->recv_pipe = js_worker_pipe_dup(is_parent_side ? w->to_parent : w->to_worker);
    port->send_pipe = js_worker_pipe_dup(is_parent_side ? w->to_worker : w->to_parent);
    port->watch.fd = port->recv_pipe->read_fd;
    port->watch.events = POLLIN;
    port->watch.keep_alive = true;
    port->watch.func = js_worker_port_dispatch;
    port->watch.opaque = port;
    port->obj = JS_UNDEFINED;
    port->on_message = JS_NULL;
    port->on_error = JS_NULL;
    list_add_tail(&port->link, &ts->port_list);
    return port;
}

/* detaches the port from its loop and from the worker (the object may
   live on: postMessage and terminate do nothing then). A closed port never
   touches the thread state again: its object may be finalized after the
   state is gone (JS_FreeRuntime). */
static void js_worker_port_close(JSWorkerPort *port)
{
    port->closed = true;
    js_worker_port_watch(port, false);
    if (port->ts) {
        list_del(&port->link);
        port->ts = NULL;
    }
    if (port->worker) {
        if (port->is_parent_side)
            port->worker->parent_port = NULL;
        else
            port->worker->self_port = NULL;
        js_worker_unref(port->worker);
        port->worker = NULL;
    }
    js_worker_pipe_free(port->recv_pipe);
    js_worker_pipe_free(port->send_pipe);
    port->recv_pipe = port->send_pipe = NULL;
}

static void js_worker_port_free(JSRuntime *rt, JSWorkerPort *port)
{
    js_worker_port_close(port);
    JS_FreeValueRT(rt, port->on_message);
    JS_FreeValueRT(rt, port->on_error);
    free(port);
}

/* drops the parent port's hold on its object: the last use of the port
   when the object has no other reference */
static void js_worker_port_release_obj(JSRuntime *rt, JSWorkerPort *port)
{
    if (port->holds_obj) {
        port->holds_obj = false;
        JS_FreeValueRT(rt, port->obj);
    }
}

/* ---------------------------------------------------------------------
 * Delivery
 * ------------------------------------------------------------------- */
/* onmessage({data}) as one macrotask */
static void js_worker_deliver_message(JSContext *ctx, JSWorkerPort *port, JSWorkerMessage *msg)
{
    JSValue data = js_worker_message_read(ctx, msg), ev, func;
    if (JS_IsException(data)) {
        JSValue exc = JS_GetException(ctx);
        js_eventloop_report_error(ctx, exc, false);
        JS_FreeValue(ctx, exc);
        return;
    }
    ev = JS_NewObject(ctx);
    if (JS_IsException(ev) || JS_SetPropertyStr(ctx, ev, "data", data) < 0) {
        JSValue exc = JS_GetException(ctx);
        js_eventloop_report_error(ctx, exc, false);
        JS_FreeValue(ctx, exc);
        JS_FreeValue(ctx, ev);
        return;
    }
    func = JS_DupValue(ctx, port->on_message);
    js_eventloop_call(ctx, func, 1, &ev);
    JS_FreeValue(ctx, func);
    JS_FreeValue(ctx, ev);
}

static JSValue js_worker_get_field(JSContext *ctx, JSValueConst obj, const char *name)
{
    JSValue v = JS_IsObject(obj) ? JS_GetPropertyStr(ctx, obj, name) : JS_UNDEFINED;
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return JS_UNDEFINED;
    }
    return v;
}

/* what a report that could not be made or read says (a worker out of
   memory) */
#define JS_WORKER_LOST_ERROR "a worker failed, and its error was lost (out of memory)"

/* the event onerror receives: {message, filename, lineno, error} from the
   worker's report */
static JSValue js_worker_error_event(JSContext *ctx, JSValueConst report)
{
    static const char *const fields[] = {"message", "filename", "lineno", "error"};
    JSValue ev = JS_NewObject(ctx);
    if (JS_IsException(ev))
        return ev;
    for (int i = 0; i < 4; i++) {
        JSValue v = js_worker_get_field(ctx, report, fields[i]);
        if (JS_IsUndefined(v) && i == 0)
            v = JS_NewString(ctx, JS_WORKER_LOST_ERROR);
        else if (JS_IsUndefined(v) && i == 3)
            v = JS_NULL;
        if (JS_SetPropertyStr(ctx, ev, fields[i], v) < 0) {
            JS_FreeValue(ctx, ev);
            return JS_EXCEPTION;
        }
    }
    return ev;
}

/* without onerror: the text the worker formatted, as the main thread
   prints an uncaught error; the program's exit status becomes 1 */
static void js_worker_print_error(JSContext *ctx, JSValueConst report)
{
    JSValue text = js_worker_get_field(ctx, report, "text");
    const char *s = JS_IsString(text) ? JS_ToCString(ctx, text) : NULL;
    fflush(stdout);
    fputs(s ? s : "Error: " JS_WORKER_LOST_ERROR "\n\n", stderr);
    fflush(stderr);
    if (s)
        JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, text);
    js_get_thread_state(JS_GetRuntime(ctx))->exit_code = 1;
}

static void js_worker_deliver_error(JSContext *ctx, JSWorkerPort *port, JSWorkerMessage *msg)
{
    JSValue report = js_worker_message_read(ctx, msg), ev, func;
    if (JS_IsException(report)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        report = JS_UNDEFINED;
    }
    if (!JS_IsFunction(ctx, port->on_error)) {
        js_worker_print_error(ctx, report);
        JS_FreeValue(ctx, report);
        return;
    }
    ev = js_worker_error_event(ctx, report);
    JS_FreeValue(ctx, report);
    if (JS_IsException(ev)) {
        JSValue exc = JS_GetException(ctx);
        js_eventloop_report_error(ctx, exc, false);
        JS_FreeValue(ctx, exc);
        return;
    }
    func = JS_DupValue(ctx, port->on_error);
    js_eventloop_call(ctx, func, 1, &ev);
    JS_FreeValue(ctx, func);
    JS_FreeValue(ctx, ev);
}

/* takes and delivers the next message: in order while onmessage is set,
   else only the errors (data waits for a handler). false when there was
   nothing to deliver. */
static bool js_worker_port_deliver_one(JSContext *ctx, JSWorkerPort *port)
{
    bool has_handler = JS_IsFunction(ctx, port->on_message);
    JSWorkerMessage *msg;
    if (port->closed || !port->recv_pipe)
        return false;
    msg = js_worker_pipe_take(port->recv_pipe, !has_handler);
    if (!msg)
        return false;
    if (msg->kind == JS_WORKER_MSG_ERROR)
        js_worker_deliver_error(ctx, port, msg);
    else
        js_worker_deliver_message(ctx, port, msg);
    js_worker_message_free(msg);
    return true;
}

/* the port's watcher: a batch of messages, then back to the loop (the
   wake-up byte stays while messages are left, so poll returns at once) */
static void js_worker_port_dispatch(JSContext *ctx, JSEventWatch *watch)
{
    JSWorkerPort *port = watch->opaque;
    JSThreadState *ts = port->ts;
    /* a handler may drop the last other reference to the object (and so
       to the port) */
    JSValue hold = JS_DupValue(ctx, port->obj);
    for (int i = 0; i < JS_WORKER_BATCH && !ts->stop && port->watching; i++) {
        if (!js_worker_port_deliver_one(ctx, port))
            break;
    }
    JS_FreeValue(ctx, hold);
}

/* ---------------------------------------------------------------------
 * The parent's side: the worker-done pipe
 * ------------------------------------------------------------------- */
/* the worker's thread ended: whatever it posted is delivered, then the
   port lets go of the worker and of its object */
static void js_worker_finish(JSContext *ctx, JSThreadState *ts, JSWorkerPort *port)
{
    JSValue hold = JS_DupValue(ctx, port->obj);
    while (!ts->stop && js_worker_port_deliver_one(ctx, port))
        continue;
    js_worker_port_close(port);
    js_worker_port_release_obj(JS_GetRuntime(ctx), port);
    JS_FreeValue(ctx, hold);
}

static void js_worker_on_record(JSContext *ctx, JSThreadState *ts, uintptr_t rec)
{
    JSWorker *w = (JSWorker *)(rec & ~JS_WORKER_RECORD_ERROR);
    JSWorkerPort *port = w->parent_port; /* NULL once terminate() closed it */
    JSValue hold;
    if (!(rec & JS_WORKER_RECORD_ERROR)) {
        ts->active_worker_count--;
        if (port)
            js_worker_finish(ctx, ts, port);
        js_worker_unref(w); /* the thread's reference, handed over */
        return;
    }
    /* with onmessage set the port's watcher delivers errors in order */
    if (!port || port->watching)
        return;
    hold = JS_DupValue(ctx, port->obj);
    while (!ts->stop && js_worker_port_deliver_one(ctx, port))
        continue;
    JS_FreeValue(ctx, hold);
}

static void js_worker_on_done_pipe(JSContext *ctx, JSEventWatch *watch)
{
    JSThreadState *ts = watch->opaque;
    uintptr_t recs[64];
    ssize_t r;
    do {
        r = read(ts->worker_done_read_fd, recs, sizeof(recs));
        for (ssize_t i = 0; i < r / (ssize_t)sizeof(recs[0]); i++)
            js_worker_on_record(ctx, ts, recs[i]);
    } while (r == (ssize_t)sizeof(recs) || (r < 0 && errno == EINTR));
}

/* the main thread's worker-done pipe and its watcher, made with the
   first worker */
static int js_worker_open_done_pipe(JSThreadState *ts)
{
    JSEventWatch *watch = &ts->worker_done_watch;
    int fds[2];
    if (ts->worker_done_read_fd >= 0)
        return 0;
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) < 0)
        return -1;
    ts->worker_done_read_fd = fds[0];
    ts->worker_done_write_fd = fds[1];
    watch->fd = fds[0];
    watch->events = POLLIN;
    watch->keep_alive = false; /* active_worker_count keeps the loop alive */
    watch->func = js_worker_on_done_pipe;
    watch->opaque = ts;
    js_eventloop_add_watch(ts, watch);
    return 0;
}

void js_worker_free_ports(JSThreadState *ts)
{
    JSRuntime *rt = ts->rt;
    while (!list_empty(&ts->port_list)) {
        JSWorkerPort *port = list_entry(ts->port_list.next, JSWorkerPort, link);
        js_worker_port_close(port);
        js_worker_port_release_obj(rt, port);
    }
    if (ts->worker_done_read_fd < 0)
        return;
    js_eventloop_remove_watch(ts, &ts->worker_done_watch);
    /* a live worker may still write its record: its fd must not be
       closed under it (and perhaps reused) */
    if (ts->active_worker_count == 0) {
        close(ts->worker_done_read_fd);
        close(ts->worker_done_write_fd);
    }
    ts->worker_done_read_fd = ts->worker_done_write_fd = -1;
}

/* ---------------------------------------------------------------------
 * The worker's side: error reports
 * ------------------------------------------------------------------- */
/* the file and line of the innermost frame of an error's stack text
   ("    at f (file:line:col)" or "    at file:line:col"); *pfile is
   malloc()ed. false when there is no such frame. */
static bool js_worker_stack_location(const char *stack, char **pfile, int *pline)
{
    const char *at = strstr(stack, "\n    at "), *start, *end, *col, *line;
    if (!at)
        return false;
    start = at + 8;
    end = strchr(start, '\n');
    if (!end)
        end = start + strlen(start);
    if (end > start && end[-1] == ')') {
        const char *paren = memrchr(start, '(', end - start);
        if (paren) {
            start = paren + 1;
            end--;
        }
    }
    /* file:line:col, where the file may hold colons itself */
    col = memrchr(start, ':', end - start);
    line = col ? memrchr(start, ':', col - start) : NULL;
    if (!line || line == start)
        return false;
    *pline = atoi(line + 1);
    *pfile = strndup(start, line - start);
    return *pfile != NULL;
}

/* String(v), or the fallback when that throws */
static JSValue js_worker_to_string(JSContext *ctx, JSValueConst v, const char *fallback)
{
    JSValue s = JS_ToString(ctx, v);
    if (JS_IsException(s)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        s = JS_NewString(ctx, fallback);
    }
    return s;
}

/* the error as the main thread would print it, uncaught */
static JSValue js_worker_error_text(JSContext *ctx, JSValueConst error, bool is_rejection)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    JSValue text;
    if (!f)
        return JS_NULL;
    if (is_rejection)
        fputs("Uncaught (in promise) ", f);
    js_std_dump_error1(ctx, error, f);
    fclose(f);
    text = JS_NewStringLen(ctx, buf, size);
    free(buf);
    return text;
}

/* {message, filename, lineno, error, text}: what the parent makes its
   error event from (error is null for a thrown non-Error value; text is
   printed when the parent has no onerror) */
static JSValue js_worker_error_report(JSContext *ctx, JSWorker *w, JSValueConst error,
                                      bool is_rejection)
{
    JSValue report = JS_NewObject(ctx), message, stack;
    bool is_error = JS_IsError(ctx, error);
    char *file = NULL;
    const char *s;
    int line = 0;
    if (JS_IsException(report))
        return report;
    if (is_error) {
        JSValue m = JS_GetPropertyStr(ctx, error, "message");
        message = JS_IsException(m) ? JS_UNDEFINED : m;
        if (JS_IsException(m))
            JS_FreeValue(ctx, JS_GetException(ctx));
        JS_SetPropertyStr(ctx, report, "message", js_worker_to_string(ctx, message, ""));
        JS_FreeValue(ctx, message);
        stack = JS_GetPropertyStr(ctx, error, "stack");
        s = JS_IsString(stack) ? JS_ToCString(ctx, stack) : NULL;
        if (s) {
            js_worker_stack_location(s, &file, &line);
            JS_FreeCString(ctx, s);
        }
        if (JS_IsException(stack))
            JS_FreeValue(ctx, JS_GetException(ctx));
        JS_FreeValue(ctx, stack);
    } else {
        JS_SetPropertyStr(ctx, report, "message",
                          js_worker_to_string(ctx, error, "uncaught exception"));
    }
    JS_SetPropertyStr(ctx, report, "filename", JS_NewString(ctx, file ? file : w->filename));
    free(file);
    JS_SetPropertyStr(ctx, report, "lineno", JS_NewInt32(ctx, line));
    JS_SetPropertyStr(ctx, report, "error", is_error ? JS_DupValue(ctx, error) : JS_NULL);
    JS_SetPropertyStr(ctx, report, "text", js_worker_error_text(ctx, error, is_rejection));
    if (JS_HasException(ctx)) /* out of memory: the report goes as it is */
        JS_FreeValue(ctx, JS_GetException(ctx));
    return report;
}

/* an Error whose message is String(error): stands for an error that
   cannot be cloned */
static JSValue js_worker_substitute_error(JSContext *ctx, JSValueConst error)
{
    JSValue e = JS_NewError(ctx);
    if (!JS_IsException(e))
        JS_SetPropertyStr(ctx, e, "message", js_worker_to_string(ctx, error, "Error"));
    if (JS_HasException(ctx))
        JS_FreeValue(ctx, JS_GetException(ctx));
    return JS_IsException(e) ? JS_NULL : e;
}

/* the error reporter of a worker thread (ts->report_error): the error
   goes to the parent, in order with the messages */
static void js_worker_report_error(JSContext *ctx, JSValueConst error, bool is_rejection,
                                   void *opaque)
{
    JSWorker *w = opaque;
    JSValue report;
    JSWorkerMessage *msg;
    if (js_worker_is_terminated(w) || JS_IsUncatchableError(ctx, error)) {
        js_eventloop_stop(js_get_thread_state(JS_GetRuntime(ctx)));
        return;
    }
    report = js_worker_error_report(ctx, w, error, is_rejection);
    if (JS_IsException(report)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return;
    }
    msg = js_worker_message_write(ctx, JS_WORKER_MSG_ERROR, report, JS_UNDEFINED);
    for (int attempt = 0; !msg && attempt < 2; attempt++) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        JS_SetPropertyStr(ctx, report, "error",
                          attempt == 0 ? js_worker_substitute_error(ctx, error) : JS_NULL);
        msg = js_worker_message_write(ctx, JS_WORKER_MSG_ERROR, report, JS_UNDEFINED);
    }
    if (!msg)
        JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, report);
    if (msg && js_worker_pipe_post(w->to_parent, msg))
        js_worker_write_record(w, JS_WORKER_RECORD_ERROR);
}

/* ---------------------------------------------------------------------
 * The worker's side: the thread
 * ------------------------------------------------------------------- */
static int js_worker_interrupt(JSRuntime *rt, void *opaque)
{
    return js_worker_is_terminated(opaque);
}

/* terminate() wrote to the control pipe */
static void js_worker_on_ctl(JSContext *ctx, JSEventWatch *watch)
{
    JSWorker *w = watch->opaque;
    js_eventloop_drain_fd(watch->fd);
    if (js_worker_is_terminated(w))
        js_eventloop_stop(js_get_thread_state(JS_GetRuntime(ctx)));
}

static void js_worker_report_exception(JSContext *ctx)
{
    JSValue exc = JS_GetException(ctx);
    js_eventloop_report_error(ctx, exc, false);
    JS_FreeValue(ctx, exc);
}

/* evaluates the worker's module: overrideCode under the module's name, or
   the file through the module loader, as an import of the caller would
   find it */
static void js_worker_run_module(JSContext *ctx, JSWorker *w)
{
    JSValue ret;
    if (w->code) {
        ret = JS_Eval(ctx, w->code, w->code_len, w->filename, JS_EVAL_TYPE_MODULE);
    } else {
        JSModuleDef *m = JS_LoadModuleDef(ctx, w->importer ? w->importer : "", w->filename);
        ret = m ? JS_EvalModule(ctx, m) : JS_EXCEPTION;
    }
    if (JS_IsException(ret)) {
        js_worker_report_exception(ctx);
        return;
    }
    if (js_eventloop_track_module(ctx, ret) < 0)
        js_worker_report_exception(ctx);
    JS_FreeValue(ctx, ret);
}

static JSContext *js_worker_new_context(JSRuntime *rt)
{
    JSWorkerNewContextFunc *func = __atomic_load_n(&js_worker_new_context_func, __ATOMIC_ACQUIRE);
    return func ? func(rt) : js_worker_default_context(rt);
}

/* the runtime of a worker thread with its loop, reporting to the parent */
static JSRuntime *js_worker_new_runtime(JSWorker *w)
{
    JSRuntime *rt = JS_NewRuntime();
    JSThreadState *ts;
    if (!rt)
        return NULL;
    if (js_eventloop_init(rt) < 0) {
        JS_FreeRuntime(rt);
        return NULL;
    }
    JS_SetMaxStackSize(rt, JS_WORKER_STACK_SIZE - JS_WORKER_STACK_MARGIN);
    JS_SetCanBlock(rt, true);
    JS_SetInterruptHandler(rt, js_worker_interrupt, w);
    js_std_init_module_loader(rt, NULL);
    ts = js_get_thread_state(rt);
    ts->worker = w;
    ts->report_error = js_worker_report_error;
    ts->report_error_opaque = w;
    w->ctl_watch.fd = w->ctl_read_fd;
    w->ctl_watch.events = POLLIN;
    w->ctl_watch.keep_alive = false;
    w->ctl_watch.func = js_worker_on_ctl;
    w->ctl_watch.opaque = w;
    js_eventloop_add_watch(ts, &w->ctl_watch);
    return rt;
}

/* a worker that could not even get a runtime tells its parent so */
static void js_worker_report_start_failure(JSWorker *w)
{
    JSWorkerMessage *msg =
        js_worker_message_new(JS_WORKER_MSG_ERROR, NULL, 0, NULL, NULL, 0, NULL, 0);
    if (msg && js_worker_pipe_post(w->to_parent, msg))
        js_worker_write_record(w, JS_WORKER_RECORD_ERROR);
}

/* the thread's entry */
static void *worker_func(void *opaque)
{
    JSWorker *w = opaque;
    JSRuntime *rt = js_worker_new_runtime(w);
    JSContext *ctx = rt ? js_worker_new_context(rt) : NULL;
    if (ctx) {
        if (!js_worker_is_terminated(w))
            js_worker_run_module(ctx, w);
        if (!js_worker_is_terminated(w))
            js_eventloop_run(ctx);
    } else {
        js_worker_report_start_failure(w);
    }
    /* module system state, then context, then event loop state, then
       runtime (the module records go with the context) */
    if (ctx)
        JS_FreeContext(ctx);
    if (rt) {
        js_eventloop_remove_watch(js_get_thread_state(rt), &w->ctl_watch);
        js_eventloop_free(rt); /* with the thread's ports (js_worker_free_ports) */
        JS_FreeRuntime(rt);
    }
    /* the parent drops the thread's reference when it reads this */
    js_worker_write_record(w, 0);
    return NULL;
}

/* ---------------------------------------------------------------------
 * The Worker class
 * ------------------------------------------------------------------- */
/* called for objects of our class only: the class id is the object's
   (the thread state, which records it, may be gone by then) */
static JSWorkerPort *js_worker_port_of(JSValueConst val)
{
    return JS_GetOpaque(val, JS_GetClassID(val));
}

static void js_worker_finalizer(JSRuntime *rt, JSValue val)
{
    JSWorkerPort *port = js_worker_port_of(val);
    if (port)
        js_worker_port_free(rt, port);
}

static void js_worker_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSWorkerPort *port = js_worker_port_of(val);
    if (port) {
        JS_MarkValue(rt, port->on_message, mark_func);
        JS_MarkValue(rt, port->on_error, mark_func);
    }
}

static const JSClassDef js_worker_class = {
    .class_name = "Worker",
    .finalizer = js_worker_finalizer,
    .gc_mark = js_worker_mark,
};

static JSWorkerPort *js_worker_get_port(JSContext *ctx, JSValueConst this_val)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    if (!ts || !ts->worker_class_id) {
        JS_ThrowTypeError(ctx, "not a Worker");
        return NULL;
    }
    return JS_GetOpaque2(ctx, this_val, ts->worker_class_id);
}

static JSValue js_worker_post_message(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    JSWorkerPort *port = js_worker_get_port(ctx, this_val);
    JSWorkerMessage *msg;
    if (!port)
        return JS_EXCEPTION;
    /* the other side is gone or going: nothing would read it */
    if (port->closed)
        return JS_UNDEFINED;
    msg = js_worker_message_write(ctx, JS_WORKER_MSG_DATA, argc > 0 ? argv[0] : JS_UNDEFINED,
                                  argc > 1 ? argv[1] : JS_UNDEFINED);
    if (!msg)
        return JS_EXCEPTION;
    js_worker_pipe_post(port->send_pipe, msg);
    return JS_UNDEFINED;
}

/* the parent's worker.terminate(): the worker stops at once, busy or
   idle, and nothing it posts from now on is delivered. On os.Worker.parent
   the worker ends itself once the running callback returns. */
static JSValue js_worker_terminate(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    JSWorkerPort *port = js_worker_get_port(ctx, this_val);
    JSWorker *w;
    static const uint8_t byte = 0;
    if (!port)
        return JS_EXCEPTION;
    if (port->closed)
        return JS_UNDEFINED;
    w = port->worker;
    if (!port->is_parent_side) {
        /* like close() on the web: the current callback completes */
        js_eventloop_stop(port->ts);
        return JS_UNDEFINED;
    }
    __atomic_store_n(&w->terminated, 1, __ATOMIC_RELEASE);
    /* a full control pipe already holds a wake-up */
    while (write(w->ctl_write_fd, &byte, 1) < 0 && errno == EINTR)
        continue;
    js_worker_port_close(port);
    js_worker_port_release_obj(JS_GetRuntime(ctx), port);
    return JS_UNDEFINED;
}

enum { JS_WORKER_ON_MESSAGE, JS_WORKER_ON_ERROR };

static JSValue js_worker_get_handler(JSContext *ctx, JSValueConst this_val, int magic)
{
    JSWorkerPort *port = js_worker_get_port(ctx, this_val);
    if (!port)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, magic == JS_WORKER_ON_MESSAGE ? port->on_message : port->on_error);
}

/* a function, or null/undefined to remove the handler; with onmessage
   the port joins or leaves the event loop */
static JSValue js_worker_set_handler(JSContext *ctx, JSValueConst this_val, JSValueConst val,
                                     int magic)
{
    JSWorkerPort *port = js_worker_get_port(ctx, this_val);
    bool is_func = JS_IsFunction(ctx, val);
    JSValue *slot;
    if (!port)
        return JS_EXCEPTION;
    if (!is_func && !JS_IsNull(val) && !JS_IsUndefined(val))
        return JS_ThrowTypeError(ctx, "Worker.%s must be a function or null",
                                 magic == JS_WORKER_ON_MESSAGE ? "onmessage" : "onerror");
    slot = magic == JS_WORKER_ON_MESSAGE ? &port->on_message : &port->on_error;
    JS_FreeValue(ctx, *slot);
    *slot = is_func ? JS_DupValue(ctx, val) : JS_NULL;
    if (magic == JS_WORKER_ON_MESSAGE)
        js_worker_port_watch(port, is_func && !port->closed);
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_worker_proto_funcs[] = {
    JS_CFUNC_DEF("postMessage", 2, js_worker_post_message),
    JS_CFUNC_DEF("terminate", 0, js_worker_terminate),
    JS_CGETSET_MAGIC_DEF("onmessage", js_worker_get_handler, js_worker_set_handler,
                         JS_WORKER_ON_MESSAGE),
    JS_CGETSET_MAGIC_DEF("onerror", js_worker_get_handler, js_worker_set_handler,
                         JS_WORKER_ON_ERROR),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Worker", JS_PROP_CONFIGURABLE),
};

/* ---------------------------------------------------------------------
 * The constructor (main thread)
 * ------------------------------------------------------------------- */
/* the name of the calling script or module (a js_malloc'ed copy), or
   NULL when no JS function is running */
static char *js_worker_caller_name(JSContext *ctx)
{
    JSAtom atom = JS_GetScriptOrModuleName(ctx, 0);
    const char *s;
    char *name;
    if (atom == JS_ATOM_NULL)
        return NULL;
    s = JS_AtomToCString(ctx, atom);
    JS_FreeAtom(ctx, atom);
    if (!s)
        return NULL;
    name = js_strdup(ctx, s);
    JS_FreeCString(ctx, s);
    return name;
}

/* the absolute path of moduleFilename: a relative one is relative to the
   directory of the calling script or module (not the process's working
   directory, unless the caller has no directory, as -e code) */
static char *js_worker_resolve_filename(JSContext *ctx, const char *name, const char *caller)
{
    const char *slash = caller && name[0] != '/' ? strrchr(caller, '/') : NULL;
    size_t dir_len = slash ? (size_t)(slash - caller + 1) : 0;
    char *cwd = NULL, *path;
    if (name[0] != '/' && (!slash || caller[0] != '/')) {
        cwd = getcwd(NULL, 0);
        if (!cwd) {
            JS_ThrowInternalError(ctx, "Worker: getcwd: %s", strerror(errno));
            return NULL;
        }
    }
    path = malloc((cwd ? strlen(cwd) + 1 : 0) + dir_len + strlen(name) + 1);
    if (!path) {
        free(cwd);
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    sprintf(path, "%s%s%.*s%s", cwd ? cwd : "", cwd ? "/" : "", (int)dir_len,
            slash ? caller : "", name);
    free(cwd);
    js_std_path_normalize(path);
    return path;
}

/* the options {initialData, overrideCode}: a clone of initialData (NULL
   when absent) and a copy of overrideCode; -1 with an exception */
static int js_worker_read_options(JSContext *ctx, JSValueConst options, JSWorkerMessage **pinit,
                                  char **pcode, size_t *pcode_len)
{
    JSValue v;
    *pinit = NULL;
    *pcode = NULL;
    if (JS_IsUndefined(options))
        return 0;
    if (!JS_IsObject(options)) {
        JS_ThrowTypeError(ctx, "Worker options must be an object");
        return -1;
    }
    v = JS_GetPropertyStr(ctx, options, "overrideCode");
    if (JS_IsException(v))
        return -1;
    if (!JS_IsUndefined(v)) {
        const char *s = JS_IsString(v) ? JS_ToCStringLen(ctx, pcode_len, v) : NULL;
        if (s) {
            *pcode = malloc(*pcode_len + 1);
            if (*pcode)
                memcpy(*pcode, s, *pcode_len + 1);
            JS_FreeCString(ctx, s);
        }
        JS_FreeValue(ctx, v);
        if (!*pcode) {
            if (!JS_HasException(ctx) && !s)
                JS_ThrowTypeError(ctx, "Worker option overrideCode must be a string");
            else if (!JS_HasException(ctx))
                JS_ThrowOutOfMemory(ctx);
            return -1;
        }
    }
    v = JS_GetPropertyStr(ctx, options, "initialData");
    if (!JS_IsException(v) && !JS_IsUndefined(v))
        *pinit = js_worker_message_write(ctx, JS_WORKER_MSG_DATA, v, JS_UNDEFINED);
    JS_FreeValue(ctx, v);
    if (JS_IsException(v) || (!JS_IsUndefined(v) && !*pinit)) {
        free(*pcode);
        *pcode = NULL;
        return -1;
    }
    return 0;
}

/* a detached thread with a C stack of JS_WORKER_STACK_SIZE that takes no
   signal (the main thread handles them); 0 or an errno value */
static int js_worker_start_thread(JSWorker *w)
{
    pthread_attr_t attr;
    pthread_t thread;
    sigset_t all, old;
    int r;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, JS_WORKER_STACK_SIZE);
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    r = pthread_create(&thread, &attr, worker_func, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    return r;
}

/* the Worker object and the parent's port, holding it while the thread
   runs */
static JSValue js_worker_new_object(JSContext *ctx, JSThreadState *ts, JSValueConst new_target,
                                    JSWorker *w)
{
    JSValue proto = JS_GetPropertyStr(ctx, new_target, "prototype"), obj;
    JSWorkerPort *port;
    if (JS_IsException(proto))
        return proto;
    obj = JS_NewObjectProtoClass(ctx, proto, ts->worker_class_id);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj))
        return obj;
    port = js_worker_port_new(ts, w, true);
    if (!port) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowOutOfMemory(ctx);
    }
    port->obj = JS_DupValue(ctx, obj);
    port->holds_obj = true;
    w->parent_port = port;
    JS_SetOpaque(obj, port);
    return obj;
}

static JSValue js_worker_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                              JSValueConst *argv)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    JSWorkerMessage *init;
    JSWorker *w;
    const char *name;
    char *code, *filename, *caller;
    size_t code_len = 0;
    JSValue obj;
    int err;
    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Worker constructor requires 'new'");
    if (!ts || ts->worker)
        return JS_ThrowTypeError(ctx, "os.Worker cannot be used inside a worker");
    if (!ts->is_main_thread)
        return JS_ThrowTypeError(ctx, "os.Worker can only be used on the main thread");
    if (argc < 1 || !JS_IsString(argv[0]))
        return JS_ThrowTypeError(ctx, "Worker: moduleFilename must be a string");
    if (js_worker_read_options(ctx, argc > 1 ? argv[1] : JS_UNDEFINED, &init, &code,
                               &code_len) < 0)
        return JS_EXCEPTION;
    name = JS_ToCString(ctx, argv[0]);
    caller = js_worker_caller_name(ctx);
    filename = name ? js_worker_resolve_filename(ctx, name, caller) : NULL;
    if (name)
        JS_FreeCString(ctx, name);
    w = filename ? js_worker_new() : NULL;
    if (!w || js_worker_open_done_pipe(ts) < 0) {
        err = errno;
        if (init)
            js_worker_message_free(init);
        free(code);
        free(filename);
        js_free(ctx, caller);
        if (w)
            js_worker_unref(w);
        if (!filename)
            return JS_EXCEPTION;
        return JS_ThrowInternalError(ctx, "cannot create a worker: %s", strerror(err));
    }
    w->importer = strdup(caller ? caller : "<worker>");
    js_free(ctx, caller);
    w->filename = filename;
    w->code = code;
    w->code_len = code_len;
    w->initial_data = init;
    w->done_write_fd = ts->worker_done_write_fd;
    obj = js_worker_new_object(ctx, ts, new_target, w);
    if (JS_IsException(obj)) {
        js_worker_unref(w);
        return obj;
    }
    err = js_worker_start_thread(w);
    if (err) {
        JSWorkerPort *port = w->parent_port;
        js_worker_port_close(port);
        js_worker_port_release_obj(JS_GetRuntime(ctx), port);
        js_worker_unref(w);
        JS_FreeValue(ctx, obj);
        return JS_ThrowInternalError(ctx, "cannot start a worker thread: %s", strerror(err));
    }
    ts->active_worker_count++;
    return obj;
}

/* ---------------------------------------------------------------------
 * os.Worker for a context
 * ------------------------------------------------------------------- */
/* os.Worker.parent: the worker's end of the pipes (one per thread) */
static JSValue js_worker_parent_object(JSContext *ctx, JSThreadState *ts)
{
    JSWorker *w = ts->worker;
    JSWorkerPort *port;
    JSValue obj;
    if (w->self_port)
        return JS_DupValue(ctx, w->self_port->obj);
    obj = JS_NewObjectClass(ctx, ts->worker_class_id);
    if (JS_IsException(obj))
        return obj;
    port = js_worker_port_new(ts, w, false);
    if (!port) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowOutOfMemory(ctx);
    }
    port->obj = obj; /* not counted: the object owns the port */
    w->self_port = port;
    JS_SetOpaque(obj, port);
    return obj;
}

/* os.Worker.initialData: a new clone each time a context asks */
static JSValue js_worker_initial_data(JSContext *ctx, JSThreadState *ts)
{
    JSWorker *w = ts->worker;
    if (!w || !w->initial_data)
        return JS_UNDEFINED;
    return JS_ReadObject(ctx, w->initial_data->data, w->initial_data->data_len,
                         JS_WORKER_READ_FLAGS);
}

static int js_worker_init_class(JSContext *ctx, JSThreadState *ts)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSClassID id = 0;
    if (ts->worker_class_id)
        return 0;
    JS_NewClassID(rt, &id);
    if (JS_NewClass(rt, id, &js_worker_class) < 0) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    ts->worker_class_id = id;
    return 0;
}

static int js_worker_add_statics(JSContext *ctx, JSThreadState *ts, JSValueConst ctor)
{
    JSValue v;
    if (ts->worker) {
        v = js_worker_parent_object(ctx, ts);
        if (JS_IsException(v) ||
            JS_DefinePropertyValueStr(ctx, ctor, "parent", v, JS_PROP_CONFIGURABLE) < 0)
            return -1;
    }
    v = js_worker_initial_data(ctx, ts);
    if (JS_IsException(v))
        return -1;
    return JS_DefinePropertyValueStr(ctx, ctor, "initialData", v, JS_PROP_CONFIGURABLE);
}

JSValue js_worker_ctor_new(JSContext *ctx)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    JSValue proto, ctor;
    if (!ts)
        return JS_ThrowTypeError(ctx, "os.Worker needs the event loop (js_eventloop_init)");
    if (js_worker_init_class(ctx, ts) < 0)
        return JS_EXCEPTION;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_worker_proto_funcs,
                                   sizeof(js_worker_proto_funcs) /
                                       sizeof(js_worker_proto_funcs[0])) < 0) {
        JS_FreeValue(ctx, proto);
        return JS_EXCEPTION;
    }
    ctor = JS_NewCFunction2(ctx, js_worker_ctor, "Worker", 2, JS_CFUNC_constructor, 0);
    if (JS_IsException(ctor)) {
        JS_FreeValue(ctx, proto);
        return ctor;
    }
    JS_SetConstructor(ctx, ctor, proto);
    JS_SetClassProto(ctx, ts->worker_class_id, proto);
    if (js_worker_add_statics(ctx, ts, ctor) < 0) {
        JS_FreeValue(ctx, ctor);
        return JS_EXCEPTION;
    }
    return ctor;
}
