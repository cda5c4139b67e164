/*
 * parser_expr.c — expressions (ECMA-262 §13), their cover grammars and
 * their reinterpretation as patterns.
 *
 * Cover grammars. Some text is parsed before its meaning is known:
 *   - `(a, b = 1)` is an expression unless `=>` follows, then it is a
 *     parameter list (CoverParenthesizedExpressionAndArrowParameterList);
 *     `async(a)` likewise (CoverCallExpressionAndAsyncArrowHead);
 *   - `[a, {b}]` and `{a, b: c}` are literals unless `=` follows (or they
 *     are arrow parameters), then they are patterns.
 * Both are parsed as expressions and converted in place
 * (js_parse_to_pattern). Constructs that are only valid in a pattern
 * (`{a = 1}`, a duplicate `__proto__`) are remembered in p->cover_pos
 * while the enclosing expression could still become a pattern, and
 * reported as soon as it can't.
 */
#include <string.h>

#include "parser_internal.h"

#define USES_MASK                                                                         \
    (JS_FUNC_USES_ARGUMENTS | JS_FUNC_USES_THIS | JS_FUNC_USES_SUPER_PROPERTY |          \
     JS_FUNC_USES_SUPER_CALL | JS_FUNC_USES_NEW_TARGET | JS_FUNC_HAS_EVAL)

static JSNode *parse_assign_cover(JSParser *p);
static JSNode *parse_unary(JSParser *p);
static JSNode *parse_call_tail(JSParser *p, JSNode *e, bool allow_call);

/* ---------------------------------------------------------------------
 * Uses of this / arguments / super / new.target
 * ------------------------------------------------------------------- */

static void note_this(JSParser *p) { p->fs->flags |= JS_FUNC_USES_THIS; }

void js_parse_note_arguments(JSParser *p, uint32_t pos)
{
    if (!p->fs->arguments_ok)
        js_parse_error(p, pos,
                       "'arguments' is not allowed in class field initializers or static "
                       "initialization blocks");
    p->fs->flags |= JS_FUNC_USES_ARGUMENTS;
}

/* ---------------------------------------------------------------------
 * Cover bookkeeping
 * ------------------------------------------------------------------- */

static void cover_note(JSParser *p, uint32_t pos, int why)
{
    if (!p->cover_pos) {
        p->cover_pos = pos + 1;
        p->cover_why = (uint8_t)why;
    }
}

static JS_LEX_NORETURN void cover_fail(JSParser *p)
{
    if (p->cover_why == COVER_PROTO)
        js_parse_error(p, p->cover_pos - 1, "duplicate __proto__ fields are not allowed in object literals");
    js_parse_error(p, p->cover_pos - 1, "invalid shorthand property initializer");
}

static bool is_bare_literal(const JSNode *n)
{
    return (n->kind == JS_AST_OBJECT_EXPRESSION || n->kind == JS_AST_ARRAY_EXPRESSION) &&
           !(n->flags & JS_NODE_F_PAREN);
}

/* state saved around a region that may become arrow parameters */
typedef struct CoverSave {
    uint32_t uses, yield_pos, await_pos, await_ident_pos, cover_pos;
    uint8_t cover_why;
    bool no_in;
} CoverSave;

static void cover_begin(JSParser *p, CoverSave *s)
{
    s->uses = p->fs->flags & USES_MASK;
    p->fs->flags &= ~USES_MASK;
    s->yield_pos = p->cover_yield_pos;
    s->await_pos = p->cover_await_pos;
    s->await_ident_pos = p->cover_await_ident_pos;
    s->cover_pos = p->cover_pos;
    s->cover_why = p->cover_why;
    s->no_in = p->no_in;
    p->cover_yield_pos = p->cover_await_pos = p->cover_await_ident_pos = 0;
    p->cover_pos = 0;
    p->no_in = false;
}

/* ends the region; fills *c with what was seen inside when non-NULL */
static void cover_end(JSParser *p, CoverSave *s, JSCover *c)
{
    if (c) {
        c->uses = p->fs->flags & USES_MASK;
        c->yield_pos = p->cover_yield_pos;
        c->await_pos = p->cover_await_pos;
        c->await_ident_pos = p->cover_await_ident_pos;
        c->cover_pos = p->cover_pos;
    }
    p->fs->flags |= s->uses;
    /* the outer region has seen everything the inner one has */
    if (s->yield_pos)
        p->cover_yield_pos = s->yield_pos;
    if (s->await_pos)
        p->cover_await_pos = s->await_pos;
    if (s->await_ident_pos)
        p->cover_await_ident_pos = s->await_ident_pos;
    p->cover_pos = s->cover_pos;
    p->cover_why = s->cover_why;
    p->no_in = s->no_in;
}

/* ---------------------------------------------------------------------
 * Patterns
 * ------------------------------------------------------------------- */

static JS_LEX_NORETURN void bad_target(JSParser *p, const JSNode *n, bool binding)
{
    js_parse_error(p, n->start, binding ? "invalid destructuring target" : "invalid assignment target");
}

static void check_target_identifier(JSParser *p, JSNode *n, bool binding)
{
    if (binding) {
        js_parse_check_binding_name(p, n);
        return;
    }
    int cw = js_lex_name(n->u.ident.name)->cw;
    if (p->fs->strict && (cw == JS_CW_EVAL || cw == JS_CW_ARGUMENTS))
        js_parse_error(p, n->start, "invalid assignment to '%s' in strict mode",
                       (const char *)n->u.ident.name->u.chars8);
}

void js_parse_check_simple_target(JSParser *p, JSNode *n, bool web_compat_call)
{
    switch (n->kind) {
    case JS_AST_IDENTIFIER:
        check_target_identifier(p, n, false);
        return;
    case JS_AST_MEMBER:
        return;
    case JS_AST_CALL:
        /* Annex B: f() = 1 is a runtime ReferenceError in sloppy code */
        if (web_compat_call && !p->fs->strict && n->u.call.callee->kind != JS_AST_SUPER)
            return;
        break;
    default:
        break;
    }
    bad_target(p, n, false);
}

static void to_pattern_element(JSParser *p, JSNode *n, bool binding);

static void object_to_pattern(JSParser *p, JSNode *n, bool binding)
{
    n->kind = JS_AST_OBJECT_PATTERN;
    for (uint32_t i = 0; i < n->u.list.count; i++) {
        JSNode *prop = n->u.list.items[i];
        if (prop->kind == JS_AST_SPREAD || prop->kind == JS_AST_REST_ELEMENT) {
            JSNode *arg = prop->u.unary.argument;
            if (i + 1 != n->u.list.count || (n->flags & JS_NODE_F_TRAILING_COMMA))
                js_parse_error(p, prop->start, "rest element must be last element");
            prop->kind = JS_AST_REST_ELEMENT;
            if (binding ? arg->kind != JS_AST_IDENTIFIER
                        : (arg->kind != JS_AST_IDENTIFIER && arg->kind != JS_AST_MEMBER))
                bad_target(p, arg, binding);
            js_parse_to_pattern(p, arg, binding);
            continue;
        }
        if (prop->kind != JS_AST_PROPERTY || prop->u.property.method ||
            prop->u.property.kind != JS_PROP_INIT)
            bad_target(p, prop, binding);
        prop->u.property.proto = false;
        to_pattern_element(p, prop->u.property.value, binding);
    }
}

