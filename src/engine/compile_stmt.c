/*
 * compile_stmt.c — statements, function prologues and bodies, and the
 * bookkeeping that lets break/continue/return leave loops, try/finally
 * blocks and iterators properly.
 *
 * Stack conventions: a try block keeps a catch offset on the stack; a
 * finally block runs as a subroutine (gosub/ret) with its return address on
 * the stack; a for-of loop keeps (iterator, next method, catch offset); a
 * for-in loop keeps its enumerator. CompBlock records what each level holds
 * so that jumps out of it can clean up.
 */
#include "compiler.h"
#include "atom.h"
#include "runtime.h"

/* ---------------------------------------------------------------------
 * Block stack
 * ------------------------------------------------------------------- */
static void comp_push_block(CompState *s, CompBlock *b, CompBlockKind kind, JSNode *node)
{
    memset(b, 0, sizeof(*b));
    b->kind = kind;
    b->node = node;
    b->break_label = b->continue_label = b->finally_label = -1;
    b->stack_level = s->func->stack_level;
    b->prev = s->func->blocks;
    s->func->blocks = b;
}

static void comp_pop_block(CompState *s, CompBlock *b) { s->func->blocks = b->prev; }

/* AsyncIteratorClose with a normal completion: (iterator next) -> */
static void comp_async_iterator_close(CompState *s)
{
    int l_skip = new_label(s);
    emit_op(s, OP_async_iterator_close);
    emit_goto(s, OP_if_false, l_skip);
    emit_op(s, OP_await);
    emit_op(s, OP_iterator_check_object);
    emit_label(s, l_skip);
    emit_op(s, OP_drop);
}

/* AsyncIteratorClose with a throw completion, which stays the completion
   whatever return() does: (iterator next exc) -> (exc) */
static void comp_async_iterator_close_throw(CompState *s)
{
    int l_skip = new_label(s), l_rejected = new_label(s), l_end = new_label(s);
    emit_op(s, OP_async_iterator_close_throw);
    emit_goto(s, OP_if_false, l_skip);
    emit_goto(s, OP_catch, l_rejected);
    emit_op(s, OP_swap);
    emit_op(s, OP_await);
    emit_op(s, OP_drop);
    emit_op(s, OP_drop); /* catch offset */
    emit_goto(s, OP_goto, l_end);
    emit_label(s, l_rejected);
    /* the swap put the catch offset under the result: the handler finds
       (exc rejection), one less than the level recorded at the catch */
    comp_adjust_stack(s, -1);
    emit_op(s, OP_drop); /* the rejection */
    emit_goto(s, OP_goto, l_end);
    emit_label(s, l_skip);
    emit_op(s, OP_drop);
    emit_label(s, l_end);
}

/* the code leaving block b on the way out of it (not through its end) */
static void comp_leave_block(CompState *s, CompBlock *b)
{
    switch (b->kind) {
    case COMP_BLOCK_FINALLY:
        emit_op(s, OP_drop); /* the try block's catch offset */
        emit_op(s, OP_undefined); /* no exception pending */
        emit_goto(s, OP_gosub, b->finally_label);
        emit_op(s, OP_drop);
        break;
    case COMP_BLOCK_FOR_OF:
        emit_op(s, OP_drop); /* catch offset */
        if (b->is_async)
            comp_async_iterator_close(s);
        else
            emit_op(s, OP_iterator_close);
        break;
    case COMP_BLOCK_FOR_IN:
    case COMP_BLOCK_STACK:
        for (int i = 0; i < b->drop_count; i++)
            emit_op(s, OP_drop);
        break;
    default:
        break;
    }
}

/* jump to `label` of block target, leaving every inner block */
static void comp_jump_out(CompState *s, CompBlock *target, int label)
{
    int level = s->func->stack_level;
    for (CompBlock *b = s->func->blocks; b != target; b = b->prev)
        comp_leave_block(s, b);
    emit_goto(s, OP_goto, label);
    s->func->stack_level = level; /* the code after the jump is unreachable */
}

/* a loop takes the labels written directly in front of it */
static void comp_loop_take_labels(CompState *s, CompBlock *loop)
{
    for (CompBlock *b = loop->prev; b && b->kind == COMP_BLOCK_LABEL && b->pending; b = b->prev) {
        b->pending = false;
        b->loop = loop;
    }
}

/* any other statement ends the run of labels in front of it */
static void comp_drop_pending_labels(CompState *s)
{
    for (CompBlock *b = s->func->blocks; b && b->kind == COMP_BLOCK_LABEL && b->pending;
         b = b->prev)
        b->pending = false;
}

static bool comp_is_loop_block(CompBlock *b)
{
    return b->kind == COMP_BLOCK_LOOP || b->kind == COMP_BLOCK_FOR_OF ||
           b->kind == COMP_BLOCK_FOR_IN;
}

static void comp_break_continue(CompState *s, JSNode *n)
{
    bool is_continue = n->kind == JS_AST_CONTINUE;
    CompBlock *b;
    if (n->u.jump.label) {
        JSAtom name = comp_atom(s, n->u.jump.label->u.ident.name);
        for (b = s->func->blocks; b; b = b->prev) {
            if (b->kind == COMP_BLOCK_LABEL && b->label == name)
                break;
        }
        if (b && is_continue)
            b = b->loop;
    } else {
        for (b = s->func->blocks; b; b = b->prev) {
            if (comp_is_loop_block(b) || (!is_continue && b->kind == COMP_BLOCK_SWITCH))
                break;
        }
    }
    if (!b) {
        comp_error(s, n, "invalid %s target", is_continue ? "continue" : "break");
        return;
    }
    comp_jump_out(s, b, is_continue ? b->continue_label : b->break_label);
}

