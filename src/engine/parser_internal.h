/*
 * parser_internal.h — state shared by the parser's files:
 *   parser.c        entry points, program/eval/Function goals, helpers
 *   parser_expr.c   expressions, cover grammars, patterns
 *   parser_stmt.c   statements and declarations
 *   parser_func.c   functions, arrows, classes, private names
 *   parser_module.c import/export and the module records
 *   parser_scope.c  scopes, declarations and their early errors, Annex B
 *
 * The parser is a recursive descent over the token stream of lexer.h,
 * building the AST and checking early errors as it goes. Nothing is
 * re-walked afterwards, except expressions reinterpreted as patterns when
 * a cover grammar resolves (arrow parameters, destructuring assignment).
 */
#ifndef WEFT_PARSER_INTERNAL_H
#define WEFT_PARSER_INTERNAL_H

#include "ast.h"
#include "lexer.h"
#include "parser.h"

typedef struct JSParser JSParser;
typedef struct JSScopeState JSScopeState;
typedef struct JSFuncState JSFuncState;

/* ---------------------------------------------------------------------
 * Scopes (parser_scope.c)
 * ------------------------------------------------------------------- */

/* kinds of bindings; the VAR_THROUGH kinds mark a `var` declared inside a
   block, recorded in each block it crosses on its way to the var scope
   (the block's VarDeclaredNames) */
typedef enum JSBindKind {
    BIND_VAR,
    BIND_VAR_THROUGH,
    BIND_VAR_FOROF_THROUGH, /* from a `for (var x of ...)` head */
    BIND_LET,
    BIND_CONST,
    BIND_USING,
    BIND_CLASS,
    BIND_FUNCTION,       /* var-scoped at function/script top level */
    BIND_BLOCK_FUNCTION, /* lexical, in a block */
    BIND_PARAM,
    BIND_CATCH_PARAM,    /* catch (e) */
    BIND_CATCH_PATTERN,  /* catch ([e]) */
    BIND_IMPORT,
    BIND_FUNCTION_NAME,
    BIND_CLASS_NAME,
    BIND_ANNEXB,         /* var binding of an Annex B hoisted function */
} JSBindKind;

typedef struct JSBinding {
    JSLexName *name;
    JSScopeState *scope;
    struct JSBinding *next_in_scope;
    struct JSBinding *next_for_name; /* open-scope bindings of the name,
                                        innermost scope first */
    JSNode *node;
    uint8_t kind;  /* JSBindKind */
    bool shadowed; /* not the first binding of its name in the scope */
    bool plain_function; /* BIND_BLOCK_FUNCTION of a plain (not async or
                            generator) function */
} JSBinding;

struct JSScopeState {
    JSScopeState *parent;
    JSFuncState *func;
    JSAstScope *ast;
    JSBinding *bindings, **tail;
    uint32_t depth;
    uint8_t kind;      /* JSScopeKind */
    bool var_scope;    /* receives `var` declarations */
    /* lexical declarations here also clash with the parent's names: the
       function body with the parameters, a catch block with the catch
       parameter */
    bool clash_parent;
    uint32_t annexb_first; /* Annex B candidates registered from here on */
};

typedef struct JSAnnexB {
    JSNode *func;        /* the FUNCTION_DECLARATION */
    JSLexName *name;
    bool excluded;
} JSAnnexB;

/* ---------------------------------------------------------------------
 * Functions and labels
 * ------------------------------------------------------------------- */
typedef struct JSLabel {
    struct JSLabel *prev;
    JSAstString *name;
    JSNode *stmt;  /* the LABELED node: target of `break L` */
    JSNode *loop;  /* the loop it labels (target of `continue L`), or NULL */
} JSLabel;

typedef struct JSJumpTarget {
    struct JSJumpTarget *prev;
    JSNode *node;
    bool is_loop;
} JSJumpTarget;

struct JSFuncState {
    JSFuncState *parent;
    JSAstFunction *fn;
    uint32_t flags; /* JS_FUNC_*, copied to fn at the end */
    bool strict;
    bool is_arrow;
    bool yield_kw;  /* `yield` is an operator (generator) */
    bool await_kw;  /* `await` is reserved (async, module, static block) */
    bool await_ok;  /* await expressions are allowed */
    bool yield_ok;  /* yield expressions are allowed */
    bool saved_no_in;
    uint32_t saved_cover[3];
    uint32_t dup_param_pos; /* offset + 1 of the first duplicate parameter */
    bool return_ok;
    bool super_prop_ok, super_call_ok, new_target_ok;
    bool arguments_ok; /* false in class field initializers / static blocks */
    bool in_params;    /* parsing the formal parameters */
    bool in_static_block;
    JSScopeState *var_scope;
    JSLabel *labels;
    int pending_labels; /* labels directly in front of the current statement */
    JSJumpTarget *targets;
    JSAnnexB *annexb;
    uint32_t annexb_count, annexb_cap;
    /* the first `yield`/`await` expression in the parameters, for the
       "not in formal parameters" errors (0 = none, else offset + 1) */
    uint32_t param_yield_pos, param_await_pos;
};

