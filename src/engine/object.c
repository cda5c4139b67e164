/*
 * object.c — the property protocol of ordinary objects, with the hooks
 * through which exotic objects (arrays, strings, arguments, proxies, typed
 * arrays, module namespaces) take over.
 *
 * Lookups go through the object's shape (shape.h) to find a slot in
 * p->prop. Fast arrays keep their elements outside the shape
 * (p->u.array); everything else about them (length, other keys) is
 * ordinary. The spec operations map to:
 *   [[Get]]               JS_GetPropertyInternal
 *   [[Set]]               JS_SetPropertyInternal
 *   [[DefineOwnProperty]] JS_DefineProperty (ValidateAndApplyPropertyDescriptor)
 *   [[GetOwnProperty]]    JS_GetOwnPropertyInternal
 *   [[Delete]]            js_delete_property
 *   [[OwnPropertyKeys]]   JS_GetOwnPropertyNamesInternal
 */
#include "object.h"
#include "atom.h"
#include "builtins/proxy.h"
#include "conv.h"
#include "error.h"
#include "fast_array.h"
#include "function.h"
#include "gc.h"
#include "runtime.h"
#include "str.h"
#include "weakref.h"

/* ---------------------------------------------------------------------
 * Creation and freeing
 * ------------------------------------------------------------------- */
JSValue js_new_object_from_shape(JSContext *ctx, JSShape *sh, JSClassID class_id)
{
    JSRuntime *rt = ctx->rt;
    JSObject *p;
    js_gc_maybe_run(rt);
    /* the first properties live in the same block as the object */
    p = js_malloc(ctx, sizeof(JSObject) + sizeof(JSProperty) * sh->prop_size);
    if (!p)
        goto fail;
    p->prop = js_object_inline_props(p);
    js_gc_init_node(rt, &p->header, JS_GC_OBJ_TYPE_JS_OBJECT);
    p->class_id = class_id;
    p->extensible = 1;
    p->is_exotic = rt->class_array[class_id].exotic != NULL;
    p->fast_array = 0;
    p->is_constructor = 0;
    p->is_class_constructor = 0;
    p->is_uncatchable_error = 0;
    p->is_HTMLDDA = 0;
    p->is_immutable_proto = 0;
    p->dummy = 0;
    p->dummy2 = 0;
    p->shape = sh;
    p->first_weak_ref = NULL;
    memset(&p->u, 0, sizeof(p->u));
    switch (class_id) {
    case JS_CLASS_ARRAY:
    case JS_CLASS_ARGUMENTS:
        p->is_exotic = 1;
        p->fast_array = 1;
        break;
    case JS_CLASS_NUMBER:
    case JS_CLASS_STRING:
    case JS_CLASS_BOOLEAN:
    case JS_CLASS_SYMBOL:
    case JS_CLASS_DATE:
    case JS_CLASS_BIG_INT:
    case JS_CLASS_ERROR: /* the captured stack string */
        p->u.object_data = JS_UNDEFINED;
        break;
    default:
        break;
    }
    /* the shape may already describe properties (arrays: length) */
    for (int i = 0; i < sh->prop_count; i++)
        p->prop[i].value = JS_UNDEFINED;
    return js_obj_value(p);
fail:
    js_free_shape(rt, sh);
    return JS_ThrowOutOfMemory(ctx);
}

JSValue js_new_object_proto(JSContext *ctx, JSObject *proto, JSClassID class_id)
{
    JSShape *sh;
    if (class_id == JS_CLASS_ARRAY)
        return js_new_array_object(ctx, proto);
    sh = js_get_initial_shape(ctx, proto);
    if (!sh)
        return JS_EXCEPTION;
    return js_new_object_from_shape(ctx, sh, class_id);
}

JSValue JS_NewObjectProtoClass(JSContext *ctx, JSValueConst proto, JSClassID class_id)
{
    return js_new_object_proto(ctx, JS_IsObject(proto) ? js_obj(proto) : NULL, class_id);
}

JSValue JS_NewObjectClass(JSContext *ctx, JSClassID class_id)
{
    return JS_NewObjectProtoClass(ctx, ctx->class_proto[class_id], class_id);
}

JSValue JS_NewObjectProto(JSContext *ctx, JSValueConst proto)
{
    return JS_NewObjectProtoClass(ctx, proto, JS_CLASS_OBJECT);
}

JSValue JS_NewObject(JSContext *ctx)
{
    return js_new_object_proto(ctx, js_obj(ctx->class_proto[JS_CLASS_OBJECT]), JS_CLASS_OBJECT);
}

JSValue js_get_prototype_from_ctor(JSContext *ctx, JSValueConst new_target,
                                   JSValueConst default_proto)
{
    JSValue proto;
    if (!JS_IsObject(new_target))
        return JS_DupValue(ctx, default_proto);
    proto = JS_GetProperty(ctx, new_target, JS_ATOM_prototype);
    if (JS_IsException(proto) || JS_IsObject(proto))
        return proto;
    JS_FreeValue(ctx, proto);
    return JS_DupValue(ctx, default_proto);
}

JSValue js_create_from_ctor(JSContext *ctx, JSValueConst new_target, JSClassID class_id)
{
    JSValue proto, obj;
    JSContext *realm;
    if (JS_IsUndefined(new_target))
        return JS_NewObjectClass(ctx, class_id);
    if (JS_IsObject(new_target) && !js_obj(new_target)->is_exotic) {
        /* the common case, an own data property holding an object: what
           Get would return, without its generic path */
        JSProperty *pr;
        JSShapeProperty *prs = find_own_property(&pr, js_obj(new_target), JS_ATOM_prototype);
        if (prs && (prs->flags & JS_PROP_TMASK) == JS_PROP_NORMAL && JS_IsObject(pr->value))
            return JS_NewObjectProtoClass(ctx, pr->value, class_id);
    }
    proto = JS_GetProperty(ctx, new_target, JS_ATOM_prototype);
    if (JS_IsException(proto))
        return proto;
    if (!JS_IsObject(proto)) {
        JS_FreeValue(ctx, proto);
        /* the fallback prototype comes from new_target's realm */
        realm = js_get_function_realm(ctx, new_target);
        if (!realm)
            return JS_EXCEPTION;
        proto = JS_DupValue(ctx, realm->class_proto[class_id]);
    }
    obj = JS_NewObjectProtoClass(ctx, proto, class_id);
    JS_FreeValue(ctx, proto);
    return obj;
}

int js_object_resize_props(JSContext *ctx, JSObject *p, int new_size)
{
    JSProperty *np;
    if (p->prop == js_object_inline_props(p)) {
        /* moving out of the object block: it keeps its old slots unused */
        np = js_malloc(ctx, sizeof(JSProperty) * new_size);
        if (!np)
            return -1;
        memcpy(np, p->prop, sizeof(JSProperty) * p->shape->prop_size);
    } else {
        np = js_realloc(ctx, p->prop, sizeof(JSProperty) * new_size);
        if (!np)
            return -1;
    }
    p->prop = np;
    return 0;
}

void js_free_property(JSRuntime *rt, JSProperty *pr, int prop_flags)
{
    switch (prop_flags & JS_PROP_TMASK) {
    case JS_PROP_NORMAL:
        JS_FreeValueRT(rt, pr->value);
        break;
    case JS_PROP_GETSET:
        if (pr->getset->getter)
            JS_FreeValueRT(rt, js_obj_value(pr->getset->getter));
        if (pr->getset->setter)
            JS_FreeValueRT(rt, js_obj_value(pr->getset->setter));
        js_free_rt(rt, pr->getset);
        break;
    case JS_PROP_VARREF:
        JS_FreeValueRT(rt, js_var_ref_value(pr->var_ref));
        break;
    case JS_PROP_AUTOINIT:
        js_free_rt(rt, pr->init);
        break;
    }
}

void js_object_free_children(JSRuntime *rt, JSObject *p)
{
    JSShape *sh = p->shape;
    JSClassFinalizer *finalizer;
    if (p->first_weak_ref)
        js_weakref_object_freed(rt, p);
    for (int i = 0; i < sh->prop_count; i++) {
        if (sh->prop[i].atom != JS_ATOM_NULL)
            js_free_property(rt, &p->prop[i], sh->prop[i].flags);
    }
    if (p->prop != js_object_inline_props(p))
        js_free_rt(rt, p->prop);
    p->prop = NULL;
    p->shape = NULL;
    js_free_shape(rt, sh);
    finalizer = rt->class_array[p->class_id].finalizer;
    if (finalizer)
        finalizer(rt, js_obj_value(p));
    p->class_id = JS_CLASS_INVALID;
    p->fast_array = 0;
}

