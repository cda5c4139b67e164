/*
 * atomics.c — the Atomics object (ECMA-262 §25.4): add, and,
 * compareExchange, exchange, isLockFree, load, or, store, sub, xor, wait,
 * waitAsync, notify and pause, on integer typed arrays (shared or not).
 *
 * The read-modify-write operations are C11-style __atomic builtins on the
 * element's width, sequentially consistent; every size up to 8 bytes is
 * lock-free on the targets we build for. Values are converted before the
 * access is revalidated, as the specification orders it (a valueOf may
 * detach or shrink the buffer). wait / waitAsync / notify go through the
 * process-wide waiter list (../atomics_wait.c).
 */
#include <math.h>

#include "builtins.h"
#include "typedarray.h"
#include "../atomics_wait.h"
#include "../bigint.h"
#include "../conv.h"
#include "../error.h"
#include "../object.h"
#include "../promise.h"

enum {
    JS_ATOMICS_ADD,
    JS_ATOMICS_AND,
    JS_ATOMICS_EXCHANGE,
    JS_ATOMICS_OR,
    JS_ATOMICS_SUB,
    JS_ATOMICS_XOR,
    JS_ATOMICS_LOAD,
    JS_ATOMICS_STORE,
    JS_ATOMICS_COMPARE_EXCHANGE,
};

void JS_SetCanBlock(JSRuntime *rt, bool can_block) { rt->can_block = can_block; }

/* ValidateIntegerTypedArray + ValidateAtomicAccess: the view and the index
   of the element. waitable restricts to Int32Array and BigInt64Array and
   (for wait) shared: the buffer is checked before the index is converted;
   write refuses an immutable buffer. */
enum {
    JS_ATOMICS_READ = 0,
    JS_ATOMICS_WRITE = 1,
    JS_ATOMICS_WAITABLE = 2,
    JS_ATOMICS_SHARED = 4,
};

static JSObject *js_atomics_validate(JSContext *ctx, JSValueConst obj, JSValueConst index,
                                     int mode, size_t *pidx)
{
    size_t len;
    uint64_t idx;
    JSObject *p = (mode & JS_ATOMICS_WRITE) ? js_validate_typed_array_write(ctx, obj, &len)
                                           : js_validate_typed_array(ctx, obj, &len);
    JSClassID id;
    if (!p)
        return NULL;
    id = p->class_id;
    if ((mode & JS_ATOMICS_WAITABLE)
            ? (id != JS_CLASS_INT32_ARRAY && id != JS_CLASS_BIG_INT64_ARRAY)
            : (id == JS_CLASS_UINT8C_ARRAY || id >= JS_CLASS_FLOAT16_ARRAY)) {
        JS_ThrowTypeError(ctx, "invalid typed array type for Atomics");
        return NULL;
    }
    if ((mode & JS_ATOMICS_SHARED) && !js_view_buffer(p)->shared) {
        JS_ThrowTypeError(ctx, "Atomics.wait needs a SharedArrayBuffer");
        return NULL;
    }
    if (JS_ToIndex(ctx, &idx, index))
        return NULL;
    if (idx >= len) {
        JS_ThrowRangeError(ctx, "out-of-bound access");
        return NULL;
    }
    *pidx = (size_t)idx;
    return p;
}

/* RevalidateAtomicAccess after the conversions: the element's address */
static void *js_atomics_revalidate(JSContext *ctx, JSObject *p, size_t idx)
{
    if (js_view_is_out_of_bounds(p)) {
        js_throw_detached(ctx);
        return NULL;
    }
    if (idx >= js_typed_array_length(p)) {
        JS_ThrowRangeError(ctx, "out-of-bound access");
        return NULL;
    }
    return p->u.typed_array.ptr + (idx << js_typed_array_size_log2(p->class_id));
}

/* the operand of an operation: ToBigInt then ToBigInt64 bits for BigInt
   arrays (the BigInt is kept in *pbig when pbig is not NULL), else
   ToIntegerOrInfinity wrapped to 32 bits (the integer in *pint) */
