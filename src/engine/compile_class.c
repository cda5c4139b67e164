/*
 * compile_class.c — class definitions (ClassDefinitionEvaluation): the
 * constructor and prototype, methods and accessors, fields, private names,
 * static elements, and the synthesized default constructors.
 *
 * The constructor and prototype are kept in temporaries while the elements
 * are evaluated in order. Instance elements (fields, private methods) go
 * into a list stored on the constructor and applied to each new instance
 * by init_fields (at the start of a base constructor, after super() in a
 * derived one); static elements run once the class is defined.
 */
#include "compiler.h"
#include "atom.h"
#include "classfields.h"

/* the bytecode of `constructor() {}` or `constructor(...args) {
   super(...args) }` (the latter without touching the iterator protocol) */
int comp_default_ctor(CompState *s, JSAstClass *klass, bool derived, JSNode *node, JSAtom name)
{
    CompFunc *saved = s->func, *f = js_mallocz(s->ctx, sizeof(CompFunc));
    JSValue bc;
    if (!f || !comp_register_func(s, f)) {
        js_free(s->ctx, f);
        return comp_oom(s), -1;
    }
    f->parent = saved;
    f->node = node;
    f->strict = true;
    f->flags = JS_FUNC_CLASS_CONSTRUCTOR | JS_FUNC_METHOD | JS_FUNC_STRICT |
               (derived ? JS_FUNC_DERIVED_CONSTRUCTOR : 0);
    f->ret_slot = f->ret_temp = -1;
    s->func = f;
    f->cur_line = f->last_line = node->line;
    f->cur_col = f->last_col = node->col;
    if (derived) {
        emit_op_u8(s, OP_special_object, JS_SPECIAL_THIS_FUNC);
        emit_op_u8(s, OP_special_object, JS_SPECIAL_NEW_TARGET);
        emit_op_u8(s, OP_special_object, JS_SPECIAL_ARGUMENTS);
        emit_op_u16(s, OP_apply, 2);
        emit_op(s, OP_dup);
        emit_op_u8(s, OP_special_object, JS_SPECIAL_THIS_FUNC);
        emit_op(s, OP_init_fields);
        emit_op(s, OP_return);
    } else {
        emit_op(s, OP_push_this);
        emit_op_u8(s, OP_special_object, JS_SPECIAL_THIS_FUNC);
        emit_op(s, OP_init_fields);
        emit_op(s, OP_return_undef);
    }
    s->func = saved;
    f->func_name = name;
    bc = comp_finish(s, f);
    if (JS_IsException(bc))
        return -1;
    js_bytecode_of(bc)->source_start = klass->src_start;
    js_bytecode_of(bc)->source_end = klass->src_end;
    return emit_const(s, bc);
}

typedef struct ClassTemps {
    int ctor, proto;  /* slots holding the constructor and the prototype */
    int elems;        /* slot of the instance element list, or -1 */
    int nelems;       /* entries in the list so far */
    int *slots;       /* per element: a slot for a static computed key or a
                         static private method, or -1 */
} ClassTemps;

static void comp_private_name(CompState *s, JSNode *key)
{
    comp_get_var(s, comp_private_atom(s, key->u.ident.name), key);
}

/* a closure of a method / initializer with its home object */
static void comp_class_closure(CompState *s, JSNode *fn_node, JSAstFunction *fn, int home_slot,
                               JSAtom name)
{
    emit_op_u16(s, OP_get_loc, home_slot);
    ((CompFunc *)fn_node->compiler)->default_name = name;
    comp_function_closure(s, fn_node, fn);
    emit_op(s, OP_set_home_object);
}

/* appends (kind, key, value) to the instance element list; the key and the
   value are emitted by the caller between the two calls */
static void comp_elem_begin(CompState *s, ClassTemps *t, int kind)
{
    if (t->elems < 0) {
        t->elems = comp_alloc_temp(s);
        emit_op_u16(s, OP_array_from, 0);
        comp_adjust_stack(s, 1);
        emit_op_u16(s, OP_put_loc, t->elems);
    }
    emit_op_u16(s, OP_get_loc, t->elems);
    emit_push_int(s, t->nelems++);
    emit_push_int(s, kind);
    emit_op(s, OP_define_array_el);
    emit_op(s, OP_drop);
    emit_push_int(s, t->nelems++);
}

static void comp_elem_next(CompState *s, ClassTemps *t)
{
    emit_op(s, OP_define_array_el);
    emit_op(s, OP_drop);
    emit_push_int(s, t->nelems++);
}

static void comp_elem_end(CompState *s)
{
    emit_op(s, OP_define_array_el);
    emit_op(s, OP_drop);
    emit_op(s, OP_drop);
}

