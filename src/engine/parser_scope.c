/*
 * parser_scope.c — scopes and declarations: the early errors about
 * redeclaration (§8.2 LexicallyDeclaredNames / VarDeclaredNames rules of
 * every construct), Annex B.3.2 block-function hoisting decisions and
 * B.3.4 (var redeclaring a catch parameter), and the JSAstScope records
 * handed to the compiler.
 *
 * Every open scope keeps its bindings in declaration order; every
 * interned name keeps the bindings it has in open scopes, innermost scope
 * first, so a conflict check looks only at the name's own few bindings.
 * A `var` inside blocks leaves a VAR_THROUGH marker in each block it
 * crosses (the block's VarDeclaredNames), so that a later `let` of the
 * same name in one of those blocks is caught.
 */
#include <string.h>

#include "parser_internal.h"

/* ---------------------------------------------------------------------
 * Bindings
 * ------------------------------------------------------------------- */

static bool is_lexical(int kind)
{
    switch (kind) {
    case BIND_LET:
    case BIND_CONST:
    case BIND_USING:
    case BIND_CLASS:
    case BIND_BLOCK_FUNCTION:
    case BIND_IMPORT:
    case BIND_CLASS_NAME:
        return true;
    default:
        return false;
    }
}

static bool is_var_marker(int kind) { return kind == BIND_VAR_THROUGH || kind == BIND_VAR_FOROF_THROUGH; }

/* some binding of name in scope s (the latest), or NULL */
static JSBinding *find_in(JSLexName *name, JSScopeState *s)
{
    for (JSBinding *b = name->bindings; b; b = b->next_for_name) {
        if (b->scope == s)
            return b;
        if (b->scope->depth < s->depth)
            break;
    }
    return NULL;
}

/* the first binding of name declared in scope s: the one that makes the
   scope's declaration record */
static JSBinding *find_first_in(JSLexName *name, JSScopeState *s)
{
    JSBinding *first = NULL;
    for (JSBinding *b = find_in(name, s); b && b->scope == s; b = b->next_for_name)
        first = b;
    return first;
}

static JSBinding *add_binding(JSParser *p, JSScopeState *s, JSLexName *name, int kind, JSNode *node)
{
    JSBinding *b = js_lex_alloc(&p->ctx, sizeof(JSBinding));
    memset(b, 0, sizeof(*b));
    b->name = name;
    b->scope = s;
    b->kind = (uint8_t)kind;
    b->node = node;
    b->shadowed = find_in(name, s) != NULL;
    *s->tail = b;
    s->tail = &b->next_in_scope;
    JSBinding **pp = (JSBinding **)&name->bindings;
    while (*pp && (*pp)->scope->depth > s->depth)
        pp = &(*pp)->next_for_name;
    b->next_for_name = *pp;
    *pp = b;
    return b;
}

static JS_LEX_NORETURN void redeclared(JSParser *p, JSNode *node, JSLexName *name)
{
    js_parse_error(p, node ? node->start : TOK.start, "Identifier '%s' has already been declared",
                   name->str.wide ? "?" : (const char *)name->str.u.chars8);
}

/* ---------------------------------------------------------------------
 * Scope push/pop
 * ------------------------------------------------------------------- */

JSScopeState *js_scope_push(JSParser *p, JSScopeState *s, int kind, JSNode *owner)
{
    memset(s, 0, sizeof(*s));
    s->parent = p->scope;
    s->func = p->fs;
    s->kind = (uint8_t)kind;
    s->depth = s->parent ? s->parent->depth + 1 : 0;
    s->tail = &s->bindings;
    s->var_scope = kind == JS_SCOPE_SCRIPT || kind == JS_SCOPE_MODULE || kind == JS_SCOPE_EVAL ||
                   kind == JS_SCOPE_FUNCTION_BODY;
    s->annexb_first = p->fs ? p->fs->annexb_count : 0;
    s->ast = js_parse_alloc(p, sizeof(JSAstScope));
    s->ast->kind = (JSScopeKind)kind;
    s->ast->owner = owner;
    p->scope = s;
    return s;
}

static JSDeclKind decl_kind(int kind)
{
    switch (kind) {
    case BIND_VAR: return JS_DECL_VAR;
    case BIND_LET: return JS_DECL_LET;
    case BIND_CONST: return JS_DECL_CONST;
    case BIND_USING: return JS_DECL_USING;
    case BIND_CLASS: return JS_DECL_CLASS;
    case BIND_FUNCTION:
    case BIND_BLOCK_FUNCTION: return JS_DECL_FUNCTION;
    case BIND_PARAM: return JS_DECL_PARAM;
    case BIND_CATCH_PARAM:
    case BIND_CATCH_PATTERN: return JS_DECL_CATCH_PARAM;
    case BIND_IMPORT: return JS_DECL_IMPORT;
    case BIND_FUNCTION_NAME: return JS_DECL_FUNCTION_NAME;
    case BIND_CLASS_NAME: return JS_DECL_CLASS_NAME;
    default: return JS_DECL_ANNEXB_FUNCTION;
    }
}

