/*
 * internal.h — the engine's core data structures: runtime, context, the
 * garbage-collected headers, strings, shapes and objects.
 *
 * Every engine source file includes this header (through the module
 * headers that declare each module's functions). Nothing here is visible to
 * embedders: the public API is include/weft.h.
 *
 * Invariants worth knowing before reading anything else:
 *  - All mutable state lives in a JSRuntime (or a JSContext, which belongs to
 *    exactly one runtime). There is no global mutable variable anywhere.
 *  - Every heap thing a JSValue can point to starts with an int ref_count.
 *    Objects, shapes, function bytecode, closure cells and contexts are
 *    "GC nodes" (JSGCObjectHeader): they can be part of cycles, which the
 *    cycle collector (gc.c) finds by trial deletion. Strings, symbols and
 *    bigints cannot reference other things and are plain refcounted.
 */
#ifndef WEFT_INTERNAL_H
#define WEFT_INTERNAL_H

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "weft.h"
#include "list.h"
#include "alloc.h"

#define countof(a) (sizeof(a) / sizeof((a)[0]))
#define js_likely(x) __builtin_expect(!!(x), 1)
#define js_unlikely(x) __builtin_expect(!!(x), 0)
#define js_force_inline inline __attribute__((always_inline))
#define js_noinline __attribute__((noinline))

/* ---------------------------------------------------------------------
 * Predefined atoms and class ids
 * ------------------------------------------------------------------- */
enum {
    __JS_ATOM_NULL = JS_ATOM_NULL,
#define DEF(name, str) JS_ATOM_##name,
#include "atoms.def"
#undef DEF
    JS_ATOM_END,
};
#define JS_ATOM_Symbol_first JS_ATOM_Symbol_toPrimitive
/* an atom with this bit set is the array index (atom & ~JS_ATOM_TAG_INT) */
#define JS_ATOM_TAG_INT (1u << 31)
#define JS_ATOM_MAX_INT (JS_ATOM_TAG_INT - 1)

enum {
    JS_CLASS_INVALID = 0,
#define DEF(id, name) JS_CLASS_##id,
#include "classes.def"
#undef DEF
    JS_CLASS_INIT_COUNT,
};
#define JS_CLASS_IS_TYPED_ARRAY(id) ((id) >= JS_CLASS_UINT8C_ARRAY && (id) <= JS_CLASS_FLOAT64_ARRAY)

/* ---------------------------------------------------------------------
 * GC nodes
 * ------------------------------------------------------------------- */
typedef enum {
    JS_GC_OBJ_TYPE_JS_OBJECT,
    JS_GC_OBJ_TYPE_FUNCTION_BYTECODE,
    JS_GC_OBJ_TYPE_SHAPE,
    JS_GC_OBJ_TYPE_VAR_REF,
    JS_GC_OBJ_TYPE_JS_CONTEXT,
    JS_GC_OBJ_TYPE_FRAME, /* a suspended generator / async frame */
    JS_GC_OBJ_TYPE_MODULE,
} JSGCObjectTypeEnum;

typedef struct JSGCObjectHeader {
    int ref_count; /* must come first (JSRefCountHeader) */
    uint8_t gc_obj_type;
    /* cycle collector state: 0 normal, 1 in the candidate list, 2 being
       freed as garbage */
    uint8_t mark;
    uint8_t dummy[2];
    struct list_head link; /* in rt->gc_obj_list (or a collector list) */
} JSGCObjectHeader;

/* A closure cell: the storage of a captured variable, shared by the frame
   that declares the variable and every closure that captures it. In a frame
   slot it is stored as JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, var_ref). */
typedef struct JSVarRef {
    JSGCObjectHeader header;
    JSValue value; /* JS_UNINITIALIZED while in its temporal dead zone */
} JSVarRef;

/* ---------------------------------------------------------------------
 * Strings and atoms
 * ------------------------------------------------------------------- */