static int comp_method_kind(JSNode *e)
{
    return e->u.method.kind == JS_PROP_GET ? 1 : e->u.method.kind == JS_PROP_SET ? 2 : 0;
}

static void comp_class_method(CompState *s, ClassTemps *t, JSNode *e, int idx)
{
    JSNode *key = e->u.method.key, *fn = e->u.method.value;
    int kind = comp_method_kind(e);
    int home = e->u.method.is_static ? t->ctor : t->proto;
    if (key->kind == JS_AST_PRIVATE_IDENTIFIER) {
        JSAtom name = comp_private_atom(s, key->u.ident.name);
        if (e->u.method.is_static) {
            t->slots[idx] = comp_alloc_temp(s);
            comp_class_closure(s, fn, fn->u.func, home, name);
            emit_op_u16(s, OP_put_loc, t->slots[idx]);
            return;
        }
        comp_elem_begin(s, t, JS_CLASS_ELEM_PRIVATE_METHOD + kind);
        comp_private_name(s, key);
        comp_elem_next(s, t);
        comp_class_closure(s, fn, fn->u.func, home, name);
        comp_elem_end(s);
        return;
    }
    emit_op_u16(s, OP_get_loc, home);
    if (e->u.method.computed) {
        comp_expr(s, key);
        emit_op(s, OP_to_propkey);
        ((CompFunc *)fn->compiler)->default_name = JS_ATOM_NULL;
        comp_function_closure(s, fn, fn->u.func);
        emit_op_u8(s, OP_define_method_computed, kind);
    } else {
        JSAtom name = comp_key_atom(s, key);
        ((CompFunc *)fn->compiler)->default_name = name;
        comp_function_closure(s, fn, fn->u.func);
        emit_op_atom(s, OP_define_method, name);
        emit_u8(s, kind);
    }
    emit_op(s, OP_drop);
}

/* the key of a field: computed keys are evaluated once, in element order */
static JSAtom comp_field_key(CompState *s, JSNode *e)
{
    JSNode *key = e->u.field.key;
    if (key->kind == JS_AST_PRIVATE_IDENTIFIER)
        return comp_private_atom(s, key->u.ident.name);
    if (e->u.field.computed)
        return JS_ATOM_NULL;
    return comp_key_atom(s, key);
}

static void comp_push_field_key(CompState *s, JSNode *e, int slot)
{
    JSNode *key = e->u.field.key;
    if (key->kind == JS_AST_PRIVATE_IDENTIFIER)
        comp_private_name(s, key);
    else if (e->u.field.computed)
        emit_op_u16(s, OP_get_loc, slot);
    else
        emit_push_atom_string(s, comp_key_atom(s, key));
}

static void comp_class_field(CompState *s, ClassTemps *t, JSNode *e, int idx)
{
    JSNode *key = e->u.field.key;
    bool priv = key->kind == JS_AST_PRIVATE_IDENTIFIER;
    if (e->u.field.init)
        ((CompFunc *)e->compiler)->field_name = comp_field_key(s, e);
    if (e->u.field.computed) {
        t->slots[idx] = comp_alloc_temp(s);
        comp_expr(s, key);
        emit_op(s, OP_to_propkey);
        emit_op_u16(s, OP_put_loc, t->slots[idx]);
    }
    if (e->u.field.is_static)
        return; /* initialised after the class is defined */
    comp_elem_begin(s, t, priv ? JS_CLASS_ELEM_PRIVATE_FIELD : JS_CLASS_ELEM_FIELD);
    comp_push_field_key(s, e, t->slots[idx]);
    comp_elem_next(s, t);
    if (e->u.field.init)
        comp_class_closure(s, e, e->u.field.init, t->proto, JS_ATOM_NULL);
    else
        emit_op(s, OP_undefined);
    comp_elem_end(s);
}

