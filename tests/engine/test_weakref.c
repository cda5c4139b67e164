/*
 * test_weakref.c — WeakRef and FinalizationRegistry against the cycle
 * collector, through the public API only (weft.h).
 *
 * Reference counting frees acyclic garbage at once (tests/js/weakref.js
 * covers that); what needs JS_RunGC is garbage in cycles: a target in a
 * cycle, a target in a cycle with its holder, a registry dying in the same
 * collection as its targets, held values pointing back at their registry.
 * The tests also pin down when things happen: finalization callbacks only
 * run as jobs (never inside the collector), [[KeptAlive]] lasts until the
 * end of the job (or of the host's script), and a queue drained from
 * inside JS does not end the job that drains it. Leaks show up as a live
 * object count above its value before the scenario.
 *
 * Every scenario gets a fresh runtime. JS helpers: gc() runs JS_RunGC,
 * drainJobs() runs JS_ExecutePendingJob from inside JS.
 *
 * Prints "N passed, M failed"; exits non-zero on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft.h"

static int passed, failed;

typedef struct Env {
    JSRuntime *rt;
    JSContext *ctx;
    int job_errors; /* jobs that threw, in drain() */
} Env;

static void check(bool ok, const char *scenario, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s: %s\n", scenario, what);
    }
}

static JSValue js_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JS_RunGC(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

/* JS_ExecutePendingJob from inside JS; job errors are dropped */
static JSValue js_drain_jobs(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSContext *job_ctx;
    int r;
    while ((r = JS_ExecutePendingJob(rt, &job_ctx)) != 0) {
        if (r < 0)
            JS_FreeValue(job_ctx, JS_GetException(job_ctx));
    }
    return JS_UNDEFINED;
}

static void env_init(Env *e)
{
    JSValue global;
    e->rt = JS_NewRuntime();
    e->ctx = JS_NewContext(e->rt);
    e->job_errors = 0;
    if (!e->rt || !e->ctx) {
        fprintf(stderr, "test_weakref: cannot create a runtime\n");
        exit(1);
    }
    global = JS_GetGlobalObject(e->ctx);
    JS_SetPropertyStr(e->ctx, global, "gc", JS_NewCFunction(e->ctx, js_gc, "gc", 0));
    JS_SetPropertyStr(e->ctx, global, "drainJobs",
                      JS_NewCFunction(e->ctx, js_drain_jobs, "drainJobs", 0));
    JS_FreeValue(e->ctx, global);
}

static void env_free(Env *e)
{
    JS_FreeContext(e->ctx);
    JS_FreeRuntime(e->rt);
}

/* runs a script as the host does; an exception is a failure */
static void run(Env *e, const char *scenario, const char *src)
{
    JSValue v = JS_Eval(e->ctx, src, strlen(src), scenario, JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v)) {
        JSValue exc = JS_GetException(e->ctx);
        const char *msg = JS_ToCString(e->ctx, exc);
        check(false, scenario, msg ? msg : "exception");
        JS_FreeCString(e->ctx, msg);
        JS_FreeValue(e->ctx, exc);
        return;
    }
    JS_FreeValue(e->ctx, v);
}

/* evaluates a boolean expression and checks it is true */
static void expect(Env *e, const char *scenario, const char *expr)
{
    JSValue v = JS_Eval(e->ctx, expr, strlen(expr), scenario, JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v))
        JS_FreeValue(e->ctx, JS_GetException(e->ctx));
    check(v == JS_TRUE, scenario, expr);
    JS_FreeValue(e->ctx, v);
}

/* runs every pending job, as the host does after a script */
static void drain(Env *e)
{
    JSContext *job_ctx;
    int r;
    while ((r = JS_ExecutePendingJob(e->rt, &job_ctx)) != 0) {
        if (r < 0) {
            e->job_errors++;
            JS_FreeValue(job_ctx, JS_GetException(job_ctx));
        }
    }
}

static int64_t obj_count(Env *e)
{
    JSMemoryUsage mu;
    JS_ComputeMemoryUsage(e->rt, &mu);
    return mu.obj_count;
}

/* drain, collect, drain: every death has been seen and reported */
static void settle(Env *e)
{
    drain(e);
    JS_RunGC(e->rt);
    drain(e);
}

/* ---------------------------------------------------------------------
 * WeakRef
 * ------------------------------------------------------------------- */
static void test_weakref_cyclic_target(void)
{
    const char *s = "WeakRef: a cyclic target is collected";
    Env e;
    env_init(&e);
    run(&e, s, "var w; (function () { var t = {}; t.self = t; w = new WeakRef(t); })();");
    drain(&e);
    /* the count alone cannot free a cycle */
    expect(&e, s, "w.deref() !== undefined && w.deref().self === w.deref()");
    drain(&e);
    JS_RunGC(e.rt);
    expect(&e, s, "w.deref() === undefined");
    env_free(&e);
}