static void array_to_pattern(JSParser *p, JSNode *n, bool binding)
{
    n->kind = JS_AST_ARRAY_PATTERN;
    for (uint32_t i = 0; i < n->u.list.count; i++) {
        JSNode *e = n->u.list.items[i];
        if (!e)
            continue;
        if (e->kind == JS_AST_SPREAD || e->kind == JS_AST_REST_ELEMENT) {
            if (i + 1 != n->u.list.count || (n->flags & JS_NODE_F_TRAILING_COMMA))
                js_parse_error(p, e->start, "rest element must be last element");
            e->kind = JS_AST_REST_ELEMENT;
            JSNode *arg = e->u.unary.argument;
            if (arg->kind == JS_AST_ASSIGNMENT || arg->kind == JS_AST_ASSIGNMENT_PATTERN)
                js_parse_error(p, arg->start, "rest element may not have a default initializer");
            js_parse_to_pattern(p, arg, binding);
            continue;
        }
        to_pattern_element(p, e, binding);
    }
}

/* Reinterprets expression n as a DestructuringAssignmentTarget (binding
   false) or as a binding pattern of arrow parameters (binding true). */
void js_parse_to_pattern(JSParser *p, JSNode *n, bool binding)
{
    js_parse_check_stack(p);
    bool paren = (n->flags & JS_NODE_F_PAREN) != 0;
    switch (n->kind) {
    case JS_AST_IDENTIFIER:
        if (paren && binding)
            bad_target(p, n, binding);
        check_target_identifier(p, n, binding);
        return;
    case JS_AST_MEMBER:
        if (binding)
            bad_target(p, n, binding);
        return;
    case JS_AST_OBJECT_EXPRESSION:
    case JS_AST_OBJECT_PATTERN:
        if (paren)
            bad_target(p, n, binding);
        object_to_pattern(p, n, binding);
        return;
    case JS_AST_ARRAY_EXPRESSION:
    case JS_AST_ARRAY_PATTERN:
        if (paren)
            bad_target(p, n, binding);
        array_to_pattern(p, n, binding);
        return;
    default:
        bad_target(p, n, binding);
    }
}

/* an element of a pattern: a target with an optional `= default` */
static void to_pattern_element(JSParser *p, JSNode *n, bool binding)
{
    if ((n->kind == JS_AST_ASSIGNMENT && n->op == JS_OP_ASSIGN) ||
        n->kind == JS_AST_ASSIGNMENT_PATTERN) {
        if (n->flags & JS_NODE_F_PAREN)
            bad_target(p, n, binding);
        n->kind = JS_AST_ASSIGNMENT_PATTERN;
        n->op = JS_OP_NONE;
        js_parse_to_pattern(p, n->u.binary.left, binding);
        return;
    }
    js_parse_to_pattern(p, n, binding);
}

/* ---------------------------------------------------------------------
 * Binding patterns (declarations, parameters, catch)
 * ------------------------------------------------------------------- */

static JSNode *parse_binding_pattern(JSParser *p);

/* `target = default` (the initializer is [+In]) */
static JSNode *binding_element_from(JSParser *p, JSNode *target)
{
    if (TOK.type != TOK_ASSIGN)
        return target;
    bool saved = p->no_in;
    p->no_in = false;
    js_parse_next(p);
    JSNode *n = js_parse_node_at(p, JS_AST_ASSIGNMENT_PATTERN, target);
    n->u.binary.left = target;
    n->u.binary.right = js_parse_assign(p);
    js_parse_finish(p, n);
    p->no_in = saved;
    return n;
}

JSNode *js_parse_binding_target(JSParser *p)
{
    if (TOK.type == TOK_LBRACKET || TOK.type == TOK_LBRACE)
        return parse_binding_pattern(p);
    return js_parse_binding_identifier(p);
}

JSNode *js_parse_binding_element(JSParser *p)
{
    return binding_element_from(p, js_parse_binding_target(p));
}

static JSNode *parse_binding_property(JSParser *p)
{
    JSToken start = TOK;
    if (TOK.type == TOK_ELLIPSIS) {
        js_parse_next(p);
        JSNode *rest = js_parse_node(p, JS_AST_REST_ELEMENT, &start);
        rest->u.unary.argument = js_parse_binding_identifier(p);
        js_parse_finish(p, rest);
        if (TOK.type != TOK_RBRACE)
            js_parse_error(p, TOK.start, "rest element must be last element");
        return rest;
    }
    JSNode *prop = js_parse_node(p, JS_AST_PROPERTY, &start);
    prop->u.property.kind = JS_PROP_INIT;
    bool computed;
    if (TOK.type == TOK_IDENT && !(TOK.flags & TOKF_RESERVED)) {
        JSToken peek;
        js_parse_peek(p, &peek);
        if (peek.type != TOK_COLON) {
            /* shorthand: {a} or {a = 1} */
            JSNode *id = js_parse_binding_identifier(p);
            JSNode *key = js_parse_node_at(p, JS_AST_IDENTIFIER, id);
            key->u.ident.name = id->u.ident.name;
            prop->u.property.key = key;
            prop->u.property.shorthand = true;
            prop->u.property.value = binding_element_from(p, id);
            js_parse_finish(p, prop);
            return prop;
        }
    }
    prop->u.property.key = js_parse_property_name(p, &computed, false);
    prop->u.property.computed = computed;
    js_parse_expect(p, TOK_COLON);
    prop->u.property.value = js_parse_binding_element(p);
    js_parse_finish(p, prop);
    return prop;
}

static JSNode *parse_binding_pattern(JSParser *p)
{
    js_parse_check_stack(p);
    JSToken start = TOK;
    uint32_t base = p->sp;
    if (TOK.type == TOK_LBRACE) {
        JSNode *n = js_parse_node(p, JS_AST_OBJECT_PATTERN, &start);
        js_parse_next(p);
        while (TOK.type != TOK_RBRACE) {
            js_parse_push(p, parse_binding_property(p));
            if (TOK.type != TOK_RBRACE)
                js_parse_expect(p, TOK_COMMA);
        }
        js_parse_next(p);
        n->u.list = js_parse_pop_list(p, base);
        js_parse_finish(p, n);
        return n;
    }
    JSNode *n = js_parse_node(p, JS_AST_ARRAY_PATTERN, &start);
    js_parse_next(p);
    while (TOK.type != TOK_RBRACKET) {
        if (TOK.type == TOK_COMMA) {
            js_parse_next(p);
            js_parse_push(p, NULL);
            continue;
        }
        if (TOK.type == TOK_ELLIPSIS) {
            JSToken rs = TOK;
            js_parse_next(p);
            JSNode *rest = js_parse_node(p, JS_AST_REST_ELEMENT, &rs);
            rest->u.unary.argument = js_parse_binding_target(p);
            js_parse_finish(p, rest);
            js_parse_push(p, rest);
            if (TOK.type != TOK_RBRACKET)
                js_parse_error(p, TOK.start, "rest element must be last element");
            break;
        }
        js_parse_push(p, js_parse_binding_element(p));
        if (TOK.type != TOK_RBRACKET)
            js_parse_expect(p, TOK_COMMA);
    }
    js_parse_next(p);
    n->u.list = js_parse_pop_list(p, base);
    js_parse_finish(p, n);
    return n;
}

/* ---------------------------------------------------------------------
 * Literals
 * ------------------------------------------------------------------- */

static void check_legacy_octal(JSParser *p)
{
    if (!(TOK.flags & TOKF_LEGACY_OCTAL) || !p->fs->strict)
        return;
    if (TOK.type == TOK_STRING)
        js_parse_error(p, TOK.bad_pos, "octal escape sequences are not allowed in strict mode");
    js_parse_error(p, TOK.start, "octal literals are not allowed in strict mode");
}

