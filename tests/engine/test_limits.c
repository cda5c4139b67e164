/*
 * test_limits.c — the engine's limits, seen through the public API only.
 *
 * Whatever a script does, the engine ends it with an error the embedder
 * can handle, never with a crash:
 *  - recursion: deep recursion in JS, through native code (JSON, join,
 *    getters, Proxy, bound functions, async functions) and deeply nested
 *    source text for the parser and compiler ends in a RangeError that JS
 *    can catch, and the context works afterwards;
 *  - memory: under JS_SetMemoryLimit an allocating loop ends in a catchable
 *    out-of-memory error, after which the runtime works and frees cleanly;
 *    failing each allocation in turn (context creation, a script) never
 *    crashes, leaks or reports anything but out-of-memory;
 *  - interrupts: the interrupt handler stops loops with no calls, runaway
 *    recursion and long builtin loops; the error is uncatchable in JS and
 *    reaches C;
 *  - stack size: JS_SetMaxStackSize is honoured, also on a thread with a
 *    small stack (as a worker has) and after JS_UpdateStackTop.
 * Under `make test-asan` the same runs check every error path for memory
 * errors and leaks.
 *
 * Prints "test_limits: N passed, M failed"; exits non-zero on failure.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft.h"

#define DEPTH 100000 /* nesting of the deep source texts */

/* The allocation-failure sweeps run one thread: ThreadSanitizer has nothing
   to find there, so under it they take bigger steps to keep `make
   test-tsan` short. (AddressSanitizer checks every error path they reach:
   there they keep their small steps.) */
#if defined(__SANITIZE_THREAD__)
#define SWEEP_SCALE 16
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SWEEP_SCALE 16
#endif
#endif
#ifndef SWEEP_SCALE
#define SWEEP_SCALE 1
#endif
#define STACK_OVERFLOW "RangeError: Maximum call stack size exceeded"
#define OUT_OF_MEMORY "InternalError: out of memory"
#define INTERRUPTED "InternalError: interrupted"
#define SMOKE_SRC "[1, 2, 3].map(x => x * 2).join()"
#define SMOKE_RESULT "2,4,6"

static int passed, failed;

static void check(bool ok, const char *what, const char *detail)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
}

/* the text of a value (ToString), or of a C-side marker when that fails */
static void value_text(JSContext *ctx, JSValueConst val, char *buf, size_t size)
{
    const char *s = JS_ToCString(ctx, val);
    if (s) {
        snprintf(buf, size, "%s", s);
        JS_FreeCString(ctx, s);
    } else {
        JS_FreeValue(ctx, JS_GetException(ctx));
        snprintf(buf, size, "(no text)");
    }
}

/* evaluates src: its value, or the text of the exception it threw
   (taken from the context), goes to buf; true when it threw */
static bool eval_text(JSContext *ctx, const char *src, size_t len, char *buf, size_t size)
{
    JSValue ret = JS_Eval(ctx, src, len, "limits.js", JS_EVAL_TYPE_GLOBAL);
    bool threw = JS_IsException(ret);
    if (threw)
        ret = JS_GetException(ctx);
    value_text(ctx, ret, buf, size);
    JS_FreeValue(ctx, ret);
    return threw;
}

static bool eval_str(JSContext *ctx, const char *src, char *buf, size_t size)
{
    return eval_text(ctx, src, strlen(src), buf, size);
}

/* evaluates src and checks its result (or exception text) */
static void check_eval(JSContext *ctx, const char *src, bool want_throw, const char *want,
                       const char *what)
{
    char got[512], detail[700];
    bool threw = eval_str(ctx, src, got, sizeof(got));
    snprintf(detail, sizeof(detail), "%s %s", threw ? "threw" : "returned", got);
    check(threw == want_throw && strcmp(got, want) == 0, what, detail);
}

/* the context still runs code */
static void check_works(JSContext *ctx, const char *what)
{
    char name[160];
    snprintf(name, sizeof(name), "%.120s: the context works afterwards", what);
    check_eval(ctx, SMOKE_SRC, false, SMOKE_RESULT, name);
}

