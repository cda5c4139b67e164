/*
 * typedarray.h — what the engine shares about binary data: ArrayBuffer and
 * SharedArrayBuffer records, typed array and DataView records, element
 * conversions, and the interpreter's element fast paths.
 *
 * Families: arraybuffer.c (ArrayBuffer, SharedArrayBuffer, the C API),
 * typedarray.c (the integer-indexed exotic objects, the constructors and
 * %TypedArray% statics), typedarray_proto.c (%TypedArray%.prototype),
 * dataview.c, atomics.c (with ../atomics_wait.c, the waiter list).
 *
 * Representation and invariants:
 *  - A buffer object (JS_CLASS_ARRAY_BUFFER / SHARED_ARRAY_BUFFER) has a
 *    JSArrayBuffer in u.opaque. Non-shared data comes from the runtime's
 *    allocator (or the embedder, with a free callback); shared data is a
 *    block from the runtime's sab_alloc hook: the block pointer IS the data
 *    pointer, as in QuickJS, so embedders can pass it between runtimes. A
 *    growable SAB reserves max_byte_length bytes up front (its memory never
 *    moves, other threads may be using it) and keeps its current length in
 *    a trailer after them, read and grown with atomic operations.
 *  - A view (typed array or DataView) holds a reference to its buffer and
 *    a JSTypedArray record linked on the buffer's list of views. The view
 *    caches in u.typed_array the address of its first byte and its current
 *    length (elements; bytes for a DataView) — 0 when the buffer is
 *    detached or the view is out of bounds. Whoever detaches or resizes a
 *    buffer refreshes the caches of all its views (js_array_buffer_update
 *    _views), so the fast paths only compare an index with `count`. A
 *    growable SAB may be grown by another thread: the cache can then be
 *    smaller than the truth, never larger, and the slow paths refresh it.
 *  - The buffer's list of views holds no references. Whichever of the two
 *    is finalized first unlinks the other (the collector frees garbage in
 *    two passes: every finalizer runs before any memory is released).
 */
#ifndef WEFT_TYPEDARRAY_H
#define WEFT_TYPEDARRAY_H

#include <math.h>

#include "../internal.h"
#include "list.h"

/* ---------------------------------------------------------------------
 * Buffers
 * ------------------------------------------------------------------- */
typedef struct JSArrayBuffer {
    uint8_t *data;      /* NULL when detached (or never allocated: length 0) */
    size_t byte_length; /* growable SAB: the value at creation, see js_array_buffer_length */
    size_t max_byte_length; /* resizable / growable only */
    bool shared;
    bool resizable; /* [[ArrayBufferMaxByteLength]] present (growable for a SAB) */
    bool detached;
    bool immutable;
    /* non-shared data given by the embedder: released with free_func
       (NULL: the data is the runtime's, released with js_free_rt) */
    JSFreeArrayBufferDataFunc *free_func;
    void *free_opaque;
    struct list_head views; /* JSTypedArray.link of the views on this buffer */
} JSArrayBuffer;

static inline JSArrayBuffer *js_array_buffer_of(JSObject *p) { return p->u.opaque; }

static inline bool js_is_array_buffer_class(JSClassID id)
{
    return id == JS_CLASS_ARRAY_BUFFER || id == JS_CLASS_SHARED_ARRAY_BUFFER;
}

/* a growable SAB's shared current length lives after the reserved bytes */
static inline uint64_t *js_sab_length_slot(const JSArrayBuffer *abuf)
{
    return (uint64_t *)(abuf->data + ((abuf->max_byte_length + 15) & ~(size_t)15));
}

/* ArrayBufferByteLength(buffer, seq-cst): 0 when detached */
static inline size_t js_array_buffer_length(const JSArrayBuffer *abuf)
{
    if (abuf->shared && abuf->resizable)
        return (size_t)__atomic_load_n(js_sab_length_slot(abuf), __ATOMIC_SEQ_CST);
    return abuf->byte_length;
}

