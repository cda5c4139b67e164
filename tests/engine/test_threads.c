/*
 * test_threads.c — several runtimes on several threads at once.
 *
 * The engine promises that nothing mutable is global: each JSRuntime (and
 * its contexts) owns every piece of state it touches, so runtimes on
 * different threads never race. This test runs THREADS threads together,
 * each creating and destroying its own runtime ROUNDS times and running a
 * workload that reaches most of the engine (objects and shapes, closures,
 * classes, strings and ropes, number conversions, atoms, arrays and sort,
 * JSON, Map/Set/WeakMap, generators, symbols, Proxy/Reflect, exceptions
 * with stacks, BigInt, eval, promises and async functions through
 * JS_ExecutePendingJob, host classes with finalizers, the cycle collector).
 * Every result is compared with the one node prints for the same code.
 *
 * Under `make test-tsan` a data race between runtimes is reported by
 * ThreadSanitizer (and fails the run); without it the test still checks
 * that concurrent runtimes compute the right answers.
 *
 * Prints "test_threads: N passed, M failed"; exits non-zero on failure.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "weft.h"

#define THREADS 4
#define ROUNDS 3
#define HOST_OBJECTS 100

/* The workload: an expression whose value is a report, one "name=value"
   line per part of the engine; it also queues promise jobs whose results
   land in globalThis.asyncLog. */
