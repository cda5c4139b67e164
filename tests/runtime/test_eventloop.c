/*
 * test_eventloop.c — the event loop driven through its C API
 * (js_eventloop_*, eventloop.h), the way an embedder and worker.c use it:
 *
 *  - the main-thread role: the first runtime on the process's main thread
 *    holds it until freed; runtimes on other threads never do;
 *  - a C watcher on a pipe fires when a timer writes to it; a keep-alive
 *    watcher keeps the loop running until its callback removes it;
 *    js_eventloop_stop ends the run from a callback;
 *  - os.setReadHandler on a pipe, removed by the handler itself;
 *  - os.signal: SIGUSR1 sent to the process reaches the JS handler
 *    through the signal pipe; os.signal throws on another thread;
 *  - Atomics.waitAsync on the main runtime, notified by a runtime on
 *    another thread: the wake pipe ends the poll and the promise settles;
 *  - error reporting: a throwing timer and an unhandled rejection reach a
 *    custom reporter once each, the loop goes on, js_eventloop_run
 *    returns -1; the default reporter sets the exit code to 1;
 *  - quickjs:cmdline on a non-main runtime throws, with the message of
 *    each function.
 *
 * Prints "test_eventloop: N passed, M failed"; exits non-zero on failure.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventloop.h"
#include "modules.h"

static int passed, failed;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (cond) {                                                                       \
            passed++;                                                                     \
        } else {                                                                          \
            failed++;                                                                     \
            printf("test_eventloop.c:%d: FAIL %s\n", __LINE__, #cond);                    \
        }                                                                                 \
    } while (0)

/* ---------------------------------------------------------------------
 * A runtime with the loop, timers, the os event functions on an `os`
 * global and a few C helpers
 * ------------------------------------------------------------------- */
static JSValue h_write_fd(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int fd;
    const char *s;
    ssize_t r;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0 || !(s = JS_ToCString(ctx, argv[1])))
        return JS_EXCEPTION;
    r = write(fd, s, strlen(s));
    JS_FreeCString(ctx, s);
    return JS_NewInt32(ctx, (int)r);
}

static JSValue h_read_fd(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    char buf[256];
    int fd;
    ssize_t r;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0)
        return JS_EXCEPTION;
    r = read(fd, buf, sizeof(buf) - 1);
    buf[r > 0 ? r : 0] = '\0';
    return JS_NewString(ctx, buf);
}

static JSValue h_kill_self(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int sig;
    if (JS_ToInt32(ctx, &sig, argv[0]) < 0)
        return JS_EXCEPTION;
    kill(getpid(), sig);
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry helper_funcs[] = {
    JS_CFUNC_DEF("writeFd", 2, h_write_fd),
    JS_CFUNC_DEF("readFd", 1, h_read_fd),
    JS_CFUNC_DEF("killSelf", 1, h_kill_self),
};

static JSModuleDef *test_loader(JSContext *ctx, const char *name, void *opaque)
{
    if (!strcmp(name, "quickjs:cmdline"))
        return js_init_module_cmdline(ctx, name);
    if (!strcmp(name, "quickjs:timers"))
        return js_init_module_timers(ctx, name);
    JS_ThrowReferenceError(ctx, "no module '%s'", name);
    return NULL;
}

static JSContext *new_ctx(JSRuntime *rt)
{
    JSContext *ctx = JS_NewContext(rt);
    JSValue global = JS_GetGlobalObject(ctx), os = JS_NewObject(ctx);
    JS_SetPropertyFunctionList(ctx, os, js_os_event_funcs, js_os_event_funcs_count);
    JS_SetPropertyStr(ctx, global, "os", os);
    JS_SetPropertyFunctionList(ctx, global, helper_funcs,
                               sizeof(helper_funcs) / sizeof(helper_funcs[0]));
    js_timers_add_globals(ctx);
    JS_FreeValue(ctx, global);
    return ctx;
}

static JSRuntime *new_rt(void)
{
    JSRuntime *rt = JS_NewRuntime();
    js_eventloop_init(rt);
    JS_SetModuleLoaderFunc(rt, NULL, test_loader, NULL);
    return rt;
}

static void free_rt(JSContext *ctx)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JS_FreeContext(ctx);
    js_eventloop_free(rt);
    JS_FreeRuntime(rt);
}

/* evaluates a script (0, or -1 printing the error) */
static int eval(JSContext *ctx, const char *src)
{
    JSValue r = JS_Eval(ctx, src, strlen(src), "<test>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(r)) {
        js_std_dump_error(ctx, stdout);
        return -1;
    }
    JS_FreeValue(ctx, r);
    return 0;
}