static JSNode *parse_literal(JSParser *p)
{
    JSNode *n;
    switch (TOK.type) {
    case TOK_NUMBER:
        check_legacy_octal(p);
        n = js_parse_node(p, JS_AST_NUMBER_LITERAL, &TOK);
        n->u.number = TOK.u.num;
        break;
    case TOK_STRING:
        check_legacy_octal(p);
        n = js_parse_node(p, JS_AST_STRING_LITERAL, &TOK);
        n->u.string = TOK.u.str;
        break;
    case TOK_BIGINT:
        n = js_parse_node(p, JS_AST_BIGINT_LITERAL, &TOK);
        n->u.bigint.digits = TOK.u.bigint.digits;
        n->u.bigint.radix = TOK.u.bigint.radix;
        break;
    default:
        js_parse_unexpected(p);
    }
    js_parse_next(p);
    return n;
}

/* the string literal of a module specifier / import attribute */
JSNode *js_parse_string_literal(JSParser *p)
{
    if (TOK.type != TOK_STRING)
        js_parse_unexpected(p);
    return parse_literal(p);
}

JSNode *js_parse_template(JSParser *p, bool tagged)
{
    JSToken start = TOK;
    JSNode *n = js_parse_node(p, JS_AST_TEMPLATE_LITERAL, &start);
    uint32_t qbase = p->sp;
    JSNode *exprs[8];
    uint32_t nexpr = 0;
    JSNode **more = NULL;
    uint32_t more_cap = 0;
    for (;;) {
        if (!TOK.u.tpl.cooked && !tagged)
            js_parse_error(p, TOK.bad_pos, "invalid escape sequence in template literal");
        JSNode *q = js_parse_node(p, JS_AST_TEMPLATE_ELEMENT, &TOK);
        q->u.template_element.cooked = TOK.u.tpl.cooked;
        q->u.template_element.raw = TOK.u.tpl.raw;
        q->u.template_element.tail = (TOK.flags & TOKF_TEMPLATE_TAIL) != 0;
        js_parse_push(p, q);
        if (q->u.template_element.tail) {
            js_parse_next(p);
            break;
        }
        js_parse_next(p);
        bool saved = p->no_in;
        p->no_in = false;
        JSNode *e = js_parse_expression(p);
        p->no_in = saved;
        if (nexpr < 8) {
            exprs[nexpr] = e;
        } else {
            if (nexpr - 8 == more_cap) {
                uint32_t cap = more_cap ? more_cap * 2 : 16;
                JSNode **m = js_parse_alloc(p, cap * sizeof(JSNode *));
                if (more_cap)
                    memcpy(m, more, more_cap * sizeof(JSNode *));
                more = m;
                more_cap = cap;
            }
            more[nexpr - 8] = e;
        }
        nexpr++;
        if (TOK.type != TOK_RBRACE)
            js_parse_expect(p, TOK_RBRACE);
        js_lex_rescan_template(&p->lx);
    }
    n->u.template.quasis = js_parse_pop_list(p, qbase);
    n->u.template.expressions.count = nexpr;
    if (nexpr) {
        JSNode **items = js_parse_alloc(p, nexpr * sizeof(JSNode *));
        for (uint32_t i = 0; i < nexpr; i++)
            items[i] = i < 8 ? exprs[i] : more[i - 8];
        n->u.template.expressions.items = items;
    }
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_array_literal(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_ARRAY_EXPRESSION, &TOK);
    uint32_t base = p->sp;
    bool saved = p->no_in;
    p->no_in = false;
    js_parse_next(p);
    while (TOK.type != TOK_RBRACKET) {
        if (TOK.type == TOK_COMMA) {
            js_parse_next(p);
            js_parse_push(p, NULL);
            continue;
        }
        JSNode *e;
        if (TOK.type == TOK_ELLIPSIS) {
            e = js_parse_node(p, JS_AST_SPREAD, &TOK);
            js_parse_next(p);
            e->u.unary.argument = parse_assign_cover(p);
            js_parse_finish(p, e);
        } else {
            e = parse_assign_cover(p);
        }
        js_parse_push(p, e);
        if (TOK.type == TOK_RBRACKET)
            break;
        js_parse_expect(p, TOK_COMMA);
        if (TOK.type == TOK_RBRACKET)
            n->flags |= JS_NODE_F_TRAILING_COMMA;
    }
    js_parse_next(p);
    p->no_in = saved;
    n->u.list = js_parse_pop_list(p, base);
    js_parse_finish(p, n);
    return n;
}

JSNode *js_parse_property_name(JSParser *p, bool *computed, bool allow_private)
{
    JSNode *n;
    *computed = false;
    switch (TOK.type) {
    case TOK_STRING:
    case TOK_NUMBER:
    case TOK_BIGINT:
        return parse_literal(p);
    case TOK_LBRACKET: {
        bool saved = p->no_in;
        p->no_in = false;
        js_parse_next(p);
        *computed = true;
        n = js_parse_assign(p);
        js_parse_expect(p, TOK_RBRACKET);
        p->no_in = saved;
        return n;
    }
    case TOK_PRIVATE_NAME:
        if (!allow_private)
            js_parse_unexpected(p);
        n = js_parse_node(p, JS_AST_PRIVATE_IDENTIFIER, &TOK);
        n->u.ident.name = TOK.u.name;
        js_parse_next(p);
        return n;
    default:
        if (TOK.type == TOK_IDENT || (TOK.type >= TOK_FIRST_KEYWORD && TOK.type <= TOK_LAST_KEYWORD)) {
            n = js_parse_node(p, JS_AST_IDENTIFIER, &TOK);
            n->u.ident.name = TOK.u.name;
            js_parse_next(p);
            return n;
        }
        js_parse_unexpected(p);
    }
}

static bool key_is(const JSNode *key, JSAstString *name)
{
    return (key->kind == JS_AST_IDENTIFIER && key->u.ident.name == name) ||
           (key->kind == JS_AST_STRING_LITERAL && key->u.string == name);
}

/* after `get`, `set`, `async` or `*`, a property name follows (rather
   than the word being the property name itself) */
static bool starts_property_name(const JSToken *t)
{
    switch (t->type) {
    case TOK_IDENT:
    case TOK_STRING:
    case TOK_NUMBER:
    case TOK_BIGINT:
    case TOK_LBRACKET:
    case TOK_PRIVATE_NAME:
    case TOK_STAR:
        return true;
    default:
        return t->type >= TOK_FIRST_KEYWORD && t->type <= TOK_LAST_KEYWORD;
    }
}

