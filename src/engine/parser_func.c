/*
 * parser_func.c — functions (§15.2–15.8), arrow functions, methods and
 * classes (§15.7), with their early errors: parameters, strictness coming
 * from a "use strict" directive after the parameters, super/new.target
 * validity, class elements and private names.
 */
#include <string.h>

#include "parser_internal.h"

#define USES_MASK                                                                         \
    (JS_FUNC_USES_ARGUMENTS | JS_FUNC_USES_THIS | JS_FUNC_USES_SUPER_PROPERTY |          \
     JS_FUNC_USES_SUPER_CALL | JS_FUNC_USES_NEW_TARGET | JS_FUNC_HAS_EVAL)

/* ---------------------------------------------------------------------
 * Function state
 * ------------------------------------------------------------------- */

JSFuncState *js_parse_push_func(JSParser *p, JSFuncState *fs, JSAstFunction *fn,
                                uint32_t func_flags)
{
    JSFuncState *parent = p->fs;
    memset(fs, 0, sizeof(*fs));
    fs->parent = parent;
    fs->fn = fn;
    fs->flags = func_flags;
    fs->is_arrow = (func_flags & JS_FUNC_ARROW) != 0;
    fs->strict = (func_flags & JS_FUNC_STRICT) || (parent && parent->strict);
    fs->yield_kw = (func_flags & JS_FUNC_GENERATOR) != 0;
    fs->yield_ok = fs->yield_kw;
    fs->await_kw = (func_flags & JS_FUNC_ASYNC) || p->module;
    fs->await_ok = (func_flags & JS_FUNC_ASYNC) != 0;
    fs->return_ok = true;
    fs->saved_no_in = p->no_in;
    /* yield/await inside a nested function body say nothing about arrow
       parameters around it */
    fs->saved_cover[0] = p->cover_yield_pos;
    fs->saved_cover[1] = p->cover_await_pos;
    fs->saved_cover[2] = p->cover_await_ident_pos;
    p->cover_yield_pos = p->cover_await_pos = p->cover_await_ident_pos = 0;
    if (fs->is_arrow && parent) {
        fs->super_prop_ok = parent->super_prop_ok;
        fs->super_call_ok = parent->super_call_ok;
        fs->new_target_ok = parent->new_target_ok;
        fs->arguments_ok = parent->arguments_ok;
    } else {
        fs->super_prop_ok = (func_flags & JS_FUNC_METHOD) != 0;
        fs->super_call_ok = (func_flags & JS_FUNC_DERIVED_CONSTRUCTOR) != 0;
        fs->new_target_ok = true;
        fs->arguments_ok = true;
        p->no_in = false;
    }
    if (func_flags & (JS_FUNC_FIELD_INIT | JS_FUNC_STATIC_BLOCK)) {
        fs->super_prop_ok = true;
        fs->arguments_ok = false;
        fs->return_ok = false;
        /* the class body's [Yield, Await] parameters reach initializers, so
           the words stay reserved, but the expressions are errors */
        fs->yield_kw = parent->yield_kw;
        fs->await_kw = parent->await_kw || p->module;
        if (func_flags & JS_FUNC_STATIC_BLOCK) {
            fs->await_kw = true;
            fs->in_static_block = true;
        }
    }
    p->fs = fs;
    return fs;
}

void js_parse_pop_func(JSParser *p, JSFuncState *fs)
{
    JSFuncState *parent = fs->parent;
    uint32_t flags = fs->flags;
    if (fs->strict)
        flags |= JS_FUNC_STRICT;
    fs->fn->flags = flags;
    if (parent) {
        if (fs->is_arrow)
            parent->flags |= flags & USES_MASK;
        if (flags & (JS_FUNC_HAS_EVAL | JS_FUNC_INNER_EVAL))
            parent->flags |= JS_FUNC_INNER_EVAL;
    }
    p->no_in = fs->saved_no_in;
    p->cover_yield_pos = fs->saved_cover[0];
    p->cover_await_pos = fs->saved_cover[1];
    p->cover_await_ident_pos = fs->saved_cover[2];
    p->fs = parent;
}

