/*
 * serialize_write.c — the writer of the value serialization format
 * (serialize.h, docs/SERIALIZATION.md): JS_WriteObject, JS_WriteObject2 and
 * JS_WriteObjectTransfer, with the semantics of the HTML structured clone.
 *
 * The writer walks the value depth first, with the C stack checked at
 * every object (deep nesting is a RangeError, never a crash). Each object
 * it starts is entered in a hash table (holding a reference, so that user
 * code run by a getter cannot free it and let another object take its
 * address); with JS_WRITE_OBJ_REFERENCE a second meeting writes a
 * reference to the first, without it a second meeting on the path being
 * written is a cycle (TypeError) and elsewhere a fresh copy.
 *
 * Getters run, as in structured clone, so user code may change what is
 * being written: an object's keys are taken before its values are read,
 * a key deleted meanwhile is skipped, and every raw pointer into an
 * object (fast array elements, map records) is re-read after any value
 * is written instead of being kept across it.
 */
#include "serialize.h"
#include "atom.h"
#include "bigint.h"
#include "builtins/builtins.h"
#include "builtins/regexp.h"
#include "builtins/typedarray.h"
#include "conv.h"
#include "error.h"
#include "object.h"
#include "runtime.h"
#include "str.h"

typedef struct JSWriteObjEntry {
    JSObject *obj; /* a reference; NULL for a free slot */
    uint32_t index;
    bool active; /* being written (on the current path) */
} JSWriteObjEntry;

typedef struct JSWriteKeyEntry {
    JSAtom atom; /* a reference; JS_ATOM_NULL for a free slot */
    uint32_t index;
} JSWriteKeyEntry;

typedef struct JSWriteState {
    JSContext *ctx;
    uint8_t *buf;
    size_t len, size;
    bool error; /* an exception is pending: everything stops */
    bool allow_ref;
    bool allow_sab;
    /* objects met (open addressing, power-of-two size) */
    JSWriteObjEntry *objs;
    uint32_t objs_size, objs_count;
    /* property keys written (open addressing) */
    JSWriteKeyEntry *keys;
    uint32_t keys_size, keys_count;
    /* SharedArrayBuffer blocks met, each once */
    uint8_t **sab_tab;
    size_t sab_count, sab_size;
    /* the transfer list (references) */
    JSValue *transfer;
    uint32_t transfer_count;
} JSWriteState;

static int js_write_value(JSWriteState *s, JSValueConst v);

/* ---------------------------------------------------------------------
 * Output buffer. A failed allocation throws once and sets s->error; the
 * put functions then do nothing, and callers check s->error.
 * ------------------------------------------------------------------- */
static int js_w_fail(JSWriteState *s)
{
    s->error = true;
    return -1;
}

static bool js_w_reserve(JSWriteState *s, size_t n)
{
    size_t size;
    uint8_t *nb;
    if (s->error)
        return false;
    if (s->len + n <= s->size)
        return true;
    if (n > SIZE_MAX / 2 - s->len) {
        JS_ThrowOutOfMemory(s->ctx);
        js_w_fail(s);
        return false;
    }
    /* powers of two: measured faster than exact sizes for large
       ArrayBuffers, whose blocks glibc would otherwise map and unmap at
       every message */
    size = s->size ? s->size : 64;
    while (size < s->len + n)
        size *= 2;
    nb = js_realloc(s->ctx, s->buf, size);
    if (!nb) {
        js_w_fail(s);
        return false;
    }
    s->buf = nb;
    s->size = size;
    return true;
}

static void js_w_u8(JSWriteState *s, uint8_t b)
{
    if (js_w_reserve(s, 1))
        s->buf[s->len++] = b;
}

static void js_w_bytes(JSWriteState *s, const uint8_t *p, size_t n)
{
    if (n && js_w_reserve(s, n)) {
        memcpy(s->buf + s->len, p, n);
        s->len += n;
    }
}

