/*
 * proxy.c (builtins) — Proxy exotic objects (ECMA-262 §10.5) and the Proxy
 * constructor with Proxy.revocable (§28.2).
 *
 * A proxy is an object of class JS_CLASS_PROXY whose u.opaque points at a
 * JSProxyData (target, handler). Its shape stays empty (apart from private
 * names, which never reach the handler) and has no prototype, so the
 * property loops of object.c reach a proxy's exotic hooks and never walk
 * past it. Each internal method follows the spec's steps in order: read
 * the trap with GetMethod(handler, name), forward to the target when it is
 * undefined, else call it and check the result against the target's
 * invariants.
 *
 * Revocation sets target and handler to null as the spec says; an internal
 * method in progress keeps its own references (JSProxyOp) because a trap
 * may revoke the proxy it runs for. Errors are created in the realm of the
 * caller (the ctx the hooks receive), which is the running execution
 * context's realm.
 */
#include "proxy.h"
#include "builtins.h"
#include "../atom.h"
#include "../conv.h"
#include "../error.h"
#include "../function.h"
#include "../gc.h"
#include "../object.h"
#include "../runtime.h"

typedef struct JSProxyData {
    JSValue target;  /* JS_NULL once revoked */
    JSValue handler; /* JS_NULL once revoked */
    bool is_callable;
} JSProxyData;

/* one internal method in progress: references that survive a revocation
   done by the trap itself */
typedef struct JSProxyOp {
    JSValue target;
    JSValue handler;
    JSValue trap; /* JS_UNDEFINED: forward to the target */
} JSProxyOp;

static JSProxyData *js_proxy_data(const JSObject *p)
{
    return p->u.opaque;
}

static int js_proxy_throw_revoked(JSContext *ctx, JSAtom trap_name)
{
    js_throw_type_error_atom(ctx, "cannot perform '%s' on a proxy that has been revoked",
                             trap_name);
    return -1;
}

/* ValidateNonRevokedProxy, then GetMethod(handler, trap_name) */
static int js_proxy_begin(JSContext *ctx, JSObject *p, JSAtom trap_name, JSProxyOp *op)
{
    JSProxyData *s = js_proxy_data(p);
    /* proxies of proxies recurse in C */
    if (js_check_stack_overflow(ctx->rt, 0)) {
        js_throw_stack_overflow(ctx);
        return -1;
    }
    if (JS_IsNull(s->handler))
        return js_proxy_throw_revoked(ctx, trap_name);
    op->target = JS_DupValue(ctx, s->target);
    op->handler = JS_DupValue(ctx, s->handler);
    op->trap = js_get_method(ctx, op->handler, trap_name);
    if (JS_IsException(op->trap)) {
        JS_FreeValue(ctx, op->target);
        JS_FreeValue(ctx, op->handler);
        return -1;
    }
    return 0;
}

static void js_proxy_end(JSContext *ctx, JSProxyOp *op)
{
    JS_FreeValue(ctx, op->trap);
    JS_FreeValue(ctx, op->handler);
    JS_FreeValue(ctx, op->target);
}

/* Call(trap, handler, « target, P, extra... ») */
static JSValue js_proxy_call_key(JSContext *ctx, JSProxyOp *op, JSAtom prop, int extra_argc,
                                 JSValueConst *extra)
{
    JSValueConst args[4];
    JSValue key = JS_AtomToValue(ctx, prop), ret;
    if (JS_IsException(key))
        return key;
    args[0] = op->target;
    args[1] = key;
    for (int i = 0; i < extra_argc; i++)
        args[2 + i] = extra[i];
    ret = JS_Call(ctx, op->trap, op->handler, 2 + extra_argc, args);
    JS_FreeValue(ctx, key);
    return ret;
}

/* ToBoolean of a trap result (frees it): -1 when the call threw */
static int js_proxy_bool_result(JSContext *ctx, JSValue res)
{
    int ret;
    if (JS_IsException(res))
        return -1;
    ret = JS_ToBool(ctx, res);
    JS_FreeValue(ctx, res);
    return ret;
}

/* target.[[GetOwnProperty]](P) for the invariant checks */
static int js_proxy_target_desc(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst target,
                                JSAtom prop)
{
    return JS_GetOwnPropertyInternal(ctx, desc, js_obj(target), prop);
}

static int js_proxy_invariant(JSContext *ctx, const char *fmt, JSAtom prop)
{
    if (prop == JS_ATOM_NULL)
        JS_ThrowTypeError(ctx, "%s", fmt);
    else
        js_throw_type_error_atom(ctx, fmt, prop);
    return -1;
}

/* ---------------------------------------------------------------------
 * Property descriptors
 *
 * A descriptor from ToPropertyDescriptor (or given to [[DefineOwnProperty]])
 * carries JS_PROP_HAS_* bits for the fields it has and the attribute bits
 * for the true ones. A complete descriptor (what [[GetOwnProperty]]
 * returns) carries the attribute bits, and JS_PROP_GETSET for an accessor.
 * ------------------------------------------------------------------- */
static bool js_proxy_desc_is_accessor(int flags)
{
    return (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) != 0;
}

static bool js_proxy_desc_is_data(int flags)
{
    return (flags & (JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE)) != 0;
}

/* CompletePropertyDescriptor; the result is in both forms at once */
static void js_proxy_complete_desc(JSPropertyDescriptor *d)
{
    if (js_proxy_desc_is_accessor(d->flags))
        d->flags |= JS_PROP_GETSET | JS_PROP_HAS_GET | JS_PROP_HAS_SET;
    else
        d->flags |= JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE;
    d->flags |= JS_PROP_HAS_ENUMERABLE | JS_PROP_HAS_CONFIGURABLE;
}

/* IsCompatiblePropertyDescriptor(extensible, desc, current), that is
   ValidateAndApplyPropertyDescriptor without an object; cur is NULL when
   the target has no such property */
