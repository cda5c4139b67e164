/*
 * typedarray_proto.c — %TypedArray%.prototype (ECMA-262 §23.2.3): the
 * accessors (buffer, byteLength, byteOffset, length, @@toStringTag) and
 * the methods, from at to with.
 *
 * Every method starts with ValidateTypedArray and reads the length once;
 * user code it then calls (callbacks, valueOf of an argument, a species
 * constructor) may detach or shrink the buffer. The algorithms re-read
 * elements through TypedArrayGetElement (undefined out of bounds) or
 * re-check the length exactly where the specification does, so the
 * observable behaviour of those cases follows it. The work on raw memory
 * (fill, copyWithin, reverse, set, slice, subarray, the default sort,
 * indexOf/includes on numbers) runs on the bytes directly, between such
 * checks.
 */
#include "builtins.h"
#include "typedarray.h"
#include "../atom.h"
#include "../bigint.h"
#include "../conv.h"
#include "../error.h"
#include "../fast_array.h"
#include "../function.h"
#include "../object.h"
#include "../str.h"

/* argument i, undefined when absent (argv is only padded up to each
   function's declared length) */
#define JS_TA_ARG(i) (argc > (i) ? argv[i] : JS_UNDEFINED)

/* the this value of the accessors and of subarray: a typed array, detached
   or not */
static JSObject *js_ta_this(JSContext *ctx, JSValueConst this_val)
{
    if (!js_is_typed_array(this_val)) {
        JS_ThrowTypeError(ctx, "not a TypedArray");
        return NULL;
    }
    return js_obj(this_val);
}

/* ToIntegerOrInfinity(v) as a relative index into [0, len] */
static int js_ta_relative_index(JSContext *ctx, JSValueConst v, size_t len, size_t *pres)
{
    int64_t k;
    if (JS_ToInt64Clamp(ctx, &k, v, 0, (int64_t)len, (int64_t)len))
        return -1;
    *pres = (size_t)k;
    return 0;
}

/* ---------------------------------------------------------------------
 * Accessors
 * ------------------------------------------------------------------- */
