/*
 * dataview.c — DataView (ECMA-262 §25.3): the constructor, the buffer /
 * byteLength / byteOffset accessors, and get/set of every element type
 * (Int8 … BigUint64, Float16, Float32, Float64) in either byte order, on
 * fixed-length and resizable buffers.
 *
 * A DataView is a view like a typed array (typedarray.h): it shares the
 * JSTypedArray record and the cache in u.typed_array, where count is the
 * current byte length. Values may sit at any byte offset, so they are
 * moved with memcpy and swapped when the requested order is not the
 * host's. The element type of each method is given by its magic, a typed
 * array class id.
 */
#include "builtins.h"
#include "typedarray.h"
#include "../bigint.h"
#include "../conv.h"
#include "../error.h"
#include "../object.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define JS_HOST_LITTLE_ENDIAN 0
#else
#define JS_HOST_LITTLE_ENDIAN 1
#endif

static JSObject *js_dataview_this(JSContext *ctx, JSValueConst this_val)
{
    if (!JS_IsObject(this_val) || js_obj(this_val)->class_id != JS_CLASS_DATAVIEW) {
        JS_ThrowTypeError(ctx, "not a DataView");
        return NULL;
    }
    return js_obj(this_val);
}

/* GetViewByteLength of a view known to be in bounds */
static size_t js_dataview_length(JSObject *p)
{
    JSArrayBuffer *abuf = js_view_buffer(p);
    if (abuf->shared && abuf->resizable)
        js_view_refresh(p);
    return p->u.typed_array.count;
}