/* ---------------------------------------------------------------------
 * Parameters
 * ------------------------------------------------------------------- */

static void set_param_flags(JSParser *p, JSFuncState *fs, bool has_expr)
{
    JSAstFunction *fn = fs->fn;
    bool simple = true;
    uint32_t length = 0;
    bool counting = true;
    for (uint32_t i = 0; i < fn->params.count; i++) {
        int k = fn->params.items[i]->kind;
        if (k != JS_AST_IDENTIFIER)
            simple = false;
        if (k == JS_AST_ASSIGNMENT_PATTERN || k == JS_AST_REST_ELEMENT)
            counting = false;
        if (counting)
            length++;
    }
    fn->length = length;
    if (simple)
        fs->flags |= JS_FUNC_SIMPLE_PARAMS;
    else
        fs->flags &= ~JS_FUNC_SIMPLE_PARAMS;
    if (has_expr)
        fs->flags |= JS_FUNC_PARAM_EXPRESSIONS;
}

static bool declare_params(JSParser *p, JSFuncState *fs)
{
    bool has_expr = false;
    JSAstFunction *fn = fs->fn;
    for (uint32_t i = 0; i < fn->params.count; i++)
        has_expr |= js_parse_declare_pattern(p, fn->params.items[i], BIND_PARAM);
    return has_expr;
}

void js_parse_formal_params(JSParser *p, JSFuncState *fs, int end)
{
    uint32_t base = p->sp;
    fs->in_params = true;
    while (TOK.type != end) {
        if (TOK.type == TOK_ELLIPSIS) {
            JSNode *rest = js_parse_node(p, JS_AST_REST_ELEMENT, &TOK);
            js_parse_next(p);
            rest->u.unary.argument = js_parse_binding_target(p);
            js_parse_finish(p, rest);
            js_parse_push(p, rest);
            if (TOK.type != end)
                js_parse_error(p, TOK.start, "rest parameter must be last formal parameter");
            break;
        }
        js_parse_push(p, js_parse_binding_element(p));
        if (TOK.type != end)
            js_parse_expect(p, TOK_COMMA);
    }
    fs->in_params = false;
    fs->fn->params = js_parse_pop_list(p, base);
    set_param_flags(p, fs, declare_params(p, fs));
}

static void check_pattern_names(JSParser *p, JSNode *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case JS_AST_IDENTIFIER:
        js_parse_check_binding_name(p, n);
        break;
    case JS_AST_ASSIGNMENT_PATTERN:
        check_pattern_names(p, n->u.binary.left);
        break;
    case JS_AST_REST_ELEMENT:
        check_pattern_names(p, n->u.unary.argument);
        break;
    case JS_AST_ARRAY_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++)
            check_pattern_names(p, n->u.list.items[i]);
        break;
    case JS_AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            JSNode *prop = n->u.list.items[i];
            check_pattern_names(p, prop->kind == JS_AST_PROPERTY ? prop->u.property.value : prop);
        }
        break;
    default:
        break;
    }
}

/* the function became strict through its own "use strict": its name and
   parameters are checked again with the strict rules */
void js_parse_check_function_strict(JSParser *p, JSFuncState *fs)
{
    JSAstFunction *fn = fs->fn;
    if (!(fs->flags & JS_FUNC_SIMPLE_PARAMS))
        js_parse_error(p, TOK.start,
                       "\"use strict\" not allowed in function with non-simple parameters");
    if (fn->id)
        js_parse_check_binding_name(p, fn->id);
    for (uint32_t i = 0; i < fn->params.count; i++)
        check_pattern_names(p, fn->params.items[i]);
}

/* duplicate parameters: allowed only in sloppy functions with simple
   parameter lists (not arrows or methods); known only after the body,
   which may hold "use strict" */