static const char workload_src[] =
    "(function () {\n"
    "    \"use strict\";\n"
    "    var out = [];\n"
    "    function put(name, v) { out.push(name + \"=\" + v); }\n"
    "\n"
    "    /* objects, shapes, closures */\n"
    "    function makeCounter(start) {\n"
    "        var n = start;\n"
    "        return { inc: function () { return ++n; }, get: function () { return n; } };\n"
    "    }\n"
    "    var counters = [];\n"
    "    for (var i = 0; i < 50; i++) counters.push(makeCounter(i));\n"
    "    var total = 0;\n"
    "    for (var r = 0; r < 20; r++)\n"
    "        for (var j = 0; j < counters.length; j++) total += counters[j].inc();\n"
    "    put(\"closures\", total);\n"
    "    var objs = [];\n"
    "    for (var i = 0; i < 300; i++) {\n"
    "        var o = { a: i, b: \"s\" + i };\n"
    "        o[\"k\" + (i % 37)] = i * 2;\n"
    "        if (i % 3 === 0) delete o.a;\n"
    "        objs.push(o);\n"
    "    }\n"
    "    put(\"shapes\", objs.reduce(function (s, o) {\n"
    "        return s + Object.keys(o).length + (o.a | 0);\n"
    "    }, 0));\n"
    "\n"
    "    /* classes, getters, private fields, inheritance */\n"
    "    class Shape {\n"
    "        #id;\n"
    "        constructor(id) { this.#id = id; }\n"
    "        get id() { return this.#id; }\n"
    "        area() { return 0; }\n"
    "        toString() {\n"
    "            return this.constructor.name + \"#\" + this.#id + \":\" + this.area();\n"
    "        }\n"
    "    }\n"
    "    class Rect extends Shape {\n"
    "        constructor(id, w, h) { super(id); this.w = w; this.h = h; }\n"
    "        area() { return this.w * this.h; }\n"
    "    }\n"
    "    class Square extends Rect {\n"
    "        constructor(id, s) { super(id, s, s); }\n"
    "    }\n"
    "    put(\"classes\", [new Rect(1, 2, 3), new Square(2, 4), new Shape(3)].join(\"|\"));\n"
    "\n"
    "    /* strings and ropes */\n"
    "    var s = \"\";\n"
    "    for (var i = 0; i < 2000; i++) s += String.fromCharCode(97 + (i % 26));\n"
    "    var t = \"\";\n"
    "    for (var i = 0; i < 500; i++) t = i + \",\" + t;\n"
    "    var code = 0;\n"
    "    for (var i = 0; i < s.length; i += 7) code += s.charCodeAt(i);\n"
    "    put(\"strings\", [s.length, s.indexOf(\"xyz\"), s.lastIndexOf(\"abc\"), code,\n"
    "                    t.split(\",\").length, t.slice(0, 12), s.slice(-5).toUpperCase(),\n"
    "                    \"\\u00e9t\\u00e9 \\u0394\".toUpperCase(),\n"
    "                    \"a-b-c\".replace(\"-\", \"+\"),\n"
    "                    \"  pad \".trim().padStart(6, \"*\"),\n"
    "                    \"x\".repeat(3).concat(\"y\")].join(\";\"));\n"
    "\n"
    "    /* numbers */\n"
    "    put(\"numbers\", [0.1 + 0.2, (1234.5678).toFixed(2), (0.000001234).toPrecision(3),\n"
    "                    (255).toString(16), (-0).toString(), 1e21, 2 ** -1074,\n"
    "                    Math.max(3, 7, -1),\n"
    "                    parseFloat(\"3.25e2\"), parseInt(\"0x1f\"), Number(\"  12  \"),\n"
    "                    (123.456).toExponential(4), 1 / 3].join(\";\"));\n"
    "\n"
    "    /* many distinct property keys (atoms) and number-to-string conversions */\n"
    "    var big = {};\n"
    "    var digits = 0;\n"
    "    for (var i = 0; i < 3000; i++) {\n"
    "        big[\"p\" + i] = i / 7;\n"
    "        digits += String(big[\"p\" + i]).length;\n"
    "    }\n"
    "    put(\"atoms\", Object.keys(big).length + \";\" + digits + \";\" + big.p2999);\n"
    "\n"
    "    /* arrays and sort */\n"
    "    var nums = [];\n"
    "    var seed = 12345;\n"
    "    for (var i = 0; i < 500; i++) {\n"
    "        seed = (seed * 16807) % 2147483647;\n"
    "        nums.push(seed % 1000);\n"
    "    }\n"
    "    var sorted = nums.slice().sort(function (a, b) { return a - b; });\n"
    "    var words = [\"pear\", \"apple\", \"fig\", \"banana\", \"cherry\", \"date\"].sort();\n"
    "    var stable = [[3, \"a\"], [1, \"b\"], [3, \"c\"], [1, \"d\"]].sort(function (x, y) {\n"
    "        return x[0] - y[0];\n"
    "    });\n"
    "    put(\"arrays\", [sorted[0], sorted[250], sorted[499], words.join(\",\"),\n"
    "                   stable.map(function (p) { return p[1]; }).join(\"\"),\n"
    "                   nums.filter(function (x) { return x % 2; }).length,\n"
    "                   [1, [2, [3, [4]]]].flat(Infinity).join(\"\"),\n"
    "                   Array.from({ length: 5 }, function (_, k) {\n"
    "                       return k * k;\n"
    "                   }).join(\",\"),\n"
    "                   [5, 1, 4].reverse().indexOf(1), [1, 2, 3].includes(2)].join(\";\"));\n"
    "\n"
    "    /* JSON round trip */\n"
    "    var data = { name: \"weft\", list: [1, 2.5, \"x\", null, true, { deep: [[]] }],\n"
    "                 nested: { a: { b: { c: \"\\u2028\\n\\\"q\\\"\" } } },\n"
    "                 n: -0, u: undefined };\n"
    "    var json = JSON.stringify(data);\n"
    "    var back = JSON.parse(json);\n"
    "    put(\"json\", json + \"|\" + (JSON.stringify(back) === json) + \"|\" +\n"
    "        JSON.stringify({ b: [1, { c: 2 }] }, null, 2).length);\n"
    "\n"
    "    /* Map, Set, WeakMap */\n"
    "    var m = new Map();\n"
    "    for (var i = 0; i < 1000; i++) m.set(\"key\" + i, i);\n"
    "    for (var i = 0; i < 1000; i += 2) m.delete(\"key\" + i);\n"
    "    var msum = 0;\n"
    "    m.forEach(function (v) { msum += v; });\n"
    "    var set = new Set([3, 1, 3, 2, 1, \"1\"]);\n"
    "    var wm = new WeakMap();\n"
    "    var keyObj = {};\n"
    "    wm.set(keyObj, 42);\n"
    "    put(\"collections\", [m.size, msum, Array.from(set).join(\",\"), wm.get(keyObj),\n"
    "                        [...new Map([[1, \"a\"], [2, \"b\"]]).entries()].join(\"/\")\n"
    "                       ].join(\";\"));\n"
    "\n"
    "    /* generators and iterators */\n"
    "    function* fib() {\n"
    "        var a = 0, b = 1;\n"
    "        for (;;) { yield a; var c = a + b; a = b; b = c; }\n"
    "    }\n"
    "    var fibs = [];\n"
    "    for (var f of fib()) { if (f > 1000) break; fibs.push(f); }\n"
    "    function* inner() { var x = yield 1; yield x * 2; return \"done\"; }\n"
    "    function* outer() { var r = yield* inner(); yield r; }\n"
    "    var g = outer();\n"
    "    var steps = [g.next().value, g.next(21).value, g.next().value, g.next().done];\n"
    "    put(\"generators\",\n"
    "        fibs.length + \";\" + fibs[fibs.length - 1] + \";\" + steps.join(\",\"));\n"
    "\n"
    "    /* symbols, Proxy, Reflect */\n"
    "    var sym = Symbol.for(\"weft.shared\");\n"
    "    var tagged = {};\n"
    "    tagged[sym] = 1;\n"
    "    var logged = [];\n"
    "    var proxy = new Proxy({ x: 1 }, {\n"
    "        get: function (target, key, recv) {\n"
    "            logged.push(String(key));\n"
    "            return Reflect.get(target, key, recv);\n"
    "        }\n"
    "    });\n"
    "    put(\"meta\", [Symbol.keyFor(sym), Object.getOwnPropertySymbols(tagged).length,\n"
    "                 proxy.x, proxy.y, logged.join(\",\"),\n"
    "                 Reflect.ownKeys({ b: 1, a: 2, 1: 3 }).join(\",\")].join(\";\"));\n"
    "\n"
    "    /* exceptions with stacks */\n"
    "    function thrower(n) {\n"
    "        if (n === 0) throw new TypeError(\"deep \" + n);\n"
    "        return thrower(n - 1);\n"
    "    }\n"
    "    var caught;\n"
    "    try { thrower(5); } catch (e) { caught = e; }\n"
    "    put(\"errors\", [caught.name, caught.message, caught instanceof TypeError,\n"
    "                   typeof caught.stack === \"string\" &&\n"
    "                       caught.stack.indexOf(\"thrower\") >= 0,\n"
    "                   (function () {\n"
    "                       try { null.x; } catch (e) { return e.constructor.name; }\n"
    "                   })(),\n"
    "                   (function () {\n"
    "                       try { undefinedVar; } catch (e) { return e.name; }\n"
    "                   })()].join(\";\"));\n"
    "\n"
    "    /* BigInt */\n"
    "    var fact = 1n;\n"
    "    for (var i = 1n; i <= 30n; i++) fact *= i;\n"
    "    put(\"bigint\", [fact, 2n ** 100n, (-(2n ** 64n)) / 3n, BigInt.asUintN(8, 257n),\n"
    "                   10n % 3n].join(\";\"));\n"
    "\n"
    "    /* eval and Function */\n"
    "    put(\"eval\", [eval(\"1 + 2 * 3\"), new Function(\"a\", \"b\", \"return a * b\")(6, 7),\n"
    "                 (0, eval)(\"typeof globalThis\")].join(\";\"));\n"
    "\n"
    "    /* cycles for the collector */\n"
    "    for (var i = 0; i < 2000; i++) {\n"
    "        var a = { i: i }, b = { a: a };\n"
    "        a.b = b;\n"
    "        var fn = function () { return fn; };\n"
    "        fn.self = fn;\n"
    "    }\n"
    "\n"
    "    /* promises and async functions: results land in globalThis.asyncLog */\n"
    "    globalThis.asyncLog = [];\n"
    "    async function add(x, y) { await null; return x + y; }\n"
    "    async function chain() {\n"
    "        var v = await add(1, 2);\n"
    "        v = await new Promise(function (res) { res(v * 10); });\n"
    "        try {\n"
    "            await Promise.reject(new Error(\"no\"));\n"
    "        } catch (e) {\n"
    "            v += e.message.length;\n"
    "        }\n"
    "        return v;\n"
    "    }\n"
    "    chain().then(function (v) { asyncLog.push(\"chain:\" + v); });\n"
    "    Promise.all([1, add(2, 3), Promise.resolve(4)]).then(function (vs) {\n"
    "        asyncLog.push(\"all:\" + vs);\n"
    "    });\n"
    "    Promise.resolve().then(function () { asyncLog.push(\"micro1\"); });\n"
    "    asyncLog.push(\"sync\");\n"
    "    return out.join(\"\\n\");\n"
    "})()\n";