void comp_return_value(CompState *s)
{
    CompFunc *f = s->func;
    bool has_blocks = false;
    for (CompBlock *b = f->blocks; b; b = b->prev) {
        if (b->kind == COMP_BLOCK_FINALLY || b->kind == COMP_BLOCK_FOR_OF ||
            b->kind == COMP_BLOCK_FOR_IN || b->kind == COMP_BLOCK_STACK)
            has_blocks = true;
    }
    if (has_blocks) {
        int level = f->stack_level;
        if (f->ret_temp < 0)
            f->ret_temp = comp_alloc_temp(s);
        emit_op_u16(s, OP_put_loc, f->ret_temp);
        for (CompBlock *b = f->blocks; b; b = b->prev)
            comp_leave_block(s, b);
        emit_op_u16(s, OP_get_loc, f->ret_temp);
        f->stack_level = level;
    }
    if (f->flags & JS_FUNC_DERIVED_CONSTRUCTOR) {
        comp_get_binding_raw(s, f->this_b);
        emit_op(s, OP_return_ctor);
        comp_adjust_stack(s, -1);
    } else {
        emit_op(s, OP_return);
    }
}

static void comp_return(CompState *s, JSNode *n)
{
    if (n->u.unary.argument)
        comp_expr(s, n->u.unary.argument);
    else
        emit_op(s, OP_undefined);
    /* an async generator returns the awaited value (`return;` awaits
       nothing) */
    if (n->u.unary.argument && (s->func->flags & (JS_FUNC_ASYNC | JS_FUNC_GENERATOR)) ==
                                   (JS_FUNC_ASYNC | JS_FUNC_GENERATOR))
        emit_op(s, OP_await);
    comp_return_value(s);
    comp_adjust_stack(s, 1); /* unreachable afterwards; keep the level */
    comp_adjust_stack(s, -1);
}

/* ---------------------------------------------------------------------
 * Scopes
 * ------------------------------------------------------------------- */
void comp_hoist_functions(CompState *s, CompScope *scope)
{
    JSAstScope *ast = scope->ast;
    if (!ast)
        return;
    for (uint32_t i = 0; i < ast->function_count; i++) {
        JSNode *fn = ast->functions[i];
        JSAtom name = comp_atom(s, fn->u.func->id->u.ident.name);
        CompFunc *cf = fn->compiler;
        cf->default_name = name;
        comp_function_closure(s, fn, fn->u.func);
        comp_put_var(s, name, fn, true);
    }
}

/* module code: the hoisted functions are created when the module is
   linked, before any module of a cycle runs; they go to the constant
   pool and their binding records where */
static void comp_module_hoist(CompState *s, CompFunc *f)
{
    JSAstScope *ast = f->body_scope->ast;
    for (uint32_t i = 0; ast && i < ast->function_count; i++) {
        JSNode *fn = ast->functions[i];
        JSNode *id = fn->u.func->id;
        JSAtom name = id ? comp_atom(s, id->u.ident.name) : JS_ATOM__star_default_;
        CompBinding *b = comp_resolve(s, f->module_scope, name);
        CompFunc *cf = fn->compiler;
        cf->default_name = id ? name : JS_ATOM_default;
        int idx = comp_function_const(s, fn, fn->u.func);
        if (b && idx >= 0)
            b->module_cpool = idx;
    }
}

void comp_enter_scope(CompState *s, CompScope *scope)
{
    s->func->scope = scope;
    for (uint32_t i = 0; i < scope->count; i++) {
        CompBinding *b = scope->bindings[i];
        if (b->slot < 0 || b->func != s->func)
            continue;
        if (b->is_lexical) {
            emit_op_u16(s, b->captured ? OP_new_cell : OP_set_loc_uninitialized, b->slot);
        } else if (b->captured && (b->kind == JS_DECL_FUNCTION || b->kind == JS_DECL_CATCH_PARAM ||
                                   b->kind == COMP_BIND_PRIVATE)) {
            emit_op_u16(s, OP_new_cell_undef, b->slot);
        }
    }
    comp_hoist_functions(s, scope);
}

void comp_leave_scope(CompState *s, CompScope *scope) { s->func->scope = scope->parent; }

/* per-iteration copies of a loop head's captured bindings */
static void comp_copy_loop_cells(CompState *s, CompScope *scope)
{
    if (!scope)
        return;
    for (uint32_t i = 0; i < scope->count; i++) {
        CompBinding *b = scope->bindings[i];
        if (b->captured && b->slot >= 0 && b->func == s->func)
            emit_op_u16(s, OP_copy_cell, b->slot);
    }
}

/* ---------------------------------------------------------------------
 * Completion values of script and eval code
 * ------------------------------------------------------------------- */
static void comp_set_completion_undefined(CompState *s)
{
    CompFunc *f = s->func;
    if (f->track_completion && f->ret_slot >= 0) {
        emit_op(s, OP_undefined);
        emit_op_u16(s, OP_put_loc, f->ret_slot);
    }
}

/* ---------------------------------------------------------------------
 * Statements
 * ------------------------------------------------------------------- */
static void comp_var_declaration(CompState *s, JSNode *n)
{
    bool lexical = n->u.var_decl.kind != JS_DECL_VAR;
    for (uint32_t i = 0; i < n->u.var_decl.declarations.count; i++) {
        JSNode *d = n->u.var_decl.declarations.items[i];
        JSNode *id = d->u.declarator.id;
        emit_pos(s, d);
        if (!d->u.declarator.init) {
            if (!lexical)
                continue; /* `var x;` does nothing at run time */
            emit_op(s, OP_undefined);
        } else if (id->kind == JS_AST_IDENTIFIER && !lexical) {
            comp_assign_name(s, id, d->u.declarator.init);
            continue;
        } else if (id->kind == JS_AST_IDENTIFIER) {
            comp_expr_named(s, d->u.declarator.init, comp_atom(s, id->u.ident.name));
        } else {
            comp_expr(s, d->u.declarator.init);
        }
        comp_bind_pattern(s, id, lexical);
    }
}

