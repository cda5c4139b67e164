/*
 * weft.h — the public C API of the Weft JavaScript engine (libweft).
 *
 * The names and ownership rules follow the QuickJS family so that embedding
 * code moves over unchanged:
 *  - JSValue is a 64-bit NaN-boxed value passed by value.
 *  - Every function that returns a JSValue returns a reference the caller
 *    owns and must release with JS_FreeValue (or hand on to a function that
 *    documents that it takes ownership: "frees val").
 *  - Arguments of type JSValueConst are borrowed: the callee does not free
 *    them and must JS_DupValue what it keeps.
 *  - Errors are reported as JS_EXCEPTION; the exception itself is pending in
 *    the context and is fetched with JS_GetException.
 *
 * Nothing in the engine is global: everything mutable hangs off a JSRuntime,
 * and a runtime must only be used by one thread at a time.
 */
#ifndef WEFT_H
#define WEFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WEFT_VERSION "0.1.0"

typedef struct JSRuntime JSRuntime;
typedef struct JSContext JSContext;
typedef struct JSObject JSObject;
typedef struct JSClass JSClass;
typedef uint32_t JSClassID;
typedef uint32_t JSAtom;

/* ---------------------------------------------------------------------
 * Values
 *
 * A JSValue is 64 bits. Doubles are stored as themselves (every NaN is
 * canonicalised to 0x7ff8000000000000). The remaining NaN space encodes:
 *   0xFFF9_00tt_vvvvvvvv  int32 (tt = 0) and the specials (tt = tag)
 *   0xFFFA..0xFFFF << 48  reference-counted pointers, one tag per kind
 * ------------------------------------------------------------------- */
typedef uint64_t JSValue;
#define JSValueConst JSValue

enum {
    /* reference-counted kinds: tag == (top 16 bits) - 0x10000 */
    JS_TAG_FIRST = -6,
    JS_TAG_BIG_INT = -6,
    JS_TAG_SYMBOL = -5,
    JS_TAG_STRING = -4,
    JS_TAG_MODULE = -3,            /* used internally */
    JS_TAG_FUNCTION_BYTECODE = -2, /* used internally */
    JS_TAG_OBJECT = -1,
    /* immediates */
    JS_TAG_INT = 0,
    JS_TAG_BOOL = 1,
    JS_TAG_NULL = 2,
    JS_TAG_UNDEFINED = 3,
    JS_TAG_UNINITIALIZED = 4,
    JS_TAG_CATCH_OFFSET = 5,
    JS_TAG_EXCEPTION = 6,
    JS_TAG_FLOAT64 = 7,
};

#define JS_NB_IMM_HI 0xFFF90000u /* top 32 bits of an int32 */
#define JS_NB_PTR_HI 0xFFFA0000u /* first top-32 value of a pointer */

static inline int32_t JS_VALUE_GET_TAG(JSValue v)
{
    uint32_t hi = (uint32_t)(v >> 32);
    if (hi < JS_NB_IMM_HI)
        return JS_TAG_FLOAT64;
    if (hi < JS_NB_PTR_HI)
        return (int32_t)(hi & 0xff);
    return (int32_t)(hi >> 16) - 0x10000;
}
/* same as JS_VALUE_GET_TAG; kept for QuickJS source compatibility */
#define JS_VALUE_GET_NORM_TAG(v) JS_VALUE_GET_TAG(v)

#define JS_MKVAL(tag, val) \
    ((JSValue)(((uint64_t)(JS_NB_IMM_HI | (uint32_t)(tag)) << 32) | (uint32_t)(val)))
#define JS_MKPTR(tag, p) \
    ((JSValue)(((uint64_t)((tag) + 0x10000) << 48) | (uint64_t)(uintptr_t)(p)))

#define JS_VALUE_GET_INT(v) ((int32_t)(uint32_t)(v))
#define JS_VALUE_GET_BOOL(v) ((int)(uint32_t)(v))
#define JS_VALUE_GET_PTR(v) ((void *)(uintptr_t)((v) & 0x0000ffffffffffffull))
#define JS_VALUE_GET_OBJ(v) ((JSObject *)JS_VALUE_GET_PTR(v))

static inline double JS_VALUE_GET_FLOAT64(JSValue v)
{
    double d;
    memcpy(&d, &v, sizeof(d));
    return d;
}

static inline JSValue __JS_NewFloat64(double d)
{
    JSValue v;
    if (d != d)
        return 0x7ff8000000000000ull;
    memcpy(&v, &d, sizeof(v));
    return v;
}

#define JS_VALUE_IS_NAN(v) ((v) == 0x7ff8000000000000ull)
#define JS_TAG_IS_FLOAT64(tag) ((tag) == JS_TAG_FLOAT64)
/* pointers are reference counted; everything else is an immediate */
#define JS_VALUE_HAS_REF_COUNT(v) ((uint32_t)((v) >> 32) >= JS_NB_PTR_HI)

#define JS_NULL JS_MKVAL(JS_TAG_NULL, 0)
#define JS_UNDEFINED JS_MKVAL(JS_TAG_UNDEFINED, 0)
#define JS_FALSE JS_MKVAL(JS_TAG_BOOL, 0)
#define JS_TRUE JS_MKVAL(JS_TAG_BOOL, 1)
#define JS_EXCEPTION JS_MKVAL(JS_TAG_EXCEPTION, 0)
#define JS_UNINITIALIZED JS_MKVAL(JS_TAG_UNINITIALIZED, 0)

static inline bool JS_IsNumber(JSValueConst v)
{
    return (uint32_t)(v >> 32) <= JS_NB_IMM_HI; /* a double, or tag 0 (int) */
}
static inline bool JS_IsInt(JSValueConst v) { return (uint32_t)(v >> 32) == JS_NB_IMM_HI; }
static inline bool JS_IsBool(JSValueConst v) { return JS_VALUE_GET_TAG(v) == JS_TAG_BOOL; }
static inline bool JS_IsNull(JSValueConst v) { return v == JS_NULL; }
static inline bool JS_IsUndefined(JSValueConst v) { return v == JS_UNDEFINED; }
static inline bool JS_IsException(JSValueConst v) { return v == JS_EXCEPTION; }
static inline bool JS_IsUninitialized(JSValueConst v) { return v == JS_UNINITIALIZED; }
static inline bool JS_IsString(JSValueConst v) { return JS_VALUE_GET_TAG(v) == JS_TAG_STRING; }
static inline bool JS_IsSymbol(JSValueConst v) { return JS_VALUE_GET_TAG(v) == JS_TAG_SYMBOL; }
static inline bool JS_IsBigInt(JSValueConst v) { return JS_VALUE_GET_TAG(v) == JS_TAG_BIG_INT; }
static inline bool JS_IsObject(JSValueConst v) { return JS_VALUE_GET_TAG(v) == JS_TAG_OBJECT; }