void js_parse_finish_params(JSParser *p, JSFuncState *fs)
{
    uint32_t f = fs->flags;
    bool no_dups = fs->strict || (f & (JS_FUNC_ARROW | JS_FUNC_METHOD)) ||
                   !(f & JS_FUNC_SIMPLE_PARAMS);
    if (no_dups && fs->dup_param_pos)
        js_parse_error(p, fs->dup_param_pos - 1,
                       "duplicate parameter name not allowed in this context");
}

/* ---------------------------------------------------------------------
 * Function bodies
 * ------------------------------------------------------------------- */

void js_parse_function_body(JSParser *p, JSFuncState *fs, int end)
{
    JSScopeState body;
    js_scope_push(p, &body, JS_SCOPE_FUNCTION_BODY, NULL);
    body.clash_parent = true;
    fs->var_scope = &body;
    fs->fn->body_scope = body.ast;
    fs->fn->body = js_parse_statement_list(p, end, true);
    js_scope_finish_var_scope(p, fs);
    js_scope_pop(p, &body);
}

/* ( params ) { body } of any non-arrow function */
static void parse_params_and_body(JSParser *p, JSFuncState *fs)
{
    JSScopeState params;
    js_scope_push(p, &params, JS_SCOPE_PARAMS, NULL);
    fs->fn->param_scope = params.ast;
    js_parse_expect(p, TOK_LPAREN);
    js_parse_formal_params(p, fs, TOK_RPAREN);
    js_parse_expect(p, TOK_RPAREN);
    if (TOK.type != TOK_LBRACE)
        js_parse_expect(p, TOK_LBRACE);
    js_parse_next(p);
    js_parse_function_body(p, fs, TOK_RBRACE);
    fs->fn->src_end = TOK.end;
    js_parse_finish_params(p, fs);
    js_scope_pop(p, &params);
    js_parse_expect(p, TOK_RBRACE);
}

JSNode *js_parse_function(JSParser *p, unsigned fn_flags, uint32_t start, const JSToken *start_tok)
{
    js_parse_check_stack(p);
    bool decl = (fn_flags & FN_DECL) != 0;
    uint32_t flags = 0;
    js_parse_expect(p, TOK_FUNCTION);
    if (js_parse_accept(p, TOK_STAR))
        flags |= JS_FUNC_GENERATOR;
    if (fn_flags & FN_ASYNC)
        flags |= JS_FUNC_ASYNC;
    JSNode *node = js_parse_node(p, decl ? JS_AST_FUNCTION_DECLARATION : JS_AST_FUNCTION_EXPRESSION,
                                 start_tok);
    JSAstFunction *fn = js_parse_alloc(p, sizeof(JSAstFunction));
    node->u.func = fn;
    fn->src_start = start;
    if (TOK.type != TOK_LPAREN) {
        if (!decl) {
            /* the name of a function expression is bound inside it, so
               yield/await are reserved by its own kind */
            bool yk = p->fs->yield_kw, ak = p->fs->await_kw;
            p->fs->yield_kw = (flags & JS_FUNC_GENERATOR) != 0;
            p->fs->await_kw = (flags & JS_FUNC_ASYNC) != 0;
            fn->id = js_parse_binding_identifier(p);
            p->fs->yield_kw = yk;
            p->fs->await_kw = ak;
        } else {
            fn->id = js_parse_binding_identifier(p);
        }
    } else if (decl && !(fn_flags & FN_DEFAULT_EXPORT)) {
        js_parse_error(p, TOK.start, "function name expected");
    }
    JSScopeState name_scope;
    if (!decl && fn->id) {
        js_scope_push(p, &name_scope, JS_SCOPE_FUNCTION_NAME, node);
        js_scope_declare(p, fn->id, BIND_FUNCTION_NAME);
        fn->name_scope = name_scope.ast;
    }
    JSFuncState fs;
    js_parse_push_func(p, &fs, fn, flags | JS_FUNC_SIMPLE_PARAMS);
    parse_params_and_body(p, &fs);
    js_parse_pop_func(p, &fs);
    if (!decl && fn->id)
        js_scope_pop(p, &name_scope);
    js_parse_finish(p, node);
    if (decl)
        js_scope_declare_function(p, node, !(fn_flags & FN_LABELLED));
    return node;
}

