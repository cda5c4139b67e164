/*
 * error.c (builtins) — the Error constructor and Error.prototype, the
 * native errors (EvalError, RangeError, ReferenceError, SyntaxError,
 * TypeError, URIError), AggregateError and the non-standard InternalError
 * (what the engine throws for out-of-memory and interrupts), ECMA-262 §20.5.
 *
 * Throwing errors from C and building backtraces is ../error.c's job; this
 * file only makes the constructors and prototypes. Every error object is a
 * JS_CLASS_ERROR object (it has [[ErrorData]]); the prototypes are ordinary
 * objects, kept in ctx->class_proto[JS_CLASS_ERROR] (Error.prototype) and
 * ctx->native_error_proto[] so that the engine can create errors of any
 * kind without looking anything up. Each constructor's magic is its error
 * class: JS_NATIVE_ERROR_* or JS_PLAIN_ERROR. Error.prototype.stack is an
 * accessor over the stack captured in each error's [[ErrorData]].
 */
#include "builtins.h"
#include "../atom.h"
#include "../conv.h"
#include "../error.h"
#include "../function.h"
#include "../iter.h"
#include "../object.h"
#include "../runtime.h"
#include "../str.h"

/* the constructor names, indexed by JS_NATIVE_ERROR_* */
static const JSAtom js_error_native_names[JS_NATIVE_ERROR_COUNT] = {
    [JS_NATIVE_ERROR_EVAL] = JS_ATOM_EvalError,
    [JS_NATIVE_ERROR_RANGE] = JS_ATOM_RangeError,
    [JS_NATIVE_ERROR_REFERENCE] = JS_ATOM_ReferenceError,
    [JS_NATIVE_ERROR_SYNTAX] = JS_ATOM_SyntaxError,
    [JS_NATIVE_ERROR_TYPE] = JS_ATOM_TypeError,
    [JS_NATIVE_ERROR_URI] = JS_ATOM_URIError,
    [JS_NATIVE_ERROR_INTERNAL] = JS_ATOM_InternalError,
    [JS_NATIVE_ERROR_AGGREGATE] = JS_ATOM_AggregateError,
};

static JSValueConst js_error_intrinsic_proto(JSContext *realm, int error_class)
{
    if (error_class == JS_PLAIN_ERROR)
        return realm->class_proto[JS_CLASS_ERROR];
    return realm->native_error_proto[error_class];
}

/* OrdinaryCreateFromConstructor(newTarget, "%NativeError.prototype%"): the
   fallback prototype is the one of new_target's realm */
static JSValue js_error_create(JSContext *ctx, JSValueConst new_target, int error_class)
{
    JSValue proto, obj;
    if (JS_IsUndefined(new_target)) {
        /* newTarget is the active function, whose "prototype" is a
           non-writable, non-configurable data property: no need to read it */
        proto = JS_DupValue(ctx, js_error_intrinsic_proto(ctx, error_class));
    } else {
        proto = JS_GetProperty(ctx, new_target, JS_ATOM_prototype);
        if (JS_IsException(proto))
            return proto;
        if (!JS_IsObject(proto)) {
            JSContext *realm = js_get_function_realm(ctx, new_target);
            JS_FreeValue(ctx, proto);
            if (!realm)
                return JS_EXCEPTION;
            proto = JS_DupValue(ctx, js_error_intrinsic_proto(realm, error_class));
        }
    }
    obj = JS_NewObjectProtoClass(ctx, proto, JS_CLASS_ERROR);
    JS_FreeValue(ctx, proto);
    return obj;
}

/* CreateNonEnumerableDataPropertyOrThrow (frees val) */
static int js_error_define(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValue val)
{
    return JS_DefinePropertyValue(ctx, obj, prop, val,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | JS_PROP_THROW);
}

/* InstallErrorCause */
static int js_error_install_cause(JSContext *ctx, JSValueConst obj, JSValueConst options)
{
    JSValue cause;
    int ret;
    if (!JS_IsObject(options))
        return 0;
    ret = JS_HasProperty(ctx, options, JS_ATOM_cause);
    if (ret <= 0)
        return ret;
    cause = JS_GetProperty(ctx, options, JS_ATOM_cause);
    if (JS_IsException(cause))
        return -1;
    return js_error_define(ctx, obj, JS_ATOM_cause, cause);
}