static bool js_proxy_desc_compatible(JSContext *ctx, bool extensible, const JSPropertyDescriptor *d,
                                     const JSPropertyDescriptor *cur)
{
    int f = d->flags, cf;
    if (!cur)
        return extensible;
    cf = cur->flags;
    if (cf & JS_PROP_CONFIGURABLE)
        return true;
    if ((f & JS_PROP_HAS_CONFIGURABLE) && (f & JS_PROP_CONFIGURABLE))
        return false;
    if ((f & JS_PROP_HAS_ENUMERABLE) && ((f ^ cf) & JS_PROP_ENUMERABLE))
        return false;
    if ((js_proxy_desc_is_accessor(f) || js_proxy_desc_is_data(f)) &&
        js_proxy_desc_is_accessor(f) != ((cf & JS_PROP_GETSET) != 0))
        return false;
    if (cf & JS_PROP_GETSET) {
        if ((f & JS_PROP_HAS_GET) && !js_same_value(ctx, d->getter, cur->getter))
            return false;
        if ((f & JS_PROP_HAS_SET) && !js_same_value(ctx, d->setter, cur->setter))
            return false;
    } else if (!(cf & JS_PROP_WRITABLE)) {
        if ((f & JS_PROP_HAS_WRITABLE) && (f & JS_PROP_WRITABLE))
            return false;
        if ((f & JS_PROP_HAS_VALUE) && !js_same_value(ctx, d->value, cur->value))
            return false;
    }
    return true;
}

static int js_proxy_desc_field(JSContext *ctx, JSValueConst obj, JSAtom name, JSValue v)
{
    return JS_DefinePropertyValue(ctx, obj, name, v, JS_PROP_C_W_E);
}

/* FromPropertyDescriptor of a possibly partial descriptor: only the
   fields it has, in the spec's order */