/* a candidate for Annex B hoisting is dropped when `var F` in its place
   would clash with a lexical declaration of a scope it crosses */
static void annexb_check_scope(JSParser *p, JSScopeState *s)
{
    JSFuncState *fs = s->func;
    if (!fs)
        return;
    for (uint32_t i = s->annexb_first; i < fs->annexb_count; i++) {
        JSAnnexB *c = &fs->annexb[i];
        if (c->excluded)
            continue;
        for (JSBinding *b = c->name->bindings; b && b->scope->depth >= s->depth; b = b->next_for_name) {
            if (b->scope != s || b->node == c->func)
                continue;
            if (is_lexical(b->kind) || b->kind == BIND_CATCH_PATTERN) {
                c->excluded = true;
                break;
            }
        }
    }
}

static void build_decls(JSParser *p, JSScopeState *s)
{
    uint32_t n = 0, nf = 0;
    for (JSBinding *b = s->bindings; b; b = b->next_in_scope) {
        if (!b->shadowed && !is_var_marker(b->kind))
            n++;
        if (b->kind == BIND_BLOCK_FUNCTION)
            nf++;
    }
    JSAstScope *a = s->ast;
    if (n) {
        a->decls = js_lex_alloc(&p->ctx, n * sizeof(JSAstDecl));
        for (JSBinding *b = s->bindings; b; b = b->next_in_scope) {
            if (b->shadowed || is_var_marker(b->kind))
                continue;
            JSAstDecl *d = &a->decls[a->decl_count++];
            d->name = &b->name->str;
            d->kind = decl_kind(b->kind);
            d->node = b->node;
        }
    }
    /* block-level (and module-level) functions are instantiated on entry,
       in order; var scopes compute theirs in js_scope_finish_var_scope */
    if (nf && !a->functions) {
        a->functions = js_lex_alloc(&p->ctx, nf * sizeof(JSNode *));
        for (JSBinding *b = s->bindings; b; b = b->next_in_scope) {
            if (b->kind == BIND_BLOCK_FUNCTION)
                a->functions[a->function_count++] = b->node;
        }
    }
}

void js_scope_pop(JSParser *p, JSScopeState *s)
{
    if (!s->var_scope)
        annexb_check_scope(p, s);
    build_decls(p, s);
    for (JSBinding *b = s->bindings; b; b = b->next_in_scope) {
        JSBinding **pp = (JSBinding **)&b->name->bindings;
        while (*pp && (*pp)->scope == s)
            *pp = (*pp)->next_for_name;
    }
    p->scope = s->parent;
}

/* ---------------------------------------------------------------------
 * Declarations
 * ------------------------------------------------------------------- */

static void declare_var(JSParser *p, JSNode *id, bool for_of)
{
    JSLexName *name = js_lex_name(id->u.ident.name);
    JSScopeState *v = p->fs->var_scope;
    for (JSScopeState *t = p->scope;; t = t->parent) {
        bool marked = false;
        for (JSBinding *b = name->bindings; b && b->scope->depth >= t->depth; b = b->next_for_name) {
            if (b->scope != t)
                continue;
            /* B.3.4: a var may redeclare a simple catch parameter */
            if (is_lexical(b->kind) || b->kind == BIND_CATCH_PATTERN)
                redeclared(p, id, name);
            if (is_var_marker(b->kind))
                marked = true;
        }
        if (t == v)
            break;
        if (!marked)
            add_binding(p, t, name, for_of ? BIND_VAR_FOROF_THROUGH : BIND_VAR_THROUGH, id);
    }
    JSBinding *first = find_in(name, v);
    if (!first)
        add_binding(p, v, name, BIND_VAR, id);
}

/* the kinds a lexical declaration may coexist with in the same scope */
static bool may_coexist(JSParser *p, int kind, const JSBinding *b, bool plain)
{
    if (kind == BIND_FUNCTION)
        return !is_lexical(b->kind);
    if (kind == BIND_PARAM)
        return b->kind == BIND_PARAM;
    /* B.3.2.4: sloppy duplicate plain function declarations in blocks */
    return kind == BIND_BLOCK_FUNCTION && b->kind == BIND_BLOCK_FUNCTION && !p->fs->strict &&
           plain && b->plain_function;
}

