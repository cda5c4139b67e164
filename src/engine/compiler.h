/*
 * compiler.h — the bytecode compiler's internal state, shared by
 * compile.c (driver, emission, finalisation), compile_scope.c (binding
 * analysis and resolution), compile_expr.c (expressions and patterns) and
 * compile_stmt.c (statements, functions, classes).
 *
 * The compiler walks the parser's AST twice per function:
 *  1. analysis (compile_scope.c) builds the bindings of every scope and
 *     resolves each identifier, marking the bindings that inner functions
 *     (or direct evals) reach as "captured": those live in closure cells;
 *  2. emission turns the tree into stack-machine bytecode; identifiers are
 *     resolved again (same answer) to choose the access instruction.
 */
#ifndef WEFT_COMPILER_H
#define WEFT_COMPILER_H

#include "ast.h"
#include "bytecode.h"
#include "compile.h"
#include "internal.h"

typedef struct CompFunc CompFunc;
typedef struct CompScope CompScope;

/* binding kinds beyond the parser's JSDeclKind */
enum {
    COMP_BIND_THIS = 100,  /* `this` of a non-arrow function / code */
    COMP_BIND_NEW_TARGET,
    COMP_BIND_HOME_OBJECT,
    COMP_BIND_ARGUMENTS,
    COMP_BIND_FUNC_OBJ,    /* the running function (super() in arrows) */
    COMP_BIND_VAR_OBJECT,  /* sloppy direct eval: the object holding eval's vars */
    COMP_BIND_WITH_OBJECT, /* the object of a with statement */
    COMP_BIND_EVAL_OUTER,  /* eval code: a binding of the code calling eval */
    COMP_BIND_PRIVATE,     /* a private name (#x) of a class: its private symbol */
};

typedef struct CompBinding {
    JSAtom name;
    uint8_t kind;          /* JSDeclKind or COMP_BIND_* */
    uint8_t is_lexical;    /* temporal dead zone */
    uint8_t is_const;      /* assignment throws */
    uint8_t silent_const;  /* sloppy named function expression: assignment ignored */
    uint8_t captured;      /* lives in a cell */
    uint8_t is_global;     /* script top level: a global binding reached by name */
    uint8_t is_dynamic;    /* with/var object: searched by name at run time */
    int16_t arg_idx;       /* >= 0: a parameter read straight from its argument slot */
    int32_t slot;          /* frame slot, -1 before allocation */
    uint32_t decl_end;     /* source offset where the declaration ends (TDZ elision) */
    CompFunc *func;
    CompScope *scope;
    /* eval code: the caller's location of an outer binding */
    uint16_t outer_idx;
    uint8_t outer_in_closure;
    uint8_t outer_blocks_var; /* JSEvalBinding.blocks_var of the caller */
    uint8_t outer_in_var_scope; /* in the caller's variable environment or
                                   a scope inside it (not an outer function) */
    /* module code: the binding's JSDeclKind, and for a function declaration
       its function in the module function's cpool (created at link time) */
    uint8_t module_decl_kind;
    int32_t module_cpool;
} CompBinding;

struct CompScope {
    JSAstScope *ast;      /* NULL for synthetic scopes */
    CompScope *parent;    /* enclosing scope, possibly of an enclosing function */
    CompFunc *func;
    CompBinding **bindings;
    uint32_t count, size;
    uint8_t is_var_scope; /* function body / program / eval: where `var` lives */
    uint8_t is_switch;    /* lexical bindings always need TDZ checks */
    uint8_t needs_fresh_cells; /* captured lexicals: new cells at each entry */
    uint8_t is_flat; /* eval code's outer scope: the caller's whole chain in
                        shadowing order, dynamic scopes (with, var objects)
                        among the names */
};

/* a captured variable of an enclosing function */
typedef struct CompClosureVar {
    CompBinding *binding;
    JSClosureVar cv;
} CompClosureVar;

typedef struct CompLabel {
    int32_t pos;        /* bytecode offset once placed, else -1 */
    int32_t first_ref;  /* chain of unresolved references (offsets of operands) */
    int16_t stack_level;
} CompLabel;

/* the statements a break/continue/return must leave properly */
typedef enum CompBlockKind {
    COMP_BLOCK_LOOP,     /* break and continue targets */
    COMP_BLOCK_SWITCH,   /* break target */
    COMP_BLOCK_LABEL,    /* labelled statement (break target) */
    COMP_BLOCK_FINALLY,  /* a try with finally: gosub on the way out */
    COMP_BLOCK_FOR_OF,   /* iterator to close on the way out */
    COMP_BLOCK_FOR_IN,   /* enumerator to drop */
    COMP_BLOCK_STACK,    /* values to drop (finally return address, ...) */
} CompBlockKind;

typedef struct CompBlock {
    struct CompBlock *prev;
    CompBlockKind kind;
    JSNode *node;       /* the statement (loop, switch, labelled body) */
    int break_label, continue_label, finally_label;
    int stack_level;    /* stack depth when entering */
    int drop_count;     /* COMP_BLOCK_STACK / FOR_IN: values to drop */
    JSAtom label;       /* COMP_BLOCK_LABEL: the label's name */
    bool pending;       /* COMP_BLOCK_LABEL: may still label the next loop */
    bool is_async;      /* COMP_BLOCK_FOR_OF: a for await (closing awaits) */
    struct CompBlock *loop; /* COMP_BLOCK_LABEL: the loop it labels, or NULL */
} CompBlock;

