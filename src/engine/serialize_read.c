/*
 * serialize_read.c — the reader of the value serialization format
 * (serialize.h, docs/SERIALIZATION.md): JS_ReadObject and
 * JS_ReadObjectTransfer.
 *
 * The input is untrusted. Every read is bounds-checked against the end of
 * the input; every declared length or count is compared with the bytes
 * left before anything is allocated for it (each element takes at least
 * one byte, so nothing can ask for more memory than a small multiple of
 * the input); references must point at objects already complete or being
 * filled, keys at keys already read, transfer indexes into the table; the
 * C stack is checked at every object. Anything else is a SyntaxError
 * "invalid serialized data: ...", and everything built so far is freed.
 *
 * Reading runs no user code: objects are filled with [[DefineOwnProperty]]
 * on fresh objects, Map and Set entries are added internally, and the
 * only key that could make a definition convert a value (an array's
 * "length") is refused.
 *
 * SharedArrayBuffer records hold a raw block pointer: they are accepted
 * only with JS_READ_OBJ_SAB, which says the bytes come from JS_WriteObject2
 * in this process (the host passes them from thread to thread and keeps
 * the blocks alive meanwhile).
 */
#include <math.h>

#include "serialize.h"
#include "atom.h"
#include "bigint.h"
#include "builtins/builtins.h"
#include "builtins/regexp.h"
#include "builtins/typedarray.h"
#include "error.h"
#include "fast_array.h"
#include "object.h"
#include "runtime.h"
#include "str.h"

typedef struct JSReadState {
    JSContext *ctx;
    const uint8_t *ptr, *end;
    bool allow_ref;
    bool allow_sab;
    /* objects by number: held references; JS_UNINITIALIZED while an
       object is started but not yet created (a view waiting for its
       buffer) */
    JSValue *objs;
    uint32_t objs_count, objs_size;
    /* keys by number (held atoms) */
    JSAtom *keys;
    uint32_t keys_count, keys_size;
    /* the transfer table and the buffers made from it */
    JSTransferredBuffer *transfer_tab;
    size_t transfer_len;
    JSValue *transfer_objs;
} JSReadState;

static JSValue js_read_value(JSReadState *s);

static int js_r_invalid(JSReadState *s, const char *what)
{
    JS_ThrowSyntaxError(s->ctx, "invalid serialized data: %s", what);
    return -1;
}

static size_t js_r_left(JSReadState *s)
{
    return (size_t)(s->end - s->ptr);
}

/* ---------------------------------------------------------------------
 * Scalars
 * ------------------------------------------------------------------- */
static int js_r_u8(JSReadState *s, uint8_t *pv)
{
    if (s->ptr >= s->end)
        return js_r_invalid(s, "truncated input");
    *pv = *s->ptr++;
    return 0;
}

static int js_r_leb(JSReadState *s, uint64_t *pv)
{
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        uint8_t b;
        if (js_r_u8(s, &b))
            return -1;
        /* the tenth byte may only hold the top bit */
        if (shift == 63 && b > 1)
            return js_r_invalid(s, "integer out of range");
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    *pv = v;
    return 0;
}

/* an unsigned integer no larger than max */
static int js_r_uint(JSReadState *s, uint64_t *pv, uint64_t max)
{
    if (js_r_leb(s, pv))
        return -1;
    if (*pv > max)
        return js_r_invalid(s, "integer out of range");
    return 0;
}

/* a count of items that each take at least min_bytes of the input */
static int js_r_count(JSReadState *s, uint32_t *pv, size_t min_bytes)
{
    uint64_t v;
    if (js_r_uint(s, &v, UINT32_MAX))
        return -1;
    if (v > js_r_left(s) / min_bytes)
        return js_r_invalid(s, "length beyond the end of the input");
    *pv = (uint32_t)v;
    return 0;
}

