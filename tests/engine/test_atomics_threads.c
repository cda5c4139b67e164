/*
 * test_atomics_threads.c — Atomics across real threads: runtimes on
 * different threads sharing one SharedArrayBuffer.
 *
 * The main thread makes a SharedArrayBuffer in its runtime and hands its
 * memory block to worker threads (JS_GetArrayBuffer, then
 * JS_NewArrayBuffer(..., is_shared) in each worker's own runtime, as the
 * engine's SAB hooks share blocks). Cases:
 *  - Atomics.add from several threads at once loses no update;
 *  - Atomics.wait in a worker is woken by Atomics.notify from the main
 *    thread ("ok"), and times out otherwise ("timed-out");
 *  - notify wakes waiters of one address only, up to its count;
 *  - Atomics.waitAsync in a worker is settled by a notify from the main
 *    thread through the wake hook and JS_SettleAtomicsWaiters;
 *  - a worker blocked in Atomics.wait is stopped by its interrupt handler;
 *  - the block outlives the runtime that allocated it.
 * Run under ThreadSanitizer to check the waiter list and the SAB
 * reference counts for races.
 *
 * Prints "test_atomics_threads: N passed, M failed"; exits non-zero on
 * failure.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "weft.h"

#define ADDERS 4
#define ADDS 2000

static int passed, failed;

static void check(bool ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

/* a runtime + context with `i32` bound to an Int32Array over the block */
typedef struct Env {
    JSRuntime *rt;
    JSContext *ctx;
} Env;

static bool env_init(Env *e, uint8_t *block, size_t len)
{
    JSValue buf, arr, global;
    e->rt = JS_NewRuntime();
    e->ctx = e->rt ? JS_NewContext(e->rt) : NULL;
    if (!e->ctx)
        return false;
    buf = JS_NewArrayBuffer(e->ctx, block, len, NULL, NULL, true);
    arr = JS_NewTypedArray(e->ctx, 1, &buf, JS_TYPED_ARRAY_INT32);
    JS_FreeValue(e->ctx, buf);
    if (JS_IsException(arr))
        return false;
    global = JS_GetGlobalObject(e->ctx);
    JS_SetPropertyStr(e->ctx, global, "i32", arr);
    JS_FreeValue(e->ctx, global);
    return true;
}

static void env_free(Env *e)
{
    if (e->ctx)
        JS_FreeContext(e->ctx);
    if (e->rt)
        JS_FreeRuntime(e->rt);
}

/* evaluates src into out as a string, or "exception" */
static void env_eval(Env *e, const char *src, char *out, size_t size)
{
    JSValue v = JS_Eval(e->ctx, src, strlen(src), "<test>", JS_EVAL_TYPE_GLOBAL);
    const char *s;
    if (JS_IsException(v)) {
        JS_FreeValue(e->ctx, JS_GetException(e->ctx));
        snprintf(out, size, "exception");
        return;
    }
    s = JS_ToCString(e->ctx, v);
    snprintf(out, size, "%s", s ? s : "?");
    if (s)
        JS_FreeCString(e->ctx, s);
    JS_FreeValue(e->ctx, v);
}

/* ---------------------------------------------------------------------
 * Worker threads
 * ------------------------------------------------------------------- */
typedef struct Worker {
    pthread_t tid;
    uint8_t *block;
    size_t len;
    const char *src;
    char result[64];
    atomic_bool stop;  /* read by the interrupt handler */
    atomic_bool woken; /* set by the waitAsync wake hook */
} Worker;

static int worker_interrupt(JSRuntime *rt, void *opaque)
{
    return atomic_load(&((Worker *)opaque)->stop);
}

static void *worker_eval(void *arg)
{
    Worker *w = arg;
    Env e;
    if (env_init(&e, w->block, w->len)) {
        JS_SetInterruptHandler(e.rt, worker_interrupt, w);
        env_eval(&e, w->src, w->result, sizeof(w->result));
    } else {
        snprintf(w->result, sizeof(w->result), "no runtime");
    }
    env_free(&e);
    return NULL;
}

static void worker_wake(JSRuntime *rt, void *opaque)
{
    atomic_store(&((Worker *)opaque)->woken, true);
}

