/*
 * test_parser.c — unit tests of the front end (lexer + parser): AST
 * shapes (through a compact S-expression dump), positions, error messages,
 * ASI, cover grammars, scopes and Annex B decisions, function flags,
 * module records, the eval and Function-constructor goals, the stack
 * limit, and out-of-memory at every allocation.
 *
 * Prints `test_parser: N passed, M failed`; exits non-zero on failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/engine/parser.h"

static int passed, failed;

#define CHECK(cond, ...)                                              \
    do {                                                              \
        if (cond) {                                                   \
            passed++;                                                 \
        } else {                                                      \
            failed++;                                                 \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);               \
            printf(__VA_ARGS__);                                      \
            printf("\n");                                             \
        }                                                             \
    } while (0)

/* ---------------------------------------------------------------------
 * Allocator with accounting and failure injection
 * ------------------------------------------------------------------- */
typedef struct Alloc {
    long live, count, fail_at; /* fail_at < 0: never */
} Alloc;

static void *a_malloc(void *opaque, size_t size)
{
    Alloc *a = opaque;
    if (a->fail_at >= 0 && a->count >= a->fail_at)
        return NULL;
    a->count++;
    void *p = malloc(size);
    if (p)
        a->live++;
    return p;
}

static void a_free(void *opaque, void *ptr)
{
    Alloc *a = opaque;
    if (ptr)
        a->live--;
    free(ptr);
}

static Alloc g_alloc = {0, 0, -1};

static JSParseOptions opts(int goal)
{
    JSParseOptions o;
    memset(&o, 0, sizeof(o));
    o.goal = goal;
    o.malloc = a_malloc;
    o.free = a_free;
    o.opaque = &g_alloc;
    return o;
}

/* ---------------------------------------------------------------------
 * S-expression dump
 * ------------------------------------------------------------------- */
typedef struct Buf {
    char *s;
    size_t len, cap;
} Buf;

static void put(Buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        b->cap = b->cap * 2 + (size_t)n + 64;
        b->s = realloc(b->s, b->cap);
    }
}

static void put_str(Buf *b, const JSAstString *s)
{
    if (!s) {
        put(b, "null");
        return;
    }
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = js_ast_string_at(s, i);
        if (c >= 0x20 && c < 0x7f && c != '"')
            put(b, "%c", (int)c);
        else if (c == '\n')
            put(b, "\\n");
        else
            put(b, "\\u%04x", c);
    }
}

static const char *op_name(int op)
{
    static const char *const names[] = {
        [JS_OP_NEG] = "-", [JS_OP_PLUS] = "+", [JS_OP_NOT] = "!", [JS_OP_BITNOT] = "~",
        [JS_OP_TYPEOF] = "typeof", [JS_OP_VOID] = "void", [JS_OP_DELETE] = "delete",
        [JS_OP_INC] = "++", [JS_OP_DEC] = "--", [JS_OP_ADD] = "+", [JS_OP_SUB] = "-",
        [JS_OP_MUL] = "*", [JS_OP_DIV] = "/", [JS_OP_MOD] = "%", [JS_OP_EXP] = "**",
        [JS_OP_SHL] = "<<", [JS_OP_SAR] = ">>", [JS_OP_SHR] = ">>>", [JS_OP_BITAND] = "&",
        [JS_OP_BITOR] = "|", [JS_OP_BITXOR] = "^", [JS_OP_EQ] = "==", [JS_OP_NE] = "!=",
        [JS_OP_STRICT_EQ] = "===", [JS_OP_STRICT_NE] = "!==", [JS_OP_LT] = "<",
        [JS_OP_GT] = ">", [JS_OP_LE] = "<=", [JS_OP_GE] = ">=", [JS_OP_IN] = "in",
        [JS_OP_INSTANCEOF] = "instanceof", [JS_OP_AND] = "&&", [JS_OP_OR] = "||",
        [JS_OP_NULLISH] = "??", [JS_OP_ASSIGN] = "=",
    };
    return (size_t)op < sizeof(names) / sizeof(names[0]) && names[op] ? names[op] : "?";
}

static void dump(Buf *b, const JSNode *n);

static void dump_list(Buf *b, JSNodeList l)
{
    for (uint32_t i = 0; i < l.count; i++) {
        put(b, " ");
        dump(b, l.items[i]);
    }
}

static void dump_items(Buf *b, JSNodeList l)
{
    for (uint32_t i = 0; i < l.count; i++) {
        if (i)
            put(b, " ");
        dump(b, l.items[i]);
    }
}

static void dump_func(Buf *b, const char *tag, const JSAstFunction *f)
{
    put(b, "(%s", tag);
    if (f->flags & JS_FUNC_ASYNC)
        put(b, " async");
    if (f->flags & JS_FUNC_GENERATOR)
        put(b, " *");
    if (f->id) {
        put(b, " ");
        dump(b, f->id);
    }
    put(b, " (");
    for (uint32_t i = 0; i < f->params.count; i++) {
        if (i)
            put(b, " ");
        dump(b, f->params.items[i]);
    }
    put(b, ")");
    if (f->expr_body) {
        put(b, " ");
        dump(b, f->expr_body);
    } else {
        dump_list(b, f->body);
    }
    put(b, ")");
}

