/*
 * promise.c — the Promise constructor and its methods (ECMA-262 §27.2.3–
 * 27.2.5): Promise.prototype.then / catch / finally, Promise.resolve /
 * reject / withResolvers / try, the combinators all / allSettled / any /
 * race, and the keyed combinators allKeyed / allSettledKeyed (the
 * await-dictionary proposal). The abstract operations they share with the
 * rest of the engine (resolving functions, jobs, PerformPromiseThen) are
 * in ../promise.c.
 *
 * Combinator state. Promise.all and its siblings share, between the loop
 * and every element function they create, the spec's values list and
 * remainingElementsCount record (plus the keys, for the keyed forms). We
 * keep them in one internal Array that user code never sees, so it stays
 * a fast array:
 *     [remaining count, keys array or undefined, value 0, value 1, ...]
 * A value slot holds JS_UNINITIALIZED until its element function runs:
 * that doubles as the [[AlreadyCalled]] record, which allSettled's two
 * element functions of one index share. The count only reaches zero once
 * the loop has ended and every slot is filled, so the marker never leaks.
 */
#include "builtins.h"
#include "../atom.h"
#include "../error.h"
#include "../fast_array.h"
#include "../function.h"
#include "../iter.h"
#include "../object.h"
#include "../promise.h"
#include "../runtime.h"
#include "../shape.h"

/* the combinators, as the magic of their functions */
enum {
    JS_PROMISE_ALL,
    JS_PROMISE_ALL_SETTLED,
    JS_PROMISE_ANY,
    JS_PROMISE_RACE,
    JS_PROMISE_ALL_KEYED,
    JS_PROMISE_ALL_SETTLED_KEYED,
};

/* slots of the combinator state array */
enum {
    JS_COMB_REMAINING,
    JS_COMB_KEYS,
    JS_COMB_VALUES, /* first value */
};

/* data slots of an element function */
enum {
    JS_ELEM_STATE,
    JS_ELEM_INDEX,
    JS_ELEM_CAP_FUNC, /* the capability's resolve (reject for any) */
    JS_ELEM_COUNT,
};

/* element function magic: the combinator kind, and which handler */
#define JS_ELEM_MAGIC(kind, is_reject) ((kind)*2 + (is_reject))

/* ---------------------------------------------------------------------
 * Shared helpers
 * ------------------------------------------------------------------- */
/* IfAbruptRejectPromise: the pending exception rejects the capability;
   returns the promise (or the exception, freeing the promise, when the
   reject function throws) */
static JSValue js_promise_reject_abrupt(JSContext *ctx, JSValue promise, JSValueConst reject)
{
    JSValue exc, res;
    if (js_promise_take_exception(ctx, &exc) < 0) {
        JS_FreeValue(ctx, promise);
        return JS_EXCEPTION;
    }
    res = JS_Call(ctx, reject, JS_UNDEFINED, 1, (JSValueConst *)&exc);
    JS_FreeValue(ctx, exc);
    if (JS_IsException(res)) {
        JS_FreeValue(ctx, promise);
        return res;
    }
    JS_FreeValue(ctx, res);
    return promise;
}

/* calls a capability function with one argument and returns the promise */
static JSValue js_promise_call_settle(JSContext *ctx, JSValue promise, JSValueConst func,
                                      JSValueConst arg)
{
    JSValue res = JS_Call(ctx, func, JS_UNDEFINED, 1, &arg);
    if (JS_IsException(res)) {
        JS_FreeValue(ctx, promise);
        return res;
    }
    JS_FreeValue(ctx, res);
    return promise;
}

static void js_promise_free_funcs(JSContext *ctx, JSValue *funcs)
{
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
}

/* ---------------------------------------------------------------------
 * The constructor
 * ------------------------------------------------------------------- */
