/*
 * arraybuffer.c — ArrayBuffer and SharedArrayBuffer (ECMA-262 §25.1,
 * §25.2): fixed-length, resizable and growable buffers, slice, resize,
 * grow, transfer and transferToFixedLength, detaching, the immutable
 * buffers of the immutable-ArrayBuffer proposal (transferToImmutable,
 * sliceToImmutable, immutable), and the C API over buffers
 * (JS_NewArrayBuffer, JS_GetArrayBuffer, JS_DetachArrayBuffer, the
 * SharedArrayBuffer memory hooks).
 *
 * Representation (see typedarray.h): a JSArrayBuffer in u.opaque. Shared
 * memory is a block from the runtime's sab_alloc hook, reference counted
 * by the hooks, so the block outlives any one runtime that uses it. A
 * growable SAB reserves its maximum length at creation and keeps its
 * current length in a trailer; grow is a compare-and-swap loop on it, so
 * two threads growing the same buffer agree on the result.
 */
#include "builtins.h"
#include "typedarray.h"
#include "../atom.h"
#include "../conv.h"
#include "../error.h"
#include "../function.h"
#include "../object.h"
#include "../runtime.h"

/* lengths past this cannot be allocated on any machine we run on: refuse
   them before asking the allocator */
#define JS_ARRAY_BUFFER_MAX_ALLOC ((uint64_t)1 << 47)

/* ---------------------------------------------------------------------
 * SharedArrayBuffer memory
 *
 * Without hooks from the embedder a runtime uses these: malloc with a
 * header holding an atomic reference count. The header is 16 bytes so the
 * block stays aligned for 64-bit atomics.
 * ------------------------------------------------------------------- */
typedef struct JSSABDefaultHeader {
    int ref_count; /* accessed with __atomic builtins */
    int pad[3];
} JSSABDefaultHeader;

static void *js_sab_default_alloc(void *opaque, size_t size)
{
    JSSABDefaultHeader *h;
    if (size > JS_ARRAY_BUFFER_MAX_ALLOC)
        return NULL;
    h = malloc(sizeof(*h) + size);
    if (!h)
        return NULL;
    __atomic_store_n(&h->ref_count, 1, __ATOMIC_RELAXED);
    return h + 1;
}

static void js_sab_default_free(void *opaque, void *ptr)
{
    JSSABDefaultHeader *h = (JSSABDefaultHeader *)ptr - 1;
    if (__atomic_sub_fetch(&h->ref_count, 1, __ATOMIC_ACQ_REL) == 0)
        free(h);
}

static void js_sab_default_dup(void *opaque, void *ptr)
{
    JSSABDefaultHeader *h = (JSSABDefaultHeader *)ptr - 1;
    __atomic_add_fetch(&h->ref_count, 1, __ATOMIC_RELAXED);
}

static void *js_sab_alloc(JSRuntime *rt, size_t size)
{
    if (rt->sab_funcs.sab_alloc)
        return rt->sab_funcs.sab_alloc(rt->sab_funcs.sab_opaque, size);
    return js_sab_default_alloc(NULL, size);
}

static void js_sab_free(JSRuntime *rt, void *ptr)
{
    if (rt->sab_funcs.sab_free)
        rt->sab_funcs.sab_free(rt->sab_funcs.sab_opaque, ptr);
    else if (!rt->sab_funcs.sab_alloc)
        js_sab_default_free(NULL, ptr);
}

static void js_sab_dup(JSRuntime *rt, void *ptr)
{
    if (rt->sab_funcs.sab_dup)
        rt->sab_funcs.sab_dup(rt->sab_funcs.sab_opaque, ptr);
    else if (!rt->sab_funcs.sab_alloc)
        js_sab_default_dup(NULL, ptr);
}

void JS_SetSharedArrayBufferFunctions(JSRuntime *rt, const JSSharedArrayBufferFunctions *sf)
{
    if (sf)
        rt->sab_funcs = *sf;
    else
        memset(&rt->sab_funcs, 0, sizeof(rt->sab_funcs));
}

/* ---------------------------------------------------------------------
 * Records, finalization, detaching
 * ------------------------------------------------------------------- */
JSValue js_throw_detached(JSContext *ctx)
{
    return JS_ThrowTypeError(ctx, "ArrayBuffer is detached");
}

