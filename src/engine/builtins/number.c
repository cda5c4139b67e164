/*
 * number.c — the Number constructor, its static properties and
 * Number.prototype (ECMA-262 §21.1).
 *
 * Every digit string comes from dtoa.c, whose conversions are exact: the
 * methods here only do the spec's argument handling (thisNumberValue, the
 * order of the conversions, the RangeError checks) around them.
 * Number.parseFloat and Number.parseInt are the global functions; global.c
 * installs the same function objects here.
 */
#include <math.h>

#include "builtins.h"
#include "../bigint.h"
#include "../conv.h"
#include "../dtoa.h"
#include "../error.h"
#include "../function.h"
#include "../object.h"
#include "../str.h"

/* 2^53 - 1 */
#define JS_MAX_SAFE_INTEGER 9007199254740991.0

/* ---------------------------------------------------------------------
 * The constructor
 * ------------------------------------------------------------------- */
/* Number(value) converts; new Number(value) wraps the converted value in
   an object whose prototype comes from new.target */
static JSValue js_number_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                     JSValueConst *argv)
{
    JSValue n, obj;
    if (argc == 0) {
        n = JS_NewInt32(ctx, 0);
    } else {
        n = JS_ToNumericFree(ctx, JS_DupValue(ctx, argv[0]));
        if (JS_IsException(n))
            return n;
        if (JS_IsBigInt(n)) {
            double d = js_bigint_to_float64(n);
            JS_FreeValue(ctx, n);
            n = JS_NewNumber(ctx, d);
        }
    }
    if (JS_IsUndefined(new_target))
        return n;
    obj = js_create_from_ctor(ctx, new_target, JS_CLASS_NUMBER);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, n);
        return obj;
    }
    js_obj(obj)->u.object_data = n;
    return obj;
}

/* ---------------------------------------------------------------------
 * Static functions
 * ------------------------------------------------------------------- */
static bool js_number_is_integral(double d)
{
    return isfinite(d) && trunc(d) == d;
}

static JSValue js_number_isFinite(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    if (!JS_IsNumber(argv[0]))
        return JS_FALSE;
    return JS_NewBool(ctx, isfinite(js_value_to_double(argv[0])));
}

static JSValue js_number_isNaN(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    if (!JS_IsNumber(argv[0]))
        return JS_FALSE;
    return JS_NewBool(ctx, isnan(js_value_to_double(argv[0])));
}

static JSValue js_number_isInteger(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    if (JS_IsInt(argv[0]))
        return JS_TRUE;
    if (!JS_IsNumber(argv[0]))
        return JS_FALSE;
    return JS_NewBool(ctx, js_number_is_integral(JS_VALUE_GET_FLOAT64(argv[0])));
}

static JSValue js_number_isSafeInteger(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    double d;
    if (JS_IsInt(argv[0]))
        return JS_TRUE;
    if (!JS_IsNumber(argv[0]))
        return JS_FALSE;
    d = JS_VALUE_GET_FLOAT64(argv[0]);
    return JS_NewBool(ctx, js_number_is_integral(d) && fabs(d) <= JS_MAX_SAFE_INTEGER);
}

/* ---------------------------------------------------------------------
 * Number.prototype
 * ------------------------------------------------------------------- */
/* thisNumberValue: a number, or the [[NumberData]] of a Number object */
static int js_this_number_value(JSContext *ctx, double *pd, JSValueConst this_val)
{
    if (JS_IsNumber(this_val)) {
        *pd = js_value_to_double(this_val);
        return 0;
    }
    if (JS_IsObject(this_val) && js_obj(this_val)->class_id == JS_CLASS_NUMBER &&
        JS_IsNumber(js_obj(this_val)->u.object_data)) {
        *pd = js_value_to_double(js_obj(this_val)->u.object_data);
        return 0;
    }
    JS_ThrowTypeError(ctx, "Number.prototype method called on a value that is not a number");
    return -1;
}

/* ToIntegerOrInfinity on a borrowed argument */
static int js_number_to_integer(JSContext *ctx, double *pd, JSValueConst val)
{
    return JS_ToIntegerFree(ctx, pd, JS_DupValue(ctx, val));
}

static JSValue js_number_valueOf(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    double d;
    if (JS_IsNumber(this_val))
        return this_val;
    if (js_this_number_value(ctx, &d, this_val) < 0)
        return JS_EXCEPTION;
    return JS_NewNumber(ctx, d);
}

/* an int32 in a radix other than 10: a fast path for the common case */
static JSValue js_number_int32_to_radix(JSContext *ctx, int32_t v, int radix)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    char buf[40], *p = buf + sizeof(buf);
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    do {
        *--p = digits[u % (uint32_t)radix];
        u /= (uint32_t)radix;
    } while (u);
    if (v < 0)
        *--p = '-';
    return js_new_string8_len(ctx, p, (uint32_t)(buf + sizeof(buf) - p));
}

static JSValue js_number_toString(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    char buf[JS_DTOA_RADIX_BUF_SIZE];
    double d, r;
    int radix = 10;
    if (js_this_number_value(ctx, &d, this_val) < 0)
        return JS_EXCEPTION;
    if (!JS_IsUndefined(argv[0])) {
        if (js_number_to_integer(ctx, &r, argv[0]) < 0)
            return JS_EXCEPTION;
        if (r < 2 || r > 36)
            return JS_ThrowRangeError(ctx, "toString() radix must be between 2 and 36");
        radix = (int)r;
    }
    if (radix == 10)
        return js_number_to_string(ctx, d);
    if (JS_IsInt(this_val))
        return js_number_int32_to_radix(ctx, JS_VALUE_GET_INT(this_val), radix);
    return js_new_string8_len(ctx, buf, (uint32_t)js_dtoa_radix(buf, d, radix));
}