static int js_r_int32(JSReadState *s, int32_t *pv)
{
    uint64_t v;
    if (js_r_uint(s, &v, UINT32_MAX))
        return -1;
    *pv = (int32_t)((uint32_t)(v >> 1) ^ -(uint32_t)(v & 1));
    return 0;
}

static int js_r_f64(JSReadState *s, double *pd)
{
    uint64_t u;
    if (js_r_left(s) < 8)
        return js_r_invalid(s, "truncated input");
    u = js_ser_get_u64(s->ptr);
    s->ptr += 8;
    memcpy(pd, &u, sizeof(*pd));
    return 0;
}

/* ---------------------------------------------------------------------
 * Primitives
 * ------------------------------------------------------------------- */
static JSValue js_read_string_payload(JSReadState *s, int tag)
{
    int wide = tag == JS_SER_TAG_STRING16;
    uint32_t len;
    bool latin1 = true;
    JSString *p;
    if (js_r_count(s, &len, wide ? 2 : 1))
        return JS_EXCEPTION;
    if (len == 0)
        return JS_AtomToString(s->ctx, JS_ATOM_empty_string);
    if (!wide) {
        JSValue v = js_new_string8_len(s->ctx, (const char *)s->ptr, len);
        s->ptr += len;
        return v;
    }
    /* the engine keeps a string Latin-1 whenever it can */
    for (uint32_t i = 0; i < len && latin1; i++)
        latin1 = s->ptr[2 * i + 1] == 0;
    p = js_alloc_string(s->ctx, len, !latin1);
    if (!p)
        return JS_EXCEPTION;
    for (uint32_t i = 0; i < len; i++) {
        uint16_t c = s->ptr[2 * i] | s->ptr[2 * i + 1] << 8;
        if (latin1)
            p->u.str8[i] = (uint8_t)c;
        else
            p->u.str16[i] = c;
    }
    if (latin1)
        p->u.str8[len] = '\0';
    s->ptr += 2 * (size_t)len;
    return js_string_value(p);
}

/* a value that must be a string */
static JSValue js_read_string(JSReadState *s)
{
    uint8_t tag;
    if (js_r_u8(s, &tag))
        return JS_EXCEPTION;
    if (tag != JS_SER_TAG_STRING8 && tag != JS_SER_TAG_STRING16) {
        js_r_invalid(s, "string expected");
        return JS_EXCEPTION;
    }
    return js_read_string_payload(s, tag);
}

static JSValue js_read_bigint_payload(JSReadState *s)
{
    uint64_t v;
    uint32_t len;
    JSValue r;
    if (js_r_uint(s, &v, UINT32_MAX))
        return JS_EXCEPTION;
    len = (uint32_t)(v >> 1);
    if (len > js_r_left(s) / 4) {
        js_r_invalid(s, "length beyond the end of the input");
        return JS_EXCEPTION;
    }
    r = js_bigint_from_limb_bytes(s->ctx, s->ptr, len, v & 1);
    s->ptr += 4 * (size_t)len;
    return r;
}

/* a value that must be a BigInt */
static JSValue js_read_bigint(JSReadState *s)
{
    uint8_t tag;
    if (js_r_u8(s, &tag))
        return JS_EXCEPTION;
    if (tag != JS_SER_TAG_BIGINT) {
        js_r_invalid(s, "BigInt expected");
        return JS_EXCEPTION;
    }
    return js_read_bigint_payload(s);
}

/* ---------------------------------------------------------------------
 * Object numbers and keys
 * ------------------------------------------------------------------- */
static int js_r_start_object(JSReadState *s, uint32_t *pindex)
{
    if (s->objs_count == s->objs_size) {
        uint32_t size = s->objs_size ? s->objs_size * 2 : 16;
        JSValue *tab = js_realloc(s->ctx, s->objs, sizeof(JSValue) * size);
        if (!tab)
            return -1;
        s->objs = tab;
        s->objs_size = size;
    }
    *pindex = s->objs_count;
    s->objs[s->objs_count++] = JS_UNINITIALIZED;
    return 0;
}

