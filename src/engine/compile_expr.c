/*
 * compile_expr.c — expressions, assignment targets and destructuring
 * patterns, and the access to variables (local slots, closure cells,
 * closure variables, globals, and the dynamic scopes of `with` and sloppy
 * direct eval).
 */
#include <math.h>

#include "compiler.h"
#include "async_iter.h"
#include "atom.h"
#include "bigint.h"
#include "dtoa.h"
#include "runtime.h"

static void emit_call_op(CompState *s, int op, int argc)
{
    emit_op_u16(s, op, argc);
    switch (op) {
    case OP_call:
    case OP_eval:
        comp_adjust_stack(s, -argc);
        break;
    default: /* call_method, call_constructor, super_call: two values below */
        comp_adjust_stack(s, -argc - 1);
        break;
    }
}

/* ---------------------------------------------------------------------
 * Variables
 * ------------------------------------------------------------------- */
/* a binding of the eval caller's variable environment, which an eval var
   of the same name reuses */
bool comp_var_scope_binding(CompState *s, CompBinding *b)
{
    return b->kind == COMP_BIND_EVAL_OUTER && !b->is_lexical && !b->is_dynamic &&
           b->outer_in_var_scope;
}

static bool comp_is_local(CompState *s, CompBinding *b)
{
    return b->func == s->func && b->kind != COMP_BIND_EVAL_OUTER;
}

void comp_get_binding(CompState *s, CompBinding *b, JSAtom name, JSNode *ref)
{
    bool check;
    if (!b || b->is_global) {
        emit_op_atom(s, OP_get_var, name);
        return;
    }
    check = comp_needs_tdz_check(s, b, ref);
    if (comp_is_local(s, b)) {
        if (b->slot < 0) {
            emit_op_u16(s, OP_get_arg, b->arg_idx);
        } else if (b->captured) {
            emit_op_u16(s, check ? OP_get_cell_check : OP_get_cell, b->slot);
        } else {
            emit_op_u16(s, check ? OP_get_loc_check : OP_get_loc, b->slot);
        }
    } else {
        int idx = comp_closure_var(s, s->func, b);
        emit_op_u16(s, check ? OP_get_var_ref_check : OP_get_var_ref, idx < 0 ? 0 : idx);
    }
}

/* reads a local binding without a TDZ check (the derived-constructor
   return decides about an uninitialised this itself) */
void comp_get_binding_raw(CompState *s, CompBinding *b)
{
    if (comp_is_local(s, b)) {
        emit_op_u16(s, b->captured ? OP_get_cell : OP_get_loc, b->slot);
    } else {
        int idx = comp_closure_var(s, s->func, b);
        emit_op_u16(s, OP_get_var_ref, idx < 0 ? 0 : idx);
    }
}

void comp_put_binding(CompState *s, CompBinding *b, JSAtom name, JSNode *ref, bool init)
{
    bool check;
    if (!b || b->is_global) {
        if (init)
            emit_op_atom(s, OP_put_var_init, name);
        else
            emit_op_atom(s, s->func->strict ? OP_put_var_strict : OP_put_var, name);
        return;
    }
    if (!init && (b->is_const || b->silent_const)) {
        emit_op(s, OP_drop);
        if (b->silent_const)
            return;
        /* reading first makes an assignment in the TDZ a ReferenceError */
        if (comp_needs_tdz_check(s, b, ref)) {
            comp_get_binding(s, b, name, ref);
            emit_op(s, OP_drop);
        }
        emit_op_atom(s, OP_throw_error, name);
        emit_u8(s, JS_THROW_CONST_ASSIGN);
        return;
    }
    check = !init && comp_needs_tdz_check(s, b, ref);
    if (comp_is_local(s, b)) {
        if (b->slot < 0) {
            emit_op_u16(s, OP_put_arg, b->arg_idx);
        } else if (b->captured) {
            emit_op_u16(s, init ? OP_init_cell : check ? OP_put_cell_check : OP_put_cell,
                        b->slot);
        } else {
            emit_op_u16(s, check ? OP_put_loc_check : OP_put_loc, b->slot);
        }
    } else {
        int idx = comp_closure_var(s, s->func, b);
        if (idx < 0)
            idx = 0;
        emit_op_u16(s, init ? OP_init_var_ref : check ? OP_put_var_ref_check : OP_put_var_ref,
                    idx);
    }
}

/* the dynamic scopes (with objects, eval var objects) between the current
   scope and the static binding of name, innermost first */
static int comp_dynamic_chain(CompState *s, JSAtom name, CompBinding **dyn, int max,
                              CompBinding **pstatic)
{
    int n = 0;
    *pstatic = NULL;
    for (CompScope *sc = s->func->scope; sc; sc = sc->parent) {
        CompBinding *d = NULL;
        for (uint32_t i = 0; i < sc->count; i++) {
            CompBinding *b = sc->bindings[i];
            if (b->is_dynamic && sc->is_flat) {
                if (n < max)
                    dyn[n++] = b; /* in shadowing order */
            } else if (b->is_dynamic) {
                d = b;
            } else if (b->name == name) {
                *pstatic = b;
                return n;
            }
        }
        if (d && n < max)
            dyn[n++] = d;
    }
    return n;
}

#define COMP_MAX_DYNAMIC 32

void comp_get_var(CompState *s, JSAtom name, JSNode *ref)
{
    CompBinding *dyn[COMP_MAX_DYNAMIC], *b;
    int n = comp_dynamic_chain(s, name, dyn, COMP_MAX_DYNAMIC, &b);
    int l_done;
    if (n == 0) {
        comp_get_binding(s, b, name, ref);
        return;
    }
    l_done = new_label(s);
    for (int i = 0; i < n; i++) {
        comp_get_binding(s, dyn[i], dyn[i]->name, NULL);
        emit_with_label(s, OP_with_get_var, name, l_done);
        comp_adjust_stack(s, -1); /* not found: the object is gone */
    }
    comp_get_binding(s, b, name, ref);
    emit_label(s, l_done);
}

/* typeof x: an unresolvable global gives undefined instead of throwing */
static void comp_get_var_typeof(CompState *s, JSAtom name, JSNode *ref)
{
    CompBinding *dyn[COMP_MAX_DYNAMIC], *b;
    int n = comp_dynamic_chain(s, name, dyn, COMP_MAX_DYNAMIC, &b);
    int l_done = new_label(s);
    for (int i = 0; i < n; i++) {
        comp_get_binding(s, dyn[i], dyn[i]->name, NULL);
        emit_with_label(s, OP_with_get_var, name, l_done);
        comp_adjust_stack(s, -1);
    }
    if (!b || b->is_global)
        emit_op_atom(s, OP_get_var_undef, name);
    else
        comp_get_binding(s, b, name, ref);
    emit_label(s, l_done);
}

void comp_put_var(CompState *s, JSAtom name, JSNode *ref, bool init)
{
    CompBinding *dyn[COMP_MAX_DYNAMIC], *b;
    int n = comp_dynamic_chain(s, name, dyn, COMP_MAX_DYNAMIC, &b);
    int l_done, level;
    if (n == 0 || init) {
        comp_put_binding(s, b, name, ref, init);
        return;
    }
    l_done = new_label(s);
    level = s->func->stack_level;
    s->func->labels[l_done].stack_level = level - 1;
    for (int i = 0; i < n; i++) {
        comp_get_binding(s, dyn[i], dyn[i]->name, NULL);
        emit_with_label(s, OP_with_put_var, name, l_done);
    }
    comp_put_binding(s, b, name, ref, init);
    emit_label(s, l_done);
}

/* a call's function and this value for an identifier callee */
static void comp_get_var_ref(CompState *s, JSAtom name, JSNode *ref)
{
    CompBinding *dyn[COMP_MAX_DYNAMIC], *b;
    int n = comp_dynamic_chain(s, name, dyn, COMP_MAX_DYNAMIC, &b);
    int l_done;
    if (n == 0) {
        emit_op(s, OP_undefined);
        comp_get_binding(s, b, name, ref);
        return;
    }
    l_done = new_label(s);
    for (int i = 0; i < n; i++) {
        comp_get_binding(s, dyn[i], dyn[i]->name, NULL);
        emit_with_label(s, OP_with_get_ref, name, l_done);
        comp_adjust_stack(s, -2);
    }
    emit_op(s, OP_undefined);
    comp_get_binding(s, b, name, ref);
    emit_label(s, l_done);
}

