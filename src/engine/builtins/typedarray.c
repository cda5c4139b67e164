/*
 * typedarray.c — the typed arrays (ECMA-262 §23.2, §10.4.5): views and
 * their records, element conversions (including binary16 for
 * Float16Array), the integer-indexed exotic object methods, the eleven
 * constructors and %TypedArray% with its statics (from, of, @@species),
 * the creation helpers the prototype methods use, and the C API for typed
 * arrays. The prototype methods are in typedarray_proto.c.
 *
 * A typed array object is exotic for every key that is a canonical
 * numeric string ("0", "1.5", "-0", "Infinity", ...): such keys are never
 * ordinary properties, reads outside the current length give undefined
 * and writes there are ignored, without looking at the prototype chain.
 * Other keys behave as on an ordinary object. Lengths are read through the
 * view's cache (typedarray.h), which every detach and resize refreshes.
 */
#include "builtins.h"
#include "typedarray.h"
#include "../atom.h"
#include "../bigint.h"
#include "../conv.h"
#include "../error.h"
#include "../fast_array.h"
#include "../function.h"
#include "../iter.h"
#include "../object.h"
#include "../runtime.h"
#include "../str.h"

/* ---------------------------------------------------------------------
 * binary16
 * ------------------------------------------------------------------- */
/* rounds a double to the nearest binary16, ties to even, in one step (a
   detour through float would round twice) */
uint16_t js_float64_to_float16(double d)
{
    uint64_t bits, mant, rem, half;
    uint16_t sign, m;
    int e, shift;
    memcpy(&bits, &d, sizeof(bits));
    sign = (uint16_t)((bits >> 48) & 0x8000);
    e = (int)((bits >> 52) & 0x7ff);
    mant = bits & (((uint64_t)1 << 52) - 1);
    if (e == 0x7ff)
        return sign | 0x7c00 | (mant ? 0x200 : 0);
    if (e == 0)
        return sign; /* double subnormals are far below half's range */
    e -= 1023;
    if (e > 15)
        return sign | 0x7c00;
    mant |= (uint64_t)1 << 52;
    /* normal halves keep 10 fraction bits; subnormals fewer */
    shift = e >= -14 ? 42 : 42 + (-14 - e);
    if (shift > 53)
        return sign;
    m = (uint16_t)(mant >> shift);
    rem = mant & (((uint64_t)1 << shift) - 1);
    half = (uint64_t)1 << (shift - 1);
    if (rem > half || (rem == half && (m & 1)))
        m++;
    if (e >= -14) {
        /* m includes the implicit bit (0x400); a carry out bumps the exponent */
        uint32_t r = ((uint32_t)(e + 15) << 10) + (uint32_t)(m - 0x400);
        if (r >= 0x7c00)
            return sign | 0x7c00;
        return sign | (uint16_t)r;
    }
    return sign | m; /* a carry into 0x400 is the smallest normal, as wanted */
}

double js_float16_to_float64(uint16_t h)
{
    int e = (h >> 10) & 0x1f, m = h & 0x3ff;
    double d;
    if (e == 0)
        d = ldexp(m, -24);
    else if (e == 31)
        d = m ? NAN : INFINITY;
    else
        d = ldexp(m + 1024, e - 25);
    return (h & 0x8000) ? -d : d;
}

/* ---------------------------------------------------------------------
 * Raw elements
 * ------------------------------------------------------------------- */
double js_typed_array_read_double(JSClassID id, const uint8_t *ptr, size_t i)
{
    switch (id) {
    case JS_CLASS_UINT8C_ARRAY:
    case JS_CLASS_UINT8_ARRAY:
        return JS_TA_LOAD(uint8_t, ptr, i);
    case JS_CLASS_INT8_ARRAY:
        return JS_TA_LOAD(int8_t, ptr, i);
    case JS_CLASS_INT16_ARRAY:
        return JS_TA_LOAD(int16_t, ptr, i);
    case JS_CLASS_UINT16_ARRAY:
        return JS_TA_LOAD(uint16_t, ptr, i);
    case JS_CLASS_INT32_ARRAY:
        return JS_TA_LOAD(int32_t, ptr, i);
    case JS_CLASS_UINT32_ARRAY:
        return JS_TA_LOAD(uint32_t, ptr, i);
    case JS_CLASS_FLOAT16_ARRAY:
        return js_float16_to_float64(JS_TA_LOAD(uint16_t, ptr, i));
    case JS_CLASS_FLOAT32_ARRAY: {
        uint32_t bits = JS_TA_LOAD(uint32_t, ptr, i);
        float f;
        memcpy(&f, &bits, sizeof(f));
        return f;
    }
    case JS_CLASS_FLOAT64_ARRAY: {
        uint64_t bits = JS_TA_LOAD(uint64_t, ptr, i);
        double d;
        memcpy(&d, &bits, sizeof(d));
        return d;
    }
    case JS_CLASS_BIG_INT64_ARRAY:
        return (double)JS_TA_LOAD(int64_t, ptr, i);
    default:
        return (double)JS_TA_LOAD(uint64_t, ptr, i);
    }
}

/* NumericToRawBytes for the Number element types */
void js_typed_array_write_double(JSClassID id, uint8_t *ptr, size_t i, double d)
{
    switch (id) {
    case JS_CLASS_UINT8C_ARRAY:
        JS_TA_STORE(uint8_t, ptr, i, js_ta_double_to_uint8_clamp(d));
        break;
    case JS_CLASS_INT8_ARRAY:
    case JS_CLASS_UINT8_ARRAY:
        JS_TA_STORE(uint8_t, ptr, i, (uint8_t)js_ta_double_to_int32(d));
        break;
    case JS_CLASS_INT16_ARRAY:
    case JS_CLASS_UINT16_ARRAY:
        JS_TA_STORE(uint16_t, ptr, i, (uint16_t)js_ta_double_to_int32(d));
        break;
    case JS_CLASS_INT32_ARRAY:
    case JS_CLASS_UINT32_ARRAY:
        JS_TA_STORE(uint32_t, ptr, i, (uint32_t)js_ta_double_to_int32(d));
        break;
    case JS_CLASS_FLOAT16_ARRAY:
        JS_TA_STORE(uint16_t, ptr, i, js_float64_to_float16(d));
        break;
    case JS_CLASS_FLOAT32_ARRAY: {
        float f = (float)d;
        uint32_t bits;
        memcpy(&bits, &f, sizeof(bits));
        JS_TA_STORE(uint32_t, ptr, i, bits);
        break;
    }
    case JS_CLASS_FLOAT64_ARRAY: {
        uint64_t bits;
        memcpy(&bits, &d, sizeof(bits));
        JS_TA_STORE(uint64_t, ptr, i, bits);
        break;
    }
    default:
        break; /* BigInt elements never take this path */
    }
}

