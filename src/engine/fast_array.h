/*
 * fast_array.h — dense element storage for Array (and arguments) objects.
 *
 * A fast array keeps elements 0 .. count-1 in p->u.array.values; each is a
 * present, writable, enumerable, configurable data property. The "length"
 * property is an ordinary own property in slot 0 (flag JS_PROP_LENGTH) and
 * may exceed count: the missing tail is holes. Anything that does not fit
 * (a hole in the middle, an attribute change, an accessor) converts the
 * array to ordinary indexed properties for good.
 */
#ifndef WEFT_FAST_ARRAY_H
#define WEFT_FAST_ARRAY_H

#include "internal.h"

static inline bool js_is_fast_array(JSValueConst obj)
{
    return JS_IsObject(obj) && ((JSObject *)JS_VALUE_GET_PTR(obj))->fast_array &&
           ((JSObject *)JS_VALUE_GET_PTR(obj))->class_id == JS_CLASS_ARRAY;
}

/* a new empty Array whose prototype is proto */
JSValue js_new_array_object(JSContext *ctx, JSObject *proto);
/* a fast array holding the given values (ownership of each taken) */
JSValue js_new_array_from(JSContext *ctx, uint32_t count, JSValue *values);
/* a fast array of length len whose elements (initially undefined) the
   caller fills through *pvalues */
JSValue js_new_array_len(JSContext *ctx, uint32_t len, JSValue **pvalues);

/* the dense elements of a fast Array without holes (borrowed pointers) */
bool js_get_fast_array(JSContext *ctx, JSValueConst obj, JSValue **arrpp, uint32_t *countp);
/* appends (obj.push semantics for fast arrays, [[Set]] otherwise); frees val */
int js_array_push_value(JSContext *ctx, JSValueConst obj, JSValue val);

/* whether arr[count] = v may append in place */
bool js_fast_array_can_append(JSContext *ctx, JSObject *p);
int js_fast_array_append(JSContext *ctx, JSObject *p, JSValue val);
/* [[DefineOwnProperty]] of an array index on a fast array: -1, 0, 1, or 2 when
   the array was converted and the caller must retry */
int js_fast_array_define(JSContext *ctx, JSObject *p, JSAtom prop, JSValueConst val,
                         JSValueConst getter, JSValueConst setter, int flags);
/* deletes element idx (< count), converting when it is not the last */
int js_fast_array_delete(JSContext *ctx, JSObject *p, uint32_t idx);
int js_convert_fast_array_to_array(JSContext *ctx, JSObject *p);
/* grows the element storage to hold at least new_size values */
int js_fast_array_reserve(JSContext *ctx, JSObject *p, uint32_t new_size);

/* [[Set]] of "length" (ArraySetLength with the value's conversions);
   frees val */
int js_set_array_length(JSContext *ctx, JSObject *p, JSValue val, int flags);
/* [[DefineOwnProperty]] of "length" */
int js_define_array_length(JSContext *ctx, JSObject *p, JSValueConst val, int flags);
/* sets the length to len (deleting elements), honouring non-configurable
   elements; -1 / 0 / 1 */
int js_array_truncate(JSContext *ctx, JSObject *p, uint32_t len, int flags);

/* class hooks for Array and arguments objects */
void js_array_finalizer(JSRuntime *rt, JSValue val);
void js_array_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func);

#endif /* WEFT_FAST_ARRAY_H */
