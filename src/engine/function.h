/*
 * function.h — function objects and calls: C functions, bound functions,
 * bytecode functions, and the single call entry point JS_CallInternal.
 */
#ifndef WEFT_FUNCTION_H
#define WEFT_FUNCTION_H

#include "internal.h"
#include "builtins/proxy.h"

/* flags for JS_CallInternal */
#define JS_CALL_FLAG_COPY_ARGV (1 << 1) /* argv may not outlive the call */

/* [[Call]] / [[Construct]] (with JS_CALL_FLAG_CONSTRUCTOR, this_obj is
   ignored and new_target names the constructor). Never frees its arguments. */
JSValue JS_CallInternal(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                        JSValueConst new_target, int argc, JSValueConst *argv, int flags);
/* JS_Call that frees func_obj */
JSValue JS_CallFree(JSContext *ctx, JSValue func_obj, JSValueConst this_obj, int argc,
                    JSValueConst *argv);
/* Invoke(V, P, args) where V is borrowed */
JSValue JS_InvokeFree(JSContext *ctx, JSValue this_val, JSAtom atom, int argc,
                      JSValueConst *argv);

static inline bool js_is_callable_obj(JSContext *ctx, JSObject *p);
bool JS_IsCallable(JSContext *ctx, JSValueConst val);

/* C functions with an explicit prototype (the realm's Function.prototype
   when proto is JS_UNDEFINED) and name given as an atom */
JSValue js_new_cfunction3(JSContext *ctx, JSCFunction *func, JSAtom name, int length,
                          JSCFunctionEnum cproto, int magic, JSValueConst proto);
/* defines "length" then "name" as the spec orders them */
int js_function_set_properties(JSContext *ctx, JSValueConst func_obj, JSAtom name, int len);
/* SetFunctionName with a property key (prefix: JS_ATOM_get_ / set_ or
   JS_ATOM_NULL) */
int js_set_function_name(JSContext *ctx, JSValueConst func_obj, JSAtom name, JSAtom prefix);
/* GetFunctionRealm */
JSContext *js_get_function_realm(JSContext *ctx, JSValueConst func_obj);
/* SpeciesConstructor(obj, default_ctor) */
JSValue js_species_constructor(JSContext *ctx, JSValueConst obj, JSValueConst default_ctor);
/* GetMethod: undefined/null → JS_UNDEFINED; non-callable → TypeError */
JSValue js_get_method(JSContext *ctx, JSValueConst obj, JSAtom prop);

/* registration of the builtin function classes (runtime.c) */
void js_function_init_classes(JSRuntime *rt);

/* the bytecode function record is defined by the compiler (bytecode.h);
   the collector reaches it through these */
struct JSFunctionBytecode;
void js_bytecode_free_children(JSRuntime *rt, struct JSFunctionBytecode *b);
void js_bytecode_mark(JSRuntime *rt, struct JSFunctionBytecode *b, JSMarkFunc *mark_func);

static inline bool js_is_callable_obj(JSContext *ctx, JSObject *p)
{
    switch (p->class_id) {
    case JS_CLASS_C_FUNCTION:
    case JS_CLASS_BYTECODE_FUNCTION:
    case JS_CLASS_BOUND_FUNCTION:
    case JS_CLASS_C_FUNCTION_DATA:
        return true;
    case JS_CLASS_PROXY: /* callable exactly when its target is */
        return js_proxy_is_callable(p);
    default:
        return ctx->rt->class_array[p->class_id].call != NULL;
    }
}

#endif /* WEFT_FUNCTION_H */