/* waitAsync in the worker's runtime, then serve it until it settles */
static void *worker_wait_async(void *arg)
{
    Worker *w = arg;
    Env e;
    JSContext *job_ctx;
    if (!env_init(&e, w->block, w->len)) {
        snprintf(w->result, sizeof(w->result), "no runtime");
        env_free(&e);
        return NULL;
    }
    JS_SetAtomicsWakeFunc(e.rt, worker_wake, w);
    env_eval(&e,
             "var r = Atomics.waitAsync(i32, 3, 0); globalThis.out = 'pending';"
             "r.value.then(function (v) { out = v; }); Atomics.store(i32, 2, 1); r.async",
             w->result, sizeof(w->result));
    if (!strcmp(w->result, "true")) {
        for (int i = 0; i < 5000 && !atomic_load(&w->woken); i++)
            sleep_ms(1);
        JS_SettleAtomicsWaiters(e.rt);
        while (JS_ExecutePendingJob(e.rt, &job_ctx) > 0)
            ;
        env_eval(&e, "out", w->result, sizeof(w->result));
    }
    env_free(&e);
    return NULL;
}

static void worker_start(Worker *w, uint8_t *block, size_t len, const char *src,
                         void *(*fn)(void *))
{
    memset(w, 0, sizeof(*w));
    w->block = block;
    w->len = len;
    w->src = src;
    pthread_create(&w->tid, NULL, fn, w);
}

/* notifies index idx until one waiter was woken (the worker may not be
   waiting yet); returns the number woken */