struct CompFunc {
    CompFunc *parent;
    JSAstFunction *ast; /* NULL for the top-level code */
    JSNode *node;       /* the function / program node */
    uint32_t flags;     /* JS_FUNC_* of the AST */
    uint32_t bc_flags;  /* JS_BC_* */
    bool is_top;        /* script / eval / module code */
    bool is_arrow;
    bool is_eval_code;
    bool sloppy_eval_vars; /* eval code: its vars go to the caller's var object
                              or the global object */
    bool global_vars;   /* script code: top-level declarations are global */
    bool strict;

    CompScope **scopes; /* every scope of the function (owned) */
    uint32_t scope_count, scope_size;
    CompScope *name_scope, *param_scope, *body_scope;
    CompScope *top_scope; /* outermost scope of this function */
    CompScope *eval_outer_scope; /* eval code: the caller's bindings */
    /* module code: its top-level bindings, which live in the module record
       and are reached as closure variables (kind COMP_BIND_EVAL_OUTER,
       outer_idx = the module binding index) */
    CompScope *module_scope;
    bool is_module;

    /* pseudo bindings (NULL when unused) */
    CompBinding *this_b, *new_target_b, *home_b, *arguments_b, *func_obj_b, *var_obj_b;
    /* sloppy eval in parameter expressions: the object holding its vars,
       in a scope outside the parameters (FunctionDeclarationInstantiation
       step 20: the parameters' scope sits between the eval and its
       variable environment) */
    CompBinding *arg_var_obj_b;
    bool mapped_arguments;

    /* frame layout */
    uint32_t arg_count;
    uint32_t var_count;
    JSVarDef *vardefs;
    uint32_t vardef_size;

    CompClosureVar *closure_vars;
    uint32_t closure_var_count, closure_var_size;

    /* code */
    uint8_t *code;
    uint32_t code_len, code_size;
    int stack_level, stack_max;
    CompLabel *labels;
    uint32_t label_count, label_size;
    JSValue *cpool;
    uint32_t cpool_count, cpool_size;
    uint32_t ic_count;
    JSEvalScope *eval_scopes;
    uint32_t eval_scope_count, eval_scope_size;
    JSGlobalDecl *global_decls;
    uint32_t global_decl_count, global_decl_size;
    /* pc -> position table being built */
    uint8_t *pc2line;
    uint32_t pc2line_len, pc2line_size;
    uint32_t last_pc_entry, last_line, last_col;
    uint32_t cur_line, cur_col;

    CompBlock *blocks;
    CompScope *scope; /* current scope while emitting */
    int ret_slot;     /* completion value slot of top-level code, or -1 */
    int ret_temp;     /* holds a return value while leaving blocks, or -1 */
    bool track_completion;
    JSAtom func_name;
    JSAtom default_name; /* NamedEvaluation name given by the context */
    /* a class field initializer: the field's name for NamedEvaluation
       (JS_ATOM_NULL: a computed key, passed as argument 0) */
    JSAtom field_name;
};

typedef struct CompState {
    JSContext *ctx;
    JSAtom filename;
    JSValue source;     /* the whole source as a string (for toString) */
    const char *src;
    size_t src_len;
    CompFunc *func;     /* the function being emitted */
    /* atoms created for AST strings, released at the end */
    JSAtom *atoms;
    uint32_t atom_count, atom_size;
    int chain_label;    /* optional chain: where a short circuit goes */
    int chain_level;    /* and the stack level it restores */
    CompFunc **funcs;   /* every function of the compilation (owned) */
    uint32_t func_count, func_size;
    bool failed;        /* an exception is pending */
    const JSCompileOptions *opts;
} CompState;

/* ---------------------------------------------------------------------
 * compile.c
 * ------------------------------------------------------------------- */
JSAtom comp_atom(CompState *s, JSAstString *str);
/* the binding name of a private name: "#x" */
JSAtom comp_private_atom(CompState *s, JSAstString *str);
JSValue comp_string_value(CompState *s, JSAstString *str);
bool comp_error(CompState *s, JSNode *node, const char *fmt, ...);
bool comp_oom(CompState *s);
bool comp_register_func(CompState *s, CompFunc *f);

void emit_op(CompState *s, int op);
void emit_u8(CompState *s, uint8_t v);
void emit_u16(CompState *s, uint16_t v);
void emit_u32(CompState *s, uint32_t v);
void emit_op_u8(CompState *s, int op, uint8_t v);
void emit_op_u16(CompState *s, int op, uint16_t v);
void emit_op_u32(CompState *s, int op, uint32_t v);
void emit_atom(CompState *s, JSAtom atom);
void emit_op_atom(CompState *s, int op, JSAtom atom);
void emit_op_atom_ic(CompState *s, int op, JSAtom atom);
void emit_push_int(CompState *s, int32_t v);
void emit_push_number(CompState *s, double d);
void emit_push_atom_string(CompState *s, JSAtom atom);
int emit_const(CompState *s, JSValue v); /* takes v; cpool index */
void emit_pos(CompState *s, JSNode *node);
void comp_adjust_stack(CompState *s, int delta);

