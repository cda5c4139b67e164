/*
 * test_collect.c — garbage that only the cycle collector can free, counted
 * through the public API (JS_ComputeMemoryUsage: accounted bytes, blocks,
 * objects).
 *
 * Suspended code keeps its frame on the heap, and that frame can reach the
 * object that owns it: a generator abandoned mid-iteration whose locals or
 * stack hold the generator itself, an async function awaiting a promise
 * that never settles, an async generator with queued requests. Reference
 * counting never frees them; JS_RunGC must, without running their finally
 * blocks. Each scenario defines once(), which makes such garbage; after a
 * warm-up (shapes, atoms, inline caches) the accounting is taken, once()
 * runs ROUNDS more times with automatic collection off, and:
 *  - before JS_RunGC the runtime holds more than the baseline (the
 *    scenario really leaves cycles behind: the test can fail);
 *  - after JS_RunGC the blocks and objects are exactly the baseline's.
 *
 * Modules live as long as their context, so the module scenarios (import
 * cycles, a rejected top-level await inside a cycle, a top-level await that
 * never settles, an abandoned generator in a module) check that freeing the
 * context and collecting leaves the runtime exactly as a context that ran
 * nothing leaves it. Under make test-asan, LeakSanitizer checks the same
 * runs at JS_FreeRuntime.
 *
 * Prints "test_collect: N passed, M failed"; exits non-zero on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft.h"

#define ROUNDS 50
#define WARMUP 3

static int passed, failed;

static void check(bool ok, const char *scenario, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s: %s\n", scenario, what);
    }
}

/* the exception's text into buf, the exception cleared */
static void exception_text(JSContext *ctx, char *buf, size_t size)
{
    JSValue exc = JS_GetException(ctx);
    const char *s = JS_ToCString(ctx, exc);
    snprintf(buf, size, "%s", s ? s : "(no text)");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, exc);
}

/* evaluates a script; an exception is a failure; true on success */
static bool run(JSContext *ctx, const char *scenario, const char *src)
{
    JSValue v = JS_Eval(ctx, src, strlen(src), scenario, JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v)) {
        char msg[256];
        exception_text(ctx, msg, sizeof(msg));
        check(false, scenario, msg);
        return false;
    }
    JS_FreeValue(ctx, v);
    return true;
}

/* evaluates a boolean expression and checks it is true */
static void expect(JSContext *ctx, const char *scenario, const char *expr)
{
    JSValue v = JS_Eval(ctx, expr, strlen(expr), scenario, JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v))
        JS_FreeValue(ctx, JS_GetException(ctx));
    check(JS_VALUE_GET_TAG(v) == JS_TAG_BOOL && JS_VALUE_GET_BOOL(v), scenario, expr);
    JS_FreeValue(ctx, v);
}

/* runs every pending job; job errors are failures */
static void drain(JSContext *ctx, const char *scenario)
{
    JSContext *job_ctx;
    int r;
    while ((r = JS_ExecutePendingJob(JS_GetRuntime(ctx), &job_ctx)) != 0) {
        if (r < 0) {
            char msg[256];
            exception_text(job_ctx, msg, sizeof(msg));
            check(false, scenario, msg);
        }
    }
}

static JSMemoryUsage usage(JSRuntime *rt)
{
    JSMemoryUsage mu;
    JS_ComputeMemoryUsage(rt, &mu);
    return mu;
}

static void check_usage_equal(const char *scenario, const JSMemoryUsage *want,
                              const JSMemoryUsage *got)
{
    char detail[256];
    snprintf(detail, sizeof(detail),
             "after JS_RunGC: %lld bytes in %lld blocks, %lld objects;"
             " expected %lld bytes in %lld blocks, %lld objects",
             (long long)got->malloc_size, (long long)got->malloc_count,
             (long long)got->obj_count, (long long)want->malloc_size,
             (long long)want->malloc_count, (long long)want->obj_count);
    check(got->malloc_count == want->malloc_count && got->obj_count == want->obj_count &&
              got->malloc_size == want->malloc_size,
          scenario, detail);
}

/* ---------------------------------------------------------------------
 * Suspended frames in cycles
 * ------------------------------------------------------------------- */
typedef struct Scenario {
    const char *name;
    const char *src;   /* defines once(); globals it sets must exist beforehand */
    const char *after; /* a boolean expression true after the collection, or NULL */
} Scenario;