static void comp_delete_var(CompState *s, JSAtom name)
{
    CompBinding *dyn[COMP_MAX_DYNAMIC], *b;
    int n = comp_dynamic_chain(s, name, dyn, COMP_MAX_DYNAMIC, &b);
    int l_done = new_label(s);
    for (int i = 0; i < n; i++) {
        comp_get_binding(s, dyn[i], dyn[i]->name, NULL);
        emit_with_label(s, OP_with_delete_var, name, l_done);
        comp_adjust_stack(s, -1);
    }
    if (!b || b->is_global)
        emit_op_atom(s, OP_delete_var, name);
    else
        emit_op(s, OP_push_false); /* declared bindings cannot be deleted */
    emit_label(s, l_done);
}

void comp_this(CompState *s, JSNode *node)
{
    CompBinding *b = comp_resolve(s, s->func->scope, JS_ATOM_this);
    if (!b || (comp_is_local(s, b) && !b->captured && !b->is_lexical)) {
        emit_op(s, OP_push_this);
        return;
    }
    comp_get_binding(s, b, JS_ATOM_this, NULL);
}

/* ---------------------------------------------------------------------
 * Literals
 * ------------------------------------------------------------------- */
JSAtom comp_key_atom(CompState *s, JSNode *key)
{
    switch (key->kind) {
    case JS_AST_IDENTIFIER:
    case JS_AST_PRIVATE_IDENTIFIER:
        return comp_atom(s, key->u.ident.name);
    case JS_AST_STRING_LITERAL:
        return comp_atom(s, key->u.string);
    case JS_AST_NUMBER_LITERAL: {
        char buf[JS_DTOA_BUF_SIZE];
        JSAtom a;
        size_t len = js_dtoa_shortest(buf, key->u.number);
        a = js_new_atom_len(s->ctx, buf, len);
        if (a == JS_ATOM_NULL) {
            s->failed = true;
            return a;
        }
        if (js_resize_array(s->ctx, (void **)&s->atoms, sizeof(JSAtom), (int *)&s->atom_size,
                            s->atom_count + 1)) {
            JS_FreeAtom(s->ctx, a);
            comp_oom(s);
            return JS_ATOM_NULL;
        }
        s->atoms[s->atom_count++] = a;
        return a;
    }
    case JS_AST_BIGINT_LITERAL: {
        /* {1n: x}: the key is the decimal string */
        JSAstString *d = key->u.bigint.digits;
        char small[64], *buf = d->len < sizeof(small) ? small : js_malloc(s->ctx, d->len + 1);
        JSValue v, str;
        JSAtom a = JS_ATOM_NULL;
        if (!buf) {
            s->failed = true;
            return a;
        }
        for (uint32_t i = 0; i < d->len; i++)
            buf[i] = (char)js_ast_string_at(d, i);
        buf[d->len] = '\0';
        v = js_bigint_from_literal(s->ctx, buf, d->len, key->u.bigint.radix);
        if (buf != small)
            js_free(s->ctx, buf);
        str = JS_IsException(v) ? v : js_bigint_to_string(s->ctx, v, 10);
        JS_FreeValue(s->ctx, v);
        if (!JS_IsException(str))
            a = JS_ValueToAtom(s->ctx, str);
        JS_FreeValue(s->ctx, str);
        if (a == JS_ATOM_NULL) {
            s->failed = true;
            return a;
        }
        if (js_resize_array(s->ctx, (void **)&s->atoms, sizeof(JSAtom), (int *)&s->atom_size,
                            s->atom_count + 1)) {
            JS_FreeAtom(s->ctx, a);
            comp_oom(s);
            return JS_ATOM_NULL;
        }
        s->atoms[s->atom_count++] = a;
        return a;
    }
    default:
        comp_error(s, key, "unsupported property key");
        return JS_ATOM_NULL;
    }
}

static void comp_string(CompState *s, JSAstString *str)
{
    JSAtom a = comp_atom(s, str);
    if (a == JS_ATOM_NULL)
        return;
    if (js_atom_is_tagged_int(a)) {
        /* "123" is an integer atom: keep the string itself as a constant */
        JSValue v = comp_string_value(s, str);
        if (JS_IsException(v)) {
            s->failed = true;
            return;
        }
        emit_op_u32(s, OP_push_const, emit_const(s, v));
        return;
    }
    emit_push_atom_string(s, a);
}

static void comp_bigint_literal(CompState *s, JSNode *n)
{
    JSAstString *d = n->u.bigint.digits;
    char small[64], *buf = d->len < sizeof(small) ? small : js_malloc(s->ctx, d->len + 1);
    JSValue v;
    if (!buf) {
        s->failed = true;
        return;
    }
    /* the digits are ASCII */
    for (uint32_t i = 0; i < d->len; i++)
        buf[i] = (char)js_ast_string_at(d, i);
    buf[d->len] = '\0';
    v = js_bigint_from_literal(s->ctx, buf, d->len, n->u.bigint.radix);
    if (buf != small)
        js_free(s->ctx, buf);
    if (JS_IsException(v)) {
        s->failed = true;
        return;
    }
    emit_op_u32(s, OP_push_const, emit_const(s, v));
}

static void comp_template(CompState *s, JSNode *n)
{
    JSNodeList *q = &n->u.template.quasis, *e = &n->u.template.expressions;
    int parts = 0;
    for (uint32_t i = 0; i < q->count; i++) {
        JSAstString *cooked = q->items[i]->u.template_element.cooked;
        if (cooked && cooked->len > 0) {
            comp_string(s, cooked);
            parts++;
        }
        if (i < e->count) {
            comp_expr(s, e->items[i]);
            emit_op(s, OP_to_string);
            parts++;
        }
    }
    if (parts == 0) {
        emit_op(s, OP_push_empty_string);
    } else if (parts > 1) {
        emit_op_u16(s, OP_concat_strings, parts);
        comp_adjust_stack(s, 1 - parts);
    } else if (e->count == 0) {
        /* a lone string needs no conversion */
    }
}

/* the per-site template object: a constant {raw, cooked} turned into the
   frozen strings array the first time the site runs */
static void comp_template_object(CompState *s, JSNode *quasi)
{
    JSContext *ctx = s->ctx;
    JSNodeList *q = &quasi->u.template.quasis;
    JSValue desc = JS_NewObject(ctx), cooked = JS_NewArray(ctx), raw = JS_NewArray(ctx);
    int idx;
    if (JS_IsException(desc) || JS_IsException(cooked) || JS_IsException(raw))
        goto fail;
    for (uint32_t i = 0; i < q->count; i++) {
        JSNode *el = q->items[i];
        JSValue c = el->u.template_element.cooked
                        ? comp_string_value(s, el->u.template_element.cooked)
                        : JS_UNDEFINED;
        JSValue r = comp_string_value(s, el->u.template_element.raw);
        if (JS_IsException(c) || JS_IsException(r) ||
            JS_DefinePropertyValueUint32(ctx, cooked, i, c, JS_PROP_C_W_E) < 0 ||
            JS_DefinePropertyValueUint32(ctx, raw, i, r, JS_PROP_C_W_E) < 0)
            goto fail;
    }
    if (JS_DefinePropertyValue(ctx, desc, JS_ATOM_raw, raw, JS_PROP_C_W_E) < 0) {
        raw = JS_UNDEFINED;
        goto fail;
    }
    raw = JS_UNDEFINED;
    if (JS_DefinePropertyValueStr(ctx, desc, "cooked", cooked, JS_PROP_C_W_E) < 0) {
        cooked = JS_UNDEFINED;
        goto fail;
    }
    idx = emit_const(s, desc);
    emit_op_u32(s, OP_template_object, idx);
    return;
fail:
    JS_FreeValue(ctx, desc);
    JS_FreeValue(ctx, cooked);
    JS_FreeValue(ctx, raw);
    s->failed = true;
}

