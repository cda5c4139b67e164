/*
 * ast.h — the abstract syntax tree produced by the parser (parser.h) and
 * consumed by the bytecode compiler. This header is the contract between
 * the two.
 *
 * Shape. Node kinds and field names follow ESTree (the public description
 * of JavaScript ASTs) so that anyone who knows ESTree knows this tree:
 * JS_AST_CALL is ESTree's CallExpression, its fields are callee, arguments
 * and optional, and so on. The differences are listed here once:
 *   - Literal is split by type (NULL_LITERAL, BOOLEAN_LITERAL, ...).
 *   - FunctionDeclaration, FunctionExpression and ArrowFunctionExpression
 *     share one struct, JSAstFunction, which also carries everything the
 *     compiler needs to know about the function (flags, scopes, the
 *     source range for Function.prototype.toString). Program, class field
 *     initializers and class static blocks are functions too.
 *   - ClassBody is folded into the class (JSAstClass.body).
 *   - A function body is a statement list (JSAstFunction.body), not a
 *     BlockStatement; directives are the leading EXPRESSION_STATEMENTs whose
 *     `directive` field is set.
 *   - Parentheses leave no node, but set JS_NODE_F_PAREN on the inner
 *     expression (ESTree's ParenthesizedExpression is not produced).
 *
 * Memory. Every node, list and string lives in the arena of the
 * JSParseResult that produced it and dies with js_parse_result_free().
 * The compiler may write to the `atom` field of strings and to the
 * `compiler` slot of nodes; nothing else should be modified.
 *
 * Positions. Every node has the byte offsets [start, end) of its source
 * text, and the 1-based line and column of `start` (columns count UTF-16
 * code units, as stack traces show them).
 *
 * Scopes. Every node that creates a scope points to a JSAstScope listing
 * the names it declares; see "Scopes" below. Resolving references to
 * declarations is the compiler's job; the parser has already checked every
 * early error, so the compiler can assume the tree is valid.
 *
 * Notes for the compiler:
 *   - NamedEvaluation: a FUNCTION_EXPRESSION / CLASS_EXPRESSION without id,
 *     and every ARROW_FUNCTION, is anonymous. It takes a name from
 *     `var/let/const x = f`, `x = f`, `x ||= f` (IDENTIFIER target without
 *     JS_NODE_F_PAREN: `(x) = function(){}` gives no name), defaults in
 *     patterns (`{x = f}`, `[x = f]`), non-computed property keys
 *     (`{x: f}`, except `__proto__: f`, property.proto), class fields
 *     (`x = f`, `#x = f` -> "#x"), `export default` (-> "default"); a
 *     parenthesized function is still a function definition
 *     (`var x = (function(){})` is named "x").
 *   - A direct eval is a CALL whose callee is the IDENTIFIER `eval`
 *     (possibly parenthesized) and which is not optional; the enclosing
 *     functions carry JS_FUNC_HAS_EVAL / JS_FUNC_INNER_EVAL.
 *   - `export default <expression>` binds the name "*default*" in the
 *     module scope (a JS_DECL_CONST decl whose node is the expression);
 *     `export default function(){}` / `class {}` bind "*default*" too.
 *   - Class field initializers: PROPERTY_DEFINITION.value is the
 *     expression and .init the JSAstFunction around it (flags, scope): a
 *     method whose `this` is the instance (or the class for static ones).
 *   - JS_FUNC_USES_THIS is also set by super.x and super(...), which use
 *     the this binding.
 *   - `for (var x = 1 in o)` (Annex B) keeps the initializer in the
 *     declarator: evaluate it before the loop.
 *   - Directives stay in the body as EXPRESSION_STATEMENTs of their string
 *     literal (they evaluate to it: eval("'use strict'") is "use strict").
 */
#ifndef WEFT_AST_H
#define WEFT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct JSNode JSNode;
typedef struct JSAstScope JSAstScope;
typedef struct JSAstFunction JSAstFunction;