static const Scenario scenarios[] = {
    {"generator holding itself in a local",
     "function* g() { const self = yield 1; yield self; }"
     "function once() { const it = g(); it.next(); it.next(it); }",
     NULL},
    {"generator holding itself on its expression stack",
     "function* g() { const a = [yield 1, yield 2]; }"
     "function once() { const it = g(); it.next(); it.next(it); }",
     NULL},
    {"generator whose closure captures its frame",
     "function* g() { let me; const set = (v) => { me = v; }; yield set; yield me; }"
     "function once() { const it = g(); it.next().value(it); }",
     NULL},
    {"abandoned generator does not run its finally block",
     "var finallyRan = 0;"
     "function* g() { try { const self = yield 1; yield self; } finally { finallyRan++; } }"
     "function once() { const it = g(); it.next(); it.next(it); }",
     "finallyRan === 0"},
    {"generator suspended in yield* delegation",
     "function* inner() { const outer = yield 1; yield outer; }"
     "function* outer() { yield* inner(); }"
     "function once() { const it = outer(); it.next(); it.next(it); }",
     NULL},
    {"generator suspended in a for-of over another generator",
     "function* source(box) { yield 1; yield 2; }"
     "function* g(box) { for (const x of source(box)) yield x; }"
     "function once() { const box = {}; const it = g(box); box.it = it; it.next(); }",
     NULL},
    {"generator suspended before its first next",
     "function* g(arg) { yield arg; }"
     "function once() { const box = {}; box.it = g(box); }",
     NULL},
    {"async function awaiting a promise that never settles",
     "async function f(box) { const p = new Promise(() => {}); box.p = p; box.self = box;"
     " await p; }"
     "function once() { const box = {}; box.result = f(box); }",
     NULL},
    {"async function awaiting its own result",
     "async function f(box) { await null; await box.result; }"
     "function once() { const box = {}; box.result = f(box); }",
     NULL},
    {"async arrow in a closure awaiting forever",
     "function once() { let keep; const f = async () => { keep = f; await new Promise(() => {}); };"
     " f(); }",
     NULL},
    {"async generator suspended at a yield",
     "async function* ag() { const self = yield 1; yield self; }"
     "function once() { const it = ag(); it.next(); it.next(it); }",
     NULL},
    {"async generator with queued requests, awaiting forever",
     "async function* ag(box) { box.self = box; await new Promise(() => {}); yield 1; }"
     "function once() { const box = {}; box.it = ag(box); box.it.next(); box.it.next();"
     " box.it.return(box); }",
     NULL},
    {"for await over an async generator, abandoned",
     "async function* source() { yield 1; await new Promise(() => {}); }"
     "async function consume(box) { for await (const x of source()) box.last = x; }"
     "function once() { const box = {}; box.p = consume(box); }",
     NULL},
    {"promise reactions pointing back at the promise",
     "function once() { const p = new Promise(() => {}); p.self = p;"
     " p.then(() => p, () => p).finally(() => p); }",
     NULL},
};

/* a fresh runtime; once() runs WARMUP times, then ROUNDS times with the
   collector off, then the collector runs */
static void test_scenario(const Scenario *s)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSMemoryUsage base, grown, collected;
    char detail[128];
    if (!rt || !ctx) {
        fprintf(stderr, "test_collect: cannot create a runtime\n");
        exit(1);
    }
    if (!run(ctx, s->name, s->src))
        goto done;
    for (int i = 0; i < WARMUP; i++)
        run(ctx, s->name, "once()");
    drain(ctx, s->name);
    JS_RunGC(rt);
    base = usage(rt);
    JS_SetGCThreshold(rt, (size_t)-1);
    for (int i = 0; i < ROUNDS; i++) {
        run(ctx, s->name, "once()");
        drain(ctx, s->name);
    }
    grown = usage(rt);
    snprintf(detail, sizeof(detail), "%lld objects before the collection, %lld at the start",
             (long long)grown.obj_count, (long long)base.obj_count);
    check(grown.obj_count >= base.obj_count + ROUNDS, s->name, detail);
    JS_RunGC(rt);
    collected = usage(rt);
    check_usage_equal(s->name, &base, &collected);
    if (s->after)
        expect(ctx, s->name, s->after);
done:
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

/* ---------------------------------------------------------------------
 * Modules
 * ------------------------------------------------------------------- */
static const struct {
    const char *name, *source;
} module_files[] = {
    /* a cycle: each module calls the other's hoisted function */
    {"cycle_a.js", "import { b } from 'cycle_b.js';\n"
                   "export function a() { return 'a'; }\n"
                   "export const seen = b();\n"},
    {"cycle_b.js", "import { a, seen } from 'cycle_a.js';\n"
                   "export function b() { return 'b'; }\n"
                   "export const late = () => a() + seen;\n"},
    /* a cycle whose top-level await rejects */
    {"tla_a.js", "import { fromB } from 'tla_b.js';\n"
                 "export const fromA = 1;\n"},
    {"tla_b.js", "import { fromA } from 'tla_a.js';\n"
                 "export const fromB = 2;\n"
                 "await Promise.resolve();\n"
                 "throw new RangeError('rejected in a cycle');\n"},
    /* a top-level await that never settles, its frame holding itself */
    {"stuck.js", "export const box = {};\n"
                 "box.p = new Promise(() => {});\n"
                 "box.self = box;\n"
                 "await box.p;\n"},
    /* a generator abandoned mid-iteration at module level */
    {"gen.js", "function* g() { const self = yield 1; yield self; }\n"
               "export const it = g();\n"
               "it.next();\n"
               "export const same = it.next(it).value === it;\n"},
};