/* a method, getter, setter or class constructor: current token is `(` */
JSNode *js_parse_method(JSParser *p, uint32_t func_flags, uint32_t start, const JSToken *start_tok)
{
    js_parse_check_stack(p);
    JSNode *node = js_parse_node(p, JS_AST_FUNCTION_EXPRESSION, start_tok);
    JSAstFunction *fn = js_parse_alloc(p, sizeof(JSAstFunction));
    node->u.func = fn;
    fn->src_start = start;
    JSFuncState fs;
    js_parse_push_func(p, &fs, fn, func_flags | JS_FUNC_METHOD | JS_FUNC_SIMPLE_PARAMS);
    JSScopeState params;
    js_scope_push(p, &params, JS_SCOPE_PARAMS, NULL);
    fn->param_scope = params.ast;
    uint32_t lparen = TOK.start;
    js_parse_expect(p, TOK_LPAREN);
    js_parse_formal_params(p, &fs, TOK_RPAREN);
    if ((func_flags & JS_FUNC_GETTER) && fn->params.count != 0)
        js_parse_error(p, lparen, "getter must not have any formal parameters");
    if ((func_flags & JS_FUNC_SETTER) &&
        (fn->params.count != 1 || fn->params.items[0]->kind == JS_AST_REST_ELEMENT))
        js_parse_error(p, lparen, "setter must have exactly one formal parameter");
    js_parse_expect(p, TOK_RPAREN);
    if (TOK.type != TOK_LBRACE)
        js_parse_expect(p, TOK_LBRACE);
    js_parse_next(p);
    js_parse_function_body(p, &fs, TOK_RBRACE);
    fn->src_end = TOK.end;
    js_parse_finish_params(p, &fs);
    js_scope_pop(p, &params);
    js_parse_expect(p, TOK_RBRACE);
    js_parse_pop_func(p, &fs);
    js_parse_finish(p, node);
    return node;
}

/* ---------------------------------------------------------------------
 * Arrow functions
 * ------------------------------------------------------------------- */

static void arrow_params(JSParser *p, JSFuncState *fs, JSNode *cover, bool is_async)
{
    JSCover *c = cover->kind == JS_AST_IDENTIFIER ? NULL : cover->compiler;
    JSNodeList items;
    if (!c) {
        items.items = js_parse_alloc(p, sizeof(JSNode *));
        items.items[0] = cover;
        items.count = 1;
    } else {
        items = cover->kind == JS_AST_CALL ? cover->u.call.arguments : c->items;
        if (c->yield_pos)
            js_parse_error(p, c->yield_pos - 1, "yield expression not allowed in arrow parameters");
        if (c->await_pos)
            js_parse_error(p, c->await_pos - 1, "await expression not allowed in arrow parameters");
        if (is_async && c->await_ident_pos)
            js_parse_error(p, c->await_ident_pos - 1,
                           "'await' is not a valid identifier in async function parameters");
        if (c->rest_trailing_comma)
            js_parse_error(p, cover->end, "rest parameter must be last formal parameter");
        fs->flags |= c->uses;
    }
    for (uint32_t i = 0; i < items.count; i++) {
        JSNode *e = items.items[i];
        if (e->kind == JS_AST_SPREAD) {
            if (i + 1 != items.count)
                js_parse_error(p, e->start, "rest parameter must be last formal parameter");
            e->kind = JS_AST_REST_ELEMENT;
            JSNode *arg = e->u.unary.argument;
            if (arg->kind == JS_AST_ASSIGNMENT)
                js_parse_error(p, arg->start, "rest parameter may not have a default initializer");
            js_parse_to_pattern(p, arg, true);
        } else if ((e->kind == JS_AST_ASSIGNMENT && e->op == JS_OP_ASSIGN) ||
                   e->kind == JS_AST_ASSIGNMENT_PATTERN) {
            if (e->flags & JS_NODE_F_PAREN)
                js_parse_error(p, e->start, "invalid destructuring target");
            e->kind = JS_AST_ASSIGNMENT_PATTERN;
            e->op = JS_OP_NONE;
            js_parse_to_pattern(p, e->u.binary.left, true);
        } else {
            js_parse_to_pattern(p, e, true);
        }
    }
    fs->fn->params = items;
}