static JSValue js_promise_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                      JSValueConst *argv)
{
    JSValueConst executor = argv[0];
    JSValue promise, funcs[2], res;
    if (!JS_IsCallable(ctx, executor))
        return JS_ThrowTypeError(ctx, "Promise resolver is not a function");
    promise = js_promise_create(ctx, new_target);
    if (JS_IsException(promise))
        return promise;
    if (js_promise_create_resolving_functions(ctx, promise, funcs) < 0) {
        JS_FreeValue(ctx, promise);
        return JS_EXCEPTION;
    }
    res = JS_Call(ctx, executor, JS_UNDEFINED, 2, funcs);
    if (JS_IsException(res))
        promise = js_promise_reject_abrupt(ctx, promise, funcs[1]);
    else
        JS_FreeValue(ctx, res);
    js_promise_free_funcs(ctx, funcs);
    return promise;
}

static JSValue js_promise_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

/* ---------------------------------------------------------------------
 * Promise.prototype.then / catch / finally
 * ------------------------------------------------------------------- */
/* SpeciesConstructor(promise, %Promise%) when it is sure to be %Promise%
   without running code: the constructor is %Promise% (read without side
   effects) and its @@species is still the original getter, which returns
   it. Otherwise the generic path. */
static JSValue js_promise_species_constructor(JSContext *ctx, JSValueConst promise)
{
    JSObject *ctor = js_obj(ctx->promise_ctor), *getter;
    JSShapeProperty *pr;
    uint32_t idx;
    if (!js_is_promise(promise) || !js_promise_constructor_is_intrinsic(ctx, promise))
        return js_species_constructor(ctx, promise, ctx->promise_ctor);
    pr = js_shape_find(ctor->shape, JS_ATOM_Symbol_species, &idx);
    if (!pr || (pr->flags & JS_PROP_TMASK) != JS_PROP_GETSET)
        return js_species_constructor(ctx, promise, ctx->promise_ctor);
    getter = ctor->prop[idx].getset->getter;
    if (!getter || getter->class_id != JS_CLASS_C_FUNCTION ||
        getter->u.cfunc.c_function.getter != js_promise_get_species)
        return js_species_constructor(ctx, promise, ctx->promise_ctor);
    return JS_DupValue(ctx, ctx->promise_ctor);
}

JSValue js_promise_proto_then(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue ctor, ret;
    if (!js_is_promise(this_val))
        return JS_ThrowTypeError(ctx, "Promise.prototype.then called on a non-promise");
    ctor = js_promise_species_constructor(ctx, this_val);
    if (JS_IsException(ctor))
        return ctor;
    ret = js_promise_then_ctor(ctx, this_val, ctor, argv[0], argv[1]);
    JS_FreeValue(ctx, ctor);
    return ret;
}

static JSValue js_promise_catch(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst args[2] = {JS_UNDEFINED, argv[0]};
    return JS_Invoke(ctx, this_val, JS_ATOM_then, 2, args);
}

/* the functions finally() passes to then(): magic 0 returns, 1 throws the
   value captured in data[0] */
static JSValue js_promise_value_thunk(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv, int magic, JSValue *func_data)
{
    if (magic)
        return JS_Throw(ctx, JS_DupValue(ctx, func_data[0]));
    return JS_DupValue(ctx, func_data[0]);
}

/* thenFinally (magic 0) and catchFinally (magic 1): data is {C, onFinally} */
static JSValue js_promise_finally_func(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv, int magic, JSValue *func_data)
{
    JSValue result, p, thunk, ret;
    result = JS_Call(ctx, func_data[1], JS_UNDEFINED, 0, NULL);
    if (JS_IsException(result))
        return result;
    p = js_promise_resolve(ctx, func_data[0], result);
    JS_FreeValue(ctx, result);
    if (JS_IsException(p))
        return p;
    thunk = JS_NewCFunctionData(ctx, js_promise_value_thunk, 0, magic, 1, argv);
    if (JS_IsException(thunk)) {
        JS_FreeValue(ctx, p);
        return thunk;
    }
    ret = JS_Invoke(ctx, p, JS_ATOM_then, 1, (JSValueConst *)&thunk);
    JS_FreeValue(ctx, thunk);
    JS_FreeValue(ctx, p);
    return ret;
}