static void test_weakref_cycle_with_holder(void)
{
    const char *s = "WeakRef: a target in a cycle with the WeakRef's holder";
    Env e;
    int64_t before;
    env_init(&e);
    run(&e, s,
        "var log = [];"
        "var fr = new FinalizationRegistry(function (h) { log.push(h); });");
    settle(&e);
    before = obj_count(&e);
    /* holder -> WeakRef ~> target -> holder, and holder -> target too */
    run(&e, s,
        "(function () {"
        "  var holder = {}, target = { holder: holder };"
        "  holder.ref = new WeakRef(target);"
        "  holder.target = target;"
        "  fr.register(target, 'target');"
        "  fr.register(holder, 'holder');"
        "})();");
    settle(&e);
    expect(&e, s, "log.length === 2 && log.indexOf('target') >= 0 && log.indexOf('holder') >= 0");
    check(obj_count(&e) == before, s, "every object of the cycle is freed");
    env_free(&e);
}

static void test_weakref_kept_during_job(void)
{
    const char *s = "WeakRef: deref keeps a cyclic target until the job ends";
    Env e;
    env_init(&e);
    run(&e, s, "var w; (function () { var t = {}; t.self = t; w = new WeakRef(t); })();");
    drain(&e);
    run(&e, s,
        "var seen = [];"
        "Promise.resolve().then(function () {"
        "  seen.push(w.deref() !== undefined);"
        "  gc();"
        "  seen.push(w.deref() !== undefined);"
        "}).then(function () {"
        "  gc();"
        "  seen.push(w.deref() === undefined);"
        "});");
    drain(&e);
    expect(&e, s, "seen.length === 3 && seen.every(function (x) { return x; })");
    env_free(&e);
}

static void test_weakref_kept_during_script(void)
{
    const char *s = "WeakRef: new WeakRef keeps a cyclic target until the script ends";
    Env e;
    env_init(&e);
    /* a queue drained from inside JS is not the end of the script */
    run(&e, s,
        "var w; (function () { var t = {}; t.self = t; w = new WeakRef(t); })();"
        "drainJobs(); gc();"
        "var alive = w.deref() !== undefined;");
    expect(&e, s, "alive");
    JS_RunGC(e.rt);
    /* no job ran and the host has not drained the queue yet */
    expect(&e, s, "w.deref() !== undefined");
    drain(&e);
    JS_RunGC(e.rt);
    expect(&e, s, "w.deref() === undefined");
    env_free(&e);
}

static void test_weakref_dies_with_target(void)
{
    const char *s = "WeakRef: WeakRef and target in the same garbage cycle";
    Env e;
    int64_t before;
    env_init(&e);
    settle(&e);
    before = obj_count(&e);
    run(&e, s,
        "(function () {"
        "  for (var i = 0; i < 50; i++) {"
        "    var t = {}; var w = new WeakRef(t); t.w = w; w.t = t;"
        "    var self = new WeakRef({}); self.me = self;"
        "  }"
        "})();");
    settle(&e);
    check(obj_count(&e) == before, s, "all freed");
    env_free(&e);
}

/* ---------------------------------------------------------------------
 * FinalizationRegistry
 * ------------------------------------------------------------------- */
static void test_finrec_callbacks_are_jobs(void)
{
    const char *s = "FinalizationRegistry: callbacks run as jobs, after the collection";
    Env e;
    env_init(&e);
    run(&e, s,
        "var log = [];"
        "var fr = new FinalizationRegistry(function (h) { log.push(h); });"
        "(function () {"
        "  for (var i = 0; i < 3; i++) { var t = { i: i }; t.self = t; fr.register(t, i); }"
        "})();");
    drain(&e);
    check(!JS_IsJobPending(e.rt), s, "nothing pending before the collection");
    JS_RunGC(e.rt);
    expect(&e, s, "log.length === 0");
    check(JS_IsJobPending(e.rt), s, "the cleanup is pending after the collection");
    drain(&e);
    expect(&e, s, "log.slice().sort().join() === '0,1,2'");
    check(!JS_IsJobPending(e.rt), s, "nothing pending after the cleanup");
    env_free(&e);
}