static int run_jobs(JSRuntime *rt)
{
    JSContext *job_ctx;
    int r;
    while ((r = JS_ExecutePendingJob(rt, &job_ctx)) > 0)
        continue;
    return r;
}

/* ---------------------------------------------------------------------
 * Deep recursion
 * ------------------------------------------------------------------- */
/* the structures are 30000 levels deep: more than the default 1 MiB of
   stack holds at any frame size */
typedef struct RecursionCase {
    const char *name;
    const char *src; /* must overflow the stack */
} RecursionCase;

static const RecursionCase recursion_cases[] = {
    {"plain recursion", "function f() { f(); } f();"},
    {"mutual recursion", "function a(n) { return b(n + 1); } function b(n) { return a(n); } a(0);"},
    {"getter", "var o = { get x() { return this.x; } }; o.x;"},
    {"toString", "var o = { toString() { return String(this); } }; String(o);"},
    {"valueOf", "var o = { valueOf() { return this + 1; } }; o * 2;"},
    {"constructor", "class A { constructor() { new A(); } } new A();"},
    {"Function.prototype.apply", "function f() { f.apply(null, []); } f();"},
    {"Reflect.apply", "function f() { Reflect.apply(f, null, []); } f();"},
    {"Array.prototype.map callback", "function f() { [1].map(f); } f();"},
    {"sort comparator",
     "function f() { [2, 1].sort(function (x, y) { f(); return x - y; }); } f();"},
    {"JSON.stringify of nested arrays",
     "var a = []; for (var i = 0; i < 30000; i++) a = [a]; JSON.stringify(a);"},
    {"JSON.stringify toJSON", "var o = { toJSON() { return [o]; } }; JSON.stringify(o);"},
    {"JSON.parse of nested arrays", "JSON.parse('['.repeat(30000) + ']'.repeat(30000));"},
    {"String of nested arrays", "var a = []; for (var i = 0; i < 30000; i++) a = [a]; String(a);"},
    {"join through a getter",
     "var a = [0]; Object.defineProperty(a, 0, { get() { return [a].join(); } }); a.join();"},
    {"Array.prototype.flat",
     "var a = []; for (var i = 0; i < 30000; i++) a = [a]; a.flat(Infinity);"},
    {"bound function chain",
     "var f = function () {}; for (var i = 0; i < 60000; i++) f = f.bind(null); f();"},
    {"nested Proxy get", "var p = {}; for (var i = 0; i < 30000; i++) p = new Proxy(p, {}); p.x;"},
    {"nested Proxy has",
     "var p = {}; for (var i = 0; i < 30000; i++) p = new Proxy(p, {}); 'x' in p;"},
    {"nested Proxy set",
     "var p = {}; for (var i = 0; i < 30000; i++) p = new Proxy(p, {}); p.x = 1;"},
    {"nested Proxy ownKeys",
     "var p = {}; for (var i = 0; i < 30000; i++) p = new Proxy(p, {}); Object.keys(p);"},
    {"nested Proxy getPrototypeOf",
     "var p = {}; for (var i = 0; i < 30000; i++) p = new Proxy(p, {}); p instanceof Object;"},
    {"nested Proxy call",
     "var p = function () {}; for (var i = 0; i < 30000; i++) p = new Proxy(p, {}); p();"},
    {"Proxy trap recursion", "var p = new Proxy({}, { get(t, k, r) { return r[k]; } }); p.x;"},
    {"yield* chain", "function* g(n) { if (n) yield* g(n - 1); else yield 1; } [...g(30000)];"},
    {"eval recursion", "function f() { eval('f()'); } f();"},
    {"new Function recursion", "var f = new Function('f()'); f();"},
};

static const char *recursion_src(const char *name)
{
    for (size_t i = 0; i < sizeof(recursion_cases) / sizeof(recursion_cases[0]); i++) {
        if (strcmp(recursion_cases[i].name, name) == 0)
            return recursion_cases[i].src;
    }
    return "no such case";
}

/* each case throws a RangeError out of JS_Eval, and the same code inside
   try/catch is caught by JS */