static void comp_array(CompState *s, JSNode *n)
{
    JSNodeList *l = &n->u.list;
    bool simple = l->count < 256;
    for (uint32_t i = 0; i < l->count && simple; i++) {
        if (!l->items[i] || l->items[i]->kind == JS_AST_SPREAD)
            simple = false;
    }
    if (simple) {
        for (uint32_t i = 0; i < l->count; i++)
            comp_expr(s, l->items[i]);
        emit_op_u16(s, OP_array_from, l->count);
        comp_adjust_stack(s, 1 - (int)l->count);
        return;
    }
    emit_op_u16(s, OP_array_from, 0);
    comp_adjust_stack(s, 1);
    emit_push_int(s, 0);
    for (uint32_t i = 0; i < l->count; i++) {
        JSNode *e = l->items[i];
        if (!e) {
            emit_op(s, OP_inc); /* a hole */
        } else if (e->kind == JS_AST_SPREAD) {
            comp_expr(s, e->u.unary.argument);
            emit_op(s, OP_append);
        } else {
            comp_expr(s, e);
            emit_op(s, OP_define_array_el);
            emit_op(s, OP_inc);
        }
    }
    if (l->count && !l->items[l->count - 1]) {
        /* trailing holes still count in the length */
        emit_op(s, OP_swap);
        emit_op(s, OP_dup);
        emit_op(s, OP_rot3l);
        emit_op_atom_ic(s, OP_put_field, JS_ATOM_length);
    } else {
        emit_op(s, OP_drop);
    }
}

/* IsAnonymousFunctionDefinition (parentheses are transparent) */
bool comp_is_anonymous_function(JSNode *n)
{
    switch (n->kind) {
    case JS_AST_FUNCTION_EXPRESSION:
    case JS_AST_ARROW_FUNCTION:
        return n->u.func->id == NULL;
    case JS_AST_CLASS_EXPRESSION:
        return n->u.klass->id == NULL;
    default:
        return false;
    }
}

/* a function value with its home object (methods and accessors) */
static void comp_method_value(CompState *s, JSNode *fn, JSAtom name)
{
    ((CompFunc *)fn->compiler)->default_name = name;
    comp_function_closure(s, fn, fn->u.func);
}

static void comp_object(CompState *s, JSNode *n)
{
    JSNodeList *l = &n->u.list;
    emit_op(s, OP_object);
    for (uint32_t i = 0; i < l->count; i++) {
        JSNode *p = l->items[i];
        emit_pos(s, p);
        if (p->kind == JS_AST_SPREAD) {
            comp_expr(s, p->u.unary.argument);
            emit_op_u8(s, OP_copy_data_properties, 0);
            emit_op(s, OP_drop);
            continue;
        }
        if (p->u.property.proto) {
            comp_expr(s, p->u.property.value);
            emit_op(s, OP_set_proto);
            continue;
        }
        if (p->u.property.kind == JS_PROP_GET || p->u.property.kind == JS_PROP_SET ||
            p->u.property.method) {
            int kind = p->u.property.kind == JS_PROP_GET   ? 1
                       : p->u.property.kind == JS_PROP_SET ? 2
                                                           : 0;
            if (p->u.property.computed) {
                comp_expr(s, p->u.property.key);
                emit_op(s, OP_to_propkey);
                comp_method_value(s, p->u.property.value, JS_ATOM_NULL);
                emit_op_u8(s, OP_define_method_computed, kind | 4);
            } else {
                JSAtom name = comp_key_atom(s, p->u.property.key);
                comp_method_value(s, p->u.property.value, name);
                emit_op_atom(s, OP_define_method, name);
                emit_u8(s, kind | 4);
            }
            continue;
        }
        if (p->u.property.computed) {
            comp_expr(s, p->u.property.key);
            emit_op(s, OP_to_propkey);
            if (comp_is_anonymous_function(p->u.property.value)) {
                comp_expr_named(s, p->u.property.value, JS_ATOM_NULL);
                emit_op(s, OP_set_name_computed);
            } else {
                comp_expr(s, p->u.property.value);
            }
            emit_op(s, OP_define_array_el);
            emit_op(s, OP_drop);
        } else {
            JSAtom name = comp_key_atom(s, p->u.property.key);
            if (p->u.property.shorthand)
                comp_get_var(s, name, p->u.property.key);
            else
                comp_expr_named(s, p->u.property.value, name);
            emit_op_atom(s, OP_define_field, name);
        }
    }
}

/* ---------------------------------------------------------------------
 * Member access and calls
 * ------------------------------------------------------------------- */
/* an optional link: when the value on top is nullish, drop what the
   expression pushed since the chain started and produce undefined */
static void comp_optional_check(CompState *s)
{
    CompFunc *f = s->func;
    int l_cont = new_label(s), extra;
    emit_op(s, OP_dup);
    emit_op(s, OP_is_nullish);
    emit_goto(s, OP_if_false, l_cont);
    extra = f->stack_level - s->chain_level;
    for (int i = 0; i < extra; i++)
        emit_op(s, OP_drop);
    emit_op(s, OP_undefined);
    emit_goto(s, OP_goto, s->chain_label);
    emit_label(s, l_cont); /* restores the stack level of the if_false */
}

static void comp_super_base(CompState *s)
{
    comp_get_var(s, JS_ATOM__home_, NULL);
    emit_op(s, OP_get_super);
}

/* obj.key / obj[key] / super.key; keep_this leaves the object (for a call) */
static void comp_member(CompState *s, JSNode *n, bool keep_this)
{
    JSNode *obj = n->u.member.object, *prop = n->u.member.property;
    if (obj->kind == JS_AST_SUPER) {
        comp_this(s, obj);
        if (keep_this)
            emit_op(s, OP_dup);
        comp_super_base(s);
        if (n->u.member.computed) {
            comp_expr(s, prop);
            emit_op(s, OP_to_propkey);
        } else {
            emit_push_atom_string(s, comp_key_atom(s, prop));
        }
        emit_op(s, OP_get_super_value);
        return;
    }
    comp_expr(s, obj);
    if (n->u.member.optional)
        comp_optional_check(s);
    if (prop->kind == JS_AST_PRIVATE_IDENTIFIER) {
        if (keep_this)
            emit_op(s, OP_dup);
        comp_get_var(s, comp_private_atom(s, prop->u.ident.name), prop);
        emit_op(s, OP_get_private_field);
        return;
    }
    if (n->u.member.computed) {
        comp_expr(s, prop);
        emit_op(s, keep_this ? OP_get_array_el2 : OP_get_array_el);
    } else {
        JSAtom name = comp_key_atom(s, prop);
        if (name == JS_ATOM_length && !keep_this)
            emit_op(s, OP_get_length);
        else
            emit_op_atom_ic(s, keep_this ? OP_get_field2 : OP_get_field, name);
    }
}

static bool comp_has_spread(JSNodeList *args)
{
    for (uint32_t i = 0; i < args->count; i++) {
        if (args->items[i]->kind == JS_AST_SPREAD)
            return true;
    }
    return false;
}

/* the arguments as an array, for calls with spread */
static void comp_args_array(CompState *s, JSNodeList *args)
{
    emit_op_u16(s, OP_array_from, 0);
    comp_adjust_stack(s, 1);
    emit_push_int(s, 0);
    for (uint32_t i = 0; i < args->count; i++) {
        JSNode *a = args->items[i];
        if (a->kind == JS_AST_SPREAD) {
            comp_expr(s, a->u.unary.argument);
            emit_op(s, OP_append);
        } else {
            comp_expr(s, a);
            emit_op(s, OP_define_array_el);
            emit_op(s, OP_inc);
        }
    }
    emit_op(s, OP_drop);
}

static int comp_args(CompState *s, JSNodeList *args)
{
    for (uint32_t i = 0; i < args->count; i++)
        comp_expr(s, args->items[i]);
    if (args->count > 65535)
        comp_error(s, NULL, "too many arguments");
    return args->count;
}