/* the buffer of an ArrayBuffer or SharedArrayBuffer object, or NULL with a
   TypeError */
JSArrayBuffer *js_get_array_buffer(JSContext *ctx, JSValueConst obj);
/* a new buffer: class JS_CLASS_ARRAY_BUFFER or SHARED_ARRAY_BUFFER, its
   prototype from new_target (JS_UNDEFINED: the realm's intrinsic), zeroed
   data; max_len is used when resizable. RangeError when the memory cannot
   be had. */
JSValue js_array_buffer_create(JSContext *ctx, JSValueConst new_target, JSClassID class_id,
                               uint64_t len, uint64_t max_len, bool resizable);
/* a new ArrayBuffer holding a copy of buf[0, len) */
JSValue js_array_buffer_new_copy(JSContext *ctx, const uint8_t *buf, size_t len);
/* a SharedArrayBuffer over an existing block (sab_dup'ed; the serializer
   gives back what JS_WriteObject2 listed); growable when max_len is
   larger than len and the block was allocated growable */
JSValue js_shared_array_buffer_from_block(JSContext *ctx, uint8_t *block, size_t len,
                                          size_t max_len, bool growable);
/* Transfer between runtimes (serialize_*.c). adopt: a new ArrayBuffer of
   the realm that takes ownership of data, a malloc()ed block of at least
   len bytes (or NULL for len 0) that joins the runtime's accounting; on
   failure (memory limit, bad lengths) the caller still owns data.
   give: detaches an attached, mutable ArrayBuffer and returns its bytes
   as a malloc()ed block now owned by the caller — only when can_give says
   the runtime allocated them with malloc (else it returns NULL and the
   bytes are freed: copy them first). */
JSValue js_array_buffer_adopt(JSContext *ctx, uint8_t *data, size_t len, size_t max_len,
                              bool resizable);
bool js_array_buffer_can_give(JSContext *ctx, JSValueConst obj);
uint8_t *js_array_buffer_give(JSContext *ctx, JSValueConst obj);
/* DetachArrayBuffer: -1 with a TypeError for a shared or immutable buffer */
int js_array_buffer_detach(JSContext *ctx, JSValueConst obj);
/* refreshes the cached pointer and length of every view of the buffer
   (after a detach or a resize) */
void js_array_buffer_update_views(JSArrayBuffer *abuf);
JSValue js_throw_detached(JSContext *ctx);

/* ---------------------------------------------------------------------
 * Views
 * ------------------------------------------------------------------- */
typedef struct JSTypedArray {
    struct list_head link; /* in the buffer's views; next == NULL once unlinked */
    JSObject *obj;         /* the view (no reference) */
    JSObject *buffer;      /* a reference */
    size_t byte_offset;
    size_t length;  /* elements (bytes for a DataView), unless track_rab */
    bool track_rab; /* the length follows a resizable buffer */
} JSTypedArray;

static inline bool js_is_typed_array_class(JSClassID id) { return JS_CLASS_IS_TYPED_ARRAY(id); }
static inline bool js_is_typed_array(JSValueConst v)
{
    return JS_IsObject(v) && JS_CLASS_IS_TYPED_ARRAY(((JSObject *)JS_VALUE_GET_PTR(v))->class_id);
}
static inline JSTypedArray *js_typed_array_of(JSObject *p) { return p->u.typed_array.ta; }
static inline JSArrayBuffer *js_view_buffer(JSObject *p)
{
    return js_array_buffer_of(p->u.typed_array.ta->buffer);
}

/* log2 of the element size, by class id (JS_CLASS_UINT8C_ARRAY first) */
static inline int js_typed_array_size_log2(JSClassID id)
{
    static const uint8_t tab[] = {0, 0, 0, 1, 1, 2, 2, 3, 3, 1, 2, 3};
    return tab[id - JS_CLASS_UINT8C_ARRAY];
}
static inline bool js_typed_array_is_bigint(JSClassID id)
{
    return id == JS_CLASS_BIG_INT64_ARRAY || id == JS_CLASS_BIG_UINT64_ARRAY;
}

