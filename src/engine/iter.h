/*
 * iter.h — the iteration protocol (ECMA-262 §7.4): GetIterator,
 * IteratorStep, IteratorClose, used by for-of, spread, destructuring and
 * the builtins that consume iterables (Array.from, new Map(it), ...).
 */
#ifndef WEFT_ITER_H
#define WEFT_ITER_H

#include "internal.h"

/* GetIterator(obj, sync): the iterator object; *pnext receives its next
   method (both new references) */
JSValue js_get_iterator(JSContext *ctx, JSValueConst obj, JSValue *pnext);
/* IteratorStepValue: the next value, or *pdone = true at the end.
   JS_EXCEPTION on error (the iterator must then not be closed). */
JSValue js_iterator_step_value(JSContext *ctx, JSValueConst iter, JSValueConst next, bool *pdone);
/* IteratorClose with a normal completion: -1 on error */
int js_iterator_close(JSContext *ctx, JSValueConst iter);
/* IteratorClose with a throw completion: keeps the pending exception and
   ignores whatever return() does */
void js_iterator_close_on_throw(JSContext *ctx, JSValueConst iter);
/* IteratorToList of an iterable (new array) */
JSValue js_iterable_to_array(JSContext *ctx, JSValueConst iterable);

#endif /* WEFT_ITER_H */
