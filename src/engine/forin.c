/*
 * forin.c — for-in enumeration. The keys of the object and its prototypes
 * are collected when the loop starts (each name once: a non-enumerable
 * property hides an enumerable one further up the chain); at each step a
 * key that has been deleted meanwhile is skipped, as the spec requires.
 */
#include "forin.h"
#include "atom.h"
#include "error.h"
#include "gc.h"
#include "object.h"
#include "runtime.h"

typedef struct JSForInIterator {
    JSValue obj;
    JSAtom *keys;
    uint32_t count, size, pos;
} JSForInIterator;

static void js_for_in_finalizer(JSRuntime *rt, JSValue val)
{
    JSForInIterator *it = js_obj(val)->u.opaque;
    if (!it)
        return;
    JS_FreeValueRT(rt, it->obj);
    for (uint32_t i = 0; i < it->count; i++)
        JS_FreeAtomRT(rt, it->keys[i]);
    js_free_rt(rt, it->keys);
    js_free_rt(rt, it);
}

static void js_for_in_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSForInIterator *it = js_obj(val)->u.opaque;
    if (it)
        js_gc_mark_value(rt, it->obj, mark_func);
}

void js_for_in_init_class(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_FOR_IN_ITERATOR].finalizer = js_for_in_finalizer;
    rt->class_array[JS_CLASS_FOR_IN_ITERATOR].gc_mark = js_for_in_mark;
}

static bool js_for_in_seen(JSAtom *seen, uint32_t n, JSAtom a)
{
    for (uint32_t i = 0; i < n; i++) {
        if (seen[i] == a)
            return true;
    }
    return false;
}

/* appends the keys of one object of the chain */
static int js_for_in_collect(JSContext *ctx, JSForInIterator *it, JSObject *p, JSAtom **pseen,
                             uint32_t *pnseen, uint32_t *pseen_size, bool first)
{
    JSPropertyEnum *tab;
    uint32_t len;
    if (JS_GetOwnPropertyNamesInternal(ctx, &tab, &len, p, JS_GPN_STRING_MASK))
        return -1;
    for (uint32_t i = 0; i < len; i++) {
        JSAtom a = tab[i].atom;
        bool enumerable = tab[i].is_enumerable;
        /* the first object has no earlier names to hide its own */
        if (!first && js_for_in_seen(*pseen, *pnseen, a))
            continue;
        if (js_resize_array(ctx, (void **)pseen, sizeof(JSAtom), (int *)pseen_size,
                            *pnseen + 1))
            goto fail;
        (*pseen)[(*pnseen)++] = a;
        if (p->is_exotic && !p->fast_array) {
            JSPropertyDescriptor desc;
            int ret = JS_GetOwnPropertyInternal(ctx, &desc, p, a);
            if (ret < 0)
                goto fail;
            if (ret)
                js_free_desc(ctx, &desc);
            enumerable = ret && (desc.flags & JS_PROP_ENUMERABLE);
        }
        if (!enumerable)
            continue;
        if (js_resize_array(ctx, (void **)&it->keys, sizeof(JSAtom), (int *)&it->size,
                            it->count + 1))
            goto fail;
        it->keys[it->count++] = JS_DupAtom(ctx, a);
    }
    js_free_property_enum(ctx, tab, len);
    return 0;
fail:
    js_free_property_enum(ctx, tab, len);
    return -1;
}

JSValue js_for_in_start(JSContext *ctx, JSValueConst obj_val)
{
    JSValue en, obj, cur;
    JSForInIterator *it;
    JSAtom *seen = NULL;
    uint32_t nseen = 0, seen_size = 0;
    bool first = true;
    en = JS_NewObjectProtoClass(ctx, JS_NULL, JS_CLASS_FOR_IN_ITERATOR);
    if (JS_IsException(en))
        return en;
    it = js_mallocz(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, en);
        return JS_EXCEPTION;
    }
    it->obj = JS_UNDEFINED;
    js_obj(en)->u.opaque = it;
    if (JS_IsNull(obj_val) || JS_IsUndefined(obj_val))
        return en;
    obj = JS_ToObject(ctx, obj_val);
    if (JS_IsException(obj))
        goto fail;
    it->obj = obj;
    cur = JS_DupValue(ctx, obj);
    while (JS_IsObject(cur)) {
        JSValue next;
        if (js_for_in_collect(ctx, it, js_obj(cur), &seen, &nseen, &seen_size, first) < 0) {
            JS_FreeValue(ctx, cur);
            goto fail;
        }
        first = false;
        next = JS_GetPrototype(ctx, cur);
        JS_FreeValue(ctx, cur);
        if (JS_IsException(next))
            goto fail;
        cur = next;
    }
    js_free(ctx, seen);
    return en;
fail:
    js_free(ctx, seen);
    JS_FreeValue(ctx, en);
    return JS_EXCEPTION;
}

JSValue js_for_in_next(JSContext *ctx, JSValueConst enumerator, bool *pdone)
{
    JSForInIterator *it = js_obj(enumerator)->u.opaque;
    while (it->pos < it->count) {
        JSAtom a = it->keys[it->pos++];
        int ret = js_has_property(ctx, js_obj(it->obj), a);
        if (ret < 0)
            return JS_EXCEPTION;
        if (ret) {
            *pdone = false;
            return JS_AtomToString(ctx, a);
        }
    }
    *pdone = true;
    return JS_UNDEFINED;
}