void js_object_mark(JSRuntime *rt, JSObject *p, JSMarkFunc *mark_func)
{
    JSShape *sh = p->shape;
    JSClassGCMark *gc_mark;
    mark_func(rt, &sh->header);
    for (int i = 0; i < sh->prop_count; i++) {
        JSProperty *pr = &p->prop[i];
        if (sh->prop[i].atom == JS_ATOM_NULL)
            continue;
        switch (sh->prop[i].flags & JS_PROP_TMASK) {
        case JS_PROP_NORMAL:
            js_gc_mark_value(rt, pr->value, mark_func);
            break;
        case JS_PROP_GETSET:
            if (pr->getset->getter)
                mark_func(rt, &pr->getset->getter->header);
            if (pr->getset->setter)
                mark_func(rt, &pr->getset->setter->header);
            break;
        case JS_PROP_VARREF:
            mark_func(rt, &pr->var_ref->header);
            break;
        default:
            break;
        }
    }
    gc_mark = rt->class_array[p->class_id].gc_mark;
    if (gc_mark)
        gc_mark(rt, js_obj_value(p), mark_func);
}

/* ---------------------------------------------------------------------
 * Lazily initialised properties
 * ------------------------------------------------------------------- */
static int js_autoinit_property(JSContext *ctx, JSObject *p, JSAtom prop)
{
    JSProperty *pr = NULL;
    JSShapeProperty *prs;
    JSAutoInit init;
    JSValue val;
    find_own_property(&pr, p, prop);
    init = *pr->init;
    val = init.func(ctx, p, prop, init.opaque);
    if (JS_IsException(val))
        return -1;
    /* the init function may have changed the object: look again */
    prs = find_own_property(&pr, p, prop);
    if (!prs || (prs->flags & JS_PROP_TMASK) != JS_PROP_AUTOINIT) {
        JS_FreeValue(ctx, val);
        return 0;
    }
    /* the property kind is part of the shape: this object's changes */
    if (p->shape->is_hashed) {
        if (js_shape_make_unshared(ctx, p)) {
            JS_FreeValue(ctx, val);
            return -1;
        }
        prs = find_own_property(&pr, p, prop);
    }
    js_free_rt(ctx->rt, pr->init);
    prs->flags &= ~JS_PROP_TMASK;
    pr->value = val;
    return 0;
}

/* ---------------------------------------------------------------------
 * [[Get]]
 * ------------------------------------------------------------------- */
static JSValue js_call_getter(JSContext *ctx, JSObject *getter, JSValueConst this_obj)
{
    JSValue func;
    if (!getter)
        return JS_UNDEFINED;
    func = js_dup_obj(getter);
    return JS_CallFree(ctx, func, this_obj, 0, NULL);
}

/* the object whose properties a primitive's [[Get]] continues with */
static JSObject *js_primitive_proto(JSContext *ctx, JSValueConst v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        return js_obj(ctx->class_proto[JS_CLASS_NUMBER]);
    case JS_TAG_BOOL:
        return js_obj(ctx->class_proto[JS_CLASS_BOOLEAN]);
    case JS_TAG_STRING:
        return js_obj(ctx->class_proto[JS_CLASS_STRING]);
    case JS_TAG_SYMBOL:
        return js_obj(ctx->class_proto[JS_CLASS_SYMBOL]);
    case JS_TAG_BIG_INT:
        return js_obj(ctx->class_proto[JS_CLASS_BIG_INT]);
    default:
        return NULL;
    }
}

static JSValue js_throw_nullish_read(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    char buf[64];
    return JS_ThrowTypeError(ctx, "Cannot read properties of %s (reading '%s')",
                             JS_IsNull(obj) ? "null" : "undefined",
                             js_atom_get_cstr(ctx->rt, buf, sizeof(buf), prop));
}

/* the own string-index and length properties of a string primitive */
static int js_string_get_own(JSContext *ctx, JSValueConst str, JSAtom prop, JSValue *pval)
{
    JSString *p;
    if (prop == JS_ATOM_length) {
        *pval = JS_NewInt32(ctx, js_string_len(str));
        return 1;
    }
    if (!js_atom_is_tagged_int(prop))
        return 0;
    if (js_atom_get_tagged_int(prop) >= js_string_len(str))
        return 0;
    p = js_get_flat_string(ctx, str);
    if (!p)
        return -1;
    *pval = js_new_string_char(ctx, string_get(p, js_atom_get_tagged_int(prop)));
    return JS_IsException(*pval) ? -1 : 1;
}

JSValue JS_GetPropertyInternal(JSContext *ctx, JSValueConst obj, JSAtom prop,
                               JSValueConst this_obj, bool throw_ref_error)
{
    JSObject *p;
    JSProperty *pr;
    JSShapeProperty *prs;
    if (js_likely(JS_IsObject(obj))) {
        p = js_obj(obj);
    } else {
        if (JS_IsNull(obj) || JS_IsUndefined(obj))
            return js_throw_nullish_read(ctx, obj, prop);
        if (JS_IsString(obj)) {
            JSValue v;
            int ret = js_string_get_own(ctx, obj, prop, &v);
            if (ret)
                return ret < 0 ? JS_EXCEPTION : v;
        }
        p = js_primitive_proto(ctx, obj);
        if (!p)
            return JS_UNDEFINED;
    }
    for (;;) {
        prs = find_own_property(&pr, p, prop);
        if (prs) {
            switch (prs->flags & JS_PROP_TMASK) {
            case JS_PROP_NORMAL:
                return JS_DupValue(ctx, pr->value);
            case JS_PROP_GETSET:
                return js_call_getter(ctx, pr->getset->getter, this_obj);
            case JS_PROP_VARREF:
                if (JS_IsUninitialized(pr->var_ref->value))
                    return js_throw_reference_error_tdz(ctx, prop);
                return JS_DupValue(ctx, pr->var_ref->value);
            case JS_PROP_AUTOINIT:
                if (js_autoinit_property(ctx, p, prop))
                    return JS_EXCEPTION;
                continue;
            }
        }
        if (js_unlikely(p->is_exotic)) {
            if (p->fast_array) {
                if (js_atom_is_tagged_int(prop)) {
                    uint32_t idx = js_atom_get_tagged_int(prop);
                    if (idx < p->u.array.count)
                        return JS_DupValue(ctx, p->u.array.values[idx]);
                }
            } else {
                const JSClassExoticMethods *em = ctx->rt->class_array[p->class_id].exotic;
                if (em->get_property) {
                    JSValue target = js_dup_obj(p);
                    JSValue ret = em->get_property(ctx, target, prop, this_obj);
                    JS_FreeValue(ctx, target);
                    return ret;
                }
                if (em->get_own_property) {
                    JSPropertyDescriptor desc;
                    int ret = em->get_own_property(ctx, &desc, js_obj_value(p), prop);
                    if (ret < 0)
                        return JS_EXCEPTION;
                    if (ret) {
                        if (desc.flags & JS_PROP_GETSET) {
                            JS_FreeValue(ctx, desc.setter);
                            return JS_CallFree(ctx, desc.getter, this_obj, 0, NULL);
                        }
                        return desc.value;
                    }
                }
            }
        }
        p = p->shape->proto;
        if (!p)
            break;
    }
    if (throw_ref_error)
        return js_throw_reference_error_not_defined(ctx, prop);
    return JS_UNDEFINED;
}

JSValue JS_GetProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop)
{
    return JS_GetPropertyInternal(ctx, this_obj, prop, this_obj, false);
}

JSValue JS_GetPropertyStr(JSContext *ctx, JSValueConst this_obj, const char *prop)
{
    JSAtom atom = JS_NewAtom(ctx, prop);
    JSValue ret;
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = JS_GetProperty(ctx, this_obj, atom);
    JS_FreeAtom(ctx, atom);
    return ret;
}

JSValue JS_GetPropertyInt64(JSContext *ctx, JSValueConst obj, int64_t idx)
{
    JSAtom atom;
    JSValue ret;
    if (idx >= 0 && idx <= JS_ATOM_MAX_INT) {
        if (js_is_fast_array(obj) && idx < js_obj(obj)->u.array.count)
            return JS_DupValue(ctx, js_obj(obj)->u.array.values[idx]);
        return JS_GetProperty(ctx, obj, js_atom_from_uint32((uint32_t)idx));
    }
    atom = JS_ValueToAtom(ctx, JS_NewInt64(ctx, idx));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = JS_GetProperty(ctx, obj, atom);
    JS_FreeAtom(ctx, atom);
    return ret;
}

JSValue JS_GetPropertyUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx)
{
    return JS_GetPropertyInt64(ctx, this_obj, idx);
}

