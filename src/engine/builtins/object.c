/*
 * object.c (builtins) — the Object constructor, its static functions
 * (ECMA-262 §20.1.2) and the methods of Object.prototype (§20.1.3), with the
 * Annex B accessor helpers (__defineGetter__ & co.) and the __proto__
 * accessor.
 *
 * Everything goes through the object protocol of ../object.c
 * ([[GetOwnProperty]], [[OwnPropertyKeys]], [[DefineOwnProperty]], ...), so
 * exotic objects and proxies behave as the spec says. Fast paths only skip
 * steps that no user code can observe: reading an ordinary object's own
 * data property straight from its shape, filtering keys by their
 * enumerability when nothing can change it in between.
 */
#include "builtins.h"
#include "proxy.h"
#include "../atom.h"
#include "../conv.h"
#include "../error.h"
#include "../fast_array.h"
#include "../function.h"
#include "../iter.h"
#include "../object.h"
#include "../runtime.h"
#include "../shape.h"
#include "../str.h"

/* Number.MAX_SAFE_INTEGER: the bound of the groupBy counter */
#define JS_OBJECT_MAX_SAFE_INTEGER 9007199254740991LL

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */
/* whether f is the function currently running (the "active function
   object" of the spec: the builtin being called) */
static bool js_object_is_active_function(JSContext *ctx, JSValueConst f)
{
    JSStackFrame *sf = ctx->rt->current_stack_frame;
    return sf && JS_IsObject(f) && JS_IsObject(sf->cur_func) && js_obj(f) == js_obj(sf->cur_func);
}

/* the kind of an own key, in [[OwnPropertyKeys]] order */
enum { JS_KEY_INDEX, JS_KEY_STRING, JS_KEY_SYMBOL, JS_KEY_PRIVATE };

static int js_object_key_kind(JSRuntime *rt, JSAtom atom)
{
    JSString *p;
    uint32_t idx;
    if (js_atom_is_tagged_int(atom))
        return JS_KEY_INDEX;
    p = rt->atom_array[atom];
    if (p->atom_type == JS_ATOM_TYPE_STRING)
        /* only ten-digit strings can be indices that are not tagged ints */
        return p->len == 10 && js_atom_is_array_index(rt, &idx, atom) ? JS_KEY_INDEX
                                                                      : JS_KEY_STRING;
    return p->hash == 2 ? JS_KEY_PRIVATE : JS_KEY_SYMBOL;
}

/* The keys of an ordinary object without index keys, straight from its
   shape: the shape keeps insertion order, which is then the spec order
   once strings are put before symbols. The atoms in *ptab are borrowed
   (free the table with js_free). 1 when the object does not qualify. */
static int js_object_shape_keys(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen, JSObject *p,
                                int flags)
{
    JSRuntime *rt = ctx->rt;
    JSShape *sh = p->shape;
    JSPropertyEnum *tab;
    uint32_t cap = sh->prop_count, nstr = 0, nsym = 0;
    if (p->is_exotic || sh->has_small_array_index)
        return 1;
    tab = js_malloc(ctx, sizeof(*tab) * (cap ? cap : 1));
    if (!tab)
        return -1;
    /* strings fill the table from the front, symbols from the back */
    for (uint32_t i = 0; i < cap; i++) {
        JSShapeProperty *prs = &sh->prop[i];
        JSPropertyEnum *e;
        int kind;
        if (prs->atom == JS_ATOM_NULL)
            continue;
        kind = js_object_key_kind(rt, prs->atom);
        if (kind == JS_KEY_INDEX) {
            js_free(ctx, tab);
            return 1;
        }
        if ((flags & JS_GPN_ENUM_ONLY) && !(prs->flags & JS_PROP_ENUMERABLE))
            continue;
        if (kind == JS_KEY_STRING && (flags & JS_GPN_STRING_MASK))
            e = &tab[nstr++];
        else if (kind == JS_KEY_SYMBOL && (flags & JS_GPN_SYMBOL_MASK))
            e = &tab[cap - ++nsym];
        else
            continue;
        e->atom = prs->atom;
        e->is_enumerable = (prs->flags & JS_PROP_ENUMERABLE) != 0;
    }
    /* the symbols were stored last-first: reverse them, move them up */
    for (uint32_t i = 0; i < nsym / 2; i++) {
        JSPropertyEnum t = tab[cap - nsym + i];
        tab[cap - nsym + i] = tab[cap - 1 - i];
        tab[cap - 1 - i] = t;
    }
    if (nsym)
        memmove(tab + nstr, tab + cap - nsym, sizeof(*tab) * nsym);
    *ptab = tab;
    *plen = nstr + nsym;
    return 0;
}

/* [[OwnPropertyKeys]] filtered by JS_GPN_* flags (free the table with
   js_free_property_enum) */
static int js_object_own_keys(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen, JSObject *p,
                              int flags)
{
    int ret = js_object_shape_keys(ctx, ptab, plen, p, flags);
    if (ret == 0) {
        for (uint32_t i = 0; i < *plen; i++)
            js_dup_atom_rt(ctx->rt, (*ptab)[i].atom);
    }
    if (ret <= 0)
        return ret;
    return JS_GetOwnPropertyNamesInternal(ctx, ptab, plen, p, flags);
}

/* a key as a value: string atoms are the strings themselves */
static JSValue js_object_key_value(JSContext *ctx, JSAtom atom)
{
    if (!js_atom_is_tagged_int(atom)) {
        JSString *p = ctx->rt->atom_array[atom];
        if (p->atom_type == JS_ATOM_TYPE_STRING)
            return js_dup_string(p);
    }
    return JS_AtomToValue(ctx, atom);
}