JSNode *js_parse_arrow(JSParser *p, JSNode *cover, bool is_async, uint32_t start,
                       const JSToken *start_tok)
{
    JSNode *node = js_parse_node(p, JS_AST_ARROW_FUNCTION, start_tok);
    JSAstFunction *fn = js_parse_alloc(p, sizeof(JSAstFunction));
    node->u.func = fn;
    fn->src_start = start;
    uint32_t flags = JS_FUNC_ARROW | JS_FUNC_SIMPLE_PARAMS | (is_async ? JS_FUNC_ASYNC : 0);
    JSFuncState fs;
    js_parse_push_func(p, &fs, fn, flags);
    JSScopeState params;
    js_scope_push(p, &params, JS_SCOPE_PARAMS, NULL);
    fn->param_scope = params.ast;
    arrow_params(p, &fs, cover, is_async);
    set_param_flags(p, &fs, declare_params(p, &fs));
    js_parse_expect(p, TOK_ARROW);
    if (TOK.type == TOK_LBRACE) {
        js_parse_next(p);
        js_parse_function_body(p, &fs, TOK_RBRACE);
        fn->src_end = TOK.end;
        js_parse_finish_params(p, &fs);
        js_scope_pop(p, &params);
        js_parse_expect(p, TOK_RBRACE);
    } else {
        JSScopeState body;
        js_scope_push(p, &body, JS_SCOPE_FUNCTION_BODY, NULL);
        body.clash_parent = true;
        fs.var_scope = &body;
        fn->body_scope = body.ast;
        fs.flags |= JS_FUNC_EXPRESSION_BODY;
        fn->expr_body = js_parse_assign(p);
        fn->src_end = p->prev_end;
        js_scope_finish_var_scope(p, &fs);
        js_scope_pop(p, &body);
        js_parse_finish_params(p, &fs);
        js_scope_pop(p, &params);
    }
    js_parse_pop_func(p, &fs);
    js_parse_finish(p, node);
    return node;
}

/* ---------------------------------------------------------------------
 * Private names
 * ------------------------------------------------------------------- */

static bool outer_private_visible(JSParser *p, JSAstString *name)
{
    for (uint32_t i = 0; i < p->outer_private_count; i++) {
        if (p->outer_private[i] == name)
            return true;
    }
    return false;
}

static JSAstPrivateName *find_private(JSClassState *cls, JSAstString *name)
{
    for (uint32_t i = 0; i < cls->name_count; i++) {
        if (cls->names[i].name == name)
            return &cls->names[i];
    }
    return NULL;
}

void js_parse_private_ref(JSParser *p, JSAstString *name, uint32_t pos)
{
    JSClassState *cls = p->cls;
    if (!cls) {
        if (!outer_private_visible(p, name))
            js_parse_error(p, pos, "undefined private name '#%s'",
                           name->wide ? "?" : (const char *)name->u.chars8);
        return;
    }
    if (find_private(cls, name))
        return;
    JSPrivateRef *r = js_parse_alloc(p, sizeof(JSPrivateRef));
    r->name = name;
    r->pos = pos;
    r->next = cls->refs;
    cls->refs = r;
}