JSValue JS_GetPropertyValue(JSContext *ctx, JSValueConst obj, JSValue key)
{
    JSAtom atom;
    JSValue ret;
    if (js_likely(JS_IsInt(key) && JS_IsObject(obj))) {
        JSObject *p = js_obj(obj);
        uint32_t idx = (uint32_t)JS_VALUE_GET_INT(key);
        if (p->fast_array && idx < p->u.array.count && p->class_id == JS_CLASS_ARRAY)
            return JS_DupValue(ctx, p->u.array.values[idx]);
    }
    if (JS_IsNull(obj) || JS_IsUndefined(obj)) {
        /* ToObject(base) fails before ToPropertyKey(key): an object key
           is not converted (its toString must not run) */
        if (JS_IsObject(key)) {
            JS_FreeValue(ctx, key);
            return JS_ThrowTypeError(ctx, "Cannot read properties of %s",
                                     JS_IsNull(obj) ? "null" : "undefined");
        }
        atom = JS_ValueToAtom(ctx, key);
        JS_FreeValue(ctx, key);
        if (atom == JS_ATOM_NULL)
            return JS_EXCEPTION;
        ret = js_throw_nullish_read(ctx, obj, atom);
        JS_FreeAtom(ctx, atom);
        return ret;
    }
    atom = JS_ValueToAtom(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = JS_GetProperty(ctx, obj, atom);
    JS_FreeAtom(ctx, atom);
    return ret;
}

/* ---------------------------------------------------------------------
 * [[GetOwnProperty]]
 * ------------------------------------------------------------------- */
void js_free_desc(JSContext *ctx, JSPropertyDescriptor *desc)
{
    JS_FreeValue(ctx, desc->getter);
    JS_FreeValue(ctx, desc->setter);
    JS_FreeValue(ctx, desc->value);
}

int JS_GetOwnPropertyInternal(JSContext *ctx, JSPropertyDescriptor *desc, JSObject *p,
                              JSAtom prop)
{
    JSProperty *pr;
    JSShapeProperty *prs;
retry:
    prs = find_own_property(&pr, p, prop);
    if (prs) {
        int type = prs->flags & JS_PROP_TMASK;
        if (type == JS_PROP_AUTOINIT) {
            if (js_autoinit_property(ctx, p, prop))
                return -1;
            goto retry;
        }
        if (type == JS_PROP_VARREF && JS_IsUninitialized(pr->var_ref->value)) {
            js_throw_reference_error_tdz(ctx, prop);
            return -1;
        }
        if (desc) {
            desc->flags = prs->flags & JS_PROP_C_W_E;
            desc->getter = JS_UNDEFINED;
            desc->setter = JS_UNDEFINED;
            desc->value = JS_UNDEFINED;
            if (type == JS_PROP_GETSET) {
                desc->flags |= JS_PROP_GETSET;
                desc->flags &= ~JS_PROP_WRITABLE;
                if (pr->getset->getter)
                    desc->getter = js_dup_obj(pr->getset->getter);
                if (pr->getset->setter)
                    desc->setter = js_dup_obj(pr->getset->setter);
            } else if (type == JS_PROP_VARREF) {
                desc->value = JS_DupValue(ctx, pr->var_ref->value);
            } else {
                desc->value = JS_DupValue(ctx, pr->value);
            }
        }
        return 1;
    }
    if (p->is_exotic) {
        if (p->fast_array) {
            if (js_atom_is_tagged_int(prop)) {
                uint32_t idx = js_atom_get_tagged_int(prop);
                if (idx < p->u.array.count) {
                    if (desc) {
                        desc->flags = JS_PROP_C_W_E;
                        desc->getter = JS_UNDEFINED;
                        desc->setter = JS_UNDEFINED;
                        desc->value = JS_DupValue(ctx, p->u.array.values[idx]);
                    }
                    return 1;
                }
            }
        } else {
            const JSClassExoticMethods *em = ctx->rt->class_array[p->class_id].exotic;
            if (em->get_own_property)
                return em->get_own_property(ctx, desc, js_obj_value(p), prop);
        }
    }
    return 0;
}

int JS_GetOwnProperty(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj, JSAtom prop)
{
    if (!JS_IsObject(obj)) {
        js_throw_type_error_not_object(ctx);
        return -1;
    }
    return JS_GetOwnPropertyInternal(ctx, desc, js_obj(obj), prop);
}

/* ---------------------------------------------------------------------
 * [[HasProperty]]
 * ------------------------------------------------------------------- */
int js_has_property(JSContext *ctx, JSObject *p, JSAtom prop)
{
    JSValue held = js_dup_obj(p); /* a has trap may drop the last other reference */
    int ret = 0;
    for (;;) {
        if (p->is_exotic && !p->fast_array) {
            const JSClassExoticMethods *em = ctx->rt->class_array[p->class_id].exotic;
            if (em->has_property) {
                ret = em->has_property(ctx, js_obj_value(p), prop);
                break;
            }
        }
        ret = JS_GetOwnPropertyInternal(ctx, NULL, p, prop);
        if (ret != 0)
            break;
        p = p->shape->proto;
        if (!p)
            break;
    }
    JS_FreeValue(ctx, held);
    return ret;
}

int JS_HasProperty(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    if (!JS_IsObject(obj))
        return 0;
    return js_has_property(ctx, js_obj(obj), prop);
}

/* ---------------------------------------------------------------------
 * [[DefineOwnProperty]]
 * ------------------------------------------------------------------- */
static JSGetterSetter *js_new_getset(JSContext *ctx, JSValueConst getter, JSValueConst setter)
{
    JSGetterSetter *gs = js_malloc(ctx, sizeof(JSGetterSetter));
    if (!gs)
        return NULL;
    gs->getter = JS_IsObject(getter) ? js_obj(JS_DupValue(ctx, getter)) : NULL;
    gs->setter = JS_IsObject(setter) ? js_obj(JS_DupValue(ctx, setter)) : NULL;
    return gs;
}

static void js_getset_replace(JSContext *ctx, JSObject **slot, JSValueConst f)
{
    JSObject *old = *slot;
    *slot = JS_IsObject(f) ? js_obj(JS_DupValue(ctx, f)) : NULL;
    if (old)
        JS_FreeValue(ctx, js_obj_value(old));
}

static bool js_getset_same(JSObject *cur, JSValueConst f)
{
    return cur ? (JS_IsObject(f) && js_obj(f) == cur) : JS_IsUndefined(f);
}

/* the attribute bits a descriptor sets explicitly */
static int js_desc_attr_mask(int flags)
{
    int mask = 0;
    if (flags & JS_PROP_HAS_CONFIGURABLE)
        mask |= JS_PROP_CONFIGURABLE;
    if (flags & JS_PROP_HAS_ENUMERABLE)
        mask |= JS_PROP_ENUMERABLE;
    if (flags & JS_PROP_HAS_WRITABLE)
        mask |= JS_PROP_WRITABLE;
    return mask;
}

/* ValidateAndApplyPropertyDescriptor, the validation half: may the
   existing property described by cur_flags/cur_value/gs be changed? */
static bool js_update_allowed(JSContext *ctx, int cur_flags, JSValueConst cur_value,
                              JSGetterSetter *gs, JSValueConst val, JSValueConst getter,
                              JSValueConst setter, int flags)
{
    if (cur_flags & JS_PROP_CONFIGURABLE)
        return true;
    if ((flags & JS_PROP_HAS_CONFIGURABLE) && (flags & JS_PROP_CONFIGURABLE))
        return false;
    if ((flags & JS_PROP_HAS_ENUMERABLE) && ((flags ^ cur_flags) & JS_PROP_ENUMERABLE))
        return false;
    if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) {
        if ((cur_flags & JS_PROP_TMASK) != JS_PROP_GETSET)
            return false;
        if ((flags & JS_PROP_HAS_GET) && !js_getset_same(gs->getter, getter))
            return false;
        if ((flags & JS_PROP_HAS_SET) && !js_getset_same(gs->setter, setter))
            return false;
    } else if (flags & (JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE)) {
        if ((cur_flags & JS_PROP_TMASK) == JS_PROP_GETSET)
            return false;
        if (!(cur_flags & JS_PROP_WRITABLE)) {
            if ((flags & JS_PROP_HAS_WRITABLE) && (flags & JS_PROP_WRITABLE))
                return false;
            if ((flags & JS_PROP_HAS_VALUE) && !js_same_value(ctx, val, cur_value))
                return false;
        }
    }
    return true;
}