/* An array of the given keys as values (strings or symbols). */
static JSValue js_object_keys_to_array(JSContext *ctx, const JSPropertyEnum *tab, uint32_t len)
{
    JSValue *values;
    JSValue arr = js_new_array_len(ctx, len, &values);
    if (JS_IsException(arr))
        return arr;
    for (uint32_t i = 0; i < len; i++) {
        values[i] = js_object_key_value(ctx, tab[i].atom);
        if (JS_IsException(values[i])) {
            values[i] = JS_UNDEFINED;
            JS_FreeValue(ctx, arr);
            return JS_EXCEPTION;
        }
    }
    return arr;
}

/* an array of the own keys of p selected by flags; nothing runs between
   listing the keys and making the values, so the atoms can be borrowed */
static JSValue js_object_key_array(JSContext *ctx, JSObject *p, int flags)
{
    JSPropertyEnum *tab;
    uint32_t len;
    JSValue res;
    int ret = js_object_shape_keys(ctx, &tab, &len, p, flags);
    if (ret < 0)
        return JS_EXCEPTION;
    if (ret == 0) {
        res = js_object_keys_to_array(ctx, tab, len);
        js_free(ctx, tab);
        return res;
    }
    if (JS_GetOwnPropertyNamesInternal(ctx, &tab, &len, p, flags))
        return JS_EXCEPTION;
    res = js_object_keys_to_array(ctx, tab, len);
    js_free_property_enum(ctx, tab, len);
    return res;
}

/* Whether obj has an own enumerable property `atom`: -1, 0 (absent or not
   enumerable) or 1. When it has one and pval is not NULL, *pval receives
   Get(obj, atom). For ordinary objects the shape answers directly: their
   [[GetOwnProperty]] and the [[Get]] of an own data property run no user
   code. */
static int js_object_get_enumerable(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValue *pval)
{
    JSObject *p = js_obj(obj);
    JSPropertyDescriptor desc;
    int ret;
    if (!p->is_exotic || p->fast_array) {
        JSProperty *pr;
        JSShapeProperty *prs;
        if (p->fast_array && js_atom_is_tagged_int(atom) &&
            js_atom_get_tagged_int(atom) < p->u.array.count) {
            if (pval)
                *pval = JS_DupValue(ctx, p->u.array.values[js_atom_get_tagged_int(atom)]);
            return 1;
        }
        prs = find_own_property(&pr, p, atom);
        if (!prs || !(prs->flags & JS_PROP_ENUMERABLE))
            return 0;
        if (!pval)
            return 1;
        if ((prs->flags & JS_PROP_TMASK) == JS_PROP_NORMAL) {
            *pval = JS_DupValue(ctx, pr->value);
            return 1;
        }
    } else {
        ret = JS_GetOwnPropertyInternal(ctx, &desc, p, atom);
        if (ret <= 0)
            return ret;
        js_free_desc(ctx, &desc);
        if (!(desc.flags & JS_PROP_ENUMERABLE))
            return 0;
        if (!pval)
            return 1;
    }
    *pval = JS_GetProperty(ctx, obj, atom);
    return JS_IsException(*pval) ? -1 : 1;
}

/* ---------------------------------------------------------------------
 * The constructor
 * ------------------------------------------------------------------- */
static JSValue js_object_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                     JSValueConst *argv)
{
    JSValueConst value = argv[0];
    /* a subclass constructor (or Reflect.construct) chose the prototype */
    if (!JS_IsUndefined(new_target) && !js_object_is_active_function(ctx, new_target))
        return js_create_from_ctor(ctx, new_target, JS_CLASS_OBJECT);
    if (JS_IsUndefined(value) || JS_IsNull(value))
        return JS_NewObject(ctx);
    return JS_ToObject(ctx, value);
}

/* ---------------------------------------------------------------------
 * Object.assign, create, defineProperty, defineProperties
 * ------------------------------------------------------------------- */
/* copies the own enumerable properties of src onto to */
static int js_object_assign_from(JSContext *ctx, JSValueConst to, JSValueConst src)
{
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0;
    JSValue from;
    int ret = -1;
    if (JS_IsUndefined(src) || JS_IsNull(src))
        return 0;
    from = JS_ToObject(ctx, src);
    if (JS_IsException(from))
        return -1;
    if (js_object_own_keys(ctx, &tab, &len, js_obj(from), JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK))
        goto done;
    for (uint32_t i = 0; i < len; i++) {
        JSValue v;
        int r = js_object_get_enumerable(ctx, from, tab[i].atom, &v);
        if (r < 0)
            goto done;
        if (r == 0)
            continue;
        if (JS_SetPropertyInternal(ctx, to, tab[i].atom, v, to, JS_PROP_THROW) < 0)
            goto done;
    }
    ret = 0;
done:
    js_free_property_enum(ctx, tab, len);
    JS_FreeValue(ctx, from);
    return ret;
}

static JSValue js_object_assign(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue to = JS_ToObject(ctx, argv[0]);
    if (JS_IsException(to))
        return to;
    for (int i = 1; i < argc; i++) {
        if (js_object_assign_from(ctx, to, argv[i]) < 0) {
            JS_FreeValue(ctx, to);
            return JS_EXCEPTION;
        }
    }
    return to;
}

typedef struct JSObjectKeyDesc {
    JSAtom atom; /* borrowed from the key table */
    JSPropertyDescriptor desc;
} JSObjectKeyDesc;

/* ObjectDefineProperties: every descriptor is read and validated before
   the first one is applied */
