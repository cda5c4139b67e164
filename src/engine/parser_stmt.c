/*
 * parser_stmt.c — statements and declarations (ECMA-262 §14): blocks,
 * variable declarations, control flow with its labels and jump targets,
 * for/for-in/for-of heads, switch, try/catch, the directive prologue, and
 * the Annex B forms (function declarations in if bodies and labelled
 * function declarations in sloppy code, `for (var x = 1 in o)`).
 */
#include <string.h>

#include "parser_internal.h"

/* the context a statement appears in */
enum {
    STMT_LIST,        /* StatementListItem: declarations allowed */
    STMT_SUB,         /* body of a loop, with, labelled statement of those... */
    STMT_IF,          /* body of if/else: Annex B allows a function (sloppy) */
    STMT_LABEL_LIST,  /* labelled statement directly in a statement list */
};

static JSNode *parse_statement(JSParser *p, int ctx);
static JSNode *parse_statement_list_item(JSParser *p);

/* ---------------------------------------------------------------------
 * Directive prologue
 * ------------------------------------------------------------------- */

static JSAstString *intern_slice(JSParser *p, uint32_t start, uint32_t end)
{
    const uint8_t *s = p->ctx.src + start;
    for (uint32_t i = 0; i < end - start; i++) {
        if (s[i] >= 0x80)
            return js_lex_intern_utf8(&p->ctx, (const char *)s, end - start);
    }
    return js_lex_intern8(&p->ctx, s, end - start);
}

static void use_strict(JSParser *p)
{
    JSFuncState *fs = p->fs;
    fs->flags |= JS_FUNC_USE_STRICT;
    fs->strict = true;
    if (fs->fn->param_scope)
        js_parse_check_function_strict(p, fs);
}

static void parse_directives(JSParser *p)
{
    uint32_t octal_pos = 0;
    while (TOK.type == TOK_STRING) {
        JSToken str = TOK;
        JSNode *stmt = parse_statement_list_item(p);
        js_parse_push(p, stmt);
        JSNode *e = stmt->kind == JS_AST_EXPRESSION_STATEMENT ? stmt->u.expr_stmt.expression : NULL;
        if (!e || e->kind != JS_AST_STRING_LITERAL || (e->flags & JS_NODE_F_PAREN) ||
            e->start != str.start || e->end != str.end)
            break;
        stmt->u.expr_stmt.directive = intern_slice(p, str.start + 1, str.end - 1);
        if ((str.flags & TOKF_LEGACY_OCTAL) && !octal_pos)
            octal_pos = str.bad_pos + 1;
        if (str.end - str.start == 12 && memcmp(p->ctx.src + str.start + 1, "use strict", 10) == 0) {
            if (octal_pos)
                js_parse_error(p, octal_pos - 1,
                               "octal escape sequences are not allowed in strict mode");
            use_strict(p);
        }
    }
}

JSNodeList js_parse_statement_list(JSParser *p, int end, bool directives)
{
    uint32_t base = p->sp;
    if (directives)
        parse_directives(p);
    while (TOK.type != end) {
        if (TOK.type == TOK_EOF)
            js_parse_unexpected(p);
        js_parse_push(p, parse_statement_list_item(p));
    }
    return js_parse_pop_list(p, base);
}

/* ---------------------------------------------------------------------
 * Blocks and declarations
 * ------------------------------------------------------------------- */

JSNode *js_parse_block(JSParser *p, bool clash_parent)
{
    JSNode *n = js_parse_node(p, JS_AST_BLOCK, &TOK);
    js_parse_expect(p, TOK_LBRACE);
    JSScopeState scope;
    js_scope_push(p, &scope, JS_SCOPE_BLOCK, n);
    scope.clash_parent = clash_parent;
    n->u.block.body = js_parse_statement_list(p, TOK_RBRACE, false);
    n->u.block.scope = scope.ast;
    js_scope_pop(p, &scope);
    js_parse_expect(p, TOK_RBRACE);
    js_parse_finish(p, n);
    return n;
}

static int bind_kind_of(int decl_kind)
{
    switch (decl_kind) {
    case JS_DECL_LET: return BIND_LET;
    case JS_DECL_CONST: return BIND_CONST;
    case JS_DECL_USING: return BIND_USING;
    default: return BIND_VAR;
    }
}

