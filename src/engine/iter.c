/*
 * iter.c — the iteration protocol: GetIterator, IteratorStepValue,
 * IteratorClose.
 */
#include "iter.h"
#include "atom.h"
#include "error.h"
#include "fast_array.h"
#include "function.h"
#include "generator.h"
#include "object.h"

JSValue js_get_iterator(JSContext *ctx, JSValueConst obj, JSValue *pnext)
{
    JSValue method, iter, next;
    *pnext = JS_UNDEFINED;
    method = js_get_method(ctx, obj, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return method;
    if (JS_IsUndefined(method))
        return JS_ThrowTypeError(ctx, "object is not iterable");
    iter = JS_CallFree(ctx, method, obj, 0, NULL);
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

JSValue js_iterator_step_value(JSContext *ctx, JSValueConst iter, JSValueConst next, bool *pdone)
{
    JSValue res, v;
    int done;
    *pdone = false;
    if (js_generator_is_intrinsic_next(iter, next)) {
        bool gen_done;
        int r = js_generator_step(ctx, iter, next, &res, &gen_done);
        if (r < 0)
            return JS_EXCEPTION;
        if (r > 0) {
            if (!gen_done)
                return res;
            JS_FreeValue(ctx, res);
            *pdone = true;
            return JS_UNDEFINED;
        }
    } else {
        res = JS_Call(ctx, next, iter, 0, NULL);
        if (JS_IsException(res))
            return res;
    }
    if (!JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        return JS_ThrowTypeError(ctx, "iterator result is not an object");
    }
    if (js_obj(res)->shape == ctx->iter_result_shape) {
        /* { value, done } as created by the engine: two own data properties */
        done = JS_ToBool(ctx, js_obj(res)->prop[1].value);
        v = done ? JS_UNDEFINED : JS_DupValue(ctx, js_obj(res)->prop[0].value);
        JS_FreeValue(ctx, res);
        *pdone = done;
        return v;
    }
    v = JS_GetProperty(ctx, res, JS_ATOM_done);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, res);
        return v;
    }
    done = JS_ToBool(ctx, v);
    JS_FreeValue(ctx, v);
    if (done) {
        JS_FreeValue(ctx, res);
        *pdone = true;
        return JS_UNDEFINED;
    }
    v = JS_GetProperty(ctx, res, JS_ATOM_value);
    JS_FreeValue(ctx, res);
    return v;
}

int js_iterator_close(JSContext *ctx, JSValueConst iter)
{
    JSValue method = js_get_method(ctx, iter, JS_ATOM_return), res;
    if (JS_IsException(method))
        return -1;
    if (JS_IsUndefined(method))
        return 0;
    res = JS_CallFree(ctx, method, iter, 0, NULL);
    if (JS_IsException(res))
        return -1;
    if (!JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        JS_ThrowTypeError(ctx, "iterator return() result is not an object");
        return -1;
    }
    JS_FreeValue(ctx, res);
    return 0;
}

void js_iterator_close_on_throw(JSContext *ctx, JSValueConst iter)
{
    JSValue exc = JS_GetException(ctx), method;
    bool uncatchable = JS_IsUncatchableError(ctx, exc);
    if (!uncatchable) {
        method = JS_GetProperty(ctx, iter, JS_ATOM_return);
        if (JS_IsException(method)) {
            JS_FreeValue(ctx, JS_GetException(ctx));
        } else if (!JS_IsUndefined(method) && !JS_IsNull(method)) {
            JSValue res = JS_CallFree(ctx, method, iter, 0, NULL);
            if (JS_IsException(res))
                JS_FreeValue(ctx, JS_GetException(ctx));
            else
                JS_FreeValue(ctx, res);
        }
    }
    JS_Throw(ctx, exc);
    if (uncatchable)
        ctx->rt->current_exception_is_uncatchable = true;
}

JSValue js_iterable_to_array(JSContext *ctx, JSValueConst iterable)
{
    JSValue next, iter, arr;
    iter = js_get_iterator(ctx, iterable, &next);
    if (JS_IsException(iter))
        return iter;
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr))
        goto fail;
    for (;;) {
        bool done;
        JSValue v = js_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        if (js_array_push_value(ctx, arr, v) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return arr;
fail:
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}