/* ---------------------------------------------------------------------
 * Strings
 *
 * Identifier names, property keys, string literal values, template
 * strings and regexp sources are JSAstStrings. All strings of one parse
 * are interned: two strings with the same contents are the same pointer,
 * so names compare with ==. A string is stored as Latin-1 when all its
 * code units are below 0x100, else as UTF-16 (string literals may hold
 * lone surrogates, e.g. "\uD800").
 * ------------------------------------------------------------------- */
typedef struct JSAstString {
    uint32_t len;  /* length in UTF-16 code units */
    uint32_t hash; /* hash of the code units; equal for both widths */
    uint32_t atom; /* 0; the compiler may cache the engine's atom here */
    uint8_t wide;  /* 0: u.chars8 is valid, 1: u.chars16 is valid */
    union {
        const uint8_t *chars8;
        const uint16_t *chars16;
    } u;
} JSAstString;

static inline uint32_t js_ast_string_at(const JSAstString *s, uint32_t i)
{
    return s->wide ? s->u.chars16[i] : s->u.chars8[i];
}

/* A list of child nodes. Array elision holes are NULL items. */
typedef struct JSNodeList {
    JSNode **items;
    uint32_t count;
} JSNodeList;

/* ---------------------------------------------------------------------
 * Node kinds
 * ------------------------------------------------------------------- */