static void comp_super_call(CompState *s, JSNode *n)
{
    JSNodeList *args = &n->u.call.arguments;
    comp_get_var(s, JS_ATOM__fn_, NULL);
    comp_get_var(s, JS_ATOM_new_target, NULL);
    if (comp_has_spread(args)) {
        comp_args_array(s, args);
        emit_op_u16(s, OP_apply, 2);
        comp_adjust_stack(s, 0);
    } else {
        emit_call_op(s, OP_super_call, comp_args(s, args));
    }
    /* bind `this` (ReferenceError if super() already ran) */
    emit_op(s, OP_dup);
    {
        CompBinding *b = comp_resolve(s, s->func->scope, JS_ATOM_this);
        if (b && comp_is_local(s, b)) {
            emit_op_u16(s, b->captured ? OP_init_this_cell : OP_init_this_loc, b->slot);
        } else if (b) {
            int idx = comp_closure_var(s, s->func, b);
            emit_op_u16(s, OP_init_this_var_ref, idx < 0 ? 0 : idx);
        } else {
            comp_error(s, n, "'super' keyword unexpected here");
        }
    }
    /* then the fields of the class */
    emit_op(s, OP_dup);
    comp_get_var(s, JS_ATOM__fn_, NULL);
    emit_op(s, OP_init_fields);
}

static bool comp_is_direct_eval(CompState *s, JSNode *callee)
{
    return callee->kind == JS_AST_IDENTIFIER && !(callee->flags & JS_NODE_F_PAREN) &&
           comp_atom(s, callee->u.ident.name) == JS_ATOM_eval;
}

static void comp_call(CompState *s, JSNode *n)
{
    JSNode *callee = n->u.call.callee;
    JSNodeList *args = &n->u.call.arguments;
    bool spread = comp_has_spread(args);
    int argc;
    if (callee->kind == JS_AST_SUPER) {
        comp_super_call(s, n);
        return;
    }
    if (comp_is_direct_eval(s, callee)) {
        int scope_idx = comp_eval_scope(s, s->func->scope);
        comp_get_var(s, JS_ATOM_eval, callee);
        if (spread) {
            comp_args_array(s, args);
            emit_op_u16(s, OP_apply_eval, scope_idx < 0 ? 0 : scope_idx);
        } else {
            argc = comp_args(s, args);
            emit_op(s, OP_eval);
            emit_u16(s, argc);
            emit_u16(s, scope_idx < 0 ? 0 : scope_idx);
            comp_adjust_stack(s, -argc);
        }
        return;
    }
    /* the callee and its this value */
    if (callee->kind == JS_AST_MEMBER) {
        comp_member(s, callee, true);
    } else if (callee->kind == JS_AST_IDENTIFIER) {
        comp_get_var_ref(s, comp_atom(s, callee->u.ident.name), callee);
    } else {
        emit_op(s, OP_undefined);
        comp_expr(s, callee);
    }
    if (n->u.call.optional)
        comp_optional_check(s);
    /* the position goes after the arguments, which set their own: an
       error in the call points at the call, not at its last argument */
    if (spread) {
        comp_args_array(s, args);
        emit_pos(s, n);
        emit_op_u16(s, OP_apply, 0);
    } else {
        argc = comp_args(s, args);
        emit_pos(s, n);
        emit_call_op(s, OP_call_method, argc);
    }
}

static void comp_new(CompState *s, JSNode *n)
{
    JSNodeList *args = &n->u.call.arguments;
    comp_expr(s, n->u.call.callee);
    emit_op(s, OP_dup); /* new.target */
    /* after the arguments, as in comp_call */
    if (comp_has_spread(args)) {
        comp_args_array(s, args);
        emit_pos(s, n);
        emit_op_u16(s, OP_apply, 1);
        comp_adjust_stack(s, 0);
    } else {
        int argc = comp_args(s, args);
        emit_pos(s, n);
        emit_call_op(s, OP_call_constructor, argc);
    }
}

static void comp_tagged_template(CompState *s, JSNode *n)
{
    JSNode *tag = n->u.tagged.tag, *quasi = n->u.tagged.quasi;
    JSNodeList *e = &quasi->u.template.expressions;
    if (tag->kind == JS_AST_MEMBER) {
        comp_member(s, tag, true);
    } else if (tag->kind == JS_AST_IDENTIFIER) {
        comp_get_var_ref(s, comp_atom(s, tag->u.ident.name), tag);
    } else {
        emit_op(s, OP_undefined);
        comp_expr(s, tag);
    }
    comp_template_object(s, quasi);
    for (uint32_t i = 0; i < e->count; i++)
        comp_expr(s, e->items[i]);
    emit_call_op(s, OP_call_method, e->count + 1);
}

static void comp_chain(CompState *s, JSNode *n)
{
    int saved_label = s->chain_label, saved_level = s->chain_level;
    int l_end = new_label(s);
    s->chain_label = l_end;
    s->chain_level = s->func->stack_level;
    comp_expr(s, n->u.chain.expression);
    emit_label(s, l_end);
    s->chain_label = saved_label;
    s->chain_level = saved_level;
}

/* ---------------------------------------------------------------------
 * Operators
 * ------------------------------------------------------------------- */
static int comp_binary_opcode(int op)
{
    switch (op) {
    case JS_OP_ADD: return OP_add;
    case JS_OP_SUB: return OP_sub;
    case JS_OP_MUL: return OP_mul;
    case JS_OP_DIV: return OP_div;
    case JS_OP_MOD: return OP_mod;
    case JS_OP_EXP: return OP_pow;
    case JS_OP_SHL: return OP_shl;
    case JS_OP_SAR: return OP_sar;
    case JS_OP_SHR: return OP_shr;
    case JS_OP_BITAND: return OP_and;
    case JS_OP_BITOR: return OP_or;
    case JS_OP_BITXOR: return OP_xor;
    case JS_OP_EQ: return OP_eq;
    case JS_OP_NE: return OP_neq;
    case JS_OP_STRICT_EQ: return OP_strict_eq;
    case JS_OP_STRICT_NE: return OP_strict_neq;
    case JS_OP_LT: return OP_lt;
    case JS_OP_GT: return OP_gt;
    case JS_OP_LE: return OP_lte;
    case JS_OP_GE: return OP_gte;
    case JS_OP_IN: return OP_in;
    case JS_OP_INSTANCEOF: return OP_instanceof;
    default: return OP_nop;
    }
}

static void comp_binary(CompState *s, JSNode *n)
{
    if (n->op == JS_OP_IN && n->u.binary.left->kind == JS_AST_PRIVATE_IDENTIFIER) {
        comp_get_var(s, comp_private_atom(s, n->u.binary.left->u.ident.name), n->u.binary.left);
        comp_expr(s, n->u.binary.right);
        emit_op(s, OP_private_in);
        return;
    }
    comp_expr(s, n->u.binary.left);
    comp_expr(s, n->u.binary.right);
    emit_pos(s, n);
    emit_op(s, comp_binary_opcode(n->op));
}

static void comp_logical(CompState *s, JSNode *n)
{
    int l_end = new_label(s);
    comp_expr(s, n->u.binary.left);
    emit_op(s, OP_dup);
    if (n->op == JS_OP_NULLISH) {
        emit_op(s, OP_is_nullish);
        emit_goto(s, OP_if_false, l_end);
    } else {
        emit_goto(s, n->op == JS_OP_AND ? OP_if_false : OP_if_true, l_end);
    }
    emit_op(s, OP_drop);
    comp_expr(s, n->u.binary.right);
    emit_label(s, l_end);
}

static void comp_conditional(CompState *s, JSNode *n)
{
    int l_else = new_label(s), l_end = new_label(s);
    comp_expr(s, n->u.conditional.test);
    emit_goto(s, OP_if_false, l_else);
    comp_expr(s, n->u.conditional.consequent);
    emit_goto(s, OP_goto, l_end);
    emit_label(s, l_else);
    comp_adjust_stack(s, -1);
    comp_expr(s, n->u.conditional.alternate);
    emit_label(s, l_end);
}