/* ---------------------------------------------------------------------
 * Classes (private names)
 * ------------------------------------------------------------------- */
typedef struct JSPrivateRef {
    struct JSPrivateRef *next;
    JSAstString *name;
    uint32_t pos;
} JSPrivateRef;

typedef struct JSClassState {
    struct JSClassState *parent;
    JSAstPrivateName *names;
    uint32_t name_count, name_cap;
    JSPrivateRef *refs; /* references not yet resolved */
} JSClassState;

/* ---------------------------------------------------------------------
 * Modules (parser_module.c)
 * ------------------------------------------------------------------- */
typedef struct JSExportName {
    struct JSExportName *next;
    JSAstString *name;
    uint32_t pos;
} JSExportName;

typedef struct JSModuleState {
    JSAstModule *m;
    /* growing arrays, finalized by js_parse_module_finish */
    JSAstModuleRequest *requests;
    uint32_t request_cap;
    JSAstImportEntry *imports;
    uint32_t import_cap;
    JSAstExportEntry *exports; /* all export entries, in order */
    uint32_t export_count, export_cap;
    JSExportName *local_refs; /* `export {x}` names that must be declared */
} JSModuleState;

/* ---------------------------------------------------------------------
 * The parser
 * ------------------------------------------------------------------- */
struct JSParser {
    JSParseCtx ctx;
    JSLexer lx;
    const JSParseOptions *opts;
    JSFuncState *fs;
    JSScopeState *scope;
    JSClassState *cls;
    JSModuleState *mod;
    bool module;
    bool no_in;   /* parsing a for-init: `in` is not an operator */
    uint32_t prev_end; /* end offset of the last consumed token */
    /* cover grammars: offset + 1 of the first construct that is only valid
       if the expression turns out to be a pattern (0 = none), and why */
    uint32_t cover_pos;
    uint8_t cover_why; /* COVER_INIT / COVER_PROTO */
    /* offset + 1 of the first yield / await expression (or `await`
       identifier) since the innermost possible arrow parameter list
       started: arrow parameters may not contain them */
    uint32_t cover_yield_pos, cover_await_pos, cover_await_ident_pos;
    /* scratch stack for building node lists */
    JSNode **stack;
    uint32_t sp, stack_cap;
    uint32_t mark_stamp; /* for JSLexName.mark */
    /* private names visible to eval code */
    JSAstString **outer_private;
    uint32_t outer_private_count;
};

enum { COVER_INIT = 1, COVER_PROTO };

/* A parenthesized list or `async(...)` arguments followed by `=>`: the
   parameters of an arrow function still written as expressions. The
   parser returns it as a JS_AST_COVER node (or a CALL with `cover` set)
   and the arrow is built by js_parse_assign. */
#define JS_AST_COVER (JS_AST_KIND_COUNT + 1)
typedef struct JSCover {
    JSNodeList items;  /* expressions; a final SPREAD for `...rest` */
    uint32_t uses;     /* JS_FUNC_USES_* / HAS_EVAL seen inside */
    uint32_t yield_pos, await_pos, await_ident_pos;
    uint32_t cover_pos; /* pending CoverInitializedName */
    bool rest_trailing_comma;
} JSCover;

/* ---------------------------------------------------------------------
 * Helpers (parser.c)
 * ------------------------------------------------------------------- */
#define TOK (p->lx.tok)

JS_LEX_NORETURN JS_LEX_PRINTF(3, 4) void js_parse_error(JSParser *p, uint32_t pos,
                                                        const char *fmt, ...);
JS_LEX_NORETURN void js_parse_unexpected(JSParser *p);
void js_parse_check_stack(JSParser *p);
void js_parse_next(JSParser *p);
bool js_parse_accept(JSParser *p, int tok);
void js_parse_expect(JSParser *p, int tok);
void js_parse_semicolon(JSParser *p);
void js_parse_peek(JSParser *p, JSToken *out);
void js_parse_peek2(JSParser *p, JSToken *t1, JSToken *t2);
bool js_parse_is_cw(JSParser *p, int cw); /* TOK_IDENT spelling cw, no escapes */

void *js_parse_alloc(JSParser *p, size_t size);
JSNode *js_parse_node(JSParser *p, int kind, const JSToken *start);
JSNode *js_parse_node_at(JSParser *p, int kind, const JSNode *start);
void js_parse_finish(JSParser *p, JSNode *n);
void js_parse_push(JSParser *p, JSNode *n);
JSNodeList js_parse_pop_list(JSParser *p, uint32_t base);
JSAstString *js_parse_cw_name(JSParser *p, int cw);

/* identifiers */
bool js_parse_is_reserved_strict(int cw);
JSNode *js_parse_identifier_reference(JSParser *p);
JSNode *js_parse_identifier_from(JSParser *p, const JSToken *t);
JSNode *js_parse_binding_identifier(JSParser *p);
JSNode *js_parse_label_identifier(JSParser *p);
void js_parse_check_binding_name(JSParser *p, JSNode *id);