static int js_update_property(JSContext *ctx, JSObject *p, JSAtom prop, JSValueConst val,
                              JSValueConst getter, JSValueConst setter, int flags)
{
    JSProperty *pr = NULL; /* set by find_own_property; gcc -O1 cannot see it */
    JSShapeProperty *prs = find_own_property(&pr, p, prop);
    int cur = prs->flags, type = cur & JS_PROP_TMASK, new_flags, mask;
    JSValue cur_value = type == JS_PROP_VARREF ? pr->var_ref->value : pr->value;
    if (cur & JS_PROP_LENGTH)
        return js_define_array_length(ctx, p, val, flags);
    if (!js_update_allowed(ctx, cur, cur_value, type == JS_PROP_GETSET ? pr->getset : NULL, val,
                           getter, setter, flags))
        return js_throw_type_error_or_false(ctx, flags, "cannot redefine property: %s", prop);
    /* the new kind and attributes */
    new_flags = cur;
    if ((flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) && type != JS_PROP_GETSET)
        new_flags = (cur & (JS_PROP_CONFIGURABLE | JS_PROP_ENUMERABLE)) | JS_PROP_GETSET;
    else if ((flags & (JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE)) && type == JS_PROP_GETSET)
        new_flags = cur & (JS_PROP_CONFIGURABLE | JS_PROP_ENUMERABLE);
    mask = js_desc_attr_mask(flags);
    if ((new_flags & JS_PROP_TMASK) == JS_PROP_GETSET)
        mask &= ~JS_PROP_WRITABLE;
    new_flags = (new_flags & ~mask) | (flags & mask);
    if (new_flags != cur && p->shape->is_hashed) {
        if (js_shape_make_unshared(ctx, p))
            return -1;
        prs = find_own_property(&pr, p, prop);
    }
    if ((new_flags & JS_PROP_TMASK) != type) {
        if ((new_flags & JS_PROP_TMASK) == JS_PROP_GETSET) {
            JSGetterSetter *gs = js_new_getset(ctx, JS_UNDEFINED, JS_UNDEFINED);
            if (!gs)
                return -1;
            js_free_property(ctx->rt, pr, cur);
            pr->getset = gs;
        } else {
            js_free_property(ctx->rt, pr, cur);
            pr->value = JS_UNDEFINED;
        }
    }
    prs->flags = new_flags;
    if ((new_flags & JS_PROP_TMASK) == JS_PROP_GETSET) {
        if (flags & JS_PROP_HAS_GET)
            js_getset_replace(ctx, &pr->getset->getter, getter);
        if (flags & JS_PROP_HAS_SET)
            js_getset_replace(ctx, &pr->getset->setter, setter);
    } else if (flags & JS_PROP_HAS_VALUE) {
        JSValue *slot = type == JS_PROP_VARREF ? &pr->var_ref->value : &pr->value;
        JSValue old = *slot;
        *slot = JS_DupValue(ctx, val);
        JS_FreeValue(ctx, old);
    }
    /* a mapped arguments element made read-only stops following its
       parameter (§10.4.4.2 step 7.b.ii), keeping the current value */
    if ((new_flags & JS_PROP_TMASK) == JS_PROP_VARREF && !(new_flags & JS_PROP_WRITABLE)) {
        JSVarRef *r = pr->var_ref;
        pr->value = JS_DupValue(ctx, r->value);
        prs->flags = new_flags & ~JS_PROP_TMASK;
        JS_FreeValue(ctx, JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, r));
    }
    return 1;
}

/* a new own property on an ordinary object (or the ordinary part of an
   exotic one) */
static int js_add_new_property(JSContext *ctx, JSObject *p, JSAtom prop, JSValueConst val,
                               JSValueConst getter, JSValueConst setter, int flags)
{
    JSProperty *pr;
    int prop_flags = flags & (flags >> JS_PROP_HAS_SHIFT) & JS_PROP_C_W_E;
    if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) {
        JSGetterSetter *gs;
        prop_flags = (prop_flags & ~JS_PROP_WRITABLE) | JS_PROP_GETSET;
        gs = js_new_getset(ctx, getter, setter);
        if (!gs)
            return -1;
        pr = js_shape_add_property(ctx, p, prop, prop_flags);
        if (!pr) {
            js_free_property(ctx->rt, (JSProperty *)&gs, JS_PROP_GETSET);
            return -1;
        }
        pr->getset = gs;
    } else {
        pr = js_shape_add_property(ctx, p, prop, prop_flags);
        if (!pr)
            return -1;
        pr->value = (flags & JS_PROP_HAS_VALUE) ? JS_DupValue(ctx, val) : JS_UNDEFINED;
    }
    return 1;
}

int JS_DefineProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValueConst val,
                      JSValueConst getter, JSValueConst setter, int flags)
{
    JSObject *p;
    JSProperty *pr;
    JSShapeProperty *prs;
    if (!JS_IsObject(this_obj)) {
        js_throw_type_error_not_object(ctx);
        return -1;
    }
    p = js_obj(this_obj);
retry:
    prs = find_own_property(&pr, p, prop);
    if (prs) {
        if ((prs->flags & JS_PROP_TMASK) == JS_PROP_AUTOINIT) {
            if (js_autoinit_property(ctx, p, prop))
                return -1;
            goto retry;
        }
        return js_update_property(ctx, p, prop, val, getter, setter, flags);
    }
    if (p->is_exotic && !(flags & JS_PROP_NO_EXOTIC)) {
        if (p->fast_array) {
            uint32_t idx;
            if (js_atom_is_array_index(ctx->rt, &idx, prop)) {
                int ret = js_fast_array_define(ctx, p, prop, val, getter, setter, flags);
                if (ret != 2)
                    return ret;
                goto retry; /* converted to an ordinary array */
            }
        } else {
            const JSClassExoticMethods *em = ctx->rt->class_array[p->class_id].exotic;
            if (em->define_own_property)
                return em->define_own_property(ctx, this_obj, prop, val, getter, setter, flags);
        }
    }
    if (!p->extensible)
        return js_throw_type_error_or_false(ctx, flags, "object is not extensible", JS_ATOM_NULL);
    if (p->class_id == JS_CLASS_ARRAY) {
        uint32_t idx;
        if (js_atom_is_array_index(ctx->rt, &idx, prop))
            return js_slow_array_define_index(ctx, p, prop, idx, val, getter, setter, flags);
    }
    return js_add_new_property(ctx, p, prop, val, getter, setter, flags);
}

/* the ordinary array-index definition used for slow arrays: length grows */
int js_slow_array_define_index(JSContext *ctx, JSObject *p, JSAtom prop, uint32_t idx,
                               JSValueConst val, JSValueConst getter, JSValueConst setter,
                               int flags)
{
    uint32_t len;
    JSShapeProperty *len_prs = &p->shape->prop[0];
    if (JS_ToUint32(ctx, &len, p->prop[0].value))
        return -1;
    if (idx >= len && !(len_prs->flags & JS_PROP_WRITABLE))
        return js_throw_type_error_or_false(ctx, flags, "array length is not writable",
                                            JS_ATOM_NULL);
    if (js_add_new_property(ctx, p, prop, val, getter, setter, flags) < 0)
        return -1;
    if (idx >= len) {
        JS_FreeValue(ctx, p->prop[0].value);
        p->prop[0].value = JS_NewUint32(ctx, idx + 1);
    }
    return 1;
}

int JS_DefinePropertyValue(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValue val,
                           int flags)
{
    int ret = JS_DefineProperty(ctx, this_obj, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                                flags | JS_PROP_HAS_VALUE | JS_PROP_HAS_CONFIGURABLE |
                                    JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE);
    JS_FreeValue(ctx, val);
    return ret;
}

int JS_DefinePropertyValueValue(JSContext *ctx, JSValueConst obj, JSValue key, JSValue val,
                                int flags)
{
    JSAtom atom = JS_ValueToAtom(ctx, key);
    int ret;
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    ret = JS_DefinePropertyValue(ctx, obj, atom, val, flags);
    JS_FreeAtom(ctx, atom);
    return ret;
}

int JS_DefinePropertyValueUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx, JSValue val,
                                 int flags)
{
    return JS_DefinePropertyValueValue(ctx, this_obj, JS_NewUint32(ctx, idx), val, flags);
}

int JS_DefinePropertyValueStr(JSContext *ctx, JSValueConst this_obj, const char *prop, JSValue val,
                              int flags)
{
    JSAtom atom = JS_NewAtom(ctx, prop);
    int ret;
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    ret = JS_DefinePropertyValue(ctx, this_obj, atom, val, flags);
    JS_FreeAtom(ctx, atom);
    return ret;
}

int JS_DefinePropertyGetSet(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValue getter,
                            JSValue setter, int flags)
{
    int ret = JS_DefineProperty(ctx, this_obj, prop, JS_UNDEFINED, getter, setter,
                                flags | JS_PROP_HAS_GET | JS_PROP_HAS_SET |
                                    JS_PROP_HAS_CONFIGURABLE | JS_PROP_HAS_ENUMERABLE);
    JS_FreeValue(ctx, getter);
    JS_FreeValue(ctx, setter);
    return ret;
}

int js_define_property_getset_funcs(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                    JSValue getter, JSValue setter, int flags)
{
    return JS_DefinePropertyGetSet(ctx, obj, prop, getter, setter, flags);
}

