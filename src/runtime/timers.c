/*
 * timers.c — setTimeout, setInterval and sleepAsync: the quickjs:timers
 * module, the timer globals, and the timer functions of quickjs:os.
 *
 * A timer handle is a positive integer id, unique in its thread, as in
 * quickjs-ng and the browsers (clearTimeout and clearInterval share the
 * ids; an unknown id or a non-number is ignored). Delays are milliseconds
 * (fractions kept): NaN and negative delays count as 0, delays above
 * 2^31-1 as 2^31-1; an interval repeats at least 1 ms apart so that it
 * cannot starve the rest of the loop. Timers due at the same time fire in
 * the order they were created. Extra arguments of setTimeout/setInterval
 * are passed to the callback, as on the web.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "eventloop.h"
#include "modules.h"

#define JS_TIMER_MAX_DELAY_MS 2147483647.0

typedef struct JSTimer {
    struct list_head link; /* in timer_list, by deadline, then creation */
    int64_t id;
    int64_t deadline; /* js_eventloop_now_us() */
    int64_t interval; /* microseconds; 0 for a one-shot timer */
    bool cleared;     /* cleared while its own callback ran */
    JSContext *ctx;
    JSValue func;
    int argc;
    JSValue argv[];
} JSTimer;

static JSThreadState *js_timers_state(JSContext *ctx)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    if (!ts)
        JS_ThrowPlainError(ctx, "timers need an event loop (js_eventloop_init)");
    return ts;
}

/* after the timers due at the same time or earlier: equal deadlines keep
   their creation order */
static void js_timer_insert(JSThreadState *ts, JSTimer *t)
{
    struct list_head *el = ts->timer_list.prev;
    while (el != &ts->timer_list && list_entry(el, JSTimer, link)->deadline > t->deadline)
        el = el->prev;
    list_link_between(&t->link, el, el->next);
}

static void js_timer_free(JSRuntime *rt, JSTimer *t)
{
    JS_FreeValueRT(rt, t->func);
    for (int i = 0; i < t->argc; i++)
        JS_FreeValueRT(rt, t->argv[i]);
    JS_FreeContext(t->ctx);
    free(t);
}

/* the delay argument in microseconds (-1 with an exception) */
static int64_t js_timer_delay(JSContext *ctx, JSValueConst val)
{
    double ms = 0;
    if (!JS_IsUndefined(val) && JS_ToFloat64(ctx, &ms, val) < 0)
        return -1;
    if (isnan(ms) || ms < 0)
        ms = 0;
    if (ms > JS_TIMER_MAX_DELAY_MS)
        ms = JS_TIMER_MAX_DELAY_MS;
    return (int64_t)(ms * 1000);
}

/* a new timer calling func(...argv) after delay microseconds; its id */
static JSValue js_timer_start(JSContext *ctx, JSValueConst func, int64_t delay, bool repeat,
                              int argc, JSValueConst *argv)
{
    JSThreadState *ts = js_timers_state(ctx);
    JSTimer *t;
    if (!ts)
        return JS_EXCEPTION;
    t = malloc(sizeof(*t) + argc * sizeof(JSValue));
    if (!t)
        return JS_ThrowOutOfMemory(ctx);
    t->id = ts->next_timer_id++;
    t->interval = repeat ? (delay < 1000 ? 1000 : delay) : 0;
    t->deadline = js_eventloop_now_us() + delay;
    t->cleared = false;
    t->ctx = JS_DupContext(ctx);
    t->func = JS_DupValue(ctx, func);
    t->argc = argc;
    for (int i = 0; i < argc; i++)
        t->argv[i] = JS_DupValue(ctx, argv[i]);
    js_timer_insert(ts, t);
    return JS_NewInt64(ctx, t->id);
}

/* setTimeout(func, delay, ...args) and setInterval (magic) */
JSValue js_timers_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                      int magic)
{
    const char *name = magic == JS_TIMER_INTERVAL ? "setInterval" : "setTimeout";
    int64_t delay;
    if (argc < 1 || !JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "%s: the callback must be a function", name);
    delay = js_timer_delay(ctx, argc > 1 ? argv[1] : JS_UNDEFINED);
    if (delay < 0)
        return JS_EXCEPTION;
    return js_timer_start(ctx, argv[0], delay, magic == JS_TIMER_INTERVAL,
                          argc > 2 ? argc - 2 : 0, argv + 2);
}

