/*
 * conv.c — type conversions and comparisons (ECMA-262 §7.1, §7.2).
 *
 * Numbers are int32 values when they fit (and are not -0), doubles
 * otherwise; every comparison here accepts both representations.
 */
#include <math.h>
#include <stdio.h>

#include "conv.h"
#include "atom.h"
#include "dtoa.h"
#include "error.h"
#include "function.h"
#include "object.h"
#include "str.h"
#include "unicode.h"
#include "bigint.h"
#include "builtins/builtins.h"

/* ---------------------------------------------------------------------
 * ToPrimitive
 * ------------------------------------------------------------------- */
static JSValue js_ordinary_to_primitive(JSContext *ctx, JSValueConst obj, int hint)
{
    static const JSAtom order[2][2] = {
        {JS_ATOM_toString, JS_ATOM_valueOf},
        {JS_ATOM_valueOf, JS_ATOM_toString},
    };
    for (int i = 0; i < 2; i++) {
        JSValue method = JS_GetProperty(ctx, obj, order[hint != HINT_STRING][i]);
        JSValue res;
        if (JS_IsException(method))
            return method;
        if (!JS_IsCallable(ctx, method)) {
            JS_FreeValue(ctx, method);
            continue;
        }
        res = JS_CallFree(ctx, method, obj, 0, NULL);
        if (JS_IsException(res) || !JS_IsObject(res))
            return res;
        JS_FreeValue(ctx, res);
    }
    return JS_ThrowTypeError(ctx, "Cannot convert object to primitive value");
}

JSValue JS_ToPrimitive(JSContext *ctx, JSValueConst val, int hint)
{
    static const JSAtom hint_names[3] = {JS_ATOM_string, JS_ATOM_number, JS_ATOM_default};
    JSValue method, res, arg;
    if (!JS_IsObject(val))
        return JS_DupValue(ctx, val);
    method = js_get_method(ctx, val, JS_ATOM_Symbol_toPrimitive);
    if (JS_IsException(method))
        return method;
    if (JS_IsUndefined(method))
        return js_ordinary_to_primitive(ctx, val, hint);
    arg = JS_AtomToString(ctx, hint_names[hint]);
    res = JS_CallFree(ctx, method, val, 1, (JSValueConst *)&arg);
    JS_FreeValue(ctx, arg);
    if (JS_IsException(res))
        return res;
    if (JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        return JS_ThrowTypeError(ctx, "Cannot convert object to primitive value");
    }
    return res;
}

JSValue JS_ToPrimitiveFree(JSContext *ctx, JSValue val, int hint)
{
    JSValue res;
    if (!JS_IsObject(val))
        return val;
    res = JS_ToPrimitive(ctx, val, hint);
    JS_FreeValue(ctx, val);
    return res;
}

/* ---------------------------------------------------------------------
 * ToNumber
 * ------------------------------------------------------------------- */
static bool js_is_js_space(uint32_t c)
{
    return js_unicode_is_space(c) || js_unicode_is_line_terminator(c);
}

static bool js_match_ascii(const char *buf, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(buf, word, len) == 0;
}