typedef enum JSNodeKind {
    JS_AST_PROGRAM = 1, /* u.program */

    /* expressions */
    JS_AST_IDENTIFIER,         /* u.ident */
    JS_AST_PRIVATE_IDENTIFIER, /* u.ident (name without '#'); as the property of a
                                  MEMBER, or the left operand of BINARY `in` */
    JS_AST_NULL_LITERAL,
    JS_AST_BOOLEAN_LITERAL, /* u.boolean */
    JS_AST_NUMBER_LITERAL,  /* u.number */
    JS_AST_STRING_LITERAL,  /* u.string */
    JS_AST_BIGINT_LITERAL,  /* u.bigint */
    JS_AST_REGEXP_LITERAL,  /* u.regexp */
    JS_AST_TEMPLATE_LITERAL, /* u.template */
    JS_AST_TEMPLATE_ELEMENT, /* u.template_element */
    JS_AST_TAGGED_TEMPLATE,  /* u.tagged */
    JS_AST_THIS,
    JS_AST_SUPER, /* only as callee of CALL or object of MEMBER */
    JS_AST_ARRAY_EXPRESSION,  /* u.list (elements; NULL = hole) */
    JS_AST_OBJECT_EXPRESSION, /* u.list (PROPERTY or SPREAD) */
    JS_AST_PROPERTY,          /* u.property */
    JS_AST_FUNCTION_EXPRESSION, /* u.func */
    JS_AST_ARROW_FUNCTION,      /* u.func */
    JS_AST_CLASS_EXPRESSION,    /* u.klass */
    JS_AST_UNARY,               /* u.unary */
    JS_AST_UPDATE,              /* u.unary */
    JS_AST_BINARY,              /* u.binary */
    JS_AST_LOGICAL,             /* u.binary */
    JS_AST_ASSIGNMENT,          /* u.binary (left is a pattern or simple target) */
    JS_AST_CONDITIONAL,         /* u.conditional */
    JS_AST_CALL,                /* u.call */
    JS_AST_NEW,                 /* u.call */
    JS_AST_MEMBER,              /* u.member */
    JS_AST_CHAIN,               /* u.chain: the root of an optional chain */
    JS_AST_SEQUENCE,            /* u.list */
    JS_AST_YIELD,               /* u.yield */
    JS_AST_AWAIT,               /* u.unary (argument) */
    JS_AST_IMPORT_CALL,         /* u.import_call: import(source, options) */
    JS_AST_META_PROPERTY,       /* u.meta: new.target / import.meta */
    JS_AST_SPREAD,              /* u.unary (argument): in arrays, calls, objects */

    /* patterns (targets of declarations, parameters and destructuring
       assignment) */
    JS_AST_OBJECT_PATTERN,     /* u.list (PROPERTY with pattern values, or REST) */
    JS_AST_ARRAY_PATTERN,      /* u.list (patterns; NULL = hole) */
    JS_AST_REST_ELEMENT,       /* u.unary (argument) */
    JS_AST_ASSIGNMENT_PATTERN, /* u.binary (left = target, right = default) */

    /* class elements */
    JS_AST_METHOD_DEFINITION,   /* u.method */
    JS_AST_PROPERTY_DEFINITION, /* u.field */
    JS_AST_STATIC_BLOCK,        /* u.func (flags JS_FUNC_STATIC_BLOCK) */

    /* statements */
    JS_AST_EXPRESSION_STATEMENT, /* u.expr_stmt */
    JS_AST_BLOCK,                /* u.block */
    JS_AST_EMPTY,
    JS_AST_DEBUGGER,
    JS_AST_WITH,      /* u.with */
    JS_AST_RETURN,    /* u.unary (argument, may be NULL) */
    JS_AST_LABELED,   /* u.labeled */
    JS_AST_BREAK,     /* u.jump */
    JS_AST_CONTINUE,  /* u.jump */
    JS_AST_IF,        /* u.if_stmt */
    JS_AST_SWITCH,    /* u.switch_stmt */
    JS_AST_SWITCH_CASE, /* u.switch_case */
    JS_AST_THROW,     /* u.unary (argument) */
    JS_AST_TRY,       /* u.try_stmt */
    JS_AST_CATCH_CLAUSE, /* u.catch_clause */
    JS_AST_WHILE,     /* u.loop (test, body) */
    JS_AST_DO_WHILE,  /* u.loop (test, body) */
    JS_AST_FOR,       /* u.for_stmt */
    JS_AST_FOR_IN,    /* u.for_in */
    JS_AST_FOR_OF,    /* u.for_in (is_await for `for await`) */
    JS_AST_FUNCTION_DECLARATION, /* u.func */
    JS_AST_VARIABLE_DECLARATION, /* u.var_decl */
    JS_AST_VARIABLE_DECLARATOR,  /* u.declarator */
    JS_AST_CLASS_DECLARATION,    /* u.klass */

    /* modules */
    JS_AST_IMPORT_DECLARATION,        /* u.import_decl */
    JS_AST_IMPORT_SPECIFIER,          /* u.specifier: import {imported as local} */
    JS_AST_IMPORT_DEFAULT_SPECIFIER,  /* u.specifier (local) */
    JS_AST_IMPORT_NAMESPACE_SPECIFIER, /* u.specifier (local) */
    JS_AST_IMPORT_ATTRIBUTE,          /* u.attribute: key: "value" */
    JS_AST_EXPORT_NAMED,              /* u.export_named */
    JS_AST_EXPORT_SPECIFIER,          /* u.specifier: export {local as exported} */
    JS_AST_EXPORT_DEFAULT,            /* u.export_default */
    JS_AST_EXPORT_ALL,                /* u.export_all: export * [as exported] from */

    JS_AST_KIND_COUNT
} JSNodeKind;

/* Operators of UNARY, UPDATE, BINARY, LOGICAL and ASSIGNMENT nodes. */
typedef enum JSAstOp {
    JS_OP_NONE,
    /* unary */
    JS_OP_NEG, JS_OP_PLUS, JS_OP_NOT, JS_OP_BITNOT, JS_OP_TYPEOF, JS_OP_VOID, JS_OP_DELETE,
    /* update */
    JS_OP_INC, JS_OP_DEC,
    /* binary */
    JS_OP_ADD, JS_OP_SUB, JS_OP_MUL, JS_OP_DIV, JS_OP_MOD, JS_OP_EXP,
    JS_OP_SHL, JS_OP_SAR, JS_OP_SHR, JS_OP_BITAND, JS_OP_BITOR, JS_OP_BITXOR,
    JS_OP_EQ, JS_OP_NE, JS_OP_STRICT_EQ, JS_OP_STRICT_NE,
    JS_OP_LT, JS_OP_GT, JS_OP_LE, JS_OP_GE, JS_OP_IN, JS_OP_INSTANCEOF,
    /* logical */
    JS_OP_AND, JS_OP_OR, JS_OP_NULLISH,
    /* assignment: JS_OP_ASSIGN is `=`; compound assignments carry the
       binary or logical operator they apply (JS_OP_ADD for `+=`,
       JS_OP_NULLISH for `??=`, ...) */
    JS_OP_ASSIGN,
} JSAstOp;

