/*
 * classfields.h — private names (#x) and the class elements installed on
 * instances: fields, private methods and accessors.
 */
#ifndef WEFT_CLASSFIELDS_H
#define WEFT_CLASSFIELDS_H

#include "internal.h"

/* kinds of the entries of a class's element list (triples kind, key, value) */
enum {
    JS_CLASS_ELEM_FIELD,          /* public field: key, initializer or undefined */
    JS_CLASS_ELEM_PRIVATE_FIELD,  /* private field: name, initializer or undefined */
    JS_CLASS_ELEM_PRIVATE_METHOD, /* private method: name, function */
    JS_CLASS_ELEM_PRIVATE_GETTER,
    JS_CLASS_ELEM_PRIVATE_SETTER,
};

/* a fresh private name whose description is `desc` ("#x") */
JSValue js_private_symbol_new(JSContext *ctx, JSAtom desc);
/* PrivateGet / PrivateSet / PrivateFieldAdd / PrivateMethodOrAccessorAdd */
JSValue js_private_get(JSContext *ctx, JSValueConst obj, JSValueConst name);
int js_private_set(JSContext *ctx, JSValueConst obj, JSValueConst name, JSValue val);
int js_private_field_add(JSContext *ctx, JSValueConst obj, JSValueConst name, JSValue val);
int js_private_method_add(JSContext *ctx, JSValueConst obj, JSValueConst name, JSValueConst fn,
                          int kind);
/* #x in obj */
int js_private_in(JSContext *ctx, JSValueConst name, JSValueConst obj);
/* InitializeInstanceElements(obj, ctor) */
int js_init_instance_elements(JSContext *ctx, JSValueConst obj, JSValueConst ctor);

#endif /* WEFT_CLASSFIELDS_H */