/* the report as node v20 prints it for the same code */
static const char workload_expected[] =
    "closures=35000\n"
    "shapes=30800\n"
    "classes=Rect#1:6|Square#2:16|Shape#3:0\n"
    "strings=2000;23;1976;31317;501;499,498,497,;TUVWX;\303\211T\303\211 "
    "\316\224;a+b-c;***pad;xxxy\n"
    "numbers=0.30000000000000004;1234.57;0.00000123;ff;0;1e+21;5e-324;7;325;31;12;1.2346e+2;0."
    "3333333333333333\n"
    "atoms=3000;46792;428.42857142857144\n"
    "arrays=1;508;999;apple,banana,cherry,date,fig,pear;bdac;263;1234;0,1,4,9,16;1;true\n"
    "json={\"name\":\"weft\",\"list\":[1,2.5,\"x\",null,true,{\"deep\":[[]]}],\"nested\":{\"a\":{"
    "\"b\":{\"c\":\"\342\200\250\\n\\\"q\\\"\"}}},\"n\":0}|true|48\n"
    "collections=500;250000;3,1,2,1;42;1,a/2,b\n"
    "generators=17;987;1,42,done,true\n"
    "meta=weft.shared;1;1;;x,y;1,b,a\n"
    "errors=TypeError;deep 0;true;true;TypeError;ReferenceError\n"
    "bigint=265252859812191058636308480000000;1267650600228229401496703205376;-6148914691236517205;"
    "1;1\n"
    "eval=7;42;object";