static void test_recursion_cases(JSContext *ctx)
{
    char src[1024], name[160];
    for (size_t i = 0; i < sizeof(recursion_cases) / sizeof(recursion_cases[0]); i++) {
        const RecursionCase *c = &recursion_cases[i];
        snprintf(name, sizeof(name), "recursion (%s) reaches C", c->name);
        check_eval(ctx, c->src, true, STACK_OVERFLOW, name);
        snprintf(src, sizeof(src),
                 "(function () { try { %s } catch (e) { return 'caught ' + e.name + ': ' + "
                 "e.message; } return 'no error'; })()",
                 c->src);
        snprintf(name, sizeof(name), "recursion (%s) is catchable", c->name);
        check_eval(ctx, src, false, "caught " STACK_OVERFLOW, name);
        check_works(ctx, c->name);
    }
}

/* open + (DEPTH times) + middle + close (DEPTH times) */
static char *nested_source(const char *open, const char *middle, const char *close)
{
    size_t lo = strlen(open), lm = strlen(middle), lc = strlen(close);
    char *buf = malloc(DEPTH * (lo + lc) + lm + 1), *p = buf;
    if (!buf)
        return NULL;
    for (int i = 0; i < DEPTH; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, middle, lm);
    p += lm;
    for (int i = 0; i < DEPTH; i++, p += lc)
        memcpy(p, close, lc);
    *p = '\0';
    return buf;
}

/* the parser and the compiler recurse on nesting: source text nested
   DEPTH levels deep is a RangeError, from JS_Eval and from eval() */
static void test_nested_source(JSContext *ctx)
{
    static const char *const shapes[][4] = {
        {"array literal", "[", "", "]"},
        {"parentheses", "(", "1", ")"},
        {"object literal", "({a:", "1", "})"},
        {"blocks", "{", "", "}"},
        {"functions", "function f(){", "", "}"},
        {"arrow functions", "() => ", "1", ""},
        {"unary operators", "!", "1", ""},
        {"conditional", "1 ? ", "1", " : 1"},
        {"calls", "f(", "", ")"},
        {"templates", "`${", "1", "}`"},
        {"if statements", "if (1) ", ";", ""},
        {"exponent", "2 ** ", "1", ""},
    };
    char got[512], name[160], detail[700];
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        char *src = nested_source(shapes[i][1], shapes[i][2], shapes[i][3]);
        bool threw;
        if (!src)
            continue;
        threw = eval_text(ctx, src, strlen(src), got, sizeof(got));
        snprintf(name, sizeof(name), "nested source (%s)", shapes[i][0]);
        snprintf(detail, sizeof(detail), "%s %s", threw ? "threw" : "returned", got);
        check(threw && strcmp(got, STACK_OVERFLOW) == 0, name, detail);
        free(src);
        check_works(ctx, name);
    }
    check_eval(ctx,
               "(function () { try { eval('['.repeat(100000) + ']'.repeat(100000)); }"
               " catch (e) { return e.name; } })()",
               false, "RangeError", "nested source through eval() is catchable");
}

/* a long prototype chain is walked by loops: it works and needs no deep
   C recursion */
static void test_long_prototype_chain(JSContext *ctx)
{
    check_eval(ctx,
               "var o = { found: 1 }; for (var i = 0; i < 100000; i++) o = Object.create(o);"
               "o.x = 2; [o.missing, o.found, o.x, 'found' in o, o instanceof Object,"
               " Object.prototype.isPrototypeOf(o)].join()",
               false, ",1,2,true,true,true", "long prototype chain");
}

/* recursion through async functions: the innermost call throws, and the
   rejection travels out through every promise */
static void test_async_recursion(JSContext *ctx)
{
    char got[512];
    check_eval(ctx,
               "var r = 'pending'; async function af() { return af(); }"
               " af().catch(e => { r = e.name + ': ' + e.message; }); 'started'",
               false, "started", "async recursion starts");
    check(run_jobs(JS_GetRuntime(ctx)) == 0, "async recursion jobs", NULL);
    eval_str(ctx, "r", got, sizeof(got));
    check(strcmp(got, STACK_OVERFLOW) == 0, "async recursion rejects with a RangeError", got);
}