int new_label(CompState *s);
void emit_label(CompState *s, int label);
void emit_goto(CompState *s, int op, int label);
void emit_with_label(CompState *s, int op, JSAtom atom, int label);

int comp_alloc_slot(CompState *s, CompFunc *f, JSAtom name, bool is_lexical, bool is_const,
                    bool captured);
int comp_alloc_temp(CompState *s);

/* compiles a nested function node; pushes the closure */
/* the module record of compiled module code (takes bc): a JS_TAG_MODULE
   value (compile_module.c) */
JSValue comp_module_record(CompState *s, CompFunc *f, JSAstModule *am, JSValue bc);
/* `var x = value`: x is resolved before value runs (through with objects
   too), then assigned */
void comp_assign_name(CompState *s, JSNode *id, JSNode *value);
/* compiles a nested function into the constant pool: its index, or -1 */
int comp_function_const(CompState *s, JSNode *node, JSAstFunction *fn);
void comp_function_closure(CompState *s, JSNode *node, JSAstFunction *fn);
/* the bytecode record of a finished function */
JSValue comp_finish(CompState *s, CompFunc *f);
/* the default-constructor bytecode of a class (a constant pool index) */
int comp_default_ctor(CompState *s, JSAstClass *klass, bool derived, JSNode *node,
                      JSAtom name);

/* ---------------------------------------------------------------------
 * compile_scope.c
 * ------------------------------------------------------------------- */
bool comp_analyze_function(CompState *s, CompFunc *f);
CompScope *comp_scope_of(JSNode *node); /* the CompScope attached to a node */
/* innermost binding of name visible from scope, or NULL (global).
   *pdyn receives the innermost dynamic binding crossed, if any */
CompBinding *comp_resolve(CompState *s, CompScope *scope, JSAtom name);
CompScope *comp_new_scope(CompState *s, CompFunc *f, JSAstScope *ast, CompScope *parent);
CompBinding *comp_add_binding(CompState *s, CompScope *scope, JSAtom name, int kind);
void comp_free_func(CompState *s, CompFunc *f);
/* frame slots for every binding of f that needs one */
bool comp_allocate_slots(CompState *s, CompFunc *f);
/* the closure variable index of binding b in function f */
int comp_closure_var(CompState *s, CompFunc *f, CompBinding *b);
/* the eval scope record for a direct eval at scope */
int comp_eval_scope(CompState *s, CompScope *scope);
/* true when a read of b at node can see it uninitialised */
bool comp_needs_tdz_check(CompState *s, CompBinding *b, JSNode *ref);

/* ---------------------------------------------------------------------
 * compile_expr.c
 * ------------------------------------------------------------------- */
void comp_expr(CompState *s, JSNode *node);
/* an expression whose anonymous function/class value gets `name` */
void comp_expr_named(CompState *s, JSNode *node, JSAtom name);
void comp_expr_drop(CompState *s, JSNode *node);
bool comp_is_anonymous_function(JSNode *node);
/* variable access */
void comp_get_binding(CompState *s, CompBinding *b, JSAtom name, JSNode *ref);
void comp_get_var(CompState *s, JSAtom name, JSNode *ref);
void comp_get_binding_raw(CompState *s, CompBinding *b);
/* store the value on top of the stack (popped) into a binding;
   init: declaration initialisation (let/const/class) */
void comp_put_var(CompState *s, JSAtom name, JSNode *ref, bool init);
void comp_put_binding(CompState *s, CompBinding *b, JSAtom name, JSNode *ref, bool init);
/* an eval-outer binding that belongs to the caller's variable scope */
bool comp_var_scope_binding(CompState *s, CompBinding *b);
/* destructuring / simple binding of the value on top of the stack (popped);
   init: the target is a declaration being initialised */
void comp_bind_pattern(CompState *s, JSNode *target, bool init);
/* property key of a non-computed key node */
JSAtom comp_key_atom(CompState *s, JSNode *key);
void comp_this(CompState *s, JSNode *node);

/* ---------------------------------------------------------------------
 * compile_stmt.c
 * ------------------------------------------------------------------- */
void comp_stmt(CompState *s, JSNode *node);
/* returns the value on top of the stack, leaving every enclosing block */
void comp_return_value(CompState *s);
void comp_stmt_list(CompState *s, JSNodeList *list);
void comp_function_body(CompState *s, CompFunc *f);
void comp_class(CompState *s, JSNode *node, JSAtom name);
/* enter/leave a block scope: TDZ and fresh cells for its lexicals, hoisted
   functions */
void comp_enter_scope(CompState *s, CompScope *scope);
void comp_leave_scope(CompState *s, CompScope *scope);
void comp_hoist_functions(CompState *s, CompScope *scope);

#endif /* WEFT_COMPILER_H */