/* JSNode.flags */
enum {
    JS_NODE_F_PAREN = 1 << 0,         /* the expression was written in parentheses */
    JS_NODE_F_TRAILING_COMMA = 1 << 1, /* array literal/pattern ended with `,` */
};

/* ---------------------------------------------------------------------
 * Scopes
 *
 * Which node owns which scope (every such node has a non-NULL scope):
 *   PROGRAM            func->body_scope (kind SCRIPT, MODULE or EVAL):
 *                      var-scoped names (var, top-level functions) and
 *                      top-level lexical names together
 *   function           func->param_scope: the parameters;
 *                      func->body_scope: vars, top-level functions and
 *                      top-level lexical declarations of the body;
 *                      func->name_scope: the self binding of a named
 *                      function expression (else NULL)
 *   BLOCK              block.scope (NULL for a block with no declarations
 *                      is NOT used: it is always set, possibly empty)
 *   FOR / FOR_IN / FOR_OF  the let/const/using names of the head (or an
 *                      empty scope for other heads)
 *   SWITCH             the declarations of all the case clauses
 *   CATCH_CLAUSE       the catch parameter names (the body BLOCK has its own)
 *   class              klass->scope: the inner class-name binding (kind
 *                      CLASS_NAME) if the class has a name
 *   STATIC_BLOCK / field initializers   their func->body_scope
 *
 * The runtime environments these map to: if JS_FUNC_PARAM_EXPRESSIONS is
 * set, parameters and body vars live in separate environments (spec
 * FunctionDeclarationInstantiation step 28); otherwise the compiler may
 * merge them. A var declared in a nested block is recorded once, in the
 * function/program body_scope (deduplicated by name, kind VAR); the
 * VARIABLE_DECLARATION node itself is where it occurs.
 * ------------------------------------------------------------------- */
typedef enum JSScopeKind {
    JS_SCOPE_SCRIPT,
    JS_SCOPE_MODULE,
    JS_SCOPE_EVAL,
    JS_SCOPE_FUNCTION_NAME, /* named function expression self binding */
    JS_SCOPE_PARAMS,
    JS_SCOPE_FUNCTION_BODY, /* also static blocks and field initializers */
    JS_SCOPE_BLOCK,
    JS_SCOPE_FOR,
    JS_SCOPE_SWITCH,
    JS_SCOPE_CATCH,
    JS_SCOPE_CLASS,
} JSScopeKind;

typedef enum JSDeclKind {
    JS_DECL_VAR,            /* var (incl. for-var heads); node: the IDENTIFIER */
    JS_DECL_LET,
    JS_DECL_CONST,
    JS_DECL_USING,          /* `using` and `await using` (const-like) */
    JS_DECL_CLASS,          /* class declaration; node: the CLASS_DECLARATION */
    JS_DECL_FUNCTION,       /* function declaration; node: the FUNCTION_DECLARATION.
                               In a function/program body scope it is var-scoped,
                               in a block it is lexical */
    JS_DECL_ANNEXB_FUNCTION, /* var binding created in the body scope for a
                                block function hoisted by Annex B.3.2 (only when
                                no var/function/parameter of that name exists);
                                node: the FUNCTION_DECLARATION */
    JS_DECL_PARAM,          /* formal parameter; node: the IDENTIFIER */
    JS_DECL_CATCH_PARAM,    /* catch parameter; node: the IDENTIFIER */
    JS_DECL_IMPORT,         /* import binding; node: the IMPORT_*SPECIFIER */
    JS_DECL_FUNCTION_NAME,  /* self binding of a named function expression */
    JS_DECL_CLASS_NAME,     /* inner immutable binding of a named class */
} JSDeclKind;

typedef struct JSAstDecl {
    JSAstString *name;
    JSDeclKind kind;
    JSNode *node;
} JSAstDecl;

