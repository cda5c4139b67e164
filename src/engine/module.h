/*
 * module.h — ES modules (ECMA-262 §16.2): module records, loading through
 * the host's normalize/load callbacks, linking (environments of shared
 * binding cells), evaluation with top-level await, namespace objects,
 * import.meta and dynamic import(), and modules written in C.
 *
 * A module's top-level bindings are cells (JSVarRef) owned by the module
 * record from the moment it is compiled, so that a module importing a
 * binding of a module that has not been linked yet (a cycle) can share the
 * cell. The module function reaches every top-level binding through its
 * closure variables; the compiler numbers them (JSModuleBinding order).
 */
#ifndef WEFT_MODULE_H
#define WEFT_MODULE_H
#include "internal.h"

/* what a module binding is */
enum {
    JS_MODULE_BINDING_VAR,      /* var: undefined from the start */
    JS_MODULE_BINDING_LEXICAL,  /* let, class: in its TDZ until initialised */
    JS_MODULE_BINDING_CONST,    /* const, export default expression */
    JS_MODULE_BINDING_FUNCTION, /* function declaration: created when linking */
    JS_MODULE_BINDING_IMPORT,   /* import: the exporting module's cell */
};

typedef struct JSModuleBindingDesc {
    JSAtom name;
    uint8_t kind;
    int32_t cpool_idx; /* FUNCTION: the function in the module function's cpool */
} JSModuleBindingDesc;

typedef struct JSModuleImportDesc {
    uint32_t request;
    JSAtom import_name; /* JS_ATOM_NULL: the namespace (`* as x`) */
    JSAtom local_name;
} JSModuleImportDesc;

typedef struct JSModuleExportDesc {
    JSAtom export_name; /* JS_ATOM_NULL: `export * from` */
    int32_t request;    /* -1: a local export */
    JSAtom import_name; /* indirect exports; JS_ATOM_NULL for `* as ns` */
    JSAtom local_name;  /* local exports */
} JSModuleExportDesc;

typedef struct JSModuleRequestDesc {
    JSAtom specifier;
    JSAtom type; /* the "type" import attribute, or JS_ATOM_NULL */
} JSModuleRequestDesc;

/* what the compiler knows of a module (atoms borrowed) */
typedef struct JSModuleDesc {
    const JSModuleRequestDesc *requests;
    uint32_t request_count;
    const JSModuleBindingDesc *bindings;
    uint32_t binding_count;
    const JSModuleImportDesc *imports;
    uint32_t import_count;
    const JSModuleExportDesc *exports; /* local, indirect and star */
    uint32_t export_count;
    bool has_top_level_await;
} JSModuleDesc;

/* a new module record named `name` for the compiled module function bc
   (taken); it joins the context's module map. A JS_TAG_MODULE value. */
JSValue js_module_new(JSContext *ctx, JSAtom name, JSValue bc, const JSModuleDesc *desc);

/* the GC hooks of JS_GC_OBJ_TYPE_MODULE */
void js_module_mark(JSRuntime *rt, JSModuleDef *m, JSMarkFunc *mark_func);
void js_module_free_children(JSRuntime *rt, JSModuleDef *m);
/* JS_FreeContext: drops the module map */
void js_context_free_modules(JSRuntime *rt, JSContext *ctx);
void js_context_mark_modules(JSRuntime *rt, JSContext *ctx, JSMarkFunc *mark_func);

/* load the graph, link and evaluate a compiled module: the evaluation
   promise (takes the module value) */
JSValue js_module_run(JSContext *ctx, JSValue module);

/* import.meta of the module whose code is running (b: its function) */
JSValue js_module_import_meta(JSContext *ctx, JSAtom module_name);
/* import(specifier, options) from code of the script or module `referrer` */
JSValue js_module_dynamic_import(JSContext *ctx, JSAtom referrer, JSValueConst specifier,
                                 JSValueConst options);

/* the namespace exotic object class */
void js_module_init_classes(JSRuntime *rt);
#endif /* WEFT_MODULE_H */
