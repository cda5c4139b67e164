/*
 * ast.c — memory of the AST: the arena every node, list and string of a
 * parse is allocated from, and the kind names used in diagnostics.
 *
 * The arena is a list of chunks obtained from the embedder's allocator;
 * objects are never freed one by one, the whole list goes at once.
 */
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "lexer.h"

struct JSAstChunk {
    JSAstChunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    max_align_t data[];
};

#define CHUNK_MIN 8192
#define CHUNK_MAX (64 * 1024)

void *js_ast_arena_alloc(JSAstArena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    JSAstChunk *c = *a->chunks;
    if (c && c->size - c->used >= size) {
        void *p = (char *)c->data + c->used;
        c->used += size;
        return p;
    }
    size_t chunk = a->next_chunk;
    if (chunk < size)
        chunk = size;
    JSAstChunk *n = a->malloc(a->opaque, sizeof(JSAstChunk) + chunk);
    if (!n)
        return NULL;
    n->size = chunk;
    n->used = size;
    /* a big object gets its own chunk behind the current one, so that the
       current chunk's free space is not lost */
    if (c && size > a->next_chunk) {
        n->next = c->next;
        c->next = n;
    } else {
        n->next = c;
        *a->chunks = n;
        if (a->next_chunk < CHUNK_MAX)
            a->next_chunk *= 2;
    }
    return n->data;
}

void js_ast_arena_init(JSAstArena *a, JSAstChunk **chunks, void *(*m)(void *, size_t),
                       void (*f)(void *, void *), void *opaque)
{
    a->chunks = chunks;
    a->malloc = m;
    a->free = f;
    a->opaque = opaque;
    a->next_chunk = CHUNK_MIN;
}

void js_ast_arena_free_all(JSAstChunk **chunks, void (*f)(void *, void *), void *opaque)
{
    JSAstChunk *c = *chunks;
    while (c) {
        JSAstChunk *next = c->next;
        f(opaque, c);
        c = next;
    }
    *chunks = NULL;
}