static const char async_expected[] = "sync,micro1,all:1,5,4,chain:32";

typedef struct ThreadState {
    int index;
    int passed, failed;
    JSClassID host_class; /* this runtime's id of the host class */
    int finalized;        /* host objects finalized in the current round */
    long polls;           /* interrupt handler calls in the current round */
} ThreadState;

static pthread_barrier_t start_barrier;

static void check(ThreadState *ts, int round, bool ok, const char *what, const char *detail)
{
    if (ok) {
        ts->passed++;
        return;
    }
    ts->failed++;
    printf("FAIL thread %d round %d: %s%s%s\n", ts->index, round, what, detail ? ": " : "",
           detail ? detail : "");
}

/* the pending exception as text (taken from the context) */
static void take_exception_text(JSContext *ctx, char *buf, size_t size)
{
    JSValue exc = JS_GetException(ctx);
    const char *s = JS_ToCString(ctx, exc);
    snprintf(buf, size, "exception: %s", s ? s : "?");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, exc);
}

/* checks that val (freed here) is the string expected */
static void check_string(ThreadState *ts, int round, JSContext *ctx, JSValue val,
                         const char *expected, const char *what)
{
    char text[4096];
    if (JS_IsException(val)) {
        take_exception_text(ctx, text, sizeof(text));
    } else {
        const char *s = JS_ToCString(ctx, val);
        snprintf(text, sizeof(text), "%s", s ? s : "(not a string)");
        JS_FreeCString(ctx, s);
        JS_FreeValue(ctx, val);
    }
    check(ts, round, strcmp(text, expected) == 0, what, text);
}