static JSValue js_proxy_from_desc(JSContext *ctx, JSValueConst val, JSValueConst getter,
                                  JSValueConst setter, int flags)
{
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
    if (((flags & JS_PROP_HAS_VALUE) &&
         js_proxy_desc_field(ctx, obj, JS_ATOM_value, JS_DupValue(ctx, val)) < 0) ||
        ((flags & JS_PROP_HAS_WRITABLE) &&
         js_proxy_desc_field(ctx, obj, JS_ATOM_writable,
                             JS_NewBool(ctx, flags & JS_PROP_WRITABLE)) < 0) ||
        ((flags & JS_PROP_HAS_GET) &&
         js_proxy_desc_field(ctx, obj, JS_ATOM_get, JS_DupValue(ctx, getter)) < 0) ||
        ((flags & JS_PROP_HAS_SET) &&
         js_proxy_desc_field(ctx, obj, JS_ATOM_set, JS_DupValue(ctx, setter)) < 0) ||
        ((flags & JS_PROP_HAS_ENUMERABLE) &&
         js_proxy_desc_field(ctx, obj, JS_ATOM_enumerable,
                             JS_NewBool(ctx, flags & JS_PROP_ENUMERABLE)) < 0) ||
        ((flags & JS_PROP_HAS_CONFIGURABLE) &&
         js_proxy_desc_field(ctx, obj, JS_ATOM_configurable,
                             JS_NewBool(ctx, flags & JS_PROP_CONFIGURABLE)) < 0)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* ---------------------------------------------------------------------
 * [[GetPrototypeOf]], [[SetPrototypeOf]], [[IsExtensible]],
 * [[PreventExtensions]]
 * ------------------------------------------------------------------- */
static JSValue js_proxy_check_prototype(JSContext *ctx, JSProxyOp *op, JSValue proto)
{
    JSValue target_proto;
    bool same;
    int ext;
    if (!JS_IsObject(proto) && !JS_IsNull(proto)) {
        JS_FreeValue(ctx, proto);
        return JS_ThrowTypeError(ctx, "'getPrototypeOf' on proxy: trap returned neither "
                                      "object nor null");
    }
    ext = JS_IsExtensible(ctx, op->target);
    if (ext != 0) {
        if (ext < 0) {
            JS_FreeValue(ctx, proto);
            return JS_EXCEPTION;
        }
        return proto;
    }
    target_proto = JS_GetPrototype(ctx, op->target);
    if (JS_IsException(target_proto)) {
        JS_FreeValue(ctx, proto);
        return target_proto;
    }
    same = js_same_value(ctx, proto, target_proto);
    JS_FreeValue(ctx, target_proto);
    if (!same) {
        JS_FreeValue(ctx, proto);
        return JS_ThrowTypeError(ctx, "'getPrototypeOf' on proxy: trap result differs from "
                                      "the prototype of the non-extensible target");
    }
    return proto;
}

JSValue js_proxy_get_prototype(JSContext *ctx, JSObject *p)
{
    JSProxyOp op;
    JSValue ret;
    if (js_proxy_begin(ctx, p, JS_ATOM_getPrototypeOf, &op))
        return JS_EXCEPTION;
    if (JS_IsUndefined(op.trap)) {
        ret = JS_GetPrototype(ctx, op.target);
    } else {
        ret = JS_Call(ctx, op.trap, op.handler, 1, &op.target);
        if (!JS_IsException(ret))
            ret = js_proxy_check_prototype(ctx, &op, ret);
    }
    js_proxy_end(ctx, &op);
    return ret;
}

static int js_proxy_set_prototype_checked(JSContext *ctx, JSProxyOp *op, JSValueConst proto)
{
    JSValue args[2] = {op->target, proto}, target_proto;
    bool same;
    int ret = js_proxy_bool_result(ctx, JS_Call(ctx, op->trap, op->handler, 2, args)), ext;
    if (ret <= 0)
        return ret;
    ext = JS_IsExtensible(ctx, op->target);
    if (ext != 0)
        return ext < 0 ? -1 : 1;
    target_proto = JS_GetPrototype(ctx, op->target);
    if (JS_IsException(target_proto))
        return -1;
    same = js_same_value(ctx, proto, target_proto);
    JS_FreeValue(ctx, target_proto);
    if (!same)
        return js_proxy_invariant(ctx,
                                  "'setPrototypeOf' on proxy: trap returned truish for "
                                  "a prototype the non-extensible target does not have",
                                  JS_ATOM_NULL);
    return 1;
}

int js_proxy_set_prototype(JSContext *ctx, JSObject *p, JSValueConst proto)
{
    JSProxyOp op;
    int ret;
    if (js_proxy_begin(ctx, p, JS_ATOM_setPrototypeOf, &op))
        return -1;
    if (JS_IsUndefined(op.trap))
        ret = JS_SetPrototypeInternal(ctx, op.target, proto, false);
    else
        ret = js_proxy_set_prototype_checked(ctx, &op, proto);
    js_proxy_end(ctx, &op);
    return ret;
}

int js_proxy_is_extensible(JSContext *ctx, JSObject *p)
{
    JSProxyOp op;
    int ret, target_ret;
    if (js_proxy_begin(ctx, p, JS_ATOM_isExtensible, &op))
        return -1;
    if (JS_IsUndefined(op.trap)) {
        ret = JS_IsExtensible(ctx, op.target);
    } else {
        ret = js_proxy_bool_result(ctx, JS_Call(ctx, op.trap, op.handler, 1, &op.target));
        if (ret >= 0) {
            target_ret = JS_IsExtensible(ctx, op.target);
            if (target_ret < 0)
                ret = -1;
            else if (target_ret != ret)
                ret = js_proxy_invariant(ctx,
                                         "'isExtensible' on proxy: trap result does not "
                                         "reflect the extensibility of the target",
                                         JS_ATOM_NULL);
        }
    }
    js_proxy_end(ctx, &op);
    return ret;
}

int js_proxy_prevent_extensions(JSContext *ctx, JSObject *p)
{
    JSProxyOp op;
    int ret, ext;
    if (js_proxy_begin(ctx, p, JS_ATOM_preventExtensions, &op))
        return -1;
    if (JS_IsUndefined(op.trap)) {
        ret = JS_PreventExtensions(ctx, op.target);
    } else {
        ret = js_proxy_bool_result(ctx, JS_Call(ctx, op.trap, op.handler, 1, &op.target));
        if (ret > 0) {
            ext = JS_IsExtensible(ctx, op.target);
            if (ext < 0)
                ret = -1;
            else if (ext)
                ret = js_proxy_invariant(ctx,
                                         "'preventExtensions' on proxy: trap returned "
                                         "truish but the target is extensible",
                                         JS_ATOM_NULL);
        }
    }
    js_proxy_end(ctx, &op);
    return ret;
}

/* ---------------------------------------------------------------------
 * [[GetOwnProperty]]
 * ------------------------------------------------------------------- */
/* the trap reported no property: allowed unless the target has it as
   non-configurable, or has it and is not extensible */
static int js_proxy_check_absent(JSContext *ctx, JSProxyOp *op, JSAtom prop,
                                 const JSPropertyDescriptor *target_desc)
{
    int ext;
    if (!target_desc)
        return 0;
    if (!(target_desc->flags & JS_PROP_CONFIGURABLE))
        return js_proxy_invariant(ctx,
                                  "'getOwnPropertyDescriptor' on proxy: trap returned "
                                  "undefined for the non-configurable property '%s'",
                                  prop);
    ext = JS_IsExtensible(ctx, op->target);
    if (ext < 0)
        return -1;
    if (!ext)
        return js_proxy_invariant(ctx,
                                  "'getOwnPropertyDescriptor' on proxy: trap returned "
                                  "undefined for property '%s' of a non-extensible target",
                                  prop);
    return 0;
}

/* steps 11-17 once the trap returned an object: *res receives the
   completed descriptor (values owned) */
static int js_proxy_check_desc(JSContext *ctx, JSProxyOp *op, JSAtom prop, JSValueConst res_obj,
                               const JSPropertyDescriptor *target_desc, JSPropertyDescriptor *res)
{
    int ext = JS_IsExtensible(ctx, op->target);
    if (ext < 0)
        return -1;
    if (js_to_property_descriptor(ctx, res, res_obj) < 0)
        return -1;
    js_proxy_complete_desc(res);
    if (!js_proxy_desc_compatible(ctx, ext, res, target_desc))
        goto incompatible;
    if (!(res->flags & JS_PROP_CONFIGURABLE)) {
        if (!target_desc || (target_desc->flags & JS_PROP_CONFIGURABLE))
            goto incompatible;
        if (!(res->flags & JS_PROP_GETSET) && !(res->flags & JS_PROP_WRITABLE) &&
            (target_desc->flags & JS_PROP_WRITABLE))
            goto incompatible;
    }
    return 1;
incompatible:
    js_free_desc(ctx, res);
    return js_proxy_invariant(ctx,
                              "'getOwnPropertyDescriptor' on proxy: trap returned a "
                              "descriptor incompatible with the target for property '%s'",
                              prop);
}

static int js_proxy_get_own_property_trap(JSContext *ctx, JSPropertyDescriptor *pdesc,
                                          JSProxyOp *op, JSAtom prop)
{
    JSPropertyDescriptor target_desc, res = {0};
    JSValue res_obj = js_proxy_call_key(ctx, op, prop, 0, NULL);
    int has_target, ret;
    if (JS_IsException(res_obj))
        return -1;
    if (!JS_IsObject(res_obj) && !JS_IsUndefined(res_obj)) {
        JS_FreeValue(ctx, res_obj);
        return js_proxy_invariant(ctx,
                                  "'getOwnPropertyDescriptor' on proxy: trap returned "
                                  "neither object nor undefined for property '%s'",
                                  prop);
    }
    has_target = js_proxy_target_desc(ctx, &target_desc, op->target, prop);
    if (has_target < 0) {
        JS_FreeValue(ctx, res_obj);
        return -1;
    }
    if (JS_IsUndefined(res_obj))
        ret = js_proxy_check_absent(ctx, op, prop, has_target ? &target_desc : NULL);
    else
        ret = js_proxy_check_desc(ctx, op, prop, res_obj, has_target ? &target_desc : NULL, &res);
    if (has_target)
        js_free_desc(ctx, &target_desc);
    JS_FreeValue(ctx, res_obj);
    if (ret <= 0)
        return ret;
    if (pdesc) {
        pdesc->flags = res.flags & (JS_PROP_C_W_E | JS_PROP_GETSET);
        pdesc->value = res.value;
        pdesc->getter = res.getter;
        pdesc->setter = res.setter;
    } else {
        js_free_desc(ctx, &res);
    }
    return 1;
}

static int js_proxy_get_own_property(JSContext *ctx, JSPropertyDescriptor *pdesc, JSValueConst obj,
                                     JSAtom prop)
{
    JSProxyOp op;
    int ret;
    if (js_proxy_begin(ctx, js_obj(obj), JS_ATOM_getOwnPropertyDescriptor, &op))
        return -1;
    if (JS_IsUndefined(op.trap))
        ret = js_proxy_target_desc(ctx, pdesc, op.target, prop);
    else
        ret = js_proxy_get_own_property_trap(ctx, pdesc, &op, prop);
    js_proxy_end(ctx, &op);
    return ret;
}

/* ---------------------------------------------------------------------
 * [[DefineOwnProperty]]
 * ------------------------------------------------------------------- */
/* steps 10-16: the trap returned truish */
static int js_proxy_check_define(JSContext *ctx, JSProxyOp *op, JSAtom prop,
                                 const JSPropertyDescriptor *d)
{
    JSPropertyDescriptor target_desc;
    int has_target, ext, ret = 1;
    bool setting_config_false =
        (d->flags & JS_PROP_HAS_CONFIGURABLE) && !(d->flags & JS_PROP_CONFIGURABLE);
    has_target = js_proxy_target_desc(ctx, &target_desc, op->target, prop);
    if (has_target < 0)
        return -1;
    ext = JS_IsExtensible(ctx, op->target);
    if (ext < 0) {
        ret = -1;
    } else if (!has_target) {
        if (!ext || setting_config_false)
            ret = js_proxy_invariant(ctx,
                                     "'defineProperty' on proxy: trap returned truish "
                                     "for property '%s' that the target cannot have",
                                     prop);
    } else {
        int tf = target_desc.flags;
        if (!js_proxy_desc_compatible(ctx, ext, d, &target_desc) ||
            (setting_config_false && (tf & JS_PROP_CONFIGURABLE)) ||
            (!(tf & (JS_PROP_GETSET | JS_PROP_CONFIGURABLE)) && (tf & JS_PROP_WRITABLE) &&
             (d->flags & JS_PROP_HAS_WRITABLE) && !(d->flags & JS_PROP_WRITABLE)))
            ret = js_proxy_invariant(ctx,
                                     "'defineProperty' on proxy: trap returned truish "
                                     "for property '%s' incompatible with the target",
                                     prop);
        js_free_desc(ctx, &target_desc);
    }
    return ret;
}

static int js_proxy_define_own_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                        JSValueConst val, JSValueConst getter, JSValueConst setter,
                                        int flags)
{
    JSPropertyDescriptor d = {.flags = flags, .value = val, .getter = getter, .setter = setter};
    JSProxyOp op;
    JSValue desc_obj;
    int ret;
    if (js_proxy_begin(ctx, js_obj(obj), JS_ATOM_defineProperty, &op))
        return -1;
    if (JS_IsUndefined(op.trap)) {
        ret = JS_DefineProperty(ctx, op.target, prop, val, getter, setter, flags);
        goto done;
    }
    desc_obj = js_proxy_from_desc(ctx, val, getter, setter, flags);
    if (JS_IsException(desc_obj)) {
        ret = -1;
        goto done;
    }
    ret = js_proxy_bool_result(ctx, js_proxy_call_key(ctx, &op, prop, 1, &desc_obj));
    JS_FreeValue(ctx, desc_obj);
    if (ret == 0)
        ret = js_throw_type_error_or_false(ctx, flags,
                                           "'defineProperty' on proxy: trap "
                                           "returned falsish for property '%s'",
                                           prop);
    else if (ret > 0)
        ret = js_proxy_check_define(ctx, &op, prop, &d);
done:
    js_proxy_end(ctx, &op);
    return ret;
}

/* ---------------------------------------------------------------------
 * [[HasProperty]]
 * ------------------------------------------------------------------- */
/* the trap reported the property absent */
static int js_proxy_check_has_false(JSContext *ctx, JSProxyOp *op, JSAtom prop)
{
    JSPropertyDescriptor target_desc;
    int has_target = js_proxy_target_desc(ctx, &target_desc, op->target, prop), ext, tf;
    if (has_target <= 0)
        return has_target;
    tf = target_desc.flags;
    js_free_desc(ctx, &target_desc);
    if (!(tf & JS_PROP_CONFIGURABLE))
        return js_proxy_invariant(ctx,
                                  "'has' on proxy: trap returned falsish for the "
                                  "non-configurable property '%s'",
                                  prop);
    ext = JS_IsExtensible(ctx, op->target);
    if (ext < 0)
        return -1;
    if (!ext)
        return js_proxy_invariant(ctx,
                                  "'has' on proxy: trap returned falsish for property "
                                  "'%s' of a non-extensible target",
                                  prop);
    return 0;
}

static int js_proxy_has(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSProxyOp op;
    int ret;
    if (js_proxy_begin(ctx, js_obj(obj), JS_ATOM_has, &op))
        return -1;
    if (JS_IsUndefined(op.trap)) {
        ret = JS_HasProperty(ctx, op.target, prop);
    } else {
        ret = js_proxy_bool_result(ctx, js_proxy_call_key(ctx, &op, prop, 0, NULL));
        if (ret == 0)
            ret = js_proxy_check_has_false(ctx, &op, prop);
    }
    js_proxy_end(ctx, &op);
    return ret;
}

/* ---------------------------------------------------------------------
 * [[Get]] and [[Set]]
 * ------------------------------------------------------------------- */
/* steps 9-10 of [[Get]]: a non-configurable own property of the target
   pins the result (takes res) */
static JSValue js_proxy_check_get(JSContext *ctx, JSProxyOp *op, JSAtom prop, JSValue res)
{
    JSPropertyDescriptor td;
    int has_target = js_proxy_target_desc(ctx, &td, op->target, prop);
    bool bad = false;
    if (has_target < 0) {
        JS_FreeValue(ctx, res);
        return JS_EXCEPTION;
    }
    if (!has_target)
        return res;
    if (!(td.flags & JS_PROP_CONFIGURABLE)) {
        if (td.flags & JS_PROP_GETSET)
            bad = JS_IsUndefined(td.getter) && !JS_IsUndefined(res);
        else
            bad = !(td.flags & JS_PROP_WRITABLE) && !js_same_value(ctx, res, td.value);
    }
    js_free_desc(ctx, &td);
    if (bad) {
        JS_FreeValue(ctx, res);
        js_proxy_invariant(ctx,
                           "'get' on proxy: trap result differs from the "
                           "non-configurable property '%s' of the target",
                           prop);
        return JS_EXCEPTION;
    }
    return res;
}

static JSValue js_proxy_get(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst receiver)
{
    JSProxyOp op;
    JSValue ret;
    if (js_proxy_begin(ctx, js_obj(obj), JS_ATOM_get, &op))
        return JS_EXCEPTION;
    if (JS_IsUndefined(op.trap)) {
        ret = JS_GetPropertyInternal(ctx, op.target, prop, receiver, false);
    } else {
        ret = js_proxy_call_key(ctx, &op, prop, 1, &receiver);
        if (!JS_IsException(ret))
            ret = js_proxy_check_get(ctx, &op, prop, ret);
    }
    js_proxy_end(ctx, &op);
    return ret;
}

/* steps 10-11 of [[Set]]: the trap returned truish */
static int js_proxy_check_set(JSContext *ctx, JSProxyOp *op, JSAtom prop, JSValueConst val)
{
    JSPropertyDescriptor td;
    int has_target = js_proxy_target_desc(ctx, &td, op->target, prop);
    bool bad = false;
    if (has_target <= 0)
        return has_target < 0 ? -1 : 1;
    if (!(td.flags & JS_PROP_CONFIGURABLE)) {
        if (td.flags & JS_PROP_GETSET)
            bad = JS_IsUndefined(td.setter);
        else
            bad = !(td.flags & JS_PROP_WRITABLE) && !js_same_value(ctx, val, td.value);
    }
    js_free_desc(ctx, &td);
    if (bad)
        return js_proxy_invariant(ctx,
                                  "'set' on proxy: trap returned truish for the "
                                  "non-configurable property '%s' of the target",
                                  prop);
    return 1;
}

static int js_proxy_set(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst val,
                        JSValueConst receiver, int flags)
{
    JSValueConst extra[2] = {val, receiver};
    JSProxyOp op;
    int ret;
    if (js_proxy_begin(ctx, js_obj(obj), JS_ATOM_set, &op))
        return -1;
    if (JS_IsUndefined(op.trap)) {
        ret = JS_SetPropertyInternal(ctx, op.target, prop, JS_DupValue(ctx, val), receiver, flags);
    } else {
        ret = js_proxy_bool_result(ctx, js_proxy_call_key(ctx, &op, prop, 2, extra));
        if (ret == 0)
            ret = js_throw_type_error_or_false(ctx, flags,
                                               "'set' on proxy: trap returned "
                                               "falsish for property '%s'",
                                               prop);
        else if (ret > 0)
            ret = js_proxy_check_set(ctx, &op, prop, val);
    }
    js_proxy_end(ctx, &op);
    return ret;
}

/* ---------------------------------------------------------------------
 * [[Delete]]
 * ------------------------------------------------------------------- */
/* steps 10-14: the trap returned truish */
static int js_proxy_check_delete(JSContext *ctx, JSProxyOp *op, JSAtom prop)
{
    JSPropertyDescriptor td;
    int has_target = js_proxy_target_desc(ctx, &td, op->target, prop), ext, tf;
    if (has_target <= 0)
        return has_target < 0 ? -1 : 1;
    tf = td.flags;
    js_free_desc(ctx, &td);
    if (!(tf & JS_PROP_CONFIGURABLE))
        return js_proxy_invariant(ctx,
                                  "'deleteProperty' on proxy: trap returned truish for "
                                  "the non-configurable property '%s'",
                                  prop);
    ext = JS_IsExtensible(ctx, op->target);
    if (ext < 0)
        return -1;
    if (!ext)
        return js_proxy_invariant(ctx,
                                  "'deleteProperty' on proxy: trap returned truish for "
                                  "property '%s' of a non-extensible target",
                                  prop);
    return 1;
}

static int js_proxy_delete(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSProxyOp op;
    int ret;
    if (js_proxy_begin(ctx, js_obj(obj), JS_ATOM_deleteProperty, &op))
        return -1;
    if (JS_IsUndefined(op.trap)) {
        ret = js_delete_property(ctx, op.target, prop, 0);
    } else {
        ret = js_proxy_bool_result(ctx, js_proxy_call_key(ctx, &op, prop, 0, NULL));
        if (ret > 0)
            ret = js_proxy_check_delete(ctx, &op, prop);
    }
    js_proxy_end(ctx, &op);
    return ret;
}

/* ---------------------------------------------------------------------
 * [[OwnPropertyKeys]]
 * ------------------------------------------------------------------- */
typedef struct JSProxyKeys {
    JSPropertyEnum *tab;
    uint32_t len, size;
} JSProxyKeys;

static int js_proxy_keys_add(JSContext *ctx, JSProxyKeys *k, JSAtom atom)
{
    if (k->len >= k->size) {
        uint32_t new_size = k->size ? k->size + k->size / 2 : 8;
        JSPropertyEnum *t = js_realloc(ctx, k->tab, sizeof(*t) * new_size);
        if (!t) {
            JS_FreeAtom(ctx, atom);
            return -1;
        }
        k->tab = t;
        k->size = new_size;
    }
    k->tab[k->len].atom = atom;
    k->tab[k->len].is_enumerable = true; /* callers ask [[GetOwnProperty]] */
    k->len++;
    return 0;
}

/* CreateListFromArrayLike(obj, « String, Symbol ») as property keys; the
   list grows as elements are read, so a huge length with a bad first
   element fails without allocating */
static int js_proxy_key_list(JSContext *ctx, JSProxyKeys *k, JSValueConst obj)
{
    int64_t len;
    if (!JS_IsObject(obj))
        return js_proxy_invariant(ctx, "'ownKeys' on proxy: trap result is not an object",
                                  JS_ATOM_NULL);
    if (js_get_length64(ctx, &len, obj))
        return -1;
    for (int64_t i = 0; i < len; i++) {
        JSValue v;
        JSAtom atom;
        /* an array-like with a huge length can keep this loop busy */
        if (js_poll_interrupts(ctx))
            return -1;
        v = JS_GetPropertyInt64(ctx, obj, i);
        if (JS_IsException(v))
            return -1;
        if (!JS_IsString(v) && !JS_IsSymbol(v)) {
            JS_FreeValue(ctx, v);
            return js_proxy_invariant(ctx,
                                      "'ownKeys' on proxy: trap result contains a value "
                                      "that is neither a string nor a symbol",
                                      JS_ATOM_NULL);
        }
        atom = JS_ValueToAtom(ctx, v);
        JS_FreeValue(ctx, v);
        if (atom == JS_ATOM_NULL || js_proxy_keys_add(ctx, k, atom))
            return -1;
    }
    return 0;
}

static int js_proxy_atom_cmp(const void *a, const void *b)
{
    JSAtom x = *(const JSAtom *)a, y = *(const JSAtom *)b;
    return x < y ? -1 : x > y;
}

/* the trap's keys sorted, for the duplicate check and the lookups of the
   invariant checks */
typedef struct JSProxyKeyIndex {
    JSAtom *atoms;
    uint32_t len;
} JSProxyKeyIndex;

static int js_proxy_index_keys(JSContext *ctx, JSProxyKeyIndex *ix, const JSProxyKeys *k)
{
    ix->len = k->len;
    ix->atoms = js_malloc(ctx, sizeof(JSAtom) * (k->len ? k->len : 1));
    if (!ix->atoms)
        return -1;
    for (uint32_t i = 0; i < k->len; i++)
        ix->atoms[i] = k->tab[i].atom;
    qsort(ix->atoms, k->len, sizeof(JSAtom), js_proxy_atom_cmp);
    for (uint32_t i = 1; i < k->len; i++) {
        if (ix->atoms[i] == ix->atoms[i - 1])
            return js_proxy_invariant(ctx,
                                      "'ownKeys' on proxy: trap returned duplicate "
                                      "entries",
                                      JS_ATOM_NULL);
    }
    return 0;
}

/* whether the trap listed a target key. Target keys are distinct and so
   are the trap's, so counting the matches tells whether every trap key
   was one of the target's (the spec's "uncheckedResultKeys is empty"). */
static bool js_proxy_index_has(const JSProxyKeyIndex *ix, JSAtom atom)
{
    return bsearch(&atom, ix->atoms, ix->len, sizeof(JSAtom), js_proxy_atom_cmp) != NULL;
}

/* steps 16-23: the trap's keys must list every non-configurable key of
   the target, and exactly the target's keys when it is not extensible */
static int js_proxy_check_keys(JSContext *ctx, JSValueConst target, const JSProxyKeyIndex *ix,
                               bool extensible)
{
    JSPropertyEnum *tkeys;
    uint32_t tlen, matched = 0;
    bool *configurable;
    int ret = -1;
    if (JS_GetOwnPropertyNamesInternal(ctx, &tkeys, &tlen, js_obj(target),
                                       JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK))
        return -1;
    configurable = js_malloc(ctx, sizeof(bool) * (tlen ? tlen : 1));
    if (!configurable)
        goto done;
    for (uint32_t i = 0; i < tlen; i++) {
        JSPropertyDescriptor td;
        int r = js_proxy_target_desc(ctx, &td, target, tkeys[i].atom);
        if (r < 0)
            goto done;
        configurable[i] = !r || (td.flags & JS_PROP_CONFIGURABLE);
        if (r)
            js_free_desc(ctx, &td);
    }
    for (uint32_t i = 0; i < tlen; i++) {
        if (configurable[i])
            continue;
        if (!js_proxy_index_has(ix, tkeys[i].atom)) {
            js_proxy_invariant(ctx,
                               "'ownKeys' on proxy: trap result did not include the "
                               "non-configurable key '%s'",
                               tkeys[i].atom);
            goto done;
        }
        matched++;
    }
    if (!extensible) {
        for (uint32_t i = 0; i < tlen; i++) {
            if (!configurable[i])
                continue;
            if (!js_proxy_index_has(ix, tkeys[i].atom)) {
                js_proxy_invariant(ctx,
                                   "'ownKeys' on proxy: trap result did not include the "
                                   "key '%s' of the non-extensible target",
                                   tkeys[i].atom);
                goto done;
            }
            matched++;
        }
        if (matched != ix->len) {
            js_proxy_invariant(ctx,
                               "'ownKeys' on proxy: trap returned extra keys for a "
                               "non-extensible target",
                               JS_ATOM_NULL);
            goto done;
        }
    }
    ret = 0;
done:
    js_free(ctx, configurable);
    js_free_property_enum(ctx, tkeys, tlen);
    return ret;
}

/* steps 7-23 once the trap exists: the validated list in trap order */
static int js_proxy_own_keys_trap(JSContext *ctx, JSProxyOp *op, JSProxyKeys *k)
{
    JSProxyKeyIndex ix = {0};
    JSValue res = JS_Call(ctx, op->trap, op->handler, 1, &op->target);
    int ret = -1, ext;
    if (JS_IsException(res))
        return -1;
    if (js_proxy_key_list(ctx, k, res) || js_proxy_index_keys(ctx, &ix, k))
        goto done;
    ext = JS_IsExtensible(ctx, op->target);
    if (ext < 0)
        goto done;
    ret = js_proxy_check_keys(ctx, op->target, &ix, ext);
done:
    js_free(ctx, ix.atoms);
    JS_FreeValue(ctx, res);
    return ret;
}

static bool js_proxy_key_wanted(JSContext *ctx, JSAtom atom, int flags)
{
    if (js_atom_is_symbol(ctx->rt, atom))
        return (flags & JS_GPN_SYMBOL_MASK) != 0;
    return (flags & JS_GPN_STRING_MASK) != 0;
}

/* keeps the keys of the kinds asked for, the enumerable ones only with
   JS_GPN_ENUM_ONLY (read through the proxy, whose trap may run). On
   failure the dropped slots hold JS_ATOM_NULL, so k can still be freed. */
static int js_proxy_filter_keys(JSContext *ctx, JSValueConst proxy, JSProxyKeys *k, int flags)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < k->len; i++) {
        JSAtom atom = k->tab[i].atom;
        bool keep = js_proxy_key_wanted(ctx, atom, flags);
        if (keep && (flags & JS_GPN_ENUM_ONLY)) {
            JSPropertyDescriptor d;
            int r = js_proxy_get_own_property(ctx, &d, proxy, atom);
            if (r < 0)
                return -1;
            if (r)
                js_free_desc(ctx, &d);
            keep = r && (d.flags & JS_PROP_ENUMERABLE);
        }
        k->tab[i].atom = JS_ATOM_NULL;
        if (keep)
            k->tab[n++].atom = atom;
        else
            JS_FreeAtom(ctx, atom);
    }
    k->len = n;
    return 0;
}