JSValue js_typed_array_get_raw(JSContext *ctx, JSObject *p, size_t idx)
{
    uint8_t *ptr = p->u.typed_array.ptr;
    switch (p->class_id) {
    case JS_CLASS_BIG_INT64_ARRAY:
        return JS_NewBigInt64(ctx, JS_TA_LOAD(int64_t, ptr, idx));
    case JS_CLASS_BIG_UINT64_ARRAY:
        return JS_NewBigUint64(ctx, JS_TA_LOAD(uint64_t, ptr, idx));
    default:
        return JS_NewNumber(ctx, js_typed_array_read_double(p->class_id, ptr, idx));
    }
}

int js_typed_array_convert(JSContext *ctx, JSClassID class_id, JSValueConst val, JSValue *pv)
{
    *pv = js_typed_array_is_bigint(class_id) ? JS_ToBigInt(ctx, val) : JS_ToNumber(ctx, val);
    return JS_IsException(*pv) ? -1 : 0;
}

void js_typed_array_store_raw(JSContext *ctx, JSObject *p, size_t idx, JSValueConst num)
{
    uint8_t *ptr = p->u.typed_array.ptr;
    if (js_typed_array_is_bigint(p->class_id)) {
        int64_t v = 0;
        js_bigint_to_int64(ctx, &v, num); /* cannot fail on a BigInt */
        JS_TA_STORE(int64_t, ptr, idx, v);
        return;
    }
    js_typed_array_write_double(p->class_id, ptr, idx, js_value_to_double(num));
}

/* ---------------------------------------------------------------------
 * Views: records, cached lengths, bounds
 * ------------------------------------------------------------------- */
static int js_view_shift(JSObject *p)
{
    return p->class_id == JS_CLASS_DATAVIEW ? 0 : js_typed_array_size_log2(p->class_id);
}

/* the view's current length in elements (bytes for a DataView), or -1
   when it is out of bounds or its buffer detached */
static int64_t js_view_compute_length(JSObject *p)
{
    JSTypedArray *ta = p->u.typed_array.ta;
    JSArrayBuffer *abuf = js_array_buffer_of(ta->buffer);
    size_t buf_len, shift = js_view_shift(p);
    if (abuf->detached)
        return -1;
    buf_len = js_array_buffer_length(abuf);
    if (ta->byte_offset > buf_len)
        return -1;
    if (ta->track_rab)
        return (int64_t)((buf_len - ta->byte_offset) >> shift);
    if (ta->length > ((buf_len - ta->byte_offset) >> shift))
        return -1;
    return (int64_t)ta->length;
}

void js_view_refresh(JSObject *p)
{
    JSTypedArray *ta = p->u.typed_array.ta;
    JSArrayBuffer *abuf = js_array_buffer_of(ta->buffer);
    int64_t len = js_view_compute_length(p);
    if (len < 0 || !abuf->data) {
        p->u.typed_array.ptr = NULL;
        p->u.typed_array.count = 0;
    } else {
        p->u.typed_array.ptr = abuf->data + ta->byte_offset;
        p->u.typed_array.count = (size_t)len;
    }
    p->u.typed_array.read_only = abuf->immutable;
}

bool js_view_is_out_of_bounds(JSObject *p)
{
    return js_view_compute_length(p) < 0;
}

size_t js_typed_array_length(JSObject *p)
{
    JSArrayBuffer *abuf = js_view_buffer(p);
    /* only another thread growing a SAB can leave the cache stale */
    if (abuf->shared && abuf->resizable)
        js_view_refresh(p);
    return p->u.typed_array.count;
}

static void js_view_finalizer(JSRuntime *rt, JSValue val)
{
    JSObject *p = js_obj(val);
    JSTypedArray *ta = p->u.typed_array.ta;
    if (!ta)
        return;
    if (ta->link.next) /* NULL when the buffer died first */
        list_del(&ta->link);
    p->u.typed_array.ta = NULL;
    JS_FreeValueRT(rt, js_obj_value(ta->buffer));
    js_free_rt(rt, ta);
}

static void js_view_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSTypedArray *ta = js_obj(val)->u.typed_array.ta;
    if (ta)
        JS_MarkValue(rt, js_obj_value(ta->buffer), mark_func);
}

int js_view_attach(JSContext *ctx, JSValueConst obj, JSValueConst buffer, size_t offset,
                   size_t length, bool track_rab)
{
    JSObject *p = js_obj(obj);
    JSTypedArray *ta = js_malloc(ctx, sizeof(*ta));
    if (!ta)
        return -1;
    ta->obj = p;
    ta->buffer = js_obj(JS_DupValue(ctx, buffer));
    ta->byte_offset = offset;
    ta->length = length;
    ta->track_rab = track_rab;
    list_add_tail(&ta->link, &js_array_buffer_of(ta->buffer)->views);
    p->u.typed_array.ta = ta;
    js_view_refresh(p);
    return 0;
}