static JSValue js_ta_get_buffer(JSContext *ctx, JSValueConst this_val)
{
    JSObject *p = js_ta_this(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    return js_dup_obj(p->u.typed_array.ta->buffer);
}

static JSValue js_ta_get_byte_length(JSContext *ctx, JSValueConst this_val)
{
    JSObject *p = js_ta_this(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    return JS_NewInt64(ctx,
                       (int64_t)js_typed_array_length(p) << js_typed_array_size_log2(p->class_id));
}

static JSValue js_ta_get_byte_offset(JSContext *ctx, JSValueConst this_val)
{
    JSObject *p = js_ta_this(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    if (js_view_is_out_of_bounds(p))
        return JS_NewInt32(ctx, 0);
    return JS_NewInt64(ctx, (int64_t)p->u.typed_array.ta->byte_offset);
}

static JSValue js_ta_get_length(JSContext *ctx, JSValueConst this_val)
{
    JSObject *p = js_ta_this(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    return JS_NewInt64(ctx, (int64_t)js_typed_array_length(p));
}

static JSValue js_ta_get_to_string_tag(JSContext *ctx, JSValueConst this_val)
{
    if (!js_is_typed_array(this_val))
        return JS_UNDEFINED;
    return JS_AtomToString(ctx, ctx->rt->class_array[js_obj(this_val)->class_id].class_name);
}

/* ---------------------------------------------------------------------
 * at, with, entries / keys / values
 * ------------------------------------------------------------------- */
static JSValue js_ta_at(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    int64_t k;
    if (!p)
        return JS_EXCEPTION;
    if (JS_ToInt64Sat(ctx, &k, argv[0]))
        return JS_EXCEPTION;
    if (k < 0)
        k += (int64_t)len;
    if (k < 0 || k >= (int64_t)len)
        return JS_UNDEFINED;
    return js_typed_array_get_element(ctx, p, (double)k);
}

static JSValue js_ta_with(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, idx;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len), *a;
    JSValue num, obj;
    int64_t k;
    if (!p)
        return JS_EXCEPTION;
    if (JS_ToInt64Sat(ctx, &k, argv[0]))
        return JS_EXCEPTION;
    if (k < 0)
        k += (int64_t)len;
    if (js_typed_array_convert(ctx, p->class_id, argv[1], &num))
        return JS_EXCEPTION;
    if (k < 0 || (size_t)k >= js_typed_array_length(p)) {
        JS_FreeValue(ctx, num);
        return JS_ThrowRangeError(ctx, "invalid index");
    }
    obj = js_typed_array_new_len(ctx, p->class_id, len);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, num);
        return obj;
    }
    a = js_obj(obj);
    /* elements past a shrunk source read as undefined: NaN once
       converted, and no BigInt at all */
    idx = js_typed_array_length(p);
    if (idx < len && js_typed_array_is_bigint(p->class_id)) {
        JS_FreeValue(ctx, num);
        JS_FreeValue(ctx, obj);
        return JS_ThrowTypeError(ctx, "cannot convert undefined to a BigInt");
    }
    js_typed_array_copy_elements(a, 0, p, 0, idx < len ? idx : len);
    for (; idx < len; idx++)
        js_typed_array_write_double(a->class_id, a->u.typed_array.ptr, idx, NAN);
    /* the source may have grown: the result keeps the original length */
    if ((size_t)k < len)
        js_typed_array_store_raw(ctx, a, (size_t)k, num);
    JS_FreeValue(ctx, num);
    return obj;
}

static JSValue js_ta_iterator(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv, int kind)
{
    size_t len;
    if (!js_validate_typed_array(ctx, this_val, &len))
        return JS_EXCEPTION;
    return js_create_array_iterator(ctx, this_val, kind);
}

/* ---------------------------------------------------------------------
 * Callback iteration: every, some, forEach, map, filter, find*
 * ------------------------------------------------------------------- */
enum {
    JS_TA_EVERY,
    JS_TA_SOME,
    JS_TA_FOR_EACH,
    JS_TA_FIND,
    JS_TA_FIND_INDEX,
    JS_TA_FIND_LAST,
    JS_TA_FIND_LAST_INDEX,
};

/* callback(element k, k, O): the element, and the call's result */
static JSValue js_ta_call_callback(JSContext *ctx, JSObject *p, size_t k, JSValueConst func,
                                   JSValueConst this_arg, JSValue *pelem)
{
    JSValue args[3], ret;
    args[0] = js_typed_array_get_element(ctx, p, (double)k);
    if (JS_IsException(args[0]))
        return JS_EXCEPTION;
    args[1] = JS_NewInt64(ctx, (int64_t)k);
    args[2] = js_obj_value(p);
    ret = JS_Call(ctx, func, this_arg, 3, args);
    if (pelem && !JS_IsException(ret))
        *pelem = args[0];
    else
        JS_FreeValue(ctx, args[0]);
    return ret;
}

static JSValue js_ta_iterate(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int kind)
{
    size_t len, i;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    bool last = kind == JS_TA_FIND_LAST || kind == JS_TA_FIND_LAST_INDEX;
    JSValue ret, elem;
    int b;
    if (!p)
        return JS_EXCEPTION;
    if (!JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "callback is not a function");
    for (i = 0; i < len; i++) {
        size_t k = last ? len - 1 - i : i;
        elem = JS_UNDEFINED;
        ret = js_ta_call_callback(ctx, p, k, argv[0], JS_TA_ARG(1), &elem);
        if (JS_IsException(ret))
            return ret;
        b = JS_ToBool(ctx, ret);
        JS_FreeValue(ctx, ret);
        switch (kind) {
        case JS_TA_EVERY:
            if (!b)
                return JS_FALSE;
            break;
        case JS_TA_SOME:
            if (b)
                return JS_TRUE;
            break;
        case JS_TA_FIND:
        case JS_TA_FIND_LAST:
            if (b)
                return elem;
            break;
        case JS_TA_FIND_INDEX:
        case JS_TA_FIND_LAST_INDEX:
            if (b) {
                JS_FreeValue(ctx, elem);
                return JS_NewInt64(ctx, (int64_t)k);
            }
            break;
        }
        JS_FreeValue(ctx, elem);
    }
    switch (kind) {
    case JS_TA_EVERY:
        return JS_TRUE;
    case JS_TA_SOME:
        return JS_FALSE;
    case JS_TA_FIND_INDEX:
    case JS_TA_FIND_LAST_INDEX:
        return JS_NewInt32(ctx, -1);
    default:
        return JS_UNDEFINED;
    }
}

static JSValue js_ta_map(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    JSValue a, mapped;
    if (!p)
        return JS_EXCEPTION;
    if (!JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "callback is not a function");
    a = js_typed_array_species_create_len(ctx, p, len, true);
    if (JS_IsException(a))
        return a;
    for (size_t k = 0; k < len; k++) {
        mapped = js_ta_call_callback(ctx, p, k, argv[0], JS_TA_ARG(1), NULL);
        if (JS_IsException(mapped) ||
            JS_SetPropertyInt64(ctx, a, (int64_t)k, mapped) < 0) {
            JS_FreeValue(ctx, a);
            return JS_EXCEPTION;
        }
    }
    return a;
}

static JSValue js_ta_filter(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, count = 0;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    JSValue *kept, ret, elem, a = JS_EXCEPTION;
    int b;
    if (!p)
        return JS_EXCEPTION;
    if (!JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "callback is not a function");
    kept = js_malloc(ctx, sizeof(*kept) * (len ? len : 1));
    if (!kept)
        return JS_EXCEPTION;
    for (size_t k = 0; k < len; k++) {
        elem = JS_UNDEFINED;
        ret = js_ta_call_callback(ctx, p, k, argv[0], JS_TA_ARG(1), &elem);
        if (JS_IsException(ret))
            goto done;
        b = JS_ToBool(ctx, ret);
        JS_FreeValue(ctx, ret);
        if (b)
            kept[count++] = elem;
        else
            JS_FreeValue(ctx, elem);
    }
    a = js_typed_array_species_create_len(ctx, p, count, true);
    for (size_t n = 0; n < count && !JS_IsException(a); n++) {
        if (JS_SetPropertyInt64(ctx, a, (int64_t)n, JS_DupValue(ctx, kept[n])) < 0) {
            JS_FreeValue(ctx, a);
            a = JS_EXCEPTION;
        }
    }
done:
    js_free_value_list(ctx, kept, (uint32_t)count);
    return a;
}

/* reduce (magic 0) and reduceRight (1) */
static JSValue js_ta_reduce(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                            int right)
{
    size_t len, i = 0;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    JSValue acc, args[4];
    if (!p)
        return JS_EXCEPTION;
    if (!JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "callback is not a function");
    if (argc >= 2) {
        acc = JS_DupValue(ctx, argv[1]);
    } else {
        if (len == 0)
            return JS_ThrowTypeError(ctx, "reduce of empty array with no initial value");
        acc = js_typed_array_get_element(ctx, p, (double)(right ? len - 1 : 0));
        if (JS_IsException(acc))
            return acc;
        i = 1;
    }
    for (; i < len; i++) {
        size_t k = right ? len - 1 - i : i;
        args[0] = acc;
        args[1] = js_typed_array_get_element(ctx, p, (double)k);
        if (JS_IsException(args[1])) {
            JS_FreeValue(ctx, acc);
            return JS_EXCEPTION;
        }
        args[2] = JS_NewInt64(ctx, (int64_t)k);
        args[3] = js_obj_value(p);
        acc = JS_Call(ctx, argv[0], JS_UNDEFINED, 4, args);
        JS_FreeValue(ctx, args[0]);
        JS_FreeValue(ctx, args[1]);
        if (JS_IsException(acc))
            return acc;
    }
    return acc;
}

/* ---------------------------------------------------------------------
 * Searching: includes, indexOf, lastIndexOf
 * ------------------------------------------------------------------- */
enum {
    JS_TA_INCLUDES,
    JS_TA_INDEX_OF,
    JS_TA_LAST_INDEX_OF,
};

/* whether element k (in bounds) matches: SameValueZero for includes,
   IsStrictlyEqual for the others */
static int js_ta_search_match(JSContext *ctx, JSObject *p, size_t k, JSValueConst target,
                              int kind)
{
    JSValue v;
    bool eq;
    if (JS_IsNumber(target) && !js_typed_array_is_bigint(p->class_id)) {
        double d = js_typed_array_read_double(p->class_id, p->u.typed_array.ptr, k);
        double t = js_value_to_double(target);
        return d == t || (kind == JS_TA_INCLUDES && isnan(d) && isnan(t));
    }
    if (!JS_IsBigInt(target) || !js_typed_array_is_bigint(p->class_id))
        return 0;
    v = js_typed_array_get_raw(ctx, p, k);
    if (JS_IsException(v))
        return -1;
    eq = js_strict_eq(ctx, v, target);
    JS_FreeValue(ctx, v);
    return eq;
}

static JSValue js_ta_search(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                            int kind)
{
    size_t len, cur;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    int64_t k, n;
    int r;
    if (!p)
        return JS_EXCEPTION;
    if (len == 0)
        return kind == JS_TA_INCLUDES ? JS_FALSE : JS_NewInt32(ctx, -1);
    if (kind == JS_TA_LAST_INDEX_OF) {
        n = (int64_t)len - 1;
        if (argc > 1 && JS_ToInt64Sat(ctx, &n, argv[1]))
            return JS_EXCEPTION;
        k = n >= 0 ? (n < (int64_t)len - 1 ? n : (int64_t)len - 1) : (int64_t)len + n;
    } else {
        if (JS_ToInt64Sat(ctx, &n, JS_TA_ARG(1)))
            return JS_EXCEPTION;
        k = n >= 0 ? n : ((int64_t)len + n > 0 ? (int64_t)len + n : 0);
    }
    /* the conversion may have shrunk the array: elements past its new end
       are absent (indexOf) or read as undefined (includes) */
    cur = js_typed_array_length(p);
    if (kind == JS_TA_LAST_INDEX_OF) {
        for (; k >= 0; k--) {
            if ((size_t)k >= cur)
                continue;
            r = js_ta_search_match(ctx, p, (size_t)k, argv[0], kind);
            if (r)
                return r < 0 ? JS_EXCEPTION : JS_NewInt64(ctx, k);
        }
        return JS_NewInt32(ctx, -1);
    }
    for (; k < (int64_t)len; k++) {
        if ((size_t)k >= cur) {
            if (kind == JS_TA_INCLUDES && JS_IsUndefined(argv[0]))
                return JS_TRUE;
            break;
        }
        r = js_ta_search_match(ctx, p, (size_t)k, argv[0], kind);
        if (r < 0)
            return JS_EXCEPTION;
        if (r)
            return kind == JS_TA_INCLUDES ? JS_TRUE : JS_NewInt64(ctx, k);
    }
    return kind == JS_TA_INCLUDES ? JS_FALSE : JS_NewInt32(ctx, -1);
}

/* ---------------------------------------------------------------------
 * join, toLocaleString
 * ------------------------------------------------------------------- */
static JSValue js_ta_join(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    JSValue sep, v;
    StringBuffer b;
    if (!p)
        return JS_EXCEPTION;
    sep = JS_IsUndefined(argv[0]) ? js_new_string8(ctx, ",") : JS_ToString(ctx, argv[0]);
    if (JS_IsException(sep))
        return sep;
    string_buffer_init(ctx, &b, 0);
    for (size_t k = 0; k < len; k++) {
        if (k > 0 && string_buffer_concat_value(&b, sep))
            goto fail;
        v = js_typed_array_get_element(ctx, p, (double)k);
        if (JS_IsException(v))
            goto fail;
        if (!JS_IsUndefined(v) && string_buffer_concat_value_free(&b, v))
            goto fail;
    }
    JS_FreeValue(ctx, sep);
    return string_buffer_end(&b);
fail:
    JS_FreeValue(ctx, sep);
    string_buffer_free(&b);
    return JS_EXCEPTION;
}

static JSValue js_ta_to_locale_string(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    size_t len;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    JSValue v;
    StringBuffer b;
    if (!p)
        return JS_EXCEPTION;
    string_buffer_init(ctx, &b, 0);
    for (size_t k = 0; k < len; k++) {
        if (k > 0 && string_buffer_putc8(&b, ','))
            goto fail;
        v = js_typed_array_get_element(ctx, p, (double)k);
        if (JS_IsException(v))
            goto fail;
        if (JS_IsUndefined(v))
            continue;
        v = JS_InvokeFree(ctx, v, JS_ATOM_toLocaleString, 0, NULL);
        if (JS_IsException(v) || string_buffer_concat_value_free(&b, v))
            goto fail;
    }
    return string_buffer_end(&b);
fail:
    string_buffer_free(&b);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Writing in place: fill, copyWithin, reverse
 * ------------------------------------------------------------------- */
static JSValue js_ta_fill(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, start, end, cur;
    JSObject *p = js_validate_typed_array_write(ctx, this_val, &len);
    JSValue num;
    if (!p)
        return JS_EXCEPTION;
    if (js_typed_array_convert(ctx, p->class_id, argv[0], &num))
        return JS_EXCEPTION;
    end = len;
    if (js_ta_relative_index(ctx, JS_TA_ARG(1), len, &start) ||
        (!JS_IsUndefined(JS_TA_ARG(2)) && js_ta_relative_index(ctx, argv[2], len, &end))) {
        JS_FreeValue(ctx, num);
        return JS_EXCEPTION;
    }
    if (js_view_is_out_of_bounds(p)) {
        JS_FreeValue(ctx, num);
        return js_throw_detached(ctx);
    }
    cur = js_typed_array_length(p);
    if (end > cur)
        end = cur;
    if (start < end) {
        int shift = js_typed_array_size_log2(p->class_id);
        uint8_t *ptr = p->u.typed_array.ptr;
        js_typed_array_store_raw(ctx, p, start, num);
        /* replicate the first element's bytes */
        for (size_t k = start + 1; k < end; k++)
            memcpy(ptr + (k << shift), ptr + (start << shift), (size_t)1 << shift);
    }
    JS_FreeValue(ctx, num);
    return JS_DupValue(ctx, this_val);
}

static JSValue js_ta_copy_within(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    size_t len, to, from, end, count, limit;
    JSObject *p = js_validate_typed_array_write(ctx, this_val, &len);
    int shift;
    if (!p)
        return JS_EXCEPTION;
    end = len;
    if (js_ta_relative_index(ctx, argv[0], len, &to) ||
        js_ta_relative_index(ctx, argv[1], len, &from) ||
        (!JS_IsUndefined(JS_TA_ARG(2)) && js_ta_relative_index(ctx, argv[2], len, &end)))
        return JS_EXCEPTION;
    count = end > from ? end - from : 0;
    if (count > len - to)
        count = len - to;
    if (count == 0)
        return JS_DupValue(ctx, this_val);
    if (js_view_is_out_of_bounds(p))
        return js_throw_detached(ctx);
    shift = js_typed_array_size_log2(p->class_id);
    limit = js_typed_array_length(p) << shift;
    from <<= shift;
    to <<= shift;
    count <<= shift;
    /* the arguments' conversions may have shrunk the array: copy only
       what still lies within it at both ends */
    if (from >= limit || to >= limit)
        count = 0;
    else if (count > limit - from || count > limit - to)
        count = limit - (from > to ? from : to);
    if (count)
        memmove(p->u.typed_array.ptr + to, p->u.typed_array.ptr + from, count);
    return JS_DupValue(ctx, this_val);
}

/* reverses n elements of 1 << shift bytes at ptr into dst (dst == ptr:
   in place) */
static void js_ta_reverse_into(uint8_t *dst, const uint8_t *src, size_t n, int shift)
{
    size_t es = (size_t)1 << shift;
    uint8_t tmp[8];
    for (size_t i = 0, j = n; i < j--; i++) {
        memcpy(tmp, src + (i << shift), es);
        memcpy(dst + (i << shift), src + (j << shift), es);
        memcpy(dst + (j << shift), tmp, es);
    }
    if ((n & 1) && dst != src)
        memcpy(dst + ((n / 2) << shift), src + ((n / 2) << shift), es);
}

static JSValue js_ta_reverse(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    JSObject *p = js_validate_typed_array_write(ctx, this_val, &len);
    if (!p)
        return JS_EXCEPTION;
    js_ta_reverse_into(p->u.typed_array.ptr, p->u.typed_array.ptr, len,
                       js_typed_array_size_log2(p->class_id));
    return JS_DupValue(ctx, this_val);
}

static JSValue js_ta_to_reversed(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    size_t len;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len);
    JSValue obj;
    if (!p)
        return JS_EXCEPTION;
    obj = js_typed_array_new_len(ctx, p->class_id, len);
    if (JS_IsException(obj))
        return obj;
    js_ta_reverse_into(js_obj(obj)->u.typed_array.ptr, p->u.typed_array.ptr, len,
                       js_typed_array_size_log2(p->class_id));
    return obj;
}

/* ---------------------------------------------------------------------
 * set
 * ------------------------------------------------------------------- */
/* SetTypedArrayFromTypedArray */
static int js_ta_set_from_typed_array(JSContext *ctx, JSObject *p, double offset, JSObject *src)
{
    size_t dst_len, src_len, off;
    JSArrayBuffer *dbuf = js_view_buffer(p), *sbuf = js_view_buffer(src);
    if (js_view_is_out_of_bounds(p) || js_view_is_out_of_bounds(src)) {
        js_throw_detached(ctx);
        return -1;
    }
    dst_len = js_typed_array_length(p);
    src_len = js_typed_array_length(src);
    if (offset > (double)dst_len || (double)src_len + offset > (double)dst_len) {
        JS_ThrowRangeError(ctx, "offset is out of bounds");
        return -1;
    }
    if (js_typed_array_is_bigint(p->class_id) != js_typed_array_is_bigint(src->class_id)) {
        JS_ThrowTypeError(ctx, "cannot mix BigInt and other types");
        return -1;
    }
    off = (size_t)offset;
    if (dbuf->data && dbuf->data == sbuf->data && p->class_id != src->class_id) {
        /* converting in place would read bytes already written: copy the
           source first (CloneArrayBuffer) */
        size_t bytes = src_len << js_typed_array_size_log2(src->class_id);
        uint8_t *tmp = js_malloc(ctx, bytes ? bytes : 1), *saved = src->u.typed_array.ptr;
        if (!tmp)
            return -1;
        memcpy(tmp, saved, bytes);
        src->u.typed_array.ptr = tmp;
        js_typed_array_copy_elements(p, off, src, 0, src_len);
        src->u.typed_array.ptr = saved;
        js_free(ctx, tmp);
        return 0;
    }
    js_typed_array_copy_elements(p, off, src, 0, src_len);
    return 0;
}

/* SetTypedArrayFromArrayLike */
static int js_ta_set_from_array_like(JSContext *ctx, JSObject *p, double offset,
                                     JSValueConst source)
{
    JSValue src, v, *values;
    size_t dst_len, k = 0;
    uint32_t count;
    int64_t src_len;
    if (js_view_is_out_of_bounds(p)) {
        js_throw_detached(ctx);
        return -1;
    }
    dst_len = js_typed_array_length(p);
    src = JS_ToObject(ctx, source);
    if (JS_IsException(src))
        return -1;
    if (js_get_length64(ctx, &src_len, src))
        goto fail;
    if (offset > (double)dst_len || (double)src_len + offset > (double)dst_len) {
        JS_ThrowRangeError(ctx, "offset is out of bounds");
        goto fail;
    }
    /* numbers from a dense array convert without running any code */
    if (!js_typed_array_is_bigint(p->class_id) && js_get_fast_array(ctx, src, &values, &count) &&
        count == (uint64_t)src_len && !p->u.typed_array.read_only) {
        for (; k < count && JS_IsNumber(values[k]); k++)
            js_typed_array_write_double(p->class_id, p->u.typed_array.ptr, (size_t)offset + k,
                                        js_value_to_double(values[k]));
    }
    for (; k < (size_t)src_len; k++) {
        int ret;
        v = JS_GetPropertyInt64(ctx, src, (int64_t)k);
        if (JS_IsException(v))
            goto fail;
        ret = js_typed_array_set_element(ctx, p, offset + (double)k, v);
        JS_FreeValue(ctx, v);
        if (ret)
            goto fail;
    }
    JS_FreeValue(ctx, src);
    return 0;
fail:
    JS_FreeValue(ctx, src);
    return -1;
}

static JSValue js_ta_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSObject *p = js_ta_this(ctx, this_val);
    double offset = 0;
    int ret;
    if (!p)
        return JS_EXCEPTION;
    if (js_view_buffer(p)->immutable)
        return JS_ThrowTypeError(ctx, "TypedArray is backed by an immutable ArrayBuffer");
    if (!JS_IsUndefined(JS_TA_ARG(1))) {
        JSValue n = JS_ToNumber(ctx, argv[1]);
        if (JS_IsException(n))
            return n;
        offset = js_value_to_double(n);
        offset = isnan(offset) ? 0 : trunc(offset);
        if (offset < 0)
            return JS_ThrowRangeError(ctx, "offset must be >= 0");
    }
    if (js_is_typed_array(argv[0]))
        ret = js_ta_set_from_typed_array(ctx, p, offset, js_obj(argv[0]));
    else
        ret = js_ta_set_from_array_like(ctx, p, offset, argv[0]);
    return ret ? JS_EXCEPTION : JS_UNDEFINED;
}

