/*
 * async.c — async functions: a heap frame (generator.c) driven by promise
 * reactions. Calling an async function creates its result promise and runs
 * the body until the first await; each await resolves the awaited value to
 * a promise (PromiseResolve(%Promise%, v)) and registers two reactions that
 * resume the frame with the value or the reason. When the body completes,
 * the result promise is resolved or rejected.
 *
 * The frame is owned by a small internal object (JS_CLASS_ASYNC_FUNCTION)
 * referenced by the reactions, so a suspended async function lives exactly
 * as long as something can resume it, and the cycle collector sees it.
 */
#include "async.h"
#include "async_iter.h"
#include "atom.h"
#include "builtins/builtins.h"
#include "bytecode.h"
#include "compile.h"
#include "error.h"
#include "function.h"
#include "gc.h"
#include "generator.h"
#include "interp.h"
#include "object.h"
#include "promise.h"
#include "runtime.h"

typedef struct JSAsyncFunction {
    JSHeapFrame *hf; /* NULL once the body completed */
    JSValue promise;
    bool running;
} JSAsyncFunction;

static void js_async_function_finalizer(JSRuntime *rt, JSValue val)
{
    JSAsyncFunction *s = js_obj(val)->u.opaque;
    if (!s)
        return;
    if (s->hf)
        js_heap_frame_free(rt, s->hf);
    JS_FreeValueRT(rt, s->promise);
    js_free_rt(rt, s);
}

static void js_async_function_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSAsyncFunction *s = js_obj(val)->u.opaque;
    if (!s)
        return;
    if (s->hf)
        js_heap_frame_mark(rt, s->hf, s->running, mark_func);
    js_gc_mark_value(rt, s->promise, mark_func);
}

void js_async_init_classes(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_ASYNC_FUNCTION].finalizer = js_async_function_finalizer;
    rt->class_array[JS_CLASS_ASYNC_FUNCTION].gc_mark = js_async_function_mark;
    js_async_generator_init_class(rt);
    js_async_iter_init_class(rt);
}

/* ---------------------------------------------------------------------
 * Await
 * ------------------------------------------------------------------- */
int js_await_value(JSContext *ctx, JSValueConst value, JSCFunctionData *resume,
                   JSValueConst state)
{
    JSValue p;
    int ret;
    p = js_promise_resolve(ctx, ctx->promise_ctor, value);
    if (JS_IsException(p))
        return -1;
    ret = js_perform_promise_then_await(ctx, p, resume, state);
    JS_FreeValue(ctx, p);
    return ret;
}

/* ---------------------------------------------------------------------
 * Async functions
 * ------------------------------------------------------------------- */
static JSValue js_async_function_resume_func(JSContext *ctx, JSValueConst this_val, int argc,
                                             JSValueConst *argv, int magic, JSValue *data);

/* runs the body until it awaits or completes; -1 only for errors that
   cannot be turned into a rejection (uncatchable, out of memory) */
static int js_async_function_resume(JSContext *ctx, JSValueConst state, int kind, JSValue value)
{
    JSAsyncFunction *s = js_obj(state)->u.opaque;
    JSFrame *f = js_heap_frame_get(s->hf);
    for (;;) {
        JSValue ret, exc;
        s->running = true;
        ret = js_interp_run(ctx, f, kind, value);
        s->running = false;
        if (f->state == JS_FRAME_DONE) {
            JSHeapFrame *hf = s->hf;
            int r;
            s->hf = NULL;
            js_heap_frame_free(ctx->rt, hf);
            if (JS_IsException(ret)) {
                if (js_promise_take_exception(ctx, &exc) < 0)
                    return -1;
                r = js_promise_settle(ctx, s->promise, exc, true);
                JS_FreeValue(ctx, exc);
            } else {
                r = js_promise_settle(ctx, s->promise, ret, false);
                JS_FreeValue(ctx, ret);
            }
            return r;
        }
        /* suspended at an await */
        if (js_await_value(ctx, ret, js_async_function_resume_func, state) == 0) {
            JS_FreeValue(ctx, ret);
            return 0;
        }
        JS_FreeValue(ctx, ret);
        if (js_promise_take_exception(ctx, &exc) < 0)
            return -1;
        kind = JS_RESUME_THROW; /* PromiseResolve threw: at the await */
        value = exc;
    }
}

static JSValue js_async_function_resume_func(JSContext *ctx, JSValueConst this_val, int argc,
                                             JSValueConst *argv, int magic, JSValue *data)
{
    if (js_async_function_resume(ctx, data[0], magic, JS_DupValue(ctx, argv[0])) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static JSValue js_async_function_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                                      int argc, JSValueConst *argv)
{
    JSAsyncFunction *s;
    JSValue promise, state;
    promise = js_new_promise(ctx, NULL);
    if (JS_IsException(promise))
        return promise;
    state = JS_NewObjectProtoClass(ctx, JS_NULL, JS_CLASS_ASYNC_FUNCTION);
    if (JS_IsException(state))
        goto fail;
    s = js_mallocz(ctx, sizeof(*s));
    if (!s)
        goto fail;
    js_obj(state)->u.opaque = s;
    s->promise = JS_DupValue(ctx, promise);
    s->hf = js_heap_frame_new(ctx, func_obj, this_obj, argc, argv);
    if (!s->hf || js_async_function_resume(ctx, state, JS_RESUME_START, JS_UNDEFINED) < 0)
        goto fail;
    JS_FreeValue(ctx, state);
    return promise;
fail:
    JS_FreeValue(ctx, state);
    JS_FreeValue(ctx, promise);
    return JS_EXCEPTION;
}

JSValue js_async_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj, int argc,
                      JSValueConst *argv)
{
    JSFunctionBytecode *b = js_obj(func_obj)->u.func.function_bytecode;
    if (b->flags & JS_BC_GENERATOR)
        return js_async_generator_call(ctx, func_obj, this_obj, argc, argv);
    return js_async_function_call(ctx, func_obj, this_obj, argc, argv);
}

/* ---------------------------------------------------------------------
 * Intrinsics
 * ------------------------------------------------------------------- */
static JSValue js_async_function_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                                      JSValueConst *argv)
{
    return js_function_constructor_compile(ctx, new_target, argc, argv, 2);
}

int js_init_async(JSContext *ctx)
{
    JSValue func_proto, ctor;
    func_proto = js_new_plain_object(ctx, ctx->function_proto);
    if (JS_IsException(func_proto))
        return -1;
    ctx->async_function_proto = func_proto;
    ctor = js_new_cfunction3(ctx, js_async_function_ctor, JS_ATOM_AsyncFunction, 1,
                             JS_CFUNC_constructor_or_func, 0, ctx->function_ctor);
    if (JS_IsException(ctor))
        return -1;
    if (JS_DefinePropertyValue(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, func_proto), 0) <
            0 ||
        JS_DefinePropertyValue(ctx, func_proto, JS_ATOM_constructor, ctor,
                               JS_PROP_CONFIGURABLE) < 0 ||
        JS_DefinePropertyValue(ctx, func_proto, JS_ATOM_Symbol_toStringTag,
                               JS_NewString(ctx, "AsyncFunction"), JS_PROP_CONFIGURABLE) < 0)
        return -1;
    return js_init_async_generator(ctx);
}