static void test_finrec_dies_with_targets(void)
{
    const char *s = "FinalizationRegistry: registry and targets in one garbage cycle";
    Env e;
    int64_t before;
    env_init(&e);
    run(&e, s, "var log = [];");
    settle(&e);
    before = obj_count(&e);
    run(&e, s,
        "(function () {"
        "  var fr = new FinalizationRegistry(function (h) { log.push(h); });"
        "  for (var i = 0; i < 10; i++) {"
        "    var t = { fr: fr }; t.self = t; fr.register(t, 'held' + i, t);"
        "  }"
        "  fr.register(fr, 'itself');"
        "  fr.self = fr;"
        "})();");
    drain(&e);
    JS_RunGC(e.rt);
    check(!JS_IsJobPending(e.rt), s, "a dead registry queues no cleanup");
    drain(&e);
    expect(&e, s, "log.length === 0");
    check(obj_count(&e) == before, s, "all freed");
    env_free(&e);
}

static void test_finrec_dies_with_pending_cells(void)
{
    const char *s = "FinalizationRegistry: a registry dying with cells due";
    Env e;
    int64_t before;
    env_init(&e);
    run(&e, s, "var log = [];");
    settle(&e);
    before = obj_count(&e);
    /* the targets die at once (no cycle): their cells wait for a job that
       never comes, since the cyclic registry dies in the next collection */
    run(&e, s,
        "(function () {"
        "  var fr = new FinalizationRegistry(function (h) { log.push(h); });"
        "  fr.self = fr;"
        "  fr.register({}, 'a'); fr.register({}, 'b');"
        "})();");
    JS_RunGC(e.rt);
    check(!JS_IsJobPending(e.rt), s, "the schedule is cancelled");
    drain(&e);
    expect(&e, s, "log.length === 0");
    check(obj_count(&e) == before, s, "all freed");
    env_free(&e);
}

static void test_finrec_held_cycles(void)
{
    const char *s = "FinalizationRegistry: held values that reach their registry";
    Env e;
    int64_t before;
    env_init(&e);
    settle(&e);
    before = obj_count(&e);
    /* registry -> cell -> held -> registry: only collectable when the
       registry reports its held values to the collector */
    run(&e, s,
        "var keep = {};"
        "(function () {"
        "  var fr = new FinalizationRegistry(function () {});"
        "  fr.register(keep, { fr: fr }, keep);"
        "})();");
    settle(&e);
    check(obj_count(&e) == before + 1, s, "the registry and its held value are freed");
    env_free(&e);
}

static void test_finrec_throwing_callback(void)
{
    const char *s = "FinalizationRegistry: a throwing callback keeps the other cells";
    Env e;
    env_init(&e);
    run(&e, s,
        "var log = [];"
        "var fr = new FinalizationRegistry(function (h) {"
        "  log.push(h); if (log.length === 1) throw new Error('first');"
        "});"
        "fr.register({}, 'x'); fr.register({}, 'y');");
    drain(&e);
    check(e.job_errors == 1, s, "the error ends one cleanup job");
    expect(&e, s, "log.slice().sort().join() === 'x,y'");
    env_free(&e);
}

static void test_finrec_tokens(void)
{
    const char *s = "FinalizationRegistry: tokens are weak";
    Env e;
    int64_t before;
    env_init(&e);
    run(&e, s,
        "var log = [];"
        "var fr = new FinalizationRegistry(function (h) { log.push(h); });"
        "var target = {}; target.self = target;");
    settle(&e);
    before = obj_count(&e);
    /* a cyclic token dies in the collection; the target stays registered */
    run(&e, s,
        "(function () { var tok = {}; tok.self = tok; fr.register(target, 'held', tok); })();");
    settle(&e);
    check(obj_count(&e) == before, s, "the token is freed");
    expect(&e, s, "log.length === 0");
    run(&e, s, "target = null;");
    settle(&e);
    expect(&e, s, "log.join() === 'held'");
    /* the token is the target: one cell, one callback */
    run(&e, s, "(function () { var t = {}; t.self = t; fr.register(t, 'same', t); })();");
    settle(&e);
    expect(&e, s, "log.join() === 'held,same'");
    env_free(&e);
}

static void test_finrec_unregister_after_death(void)
{
    const char *s = "FinalizationRegistry: unregister after death, before the job";
    Env e;
    env_init(&e);
    run(&e, s,
        "var log = [];"
        "var fr = new FinalizationRegistry(function (h) { log.push(h); });"
        "var tok = {};"
        "(function () {"
        "  var a = {}; a.self = a; fr.register(a, 'a', tok);"
        "  var b = {}; b.self = b; fr.register(b, 'b');"
        "})();");
    drain(&e);
    JS_RunGC(e.rt);
    expect(&e, s, "fr.unregister(tok) === true && fr.unregister(tok) === false");
    drain(&e);
    expect(&e, s, "log.join() === 'b'");
    env_free(&e);
}

