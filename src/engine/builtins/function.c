/*
 * function.c (builtins) — the Function constructor and the methods of
 * Function.prototype (ECMA-262 §20.2): apply, bind, call, toString and
 * [Symbol.hasInstance], plus the restricted "caller" and "arguments"
 * accessors (%ThrowTypeError%).
 *
 * Function.prototype itself is created by intrinsics.c (everything needs
 * it before any family runs); calling functions is ../function.c's job.
 * Bound function objects are created here: JS_CLASS_BOUND_FUNCTION with a
 * JSBoundFunction record that ../function.c knows how to call.
 */
#include <math.h>

#include "builtins.h"
#include "../atom.h"
#include "../bytecode.h"
#include "../compile.h"
#include "../conv.h"
#include "../error.h"
#include "../function.h"
#include "../object.h"
#include "../runtime.h"
#include "../str.h"

/* ---------------------------------------------------------------------
 * The Function constructor
 * ------------------------------------------------------------------- */
static JSValue js_function_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                       JSValueConst *argv)
{
    JSStackFrame *sf = ctx->rt->current_stack_frame;
    /* CreateDynamicFunction: a plain call behaves as `new Function(...)` */
    if (JS_IsUndefined(new_target) && sf)
        new_target = sf->cur_func;
    return js_function_constructor_compile(ctx, new_target, argc, argv, 0);
}

/* ---------------------------------------------------------------------
 * apply, call, [Symbol.hasInstance]
 * ------------------------------------------------------------------- */
static JSValue js_function_proto_apply(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    JSValueConst this_arg = argv[0], array_arg = argv[1];
    JSValue *tab, ret;
    uint32_t len;
    if (!JS_IsCallable(ctx, this_val))
        return JS_ThrowTypeError(ctx, "Function.prototype.apply was called on a non-function");
    if (JS_IsUndefined(array_arg) || JS_IsNull(array_arg))
        return JS_Call(ctx, this_val, this_arg, 0, NULL);
    tab = js_build_arg_list(ctx, &len, array_arg);
    if (!tab)
        return JS_EXCEPTION;
    ret = JS_Call(ctx, this_val, this_arg, len, (JSValueConst *)tab);
    js_free_value_list(ctx, tab, len);
    return ret;
}

static JSValue js_function_proto_call(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    if (!JS_IsCallable(ctx, this_val))
        return JS_ThrowTypeError(ctx, "Function.prototype.call was called on a non-function");
    return JS_Call(ctx, this_val, argv[0], argc > 0 ? argc - 1 : 0, argv + 1);
}

static JSValue js_function_proto_has_instance(JSContext *ctx, JSValueConst this_val, int argc,
                                              JSValueConst *argv)
{
    int ret = JS_OrdinaryIsInstanceOf(ctx, argv[0], this_val);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

/* ---------------------------------------------------------------------
 * bind
 * ------------------------------------------------------------------- */
/* BoundFunctionCreate: the bound function gets the target's prototype */
static JSValue js_function_bound_create(JSContext *ctx, JSValueConst target, JSValueConst this_arg,
                                        int argc, JSValueConst *argv)
{
    JSBoundFunction *bf;
    JSValue proto, func;
    proto = JS_GetPrototype(ctx, target);
    if (JS_IsException(proto))
        return proto;
    func = JS_NewObjectProtoClass(ctx, proto, JS_CLASS_BOUND_FUNCTION);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(func))
        return func;
    bf = js_malloc(ctx, sizeof(*bf) + sizeof(JSValue) * argc);
    if (!bf) {
        JS_FreeValue(ctx, func);
        return JS_EXCEPTION;
    }
    bf->func_obj = JS_DupValue(ctx, target);
    bf->this_val = JS_DupValue(ctx, this_arg);
    bf->argc = argc;
    for (int i = 0; i < argc; i++)
        bf->argv[i] = JS_DupValue(ctx, argv[i]);
    js_obj(func)->u.bound_function = bf;
    js_obj(func)->is_constructor = JS_IsConstructor(ctx, target);
    return func;
}