int js_proxy_own_keys(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen, JSObject *p, int flags)
{
    JSProxyKeys k = {0};
    JSProxyOp op;
    JSValue held;
    int ret;
    *ptab = NULL;
    *plen = 0;
    if (js_proxy_begin(ctx, p, JS_ATOM_ownKeys, &op))
        return -1;
    held = js_dup_obj(p); /* the traps may drop every other reference */
    if (JS_IsUndefined(op.trap)) {
        /* enumerability is the proxy's to report, not the target's */
        ret = JS_GetOwnPropertyNamesInternal(ctx, &k.tab, &k.len, js_obj(op.target),
                                             flags & (JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK));
        k.size = k.len;
    } else {
        ret = js_proxy_own_keys_trap(ctx, &op, &k);
    }
    js_proxy_end(ctx, &op);
    if (ret == 0)
        ret = js_proxy_filter_keys(ctx, held, &k, flags);
    JS_FreeValue(ctx, held);
    if (ret < 0) {
        js_free_property_enum(ctx, k.tab, k.len);
        return -1;
    }
    *ptab = k.tab;
    *plen = k.len;
    return 0;
}

/* ---------------------------------------------------------------------
 * [[Call]] and [[Construct]]
 * ------------------------------------------------------------------- */
static JSValue js_proxy_call_trap(JSContext *ctx, JSProxyOp *op, JSValueConst second, int argc,
                                  JSValueConst *argv, bool construct)
{
    JSValue arr = js_create_array(ctx, argc, argv), ret;
    JSValueConst args[3];
    if (JS_IsException(arr))
        return arr;
    args[0] = op->target;
    args[1] = construct ? arr : second;
    args[2] = construct ? second : arr;
    ret = JS_Call(ctx, op->trap, op->handler, 3, args);
    JS_FreeValue(ctx, arr);
    return ret;
}