/* the object numbered index now exists (borrowed) */
static void js_r_set_object(JSReadState *s, uint32_t index, JSValueConst obj)
{
    if (JS_IsUninitialized(s->objs[index]))
        s->objs[index] = JS_DupValue(s->ctx, obj);
}

static JSValue js_read_object_ref(JSReadState *s)
{
    uint64_t index;
    if (!s->allow_ref) {
        js_r_invalid(s, "object reference without JS_READ_OBJ_REFERENCE");
        return JS_EXCEPTION;
    }
    if (js_r_leb(s, &index))
        return JS_EXCEPTION;
    if (index >= s->objs_count || JS_IsUninitialized(s->objs[index])) {
        js_r_invalid(s, "reference to an object not yet read");
        return JS_EXCEPTION;
    }
    return JS_DupValue(s->ctx, s->objs[index]);
}

/* a property key into *patom: JS_ATOM_NULL at the end of the list; the
   atom is borrowed from the key table, or a tagged integer */
static int js_read_key(JSReadState *s, JSAtom *patom)
{
    uint8_t tag;
    uint64_t index;
    int32_t i;
    JSValue str;
    JSAtom atom;
    if (js_r_u8(s, &tag))
        return -1;
    switch (tag) {
    case JS_SER_TAG_END:
        *patom = JS_ATOM_NULL;
        return 0;
    case JS_SER_TAG_INT32:
        if (js_r_int32(s, &i))
            return -1;
        if (i < 0)
            return js_r_invalid(s, "negative property index");
        *patom = js_atom_from_uint32(i);
        return 0;
    case JS_SER_TAG_KEY_REF:
        if (js_r_leb(s, &index))
            return -1;
        if (index >= s->keys_count)
            return js_r_invalid(s, "reference to a key not yet read");
        *patom = s->keys[index];
        return 0;
    case JS_SER_TAG_STRING8:
    case JS_SER_TAG_STRING16:
        break;
    default:
        return js_r_invalid(s, "property key expected");
    }
    if (s->keys_count == s->keys_size) {
        uint32_t size = s->keys_size ? s->keys_size * 2 : 16;
        JSAtom *tab = js_realloc(s->ctx, s->keys, sizeof(JSAtom) * size);
        if (!tab)
            return -1;
        s->keys = tab;
        s->keys_size = size;
    }
    str = js_read_string_payload(s, tag);
    if (JS_IsException(str))
        return -1;
    atom = js_new_atom_str(s->ctx, JS_VALUE_GET_STRING(str));
    if (atom == JS_ATOM_NULL)
        return -1;
    s->keys[s->keys_count++] = atom;
    *patom = atom;
    return 0;
}