static void js_w_leb(JSWriteState *s, uint64_t v)
{
    if (!js_w_reserve(s, 10))
        return;
    while (v >= 0x80) {
        s->buf[s->len++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    s->buf[s->len++] = (uint8_t)v;
}

static void js_w_sleb(JSWriteState *s, int32_t v)
{
    /* zigzag: small magnitudes of either sign take few bytes */
    js_w_leb(s, ((uint32_t)v << 1) ^ (uint32_t)(v >> 31));
}

static void js_w_f64(JSWriteState *s, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof(u));
    if (js_w_reserve(s, 8)) {
        js_ser_put_u64(s->buf + s->len, u);
        s->len += 8;
    }
}

/* ---------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------- */
static int js_w_throw(JSWriteState *s, const char *what)
{
    JS_ThrowTypeError(s->ctx, "%s could not be cloned", what);
    return js_w_fail(s);
}

/* an object that structured clone refuses */
static int js_w_throw_class(JSWriteState *s, JSObject *p)
{
    JSRuntime *rt = s->ctx->rt;
    char buf[64];
    switch (p->class_id) {
    case JS_CLASS_C_FUNCTION:
    case JS_CLASS_BYTECODE_FUNCTION:
    case JS_CLASS_BOUND_FUNCTION:
    case JS_CLASS_C_FUNCTION_DATA:
        return js_w_throw(s, "function");
    case JS_CLASS_SYMBOL:
        return js_w_throw(s, "Symbol object");
    case JS_CLASS_MODULE_NS:
        return js_w_throw(s, "module namespace object");
    default:
        if (JS_IsFunction(s->ctx, js_obj_value(p)) && p->class_id != JS_CLASS_PROXY)
            return js_w_throw(s, "function");
        return js_w_throw(
            s, js_atom_get_cstr(rt, buf, sizeof(buf), rt->class_array[p->class_id].class_name));
    }
}

/* ---------------------------------------------------------------------
 * Primitives
 * ------------------------------------------------------------------- */
static void js_write_string(JSWriteState *s, const JSString *p)
{
    if (p->is_wide_char) {
        js_w_u8(s, JS_SER_TAG_STRING16);
        js_w_leb(s, p->len);
        if (!js_w_reserve(s, (size_t)p->len * 2))
            return;
        for (uint32_t i = 0; i < p->len; i++) {
            s->buf[s->len++] = (uint8_t)p->u.str16[i];
            s->buf[s->len++] = (uint8_t)(p->u.str16[i] >> 8);
        }
    } else {
        js_w_u8(s, JS_SER_TAG_STRING8);
        js_w_leb(s, p->len);
        js_w_bytes(s, p->u.str8, p->len);
    }
}

static int js_write_string_value(JSWriteState *s, JSValueConst v)
{
    JSString *p = js_get_flat_string(s->ctx, v);
    if (!p)
        return js_w_fail(s);
    js_write_string(s, p);
    return s->error ? -1 : 0;
}

static void js_write_double(JSWriteState *s, double d)
{
    /* int32 values (but -0) take the compact form */
    if (d >= INT32_MIN && d <= INT32_MAX && (int32_t)d == d && !(d == 0 && signbit(d))) {
        js_w_u8(s, JS_SER_TAG_INT32);
        js_w_sleb(s, (int32_t)d);
    } else {
        js_w_u8(s, JS_SER_TAG_FLOAT64);
        js_w_f64(s, d);
    }
}

static void js_write_bigint(JSWriteState *s, JSValueConst v)
{
    const JSBigInt *b = js_bigint_ptr(v);
    js_w_u8(s, JS_SER_TAG_BIGINT);
    js_w_leb(s, (uint64_t)b->len * 2 + b->sign);
    if (!js_w_reserve(s, (size_t)b->len * 4))
        return;
    for (uint32_t i = 0; i < b->len; i++) {
        for (int k = 0; k < 4; k++)
            s->buf[s->len++] = (uint8_t)(b->tab[i] >> (8 * k));
    }
}

/* ---------------------------------------------------------------------
 * The table of objects met
 * ------------------------------------------------------------------- */
static uint32_t js_w_ptr_hash(const void *ptr, uint32_t mask)
{
    uint64_t x = (uintptr_t)ptr;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 32;
    return (uint32_t)x & mask;
}

static JSWriteObjEntry *js_w_find_obj(JSWriteState *s, JSObject *p)
{
    uint32_t mask = s->objs_size - 1, i;
    if (!s->objs_size)
        return NULL;
    for (i = js_w_ptr_hash(p, mask); s->objs[i].obj; i = (i + 1) & mask) {
        if (s->objs[i].obj == p)
            return &s->objs[i];
    }
    return NULL;
}

static int js_w_grow_objs(JSWriteState *s)
{
    uint32_t size = s->objs_size ? s->objs_size * 2 : 16;
    JSWriteObjEntry *tab = js_mallocz(s->ctx, sizeof(*tab) * size);
    if (!tab)
        return js_w_fail(s);
    for (uint32_t k = 0; k < s->objs_size; k++) {
        JSWriteObjEntry *e = &s->objs[k];
        uint32_t i;
        if (!e->obj)
            continue;
        for (i = js_w_ptr_hash(e->obj, size - 1); tab[i].obj; i = (i + 1) & (size - 1))
            continue;
        tab[i] = *e;
    }
    js_free(s->ctx, s->objs);
    s->objs = tab;
    s->objs_size = size;
    return 0;
}

/* enters a new object (numbered in order) and marks it active */
static JSWriteObjEntry *js_w_add_obj(JSWriteState *s, JSObject *p)
{
    uint32_t i;
    if ((s->objs_count + 1) * 2 > s->objs_size && js_w_grow_objs(s))
        return NULL;
    for (i = js_w_ptr_hash(p, s->objs_size - 1); s->objs[i].obj; i = (i + 1) & (s->objs_size - 1))
        continue;
    s->objs[i].obj = js_obj(js_dup_obj(p));
    s->objs[i].index = s->objs_count++;
    s->objs[i].active = true;
    return &s->objs[i];
}

/* ---------------------------------------------------------------------
 * Property keys: numbered per stream, so that repeated keys (an array of
 * similar objects) cost a short reference and the reader interns each
 * key once
 * ------------------------------------------------------------------- */
static int js_w_grow_keys(JSWriteState *s)
{
    uint32_t size = s->keys_size ? s->keys_size * 2 : 32;
    JSWriteKeyEntry *tab = js_mallocz(s->ctx, sizeof(*tab) * size);
    if (!tab)
        return js_w_fail(s);
    for (uint32_t k = 0; k < s->keys_size; k++) {
        JSWriteKeyEntry *e = &s->keys[k];
        uint32_t i;
        if (e->atom == JS_ATOM_NULL)
            continue;
        for (i = (e->atom * 0x9e3779b1u) & (size - 1); tab[i].atom; i = (i + 1) & (size - 1))
            continue;
        tab[i] = *e;
    }
    js_free(s->ctx, s->keys);
    s->keys = tab;
    s->keys_size = size;
    return 0;
}

/* a string-keyed property's key (atom: a string or an array index) */
static int js_write_key(JSWriteState *s, JSAtom atom)
{
    uint32_t i, mask;
    if (js_atom_is_tagged_int(atom)) {
        js_w_u8(s, JS_SER_TAG_INT32);
        js_w_sleb(s, (int32_t)js_atom_get_tagged_int(atom));
        return s->error ? -1 : 0;
    }
    if ((s->keys_count + 1) * 2 > s->keys_size && js_w_grow_keys(s))
        return -1;
    mask = s->keys_size - 1;
    for (i = (atom * 0x9e3779b1u) & mask; s->keys[i].atom; i = (i + 1) & mask) {
        if (s->keys[i].atom == atom) {
            js_w_u8(s, JS_SER_TAG_KEY_REF);
            js_w_leb(s, s->keys[i].index);
            return s->error ? -1 : 0;
        }
    }
    /* held, so that no other key can take its number while we write */
    s->keys[i].atom = JS_DupAtom(s->ctx, atom);
    s->keys[i].index = s->keys_count++;
    js_write_string(s, js_atom_get_str(s->ctx->rt, atom));
    return s->error ? -1 : 0;
}

/* ---------------------------------------------------------------------
 * Properties of plain objects and arrays
 * ------------------------------------------------------------------- */
typedef struct JSKeySnapshot {
    JSAtom *tab;
    uint32_t len;
    JSAtom inline_tab[16];
} JSKeySnapshot;

static void js_w_keys_free(JSWriteState *s, JSKeySnapshot *k)
{
    for (uint32_t i = 0; i < k->len; i++)
        JS_FreeAtom(s->ctx, k->tab[i]);
    if (k->tab != k->inline_tab)
        js_free(s->ctx, k->tab);
}

/* The common case, read straight from the shape: an ordinary object (or
   a fast array, whose elements are written apart) whose keys are all in
   insertion order, i.e. none is an array index. 1 done, 0 use the generic
   path, -1 error. */
static int js_w_keys_from_shape(JSWriteState *s, JSObject *p, JSKeySnapshot *k)
{
    JSRuntime *rt = s->ctx->rt;
    JSShape *sh = p->shape;
    uint32_t n = 0;
    if ((p->is_exotic && p->class_id != JS_CLASS_ARRAY) ||
        (p->fast_array && p->class_id != JS_CLASS_ARRAY) || sh->has_small_array_index)
        return 0;
    for (int i = 0; i < sh->prop_count; i++) {
        JSAtom a = sh->prop[i].atom;
        JSString *str;
        if (a == JS_ATOM_NULL || !(sh->prop[i].flags & JS_PROP_ENUMERABLE) ||
            js_atom_is_symbol(rt, a))
            continue;
        /* a string that may be a large array index sorts first */
        str = js_atom_get_str(rt, a);
        if (str->len && string_get(str, 0) >= '0' && string_get(str, 0) <= '9')
            return 0;
        n++;
    }
    k->tab = k->inline_tab;
    if (n > countof(k->inline_tab)) {
        k->tab = js_malloc(s->ctx, sizeof(JSAtom) * n);
        if (!k->tab) {
            k->tab = k->inline_tab;
            return js_w_fail(s);
        }
    }
    for (int i = 0; i < sh->prop_count; i++) {
        JSAtom a = sh->prop[i].atom;
        if (a != JS_ATOM_NULL && (sh->prop[i].flags & JS_PROP_ENUMERABLE) &&
            !js_atom_is_symbol(rt, a))
            k->tab[k->len++] = JS_DupAtom(s->ctx, a);
    }
    return 1;
}

/* EnumerableOwnProperties(p, key), less the first skip_dense elements of
   a fast array (written apart) */
static int js_w_snapshot_keys(JSWriteState *s, JSObject *p, uint32_t skip_dense, JSKeySnapshot *k)
{
    JSPropertyEnum *tab;
    uint32_t len;
    int ret;
    k->tab = k->inline_tab;
    k->len = 0;
    ret = js_w_keys_from_shape(s, p, k);
    if (ret)
        return ret < 0 ? -1 : 0;
    if (JS_GetOwnPropertyNamesInternal(s->ctx, &tab, &len, p,
                                       JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY))
        return js_w_fail(s);
    if (len > countof(k->inline_tab)) {
        k->tab = js_malloc(s->ctx, sizeof(JSAtom) * len);
        if (!k->tab) {
            k->tab = k->inline_tab;
            js_free_property_enum(s->ctx, tab, len);
            return js_w_fail(s);
        }
    }
    for (uint32_t i = 0; i < len; i++) {
        JSAtom a = tab[i].atom;
        if (js_atom_is_tagged_int(a) && js_atom_get_tagged_int(a) < skip_dense)
            continue;
        k->tab[k->len++] = JS_DupAtom(s->ctx, a);
    }
    js_free_property_enum(s->ctx, tab, len);
    return 0;
}

/* the current value of an own property, or JS_UNINITIALIZED when it is
   gone (a getter deleted it); JS_EXCEPTION on error */
static JSValue js_w_get_own(JSWriteState *s, JSObject *p, JSAtom atom)
{
    JSPropertyDescriptor desc;
    int ret = JS_GetOwnPropertyInternal(s->ctx, &desc, p, atom);
    if (ret < 0)
        return JS_EXCEPTION;
    if (ret == 0)
        return JS_UNINITIALIZED;
    if (!(desc.flags & JS_PROP_GETSET))
        return desc.value;
    js_free_desc(s->ctx, &desc);
    return JS_GetProperty(s->ctx, js_obj_value(p), atom);
}

/* the key/value pairs of the snapshot, then JS_SER_TAG_END */
static int js_write_properties(JSWriteState *s, JSObject *p, uint32_t skip_dense)
{
    JSKeySnapshot k;
    int ret = 0;
    if (js_w_snapshot_keys(s, p, skip_dense, &k))
        return -1;
    for (uint32_t i = 0; i < k.len && ret == 0; i++) {
        JSValue v = js_w_get_own(s, p, k.tab[i]);
        if (JS_IsException(v)) {
            ret = js_w_fail(s);
        } else if (!JS_IsUninitialized(v)) {
            ret = js_write_key(s, k.tab[i]);
            if (ret == 0)
                ret = js_write_value(s, v);
            JS_FreeValue(s->ctx, v);
        }
    }
    js_w_keys_free(s, &k);
    js_w_u8(s, JS_SER_TAG_END);
    return ret || s->error ? -1 : 0;
}

static int js_write_array(JSWriteState *s, JSObject *p)
{
    uint32_t len, dense;
    JS_ToUint32(s->ctx, &len, p->prop[0].value); /* "length" is always a number */
    dense = p->fast_array ? p->u.array.count : 0;
    js_w_u8(s, JS_SER_TAG_ARRAY);
    js_w_leb(s, len);
    js_w_leb(s, dense);
    for (uint32_t i = 0; i < dense && !s->error; i++) {
        JSValue v;
        /* a getter may have shrunk or converted the array */
        if (p->fast_array && i < p->u.array.count) {
            v = JS_DupValue(s->ctx, p->u.array.values[i]);
        } else {
            v = js_w_get_own(s, p, js_atom_from_uint32(i));
            if (JS_IsException(v))
                return js_w_fail(s);
            if (JS_IsUninitialized(v)) {
                js_w_u8(s, JS_SER_TAG_HOLE);
                continue;
            }
        }
        js_write_value(s, v);
        JS_FreeValue(s->ctx, v);
    }
    if (s->error)
        return -1;
    return js_write_properties(s, p, dense);
}

/* ---------------------------------------------------------------------
 * Errors: the class of the nearest builtin error prototype on the chain
 * (a user subclass arrives as its builtin ancestor), then name (when it is
 * not the class's), message, stack, cause and errors
 * ------------------------------------------------------------------- */
static int js_w_error_class(JSContext *ctx, JSObject *p)
{
    JSRuntime *rt = ctx->rt;
    int steps = 0;
    for (JSObject *q = p->shape->proto; q && steps < 10000; q = q->shape->proto, steps++) {
        struct list_head *el;
        if (q->class_id == JS_CLASS_PROXY)
            break;
        /* any realm of the runtime */
        list_for_each(el, &rt->context_list)
        {
            JSContext *c = list_entry(el, JSContext, link);
            if (JS_VALUE_GET_PTR(c->class_proto[JS_CLASS_ERROR]) == q)
                return JS_PLAIN_ERROR;
            for (int i = 0; i < JS_NATIVE_ERROR_COUNT; i++) {
                if (JS_VALUE_GET_PTR(c->native_error_proto[i]) == q)
                    return i;
            }
        }
    }
    return JS_PLAIN_ERROR;
}

/* an own property's value (getters run), or JS_UNINITIALIZED when absent */
static JSValue js_w_get_own_field(JSWriteState *s, JSObject *p, JSAtom atom)
{
    JSValue v = js_w_get_own(s, p, atom);
    if (JS_IsException(v))
        js_w_fail(s);
    return v;
}

static int js_write_error(JSWriteState *s, JSObject *p)
{
    JSContext *ctx = s->ctx;
    JSValueConst obj = js_obj_value(p);
    int native = js_w_error_class(ctx, p), fields = 0, ret = -1;
    JSValue name, message = JS_UNINITIALIZED, stack = JS_UNINITIALIZED;
    JSValue cause = JS_UNINITIALIZED, errors = JS_UNINITIALIZED;
    name = JS_GetProperty(ctx, obj, JS_ATOM_name);
    if (JS_IsException(name))
        return js_w_fail(s);
    if (JS_IsString(name)) {
        JSString *str = js_get_flat_string(ctx, name);
        if (!str)
            goto done;
        if (!js_string_eq_cstr(str, js_native_error_name(native)))
            fields |= JS_SER_ERROR_HAS_NAME;
    }
    message = js_w_get_own_field(s, p, JS_ATOM_message);
    if (JS_IsException(message))
        goto done;
    if (!JS_IsUninitialized(message)) {
        message = JS_ToStringFree(ctx, message);
        if (JS_IsException(message)) {
            js_w_fail(s);
            goto done;
        }
        fields |= JS_SER_ERROR_HAS_MESSAGE;
    }
    /* an assigned stack shadows the one captured at creation */
    stack = js_w_get_own_field(s, p, JS_ATOM_stack);
    if (JS_IsException(stack))
        goto done;
    if (!JS_IsString(stack)) {
        JS_FreeValue(ctx, stack);
        stack = JS_DupValue(ctx, p->u.object_data);
    }
    if (JS_IsString(stack))
        fields |= JS_SER_ERROR_HAS_STACK;
    cause = js_w_get_own_field(s, p, JS_ATOM_cause);
    if (JS_IsException(cause))
        goto done;
    if (!JS_IsUninitialized(cause))
        fields |= JS_SER_ERROR_HAS_CAUSE;
    if (native == JS_NATIVE_ERROR_AGGREGATE) {
        errors = js_w_get_own_field(s, p, JS_ATOM_errors);
        if (JS_IsException(errors))
            goto done;
        if (!JS_IsUninitialized(errors))
            fields |= JS_SER_ERROR_HAS_ERRORS;
    }
    js_w_u8(s, JS_SER_TAG_ERROR);
    js_w_u8(s, js_ser_error_class_from_native(native));
    js_w_u8(s, fields);
    if (((fields & JS_SER_ERROR_HAS_NAME) && js_write_string_value(s, name)) ||
        ((fields & JS_SER_ERROR_HAS_MESSAGE) && js_write_string_value(s, message)) ||
        ((fields & JS_SER_ERROR_HAS_STACK) && js_write_string_value(s, stack)) ||
        ((fields & JS_SER_ERROR_HAS_CAUSE) && js_write_value(s, cause)) ||
        ((fields & JS_SER_ERROR_HAS_ERRORS) && js_write_value(s, errors)))
        goto done;
    ret = s->error ? -1 : 0;
done:
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, message);
    JS_FreeValue(ctx, stack);
    JS_FreeValue(ctx, cause);
    JS_FreeValue(ctx, errors);
    return ret;
}

