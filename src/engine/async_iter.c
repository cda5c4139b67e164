/*
 * async_iter.c — the async iteration protocol (ECMA-262 §7.4, §27.1.6):
 * GetIterator(obj, async), %AsyncFromSyncIteratorPrototype% (what wraps a
 * sync iterator for `for await` and async `yield*`), and the C halves of
 * the bytecode that iterates asynchronously. The awaits themselves are
 * compiled: the ops here call the methods and check the results, and the
 * frame awaits between them like any other await.
 */
#include "async_iter.h"
#include "atom.h"
#include "builtins/builtins.h"
#include "error.h"
#include "function.h"
#include "gc.h"
#include "interp.h"
#include "iter.h"
#include "object.h"
#include "promise.h"
#include "runtime.h"

typedef struct JSAsyncFromSyncIterator {
    JSValue iter; /* the sync iterator record */
    JSValue next;
} JSAsyncFromSyncIterator;

static void js_async_from_sync_finalizer(JSRuntime *rt, JSValue val)
{
    JSAsyncFromSyncIterator *s = js_obj(val)->u.opaque;
    if (!s)
        return;
    JS_FreeValueRT(rt, s->iter);
    JS_FreeValueRT(rt, s->next);
    js_free_rt(rt, s);
}

static void js_async_from_sync_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSAsyncFromSyncIterator *s = js_obj(val)->u.opaque;
    if (!s)
        return;
    js_gc_mark_value(rt, s->iter, mark_func);
    js_gc_mark_value(rt, s->next, mark_func);
}

void js_async_iter_init_class(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_ASYNC_FROM_SYNC_ITERATOR].finalizer = js_async_from_sync_finalizer;
    rt->class_array[JS_CLASS_ASYNC_FROM_SYNC_ITERATOR].gc_mark = js_async_from_sync_mark;
}

/* CreateAsyncFromSyncIterator: takes iter and next */
static JSValue js_create_async_from_sync(JSContext *ctx, JSValue iter, JSValue next)
{
    JSAsyncFromSyncIterator *s;
    JSValue obj = JS_NewObjectProtoClass(ctx, ctx->class_proto[JS_CLASS_ASYNC_FROM_SYNC_ITERATOR],
                                         JS_CLASS_ASYNC_FROM_SYNC_ITERATOR);
    if (JS_IsException(obj))
        goto fail;
    s = js_malloc(ctx, sizeof(*s));
    if (!s) {
        JS_FreeValue(ctx, obj);
        goto fail;
    }
    s->iter = iter;
    s->next = next;
    js_obj(obj)->u.opaque = s;
    return obj;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}

/* GetIteratorFromMethod's checks: the iterator object of a call */
static JSValue js_call_iterator_method(JSContext *ctx, JSValue method, JSValueConst obj,
                                       JSValue *pnext)
{
    JSValue iter = JS_CallFree(ctx, method, obj, 0, NULL), next;
    if (JS_IsException(iter))
        return iter;
    if (!JS_IsObject(iter)) {
        JS_FreeValue(ctx, iter);
        return JS_ThrowTypeError(ctx, "the iterator is not an object");
    }
    next = JS_GetProperty(ctx, iter, JS_ATOM_next);
    if (JS_IsException(next)) {
        JS_FreeValue(ctx, iter);
        return next;
    }
    *pnext = next;
    return iter;
}

