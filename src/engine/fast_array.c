/*
 * fast_array.c — dense Array storage and the Array length semantics
 * (ArraySetLength). See fast_array.h for the invariants.
 */
#include "fast_array.h"
#include "atom.h"
#include "conv.h"
#include "error.h"
#include "gc.h"
#include "object.h"
#include "runtime.h"
#include "shape.h"

void js_array_finalizer(JSRuntime *rt, JSValue val)
{
    JSObject *p = js_obj(val);
    for (uint32_t i = 0; i < p->u.array.count; i++)
        JS_FreeValueRT(rt, p->u.array.values[i]);
    js_free_rt(rt, p->u.array.values);
    p->u.array.values = NULL;
    p->u.array.count = 0;
}

void js_array_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSObject *p = js_obj(val);
    if (!p->fast_array)
        return;
    for (uint32_t i = 0; i < p->u.array.count; i++)
        js_gc_mark_value(rt, p->u.array.values[i], mark_func);
}

/* ---------------------------------------------------------------------
 * Creation
 * ------------------------------------------------------------------- */
JSValue js_new_array_object(JSContext *ctx, JSObject *proto)
{
    JSValue obj;
    JSProperty *pr;
    JSShape *sh;
    if (ctx->array_shape && proto == ctx->array_shape->proto) {
        obj = js_new_object_from_shape(ctx, js_dup_shape(ctx->array_shape), JS_CLASS_ARRAY);
        if (!JS_IsException(obj))
            js_obj(obj)->prop[0].value = JS_NewInt32(ctx, 0);
        return obj;
    }
    sh = js_get_initial_shape(ctx, proto);
    if (!sh)
        return JS_EXCEPTION;
    obj = js_new_object_from_shape(ctx, sh, JS_CLASS_ARRAY);
    if (JS_IsException(obj))
        return obj;
    pr = js_shape_add_property(ctx, js_obj(obj), JS_ATOM_length,
                               JS_PROP_WRITABLE | JS_PROP_LENGTH);
    if (!pr) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    pr->value = JS_NewInt32(ctx, 0);
    return obj;
}

JSValue JS_NewArray(JSContext *ctx)
{
    return js_new_array_object(ctx, js_obj(ctx->class_proto[JS_CLASS_ARRAY]));
}

int js_fast_array_reserve(JSContext *ctx, JSObject *p, uint32_t new_size)
{
    JSValue *values;
    uint32_t size;
    if (new_size <= p->u.array.size)
        return 0;
    size = p->u.array.size + p->u.array.size / 2;
    if (size < new_size)
        size = new_size;
    if (size < 4)
        size = 4;
    values = js_realloc(ctx, p->u.array.values, sizeof(JSValue) * size);
    if (!values)
        return -1;
    p->u.array.values = values;
    p->u.array.size = size;
    return 0;
}

JSValue js_new_array_len(JSContext *ctx, uint32_t len, JSValue **pvalues)
{
    JSValue arr = JS_NewArray(ctx);
    JSObject *p;
    if (JS_IsException(arr))
        return arr;
    p = js_obj(arr);
    if (len > 0 && js_fast_array_reserve(ctx, p, len)) {
        JS_FreeValue(ctx, arr);
        return JS_EXCEPTION;
    }
    for (uint32_t i = 0; i < len; i++)
        p->u.array.values[i] = JS_UNDEFINED;
    p->u.array.count = len;
    p->prop[0].value = JS_NewUint32(ctx, len);
    *pvalues = p->u.array.values;
    return arr;
}

JSValue js_new_array_from(JSContext *ctx, uint32_t count, JSValue *values)
{
    JSValue *dst;
    JSValue arr = js_new_array_len(ctx, count, &dst);
    if (JS_IsException(arr)) {
        for (uint32_t i = 0; i < count; i++)
            JS_FreeValue(ctx, values[i]);
        return arr;
    }
    if (count)
        memcpy(dst, values, sizeof(JSValue) * count);
    return arr;
}