static int js_object_define_properties(JSContext *ctx, JSValueConst obj, JSValueConst properties)
{
    JSPropertyEnum *tab = NULL;
    JSObjectKeyDesc *descs = NULL;
    uint32_t len = 0, n = 0;
    JSValue props;
    int ret = -1;
    props = JS_ToObject(ctx, properties);
    if (JS_IsException(props))
        return -1;
    if (js_object_own_keys(ctx, &tab, &len, js_obj(props), JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK))
        goto done;
    descs = js_malloc(ctx, sizeof(*descs) * (len ? len : 1));
    if (!descs)
        goto done;
    for (uint32_t i = 0; i < len; i++) {
        JSValue desc_obj;
        int r = js_object_get_enumerable(ctx, props, tab[i].atom, &desc_obj);
        if (r < 0)
            goto done;
        if (r == 0)
            continue;
        r = js_to_property_descriptor(ctx, &descs[n].desc, desc_obj);
        JS_FreeValue(ctx, desc_obj);
        if (r < 0)
            goto done;
        descs[n++].atom = tab[i].atom;
    }
    for (uint32_t i = 0; i < n; i++) {
        JSPropertyDescriptor *d = &descs[i].desc;
        if (JS_DefineProperty(ctx, obj, descs[i].atom, d->value, d->getter, d->setter,
                              d->flags | JS_PROP_THROW) < 0)
            goto done;
    }
    ret = 0;
done:
    for (uint32_t i = 0; i < n; i++)
        js_free_desc(ctx, &descs[i].desc);
    js_free(ctx, descs);
    js_free_property_enum(ctx, tab, len);
    JS_FreeValue(ctx, props);
    return ret;
}

static JSValue js_object_create(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst proto = argv[0];
    JSValue obj;
    if (!JS_IsObject(proto) && !JS_IsNull(proto))
        return JS_ThrowTypeError(ctx, "Object prototype may only be an Object or null");
    obj = JS_NewObjectProto(ctx, proto);
    if (JS_IsException(obj))
        return obj;
    if (!JS_IsUndefined(argv[1]) && js_object_define_properties(ctx, obj, argv[1]) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_object_define_property(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    JSAtom atom;
    int ret;
    if (!JS_IsObject(argv[0]))
        return JS_ThrowTypeError(ctx, "Object.defineProperty called on non-object");
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = js_define_property_desc(ctx, argv[0], atom, argv[2], JS_PROP_THROW);
    JS_FreeAtom(ctx, atom);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, argv[0]);
}

static JSValue js_object_define_properties_func(JSContext *ctx, JSValueConst this_val, int argc,
                                                JSValueConst *argv)
{
    if (!JS_IsObject(argv[0]))
        return JS_ThrowTypeError(ctx, "Object.defineProperties called on non-object");
    if (js_object_define_properties(ctx, argv[0], argv[1]) < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, argv[0]);
}

/* ---------------------------------------------------------------------
 * Object.keys, values, entries (EnumerableOwnProperties)
 * ------------------------------------------------------------------- */
enum { JS_OBJECT_KEYS, JS_OBJECT_VALUES, JS_OBJECT_ENTRIES };

static JSValue js_object_entry(JSContext *ctx, JSAtom atom, JSValue v, int kind)
{
    JSValue pair[2];
    if (kind == JS_OBJECT_VALUES)
        return v;
    pair[0] = js_object_key_value(ctx, atom);
    if (kind == JS_OBJECT_KEYS)
        return pair[0];
    if (JS_IsException(pair[0])) {
        JS_FreeValue(ctx, v);
        return JS_EXCEPTION;
    }
    pair[1] = v;
    return js_new_array_from(ctx, 2, pair);
}

static JSValue js_object_enumerable_own(JSContext *ctx, JSValueConst val, int kind)
{
    JSPropertyEnum *tab = NULL;
    JSValue *items = NULL;
    uint32_t len = 0, n = 0;
    JSValue obj, res = JS_EXCEPTION;
    JSObject *p;
    int gpn_flags = JS_GPN_STRING_MASK;
    obj = JS_ToObject(ctx, val);
    if (JS_IsException(obj))
        return obj;
    p = js_obj(obj);
    /* only keys wanted and an ordinary key set: no code runs between
       [[OwnPropertyKeys]] and the enumerability checks, so filter at once */
    if (kind == JS_OBJECT_KEYS && (!p->is_exotic || p->fast_array)) {
        res = js_object_key_array(ctx, p, gpn_flags | JS_GPN_ENUM_ONLY);
        goto done;
    }
    if (js_object_own_keys(ctx, &tab, &len, p, gpn_flags))
        goto done;
    items = js_malloc(ctx, sizeof(JSValue) * (len ? len : 1));
    if (!items)
        goto done;
    for (uint32_t i = 0; i < len; i++) {
        JSValue v = JS_UNDEFINED;
        int r = js_object_get_enumerable(ctx, obj, tab[i].atom, kind == JS_OBJECT_KEYS ? NULL : &v);
        if (r < 0)
            goto done;
        if (r == 0)
            continue;
        v = js_object_entry(ctx, tab[i].atom, v, kind);
        if (JS_IsException(v))
            goto done;
        items[n++] = v;
    }
    res = js_new_array_from(ctx, n, items);
    n = 0; /* the array owns the items now (or freed them) */
done:
    for (uint32_t i = 0; i < n; i++)
        JS_FreeValue(ctx, items[i]);
    js_free(ctx, items);
    js_free_property_enum(ctx, tab, len);
    JS_FreeValue(ctx, obj);
    return res;
}

static JSValue js_object_keys(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                              int kind)
{
    return js_object_enumerable_own(ctx, argv[0], kind);
}

/* ---------------------------------------------------------------------
 * Integrity levels: freeze, seal, isFrozen, isSealed
 * ------------------------------------------------------------------- */
/* SetIntegrityLevel on an ordinary object, whose attributes all live in
   its shape: once the object has a shape of its own, every property is
   updated in place (private names are not own keys: they stay writable) */
static int js_object_set_integrity_shape(JSContext *ctx, JSObject *p, bool frozen)
{
    JSShape *sh;
    p->extensible = 0;
    if (p->shape->prop_count == 0)
        return 1;
    if (js_shape_make_unshared(ctx, p))
        return -1;
    sh = p->shape;
    for (int i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *prs = &sh->prop[i];
        if (prs->atom == JS_ATOM_NULL || js_object_key_kind(ctx->rt, prs->atom) == JS_KEY_PRIVATE)
            continue;
        prs->flags &= ~JS_PROP_CONFIGURABLE;
        if (frozen && (prs->flags & JS_PROP_TMASK) != JS_PROP_GETSET)
            prs->flags &= ~JS_PROP_WRITABLE;
    }
    return 1;
}

/* SetIntegrityLevel: -1 exception, 0 refused, 1 done */
static int js_object_set_integrity(JSContext *ctx, JSValueConst obj, bool frozen)
{
    JSPropertyEnum *tab;
    uint32_t len;
    int ret;
    if (!js_obj(obj)->is_exotic)
        return js_object_set_integrity_shape(ctx, js_obj(obj), frozen);
    ret = JS_PreventExtensions(ctx, obj);
    if (ret <= 0)
        return ret;
    if (js_object_own_keys(ctx, &tab, &len, js_obj(obj), JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK))
        return -1;
    ret = 1;
    for (uint32_t i = 0; i < len && ret > 0; i++) {
        int flags = JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW;
        if (frozen) {
            JSPropertyDescriptor desc;
            int r = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(obj), tab[i].atom);
            if (r < 0) {
                ret = -1;
                break;
            }
            if (r == 0)
                continue;
            js_free_desc(ctx, &desc);
            if (!(desc.flags & JS_PROP_GETSET))
                flags |= JS_PROP_HAS_WRITABLE;
        }
        if (JS_DefineProperty(ctx, obj, tab[i].atom, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED,
                              flags) < 0)
            ret = -1;
    }
    js_free_property_enum(ctx, tab, len);
    return ret;
}

