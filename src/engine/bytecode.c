/*
 * bytecode.c — lifetime of compiled functions (JSFunctionBytecode records,
 * GC nodes shared by every closure of the same code) and of the closures
 * themselves (JS_CLASS_BYTECODE_FUNCTION objects), plus
 * Function.prototype.toString's source text.
 */
#include "bytecode.h"
#include "atom.h"
#include "error.h"
#include "function.h"
#include "gc.h"
#include "object.h"
#include "runtime.h"
#include "shape.h"
#include "str.h"

/* ---------------------------------------------------------------------
 * The bytecode record
 * ------------------------------------------------------------------- */
void js_bytecode_free_atoms(JSRuntime *rt, const uint8_t *code, uint32_t len)
{
    uint32_t pos = 0;
    while (pos < len) {
        const JSOpCodeInfo *oi = &js_opcode_info[code[pos]];
        switch (oi->fmt) {
        case OPF_atom:
        case OPF_atom_ic:
        case OPF_atom_u8:
        case OPF_atom_label:
            JS_FreeAtomRT(rt, get_u32(code + pos + 1));
            break;
        default:
            break;
        }
        pos += oi->size;
    }
}

void js_bytecode_free_children(JSRuntime *rt, JSFunctionBytecode *b)
{
    uint32_t nslots = b->arg_count + b->var_count;
    for (uint32_t i = 0; i < b->cpool_count; i++)
        JS_FreeValueRT(rt, b->cpool[i]);
    js_free_rt(rt, b->cpool);
    b->cpool = NULL;
    b->cpool_count = 0;
    for (uint32_t i = 0; i < b->ic_count; i++) {
        if (b->ic[i].shape)
            js_free_shape(rt, b->ic[i].shape);
        if (b->ic[i].holder_shape)
            js_free_shape(rt, b->ic[i].holder_shape);
    }
    js_free_rt(rt, b->ic);
    b->ic = NULL;
    b->ic_count = 0;
    if (b->vardefs) {
        for (uint32_t i = 0; i < nslots; i++)
            JS_FreeAtomRT(rt, b->vardefs[i].var_name);
        js_free_rt(rt, b->vardefs);
        b->vardefs = NULL;
    }
    for (uint32_t i = 0; i < b->closure_var_count; i++)
        JS_FreeAtomRT(rt, b->closure_var[i].var_name);
    js_free_rt(rt, b->closure_var);
    b->closure_var = NULL;
    for (uint32_t i = 0; i < b->eval_scope_count; i++) {
        for (uint32_t j = 0; j < b->eval_scopes[i].count; j++)
            JS_FreeAtomRT(rt, b->eval_scopes[i].bindings[j].name);
        js_free_rt(rt, b->eval_scopes[i].bindings);
    }
    js_free_rt(rt, b->eval_scopes);
    b->eval_scopes = NULL;
    for (uint32_t i = 0; i < b->global_decl_count; i++)
        JS_FreeAtomRT(rt, b->global_decls[i].name);
    js_free_rt(rt, b->global_decls);
    b->global_decls = NULL;
    JS_FreeAtomRT(rt, b->func_name);
    JS_FreeAtomRT(rt, b->filename);
    JS_FreeAtomRT(rt, b->referrer);
    b->func_name = b->filename = b->referrer = JS_ATOM_NULL;
    JS_FreeValueRT(rt, b->source);
    b->source = JS_UNDEFINED;
    if (b->code)
        js_bytecode_free_atoms(rt, b->code, b->code_len);
    js_free_rt(rt, b->code);
    b->code = NULL;
    js_free_rt(rt, b->pc2line);
    b->pc2line = NULL;
    if (b->closure_shape) {
        js_free_shape(rt, b->closure_shape);
        b->closure_shape = NULL;
    }
    if (b->realm) {
        JSContext *realm = b->realm;
        b->realm = NULL;
        JS_FreeContext(realm);
    }
}

void js_bytecode_mark(JSRuntime *rt, JSFunctionBytecode *b, JSMarkFunc *mark_func)
{
    for (uint32_t i = 0; i < b->cpool_count; i++)
        js_gc_mark_value(rt, b->cpool[i], mark_func);
    for (uint32_t i = 0; i < b->ic_count; i++) {
        if (b->ic[i].shape)
            mark_func(rt, &b->ic[i].shape->header);
        if (b->ic[i].holder_shape)
            mark_func(rt, &b->ic[i].holder_shape->header);
    }
    if (b->closure_shape)
        mark_func(rt, &b->closure_shape->header);
    if (b->realm)
        mark_func(rt, &b->realm->header);
}

/* ---------------------------------------------------------------------
 * Closures
 * ------------------------------------------------------------------- */
void js_bytecode_function_finalizer(JSRuntime *rt, JSValue val)
{
    JSObject *p = js_obj(val);
    JSFunctionBytecode *b = p->u.func.function_bytecode;
    if (p->u.func.home_object)
        JS_FreeValueRT(rt, js_obj_value(p->u.func.home_object));
    JS_FreeValueRT(rt, p->u.func.class_fields);
    if (!b)
        return;
    if (p->u.func.var_refs) {
        for (uint32_t i = 0; i < b->closure_var_count; i++) {
            if (p->u.func.var_refs[i])
                JS_FreeValueRT(rt, js_var_ref_value(p->u.func.var_refs[i]));
        }
        js_free_rt(rt, p->u.func.var_refs);
    }
    JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, b));
}