static void dump(Buf *b, const JSNode *n)
{
    if (!n) {
        put(b, "_");
        return;
    }
    switch (n->kind) {
    case JS_AST_PROGRAM:
        put(b, "(Program");
        dump_list(b, n->u.program.func->body);
        put(b, ")");
        break;
    case JS_AST_IDENTIFIER:
        put_str(b, n->u.ident.name);
        break;
    case JS_AST_PRIVATE_IDENTIFIER:
        put(b, "#");
        put_str(b, n->u.ident.name);
        break;
    case JS_AST_NULL_LITERAL:
        put(b, "null");
        break;
    case JS_AST_BOOLEAN_LITERAL:
        put(b, n->u.boolean ? "true" : "false");
        break;
    case JS_AST_NUMBER_LITERAL:
        put(b, "%.17g", n->u.number);
        break;
    case JS_AST_STRING_LITERAL:
        put(b, "\"");
        put_str(b, n->u.string);
        put(b, "\"");
        break;
    case JS_AST_BIGINT_LITERAL:
        put(b, "%dn:", n->u.bigint.radix);
        put_str(b, n->u.bigint.digits);
        break;
    case JS_AST_REGEXP_LITERAL:
        put(b, "/");
        put_str(b, n->u.regexp.pattern);
        put(b, "/");
        put_str(b, n->u.regexp.flags);
        break;
    case JS_AST_TEMPLATE_LITERAL:
        put(b, "(`");
        for (uint32_t i = 0; i < n->u.template.quasis.count; i++) {
            const JSNode *q = n->u.template.quasis.items[i];
            put(b, " \"");
            if (q->u.template_element.cooked)
                put_str(b, q->u.template_element.cooked);
            else
                put(b, "<invalid>");
            put(b, "\"|\"");
            put_str(b, q->u.template_element.raw);
            put(b, "\"");
            if (i < n->u.template.expressions.count) {
                put(b, " ");
                dump(b, n->u.template.expressions.items[i]);
            }
        }
        put(b, ")");
        break;
    case JS_AST_TAGGED_TEMPLATE:
        put(b, "(tag ");
        dump(b, n->u.tagged.tag);
        put(b, " ");
        dump(b, n->u.tagged.quasi);
        put(b, ")");
        break;
    case JS_AST_THIS:
        put(b, "this");
        break;
    case JS_AST_SUPER:
        put(b, "super");
        break;
    case JS_AST_ARRAY_EXPRESSION:
    case JS_AST_ARRAY_PATTERN:
        put(b, n->kind == JS_AST_ARRAY_PATTERN ? "[p " : "[");
        dump_items(b, n->u.list);
        put(b, "]");
        break;
    case JS_AST_OBJECT_EXPRESSION:
    case JS_AST_OBJECT_PATTERN:
        put(b, n->kind == JS_AST_OBJECT_PATTERN ? "{p " : "{");
        dump_items(b, n->u.list);
        put(b, "}");
        break;
    case JS_AST_PROPERTY:
        put(b, "(%s%s%s%s ",
            n->u.property.kind == JS_PROP_GET   ? "get"
            : n->u.property.kind == JS_PROP_SET ? "set"
                                                : "prop",
            n->u.property.shorthand ? " short" : "", n->u.property.computed ? " computed" : "",
            n->u.property.proto ? " proto" : n->u.property.method ? " method" : "");
        dump(b, n->u.property.key);
        put(b, " ");
        dump(b, n->u.property.value);
        put(b, ")");
        break;
    case JS_AST_FUNCTION_EXPRESSION:
        dump_func(b, "function", n->u.func);
        break;
    case JS_AST_FUNCTION_DECLARATION:
        dump_func(b, (n->flags & JS_NODE_F_ANNEXB_HOISTED) ? "function-decl-hoisted" : "function-decl",
                  n->u.func);
        break;
    case JS_AST_ARROW_FUNCTION:
        dump_func(b, "=>", n->u.func);
        break;
    case JS_AST_STATIC_BLOCK:
        dump_func(b, "static-block", n->u.func);
        break;
    case JS_AST_CLASS_EXPRESSION:
    case JS_AST_CLASS_DECLARATION: {
        const JSAstClass *k = n->u.klass;
        put(b, "(class ");
        dump(b, k->id);
        if (k->super_class) {
            put(b, " extends ");
            dump(b, k->super_class);
        }
        dump_list(b, k->body);
        put(b, ")");
        break;
    }
    case JS_AST_METHOD_DEFINITION: {
        static const char *const kinds[] = {"init", "get", "set", "constructor", "method"};
        put(b, "(%s%s%s ", n->u.method.is_static ? "static " : "", kinds[n->u.method.kind],
            n->u.method.computed ? " computed" : "");
        dump(b, n->u.method.key);
        put(b, " ");
        dump(b, n->u.method.value);
        put(b, ")");
        break;
    }
    case JS_AST_PROPERTY_DEFINITION:
        put(b, "(%sfield ", n->u.field.is_static ? "static " : "");
        dump(b, n->u.field.key);
        put(b, " ");
        dump(b, n->u.field.value);
        put(b, ")");
        break;
    case JS_AST_UNARY:
    case JS_AST_AWAIT:
    case JS_AST_SPREAD:
    case JS_AST_REST_ELEMENT:
    case JS_AST_RETURN:
    case JS_AST_THROW:
        put(b, "(%s ", n->kind == JS_AST_UNARY ? op_name(n->op)
                       : n->kind == JS_AST_AWAIT ? "await"
                       : n->kind == JS_AST_RETURN ? "return"
                       : n->kind == JS_AST_THROW ? "throw"
                                                  : "...");
        dump(b, n->u.unary.argument);
        put(b, ")");
        break;
    case JS_AST_UPDATE:
        put(b, "(%s%s ", n->u.unary.prefix ? "pre" : "post", op_name(n->op));
        dump(b, n->u.unary.argument);
        put(b, ")");
        break;
    case JS_AST_BINARY:
    case JS_AST_LOGICAL:
    case JS_AST_ASSIGNMENT:
    case JS_AST_ASSIGNMENT_PATTERN:
        if (n->kind == JS_AST_ASSIGNMENT)
            put(b, "(%s= ", n->op == JS_OP_ASSIGN ? "" : op_name(n->op));
        else if (n->kind == JS_AST_ASSIGNMENT_PATTERN)
            put(b, "(default ");
        else
            put(b, "(%s ", op_name(n->op));
        dump(b, n->u.binary.left);
        put(b, " ");
        dump(b, n->u.binary.right);
        put(b, ")");
        break;
    case JS_AST_CONDITIONAL:
    case JS_AST_IF:
        put(b, n->kind == JS_AST_IF ? "(if " : "(? ");
        dump(b, n->u.conditional.test);
        put(b, " ");
        dump(b, n->u.conditional.consequent);
        put(b, " ");
        dump(b, n->u.conditional.alternate);
        put(b, ")");
        break;
    case JS_AST_CALL:
    case JS_AST_NEW:
        put(b, "(%s%s ", n->kind == JS_AST_NEW ? "new" : "call", n->u.call.optional ? "?." : "");
        dump(b, n->u.call.callee);
        dump_list(b, n->u.call.arguments);
        put(b, ")");
        break;
    case JS_AST_MEMBER:
        put(b, "(%s%s ", n->u.member.optional ? "?." : ".", n->u.member.computed ? "[]" : "");
        dump(b, n->u.member.object);
        put(b, " ");
        dump(b, n->u.member.property);
        put(b, ")");
        break;
    case JS_AST_CHAIN:
        put(b, "(chain ");
        dump(b, n->u.chain.expression);
        put(b, ")");
        break;
    case JS_AST_SEQUENCE:
        put(b, "(,");
        dump_list(b, n->u.list);
        put(b, ")");
        break;
    case JS_AST_YIELD:
        put(b, "(yield%s ", n->u.yield.delegate ? "*" : "");
        dump(b, n->u.yield.argument);
        put(b, ")");
        break;
    case JS_AST_IMPORT_CALL:
        put(b, "(import ");
        dump(b, n->u.import_call.source);
        put(b, " ");
        dump(b, n->u.import_call.options);
        put(b, ")");
        break;
    case JS_AST_META_PROPERTY:
        put(b, n->u.meta.is_import_meta ? "import.meta" : "new.target");
        break;
    case JS_AST_EXPRESSION_STATEMENT:
        if (n->u.expr_stmt.directive) {
            put(b, "(directive \"");
            put_str(b, n->u.expr_stmt.directive);
            put(b, "\")");
        } else {
            dump(b, n->u.expr_stmt.expression);
        }
        break;
    case JS_AST_BLOCK:
        put(b, "(block");
        dump_list(b, n->u.block.body);
        put(b, ")");
        break;
    case JS_AST_EMPTY:
        put(b, ";");
        break;
    case JS_AST_DEBUGGER:
        put(b, "debugger");
        break;
    case JS_AST_WITH:
        put(b, "(with ");
        dump(b, n->u.with.object);
        put(b, " ");
        dump(b, n->u.with.body);
        put(b, ")");
        break;
    case JS_AST_LABELED:
        put(b, "(label ");
        dump(b, n->u.labeled.label);
        put(b, " ");
        dump(b, n->u.labeled.body);
        put(b, ")");
        break;
    case JS_AST_BREAK:
    case JS_AST_CONTINUE:
        put(b, "(%s ", n->kind == JS_AST_BREAK ? "break" : "continue");
        dump(b, n->u.jump.label);
        put(b, ")");
        break;
    case JS_AST_SWITCH:
        put(b, "(switch ");
        dump(b, n->u.switch_stmt.discriminant);
        dump_list(b, n->u.switch_stmt.cases);
        put(b, ")");
        break;
    case JS_AST_SWITCH_CASE:
        put(b, "(case ");
        dump(b, n->u.switch_case.test);
        dump_list(b, n->u.switch_case.consequent);
        put(b, ")");
        break;
    case JS_AST_TRY:
        put(b, "(try ");
        dump(b, n->u.try_stmt.block);
        put(b, " ");
        dump(b, n->u.try_stmt.handler);
        put(b, " ");
        dump(b, n->u.try_stmt.finalizer);
        put(b, ")");
        break;
    case JS_AST_CATCH_CLAUSE:
        put(b, "(catch ");
        dump(b, n->u.catch_clause.param);
        put(b, " ");
        dump(b, n->u.catch_clause.body);
        put(b, ")");
        break;
    case JS_AST_WHILE:
    case JS_AST_DO_WHILE:
        put(b, "(%s ", n->kind == JS_AST_WHILE ? "while" : "do-while");
        dump(b, n->u.loop.test);
        put(b, " ");
        dump(b, n->u.loop.body);
        put(b, ")");
        break;
    case JS_AST_FOR:
        put(b, "(for ");
        dump(b, n->u.for_stmt.init);
        put(b, " ");
        dump(b, n->u.for_stmt.test);
        put(b, " ");
        dump(b, n->u.for_stmt.update);
        put(b, " ");
        dump(b, n->u.for_stmt.body);
        put(b, ")");
        break;
    case JS_AST_FOR_IN:
    case JS_AST_FOR_OF:
        put(b, "(%s%s ", n->kind == JS_AST_FOR_IN ? "for-in" : "for-of",
            n->u.for_in.is_await ? "-await" : "");
        dump(b, n->u.for_in.left);
        put(b, " ");
        dump(b, n->u.for_in.right);
        put(b, " ");
        dump(b, n->u.for_in.body);
        put(b, ")");
        break;
    case JS_AST_VARIABLE_DECLARATION: {
        static const char *const kinds[] = {"var", "let", "const", "using"};
        put(b, "(%s", n->u.var_decl.kind <= 3 ? kinds[n->u.var_decl.kind] : "?");
        dump_list(b, n->u.var_decl.declarations);
        put(b, ")");
        break;
    }
    case JS_AST_VARIABLE_DECLARATOR:
        if (!n->u.declarator.init) {
            dump(b, n->u.declarator.id);
        } else {
            put(b, "(= ");
            dump(b, n->u.declarator.id);
            put(b, " ");
            dump(b, n->u.declarator.init);
            put(b, ")");
        }
        break;
    case JS_AST_IMPORT_DECLARATION:
        put(b, "(import");
        dump_list(b, n->u.import_decl.specifiers);
        put(b, " from ");
        dump(b, n->u.import_decl.source);
        dump_list(b, n->u.import_decl.attributes);
        put(b, ")");
        break;
    case JS_AST_IMPORT_SPECIFIER:
    case JS_AST_EXPORT_SPECIFIER:
        put(b, "(");
        dump(b, n->kind == JS_AST_IMPORT_SPECIFIER ? n->u.specifier.imported : n->u.specifier.local);
        put(b, " as ");
        dump(b, n->kind == JS_AST_IMPORT_SPECIFIER ? n->u.specifier.local : n->u.specifier.imported);
        put(b, ")");
        break;
    case JS_AST_IMPORT_DEFAULT_SPECIFIER:
        put(b, "(default ");
        dump(b, n->u.specifier.local);
        put(b, ")");
        break;
    case JS_AST_IMPORT_NAMESPACE_SPECIFIER:
        put(b, "(* ");
        dump(b, n->u.specifier.local);
        put(b, ")");
        break;
    case JS_AST_IMPORT_ATTRIBUTE:
        put(b, "(with ");
        dump(b, n->u.attribute.key);
        put(b, " ");
        dump(b, n->u.attribute.value);
        put(b, ")");
        break;
    case JS_AST_EXPORT_NAMED:
        put(b, "(export ");
        dump(b, n->u.export_named.declaration);
        dump_list(b, n->u.export_named.specifiers);
        if (n->u.export_named.source) {
            put(b, " from ");
            dump(b, n->u.export_named.source);
        }
        put(b, ")");
        break;
    case JS_AST_EXPORT_DEFAULT:
        put(b, "(export-default ");
        dump(b, n->u.export_default.declaration);
        put(b, ")");
        break;
    case JS_AST_EXPORT_ALL:
        put(b, "(export* ");
        dump(b, n->u.export_all.exported);
        put(b, " from ");
        dump(b, n->u.export_all.source);
        put(b, ")");
        break;
    default:
        put(b, "<%s>", js_ast_kind_name((JSNodeKind)n->kind));
        break;
    }
}

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

static JSParseResult res;

static int parse_goal(const char *src, int goal)
{
    JSParseOptions o = opts(goal);
    js_parse_result_free(&res);
    return js_parse(&res, src, strlen(src), &o);
}

static char *dump_program(void)
{
    static Buf b;
    b.len = 0;
    if (!b.s) {
        b.cap = 256;
        b.s = malloc(b.cap);
    }
    b.s[0] = 0;
    dump(&b, res.program);
    return b.s;
}

static void check_ast_goal(int line, const char *src, int goal, const char *expect)
{
    int r = parse_goal(src, goal);
    if (r != JS_PARSE_OK) {
        failed++;
        printf("FAIL line %d: %s\n  parse error %d:%d: %s\n", line, src, res.error.line,
               res.error.col, res.error.message);
        return;
    }
    char *got = dump_program();
    if (strcmp(got, expect) == 0) {
        passed++;
    } else {
        failed++;
        printf("FAIL line %d: %s\n  expected: %s\n  got:      %s\n", line, src, expect, got);
    }
}
#define AST(src, expect) check_ast_goal(__LINE__, src, JS_PARSE_SCRIPT, expect)
#define AST_MODULE(src, expect) check_ast_goal(__LINE__, src, JS_PARSE_MODULE, expect)

