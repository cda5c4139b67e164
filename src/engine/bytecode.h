/*
 * bytecode.h — compiled functions: the instruction set (opcodes.def), the
 * function record the compiler produces and the interpreter runs, and the
 * closures built from it.
 */
#ifndef WEFT_BYTECODE_H
#define WEFT_BYTECODE_H

#include "internal.h"

typedef enum OPCodeEnum {
#define DEF(name, size, n_pop, n_push, fmt) OP_##name,
#include "opcodes.def"
#undef DEF
    OP_COUNT,
} OPCodeEnum;

typedef enum OPCodeFormat {
    OPF_none,
    OPF_u8,
    OPF_i8,
    OPF_u16,
    OPF_i32,
    OPF_u32,
    OPF_atom,
    OPF_atom_ic,
    OPF_atom_u8,
    OPF_atom_label,
    OPF_label,
    OPF_u16_u16,
} OPCodeFormat;

typedef struct JSOpCodeInfo {
    const char *name;
    uint8_t size;
    int8_t n_pop; /* -1: depends on the operand */
    int8_t n_push;
    uint8_t fmt;
} JSOpCodeInfo;

extern const JSOpCodeInfo js_opcode_info[OP_COUNT];

/* special_object operands */
enum {
    JS_SPECIAL_ARGUMENTS,        /* unmapped arguments object */
    JS_SPECIAL_MAPPED_ARGUMENTS, /* sloppy simple-parameter arguments */
    JS_SPECIAL_THIS_FUNC,        /* the running function object */
    JS_SPECIAL_NEW_TARGET,
    JS_SPECIAL_HOME_OBJECT,
    JS_SPECIAL_VAR_OBJECT,       /* a fresh object for sloppy eval's vars */
    JS_SPECIAL_IMPORT_META,
};

/* throw_error operands */
enum {
    JS_THROW_CONST_ASSIGN,   /* TypeError: assignment to a constant */
    JS_THROW_TDZ,            /* ReferenceError: access before initialization */
    JS_THROW_NOT_DEFINED,    /* ReferenceError: x is not defined */
    JS_THROW_SUPER_TWICE,    /* ReferenceError: super() called twice */
    JS_THROW_DELETE_SUPER,   /* ReferenceError: delete of a super property */
    JS_THROW_INVALID_LHS,    /* ReferenceError: invalid assignment target */
    JS_THROW_NO_ITER_THROW,  /* TypeError: yield* iterator without throw() */
};

/* JSFunctionBytecode.flags */
enum {
    JS_BC_STRICT = 1 << 0,
    JS_BC_ARROW = 1 << 1,
    JS_BC_GENERATOR = 1 << 2,
    JS_BC_ASYNC = 1 << 3,
    JS_BC_CONSTRUCTOR = 1 << 4,   /* has [[Construct]] */
    JS_BC_HAS_PROTOTYPE = 1 << 5, /* gets an own .prototype object */
    JS_BC_CLASS_CTOR = 1 << 6,    /* throws when called without new */
    JS_BC_DERIVED_CTOR = 1 << 7,
    JS_BC_METHOD = 1 << 8,        /* has a home object */
    JS_BC_GLOBAL_CODE = 1 << 9,
    JS_BC_EVAL_CODE = 1 << 10,
    JS_BC_MODULE_CODE = 1 << 11,
    JS_BC_FIELD_INIT = 1 << 12,
    JS_BC_HAS_EVAL = 1 << 13,     /* contains a direct eval */
};

/* A variable of an enclosing function captured by a closure. */
typedef struct JSClosureVar {
    uint8_t is_local;   /* from the parent frame's slot var_idx (a cell), else
                           from the parent's own closure variable var_idx */
    uint8_t is_lexical; /* let/const/class: reads check the TDZ */
    uint8_t is_const;   /* assignments throw */
    uint8_t is_silent_const; /* sloppy named-function self binding: assignments
                                are ignored */
    uint16_t var_idx;
    JSAtom var_name;
} JSClosureVar;

/* A frame slot: arguments first, then locals. */
typedef struct JSVarDef {
    JSAtom var_name;
    uint8_t is_lexical;
    uint8_t is_const;
    uint8_t is_captured; /* the slot holds a cell */
} JSVarDef;

/* What a direct eval at one call site can see: every binding from the call
   site's scope outwards, in shadowing order (innermost first). */
typedef struct JSEvalBinding {
    JSAtom name;
    uint8_t in_closure; /* 0: frame slot (holding a cell), 1: closure variable */
    uint8_t is_lexical;
    uint8_t is_const;
    uint8_t is_silent_const; /* sloppy named function self binding */
    uint8_t is_var_object; /* the slot holds a dynamic scope object (with or
                              sloppy-eval vars) searched by name */
    uint8_t is_with;
    /* a binding between the call site and the variable environment that
       an eval `var` of the same name conflicts with (SyntaxError) */
    uint8_t blocks_var;
    uint16_t idx;
} JSEvalBinding;