static void comp_delete(CompState *s, JSNode *arg)
{
    while (arg->kind == JS_AST_CHAIN) {
        int saved_label = s->chain_label, saved_level = s->chain_level;
        int l_end = new_label(s), l_skip = new_label(s);
        /* delete a?.b is true when the chain short-circuits */
        s->chain_label = l_skip;
        s->chain_level = s->func->stack_level;
        comp_delete(s, arg->u.chain.expression);
        emit_goto(s, OP_goto, l_end);
        emit_label(s, l_skip);
        emit_op(s, OP_drop);
        emit_op(s, OP_push_true);
        emit_label(s, l_end);
        s->chain_label = saved_label;
        s->chain_level = saved_level;
        return;
    }
    switch (arg->kind) {
    case JS_AST_IDENTIFIER:
        comp_delete_var(s, comp_atom(s, arg->u.ident.name));
        break;
    case JS_AST_MEMBER:
        if (arg->u.member.object->kind == JS_AST_SUPER) {
            comp_this(s, arg->u.member.object);
            emit_op(s, OP_drop);
            if (arg->u.member.computed)
                comp_expr_drop(s, arg->u.member.property);
            emit_op_atom(s, OP_throw_error, JS_ATOM_super);
            emit_u8(s, JS_THROW_DELETE_SUPER);
            emit_op(s, OP_undefined);
            break;
        }
        comp_expr(s, arg->u.member.object);
        if (arg->u.member.optional)
            comp_optional_check(s);
        if (arg->u.member.computed)
            comp_expr(s, arg->u.member.property);
        else
            emit_push_atom_string(s, comp_key_atom(s, arg->u.member.property));
        emit_op(s, OP_delete);
        break;
    default:
        comp_expr_drop(s, arg);
        emit_op(s, OP_push_true);
        break;
    }
}

static void comp_unary(CompState *s, JSNode *n)
{
    JSNode *arg = n->u.unary.argument;
    switch (n->op) {
    case JS_OP_DELETE:
        comp_delete(s, arg);
        return;
    case JS_OP_TYPEOF:
        if (arg->kind == JS_AST_IDENTIFIER)
            comp_get_var_typeof(s, comp_atom(s, arg->u.ident.name), arg);
        else
            comp_expr(s, arg);
        emit_op(s, OP_typeof);
        return;
    default:
        break;
    }
    comp_expr(s, arg);
    emit_pos(s, n);
    switch (n->op) {
    case JS_OP_NEG:
        emit_op(s, OP_neg);
        break;
    case JS_OP_PLUS:
        emit_op(s, OP_plus);
        break;
    case JS_OP_NOT:
        emit_op(s, OP_lnot);
        break;
    case JS_OP_BITNOT:
        emit_op(s, OP_not);
        break;
    case JS_OP_VOID:
        emit_op(s, OP_drop);
        emit_op(s, OP_undefined);
        break;
    }
}

/* ---------------------------------------------------------------------
 * References: a target evaluated once for read-modify-write
 * ------------------------------------------------------------------- */
/* REF_DYNVAR: a name behind with objects or eval var objects, whose base
   (the object holding it, or undefined for the static binding) is
   resolved before the right-hand side runs */
typedef enum {
    REF_VAR,
    REF_DYNVAR,
    REF_FIELD,
    REF_ELEM,
    REF_PRIVATE,
    REF_SUPER,
    REF_INVALID
} RefKind;

typedef struct CompRef {
    RefKind kind;
    JSAtom name;
    JSNode *node;
    CompBinding *binding; /* REF_DYNVAR: the static binding (NULL: global) */
} CompRef;

/* the number of base values a reference keeps under its value */
static int comp_ref_base_count(const CompRef *r)
{
    switch (r->kind) {
    case REF_DYNVAR:
    case REF_FIELD:
        return 1;
    case REF_ELEM:
    case REF_PRIVATE:
        return 2;
    case REF_SUPER:
        return 3;
    default:
        return 0;
    }
}

/* pushes the base of a name reached through dynamic scopes */
static void comp_ref_resolve(CompState *s, CompRef *r, CompBinding **dyn, int n)
{
    int l_found = new_label(s);
    for (int i = 0; i < n; i++) {
        comp_get_binding(s, dyn[i], dyn[i]->name, NULL);
        emit_with_label(s, OP_with_find, r->name, l_found);
        comp_adjust_stack(s, -1); /* not found: the object is gone */
    }
    emit_op(s, OP_undefined);
    emit_label(s, l_found);
}

/* pushes the reference's base values: none (var), obj (field), obj key
   (element), this proto key (super) */
static void comp_ref_push(CompState *s, JSNode *t, CompRef *r)
{
    r->node = t;
    switch (t->kind) {
    case JS_AST_IDENTIFIER: {
        CompBinding *dyn[COMP_MAX_DYNAMIC];
        int n;
        r->kind = REF_VAR;
        r->name = comp_atom(s, t->u.ident.name);
        n = comp_dynamic_chain(s, r->name, dyn, COMP_MAX_DYNAMIC, &r->binding);
        if (n > 0) {
            r->kind = REF_DYNVAR;
            comp_ref_resolve(s, r, dyn, n);
        }
        break;
    }
    case JS_AST_MEMBER:
        if (t->u.member.property->kind == JS_AST_PRIVATE_IDENTIFIER) {
            r->kind = REF_PRIVATE;
            comp_expr(s, t->u.member.object);
            comp_get_var(s, comp_private_atom(s, t->u.member.property->u.ident.name),
                         t->u.member.property);
            break;
        }
        if (t->u.member.object->kind == JS_AST_SUPER) {
            r->kind = REF_SUPER;
            comp_this(s, t->u.member.object);
            comp_super_base(s);
            if (t->u.member.computed) {
                comp_expr(s, t->u.member.property);
                emit_op(s, OP_to_propkey);
            } else {
                emit_push_atom_string(s, comp_key_atom(s, t->u.member.property));
            }
            break;
        }
        comp_expr(s, t->u.member.object);
        if (t->u.member.computed) {
            r->kind = REF_ELEM;
            comp_expr(s, t->u.member.property);
        } else {
            r->kind = REF_FIELD;
            r->name = comp_key_atom(s, t->u.member.property);
        }
        break;
    default:
        /* f() = 1 in sloppy code: evaluated, then a ReferenceError */
        comp_expr_drop(s, t);
        r->kind = REF_INVALID;
        break;
    }
}

/* reads the reference, keeping its base values under the value */
static void comp_ref_get(CompState *s, CompRef *r)
{
    switch (r->kind) {
    case REF_VAR:
        comp_get_var(s, r->name, r->node);
        break;
    case REF_DYNVAR: {
        int l_got = new_label(s);
        emit_op(s, OP_dup);
        emit_with_label(s, OP_with_ref_get, r->name, l_got);
        comp_adjust_stack(s, -1); /* undefined: dropped, the static read follows */
        comp_get_binding(s, r->binding, r->name, r->node);
        emit_label(s, l_got);
        break;
    }
    case REF_FIELD:
        emit_op(s, OP_dup);
        emit_op_atom_ic(s, OP_get_field, r->name);
        break;
    case REF_ELEM:
        emit_op(s, OP_to_propkey2);
        emit_op(s, OP_get_array_el3);
        break;
    case REF_PRIVATE:
        emit_op(s, OP_dup2);
        emit_op(s, OP_get_private_field);
        break;
    case REF_SUPER:
        emit_op(s, OP_dup3);
        emit_op(s, OP_get_super_value);
        break;
    case REF_INVALID:
        emit_op_atom(s, OP_throw_error, JS_ATOM_NULL);
        emit_u8(s, JS_THROW_INVALID_LHS);
        emit_op(s, OP_undefined);
        break;
    }
}