static void comp_if(CompState *s, JSNode *n)
{
    int l_else = new_label(s), l_end = new_label(s);
    comp_set_completion_undefined(s);
    comp_expr(s, n->u.if_stmt.test);
    emit_goto(s, OP_if_false, l_else);
    comp_stmt(s, n->u.if_stmt.consequent);
    if (n->u.if_stmt.alternate) {
        emit_goto(s, OP_goto, l_end);
        emit_label(s, l_else);
        comp_stmt(s, n->u.if_stmt.alternate);
        emit_label(s, l_end);
    } else {
        emit_label(s, l_else);
    }
}

static void comp_while(CompState *s, JSNode *n)
{
    CompBlock b;
    int l_cont = new_label(s), l_break = new_label(s);
    comp_set_completion_undefined(s);
    comp_push_block(s, &b, COMP_BLOCK_LOOP, n);
    b.break_label = l_break;
    b.continue_label = l_cont;
    comp_loop_take_labels(s, &b);
    emit_label(s, l_cont);
    comp_expr(s, n->u.loop.test);
    emit_goto(s, OP_if_false, l_break);
    comp_stmt(s, n->u.loop.body);
    emit_op(s, OP_interrupt_check);
    emit_goto(s, OP_goto, l_cont);
    emit_label(s, l_break);
    comp_pop_block(s, &b);
}

static void comp_do_while(CompState *s, JSNode *n)
{
    CompBlock b;
    int l_top = new_label(s), l_cont = new_label(s), l_break = new_label(s);
    comp_set_completion_undefined(s);
    comp_push_block(s, &b, COMP_BLOCK_LOOP, n);
    b.break_label = l_break;
    b.continue_label = l_cont;
    comp_loop_take_labels(s, &b);
    emit_label(s, l_top);
    comp_stmt(s, n->u.loop.body);
    emit_label(s, l_cont);
    comp_expr(s, n->u.loop.test);
    emit_op(s, OP_interrupt_check);
    emit_goto(s, OP_if_true, l_top);
    emit_label(s, l_break);
    comp_pop_block(s, &b);
}

static void comp_for(CompState *s, JSNode *n)
{
    CompBlock b;
    CompScope *sc = comp_scope_of(n);
    int l_test = new_label(s), l_cont = new_label(s), l_break = new_label(s);
    comp_set_completion_undefined(s);
    if (sc)
        comp_enter_scope(s, sc);
    if (n->u.for_stmt.init) {
        if (n->u.for_stmt.init->kind == JS_AST_VARIABLE_DECLARATION)
            comp_var_declaration(s, n->u.for_stmt.init);
        else
            comp_expr_drop(s, n->u.for_stmt.init);
    }
    comp_copy_loop_cells(s, sc);
    comp_push_block(s, &b, COMP_BLOCK_LOOP, n);
    b.break_label = l_break;
    b.continue_label = l_cont;
    comp_loop_take_labels(s, &b);
    emit_label(s, l_test);
    if (n->u.for_stmt.test) {
        comp_expr(s, n->u.for_stmt.test);
        emit_goto(s, OP_if_false, l_break);
    }
    comp_stmt(s, n->u.for_stmt.body);
    emit_label(s, l_cont);
    comp_copy_loop_cells(s, sc);
    if (n->u.for_stmt.update)
        comp_expr_drop(s, n->u.for_stmt.update);
    emit_op(s, OP_interrupt_check);
    emit_goto(s, OP_goto, l_test);
    emit_label(s, l_break);
    comp_pop_block(s, &b);
    if (sc)
        comp_leave_scope(s, sc);
}

/* binds the value on the stack to the head of a for-in/of loop */
static void comp_for_in_bind(CompState *s, JSNode *left)
{
    if (left->kind == JS_AST_VARIABLE_DECLARATION) {
        JSNode *d = left->u.var_decl.declarations.items[0];
        comp_bind_pattern(s, d->u.declarator.id, left->u.var_decl.kind != JS_DECL_VAR);
    } else {
        comp_bind_pattern(s, left, false);
    }
}

static void comp_for_in_head_scope(CompState *s, CompScope *sc)
{
    /* a fresh (uninitialised) environment for each iteration */
    if (sc)
        comp_enter_scope(s, sc);
}

static void comp_for_in(CompState *s, JSNode *n)
{
    CompBlock b;
    CompScope *sc = comp_scope_of(n);
    JSNode *left = n->u.for_in.left;
    int l_cont = new_label(s), l_break = new_label(s), l_done = new_label(s);
    comp_set_completion_undefined(s);
    /* Annex B: for (var x = init in obj) */
    if (left->kind == JS_AST_VARIABLE_DECLARATION) {
        JSNode *d = left->u.var_decl.declarations.items[0];
        if (d->u.declarator.init) {
            comp_expr_named(s, d->u.declarator.init,
                            comp_atom(s, d->u.declarator.id->u.ident.name));
            comp_bind_pattern(s, d->u.declarator.id, false);
        }
    }
    comp_for_in_head_scope(s, sc);
    comp_expr(s, n->u.for_in.right);
    if (sc)
        comp_leave_scope(s, sc);
    emit_op(s, OP_for_in_start);
    comp_push_block(s, &b, COMP_BLOCK_FOR_IN, n);
    b.break_label = l_break;
    b.continue_label = l_cont;
    comp_loop_take_labels(s, &b);
    b.drop_count = 1;
    emit_label(s, l_cont);
    emit_op(s, OP_interrupt_check);
    emit_op(s, OP_for_in_next);
    emit_goto(s, OP_if_true, l_done);
    comp_for_in_head_scope(s, sc);
    comp_for_in_bind(s, left);
    comp_stmt(s, n->u.for_in.body);
    if (sc)
        comp_leave_scope(s, sc);
    emit_goto(s, OP_goto, l_cont);
    emit_label(s, l_done);
    emit_op(s, OP_drop); /* the undefined value */
    emit_label(s, l_break);
    comp_pop_block(s, &b);
    emit_op(s, OP_drop); /* the enumerator */
}

