/*
 * compile.h — from source text to bytecode: the entry points the rest of
 * the engine uses (JS_Eval, eval(), the Function constructor).
 */
#ifndef WEFT_COMPILE_H
#define WEFT_COMPILE_H

#include "internal.h"
#include "bytecode.h"

/* what kind of code js_compile produces */
typedef enum JSCompileKind {
    JS_COMPILE_SCRIPT,
    JS_COMPILE_MODULE,
    JS_COMPILE_EVAL, /* indirect eval, or direct eval when eval_scope is set */
    JS_COMPILE_FUNCTION, /* the source synthesized by CreateDynamicFunction */
} JSCompileKind;

typedef struct JSCompileOptions {
    JSCompileKind kind;
    bool strict;
    bool wtf8; /* see JSParseOptions.wtf8 */
    const char *filename;
    /* the script or module the code belongs to (for import() and
       import.meta): JS_ATOM_NULL means the code's own filename */
    JSAtom referrer;
    /* direct eval: the caller's function and the scope record of the call
       site (bindings are reached through the caller's frame) */
    JSFunctionBytecode *caller;
    const JSEvalScope *eval_scope;
    /* JS_COMPILE_FUNCTION: 0 normal, 1 generator, 2 async, 3 async generator,
       and the byte ranges of the parameters and the body */
    int function_kind;
    uint32_t params_start, params_end, body_start, body_end;
} JSCompileOptions;

/* Compiles source (UTF-8, NUL-terminated at len) into the bytecode of the
   top-level code (a JS_TAG_FUNCTION_BYTECODE value); SyntaxError on
   failure. */
JSValue js_compile(JSContext *ctx, const char *source, size_t len, const JSCompileOptions *opts);

/* CreateDynamicFunction: the Function / GeneratorFunction /
   AsyncFunction / AsyncGeneratorFunction constructors (kind 0..3) */
JSValue js_function_constructor_compile(JSContext *ctx, JSValueConst new_target, int argc,
                                        JSValueConst *argv, int kind);

/* PerformEval for eval(x): direct when caller is not NULL */
JSValue js_perform_eval(JSContext *ctx, JSValueConst x, JSFunctionBytecode *caller,
                        const JSEvalScope *scope, JSValue *caller_slots,
                        JSVarRef **caller_var_refs, JSValueConst this_obj,
                        JSValueConst new_target, JSValueConst func_obj);

/* installs the global eval function of a new context */
int js_init_eval(JSContext *ctx);

#endif /* WEFT_COMPILE_H */