static JSValue js_promise_finally(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValueConst on_finally = argv[0];
    JSValue ctor, funcs[2], ret;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "Promise.prototype.finally called on a non-object");
    ctor = js_promise_species_constructor(ctx, this_val);
    if (JS_IsException(ctor))
        return ctor;
    if (!JS_IsCallable(ctx, on_finally)) {
        funcs[0] = JS_DupValue(ctx, on_finally);
        funcs[1] = JS_DupValue(ctx, on_finally);
    } else {
        JSValueConst data[2] = {ctor, on_finally};
        funcs[0] = JS_NewCFunctionData(ctx, js_promise_finally_func, 1, 0, 2, data);
        funcs[1] = JS_NewCFunctionData(ctx, js_promise_finally_func, 1, 1, 2, data);
        if (JS_IsException(funcs[0]) || JS_IsException(funcs[1])) {
            js_promise_free_funcs(ctx, funcs);
            JS_FreeValue(ctx, ctor);
            return JS_EXCEPTION;
        }
    }
    JS_FreeValue(ctx, ctor);
    ret = JS_Invoke(ctx, this_val, JS_ATOM_then, 2, funcs);
    js_promise_free_funcs(ctx, funcs);
    return ret;
}

/* ---------------------------------------------------------------------
 * Promise.resolve / reject / withResolvers / try
 * ------------------------------------------------------------------- */
static JSValue js_promise_resolve_static(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "Promise.resolve called on a non-object");
    return js_promise_resolve(ctx, this_val, argv[0]);
}