static JSValue js_proxy_construct(JSContext *ctx, JSObject *p, JSValueConst new_target, int argc,
                                  JSValueConst *argv)
{
    JSProxyOp op;
    JSValue ret;
    if (!p->is_constructor)
        return JS_ThrowTypeError(ctx, "proxy is not a constructor");
    if (js_proxy_begin(ctx, p, JS_ATOM_construct, &op))
        return JS_EXCEPTION;
    if (JS_IsUndefined(op.trap)) {
        ret = JS_CallConstructor2(ctx, op.target, new_target, argc, argv);
    } else {
        ret = js_proxy_call_trap(ctx, &op, new_target, argc, argv, true);
        if (!JS_IsException(ret) && !JS_IsObject(ret)) {
            JS_FreeValue(ctx, ret);
            ret = JS_ThrowTypeError(ctx, "'construct' on proxy: trap returned a non-object");
        }
    }
    js_proxy_end(ctx, &op);
    return ret;
}

/* the class call hook: this_val is new.target for a construction */
static JSValue js_proxy_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val, int argc,
                             JSValueConst *argv, int flags)
{
    JSObject *p = js_obj(func_obj);
    JSProxyOp op;
    JSValue ret;
    if (flags & JS_CALL_FLAG_CONSTRUCTOR)
        return js_proxy_construct(ctx, p, this_val, argc, argv);
    if (!js_proxy_data(p)->is_callable)
        return JS_ThrowTypeError(ctx, "proxy is not a function");
    if (js_proxy_begin(ctx, p, JS_ATOM_apply, &op))
        return JS_EXCEPTION;
    if (JS_IsUndefined(op.trap))
        ret = JS_Call(ctx, op.target, this_val, argc, argv);
    else
        ret = js_proxy_call_trap(ctx, &op, this_val, argc, argv, false);
    js_proxy_end(ctx, &op);
    return ret;
}

