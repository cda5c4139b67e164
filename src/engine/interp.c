/*
 * interp.c — the bytecode interpreter: one C function per JS call, a
 * computed-goto dispatch loop over a stack machine whose frame (arguments,
 * locals, operand stack) lives in an alloca'd block.
 *
 * Exceptions: a failing instruction jumps to `exception`, which pops the
 * operand stack down to the nearest catch offset (pushed by OP_catch) and
 * resumes there with the exception value; with none left, the call returns
 * JS_EXCEPTION. Uncatchable errors (interrupts) skip every handler.
 *
 * The hot instructions handle int32 / double operands and inline-cached
 * property reads inline; everything else calls out to the helpers at the
 * top of this file or to the object/operator modules.
 */
#include <alloca.h>
#include <math.h>

#include "interp.h"
#include "async_iter.h"
#include "atom.h"
#include "bigint.h"
#include "builtins/builtins.h"
#include "builtins/regexp.h"
#include "builtins/typedarray.h"
#include "bytecode.h"
#include "compile.h"
#include "classfields.h"
#include "conv.h"
#include "error.h"
#include "fast_array.h"
#include "forin.h"
#include "function.h"
#include "gc.h"
#include "generator.h"
#include "globals.h"
#include "iter.h"
#include "module.h"
#include "object.h"
#include "operators.h"
#include "runtime.h"
#include "shape.h"
#include "str.h"

#define CELL(v) ((JSVarRef *)JS_VALUE_GET_PTR(v))

static inline void set_value(JSContext *ctx, JSValue *pval, JSValue new_val)
{
    JSValue old = *pval;
    *pval = new_val;
    JS_FreeValue(ctx, old);
}

static JSAtom js_slot_name(JSFunctionBytecode *b, int idx)
{
    return b->vardefs ? b->vardefs[b->arg_count + idx].var_name : JS_ATOM_NULL;
}

/* ---------------------------------------------------------------------
 * Inline caches
 * ------------------------------------------------------------------- */
static void js_ic_clear(JSRuntime *rt, JSInlineCache *ic)
{
    if (ic->shape)
        js_free_shape(rt, ic->shape);
    if (ic->holder_shape)
        js_free_shape(rt, ic->holder_shape);
    ic->shape = ic->holder_shape = NULL;
    ic->holder = NULL;
}

/* after a generic read of obj.atom, remember where a plain data property
   was found: on the object itself or on its direct prototype */
static void js_ic_update_get(JSContext *ctx, JSInlineCache *ic, JSObject *p, JSAtom atom)
{
    JSProperty *pr;
    JSShapeProperty *prs;
    JSObject *q;
    uint32_t idx;
    if (!p->shape->is_hashed || (p->is_exotic && !p->fast_array) ||
        js_atom_is_tagged_int(atom))
        return;
    prs = js_shape_find(p->shape, atom, &idx);
    if (prs) {
        if (prs->flags & JS_PROP_TMASK)
            return;
        js_ic_clear(ctx->rt, ic);
        ic->shape = js_dup_shape(p->shape);
        ic->slot = idx;
        return;
    }
    q = p->shape->proto;
    if (!q || !q->shape->is_hashed || (q->is_exotic && !q->fast_array))
        return;
    prs = find_own_property(&pr, q, atom);
    if (!prs || (prs->flags & JS_PROP_TMASK))
        return;
    js_ic_clear(ctx->rt, ic);
    ic->shape = js_dup_shape(p->shape);
    ic->holder = q;
    ic->holder_shape = js_dup_shape(q->shape);
    ic->slot = pr - q->prop;
}

static JSValue js_get_field_slow(JSContext *ctx, JSInlineCache *ic, JSValueConst obj, JSAtom atom)
{
    JSValue v = JS_GetPropertyInternal(ctx, obj, atom, obj, false);
    if (JS_IsObject(obj) && !JS_IsException(v))
        js_ic_update_get(ctx, ic, js_obj(obj), atom);
    return v;
}

static inline bool js_ic_get(JSInlineCache *ic, JSObject *p, JSValue *pv)
{
    if (p->shape != ic->shape)
        return false;
    if (!ic->holder) {
        *pv = p->prop[ic->slot].value;
        return true;
    }
    if (ic->holder->shape != ic->holder_shape)
        return false;
    *pv = ic->holder->prop[ic->slot].value;
    return true;
}

/* true when setting atom on p is sure to add it as an own data property:
   p is an ordinary extensible object without it, and no object on its
   prototype chain has it (no setter, no read-only property to honour) or
   is exotic. The chain is checked at every use, its shapes being free to
   change without p's changing. */
static bool js_put_adds_property(JSObject *p, JSAtom atom)
{
    uint32_t idx;
    if (p->is_exotic || !p->extensible)
        return false;
    for (JSObject *q = p->shape->proto; q; q = q->shape->proto) {
        if (q->is_exotic || js_shape_find(q->shape, atom, &idx))
            return false;
    }
    return true;
}

/* the cached transition of a put that adds the property: p's shape is
   ic->shape, the property goes into the last slot of ic->holder_shape;
   false (and nothing done) when the slow path must run */
static bool js_ic_put_add(JSContext *ctx, JSInlineCache *ic, JSObject *p, JSAtom atom,
                          JSValue val)
{
    JSShape *next = ic->holder_shape;
    if (!js_put_adds_property(p, atom))
        return false;
    if (next->prop_size > p->shape->prop_size && js_object_resize_props(ctx, p, next->prop_size))
        return false;
    /* the cache holds the old shape too: dropping p's reference frees nothing */
    js_free_shape(ctx->rt, p->shape);
    p->shape = js_dup_shape(next);
    p->prop[next->prop_count - 1].value = val;
    return true;
}

static int js_put_field_slow(JSContext *ctx, JSInlineCache *ic, JSValueConst obj, JSAtom atom,
                             JSValue val, int flags)
{
    JSObject *p;
    JSShapeProperty *prs;
    JSShape *before = NULL;
    uint32_t idx;
    int ret;
    /* a put that adds a property to a shared shape: remember the
       transition it takes */
    if (JS_IsObject(obj) && js_obj(obj)->shape->is_hashed && !js_atom_is_tagged_int(atom) &&
        !js_shape_find(js_obj(obj)->shape, atom, &idx) && js_put_adds_property(js_obj(obj), atom))
        before = js_dup_shape(js_obj(obj)->shape);
    ret = JS_SetPropertyInternal(ctx, obj, atom, val, obj, flags);
    if (before) {
        JSShape *after = js_obj(obj)->shape;
        if (ret >= 0 && after->is_hashed && after->proto == before->proto &&
            after->prop_count == before->prop_count + 1 &&
            after->prop[after->prop_count - 1].atom == atom &&
            (after->prop[after->prop_count - 1].flags & (JS_PROP_TMASK | JS_PROP_C_W_E)) ==
                JS_PROP_C_W_E) {
            js_ic_clear(ctx->rt, ic);
            ic->shape = before;
            ic->holder_shape = js_dup_shape(after);
            ic->slot = after->prop_count - 1;
        } else {
            js_free_shape(ctx->rt, before);
        }
        return ret;
    }
    if (ret < 0 || !JS_IsObject(obj))
        return ret;
    p = js_obj(obj);
    if (!p->shape->is_hashed || js_atom_is_tagged_int(atom))
        return ret;
    prs = js_shape_find(p->shape, atom, &idx);
    if (prs && (prs->flags & (JS_PROP_TMASK | JS_PROP_WRITABLE | JS_PROP_LENGTH)) ==
                   JS_PROP_WRITABLE) {
        js_ic_clear(ctx->rt, ic);
        ic->shape = js_dup_shape(p->shape);
        ic->slot = idx;
    }
    return ret;
}

/* ---------------------------------------------------------------------
 * Helpers for the less common instructions
 * ------------------------------------------------------------------- */
static JSValue js_coerce_this(JSContext *ctx, JSValueConst this_val)
{
    if (JS_IsNull(this_val) || JS_IsUndefined(this_val))
        return JS_DupValue(ctx, ctx->global_obj);
    return JS_ToObject(ctx, this_val);
}