/* IsTypedArrayOutOfBounds / IsViewOutOfBounds (detached included) */
bool js_view_is_out_of_bounds(JSObject *p);
/* TypedArrayLength (elements; 0 when out of bounds), refreshing the cache */
size_t js_typed_array_length(JSObject *p);
/* recomputes the cached pointer and length from the buffer's state */
void js_view_refresh(JSObject *p);

/* ValidateTypedArray: the object, or NULL with a TypeError (not a typed
   array, detached or out of bounds); *plen receives TypedArrayLength. The
   _write variant also refuses a view of an immutable buffer. */
JSObject *js_validate_typed_array(JSContext *ctx, JSValueConst obj, size_t *plen);
JSObject *js_validate_typed_array_write(JSContext *ctx, JSValueConst obj, size_t *plen);
/* links a new view object (typed array or DataView) to its buffer
   (borrowed) and fills its cache; length in elements (bytes for a
   DataView), ignored when track_rab */
int js_view_attach(JSContext *ctx, JSValueConst obj, JSValueConst buffer, size_t offset,
                   size_t length, bool track_rab);
/* a new typed array of the class over buffer (borrowed), with proto
   (JS_UNDEFINED: the realm's); no argument checks */
JSValue js_typed_array_new_on_buffer(JSContext *ctx, JSValueConst proto, JSClassID class_id,
                                     JSValueConst buffer, size_t offset, size_t length,
                                     bool track_rab);
/* new <Type>Array(len) of the current realm */
JSValue js_typed_array_new_len(JSContext *ctx, JSClassID class_id, uint64_t len);
/* TypedArrayCreateFromConstructor(ctor, args, write?): number_arg when
   args is the single length len */
JSValue js_typed_array_create_from_ctor(JSContext *ctx, JSValueConst ctor, int argc,
                                        JSValueConst *argv, bool number_arg, uint64_t len,
                                        bool write);
/* TypedArraySpeciesCreate */
JSValue js_typed_array_species_create(JSContext *ctx, JSObject *exemplar, int argc,
                                      JSValueConst *argv, bool number_arg, uint64_t len,
                                      bool write);
JSValue js_typed_array_species_create_len(JSContext *ctx, JSObject *exemplar, uint64_t len,
                                          bool write);
/* the realm's intrinsic constructor of a class (new reference) */
JSValue js_typed_array_get_ctor(JSContext *ctx, JSClassID class_id);

/* element access at idx < cached count (no checks) */
JSValue js_typed_array_get_raw(JSContext *ctx, JSObject *p, size_t idx);
double js_typed_array_read_double(JSClassID id, const uint8_t *ptr, size_t i);
void js_typed_array_write_double(JSClassID id, uint8_t *ptr, size_t i, double d);
/* ToNumber or ToBigInt, as the class wants, into *pv (may run user code) */
int js_typed_array_convert(JSContext *ctx, JSClassID class_id, JSValueConst val, JSValue *pv);
/* stores a value converted by js_typed_array_convert at idx < count */
void js_typed_array_store_raw(JSContext *ctx, JSObject *p, size_t idx, JSValueConst num);
/* TypedArraySetElement (converts, then writes if the index is still valid)
   and TypedArrayGetElement, with the numeric index as a double */
int js_typed_array_set_element(JSContext *ctx, JSObject *p, double idx, JSValueConst val);
JSValue js_typed_array_get_element(JSContext *ctx, JSObject *p, double idx);
/* copies n elements of src from si to dst at di (same content type, both
   in bounds); same-type overlaps are fine, callers clone the source when
   types differ on one buffer */