static int js_atomics_operand(JSContext *ctx, JSObject *p, JSValueConst val, uint64_t *pbits,
                              double *pint, JSValue *pbig)
{
    if (js_typed_array_is_bigint(p->class_id)) {
        int64_t v = 0;
        JSValue b = JS_ToBigInt(ctx, val);
        if (JS_IsException(b))
            return -1;
        js_bigint_to_int64(ctx, &v, b);
        *pbits = (uint64_t)v;
        if (pbig)
            *pbig = b;
        else
            JS_FreeValue(ctx, b);
    } else {
        double d;
        if (JS_ToFloat64(ctx, &d, val))
            return -1;
        d = isnan(d) ? 0 : trunc(d) + 0.0; /* + 0.0 turns -0 into +0 */
        *pint = d;
        *pbits = (uint32_t)js_ta_double_to_int32(d);
    }
    return 0;
}

/* the raw bits of an element as a JS value of the array's type */
static JSValue js_atomics_value(JSContext *ctx, JSClassID id, uint64_t bits)
{
    switch (id) {
    case JS_CLASS_INT8_ARRAY:
        return JS_NewInt32(ctx, (int8_t)bits);
    case JS_CLASS_UINT8_ARRAY:
        return JS_NewInt32(ctx, (uint8_t)bits);
    case JS_CLASS_INT16_ARRAY:
        return JS_NewInt32(ctx, (int16_t)bits);
    case JS_CLASS_UINT16_ARRAY:
        return JS_NewInt32(ctx, (uint16_t)bits);
    case JS_CLASS_INT32_ARRAY:
        return JS_NewInt32(ctx, (int32_t)bits);
    case JS_CLASS_UINT32_ARRAY:
        return JS_NewUint32(ctx, (uint32_t)bits);
    case JS_CLASS_BIG_INT64_ARRAY:
        return JS_NewBigInt64(ctx, (int64_t)bits);
    default:
        return JS_NewBigUint64(ctx, bits);
    }
}

/* one read-modify-write on an element of `size` bytes; returns the old bits */
#define JS_ATOMICS_RMW(type)                                                              \
    do {                                                                                  \
        type *q = ptr, v = (type)bits, e = (type)expected;                                \
        switch (op) {                                                                     \
        case JS_ATOMICS_ADD:                                                              \
            return __atomic_fetch_add(q, v, __ATOMIC_SEQ_CST);                            \
        case JS_ATOMICS_AND:                                                              \
            return __atomic_fetch_and(q, v, __ATOMIC_SEQ_CST);                            \
        case JS_ATOMICS_OR:                                                               \
            return __atomic_fetch_or(q, v, __ATOMIC_SEQ_CST);                             \
        case JS_ATOMICS_SUB:                                                              \
            return __atomic_fetch_sub(q, v, __ATOMIC_SEQ_CST);                            \
        case JS_ATOMICS_XOR:                                                              \
            return __atomic_fetch_xor(q, v, __ATOMIC_SEQ_CST);                            \
        case JS_ATOMICS_EXCHANGE:                                                         \
            return __atomic_exchange_n(q, v, __ATOMIC_SEQ_CST);                           \
        case JS_ATOMICS_LOAD:                                                             \
            return __atomic_load_n(q, __ATOMIC_SEQ_CST);                                  \
        case JS_ATOMICS_STORE:                                                            \
            __atomic_store_n(q, v, __ATOMIC_SEQ_CST);                                     \
            return bits;                                                                  \
        default:                                                                          \
            __atomic_compare_exchange_n(q, &e, v, false, __ATOMIC_SEQ_CST,                \
                                        __ATOMIC_SEQ_CST);                                \
            return e; /* the old value, whether or not it was replaced */                 \
        }                                                                                 \
    } while (0)

static uint64_t js_atomics_rmw(void *ptr, int size, int op, uint64_t bits, uint64_t expected)
{
    switch (size) {
    case 1:
        JS_ATOMICS_RMW(uint8_t);
    case 2:
        JS_ATOMICS_RMW(uint16_t);
    case 4:
        JS_ATOMICS_RMW(uint32_t);
    default:
        JS_ATOMICS_RMW(uint64_t);
    }
}