/* ---------------------------------------------------------------------
 * What the core asks of proxies
 * ------------------------------------------------------------------- */
bool js_proxy_is_callable(const JSObject *p)
{
    return js_proxy_data(p)->is_callable;
}

int js_proxy_is_array(JSContext *ctx, JSObject *p)
{
    /* iterative: a long chain of proxies must not exhaust the C stack */
    while (p->class_id == JS_CLASS_PROXY) {
        JSProxyData *s = js_proxy_data(p);
        if (JS_IsNull(s->handler)) {
            JS_ThrowTypeError(ctx, "IsArray: the proxy has been revoked");
            return -1;
        }
        p = js_obj(s->target);
    }
    return p->class_id == JS_CLASS_ARRAY;
}

JSValue js_proxy_target_or_throw(JSContext *ctx, JSObject *p)
{
    JSProxyData *s = js_proxy_data(p);
    if (JS_IsNull(s->handler))
        return JS_ThrowTypeError(ctx, "the proxy has been revoked");
    return s->target;
}

/* the inspection API of weft.h: the slots as they are, revoked or not */
bool JS_IsProxy(JSValueConst val)
{
    return JS_IsObject(val) && js_obj(val)->class_id == JS_CLASS_PROXY;
}

JSValue JS_GetProxyTarget(JSContext *ctx, JSValueConst proxy)
{
    return JS_IsProxy(proxy) ? JS_DupValue(ctx, js_proxy_data(js_obj(proxy))->target)
                             : JS_UNDEFINED;
}