void js_typed_array_copy_elements(JSObject *dst, size_t di, JSObject *src, size_t si, size_t n);

/* the array iterator's hook: -1 with a TypeError when the typed array is
   detached or out of bounds, else 0 and its length */
int js_typed_array_iterator_length(JSContext *ctx, JSValueConst obj, int64_t *plen);

/* %TypedArray%.prototype functions (typedarray_proto.c) */
extern const JSCFunctionListEntry js_typed_array_proto_funcs[];
extern const int js_typed_array_proto_funcs_count;

/* ---------------------------------------------------------------------
 * Element conversions
 * ------------------------------------------------------------------- */
uint16_t js_float64_to_float16(double d);
double js_float16_to_float64(uint16_t h);

/* ToInt32 of a double (modulo 2^32) */
static inline int32_t js_ta_double_to_int32(double d)
{
    double m;
    if (d >= -2147483648.0 && d <= 2147483647.0)
        return (int32_t)d;
    if (!isfinite(d))
        return 0;
    m = fmod(trunc(d), 4294967296.0);
    if (m < 0)
        m += 4294967296.0;
    return (int32_t)(uint32_t)m;
}

/* ToUint8Clamp: round half to even inside [0, 255], NaN to 0 */
static inline uint8_t js_ta_double_to_uint8_clamp(double d)
{
    double f;
    if (!(d > 0))
        return 0;
    if (d >= 255)
        return 255;
    f = floor(d);
    if (d - f > 0.5 || (d - f == 0.5 && ((int)f & 1)))
        f += 1;
    return (uint8_t)f;
}

/* ---------------------------------------------------------------------
 * Interpreter fast paths: obj[key] with an int32 key inside a typed
 * array's cached length. They return false to send the access down the
 * generic path (which also handles BigInt elements and non-number values).
 * Element reads and writes are relaxed atomics: plain moves on the
 * targets we support, and well-defined when another thread shares the
 * memory (SharedArrayBuffer).
 * ------------------------------------------------------------------- */
#define JS_TA_LOAD(type, p, i) __atomic_load_n((type *)(p) + (i), __ATOMIC_RELAXED)
#define JS_TA_STORE(type, p, i, v) __atomic_store_n((type *)(p) + (i), (v), __ATOMIC_RELAXED)

static inline bool js_typed_array_get_fast(JSValueConst obj, JSValueConst key, JSValue *pv)
{
    JSObject *p;
    uint32_t idx;
    uint8_t *ptr;
    if (!JS_IsObject(obj) || !JS_IsInt(key))
        return false;
    p = (JSObject *)JS_VALUE_GET_PTR(obj);
    idx = (uint32_t)JS_VALUE_GET_INT(key);
    if (!JS_CLASS_IS_TYPED_ARRAY(p->class_id) || idx >= p->u.typed_array.count)
        return false;
    ptr = p->u.typed_array.ptr;
    switch (p->class_id) {
    case JS_CLASS_UINT8C_ARRAY:
    case JS_CLASS_UINT8_ARRAY:
        *pv = JS_MKVAL(JS_TAG_INT, JS_TA_LOAD(uint8_t, ptr, idx));
        return true;
    case JS_CLASS_INT8_ARRAY:
        *pv = JS_MKVAL(JS_TAG_INT, JS_TA_LOAD(int8_t, ptr, idx));
        return true;
    case JS_CLASS_INT16_ARRAY:
        *pv = JS_MKVAL(JS_TAG_INT, JS_TA_LOAD(int16_t, ptr, idx));
        return true;
    case JS_CLASS_UINT16_ARRAY:
        *pv = JS_MKVAL(JS_TAG_INT, JS_TA_LOAD(uint16_t, ptr, idx));
        return true;
    case JS_CLASS_INT32_ARRAY:
        *pv = JS_MKVAL(JS_TAG_INT, JS_TA_LOAD(int32_t, ptr, idx));
        return true;
    case JS_CLASS_UINT32_ARRAY: {
        uint32_t v = JS_TA_LOAD(uint32_t, ptr, idx);
        *pv = v <= INT32_MAX ? JS_MKVAL(JS_TAG_INT, (int32_t)v) : __JS_NewFloat64((double)v);
        return true;
    }
    case JS_CLASS_FLOAT32_ARRAY: {
        uint32_t bits = JS_TA_LOAD(uint32_t, ptr, idx);
        float f;
        memcpy(&f, &bits, sizeof(f));
        *pv = __JS_NewFloat64(f);
        return true;
    }
    case JS_CLASS_FLOAT64_ARRAY: {
        uint64_t bits = JS_TA_LOAD(uint64_t, ptr, idx);
        double d;
        memcpy(&d, &bits, sizeof(d));
        *pv = __JS_NewFloat64(d);
        return true;
    }
    case JS_CLASS_FLOAT16_ARRAY:
        *pv = __JS_NewFloat64(js_float16_to_float64(JS_TA_LOAD(uint16_t, ptr, idx)));
        return true;
    default: /* BigInt elements allocate */
        return false;
    }
}