enum {
    JS_ATOM_TYPE_NONE = 0, /* not interned */
    JS_ATOM_TYPE_STRING,
    JS_ATOM_TYPE_SYMBOL,
    JS_ATOM_TYPE_GLOBAL_SYMBOL, /* Symbol.for */
};

/* Flat strings store their characters inline: Latin-1 when every char is
   below 256, else UTF-16. A rope is the lazy concatenation of two strings;
   it is flattened (and caches the flat result) the first time someone needs
   the characters. Symbols are JSStrings too (their description). */
typedef struct JSString {
    JSRefCountHeader header;
    uint32_t len : 31;
    uint32_t is_wide_char : 1;
    /* for symbols: 0, or 1 when the description is undefined, or 2 for a
       private name (#x) */
    uint32_t hash : 29;
    uint32_t atom_type : 2;
    uint32_t is_rope : 1;
    uint32_t hash_next; /* next atom index in the atom hash chain */
    union {
        uint8_t str8[0];
        uint16_t str16[0];
    } u;
} JSString;

typedef struct JSStringRope {
    JSRefCountHeader header;
    uint32_t len : 31;
    uint32_t is_wide_char : 1;
    uint32_t hash : 29;
    uint32_t atom_type : 2;
    uint32_t is_rope : 1; /* always 1 */
    uint32_t depth;
    JSValue left;  /* JS_UNDEFINED once flattened */
    JSValue right; /* JS_UNDEFINED once flattened */
    JSString *flat; /* the flattened string, once computed */
} JSStringRope;

/* ---------------------------------------------------------------------
 * Shapes and properties
 * ------------------------------------------------------------------- */
typedef struct JSShapeProperty {
    uint32_t hash_next : 26; /* 1 + index of the next entry in the chain; 0 ends */
    uint32_t flags : 6;      /* JS_PROP_C_W_E, JS_PROP_LENGTH and JS_PROP_TMASK */
    JSAtom atom;             /* JS_ATOM_NULL marks a deleted entry */
} JSShapeProperty;

/* A shape describes the layout of an object: its prototype and the ordered
   list of its own properties. Shapes in the runtime's shape hash are shared
   by every object built the same way (the transition "tree" is the hash
   keyed by parent shape + added property); an object that deletes
   properties or grows very large gets its own unshared shape (dictionary
   mode). The property hash table is stored just before the struct:
   prop_hash_end(sh)[-1 - (h & prop_hash_mask)]. */
typedef struct JSShape {
    JSGCObjectHeader header;
    uint8_t is_hashed;             /* member of rt->shape_hash */
    uint8_t has_small_array_index; /* some atom is an integer */
    uint32_t hash;                 /* shape hash: proto and properties */
    uint32_t prop_hash_mask;
    int prop_size;  /* allocated JSShapeProperty entries */
    int prop_count; /* used entries, deleted ones included */
    int deleted_prop_count;
    struct JSShape *shape_hash_next;
    struct JSShape *parent; /* hashed transition shapes: strong reference */
    JSAtom last_atom;       /* hashed transition shapes: the key added */
    JSObject *proto;        /* strong reference, or NULL */
    JSShapeProperty prop[0];
} JSShape;

static inline uint32_t *prop_hash_end(JSShape *sh) { return (uint32_t *)sh; }
static inline void *get_alloc_from_shape(JSShape *sh)
{
    return prop_hash_end(sh) - ((intptr_t)sh->prop_hash_mask + 1);
}
static inline JSShapeProperty *get_shape_prop(JSShape *sh) { return sh->prop; }

typedef struct JSGetterSetter {
    JSObject *getter; /* NULL means undefined */
    JSObject *setter;
} JSGetterSetter;

/* Lazily created builtin property (JS_PROP_AUTOINIT): init_func builds the
   value the first time the property is read. */
typedef JSValue JSAutoInitFunc(JSContext *ctx, JSObject *obj, JSAtom prop, void *opaque);
typedef struct JSAutoInit {
    JSAutoInitFunc *func;
    void *opaque;
} JSAutoInit;

