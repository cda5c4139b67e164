/*
 * array.c — the Array builtin family (ECMA-262 §23.1): the Array
 * constructor and its static methods, Array.prototype (itself an Array
 * exotic object) with every method, and %ArrayIteratorPrototype% with the
 * array iterators shared by arguments objects and typed arrays.
 *
 * Every method follows the spec algorithm step by step on any object (the
 * order of property reads, conversions and calls is observable). Fast arrays
 * (fast_array.h) get shortcuts only where no user code can tell the
 * difference: their elements 0 .. count-1 are own writable, enumerable,
 * configurable data properties, so HasProperty/Get/Set on them cannot reach
 * a getter, a setter or a proxy. Any call into JS (a callback, a valueOf, a
 * getter) can change or convert the array, so fast paths re-check the
 * array after every such call instead of keeping element pointers.
 *
 * Lengths of array-likes go up to 2^53-1: indices are int64_t and property
 * keys beyond the integer atoms are built as strings (js_array_index_atom).
 */
#include <math.h>

#include "builtins.h"
#include "typedarray.h"
#include "proxy.h"
#include "../atom.h"
#include "../conv.h"
#include "../error.h"
#include "../fast_array.h"
#include "../function.h"
#include "../gc.h"
#include "../iter.h"
#include "../object.h"
#include "../runtime.h"
#include "../str.h"

#define JS_MAX_SAFE_INTEGER (((int64_t)1 << 53) - 1)

/* arguments past a function's declared length are not padded */
static inline JSValueConst js_arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

static inline bool js_same_object(JSValueConst a, JSValueConst b)
{
    return JS_IsObject(a) && JS_IsObject(b) && js_obj(a) == js_obj(b);
}

/* ---------------------------------------------------------------------
 * Element access on any object (o is always an object here)
 * ------------------------------------------------------------------- */
/* the property key of an integer index 0 .. 2^53-1 (free with JS_FreeAtom) */
static JSAtom js_array_index_atom(JSContext *ctx, int64_t idx)
{
    if (idx <= JS_ATOM_MAX_INT)
        return js_atom_from_uint32((uint32_t)idx);
    return JS_ValueToAtom(ctx, JS_NewInt64(ctx, idx));
}

/* a fast Array or unmapped arguments object whose element idx is a plain
   own data property */
static inline bool js_array_has_fast_elem(JSValueConst o, int64_t idx)
{
    JSObject *p = js_obj(o);
    return p->fast_array && (p->class_id == JS_CLASS_ARRAY || p->class_id == JS_CLASS_ARGUMENTS) &&
           idx < p->u.array.count;
}

/* HasProperty(o, idx) then, when present, Get(o, idx): -1 on exception,
   0 when absent (*pval is undefined), 1 when present */
static int js_array_try_get(JSContext *ctx, JSValueConst o, int64_t idx, JSValue *pval)
{
    JSAtom atom;
    int ret;
    *pval = JS_UNDEFINED;
    if (js_array_has_fast_elem(o, idx)) {
        *pval = JS_DupValue(ctx, js_obj(o)->u.array.values[idx]);
        return 1;
    }
    /* generic loops can run up to 2^53 times: let an interrupt stop them */
    if (js_poll_interrupts(ctx))
        return -1;
    atom = js_array_index_atom(ctx, idx);
    if (atom == JS_ATOM_NULL)
        return -1;
    ret = js_has_property(ctx, js_obj(o), atom);
    if (ret > 0) {
        *pval = JS_GetProperty(ctx, o, atom);
        if (JS_IsException(*pval)) {
            *pval = JS_UNDEFINED;
            ret = -1;
        }
    }
    JS_FreeAtom(ctx, atom);
    return ret;
}

/* Get(o, idx) */
static JSValue js_array_get(JSContext *ctx, JSValueConst o, int64_t idx)
{
    if (js_array_has_fast_elem(o, idx))
        return JS_DupValue(ctx, js_obj(o)->u.array.values[idx]);
    if (js_poll_interrupts(ctx))
        return JS_EXCEPTION;
    return JS_GetPropertyInt64(ctx, o, idx);
}

/* Set(o, idx, val, true); frees val */
static int js_array_set(JSContext *ctx, JSValueConst o, int64_t idx, JSValue val)
{
    /* fill on {length: 2**53 - 1} only sets: it must be interruptible too */
    if (js_poll_interrupts(ctx)) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    return JS_SetPropertyInt64(ctx, o, idx, val) < 0 ? -1 : 0;
}

/* DeletePropertyOrThrow(o, idx) */
static int js_array_delete(JSContext *ctx, JSValueConst o, int64_t idx)
{
    JSAtom atom = js_array_index_atom(ctx, idx);
    int ret;
    if (atom == JS_ATOM_NULL)
        return -1;
    ret = js_delete_property(ctx, o, atom, JS_PROP_THROW);
    JS_FreeAtom(ctx, atom);
    return ret < 0 ? -1 : 0;
}

static inline bool js_array_length_writable(JSObject *p)
{
    return (p->shape->prop[0].flags & JS_PROP_WRITABLE) != 0;
}

/* whether defining element count of a fast array keeps it fast. Unlike a
   [[Set]], a definition never looks at the prototypes. */
static bool js_array_can_define_next(JSObject *p)
{
    if (!p->extensible || !JS_IsInt(p->prop[0].value))
        return false;
    return p->u.array.count < (uint32_t)JS_VALUE_GET_INT(p->prop[0].value) ||
           js_array_length_writable(p);
}

/* CreateDataPropertyOrThrow(a, idx, val); frees val */
static int js_array_create_elem(JSContext *ctx, JSValueConst a, int64_t idx, JSValue val)
{
    if (js_is_fast_array(a)) {
        JSObject *p = js_obj(a);
        if (idx < p->u.array.count) {
            /* an existing plain element: redefining it only changes the value */
            JSValue old = p->u.array.values[idx];
            p->u.array.values[idx] = val;
            JS_FreeValue(ctx, old);
            return 0;
        }
        if (idx == p->u.array.count && js_array_can_define_next(p))
            return js_fast_array_append(ctx, p, val) < 0 ? -1 : 0;
    }
    return JS_CreateDataPropertyUint32(ctx, a, idx, val, JS_PROP_THROW) < 0 ? -1 : 0;
}

/* Set(o, "length", len, true) */
static int js_array_set_length(JSContext *ctx, JSValueConst o, int64_t len)
{
    return JS_SetProperty(ctx, o, JS_ATOM_length, JS_NewInt64(ctx, len)) < 0 ? -1 : 0;
}

/* the fast Array behind o when its length is still len (user code may have
   run since it was read), equals its element count and is writable: then
   every index below the length is a plain own element and the length can
   change without user code running */
static JSObject *js_array_dense(JSValueConst o, int64_t len)
{
    JSObject *p;
    if (!js_is_fast_array(o))
        return NULL;
    p = js_obj(o);
    if (p->u.array.count != len || !JS_IsInt(p->prop[0].value) ||
        (uint32_t)JS_VALUE_GET_INT(p->prop[0].value) != p->u.array.count ||
        !js_array_length_writable(p))
        return NULL;
    return p;
}

/* js_array_dense for a `this` value not yet converted or measured */
static inline JSObject *js_array_dense_this(JSValueConst v)
{
    return js_is_fast_array(v) ? js_array_dense(v, js_obj(v)->u.array.count) : NULL;
}

/* the length slot of a fast array after its elements were changed in place */
static void js_array_dense_set_count(JSObject *p, uint32_t count)
{
    p->u.array.count = count;
    p->prop[0].value = JS_MKVAL(JS_TAG_INT, (int32_t)count);
}

/* ToObject(this) and LengthOfArrayLike: returns the object or JS_EXCEPTION */
static JSValue js_array_this(JSContext *ctx, JSValueConst this_val, int64_t *plen)
{
    JSValue o = JS_ToObject(ctx, this_val);
    if (JS_IsException(o))
        return o;
    if (js_get_length64(ctx, plen, o)) {
        JS_FreeValue(ctx, o);
        return JS_EXCEPTION;
    }
    return o;
}

/* a relative index argument (start, end, target) resolved against len */
static int js_array_relative_index(JSContext *ctx, int64_t *pres, JSValueConst val, int64_t len)
{
    return JS_ToInt64Clamp(ctx, pres, val, 0, len, len);
}

static JSValue js_array_throw_not_callable(JSContext *ctx)
{
    return JS_ThrowTypeError(ctx, "callback is not a function");
}

static JSValue js_array_throw_too_long(JSContext *ctx)
{
    return JS_ThrowTypeError(ctx, "array length exceeds 2^53-1");
}

/* ---------------------------------------------------------------------
 * IsArray, ArrayCreate, ArraySpeciesCreate
 * ------------------------------------------------------------------- */
/* IsArray: -1 on exception (a revoked proxy), else 0/1. Proxies forward to
   their target. */
static int js_array_is_array(JSContext *ctx, JSValueConst val)
{
    if (!JS_IsObject(val))
        return 0;
    if (js_obj(val)->class_id == JS_CLASS_PROXY)
        return js_proxy_is_array(ctx, js_obj(val));
    return js_obj(val)->class_id == JS_CLASS_ARRAY;
}

bool JS_IsArray(JSContext *ctx, JSValueConst val)
{
    return js_array_is_array(ctx, val) > 0;
}

/* ArrayCreate(len) with the realm's Array.prototype; room is reserved for
   `reserve` elements the caller is about to add */
static JSValue js_array_create(JSContext *ctx, int64_t len, uint32_t reserve)
{
    JSValue arr;
    JSObject *p;
    if (len > UINT32_MAX)
        return JS_ThrowRangeError(ctx, "Invalid array length");
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr))
        return arr;
    p = js_obj(arr);
    p->prop[0].value = JS_NewInt64(ctx, len);
    if (reserve > len)
        reserve = (uint32_t)len;
    if (reserve && js_fast_array_reserve(ctx, p, reserve)) {
        JS_FreeValue(ctx, arr);
        return JS_EXCEPTION;
    }
    return arr;
}

/* Construct(c, « len ») (« » when len < 0) when c is a constructor, else
   ArrayCreate(len). *pfresh is set when the result is a new intrinsic
   Array: constructing the realm's %Array% is indistinguishable from
   ArrayCreate (its "prototype" is a non-writable, non-configurable data
   property). */