/* stores the value on top into the reference; keep: leave the value */
static void comp_ref_put(CompState *s, CompRef *r, bool keep)
{
    switch (r->kind) {
    case REF_VAR:
        if (keep)
            emit_op(s, OP_dup);
        comp_put_var(s, r->name, r->node, false);
        break;
    case REF_DYNVAR: {
        int l_put = new_label(s);
        emit_with_label(s, OP_with_ref_put, r->name, l_put);
        emit_op(s, OP_dup);
        comp_put_binding(s, r->binding, r->name, r->node, false);
        emit_label(s, l_put);
        if (!keep)
            emit_op(s, OP_drop);
        break;
    }
    case REF_FIELD:
        if (keep)
            emit_op(s, OP_insert2);
        emit_op_atom_ic(s, OP_put_field, r->name);
        break;
    case REF_ELEM:
        if (keep)
            emit_op(s, OP_insert3);
        emit_op(s, OP_put_array_el);
        break;
    case REF_PRIVATE:
        if (keep)
            emit_op(s, OP_insert3);
        emit_op(s, OP_put_private_field);
        break;
    case REF_SUPER:
        if (keep)
            emit_op(s, OP_insert4);
        emit_op(s, OP_put_super_value);
        break;
    case REF_INVALID:
        if (!keep)
            emit_op(s, OP_drop);
        break;
    }
}

static void comp_assignment(CompState *s, JSNode *n, bool keep)
{
    JSNode *left = n->u.binary.left, *right = n->u.binary.right;
    CompRef r;
    if (n->op == JS_OP_ASSIGN) {
        if (left->kind == JS_AST_OBJECT_PATTERN || left->kind == JS_AST_ARRAY_PATTERN) {
            comp_expr(s, right);
            if (keep)
                emit_op(s, OP_dup);
            comp_bind_pattern(s, left, false);
            return;
        }
        comp_ref_push(s, left, &r);
        if (r.kind == REF_INVALID) {
            /* f() = g(): the ReferenceError comes before g() is called;
               the right side is still compiled (never run) for the
               functions it may define */
            emit_pos(s, n);
            emit_op_atom(s, OP_throw_error, JS_ATOM_NULL);
            emit_u8(s, JS_THROW_INVALID_LHS);
            comp_expr(s, right);
            if (!keep)
                emit_op(s, OP_drop);
            return;
        }
        if (r.kind == REF_VAR || r.kind == REF_DYNVAR)
            comp_expr_named(s, right, r.name);
        else
            comp_expr(s, right);
        emit_pos(s, n);
        comp_ref_put(s, &r, keep);
        return;
    }
    comp_ref_push(s, left, &r);
    comp_ref_get(s, &r);
    if (n->op == JS_OP_AND || n->op == JS_OP_OR || n->op == JS_OP_NULLISH) {
        /* a ||= b: assigns only when the left side decides */
        int l_skip = new_label(s), l_end = new_label(s), base = 0;
        emit_op(s, OP_dup);
        if (n->op == JS_OP_NULLISH) {
            emit_op(s, OP_is_nullish);
            emit_goto(s, OP_if_false, l_skip);
        } else {
            emit_goto(s, n->op == JS_OP_AND ? OP_if_false : OP_if_true, l_skip);
        }
        emit_op(s, OP_drop);
        if (r.kind == REF_VAR || r.kind == REF_DYNVAR)
            comp_expr_named(s, right, r.name);
        else
            comp_expr(s, right);
        comp_ref_put(s, &r, true);
        emit_goto(s, OP_goto, l_end);
        emit_label(s, l_skip);
        /* drop the reference's base values under the value */
        base = comp_ref_base_count(&r);
        for (int i = 0; i < base; i++)
            emit_op(s, OP_nip);
        emit_label(s, l_end);
        if (!keep)
            emit_op(s, OP_drop);
        return;
    }
    comp_expr(s, right);
    emit_pos(s, n);
    emit_op(s, comp_binary_opcode(n->op));
    comp_ref_put(s, &r, keep);
}

void comp_assign_name(CompState *s, JSNode *id, JSNode *value)
{
    CompRef r;
    comp_ref_push(s, id, &r);
    comp_expr_named(s, value, r.name);
    comp_ref_put(s, &r, false);
}

static void comp_update(CompState *s, JSNode *n, bool keep)
{
    CompRef r;
    bool inc = n->op == JS_OP_INC;
    comp_ref_push(s, n->u.unary.argument, &r);
    comp_ref_get(s, &r);
    emit_pos(s, n);
    if (n->u.unary.prefix || !keep) {
        emit_op(s, inc ? OP_inc : OP_dec);
        comp_ref_put(s, &r, keep);
        return;
    }
    /* x++: the old value (as a number) is the result */
    emit_op(s, inc ? OP_post_inc : OP_post_dec); /* old new */
    switch (r.kind) {
    case REF_VAR:
    case REF_INVALID:
        break;
    case REF_DYNVAR:
    case REF_FIELD:
        emit_op(s, OP_perm3); /* old obj new */
        break;
    case REF_ELEM:
    case REF_PRIVATE:
        emit_op(s, OP_perm4); /* old obj key new */
        break;
    case REF_SUPER:
        emit_op(s, OP_rot4l);
        emit_op(s, OP_rot4l);
        emit_op(s, OP_rot4l);
        emit_op(s, OP_rot4l);
        break;
    }
    if (r.kind == REF_SUPER) {
        comp_error(s, n, "postfix update of a super property is not supported yet");
        return;
    }
    comp_ref_put(s, &r, false);
}

/* ---------------------------------------------------------------------
 * Destructuring and binding
 * ------------------------------------------------------------------- */
static void comp_bind_target(CompState *s, JSNode *target, bool init);

/* a member target of destructuring assignment is evaluated before the
   value is extracted: its base is saved in temporaries */
typedef struct CompTarget {
    JSNode *node;
    int obj_slot, key_slot; /* -1 when unused */
    JSAtom name;
    bool is_private;
} CompTarget;

static void comp_target_prepare(CompState *s, JSNode *t, CompTarget *ct)
{
    ct->node = t;
    ct->obj_slot = ct->key_slot = -1;
    ct->is_private = false;
    if (t->kind != JS_AST_MEMBER || t->u.member.object->kind == JS_AST_SUPER)
        return;
    if (t->u.member.property->kind == JS_AST_PRIVATE_IDENTIFIER) {
        comp_expr(s, t->u.member.object);
        ct->obj_slot = comp_alloc_temp(s);
        emit_op_u16(s, OP_put_loc, ct->obj_slot);
        comp_get_var(s, comp_private_atom(s, t->u.member.property->u.ident.name),
                     t->u.member.property);
        ct->key_slot = comp_alloc_temp(s);
        ct->is_private = true;
        emit_op_u16(s, OP_put_loc, ct->key_slot);
        return;
    }
    comp_expr(s, t->u.member.object);
    ct->obj_slot = comp_alloc_temp(s);
    emit_op_u16(s, OP_put_loc, ct->obj_slot);
    if (t->u.member.computed) {
        comp_expr(s, t->u.member.property);
        ct->key_slot = comp_alloc_temp(s);
        emit_op_u16(s, OP_put_loc, ct->key_slot);
    } else {
        ct->name = comp_key_atom(s, t->u.member.property);
    }
}

static void comp_target_store(CompState *s, CompTarget *ct, bool init)
{
    if (ct->obj_slot < 0) {
        comp_bind_target(s, ct->node, init);
        return;
    }
    emit_op_u16(s, OP_get_loc, ct->obj_slot);
    if (ct->key_slot >= 0) {
        emit_op_u16(s, OP_get_loc, ct->key_slot);
        emit_op(s, OP_rot3l); /* obj key value */
        emit_op(s, ct->is_private ? OP_put_private_field : OP_put_array_el);
    } else {
        emit_op(s, OP_swap);
        emit_op_atom_ic(s, OP_put_field, ct->name);
    }
}

/* value on top: apply a default if undefined */
static void comp_default(CompState *s, JSNode *target, JSNode *init)
{
    int l_skip = new_label(s);
    emit_op(s, OP_dup);
    emit_op(s, OP_undefined);
    emit_op(s, OP_strict_eq);
    emit_goto(s, OP_if_false, l_skip);
    emit_op(s, OP_drop);
    if (target->kind == JS_AST_IDENTIFIER)
        comp_expr_named(s, init, comp_atom(s, target->u.ident.name));
    else
        comp_expr(s, init);
    emit_label(s, l_skip);
}

/* an element of a pattern: value on top */
static void comp_bind_element(CompState *s, JSNode *el, CompTarget *ct, bool init)
{
    if (el->kind == JS_AST_ASSIGNMENT_PATTERN) {
        comp_default(s, el->u.binary.left, el->u.binary.right);
        el = el->u.binary.left;
    }
    if (ct && ct->obj_slot >= 0)
        comp_target_store(s, ct, init);
    else
        comp_bind_target(s, el, init);
}

