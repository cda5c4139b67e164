/*
 * async.h — async functions and async generators (frames resumed by
 * promise reactions).
 */
#ifndef WEFT_ASYNC_H
#define WEFT_ASYNC_H

#include "internal.h"

/* calling an async function or async generator function */
JSValue js_async_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj, int argc,
                      JSValueConst *argv);
JSValue js_async_generator_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                                int argc, JSValueConst *argv);

/* Await(value) for a suspended frame: resume(ctx, ..., magic, data) is
   called with magic JS_RESUME_NEXT and the value, or JS_RESUME_THROW and
   the reason; data[0] is state. -1 with an exception pending when
   PromiseResolve failed. */
int js_await_value(JSContext *ctx, JSValueConst value, JSCFunctionData *resume,
                   JSValueConst state);

void js_async_init_classes(JSRuntime *rt);
void js_async_generator_init_class(JSRuntime *rt);
/* %AsyncFunction%, %AsyncGeneratorFunction% and their prototypes */
int js_init_async(JSContext *ctx);
int js_init_async_generator(JSContext *ctx);

#endif /* WEFT_ASYNC_H */