/* ---------------------------------------------------------------------
 * The constructors: Error(message, options), NativeError(message,
 * options), AggregateError(errors, message, options)
 * ------------------------------------------------------------------- */
static JSValue js_error_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                    JSValueConst *argv, int error_class)
{
    /* AggregateError takes its errors first */
    int base = error_class == JS_NATIVE_ERROR_AGGREGATE;
    JSValueConst message = base < argc ? argv[base] : JS_UNDEFINED;
    JSValueConst options = base + 1 < argc ? argv[base + 1] : JS_UNDEFINED;
    JSValue obj, val;
    obj = js_error_create(ctx, new_target, error_class);
    if (JS_IsException(obj))
        return obj;
    if (!JS_IsUndefined(message)) {
        val = JS_ToString(ctx, message);
        if (JS_IsException(val) || js_error_define(ctx, obj, JS_ATOM_message, val) < 0)
            goto fail;
    }
    if (js_error_install_cause(ctx, obj, options) < 0)
        goto fail;
    if (error_class == JS_NATIVE_ERROR_AGGREGATE) {
        val = js_iterable_to_array(ctx, argv[0]);
        if (JS_IsException(val) || js_error_define(ctx, obj, JS_ATOM_errors, val) < 0)
            goto fail;
    }
    /* the stack starts at the caller, not at this constructor */
    if (js_error_set_stack(ctx, obj, 1) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Error.prototype.toString, Error.isError
 * ------------------------------------------------------------------- */
/* ToString(Get(obj, prop)), or the default when it is undefined */
static JSValue js_error_get_string(JSContext *ctx, JSValueConst obj, JSAtom prop, JSAtom def)
{
    JSValue v = JS_GetProperty(ctx, obj, prop);
    if (JS_IsException(v))
        return v;
    if (JS_IsUndefined(v))
        return JS_AtomToString(ctx, def);
    return JS_ToStringFree(ctx, v);
}

static JSValue js_error_proto_to_string(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    JSValue name, msg;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "Error.prototype.toString called on non-object");
    name = js_error_get_string(ctx, this_val, JS_ATOM_name, JS_ATOM_Error);
    if (JS_IsException(name))
        return name;
    msg = js_error_get_string(ctx, this_val, JS_ATOM_message, JS_ATOM_empty_string);
    if (JS_IsException(msg)) {
        JS_FreeValue(ctx, name);
        return msg;
    }
    if (js_string_len(name) == 0) {
        JS_FreeValue(ctx, name);
        return msg;
    }
    if (js_string_len(msg) == 0) {
        JS_FreeValue(ctx, msg);
        return name;
    }
    name = js_concat_cstring(ctx, name, ": ");
    if (JS_IsException(name)) {
        JS_FreeValue(ctx, msg);
        return name;
    }
    return JS_ConcatStrings(ctx, name, msg);
}

static JSValue js_error_is_error(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    return JS_NewBool(ctx, JS_IsObject(argv[0]) && js_obj(argv[0])->class_id == JS_CLASS_ERROR);
}

/* ---------------------------------------------------------------------
 * Error.prototype.stack (the error-stack-accessor proposal)
 *
 * The stack string captured when an error object was created lives in its
 * [[ErrorData]] slot (../error.c), never in an own property: the getter
 * reads the slot, and the setter installs an own data property that
 * shadows the accessor without touching the slot.
 * ------------------------------------------------------------------- */
static JSValue js_error_proto_get_stack(JSContext *ctx, JSValueConst this_val)
{
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "Error.prototype.stack getter called on non-object");
    if (!JS_IsError(ctx, this_val))
        return JS_UNDEFINED;
    /* every error object captures a string when it is created */
    return JS_DupValue(ctx, js_obj(this_val)->u.object_data);
}

