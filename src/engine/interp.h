/*
 * interp.h — the bytecode interpreter.
 */
#ifndef WEFT_INTERP_H
#define WEFT_INTERP_H

#include "internal.h"

/* [[Call]] / [[Construct]] of a bytecode function (func_obj is a
   JS_CLASS_BYTECODE_FUNCTION object); arguments are borrowed */
JSValue js_interp_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                       JSValueConst new_target, int argc, JSValueConst *argv, int flags);

#endif /* WEFT_INTERP_H */