static JSValue js_array_construct(JSContext *ctx, JSValueConst c, int64_t len, uint32_t reserve,
                                  bool *pfresh)
{
    JSValue len_val;
    *pfresh = false;
    if (!JS_IsConstructor(ctx, c) || js_same_object(c, ctx->array_ctor)) {
        *pfresh = true;
        return js_array_create(ctx, len < 0 ? 0 : len, reserve);
    }
    if (len < 0)
        return JS_CallConstructor(ctx, c, 0, NULL);
    len_val = JS_NewInt64(ctx, len);
    return JS_CallConstructor(ctx, c, 1, &len_val);
}

/* ArraySpeciesCreate(orig, len); *pfresh as for js_array_construct */
static JSValue js_array_species_create(JSContext *ctx, JSValueConst orig, int64_t len,
                                       uint32_t reserve, bool *pfresh)
{
    JSValue ctor, species;
    int is_array = js_array_is_array(ctx, orig);
    *pfresh = false;
    if (is_array < 0)
        return JS_EXCEPTION;
    if (!is_array)
        goto create;
    ctor = JS_GetProperty(ctx, orig, JS_ATOM_constructor);
    if (JS_IsException(ctor))
        return ctor;
    if (JS_IsConstructor(ctx, ctor)) {
        /* another realm's %Array% means "a plain array of this realm" */
        JSContext *realm = js_get_function_realm(ctx, ctor);
        if (!realm) {
            JS_FreeValue(ctx, ctor);
            return JS_EXCEPTION;
        }
        if (realm != ctx && js_same_object(ctor, realm->array_ctor)) {
            JS_FreeValue(ctx, ctor);
            ctor = JS_UNDEFINED;
        }
    }
    if (JS_IsObject(ctor)) {
        species = JS_GetProperty(ctx, ctor, JS_ATOM_Symbol_species);
        JS_FreeValue(ctx, ctor);
        if (JS_IsException(species))
            return species;
        ctor = JS_IsNull(species) ? JS_UNDEFINED : species;
    }
    if (JS_IsUndefined(ctor))
        goto create;
    if (!JS_IsConstructor(ctx, ctor)) {
        JS_FreeValue(ctx, ctor);
        return JS_ThrowTypeError(ctx, "species is not a constructor");
    }
    species = js_array_construct(ctx, ctor, len, reserve, pfresh);
    JS_FreeValue(ctx, ctor);
    return species;
create:
    *pfresh = true;
    return js_array_create(ctx, len, reserve);
}

/* appends count values (duplicated) to a fresh fast array whose length
   equals its element count */
static int js_array_append_dup(JSContext *ctx, JSObject *p, const JSValue *src, uint32_t count)
{
    uint32_t n = p->u.array.count;
    if (js_fast_array_reserve(ctx, p, n + count))
        return -1;
    for (uint32_t i = 0; i < count; i++)
        p->u.array.values[n + i] = JS_DupValue(ctx, src[i]);
    p->u.array.count = n + count;
    p->prop[0].value = JS_NewUint32(ctx, n + count);
    return 0;
}

/* a fresh result array that is still a plain fast array holding exactly n
   elements (user code may have seen it only through species constructors,
   which fresh arrays never involve) */
static JSObject *js_array_fresh_at(JSValueConst a, bool fresh, int64_t n)
{
    JSObject *p;
    if (!fresh || !js_is_fast_array(a))
        return NULL;
    p = js_obj(a);
    return p->u.array.count == n ? p : NULL;
}

/* ---------------------------------------------------------------------
 * The Array constructor and its static methods
 * ------------------------------------------------------------------- */
/* Array(...values): called as a function, new.target is Array itself */
static JSValue js_array_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                    JSValueConst *argv)
{
    JSValue arr = js_create_from_ctor(ctx, new_target, JS_CLASS_ARRAY);
    JSObject *p;
    if (JS_IsException(arr))
        return arr;
    p = js_obj(arr);
    if (argc == 1 && JS_IsNumber(argv[0])) {
        uint32_t len;
        double d = js_value_to_double(argv[0]);
        JS_ToUint32(ctx, &len, argv[0]); /* a number: cannot fail */
        if ((double)len != d) {
            JS_FreeValue(ctx, arr);
            return JS_ThrowRangeError(ctx, "Invalid array length");
        }
        p->prop[0].value = JS_NewUint32(ctx, len);
        return arr;
    }
    /* the new array has no elements yet: filling it directly is exactly
       CreateDataPropertyOrThrow for each value */
    if (argc > 0 && js_fast_array_reserve(ctx, p, argc)) {
        JS_FreeValue(ctx, arr);
        return JS_EXCEPTION;
    }
    for (int i = 0; i < argc; i++)
        p->u.array.values[i] = JS_DupValue(ctx, argv[i]);
    p->u.array.count = argc;
    p->prop[0].value = JS_NewInt32(ctx, argc);
    return arr;
}

/* whether iterating items with `method` is the intrinsic array iteration:
   an Array, %Array.prototype.values% and an unmodified
   %ArrayIteratorPrototype%.next. The iterator object never reaches user
   code then, so the iteration can read the array directly. */
static JSValue js_array_iterator_next(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv);

static bool js_array_iteration_is_intrinsic(JSContext *ctx, JSValueConst items, JSValueConst method)
{
    JSValueConst proto = ctx->class_proto[JS_CLASS_ARRAY_ITERATOR];
    JSProperty *pr;
    JSShapeProperty *prs;
    JSObject *f;
    if (!JS_IsObject(items) || js_obj(items)->class_id != JS_CLASS_ARRAY ||
        !js_same_object(method, ctx->array_proto_values) || !JS_IsObject(proto))
        return false;
    prs = find_own_property(&pr, js_obj(proto), JS_ATOM_next);
    if (!prs || (prs->flags & JS_PROP_TMASK) != JS_PROP_NORMAL || !JS_IsObject(pr->value))
        return false;
    f = js_obj(pr->value);
    return f->class_id == JS_CLASS_C_FUNCTION &&
           f->u.cfunc.c_function.generic == js_array_iterator_next;
}

static JSValue js_array_iterator_new(JSContext *ctx, JSValueConst obj, int kind, int64_t index);

/* Array.from over an Array with the intrinsic iteration (see above): each
   step reads the length and the element exactly as the iterator would */
static JSValue js_array_from_array(JSContext *ctx, JSValueConst a, JSValueConst items,
                                   JSValueConst mapfn, JSValueConst this_arg)
{
    JSValue val, iter;
    int64_t k, len;
    for (k = 0;; k++) {
        if (js_get_length64(ctx, &len, items))
            return JS_EXCEPTION;
        if (k >= len)
            break;
        val = js_array_get(ctx, items, k);
        if (JS_IsException(val))
            return val;
        if (!JS_IsUndefined(mapfn)) {
            JSValueConst args[2] = {val, JS_NewInt64(ctx, k)};
            JSValue mapped = JS_Call(ctx, mapfn, this_arg, 2, args);
            JS_FreeValue(ctx, val);
            val = mapped;
            if (JS_IsException(val))
                goto close;
        }
        if (js_array_create_elem(ctx, a, k, val))
            goto close;
    }
    if (js_array_set_length(ctx, a, k))
        return JS_EXCEPTION;
    return JS_UNDEFINED;
close:
    /* the abrupt completion closes the iterator, whose state is now k + 1 */
    iter = js_array_iterator_new(ctx, items, 1, k + 1);
    if (!JS_IsException(iter)) {
        js_iterator_close_on_throw(ctx, iter);
        JS_FreeValue(ctx, iter);
    }
    return JS_EXCEPTION;
}

static JSValue js_array_from_iterator(JSContext *ctx, JSValueConst a, JSValueConst items,
                                      JSValueConst method, JSValueConst mapfn,
                                      JSValueConst this_arg)
{
    JSValue iter, next = JS_UNDEFINED, val;
    int64_t k;
    bool done;
    iter = JS_Call(ctx, method, items, 0, NULL);
    if (JS_IsException(iter))
        return iter;
    if (!JS_IsObject(iter)) {
        JS_ThrowTypeError(ctx, "iterator is not an object");
        goto fail;
    }
    next = JS_GetProperty(ctx, iter, JS_ATOM_next);
    if (JS_IsException(next))
        goto fail;
    for (k = 0;; k++) {
        if (k >= JS_MAX_SAFE_INTEGER) {
            js_array_throw_too_long(ctx);
            goto close;
        }
        val = js_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(val))
            goto fail;
        if (done)
            break;
        if (!JS_IsUndefined(mapfn)) {
            JSValueConst args[2] = {val, JS_NewInt64(ctx, k)};
            JSValue mapped = JS_Call(ctx, mapfn, this_arg, 2, args);
            JS_FreeValue(ctx, val);
            val = mapped;
            if (JS_IsException(val))
                goto close;
        }
        if (js_array_create_elem(ctx, a, k, val))
            goto close;
    }
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, iter);
    if (js_array_set_length(ctx, a, k))
        return JS_EXCEPTION;
    return JS_UNDEFINED;
close:
    js_iterator_close_on_throw(ctx, iter);
fail:
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, iter);
    return JS_EXCEPTION;
}