static JSValue js_build_arguments(JSContext *ctx, JSFrame *f, JSValue *args, int argc,
                                  bool mapped)
{
    JSValue obj;
    if (mapped) {
        obj = JS_NewObjectProtoClass(ctx, ctx->class_proto[JS_CLASS_OBJECT],
                                     JS_CLASS_MAPPED_ARGUMENTS);
        if (JS_IsException(obj))
            return obj;
        for (int i = 0; i < argc; i++) {
            if (JS_DefinePropertyValue(ctx, obj, js_atom_from_uint32(i),
                                       JS_DupValue(ctx, args[i]), JS_PROP_C_W_E) < 0)
                goto fail;
        }
    } else {
        JSObject *p;
        obj = JS_NewObjectProtoClass(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_ARGUMENTS);
        if (JS_IsException(obj))
            return obj;
        p = js_obj(obj);
        if (argc > 0 && js_fast_array_reserve(ctx, p, argc))
            goto fail;
        for (int i = 0; i < argc; i++)
            p->u.array.values[i] = JS_DupValue(ctx, args[i]);
        p->u.array.count = argc;
    }
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_length, JS_NewInt32(ctx, argc),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0 ||
        JS_DefinePropertyValue(ctx, obj, JS_ATOM_Symbol_iterator, js_array_proto_values(ctx),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    if (mapped) {
        if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_callee, js_dup_obj(f->func),
                                   JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            goto fail;
    } else if (JS_DefineProperty(ctx, obj, JS_ATOM_callee, JS_UNDEFINED, ctx->throw_type_error,
                                 ctx->throw_type_error,
                                 JS_PROP_HAS_GET | JS_PROP_HAS_SET | JS_PROP_HAS_ENUMERABLE |
                                     JS_PROP_HAS_CONFIGURABLE) < 0) {
        goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* arguments[idx] of a mapped arguments object aliases the cell */
static int js_map_argument(JSContext *ctx, JSValueConst obj, uint32_t idx, JSValue cell)
{
    JSObject *p = js_obj(obj);
    JSProperty *pr;
    JSShapeProperty *prs = find_own_property(&pr, p, js_atom_from_uint32(idx));
    if (!prs)
        return 0; /* idx >= argc: not mapped */
    if (js_shape_make_unshared(ctx, p))
        return -1;
    prs = find_own_property(&pr, p, js_atom_from_uint32(idx));
    JS_FreeValue(ctx, pr->value);
    pr->var_ref = CELL(JS_DupValue(ctx, cell));
    prs->flags = (prs->flags & ~JS_PROP_TMASK) | JS_PROP_VARREF;
    return 0;
}

static JSValue js_special_object(JSContext *ctx, JSFrame *f, int kind, JSValue *args, int argc)
{
    switch (kind) {
    case JS_SPECIAL_ARGUMENTS:
        return js_build_arguments(ctx, f, args, argc, false);
    case JS_SPECIAL_MAPPED_ARGUMENTS:
        return js_build_arguments(ctx, f, args, argc, true);
    case JS_SPECIAL_THIS_FUNC:
        return js_dup_obj(f->func);
    case JS_SPECIAL_NEW_TARGET:
        return JS_DupValue(ctx, f->new_target);
    case JS_SPECIAL_HOME_OBJECT:
        return f->func->u.func.home_object ? js_dup_obj(f->func->u.func.home_object)
                                           : JS_UNDEFINED;
    case JS_SPECIAL_VAR_OBJECT:
        return JS_NewObjectProtoClass(ctx, JS_NULL, JS_CLASS_OBJECT);
    default: /* JS_SPECIAL_IMPORT_META: the module is named after its file */
        return js_module_import_meta(ctx, f->func->u.func.function_bytecode->referrer);
    }
}

static JSValue js_rest_array(JSContext *ctx, JSValue *args, int argc, int first)
{
    JSValue *values;
    int n = argc > first ? argc - first : 0;
    JSValue arr = js_new_array_len(ctx, n, &values);
    if (JS_IsException(arr))
        return arr;
    for (int i = 0; i < n; i++)
        values[i] = JS_DupValue(ctx, args[first + i]);
    return arr;
}

/* the template strings array of a tagged template site */
static JSValue js_template_object(JSContext *ctx, JSValue *slot)
{
    JSValue desc = *slot, cooked, raw;
    if (JS_IsObject(desc) && js_obj(desc)->class_id == JS_CLASS_ARRAY)
        return JS_DupValue(ctx, desc);
    cooked = JS_GetPropertyStr(ctx, desc, "cooked");
    raw = JS_GetProperty(ctx, desc, JS_ATOM_raw);
    if (JS_IsException(cooked) || JS_IsException(raw))
        goto fail;
    js_obj(raw)->extensible = 0;
    if (js_freeze_object(ctx, raw) < 0 ||
        JS_DefinePropertyValue(ctx, cooked, JS_ATOM_raw, JS_DupValue(ctx, raw), 0) < 0 ||
        js_freeze_object(ctx, cooked) < 0)
        goto fail;
    JS_FreeValue(ctx, raw);
    set_value(ctx, slot, JS_DupValue(ctx, cooked));
    return cooked;
fail:
    JS_FreeValue(ctx, cooked);
    JS_FreeValue(ctx, raw);
    return JS_EXCEPTION;
}

/* a regexp literal: the pattern is compiled when the site is first
   evaluated and the program kept in the site's constant pool slot, so
   every later evaluation only allocates the object */
static JSValue js_regexp_literal(JSContext *ctx, JSValue *slot, JSValueConst pattern,
                                 JSValueConst flags)
{
    if (JS_IsUndefined(*slot)) {
        JSValue program = js_regexp_compile_literal(ctx, pattern, flags);
        if (JS_IsException(program))
            return program;
        *slot = program;
    }
    return js_regexp_new_literal(ctx, pattern, flags, *slot);
}

static JSValue js_throw_error_op(JSContext *ctx, JSAtom atom, int kind)
{
    switch (kind) {
    case JS_THROW_CONST_ASSIGN:
        return JS_ThrowTypeError(ctx, "Assignment to constant variable.");
    case JS_THROW_TDZ:
        return js_throw_reference_error_tdz(ctx, atom);
    case JS_THROW_NOT_DEFINED:
        return js_throw_reference_error_not_defined(ctx, atom);
    case JS_THROW_SUPER_TWICE:
        return JS_ThrowReferenceError(ctx, "Super constructor may only be called once");
    case JS_THROW_DELETE_SUPER:
        return JS_ThrowReferenceError(ctx, "Unsupported reference to 'super'");
    case JS_THROW_NO_ITER_THROW:
        return JS_ThrowTypeError(ctx, "The iterator does not provide a 'throw' method");
    default:
        return JS_ThrowReferenceError(ctx, "Invalid left-hand side in assignment");
    }
}

/* GetBindingValue of an object environment: the property is looked up
   again (it may be gone since the name was resolved) */
static JSValue js_with_get_binding(JSContext *ctx, JSValueConst obj, JSAtom name)
{
    int has = JS_HasProperty(ctx, obj, name);
    if (has < 0)
        return JS_EXCEPTION;
    return has ? JS_GetProperty(ctx, obj, name) : JS_UNDEFINED;
}

/* with-statement and eval-var objects: does obj provide name? */
static int js_with_has(JSContext *ctx, JSValueConst obj, JSAtom name)
{
    JSValue unscopables;
    int ret = JS_HasProperty(ctx, obj, name);
    if (ret <= 0)
        return ret;
    unscopables = JS_GetProperty(ctx, obj, JS_ATOM_Symbol_unscopables);
    if (JS_IsException(unscopables))
        return -1;
    if (JS_IsObject(unscopables)) {
        JSValue blocked = JS_GetProperty(ctx, unscopables, name);
        JS_FreeValue(ctx, unscopables);
        if (JS_IsException(blocked))
            return -1;
        ret = !JS_ToBool(ctx, blocked);
        JS_FreeValue(ctx, blocked);
        return ret;
    }
    JS_FreeValue(ctx, unscopables);
    return 1;
}

static JSValue js_call_array(JSContext *ctx, int kind, JSValueConst a, JSValueConst func,
                             JSValueConst array)
{
    uint32_t len;
    JSValue *tab = js_build_arg_list(ctx, &len, array), ret;
    if (!tab)
        return JS_EXCEPTION;
    switch (kind) {
    case 0: /* this func array */
        ret = JS_CallInternal(ctx, func, a, JS_UNDEFINED, len, tab, 0);
        break;
    case 1: /* func new_target array */
        ret = JS_CallConstructor2(ctx, a, func, len, tab);
        break;
    default: { /* super: ctor new_target array */
        JSValue parent = JS_GetPrototype(ctx, a);
        if (JS_IsException(parent)) {
            ret = parent;
        } else if (!JS_IsConstructor(ctx, parent)) {
            JS_FreeValue(ctx, parent);
            ret = JS_ThrowTypeError(ctx, "Super constructor is not a constructor");
        } else {
            ret = JS_CallConstructor2(ctx, parent, func, len, tab);
            JS_FreeValue(ctx, parent);
        }
        break;
    }
    }
    js_free_value_list(ctx, tab, len);
    return ret;
}

static JSValue js_super_construct(JSContext *ctx, JSValueConst ctor, JSValueConst new_target,
                                  int argc, JSValueConst *argv)
{
    JSValue parent = JS_GetPrototype(ctx, ctor), ret;
    if (JS_IsException(parent))
        return parent;
    if (!JS_IsConstructor(ctx, parent)) {
        JS_FreeValue(ctx, parent);
        return JS_ThrowTypeError(ctx, "Super constructor is not a constructor");
    }
    ret = JS_CallConstructor2(ctx, parent, new_target, argc, argv);
    JS_FreeValue(ctx, parent);
    return ret;
}

/* [arr pos iterable] -> [arr pos'] : spread into an array literal */
static int js_append_iterable(JSContext *ctx, JSValue *sp)
{
    JSValue arr = sp[-3], iterable = sp[-1], next, iter;
    int64_t pos = JS_VALUE_GET_INT(sp[-2]);
    JSValue *values;
    uint32_t count;
    (void)values;
    (void)count;
    {
        iter = js_get_iterator(ctx, iterable, &next);
        if (JS_IsException(iter))
            return -1;
        for (;;) {
            bool done;
            JSValue v = js_iterator_step_value(ctx, iter, next, &done);
            if (JS_IsException(v))
                goto fail;
            if (done)
                break;
            if (JS_DefinePropertyValueValue(ctx, arr, JS_NewInt64(ctx, pos++), v,
                                            JS_PROP_C_W_E | JS_PROP_THROW) < 0)
                goto fail;
        }
        JS_FreeValue(ctx, iter);
        JS_FreeValue(ctx, next);
    }
    JS_FreeValue(ctx, iterable);
    sp[-1] = JS_UNDEFINED;
    sp[-2] = JS_NewInt64(ctx, pos);
    return 0;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return -1;
}

/* CopyDataProperties(target, source, excluded) */
static int js_copy_data_properties(JSContext *ctx, JSValue *sp, int mask)
{
    JSValue target, source;
    JSValue *excluded = NULL;
    int nexcl = 0, ret = -1;
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0;
    if (mask & 0x80) {
        target = sp[-1];
        source = sp[-2];
        nexcl = mask & 0x7f;
        excluded = sp - 2 - nexcl;
    } else {
        target = sp[-2];
        source = sp[-1];
    }
    if (JS_IsNull(source) || JS_IsUndefined(source))
        return 0;
    {
        JSValue src = JS_ToObject(ctx, source);
        if (JS_IsException(src))
            return -1;
        if (JS_GetOwnPropertyNamesInternal(ctx, &tab, &len, js_obj(src),
                                           JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK)) {
            JS_FreeValue(ctx, src);
            return -1;
        }
        for (uint32_t i = 0; i < len; i++) {
            JSAtom a = tab[i].atom;
            JSPropertyDescriptor desc;
            JSValue v;
            int r;
            bool skip = false;
            for (int k = 0; k < nexcl && !skip; k++) {
                JSAtom ka = JS_ValueToAtom(ctx, excluded[k]);
                skip = ka == a;
                JS_FreeAtom(ctx, ka);
            }
            if (skip)
                continue;
            r = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(src), a);
            if (r < 0)
                goto done;
            if (!r)
                continue;
            js_free_desc(ctx, &desc);
            if (!(desc.flags & JS_PROP_ENUMERABLE))
                continue;
            v = JS_GetProperty(ctx, src, a);
            if (JS_IsException(v))
                goto done;
            if (JS_DefinePropertyValue(ctx, target, a, v, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
                goto done;
        }
        ret = 0;
    done:
        js_free_property_enum(ctx, tab, len);
        JS_FreeValue(ctx, src);
    }
    return ret;
}

/* the "name" a computed key gives an anonymous function */
static int js_set_name_computed(JSContext *ctx, JSValueConst key, JSValueConst fn, JSAtom prefix)
{
    JSAtom atom;
    JSPropertyDescriptor desc;
    int ret;
    if (!JS_IsObject(fn))
        return 0;
    if (prefix == JS_ATOM_NULL) {
        /* a class with its own static "name" keeps it */
        ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(fn), JS_ATOM_name);
        if (ret < 0)
            return -1;
        if (ret) {
            bool empty = JS_IsString(desc.value) && js_string_len(desc.value) == 0 &&
                         !(desc.flags & JS_PROP_GETSET);
            js_free_desc(ctx, &desc);
            if (!empty)
                return 0;
        }
    }
    atom = JS_ValueToAtom(ctx, key);
    if (atom == JS_ATOM_NULL)
        return -1;
    ret = js_set_function_name(ctx, fn, atom, prefix);
    JS_FreeAtom(ctx, atom);
    return ret;
}

static int js_define_method(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValueConst key,
                            JSValueConst fn, int kind)
{
    int enum_flag = (kind & 4) ? JS_PROP_ENUMERABLE : 0;
    JSObject *f = js_obj(fn);
    kind &= 3;
    if (f->class_id == JS_CLASS_BYTECODE_FUNCTION) {
        if (f->u.func.home_object)
            JS_FreeValue(ctx, js_obj_value(f->u.func.home_object));
        f->u.func.home_object = js_obj(JS_DupValue(ctx, obj));
    }
    if (kind || !JS_IsUndefined(key)) {
        JSAtom prefix = kind == 1 ? JS_ATOM_get_ : kind == 2 ? JS_ATOM_set_ : JS_ATOM_NULL;
        if (JS_IsUndefined(key)) {
            if (js_set_function_name(ctx, fn, atom, prefix) < 0)
                return -1;
        } else if (js_set_name_computed(ctx, key, fn, prefix ? prefix : JS_ATOM_empty_string) <
                   0) {
            return -1;
        }
    }
    if (kind == 0)
        return JS_DefinePropertyValue(ctx, obj, atom, JS_DupValue(ctx, fn),
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | enum_flag |
                                          JS_PROP_THROW);
    return JS_DefineProperty(ctx, obj, atom, JS_UNDEFINED, kind == 1 ? fn : JS_UNDEFINED,
                             kind == 2 ? fn : JS_UNDEFINED,
                             (kind == 1 ? JS_PROP_HAS_GET : JS_PROP_HAS_SET) |
                                 JS_PROP_HAS_CONFIGURABLE | JS_PROP_HAS_ENUMERABLE |
                                 JS_PROP_CONFIGURABLE | enum_flag | JS_PROP_THROW);
}

/* ClassDefinitionEvaluation: [parent ctor] -> [ctor proto] */
static int js_define_class(JSContext *ctx, JSValue *sp, bool has_heritage)
{
    JSValue parent = sp[-2], ctor = sp[-1], proto_parent, ctor_parent, proto;
    JSObject *c = js_obj(ctor);
    if (has_heritage) {
        if (JS_IsNull(parent)) {
            proto_parent = JS_NULL;
            ctor_parent = JS_DupValue(ctx, ctx->function_proto);
        } else if (!JS_IsConstructor(ctx, parent)) {
            JS_ThrowTypeError(ctx, "Class extends value is not a constructor or null");
            return -1;
        } else {
            proto_parent = JS_GetProperty(ctx, parent, JS_ATOM_prototype);
            if (JS_IsException(proto_parent))
                return -1;
            if (!JS_IsObject(proto_parent) && !JS_IsNull(proto_parent)) {
                JS_FreeValue(ctx, proto_parent);
                JS_ThrowTypeError(ctx, "Class extends value does not have a valid prototype");
                return -1;
            }
            ctor_parent = JS_DupValue(ctx, parent);
        }
    } else {
        proto_parent = JS_DupValue(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
        ctor_parent = JS_DupValue(ctx, ctx->function_proto);
    }
    proto = JS_NewObjectProtoClass(ctx, proto_parent, JS_CLASS_OBJECT);
    JS_FreeValue(ctx, proto_parent);
    if (JS_IsException(proto)) {
        JS_FreeValue(ctx, ctor_parent);
        return -1;
    }
    if (JS_SetPrototypeInternal(ctx, ctor, ctor_parent, true) < 0 ||
        JS_DefinePropertyValue(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, proto), 0) < 0 ||
        JS_DefinePropertyValue(ctx, proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, ctor_parent);
        JS_FreeValue(ctx, proto);
        return -1;
    }
    JS_FreeValue(ctx, ctor_parent);
    if (c->u.func.home_object)
        JS_FreeValue(ctx, js_obj_value(c->u.func.home_object));
    c->u.func.home_object = js_obj(JS_DupValue(ctx, proto));
    JS_FreeValue(ctx, parent);
    sp[-2] = ctor;
    sp[-1] = proto;
    return 0;
}

static JSValue js_delete_op(JSContext *ctx, JSValueConst obj, JSValueConst key, bool strict)
{
    JSValue o;
    JSAtom atom;
    int ret;
    if (JS_IsNull(obj) || JS_IsUndefined(obj))
        return JS_ThrowTypeError(ctx, "Cannot convert undefined or null to object");
    atom = JS_ValueToAtom(ctx, key);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    o = JS_ToObject(ctx, obj);
    if (JS_IsException(o)) {
        JS_FreeAtom(ctx, atom);
        return o;
    }
    ret = js_delete_property(ctx, o, atom, strict ? JS_PROP_THROW : 0);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, o);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

/* for-of / destructuring: one step; marks the iterator done (next slot
   undefined) when it ends or fails */
static int js_iter_step(JSContext *ctx, JSValue *piter, JSValue *pnext, JSValue *pval)
{
    bool done;
    JSValue v;
    if (JS_IsUndefined(*pnext)) {
        *pval = JS_UNDEFINED;
        return 1;
    }
    v = js_iterator_step_value(ctx, *piter, *pnext, &done);
    if (JS_IsException(v) || done) {
        set_value(ctx, pnext, JS_UNDEFINED);
        if (JS_IsException(v))
            return -1;
        *pval = JS_UNDEFINED;
        return 1;
    }
    *pval = v;
    return 0;
}

static JSValue js_iter_rest(JSContext *ctx, JSValue *piter, JSValue *pnext)
{
    JSValue arr = JS_NewArray(ctx), v;
    if (JS_IsException(arr))
        return arr;
    for (;;) {
        int r = js_iter_step(ctx, piter, pnext, &v);
        if (r < 0) {
            JS_FreeValue(ctx, arr);
            return JS_EXCEPTION;
        }
        if (r > 0)
            return arr;
        if (js_array_push_value(ctx, arr, v) < 0) {
            JS_FreeValue(ctx, arr);
            return JS_EXCEPTION;
        }
    }
}

static JSValue js_concat_n(JSContext *ctx, JSValue *vals, int n)
{
    StringBuffer b;
    uint32_t len = 0;
    for (int i = 0; i < n; i++)
        len += js_string_len(vals[i]);
    if (string_buffer_init(ctx, &b, len))
        return JS_EXCEPTION;
    for (int i = 0; i < n; i++)
        string_buffer_concat_value(&b, vals[i]);
    return string_buffer_end(&b);
}

static int js_init_this(JSContext *ctx, JSValue *slot, JSValue val)
{
    if (!JS_IsUninitialized(*slot)) {
        JS_FreeValue(ctx, val);
        JS_ThrowReferenceError(ctx, "Super constructor may only be called once");
        return -1;
    }
    *slot = val;
    return 0;
}

/* the completion value of a derived constructor: an object it returned,
   else `this` (JS_UNINITIALIZED when super() was never called) for a
   plain return, else the primitive it returned. [[Construct]]
   (js_interp_call) rejects the last two in the caller's realm. */
static JSValue js_return_ctor(JSContext *ctx, JSValue val, JSValue this_val)
{
    if (JS_IsUndefined(val))
        return JS_DupValue(ctx, this_val);
    return val;
}

/* steps 13.c and 15 of [[Construct]] for a derived constructor's
   completion value (js_return_ctor): they run after the callee's context
   is gone, so the errors belong to the caller's realm */
static JSValue js_derived_ctor_result(JSContext *caller_ctx, JSValue ret_val)
{
    if (JS_IsObject(ret_val) || JS_IsException(ret_val))
        return ret_val;
    if (JS_IsUninitialized(ret_val))
        return JS_ThrowReferenceError(caller_ctx, "Must call super constructor in derived class "
                                                  "before accessing 'this' or returning from "
                                                  "derived constructor");
    JS_FreeValue(caller_ctx, ret_val);
    return JS_ThrowTypeError(caller_ctx, "Derived constructors may only return object or "
                                         "undefined");
}

/* ---------------------------------------------------------------------
 * The interpreter loop
 * ------------------------------------------------------------------- */
/* Runs (or resumes) a frame until it returns, throws or suspends. On
   return f->state tells which: JS_FRAME_DONE (the result or JS_EXCEPTION),
   or a suspension (the yielded / awaited value). resume_kind says how a
   suspended frame continues: the value is the result of the yield/await
   (NEXT), a return (RETURN) or an exception thrown there (THROW). */
JSValue js_interp_run(JSContext *ctx, JSFrame *f, int resume_kind, JSValue resume_val)
{
    JSFunctionBytecode *b = f->func->u.func.function_bytecode;
    JSRuntime *rt = ctx->rt;
    JSVarRef **var_refs = f->func->u.func.var_refs;
    JSValue *arg_buf = f->arg_buf, *var_buf = f->var_buf, *stack_buf = f->stack_buf;
    JSValue *sp = f->sp, ret_val = JS_UNDEFINED;
    const uint8_t *pc = f->pc;
    int argc = f->argc;
    static const void *const dispatch[256] = {
#define DEF(name, size, n_pop, n_push, fmt) [OP_##name] = &&op_##name,
#include "opcodes.def"
#undef DEF
    };
#define NEXT() goto *dispatch[*pc++]
#define CASE(name) op_##name:
#define SAVE() (f->sf.cur_pc = pc - 1)
#define STRICT() ((b->flags & JS_BC_STRICT) != 0)

    int prev_state = f->state;
    f->sf.prev_frame = rt->current_stack_frame;
    f->sf.cur_pc = pc;
    rt->current_stack_frame = &f->sf;
    f->state = JS_FRAME_RUNNING;
    if (resume_kind != JS_RESUME_START) {
        if (prev_state == JS_FRAME_SUSPENDED_YIELD_STAR) {
            /* yield* forwards every kind of resume to its iterator */
            *sp++ = resume_val;
            *sp++ = JS_NewInt32(ctx, resume_kind - JS_RESUME_NEXT);
        } else if (resume_kind == JS_RESUME_THROW) {
            JS_Throw(ctx, resume_val);
            goto exception;
        } else if (prev_state == JS_FRAME_SUSPENDED_AWAIT) {
            *sp++ = resume_val;
        } else {
            *sp++ = resume_val;
            *sp++ = JS_NewInt32(ctx, resume_kind == JS_RESUME_RETURN);
        }
    }
    NEXT();

    /* ---- constants ---- */
    CASE(push_i32)
    {
        *sp++ = JS_NewInt32(ctx, get_i32(pc));
        pc += 4;
        NEXT();
    }
    CASE(push_i8)
    {
        *sp++ = JS_NewInt32(ctx, (int8_t)*pc++);
        NEXT();
    }
    CASE(push_0)
    {
        *sp++ = JS_NewInt32(ctx, 0);
        NEXT();
    }
    CASE(push_1)
    {
        *sp++ = JS_NewInt32(ctx, 1);
        NEXT();
    }
    CASE(push_const)
    {
        *sp++ = JS_DupValue(ctx, b->cpool[get_u32(pc)]);
        pc += 4;
        NEXT();
    }
    CASE(push_atom_value)
    {
        SAVE();
        *sp = JS_AtomToString(ctx, get_u32(pc));
        pc += 4;
        if (JS_IsException(*sp))
            goto exception;
        sp++;
        NEXT();
    }
    CASE(undefined)
    {
        *sp++ = JS_UNDEFINED;
        NEXT();
    }
    CASE(null)
    {
        *sp++ = JS_NULL;
        NEXT();
    }
    CASE(push_false)
    {
        *sp++ = JS_FALSE;
        NEXT();
    }
    CASE(push_true)
    {
        *sp++ = JS_TRUE;
        NEXT();
    }
    CASE(push_empty_string)
    {
        *sp++ = JS_AtomToString(ctx, JS_ATOM_empty_string);
        NEXT();
    }
    CASE(push_this)
    {
        if (!STRICT() && !JS_IsObject(f->this_val)) {
            JSValue t;
            SAVE();
            t = js_coerce_this(ctx, f->this_val);
            if (JS_IsException(t))
                goto exception;
            set_value(ctx, &f->this_val, t);
        }
        *sp++ = JS_DupValue(ctx, f->this_val);
        NEXT();
    }
    CASE(object)
    {
        SAVE();
        *sp = JS_NewObject(ctx);
        if (JS_IsException(*sp))
            goto exception;
        sp++;
        NEXT();
    }
    CASE(array_from)
    {
        int n = get_u16(pc);
        JSValue arr;
        SAVE();
        pc += 2;
        sp -= n;
        arr = js_new_array_from(ctx, n, sp);
        if (JS_IsException(arr))
            goto exception;
        *sp++ = arr;
        NEXT();
    }
    CASE(fclosure)
    {
        JSValue fn;
        SAVE();
        fn = js_closure(ctx, b->cpool[get_u32(pc)], var_refs, var_buf, JS_UNDEFINED);
        pc += 4;
        if (JS_IsException(fn))
            goto exception;
        *sp++ = fn;
        NEXT();
    }
    CASE(special_object)
    {
        JSValue v;
        SAVE();
        v = js_special_object(ctx, f, *pc++, arg_buf, argc);
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        NEXT();
    }
    CASE(template_object)
    {
        JSValue v;
        SAVE();
        v = js_template_object(ctx, &b->cpool[get_u32(pc)]);
        pc += 4;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        NEXT();
    }
    CASE(regexp)
    {
        JSValue v;
        SAVE();
        v = js_regexp_literal(ctx, &b->cpool[get_u32(pc)], sp[-2], sp[-1]);
        pc += 4;
        JS_FreeValue(ctx, sp[-2]);
        JS_FreeValue(ctx, sp[-1]);
        sp -= 2;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        NEXT();
    }

    /* ---- stack ---- */
    CASE(drop)
    {
        JS_FreeValue(ctx, *--sp);
        NEXT();
    }
    CASE(nip)
    {
        JS_FreeValue(ctx, sp[-2]);
        sp[-2] = sp[-1];
        sp--;
        NEXT();
    }
    CASE(dup)
    {
        sp[0] = JS_DupValue(ctx, sp[-1]);
        sp++;
        NEXT();
    }
    CASE(dup1) /* a b -> a a b */
    {
        sp[0] = sp[-1];
        sp[-1] = JS_DupValue(ctx, sp[-2]);
        sp++;
        NEXT();
    }
    CASE(dup2)
    {
        sp[0] = JS_DupValue(ctx, sp[-2]);
        sp[1] = JS_DupValue(ctx, sp[-1]);
        sp += 2;
        NEXT();
    }
    CASE(dup3)
    {
        sp[0] = JS_DupValue(ctx, sp[-3]);
        sp[1] = JS_DupValue(ctx, sp[-2]);
        sp[2] = JS_DupValue(ctx, sp[-1]);
        sp += 3;
        NEXT();
    }
    CASE(insert2) /* a b -> b a b */
    {
        sp[0] = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = JS_DupValue(ctx, sp[0]);
        sp++;
        NEXT();
    }
    CASE(insert3) /* a b c -> c a b c */
    {
        sp[0] = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = JS_DupValue(ctx, sp[0]);
        sp++;
        NEXT();
    }
    CASE(insert4)
    {
        sp[0] = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = sp[-4];
        sp[-4] = JS_DupValue(ctx, sp[0]);
        sp++;
        NEXT();
    }
    CASE(perm3) /* a b c -> b a c */
    {
        JSValue t = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = t;
        NEXT();
    }
    CASE(perm4) /* a b c d -> c a b d */
    {
        JSValue t = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = sp[-4];
        sp[-4] = t;
        NEXT();
    }
    CASE(rot3l) /* a b c -> b c a */
    {
        JSValue t = sp[-3];
        sp[-3] = sp[-2];
        sp[-2] = sp[-1];
        sp[-1] = t;
        NEXT();
    }
    CASE(rot3r) /* a b c -> c a b */
    {
        JSValue t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = t;
        NEXT();
    }
    CASE(rot4l) /* a b c d -> b c d a */
    {
        JSValue t = sp[-4];
        sp[-4] = sp[-3];
        sp[-3] = sp[-2];
        sp[-2] = sp[-1];
        sp[-1] = t;
        NEXT();
    }
    CASE(swap)
    {
        JSValue t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = t;
        NEXT();
    }
    CASE(swap2)
    {
        JSValue t1 = sp[-4], t2 = sp[-3];
        sp[-4] = sp[-2];
        sp[-3] = sp[-1];
        sp[-2] = t1;
        sp[-1] = t2;
        NEXT();
    }

    /* ---- locals and arguments ---- */
    CASE(get_loc)
    {
        *sp++ = JS_DupValue(ctx, var_buf[get_u16(pc)]);
        pc += 2;
        NEXT();
    }
    CASE(put_loc)
    {
        set_value(ctx, &var_buf[get_u16(pc)], *--sp);
        pc += 2;
        NEXT();
    }
    CASE(set_loc)
    {
        set_value(ctx, &var_buf[get_u16(pc)], JS_DupValue(ctx, sp[-1]));
        pc += 2;
        NEXT();
    }
    CASE(get_loc_check)
    {
        int idx = get_u16(pc);
        SAVE();
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(var_buf[idx]))) {
            js_throw_reference_error_tdz(ctx, js_slot_name(b, idx));
            goto exception;
        }
        *sp++ = JS_DupValue(ctx, var_buf[idx]);
        NEXT();
    }
    CASE(put_loc_check)
    {
        int idx = get_u16(pc);
        SAVE();
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(var_buf[idx]))) {
            js_throw_reference_error_tdz(ctx, js_slot_name(b, idx));
            goto exception;
        }
        set_value(ctx, &var_buf[idx], *--sp);
        NEXT();
    }
    CASE(set_loc_uninitialized)
    {
        set_value(ctx, &var_buf[get_u16(pc)], JS_UNINITIALIZED);
        pc += 2;
        NEXT();
    }
    CASE(get_arg)
    {
        *sp++ = JS_DupValue(ctx, arg_buf[get_u16(pc)]);
        pc += 2;
        NEXT();
    }
    CASE(put_arg)
    {
        set_value(ctx, &arg_buf[get_u16(pc)], *--sp);
        pc += 2;
        NEXT();
    }
    CASE(set_arg)
    {
        set_value(ctx, &arg_buf[get_u16(pc)], JS_DupValue(ctx, sp[-1]));
        pc += 2;
        NEXT();
    }

    /* ---- closure cells in frame slots ---- */
    CASE(get_cell)
    {
        *sp++ = JS_DupValue(ctx, CELL(var_buf[get_u16(pc)])->value);
        pc += 2;
        NEXT();
    }
    CASE(put_cell)
    {
        set_value(ctx, &CELL(var_buf[get_u16(pc)])->value, *--sp);
        pc += 2;
        NEXT();
    }
    CASE(set_cell)
    {
        set_value(ctx, &CELL(var_buf[get_u16(pc)])->value, JS_DupValue(ctx, sp[-1]));
        pc += 2;
        NEXT();
    }
    CASE(get_cell_check)
    {
        int idx = get_u16(pc);
        JSValue v = CELL(var_buf[idx])->value;
        SAVE();
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(v))) {
            js_throw_reference_error_tdz(ctx, js_slot_name(b, idx));
            goto exception;
        }
        *sp++ = JS_DupValue(ctx, v);
        NEXT();
    }
    CASE(put_cell_check)
    {
        int idx = get_u16(pc);
        JSVarRef *r = CELL(var_buf[idx]);
        SAVE();
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(r->value))) {
            js_throw_reference_error_tdz(ctx, js_slot_name(b, idx));
            goto exception;
        }
        set_value(ctx, &r->value, *--sp);
        NEXT();
    }
    CASE(init_cell)
    {
        set_value(ctx, &CELL(var_buf[get_u16(pc)])->value, *--sp);
        pc += 2;
        NEXT();
    }
    CASE(new_cell)
    CASE(new_cell_undef)
    {
        JSVarRef *r;
        SAVE();
        r = js_new_var_ref(ctx, pc[-1] == OP_new_cell ? JS_UNINITIALIZED : JS_UNDEFINED);
        if (!r)
            goto exception;
        set_value(ctx, &var_buf[get_u16(pc)], js_var_ref_value(r));
        pc += 2;
        NEXT();
    }
    CASE(copy_cell)
    {
        int idx = get_u16(pc);
        JSVarRef *r;
        SAVE();
        pc += 2;
        r = js_new_var_ref(ctx, JS_DupValue(ctx, CELL(var_buf[idx])->value));
        if (!r)
            goto exception;
        set_value(ctx, &var_buf[idx], js_var_ref_value(r));
        NEXT();
    }
    CASE(arg_to_cell)
    {
        int aidx = get_u16(pc), idx = get_u16(pc + 2);
        JSVarRef *r;
        SAVE();
        pc += 4;
        r = js_new_var_ref(ctx, JS_DupValue(ctx, arg_buf[aidx]));
        if (!r)
            goto exception;
        set_value(ctx, &var_buf[idx], js_var_ref_value(r));
        NEXT();
    }

    /* ---- closure variables ---- */
    CASE(get_var_ref)
    {
        *sp++ = JS_DupValue(ctx, var_refs[get_u16(pc)]->value);
        pc += 2;
        NEXT();
    }
    CASE(put_var_ref)
    CASE(init_var_ref)
    {
        set_value(ctx, &var_refs[get_u16(pc)]->value, *--sp);
        pc += 2;
        NEXT();
    }
    CASE(set_var_ref)
    {
        set_value(ctx, &var_refs[get_u16(pc)]->value, JS_DupValue(ctx, sp[-1]));
        pc += 2;
        NEXT();
    }
    CASE(get_var_ref_check)
    {
        int idx = get_u16(pc);
        JSValue v = var_refs[idx]->value;
        SAVE();
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(v))) {
            js_throw_reference_error_tdz(ctx, b->closure_var[idx].var_name);
            goto exception;
        }
        *sp++ = JS_DupValue(ctx, v);
        NEXT();
    }
    CASE(put_var_ref_check)
    {
        int idx = get_u16(pc);
        JSVarRef *r = var_refs[idx];
        SAVE();
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(r->value))) {
            js_throw_reference_error_tdz(ctx, b->closure_var[idx].var_name);
            goto exception;
        }
        set_value(ctx, &r->value, *--sp);
        NEXT();
    }

    /* ---- global bindings ---- */
    CASE(get_var)
    CASE(get_var_undef)
    {
        JSValue v;
        SAVE();
        v = js_global_get(ctx, get_u32(pc), pc[-1] == OP_get_var);
        pc += 4;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        NEXT();
    }
    CASE(put_var)
    CASE(put_var_strict)
    CASE(put_var_init)
    {
        int mode = pc[-1] == OP_put_var        ? JS_GLOBAL_PUT_SLOPPY
                   : pc[-1] == OP_put_var_strict ? JS_GLOBAL_PUT_STRICT
                                                 : JS_GLOBAL_PUT_INIT;
        SAVE();
        if (js_global_put(ctx, get_u32(pc), *--sp, mode) < 0)
            goto exception;
        pc += 4;
        NEXT();
    }
    CASE(delete_var)
    {
        int ret;
        SAVE();
        ret = js_global_delete(ctx, get_u32(pc));
        pc += 4;
        if (ret < 0)
            goto exception;
        *sp++ = JS_NewBool(ctx, ret);
        NEXT();
    }
    CASE(global_decl)
    {
        SAVE();
        if (js_global_decl_instantiate(ctx, b, sp[-1]) < 0)
            goto exception;
        JS_FreeValue(ctx, *--sp);
        NEXT();
    }
    CASE(define_global_func)
    {
        SAVE();
        if (js_define_global_func(ctx, get_u32(pc), sp[-2], sp[-1],
                                  (b->flags & JS_BC_EVAL_CODE) != 0) < 0)
            goto exception;
        pc += 4;
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        NEXT();
    }
    CASE(rest)
    {
        JSValue v;
        SAVE();
        v = js_rest_array(ctx, arg_buf, argc, get_u16(pc));
        pc += 2;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        NEXT();
    }
    CASE(map_argument)
    {
        SAVE();
        if (js_map_argument(ctx, sp[-1], get_u16(pc), var_buf[get_u16(pc + 2)]) < 0)
            goto exception;
        pc += 4;
        NEXT();
    }

    /* ---- dynamic scopes ---- */
    CASE(with_find)
    {
        JSAtom atom = get_u32(pc);
        int ret;
        SAVE();
        ret = js_with_has(ctx, sp[-1], atom);
        if (ret < 0)
            goto exception;
        if (ret) {
            pc += 4 + get_i32(pc + 4) + 4;
            NEXT();
        }
        JS_FreeValue(ctx, *--sp);
        pc += 8;
        NEXT();
    }
    CASE(with_ref_get)
    {
        JSAtom atom = get_u32(pc);
        JSValue v;
        if (!JS_IsObject(sp[-1])) {
            sp--; /* undefined: the static binding */
            pc += 8;
            NEXT();
        }
        SAVE();
        v = js_with_get_binding(ctx, sp[-1], atom);
        if (JS_IsException(v))
            goto exception;
        set_value(ctx, &sp[-1], v);
        pc += 4 + get_i32(pc + 4) + 4;
        NEXT();
    }
    CASE(with_ref_put)
    {
        JSAtom atom = get_u32(pc);
        JSValue base = sp[-2], val = sp[-1];
        int has;
        if (!JS_IsObject(base)) {
            sp[-2] = val;
            sp--;
            pc += 8;
            NEXT();
        }
        SAVE();
        /* SetMutableBinding: whether the binding still exists is asked
           again; sloppy code stores it anyway */
        has = JS_HasProperty(ctx, base, atom);
        if (has < 0)
            goto exception;
        if (!has && STRICT()) {
            js_throw_reference_error_not_defined(ctx, atom);
            goto exception;
        }
        if (JS_SetPropertyInternal(ctx, base, atom, JS_DupValue(ctx, val), base,
                                   STRICT() ? JS_PROP_THROW : 0) < 0)
            goto exception;
        JS_FreeValue(ctx, base);
        sp[-2] = val;
        sp--;
        pc += 4 + get_i32(pc + 4) + 4;
        NEXT();
    }
    CASE(with_get_var)
    CASE(with_get_ref)
    CASE(with_put_var)
    CASE(with_delete_var)
    {
        int op = pc[-1], ret;
        JSAtom atom = get_u32(pc);
        int32_t off = get_i32(pc + 4);
        JSValue obj = sp[-1];
        SAVE();
        pc += 8;
        ret = js_with_has(ctx, obj, atom);
        if (ret < 0)
            goto exception;
        if (!ret) {
            JS_FreeValue(ctx, *--sp);
            NEXT();
        }
        switch (op) {
        case OP_with_get_var: {
            JSValue v = js_with_get_binding(ctx, obj, atom);
            if (JS_IsException(v))
                goto exception;
            set_value(ctx, &sp[-1], v);
            break;
        }
        case OP_with_get_ref: {
            JSValue v = js_with_get_binding(ctx, obj, atom);
            if (JS_IsException(v))
                goto exception;
            *sp++ = v;
            break;
        }
        case OP_with_put_var:
            if (JS_SetPropertyInternal(ctx, obj, atom, sp[-2], obj,
                                       STRICT() ? JS_PROP_THROW : 0) < 0) {
                sp[-2] = JS_UNDEFINED;
                goto exception;
            }
            JS_FreeValue(ctx, obj);
            sp -= 2;
            break;
        default: {
            int r = js_delete_property(ctx, obj, atom, 0);
            if (r < 0)
                goto exception;
            set_value(ctx, &sp[-1], JS_NewBool(ctx, r));
            break;
        }
        }
        pc += off;
        NEXT();
    }

    /* ---- properties ---- */
    CASE(get_field)
    {
        JSAtom atom = get_u32(pc);
        JSInlineCache *ic = &b->ic[get_u16(pc + 4)];
        JSValue obj = sp[-1], v;
        if (js_likely(JS_IsObject(obj)) && js_ic_get(ic, js_obj(obj), &v)) {
            v = JS_DupValue(ctx, v);
        } else {
            SAVE();
            v = js_get_field_slow(ctx, ic, obj, atom);
            if (JS_IsException(v))
                goto exception;
        }
        pc += 6;
        JS_FreeValue(ctx, obj);
        sp[-1] = v;
        NEXT();
    }
    CASE(get_field2)
    {
        JSAtom atom = get_u32(pc);
        JSInlineCache *ic = &b->ic[get_u16(pc + 4)];
        JSValue obj = sp[-1], v;
        if (js_likely(JS_IsObject(obj)) && js_ic_get(ic, js_obj(obj), &v)) {
            v = JS_DupValue(ctx, v);
        } else {
            SAVE();
            v = js_get_field_slow(ctx, ic, obj, atom);
            if (JS_IsException(v))
                goto exception;
        }
        pc += 6;
        *sp++ = v;
        NEXT();
    }
    CASE(put_field)
    {
        JSAtom atom = get_u32(pc);
        JSInlineCache *ic = &b->ic[get_u16(pc + 4)];
        JSValue obj = sp[-2];
        if (js_likely(JS_IsObject(obj)) && js_obj(obj)->shape == ic->shape && !ic->holder_shape) {
            set_value(ctx, &js_obj(obj)->prop[ic->slot].value, sp[-1]);
        } else if (JS_IsObject(obj) && js_obj(obj)->shape == ic->shape &&
                   js_ic_put_add(ctx, ic, js_obj(obj), atom, sp[-1])) {
            /* added: the value moved into the object */
        } else {
            SAVE();
            if (js_put_field_slow(ctx, ic, obj, atom, sp[-1],
                                  STRICT() ? JS_PROP_THROW : JS_PROP_THROW_STRICT) < 0) {
                sp--;
                goto exception;
            }
        }
        pc += 6;
        JS_FreeValue(ctx, obj);
        sp -= 2;
        NEXT();
    }
    CASE(get_length)
    {
        JSValue obj = sp[-1], v;
        if (JS_IsObject(obj) && js_obj(obj)->class_id == JS_CLASS_ARRAY) {
            v = JS_DupValue(ctx, js_obj(obj)->prop[0].value);
        } else if (JS_IsString(obj)) {
            v = JS_NewInt32(ctx, js_string_len(obj));
        } else {
            SAVE();
            v = JS_GetProperty(ctx, obj, JS_ATOM_length);
            if (JS_IsException(v))
                goto exception;
        }
        JS_FreeValue(ctx, obj);
        sp[-1] = v;
        NEXT();
    }
    CASE(get_array_el)
    {
        JSValue obj = sp[-2], key = sp[-1], v;
        if (JS_IsInt(key) && js_is_fast_array(obj) &&
            (uint32_t)JS_VALUE_GET_INT(key) < js_obj(obj)->u.array.count) {
            v = JS_DupValue(ctx, js_obj(obj)->u.array.values[JS_VALUE_GET_INT(key)]);
        } else if (!js_typed_array_get_fast(obj, key, &v)) {
            SAVE();
            v = JS_GetPropertyValue(ctx, obj, key);
            sp[-1] = JS_UNDEFINED;
            if (JS_IsException(v))
                goto exception;
        }
        JS_FreeValue(ctx, obj);
        JS_FreeValue(ctx, sp[-1]);
        sp[-2] = v;
        sp--;
        NEXT();
    }
    CASE(get_array_el2) /* obj key -> obj value */
    {
        JSValue v;
        SAVE();
        v = JS_GetPropertyValue(ctx, sp[-2], sp[-1]);
        sp[-1] = JS_UNDEFINED;
        if (JS_IsException(v))
            goto exception;
        sp[-1] = v;
        NEXT();
    }
    CASE(get_array_el3) /* obj key -> obj key value */
    {
        JSValue v;
        SAVE();
        v = JS_GetPropertyValue(ctx, sp[-2], JS_DupValue(ctx, sp[-1]));
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        NEXT();
    }
    CASE(put_array_el)
    {
        JSValue obj = sp[-3];
        int ret;
        if (js_typed_array_put_fast(obj, sp[-2], sp[-1])) { /* int key, number value: no refs */
            JS_FreeValue(ctx, obj);
            sp -= 3;
            NEXT();
        }
        SAVE();
        ret = JS_SetPropertyValue(ctx, obj, sp[-2], sp[-1],
                                  STRICT() ? JS_PROP_THROW : JS_PROP_THROW_STRICT);
        JS_FreeValue(ctx, obj);
        sp -= 3;
        if (ret < 0)
            goto exception;
        NEXT();
    }
    CASE(to_propkey)
    {
        JSValue k = sp[-1];
        if (!JS_IsInt(k) && !JS_IsString(k) && !JS_IsSymbol(k)) {
            SAVE();
            k = JS_ToPropertyKey(ctx, k);
            if (JS_IsException(k))
                goto exception;
            set_value(ctx, &sp[-1], k);
        }
        NEXT();
    }
    CASE(to_propkey2)
    {
        JSValue k = sp[-1];
        SAVE();
        if (JS_IsNull(sp[-2]) || JS_IsUndefined(sp[-2])) {
            JS_ThrowTypeError(ctx, "Cannot read properties of %s",
                              JS_IsNull(sp[-2]) ? "null" : "undefined");
            goto exception;
        }
        if (!JS_IsInt(k) && !JS_IsString(k) && !JS_IsSymbol(k)) {
            k = JS_ToPropertyKey(ctx, k);
            if (JS_IsException(k))
                goto exception;
            set_value(ctx, &sp[-1], k);
        }
        NEXT();
    }
    CASE(define_field)
    {
        SAVE();
        if (JS_DefinePropertyValue(ctx, sp[-2], get_u32(pc), sp[-1],
                                   JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
            sp--;
            goto exception;
        }
        pc += 4;
        sp--;
        NEXT();
    }
    CASE(define_array_el)
    {
        SAVE();
        if (JS_DefinePropertyValueValue(ctx, sp[-3], JS_DupValue(ctx, sp[-2]), sp[-1],
                                        JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
            sp--;
            goto exception;
        }
        sp--;
        NEXT();
    }
    CASE(append)
    {
        SAVE();
        if (js_append_iterable(ctx, sp) < 0)
            goto exception;
        sp--;
        NEXT();
    }
    CASE(copy_data_properties)
    {
        SAVE();
        if (js_copy_data_properties(ctx, sp, *pc++) < 0)
            goto exception;
        NEXT();
    }
    CASE(set_name_computed)
    {
        SAVE();
        if (js_set_name_computed(ctx, sp[-2], sp[-1], JS_ATOM_NULL) < 0)
            goto exception;
        NEXT();
    }
    CASE(set_proto)
    {
        JSValue proto = sp[-1];
        SAVE();
        if ((JS_IsObject(proto) || JS_IsNull(proto)) &&
            JS_SetPrototypeInternal(ctx, sp[-2], proto, true) < 0)
            goto exception;
        JS_FreeValue(ctx, *--sp);
        NEXT();
    }
    CASE(define_method)
    {
        SAVE();
        if (js_define_method(ctx, sp[-2], get_u32(pc), JS_UNDEFINED, sp[-1], pc[4]) < 0)
            goto exception;
        pc += 5;
        JS_FreeValue(ctx, *--sp);
        NEXT();
    }
    CASE(define_method_computed)
    {
        JSAtom atom;
        SAVE();
        atom = JS_ValueToAtom(ctx, sp[-2]);
        if (atom == JS_ATOM_NULL)
            goto exception;
        if (js_define_method(ctx, sp[-3], atom, sp[-2], sp[-1], *pc) < 0) {
            JS_FreeAtom(ctx, atom);
            goto exception;
        }
        JS_FreeAtom(ctx, atom);
        pc++;
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        NEXT();
    }
    CASE(define_class)
    {
        SAVE();
        if (js_define_class(ctx, sp, *pc++ & 1) < 0)
            goto exception;
        NEXT();
    }
    CASE(get_super)
    {
        JSValue proto;
        SAVE();
        proto = JS_GetPrototype(ctx, sp[-1]);
        if (JS_IsException(proto))
            goto exception;
        set_value(ctx, &sp[-1], proto);
        NEXT();
    }
    CASE(get_super_value)
    {
        JSValue v;
        JSAtom atom;
        SAVE();
        if (!JS_IsObject(sp[-2])) {
            JS_ThrowTypeError(ctx, "super prototype is not an object");
            goto exception;
        }
        atom = JS_ValueToAtom(ctx, sp[-1]);
        if (atom == JS_ATOM_NULL)
            goto exception;
        v = JS_GetPropertyInternal(ctx, sp[-2], atom, sp[-3], false);
        JS_FreeAtom(ctx, atom);
        if (JS_IsException(v))
            goto exception;
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        set_value(ctx, &sp[-1], v);
        NEXT();
    }
    CASE(put_super_value)
    {
        JSAtom atom;
        int ret;
        SAVE();
        if (!JS_IsObject(sp[-3])) {
            JS_ThrowTypeError(ctx, "super prototype is not an object");
            goto exception;
        }
        atom = JS_ValueToAtom(ctx, sp[-2]);
        if (atom == JS_ATOM_NULL)
            goto exception;
        ret = JS_SetPropertyInternal(ctx, sp[-3], atom, sp[-1], sp[-4], JS_PROP_THROW);
        JS_FreeAtom(ctx, atom);
        sp--;
        if (ret < 0)
            goto exception;
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        NEXT();
    }
    CASE(private_symbol)
    {
        JSValue v;
        SAVE();
        v = js_private_symbol_new(ctx, get_u32(pc));
        pc += 4;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        NEXT();
    }
    CASE(get_private_field)
    {
        JSValue v;
        SAVE();
        v = js_private_get(ctx, sp[-2], sp[-1]);
        if (JS_IsException(v))
            goto exception;
        JS_FreeValue(ctx, *--sp);
        set_value(ctx, &sp[-1], v);
        NEXT();
    }
    CASE(put_private_field)
    CASE(define_private_field)
    {
        int ret;
        SAVE();
        if (pc[-1] == OP_put_private_field)
            ret = js_private_set(ctx, sp[-3], sp[-2], sp[-1]);
        else
            ret = js_private_field_add(ctx, sp[-3], sp[-2], sp[-1]);
        sp--;
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        if (ret < 0)
            goto exception;
        NEXT();
    }
    CASE(add_private_method)
    {
        int ret;
        SAVE();
        ret = js_private_method_add(ctx, sp[-3], sp[-2], sp[-1], *pc++);
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        if (ret < 0)
            goto exception;
        NEXT();
    }
    CASE(private_in)
    {
        int ret;
        SAVE();
        ret = js_private_in(ctx, sp[-2], sp[-1]);
        if (ret < 0)
            goto exception;
        JS_FreeValue(ctx, *--sp);
        set_value(ctx, &sp[-1], JS_NewBool(ctx, ret));
        NEXT();
    }
    CASE(set_home_object)
    {
        JSObject *fo = js_obj(sp[-1]);
        if (fo->u.func.home_object)
            JS_FreeValue(ctx, js_obj_value(fo->u.func.home_object));
        fo->u.func.home_object = js_obj(sp[-2]); /* takes the reference */
        sp[-2] = sp[-1];
        sp--;
        NEXT();
    }
    CASE(set_class_fields)
    {
        JSObject *c = js_obj(sp[-2]);
        set_value(ctx, &c->u.func.class_fields, sp[-1]);
        sp--;
        JS_FreeValue(ctx, *--sp);
        NEXT();
    }
    CASE(init_fields)
    {
        int ret;
        SAVE();
        ret = js_init_instance_elements(ctx, sp[-2], sp[-1]);
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        if (ret < 0)
            goto exception;
        NEXT();
    }
    CASE(delete)
    {
        JSValue v;
        SAVE();
        v = js_delete_op(ctx, sp[-2], sp[-1], STRICT());
        if (JS_IsException(v))
            goto exception;
        JS_FreeValue(ctx, *--sp);
        set_value(ctx, &sp[-1], v);
        NEXT();
    }

    /* ---- calls ---- */
    CASE(call)
    CASE(call_method)
    {
        int n = get_u16(pc), below = pc[-1] == OP_call_method ? 2 : 1;
        JSValue *args = sp - n, ret;
        JSValueConst func = args[-1], this_v = below == 2 ? args[-2] : JS_UNDEFINED;
        SAVE();
        pc += 2;
        if (JS_IsObject(func) && js_obj(func)->class_id == JS_CLASS_BYTECODE_FUNCTION)
            ret = js_interp_call(ctx, func, this_v, JS_UNDEFINED, n, args, 0);
        else if (!JS_IsCallable(ctx, func))
            ret = JS_ThrowTypeError(ctx, "%s is not a function",
                                    JS_IsUndefined(func) ? "undefined" : "value");
        else
            ret = JS_CallInternal(ctx, func, this_v, JS_UNDEFINED, n, args, 0);
        for (JSValue *p = args - below; p < sp; p++)
            JS_FreeValue(ctx, *p);
        sp = args - below;
        if (JS_IsException(ret))
            goto exception;
        *sp++ = ret;
        NEXT();
    }
    CASE(call_constructor)
    {
        int n = get_u16(pc);
        JSValue *args = sp - n, ret;
        SAVE();
        pc += 2;
        if (!JS_IsConstructor(ctx, args[-2]))
            ret = JS_ThrowTypeError(ctx, "not a constructor");
        else
            ret = JS_CallConstructor2(ctx, args[-2], args[-1], n, args);
        for (JSValue *p = args - 2; p < sp; p++)
            JS_FreeValue(ctx, *p);
        sp = args - 2;
        if (JS_IsException(ret))
            goto exception;
        *sp++ = ret;
        NEXT();
    }
    CASE(super_call)
    {
        int n = get_u16(pc);
        JSValue *args = sp - n, ret;
        SAVE();
        pc += 2;
        ret = js_super_construct(ctx, args[-2], args[-1], n, args);
        for (JSValue *p = args - 2; p < sp; p++)
            JS_FreeValue(ctx, *p);
        sp = args - 2;
        if (JS_IsException(ret))
            goto exception;
        *sp++ = ret;
        NEXT();
    }
    CASE(apply)
    {
        int kind = get_u16(pc);
        JSValue ret;
        SAVE();
        pc += 2;
        ret = js_call_array(ctx, kind, sp[-3], sp[-2], sp[-1]);
        JS_FreeValue(ctx, sp[-3]);
        JS_FreeValue(ctx, sp[-2]);
        JS_FreeValue(ctx, sp[-1]);
        sp -= 3;
        if (JS_IsException(ret))
            goto exception;
        *sp++ = ret;
        NEXT();
    }
    CASE(eval)
    CASE(apply_eval)
    {
        bool spread = pc[-1] == OP_apply_eval;
        int n = spread ? 1 : get_u16(pc);
        int scope_idx = spread ? get_u16(pc) : get_u16(pc + 2);
        JSValue *args = sp - n, func = args[-1], ret;
        SAVE();
        pc += spread ? 2 : 4;
        if (JS_IsObject(func) && func == ctx->eval_obj) {
            JSValue x = JS_UNDEFINED;
            if (spread) {
                x = JS_GetPropertyUint32(ctx, args[0], 0);
                if (JS_IsException(x))
                    goto call_cleanup_fail;
            } else if (n > 0) {
                x = JS_DupValue(ctx, args[0]);
            }
            ret = js_perform_eval(ctx, x, b, &b->eval_scopes[scope_idx], var_buf, var_refs,
                                  f->this_val, f->new_target, f->sf.cur_func);
            JS_FreeValue(ctx, x);
        } else if (spread) {
            ret = js_call_array(ctx, 0, JS_UNDEFINED, func, args[0]);
        } else {
            ret = JS_CallInternal(ctx, func, JS_UNDEFINED, JS_UNDEFINED, n, args, 0);
        }
        for (JSValue *p = args - 1; p < sp; p++)
            JS_FreeValue(ctx, *p);
        sp = args - 1;
        if (JS_IsException(ret))
            goto exception;
        *sp++ = ret;
        NEXT();
    call_cleanup_fail:
        goto exception;
    }
    CASE(init_this_loc)
    CASE(init_this_cell)
    CASE(init_this_var_ref)
    {
        int idx = get_u16(pc);
        JSValue *slot = pc[-1] == OP_init_this_loc    ? &var_buf[idx]
                        : pc[-1] == OP_init_this_cell ? &CELL(var_buf[idx])->value
                                                      : &var_refs[idx]->value;
        SAVE();
        pc += 2;
        if (js_init_this(ctx, slot, *--sp) < 0)
            goto exception;
        NEXT();
    }
    CASE(initial_yield)
    {
        ret_val = JS_UNDEFINED;
        f->state = JS_FRAME_SUSPENDED_START;
        goto suspend;
    }
    CASE(yield)
    {
        ret_val = *--sp;
        f->state = JS_FRAME_SUSPENDED_YIELD;
        goto suspend;
    }
    CASE(yield_delegated)
    {
        ret_val = *--sp;
        f->state = JS_FRAME_SUSPENDED_YIELD_STAR;
        goto suspend;
    }
    CASE(await)
    {
        ret_val = *--sp;
        f->state = JS_FRAME_SUSPENDED_AWAIT;
        goto suspend;
    }
    CASE(yield_star)
    {
        int outcome = 0, kind = JS_VALUE_GET_INT(sp[-1]);
        JSValue r;
        SAVE();
        r = js_yield_star_step(ctx, sp[-4], sp[-3], sp[-2], kind, &outcome);
        sp--; /* the kind */
        JS_FreeValue(ctx, *--sp);
        if (JS_IsException(r))
            goto exception;
        if (outcome == JS_YIELD_STAR_YIELD) {
            /* resumes by running this instruction again */
            pc--;
            ret_val = r;
            f->state = JS_FRAME_SUSPENDED_YIELD_STAR;
            goto suspend;
        }
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        *sp++ = r;
        pc += outcome == JS_YIELD_STAR_RETURN ? 4 + get_i32(pc) : 4;
        NEXT();
    }
    CASE(return)
    {
        ret_val = *--sp;
        goto done;
    }
    CASE(return_undef)
    {
        ret_val = JS_UNDEFINED;
        goto done;
    }
    CASE(return_ctor)
    {
        JSValue this_v = *--sp;
        ret_val = js_return_ctor(ctx, *--sp, this_v);
        JS_FreeValue(ctx, this_v);
        goto done;
    }

    /* ---- control flow ---- */
    CASE(goto)
    {
        pc += 4 + get_i32(pc);
        NEXT();
    }
    CASE(if_false)
    {
        JSValue v = *--sp;
        int res;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_BOOL) {
            res = JS_VALUE_GET_BOOL(v);
        } else {
            res = JS_ToBool(ctx, v);
            JS_FreeValue(ctx, v);
        }
        pc += res ? 4 : 4 + get_i32(pc);
        NEXT();
    }
    CASE(if_true)
    {
        JSValue v = *--sp;
        int res;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_BOOL) {
            res = JS_VALUE_GET_BOOL(v);
        } else {
            res = JS_ToBool(ctx, v);
            JS_FreeValue(ctx, v);
        }
        pc += res ? 4 + get_i32(pc) : 4;
        NEXT();
    }
    CASE(catch)
    {
        int32_t target = (pc + 4 + get_i32(pc)) - b->code;
        *sp++ = JS_MKVAL(JS_TAG_CATCH_OFFSET, target);
        pc += 4;
        NEXT();
    }
    CASE(gosub)
    {
        int32_t ret_pos = (pc + 4) - b->code;
        *sp++ = JS_NewInt32(ctx, ret_pos);
        pc += 4 + get_i32(pc);
        NEXT();
    }
    CASE(ret)
    {
        pc = b->code + JS_VALUE_GET_INT(*--sp);
        NEXT();
    }
    CASE(nip_catch)
    {
        sp[-2] = sp[-1];
        sp--;
        NEXT();
    }
    CASE(throw)
    {
        SAVE();
        JS_Throw(ctx, *--sp);
        goto exception;
    }
    CASE(throw_error)
    {
        SAVE();
        js_throw_error_op(ctx, get_u32(pc), pc[4]);
        goto exception;
    }
    CASE(debugger)
    CASE(nop)
    {
        NEXT();
    }
    CASE(interrupt_check)
    {
        SAVE();
        if (js_poll_interrupts(ctx))
            goto exception;
        NEXT();
    }

    /* ---- iteration ---- */
    CASE(for_in_start)
    {
        JSValue en;
        SAVE();
        en = js_for_in_start(ctx, sp[-1]);
        if (JS_IsException(en))
            goto exception;
        set_value(ctx, &sp[-1], en);
        NEXT();
    }
    CASE(for_in_next)
    {
        bool done;
        JSValue v;
        SAVE();
        v = js_for_in_next(ctx, sp[-1], &done);
        if (JS_IsException(v))
            goto exception;
        sp[0] = v;
        sp[1] = JS_NewBool(ctx, done);
        sp += 2;
        NEXT();
    }
    CASE(for_of_start)
    CASE(iterator_get)
    {
        JSValue next, iter;
        SAVE();
        iter = js_get_iterator(ctx, sp[-1], &next);
        if (JS_IsException(iter))
            goto exception;
        set_value(ctx, &sp[-1], iter);
        *sp++ = next;
        NEXT();
    }
    CASE(for_of_next)
    {
        JSValue v;
        int r;
        SAVE();
        pc++;
        r = js_iter_step(ctx, &sp[-3], &sp[-2], &v);
        if (r < 0)
            goto exception;
        sp[0] = v;
        sp[1] = JS_NewBool(ctx, r > 0);
        sp += 2;
        NEXT();
    }
    CASE(iterator_step)
    {
        JSValue v;
        SAVE();
        if (js_iter_step(ctx, &sp[-3], &sp[-2], &v) < 0)
            goto exception;
        *sp++ = v;
        NEXT();
    }
    CASE(iterator_rest)
    {
        JSValue v;
        SAVE();
        v = js_iter_rest(ctx, &sp[-3], &sp[-2]);
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        NEXT();
    }
    CASE(iterator_close)
    {
        int ret = 0;
        SAVE();
        if (!JS_IsUndefined(sp[-1]))
            ret = js_iterator_close(ctx, sp[-2]);
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        if (ret < 0)
            goto exception;
        NEXT();
    }
    CASE(iterator_close_if_open)
    {
        int ret = 0;
        SAVE();
        sp--; /* catch offset */
        if (!JS_IsUndefined(sp[-1]))
            ret = js_iterator_close(ctx, sp[-2]);
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        if (ret < 0)
            goto exception;
        NEXT();
    }
    CASE(import)
    {
        JSValue p;
        SAVE();
        p = js_module_dynamic_import(ctx, b->referrer, sp[-2], sp[-1]);
        if (JS_IsException(p))
            goto exception;
        JS_FreeValue(ctx, *--sp);
        set_value(ctx, &sp[-1], p);
        NEXT();
    }
    CASE(async_iterator_get)
    {
        JSValue next, iter;
        SAVE();
        iter = js_get_async_iterator(ctx, sp[-1], &next);
        if (JS_IsException(iter))
            goto exception;
        set_value(ctx, &sp[-1], iter);
        *sp++ = next;
        NEXT();
    }
    CASE(for_await_next)
    {
        /* the next method moves up while the call and its await run, so
           that an error in them finds the iterator "done" (not closed) */
        JSValue r;
        sp[0] = sp[-2];
        sp[-2] = JS_UNDEFINED;
        sp++;
        SAVE();
        r = JS_Call(ctx, sp[-1], sp[-4], 0, NULL);
        if (JS_IsException(r))
            goto exception;
        *sp++ = r;
        NEXT();
    }
    CASE(for_await_check)
    {
        JSValue v;
        bool done;
        SAVE();
        v = js_async_iterator_next_result(ctx, sp[-1], &done);
        if (JS_IsException(v))
            goto exception;
        JS_FreeValue(ctx, sp[-1]);
        sp[-4] = sp[-2];
        sp[-2] = v;
        sp[-1] = JS_NewBool(ctx, done);
        NEXT();
    }
    CASE(async_iterator_close)
    {
        JSValue r = JS_UNDEFINED;
        bool must_await = false;
        SAVE();
        if (!JS_IsUndefined(sp[-1]))
            r = js_async_iterator_close_call(ctx, sp[-2], &must_await);
        JS_FreeValue(ctx, sp[-1]);
        JS_FreeValue(ctx, sp[-2]);
        sp -= 2;
        if (JS_IsException(r))
            goto exception;
        sp[0] = r;
        sp[1] = JS_NewBool(ctx, must_await);
        sp += 2;
        NEXT();
    }
    CASE(async_iterator_close_throw)
    {
        JSValue exc = sp[-1], r = JS_UNDEFINED;
        bool must_await = false;
        SAVE();
        if (!JS_IsUndefined(sp[-2]) && !JS_IsUncatchableError(ctx, exc)) {
            r = js_async_iterator_close_call(ctx, sp[-3], &must_await);
            if (JS_IsException(r)) {
                JS_FreeValue(ctx, JS_GetException(ctx));
                r = JS_UNDEFINED;
                must_await = false;
            }
        }
        JS_FreeValue(ctx, sp[-2]);
        JS_FreeValue(ctx, sp[-3]);
        sp[-3] = exc;
        sp[-2] = r;
        sp[-1] = JS_NewBool(ctx, must_await);
        NEXT();
    }
    CASE(iterator_check_object)
    {
        if (!JS_IsObject(sp[-1])) {
            SAVE();
            JS_ThrowTypeError(ctx, "iterator result is not an object");
            goto exception;
        }
        NEXT();
    }
    CASE(async_yield_star)
    {
        int kind;
        JSValue r;
        SAVE();
        r = js_async_yield_star_call(ctx, sp[-4], sp[-3], sp[-2], JS_VALUE_GET_INT(sp[-1]), &kind);
        if (JS_IsException(r))
            goto exception;
        JS_FreeValue(ctx, sp[-2]);
        sp[-2] = JS_NewInt32(ctx, kind);
        sp[-1] = r;
        pc += kind >= JS_ASYNC_YS_NO_RETURN ? 4 + get_i32(pc) : 4;
        NEXT();
    }
    CASE(async_yield_star_check)
    {
        JSValue v;
        bool done;
        SAVE();
        v = js_async_iterator_next_result(ctx, sp[-1], &done);
        if (JS_IsException(v))
            goto exception;
        if (done) {
            /* IteratorValue, which js_async_iterator_next_result skips */
            v = JS_GetProperty(ctx, sp[-1], JS_ATOM_value);
            if (JS_IsException(v))
                goto exception;
        }
        set_value(ctx, &sp[-1], v);
        pc += done ? 4 + get_i32(pc) : 4;
        NEXT();
    }
    CASE(iterator_close_throw)
    {
        JSValue exc = *--sp;
        SAVE();
        if (!JS_IsUndefined(sp[-1])) {
            JS_Throw(ctx, exc);
            js_iterator_close_on_throw(ctx, sp[-2]);
            exc = JS_GetException(ctx);
        }
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        *sp++ = exc;
        NEXT();
    }

    /* ---- operators ---- */
    CASE(add)
    {
        JSValue a = sp[-2], bv = sp[-1];
        if (js_likely(JS_IsInt(a) && JS_IsInt(bv))) {
            int32_t r;
            if (!__builtin_add_overflow(JS_VALUE_GET_INT(a), JS_VALUE_GET_INT(bv), &r))
                sp[-2] = JS_NewInt32(ctx, r);
            else
                sp[-2] = JS_NewFloat64(ctx, (double)JS_VALUE_GET_INT(a) + JS_VALUE_GET_INT(bv));
        } else if (JS_IsNumber(a) && JS_IsNumber(bv)) {
            sp[-2] = JS_NewFloat64(ctx, js_value_to_double(a) + js_value_to_double(bv));
        } else if (JS_IsString(a) && JS_IsString(bv)) {
            SAVE();
            sp[-2] = JS_ConcatStrings(ctx, a, bv);
            sp--;
            if (JS_IsException(sp[-1])) {
                sp--;
                goto exception;
            }
            NEXT();
        } else {
            SAVE();
            sp[-2] = js_op_add(ctx, a, bv);
            sp--;
            if (JS_IsException(sp[-1])) {
                sp--;
                goto exception;
            }
            NEXT();
        }
        sp--;
        NEXT();
    }
    CASE(sub)
    {
        JSValue a = sp[-2], bv = sp[-1];
        int32_t r;
        if (js_likely(JS_IsInt(a) && JS_IsInt(bv)) &&
            !__builtin_sub_overflow(JS_VALUE_GET_INT(a), JS_VALUE_GET_INT(bv), &r)) {
            sp[-2] = JS_NewInt32(ctx, r);
            sp--;
            NEXT();
        }
        if (JS_IsNumber(a) && JS_IsNumber(bv)) {
            sp[-2] = JS_NewFloat64(ctx, js_value_to_double(a) - js_value_to_double(bv));
            sp--;
            NEXT();
        }
        goto binary_slow;
    }
    CASE(mul)
    {
        JSValue a = sp[-2], bv = sp[-1];
        int32_t r;
        if (js_likely(JS_IsInt(a) && JS_IsInt(bv)) &&
            !__builtin_mul_overflow(JS_VALUE_GET_INT(a), JS_VALUE_GET_INT(bv), &r) &&
            (r != 0 || (JS_VALUE_GET_INT(a) >= 0 && JS_VALUE_GET_INT(bv) >= 0))) {
            sp[-2] = JS_NewInt32(ctx, r);
            sp--;
            NEXT();
        }
        if (JS_IsNumber(a) && JS_IsNumber(bv)) {
            sp[-2] = JS_NewNumber(ctx, js_value_to_double(a) * js_value_to_double(bv));
            sp--;
            NEXT();
        }
        goto binary_slow;
    }
    CASE(div)
    {
        JSValue a = sp[-2], bv = sp[-1];
        if (JS_IsNumber(a) && JS_IsNumber(bv)) {
            sp[-2] = JS_NewNumber(ctx, js_value_to_double(a) / js_value_to_double(bv));
            sp--;
            NEXT();
        }
        goto binary_slow;
    }
    CASE(mod)
    {
        JSValue a = sp[-2], bv = sp[-1];
        if (JS_IsInt(a) && JS_IsInt(bv) && JS_VALUE_GET_INT(a) >= 0 &&
            JS_VALUE_GET_INT(bv) > 0) {
            sp[-2] = JS_NewInt32(ctx, JS_VALUE_GET_INT(a) % JS_VALUE_GET_INT(bv));
            sp--;
            NEXT();
        }
        if (JS_IsNumber(a) && JS_IsNumber(bv)) {
            sp[-2] = JS_NewNumber(ctx, fmod(js_value_to_double(a), js_value_to_double(bv)));
            sp--;
            NEXT();
        }
        goto binary_slow;
    }
    CASE(pow)
    CASE(shl)
    CASE(sar)
    CASE(shr)
    CASE(and)
    CASE(or)
    CASE(xor)
    {
        JSValue a = sp[-2], bv = sp[-1];
        if (JS_IsInt(a) && JS_IsInt(bv)) {
            int32_t x = JS_VALUE_GET_INT(a), y = JS_VALUE_GET_INT(bv);
            JSValue r;
            switch (pc[-1]) {
            case OP_shl:
                r = JS_NewInt32(ctx, (int32_t)((uint32_t)x << (y & 31)));
                break;
            case OP_sar:
                r = JS_NewInt32(ctx, x >> (y & 31));
                break;
            case OP_shr:
                r = JS_NewUint32(ctx, (uint32_t)x >> (y & 31));
                break;
            case OP_and:
                r = JS_NewInt32(ctx, x & y);
                break;
            case OP_or:
                r = JS_NewInt32(ctx, x | y);
                break;
            case OP_xor:
                r = JS_NewInt32(ctx, x ^ y);
                break;
            default:
                r = JS_NewNumber(ctx, js_pow(x, y));
                break;
            }
            sp[-2] = r;
            sp--;
            NEXT();
        }
        goto binary_slow;
    }