static void test_finrec_many(void)
{
    const char *s = "FinalizationRegistry: many cells";
    Env e;
    int64_t before;
    env_init(&e);
    run(&e, s,
        "var n = 0;"
        "var fr = new FinalizationRegistry(function (h) { n += h; });");
    settle(&e);
    before = obj_count(&e);
    run(&e, s,
        "(function () {"
        "  for (var i = 1; i <= 2000; i++) {"
        "    var t = [i]; t.push(t); fr.register(t, i, i % 2 ? t : undefined);"
        "  }"
        "})();");
    settle(&e);
    expect(&e, s, "n === 2000 * 2001 / 2");
    check(obj_count(&e) == before, s, "all freed");
    env_free(&e);
}

/* the host may free a runtime with kept objects, scheduled cleanups and
   queued cleanup jobs; ASan checks that nothing is touched after free */
static void test_teardown(void)
{
    const char *s = "teardown with pending work";
    Env e;
    env_init(&e);
    run(&e, s,
        "var fr = new FinalizationRegistry(function () {});"
        "(function () { var t = {}; t.self = t; fr.register(t, 1); })();"
        "fr.register({}, 2);"
        "var w = new WeakRef({ kept: true });");
    JS_RunGC(e.rt);
    check(JS_IsJobPending(e.rt), s, "work is pending");
    env_free(&e);
    env_init(&e);
    run(&e, s,
        "var fr = new FinalizationRegistry(function () {});"
        "fr.register({}, 1);"
        "Promise.resolve().then(function () {});");
    /* runs the promise job and queues the cleanup job, which never runs */
    {
        JSContext *job_ctx;
        check(JS_ExecutePendingJob(e.rt, &job_ctx) == 1, s, "one job ran");
    }
    env_free(&e);
}

/* the scenario run under every memory limit (in steps) until it needs
   none: out-of-memory is an exception, the job queue keeps working, and
   once the limit is lifted nothing is left behind */
static const char oom_src[] = "(function () {"
                              "  var refs = [];"
                              "  for (var i = 0; i < 20; i++) {"
                              "    var t = { i: i }; t.self = t;"
                              "    refs.push(new WeakRef(t));"
                              "    fr.register(t, i, i % 2 ? t : undefined);"
                              "    fr.register({}, 'gone' + i);"
                              "    if (i % 3 === 0) fr.unregister(t);"
                              "    refs[0].deref();"
                              "  }"
                              "  var s = Symbol('s');"
                              "  new WeakRef(s).deref();"
                              "  fr.register(s, 'sym', s);"
                              "  fr.unregister(s);"
                              "})();";

static void test_out_of_memory(void)
{
    const char *s = "out of memory";
    int runs = 0, leaks = 0;
    for (size_t extra = 0;; extra += 151) {
        Env e;
        JSMemoryUsage mu;
        JSValue v;
        int64_t before;
        bool oom;
        env_init(&e);
        run(&e, s,
            "var log = []; var fr = new FinalizationRegistry(function (h) { log.push(h); });");
        settle(&e);
        before = obj_count(&e);
        JS_ComputeMemoryUsage(e.rt, &mu);
        JS_SetMemoryLimit(e.rt, (size_t)mu.malloc_size + extra);
        v = JS_Eval(e.ctx, oom_src, sizeof(oom_src) - 1, s, JS_EVAL_TYPE_GLOBAL);
        oom = JS_IsException(v);
        if (oom)
            JS_FreeValue(e.ctx, JS_GetException(e.ctx));
        JS_FreeValue(e.ctx, v);
        drain(&e);
        JS_SetMemoryLimit(e.rt, 0);
        settle(&e);
        runs++;
        if (obj_count(&e) != before)
            leaks++;
        if (!oom && e.job_errors == 0) {
            /* 20 acyclic targets, and the cyclic ones still registered:
               unregister(t) only finds the odd i (3, 9, 15), whose token
               is t */
            expect(&e, s, "log.length === 37");
            env_free(&e);
            break;
        }
        env_free(&e);
    }
    check(runs > 20, s, "the scenario fails under small limits");
    check(leaks == 0, s, "nothing is left behind");
}

int main(void)
{
    test_weakref_cyclic_target();
    test_weakref_cycle_with_holder();
    test_weakref_kept_during_job();
    test_weakref_kept_during_script();
    test_weakref_dies_with_target();
    test_finrec_callbacks_are_jobs();
    test_finrec_dies_with_targets();
    test_finrec_dies_with_pending_cells();
    test_finrec_held_cycles();
    test_finrec_throwing_callback();
    test_finrec_tokens();
    test_finrec_unregister_after_death();
    test_finrec_many();
    test_teardown();
    test_out_of_memory();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