/* the free function of data the embedder keeps */
static void js_array_buffer_keep_data(JSRuntime *rt, void *opaque, void *ptr) {}

static void js_array_buffer_free_data(JSRuntime *rt, JSArrayBuffer *abuf)
{
    uint8_t *data = abuf->data;
    abuf->data = NULL;
    if (!data)
        return;
    if (abuf->shared)
        js_sab_free(rt, data);
    else if (abuf->free_func)
        abuf->free_func(rt, abuf->free_opaque, data);
    else
        js_free_rt(rt, data);
}

static void js_array_buffer_finalizer(JSRuntime *rt, JSValue val)
{
    JSArrayBuffer *abuf = js_obj(val)->u.opaque;
    struct list_head *el, *el1;
    if (!abuf)
        return;
    /* views finalized after us (same garbage cycle) must not unlink */
    list_for_each_safe(el, el1, &abuf->views) {
        JSTypedArray *ta = list_entry(el, JSTypedArray, link);
        ta->link.prev = ta->link.next = NULL;
        ta->obj->u.typed_array.ptr = NULL;
        ta->obj->u.typed_array.count = 0;
    }
    js_array_buffer_free_data(rt, abuf);
    js_free_rt(rt, abuf);
}

void js_array_buffer_update_views(JSArrayBuffer *abuf)
{
    struct list_head *el;
    list_for_each(el, &abuf->views) {
        js_view_refresh(list_entry(el, JSTypedArray, link)->obj);
    }
}

JSArrayBuffer *js_get_array_buffer(JSContext *ctx, JSValueConst obj)
{
    if (!JS_IsObject(obj) || !js_is_array_buffer_class(js_obj(obj)->class_id)) {
        JS_ThrowTypeError(ctx, "not an ArrayBuffer");
        return NULL;
    }
    return js_obj(obj)->u.opaque;
}

/* the this value as a buffer of the wanted kind, or NULL with a TypeError */
static JSArrayBuffer *js_this_buffer(JSContext *ctx, JSValueConst this_val, bool shared)
{
    JSClassID id = shared ? JS_CLASS_SHARED_ARRAY_BUFFER : JS_CLASS_ARRAY_BUFFER;
    if (!JS_IsObject(this_val) || js_obj(this_val)->class_id != id) {
        JS_ThrowTypeError(ctx, "not a %s", shared ? "SharedArrayBuffer" : "ArrayBuffer");
        return NULL;
    }
    return js_obj(this_val)->u.opaque;
}

int js_array_buffer_detach(JSContext *ctx, JSValueConst obj)
{
    JSArrayBuffer *abuf;
    if (!JS_IsObject(obj) || js_obj(obj)->class_id != JS_CLASS_ARRAY_BUFFER) {
        JS_ThrowTypeError(ctx, "not an ArrayBuffer");
        return -1;
    }
    abuf = js_obj(obj)->u.opaque;
    if (abuf->immutable) {
        JS_ThrowTypeError(ctx, "an immutable ArrayBuffer cannot be detached");
        return -1;
    }
    if (abuf->detached)
        return 0;
    js_array_buffer_free_data(ctx->rt, abuf);
    abuf->byte_length = 0;
    abuf->detached = true;
    js_array_buffer_update_views(abuf);
    return 0;
}

/* ---------------------------------------------------------------------
 * Creation
 * ------------------------------------------------------------------- */
/* the object and its record, without data */
static JSValue js_array_buffer_new_object(JSContext *ctx, JSValueConst new_target,
                                          JSClassID class_id)
{
    JSArrayBuffer *abuf;
    JSValue obj = JS_IsUndefined(new_target)
                      ? JS_NewObjectProtoClass(ctx, ctx->class_proto[class_id], class_id)
                      : js_create_from_ctor(ctx, new_target, class_id);
    if (JS_IsException(obj))
        return obj;
    abuf = js_mallocz(ctx, sizeof(*abuf));
    if (!abuf) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    init_list_head(&abuf->views);
    abuf->shared = class_id == JS_CLASS_SHARED_ARRAY_BUFFER;
    js_obj(obj)->u.opaque = abuf;
    return obj;
}