static JSBinding *declare_lexical(JSParser *p, JSNode *id, JSLexName *name, int kind, JSNode *node,
                                  bool plain)
{
    JSScopeState *s = p->scope;
    for (JSBinding *b = name->bindings; b && b->scope->depth >= s->depth; b = b->next_for_name) {
        if (b->scope != s)
            continue;
        if (!may_coexist(p, kind, b, plain))
            redeclared(p, id, name);
        if (kind == BIND_PARAM && !p->fs->dup_param_pos)
            p->fs->dup_param_pos = id->start + 1;
    }
    /* a function body's lexical names against the parameters, a catch
       block's against the catch parameter */
    if (s->clash_parent && s->parent && kind != BIND_FUNCTION) {
        JSBinding *b = find_in(name, s->parent);
        if (b && (b->kind == BIND_PARAM || b->kind == BIND_CATCH_PARAM ||
                  b->kind == BIND_CATCH_PATTERN))
            redeclared(p, id, name);
    }
    JSBinding *b = add_binding(p, s, name, kind, node);
    b->plain_function = plain;
    if (b->shadowed && kind == BIND_FUNCTION) {
        /* the last function declaration of a name is the one bound */
        JSBinding *first = find_first_in(name, s);
        first->kind = BIND_FUNCTION;
        first->node = node;
    }
    return b;
}

void js_scope_declare(JSParser *p, JSNode *id, JSBindKind kind)
{
    JSLexName *name = js_lex_name(id->u.ident.name);
    switch (kind) {
    case BIND_VAR:
        declare_var(p, id, false);
        break;
    case BIND_VAR_FOROF_THROUGH:
        declare_var(p, id, true);
        break;
    default:
        declare_lexical(p, id, name, kind, id, false);
        break;
    }
}

/* a name bound by an import, `export default` or a declaration whose
   node is not an identifier */
void js_scope_declare_name(JSParser *p, JSNode *pos_node, JSAstString *name, JSBindKind kind,
                           JSNode *node)
{
    declare_lexical(p, pos_node, js_lex_name(name), kind, node, false);
}

void js_scope_declare_function(JSParser *p, JSNode *fn, bool annexb_ok)
{
    JSAstFunction *f = fn->u.func;
    JSScopeState *s = p->scope;
    bool plain = !(f->flags & (JS_FUNC_ASYNC | JS_FUNC_GENERATOR));
    JSLexName *name = js_lex_name(f->id ? f->id->u.ident.name : js_parse_cw_name(p, JS_CW_DEFAULT_NAME));
    /* at the top level of functions and scripts, functions are var-scoped;
       in blocks, and at the top level of modules, lexical */
    int kind = s->var_scope && s->kind != JS_SCOPE_MODULE ? BIND_FUNCTION : BIND_BLOCK_FUNCTION;
    JSNode *pos = f->id ? f->id : fn;
    if (kind == BIND_FUNCTION) {
        /* also conflicts with lexical names of the parameters' clash rule:
           none (functions may share a parameter's name) */
        declare_lexical(p, pos, name, kind, fn, plain);
        return;
    }
    declare_lexical(p, pos, name, kind, fn, plain);
    if (!p->fs->strict && plain && annexb_ok && (s->kind == JS_SCOPE_BLOCK || s->kind == JS_SCOPE_SWITCH)) {
        JSFuncState *fs = p->fs;
        if (fs->annexb_count == fs->annexb_cap) {
            uint32_t cap = fs->annexb_cap ? fs->annexb_cap * 2 : 8;
            JSAnnexB *a = js_lex_alloc(&p->ctx, cap * sizeof(*a));
            if (fs->annexb_count)
                memcpy(a, fs->annexb, fs->annexb_count * sizeof(*a));
            fs->annexb = a;
            fs->annexb_cap = cap;
        }
        JSAnnexB *c = &fs->annexb[fs->annexb_count++];
        c->func = fn;
        c->name = name;
        c->excluded = false;
    }
}

/* whether name is declared in the module scope (for `export {name}`) */
bool js_scope_is_declared(JSParser *p, JSScopeState *s, JSAstString *name)
{
    JSBinding *b = find_in(js_lex_name(name), s);
    return b != NULL && !is_var_marker(b->kind);
}

/* ---------------------------------------------------------------------
 * Var scopes: Annex B decisions, functionsToInitialize, arguments
 * ------------------------------------------------------------------- */

static void annexb_finish(JSParser *p, JSFuncState *fs, JSScopeState *v)
{
    JSScopeState *params = v->parent && v->parent->kind == JS_SCOPE_PARAMS ? v->parent : NULL;
    bool in_function = params != NULL;
    for (uint32_t i = 0; i < fs->annexb_count; i++) {
        JSAnnexB *c = &fs->annexb[i];
        if (c->excluded)
            continue;
        bool has_var = false;
        for (JSBinding *b = find_in(c->name, v); b && b->scope == v; b = b->next_for_name) {
            if (is_lexical(b->kind))
                c->excluded = true;
            if (b->kind == BIND_VAR || b->kind == BIND_FUNCTION || b->kind == BIND_ANNEXB)
                has_var = true;
        }
        if (params && find_in(c->name, params))
            c->excluded = true;
        if (c->excluded)
            continue;
        c->func->flags |= JS_NODE_F_ANNEXB_HOISTED;
        bool is_arguments = in_function && c->name->cw == JS_CW_ARGUMENTS;
        if (!has_var && !is_arguments)
            add_binding(p, v, c->name, BIND_ANNEXB, c->func);
    }
}