/* Intl is not part of Weft: the locale form is the plain number form */
static JSValue js_number_toLocaleString(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    double d;
    if (js_this_number_value(ctx, &d, this_val) < 0)
        return JS_EXCEPTION;
    return js_number_to_string(ctx, d);
}

static JSValue js_number_toFixed(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    char buf[JS_DTOA_FIXED_MAX + JS_DTOA_BUF_SIZE];
    double d, f;
    if (js_this_number_value(ctx, &d, this_val) < 0)
        return JS_EXCEPTION;
    if (js_number_to_integer(ctx, &f, argv[0]) < 0)
        return JS_EXCEPTION;
    if (f < 0 || f > 100)
        return JS_ThrowRangeError(ctx, "toFixed() digits argument must be between 0 and 100");
    if (!isfinite(d))
        return js_number_to_string(ctx, d);
    return js_new_string8_len(ctx, buf, (uint32_t)js_dtoa_fixed(buf, d, (int)f));
}

static JSValue js_number_toExponential(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    char buf[JS_DTOA_BUF_SIZE];
    double d, f;
    if (js_this_number_value(ctx, &d, this_val) < 0)
        return JS_EXCEPTION;
    if (js_number_to_integer(ctx, &f, argv[0]) < 0)
        return JS_EXCEPTION;
    if (!isfinite(d))
        return js_number_to_string(ctx, d);
    if (f < 0 || f > 100)
        return JS_ThrowRangeError(ctx, "toExponential() argument must be between 0 and 100");
    /* undefined asks for as many digits as needed, unlike 0 */
    return js_new_string8_len(
        ctx, buf, (uint32_t)js_dtoa_exponential(buf, d, JS_IsUndefined(argv[0]) ? -1 : (int)f));
}

static JSValue js_number_toPrecision(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    char buf[JS_DTOA_BUF_SIZE];
    double d, p;
    if (js_this_number_value(ctx, &d, this_val) < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(argv[0]))
        return js_number_to_string(ctx, d);
    if (js_number_to_integer(ctx, &p, argv[0]) < 0)
        return JS_EXCEPTION;
    if (!isfinite(d))
        return js_number_to_string(ctx, d);
    if (p < 1 || p > 100)
        return JS_ThrowRangeError(ctx, "toPrecision() argument must be between 1 and 100");
    return js_new_string8_len(ctx, buf, (uint32_t)js_dtoa_precision(buf, d, (int)p));
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_number_funcs[] = {
    JS_PROP_DOUBLE_DEF("EPSILON", 2.220446049250313080847263336181640625e-16, 0),
    JS_PROP_DOUBLE_DEF("MAX_SAFE_INTEGER", JS_MAX_SAFE_INTEGER, 0),
    JS_PROP_DOUBLE_DEF("MAX_VALUE", 1.7976931348623157e308, 0),
    JS_PROP_DOUBLE_DEF("MIN_SAFE_INTEGER", -JS_MAX_SAFE_INTEGER, 0),
    JS_PROP_DOUBLE_DEF("MIN_VALUE", 4.9406564584124654e-324, 0),
    JS_PROP_DOUBLE_DEF("NaN", NAN, 0),
    JS_PROP_DOUBLE_DEF("NEGATIVE_INFINITY", -INFINITY, 0),
    JS_PROP_DOUBLE_DEF("POSITIVE_INFINITY", INFINITY, 0),
    JS_CFUNC_DEF("isFinite", 1, js_number_isFinite),
    JS_CFUNC_DEF("isInteger", 1, js_number_isInteger),
    JS_CFUNC_DEF("isNaN", 1, js_number_isNaN),
    JS_CFUNC_DEF("isSafeInteger", 1, js_number_isSafeInteger),
};

static const JSCFunctionListEntry js_number_proto_funcs[] = {
    JS_CFUNC_DEF("toExponential", 1, js_number_toExponential),
    JS_CFUNC_DEF("toFixed", 1, js_number_toFixed),
    JS_CFUNC_DEF("toLocaleString", 0, js_number_toLocaleString),
    JS_CFUNC_DEF("toPrecision", 1, js_number_toPrecision),
    JS_CFUNC_DEF("toString", 1, js_number_toString),
    JS_CFUNC_DEF("valueOf", 0, js_number_valueOf),
};

int js_init_number(JSContext *ctx)
{
    JSValue proto, ctor;
    /* Number.prototype is itself a Number object holding +0 */
    proto = JS_NewObjectProtoClass(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_NUMBER);
    if (JS_IsException(proto))
        return -1;
    js_obj(proto)->u.object_data = JS_NewInt32(ctx, 0);
    JS_SetClassProto(ctx, JS_CLASS_NUMBER, proto);
    if (JS_SetPropertyFunctionList(ctx, proto, js_number_proto_funcs,
                                   countof(js_number_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_Number, js_number_constructor, 1,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_number_funcs, countof(js_number_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);
    return 0;
}
