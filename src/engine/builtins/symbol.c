/*
 * symbol.c (builtins) — the Symbol constructor, the global symbol registry
 * (Symbol.for / Symbol.keyFor), the well-known symbols and
 * Symbol.prototype (ECMA-262 §20.4), and the public JS_NewSymbol.
 *
 * A symbol is an atom (atom.h): its JSString holds the description, with
 * hash == 1 when the description is undefined. Registered symbols are the
 * atoms of type JS_ATOM_TYPE_GLOBAL_SYMBOL, so the registry is the
 * runtime's atom table and is shared by every realm of the runtime, as the
 * spec requires. A symbol's JSString must never be handed out as a string
 * value (interning would retag it): descriptions are copied.
 */
#include "builtins.h"
#include "../atom.h"
#include "../conv.h"
#include "../error.h"
#include "../function.h"
#include "../object.h"
#include "../runtime.h"
#include "../str.h"

/* a new symbol value for a new atom (whose reference it takes) */
static JSValue js_symbol_from_new_atom(JSContext *ctx, JSAtom atom)
{
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    return JS_MKPTR(JS_TAG_SYMBOL, ctx->rt->atom_array[atom]);
}

/* a new unique symbol; descr (owned) is NULL for an undefined description */
static JSValue js_symbol_new(JSContext *ctx, JSString *descr)
{
    return js_symbol_from_new_atom(ctx, js_new_symbol_atom(ctx, descr, JS_ATOM_TYPE_SYMBOL));
}

/* Symbol.for's lookup-or-register on a flat key string (borrowed) */
static JSValue js_symbol_for_key(JSContext *ctx, JSValueConst key)
{
    JSString *p = JS_VALUE_GET_STRING(key);
    JSAtom atom = js_find_global_symbol(ctx->rt, p);
    if (atom != JS_ATOM_NULL)
        return js_atom_to_symbol(ctx, atom);
    js_dup_string(p);
    return js_symbol_from_new_atom(ctx, js_new_symbol_atom(ctx, p, JS_ATOM_TYPE_GLOBAL_SYMBOL));
}

JSValue JS_NewSymbol(JSContext *ctx, const char *description, bool is_global)
{
    JSValue str, sym;
    if (!description && !is_global)
        return js_symbol_new(ctx, NULL);
    str = JS_NewString(ctx, description ? description : "undefined");
    if (JS_IsException(str))
        return str;
    str = js_flatten_string(ctx, str);
    if (JS_IsException(str))
        return str;
    if (is_global) {
        sym = js_symbol_for_key(ctx, str);
        JS_FreeValue(ctx, str);
        return sym;
    }
    return js_symbol_new(ctx, JS_VALUE_GET_STRING(str));
}

/* thisSymbolValue: a new reference to the symbol, or JS_EXCEPTION */
static JSValue js_symbol_this_value(JSContext *ctx, JSValueConst this_val)
{
    if (JS_IsSymbol(this_val))
        return JS_DupValue(ctx, this_val);
    if (JS_IsObject(this_val) && js_obj(this_val)->class_id == JS_CLASS_SYMBOL &&
        JS_IsSymbol(js_obj(this_val)->u.object_data))
        return JS_DupValue(ctx, js_obj(this_val)->u.object_data);
    return JS_ThrowTypeError(ctx, "not a symbol");
}

/* ---------------------------------------------------------------------
 * The constructor and the registry
 * ------------------------------------------------------------------- */
