/*
 * parser.c — entry point of the front end (js_parse), the four parse goals
 * (Script, Module, eval code, Function constructor), and the helpers every
 * part of the parser uses: token handling, node allocation, list building,
 * identifiers and their reserved-word rules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parser_internal.h"

/* ---------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------- */

void js_parse_error(JSParser *p, uint32_t pos, const char *fmt, ...)
{
    char msg[sizeof(p->ctx.error->message)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    js_lex_fail(&p->ctx, JS_PARSE_SYNTAX_ERROR, pos, msg);
}

void js_parse_unexpected(JSParser *p)
{
    if (TOK.type == TOK_EOF)
        js_parse_error(p, TOK.start, "unexpected end of input");
    if ((TOK.flags & TOKF_RESERVED))
        js_parse_error(p, TOK.start, "keywords cannot contain escaped characters");
    char desc[48];
    js_lex_describe(&p->lx, &TOK, desc, sizeof(desc));
    js_parse_error(p, TOK.start, "unexpected token: %s", desc);
}

void js_parse_check_stack(JSParser *p)
{
    uintptr_t limit = p->opts->stack_limit;
    if (limit && (uintptr_t)__builtin_frame_address(0) < limit)
        js_lex_fail(&p->ctx, JS_PARSE_STACK_OVERFLOW, TOK.start, "stack overflow");
}

/* ---------------------------------------------------------------------
 * Tokens
 * ------------------------------------------------------------------- */

void js_parse_next(JSParser *p)
{
    p->prev_end = TOK.end;
    js_lex_next(&p->lx);
}

bool js_parse_accept(JSParser *p, int tok)
{
    if (TOK.type != tok)
        return false;
    js_parse_next(p);
    return true;
}

void js_parse_expect(JSParser *p, int tok)
{
    if (TOK.type == tok) {
        js_parse_next(p);
        return;
    }
    if (TOK.type == TOK_EOF)
        js_parse_unexpected(p);
    char desc[48];
    js_lex_describe(&p->lx, &TOK, desc, sizeof(desc));
    if (tok == TOK_RPAREN)
        js_parse_error(p, TOK.start, "expected ')' but found %s", desc);
    js_parse_error(p, TOK.start, "expected '%s' but found %s", js_lex_token_text(tok), desc);
}

/* automatic semicolon insertion (§12.10) */
void js_parse_semicolon(JSParser *p)
{
    if (TOK.type == TOK_SEMI) {
        js_parse_next(p);
        return;
    }
    if (TOK.type == TOK_RBRACE || TOK.type == TOK_EOF || (TOK.flags & TOKF_NL_BEFORE))
        return;
    js_parse_unexpected(p);
}

void js_parse_peek(JSParser *p, JSToken *out) { js_lex_peek(&p->lx, out); }

/* the two tokens after the current one (rarely needed: `await using x`) */
void js_parse_peek2(JSParser *p, JSToken *t1, JSToken *t2)
{
    JSLexer save = p->lx;
    js_lex_next(&p->lx);
    *t1 = p->lx.tok;
    js_lex_next(&p->lx);
    *t2 = p->lx.tok;
    p->lx = save;
}

bool js_parse_is_cw(JSParser *p, int cw)
{
    return TOK.type == TOK_IDENT && TOK.cw == cw && !(TOK.flags & TOKF_ESCAPED);
}

JSAstString *js_parse_cw_name(JSParser *p, int cw) { return p->ctx.cw_names[cw]; }

/* ---------------------------------------------------------------------
 * Nodes and lists
 * ------------------------------------------------------------------- */

void *js_parse_alloc(JSParser *p, size_t size)
{
    void *ptr = js_lex_alloc(&p->ctx, size);
    memset(ptr, 0, size);
    return ptr;
}

JSNode *js_parse_node(JSParser *p, int kind, const JSToken *start)
{
    JSNode *n = js_lex_alloc(&p->ctx, sizeof(JSNode));
    memset(n, 0, sizeof(*n));
    n->kind = (uint8_t)kind;
    n->start = start->start;
    n->end = start->end;
    n->line = start->line;
    n->col = start->col;
    return n;
}

JSNode *js_parse_node_at(JSParser *p, int kind, const JSNode *start)
{
    JSNode *n = js_lex_alloc(&p->ctx, sizeof(JSNode));
    memset(n, 0, sizeof(*n));
    n->kind = (uint8_t)kind;
    n->start = start->start;
    n->line = start->line;
    n->col = start->col;
    n->end = start->end;
    return n;
}

/* the node ends where the last consumed token ended */
void js_parse_finish(JSParser *p, JSNode *n) { n->end = p->prev_end; }

void js_parse_push(JSParser *p, JSNode *n)
{
    if (p->sp == p->stack_cap) {
        uint32_t cap = p->stack_cap ? p->stack_cap * 2 : 256;
        JSNode **s = p->opts->malloc(p->opts->opaque, cap * sizeof(*s));
        if (!s)
            js_lex_fail(&p->ctx, JS_PARSE_OUT_OF_MEMORY, 0, "out of memory");
        if (p->sp)
            memcpy(s, p->stack, p->sp * sizeof(*s));
        if (p->stack)
            p->opts->free(p->opts->opaque, p->stack);
        p->stack = s;
        p->stack_cap = cap;
    }
    p->stack[p->sp++] = n;
}

JSNodeList js_parse_pop_list(JSParser *p, uint32_t base)
{
    JSNodeList l;
    l.count = p->sp - base;
    l.items = NULL;
    if (l.count) {
        l.items = js_lex_alloc(&p->ctx, l.count * sizeof(JSNode *));
        memcpy(l.items, p->stack + base, l.count * sizeof(JSNode *));
    }
    p->sp = base;
    return l;
}

/* ---------------------------------------------------------------------
 * Identifiers
 * ------------------------------------------------------------------- */

bool js_parse_is_reserved_strict(int cw) { return cw >= JS_CW_LET && cw <= JS_CW_PUBLIC; }

/* checks token t as an IdentifierReference and explains why not */
static void check_identifier(JSParser *p, const JSToken *t)
{
    JSFuncState *fs = p->fs;
    if (t->type != TOK_IDENT || (t->flags & TOKF_RESERVED)) {
        if (t->type >= TOK_FIRST_KEYWORD || (t->flags & TOKF_RESERVED)) {
            char desc[48];
            js_lex_describe(&p->lx, t, desc, sizeof(desc));
            js_parse_error(p, t->start, "unexpected reserved word %s", desc);
        }
        js_parse_unexpected(p);
    }
    switch (t->cw) {
    case JS_CW_YIELD:
        if (fs->yield_kw || fs->strict)
            js_parse_error(p, t->start, "'yield' is a reserved identifier here");
        break;
    case JS_CW_AWAIT:
        if (fs->await_kw || p->module)
            js_parse_error(p, t->start, "'await' is a reserved identifier here");
        break;
    case JS_CW_ARGUMENTS:
        break;
    default:
        if (fs->strict && js_parse_is_reserved_strict(t->cw))
            js_parse_error(p, t->start, "'%s' is a reserved identifier in strict mode",
                           (const char *)t->u.name->u.chars8);
        break;
    }
}

static JSNode *ident_node(JSParser *p, const JSToken *t)
{
    JSNode *n = js_parse_node(p, JS_AST_IDENTIFIER, t);
    n->u.ident.name = t->u.name;
    return n;
}

static JSNode *make_identifier(JSParser *p)
{
    JSNode *n = ident_node(p, &TOK);
    js_parse_next(p);
    return n;
}

static void note_reference(JSParser *p, const JSToken *t)
{
    if (t->cw == JS_CW_ARGUMENTS)
        js_parse_note_arguments(p, t->start);
    /* `async(await)` is a call, but can't become arrow parameters */
    if (t->cw == JS_CW_AWAIT && !p->cover_await_ident_pos)
        p->cover_await_ident_pos = t->start + 1;
}

/* an IdentifierReference from an already consumed token */
JSNode *js_parse_identifier_from(JSParser *p, const JSToken *t)
{
    check_identifier(p, t);
    note_reference(p, t);
    return ident_node(p, t);
}

JSNode *js_parse_identifier_reference(JSParser *p)
{
    check_identifier(p, &TOK);
    note_reference(p, &TOK);
    return make_identifier(p);
}

/* `eval` and `arguments` can't be bound in strict code; called again when
   a "use strict" directive makes a function strict after its
   parameters were parsed */
void js_parse_check_binding_name(JSParser *p, JSNode *id)
{
    JSLexName *e = js_lex_name(id->u.ident.name);
    if (!p->fs->strict)
        return;
    if (e->cw == JS_CW_EVAL || e->cw == JS_CW_ARGUMENTS)
        js_parse_error(p, id->start, "invalid binding of '%s' in strict mode",
                       (const char *)e->str.u.chars8);
    if (js_parse_is_reserved_strict(e->cw))
        js_parse_error(p, id->start, "'%s' is a reserved identifier in strict mode",
                       (const char *)e->str.u.chars8);
}

JSNode *js_parse_binding_identifier(JSParser *p)
{
    check_identifier(p, &TOK);
    JSNode *n = make_identifier(p);
    js_parse_check_binding_name(p, n);
    return n;
}

JSNode *js_parse_label_identifier(JSParser *p)
{
    check_identifier(p, &TOK);
    return make_identifier(p);
}

/* ---------------------------------------------------------------------
 * Goals
 * ------------------------------------------------------------------- */

static JSNode *new_program(JSParser *p, JSFuncState *fs, uint32_t flags)
{
    JSNode *prog = js_parse_alloc(p, sizeof(JSNode));
    prog->kind = JS_AST_PROGRAM;
    prog->line = 1;
    prog->col = 1;
    prog->end = p->ctx.src_len;
    JSAstFunction *fn = js_parse_alloc(p, sizeof(JSAstFunction));
    fn->src_end = p->ctx.src_len;
    prog->u.program.func = fn;
    js_parse_push_func(p, fs, fn, flags);
    fs->return_ok = false;
    fs->new_target_ok = false;
    fs->arguments_ok = true;
    return prog;
}

static void parse_script_or_module(JSParser *p, JSNode *prog)
{
    JSFuncState *fs = p->fs;
    JSAstFunction *fn = prog->u.program.func;
    int kind = p->module ? JS_SCOPE_MODULE
               : p->opts->goal == JS_PARSE_EVAL ? JS_SCOPE_EVAL
                                                : JS_SCOPE_SCRIPT;
    JSScopeState scope;
    js_scope_push(p, &scope, kind, prog);
    fs->var_scope = &scope;
    /* scripts, modules and eval code (a Script too) may start with #! */
    js_lex_init(&p->lx, &p->ctx, 0, p->ctx.src_len, !p->module, true);
    js_parse_next(p);
    fn->body = js_parse_statement_list(p, TOK_EOF, true);
    fn->body_scope = scope.ast;
    js_scope_finish_var_scope(p, fs);
    if (p->module)
        js_parse_module_finish(p);
    js_scope_pop(p, &scope);
    js_parse_pop_func(p, fs);
}

/* CreateDynamicFunction (§20.2.1.1.1): the parameters and the body are
   each parsed on their own, then checked as one function */
static void parse_dynamic_function(JSParser *p, JSNode *prog)
{
    const JSParseOptions *o = p->opts;
    if (o->params_start > o->params_end || o->params_end > o->body_start ||
        o->body_start > o->body_end || o->body_end > p->ctx.src_len)
        js_parse_error(p, 0, "invalid Function constructor source ranges");
    JSScopeState scope;
    js_scope_push(p, &scope, JS_SCOPE_SCRIPT, prog);
    p->fs->var_scope = &scope;

    uint32_t flags = JS_FUNC_DYNAMIC | JS_FUNC_SIMPLE_PARAMS;
    if (o->function_kind == JS_PARSE_FUNC_GENERATOR ||
        o->function_kind == JS_PARSE_FUNC_ASYNC_GENERATOR)
        flags |= JS_FUNC_GENERATOR;
    if (o->function_kind == JS_PARSE_FUNC_ASYNC || o->function_kind == JS_PARSE_FUNC_ASYNC_GENERATOR)
        flags |= JS_FUNC_ASYNC;
    JSToken start = {0};
    start.line = 1;
    start.col = 1;
    JSNode *node = js_parse_node(p, JS_AST_FUNCTION_EXPRESSION, &start);
    JSAstFunction *fn = js_parse_alloc(p, sizeof(JSAstFunction));
    node->u.func = fn;
    fn->src_start = 0;
    fn->src_end = p->ctx.src_len;

    JSFuncState fs;
    js_parse_push_func(p, &fs, fn, flags);
    JSScopeState params;
    js_scope_push(p, &params, JS_SCOPE_PARAMS, NULL);
    fn->param_scope = params.ast;

    /* each region is scanned as a source text of its own: a 0 byte after
       it stops the lexer */
    uint8_t *copy = js_lex_alloc(&p->ctx, p->ctx.src_len + 1);
    memcpy(copy, p->ctx.src, p->ctx.src_len + 1);
    copy[o->params_end] = 0;
    copy[o->body_end] = 0;
    p->ctx.scan = copy;
    js_lex_init(&p->lx, &p->ctx, o->params_start, o->params_end, true, false);
    js_parse_next(p);
    js_parse_formal_params(p, &fs, TOK_EOF);
    js_lex_init(&p->lx, &p->ctx, o->body_start, o->body_end, true, false);
    js_parse_next(p);
    js_parse_function_body(p, &fs, TOK_EOF);
    js_parse_finish_params(p, &fs);
    js_scope_pop(p, &params);
    js_parse_pop_func(p, &fs);
    node->end = p->ctx.src_len;

    JSNode *stmt = js_parse_node_at(p, JS_AST_EXPRESSION_STATEMENT, node);
    stmt->u.expr_stmt.expression = node;
    JSAstFunction *top = prog->u.program.func;
    top->body.items = js_lex_alloc(&p->ctx, sizeof(JSNode *));
    top->body.items[0] = stmt;
    top->body.count = 1;
    top->body_scope = scope.ast;
    js_scope_finish_var_scope(p, p->fs);
    js_scope_pop(p, &scope);
    js_parse_pop_func(p, p->fs);
}

static void setup_eval_context(JSParser *p, JSFuncState *fs)
{
    const JSParseOptions *o = p->opts;
    uint32_t cf = o->context_flags;
    fs->new_target_ok = (cf & JS_PARSE_CTX_NEW_TARGET) != 0;
    fs->super_prop_ok = (cf & JS_PARSE_CTX_SUPER_PROPERTY) != 0;
    fs->super_call_ok = (cf & JS_PARSE_CTX_SUPER_CALL) != 0;
    fs->arguments_ok = !(cf & JS_PARSE_CTX_FIELD_INIT);
    if (o->private_name_count) {
        p->outer_private = js_lex_alloc(&p->ctx, o->private_name_count * sizeof(JSAstString *));
        for (uint32_t i = 0; i < o->private_name_count; i++)
            p->outer_private[i] =
                js_lex_intern_utf8(&p->ctx, o->private_names[i].name, o->private_names[i].len);
        p->outer_private_count = o->private_name_count;
    }
}

static void parse_goal(JSParser *p, JSParseResult *res)
{
    const JSParseOptions *o = p->opts;
    uint32_t bad;
    if (!js_lex_is_valid_utf8(p->ctx.src, p->ctx.src_len, o->wtf8, &bad))
        js_parse_error(p, bad, "invalid UTF-8 in source text");
    js_lex_ctx_init(&p->ctx);
    p->module = o->goal == JS_PARSE_MODULE;
    uint32_t flags = 0;
    if (o->strict || p->module)
        flags |= JS_FUNC_STRICT;
    if (p->module)
        flags |= JS_FUNC_ASYNC;
    JSFuncState fs;
    JSNode *prog = new_program(p, &fs, flags);
    if (p->module) {
        fs.await_kw = true;
        fs.await_ok = true;
        fs.flags &= ~JS_FUNC_ASYNC;
        JSModuleState *ms = js_parse_alloc(p, sizeof(JSModuleState));
        ms->m = js_parse_alloc(p, sizeof(JSAstModule));
        p->mod = ms;
        prog->u.program.module = ms->m;
    }
    if (o->goal == JS_PARSE_EVAL)
        setup_eval_context(p, &fs);
    if (o->goal == JS_PARSE_FUNCTION)
        parse_dynamic_function(p, prog);
    else
        parse_script_or_module(p, prog);
    res->program = prog;
}

JSParseErrorKind js_parse(JSParseResult *res, const char *source, size_t len,
                          const JSParseOptions *opts)
{
    memset(res, 0, sizeof(*res));
    res->free = opts->free;
    res->opaque = opts->opaque;
    JSParser parser;
    JSParser *p = &parser;
    memset(p, 0, sizeof(*p));
    p->opts = opts;
    p->ctx.error = &res->error;
    p->ctx.src = (const uint8_t *)source;
    p->ctx.scan = p->ctx.src;
    js_ast_arena_init(&p->ctx.arena, &res->chunks, opts->malloc, opts->free, opts->opaque);
    if (len >= UINT32_MAX - 16) {
        res->error.kind = JS_PARSE_OUT_OF_MEMORY;
        snprintf(res->error.message, sizeof(res->error.message), "source text too large");
        return res->error.kind;
    }
    p->ctx.src_len = (uint32_t)len;
    if (setjmp(p->ctx.unwind) == 0) {
        parse_goal(p, res);
    } else {
        res->program = NULL;
    }
    if (p->stack)
        opts->free(opts->opaque, p->stack);
    return res->error.kind;
}

void js_parse_result_free(JSParseResult *res)
{
    if (res->free)
        js_ast_arena_free_all(&res->chunks, res->free, res->opaque);
    res->program = NULL;
}
