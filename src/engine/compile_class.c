/*
 * compile_class.c — class definitions (ClassDefinitionEvaluation): the
 * constructor, the prototype, methods and accessors, static members, and
 * the synthesized default constructors.
 */
#include "compiler.h"
#include "atom.h"

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
        emit_op(s, OP_return);
    } else {
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

/* where the element's method goes: the constructor (static) or the
   prototype; the stack holds (ctor proto) with one of them on top */
static void comp_class_target(CompState *s, bool want_ctor, bool *ctor_on_top)
{
    if (want_ctor != *ctor_on_top) {
        emit_op(s, OP_swap);
        *ctor_on_top = want_ctor;
    }
}

static void comp_class_method(CompState *s, JSNode *e)
{
    JSNode *key = e->u.method.key;
    int kind = e->u.method.kind == JS_PROP_GET ? 1 : e->u.method.kind == JS_PROP_SET ? 2 : 0;
    CompFunc *mf = e->u.method.value->compiler;
    if (key->kind == JS_AST_PRIVATE_IDENTIFIER) {
        comp_error(s, e, "private class members are not supported yet");
        return;
    }
    if (e->u.method.computed) {
        comp_expr(s, key);
        emit_op(s, OP_to_propkey);
        mf->default_name = JS_ATOM_NULL;
        comp_function_closure(s, e->u.method.value, e->u.method.value->u.func);
        emit_op_u8(s, OP_define_method_computed, kind);
    } else {
        JSAtom name = comp_key_atom(s, key);
        mf->default_name = name;
        comp_function_closure(s, e->u.method.value, e->u.method.value->u.func);
        emit_op_atom(s, OP_define_method, name);
        emit_u8(s, kind);
    }
}

/* leaves the class constructor on the stack */
void comp_class(CompState *s, JSNode *node, JSAtom name)
{
    JSAstClass *k = node->u.klass;
    CompScope *sc = comp_scope_of(node);
    CompScope *saved = s->func->scope;
    bool ctor_on_top = false;
    if (sc)
        comp_enter_scope(s, sc);
    if (k->super_class)
        comp_expr(s, k->super_class);
    else
        emit_op(s, OP_undefined);
    /* the constructor, named after the class */
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
    emit_op_u8(s, OP_define_class, k->super_class ? 1 : 0); /* -> ctor proto */
    for (uint32_t i = 0; i < k->body.count && !s->failed; i++) {
        JSNode *e = k->body.items[i];
        emit_pos(s, e);
        switch (e->kind) {
        case JS_AST_METHOD_DEFINITION:
            if (e->u.method.kind == JS_PROP_CONSTRUCTOR)
                break;
            comp_class_target(s, e->u.method.is_static, &ctor_on_top);
            comp_class_method(s, e);
            break;
        case JS_AST_PROPERTY_DEFINITION:
            comp_error(s, e, "class fields are not supported yet");
            break;
        case JS_AST_STATIC_BLOCK:
            comp_error(s, e, "class static blocks are not supported yet");
            break;
        default:
            break;
        }
    }
    comp_class_target(s, false, &ctor_on_top);
    emit_op(s, OP_drop); /* the prototype */
    if (sc && k->id) {
        /* the inner binding of the class name */
        emit_op(s, OP_dup);
        comp_put_var(s, comp_atom(s, k->id->u.ident.name), NULL, true);
    }
    s->func->scope = saved;
}