static inline JSValue JS_NewBool(JSContext *ctx, bool b)
{
    (void)ctx;
    return JS_MKVAL(JS_TAG_BOOL, b != 0);
}
static inline JSValue JS_NewInt32(JSContext *ctx, int32_t v)
{
    (void)ctx;
    return JS_MKVAL(JS_TAG_INT, v);
}
static inline JSValue JS_NewFloat64(JSContext *ctx, double d)
{
    (void)ctx;
    return __JS_NewFloat64(d);
}
/* a number value: int32 when the double is an int32 (and not -0) */
static inline JSValue JS_NewNumber(JSContext *ctx, double d)
{
    (void)ctx;
    if (d >= -2147483648.0 && d <= 2147483647.0) {
        int32_t i = (int32_t)d;
        if ((double)i == d && !(i == 0 && 1 / d < 0))
            return JS_MKVAL(JS_TAG_INT, i);
    }
    return __JS_NewFloat64(d);
}
static inline JSValue JS_NewInt64(JSContext *ctx, int64_t v)
{
    if (v == (int32_t)v)
        return JS_NewInt32(ctx, (int32_t)v);
    return JS_NewFloat64(ctx, (double)v);
}
static inline JSValue JS_NewUint32(JSContext *ctx, uint32_t v)
{
    if (v <= INT32_MAX)
        return JS_NewInt32(ctx, (int32_t)v);
    return JS_NewFloat64(ctx, (double)v);
}

/* ---------------------------------------------------------------------
 * Reference counting
 * ------------------------------------------------------------------- */
typedef struct JSRefCountHeader {
    int ref_count;
} JSRefCountHeader;

void __JS_FreeValueRT(JSRuntime *rt, JSValue v);
void __JS_FreeValue(JSContext *ctx, JSValue v);

static inline void JS_FreeValue(JSContext *ctx, JSValue v)
{
    if (JS_VALUE_HAS_REF_COUNT(v)) {
        JSRefCountHeader *p = (JSRefCountHeader *)JS_VALUE_GET_PTR(v);
        if (--p->ref_count <= 0)
            __JS_FreeValue(ctx, v);
    }
}
static inline void JS_FreeValueRT(JSRuntime *rt, JSValue v)
{
    if (JS_VALUE_HAS_REF_COUNT(v)) {
        JSRefCountHeader *p = (JSRefCountHeader *)JS_VALUE_GET_PTR(v);
        if (--p->ref_count <= 0)
            __JS_FreeValueRT(rt, v);
    }
}
static inline JSValue JS_DupValue(JSContext *ctx, JSValueConst v)
{
    (void)ctx;
    if (JS_VALUE_HAS_REF_COUNT(v))
        ((JSRefCountHeader *)JS_VALUE_GET_PTR(v))->ref_count++;
    return v;
}
static inline JSValue JS_DupValueRT(JSRuntime *rt, JSValueConst v)
{
    (void)rt;
    if (JS_VALUE_HAS_REF_COUNT(v))
        ((JSRefCountHeader *)JS_VALUE_GET_PTR(v))->ref_count++;
    return v;
}

/* ---------------------------------------------------------------------
 * Runtime and context
 * ------------------------------------------------------------------- */
JSRuntime *JS_NewRuntime(void);
/* frees the runtime; every context must have been freed before */
void JS_FreeRuntime(JSRuntime *rt);
void JS_SetRuntimeInfo(JSRuntime *rt, const char *info);
void *JS_GetRuntimeOpaque(JSRuntime *rt);
void JS_SetRuntimeOpaque(JSRuntime *rt, void *opaque);

/* allocation beyond `limit` bytes fails with a catchable out-of-memory
   error; 0 means no limit */
void JS_SetMemoryLimit(JSRuntime *rt, size_t limit);
/* the C stack the engine may use below the point where the runtime was
   created (or JS_UpdateStackTop was last called); 0 disables the check */
void JS_SetMaxStackSize(JSRuntime *rt, size_t stack_size);
/* call from the thread that will use the runtime when it differs from the
   one that created it */
void JS_UpdateStackTop(JSRuntime *rt);
/* collect cycles now */
void JS_RunGC(JSRuntime *rt);
/* the cycle collector runs when the allocated memory grows past threshold */
void JS_SetGCThreshold(JSRuntime *rt, size_t gc_threshold);

/* Polled on backward jumps and calls; returning non-zero makes the running
   code throw an uncatchable "interrupted" InternalError. */
typedef int JSInterruptHandler(JSRuntime *rt, void *opaque);
void JS_SetInterruptHandler(JSRuntime *rt, JSInterruptHandler *cb, void *opaque);

typedef struct JSMemoryUsage {
    int64_t malloc_size, malloc_limit, memory_used_size;
    int64_t malloc_count;
    int64_t memory_used_count;
    int64_t atom_count, atom_size;
    int64_t str_count, str_size;
    int64_t obj_count, obj_size;
    int64_t prop_count, prop_size;
    int64_t shape_count, shape_size;
    int64_t js_func_count, js_func_size, js_func_code_size;
    int64_t js_func_pc2line_count, js_func_pc2line_size;
    int64_t c_func_count, array_count;
    int64_t fast_array_count, fast_array_elements;
    int64_t binary_object_count, binary_object_size;
} JSMemoryUsage;
void JS_ComputeMemoryUsage(JSRuntime *rt, JSMemoryUsage *s);

/* a context with every standard builtin */
JSContext *JS_NewContext(JSRuntime *rt);
void JS_FreeContext(JSContext *ctx);
JSContext *JS_DupContext(JSContext *ctx);
JSRuntime *JS_GetRuntime(JSContext *ctx);
void *JS_GetContextOpaque(JSContext *ctx);
void JS_SetContextOpaque(JSContext *ctx, void *opaque);

/* ---------------------------------------------------------------------
 * Memory (accounted against the runtime's limit)
 * ------------------------------------------------------------------- */
void *js_malloc(JSContext *ctx, size_t size);
void *js_mallocz(JSContext *ctx, size_t size);
void *js_realloc(JSContext *ctx, void *ptr, size_t size);
void js_free(JSContext *ctx, void *ptr);
/* hands a block of js_malloc/js_realloc (JS_WriteObject's output, say)
   over to the caller, who frees it with free(), on any thread; NULL, and
   the block stays the runtime's, for a small block of the runtime's own
   memory */