/* ---------------------------------------------------------------------
 * Expressions (parser_expr.c)
 * ------------------------------------------------------------------- */
JSNode *js_parse_expression(JSParser *p);
JSNode *js_parse_assign(JSParser *p);
JSNode *js_parse_assign_cover(JSParser *p); /* may stay a pattern-to-be */
JSNode *js_parse_string_literal(JSParser *p);
JSNode *js_parse_lhs(JSParser *p); /* LeftHandSideExpression */
JSNode *js_parse_property_name(JSParser *p, bool *computed, bool allow_private);
JSNode *js_parse_template(JSParser *p, bool tagged);
/* reinterprets an expression as an assignment/binding pattern */
void js_parse_to_pattern(JSParser *p, JSNode *n, bool binding);
void js_parse_check_simple_target(JSParser *p, JSNode *n, bool web_compat_call);
JSNode *js_parse_binding_target(JSParser *p); /* BindingIdentifier/Pattern */
JSNode *js_parse_binding_element(JSParser *p);
void js_parse_note_arguments(JSParser *p, uint32_t pos);

/* ---------------------------------------------------------------------
 * Statements (parser_stmt.c)
 * ------------------------------------------------------------------- */
/* parses StatementListItems until `end` (TOK_RBRACE or TOK_EOF); with
   directives, handles the directive prologue */
JSNodeList js_parse_statement_list(JSParser *p, int end, bool directives);
JSNode *js_parse_block(JSParser *p, bool clash_parent);
JSNode *js_parse_declaration(JSParser *p); /* the declaration of `export` */
/* declares the names bound by a pattern; returns whether the pattern
   contains expressions (defaults, computed keys) */
bool js_parse_declare_pattern(JSParser *p, JSNode *pattern, JSBindKind kind);

/* ---------------------------------------------------------------------
 * Functions and classes (parser_func.c)
 * ------------------------------------------------------------------- */
enum {
    FN_DECL = 1 << 0,      /* a declaration (else expression) */
    FN_ASYNC = 1 << 1,
    FN_GENERATOR = 1 << 2,
    FN_DEFAULT_EXPORT = 1 << 3, /* `export default function` (name optional) */
    FN_LABELLED = 1 << 4,       /* the body of a labelled statement */
};
JSNode *js_parse_function(JSParser *p, unsigned fn_flags, uint32_t start,
                          const JSToken *start_tok);
JSNode *js_parse_method(JSParser *p, uint32_t func_flags, uint32_t start,
                        const JSToken *start_tok);
/* the arrow function whose parameters are the cover (a JS_AST_COVER, an
   `async(...)` CALL or an IDENTIFIER); the current token is `=>` */
JSNode *js_parse_arrow(JSParser *p, JSNode *cover, bool is_async, uint32_t start,
                       const JSToken *start_tok);
JSNode *js_parse_class(JSParser *p, bool is_decl, bool default_export);
void js_parse_private_ref(JSParser *p, JSAstString *name, uint32_t pos);
JSFuncState *js_parse_push_func(JSParser *p, JSFuncState *fs, JSAstFunction *fn,
                                uint32_t func_flags);
void js_parse_pop_func(JSParser *p, JSFuncState *fs);
void js_parse_function_body(JSParser *p, JSFuncState *fs, int end);
void js_parse_formal_params(JSParser *p, JSFuncState *fs, int end);
void js_parse_finish_params(JSParser *p, JSFuncState *fs);
void js_parse_check_function_strict(JSParser *p, JSFuncState *fs);

/* ---------------------------------------------------------------------
 * Modules (parser_module.c)
 * ------------------------------------------------------------------- */
JSNode *js_parse_import_declaration(JSParser *p);
JSNode *js_parse_export_declaration(JSParser *p);
void js_parse_module_finish(JSParser *p);

/* ---------------------------------------------------------------------
 * Scopes (parser_scope.c)
 * ------------------------------------------------------------------- */
JSScopeState *js_scope_push(JSParser *p, JSScopeState *s, int kind, JSNode *owner);
void js_scope_pop(JSParser *p, JSScopeState *s);
void js_scope_declare(JSParser *p, JSNode *id, JSBindKind kind);
/* a function declaration in the current scope; annexb_ok: directly in a
   statement list (not labelled), so Annex B.3.2 hoisting may apply */
void js_scope_declare_function(JSParser *p, JSNode *fn, bool annexb_ok);
void js_scope_finish_var_scope(JSParser *p, JSFuncState *fs);
bool js_scope_is_declared(JSParser *p, JSScopeState *s, JSAstString *name);
void js_scope_declare_name(JSParser *p, JSNode *pos_node, JSAstString *name, JSBindKind kind,
                           JSNode *node);

#endif /* WEFT_PARSER_INTERNAL_H */
