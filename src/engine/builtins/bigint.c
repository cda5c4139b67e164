/*
 * bigint.c (builtins) — the BigInt function, BigInt.asIntN / asUintN and
 * BigInt.prototype (ECMA-262 §21.2).
 *
 * BigInt is a constructor only in name: it has [[Construct]] (so
 * IsConstructor is true) but `new BigInt()` throws. BigInt.prototype is an
 * ordinary object; BigInt wrapper objects (Object(1n)) are JS_CLASS_BIG_INT
 * objects whose u.object_data holds the BigInt. The arithmetic lives in
 * ../bigint.c.
 */
#include <math.h>

#include "builtins.h"
#include "../bigint.h"
#include "../conv.h"
#include "../error.h"
#include "../object.h"

static JSValue js_bigint_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                     JSValueConst *argv)
{
    JSValue prim, res;
    if (!JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "BigInt is not a constructor");
    prim = JS_ToPrimitive(ctx, argv[0], HINT_NUMBER);
    if (JS_IsException(prim))
        return prim;
    if (JS_IsNumber(prim))
        return js_bigint_from_float64(ctx, js_value_to_double(prim));
    /* prim is a primitive: ToBigInt does not call user code again */
    res = JS_ToBigInt(ctx, prim);
    JS_FreeValue(ctx, prim);
    return res;
}

/* BigInt.asIntN (magic 1) and BigInt.asUintN (magic 0) */
static JSValue js_bigint_as_int_n(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv, int is_signed)
{
    uint64_t bits;
    JSValue v, res;
    if (JS_ToIndex(ctx, &bits, argv[0]))
        return JS_EXCEPTION;
    v = JS_ToBigInt(ctx, argv[1]);
    if (JS_IsException(v))
        return v;
    res = js_bigint_as_n(ctx, bits, v, is_signed);
    JS_FreeValue(ctx, v);
    return res;
}

/* thisBigIntValue: a new reference, or JS_EXCEPTION (TypeError) */
static JSValue js_bigint_this_value(JSContext *ctx, JSValueConst this_val)
{
    if (JS_IsBigInt(this_val))
        return JS_DupValue(ctx, this_val);
    if (JS_IsObject(this_val) && js_obj(this_val)->class_id == JS_CLASS_BIG_INT &&
        JS_IsBigInt(js_obj(this_val)->u.object_data))
        return JS_DupValue(ctx, js_obj(this_val)->u.object_data);
    return JS_ThrowTypeError(ctx, "not a BigInt");
}

static JSValue js_bigint_proto_to_string(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    JSValue x = js_bigint_this_value(ctx, this_val), res;
    double radix = 10;
    if (JS_IsException(x))
        return x;
    /* length is 0: argv[0] is only there when passed */
    if (argc > 0 && !JS_IsUndefined(argv[0])) {
        if (JS_ToIntegerFree(ctx, &radix, JS_DupValue(ctx, argv[0])))
            goto fail;
        if (radix < 2 || radix > 36) {
            JS_ThrowRangeError(ctx, "toString() radix must be between 2 and 36");
            goto fail;
        }
    }
    res = js_bigint_to_string(ctx, x, (int)radix);
    JS_FreeValue(ctx, x);
    return res;
fail:
    JS_FreeValue(ctx, x);
    return JS_EXCEPTION;
}

/* no locale support: the decimal digits, as toString() gives them */
static JSValue js_bigint_proto_to_locale_string(JSContext *ctx, JSValueConst this_val, int argc,
                                                JSValueConst *argv)
{
    JSValue x = js_bigint_this_value(ctx, this_val), res;
    if (JS_IsException(x))
        return x;
    res = js_bigint_to_string(ctx, x, 10);
    JS_FreeValue(ctx, x);
    return res;
}

static JSValue js_bigint_proto_value_of(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    return js_bigint_this_value(ctx, this_val);
}

static const JSCFunctionListEntry js_bigint_funcs[] = {
    JS_CFUNC_MAGIC_DEF("asUintN", 2, js_bigint_as_int_n, 0),
    JS_CFUNC_MAGIC_DEF("asIntN", 2, js_bigint_as_int_n, 1),
};

static const JSCFunctionListEntry js_bigint_proto_funcs[] = {
    JS_CFUNC_DEF("toLocaleString", 0, js_bigint_proto_to_locale_string),
    JS_CFUNC_DEF("toString", 0, js_bigint_proto_to_string),
    JS_CFUNC_DEF("valueOf", 0, js_bigint_proto_value_of),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "BigInt", JS_PROP_CONFIGURABLE),
};

int js_init_bigint(JSContext *ctx)
{
    JSValue proto, ctor;
    int ret;
    proto = js_new_plain_object(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
    if (JS_IsException(proto))
        return -1;
    JS_SetClassProto(ctx, JS_CLASS_BIG_INT, proto);
    if (JS_SetPropertyFunctionList(ctx, proto, js_bigint_proto_funcs,
                                   countof(js_bigint_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_BigInt, js_bigint_constructor, 1,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    ret = JS_SetPropertyFunctionList(ctx, ctor, js_bigint_funcs, countof(js_bigint_funcs));
    JS_FreeValue(ctx, ctor);
    return ret < 0 ? -1 : 0;
}