/* a syntax error whose message contains `msg` at line:col (0: any) */
static void check_error_goal(int line, const char *src, int goal, const char *msg, uint32_t eline,
                             uint32_t ecol)
{
    int r = parse_goal(src, goal);
    bool ok = r == JS_PARSE_SYNTAX_ERROR && (!msg || strstr(res.error.message, msg)) &&
              (!eline || (res.error.line == eline && res.error.col == ecol));
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (r == JS_PARSE_OK)
        printf("FAIL line %d: %s\n  parsed, expected error '%s'\n", line, src, msg ? msg : "");
    else
        printf("FAIL line %d: %s\n  expected '%s' at %u:%u, got %d:%d: %s\n", line, src,
               msg ? msg : "", eline, ecol, res.error.line, res.error.col, res.error.message);
}
#define ERR(src, msg) check_error_goal(__LINE__, src, JS_PARSE_SCRIPT, msg, 0, 0)
#define ERR_AT(src, msg, l, c) check_error_goal(__LINE__, src, JS_PARSE_SCRIPT, msg, l, c)
#define ERR_MODULE(src, msg) check_error_goal(__LINE__, src, JS_PARSE_MODULE, msg, 0, 0)

static void check_ok_goal(int line, const char *src, int goal)
{
    int r = parse_goal(src, goal);
    CHECK(r == JS_PARSE_OK, "line %d: %s\n  error %d:%d: %s", line, src, res.error.line,
          res.error.col, res.error.message);
}
#define OK(src) check_ok_goal(__LINE__, src, JS_PARSE_SCRIPT)
#define OK_MODULE(src) check_ok_goal(__LINE__, src, JS_PARSE_MODULE)

static JSNode *stmt(uint32_t i) { return res.program->u.program.func->body.items[i]; }
static JSNode *expr(uint32_t i) { return stmt(i)->u.expr_stmt.expression; }

static bool str_is(const JSAstString *s, const char *text)
{
    if (!s || s->len != strlen(text))
        return false;
    for (uint32_t i = 0; i < s->len; i++) {
        if (js_ast_string_at(s, i) != (unsigned char)text[i])
            return false;
    }
    return true;
}

static const JSAstDecl *find_decl(const JSAstScope *s, const char *name)
{
    for (uint32_t i = 0; i < s->decl_count; i++) {
        if (str_is(s->decls[i].name, name))
            return &s->decls[i];
    }
    return NULL;
}

/* ---------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------- */

static void test_literals(void)
{
    AST("1; .5; 1e3; 0x1F; 0o17; 0b101; 017; 08.5; 1_000_000;",
        "(Program 1 0.5 1000 31 15 5 15 8.5 1000000)");
    AST("123n; 0x1fn; 0b1_0n;", "(Program 10n:123 16n:1f 2n:10)");
    AST("0; 'a\\x41\\u0042\\u{43}\\0'; \"\\\r\nx\";", "(Program 0 \"aABC\\u0000\" \"x\")");
    AST("0; '\\uD800';", "(Program 0 \"\\ud800\")");
    AST("0; '\\101';", "(Program 0 \"A\")");
    AST("`a${b}c${d}e`", "(Program (` \"a\"|\"a\" b \"c\"|\"c\" d \"e\"|\"e\"))");
    AST("`a\r\nb`", "(Program (` \"a\\nb\"|\"a\\nb\"))");
    AST("tag`\\unicode and \\u{55}`", "(Program (tag tag (` \"<invalid>\"|\"\\unicode and \\u{55}\")))");
    AST("/[/]/g; a / b / c; x = /=/", "(Program /[/]/g (/ (/ a b) c) (= x /=/))");
    AST("null; true; false; this", "(Program null true false this)");
    AST("'use strict'; 'x'", "(Program (directive \"use strict\") (directive \"x\"))");
    AST("'a' + 1; 'b'", "(Program (+ \"a\" 1) \"b\")");
    AST("\\u0061b; a\\u{62}", "(Program ab ab)");
    ERR("1_", "numeric separator");
    ERR("1__0", "numeric separator");
    ERR("0_1", "leading 0");
    ERR("07_1", "not allowed here");
    ERR("1._5", NULL);
    ERR("0x", "invalid number");
    ERR("3in x", "invalid number literal");
    ERR("1.5n", "BigInt");
    ERR("01n", "BigInt");
    ERR("'\\x4'", "malformed escape");
    ERR("'\\u{110000}'", "malformed Unicode");
    ERR("'abc", "unterminated string");
    ERR("'a\nb'", "unterminated string");
    ERR("`abc", "unterminated template");
    ERR("`\\01`", "invalid escape sequence in template");
    ERR("/abc", "unterminated regular expression");
    ERR("/a/gg", "duplicate regular expression flag");
    ERR("/a/uv", "exclusive");
    ERR("/a/x", "invalid regular expression flags");
    ERR("/* unterminated", "unterminated comment");
    ERR("'use strict'; 017", "octal literals");
    ERR("'use strict'; 08", "octal literals");
    ERR("'use strict'; '\\07'", "octal escape");
    ERR("'use strict'; '\\8'", "octal escape");
    ERR_AT("'\\07'; 'use strict';", "octal escape", 1, 2);
    OK("'\\0'; 'use strict'; '\\0'");
    OK("'\\u2028\u2028'"); /* LS/PS allowed in strings */
    ERR("a\\u0020b", "invalid identifier character");
}

static void test_comments_and_lines(void)
{
    AST("#!/usr/bin/env x\n1", "(Program 1)");
    ERR("1\n#!x", "invalid private name");
    AST("a <!-- comment\n b", "(Program a b)");
    AST("--> comment at start\n1", "(Program 1)");
    AST("x\n--> comment\ny", "(Program x y)");
    AST("x /*\n*/ --> comment\ny", "(Program x y)");
    AST("x = y-->z", "(Program (= x (> (post-- y) z)))");
    OK_MODULE("x = a <!--b");
    ERR_MODULE("x\n--> c\n", NULL);
    AST("a\u2028b\u2029c", "(Program a b c)");
    AST("a\xc2\xa0+\xe3\x80\x80" "b", "(Program (+ a b))");
}

static void test_positions(void)
{
    parse_goal("a;\n  bb + c;\r\n\t\"\xc3\xa9\xf0\x9f\x98\x80\" + d", JS_PARSE_SCRIPT);
    JSNode *b = expr(1)->u.binary.left;
    CHECK(b->line == 2 && b->col == 3 && b->start == 5 && b->end == 7, "bb at %u:%u [%u,%u)",
          b->line, b->col, b->start, b->end);
    JSNode *plus = expr(2);
    JSNode *d = plus->u.binary.right;
    /* "é😀" is 3 UTF-16 units + 2 quotes after a tab: d is at column 2+5+3 */
    CHECK(d->line == 3 && d->col == 10, "d at %u:%u", d->line, d->col);
    CHECK(plus->start == expr(2)->u.binary.left->start && plus->end == d->end, "range");
    ERR_AT("var x = 1;\nvar y = @;", "unexpected character", 2, 9);
    ERR_AT("\"\xf0\x9f\x98\x80\" + +;", "unexpected", 1, 9);
    ERR_AT("function f() {\n  return 1 +;\n}", "unexpected token: ';'", 2, 13);
    ERR_AT("f(a, b", "unexpected end of input", 1, 7);
    ERR_AT("f(a b)", "missing ) after argument list", 1, 5);
    ERR_AT("let x = 1;\nlet x = 2;", "Identifier 'x' has already been declared", 2, 5);
    ERR_AT("a\r\nb\rc\n(d e)", "missing ) after argument list", 4, 4);
    /* invalid UTF-8 */
    ERR_AT("var a = '\xff';", "invalid UTF-8", 1, 10);
    ERR("var a = '\xed\xa0\x80';", "invalid UTF-8"); /* encoded surrogate */
    ERR("var a = '\xc0\x80';", "invalid UTF-8");      /* overlong */
}

static void test_expressions(void)
{
    AST("a + b * c - d", "(Program (- (+ a (* b c)) d))");
    AST("a ** b ** c", "(Program (** a (** b c)))");
    AST("(-a) ** b", "(Program (** (- a) b))");
    AST("a ?? b ?? c", "(Program (?? (?? a b) c))");
    AST("(a || b) ?? c", "(Program (?? (|| a b) c))");
    AST("a ? b : c ? d : e", "(Program (? a b (? c d e)))");
    AST("a = b += c ||= d", "(Program (= a (+= b (||= c d))))");
    AST("a?.b.c(d)?.[e]", "(Program (chain (?.[] (call (. (?. a b) c) d) e)))");
    AST("(a?.b).c", "(Program (. (chain (?. a b)) c))");
    AST("a?.(b)", "(Program (chain (call?. a b)))");
    AST("new a.b(c)(d)", "(Program (call (new (. a b) c) d))");
    AST("new new a()()", "(Program (new (new a)))");
    AST("new a", "(Program (new a))");
    AST("a++ + ++b; !typeof void delete a.b", "(Program (+ (post++ a) (pre++ b)) (! (typeof (void (delete (. a b))))))");
    AST("x = function f(a, b = 1, ...c) {}", "(Program (= x (function f (a (default b 1) (... c)))))");
    AST("async function f() { await x; }", "(Program (function-decl async f () (await x)))");
    AST("function* g() { yield; yield* x; yield\na }", "(Program (function-decl * g () (yield _) (yield* x) (yield _) a))");
    AST("a, b", "(Program (, a b))");
    AST("a in b; a instanceof b", "(Program (in a b) (instanceof a b))");
    AST("import('x'); import('x', {with: {}})", "(Program (import \"x\" _) (import \"x\" {(prop with {})}))");
    AST("[a, , ...b,]", "(Program [a _ (... b)])");
    AST("({a, b: c, [d]: e, f() {}, get g() {}, set h(v) {}, async *i() {}, ...j, 1: k, 'l': m})",
        "(Program {(prop short a a) (prop b c) (prop computed d e) (prop method f (function ())) "
        "(get g (function ())) (set h (function (v))) (prop method i (function async * ())) "
        "(... j) (prop 1 k) (prop \"l\" m)})");
    AST("({__proto__: a})", "(Program {(prop proto __proto__ a)})");
    AST("({get, set, async, static: 1})", "(Program {(prop short get get) (prop short set set) (prop short async async) (prop static 1)})");
    AST("class A { #x; m() { #x in y } }", "(Program (class A (field #x _) (method m (function () (in #x y)))))");
}