static int js_throw_alloc_failed(JSContext *ctx)
{
    JS_ThrowRangeError(ctx, "Array buffer allocation failed");
    return -1;
}

/* zeroed data for a new buffer: CreateByteDataBlock / CreateSharedByteDataBlock */
static int js_array_buffer_alloc_data(JSContext *ctx, JSArrayBuffer *abuf, uint64_t len,
                                      uint64_t max_len)
{
    size_t size;
    if (len > JS_ARRAY_BUFFER_MAX_ALLOC || (abuf->resizable && max_len > JS_ARRAY_BUFFER_MAX_ALLOC))
        return js_throw_alloc_failed(ctx);
    abuf->byte_length = len;
    abuf->max_byte_length = abuf->resizable ? max_len : len;
    if (!abuf->shared) {
        if (len == 0)
            return 0;
        abuf->data = js_mallocz_rt(ctx->rt, len);
        return abuf->data ? 0 : js_throw_alloc_failed(ctx);
    }
    /* shared memory never moves: a growable buffer reserves its maximum */
    size = abuf->resizable ? ((max_len + 15) & ~(uint64_t)15) + 16 : (len ? len : 1);
    abuf->data = js_sab_alloc(ctx->rt, size);
    if (!abuf->data)
        return js_throw_alloc_failed(ctx);
    memset(abuf->data, 0, size);
    if (abuf->resizable)
        __atomic_store_n(js_sab_length_slot(abuf), (uint64_t)len, __ATOMIC_SEQ_CST);
    return 0;
}

JSValue js_array_buffer_create(JSContext *ctx, JSValueConst new_target, JSClassID class_id,
                               uint64_t len, uint64_t max_len, bool resizable)
{
    JSValue obj;
    if (resizable && len > max_len)
        return JS_ThrowRangeError(ctx, "byteLength exceeds maxByteLength");
    obj = js_array_buffer_new_object(ctx, new_target, class_id);
    if (JS_IsException(obj))
        return obj;
    js_array_buffer_of(js_obj(obj))->resizable = resizable;
    if (js_array_buffer_alloc_data(ctx, js_array_buffer_of(js_obj(obj)), len, max_len)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue js_array_buffer_new_copy(JSContext *ctx, const uint8_t *buf, size_t len)
{
    JSValue obj = js_array_buffer_create(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, len, 0, false);
    if (!JS_IsException(obj) && len)
        memcpy(js_array_buffer_of(js_obj(obj))->data, buf, len);
    return obj;
}

JSValue js_shared_array_buffer_from_block(JSContext *ctx, uint8_t *block, size_t len,
                                          size_t max_len, bool growable)
{
    JSArrayBuffer *abuf;
    JSValue obj = js_array_buffer_new_object(ctx, JS_UNDEFINED, JS_CLASS_SHARED_ARRAY_BUFFER);
    if (JS_IsException(obj))
        return obj;
    abuf = js_array_buffer_of(js_obj(obj));
    abuf->resizable = growable;
    abuf->byte_length = len;
    abuf->max_byte_length = growable ? max_len : len;
    if (block) {
        js_sab_dup(ctx->rt, block);
        abuf->data = block;
    }
    return obj;
}

JSValue js_array_buffer_adopt(JSContext *ctx, uint8_t *data, size_t len, size_t max_len,
                              bool resizable)
{
    JSArrayBuffer *abuf;
    JSValue obj;
    if (len > JS_ARRAY_BUFFER_MAX_ALLOC || (resizable && (max_len > JS_ARRAY_BUFFER_MAX_ALLOC ||
                                                          len > max_len))) {
        js_throw_alloc_failed(ctx);
        return JS_EXCEPTION;
    }
    obj = js_array_buffer_new_object(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER);
    if (JS_IsException(obj))
        return obj;
    if (data && js_malloc_rt_adopt(ctx->rt, data)) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowOutOfMemory(ctx);
    }
    abuf = js_array_buffer_of(js_obj(obj));
    abuf->data = data;
    abuf->byte_length = len;
    abuf->resizable = resizable;
    abuf->max_byte_length = resizable ? max_len : len;
    return obj;
}

bool js_array_buffer_can_give(JSContext *ctx, JSValueConst obj)
{
    JSArrayBuffer *abuf = js_obj(obj)->u.opaque;
    return abuf->data && !abuf->free_func && !js_block_is_slab(&ctx->rt->alloc, abuf->data);
}

uint8_t *js_array_buffer_give(JSContext *ctx, JSValueConst obj)
{
    JSArrayBuffer *abuf = js_obj(obj)->u.opaque;
    uint8_t *data = NULL;
    if (js_array_buffer_can_give(ctx, obj)) {
        data = js_malloc_rt_release(ctx->rt, abuf->data);
        abuf->data = NULL; /* the caller's now: the detach must not free it */
    }
    js_array_buffer_detach(ctx, obj);
    return data;
}

/* GetArrayBufferMaxByteLengthOption: 0 and *presizable false when absent */
static int js_get_max_byte_length_option(JSContext *ctx, JSValueConst options, uint64_t *pmax,
                                         bool *presizable)
{
    JSValue v;
    int ret;
    *presizable = false;
    *pmax = 0;
    if (!JS_IsObject(options))
        return 0;
    v = JS_GetPropertyStr(ctx, options, "maxByteLength");
    if (JS_IsException(v))
        return -1;
    if (JS_IsUndefined(v))
        return 0;
    ret = JS_ToIndex(ctx, pmax, v);
    JS_FreeValue(ctx, v);
    if (ret == 0)
        *presizable = true;
    return ret;
}

/* ArrayBuffer(length, options) and SharedArrayBuffer(length, options) */
static JSValue js_array_buffer_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                           JSValueConst *argv, int magic)
{
    uint64_t len, max_len;
    bool resizable;
    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Constructor requires 'new'");
    if (JS_ToIndex(ctx, &len, argv[0]) ||
        js_get_max_byte_length_option(ctx, argc > 1 ? argv[1] : JS_UNDEFINED, &max_len,
                                      &resizable))
        return JS_EXCEPTION;
    return js_array_buffer_create(ctx, new_target, magic, len, max_len, resizable);
}