static int count_polls(JSRuntime *rt, void *opaque)
{
    ThreadState *ts = opaque;
    ts->polls++;
    return 0;
}

static void host_finalizer(JSRuntime *rt, JSValue val)
{
    ThreadState *ts = JS_GetRuntimeOpaque(rt);
    if (JS_GetOpaque(val, ts->host_class) == ts)
        ts->finalized++;
}

/* HOST_OBJECTS instances of a host class in globalThis.hosts; every other
   one refers to itself, so only the cycle collector can free it */
static bool make_host_objects(ThreadState *ts, JSContext *ctx)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSClassDef def = {.class_name = "Host", .finalizer = host_finalizer};
    JSValue global, arr;
    ts->host_class = 0;
    JS_NewClassID(rt, &ts->host_class);
    if (JS_NewClass(rt, ts->host_class, &def) < 0)
        return false;
    arr = JS_NewArray(ctx);
    for (uint32_t i = 0; i < HOST_OBJECTS; i++) {
        JSValue obj = JS_NewObjectClass(ctx, ts->host_class);
        JS_SetOpaque(obj, ts);
        if (i % 2)
            JS_SetPropertyStr(ctx, obj, "self", JS_DupValue(ctx, obj));
        JS_SetPropertyUint32(ctx, arr, i, obj);
    }
    global = JS_GetGlobalObject(ctx);
    JS_SetPropertyStr(ctx, global, "hosts", arr);
    JS_FreeValue(ctx, global);
    return true;
}

static int run_jobs(JSRuntime *rt)
{
    JSContext *job_ctx;
    int r;
    while ((r = JS_ExecutePendingJob(rt, &job_ctx)) > 0)
        continue;
    return r;
}

/* an error thrown two calls deep reaches C with its name, message and a
   stack naming the functions and the file */
static void check_uncaught_error(ThreadState *ts, int round, JSContext *ctx)
{
    static const char src[] = "function outerFn() { innerFn(); }\n"
                              "function innerFn() { throw new RangeError('bad ' + 42); }\n"
                              "outerFn();\n";
    JSValue ret = JS_Eval(ctx, src, sizeof(src) - 1, "thread.js", JS_EVAL_TYPE_GLOBAL);
    JSValue exc, stack;
    const char *s;
    check(ts, round, JS_IsException(ret), "uncaught error reaches C", NULL);
    exc = JS_GetException(ctx);
    check(ts, round, JS_IsError(ctx, exc), "uncaught error is an Error", NULL);
    check_string(ts, round, ctx, JS_ToString(ctx, exc), "RangeError: bad 42", "error text");
    stack = JS_GetPropertyStr(ctx, exc, "stack");
    s = JS_ToCString(ctx, stack);
    check(ts, round, s && strstr(s, "innerFn (thread.js:2:") && strstr(s, "outerFn (thread.js:1:"),
          "error stack", s);
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, stack);
    JS_FreeValue(ctx, exc);
}

/* a memory limit a little above what is in use: an allocating loop ends
   in a catchable out-of-memory error, and the runtime goes on */
static void check_out_of_memory(ThreadState *ts, int round, JSContext *ctx)
{
    static const char src[] = "var hog = [];\n"
                              "try { for (;;) hog.push({ n: hog.length, s: 'x' + hog.length }); }\n"
                              "catch (e) { hog = null; String(e); }\n";
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSMemoryUsage mu;
    JS_ComputeMemoryUsage(rt, &mu);
    JS_SetMemoryLimit(rt, (size_t)mu.malloc_size + 2 * 1024 * 1024);
    check_string(ts, round, ctx, JS_Eval(ctx, src, sizeof(src) - 1, "oom.js", 0),
                 "InternalError: out of memory", "out of memory is catchable");
    JS_SetMemoryLimit(rt, 0);
}