typedef union JSProperty {
    JSValue value;          /* JS_PROP_NORMAL */
    JSGetterSetter *getset; /* JS_PROP_GETSET */
    JSVarRef *var_ref;      /* JS_PROP_VARREF: a binding seen as a property */
    JSAutoInit *init;       /* JS_PROP_AUTOINIT */
} JSProperty;

/* ---------------------------------------------------------------------
 * Objects
 * ------------------------------------------------------------------- */
typedef struct JSCFunctionInfo {
    JSCFunctionType c_function;
    JSContext *realm;
    uint8_t length;
    uint8_t cproto;
    int16_t magic;
} JSCFunctionInfo;

typedef struct JSBoundFunction {
    JSValue func_obj;
    JSValue this_val;
    int argc;
    JSValue argv[0];
} JSBoundFunction;

typedef struct JSCFunctionDataRecord {
    JSCFunctionData *func;
    JSContext *realm;
    uint8_t length;
    uint8_t data_len;
    int16_t magic;
    JSValue data[0];
} JSCFunctionDataRecord;

struct JSFunctionBytecode;

struct JSObject {
    JSGCObjectHeader header;
    uint16_t class_id;
    uint8_t extensible : 1;
    uint8_t is_exotic : 1;      /* the class has exotic property hooks */
    uint8_t fast_array : 1;     /* u.array holds the elements densely */
    uint8_t is_constructor : 1; /* has [[Construct]] */
    uint8_t is_class_constructor : 1;
    uint8_t is_uncatchable_error : 1;
    uint8_t is_HTMLDDA : 1;
    uint8_t is_immutable_proto : 1; /* Object.prototype */
    uint8_t dummy;
    uint32_t dummy2;
    JSShape *shape;
    JSProperty *prop;
    /* weak records pointing at this object, cleared when it dies (weakref.h) */
    struct JSWeakRefRecord *first_weak_ref;
    union {
        void *opaque;
        JSCFunctionInfo cfunc;
        JSBoundFunction *bound_function;
        JSCFunctionDataRecord *c_function_data;
        struct {
            struct JSFunctionBytecode *function_bytecode;
            JSVarRef **var_refs;
            JSObject *home_object; /* for super, or NULL */
            /* class constructors: the instance elements (an array of
               kind, key, value triples), or JS_UNDEFINED */
            JSValue class_fields;
        } func;
        /* fast arrays and arguments objects: elements [0, count) are
           present data properties with C_W_E attributes */
        struct {
            JSValue *values;
            uint32_t count;
            uint32_t size;
        } array;
        JSValue object_data; /* Number, String, Boolean, Symbol, Date */
        /* typed arrays and DataViews (builtins/typedarray.h): the address
           of the first byte and the current length, cached for the
           interpreter's fast paths, and the view record */
        struct {
            uint8_t *ptr;
            size_t count; /* 0 when detached or out of bounds */
            struct JSTypedArray *ta;
            bool read_only; /* the buffer is immutable */
        } typed_array;
    } u;
};

static inline JSObject *js_obj(JSValueConst v) { return (JSObject *)JS_VALUE_GET_PTR(v); }
static inline JSValue js_obj_value(JSObject *p) { return JS_MKPTR(JS_TAG_OBJECT, p); }
static inline JSValue js_dup_obj(JSObject *p)
{
    p->header.ref_count++;
    return JS_MKPTR(JS_TAG_OBJECT, p);
}

/* ---------------------------------------------------------------------
 * Classes
 * ------------------------------------------------------------------- */
typedef struct JSClassExoticMethods {
    /* -1 exception, 0 absent, 1 present (desc filled when not NULL) */
    int (*get_own_property)(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj,
                            JSAtom prop);
    /* appends the exotic own keys (integer keys first, ascending) */
    int (*get_own_property_names)(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                                  JSValueConst obj);
    int (*delete_property)(JSContext *ctx, JSValueConst obj, JSAtom prop);
    int (*define_own_property)(JSContext *ctx, JSValueConst this_obj, JSAtom prop,
                               JSValueConst val, JSValueConst getter, JSValueConst setter,
                               int flags);
    int (*has_property)(JSContext *ctx, JSValueConst obj, JSAtom atom);
    JSValue (*get_property)(JSContext *ctx, JSValueConst obj, JSAtom atom,
                            JSValueConst receiver);
    int (*set_property)(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValueConst value,
                        JSValueConst receiver, int flags);
} JSClassExoticMethods;

