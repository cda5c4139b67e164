/*
 * atomics_wait.c — the process-wide waiter list of Atomics.wait,
 * Atomics.waitAsync and Atomics.notify.
 *
 * This file holds the engine's only mutable global state, by design
 * (SYSTEM.md): a runtime waiting in Atomics.wait is woken by a notify from
 * another runtime on another thread, so the waiters must be where every
 * runtime can reach them. Everything here is guarded by js_waiter_lock:
 *  - js_waiter_list holds every waiting waiter, oldest first (a notify
 *    wakes in FIFO order per address);
 *  - a synchronous waiter lives on its thread's stack and sleeps on its
 *    own condition variable, so a notify wakes exactly the waiters it
 *    removed;
 *  - an asynchronous waiter (waitAsync) belongs to its runtime: it is also
 *    on rt->async_waiter_list, which only that runtime's thread touches. A
 *    notify from another thread only marks it notified and calls the
 *    host's wake hook; the owning thread resolves the promise in
 *    JS_SettleAtomicsWaiters. A notify from the owning thread settles at
 *    once.
 * The value comparison of a wait happens under the lock, so a notify that
 * follows a store cannot slip between the comparison and the sleep.
 */
#include <math.h>
#include <pthread.h>
#include <time.h>

#include "atomics_wait.h"
#include "atom.h"
#include "error.h"
#include "str.h"

/* how often a blocked wait polls the interrupt handler */
#define JS_WAIT_POLL_MS 20.0

typedef struct JSAtomicsWaiter {
    struct list_head link; /* in js_waiter_list while waiting */
    void *addr;
    bool linked;   /* on js_waiter_list */
    bool notified; /* removed by a notify */
    bool is_async;
    pthread_cond_t cond; /* sync waiters */
    /* async waiters */
    struct list_head rt_link; /* in rt->async_waiter_list */
    JSRuntime *rt;
    JSContext *realm;
    JSValue resolve;
    double deadline; /* monotonic ms; INFINITY without timeout */
} JSAtomicsWaiter;

static pthread_mutex_t js_waiter_lock = PTHREAD_MUTEX_INITIALIZER;
static struct list_head js_waiter_list = LIST_HEAD_INIT(js_waiter_list);

static double js_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int64_t js_wait_load(void *addr, int size)
{
    if (size == 8)
        return __atomic_load_n((int64_t *)addr, __ATOMIC_SEQ_CST);
    return __atomic_load_n((int32_t *)addr, __ATOMIC_SEQ_CST);
}

static void js_waiter_unlink(JSAtomicsWaiter *w)
{
    if (w->linked) {
        list_del(&w->link);
        w->linked = false;
    }
}

/* ---------------------------------------------------------------------
 * Atomics.wait
 * ------------------------------------------------------------------- */
/* sleeps on w->cond until the monotonic time `until` (ms); the lock is
   held on entry and on return */
static void js_wait_until(JSAtomicsWaiter *w, double until)
{
    struct timespec ts;
    double s;
    if (isinf(until)) {
        pthread_cond_wait(&w->cond, &js_waiter_lock);
        return;
    }
    s = floor(until / 1e3);
    ts.tv_sec = (time_t)s;
    ts.tv_nsec = (long)((until - s * 1e3) * 1e6);
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&w->cond, &js_waiter_lock, &ts);
}

/* whether the host wants the waiting code stopped (called unlocked) */
static bool js_wait_interrupted(JSRuntime *rt)
{
    return rt->interrupt_handler && rt->interrupt_handler(rt, rt->interrupt_opaque);
}

int js_atomics_wait_sync(JSRuntime *rt, void *addr, int size, int64_t expected,
                         double timeout_ms)
{
    JSAtomicsWaiter w;
    pthread_condattr_t attr;
    double deadline = js_monotonic_ms() + timeout_ms, until;
    int ret = JS_ATOMICS_WAIT_OK;
    memset(&w, 0, sizeof(w));
    w.addr = addr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w.cond, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_lock(&js_waiter_lock);
    if (js_wait_load(addr, size) != expected) {
        ret = JS_ATOMICS_WAIT_NOT_EQUAL;
        goto done;
    }
    list_add_tail(&w.link, &js_waiter_list);
    w.linked = true;
    while (!w.notified) {
        double now = js_monotonic_ms();
        if (now >= deadline) {
            ret = JS_ATOMICS_WAIT_TIMED_OUT;
            break;
        }
        until = deadline;
        if (rt->interrupt_handler && until > now + JS_WAIT_POLL_MS)
            until = now + JS_WAIT_POLL_MS;
        js_wait_until(&w, until);
        if (!w.notified && rt->interrupt_handler) {
            bool stop;
            pthread_mutex_unlock(&js_waiter_lock);
            stop = js_wait_interrupted(rt);
            pthread_mutex_lock(&js_waiter_lock);
            if (stop && !w.notified) {
                ret = JS_ATOMICS_WAIT_INTERRUPTED;
                break;
            }
        }
    }
    js_waiter_unlink(&w);
done:
    pthread_mutex_unlock(&js_waiter_lock);
    pthread_cond_destroy(&w.cond);
    return ret;
}

/* ---------------------------------------------------------------------
 * Atomics.waitAsync
 * ------------------------------------------------------------------- */