/* ---------------------------------------------------------------------
 * ArrayBuffer statics and accessors
 * ------------------------------------------------------------------- */
static JSValue js_array_buffer_is_view(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    JSClassID id = JS_IsObject(argv[0]) ? js_obj(argv[0])->class_id : JS_CLASS_INVALID;
    return JS_NewBool(ctx, JS_CLASS_IS_TYPED_ARRAY(id) || id == JS_CLASS_DATAVIEW);
}

static JSValue js_array_buffer_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

enum {
    JS_AB_GET_BYTE_LENGTH,
    JS_AB_GET_MAX_BYTE_LENGTH,
    JS_AB_GET_RESIZABLE,
    JS_AB_GET_DETACHED,
    JS_AB_GET_IMMUTABLE,
};

/* the accessors of both prototypes: magic is the field, plus 16 for
   SharedArrayBuffer.prototype */
static JSValue js_array_buffer_getter(JSContext *ctx, JSValueConst this_val, int magic)
{
    bool shared = magic >= 16;
    JSArrayBuffer *abuf = js_this_buffer(ctx, this_val, shared);
    size_t len;
    if (!abuf)
        return JS_EXCEPTION;
    len = js_array_buffer_length(abuf);
    switch (magic & 15) {
    case JS_AB_GET_BYTE_LENGTH:
        return JS_NewInt64(ctx, (int64_t)len);
    case JS_AB_GET_MAX_BYTE_LENGTH:
        if (abuf->detached)
            return JS_NewInt32(ctx, 0);
        return JS_NewInt64(ctx, (int64_t)(abuf->resizable ? abuf->max_byte_length : len));
    case JS_AB_GET_RESIZABLE:
        return JS_NewBool(ctx, abuf->resizable);
    case JS_AB_GET_DETACHED:
        return JS_NewBool(ctx, abuf->detached);
    default:
        return JS_NewBool(ctx, abuf->immutable);
    }
}

/* ResolveBounds(len, start, end) */
static int js_resolve_bounds(JSContext *ctx, size_t len, JSValueConst start, JSValueConst end,
                             int64_t *pfirst, int64_t *pfinal)
{
    if (JS_ToInt64Clamp(ctx, pfirst, start, 0, (int64_t)len, (int64_t)len))
        return -1;
    if (JS_IsUndefined(end)) {
        *pfinal = (int64_t)len;
        return 0;
    }
    return JS_ToInt64Clamp(ctx, pfinal, end, 0, (int64_t)len, (int64_t)len);
}