bool js_get_fast_array(JSContext *ctx, JSValueConst obj, JSValue **arrpp, uint32_t *countp)
{
    JSObject *p;
    if (!js_is_fast_array(obj))
        return false;
    p = js_obj(obj);
    if (!JS_IsInt(p->prop[0].value) ||
        (uint32_t)JS_VALUE_GET_INT(p->prop[0].value) != p->u.array.count)
        return false;
    *arrpp = p->u.array.values;
    *countp = p->u.array.count;
    return true;
}

/* ---------------------------------------------------------------------
 * Appending
 * ------------------------------------------------------------------- */
static bool js_length_writable(JSObject *p) { return p->shape->prop[0].flags & JS_PROP_WRITABLE; }

/* no prototype can intercept an indexed [[Set]] (setter, read-only) */
static bool js_protos_have_no_indices(JSObject *p)
{
    for (p = p->shape->proto; p; p = p->shape->proto) {
        if (p->shape->has_small_array_index)
            return false;
        if (p->is_exotic && (!p->fast_array || p->u.array.count > 0))
            return false;
    }
    return true;
}

bool js_fast_array_can_append(JSContext *ctx, JSObject *p)
{
    uint32_t len;
    if (!p->extensible || p->class_id != JS_CLASS_ARRAY)
        return false;
    if (!JS_IsInt(p->prop[0].value))
        return false;
    len = (uint32_t)JS_VALUE_GET_INT(p->prop[0].value);
    if (p->u.array.count >= len && !js_length_writable(p))
        return false;
    return js_protos_have_no_indices(p);
}

int js_fast_array_append(JSContext *ctx, JSObject *p, JSValue val)
{
    uint32_t idx = p->u.array.count;
    if (js_fast_array_reserve(ctx, p, idx + 1)) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    p->u.array.values[idx] = val;
    p->u.array.count = idx + 1;
    if ((uint32_t)JS_VALUE_GET_INT(p->prop[0].value) <= idx)
        p->prop[0].value = JS_NewUint32(ctx, idx + 1);
    return 1;
}

int js_array_push_value(JSContext *ctx, JSValueConst obj, JSValue val)
{
    int64_t len;
    if (js_is_fast_array(obj)) {
        JSObject *p = js_obj(obj);
        if (JS_IsInt(p->prop[0].value) &&
            (uint32_t)JS_VALUE_GET_INT(p->prop[0].value) == p->u.array.count &&
            js_fast_array_can_append(ctx, p))
            return js_fast_array_append(ctx, p, val);
    }
    if (js_get_length64(ctx, &len, obj)) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    return JS_SetPropertyInt64(ctx, obj, len, val);
}

/* ---------------------------------------------------------------------
 * Conversion to ordinary indexed properties
 * ------------------------------------------------------------------- */
int js_convert_fast_array_to_array(JSContext *ctx, JSObject *p)
{
    uint32_t count = p->u.array.count;
    JSValue *values = p->u.array.values;
    if (js_shape_make_unshared(ctx, p))
        return -1;
    for (uint32_t i = 0; i < count; i++) {
        JSProperty *pr = js_shape_add_property(ctx, p, js_atom_from_uint32(i), JS_PROP_C_W_E);
        if (!pr) {
            /* keep the array consistent: the remaining elements stay dense */
            memmove(values, values + i, sizeof(JSValue) * (count - i));
            p->u.array.count = count - i;
            return -1;
        }
        pr->value = values[i];
    }
    js_free(ctx, values);
    p->u.array.values = NULL;
    p->u.array.count = 0;
    p->u.array.size = 0;
    p->fast_array = 0;
    /* from now on only the class's own hooks (if any) make it exotic */
    p->is_exotic = ctx->rt->class_array[p->class_id].exotic != NULL;
    return 0;
}

/* a descriptor that leaves an existing element a writable, enumerable,
   configurable data property */
