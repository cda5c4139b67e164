/*
 * globals.h — reading, writing and declaring global bindings.
 */
#ifndef WEFT_GLOBALS_H
#define WEFT_GLOBALS_H

#include "internal.h"

struct JSFunctionBytecode;

enum {
    JS_GLOBAL_PUT_SLOPPY, /* assignment in sloppy code: may create a property */
    JS_GLOBAL_PUT_STRICT, /* assignment in strict code: ReferenceError if missing */
    JS_GLOBAL_PUT_INIT,   /* initialisation of a global let/const/class */
};

/* the value of global `name` (ReferenceError when missing and
   throw_ref_error, else undefined) */
JSValue js_global_get(JSContext *ctx, JSAtom name, bool throw_ref_error);
/* assigns (frees val); -1 on exception */
int js_global_put(JSContext *ctx, JSAtom name, JSValue val, int mode);
/* delete of an unqualified global name: 0/1, -1 */
int js_global_delete(JSContext *ctx, JSAtom name);
/* Global/EvalDeclarationInstantiation of b's top-level declarations into
   the global environment (target undefined) or an eval var object */
int js_global_decl_instantiate(JSContext *ctx, const struct JSFunctionBytecode *b,
                               JSValueConst target);
/* binds a top-level function declaration */
int js_define_global_func(JSContext *ctx, JSAtom name, JSValueConst fn, JSValueConst target,
                          bool is_eval);

#endif /* WEFT_GLOBALS_H */
