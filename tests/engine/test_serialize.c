/*
 * test_serialize.c — value serialization (JS_WriteObject2, JS_ReadObject,
 * the transfer variants) through the public API only.
 *
 *  - round trips of every cloneable kind, read back in the same runtime
 *    and in a second runtime, each checked by a JS predicate on the clone;
 *  - identity and cycles with and without JS_WRITE_OBJ_REFERENCE;
 *  - SharedArrayBuffers: the pointer list, memory shared across runtimes;
 *  - transfer: the sender detached (views read length 0), zero copy for
 *    large buffers, the memory accounting moved, every refusal leaving
 *    the buffers attached;
 *  - every refusal of the writer (TypeError "... could not be cloned")
 *    without leaking;
 *  - the reader on hostile input: hand-made bad records, every truncation
 *    of every valid encoding, random mutations, deep nesting, the memory
 *    limit — an exception every time, never a crash (run it under ASan:
 *    make BUILD=build-asan-ser OPT=-O1 SAN="-fsanitize=address,undefined"
 *    unit).
 *
 * Prints "N passed, M failed"; exits non-zero on failure. With an argument
 * DIR it also writes the valid encodings into DIR as the fuzzer's seeds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft.h"
#include "serialize.h" /* the tags, for hand-made input */

static int passed, failed;
static JSRuntime *rt1, *rt2;
static JSContext *ctx1, *ctx2;

#define RW_FLAGS (JS_WRITE_OBJ_REFERENCE)
#define RR_FLAGS (JS_READ_OBJ_REFERENCE)

static void check(bool ok, const char *scenario, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s: %s\n", scenario, what);
    }
}

static JSValue eval(JSContext *ctx, const char *src)
{
    return JS_Eval(ctx, src, strlen(src), "<test>", JS_EVAL_TYPE_GLOBAL);
}

/* the pending exception's text (static buffer), and whether there was one */
static const char *take_exception(JSContext *ctx)
{
    static char buf[256];
    JSValue e = JS_GetException(ctx);
    const char *s = JS_ToCString(ctx, e);
    snprintf(buf, sizeof(buf), "%s", s ? s : "(no text)");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, e);
    return buf;
}

/* evaluates src for its effects */
static void run(JSContext *ctx, const char *src)
{
    JSValue v = eval(ctx, src);
    if (JS_IsException(v))
        printf("  exception in setup: %s\n", take_exception(ctx));
    JS_FreeValue(ctx, v);
}

static void set_global(JSContext *ctx, const char *name, JSValue v)
{
    JSValue g = JS_GetGlobalObject(ctx);
    JS_SetPropertyStr(ctx, g, name, v);
    JS_FreeValue(ctx, g);
}

/* evaluates a predicate; false (with the reason printed) on an exception */
static bool eval_true(JSContext *ctx, const char *src)
{
    JSValue v = eval(ctx, src);
    bool ok;
    if (JS_IsException(v)) {
        printf("  exception in check: %s\n", take_exception(ctx));
        return false;
    }
    ok = JS_ToBool(ctx, v);
    JS_FreeValue(ctx, v);
    return ok;
}

static int64_t malloc_count(JSRuntime *rt)
{
    JSMemoryUsage mu;
    JS_RunGC(rt);
    JS_ComputeMemoryUsage(rt, &mu);
    return mu.malloc_count;
}

static int64_t malloc_size(JSRuntime *rt)
{
    JSMemoryUsage mu;
    JS_RunGC(rt);
    JS_ComputeMemoryUsage(rt, &mu);
    return mu.malloc_size;
}

/* ---------------------------------------------------------------------
 * Valid encodings kept for the truncation and mutation tests (and the
 * fuzzer's seeds)
 * ------------------------------------------------------------------- */
#define MAX_SAMPLES 256
static uint8_t *samples[MAX_SAMPLES];
static size_t sample_len[MAX_SAMPLES];
static int sample_count;

static void keep_sample(const uint8_t *buf, size_t len)
{
    if (sample_count < MAX_SAMPLES) {
        samples[sample_count] = malloc(len);
        memcpy(samples[sample_count], buf, len);
        sample_len[sample_count++] = len;
    }
}

/* ---------------------------------------------------------------------
 * Round trips
 * ------------------------------------------------------------------- */
typedef struct Case {
    const char *src;   /* evaluated in ctx1: the value to clone */
    const char *check; /* evaluated where the clone is, as `r` */
} Case;

/* writes src's value in ctx1 and reads it in dst; checks the predicate */
static void roundtrip_in(const Case *c, JSContext *dst, const char *where, int wflags, int rflags)
{
    char what[512];
    JSValue v = eval(ctx1, c->src), r;
    size_t len;
    uint8_t *buf;
    snprintf(what, sizeof(what), "%s [%s]", c->src, where);
    if (JS_IsException(v)) {
        printf("  source threw: %s\n", take_exception(ctx1));
        check(false, what, "source");
        return;
    }
    buf = JS_WriteObject(ctx1, &len, v, wflags);
    JS_FreeValue(ctx1, v);
    if (!buf) {
        printf("  write threw: %s\n", take_exception(ctx1));
        check(false, what, "write");
        return;
    }
    if (dst == ctx1)
        keep_sample(buf, len);
    r = JS_ReadObject(dst, buf, len, rflags);
    js_free(ctx1, buf);
    if (JS_IsException(r)) {
        printf("  read threw: %s\n", take_exception(dst));
        check(false, what, "read");
        return;
    }
    set_global(dst, "r", r);
    check(eval_true(dst, c->check), what, c->check);
    set_global(dst, "r", JS_UNDEFINED);
}