static JSValue js_array_from_array_like(JSContext *ctx, JSValueConst c, JSValueConst items,
                                        JSValueConst mapfn, JSValueConst this_arg)
{
    JSValue o, a = JS_UNDEFINED, val;
    int64_t len, k;
    bool fresh;
    o = js_array_this(ctx, items, &len);
    if (JS_IsException(o))
        return o;
    a = js_array_construct(ctx, c, len, 0, &fresh);
    if (JS_IsException(a))
        goto fail;
    for (k = 0; k < len; k++) {
        val = js_array_get(ctx, o, k);
        if (JS_IsException(val))
            goto fail;
        if (!JS_IsUndefined(mapfn)) {
            JSValueConst args[2] = {val, JS_NewInt64(ctx, k)};
            JSValue mapped = JS_Call(ctx, mapfn, this_arg, 2, args);
            JS_FreeValue(ctx, val);
            val = mapped;
            if (JS_IsException(val))
                goto fail;
        }
        if (js_array_create_elem(ctx, a, k, val))
            goto fail;
    }
    if (js_array_set_length(ctx, a, len))
        goto fail;
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* Array.from(items [, mapfn [, thisArg]]) */
static JSValue js_array_from(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst items = argv[0], mapfn = js_arg(argc, argv, 1), this_arg = js_arg(argc, argv, 2);
    JSValue method, a, ret;
    bool fresh;
    if (!JS_IsUndefined(mapfn) && !JS_IsCallable(ctx, mapfn))
        return js_array_throw_not_callable(ctx);
    method = js_get_method(ctx, items, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return method;
    if (JS_IsUndefined(method))
        return js_array_from_array_like(ctx, this_val, items, mapfn, this_arg);
    a = js_array_construct(ctx, this_val, -1, 0, &fresh);
    if (JS_IsException(a)) {
        JS_FreeValue(ctx, method);
        return a;
    }
    if (js_array_iteration_is_intrinsic(ctx, items, method))
        ret = js_array_from_array(ctx, a, items, mapfn, this_arg);
    else
        ret = js_array_from_iterator(ctx, a, items, method, mapfn, this_arg);
    JS_FreeValue(ctx, method);
    if (JS_IsException(ret)) {
        JS_FreeValue(ctx, a);
        return ret;
    }
    return a;
}

/* Array.of(...items) */
static JSValue js_array_of(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    bool fresh;
    JSValue a = js_array_construct(ctx, this_val, argc, argc, &fresh);
    if (JS_IsException(a))
        return a;
    for (int k = 0; k < argc; k++) {
        if (js_array_create_elem(ctx, a, k, JS_DupValue(ctx, argv[k])))
            goto fail;
    }
    if (js_array_set_length(ctx, a, argc))
        goto fail;
    return a;
fail:
    JS_FreeValue(ctx, a);
    return JS_EXCEPTION;
}

/* Array.isArray(arg) */
static JSValue js_array_is_array_fn(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    int ret = js_array_is_array(ctx, argv[0]);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

/* get Array[@@species] */
static JSValue js_array_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

/* ---------------------------------------------------------------------
 * Array.prototype: reading and searching
 * ------------------------------------------------------------------- */
/* at(index) */
static JSValue js_array_at(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len, k;
    JSValue o = js_array_this(ctx, this_val, &len), ret;
    if (JS_IsException(o))
        return o;
    if (JS_ToInt64Sat(ctx, &k, argv[0]))
        goto fail;
    if (k < 0)
        k += len;
    ret = (k < 0 || k >= len) ? JS_UNDEFINED : js_array_get(ctx, o, k);
    JS_FreeValue(ctx, o);
    return ret;
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* the dense elements [0, len) of a fast array, when all of them are
   present (a read of a missing one could reach the prototypes) */
static JSValue *js_array_dense_prefix(JSValueConst o, int64_t len)
{
    JSObject *p;
    if (!js_is_fast_array(o))
        return NULL;
    p = js_obj(o);
    return len <= p->u.array.count ? p->u.array.values : NULL;
}

/* the first (step 1) or last (step -1) index in [from, to] of a dense
   element vector equal to x: IsStrictlyEqual, or SameValueZero when
   same_value_zero (then NaN finds NaN). Neither runs user code; apart from
   numbers and strings, equality is identity. -1 when absent. */
static int64_t js_array_scan(JSContext *ctx, const JSValue *values, int64_t from, int64_t to,
                             int step, JSValueConst x, bool same_value_zero)
{
    int64_t k;
    if (JS_IsNumber(x)) {
        double d = js_value_to_double(x);
        if (isnan(d)) {
            for (k = from; same_value_zero && k != to + step; k += step) {
                if (JS_VALUE_IS_NAN(values[k]))
                    return k;
            }
            return -1;
        }
        for (k = from; k != to + step; k += step) {
            JSValue v = values[k];
            if (v == x || (JS_IsNumber(v) && js_value_to_double(v) == d))
                return k;
        }
        return -1;
    }
    if (JS_IsString(x) || JS_IsBigInt(x)) {
        for (k = from; k != to + step; k += step) {
            if (js_strict_eq(ctx, values[k], x))
                return k;
        }
        return -1;
    }
    for (k = from; k != to + step; k += step) {
        if (values[k] == x)
            return k;
    }
    return -1;
}

/* includes(searchElement [, fromIndex]) */
static JSValue js_array_includes(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    int64_t len, k;
    JSValue o = js_array_this(ctx, this_val, &len), v;
    JSValue *values;
    bool found = false;
    if (JS_IsException(o))
        return o;
    if (len == 0)
        goto done;
    if (JS_ToInt64Clamp(ctx, &k, js_arg(argc, argv, 1), 0, len, len))
        goto fail;
    values = js_array_dense_prefix(o, len);
    if (values) {
        found = k < len && js_array_scan(ctx, values, k, len - 1, 1, argv[0], true) >= 0;
        goto done;
    }
    for (; k < len && !found; k++) {
        v = js_array_get(ctx, o, k);
        if (JS_IsException(v))
            goto fail;
        found = js_same_value_zero(ctx, v, argv[0]);
        JS_FreeValue(ctx, v);
    }
done:
    JS_FreeValue(ctx, o);
    return JS_NewBool(ctx, found);
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* indexOf(searchElement [, fromIndex]) */
static JSValue js_array_index_of(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    int64_t len, k, res = -1;
    JSValue o = js_array_this(ctx, this_val, &len), v;
    JSValue *values;
    int ret;
    if (JS_IsException(o))
        return o;
    if (len == 0)
        goto done;
    if (JS_ToInt64Clamp(ctx, &k, js_arg(argc, argv, 1), 0, len, len))
        goto fail;
    values = js_array_dense_prefix(o, len);
    if (values) {
        if (k < len)
            res = js_array_scan(ctx, values, k, len - 1, 1, argv[0], false);
        goto done;
    }
    for (; k < len; k++) {
        ret = js_array_try_get(ctx, o, k, &v);
        if (ret < 0)
            goto fail;
        if (ret && js_strict_eq(ctx, v, argv[0]))
            res = k;
        JS_FreeValue(ctx, v);
        if (res >= 0)
            break;
    }
done:
    JS_FreeValue(ctx, o);
    return JS_NewInt64(ctx, res);
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* lastIndexOf(searchElement [, fromIndex]) */
static JSValue js_array_last_index_of(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    int64_t len, k, res = -1;
    JSValue o = js_array_this(ctx, this_val, &len), v;
    JSValue *values;
    int ret;
    if (JS_IsException(o))
        return o;
    if (len == 0)
        goto done;
    k = len - 1;
    if (argc > 1) {
        /* -1 .. len-1, where -1 (nothing to search) covers -Infinity */
        if (JS_ToInt64Clamp(ctx, &k, argv[1], -1, len - 1, len))
            goto fail;
    }
    values = js_array_dense_prefix(o, k + 1);
    if (values) {
        if (k >= 0)
            res = js_array_scan(ctx, values, k, 0, -1, argv[0], false);
        goto done;
    }
    for (; k >= 0; k--) {
        ret = js_array_try_get(ctx, o, k, &v);
        if (ret < 0)
            goto fail;
        if (ret && js_strict_eq(ctx, v, argv[0]))
            res = k;
        JS_FreeValue(ctx, v);
        if (res >= 0)
            break;
    }
done:
    JS_FreeValue(ctx, o);
    return JS_NewInt64(ctx, res);
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* appends one joined element: undefined and null are empty */
static int js_array_join_elem(StringBuffer *b, JSValue v)
{
    if (JS_IsUndefined(v) || JS_IsNull(v))
        return 0;
    if (JS_IsInt(v))
        return string_buffer_printf(b, "%d", JS_VALUE_GET_INT(v));
    return string_buffer_concat_value_free(b, v);
}

/* the shared loop of join and toLocaleString: sep is a flat string */
static JSValue js_array_join_loop(JSContext *ctx, JSValueConst o, int64_t len, JSValueConst sep,
                                  bool locale)
{
    StringBuffer b;
    JSString *sp = JS_VALUE_GET_STRING(sep);
    JSValue v;
    string_buffer_init(ctx, &b, 0);
    for (int64_t k = 0; k < len; k++) {
        if (k > 0 && string_buffer_concat(&b, sp, 0, sp->len))
            goto fail;
        v = js_array_get(ctx, o, k);
        if (JS_IsException(v))
            goto fail;
        if (locale && !JS_IsUndefined(v) && !JS_IsNull(v)) {
            JSValue s = JS_Invoke(ctx, v, JS_ATOM_toLocaleString, 0, NULL);
            JS_FreeValue(ctx, v);
            if (JS_IsException(s))
                goto fail;
            v = s;
        }
        if (js_array_join_elem(&b, v))
            goto fail;
    }
    return string_buffer_end(&b);
fail:
    string_buffer_free(&b);
    return JS_EXCEPTION;
}

/* join(separator) */
static JSValue js_array_join(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len;
    JSValue o = js_array_this(ctx, this_val, &len), sep, ret;
    if (JS_IsException(o))
        return o;
    if (JS_IsUndefined(argv[0]))
        sep = js_new_string8(ctx, ",");
    else
        sep = JS_ToString(ctx, argv[0]);
    if (JS_IsException(sep)) {
        JS_FreeValue(ctx, o);
        return sep;
    }
    ret = js_array_join_loop(ctx, o, len, sep, false);
    JS_FreeValue(ctx, sep);
    JS_FreeValue(ctx, o);
    return ret;
}

/* toLocaleString([reserved1 [, reserved2]]): without Intl the list
   separator is "," */
static JSValue js_array_to_locale_string(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    int64_t len;
    JSValue o = js_array_this(ctx, this_val, &len), sep, ret;
    if (JS_IsException(o))
        return o;
    sep = js_new_string8(ctx, ",");
    if (JS_IsException(sep)) {
        JS_FreeValue(ctx, o);
        return sep;
    }
    ret = js_array_join_loop(ctx, o, len, sep, true);
    JS_FreeValue(ctx, sep);
    JS_FreeValue(ctx, o);
    return ret;
}

/* toString(): func_data[0] is the realm's %Object.prototype.toString%,
   the fallback when "join" is not callable */
static JSValue js_array_to_string(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv, int magic, JSValue *func_data)
{
    JSValue o = JS_ToObject(ctx, this_val), func, ret;
    if (JS_IsException(o))
        return o;
    func = JS_GetProperty(ctx, o, JS_ATOM_join);
    if (JS_IsException(func)) {
        JS_FreeValue(ctx, o);
        return func;
    }
    if (!JS_IsCallable(ctx, func)) {
        JS_FreeValue(ctx, func);
        func = JS_DupValue(ctx, func_data[0]);
    }
    ret = JS_CallFree(ctx, func, o, 0, NULL);
    JS_FreeValue(ctx, o);
    return ret;
}

/* ---------------------------------------------------------------------
 * Array.prototype: methods taking a callback
 * ------------------------------------------------------------------- */
enum {
    JS_ARRAY_EVERY,
    JS_ARRAY_SOME,
    JS_ARRAY_FOR_EACH,
    JS_ARRAY_MAP,
    JS_ARRAY_FILTER,
};

/* applies one callback result; returns 1 when the loop stops early */
static int js_array_callback_result(JSContext *ctx, int kind, JSValueConst a, int64_t k,
                                    int64_t *pn, JSValueConst v, JSValue res)
{
    int b;
    switch (kind) {
    case JS_ARRAY_MAP:
        return js_array_create_elem(ctx, a, k, res);
    case JS_ARRAY_FOR_EACH:
        JS_FreeValue(ctx, res);
        return 0;
    default:
        b = JS_ToBool(ctx, res);
        JS_FreeValue(ctx, res);
        if (kind == JS_ARRAY_EVERY)
            return !b;
        if (kind == JS_ARRAY_SOME)
            return b;
        if (b && js_array_create_elem(ctx, a, (*pn)++, JS_DupValue(ctx, v)))
            return -1;
        return 0;
    }
}

/* every, some, forEach, map, filter (callbackfn [, thisArg]) */
static JSValue js_array_every(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                              int kind)
{
    JSValueConst fn = argv[0], this_arg = js_arg(argc, argv, 1);
    JSValue o, a = JS_UNDEFINED, v, res;
    int64_t len, k, n = 0;
    bool fresh;
    int ret, stop = 0;
    o = js_array_this(ctx, this_val, &len);
    if (JS_IsException(o))
        return o;
    if (!JS_IsCallable(ctx, fn)) {
        js_array_throw_not_callable(ctx);
        goto fail;
    }
    if (kind == JS_ARRAY_MAP || kind == JS_ARRAY_FILTER) {
        int64_t alen = kind == JS_ARRAY_MAP ? len : 0;
        uint32_t reserve = js_is_fast_array(o) ? js_obj(o)->u.array.count : 0;
        a = js_array_species_create(ctx, o, alen, reserve, &fresh);
        if (JS_IsException(a))
            goto fail;
    }
    for (k = 0; k < len && !stop; k++) {
        ret = js_array_try_get(ctx, o, k, &v);
        if (ret < 0)
            goto fail;
        if (!ret)
            continue;
        {
            JSValueConst args[3] = {v, JS_NewInt64(ctx, k), o};
            res = JS_Call(ctx, fn, this_arg, 3, args);
        }
        if (JS_IsException(res)) {
            JS_FreeValue(ctx, v);
            goto fail;
        }
        stop = js_array_callback_result(ctx, kind, a, k, &n, v, res);
        JS_FreeValue(ctx, v);
        if (stop < 0)
            goto fail;
    }
    JS_FreeValue(ctx, o);
    switch (kind) {
    case JS_ARRAY_EVERY:
        return JS_NewBool(ctx, !stop);
    case JS_ARRAY_SOME:
        return JS_NewBool(ctx, stop);
    case JS_ARRAY_FOR_EACH:
        return JS_UNDEFINED;
    default:
        return a;
    }
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

#define JS_ARRAY_FIND_INDEX 1 /* return the index instead of the value */
#define JS_ARRAY_FIND_LAST 2  /* search from the end */

/* find, findIndex, findLast, findLastIndex (predicate [, thisArg]) */
static JSValue js_array_find(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int mode)
{
    JSValueConst fn = argv[0], this_arg = js_arg(argc, argv, 1);
    int64_t len, i, k;
    JSValue o = js_array_this(ctx, this_val, &len), v, res;
    int b;
    if (JS_IsException(o))
        return o;
    if (!JS_IsCallable(ctx, fn)) {
        js_array_throw_not_callable(ctx);
        goto fail;
    }
    for (i = 0; i < len; i++) {
        k = (mode & JS_ARRAY_FIND_LAST) ? len - 1 - i : i;
        v = js_array_get(ctx, o, k);
        if (JS_IsException(v))
            goto fail;
        {
            JSValueConst args[3] = {v, JS_NewInt64(ctx, k), o};
            res = JS_Call(ctx, fn, this_arg, 3, args);
        }
        if (JS_IsException(res)) {
            JS_FreeValue(ctx, v);
            goto fail;
        }
        b = JS_ToBool(ctx, res);
        JS_FreeValue(ctx, res);
        if (b) {
            JS_FreeValue(ctx, o);
            if (mode & JS_ARRAY_FIND_INDEX) {
                JS_FreeValue(ctx, v);
                return JS_NewInt64(ctx, k);
            }
            return v;
        }
        JS_FreeValue(ctx, v);
    }
    JS_FreeValue(ctx, o);
    return (mode & JS_ARRAY_FIND_INDEX) ? JS_NewInt32(ctx, -1) : JS_UNDEFINED;
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* reduce / reduceRight (callbackfn [, initialValue]); magic 1 = right */
static JSValue js_array_reduce(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int right)
{
    JSValueConst fn = argv[0];
    int64_t len, i, k;
    JSValue o = js_array_this(ctx, this_val, &len), acc = JS_UNDEFINED, v;
    int ret;
    if (JS_IsException(o))
        return o;
    if (!JS_IsCallable(ctx, fn)) {
        js_array_throw_not_callable(ctx);
        goto fail;
    }
    i = 0;
    if (argc > 1) {
        acc = JS_DupValue(ctx, argv[1]);
    } else {
        /* the first present element is the initial value */
        for (ret = 0; !ret && i < len; i++) {
            ret = js_array_try_get(ctx, o, right ? len - 1 - i : i, &acc);
            if (ret < 0)
                goto fail;
        }
        if (!ret) {
            JS_ThrowTypeError(ctx, "reduce of empty array with no initial value");
            goto fail;
        }
    }
    for (; i < len; i++) {
        k = right ? len - 1 - i : i;
        ret = js_array_try_get(ctx, o, k, &v);
        if (ret < 0)
            goto fail;
        if (ret) {
            JSValueConst args[4] = {acc, v, JS_NewInt64(ctx, k), o};
            JSValue res = JS_Call(ctx, fn, JS_UNDEFINED, 4, args);
            JS_FreeValue(ctx, v);
            if (JS_IsException(res))
                goto fail;
            JS_FreeValue(ctx, acc);
            acc = res;
        }
    }
    JS_FreeValue(ctx, o);
    return acc;
fail:
    JS_FreeValue(ctx, acc);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Array.prototype: methods that change the array
 * ------------------------------------------------------------------- */
/* a dense fast array that may also grow in place: extensible, and no
   prototype can intercept the new indices */
static JSObject *js_array_dense_growable(JSContext *ctx, JSValueConst o, int64_t len)
{
    JSObject *p = js_array_dense(o, len);
    return p && js_fast_array_can_append(ctx, p) ? p : NULL;
}

/* push(...items) */
static JSValue js_array_push(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len;
    JSValue o;
    JSObject *p = js_array_dense_this(this_val);
    /* the common case, before any conversion: reading the length of a
       dense array and appending to it run no user code */
    if (p && js_fast_array_can_append(ctx, p) && (int64_t)p->u.array.count + argc <= INT32_MAX) {
        if (js_array_append_dup(ctx, p, argv, argc))
            return JS_EXCEPTION;
        return JS_NewInt32(ctx, (int32_t)p->u.array.count);
    }
    o = js_array_this(ctx, this_val, &len);
    if (JS_IsException(o))
        return o;
    if (len + argc > JS_MAX_SAFE_INTEGER) {
        js_array_throw_too_long(ctx);
        goto fail;
    }
    p = js_array_dense_growable(ctx, o, len);
    if (p && len + argc <= INT32_MAX) {
        if (js_array_append_dup(ctx, p, argv, argc))
            goto fail;
        len += argc;
    } else {
        for (int i = 0; i < argc; i++, len++) {
            if (js_array_set(ctx, o, len, JS_DupValue(ctx, argv[i])))
                goto fail;
        }
        if (js_array_set_length(ctx, o, len))
            goto fail;
    }
    JS_FreeValue(ctx, o);
    return JS_NewInt64(ctx, len);
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* pop() */
static JSValue js_array_pop(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len;
    JSValue o, v = JS_UNDEFINED;
    JSObject *p = js_array_dense_this(this_val);
    if (p && p->u.array.count > 0) {
        v = p->u.array.values[p->u.array.count - 1];
        js_array_dense_set_count(p, p->u.array.count - 1);
        return v;
    }
    o = js_array_this(ctx, this_val, &len);
    if (JS_IsException(o))
        return o;
    if (len > 0) {
        p = js_array_dense(o, len);
        if (p) {
            v = p->u.array.values[len - 1];
            js_array_dense_set_count(p, (uint32_t)len - 1);
            JS_FreeValue(ctx, o);
            return v;
        }
        v = js_array_get(ctx, o, len - 1);
        if (JS_IsException(v) || js_array_delete(ctx, o, len - 1))
            goto fail;
        len--;
    }
    if (js_array_set_length(ctx, o, len))
        goto fail;
    JS_FreeValue(ctx, o);
    return v;
fail:
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* moves elements [from, from + count) to [to, to + count) one by one with
   HasProperty/Get/Set/DeletePropertyOrThrow; `down` walks from the last
   element to the first (the spec's order when moving towards higher
   indices) */
static int js_array_move(JSContext *ctx, JSValueConst o, int64_t from, int64_t to, int64_t count,
                         bool down)
{
    int64_t dir = 1, i;
    JSValue v;
    int ret;
    if (down) {
        dir = -1;
        from += count - 1;
        to += count - 1;
    }
    for (i = 0; i < count; i++, from += dir, to += dir) {
        ret = js_array_try_get(ctx, o, from, &v);
        if (ret < 0)
            return -1;
        ret = ret ? js_array_set(ctx, o, to, v) : js_array_delete(ctx, o, to);
        if (ret)
            return -1;
    }
    return 0;
}

/* shift() */
static JSValue js_array_shift(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len;
    JSValue o = js_array_this(ctx, this_val, &len), first = JS_UNDEFINED;
    JSObject *p;
    if (JS_IsException(o))
        return o;
    if (len > 0) {
        p = js_array_dense(o, len);
        if (p) {
            first = p->u.array.values[0];
            memmove(p->u.array.values, p->u.array.values + 1, sizeof(JSValue) * (len - 1));
            js_array_dense_set_count(p, (uint32_t)len - 1);
            JS_FreeValue(ctx, o);
            return first;
        }
        first = js_array_get(ctx, o, 0);
        if (JS_IsException(first) || js_array_move(ctx, o, 1, 0, len - 1, false) ||
            js_array_delete(ctx, o, len - 1))
            goto fail;
        len--;
    }
    if (js_array_set_length(ctx, o, len))
        goto fail;
    JS_FreeValue(ctx, o);
    return first;
fail:
    JS_FreeValue(ctx, first);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* unshift(...items) */
static JSValue js_array_unshift(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len;
    JSValue o = js_array_this(ctx, this_val, &len);
    JSObject *p;
    if (JS_IsException(o))
        return o;
    if (argc > 0) {
        if (len + argc > JS_MAX_SAFE_INTEGER) {
            js_array_throw_too_long(ctx);
            goto fail;
        }
        p = js_array_dense_growable(ctx, o, len);
        if (p && len + argc <= INT32_MAX) {
            if (js_fast_array_reserve(ctx, p, (uint32_t)(len + argc)))
                goto fail;
            memmove(p->u.array.values + argc, p->u.array.values, sizeof(JSValue) * len);
            for (int i = 0; i < argc; i++)
                p->u.array.values[i] = JS_DupValue(ctx, argv[i]);
            js_array_dense_set_count(p, (uint32_t)(len + argc));
            JS_FreeValue(ctx, o);
            return JS_NewInt64(ctx, len + argc);
        }
        if (js_array_move(ctx, o, 0, argc, len, true))
            goto fail;
        for (int i = 0; i < argc; i++) {
            if (js_array_set(ctx, o, i, JS_DupValue(ctx, argv[i])))
                goto fail;
        }
    }
    if (js_array_set_length(ctx, o, len + argc))
        goto fail;
    JS_FreeValue(ctx, o);
    return JS_NewInt64(ctx, len + argc);
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* splice on a dense fast array into a fresh result: the same moves as the
   generic algorithm, done on the element vector */
static int js_array_splice_dense(JSContext *ctx, JSObject *p, JSObject *pa, int64_t start,
                                 int64_t del, int argc, JSValueConst *items)
{
    uint32_t len = p->u.array.count, new_len = (uint32_t)(len - del + argc);
    JSValue *values;
    if (js_fast_array_reserve(ctx, pa, (uint32_t)del) || js_fast_array_reserve(ctx, p, new_len))
        return -1;
    values = p->u.array.values;
    /* the removed elements move to the result without copies (an empty
       array may have no storage at all) */
    if (del > 0)
        memcpy(pa->u.array.values, values + start, sizeof(JSValue) * del);
    js_array_dense_set_count(pa, (uint32_t)del);
    if (len - start - del > 0)
        memmove(values + start + argc, values + start + del, sizeof(JSValue) * (len - start - del));
    for (int i = 0; i < argc; i++)
        values[start + i] = JS_DupValue(ctx, items[i]);
    js_array_dense_set_count(p, new_len);
    return 0;
}

/* splice's generic steps after the deleted elements were copied to A */
static int js_array_splice_generic(JSContext *ctx, JSValueConst o, int64_t len, int64_t start,
                                   int64_t del, int argc, JSValueConst *items)
{
    if (argc < del) {
        if (js_array_move(ctx, o, start + del, start + argc, len - start - del, false))
            return -1;
        for (int64_t k = len; k > len - del + argc; k--) {
            if (js_array_delete(ctx, o, k - 1))
                return -1;
        }
    } else if (argc > del) {
        if (js_array_move(ctx, o, start + del, start + argc, len - start - del, true))
            return -1;
    }
    for (int i = 0; i < argc; i++) {
        if (js_array_set(ctx, o, start + i, JS_DupValue(ctx, items[i])))
            return -1;
    }
    return js_array_set_length(ctx, o, len - del + argc);
}

/* splice(start, deleteCount, ...items) */
static JSValue js_array_splice(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len, start, del, k;
    int item_count = argc > 2 ? argc - 2 : 0;
    JSValue o = js_array_this(ctx, this_val, &len), a = JS_UNDEFINED, v;
    JSObject *p, *pa;
    bool fresh;
    int ret;
    if (JS_IsException(o))
        return o;
    if (js_array_relative_index(ctx, &start, argv[0], len))
        goto fail;
    if (argc == 0)
        del = 0;
    else if (argc == 1)
        del = len - start;
    else if (JS_ToInt64Clamp(ctx, &del, argv[1], 0, len - start, 0))
        goto fail;
    if (len + item_count - del > JS_MAX_SAFE_INTEGER) {
        js_array_throw_too_long(ctx);
        goto fail;
    }
    a = js_array_species_create(ctx, o, del, 0, &fresh);
    if (JS_IsException(a))
        goto fail;
    p = js_array_dense(o, len);
    pa = js_array_fresh_at(a, fresh, 0);
    if (p && pa && o != a && (item_count <= del || js_fast_array_can_append(ctx, p)) &&
        len - del + item_count <= INT32_MAX) {
        if (js_array_splice_dense(ctx, p, pa, start, del, item_count, argv + 2))
            goto fail;
        JS_FreeValue(ctx, o);
        return a;
    }
    for (k = 0; k < del; k++) {
        ret = js_array_try_get(ctx, o, start + k, &v);
        if (ret < 0 || (ret && js_array_create_elem(ctx, a, k, v)))
            goto fail;
    }
    if (js_array_set_length(ctx, a, del) ||
        js_array_splice_generic(ctx, o, len, start, del, item_count, argv + 2))
        goto fail;
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* reverse() */
static JSValue js_array_reverse(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len, lower, upper;
    JSValue o = js_array_this(ctx, this_val, &len), lv, uv;
    JSObject *p;
    int has_lower, has_upper;
    if (JS_IsException(o))
        return o;
    p = js_array_dense(o, len);
    if (p) {
        JSValue *values = p->u.array.values;
        for (lower = 0, upper = len - 1; lower < upper; lower++, upper--) {
            JSValue t = values[lower];
            values[lower] = values[upper];
            values[upper] = t;
        }
        return o;
    }
    for (lower = 0; lower < len / 2; lower++) {
        upper = len - lower - 1;
        has_lower = js_array_try_get(ctx, o, lower, &lv);
        if (has_lower < 0)
            goto fail;
        has_upper = js_array_try_get(ctx, o, upper, &uv);
        if (has_upper < 0) {
            JS_FreeValue(ctx, lv);
            goto fail;
        }
        if (has_upper) {
            if (js_array_set(ctx, o, lower, uv)) {
                JS_FreeValue(ctx, lv);
                goto fail;
            }
        } else if (has_lower && js_array_delete(ctx, o, lower)) {
            JS_FreeValue(ctx, lv);
            goto fail;
        }
        if (has_lower) {
            if (js_array_set(ctx, o, upper, lv))
                goto fail;
        } else if (has_upper && js_array_delete(ctx, o, upper)) {
            goto fail;
        }
    }
    return o;
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* fill(value [, start [, end]]) */
static JSValue js_array_fill(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len, k, final;
    JSValue o = js_array_this(ctx, this_val, &len);
    JSValueConst end = js_arg(argc, argv, 2);
    if (JS_IsException(o))
        return o;
    if (js_array_relative_index(ctx, &k, js_arg(argc, argv, 1), len))
        goto fail;
    final = len;
    if (!JS_IsUndefined(end) && js_array_relative_index(ctx, &final, end, len))
        goto fail;
    for (; k < final; k++) {
        if (js_array_set(ctx, o, k, JS_DupValue(ctx, argv[0])))
            goto fail;
    }
    return o;
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* copyWithin(target, start [, end]) */
static JSValue js_array_copy_within(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    int64_t len, to, from, final, count;
    JSValue o = js_array_this(ctx, this_val, &len);
    JSValueConst end = js_arg(argc, argv, 2);
    if (JS_IsException(o))
        return o;
    if (js_array_relative_index(ctx, &to, argv[0], len) ||
        js_array_relative_index(ctx, &from, argv[1], len))
        goto fail;
    final = len;
    if (!JS_IsUndefined(end) && js_array_relative_index(ctx, &final, end, len))
        goto fail;
    count = final - from;
    if (count > len - to)
        count = len - to;
    if (count > 0 && js_array_move(ctx, o, from, to, count, from < to && to < from + count))
        goto fail;
    return o;
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Array.prototype: methods that build a new array
 * ------------------------------------------------------------------- */
/* IsConcatSpreadable(e): -1 on exception, else 0/1 */
static int js_array_is_concat_spreadable(JSContext *ctx, JSValueConst e)
{
    JSValue v;
    int ret;
    if (!JS_IsObject(e))
        return 0;
    v = JS_GetProperty(ctx, e, JS_ATOM_Symbol_isConcatSpreadable);
    if (JS_IsException(v))
        return -1;
    if (!JS_IsUndefined(v)) {
        ret = JS_ToBool(ctx, v);
        JS_FreeValue(ctx, v);
        return ret;
    }
    return js_array_is_array(ctx, e);
}

/* appends the elements of a spreadable e to a at index *pn */
static int js_array_concat_spread(JSContext *ctx, JSValueConst a, bool fresh, JSValueConst e,
                                  int64_t *pn)
{
    int64_t len, n = *pn;
    JSValue *values, v;
    JSObject *pa;
    int ret;
    if (js_get_length64(ctx, &len, e))
        return -1;
    if (n + len > JS_MAX_SAFE_INTEGER) {
        js_array_throw_too_long(ctx);
        return -1;
    }
    values = js_array_dense_prefix(e, len);
    pa = js_array_fresh_at(a, fresh, n);
    if (values && pa && n + len <= INT32_MAX) {
        if (js_array_append_dup(ctx, pa, values, (uint32_t)len))
            return -1;
        *pn = n + len;
        return 0;
    }
    for (int64_t k = 0; k < len; k++, n++) {
        ret = js_array_try_get(ctx, e, k, &v);
        if (ret < 0 || (ret && js_array_create_elem(ctx, a, n, v)))
            return -1;
    }
    *pn = n;
    return 0;
}

/* concat(...items) */
static JSValue js_array_concat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue o, a = JS_UNDEFINED;
    JSValueConst e;
    int64_t n = 0;
    bool fresh;
    int spreadable;
    o = JS_ToObject(ctx, this_val);
    if (JS_IsException(o))
        return o;
    a = js_array_species_create(ctx, o, 0, 0, &fresh);
    if (JS_IsException(a))
        goto fail;
    for (int i = -1; i < argc; i++) {
        e = i < 0 ? o : argv[i];
        spreadable = js_array_is_concat_spreadable(ctx, e);
        if (spreadable < 0)
            goto fail;
        if (spreadable) {
            if (js_array_concat_spread(ctx, a, fresh, e, &n))
                goto fail;
        } else {
            if (n >= JS_MAX_SAFE_INTEGER) {
                js_array_throw_too_long(ctx);
                goto fail;
            }
            if (js_array_create_elem(ctx, a, n++, JS_DupValue(ctx, e)))
                goto fail;
        }
    }
    if (js_array_set_length(ctx, a, n))
        goto fail;
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* slice(start, end) */
static JSValue js_array_slice(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len, k, final, count, n;
    JSValue o = js_array_this(ctx, this_val, &len), a = JS_UNDEFINED, v;
    JSValue *values;
    JSObject *pa;
    bool fresh;
    int ret;
    if (JS_IsException(o))
        return o;
    if (js_array_relative_index(ctx, &k, argv[0], len))
        goto fail;
    final = len;
    if (!JS_IsUndefined(argv[1]) && js_array_relative_index(ctx, &final, argv[1], len))
        goto fail;
    count = final > k ? final - k : 0;
    a = js_array_species_create(ctx, o, count, 0, &fresh);
    if (JS_IsException(a))
        goto fail;
    /* the species lookup may have run user code: re-check the source */
    values = js_array_dense_prefix(o, final);
    pa = js_array_fresh_at(a, fresh, 0);
    if (values && pa) {
        if (js_array_append_dup(ctx, pa, values + k, (uint32_t)count))
            goto fail;
        JS_FreeValue(ctx, o);
        return a;
    }
    for (n = 0; k < final; k++, n++) {
        ret = js_array_try_get(ctx, o, k, &v);
        if (ret < 0 || (ret && js_array_create_elem(ctx, a, n, v)))
            goto fail;
    }
    if (js_array_set_length(ctx, a, n))
        goto fail;
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* FlattenIntoArray: depth < 0 means infinite; returns the next target
   index or -1 */
static int64_t js_array_flatten(JSContext *ctx, JSValueConst target, JSValueConst source,
                                int64_t source_len, int64_t start, int64_t depth,
                                JSValueConst mapper, JSValueConst this_arg)
{
    int64_t n = start, k, elem_len;
    JSValue v;
    int ret, flatten;
    if (js_check_stack_overflow(ctx->rt, 0)) {
        js_throw_stack_overflow(ctx);
        return -1;
    }
    for (k = 0; k < source_len; k++) {
        ret = js_array_try_get(ctx, source, k, &v);
        if (ret < 0)
            return -1;
        if (!ret)
            continue;
        if (!JS_IsUndefined(mapper)) {
            JSValueConst args[3] = {v, JS_NewInt64(ctx, k), source};
            JSValue mapped = JS_Call(ctx, mapper, this_arg, 3, args);
            JS_FreeValue(ctx, v);
            v = mapped;
            if (JS_IsException(v))
                return -1;
        }
        flatten = depth != 0 ? js_array_is_array(ctx, v) : 0;
        if (flatten < 0)
            goto fail;
        if (flatten) {
            if (js_get_length64(ctx, &elem_len, v))
                goto fail;
            n = js_array_flatten(ctx, target, v, elem_len, n, depth > 0 ? depth - 1 : depth,
                                 JS_UNDEFINED, JS_UNDEFINED);
            JS_FreeValue(ctx, v);
            if (n < 0)
                return -1;
        } else {
            if (n >= JS_MAX_SAFE_INTEGER) {
                js_array_throw_too_long(ctx);
                goto fail;
            }
            if (js_array_create_elem(ctx, target, n++, v))
                return -1;
        }
    }
    return n;
fail:
    JS_FreeValue(ctx, v);
    return -1;
}

/* flat([depth]) */
static JSValue js_array_flat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len, depth = 1;
    JSValue o = js_array_this(ctx, this_val, &len), a = JS_UNDEFINED;
    JSValueConst depth_arg = js_arg(argc, argv, 0);
    bool fresh;
    if (JS_IsException(o))
        return o;
    if (!JS_IsUndefined(depth_arg)) {
        double d;
        if (JS_ToIntegerFree(ctx, &d, JS_DupValue(ctx, depth_arg)))
            goto fail;
        /* no array-like can be nested more than 2^53 deep: larger depths
           are infinite */
        depth = d <= 0 ? 0 : d >= (double)JS_MAX_SAFE_INTEGER ? -1 : (int64_t)d;
    }
    a = js_array_species_create(ctx, o, 0, 0, &fresh);
    if (JS_IsException(a) ||
        js_array_flatten(ctx, a, o, len, 0, depth, JS_UNDEFINED, JS_UNDEFINED) < 0)
        goto fail;
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* flatMap(mapper [, thisArg]) */
static JSValue js_array_flat_map(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    int64_t len;
    JSValue o = js_array_this(ctx, this_val, &len), a = JS_UNDEFINED;
    bool fresh;
    if (JS_IsException(o))
        return o;
    if (!JS_IsCallable(ctx, argv[0])) {
        js_array_throw_not_callable(ctx);
        goto fail;
    }
    a = js_array_species_create(ctx, o, 0, 0, &fresh);
    if (JS_IsException(a) ||
        js_array_flatten(ctx, a, o, len, 0, 1, argv[0], js_arg(argc, argv, 1)) < 0)
        goto fail;
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* appends Get(o, k) for k in [from, to) to the fresh array a at *pn */
static int js_array_copy_range(JSContext *ctx, JSValueConst a, JSValueConst o, int64_t from,
                               int64_t to, int64_t *pn)
{
    JSValue v;
    for (int64_t k = from; k < to; k++) {
        v = js_array_get(ctx, o, k);
        if (JS_IsException(v) || js_array_create_elem(ctx, a, (*pn)++, v))
            return -1;
    }
    return 0;
}

/* toReversed() */
static JSValue js_array_to_reversed(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    int64_t len, k;
    JSValue o = js_array_this(ctx, this_val, &len), a = JS_UNDEFINED, v;
    if (JS_IsException(o))
        return o;
    a = js_array_create(ctx, len, js_is_fast_array(o) ? js_obj(o)->u.array.count : 0);
    if (JS_IsException(a))
        goto fail;
    for (k = 0; k < len; k++) {
        v = js_array_get(ctx, o, len - 1 - k);
        if (JS_IsException(v) || js_array_create_elem(ctx, a, k, v))
            goto fail;
    }
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* toSpliced(start, skipCount, ...items) */
static JSValue js_array_to_spliced(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    int64_t len, start, skip, new_len, n = 0;
    int insert = argc > 2 ? argc - 2 : 0;
    JSValue o = js_array_this(ctx, this_val, &len), a = JS_UNDEFINED;
    if (JS_IsException(o))
        return o;
    if (js_array_relative_index(ctx, &start, argv[0], len))
        goto fail;
    if (argc == 0)
        skip = 0;
    else if (argc == 1)
        skip = len - start;
    else if (JS_ToInt64Clamp(ctx, &skip, argv[1], 0, len - start, 0))
        goto fail;
    new_len = len + insert - skip;
    if (new_len > JS_MAX_SAFE_INTEGER) {
        js_array_throw_too_long(ctx);
        goto fail;
    }
    a = js_array_create(ctx, new_len, js_is_fast_array(o) ? js_obj(o)->u.array.count : 0);
    if (JS_IsException(a) || js_array_copy_range(ctx, a, o, 0, start, &n))
        goto fail;
    for (int i = 0; i < insert; i++) {
        if (js_array_create_elem(ctx, a, n++, JS_DupValue(ctx, argv[2 + i])))
            goto fail;
    }
    if (js_array_copy_range(ctx, a, o, start + skip, len, &n))
        goto fail;
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* with(index, value) */
static JSValue js_array_with(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int64_t len, idx, k;
    JSValue o = js_array_this(ctx, this_val, &len), a = JS_UNDEFINED, v;
    if (JS_IsException(o))
        return o;
    if (JS_ToInt64Sat(ctx, &idx, argv[0]))
        goto fail;
    if (idx < 0)
        idx += len;
    if (idx < 0 || idx >= len) {
        JS_ThrowRangeError(ctx, "invalid array index");
        goto fail;
    }
    a = js_array_create(ctx, len, js_is_fast_array(o) ? js_obj(o)->u.array.count : 0);
    if (JS_IsException(a))
        goto fail;
    for (k = 0; k < len; k++) {
        v = k == idx ? JS_DupValue(ctx, argv[1]) : js_array_get(ctx, o, k);
        if (JS_IsException(v) || js_array_create_elem(ctx, a, k, v))
            goto fail;
    }
    JS_FreeValue(ctx, o);
    return a;
fail:
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Sorting: SortIndexedProperties with a stable merge sort
 * ------------------------------------------------------------------- */
typedef struct JSArraySortItem {
    JSValue val;
    JSValue str; /* ToString(val) for the default order, else undefined */
} JSArraySortItem;

typedef struct JSArraySort {
    JSContext *ctx;
    JSValueConst cmp; /* the comparator, or undefined for the string order */
    bool int_keys;    /* string order of int32 values, compared without strings */
} JSArraySort;

static int js_array_decimal_digits(uint64_t x)
{
    int n = 1;
    while (x >= 10) {
        x /= 10;
        n++;
    }
    return n;
}

/* whether String(a) < String(b) for int32 values: "-" sorts before the
   digits, and digit strings compare like their values once padded to the
   same length (a proper prefix comes first) */
static bool js_array_int_string_less(int32_t a, int32_t b)
{
    static const uint64_t pow10[] = {1,      10,      100,      1000,      10000,
                                     100000, 1000000, 10000000, 100000000, 1000000000};
    uint64_t x, y;
    int dx, dy;
    if ((a < 0) != (b < 0))
        return a < 0;
    x = a < 0 ? (uint64_t)(-(int64_t)a) : (uint64_t)a;
    y = b < 0 ? (uint64_t)(-(int64_t)b) : (uint64_t)b;
    dx = js_array_decimal_digits(x);
    dy = js_array_decimal_digits(y);
    if (dx < dy)
        x *= pow10[dy - dx];
    else
        y *= pow10[dx - dy];
    if (x != y)
        return x < y;
    return dx < dy;
}

/* SortCompare(x, y) for values that are not undefined (those are kept out
   of the sort): -1 on exception, else 0 with *pless = (y sorts before x).
   Answering "strictly before" only keeps the merge stable. */
static int js_array_sort_less(JSArraySort *s, const JSArraySortItem *x, const JSArraySortItem *y,
                              bool *pless)
{
    JSContext *ctx = s->ctx;
    JSValueConst args[2];
    JSValue res;
    double d;
    if (s->int_keys) {
        *pless = js_array_int_string_less(JS_VALUE_GET_INT(y->val), JS_VALUE_GET_INT(x->val));
        return 0;
    }
    if (JS_IsUndefined(s->cmp)) {
        *pless = js_string_compare(JS_VALUE_GET_STRING(y->str), JS_VALUE_GET_STRING(x->str)) < 0;
        return 0;
    }
    args[0] = x->val;
    args[1] = y->val;
    res = JS_Call(ctx, s->cmp, JS_UNDEFINED, 2, args);
    if (JS_IsException(res))
        return -1;
    if (JS_IsInt(res)) {
        *pless = JS_VALUE_GET_INT(res) > 0;
        return 0;
    }
    if (JS_ToFloat64Free(ctx, &d, res))
        return -1;
    *pless = d > 0; /* NaN compares as +0 */
    return 0;
}

/* merges the sorted runs a[lo, mid) and a[mid, hi) through tmp; on an
   exception every item is still in a exactly once */
static int js_array_sort_merge(JSArraySort *s, JSArraySortItem *a, JSArraySortItem *tmp, size_t lo,
                               size_t mid, size_t hi)
{
    size_t i = 0, n = mid - lo, j = mid, k = lo;
    bool less;
    memcpy(tmp, a + lo, sizeof(*a) * n);
    while (i < n && j < hi) {
        if (js_array_sort_less(s, &tmp[i], &a[j], &less)) {
            memcpy(a + k, tmp + i, sizeof(*a) * (n - i));
            return -1;
        }
        a[k++] = less ? a[j++] : tmp[i++];
    }
    memcpy(a + k, tmp + i, sizeof(*a) * (n - i));
    return 0;
}

/* binary insertion sort of a[lo, hi) (short runs) */
static int js_array_sort_insertion(JSArraySort *s, JSArraySortItem *a, size_t lo, size_t hi)
{
    for (size_t i = lo + 1; i < hi; i++) {
        JSArraySortItem x = a[i];
        size_t l = lo, r = i;
        bool less;
        /* the first position whose item sorts after x keeps equal items in
           order */
        while (l < r) {
            size_t m = l + (r - l) / 2;
            if (js_array_sort_less(s, &a[m], &x, &less))
                return -1;
            if (less)
                r = m;
            else
                l = m + 1;
        }
        memmove(a + l + 1, a + l, sizeof(*a) * (i - l));
        a[l] = x;
    }
    return 0;
}

#define JS_ARRAY_SORT_RUN 8

static int js_array_merge_sort(JSArraySort *s, JSArraySortItem *a, size_t n)
{
    JSArraySortItem *tmp;
    size_t width, lo;
    bool less;
    int ret = 0;
    for (lo = 0; lo < n; lo += JS_ARRAY_SORT_RUN) {
        if (js_array_sort_insertion(s, a, lo,
                                    lo + JS_ARRAY_SORT_RUN < n ? lo + JS_ARRAY_SORT_RUN : n))
            return -1;
    }
    if (n <= JS_ARRAY_SORT_RUN)
        return 0;
    tmp = js_malloc(s->ctx, sizeof(*tmp) * n);
    if (!tmp)
        return -1;
    for (width = JS_ARRAY_SORT_RUN; width < n && !ret; width *= 2) {
        for (lo = 0; lo + width < n && !ret; lo += 2 * width) {
            size_t mid = lo + width, hi = mid + width < n ? mid + width : n;
            /* runs already in order need no merge */
            ret = js_array_sort_less(s, &a[mid - 1], &a[mid], &less);
            if (!ret && less)
                ret = js_array_sort_merge(s, a, tmp, lo, mid, hi);
        }
    }
    js_free(s->ctx, tmp);
    return ret;
}

static void js_array_sort_free_items(JSContext *ctx, JSArraySortItem *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        JS_FreeValue(ctx, items[i].val);
        JS_FreeValue(ctx, items[i].str);
    }
    js_free(ctx, items);
}

/* SortIndexedProperties(o, len, SortCompare, holes): reads the elements
   (skipping holes when skip_holes), sorts them and returns them in
   *pitems / *pcount (free with js_array_sort_free_items) */
static int js_array_sort_indexed(JSContext *ctx, JSValueConst o, int64_t len, JSValueConst cmp,
                                 bool skip_holes, JSArraySortItem **pitems, size_t *pcount)
{
    JSArraySortItem *items = NULL, *t;
    size_t n = 0, size = 0, i, j;
    JSArraySort s = {ctx, cmp, false};
    JSValue v;
    int ret;
    for (int64_t k = 0; k < len; k++) {
        if (skip_holes) {
            ret = js_array_try_get(ctx, o, k, &v);
            if (ret < 0)
                goto fail;
            if (!ret)
                continue;
        } else {
            v = js_array_get(ctx, o, k);
            if (JS_IsException(v))
                goto fail;
        }
        if (n >= size) {
            size_t new_size = size ? size + size / 2 : 16;
            t = js_realloc(ctx, items, sizeof(*items) * new_size);
            if (!t) {
                JS_FreeValue(ctx, v);
                goto fail;
            }
            items = t;
            size = new_size;
        }
        items[n].val = v;
        items[n++].str = JS_UNDEFINED;
    }
    /* undefined sorts last without a comparison: keep it out */
    for (i = j = 0; i < n; i++) {
        if (!JS_IsUndefined(items[i].val))
            items[j++] = items[i];
    }
    for (i = j; i < n; i++)
        items[i].val = JS_UNDEFINED;
    /* the string order compares ToString of each value: convert once,
       unless they are all int32 */
    if (JS_IsUndefined(cmp) && j > 1) {
        for (i = 0; i < j && JS_IsInt(items[i].val); i++)
            continue;
        s.int_keys = i == j;
        for (i = 0; i < j && !s.int_keys; i++) {
            items[i].str = JS_ToString(ctx, items[i].val);
            if (JS_IsException(items[i].str)) {
                items[i].str = JS_UNDEFINED;
                goto fail;
            }
        }
    }
    if (j > 1 && js_array_merge_sort(&s, items, j))
        goto fail;
    *pitems = items;
    *pcount = n;
    return 0;
fail:
    js_array_sort_free_items(ctx, items, n);
    return -1;
}

static bool js_array_check_comparator(JSContext *ctx, JSValueConst cmp)
{
    if (JS_IsUndefined(cmp) || JS_IsCallable(ctx, cmp))
        return true;
    JS_ThrowTypeError(ctx, "the comparison function must be either a function or undefined");
    return false;
}

/* sort(comparefn) */
static JSValue js_array_sort(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSArraySortItem *items;
    size_t n, j;
    int64_t len, k;
    JSValue o;
    if (!js_array_check_comparator(ctx, argv[0]))
        return JS_EXCEPTION;
    o = js_array_this(ctx, this_val, &len);
    if (JS_IsException(o))
        return o;
    if (js_array_sort_indexed(ctx, o, len, argv[0], true, &items, &n))
        goto fail;
    for (j = 0; j < n; j++) {
        JSValue v = items[j].val;
        items[j].val = JS_UNDEFINED;
        if (js_array_set(ctx, o, j, v))
            break;
    }
    js_array_sort_free_items(ctx, items, n);
    if (j < n)
        goto fail;
    /* the holes move to the end */
    for (k = n; k < len; k++) {
        if (js_array_delete(ctx, o, k))
            goto fail;
    }
    return o;
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* toSorted(comparefn) */
static JSValue js_array_to_sorted(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSArraySortItem *items;
    size_t n, j;
    int64_t len;
    JSValue o, a;
    JSObject *pa;
    if (!js_array_check_comparator(ctx, argv[0]))
        return JS_EXCEPTION;
    o = js_array_this(ctx, this_val, &len);
    if (JS_IsException(o))
        return o;
    a = js_array_create(ctx, len, 0);
    if (JS_IsException(a))
        goto fail;
    if (js_array_sort_indexed(ctx, o, len, argv[0], false, &items, &n)) {
        JS_FreeValue(ctx, a);
        goto fail;
    }
    JS_FreeValue(ctx, o);
    /* a is new and unseen: the sorted values move into it */
    pa = js_obj(a);
    if (n > 0 && js_fast_array_reserve(ctx, pa, (uint32_t)n)) {
        js_array_sort_free_items(ctx, items, n);
        JS_FreeValue(ctx, a);
        return JS_EXCEPTION;
    }
    for (j = 0; j < n; j++) {
        pa->u.array.values[j] = items[j].val;
        items[j].val = JS_UNDEFINED;
    }
    pa->u.array.count = (uint32_t)n;
    js_array_sort_free_items(ctx, items, n);
    return a;
fail:
    JS_FreeValue(ctx, o);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Array iterators (%ArrayIteratorPrototype%)
 *
 * The spec describes them as generators over a closure; what is
 * observable is kept: the length is read again at every step, an
 * exception ends the iteration for good, and next() re-entered while it
 * runs throws like a running generator.
 * ------------------------------------------------------------------- */
typedef struct JSArrayIterator {
    JSValue obj; /* the iterated object; undefined once the iteration ended */
    int64_t index;
    uint8_t kind; /* 0 keys, 1 values, 2 entries */
    bool running;
} JSArrayIterator;

static void js_array_iterator_finalizer(JSRuntime *rt, JSValue val)
{
    JSArrayIterator *it = js_obj(val)->u.opaque;
    if (it) {
        JS_FreeValueRT(rt, it->obj);
        js_free_rt(rt, it);
    }
}

static void js_array_iterator_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSArrayIterator *it = js_obj(val)->u.opaque;
    if (it)
        JS_MarkValue(rt, it->obj, mark_func);
}

void js_array_init_classes(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_ARRAY_ITERATOR].finalizer = js_array_iterator_finalizer;
    rt->class_array[JS_CLASS_ARRAY_ITERATOR].gc_mark = js_array_iterator_mark;
}

static JSValue js_array_iterator_new(JSContext *ctx, JSValueConst obj, int kind, int64_t index)
{
    JSArrayIterator *it;
    JSValue iter = JS_NewObjectProtoClass(ctx, ctx->class_proto[JS_CLASS_ARRAY_ITERATOR],
                                          JS_CLASS_ARRAY_ITERATOR);
    if (JS_IsException(iter))
        return iter;
    it = js_malloc(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, iter);
        return JS_EXCEPTION;
    }
    it->obj = JS_DupValue(ctx, obj);
    it->index = index;
    it->kind = (uint8_t)kind;
    it->running = false;
    js_obj(iter)->u.opaque = it;
    return iter;
}

JSValue js_create_array_iterator(JSContext *ctx, JSValueConst obj, int kind)
{
    return js_array_iterator_new(ctx, obj, kind, 0);
}

/* keys(), values(), entries() */
static JSValue js_array_iterator_method(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv, int kind)
{
    JSValue o = JS_ToObject(ctx, this_val), iter;
    if (JS_IsException(o))
        return o;
    iter = js_array_iterator_new(ctx, o, kind, 0);
    JS_FreeValue(ctx, o);
    return iter;
}

/* the length an iteration step compares with: LengthOfArrayLike, or for
   typed arrays their current length (the typed-array family plugs its
   detached / out-of-bounds check in here) */
static int js_array_iterator_length(JSContext *ctx, JSValueConst obj, int64_t *plen)
{
    if (js_is_typed_array(obj))
        return js_typed_array_iterator_length(ctx, obj, plen);
    return js_get_length64(ctx, plen, obj);
}

/* one step: -1 on exception, 0 when the iteration is over, 1 with *pres */
static int js_array_iterator_step(JSContext *ctx, JSArrayIterator *it, JSValue *pres)
{
    int64_t len, idx = it->index;
    JSValue v;
    if (js_array_iterator_length(ctx, it->obj, &len))
        return -1;
    if (idx >= len)
        return 0;
    it->index = idx + 1;
    if (it->kind == 0) {
        *pres = JS_NewInt64(ctx, idx);
        return 1;
    }
    v = js_array_get(ctx, it->obj, idx);
    if (JS_IsException(v))
        return -1;
    if (it->kind == 2) {
        JSValue pair[2] = {JS_NewInt64(ctx, idx), v};
        v = js_new_array_from(ctx, 2, pair);
        if (JS_IsException(v))
            return -1;
    }
    *pres = v;
    return 1;
}

/* %ArrayIteratorPrototype%.next() */
static JSValue js_array_iterator_next(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    JSArrayIterator *it = NULL;
    JSValue res = JS_UNDEFINED, obj;
    int ret;
    if (JS_IsObject(this_val) && js_obj(this_val)->class_id == JS_CLASS_ARRAY_ITERATOR)
        it = js_obj(this_val)->u.opaque;
    if (!it)
        return JS_ThrowTypeError(ctx, "not an Array Iterator");
    if (it->running)
        return JS_ThrowTypeError(ctx, "Array Iterator is already running");
    if (JS_IsUndefined(it->obj))
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    it->running = true;
    ret = js_array_iterator_step(ctx, it, &res);
    it->running = false;
    if (ret <= 0) {
        obj = it->obj;
        it->obj = JS_UNDEFINED;
        JS_FreeValue(ctx, obj);
        if (ret < 0)
            return JS_EXCEPTION;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    return js_create_iter_result(ctx, res, false);
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_array_funcs[] = {
    JS_CFUNC_DEF("from", 1, js_array_from),
    JS_CFUNC_DEF("isArray", 1, js_array_is_array_fn),
    JS_CFUNC_DEF("of", 0, js_array_of),
    JS_CGETSET_DEF("[Symbol.species]", js_array_get_species, NULL),
};

static const JSCFunctionListEntry js_array_proto_funcs[] = {
    JS_CFUNC_DEF("at", 1, js_array_at),
    JS_CFUNC_DEF("concat", 1, js_array_concat),
    JS_CFUNC_DEF("copyWithin", 2, js_array_copy_within),
    JS_CFUNC_MAGIC_DEF("entries", 0, js_array_iterator_method, 2),
    JS_CFUNC_MAGIC_DEF("every", 1, js_array_every, JS_ARRAY_EVERY),
    JS_CFUNC_DEF("fill", 1, js_array_fill),
    JS_CFUNC_MAGIC_DEF("filter", 1, js_array_every, JS_ARRAY_FILTER),
    JS_CFUNC_MAGIC_DEF("find", 1, js_array_find, 0),
    JS_CFUNC_MAGIC_DEF("findIndex", 1, js_array_find, JS_ARRAY_FIND_INDEX),
    JS_CFUNC_MAGIC_DEF("findLast", 1, js_array_find, JS_ARRAY_FIND_LAST),
    JS_CFUNC_MAGIC_DEF("findLastIndex", 1, js_array_find, JS_ARRAY_FIND_LAST | JS_ARRAY_FIND_INDEX),
    JS_CFUNC_DEF("flat", 0, js_array_flat),
    JS_CFUNC_DEF("flatMap", 1, js_array_flat_map),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_array_every, JS_ARRAY_FOR_EACH),
    JS_CFUNC_DEF("includes", 1, js_array_includes),
    JS_CFUNC_DEF("indexOf", 1, js_array_index_of),
    JS_CFUNC_DEF("join", 1, js_array_join),
    JS_CFUNC_MAGIC_DEF("keys", 0, js_array_iterator_method, 0),
    JS_CFUNC_DEF("lastIndexOf", 1, js_array_last_index_of),
    JS_CFUNC_MAGIC_DEF("map", 1, js_array_every, JS_ARRAY_MAP),
    JS_CFUNC_DEF("pop", 0, js_array_pop),
    JS_CFUNC_DEF("push", 1, js_array_push),
    JS_CFUNC_MAGIC_DEF("reduce", 1, js_array_reduce, 0),
    JS_CFUNC_MAGIC_DEF("reduceRight", 1, js_array_reduce, 1),
    JS_CFUNC_DEF("reverse", 0, js_array_reverse),
    JS_CFUNC_DEF("shift", 0, js_array_shift),
    JS_CFUNC_DEF("slice", 2, js_array_slice),
    JS_CFUNC_MAGIC_DEF("some", 1, js_array_every, JS_ARRAY_SOME),
    JS_CFUNC_DEF("sort", 1, js_array_sort),
    JS_CFUNC_DEF("splice", 2, js_array_splice),
    JS_CFUNC_DEF("toLocaleString", 0, js_array_to_locale_string),
    JS_CFUNC_DEF("toReversed", 0, js_array_to_reversed),
    JS_CFUNC_DEF("toSorted", 1, js_array_to_sorted),
    JS_CFUNC_DEF("toSpliced", 2, js_array_to_spliced),
    JS_CFUNC_DEF("unshift", 1, js_array_unshift),
    JS_CFUNC_MAGIC_DEF("values", 0, js_array_iterator_method, 1),
    JS_CFUNC_DEF("with", 2, js_array_with),
    JS_ALIAS_DEF("[Symbol.iterator]", "values"),
};

static const JSCFunctionListEntry js_array_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("next", 0, js_array_iterator_next),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Array Iterator", JS_PROP_CONFIGURABLE),
};

/* Array.prototype[@@unscopables]: the names that `with` must not expose */
static const char *const js_array_unscopables[] = {
    "at",         "copyWithin",    "entries",   "fill",    "find",     "findIndex",
    "findLast",   "findLastIndex", "flat",      "flatMap", "includes", "keys",
    "toReversed", "toSorted",      "toSpliced", "values",
};

static int js_array_init_unscopables(JSContext *ctx, JSValueConst proto)
{
    JSValue obj = JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsException(obj))
        return -1;
    for (size_t i = 0; i < countof(js_array_unscopables); i++) {
        if (JS_DefinePropertyValueStr(ctx, obj, js_array_unscopables[i], JS_TRUE, JS_PROP_C_W_E) <
            0) {
            JS_FreeValue(ctx, obj);
            return -1;
        }
    }
    return JS_DefinePropertyValue(ctx, proto, JS_ATOM_Symbol_unscopables, obj,
                                  JS_PROP_CONFIGURABLE);
}

/* Array.prototype.toString keeps the realm's %Object.prototype.toString% */
static int js_array_init_to_string(JSContext *ctx, JSValueConst proto)
{
    JSValue obj_to_string, f;
    obj_to_string = JS_GetProperty(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_ATOM_toString);
    if (JS_IsException(obj_to_string))
        return -1;
    f = JS_NewCFunctionData(ctx, js_array_to_string, 0, 0, 1, &obj_to_string);
    JS_FreeValue(ctx, obj_to_string);
    if (JS_IsException(f))
        return -1;
    if (js_set_function_name(ctx, f, JS_ATOM_toString, JS_ATOM_NULL) < 0) {
        JS_FreeValue(ctx, f);
        return -1;
    }
    return JS_DefinePropertyValue(ctx, proto, JS_ATOM_toString, f,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}

static int js_array_init_iterator_proto(JSContext *ctx)
{
    JSValueConst parent =
        JS_IsObject(ctx->iterator_proto) ? ctx->iterator_proto : ctx->class_proto[JS_CLASS_OBJECT];
    JSValue proto = JS_NewObjectProto(ctx, parent);
    if (JS_IsException(proto))
        return -1;
    JS_SetClassProto(ctx, JS_CLASS_ARRAY_ITERATOR, proto);
    return JS_SetPropertyFunctionList(ctx, proto, js_array_iterator_proto_funcs,
                                      countof(js_array_iterator_proto_funcs));
}

/* Array.prototype is an Array; array_shape is the shape of a new empty
   array whose prototype is Array.prototype (js_new_array_object's fast
   path) */
static int js_array_init_proto(JSContext *ctx)
{
    JSValue proto, tmp;
    proto = js_new_array_object(ctx, js_obj(ctx->class_proto[JS_CLASS_OBJECT]));
    if (JS_IsException(proto))
        return -1;
    JS_SetClassProto(ctx, JS_CLASS_ARRAY, proto);
    tmp = js_new_array_object(ctx, js_obj(proto));
    if (JS_IsException(tmp))
        return -1;
    ctx->array_shape = js_dup_shape(js_obj(tmp)->shape);
    JS_FreeValue(ctx, tmp);
    return 0;
}

int js_init_array(JSContext *ctx)
{
    JSValue proto, ctor;
    if (js_array_init_proto(ctx) < 0)
        return -1;
    proto = ctx->class_proto[JS_CLASS_ARRAY];
    ctor = js_define_constructor(ctx, JS_ATOM_Array, js_array_constructor, 1,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctx->array_ctor);
    ctx->array_ctor = ctor;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_array_funcs, countof(js_array_funcs)) < 0 ||
        JS_SetPropertyFunctionList(ctx, proto, js_array_proto_funcs,
                                   countof(js_array_proto_funcs)) < 0 ||
        js_array_init_to_string(ctx, proto) < 0 || js_array_init_unscopables(ctx, proto) < 0)
        return -1;
    JS_FreeValue(ctx, ctx->array_proto_values);
    ctx->array_proto_values = JS_GetProperty(ctx, proto, JS_ATOM_values);
    if (JS_IsException(ctx->array_proto_values)) {
        ctx->array_proto_values = JS_UNDEFINED;
        return -1;
    }
    return js_array_init_iterator_proto(ctx);
}