/* VariableDeclarationList / BindingList; in a for head the names are
   declared by the caller once it knows the loop kind */
static JSNode *parse_var_declaration(JSParser *p, int kind, bool in_for)
{
    JSNode *n = js_parse_node(p, JS_AST_VARIABLE_DECLARATION, &TOK);
    n->u.var_decl.kind = (uint8_t)kind;
    if (kind == JS_DECL_USING && TOK.cw == JS_CW_AWAIT) {
        n->u.var_decl.is_await_using = true;
        if (p->module && !p->fs->parent)
            p->mod->m->has_top_level_await = true;
        js_parse_next(p);
    }
    js_parse_next(p);
    uint32_t base = p->sp;
    for (;;) {
        JSNode *d = js_parse_node(p, JS_AST_VARIABLE_DECLARATOR, &TOK);
        /* using declarations bind identifiers only */
        JSNode *id = kind == JS_DECL_USING ? js_parse_binding_identifier(p) : js_parse_binding_target(p);
        d->u.declarator.id = id;
        if (js_parse_accept(p, TOK_ASSIGN))
            d->u.declarator.init = js_parse_assign(p);
        js_parse_finish(p, d);
        if (!in_for) {
            if (!d->u.declarator.init && (kind == JS_DECL_CONST || kind == JS_DECL_USING))
                js_parse_error(p, TOK.start, "missing initializer in %s declaration",
                               kind == JS_DECL_CONST ? "const" : "using");
            if (!d->u.declarator.init && id->kind != JS_AST_IDENTIFIER)
                js_parse_error(p, TOK.start, "missing initializer in destructuring declaration");
            js_parse_declare_pattern(p, id, bind_kind_of(kind));
        }
        js_parse_push(p, d);
        if (!js_parse_accept(p, TOK_COMMA))
            break;
    }
    n->u.var_decl.declarations = js_parse_pop_list(p, base);
    js_parse_finish(p, n);
    return n;
}

/* `let` starts a declaration when a binding follows it */
static bool let_declaration_follows(JSParser *p)
{
    JSToken peek;
    js_parse_peek(p, &peek);
    return peek.type == TOK_IDENT || peek.type == TOK_LBRACKET || peek.type == TOK_LBRACE ||
           (peek.type >= TOK_FIRST_KEYWORD && peek.type <= TOK_LAST_KEYWORD && p->fs->strict);
}

/* `using x` (kind 1) or `await using x` (kind 2) starts a declaration;
   in a for head, `using of` does unless `=` follows (`for (using of of
   a)` iterates with the identifier `using`) */
static int using_declaration_follows(JSParser *p, bool in_for)
{
    JSToken t1, t2;
    if (js_parse_is_cw(p, JS_CW_USING)) {
        js_parse_peek(p, &t1);
        if (t1.type != TOK_IDENT || (t1.flags & (TOKF_NL_BEFORE | TOKF_RESERVED)))
            return 0;
        if (in_for && t1.cw == JS_CW_OF && !(t1.flags & TOKF_ESCAPED)) {
            js_parse_peek2(p, &t1, &t2);
            return t2.type == TOK_ASSIGN ? 1 : 0;
        }
        return 1;
    }
    if (js_parse_is_cw(p, JS_CW_AWAIT) && p->fs->await_ok && !p->fs->in_params) {
        js_parse_peek2(p, &t1, &t2);
        if (t1.type == TOK_IDENT && t1.cw == JS_CW_USING && !(t1.flags & (TOKF_ESCAPED | TOKF_NL_BEFORE)) &&
            t2.type == TOK_IDENT && !(t2.flags & (TOKF_NL_BEFORE | TOKF_RESERVED)))
            return 2;
    }
    return 0;
}

static JSNode *parse_using_declaration(JSParser *p)
{
    JSScopeState *s = p->scope;
    if ((s->kind == JS_SCOPE_SCRIPT || s->kind == JS_SCOPE_EVAL) && !p->fs->parent)
        js_parse_error(p, TOK.start, "using declarations are not allowed at the top level of a script");
    if (s->kind == JS_SCOPE_SWITCH)
        js_parse_error(p, TOK.start, "using declarations are not allowed directly in switch cases");
    JSNode *n = parse_var_declaration(p, JS_DECL_USING, false);
    js_parse_semicolon(p);
    return n;
}