static const Case value_cases[] = {
    /* primitives */
    {"undefined", "r === undefined"},
    {"null", "r === null"},
    {"true", "r === true"},
    {"false", "r === false"},
    {"42", "r === 42"},
    {"-7", "r === -7"},
    {"-2147483648", "r === -2147483648"},
    {"2 ** 31", "r === 2147483648"},
    {"1.5", "r === 1.5"},
    {"-0", "Object.is(r, -0)"},
    {"NaN", "Number.isNaN(r)"},
    {"-Infinity", "r === -Infinity"},
    {"2 ** 53 + 2", "r === 9007199254740994"},
    {"5e-324", "r === 5e-324"},
    {"''", "r === ''"},
    {"'abc'", "r === 'abc'"},
    {"'caf\\xe9 \\xff'", "r === 'caf\\xe9 \\xff' && r.length === 6"},
    {"'日本語'", "r === '日本語'"},
    {"'a\\ud800b\\udfffc'", "r === 'a\\ud800b\\udfffc' && r.length === 5"},
    {"'\\ud83d\\ude00'", "r === '\\u{1F600}'"},
    {"'x'.repeat(1000) + 'y'.repeat(1000)",
     "r.length === 2000 && r[999] === 'x' && r[1000] === 'y'"},
    {"'\\u0100'.repeat(300)", "r === '\\u0100'.repeat(300)"},
    {"0n", "r === 0n"},
    {"123n", "r === 123n"},
    {"-123n", "r === -123n"},
    {"2n ** 200n + 7n", "r === 2n ** 200n + 7n"},
    {"-(2n ** 64n)", "r === -(2n ** 64n)"},
    /* wrapper objects */
    {"new Number(-0)", "typeof r === 'object' && Object.is(r.valueOf(), -0)"},
    {"new Number(3.25)", "r instanceof Number && r.valueOf() === 3.25"},
    {"new String('ab\\u0100')",
     "r instanceof String && r.valueOf() === 'ab\\u0100' && r.length === 3"},
    {"new Boolean(false)", "r instanceof Boolean && r.valueOf() === false"},
    {"new Boolean(true)", "typeof r === 'object' && r.valueOf() === true"},
    {"Object(10n ** 30n)", "typeof r === 'object' && r.valueOf() === 10n ** 30n"},
    /* Date, RegExp */
    {"new Date(1234567890123)", "r instanceof Date && r.getTime() === 1234567890123"},
    {"new Date(NaN)", "r instanceof Date && Number.isNaN(r.getTime())"},
    {"/a+b/gi", "r instanceof RegExp && r.source === 'a+b' && r.flags === 'gi' && r.test('xAAB')"},
    {"(() => { const x = /x/y; x.lastIndex = 3; return x; })()", "r.sticky && r.lastIndex === 0"},
    {"/(?<n>\\u{1F600})/du",
     "r.unicode && r.hasIndices && r.exec('\\u{1F600}').groups.n === '\\u{1F600}'"},
    {"new RegExp('a/b', 'v')", "r.unicodeSets && r.source === 'a\\\\/b' && r.test('a/b')"},
    /* arrays */
    {"[1, 'a', null, [2, [3]]]", "JSON.stringify(r) === '[1,\"a\",null,[2,[3]]]'"},
    {"[]", "Array.isArray(r) && r.length === 0"},
    {"[1, , 3]", "r.length === 3 && !(1 in r) && r[2] === 3"},
    {"(() => { const a = [1, 2]; a.length = 10; return a; })()",
     "r.length === 10 && r[1] === 2 && !(5 in r)"},
    {"(() => { const a = []; a[1000000] = 'x'; return a; })()",
     "r.length === 1000001 && r[1000000] === 'x' && Object.keys(r).length === 1"},
    {"(() => { const a = [1, 2]; a.foo = 'bar'; a[-1] = 'm'; return a; })()",
     "r.length === 2 && r.foo === 'bar' && r['-1'] === 'm' && Object.keys(r).join() === "
     "'0,1,foo,-1'"},
    {"(() => { const a = []; a[4294967294] = 1; return a; })()",
     "r.length === 4294967295 && r[4294967294] === 1"},
    {"(() => { const a = [1, 2, 3]; Object.defineProperty(a, 1, {get() { return 9; }, enumerable: "
     "true}); return a; })()",
     "r[1] === 9 && Object.getOwnPropertyDescriptor(r, 1).value === 9"},
    {"(() => { const a = [1, 2, 3]; Object.defineProperty(a, 1, {value: 5, enumerable: false}); "
     "return a; })()",
     "r.length === 3 && !(1 in r) && r[2] === 3"},
    {"(function () { return arguments; })(1, 'b')",
     "!Array.isArray(r) && r[0] === 1 && r[1] === 'b' && r.length === undefined"},
    /* plain objects */
    {"({a: 1, b: {c: [1, 2]}, d: 'x'})",
     "JSON.stringify(r) === '{\"a\":1,\"b\":{\"c\":[1,2]},\"d\":\"x\"}'"},
    {"({b: 1, 2: 1, a: 1, 1: 1, '4294967295': 1, '4294967294': 1})",
     "Object.keys(r).join() === '1,2,4294967294,b,a,4294967295'"},
    {"({get x() { return 5; }})",
     "r.x === 5 && Object.getOwnPropertyDescriptor(r, 'x').value === 5"},
    {"Object.defineProperty({v: 1}, 'h', {value: 1, enumerable: false})",
     "r.v === 1 && !('h' in r)"},
    {"({[Symbol('s')]: 1, k: 2})", "Object.getOwnPropertySymbols(r).length === 0 && r.k === 2"},
    {"new (class Foo { constructor() { this.q = 1; } })()",
     "r.constructor === Object && r.q === 1"},
    {"Object.create(null)", "Object.getPrototypeOf(r) === Object.prototype"},
    {"JSON.parse('{\"__proto__\": 5}')",
     "Object.getOwnPropertyNames(r).join() === '__proto__' && Object.getOwnPropertyDescriptor(r, "
     "'__proto__').value === 5"},
    {"({get a() { delete this.b; return 1; }, b: 2, c: 3})",
     "r.a === 1 && !('b' in r) && r.c === 3"},
    {"(() => { const a = [{get x() { a.length = 1; return 1; }}, 2, 3]; return a; })()",
     "r.length === 3 && r[0].x === 1 && !(1 in r) && !(2 in r)"},
    {"(() => { const o = {}; for (let i = 0; i < 100; i++) o['k' + i] = i; return o; })()",
     "Object.keys(r).length === 100 && r.k99 === 99 && Object.keys(r)[50] === 'k50'"},
    {"Array.from({length: 50}, (_, i) => ({x: i, y: 'v' + i}))",
     "r.length === 50 && r[49].x === 49 && r[49].y === 'v49'"},
    /* binary data */
    {"new Uint8Array([1, 2, 3]).buffer",
     "r instanceof ArrayBuffer && r.byteLength === 3 && new Uint8Array(r)[2] === 3"},
    {"new ArrayBuffer(0)", "r instanceof ArrayBuffer && r.byteLength === 0"},
    {"new Uint8Array(100000).fill(7).buffer",
     "r.byteLength === 100000 && new Uint8Array(r)[99999] === 7"},
    {"new ArrayBuffer(4, {maxByteLength: 16})",
     "r.resizable && r.maxByteLength === 16 && r.byteLength === 4 && (r.resize(16), r.byteLength "
     "=== 16)"},
    {"new Int8Array([-1, 2])", "r instanceof Int8Array && r[0] === -1 && r.length === 2"},
    {"new Uint8ClampedArray([300])", "r instanceof Uint8ClampedArray && r[0] === 255"},
    {"new Int16Array([-300, 7])", "r instanceof Int16Array && r[0] === -300"},
    {"new Uint16Array([65535])", "r instanceof Uint16Array && r[0] === 65535"},
    {"new Int32Array([-5, 1 << 30])", "r instanceof Int32Array && r[1] === 1 << 30"},
    {"new Uint32Array([4294967295])", "r instanceof Uint32Array && r[0] === 4294967295"},
    {"new Float16Array([1.5, -2])", "r instanceof Float16Array && r[0] === 1.5 && r[1] === -2"},
    {"new Float32Array([0.5, NaN])",
     "r instanceof Float32Array && r[0] === 0.5 && Number.isNaN(r[1])"},
    {"new Float64Array([Math.PI, -0])",
     "r instanceof Float64Array && r[0] === Math.PI && Object.is(r[1], -0)"},
    {"new BigInt64Array([-5n, 2n ** 62n])",
     "r instanceof BigInt64Array && r[0] === -5n && r[1] === 2n ** 62n"},
    {"new BigUint64Array([2n ** 64n - 1n])",
     "r instanceof BigUint64Array && r[0] === 2n ** 64n - 1n"},
    {"new Uint16Array(new ArrayBuffer(16), 4, 3)",
     "r.byteOffset === 4 && r.length === 3 && r.buffer.byteLength === 16"},
    {"(() => { const b = new ArrayBuffer(8); return [new Uint8Array(b), new Uint16Array(b, 2, 2), "
     "b]; })()",
     "r[0].buffer === r[1].buffer && r[2] === r[0].buffer && (r[1][0] = 0x0102, r[0][2] === 2)"},
    {"new Uint8Array(new ArrayBuffer(4, {maxByteLength: 8}))",
     "r.length === 4 && (r.buffer.resize(8), r.length === 8)"},
    {"new Uint8Array(new ArrayBuffer(4, {maxByteLength: 8}), 1, 2)",
     "r.length === 2 && (r.buffer.resize(8), r.length === 2)"},
    {"new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2)",
     "r instanceof DataView && r.byteOffset === 1 && r.byteLength === 2 && r.getUint16(0) === "
     "0x0203"},
    {"new DataView(new ArrayBuffer(2, {maxByteLength: 4}))",
     "r.byteLength === 2 && (r.buffer.resize(4), r.byteLength === 4)"},
    /* Map, Set */
    {"new Map([[1, 'a'], [{k: 1}, 'b'], ['s', [1]]])",
     "r instanceof Map && r.size === 3 && r.get(1) === 'a' && [...r.keys()][1].k === 1 && "
     "r.get('s')[0] === 1"},
    {"new Set([1, 'x', NaN, -0, {}])",
     "r instanceof Set && r.size === 5 && r.has(NaN) && r.has(0) && r.has('x')"},
    {"new Map()", "r instanceof Map && r.size === 0"},
    {"(() => { const m = new Map([[1, {get g() { m.delete(2); return 1; }}], [2, 'two']]); return "
     "m; })()",
     "r.size === 2 && r.get(2) === 'two'"},
    /* errors */
    {"new Error('boom')", "r instanceof Error && r.constructor === Error && r.message === 'boom' "
                          "&& r.stack.startsWith('Error: boom')"},
    {"new TypeError('t')",
     "r.constructor === TypeError && r.message === 't' && r.name === 'TypeError'"},
    {"new RangeError('r')", "r.constructor === RangeError && r.message === 'r'"},
    {"new SyntaxError('s')", "r.constructor === SyntaxError"},
    {"new ReferenceError('f')", "r.constructor === ReferenceError"},
    {"new URIError('u')", "r.constructor === URIError"},
    {"new EvalError('e')", "r.constructor === EvalError"},
    {"new Error()", "r.constructor === Error && !Object.hasOwn(r, 'message') && r.message === ''"},
    {"new AggregateError([new Error('e1'), 2], 'agg')",
     "r.constructor === AggregateError && r.message === 'agg' && r.errors[0].message === 'e1' && "
     "r.errors[1] === 2"},
    {"new Error('x', {cause: {c: 5}})",
     "r.cause.c === 5 && !Object.getOwnPropertyDescriptor(r, 'cause').enumerable"},
    {"new Error('x', {cause: undefined})", "Object.hasOwn(r, 'cause') && r.cause === undefined"},
    {"(() => { class MyErr extends RangeError { constructor(m) { super(m); this.name = 'MyErr'; } "
     "} return new MyErr('mine'); })()",
     "r.constructor === RangeError && r.name === 'MyErr' && r.message === 'mine'"},
    {"(() => { class Foo extends Error {} Foo.prototype.name = 'Foo'; return new Foo('f'); })()",
     "r.constructor === Error && r.name === 'Foo' && Object.getPrototypeOf(r) === Error.prototype"},
    {"(() => { const e = new Error('c'); e.cause = e; return e; })()", "r.cause === r"},
    {"(() => { const a = new AggregateError([], 'a'); a.errors.push(a); return a; })()",
     "r.errors[0] === r"},
    {"(() => { const e = new TypeError('s'); e.stack = 'custom'; return e; })()",
     "r.stack === 'custom'"},
    {"Object.setPrototypeOf(new TypeError('np'), null)",
     "r.constructor === Error && r.message === 'np'"},
    /* identity and cycles */
    {"(() => { const o = {}; return [o, o]; })()", "r[0] === r[1]"},
    {"(() => { const a = []; a.push(a); return a; })()", "r[0] === r"},
    {"(() => { const o = {}; o.self = o; o.arr = [o]; return o; })()",
     "r.self === r && r.arr[0] === r"},
    {"(() => { const m = new Map(); m.set(m, m); return m; })()", "r.get(r) === r"},
    {"(() => { const s = new Set(); s.add(s); return s; })()", "r.has(r)"},
    {"(() => { const d = new Date(5); return {a: d, b: d}; })()",
     "r.a === r.b && r.a.getTime() === 5"},
};