/* SetterThatIgnoresPrototypeProperties(this, %Error.prototype%, "stack", v) */
static JSValue js_error_proto_set_stack(JSContext *ctx, JSValueConst this_val, JSValueConst val)
{
    JSPropertyDescriptor desc;
    int ret;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "Error.prototype.stack setter called on non-object");
    if (!JS_IsString(val))
        return JS_ThrowTypeError(ctx, "Error.prototype.stack must be set to a string");
    if (this_val == ctx->class_proto[JS_CLASS_ERROR])
        return JS_ThrowTypeError(ctx, "Cannot set the stack of Error.prototype");
    ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(this_val), JS_ATOM_stack);
    if (ret < 0)
        return JS_EXCEPTION;
    if (ret == 0) {
        ret = JS_DefinePropertyValue(ctx, this_val, JS_ATOM_stack, JS_DupValue(ctx, val),
                                     JS_PROP_C_W_E | JS_PROP_THROW);
    } else {
        js_free_desc(ctx, &desc);
        ret = JS_SetPropertyInternal(ctx, this_val, JS_ATOM_stack, JS_DupValue(ctx, val),
                                     this_val, JS_PROP_THROW);
    }
    return ret < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_error_funcs[] = {
    JS_CFUNC_DEF("isError", 1, js_error_is_error),
};

static const JSCFunctionListEntry js_error_proto_funcs[] = {
    JS_CFUNC_DEF("toString", 0, js_error_proto_to_string),
    JS_CGETSET_DEF("stack", js_error_proto_get_stack, js_error_proto_set_stack),
};

/* a prototype's "name" and "message" */
static int js_error_init_proto(JSContext *ctx, JSValueConst proto, JSAtom name)
{
    if (JS_DefinePropertyValue(ctx, proto, JS_ATOM_name, JS_AtomToString(ctx, name),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        return -1;
    return JS_DefinePropertyValue(ctx, proto, JS_ATOM_message,
                                  JS_AtomToString(ctx, JS_ATOM_empty_string),
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}

/* one NativeError constructor: its [[Prototype]] is %Error%, its
   prototype's [[Prototype]] is %Error.prototype% */
static int js_error_init_native(JSContext *ctx, JSValueConst error_ctor, int error_class)
{
    JSAtom name = js_error_native_names[error_class];
    int length = error_class == JS_NATIVE_ERROR_AGGREGATE ? 2 : 1;
    JSValue proto, ctor;
    proto = JS_NewObjectProto(ctx, ctx->class_proto[JS_CLASS_ERROR]);
    if (JS_IsException(proto))
        return -1;
    ctx->native_error_proto[error_class] = proto;
    if (js_error_init_proto(ctx, proto, name) < 0)
        return -1;
    ctor = js_new_cfunction3(ctx, (JSCFunction *)(void *)js_error_constructor, name, length,
                             JS_CFUNC_constructor_or_func_magic, error_class, error_ctor);
    if (JS_IsException(ctor))
        return -1;
    if (JS_DefinePropertyValue(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, proto), 0) < 0 ||
        JS_DefinePropertyValue(ctx, proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0 ||
        JS_DefinePropertyValue(ctx, ctx->global_obj, name, JS_DupValue(ctx, ctor),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);
    return 0;
}

int js_init_error(JSContext *ctx)
{
    JSValue proto, ctor;
    int ret = 0;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_SetClassProto(ctx, JS_CLASS_ERROR, proto);
    if (JS_SetPropertyFunctionList(ctx, proto, js_error_proto_funcs,
                                   countof(js_error_proto_funcs)) < 0 ||
        js_error_init_proto(ctx, proto, JS_ATOM_Error) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_Error, (JSCFunction *)(void *)js_error_constructor, 1,
                                 JS_CFUNC_constructor_or_func_magic, JS_PLAIN_ERROR, proto);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_error_funcs, countof(js_error_funcs)) < 0)
        ret = -1;
    for (int i = 0; i < JS_NATIVE_ERROR_COUNT && ret == 0; i++)
        ret = js_error_init_native(ctx, ctor, i);
    JS_FreeValue(ctx, ctor);
    return ret;
}