static JSValue js_object_freeze(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                                int frozen)
{
    JSValueConst obj = argv[0];
    int ret;
    if (!JS_IsObject(obj))
        return JS_DupValue(ctx, obj);
    ret = js_object_set_integrity(ctx, obj, frozen);
    if (ret < 0)
        return JS_EXCEPTION;
    if (ret == 0)
        return JS_ThrowTypeError(ctx, "cannot %s object", frozen ? "freeze" : "seal");
    return JS_DupValue(ctx, obj);
}

/* TestIntegrityLevel on an ordinary object: its shape has every answer */
static int js_object_test_integrity_shape(JSContext *ctx, JSObject *p, bool frozen)
{
    JSShape *sh = p->shape;
    if (p->extensible)
        return 0;
    for (int i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *prs = &sh->prop[i];
        if (prs->atom == JS_ATOM_NULL || js_object_key_kind(ctx->rt, prs->atom) == JS_KEY_PRIVATE)
            continue;
        if ((prs->flags & JS_PROP_CONFIGURABLE) ||
            (frozen && (prs->flags & JS_PROP_TMASK) != JS_PROP_GETSET &&
             (prs->flags & JS_PROP_WRITABLE)))
            return 0;
    }
    return 1;
}

/* TestIntegrityLevel: -1, 0, 1 */
static int js_object_test_integrity(JSContext *ctx, JSValueConst obj, bool frozen)
{
    JSPropertyEnum *tab;
    uint32_t len;
    int ret;
    if (!js_obj(obj)->is_exotic)
        return js_object_test_integrity_shape(ctx, js_obj(obj), frozen);
    ret = JS_IsExtensible(ctx, obj);
    if (ret != 0)
        return ret < 0 ? -1 : 0;
    if (js_object_own_keys(ctx, &tab, &len, js_obj(obj), JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK))
        return -1;
    ret = 1;
    for (uint32_t i = 0; i < len; i++) {
        JSPropertyDescriptor desc;
        int r = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(obj), tab[i].atom);
        if (r < 0) {
            ret = -1;
            break;
        }
        if (r == 0)
            continue;
        js_free_desc(ctx, &desc);
        if ((desc.flags & JS_PROP_CONFIGURABLE) ||
            (frozen && !(desc.flags & JS_PROP_GETSET) && (desc.flags & JS_PROP_WRITABLE))) {
            ret = 0;
            break;
        }
    }
    js_free_property_enum(ctx, tab, len);
    return ret;
}

static JSValue js_object_is_frozen(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int frozen)
{
    int ret;
    if (!JS_IsObject(argv[0]))
        return JS_TRUE;
    ret = js_object_test_integrity(ctx, argv[0], frozen);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

/* ---------------------------------------------------------------------
 * Object.fromEntries and Object.groupBy
 * ------------------------------------------------------------------- */
/* one [key, value] entry of fromEntries: -1 on exception */
static int js_object_add_entry(JSContext *ctx, JSValueConst obj, JSValueConst entry)
{
    JSValue k, v;
    if (!JS_IsObject(entry)) {
        JS_ThrowTypeError(ctx, "iterator value is not an entry object");
        return -1;
    }
    k = JS_GetPropertyUint32(ctx, entry, 0);
    if (JS_IsException(k))
        return -1;
    v = JS_GetPropertyUint32(ctx, entry, 1);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, k);
        return -1;
    }
    return js_create_data_property_value(ctx, obj, k, v, JS_PROP_THROW);
}

