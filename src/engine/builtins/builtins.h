/*
 * builtins.h — the standard library families. Each family lives in its own
 * file (object.c, array.c, string.c, ...) and contributes:
 *  - js_init_<family>(ctx): creates its constructors and prototypes in a new
 *    context (called in dependency order by js_init_builtins), and
 *  - optionally js_<family>_init_classes(rt): class hooks (finalizer, mark,
 *    exotic methods) for the classes it owns, called once per runtime.
 *
 * Conventions for builtin functions (see weft.h for the ownership rules):
 *  - arguments are borrowed; C functions can read argv[0 .. length-1] even
 *    when fewer were passed (they are padded with undefined);
 *  - a builtin runs in its own realm: `ctx` is the function's realm;
 *  - strings from JS_ToString are always flat (JS_VALUE_GET_STRING is safe
 *    on them); a string value from anywhere else may be a rope: use
 *    js_get_flat_string.
 */
#ifndef WEFT_BUILTINS_H
#define WEFT_BUILTINS_H

#include "../internal.h"

/* every context gets every builtin */
int js_init_builtins(JSContext *ctx);
/* runtime-level class hooks of all families */
void js_builtins_init_classes(JSRuntime *rt);

/* the families, in initialisation order */
int js_init_object(JSContext *ctx);    /* Object, Object.prototype */
int js_init_function(JSContext *ctx);  /* Function, Function.prototype methods */
int js_init_symbol(JSContext *ctx);
int js_init_error(JSContext *ctx);     /* Error, the native errors, AggregateError */
int js_init_iterator(JSContext *ctx);  /* %IteratorPrototype% */
int js_init_array(JSContext *ctx);     /* Array, %ArrayIteratorPrototype% */
int js_init_string(JSContext *ctx);    /* String, %StringIteratorPrototype% */
int js_init_regexp(JSContext *ctx);    /* RegExp, %RegExpStringIteratorPrototype% */
int js_init_number(JSContext *ctx);
int js_init_boolean(JSContext *ctx);
int js_init_bigint(JSContext *ctx);
int js_init_math(JSContext *ctx);
int js_init_json(JSContext *ctx);
int js_init_date(JSContext *ctx);     /* Date (date.c) */
int js_init_map(JSContext *ctx);       /* Map, Set, WeakMap, WeakSet + iterators */
int js_init_weakref(JSContext *ctx);   /* WeakRef, FinalizationRegistry */
int js_init_reflect(JSContext *ctx);
int js_init_array_buffer(JSContext *ctx); /* ArrayBuffer, SharedArrayBuffer */
int js_init_typed_arrays(JSContext *ctx); /* %TypedArray% and the 12 typed arrays */
int js_init_dataview(JSContext *ctx);
int js_init_atomics(JSContext *ctx);
int js_init_global(JSContext *ctx);    /* globalThis, parseInt, isNaN, URI functions, ... */

void js_array_init_classes(JSRuntime *rt);
void js_string_init_classes(JSRuntime *rt);
void js_regexp_init_classes(JSRuntime *rt);
void js_map_init_classes(JSRuntime *rt);
void js_weakref_init_classes(JSRuntime *rt);
void js_iterator_init_classes(JSRuntime *rt);
void js_array_buffer_init_classes(JSRuntime *rt);
void js_typed_array_init_classes(JSRuntime *rt); /* typed arrays and DataView */

/* ---------------------------------------------------------------------
 * Helpers shared by the families (intrinsics.c)
 * ------------------------------------------------------------------- */
/* Creates constructor `name` (a C function with the given cproto) whose
   "prototype" is proto (non-writable, non-enumerable, non-configurable) and
   proto.constructor the new function; defines it on the global object
   (writable, configurable) unless name is JS_ATOM_NULL. Returns a new
   reference to the constructor. */
JSValue js_define_constructor(JSContext *ctx, JSAtom name, JSCFunction *func, int length,
                              JSCFunctionEnum cproto, int magic, JSValueConst proto);
/* a new ordinary object with the given prototype */
JSValue js_new_plain_object(JSContext *ctx, JSValueConst proto);
/* CreateIterResultObject */
JSValue js_create_iter_result(JSContext *ctx, JSValue value, bool done);
/* the realm's %ThrowTypeError% */
JSValue js_throw_type_error_func(JSContext *ctx);

/* String exotic objects: the own "length" of a new String wrapper */
int js_string_object_init_length(JSContext *ctx, JSValueConst obj);
/* Array iterators, shared with arguments objects and typed arrays:
   kind 0 keys, 1 values, 2 entries */
JSValue js_create_array_iterator(JSContext *ctx, JSValueConst obj, int kind);
/* %Array.prototype.values% of the realm, for arguments objects */
JSValue js_array_proto_values(JSContext *ctx);

/* Map and Set for the structured clone (serialize_*.c), without user code:
   a new empty Map or Set of the realm; adding an entry (value ignored for
   a Set); the live entries, in order, as new references — key, value
   pairs for a Map, keys for a Set — in *ptab (js_free; count entries) */
JSValue js_map_new_empty(JSContext *ctx, bool is_set);
int js_map_put(JSContext *ctx, JSValueConst obj, JSValueConst key, JSValueConst value);
int js_map_snapshot(JSContext *ctx, JSValueConst obj, JSValue **ptab, uint32_t *pcount);

#endif /* WEFT_BUILTINS_H */