static void test_roundtrips(void)
{
    for (size_t i = 0; i < sizeof(value_cases) / sizeof(value_cases[0]); i++) {
        roundtrip_in(&value_cases[i], ctx1, "same runtime", RW_FLAGS, RR_FLAGS);
        roundtrip_in(&value_cases[i], ctx2, "other runtime", RW_FLAGS, RR_FLAGS);
    }
}

/* without JS_WRITE_OBJ_REFERENCE: copies instead of shared references,
   a cycle is a TypeError, a reference in the input a SyntaxError */
static void test_without_references(void)
{
    static const Case copies[] = {
        {"(() => { const o = {n: 1}; return [o, o]; })()",
         "r[0] !== r[1] && r[0].n === 1 && r[1].n === 1"},
        {"(() => { const b = new ArrayBuffer(4); return [new Uint8Array(b), new Uint8Array(b)]; "
         "})()",
         "r[0].buffer !== r[1].buffer"},
        {"[1, {a: [2]}]", "r[1].a[0] === 2"},
    };
    static const char *const cycles[] = {
        "(() => { const a = []; a.push(a); return a; })()",
        "(() => { const o = {}; o.x = {y: o}; return o; })()",
        "(() => { const e = new Error('c'); e.cause = e; return e; })()",
    };
    for (size_t i = 0; i < sizeof(copies) / sizeof(copies[0]); i++)
        roundtrip_in(&copies[i], ctx2, "no references", 0, 0);
    for (size_t i = 0; i < sizeof(cycles) / sizeof(cycles[0]); i++) {
        JSValue v = eval(ctx1, cycles[i]);
        size_t len;
        uint8_t *buf = JS_WriteObject(ctx1, &len, v, 0);
        check(!buf && strstr(take_exception(ctx1), "TypeError") != NULL, cycles[i],
              "a cycle without references is a TypeError");
        JS_FreeValue(ctx1, v);
    }
    /* a stream with references read without the flag */
    {
        JSValue v = eval(ctx1, "(() => { const o = {}; return [o, o]; })()");
        size_t len;
        uint8_t *buf = JS_WriteObject(ctx1, &len, v, JS_WRITE_OBJ_REFERENCE);
        JSValue r = JS_ReadObject(ctx2, buf, len, 0);
        check(JS_IsException(r) &&
                  strstr(take_exception(ctx2), "SyntaxError: invalid serialized data"),
              "references", "refused without JS_READ_OBJ_REFERENCE");
        js_free(ctx1, buf);
        JS_FreeValue(ctx1, v);
    }
}