int JS_CreateDataPropertyUint32(JSContext *ctx, JSValueConst obj, int64_t idx, JSValue val,
                                int flags)
{
    return JS_DefinePropertyValueValue(ctx, obj, JS_NewInt64(ctx, idx), val,
                                       flags | JS_PROP_C_W_E);
}

int js_create_data_property_value(JSContext *ctx, JSValueConst obj, JSValue key, JSValue val,
                                  int flags)
{
    return JS_DefinePropertyValueValue(ctx, obj, key, val, flags | JS_PROP_C_W_E);
}

/* ---------------------------------------------------------------------
 * [[Set]]
 * ------------------------------------------------------------------- */
static int js_call_setter(JSContext *ctx, JSObject *setter, JSValueConst this_obj, JSValue val,
                          int flags)
{
    JSValue func, ret;
    if (!setter) {
        JS_FreeValue(ctx, val);
        return js_throw_type_error_or_false(ctx, flags, "no setter for property", JS_ATOM_NULL);
    }
    func = js_dup_obj(setter);
    ret = JS_CallFree(ctx, func, this_obj, 1, (JSValueConst *)&val);
    JS_FreeValue(ctx, val);
    if (JS_IsException(ret))
        return -1;
    JS_FreeValue(ctx, ret);
    return 1;
}

static int js_set_value_slot(JSContext *ctx, JSValue *slot, JSValue val)
{
    JSValue old = *slot;
    *slot = val;
    JS_FreeValue(ctx, old);
    return 1;
}

/* the receiver has no own property found on the way (or the lookup ended
   on a writable data property of a prototype): create or update it as
   OrdinarySetWithOwnDescriptor says */
static int js_set_on_receiver(JSContext *ctx, JSValueConst receiver, JSAtom prop, JSValue val,
                              int flags, bool receiver_checked)
{
    JSPropertyDescriptor desc;
    JSObject *r;
    int ret;
    if (!JS_IsObject(receiver)) {
        JS_FreeValue(ctx, val);
        return js_throw_type_error_or_false(ctx, flags,
                                            "cannot create property '%s' on a primitive", prop);
    }
    r = js_obj(receiver);
    if (!receiver_checked) {
        ret = JS_GetOwnPropertyInternal(ctx, &desc, r, prop);
        if (ret < 0) {
            JS_FreeValue(ctx, val);
            return -1;
        }
        if (ret) {
            int dflags = desc.flags;
            js_free_desc(ctx, &desc);
            if ((dflags & JS_PROP_GETSET) || !(dflags & JS_PROP_WRITABLE)) {
                JS_FreeValue(ctx, val);
                return js_throw_type_error_or_false(ctx, flags,
                                                    "cannot assign to read only property '%s'",
                                                    prop);
            }
            ret = JS_DefineProperty(ctx, receiver, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                                    JS_PROP_HAS_VALUE | (flags & (JS_PROP_THROW |
                                                                  JS_PROP_THROW_STRICT)));
            JS_FreeValue(ctx, val);
            return ret;
        }
    }
    /* fast path: a plain extensible object gets a new data property */
    if (!r->is_exotic && r->extensible && r->class_id != JS_CLASS_ARRAY) {
        JSProperty *pr = js_shape_add_property(ctx, r, prop, JS_PROP_C_W_E);
        if (!pr) {
            JS_FreeValue(ctx, val);
            return -1;
        }
        pr->value = val;
        return 1;
    }
    ret = JS_DefineProperty(ctx, receiver, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                            JS_PROP_C_W_E | JS_PROP_HAS_VALUE | JS_PROP_HAS_CONFIGURABLE |
                                JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                                (flags & (JS_PROP_THROW | JS_PROP_THROW_STRICT)));
    JS_FreeValue(ctx, val);
    return ret;
}

int JS_SetPropertyInternal(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValue val,
                           JSValueConst this_obj, int flags)
{
    JSObject *p, *p1 = NULL;
    JSProperty *pr;
    JSShapeProperty *prs;
    if (JS_IsObject(this_obj))
        p1 = js_obj(this_obj);
    if (js_likely(JS_IsObject(obj))) {
        p = js_obj(obj);
    } else {
        if (JS_IsNull(obj) || JS_IsUndefined(obj)) {
            char buf[64];
            JS_FreeValue(ctx, val);
            JS_ThrowTypeError(ctx, "Cannot set properties of %s (setting '%s')",
                              JS_IsNull(obj) ? "null" : "undefined",
                              js_atom_get_cstr(ctx->rt, buf, sizeof(buf), prop));
            return -1;
        }
        if (JS_IsString(obj) && (prop == JS_ATOM_length ||
                                 (js_atom_is_tagged_int(prop) &&
                                  js_atom_get_tagged_int(prop) < js_string_len(obj)))) {
            JS_FreeValue(ctx, val);
            return js_throw_type_error_or_false(ctx, flags,
                                                "cannot assign to read only property '%s'", prop);
        }
        p = js_primitive_proto(ctx, obj);
    }
    for (;;) {
        prs = find_own_property(&pr, p, prop);
        if (prs) {
            int type = prs->flags & JS_PROP_TMASK;
            if (type == JS_PROP_GETSET)
                return js_call_setter(ctx, pr->getset->setter, this_obj, val, flags);
            if (type == JS_PROP_AUTOINIT) {
                if (js_autoinit_property(ctx, p, prop)) {
                    JS_FreeValue(ctx, val);
                    return -1;
                }
                continue;
            }
            if (!(prs->flags & JS_PROP_WRITABLE)) {
                JS_FreeValue(ctx, val);
                return js_throw_type_error_or_false(
                    ctx, flags, "cannot assign to read only property '%s'", prop);
            }
            if (p != p1)
                return js_set_on_receiver(ctx, this_obj, prop, val, flags, false);
            if (type == JS_PROP_NORMAL) {
                if (prs->flags & JS_PROP_LENGTH) {
                    int ret = js_set_array_length(ctx, p, val, flags);
                    return ret;
                }
                return js_set_value_slot(ctx, &pr->value, val);
            }
            if (JS_IsUninitialized(pr->var_ref->value)) {
                JS_FreeValue(ctx, val);
                js_throw_reference_error_tdz(ctx, prop);
                return -1;
            }
            return js_set_value_slot(ctx, &pr->var_ref->value, val);
        }
        if (js_unlikely(p->is_exotic)) {
            if (p->fast_array) {
                if (js_atom_is_tagged_int(prop)) {
                    uint32_t idx = js_atom_get_tagged_int(prop);
                    if (idx < p->u.array.count) {
                        if (p == p1)
                            return js_set_value_slot(ctx, &p->u.array.values[idx], val);
                        return js_set_on_receiver(ctx, this_obj, prop, val, flags, false);
                    }
                }
            } else {
                const JSClassExoticMethods *em = ctx->rt->class_array[p->class_id].exotic;
                if (em->set_property) {
                    JSValue target = js_dup_obj(p);
                    int ret = em->set_property(ctx, target, prop, val, this_obj, flags);
                    JS_FreeValue(ctx, target);
                    JS_FreeValue(ctx, val);
                    return ret;
                }
                if (em->get_own_property) {
                    JSPropertyDescriptor desc;
                    int ret = em->get_own_property(ctx, &desc, js_obj_value(p), prop);
                    if (ret < 0) {
                        JS_FreeValue(ctx, val);
                        return -1;
                    }
                    if (ret) {
                        if (desc.flags & JS_PROP_GETSET) {
                            JSObject *setter =
                                JS_IsObject(desc.setter) ? js_obj(desc.setter) : NULL;
                            ret = js_call_setter(ctx, setter, this_obj, val, flags);
                            js_free_desc(ctx, &desc);
                            return ret;
                        }
                        js_free_desc(ctx, &desc);
                        if (!(desc.flags & JS_PROP_WRITABLE)) {
                            JS_FreeValue(ctx, val);
                            return js_throw_type_error_or_false(
                                ctx, flags, "cannot assign to read only property '%s'", prop);
                        }
                        return js_set_on_receiver(ctx, this_obj, prop, val, flags, false);
                    }
                }
            }
        }
        p = p->shape->proto;
        if (!p)
            break;
    }
    /* not found: when the walk started at the receiver, it has no own
       property of that name */
    return js_set_on_receiver(ctx, this_obj, prop, val, flags,
                              JS_IsObject(obj) && p1 == js_obj(obj) && !p1->is_exotic);
}

int JS_SetProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValue val)
{
    return JS_SetPropertyInternal(ctx, this_obj, prop, val, this_obj, JS_PROP_THROW);
}