static void declare_private(JSParser *p, JSClassState *cls, JSNode *key, int kind, bool is_static,
                            JSNode *element)
{
    JSAstString *name = key->u.ident.name;
    if (name == js_parse_cw_name(p, JS_CW_CONSTRUCTOR))
        js_parse_error(p, key->start, "class members cannot be named '#constructor'");
    JSAstPrivateName *prev = find_private(cls, name);
    if (prev) {
        bool pair = prev->is_static == is_static &&
                    ((prev->kind == JS_PRIVATE_GETTER && kind == JS_PRIVATE_SETTER) ||
                     (prev->kind == JS_PRIVATE_SETTER && kind == JS_PRIVATE_GETTER));
        if (!pair)
            js_parse_error(p, key->start, "duplicate private name '#%s'",
                           name->wide ? "?" : (const char *)name->u.chars8);
        prev->kind = JS_PRIVATE_ACCESSOR;
        return;
    }
    if (cls->name_count == cls->name_cap) {
        uint32_t cap = cls->name_cap ? cls->name_cap * 2 : 8;
        JSAstPrivateName *a = js_parse_alloc(p, cap * sizeof(*a));
        if (cls->name_count)
            memcpy(a, cls->names, cls->name_count * sizeof(*a));
        cls->names = a;
        cls->name_cap = cap;
    }
    JSAstPrivateName *n = &cls->names[cls->name_count++];
    n->name = name;
    n->kind = (JSPrivateKind)kind;
    n->is_static = is_static;
    n->node = element;
}

/* at the end of a class body: references to names it doesn't declare go
   to the enclosing class, or must be visible to eval code */
static void resolve_private_refs(JSParser *p, JSClassState *cls)
{
    JSPrivateRef *r = cls->refs;
    while (r) {
        JSPrivateRef *next = r->next;
        if (!find_private(cls, r->name)) {
            if (cls->parent) {
                r->next = cls->parent->refs;
                cls->parent->refs = r;
            } else if (!outer_private_visible(p, r->name)) {
                js_parse_error(p, r->pos, "undefined private name '#%s'",
                               r->name->wide ? "?" : (const char *)r->name->u.chars8);
            }
        }
        r = next;
    }
}

/* ---------------------------------------------------------------------
 * Classes
 * ------------------------------------------------------------------- */

typedef struct ClassCtx {
    JSAstClass *klass;
    JSClassState *cls;
    bool derived;
} ClassCtx;

static bool key_named(JSParser *p, const JSNode *key, bool computed, int cw)
{
    if (computed)
        return false;
    JSAstString *name = js_parse_cw_name(p, cw);
    return (key->kind == JS_AST_IDENTIFIER && key->u.ident.name == name) ||
           (key->kind == JS_AST_STRING_LITERAL && key->u.string == name);
}

static bool starts_class_element_name(const JSToken *t)
{
    switch (t->type) {
    case TOK_IDENT:
    case TOK_STRING:
    case TOK_NUMBER:
    case TOK_BIGINT:
    case TOK_LBRACKET:
    case TOK_PRIVATE_NAME:
        return true;
    default:
        return t->type >= TOK_FIRST_KEYWORD && t->type <= TOK_LAST_KEYWORD;
    }
}

static JSNode *parse_static_block(JSParser *p, const JSToken *start)
{
    JSNode *node = js_parse_node(p, JS_AST_STATIC_BLOCK, start);
    JSAstFunction *fn = js_parse_alloc(p, sizeof(JSAstFunction));
    node->u.func = fn;
    fn->src_start = start->start;
    JSFuncState fs;
    js_parse_push_func(p, &fs, fn, JS_FUNC_STATIC_BLOCK | JS_FUNC_STATIC | JS_FUNC_METHOD);
    js_parse_expect(p, TOK_LBRACE);
    JSScopeState body;
    js_scope_push(p, &body, JS_SCOPE_FUNCTION_BODY, node);
    fs.var_scope = &body;
    fn->body_scope = body.ast;
    fn->body = js_parse_statement_list(p, TOK_RBRACE, false);
    js_scope_finish_var_scope(p, &fs);
    js_scope_pop(p, &body);
    fn->src_end = TOK.end;
    js_parse_expect(p, TOK_RBRACE);
    js_parse_pop_func(p, &fs);
    js_parse_finish(p, node);
    return node;
}