binary_slow : {
    JSValue r;
    SAVE();
    r = js_op_binary(ctx, pc[-1], sp[-2], sp[-1]);
    sp -= 2;
    if (JS_IsException(r))
        goto exception;
    *sp++ = r;
    NEXT();
}
    CASE(neg)
    {
        JSValue a = sp[-1];
        if (JS_IsInt(a) && JS_VALUE_GET_INT(a) != 0 && JS_VALUE_GET_INT(a) != INT32_MIN) {
            sp[-1] = JS_NewInt32(ctx, -JS_VALUE_GET_INT(a));
            NEXT();
        }
        if (JS_VALUE_GET_TAG(a) == JS_TAG_FLOAT64 || JS_IsInt(a)) {
            sp[-1] = JS_NewFloat64(ctx, -js_value_to_double(a));
            NEXT();
        }
        goto unary_slow;
    }
    CASE(inc)
    {
        JSValue a = sp[-1];
        if (JS_IsInt(a) && JS_VALUE_GET_INT(a) != INT32_MAX) {
            sp[-1] = JS_NewInt32(ctx, JS_VALUE_GET_INT(a) + 1);
            NEXT();
        }
        goto unary_slow;
    }
    CASE(dec)
    {
        JSValue a = sp[-1];
        if (JS_IsInt(a) && JS_VALUE_GET_INT(a) != INT32_MIN) {
            sp[-1] = JS_NewInt32(ctx, JS_VALUE_GET_INT(a) - 1);
            NEXT();
        }
        goto unary_slow;
    }
    CASE(plus)
    {
        if (JS_IsNumber(sp[-1]))
            NEXT();
        goto unary_slow;
    }
    CASE(not)
    {
        if (JS_IsInt(sp[-1])) {
            sp[-1] = JS_NewInt32(ctx, ~JS_VALUE_GET_INT(sp[-1]));
            NEXT();
        }
        goto unary_slow;
    }
