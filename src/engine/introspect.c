/*
 * introspect.c — the inspection API of weft.h: what a debugger or a pretty
 * printer (the runtime's inspect()) needs to show a value, read from the
 * internal slots so that no JS code runs (no getter, no Proxy trap, no
 * toString a program may have replaced). The slots of proxies, regexps
 * and functions are read where their structures live (builtins/proxy.c,
 * regexp.c, function.c).
 */
#include "internal.h"
#include "builtins/builtins.h"
#include "fast_array.h"
#include "object.h"

static bool js_has_class(JSValueConst val, JSClassID class_id)
{
    return JS_IsObject(val) && js_obj(val)->class_id == class_id;
}

bool JS_IsDate(JSValueConst val) { return js_has_class(val, JS_CLASS_DATE); }
bool JS_IsRegExp(JSValueConst val) { return js_has_class(val, JS_CLASS_REGEXP); }
bool JS_IsMap(JSValueConst val) { return js_has_class(val, JS_CLASS_MAP); }
bool JS_IsSet(JSValueConst val) { return js_has_class(val, JS_CLASS_SET); }
bool JS_IsWeakMap(JSValueConst val) { return js_has_class(val, JS_CLASS_WEAKMAP); }
bool JS_IsWeakSet(JSValueConst val) { return js_has_class(val, JS_CLASS_WEAKSET); }

JSValue JS_GetPrimitiveValue(JSContext *ctx, JSValueConst obj)
{
    if (!JS_IsObject(obj))
        return JS_UNDEFINED;
    switch (js_obj(obj)->class_id) {
    case JS_CLASS_NUMBER:
    case JS_CLASS_STRING:
    case JS_CLASS_BOOLEAN:
    case JS_CLASS_SYMBOL:
    case JS_CLASS_BIG_INT:
    case JS_CLASS_DATE:
        return JS_DupValue(ctx, js_obj(obj)->u.object_data);
    default:
        return JS_UNDEFINED;
    }
}

JSValue JS_GetErrorStack(JSContext *ctx, JSValueConst err)
{
    if (!js_has_class(err, JS_CLASS_ERROR))
        return JS_UNDEFINED;
    return JS_DupValue(ctx, js_obj(err)->u.object_data);
}

JSValue JS_GetMapEntries(JSContext *ctx, JSValueConst obj)
{
    bool is_set = js_has_class(obj, JS_CLASS_SET);
    JSValue *tab, arr;
    uint32_t count;
    if (!is_set && !js_has_class(obj, JS_CLASS_MAP))
        return JS_UNDEFINED;
    if (js_map_snapshot(ctx, obj, &tab, &count) < 0)
        return JS_EXCEPTION;
    if (!is_set) {
        /* the snapshot is flat: key, value, key, value... */
        for (uint32_t i = 0; i < count; i++) {
            JSValue pair = js_new_array_from(ctx, 2, tab + 2 * i);
            tab[i] = pair;
            if (JS_IsException(pair)) {
                for (uint32_t j = 0; j < i; j++)
                    JS_FreeValue(ctx, tab[j]);
                for (uint32_t j = 2 * (i + 1); j < 2 * count; j++)
                    JS_FreeValue(ctx, tab[j]);
                js_free(ctx, tab);
                return JS_EXCEPTION;
            }
        }
    }
    arr = js_new_array_from(ctx, count, tab);
    js_free(ctx, tab);
    return arr;
}