/* ---------------------------------------------------------------------
 * What cannot be cloned
 * ------------------------------------------------------------------- */
static void test_uncloneable(void)
{
    static const struct {
        const char *src, *message;
    } cases[] = {
        {"(function f() {})", "function could not be cloned"},
        {"() => 1", "function could not be cloned"},
        {"(class A {})", "function could not be cloned"},
        {"Math.max", "function could not be cloned"},
        {"Math.max.bind(null)", "function could not be cloned"},
        {"Symbol('x')", "symbol could not be cloned"},
        {"Object(Symbol('x'))", "Symbol object could not be cloned"},
        {"new WeakMap()", "WeakMap could not be cloned"},
        {"new WeakSet()", "WeakSet could not be cloned"},
        {"new WeakRef({})", "WeakRef could not be cloned"},
        {"new FinalizationRegistry(() => {})", "FinalizationRegistry could not be cloned"},
        {"new Proxy({}, {})", "Proxy could not be cloned"},
        {"new Proxy(function () {}, {})", "Proxy could not be cloned"},
        {"Promise.resolve(1)", "Promise could not be cloned"},
        {"(function* () {})()", "could not be cloned"},
        {"new Map().entries()", "could not be cloned"},
        {"({a: [1, {b: () => 1}]})", "function could not be cloned"},
        {"new Map([[1, Symbol()]])", "symbol could not be cloned"},
        {"new Error('x', {cause: () => 1})", "function could not be cloned"},
        {"(() => { const b = new ArrayBuffer(8); b.transfer(); return b; })()",
         "detached ArrayBuffer could not be cloned"},
        {"(() => { const b = new ArrayBuffer(8); const u = new Uint8Array(b); b.transfer(); return "
         "u; })()",
         "could not be cloned"},
        {"(() => { const b = new ArrayBuffer(8, {maxByteLength: 8}); const u = new Uint8Array(b, "
         "4, 4); b.resize(2); return u; })()",
         "out-of-bounds view could not be cloned"},
        {"new SharedArrayBuffer(8)", "SharedArrayBuffer could not be cloned"},
        {"new Int32Array(new SharedArrayBuffer(8))", "SharedArrayBuffer could not be cloned"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        JSValue v = eval(ctx1, cases[i].src);
        int64_t before = malloc_count(rt1), after;
        size_t len = 123;
        uint8_t *buf = NULL;
        const char *msg = "";
        /* repeated: a leak per failure would show in the count */
        for (int k = 0; k < 3; k++) {
            buf = JS_WriteObject(ctx1, &len, v, RW_FLAGS);
            if (buf)
                break;
            msg = take_exception(ctx1);
        }
        after = malloc_count(rt1);
        check(!buf && len == 0, cases[i].src, "write refused");
        check(strstr(msg, "TypeError") && strstr(msg, cases[i].message), cases[i].src, msg);
        check(after == before, cases[i].src, "nothing leaked");
        js_free(ctx1, buf);
        JS_FreeValue(ctx1, v);
    }
    /* a getter's exception goes through as it is */
    {
        JSValue v = eval(ctx1, "({get g() { throw new RangeError('from getter'); }})");
        size_t len;
        uint8_t *buf = JS_WriteObject(ctx1, &len, v, RW_FLAGS);
        check(!buf && strstr(take_exception(ctx1), "RangeError: from getter"), "getter",
              "throws through");
        JS_FreeValue(ctx1, v);
    }
}

/* ---------------------------------------------------------------------
 * SharedArrayBuffer
 * ------------------------------------------------------------------- */
static void test_sab(void)
{
    JSValue v = eval(ctx1, "globalThis.sab = new SharedArrayBuffer(16);"
                           "globalThis.gsab = new SharedArrayBuffer(4, {maxByteLength: 64});"
                           "[sab, new Int32Array(sab, 4, 2), sab, new Uint8Array(gsab)]");
    JSValue sab = eval(ctx1, "sab"), r;
    uint8_t **tab = NULL, *data;
    size_t tab_len = 0, len, size;
    uint8_t *buf = JS_WriteObject2(ctx1, &len, v, RW_FLAGS | JS_WRITE_OBJ_SAB, &tab, &tab_len);
    check(buf != NULL, "sab", "written");
    data = JS_GetArrayBuffer(ctx1, &size, sab);
    check(tab_len == 2 && tab[0] == data && size == 16, "sab", "each block listed once");
    keep_sample(buf, len);
    r = JS_ReadObject(ctx2, buf, len, RR_FLAGS);
    check(JS_IsException(r) && strstr(take_exception(ctx2), "JS_READ_OBJ_SAB"), "sab",
          "refused without JS_READ_OBJ_SAB");
    r = JS_ReadObject(ctx2, buf, len, RR_FLAGS | JS_READ_OBJ_SAB);
    check(!JS_IsException(r), "sab", "read");
    if (!JS_IsException(r)) {
        set_global(ctx2, "r", r);
        check(eval_true(ctx2,
                        "r[0] instanceof SharedArrayBuffer && r[0] === r[2] && "
                        "r[1].buffer === r[0] && r[1].length === 2 && r[3].buffer.growable && "
                        "r[3].buffer.maxByteLength === 64"),
              "sab", "shape");
        /* the same memory on both sides, growth included */
        run(ctx2, "Atomics.store(r[1], 0, 77); r[3].buffer.grow(32);");
        check(eval_true(ctx1, "new Int32Array(sab)[1] === 77 && gsab.byteLength === 32"), "sab",
              "memory shared across runtimes");
        set_global(ctx2, "r", JS_UNDEFINED);
    }
    js_free(ctx1, tab);
    js_free(ctx1, buf);
    JS_FreeValue(ctx1, sab);
    JS_FreeValue(ctx1, v);
}

/* ---------------------------------------------------------------------
 * Transfer
 * ------------------------------------------------------------------- */
static void test_transfer(void)
{
    JSValue v, transfer, big, r;
    JSTransferredBuffer *ttab = NULL;
    size_t tlen = 0, len, size;
    uint8_t *buf, *big_data;
    int64_t size1, size2;
    run(ctx1, "globalThis.big = new ArrayBuffer(100000); new Uint8Array(big).fill(9);"
              "globalThis.small = new ArrayBuffer(8); new Uint8Array(small)[7] = 5;"
              "globalThis.rab = new ArrayBuffer(300, {maxByteLength: 1000});"
              "globalThis.unused = new ArrayBuffer(5000);"
              "globalThis.bigView = new Uint32Array(big, 8, 4); globalThis.msg = "
              "{b: big, v: bigView, s: small, sv: new Uint8Array(small), r: rab};");
    v = eval(ctx1, "msg");
    transfer = eval(ctx1, "[big, small, rab, unused]");
    big = eval(ctx1, "big");
    big_data = JS_GetArrayBuffer(ctx1, &size, big);
    size1 = malloc_size(rt1);
    size2 = malloc_size(rt2);
    buf = JS_WriteObjectTransfer(ctx1, &len, v, RW_FLAGS, transfer, NULL, NULL, &ttab, &tlen);
    check(buf && tlen == 4, "transfer", "written");
    if (!buf) {
        printf("  %s\n", take_exception(ctx1));
        return;
    }
    check(ttab[0].data == big_data && ttab[0].len == 100000, "transfer", "large buffer: no copy");
    check(ttab[1].len == 8 && ttab[1].data[7] == 5, "transfer", "small buffer copied");
    check(eval_true(ctx1,
                    "big.detached && big.byteLength === 0 && bigView.length === 0 && "
                    "small.detached && msg.sv.length === 0 && rab.detached && unused.detached"),
          "transfer", "sender detached, its views read length 0");
    check(size1 - malloc_size(rt1) >= 100000 + 5000, "transfer", "sender's accounting released");
    /* a reader without the table refuses the records */
    r = JS_ReadObject(ctx2, buf, len, RR_FLAGS);
    check(JS_IsException(r) && strstr(take_exception(ctx2), "transfer index"), "transfer",
          "refused without the table");
    r = JS_ReadObjectTransfer(ctx2, buf, len, RR_FLAGS, ttab, tlen);
    check(!JS_IsException(r), "transfer", "read");
    check(ttab[0].data == NULL && ttab[1].data == NULL && ttab[3].data != NULL, "transfer",
          "the reader took what it used");
    JS_FreeTransferredBuffers(ttab, tlen); /* frees `unused` */
    if (!JS_IsException(r)) {
        size_t rsize;
        JSValue rb = JS_GetPropertyStr(ctx2, r, "b");
        check(JS_GetArrayBuffer(ctx2, &rsize, rb) == big_data && rsize == 100000, "transfer",
              "receiver owns the same bytes");
        JS_FreeValue(ctx2, rb);
        check(malloc_size(rt2) - size2 >= 100000, "transfer", "receiver's accounting took them");
        set_global(ctx2, "r", r);
        check(eval_true(ctx2,
                        "r.b.byteLength === 100000 && new Uint8Array(r.b)[99999] === 9 && "
                        "r.v.buffer === r.b && r.v.length === 4 && r.s.byteLength === 8 && "
                        "r.sv.buffer === r.s && r.sv[7] === 5 && r.r.resizable && "
                        "r.r.maxByteLength === 1000 && (r.r.resize(900), r.r.byteLength === 900)"),
              "transfer", "receiver's values");
        set_global(ctx2, "r", JS_UNDEFINED);
    }
    js_free(ctx1, buf);
    JS_FreeValue(ctx1, big);
    JS_FreeValue(ctx1, transfer);
    JS_FreeValue(ctx1, v);

    /* refusals leave every buffer attached */
    {
        static const struct {
            const char *value, *list, *message;
        } bad[] = {
            {"t1", "[t1, t1]", "listed twice"},
            {"t1", "[t1, new SharedArrayBuffer(4)]", "SharedArrayBuffer"},
            {"t1", "[t1, {}]", "not an ArrayBuffer"},
            {"t1", "[t1, (() => { const b = new ArrayBuffer(1); b.transfer(); return b; })()]",
             "detached"},
            {"[t1, () => 1]", "[t1]", "function could not be cloned"},
            {"[t1, {get x() { t1.transfer(); return 1; }}]", "[t1]", "detached"},
            {"t1", "5", "TypeError"},
        };
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            JSValue val, list;
            run(ctx1, "globalThis.t1 = new ArrayBuffer(1000);");
            val = eval(ctx1, bad[i].value);
            list = eval(ctx1, bad[i].list);
            ttab = (JSTransferredBuffer *)1;
            buf = JS_WriteObjectTransfer(ctx1, &len, val, RW_FLAGS, list, NULL, NULL, &ttab, &tlen);
            check(!buf && !ttab && tlen == 0, bad[i].list, "refused");
            check(strstr(take_exception(ctx1), bad[i].message) != NULL, bad[i].list,
                  bad[i].message);
            if (i < 5)
                check(eval_true(ctx1, "!t1.detached && t1.byteLength === 1000"), bad[i].list,
                      "nothing detached");
            JS_FreeValue(ctx1, val);
            JS_FreeValue(ctx1, list);
        }
    }
    /* the transfer table is not needed by JS_WriteObject2's callers */
    {
        JSValue val = eval(ctx1, "globalThis.t2 = new ArrayBuffer(10); t2");
        JSValue list = eval(ctx1, "[t2]");
        buf = JS_WriteObjectTransfer(ctx1, &len, val, RW_FLAGS, list, NULL, NULL, NULL, NULL);
        check(buf && eval_true(ctx1, "t2.detached"), "transfer without a table", "detached, freed");
        js_free(ctx1, buf);
        JS_FreeValue(ctx1, val);
        JS_FreeValue(ctx1, list);
    }
}