/* the value of a global expression as a C string compared with want */
static bool eval_is(JSContext *ctx, const char *expr, const char *want)
{
    JSValue r = JS_Eval(ctx, expr, strlen(expr), "<check>", JS_EVAL_TYPE_GLOBAL);
    const char *s = JS_IsException(r) ? NULL : JS_ToCString(ctx, r);
    bool ok = s && !strcmp(s, want);
    if (!ok)
        printf("  %s: got '%s', want '%s'\n", expr, s ? s : "(exception)", want);
    if (s)
        JS_FreeCString(ctx, s);
    if (JS_IsException(r))
        JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, r);
    return ok;
}

static void set_int(JSContext *ctx, const char *name, int v)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JS_SetPropertyStr(ctx, global, name, JS_NewInt32(ctx, v));
    JS_FreeValue(ctx, global);
}

/* ---------------------------------------------------------------------
 * The main-thread role
 * ------------------------------------------------------------------- */
static void *thread_is_main(void *arg)
{
    JSRuntime *rt = new_rt();
    *(bool *)arg = js_eventloop_is_main_thread(rt);
    js_eventloop_free(rt);
    JS_FreeRuntime(rt);
    return NULL;
}

static void test_main_thread(void)
{
    JSRuntime *a = new_rt(), *b = new_rt(), *c;
    pthread_t th;
    bool other = true;
    CHECK(js_eventloop_is_main_thread(a));
    CHECK(!js_eventloop_is_main_thread(b));
    pthread_create(&th, NULL, thread_is_main, &other);
    pthread_join(th, NULL);
    CHECK(!other);
    js_eventloop_free(a);
    JS_FreeRuntime(a);
    c = new_rt();
    CHECK(js_eventloop_is_main_thread(c));
    js_eventloop_free(b);
    JS_FreeRuntime(b);
    js_eventloop_free(c);
    JS_FreeRuntime(c);
}

/* ---------------------------------------------------------------------
 * C watchers
 * ------------------------------------------------------------------- */
typedef struct {
    JSEventWatch w;
    JSThreadState *ts;
    int calls;
    char data[64];
} TestWatch;

static void on_data(JSContext *ctx, JSEventWatch *w)
{
    TestWatch *t = w->opaque;
    ssize_t r = read(w->fd, t->data, sizeof(t->data) - 1);
    t->data[r > 0 ? r : 0] = '\0';
    t->calls++;
    js_eventloop_remove_watch(t->ts, w);
}

static void test_watchers(void)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    JSThreadState *ts = js_get_thread_state(rt);
    TestWatch t;
    memset(&t, 0, sizeof(t));
    int fds[2];
    CHECK(pipe(fds) == 0);
    t.ts = ts;
    t.w.fd = fds[0];
    t.w.events = POLLIN;
    t.w.keep_alive = true;
    t.w.func = on_data;
    t.w.opaque = &t;
    js_eventloop_add_watch(ts, &t.w);
    set_int(ctx, "wfd", fds[1]);
    /* the keep-alive watcher keeps the loop waiting until the timer wrote */
    CHECK(eval(ctx, "setTimeout(() => writeFd(wfd, 'ping'), 20);") == 0);
    CHECK(js_eventloop_run(ctx) == 0);
    CHECK(t.calls == 1);
    CHECK(!strcmp(t.data, "ping"));
    close(fds[0]);
    close(fds[1]);
    free_rt(ctx);
}

static void on_stop(JSContext *ctx, JSEventWatch *w)
{
    TestWatch *t = w->opaque;
    char c;
    t->calls += read(w->fd, &c, 1) == 1;
    js_eventloop_stop(t->ts);
}

static void test_stop(void)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    JSThreadState *ts = js_get_thread_state(rt);
    TestWatch t;
    memset(&t, 0, sizeof(t));
    int fds[2];
    CHECK(pipe(fds) == 0);
    t.ts = ts;
    t.w.fd = fds[0];
    t.w.events = POLLIN;
    t.w.func = on_stop;
    t.w.opaque = &t;
    js_eventloop_add_watch(ts, &t.w);
    set_int(ctx, "wfd", fds[1]);
    /* the interval would run forever: the stop ends the run */
    CHECK(eval(ctx, "var ticks = 0; setInterval(() => ticks++, 1);"
                    "setTimeout(() => writeFd(wfd, 'x'), 15);") == 0);
    CHECK(js_eventloop_run(ctx) == 0);
    CHECK(t.calls == 1);
    CHECK(eval_is(ctx, "ticks > 0", "true"));
    js_eventloop_remove_watch(ts, &t.w);
    close(fds[0]);
    close(fds[1]);
    free_rt(ctx);
}