/* the "length" of a bound function: the target's length less the bound
   arguments, when the target has an own numeric length */
static int js_function_bound_length(JSContext *ctx, JSValueConst target, int bound_argc,
                                    JSValue *plen)
{
    JSValue len_val;
    double len;
    int ret;
    *plen = JS_NewInt32(ctx, 0);
    ret = JS_GetOwnPropertyInternal(ctx, NULL, js_obj(target), JS_ATOM_length);
    if (ret <= 0)
        return ret;
    len_val = JS_GetProperty(ctx, target, JS_ATOM_length);
    if (JS_IsException(len_val))
        return -1;
    if (!JS_IsNumber(len_val)) {
        JS_FreeValue(ctx, len_val);
        return 0;
    }
    if (JS_ToIntegerFree(ctx, &len, len_val))
        return -1;
    if (isinf(len))
        len = len > 0 ? len : 0;
    else
        len = len > bound_argc ? len - bound_argc : 0;
    *plen = JS_NewNumber(ctx, len);
    return 0;
}

static JSValue js_function_proto_bind(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    int bound_argc = argc > 1 ? argc - 1 : 0;
    JSValue func, len, name;
    if (!JS_IsCallable(ctx, this_val))
        return JS_ThrowTypeError(ctx, "Bind must be called on a function");
    func = js_function_bound_create(ctx, this_val, argv[0], bound_argc, argv + 1);
    if (JS_IsException(func))
        return func;
    if (js_function_bound_length(ctx, this_val, bound_argc, &len) < 0 ||
        JS_DefinePropertyValue(ctx, func, JS_ATOM_length, len, JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    name = JS_GetProperty(ctx, this_val, JS_ATOM_name);
    if (JS_IsException(name))
        goto fail;
    if (!JS_IsString(name)) {
        JS_FreeValue(ctx, name);
        name = JS_AtomToString(ctx, JS_ATOM_empty_string);
    }
    name = JS_ConcatStrings(ctx, JS_AtomToString(ctx, JS_ATOM_bound_), name);
    if (JS_IsException(name) ||
        JS_DefinePropertyValue(ctx, func, JS_ATOM_name, name, JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    return func;
fail:
    JS_FreeValue(ctx, func);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * toString
 * ------------------------------------------------------------------- */
static bool js_function_is_ident_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c >= 0x80;
}

/* Whether the name can stand in a NativeFunction source text
   (`function NAME() { [native code] }`): an identifier, optionally after
   "get " or "set ", or a well-known symbol name such as
   "[Symbol.iterator]". Anything else (a bound function's "bound f", a name
   the program redefined) is left out. */
static bool js_function_name_is_printable(const JSString *p)
{
    uint32_t i = 0, end = p->len;
    if (end >= 4 && (string_get(p, 0) == 'g' || string_get(p, 0) == 's') &&
        string_get(p, 1) == 'e' && string_get(p, 2) == 't' && string_get(p, 3) == ' ')
        i = 4;
    if (i < end && string_get(p, i) == '[' && string_get(p, end - 1) == ']') {
        i++;
        end--;
        for (uint32_t j = i; j < end; j++) {
            int c = string_get(p, j);
            if (!js_function_is_ident_char(c) && c != '.')
                return false;
        }
        return i < end;
    }
    for (; i < end; i++) {
        int c = string_get(p, i);
        if (!js_function_is_ident_char(c) || (i == 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

/* "function name() { [native code] }" for builtins, bound functions and
   other callable objects; the name is read without running user code */
static JSValue js_function_native_source(JSContext *ctx, JSObject *p)
{
    JSPropertyDescriptor desc;
    StringBuffer b;
    int ret = 0;
    if (string_buffer_init(ctx, &b, 32))
        return JS_EXCEPTION;
    string_buffer_puts8(&b, "function ");
    if (p->class_id != JS_CLASS_BOUND_FUNCTION && !p->is_exotic)
        ret = JS_GetOwnPropertyInternal(ctx, &desc, p, JS_ATOM_name);
    if (ret > 0) {
        if (JS_IsString(desc.value)) {
            JSString *name = js_get_flat_string(ctx, desc.value);
            if (!name)
                ret = -1;
            else if (js_function_name_is_printable(name))
                string_buffer_concat_value(&b, desc.value);
        }
        js_free_desc(ctx, &desc);
    }
    if (ret < 0) {
        string_buffer_free(&b);
        return JS_EXCEPTION;
    }
    string_buffer_puts8(&b, "() { [native code] }");
    return string_buffer_end(&b);
}

static JSValue js_function_proto_to_string(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv)
{
    JSObject *p;
    if (!JS_IsCallable(ctx, this_val))
        return JS_ThrowTypeError(ctx, "Function.prototype.toString requires that 'this' be a "
                                      "Function");
    p = js_obj(this_val);
    if (p->class_id == JS_CLASS_BYTECODE_FUNCTION)
        return js_bytecode_function_source(ctx, p);
    return js_function_native_source(ctx, p);
}

/* the inspection API of weft.h */
JSValue JS_GetFunctionSource(JSContext *ctx, JSValueConst fn)
{
    if (!JS_IsCallable(ctx, fn))
        return JS_UNDEFINED;
    return js_function_proto_to_string(ctx, fn, 0, NULL);
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_function_proto_funcs[] = {
    JS_CFUNC_DEF("apply", 2, js_function_proto_apply),
    JS_CFUNC_DEF("bind", 1, js_function_proto_bind),
    JS_CFUNC_DEF("call", 1, js_function_proto_call),
    JS_CFUNC_DEF("toString", 0, js_function_proto_to_string),
    /* non-writable and non-configurable, so that instanceof cannot be
       redirected by assignment */
    {"[Symbol.hasInstance]", 0, JS_DEF_CFUNC, 0,
     .u = {.func = {1, JS_CFUNC_generic, {.generic = js_function_proto_has_instance}}}},
};

int js_init_function(JSContext *ctx)
{
    JSValueConst proto = ctx->function_proto;
    JSValue ctor, tte;
    ctor = js_define_constructor(ctx, JS_ATOM_Function, js_function_constructor, 1,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctx->function_ctor);
    ctx->function_ctor = ctor;
    if (JS_SetPropertyFunctionList(ctx, proto, js_function_proto_funcs,
                                   countof(js_function_proto_funcs)) < 0)
        return -1;
    /* The restricted properties of Function.prototype (§10.2.4): reading
       fn.caller or fn.arguments through them throws. Legacy sloppy code
       reads both on its own functions (arguments.callee.caller), and every
       major engine lets it, so sloppy ordinary functions (and only them:
       §17.1 forbids the extension on strict functions, arrows, methods,
       classes, generators, async and bound functions) get own "caller"
       and "arguments" data properties shadowing these (js_closure,
       ../bytecode.c). Their value is undefined, the "extension not
       supported" answer test262's legacy tests accept: exposing the real
       caller would leak callers across the stack and cost every call, and
       §17.1 only requires that "caller" is never a strict function. They
       are non-writable and non-configurable, as in V8. */
    tte = js_throw_type_error_func(ctx);
    if (JS_DefinePropertyGetSet(ctx, proto, JS_ATOM_caller, JS_DupValue(ctx, tte),
                                JS_DupValue(ctx, tte), JS_PROP_CONFIGURABLE) < 0 ||
        JS_DefinePropertyGetSet(ctx, proto, JS_ATOM_arguments, JS_DupValue(ctx, tte),
                                JS_DupValue(ctx, tte), JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, tte);
        return -1;
    }
    JS_FreeValue(ctx, tte);
    return 0;
}