static void comp_for_of(CompState *s, JSNode *n)
{
    CompBlock b;
    CompScope *sc = comp_scope_of(n);
    JSNode *left = n->u.for_in.left;
    bool is_async = n->u.for_in.is_await;
    int l_cont = new_label(s), l_break = new_label(s), l_done = new_label(s);
    int l_exc = new_label(s), l_end = new_label(s);
    comp_set_completion_undefined(s);
    comp_for_in_head_scope(s, sc);
    comp_expr(s, n->u.for_in.right);
    if (sc)
        comp_leave_scope(s, sc);
    /* -> iterator next */
    emit_op(s, is_async ? OP_async_iterator_get : OP_for_of_start);
    emit_goto(s, OP_catch, l_exc);
    comp_push_block(s, &b, COMP_BLOCK_FOR_OF, n);
    b.is_async = is_async;
    b.break_label = l_break;
    b.continue_label = l_cont;
    comp_loop_take_labels(s, &b);
    emit_label(s, l_cont);
    emit_op(s, OP_interrupt_check);
    if (is_async) {
        emit_op(s, OP_for_await_next);
        emit_op(s, OP_await);
        emit_op(s, OP_for_await_check);
    } else {
        emit_op_u8(s, OP_for_of_next, 0);
    }
    emit_goto(s, OP_if_true, l_done);
    comp_for_in_head_scope(s, sc);
    comp_for_in_bind(s, left);
    comp_stmt(s, n->u.for_in.body);
    if (sc)
        comp_leave_scope(s, sc);
    emit_goto(s, OP_goto, l_cont);
    emit_label(s, l_done);
    emit_op(s, OP_drop); /* value */
    emit_op(s, OP_drop); /* catch offset */
    emit_op(s, OP_drop); /* next */
    emit_op(s, OP_drop); /* iterator */
    emit_goto(s, OP_goto, l_end);
    /* break: close the iterator */
    emit_label(s, l_break);
    comp_pop_block(s, &b);
    emit_op(s, OP_drop); /* catch offset */
    if (is_async)
        comp_async_iterator_close(s);
    else
        emit_op(s, OP_iterator_close);
    emit_goto(s, OP_goto, l_end);
    /* an exception in the body: close the iterator, then rethrow */
    emit_label(s, l_exc);
    if (is_async)
        comp_async_iterator_close_throw(s);
    else
        emit_op(s, OP_iterator_close_throw);
    emit_op(s, OP_throw);
    emit_label(s, l_end);
}

static void comp_switch(CompState *s, JSNode *n)
{
    CompBlock b;
    CompScope *sc = comp_scope_of(n);
    JSNodeList *cases = &n->u.switch_stmt.cases;
    int l_break = new_label(s), l_default = -1;
    int *labels;
    comp_set_completion_undefined(s);
    comp_expr(s, n->u.switch_stmt.discriminant);
    if (sc)
        comp_enter_scope(s, sc);
    labels = js_malloc(s->ctx, sizeof(int) * (cases->count + 1));
    if (!labels) {
        comp_oom(s);
        return;
    }
    for (uint32_t i = 0; i < cases->count; i++) {
        JSNode *c = cases->items[i];
        labels[i] = new_label(s);
        if (!c->u.switch_case.test) {
            l_default = labels[i];
            continue;
        }
        emit_op(s, OP_dup);
        comp_expr(s, c->u.switch_case.test);
        emit_op(s, OP_strict_eq);
        emit_goto(s, OP_if_true, labels[i]);
    }
    emit_op(s, OP_drop);
    emit_goto(s, OP_goto, l_default >= 0 ? l_default : l_break);
    comp_push_block(s, &b, COMP_BLOCK_SWITCH, n);
    b.break_label = l_break;
    for (uint32_t i = 0; i < cases->count; i++) {
        JSNode *c = cases->items[i];
        /* the matching case jumps here with the discriminant still pushed */
        if (c->u.switch_case.test) {
            int l_body = new_label(s);
            emit_goto(s, OP_goto, l_body);
            emit_label(s, labels[i]);
            emit_op(s, OP_drop);
            emit_label(s, l_body);
        } else {
            emit_label(s, labels[i]);
        }
        comp_stmt_list(s, &c->u.switch_case.consequent);
    }
    comp_pop_block(s, &b);
    emit_label(s, l_break);
    js_free(s->ctx, labels);
    if (sc)
        comp_leave_scope(s, sc);
}

static void comp_catch_clause(CompState *s, JSNode *h)
{
    CompScope *sc = comp_scope_of(h);
    if (sc)
        comp_enter_scope(s, sc);
    if (h->u.catch_clause.param)
        comp_bind_pattern(s, h->u.catch_clause.param, true);
    else
        emit_op(s, OP_drop);
    comp_stmt(s, h->u.catch_clause.body);
    if (sc)
        comp_leave_scope(s, sc);
}

/* try/catch/finally. The finally block is a subroutine entered with an
   exception (or undefined) and a return address on the stack, by every way
   out of the try and catch blocks. */