/* key/value pairs up to JS_SER_TAG_END, defined on obj */
static int js_read_properties(JSReadState *s, JSValueConst obj, bool is_array)
{
    for (;;) {
        JSAtom atom;
        JSValue v;
        if (js_read_key(s, &atom))
            return -1;
        if (atom == JS_ATOM_NULL)
            return 0;
        /* defining an array's length could convert the value (user code) */
        if (is_array && atom == JS_ATOM_length)
            return js_r_invalid(s, "array length given as a property");
        v = js_read_value(s);
        if (JS_IsException(v))
            return -1;
        if (JS_DefinePropertyValue(s->ctx, obj, atom, v, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
            return -1;
    }
}

/* ---------------------------------------------------------------------
 * Objects with children: created first and numbered at once, so that
 * their children can refer to them (cycles)
 * ------------------------------------------------------------------- */
static JSValue js_read_plain_object(JSReadState *s, uint32_t index)
{
    JSValue obj = JS_NewObject(s->ctx);
    if (JS_IsException(obj))
        return obj;
    js_r_set_object(s, index, obj);
    if (js_read_properties(s, obj, false)) {
        JS_FreeValue(s->ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* the next element of an array's dense part at idx */
static int js_read_element(JSReadState *s, JSValueConst obj, uint32_t idx)
{
    JSObject *p = js_obj(obj);
    JSValue v;
    if (s->ptr < s->end && *s->ptr == JS_SER_TAG_HOLE) {
        s->ptr++;
        return 0;
    }
    v = js_read_value(s);
    if (JS_IsException(v))
        return -1;
    if (p->fast_array && p->u.array.count == idx && js_fast_array_can_append(s->ctx, p))
        return js_fast_array_append(s->ctx, p, v) < 0 ? -1 : 0;
    return JS_CreateDataPropertyUint32(s->ctx, obj, idx, v, JS_PROP_THROW) < 0 ? -1 : 0;
}

static JSValue js_read_array(JSReadState *s, uint32_t index)
{
    JSContext *ctx = s->ctx;
    uint64_t len;
    uint32_t dense, cur;
    JSValue obj;
    if (js_r_uint(s, &len, UINT32_MAX) || js_r_count(s, &dense, 1))
        return JS_EXCEPTION;
    if (dense > len) {
        js_r_invalid(s, "array elements beyond its length");
        return JS_EXCEPTION;
    }
    obj = JS_NewArray(ctx);
    if (JS_IsException(obj))
        return obj;
    js_r_set_object(s, index, obj);
    if (dense && js_fast_array_reserve(ctx, js_obj(obj), dense))
        goto fail;
    for (uint32_t i = 0; i < dense; i++) {
        if (js_read_element(s, obj, i))
            goto fail;
    }
    if (js_read_properties(s, obj, true))
        goto fail;
    JS_ToUint32(ctx, &cur, js_obj(obj)->prop[0].value);
    if (cur > len) {
        js_r_invalid(s, "array elements beyond its length");
        goto fail;
    }
    if (cur < len &&
        js_set_array_length(ctx, js_obj(obj), JS_NewUint32(ctx, (uint32_t)len), JS_PROP_THROW) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_read_map(JSReadState *s, uint32_t index, bool is_set)
{
    JSValue obj, key = JS_UNDEFINED, value = JS_UNDEFINED;
    uint32_t count;
    if (js_r_count(s, &count, is_set ? 1 : 2))
        return JS_EXCEPTION;
    obj = js_map_new_empty(s->ctx, is_set);
    if (JS_IsException(obj))
        return obj;
    js_r_set_object(s, index, obj);
    for (uint32_t i = 0; i < count; i++) {
        key = js_read_value(s);
        if (JS_IsException(key))
            goto fail;
        if (!is_set) {
            value = js_read_value(s);
            if (JS_IsException(value))
                goto fail;
        }
        if (js_map_put(s->ctx, obj, key, value))
            goto fail;
        JS_FreeValue(s->ctx, key);
        JS_FreeValue(s->ctx, value);
        key = value = JS_UNDEFINED;
    }
    return obj;
fail:
    JS_FreeValue(s->ctx, key);
    JS_FreeValue(s->ctx, value);
    JS_FreeValue(s->ctx, obj);
    return JS_EXCEPTION;
}

/* defines a non-enumerable error field (frees v) */
static int js_r_error_field(JSReadState *s, JSValueConst obj, JSAtom atom, JSValue v)
{
    return JS_DefinePropertyValue(s->ctx, obj, atom, v,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | JS_PROP_THROW);
}

static JSValue js_read_error(JSReadState *s, uint32_t index)
{
    JSContext *ctx = s->ctx;
    static const JSAtom field_atoms[] = {JS_ATOM_name, JS_ATOM_message, JS_ATOM_stack,
                                         JS_ATOM_cause, JS_ATOM_errors};
    uint8_t cls, fields;
    int native;
    JSValue obj;
    if (js_r_u8(s, &cls) || js_r_u8(s, &fields))
        return JS_EXCEPTION;
    if (cls >= JS_SER_ERROR_COUNT || (fields & ~JS_SER_ERROR_FIELDS)) {
        js_r_invalid(s, "bad error record");
        return JS_EXCEPTION;
    }
    native = js_ser_error_class_to_native(cls);
    obj = JS_NewObjectProtoClass(ctx,
                                 native == JS_PLAIN_ERROR ? ctx->class_proto[JS_CLASS_ERROR]
                                                          : ctx->native_error_proto[native],
                                 JS_CLASS_ERROR);
    if (JS_IsException(obj))
        return obj;
    js_r_set_object(s, index, obj);
    for (int i = 0; i < (int)countof(field_atoms); i++) {
        JSValue v;
        if (!(fields & (1 << i)))
            continue;
        /* name, message and stack are strings; cause and errors anything */
        v = i < 3 ? js_read_string(s) : js_read_value(s);
        if (JS_IsException(v))
            goto fail;
        if (field_atoms[i] == JS_ATOM_stack) {
            js_error_store_stack(ctx, obj, v);
        } else if (js_r_error_field(s, obj, field_atoms[i], v) < 0) {
            goto fail;
        }
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Leaf objects
 * ------------------------------------------------------------------- */
/* TimeClip */
static double js_r_time_clip(double t)
{
    if (!isfinite(t) || fabs(t) > 8.64e15)
        return NAN;
    return trunc(t) + 0.0; /* no -0 */
}

static JSValue js_read_date(JSReadState *s)
{
    double t;
    JSValue obj;
    if (js_r_f64(s, &t))
        return JS_EXCEPTION;
    obj = JS_NewObjectProtoClass(s->ctx, s->ctx->class_proto[JS_CLASS_DATE], JS_CLASS_DATE);
    if (!JS_IsException(obj))
        js_obj(obj)->u.object_data = JS_NewNumber(s->ctx, js_r_time_clip(t));
    return obj;
}

static JSValue js_read_regexp(JSReadState *s)
{
    JSValue source, flags, compiled, obj = JS_EXCEPTION;
    source = js_read_string(s);
    if (JS_IsException(source))
        return source;
    flags = js_read_string(s);
    if (!JS_IsException(flags)) {
        compiled = js_regexp_compile_literal(s->ctx, source, flags);
        if (!JS_IsException(compiled)) {
            obj = js_regexp_new_literal(s->ctx, source, flags, compiled);
            JS_FreeValue(s->ctx, compiled);
        }
        JS_FreeValue(s->ctx, flags);
    }
    JS_FreeValue(s->ctx, source);
    return obj;
}

/* wrapper objects: the primitive read first, then ToObject */
static JSValue js_read_wrapper(JSReadState *s, int tag)
{
    JSValue prim, obj;
    double d;
    uint8_t b;
    switch (tag) {
    case JS_SER_TAG_NUMBER_OBJECT:
        if (js_r_f64(s, &d))
            return JS_EXCEPTION;
        prim = JS_NewNumber(s->ctx, d);
        break;
    case JS_SER_TAG_BOOLEAN_OBJECT:
        if (js_r_u8(s, &b))
            return JS_EXCEPTION;
        if (b > 1) {
            js_r_invalid(s, "bad boolean");
            return JS_EXCEPTION;
        }
        prim = JS_NewBool(s->ctx, b);
        break;
    case JS_SER_TAG_STRING_OBJECT:
        prim = js_read_string(s);
        break;
    default:
        prim = js_read_bigint(s);
        break;
    }
    if (JS_IsException(prim))
        return prim;
    obj = JS_ToObject(s->ctx, prim);
    JS_FreeValue(s->ctx, prim);
    return obj;
}

/* ---------------------------------------------------------------------
 * Binary data
 * ------------------------------------------------------------------- */
static int js_r_buffer_flags(JSReadState *s, uint8_t *pflags)
{
    if (js_r_u8(s, pflags))
        return -1;
    if (*pflags & ~JS_SER_BUFFER_RESIZABLE)
        return js_r_invalid(s, "bad buffer flags");
    return 0;
}

static JSValue js_read_array_buffer(JSReadState *s)
{
    uint8_t flags;
    uint64_t len, max_len = 0;
    JSValue obj;
    if (js_r_buffer_flags(s, &flags) || js_r_uint(s, &len, js_r_left(s)))
        return JS_EXCEPTION;
    if ((flags & JS_SER_BUFFER_RESIZABLE) && js_r_leb(s, &max_len))
        return JS_EXCEPTION;
    if (len > js_r_left(s)) {
        js_r_invalid(s, "length beyond the end of the input");
        return JS_EXCEPTION;
    }
    obj = js_array_buffer_create(s->ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, len, max_len,
                                 flags & JS_SER_BUFFER_RESIZABLE);
    if (JS_IsException(obj))
        return obj;
    if (len)
        memcpy(js_array_buffer_of(js_obj(obj))->data, s->ptr, len);
    s->ptr += len;
    return obj;
}

static JSValue js_read_shared_array_buffer(JSReadState *s)
{
    uint8_t flags;
    uint64_t ptr, len, max_len = 0;
    if (!s->allow_sab) {
        js_r_invalid(s, "SharedArrayBuffer without JS_READ_OBJ_SAB");
        return JS_EXCEPTION;
    }
    if (js_r_buffer_flags(s, &flags))
        return JS_EXCEPTION;
    if (js_r_left(s) < 8) {
        js_r_invalid(s, "truncated input");
        return JS_EXCEPTION;
    }
    ptr = js_ser_get_u64(s->ptr);
    s->ptr += 8;
    if (js_r_uint(s, &len, SIZE_MAX))
        return JS_EXCEPTION;
    if ((flags & JS_SER_BUFFER_RESIZABLE) && js_r_uint(s, &max_len, SIZE_MAX))
        return JS_EXCEPTION;
    if (!ptr || ((flags & JS_SER_BUFFER_RESIZABLE) && len > max_len)) {
        js_r_invalid(s, "bad SharedArrayBuffer record");
        return JS_EXCEPTION;
    }
    if (flags & JS_SER_BUFFER_RESIZABLE)
        return js_shared_array_buffer_from_block(s->ctx, (uint8_t *)(uintptr_t)ptr, len, max_len,
                                                 true);
    return JS_NewArrayBuffer(s->ctx, (uint8_t *)(uintptr_t)ptr, len, NULL, NULL, true);
}

static JSValue js_read_transferred_buffer(JSReadState *s)
{
    JSTransferredBuffer *tb;
    uint8_t flags;
    uint64_t index, max_len = 0;
    JSValue obj;
    if (js_r_buffer_flags(s, &flags) || js_r_leb(s, &index))
        return JS_EXCEPTION;
    if ((flags & JS_SER_BUFFER_RESIZABLE) && js_r_leb(s, &max_len))
        return JS_EXCEPTION;
    if (index >= s->transfer_len) {
        js_r_invalid(s, "bad transfer index");
        return JS_EXCEPTION;
    }
    /* a buffer met twice without references is still one buffer */
    if (!JS_IsUndefined(s->transfer_objs[index]))
        return JS_DupValue(s->ctx, s->transfer_objs[index]);
    tb = &s->transfer_tab[index];
    if (!tb->data && tb->len) {
        js_r_invalid(s, "transferred buffer already taken");
        return JS_EXCEPTION;
    }
    obj =
        js_array_buffer_adopt(s->ctx, tb->data, tb->len, max_len, flags & JS_SER_BUFFER_RESIZABLE);
    if (JS_IsException(obj))
        return obj;
    /* ours now */
    tb->data = NULL;
    tb->len = 0;
    s->transfer_objs[index] = JS_DupValue(s->ctx, obj);
    return obj;
}

/* typed arrays (class_id) and DataViews: the header, then the buffer */
static JSValue js_read_view(JSReadState *s, JSClassID class_id)
{
    uint8_t flags;
    uint64_t offset, length = 0;
    size_t buf_len;
    int shift;
    JSArrayBuffer *abuf;
    JSValue buffer, obj;
    if (class_id != JS_CLASS_DATAVIEW) {
        uint8_t kind;
        if (js_r_u8(s, &kind))
            return JS_EXCEPTION;
        if (kind > JS_CLASS_FLOAT64_ARRAY - JS_CLASS_UINT8C_ARRAY) {
            js_r_invalid(s, "bad typed array kind");
            return JS_EXCEPTION;
        }
        class_id = JS_CLASS_UINT8C_ARRAY + kind;
    }
    shift = class_id == JS_CLASS_DATAVIEW ? 0 : js_typed_array_size_log2(class_id);
    if (js_r_u8(s, &flags))
        return JS_EXCEPTION;
    if (flags & ~JS_SER_VIEW_TRACKING) {
        js_r_invalid(s, "bad view flags");
        return JS_EXCEPTION;
    }
    if (js_r_leb(s, &offset) || (!(flags & JS_SER_VIEW_TRACKING) && js_r_leb(s, &length)))
        return JS_EXCEPTION;
    buffer = js_read_value(s);
    if (JS_IsException(buffer))
        return buffer;
    if (!JS_IsObject(buffer) || !js_is_array_buffer_class(js_obj(buffer)->class_id)) {
        js_r_invalid(s, "view without a buffer");
        goto fail;
    }
    abuf = js_array_buffer_of(js_obj(buffer));
    buf_len = js_array_buffer_length(abuf);
    if (abuf->detached || offset > buf_len || (offset & ((1u << shift) - 1)) ||
        ((flags & JS_SER_VIEW_TRACKING) ? !abuf->resizable
                                        : length > ((buf_len - offset) >> shift))) {
        js_r_invalid(s, "view out of its buffer's bounds");
        goto fail;
    }
    obj = js_typed_array_new_on_buffer(s->ctx, JS_UNDEFINED, class_id, buffer, offset, length,
                                       flags & JS_SER_VIEW_TRACKING);
    JS_FreeValue(s->ctx, buffer);
    return obj;
fail:
    JS_FreeValue(s->ctx, buffer);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Values
 * ------------------------------------------------------------------- */
static JSValue js_read_object(JSReadState *s, int tag)
{
    uint32_t index;
    JSValue obj;
    if (js_check_stack_overflow(s->ctx->rt, 0))
        return js_throw_stack_overflow(s->ctx);
    /* numbered where the writer numbered it: before its contents */
    if (js_r_start_object(s, &index))
        return JS_EXCEPTION;
    switch (tag) {
    case JS_SER_TAG_OBJECT:
        obj = js_read_plain_object(s, index);
        break;
    case JS_SER_TAG_ARRAY:
        obj = js_read_array(s, index);
        break;
    case JS_SER_TAG_MAP:
    case JS_SER_TAG_SET:
        obj = js_read_map(s, index, tag == JS_SER_TAG_SET);
        break;
    case JS_SER_TAG_ERROR:
        obj = js_read_error(s, index);
        break;
    case JS_SER_TAG_DATE:
        obj = js_read_date(s);
        break;
    case JS_SER_TAG_REGEXP:
        obj = js_read_regexp(s);
        break;
    case JS_SER_TAG_ARRAY_BUFFER:
        obj = js_read_array_buffer(s);
        break;
    case JS_SER_TAG_SHARED_ARRAY_BUFFER:
        obj = js_read_shared_array_buffer(s);
        break;
    case JS_SER_TAG_TRANSFERRED_BUFFER:
        obj = js_read_transferred_buffer(s);
        break;
    case JS_SER_TAG_TYPED_ARRAY:
        obj = js_read_view(s, JS_CLASS_UINT8C_ARRAY);
        break;
    case JS_SER_TAG_DATAVIEW:
        obj = js_read_view(s, JS_CLASS_DATAVIEW);
        break;
    default:
        obj = js_read_wrapper(s, tag);
        break;
    }
    if (!JS_IsException(obj))
        js_r_set_object(s, index, obj);
    return obj;
}

static JSValue js_read_value(JSReadState *s)
{
    uint8_t tag;
    int32_t i;
    double d;
    if (js_r_u8(s, &tag))
        return JS_EXCEPTION;
    switch (tag) {
    case JS_SER_TAG_UNDEFINED:
        return JS_UNDEFINED;
    case JS_SER_TAG_NULL:
        return JS_NULL;
    case JS_SER_TAG_FALSE:
        return JS_FALSE;
    case JS_SER_TAG_TRUE:
        return JS_TRUE;
    case JS_SER_TAG_INT32:
        if (js_r_int32(s, &i))
            return JS_EXCEPTION;
        return JS_NewInt32(s->ctx, i);
    case JS_SER_TAG_FLOAT64:
        if (js_r_f64(s, &d))
            return JS_EXCEPTION;
        return JS_NewNumber(s->ctx, d);
    case JS_SER_TAG_STRING8:
    case JS_SER_TAG_STRING16:
        return js_read_string_payload(s, tag);
    case JS_SER_TAG_BIGINT:
        return js_read_bigint_payload(s);
    case JS_SER_TAG_OBJECT_REF:
        return js_read_object_ref(s);
    default:
        if (tag >= JS_SER_TAG_OBJECT && tag < JS_SER_TAG_COUNT)
            return js_read_object(s, tag);
        js_r_invalid(s, "unknown tag");
        return JS_EXCEPTION;
    }
}

/* ---------------------------------------------------------------------
 * API
 * ------------------------------------------------------------------- */
static void js_r_free_state(JSReadState *s)
{
    for (uint32_t i = 0; i < s->objs_count; i++)
        JS_FreeValue(s->ctx, s->objs[i]);
    js_free(s->ctx, s->objs);
    for (uint32_t i = 0; i < s->keys_count; i++)
        JS_FreeAtom(s->ctx, s->keys[i]);
    js_free(s->ctx, s->keys);
    for (size_t i = 0; i < s->transfer_len && s->transfer_objs; i++)
        JS_FreeValue(s->ctx, s->transfer_objs[i]);
    js_free(s->ctx, s->transfer_objs);
}

JSValue JS_ReadObjectTransfer(JSContext *ctx, const uint8_t *buf, size_t buf_len, int flags,
                              JSTransferredBuffer *transfer_tab, size_t transfer_len)
{
    JSReadState rs = {0}, *s = &rs;
    JSValue v = JS_EXCEPTION;
    uint8_t version;
    s->ctx = ctx;
    s->ptr = buf;
    s->end = buf + buf_len;
    s->allow_ref = (flags & JS_READ_OBJ_REFERENCE) != 0;
    s->allow_sab = (flags & JS_READ_OBJ_SAB) != 0;
    s->transfer_tab = transfer_tab;
    s->transfer_len = transfer_tab ? transfer_len : 0;
    if (s->transfer_len) {
        s->transfer_objs = js_malloc(ctx, sizeof(JSValue) * s->transfer_len);
        if (!s->transfer_objs)
            goto done;
        for (size_t i = 0; i < s->transfer_len; i++)
            s->transfer_objs[i] = JS_UNDEFINED;
    }
    if (js_r_u8(s, &version))
        goto done;
    if (version != JS_SER_VERSION) {
        JS_ThrowSyntaxError(ctx, "invalid serialized data: unsupported version %d", version);
        goto done;
    }
    v = js_read_value(s);
    if (!JS_IsException(v) && s->ptr != s->end) {
        JS_FreeValue(ctx, v);
        v = JS_EXCEPTION;
        js_r_invalid(s, "trailing bytes");
    }
done:
    js_r_free_state(s);
    return v;
}

JSValue JS_ReadObject(JSContext *ctx, const uint8_t *buf, size_t buf_len, int flags)
{
    return JS_ReadObjectTransfer(ctx, buf, buf_len, flags, NULL, 0);
}