static double js_parse_radix_literal(const char *buf, size_t len, int radix)
{
    for (size_t i = 0; i < len; i++) {
        int c = buf[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            d = (c | 0x20) - 'a' + 10;
        else
            return NAN;
        if (d >= radix)
            return NAN;
    }
    return len ? js_atod_radix(buf, len, radix) : NAN;
}

/* StringToNumber on an ASCII buffer without surrounding white space */
static double js_ascii_to_number(const char *buf, size_t len)
{
    size_t end;
    double d;
    bool neg = false;
    if (len == 0)
        return 0;
    if (len > 2 && buf[0] == '0') {
        switch (buf[1] | 0x20) {
        case 'x':
            return js_parse_radix_literal(buf + 2, len - 2, 16);
        case 'o':
            return js_parse_radix_literal(buf + 2, len - 2, 8);
        case 'b':
            return js_parse_radix_literal(buf + 2, len - 2, 2);
        }
    }
    if (buf[0] == '+' || buf[0] == '-') {
        neg = buf[0] == '-';
        buf++;
        len--;
    }
    if (js_match_ascii(buf, len, "Infinity"))
        return neg ? -INFINITY : INFINITY;
    d = js_strtod(buf, len, &end);
    if (end != len)
        return NAN;
    return neg ? -d : d;
}

double js_string_to_number(JSContext *ctx, const JSString *p)
{
    uint32_t start = 0, end = p->len, n;
    char small[128], *buf;
    double d;
    while (start < end && js_is_js_space(string_get(p, start)))
        start++;
    while (end > start && js_is_js_space(string_get(p, end - 1)))
        end--;
    n = end - start;
    buf = n < sizeof(small) ? small : js_malloc_rt(ctx->rt, n + 1);
    if (!buf)
        return NAN;
    for (uint32_t i = 0; i < n; i++) {
        int c = string_get(p, start + i);
        if (c >= 0x80) {
            if (buf != small)
                js_free_rt(ctx->rt, buf);
            return NAN;
        }
        buf[i] = (char)c;
    }
    buf[n] = '\0';
    d = js_ascii_to_number(buf, n);
    if (buf != small)
        js_free_rt(ctx->rt, buf);
    return d;
}

JSValue JS_ToNumberFree(JSContext *ctx, JSValue val)
{
    for (;;) {
        switch (JS_VALUE_GET_TAG(val)) {
        case JS_TAG_INT:
        case JS_TAG_FLOAT64:
            return val;
        case JS_TAG_BOOL:
            return JS_NewInt32(ctx, JS_VALUE_GET_BOOL(val));
        case JS_TAG_NULL:
            return JS_NewInt32(ctx, 0);
        case JS_TAG_UNDEFINED:
            return JS_NewFloat64(ctx, NAN);
        case JS_TAG_EXCEPTION:
            return val;
        case JS_TAG_STRING: {
            JSString *p = js_get_flat_string(ctx, val);
            JSValue res = p ? JS_NewNumber(ctx, js_string_to_number(ctx, p)) : JS_EXCEPTION;
            JS_FreeValue(ctx, val);
            return res;
        }
        case JS_TAG_SYMBOL:
            JS_FreeValue(ctx, val);
            return JS_ThrowTypeError(ctx, "Cannot convert a Symbol value to a number");
        case JS_TAG_BIG_INT:
            JS_FreeValue(ctx, val);
            return JS_ThrowTypeError(ctx, "Cannot convert a BigInt value to a number");
        case JS_TAG_OBJECT:
            val = JS_ToPrimitiveFree(ctx, val, HINT_NUMBER);
            if (JS_IsException(val))
                return val;
            break;
        default:
            JS_FreeValue(ctx, val);
            return JS_NewFloat64(ctx, NAN);
        }
    }
}

JSValue JS_ToNumericFree(JSContext *ctx, JSValue val)
{
    val = JS_ToPrimitiveFree(ctx, val, HINT_NUMBER);
    if (JS_IsBigInt(val) || JS_IsException(val))
        return val;
    return JS_ToNumberFree(ctx, val);
}

JSValue JS_ToNumber(JSContext *ctx, JSValueConst val)
{
    return JS_ToNumberFree(ctx, JS_DupValue(ctx, val));
}

int JS_ToFloat64Free(JSContext *ctx, double *pres, JSValue val)
{
    if (js_likely(JS_IsInt(val))) {
        *pres = JS_VALUE_GET_INT(val);
        return 0;
    }
    if (JS_VALUE_GET_TAG(val) == JS_TAG_FLOAT64) {
        *pres = JS_VALUE_GET_FLOAT64(val);
        return 0;
    }
    val = JS_ToNumberFree(ctx, val);
    if (JS_IsException(val)) {
        *pres = NAN;
        return -1;
    }
    *pres = js_value_to_double(val);
    return 0;
}

int JS_ToFloat64(JSContext *ctx, double *pres, JSValueConst val)
{
    return JS_ToFloat64Free(ctx, pres, JS_DupValue(ctx, val));
}

/* ---------------------------------------------------------------------
 * Integer conversions
 * ------------------------------------------------------------------- */
static int32_t js_double_to_int32(double d)
{
    double m;
    if (d >= -2147483648.0 && d <= 2147483647.0)
        return (int32_t)d; /* truncation is exact here */
    if (!isfinite(d))
        return 0;
    m = fmod(trunc(d), 4294967296.0);
    if (m < 0)
        m += 4294967296.0;
    return (int32_t)(uint32_t)m;
}

int JS_ToInt32Free(JSContext *ctx, int32_t *pres, JSValue val)
{
    double d;
    if (js_likely(JS_IsInt(val))) {
        *pres = JS_VALUE_GET_INT(val);
        return 0;
    }
    if (JS_ToFloat64Free(ctx, &d, val)) {
        *pres = 0;
        return -1;
    }
    *pres = js_double_to_int32(d);
    return 0;
}

int JS_ToInt32(JSContext *ctx, int32_t *pres, JSValueConst val)
{
    return JS_ToInt32Free(ctx, pres, JS_DupValue(ctx, val));
}

int JS_ToUint32Free(JSContext *ctx, uint32_t *pres, JSValue val)
{
    return JS_ToInt32Free(ctx, (int32_t *)pres, val);
}

int JS_ToUint32(JSContext *ctx, uint32_t *pres, JSValueConst val)
{
    return JS_ToInt32(ctx, (int32_t *)pres, val);
}

int JS_ToIntegerFree(JSContext *ctx, double *pres, JSValue val)
{
    double d;
    if (JS_IsInt(val)) {
        *pres = JS_VALUE_GET_INT(val);
        return 0;
    }
    if (JS_ToFloat64Free(ctx, &d, val))
        return -1;
    *pres = isnan(d) ? 0 : trunc(d) + 0.0; /* + 0.0 turns -0 into +0 */
    return 0;
}

int JS_ToInt64SatFree(JSContext *ctx, int64_t *pres, JSValue val)
{
    double d;
    if (JS_IsInt(val)) {
        *pres = JS_VALUE_GET_INT(val);
        return 0;
    }
    if (JS_ToIntegerFree(ctx, &d, val)) {
        *pres = 0;
        return -1;
    }
    if (d >= 9223372036854775807.0)
        *pres = INT64_MAX;
    else if (d <= -9223372036854775808.0)
        *pres = INT64_MIN;
    else
        *pres = (int64_t)d;
    return 0;
}

int JS_ToInt64Sat(JSContext *ctx, int64_t *pres, JSValueConst val)
{
    return JS_ToInt64SatFree(ctx, pres, JS_DupValue(ctx, val));
}

int JS_ToInt32Sat(JSContext *ctx, int *pres, JSValueConst val)
{
    int64_t v;
    int ret = JS_ToInt64Sat(ctx, &v, val);
    *pres = v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int)v;
    return ret;
}