/* ---------------------------------------------------------------------
 * ArrayBuffer.prototype.slice and sliceToImmutable
 * ------------------------------------------------------------------- */
/* checks the object the species constructor made for slice */
static JSArrayBuffer *js_slice_check_new(JSContext *ctx, JSValueConst new_obj, JSValueConst this_val,
                                         bool shared, size_t new_len)
{
    JSArrayBuffer *nbuf, *abuf = js_obj(this_val)->u.opaque;
    if (!JS_IsObject(new_obj) || !js_is_array_buffer_class(js_obj(new_obj)->class_id)) {
        JS_ThrowTypeError(ctx, "species constructor did not return an ArrayBuffer");
        return NULL;
    }
    nbuf = js_obj(new_obj)->u.opaque;
    if (nbuf->shared != shared) {
        JS_ThrowTypeError(ctx, "species constructor returned the wrong kind of buffer");
        return NULL;
    }
    if (!shared && nbuf->detached) {
        js_throw_detached(ctx);
        return NULL;
    }
    if (shared ? nbuf->data == abuf->data : js_obj(new_obj) == js_obj(this_val)) {
        JS_ThrowTypeError(ctx, "species constructor returned the same buffer");
        return NULL;
    }
    if (js_array_buffer_length(nbuf) < new_len) {
        JS_ThrowTypeError(ctx, "species constructor returned a buffer too small");
        return NULL;
    }
    if (nbuf->immutable) {
        JS_ThrowTypeError(ctx, "species constructor returned an immutable ArrayBuffer");
        return NULL;
    }
    return nbuf;
}

/* ArrayBuffer.prototype.slice (magic 0) and SharedArrayBuffer's (1) */
static JSValue js_array_buffer_slice(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv, int shared)
{
    JSArrayBuffer *abuf = js_this_buffer(ctx, this_val, shared), *nbuf;
    JSValue ctor, new_obj, len_val;
    int64_t first, final;
    size_t new_len, cur_len;
    if (!abuf)
        return JS_EXCEPTION;
    if (!shared && abuf->detached)
        return js_throw_detached(ctx);
    if (js_resolve_bounds(ctx, js_array_buffer_length(abuf), argv[0], argv[1], &first, &final))
        return JS_EXCEPTION;
    new_len = final > first ? (size_t)(final - first) : 0;
    ctor = js_species_constructor(
        ctx, this_val,
        ctx->binary_ctor[(shared ? JS_CLASS_SHARED_ARRAY_BUFFER : JS_CLASS_ARRAY_BUFFER) -
                         JS_CLASS_ARRAY_BUFFER]);
    if (JS_IsException(ctor))
        return ctor;
    len_val = JS_NewInt64(ctx, (int64_t)new_len);
    new_obj = JS_CallConstructor(ctx, ctor, 1, &len_val);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(new_obj))
        return new_obj;
    nbuf = js_slice_check_new(ctx, new_obj, this_val, shared, new_len);
    if (!nbuf)
        goto fail;
    /* the species constructor may have detached or shrunk the source */
    if (abuf->detached) {
        js_throw_detached(ctx);
        goto fail;
    }
    cur_len = js_array_buffer_length(abuf);
    if ((size_t)first < cur_len && new_len) { /* an empty buffer may have no data */
        size_t count = cur_len - (size_t)first < new_len ? cur_len - (size_t)first : new_len;
        memmove(nbuf->data, abuf->data + first, count);
    }
    return new_obj;
fail:
    JS_FreeValue(ctx, new_obj);
    return JS_EXCEPTION;
}