typedef struct JSEvalScope {
    JSEvalBinding *bindings;
    uint32_t count;
    /* where the eval code's own sloppy `var`s go: a binding index of a var
       object, or -1 for the global object */
    int32_t var_object;
    /* the bindings between the call site and the var scope (the first
       lexical_count); those marked blocks_var conflict with eval vars */
    uint32_t lexical_count;
    uint8_t in_function;    /* new.target allowed */
    uint8_t in_method;      /* super property allowed */
    uint8_t in_derived_ctor; /* super() allowed */
    uint8_t in_field_init;  /* `arguments` forbidden */
} JSEvalScope;

/* A top-level declaration of script or sloppy eval code, created by the
   global_decl instruction before the code runs. */
enum {
    JS_GLOBAL_DECL_VAR,
    JS_GLOBAL_DECL_FUNCTION,
    JS_GLOBAL_DECL_LET,
    JS_GLOBAL_DECL_CONST,
    JS_GLOBAL_DECL_CLASS,
};

typedef struct JSGlobalDecl {
    JSAtom name;
    uint8_t kind;
} JSGlobalDecl;

/* A monomorphic inline cache of a property read site: for objects of
   `shape`, the value is in holder (NULL: the object itself) at slot. The
   cache owns a reference to shape (whose prototype chain keeps holder
   alive). */
/* An inline cache of a property instruction (interp.c). A read caches
   where a data property was found: in slot of an object of shape, or, with
   holder, in slot of holder (the direct prototype) while it has
   holder_shape. A write caches a writable data property in slot of an
   object of shape (holder_shape NULL), or the addition of a property to an
   object of shape: it then has shape holder_shape, the property in slot. */
typedef struct JSInlineCache {
    JSShape *shape;
    JSObject *holder;
    JSShape *holder_shape;
    uint32_t slot;
} JSInlineCache;

typedef struct JSFunctionBytecode {
    JSGCObjectHeader header;
    uint32_t flags;
    uint8_t *code;
    uint32_t code_len;
    uint16_t arg_count; /* formal parameter slots */
    uint16_t var_count; /* local slots */
    uint16_t stack_size;
    uint16_t length;    /* the function's "length" */
    uint16_t closure_var_count;
    uint16_t ic_count;
    uint16_t eval_scope_count;
    uint32_t cpool_count;
    JSValue *cpool;
    JSClosureVar *closure_var;
    JSVarDef *vardefs; /* arg_count + var_count entries */
    JSInlineCache *ic;
    JSEvalScope *eval_scopes;
    JSGlobalDecl *global_decls;
    uint32_t global_decl_count;
    JSAtom func_name;
    JSAtom filename;
    JSAtom referrer; /* the script or module (a name) of import() / import.meta */
    JSContext *realm;
    JSValue source; /* the whole source text (string), or undefined */
    uint32_t source_start, source_end;
    uint32_t line, col;
    uint8_t *pc2line; /* see js_bytecode_get_pos */
    uint32_t pc2line_len;
    /* the hashed shape of this code's closures once one was built (a
       reference; bytecode.c): later closures start from it */
    struct JSShape *closure_shape;
} JSFunctionBytecode;

static inline JSFunctionBytecode *js_bytecode_of(JSValueConst v)
{
    return (JSFunctionBytecode *)JS_VALUE_GET_PTR(v);
}

/* releases the atoms the instructions of code hold */
void js_bytecode_free_atoms(JSRuntime *rt, const uint8_t *code, uint32_t len);

/* source position of the instruction at pc (1-based line and column) */
void js_bytecode_get_pos(JSFunctionBytecode *b, const uint8_t *pc, int *pline, int *pcol);

/* the bytecode function object class hooks (function.c registers them) */
void js_bytecode_function_finalizer(JSRuntime *rt, JSValue val);
void js_bytecode_function_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func);
JSContext *js_bytecode_function_realm(JSObject *p);

/* a function object for bytecode b (borrowed), capturing from the given
   frame slots and closure variables */
JSValue js_closure(JSContext *ctx, JSValueConst bfunc, JSVarRef **parent_var_refs,
                   JSValue *parent_slots, JSValueConst home_object);
/* Function.prototype.toString of a bytecode function */
JSValue js_bytecode_function_source(JSContext *ctx, JSObject *p);

/* opcode operand access */
static inline uint16_t get_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t get_u32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline int32_t get_i32(const uint8_t *p) { return (int32_t)get_u32(p); }

#endif /* WEFT_BYTECODE_H */