unary_slow : {
    JSValue r;
    SAVE();
    r = js_op_unary(ctx, pc[-1], sp[-1]);
    if (JS_IsException(r)) {
        sp--;
        goto exception;
    }
    sp[-1] = r;
    NEXT();
}
    CASE(post_inc)
    CASE(post_dec)
    {
        JSValue a = sp[-1], r;
        bool is_inc = pc[-1] == OP_post_inc;
        if (!JS_IsInt(a)) {
            SAVE();
            a = JS_ToNumericFree(ctx, a);
            if (JS_IsException(a)) {
                sp--;
                goto exception;
            }
            sp[-1] = a;
        }
        r = js_op_unary(ctx, is_inc ? OP_inc : OP_dec, JS_DupValue(ctx, a));
        if (JS_IsException(r))
            goto exception;
        *sp++ = r;
        NEXT();
    }
    CASE(lnot)
    {
        JSValue v = sp[-1];
        int res;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_BOOL) {
            res = JS_VALUE_GET_BOOL(v);
        } else {
            res = JS_ToBool(ctx, v);
            JS_FreeValue(ctx, v);
        }
        sp[-1] = JS_NewBool(ctx, !res);
        NEXT();
    }
    CASE(typeof)
    {
        JSAtom a = js_typeof_atom(ctx, sp[-1]);
        JS_FreeValue(ctx, sp[-1]);
        sp[-1] = JS_AtomToString(ctx, a);
        NEXT();
    }
    CASE(lt)
    CASE(lte)
    CASE(gt)
    CASE(gte)
    {
        JSValue a = sp[-2], bv = sp[-1];
        int op = pc[-1] - OP_lt, res;
        if (js_likely(JS_IsInt(a) && JS_IsInt(bv))) {
            int32_t x = JS_VALUE_GET_INT(a), y = JS_VALUE_GET_INT(bv);
            res = op == 0 ? x < y : op == 1 ? x <= y : op == 2 ? x > y : x >= y;
        } else if (JS_IsNumber(a) && JS_IsNumber(bv)) {
            double x = js_value_to_double(a), y = js_value_to_double(bv);
            res = op == 0 ? x < y : op == 1 ? x <= y : op == 2 ? x > y : x >= y;
        } else {
            SAVE();
            res = js_relational_compare_free(ctx, a, bv, op);
            if (res < 0) {
                sp -= 2;
                goto exception;
            }
        }
        sp[-2] = JS_NewBool(ctx, res);
        sp--;
        NEXT();
    }
    CASE(instanceof)
    {
        int res;
        SAVE();
        res = JS_IsInstanceOf(ctx, sp[-2], sp[-1]);
        if (res < 0)
            goto exception;
        JS_FreeValue(ctx, sp[-2]);
        JS_FreeValue(ctx, sp[-1]);
        sp[-2] = JS_NewBool(ctx, res);
        sp--;
        NEXT();
    }
    CASE(in)
    {
        int res;
        SAVE();
        res = js_op_in(ctx, sp[-2], sp[-1]);
        sp -= 2;
        if (res < 0)
            goto exception;
        *sp++ = JS_NewBool(ctx, res);
        NEXT();
    }
    CASE(eq)
    CASE(neq)
    {
        JSValue a = sp[-2], bv = sp[-1];
        int res;
        if (JS_IsInt(a) && JS_IsInt(bv)) {
            res = JS_VALUE_GET_INT(a) == JS_VALUE_GET_INT(bv);
        } else {
            SAVE();
            res = js_loose_eq_free(ctx, a, bv);
            if (res < 0) {
                sp -= 2;
                goto exception;
            }
        }
        sp[-2] = JS_NewBool(ctx, pc[-1] == OP_eq ? res : !res);
        sp--;
        NEXT();
    }
    CASE(strict_eq)
    CASE(strict_neq)
    {
        JSValue a = sp[-2], bv = sp[-1];
        int res = js_strict_eq(ctx, a, bv);
        JS_FreeValue(ctx, a);
        JS_FreeValue(ctx, bv);
        sp[-2] = JS_NewBool(ctx, pc[-1] == OP_strict_eq ? res : !res);
        sp--;
        NEXT();
    }
    CASE(is_nullish)
    {
        JSValue v = sp[-1];
        /* for ?. and ??: an [[IsHTMLDDA]] object is not nullish there */
        bool res = JS_IsNull(v) || JS_IsUndefined(v);
        JS_FreeValue(ctx, v);
        sp[-1] = JS_NewBool(ctx, res);
        NEXT();
    }
    CASE(to_numeric)
    {
        JSValue v;
        SAVE();
        v = JS_ToNumericFree(ctx, sp[-1]);
        if (JS_IsException(v)) {
            sp--;
            goto exception;
        }
        sp[-1] = v;
        NEXT();
    }
    CASE(to_object)
    {
        JSValue v;
        SAVE();
        v = JS_ToObject(ctx, sp[-1]);
        if (JS_IsException(v))
            goto exception;
        set_value(ctx, &sp[-1], v);
        NEXT();
    }
    CASE(to_object_check)
    {
        SAVE();
        if (JS_IsNull(sp[-1]) || JS_IsUndefined(sp[-1])) {
            JS_ThrowTypeError(ctx, "Cannot destructure '%s' as it is %s.",
                              JS_IsNull(sp[-1]) ? "null" : "undefined",
                              JS_IsNull(sp[-1]) ? "null" : "undefined");
            goto exception;
        }
        NEXT();
    }
    CASE(to_string)
    {
        JSValue v = sp[-1];
        if (!JS_IsString(v)) {
            SAVE();
            v = JS_ToStringFree(ctx, v);
            if (JS_IsException(v)) {
                sp--;
                goto exception;
            }
            sp[-1] = v;
        }
        NEXT();
    }
    CASE(concat_strings)
    {
        int n = get_u16(pc);
        JSValue r;
        SAVE();
        pc += 2;
        r = js_concat_n(ctx, sp - n, n);
        for (int i = 1; i <= n; i++)
            JS_FreeValue(ctx, sp[-i]);
        sp -= n;
        if (JS_IsException(r))
            goto exception;
        *sp++ = r;
        NEXT();
    }