void *js_malloc_release(JSContext *ctx, void *ptr);
char *js_strdup(JSContext *ctx, const char *str);
void *js_malloc_rt(JSRuntime *rt, size_t size);
void *js_mallocz_rt(JSRuntime *rt, size_t size);
void *js_realloc_rt(JSRuntime *rt, void *ptr, size_t size);
void js_free_rt(JSRuntime *rt, void *ptr);

/* ---------------------------------------------------------------------
 * Atoms (interned property keys). JS_NewAtom* return a reference the caller
 * frees with JS_FreeAtom.
 * ------------------------------------------------------------------- */
#define JS_ATOM_NULL 0
JSAtom JS_NewAtomLen(JSContext *ctx, const char *str, size_t len);
JSAtom JS_NewAtom(JSContext *ctx, const char *str);
JSAtom JS_NewAtomUInt32(JSContext *ctx, uint32_t n);
JSAtom JS_DupAtom(JSContext *ctx, JSAtom v);
void JS_FreeAtom(JSContext *ctx, JSAtom v);
void JS_FreeAtomRT(JSRuntime *rt, JSAtom v);
JSValue JS_AtomToValue(JSContext *ctx, JSAtom atom);
JSValue JS_AtomToString(JSContext *ctx, JSAtom atom);
/* returns a UTF-8 string to free with JS_FreeCString, or NULL */
const char *JS_AtomToCString(JSContext *ctx, JSAtom atom);
/* JS_ATOM_NULL on exception; converts with ToPropertyKey */
JSAtom JS_ValueToAtom(JSContext *ctx, JSValueConst val);

/* ---------------------------------------------------------------------
 * Primitive values and conversions
 * ------------------------------------------------------------------- */
JSValue JS_NewStringLen(JSContext *ctx, const char *str_utf8, size_t len);
JSValue JS_NewString(JSContext *ctx, const char *str_utf8);
/* NUL-terminated UTF-8 (lone surrogates as WTF-8); free with JS_FreeCString.
   *plen receives the byte length when not NULL. NULL on exception. */
const char *JS_ToCStringLen(JSContext *ctx, size_t *plen, JSValueConst val);
static inline const char *JS_ToCString(JSContext *ctx, JSValueConst val)
{
    return JS_ToCStringLen(ctx, NULL, val);
}
void JS_FreeCString(JSContext *ctx, const char *ptr);

JSValue JS_NewSymbol(JSContext *ctx, const char *description, bool is_global);

bool JS_IsFunction(JSContext *ctx, JSValueConst val);
bool JS_IsConstructor(JSContext *ctx, JSValueConst val);
bool JS_IsArray(JSContext *ctx, JSValueConst val);
bool JS_IsError(JSContext *ctx, JSValueConst val);

/* Makes obj an [[IsHTMLDDA]] object (ECMA-262 Annex B.3.6, the web's
   document.all): typeof gives "undefined", ToBoolean false, and == treats
   it like undefined and null. For test harnesses; no effect on non-objects. */
#define WEFT_HAS_IS_HTML_DDA 1
void JS_SetIsHTMLDDA(JSContext *ctx, JSValueConst obj);

/* -1 on exception, else 0/1 */
int JS_ToBool(JSContext *ctx, JSValueConst val);
/* 0 on success, -1 on exception */
int JS_ToInt32(JSContext *ctx, int32_t *pres, JSValueConst val);
int JS_ToUint32(JSContext *ctx, uint32_t *pres, JSValueConst val);
int JS_ToInt64(JSContext *ctx, int64_t *pres, JSValueConst val);
int JS_ToIndex(JSContext *ctx, uint64_t *plen, JSValueConst val);
int JS_ToFloat64(JSContext *ctx, double *pres, JSValueConst val);
/* ToInt32Clamp: clamp to [min, max] after ToIntegerOrInfinity; values
   below zero get neg_offset added first (for relative indices) */
int JS_ToInt32Clamp(JSContext *ctx, int *pres, JSValueConst val, int min, int max, int neg_offset);
int JS_ToInt64Clamp(JSContext *ctx, int64_t *pres, JSValueConst val, int64_t min, int64_t max,
                    int64_t neg_offset);
JSValue JS_ToString(JSContext *ctx, JSValueConst val);
JSValue JS_ToPropertyKey(JSContext *ctx, JSValueConst val);
JSValue JS_ToObject(JSContext *ctx, JSValueConst val);
JSValue JS_ToNumber(JSContext *ctx, JSValueConst val);

/* ---------------------------------------------------------------------
 * Errors. The Throw functions set the pending exception and return
 * JS_EXCEPTION.
 * ------------------------------------------------------------------- */
JSValue JS_Throw(JSContext *ctx, JSValue obj); /* frees obj */
JSValue JS_GetException(JSContext *ctx);       /* takes the pending exception */
bool JS_HasException(JSContext *ctx);
/* an uncatchable error (interrupt, termination) propagates to the host */
bool JS_IsUncatchableError(JSContext *ctx, JSValueConst val);
void JS_SetUncatchableError(JSContext *ctx, JSValueConst val);
void JS_ResetUncatchableError(JSContext *ctx);
JSValue JS_NewError(JSContext *ctx);
JSValue __attribute__((format(printf, 2, 3))) JS_ThrowSyntaxError(JSContext *ctx, const char *fmt, ...);
JSValue __attribute__((format(printf, 2, 3))) JS_ThrowTypeError(JSContext *ctx, const char *fmt, ...);
JSValue __attribute__((format(printf, 2, 3))) JS_ThrowReferenceError(JSContext *ctx, const char *fmt, ...);
JSValue __attribute__((format(printf, 2, 3))) JS_ThrowRangeError(JSContext *ctx, const char *fmt, ...);
JSValue __attribute__((format(printf, 2, 3))) JS_ThrowInternalError(JSContext *ctx, const char *fmt, ...);
/* throws a plain Error (not one of the native error types) */
JSValue __attribute__((format(printf, 2, 3))) JS_ThrowPlainError(JSContext *ctx, const char *fmt, ...);
JSValue JS_ThrowOutOfMemory(JSContext *ctx);

/* ---------------------------------------------------------------------
 * Objects and properties
 * ------------------------------------------------------------------- */
#define JS_PROP_CONFIGURABLE (1 << 0)
#define JS_PROP_WRITABLE (1 << 1)
#define JS_PROP_ENUMERABLE (1 << 2)
#define JS_PROP_C_W_E (JS_PROP_CONFIGURABLE | JS_PROP_WRITABLE | JS_PROP_ENUMERABLE)
#define JS_PROP_LENGTH (1 << 3) /* used internally in Arrays */
#define JS_PROP_TMASK (3 << 4)  /* mask for NORMAL, GETSET, VARREF, AUTOINIT */
#define JS_PROP_NORMAL (0 << 4)
#define JS_PROP_GETSET (1 << 4)
#define JS_PROP_VARREF (2 << 4)   /* used internally */
#define JS_PROP_AUTOINIT (3 << 4) /* used internally */

