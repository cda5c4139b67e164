/*
 * boolean.c (builtins) — the Boolean constructor and Boolean.prototype
 * (ECMA-262 §20.3). Boolean wrapper objects are JS_CLASS_BOOLEAN objects
 * whose u.object_data holds the boolean; Boolean.prototype is one of them
 * (holding false).
 */
#include "builtins.h"
#include "../conv.h"
#include "../error.h"
#include "../object.h"
#include "../runtime.h"

static JSValue js_boolean_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                      JSValueConst *argv)
{
    int b = JS_ToBool(ctx, argv[0]);
    JSValue obj;
    if (b < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(new_target))
        return JS_NewBool(ctx, b);
    obj = js_create_from_ctor(ctx, new_target, JS_CLASS_BOOLEAN);
    if (!JS_IsException(obj))
        js_obj(obj)->u.object_data = JS_NewBool(ctx, b);
    return obj;
}

/* thisBooleanValue: -1 (TypeError thrown), else 0/1 */
static int js_boolean_this_value(JSContext *ctx, JSValueConst this_val)
{
    if (JS_IsBool(this_val))
        return JS_VALUE_GET_BOOL(this_val);
    if (JS_IsObject(this_val) && js_obj(this_val)->class_id == JS_CLASS_BOOLEAN &&
        JS_IsBool(js_obj(this_val)->u.object_data))
        return JS_VALUE_GET_BOOL(js_obj(this_val)->u.object_data);
    JS_ThrowTypeError(ctx, "not a boolean");
    return -1;
}

static JSValue js_boolean_proto_to_string(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    int b = js_boolean_this_value(ctx, this_val);
    if (b < 0)
        return JS_EXCEPTION;
    return JS_AtomToString(ctx, b ? JS_ATOM_true : JS_ATOM_false);
}

static JSValue js_boolean_proto_value_of(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    int b = js_boolean_this_value(ctx, this_val);
    if (b < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, b);
}

static const JSCFunctionListEntry js_boolean_proto_funcs[] = {
    JS_CFUNC_DEF("toString", 0, js_boolean_proto_to_string),
    JS_CFUNC_DEF("valueOf", 0, js_boolean_proto_value_of),
};

int js_init_boolean(JSContext *ctx)
{
    JSValue proto, ctor;
    proto = JS_NewObjectProtoClass(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_BOOLEAN);
    if (JS_IsException(proto))
        return -1;
    js_obj(proto)->u.object_data = JS_FALSE;
    JS_SetClassProto(ctx, JS_CLASS_BOOLEAN, proto);
    if (JS_SetPropertyFunctionList(ctx, proto, js_boolean_proto_funcs,
                                   countof(js_boolean_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_Boolean, js_boolean_constructor, 1,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctor);
    return 0;
}
