/*
 * iterator.c (builtins) — %IteratorPrototype% (ECMA-262 §27.1.2), the
 * prototype of every builtin iterator prototype (%ArrayIteratorPrototype%,
 * %MapIteratorPrototype%, generators, ...). Its one method,
 * [Symbol.iterator], returns this, so that iterators are iterable.
 * The iterator helpers (the Iterator constructor, map, filter, ...) are
 * not implemented yet.
 */
#include "builtins.h"
#include "../object.h"

static JSValue js_iterator_proto_iterator(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    return JS_DupValue(ctx, this_val);
}

static const JSCFunctionListEntry js_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("[Symbol.iterator]", 0, js_iterator_proto_iterator),
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
void js_iterator_init_classes(JSRuntime *rt) { (void)rt; }