int JS_SetPropertyStr(JSContext *ctx, JSValueConst this_obj, const char *prop, JSValue val)
{
    JSAtom atom = JS_NewAtom(ctx, prop);
    int ret;
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    ret = JS_SetProperty(ctx, this_obj, atom, val);
    JS_FreeAtom(ctx, atom);
    return ret;
}

int JS_SetPropertyValue(JSContext *ctx, JSValueConst obj, JSValue key, JSValue val, int flags)
{
    JSAtom atom;
    int ret;
    if (js_likely(JS_IsInt(key) && JS_IsObject(obj))) {
        JSObject *p = js_obj(obj);
        uint32_t idx = (uint32_t)JS_VALUE_GET_INT(key);
        if (p->fast_array && p->class_id == JS_CLASS_ARRAY) {
            if (idx < p->u.array.count)
                return js_set_value_slot(ctx, &p->u.array.values[idx], val);
            if (idx == p->u.array.count && js_fast_array_can_append(ctx, p))
                return js_fast_array_append(ctx, p, val);
        }
    }
    if (JS_IsNull(obj) || JS_IsUndefined(obj)) {
        char buf[64];
        atom = JS_ValueToAtom(ctx, key);
        JS_FreeValue(ctx, key);
        JS_FreeValue(ctx, val);
        if (atom == JS_ATOM_NULL)
            return -1;
        JS_ThrowTypeError(ctx, "Cannot set properties of %s (setting '%s')",
                          JS_IsNull(obj) ? "null" : "undefined",
                          js_atom_get_cstr(ctx->rt, buf, sizeof(buf), atom));
        JS_FreeAtom(ctx, atom);
        return -1;
    }
    atom = JS_ValueToAtom(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    ret = JS_SetPropertyInternal(ctx, obj, atom, val, obj, flags);
    JS_FreeAtom(ctx, atom);
    return ret;
}

int JS_SetPropertyInt64(JSContext *ctx, JSValueConst this_obj, int64_t idx, JSValue val)
{
    return JS_SetPropertyValue(ctx, this_obj, JS_NewInt64(ctx, idx), val, JS_PROP_THROW);
}

int JS_SetPropertyUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx, JSValue val)
{
    return JS_SetPropertyInt64(ctx, this_obj, idx, val);
}

/* ---------------------------------------------------------------------
 * [[Delete]]
 * ------------------------------------------------------------------- */
int js_delete_property(JSContext *ctx, JSValueConst obj, JSAtom prop, int flags)
{
    JSObject *p = js_obj(obj);
    JSShapeProperty *prs;
    uint32_t idx;
retry:
    prs = js_shape_find(p->shape, prop, &idx);
    if (prs) {
        if (!(prs->flags & JS_PROP_CONFIGURABLE))
            return js_throw_type_error_or_false(ctx, flags, "cannot delete property '%s'", prop);
        if (p->shape->is_hashed) {
            if (js_shape_make_unshared(ctx, p))
                return -1;
            goto retry;
        }
        js_free_property(ctx->rt, &p->prop[idx], prs->flags);
        p->prop[idx].value = JS_UNDEFINED;
        js_shape_delete_property(ctx, p, idx);
        return 1;
    }
    if (p->is_exotic) {
        if (p->fast_array) {
            if (js_atom_is_tagged_int(prop) &&
                js_atom_get_tagged_int(prop) < p->u.array.count) {
                if (js_fast_array_delete(ctx, p, js_atom_get_tagged_int(prop)))
                    return -1;
                goto retry;
            }
        } else {
            const JSClassExoticMethods *em = ctx->rt->class_array[p->class_id].exotic;
            if (em->delete_property) {
                int ret = em->delete_property(ctx, obj, prop);
                if (ret == 0)
                    return js_throw_type_error_or_false(ctx, flags,
                                                        "cannot delete property '%s'", prop);
                return ret;
            }
        }
    }
    return 1;
}

int JS_DeleteProperty(JSContext *ctx, JSValueConst obj, JSAtom prop, int flags)
{
    JSValue o = JS_ToObject(ctx, obj);
    int ret;
    if (JS_IsException(o))
        return -1;
    ret = js_delete_property(ctx, o, prop, flags);
    JS_FreeValue(ctx, o);
    return ret;
}

/* ---------------------------------------------------------------------
 * [[OwnPropertyKeys]]
 * ------------------------------------------------------------------- */
typedef struct KeyList {
    JSPropertyEnum *tab;
    uint32_t len, size;
} KeyList;

static int key_list_add(JSContext *ctx, KeyList *l, JSAtom atom, bool is_enumerable)
{
    if (l->len >= l->size) {
        uint32_t new_size = l->size ? l->size * 2 : 16;
        JSPropertyEnum *t = js_realloc(ctx, l->tab, sizeof(*t) * new_size);
        if (!t) {
            JS_FreeAtom(ctx, atom);
            return -1;
        }
        l->tab = t;
        l->size = new_size;
    }
    l->tab[l->len].atom = atom;
    l->tab[l->len].is_enumerable = is_enumerable;
    l->len++;
    return 0;
}

void js_free_property_enum(JSContext *ctx, JSPropertyEnum *tab, uint32_t len)
{
    if (!tab)
        return;
    for (uint32_t i = 0; i < len; i++)
        JS_FreeAtom(ctx, tab[i].atom);
    js_free(ctx, tab);
}

void JS_FreePropertyEnum(JSContext *ctx, JSPropertyEnum *tab, uint32_t len)
{
    js_free_property_enum(ctx, tab, len);
}

static int js_key_index_cmp(const void *a, const void *b, void *opaque)
{
    JSRuntime *rt = opaque;
    uint32_t ia = 0, ib = 0;
    js_atom_is_array_index(rt, &ia, ((const JSPropertyEnum *)a)->atom);
    js_atom_is_array_index(rt, &ib, ((const JSPropertyEnum *)b)->atom);
    return ia < ib ? -1 : ia > ib;
}

/* key category: 0 array index, 1 string, 2 symbol, 3 private */
static int js_key_kind(JSRuntime *rt, JSAtom atom)
{
    uint32_t idx;
    int t;
    if (js_atom_is_array_index(rt, &idx, atom))
        return 0;
    t = js_atom_type(rt, atom);
    if (t == JS_ATOM_TYPE_STRING)
        return 1;
    return rt->atom_array[atom]->hash == 2 ? 3 : 2;
}

static bool js_key_wanted(int kind, int flags)
{
    switch (kind) {
    case 0:
    case 1:
        return flags & JS_GPN_STRING_MASK;
    case 2:
        return flags & JS_GPN_SYMBOL_MASK;
    default:
        return flags & JS_GPN_PRIVATE_MASK;
    }
}

int JS_GetOwnPropertyNamesInternal(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                                   JSObject *p, int flags)
{
    JSRuntime *rt = ctx->rt;
    KeyList all = {0}, out = {0};
    JSPropertyEnum *ex_tab = NULL;
    uint32_t ex_len = 0, nidx = 0;
    JSShape *sh;
    /* a proxy's keys come in its ownKeys trap's order: no re-sorting */
    if (js_unlikely(p->class_id == JS_CLASS_PROXY))
        return js_proxy_own_keys(ctx, ptab, plen, p, flags);
    *ptab = NULL;
    *plen = 0;
    if (p->is_exotic && !p->fast_array) {
        const JSClassExoticMethods *em = rt->class_array[p->class_id].exotic;
        if (em->get_own_property_names &&
            em->get_own_property_names(ctx, &ex_tab, &ex_len, js_obj_value(p)))
            return -1;
    }
    /* gather: exotic keys, fast elements, then the shape's keys */
    for (uint32_t i = 0; i < ex_len; i++) {
        if (key_list_add(ctx, &all, ex_tab[i].atom, ex_tab[i].is_enumerable))
            goto fail;
        ex_tab[i].atom = JS_ATOM_NULL;
    }
    if (p->fast_array) {
        for (uint32_t i = 0; i < p->u.array.count; i++) {
            if (key_list_add(ctx, &all, js_atom_from_uint32(i), true))
                goto fail;
        }
    }
    sh = p->shape;
    for (int i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *prs = &sh->prop[i];
        if (prs->atom == JS_ATOM_NULL)
            continue;
        if (key_list_add(ctx, &all, js_dup_atom_rt(rt, prs->atom),
                         (prs->flags & JS_PROP_ENUMERABLE) != 0))
            goto fail;
    }
    /* order: indices ascending, then strings, symbols (insertion order) */
    for (int kind = 0; kind < 4; kind++) {
        uint32_t start = out.len;
        if (!js_key_wanted(kind, flags))
            continue;
        for (uint32_t i = 0; i < all.len; i++) {
            if (all.tab[i].atom == JS_ATOM_NULL || js_key_kind(rt, all.tab[i].atom) != kind)
                continue;
            if ((flags & JS_GPN_ENUM_ONLY) && !all.tab[i].is_enumerable)
                continue;
            if (key_list_add(ctx, &out, all.tab[i].atom, all.tab[i].is_enumerable))
                goto fail;
            all.tab[i].atom = JS_ATOM_NULL;
        }
        if (kind == 0) {
            nidx = out.len - start;
            if (nidx > 1)
                qsort_r(out.tab, nidx, sizeof(*out.tab), js_key_index_cmp, rt);
        }
    }
    js_free_property_enum(ctx, all.tab, all.len);
    js_free_property_enum(ctx, ex_tab, ex_len);
    *ptab = out.tab;
    *plen = out.len;
    return 0;
fail:
    js_free_property_enum(ctx, all.tab, all.len);
    js_free_property_enum(ctx, out.tab, out.len);
    js_free_property_enum(ctx, ex_tab, ex_len);
    return -1;
}