struct JSClass {
    JSAtom class_name; /* JS_ATOM_NULL for a free slot */
    JSClassFinalizer *finalizer;
    JSClassGCMark *gc_mark;
    JSClassCall *call;
    const JSClassExoticMethods *exotic;
};

/* ---------------------------------------------------------------------
 * Runtime
 * ------------------------------------------------------------------- */
typedef struct JSStackFrame JSStackFrame;

typedef enum {
    JS_GC_PHASE_NONE,
    JS_GC_PHASE_DECREF,
    JS_GC_PHASE_REMOVE_CYCLES,
} JSGCPhaseEnum;

struct JSRuntime {
    /* allocator and accounting */
    JSAllocState alloc;
    size_t malloc_size;
    size_t malloc_count;
    size_t malloc_limit; /* 0: unlimited */
    size_t gc_threshold;

    const char *rt_info;
    void *user_opaque;

    /* atoms: atom_array[i] is a JSString (or a free-list link with bit 0
       set); atom_hash holds chain heads */
    JSString **atom_array;
    uint32_t atom_size;
    uint32_t atom_count;
    uint32_t *atom_hash;
    uint32_t atom_hash_size;
    uint32_t atom_count_resize;
    int atom_free_index; /* 0 when the free list is empty */

    /* classes */
    JSClass *class_array;
    int class_count;

    /* shapes */
    JSShape **shape_hash;
    int shape_hash_bits;
    int shape_hash_size;
    int shape_hash_count;

    /* garbage collection */
    struct list_head gc_obj_list;           /* every GC node */
    struct list_head gc_zero_ref_count_list; /* nodes waiting to be freed */
    struct list_head tmp_obj_list;          /* collector work list */
    uint8_t gc_phase;
    bool freeing_zero_refs; /* inside js_free_zero_refcount */
    /* strings waiting to be freed (ropes free their children iteratively) */
    JSStringRope *rope_free_list;

    /* contexts */
    struct list_head context_list;

    /* exceptions */
    JSValue current_exception;
    bool in_out_of_memory;
    bool current_exception_is_uncatchable;

    /* interpreter */
    JSStackFrame *current_stack_frame;
    uintptr_t stack_top;
    size_t stack_size;
    uintptr_t stack_limit;
    JSInterruptHandler *interrupt_handler;
    void *interrupt_opaque;
    int interrupt_counter;

    /* jobs (promise reactions), filled by issue 3 */
    struct list_head job_list;
    /* modules: the host's loader and import.meta hooks */
    JSModuleNormalizeFunc *module_normalize_func;
    JSModuleLoaderFunc *module_loader_func;
    void *module_loader_opaque;
    JSModuleImportMetaFunc *import_meta_func;
    void *import_meta_opaque;
    int64_t module_async_evaluation_count; /* [[ModuleAsyncEvaluationCount]] */
    JSHostPromiseRejectionTracker *host_promise_rejection_tracker;
    void *host_promise_rejection_tracker_opaque;

    /* WeakRef and FinalizationRegistry (weakref.c): [[KeptAlive]], an
       open-addressing set of the targets kept until the current job ends,
       and the holders waiting for a cleanup job */
    JSValue *weakref_kept;
    uint32_t weakref_kept_count;
    uint32_t weakref_kept_size;
    struct list_head weakref_cleanup_list;

    /* binary data (builtins/arraybuffer.c) and Atomics (atomics_wait.c):
       the SharedArrayBuffer memory hooks (all NULL: the engine's own),
       whether Atomics.wait may block, this runtime's Atomics.waitAsync
       waiters and the host's hook that wakes its thread for them */
    JSSharedArrayBufferFunctions sab_funcs;
    bool can_block;
    struct list_head async_waiter_list;
    JSAtomicsWakeFunc *atomics_wake_func;
    void *atomics_wake_opaque;