static JSNode *parse_object_property(JSParser *p, bool *has_proto)
{
    JSToken start = TOK;
    JSNode *prop = js_parse_node(p, JS_AST_PROPERTY, &start);
    prop->u.property.kind = JS_PROP_INIT;
    uint32_t func_flags = 0;
    int kind = JS_PROP_INIT;
    if (TOK.type == TOK_STAR) {
        js_parse_next(p);
        func_flags = JS_FUNC_GENERATOR;
    } else if (TOK.type == TOK_IDENT && !(TOK.flags & TOKF_ESCAPED) &&
               (TOK.cw == JS_CW_ASYNC || TOK.cw == JS_CW_GET || TOK.cw == JS_CW_SET)) {
        JSToken peek;
        js_parse_peek(p, &peek);
        if (starts_property_name(&peek) && !(TOK.cw == JS_CW_ASYNC && (peek.flags & TOKF_NL_BEFORE)) &&
            !(TOK.cw != JS_CW_ASYNC && peek.type == TOK_STAR) && peek.type != TOK_PRIVATE_NAME) {
            int cw = TOK.cw;
            js_parse_next(p);
            if (cw == JS_CW_ASYNC) {
                func_flags = JS_FUNC_ASYNC;
                if (js_parse_accept(p, TOK_STAR))
                    func_flags |= JS_FUNC_GENERATOR;
            } else {
                kind = cw == JS_CW_GET ? JS_PROP_GET : JS_PROP_SET;
                func_flags = cw == JS_CW_GET ? JS_FUNC_GETTER : JS_FUNC_SETTER;
            }
        }
    }
    JSToken key_tok = TOK;
    bool computed;
    JSNode *key = js_parse_property_name(p, &computed, false);
    prop->u.property.key = key;
    prop->u.property.computed = computed;
    prop->u.property.kind = (uint8_t)kind;
    if (func_flags || TOK.type == TOK_LPAREN) {
        prop->u.property.method = kind == JS_PROP_INIT;
        prop->u.property.value = js_parse_method(p, func_flags, start.start, &start);
        js_parse_finish(p, prop);
        return prop;
    }
    if (TOK.type == TOK_COLON) {
        js_parse_next(p);
        prop->u.property.value = parse_assign_cover(p);
        if (!computed && key_is(key, js_parse_cw_name(p, JS_CW_PROTO))) {
            prop->u.property.proto = true;
            if (*has_proto)
                cover_note(p, key->start, COVER_PROTO);
            *has_proto = true;
        }
        js_parse_finish(p, prop);
        return prop;
    }
    /* shorthand {a} or CoverInitializedName {a = 1} */
    if (key_tok.type != TOK_IDENT || (key_tok.flags & TOKF_RESERVED))
        js_parse_error(p, key_tok.start, "unexpected token in object literal");
    JSNode *ref = js_parse_identifier_from(p, &key_tok);
    prop->u.property.shorthand = true;
    if (TOK.type == TOK_ASSIGN) {
        cover_note(p, TOK.start, COVER_INIT);
        js_parse_next(p);
        JSNode *ap = js_parse_node_at(p, JS_AST_ASSIGNMENT_PATTERN, ref);
        ap->u.binary.left = ref;
        ap->u.binary.right = js_parse_assign(p);
        js_parse_finish(p, ap);
        ref = ap;
    }
    prop->u.property.value = ref;
    js_parse_finish(p, prop);
    return prop;
}

static JSNode *parse_object_literal(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_OBJECT_EXPRESSION, &TOK);
    uint32_t base = p->sp;
    bool saved = p->no_in;
    bool has_proto = false;
    p->no_in = false;
    js_parse_next(p);
    while (TOK.type != TOK_RBRACE) {
        JSNode *e;
        if (TOK.type == TOK_ELLIPSIS) {
            e = js_parse_node(p, JS_AST_SPREAD, &TOK);
            js_parse_next(p);
            e->u.unary.argument = parse_assign_cover(p);
            js_parse_finish(p, e);
        } else {
            e = parse_object_property(p, &has_proto);
        }
        js_parse_push(p, e);
        if (TOK.type == TOK_RBRACE)
            break;
        js_parse_expect(p, TOK_COMMA);
        if (TOK.type == TOK_RBRACE)
            n->flags |= JS_NODE_F_TRAILING_COMMA;
    }
    js_parse_next(p);
    p->no_in = saved;
    n->u.list = js_parse_pop_list(p, base);
    js_parse_finish(p, n);
    return n;
}

/* ---------------------------------------------------------------------
 * Primary expressions
 * ------------------------------------------------------------------- */

/* `( ... )`: a parenthesized expression, or the parameters of an arrow
   function when `=>` follows */
static JSNode *parse_paren(JSParser *p)
{
    JSToken start = TOK;
    CoverSave save;
    cover_begin(p, &save);
    js_parse_next(p);
    uint32_t base = p->sp;
    uint32_t arrow_only = 0; /* offset + 1 of `)` , `...` or trailing `,` */
    bool rest_comma = false;
    while (TOK.type != TOK_RPAREN) {
        if (TOK.type == TOK_ELLIPSIS) {
            if (!arrow_only)
                arrow_only = TOK.start + 1;
            /* parsed as an expression like the other items, so that
               identifiers are seen as references (`await` tracking), and
               converted with them */
            JSNode *rest = js_parse_node(p, JS_AST_SPREAD, &TOK);
            js_parse_next(p);
            rest->u.unary.argument = parse_assign_cover(p);
            js_parse_finish(p, rest);
            js_parse_push(p, rest);
            if (TOK.type == TOK_COMMA)
                rest_comma = true;
            break;
        }
        js_parse_push(p, parse_assign_cover(p));
        if (TOK.type != TOK_COMMA)
            break;
        js_parse_next(p);
        if (TOK.type == TOK_RPAREN && !arrow_only)
            arrow_only = TOK.start + 1;
    }
    if (p->sp == base && !arrow_only)
        arrow_only = TOK.start + 1;
    js_parse_expect(p, TOK_RPAREN);
    if (TOK.type == TOK_ARROW && !(TOK.flags & TOKF_NL_BEFORE)) {
        JSNode *n = js_parse_node(p, JS_AST_COVER, &start);
        JSCover *c = js_parse_alloc(p, sizeof(JSCover));
        c->items = js_parse_pop_list(p, base);
        c->rest_trailing_comma = rest_comma;
        n->compiler = c;
        cover_end(p, &save, c);
        js_parse_finish(p, n);
        return n;
    }
    if (arrow_only)
        js_parse_error(p, arrow_only - 1, "unexpected token: ')'");
    if (p->cover_pos)
        cover_fail(p);
    JSNodeList items = js_parse_pop_list(p, base);
    JSNode *e;
    if (items.count == 1) {
        e = items.items[0];
    } else {
        e = js_parse_node_at(p, JS_AST_SEQUENCE, items.items[0]);
        e->u.list = items;
        e->end = items.items[items.count - 1]->end;
    }
    e->flags |= JS_NODE_F_PAREN;
    cover_end(p, &save, NULL);
    return e;
}

static JSNode *parse_primary(JSParser *p)
{
    JSToken start = TOK;
    JSNode *n;
    switch (TOK.type) {
    case TOK_IDENT:
        if (js_parse_is_cw(p, JS_CW_ASYNC)) {
            JSToken peek;
            js_parse_peek(p, &peek);
            if (peek.type == TOK_FUNCTION && !(peek.flags & TOKF_NL_BEFORE)) {
                js_parse_next(p);
                return js_parse_function(p, FN_ASYNC, start.start, &start);
            }
        }
        return js_parse_identifier_reference(p);
    case TOK_NUMBER:
    case TOK_STRING:
    case TOK_BIGINT:
        return parse_literal(p);
    case TOK_NULL:
        n = js_parse_node(p, JS_AST_NULL_LITERAL, &start);
        break;
    case TOK_TRUE:
    case TOK_FALSE:
        n = js_parse_node(p, JS_AST_BOOLEAN_LITERAL, &start);
        n->u.boolean = TOK.type == TOK_TRUE;
        break;
    case TOK_THIS:
        note_this(p);
        n = js_parse_node(p, JS_AST_THIS, &start);
        break;
    case TOK_SLASH:
    case TOK_SLASH_ASSIGN:
        js_lex_rescan_regexp(&p->lx);
        n = js_parse_node(p, JS_AST_REGEXP_LITERAL, &TOK);
        n->u.regexp.pattern = TOK.u.re.pattern;
        n->u.regexp.flags = TOK.u.re.flags;
        break;
    case TOK_TEMPLATE:
        return js_parse_template(p, false);
    case TOK_LBRACKET:
        return parse_array_literal(p);
    case TOK_LBRACE:
        return parse_object_literal(p);
    case TOK_LPAREN:
        return parse_paren(p);
    case TOK_FUNCTION:
        return js_parse_function(p, 0, start.start, &start);
    case TOK_CLASS:
        return js_parse_class(p, false, false);
    default:
        js_parse_unexpected(p);
    }
    js_parse_next(p);
    return n;
}

