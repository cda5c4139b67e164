/*
 * function.c — calling functions: the [[Call]]/[[Construct]] dispatch, C
 * functions (with argument padding and their realm), C functions with data,
 * bound functions, and the helpers built on calls (GetMethod,
 * SpeciesConstructor, function lists).
 */
#include <alloca.h>
#include <math.h>

#include "function.h"
#include "atom.h"
#include "bytecode.h"
#include "conv.h"
#include "error.h"
#include "gc.h"
#include "interp.h"
#include "object.h"
#include "runtime.h"
#include "shape.h"
#include "str.h"

/* a property list this long leaves its object on a detached shape
   (js_shape_detach_chain) */
#define JS_FUNCTION_LIST_DETACH_LEN 4

/* ---------------------------------------------------------------------
 * Class hooks
 * ------------------------------------------------------------------- */
static void js_c_function_finalizer(JSRuntime *rt, JSValue val)
{
    JSContext *realm = js_obj(val)->u.cfunc.realm;
    if (realm)
        JS_FreeContext(realm);
}

static void js_c_function_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSContext *realm = js_obj(val)->u.cfunc.realm;
    if (realm)
        mark_func(rt, &realm->header);
}

static void js_c_function_data_finalizer(JSRuntime *rt, JSValue val)
{
    JSCFunctionDataRecord *s = js_obj(val)->u.c_function_data;
    if (!s)
        return;
    for (int i = 0; i < s->data_len; i++)
        JS_FreeValueRT(rt, s->data[i]);
    if (s->realm)
        JS_FreeContext(s->realm);
    js_free_rt(rt, s);
}

static void js_c_function_data_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSCFunctionDataRecord *s = js_obj(val)->u.c_function_data;
    if (!s)
        return;
    for (int i = 0; i < s->data_len; i++)
        js_gc_mark_value(rt, s->data[i], mark_func);
    if (s->realm)
        mark_func(rt, &s->realm->header);
}

static void js_bound_function_finalizer(JSRuntime *rt, JSValue val)
{
    JSBoundFunction *bf = js_obj(val)->u.bound_function;
    if (!bf)
        return;
    JS_FreeValueRT(rt, bf->func_obj);
    JS_FreeValueRT(rt, bf->this_val);
    for (int i = 0; i < bf->argc; i++)
        JS_FreeValueRT(rt, bf->argv[i]);
    js_free_rt(rt, bf);
}

static void js_bound_function_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSBoundFunction *bf = js_obj(val)->u.bound_function;
    if (!bf)
        return;
    js_gc_mark_value(rt, bf->func_obj, mark_func);
    js_gc_mark_value(rt, bf->this_val, mark_func);
    for (int i = 0; i < bf->argc; i++)
        js_gc_mark_value(rt, bf->argv[i], mark_func);
}

void js_function_init_classes(JSRuntime *rt)
{
    static const JSClassDef cfunc = {.finalizer = js_c_function_finalizer,
                                     .gc_mark = js_c_function_mark};
    static const JSClassDef cfunc_data = {.finalizer = js_c_function_data_finalizer,
                                          .gc_mark = js_c_function_data_mark};
    static const JSClassDef bound = {.finalizer = js_bound_function_finalizer,
                                     .gc_mark = js_bound_function_mark};
    static const JSClassDef bytecode = {.finalizer = js_bytecode_function_finalizer,
                                        .gc_mark = js_bytecode_function_mark};
    JSClass *cl = rt->class_array;
    cl[JS_CLASS_C_FUNCTION].finalizer = cfunc.finalizer;
    cl[JS_CLASS_C_FUNCTION].gc_mark = cfunc.gc_mark;
    cl[JS_CLASS_C_FUNCTION_DATA].finalizer = cfunc_data.finalizer;
    cl[JS_CLASS_C_FUNCTION_DATA].gc_mark = cfunc_data.gc_mark;
    cl[JS_CLASS_BOUND_FUNCTION].finalizer = bound.finalizer;
    cl[JS_CLASS_BOUND_FUNCTION].gc_mark = bound.gc_mark;
    cl[JS_CLASS_BYTECODE_FUNCTION].finalizer = bytecode.finalizer;
    cl[JS_CLASS_BYTECODE_FUNCTION].gc_mark = bytecode.gc_mark;
}