/* ---------------------------------------------------------------------
 * Binary data
 * ------------------------------------------------------------------- */
static int js_w_transfer_index(JSWriteState *s, JSObject *p)
{
    for (uint32_t i = 0; i < s->transfer_count; i++) {
        if (js_obj(s->transfer[i]) == p)
            return (int)i;
    }
    return -1;
}

static int js_w_add_sab(JSWriteState *s, uint8_t *block)
{
    for (size_t i = 0; i < s->sab_count; i++) {
        if (s->sab_tab[i] == block)
            return 0;
    }
    if (s->sab_count == s->sab_size) {
        size_t size = s->sab_size ? s->sab_size * 2 : 4;
        uint8_t **tab = js_realloc(s->ctx, s->sab_tab, sizeof(*tab) * size);
        if (!tab)
            return js_w_fail(s);
        s->sab_tab = tab;
        s->sab_size = size;
    }
    s->sab_tab[s->sab_count++] = block;
    return 0;
}

static int js_write_array_buffer(JSWriteState *s, JSObject *p)
{
    JSArrayBuffer *abuf = js_array_buffer_of(p);
    size_t len = js_array_buffer_length(abuf);
    int flags = abuf->resizable ? JS_SER_BUFFER_RESIZABLE : 0, ti = -1;
    if (abuf->shared) {
        if (!s->allow_sab)
            return js_w_throw(s, "SharedArrayBuffer");
        if (abuf->data && js_w_add_sab(s, abuf->data))
            return -1;
        js_w_u8(s, JS_SER_TAG_SHARED_ARRAY_BUFFER);
        js_w_u8(s, flags);
        if (js_w_reserve(s, 8)) {
            js_ser_put_u64(s->buf + s->len, (uintptr_t)abuf->data);
            s->len += 8;
        }
        js_w_leb(s, len);
    } else if (abuf->detached) {
        return js_w_throw(s, "detached ArrayBuffer");
    } else if ((ti = js_w_transfer_index(s, p)) >= 0) {
        js_w_u8(s, JS_SER_TAG_TRANSFERRED_BUFFER);
        js_w_u8(s, flags);
        js_w_leb(s, ti);
    } else {
        js_w_u8(s, JS_SER_TAG_ARRAY_BUFFER);
        js_w_u8(s, flags);
        js_w_leb(s, len);
    }
    if (flags & JS_SER_BUFFER_RESIZABLE)
        js_w_leb(s, abuf->max_byte_length);
    if (!abuf->shared && ti < 0)
        js_w_bytes(s, abuf->data, len);
    return s->error ? -1 : 0;
}