static void test_recursion(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    test_recursion_cases(ctx);
    test_nested_source(ctx);
    test_long_prototype_chain(ctx);
    test_async_recursion(ctx);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

/* ---------------------------------------------------------------------
 * Out of memory
 * ------------------------------------------------------------------- */
#define OOM_HEADROOM (2 * 1024 * 1024)

typedef struct AllocCase {
    const char *name;
    /* the body of a function that allocates until memory runs out, keeping
       what it allocates reachable from the global `hog` */
    const char *loop;
} AllocCase;

static const AllocCase alloc_cases[] = {
    {"objects", "for (;;) hog.push({ n: hog.length });"},
    {"arrays", "for (;;) hog.push([1, 2, 3, 4]);"},
    {"closures", "for (;;) hog.push(function () { return hog; });"},
    {"strings", "for (var i = 0;; i++) hog.push('x'.repeat(100) + i);"},
    {"string doubling", "var s = 'ab'; for (;;) { s = s + s; s.charCodeAt(0); hog.push(s); }"},
    {"property keys", "var o = {}; hog.push(o); for (var i = 0;; i++) o['key' + i] = i;"},
    {"Map entries", "var m = new Map(); hog.push(m); for (var i = 0;; i++) m.set(i, i);"},
    {"symbols", "for (var i = 0;; i++) hog.push(Symbol('s' + i));"},
    {"BigInts", "for (var i = 0n;; i++) hog.push(10n ** 100n + i);"},
    {"JSON.parse", "for (;;) hog.push(JSON.parse('[1, {\"a\": [2, 3]}, \"s\"]'));"},
    {"promises", "for (;;) hog.push(new Promise(function () {}));"},
    {"errors", "for (;;) hog.push(new Error('e'));"},
    {"generators", "function* g() { yield 1; } for (;;) hog.push(g());"},
    {"class instances", "class C { #p = 1; q = 2; } for (;;) hog.push(new C());"},
    {"array growth", "var a = []; hog.push(a); for (var i = 0;; i++) a[i] = i;"},
    {"Array.prototype.fill", "hog.push(new Array(1e8).fill(0));"},
    {"source text", "eval('[' + '1,'.repeat(5e6) + ']');"},
    {"String.prototype.repeat", "hog.push('x'.repeat(1e8).split(''));"},
};

/* the memory limit a little above what the runtime uses now */
static size_t limit_above_use(JSRuntime *rt, size_t headroom)
{
    JSMemoryUsage mu;
    JS_ComputeMemoryUsage(rt, &mu);
    return (size_t)mu.malloc_size + headroom;
}

/* the usage after a collection */
static JSMemoryUsage usage_after_gc(JSRuntime *rt)
{
    JSMemoryUsage mu;
    JS_RunGC(rt);
    JS_ComputeMemoryUsage(rt, &mu);
    return mu;
}

/* each loop is caught in JS as an out-of-memory error; with the limit
   still in place the context runs code again and the memory comes back */
static void test_alloc_loops(void)
{
    char src[1024], name[160], detail[128];
    for (size_t i = 0; i < sizeof(alloc_cases) / sizeof(alloc_cases[0]); i++) {
        const AllocCase *c = &alloc_cases[i];
        JSRuntime *rt = JS_NewRuntime();
        JSContext *ctx = JS_NewContext(rt);
        JSMemoryUsage before, after;
        /* the global `hog` exists before the baseline is taken */
        JS_FreeValue(ctx, JS_Eval(ctx, "var hog = null;", 15, "hog.js", 0));
        before = usage_after_gc(rt);
        JS_SetMemoryLimit(rt, limit_above_use(rt, OOM_HEADROOM));
        snprintf(src, sizeof(src),
                 "var hog = []; try { (function () { %s })(); 'no error'; }"
                 " catch (e) { hog = null; String(e); }",
                 c->loop);
        snprintf(name, sizeof(name), "out of memory (%s) is catchable", c->name);
        check_eval(ctx, src, false, OUT_OF_MEMORY, name);
        check_works(ctx, name);
        /* every block comes back; the atom tables may keep their new size */
        after = usage_after_gc(rt);
        snprintf(name, sizeof(name), "out of memory (%s): the memory is released", c->name);
        snprintf(detail, sizeof(detail), "%lld blocks, %lld objects before; %lld, %lld after",
                 (long long)before.malloc_count, (long long)before.obj_count,
                 (long long)after.malloc_count, (long long)after.obj_count);
        check(after.malloc_count <= before.malloc_count && after.obj_count <= before.obj_count,
              name, detail);
        JS_FreeContext(ctx);
        JS_FreeRuntime(rt);
    }
}

/* an uncaught out-of-memory error reaches C as an InternalError; the
   runtime recovers once the script lets go of its memory */
static void test_uncaught_oom(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue ret, exc, global;
    char got[256];
    JS_SetMemoryLimit(rt, limit_above_use(rt, OOM_HEADROOM));
    ret = JS_Eval(ctx, "var hog = []; for (;;) hog.push({});", 36, "oom.js", 0);
    check(JS_IsException(ret), "uncaught out of memory reaches C", NULL);
    exc = JS_GetException(ctx);
    check(JS_IsError(ctx, exc), "out of memory is an Error object", NULL);
    check(!JS_IsUncatchableError(ctx, exc), "out of memory is catchable", NULL);
    value_text(ctx, exc, got, sizeof(got));
    check(strcmp(got, OUT_OF_MEMORY) == 0, "uncaught out of memory text", got);
    JS_FreeValue(ctx, exc);
    /* memory is full: even compiling `hog = null` would fail, but the
       embedder can let go of the hog without allocating */
    global = JS_GetGlobalObject(ctx);
    check(JS_SetPropertyStr(ctx, global, "hog", JS_NULL) >= 0, "dropping the hog", NULL);
    JS_FreeValue(ctx, global);
    check_works(ctx, "uncaught out of memory");

    /* inside an async function it becomes a rejection */
    check_eval(ctx,
               "var r = 'pending'; (async function () { await null; var a = [];"
               " for (;;) a.push({}); })().catch(e => { r = String(e); }); 'queued'",
               false, "queued", "out of memory in an async function");
    check(run_jobs(rt) == 0, "out of memory in an async function: jobs", NULL);
    check_eval(ctx, "r", false, OUT_OF_MEMORY, "out of memory in an async function rejects");
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

/* JS_NewContext under every memory limit up to the one it needs: NULL or
   a working context, and a failure leaves nothing behind */
static void test_context_alloc_failures(void)
{
    int failures = 0, bad = 0;
    char detail[160] = "";
    for (size_t extra = 0;; extra += 61 * SWEEP_SCALE) {
        JSRuntime *rt = JS_NewRuntime();
        JSMemoryUsage mu;
        int64_t base_count;
        JSContext *ctx;
        JS_ComputeMemoryUsage(rt, &mu);
        base_count = mu.malloc_count;
        JS_SetMemoryLimit(rt, (size_t)mu.malloc_size + extra);
        ctx = JS_NewContext(rt);
        JS_SetMemoryLimit(rt, 0);
        if (ctx) {
            check_works(ctx, "context created under a memory limit");
            JS_FreeContext(ctx);
            JS_FreeRuntime(rt);
            break;
        }
        failures++;
        JS_RunGC(rt);
        JS_ComputeMemoryUsage(rt, &mu);
        /* a little table growth (atoms, shapes) may stay */
        if (mu.obj_count != 0 || mu.malloc_count > base_count + 8) {
            if (bad++ == 0)
                snprintf(detail, sizeof(detail), "limit +%zu leaves %lld objects, %lld blocks",
                         extra, (long long)mu.obj_count, (long long)(mu.malloc_count - base_count));
        }
        JS_FreeRuntime(rt);
    }
    check(failures > 100 / SWEEP_SCALE, "context creation fails under small limits", NULL);
    check(bad == 0, "failed context creation leaves nothing behind", detail);
}

/* a script that touches much of the engine, run under every memory limit
   (in steps) until it succeeds: each run gives the right result or an
   out-of-memory error, and the context works afterwards */
static const char sweep_src[] =
    "var out = [];\n"
    "class P { #v; constructor(v) { this.#v = v; } get v() { return this.#v; } }\n"
    "var m = new Map([[1, 'a'], [2, 'b']]);\n"
    "function* g() { yield* [1, 2, 3]; }\n"
    "var o = JSON.parse(JSON.stringify({ a: [1, { b: 'c' }], d: 1.5 }));\n"
    "try { null.x; } catch (e) { out.push(e.name); }\n"
    "out.push([...g()].join(''), new P(7).v, m.get(2), o.a[1].b, (2n ** 70n).toString(16),\n"
    "         [3, 1, 2].sort().join(), 'abc'.toUpperCase() + 'x'.repeat(3),\n"
    "         new Set('hello').size, Reflect.ownKeys(new Proxy({ k: 1 }, {})).join(),\n"
    "         (function (a, ...r) { return r.length; })(1, 2, 3), `t${1 + 1}`,\n"
    "         [1, [2, [3]]].toString(), Object.assign({}, { z: 1 }).z, (0.1).toFixed(5));\n"
    "async function af() { await 1; return 2; }\n"
    "af();\n"
    "out.join('|')\n";
static const char sweep_expected[] =
    "TypeError|123|7|b|c|400000000000000000|1,2,3|ABCxxx|4|k|2|t2|1,2,3|1|0.10000";

static void test_script_alloc_failures(void)
{
    int ooms = 0, bad = 0;
    char detail[700] = "", got[512];
    for (size_t extra = 0;; extra += 53 * SWEEP_SCALE) {
        JSRuntime *rt = JS_NewRuntime();
        JSContext *ctx = JS_NewContext(rt);
        JSValue ret;
        bool done;
        JS_SetMemoryLimit(rt, limit_above_use(rt, extra));
        ret = JS_Eval(ctx, sweep_src, sizeof(sweep_src) - 1, "sweep.js", 0);
        if (!JS_IsException(ret))
            run_jobs(rt);
        JS_SetMemoryLimit(rt, 0);
        if (JS_IsException(ret))
            ret = JS_GetException(ctx);
        value_text(ctx, ret, got, sizeof(got));
        JS_FreeValue(ctx, ret);
        done = strcmp(got, sweep_expected) == 0;
        if (!done && strcmp(got, OUT_OF_MEMORY) == 0)
            ooms++;
        else if (!done && bad++ == 0)
            snprintf(detail, sizeof(detail), "limit +%zu: %s", extra, got);
        if (eval_str(ctx, SMOKE_SRC, got, sizeof(got)) || strcmp(got, SMOKE_RESULT) != 0) {
            if (bad++ == 0)
                snprintf(detail, sizeof(detail), "limit +%zu: afterwards %s", extra, got);
        }
        JS_FreeContext(ctx);
        JS_FreeRuntime(rt);
        if (done)
            break;
    }
    check(ooms > 100 / SWEEP_SCALE, "script fails under small limits", NULL);
    check(bad == 0, "script under every limit: its result or out of memory", detail);
}

static void test_memory(void)
{
    test_alloc_loops();
    test_uncaught_oom();
    test_context_alloc_failures();
    test_script_alloc_failures();
}

/* ---------------------------------------------------------------------
 * Interrupts
 * ------------------------------------------------------------------- */
typedef struct InterruptState {
    int calls;
    int stop_after; /* calls before the handler asks to stop; -1 never */
} InterruptState;

static int interrupt_handler(JSRuntime *rt, void *opaque)
{
    InterruptState *st = opaque;
    st->calls++;
    return st->stop_after >= 0 && st->calls > st->stop_after;
}

typedef struct LoopCase {
    const char *name;
    const char *src; /* runs forever (or for far too long) */
} LoopCase;

static const LoopCase loop_cases[] = {
    {"for (;;) {}", "for (;;) {}"},
    {"while (true) {}", "while (true) {}"},
    {"do {} while (true)", "do {} while (true);"},
    {"labelled continue", "outer: for (;;) { for (;;) continue outer; }"},
    {"exponential recursion", "function f(n) { if (n > 100) return; f(n + 1); f(n + 1); } f(0);"},
    {"loop inside finally", "try { throw 1; } catch (e) {} finally { for (;;) {} }"},
    {"generator loop", "function* g() { for (;;) yield 1; } for (var x of g()) {}"},
    {"async function", "(async function () { for (;;) {} })();"},
    {"Promise executor", "new Promise(function () { for (;;) {} });"},
    {"Array.prototype.fill", "Array.prototype.fill.call({ length: 2 ** 53 - 1 }, 0);"},
    {"Array.prototype.join with a getter",
     "Array.prototype.join.call({ length: 2 ** 32 - 1, get 0() { return 1; } });"},
    {"Array.prototype.indexOf", "Array.prototype.indexOf.call({ length: 2 ** 53 - 1 }, 1);"},
    {"Array.prototype.reverse", "Array.prototype.reverse.call({ length: 2 ** 53 - 1 });"},
    {"Array.from", "Array.from({ length: 2 ** 32 - 1 });"},
    {"Array.prototype.sort", "Array.prototype.sort.call({ length: 2 ** 32 - 1 });"},
    {"String.raw", "String.raw({ raw: { length: 2 ** 53 - 1 } });"},
    {"property growth", "var o = {}; for (var i = 0;; i++) o['k' + i] = i;"},
};

/* each loop, run inside try/catch, is stopped: JS_Eval returns the
   uncatchable "interrupted" error and the catch block never ran */
static void test_interrupt_loops(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    InterruptState st = {0, -1};
    char src[1024], name[160], got[256];
    JS_SetInterruptHandler(rt, interrupt_handler, &st);
    for (size_t i = 0; i < sizeof(loop_cases) / sizeof(loop_cases[0]); i++) {
        const LoopCase *c = &loop_cases[i];
        JSValue ret, exc;
        st.calls = 0;
        st.stop_after = 20;
        snprintf(src, sizeof(src), "var caught = false; try { %s } catch (e) { caught = true; }",
                 c->src);
        ret = JS_Eval(ctx, src, strlen(src), "loop.js", 0);
        snprintf(name, sizeof(name), "interrupt (%s) stops it", c->name);
        check(JS_IsException(ret), name, NULL);
        JS_FreeValue(ctx, ret);
        exc = JS_GetException(ctx);
        snprintf(name, sizeof(name), "interrupt (%s) is uncatchable", c->name);
        check(JS_IsUncatchableError(ctx, exc), name, NULL);
        value_text(ctx, exc, got, sizeof(got));
        snprintf(name, sizeof(name), "interrupt (%s) error", c->name);
        check(strcmp(got, INTERRUPTED) == 0, name, got);
        JS_FreeValue(ctx, exc);
        st.stop_after = -1;
        snprintf(name, sizeof(name), "interrupt (%s): JS did not catch it", c->name);
        check_eval(ctx, "caught", false, "false", name);
        check_works(ctx, c->name);
    }
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

/* a job that loops forever is stopped too: JS_ExecutePendingJob reports
   it, and the queue goes on with the next job */
static void test_interrupt_job(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt), *job_ctx = NULL;
    InterruptState st = {0, -1};
    JSValue exc;
    int r;
    JS_SetInterruptHandler(rt, interrupt_handler, &st);
    check_eval(ctx,
               "var after = 'not run'; Promise.resolve().then(() => { for (;;) {} });"
               " Promise.resolve().then(() => { after = 'ran'; }); 'queued'",
               false, "queued", "looping job queued");
    st.stop_after = 20;
    r = JS_ExecutePendingJob(rt, &job_ctx);
    check(r < 0 && job_ctx == ctx, "looping job is stopped and reported", NULL);
    exc = JS_GetException(ctx);
    check(JS_IsUncatchableError(ctx, exc), "stopped job's error is uncatchable", NULL);
    JS_FreeValue(ctx, exc);
    st.stop_after = -1;
    check(run_jobs(rt) == 0, "the other jobs run", NULL);
    check_eval(ctx, "after", false, "ran", "the job after the stopped one ran");
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

static void test_interrupts(void)
{
    test_interrupt_loops();
    test_interrupt_job();
}

/* ---------------------------------------------------------------------
 * Stack size
 * ------------------------------------------------------------------- */
static const char depth_src[] =
    "var depth = 0; function down() { depth++; down(); }"
    " try { down(); } catch (e) { if (!(e instanceof RangeError)) throw e; } depth";

/* how deep plain recursion goes under a stack size of max_stack */
static int recursion_depth(JSRuntime *rt, JSContext *ctx, size_t max_stack)
{
    char got[64];
    JS_SetMaxStackSize(rt, max_stack);
    if (eval_text(ctx, depth_src, sizeof(depth_src) - 1, got, sizeof(got)))
        return -1;
    return atoi(got);
}

static void test_max_stack_size(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    int small = recursion_depth(rt, ctx, 128 * 1024);
    int large = recursion_depth(rt, ctx, 512 * 1024);
    char detail[96];
    snprintf(detail, sizeof(detail), "depth %d at 128 KiB, %d at 512 KiB", small, large);
    check(small > 50, "recursion works under a small stack size", detail);
    /* four times the stack: about four times the depth */
    check(large > 3 * small && large < 5 * small, "the depth follows the stack size", detail);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

/* the deep cases on a thread whose whole C stack is smaller than the
   engine's default limit, as a worker's can be */
#define SMALL_THREAD_STACK (512 * 1024)

typedef struct SmallStackRun {
    JSRuntime *rt; /* created by another thread, or NULL */
} SmallStackRun;

static void small_stack_cases(JSContext *ctx)
{
    char *nested = nested_source("[", "", "]");
    char got[256];
    check_eval(ctx, recursion_src("plain recursion"), true, STACK_OVERFLOW,
               "small stack: recursion");
    check_eval(ctx, recursion_src("JSON.stringify of nested arrays"), true, STACK_OVERFLOW,
               "small stack: JSON.stringify");
    check_eval(ctx, recursion_src("nested Proxy has"), true, STACK_OVERFLOW,
               "small stack: nested Proxy");
    if (nested) {
        bool threw = eval_text(ctx, nested, strlen(nested), got, sizeof(got));
        check(threw && strcmp(got, STACK_OVERFLOW) == 0, "small stack: nested source", got);
        free(nested);
    }
    check_works(ctx, "small stack");
}

/* the stack this thread has left below the caller: thread-local storage
   (large under ThreadSanitizer) comes out of the same allocation, so an
   embedder measures rather than trusting the size it asked for */
static size_t stack_left(void)
{
    pthread_attr_t attr;
    void *base = NULL;
    size_t size = 0;
    char here;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return 0;
    pthread_attr_getstack(&attr, &base, &size);
    pthread_attr_destroy(&attr);
    return (size_t)(&here - (char *)base);
}

static void *small_stack_thread(void *arg)
{
    SmallStackRun *run = arg;
    JSRuntime *rt = run->rt;
    JSContext *ctx;
    size_t max_stack = stack_left() / 2;
    char detail[64];
    snprintf(detail, sizeof(detail), "%zu bytes", max_stack);
    check(max_stack > 16 * 1024 && max_stack < SMALL_THREAD_STACK, "small stack: size", detail);
    if (rt) {
        JS_SetMaxStackSize(rt, max_stack);
        JS_UpdateStackTop(rt); /* the runtime was made on another thread */
    } else {
        rt = JS_NewRuntime();
        JS_SetMaxStackSize(rt, max_stack);
    }
    ctx = JS_NewContext(rt);
    small_stack_cases(ctx);
    JS_FreeContext(ctx);
    if (!run->rt)
        JS_FreeRuntime(rt);
    return NULL;
}

static void run_on_small_stack(JSRuntime *rt, const char *what)
{
    pthread_attr_t attr;
    pthread_t th;
    SmallStackRun run = {rt};
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, SMALL_THREAD_STACK);
    if (pthread_create(&th, &attr, small_stack_thread, &run) != 0) {
        check(false, what, "pthread_create failed");
    } else {
        pthread_join(th, NULL);
        check(true, what, NULL);
    }
    pthread_attr_destroy(&attr);
}

static void test_stack(void)
{
    JSRuntime *rt;
    test_max_stack_size();
    run_on_small_stack(NULL, "runtime made on a small-stack thread");
    rt = JS_NewRuntime();
    run_on_small_stack(rt, "runtime moved to a small-stack thread");
    JS_FreeRuntime(rt);
}

int main(void)
{
    test_recursion();
    test_memory();
    test_interrupts();
    test_stack();
    printf("test_limits: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