/* flags for JS_DefineProperty */
#define JS_PROP_HAS_SHIFT 8
#define JS_PROP_HAS_CONFIGURABLE (1 << 8)
#define JS_PROP_HAS_WRITABLE (1 << 9)
#define JS_PROP_HAS_ENUMERABLE (1 << 10)
#define JS_PROP_HAS_GET (1 << 11)
#define JS_PROP_HAS_SET (1 << 12)
#define JS_PROP_HAS_VALUE (1 << 13)
/* throw an exception if false would be returned */
#define JS_PROP_THROW (1 << 14)
/* throw only in strict mode */
#define JS_PROP_THROW_STRICT (1 << 15)
#define JS_PROP_NO_EXOTIC (1 << 16) /* internal */

JSValue JS_NewObject(JSContext *ctx);
JSValue JS_NewObjectProto(JSContext *ctx, JSValueConst proto);
JSValue JS_NewObjectClass(JSContext *ctx, JSClassID class_id);
JSValue JS_NewObjectProtoClass(JSContext *ctx, JSValueConst proto, JSClassID class_id);
JSValue JS_NewArray(JSContext *ctx);
JSValue JS_GetGlobalObject(JSContext *ctx);

JSValue JS_GetProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop);
JSValue JS_GetPropertyStr(JSContext *ctx, JSValueConst this_obj, const char *prop);
JSValue JS_GetPropertyUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx);
JSValue JS_GetPropertyInt64(JSContext *ctx, JSValueConst this_obj, int64_t idx);
/* the Set functions free val; they return -1 on exception, else 0/1 */
int JS_SetProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValue val);
int JS_SetPropertyStr(JSContext *ctx, JSValueConst this_obj, const char *prop, JSValue val);
int JS_SetPropertyUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx, JSValue val);
int JS_SetPropertyInt64(JSContext *ctx, JSValueConst this_obj, int64_t idx, JSValue val);
int JS_HasProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop);
int JS_DeleteProperty(JSContext *ctx, JSValueConst obj, JSAtom prop, int flags);
int JS_IsExtensible(JSContext *ctx, JSValueConst obj);
int JS_PreventExtensions(JSContext *ctx, JSValueConst obj);
JSValue JS_GetPrototype(JSContext *ctx, JSValueConst val);
int JS_SetPrototype(JSContext *ctx, JSValueConst obj, JSValueConst proto_val);

/* the Define functions free val / getter / setter */
int JS_DefineProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValueConst val,
                      JSValueConst getter, JSValueConst setter, int flags);
int JS_DefinePropertyValue(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValue val,
                           int flags);
int JS_DefinePropertyValueUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx, JSValue val,
                                 int flags);
int JS_DefinePropertyValueStr(JSContext *ctx, JSValueConst this_obj, const char *prop, JSValue val,
                              int flags);
int JS_DefinePropertyGetSet(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValue getter,
                            JSValue setter, int flags);

typedef struct JSPropertyDescriptor {
    int flags;
    JSValue value;
    JSValue getter;
    JSValue setter;
} JSPropertyDescriptor;
/* -1 on exception, 0 when absent, 1 when found (desc filled if not NULL;
   the caller frees its values) */
int JS_GetOwnProperty(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj, JSAtom prop);

typedef struct JSPropertyEnum {
    bool is_enumerable;
    JSAtom atom;
} JSPropertyEnum;
#define JS_GPN_STRING_MASK (1 << 0)
#define JS_GPN_SYMBOL_MASK (1 << 1)
#define JS_GPN_PRIVATE_MASK (1 << 2)
#define JS_GPN_ENUM_ONLY (1 << 4)
#define JS_GPN_SET_ENUM (1 << 5)
int JS_GetOwnPropertyNames(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen, JSValueConst obj,
                           int flags);
void JS_FreePropertyEnum(JSContext *ctx, JSPropertyEnum *tab, uint32_t len);

/* ---------------------------------------------------------------------
 * Functions and calls
 * ------------------------------------------------------------------- */
typedef JSValue JSCFunction(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv);
typedef JSValue JSCFunctionMagic(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic);
typedef JSValue JSCFunctionData(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv, int magic, JSValue *func_data);

typedef enum JSCFunctionEnum {
    JS_CFUNC_generic,
    JS_CFUNC_generic_magic,
    JS_CFUNC_constructor,
    JS_CFUNC_constructor_magic,
    JS_CFUNC_constructor_or_func,
    JS_CFUNC_constructor_or_func_magic,
    JS_CFUNC_getter,
    JS_CFUNC_setter,
    JS_CFUNC_getter_magic,
    JS_CFUNC_setter_magic,
} JSCFunctionEnum;

typedef union JSCFunctionType {
    JSCFunction *generic;
    JSValue (*generic_magic)(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int magic);
    /* constructors receive new.target as this_val (undefined for a call) */
    JSCFunction *constructor;
    JSValue (*constructor_magic)(JSContext *ctx, JSValueConst new_target, int argc,
                                 JSValueConst *argv, int magic);
    JSCFunction *constructor_or_func;
    JSValue (*getter)(JSContext *ctx, JSValueConst this_val);
    JSValue (*setter)(JSContext *ctx, JSValueConst this_val, JSValueConst val);
    JSValue (*getter_magic)(JSContext *ctx, JSValueConst this_val, int magic);
    JSValue (*setter_magic)(JSContext *ctx, JSValueConst this_val, JSValueConst val, int magic);
} JSCFunctionType;

JSValue JS_NewCFunction2(JSContext *ctx, JSCFunction *func, const char *name, int length,
                         JSCFunctionEnum cproto, int magic);
JSValue JS_NewCFunctionData(JSContext *ctx, JSCFunctionData *func, int length, int magic,
                            int data_len, JSValueConst *data);
static inline JSValue JS_NewCFunction(JSContext *ctx, JSCFunction *func, const char *name,
                                      int length)
{
    return JS_NewCFunction2(ctx, func, name, length, JS_CFUNC_generic, 0);
}
static inline JSValue JS_NewCFunctionMagic(JSContext *ctx, JSCFunctionMagic *func,
                                           const char *name, int length, JSCFunctionEnum cproto,
                                           int magic)
{
    return JS_NewCFunction2(ctx, (JSCFunction *)(void *)func, name, length, cproto, magic);
}
/* links constructor.prototype and prototype.constructor */
void JS_SetConstructor(JSContext *ctx, JSValueConst func_obj, JSValueConst proto);

