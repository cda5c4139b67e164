/*
 * classfields.c — private names and class element initialisation.
 *
 * A private name is a symbol atom marked private (hash 2): property keys of
 * that kind are invisible to every reflective operation (own keys, proxies)
 * and are only reached through these functions, which look at the object's
 * own shape and never at its prototype or its exotic hooks. Private
 * methods and accessors are installed on each instance as non-writable
 * private properties, which gives the spec's brand check.
 */
#include "classfields.h"
#include "atom.h"
#include "error.h"
#include "function.h"
#include "object.h"
#include "str.h"

JSValue js_private_symbol_new(JSContext *ctx, JSAtom desc)
{
    JSValue str = JS_AtomToString(ctx, desc), sym;
    JSAtom a;
    if (JS_IsException(str))
        return str;
    a = js_new_symbol_atom(ctx, JS_VALUE_GET_STRING(str), JS_ATOM_TYPE_SYMBOL);
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ctx->rt->atom_array[a]->hash = 2; /* private */
    sym = js_atom_to_symbol(ctx, a);
    JS_FreeAtom(ctx, a);
    return sym;
}

static JSAtom js_private_atom(JSValueConst name)
{
    return ((JSString *)JS_VALUE_GET_PTR(name))->hash_next;
}

static JSValue js_private_missing(JSContext *ctx, JSValueConst name, const char *what)
{
    JSValue desc = js_dup_string(JS_VALUE_GET_PTR(name));
    const char *s = JS_ToCString(ctx, desc);
    JS_FreeValue(ctx, desc);
    JS_ThrowTypeError(ctx, "%s private member %s on an object whose class did not declare it",
                      what, s ? s : "#?");
    if (s)
        JS_FreeCString(ctx, s);
    return JS_EXCEPTION;
}

static JSShapeProperty *js_private_find(JSValueConst obj, JSValueConst name, JSProperty **ppr)
{
    if (!JS_IsObject(obj))
        return NULL;
    return find_own_property(ppr, js_obj(obj), js_private_atom(name));
}

JSValue js_private_get(JSContext *ctx, JSValueConst obj, JSValueConst name)
{
    JSProperty *pr;
    JSShapeProperty *prs = js_private_find(obj, name, &pr);
    if (!prs)
        return js_private_missing(ctx, name, "Cannot read");
    if ((prs->flags & JS_PROP_TMASK) == JS_PROP_GETSET) {
        JSObject *getter = pr->getset->getter;
        if (!getter)
            return JS_ThrowTypeError(ctx, "private accessor has no getter");
        return JS_CallFree(ctx, js_dup_obj(getter), obj, 0, NULL);
    }
    return JS_DupValue(ctx, pr->value);
}

int js_private_set(JSContext *ctx, JSValueConst obj, JSValueConst name, JSValue val)
{
    JSProperty *pr;
    JSShapeProperty *prs = js_private_find(obj, name, &pr);
    if (!prs) {
        JS_FreeValue(ctx, val);
        js_private_missing(ctx, name, "Cannot write");
        return -1;
    }
    if ((prs->flags & JS_PROP_TMASK) == JS_PROP_GETSET) {
        JSObject *setter = pr->getset->setter;
        JSValue ret;
        if (!setter) {
            JS_FreeValue(ctx, val);
            JS_ThrowTypeError(ctx, "private accessor has no setter");
            return -1;
        }
        ret = JS_CallFree(ctx, js_dup_obj(setter), obj, 1, (JSValueConst *)&val);
        JS_FreeValue(ctx, val);
        if (JS_IsException(ret))
            return -1;
        JS_FreeValue(ctx, ret);
        return 0;
    }
    if (!(prs->flags & JS_PROP_WRITABLE)) {
        JS_FreeValue(ctx, val);
        JS_ThrowTypeError(ctx, "private method is not writable");
        return -1;
    }
    JS_FreeValue(ctx, pr->value);
    pr->value = val;
    return 0;
}

/* private elements cannot be added to a non-extensible object (a proxy
   has no [[Extensible]] of its own: its target decides nothing here) */
static bool js_private_can_add(JSValueConst obj)
{
    JSObject *p = js_obj(obj);
    return p->extensible || p->class_id == JS_CLASS_PROXY;
}

int js_private_field_add(JSContext *ctx, JSValueConst obj, JSValueConst name, JSValue val)
{
    JSProperty *pr;
    if (!JS_IsObject(obj)) {
        JS_FreeValue(ctx, val);
        JS_ThrowTypeError(ctx, "not an object");
        return -1;
    }
    if (js_private_find(obj, name, &pr)) {
        JS_FreeValue(ctx, val);
        JS_ThrowTypeError(ctx, "Cannot initialize a private field twice on the same object");
        return -1;
    }
    if (!js_private_can_add(obj)) {
        JS_FreeValue(ctx, val);
        JS_ThrowTypeError(ctx, "Cannot add a private field to a non-extensible object");
        return -1;
    }
    pr = js_shape_add_property(ctx, js_obj(obj), js_private_atom(name), JS_PROP_WRITABLE);
    if (!pr) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    pr->value = val;
    return 0;
}