static JSValue js_object_from_entries(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    JSValue obj, iter, next = JS_UNDEFINED, entry;
    bool done;
    if (JS_IsUndefined(argv[0]) || JS_IsNull(argv[0]))
        return JS_ThrowTypeError(ctx, "Object.fromEntries requires an iterable");
    obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
    iter = js_get_iterator(ctx, argv[0], &next);
    if (JS_IsException(iter))
        goto fail;
    for (;;) {
        int r;
        entry = js_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(entry))
            goto fail;
        if (done)
            break;
        r = js_object_add_entry(ctx, obj, entry);
        JS_FreeValue(ctx, entry);
        if (r < 0) {
            js_iterator_close_on_throw(ctx, iter);
            goto fail;
        }
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return obj;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* appends to one of our own group arrays; CreateDataProperty, so that
   indexed setters on Array.prototype are not called */
static int js_object_group_append(JSContext *ctx, JSValueConst arr, JSValue value)
{
    int64_t len;
    if (js_get_length64(ctx, &len, arr)) {
        JS_FreeValue(ctx, value);
        return -1;
    }
    return JS_CreateDataPropertyUint32(ctx, arr, len, value, JS_PROP_THROW);
}

/* AddValueToKeyedGroup: the groups live in a null-prototype object (the
   result itself), so finding a group runs no user code and the groups keep
   the order of their first element */
static int js_object_group_add(JSContext *ctx, JSValueConst groups, JSValue key, JSValue value)
{
    JSPropertyDescriptor desc;
    JSAtom atom = JS_ValueToAtom(ctx, key);
    JSValue arr;
    int ret;
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, value);
        return -1;
    }
    ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(groups), atom);
    if (ret > 0) {
        ret = js_object_group_append(ctx, desc.value, value);
        js_free_desc(ctx, &desc);
    } else if (ret == 0) {
        arr = JS_NewArray(ctx);
        if (JS_IsException(arr)) {
            JS_FreeValue(ctx, value);
            ret = -1;
        } else {
            ret = js_object_group_append(ctx, arr, value);
            if (ret >= 0)
                ret = JS_DefinePropertyValue(ctx, groups, atom, arr, JS_PROP_C_W_E | JS_PROP_THROW);
            else
                JS_FreeValue(ctx, arr);
        }
    } else {
        JS_FreeValue(ctx, value);
    }
    JS_FreeAtom(ctx, atom);
    return ret < 0 ? -1 : 0;
}

/* one step of GroupBy: -1 on exception (the caller closes the iterator) */
static int js_object_group_step(JSContext *ctx, JSValueConst groups, JSValueConst callback,
                                JSValue value, int64_t k)
{
    JSValueConst args[2];
    JSValue key;
    if (k >= JS_OBJECT_MAX_SAFE_INTEGER) {
        JS_FreeValue(ctx, value);
        JS_ThrowTypeError(ctx, "too many elements");
        return -1;
    }
    args[0] = value;
    args[1] = JS_NewInt64(ctx, k);
    key = JS_Call(ctx, callback, JS_UNDEFINED, 2, args);
    if (!JS_IsException(key))
        key = JS_ToPropertyKeyFree(ctx, key);
    if (JS_IsException(key)) {
        JS_FreeValue(ctx, value);
        return -1;
    }
    return js_object_group_add(ctx, groups, key, value);
}

static JSValue js_object_group_by(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValueConst items = argv[0], callback = argv[1];
    JSValue groups, iter, next = JS_UNDEFINED, value;
    bool done;
    if (JS_IsUndefined(items) || JS_IsNull(items))
        return JS_ThrowTypeError(ctx, "Object.groupBy requires an iterable");
    if (!JS_IsCallable(ctx, callback))
        return JS_ThrowTypeError(ctx, "Object.groupBy: callback is not a function");
    groups = JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsException(groups))
        return groups;
    iter = js_get_iterator(ctx, items, &next);
    if (JS_IsException(iter))
        goto fail;
    for (int64_t k = 0;; k++) {
        value = js_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(value))
            goto fail;
        if (done)
            break;
        if (js_object_group_step(ctx, groups, callback, value, k) < 0) {
            js_iterator_close_on_throw(ctx, iter);
            goto fail;
        }
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return groups;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, groups);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Descriptors, keys and prototypes
 * ------------------------------------------------------------------- */
static JSValue js_object_get_own_property_descriptor(JSContext *ctx, JSValueConst this_val,
                                                     int argc, JSValueConst *argv)
{
    JSPropertyDescriptor desc;
    JSValue obj, res;
    JSAtom atom;
    int ret;
    obj = JS_ToObject(ctx, argv[0]);
    if (JS_IsException(obj))
        return obj;
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(obj), atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (ret < 0)
        return JS_EXCEPTION;
    if (ret == 0)
        return JS_UNDEFINED;
    res = js_from_property_descriptor(ctx, &desc);
    js_free_desc(ctx, &desc);
    return res;
}