static void comp_try(CompState *s, JSNode *n)
{
    CompFunc *f = s->func;
    JSNode *handler = n->u.try_stmt.handler, *finalizer = n->u.try_stmt.finalizer;
    CompBlock bf, bt, bs;
    int l_catch = new_label(s), l_after = new_label(s), l_end = new_label(s);
    int l_finally = -1, l_fexc = -1;
    bool saved_track = f->track_completion;
    comp_set_completion_undefined(s);
    if (finalizer) {
        l_finally = new_label(s);
        l_fexc = new_label(s);
        emit_goto(s, OP_catch, l_fexc);
        comp_push_block(s, &bf, COMP_BLOCK_FINALLY, n);
        bf.finally_label = l_finally;
    }
    emit_goto(s, OP_catch, l_catch);
    comp_push_block(s, &bt, COMP_BLOCK_STACK, n);
    bt.drop_count = 1;
    comp_stmt(s, n->u.try_stmt.block);
    comp_pop_block(s, &bt);
    emit_op(s, OP_drop); /* catch offset */
    emit_goto(s, OP_goto, l_after);
    emit_label(s, l_catch); /* the exception is on the stack */
    if (handler)
        comp_catch_clause(s, handler);
    else
        emit_op(s, OP_throw); /* on to the finally handler */
    emit_label(s, l_after);
    if (!finalizer)
        return;
    comp_pop_block(s, &bf);
    emit_op(s, OP_drop); /* the finally catch offset */
    emit_op(s, OP_undefined);
    emit_goto(s, OP_gosub, l_finally);
    emit_op(s, OP_drop);
    emit_goto(s, OP_goto, l_end);
    emit_label(s, l_fexc); /* exception: run the finally block, rethrow */
    emit_goto(s, OP_gosub, l_finally);
    emit_op(s, OP_throw);
    emit_label(s, l_finally);
    comp_adjust_stack(s, 1); /* the return address */
    comp_push_block(s, &bs, COMP_BLOCK_STACK, n);
    bs.drop_count = 2;
    f->track_completion = false; /* finally does not change the completion */
    comp_stmt(s, finalizer);
    f->track_completion = saved_track;
    comp_pop_block(s, &bs);
    emit_op(s, OP_ret);
    emit_label(s, l_end);
}

static void comp_labeled(CompState *s, JSNode *n)
{
    CompBlock b;
    int l_break = new_label(s);
    comp_push_block(s, &b, COMP_BLOCK_LABEL, n->u.labeled.body);
    b.break_label = l_break;
    b.label = comp_atom(s, n->u.labeled.label->u.ident.name);
    b.pending = true;
    comp_stmt(s, n->u.labeled.body);
    comp_pop_block(s, &b);
    emit_label(s, l_break);
}

static void comp_with(CompState *s, JSNode *n)
{
    CompScope *sc = comp_scope_of(n);
    CompBinding *wb = sc->bindings[0];
    comp_set_completion_undefined(s);
    comp_expr(s, n->u.with.object);
    emit_op(s, OP_to_object);
    if (wb->captured) {
        emit_op_u16(s, OP_new_cell, wb->slot);
        emit_op_u16(s, OP_init_cell, wb->slot);
    } else {
        emit_op_u16(s, OP_put_loc, wb->slot);
    }
    s->func->scope = sc;
    comp_stmt(s, n->u.with.body);
    s->func->scope = sc->parent;
}

/* an Annex B block function also assigns its var binding when evaluated */
static void comp_function_declaration(CompState *s, JSNode *n)
{
    CompScope *var_scope = s->func->body_scope;
    JSAtom name;
    CompBinding *vb;
    if (!(n->flags & JS_NODE_F_ANNEXB_HOISTED))
        return;
    name = comp_atom(s, n->u.func->id->u.ident.name);
    comp_get_var(s, name, n);
    vb = var_scope ? comp_resolve(s, var_scope, name) : NULL;
    if (vb && vb->scope == var_scope) {
        comp_put_binding(s, vb, name, NULL, false);
    } else {
        /* script / sloppy eval: the var binding is global or dynamic */
        CompScope *saved = s->func->scope;
        s->func->scope = var_scope ? var_scope : saved;
        comp_put_var(s, name, NULL, false);
        s->func->scope = saved;
    }
}

static void comp_expression_statement(CompState *s, JSNode *n)
{
    CompFunc *f = s->func;
    if (f->track_completion && f->ret_slot >= 0) {
        comp_expr(s, n->u.expr_stmt.expression);
        emit_op_u16(s, OP_put_loc, f->ret_slot);
    } else {
        comp_expr_drop(s, n->u.expr_stmt.expression);
    }
}

/* export default: a hoisted function was made when linking; an anonymous
   class or an expression initialises the "*default*" binding, named
   "default" */
static void comp_export_default(CompState *s, JSNode *decl)
{
    if (decl->kind == JS_AST_FUNCTION_DECLARATION)
        return;
    if (decl->kind == JS_AST_CLASS_DECLARATION && decl->u.klass->id) {
        comp_stmt(s, decl);
        return;
    }
    if (decl->kind == JS_AST_CLASS_DECLARATION)
        comp_class(s, decl, JS_ATOM_default);
    else
        comp_expr_named(s, decl, JS_ATOM_default);
    comp_put_var(s, JS_ATOM__star_default_, NULL, true);
}