static const char *const kind_names[JS_AST_KIND_COUNT] = {
    [JS_AST_PROGRAM] = "Program",
    [JS_AST_IDENTIFIER] = "Identifier",
    [JS_AST_PRIVATE_IDENTIFIER] = "PrivateIdentifier",
    [JS_AST_NULL_LITERAL] = "NullLiteral",
    [JS_AST_BOOLEAN_LITERAL] = "BooleanLiteral",
    [JS_AST_NUMBER_LITERAL] = "NumberLiteral",
    [JS_AST_STRING_LITERAL] = "StringLiteral",
    [JS_AST_BIGINT_LITERAL] = "BigIntLiteral",
    [JS_AST_REGEXP_LITERAL] = "RegExpLiteral",
    [JS_AST_TEMPLATE_LITERAL] = "TemplateLiteral",
    [JS_AST_TEMPLATE_ELEMENT] = "TemplateElement",
    [JS_AST_TAGGED_TEMPLATE] = "TaggedTemplateExpression",
    [JS_AST_THIS] = "ThisExpression",
    [JS_AST_SUPER] = "Super",
    [JS_AST_ARRAY_EXPRESSION] = "ArrayExpression",
    [JS_AST_OBJECT_EXPRESSION] = "ObjectExpression",
    [JS_AST_PROPERTY] = "Property",
    [JS_AST_FUNCTION_EXPRESSION] = "FunctionExpression",
    [JS_AST_ARROW_FUNCTION] = "ArrowFunctionExpression",
    [JS_AST_CLASS_EXPRESSION] = "ClassExpression",
    [JS_AST_UNARY] = "UnaryExpression",
    [JS_AST_UPDATE] = "UpdateExpression",
    [JS_AST_BINARY] = "BinaryExpression",
    [JS_AST_LOGICAL] = "LogicalExpression",
    [JS_AST_ASSIGNMENT] = "AssignmentExpression",
    [JS_AST_CONDITIONAL] = "ConditionalExpression",
    [JS_AST_CALL] = "CallExpression",
    [JS_AST_NEW] = "NewExpression",
    [JS_AST_MEMBER] = "MemberExpression",
    [JS_AST_CHAIN] = "ChainExpression",
    [JS_AST_SEQUENCE] = "SequenceExpression",
    [JS_AST_YIELD] = "YieldExpression",
    [JS_AST_AWAIT] = "AwaitExpression",
    [JS_AST_IMPORT_CALL] = "ImportExpression",
    [JS_AST_META_PROPERTY] = "MetaProperty",
    [JS_AST_SPREAD] = "SpreadElement",
    [JS_AST_OBJECT_PATTERN] = "ObjectPattern",
    [JS_AST_ARRAY_PATTERN] = "ArrayPattern",
    [JS_AST_REST_ELEMENT] = "RestElement",
    [JS_AST_ASSIGNMENT_PATTERN] = "AssignmentPattern",
    [JS_AST_METHOD_DEFINITION] = "MethodDefinition",
    [JS_AST_PROPERTY_DEFINITION] = "PropertyDefinition",
    [JS_AST_STATIC_BLOCK] = "StaticBlock",
    [JS_AST_EXPRESSION_STATEMENT] = "ExpressionStatement",
    [JS_AST_BLOCK] = "BlockStatement",
    [JS_AST_EMPTY] = "EmptyStatement",
    [JS_AST_DEBUGGER] = "DebuggerStatement",
    [JS_AST_WITH] = "WithStatement",
    [JS_AST_RETURN] = "ReturnStatement",
    [JS_AST_LABELED] = "LabeledStatement",
    [JS_AST_BREAK] = "BreakStatement",
    [JS_AST_CONTINUE] = "ContinueStatement",
    [JS_AST_IF] = "IfStatement",
    [JS_AST_SWITCH] = "SwitchStatement",
    [JS_AST_SWITCH_CASE] = "SwitchCase",
    [JS_AST_THROW] = "ThrowStatement",
    [JS_AST_TRY] = "TryStatement",
    [JS_AST_CATCH_CLAUSE] = "CatchClause",
    [JS_AST_WHILE] = "WhileStatement",
    [JS_AST_DO_WHILE] = "DoWhileStatement",
    [JS_AST_FOR] = "ForStatement",
    [JS_AST_FOR_IN] = "ForInStatement",
    [JS_AST_FOR_OF] = "ForOfStatement",
    [JS_AST_FUNCTION_DECLARATION] = "FunctionDeclaration",
    [JS_AST_VARIABLE_DECLARATION] = "VariableDeclaration",
    [JS_AST_VARIABLE_DECLARATOR] = "VariableDeclarator",
    [JS_AST_CLASS_DECLARATION] = "ClassDeclaration",
    [JS_AST_IMPORT_DECLARATION] = "ImportDeclaration",
    [JS_AST_IMPORT_SPECIFIER] = "ImportSpecifier",
    [JS_AST_IMPORT_DEFAULT_SPECIFIER] = "ImportDefaultSpecifier",
    [JS_AST_IMPORT_NAMESPACE_SPECIFIER] = "ImportNamespaceSpecifier",
    [JS_AST_IMPORT_ATTRIBUTE] = "ImportAttribute",
    [JS_AST_EXPORT_NAMED] = "ExportNamedDeclaration",
    [JS_AST_EXPORT_SPECIFIER] = "ExportSpecifier",
    [JS_AST_EXPORT_DEFAULT] = "ExportDefaultDeclaration",
    [JS_AST_EXPORT_ALL] = "ExportAllDeclaration",
};

const char *js_ast_kind_name(JSNodeKind kind)
{
    if ((unsigned)kind < JS_AST_KIND_COUNT && kind_names[kind])
        return kind_names[kind];
    return "?";
}

/* ---------------------------------------------------------------------
 * Children
 * ------------------------------------------------------------------- */

typedef void VisitFn(void *opaque, JSNode *child);

static void visit(JSNode *n, VisitFn *fn, void *opaque)
{
    if (n)
        fn(opaque, n);
}

static void visit_list(JSNodeList l, VisitFn *fn, void *opaque)
{
    for (uint32_t i = 0; i < l.count; i++)
        visit(l.items[i], fn, opaque);
}

static void visit_function(JSAstFunction *f, VisitFn *fn, void *opaque)
{
    visit(f->id, fn, opaque);
    visit_list(f->params, fn, opaque);
    visit_list(f->body, fn, opaque);
    visit(f->expr_body, fn, opaque);
}