static JSValue js_object_get_own_property_descriptors(JSContext *ctx, JSValueConst this_val,
                                                      int argc, JSValueConst *argv)
{
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0;
    JSValue obj, res = JS_EXCEPTION;
    obj = JS_ToObject(ctx, argv[0]);
    if (JS_IsException(obj))
        return obj;
    if (js_object_own_keys(ctx, &tab, &len, js_obj(obj), JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK))
        goto done;
    res = JS_NewObject(ctx);
    if (JS_IsException(res))
        goto done;
    for (uint32_t i = 0; i < len; i++) {
        JSPropertyDescriptor desc;
        JSValue d;
        int r = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(obj), tab[i].atom);
        if (r < 0)
            goto fail;
        if (r == 0)
            continue;
        d = js_from_property_descriptor(ctx, &desc);
        js_free_desc(ctx, &desc);
        if (JS_IsException(d) ||
            JS_DefinePropertyValue(ctx, res, tab[i].atom, d, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
            goto fail;
    }
    goto done;
fail:
    JS_FreeValue(ctx, res);
    res = JS_EXCEPTION;
done:
    js_free_property_enum(ctx, tab, len);
    JS_FreeValue(ctx, obj);
    return res;
}

/* getOwnPropertyNames (magic JS_GPN_STRING_MASK) and getOwnPropertySymbols
   (JS_GPN_SYMBOL_MASK) */
static JSValue js_object_get_own_property_names(JSContext *ctx, JSValueConst this_val, int argc,
                                                JSValueConst *argv, int flags)
{
    JSValue obj, res;
    obj = JS_ToObject(ctx, argv[0]);
    if (JS_IsException(obj))
        return obj;
    res = js_object_key_array(ctx, js_obj(obj), flags);
    JS_FreeValue(ctx, obj);
    return res;
}

static JSValue js_object_get_prototype_of(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    JSValueConst v = argv[0];
    /* a primitive's wrapper would have the primitive's prototype: no need
       to build it */
    if (JS_IsUndefined(v) || JS_IsNull(v))
        return JS_ThrowTypeError(ctx, "Cannot convert undefined or null to object");
    return JS_GetPrototype(ctx, v);
}

static JSValue js_object_set_prototype_of(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    JSValueConst obj = argv[0], proto = argv[1];
    if (JS_IsUndefined(obj) || JS_IsNull(obj))
        return JS_ThrowTypeError(ctx, "Object.setPrototypeOf called on null or undefined");
    if (!JS_IsObject(proto) && !JS_IsNull(proto))
        return JS_ThrowTypeError(ctx, "Object prototype may only be an Object or null");
    if (JS_IsObject(obj) && JS_SetPrototypeInternal(ctx, obj, proto, true) < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, obj);
}

static JSValue js_object_has_own(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSValue obj;
    JSAtom atom;
    int ret;
    obj = JS_ToObject(ctx, argv[0]);
    if (JS_IsException(obj))
        return obj;
    atom = JS_ValueToAtom(ctx, argv[1]);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    ret = JS_GetOwnPropertyInternal(ctx, NULL, js_obj(obj), atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_object_is(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_NewBool(ctx, js_same_value(ctx, argv[0], argv[1]));
}

static JSValue js_object_is_extensible(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    int ret;
    if (!JS_IsObject(argv[0]))
        return JS_FALSE;
    ret = JS_IsExtensible(ctx, argv[0]);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_object_prevent_extensions(JSContext *ctx, JSValueConst this_val, int argc,
                                            JSValueConst *argv)
{
    int ret;
    if (!JS_IsObject(argv[0]))
        return JS_DupValue(ctx, argv[0]);
    ret = JS_PreventExtensions(ctx, argv[0]);
    if (ret < 0)
        return JS_EXCEPTION;
    if (ret == 0)
        return JS_ThrowTypeError(ctx, "cannot prevent extensions");
    return JS_DupValue(ctx, argv[0]);
}

/* ---------------------------------------------------------------------
 * Object.prototype
 * ------------------------------------------------------------------- */
static JSValue js_object_proto_has_own_property(JSContext *ctx, JSValueConst this_val, int argc,
                                                JSValueConst *argv)
{
    JSValue obj;
    JSAtom atom;
    int ret;
    /* the key is converted before the receiver */
    atom = JS_ValueToAtom(ctx, argv[0]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    obj = JS_ToObject(ctx, this_val);
    if (JS_IsException(obj)) {
        JS_FreeAtom(ctx, atom);
        return obj;
    }
    ret = JS_GetOwnPropertyInternal(ctx, NULL, js_obj(obj), atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_object_proto_is_prototype_of(JSContext *ctx, JSValueConst this_val, int argc,
                                               JSValueConst *argv)
{
    JSValue obj, v;
    int ret = 0;
    if (!JS_IsObject(argv[0]))
        return JS_FALSE;
    obj = JS_ToObject(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    v = JS_DupValue(ctx, argv[0]);
    for (;;) {
        JSValue proto = JS_GetPrototype(ctx, v);
        JS_FreeValue(ctx, v);
        if (JS_IsException(proto)) {
            ret = -1;
            break;
        }
        if (JS_IsNull(proto))
            break;
        if (js_obj(proto) == js_obj(obj)) {
            JS_FreeValue(ctx, proto);
            ret = 1;
            break;
        }
        v = proto;
        /* proxies can make the chain endless */
        if (js_poll_interrupts(ctx)) {
            JS_FreeValue(ctx, v);
            ret = -1;
            break;
        }
    }
    JS_FreeValue(ctx, obj);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_object_proto_property_is_enumerable(JSContext *ctx, JSValueConst this_val,
                                                      int argc, JSValueConst *argv)
{
    JSValue obj;
    JSAtom atom;
    int ret;
    atom = JS_ValueToAtom(ctx, argv[0]);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    obj = JS_ToObject(ctx, this_val);
    if (JS_IsException(obj)) {
        JS_FreeAtom(ctx, atom);
        return obj;
    }
    ret = js_object_get_enumerable(ctx, obj, atom, NULL);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_object_proto_to_locale_string(JSContext *ctx, JSValueConst this_val, int argc,
                                                JSValueConst *argv)
{
    return JS_Invoke(ctx, this_val, JS_ATOM_toString, 0, NULL);
}

/* the result of Object.prototype.toString for each builtinTag, so that the
   common case needs no string building */
enum {
    JS_TAG_NAME_ARRAY,
    JS_TAG_NAME_ARGUMENTS,
    JS_TAG_NAME_FUNCTION,
    JS_TAG_NAME_ERROR,
    JS_TAG_NAME_BOOLEAN,
    JS_TAG_NAME_NUMBER,
    JS_TAG_NAME_STRING,
    JS_TAG_NAME_DATE,
    JS_TAG_NAME_REGEXP,
    JS_TAG_NAME_OBJECT,
};

static const char *const js_object_tag_strings[] = {
    [JS_TAG_NAME_ARRAY] = "[object Array]",       [JS_TAG_NAME_ARGUMENTS] = "[object Arguments]",
    [JS_TAG_NAME_FUNCTION] = "[object Function]", [JS_TAG_NAME_ERROR] = "[object Error]",
    [JS_TAG_NAME_BOOLEAN] = "[object Boolean]",   [JS_TAG_NAME_NUMBER] = "[object Number]",
    [JS_TAG_NAME_STRING] = "[object String]",     [JS_TAG_NAME_DATE] = "[object Date]",
    [JS_TAG_NAME_REGEXP] = "[object RegExp]",     [JS_TAG_NAME_OBJECT] = "[object Object]",
};

/* the builtinTag of Object.prototype.toString (JS_TAG_NAME_*); -1 on
   exception (IsArray of a revoked proxy) */
static int js_object_builtin_tag(JSContext *ctx, JSValueConst obj)
{
    JSObject *p = js_obj(obj);
    switch (p->class_id) {
    case JS_CLASS_ARRAY:
        return JS_TAG_NAME_ARRAY;
    case JS_CLASS_ARGUMENTS:
    case JS_CLASS_MAPPED_ARGUMENTS:
        return JS_TAG_NAME_ARGUMENTS;
    case JS_CLASS_ERROR:
        return JS_TAG_NAME_ERROR;
    case JS_CLASS_BOOLEAN:
        return JS_TAG_NAME_BOOLEAN;
    case JS_CLASS_NUMBER:
        return JS_TAG_NAME_NUMBER;
    case JS_CLASS_STRING:
        return JS_TAG_NAME_STRING;
    case JS_CLASS_DATE:
        return JS_TAG_NAME_DATE;
    case JS_CLASS_REGEXP:
        return JS_TAG_NAME_REGEXP;
    case JS_CLASS_PROXY: {
        /* IsArray looks through proxies (and throws on a revoked one) */
        int ret = js_proxy_is_array(ctx, p);
        if (ret)
            return ret < 0 ? -1 : JS_TAG_NAME_ARRAY;
        break;
    }
    default:
        break;
    }
    if (js_is_callable_obj(ctx, p))
        return JS_TAG_NAME_FUNCTION;
    return JS_TAG_NAME_OBJECT;
}

static JSValue js_object_proto_to_string(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    StringBuffer b;
    JSValue obj, tag;
    int builtin_tag;
    if (JS_IsUndefined(this_val))
        return js_new_string8(ctx, "[object Undefined]");
    if (JS_IsNull(this_val))
        return js_new_string8(ctx, "[object Null]");
    obj = JS_ToObject(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    builtin_tag = js_object_builtin_tag(ctx, obj);
    if (builtin_tag < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    tag = JS_GetProperty(ctx, obj, JS_ATOM_Symbol_toStringTag);
    JS_FreeValue(ctx, obj);
    if (JS_IsException(tag))
        return tag;
    if (!JS_IsString(tag)) {
        JS_FreeValue(ctx, tag);
        return js_new_string8(ctx, js_object_tag_strings[builtin_tag]);
    }
    if (string_buffer_init(ctx, &b, 16)) {
        JS_FreeValue(ctx, tag);
        return JS_EXCEPTION;
    }
    string_buffer_puts8(&b, "[object ");
    string_buffer_concat_value(&b, tag);
    string_buffer_putc8(&b, ']');
    JS_FreeValue(ctx, tag);
    return string_buffer_end(&b);
}

static JSValue js_object_proto_value_of(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    return JS_ToObject(ctx, this_val);
}

static JSValue js_object_proto_get_proto(JSContext *ctx, JSValueConst this_val)
{
    JSValue obj = JS_ToObject(ctx, this_val), proto;
    if (JS_IsException(obj))
        return obj;
    proto = JS_GetPrototype(ctx, obj);
    JS_FreeValue(ctx, obj);
    return proto;
}

static JSValue js_object_proto_set_proto(JSContext *ctx, JSValueConst this_val, JSValueConst proto)
{
    if (JS_IsUndefined(this_val) || JS_IsNull(this_val))
        return JS_ThrowTypeError(ctx, "Object.prototype.__proto__ called on null or undefined");
    if (!JS_IsObject(proto) && !JS_IsNull(proto))
        return JS_UNDEFINED;
    if (!JS_IsObject(this_val))
        return JS_UNDEFINED;
    if (JS_SetPrototypeInternal(ctx, this_val, proto, true) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* __defineGetter__ (magic 0) and __defineSetter__ (magic 1) */
static JSValue js_object_proto_define_accessor(JSContext *ctx, JSValueConst this_val, int argc,
                                               JSValueConst *argv, int is_setter)
{
    JSValueConst fn = argv[1];
    JSValue obj;
    JSAtom atom;
    int ret, flags;
    obj = JS_ToObject(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (!JS_IsCallable(ctx, fn)) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowTypeError(ctx, "%s: expecting a function",
                                 is_setter ? "__defineSetter__" : "__defineGetter__");
    }
    atom = JS_ValueToAtom(ctx, argv[0]);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    flags = JS_PROP_HAS_ENUMERABLE | JS_PROP_ENUMERABLE | JS_PROP_HAS_CONFIGURABLE |
            JS_PROP_CONFIGURABLE | JS_PROP_THROW | (is_setter ? JS_PROP_HAS_SET : JS_PROP_HAS_GET);
    ret = JS_DefineProperty(ctx, obj, atom, JS_UNDEFINED, is_setter ? JS_UNDEFINED : fn,
                            is_setter ? fn : JS_UNDEFINED, flags);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* __lookupGetter__ (magic 0) and __lookupSetter__ (magic 1) */
static JSValue js_object_proto_lookup_accessor(JSContext *ctx, JSValueConst this_val, int argc,
                                               JSValueConst *argv, int is_setter)
{
    JSValue obj, res = JS_UNDEFINED;
    JSAtom atom;
    obj = JS_ToObject(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    atom = JS_ValueToAtom(ctx, argv[0]);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    for (;;) {
        JSPropertyDescriptor desc;
        JSValue proto;
        int r = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(obj), atom);
        if (r < 0) {
            res = JS_EXCEPTION;
            break;
        }
        if (r > 0) {
            if (desc.flags & JS_PROP_GETSET)
                res = JS_DupValue(ctx, is_setter ? desc.setter : desc.getter);
            js_free_desc(ctx, &desc);
            break;
        }
        proto = JS_GetPrototype(ctx, obj);
        if (JS_IsException(proto) || JS_IsNull(proto)) {
            res = proto;
            if (JS_IsNull(proto))
                res = JS_UNDEFINED;
            break;
        }
        JS_FreeValue(ctx, obj);
        obj = proto;
        if (js_poll_interrupts(ctx)) {
            res = JS_EXCEPTION;
            break;
        }
    }
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    return res;
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_object_funcs[] = {
    JS_CFUNC_DEF("assign", 2, js_object_assign),
    JS_CFUNC_DEF("create", 2, js_object_create),
    JS_CFUNC_DEF("defineProperties", 2, js_object_define_properties_func),
    JS_CFUNC_DEF("defineProperty", 3, js_object_define_property),
    JS_CFUNC_MAGIC_DEF("entries", 1, js_object_keys, JS_OBJECT_ENTRIES),
    JS_CFUNC_MAGIC_DEF("freeze", 1, js_object_freeze, 1),
    JS_CFUNC_DEF("fromEntries", 1, js_object_from_entries),
    JS_CFUNC_DEF("getOwnPropertyDescriptor", 2, js_object_get_own_property_descriptor),
    JS_CFUNC_DEF("getOwnPropertyDescriptors", 1, js_object_get_own_property_descriptors),
    JS_CFUNC_MAGIC_DEF("getOwnPropertyNames", 1, js_object_get_own_property_names,
                       JS_GPN_STRING_MASK),
    JS_CFUNC_MAGIC_DEF("getOwnPropertySymbols", 1, js_object_get_own_property_names,
                       JS_GPN_SYMBOL_MASK),
    JS_CFUNC_DEF("getPrototypeOf", 1, js_object_get_prototype_of),
    JS_CFUNC_DEF("groupBy", 2, js_object_group_by),
    JS_CFUNC_DEF("hasOwn", 2, js_object_has_own),
    JS_CFUNC_DEF("is", 2, js_object_is),
    JS_CFUNC_DEF("isExtensible", 1, js_object_is_extensible),
    JS_CFUNC_MAGIC_DEF("isFrozen", 1, js_object_is_frozen, 1),
    JS_CFUNC_MAGIC_DEF("isSealed", 1, js_object_is_frozen, 0),
    JS_CFUNC_MAGIC_DEF("keys", 1, js_object_keys, JS_OBJECT_KEYS),
    JS_CFUNC_DEF("preventExtensions", 1, js_object_prevent_extensions),
    JS_CFUNC_MAGIC_DEF("seal", 1, js_object_freeze, 0),
    JS_CFUNC_DEF("setPrototypeOf", 2, js_object_set_prototype_of),
    JS_CFUNC_MAGIC_DEF("values", 1, js_object_keys, JS_OBJECT_VALUES),
};

static const JSCFunctionListEntry js_object_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("__defineGetter__", 2, js_object_proto_define_accessor, 0),
    JS_CFUNC_MAGIC_DEF("__defineSetter__", 2, js_object_proto_define_accessor, 1),
    JS_CFUNC_DEF("hasOwnProperty", 1, js_object_proto_has_own_property),
    JS_CFUNC_DEF("isPrototypeOf", 1, js_object_proto_is_prototype_of),
    JS_CFUNC_MAGIC_DEF("__lookupGetter__", 1, js_object_proto_lookup_accessor, 0),
    JS_CFUNC_MAGIC_DEF("__lookupSetter__", 1, js_object_proto_lookup_accessor, 1),
    JS_CFUNC_DEF("propertyIsEnumerable", 1, js_object_proto_property_is_enumerable),
    JS_CFUNC_DEF("toLocaleString", 0, js_object_proto_to_locale_string),
    JS_CFUNC_DEF("toString", 0, js_object_proto_to_string),
    JS_CFUNC_DEF("valueOf", 0, js_object_proto_value_of),
    JS_CGETSET_DEF("__proto__", js_object_proto_get_proto, js_object_proto_set_proto),
};

int js_init_object(JSContext *ctx)
{
    JSValueConst proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSValue ctor = js_define_constructor(ctx, JS_ATOM_Object, js_object_constructor, 1,
                                         JS_CFUNC_constructor_or_func, 0, proto);
    int ret;
    if (JS_IsException(ctor))
        return -1;
    ret = JS_SetPropertyFunctionList(ctx, ctor, js_object_funcs, countof(js_object_funcs));
    JS_FreeValue(ctx, ctor);
    if (ret < 0)
        return -1;
    return JS_SetPropertyFunctionList(ctx, proto, js_object_proto_funcs,
                                      countof(js_object_proto_funcs));
}