JSValue js_get_async_iterator(JSContext *ctx, JSValueConst obj, JSValue *pnext)
{
    JSValue method, iter, next;
    *pnext = JS_UNDEFINED;
    method = js_get_method(ctx, obj, JS_ATOM_Symbol_asyncIterator);
    if (JS_IsException(method))
        return method;
    if (!JS_IsUndefined(method))
        return js_call_iterator_method(ctx, method, obj, pnext);
    method = js_get_method(ctx, obj, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return method;
    if (JS_IsUndefined(method))
        return JS_ThrowTypeError(ctx, "object is not async iterable");
    iter = js_call_iterator_method(ctx, method, obj, &next);
    if (JS_IsException(iter))
        return iter;
    iter = js_create_async_from_sync(ctx, iter, next);
    if (JS_IsException(iter))
        return iter;
    next = JS_GetProperty(ctx, iter, JS_ATOM_next);
    if (JS_IsException(next)) {
        JS_FreeValue(ctx, iter);
        return next;
    }
    *pnext = next;
    return iter;
}

/* ---------------------------------------------------------------------
 * %AsyncFromSyncIteratorPrototype%
 * ------------------------------------------------------------------- */
/* the fulfilment handler of a continuation: data[0] is `done` */
static JSValue js_async_from_sync_unwrap(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv, int magic, JSValue *data)
{
    return js_create_iter_result(ctx, JS_DupValue(ctx, argv[0]), JS_ToBool(ctx, data[0]));
}

/* the rejection handler: closes the sync iterator data[0], rethrows */
static JSValue js_async_from_sync_close(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv, int magic, JSValue *data)
{
    JS_Throw(ctx, JS_DupValue(ctx, argv[0]));
    js_iterator_close_on_throw(ctx, data[0]);
    return JS_EXCEPTION;
}

/* rejects the capability with the pending exception; the promise */
static JSValue js_async_from_sync_reject(JSContext *ctx, JSValue promise, JSValue *funcs)
{
    JSValue exc, r;
    if (js_promise_take_exception(ctx, &exc) < 0) {
        r = JS_EXCEPTION;
    } else {
        r = JS_Call(ctx, funcs[1], JS_UNDEFINED, 1, (JSValueConst *)&exc);
        JS_FreeValue(ctx, exc);
    }
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (JS_IsException(r)) {
        JS_FreeValue(ctx, promise);
        return r;
    }
    JS_FreeValue(ctx, r);
    return promise;
}

/* AsyncFromSyncIteratorContinuation(result, capability, record, close) */
static JSValue js_async_from_sync_continue(JSContext *ctx, JSAsyncFromSyncIterator *s,
                                           JSValue result, JSValue promise, JSValue *funcs,
                                           bool close_on_rejection)
{
    JSValue v, wrapper, on_ok, on_err = JS_UNDEFINED, done_val;
    int done, r;
    v = JS_GetProperty(ctx, result, JS_ATOM_done);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, result);
        return js_async_from_sync_reject(ctx, promise, funcs);
    }
    done = JS_ToBool(ctx, v);
    JS_FreeValue(ctx, v);
    v = JS_GetProperty(ctx, result, JS_ATOM_value);
    JS_FreeValue(ctx, result);
    if (JS_IsException(v))
        return js_async_from_sync_reject(ctx, promise, funcs);
    wrapper = js_promise_resolve(ctx, ctx->promise_ctor, v);
    JS_FreeValue(ctx, v);
    if (JS_IsException(wrapper)) {
        if (!done && close_on_rejection)
            js_iterator_close_on_throw(ctx, s->iter);
        return js_async_from_sync_reject(ctx, promise, funcs);
    }
    done_val = JS_NewBool(ctx, done);
    on_ok = JS_NewCFunctionData(ctx, js_async_from_sync_unwrap, 1, 0, 1, &done_val);
    if (!done && close_on_rejection)
        on_err = JS_NewCFunctionData(ctx, js_async_from_sync_close, 1, 0, 1, &s->iter);
    if (JS_IsException(on_ok) || JS_IsException(on_err))
        r = -1;
    else
        r = js_perform_promise_then(ctx, wrapper, on_ok, on_err, promise, funcs[0], funcs[1]);
    JS_FreeValue(ctx, on_ok);
    JS_FreeValue(ctx, on_err);
    JS_FreeValue(ctx, wrapper);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (r < 0) {
        JS_FreeValue(ctx, promise);
        return JS_EXCEPTION;
    }
    return promise;
}

/* the sync method's call for next / return / throw: the result object,
   JS_UNDEFINED when return or throw is missing, JS_EXCEPTION on error */
static JSValue js_async_from_sync_call(JSContext *ctx, JSAsyncFromSyncIterator *s, int kind,
                                       int argc, JSValueConst *argv)
{
    JSValue method, res;
    int n = argc > 0 ? 1 : 0;
    if (kind == JS_RESUME_NEXT) {
        res = JS_Call(ctx, s->next, s->iter, n, argv);
    } else {
        method = js_get_method(ctx, s->iter, kind == JS_RESUME_RETURN ? JS_ATOM_return : JS_ATOM_throw);
        if (JS_IsException(method) || JS_IsUndefined(method))
            return method;
        res = JS_CallFree(ctx, method, s->iter, kind == JS_RESUME_THROW ? 1 : n, argv);
    }
    if (JS_IsException(res))
        return res;
    if (!JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        return JS_ThrowTypeError(ctx, "iterator result is not an object");
    }
    return res;
}