static JSNode *comp_element_target(JSNode *el)
{
    return el->kind == JS_AST_ASSIGNMENT_PATTERN ? el->u.binary.left : el;
}

/* The iterator stays on the stack under a catch offset: (iterator next
   catch); the iterator instructions find it under the top value. An
   exception while binding (not one from the iterator itself, which marks
   it done) closes the iterator. */
static void comp_bind_array_pattern(CompState *s, JSNode *pat, bool init)
{
    JSNodeList *l = &pat->u.list;
    int l_exc = new_label(s), l_end = new_label(s);
    emit_op(s, OP_iterator_get); /* iterator next */
    emit_goto(s, OP_catch, l_exc);
    for (uint32_t i = 0; i < l->count; i++) {
        JSNode *el = l->items[i];
        CompTarget ct;
        if (!el) {
            emit_op(s, OP_iterator_step);
            emit_op(s, OP_drop);
            continue;
        }
        if (el->kind == JS_AST_REST_ELEMENT) {
            comp_target_prepare(s, el->u.unary.argument, &ct);
            emit_op(s, OP_iterator_rest);
            comp_bind_element(s, el->u.unary.argument, &ct, init);
            continue;
        }
        comp_target_prepare(s, comp_element_target(el), &ct);
        emit_op(s, OP_iterator_step);
        comp_bind_element(s, el, &ct, init);
    }
    emit_op(s, OP_iterator_close_if_open);
    emit_goto(s, OP_goto, l_end);
    emit_label(s, l_exc); /* iterator next exception */
    emit_op(s, OP_iterator_close_throw);
    emit_op(s, OP_throw);
    emit_label(s, l_end);
}

/* The source stays on the stack; with a rest element the keys already
   taken accumulate under it, for copy_data_properties to skip. */
static void comp_bind_object_pattern(CompState *s, JSNode *pat, bool init)
{
    JSNodeList *l = &pat->u.list;
    int nkeys = 0;
    bool has_rest = l->count && l->items[l->count - 1]->kind == JS_AST_REST_ELEMENT;
    emit_op(s, OP_to_object_check); /* RequireObjectCoercible, keeps the value */
    for (uint32_t i = 0; i < l->count; i++) {
        JSNode *p = l->items[i];
        CompTarget ct;
        if (p->kind == JS_AST_REST_ELEMENT) {
            if (nkeys > 127) {
                comp_error(s, p, "too many properties before a rest element");
                return;
            }
            comp_target_prepare(s, p->u.unary.argument, &ct);
            emit_op(s, OP_object);
            emit_op_u8(s, OP_copy_data_properties, (uint8_t)(0x80 | nkeys));
            comp_bind_element(s, p->u.unary.argument, &ct, init);
            continue;
        }
        comp_target_prepare(s, comp_element_target(p->u.property.value), &ct);
        if (p->u.property.computed) {
            comp_expr(s, p->u.property.key);
            emit_op(s, OP_to_propkey);
            if (has_rest) {
                emit_op(s, OP_dup);   /* src key key */
                emit_op(s, OP_rot3r); /* key src key */
                nkeys++;
            }
            emit_op(s, OP_dup1); /* (key) src src key */
            emit_op(s, OP_get_array_el);
        } else {
            JSAtom name = comp_key_atom(s, p->u.property.key);
            if (has_rest) {
                emit_push_atom_string(s, name);
                emit_op(s, OP_swap); /* key src */
                nkeys++;
            }
            emit_op(s, OP_dup);
            emit_op_atom_ic(s, OP_get_field, name);
        }
        comp_bind_element(s, p->u.property.value, &ct, init);
    }
    emit_op(s, OP_drop);
    for (int i = 0; i < nkeys; i++)
        emit_op(s, OP_drop);
}

static void comp_bind_target(CompState *s, JSNode *target, bool init)
{
    switch (target->kind) {
    case JS_AST_IDENTIFIER:
        comp_put_var(s, comp_atom(s, target->u.ident.name), target, init);
        break;
    case JS_AST_ARRAY_PATTERN:
    case JS_AST_ARRAY_EXPRESSION:
        comp_bind_array_pattern(s, target, init);
        break;
    case JS_AST_OBJECT_PATTERN:
    case JS_AST_OBJECT_EXPRESSION:
        comp_bind_object_pattern(s, target, init);
        break;
    case JS_AST_ASSIGNMENT_PATTERN:
        comp_default(s, target->u.binary.left, target->u.binary.right);
        comp_bind_target(s, target->u.binary.left, init);
        break;
    case JS_AST_MEMBER: {
        /* the value was computed first (for-in/of heads): then the base */
        CompRef r;
        comp_ref_push(s, target, &r);
        switch (r.kind) {
        case REF_FIELD:
            emit_op(s, OP_swap);
            break;
        case REF_ELEM:
        case REF_PRIVATE:
            emit_op(s, OP_rot3l);
            break;
        case REF_SUPER:
            emit_op(s, OP_rot4l);
            break;
        default:
            break;
        }
        comp_ref_put(s, &r, false);
        break;
    }
    default:
        /* for (f() of xs) in sloppy code: the call runs, then the
           assignment throws */
        emit_op(s, OP_drop);
        comp_expr_drop(s, target);
        emit_op_atom(s, OP_throw_error, JS_ATOM_NULL);
        emit_u8(s, JS_THROW_INVALID_LHS);
        break;
    }
}

void comp_bind_pattern(CompState *s, JSNode *target, bool init)
{
    comp_bind_target(s, target, init);
}

/* ---------------------------------------------------------------------
 * yield
 * ------------------------------------------------------------------- */
/* after a resume the stack holds (value kind): a return resume returns
   the value from here, through the enclosing finally blocks */
static void comp_after_resume(CompState *s)
{
    int l_next = new_label(s);
    emit_goto(s, OP_if_false, l_next);
    /* async generators await the value of a return resumption */
    if (s->func->flags & JS_FUNC_ASYNC)
        emit_op(s, OP_await);
    comp_return_value(s);
    emit_label(s, l_next);
}

/* the resumption of an async yield*: a return resumption's value is
   awaited (AsyncGeneratorUnwrapYieldResumption), a rejection turning it
   into a throw. (iterator next received kind) -> same, at l_loop */
static void comp_yield_star_async_resumed(CompState *s, int l_loop)
{
    int l_rejected = new_label(s);
    emit_op(s, OP_dup);
    emit_push_int(s, JS_ASYNC_YS_RETURN);
    emit_op(s, OP_strict_eq);
    emit_goto(s, OP_if_false, l_loop);
    emit_op(s, OP_drop);
    emit_goto(s, OP_catch, l_rejected);
    emit_op(s, OP_swap);
    emit_op(s, OP_await);
    emit_op(s, OP_nip_catch);
    emit_push_int(s, JS_ASYNC_YS_RETURN);
    emit_goto(s, OP_goto, l_loop);
    emit_label(s, l_rejected);
    /* the swap put the catch offset under the value: the handler finds
       (iterator next exc), one less than recorded at the catch */
    comp_adjust_stack(s, -1);
    emit_push_int(s, JS_ASYNC_YS_THROW);
    emit_goto(s, OP_goto, l_loop);
}

/* the cases where the inner iterator lacks return or throw:
   (iterator next kind' value) */
static void comp_yield_star_async_missing(CompState *s)
{
    int l_no_throw = new_label(s), l_throw = new_label(s);
    emit_op(s, OP_swap);
    emit_op(s, OP_dup);
    emit_push_int(s, JS_ASYNC_YS_NO_RETURN);
    emit_op(s, OP_strict_eq);
    emit_goto(s, OP_if_false, l_no_throw);
    /* no return method: return the received value, awaited */
    emit_op(s, OP_drop);
    emit_op(s, OP_nip);
    emit_op(s, OP_nip);
    emit_op(s, OP_await);
    comp_return_value(s);
    emit_label(s, l_no_throw);
    /* no throw method: the iterator was closed, its result is awaited */
    emit_push_int(s, JS_ASYNC_YS_NO_THROW);
    emit_op(s, OP_strict_eq);
    emit_goto(s, OP_if_false, l_throw);
    emit_op(s, OP_await);
    emit_op(s, OP_iterator_check_object);
    emit_label(s, l_throw);
    emit_op_atom(s, OP_throw_error, JS_ATOM_NULL);
    emit_u8(s, JS_THROW_NO_ITER_THROW);
}

