/*
 * compile_scope.c — binding analysis: scopes, their bindings, name
 * resolution, closure capture and frame slot allocation.
 *
 * The analysis pass mirrors the AST's scopes with CompScopes (attached to
 * the scope-creating nodes through node->compiler) and resolves every
 * identifier once, so that by the time a function is emitted each binding
 * knows whether an inner function (or a direct eval) reaches it: those
 * bindings live in closure cells, all others in plain frame slots.
 *
 * `this`, `new.target`, the home object, the running function and
 * `arguments` are bindings too (with names no identifier can spell, except
 * `arguments`), declared in the non-arrow function that provides them:
 * arrow functions then reach them like any other outer variable.
 */
#include "compiler.h"
#include "atom.h"
#include "error.h"
#include "runtime.h"

/* ---------------------------------------------------------------------
 * Scopes and bindings
 * ------------------------------------------------------------------- */
CompScope *comp_new_scope(CompState *s, CompFunc *f, JSAstScope *ast, CompScope *parent)
{
    CompScope *sc = js_mallocz(s->ctx, sizeof(CompScope));
    if (!sc) {
        comp_oom(s);
        return NULL;
    }
    sc->ast = ast;
    sc->parent = parent;
    sc->func = f;
    sc->is_switch = ast && ast->kind == JS_SCOPE_SWITCH;
    /* remember the scope so that comp_free_func releases it */
    if (js_resize_array(s->ctx, (void **)&f->scopes, sizeof(CompScope *), (int *)&f->scope_size,
                        f->scope_count + 1)) {
        js_free(s->ctx, sc);
        comp_oom(s);
        return NULL;
    }
    f->scopes[f->scope_count++] = sc;
    return sc;
}

CompBinding *comp_add_binding(CompState *s, CompScope *scope, JSAtom name, int kind)
{
    CompBinding *b = js_mallocz(s->ctx, sizeof(CompBinding));
    if (!b) {
        comp_oom(s);
        return NULL;
    }
    if (scope->count >= scope->size) {
        uint32_t n = scope->size ? scope->size * 2 : 4;
        CompBinding **t = js_realloc(s->ctx, scope->bindings, sizeof(*t) * n);
        if (!t) {
            js_free(s->ctx, b);
            comp_oom(s);
            return NULL;
        }
        scope->bindings = t;
        scope->size = n;
    }
    b->name = name;
    b->kind = kind;
    b->arg_idx = -1;
    b->slot = -1;
    b->decl_end = UINT32_MAX;
    b->func = scope->func;
    b->scope = scope;
    scope->bindings[scope->count++] = b;
    return b;
}

static CompBinding *comp_find_in_scope(CompScope *sc, JSAtom name)
{
    for (uint32_t i = 0; i < sc->count; i++) {
        CompBinding *b = sc->bindings[i];
        if (b->name == name && !b->is_dynamic)
            return b;
    }
    return NULL;
}

static CompBinding *comp_dynamic_of(CompScope *sc)
{
    for (uint32_t i = 0; i < sc->count; i++) {
        if (sc->bindings[i]->is_dynamic)
            return sc->bindings[i];
    }
    return NULL;
}

CompBinding *comp_resolve(CompState *s, CompScope *scope, JSAtom name)
{
    for (CompScope *sc = scope; sc; sc = sc->parent) {
        CompBinding *b = comp_find_in_scope(sc, name);
        if (b)
            return b;
    }
    return NULL;
}

CompScope *comp_scope_of(JSNode *node) { return node->compiler; }

void comp_free_func(CompState *s, CompFunc *f)
{
    for (uint32_t i = 0; i < f->scope_count; i++) {
        CompScope *sc = f->scopes[i];
        for (uint32_t j = 0; j < sc->count; j++)
            js_free(s->ctx, sc->bindings[j]);
        js_free(s->ctx, sc->bindings);
        js_free(s->ctx, sc);
    }
    js_free(s->ctx, f->scopes);
    for (uint32_t i = 0; i < f->cpool_count; i++)
        JS_FreeValue(s->ctx, f->cpool[i]);
    js_free(s->ctx, f->cpool);
    if (f->code)
        js_bytecode_free_atoms(s->ctx->rt, f->code, f->code_len);
    js_free(s->ctx, f->code);
    js_free(s->ctx, f->labels);
    js_free(s->ctx, f->closure_vars);
    js_free(s->ctx, f->vardefs);
    js_free(s->ctx, f->pc2line);
    for (uint32_t i = 0; i < f->eval_scope_count; i++)
        js_free(s->ctx, f->eval_scopes[i].bindings);
    js_free(s->ctx, f->eval_scopes);
    js_free(s->ctx, f->global_decls); /* the names are borrowed */
    js_free(s->ctx, f);
}

/* ---------------------------------------------------------------------
 * Declarations of an AST scope
 * ------------------------------------------------------------------- */