/* typed arrays and DataViews: their buffer is an object of its own, so
   views on one buffer share it when references are kept */
static int js_write_view(JSWriteState *s, JSObject *p)
{
    JSTypedArray *ta = js_typed_array_of(p);
    bool is_dataview = p->class_id == JS_CLASS_DATAVIEW;
    if (js_view_is_out_of_bounds(p)) {
        if (js_view_buffer(p)->detached)
            return js_w_throw(s, "view of a detached ArrayBuffer");
        return js_w_throw(s, "out-of-bounds view");
    }
    if (is_dataview) {
        js_w_u8(s, JS_SER_TAG_DATAVIEW);
    } else {
        js_w_u8(s, JS_SER_TAG_TYPED_ARRAY);
        js_w_u8(s, p->class_id - JS_CLASS_UINT8C_ARRAY);
    }
    js_w_u8(s, ta->track_rab ? JS_SER_VIEW_TRACKING : 0);
    js_w_leb(s, ta->byte_offset);
    if (!ta->track_rab)
        js_w_leb(s, ta->length);
    if (s->error)
        return -1;
    return js_write_value(s, js_obj_value(ta->buffer));
}

/* ---------------------------------------------------------------------
 * Map and Set: their entries are taken first (HTML's copiedList), since
 * writing a value may run a getter that changes the collection
 * ------------------------------------------------------------------- */