static JSValue js_async_from_sync_method(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv, int kind)
{
    JSAsyncFromSyncIterator *s = JS_GetOpaque(this_val, JS_CLASS_ASYNC_FROM_SYNC_ITERATOR);
    JSValue funcs[2], promise, res, v;
    JSValueConst arg = argc > 0 ? argv[0] : JS_UNDEFINED;
    promise = js_new_promise(ctx, funcs);
    if (JS_IsException(promise))
        return promise;
    if (!s) {
        JS_ThrowTypeError(ctx, "not an AsyncFromSyncIterator");
        return js_async_from_sync_reject(ctx, promise, funcs);
    }
    res = js_async_from_sync_call(ctx, s, kind, argc, argv);
    if (JS_IsException(res))
        return js_async_from_sync_reject(ctx, promise, funcs);
    if (!JS_IsUndefined(res))
        return js_async_from_sync_continue(ctx, s, res, promise, funcs, kind != JS_RESUME_RETURN);
    if (kind == JS_RESUME_THROW) {
        /* no throw method: close the sync iterator, then reject */
        if (js_iterator_close(ctx, s->iter) == 0)
            JS_ThrowTypeError(ctx, "the iterator does not have a throw method");
        return js_async_from_sync_reject(ctx, promise, funcs);
    }
    /* no return method: { value, done: true } */
    v = js_create_iter_result(ctx, JS_DupValue(ctx, arg), true);
    if (JS_IsException(v))
        return js_async_from_sync_reject(ctx, promise, funcs);
    res = JS_Call(ctx, funcs[0], JS_UNDEFINED, 1, (JSValueConst *)&v);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (JS_IsException(res)) {
        JS_FreeValue(ctx, promise);
        return res;
    }
    JS_FreeValue(ctx, res);
    return promise;
}

static const JSCFunctionListEntry js_async_from_sync_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 1, js_async_from_sync_method, JS_RESUME_NEXT),
    JS_CFUNC_MAGIC_DEF("return", 1, js_async_from_sync_method, JS_RESUME_RETURN),
    JS_CFUNC_MAGIC_DEF("throw", 1, js_async_from_sync_method, JS_RESUME_THROW),
};

int js_init_async_from_sync_iterator(JSContext *ctx, JSValueConst async_iterator_proto)
{
    JSValue proto = js_new_plain_object(ctx, async_iterator_proto);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[JS_CLASS_ASYNC_FROM_SYNC_ITERATOR] = proto;
    return JS_SetPropertyFunctionList(ctx, proto, js_async_from_sync_proto_funcs,
                                      countof(js_async_from_sync_proto_funcs));
}

/* ---------------------------------------------------------------------
 * The C halves of the async iteration bytecode
 * ------------------------------------------------------------------- */
JSValue js_async_iterator_next_result(JSContext *ctx, JSValueConst result, bool *pdone)
{
    JSValue v;
    int done;
    if (!JS_IsObject(result))
        return JS_ThrowTypeError(ctx, "iterator result is not an object");
    v = JS_GetProperty(ctx, result, JS_ATOM_done);
    if (JS_IsException(v))
        return v;
    done = JS_ToBool(ctx, v);
    JS_FreeValue(ctx, v);
    *pdone = done;
    if (done)
        return JS_UNDEFINED;
    return JS_GetProperty(ctx, result, JS_ATOM_value);
}

JSValue js_async_iterator_close_call(JSContext *ctx, JSValueConst iter, bool *pawait)
{
    JSValue method = js_get_method(ctx, iter, JS_ATOM_return);
    *pawait = false;
    if (JS_IsException(method) || JS_IsUndefined(method))
        return method;
    *pawait = true;
    return JS_CallFree(ctx, method, iter, 0, NULL);
}

JSValue js_async_yield_star_call(JSContext *ctx, JSValueConst iter, JSValueConst next,
                                 JSValueConst received, int kind, int *pkind)
{
    JSValue method;
    *pkind = kind;
    if (kind == JS_ASYNC_YS_NEXT)
        return JS_Call(ctx, next, iter, 1, &received);
    method = js_get_method(ctx, iter, kind == JS_ASYNC_YS_RETURN ? JS_ATOM_return : JS_ATOM_throw);
    if (JS_IsException(method))
        return method;
    if (!JS_IsUndefined(method))
        return JS_CallFree(ctx, method, iter, 1, &received);
    if (kind == JS_ASYNC_YS_RETURN) {
        *pkind = JS_ASYNC_YS_NO_RETURN;
        return JS_DupValue(ctx, received);
    }
    /* no throw method: the iterator is closed (awaiting its return()),
       then the yield* throws a TypeError */
    method = js_get_method(ctx, iter, JS_ATOM_return);
    if (JS_IsException(method))
        return method;
    if (JS_IsUndefined(method)) {
        *pkind = JS_ASYNC_YS_NO_THROW_NO_CLOSE;
        return JS_UNDEFINED;
    }
    *pkind = JS_ASYNC_YS_NO_THROW;
    return JS_CallFree(ctx, method, iter, 0, NULL);
}