void js_bytecode_function_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSObject *p = js_obj(val);
    JSFunctionBytecode *b = p->u.func.function_bytecode;
    if (p->u.func.home_object)
        mark_func(rt, &p->u.func.home_object->header);
    js_gc_mark_value(rt, p->u.func.class_fields, mark_func);
    if (!b)
        return;
    mark_func(rt, &b->header);
    if (p->u.func.var_refs) {
        for (uint32_t i = 0; i < b->closure_var_count; i++) {
            if (p->u.func.var_refs[i])
                mark_func(rt, &p->u.func.var_refs[i]->header);
        }
    }
}

JSContext *js_bytecode_function_realm(JSObject *p)
{
    return p->u.func.function_bytecode->realm;
}

/* the lazily created "prototype" of an ordinary function */
static JSValue js_function_proto_init(JSContext *ctx, JSObject *p, JSAtom prop, void *opaque)
{
    JSFunctionBytecode *b = p->u.func.function_bytecode;
    JSValue proto;
    /* generator functions: an object inheriting %GeneratorPrototype% */
    if (b->flags & JS_BC_GENERATOR)
        return js_new_object_proto(ctx, js_obj(b->flags & JS_BC_ASYNC
                                                   ? b->realm->async_generator_proto
                                                   : b->realm->generator_proto),
                                   JS_CLASS_OBJECT);
    /* %Object.prototype% of the function's realm, not of the reader's */
    proto = JS_NewObjectProto(ctx, b->realm->class_proto[JS_CLASS_OBJECT]);
    if (JS_IsException(proto))
        return proto;
    if (JS_DefinePropertyValue(ctx, proto, JS_ATOM_constructor, js_dup_obj(p),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, proto);
        return JS_EXCEPTION;
    }
    return proto;
}

static int js_define_autoinit(JSContext *ctx, JSObject *p, JSAtom prop, JSAutoInitFunc *func,
                              int flags)
{
    JSAutoInit *init = js_malloc(ctx, sizeof(JSAutoInit));
    JSProperty *pr;
    if (!init)
        return -1;
    init->func = func;
    init->opaque = NULL;
    pr = js_shape_add_property(ctx, p, prop, flags | JS_PROP_AUTOINIT);
    if (!pr) {
        js_free(ctx, init);
        return -1;
    }
    pr->init = init;
    return 0;
}

/* the [[Prototype]] of a new function of this kind */
static JSValueConst js_function_kind_proto(JSContext *ctx, uint32_t flags)
{
    switch (flags & (JS_BC_GENERATOR | JS_BC_ASYNC)) {
    case JS_BC_GENERATOR:
        return ctx->generator_function_proto;
    case JS_BC_ASYNC:
        return ctx->async_function_proto;
    case JS_BC_GENERATOR | JS_BC_ASYNC:
        return ctx->async_generator_function_proto;
    default:
        return ctx->function_proto;
    }
}

/* own "caller" and "arguments", undefined, non-writable and
   non-configurable; p is a fresh function, so adding them through its
   shape is what defining them would do, without the generic path */
static int js_closure_add_legacy_props(JSContext *ctx, JSObject *p)
{
    JSProperty *pr = js_shape_add_property(ctx, p, JS_ATOM_caller, 0);
    if (!pr)
        return -1;
    pr->value = JS_UNDEFINED;
    pr = js_shape_add_property(ctx, p, JS_ATOM_arguments, 0);
    if (!pr)
        return -1;
    pr->value = JS_UNDEFINED;
    return 0;
}

/* The own properties of a closure, in the order js_closure_add_props adds
   them: "length", "name", then "prototype" for ordinary functions and
   generators, then "caller" and "arguments" for sloppy constructors. */
static bool js_closure_has_proto(const JSFunctionBytecode *b)
{
    return (b->flags & JS_BC_HAS_PROTOTYPE) && !(b->flags & JS_BC_CLASS_CTOR);
}

static bool js_closure_has_legacy(const JSFunctionBytecode *b)
{
    return (b->flags & (JS_BC_STRICT | JS_BC_CONSTRUCTOR)) == JS_BC_CONSTRUCTOR;
}

/* adds the own properties to a fresh closure through the generic path */
static int js_closure_add_props(JSContext *ctx, JSValueConst obj, JSFunctionBytecode *b)
{
    JSObject *p = js_obj(obj);
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_length, JS_NewInt32(ctx, b->length),
                               JS_PROP_CONFIGURABLE) < 0)
        return -1;
    if (js_set_function_name(ctx, obj, b->func_name, JS_ATOM_NULL) < 0)
        return -1;
    if (js_closure_has_proto(b) &&
        js_define_autoinit(ctx, p, JS_ATOM_prototype, js_function_proto_init,
                           JS_PROP_WRITABLE) < 0)
        return -1;
    /* sloppy ordinary functions: the legacy "caller" and "arguments" (why
       they exist and read as undefined: builtins/function.c) */
    if (js_closure_has_legacy(b) && js_closure_add_legacy_props(ctx, p) < 0)
        return -1;
    return 0;
}