static JSModuleDef *module_loader(JSContext *ctx, const char *name, void *opaque)
{
    for (size_t i = 0; i < sizeof(module_files) / sizeof(module_files[0]); i++) {
        if (!strcmp(name, module_files[i].name)) {
            const char *src = module_files[i].source;
            JSValue v = JS_Eval(ctx, src, strlen(src), name,
                                JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
            if (JS_IsException(v))
                return NULL;
            JS_FreeValue(ctx, v);
            return JS_VALUE_GET_PTR(v);
        }
    }
    JS_ThrowReferenceError(ctx, "no module '%s'", name);
    return NULL;
}

/* evaluates a module and runs the jobs; its promise's final state, and its
   result (or the exception) in *presult */
static JSPromiseStateEnum run_module(JSContext *ctx, const char *src, JSValue *presult)
{
    JSValue p = JS_Eval(ctx, src, strlen(src), "main.js", JS_EVAL_TYPE_MODULE);
    JSContext *job_ctx;
    JSPromiseStateEnum st;
    if (JS_IsException(p)) {
        *presult = JS_GetException(ctx);
        return (JSPromiseStateEnum)-1;
    }
    while (JS_ExecutePendingJob(JS_GetRuntime(ctx), &job_ctx) > 0)
        continue;
    st = JS_PromiseState(ctx, p);
    *presult = JS_PromiseResult(ctx, p);
    JS_FreeValue(ctx, p);
    return st;
}

static bool is_error(JSContext *ctx, JSValueConst v, const char *text)
{
    const char *s = JS_ToCString(ctx, v);
    bool ok = s && !strcmp(s, text);
    JS_FreeCString(ctx, s);
    return ok;
}

static void run_module_graphs(JSContext *ctx)
{
    JSValue res;
    const char *m = "modules";
    check(run_module(ctx,
                     "import { seen } from 'cycle_a.js'; import { late } from 'cycle_b.js';\n"
                     "globalThis.cycle = seen + late();\n",
                     &res) == JS_PROMISE_FULFILLED,
          m, "an import cycle evaluates");
    JS_FreeValue(ctx, res);
    expect(ctx, m, "cycle === 'bab'");
    check(run_module(ctx, "import 'tla_a.js';", &res) == JS_PROMISE_REJECTED, m,
          "a rejected top-level await in a cycle rejects the importer");
    check(is_error(ctx, res, "RangeError: rejected in a cycle"), m, "with the module's error");
    JS_FreeValue(ctx, res);
    /* importing the failed cycle again rejects again, with the same error */
    check(run_module(ctx, "import { fromA } from 'tla_a.js';", &res) == JS_PROMISE_REJECTED, m,
          "the failed cycle stays failed");
    JS_FreeValue(ctx, res);
    check(run_module(ctx, "import 'stuck.js';", &res) == JS_PROMISE_PENDING, m,
          "a top-level await that never settles leaves the importer pending");
    JS_FreeValue(ctx, res);
    check(run_module(ctx, "import { same } from 'gen.js'; globalThis.genSame = same;", &res) ==
              JS_PROMISE_FULFILLED,
          m, "a module with an abandoned generator evaluates");
    JS_FreeValue(ctx, res);
    expect(ctx, m, "genSame === true");
}

/* a context that ran the module graphs leaves exactly what a context that
   ran nothing leaves once both are freed and collected */
static void test_modules(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSMemoryUsage empty, after;
    JSContext *ctx;
    JS_SetModuleLoaderFunc(rt, NULL, module_loader, NULL);
    /* the first context leaves the runtime's one-time tables (atoms of the
       standard library's names: freed with it, but the hash keeps its size) */
    JS_FreeContext(JS_NewContext(rt));
    JS_RunGC(rt);
    JS_FreeContext(JS_NewContext(rt));
    JS_RunGC(rt);
    empty = usage(rt);
    ctx = JS_NewContext(rt);
    run_module_graphs(ctx);
    JS_FreeContext(ctx);
    JS_RunGC(rt);
    after = usage(rt);
    check_usage_equal("modules: the context freed", &empty, &after);
    JS_FreeRuntime(rt);
}

int main(void)
{
    for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
        test_scenario(&scenarios[i]);
    test_modules();
    printf("test_collect: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