int JS_ToInt64Clamp(JSContext *ctx, int64_t *pres, JSValueConst val, int64_t min, int64_t max,
                    int64_t neg_offset)
{
    int64_t v;
    if (JS_ToInt64Sat(ctx, &v, val))
        return -1;
    if (v < 0 && v != INT64_MIN)
        v += neg_offset;
    else if (v == INT64_MIN)
        v = min;
    *pres = v < min ? min : v > max ? max : v;
    return 0;
}

int JS_ToInt32Clamp(JSContext *ctx, int *pres, JSValueConst val, int min, int max, int neg_offset)
{
    int64_t v = 0;
    int ret = JS_ToInt64Clamp(ctx, &v, val, min, max, neg_offset);
    *pres = (int)v;
    return ret;
}

int JS_ToInt64(JSContext *ctx, int64_t *pres, JSValueConst val)
{
    double d;
    if (JS_IsInt(val)) {
        *pres = JS_VALUE_GET_INT(val);
        return 0;
    }
    if (JS_ToFloat64(ctx, &d, val))
        return -1;
    if (!isfinite(d)) {
        *pres = 0;
    } else {
        /* modulo 2^64 */
        double m = fmod(trunc(d), 18446744073709551616.0);
        if (m < 0)
            m += 18446744073709551616.0;
        *pres = m >= 9223372036854775808.0 ? (int64_t)(m - 18446744073709551616.0) : (int64_t)m;
    }
    return 0;
}

