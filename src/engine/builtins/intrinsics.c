/*
 * intrinsics.c — building a context's standard library: the bootstrap
 * objects every family needs (Object.prototype, Function.prototype, the
 * global object), then each family in dependency order; plus the helpers
 * the families share.
 */
#include "builtins.h"
#include "proxy.h"
#include "../atom.h"
#include "../compile.h"
#include "../forin.h"
#include "../async.h"
#include "../generator.h"
#include "../error.h"
#include "../function.h"
#include "../object.h"
#include "../promise.h"
#include "../module.h"
#include "../runtime.h"
#include "../shape.h"

static JSValue js_function_proto_call(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    return JS_UNDEFINED;
}

static JSValue js_throw_type_error_impl(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    return JS_ThrowTypeError(ctx, "'caller', 'callee', and 'arguments' properties may not be "
                                  "accessed on strict mode functions or the arguments objects "
                                  "for calls to them");
}

/* Object.prototype, Function.prototype, %ThrowTypeError% and the global
   object: everything else is built on these */
static int js_init_bootstrap(JSContext *ctx)
{
    JSValue obj_proto, func_proto, tte;
    obj_proto = js_new_object_proto(ctx, NULL, JS_CLASS_OBJECT);
    if (JS_IsException(obj_proto))
        return -1;
    js_obj(obj_proto)->is_immutable_proto = 1;
    ctx->class_proto[JS_CLASS_OBJECT] = obj_proto;

    func_proto = JS_NewObjectProtoClass(ctx, obj_proto, JS_CLASS_C_FUNCTION);
    if (JS_IsException(func_proto))
        return -1;
    js_obj(func_proto)->u.cfunc.c_function.generic = js_function_proto_call;
    js_obj(func_proto)->u.cfunc.cproto = JS_CFUNC_generic;
    js_obj(func_proto)->u.cfunc.realm = JS_DupContext(ctx);
    ctx->function_proto = func_proto;
    ctx->class_proto[JS_CLASS_C_FUNCTION] = JS_DupValue(ctx, func_proto);
    ctx->class_proto[JS_CLASS_BYTECODE_FUNCTION] = JS_DupValue(ctx, func_proto);
    ctx->class_proto[JS_CLASS_BOUND_FUNCTION] = JS_DupValue(ctx, func_proto);
    ctx->class_proto[JS_CLASS_C_FUNCTION_DATA] = JS_DupValue(ctx, func_proto);
    if (js_function_set_properties(ctx, func_proto, JS_ATOM_empty_string, 0) < 0)
        return -1;

    tte = js_new_cfunction3(ctx, js_throw_type_error_impl, JS_ATOM_empty_string, 0,
                            JS_CFUNC_generic, 0, JS_UNDEFINED);
    if (JS_IsException(tte))
        return -1;
    ctx->throw_type_error = tte;
    /* %ThrowTypeError% is frozen */
    if (JS_DefinePropertyValue(ctx, tte, JS_ATOM_length, JS_NewInt32(ctx, 0), 0) < 0 ||
        JS_DefinePropertyValue(ctx, tte, JS_ATOM_name, JS_AtomToString(ctx, JS_ATOM_empty_string),
                               0) < 0)
        return -1;
    js_obj(tte)->extensible = 0;

    ctx->global_obj = JS_NewObject(ctx);
    ctx->global_var_obj = js_new_object_proto(ctx, NULL, JS_CLASS_OBJECT);
    if (JS_IsException(ctx->global_obj) || JS_IsException(ctx->global_var_obj))
        return -1;
    return 0;
}

int js_init_builtins(JSContext *ctx)
{
    static int (*const families[])(JSContext *) = {
        js_init_object, js_init_function, js_init_symbol,  js_init_error, js_init_iterator, js_init_generator, js_init_async,
        js_init_array,  js_init_string, js_init_regexp,   js_init_number,  js_init_boolean, js_init_bigint,
        js_init_math,   js_init_json,     js_init_date,    js_init_map,     js_init_weakref, js_init_promise, js_init_reflect, js_init_proxy, js_init_array_buffer, js_init_typed_arrays, js_init_dataview, js_init_atomics, js_init_global,
    };
    if (js_init_bootstrap(ctx) < 0)
        return -1;
    for (size_t i = 0; i < countof(families); i++) {
        if (families[i](ctx) < 0)
            return -1;
    }
    return js_init_eval(ctx);
}