/* ---------------------------------------------------------------------
 * slice, subarray
 * ------------------------------------------------------------------- */
static JSValue js_ta_slice(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, start, end, count, cur;
    JSObject *p = js_validate_typed_array(ctx, this_val, &len), *a;
    JSValue obj;
    if (!p)
        return JS_EXCEPTION;
    end = len;
    if (js_ta_relative_index(ctx, argv[0], len, &start) ||
        (!JS_IsUndefined(argv[1]) && js_ta_relative_index(ctx, argv[1], len, &end)))
        return JS_EXCEPTION;
    count = end > start ? end - start : 0;
    obj = js_typed_array_species_create_len(ctx, p, count, true);
    if (JS_IsException(obj) || count == 0)
        return obj;
    a = js_obj(obj);
    if (js_view_is_out_of_bounds(p)) {
        JS_FreeValue(ctx, obj);
        return js_throw_detached(ctx);
    }
    cur = js_typed_array_length(p);
    if (end > cur)
        end = cur;
    count = end > start ? end - start : 0;
    if (a->class_id == p->class_id) {
        /* byte by byte, ascending, as the specification copies: this only
           differs from memmove when the species array overlaps the source
           further on in the same buffer */
        int shift = js_typed_array_size_log2(p->class_id);
        uint8_t *src = p->u.typed_array.ptr + (start << shift), *dst = a->u.typed_array.ptr;
        size_t bytes = count << shift, limit = js_typed_array_length(a) << shift;
        if (bytes > limit)
            bytes = limit;
        if (dst > src && dst < src + bytes) {
            for (size_t i = 0; i < bytes; i++)
                dst[i] = src[i];
        } else if (bytes) {
            memmove(dst, src, bytes);
        }
        return obj;
    }
    for (size_t n = 0; n < count; n++) {
        JSValue v = js_typed_array_get_element(ctx, p, (double)(start + n));
        if (JS_IsException(v) || JS_SetPropertyInt64(ctx, obj, (int64_t)n, v) < 0) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
    }
    return obj;
}