int JS_ToLengthFree(JSContext *ctx, int64_t *plen, JSValue val)
{
    int64_t v;
    if (JS_ToInt64SatFree(ctx, &v, val))
        return -1;
    *plen = v < 0 ? 0 : v > ((int64_t)1 << 53) - 1 ? ((int64_t)1 << 53) - 1 : v;
    return 0;
}

int JS_ToIndex(JSContext *ctx, uint64_t *plen, JSValueConst val)
{
    int64_t v;
    if (JS_ToInt64Sat(ctx, &v, val))
        return -1;
    if (v < 0 || v > ((int64_t)1 << 53) - 1) {
        JS_ThrowRangeError(ctx, "invalid array index");
        return -1;
    }
    *plen = (uint64_t)v;
    return 0;
}

/* [[IsHTMLDDA]] changes exactly three operations, all in this file:
   ToBoolean, typeof and IsLooselyEqual */
void JS_SetIsHTMLDDA(JSContext *ctx, JSValueConst obj)
{
    if (JS_IsObject(obj))
        js_obj(obj)->is_HTMLDDA = 1;
}

int JS_ToBool(JSContext *ctx, JSValueConst val)
{
    switch (JS_VALUE_GET_TAG(val)) {
    case JS_TAG_INT:
        return JS_VALUE_GET_INT(val) != 0;
    case JS_TAG_BOOL:
        return JS_VALUE_GET_BOOL(val);
    case JS_TAG_NULL:
    case JS_TAG_UNDEFINED:
        return 0;
    case JS_TAG_EXCEPTION:
        return -1;
    case JS_TAG_STRING:
        return js_string_len(val) != 0;
    case JS_TAG_FLOAT64: {
        double d = JS_VALUE_GET_FLOAT64(val);
        return !isnan(d) && d != 0;
    }
    case JS_TAG_BIG_INT:
        return js_bigint_to_bool(val);
    case JS_TAG_OBJECT:
        return !js_obj(val)->is_HTMLDDA;
    default:
        return 1;
    }
}

/* ---------------------------------------------------------------------
 * ToString
 * ------------------------------------------------------------------- */
JSValue js_int32_to_string(JSContext *ctx, int32_t v)
{
    char buf[16];
    int len = snprintf(buf, sizeof(buf), "%d", v);
    return js_new_string8_len(ctx, buf, len);
}

JSValue js_number_to_string(JSContext *ctx, double d)
{
    char buf[JS_DTOA_BUF_SIZE];
    size_t len;
    if (d >= -2147483648.0 && d <= 2147483647.0 && (double)(int32_t)d == d)
        return js_int32_to_string(ctx, (int32_t)d);
    len = js_dtoa_shortest(buf, d);
    return js_new_string8_len(ctx, buf, len);
}