exception:
    if (!rt->current_exception_is_uncatchable) {
        while (sp > stack_buf) {
            JSValue v = *--sp;
            if (JS_VALUE_GET_TAG(v) == JS_TAG_CATCH_OFFSET) {
                *sp++ = JS_GetException(ctx);
                pc = b->code + JS_VALUE_GET_INT(v);
                NEXT();
            }
            JS_FreeValue(ctx, v);
        }
    }
    ret_val = JS_EXCEPTION;
done:
    while (sp > stack_buf)
        JS_FreeValue(ctx, *--sp);
    f->sp = sp;
    f->state = JS_FRAME_DONE;
    rt->current_stack_frame = f->sf.prev_frame;
    return ret_val;
suspend:
    f->pc = pc;
    f->sp = sp;
    rt->current_stack_frame = f->sf.prev_frame;
    return ret_val;
#undef NEXT
#undef CASE
#undef SAVE
#undef STRICT
}

/* the frame's arguments and locals (its stack is empty once it is done) */
void js_frame_free_values(JSContext *ctx, JSFrame *f)
{
    JSFunctionBytecode *b = f->func->u.func.function_bytecode;
    while (f->sp > f->stack_buf)
        JS_FreeValue(ctx, *--f->sp);
    for (int i = 0; i < f->n_args; i++)
        JS_FreeValue(ctx, f->arg_buf[i]);
    for (int i = 0; i < b->var_count; i++)
        JS_FreeValue(ctx, f->var_buf[i]);
    JS_FreeValue(ctx, f->this_val);
    JS_FreeValue(ctx, f->new_target);
    f->this_val = f->new_target = JS_UNDEFINED;
}