static JSValue js_ta_subarray(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    JSObject *p = js_ta_this(ctx, this_val);
    JSTypedArray *ta;
    size_t len, start, end;
    JSValue args[3];
    int shift;
    if (!p)
        return JS_EXCEPTION;
    ta = p->u.typed_array.ta;
    len = js_view_is_out_of_bounds(p) ? 0 : js_typed_array_length(p);
    end = len;
    if (js_ta_relative_index(ctx, argv[0], len, &start))
        return JS_EXCEPTION;
    shift = js_typed_array_size_log2(p->class_id);
    args[0] = js_obj_value(ta->buffer);
    args[1] = JS_NewInt64(ctx, (int64_t)(ta->byte_offset + (start << shift)));
    if (ta->track_rab && JS_IsUndefined(argv[1]))
        return js_typed_array_species_create(ctx, p, 2, args, false, 0, false);
    if (!JS_IsUndefined(argv[1]) && js_ta_relative_index(ctx, argv[1], len, &end))
        return JS_EXCEPTION;
    args[2] = JS_NewInt64(ctx, (int64_t)(end > start ? end - start : 0));
    return js_typed_array_species_create(ctx, p, 3, args, false, 0, false);
}

/* ---------------------------------------------------------------------
 * sort, toSorted
 * ------------------------------------------------------------------- */