static void test_cover_grammar(void)
{
    AST("(a, b) => a", "(Program (=> (a b) a))");
    AST("() => {}", "(Program (=> ()))");
    AST("(a = 1, {b, c: [d]}, ...e) => 0",
        "(Program (=> ((default a 1) {p (prop short b b) (prop c [p d])} (... e)) 0))");
    AST("async (a) => await a", "(Program (=> async (a) (await a)))");
    AST("async a => a", "(Program (=> async (a) a))");
    AST("async(a, b)", "(Program (call async a b))");
    ERR("async\n(a) => a", "=>");
    AST("[a, [b], {c}] = d", "(Program (= [p a [p b] {p (prop short c c)}] d))");
    AST("({a = 1, b: {c = 2} = {}} = d)", "(Program (= {p (prop short a (default a 1)) (prop b (default {p (prop short c (default c 2))} {}))} d))");
    AST("[a.b, c[d], ...e.f] = g", "(Program (= [p (. a b) (.[] c d) (... (. e f))] g))");
    AST("({__proto__: a, __proto__: b} = c)", "(Program (= {p (prop __proto__ a) (prop __proto__ b)} c))");
    AST("[(a)] = b; (a) = b; ((a.b)) = c", "(Program (= [p a] b) (= a b) (= (. a b) c))");
    AST("for ([a, b] of c);", "(Program (for-of [p a b] c ;))");
    AST("x = {a = 1} = {}", "(Program (= x (= {p (prop short a (default a 1))} {})))");
    ERR("({a = 1})", "invalid shorthand property initializer");
    ERR("({a = 1}).b", "invalid shorthand property initializer");
    ERR("f({a = 1})", "invalid shorthand property initializer");
    ERR("[{a = 1}]", "invalid shorthand property initializer");
    ERR("({__proto__: a, __proto__: b})", "duplicate __proto__");
    OK("({__proto__: a, ['__proto__']: b, __proto__() {}, get __proto__() {}})");
    ERR("({a}) = 1", "invalid assignment target");
    ERR("([a]) = 1", "invalid assignment target");
    ERR("[...a, b] = c", "rest element must be last");
    ERR("[...a,] = c", "rest element must be last");
    ERR("({...a,} = c)", "rest element must be last");
    ERR("({...{a}} = c)", "invalid");
    ERR("[(a = 1)] = b", "invalid");
    ERR("(a, b) => { 'use strict' } ; (a, ...b,) => 1", NULL);
    ERR("(...a, b) => 1", NULL);
    ERR("((a)) => 1", "invalid destructuring target");
    ERR("(a.b) => 1", "invalid destructuring target");
    ERR("(a, a) => 1", "duplicate parameter");
    ERR("() => {} + 1", "unexpected token");
    ERR("a\n=> 1", "line terminator not allowed before '=>'");
    ERR("x + (a) => 1", NULL);
    ERR("async (...a,) => 1", "rest parameter must be last");
    ERR("async (await) => 1", "'await' is not a valid");
    ERR("async await => 1", "'await' is not a valid");
    ERR("async function f() { (a = await 1) => a }", "await expression not allowed in arrow parameters");
    ERR("function* g() { (a = yield) => a }", "yield expression not allowed in arrow parameters");
    OK("function* g() { (a = function*() { yield }) => a }");
    OK("async (a = function await() {}) => 1");
    OK("async(await)");
    ERR("'use strict'; (eval) => 1", "eval");
    ERR("(eval) => { 'use strict' }", "eval");
    ERR("(a = 1) => { 'use strict' }", "non-simple parameters");
    ERR("a?.b = 1", "invalid assignment target");
    ERR("a?.b++", "invalid assignment target");
    ERR("new a?.b", "optional chain");
    ERR("a?.`x`", "optional chain");
    ERR("a?.b`x`", "optional chain");
    ERR("a ?? b || c", "cannot mix");
    ERR("a || b ?? c", "cannot mix");
    ERR("a && b ?? c", "cannot mix");
    ERR("-a ** b", "unparenthesized unary");
    ERR("'use strict'; delete x", "cannot delete");
    ERR("'use strict'; delete ((x))", "cannot delete");
    ERR("'use strict'; eval = 1", "eval");
    ERR("'use strict'; arguments++", "arguments");
    ERR("'use strict'; f() = 1", "invalid assignment target");
    OK("f() = 1; f()++; for (f() in x); for (f() of x);");
    ERR("f() &&= 1", "invalid assignment target");
    ERR("import('x') = 1", "invalid assignment target");
    ERR("1 = 2", "invalid assignment target");
    ERR("a + 1 = 2", "invalid assignment target");
}

static void test_asi(void)
{
    AST("a\nb", "(Program a b)");
    AST("return_ = 1\n;", "(Program (= return_ 1))");
    AST("function f() { return\nx }", "(Program (function-decl f () (return _) x))");
    AST("x\n++y", "(Program x (pre++ y))");
    AST("x\n(y)", "(Program (call x y))");
    AST("do x; while (y) z", "(Program (do-while y x) z)");
    AST("let \n x = 1", "(Program (let (= x 1)))");
    AST("var a = b\n/c/g", "(Program (var (= a (/ (/ b c) g))))");
    AST("async\nfunction f() {}", "(Program async (function-decl f ()))");
    AST("a: while (1) { continue\na; }", "(Program (label a (while 1 (block (continue _) a))))");
    AST("for (;;) break\nx", "(Program (for _ _ _ (break _)) x)");
    AST("x\n?.5:1", "(Program (? x 0.5 1))");
    ERR("a b", "unexpected token: 'b'");
    ERR("throw\nx", "line break is not allowed after 'throw'");
    ERR("for (a\nb;;);", NULL);
    ERR("class C { x y }", NULL);
    AST("class C { x\n y }", "(Program (class C (field x _) (field y _)))");
    AST("class C { get\n x() {} }", "(Program (class C (get x (function ()))))");
    AST("class C { static\n x }", "(Program (class C (static field x _)))");
    AST("class C { async\n x(){} }", "(Program (class C (field async _) (method x (function ()))))");
    AST("let\nlet_ = 1", "(Program (let (= let_ 1)))");
    AST("if (a) let\n{}", "(Program (if a let _) (block))");
}

static void test_statements(void)
{
    AST("if (a) b; else { c }", "(Program (if a b (block c)))");
    AST("for (var i = 0, j; i < 1; i++) ;", "(Program (for (var (= i 0) j) (< i 1) (post++ i) ;))");
    AST("for (let [a] of b) for (const c in d) for (await_ of e);", "(Program (for-of (let [p a]) b (for-in (const c) d (for-of await_ e ;))))");
    AST("for (x.y in o) ; for (var x = 1 in o) ;", "(Program (for-in (. x y) o ;) (for-in (var (= x 1)) o ;))");
    AST("for (let in x) ;", "(Program (for-in let x ;))");
    AST("for (let.x in y) ;", "(Program (for-in (. let x) y ;))");
    AST("for (async of => x;;) ;", "(Program (for (=> async (of) x) _ _ ;))");
    AST("switch (a) { case 1: b; default: c; case 2: }",
        "(Program (switch a (case 1 b) (case _ c) (case 2)))");
    AST("try { a } catch { b } finally { c }", "(Program (try (block a) (catch _ (block b)) (block c)))");
    AST("try {} catch ([a, b]) {}", "(Program (try (block) (catch [p a b] (block)) _))");
    AST("a: b: while (1) { break a; continue b; }", "(Program (label a (label b (while 1 (block (break a) (continue b))))))");
    AST("with (a) b", "(Program (with a b))");
    AST("debugger; ;", "(Program debugger ;)");
    AST("if (a) function f() {}", "(Program (if a (block (function-decl-hoisted f ())) _))");
    AST("l: function f() {}", "(Program (label l (function-decl f ())))");
    AST("var let = 1; let = 2; var static, yield, implements;",
        "(Program (var (= let 1)) (= let 2) (var static yield implements))");
    AST("var async = 1, of, get, set, await;", "(Program (var (= async 1) of get set await))");
    ERR("'use strict'; var let", "reserved");
    ERR("let let = 1", "'let' is disallowed as a lexically bound name");
    ERR("const a;", "missing initializer in const declaration");
    ERR("var [a];", "missing initializer in destructuring declaration");
    ERR("for (const x;;);", "missing initializer");
    ERR("for (let x = 1 of y);", "may not have an initializer");
    ERR("'use strict'; for (var x = 1 in y);", "may not have an initializer");
    ERR("for (var [x] = 1 in y);", "may not have an initializer");
    ERR("for (let x, y of z);", "only one variable");
    ERR("for (let of x);", NULL);
    ERR("for (let.x of y);", "invalid left-hand side");
    ERR("for (async of x);", "invalid left-hand side");
    ERR("for await (x of y);", "for await is only valid");
    ERR("async function f() { for await (x in y); }", NULL);
    ERR("if (a) let [b] = c;", "single-statement context");
    ERR("while (a) const b = 1;", "single-statement context");
    ERR("while (a) function f() {}", "not allowed in this context");
    ERR("if (a) function* g() {}", "generator");
    ERR("'use strict'; if (a) function f() {}", "strict mode");
    ERR("'use strict'; l: function f() {}", "labelled");
    ERR("while (1) l: function f() {}", "labelled");
    ERR("l: function* g() {}", "generator declarations can't be labelled");
    ERR("if (a) async function f() {}", "async function");
    ERR("l: l: ;", "label 'l' has already been declared");
    ERR("l: { continue l; }", "continue target is not an iteration statement");
    ERR("break;", "break must be inside loop or switch");
    ERR("continue;", "continue must be inside loop");
    ERR("switch (a) { case 1: continue; }", "continue must be inside loop");
    ERR("x: while(1) { function f() { break x; } }", "undefined label");
    ERR("return 1", "return not in a function");
    ERR("'use strict'; with (a) b", "with statement");
    ERR("try {}", "missing catch or finally");
    ERR("switch (a) { default: default: }", "more than one default");
    ERR("for (;;) { let x; var x; }", "already been declared");
    OK("l: { break l; } l: while (1) continue l;");
    OK("a: { b: { break a; } }");
    OK("do ; while (0) x");
}