/* static fields and blocks, once the class exists */
static void comp_class_static(CompState *s, JSAstClass *k, ClassTemps *t)
{
    for (uint32_t i = 0; i < k->body.count; i++) {
        JSNode *e = k->body.items[i];
        if (e->kind == JS_AST_METHOD_DEFINITION && e->u.method.is_static &&
            e->u.method.key->kind == JS_AST_PRIVATE_IDENTIFIER) {
            emit_op_u16(s, OP_get_loc, t->ctor);
            comp_private_name(s, e->u.method.key);
            emit_op_u16(s, OP_get_loc, t->slots[i]);
            emit_op_u8(s, OP_add_private_method, comp_method_kind(e));
        }
    }
    for (uint32_t i = 0; i < k->body.count && !s->failed; i++) {
        JSNode *e = k->body.items[i];
        emit_pos(s, e);
        if (e->kind == JS_AST_STATIC_BLOCK) {
            emit_op_u16(s, OP_get_loc, t->ctor);
            comp_class_closure(s, e, e->u.func, t->ctor, JS_ATOM_NULL);
            emit_op_u16(s, OP_call_method, 0);
            comp_adjust_stack(s, -1);
            emit_op(s, OP_drop);
        } else if (e->kind == JS_AST_PROPERTY_DEFINITION && e->u.field.is_static) {
            bool priv = e->u.field.key->kind == JS_AST_PRIVATE_IDENTIFIER;
            emit_op_u16(s, OP_get_loc, t->ctor);
            comp_push_field_key(s, e, t->slots[i]);
            if (e->u.field.init) {
                emit_op_u16(s, OP_get_loc, t->ctor);
                comp_class_closure(s, e, e->u.field.init, t->ctor, JS_ATOM_NULL);
                comp_push_field_key(s, e, t->slots[i]);
                emit_op_u16(s, OP_call_method, 1);
                comp_adjust_stack(s, -2);
            } else {
                emit_op(s, OP_undefined);
            }
            if (priv) {
                emit_op(s, OP_define_private_field);
            } else {
                emit_op(s, OP_define_array_el);
                emit_op(s, OP_drop);
                emit_op(s, OP_drop);
            }
        }
    }
}

/* the constructor: the class's own or a default one */
static void comp_class_ctor(CompState *s, JSNode *node, JSAstClass *k, JSAtom name)
{
    if (k->constructor) {
        JSNode *fn = k->constructor->u.method.value;
        ((CompFunc *)fn->compiler)->default_name = name;
        comp_function_closure(s, fn, fn->u.func);
        if (!s->failed) {
            /* a class's source text is the whole class */
            JSFunctionBytecode *b = js_bytecode_of(s->func->cpool[s->func->cpool_count - 1]);
            b->source_start = k->src_start;
            b->source_end = k->src_end;
        }
    } else {
        int idx = comp_default_ctor(s, k, k->super_class != NULL, node, name);
        if (idx < 0)
            return;
        emit_op_u32(s, OP_fclosure, idx);
    }
}

/* leaves the class constructor on the stack */
void comp_class(CompState *s, JSNode *node, JSAtom name)
{
    JSAstClass *k = node->u.klass;
    CompScope *sc = comp_scope_of(node), *saved = s->func->scope;
    ClassTemps t;
    comp_enter_scope(s, sc);
    /* a fresh private name for each #x of this class evaluation */
    for (uint32_t i = 0; i < sc->count; i++) {
        CompBinding *b = sc->bindings[i];
        if (b->kind != COMP_BIND_PRIVATE)
            continue;
        emit_op_atom(s, OP_private_symbol, b->name);
        comp_put_binding(s, b, b->name, NULL, true);
    }
    if (k->super_class)
        comp_expr(s, k->super_class);
    else
        emit_op(s, OP_undefined);
    comp_class_ctor(s, node, k, name);
    emit_op_u8(s, OP_define_class, k->super_class ? 1 : 0); /* -> ctor proto */
    t.proto = comp_alloc_temp(s);
    t.ctor = comp_alloc_temp(s);
    t.elems = -1;
    t.nelems = 0;
    emit_op_u16(s, OP_put_loc, t.proto);
    emit_op_u16(s, OP_put_loc, t.ctor);
    t.slots = js_malloc(s->ctx, sizeof(int) * (k->body.count + 1));
    if (!t.slots) {
        comp_oom(s);
        return;
    }
    for (uint32_t i = 0; i < k->body.count; i++)
        t.slots[i] = -1;
    for (uint32_t i = 0; i < k->body.count && !s->failed; i++) {
        JSNode *e = k->body.items[i];
        emit_pos(s, e);
        if (e->kind == JS_AST_METHOD_DEFINITION && e->u.method.kind != JS_PROP_CONSTRUCTOR)
            comp_class_method(s, &t, e, i);
        else if (e->kind == JS_AST_PROPERTY_DEFINITION)
            comp_class_field(s, &t, e, i);
    }
    if (t.elems >= 0) {
        emit_op_u16(s, OP_get_loc, t.ctor);
        emit_op_u16(s, OP_get_loc, t.elems);
        emit_op(s, OP_set_class_fields);
    }
    if (k->id) {
        /* the inner binding of the class name, before the static elements */
        emit_op_u16(s, OP_get_loc, t.ctor);
        comp_put_var(s, comp_atom(s, k->id->u.ident.name), NULL, true);
    }
    comp_class_static(s, k, &t);
    js_free(s->ctx, t.slots);
    emit_op_u16(s, OP_get_loc, t.ctor);
    s->func->scope = saved;
}