#define JS_TA_CMP_INT(name, type)                                   \
    static int name(const void *a, const void *b)                   \
    {                                                               \
        type x, y;                                                  \
        memcpy(&x, a, sizeof(x));                                   \
        memcpy(&y, b, sizeof(y));                                   \
        return (x > y) - (x < y);                                   \
    }
JS_TA_CMP_INT(js_ta_cmp_i8, int8_t)
JS_TA_CMP_INT(js_ta_cmp_u8, uint8_t)
JS_TA_CMP_INT(js_ta_cmp_i16, int16_t)
JS_TA_CMP_INT(js_ta_cmp_u16, uint16_t)
JS_TA_CMP_INT(js_ta_cmp_i32, int32_t)
JS_TA_CMP_INT(js_ta_cmp_u32, uint32_t)
JS_TA_CMP_INT(js_ta_cmp_i64, int64_t)
JS_TA_CMP_INT(js_ta_cmp_u64, uint64_t)

/* the default order of numbers: -0 before +0, NaN last */
static int js_ta_cmp_double(double x, double y)
{
    if (isnan(x))
        return isnan(y) ? 0 : 1;
    if (isnan(y))
        return -1;
    if (x != y)
        return x < y ? -1 : 1;
    if (x == 0)
        return (int)!!signbit(y) - (int)!!signbit(x);
    return 0;
}

