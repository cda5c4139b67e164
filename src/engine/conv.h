/*
 * conv.h — the abstract type conversions and comparisons of ECMA-262 §7
 * (ToPrimitive, ToNumber, ToString, ToPropertyKey, ToIntegerOrInfinity,
 * ToLength, SameValue, IsLooselyEqual, …).
 *
 * The *Free variants take ownership of their argument.
 */
#ifndef WEFT_CONV_H
#define WEFT_CONV_H

#include "internal.h"

enum {
    HINT_STRING = 0,
    HINT_NUMBER = 1,
    HINT_NONE = 2,
};

JSValue JS_ToPrimitive(JSContext *ctx, JSValueConst val, int hint);
JSValue JS_ToPrimitiveFree(JSContext *ctx, JSValue val, int hint);
/* ToNumeric (numbers only until BigInt lands): a number value */
JSValue JS_ToNumberFree(JSContext *ctx, JSValue val);
JSValue JS_ToNumericFree(JSContext *ctx, JSValue val);
int JS_ToFloat64Free(JSContext *ctx, double *pres, JSValue val);
JSValue JS_ToStringFree(JSContext *ctx, JSValue val);
/* ToString that turns symbols into "Symbol(desc)" instead of throwing
   (for messages and String(sym)) */
JSValue js_to_string_sym(JSContext *ctx, JSValueConst val);
JSValue JS_ToPropertyKeyFree(JSContext *ctx, JSValue val);
int JS_ToInt32Free(JSContext *ctx, int32_t *pres, JSValue val);
int JS_ToUint32Free(JSContext *ctx, uint32_t *pres, JSValue val);
/* ToIntegerOrInfinity clamped to the int64 range */
int JS_ToInt64Sat(JSContext *ctx, int64_t *pres, JSValueConst val);
int JS_ToInt64SatFree(JSContext *ctx, int64_t *pres, JSValue val);
int JS_ToInt32Sat(JSContext *ctx, int *pres, JSValueConst val);
/* ToLength */
int JS_ToLengthFree(JSContext *ctx, int64_t *plen, JSValue val);
/* ToIntegerOrInfinity as a double */
int JS_ToIntegerFree(JSContext *ctx, double *pres, JSValue val);

/* number → string in radix 10 */
JSValue js_number_to_string(JSContext *ctx, double d);
JSValue js_int32_to_string(JSContext *ctx, int32_t v);
/* StringToNumber (the grammar of Number("…")) */
double js_string_to_number(JSContext *ctx, const JSString *p);
/* CanonicalNumericIndexString; returns 1 and *pd when the string is one */
bool js_string_is_canonical_numeric(JSContext *ctx, JSString *p, double *pd);

/* comparisons: never throw */
bool js_same_value(JSContext *ctx, JSValueConst a, JSValueConst b);
bool js_same_value_zero(JSContext *ctx, JSValueConst a, JSValueConst b);
bool js_strict_eq(JSContext *ctx, JSValueConst a, JSValueConst b);
/* IsLooselyEqual: -1 on exception; frees a and b */
int js_loose_eq_free(JSContext *ctx, JSValue a, JSValue b);
/* IsLessThan(a, b, left_first) on primitives-to-be: -1 exception, else
   0/1; "undefined" results (NaN) are 0. Frees a and b. op: 0 <, 1 <=,
   2 >, 3 >= */
int js_relational_compare_free(JSContext *ctx, JSValue a, JSValue b, int op);

/* the typeof string as an atom */
JSAtom js_typeof_atom(JSContext *ctx, JSValueConst val);

static inline double js_value_to_double(JSValueConst v)
{
    return JS_IsInt(v) ? (double)JS_VALUE_GET_INT(v) : JS_VALUE_GET_FLOAT64(v);
}

#endif /* WEFT_CONV_H */