/* add, and, compareExchange, exchange, load, or, store, sub, xor */
static JSValue js_atomics_op(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int op)
{
    size_t idx;
    JSObject *p = js_atomics_validate(
        ctx, argv[0], argv[1], op == JS_ATOMICS_LOAD ? JS_ATOMICS_READ : JS_ATOMICS_WRITE, &idx);
    uint64_t bits = 0, expected = 0, old;
    double stored = 0;
    JSValue big = JS_UNDEFINED;
    void *ptr;
    if (!p)
        return JS_EXCEPTION;
    if (op == JS_ATOMICS_COMPARE_EXCHANGE) {
        if (js_atomics_operand(ctx, p, argv[2], &expected, &stored, NULL) ||
            js_atomics_operand(ctx, p, argc > 3 ? argv[3] : JS_UNDEFINED, &bits, &stored, NULL))
            return JS_EXCEPTION;
    } else if (op != JS_ATOMICS_LOAD) {
        if (js_atomics_operand(ctx, p, argv[2], &bits, &stored,
                               op == JS_ATOMICS_STORE ? &big : NULL))
            return JS_EXCEPTION;
    }
    ptr = js_atomics_revalidate(ctx, p, idx);
    if (!ptr) {
        JS_FreeValue(ctx, big);
        return JS_EXCEPTION;
    }
    old = js_atomics_rmw(ptr, 1 << js_typed_array_size_log2(p->class_id), op, bits, expected);
    if (op != JS_ATOMICS_STORE)
        return js_atomics_value(ctx, p->class_id, old);
    /* store returns the converted operand, not the stored bits */
    if (js_typed_array_is_bigint(p->class_id))
        return big;
    return JS_NewNumber(ctx, stored);
}

static JSValue js_atomics_is_lock_free(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    int64_t n;
    if (JS_ToInt64Sat(ctx, &n, argv[0]))
        return JS_EXCEPTION;
    return JS_NewBool(ctx, n == 1 || n == 2 || n == 4 || n == 8);
}

static JSValue js_atomics_pause(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    JSValueConst n = argc > 0 ? argv[0] : JS_UNDEFINED;
    if (!JS_IsUndefined(n)) {
        double d;
        if (!JS_IsNumber(n))
            return JS_ThrowTypeError(ctx, "Atomics.pause: the argument must be a number");
        d = js_value_to_double(n);
        if (!isfinite(d) || d != trunc(d))
            return JS_ThrowTypeError(ctx, "Atomics.pause: the argument must be an integer");
    }
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
    return JS_UNDEFINED;
}

/* ---------------------------------------------------------------------
 * wait, waitAsync, notify
 * ------------------------------------------------------------------- */
static JSValue js_atomics_wait_result(JSContext *ctx, int ret)
{
    static const char *const names[] = {"ok", "not-equal", "timed-out"};
    return JS_NewString(ctx, names[ret]);
}