static CompBinding *comp_declare(CompState *s, CompScope *sc, JSAstDecl *d)
{
    JSAtom name = comp_atom(s, d->name);
    CompFunc *f = sc->func;
    CompBinding *b;
    if (name == JS_ATOM_NULL)
        return NULL;
    b = comp_find_in_scope(sc, name);
    if (b)
        return b; /* sloppy duplicate block functions, var re-declarations */
    /* `var arguments` is the arguments object's own binding */
    if (d->kind == JS_DECL_VAR && name == JS_ATOM_arguments && f->arguments_b &&
        !(f->flags & JS_FUNC_PARAM_EXPRESSIONS))
        return f->arguments_b;
    /* without parameter expressions, parameters and vars share one
       environment: `var x` (or a function x) of a parameter x is it */
    if ((d->kind == JS_DECL_VAR || d->kind == JS_DECL_FUNCTION) && sc == f->body_scope &&
        f->param_scope && sc != f->param_scope && !(f->flags & JS_FUNC_PARAM_EXPRESSIONS)) {
        b = comp_find_in_scope(f->param_scope, name);
        if (b && b->kind == JS_DECL_PARAM)
            return b;
    }
    b = comp_add_binding(s, sc, name, d->kind);
    if (!b)
        return NULL;
    switch (d->kind) {
    case JS_DECL_LET:
    case JS_DECL_CLASS:
    case JS_DECL_CLASS_NAME:
        b->is_lexical = 1;
        break;
    case JS_DECL_CONST:
    case JS_DECL_USING:
        b->is_lexical = 1;
        b->is_const = 1;
        break;
    case JS_DECL_PARAM:
        /* parameters with expressions among them start in the TDZ */
        if (f->ast && !(f->ast->flags & JS_FUNC_SIMPLE_PARAMS))
            b->is_lexical = 1;
        break;
    case JS_DECL_FUNCTION_NAME:
        b->is_const = f->strict;
        b->silent_const = !f->strict;
        break;
    default:
        break;
    }
    if (d->kind == JS_DECL_CLASS_NAME)
        b->is_const = 1;
    /* script top level: globals, reached by name */
    if (sc->is_var_scope && f->global_vars)
        b->is_global = 1;
    return b;
}

