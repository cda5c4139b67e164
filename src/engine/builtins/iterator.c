/*
 * iterator.c (builtins) — %IteratorPrototype% (ECMA-262 §27.1.2), the
 * prototype of every builtin iterator prototype (%ArrayIteratorPrototype%,
 * %MapIteratorPrototype%, generators, ...). Its one method,
 * [Symbol.iterator], returns this, so that iterators are iterable; its
 * [Symbol.toStringTag] is the accessor of ES2025 (a getter answering
 * "Iterator" and a setter that writes on the receiver, never on the
 * prototype). The iterator helpers (the Iterator constructor, map,
 * filter, ...) are not implemented yet.
 */
#include "builtins.h"
#include "../error.h"
#include "../object.h"
#include "../str.h"

static JSValue js_iterator_proto_iterator(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    return JS_DupValue(ctx, this_val);
}

static JSValue js_iterator_proto_get_tag(JSContext *ctx, JSValueConst this_val)
{
    return js_new_string8(ctx, "Iterator");
}

/* SetterThatIgnoresPrototypeProperties(this, %Iterator.prototype%,
   @@toStringTag, v): assigning through an iterator defines the property
   on the iterator, as if the prototype's property were a writable data
   property, while the prototype itself stays as it is */
static JSValue js_iterator_proto_set_tag(JSContext *ctx, JSValueConst this_val, JSValueConst v)
{
    JSAtom prop = JS_ATOM_Symbol_toStringTag;
    int ret;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "Iterator.prototype[Symbol.toStringTag] setter called on "
                                      "non-object");
    if (js_obj(this_val) == js_obj(ctx->iterator_proto))
        return JS_ThrowTypeError(ctx, "cannot assign to Iterator.prototype[Symbol.toStringTag]");
    ret = JS_GetOwnPropertyInternal(ctx, NULL, js_obj(this_val), prop);
    if (ret == 0)
        ret = JS_DefinePropertyValue(ctx, this_val, prop, JS_DupValue(ctx, v),
                                     JS_PROP_C_W_E | JS_PROP_THROW);
    else if (ret > 0)
        ret = JS_SetPropertyInternal(ctx, this_val, prop, JS_DupValue(ctx, v), this_val,
                                     JS_PROP_THROW);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("[Symbol.iterator]", 0, js_iterator_proto_iterator),
    JS_CGETSET_DEF("[Symbol.toStringTag]", js_iterator_proto_get_tag, js_iterator_proto_set_tag),
};

int js_init_iterator(JSContext *ctx)
{
    JSValue proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->iterator_proto);
    ctx->iterator_proto = proto;
    return JS_SetPropertyFunctionList(ctx, proto, js_iterator_proto_funcs,
                                      countof(js_iterator_proto_funcs));
}

/* no iterator class of its own yet: the array, string, map and set
   iterators belong to their families */
void js_iterator_init_classes(JSRuntime *rt)
{
    (void)rt;
}