JSValue JS_GetProxyHandler(JSContext *ctx, JSValueConst proxy)
{
    return JS_IsProxy(proxy) ? JS_DupValue(ctx, js_proxy_data(js_obj(proxy))->handler)
                             : JS_UNDEFINED;
}

/* ---------------------------------------------------------------------
 * Class hooks
 * ------------------------------------------------------------------- */
static void js_proxy_finalizer(JSRuntime *rt, JSValue val)
{
    JSProxyData *s = js_obj(val)->u.opaque;
    if (!s)
        return;
    JS_FreeValueRT(rt, s->target);
    JS_FreeValueRT(rt, s->handler);
    js_free_rt(rt, s);
}

static void js_proxy_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSProxyData *s = js_obj(val)->u.opaque;
    if (!s)
        return;
    js_gc_mark_value(rt, s->target, mark_func);
    js_gc_mark_value(rt, s->handler, mark_func);
}

/* [[OwnPropertyKeys]] has no hook: object.c hands proxies to
   js_proxy_own_keys, which keeps the trap's order */
static const JSClassExoticMethods js_proxy_exotic_methods = {
    .get_own_property = js_proxy_get_own_property,
    .delete_property = js_proxy_delete,
    .define_own_property = js_proxy_define_own_property,
    .has_property = js_proxy_has,
    .get_property = js_proxy_get,
    .set_property = js_proxy_set,
};