static JSValue js_promise_reject_static(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    JSValue funcs[2], promise;
    if (js_promise_is_intrinsic_ctor(ctx, this_val)) {
        /* the resolving functions would be invisible: settle directly */
        promise = js_new_promise(ctx, NULL);
        if (!JS_IsException(promise) && js_promise_settle(ctx, promise, argv[0], true) < 0) {
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
        return promise;
    }
    promise = js_new_promise_capability(ctx, funcs, this_val);
    if (JS_IsException(promise))
        return promise;
    promise = js_promise_call_settle(ctx, promise, funcs[1], argv[0]);
    js_promise_free_funcs(ctx, funcs);
    return promise;
}

static JSValue js_promise_with_resolvers(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    JSValue funcs[2], promise, obj;
    promise = js_new_promise_capability(ctx, funcs, this_val);
    if (JS_IsException(promise))
        return promise;
    obj = JS_NewObject(ctx);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, promise);
        js_promise_free_funcs(ctx, funcs);
        return obj;
    }
    /* a fresh ordinary object: CreateDataPropertyOrThrow cannot fail but
       for lack of memory */
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_promise, promise, JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValue(ctx, obj, JS_ATOM_resolve, funcs[0], JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValue(ctx, obj, JS_ATOM_reject, funcs[1], JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_promise_try(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue funcs[2], promise, status;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "Promise.try called on a non-object");
    promise = js_new_promise_capability(ctx, funcs, this_val);
    if (JS_IsException(promise))
        return promise;
    status = JS_Call(ctx, argv[0], JS_UNDEFINED, argc > 1 ? argc - 1 : 0, argv + 1);
    if (JS_IsException(status)) {
        promise = js_promise_reject_abrupt(ctx, promise, funcs[1]);
    } else {
        promise = js_promise_call_settle(ctx, promise, funcs[0], status);
        JS_FreeValue(ctx, status);
    }
    js_promise_free_funcs(ctx, funcs);
    return promise;
}

/* ---------------------------------------------------------------------
 * Combinator element functions
 * ------------------------------------------------------------------- */
static JSValue *js_comb_slots(JSValueConst state)
{
    return js_obj(state)->u.array.values;
}

/* {status: "fulfilled", value: x} or {status: "rejected", reason: x} */
static JSValue js_promise_settled_record(JSContext *ctx, JSValueConst x, bool is_reject)
{
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_status,
                               JS_NewString(ctx, is_reject ? "rejected" : "fulfilled"),
                               JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValue(ctx, obj, is_reject ? JS_ATOM_reason : JS_ATOM_value,
                               JS_DupValue(ctx, x), JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* CreateArrayFromList(values) */
static JSValue js_comb_values_array(JSContext *ctx, JSValueConst state)
{
    JSObject *p = js_obj(state);
    uint32_t n = p->u.array.count - JS_COMB_VALUES;
    JSValue *dst, arr = js_new_array_len(ctx, n, &dst);
    if (JS_IsException(arr))
        return arr;
    for (uint32_t i = 0; i < n; i++)
        dst[i] = JS_DupValue(ctx, p->u.array.values[JS_COMB_VALUES + i]);
    return arr;
}

/* CreateKeyedPromiseCombinatorResultObject: a null-prototype object */
static JSValue js_comb_keyed_object(JSContext *ctx, JSValueConst state)
{
    JSValue obj = JS_NewObjectProto(ctx, JS_NULL);
    JSValueConst keys = js_comb_slots(state)[JS_COMB_KEYS];
    uint32_t n = js_obj(keys)->u.array.count;
    if (JS_IsException(obj))
        return obj;
    for (uint32_t i = 0; i < n; i++) {
        JSValue *slots = js_comb_slots(state);
        JSValue key = JS_DupValue(ctx, js_obj(keys)->u.array.values[i]);
        if (JS_DefinePropertyValueValue(ctx, obj, key, JS_DupValue(ctx, slots[JS_COMB_VALUES + i]),
                                        JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
    }
    return obj;
}

/* a new AggregateError whose "errors" are the values collected */
static JSValue js_comb_aggregate_error(JSContext *ctx, JSValueConst state)
{
    JSValue msg, err, errors;
    msg = JS_NewString(ctx, "All promises were rejected");
    if (JS_IsException(msg))
        return msg;
    err = js_new_error(ctx, JS_NATIVE_ERROR_AGGREGATE, msg);
    JS_FreeValue(ctx, msg);
    if (JS_IsException(err))
        return err;
    errors = js_comb_values_array(ctx, state);
    if (JS_IsException(errors) ||
        JS_DefinePropertyValue(ctx, err, JS_ATOM_errors, errors,
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, err);
        return JS_EXCEPTION;
    }
    return err;
}

/* the combinator's final value once every element settled: the array or
   keyed object of values, or for any the AggregateError */
static JSValue js_comb_result(JSContext *ctx, JSValueConst state, int kind)
{
    switch (kind) {
    case JS_PROMISE_ANY:
        return js_comb_aggregate_error(ctx, state);
    case JS_PROMISE_ALL_KEYED:
    case JS_PROMISE_ALL_SETTLED_KEYED:
        return js_comb_keyed_object(ctx, state);
    default:
        return js_comb_values_array(ctx, state);
    }
}

/* remainingElementsCount -= 1; true when it reached zero */
static bool js_comb_count_down(JSValueConst state)
{
    JSValue *slots = js_comb_slots(state);
    int32_t n = JS_VALUE_GET_INT(slots[JS_COMB_REMAINING]) - 1;
    slots[JS_COMB_REMAINING] = JS_MKVAL(JS_TAG_INT, n);
    return n == 0;
}

/* the resolve / reject element functions of all, allSettled, any and the
   keyed forms */
static JSValue js_promise_element_func(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv, int magic, JSValue *func_data)
{
    JSValueConst state = func_data[JS_ELEM_STATE];
    uint32_t slot = JS_COMB_VALUES + JS_VALUE_GET_INT(func_data[JS_ELEM_INDEX]);
    int kind = magic / 2;
    bool is_reject = magic & 1;
    JSValue v, result, ret;
    if (!JS_IsUninitialized(js_comb_slots(state)[slot]))
        return JS_UNDEFINED; /* [[AlreadyCalled]] */
    if (kind == JS_PROMISE_ALL_SETTLED || kind == JS_PROMISE_ALL_SETTLED_KEYED)
        v = js_promise_settled_record(ctx, argv[0], is_reject);
    else
        v = JS_DupValue(ctx, argv[0]);
    if (JS_IsException(v))
        return v;
    js_comb_slots(state)[slot] = v;
    if (!js_comb_count_down(state))
        return JS_UNDEFINED;
    result = js_comb_result(ctx, state, kind);
    if (JS_IsException(result))
        return result;
    ret = JS_Call(ctx, func_data[JS_ELEM_CAP_FUNC], JS_UNDEFINED, 1, (JSValueConst *)&result);
    JS_FreeValue(ctx, result);
    return ret;
}

static JSValue js_comb_element_func(JSContext *ctx, JSValueConst state, uint32_t index,
                                    JSValueConst cap_func, int kind, bool is_reject)
{
    JSValueConst data[JS_ELEM_COUNT];
    data[JS_ELEM_STATE] = state;
    data[JS_ELEM_INDEX] = JS_NewInt32(ctx, (int32_t)index);
    data[JS_ELEM_CAP_FUNC] = cap_func;
    return JS_NewCFunctionData(ctx, js_promise_element_func, 1, JS_ELEM_MAGIC(kind, is_reject),
                               JS_ELEM_COUNT, data);
}

/* ---------------------------------------------------------------------
 * The combinator loops
 * ------------------------------------------------------------------- */
typedef struct JSPromiseComb {
    int kind;
    JSValueConst ctor;
    JSValueConst promise_resolve; /* C.resolve */
    JSValue funcs[2];             /* the result capability */
    JSValue state;                /* JS_UNDEFINED for race */
    uint32_t count;               /* elements so far (the index) */
} JSPromiseComb;

/* the handlers one element's promise gets: the capability's functions or
   new element functions, by combinator */
static int js_comb_handlers(JSContext *ctx, JSPromiseComb *c, JSValue *handlers)
{
    bool settled = c->kind == JS_PROMISE_ALL_SETTLED || c->kind == JS_PROMISE_ALL_SETTLED_KEYED;
    bool own_fulfill = c->kind != JS_PROMISE_RACE && c->kind != JS_PROMISE_ANY;
    bool own_reject = settled || c->kind == JS_PROMISE_ANY;
    JSValueConst cap = c->funcs[c->kind == JS_PROMISE_ANY];
    handlers[0] = own_fulfill ? js_comb_element_func(ctx, c->state, c->count, cap, c->kind, false)
                              : JS_DupValue(ctx, c->funcs[0]);
    if (JS_IsException(handlers[0]))
        return -1;
    handlers[1] = own_reject ? js_comb_element_func(ctx, c->state, c->count, cap, c->kind, true)
                             : JS_DupValue(ctx, c->funcs[1]);
    if (JS_IsException(handlers[1])) {
        JS_FreeValue(ctx, handlers[0]);
        return -1;
    }
    return 0;
}

/* one element: nextPromise = C.resolve(value), then
   nextPromise.then(onFulfilled, onRejected). Frees value. */
static int js_comb_step(JSContext *ctx, JSPromiseComb *c, JSValue value)
{
    JSValue next_promise, handlers[2], res;
    if (!JS_IsUndefined(c->state) &&
        js_fast_array_append(ctx, js_obj(c->state), JS_UNINITIALIZED) < 0) {
        JS_FreeValue(ctx, value);
        return -1;
    }
    next_promise = JS_Call(ctx, c->promise_resolve, c->ctor, 1, (JSValueConst *)&value);
    JS_FreeValue(ctx, value);
    if (JS_IsException(next_promise))
        return -1;
    if (js_comb_handlers(ctx, c, handlers) < 0) {
        JS_FreeValue(ctx, next_promise);
        return -1;
    }
    if (!JS_IsUndefined(c->state)) {
        JSValue *slots = js_comb_slots(c->state);
        slots[JS_COMB_REMAINING] =
            JS_MKVAL(JS_TAG_INT, JS_VALUE_GET_INT(slots[JS_COMB_REMAINING]) + 1);
    }
    res = JS_Invoke(ctx, next_promise, JS_ATOM_then, 2, handlers);
    js_promise_free_funcs(ctx, handlers);
    JS_FreeValue(ctx, next_promise);
    if (JS_IsException(res))
        return -1;
    JS_FreeValue(ctx, res);
    c->count++;
    return 0;
}

/* after the last element: remainingElementsCount -= 1, and when nothing
   is pending any more, settle the capability (any with no elements
   rejects by throwing its AggregateError, like the spec) */
static int js_comb_finish(JSContext *ctx, JSPromiseComb *c)
{
    JSValue result, res;
    if (JS_IsUndefined(c->state) || !js_comb_count_down(c->state))
        return 0;
    result = js_comb_result(ctx, c->state, c->kind);
    if (JS_IsException(result))
        return -1;
    if (c->kind == JS_PROMISE_ANY) {
        JS_Throw(ctx, result);
        return -1;
    }
    res = JS_Call(ctx, c->funcs[0], JS_UNDEFINED, 1, (JSValueConst *)&result);
    JS_FreeValue(ctx, result);
    if (JS_IsException(res))
        return -1;
    JS_FreeValue(ctx, res);
    return 0;
}

/* PerformPromiseAll / AllSettled / Any / Race over an iterator: an
   abrupt completion closes the iterator unless the iterator itself failed
   or was exhausted ([[Done]]) */
static int js_comb_iterate(JSContext *ctx, JSPromiseComb *c, JSValueConst iterable)
{
    JSValue iter, next, value;
    bool done;
    int ret = -1;
    iter = js_get_iterator(ctx, iterable, &next);
    if (JS_IsException(iter))
        return -1;
    for (;;) {
        value = js_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(value))
            break;
        if (done) {
            ret = js_comb_finish(ctx, c);
            break;
        }
        if (js_comb_step(ctx, c, value) < 0) {
            js_iterator_close_on_throw(ctx, iter);
            break;
        }
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return ret;
}

/* PerformPromiseAllKeyed over the enumerable own properties of obj */
static int js_comb_iterate_keyed(JSContext *ctx, JSPromiseComb *c, JSValueConst obj)
{
    JSPropertyEnum *tab;
    uint32_t len;
    int ret = 0;
    if (JS_GetOwnPropertyNamesInternal(ctx, &tab, &len, js_obj(obj),
                                       JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
        return -1;
    for (uint32_t i = 0; i < len && ret == 0; i++) {
        JSPropertyDescriptor desc;
        JSAtom key = tab[i].atom;
        JSValue value, keys;
        int has = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(obj), key);
        if (has < 0) {
            ret = -1;
            break;
        }
        if (!has)
            continue;
        js_free_desc(ctx, &desc);
        if (!(desc.flags & JS_PROP_ENUMERABLE))
            continue;
        value = JS_GetProperty(ctx, obj, key);
        if (JS_IsException(value)) {
            ret = -1;
            break;
        }
        keys = js_comb_slots(c->state)[JS_COMB_KEYS];
        if (js_fast_array_append(ctx, js_obj(keys), JS_AtomToValue(ctx, key)) < 0) {
            JS_FreeValue(ctx, value);
            ret = -1;
            break;
        }
        ret = js_comb_step(ctx, c, value);
    }
    js_free_property_enum(ctx, tab, len);
    if (ret == 0)
        ret = js_comb_finish(ctx, c);
    return ret;
}

/* the internal state array: [1, keys or undefined] */
static JSValue js_comb_new_state(JSContext *ctx, bool keyed)
{
    JSValue init[2];
    init[JS_COMB_REMAINING] = JS_NewInt32(ctx, 1);
    init[JS_COMB_KEYS] = keyed ? JS_NewArray(ctx) : JS_UNDEFINED;
    if (JS_IsException(init[JS_COMB_KEYS]))
        return JS_EXCEPTION;
    return js_new_array_from(ctx, 2, init);
}

/* GetPromiseResolve(C) */
static JSValue js_promise_get_resolve(JSContext *ctx, JSValueConst ctor)
{
    JSValue f = JS_GetProperty(ctx, ctor, JS_ATOM_resolve);
    if (!JS_IsException(f) && !JS_IsCallable(ctx, f)) {
        JS_FreeValue(ctx, f);
        return JS_ThrowTypeError(ctx, "the promise constructor's resolve is not a function");
    }
    return f;
}

static JSValue js_promise_combinator(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv, int kind)
{
    bool keyed = kind == JS_PROMISE_ALL_KEYED || kind == JS_PROMISE_ALL_SETTLED_KEYED;
    JSPromiseComb c;
    JSValue promise, promise_resolve;
    int ret = -1;
    c.kind = kind;
    c.ctor = this_val;
    c.count = 0;
    c.state = JS_UNDEFINED;
    promise = js_new_promise_capability(ctx, c.funcs, this_val);
    if (JS_IsException(promise))
        return promise;
    promise_resolve = js_promise_get_resolve(ctx, this_val);
    c.promise_resolve = promise_resolve;
    if (JS_IsException(promise_resolve))
        goto done;
    if (kind != JS_PROMISE_RACE) {
        c.state = js_comb_new_state(ctx, keyed);
        if (JS_IsException(c.state))
            goto done;
    }
    if (!keyed)
        ret = js_comb_iterate(ctx, &c, argv[0]);
    else if (!JS_IsObject(argv[0]))
        JS_ThrowTypeError(ctx, "the argument is not an object");
    else
        ret = js_comb_iterate_keyed(ctx, &c, argv[0]);
done:
    if (ret < 0)
        promise = js_promise_reject_abrupt(ctx, promise, c.funcs[1]);
    JS_FreeValue(ctx, promise_resolve);
    JS_FreeValue(ctx, c.state);
    js_promise_free_funcs(ctx, c.funcs);
    return promise;
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_promise_funcs[] = {
    JS_CFUNC_MAGIC_DEF("all", 1, js_promise_combinator, JS_PROMISE_ALL),
    JS_CFUNC_MAGIC_DEF("allSettled", 1, js_promise_combinator, JS_PROMISE_ALL_SETTLED),
    JS_CFUNC_MAGIC_DEF("any", 1, js_promise_combinator, JS_PROMISE_ANY),
    JS_CFUNC_MAGIC_DEF("race", 1, js_promise_combinator, JS_PROMISE_RACE),
    JS_CFUNC_MAGIC_DEF("allKeyed", 1, js_promise_combinator, JS_PROMISE_ALL_KEYED),
    JS_CFUNC_MAGIC_DEF("allSettledKeyed", 1, js_promise_combinator, JS_PROMISE_ALL_SETTLED_KEYED),
    JS_CFUNC_DEF("reject", 1, js_promise_reject_static),
    JS_CFUNC_DEF("resolve", 1, js_promise_resolve_static),
    JS_CFUNC_DEF("try", 1, js_promise_try),
    JS_CFUNC_DEF("withResolvers", 0, js_promise_with_resolvers),
    JS_CGETSET_DEF("[Symbol.species]", js_promise_get_species, NULL),
};

static const JSCFunctionListEntry js_promise_proto_funcs[] = {
    JS_CFUNC_DEF("then", 2, js_promise_proto_then),
    JS_CFUNC_DEF("catch", 1, js_promise_catch),
    JS_CFUNC_DEF("finally", 1, js_promise_finally),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Promise", JS_PROP_CONFIGURABLE),
};

int js_init_promise(JSContext *ctx)
{
    JSValue proto, ctor;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_SetClassProto(ctx, JS_CLASS_PROMISE, proto);
    if (JS_SetPropertyFunctionList(ctx, proto, js_promise_proto_funcs,
                                   countof(js_promise_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_Promise, js_promise_constructor, 1,
                                 JS_CFUNC_constructor, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    ctx->promise_ctor = ctor;
    return JS_SetPropertyFunctionList(ctx, ctor, js_promise_funcs, countof(js_promise_funcs));
}