static bool async_function_follows(JSParser *p)
{
    if (!js_parse_is_cw(p, JS_CW_ASYNC))
        return false;
    JSToken peek;
    js_parse_peek(p, &peek);
    return peek.type == TOK_FUNCTION && !(peek.flags & TOKF_NL_BEFORE);
}

static JSNode *parse_function_declaration(JSParser *p, unsigned extra)
{
    JSToken start = TOK;
    unsigned flags = FN_DECL | extra;
    if (TOK.type == TOK_IDENT) {
        js_parse_next(p); /* async */
        flags |= FN_ASYNC;
    }
    return js_parse_function(p, flags, start.start, &start);
}

/* the Declaration of `export`: function, class, var, let, const */
JSNode *js_parse_declaration(JSParser *p)
{
    JSNode *n;
    switch (TOK.type) {
    case TOK_FUNCTION:
        return parse_function_declaration(p, 0);
    case TOK_CLASS:
        return js_parse_class(p, true, false);
    case TOK_VAR:
        n = parse_var_declaration(p, JS_DECL_VAR, false);
        break;
    case TOK_CONST:
        n = parse_var_declaration(p, JS_DECL_CONST, false);
        break;
    default:
        if (js_parse_is_cw(p, JS_CW_LET)) {
            n = parse_var_declaration(p, JS_DECL_LET, false);
            break;
        }
        if (async_function_follows(p))
            return parse_function_declaration(p, 0);
        js_parse_unexpected(p);
    }
    js_parse_semicolon(p);
    return n;
}

static JSNode *parse_statement_list_item(JSParser *p)
{
    JSNode *n;
    switch (TOK.type) {
    case TOK_FUNCTION:
        return parse_function_declaration(p, 0);
    case TOK_CLASS:
        return js_parse_class(p, true, false);
    case TOK_CONST:
        n = parse_var_declaration(p, JS_DECL_CONST, false);
        js_parse_semicolon(p);
        return n;
    case TOK_IMPORT:
    case TOK_EXPORT:
        if (p->module && p->scope->kind == JS_SCOPE_MODULE) {
            if (TOK.type == TOK_EXPORT)
                return js_parse_export_declaration(p);
            JSToken peek;
            js_parse_peek(p, &peek);
            if (peek.type != TOK_LPAREN && peek.type != TOK_DOT)
                return js_parse_import_declaration(p);
        }
        break;
    case TOK_IDENT:
        if (js_parse_is_cw(p, JS_CW_LET) && let_declaration_follows(p)) {
            n = parse_var_declaration(p, JS_DECL_LET, false);
            js_parse_semicolon(p);
            return n;
        }
        if (async_function_follows(p))
            return parse_function_declaration(p, 0);
        if (using_declaration_follows(p, false))
            return parse_using_declaration(p);
        break;
    default:
        break;
    }
    return parse_statement(p, STMT_LIST);
}

/* ---------------------------------------------------------------------
 * Control flow
 * ------------------------------------------------------------------- */

static void push_target(JSParser *p, JSJumpTarget *t, JSNode *node, bool is_loop)
{
    t->node = node;
    t->is_loop = is_loop;
    t->prev = p->fs->targets;
    p->fs->targets = t;
}

static void pop_target(JSParser *p, JSJumpTarget *t) { p->fs->targets = t->prev; }

/* the labels directly in front of a loop can be targets of continue */
static void claim_labels(JSParser *p, int pending, JSNode *loop)
{
    JSLabel *l = p->fs->labels;
    for (int i = 0; i < pending && l; i++, l = l->prev)
        l->loop = loop;
}

static JSNode *parse_loop_body(JSParser *p, JSNode *loop)
{
    JSJumpTarget t;
    push_target(p, &t, loop, true);
    JSNode *body = parse_statement(p, STMT_SUB);
    pop_target(p, &t);
    return body;
}

static JSNode *parse_paren_expression(JSParser *p)
{
    js_parse_expect(p, TOK_LPAREN);
    JSNode *e = js_parse_expression(p);
    js_parse_expect(p, TOK_RPAREN);
    return e;
}