JSObject *js_validate_typed_array(JSContext *ctx, JSValueConst obj, size_t *plen)
{
    JSObject *p;
    if (!js_is_typed_array(obj)) {
        JS_ThrowTypeError(ctx, "not a TypedArray");
        return NULL;
    }
    p = js_obj(obj);
    if (js_view_is_out_of_bounds(p)) {
        if (js_view_buffer(p)->detached)
            js_throw_detached(ctx);
        else
            JS_ThrowTypeError(ctx, "TypedArray is out of bounds");
        return NULL;
    }
    *plen = js_typed_array_length(p);
    return p;
}

JSObject *js_validate_typed_array_write(JSContext *ctx, JSValueConst obj, size_t *plen)
{
    JSObject *p = js_validate_typed_array(ctx, obj, plen);
    if (p && js_view_buffer(p)->immutable) {
        JS_ThrowTypeError(ctx, "TypedArray is backed by an immutable ArrayBuffer");
        return NULL;
    }
    return p;
}

/* ---------------------------------------------------------------------
 * Integer-indexed element access
 * ------------------------------------------------------------------- */
/* IsValidIntegerIndex with the index as a double */
static bool js_typed_array_valid_index(JSObject *p, double d, size_t *pidx)
{
    size_t len;
    if (!(d >= 0) || d != trunc(d) || (d == 0 && signbit(d)))
        return false;
    len = js_typed_array_length(p);
    if (d >= (double)len)
        return false;
    *pidx = (size_t)d;
    return true;
}

JSValue js_typed_array_get_element(JSContext *ctx, JSObject *p, double d)
{
    size_t idx;
    if (!js_typed_array_valid_index(p, d, &idx))
        return JS_UNDEFINED;
    return js_typed_array_get_raw(ctx, p, idx);
}

int js_typed_array_set_element(JSContext *ctx, JSObject *p, double d, JSValueConst val)
{
    JSValue num;
    size_t idx;
    if (js_typed_array_convert(ctx, p->class_id, val, &num))
        return -1;
    /* the conversion may have detached or shrunk the buffer */
    if (js_typed_array_valid_index(p, d, &idx) && !p->u.typed_array.read_only)
        js_typed_array_store_raw(ctx, p, idx, num);
    JS_FreeValue(ctx, num);
    return 0;
}

/* CanonicalNumericIndexString of a property key: true with *pd when the
   key is a number's canonical string. Only strings starting with a digit,
   '-', 'I' (Infinity) or 'N' (NaN) can be; the test on the first character
   keeps method lookups on typed arrays cheap. */
static bool js_typed_array_numeric_key(JSContext *ctx, JSAtom atom, double *pd)
{
    JSString *p;
    int c;
    if (js_atom_is_tagged_int(atom)) {
        *pd = js_atom_get_tagged_int(atom);
        return true;
    }
    if (js_atom_type(ctx->rt, atom) != JS_ATOM_TYPE_STRING)
        return false;
    p = js_atom_get_str(ctx->rt, atom);
    if (p->len == 0)
        return false;
    c = string_get(p, 0);
    if (!((c >= '0' && c <= '9') || c == '-' || c == 'I' || c == 'N'))
        return false;
    return js_string_is_canonical_numeric(ctx, p, pd);
}

/* ---------------------------------------------------------------------
 * Exotic methods (§10.4.5)
 * ------------------------------------------------------------------- */
static int js_typed_array_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc,
                                           JSValueConst obj, JSAtom prop)
{
    JSObject *p = js_obj(obj);
    double d;
    size_t idx;
    if (!js_typed_array_numeric_key(ctx, prop, &d) || !js_typed_array_valid_index(p, d, &idx))
        return 0;
    if (desc) {
        desc->flags = p->u.typed_array.read_only ? JS_PROP_ENUMERABLE : JS_PROP_C_W_E;
        desc->getter = JS_UNDEFINED;
        desc->setter = JS_UNDEFINED;
        desc->value = js_typed_array_get_raw(ctx, p, idx);
        if (JS_IsException(desc->value))
            return -1;
    }
    return 1;
}

static int js_typed_array_get_own_property_names(JSContext *ctx, JSPropertyEnum **ptab,
                                                 uint32_t *plen, JSValueConst obj)
{
    size_t len = js_typed_array_length(js_obj(obj));
    JSPropertyEnum *tab;
    *ptab = NULL;
    *plen = 0;
    if (len == 0)
        return 0;
    if (len > UINT32_MAX) {
        JS_ThrowRangeError(ctx, "too many properties");
        return -1;
    }
    tab = js_malloc(ctx, sizeof(*tab) * len);
    if (!tab)
        return -1;
    for (size_t i = 0; i < len; i++) {
        tab[i].is_enumerable = true;
        tab[i].atom = JS_NewAtomUInt32(ctx, (uint32_t)i);
        if (tab[i].atom == JS_ATOM_NULL) {
            js_free_property_enum(ctx, tab, (uint32_t)i);
            return -1;
        }
    }
    *ptab = tab;
    *plen = (uint32_t)len;
    return 0;
}

static int js_typed_array_delete_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    double d;
    size_t idx;
    if (!js_typed_array_numeric_key(ctx, prop, &d))
        return 1;
    return !js_typed_array_valid_index(js_obj(obj), d, &idx);
}

static int js_typed_array_define_own_property(JSContext *ctx, JSValueConst this_obj, JSAtom prop,
                                              JSValueConst val, JSValueConst getter,
                                              JSValueConst setter, int flags)
{
    JSObject *p = js_obj(this_obj);
    bool read_only;
    double d;
    size_t idx;
    if (!js_typed_array_numeric_key(ctx, prop, &d))
        return JS_DefineProperty(ctx, this_obj, prop, val, getter, setter,
                                 flags | JS_PROP_NO_EXOTIC);
    if (!js_typed_array_valid_index(p, d, &idx))
        return js_throw_type_error_or_false(ctx, flags, "invalid typed array index",
                                            JS_ATOM_NULL);
    read_only = p->u.typed_array.read_only;
    /* the attributes are fixed: writable, enumerable, configurable (all
       but enumerable false on an immutable buffer) */
    if (((flags & JS_PROP_HAS_CONFIGURABLE) && !(flags & JS_PROP_CONFIGURABLE) != read_only) ||
        ((flags & JS_PROP_HAS_ENUMERABLE) && !(flags & JS_PROP_ENUMERABLE)) ||
        (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) ||
        ((flags & JS_PROP_HAS_WRITABLE) && !(flags & JS_PROP_WRITABLE) != read_only))
        return js_throw_type_error_or_false(ctx, flags, "cannot redefine typed array element",
                                            JS_ATOM_NULL);
    if (!(flags & JS_PROP_HAS_VALUE))
        return 1;
    if (read_only) {
        JSValue cur = js_typed_array_get_raw(ctx, p, idx);
        bool same = js_same_value(ctx, cur, val);
        JS_FreeValue(ctx, cur);
        if (!same)
            return js_throw_type_error_or_false(ctx, flags, "typed array element is read-only",
                                                JS_ATOM_NULL);
        return 1;
    }
    if (js_typed_array_set_element(ctx, p, d, val) < 0)
        return -1;
    return 1;
}