static JSNode *parse_field(JSParser *p, ClassCtx *cc, JSNode *node, JSNode *key, bool computed,
                           bool is_static)
{
    node->kind = JS_AST_PROPERTY_DEFINITION;
    node->u.field.key = key;
    node->u.field.computed = computed;
    node->u.field.is_static = is_static;
    if (key_named(p, key, computed, JS_CW_CONSTRUCTOR) ||
        (is_static && key_named(p, key, computed, JS_CW_PROTOTYPE)))
        js_parse_error(p, key->start, "invalid class field name");
    if (key->kind == JS_AST_PRIVATE_IDENTIFIER)
        declare_private(p, cc->cls, key, JS_PRIVATE_FIELD, is_static, node);
    if (TOK.type == TOK_ASSIGN) {
        JSToken eq = TOK;
        js_parse_next(p);
        JSAstFunction *fn = js_parse_alloc(p, sizeof(JSAstFunction));
        fn->src_start = eq.start;
        JSFuncState fs;
        js_parse_push_func(p, &fs, fn,
                           JS_FUNC_FIELD_INIT | JS_FUNC_METHOD | (is_static ? JS_FUNC_STATIC : 0));
        JSScopeState body;
        js_scope_push(p, &body, JS_SCOPE_FUNCTION_BODY, node);
        fs.var_scope = &body;
        fn->body_scope = body.ast;
        fn->expr_body = js_parse_assign(p);
        fs.flags |= JS_FUNC_EXPRESSION_BODY;
        js_scope_finish_var_scope(p, &fs);
        js_scope_pop(p, &body);
        fn->src_end = p->prev_end;
        js_parse_pop_func(p, &fs);
        node->u.field.value = fn->expr_body;
        node->u.field.init = fn;
    }
    js_parse_semicolon(p);
    js_parse_finish(p, node);
    return node;
}

/* `*`, `async`, `async *`, `get` or `set` before a class element name:
   the function flags they give (0 if none), and the accessor kind */
static uint32_t parse_method_prefix(JSParser *p, int *kind)
{
    if (js_parse_accept(p, TOK_STAR))
        return JS_FUNC_GENERATOR;
    if (TOK.type != TOK_IDENT || (TOK.flags & TOKF_ESCAPED) ||
        (TOK.cw != JS_CW_ASYNC && TOK.cw != JS_CW_GET && TOK.cw != JS_CW_SET))
        return 0;
    /* otherwise the word is itself the element's name: `get() {}`, `async;` */
    JSToken peek;
    js_parse_peek(p, &peek);
    int cw = TOK.cw;
    if (cw == JS_CW_ASYNC) {
        if ((!starts_class_element_name(&peek) && peek.type != TOK_STAR) ||
            (peek.flags & TOKF_NL_BEFORE))
            return 0;
        js_parse_next(p);
        return js_parse_accept(p, TOK_STAR) ? JS_FUNC_ASYNC | JS_FUNC_GENERATOR : JS_FUNC_ASYNC;
    }
    if (!starts_class_element_name(&peek))
        return 0;
    js_parse_next(p);
    *kind = cw == JS_CW_GET ? JS_PROP_GET : JS_PROP_SET;
    return cw == JS_CW_GET ? JS_FUNC_GETTER : JS_FUNC_SETTER;
}