/* ---------------------------------------------------------------------
 * Member, call, new, super, import
 * ------------------------------------------------------------------- */

static JSNodeList parse_arguments(JSParser *p, JSCover *cover_out)
{
    uint32_t base = p->sp;
    js_parse_expect(p, TOK_LPAREN);
    while (TOK.type != TOK_RPAREN) {
        JSNode *e;
        bool spread = TOK.type == TOK_ELLIPSIS;
        if (spread) {
            e = js_parse_node(p, JS_AST_SPREAD, &TOK);
            js_parse_next(p);
            e->u.unary.argument = cover_out ? parse_assign_cover(p) : js_parse_assign(p);
            js_parse_finish(p, e);
        } else {
            e = cover_out ? parse_assign_cover(p) : js_parse_assign(p);
        }
        js_parse_push(p, e);
        if (TOK.type != TOK_COMMA)
            break;
        js_parse_next(p);
        if (spread && TOK.type == TOK_RPAREN && cover_out)
            cover_out->rest_trailing_comma = true;
    }
    if (TOK.type != TOK_RPAREN) {
        if (TOK.type == TOK_EOF)
            js_parse_unexpected(p);
        js_parse_error(p, TOK.start, "missing ) after argument list");
    }
    js_parse_next(p);
    return js_parse_pop_list(p, base);
}

static JSNode *parse_member_name(JSParser *p, JSNode *object, const JSNode *start, bool optional)
{
    JSNode *m = js_parse_node_at(p, JS_AST_MEMBER, start);
    m->u.member.object = object;
    m->u.member.optional = optional;
    if (TOK.type == TOK_PRIVATE_NAME) {
        if (object->kind == JS_AST_SUPER)
            js_parse_error(p, TOK.start, "unexpected private name after super");
        JSNode *name = js_parse_node(p, JS_AST_PRIVATE_IDENTIFIER, &TOK);
        name->u.ident.name = TOK.u.name;
        js_parse_private_ref(p, TOK.u.name, TOK.start);
        m->u.member.property = name;
    } else if (TOK.type == TOK_IDENT || (TOK.type >= TOK_FIRST_KEYWORD && TOK.type <= TOK_LAST_KEYWORD)) {
        JSNode *name = js_parse_node(p, JS_AST_IDENTIFIER, &TOK);
        name->u.ident.name = TOK.u.name;
        m->u.member.property = name;
    } else {
        js_parse_unexpected(p);
    }
    js_parse_next(p);
    js_parse_finish(p, m);
    return m;
}

static JSNode *parse_computed_member(JSParser *p, JSNode *object, const JSNode *start, bool optional)
{
    JSNode *m = js_parse_node_at(p, JS_AST_MEMBER, start);
    m->u.member.object = object;
    m->u.member.optional = optional;
    m->u.member.computed = true;
    bool saved = p->no_in;
    p->no_in = false;
    js_parse_expect(p, TOK_LBRACKET);
    m->u.member.property = js_parse_expression(p);
    js_parse_expect(p, TOK_RBRACKET);
    p->no_in = saved;
    js_parse_finish(p, m);
    return m;
}

static bool is_direct_eval_callee(JSParser *p, const JSNode *callee)
{
    return callee->kind == JS_AST_IDENTIFIER && js_lex_name(callee->u.ident.name)->cw == JS_CW_EVAL;
}

static JSNode *parse_call(JSParser *p, JSNode *callee, bool optional)
{
    JSNode *c = js_parse_node_at(p, JS_AST_CALL, callee);
    c->u.call.callee = callee;
    c->u.call.optional = optional;
    /* async(...) may turn out to be the head of an async arrow function */
    bool async_head = callee->kind == JS_AST_IDENTIFIER && !(callee->flags & JS_NODE_F_PAREN) &&
                      !optional && callee->u.ident.name == js_parse_cw_name(p, JS_CW_ASYNC) &&
                      callee->end - callee->start == 5 && !(TOK.flags & TOKF_NL_BEFORE);
    if (async_head) {
        CoverSave save;
        JSCover *cover = js_parse_alloc(p, sizeof(JSCover));
        cover_begin(p, &save);
        c->u.call.arguments = parse_arguments(p, cover);
        cover_end(p, &save, cover);
        js_parse_finish(p, c);
        if (TOK.type == TOK_ARROW && !(TOK.flags & TOKF_NL_BEFORE)) {
            cover->items = c->u.call.arguments;
            c->compiler = cover;
            return c;
        }
        if (cover->cover_pos) {
            p->cover_pos = cover->cover_pos;
            p->cover_why = COVER_INIT;
            cover_fail(p);
        }
        p->fs->flags |= cover->uses;
    } else {
        c->u.call.arguments = parse_arguments(p, NULL);
        js_parse_finish(p, c);
    }
    if (!optional && is_direct_eval_callee(p, callee))
        p->fs->flags |= JS_FUNC_HAS_EVAL;
    return c;
}

/* the postfix part of a LeftHandSideExpression: .x [x] (args) `tpl` ?. */
static JSNode *parse_call_tail(JSParser *p, JSNode *e, bool allow_call)
{
    JSNode *start = e;
    bool in_chain = false;
    for (;;) {
        switch (TOK.type) {
        case TOK_DOT:
            js_parse_next(p);
            e = parse_member_name(p, e, start, false);
            continue;
        case TOK_LBRACKET:
            e = parse_computed_member(p, e, start, false);
            continue;
        case TOK_TEMPLATE: {
            if (in_chain)
                js_parse_error(p, TOK.start, "tagged template cannot be used in optional chain");
            JSNode *t = js_parse_node_at(p, JS_AST_TAGGED_TEMPLATE, start);
            t->u.tagged.tag = e;
            t->u.tagged.quasi = js_parse_template(p, true);
            js_parse_finish(p, t);
            e = t;
            continue;
        }
        case TOK_LPAREN:
            if (!allow_call)
                return e;
            e = parse_call(p, e, false);
            if (e->compiler)
                return e; /* async arrow head */
            continue;
        case TOK_OPTIONAL_CHAIN:
            if (!allow_call)
                js_parse_error(p, TOK.start, "invalid optional chain from new expression");
            if (e->kind == JS_AST_SUPER)
                js_parse_unexpected(p);
            js_parse_next(p);
            in_chain = true;
            if (TOK.type == TOK_LPAREN)
                e = parse_call(p, e, true);
            else if (TOK.type == TOK_LBRACKET)
                e = parse_computed_member(p, e, start, true);
            else if (TOK.type == TOK_TEMPLATE)
                js_parse_error(p, TOK.start, "tagged template cannot be used in optional chain");
            else
                e = parse_member_name(p, e, start, true);
            continue;
        default:
            break;
        }
        break;
    }
    if (in_chain) {
        JSNode *c = js_parse_node_at(p, JS_AST_CHAIN, start);
        c->u.chain.expression = e;
        c->end = e->end;
        e = c;
    }
    return e;
}