void comp_stmt(CompState *s, JSNode *n)
{
    if (s->failed)
        return;
    if (js_check_stack_overflow(s->ctx->rt, 0)) {
        js_throw_stack_overflow(s->ctx);
        s->failed = true;
        return;
    }
    emit_pos(s, n);
    if (n->kind != JS_AST_LABELED && n->kind != JS_AST_WHILE && n->kind != JS_AST_DO_WHILE &&
        n->kind != JS_AST_FOR && n->kind != JS_AST_FOR_IN && n->kind != JS_AST_FOR_OF)
        comp_drop_pending_labels(s);
    switch (n->kind) {
    case JS_AST_EXPRESSION_STATEMENT:
        comp_expression_statement(s, n);
        break;
    case JS_AST_VARIABLE_DECLARATION:
        comp_var_declaration(s, n);
        break;
    case JS_AST_FUNCTION_DECLARATION:
        comp_function_declaration(s, n);
        break;
    case JS_AST_CLASS_DECLARATION: {
        JSAtom name = comp_atom(s, n->u.klass->id->u.ident.name);
        comp_class(s, n, name);
        comp_put_var(s, name, NULL, true);
        break;
    }
    case JS_AST_BLOCK: {
        CompScope *sc = comp_scope_of(n);
        if (sc)
            comp_enter_scope(s, sc);
        comp_stmt_list(s, &n->u.block.body);
        if (sc)
            comp_leave_scope(s, sc);
        break;
    }
    case JS_AST_EMPTY:
        break;
    case JS_AST_DEBUGGER:
        emit_op(s, OP_debugger);
        break;
    case JS_AST_IF:
        comp_if(s, n);
        break;
    case JS_AST_WHILE:
        comp_while(s, n);
        break;
    case JS_AST_DO_WHILE:
        comp_do_while(s, n);
        break;
    case JS_AST_FOR:
        comp_for(s, n);
        break;
    case JS_AST_FOR_IN:
        comp_for_in(s, n);
        break;
    case JS_AST_FOR_OF:
        comp_for_of(s, n);
        break;
    case JS_AST_SWITCH:
        comp_switch(s, n);
        break;
    case JS_AST_TRY:
        comp_try(s, n);
        break;
    case JS_AST_LABELED:
        comp_labeled(s, n);
        break;
    case JS_AST_BREAK:
    case JS_AST_CONTINUE:
        comp_break_continue(s, n);
        break;
    case JS_AST_RETURN:
        comp_return(s, n);
        break;
    case JS_AST_THROW:
        comp_expr(s, n->u.unary.argument);
        emit_op(s, OP_throw);
        break;
    case JS_AST_WITH:
        comp_with(s, n);
        break;
    case JS_AST_IMPORT_DECLARATION:
    case JS_AST_EXPORT_ALL:
        break; /* bindings made when the module is linked */
    case JS_AST_EXPORT_NAMED:
        if (n->u.export_named.declaration)
            comp_stmt(s, n->u.export_named.declaration);
        break;
    case JS_AST_EXPORT_DEFAULT:
        comp_export_default(s, n->u.export_default.declaration);
        break;
    default:
        comp_error(s, n, "%s is not supported yet", js_ast_kind_name(n->kind));
        break;
    }
}

void comp_stmt_list(CompState *s, JSNodeList *list)
{
    for (uint32_t i = 0; i < list->count && !s->failed; i++)
        comp_stmt(s, list->items[i]);
}

/* ---------------------------------------------------------------------
 * Function prologue
 * ------------------------------------------------------------------- */
static bool comp_params_simple(JSAstFunction *fn)
{
    return (fn->flags & JS_FUNC_SIMPLE_PARAMS) != 0;
}

/* simple parameters read their argument slot directly */
static void comp_assign_arg_slots(CompState *s, CompFunc *f)
{
    JSAstFunction *fn = f->ast;
    f->arg_count = 0;
    if (!fn || f->is_top)
        return;
    for (uint32_t i = 0; i < fn->params.count; i++) {
        JSNode *p = fn->params.items[i];
        if (p->kind == JS_AST_REST_ELEMENT)
            break;
        f->arg_count++;
    }
    if (!comp_params_simple(fn))
        return;
    for (uint32_t i = 0; i < fn->params.count; i++) {
        JSNode *p = fn->params.items[i];
        CompBinding *b = comp_resolve(s, f->param_scope, comp_atom(s, p->u.ident.name));
        if (b && b->scope == f->param_scope) {
            b->arg_idx = i; /* duplicates: the last one wins */
            if (f->mapped_arguments)
                b->captured = 1; /* arguments[i] aliases the binding */
        }
    }
}

static void comp_init_binding_with(CompState *s, CompBinding *b, int op, int operand)
{
    if (!b || (b->slot < 0 && b->arg_idx < 0))
        return;
    if (b->kind == COMP_BIND_THIS && !b->captured && !b->is_lexical)
        return; /* push_this reads the frame directly */
    if (op == OP_special_object)
        emit_op_u8(s, op, operand);
    else
        emit_op(s, op);
    if (b->captured) {
        emit_op_u16(s, OP_new_cell, b->slot);
        emit_op_u16(s, OP_init_cell, b->slot);
    } else {
        emit_op_u16(s, OP_put_loc, b->slot);
    }
}

static void comp_prologue_pseudo(CompState *s, CompFunc *f)
{
    if (f->this_b) {
        if (f->this_b->is_lexical) {
            emit_op_u16(s, f->this_b->captured ? OP_new_cell : OP_set_loc_uninitialized,
                        f->this_b->slot);
        } else {
            comp_init_binding_with(s, f->this_b, OP_push_this, 0);
        }
    }
    comp_init_binding_with(s, f->new_target_b, OP_special_object, JS_SPECIAL_NEW_TARGET);
    comp_init_binding_with(s, f->home_b, OP_special_object, JS_SPECIAL_HOME_OBJECT);
    comp_init_binding_with(s, f->func_obj_b, OP_special_object, JS_SPECIAL_THIS_FUNC);
    comp_init_binding_with(s, f->var_obj_b, OP_special_object, JS_SPECIAL_VAR_OBJECT);
    comp_init_binding_with(s, f->arg_var_obj_b, OP_special_object, JS_SPECIAL_VAR_OBJECT);
    if (f->name_scope) {
        for (uint32_t i = 0; i < f->name_scope->count; i++)
            comp_init_binding_with(s, f->name_scope->bindings[i], OP_special_object,
                                   JS_SPECIAL_THIS_FUNC);
    }
}