JSValue JS_Call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj, int argc,
                JSValueConst *argv);
JSValue JS_Invoke(JSContext *ctx, JSValueConst this_val, JSAtom atom, int argc,
                  JSValueConst *argv);
JSValue JS_CallConstructor(JSContext *ctx, JSValueConst func_obj, int argc, JSValueConst *argv);
JSValue JS_CallConstructor2(JSContext *ctx, JSValueConst func_obj, JSValueConst new_target,
                            int argc, JSValueConst *argv);

/* property lists, as in QuickJS: names starting with "[Symbol." name the
   well-known symbols */
typedef struct JSCFunctionListEntry {
    const char *name;
    uint8_t prop_flags;
    uint8_t def_type;
    int16_t magic;
    union {
        struct {
            uint8_t length;
            uint8_t cproto;
            JSCFunctionType cfunc;
        } func;
        struct {
            JSCFunctionType get;
            JSCFunctionType set;
        } getset;
        struct {
            const char *name;
            int base;
        } alias;
        struct {
            const struct JSCFunctionListEntry *tab;
            int len;
        } prop_list;
        const char *str;
        int32_t i32;
        int64_t i64;
        double f64;
    } u;
} JSCFunctionListEntry;

#define JS_DEF_CFUNC 0
#define JS_DEF_CGETSET 1
#define JS_DEF_CGETSET_MAGIC 2
#define JS_DEF_PROP_STRING 3
#define JS_DEF_PROP_INT32 4
#define JS_DEF_PROP_INT64 5
#define JS_DEF_PROP_DOUBLE 6
#define JS_DEF_PROP_UNDEFINED 7
#define JS_DEF_OBJECT 8
#define JS_DEF_ALIAS 9

#define JS_CFUNC_DEF(name, length, func1)                                         \
    {                                                                             \
        name, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE, JS_DEF_CFUNC, 0,           \
            .u = {.func = {length, JS_CFUNC_generic, {.generic = func1}}}         \
    }
#define JS_CFUNC_MAGIC_DEF(name, length, func1, magic)                                  \
    {                                                                                   \
        name, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE, JS_DEF_CFUNC, magic,             \
            .u = {.func = {length, JS_CFUNC_generic_magic, {.generic_magic = func1}}}   \
    }