static int js_write_map(JSWriteState *s, JSObject *p)
{
    bool is_set = p->class_id == JS_CLASS_SET;
    uint32_t count, n;
    JSValue *tab;
    int ret = 0;
    if (js_map_snapshot(s->ctx, js_obj_value(p), &tab, &count))
        return js_w_fail(s);
    n = is_set ? count : 2 * count;
    js_w_u8(s, is_set ? JS_SER_TAG_SET : JS_SER_TAG_MAP);
    js_w_leb(s, count);
    for (uint32_t i = 0; i < n && ret == 0; i++)
        ret = js_write_value(s, tab[i]);
    for (uint32_t i = 0; i < n; i++)
        JS_FreeValue(s->ctx, tab[i]);
    js_free(s->ctx, tab);
    return ret || s->error ? -1 : 0;
}

/* ---------------------------------------------------------------------
 * Objects
 * ------------------------------------------------------------------- */
static bool js_w_is_cloneable(JSObject *p)
{
    switch (p->class_id) {
    case JS_CLASS_OBJECT:
    case JS_CLASS_ARGUMENTS:
    case JS_CLASS_MAPPED_ARGUMENTS:
    case JS_CLASS_RAW_JSON:
    case JS_CLASS_ARRAY:
    case JS_CLASS_ERROR:
    case JS_CLASS_NUMBER:
    case JS_CLASS_STRING:
    case JS_CLASS_BOOLEAN:
    case JS_CLASS_BIG_INT:
    case JS_CLASS_DATE:
    case JS_CLASS_REGEXP:
    case JS_CLASS_ARRAY_BUFFER:
    case JS_CLASS_SHARED_ARRAY_BUFFER:
    case JS_CLASS_DATAVIEW:
    case JS_CLASS_MAP:
    case JS_CLASS_SET:
        return true;
    default:
        return JS_CLASS_IS_TYPED_ARRAY(p->class_id);
    }
}

