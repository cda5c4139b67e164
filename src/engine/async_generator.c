/*
 * async_generator.c — async generators (ECMA-262 §27.6): a heap frame
 * with a queue of requests. next/return/throw enqueue a request (its
 * completion and its promise) and resume the generator when it is
 * suspended; each yield settles the oldest request and either continues
 * with the next one or suspends; awaits inside the body are ordinary
 * awaits (js_await_value). The compiled code does the awaits the spec puts
 * around yield and return; this file does the queue and the states.
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

typedef enum {
    JS_AGEN_SUSPENDED_START,
    JS_AGEN_SUSPENDED_YIELD,
    JS_AGEN_EXECUTING,
    JS_AGEN_AWAITING_RETURN,
    JS_AGEN_COMPLETED,
} JSAsyncGeneratorState;

typedef struct JSAsyncGenRequest {
    struct list_head link;
    int kind; /* JS_RESUME_NEXT / RETURN / THROW */
    JSValue value;
    JSValue promise;
} JSAsyncGenRequest;

typedef struct JSAsyncGenerator {
    JSAsyncGeneratorState state;
    JSHeapFrame *hf; /* NULL once completed */
    struct list_head queue;
} JSAsyncGenerator;

static void js_agen_free_request(JSRuntime *rt, JSAsyncGenRequest *r)
{
    list_del(&r->link);
    JS_FreeValueRT(rt, r->value);
    JS_FreeValueRT(rt, r->promise);
    js_free_rt(rt, r);
}

static void js_async_generator_finalizer(JSRuntime *rt, JSValue val)
{
    JSAsyncGenerator *g = js_obj(val)->u.opaque;
    struct list_head *el, *el1;
    if (!g)
        return;
    list_for_each_safe(el, el1, &g->queue) {
        js_agen_free_request(rt, list_entry(el, JSAsyncGenRequest, link));
    }
    if (g->hf)
        js_heap_frame_free(rt, g->hf);
    js_free_rt(rt, g);
}

static void js_async_generator_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSAsyncGenerator *g = js_obj(val)->u.opaque;
    struct list_head *el;
    if (!g)
        return;
    list_for_each(el, &g->queue) {
        JSAsyncGenRequest *r = list_entry(el, JSAsyncGenRequest, link);
        js_gc_mark_value(rt, r->value, mark_func);
        js_gc_mark_value(rt, r->promise, mark_func);
    }
    if (g->hf)
        js_heap_frame_mark(rt, g->hf, g->state == JS_AGEN_EXECUTING, mark_func);
}

void js_async_generator_init_class(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_ASYNC_GENERATOR].finalizer = js_async_generator_finalizer;
    rt->class_array[JS_CLASS_ASYNC_GENERATOR].gc_mark = js_async_generator_mark;
}

static JSAsyncGenRequest *js_agen_front(JSAsyncGenerator *g)
{
    if (list_empty(&g->queue))
        return NULL;
    return list_entry(g->queue.next, JSAsyncGenRequest, link);
}

/* AsyncGeneratorCompleteStep: settles the oldest request */
static int js_agen_complete_step(JSContext *ctx, JSAsyncGenerator *g, JSValue value, bool done,
                                 bool is_throw)
{
    JSAsyncGenRequest *r = js_agen_front(g);
    JSValue promise = JS_DupValue(ctx, r->promise), v;
    int ret;
    js_agen_free_request(ctx->rt, r);
    if (is_throw) {
        ret = js_promise_settle(ctx, promise, value, true);
        JS_FreeValue(ctx, value);
    } else {
        v = js_create_iter_result(ctx, value, done);
        ret = JS_IsException(v) ? -1 : js_promise_settle(ctx, promise, v, false);
        JS_FreeValue(ctx, v);
    }
    JS_FreeValue(ctx, promise);
    return ret;
}

static void js_agen_complete(JSContext *ctx, JSAsyncGenerator *g)
{
    g->state = JS_AGEN_COMPLETED;
    if (g->hf) {
        JSHeapFrame *hf = g->hf;
        g->hf = NULL;
        js_heap_frame_free(ctx->rt, hf);
    }
}

static int js_agen_drain_queue(JSContext *ctx, JSValueConst gen_obj);