static void comp_prologue_arguments(CompState *s, CompFunc *f)
{
    CompBinding *b = f->arguments_b;
    JSAstFunction *fn = f->ast;
    if (!b)
        return;
    if (!f->mapped_arguments) {
        comp_init_binding_with(s, b, OP_special_object, JS_SPECIAL_ARGUMENTS);
        return;
    }
    emit_op_u8(s, OP_special_object, JS_SPECIAL_MAPPED_ARGUMENTS);
    for (uint32_t i = 0; i < fn->params.count; i++) {
        CompBinding *pb = comp_resolve(s, f->param_scope, comp_atom(s, fn->params.items[i]->u.ident.name));
        if (pb && pb->arg_idx == (int)i && pb->slot >= 0) {
            emit_op(s, OP_map_argument);
            emit_u16(s, i);
            emit_u16(s, pb->slot);
        }
    }
    if (b->captured) {
        emit_op_u16(s, OP_new_cell, b->slot);
        emit_op_u16(s, OP_init_cell, b->slot);
    } else {
        emit_op_u16(s, OP_put_loc, b->slot);
    }
}

/* the TDZ / cells of a scope's bindings at function entry */
static void comp_prologue_scope(CompState *s, CompScope *sc, bool params_lexical)
{
    if (!sc)
        return;
    for (uint32_t i = 0; i < sc->count; i++) {
        CompBinding *b = sc->bindings[i];
        if (b->slot < 0 || b->kind >= COMP_BIND_THIS)
            continue;
        if (b->kind == JS_DECL_PARAM) {
            if (b->arg_idx >= 0) {
                if (b->captured) {
                    emit_op(s, OP_arg_to_cell);
                    emit_u16(s, b->arg_idx);
                    emit_u16(s, b->slot);
                }
                continue;
            }
            if (params_lexical) {
                emit_op_u16(s, b->captured ? OP_new_cell : OP_set_loc_uninitialized, b->slot);
                continue;
            }
        }
        if (b->is_lexical)
            emit_op_u16(s, b->captured ? OP_new_cell : OP_set_loc_uninitialized, b->slot);
        else if (b->captured)
            emit_op_u16(s, OP_new_cell_undef, b->slot);
    }
}

/* evaluates the non-simple parameter list into the parameter bindings */
static void comp_prologue_params(CompState *s, CompFunc *f)
{
    JSAstFunction *fn = f->ast;
    if (comp_params_simple(fn))
        return;
    s->func->scope = f->param_scope;
    for (uint32_t i = 0; i < fn->params.count; i++) {
        JSNode *p = fn->params.items[i];
        if (p->kind == JS_AST_REST_ELEMENT) {
            emit_op_u16(s, OP_rest, i);
            comp_bind_pattern(s, p->u.unary.argument, true);
            break;
        }
        emit_op_u16(s, OP_get_arg, i);
        comp_bind_pattern(s, p, true);
    }
}

/* separate body environment: vars named like parameters start with the
   parameter's value */
static void comp_prologue_body_vars(CompState *s, CompFunc *f)
{
    CompScope *bs = f->body_scope;
    if (!(f->flags & JS_FUNC_PARAM_EXPRESSIONS))
        return;
    for (uint32_t i = 0; i < bs->count; i++) {
        CompBinding *b = bs->bindings[i], *pb;
        if (b->kind != JS_DECL_VAR || b->slot < 0)
            continue;
        pb = comp_resolve(s, f->param_scope, b->name);
        if (!pb || pb->func != f)
            continue;
        s->func->scope = f->param_scope;
        comp_get_binding(s, pb, b->name, NULL);
        s->func->scope = bs;
        comp_put_binding(s, b, b->name, NULL, true);
    }
}

/* GlobalDeclarationInstantiation / EvalDeclarationInstantiation */
static bool comp_add_global_decl(CompState *s, CompFunc *f, JSAtom name, int kind)
{
    for (uint32_t i = 0; i < f->global_decl_count; i++) {
        if (f->global_decls[i].name == name) {
            if (kind == JS_GLOBAL_DECL_FUNCTION)
                f->global_decls[i].kind = kind;
            return true;
        }
    }
    if (js_resize_array(s->ctx, (void **)&f->global_decls, sizeof(JSGlobalDecl),
                        (int *)&f->global_decl_size, f->global_decl_count + 1))
        return comp_oom(s);
    f->global_decls[f->global_decl_count].name = name;
    f->global_decls[f->global_decl_count].kind = kind;
    f->global_decl_count++;
    return true;
}

static int comp_global_decl_kind(JSDeclKind k)
{
    switch (k) {
    case JS_DECL_LET:
        return JS_GLOBAL_DECL_LET;
    case JS_DECL_CONST:
    case JS_DECL_USING:
        return JS_GLOBAL_DECL_CONST;
    case JS_DECL_CLASS:
        return JS_GLOBAL_DECL_CLASS;
    case JS_DECL_FUNCTION:
        return JS_GLOBAL_DECL_FUNCTION;
    default:
        return JS_GLOBAL_DECL_VAR;
    }
}