static JSValue js_to_string_internal(JSContext *ctx, JSValueConst val, bool sym_ok)
{
    switch (JS_VALUE_GET_TAG(val)) {
    case JS_TAG_STRING:
        return js_flatten_string(ctx, JS_DupValue(ctx, val));
    case JS_TAG_INT:
        return js_int32_to_string(ctx, JS_VALUE_GET_INT(val));
    case JS_TAG_FLOAT64:
        return js_number_to_string(ctx, JS_VALUE_GET_FLOAT64(val));
    case JS_TAG_BOOL:
        return JS_AtomToString(ctx, JS_VALUE_GET_BOOL(val) ? JS_ATOM_true : JS_ATOM_false);
    case JS_TAG_NULL:
        return JS_AtomToString(ctx, JS_ATOM_null);
    case JS_TAG_UNDEFINED:
        return JS_AtomToString(ctx, JS_ATOM_undefined);
    case JS_TAG_EXCEPTION:
        return JS_EXCEPTION;
    case JS_TAG_SYMBOL:
        if (sym_ok) {
            JSString *p = JS_VALUE_GET_PTR(val);
            JSValue s = js_new_string8(ctx, "Symbol(");
            if (p->hash != 1)
                s = JS_ConcatStrings(ctx, s, js_dup_string(p));
            return JS_IsException(s) ? s : js_flatten_string(ctx, js_concat_cstring(ctx, s, ")"));
        }
        return JS_ThrowTypeError(ctx, "Cannot convert a Symbol value to a string");
    case JS_TAG_BIG_INT:
        return js_bigint_to_string(ctx, val, 10);
    case JS_TAG_OBJECT: {
        JSValue prim = JS_ToPrimitive(ctx, val, HINT_STRING), res;
        if (JS_IsException(prim))
            return prim;
        res = js_to_string_internal(ctx, prim, sym_ok);
        JS_FreeValue(ctx, prim);
        return res;
    }
    default:
        return js_new_string8(ctx, "[internal]");
    }
}

JSValue JS_ToString(JSContext *ctx, JSValueConst val)
{
    return js_to_string_internal(ctx, val, false);
}

JSValue js_to_string_sym(JSContext *ctx, JSValueConst val)
{
    return js_to_string_internal(ctx, val, true);
}

JSValue JS_ToStringFree(JSContext *ctx, JSValue val)
{
    JSValue res;
    if (JS_IsString(val))
        return js_flatten_string(ctx, val);
    res = JS_ToString(ctx, val);
    JS_FreeValue(ctx, val);
    return res;
}

JSValue JS_ToPropertyKeyFree(JSContext *ctx, JSValue val)
{
    JSValue key = JS_ToPrimitiveFree(ctx, val, HINT_STRING);
    if (JS_IsException(key) || JS_IsSymbol(key))
        return key;
    return JS_ToStringFree(ctx, key);
}

JSValue JS_ToPropertyKey(JSContext *ctx, JSValueConst val)
{
    return JS_ToPropertyKeyFree(ctx, JS_DupValue(ctx, val));
}

JSAtom JS_ValueToAtom(JSContext *ctx, JSValueConst val)
{
    switch (JS_VALUE_GET_TAG(val)) {
    case JS_TAG_INT:
        if (JS_VALUE_GET_INT(val) >= 0)
            return js_atom_from_uint32(JS_VALUE_GET_INT(val));
        break;
    case JS_TAG_STRING:
        return js_new_atom_str(ctx, JS_VALUE_GET_STRING(JS_DupValue(ctx, val)));
    case JS_TAG_SYMBOL:
        return js_symbol_to_atom(ctx, val);
    default:
        break;
    }
    {
        JSValue key = JS_ToPropertyKey(ctx, val);
        JSAtom atom;
        if (JS_IsException(key))
            return JS_ATOM_NULL;
        atom = JS_ValueToAtom(ctx, key);
        JS_FreeValue(ctx, key);
        return atom;
    }
}

bool js_string_is_canonical_numeric(JSContext *ctx, JSString *p, double *pd)
{
    char buf[JS_DTOA_BUF_SIZE];
    double d;
    size_t len;
    if (js_string_eq_cstr(p, "-0")) {
        *pd = -0.0;
        return true;
    }
    if (p->len == 0 || p->len >= JS_DTOA_BUF_SIZE)
        return false;
    d = js_string_to_number(ctx, p);
    len = js_dtoa_shortest(buf, d);
    if (len != p->len)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (string_get(p, i) != (uint8_t)buf[i])
            return false;
    }
    *pd = d;
    return true;
}

/* ---------------------------------------------------------------------
 * Comparisons
 * ------------------------------------------------------------------- */
static bool js_string_values_eq(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    JSString *pa, *pb;
    if (JS_VALUE_GET_PTR(a) == JS_VALUE_GET_PTR(b))
        return true;
    if (js_string_len(a) != js_string_len(b))
        return false;
    /* flattening failure (out of memory) leaves the error pending */
    pa = js_get_flat_string(ctx, a);
    pb = pa ? js_get_flat_string(ctx, b) : NULL;
    return pb && js_string_eq(pa, pb);
}