/* ---------------------------------------------------------------------
 * os.setReadHandler and os.signal
 * ------------------------------------------------------------------- */
static void test_read_handler(void)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    int fds[2];
    CHECK(pipe(fds) == 0);
    set_int(ctx, "rfd", fds[0]);
    set_int(ctx, "wfd", fds[1]);
    CHECK(eval(ctx, "var got = [];"
                    "os.setReadHandler(rfd, () => {"
                    "    got.push(readFd(rfd));"
                    "    if (got.length === 2) os.setReadHandler(rfd, null);"
                    "});"
                    "setTimeout(() => writeFd(wfd, 'one'), 5);"
                    "setTimeout(() => writeFd(wfd, 'two'), 30);") == 0);
    CHECK(js_eventloop_run(ctx) == 0);
    CHECK(eval_is(ctx, "got.join()", "one,two"));
    CHECK(eval_is(ctx, "try { os.setReadHandler(-1, () => 0) } catch (e) { e.name }",
                  "RangeError"));
    CHECK(eval_is(ctx, "try { os.setWriteHandler(1, 5) } catch (e) { e.name }", "TypeError"));
    /* a write handler on a pipe with room fires at once */
    CHECK(eval(ctx, "var writable = 0;"
                    "os.setWriteHandler(wfd, () => { writable++; os.setWriteHandler(wfd, null); });")
          == 0);
    CHECK(js_eventloop_run(ctx) == 0);
    CHECK(eval_is(ctx, "writable", "1"));
    close(fds[0]);
    close(fds[1]);
    free_rt(ctx);
}

static void *thread_signal(void *arg)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    *(bool *)arg = eval_is(ctx, "try { os.signal(10, () => 0); 'no' } catch (e) { e.message }",
                           "os.signal can only be called from the main thread");
    free_rt(ctx);
    return NULL;
}

static void test_signal(void)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    pthread_t th;
    bool ok = false;
    set_int(ctx, "SIGUSR1", SIGUSR1);
    CHECK(eval(ctx, "var sigs = [];"
                    "os.signal(SIGUSR1, (n) => { sigs.push(n); os.signal(SIGUSR1, null); });"
                    "setTimeout(() => killSelf(SIGUSR1), 5);") == 0);
    CHECK(js_eventloop_run(ctx) == 0);
    CHECK(eval_is(ctx, "sigs.join() === String(SIGUSR1)", "true"));
    CHECK(eval_is(ctx, "try { os.signal(99, null) } catch (e) { e.name }", "RangeError"));
    pthread_create(&th, NULL, thread_signal, &ok);
    pthread_join(th, NULL);
    CHECK(ok);
    free_rt(ctx);
}

/* ---------------------------------------------------------------------
 * Atomics.waitAsync woken from another thread
 * ------------------------------------------------------------------- */
/* the notifier thread and what it did */
static struct {
    pthread_t thread;
    uint8_t *sab;
    size_t len;
    int notified;
} notifier;

static void *thread_notify(void *arg)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = JS_NewContext(rt);
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue sab = JS_NewArrayBuffer(ctx, notifier.sab, notifier.len, NULL, NULL, true);
    const char *src = "Atomics.store(new Int32Array(sab), 0, 1);"
                      "Atomics.notify(new Int32Array(sab), 0)";
    JSValue r;
    /* the main loop is blocked in poll by now */
    usleep(30 * 1000);
    JS_SetPropertyStr(ctx, global, "sab", sab);
    r = JS_Eval(ctx, src, strlen(src), "<notify>", JS_EVAL_TYPE_GLOBAL);
    JS_ToInt32(ctx, &notifier.notified, r);
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, global);
    free_rt(ctx);
    return NULL;
}

static JSValue h_start_notifier(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    notifier.sab = JS_GetArrayBuffer(ctx, &notifier.len, argv[0]);
    notifier.notified = -1;
    pthread_create(&notifier.thread, NULL, thread_notify, NULL);
    return JS_UNDEFINED;
}

static void test_wait_async(void)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    JSValue global = JS_GetGlobalObject(ctx);
    JS_SetPropertyStr(ctx, global, "startNotifier",
                      JS_NewCFunction(ctx, h_start_notifier, "startNotifier", 1));
    JS_FreeValue(ctx, global);
    CHECK(eval(ctx, "var sab = new SharedArrayBuffer(16), ia = new Int32Array(sab);"
                    "var result = 'none';"
                    "Atomics.waitAsync(ia, 0, 0).value.then(v => { result = v + ':' + ia[0]; });"
                    "startNotifier(sab);") == 0);
    /* only the pending waiter keeps the loop alive */
    CHECK(js_eventloop_run(ctx) == 0);
    pthread_join(notifier.thread, NULL);
    CHECK(notifier.notified == 1);
    CHECK(eval_is(ctx, "result", "ok:1"));
    free_rt(ctx);
}