/* DataView(buffer, byteOffset, byteLength) */
static JSValue js_dataview_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                       JSValueConst *argv)
{
    JSValueConst buffer = argv[0], length = argc > 2 ? argv[2] : JS_UNDEFINED;
    JSArrayBuffer *abuf;
    uint64_t offset, view_len = 0;
    size_t buf_len;
    bool track;
    JSValue obj;
    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Constructor requires 'new'");
    abuf = js_get_array_buffer(ctx, buffer);
    if (!abuf || JS_ToIndex(ctx, &offset, argc > 1 ? argv[1] : JS_UNDEFINED))
        return JS_EXCEPTION;
    if (abuf->detached)
        return js_throw_detached(ctx);
    buf_len = js_array_buffer_length(abuf);
    if (offset > buf_len)
        return JS_ThrowRangeError(ctx, "start offset is outside the buffer");
    track = JS_IsUndefined(length) && abuf->resizable;
    if (JS_IsUndefined(length)) {
        view_len = buf_len - offset;
    } else {
        if (JS_ToIndex(ctx, &view_len, length))
            return JS_EXCEPTION;
        if (offset + view_len > buf_len)
            return JS_ThrowRangeError(ctx, "invalid DataView length");
    }
    obj = js_create_from_ctor(ctx, new_target, JS_CLASS_DATAVIEW);
    if (JS_IsException(obj))
        return obj;
    /* getting the prototype ran user code: check the buffer again */
    if (abuf->detached) {
        JS_FreeValue(ctx, obj);
        return js_throw_detached(ctx);
    }
    buf_len = js_array_buffer_length(abuf);
    if (offset > buf_len || (!JS_IsUndefined(length) && offset + view_len > buf_len)) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowRangeError(ctx, "invalid DataView length");
    }
    if (js_view_attach(ctx, obj, buffer, offset, view_len, track)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* ---------------------------------------------------------------------
 * Accessors
 * ------------------------------------------------------------------- */
static JSValue js_dataview_get_buffer(JSContext *ctx, JSValueConst this_val)
{
    JSObject *p = js_dataview_this(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    return js_dup_obj(p->u.typed_array.ta->buffer);
}

/* byteLength (magic 0) and byteOffset (1): TypeError out of bounds */
static JSValue js_dataview_get_extent(JSContext *ctx, JSValueConst this_val, int magic)
{
    JSObject *p = js_dataview_this(ctx, this_val);
    if (!p)
        return JS_EXCEPTION;
    if (js_view_is_out_of_bounds(p)) {
        if (js_view_buffer(p)->detached)
            return js_throw_detached(ctx);
        return JS_ThrowTypeError(ctx, "DataView is out of bounds");
    }
    if (magic)
        return JS_NewInt64(ctx, (int64_t)p->u.typed_array.ta->byte_offset);
    return JS_NewInt64(ctx, (int64_t)js_dataview_length(p));
}

/* ---------------------------------------------------------------------
 * get / set
 * ------------------------------------------------------------------- */
static void js_dataview_swap(uint8_t *b, int n)
{
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        uint8_t t = b[i];
        b[i] = b[j];
        b[j] = t;
    }
}

/* the bytes of the element at getIndex, after the view's checks: the
   address, or NULL with an exception */
static uint8_t *js_dataview_locate(JSContext *ctx, JSObject *p, uint64_t idx, int size)
{
    size_t len;
    if (js_view_is_out_of_bounds(p)) {
        if (js_view_buffer(p)->detached)
            js_throw_detached(ctx);
        else
            JS_ThrowTypeError(ctx, "DataView is out of bounds");
        return NULL;
    }
    len = js_dataview_length(p);
    if (idx + size > len) {
        JS_ThrowRangeError(ctx, "offset is outside the bounds of the DataView");
        return NULL;
    }
    return p->u.typed_array.ptr + idx;
}

/* GetViewValue: magic is the element type as a typed array class id */
static JSValue js_dataview_get_value(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv, int class_id)
{
    JSObject *p = js_dataview_this(ctx, this_val);
    int size = 1 << js_typed_array_size_log2(class_id), little;
    uint8_t bytes[8], *ptr;
    uint64_t idx;
    if (!p || JS_ToIndex(ctx, &idx, argv[0]))
        return JS_EXCEPTION;
    little = JS_ToBool(ctx, argc > 1 ? argv[1] : JS_UNDEFINED);
    ptr = js_dataview_locate(ctx, p, idx, size);
    if (!ptr)
        return JS_EXCEPTION;
    memcpy(bytes, ptr, size);
    if (little != JS_HOST_LITTLE_ENDIAN)
        js_dataview_swap(bytes, size);
    switch (class_id) {
    case JS_CLASS_BIG_INT64_ARRAY: {
        int64_t v;
        memcpy(&v, bytes, 8);
        return JS_NewBigInt64(ctx, v);
    }
    case JS_CLASS_BIG_UINT64_ARRAY: {
        uint64_t v;
        memcpy(&v, bytes, 8);
        return JS_NewBigUint64(ctx, v);
    }
    default:
        return JS_NewNumber(ctx, js_typed_array_read_double(class_id, bytes, 0));
    }
}

/* SetViewValue */
static JSValue js_dataview_set_value(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv, int class_id)
{
    JSObject *p = js_dataview_this(ctx, this_val);
    int size = 1 << js_typed_array_size_log2(class_id), little;
    uint8_t bytes[8], *ptr;
    uint64_t idx;
    JSValue num;
    if (!p)
        return JS_EXCEPTION;
    if (js_view_buffer(p)->immutable)
        return JS_ThrowTypeError(ctx, "DataView is backed by an immutable ArrayBuffer");
    if (JS_ToIndex(ctx, &idx, argv[0]) || js_typed_array_convert(ctx, class_id, argv[1], &num))
        return JS_EXCEPTION;
    little = JS_ToBool(ctx, argc > 2 ? argv[2] : JS_UNDEFINED);
    if (js_typed_array_is_bigint(class_id)) {
        int64_t v = 0;
        js_bigint_to_int64(ctx, &v, num);
        memcpy(bytes, &v, 8);
    } else {
        js_typed_array_write_double(class_id, bytes, 0, js_value_to_double(num));
    }
    JS_FreeValue(ctx, num);
    ptr = js_dataview_locate(ctx, p, idx, size);
    if (!ptr)
        return JS_EXCEPTION;
    if (little != JS_HOST_LITTLE_ENDIAN)
        js_dataview_swap(bytes, size);
    memcpy(ptr, bytes, size);
    return JS_UNDEFINED;
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
#define JS_DV_GET(name, id) JS_CFUNC_MAGIC_DEF("get" name, 1, js_dataview_get_value, JS_CLASS_##id)
#define JS_DV_SET(name, id) JS_CFUNC_MAGIC_DEF("set" name, 2, js_dataview_set_value, JS_CLASS_##id)

static const JSCFunctionListEntry js_dataview_proto_funcs[] = {
    JS_CGETSET_DEF("buffer", js_dataview_get_buffer, NULL),
    JS_CGETSET_MAGIC_DEF("byteLength", js_dataview_get_extent, NULL, 0),
    JS_CGETSET_MAGIC_DEF("byteOffset", js_dataview_get_extent, NULL, 1),
    JS_DV_GET("Int8", INT8_ARRAY),
    JS_DV_GET("Uint8", UINT8_ARRAY),
    JS_DV_GET("Int16", INT16_ARRAY),
    JS_DV_GET("Uint16", UINT16_ARRAY),
    JS_DV_GET("Int32", INT32_ARRAY),
    JS_DV_GET("Uint32", UINT32_ARRAY),
    JS_DV_GET("Float16", FLOAT16_ARRAY),
    JS_DV_GET("Float32", FLOAT32_ARRAY),
    JS_DV_GET("Float64", FLOAT64_ARRAY),
    JS_DV_GET("BigInt64", BIG_INT64_ARRAY),
    JS_DV_GET("BigUint64", BIG_UINT64_ARRAY),
    JS_DV_SET("Int8", INT8_ARRAY),
    JS_DV_SET("Uint8", UINT8_ARRAY),
    JS_DV_SET("Int16", INT16_ARRAY),
    JS_DV_SET("Uint16", UINT16_ARRAY),
    JS_DV_SET("Int32", INT32_ARRAY),
    JS_DV_SET("Uint32", UINT32_ARRAY),
    JS_DV_SET("Float16", FLOAT16_ARRAY),
    JS_DV_SET("Float32", FLOAT32_ARRAY),
    JS_DV_SET("Float64", FLOAT64_ARRAY),
    JS_DV_SET("BigInt64", BIG_INT64_ARRAY),
    JS_DV_SET("BigUint64", BIG_UINT64_ARRAY),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "DataView", JS_PROP_CONFIGURABLE),
};

int js_init_dataview(JSContext *ctx)
{
    JSValue proto, ctor;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[JS_CLASS_DATAVIEW] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_dataview_proto_funcs,
                                   countof(js_dataview_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_DataView,
                                 (JSCFunction *)(void *)js_dataview_constructor, 1,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    ctx->binary_ctor[JS_CLASS_DATAVIEW - JS_CLASS_ARRAY_BUFFER] = ctor;
    return 0;
}