int js_private_method_add(JSContext *ctx, JSValueConst obj, JSValueConst name, JSValueConst fn,
                          int kind)
{
    JSProperty *pr;
    JSShapeProperty *prs = js_private_find(obj, name, &pr);
    JSAtom atom = js_private_atom(name);
    if (!JS_IsObject(obj)) {
        JS_ThrowTypeError(ctx, "not an object");
        return -1;
    }
    if (!prs && !js_private_can_add(obj)) {
        JS_ThrowTypeError(ctx, "Cannot add a private method to a non-extensible object");
        return -1;
    }
    if (kind == 0) {
        if (prs)
            goto twice;
        pr = js_shape_add_property(ctx, js_obj(obj), atom, 0);
        if (!pr)
            return -1;
        pr->value = JS_DupValue(ctx, fn);
        return 0;
    }
    /* an accessor pair is added half by half */
    if (prs && (prs->flags & JS_PROP_TMASK) == JS_PROP_GETSET &&
        !(kind == 1 ? pr->getset->getter : pr->getset->setter)) {
        JSObject **slot = kind == 1 ? &pr->getset->getter : &pr->getset->setter;
        *slot = js_obj(JS_DupValue(ctx, fn));
        return 0;
    }
    if (prs)
        goto twice;
    {
        JSGetterSetter *gs = js_mallocz(ctx, sizeof(JSGetterSetter));
        if (!gs)
            return -1;
        pr = js_shape_add_property(ctx, js_obj(obj), atom, JS_PROP_GETSET);
        if (!pr) {
            js_free(ctx, gs);
            return -1;
        }
        if (kind == 1)
            gs->getter = js_obj(JS_DupValue(ctx, fn));
        else
            gs->setter = js_obj(JS_DupValue(ctx, fn));
        pr->getset = gs;
    }
    return 0;
twice:
    JS_ThrowTypeError(ctx, "Cannot initialize private methods twice on the same object");
    return -1;
}

int js_private_in(JSContext *ctx, JSValueConst name, JSValueConst obj)
{
    JSProperty *pr;
    if (!JS_IsObject(obj)) {
        JS_ThrowTypeError(ctx, "Cannot use 'in' operator to search for a private field in a "
                               "non-object");
        return -1;
    }
    return js_private_find(obj, name, &pr) != NULL;
}

/* the value of one field: its initializer, called with the key */
static JSValue js_field_value(JSContext *ctx, JSValueConst obj, JSValueConst key,
                              JSValueConst init)
{
    if (JS_IsUndefined(init))
        return JS_UNDEFINED;
    return JS_Call(ctx, init, obj, 1, &key);
}

int js_init_instance_elements(JSContext *ctx, JSValueConst obj, JSValueConst ctor)
{
    JSValue list, *tab;
    uint32_t len;
    if (!JS_IsObject(ctor) || js_obj(ctor)->class_id != JS_CLASS_BYTECODE_FUNCTION)
        return 0;
    list = js_obj(ctor)->u.func.class_fields;
    if (!JS_IsObject(list) || !js_get_fast_array(ctx, list, &tab, &len))
        return 0;
    list = JS_DupValue(ctx, list);
    /* private methods first, then the fields in order */
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i + 2 < len + 0 && i + 2 < js_obj(list)->u.array.count; i += 3) {
            JSValue *e = js_obj(list)->u.array.values + i;
            int kind = JS_VALUE_GET_INT(e[0]);
            int ret = 0;
            if (pass == 0 && kind >= JS_CLASS_ELEM_PRIVATE_METHOD) {
                ret = js_private_method_add(ctx, obj, e[1], e[2],
                                            kind - JS_CLASS_ELEM_PRIVATE_METHOD);
            } else if (pass == 1 && kind <= JS_CLASS_ELEM_PRIVATE_FIELD) {
                JSValue key = JS_DupValue(ctx, e[1]), v;
                v = js_field_value(ctx, obj, key, e[2]);
                if (JS_IsException(v)) {
                    ret = -1;
                } else if (kind == JS_CLASS_ELEM_FIELD) {
                    ret = js_create_data_property_value(ctx, obj, JS_DupValue(ctx, key), v,
                                                        JS_PROP_THROW);
                } else {
                    ret = js_private_field_add(ctx, obj, key, v);
                }
                JS_FreeValue(ctx, key);
            }
            if (ret < 0) {
                JS_FreeValue(ctx, list);
                return -1;
            }
        }
    }
    JS_FreeValue(ctx, list);
    return 0;
}