/* clearTimeout(id) and clearInterval(id) */
JSValue js_timers_clear(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    struct list_head *el;
    double d;
    int64_t id;
    if (!ts || argc < 1 || !JS_IsNumber(argv[0]) || JS_ToFloat64(ctx, &d, argv[0]) < 0 ||
        !(d >= 1 && d < 9007199254740992.0))
        return JS_UNDEFINED;
    id = (int64_t)d;
    if (ts->firing_timer && ts->firing_timer->id == id) {
        ts->firing_timer->cleared = true;
        return JS_UNDEFINED;
    }
    list_for_each(el, &ts->timer_list) {
        JSTimer *t = list_entry(el, JSTimer, link);
        if (t->id == id) {
            list_del(&t->link);
            js_timer_free(JS_GetRuntime(ctx), t);
            break;
        }
    }
    return JS_UNDEFINED;
}

/* sleepAsync(ms): a promise fulfilled (with undefined) after ms */
JSValue js_timers_sleep_async(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    JSValue funcs[2], promise, id;
    int64_t delay = js_timer_delay(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (delay < 0)
        return JS_EXCEPTION;
    promise = JS_NewPromiseCapability(ctx, funcs);
    if (JS_IsException(promise))
        return promise;
    id = js_timer_start(ctx, funcs[0], delay, false, 0, NULL);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (JS_IsException(id)) {
        JS_FreeValue(ctx, promise);
        return id;
    }
    return promise;
}

/* ---------------------------------------------------------------------
 * The loop's side
 * ------------------------------------------------------------------- */
int js_timers_poll_timeout(JSThreadState *ts)
{
    int64_t wait;
    if (list_empty(&ts->timer_list))
        return -1;
    wait = list_entry(ts->timer_list.next, JSTimer, link)->deadline - js_eventloop_now_us();
    if (wait <= 0)
        return 0;
    /* rounded up: poll must not return before the deadline */
    return (int)((wait + 999) / 1000);
}

static void js_timer_fire(JSThreadState *ts, JSTimer *t)
{
    list_del(&t->link);
    ts->firing_timer = t;
    js_eventloop_call(t->ctx, t->func, t->argc, t->argv);
    ts->firing_timer = NULL;
    if (t->interval && !t->cleared) {
        t->deadline = js_eventloop_now_us() + t->interval;
        js_timer_insert(ts, t);
    } else {
        js_timer_free(ts->rt, t);
    }
}

/* fires the timers due now, each as its own macrotask. A timer created by
   one of these callbacks waits for the next turn even when its delay is 0
   (its id is past the ones that existed when the turn began). */
void js_timers_run_expired(JSThreadState *ts)
{
    int64_t now = js_eventloop_now_us(), first_new_id = ts->next_timer_id;
    while (!ts->stop && !list_empty(&ts->timer_list)) {
        JSTimer *t = list_entry(ts->timer_list.next, JSTimer, link);
        if (t->deadline > now || t->id >= first_new_id)
            break;
        js_timer_fire(ts, t);
    }
}

void js_timers_free_all(JSThreadState *ts)
{
    while (!list_empty(&ts->timer_list)) {
        JSTimer *t = list_entry(ts->timer_list.next, JSTimer, link);
        list_del(&t->link);
        js_timer_free(ts->rt, t);
    }
}

/* ---------------------------------------------------------------------
 * The module, the globals and quickjs:os
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_timers_funcs[] = {
    JS_CFUNC_MAGIC_DEF("setTimeout", 2, js_timers_set, JS_TIMER_TIMEOUT),
    JS_CFUNC_DEF("clearTimeout", 1, js_timers_clear),
    JS_CFUNC_MAGIC_DEF("setInterval", 2, js_timers_set, JS_TIMER_INTERVAL),
    JS_CFUNC_DEF("clearInterval", 1, js_timers_clear),
    JS_CFUNC_DEF("sleepAsync", 1, js_timers_sleep_async),
};

/* the globals: the same functions without sleepAsync */
#define JS_TIMERS_GLOBAL_COUNT 4

static int js_timers_module_init(JSContext *ctx, JSModuleDef *m)
{
    return JS_SetModuleExportList(ctx, m, js_timers_funcs,
                                  sizeof(js_timers_funcs) / sizeof(js_timers_funcs[0]));
}

JSModuleDef *js_init_module_timers(JSContext *ctx, const char *name)
{
    JSModuleDef *m = JS_NewCModule(ctx, name, js_timers_module_init);
    if (!m)
        return NULL;
    if (JS_AddModuleExportList(ctx, m, js_timers_funcs,
                               sizeof(js_timers_funcs) / sizeof(js_timers_funcs[0])) < 0)
        return NULL;
    return m;
}

int js_timers_add_globals(JSContext *ctx)
{
    JSValue global = JS_GetGlobalObject(ctx);
    int ret = JS_SetPropertyFunctionList(ctx, global, js_timers_funcs, JS_TIMERS_GLOBAL_COUNT);
    JS_FreeValue(ctx, global);
    return ret;
}