static bool js_number_tags(JSValueConst a, JSValueConst b, double *da, double *db)
{
    if (!JS_IsNumber(a) || !JS_IsNumber(b))
        return false;
    *da = js_value_to_double(a);
    *db = js_value_to_double(b);
    return true;
}

bool js_strict_eq(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    double da, db;
    if (a == b)
        return !JS_VALUE_IS_NAN(a);
    if (js_number_tags(a, b, &da, &db))
        return da == db;
    if (JS_IsString(a) && JS_IsString(b))
        return js_string_values_eq(ctx, a, b);
    if (JS_IsBigInt(a) && JS_IsBigInt(b))
        return js_bigint_cmp(a, b) == 0;
    return false;
}

bool js_same_value(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    double da, db;
    if (js_number_tags(a, b, &da, &db)) {
        if (isnan(da))
            return isnan(db);
        return da == db && signbit(da) == signbit(db);
    }
    return js_strict_eq(ctx, a, b);
}

bool js_same_value_zero(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    double da, db;
    if (js_number_tags(a, b, &da, &db))
        return da == db || (isnan(da) && isnan(db));
    return js_strict_eq(ctx, a, b);
}

static bool js_is_nullish_or_htmldda(JSValueConst v)
{
    return JS_IsNull(v) || JS_IsUndefined(v) || (JS_IsObject(v) && js_obj(v)->is_HTMLDDA);
}

int js_loose_eq_free(JSContext *ctx, JSValue a, JSValue b)
{
    int res;
    for (;;) {
        int ta = JS_VALUE_GET_TAG(a), tb = JS_VALUE_GET_TAG(b);
        if (ta == tb || (JS_IsNumber(a) && JS_IsNumber(b))) {
            res = js_strict_eq(ctx, a, b);
            break;
        }
        if (js_is_nullish_or_htmldda(a) && js_is_nullish_or_htmldda(b)) {
            res = 1;
            break;
        }
        if ((JS_IsNumber(a) && JS_IsString(b)) || (JS_IsString(a) && JS_IsNumber(b)) ||
            ta == JS_TAG_BOOL || tb == JS_TAG_BOOL) {
            if (JS_IsString(a) || ta == JS_TAG_BOOL) {
                a = JS_ToNumberFree(ctx, a);
            } else {
                b = JS_ToNumberFree(ctx, b);
            }
            continue;
        }
        if (JS_IsBigInt(a) || JS_IsBigInt(b)) {
            if ((JS_IsBigInt(a) && (JS_IsNumber(b) || JS_IsString(b))) ||
                (JS_IsBigInt(b) && (JS_IsNumber(a) || JS_IsString(a)))) {
                res = js_bigint_loose_eq(ctx, a, b);
                break;
            }
        }
        if (ta == JS_TAG_OBJECT && tb != JS_TAG_OBJECT && !JS_IsNull(b) && !JS_IsUndefined(b)) {
            a = JS_ToPrimitiveFree(ctx, a, HINT_NONE);
            if (JS_IsException(a)) {
                JS_FreeValue(ctx, b);
                return -1;
            }
            continue;
        }
        if (tb == JS_TAG_OBJECT && ta != JS_TAG_OBJECT && !JS_IsNull(a) && !JS_IsUndefined(a)) {
            b = JS_ToPrimitiveFree(ctx, b, HINT_NONE);
            if (JS_IsException(b)) {
                JS_FreeValue(ctx, a);
                return -1;
            }
            continue;
        }
        res = 0;
        break;
    }
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    return res;
}