static JSValue js_array_buffer_slice_to_immutable(JSContext *ctx, JSValueConst this_val,
                                                  int argc, JSValueConst *argv)
{
    JSArrayBuffer *abuf = js_this_buffer(ctx, this_val, false), *nbuf;
    JSValue obj;
    int64_t first, final;
    size_t new_len;
    if (!abuf)
        return JS_EXCEPTION;
    if (abuf->detached)
        return js_throw_detached(ctx);
    if (js_resolve_bounds(ctx, abuf->byte_length, argv[0], argv[1], &first, &final))
        return JS_EXCEPTION;
    new_len = final > first ? (size_t)(final - first) : 0;
    if (abuf->detached)
        return js_throw_detached(ctx);
    if (abuf->byte_length < (size_t)final)
        return JS_ThrowRangeError(ctx, "ArrayBuffer shrank below the end of the slice");
    obj = js_array_buffer_create(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER, new_len, 0, false);
    if (JS_IsException(obj))
        return obj;
    nbuf = js_array_buffer_of(js_obj(obj));
    if (new_len)
        memcpy(nbuf->data, abuf->data + first, new_len);
    nbuf->immutable = true;
    return obj;
}

/* ---------------------------------------------------------------------
 * resize, grow, transfer
 * ------------------------------------------------------------------- */
static JSValue js_array_buffer_resize(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    JSArrayBuffer *abuf = js_this_buffer(ctx, this_val, false);
    uint64_t len;
    uint8_t *data;
    if (!abuf)
        return JS_EXCEPTION;
    if (!abuf->resizable)
        return JS_ThrowTypeError(ctx, "ArrayBuffer is not resizable");
    if (JS_ToIndex(ctx, &len, argv[0]))
        return JS_EXCEPTION;
    if (abuf->detached)
        return js_throw_detached(ctx);
    if (len > abuf->max_byte_length)
        return JS_ThrowRangeError(ctx, "new length exceeds maxByteLength");
    if (len != abuf->byte_length) {
        data = js_realloc_rt(ctx->rt, abuf->data, len);
        if (!data && len) {
            js_throw_alloc_failed(ctx);
            return JS_EXCEPTION;
        }
        if (len > abuf->byte_length)
            memset(data + abuf->byte_length, 0, len - abuf->byte_length);
        abuf->data = data;
        abuf->byte_length = len;
        js_array_buffer_update_views(abuf);
    }
    return JS_UNDEFINED;
}