static int js_write_object_body(JSWriteState *s, JSObject *p)
{
    JSValueConst source, flags;
    switch (p->class_id) {
    case JS_CLASS_ARRAY:
        return js_write_array(s, p);
    case JS_CLASS_ERROR:
        return js_write_error(s, p);
    case JS_CLASS_NUMBER:
        js_w_u8(s, JS_SER_TAG_NUMBER_OBJECT);
        js_w_f64(s, JS_VALUE_GET_NORM_TAG(p->u.object_data) == JS_TAG_INT
                        ? JS_VALUE_GET_INT(p->u.object_data)
                        : JS_VALUE_GET_FLOAT64(p->u.object_data));
        return s->error ? -1 : 0;
    case JS_CLASS_STRING:
        js_w_u8(s, JS_SER_TAG_STRING_OBJECT);
        return js_write_string_value(s, p->u.object_data);
    case JS_CLASS_BOOLEAN:
        js_w_u8(s, JS_SER_TAG_BOOLEAN_OBJECT);
        js_w_u8(s, JS_VALUE_GET_BOOL(p->u.object_data) ? 1 : 0);
        return s->error ? -1 : 0;
    case JS_CLASS_BIG_INT:
        js_w_u8(s, JS_SER_TAG_BIGINT_OBJECT);
        js_write_bigint(s, p->u.object_data);
        return s->error ? -1 : 0;
    case JS_CLASS_DATE: {
        double t;
        JS_ToFloat64(s->ctx, &t, p->u.object_data); /* always a number */
        js_w_u8(s, JS_SER_TAG_DATE);
        js_w_f64(s, t);
        return s->error ? -1 : 0;
    }
    case JS_CLASS_REGEXP:
        if (!js_regexp_get_source_flags(js_obj_value(p), &source, &flags))
            return js_w_throw(s, "uninitialized RegExp");
        js_w_u8(s, JS_SER_TAG_REGEXP);
        if (js_write_string_value(s, source))
            return -1;
        return js_write_string_value(s, flags);
    case JS_CLASS_ARRAY_BUFFER:
    case JS_CLASS_SHARED_ARRAY_BUFFER:
        return js_write_array_buffer(s, p);
    case JS_CLASS_MAP:
    case JS_CLASS_SET:
        return js_write_map(s, p);
    case JS_CLASS_DATAVIEW:
        return js_write_view(s, p);
    default:
        if (JS_CLASS_IS_TYPED_ARRAY(p->class_id))
            return js_write_view(s, p);
        /* plain objects, arguments: own enumerable string-keyed data */
        js_w_u8(s, JS_SER_TAG_OBJECT);
        return js_write_properties(s, p, 0);
    }
}