static int js_typed_array_has_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSObject *p = js_obj(obj), *proto;
    double d;
    size_t idx;
    int ret;
    if (js_typed_array_numeric_key(ctx, prop, &d))
        return js_typed_array_valid_index(p, d, &idx);
    ret = JS_GetOwnPropertyInternal(ctx, NULL, p, prop);
    if (ret != 0)
        return ret;
    proto = p->shape->proto;
    return proto ? js_has_property(ctx, proto, prop) : 0;
}

static JSValue js_typed_array_get_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                           JSValueConst receiver)
{
    JSObject *p = js_obj(obj), *proto;
    double d;
    if (js_typed_array_numeric_key(ctx, prop, &d))
        return js_typed_array_get_element(ctx, p, d);
    proto = p->shape->proto;
    if (!proto)
        return JS_UNDEFINED;
    return JS_GetPropertyInternal(ctx, js_obj_value(proto), prop, receiver, false);
}

/* OrdinarySetWithOwnDescriptor once the lookup found a writable data
   property (or nothing): create or update the receiver's own property */
static int js_typed_array_set_on_receiver(JSContext *ctx, JSValueConst receiver, JSAtom prop,
                                          JSValueConst val, int flags)
{
    JSPropertyDescriptor desc;
    int ret;
    if (!JS_IsObject(receiver))
        return js_throw_type_error_or_false(ctx, flags,
                                            "cannot create property '%s' on a primitive", prop);
    ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(receiver), prop);
    if (ret < 0)
        return -1;
    if (ret) {
        int dflags = desc.flags;
        js_free_desc(ctx, &desc);
        if ((dflags & JS_PROP_GETSET) || !(dflags & JS_PROP_WRITABLE))
            return js_throw_type_error_or_false(ctx, flags,
                                                "cannot assign to read only property '%s'", prop);
        return JS_DefineProperty(ctx, receiver, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                                 JS_PROP_HAS_VALUE |
                                     (flags & (JS_PROP_THROW | JS_PROP_THROW_STRICT)));
    }
    return JS_DefineProperty(ctx, receiver, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                             JS_PROP_C_W_E | JS_PROP_HAS_VALUE | JS_PROP_HAS_CONFIGURABLE |
                                 JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                                 (flags & (JS_PROP_THROW | JS_PROP_THROW_STRICT)));
}

static int js_typed_array_set_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                       JSValueConst val, JSValueConst receiver, int flags)
{
    JSObject *p = js_obj(obj), *proto;
    double d;
    size_t idx;
    if (js_typed_array_numeric_key(ctx, prop, &d)) {
        if (JS_IsObject(receiver) && js_obj(receiver) == p) {
            if (p->u.typed_array.read_only && js_typed_array_valid_index(p, d, &idx))
                return js_throw_type_error_or_false(ctx, flags, "typed array element is read-only",
                                                    JS_ATOM_NULL);
            if (js_typed_array_set_element(ctx, p, d, val) < 0)
                return -1;
            return 1;
        }
        if (!js_typed_array_valid_index(p, d, &idx))
            return 1;
        if (p->u.typed_array.read_only)
            return js_throw_type_error_or_false(ctx, flags, "typed array element is read-only",
                                                JS_ATOM_NULL);
        return js_typed_array_set_on_receiver(ctx, receiver, prop, val, flags);
    }
    proto = p->shape->proto;
    if (proto)
        return JS_SetPropertyInternal(ctx, js_obj_value(proto), prop, JS_DupValue(ctx, val),
                                      receiver, flags);
    return js_typed_array_set_on_receiver(ctx, receiver, prop, val, flags);
}

static const JSClassExoticMethods js_typed_array_exotic = {
    .get_own_property = js_typed_array_get_own_property,
    .get_own_property_names = js_typed_array_get_own_property_names,
    .delete_property = js_typed_array_delete_property,
    .define_own_property = js_typed_array_define_own_property,
    .has_property = js_typed_array_has_property,
    .get_property = js_typed_array_get_property,
    .set_property = js_typed_array_set_property,
};

/* ---------------------------------------------------------------------
 * Creation
 * ------------------------------------------------------------------- */
JSValue js_typed_array_get_ctor(JSContext *ctx, JSClassID class_id)
{
    return JS_DupValue(ctx, ctx->binary_ctor[class_id - JS_CLASS_ARRAY_BUFFER]);
}