int js_relational_compare_free(JSContext *ctx, JSValue a, JSValue b, int op)
{
    int res;
    a = JS_ToPrimitiveFree(ctx, a, HINT_NUMBER);
    if (JS_IsException(a)) {
        JS_FreeValue(ctx, b);
        return -1;
    }
    b = JS_ToPrimitiveFree(ctx, b, HINT_NUMBER);
    if (JS_IsException(b)) {
        JS_FreeValue(ctx, a);
        return -1;
    }
    if (JS_IsString(a) && JS_IsString(b)) {
        JSString *pa = js_get_flat_string(ctx, a), *pb = pa ? js_get_flat_string(ctx, b) : NULL;
        if (!pb) {
            res = -1;
        } else {
            int c = js_string_compare(pa, pb);
            switch (op) {
            case 0:
                res = c < 0;
                break;
            case 1:
                res = c <= 0;
                break;
            case 2:
                res = c > 0;
                break;
            default:
                res = c >= 0;
                break;
            }
        }
    } else if (JS_IsBigInt(a) || JS_IsBigInt(b)) {
        res = js_bigint_relational_compare(ctx, a, b, op);
        a = b = JS_UNDEFINED;
    } else {
        double da, db;
        a = JS_ToNumberFree(ctx, a);
        if (JS_IsException(a)) {
            JS_FreeValue(ctx, b);
            return -1;
        }
        b = JS_ToNumberFree(ctx, b);
        if (JS_IsException(b))
            return -1;
        da = js_value_to_double(a);
        db = js_value_to_double(b);
        switch (op) {
        case 0:
            res = da < db;
            break;
        case 1:
            res = da <= db;
            break;
        case 2:
            res = da > db;
            break;
        default:
            res = da >= db;
            break;
        }
    }
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    return res;
}

JSAtom js_typeof_atom(JSContext *ctx, JSValueConst val)
{
    switch (JS_VALUE_GET_TAG(val)) {
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        return JS_ATOM_number;
    case JS_TAG_UNDEFINED:
        return JS_ATOM_undefined;
    case JS_TAG_BOOL:
        return JS_ATOM_boolean;
    case JS_TAG_STRING:
        return JS_ATOM_string;
    case JS_TAG_SYMBOL:
        return JS_ATOM_symbol;
    case JS_TAG_BIG_INT:
        return JS_ATOM_bigint;
    case JS_TAG_OBJECT: {
        JSObject *p = js_obj(val);
        if (p->is_HTMLDDA)
            return JS_ATOM_undefined;
        return js_is_callable_obj(ctx, p) ? JS_ATOM_function : JS_ATOM_object;
    }
    default:
        return JS_ATOM_object;
    }
}

JSValue JS_ToObject(JSContext *ctx, JSValueConst val)
{
    JSClassID class_id;
    JSValue obj;
    switch (JS_VALUE_GET_TAG(val)) {
    case JS_TAG_OBJECT:
        return JS_DupValue(ctx, val);
    case JS_TAG_NULL:
    case JS_TAG_UNDEFINED:
        return JS_ThrowTypeError(ctx, "Cannot convert undefined or null to object");
    case JS_TAG_EXCEPTION:
        return JS_EXCEPTION;
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        class_id = JS_CLASS_NUMBER;
        break;
    case JS_TAG_STRING:
        class_id = JS_CLASS_STRING;
        break;
    case JS_TAG_BOOL:
        class_id = JS_CLASS_BOOLEAN;
        break;
    case JS_TAG_SYMBOL:
        class_id = JS_CLASS_SYMBOL;
        break;
    case JS_TAG_BIG_INT:
        class_id = JS_CLASS_BIG_INT;
        break;
    default:
        return JS_ThrowTypeError(ctx, "Cannot convert value to object");
    }
    obj = JS_NewObjectClass(ctx, class_id);
    if (JS_IsException(obj))
        return obj;
    if (class_id == JS_CLASS_STRING) {
        JSValue s = js_flatten_string(ctx, JS_DupValue(ctx, val));
        if (JS_IsException(s)) {
            JS_FreeValue(ctx, obj);
            return s;
        }
        js_obj(obj)->u.object_data = s;
        if (js_string_object_init_length(ctx, obj) < 0) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
    } else {
        js_obj(obj)->u.object_data = JS_DupValue(ctx, val);
    }
    return obj;
}