struct JSAstScope {
    JSScopeKind kind;
    JSNode *owner;      /* the node owning the scope (NULL for function parts:
                           see JSAstFunction) */
    JSAstDecl *decls;   /* in source order; no duplicate names, except the
                           sloppy-mode duplicate block functions */
    uint32_t decl_count;
    /* Function declarations to instantiate on entry, in order. For a body
       scope, spec's functionsToInitialize (one per name, the last
       declaration wins); for a block or switch, every function declaration
       in order (later ones overwrite earlier same-named ones). */
    JSNode **functions;
    uint32_t function_count;
};

/* ---------------------------------------------------------------------
 * Functions
 *
 * Flags are exact for the function itself. "Through arrows" means that a
 * use inside a nested arrow function (which has no this/arguments/... of
 * its own) also counts for the enclosing non-arrow function; the arrow has
 * the flag too, so that it knows to capture the binding.
 * ------------------------------------------------------------------- */
enum {
    JS_FUNC_ARROW = 1u << 0,
    JS_FUNC_ASYNC = 1u << 1,
    JS_FUNC_GENERATOR = 1u << 2,
    JS_FUNC_METHOD = 1u << 3, /* object/class method, getter, setter or constructor:
                                 has a [[HomeObject]] */
    JS_FUNC_GETTER = 1u << 4,
    JS_FUNC_SETTER = 1u << 5,
    JS_FUNC_CLASS_CONSTRUCTOR = 1u << 6,
    JS_FUNC_DERIVED_CONSTRUCTOR = 1u << 7, /* class with `extends` */
    JS_FUNC_FIELD_INIT = 1u << 8,          /* class field initializer */
    JS_FUNC_STATIC_BLOCK = 1u << 9,
    JS_FUNC_STATIC = 1u << 10,     /* static method/field initializer/block */
    JS_FUNC_STRICT = 1u << 11,     /* strict code (inherited or own directive) */
    JS_FUNC_USE_STRICT = 1u << 12, /* has its own "use strict" directive */
    JS_FUNC_SIMPLE_PARAMS = 1u << 13,     /* IsSimpleParameterList */
    JS_FUNC_PARAM_EXPRESSIONS = 1u << 14, /* hasParameterExpressions: separate
                                             environments for params and body vars */
    JS_FUNC_USES_ARGUMENTS = 1u << 15,    /* references `arguments` (through arrows) */
    JS_FUNC_USES_THIS = 1u << 16,         /* `this` (through arrows); also set by a
                                             derived constructor's super() */
    JS_FUNC_USES_SUPER_PROPERTY = 1u << 17, /* super.x / super[x] (through arrows) */
    JS_FUNC_USES_SUPER_CALL = 1u << 18,   /* super(...) (through arrows) */
    JS_FUNC_USES_NEW_TARGET = 1u << 19,   /* new.target (through arrows) */
    JS_FUNC_HAS_EVAL = 1u << 20,  /* contains a direct eval call (through arrows):
                                     may use any of the above and any variable */
    JS_FUNC_INNER_EVAL = 1u << 21, /* a nested function (any kind) contains a
                                      direct eval: every variable of this
                                      function may be referenced by name */
    JS_FUNC_HAS_WITH = 1u << 22,   /* contains a `with` statement */
    JS_FUNC_EXPRESSION_BODY = 1u << 23, /* arrow with a concise body (u.func.expr_body) */
    JS_FUNC_DYNAMIC = 1u << 24,   /* made by the Function constructor form: its
                                     name is "anonymous" */
    JS_FUNC_ARGUMENTS_SHADOWED = 1u << 25, /* a parameter, var, function or lexical
                                              declaration named `arguments` hides
                                              the arguments object */
};