int JS_GetOwnPropertyNames(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen, JSValueConst obj,
                           int flags)
{
    if (!JS_IsObject(obj)) {
        js_throw_type_error_not_object(ctx);
        return -1;
    }
    return JS_GetOwnPropertyNamesInternal(ctx, ptab, plen, js_obj(obj), flags);
}

JSValue js_get_own_property_names2(JSContext *ctx, JSValueConst obj1, int flags, int kind)
{
    JSValue obj, res = JS_UNDEFINED;
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, n = 0;
    obj = JS_ToObject(ctx, obj1);
    if (JS_IsException(obj))
        return obj;
    /* the enumerability is read live for ENUM_ONLY, as the spec does */
    if (JS_GetOwnPropertyNamesInternal(ctx, &tab, &len, js_obj(obj), flags & ~JS_GPN_ENUM_ONLY))
        goto exception;
    res = JS_NewArray(ctx);
    if (JS_IsException(res))
        goto exception;
    for (uint32_t i = 0; i < len; i++) {
        JSAtom atom = tab[i].atom;
        JSValue item;
        if (flags & JS_GPN_ENUM_ONLY) {
            JSPropertyDescriptor desc;
            int ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(obj), atom);
            if (ret < 0)
                goto exception;
            if (!ret)
                continue;
            js_free_desc(ctx, &desc);
            if (!(desc.flags & JS_PROP_ENUMERABLE))
                continue;
        }
        if (kind == 0) {
            item = JS_AtomToValue(ctx, atom);
        } else {
            JSValue v = JS_GetProperty(ctx, obj, atom);
            if (JS_IsException(v))
                goto exception;
            if (kind == 1) {
                item = v;
            } else {
                JSValue pair[2] = {JS_AtomToValue(ctx, atom), v};
                item = js_new_array_from(ctx, 2, pair);
            }
        }
        if (JS_IsException(item))
            goto exception;
        if (JS_DefinePropertyValueUint32(ctx, res, n++, item, JS_PROP_C_W_E) < 0)
            goto exception;
    }
    js_free_property_enum(ctx, tab, len);
    JS_FreeValue(ctx, obj);
    return res;
exception:
    js_free_property_enum(ctx, tab, len);
    JS_FreeValue(ctx, obj);
    JS_FreeValue(ctx, res);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Descriptors
 * ------------------------------------------------------------------- */
static int js_desc_get_field(JSContext *ctx, JSValueConst desc, JSAtom name, int has_flag,
                             int *pflags, JSValue *pval)
{
    int ret = JS_HasProperty(ctx, desc, name);
    if (ret <= 0)
        return ret;
    *pval = JS_GetProperty(ctx, desc, name);
    if (JS_IsException(*pval))
        return -1;
    *pflags |= has_flag;
    return 1;
}

static int js_desc_get_bool(JSContext *ctx, JSValueConst desc, JSAtom name, int has_flag,
                            int flag, int *pflags)
{
    JSValue v;
    int ret = js_desc_get_field(ctx, desc, name, has_flag, pflags, &v);
    if (ret <= 0)
        return ret;
    if (JS_ToBool(ctx, v))
        *pflags |= flag;
    JS_FreeValue(ctx, v);
    return 0;
}

int js_to_property_descriptor(JSContext *ctx, JSPropertyDescriptor *d, JSValueConst desc)
{
    int flags = 0;
    JSValue v;
    d->value = d->getter = d->setter = JS_UNDEFINED;
    if (!JS_IsObject(desc)) {
        JS_ThrowTypeError(ctx, "property descriptor must be an object");
        return -1;
    }
    if (js_desc_get_bool(ctx, desc, JS_ATOM_enumerable, JS_PROP_HAS_ENUMERABLE,
                         JS_PROP_ENUMERABLE, &flags) < 0 ||
        js_desc_get_bool(ctx, desc, JS_ATOM_configurable, JS_PROP_HAS_CONFIGURABLE,
                         JS_PROP_CONFIGURABLE, &flags) < 0)
        goto fail;
    if (js_desc_get_field(ctx, desc, JS_ATOM_value, JS_PROP_HAS_VALUE, &flags, &d->value) < 0 ||
        js_desc_get_bool(ctx, desc, JS_ATOM_writable, JS_PROP_HAS_WRITABLE, JS_PROP_WRITABLE,
                         &flags) < 0)
        goto fail;
    if (js_desc_get_field(ctx, desc, JS_ATOM_get, JS_PROP_HAS_GET, &flags, &v) < 0)
        goto fail;
    if (flags & JS_PROP_HAS_GET) {
        d->getter = v;
        if (!JS_IsUndefined(v) && !JS_IsCallable(ctx, v)) {
            JS_ThrowTypeError(ctx, "getter must be a function");
            goto fail;
        }
    }
    if (js_desc_get_field(ctx, desc, JS_ATOM_set, JS_PROP_HAS_SET, &flags, &v) < 0)
        goto fail;
    if (flags & JS_PROP_HAS_SET) {
        d->setter = v;
        if (!JS_IsUndefined(v) && !JS_IsCallable(ctx, v)) {
            JS_ThrowTypeError(ctx, "setter must be a function");
            goto fail;
        }
    }
    if ((flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) &&
        (flags & (JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE))) {
        JS_ThrowTypeError(ctx, "cannot have both a value and an accessor in a property "
                               "descriptor");
        goto fail;
    }
    d->flags = flags;
    return 0;
fail:
    js_free_desc(ctx, d);
    d->value = d->getter = d->setter = JS_UNDEFINED;
    return -1;
}