static int js_ta_cmp_f16(const void *a, const void *b)
{
    uint16_t x, y;
    memcpy(&x, a, sizeof(x));
    memcpy(&y, b, sizeof(y));
    return js_ta_cmp_double(js_float16_to_float64(x), js_float16_to_float64(y));
}

static int js_ta_cmp_f32(const void *a, const void *b)
{
    float x, y;
    memcpy(&x, a, sizeof(x));
    memcpy(&y, b, sizeof(y));
    return js_ta_cmp_double(x, y);
}

static int js_ta_cmp_f64(const void *a, const void *b)
{
    double x, y;
    memcpy(&x, a, sizeof(x));
    memcpy(&y, b, sizeof(y));
    return js_ta_cmp_double(x, y);
}

/* by class id, from JS_CLASS_UINT8C_ARRAY */
static int (*const js_ta_cmp_funcs[])(const void *, const void *) = {
    js_ta_cmp_u8,  js_ta_cmp_i8,  js_ta_cmp_u8,  js_ta_cmp_i16, js_ta_cmp_u16, js_ta_cmp_i32,
    js_ta_cmp_u32, js_ta_cmp_i64, js_ta_cmp_u64, js_ta_cmp_f16, js_ta_cmp_f32, js_ta_cmp_f64,
};

