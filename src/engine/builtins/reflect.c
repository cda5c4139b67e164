/*
 * reflect.c (builtins) — the Reflect namespace object (ECMA-262 §28.1):
 * each function exposes one internal method of an object. Unlike their
 * Object counterparts they throw on non-object targets and report failure
 * as false instead of throwing, so the protocol calls below are made
 * without JS_PROP_THROW.
 */
#include "builtins.h"
#include "../atom.h"
#include "../conv.h"
#include "../error.h"
#include "../function.h"
#include "../object.h"
#include "../runtime.h"

static JSValue js_reflect_not_object(JSContext *ctx)
{
    return JS_ThrowTypeError(ctx, "Reflect: target is not an object");
}

static JSValue js_reflect_apply(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue *tab, ret;
    uint32_t len;
    if (!JS_IsCallable(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "Reflect.apply: target is not a function");
    tab = js_build_arg_list(ctx, &len, argv[2]);
    if (!tab)
        return JS_EXCEPTION;
    ret = JS_Call(ctx, argv[0], argv[1], len, (JSValueConst *)tab);
    js_free_value_list(ctx, tab, len);
    return ret;
}

static JSValue js_reflect_construct(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    JSValueConst target = argv[0];
    JSValueConst new_target = argc < 3 ? target : argv[2];
    JSValue *tab, ret;
    uint32_t len;
    if (!JS_IsConstructor(ctx, target))
        return JS_ThrowTypeError(ctx, "Reflect.construct: target is not a constructor");
    if (!JS_IsConstructor(ctx, new_target))
        return JS_ThrowTypeError(ctx, "Reflect.construct: newTarget is not a constructor");
    tab = js_build_arg_list(ctx, &len, argv[1]);
    if (!tab)
        return JS_EXCEPTION;
    ret = JS_CallConstructor2(ctx, target, new_target, len, (JSValueConst *)tab);
    js_free_value_list(ctx, tab, len);
    return ret;
}

static JSValue js_reflect_define_property(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    JSAtom atom;
    int ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = js_define_property_desc(ctx, argv[0], atom, argv[2], 0);
    JS_FreeAtom(ctx, atom);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_reflect_delete_property(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    JSAtom atom;
    int ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = js_delete_property(ctx, argv[0], atom, 0);
    JS_FreeAtom(ctx, atom);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_reflect_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst receiver = argc < 3 ? argv[0] : argv[2];
    JSAtom atom;
    JSValue ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = JS_GetPropertyInternal(ctx, argv[0], atom, receiver, false);
    JS_FreeAtom(ctx, atom);
    return ret;
}

static JSValue js_reflect_get_own_property_descriptor(JSContext *ctx, JSValueConst this_val,
                                                      int argc, JSValueConst *argv)
{
    JSPropertyDescriptor desc;
    JSAtom atom;
    JSValue res;
    int ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(argv[0]), atom);
    JS_FreeAtom(ctx, atom);
    if (ret < 0)
        return JS_EXCEPTION;
    if (ret == 0)
        return JS_UNDEFINED;
    res = js_from_property_descriptor(ctx, &desc);
    js_free_desc(ctx, &desc);
    return res;
}

static JSValue js_reflect_get_prototype_of(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv)
{
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    return JS_GetPrototype(ctx, argv[0]);
}

static JSValue js_reflect_has(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSAtom atom;
    int ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = JS_HasProperty(ctx, argv[0], atom);
    JS_FreeAtom(ctx, atom);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_reflect_is_extensible(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    int ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    ret = JS_IsExtensible(ctx, argv[0]);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_reflect_own_keys(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    return js_get_own_property_names2(ctx, argv[0], JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK, 0);
}

static JSValue js_reflect_prevent_extensions(JSContext *ctx, JSValueConst this_val, int argc,
                                             JSValueConst *argv)
{
    int ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    ret = JS_PreventExtensions(ctx, argv[0]);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_reflect_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst receiver = argc < 4 ? argv[0] : argv[3];
    JSAtom atom;
    int ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = JS_SetPropertyInternal(ctx, argv[0], atom, JS_DupValue(ctx, argv[2]), receiver, 0);
    JS_FreeAtom(ctx, atom);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_reflect_set_prototype_of(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv)
{
    int ret;
    if (!JS_IsObject(argv[0]))
        return js_reflect_not_object(ctx);
    if (!JS_IsObject(argv[1]) && !JS_IsNull(argv[1]))
        return JS_ThrowTypeError(ctx, "Object prototype may only be an Object or null");
    ret = JS_SetPrototypeInternal(ctx, argv[0], argv[1], false);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static const JSCFunctionListEntry js_reflect_funcs[] = {
    JS_CFUNC_DEF("apply", 3, js_reflect_apply),
    JS_CFUNC_DEF("construct", 2, js_reflect_construct),
    JS_CFUNC_DEF("defineProperty", 3, js_reflect_define_property),
    JS_CFUNC_DEF("deleteProperty", 2, js_reflect_delete_property),
    JS_CFUNC_DEF("get", 2, js_reflect_get),
    JS_CFUNC_DEF("getOwnPropertyDescriptor", 2, js_reflect_get_own_property_descriptor),
    JS_CFUNC_DEF("getPrototypeOf", 1, js_reflect_get_prototype_of),
    JS_CFUNC_DEF("has", 2, js_reflect_has),
    JS_CFUNC_DEF("isExtensible", 1, js_reflect_is_extensible),
    JS_CFUNC_DEF("ownKeys", 1, js_reflect_own_keys),
    JS_CFUNC_DEF("preventExtensions", 1, js_reflect_prevent_extensions),
    JS_CFUNC_DEF("set", 3, js_reflect_set),
    JS_CFUNC_DEF("setPrototypeOf", 2, js_reflect_set_prototype_of),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Reflect", JS_PROP_CONFIGURABLE),
};

int js_init_reflect(JSContext *ctx)
{
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, obj, js_reflect_funcs, countof(js_reflect_funcs)) < 0) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    return JS_DefinePropertyValue(ctx, ctx->global_obj, JS_ATOM_Reflect, obj,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}