/* dropping globalThis.hosts and collecting frees every host object and
   every cycle the workload left behind */
static void check_gc(ThreadState *ts, int round, JSContext *ctx, int64_t base_objects)
{
    static const char src[] = "hosts = undefined;";
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSMemoryUsage mu;
    char detail[64];
    JS_FreeValue(ctx, JS_Eval(ctx, src, sizeof(src) - 1, "gc.js", 0));
    JS_RunGC(rt);
    snprintf(detail, sizeof(detail), "%d finalized", ts->finalized);
    check(ts, round, ts->finalized == HOST_OBJECTS, "host objects finalized", detail);
    JS_ComputeMemoryUsage(rt, &mu);
    snprintf(detail, sizeof(detail), "%lld objects, %lld before", (long long)mu.obj_count,
             (long long)base_objects);
    check(ts, round, mu.obj_count < base_objects + 100, "cycles collected", detail);
}

static void run_round(ThreadState *ts, int round)
{
    static const char async_src[] = "asyncLog.join()";
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx;
    JSMemoryUsage mu;
    check(ts, round, rt != NULL, "JS_NewRuntime", NULL);
    if (!rt)
        return;
    JS_SetRuntimeOpaque(rt, ts);
    JS_SetInterruptHandler(rt, count_polls, ts);
    /* odd rounds leave every cycle of the workload to JS_RunGC in
       check_gc; even rounds let the collector run while the code runs */
    if (round % 2)
        JS_SetGCThreshold(rt, SIZE_MAX);
    ctx = JS_NewContext(rt);
    check(ts, round, ctx != NULL, "JS_NewContext", NULL);
    if (!ctx) {
        JS_FreeRuntime(rt);
        return;
    }
    ts->finalized = 0;
    ts->polls = 0;
    JS_ComputeMemoryUsage(rt, &mu);
    check(ts, round, make_host_objects(ts, ctx), "host class", NULL);

    check_string(ts, round, ctx,
                 JS_Eval(ctx, workload_src, sizeof(workload_src) - 1, "workload.js", 0),
                 workload_expected, "workload");
    check(ts, round, run_jobs(rt) == 0, "promise jobs", NULL);
    check_string(ts, round, ctx, JS_Eval(ctx, async_src, sizeof(async_src) - 1, "log.js", 0),
                 async_expected, "async results");
    check(ts, round, ts->polls > 0, "interrupt handler polled", NULL);
    check_uncaught_error(ts, round, ctx);
    check_out_of_memory(ts, round, ctx);
    check_gc(ts, round, ctx, mu.obj_count);

    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    check(ts, round, ts->finalized == HOST_OBJECTS, "nothing finalized twice", NULL);
}

static void *thread_main(void *arg)
{
    ThreadState *ts = arg;
    pthread_barrier_wait(&start_barrier);
    for (int round = 0; round < ROUNDS; round++)
        run_round(ts, round);
    return NULL;
}

int main(void)
{
    pthread_t threads[THREADS];
    ThreadState states[THREADS];
    int passed = 0, failed = 0, started = 0;
    pthread_barrier_init(&start_barrier, NULL, THREADS);
    for (int i = 0; i < THREADS; i++) {
        states[i] = (ThreadState){.index = i};
        if (pthread_create(&threads[i], NULL, thread_main, &states[i]) != 0) {
            printf("FAIL pthread_create %d\n", i);
            return 1; /* the others wait at the barrier forever otherwise */
        }
        started++;
    }
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        passed += states[i].passed;
        failed += states[i].failed;
    }
    pthread_barrier_destroy(&start_barrier);
    printf("test_threads: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
