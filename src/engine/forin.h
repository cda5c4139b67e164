/*
 * forin.h — the enumerator behind for-in (EnumerateObjectProperties).
 */
#ifndef WEFT_FORIN_H
#define WEFT_FORIN_H

#include "internal.h"

/* an enumerator object over obj's enumerable string keys and those of its
   prototype chain (a JS_CLASS_FOR_IN_ITERATOR object) */
JSValue js_for_in_start(JSContext *ctx, JSValueConst obj);
/* the next key (a string), or *pdone at the end */
JSValue js_for_in_next(JSContext *ctx, JSValueConst enumerator, bool *pdone);
void js_for_in_init_class(JSRuntime *rt);

#endif /* WEFT_FORIN_H */