static JSNode *parse_class_element(JSParser *p, ClassCtx *cc)
{
    JSToken start = TOK;
    bool is_static = false;
    if (js_parse_is_cw(p, JS_CW_STATIC)) {
        JSToken peek;
        js_parse_peek(p, &peek);
        if (peek.type == TOK_LBRACE) {
            js_parse_next(p);
            return parse_static_block(p, &start);
        }
        if (starts_class_element_name(&peek) || peek.type == TOK_STAR) {
            is_static = true;
            js_parse_next(p);
        }
    }
    JSToken elem_start = TOK;
    int kind = JS_PROP_METHOD;
    uint32_t func_flags = parse_method_prefix(p, &kind);
    bool computed;
    JSNode *key = js_parse_property_name(p, &computed, true);
    JSNode *node = js_parse_node(p, JS_AST_METHOD_DEFINITION, &start);
    if (!func_flags && TOK.type != TOK_LPAREN)
        return parse_field(p, cc, node, key, computed, is_static);

    bool is_private = key->kind == JS_AST_PRIVATE_IDENTIFIER;
    if (!is_static && key_named(p, key, computed, JS_CW_CONSTRUCTOR) && !is_private) {
        if (func_flags)
            js_parse_error(p, key->start, "class constructor may not be a%s",
                           (func_flags & JS_FUNC_GETTER)   ? "n accessor"
                           : (func_flags & JS_FUNC_SETTER) ? "n accessor"
                           : (func_flags & JS_FUNC_ASYNC)  ? "n async method"
                                                           : " generator");
        if (cc->klass->constructor)
            js_parse_error(p, key->start, "a class may only have one constructor");
        kind = JS_PROP_CONSTRUCTOR;
        func_flags |= JS_FUNC_CLASS_CONSTRUCTOR;
        if (cc->derived)
            func_flags |= JS_FUNC_DERIVED_CONSTRUCTOR;
        cc->klass->constructor = node;
    }
    if (is_static && key_named(p, key, computed, JS_CW_PROTOTYPE))
        js_parse_error(p, key->start, "classes may not have a static property named 'prototype'");
    if (is_static)
        func_flags |= JS_FUNC_STATIC;
    node->u.method.key = key;
    node->u.method.computed = computed;
    node->u.method.is_static = is_static;
    node->u.method.kind = (uint8_t)kind;
    if (is_private) {
        int pk = kind == JS_PROP_GET   ? JS_PRIVATE_GETTER
                 : kind == JS_PROP_SET ? JS_PRIVATE_SETTER
                                       : JS_PRIVATE_METHOD;
        declare_private(p, cc->cls, key, pk, is_static, node);
    }
    node->u.method.value = js_parse_method(p, func_flags, elem_start.start, &elem_start);
    js_parse_finish(p, node);
    return node;
}

JSNode *js_parse_class(JSParser *p, bool is_decl, bool default_export)
{
    js_parse_check_stack(p);
    JSToken start = TOK;
    JSFuncState *fs = p->fs;
    JSNode *node = js_parse_node(p, is_decl ? JS_AST_CLASS_DECLARATION : JS_AST_CLASS_EXPRESSION,
                                 &start);
    JSAstClass *klass = js_parse_alloc(p, sizeof(JSAstClass));
    node->u.klass = klass;
    klass->src_start = start.start;
    js_parse_next(p);
    /* all parts of a class are strict mode code */
    bool saved_strict = fs->strict;
    fs->strict = true;
    if (TOK.type != TOK_EXTENDS && TOK.type != TOK_LBRACE) {
        klass->id = js_parse_binding_identifier(p);
    } else if (is_decl && !default_export) {
        js_parse_error(p, TOK.start, "class name expected");
    }
    JSScopeState scope;
    js_scope_push(p, &scope, JS_SCOPE_CLASS, node);
    klass->scope = scope.ast;
    if (klass->id)
        js_scope_declare(p, klass->id, BIND_CLASS_NAME);
    if (js_parse_accept(p, TOK_EXTENDS)) {
        klass->super_class = js_parse_lhs(p);
        if (klass->super_class->kind == JS_AST_COVER)
            js_parse_unexpected(p);
    }
    JSClassState cls;
    memset(&cls, 0, sizeof(cls));
    cls.parent = p->cls;
    p->cls = &cls;
    ClassCtx cc = {klass, &cls, klass->super_class != NULL};
    js_parse_expect(p, TOK_LBRACE);
    uint32_t base = p->sp;
    while (TOK.type != TOK_RBRACE) {
        if (js_parse_accept(p, TOK_SEMI))
            continue;
        js_parse_push(p, parse_class_element(p, &cc));
    }
    klass->src_end = TOK.end;
    klass->body = js_parse_pop_list(p, base);
    klass->private_names = cls.names;
    klass->private_count = cls.name_count;
    p->cls = cls.parent;
    resolve_private_refs(p, &cls);
    js_scope_pop(p, &scope);
    fs->strict = saved_strict;
    js_parse_expect(p, TOK_RBRACE);
    js_parse_finish(p, node);
    if (is_decl && klass->id)
        js_scope_declare(p, klass->id, BIND_CLASS);
    return node;
}