/* fills a frame's buffer (n_args + var_count + stack_size values) */
void js_frame_init(JSContext *ctx, JSFrame *f, JSValueConst func_obj, JSValueConst this_val,
                   JSValueConst new_target, int argc, JSValueConst *argv, JSValue *buf)
{
    JSObject *p = js_obj(func_obj);
    JSFunctionBytecode *b = p->u.func.function_bytecode;
    int n_args = argc > b->arg_count ? argc : b->arg_count;
    f->func = p;
    f->this_val = this_val;
    f->new_target = JS_DupValue(ctx, new_target);
    f->argc = argc;
    f->n_args = n_args;
    f->arg_buf = buf;
    f->var_buf = buf + n_args;
    f->stack_buf = f->var_buf + b->var_count;
    f->sp = f->stack_buf;
    f->pc = b->code;
    f->state = JS_FRAME_RUNNING;
    for (int i = 0; i < argc; i++)
        buf[i] = JS_DupValue(ctx, argv[i]);
    for (int i = argc; i < n_args; i++)
        buf[i] = JS_UNDEFINED;
    for (int i = 0; i < b->var_count; i++)
        f->var_buf[i] = JS_UNDEFINED;
    f->sf.prev_frame = NULL;
    f->sf.cur_func = func_obj;
    f->sf.cur_pc = b->code;
    f->sf.arg_buf = buf;
    f->sf.var_buf = f->var_buf;
    f->sf.arg_count = argc;
    f->sf.is_strict = (b->flags & JS_BC_STRICT) != 0;
}