/* remembers the shape the generic path gave the first closure of b, when
   it is shared and holds the properties in the expected order */
static void js_closure_cache_shape(JSFunctionBytecode *b, JSShape *sh)
{
    static const JSAtom order[] = {JS_ATOM_length, JS_ATOM_name, JS_ATOM_prototype,
                                   JS_ATOM_caller, JS_ATOM_arguments};
    int n = 2 + js_closure_has_proto(b);
    bool legacy = js_closure_has_legacy(b);
    if (!sh->is_hashed || sh->prop_count != n + 2 * legacy)
        return;
    for (int i = 0; i < sh->prop_count; i++) {
        if (sh->prop[i].atom != order[i < n ? i : i + 3 - n])
            return;
    }
    b->closure_shape = js_dup_shape(sh);
}

/* a closure of b from the remembered shape: the same properties with the
   same values as js_closure_add_props gives, without looking anything up */
static JSValue js_closure_from_shape(JSContext *ctx, JSFunctionBytecode *b)
{
    JSValue obj, name;
    JSObject *p;
    JSAutoInit *init = NULL;
    int i = 2;
    name = js_get_function_name(ctx, b->func_name, JS_ATOM_NULL);
    if (JS_IsException(name))
        return name;
    if (js_closure_has_proto(b)) {
        init = js_malloc(ctx, sizeof(JSAutoInit));
        if (!init) {
            JS_FreeValue(ctx, name);
            return JS_EXCEPTION;
        }
        init->func = js_function_proto_init;
        init->opaque = NULL;
    }
    obj = js_new_object_from_shape(ctx, js_dup_shape(b->closure_shape),
                                   JS_CLASS_BYTECODE_FUNCTION);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, name);
        js_free(ctx, init);
        return obj;
    }
    p = js_obj(obj);
    p->prop[0].value = JS_NewInt32(ctx, b->length);
    p->prop[1].value = name;
    if (init)
        p->prop[i++].init = init;
    if (js_closure_has_legacy(b)) {
        p->prop[i++].value = JS_UNDEFINED;
        p->prop[i++].value = JS_UNDEFINED;
    }
    return obj;
}

JSValue js_closure(JSContext *ctx, JSValueConst bfunc, JSVarRef **parent_var_refs,
                   JSValue *parent_slots, JSValueConst home_object)
{
    JSFunctionBytecode *b = js_bytecode_of(bfunc);
    JSValueConst proto = js_function_kind_proto(ctx, b->flags);
    bool cached = b->closure_shape && b->closure_shape->proto == js_obj(proto);
    JSValue obj;
    JSObject *p;
    if (cached)
        obj = js_closure_from_shape(ctx, b);
    else
        obj = JS_NewObjectProtoClass(ctx, proto, JS_CLASS_BYTECODE_FUNCTION);
    if (JS_IsException(obj))
        return obj;
    p = js_obj(obj);
    p->u.func.function_bytecode = b;
    p->u.func.class_fields = JS_UNDEFINED;
    b->header.ref_count++;
    p->u.func.home_object = JS_IsObject(home_object) ? js_obj(JS_DupValue(ctx, home_object))
                                                     : NULL;
    p->is_constructor = (b->flags & JS_BC_CONSTRUCTOR) != 0;
    p->is_class_constructor = (b->flags & JS_BC_CLASS_CTOR) != 0;
    if (b->closure_var_count) {
        p->u.func.var_refs = js_mallocz(ctx, sizeof(JSVarRef *) * b->closure_var_count);
        if (!p->u.func.var_refs)
            goto fail;
        for (uint32_t i = 0; i < b->closure_var_count; i++) {
            JSClosureVar *cv = &b->closure_var[i];
            JSVarRef *r = cv->is_local ? (JSVarRef *)JS_VALUE_GET_PTR(parent_slots[cv->var_idx])
                                       : parent_var_refs[cv->var_idx];
            r->header.ref_count++;
            p->u.func.var_refs[i] = r;
        }
    }
    if (!cached) {
        if (js_closure_add_props(ctx, obj, b) < 0)
            goto fail;
        if (!b->closure_shape)
            js_closure_cache_shape(b, p->shape);
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Source text
 * ------------------------------------------------------------------- */
JSValue js_bytecode_function_source(JSContext *ctx, JSObject *p)
{
    JSFunctionBytecode *b = p->u.func.function_bytecode;
    JSString *src;
    if (!JS_IsString(b->source) || b->source_end <= b->source_start)
        return js_new_string8(ctx, "function () { [native code] }");
    src = JS_VALUE_GET_STRING(b->source);
    if (b->source_end > src->len)
        return js_new_string8(ctx, "function () { [native code] }");
    return js_new_string_utf8(ctx, (const char *)src->u.str8 + b->source_start,
                              b->source_end - b->source_start);
}