/* ---------------------------------------------------------------------
 * Creating C functions
 * ------------------------------------------------------------------- */
int js_function_set_properties(JSContext *ctx, JSValueConst func_obj, JSAtom name, int len)
{
    JSValue name_str;
    if (JS_DefinePropertyValue(ctx, func_obj, JS_ATOM_length, JS_NewInt32(ctx, len),
                               JS_PROP_CONFIGURABLE) < 0)
        return -1;
    name_str = js_get_function_name(ctx, name, JS_ATOM_NULL);
    if (JS_IsException(name_str))
        return -1;
    return JS_DefinePropertyValue(ctx, func_obj, JS_ATOM_name, name_str, JS_PROP_CONFIGURABLE);
}

int js_set_function_name(JSContext *ctx, JSValueConst func_obj, JSAtom name, JSAtom prefix)
{
    JSValue name_str = js_get_function_name(ctx, name, prefix);
    if (JS_IsException(name_str))
        return -1;
    return JS_DefinePropertyValue(ctx, func_obj, JS_ATOM_name, name_str, JS_PROP_CONFIGURABLE);
}

JSValue js_new_cfunction3(JSContext *ctx, JSCFunction *func, JSAtom name, int length,
                          JSCFunctionEnum cproto, int magic, JSValueConst proto)
{
    JSValue obj;
    JSObject *p;
    obj = JS_NewObjectProtoClass(ctx, JS_IsUndefined(proto) ? ctx->function_proto : proto,
                                 JS_CLASS_C_FUNCTION);
    if (JS_IsException(obj))
        return obj;
    p = js_obj(obj);
    p->u.cfunc.c_function.generic = func;
    p->u.cfunc.length = length;
    p->u.cfunc.cproto = cproto;
    p->u.cfunc.magic = magic;
    p->u.cfunc.realm = JS_DupContext(ctx);
    p->is_constructor = cproto == JS_CFUNC_constructor || cproto == JS_CFUNC_constructor_magic ||
                        cproto == JS_CFUNC_constructor_or_func ||
                        cproto == JS_CFUNC_constructor_or_func_magic;
    if (js_function_set_properties(ctx, obj, name, length) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue JS_NewCFunction2(JSContext *ctx, JSCFunction *func, const char *name, int length,
                         JSCFunctionEnum cproto, int magic)
{
    JSAtom atom = name ? JS_NewAtom(ctx, name) : JS_ATOM_empty_string;
    JSValue ret;
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    ret = js_new_cfunction3(ctx, func, atom, length, cproto, magic, JS_UNDEFINED);
    JS_FreeAtom(ctx, atom);
    return ret;
}

JSValue JS_NewCFunctionData(JSContext *ctx, JSCFunctionData *func, int length, int magic,
                            int data_len, JSValueConst *data)
{
    JSCFunctionDataRecord *s;
    JSValue obj = JS_NewObjectProtoClass(ctx, ctx->function_proto, JS_CLASS_C_FUNCTION_DATA);
    if (JS_IsException(obj))
        return obj;
    s = js_malloc(ctx, sizeof(*s) + data_len * sizeof(JSValue));
    if (!s) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    s->func = func;
    s->realm = JS_DupContext(ctx);
    s->length = length;
    s->data_len = data_len;
    s->magic = magic;
    for (int i = 0; i < data_len; i++)
        s->data[i] = JS_DupValue(ctx, data[i]);
    js_obj(obj)->u.c_function_data = s;
    if (js_function_set_properties(ctx, obj, JS_ATOM_empty_string, length) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

void JS_SetConstructor(JSContext *ctx, JSValueConst func_obj, JSValueConst proto)
{
    JS_DefinePropertyValue(ctx, func_obj, JS_ATOM_prototype, JS_DupValue(ctx, proto), 0);
    JS_DefinePropertyValue(ctx, proto, JS_ATOM_constructor, JS_DupValue(ctx, func_obj),
                           JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}

/* ---------------------------------------------------------------------
 * Calling
 * ------------------------------------------------------------------- */
bool JS_IsCallable(JSContext *ctx, JSValueConst val)
{
    return JS_IsObject(val) && js_is_callable_obj(ctx, js_obj(val));
}

bool JS_IsFunction(JSContext *ctx, JSValueConst val) { return JS_IsCallable(ctx, val); }

bool JS_IsConstructor(JSContext *ctx, JSValueConst val)
{
    return JS_IsObject(val) && js_obj(val)->is_constructor;
}

/* pads argv with undefined up to `length` so C functions may read their
   declared parameters without checking argc */
static JSValueConst *js_pad_args(JSValueConst *argv, int argc, int length, JSValue *buf)
{
    for (int i = 0; i < argc; i++)
        buf[i] = argv[i];
    for (int i = argc; i < length; i++)
        buf[i] = JS_UNDEFINED;
    return buf;
}

static JSValue js_call_c_function(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                                  JSValueConst new_target, int argc, JSValueConst *argv,
                                  int flags)
{
    JSRuntime *rt = ctx->rt;
    JSObject *p = js_obj(func_obj);
    JSCFunctionInfo *fi = &p->u.cfunc;
    JSContext *realm = fi->realm;
    JSStackFrame sf;
    JSValue ret;
    JSValueConst this_val;
    int length = fi->length;
    if (js_check_stack_overflow(rt, sizeof(JSValue) * length))
        return js_throw_stack_overflow(ctx);
    if (argc < length)
        argv = js_pad_args(argv, argc, length, alloca(sizeof(JSValue) * length));
    sf.prev_frame = rt->current_stack_frame;
    sf.cur_func = func_obj;
    sf.cur_pc = NULL;
    sf.arg_buf = (JSValue *)argv;
    sf.arg_count = argc;
    sf.is_strict = true;
    rt->current_stack_frame = &sf;
    this_val = this_obj;
    switch (fi->cproto) {
    case JS_CFUNC_constructor:
    case JS_CFUNC_constructor_or_func:
        if (!(flags & JS_CALL_FLAG_CONSTRUCTOR) && fi->cproto == JS_CFUNC_constructor) {
            ret = JS_ThrowTypeError(realm, "Constructor requires 'new'");
            break;
        }
        this_val = (flags & JS_CALL_FLAG_CONSTRUCTOR) ? new_target : JS_UNDEFINED;
        ret = fi->c_function.constructor(realm, this_val, argc, argv);
        break;
    case JS_CFUNC_constructor_magic:
    case JS_CFUNC_constructor_or_func_magic:
        if (!(flags & JS_CALL_FLAG_CONSTRUCTOR) && fi->cproto == JS_CFUNC_constructor_magic) {
            ret = JS_ThrowTypeError(realm, "Constructor requires 'new'");
            break;
        }
        this_val = (flags & JS_CALL_FLAG_CONSTRUCTOR) ? new_target : JS_UNDEFINED;
        ret = fi->c_function.constructor_magic(realm, this_val, argc, argv, fi->magic);
        break;
    case JS_CFUNC_generic:
        ret = fi->c_function.generic(realm, this_val, argc, argv);
        break;
    case JS_CFUNC_generic_magic:
        ret = fi->c_function.generic_magic(realm, this_val, argc, argv, fi->magic);
        break;
    case JS_CFUNC_getter:
        ret = fi->c_function.getter(realm, this_val);
        break;
    case JS_CFUNC_setter:
        ret = fi->c_function.setter(realm, this_val, argc > 0 ? argv[0] : JS_UNDEFINED);
        break;
    case JS_CFUNC_getter_magic:
        ret = fi->c_function.getter_magic(realm, this_val, fi->magic);
        break;
    case JS_CFUNC_setter_magic:
        ret = fi->c_function.setter_magic(realm, this_val, argc > 0 ? argv[0] : JS_UNDEFINED,
                                          fi->magic);
        break;
    default:
        abort();
    }
    rt->current_stack_frame = sf.prev_frame;
    return ret;
}

static JSValue js_call_c_function_data(JSContext *ctx, JSValueConst func_obj,
                                       JSValueConst this_obj, JSValueConst new_target, int argc,
                                       JSValueConst *argv, int flags)
{
    JSRuntime *rt = ctx->rt;
    JSCFunctionDataRecord *s = js_obj(func_obj)->u.c_function_data;
    JSStackFrame sf;
    JSValue ret;
    if (js_check_stack_overflow(rt, sizeof(JSValue) * s->length))
        return js_throw_stack_overflow(ctx);
    if (argc < s->length)
        argv = js_pad_args(argv, argc, s->length, alloca(sizeof(JSValue) * s->length));
    sf.prev_frame = rt->current_stack_frame;
    sf.cur_func = func_obj;
    sf.cur_pc = NULL;
    sf.arg_buf = (JSValue *)argv;
    sf.arg_count = argc;
    sf.is_strict = true;
    rt->current_stack_frame = &sf;
    ret = s->func(s->realm, (flags & JS_CALL_FLAG_CONSTRUCTOR) ? new_target : this_obj, argc, argv,
                  s->magic, s->data);
    rt->current_stack_frame = sf.prev_frame;
    return ret;
}

static JSValue js_call_bound_function(JSContext *ctx, JSValueConst func_obj,
                                      JSValueConst this_obj, JSValueConst new_target, int argc,
                                      JSValueConst *argv, int flags)
{
    JSBoundFunction *bf = js_obj(func_obj)->u.bound_function;
    int n = bf->argc + argc;
    JSValueConst *args;
    if (js_check_stack_overflow(ctx->rt, sizeof(JSValue) * n))
        return js_throw_stack_overflow(ctx);
    args = alloca(sizeof(JSValue) * (n ? n : 1));
    for (int i = 0; i < bf->argc; i++)
        args[i] = bf->argv[i];
    for (int i = 0; i < argc; i++)
        args[bf->argc + i] = argv[i];
    if (flags & JS_CALL_FLAG_CONSTRUCTOR) {
        if (JS_IsObject(new_target) && js_obj(new_target) == js_obj(func_obj))
            new_target = bf->func_obj;
        return JS_CallInternal(ctx, bf->func_obj, JS_UNDEFINED, new_target, n, args, flags);
    }
    return JS_CallInternal(ctx, bf->func_obj, bf->this_val, JS_UNDEFINED, n, args, flags);
}

JSValue JS_CallInternal(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                        JSValueConst new_target, int argc, JSValueConst *argv, int flags)
{
    JSObject *p;
    JSClassCall *call;
    if (js_unlikely(!JS_IsObject(func_obj)))
        return JS_ThrowTypeError(ctx, "not a function");
    p = js_obj(func_obj);
    switch (p->class_id) {
    case JS_CLASS_BYTECODE_FUNCTION:
        return js_interp_call(ctx, func_obj, this_obj, new_target, argc, argv, flags);
    case JS_CLASS_C_FUNCTION:
        return js_call_c_function(ctx, func_obj, this_obj, new_target, argc, argv, flags);
    case JS_CLASS_BOUND_FUNCTION:
        return js_call_bound_function(ctx, func_obj, this_obj, new_target, argc, argv, flags);
    case JS_CLASS_C_FUNCTION_DATA:
        return js_call_c_function_data(ctx, func_obj, this_obj, new_target, argc, argv, flags);
    default:
        call = ctx->rt->class_array[p->class_id].call;
        if (!call)
            return JS_ThrowTypeError(ctx, "not a function");
        return call(ctx, func_obj, (flags & JS_CALL_FLAG_CONSTRUCTOR) ? new_target : this_obj,
                    argc, argv, flags);
    }
}

JSValue JS_Call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj, int argc,
                JSValueConst *argv)
{
    return JS_CallInternal(ctx, func_obj, this_obj, JS_UNDEFINED, argc, argv,
                           JS_CALL_FLAG_COPY_ARGV);
}

JSValue JS_CallFree(JSContext *ctx, JSValue func_obj, JSValueConst this_obj, int argc,
                    JSValueConst *argv)
{
    JSValue res = JS_Call(ctx, func_obj, this_obj, argc, argv);
    JS_FreeValue(ctx, func_obj);
    return res;
}

JSValue JS_CallConstructor2(JSContext *ctx, JSValueConst func_obj, JSValueConst new_target,
                            int argc, JSValueConst *argv)
{
    if (!JS_IsConstructor(ctx, func_obj))
        return JS_ThrowTypeError(ctx, "not a constructor");
    return JS_CallInternal(ctx, func_obj, JS_UNDEFINED, new_target, argc, argv,
                           JS_CALL_FLAG_CONSTRUCTOR | JS_CALL_FLAG_COPY_ARGV);
}

JSValue JS_CallConstructor(JSContext *ctx, JSValueConst func_obj, int argc, JSValueConst *argv)
{
    return JS_CallConstructor2(ctx, func_obj, func_obj, argc, argv);
}

JSValue JS_Invoke(JSContext *ctx, JSValueConst this_val, JSAtom atom, int argc,
                  JSValueConst *argv)
{
    JSValue func = JS_GetProperty(ctx, this_val, atom);
    if (JS_IsException(func))
        return func;
    return JS_CallFree(ctx, func, this_val, argc, argv);
}

JSValue JS_InvokeFree(JSContext *ctx, JSValue this_val, JSAtom atom, int argc,
                      JSValueConst *argv)
{
    JSValue res = JS_Invoke(ctx, this_val, atom, argc, argv);
    JS_FreeValue(ctx, this_val);
    return res;
}

/* ---------------------------------------------------------------------
 * Helpers built on calls
 * ------------------------------------------------------------------- */
JSValue js_get_method(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSValue f = JS_GetProperty(ctx, obj, prop);
    if (JS_IsException(f) || JS_IsUndefined(f))
        return f;
    if (JS_IsNull(f))
        return JS_UNDEFINED;
    if (!JS_IsCallable(ctx, f)) {
        JS_FreeValue(ctx, f);
        return js_throw_type_error_atom(ctx, "%s is not a function", prop);
    }
    return f;
}

JSContext *js_get_function_realm(JSContext *ctx, JSValueConst func_obj)
{
    JSObject *p;
    for (;;) {
        if (!JS_IsObject(func_obj))
            return ctx;
        p = js_obj(func_obj);
        switch (p->class_id) {
        case JS_CLASS_BYTECODE_FUNCTION:
            return js_bytecode_function_realm(p);
        case JS_CLASS_C_FUNCTION:
            return p->u.cfunc.realm;
        case JS_CLASS_C_FUNCTION_DATA:
            return p->u.c_function_data->realm;
        case JS_CLASS_BOUND_FUNCTION:
            func_obj = p->u.bound_function->func_obj;
            break;
        case JS_CLASS_PROXY:
            func_obj = js_proxy_target_or_throw(ctx, p);
            if (JS_IsException(func_obj))
                return NULL;
            break;
        default:
            return ctx;
        }
    }
}

JSValue js_species_constructor(JSContext *ctx, JSValueConst obj, JSValueConst default_ctor)
{
    JSValue ctor, species;
    if (!JS_IsObject(obj))
        return JS_ThrowTypeError(ctx, "not an object");
    ctor = JS_GetProperty(ctx, obj, JS_ATOM_constructor);
    if (JS_IsException(ctor))
        return ctor;
    if (JS_IsUndefined(ctor))
        return JS_DupValue(ctx, default_ctor);
    if (!JS_IsObject(ctor)) {
        JS_FreeValue(ctx, ctor);
        return JS_ThrowTypeError(ctx, "constructor is not an object");
    }
    species = JS_GetProperty(ctx, ctor, JS_ATOM_Symbol_species);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(species))
        return species;
    if (JS_IsUndefined(species) || JS_IsNull(species))
        return JS_DupValue(ctx, default_ctor);
    if (!JS_IsConstructor(ctx, species)) {
        JS_FreeValue(ctx, species);
        return JS_ThrowTypeError(ctx, "species is not a constructor");
    }
    return species;
}

/* ---------------------------------------------------------------------
 * Property lists
 * ------------------------------------------------------------------- */
/* "[Symbol.iterator]" names a well-known symbol */
static JSAtom js_list_entry_atom(JSContext *ctx, const char *name)
{
    static const char sym_prefix[] = "[Symbol.";
    if (strncmp(name, sym_prefix, sizeof(sym_prefix) - 1) == 0) {
        size_t n = strlen(name);
        for (JSAtom a = JS_ATOM_Symbol_first; a < JS_ATOM_END; a++) {
            JSString *p = ctx->rt->atom_array[a];
            /* atom text is "Symbol.x"; the name is "[Symbol.x]" */
            if (p->len == n - 2 && memcmp(p->u.str8, name + 1, n - 2) == 0)
                return a;
        }
        return JS_ATOM_NULL;
    }
    return JS_NewAtom(ctx, name);
}

static int js_define_list_entry(JSContext *ctx, JSValueConst obj, JSAtom atom,
                                const JSCFunctionListEntry *e)
{
    JSValue val, getter, setter;
    int flags = e->prop_flags;
    switch (e->def_type) {
    case JS_DEF_CFUNC:
        val = js_new_cfunction3(ctx, e->u.func.cfunc.generic, atom, e->u.func.length,
                                e->u.func.cproto, e->magic, JS_UNDEFINED);
        break;
    case JS_DEF_CGETSET:
    case JS_DEF_CGETSET_MAGIC: {
        bool magic = e->def_type == JS_DEF_CGETSET_MAGIC;
        getter = setter = JS_UNDEFINED;
        if (e->u.getset.get.generic) {
            JSValue name = js_get_function_name(ctx, atom, JS_ATOM_get_);
            JSAtom a = JS_IsException(name) ? JS_ATOM_NULL : JS_ValueToAtom(ctx, name);
            JS_FreeValue(ctx, name);
            if (a == JS_ATOM_NULL)
                return -1;
            getter = js_new_cfunction3(ctx, e->u.getset.get.generic, a, 0,
                                       magic ? JS_CFUNC_getter_magic : JS_CFUNC_getter, e->magic,
                                       JS_UNDEFINED);
            JS_FreeAtom(ctx, a);
            if (JS_IsException(getter))
                return -1;
        }
        if (e->u.getset.set.generic) {
            JSValue name = js_get_function_name(ctx, atom, JS_ATOM_set_);
            JSAtom a = JS_IsException(name) ? JS_ATOM_NULL : JS_ValueToAtom(ctx, name);
            JS_FreeValue(ctx, name);
            if (a == JS_ATOM_NULL) {
                JS_FreeValue(ctx, getter);
                return -1;
            }
            setter = js_new_cfunction3(ctx, e->u.getset.set.generic, a, 1,
                                       magic ? JS_CFUNC_setter_magic : JS_CFUNC_setter, e->magic,
                                       JS_UNDEFINED);
            JS_FreeAtom(ctx, a);
            if (JS_IsException(setter)) {
                JS_FreeValue(ctx, getter);
                return -1;
            }
        }
        return JS_DefinePropertyGetSet(ctx, obj, atom, getter, setter, flags);
    }
    case JS_DEF_PROP_STRING:
        val = JS_NewString(ctx, e->u.str);
        break;
    case JS_DEF_PROP_INT32:
        val = JS_NewInt32(ctx, e->u.i32);
        break;
    case JS_DEF_PROP_INT64:
        val = JS_NewInt64(ctx, e->u.i64);
        break;
    case JS_DEF_PROP_DOUBLE:
        val = JS_NewFloat64(ctx, e->u.f64);
        break;
    case JS_DEF_PROP_UNDEFINED:
        val = JS_UNDEFINED;
        break;
    case JS_DEF_OBJECT:
        val = JS_NewObject(ctx);
        if (!JS_IsException(val) &&
            JS_SetPropertyFunctionList(ctx, val, e->u.prop_list.tab, e->u.prop_list.len) < 0) {
            JS_FreeValue(ctx, val);
            return -1;
        }
        break;
    case JS_DEF_ALIAS: {
        JSAtom from = js_list_entry_atom(ctx, e->u.alias.name);
        if (from == JS_ATOM_NULL)
            return -1;
        val = JS_GetProperty(ctx, obj, from);
        JS_FreeAtom(ctx, from);
        break;
    }
    default:
        abort();
    }
    if (JS_IsException(val))
        return -1;
    return JS_DefinePropertyValue(ctx, obj, atom, val, flags);
}

int JS_SetPropertyFunctionList(JSContext *ctx, JSValueConst obj, const JSCFunctionListEntry *tab,
                               int len)
{
    /* a long list goes into a shape of the object's own, edited in place,
       then detached (js_shape_detach_chain): no chain of shapes, each a
       copy of the last */
    bool bulk = len >= JS_FUNCTION_LIST_DETACH_LEN && JS_IsObject(obj);
    if (bulk && js_shape_make_unshared(ctx, js_obj(obj)) < 0)
        return -1;
    for (int i = 0; i < len; i++) {
        JSAtom atom = js_list_entry_atom(ctx, tab[i].name);
        int ret;
        if (atom == JS_ATOM_NULL)
            return -1;
        ret = js_define_list_entry(ctx, obj, atom, &tab[i]);
        JS_FreeAtom(ctx, atom);
        if (ret < 0)
            return -1;
    }
    return bulk ? js_shape_detach_chain(ctx, js_obj(obj)) : 0;
}