struct JSAstFunction {
    JSNode *id;        /* IDENTIFIER, or NULL: anonymous (the compiler applies
                          NamedEvaluation); methods keep their key in the
                          METHOD_DEFINITION/PROPERTY, not here */
    JSNodeList params; /* IDENTIFIER, ARRAY/OBJECT_PATTERN, ASSIGNMENT_PATTERN
                          (defaults) or a final REST_ELEMENT */
    JSNodeList body;   /* statements (directives first) */
    JSNode *expr_body; /* arrow concise body / field initializer value */
    uint32_t flags;    /* JS_FUNC_* */
    uint32_t length;   /* expected argument count: params before the first
                          default or rest */
    uint32_t src_start, src_end; /* source text for Function.prototype.toString */
    JSAstScope *name_scope;      /* self binding of a named function expression */
    JSAstScope *param_scope;
    JSAstScope *body_scope;
};

/* ---------------------------------------------------------------------
 * Classes
 * ------------------------------------------------------------------- */
typedef enum JSPrivateKind {
    JS_PRIVATE_FIELD,
    JS_PRIVATE_METHOD,
    JS_PRIVATE_GETTER,
    JS_PRIVATE_SETTER,
    JS_PRIVATE_ACCESSOR, /* a getter and a setter of the same name */
} JSPrivateKind;

typedef struct JSAstPrivateName {
    JSAstString *name; /* without '#' */
    JSPrivateKind kind;
    bool is_static;
    JSNode *node; /* the declaring element (the getter's for an accessor pair) */
} JSAstPrivateName;

typedef struct JSAstClass {
    JSNode *id;          /* IDENTIFIER or NULL (anonymous class expression /
                            `export default class {}`) */
    JSNode *super_class; /* expression or NULL */
    JSNodeList body;     /* METHOD_DEFINITION, PROPERTY_DEFINITION, STATIC_BLOCK */
    JSNode *constructor; /* the METHOD_DEFINITION of kind CONSTRUCTOR, or NULL */
    JSAstScope *scope;   /* the class-name binding (kind JS_SCOPE_CLASS) */
    JSAstPrivateName *private_names;
    uint32_t private_count;
    uint32_t src_start, src_end; /* from `class` to `}` */
} JSAstClass;

typedef enum JSPropKind {
    JS_PROP_INIT, /* `key: value`, shorthand, or a method (see `method`) */
    JS_PROP_GET,
    JS_PROP_SET,
    JS_PROP_CONSTRUCTOR, /* class constructor (METHOD_DEFINITION only) */
    JS_PROP_METHOD,      /* class method (METHOD_DEFINITION only) */
} JSPropKind;

/* ---------------------------------------------------------------------
 * Modules (spec ParseModule: the records of a Source Text Module Record)
 * ------------------------------------------------------------------- */
typedef struct JSAstImportAttribute {
    JSAstString *key, *value;
} JSAstImportAttribute;

typedef struct JSAstModuleRequest {
    JSAstString *specifier;
    JSAstImportAttribute *attributes;
    uint32_t attribute_count;
} JSAstModuleRequest;

typedef struct JSAstImportEntry {
    uint32_t request;        /* index into module requests */
    JSAstString *import_name; /* NULL for a namespace import (`* as ns`) */
    JSAstString *local_name;
    JSNode *node;            /* the specifier */
} JSAstImportEntry;

typedef struct JSAstExportEntry {
    JSAstString *export_name; /* NULL for `export * from` */
    int32_t request;          /* index into module requests, -1 if none */
    JSAstString *import_name; /* NULL for local exports and `export *` /
                                 `export * as ns` */
    JSAstString *local_name;  /* NULL for indirect and star exports; the
                                 name "*default*" for anonymous defaults */
    JSNode *node;
} JSAstExportEntry;

typedef struct JSAstModule {
    JSAstModuleRequest *requests;
    uint32_t request_count;
    JSAstImportEntry *imports;
    uint32_t import_count;
    JSAstExportEntry *local_exports;
    uint32_t local_export_count;
    JSAstExportEntry *indirect_exports;
    uint32_t indirect_export_count;
    JSAstExportEntry *star_exports; /* export_name NULL: `export *`; with a
                                       name it is in indirect_exports */
    uint32_t star_export_count;
    bool has_top_level_await;
} JSAstModule;

/* ---------------------------------------------------------------------
 * Nodes
 * ------------------------------------------------------------------- */