static void test_declarations_and_scopes(void)
{
    ERR("let a; var a;", "already been declared");
    ERR("var a; let a;", "already been declared");
    ERR("let a; let a;", "already been declared");
    ERR("{ var a; let a; }", "already been declared");
    ERR("{ let a; { var a; } }", "already been declared");
    ERR("let a; { var a; }", "already been declared");
    ERR("function a() {} let a;", "already been declared");
    ERR("const a = 1; function a() {}", "already been declared");
    ERR("class A {} var A;", "already been declared");
    ERR("switch (x) { case 1: let a; case 2: let a; }", "already been declared");
    ERR("try {} catch (e) { let e; }", "already been declared");
    ERR("try {} catch ([e]) { var e; }", "already been declared");
    ERR("try {} catch (e) { function e() {} }", "already been declared");
    ERR("function f(a) { let a; }", "already been declared");
    ERR("function f(a) { class a {} }", "already been declared");
    ERR("for (let i;;) { var i; }", "already been declared");
    ERR("'use strict'; { function f() {} function f() {} }", "already been declared");
    ERR("{ async function f() {} function f() {} }", "already been declared");
    OK("var a; var a; function a() {} function a() {}");
    OK("{ function f() {} function f() {} }");
    OK("try {} catch (e) { var e; }");
    OK("try {} catch (e) { for (var e of []); }");
    OK("function f(a) { var a; function a() {} }");
    OK("let a; { let a; { var b; } }");
    OK("function f() { let f; }");
    OK("(function f() { let f; })");
    ERR_MODULE("function f() {} function f() {}", "already been declared");
    ERR_MODULE("function f() {} var f;", "already been declared");
    ERR_MODULE("import a from 'x'; let a;", "already been declared");
    ERR_MODULE("import {a, b as a} from 'x';", "already been declared");

    parse_goal("var a; let b; const c = 1; class D {} function e() {} { let f; function g() {} }", JS_PARSE_SCRIPT);
    const JSAstScope *top = res.program->u.program.func->body_scope;
    CHECK(top->kind == JS_SCOPE_SCRIPT && top->decl_count == 6, "script scope %d decls", top->decl_count);
    CHECK(find_decl(top, "a")->kind == JS_DECL_VAR && find_decl(top, "b")->kind == JS_DECL_LET &&
              find_decl(top, "c")->kind == JS_DECL_CONST && find_decl(top, "D")->kind == JS_DECL_CLASS &&
              find_decl(top, "e")->kind == JS_DECL_FUNCTION,
          "decl kinds");
    CHECK(find_decl(top, "g") && find_decl(top, "g")->kind == JS_DECL_ANNEXB_FUNCTION, "g hoisted");
    CHECK(!find_decl(top, "f"), "f not top level");
    CHECK(top->function_count == 1 && top->functions[0] == stmt(4), "hoisted e");
    const JSAstScope *blk = stmt(5)->u.block.scope;
    CHECK(blk->decl_count == 2 && blk->function_count == 1, "block scope");

    parse_goal("function f(a, b) { var c; { var d; } let e; }", JS_PARSE_SCRIPT);
    JSAstFunction *f = stmt(0)->u.func;
    CHECK(f->param_scope->decl_count == 2 && f->body_scope->decl_count == 3, "function scopes %d %d",
          f->param_scope->decl_count, f->body_scope->decl_count);
    CHECK(find_decl(f->body_scope, "d") && find_decl(f->body_scope, "d")->kind == JS_DECL_VAR, "d hoisted");

    parse_goal("function a() {} function b() {} function a() { 2 }", JS_PARSE_SCRIPT);
    top = res.program->u.program.func->body_scope;
    CHECK(top->function_count == 2 && top->functions[0] == stmt(1) && top->functions[1] == stmt(2),
          "functionsToInitialize");
    CHECK(top->decl_count == 2 && find_decl(top, "a")->node == stmt(2), "last function wins");

    parse_goal("for (let i = 0;;) {} try {} catch (e) {} (function f() {}); (class C {})", JS_PARSE_SCRIPT);
    CHECK(stmt(0)->u.for_stmt.scope->decl_count == 1 &&
              stmt(0)->u.for_stmt.scope->decls[0].kind == JS_DECL_LET,
          "for scope");
    JSNode *cc = stmt(1)->u.try_stmt.handler;
    CHECK(cc->u.catch_clause.scope->decl_count == 1 &&
              cc->u.catch_clause.scope->decls[0].kind == JS_DECL_CATCH_PARAM,
          "catch scope");
    CHECK(expr(2)->u.func->name_scope && expr(2)->u.func->name_scope->decls[0].kind == JS_DECL_FUNCTION_NAME,
          "function name scope");
    CHECK(expr(3)->u.klass->scope->decl_count == 1 &&
              expr(3)->u.klass->scope->decls[0].kind == JS_DECL_CLASS_NAME,
          "class name scope");
}

static bool hoisted(JSNode *fn) { return (fn->flags & JS_NODE_F_ANNEXB_HOISTED) != 0; }

static void test_annexb(void)
{
    /* B.3.2: hoisted unless `var f` there would be an early error */
    parse_goal("{ function f() {} }", JS_PARSE_SCRIPT);
    CHECK(hoisted(stmt(0)->u.block.body.items[0]), "simple block function");
    parse_goal("let f; { function f() {} }", JS_PARSE_SCRIPT);
    CHECK(!hoisted(stmt(1)->u.block.body.items[0]), "conflicts with outer let");
    parse_goal("{ function f() {} } let f;", JS_PARSE_SCRIPT);
    CHECK(!hoisted(stmt(0)->u.block.body.items[0]), "conflicts with later let");
    parse_goal("{ let f; { function f() {} } }", JS_PARSE_SCRIPT);
    CHECK(!hoisted(stmt(0)->u.block.body.items[1]->u.block.body.items[0]), "conflicts with block let");
    parse_goal("function g(f) { { function f() {} } }", JS_PARSE_SCRIPT);
    CHECK(!hoisted(stmt(0)->u.func->body.items[0]->u.block.body.items[0]), "parameter name");
    parse_goal("try {} catch (f) { { function f() {} } }", JS_PARSE_SCRIPT);
    CHECK(hoisted(stmt(0)->u.try_stmt.handler->u.catch_clause.body->u.block.body.items[0]->u.block.body.items[0]),
          "simple catch parameter allows it");
    parse_goal("try {} catch ([f]) { { function f() {} } }", JS_PARSE_SCRIPT);
    CHECK(!hoisted(stmt(0)->u.try_stmt.handler->u.catch_clause.body->u.block.body.items[0]->u.block.body.items[0]),
          "destructured catch parameter");
    parse_goal("switch (1) { case 1: function f() {} }", JS_PARSE_SCRIPT);
    CHECK(hoisted(stmt(0)->u.switch_stmt.cases.items[0]->u.switch_case.consequent.items[0]), "switch case");
    parse_goal("'use strict'; { function f() {} }", JS_PARSE_SCRIPT);
    CHECK(!hoisted(stmt(1)->u.block.body.items[0]), "strict");
    parse_goal("{ function* f() {} async function g() {} }", JS_PARSE_SCRIPT);
    CHECK(!hoisted(stmt(0)->u.block.body.items[0]) && !hoisted(stmt(0)->u.block.body.items[1]),
          "generators and async functions are not hoisted");
    parse_goal("var f; { function f() {} }", JS_PARSE_SCRIPT);
    const JSAstScope *top = res.program->u.program.func->body_scope;
    CHECK(hoisted(stmt(1)->u.block.body.items[0]) && find_decl(top, "f")->kind == JS_DECL_VAR,
          "existing var: no extra binding");
    parse_goal("function g() { { function arguments() {} } }", JS_PARSE_SCRIPT);
    JSAstFunction *g = stmt(0)->u.func;
    CHECK(hoisted(g->body.items[0]->u.block.body.items[0]) && !find_decl(g->body_scope, "arguments"),
          "arguments: hoisted without a new binding");
    parse_goal("for (let f of []) { function f() {} }", JS_PARSE_SCRIPT);
    CHECK(!hoisted(stmt(0)->u.for_in.body->u.block.body.items[0]), "for-of let");
    parse_goal("if (1) function f() {} else function g() {}", JS_PARSE_SCRIPT);
    CHECK(hoisted(stmt(0)->u.if_stmt.consequent->u.block.body.items[0]), "if-function hoisted");
}