/* yield* in an async generator (§15.5.5, generatorKind async). The stack
   holds (iterator next received kind) around the loop; each step calls
   next/return/throw, awaits the result and either ends the yield* (its
   value, or a return from the generator) or yields the inner value as is. */
static void comp_yield_star_async(CompState *s, JSNode *n)
{
    int l_loop = new_label(s), l_done = new_label(s), l_missing = new_label(s);
    int l_ret = new_label(s), l_end = new_label(s);
    comp_expr(s, n->u.yield.argument);
    emit_op(s, OP_async_iterator_get);
    emit_op(s, OP_undefined);
    emit_push_int(s, JS_ASYNC_YS_NEXT);
    emit_label(s, l_loop);
    emit_op(s, OP_interrupt_check);
    emit_goto(s, OP_async_yield_star, l_missing);
    emit_op(s, OP_await);
    emit_goto(s, OP_async_yield_star_check, l_done);
    emit_op(s, OP_nip); /* kind' */
    emit_op(s, OP_yield_delegated);
    comp_yield_star_async_resumed(s, l_loop);
    /* done: (iterator next kind' value) */
    emit_label(s, l_done);
    emit_op(s, OP_swap);
    emit_push_int(s, JS_ASYNC_YS_RETURN);
    emit_op(s, OP_strict_eq);
    emit_goto(s, OP_if_true, l_ret);
    emit_op(s, OP_nip);
    emit_op(s, OP_nip);
    emit_goto(s, OP_goto, l_end);
    emit_label(s, l_ret);
    emit_op(s, OP_nip);
    emit_op(s, OP_nip);
    emit_op(s, OP_await);
    comp_return_value(s);
    emit_label(s, l_missing);
    comp_yield_star_async_missing(s);
    emit_label(s, l_end);
}

static void comp_yield(CompState *s, JSNode *n)
{
    bool is_async = (s->func->flags & JS_FUNC_ASYNC) != 0;
    if (n->u.yield.delegate && is_async) {
        comp_yield_star_async(s, n);
        return;
    }
    if (n->u.yield.delegate) {
        int l_ret = new_label(s), l_end = new_label(s);
        comp_expr(s, n->u.yield.argument);
        emit_op(s, OP_iterator_get);
        emit_op(s, OP_undefined);
        emit_push_int(s, 0);
        emit_goto(s, OP_yield_star, l_ret);
        emit_goto(s, OP_goto, l_end);
        emit_label(s, l_ret);
        comp_return_value(s);
        emit_label(s, l_end);
        return;
    }
    if (n->u.yield.argument)
        comp_expr(s, n->u.yield.argument);
    else
        emit_op(s, OP_undefined);
    if (is_async)
        emit_op(s, OP_await);
    emit_op(s, OP_yield);
    comp_after_resume(s);
}

/* ---------------------------------------------------------------------
 * Expressions
 * ------------------------------------------------------------------- */
void comp_expr_named(CompState *s, JSNode *node, JSAtom name)
{
    if (!comp_is_anonymous_function(node)) {
        comp_expr(s, node);
        return;
    }
    if (node->kind == JS_AST_CLASS_EXPRESSION) {
        comp_class(s, node, name);
        return;
    }
    ((CompFunc *)node->compiler)->default_name = name;
    comp_function_closure(s, node, node->u.func);
}

void comp_expr_drop(CompState *s, JSNode *n)
{
    switch (n->kind) {
    case JS_AST_ASSIGNMENT:
        comp_assignment(s, n, false);
        break;
    case JS_AST_UPDATE:
        comp_update(s, n, false);
        break;
    default:
        comp_expr(s, n);
        emit_op(s, OP_drop);
        break;
    }
}

void comp_expr(CompState *s, JSNode *n)
{
    if (s->failed)
        return;
    if (js_check_stack_overflow(s->ctx->rt, 0)) {
        js_throw_stack_overflow(s->ctx);
        s->failed = true;
        return;
    }
    emit_pos(s, n);
    switch (n->kind) {
    case JS_AST_IDENTIFIER:
        comp_get_var(s, comp_atom(s, n->u.ident.name), n);
        break;
    case JS_AST_NULL_LITERAL:
        emit_op(s, OP_null);
        break;
    case JS_AST_BOOLEAN_LITERAL:
        emit_op(s, n->u.boolean ? OP_push_true : OP_push_false);
        break;
    case JS_AST_NUMBER_LITERAL:
        emit_push_number(s, n->u.number);
        break;
    case JS_AST_STRING_LITERAL:
        comp_string(s, n->u.string);
        break;
    case JS_AST_BIGINT_LITERAL:
        comp_bigint_literal(s, n);
        break;
    case JS_AST_REGEXP_LITERAL:
        comp_string(s, n->u.regexp.pattern);
        comp_string(s, n->u.regexp.flags);
        /* a constant pool slot, undefined until the literal's first
           evaluation compiles the pattern into it */
        emit_op_u32(s, OP_regexp, emit_const(s, JS_UNDEFINED));
        break;
    case JS_AST_TEMPLATE_LITERAL:
        comp_template(s, n);
        break;
    case JS_AST_TAGGED_TEMPLATE:
        comp_tagged_template(s, n);
        break;
    case JS_AST_THIS:
        comp_this(s, n);
        break;
    case JS_AST_ARRAY_EXPRESSION:
        comp_array(s, n);
        break;
    case JS_AST_OBJECT_EXPRESSION:
        comp_object(s, n);
        break;
    case JS_AST_FUNCTION_EXPRESSION:
    case JS_AST_ARROW_FUNCTION:
        comp_function_closure(s, n, n->u.func);
        break;
    case JS_AST_CLASS_EXPRESSION:
        comp_class(s, n, n->u.klass->id ? comp_atom(s, n->u.klass->id->u.ident.name)
                                        : JS_ATOM_empty_string);
        break;
    case JS_AST_UNARY:
        comp_unary(s, n);
        break;
    case JS_AST_UPDATE:
        comp_update(s, n, true);
        break;
    case JS_AST_BINARY:
        comp_binary(s, n);
        break;
    case JS_AST_LOGICAL:
        comp_logical(s, n);
        break;
    case JS_AST_ASSIGNMENT:
        comp_assignment(s, n, true);
        break;
    case JS_AST_CONDITIONAL:
        comp_conditional(s, n);
        break;
    case JS_AST_CALL:
        comp_call(s, n);
        break;
    case JS_AST_NEW:
        comp_new(s, n);
        break;
    case JS_AST_MEMBER:
        comp_member(s, n, false);
        break;
    case JS_AST_CHAIN:
        comp_chain(s, n);
        break;
    case JS_AST_SEQUENCE:
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            if (i + 1 < n->u.list.count)
                comp_expr_drop(s, n->u.list.items[i]);
            else
                comp_expr(s, n->u.list.items[i]);
        }
        break;
    case JS_AST_YIELD:
        comp_yield(s, n);
        break;
    case JS_AST_AWAIT:
        comp_expr(s, n->u.unary.argument);
        emit_op(s, OP_await);
        break;
    case JS_AST_IMPORT_CALL:
        comp_expr(s, n->u.import_call.source);
        if (n->u.import_call.options)
            comp_expr(s, n->u.import_call.options);
        else
            emit_op(s, OP_undefined);
        emit_op(s, OP_import);
        break;
    case JS_AST_META_PROPERTY:
        if (n->u.meta.is_import_meta) {
            emit_op_u8(s, OP_special_object, JS_SPECIAL_IMPORT_META);
        } else {
            comp_get_var(s, JS_ATOM_new_target, NULL);
        }
        break;
    default:
        comp_error(s, n, "%s is not supported yet", js_ast_kind_name(n->kind));
        break;
    }
}