static int js_write_object(JSWriteState *s, JSObject *p)
{
    JSWriteObjEntry *e;
    uint32_t index;
    int ret;
    if (js_check_stack_overflow(s->ctx->rt, 0)) {
        js_throw_stack_overflow(s->ctx);
        return js_w_fail(s);
    }
    e = js_w_find_obj(s, p);
    if (e && s->allow_ref) {
        js_w_u8(s, JS_SER_TAG_OBJECT_REF);
        js_w_leb(s, e->index);
        return s->error ? -1 : 0;
    }
    if (e && e->active)
        return js_w_throw(s, "object with a circular reference");
    if (!js_w_is_cloneable(p))
        return js_w_throw_class(s, p);
    if (e) {
        e->active = true; /* met again without references: a new copy */
    } else if (!(e = js_w_add_obj(s, p))) {
        return -1;
    }
    index = e->index;
    ret = js_write_object_body(s, p);
    /* the table may have been resized meanwhile */
    e = js_w_find_obj(s, p);
    if (e && e->index == index)
        e->active = false;
    return ret;
}

static int js_write_value(JSWriteState *s, JSValueConst v)
{
    if (s->error)
        return -1;
    switch (JS_VALUE_GET_NORM_TAG(v)) {
    case JS_TAG_UNDEFINED:
        js_w_u8(s, JS_SER_TAG_UNDEFINED);
        break;
    case JS_TAG_NULL:
        js_w_u8(s, JS_SER_TAG_NULL);
        break;
    case JS_TAG_BOOL:
        js_w_u8(s, JS_VALUE_GET_BOOL(v) ? JS_SER_TAG_TRUE : JS_SER_TAG_FALSE);
        break;
    case JS_TAG_INT:
        js_w_u8(s, JS_SER_TAG_INT32);
        js_w_sleb(s, JS_VALUE_GET_INT(v));
        break;
    case JS_TAG_FLOAT64:
        js_write_double(s, JS_VALUE_GET_FLOAT64(v));
        break;
    case JS_TAG_STRING:
        return js_write_string_value(s, v);
    case JS_TAG_BIG_INT:
        js_write_bigint(s, v);
        break;
    case JS_TAG_SYMBOL:
        return js_w_throw(s, "symbol");
    case JS_TAG_OBJECT:
        return js_write_object(s, js_obj(v));
    default:
        return js_w_throw(s, "value");
    }
    return s->error ? -1 : 0;
}

/* ---------------------------------------------------------------------
 * Transfer list
 * ------------------------------------------------------------------- */
/* the ArrayBuffers of the transfer list, checked: TypeError for anything
   else, a SharedArrayBuffer, a detached or immutable buffer, a duplicate */
static int js_w_take_transfer_list(JSWriteState *s, JSValueConst transfer)
{
    uint32_t len;
    if (JS_IsUndefined(transfer))
        return 0;
    s->transfer = js_build_arg_list(s->ctx, &len, transfer);
    if (!s->transfer)
        return js_w_fail(s);
    s->transfer_count = len;
    for (uint32_t i = 0; i < len; i++) {
        JSValueConst v = s->transfer[i];
        JSArrayBuffer *abuf;
        if (JS_IsObject(v) && js_obj(v)->class_id == JS_CLASS_SHARED_ARRAY_BUFFER)
            return js_w_throw(s, "SharedArrayBuffer in the transfer list");
        if (!JS_IsObject(v) || js_obj(v)->class_id != JS_CLASS_ARRAY_BUFFER)
            return js_w_throw(s, "transfer list item that is not an ArrayBuffer");
        abuf = js_array_buffer_of(js_obj(v));
        if (abuf->detached)
            return js_w_throw(s, "detached ArrayBuffer in the transfer list");
        if (abuf->immutable)
            return js_w_throw(s, "immutable ArrayBuffer in the transfer list");
        for (uint32_t j = 0; j < i; j++) {
            if (JS_VALUE_GET_PTR(s->transfer[j]) == JS_VALUE_GET_PTR(v))
                return js_w_throw(s, "ArrayBuffer listed twice in the transfer list");
        }
    }
    return 0;
}