static void test_functions(void)
{
    parse_goal("function f(a, b = 1, c) { return this; }", JS_PARSE_SCRIPT);
    JSAstFunction *f = stmt(0)->u.func;
    CHECK(f->length == 1 && !(f->flags & JS_FUNC_SIMPLE_PARAMS) && (f->flags & JS_FUNC_PARAM_EXPRESSIONS) &&
              (f->flags & JS_FUNC_USES_THIS),
          "length/simple/this flags %x", f->flags);
    parse_goal("function f([a]) {}", JS_PARSE_SCRIPT);
    f = stmt(0)->u.func;
    CHECK(!(f->flags & JS_FUNC_SIMPLE_PARAMS) && !(f->flags & JS_FUNC_PARAM_EXPRESSIONS), "pattern params");
    parse_goal("function f() { () => () => { arguments; this; eval('x'); new.target } }", JS_PARSE_SCRIPT);
    f = stmt(0)->u.func;
    uint32_t want = JS_FUNC_USES_ARGUMENTS | JS_FUNC_USES_THIS | JS_FUNC_HAS_EVAL | JS_FUNC_USES_NEW_TARGET;
    CHECK((f->flags & want) == want && (f->flags & JS_FUNC_INNER_EVAL), "through arrows %x", f->flags);
    JSNode *arrow = f->body.items[0]->u.expr_stmt.expression;
    CHECK((arrow->u.func->flags & want) == want && (arrow->u.func->flags & JS_FUNC_EXPRESSION_BODY),
          "arrow flags");
    parse_goal("function f() { function g() { eval('x') } }", JS_PARSE_SCRIPT);
    f = stmt(0)->u.func;
    CHECK(!(f->flags & JS_FUNC_HAS_EVAL) && (f->flags & JS_FUNC_INNER_EVAL), "inner eval");
    parse_goal("function f() { (eval)(x); eval?.(x); }", JS_PARSE_SCRIPT);
    CHECK(stmt(0)->u.func->flags & JS_FUNC_HAS_EVAL, "parenthesized eval is direct");
    parse_goal("function f() { eval?.(x); }", JS_PARSE_SCRIPT);
    CHECK(!(stmt(0)->u.func->flags & JS_FUNC_HAS_EVAL), "optional call eval is indirect");
    parse_goal("function f(arguments) {} function g() { let arguments; } function h(a = 1) { function arguments() {} }",
               JS_PARSE_SCRIPT);
    CHECK((stmt(0)->u.func->flags & JS_FUNC_ARGUMENTS_SHADOWED) &&
              (stmt(1)->u.func->flags & JS_FUNC_ARGUMENTS_SHADOWED) &&
              !(stmt(2)->u.func->flags & JS_FUNC_ARGUMENTS_SHADOWED),
          "arguments shadowing");
    parse_goal("function f() { 'use strict'; } function g() {} 'use strict'", JS_PARSE_SCRIPT);
    CHECK((stmt(0)->u.func->flags & (JS_FUNC_STRICT | JS_FUNC_USE_STRICT)) == (JS_FUNC_STRICT | JS_FUNC_USE_STRICT) &&
              !(stmt(1)->u.func->flags & JS_FUNC_STRICT),
          "strictness");
    parse_goal("'use strict'; function g() {}", JS_PARSE_SCRIPT);
    CHECK((stmt(1)->u.func->flags & (JS_FUNC_STRICT | JS_FUNC_USE_STRICT)) == JS_FUNC_STRICT, "inherited strict");

    /* source ranges for Function.prototype.toString */
    const char *src = "x = async function* f ( a ) { /* b */ }; y = { get z() {}, async *w() {}, [k]() {} };"
                      " v = async (a) => a + 1; class C { static m() {} #p() {} }";
    parse_goal(src, JS_PARSE_SCRIPT);
    JSAstFunction *fx = expr(0)->u.binary.right->u.func;
    CHECK(fx->src_end - fx->src_start == strlen("async function* f ( a ) { /* b */ }") &&
              strncmp(src + fx->src_start, "async function* f ( a ) { /* b */ }", fx->src_end - fx->src_start) == 0,
          "function source range");
    JSNodeList props = expr(1)->u.binary.right->u.list;
    JSAstFunction *getter = props.items[0]->u.property.value->u.func;
    JSAstFunction *gen = props.items[1]->u.property.value->u.func;
    JSAstFunction *comp = props.items[2]->u.property.value->u.func;
    CHECK(getter->src_end - getter->src_start == 10 && strncmp(src + getter->src_start, "get z() {}", 10) == 0,
          "getter range");
    CHECK(strncmp(src + gen->src_start, "async *w() {}", 13) == 0 && gen->src_end - gen->src_start == 13,
          "async generator method range");
    CHECK(strncmp(src + comp->src_start, "[k]() {}", 8) == 0 && comp->src_end - comp->src_start == 8,
          "computed method range");
    JSAstFunction *ar = expr(2)->u.binary.right->u.func;
    CHECK(strncmp(src + ar->src_start, "async (a) => a + 1", 18) == 0 && ar->src_end - ar->src_start == 18,
          "arrow range");
    JSAstClass *k = stmt(3)->u.klass;
    CHECK(strncmp(src + k->src_start, "class C {", 9) == 0 && src[k->src_end - 1] == '}' && k->src_end == strlen(src),
          "class range");
    JSAstFunction *sm = k->body.items[0]->u.method.value->u.func;
    CHECK(strncmp(src + sm->src_start, "m() {}", 6) == 0 && sm->src_end - sm->src_start == 6,
          "static method range excludes 'static'");

    ERR("function f(a, a) { 'use strict' }", "duplicate parameter");
    ERR("'use strict'; function f(a, a) {}", "duplicate parameter");
    ERR("function f(a, [a]) {}", "duplicate parameter");
    ERR("function f(a, a = 1) {}", "duplicate parameter");
    ERR("({ m(a, a) {} })", "duplicate parameter");
    OK("function f(a, a) {}");
    ERR("function eval() { 'use strict' }", "eval");
    ERR("function f(eval) { 'use strict' }", "eval");
    ERR("function static() { 'use strict' }", "static");
    ERR("function f(a = 1) { 'use strict' }", "non-simple");
    ERR("function f({a}) { 'use strict' }", "non-simple");
    ERR("function* g() { function yield() {} }", "yield");
    OK("function* g() { (function yield() {}) }");
    ERR("(function* yield() {})", "yield");
    ERR("(async function await() {})", "await");
    OK("function* yield() {} async function await() {}");
    ERR("function* g(a = yield) {}", "yield expression not allowed in formal parameters");
    ERR("async function f(a = await 1) {}", "await expression not allowed in formal parameters");
    ERR("function* g(yield) {}", "yield");
    ERR("async function f(await) {}", "await");
    ERR("function* g() { var yield; }", "yield");
    ERR("async function f() { var await; }", "await");
    OK("function f() { var yield, await; }");
    ERR("({ get a(b) {} })", "getter must not have any formal parameters");
    ERR("({ set a() {} })", "setter must have exactly one formal parameter");
    ERR("({ set a(...b) {} })", "setter must have exactly one formal parameter");
    ERR("function f(...a, b) {}", "rest parameter must be last");
    ERR("function f(...a = 1) {}", NULL);
    ERR("function f(...a,) {}", "rest parameter must be last");
    OK("function f(a,) {} (a,) => 1");
    ERR("function f() { super.x }", "'super' keyword unexpected here");
    ERR("function f() { super() }", "super() is only valid in derived class constructors");
    OK("({ m() { super.x; () => super.y; } })");
    ERR("({ m() { super() } })", "super()");
    ERR("new.target", "new.target is only valid inside functions");
    ERR("() => new.target", "new.target");
    OK("function f() { () => new.target }");
    ERR("yield => 1; function* g() { yield => 1 }", NULL);
    ERR("async function f() { await => 1 }", NULL);
}

static void test_classes(void)
{
    AST("class A extends B { constructor() { super(); } static x = 1; #y; get z() {} static { this } }",
        "(Program (class A extends B (constructor constructor (function () (call super))) (static field x 1) "
        "(field #y _) (get z (function ())) (static-block () this)))");
    AST("(class { 'constructor'() {} ['constructor']() {} static constructor() {} })",
        "(Program (class _ (constructor \"constructor\" (function ())) (method computed \"constructor\" (function ())) "
        "(static method constructor (function ()))))");
    AST("class A { static async *#m() {} #x; m() { #x in this; this.#x; this?.#x } }",
        "(Program (class A (static method #m (function async * ())) (field #x _) (method m (function () "
        "(in #x this) (. this #x) (chain (?. this #x))))))");
    AST("class A { static; get; set; async; await = 1; 'a'; 1; [b] }",
        "(Program (class A (field static _) (field get _) (field set _) (field async _) (field await 1) "
        "(field \"a\" _) (field 1 _) (field b _)))");
    parse_goal("class A extends B { constructor() { super(); } }", JS_PARSE_SCRIPT);
    JSAstClass *k = stmt(0)->u.klass;
    JSAstFunction *ctor = k->constructor->u.method.value->u.func;
    CHECK(ctor->flags & JS_FUNC_CLASS_CONSTRUCTOR && ctor->flags & JS_FUNC_DERIVED_CONSTRUCTOR &&
              ctor->flags & JS_FUNC_USES_SUPER_CALL && ctor->flags & JS_FUNC_STRICT,
          "constructor flags %x", ctor->flags);
    parse_goal("class A { #a; get #b() {} set #b(v) {} static #c() {} }", JS_PARSE_SCRIPT);
    k = stmt(0)->u.klass;
    CHECK(k->private_count == 3 && k->private_names[1].kind == JS_PRIVATE_ACCESSOR &&
              k->private_names[2].is_static && k->private_names[2].kind == JS_PRIVATE_METHOD,
          "private names");
    parse_goal("class A { x = this.y; static z = () => this; }", JS_PARSE_SCRIPT);
    k = stmt(0)->u.klass;
    JSNode *fx = k->body.items[0];
    CHECK(fx->u.field.init && (fx->u.field.init->flags & JS_FUNC_FIELD_INIT) &&
              (fx->u.field.init->flags & JS_FUNC_USES_THIS),
          "field initializer function");
    CHECK(k->body.items[1]->u.field.init->flags & JS_FUNC_STATIC, "static field init");

    ERR("class A { constructor() {} constructor() {} }", "only have one constructor");
    ERR("class A { get constructor() {} }", "class constructor may not be");
    ERR("class A { *constructor() {} }", "class constructor may not be");
    ERR("class A { async constructor() {} }", "class constructor may not be");
    ERR("class A { constructor = 1 }", "invalid class field name");
    ERR("class A { static prototype() {} }", "static property named 'prototype'");
    ERR("class A { static prototype = 1 }", "invalid class field name");
    ERR("class A { #constructor }", "#constructor");
    ERR("class A { #a; #a }", "duplicate private name");
    ERR("class A { get #a() {} static set #a(v) {} }", "duplicate private name");
    ERR("class A { m() { this.#b } }", "undefined private name '#b'");
    ERR("this.#a", "undefined private name");
    OK("class A { m() { class B { n() { this.#a } } } #a }");
    ERR("class A extends B { #a; } class C extends (o.#a) {}", "undefined private name");
    ERR("class A { #a; m() { delete this.#a } }", "private fields cannot be deleted");
    ERR("class A { #a; m() { delete this?.#a } }", "private fields cannot be deleted");
    ERR("class A { m() { super() } }", "super()");
    ERR("class A extends B { m() { super() } }", "super()");
    ERR("class A extends B { x = super() }", "super()");
    OK("class A extends B { constructor() { () => super(); } x = super.y; }");
    ERR("class A { x = arguments }", "'arguments' is not allowed");
    ERR("class A { x = () => arguments }", "'arguments' is not allowed");
    OK("class A { x = function() { arguments } }");
    ERR("class A { static { arguments } }", "'arguments' is not allowed");
    ERR("class A { static { await } }", "await");
    ERR("class A { static { return } }", "return not in a function");
    ERR("class A { static { var await; } }", "await");
    OK("class A { static { () => { var await; } } }");
    ERR("class A { static { super() } }", "super()");
    ERR("class let {}", "reserved");
    ERR("class A { m() { with (a) {} } }", "with statement");
    ERR("class A { m() { 017 } }", "octal");
    ERR("class A extends B, C {}", NULL);
    ERR("class { }", "class name expected");
    ERR("async function f() { class A { x = await 1 } }", "await");
    ERR("function* g() { class A { x = yield } }", "yield");
    ERR("class A { x = 1 y = 2 }", NULL);
}