static void comp_prologue_global(CompState *s, CompFunc *f)
{
    JSAstScope *ast = f->body_scope->ast;
    bool eval_vars = f->sloppy_eval_vars;
    CompBinding *var_obj = NULL;
    if (!f->global_vars && !eval_vars)
        return;
    for (uint32_t i = 0; ast && i < ast->decl_count; i++) {
        JSAstDecl *d = &ast->decls[i];
        int kind = comp_global_decl_kind(d->kind);
        JSAtom name = comp_atom(s, d->name);
        if (eval_vars) {
            CompBinding *b;
            if (kind != JS_GLOBAL_DECL_VAR && kind != JS_GLOBAL_DECL_FUNCTION)
                continue; /* eval's lexicals are its own locals */
            /* an existing binding of the caller's function is reused */
            b = f->eval_outer_scope ? comp_resolve(s, f->eval_outer_scope, name) : NULL;
            if (b && !b->is_lexical && b->kind == COMP_BIND_EVAL_OUTER &&
                comp_var_scope_binding(s, b))
                continue;
        }
        if (!comp_add_global_decl(s, f, name, kind))
            return;
    }
    if (f->global_decl_count == 0 && !(ast && ast->function_count))
        return;
    if (eval_vars && s->opts->eval_scope && s->opts->eval_scope->var_object >= 0) {
        var_obj = f->eval_outer_scope->bindings[s->opts->eval_scope->var_object];
        comp_get_binding(s, var_obj, var_obj->name, NULL);
    } else {
        emit_op(s, OP_undefined);
    }
    emit_op(s, OP_global_decl);
    for (uint32_t i = 0; ast && i < ast->function_count; i++) {
        JSNode *fn = ast->functions[i];
        JSAtom name = comp_atom(s, fn->u.func->id->u.ident.name);
        CompBinding *b = eval_vars && f->eval_outer_scope
                             ? comp_resolve(s, f->eval_outer_scope, name)
                             : NULL;
        ((CompFunc *)fn->compiler)->default_name = name;
        comp_function_closure(s, fn, fn->u.func);
        if (b && !b->is_lexical && comp_var_scope_binding(s, b)) {
            comp_put_binding(s, b, name, NULL, false);
            continue;
        }
        if (var_obj)
            comp_get_binding(s, var_obj, var_obj->name, NULL);
        else
            emit_op(s, OP_undefined);
        emit_op_atom(s, OP_define_global_func, name);
    }
}

/* a field initializer returns the field's value; an anonymous function
   there is named after the field (a computed key arrives as argument 0) */
static void comp_field_initializer(CompState *s, CompFunc *f, JSNode *expr)
{
    if (comp_is_anonymous_function(expr) && f->field_name == JS_ATOM_NULL) {
        comp_expr_named(s, expr, JS_ATOM_NULL);
        emit_op_u16(s, OP_get_arg, 0);
        emit_op(s, OP_swap);
        emit_op(s, OP_set_name_computed);
        emit_op(s, OP_nip);
    } else {
        comp_expr_named(s, expr, f->field_name);
    }
    emit_op(s, OP_return);
}

void comp_function_body(CompState *s, CompFunc *f)
{
    JSAstFunction *fn = f->ast;
    bool params_lexical = fn && !comp_params_simple(fn);
    f->ret_temp = -1;
    comp_assign_arg_slots(s, f);
    if (!comp_allocate_slots(s, f))
        return;
    s->func->scope = f->top_scope;
    if (f->is_top && f->track_completion) {
        f->ret_slot = comp_alloc_temp(s);
        emit_op(s, OP_undefined);
        emit_op_u16(s, OP_put_loc, f->ret_slot);
    }
    comp_prologue_pseudo(s, f);
    comp_prologue_scope(s, f->param_scope, params_lexical);
    comp_prologue_arguments(s, f);
    if (f->body_scope != f->param_scope)
        comp_prologue_scope(s, f->body_scope, false);
    if (!f->is_top)
        comp_prologue_params(s, f);
    s->func->scope = f->body_scope;
    comp_prologue_body_vars(s, f);
    if (f->is_top && (f->global_vars || f->sloppy_eval_vars))
        comp_prologue_global(s, f);
    else if (f->is_module)
        comp_module_hoist(s, f);
    else
        comp_hoist_functions(s, f->body_scope);
    if (f->flags & JS_FUNC_GENERATOR) {
        /* the generator object is created here, after the parameters */
        emit_op(s, OP_initial_yield);
        emit_op(s, OP_drop);
        emit_op(s, OP_drop);
    }
    if ((f->flags & (JS_FUNC_CLASS_CONSTRUCTOR | JS_FUNC_DERIVED_CONSTRUCTOR)) ==
        JS_FUNC_CLASS_CONSTRUCTOR) {
        /* a base class constructor: fields before the body */
        emit_op(s, OP_push_this);
        emit_op_u8(s, OP_special_object, JS_SPECIAL_THIS_FUNC);
        emit_op(s, OP_init_fields);
    }
    if (f->flags & JS_FUNC_FIELD_INIT) {
        comp_field_initializer(s, f, fn->expr_body);
        return;
    }
    if (f->flags & JS_FUNC_EXPRESSION_BODY) {
        comp_expr(s, fn->expr_body);
        emit_op(s, OP_return);
        return;
    }
    comp_stmt_list(s, &fn->body);
    if (f->is_top && f->ret_slot >= 0) {
        emit_op_u16(s, OP_get_loc, f->ret_slot);
        emit_op(s, OP_return);
    } else if (f->flags & JS_FUNC_DERIVED_CONSTRUCTOR) {
        emit_op(s, OP_undefined);
        comp_return_value(s);
    } else {
        emit_op(s, OP_return_undef);
    }
}