static JSValue js_symbol_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                     JSValueConst *argv)
{
    JSValue descr;
    if (!JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Symbol is not a constructor");
    if (argc == 0 || JS_IsUndefined(argv[0]))
        return js_symbol_new(ctx, NULL);
    descr = JS_ToString(ctx, argv[0]);
    if (JS_IsException(descr))
        return descr;
    return js_symbol_new(ctx, JS_VALUE_GET_STRING(descr));
}

static JSValue js_symbol_for(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue key = JS_ToString(ctx, argv[0]), sym;
    if (JS_IsException(key))
        return key;
    sym = js_symbol_for_key(ctx, key);
    JS_FreeValue(ctx, key);
    return sym;
}

/* a copy of a symbol's description as a string value, or undefined */
static JSValue js_symbol_description_value(JSContext *ctx, JSValueConst sym)
{
    JSString *p = JS_VALUE_GET_PTR(sym);
    if (p->hash == 1)
        return JS_UNDEFINED;
    if (p->is_wide_char)
        return js_new_string16_len(ctx, p->u.str16, p->len);
    return js_new_string8_len(ctx, (const char *)p->u.str8, p->len);
}

static JSValue js_symbol_key_for(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSString *p;
    if (!JS_IsSymbol(argv[0]))
        return JS_ThrowTypeError(ctx, "Symbol.keyFor: not a symbol");
    p = JS_VALUE_GET_PTR(argv[0]);
    if (p->atom_type != JS_ATOM_TYPE_GLOBAL_SYMBOL)
        return JS_UNDEFINED;
    return js_symbol_description_value(ctx, argv[0]);
}

/* ---------------------------------------------------------------------
 * Symbol.prototype
 * ------------------------------------------------------------------- */
static JSValue js_symbol_proto_to_string(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    JSValue sym = js_symbol_this_value(ctx, this_val), res;
    if (JS_IsException(sym))
        return sym;
    /* SymbolDescriptiveString */
    res = js_to_string_sym(ctx, sym);
    JS_FreeValue(ctx, sym);
    return res;
}

/* valueOf and [Symbol.toPrimitive] */
static JSValue js_symbol_proto_value_of(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    return js_symbol_this_value(ctx, this_val);
}

static JSValue js_symbol_proto_get_description(JSContext *ctx, JSValueConst this_val)
{
    JSValue sym = js_symbol_this_value(ctx, this_val), res;
    if (JS_IsException(sym))
        return sym;
    res = js_symbol_description_value(ctx, sym);
    JS_FreeValue(ctx, sym);
    return res;
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_symbol_funcs[] = {
    JS_CFUNC_DEF("for", 1, js_symbol_for),
    JS_CFUNC_DEF("keyFor", 1, js_symbol_key_for),
};

static const JSCFunctionListEntry js_symbol_proto_funcs[] = {
    JS_CFUNC_DEF("toString", 0, js_symbol_proto_to_string),
    JS_CFUNC_DEF("valueOf", 0, js_symbol_proto_value_of),
    JS_CGETSET_DEF("description", js_symbol_proto_get_description, NULL),
    {"[Symbol.toPrimitive]", JS_PROP_CONFIGURABLE, JS_DEF_CFUNC, 0,
     .u = {.func = {1, JS_CFUNC_generic, {.generic = js_symbol_proto_value_of}}}},
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Symbol", JS_PROP_CONFIGURABLE),
};

/* Symbol.asyncIterator, Symbol.hasInstance, ...: the predefined symbol
   atoms, whose descriptions are "Symbol.<name>" */
static int js_symbol_define_well_known(JSContext *ctx, JSValueConst ctor)
{
    for (JSAtom a = JS_ATOM_Symbol_first; a < JS_ATOM_END; a++) {
        JSString *descr = ctx->rt->atom_array[a];
        /* skip "Symbol." */
        JSAtom name = js_new_atom_len(ctx, (const char *)descr->u.str8 + 7, descr->len - 7);
        int ret;
        if (name == JS_ATOM_NULL)
            return -1;
        ret = JS_DefinePropertyValue(ctx, ctor, name, js_atom_to_symbol(ctx, a), 0);
        JS_FreeAtom(ctx, name);
        if (ret < 0)
            return -1;
    }
    return 0;
}

int js_init_symbol(JSContext *ctx)
{
    JSValue proto, ctor;
    int ret;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[JS_CLASS_SYMBOL] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_symbol_proto_funcs,
                                   countof(js_symbol_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_Symbol, js_symbol_constructor, 0,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    ret = JS_SetPropertyFunctionList(ctx, ctor, js_symbol_funcs, countof(js_symbol_funcs));
    if (ret == 0)
        ret = js_symbol_define_well_known(ctx, ctor);
    JS_FreeValue(ctx, ctor);
    return ret;
}