static void test_modules(void)
{
    AST_MODULE("import a, * as b from 'm'; import {c, d as e, 'f g' as h} from 'n' with { type: 'json' }; import 'o';",
               "(Program (import (default a) (* b) from \"m\") (import (c as c) (d as e) (\"f g\" as h) from \"n\" "
               "(with type \"json\")) (import from \"o\"))");
    AST_MODULE("export var a = 1; export { a as b, a as 'c d' }; export * from 'm'; export * as ns from 'm';"
               " export { x as y } from 'n'; export default function () {}",
               "(Program (export (var (= a 1))) (export _ (a as b) (a as \"c d\")) (export* _ from \"m\") "
               "(export* ns from \"m\") (export _ (x as y) from \"n\") (export-default (function-decl ())))");
    AST_MODULE("export default class {}", "(Program (export-default (class _)))");
    AST_MODULE("export default (1 + 2);", "(Program (export-default (+ 1 2)))");
    AST_MODULE("await x; for await (a of b);", "(Program (await x) (for-of-await a b ;))");

    parse_goal("import d, {a, b as c} from 'm'; import * as ns from 'n'; export {a, c as e, ns, v as default};"
               " export * from 'm'; export {x} from 'm' with {type: 'json'}; var v;",
               JS_PARSE_MODULE);
    JSAstModule *m = res.program->u.program.module;
    CHECK(m && m->request_count == 3 && str_is(m->requests[0].specifier, "m") &&
              str_is(m->requests[1].specifier, "n") && m->requests[2].attribute_count == 1,
          "requests");
    CHECK(m->import_count == 4 && str_is(m->imports[0].import_name, "default") &&
              str_is(m->imports[2].import_name, "b") && str_is(m->imports[2].local_name, "c") &&
              m->imports[3].import_name == NULL,
          "imports");
    CHECK(m->local_export_count == 1 && str_is(m->local_exports[0].export_name, "default") &&
              str_is(m->local_exports[0].local_name, "v"),
          "local exports %u", m->local_export_count);
    /* re-exporting an imported namespace is an indirect export of "all" */
    CHECK(m->indirect_export_count == 4 && str_is(m->indirect_exports[0].export_name, "a") &&
              str_is(m->indirect_exports[0].import_name, "a") && m->indirect_exports[0].request == 0 &&
              str_is(m->indirect_exports[1].import_name, "b") &&
              str_is(m->indirect_exports[2].export_name, "ns") &&
              m->indirect_exports[2].import_name == NULL && m->indirect_exports[2].request == 1 &&
              m->indirect_exports[3].request == 2,
          "indirect exports %u", m->indirect_export_count);
    CHECK(m->star_export_count == 1 && m->star_exports[0].request == 0, "star exports");
    CHECK(!m->has_top_level_await, "no TLA");
    parse_goal("export default function () {}", JS_PARSE_MODULE);
    m = res.program->u.program.module;
    CHECK(m->local_export_count == 1 && str_is(m->local_exports[0].local_name, "*default*") &&
              find_decl(res.program->u.program.func->body_scope, "*default*"),
          "*default* binding");
    parse_goal("await 1", JS_PARSE_MODULE);
    CHECK(res.program->u.program.module->has_top_level_await, "TLA");

    ERR_MODULE("export {x}", "export 'x' is not defined");
    ERR_MODULE("export var a; export {a}", "duplicate export");
    ERR_MODULE("export default 1; export default 2;", NULL);
    ERR_MODULE("export {a as default}; export default 1; var a;", "duplicate export");
    ERR_MODULE("export {'a'}", "from");
    ERR_MODULE("export {if}", "reserved");
    ERR_MODULE("export {'\\uD800' as a} from 'm'", "well-formed");
    ERR_MODULE("import {if} from 'm'", NULL);
    ERR_MODULE("import {a} from 'm' with {type: 'x', type: 'y'}", "duplicate import attribute");
    ERR_MODULE("{ import a from 'm'; }", "top level");
    ERR_MODULE("function f() { export var a; }", "top level");
    ERR_MODULE("var await;", "await");
    ERR_MODULE("with (a) {}", "with statement");
    ERR_MODULE("017", "octal");
    ERR_MODULE("function f() { await 1 }", "await");
    ERR_MODULE("new.target", NULL);
    ERR("import a from 'm'", NULL);
    ERR("export var a;", "only appear in modules");
    ERR("import.meta", "only valid in module code");
    OK_MODULE("import.meta.url; import('x').then()");
    OK("import('x')");
    OK_MODULE("export {a as if}; var a; export {b as 'x y'} from 'm'; import {'a b' as c} from 'm';");
    OK_MODULE("export async function f() {} export class C {} export let l; export const k = 1;");
}

static void test_using(void)
{
    AST("{ using a = b, c = d; }", "(Program (block (using (= a b) (= c d))))");
    AST("async function f() { await using x = y; for await (await using z of w); }",
        "(Program (function-decl async f () (using (= x y)) (for-of-await (using z) w ;)))");
    AST("for (using x of y); for (using of of [z]); for (using of = 1;;);",
        "(Program (for-of (using x) y ;) (for-of using (.[] of z) ;) (for (using (= of 1)) _ _ ;))");
    AST("using\nx", "(Program using x)");
    AST("{ using[x] = 1; }", "(Program (block (= (.[] using x) 1)))");
    parse_goal("async function f() { await using x = y; }", JS_PARSE_SCRIPT);
    JSNode *d = stmt(0)->u.func->body.items[0];
    CHECK(d->u.var_decl.kind == JS_DECL_USING && d->u.var_decl.is_await_using &&
              find_decl(stmt(0)->u.func->body_scope, "x")->kind == JS_DECL_USING,
          "await using declaration");
    OK_MODULE("using x = y; await using z = w;");
    parse_goal("await using z = w;", JS_PARSE_MODULE);
    CHECK(res.program->u.program.module->has_top_level_await, "await using is TLA");
    ERR("using x = y;", "top level of a script");
    ERR("{ using x; }", "missing initializer in using declaration");
    OK("{ using [x] = y; }");
    ERR("{ using [] = y; }", NULL);
    ERR("{ using let = y; }", "'let' is disallowed");
    ERR("switch (a) { case 1: using x = y; }", "switch");
    ERR("for (using x in y);", "for-in");
    ERR("{ using x = 1; var x; }", "already been declared");
    ERR("function f() { await using x = y; }", NULL);
}

static void test_identifiers_and_reserved(void)
{
    ERR("var if;", "reserved");
    ERR("var \\u0069f;", "reserved");
    ERR("\\u0069f (1) {}", NULL);
    OK("a.\\u0069f; ({ \\u0069f: 1 }); a.if; ({ if: 1, class: 2 })");
    ERR("({ \\u0069f })", NULL);
    ERR("'use strict'; var implements", "reserved");
    ERR("'use strict'; l\\u0065t = 1", "reserved");
    OK("l\\u0065t = 1");
    ERR("l\\u0065t x = 1", NULL);
    ERR("'use strict'; yield = 1", "yield");
    ERR("function* g() { yi\\u0065ld 1 }", NULL);
    ERR("async function f() { \\u0061wait x }", NULL);
    ERR("\\u0061sync function f() {}", NULL);
    ERR("for (x \\u006ff y);", NULL);
    ERR("'use strict'; var eval", "eval");
    ERR("'use strict'; try {} catch (arguments) {}", "arguments");
    ERR("'use strict'; function f(...eval) {}", "eval");
    ERR("'use strict'; [eval] = [1]", "eval");
    ERR("'use strict'; ({a: arguments} = {})", "arguments");
    OK("var \\u{1d4d1}; var ä, ℘, ゛");
    OK("var a\\u200c;");
    ERR("var a\\u2e2f", NULL);
}

/* ---------------------------------------------------------------------
 * Goals: eval and the Function constructor
 * ------------------------------------------------------------------- */

static int parse_eval(const char *src, uint32_t flags, bool strict, const JSParseName *names, uint32_t n)
{
    JSParseOptions o = opts(JS_PARSE_EVAL);
    o.context_flags = flags | JS_PARSE_CTX_DIRECT_EVAL;
    o.strict = strict;
    o.private_names = names;
    o.private_name_count = n;
    js_parse_result_free(&res);
    return js_parse(&res, src, strlen(src), &o);
}

static void test_eval(void)
{
    CHECK(parse_eval("new.target", 0, false, NULL, 0) == JS_PARSE_SYNTAX_ERROR, "eval new.target");
    CHECK(parse_eval("new.target", JS_PARSE_CTX_NEW_TARGET, false, NULL, 0) == JS_PARSE_OK, "new.target ok");
    CHECK(parse_eval("super.x", 0, false, NULL, 0) == JS_PARSE_SYNTAX_ERROR, "super.x");
    CHECK(parse_eval("super.x", JS_PARSE_CTX_SUPER_PROPERTY, false, NULL, 0) == JS_PARSE_OK, "super.x ok");
    CHECK(parse_eval("super()", JS_PARSE_CTX_SUPER_PROPERTY, false, NULL, 0) == JS_PARSE_SYNTAX_ERROR, "super()");
    CHECK(parse_eval("() => super()", JS_PARSE_CTX_SUPER_CALL, false, NULL, 0) == JS_PARSE_OK, "super() ok");
    CHECK(parse_eval("arguments", JS_PARSE_CTX_FIELD_INIT, false, NULL, 0) == JS_PARSE_SYNTAX_ERROR, "arguments");
    CHECK(parse_eval("() => arguments", JS_PARSE_CTX_FIELD_INIT, false, NULL, 0) == JS_PARSE_SYNTAX_ERROR,
          "arguments in arrow");
    CHECK(parse_eval("function f() { arguments }", JS_PARSE_CTX_FIELD_INIT, false, NULL, 0) == JS_PARSE_OK,
          "arguments in function");
    CHECK(parse_eval("with (a) {}", 0, true, NULL, 0) == JS_PARSE_SYNTAX_ERROR, "inherited strict");
    CHECK(parse_eval("return 1", 0, false, NULL, 0) == JS_PARSE_SYNTAX_ERROR, "return in eval");
    /* eval code is a Script, which may start with a hashbang comment */
    CHECK(parse_eval("#!x\n1", 0, false, NULL, 0) == JS_PARSE_OK, "hashbang in eval");
    CHECK(parse_eval("1\n#!x", 0, false, NULL, 0) == JS_PARSE_SYNTAX_ERROR, "hashbang not first");
    CHECK(parse_eval("var yield, await;", 0, false, NULL, 0) == JS_PARSE_OK, "eval is a Script");
    JSParseName names[] = {{"x", 1}, {"\xc3\xa9", 2}};
    CHECK(parse_eval("this.#x; #\\u00e9 in o", 0, true, names, 2) == JS_PARSE_OK, "outer private names");
    CHECK(parse_eval("this.#y", 0, true, names, 2) == JS_PARSE_SYNTAX_ERROR, "unknown private name");
    CHECK(parse_eval("class A { m() { this.#x } }", 0, true, names, 2) == JS_PARSE_OK, "nested class reaches outer");
    CHECK(parse_eval("{ function f() {} }", 0, false, NULL, 0) == JS_PARSE_OK &&
              hoisted(stmt(0)->u.block.body.items[0]) &&
              res.program->u.program.func->body_scope->kind == JS_SCOPE_EVAL,
          "eval annex B");
}

/* builds the CreateDynamicFunction source text and parses it */
static int parse_function_ctor(int kind, const char *params, const char *body)
{
    static const char *const prefixes[] = {"function", "function*", "async function", "async function*"};
    static char src[4096];
    int n = snprintf(src, sizeof(src), "%s anonymous(", prefixes[kind]);
    JSParseOptions o = opts(JS_PARSE_FUNCTION);
    o.function_kind = kind;
    o.params_start = (uint32_t)n;
    n += snprintf(src + n, sizeof(src) - n, "%s", params);
    o.params_end = (uint32_t)n;
    n += snprintf(src + n, sizeof(src) - n, "\n) {");
    o.body_start = (uint32_t)n;
    n += snprintf(src + n, sizeof(src) - n, "\n%s\n", body);
    o.body_end = (uint32_t)n;
    n += snprintf(src + n, sizeof(src) - n, "}");
    js_parse_result_free(&res);
    return js_parse(&res, src, (size_t)n, &o);
}