/* detaches the transfer list into a malloc()ed table, after the value was
   written: first every copy that can fail, then the detaching, which
   cannot, so that an error leaves every buffer attached */
static int js_w_detach_transfer_list(JSWriteState *s, JSTransferredBuffer **ptab)
{
    JSContext *ctx = s->ctx;
    JSTransferredBuffer *tab;
    uint32_t n = s->transfer_count;
    *ptab = NULL;
    if (n == 0)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        /* a getter may have detached one meanwhile */
        if (js_array_buffer_of(js_obj(s->transfer[i]))->detached)
            return js_w_throw(s, "ArrayBuffer detached while being transferred");
    }
    tab = calloc(n, sizeof(*tab));
    if (!tab) {
        JS_ThrowOutOfMemory(ctx);
        return js_w_fail(s);
    }
    for (uint32_t i = 0; i < n; i++) {
        JSArrayBuffer *abuf = js_array_buffer_of(js_obj(s->transfer[i]));
        tab[i].len = abuf->byte_length;
        if (tab[i].len && !js_array_buffer_can_give(ctx, s->transfer[i])) {
            tab[i].data = malloc(tab[i].len);
            if (!tab[i].data) {
                JS_FreeTransferredBuffers(tab, n);
                JS_ThrowOutOfMemory(ctx);
                return js_w_fail(s);
            }
            memcpy(tab[i].data, abuf->data, tab[i].len);
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *data = js_array_buffer_give(ctx, s->transfer[i]);
        if (data)
            tab[i].data = data;
    }
    *ptab = tab;
    return 0;
}

/* ---------------------------------------------------------------------
 * API
 * ------------------------------------------------------------------- */
static void js_w_free_state(JSWriteState *s)
{
    for (uint32_t i = 0; i < s->objs_size; i++) {
        if (s->objs[i].obj)
            JS_FreeValue(s->ctx, js_obj_value(s->objs[i].obj));
    }
    js_free(s->ctx, s->objs);
    for (uint32_t i = 0; i < s->keys_size; i++)
        JS_FreeAtom(s->ctx, s->keys[i].atom);
    js_free(s->ctx, s->keys);
    if (s->transfer)
        js_free_value_list(s->ctx, s->transfer, s->transfer_count);
}

uint8_t *JS_WriteObjectTransfer(JSContext *ctx, size_t *psize, JSValueConst obj, int flags,
                                JSValueConst transfer, uint8_t ***psab_tab, size_t *psab_tab_len,
                                JSTransferredBuffer **ptransfer_tab, size_t *ptransfer_len)
{
    JSWriteState ws = {0}, *s = &ws;
    JSTransferredBuffer *ttab = NULL;
    s->ctx = ctx;
    s->allow_ref = (flags & JS_WRITE_OBJ_REFERENCE) != 0;
    s->allow_sab = (flags & JS_WRITE_OBJ_SAB) != 0;
    *psize = 0;
    if (psab_tab)
        *psab_tab = NULL;
    if (psab_tab_len)
        *psab_tab_len = 0;
    if (ptransfer_tab)
        *ptransfer_tab = NULL;
    if (ptransfer_len)
        *ptransfer_len = 0;
    if (js_w_take_transfer_list(s, transfer) == 0) {
        js_w_u8(s, JS_SER_VERSION);
        if (js_write_value(s, obj) == 0 && !s->error)
            js_w_detach_transfer_list(s, &ttab);
    }
    if (s->error) {
        js_free(ctx, s->buf);
        js_free(ctx, s->sab_tab);
        js_w_free_state(s);
        return NULL;
    }
    if (ptransfer_tab) {
        *ptransfer_tab = ttab;
        *ptransfer_len = ttab ? s->transfer_count : 0;
    } else {
        JS_FreeTransferredBuffers(ttab, s->transfer_count);
    }
    if (psab_tab) {
        *psab_tab = s->sab_tab;
        *psab_tab_len = s->sab_count;
    } else {
        js_free(ctx, s->sab_tab);
    }
    js_w_free_state(s);
    *psize = s->len;
    return s->buf;
}

uint8_t *JS_WriteObject2(JSContext *ctx, size_t *psize, JSValueConst obj, int flags,
                         uint8_t ***psab_tab, size_t *psab_tab_len)
{
    return JS_WriteObjectTransfer(ctx, psize, obj, flags, JS_UNDEFINED, psab_tab, psab_tab_len,
                                  NULL, NULL);
}

uint8_t *JS_WriteObject(JSContext *ctx, size_t *psize, JSValueConst obj, int flags)
{
    return JS_WriteObject2(ctx, psize, obj, flags, NULL, NULL);
}

void JS_FreeTransferredBuffers(JSTransferredBuffer *tab, size_t len)
{
    if (!tab)
        return;
    for (size_t i = 0; i < len; i++)
        free(tab[i].data);
    free(tab);
}