JSValue js_typed_array_new_on_buffer(JSContext *ctx, JSValueConst proto, JSClassID class_id,
                                     JSValueConst buffer, size_t offset, size_t length,
                                     bool track_rab)
{
    JSValue obj = JS_NewObjectProtoClass(
        ctx, JS_IsUndefined(proto) ? ctx->class_proto[class_id] : proto, class_id);
    if (JS_IsException(obj))
        return obj;
    if (js_view_attach(ctx, obj, buffer, offset, length, track_rab)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* AllocateTypedArrayBuffer: a fresh ArrayBuffer of len elements for obj */
static int js_typed_array_alloc_buffer(JSContext *ctx, JSValueConst obj, uint64_t len)
{
    int shift = js_typed_array_size_log2(js_obj(obj)->class_id);
    JSValue buffer;
    int ret;
    if (len > ((uint64_t)1 << 53) >> shift) {
        JS_ThrowRangeError(ctx, "invalid typed array length");
        return -1;
    }
    buffer = js_array_buffer_create(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, len << shift, 0,
                                    false);
    if (JS_IsException(buffer))
        return -1;
    ret = js_view_attach(ctx, obj, buffer, 0, (size_t)len, false);
    JS_FreeValue(ctx, buffer);
    return ret;
}

/* AllocateTypedArray(new_target, len) */
static JSValue js_typed_array_alloc(JSContext *ctx, JSValueConst new_target, JSClassID class_id,
                                    uint64_t len)
{
    JSValue obj = js_create_from_ctor(ctx, new_target, class_id);
    if (JS_IsException(obj))
        return obj;
    if (js_typed_array_alloc_buffer(ctx, obj, len)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue js_typed_array_new_len(JSContext *ctx, JSClassID class_id, uint64_t len)
{
    return js_typed_array_alloc(ctx, JS_UNDEFINED, class_id, len);
}

/* TypedArrayCreateFromConstructor: number_arg when the only argument is
   the length len; write when the result will be written to */
JSValue js_typed_array_create_from_ctor(JSContext *ctx, JSValueConst ctor, int argc,
                                        JSValueConst *argv, bool number_arg, uint64_t len,
                                        bool write)
{
    JSValue obj = JS_CallConstructor(ctx, ctor, argc, argv);
    size_t new_len;
    if (JS_IsException(obj))
        return obj;
    if (!(write ? js_validate_typed_array_write : js_validate_typed_array)(ctx, obj, &new_len))
        goto fail;
    if (number_arg && new_len < len) {
        JS_ThrowTypeError(ctx, "TypedArray constructor returned a too short array");
        goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* TypedArraySpeciesCreate */
JSValue js_typed_array_species_create(JSContext *ctx, JSObject *exemplar, int argc,
                                      JSValueConst *argv, bool number_arg, uint64_t len,
                                      bool write)
{
    JSValue def = js_typed_array_get_ctor(ctx, exemplar->class_id), ctor, obj;
    ctor = js_species_constructor(ctx, js_obj_value(exemplar), def);
    JS_FreeValue(ctx, def);
    if (JS_IsException(ctor))
        return ctor;
    obj = js_typed_array_create_from_ctor(ctx, ctor, argc, argv, number_arg, len, write);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(obj))
        return obj;
    if (js_typed_array_is_bigint(js_obj(obj)->class_id) !=
        js_typed_array_is_bigint(exemplar->class_id)) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowTypeError(ctx, "TypedArray species has another content type");
    }
    return obj;
}

JSValue js_typed_array_species_create_len(JSContext *ctx, JSObject *exemplar, uint64_t len,
                                          bool write)
{
    JSValue arg = JS_NewInt64(ctx, (int64_t)len);
    return js_typed_array_species_create(ctx, exemplar, 1, &arg, true, len, write);
}

/* ---------------------------------------------------------------------
 * Copying elements between typed arrays
 * ------------------------------------------------------------------- */
/* whether storing any element of type st into type dt keeps its bytes:
   the same type, or integers of one width (but clamping a signed value) */
static bool js_typed_array_same_bits(JSClassID dt, JSClassID st)
{
    if (dt == st)
        return true;
    if (dt >= JS_CLASS_FLOAT16_ARRAY || st >= JS_CLASS_FLOAT16_ARRAY ||
        js_typed_array_size_log2(dt) != js_typed_array_size_log2(st))
        return false;
    return dt != JS_CLASS_UINT8C_ARRAY || st == JS_CLASS_UINT8_ARRAY;
}

/* copies n elements src[si..] to dst[di..] (both in bounds); the element
   types may differ but not their content type. Overlapping memory of the
   same type is handled (memmove); callers clone the source first when
   types differ and the buffers are the same. */
void js_typed_array_copy_elements(JSObject *dst, size_t di, JSObject *src, size_t si, size_t n)
{
    JSClassID dt = dst->class_id, st = src->class_id;
    int shift = js_typed_array_size_log2(dt);
    uint8_t *dp = dst->u.typed_array.ptr, *sp = src->u.typed_array.ptr;
    if (n == 0)
        return;
    if (js_typed_array_same_bits(dt, st)) {
        memmove(dp + (di << shift), sp + (si << shift), n << shift);
        return;
    }
    for (size_t i = 0; i < n; i++)
        js_typed_array_write_double(dt, dp, di + i, js_typed_array_read_double(st, sp, si + i));
}

/* ---------------------------------------------------------------------
 * The constructors
 * ------------------------------------------------------------------- */
/* InitializeTypedArrayFromTypedArray */
static int js_typed_array_init_from_typed_array(JSContext *ctx, JSValueConst obj,
                                                JSValueConst src_obj)
{
    JSObject *p = js_obj(obj), *src = js_obj(src_obj);
    size_t len;
    if (js_view_is_out_of_bounds(src)) {
        js_throw_detached(ctx);
        return -1;
    }
    len = js_typed_array_length(src);
    if (js_typed_array_is_bigint(p->class_id) != js_typed_array_is_bigint(src->class_id)) {
        JS_ThrowTypeError(ctx, "cannot mix BigInt and other types");
        return -1;
    }
    if (js_typed_array_alloc_buffer(ctx, obj, len))
        return -1;
    js_typed_array_copy_elements(p, 0, src, 0, len);
    return 0;
}

/* InitializeTypedArrayFromArrayBuffer */
static int js_typed_array_init_from_buffer(JSContext *ctx, JSValueConst obj, JSValueConst buffer,
                                           JSValueConst byte_offset, JSValueConst length)
{
    JSArrayBuffer *abuf = js_array_buffer_of(js_obj(buffer));
    int shift = js_typed_array_size_log2(js_obj(obj)->class_id);
    uint64_t offset, new_len = 0, buf_len;
    bool fixed = !abuf->resizable;
    if (JS_ToIndex(ctx, &offset, byte_offset))
        return -1;
    if (offset & ((1 << shift) - 1)) {
        JS_ThrowRangeError(ctx, "start offset must be a multiple of the element size");
        return -1;
    }
    if (!JS_IsUndefined(length) && JS_ToIndex(ctx, &new_len, length))
        return -1;
    if (abuf->detached) {
        js_throw_detached(ctx);
        return -1;
    }
    buf_len = js_array_buffer_length(abuf);
    if (JS_IsUndefined(length) && !fixed) {
        if (offset > buf_len) {
            JS_ThrowRangeError(ctx, "start offset is outside the buffer");
            return -1;
        }
        return js_view_attach(ctx, obj, buffer, offset, 0, true);
    }
    if (JS_IsUndefined(length)) {
        if ((buf_len & ((1 << shift) - 1)) || offset > buf_len) {
            JS_ThrowRangeError(ctx, "invalid typed array length");
            return -1;
        }
        new_len = (buf_len - offset) >> shift;
    } else if (new_len > (buf_len >> shift) || offset > buf_len - (new_len << shift)) {
        JS_ThrowRangeError(ctx, "invalid typed array length");
        return -1;
    }
    return js_view_attach(ctx, obj, buffer, offset, new_len, false);
}

/* IteratorToList(GetIteratorFromMethod(obj, method)) as a C array */
static JSValue *js_typed_array_iterate_to_list(JSContext *ctx, JSValueConst obj,
                                               JSValueConst method, size_t *plen)
{
    JSValue iter, next, v, *tab = NULL, *nt;
    size_t len = 0, size = 0;
    bool done;
    *plen = 0;
    iter = JS_Call(ctx, method, obj, 0, NULL);
    if (JS_IsException(iter))
        return NULL;
    if (!JS_IsObject(iter)) {
        JS_FreeValue(ctx, iter);
        JS_ThrowTypeError(ctx, "the iterator is not an object");
        return NULL;
    }
    next = JS_GetProperty(ctx, iter, JS_ATOM_next);
    if (JS_IsException(next))
        goto fail;
    for (;;) {
        v = js_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        if (len == size) {
            size = size ? size * 2 : 16;
            nt = js_realloc(ctx, tab, sizeof(*tab) * size);
            if (!nt) {
                JS_FreeValue(ctx, v);
                js_iterator_close_on_throw(ctx, iter);
                goto fail;
            }
            tab = nt;
        }
        tab[len++] = v;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    *plen = len;
    if (!tab)
        tab = js_malloc(ctx, sizeof(*tab)); /* non-NULL means success */
    return tab;
fail:
    js_free_value_list(ctx, tab, (uint32_t)len);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return NULL;
}

/* InitializeTypedArrayFromList / FromArrayLike, and the iterable form */
static int js_typed_array_init_from_object(JSContext *ctx, JSValueConst obj, JSValueConst src)
{
    JSObject *p = js_obj(obj);
    JSValue method, *tab, v;
    size_t len;
    int64_t alen;
    method = js_get_method(ctx, src, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return -1;
    if (!JS_IsUndefined(method)) {
        tab = js_typed_array_iterate_to_list(ctx, src, method, &len);
        JS_FreeValue(ctx, method);
        if (!tab)
            return -1;
        if (js_typed_array_alloc_buffer(ctx, obj, len)) {
            js_free_value_list(ctx, tab, (uint32_t)len);
            return -1;
        }
        for (size_t k = 0; k < len; k++) {
            if (js_typed_array_set_element(ctx, p, (double)k, tab[k])) {
                js_free_value_list(ctx, tab, (uint32_t)len);
                return -1;
            }
        }
        js_free_value_list(ctx, tab, (uint32_t)len);
        return 0;
    }
    if (js_get_length64(ctx, &alen, src) || js_typed_array_alloc_buffer(ctx, obj, (uint64_t)alen))
        return -1;
    for (int64_t k = 0; k < alen; k++) {
        int ret;
        v = JS_GetPropertyInt64(ctx, src, k);
        if (JS_IsException(v))
            return -1;
        ret = js_typed_array_set_element(ctx, p, (double)k, v);
        JS_FreeValue(ctx, v);
        if (ret)
            return -1;
    }
    return 0;
}

/* new Int8Array(...) etc.: magic is the class id */
static JSValue js_typed_array_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                          JSValueConst *argv, int class_id)
{
    JSValueConst arg = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSClassID src_class;
    JSValue obj;
    int ret;
    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Constructor requires 'new'");
    if (!JS_IsObject(arg)) {
        uint64_t len = 0;
        if (argc > 0 && JS_ToIndex(ctx, &len, arg))
            return JS_EXCEPTION;
        return js_typed_array_alloc(ctx, new_target, class_id, len);
    }
    obj = js_create_from_ctor(ctx, new_target, class_id);
    if (JS_IsException(obj))
        return obj;
    src_class = js_obj(arg)->class_id;
    if (JS_CLASS_IS_TYPED_ARRAY(src_class))
        ret = js_typed_array_init_from_typed_array(ctx, obj, arg);
    else if (js_is_array_buffer_class(src_class))
        ret = js_typed_array_init_from_buffer(ctx, obj, arg, argc > 1 ? argv[1] : JS_UNDEFINED,
                                              argc > 2 ? argv[2] : JS_UNDEFINED);
    else
        ret = js_typed_array_init_from_object(ctx, obj, arg);
    if (ret) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* %TypedArray% itself is abstract */
static JSValue js_typed_array_base_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                               JSValueConst *argv)
{
    return JS_ThrowTypeError(ctx, "%%TypedArray%% is an abstract constructor");
}

/* ---------------------------------------------------------------------
 * %TypedArray% statics
 * ------------------------------------------------------------------- */
static JSValue js_typed_array_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

static JSValue js_typed_array_create_len(JSContext *ctx, JSValueConst ctor, uint64_t len)
{
    JSValue arg = JS_NewInt64(ctx, (int64_t)len);
    return js_typed_array_create_from_ctor(ctx, ctor, 1, &arg, true, len, true);
}

/* Set(target, k, mapfn ? mapfn(value, k) : value, true) for from() */
static int js_typed_array_from_store(JSContext *ctx, JSValueConst target, size_t k,
                                     JSValueConst value, JSValueConst mapfn,
                                     JSValueConst this_arg)
{
    JSValue mapped;
    int ret;
    if (JS_IsUndefined(mapfn))
        return JS_SetPropertyInt64(ctx, target, (int64_t)k, JS_DupValue(ctx, value)) < 0 ? -1 : 0;
    {
        JSValueConst args[2] = {value, JS_NewInt64(ctx, (int64_t)k)};
        mapped = JS_Call(ctx, mapfn, this_arg, 2, args);
    }
    if (JS_IsException(mapped))
        return -1;
    ret = JS_SetPropertyInt64(ctx, target, (int64_t)k, mapped);
    return ret < 0 ? -1 : 0;
}

static JSValue js_typed_array_from(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    JSValueConst source = argv[0], mapfn = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSValueConst this_arg = argc > 2 ? argv[2] : JS_UNDEFINED;
    JSValue method, target = JS_UNDEFINED, v, *tab = NULL, arr_like = JS_UNDEFINED;
    size_t len = 0;
    int64_t alen;
    if (!JS_IsConstructor(ctx, this_val))
        return JS_ThrowTypeError(ctx, "TypedArray.from: this is not a constructor");
    if (!JS_IsUndefined(mapfn) && !JS_IsFunction(ctx, mapfn))
        return JS_ThrowTypeError(ctx, "TypedArray.from: the mapper is not a function");
    method = js_get_method(ctx, source, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return method;
    if (!JS_IsUndefined(method)) {
        tab = js_typed_array_iterate_to_list(ctx, source, method, &len);
        JS_FreeValue(ctx, method);
        if (!tab)
            return JS_EXCEPTION;
        target = js_typed_array_create_len(ctx, this_val, len);
        if (JS_IsException(target))
            goto fail;
        for (size_t k = 0; k < len; k++) {
            if (js_typed_array_from_store(ctx, target, k, tab[k], mapfn, this_arg))
                goto fail;
        }
        js_free_value_list(ctx, tab, (uint32_t)len);
        return target;
    }
    arr_like = JS_ToObject(ctx, source);
    if (JS_IsException(arr_like) || js_get_length64(ctx, &alen, arr_like))
        goto fail;
    target = js_typed_array_create_len(ctx, this_val, (uint64_t)alen);
    if (JS_IsException(target))
        goto fail;
    for (int64_t k = 0; k < alen; k++) {
        int ret;
        v = JS_GetPropertyInt64(ctx, arr_like, k);
        if (JS_IsException(v))
            goto fail;
        ret = js_typed_array_from_store(ctx, target, (size_t)k, v, mapfn, this_arg);
        JS_FreeValue(ctx, v);
        if (ret)
            goto fail;
    }
    JS_FreeValue(ctx, arr_like);
    return target;
fail:
    js_free_value_list(ctx, tab, (uint32_t)len);
    JS_FreeValue(ctx, arr_like);
    JS_FreeValue(ctx, target);
    return JS_EXCEPTION;
}

static JSValue js_typed_array_of_items(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSValue obj;
    if (!JS_IsConstructor(ctx, this_val))
        return JS_ThrowTypeError(ctx, "TypedArray.of: this is not a constructor");
    obj = js_typed_array_create_len(ctx, this_val, (uint64_t)argc);
    if (JS_IsException(obj))
        return obj;
    for (int k = 0; k < argc; k++) {
        if (JS_SetPropertyInt64(ctx, obj, k, JS_DupValue(ctx, argv[k])) < 0) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
    }
    return obj;
}

/* ---------------------------------------------------------------------
 * The array iterator's hook
 * ------------------------------------------------------------------- */
int js_typed_array_iterator_length(JSContext *ctx, JSValueConst obj, int64_t *plen)
{
    size_t len;
    if (!js_validate_typed_array(ctx, obj, &len))
        return -1;
    *plen = (int64_t)len;
    return 0;
}

/* ---------------------------------------------------------------------
 * C API
 * ------------------------------------------------------------------- */
JSValue JS_NewTypedArray(JSContext *ctx, int argc, JSValueConst *argv,
                         JSTypedArrayEnum array_type)
{
    JSValue ctor, obj;
    if ((unsigned)array_type > JS_TYPED_ARRAY_FLOAT64)
        return JS_ThrowRangeError(ctx, "invalid typed array type");
    ctor = js_typed_array_get_ctor(ctx, JS_CLASS_UINT8C_ARRAY + array_type);
    obj = JS_CallConstructor(ctx, ctor, argc, argv);
    JS_FreeValue(ctx, ctor);
    return obj;
}

int JS_GetTypedArrayType(JSValueConst obj)
{
    if (!js_is_typed_array(obj))
        return -1;
    return (int)(js_obj(obj)->class_id - JS_CLASS_UINT8C_ARRAY);
}

JSValue JS_GetTypedArrayBuffer(JSContext *ctx, JSValueConst obj, size_t *pbyte_offset,
                               size_t *pbyte_length, size_t *pbytes_per_element)
{
    JSObject *p;
    int shift;
    if (!js_is_typed_array(obj))
        return JS_ThrowTypeError(ctx, "not a TypedArray");
    p = js_obj(obj);
    shift = js_typed_array_size_log2(p->class_id);
    if (pbyte_offset)
        *pbyte_offset = js_view_is_out_of_bounds(p) ? 0 : p->u.typed_array.ta->byte_offset;
    if (pbyte_length)
        *pbyte_length = js_typed_array_length(p) << shift;
    if (pbytes_per_element)
        *pbytes_per_element = (size_t)1 << shift;
    return js_dup_obj(p->u.typed_array.ta->buffer);
}

JSValue JS_NewUint8Array(JSContext *ctx, uint8_t *buf, size_t len,
                         JSFreeArrayBufferDataFunc *free_func, void *opaque, bool is_shared)
{
    JSValue buffer = JS_NewArrayBuffer(ctx, buf, len, free_func, opaque, is_shared), obj;
    if (JS_IsException(buffer))
        return buffer;
    obj = js_typed_array_new_on_buffer(ctx, JS_UNDEFINED, JS_CLASS_UINT8_ARRAY, buffer, 0, len,
                                       false);
    JS_FreeValue(ctx, buffer);
    return obj;
}

JSValue JS_NewUint8ArrayCopy(JSContext *ctx, const uint8_t *buf, size_t len)
{
    JSValue buffer = js_array_buffer_new_copy(ctx, buf, len), obj;
    if (JS_IsException(buffer))
        return buffer;
    obj = js_typed_array_new_on_buffer(ctx, JS_UNDEFINED, JS_CLASS_UINT8_ARRAY, buffer, 0, len,
                                       false);
    JS_FreeValue(ctx, buffer);
    return obj;
}

uint8_t *JS_GetUint8Array(JSContext *ctx, size_t *psize, JSValueConst obj)
{
    JSObject *p;
    *psize = 0;
    if (!JS_IsObject(obj) || js_obj(obj)->class_id != JS_CLASS_UINT8_ARRAY) {
        JS_ThrowTypeError(ctx, "not a Uint8Array");
        return NULL;
    }
    p = js_obj(obj);
    if (js_view_is_out_of_bounds(p)) {
        js_throw_detached(ctx);
        return NULL;
    }
    *psize = js_typed_array_length(p);
    return p->u.typed_array.ptr;
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_typed_array_base_funcs[] = {
    JS_CFUNC_DEF("from", 1, js_typed_array_from),
    JS_CFUNC_DEF("of", 0, js_typed_array_of_items),
    JS_CGETSET_DEF("[Symbol.species]", js_typed_array_get_species, NULL),
};

void js_typed_array_init_classes(JSRuntime *rt)
{
    for (JSClassID id = JS_CLASS_UINT8C_ARRAY; id <= JS_CLASS_DATAVIEW; id++) {
        rt->class_array[id].finalizer = js_view_finalizer;
        rt->class_array[id].gc_mark = js_view_mark;
        if (id != JS_CLASS_DATAVIEW)
            rt->class_array[id].exotic = &js_typed_array_exotic;
    }
}

/* one concrete constructor: Int8Array etc., child of %TypedArray% */
static int js_typed_array_init_ctor(JSContext *ctx, JSClassID id, JSValueConst base_ctor,
                                    JSValueConst base_proto)
{
    JSAtom name = ctx->rt->class_array[id].class_name;
    int bpe = 1 << js_typed_array_size_log2(id);
    JSValue proto, ctor;
    proto = JS_NewObjectProto(ctx, base_proto);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[id] = proto;
    ctor = js_define_constructor(ctx, name, (JSCFunction *)(void *)js_typed_array_constructor, 3,
                                 JS_CFUNC_constructor_or_func_magic, (int)id, proto);
    if (JS_IsException(ctor))
        return -1;
    ctx->binary_ctor[id - JS_CLASS_ARRAY_BUFFER] = ctor;
    if (JS_SetPrototype(ctx, ctor, base_ctor) < 0 ||
        JS_DefinePropertyValueStr(ctx, ctor, "BYTES_PER_ELEMENT", JS_NewInt32(ctx, bpe), 0) < 0 ||
        JS_DefinePropertyValueStr(ctx, proto, "BYTES_PER_ELEMENT", JS_NewInt32(ctx, bpe), 0) < 0)
        return -1;
    return 0;
}

/* %TypedArray%: a constructor that is not global and always throws */
static JSValue js_typed_array_new_base(JSContext *ctx, JSValueConst base_proto)
{
    JSValue ctor = js_new_cfunction3(ctx, (JSCFunction *)(void *)js_typed_array_base_constructor,
                                     JS_ATOM_TypedArray, 0, JS_CFUNC_constructor_or_func, 0,
                                     JS_UNDEFINED);
    if (JS_IsException(ctor))
        return ctor;
    if (JS_DefinePropertyValue(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, base_proto), 0) < 0 ||
        JS_DefinePropertyValue(ctx, base_proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0 ||
        JS_SetPropertyFunctionList(ctx, ctor, js_typed_array_base_funcs,
                                   countof(js_typed_array_base_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        return JS_EXCEPTION;
    }
    return ctor;
}

int js_init_typed_arrays(JSContext *ctx)
{
    JSValue base_proto, base_ctor, to_string;
    int ret = -1;
    base_proto = JS_NewObject(ctx);
    if (JS_IsException(base_proto))
        return -1;
    base_ctor = js_typed_array_new_base(ctx, base_proto);
    if (JS_IsException(base_ctor)) {
        JS_FreeValue(ctx, base_proto);
        return -1;
    }
    if (JS_SetPropertyFunctionList(ctx, base_proto, js_typed_array_proto_funcs,
                                   js_typed_array_proto_funcs_count) < 0)
        goto done;
    /* %TypedArray%.prototype.toString is Array.prototype.toString itself */
    to_string = JS_GetProperty(ctx, ctx->class_proto[JS_CLASS_ARRAY], JS_ATOM_toString);
    if (JS_IsException(to_string) ||
        JS_DefinePropertyValue(ctx, base_proto, JS_ATOM_toString, to_string,
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto done;
    for (JSClassID id = JS_CLASS_UINT8C_ARRAY; id <= JS_CLASS_FLOAT64_ARRAY; id++) {
        if (js_typed_array_init_ctor(ctx, id, base_ctor, base_proto))
            goto done;
    }
    ret = 0;
done:
    JS_FreeValue(ctx, base_ctor);
    JS_FreeValue(ctx, base_proto);
    return ret;
}