void js_proxy_init_classes(JSRuntime *rt)
{
    static const JSClassDef def = {
        .finalizer = js_proxy_finalizer,
        .gc_mark = js_proxy_mark,
        .call = js_proxy_call,
    };
    js_new_class1(rt, JS_CLASS_PROXY, &def, JS_ATOM_Proxy, &js_proxy_exotic_methods);
}

/* ---------------------------------------------------------------------
 * The Proxy constructor and Proxy.revocable
 * ------------------------------------------------------------------- */
/* ProxyCreate(target, handler) */
static JSValue js_proxy_create(JSContext *ctx, JSValueConst target, JSValueConst handler)
{
    JSProxyData *s;
    JSValue obj;
    if (!JS_IsObject(target) || !JS_IsObject(handler))
        return JS_ThrowTypeError(ctx, "Cannot create proxy with a non-object as target or "
                                      "handler");
    s = js_malloc(ctx, sizeof(*s));
    if (!s)
        return JS_EXCEPTION;
    obj = JS_NewObjectProtoClass(ctx, JS_NULL, JS_CLASS_PROXY);
    if (JS_IsException(obj)) {
        js_free(ctx, s);
        return obj;
    }
    s->target = JS_DupValue(ctx, target);
    s->handler = JS_DupValue(ctx, handler);
    s->is_callable = JS_IsCallable(ctx, target);
    js_obj(obj)->u.opaque = s;
    js_obj(obj)->is_constructor = JS_IsConstructor(ctx, target);
    return obj;
}

static JSValue js_proxy_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                    JSValueConst *argv)
{
    return js_proxy_create(ctx, argv[0], argv[1]);
}

/* the revoke function: func_data[0] is [[RevocableProxy]], null once used */
static JSValue js_proxy_revoke(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int magic, JSValue *func_data)
{
    JSValue proxy = func_data[0];
    JSProxyData *s;
    JSValue target, handler;
    if (JS_IsNull(proxy))
        return JS_UNDEFINED;
    func_data[0] = JS_NULL;
    s = js_proxy_data(js_obj(proxy));
    target = s->target;
    handler = s->handler;
    s->target = JS_NULL;
    s->handler = JS_NULL;
    /* freed last: finalizers must find the proxy in its revoked state */
    JS_FreeValue(ctx, target);
    JS_FreeValue(ctx, handler);
    JS_FreeValue(ctx, proxy);
    return JS_UNDEFINED;
}

static JSValue js_proxy_revocable(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValue proxy, revoke, res;
    proxy = js_proxy_create(ctx, argv[0], argv[1]);
    if (JS_IsException(proxy))
        return proxy;
    revoke = JS_NewCFunctionData(ctx, js_proxy_revoke, 0, 0, 1, &proxy);
    if (JS_IsException(revoke)) {
        JS_FreeValue(ctx, proxy);
        return revoke;
    }
    res = JS_NewObject(ctx);
    if (JS_IsException(res) ||
        JS_DefinePropertyValue(ctx, res, JS_ATOM_proxy, proxy, JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, res);
        if (JS_IsException(res))
            JS_FreeValue(ctx, proxy);
        JS_FreeValue(ctx, revoke);
        return JS_EXCEPTION;
    }
    if (JS_DefinePropertyValue(ctx, res, JS_ATOM_revoke, revoke, JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, res);
        return JS_EXCEPTION;
    }
    return res;
}

static const JSCFunctionListEntry js_proxy_funcs[] = {
    JS_CFUNC_DEF("revocable", 2, js_proxy_revocable),
};

int js_init_proxy(JSContext *ctx)
{
    /* Proxy has no "prototype" property: proxies take none from it */
    JSValue ctor = js_new_cfunction3(ctx, js_proxy_constructor, JS_ATOM_Proxy, 2,
                                     JS_CFUNC_constructor, 0, JS_UNDEFINED);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_proxy_funcs, countof(js_proxy_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    return JS_DefinePropertyValue(ctx, ctx->global_obj, JS_ATOM_Proxy, ctor,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}
