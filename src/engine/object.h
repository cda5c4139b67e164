/*
 * object.h — objects and the property protocol ([[Get]], [[Set]],
 * [[DefineOwnProperty]], [[Delete]], [[OwnPropertyKeys]], prototypes,
 * extensibility), including fast arrays and the exotic-object hooks.
 */
#ifndef WEFT_OBJECT_H
#define WEFT_OBJECT_H

#include "internal.h"
#include "shape.h"
#include "fast_array.h"

/* ---------------------------------------------------------------------
 * Creation
 * ------------------------------------------------------------------- */
/* takes ownership of the shape reference */
JSValue js_new_object_from_shape(JSContext *ctx, JSShape *sh, JSClassID class_id);
/* proto may be NULL (no prototype) */
JSValue js_new_object_proto(JSContext *ctx, JSObject *proto, JSClassID class_id);
/* OrdinaryCreateFromConstructor: the prototype comes from
   new_target.prototype, falling back to the realm's class prototype */
JSValue js_create_from_ctor(JSContext *ctx, JSValueConst new_target, JSClassID class_id);
/* GetPrototypeFromConstructor (new reference, an object) */
JSValue js_get_prototype_from_ctor(JSContext *ctx, JSValueConst new_target,
                                   JSValueConst default_proto);

/* the ordinary definition of an array index on a slow Array (length grows) */
int js_slow_array_define_index(JSContext *ctx, JSObject *p, JSAtom prop, uint32_t idx,
                               JSValueConst val, JSValueConst getter, JSValueConst setter,
                               int flags);
void js_free_property_enum(JSContext *ctx, JSPropertyEnum *tab, uint32_t len);

/* an object's initial property slots follow it in its block */
static inline JSProperty *js_object_inline_props(JSObject *p) { return (JSProperty *)(p + 1); }
/* grows p->prop to new_size slots (the shape is changed by the caller) */
int js_object_resize_props(JSContext *ctx, JSObject *p, int new_size);

/* the collector's hooks (gc.c) */
void js_object_free_children(JSRuntime *rt, JSObject *p);
void js_object_mark(JSRuntime *rt, JSObject *p, JSMarkFunc *mark_func);

/* ---------------------------------------------------------------------
 * Own property lookup
 * ------------------------------------------------------------------- */
static inline JSShapeProperty *find_own_property(JSProperty **ppr, JSObject *p, JSAtom atom)
{
    uint32_t idx;
    JSShapeProperty *prs = js_shape_find(p->shape, atom, &idx);
    if (prs)
        *ppr = &p->prop[idx];
    return prs;
}

void js_free_property(JSRuntime *rt, JSProperty *pr, int prop_flags);

/* ---------------------------------------------------------------------
 * The property protocol
 * ------------------------------------------------------------------- */
/* [[Get]] with receiver this_obj; throw_ref_error makes a missing property
   a ReferenceError (global variable lookups) */
JSValue JS_GetPropertyInternal(JSContext *ctx, JSValueConst obj, JSAtom prop,
                               JSValueConst this_obj, bool throw_ref_error);
/* [[Set]]: frees val; flags: JS_PROP_THROW / JS_PROP_THROW_STRICT */
int JS_SetPropertyInternal(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValue val,
                           JSValueConst this_obj, int flags);
/* obj[key] with any key value (frees key) */
JSValue JS_GetPropertyValue(JSContext *ctx, JSValueConst obj, JSValue key);
/* obj[key] = val (frees key and val) */
int JS_SetPropertyValue(JSContext *ctx, JSValueConst obj, JSValue key, JSValue val, int flags);
/* [[HasProperty]] on an object */
int js_has_property(JSContext *ctx, JSObject *p, JSAtom prop);
/* [[GetOwnProperty]]: -1, 0 absent, 1 present (desc values are new refs) */
int JS_GetOwnPropertyInternal(JSContext *ctx, JSPropertyDescriptor *desc, JSObject *p,
                              JSAtom prop);
void js_free_desc(JSContext *ctx, JSPropertyDescriptor *desc);
/* [[OwnPropertyKeys]] filtered by JS_GPN_* flags, in spec order */
int JS_GetOwnPropertyNamesInternal(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                                   JSObject *p, int flags);
/* [[Delete]]: -1, 0 (non-configurable), 1 */
int js_delete_property(JSContext *ctx, JSValueConst obj, JSAtom prop, int flags);
/* CreateDataProperty (frees val) */
int JS_CreateDataPropertyUint32(JSContext *ctx, JSValueConst obj, int64_t idx, JSValue val,
                                int flags);
int js_create_data_property_value(JSContext *ctx, JSValueConst obj, JSValue key, JSValue val,
                                  int flags);
/* JS_DefineProperty with a key value (frees key and val) */
int JS_DefinePropertyValueValue(JSContext *ctx, JSValueConst obj, JSValue key, JSValue val,
                                int flags);
/* defines a property whose getter/setter are C functions (frees them) */
int js_define_property_getset_funcs(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                    JSValue getter, JSValue setter, int flags);

/* ToPropertyDescriptor: fills d (flags in d->flags with JS_PROP_HAS_*) */
int js_to_property_descriptor(JSContext *ctx, JSPropertyDescriptor *d, JSValueConst desc);
/* FromPropertyDescriptor (new object) */
JSValue js_from_property_descriptor(JSContext *ctx, const JSPropertyDescriptor *d);
/* [[DefineOwnProperty]] from a descriptor object */
int js_define_property_desc(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst desc,
                            int flags);

/* [[GetPrototypeOf]] of an object (borrowed pointer, NULL for null) — only
   for objects without a getPrototypeOf trap; JS_GetPrototype handles all */
static inline JSObject *js_get_proto_obj(JSObject *p) { return p->shape->proto; }
/* [[SetPrototypeOf]]: -1, 0 (refused), 1; throws on refusal if throw_flag */
int JS_SetPrototypeInternal(JSContext *ctx, JSValueConst obj, JSValueConst proto_val,
                            bool throw_flag);
/* SetIntegrityLevel(obj, frozen) */
int js_freeze_object(JSContext *ctx, JSValueConst obj);
/* OrdinaryHasInstance / instanceof */
int JS_OrdinaryIsInstanceOf(JSContext *ctx, JSValueConst val, JSValueConst obj);
int JS_IsInstanceOf(JSContext *ctx, JSValueConst val, JSValueConst obj);

/* ---------------------------------------------------------------------
 * Array-likes
 * ------------------------------------------------------------------- */
/* LengthOfArrayLike */
int js_get_length32(JSContext *ctx, uint32_t *pres, JSValueConst obj);
int js_get_length64(JSContext *ctx, int64_t *pres, JSValueConst obj);
/* an array of the given own keys kinds: JS_GPN_* plus kind:
   0 keys, 1 values, 2 entries (Object.keys/values/entries) */
JSValue js_get_own_property_names2(JSContext *ctx, JSValueConst obj, int flags, int kind);
/* CreateArrayFromList from C values (borrowed) */
JSValue js_create_array(JSContext *ctx, int len, JSValueConst *tab);
/* CreateListFromArrayLike: *ptab (free with js_free_value_list) */
JSValue *js_build_arg_list(JSContext *ctx, uint32_t *plen, JSValueConst array_arg);
void js_free_value_list(JSContext *ctx, JSValue *tab, uint32_t len);

#endif /* WEFT_OBJECT_H */
