/*
 * async_iter.h — the async iteration protocol: GetIterator(obj, async),
 * %AsyncFromSyncIteratorPrototype%, and the calls behind the bytecode of
 * `for await` and of `yield*` in async generators.
 */
#ifndef WEFT_ASYNC_ITER_H
#define WEFT_ASYNC_ITER_H
#include "internal.h"

/* the step an async yield* makes next (the kind on its stack) and, after
   js_async_yield_star_call, what it made */
enum {
    JS_ASYNC_YS_NEXT,              /* next(received) called: await, check */
    JS_ASYNC_YS_RETURN,            /* return(received) called: await, check */
    JS_ASYNC_YS_THROW,             /* throw(received) called: await, check */
    JS_ASYNC_YS_NO_RETURN,         /* no return method: return the value */
    JS_ASYNC_YS_NO_THROW,          /* no throw method: return() called, to
                                      be awaited before the TypeError */
    JS_ASYNC_YS_NO_THROW_NO_CLOSE, /* neither: the TypeError right away */
};

/* GetIterator(obj, async): an async iterator, or a sync one wrapped by
   CreateAsyncFromSyncIterator; *pnext receives its next method */
JSValue js_get_async_iterator(JSContext *ctx, JSValueConst obj, JSValue *pnext);

/* an awaited iterator result: TypeError unless an object; *pdone, and the
   value when not done */
JSValue js_async_iterator_next_result(JSContext *ctx, JSValueConst result, bool *pdone);

/* AsyncIteratorClose's call: the result of return() to be awaited
   (*pawait true), or undefined when there is no return method */
JSValue js_async_iterator_close_call(JSContext *ctx, JSValueConst iter, bool *pawait);

/* one step of an async yield* (kind NEXT, RETURN or THROW): the promise
   or value to continue with; *pkind says which of the cases above */
JSValue js_async_yield_star_call(JSContext *ctx, JSValueConst iter, JSValueConst next,
                                 JSValueConst received, int kind, int *pkind);

void js_async_iter_init_class(JSRuntime *rt);
/* %AsyncFromSyncIteratorPrototype%, whose prototype is
   %AsyncIteratorPrototype% */
int js_init_async_from_sync_iterator(JSContext *ctx, JSValueConst async_iterator_proto);
#endif /* WEFT_ASYNC_ITER_H */