/* {async, value} for waitAsync */
static JSValue js_atomics_async_result(JSContext *ctx, bool async, JSValue value)
{
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, value);
        return obj;
    }
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_async, JS_NewBool(ctx, async), JS_PROP_C_W_E) <
            0 ||
        JS_DefinePropertyValue(ctx, obj, JS_ATOM_value, value, JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_atomics_wait_async_register(JSContext *ctx, void *ptr, int size, int64_t v,
                                              double t)
{
    JSValue funcs[2], promise;
    int ret;
    promise = JS_NewPromiseCapability(ctx, funcs);
    if (JS_IsException(promise))
        return promise;
    ret = js_atomics_wait_async(ctx, ptr, size, v, t, funcs[0]);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (ret == JS_ATOMICS_WAIT_ASYNC)
        return js_atomics_async_result(ctx, true, promise);
    JS_FreeValue(ctx, promise);
    if (ret < 0)
        return JS_EXCEPTION;
    return js_atomics_async_result(ctx, false, js_atomics_wait_result(ctx, ret));
}

/* DoWait: magic 0 for wait, 1 for waitAsync */
static JSValue js_atomics_wait(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv, int async)
{
    size_t idx;
    JSObject *p = js_atomics_validate(ctx, argv[0], argv[1],
                                      JS_ATOMICS_WAITABLE | JS_ATOMICS_SHARED, &idx);
    int64_t v;
    double t;
    int size, ret;
    void *ptr;
    if (!p)
        return JS_EXCEPTION;
    if (p->class_id == JS_CLASS_BIG_INT64_ARRAY) {
        if (js_bigint_to_int64(ctx, &v, argv[2]))
            return JS_EXCEPTION;
        size = 8;
    } else {
        int32_t i;
        if (JS_ToInt32(ctx, &i, argv[2]))
            return JS_EXCEPTION;
        v = i;
        size = 4;
    }
    if (JS_ToFloat64(ctx, &t, argv[3]))
        return JS_EXCEPTION;
    t = isnan(t) ? INFINITY : t < 0 ? 0 : t;
    if (!async && !ctx->rt->can_block)
        return JS_ThrowTypeError(ctx, "Atomics.wait cannot block in this thread");
    /* a SharedArrayBuffer never shrinks: the element is still there */
    ptr = p->u.typed_array.ptr + ((size_t)idx << js_typed_array_size_log2(p->class_id));
    if (async)
        return js_atomics_wait_async_register(ctx, ptr, size, v, t);
    ret = js_atomics_wait_sync(ctx->rt, ptr, size, v, t);
    if (ret == JS_ATOMICS_WAIT_INTERRUPTED)
        return js_throw_interrupted(ctx);
    return js_atomics_wait_result(ctx, ret);
}

static JSValue js_atomics_notify_fn(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    size_t idx;
    JSObject *p = js_atomics_validate(ctx, argv[0], argv[1], JS_ATOMICS_WAITABLE, &idx);
    int64_t count = INT64_MAX;
    void *ptr;
    if (!p)
        return JS_EXCEPTION;
    if (!JS_IsUndefined(argv[2])) {
        if (JS_ToInt64Sat(ctx, &count, argv[2]))
            return JS_EXCEPTION;
        if (count < 0)
            count = 0;
    }
    if (!js_view_buffer(p)->shared)
        return JS_NewInt32(ctx, 0);
    ptr = p->u.typed_array.ptr + ((size_t)idx << js_typed_array_size_log2(p->class_id));
    return JS_NewInt64(ctx, js_atomics_notify(ctx, ptr, count));
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_atomics_funcs[] = {
    JS_CFUNC_MAGIC_DEF("add", 3, js_atomics_op, JS_ATOMICS_ADD),
    JS_CFUNC_MAGIC_DEF("and", 3, js_atomics_op, JS_ATOMICS_AND),
    JS_CFUNC_MAGIC_DEF("compareExchange", 4, js_atomics_op, JS_ATOMICS_COMPARE_EXCHANGE),
    JS_CFUNC_MAGIC_DEF("exchange", 3, js_atomics_op, JS_ATOMICS_EXCHANGE),
    JS_CFUNC_DEF("isLockFree", 1, js_atomics_is_lock_free),
    JS_CFUNC_MAGIC_DEF("load", 2, js_atomics_op, JS_ATOMICS_LOAD),
    JS_CFUNC_MAGIC_DEF("or", 3, js_atomics_op, JS_ATOMICS_OR),
    JS_CFUNC_MAGIC_DEF("store", 3, js_atomics_op, JS_ATOMICS_STORE),
    JS_CFUNC_MAGIC_DEF("sub", 3, js_atomics_op, JS_ATOMICS_SUB),
    JS_CFUNC_MAGIC_DEF("wait", 4, js_atomics_wait, 0),
    JS_CFUNC_MAGIC_DEF("waitAsync", 4, js_atomics_wait, 1),
    JS_CFUNC_DEF("notify", 3, js_atomics_notify_fn),
    JS_CFUNC_MAGIC_DEF("xor", 3, js_atomics_op, JS_ATOMICS_XOR),
    JS_CFUNC_DEF("pause", 0, js_atomics_pause),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Atomics", JS_PROP_CONFIGURABLE),
};

int js_init_atomics(JSContext *ctx)
{
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, obj, js_atomics_funcs, countof(js_atomics_funcs)) < 0) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    return JS_DefinePropertyValue(ctx, ctx->global_obj, JS_ATOM_Atomics, obj,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0
               ? -1
               : 0;
}