#define JS_CFUNC_SPECIAL_DEF(name, length, cproto, func1)                                   \
    {                                                                                       \
        name, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE, JS_DEF_CFUNC, 0,                     \
            .u = {.func = {length, JS_CFUNC_##cproto, {.cproto = func1}}}                   \
    }
#define JS_ITERATOR_NEXT_DEF(name, length, func1, magic)                                    \
    JS_CFUNC_MAGIC_DEF(name, length, func1, magic)
#define JS_CGETSET_DEF(name, fgetter, fsetter)                                    \
    {                                                                             \
        name, JS_PROP_CONFIGURABLE, JS_DEF_CGETSET, 0,                            \
            .u = {.getset = {.get = {.getter = fgetter}, .set = {.setter = fsetter}}} \
    }
#define JS_CGETSET_MAGIC_DEF(name, fgetter, fsetter, magic)                                  \
    {                                                                                        \
        name, JS_PROP_CONFIGURABLE, JS_DEF_CGETSET_MAGIC, magic,                             \
            .u = {.getset = {.get = {.getter_magic = fgetter}, .set = {.setter_magic = fsetter}}} \
    }
#define JS_PROP_STRING_DEF(name, cstr, prop_flags)                 \
    {                                                              \
        name, prop_flags, JS_DEF_PROP_STRING, 0, .u = {.str = cstr} \
    }
#define JS_PROP_INT32_DEF(name, val, prop_flags)                  \
    {                                                             \
        name, prop_flags, JS_DEF_PROP_INT32, 0, .u = {.i32 = val} \
    }
#define JS_PROP_INT64_DEF(name, val, prop_flags)                  \
    {                                                             \
        name, prop_flags, JS_DEF_PROP_INT64, 0, .u = {.i64 = val} \
    }
#define JS_PROP_DOUBLE_DEF(name, val, prop_flags)                  \
    {                                                              \
        name, prop_flags, JS_DEF_PROP_DOUBLE, 0, .u = {.f64 = val} \
    }
#define JS_PROP_UNDEFINED_DEF(name, prop_flags)                  \
    {                                                            \
        name, prop_flags, JS_DEF_PROP_UNDEFINED, 0, .u = {.i32 = 0} \
    }
#define JS_OBJECT_DEF(name, tab, len, prop_flags)                                 \
    {                                                                             \
        name, prop_flags, JS_DEF_OBJECT, 0, .u = {.prop_list = {tab, len}}        \
    }
#define JS_ALIAS_DEF(name, from)                                                          \
    {                                                                                     \
        name, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE, JS_DEF_ALIAS, 0,                   \
            .u = {.alias = {from, -1}}                                                    \
    }

/* -1 on exception */
int JS_SetPropertyFunctionList(JSContext *ctx, JSValueConst obj, const JSCFunctionListEntry *tab,
                               int len);

/* ---------------------------------------------------------------------
 * Classes (host objects)
 * ------------------------------------------------------------------- */
typedef void JSClassFinalizer(JSRuntime *rt, JSValue val);
typedef void JSMarkFunc(JSRuntime *rt, void *gp);
typedef void JSClassGCMark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func);
typedef JSValue JSClassCall(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                            int argc, JSValueConst *argv, int flags);
#define JS_CALL_FLAG_CONSTRUCTOR (1 << 0)

typedef struct JSClassDef {
    const char *class_name;
    JSClassFinalizer *finalizer;
    JSClassGCMark *gc_mark;
    /* when set, objects of the class are callable; with
       JS_CALL_FLAG_CONSTRUCTOR this_val is new.target */
    JSClassCall *call;
} JSClassDef;

JSClassID JS_NewClassID(JSRuntime *rt, JSClassID *pclass_id);
int JS_NewClass(JSRuntime *rt, JSClassID class_id, const JSClassDef *class_def);
bool JS_IsRegisteredClass(JSRuntime *rt, JSClassID class_id);
JSClassID JS_GetClassID(JSValueConst v);
void JS_SetClassProto(JSContext *ctx, JSClassID class_id, JSValue obj);
JSValue JS_GetClassProto(JSContext *ctx, JSClassID class_id);
void JS_SetOpaque(JSValue obj, void *opaque);
void *JS_GetOpaque(JSValueConst obj, JSClassID class_id);
void *JS_GetOpaque2(JSContext *ctx, JSValueConst obj, JSClassID class_id);
void JS_MarkValue(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func);

/* ---------------------------------------------------------------------
 * Evaluation
 * ------------------------------------------------------------------- */
#define JS_EVAL_TYPE_GLOBAL (0 << 0)
#define JS_EVAL_TYPE_MODULE (1 << 0)
#define JS_EVAL_TYPE_DIRECT (2 << 0)   /* internal */
#define JS_EVAL_TYPE_INDIRECT (3 << 0) /* internal */
#define JS_EVAL_TYPE_MASK (3 << 0)
#define JS_EVAL_FLAG_STRICT (1 << 3)
#define JS_EVAL_FLAG_COMPILE_ONLY (1 << 5)
#define JS_EVAL_FLAG_BACKTRACE_BARRIER (1 << 6)

/* input is UTF-8 and must be NUL-terminated at input[input_len] */
JSValue JS_Eval(JSContext *ctx, const char *input, size_t input_len, const char *filename,
                int eval_flags);
JSValue JS_EvalThis(JSContext *ctx, JSValueConst this_obj, const char *input, size_t input_len,
                    const char *filename, int eval_flags);
/* true when the source looks like an ES module (import/export syntax) */
bool JS_DetectModule(const char *input, size_t input_len);

/* ---------------------------------------------------------------------
 * ES modules
 *
 * JS_Eval with JS_EVAL_TYPE_MODULE compiles a module named `filename`,
 * loads the modules it imports, links and evaluates them, and returns the
 * promise of its evaluation (a module with top-level await settles it
 * later). With JS_EVAL_FLAG_COMPILE_ONLY it returns the module record (a
 * JS_TAG_MODULE value, which JS_EvalFunction runs). Every module stays in
 * its context's module map until the context is freed.
 *
 * The host provides the loading: normalize turns an import specifier into
 * a module name relative to the importing module (NULL: "./" and "../"
 * against the importer's directory, other names as they are); load
 * compiles the named module, usually with JS_Eval(..., name,
 * JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY), or makes a C module.
 * ------------------------------------------------------------------- */
#define WEFT_HAS_MODULES 1

typedef struct JSModuleDef JSModuleDef;
/* a js_malloc'ed module name, or NULL with an exception */
typedef char *JSModuleNormalizeFunc(JSContext *ctx, const char *module_base_name,
                                    const char *module_name, void *opaque);
/* the module, or NULL with an exception */
typedef JSModuleDef *JSModuleLoaderFunc(JSContext *ctx, const char *module_name, void *opaque);
void JS_SetModuleLoaderFunc(JSRuntime *rt, JSModuleNormalizeFunc *module_normalize,
                            JSModuleLoaderFunc *module_loader, void *opaque);
/* called once per module when its import.meta object is created, to fill
   it (HostGetImportMetaProperties); -1 with an exception on failure */
typedef int JSModuleImportMetaFunc(JSContext *ctx, JSModuleDef *m, JSValueConst meta,
                                   void *opaque);
void JS_SetImportMetaFunc(JSRuntime *rt, JSModuleImportMetaFunc *func, void *opaque);
/* runs compiled code: a module value (its evaluation promise) or a script
   compiled with JS_EVAL_FLAG_COMPILE_ONLY (its completion value); takes
   fun_obj */
JSValue JS_EvalFunction(JSContext *ctx, JSValue fun_obj);
/* loads the modules a compiled module imports (0, or -1 with an exception) */
int JS_ResolveModule(JSContext *ctx, JSValueConst obj);
/* the module `specifier` names when imported from the script or module
   named base_name, found as an import declaration finds it (normalize,
   then the module map or the loader); NULL with an exception */
JSModuleDef *JS_LoadModuleDef(JSContext *ctx, const char *base_name, const char *specifier);
/* loads the modules m imports, links and evaluates m: the promise of its
   evaluation, already settled unless the graph has top-level await */
JSValue JS_EvalModule(JSContext *ctx, JSModuleDef *m);
/* the name of the script or module of the n_stack_levels-th innermost JS
   function running (0: the innermost; C functions are skipped), or
   JS_ATOM_NULL; the caller frees the atom */
JSAtom JS_GetScriptOrModuleName(JSContext *ctx, int n_stack_levels);
JSAtom JS_GetModuleName(JSContext *ctx, JSModuleDef *m);
/* import.meta of m (created on first use) */
JSValue JS_GetImportMeta(JSContext *ctx, JSModuleDef *m);
JSValue JS_GetModuleNamespace(JSContext *ctx, JSModuleDef *m);

/* modules written in C: the exports are declared before the module is
   imported, and set by func when the module is evaluated */
typedef int JSModuleInitFunc(JSContext *ctx, JSModuleDef *m);
JSModuleDef *JS_NewCModule(JSContext *ctx, const char *name_str, JSModuleInitFunc *func);
int JS_AddModuleExport(JSContext *ctx, JSModuleDef *m, const char *name_str);
int JS_AddModuleExportList(JSContext *ctx, JSModuleDef *m, const JSCFunctionListEntry *tab,
                           int len);
/* takes val */
int JS_SetModuleExport(JSContext *ctx, JSModuleDef *m, const char *export_name, JSValue val);
int JS_SetModuleExportList(JSContext *ctx, JSModuleDef *m, const JSCFunctionListEntry *tab,
                           int len);

/* ---------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------- */
/* JSON.parse of UTF-8 text (buf[0 .. len), no NUL needed) without a
   reviver; filename (may be NULL) only appears in SyntaxError messages */
JSValue JS_ParseJSON(JSContext *ctx, const char *buf, size_t len, const char *filename);
/* JSON.stringify: a string, JS_UNDEFINED when obj is not serializable, or
   JS_EXCEPTION */
JSValue JS_JSONStringify(JSContext *ctx, JSValueConst obj, JSValueConst replacer,
                         JSValueConst space);

/* ---------------------------------------------------------------------
 * BigInt
 * ------------------------------------------------------------------- */
JSValue JS_NewBigInt64(JSContext *ctx, int64_t v);
JSValue JS_NewBigUint64(JSContext *ctx, uint64_t v);
/* ToBigInt64: converts with ToBigInt (TypeError for numbers), then wraps
   modulo 2^64; 0 or -1 on exception */
int JS_ToBigInt64(JSContext *ctx, int64_t *pres, JSValueConst val);

/* ---------------------------------------------------------------------
 * ArrayBuffer, SharedArrayBuffer and typed arrays
 *
 * SharedArrayBuffer memory comes from the runtime's hooks (below); a SAB's
 * data pointer is the block sab_alloc returned, so the pointer that
 * JS_GetArrayBuffer gives in one runtime can make a SharedArrayBuffer on
 * the same memory in another (JS_NewArrayBuffer with is_shared), provided
 * both runtimes use the same hooks.
 * ------------------------------------------------------------------- */
#define WEFT_HAS_DETACH_ARRAY_BUFFER 1
#define WEFT_HAS_CAN_BLOCK 1

typedef void JSFreeArrayBufferDataFunc(JSRuntime *rt, void *opaque, void *ptr);

/* An ArrayBuffer over buf[0, len): the engine calls free_func(rt, opaque,
   buf) when the buffer dies or is detached (free_func may be NULL). With
   is_shared, a fixed-length SharedArrayBuffer: buf must be a block of the
   runtime's sab_alloc (for instance JS_GetArrayBuffer of another
   SharedArrayBuffer); it is sab_dup'ed now and sab_free'd when the object
   dies, and free_func is not used. */
JSValue JS_NewArrayBuffer(JSContext *ctx, uint8_t *buf, size_t len,
                          JSFreeArrayBufferDataFunc *free_func, void *opaque, bool is_shared);
/* an ArrayBuffer holding a copy of buf[0, len) */
JSValue JS_NewArrayBufferCopy(JSContext *ctx, const uint8_t *buf, size_t len);
/* DetachArrayBuffer: afterwards the buffer has length 0 and its views are
   out of bounds. TypeError (pending) when obj is not an ArrayBuffer or is
   an immutable one. */
void JS_DetachArrayBuffer(JSContext *ctx, JSValueConst obj);
/* the bytes of an ArrayBuffer or SharedArrayBuffer (borrowed: valid until
   the buffer dies, is detached or resized) and their count in *psize;
   NULL with a TypeError when obj is not one or is detached (NULL without
   an exception for a zero-length buffer) */
uint8_t *JS_GetArrayBuffer(JSContext *ctx, size_t *psize, JSValueConst obj);
bool JS_IsArrayBuffer(JSValueConst obj);
bool JS_IsSharedArrayBuffer(JSValueConst obj);

typedef enum JSTypedArrayEnum {
    JS_TYPED_ARRAY_UINT8C = 0,
    JS_TYPED_ARRAY_INT8,
    JS_TYPED_ARRAY_UINT8,
    JS_TYPED_ARRAY_INT16,
    JS_TYPED_ARRAY_UINT16,
    JS_TYPED_ARRAY_INT32,
    JS_TYPED_ARRAY_UINT32,
    JS_TYPED_ARRAY_BIG_INT64,
    JS_TYPED_ARRAY_BIG_UINT64,
    JS_TYPED_ARRAY_FLOAT16,
    JS_TYPED_ARRAY_FLOAT32,
    JS_TYPED_ARRAY_FLOAT64,
} JSTypedArrayEnum;

/* new <Type>Array(...argv) */
JSValue JS_NewTypedArray(JSContext *ctx, int argc, JSValueConst *argv,
                         JSTypedArrayEnum array_type);
/* the JSTypedArrayEnum of a typed array, or -1 */
int JS_GetTypedArrayType(JSValueConst obj);
/* the buffer of a typed array (a new reference) and, for pointers that are
   not NULL, the view's byte offset, byte length and element size;
   JS_EXCEPTION with a TypeError when obj is not a typed array */
JSValue JS_GetTypedArrayBuffer(JSContext *ctx, JSValueConst obj, size_t *pbyte_offset,
                               size_t *pbyte_length, size_t *pbytes_per_element);
/* a Uint8Array over a new buffer made as JS_NewArrayBuffer does */
JSValue JS_NewUint8Array(JSContext *ctx, uint8_t *buf, size_t len,
                         JSFreeArrayBufferDataFunc *free_func, void *opaque, bool is_shared);
JSValue JS_NewUint8ArrayCopy(JSContext *ctx, const uint8_t *buf, size_t len);
/* the bytes a Uint8Array views (borrowed, as JS_GetArrayBuffer); NULL
   with a TypeError when obj is not a Uint8Array or is out of bounds */
uint8_t *JS_GetUint8Array(JSContext *ctx, size_t *psize, JSValueConst obj);

/* Where SharedArrayBuffer memory comes from. sab_alloc returns a block of
   at least size bytes (the engine zeroes it) holding one reference;
   sab_dup adds a reference, sab_free drops one. They may be called from
   any thread. Without hooks a runtime uses the engine's: malloc with an
   atomic reference count in a header before the block. */
typedef struct JSSharedArrayBufferFunctions {
    void *(*sab_alloc)(void *opaque, size_t size);
    void (*sab_free)(void *opaque, void *ptr);
    void (*sab_dup)(void *opaque, void *ptr);
    void *sab_opaque;
} JSSharedArrayBufferFunctions;
void JS_SetSharedArrayBufferFunctions(JSRuntime *rt, const JSSharedArrayBufferFunctions *sf);

/* ---------------------------------------------------------------------
 * Value serialization (structured clone; docs/SERIALIZATION.md)
 *
 * The writer throws a TypeError ("... could not be cloned") and returns
 * NULL for a value that cannot be cloned (function, symbol, WeakMap,
 * Proxy...). The reader treats its input as untrusted: malformed bytes
 * make it throw and return JS_EXCEPTION.
 * ------------------------------------------------------------------- */
#define WEFT_HAS_SERIALIZE 1
#define JS_WRITE_OBJ_SAB       (1 << 2) /* SharedArrayBuffers written as references into sab_tab */
#define JS_WRITE_OBJ_REFERENCE (1 << 3) /* keep shared references and cycles */
#define JS_READ_OBJ_SAB        (1 << 2)
#define JS_READ_OBJ_REFERENCE  (1 << 3)
/* the bytes are allocated with the context's allocator: js_free(ctx, buf) */
uint8_t *JS_WriteObject(JSContext *ctx, size_t *psize, JSValueConst obj, int flags);
/* also lists the SAB data pointers met (js_free(ctx, *psab_tab)) */
uint8_t *JS_WriteObject2(JSContext *ctx, size_t *psize, JSValueConst obj, int flags,
                         uint8_t ***psab_tab, size_t *psab_tab_len);
JSValue JS_ReadObject(JSContext *ctx, const uint8_t *buf, size_t buf_len, int flags);
/* postMessage's transferList: the ArrayBuffers in `transfer` (an array, or
   undefined) are detached from the sender; their bytes (malloc()ed, owned
   by the table) are listed in *ptransfer_tab, and the reader makes
   ArrayBuffers that take ownership of them (zero copy). */
typedef struct JSTransferredBuffer {
    uint8_t *data;
    size_t len;
} JSTransferredBuffer;
uint8_t *JS_WriteObjectTransfer(JSContext *ctx, size_t *psize, JSValueConst obj, int flags,
                                JSValueConst transfer, uint8_t ***psab_tab, size_t *psab_tab_len,
                                JSTransferredBuffer **ptransfer_tab, size_t *ptransfer_len);
JSValue JS_ReadObjectTransfer(JSContext *ctx, const uint8_t *buf, size_t buf_len, int flags,
                              JSTransferredBuffer *transfer_tab, size_t transfer_len);
/* frees the buffers of a transfer table the reader did not take (and the
   table itself, allocated with malloc) */
void JS_FreeTransferredBuffers(JSTransferredBuffer *tab, size_t len);

/* ---------------------------------------------------------------------
 * Inspection: the internal slots a debugger or a pretty printer shows,
 * read without running any JS code (no getter, no Proxy trap, no
 * toString). Each getter returns a new reference, JS_UNDEFINED when val
 * is not of the kind named, or JS_EXCEPTION (out of memory).
 * ------------------------------------------------------------------- */
#define WEFT_HAS_INSPECTION 1
bool JS_IsProxy(JSValueConst val);
bool JS_IsDate(JSValueConst val);
bool JS_IsRegExp(JSValueConst val);
bool JS_IsMap(JSValueConst val);
bool JS_IsSet(JSValueConst val);
bool JS_IsWeakMap(JSValueConst val);
bool JS_IsWeakSet(JSValueConst val);
/* [[ProxyTarget]] and [[ProxyHandler]] (JS_NULL once revoked) */
JSValue JS_GetProxyTarget(JSContext *ctx, JSValueConst proxy);
JSValue JS_GetProxyHandler(JSContext *ctx, JSValueConst proxy);
/* the primitive in a Number, String, Boolean, Symbol or BigInt wrapper
   object, or the time value of a Date (a number, NaN when invalid) */
JSValue JS_GetPrimitiveValue(JSContext *ctx, JSValueConst obj);
/* the stack string an error object captured when it was created */
JSValue JS_GetErrorStack(JSContext *ctx, JSValueConst err);
/* a new array of a Map's [key, value] pairs or a Set's values, in
   insertion order */
JSValue JS_GetMapEntries(JSContext *ctx, JSValueConst obj);
/* a RegExp's literal text: "/" + source (escaped) + "/" + flags */
JSValue JS_GetRegExpLiteral(JSContext *ctx, JSValueConst re);
/* Function.prototype.toString of a callable: its source text, or
   "function name() { [native code] }" */
JSValue JS_GetFunctionSource(JSContext *ctx, JSValueConst fn);

/* ---------------------------------------------------------------------
 * Atomics.wait and Atomics.waitAsync
 *
 * Waiters on the same memory wait on one process-wide list, so a notify
 * in one runtime wakes waiters of runtimes on other threads. A blocked
 * Atomics.wait polls the interrupt handler every few tens of milliseconds
 * (how a host stops a worker stuck in a wait).
 * ------------------------------------------------------------------- */
/* whether Atomics.wait may block this runtime's thread (default true;
   false makes it throw a TypeError, as on a browser's main thread) */
void JS_SetCanBlock(JSRuntime *rt, bool can_block);

/* Atomics.waitAsync promises are settled with the host's help:
   - when another thread notifies a waiter of rt, the engine calls
     wake(rt, opaque) on the notifying thread, with the waiter list locked:
     it must not call into any runtime, only arrange for rt's thread to
     call JS_SettleAtomicsWaiters soon (write a byte to a pipe, signal a
     condition variable);
   - JS_SettleAtomicsWaiters(rt), on rt's thread, resolves the promises of
     rt's notified waiters and of those whose timeout passed (their
     reactions become pending jobs) and returns the milliseconds until the
     next timeout of a waiter of rt: INT64_MAX when the waiters left have
     no timeout, -1 when rt has no waiter left.
   A notify on rt's own thread settles rt's waiters at once. */
typedef void JSAtomicsWakeFunc(JSRuntime *rt, void *opaque);
void JS_SetAtomicsWakeFunc(JSRuntime *rt, JSAtomicsWakeFunc *wake, void *opaque);
int64_t JS_SettleAtomicsWaiters(JSRuntime *rt);

/* ---------------------------------------------------------------------
 * Promises and the job queue
 *
 * Promise reactions and the other jobs of ECMA-262 wait in a per-runtime
 * queue; the embedder runs them with JS_ExecutePendingJob (typically until
 * it returns 0 after each macrotask).
 *
 * WeakRef targets created or deref'd by JS stay alive until the job ends;
 * for the host's own script or callback, until the host next finds the
 * queue empty (ClearKeptObjects). FinalizationRegistry callbacks are jobs:
 * JS_IsJobPending reports them once their targets died.
 * ------------------------------------------------------------------- */
#define WEFT_HAS_JOBS 1
#define WEFT_HAS_PROMISE_STATE 1

/* a job: argv holds the values given to JS_EnqueueJob (borrowed) */
typedef JSValue JSJobFunc(JSContext *ctx, int argc, JSValueConst *argv);
/* queues job_func to run in ctx's realm with copies of argv; -1 on
   out-of-memory */
int JS_EnqueueJob(JSContext *ctx, JSJobFunc *job_func, int argc, JSValueConst *argv);
bool JS_IsJobPending(JSRuntime *rt);
/* runs the oldest job: 1 ran one, 0 none pending, -1 the job threw (*pctx
   is the job's context, with the exception pending there; the pointer is
   valid while the embedder holds that context) */
int JS_ExecutePendingJob(JSRuntime *rt, JSContext **pctx);

/* a new pending promise; resolving_funcs[0] and [1] receive its resolve
   and reject functions (new references) */
JSValue JS_NewPromiseCapability(JSContext *ctx, JSValue *resolving_funcs);
typedef enum JSPromiseStateEnum {
    JS_PROMISE_PENDING,
    JS_PROMISE_FULFILLED,
    JS_PROMISE_REJECTED,
} JSPromiseStateEnum;
/* the state of a promise; (JSPromiseStateEnum)-1 when it is not one */
JSPromiseStateEnum JS_PromiseState(JSContext *ctx, JSValue promise);
/* the value or reason of a settled promise (undefined while pending or
   for a non-promise); a new reference */
JSValue JS_PromiseResult(JSContext *ctx, JSValue promise);

/* HostPromiseRejectionTracker: called with is_handled false when a
   promise is rejected while it has no handler, and with is_handled true
   when the first handler is added to such a promise later */
typedef void JSHostPromiseRejectionTracker(JSContext *ctx, JSValueConst promise,
                                           JSValueConst reason, bool is_handled, void *opaque);
void JS_SetHostPromiseRejectionTracker(JSRuntime *rt, JSHostPromiseRejectionTracker *tracker,
                                       void *opaque);

#ifdef __cplusplus
}
#endif

#endif /* WEFT_H */