static void test_function_constructor(void)
{
    CHECK(parse_function_ctor(0, "a, b", "return a + b") == JS_PARSE_OK, "simple");
    JSNode *fn = expr(0);
    CHECK(fn->kind == JS_AST_FUNCTION_EXPRESSION && (fn->u.func->flags & JS_FUNC_DYNAMIC) &&
              fn->u.func->params.count == 2 && fn->u.func->body.count == 1 && !fn->u.func->id,
          "dynamic function shape");
    CHECK(parse_function_ctor(0, "a){}, (function(){", "") == JS_PARSE_SYNTAX_ERROR, "param injection");
    CHECK(parse_function_ctor(0, "/*", "*/){") == JS_PARSE_SYNTAX_ERROR, "comment injection");
    CHECK(parse_function_ctor(0, "", "}); (function() {") == JS_PARSE_SYNTAX_ERROR, "body injection");
    CHECK(parse_function_ctor(0, "a //", "return a") == JS_PARSE_OK, "line comment in params");
    CHECK(parse_function_ctor(0, "a,", "") == JS_PARSE_OK, "trailing comma");
    CHECK(parse_function_ctor(0, ",", "") == JS_PARSE_SYNTAX_ERROR, "lone comma");
    CHECK(parse_function_ctor(0, "a, a", "'use strict'") == JS_PARSE_SYNTAX_ERROR, "strict duplicates");
    CHECK(parse_function_ctor(0, "a = 1", "'use strict'") == JS_PARSE_SYNTAX_ERROR, "non-simple strict");
    CHECK(parse_function_ctor(0, "a", "let a") == JS_PARSE_SYNTAX_ERROR, "param vs lexical");
    CHECK(parse_function_ctor(1, "", "yield 1") == JS_PARSE_OK, "generator body");
    CHECK(parse_function_ctor(1, "a = yield", "") == JS_PARSE_SYNTAX_ERROR, "yield in generator params");
    CHECK(parse_function_ctor(2, "", "await 1") == JS_PARSE_OK, "async body");
    CHECK(parse_function_ctor(0, "", "await 1") == JS_PARSE_SYNTAX_ERROR, "await in plain body");
    CHECK(parse_function_ctor(3, "", "yield await 1") == JS_PARSE_OK, "async generator body");
    CHECK(parse_function_ctor(0, "", "super.x") == JS_PARSE_SYNTAX_ERROR, "super in Function");
    CHECK(parse_function_ctor(0, "", "new.target") == JS_PARSE_OK, "new.target in Function");
    CHECK(parse_function_ctor(0, "", "-->") == JS_PARSE_OK, "html close comment at line start");
    CHECK(parse_function_ctor(0, "", "return") == JS_PARSE_OK, "return");
    CHECK(parse_function_ctor(0, "", "\\u0030") == JS_PARSE_SYNTAX_ERROR, "error in body");
    CHECK(res.error.line == 3, "error line in synthesized text: %u", res.error.line);
}

/* ---------------------------------------------------------------------
 * Limits: stack and memory
 * ------------------------------------------------------------------- */

static char *repeat3(const char *open, int n, const char *middle, const char *close)
{
    size_t lo = strlen(open), lm = strlen(middle), lc = strlen(close);
    char *s = malloc(n * (lo + lc) + lm + 1);
    char *p = s;
    for (int i = 0; i < n; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, middle, lm);
    p += lm;
    for (int i = 0; i < n; i++, p += lc)
        memcpy(p, close, lc);
    *p = 0;
    return s;
}

static void test_stack_limit(void)
{
    static const char *const cases[][3] = {
        {"(", "a", ")"}, {"[", "", "]"}, {"{", "", "}"}, {"-", "a", ""}, {"a = ", "b", ""},
        {"if (a) ", ";", ""}, {"() => ", "a", ""}, {"function f() {", "", "}"},
        {"`${", "a", "}`"}, {"class A extends (", "B", ") {}"}, {"a ? b : ", "c", ""}, {"[", "", "] = x"},
        {"x = {a: ", "1", "}"},
        {"x => ", "x", ""}, {"new ", "a", ""}, {"a ** ", "b", ""},
    };
    JSParseOptions o = opts(JS_PARSE_SCRIPT);
    o.stack_limit = (uintptr_t)__builtin_frame_address(0) - 1024 * 1024;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *src = repeat3(cases[i][0], 100000, cases[i][1], cases[i][2]);
        js_parse_result_free(&res);
        int r = js_parse(&res, src, strlen(src), &o);
        CHECK(r == JS_PARSE_STACK_OVERFLOW, "stack overflow for %s...%s: %d %s", cases[i][0], cases[i][2], r,
              res.error.message);
        free(src);
    }
    /* moderate nesting works with the same limit */
    char *src = repeat3("(", 50, "[a, {b: function () { if (a) { return c; } }}]", ")");
    js_parse_result_free(&res);
    CHECK(js_parse(&res, src, strlen(src), &o) == JS_PARSE_OK, "50 parentheses: %s", res.error.message);
    free(src);
}

static const char oom_source[] =
    "'use strict';\n"
    "import_ = 1;\n"
    "var a = [1, 2, 3].map((x, y = 2) => x * y), b = {c, d: `t${a}u`, ...e, [f]: g, get h() { return 1; }};\n"
    "class K extends Base { #p = 1; static s = 2; constructor() { super(); this.#p++; } *gen() { yield* [1]; }"
    " static { let z = 1; } }\n"
    "for (let i = 0; i < 10; i++) { label: for (const k of [i]) { if (k) continue label; else break; } }\n"
    "switch (a) { case 1: { let q; } default: function w() {} }\n"
    "try { throw new Error('x'); } catch ({message}) { void message; } finally { }\n"
    "async function af(...r) { for await (const v of r) await v; return /re[/]g/u.test('s'); }\n"
    "const {aa, bb: [cc = 1, ...dd], ...ee} = b ?? {}; a?.b?.[c]?.(d);\n"
    "function longname1() {} function longname2() {} function longname3() {}\n";

static void test_out_of_memory(void)
{
    /* count the allocations of a successful parse, then fail each one */
    Alloc a = {0, 0, -1};
    JSParseOptions o = opts(JS_PARSE_SCRIPT);
    o.opaque = &a;
    JSParseResult r;
    int kind = js_parse(&r, oom_source, strlen(oom_source), &o);
    CHECK(kind == JS_PARSE_OK, "oom source parses: %s", r.error.message);
    js_parse_result_free(&r);
    CHECK(a.live == 0, "no leak after success");
    long total = a.count;
    CHECK(total > 0, "allocations counted");
    int bad = 0;
    for (long n = 0; n < total; n++) {
        Alloc f = {0, 0, n};
        o.opaque = &f;
        kind = js_parse(&r, oom_source, strlen(oom_source), &o);
        if (kind != JS_PARSE_OUT_OF_MEMORY || r.program)
            bad++;
        js_parse_result_free(&r);
        if (f.live != 0)
            bad++;
    }
    CHECK(bad == 0, "%d bad outcomes in %ld allocation failures", bad, total);

    /* a source big enough to need many arena chunks */
    size_t len = 0;
    char *big = malloc(400000);
    for (int i = 0; len < 390000; i++)
        len += (size_t)sprintf(big + len, "var v%d = {k%d: [%d, 'str%d'], f() { return v%d; }};\n", i, i, i, i, i);
    a = (Alloc){0, 0, -1};
    o.opaque = &a;
    kind = js_parse(&r, big, len, &o);
    CHECK(kind == JS_PARSE_OK, "big source");
    js_parse_result_free(&r);
    total = a.count;
    bad = 0;
    for (long n = 0; n < total; n++) {
        Alloc f = {0, 0, n};
        o.opaque = &f;
        kind = js_parse(&r, big, len, &o);
        if (kind != JS_PARSE_OUT_OF_MEMORY)
            bad++;
        js_parse_result_free(&r);
        if (f.live != 0)
            bad++;
    }
    CHECK(bad == 0 && total > 10, "%d bad outcomes in %ld failures (big source)", bad, total);
    free(big);

    /* the module records and the Function constructor's copy of the source */
    static const char module_src[] =
        "import a, {b as c, 'd e' as f} from 'm' with {type: 'json'}; import * as ns from 'n';\n"
        "export {a, c as g, ns}; export * from 'o'; export * as p from 'q'; export default class {}\n"
        "export let h = 1, i = 2; export function j() {} await a;";
    o.goal = JS_PARSE_MODULE;
    a = (Alloc){0, 0, -1};
    o.opaque = &a;
    CHECK(js_parse(&r, module_src, strlen(module_src), &o) == JS_PARSE_OK, "module source: %s", r.error.message);
    js_parse_result_free(&r);
    total = a.count;
    bad = 0;
    for (long n = 0; n < total; n++) {
        Alloc f = {0, 0, n};
        o.opaque = &f;
        if (js_parse(&r, module_src, strlen(module_src), &o) != JS_PARSE_OUT_OF_MEMORY)
            bad++;
        js_parse_result_free(&r);
        bad += f.live != 0;
    }
    CHECK(bad == 0, "%d bad outcomes in %ld failures (module)", bad, total);
    bad = 0;
    js_parse_result_free(&res);
    for (long n = 0; n < 64; n++) {
        g_alloc = (Alloc){0, 0, n};
        int k = parse_function_ctor(3, "a, {b}, ...c", "for await (const x of c) yield x;");
        js_parse_result_free(&res);
        if (k != JS_PARSE_OUT_OF_MEMORY && k != JS_PARSE_OK) {
            printf("Function ctor fail at %ld: %d %s\n", n, k, res.error.message);
            bad++;
        }
        bad += g_alloc.live != 0;
    }
    g_alloc = (Alloc){0, 0, -1};
    CHECK(bad == 0, "%d bad outcomes (Function constructor)", bad);
    CHECK(strcmp(r.error.message, "out of memory") == 0, "OOM message");
}

int main(void)
{
    test_literals();
    test_comments_and_lines();
    test_positions();
    test_expressions();
    test_cover_grammar();
    test_asi();
    test_statements();
    test_declarations_and_scopes();
    test_annexb();
    test_functions();
    test_classes();
    test_modules();
    test_identifiers_and_reserved();
    test_using();
    test_eval();
    test_function_constructor();
    test_stack_limit();
    test_out_of_memory();
    js_parse_result_free(&res);
    CHECK(g_alloc.live == 0, "no leaks (%ld live)", g_alloc.live);
    printf("test_parser: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