/* SortCompare with a user comparator: -1 on exception, else *pres */
static int js_ta_user_compare(JSContext *ctx, JSValueConst cmp, JSValueConst x, JSValueConst y,
                              double *pres)
{
    JSValueConst args[2] = {x, y};
    JSValue r = JS_Call(ctx, cmp, JS_UNDEFINED, 2, args);
    double d;
    if (JS_IsException(r) || JS_ToFloat64Free(ctx, &d, r))
        return -1;
    *pres = isnan(d) ? 0 : d;
    return 0;
}

/* a stable merge sort of tab[0, n) with the user comparator */
static int js_ta_merge_sort(JSContext *ctx, JSValue *tab, size_t n, JSValueConst cmp)
{
    JSValue *tmp, *src = tab, *dst;
    double c;
    if (n < 2)
        return 0;
    tmp = js_malloc(ctx, sizeof(*tmp) * n);
    if (!tmp)
        return -1;
    dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (js_ta_user_compare(ctx, cmp, src[j], src[i], &c)) {
                    /* the values are all in src or dst: keep tab whole */
                    if (src != tab)
                        memcpy(tab, src, sizeof(*tab) * n);
                    js_free(ctx, tmp);
                    return -1;
                }
                dst[k++] = c < 0 ? src[j++] : src[i++];
            }
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        {
            JSValue *t = src;
            src = dst;
            dst = t;
        }
    }
    if (src != tab)
        memcpy(tab, src, sizeof(*tab) * n);
    js_free(ctx, tmp);
    return 0;
}

/* sorts the len elements of p into dst (a typed array of the same type,
   possibly p itself); with a comparator, the elements are read first and
   written back where the index is still valid */
static int js_ta_sort_into(JSContext *ctx, JSObject *p, size_t len, JSValueConst cmp,
                           JSObject *dst)
{
    int shift = js_typed_array_size_log2(p->class_id);
    JSValue *tab;
    if (len == 0)
        return 0; /* an empty array may have no data to point at */
    if (JS_IsUndefined(cmp)) {
        if (dst != p)
            memcpy(dst->u.typed_array.ptr, p->u.typed_array.ptr, len << shift);
        qsort(dst->u.typed_array.ptr, len, (size_t)1 << shift,
              js_ta_cmp_funcs[p->class_id - JS_CLASS_UINT8C_ARRAY]);
        return 0;
    }
    tab = js_malloc(ctx, sizeof(*tab) * (len ? len : 1));
    if (!tab)
        return -1;
    for (size_t k = 0; k < len; k++) {
        tab[k] = js_typed_array_get_raw(ctx, p, k);
        if (JS_IsException(tab[k])) {
            js_free_value_list(ctx, tab, (uint32_t)k);
            return -1;
        }
    }
    if (js_ta_merge_sort(ctx, tab, len, cmp)) {
        js_free_value_list(ctx, tab, (uint32_t)len);
        return -1;
    }
    for (size_t k = 0; k < len; k++) {
        if (k < js_typed_array_length(dst))
            js_typed_array_store_raw(ctx, dst, k, tab[k]);
    }
    js_free_value_list(ctx, tab, (uint32_t)len);
    return 0;
}