static bool js_desc_keeps_plain_element(int flags)
{
    if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET))
        return false;
    if ((flags & JS_PROP_HAS_CONFIGURABLE) && !(flags & JS_PROP_CONFIGURABLE))
        return false;
    if ((flags & JS_PROP_HAS_ENUMERABLE) && !(flags & JS_PROP_ENUMERABLE))
        return false;
    if ((flags & JS_PROP_HAS_WRITABLE) && !(flags & JS_PROP_WRITABLE))
        return false;
    return true;
}

/* a descriptor that creates a writable, enumerable, configurable value */
static bool js_desc_creates_plain_element(int flags)
{
    int all = JS_PROP_HAS_VALUE | JS_PROP_HAS_CONFIGURABLE | JS_PROP_HAS_ENUMERABLE |
              JS_PROP_HAS_WRITABLE | JS_PROP_C_W_E;
    return (flags & all) == all && !(flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET));
}

int js_fast_array_define(JSContext *ctx, JSObject *p, JSAtom prop, JSValueConst val,
                         JSValueConst getter, JSValueConst setter, int flags)
{
    uint32_t idx;
    js_atom_is_array_index(ctx->rt, &idx, prop);
    if (idx < p->u.array.count && js_desc_keeps_plain_element(flags)) {
        if (flags & JS_PROP_HAS_VALUE) {
            JSValue old = p->u.array.values[idx];
            p->u.array.values[idx] = JS_DupValue(ctx, val);
            JS_FreeValue(ctx, old);
        }
        return 1;
    }
    if (idx == p->u.array.count && js_desc_creates_plain_element(flags) &&
        js_fast_array_can_append(ctx, p))
        return js_fast_array_append(ctx, p, JS_DupValue(ctx, val));
    return js_convert_fast_array_to_array(ctx, p) ? -1 : 2;
}

int js_fast_array_delete(JSContext *ctx, JSObject *p, uint32_t idx)
{
    if (idx + 1 == p->u.array.count) {
        JSValue v = p->u.array.values[idx];
        p->u.array.count = idx;
        JS_FreeValue(ctx, v);
        return 0;
    }
    return js_convert_fast_array_to_array(ctx, p);
}

/* ---------------------------------------------------------------------
 * length
 * ------------------------------------------------------------------- */
static int js_to_array_length(JSContext *ctx, uint32_t *plen, JSValueConst val)
{
    uint32_t len;
    double d;
    if (JS_IsInt(val) && JS_VALUE_GET_INT(val) >= 0) {
        *plen = JS_VALUE_GET_INT(val);
        return 0;
    }
    /* ToUint32 and ToNumber both run, as ArraySetLength says */
    if (JS_ToUint32(ctx, &len, val))
        return -1;
    if (JS_ToFloat64(ctx, &d, val))
        return -1;
    if (d != (double)len) {
        JS_ThrowRangeError(ctx, "Invalid array length");
        return -1;
    }
    *plen = len;
    return 0;
}

static void js_set_length_value(JSContext *ctx, JSObject *p, uint32_t len)
{
    JSValue old = p->prop[0].value;
    p->prop[0].value = JS_NewUint32(ctx, len);
    JS_FreeValue(ctx, old);
}

/* the largest non-configurable index >= from on a slow array, or -1 */
static int64_t js_slow_array_last_fixed_index(JSContext *ctx, JSObject *p, uint32_t from)
{
    JSShape *sh = p->shape;
    int64_t best = -1;
    for (int i = 0; i < sh->prop_count; i++) {
        uint32_t idx;
        JSShapeProperty *prs = &sh->prop[i];
        if (prs->atom == JS_ATOM_NULL || (prs->flags & JS_PROP_CONFIGURABLE))
            continue;
        if (js_atom_is_array_index(ctx->rt, &idx, prs->atom) && idx >= from && idx > best)
            best = idx;
    }
    return best;
}