struct JSNode {
    uint8_t kind;  /* JSNodeKind */
    uint8_t flags; /* JS_NODE_F_* */
    uint16_t op;   /* JSAstOp for UNARY/UPDATE/BINARY/LOGICAL/ASSIGNMENT */
    uint32_t start, end; /* byte offsets of the source text [start, end) */
    uint32_t line, col;  /* 1-based position of start; col in UTF-16 units */
    void *compiler;      /* NULL; free for the compiler's use */
    union {
        struct {
            JSAstFunction *func; /* body, body_scope and flags of the code */
            JSAstModule *module; /* NULL unless parsed as a module */
        } program;
        struct {
            JSAstString *name;
        } ident;
        bool boolean;
        double number;
        JSAstString *string;
        struct {
            JSAstString *digits; /* digits only: no prefix, separators or 'n' */
            int radix;           /* 2, 8, 10 or 16 */
        } bigint;
        struct {
            JSAstString *pattern; /* source text between the slashes */
            JSAstString *flags;
        } regexp;
        struct {
            JSNodeList quasis; /* TEMPLATE_ELEMENTs, one more than expressions */
            JSNodeList expressions;
        } template;
        struct {
            JSAstString *cooked; /* NULL: invalid escape (tagged templates only) */
            JSAstString *raw;    /* CR and CRLF normalised to LF */
            bool tail;
        } template_element;
        struct {
            JSNode *tag;
            JSNode *quasi; /* TEMPLATE_LITERAL */
        } tagged;
        JSNodeList list;
        struct {
            JSNode *key;   /* IDENTIFIER (non-computed name), STRING/NUMBER/
                              BIGINT literal, or any expression if computed */
            JSNode *value; /* expression, FUNCTION_EXPRESSION for methods and
                              accessors, or a pattern inside OBJECT_PATTERN */
            uint8_t kind;  /* JSPropKind: INIT, GET or SET */
            bool computed;
            bool shorthand;
            bool method;
            bool proto;    /* a non-shorthand, non-computed `__proto__: v` in an
                              object literal: sets the prototype */
        } property;
        JSAstFunction *func;
        JSAstClass *klass;
        struct {
            JSNode *argument; /* also the target of UPDATE */
            bool prefix;      /* UPDATE: ++x rather than x++ */
        } unary;
        struct {
            JSNode *left, *right;
        } binary;
        struct {
            JSNode *test, *consequent, *alternate;
        } conditional;
        struct {
            JSNode *callee;
            JSNodeList arguments;
            bool optional; /* callee?.(...) */
        } call;
        struct {
            JSNode *object;   /* expression or SUPER */
            JSNode *property; /* IDENTIFIER (non-computed), PRIVATE_IDENTIFIER,
                                 or expression (computed) */
            bool computed;
            bool optional;    /* object?.property */
        } member;
        struct {
            JSNode *expression; /* MEMBER/CALL containing optional links */
        } chain;
        struct {
            JSNode *argument; /* may be NULL */
            bool delegate;    /* yield* */
        } yield;
        struct {
            JSNode *source, *options; /* options may be NULL */
        } import_call;
        struct {
            bool is_import_meta; /* false: new.target */
        } meta;
        struct {
            JSNode *key; /* as in property; PRIVATE_IDENTIFIER for #names */
            JSNode *value; /* FUNCTION_EXPRESSION */
            uint8_t kind;  /* JSPropKind: CONSTRUCTOR, METHOD, GET, SET */
            bool computed;
            bool is_static;
        } method;
        struct {
            JSNode *key;
            JSNode *value;          /* initializer expression or NULL */
            JSAstFunction *init;    /* the initializer as a function (flags,
                                       scope), NULL when no initializer */
            bool computed;
            bool is_static;
        } field;
        struct {
            JSNode *expression;
            JSAstString *directive; /* non-NULL: a directive of a prologue; the
                                       raw text without quotes */
        } expr_stmt;
        struct {
            JSNodeList body;
            JSAstScope *scope;
        } block;
        struct {
            JSNode *object, *body;
        } with;
        struct {
            JSNode *label; /* IDENTIFIER */
            JSNode *body;
        } labeled;
        struct {
            JSNode *label;  /* IDENTIFIER or NULL */
            JSNode *target; /* the statement exited (break) or iterated
                               (continue): a loop or SWITCH, or the LABELED
                               statement for a labeled break */
        } jump;
        struct {
            JSNode *test, *consequent, *alternate;
        } if_stmt;
        struct {
            JSNode *discriminant;
            JSNodeList cases;
            JSAstScope *scope;
        } switch_stmt;
        struct {
            JSNode *test; /* NULL for default */
            JSNodeList consequent;
        } switch_case;
        struct {
            JSNode *block;
            JSNode *handler;   /* CATCH_CLAUSE or NULL */
            JSNode *finalizer; /* BLOCK or NULL */
        } try_stmt;
        struct {
            JSNode *param; /* pattern or NULL (optional catch binding) */
            JSNode *body;  /* BLOCK */
            JSAstScope *scope;
        } catch_clause;
        struct {
            JSNode *test, *body;
        } loop;
        struct {
            JSNode *init; /* VARIABLE_DECLARATION, expression or NULL */
            JSNode *test, *update, *body;
            JSAstScope *scope;
        } for_stmt;
        struct {
            JSNode *left; /* VARIABLE_DECLARATION (one declarator; its init is
                             the Annex B `for (var x = 1 in o)` initializer) or
                             an assignment target/pattern */
            JSNode *right, *body;
            JSAstScope *scope;
            bool is_await;
        } for_in;
        struct {
            uint8_t kind; /* JSDeclKind: VAR, LET, CONST or USING */
            bool is_await_using;
            JSNodeList declarations; /* VARIABLE_DECLARATORs */
        } var_decl;
        struct {
            JSNode *id;   /* pattern */
            JSNode *init; /* may be NULL */
        } declarator;
        struct {
            JSNodeList specifiers;
            JSNode *source; /* STRING_LITERAL */
            JSNodeList attributes;
        } import_decl;
        struct {
            /* IMPORT_SPECIFIER: imported = IDENTIFIER or STRING_LITERAL,
               local = IDENTIFIER. EXPORT_SPECIFIER: local, exported =
               IDENTIFIER or STRING_LITERAL (local is a STRING_LITERAL only
               in a re-export `export {"a"} from`). Default and namespace
               import specifiers only have local. */
            JSNode *local;
            JSNode *imported; /* or exported */
        } specifier;
        struct {
            JSNode *key; /* IDENTIFIER or STRING_LITERAL */
            JSNode *value; /* STRING_LITERAL */
        } attribute;
        struct {
            JSNode *declaration; /* or NULL */
            JSNodeList specifiers;
            JSNode *source; /* or NULL */
            JSNodeList attributes;
        } export_named;
        struct {
            /* FUNCTION_DECLARATION / CLASS_DECLARATION (possibly without id:
               then it binds "*default*"), or an expression */
            JSNode *declaration;
        } export_default;
        struct {
            JSNode *exported; /* IDENTIFIER / STRING_LITERAL or NULL */
            JSNode *source;
            JSNodeList attributes;
        } export_all;
    } u;
};

/* A function declaration that Annex B.3.2 hoists to the enclosing
   function/script var scope (sloppy mode, plain function declared in a
   block, and `var F` at its place would not be an early error): evaluating
   the declaration also assigns the block binding's value to the var
   binding. Stored in the FUNCTION_DECLARATION's node flags. */
#define JS_NODE_F_ANNEXB_HOISTED (1 << 2)

/* a short name for diagnostics ("CallExpression", ...) */
const char *js_ast_kind_name(JSNodeKind kind);

/* Calls fn on each direct child node of n, in source order (NULL children
   such as array holes or an absent `else` are skipped). Function bodies,
   parameters, class elements and the values of template literals are
   children too. */
void js_ast_visit_children(JSNode *n, void (*fn)(void *opaque, JSNode *child), void *opaque);

#endif /* WEFT_AST_H */