void js_builtins_init_classes(JSRuntime *rt)
{
    js_array_init_classes(rt);
    js_string_init_classes(rt);
    js_regexp_init_classes(rt);
    js_map_init_classes(rt);
    js_weakref_init_classes(rt);
    js_proxy_init_classes(rt);
    js_promise_init_classes(rt);
    js_module_init_classes(rt);
    js_iterator_init_classes(rt);
    js_array_buffer_init_classes(rt);
    js_typed_array_init_classes(rt);
    js_for_in_init_class(rt);
    js_generator_init_class(rt);
    js_async_init_classes(rt);
}

/* ---------------------------------------------------------------------
 * Shared helpers
 * ------------------------------------------------------------------- */
JSValue js_define_constructor(JSContext *ctx, JSAtom name, JSCFunction *func, int length,
                              JSCFunctionEnum cproto, int magic, JSValueConst proto)
{
    JSValue ctor = js_new_cfunction3(ctx, func, name == JS_ATOM_NULL ? JS_ATOM_empty_string : name,
                                     length, cproto, magic, JS_UNDEFINED);
    if (JS_IsException(ctor))
        return ctor;
    if (JS_DefinePropertyValue(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, proto), 0) < 0 ||
        JS_DefinePropertyValue(ctx, proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    if (name != JS_ATOM_NULL &&
        JS_DefinePropertyValue(ctx, ctx->global_obj, name, JS_DupValue(ctx, ctor),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    return ctor;
fail:
    JS_FreeValue(ctx, ctor);
    return JS_EXCEPTION;
}

JSValue js_new_plain_object(JSContext *ctx, JSValueConst proto)
{
    return JS_NewObjectProtoClass(ctx, proto, JS_CLASS_OBJECT);
}

/* remembers the shape the first iterator result got, when it is the
   shared { value, done } shape over %Object.prototype% */
static void js_cache_iter_result_shape(JSContext *ctx, JSShape *sh)
{
    JSObject *object_proto = js_obj(ctx->class_proto[JS_CLASS_OBJECT]);
    if (sh->is_hashed && sh->prop_count == 2 && sh->proto == object_proto &&
        sh->prop[0].atom == JS_ATOM_value && sh->prop[0].flags == JS_PROP_C_W_E &&
        sh->prop[1].atom == JS_ATOM_done && sh->prop[1].flags == JS_PROP_C_W_E)
        ctx->iter_result_shape = js_dup_shape(sh);
}

JSValue js_create_iter_result(JSContext *ctx, JSValue value, bool done)
{
    JSValue obj;
    if (ctx->iter_result_shape) {
        /* what the two definitions below give, without looking anything up */
        obj = js_new_object_from_shape(ctx, js_dup_shape(ctx->iter_result_shape),
                                       JS_CLASS_OBJECT);
        if (JS_IsException(obj)) {
            JS_FreeValue(ctx, value);
            return obj;
        }
        js_obj(obj)->prop[0].value = value;
        js_obj(obj)->prop[1].value = JS_NewBool(ctx, done);
        return obj;
    }
    obj = JS_NewObject(ctx);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, value);
        return obj;
    }
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_value, value, JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValue(ctx, obj, JS_ATOM_done, JS_NewBool(ctx, done), JS_PROP_C_W_E) <
            0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    js_cache_iter_result_shape(ctx, js_obj(obj)->shape);
    return obj;
}

JSValue js_throw_type_error_func(JSContext *ctx) { return JS_DupValue(ctx, ctx->throw_type_error); }

JSValue js_array_proto_values(JSContext *ctx) { return JS_DupValue(ctx, ctx->array_proto_values); }