/* ---------------------------------------------------------------------
 * Error reporting
 * ------------------------------------------------------------------- */
typedef struct {
    int thrown, rejected;
    char last[128];
} Reports;

static void collect_error(JSContext *ctx, JSValueConst error, bool is_rejection, void *opaque)
{
    Reports *r = opaque;
    const char *s = JS_ToCString(ctx, error);
    if (is_rejection)
        r->rejected++;
    else
        r->thrown++;
    snprintf(r->last, sizeof(r->last), "%s", s ? s : "?");
    JS_FreeCString(ctx, s);
}

static void test_reporter(void)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    JSThreadState *ts = js_get_thread_state(rt);
    Reports r = {0};
    ts->report_error = collect_error;
    ts->report_error_opaque = &r;
    CHECK(eval(ctx, "var after = 0;"
                    "setTimeout(() => { throw new TypeError('t1'); }, 1);"
                    "setTimeout(() => { Promise.reject(new RangeError('r1')); }, 5);"
                    "setTimeout(() => { after++; }, 10);") == 0);
    CHECK(js_eventloop_run(ctx) == -1);
    CHECK(r.thrown == 1);
    CHECK(r.rejected == 1);
    CHECK(!strcmp(r.last, "RangeError: r1"));
    CHECK(eval_is(ctx, "after", "1"));
    free_rt(ctx);
}

/* the default reporter prints, stops the loop and makes the status 1 */
static void test_default_reporter(void)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    fflush(stdout);
    CHECK(eval(ctx, "var after = 0;"
                    "setTimeout(() => { throw new Error('expected by test_eventloop'); }, 1);"
                    "setTimeout(() => { after++; }, 10);") == 0);
    CHECK(js_std_get_exit_code(rt) == 0);
    CHECK(js_eventloop_run(ctx) == -1);
    CHECK(js_std_get_exit_code(rt) == 1);
    CHECK(eval_is(ctx, "after", "0"));
    free_rt(ctx);
}

/* ---------------------------------------------------------------------
 * quickjs:cmdline away from the main thread
 * ------------------------------------------------------------------- */
static const char *cmdline_check =
    "import * as cmdline from 'quickjs:cmdline';\n"
    "globalThis.msgs = ['exit', 'getExitCode', 'setExitCode'].map(f => {\n"
    "    try { cmdline[f](0); return 'returned'; } catch (e) { return e.message; }\n"
    "}).join('|');\n";

static void *thread_cmdline(void *arg)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    JSValue p = JS_Eval(ctx, cmdline_check, strlen(cmdline_check), "w.mjs", JS_EVAL_TYPE_MODULE);
    JS_FreeValue(ctx, p);
    js_eventloop_run(ctx);
    *(bool *)arg = eval_is(ctx, "msgs",
                           "cmdline.exit can only be called from the main thread|"
                           "cmdline.getExitCode can only be called from the main thread|"
                           "cmdline.setExitCode can only be called from the main thread");
    free_rt(ctx);
    return NULL;
}

static void test_cmdline(void)
{
    JSRuntime *rt = new_rt();
    JSContext *ctx = new_ctx(rt);
    const char *src = "import { setExitCode, getExitCode, scriptArgs } from 'quickjs:cmdline';\n"
                      "setExitCode(7); globalThis.code = getExitCode();\n"
                      "globalThis.args = scriptArgs.join();\n";
    char *argv[] = {"a.js", "x"};
    pthread_t th;
    bool ok = false;
    JSValue p;
    js_std_set_script_args(rt, 2, argv);
    p = JS_Eval(ctx, src, strlen(src), "m.mjs", JS_EVAL_TYPE_MODULE);
    JS_FreeValue(ctx, p);
    CHECK(js_eventloop_run(ctx) == 0);
    CHECK(eval_is(ctx, "code", "7"));
    CHECK(eval_is(ctx, "args", "a.js,x"));
    CHECK(js_std_get_exit_code(rt) == 7);
    pthread_create(&th, NULL, thread_cmdline, &ok);
    pthread_join(th, NULL);
    CHECK(ok);
    free_rt(ctx);
}

int main(void)
{
    test_main_thread();
    test_watchers();
    test_stop();
    test_read_handler();
    test_signal();
    test_wait_async();
    test_reporter();
    test_default_reporter();
    test_cmdline();
    printf("test_eventloop: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