void js_ast_visit_children(JSNode *n, VisitFn *fn, void *opaque)
{
    switch ((JSNodeKind)n->kind) {
    case JS_AST_PROGRAM:
        visit_list(n->u.program.func->body, fn, opaque);
        break;
    case JS_AST_TEMPLATE_LITERAL:
        for (uint32_t i = 0; i < n->u.template.quasis.count; i++) {
            visit(n->u.template.quasis.items[i], fn, opaque);
            if (i < n->u.template.expressions.count)
                visit(n->u.template.expressions.items[i], fn, opaque);
        }
        break;
    case JS_AST_TAGGED_TEMPLATE:
        visit(n->u.tagged.tag, fn, opaque);
        visit(n->u.tagged.quasi, fn, opaque);
        break;
    case JS_AST_ARRAY_EXPRESSION:
    case JS_AST_OBJECT_EXPRESSION:
    case JS_AST_SEQUENCE:
    case JS_AST_OBJECT_PATTERN:
    case JS_AST_ARRAY_PATTERN:
        visit_list(n->u.list, fn, opaque);
        break;
    case JS_AST_PROPERTY:
        /* a shorthand's key and value are separate nodes for the same text */
        visit(n->u.property.key, fn, opaque);
        visit(n->u.property.value, fn, opaque);
        break;
    case JS_AST_FUNCTION_EXPRESSION:
    case JS_AST_ARROW_FUNCTION:
    case JS_AST_FUNCTION_DECLARATION:
    case JS_AST_STATIC_BLOCK:
        visit_function(n->u.func, fn, opaque);
        break;
    case JS_AST_CLASS_EXPRESSION:
    case JS_AST_CLASS_DECLARATION:
        visit(n->u.klass->id, fn, opaque);
        visit(n->u.klass->super_class, fn, opaque);
        visit_list(n->u.klass->body, fn, opaque);
        break;
    case JS_AST_UNARY:
    case JS_AST_UPDATE:
    case JS_AST_AWAIT:
    case JS_AST_SPREAD:
    case JS_AST_REST_ELEMENT:
    case JS_AST_RETURN:
    case JS_AST_THROW:
        visit(n->u.unary.argument, fn, opaque);
        break;
    case JS_AST_BINARY:
    case JS_AST_LOGICAL:
    case JS_AST_ASSIGNMENT:
    case JS_AST_ASSIGNMENT_PATTERN:
        visit(n->u.binary.left, fn, opaque);
        visit(n->u.binary.right, fn, opaque);
        break;
    case JS_AST_CONDITIONAL:
    case JS_AST_IF:
        visit(n->u.conditional.test, fn, opaque);
        visit(n->u.conditional.consequent, fn, opaque);
        visit(n->u.conditional.alternate, fn, opaque);
        break;
    case JS_AST_CALL:
    case JS_AST_NEW:
        visit(n->u.call.callee, fn, opaque);
        visit_list(n->u.call.arguments, fn, opaque);
        break;
    case JS_AST_MEMBER:
        visit(n->u.member.object, fn, opaque);
        visit(n->u.member.property, fn, opaque);
        break;
    case JS_AST_CHAIN:
        visit(n->u.chain.expression, fn, opaque);
        break;
    case JS_AST_YIELD:
        visit(n->u.yield.argument, fn, opaque);
        break;
    case JS_AST_IMPORT_CALL:
        visit(n->u.import_call.source, fn, opaque);
        visit(n->u.import_call.options, fn, opaque);
        break;
    case JS_AST_METHOD_DEFINITION:
        visit(n->u.method.key, fn, opaque);
        visit(n->u.method.value, fn, opaque);
        break;
    case JS_AST_PROPERTY_DEFINITION:
        visit(n->u.field.key, fn, opaque);
        visit(n->u.field.value, fn, opaque);
        break;
    case JS_AST_EXPRESSION_STATEMENT:
        visit(n->u.expr_stmt.expression, fn, opaque);
        break;
    case JS_AST_BLOCK:
        visit_list(n->u.block.body, fn, opaque);
        break;
    case JS_AST_WITH:
        visit(n->u.with.object, fn, opaque);
        visit(n->u.with.body, fn, opaque);
        break;
    case JS_AST_LABELED:
        visit(n->u.labeled.label, fn, opaque);
        visit(n->u.labeled.body, fn, opaque);
        break;
    case JS_AST_BREAK:
    case JS_AST_CONTINUE:
        visit(n->u.jump.label, fn, opaque);
        break;
    case JS_AST_SWITCH:
        visit(n->u.switch_stmt.discriminant, fn, opaque);
        visit_list(n->u.switch_stmt.cases, fn, opaque);
        break;
    case JS_AST_SWITCH_CASE:
        visit(n->u.switch_case.test, fn, opaque);
        visit_list(n->u.switch_case.consequent, fn, opaque);
        break;
    case JS_AST_TRY:
        visit(n->u.try_stmt.block, fn, opaque);
        visit(n->u.try_stmt.handler, fn, opaque);
        visit(n->u.try_stmt.finalizer, fn, opaque);
        break;
    case JS_AST_CATCH_CLAUSE:
        visit(n->u.catch_clause.param, fn, opaque);
        visit(n->u.catch_clause.body, fn, opaque);
        break;
    case JS_AST_WHILE:
        visit(n->u.loop.test, fn, opaque);
        visit(n->u.loop.body, fn, opaque);
        break;
    case JS_AST_DO_WHILE:
        visit(n->u.loop.body, fn, opaque);
        visit(n->u.loop.test, fn, opaque);
        break;
    case JS_AST_FOR:
        visit(n->u.for_stmt.init, fn, opaque);
        visit(n->u.for_stmt.test, fn, opaque);
        visit(n->u.for_stmt.update, fn, opaque);
        visit(n->u.for_stmt.body, fn, opaque);
        break;
    case JS_AST_FOR_IN:
    case JS_AST_FOR_OF:
        visit(n->u.for_in.left, fn, opaque);
        visit(n->u.for_in.right, fn, opaque);
        visit(n->u.for_in.body, fn, opaque);
        break;
    case JS_AST_VARIABLE_DECLARATION:
        visit_list(n->u.var_decl.declarations, fn, opaque);
        break;
    case JS_AST_VARIABLE_DECLARATOR:
        visit(n->u.declarator.id, fn, opaque);
        visit(n->u.declarator.init, fn, opaque);
        break;
    case JS_AST_IMPORT_DECLARATION:
        visit_list(n->u.import_decl.specifiers, fn, opaque);
        visit(n->u.import_decl.source, fn, opaque);
        visit_list(n->u.import_decl.attributes, fn, opaque);
        break;
    case JS_AST_IMPORT_SPECIFIER:
        visit(n->u.specifier.imported, fn, opaque);
        visit(n->u.specifier.local, fn, opaque);
        break;
    case JS_AST_EXPORT_SPECIFIER:
        visit(n->u.specifier.local, fn, opaque);
        visit(n->u.specifier.imported, fn, opaque);
        break;
    case JS_AST_IMPORT_DEFAULT_SPECIFIER:
    case JS_AST_IMPORT_NAMESPACE_SPECIFIER:
        visit(n->u.specifier.local, fn, opaque);
        break;
    case JS_AST_IMPORT_ATTRIBUTE:
        visit(n->u.attribute.key, fn, opaque);
        visit(n->u.attribute.value, fn, opaque);
        break;
    case JS_AST_EXPORT_NAMED:
        visit(n->u.export_named.declaration, fn, opaque);
        visit_list(n->u.export_named.specifiers, fn, opaque);
        visit(n->u.export_named.source, fn, opaque);
        visit_list(n->u.export_named.attributes, fn, opaque);
        break;
    case JS_AST_EXPORT_DEFAULT:
        visit(n->u.export_default.declaration, fn, opaque);
        break;
    case JS_AST_EXPORT_ALL:
        visit(n->u.export_all.exported, fn, opaque);
        visit(n->u.export_all.source, fn, opaque);
        visit_list(n->u.export_all.attributes, fn, opaque);
        break;
    default:
        /* leaves: identifiers, literals, this, super, meta properties,
           template elements, empty and debugger statements */
        break;
    }
}