static int js_slow_array_delete_from(JSContext *ctx, JSObject *p, uint32_t from)
{
    JSShape *sh;
    if (js_shape_make_unshared(ctx, p))
        return -1;
    for (int i = 0; i < p->shape->prop_count; i++) {
        uint32_t idx;
        JSShapeProperty *prs;
        sh = p->shape;
        prs = &sh->prop[i];
        if (prs->atom == JS_ATOM_NULL || !js_atom_is_array_index(ctx->rt, &idx, prs->atom) ||
            idx < from)
            continue;
        js_free_property(ctx->rt, &p->prop[i], prs->flags);
        p->prop[i].value = JS_UNDEFINED;
        js_shape_delete_property(ctx, p, i);
        i = -1; /* deletion may compact the shape: rescan */
    }
    return 0;
}

int js_array_truncate(JSContext *ctx, JSObject *p, uint32_t len, int flags)
{
    if (p->fast_array) {
        while (p->u.array.count > len) {
            JSValue v = p->u.array.values[--p->u.array.count];
            JS_FreeValue(ctx, v);
        }
    } else {
        int64_t fixed = js_slow_array_last_fixed_index(ctx, p, len);
        uint32_t target = fixed >= 0 ? (uint32_t)fixed + 1 : len;
        if (js_slow_array_delete_from(ctx, p, target))
            return -1;
        if (fixed >= 0) {
            js_set_length_value(ctx, p, target);
            return js_throw_type_error_or_false(ctx, flags, "cannot delete array element",
                                                JS_ATOM_NULL);
        }
    }
    js_set_length_value(ctx, p, len);
    return 1;
}

int js_set_array_length(JSContext *ctx, JSObject *p, JSValue val, int flags)
{
    uint32_t len, old_len;
    int ret = js_to_array_length(ctx, &len, val);
    JS_FreeValue(ctx, val);
    if (ret)
        return -1;
    /* the conversion may have run user code that froze the length */
    if (!js_length_writable(p))
        return js_throw_type_error_or_false(ctx, flags, "cannot assign to read only property '%s'",
                                            JS_ATOM_length);
    JS_ToUint32(ctx, &old_len, p->prop[0].value);
    if (len >= old_len) {
        js_set_length_value(ctx, p, len);
        return 1;
    }
    return js_array_truncate(ctx, p, len, flags);
}

static int js_make_length_readonly(JSContext *ctx, JSObject *p)
{
    if (js_shape_make_unshared(ctx, p))
        return -1;
    p->shape->prop[0].flags &= ~JS_PROP_WRITABLE;
    return 0;
}

int js_define_array_length(JSContext *ctx, JSObject *p, JSValueConst val, int flags)
{
    uint32_t len, old_len;
    bool writable = js_length_writable(p);
    bool make_readonly = (flags & JS_PROP_HAS_WRITABLE) && !(flags & JS_PROP_WRITABLE);
    int ret;
    if (flags & JS_PROP_HAS_VALUE) {
        if (js_to_array_length(ctx, &len, val))
            return -1;
        writable = js_length_writable(p);
    }
    if (((flags & JS_PROP_HAS_CONFIGURABLE) && (flags & JS_PROP_CONFIGURABLE)) ||
        ((flags & JS_PROP_HAS_ENUMERABLE) && (flags & JS_PROP_ENUMERABLE)) ||
        (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) ||
        (!writable && (flags & JS_PROP_HAS_WRITABLE) && (flags & JS_PROP_WRITABLE)))
        goto refuse;
    if (flags & JS_PROP_HAS_VALUE) {
        JS_ToUint32(ctx, &old_len, p->prop[0].value);
        if (len != old_len) {
            if (!writable)
                goto refuse;
            if (len > old_len) {
                js_set_length_value(ctx, p, len);
            } else {
                ret = js_array_truncate(ctx, p, len, flags);
                if (ret <= 0) {
                    if (make_readonly && js_make_length_readonly(ctx, p))
                        return -1;
                    return ret;
                }
            }
        }
    }
    if (make_readonly && writable && js_make_length_readonly(ctx, p))
        return -1;
    return 1;
refuse:
    return js_throw_type_error_or_false(ctx, flags, "cannot redefine property: %s",
                                        JS_ATOM_length);
}