static JSValue js_shared_array_buffer_grow(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv)
{
    JSArrayBuffer *abuf = js_this_buffer(ctx, this_val, true);
    uint64_t len, cur;
    uint64_t *slot;
    if (!abuf)
        return JS_EXCEPTION;
    if (!abuf->resizable)
        return JS_ThrowTypeError(ctx, "SharedArrayBuffer is not growable");
    if (JS_ToIndex(ctx, &len, argv[0]))
        return JS_EXCEPTION;
    slot = js_sab_length_slot(abuf);
    cur = __atomic_load_n(slot, __ATOMIC_SEQ_CST);
    do {
        if (len == cur)
            return JS_UNDEFINED;
        if (len < cur || len > abuf->max_byte_length)
            return JS_ThrowRangeError(ctx, "invalid length for SharedArrayBuffer.prototype.grow");
    } while (!__atomic_compare_exchange_n(slot, &cur, len, false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    abuf->byte_length = len;
    js_array_buffer_update_views(abuf);
    return JS_UNDEFINED;
}

enum {
    JS_TRANSFER_PRESERVE,
    JS_TRANSFER_FIXED,
    JS_TRANSFER_IMMUTABLE,
};

/* moves (or copies) the data of abuf into the new buffer nbuf of length
   len: the runtime's own data is moved with a realloc */
static int js_array_buffer_move_data(JSContext *ctx, JSArrayBuffer *abuf, JSArrayBuffer *nbuf,
                                     size_t len)
{
    size_t old_len = abuf->byte_length;
    uint8_t *data;
    if (!abuf->free_func && abuf->data) {
        data = js_realloc_rt(ctx->rt, abuf->data, len);
        if (!data && len)
            return js_throw_alloc_failed(ctx);
        if (len > old_len)
            memset(data + old_len, 0, len - old_len);
        abuf->data = NULL; /* now nbuf's */
    } else {
        data = len ? js_mallocz_rt(ctx->rt, len) : NULL;
        if (!data && len)
            return js_throw_alloc_failed(ctx);
        if (abuf->data)
            memcpy(data, abuf->data, len < old_len ? len : old_len);
    }
    nbuf->data = data;
    nbuf->byte_length = len;
    return 0;
}

/* ArrayBufferCopyAndDetach: transfer, transferToFixedLength and
   transferToImmutable */
static JSValue js_array_buffer_transfer(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv, int mode)
{
    JSArrayBuffer *abuf = js_this_buffer(ctx, this_val, false), *nbuf;
    uint64_t len;
    bool resizable;
    JSValue obj;
    if (!abuf)
        return JS_EXCEPTION;
    if (argc == 0 || JS_IsUndefined(argv[0]))
        len = abuf->byte_length;
    else if (JS_ToIndex(ctx, &len, argv[0]))
        return JS_EXCEPTION;
    if (abuf->detached)
        return js_throw_detached(ctx);
    if (abuf->immutable)
        return JS_ThrowTypeError(ctx, "an immutable ArrayBuffer cannot be transferred");
    resizable = mode == JS_TRANSFER_PRESERVE && abuf->resizable;
    if (resizable && len > abuf->max_byte_length)
        return JS_ThrowRangeError(ctx, "byteLength exceeds maxByteLength");
    if (len > JS_ARRAY_BUFFER_MAX_ALLOC) {
        js_throw_alloc_failed(ctx);
        return JS_EXCEPTION;
    }
    obj = js_array_buffer_new_object(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER);
    if (JS_IsException(obj))
        return obj;
    nbuf = js_array_buffer_of(js_obj(obj));
    nbuf->resizable = resizable;
    nbuf->max_byte_length = resizable ? abuf->max_byte_length : len;
    nbuf->immutable = mode == JS_TRANSFER_IMMUTABLE;
    if (js_array_buffer_move_data(ctx, abuf, nbuf, len)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    js_array_buffer_detach(ctx, this_val);
    return obj;
}

/* ---------------------------------------------------------------------
 * C API
 * ------------------------------------------------------------------- */
JSValue JS_NewArrayBuffer(JSContext *ctx, uint8_t *buf, size_t len,
                          JSFreeArrayBufferDataFunc *free_func, void *opaque, bool is_shared)
{
    JSArrayBuffer *abuf;
    JSValue obj;
    if (is_shared)
        return js_shared_array_buffer_from_block(ctx, buf, len, len, false);
    obj = js_array_buffer_new_object(ctx, JS_UNDEFINED, JS_CLASS_ARRAY_BUFFER);
    if (JS_IsException(obj))
        return obj; /* the caller still owns buf */
    abuf = js_array_buffer_of(js_obj(obj));
    abuf->data = buf;
    abuf->byte_length = len;
    abuf->max_byte_length = len;
    /* without a free function the embedder keeps the memory */
    abuf->free_func = free_func ? free_func : js_array_buffer_keep_data;
    abuf->free_opaque = opaque;
    return obj;
}

JSValue JS_NewArrayBufferCopy(JSContext *ctx, const uint8_t *buf, size_t len)
{
    return js_array_buffer_new_copy(ctx, buf, len);
}

void JS_DetachArrayBuffer(JSContext *ctx, JSValueConst obj)
{
    js_array_buffer_detach(ctx, obj);
}

uint8_t *JS_GetArrayBuffer(JSContext *ctx, size_t *psize, JSValueConst obj)
{
    JSArrayBuffer *abuf = js_get_array_buffer(ctx, obj);
    *psize = 0;
    if (!abuf)
        return NULL;
    if (abuf->detached) {
        js_throw_detached(ctx);
        return NULL;
    }
    *psize = js_array_buffer_length(abuf);
    return abuf->data;
}

bool JS_IsArrayBuffer(JSValueConst obj)
{
    return JS_IsObject(obj) && js_obj(obj)->class_id == JS_CLASS_ARRAY_BUFFER;
}

bool JS_IsSharedArrayBuffer(JSValueConst obj)
{
    return JS_IsObject(obj) && js_obj(obj)->class_id == JS_CLASS_SHARED_ARRAY_BUFFER;
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_array_buffer_funcs[] = {
    JS_CFUNC_DEF("isView", 1, js_array_buffer_is_view),
    JS_CGETSET_DEF("[Symbol.species]", js_array_buffer_get_species, NULL),
};

static const JSCFunctionListEntry js_array_buffer_proto_funcs[] = {
    JS_CGETSET_MAGIC_DEF("byteLength", js_array_buffer_getter, NULL, JS_AB_GET_BYTE_LENGTH),
    JS_CGETSET_MAGIC_DEF("maxByteLength", js_array_buffer_getter, NULL,
                         JS_AB_GET_MAX_BYTE_LENGTH),
    JS_CGETSET_MAGIC_DEF("resizable", js_array_buffer_getter, NULL, JS_AB_GET_RESIZABLE),
    JS_CGETSET_MAGIC_DEF("detached", js_array_buffer_getter, NULL, JS_AB_GET_DETACHED),
    JS_CGETSET_MAGIC_DEF("immutable", js_array_buffer_getter, NULL, JS_AB_GET_IMMUTABLE),
    JS_CFUNC_DEF("resize", 1, js_array_buffer_resize),
    JS_CFUNC_MAGIC_DEF("slice", 2, js_array_buffer_slice, 0),
    JS_CFUNC_DEF("sliceToImmutable", 2, js_array_buffer_slice_to_immutable),
    JS_CFUNC_MAGIC_DEF("transfer", 0, js_array_buffer_transfer, JS_TRANSFER_PRESERVE),
    JS_CFUNC_MAGIC_DEF("transferToFixedLength", 0, js_array_buffer_transfer, JS_TRANSFER_FIXED),
    JS_CFUNC_MAGIC_DEF("transferToImmutable", 0, js_array_buffer_transfer,
                       JS_TRANSFER_IMMUTABLE),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "ArrayBuffer", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_shared_array_buffer_funcs[] = {
    JS_CGETSET_DEF("[Symbol.species]", js_array_buffer_get_species, NULL),
};

static const JSCFunctionListEntry js_shared_array_buffer_proto_funcs[] = {
    JS_CGETSET_MAGIC_DEF("byteLength", js_array_buffer_getter, NULL, 16 + JS_AB_GET_BYTE_LENGTH),
    JS_CGETSET_MAGIC_DEF("growable", js_array_buffer_getter, NULL, 16 + JS_AB_GET_RESIZABLE),
    JS_CGETSET_MAGIC_DEF("maxByteLength", js_array_buffer_getter, NULL,
                         16 + JS_AB_GET_MAX_BYTE_LENGTH),
    JS_CFUNC_DEF("grow", 1, js_shared_array_buffer_grow),
    JS_CFUNC_MAGIC_DEF("slice", 2, js_array_buffer_slice, 1),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "SharedArrayBuffer", JS_PROP_CONFIGURABLE),
};

static int js_init_buffer_class(JSContext *ctx, JSClassID class_id, JSAtom name,
                                const JSCFunctionListEntry *funcs, int nfuncs,
                                const JSCFunctionListEntry *proto_funcs, int nproto_funcs)
{
    JSValue proto, ctor;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[class_id] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, proto_funcs, nproto_funcs) < 0)
        return -1;
    ctor = js_define_constructor(ctx, name, (JSCFunction *)(void *)js_array_buffer_constructor, 1,
                                 JS_CFUNC_constructor_or_func_magic, class_id, proto);
    if (JS_IsException(ctor))
        return -1;
    ctx->binary_ctor[class_id - JS_CLASS_ARRAY_BUFFER] = ctor;
    return JS_SetPropertyFunctionList(ctx, ctor, funcs, nfuncs) < 0 ? -1 : 0;
}

int js_init_array_buffer(JSContext *ctx)
{
    if (js_init_buffer_class(ctx, JS_CLASS_ARRAY_BUFFER, JS_ATOM_ArrayBuffer,
                             js_array_buffer_funcs, countof(js_array_buffer_funcs),
                             js_array_buffer_proto_funcs, countof(js_array_buffer_proto_funcs)))
        return -1;
    return js_init_buffer_class(ctx, JS_CLASS_SHARED_ARRAY_BUFFER, JS_ATOM_SharedArrayBuffer,
                                js_shared_array_buffer_funcs,
                                countof(js_shared_array_buffer_funcs),
                                js_shared_array_buffer_proto_funcs,
                                countof(js_shared_array_buffer_proto_funcs));
}

void js_array_buffer_init_classes(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_ARRAY_BUFFER].finalizer = js_array_buffer_finalizer;
    rt->class_array[JS_CLASS_SHARED_ARRAY_BUFFER].finalizer = js_array_buffer_finalizer;
}