size_t js_frame_size(JSFunctionBytecode *b, int argc)
{
    int n_args = argc > b->arg_count ? argc : b->arg_count;
    return sizeof(JSValue) * (n_args + b->var_count + b->stack_size);
}

JSValue js_interp_call(JSContext *caller_ctx, JSValueConst func_obj, JSValueConst this_obj,
                       JSValueConst new_target, int argc, JSValueConst *argv, int flags)
{
    JSObject *p = js_obj(func_obj);
    JSFunctionBytecode *b = p->u.func.function_bytecode;
    JSContext *ctx = b->realm;
    JSValue this_val, ret_val;
    size_t size;
    JSFrame f;
    if (js_unlikely((b->flags & JS_BC_CLASS_CTOR) && !(flags & JS_CALL_FLAG_CONSTRUCTOR)))
        /* created in the callee's realm (ECMA-262 [[Call]] step 2) */
        return JS_ThrowTypeError(ctx, "Class constructor cannot be invoked without 'new'");
    if (js_poll_interrupts(ctx))
        return JS_EXCEPTION;
    if (js_unlikely(b->flags & (JS_BC_GENERATOR | JS_BC_ASYNC))) {
        /* an async body starts running on this C stack: recursion through
           async calls must end in a RangeError too */
        if (js_check_stack_overflow(ctx->rt, 0))
            return js_throw_stack_overflow(caller_ctx);
        return js_call_suspendable(ctx, func_obj, this_obj, argc, argv);
    }
    size = js_frame_size(b, argc);
    if (js_check_stack_overflow(ctx->rt, size))
        return js_throw_stack_overflow(caller_ctx);
    if (flags & JS_CALL_FLAG_CONSTRUCTOR) {
        if (b->flags & JS_BC_DERIVED_CTOR) {
            this_val = JS_UNINITIALIZED;
        } else {
            this_val = js_create_from_ctor(ctx, new_target, JS_CLASS_OBJECT);
            if (JS_IsException(this_val))
                return JS_EXCEPTION;
        }
    } else {
        this_val = JS_DupValue(ctx, this_obj);
        new_target = JS_UNDEFINED;
    }
    js_frame_init(ctx, &f, func_obj, this_val, new_target, argc, argv, alloca(size));
    ret_val = js_interp_run(ctx, &f, JS_RESUME_START, JS_UNDEFINED);
    if (b->flags & JS_BC_DERIVED_CTOR) {
        ret_val = js_derived_ctor_result(caller_ctx, ret_val);
    } else if ((flags & JS_CALL_FLAG_CONSTRUCTOR) && !JS_IsException(ret_val) &&
               !JS_IsObject(ret_val)) {
        JS_FreeValue(ctx, ret_val);
        ret_val = JS_DupValue(ctx, f.this_val);
    }
    js_frame_free_values(ctx, &f);
    return ret_val;
}