static int notify_until_woken(Env *main_env, int idx, int count)
{
    char src[64], out[32];
    snprintf(src, sizeof(src), "Atomics.notify(i32, %d, %d)", idx, count);
    for (int i = 0; i < 5000; i++) {
        env_eval(main_env, src, out, sizeof(out));
        if (strcmp(out, "0") != 0)
            return atoi(out);
        sleep_ms(1);
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Cases
 * ------------------------------------------------------------------- */
static void test_adders(uint8_t *block, size_t len, Env *main_env)
{
    Worker w[ADDERS];
    char out[32];
    static const char src[] = "for (var k = 0; k < 2000; k++) Atomics.add(i32, 0, 1); 'done'";
    for (int i = 0; i < ADDERS; i++)
        worker_start(&w[i], block, len, src, worker_eval);
    for (int i = 0; i < ADDERS; i++) {
        pthread_join(w[i].tid, NULL);
        check(!strcmp(w[i].result, "done"), "adder finished");
    }
    env_eval(main_env, "Atomics.load(i32, 0)", out, sizeof(out));
    check(atoi(out) == ADDERS * ADDS, "concurrent Atomics.add lost no update");
}

static void test_wait_notify(uint8_t *block, size_t len, Env *main_env)
{
    Worker w;
    char out[32];
    worker_start(&w, block, len, "Atomics.wait(i32, 1, 0)", worker_eval);
    check(notify_until_woken(main_env, 1, 1) == 1, "notify woke the waiting thread");
    pthread_join(w.tid, NULL);
    check(!strcmp(w.result, "ok"), "Atomics.wait returned ok");

    worker_start(&w, block, len, "Atomics.wait(i32, 1, 0, 50)", worker_eval);
    pthread_join(w.tid, NULL);
    check(!strcmp(w.result, "timed-out"), "Atomics.wait timed out");

    env_eval(main_env, "Atomics.store(i32, 1, 7)", out, sizeof(out));
    worker_start(&w, block, len, "Atomics.wait(i32, 1, 0)", worker_eval);
    pthread_join(w.tid, NULL);
    check(!strcmp(w.result, "not-equal"), "Atomics.wait saw another value");
    env_eval(main_env, "Atomics.store(i32, 1, 0)", out, sizeof(out));
}

/* two waiters on index 4, one on index 5: notify(4, 1) twice, then 5 */
static void test_notify_count(uint8_t *block, size_t len, Env *main_env)
{
    Worker a, b, c;
    char out[32];
    worker_start(&a, block, len, "Atomics.wait(i32, 4, 0)", worker_eval);
    worker_start(&b, block, len, "Atomics.wait(i32, 4, 0)", worker_eval);
    worker_start(&c, block, len, "Atomics.wait(i32, 5, 0)", worker_eval);
    sleep_ms(50);
    env_eval(main_env, "Atomics.notify(i32, 6)", out, sizeof(out));
    check(!strcmp(out, "0"), "nobody waits on index 6");
    check(notify_until_woken(main_env, 4, 1) == 1, "count 1 woke one waiter of index 4");
    check(notify_until_woken(main_env, 4, 5) == 1, "then the other one of index 4");
    check(notify_until_woken(main_env, 5, 5) == 1, "and the waiter of index 5");
    pthread_join(a.tid, NULL);
    pthread_join(b.tid, NULL);
    pthread_join(c.tid, NULL);
    check(!strcmp(a.result, "ok") && !strcmp(b.result, "ok") && !strcmp(c.result, "ok"),
          "all three woke with ok");
}

static void test_wait_async(uint8_t *block, size_t len, Env *main_env)
{
    Worker w;
    char out[32];
    worker_start(&w, block, len, NULL, worker_wait_async);
    /* the worker sets i32[2] once its waiter is registered */
    for (int i = 0; i < 5000; i++) {
        env_eval(main_env, "Atomics.load(i32, 2)", out, sizeof(out));
        if (!strcmp(out, "1"))
            break;
        sleep_ms(1);
    }
    env_eval(main_env, "Atomics.notify(i32, 3)", out, sizeof(out));
    check(!strcmp(out, "1"), "notify counted the async waiter of another thread");
    pthread_join(w.tid, NULL);
    check(!strcmp(w.result, "ok"), "the waitAsync promise resolved with ok");
}

static void test_interrupt(uint8_t *block, size_t len)
{
    Worker w;
    worker_start(&w, block, len, "try { Atomics.wait(i32, 7, 0); 'caught?' } catch (e) { 'caught' }",
                 worker_eval);
    sleep_ms(50);
    atomic_store(&w.stop, true);
    pthread_join(w.tid, NULL);
    check(!strcmp(w.result, "exception"), "the interrupt handler stopped a blocked wait");
}

/* a block made by one runtime, used after that runtime is gone */
static void test_block_lifetime(void)
{
    Env a, b;
    uint8_t *block;
    size_t len = 0;
    char out[32];
    JSValue sab;
    static const char src[] = "var s = new SharedArrayBuffer(8); new Int32Array(s)[1] = 5; s";
    a.rt = JS_NewRuntime();
    a.ctx = JS_NewContext(a.rt);
    sab = JS_Eval(a.ctx, src, strlen(src), "<test>", JS_EVAL_TYPE_GLOBAL);
    block = JS_GetArrayBuffer(a.ctx, &len, sab);
    check(block && len == 8, "JS_GetArrayBuffer of a SharedArrayBuffer");
    b.rt = NULL;
    b.ctx = NULL;
    if (block && env_init(&b, block, len)) {
        JS_FreeValue(a.ctx, sab);
        env_free(&a);
        env_eval(&b, "i32[1]", out, sizeof(out));
        check(!strcmp(out, "5"), "the block outlived its first runtime");
    } else {
        JS_FreeValue(a.ctx, sab);
        env_free(&a);
    }
    env_free(&b);
}

int main(void)
{
    Env main_env;
    JSValue sab;
    uint8_t *block;
    size_t len = 0;
    main_env.rt = JS_NewRuntime();
    main_env.ctx = JS_NewContext(main_env.rt);
    static const char src[] = "new SharedArrayBuffer(64)";
    sab = JS_Eval(main_env.ctx, src, strlen(src), "<test>", JS_EVAL_TYPE_GLOBAL);
    block = JS_GetArrayBuffer(main_env.ctx, &len, sab);
    {
        JSValue global = JS_GetGlobalObject(main_env.ctx);
        JSValue arr = JS_NewTypedArray(main_env.ctx, 1, &sab, JS_TYPED_ARRAY_INT32);
        JS_SetPropertyStr(main_env.ctx, global, "i32", arr);
        JS_FreeValue(main_env.ctx, global);
    }
    test_adders(block, len, &main_env);
    test_wait_notify(block, len, &main_env);
    test_notify_count(block, len, &main_env);
    test_wait_async(block, len, &main_env);
    test_interrupt(block, len);
    test_block_lifetime();
    JS_FreeValue(main_env.ctx, sab);
    env_free(&main_env);
    printf("test_atomics_threads: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