    /* Date (builtins/date.c): tzset() has run since TZ was last seen
       unset, so the C library holds the system's default zone */
    bool date_default_zone_loaded;
};

/* ---------------------------------------------------------------------
 * Context (a realm)
 * ------------------------------------------------------------------- */
enum {
    JS_NATIVE_ERROR_EVAL,
    JS_NATIVE_ERROR_RANGE,
    JS_NATIVE_ERROR_REFERENCE,
    JS_NATIVE_ERROR_SYNTAX,
    JS_NATIVE_ERROR_TYPE,
    JS_NATIVE_ERROR_URI,
    JS_NATIVE_ERROR_INTERNAL,
    JS_NATIVE_ERROR_AGGREGATE,
    JS_NATIVE_ERROR_COUNT,
    JS_PLAIN_ERROR = JS_NATIVE_ERROR_COUNT, /* Error itself, for js_throw_error */
};

/* The legacy static properties of a realm's %RegExp% (Annex B proposal
   "legacy RegExp features"), as the last successful builtin exec of a
   RegExp of the realm left them. The substrings are cut out when read, so
   a match only records positions. */
typedef struct JSRegExpStatics {
    JSValue input;   /* [[RegExpInput]]: a string, or undefined when empty */
    JSValue subject; /* the matched string, or undefined when invalidated */
    int ncaps;       /* capture groups of the match, group 0 included */
    /* start and end of groups 0-9 (-1 when unset; only those below ncaps
       are stored), then of the last group (lastParen) */
    int32_t caps[22];
} JSRegExpStatics;

struct JSContext {
    JSGCObjectHeader header; /* contexts are GC nodes: functions keep their realm */
    JSRuntime *rt;
    struct list_head link;
    void *user_opaque;

    JSShape *array_shape; /* initial shape of Array instances */
    /* the shape of { value, done } iterator results once one was made
       (builtins/intrinsics.c): kept so that they are not rebuilt each time */
    JSShape *iter_result_shape;
    JSValue *class_proto; /* per class id */
    JSValue function_proto;
    JSValue function_ctor;
    JSValue array_ctor;
    JSValue regexp_ctor;
    JSValue promise_ctor;
    /* intrinsic constructors of ArrayBuffer, SharedArrayBuffer and the
       typed arrays, at class id - JS_CLASS_ARRAY_BUFFER (typedarray.h) */
    JSValue binary_ctor[JS_CLASS_DATAVIEW - JS_CLASS_ARRAY_BUFFER + 1];
    JSValue native_error_proto[JS_NATIVE_ERROR_COUNT];
    JSValue iterator_proto;
    JSValue array_proto_values;
    JSValue generator_function_proto; /* %GeneratorFunction.prototype% */
    JSValue generator_proto;          /* %GeneratorPrototype% */
    JSValue async_function_proto;
    JSValue async_generator_function_proto;
    JSValue async_generator_proto;
    JSValue throw_type_error;
    JSValue eval_obj;
    JSValue global_obj;     /* the global object */
    JSValue global_var_obj; /* global lexical bindings (let/const/class) */
    struct list_head module_list; /* the module map (module.c) */

    uint64_t random_state; /* Math.random, per realm */
    JSRegExpStatics regexp_statics; /* RegExp.$1, lastMatch, ... (regexp_legacy.c) */
};

/* ---------------------------------------------------------------------
 * The call stack as the interpreter and C functions see it
 * ------------------------------------------------------------------- */
struct JSStackFrame {
    JSStackFrame *prev_frame;
    JSValue cur_func;           /* the function object being run */
    const uint8_t *cur_pc;      /* bytecode position, for backtraces */
    JSValue *arg_buf;
    JSValue *var_buf;
    int arg_count;
    bool is_strict;
};

#endif /* WEFT_INTERNAL_H */