static inline bool js_typed_array_put_fast(JSValueConst obj, JSValueConst key, JSValueConst val)
{
    JSObject *p;
    uint32_t idx;
    uint8_t *ptr;
    double d;
    int32_t i;
    if (!JS_IsObject(obj) || !JS_IsInt(key) || !JS_IsNumber(val))
        return false;
    p = (JSObject *)JS_VALUE_GET_PTR(obj);
    idx = (uint32_t)JS_VALUE_GET_INT(key);
    if (!JS_CLASS_IS_TYPED_ARRAY(p->class_id) || idx >= p->u.typed_array.count ||
        js_typed_array_is_bigint(p->class_id) || p->u.typed_array.read_only)
        return false;
    ptr = p->u.typed_array.ptr;
    if (JS_IsInt(val)) {
        i = JS_VALUE_GET_INT(val);
        d = i;
    } else {
        d = JS_VALUE_GET_FLOAT64(val);
        i = p->class_id < JS_CLASS_FLOAT16_ARRAY ? js_ta_double_to_int32(d) : 0;
    }
    switch (p->class_id) {
    case JS_CLASS_UINT8C_ARRAY:
        JS_TA_STORE(uint8_t, ptr, idx,
                    JS_IsInt(val) ? (uint8_t)(i < 0 ? 0 : i > 255 ? 255 : i)
                                  : js_ta_double_to_uint8_clamp(d));
        break;
    case JS_CLASS_INT8_ARRAY:
    case JS_CLASS_UINT8_ARRAY:
        JS_TA_STORE(uint8_t, ptr, idx, (uint8_t)i);
        break;
    case JS_CLASS_INT16_ARRAY:
    case JS_CLASS_UINT16_ARRAY:
        JS_TA_STORE(uint16_t, ptr, idx, (uint16_t)i);
        break;
    case JS_CLASS_INT32_ARRAY:
    case JS_CLASS_UINT32_ARRAY:
        JS_TA_STORE(uint32_t, ptr, idx, (uint32_t)i);
        break;
    case JS_CLASS_FLOAT16_ARRAY:
        JS_TA_STORE(uint16_t, ptr, idx, js_float64_to_float16(d));
        break;
    case JS_CLASS_FLOAT32_ARRAY: {
        float f = (float)d;
        uint32_t bits;
        memcpy(&bits, &f, sizeof(bits));
        JS_TA_STORE(uint32_t, ptr, idx, bits);
        break;
    }
    default: {
        uint64_t bits;
        memcpy(&bits, &d, sizeof(bits));
        JS_TA_STORE(uint64_t, ptr, idx, bits);
        break;
    }
    }
    return true;
}

#endif /* WEFT_TYPEDARRAY_H */