static JSNode *parse_super(JSParser *p)
{
    JSToken start = TOK;
    JSFuncState *fs = p->fs;
    JSNode *n = js_parse_node(p, JS_AST_SUPER, &start);
    js_parse_next(p);
    if (TOK.type == TOK_LPAREN) {
        if (!fs->super_call_ok)
            js_parse_error(p, start.start, "super() is only valid in derived class constructors");
        fs->flags |= JS_FUNC_USES_SUPER_CALL | JS_FUNC_USES_THIS;
        return n;
    }
    if (TOK.type == TOK_DOT || TOK.type == TOK_LBRACKET) {
        if (!fs->super_prop_ok)
            js_parse_error(p, start.start, "'super' keyword unexpected here");
        fs->flags |= JS_FUNC_USES_SUPER_PROPERTY | JS_FUNC_USES_THIS;
        JSNode *m = TOK.type == TOK_DOT ? (js_parse_next(p), parse_member_name(p, n, n, false))
                                        : parse_computed_member(p, n, n, false);
        return m;
    }
    js_parse_error(p, start.start, "'super' keyword unexpected here");
}

/* import(...) and import.meta */
static JSNode *parse_import_expr(JSParser *p)
{
    JSToken start = TOK;
    js_parse_next(p);
    if (TOK.type == TOK_DOT) {
        js_parse_next(p);
        if (!js_parse_is_cw(p, JS_CW_META))
            js_parse_unexpected(p);
        if (!p->module)
            js_parse_error(p, start.start, "import.meta is only valid in module code");
        JSNode *n = js_parse_node(p, JS_AST_META_PROPERTY, &start);
        n->u.meta.is_import_meta = true;
        js_parse_next(p);
        js_parse_finish(p, n);
        return n;
    }
    if (TOK.type != TOK_LPAREN)
        js_parse_unexpected(p);
    JSNode *n = js_parse_node(p, JS_AST_IMPORT_CALL, &start);
    bool saved = p->no_in;
    p->no_in = false;
    js_parse_next(p);
    if (TOK.type == TOK_RPAREN || TOK.type == TOK_ELLIPSIS)
        js_parse_unexpected(p);
    n->u.import_call.source = js_parse_assign(p);
    if (js_parse_accept(p, TOK_COMMA) && TOK.type != TOK_RPAREN) {
        if (TOK.type == TOK_ELLIPSIS)
            js_parse_unexpected(p);
        n->u.import_call.options = js_parse_assign(p);
        js_parse_accept(p, TOK_COMMA);
    }
    js_parse_expect(p, TOK_RPAREN);
    p->no_in = saved;
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_new(JSParser *p)
{
    js_parse_check_stack(p);
    JSToken start = TOK;
    js_parse_next(p);
    if (TOK.type == TOK_DOT) {
        js_parse_next(p);
        if (!js_parse_is_cw(p, JS_CW_TARGET))
            js_parse_unexpected(p);
        if (!p->fs->new_target_ok)
            js_parse_error(p, start.start, "new.target is only valid inside functions");
        p->fs->flags |= JS_FUNC_USES_NEW_TARGET;
        JSNode *n = js_parse_node(p, JS_AST_META_PROPERTY, &start);
        js_parse_next(p);
        js_parse_finish(p, n);
        return n;
    }
    JSNode *callee;
    if (TOK.type == TOK_NEW) {
        callee = parse_new(p);
    } else if (TOK.type == TOK_SUPER) {
        callee = parse_super(p);
    } else if (TOK.type == TOK_IMPORT) {
        JSToken peek;
        js_parse_peek(p, &peek);
        if (peek.type == TOK_LPAREN)
            js_parse_error(p, TOK.start, "cannot use new with import()");
        callee = parse_import_expr(p);
    } else {
        callee = parse_primary(p);
        if (callee->kind == JS_AST_COVER)
            js_parse_unexpected(p);
    }
    callee = parse_call_tail(p, callee, false);
    JSNode *n = js_parse_node(p, JS_AST_NEW, &start);
    n->u.call.callee = callee;
    if (TOK.type == TOK_LPAREN)
        n->u.call.arguments = parse_arguments(p, NULL);
    js_parse_finish(p, n);
    return n;
}

JSNode *js_parse_lhs(JSParser *p)
{
    JSNode *e;
    switch (TOK.type) {
    case TOK_NEW:
        e = parse_new(p);
        break;
    case TOK_SUPER:
        e = parse_super(p);
        break;
    case TOK_IMPORT:
        e = parse_import_expr(p);
        break;
    default:
        e = parse_primary(p);
        if (e->kind == JS_AST_COVER)
            return e;
        break;
    }
    return parse_call_tail(p, e, true);
}

/* ---------------------------------------------------------------------
 * Unary and binary operators
 * ------------------------------------------------------------------- */

static JSNode *parse_postfix(JSParser *p)
{
    JSNode *e = js_parse_lhs(p);
    if ((TOK.type == TOK_INC || TOK.type == TOK_DEC) && !(TOK.flags & TOKF_NL_BEFORE)) {
        js_parse_check_simple_target(p, e, true);
        JSNode *n = js_parse_node_at(p, JS_AST_UPDATE, e);
        n->op = TOK.type == TOK_INC ? JS_OP_INC : JS_OP_DEC;
        n->u.unary.argument = e;
        js_parse_next(p);
        js_parse_finish(p, n);
        return n;
    }
    return e;
}

static bool is_private_member(const JSNode *n)
{
    if (n->kind == JS_AST_CHAIN)
        n = n->u.chain.expression;
    return n->kind == JS_AST_MEMBER && n->u.member.property->kind == JS_AST_PRIVATE_IDENTIFIER;
}

static JSNode *parse_await(JSParser *p)
{
    JSFuncState *fs = p->fs;
    JSToken start = TOK;
    if (!fs->await_ok)
        js_parse_error(p, start.start, "'await' is only valid in async functions and modules");
    if (fs->in_params)
        js_parse_error(p, start.start, "await expression not allowed in formal parameters");
    if (!p->cover_await_pos)
        p->cover_await_pos = start.start + 1;
    js_parse_next(p);
    JSNode *n = js_parse_node(p, JS_AST_AWAIT, &start);
    n->u.unary.argument = parse_unary(p);
    js_parse_finish(p, n);
    if (p->module && !fs->parent)
        p->mod->m->has_top_level_await = true;
    return n;
}

static JSNode *parse_unary(JSParser *p)
{
    js_parse_check_stack(p);
    JSToken start = TOK;
    int op;
    switch (TOK.type) {
    case TOK_DELETE: op = JS_OP_DELETE; break;
    case TOK_VOID: op = JS_OP_VOID; break;
    case TOK_TYPEOF: op = JS_OP_TYPEOF; break;
    case TOK_PLUS: op = JS_OP_PLUS; break;
    case TOK_MINUS: op = JS_OP_NEG; break;
    case TOK_BANG: op = JS_OP_NOT; break;
    case TOK_TILDE: op = JS_OP_BITNOT; break;
    case TOK_INC:
    case TOK_DEC: {
        js_parse_next(p);
        JSNode *arg = parse_unary(p);
        js_parse_check_simple_target(p, arg, true);
        JSNode *n = js_parse_node(p, JS_AST_UPDATE, &start);
        n->op = start.type == TOK_INC ? JS_OP_INC : JS_OP_DEC;
        n->u.unary.argument = arg;
        n->u.unary.prefix = true;
        js_parse_finish(p, n);
        return n;
    }
    case TOK_IDENT:
        if (js_parse_is_cw(p, JS_CW_AWAIT) && (p->fs->await_kw || p->module))
            return parse_await(p);
        return parse_postfix(p);
    default:
        return parse_postfix(p);
    }
    js_parse_next(p);
    JSNode *arg = parse_unary(p);
    if (op == JS_OP_DELETE) {
        if (p->fs->strict && arg->kind == JS_AST_IDENTIFIER)
            js_parse_error(p, arg->start, "cannot delete unqualified identifier in strict mode");
        if (is_private_member(arg))
            js_parse_error(p, arg->start, "private fields cannot be deleted");
    }
    JSNode *n = js_parse_node(p, JS_AST_UNARY, &start);
    n->op = (uint16_t)op;
    n->u.unary.argument = arg;
    n->u.unary.prefix = true;
    js_parse_finish(p, n);
    return n;
}

/* precedence and operator of each binary operator token */
static const struct {
    uint8_t prec, op;
} binary_ops[TOK_STAR_STAR - TOK_QQ + 1] = {
    [TOK_QQ - TOK_QQ] = {1, JS_OP_NULLISH},
    [TOK_OR_OR - TOK_QQ] = {1, JS_OP_OR},
    [TOK_AND_AND - TOK_QQ] = {2, JS_OP_AND},
    [TOK_PIPE - TOK_QQ] = {3, JS_OP_BITOR},
    [TOK_CARET - TOK_QQ] = {4, JS_OP_BITXOR},
    [TOK_AMP - TOK_QQ] = {5, JS_OP_BITAND},
    [TOK_EQ - TOK_QQ] = {6, JS_OP_EQ},
    [TOK_NE - TOK_QQ] = {6, JS_OP_NE},
    [TOK_STRICT_EQ - TOK_QQ] = {6, JS_OP_STRICT_EQ},
    [TOK_STRICT_NE - TOK_QQ] = {6, JS_OP_STRICT_NE},
    [TOK_LT - TOK_QQ] = {7, JS_OP_LT},
    [TOK_GT - TOK_QQ] = {7, JS_OP_GT},
    [TOK_LE - TOK_QQ] = {7, JS_OP_LE},
    [TOK_GE - TOK_QQ] = {7, JS_OP_GE},
    [TOK_SHL - TOK_QQ] = {8, JS_OP_SHL},
    [TOK_SAR - TOK_QQ] = {8, JS_OP_SAR},
    [TOK_SHR - TOK_QQ] = {8, JS_OP_SHR},
    [TOK_PLUS - TOK_QQ] = {9, JS_OP_ADD},
    [TOK_MINUS - TOK_QQ] = {9, JS_OP_SUB},
    [TOK_STAR - TOK_QQ] = {10, JS_OP_MUL},
    [TOK_SLASH - TOK_QQ] = {10, JS_OP_DIV},
    [TOK_PERCENT - TOK_QQ] = {10, JS_OP_MOD},
    [TOK_STAR_STAR - TOK_QQ] = {11, JS_OP_EXP},
};
#define PREC_RELATIONAL 7

static bool binary_op(JSParser *p, int *prec, int *op)
{
    int t = TOK.type;
    if (t >= TOK_QQ && t <= TOK_STAR_STAR) {
        *prec = binary_ops[t - TOK_QQ].prec;
        *op = binary_ops[t - TOK_QQ].op;
        return true;
    }
    if (t == TOK_INSTANCEOF || (t == TOK_IN && !p->no_in)) {
        *prec = PREC_RELATIONAL;
        *op = t == TOK_IN ? JS_OP_IN : JS_OP_INSTANCEOF;
        return true;
    }
    return false;
}

static bool is_unparenthesized_logical(const JSNode *n, bool nullish)
{
    if (n->kind != JS_AST_LOGICAL || (n->flags & JS_NODE_F_PAREN))
        return false;
    return nullish ? n->op == JS_OP_NULLISH : n->op != JS_OP_NULLISH;
}

static JSNode *parse_binary(JSParser *p, int min_prec)
{
    JSNode *left;
    if (TOK.type == TOK_PRIVATE_NAME) {
        /* `#x in obj` */
        if (min_prec > PREC_RELATIONAL || p->no_in)
            js_parse_unexpected(p);
        left = js_parse_node(p, JS_AST_PRIVATE_IDENTIFIER, &TOK);
        left->u.ident.name = TOK.u.name;
        js_parse_private_ref(p, TOK.u.name, TOK.start);
        js_parse_next(p);
        if (TOK.type != TOK_IN)
            js_parse_unexpected(p);
    } else {
        left = parse_unary(p);
    }
    int prec, op;
    while (binary_op(p, &prec, &op) && prec >= min_prec) {
        if (op == JS_OP_EXP && (left->kind == JS_AST_UNARY || left->kind == JS_AST_AWAIT) &&
            !(left->flags & JS_NODE_F_PAREN))
            js_parse_error(p, TOK.start,
                           "unparenthesized unary expression can't appear on the left-hand side "
                           "of '**'");
        if (left->kind == JS_AST_PRIVATE_IDENTIFIER && op != JS_OP_IN)
            js_parse_unexpected(p);
        js_parse_next(p);
        /* ** is right-associative */
        JSNode *right = parse_binary(p, op == JS_OP_EXP ? prec : prec + 1);
        bool logical = op == JS_OP_AND || op == JS_OP_OR || op == JS_OP_NULLISH;
        if (logical) {
            bool mix = op == JS_OP_NULLISH ? is_unparenthesized_logical(left, false) ||
                                                 is_unparenthesized_logical(right, false)
                                           : is_unparenthesized_logical(left, true) ||
                                                 is_unparenthesized_logical(right, true);
            if (mix)
                js_parse_error(p, right->start,
                               "cannot mix '?\?' with '&&' or '||' without parentheses");
        }
        JSNode *n = js_parse_node_at(p, logical ? JS_AST_LOGICAL : JS_AST_BINARY, left);
        n->op = (uint16_t)op;
        n->u.binary.left = left;
        n->u.binary.right = right;
        js_parse_finish(p, n);
        left = n;
    }
    return left;
}

static JSNode *parse_conditional(JSParser *p)
{
    JSNode *test = parse_binary(p, 1);
    if (TOK.type != TOK_QUESTION)
        return test;
    if (test->kind == JS_AST_COVER)
        js_parse_unexpected(p);
    js_parse_next(p);
    JSNode *n = js_parse_node_at(p, JS_AST_CONDITIONAL, test);
    n->u.conditional.test = test;
    bool saved = p->no_in;
    p->no_in = false;
    n->u.conditional.consequent = js_parse_assign(p);
    p->no_in = saved;
    js_parse_expect(p, TOK_COLON);
    n->u.conditional.alternate = js_parse_assign(p);
    js_parse_finish(p, n);
    return n;
}

/* ---------------------------------------------------------------------
 * Assignment, yield, arrows
 * ------------------------------------------------------------------- */

static bool starts_expression(int t)
{
    switch (t) {
    case TOK_IDENT:
    case TOK_PRIVATE_NAME:
    case TOK_NUMBER:
    case TOK_BIGINT:
    case TOK_STRING:
    case TOK_TEMPLATE:
    case TOK_LBRACE:
    case TOK_LPAREN:
    case TOK_LBRACKET:
    case TOK_INC:
    case TOK_DEC:
    case TOK_BANG:
    case TOK_TILDE:
    case TOK_PLUS:
    case TOK_MINUS:
    case TOK_SLASH:
    case TOK_SLASH_ASSIGN:
    case TOK_CLASS:
    case TOK_DELETE:
    case TOK_FALSE:
    case TOK_FUNCTION:
    case TOK_IMPORT:
    case TOK_NEW:
    case TOK_NULL:
    case TOK_SUPER:
    case TOK_THIS:
    case TOK_TRUE:
    case TOK_TYPEOF:
    case TOK_VOID:
        return true;
    default:
        return false;
    }
}

static JSNode *parse_yield(JSParser *p)
{
    JSToken start = TOK;
    if (p->fs->in_params)
        js_parse_error(p, start.start, "yield expression not allowed in formal parameters");
    if (!p->fs->yield_ok)
        js_parse_error(p, start.start, "yield expression not allowed here");
    if (!p->cover_yield_pos)
        p->cover_yield_pos = start.start + 1;
    js_parse_next(p);
    JSNode *n = js_parse_node(p, JS_AST_YIELD, &start);
    if (!(TOK.flags & TOKF_NL_BEFORE)) {
        if (TOK.type == TOK_STAR) {
            js_parse_next(p);
            n->u.yield.delegate = true;
            n->u.yield.argument = js_parse_assign(p);
        } else if (starts_expression(TOK.type)) {
            n->u.yield.argument = js_parse_assign(p);
        }
    }
    js_parse_finish(p, n);
    return n;
}

static int assign_op(int t)
{
    switch (t) {
    case TOK_ASSIGN: return JS_OP_ASSIGN;
    case TOK_PLUS_ASSIGN: return JS_OP_ADD;
    case TOK_MINUS_ASSIGN: return JS_OP_SUB;
    case TOK_STAR_ASSIGN: return JS_OP_MUL;
    case TOK_SLASH_ASSIGN: return JS_OP_DIV;
    case TOK_PERCENT_ASSIGN: return JS_OP_MOD;
    case TOK_STAR_STAR_ASSIGN: return JS_OP_EXP;
    case TOK_SHL_ASSIGN: return JS_OP_SHL;
    case TOK_SAR_ASSIGN: return JS_OP_SAR;
    case TOK_SHR_ASSIGN: return JS_OP_SHR;
    case TOK_AMP_ASSIGN: return JS_OP_BITAND;
    case TOK_PIPE_ASSIGN: return JS_OP_BITOR;
    case TOK_CARET_ASSIGN: return JS_OP_BITXOR;
    case TOK_AND_AND_ASSIGN: return JS_OP_AND;
    case TOK_OR_OR_ASSIGN: return JS_OP_OR;
    case TOK_QQ_ASSIGN: return JS_OP_NULLISH;
    default: return 0;
    }
}

/* `async x =>` (two tokens of lookahead: `for await (async of x)`) */
static bool async_arrow_ident_follows(JSParser *p)
{
    JSToken peek, peek2;
    js_parse_peek(p, &peek);
    if (peek.type != TOK_IDENT || (peek.flags & TOKF_NL_BEFORE))
        return false;
    js_parse_peek2(p, &peek, &peek2);
    return peek2.type == TOK_ARROW;
}

/* `async x => ...` */
static JSNode *parse_async_arrow_ident(JSParser *p)
{
    JSToken start = TOK;
    js_parse_next(p);
    if (TOK.cw == JS_CW_AWAIT)
        js_parse_error(p, TOK.start, "'await' is not a valid parameter name in an async function");
    JSNode *id = js_parse_identifier_reference(p);
    if (TOK.type != TOK_ARROW || (TOK.flags & TOKF_NL_BEFORE))
        js_parse_unexpected(p);
    JSNode *cover = js_parse_node(p, JS_AST_COVER, &start);
    JSCover *c = js_parse_alloc(p, sizeof(JSCover));
    c->items.items = js_parse_alloc(p, sizeof(JSNode *));
    c->items.items[0] = id;
    c->items.count = 1;
    cover->compiler = c;
    return js_parse_arrow(p, cover, true, start.start, &start);
}

static JSNode *parse_assign_cover(JSParser *p)
{
    js_parse_check_stack(p);
    JSToken start = TOK;
    if (TOK.type == TOK_IDENT && !(TOK.flags & TOKF_ESCAPED)) {
        if (TOK.cw == JS_CW_YIELD && p->fs->yield_kw)
            return parse_yield(p);
        if (TOK.cw == JS_CW_ASYNC && async_arrow_ident_follows(p))
            return parse_async_arrow_ident(p);
    }
    uint32_t saved = p->cover_pos;
    uint8_t saved_why = p->cover_why;
    p->cover_pos = 0;
    JSNode *left = parse_conditional(p);
    if (TOK.type == TOK_ARROW) {
        bool ident = left->kind == JS_AST_IDENTIFIER && !(left->flags & JS_NODE_F_PAREN) &&
                     left->start == start.start;
        if (TOK.flags & TOKF_NL_BEFORE)
            js_parse_error(p, TOK.start, "line terminator not allowed before '=>'");
        if (left->kind == JS_AST_COVER || (left->kind == JS_AST_CALL && left->compiler) || ident) {
            p->cover_pos = saved;
            p->cover_why = saved_why;
            bool is_async = left->kind == JS_AST_CALL;
            return js_parse_arrow(p, left, is_async, start.start, &start);
        }
        js_parse_unexpected(p);
    }
    if (left->kind == JS_AST_COVER)
        js_parse_unexpected(p);
    int op = assign_op(TOK.type);
    if (op) {
        if (op == JS_OP_ASSIGN && is_bare_literal(left)) {
            js_parse_to_pattern(p, left, false);
        } else {
            bool logical = op == JS_OP_AND || op == JS_OP_OR || op == JS_OP_NULLISH;
            js_parse_check_simple_target(p, left, !logical);
            if (p->cover_pos)
                cover_fail(p);
        }
        JSNode *n = js_parse_node_at(p, JS_AST_ASSIGNMENT, left);
        n->op = (uint16_t)op;
        js_parse_next(p);
        n->u.binary.left = left;
        n->u.binary.right = js_parse_assign(p);
        js_parse_finish(p, n);
        p->cover_pos = saved;
        p->cover_why = saved_why;
        return n;
    }
    if (p->cover_pos) {
        if (!is_bare_literal(left))
            cover_fail(p);
        if (saved) {
            p->cover_pos = saved;
            p->cover_why = saved_why;
        }
    } else {
        p->cover_pos = saved;
        p->cover_why = saved_why;
    }
    return left;
}

JSNode *js_parse_assign(JSParser *p)
{
    uint32_t saved = p->cover_pos;
    uint8_t saved_why = p->cover_why;
    p->cover_pos = 0;
    JSNode *n = parse_assign_cover(p);
    if (p->cover_pos)
        cover_fail(p);
    p->cover_pos = saved;
    p->cover_why = saved_why;
    return n;
}

/* an expression that may still become a pattern (for-in/of heads) */
JSNode *js_parse_assign_cover(JSParser *p) { return parse_assign_cover(p); }

JSNode *js_parse_expression(JSParser *p)
{
    JSNode *e = js_parse_assign(p);
    if (TOK.type != TOK_COMMA)
        return e;
    uint32_t base = p->sp;
    js_parse_push(p, e);
    while (js_parse_accept(p, TOK_COMMA))
        js_parse_push(p, js_parse_assign(p));
    JSNode *n = js_parse_node_at(p, JS_AST_SEQUENCE, e);
    n->u.list = js_parse_pop_list(p, base);
    js_parse_finish(p, n);
    return n;
}