/* ---------------------------------------------------------------------
 * Hostile input
 * ------------------------------------------------------------------- */
/* reads buf in ctx2; true when it threw (a SyntaxError, TypeError or
   RangeError, or the out-of-memory error), the value is freed otherwise */
static bool read_fails(const uint8_t *buf, size_t len, int flags, const char **pmsg)
{
    JSValue r = JS_ReadObjectTransfer(ctx2, buf, len, flags, NULL, 0);
    const char *msg;
    if (!JS_IsException(r)) {
        JS_FreeValue(ctx2, r);
        return false;
    }
    msg = take_exception(ctx2);
    if (pmsg)
        *pmsg = msg;
    if (!strstr(msg, "SyntaxError") && !strstr(msg, "TypeError") && !strstr(msg, "RangeError") &&
        !strstr(msg, "out of memory"))
        printf("  unexpected exception: %s\n", msg);
    return true;
}

#define V JS_SER_VERSION
static void test_bad_records(void)
{
    static const struct {
        const char *name;
        uint8_t bytes[24];
        int len;
        const char *message;
    } cases[] = {
        {"empty", {0}, 0, "truncated"},
        {"version only", {V}, 1, "truncated"},
        {"bad version", {V + 1, JS_SER_TAG_NULL}, 2, "unsupported version"},
        {"unknown tag", {V, 99}, 2, "unknown tag"},
        {"tag 0", {V, 0}, 2, "unknown tag"},
        {"end as value", {V, JS_SER_TAG_END}, 2, "unknown tag"},
        {"hole outside an array", {V, JS_SER_TAG_HOLE}, 2, "unknown tag"},
        {"trailing bytes", {V, JS_SER_TAG_NULL, 0}, 3, "trailing"},
        {"integer overflow",
         {V, JS_SER_TAG_INT32, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
         12,
         "out of range"},
        {"int32 out of range",
         {V, JS_SER_TAG_INT32, 0xff, 0xff, 0xff, 0xff, 0x7f},
         7,
         "out of range"},
        {"truncated double", {V, JS_SER_TAG_FLOAT64, 1, 2, 3}, 5, "truncated"},
        {"string too long",
         {V, JS_SER_TAG_STRING8, 0xff, 0xff, 0xff, 0xff, 0x0f, 'a'},
         8,
         "beyond the end"},
        {"string16 odd", {V, JS_SER_TAG_STRING16, 2, 'a', 0, 'b'}, 6, "beyond the end"},
        {"bigint too long",
         {V, JS_SER_TAG_BIGINT, 0xfe, 0xff, 0xff, 0xff, 0x0f},
         7,
         "beyond the end"},
        {"forward reference",
         {V, JS_SER_TAG_ARRAY, 1, 1, JS_SER_TAG_OBJECT_REF, 1, JS_SER_TAG_END},
         7,
         "not yet read"},
        {"reference out of range", {V, JS_SER_TAG_OBJECT_REF, 0}, 3, "not yet read"},
        {"key reference",
         {V, JS_SER_TAG_OBJECT, JS_SER_TAG_KEY_REF, 0, JS_SER_TAG_NULL, JS_SER_TAG_END},
         6,
         "key not yet read"},
        {"key of a bad kind",
         {V, JS_SER_TAG_OBJECT, JS_SER_TAG_NULL, JS_SER_TAG_NULL, JS_SER_TAG_END},
         5,
         "key expected"},
        {"negative index key",
         {V, JS_SER_TAG_OBJECT, JS_SER_TAG_INT32, 1, JS_SER_TAG_NULL, JS_SER_TAG_END},
         6,
         "negative"},
        {"unterminated object",
         {V, JS_SER_TAG_OBJECT, JS_SER_TAG_STRING8, 1, 'k', JS_SER_TAG_NULL},
         6,
         "truncated"},
        {"array dense > length",
         {V, JS_SER_TAG_ARRAY, 1, 2, JS_SER_TAG_NULL, JS_SER_TAG_NULL, JS_SER_TAG_END},
         7,
         "beyond its length"},
        {"array huge dense",
         {V, JS_SER_TAG_ARRAY, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xff, 0xff, 0xff, 0xff, 0x0f},
         12,
         "beyond the end"},
        {"array index beyond length",
         {V, JS_SER_TAG_ARRAY, 1, 0, JS_SER_TAG_INT32, 10, JS_SER_TAG_NULL, JS_SER_TAG_END},
         8,
         "beyond its length"},
        {"array length as a property",
         {V, JS_SER_TAG_ARRAY, 0, 0, JS_SER_TAG_STRING8, 6, 'l', 'e', 'n', 'g', 't', 'h',
          JS_SER_TAG_NULL, JS_SER_TAG_END},
         14,
         "length"},
        {"map huge count", {V, JS_SER_TAG_MAP, 0xff, 0xff, 0xff, 0xff, 0x0f}, 7, "beyond the end"},
        {"bad boolean", {V, JS_SER_TAG_BOOLEAN_OBJECT, 2}, 3, "bad boolean"},
        {"string object of a number",
         {V, JS_SER_TAG_STRING_OBJECT, JS_SER_TAG_INT32, 2},
         4,
         "string expected"},
        {"bigint object of a string",
         {V, JS_SER_TAG_BIGINT_OBJECT, JS_SER_TAG_STRING8, 0},
         4,
         "BigInt expected"},
        {"bad regexp",
         {V, JS_SER_TAG_REGEXP, JS_SER_TAG_STRING8, 1, '(', JS_SER_TAG_STRING8, 0},
         7,
         "SyntaxError"},
        {"bad regexp flags",
         {V, JS_SER_TAG_REGEXP, JS_SER_TAG_STRING8, 1, 'a', JS_SER_TAG_STRING8, 2, 'g', 'g'},
         9,
         "SyntaxError"},
        {"bad error class", {V, JS_SER_TAG_ERROR, JS_SER_ERROR_COUNT, 0}, 4, "bad error record"},
        {"bad error fields", {V, JS_SER_TAG_ERROR, 0, 0x20}, 4, "bad error record"},
        {"error message not a string",
         {V, JS_SER_TAG_ERROR, 0, JS_SER_ERROR_HAS_MESSAGE, JS_SER_TAG_NULL},
         5,
         "string expected"},
        {"buffer too long", {V, JS_SER_TAG_ARRAY_BUFFER, 0, 10, 1, 2}, 6, "out of range"},
        {"buffer bad flags", {V, JS_SER_TAG_ARRAY_BUFFER, 4, 0}, 4, "bad buffer flags"},
        {"resizable len > max", {V, JS_SER_TAG_ARRAY_BUFFER, 1, 2, 1, 0, 0}, 7, "RangeError"},
        {"resizable huge max",
         {V, JS_SER_TAG_ARRAY_BUFFER, 1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
          0x01},
         14,
         "RangeError"},
        {"sab without the flag",
         {V, JS_SER_TAG_SHARED_ARRAY_BUFFER, 0, 1, 2, 3, 4, 5, 6, 7, 8, 4},
         12,
         "JS_READ_OBJ_SAB"},
        {"transfer without a table",
         {V, JS_SER_TAG_TRANSFERRED_BUFFER, 0, 0},
         4,
         "bad transfer index"},
        {"typed array bad kind",
         {V, JS_SER_TAG_TYPED_ARRAY, 12, 0, 0, 0, JS_SER_TAG_ARRAY_BUFFER, 0, 0},
         9,
         "kind"},
        {"typed array bad flags",
         {V, JS_SER_TAG_TYPED_ARRAY, 0, 2, 0, 0, JS_SER_TAG_ARRAY_BUFFER, 0, 0},
         9,
         "view flags"},
        {"view past the end",
         {V, JS_SER_TAG_TYPED_ARRAY, 2, 0, 0, 5, JS_SER_TAG_ARRAY_BUFFER, 0, 4, 1, 2, 3, 4},
         13,
         "bounds"},
        {"view offset past the end",
         {V, JS_SER_TAG_DATAVIEW, 0, 5, 0, JS_SER_TAG_ARRAY_BUFFER, 0, 4, 1, 2, 3, 4},
         12,
         "bounds"},
        {"view misaligned",
         {V, JS_SER_TAG_TYPED_ARRAY, 5, 0, 1, 1, JS_SER_TAG_ARRAY_BUFFER, 0, 8, 0, 0, 0, 0, 0, 0, 0,
          0},
         17,
         "bounds"},
        {"tracking view of a fixed buffer",
         {V, JS_SER_TAG_TYPED_ARRAY, 2, 1, 0, JS_SER_TAG_ARRAY_BUFFER, 0, 1, 7},
         9,
         "bounds"},
        {"view over a non-buffer",
         {V, JS_SER_TAG_TYPED_ARRAY, 2, 0, 0, 0, JS_SER_TAG_NULL},
         7,
         "without a buffer"},
        {"view over itself",
         {V, JS_SER_TAG_TYPED_ARRAY, 2, 0, 0, 0, JS_SER_TAG_OBJECT_REF, 0},
         8,
         "not yet read"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *msg = "";
        int64_t before = malloc_count(rt2);
        bool failed_ok = read_fails(cases[i].bytes, cases[i].len, RR_FLAGS, &msg);
        check(failed_ok, cases[i].name, "refused");
        if (failed_ok && !strstr(msg, cases[i].message)) {
            printf("  got: %s\n", msg);
            check(false, cases[i].name, cases[i].message);
        }
        check(malloc_count(rt2) == before, cases[i].name, "nothing leaked");
    }
}

/* every prefix of every valid encoding is refused */
static void test_truncations(void)
{
    int bad = 0;
    for (int k = 0; k < sample_count; k++) {
        for (size_t n = 0; n < sample_len[k]; n++) {
            /* copied, so that ASan sees a read past the prefix */
            uint8_t *p = malloc(n ? n : 1);
            memcpy(p, samples[k], n);
            if (!read_fails(p, n, RR_FLAGS | JS_READ_OBJ_SAB, NULL))
                bad++;
            free(p);
        }
    }
    check(bad == 0, "truncations", "every prefix refused");
    printf("  %d encodings truncated at every offset\n", sample_count);
}

static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* random edits of valid encodings: an exception or a value, nothing else
   (the SAB sample is skipped: its pointer is trusted by design) */
static void test_mutations(int rounds)
{
    int values = 0, errors = 0;
    static const uint8_t interesting[] = {0,
                                          1,
                                          0x7f,
                                          0x80,
                                          0xff,
                                          JS_SER_TAG_OBJECT_REF,
                                          JS_SER_TAG_END,
                                          JS_SER_TAG_HOLE,
                                          JS_SER_TAG_ARRAY};
    for (int round = 0; round < rounds; round++) {
        int k = rng() % sample_count;
        size_t len = sample_len[k];
        uint8_t *p = malloc(len + 8);
        int edits = 1 + rng() % 3;
        memcpy(p, samples[k], len);
        for (int e = 0; e < edits; e++) {
            size_t at = len ? rng() % len : 0;
            switch (rng() % 5) {
            case 0:
                if (len)
                    p[at] ^= 1 << (rng() % 8);
                break;
            case 1:
                if (len)
                    p[at] = interesting[rng() % sizeof(interesting)];
                break;
            case 2: /* insert */
                memmove(p + at + 1, p + at, len - at);
                p[at] = rng();
                len++;
                break;
            case 3: /* delete */
                if (len > 1) {
                    memmove(p + at, p + at + 1, len - at - 1);
                    len--;
                }
                break;
            default:
                if (len)
                    p[at] = rng();
                break;
            }
            if (len + 1 >= sample_len[k] + 8)
                break;
        }
        {
            JSValue r = JS_ReadObject(ctx2, p, len, RR_FLAGS);
            if (JS_IsException(r)) {
                errors++;
                JS_FreeValue(ctx2, JS_GetException(ctx2));
            } else {
                values++;
                JS_FreeValue(ctx2, r);
            }
        }
        free(p);
    }
    check(values + errors == rounds, "mutations", "every read ended");
    printf("  %d mutations: %d values, %d exceptions\n", rounds, values, errors);
}

/* nesting far deeper than the C stack allows */
static void test_deep_nesting(void)
{
    size_t n = 2000000, len;
    uint8_t *p = malloc(n + 2);
    const char *msg = "";
    JSValue v;
    uint8_t *buf;
    /* maps whose first key is a map */
    p[0] = JS_SER_VERSION;
    for (size_t i = 0; i < n; i += 2) {
        p[1 + i] = JS_SER_TAG_MAP;
        p[2 + i] = 1;
    }
    check(read_fails(p, n + 1, RR_FLAGS, &msg) && strstr(msg, "RangeError"), "deep maps",
          "RangeError, no crash");
    /* arrays of one element each, complete */
    for (size_t i = 0; i + 3 <= n; i += 3) {
        p[1 + i] = JS_SER_TAG_ARRAY;
        p[2 + i] = 1;
        p[3 + i] = 1;
    }
    check(read_fails(p, n + 1, RR_FLAGS, &msg) && strstr(msg, "RangeError"), "deep arrays",
          "RangeError, no crash");
    free(p);
    v = eval(ctx1,
             "(() => { let a = []; for (let i = 0; i < 1000000; i++) a = [a]; return a; })()");
    buf = JS_WriteObject(ctx1, &len, v, RW_FLAGS);
    check(!buf && strstr(take_exception(ctx1), "RangeError"), "deep value", "writer: RangeError");
    JS_FreeValue(ctx1, v);
    v = eval(ctx1, "(() => { let a = {}; for (let i = 0; i < 1000; i++) a = {a}; return a; })()");
    buf = JS_WriteObject(ctx1, &len, v, RW_FLAGS);
    check(buf != NULL, "nesting 1000", "written");
    if (buf) {
        JSValue r = JS_ReadObject(ctx2, buf, len, RR_FLAGS);
        check(!JS_IsException(r), "nesting 1000", "read");
        JS_FreeValue(ctx2, r);
        js_free(ctx1, buf);
    }
    JS_FreeValue(ctx1, v);
}

/* a runtime with a memory limit reads large declared sizes as an
   exception (and the input decides how much may be asked for) */
static void test_memory_limit(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx;
    size_t n = 4 << 20, len;
    uint8_t *p = calloc(1, n + 16), *buf;
    JSValue r, v;
    JS_SetMemoryLimit(rt, 2 << 20);
    ctx = JS_NewContext(rt);
    /* a 4 MiB ArrayBuffer, fully present in the input */
    p[0] = JS_SER_VERSION;
    p[1] = JS_SER_TAG_ARRAY_BUFFER;
    p[2] = 0;
    len = 3;
    for (size_t x = n;; x >>= 7) {
        p[len++] = (x >= 0x80 ? 0x80 : 0) | (x & 0x7f);
        if (x < 0x80)
            break;
    }
    r = JS_ReadObject(ctx, p, len + n, 0);
    check(JS_IsException(r), "memory limit", "large buffer refused");
    JS_FreeValue(ctx, JS_GetException(ctx));
    /* a 4 MiB string */
    p[1] = JS_SER_TAG_STRING8;
    memmove(p + 2, p + 3, len - 3);
    memset(p + len - 1, 'a', n);
    r = JS_ReadObject(ctx, p, len - 1 + n, 0);
    check(JS_IsException(r), "memory limit", "large string refused");
    JS_FreeValue(ctx, JS_GetException(ctx));
    /* the runtime still works */
    v = eval(ctx, "({a: [1, 2, 3]})");
    buf = JS_WriteObject(ctx, &len, v, 0);
    r = JS_ReadObject(ctx, buf, len, 0);
    check(!JS_IsException(r), "memory limit", "small values still fine");
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, v);
    js_free(ctx, buf);
    free(p);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

static void write_seeds(const char *dir)
{
    char path[1024];
    int n = 0;
    for (int k = 0; k < sample_count; k++) {
        FILE *f;
        if (sample_len[k] > 4000) /* fuzz_read runs with -max_len=4096 */
            continue;
        snprintf(path, sizeof(path), "%s/seed_%03d", dir, k);
        f = fopen(path, "wb");
        if (!f) {
            perror(path);
            return;
        }
        fputc(1, f); /* fuzz_read's flags byte: references allowed */
        fwrite(samples[k], 1, sample_len[k], f);
        fclose(f);
        n++;
    }
    printf("  %d seeds written to %s\n", n, dir);
}

int main(int argc, char **argv)
{
    rt1 = JS_NewRuntime();
    rt2 = JS_NewRuntime();
    ctx1 = JS_NewContext(rt1);
    ctx2 = JS_NewContext(rt2);
    if (!ctx1 || !ctx2) {
        fprintf(stderr, "test_serialize: cannot create the runtimes\n");
        return 1;
    }
    test_roundtrips();
    test_without_references();
    test_uncloneable();
    test_sab();
    test_transfer();
    test_bad_records();
    test_truncations();
    test_mutations(argc > 2 ? atoi(argv[2]) : 100000);
    test_deep_nesting();
    test_memory_limit();
    if (argc > 1)
        write_seeds(argv[1]);
    for (int k = 0; k < sample_count; k++)
        free(samples[k]);
    JS_FreeContext(ctx1);
    JS_FreeContext(ctx2);
    JS_FreeRuntime(rt1);
    JS_FreeRuntime(rt2);
    printf("test_serialize: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