static JSValue js_ta_sort(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    JSObject *p;
    if (!JS_IsUndefined(argv[0]) && !JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "the comparison function must be a function");
    p = js_validate_typed_array_write(ctx, this_val, &len);
    if (!p)
        return JS_EXCEPTION;
    if (js_ta_sort_into(ctx, p, len, argv[0], p))
        return JS_EXCEPTION;
    return JS_DupValue(ctx, this_val);
}

static JSValue js_ta_to_sorted(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv)
{
    size_t len;
    JSObject *p;
    JSValue obj;
    if (!JS_IsUndefined(argv[0]) && !JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "the comparison function must be a function");
    p = js_validate_typed_array(ctx, this_val, &len);
    if (!p)
        return JS_EXCEPTION;
    obj = js_typed_array_new_len(ctx, p->class_id, len);
    if (JS_IsException(obj))
        return obj;
    if (js_ta_sort_into(ctx, p, len, argv[0], js_obj(obj))) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* ---------------------------------------------------------------------
 * The table (toString is Array.prototype.toString, added at init)
 * ------------------------------------------------------------------- */
const JSCFunctionListEntry js_typed_array_proto_funcs[] = {
    JS_CGETSET_DEF("buffer", js_ta_get_buffer, NULL),
    JS_CGETSET_DEF("byteLength", js_ta_get_byte_length, NULL),
    JS_CGETSET_DEF("byteOffset", js_ta_get_byte_offset, NULL),
    JS_CGETSET_DEF("length", js_ta_get_length, NULL),
    JS_CGETSET_DEF("[Symbol.toStringTag]", js_ta_get_to_string_tag, NULL),
    JS_CFUNC_DEF("at", 1, js_ta_at),
    JS_CFUNC_DEF("copyWithin", 2, js_ta_copy_within),
    JS_CFUNC_MAGIC_DEF("entries", 0, js_ta_iterator, 2),
    JS_CFUNC_MAGIC_DEF("every", 1, js_ta_iterate, JS_TA_EVERY),
    JS_CFUNC_DEF("fill", 1, js_ta_fill),
    JS_CFUNC_DEF("filter", 1, js_ta_filter),
    JS_CFUNC_MAGIC_DEF("find", 1, js_ta_iterate, JS_TA_FIND),
    JS_CFUNC_MAGIC_DEF("findIndex", 1, js_ta_iterate, JS_TA_FIND_INDEX),
    JS_CFUNC_MAGIC_DEF("findLast", 1, js_ta_iterate, JS_TA_FIND_LAST),
    JS_CFUNC_MAGIC_DEF("findLastIndex", 1, js_ta_iterate, JS_TA_FIND_LAST_INDEX),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_ta_iterate, JS_TA_FOR_EACH),
    JS_CFUNC_MAGIC_DEF("includes", 1, js_ta_search, JS_TA_INCLUDES),
    JS_CFUNC_MAGIC_DEF("indexOf", 1, js_ta_search, JS_TA_INDEX_OF),
    JS_CFUNC_DEF("join", 1, js_ta_join),
    JS_CFUNC_MAGIC_DEF("keys", 0, js_ta_iterator, 0),
    JS_CFUNC_MAGIC_DEF("lastIndexOf", 1, js_ta_search, JS_TA_LAST_INDEX_OF),
    JS_CFUNC_DEF("map", 1, js_ta_map),
    JS_CFUNC_MAGIC_DEF("reduce", 1, js_ta_reduce, 0),
    JS_CFUNC_MAGIC_DEF("reduceRight", 1, js_ta_reduce, 1),
    JS_CFUNC_DEF("reverse", 0, js_ta_reverse),
    JS_CFUNC_DEF("set", 1, js_ta_set),
    JS_CFUNC_DEF("slice", 2, js_ta_slice),
    JS_CFUNC_MAGIC_DEF("some", 1, js_ta_iterate, JS_TA_SOME),
    JS_CFUNC_DEF("sort", 1, js_ta_sort),
    JS_CFUNC_DEF("subarray", 2, js_ta_subarray),
    JS_CFUNC_DEF("toLocaleString", 0, js_ta_to_locale_string),
    JS_CFUNC_DEF("toReversed", 0, js_ta_to_reversed),
    JS_CFUNC_DEF("toSorted", 1, js_ta_to_sorted),
    JS_CFUNC_MAGIC_DEF("values", 0, js_ta_iterator, 1),
    JS_ALIAS_DEF("[Symbol.iterator]", "values"),
    JS_CFUNC_DEF("with", 2, js_ta_with),
};
const int js_typed_array_proto_funcs_count = countof(js_typed_array_proto_funcs);