/* spec functionsToInitialize: the last declaration of each name, ordered
   by the position of those last declarations */
static void hoisted_functions(JSParser *p, JSScopeState *v)
{
    uint32_t n = 0;
    for (JSBinding *b = v->bindings; b; b = b->next_in_scope) {
        if (b->kind == BIND_FUNCTION || (b->kind == BIND_BLOCK_FUNCTION && v->kind == JS_SCOPE_MODULE))
            n++;
    }
    if (!n)
        return;
    JSBinding **all = js_lex_alloc(&p->ctx, n * sizeof(JSBinding *));
    uint32_t k = 0;
    for (JSBinding *b = v->bindings; b; b = b->next_in_scope) {
        if (b->kind == BIND_FUNCTION || (b->kind == BIND_BLOCK_FUNCTION && v->kind == JS_SCOPE_MODULE))
            all[k++] = b;
    }
    /* a shadowed-then-upgraded first binding shares its node with the
       last declaration: count each function node once */
    JSNode **out = js_lex_alloc(&p->ctx, n * sizeof(JSNode *));
    uint32_t stamp = ++p->mark_stamp;
    uint32_t m = 0;
    for (uint32_t i = n; i-- > 0;) {
        JSLexName *name = all[i]->name;
        if (name->mark == stamp)
            continue;
        name->mark = stamp;
        out[n - 1 - m++] = all[i]->node;
    }
    v->ast->functions = out + (n - m);
    v->ast->function_count = m;
}

static void arguments_shadowing(JSParser *p, JSFuncState *fs, JSScopeState *v)
{
    JSScopeState *params = v->parent;
    if (fs->is_arrow || !params || params->kind != JS_SCOPE_PARAMS)
        return;
    JSLexName *args = js_lex_name(js_parse_cw_name(p, JS_CW_ARGUMENTS));
    if (find_in(args, params)) {
        fs->flags |= JS_FUNC_ARGUMENTS_SHADOWED;
        return;
    }
    if (fs->flags & JS_FUNC_PARAM_EXPRESSIONS)
        return;
    for (JSBinding *b = find_in(args, v); b && b->scope == v; b = b->next_for_name) {
        if (b->kind == BIND_FUNCTION || is_lexical(b->kind))
            fs->flags |= JS_FUNC_ARGUMENTS_SHADOWED;
    }
}

void js_scope_finish_var_scope(JSParser *p, JSFuncState *fs)
{
    JSScopeState *v = fs->var_scope;
    annexb_finish(p, fs, v);
    hoisted_functions(p, v);
    arguments_shadowing(p, fs, v);
}

/* ---------------------------------------------------------------------
 * Patterns
 * ------------------------------------------------------------------- */

bool js_parse_declare_pattern(JSParser *p, JSNode *n, JSBindKind kind)
{
    bool has_expr = false;
    if (!n)
        return false;
    js_parse_check_stack(p);
    switch (n->kind) {
    case JS_AST_IDENTIFIER:
        if ((kind == BIND_LET || kind == BIND_CONST || kind == BIND_USING) &&
            js_lex_name(n->u.ident.name)->cw == JS_CW_LET)
            js_parse_error(p, n->start, "'let' is disallowed as a lexically bound name");
        if (kind == BIND_PARAM && (p->fs->flags & JS_FUNC_ASYNC) &&
            js_lex_name(n->u.ident.name)->cw == JS_CW_AWAIT)
            js_parse_error(p, n->start, "'await' is not a valid parameter name in an async function");
        js_scope_declare(p, n, kind);
        break;
    case JS_AST_ASSIGNMENT_PATTERN:
        js_parse_declare_pattern(p, n->u.binary.left, kind);
        has_expr = true;
        break;
    case JS_AST_REST_ELEMENT:
        has_expr = js_parse_declare_pattern(p, n->u.unary.argument, kind);
        break;
    case JS_AST_ARRAY_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++)
            has_expr |= js_parse_declare_pattern(p, n->u.list.items[i], kind);
        break;
    case JS_AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            JSNode *prop = n->u.list.items[i];
            if (prop->kind == JS_AST_PROPERTY) {
                has_expr |= prop->u.property.computed;
                has_expr |= js_parse_declare_pattern(p, prop->u.property.value, kind);
            } else {
                has_expr |= js_parse_declare_pattern(p, prop, kind);
            }
        }
        break;
    default:
        break;
    }
    return has_expr;
}