static JSNode *parse_if_body(JSParser *p)
{
    if (TOK.type != TOK_FUNCTION || p->fs->strict)
        return parse_statement(p, STMT_IF);
    /* Annex B.3.3: `if (x) function f(){}` is as if in a block */
    JSNode *block = js_parse_node(p, JS_AST_BLOCK, &TOK);
    JSScopeState scope;
    js_scope_push(p, &scope, JS_SCOPE_BLOCK, block);
    JSNode *fn = parse_function_declaration(p, 0);
    if (fn->u.func->flags & (JS_FUNC_ASYNC | JS_FUNC_GENERATOR))
        js_parse_error(p, fn->start, "generator declarations are not allowed in this context");
    block->u.block.body.items = js_lex_alloc(&p->ctx, sizeof(JSNode *));
    block->u.block.body.items[0] = fn;
    block->u.block.body.count = 1;
    block->u.block.scope = scope.ast;
    js_scope_pop(p, &scope);
    js_parse_finish(p, block);
    return block;
}

static JSNode *parse_if(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_IF, &TOK);
    js_parse_next(p);
    n->u.if_stmt.test = parse_paren_expression(p);
    n->u.if_stmt.consequent = parse_if_body(p);
    if (js_parse_accept(p, TOK_ELSE))
        n->u.if_stmt.alternate = parse_if_body(p);
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_while(JSParser *p, int pending)
{
    JSNode *n = js_parse_node(p, JS_AST_WHILE, &TOK);
    claim_labels(p, pending, n);
    js_parse_next(p);
    n->u.loop.test = parse_paren_expression(p);
    n->u.loop.body = parse_loop_body(p, n);
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_do_while(JSParser *p, int pending)
{
    JSNode *n = js_parse_node(p, JS_AST_DO_WHILE, &TOK);
    claim_labels(p, pending, n);
    js_parse_next(p);
    n->u.loop.body = parse_loop_body(p, n);
    js_parse_expect(p, TOK_WHILE);
    n->u.loop.test = parse_paren_expression(p);
    /* a semicolon is inserted after do-while even without a newline */
    js_parse_accept(p, TOK_SEMI);
    js_parse_finish(p, n);
    return n;
}

/* declares the names of a for-head declaration once the loop kind is known */
static void declare_for_head(JSParser *p, JSNode *decl, bool for_of)
{
    int kind = decl->u.var_decl.kind;
    int bk = kind == JS_DECL_VAR ? (for_of ? BIND_VAR_FOROF_THROUGH : BIND_VAR) : bind_kind_of(kind);
    for (uint32_t i = 0; i < decl->u.var_decl.declarations.count; i++)
        js_parse_declare_pattern(p, decl->u.var_decl.declarations.items[i]->u.declarator.id, bk);
}

static void check_for_in_of_decl(JSParser *p, JSNode *decl, bool is_of)
{
    JSNodeList *l = &decl->u.var_decl.declarations;
    if (!is_of && decl->u.var_decl.kind == JS_DECL_USING)
        js_parse_error(p, decl->start, "using declarations are not allowed in for-in loops");
    if (l->count != 1)
        js_parse_error(p, l->items[1]->start, "only one variable may be declared in a for-%s loop",
                       is_of ? "of" : "in");
    JSNode *d = l->items[0];
    if (!d->u.declarator.init)
        return;
    /* Annex B.3.5: for (var x = 1 in o) in sloppy code */
    bool allowed = !is_of && !p->fs->strict && decl->u.var_decl.kind == JS_DECL_VAR &&
                   d->u.declarator.id->kind == JS_AST_IDENTIFIER;
    if (!allowed)
        js_parse_error(p, d->start, "for-%s loop variable declaration may not have an initializer",
                       is_of ? "of" : "in");
}

static void check_for_decl(JSParser *p, JSNode *decl)
{
    JSNodeList *l = &decl->u.var_decl.declarations;
    for (uint32_t i = 0; i < l->count; i++) {
        JSNode *d = l->items[i];
        if (d->u.declarator.init)
            continue;
        if (decl->u.var_decl.kind == JS_DECL_CONST || decl->u.var_decl.kind == JS_DECL_USING)
            js_parse_error(p, d->end, "missing initializer in %s declaration",
                           decl->u.var_decl.kind == JS_DECL_CONST ? "const" : "using");
        if (d->u.declarator.id->kind != JS_AST_IDENTIFIER)
            js_parse_error(p, d->end, "missing initializer in destructuring declaration");
    }
}

/* the head before `;`, `in` or `of`: a declaration or an expression */
static JSNode *parse_for_init(JSParser *p, bool *is_decl)
{
    *is_decl = true;
    if (TOK.type == TOK_VAR)
        return parse_var_declaration(p, JS_DECL_VAR, true);
    if (TOK.type == TOK_CONST)
        return parse_var_declaration(p, JS_DECL_CONST, true);
    if (using_declaration_follows(p, true))
        return parse_var_declaration(p, JS_DECL_USING, true);
    if (js_parse_is_cw(p, JS_CW_LET)) {
        JSToken peek;
        js_parse_peek(p, &peek);
        if (peek.type == TOK_IDENT || peek.type == TOK_LBRACKET || peek.type == TOK_LBRACE ||
            p->fs->strict)
            return parse_var_declaration(p, JS_DECL_LET, true);
    }
    *is_decl = false;
    return js_parse_assign_cover(p);
}

/* the expression head of for-in/of: a pattern or a simple target */
static void check_for_in_of_target(JSParser *p, JSNode *init, const JSToken *init_tok, bool is_of,
                                   bool is_await)
{
    bool plain = init_tok->type == TOK_IDENT && !(init_tok->flags & TOKF_ESCAPED);
    bool async_ident = plain && init_tok->cw == JS_CW_ASYNC && init->kind == JS_AST_IDENTIFIER &&
                       !(init->flags & JS_NODE_F_PAREN) && !is_await;
    /* lookahead restrictions: `for (let.x of`, `for (async of` */
    if (is_of && (async_ident || (plain && init_tok->cw == JS_CW_LET)))
        js_parse_error(p, init->start, "invalid left-hand side in for-of loop");
    if (init->kind == JS_AST_ASSIGNMENT || init->kind == JS_AST_SEQUENCE)
        js_parse_error(p, init->start, "invalid left-hand side in for-%s loop", is_of ? "of" : "in");
    if ((init->kind == JS_AST_OBJECT_EXPRESSION || init->kind == JS_AST_ARRAY_EXPRESSION) &&
        !(init->flags & JS_NODE_F_PAREN))
        js_parse_to_pattern(p, init, false);
    else
        js_parse_check_simple_target(p, init, true);
}

/* for (head in/of right) body: the current token is `in` or `of` */
static void parse_for_in_of_rest(JSParser *p, JSNode *n, JSNode *left, bool is_of, bool is_await)
{
    n->kind = is_of ? JS_AST_FOR_OF : JS_AST_FOR_IN;
    n->u.for_in.left = left;
    n->u.for_in.is_await = is_await;
    js_parse_next(p);
    n->u.for_in.right = is_of ? js_parse_assign(p) : js_parse_expression(p);
    js_parse_expect(p, TOK_RPAREN);
    n->u.for_in.body = parse_loop_body(p, n);
}

/* for (init; test; update) body: the current token is the first `;` */
static void parse_for_rest(JSParser *p, JSNode *n, JSNode *init)
{
    n->u.for_stmt.init = init;
    js_parse_expect(p, TOK_SEMI);
    if (TOK.type != TOK_SEMI)
        n->u.for_stmt.test = js_parse_expression(p);
    js_parse_expect(p, TOK_SEMI);
    if (TOK.type != TOK_RPAREN)
        n->u.for_stmt.update = js_parse_expression(p);
    js_parse_expect(p, TOK_RPAREN);
    n->u.for_stmt.body = parse_loop_body(p, n);
}

/* the rest of a classic for head's expression: `a = 1, b = 2` */
static JSNode *parse_for_init_sequence(JSParser *p, JSNode *init)
{
    if (p->cover_pos)
        js_parse_error(p, p->cover_pos - 1, "invalid shorthand property initializer");
    if (TOK.type != TOK_COMMA)
        return init;
    uint32_t base = p->sp;
    js_parse_push(p, init);
    bool saved = p->no_in;
    p->no_in = true;
    while (js_parse_accept(p, TOK_COMMA))
        js_parse_push(p, js_parse_assign(p));
    p->no_in = saved;
    JSNode *seq = js_parse_node_at(p, JS_AST_SEQUENCE, init);
    seq->u.list = js_parse_pop_list(p, base);
    js_parse_finish(p, seq);
    return seq;
}

static JSNode *parse_for(JSParser *p, int pending)
{
    JSNode *n = js_parse_node(p, JS_AST_FOR, &TOK);
    claim_labels(p, pending, n);
    js_parse_next(p);
    bool is_await = js_parse_is_cw(p, JS_CW_AWAIT);
    if (is_await) {
        if (!p->fs->await_ok)
            js_parse_error(p, TOK.start, "for await is only valid in async functions and modules");
        if (p->module && !p->fs->parent)
            p->mod->m->has_top_level_await = true;
        js_parse_next(p);
    }
    js_parse_expect(p, TOK_LPAREN);
    JSScopeState scope;
    js_scope_push(p, &scope, JS_SCOPE_FOR, n);
    JSNode *init = NULL;
    bool is_decl = false, is_of = false;
    JSToken init_tok = TOK;
    if (TOK.type != TOK_SEMI) {
        bool saved = p->no_in;
        uint32_t saved_cover = p->cover_pos;
        p->no_in = true;
        p->cover_pos = 0;
        init = parse_for_init(p, &is_decl);
        p->no_in = saved;
        is_of = js_parse_is_cw(p, JS_CW_OF);
        if (TOK.type == TOK_IN || is_of) {
            if (is_decl)
                check_for_in_of_decl(p, init, is_of);
            else
                check_for_in_of_target(p, init, &init_tok, is_of, is_await);
        } else if (is_decl) {
            check_for_decl(p, init);
        } else {
            init = parse_for_init_sequence(p, init);
        }
        if (is_decl)
            declare_for_head(p, init, is_of);
        p->cover_pos = saved_cover;
    }
    if (is_await && !is_of)
        js_parse_error(p, TOK.start, "for await requires an of clause");
    if (init && (TOK.type == TOK_IN || is_of))
        parse_for_in_of_rest(p, n, init, is_of, is_await);
    else
        parse_for_rest(p, n, init);
    if (n->kind == JS_AST_FOR)
        n->u.for_stmt.scope = scope.ast;
    else
        n->u.for_in.scope = scope.ast;
    js_scope_pop(p, &scope);
    js_parse_finish(p, n);
    return n;
}

static JSLabel *find_label(JSParser *p, JSAstString *name)
{
    for (JSLabel *l = p->fs->labels; l; l = l->prev) {
        if (l->name == name)
            return l;
    }
    return NULL;
}

static JSNode *parse_jump(JSParser *p, bool is_break)
{
    JSNode *n = js_parse_node(p, is_break ? JS_AST_BREAK : JS_AST_CONTINUE, &TOK);
    js_parse_next(p);
    JSFuncState *fs = p->fs;
    if (TOK.type == TOK_IDENT && !(TOK.flags & TOKF_NL_BEFORE)) {
        JSNode *label = js_parse_label_identifier(p);
        JSLabel *l = find_label(p, label->u.ident.name);
        if (!l)
            js_parse_error(p, label->start, "undefined label '%s'",
                           label->u.ident.name->wide ? "?" : (const char *)label->u.ident.name->u.chars8);
        if (!is_break && !l->loop)
            js_parse_error(p, label->start, "continue target is not an iteration statement");
        n->u.jump.label = label;
        n->u.jump.target = is_break ? l->stmt : l->loop;
    } else {
        JSJumpTarget *t = fs->targets;
        while (t && !is_break && !t->is_loop)
            t = t->prev;
        if (!t)
            js_parse_error(p, n->start, is_break ? "break must be inside loop or switch"
                                                 : "continue must be inside loop");
        n->u.jump.target = t->node;
    }
    js_parse_semicolon(p);
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_return(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_RETURN, &TOK);
    if (!p->fs->return_ok)
        js_parse_error(p, TOK.start, "return not in a function");
    js_parse_next(p);
    if (TOK.type != TOK_SEMI && TOK.type != TOK_RBRACE && TOK.type != TOK_EOF &&
        !(TOK.flags & TOKF_NL_BEFORE))
        n->u.unary.argument = js_parse_expression(p);
    js_parse_semicolon(p);
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_throw(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_THROW, &TOK);
    js_parse_next(p);
    if (TOK.flags & TOKF_NL_BEFORE)
        js_parse_error(p, TOK.start, "line break is not allowed after 'throw'");
    n->u.unary.argument = js_parse_expression(p);
    js_parse_semicolon(p);
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_with(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_WITH, &TOK);
    if (p->fs->strict)
        js_parse_error(p, TOK.start, "strict mode code may not include a with statement");
    p->fs->flags |= JS_FUNC_HAS_WITH;
    js_parse_next(p);
    n->u.with.object = parse_paren_expression(p);
    n->u.with.body = parse_statement(p, STMT_SUB);
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_switch(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_SWITCH, &TOK);
    js_parse_next(p);
    n->u.switch_stmt.discriminant = parse_paren_expression(p);
    js_parse_expect(p, TOK_LBRACE);
    JSScopeState scope;
    js_scope_push(p, &scope, JS_SCOPE_SWITCH, n);
    JSJumpTarget t;
    push_target(p, &t, n, false);
    uint32_t base = p->sp;
    bool has_default = false;
    while (TOK.type != TOK_RBRACE) {
        JSNode *c = js_parse_node(p, JS_AST_SWITCH_CASE, &TOK);
        if (js_parse_accept(p, TOK_DEFAULT)) {
            if (has_default)
                js_parse_error(p, c->start, "more than one default clause in switch statement");
            has_default = true;
        } else {
            js_parse_expect(p, TOK_CASE);
            c->u.switch_case.test = js_parse_expression(p);
        }
        js_parse_expect(p, TOK_COLON);
        uint32_t sbase = p->sp;
        while (TOK.type != TOK_CASE && TOK.type != TOK_DEFAULT && TOK.type != TOK_RBRACE) {
            if (TOK.type == TOK_EOF)
                js_parse_unexpected(p);
            js_parse_push(p, parse_statement_list_item(p));
        }
        c->u.switch_case.consequent = js_parse_pop_list(p, sbase);
        js_parse_finish(p, c);
        js_parse_push(p, c);
    }
    n->u.switch_stmt.cases = js_parse_pop_list(p, base);
    pop_target(p, &t);
    n->u.switch_stmt.scope = scope.ast;
    js_scope_pop(p, &scope);
    js_parse_next(p);
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_catch(JSParser *p)
{
    JSNode *c = js_parse_node(p, JS_AST_CATCH_CLAUSE, &TOK);
    js_parse_next(p);
    JSScopeState scope;
    js_scope_push(p, &scope, JS_SCOPE_CATCH, c);
    if (js_parse_accept(p, TOK_LPAREN)) {
        JSNode *param = js_parse_binding_target(p);
        c->u.catch_clause.param = param;
        if (param->kind == JS_AST_IDENTIFIER)
            js_scope_declare(p, param, BIND_CATCH_PARAM);
        else
            js_parse_declare_pattern(p, param, BIND_CATCH_PATTERN);
        js_parse_expect(p, TOK_RPAREN);
    }
    c->u.catch_clause.body = js_parse_block(p, true);
    c->u.catch_clause.scope = scope.ast;
    js_scope_pop(p, &scope);
    js_parse_finish(p, c);
    return c;
}

static JSNode *parse_try(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_TRY, &TOK);
    js_parse_next(p);
    n->u.try_stmt.block = js_parse_block(p, false);
    if (TOK.type == TOK_CATCH)
        n->u.try_stmt.handler = parse_catch(p);
    if (js_parse_accept(p, TOK_FINALLY))
        n->u.try_stmt.finalizer = js_parse_block(p, false);
    if (!n->u.try_stmt.handler && !n->u.try_stmt.finalizer)
        js_parse_error(p, TOK.start, "missing catch or finally after try");
    js_parse_finish(p, n);
    return n;
}

/* ---------------------------------------------------------------------
 * Labels and expression statements
 * ------------------------------------------------------------------- */

static JSNode *parse_labeled(JSParser *p, int ctx, int pending)
{
    JSNode *n = js_parse_node(p, JS_AST_LABELED, &TOK);
    JSNode *label = js_parse_label_identifier(p);
    js_parse_expect(p, TOK_COLON);
    if (find_label(p, label->u.ident.name))
        js_parse_error(p, label->start, "label '%s' has already been declared",
                       label->u.ident.name->wide ? "?" : (const char *)label->u.ident.name->u.chars8);
    JSLabel l = {p->fs->labels, label->u.ident.name, n, NULL};
    p->fs->labels = &l;
    n->u.labeled.label = label;
    if (TOK.type == TOK_FUNCTION) {
        /* LabelledItem : FunctionDeclaration, sloppy statement lists only */
        if (p->fs->strict || (ctx != STMT_LIST && ctx != STMT_LABEL_LIST))
            js_parse_error(p, TOK.start, "function declarations can't be labelled here");
        JSNode *fn = parse_function_declaration(p, FN_LABELLED);
        if (fn->u.func->flags & (JS_FUNC_ASYNC | JS_FUNC_GENERATOR))
            js_parse_error(p, fn->start, "generator declarations can't be labelled");
        n->u.labeled.body = fn;
    } else {
        p->fs->pending_labels = pending + 1;
        n->u.labeled.body = parse_statement(p, ctx == STMT_LIST ? STMT_LABEL_LIST : ctx);
    }
    p->fs->labels = l.prev;
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_expression_statement(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_EXPRESSION_STATEMENT, &TOK);
    n->u.expr_stmt.expression = js_parse_expression(p);
    js_parse_semicolon(p);
    js_parse_finish(p, n);
    return n;
}

static JS_LEX_NORETURN void declaration_not_allowed(JSParser *p)
{
    js_parse_error(p, TOK.start, "lexical declaration cannot appear in a single-statement context");
}

static JSNode *parse_statement(JSParser *p, int ctx)
{
    js_parse_check_stack(p);
    JSFuncState *fs = p->fs;
    int pending = fs->pending_labels;
    fs->pending_labels = 0;
    JSNode *n;
    switch (TOK.type) {
    case TOK_LBRACE:
        return js_parse_block(p, false);
    case TOK_VAR:
        n = parse_var_declaration(p, JS_DECL_VAR, false);
        js_parse_semicolon(p);
        return n;
    case TOK_SEMI:
        n = js_parse_node(p, JS_AST_EMPTY, &TOK);
        js_parse_next(p);
        return n;
    case TOK_IF:
        return parse_if(p);
    case TOK_FOR:
        return parse_for(p, pending);
    case TOK_WHILE:
        return parse_while(p, pending);
    case TOK_DO:
        return parse_do_while(p, pending);
    case TOK_CONTINUE:
        return parse_jump(p, false);
    case TOK_BREAK:
        return parse_jump(p, true);
    case TOK_RETURN:
        return parse_return(p);
    case TOK_WITH:
        return parse_with(p);
    case TOK_SWITCH:
        return parse_switch(p);
    case TOK_THROW:
        return parse_throw(p);
    case TOK_TRY:
        return parse_try(p);
    case TOK_DEBUGGER:
        n = js_parse_node(p, JS_AST_DEBUGGER, &TOK);
        js_parse_next(p);
        js_parse_semicolon(p);
        js_parse_finish(p, n);
        return n;
    case TOK_FUNCTION:
        js_parse_error(p, TOK.start, p->fs->strict
                                         ? "in strict mode code, functions can only be declared at "
                                           "top level or inside a block"
                                         : "function declarations are not allowed in this context");
    case TOK_CLASS:
    case TOK_CONST:
        declaration_not_allowed(p);
    case TOK_EXPORT:
        js_parse_error(p, TOK.start, p->module ? "export declarations may only appear at top level of a module"
                                               : "export declarations may only appear in modules");
    case TOK_IDENT: {
        JSToken peek;
        if (!(TOK.flags & TOKF_RESERVED)) {
            js_parse_peek(p, &peek);
            if (peek.type == TOK_COLON)
                return parse_labeled(p, ctx, pending);
            if (js_parse_is_cw(p, JS_CW_LET) && peek.type == TOK_LBRACKET)
                declaration_not_allowed(p);
            if (js_parse_is_cw(p, JS_CW_ASYNC) && peek.type == TOK_FUNCTION &&
                !(peek.flags & TOKF_NL_BEFORE))
                js_parse_error(p, TOK.start, "async function declarations are not allowed here");
        }
        break;
    }
    default:
        break;
    }
    if (TOK.type == TOK_IMPORT && p->module) {
        JSToken peek;
        js_parse_peek(p, &peek);
        if (peek.type != TOK_LPAREN && peek.type != TOK_DOT)
            js_parse_error(p, TOK.start, "import declarations may only appear at top level of a module");
    }
    return parse_expression_statement(p);
}