JSValue js_from_property_descriptor(JSContext *ctx, const JSPropertyDescriptor *d)
{
    JSValue obj = JS_NewObject(ctx);
    int ok = 0;
    if (JS_IsException(obj))
        return obj;
    if (d->flags & JS_PROP_GETSET) {
        ok |= JS_DefinePropertyValue(ctx, obj, JS_ATOM_get, JS_DupValue(ctx, d->getter),
                                     JS_PROP_C_W_E);
        ok |= JS_DefinePropertyValue(ctx, obj, JS_ATOM_set, JS_DupValue(ctx, d->setter),
                                     JS_PROP_C_W_E);
    } else {
        ok |= JS_DefinePropertyValue(ctx, obj, JS_ATOM_value, JS_DupValue(ctx, d->value),
                                     JS_PROP_C_W_E);
        ok |= JS_DefinePropertyValue(ctx, obj, JS_ATOM_writable,
                                     JS_NewBool(ctx, d->flags & JS_PROP_WRITABLE), JS_PROP_C_W_E);
    }
    ok |= JS_DefinePropertyValue(ctx, obj, JS_ATOM_enumerable,
                                 JS_NewBool(ctx, d->flags & JS_PROP_ENUMERABLE), JS_PROP_C_W_E);
    ok |= JS_DefinePropertyValue(ctx, obj, JS_ATOM_configurable,
                                 JS_NewBool(ctx, d->flags & JS_PROP_CONFIGURABLE), JS_PROP_C_W_E);
    if (ok < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

int js_define_property_desc(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst desc,
                            int flags)
{
    JSPropertyDescriptor d;
    int ret;
    if (js_to_property_descriptor(ctx, &d, desc) < 0)
        return -1;
    ret = JS_DefineProperty(ctx, obj, prop, d.value, d.getter, d.setter, d.flags | flags);
    js_free_desc(ctx, &d);
    return ret;
}

/* ---------------------------------------------------------------------
 * Prototypes and extensibility
 * ------------------------------------------------------------------- */
JSValue JS_GetPrototype(JSContext *ctx, JSValueConst val)
{
    JSObject *p;
    if (JS_IsObject(val)) {
        if (js_unlikely(js_obj(val)->class_id == JS_CLASS_PROXY))
            return js_proxy_get_prototype(ctx, js_obj(val));
        p = js_obj(val)->shape->proto;
    } else {
        p = js_primitive_proto(ctx, val);
    }
    return p ? js_dup_obj(p) : JS_NULL;
}

int JS_SetPrototypeInternal(JSContext *ctx, JSValueConst obj, JSValueConst proto_val,
                            bool throw_flag)
{
    JSObject *p, *proto, *p1;
    if (!JS_IsObject(proto_val) && !JS_IsNull(proto_val)) {
        JS_ThrowTypeError(ctx, "prototype must be an object or null");
        return -1;
    }
    if (!JS_IsObject(obj))
        return 1; /* primitives: nothing to change */
    p = js_obj(obj);
    if (js_unlikely(p->class_id == JS_CLASS_PROXY)) {
        int ret = js_proxy_set_prototype(ctx, p, proto_val);
        if (ret == 0)
            goto refuse;
        return ret;
    }
    proto = JS_IsObject(proto_val) ? js_obj(proto_val) : NULL;
    if (p->shape->proto == proto)
        return 1;
    if (p->is_immutable_proto)
        goto refuse;
    if (!p->extensible)
        goto refuse;
    for (p1 = proto; p1; p1 = p1->shape->proto) {
        if (p1 == p)
            goto refuse;
        if (p1->class_id == JS_CLASS_PROXY)
            break; /* the spec stops at objects with a custom [[GetPrototypeOf]] */
    }
    if (js_shape_set_proto(ctx, p, proto))
        return -1;
    return 1;
refuse:
    if (throw_flag) {
        JS_ThrowTypeError(ctx, "cannot set prototype of this object");
        return -1;
    }
    return 0;
}

int JS_SetPrototype(JSContext *ctx, JSValueConst obj, JSValueConst proto_val)
{
    return JS_SetPrototypeInternal(ctx, obj, proto_val, true);
}

int JS_IsExtensible(JSContext *ctx, JSValueConst obj)
{
    if (!JS_IsObject(obj))
        return 0;
    if (js_unlikely(js_obj(obj)->class_id == JS_CLASS_PROXY))
        return js_proxy_is_extensible(ctx, js_obj(obj));
    return js_obj(obj)->extensible;
}

int JS_PreventExtensions(JSContext *ctx, JSValueConst obj)
{
    JSObject *p;
    if (!JS_IsObject(obj))
        return 0;
    p = js_obj(obj);
    if (js_unlikely(p->class_id == JS_CLASS_PROXY))
        return js_proxy_prevent_extensions(ctx, p);
    /* fast arrays stay fast: appends check extensible */
    p->extensible = 0;
    return 1;
}

int js_freeze_object(JSContext *ctx, JSValueConst obj)
{
    JSPropertyEnum *tab;
    uint32_t len;
    int ret = 0;
    if (JS_PreventExtensions(ctx, obj) < 0)
        return -1;
    if (JS_GetOwnPropertyNamesInternal(ctx, &tab, &len, js_obj(obj),
                                       JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK))
        return -1;
    for (uint32_t i = 0; i < len && ret >= 0; i++) {
        JSPropertyDescriptor desc;
        int flags = JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW;
        ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(obj), tab[i].atom);
        if (ret <= 0)
            continue;
        js_free_desc(ctx, &desc);
        if (!(desc.flags & JS_PROP_GETSET))
            flags |= JS_PROP_HAS_WRITABLE;
        ret = JS_DefineProperty(ctx, obj, tab[i].atom, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED,
                                flags);
    }
    js_free_property_enum(ctx, tab, len);
    return ret < 0 ? -1 : 0;
}

int JS_OrdinaryIsInstanceOf(JSContext *ctx, JSValueConst val, JSValueConst obj)
{
    JSValue proto, held;
    JSObject *p;
    int ret = 0;
    if (!JS_IsCallable(ctx, obj))
        return 0;
    if (js_obj(obj)->class_id == JS_CLASS_BOUND_FUNCTION)
        return JS_IsInstanceOf(ctx, val, js_obj(obj)->u.bound_function->func_obj);
    if (!JS_IsObject(val))
        return 0;
    proto = JS_GetProperty(ctx, obj, JS_ATOM_prototype);
    if (JS_IsException(proto))
        return -1;
    if (!JS_IsObject(proto)) {
        JS_FreeValue(ctx, proto);
        JS_ThrowTypeError(ctx, "Function has non-object prototype in instanceof check");
        return -1;
    }
    held = JS_DupValue(ctx, val);
    for (;;) {
        JSValue next = JS_GetPrototype(ctx, held);
        JS_FreeValue(ctx, held);
        if (JS_IsException(next)) {
            ret = -1;
            break;
        }
        if (JS_IsNull(next))
            break;
        p = js_obj(next);
        if (p == js_obj(proto)) {
            JS_FreeValue(ctx, next);
            ret = 1;
            break;
        }
        held = next;
        if (js_poll_interrupts(ctx)) {
            JS_FreeValue(ctx, held);
            ret = -1;
            break;
        }
    }
    JS_FreeValue(ctx, proto);
    return ret;
}

int JS_IsInstanceOf(JSContext *ctx, JSValueConst val, JSValueConst obj)
{
    JSValue method, ret;
    if (!JS_IsObject(obj)) {
        JS_ThrowTypeError(ctx, "Right-hand side of 'instanceof' is not an object");
        return -1;
    }
    method = js_get_method(ctx, obj, JS_ATOM_Symbol_hasInstance);
    if (JS_IsException(method))
        return -1;
    if (!JS_IsUndefined(method)) {
        ret = JS_CallFree(ctx, method, obj, 1, &val);
        if (JS_IsException(ret))
            return -1;
        return JS_ToBool(ctx, ret) + (JS_FreeValue(ctx, ret), 0);
    }
    if (!JS_IsCallable(ctx, obj)) {
        JS_ThrowTypeError(ctx, "Right-hand side of 'instanceof' is not callable");
        return -1;
    }
    return JS_OrdinaryIsInstanceOf(ctx, val, obj);
}

/* ---------------------------------------------------------------------
 * Array-likes
 * ------------------------------------------------------------------- */
int js_get_length64(JSContext *ctx, int64_t *pres, JSValueConst obj)
{
    if (js_is_fast_array(obj) || (JS_IsObject(obj) && js_obj(obj)->class_id == JS_CLASS_ARRAY)) {
        JSValue len = js_obj(obj)->prop[0].value;
        if (JS_IsInt(len)) {
            *pres = JS_VALUE_GET_INT(len);
            return 0;
        }
    }
    return JS_ToLengthFree(ctx, pres, JS_GetProperty(ctx, obj, JS_ATOM_length));
}

int js_get_length32(JSContext *ctx, uint32_t *pres, JSValueConst obj)
{
    int64_t len;
    if (js_get_length64(ctx, &len, obj))
        return -1;
    *pres = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
    return 0;
}

void js_free_value_list(JSContext *ctx, JSValue *tab, uint32_t len)
{
    if (!tab)
        return;
    for (uint32_t i = 0; i < len; i++)
        JS_FreeValue(ctx, tab[i]);
    js_free(ctx, tab);
}

#define JS_MAX_ARG_LIST 65535

JSValue *js_build_arg_list(JSContext *ctx, uint32_t *plen, JSValueConst array_arg)
{
    uint32_t len;
    JSValue *tab;
    if (!JS_IsObject(array_arg)) {
        JS_ThrowTypeError(ctx, "CreateListFromArrayLike called on non-object");
        return NULL;
    }
    if (js_get_length32(ctx, &len, array_arg))
        return NULL;
    if (len > JS_MAX_ARG_LIST) {
        JS_ThrowRangeError(ctx, "too many arguments in function call");
        return NULL;
    }
    tab = js_mallocz(ctx, sizeof(JSValue) * (len ? len : 1));
    if (!tab)
        return NULL;
    for (uint32_t i = 0; i < len; i++)
        tab[i] = JS_UNDEFINED;
    if (js_is_fast_array(array_arg) && js_obj(array_arg)->u.array.count == len) {
        for (uint32_t i = 0; i < len; i++)
            tab[i] = JS_DupValue(ctx, js_obj(array_arg)->u.array.values[i]);
    } else {
        for (uint32_t i = 0; i < len; i++) {
            tab[i] = JS_GetPropertyUint32(ctx, array_arg, i);
            if (JS_IsException(tab[i])) {
                tab[i] = JS_UNDEFINED;
                js_free_value_list(ctx, tab, len);
                return NULL;
            }
        }
    }
    *plen = len;
    return tab;
}

JSValue js_create_array(JSContext *ctx, int len, JSValueConst *tab)
{
    JSValue *values;
    JSValue arr = js_new_array_len(ctx, len, &values);
    if (JS_IsException(arr))
        return arr;
    for (int i = 0; i < len; i++)
        values[i] = JS_DupValue(ctx, tab[i]);
    return arr;
}