static bool comp_declare_scope(CompState *s, CompScope *sc)
{
    JSAstScope *ast = sc->ast;
    CompFunc *f = sc->func;
    if (!ast)
        return true;
    for (uint32_t i = 0; i < ast->decl_count; i++) {
        JSAstDecl *d = &ast->decls[i];
        /* sloppy eval code: its vars and functions live in the caller's
           variable environment, created at run time */
        if (sc->is_var_scope && f->sloppy_eval_vars &&
            (d->kind == JS_DECL_VAR || d->kind == JS_DECL_FUNCTION ||
             d->kind == JS_DECL_ANNEXB_FUNCTION))
            continue;
        if (!comp_declare(s, sc, d))
            return false;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * Pseudo bindings
 * ------------------------------------------------------------------- */
static CompBinding *comp_pseudo(CompState *s, CompScope *sc, JSAtom name, int kind)
{
    CompBinding *b = comp_add_binding(s, sc, name, kind);
    return b;
}

static bool comp_declare_pseudo(CompState *s, CompFunc *f)
{
    uint32_t fl = f->flags;
    bool all = (fl & JS_FUNC_HAS_EVAL) != 0;
    CompScope *sc = f->top_scope;
    if (f->is_arrow)
        return true;
    if (f->is_eval_code && f->eval_outer_scope)
        return true; /* direct eval: the caller provides them */
    /* a derived constructor returns its this binding */
    if (all || (fl & (JS_FUNC_USES_THIS | JS_FUNC_USES_SUPER_CALL | JS_FUNC_DERIVED_CONSTRUCTOR))) {
        f->this_b = comp_pseudo(s, sc, JS_ATOM_this, COMP_BIND_THIS);
        if (!f->this_b)
            return false;
        if (fl & JS_FUNC_DERIVED_CONSTRUCTOR)
            f->this_b->is_lexical = 1;
    }
    if (f->is_top)
        return true;
    if (all || (fl & (JS_FUNC_USES_NEW_TARGET | JS_FUNC_USES_SUPER_CALL))) {
        f->new_target_b = comp_pseudo(s, sc, JS_ATOM_new_target, COMP_BIND_NEW_TARGET);
        if (!f->new_target_b)
            return false;
    }
    if ((fl & JS_FUNC_METHOD) && (all || (fl & JS_FUNC_USES_SUPER_PROPERTY))) {
        f->home_b = comp_pseudo(s, sc, JS_ATOM__home_, COMP_BIND_HOME_OBJECT);
        if (!f->home_b)
            return false;
    }
    if ((fl & JS_FUNC_DERIVED_CONSTRUCTOR) && (all || (fl & JS_FUNC_USES_SUPER_CALL))) {
        f->func_obj_b = comp_pseudo(s, sc, JS_ATOM__fn_, COMP_BIND_FUNC_OBJ);
        if (!f->func_obj_b)
            return false;
    }
    if ((all || (fl & JS_FUNC_USES_ARGUMENTS)) && !(fl & JS_FUNC_ARGUMENTS_SHADOWED) &&
        !(fl & (JS_FUNC_FIELD_INIT | JS_FUNC_STATIC_BLOCK))) {
        f->arguments_b = comp_pseudo(s, sc, JS_ATOM_arguments, COMP_BIND_ARGUMENTS);
        if (!f->arguments_b)
            return false;
        f->mapped_arguments = !f->strict && (fl & JS_FUNC_SIMPLE_PARAMS);
    }
    return true;
}

/* the variable environment of a function with a sloppy direct eval */
static bool comp_declare_var_object(CompState *s, CompFunc *f)
{
    CompBinding *b;
    if (!(f->flags & JS_FUNC_HAS_EVAL) || f->strict || f->global_vars)
        return true;
    if (f->is_eval_code)
        return true;
    b = comp_add_binding(s, f->body_scope, JS_ATOM__var_, COMP_BIND_VAR_OBJECT);
    if (!b)
        return false;
    b->is_dynamic = 1;
    f->var_obj_b = b;
    return true;
}

/* the variable environment of a sloppy direct eval in parameter
   expressions: a scope of its own around the parameters */
static bool comp_declare_arg_var_object(CompState *s, CompFunc *f, CompScope **pscope)
{
    CompScope *sc;
    CompBinding *b;
    if (f->strict || (f->flags & (JS_FUNC_HAS_EVAL | JS_FUNC_PARAM_EXPRESSIONS)) !=
                         (JS_FUNC_HAS_EVAL | JS_FUNC_PARAM_EXPRESSIONS))
        return true;
    sc = comp_new_scope(s, f, NULL, *pscope);
    if (!sc)
        return false;
    sc->is_var_scope = 1;
    b = comp_add_binding(s, sc, JS_ATOM__arg_var_, COMP_BIND_VAR_OBJECT);
    if (!b)
        return false;
    b->is_dynamic = 1;
    f->arg_var_obj_b = b;
    *pscope = sc;
    return true;
}

/* ---------------------------------------------------------------------
 * The analysis walk
 * ------------------------------------------------------------------- */
typedef struct AnState {
    CompState *s;
    CompFunc *f;
    CompScope *scope;
} AnState;

static void an_node(AnState *a, JSNode *n);
static bool an_function(CompState *s, CompFunc *parent, CompScope *scope, JSNode *node,
                        JSAstFunction *fn);

static void an_list(AnState *a, JSNodeList *l)
{
    for (uint32_t i = 0; i < l->count; i++) {
        if (l->items[i])
            an_node(a, l->items[i]);
    }
}

/* a use of binding `name` from the current function */
static void an_reference(AnState *a, JSAtom name)
{
    for (CompScope *sc = a->scope; sc; sc = sc->parent) {
        CompBinding *b = comp_find_in_scope(sc, name);
        CompBinding *d;
        if (b) {
            if (b->func != a->f)
                b->captured = 1;
            return;
        }
        d = comp_dynamic_of(sc);
        if (d && d->func != a->f)
            d->captured = 1;
    }
}

static void an_ident(AnState *a, JSNode *n)
{
    JSAtom name = comp_atom(a->s, n->u.ident.name);
    if (name != JS_ATOM_NULL)
        an_reference(a, name);
}

static CompScope *an_push_scope(AnState *a, JSAstScope *ast, JSNode *owner)
{
    CompScope *sc = comp_new_scope(a->s, a->f, ast, a->scope);
    if (!sc)
        return NULL;
    owner->compiler = sc;
    if (!comp_declare_scope(a->s, sc))
        return NULL;
    a->scope = sc;
    return sc;
}

static void an_key(AnState *a, JSNode *key, bool computed)
{
    if (computed)
        an_node(a, key);
}

/* let/const: the binding is initialised at the end of its declarator */
static void an_mark_decl_end(AnState *a, JSNode *pattern, uint32_t end)
{
    if (!pattern)
        return;
    switch (pattern->kind) {
    case JS_AST_IDENTIFIER: {
        JSAtom name = comp_atom(a->s, pattern->u.ident.name);
        CompBinding *b = comp_find_in_scope(a->scope, name);
        if (b)
            b->decl_end = end;
        break;
    }
    case JS_AST_ASSIGNMENT_PATTERN:
        an_mark_decl_end(a, pattern->u.binary.left, end);
        break;
    case JS_AST_REST_ELEMENT:
        an_mark_decl_end(a, pattern->u.unary.argument, end);
        break;
    case JS_AST_ARRAY_PATTERN:
    case JS_AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < pattern->u.list.count; i++) {
            JSNode *e = pattern->u.list.items[i];
            if (!e)
                continue;
            if (e->kind == JS_AST_PROPERTY)
                an_mark_decl_end(a, e->u.property.value, end);
            else
                an_mark_decl_end(a, e, end);
        }
        break;
    default:
        break;
    }
}

static void an_class(AnState *a, JSNode *n)
{
    JSAstClass *k = n->u.klass;
    CompScope *saved = a->scope, *sc;
    /* the class scope: its name binding and its private names */
    sc = comp_new_scope(a->s, a->f, k->scope, a->scope);
    if (!sc || !comp_declare_scope(a->s, sc)) {
        a->s->failed = true;
        return;
    }
    n->compiler = sc;
    a->scope = sc;
    for (uint32_t i = 0; i < k->private_count; i++) {
        JSAtom name = comp_private_atom(a->s, k->private_names[i].name);
        CompBinding *b;
        if (name == JS_ATOM_NULL || comp_find_in_scope(sc, name))
            continue; /* a getter/setter pair shares its name */
        b = comp_add_binding(a->s, sc, name, COMP_BIND_PRIVATE);
        if (!b) {
            a->s->failed = true;
            return;
        }
    }
    if (k->super_class)
        an_node(a, k->super_class);
    for (uint32_t i = 0; i < k->body.count; i++) {
        JSNode *e = k->body.items[i];
        switch (e->kind) {
        case JS_AST_METHOD_DEFINITION:
            an_key(a, e->u.method.key, e->u.method.computed);
            an_node(a, e->u.method.value);
            break;
        case JS_AST_PROPERTY_DEFINITION:
            an_key(a, e->u.field.key, e->u.field.computed);
            if (e->u.field.init &&
                !an_function(a->s, a->f, a->scope, e, e->u.field.init))
                a->s->failed = true;
            break;
        case JS_AST_STATIC_BLOCK:
            if (!an_function(a->s, a->f, a->scope, e, e->u.func))
                a->s->failed = true;
            break;
        default:
            break;
        }
    }
    if (k->scope && k->id)
        an_mark_decl_end(a, k->id, n->end);
    a->scope = saved;
}

static void an_for_head(AnState *a, JSNode *n, JSAstScope *ast)
{
    if (ast && !an_push_scope(a, ast, n))
        a->s->failed = true;
}

static void an_node(AnState *a, JSNode *n)
{
    CompScope *saved = a->scope;
    if (a->s->failed)
        return;
    switch (n->kind) {
    case JS_AST_IDENTIFIER:
        an_ident(a, n);
        break;
    case JS_AST_THIS:
        an_reference(a, JS_ATOM_this);
        break;
    case JS_AST_SUPER:
        /* super.x needs the home object, super() the constructor and
           new.target: an arrow using either captures them */
        an_reference(a, JS_ATOM__home_);
        an_reference(a, JS_ATOM_this);
        an_reference(a, JS_ATOM__fn_);
        an_reference(a, JS_ATOM_new_target);
        break;
    case JS_AST_META_PROPERTY:
        if (!n->u.meta.is_import_meta)
            an_reference(a, JS_ATOM_new_target);
        break;
    case JS_AST_PRIVATE_IDENTIFIER:
        an_reference(a, comp_private_atom(a->s, n->u.ident.name));
        break;
    case JS_AST_NULL_LITERAL:
    case JS_AST_BOOLEAN_LITERAL:
    case JS_AST_NUMBER_LITERAL:
    case JS_AST_STRING_LITERAL:
    case JS_AST_BIGINT_LITERAL:
    case JS_AST_REGEXP_LITERAL:
    case JS_AST_TEMPLATE_ELEMENT:
    case JS_AST_EMPTY:
    case JS_AST_DEBUGGER:
    case JS_AST_BREAK:
    case JS_AST_CONTINUE:
        break;
    case JS_AST_TEMPLATE_LITERAL:
        an_list(a, &n->u.template.expressions);
        break;
    case JS_AST_TAGGED_TEMPLATE:
        an_node(a, n->u.tagged.tag);
        an_node(a, n->u.tagged.quasi);
        break;
    case JS_AST_ARRAY_EXPRESSION:
    case JS_AST_OBJECT_EXPRESSION:
    case JS_AST_SEQUENCE:
    case JS_AST_ARRAY_PATTERN:
    case JS_AST_OBJECT_PATTERN:
        an_list(a, &n->u.list);
        break;
    case JS_AST_PROPERTY:
        an_key(a, n->u.property.key, n->u.property.computed);
        if (n->u.property.value)
            an_node(a, n->u.property.value);
        else if (n->u.property.shorthand)
            an_node(a, n->u.property.key);
        break;
    case JS_AST_FUNCTION_EXPRESSION:
    case JS_AST_ARROW_FUNCTION:
    case JS_AST_FUNCTION_DECLARATION:
        if (!an_function(a->s, a->f, a->scope, n, n->u.func))
            a->s->failed = true;
        break;
    case JS_AST_CLASS_EXPRESSION:
    case JS_AST_CLASS_DECLARATION:
        an_class(a, n);
        break;
    case JS_AST_UNARY:
    case JS_AST_UPDATE:
    case JS_AST_AWAIT:
    case JS_AST_SPREAD:
    case JS_AST_REST_ELEMENT:
    case JS_AST_RETURN:
    case JS_AST_THROW:
        if (n->u.unary.argument)
            an_node(a, n->u.unary.argument);
        break;
    case JS_AST_BINARY:
    case JS_AST_LOGICAL:
    case JS_AST_ASSIGNMENT:
    case JS_AST_ASSIGNMENT_PATTERN:
        an_node(a, n->u.binary.left);
        an_node(a, n->u.binary.right);
        break;
    case JS_AST_CONDITIONAL:
    case JS_AST_IF:
        an_node(a, n->u.conditional.test);
        an_node(a, n->u.conditional.consequent);
        if (n->u.conditional.alternate)
            an_node(a, n->u.conditional.alternate);
        break;
    case JS_AST_CALL:
    case JS_AST_NEW:
        an_node(a, n->u.call.callee);
        an_list(a, &n->u.call.arguments);
        break;
    case JS_AST_MEMBER:
        an_node(a, n->u.member.object);
        if (n->u.member.computed || n->u.member.property->kind == JS_AST_PRIVATE_IDENTIFIER)
            an_node(a, n->u.member.property);
        break;
    case JS_AST_CHAIN:
        an_node(a, n->u.chain.expression);
        break;
    case JS_AST_YIELD:
        if (n->u.yield.argument)
            an_node(a, n->u.yield.argument);
        break;
    case JS_AST_IMPORT_CALL:
        an_node(a, n->u.import_call.source);
        if (n->u.import_call.options)
            an_node(a, n->u.import_call.options);
        break;
    case JS_AST_EXPRESSION_STATEMENT:
        an_node(a, n->u.expr_stmt.expression);
        break;
    case JS_AST_BLOCK:
        if (n->u.block.scope && !an_push_scope(a, n->u.block.scope, n))
            break;
        an_list(a, &n->u.block.body);
        break;
    case JS_AST_WITH: {
        CompScope *sc;
        CompBinding *b;
        an_node(a, n->u.with.object);
        sc = comp_new_scope(a->s, a->f, NULL, a->scope);
        if (!sc)
            break;
        b = comp_add_binding(a->s, sc, JS_ATOM__with_, COMP_BIND_WITH_OBJECT);
        if (!b)
            break;
        b->is_dynamic = 1;
        n->compiler = sc;
        a->scope = sc;
        an_node(a, n->u.with.body);
        break;
    }
    case JS_AST_LABELED:
        an_node(a, n->u.labeled.body);
        break;
    case JS_AST_SWITCH:
        an_node(a, n->u.switch_stmt.discriminant);
        if (n->u.switch_stmt.scope && !an_push_scope(a, n->u.switch_stmt.scope, n))
            break;
        an_list(a, &n->u.switch_stmt.cases);
        break;
    case JS_AST_SWITCH_CASE:
        if (n->u.switch_case.test)
            an_node(a, n->u.switch_case.test);
        an_list(a, &n->u.switch_case.consequent);
        break;
    case JS_AST_TRY:
        an_node(a, n->u.try_stmt.block);
        if (n->u.try_stmt.handler)
            an_node(a, n->u.try_stmt.handler);
        if (n->u.try_stmt.finalizer)
            an_node(a, n->u.try_stmt.finalizer);
        break;
    case JS_AST_CATCH_CLAUSE:
        if (n->u.catch_clause.scope && !an_push_scope(a, n->u.catch_clause.scope, n))
            break;
        if (n->u.catch_clause.param)
            an_node(a, n->u.catch_clause.param);
        an_node(a, n->u.catch_clause.body);
        break;
    case JS_AST_WHILE:
    case JS_AST_DO_WHILE:
        an_node(a, n->u.loop.test);
        an_node(a, n->u.loop.body);
        break;
    case JS_AST_FOR:
        an_for_head(a, n, n->u.for_stmt.scope);
        if (n->u.for_stmt.init)
            an_node(a, n->u.for_stmt.init);
        if (n->u.for_stmt.test)
            an_node(a, n->u.for_stmt.test);
        if (n->u.for_stmt.update)
            an_node(a, n->u.for_stmt.update);
        an_node(a, n->u.for_stmt.body);
        break;
    case JS_AST_FOR_IN:
    case JS_AST_FOR_OF:
        /* the right side sees the head's bindings in their TDZ */
        an_for_head(a, n, n->u.for_in.scope);
        an_node(a, n->u.for_in.right);
        an_node(a, n->u.for_in.left);
        /* a let/const head is bound after the right side, not where its
           declarator ends: reads in the right side keep their TDZ check */
        if (n->u.for_in.left->kind == JS_AST_VARIABLE_DECLARATION &&
            n->u.for_in.left->u.var_decl.kind != JS_DECL_VAR)
            an_mark_decl_end(a, n->u.for_in.left->u.var_decl.declarations.items[0]->u.declarator.id,
                             n->u.for_in.right->end);
        an_node(a, n->u.for_in.body);
        break;
    case JS_AST_VARIABLE_DECLARATION:
        for (uint32_t i = 0; i < n->u.var_decl.declarations.count; i++) {
            JSNode *d = n->u.var_decl.declarations.items[i];
            an_node(a, d->u.declarator.id);
            if (d->u.declarator.init)
                an_node(a, d->u.declarator.init);
            if (n->u.var_decl.kind != JS_DECL_VAR)
                an_mark_decl_end(a, d->u.declarator.id, d->end);
        }
        break;
    case JS_AST_METHOD_DEFINITION:
        an_key(a, n->u.method.key, n->u.method.computed);
        an_node(a, n->u.method.value);
        break;
    case JS_AST_EXPORT_NAMED:
        if (n->u.export_named.declaration)
            an_node(a, n->u.export_named.declaration);
        else if (!n->u.export_named.source) {
            for (uint32_t i = 0; i < n->u.export_named.specifiers.count; i++) {
                JSNode *sp = n->u.export_named.specifiers.items[i];
                if (sp->u.specifier.local->kind == JS_AST_IDENTIFIER)
                    an_ident(a, sp->u.specifier.local);
            }
        }
        break;
    case JS_AST_EXPORT_DEFAULT:
        an_node(a, n->u.export_default.declaration);
        break;
    default:
        break;
    }
    a->scope = saved;
}

/* the scopes and bindings of one function, then its body */
static bool an_function(CompState *s, CompFunc *parent, CompScope *scope, JSNode *node,
                        JSAstFunction *fn)
{
    CompFunc *f = js_mallocz(s->ctx, sizeof(CompFunc));
    AnState a;
    if (!f)
        return comp_oom(s);
    if (!comp_register_func(s, f)) {
        js_free(s->ctx, f);
        return false;
    }
    node->compiler = f;
    f->parent = parent;
    f->ast = fn;
    f->node = node;
    f->flags = fn->flags;
    f->is_arrow = (fn->flags & JS_FUNC_ARROW) != 0;
    f->strict = (fn->flags & JS_FUNC_STRICT) != 0;
    f->ret_slot = -1;
    if (fn->name_scope) {
        f->name_scope = comp_new_scope(s, f, fn->name_scope, scope);
        if (!f->name_scope || !comp_declare_scope(s, f->name_scope))
            return false;
        scope = f->name_scope;
    }
    if (!comp_declare_arg_var_object(s, f, &scope))
        return false;
    f->param_scope = comp_new_scope(s, f, fn->param_scope, scope);
    if (!f->param_scope)
        return false;
    f->top_scope = f->param_scope;
    f->body_scope = comp_new_scope(s, f, fn->body_scope, f->param_scope);
    if (!f->body_scope)
        return false;
    f->body_scope->is_var_scope = 1;
    if (!comp_declare_pseudo(s, f) || !comp_declare_scope(s, f->param_scope) ||
        !comp_declare_scope(s, f->body_scope) || !comp_declare_var_object(s, f))
        return false;
    a.s = s;
    a.f = f;
    a.scope = f->param_scope;
    for (uint32_t i = 0; i < fn->params.count; i++) {
        an_node(&a, fn->params.items[i]);
        an_mark_decl_end(&a, fn->params.items[i], fn->params.items[i]->end);
    }
    a.scope = f->body_scope;
    if (fn->flags & JS_FUNC_EXPRESSION_BODY)
        an_node(&a, fn->expr_body);
    else
        an_list(&a, &fn->body);
    return !s->failed;
}

/* eval code: the caller's bindings form the outermost scope */
static bool comp_declare_eval_outer(CompState *s, CompFunc *f)
{
    const JSEvalScope *es = s->opts->eval_scope;
    CompScope *outer;
    if (!es)
        return true;
    outer = comp_new_scope(s, f, NULL, NULL);
    if (!outer)
        return false;
    outer->is_flat = 1;
    for (uint32_t i = 0; i < es->count; i++) {
        const JSEvalBinding *eb = &es->bindings[i];
        CompBinding *b = comp_add_binding(s, outer, eb->name, COMP_BIND_EVAL_OUTER);
        if (!b)
            return false;
        b->is_lexical = eb->is_lexical;
        b->is_const = eb->is_const;
        b->silent_const = eb->is_silent_const;
        b->is_dynamic = eb->is_var_object;
        b->captured = 1;
        b->outer_idx = eb->idx;
        b->outer_in_closure = eb->in_closure;
        b->outer_blocks_var = i < es->lexical_count && eb->blocks_var;
        b->outer_in_var_scope = i < es->lexical_count;
        b->func = NULL; /* lives outside the eval code */
    }
    f->eval_outer_scope = outer;
    return true;
}

/* module code: the top-level declarations become module bindings, in
   declaration order (their index is the module function's closure
   variable and the module record's binding) */
static bool comp_declare_module_scope(CompState *s, CompFunc *f)
{
    JSAstScope *ast = f->ast->body_scope;
    CompScope *ms = comp_new_scope(s, f, NULL, NULL);
    if (!ms)
        return false;
    for (uint32_t i = 0; ast && i < ast->decl_count; i++) {
        JSAstDecl *d = &ast->decls[i];
        JSAtom name = comp_atom(s, d->name);
        CompBinding *b;
        if (name == JS_ATOM_NULL || comp_find_in_scope(ms, name))
            continue;
        b = comp_add_binding(s, ms, name, COMP_BIND_EVAL_OUTER);
        if (!b)
            return false;
        b->module_decl_kind = d->kind;
        b->module_cpool = -1;
        b->is_lexical = d->kind == JS_DECL_LET || d->kind == JS_DECL_CLASS ||
                        d->kind == JS_DECL_CONST || d->kind == JS_DECL_USING ||
                        d->kind == JS_DECL_IMPORT;
        b->is_const = d->kind == JS_DECL_CONST || d->kind == JS_DECL_USING ||
                      d->kind == JS_DECL_IMPORT;
        b->captured = 1;
        b->outer_idx = ms->count - 1;
        b->outer_in_closure = 1;
        b->func = NULL; /* lives in the module record */
    }
    f->module_scope = ms;
    return true;
}

/* a sloppy direct eval's vars and functions must not collide with a
   binding between the call site and the caller's variable environment */
static bool comp_check_eval_vars(CompState *s, CompFunc *f)
{
    const JSEvalScope *es = s->opts->eval_scope;
    JSAstScope *ast = f->ast->body_scope;
    if (!es || f->strict || !ast)
        return true;
    for (uint32_t i = 0; i < ast->decl_count; i++) {
        JSAstDecl *d = &ast->decls[i];
        JSAtom name;
        if (d->kind != JS_DECL_VAR && d->kind != JS_DECL_FUNCTION)
            continue;
        name = comp_atom(s, d->name);
        for (uint32_t j = 0; j < es->lexical_count && j < es->count; j++) {
            if (es->bindings[j].name == name && es->bindings[j].blocks_var) {
                const char *str = JS_AtomToCString(s->ctx, name);
                comp_error(s, d->node, "Identifier '%s' has already been declared",
                           str ? str : "?");
                JS_FreeCString(s->ctx, str);
                return false;
            }
        }
    }
    return true;
}

bool comp_analyze_function(CompState *s, CompFunc *f)
{
    JSAstFunction *fn = f->ast;
    AnState a;
    CompScope *outer = NULL;
    if (!comp_declare_eval_outer(s, f) || !comp_check_eval_vars(s, f))
        return false;
    outer = f->eval_outer_scope;
    if (f->is_module) {
        if (!comp_declare_module_scope(s, f))
            return false;
        outer = f->module_scope;
    }
    f->body_scope = comp_new_scope(s, f, fn->body_scope, outer);
    if (!f->body_scope)
        return false;
    f->body_scope->is_var_scope = 1;
    f->top_scope = f->body_scope;
    f->param_scope = NULL;
    if (!comp_declare_pseudo(s, f) || (!f->is_module && !comp_declare_scope(s, f->body_scope)) ||
        !comp_declare_var_object(s, f))
        return false;
    a.s = s;
    a.f = f;
    a.scope = f->body_scope;
    an_list(&a, &fn->body);
    return !s->failed;
}

/* ---------------------------------------------------------------------
 * Slots and closure variables
 * ------------------------------------------------------------------- */
/* with a direct eval anywhere inside, every binding may be reached by name */
static bool comp_all_captured(CompFunc *f)
{
    return (f->flags & (JS_FUNC_HAS_EVAL | JS_FUNC_INNER_EVAL)) != 0;
}

static bool comp_scope_allocate(CompState *s, CompFunc *f, CompScope *sc)
{
    for (uint32_t i = 0; i < sc->count; i++) {
        CompBinding *b = sc->bindings[i];
        if (b->slot >= 0 || b->is_global || b->kind == COMP_BIND_EVAL_OUTER)
            continue;
        if (comp_all_captured(f))
            b->captured = 1;
        /* a plain parameter stays in its argument slot */
        if (b->kind == JS_DECL_PARAM && b->arg_idx >= 0 && !b->captured)
            continue;
        b->slot = comp_alloc_slot(s, f, b->name, b->is_lexical, b->is_const, b->captured);
        if (b->slot < 0)
            return false;
        if (b->captured && b->is_lexical)
            sc->needs_fresh_cells = 1;
    }
    return true;
}

bool comp_allocate_slots(CompState *s, CompFunc *f)
{
    for (uint32_t i = 0; i < f->scope_count; i++) {
        if (!comp_scope_allocate(s, f, f->scopes[i]))
            return false;
    }
    return true;
}

int comp_closure_var(CompState *s, CompFunc *f, CompBinding *b)
{
    CompClosureVar *cv;
    int parent_idx = -1;
    for (uint32_t i = 0; i < f->closure_var_count; i++) {
        if (f->closure_vars[i].binding == b)
            return i;
    }
    if (b->kind == COMP_BIND_EVAL_OUTER && f->is_top) {
        /* eval code: straight from the caller's frame or closure */
    } else if (b->kind == COMP_BIND_EVAL_OUTER || b->func != f->parent) {
        parent_idx = comp_closure_var(s, f->parent, b);
        if (parent_idx < 0)
            return -1;
    }
    if (js_resize_array(s->ctx, (void **)&f->closure_vars, sizeof(CompClosureVar),
                        (int *)&f->closure_var_size, f->closure_var_count + 1)) {
        comp_oom(s);
        return -1;
    }
    if (f->closure_var_count >= 65535) {
        comp_error(s, NULL, "too many closure variables");
        return -1;
    }
    cv = &f->closure_vars[f->closure_var_count];
    cv->binding = b;
    cv->cv.is_lexical = b->is_lexical;
    cv->cv.is_const = b->is_const;
    cv->cv.is_silent_const = b->silent_const;
    cv->cv.var_name = b->name;
    if (b->kind == COMP_BIND_EVAL_OUTER && f->is_top) {
        cv->cv.is_local = !b->outer_in_closure;
        cv->cv.var_idx = b->outer_idx;
    } else if (parent_idx < 0) {
        cv->cv.is_local = 1;
        cv->cv.var_idx = b->slot;
    } else {
        cv->cv.is_local = 0;
        cv->cv.var_idx = parent_idx;
    }
    return f->closure_var_count++;
}

bool comp_needs_tdz_check(CompState *s, CompBinding *b, JSNode *ref)
{
    if (!b->is_lexical)
        return false;
    if (b->func != s->func || b->scope->is_switch)
        return true;
    return !ref || ref->start < b->decl_end;
}

/* ---------------------------------------------------------------------
 * Direct eval scope records
 * ------------------------------------------------------------------- */
static bool comp_eval_add(CompState *s, JSEvalScope *es, uint32_t *psize, CompBinding *b)
{
    CompFunc *f = s->func;
    JSEvalBinding *eb;
    for (uint32_t i = 0; i < es->count; i++) {
        if (es->bindings[i].name == b->name && !es->bindings[i].is_var_object &&
            !b->is_dynamic)
            return true; /* shadowed by an inner binding */
    }
    if (es->count >= *psize) {
        uint32_t n = *psize ? *psize * 2 : 16;
        JSEvalBinding *t = js_realloc(s->ctx, es->bindings, sizeof(*t) * n);
        if (!t)
            return comp_oom(s);
        es->bindings = t;
        *psize = n;
    }
    eb = &es->bindings[es->count];
    memset(eb, 0, sizeof(*eb));
    eb->name = b->name;
    eb->is_lexical = b->is_lexical;
    eb->is_const = b->is_const;
    eb->is_silent_const = b->silent_const;
    eb->is_var_object = b->is_dynamic;
    eb->is_with = b->kind == COMP_BIND_WITH_OBJECT;
    if (b->func == f && b->kind != COMP_BIND_EVAL_OUTER) {
        eb->in_closure = 0;
        eb->idx = b->slot;
    } else {
        int idx = comp_closure_var(s, f, b);
        if (idx < 0)
            return false;
        eb->in_closure = 1;
        eb->idx = idx;
    }
    es->count++;
    return true;
}

/* EvalDeclarationInstantiation step 3: between a sloppy eval and its
   variable environment, every binding conflicts with an eval var of its
   name except the var scope's own vars, functions and parameters, object
   environments (with, var objects), and (Annex B.3.4) a simple catch
   parameter */
static bool comp_blocks_eval_var(CompScope *sc, CompBinding *b)
{
    if (b->is_dynamic || b->kind == COMP_BIND_WITH_OBJECT || b->kind == COMP_BIND_VAR_OBJECT)
        return false;
    if (b->kind == JS_DECL_CATCH_PARAM && sc->ast && sc->ast->owner &&
        sc->ast->owner->u.catch_clause.param &&
        sc->ast->owner->u.catch_clause.param->kind == JS_AST_IDENTIFIER)
        return false;
    return b->is_lexical || !sc->is_var_scope;
}

/* the caller's bindings seen by a direct eval nested in eval code */
static bool comp_eval_scope_outer(CompState *s, JSEvalScope *es, uint32_t *psize,
                                  CompScope *outer, bool *past_var_scope)
{
    const JSEvalScope *o = s->opts->eval_scope;
    for (uint32_t i = 0; i < outer->count; i++) {
        uint32_t before = es->count;
        if (!comp_eval_add(s, es, psize, outer->bindings[i]))
            return false;
        if (!*past_var_scope && (int32_t)i == o->var_object && es->count > before)
            es->var_object = before;
        if (es->count > before)
            es->bindings[before].blocks_var = !*past_var_scope && outer->bindings[i]->outer_blocks_var;
        if (!*past_var_scope && i < o->lexical_count)
            es->lexical_count = es->count;
    }
    *past_var_scope = true;
    return true;
}

int comp_eval_scope(CompState *s, CompScope *scope)
{
    CompFunc *f = s->func;
    JSEvalScope es;
    uint32_t size = 0;
    bool past_var_scope = false;
    memset(&es, 0, sizeof(es));
    es.var_object = -1;
    for (CompScope *sc = scope; sc; sc = sc->parent) {
        if (sc == f->eval_outer_scope) {
            if (!comp_eval_scope_outer(s, &es, &size, sc, &past_var_scope))
                goto fail;
            continue;
        }
        for (uint32_t i = 0; i < sc->count; i++) {
            CompBinding *b = sc->bindings[i];
            uint32_t before = es.count;
            if (b->is_global)
                continue;
            if (!comp_eval_add(s, &es, &size, b))
                goto fail;
            if (b->kind == COMP_BIND_VAR_OBJECT && es.var_object < 0 && !past_var_scope)
                es.var_object = es.count - 1;
            if (es.count > before)
                es.bindings[before].blocks_var = !past_var_scope && comp_blocks_eval_var(sc, b);
        }
        if (!past_var_scope) {
            /* the var scope's own lexical names conflict too */
            es.lexical_count = es.count;
            if ((sc->is_var_scope && !sc->func->sloppy_eval_vars) || sc->func != f)
                past_var_scope = true;
        }
    }
    {
        CompFunc *g = f;
        while (g && g->is_arrow)
            g = g->parent;
        if (g && !g->is_top) {
            es.in_function = 1;
            es.in_method = (g->flags & JS_FUNC_METHOD) != 0;
            es.in_derived_ctor = (g->flags & JS_FUNC_DERIVED_CONSTRUCTOR) != 0;
            es.in_field_init = (g->flags & JS_FUNC_FIELD_INIT) != 0;
        } else if (g && g->is_eval_code && s->opts->eval_scope) {
            const JSEvalScope *o = s->opts->eval_scope;
            es.in_function = o->in_function;
            es.in_method = o->in_method;
            es.in_derived_ctor = o->in_derived_ctor;
            es.in_field_init = o->in_field_init;
        }
    }
    if (js_resize_array(s->ctx, (void **)&f->eval_scopes, sizeof(JSEvalScope),
                        (int *)&f->eval_scope_size, f->eval_scope_count + 1)) {
        comp_oom(s);
        goto fail;
    }
    f->eval_scopes[f->eval_scope_count] = es;
    return f->eval_scope_count++;
fail:
    js_free(s->ctx, es.bindings);
    return -1;
}