/* AsyncGeneratorAwaitReturn: a return request on a finished generator */
static JSValue js_agen_await_return_func(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv, int magic, JSValue *data)
{
    JSAsyncGenerator *g = js_obj(data[0])->u.opaque;
    g->state = JS_AGEN_COMPLETED;
    if (js_agen_complete_step(ctx, g, JS_DupValue(ctx, argv[0]), true,
                              magic == JS_RESUME_THROW) < 0 ||
        js_agen_drain_queue(ctx, data[0]) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static int js_agen_await_return(JSContext *ctx, JSValueConst gen_obj)
{
    JSAsyncGenerator *g = js_obj(gen_obj)->u.opaque;
    JSAsyncGenRequest *r = js_agen_front(g);
    JSValue exc;
    g->state = JS_AGEN_AWAITING_RETURN;
    if (js_await_value(ctx, r->value, js_agen_await_return_func, gen_obj) == 0)
        return 0;
    if (js_promise_take_exception(ctx, &exc) < 0)
        return -1;
    g->state = JS_AGEN_COMPLETED;
    if (js_agen_complete_step(ctx, g, exc, true, true) < 0)
        return -1;
    return js_agen_drain_queue(ctx, gen_obj);
}

/* AsyncGeneratorDrainQueue: the generator is completed */
static int js_agen_drain_queue(JSContext *ctx, JSValueConst gen_obj)
{
    JSAsyncGenerator *g = js_obj(gen_obj)->u.opaque;
    JSAsyncGenRequest *r;
    while ((r = js_agen_front(g))) {
        if (r->kind == JS_RESUME_RETURN)
            return js_agen_await_return(ctx, gen_obj);
        if (r->kind == JS_RESUME_THROW) {
            if (js_agen_complete_step(ctx, g, JS_DupValue(ctx, r->value), true, true) < 0)
                return -1;
        } else if (js_agen_complete_step(ctx, g, JS_UNDEFINED, true, false) < 0) {
            return -1;
        }
    }
    return 0;
}

static JSValue js_agen_resume_func(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic, JSValue *data);

/* runs the body with a completion until it yields, completes or awaits */
static int js_agen_resume(JSContext *ctx, JSValueConst gen_obj, int kind, JSValue value)
{
    JSAsyncGenerator *g = js_obj(gen_obj)->u.opaque;
    for (;;) {
        JSFrame *f = js_heap_frame_get(g->hf);
        JSValue ret, exc;
        JSAsyncGenRequest *next;
        g->state = JS_AGEN_EXECUTING;
        ret = js_interp_run(ctx, f, kind, value);
        if (f->state == JS_FRAME_DONE) {
            js_agen_complete(ctx, g);
            if (JS_IsException(ret)) {
                if (js_promise_take_exception(ctx, &exc) < 0)
                    return -1;
                if (js_agen_complete_step(ctx, g, exc, true, true) < 0)
                    return -1;
            } else if (js_agen_complete_step(ctx, g, ret, true, false) < 0) {
                return -1;
            }
            return js_agen_drain_queue(ctx, gen_obj);
        }
        if (f->state == JS_FRAME_SUSPENDED_AWAIT) {
            if (js_await_value(ctx, ret, js_agen_resume_func, gen_obj) == 0) {
                JS_FreeValue(ctx, ret);
                return 0;
            }
            JS_FreeValue(ctx, ret);
            if (js_promise_take_exception(ctx, &exc) < 0)
                return -1;
            kind = JS_RESUME_THROW;
            value = exc;
            continue;
        }
        /* a yield: the value was awaited by the compiled code */
        if (js_agen_complete_step(ctx, g, ret, false, false) < 0)
            return -1;
        next = js_agen_front(g);
        if (!next) {
            g->state = JS_AGEN_SUSPENDED_YIELD;
            return 0;
        }
        kind = next->kind;
        value = JS_DupValue(ctx, next->value);
    }
}

static JSValue js_agen_resume_func(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic, JSValue *data)
{
    if (js_agen_resume(ctx, data[0], magic, JS_DupValue(ctx, argv[0])) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* next / return / throw (magic: JS_RESUME_NEXT / RETURN / THROW) */
static JSValue js_async_generator_method(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv, int magic)
{
    JSAsyncGenerator *g = JS_GetOpaque(this_val, JS_CLASS_ASYNC_GENERATOR);
    JSAsyncGenRequest *r;
    JSValue promise = js_new_promise(ctx, NULL), exc;
    JSAsyncGeneratorState state;
    if (JS_IsException(promise))
        return promise;
    if (!g) {
        JS_ThrowTypeError(ctx, "not an AsyncGenerator");
        if (js_promise_take_exception(ctx, &exc) < 0)
            goto fail;
        js_promise_settle(ctx, promise, exc, true);
        JS_FreeValue(ctx, exc);
        return promise;
    }
    state = g->state;
    if (state == JS_AGEN_SUSPENDED_START && magic == JS_RESUME_THROW) {
        js_agen_complete(ctx, g);
        state = JS_AGEN_COMPLETED;
    }
    if (state == JS_AGEN_COMPLETED && magic != JS_RESUME_RETURN && list_empty(&g->queue)) {
        if (magic == JS_RESUME_THROW) {
            js_promise_settle(ctx, promise, argv[0], true);
        } else {
            JSValue v = js_create_iter_result(ctx, JS_UNDEFINED, true);
            if (JS_IsException(v))
                goto fail;
            js_promise_settle(ctx, promise, v, false);
            JS_FreeValue(ctx, v);
        }
        return promise;
    }
    r = js_malloc(ctx, sizeof(*r));
    if (!r)
        goto fail;
    r->kind = magic;
    r->value = JS_DupValue(ctx, argv[0]);
    r->promise = JS_DupValue(ctx, promise);
    list_add_tail(&r->link, &g->queue);
    if (state == JS_AGEN_SUSPENDED_START && magic == JS_RESUME_RETURN) {
        js_agen_complete(ctx, g);
        state = JS_AGEN_COMPLETED;
    }
    if (state == JS_AGEN_COMPLETED) {
        if (js_agen_await_return(ctx, this_val) < 0)
            goto fail;
    } else if (state == JS_AGEN_SUSPENDED_START || state == JS_AGEN_SUSPENDED_YIELD) {
        if (js_agen_resume(ctx, this_val, magic, JS_DupValue(ctx, argv[0])) < 0)
            goto fail;
    }
    return promise;
fail:
    JS_FreeValue(ctx, promise);
    return JS_EXCEPTION;
}

JSValue js_async_generator_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                                int argc, JSValueConst *argv)
{
    JSHeapFrame *hf = js_heap_frame_new(ctx, func_obj, this_obj, argc, argv);
    JSAsyncGenerator *g;
    JSValue ret, proto, obj;
    if (!hf)
        return JS_EXCEPTION;
    /* the prologue runs now, up to the initial yield */
    ret = js_interp_run(ctx, js_heap_frame_get(hf), JS_RESUME_START, JS_UNDEFINED);
    if (JS_IsException(ret)) {
        js_heap_frame_free(ctx->rt, hf);
        return ret;
    }
    JS_FreeValue(ctx, ret);
    proto = js_get_prototype_from_ctor(ctx, func_obj, ctx->async_generator_proto);
    if (JS_IsException(proto))
        goto fail;
    obj = JS_NewObjectProtoClass(ctx, proto, JS_CLASS_ASYNC_GENERATOR);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj))
        goto fail;
    g = js_mallocz(ctx, sizeof(*g));
    if (!g) {
        JS_FreeValue(ctx, obj);
        goto fail;
    }
    g->state = JS_AGEN_SUSPENDED_START;
    g->hf = hf;
    init_list_head(&g->queue);
    js_obj(obj)->u.opaque = g;
    return obj;
fail:
    js_heap_frame_free(ctx->rt, hf);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Intrinsics
 * ------------------------------------------------------------------- */
static JSValue js_async_generator_function_ctor(JSContext *ctx, JSValueConst new_target,
                                                int argc, JSValueConst *argv)
{
    return js_function_constructor_compile(ctx, new_target, argc, argv, 3);
}

static JSValue js_async_iterator_self(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    return JS_DupValue(ctx, this_val);
}

static const JSCFunctionListEntry js_async_generator_proto_funcs[] = {
    JS_ITERATOR_NEXT_DEF("next", 1, js_async_generator_method, JS_RESUME_NEXT),
    JS_ITERATOR_NEXT_DEF("return", 1, js_async_generator_method, JS_RESUME_RETURN),
    JS_ITERATOR_NEXT_DEF("throw", 1, js_async_generator_method, JS_RESUME_THROW),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "AsyncGenerator", JS_PROP_CONFIGURABLE),
};

int js_init_async_generator(JSContext *ctx)
{
    JSValue async_iter_proto = js_new_plain_object(ctx, ctx->class_proto[JS_CLASS_OBJECT]), fn;
    int ret;
    if (JS_IsException(async_iter_proto))
        return -1;
    /* %AsyncIteratorPrototype% */
    fn = js_new_cfunction3(ctx, js_async_iterator_self, JS_ATOM_Symbol_asyncIterator, 0,
                           JS_CFUNC_generic, 0, JS_UNDEFINED);
    if (JS_IsException(fn) ||
        JS_DefinePropertyValue(ctx, async_iter_proto, JS_ATOM_Symbol_asyncIterator, fn,
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, async_iter_proto);
        return -1;
    }
    if (js_init_async_from_sync_iterator(ctx, async_iter_proto) < 0) {
        JS_FreeValue(ctx, async_iter_proto);
        return -1;
    }
    ret = js_init_function_kind(ctx, "AsyncGeneratorFunction", js_async_generator_function_ctor,
                                async_iter_proto, "AsyncGeneratorFunction",
                                &ctx->async_generator_function_proto, &ctx->async_generator_proto);
    JS_FreeValue(ctx, async_iter_proto);
    if (ret < 0)
        return -1;
    return JS_SetPropertyFunctionList(ctx, ctx->async_generator_proto,
                                      js_async_generator_proto_funcs,
                                      countof(js_async_generator_proto_funcs));
}