int js_atomics_wait_async(JSContext *ctx, void *addr, int size, int64_t expected,
                          double timeout_ms, JSValueConst resolve)
{
    JSAtomicsWaiter *w = js_mallocz(ctx, sizeof(*w));
    int ret = JS_ATOMICS_WAIT_ASYNC;
    if (!w)
        return -1;
    pthread_mutex_lock(&js_waiter_lock);
    if (js_wait_load(addr, size) != expected) {
        ret = JS_ATOMICS_WAIT_NOT_EQUAL;
    } else if (timeout_ms == 0) {
        ret = JS_ATOMICS_WAIT_TIMED_OUT;
    } else {
        w->addr = addr;
        w->is_async = true;
        w->rt = ctx->rt;
        w->realm = JS_DupContext(ctx);
        w->resolve = JS_DupValue(ctx, resolve);
        w->deadline = js_monotonic_ms() + timeout_ms;
        list_add_tail(&w->link, &js_waiter_list);
        w->linked = true;
        list_add_tail(&w->rt_link, &ctx->rt->async_waiter_list);
    }
    pthread_mutex_unlock(&js_waiter_lock);
    if (ret != JS_ATOMICS_WAIT_ASYNC)
        js_free(ctx, w);
    return ret;
}

static void js_async_waiter_free(JSRuntime *rt, JSAtomicsWaiter *w)
{
    JS_FreeValueRT(rt, w->resolve);
    JS_FreeContext(w->realm);
    js_free_rt(rt, w);
}

/* resolves a settled waiter's promise with "ok" or "timed-out" */
static void js_async_waiter_settle(JSAtomicsWaiter *w, bool ok)
{
    JSContext *ctx = w->realm;
    JSValue s = JS_NewString(ctx, ok ? "ok" : "timed-out"), r;
    if (JS_IsException(s)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
    } else {
        r = JS_Call(ctx, w->resolve, JS_UNDEFINED, 1, &s);
        JS_FreeValue(ctx, s);
        if (JS_IsException(r))
            JS_FreeValue(ctx, JS_GetException(ctx));
        JS_FreeValue(ctx, r);
    }
    js_async_waiter_free(ctx->rt, w);
}

int64_t JS_SettleAtomicsWaiters(JSRuntime *rt)
{
    struct list_head *el, *el1, done;
    double now = js_monotonic_ms(), next = INFINITY;
    bool pending = false;
    init_list_head(&done);
    pthread_mutex_lock(&js_waiter_lock);
    list_for_each_safe(el, el1, &rt->async_waiter_list) {
        JSAtomicsWaiter *w = list_entry(el, JSAtomicsWaiter, rt_link);
        if (w->notified || w->deadline <= now) {
            js_waiter_unlink(w);
            list_del(&w->rt_link);
            list_add_tail(&w->rt_link, &done);
        } else {
            pending = true;
            if (w->deadline < next)
                next = w->deadline;
        }
    }
    pthread_mutex_unlock(&js_waiter_lock);
    list_for_each_safe(el, el1, &done) {
        JSAtomicsWaiter *w = list_entry(el, JSAtomicsWaiter, rt_link);
        js_async_waiter_settle(w, w->notified);
    }
    if (!pending)
        return -1;
    if (isinf(next))
        return INT64_MAX;
    return (int64_t)ceil(next - now);
}

void JS_SetAtomicsWakeFunc(JSRuntime *rt, JSAtomicsWakeFunc *wake, void *opaque)
{
    pthread_mutex_lock(&js_waiter_lock);
    rt->atomics_wake_func = wake;
    rt->atomics_wake_opaque = opaque;
    pthread_mutex_unlock(&js_waiter_lock);
}

void js_atomics_free_waiters(JSRuntime *rt)
{
    struct list_head *el, *el1;
    pthread_mutex_lock(&js_waiter_lock);
    list_for_each(el, &rt->async_waiter_list) {
        js_waiter_unlink(list_entry(el, JSAtomicsWaiter, rt_link));
    }
    pthread_mutex_unlock(&js_waiter_lock);
    list_for_each_safe(el, el1, &rt->async_waiter_list) {
        JSAtomicsWaiter *w = list_entry(el, JSAtomicsWaiter, rt_link);
        list_del(&w->rt_link);
        js_async_waiter_free(rt, w);
    }
}

/* ---------------------------------------------------------------------
 * Atomics.notify
 * ------------------------------------------------------------------- */
int64_t js_atomics_notify(JSContext *ctx, void *addr, int64_t count)
{
    struct list_head *el, *el1;
    int64_t n = 0;
    bool own_async = false;
    pthread_mutex_lock(&js_waiter_lock);
    list_for_each_safe(el, el1, &js_waiter_list) {
        JSAtomicsWaiter *w = list_entry(el, JSAtomicsWaiter, link);
        if (n >= count)
            break;
        if (w->addr != addr)
            continue;
        js_waiter_unlink(w);
        w->notified = true;
        n++;
        if (!w->is_async)
            pthread_cond_signal(&w->cond);
        else if (w->rt == ctx->rt)
            own_async = true;
        else if (w->rt->atomics_wake_func)
            w->rt->atomics_wake_func(w->rt, w->rt->atomics_wake_opaque);
    }
    pthread_mutex_unlock(&js_waiter_lock);
    if (own_async)
        JS_SettleAtomicsWaiters(ctx->rt);
    return n;
}
