/*
 * module.c — module records and their life: creation from the compiler's
 * description, loading the graph through the host's callbacks, linking
 * (ResolveExport, InitializeEnvironment), evaluation with top-level await
 * (ECMA-262 §16.2.1.5, Cyclic Module Records, followed step by step),
 * dynamic import(), import.meta, and modules written in C.
 *
 * Every module of a context stays in the context's module map until the
 * context dies: records point at each other without references. Module
 * records are GC nodes (their cells, function and namespace are children)
 * so that the cycles through them are collected with the context.
 */
#include <stdlib.h>

#include "module.h"
#include "atom.h"
#include "bytecode.h"
#include "conv.h"
#include "error.h"
#include "function.h"
#include "gc.h"
#include "object.h"
#include "promise.h"
#include "runtime.h"
#include "str.h"

enum {
    JS_MODULE_NEW,       /* its requests are not loaded yet */
    JS_MODULE_UNLINKED,
    JS_MODULE_LINKING,
    JS_MODULE_LINKED,
    JS_MODULE_EVALUATING,
    JS_MODULE_EVALUATING_ASYNC,
    JS_MODULE_EVALUATED,
};

typedef struct JSModuleBinding {
    JSAtom name;
    uint8_t kind;
    int32_t cpool_idx;
    JSVarRef *cell; /* local bindings: from the start; imports: once linked */
} JSModuleBinding;

typedef struct JSModuleRequest {
    JSAtom specifier;
    JSAtom type;
    JSModuleDef *module; /* once loaded (the module map owns it) */
} JSModuleRequest;

typedef struct JSModuleImport {
    uint32_t request;
    JSAtom import_name; /* JS_ATOM_NULL: the namespace */
    uint32_t binding;
} JSModuleImport;

typedef struct JSModuleExport {
    JSAtom export_name;
    int32_t request;    /* indirect and star exports */
    JSAtom import_name; /* indirect: JS_ATOM_NULL for `export * as ns` */
    int32_t binding;    /* local exports */
} JSModuleExport;

struct JSModuleDef {
    JSGCObjectHeader header;
    struct list_head link; /* ctx->module_list */
    JSAtom name;
    JSModuleRequest *requests;
    uint32_t request_count;
    JSModuleBinding *bindings;
    uint32_t binding_count, binding_size;
    JSModuleImport *imports;
    uint32_t import_count;
    JSModuleExport *exports; /* local, then indirect, then star */
    uint32_t local_export_count, indirect_export_count, star_export_count;
    uint32_t export_size;
    JSValue bc;   /* the module function's bytecode; undefined for C modules */
    JSValue func; /* the module function, once linked */
    JSModuleInitFunc *init_func;
    JSValue ns, meta;
    uint8_t status;
    bool has_tla;
    bool loading;
    bool has_error;
    JSValue error;
    uint32_t dfs_index, dfs_ancestor_index;
    JSModuleDef *cycle_root;
    int64_t async_order; /* [[AsyncEvaluationOrder]]: 0 unset, -1 done */
    JSModuleDef **async_parents;
    uint32_t async_parent_count, async_parent_size;
    uint32_t pending_async_deps;
    JSValue cap[3]; /* [[TopLevelCapability]]: promise, resolve, reject */
};

#define JS_MODULE_ASYNC_DONE (-1)

static JSValue js_module_value(JSModuleDef *m)
{
    m->header.ref_count++;
    return JS_MKPTR(JS_TAG_MODULE, m);
}

/* ---------------------------------------------------------------------
 * Records
 * ------------------------------------------------------------------- */
static JSModuleDef *js_module_alloc(JSContext *ctx, JSAtom name)
{
    JSModuleDef *m = js_mallocz(ctx, sizeof(*m));
    if (!m)
        return NULL;
    js_gc_init_node(ctx->rt, &m->header, JS_GC_OBJ_TYPE_MODULE);
    m->name = JS_DupAtom(ctx, name);
    m->bc = JS_UNDEFINED;
    m->func = JS_UNDEFINED;
    m->ns = JS_UNDEFINED;
    m->meta = JS_UNDEFINED;
    m->error = JS_UNDEFINED;
    for (int i = 0; i < 3; i++)
        m->cap[i] = JS_UNDEFINED;
    /* the module map holds the record's reference */
    list_add_tail(&m->link, &ctx->module_list);
    return m;
}

static JSModuleDef *js_module_find(JSContext *ctx, JSAtom name)
{
    struct list_head *el;
    list_for_each(el, &ctx->module_list) {
        JSModuleDef *m = list_entry(el, JSModuleDef, link);
        if (m->name == name)
            return m;
    }
    return NULL;
}

static int js_module_add_binding(JSContext *ctx, JSModuleDef *m, JSAtom name, int kind,
                                 int32_t cpool_idx)
{
    JSModuleBinding *b;
    JSValue init = kind == JS_MODULE_BINDING_LEXICAL || kind == JS_MODULE_BINDING_CONST
                       ? JS_UNINITIALIZED
                       : JS_UNDEFINED;
    if (js_resize_array(ctx, (void **)&m->bindings, sizeof(*m->bindings), (int *)&m->binding_size,
                        m->binding_count + 1))
        return -1;
    b = &m->bindings[m->binding_count];
    b->name = JS_DupAtom(ctx, name);
    b->kind = kind;
    b->cpool_idx = cpool_idx;
    b->cell = NULL;
    if (kind != JS_MODULE_BINDING_IMPORT) {
        b->cell = js_new_var_ref(ctx, init);
        if (!b->cell) {
            JS_FreeAtom(ctx, name);
            return -1;
        }
    }
    return m->binding_count++;
}

static int js_module_find_binding(JSModuleDef *m, JSAtom name)
{
    for (uint32_t i = 0; i < m->binding_count; i++) {
        if (m->bindings[i].name == name)
            return i;
    }
    return -1;
}

static int js_module_add_export(JSContext *ctx, JSModuleDef *m, const JSModuleExport *e)
{
    if (js_resize_array(ctx, (void **)&m->exports, sizeof(*m->exports), (int *)&m->export_size,
                        m->local_export_count + m->indirect_export_count +
                            m->star_export_count + 1))
        return -1;
    m->exports[m->local_export_count + m->indirect_export_count + m->star_export_count] = *e;
    JS_DupAtom(ctx, e->export_name);
    JS_DupAtom(ctx, e->import_name);
    return 0;
}

static int js_module_init_exports(JSContext *ctx, JSModuleDef *m, const JSModuleDesc *d)
{
    /* three passes keep local, indirect and star exports in that order */
    for (int pass = 0; pass < 3; pass++) {
        for (uint32_t i = 0; i < d->export_count; i++) {
            const JSModuleExportDesc *x = &d->exports[i];
            JSModuleExport e;
            int kind = x->request < 0 ? 0 : x->export_name != JS_ATOM_NULL ? 1 : 2;
            if (kind != pass)
                continue;
            e.export_name = x->export_name;
            e.import_name = x->import_name;
            e.request = x->request;
            e.binding = kind ? -1 : js_module_find_binding(m, x->local_name);
            if (js_module_add_export(ctx, m, &e) < 0)
                return -1;
            if (pass == 0)
                m->local_export_count++;
            else if (pass == 1)
                m->indirect_export_count++;
            else
                m->star_export_count++;
        }
    }
    return 0;
}

static int js_module_init_imports(JSContext *ctx, JSModuleDef *m, const JSModuleDesc *d)
{
    if (d->import_count) {
        m->imports = js_mallocz(ctx, sizeof(*m->imports) * d->import_count);
        if (!m->imports)
            return -1;
    }
    for (uint32_t i = 0; i < d->import_count; i++) {
        const JSModuleImportDesc *x = &d->imports[i];
        JSModuleImport *imp = &m->imports[m->import_count++];
        imp->request = x->request;
        imp->import_name = JS_DupAtom(ctx, x->import_name);
        imp->binding = js_module_find_binding(m, x->local_name);
    }
    return 0;
}

JSValue js_module_new(JSContext *ctx, JSAtom name, JSValue bc, const JSModuleDesc *d)
{
    JSModuleDef *m = js_module_alloc(ctx, name);
    if (!m) {
        JS_FreeValue(ctx, bc);
        return JS_EXCEPTION;
    }
    m->bc = bc;
    m->has_tla = d->has_top_level_await;
    if (d->request_count) {
        m->requests = js_mallocz(ctx, sizeof(*m->requests) * d->request_count);
        if (!m->requests)
            goto fail;
    }
    for (uint32_t i = 0; i < d->request_count; i++) {
        m->requests[i].specifier = JS_DupAtom(ctx, d->requests[i].specifier);
        m->requests[i].type = JS_DupAtom(ctx, d->requests[i].type);
        m->request_count++;
    }
    for (uint32_t i = 0; i < d->binding_count; i++) {
        const JSModuleBindingDesc *b = &d->bindings[i];
        if (js_module_add_binding(ctx, m, b->name, b->kind, b->cpool_idx) < 0)
            goto fail;
    }
    if (js_module_init_imports(ctx, m, d) < 0 || js_module_init_exports(ctx, m, d) < 0)
        goto fail;
    return js_module_value(m);
fail:
    /* the record stays in the map, unlinkable: freed with the context */
    m->status = JS_MODULE_EVALUATED;
    m->has_error = true;
    return JS_ThrowOutOfMemory(ctx);
}

void js_module_mark(JSRuntime *rt, JSModuleDef *m, JSMarkFunc *mark_func)
{
    for (uint32_t i = 0; i < m->binding_count; i++) {
        if (m->bindings[i].cell)
            mark_func(rt, &m->bindings[i].cell->header);
    }
    js_gc_mark_value(rt, m->bc, mark_func);
    js_gc_mark_value(rt, m->func, mark_func);
    js_gc_mark_value(rt, m->ns, mark_func);
    js_gc_mark_value(rt, m->meta, mark_func);
    js_gc_mark_value(rt, m->error, mark_func);
    for (int i = 0; i < 3; i++)
        js_gc_mark_value(rt, m->cap[i], mark_func);
}

void js_module_free_children(JSRuntime *rt, JSModuleDef *m)
{
    for (uint32_t i = 0; i < m->binding_count; i++) {
        JS_FreeAtomRT(rt, m->bindings[i].name);
        if (m->bindings[i].cell)
            JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, m->bindings[i].cell));
    }
    for (uint32_t i = 0; i < m->request_count; i++) {
        JS_FreeAtomRT(rt, m->requests[i].specifier);
        JS_FreeAtomRT(rt, m->requests[i].type);
    }
    for (uint32_t i = 0; i < m->import_count; i++)
        JS_FreeAtomRT(rt, m->imports[i].import_name);
    for (uint32_t i = 0; i < m->local_export_count + m->indirect_export_count + m->star_export_count;
         i++) {
        JS_FreeAtomRT(rt, m->exports[i].export_name);
        JS_FreeAtomRT(rt, m->exports[i].import_name);
    }
    js_free_rt(rt, m->bindings);
    js_free_rt(rt, m->requests);
    js_free_rt(rt, m->imports);
    js_free_rt(rt, m->exports);
    js_free_rt(rt, m->async_parents);
    m->bindings = NULL;
    m->binding_count = 0;
    m->requests = NULL;
    m->request_count = 0;
    m->imports = NULL;
    m->import_count = 0;
    m->exports = NULL;
    m->local_export_count = m->indirect_export_count = m->star_export_count = 0;
    m->async_parents = NULL;
    JS_FreeValueRT(rt, m->bc);
    JS_FreeValueRT(rt, m->func);
    JS_FreeValueRT(rt, m->ns);
    JS_FreeValueRT(rt, m->meta);
    JS_FreeValueRT(rt, m->error);
    m->bc = m->func = m->ns = m->meta = m->error = JS_UNDEFINED;
    for (int i = 0; i < 3; i++) {
        JS_FreeValueRT(rt, m->cap[i]);
        m->cap[i] = JS_UNDEFINED;
    }
    JS_FreeAtomRT(rt, m->name);
    m->name = JS_ATOM_NULL;
}

void js_context_mark_modules(JSRuntime *rt, JSContext *ctx, JSMarkFunc *mark_func)
{
    struct list_head *el;
    list_for_each(el, &ctx->module_list) {
        mark_func(rt, &list_entry(el, JSModuleDef, link)->header);
    }
}

void js_context_free_modules(JSRuntime *rt, JSContext *ctx)
{
    while (!list_empty(&ctx->module_list)) {
        JSModuleDef *m = list_entry(ctx->module_list.next, JSModuleDef, link);
        list_del(&m->link);
        init_list_head(&m->link);
        JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_MODULE, m));
    }
}

/* ---------------------------------------------------------------------
 * Loading (HostLoadImportedModule, synchronous)
 * ------------------------------------------------------------------- */
/* "./x" and "../x" against the importing module's directory; other
   specifiers are names as they are */
static char *js_module_default_normalize(JSContext *ctx, const char *base, const char *name)
{
    const char *slash = strrchr(base, '/');
    size_t dir_len = slash ? (size_t)(slash - base) : 0;
    char *out;
    if (name[0] != '.')
        return js_strdup(ctx, name);
    for (;;) {
        if (!strncmp(name, "./", 2)) {
            name += 2;
        } else if (!strncmp(name, "../", 3)) {
            name += 3;
            while (dir_len > 0 && base[dir_len - 1] != '/')
                dir_len--;
            if (dir_len > 0)
                dir_len--;
        } else {
            break;
        }
    }
    out = js_malloc(ctx, dir_len + strlen(name) + 2);
    if (!out)
        return NULL;
    memcpy(out, base, dir_len);
    out[dir_len] = dir_len ? '/' : '\0';
    strcpy(out + (dir_len ? dir_len + 1 : 0), name);
    return out;
}

/* the module `specifier` names when imported from `base` */
static JSModuleDef *js_module_host_load(JSContext *ctx, JSAtom base, JSAtom specifier)
{
    JSRuntime *rt = ctx->rt;
    const char *base_str, *spec_str;
    char *name;
    JSAtom name_atom;
    JSModuleDef *m;
    base_str = JS_AtomToCString(ctx, base);
    spec_str = base_str ? JS_AtomToCString(ctx, specifier) : NULL;
    if (!spec_str) {
        JS_FreeCString(ctx, base_str);
        return NULL;
    }
    if (rt->module_normalize_func)
        name = rt->module_normalize_func(ctx, base_str, spec_str, rt->module_loader_opaque);
    else
        name = js_module_default_normalize(ctx, base_str, spec_str);
    JS_FreeCString(ctx, base_str);
    JS_FreeCString(ctx, spec_str);
    if (!name)
        return NULL;
    name_atom = JS_NewAtom(ctx, name);
    m = name_atom == JS_ATOM_NULL ? NULL : js_module_find(ctx, name_atom);
    JS_FreeAtom(ctx, name_atom);
    if (!m && name_atom != JS_ATOM_NULL) {
        if (rt->module_loader_func)
            m = rt->module_loader_func(ctx, name, rt->module_loader_opaque);
        else
            JS_ThrowReferenceError(ctx, "could not load module '%s'", name);
    }
    js_free(ctx, name);
    return m;
}

/* LoadRequestedModules: the whole graph under m, depth first */
static int js_module_load_requests(JSContext *ctx, JSModuleDef *m)
{
    int ret = 0;
    if (m->status != JS_MODULE_NEW || m->loading)
        return 0;
    if (js_check_stack_overflow(ctx->rt, 0)) {
        js_throw_stack_overflow(ctx);
        return -1;
    }
    m->loading = true;
    for (uint32_t i = 0; i < m->request_count && ret == 0; i++) {
        JSModuleRequest *r = &m->requests[i];
        if (!r->module)
            r->module = js_module_host_load(ctx, m->name, r->specifier);
        if (!r->module)
            ret = -1;
        else
            ret = js_module_load_requests(ctx, r->module);
    }
    m->loading = false;
    if (ret == 0)
        m->status = JS_MODULE_UNLINKED;
    return ret;
}

/* ---------------------------------------------------------------------
 * ResolveExport and GetExportedNames
 * ------------------------------------------------------------------- */
typedef enum {
    JS_RESOLVE_FOUND,
    JS_RESOLVE_NOT_FOUND,
    JS_RESOLVE_AMBIGUOUS,
    JS_RESOLVE_ERROR, /* out of memory, stack overflow */
} JSResolveStatus;

typedef struct JSResolved {
    JSModuleDef *module;
    int binding; /* -1: the module's namespace */
} JSResolved;

typedef struct JSResolveSet {
    JSContext *ctx;
    struct {
        JSModuleDef *module;
        JSAtom name;
    } *tab;
    int count, size;
} JSResolveSet;

static JSModuleExport *js_module_export_at(JSModuleDef *m, uint32_t i) { return &m->exports[i]; }

static JSResolveStatus js_module_resolve_export(JSModuleDef *m, JSAtom name, JSResolveSet *set,
                                                JSResolved *res);

static JSResolveStatus js_module_resolve_star(JSModuleDef *m, JSAtom name, JSResolveSet *set,
                                              JSResolved *res)
{
    bool found = false;
    uint32_t first = m->local_export_count + m->indirect_export_count;
    for (uint32_t i = 0; i < m->star_export_count; i++) {
        JSModuleExport *e = js_module_export_at(m, first + i);
        JSResolved r;
        JSResolveStatus st = js_module_resolve_export(m->requests[e->request].module, name, set, &r);
        if (st == JS_RESOLVE_AMBIGUOUS || st == JS_RESOLVE_ERROR)
            return st;
        if (st == JS_RESOLVE_NOT_FOUND)
            continue;
        if (!found) {
            *res = r;
            found = true;
        } else if (r.module != res->module || r.binding != res->binding) {
            return JS_RESOLVE_AMBIGUOUS;
        }
    }
    return found ? JS_RESOLVE_FOUND : JS_RESOLVE_NOT_FOUND;
}

static JSResolveStatus js_module_resolve_export(JSModuleDef *m, JSAtom name, JSResolveSet *set,
                                                JSResolved *res)
{
    for (int i = 0; i < set->count; i++) {
        if (set->tab[i].module == m && set->tab[i].name == name)
            return JS_RESOLVE_NOT_FOUND; /* a circular import request */
    }
    if (js_check_stack_overflow(set->ctx->rt, 0)) {
        js_throw_stack_overflow(set->ctx);
        return JS_RESOLVE_ERROR;
    }
    if (js_resize_array(set->ctx, (void **)&set->tab, sizeof(*set->tab), &set->size,
                        set->count + 1))
        return JS_RESOLVE_ERROR;
    set->tab[set->count].module = m;
    set->tab[set->count].name = name;
    set->count++;
    for (uint32_t i = 0; i < m->local_export_count; i++) {
        JSModuleExport *e = js_module_export_at(m, i);
        if (e->export_name == name) {
            res->module = m;
            res->binding = e->binding;
            return JS_RESOLVE_FOUND;
        }
    }
    for (uint32_t i = 0; i < m->indirect_export_count; i++) {
        JSModuleExport *e = js_module_export_at(m, m->local_export_count + i);
        JSModuleDef *target;
        if (e->export_name != name)
            continue;
        target = m->requests[e->request].module;
        if (e->import_name == JS_ATOM_NULL) {
            res->module = target;
            res->binding = -1;
            return JS_RESOLVE_FOUND;
        }
        return js_module_resolve_export(target, e->import_name, set, res);
    }
    if (name == JS_ATOM_default)
        return JS_RESOLVE_NOT_FOUND; /* `export *` never provides default */
    return js_module_resolve_star(m, name, set, res);
}

static JSResolveStatus js_module_resolve(JSContext *ctx, JSModuleDef *m, JSAtom name,
                                         JSResolved *res)
{
    JSResolveSet set = {ctx, NULL, 0, 0};
    JSResolveStatus st = js_module_resolve_export(m, name, &set, res);
    js_free(ctx, set.tab);
    return st;
}

/* a SyntaxError naming a module and an export */
static void js_module_throw_syntax(JSContext *ctx, const char *fmt, JSAtom module, JSAtom name)
{
    const char *m = JS_AtomToCString(ctx, module);
    const char *n = m ? JS_AtomToCString(ctx, name) : NULL;
    if (n)
        JS_ThrowSyntaxError(ctx, fmt, m, n);
    JS_FreeCString(ctx, m);
    JS_FreeCString(ctx, n);
}

/* the SyntaxError of an import or re-export that does not resolve */
static int js_module_resolve_error(JSContext *ctx, JSModuleDef *m, JSAtom name,
                                   JSResolveStatus st)
{
    if (st == JS_RESOLVE_ERROR)
        return -1;
    js_module_throw_syntax(ctx,
                           st == JS_RESOLVE_AMBIGUOUS
                               ? "the requested module '%s' contains conflicting star exports "
                                 "for name '%s'"
                               : "the requested module '%s' does not provide an export named "
                                 "'%s'",
                           m->name, name);
    return -1;
}

typedef struct JSNameList {
    JSAtom *tab;
    int count, size;
} JSNameList;

static bool js_name_list_has(const JSNameList *l, JSAtom a)
{
    for (int i = 0; i < l->count; i++) {
        if (l->tab[i] == a)
            return true;
    }
    return false;
}

static int js_name_list_add(JSContext *ctx, JSNameList *l, JSAtom a)
{
    if (js_resize_array(ctx, (void **)&l->tab, sizeof(JSAtom), &l->size, l->count + 1))
        return -1;
    l->tab[l->count++] = a;
    return 0;
}

typedef struct JSModuleList {
    JSModuleDef **tab;
    int count, size;
} JSModuleList;

static bool js_module_list_has(const JSModuleList *l, JSModuleDef *m)
{
    for (int i = 0; i < l->count; i++) {
        if (l->tab[i] == m)
            return true;
    }
    return false;
}

static int js_module_list_add(JSContext *ctx, JSModuleList *l, JSModuleDef *m)
{
    if (js_resize_array(ctx, (void **)&l->tab, sizeof(*l->tab), &l->size, l->count + 1))
        return -1;
    l->tab[l->count++] = m;
    return 0;
}

/* GetExportedNames (the atoms are borrowed from the records) */
static int js_module_exported_names(JSContext *ctx, JSModuleDef *m, JSNameList *names,
                                    JSModuleList *visited)
{
    uint32_t first_star = m->local_export_count + m->indirect_export_count;
    if (js_module_list_has(visited, m))
        return 0;
    if (js_check_stack_overflow(ctx->rt, 0)) {
        js_throw_stack_overflow(ctx);
        return -1;
    }
    if (js_module_list_add(ctx, visited, m) < 0)
        return -1;
    for (uint32_t i = 0; i < first_star; i++) {
        JSAtom a = js_module_export_at(m, i)->export_name;
        if (!js_name_list_has(names, a) && js_name_list_add(ctx, names, a) < 0)
            return -1;
    }
    for (uint32_t i = 0; i < m->star_export_count; i++) {
        JSModuleExport *e = js_module_export_at(m, first_star + i);
        JSNameList star = {NULL, 0, 0};
        int ret = js_module_exported_names(ctx, m->requests[e->request].module, &star, visited);
        for (int j = 0; ret == 0 && j < star.count; j++) {
            if (star.tab[j] != JS_ATOM_default && !js_name_list_has(names, star.tab[j]))
                ret = js_name_list_add(ctx, names, star.tab[j]);
        }
        js_free(ctx, star.tab);
        if (ret < 0)
            return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Module namespace exotic objects (§10.4.6)
 * ------------------------------------------------------------------- */
typedef struct JSNamespaceEntry {
    JSAtom name;
    JSVarRef *cell;      /* the exported binding, or NULL for ... */
    JSModuleDef *ns_of;  /* ... `export * as ns`: this module's namespace */
} JSNamespaceEntry;

typedef struct JSModuleNamespace {
    JSModuleDef *module;
    JSNamespaceEntry *entries; /* sorted by the names' code units */
    uint32_t *by_atom;         /* entry indices sorted by atom, for lookups */
    uint32_t count;
} JSModuleNamespace;

static void js_namespace_finalizer(JSRuntime *rt, JSValue val)
{
    JSModuleNamespace *ns = js_obj(val)->u.opaque;
    if (!ns)
        return;
    for (uint32_t i = 0; i < ns->count; i++) {
        JSNamespaceEntry *e = &ns->entries[i];
        JS_FreeAtomRT(rt, e->name);
        if (e->cell)
            JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, e->cell));
        if (e->ns_of)
            JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_MODULE, e->ns_of));
    }
    if (ns->module)
        JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_MODULE, ns->module));
    js_free_rt(rt, ns->entries);
    js_free_rt(rt, ns->by_atom);
    js_free_rt(rt, ns);
}

static void js_namespace_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSModuleNamespace *ns = js_obj(val)->u.opaque;
    if (!ns)
        return;
    for (uint32_t i = 0; i < ns->count; i++) {
        if (ns->entries[i].cell)
            mark_func(rt, &ns->entries[i].cell->header);
        if (ns->entries[i].ns_of)
            mark_func(rt, &ns->entries[i].ns_of->header);
    }
    if (ns->module)
        mark_func(rt, &ns->module->header);
}

static JSNamespaceEntry *js_namespace_find(JSModuleNamespace *ns, JSAtom name)
{
    uint32_t lo = 0, hi = ns->count;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        JSNamespaceEntry *e = &ns->entries[ns->by_atom[mid]];
        if (e->name == name)
            return e;
        if (e->name < name)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static JSValue js_module_get_namespace(JSContext *ctx, JSModuleDef *m);

/* the value of an export: a ReferenceError while in its TDZ */
static JSValue js_namespace_entry_value(JSContext *ctx, JSNamespaceEntry *e)
{
    if (e->ns_of)
        return js_module_get_namespace(ctx, e->ns_of);
    if (JS_IsUninitialized(e->cell->value))
        return js_throw_reference_error_tdz(ctx, e->name);
    return JS_DupValue(ctx, e->cell->value);
}

static JSModuleNamespace *js_namespace_of(JSValueConst obj)
{
    return js_obj(obj)->u.opaque;
}

static int js_namespace_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc,
                                         JSValueConst obj, JSAtom prop)
{
    JSNamespaceEntry *e = js_namespace_find(js_namespace_of(obj), prop);
    JSValue v;
    if (!e)
        return 0;
    v = js_namespace_entry_value(ctx, e);
    if (JS_IsException(v))
        return -1;
    if (desc) {
        desc->flags = JS_PROP_WRITABLE | JS_PROP_ENUMERABLE;
        desc->value = v;
        desc->getter = JS_UNDEFINED;
        desc->setter = JS_UNDEFINED;
    } else {
        JS_FreeValue(ctx, v);
    }
    return 1;
}

static int js_namespace_get_own_property_names(JSContext *ctx, JSPropertyEnum **ptab,
                                               uint32_t *plen, JSValueConst obj)
{
    JSModuleNamespace *ns = js_namespace_of(obj);
    JSPropertyEnum *tab = js_malloc(ctx, sizeof(*tab) * (ns->count ? ns->count : 1));
    if (!tab)
        return -1;
    for (uint32_t i = 0; i < ns->count; i++) {
        tab[i].atom = JS_DupAtom(ctx, ns->entries[i].name);
        tab[i].is_enumerable = true;
    }
    *ptab = tab;
    *plen = ns->count;
    return 0;
}

static int js_namespace_delete_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    return js_namespace_find(js_namespace_of(obj), prop) ? 0 : 1;
}

/* [[DefineOwnProperty]]: only a no-op redefinition of an export succeeds */
static int js_namespace_define_own_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                            JSValueConst val, JSValueConst getter,
                                            JSValueConst setter, int flags)
{
    JSNamespaceEntry *e = js_namespace_find(js_namespace_of(obj), prop);
    JSValue cur;
    bool ok;
    if (!e)
        return js_throw_type_error_or_false(ctx, flags, "object is not extensible",
                                            JS_ATOM_NULL);
    cur = js_namespace_entry_value(ctx, e);
    if (JS_IsException(cur))
        return -1;
    ok = !((flags & JS_PROP_HAS_CONFIGURABLE) && (flags & JS_PROP_CONFIGURABLE)) &&
         !((flags & JS_PROP_HAS_ENUMERABLE) && !(flags & JS_PROP_ENUMERABLE)) &&
         !(flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) &&
         !((flags & JS_PROP_HAS_WRITABLE) && !(flags & JS_PROP_WRITABLE)) &&
         (!(flags & JS_PROP_HAS_VALUE) || js_same_value(ctx, val, cur));
    JS_FreeValue(ctx, cur);
    if (!ok)
        return js_throw_type_error_or_false(ctx, flags, "cannot redefine property '%s'", prop);
    return 1;
}

static int js_namespace_has_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    /* the only other own property is @@toStringTag */
    return js_namespace_find(js_namespace_of(obj), prop) != NULL ||
           prop == JS_ATOM_Symbol_toStringTag;
}

static JSValue js_namespace_get_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                         JSValueConst receiver)
{
    JSNamespaceEntry *e = js_namespace_find(js_namespace_of(obj), prop);
    return e ? js_namespace_entry_value(ctx, e) : JS_UNDEFINED;
}

static int js_namespace_set_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                     JSValueConst value, JSValueConst receiver, int flags)
{
    return js_throw_type_error_or_false(ctx, flags,
                                        "cannot assign to property '%s' of a module namespace",
                                        prop);
}

static const JSClassExoticMethods js_namespace_exotic = {
    .get_own_property = js_namespace_get_own_property,
    .get_own_property_names = js_namespace_get_own_property_names,
    .delete_property = js_namespace_delete_property,
    .define_own_property = js_namespace_define_own_property,
    .has_property = js_namespace_has_property,
    .get_property = js_namespace_get_property,
    .set_property = js_namespace_set_property,
};

void js_module_init_classes(JSRuntime *rt)
{
    JSClass *c = &rt->class_array[JS_CLASS_MODULE_NS];
    c->finalizer = js_namespace_finalizer;
    c->gc_mark = js_namespace_mark;
    c->exotic = &js_namespace_exotic;
}

/* export names in code unit order; integer-like names ("0") are atoms
   without a string, compared through a temporary one */
static int js_namespace_cmp_name(const void *a, const void *b, void *opaque)
{
    JSContext *ctx = opaque;
    const JSNamespaceEntry *x = a, *y = b;
    JSValue sx, sy;
    int r;
    if (!js_atom_is_tagged_int(x->name) && !js_atom_is_tagged_int(y->name))
        return js_string_compare(js_atom_get_str(ctx->rt, x->name),
                                 js_atom_get_str(ctx->rt, y->name));
    sx = JS_AtomToString(ctx, x->name);
    sy = JS_AtomToString(ctx, y->name);
    if (JS_IsException(sx) || JS_IsException(sy))
        r = 0; /* out of memory: any order */
    else
        r = js_string_compare(JS_VALUE_GET_STRING(sx), JS_VALUE_GET_STRING(sy));
    JS_FreeValue(ctx, sx);
    JS_FreeValue(ctx, sy);
    return r;
}

static int js_namespace_cmp_atom(const void *a, const void *b, void *opaque)
{
    JSNamespaceEntry *entries = opaque;
    JSAtom x = entries[*(const uint32_t *)a].name, y = entries[*(const uint32_t *)b].name;
    return x < y ? -1 : x > y;
}

/* the entries of the names that resolve unambiguously */
static int js_namespace_fill(JSContext *ctx, JSModuleNamespace *ns, JSModuleDef *m,
                             const JSNameList *names)
{
    ns->entries = js_mallocz(ctx, sizeof(*ns->entries) * (names->count ? names->count : 1));
    ns->by_atom = js_malloc(ctx, sizeof(*ns->by_atom) * (names->count ? names->count : 1));
    if (!ns->entries || !ns->by_atom)
        return -1;
    for (int i = 0; i < names->count; i++) {
        JSResolved r;
        JSResolveStatus st = js_module_resolve(ctx, m, names->tab[i], &r);
        JSNamespaceEntry *e = &ns->entries[ns->count];
        if (st == JS_RESOLVE_ERROR)
            return -1;
        if (st != JS_RESOLVE_FOUND)
            continue;
        e->name = JS_DupAtom(ctx, names->tab[i]);
        if (r.binding < 0) {
            e->ns_of = r.module;
            r.module->header.ref_count++;
        } else {
            e->cell = r.module->bindings[r.binding].cell;
            e->cell->header.ref_count++;
        }
        ns->count++;
    }
    qsort_r(ns->entries, ns->count, sizeof(*ns->entries), js_namespace_cmp_name, ctx);
    for (uint32_t i = 0; i < ns->count; i++)
        ns->by_atom[i] = i;
    qsort_r(ns->by_atom, ns->count, sizeof(*ns->by_atom), js_namespace_cmp_atom, ns->entries);
    return 0;
}

/* GetModuleNamespace: created once, when first asked for */
static JSValue js_module_get_namespace(JSContext *ctx, JSModuleDef *m)
{
    JSNameList names = {NULL, 0, 0};
    JSModuleList visited = {NULL, 0, 0};
    JSModuleNamespace *ns;
    JSValue obj;
    int ret;
    if (!JS_IsUndefined(m->ns))
        return JS_DupValue(ctx, m->ns);
    obj = JS_NewObjectProtoClass(ctx, JS_NULL, JS_CLASS_MODULE_NS);
    if (JS_IsException(obj))
        return obj;
    ns = js_mallocz(ctx, sizeof(*ns));
    if (!ns) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    js_obj(obj)->u.opaque = ns;
    ns->module = m;
    m->header.ref_count++;
    ret = js_module_exported_names(ctx, m, &names, &visited);
    if (ret == 0)
        ret = js_namespace_fill(ctx, ns, m, &names);
    js_free(ctx, names.tab);
    js_free(ctx, visited.tab);
    if (ret == 0)
        ret = JS_DefinePropertyValue(ctx, obj, JS_ATOM_Symbol_toStringTag,
                                     JS_AtomToString(ctx, JS_ATOM_Module), JS_PROP_NO_EXOTIC);
    if (ret < 0 || JS_PreventExtensions(ctx, obj) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    /* a namespace asked for while it was being built was built twice */
    if (!JS_IsUndefined(m->ns)) {
        JS_FreeValue(ctx, obj);
        return JS_DupValue(ctx, m->ns);
    }
    m->ns = JS_DupValue(ctx, obj);
    return obj;
}

/* ---------------------------------------------------------------------
 * Linking (§16.2.1.5.1)
 * ------------------------------------------------------------------- */
static int js_module_set_import(JSContext *ctx, JSModuleBinding *b, JSVarRef *cell)
{
    if (b->cell)
        JS_FreeValue(ctx, JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, b->cell));
    b->cell = cell;
    return 0;
}

/* a binding holding the namespace of target (imports of `* as x`, and
   imports of names re-exported with `export * as x`) */
static int js_module_import_namespace(JSContext *ctx, JSModuleBinding *b, JSModuleDef *target)
{
    JSValue ns = js_module_get_namespace(ctx, target);
    JSVarRef *cell;
    if (JS_IsException(ns))
        return -1;
    cell = js_new_var_ref(ctx, ns);
    if (!cell)
        return -1;
    return js_module_set_import(ctx, b, cell);
}

static int js_module_link_imports(JSContext *ctx, JSModuleDef *m)
{
    uint32_t first = m->local_export_count;
    for (uint32_t i = 0; i < m->indirect_export_count; i++) {
        JSModuleExport *e = js_module_export_at(m, first + i);
        JSResolved r;
        JSResolveStatus st = js_module_resolve(ctx, m, e->export_name, &r);
        if (st != JS_RESOLVE_FOUND)
            return js_module_resolve_error(ctx, m->requests[e->request].module,
                                           e->import_name ? e->import_name : e->export_name, st);
    }
    for (uint32_t i = 0; i < m->import_count; i++) {
        JSModuleImport *imp = &m->imports[i];
        JSModuleDef *target = m->requests[imp->request].module;
        JSModuleBinding *b = &m->bindings[imp->binding];
        JSResolved r;
        JSResolveStatus st;
        if (imp->import_name == JS_ATOM_NULL) {
            if (js_module_import_namespace(ctx, b, target) < 0)
                return -1;
            continue;
        }
        st = js_module_resolve(ctx, target, imp->import_name, &r);
        if (st != JS_RESOLVE_FOUND)
            return js_module_resolve_error(ctx, target, imp->import_name, st);
        if (r.binding < 0) {
            if (js_module_import_namespace(ctx, b, r.module) < 0)
                return -1;
        } else {
            JSVarRef *cell = r.module->bindings[r.binding].cell;
            cell->header.ref_count++;
            js_module_set_import(ctx, b, cell);
        }
    }
    return 0;
}

/* the module function (its closure variables are the bindings, in order)
   and the hoisted function declarations */
static int js_module_instantiate(JSContext *ctx, JSModuleDef *m)
{
    JSFunctionBytecode *b;
    JSVarRef **cells;
    JSValue func;
    if (JS_IsUndefined(m->bc))
        return 0; /* a C module */
    b = js_bytecode_of(m->bc);
    cells = js_malloc(ctx, sizeof(*cells) * (m->binding_count ? m->binding_count : 1));
    if (!cells)
        return -1;
    for (uint32_t i = 0; i < m->binding_count; i++)
        cells[i] = m->bindings[i].cell;
    func = js_closure(ctx, m->bc, cells, NULL, JS_UNDEFINED);
    js_free(ctx, cells);
    if (JS_IsException(func))
        return -1;
    JS_FreeValue(ctx, m->func);
    m->func = func;
    for (uint32_t i = 0; i < m->binding_count; i++) {
        JSModuleBinding *mb = &m->bindings[i];
        JSValue fn;
        if (mb->kind != JS_MODULE_BINDING_FUNCTION)
            continue;
        fn = js_closure(ctx, b->cpool[mb->cpool_idx], js_obj(func)->u.func.var_refs, NULL,
                        JS_UNDEFINED);
        if (JS_IsException(fn))
            return -1;
        JS_FreeValue(ctx, mb->cell->value);
        mb->cell->value = fn;
    }
    return 0;
}

static int js_module_link_inner(JSContext *ctx, JSModuleDef *m, JSModuleList *stack,
                                uint32_t *index)
{
    if (m->status != JS_MODULE_UNLINKED)
        return 0; /* linking, linked, evaluating-async or evaluated */
    if (js_check_stack_overflow(ctx->rt, 0)) {
        js_throw_stack_overflow(ctx);
        return -1;
    }
    m->status = JS_MODULE_LINKING;
    m->dfs_index = m->dfs_ancestor_index = (*index)++;
    if (js_module_list_add(ctx, stack, m) < 0)
        return -1;
    for (uint32_t i = 0; i < m->request_count; i++) {
        JSModuleDef *r = m->requests[i].module;
        if (js_module_link_inner(ctx, r, stack, index) < 0)
            return -1;
        if (r->status == JS_MODULE_LINKING && r->dfs_ancestor_index < m->dfs_ancestor_index)
            m->dfs_ancestor_index = r->dfs_ancestor_index;
    }
    if (js_module_link_imports(ctx, m) < 0 || js_module_instantiate(ctx, m) < 0)
        return -1;
    if (m->dfs_ancestor_index == m->dfs_index) {
        JSModuleDef *top;
        do {
            top = stack->tab[--stack->count];
            top->status = JS_MODULE_LINKED;
        } while (top != m);
    }
    return 0;
}

/* Link() */
static int js_module_link(JSContext *ctx, JSModuleDef *m)
{
    JSModuleList stack = {NULL, 0, 0};
    uint32_t index = 0;
    int ret = js_module_link_inner(ctx, m, &stack, &index);
    if (ret < 0) {
        for (int i = 0; i < stack.count; i++)
            stack.tab[i]->status = JS_MODULE_UNLINKED;
    }
    js_free(ctx, stack.tab);
    return ret;
}

/* ---------------------------------------------------------------------
 * Evaluation (§16.2.1.5.3): synchronous modules run in InnerModuleEvaluation,
 * modules with top-level await (and those waiting for them) complete
 * later, in the order the spec's async evaluation counter gives.
 * ------------------------------------------------------------------- */
static JSValue js_module_new_capability(JSContext *ctx, JSValue *cap)
{
    JSValue funcs[2];
    cap[0] = js_new_promise(ctx, funcs);
    if (JS_IsException(cap[0]))
        return cap[0];
    cap[1] = funcs[0];
    cap[2] = funcs[1];
    return cap[0];
}

static void js_module_settle(JSContext *ctx, JSModuleDef *m, bool reject, JSValueConst value)
{
    JSValue r;
    if (JS_IsUndefined(m->cap[0]))
        return;
    r = JS_Call(ctx, m->cap[reject ? 2 : 1], JS_UNDEFINED, 1, &value);
    JS_FreeValue(ctx, r);
}

/* ExecuteModule of a synchronous module */
static int js_module_execute(JSContext *ctx, JSModuleDef *m)
{
    JSValue ret;
    if (m->init_func)
        return m->init_func(ctx, m);
    if (JS_IsUndefined(m->func))
        return 0;
    ret = JS_Call(ctx, m->func, JS_UNDEFINED, 0, NULL);
    if (JS_IsException(ret))
        return -1;
    JS_FreeValue(ctx, ret);
    return 0;
}

static void js_module_async_rejected(JSContext *ctx, JSModuleDef *m, JSValueConst error);
static int js_module_execute_async(JSContext *ctx, JSModuleDef *m);

/* GatherAvailableAncestors */
static int js_module_gather_ancestors(JSContext *ctx, JSModuleDef *m, JSModuleList *exec)
{
    for (uint32_t i = 0; i < m->async_parent_count; i++) {
        JSModuleDef *p = m->async_parents[i];
        if (js_module_list_has(exec, p) || p->cycle_root->has_error)
            continue;
        if (--p->pending_async_deps == 0) {
            if (js_module_list_add(ctx, exec, p) < 0)
                return -1;
            if (!p->has_tla && js_module_gather_ancestors(ctx, p, exec) < 0)
                return -1;
        }
    }
    return 0;
}

static int js_module_cmp_order(const void *a, const void *b)
{
    int64_t x = (*(JSModuleDef *const *)a)->async_order, y = (*(JSModuleDef *const *)b)->async_order;
    return x < y ? -1 : x > y;
}

/* AsyncModuleExecutionFulfilled */
static void js_module_async_fulfilled(JSContext *ctx, JSModuleDef *m)
{
    JSModuleList exec = {NULL, 0, 0};
    if (m->status == JS_MODULE_EVALUATED)
        return; /* already rejected */
    m->async_order = JS_MODULE_ASYNC_DONE;
    m->status = JS_MODULE_EVALUATED;
    js_module_settle(ctx, m, false, JS_UNDEFINED);
    if (js_module_gather_ancestors(ctx, m, &exec) < 0) {
        js_free(ctx, exec.tab);
        return; /* out of memory: the ancestors never complete */
    }
    if (exec.count > 1) /* exec.tab is NULL when nothing was gathered */
        qsort(exec.tab, exec.count, sizeof(*exec.tab), js_module_cmp_order);
    for (int i = 0; i < exec.count; i++) {
        JSModuleDef *p = exec.tab[i];
        if (p->status == JS_MODULE_EVALUATED)
            continue; /* an earlier one's failure reached it */
        if (p->has_tla) {
            js_module_execute_async(ctx, p);
        } else if (js_module_execute(ctx, p) < 0) {
            JSValue exc = JS_GetException(ctx);
            js_module_async_rejected(ctx, p, exc);
            JS_FreeValue(ctx, exc);
        } else {
            p->async_order = JS_MODULE_ASYNC_DONE;
            p->status = JS_MODULE_EVALUATED;
            js_module_settle(ctx, p, false, JS_UNDEFINED);
        }
    }
    js_free(ctx, exec.tab);
}

/* AsyncModuleExecutionRejected */
static void js_module_async_rejected(JSContext *ctx, JSModuleDef *m, JSValueConst error)
{
    if (m->status == JS_MODULE_EVALUATED)
        return;
    m->has_error = true;
    m->error = JS_DupValue(ctx, error);
    m->status = JS_MODULE_EVALUATED;
    m->async_order = JS_MODULE_ASYNC_DONE;
    js_module_settle(ctx, m, true, error);
    for (uint32_t i = 0; i < m->async_parent_count; i++)
        js_module_async_rejected(ctx, m->async_parents[i], error);
}

static JSValue js_module_async_done(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv, int magic, JSValue *data)
{
    JSModuleDef *m = JS_VALUE_GET_PTR(data[0]);
    if (magic)
        js_module_async_rejected(ctx, m, argv[0]);
    else
        js_module_async_fulfilled(ctx, m);
    return JS_UNDEFINED;
}

/* ExecuteAsyncModule: the body runs to its first await now */
static int js_module_execute_async(JSContext *ctx, JSModuleDef *m)
{
    JSValue promise = JS_Call(ctx, m->func, JS_UNDEFINED, 0, NULL), funcs[2], mod;
    int ret;
    if (JS_IsException(promise))
        return -1;
    mod = JS_MKPTR(JS_TAG_MODULE, m);
    funcs[0] = JS_NewCFunctionData(ctx, js_module_async_done, 0, 0, 1, &mod);
    funcs[1] = JS_NewCFunctionData(ctx, js_module_async_done, 1, 1, 1, &mod);
    if (JS_IsException(funcs[0]) || JS_IsException(funcs[1]))
        ret = -1;
    else
        ret = js_perform_promise_then(ctx, promise, funcs[0], funcs[1], JS_UNDEFINED,
                                      JS_UNDEFINED, JS_UNDEFINED);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    JS_FreeValue(ctx, promise);
    return ret;
}

static int js_module_add_async_parent(JSContext *ctx, JSModuleDef *r, JSModuleDef *m)
{
    if (js_resize_array(ctx, (void **)&r->async_parents, sizeof(*r->async_parents),
                        (int *)&r->async_parent_size, r->async_parent_count + 1))
        return -1;
    r->async_parents[r->async_parent_count++] = m;
    return 0;
}

/* the steps of InnerModuleEvaluation for the modules m requires */
static int js_module_evaluate_inner(JSContext *ctx, JSModuleDef *m, JSModuleList *stack,
                                    uint32_t *index);

static int js_module_evaluate_requests(JSContext *ctx, JSModuleDef *m, JSModuleList *stack,
                                       uint32_t *index)
{
    for (uint32_t i = 0; i < m->request_count; i++) {
        JSModuleDef *r = m->requests[i].module;
        if (js_module_evaluate_inner(ctx, r, stack, index) < 0)
            return -1;
        if (r->status == JS_MODULE_EVALUATING) {
            if (r->dfs_ancestor_index < m->dfs_ancestor_index)
                m->dfs_ancestor_index = r->dfs_ancestor_index;
        } else {
            r = r->cycle_root;
            if (r->has_error) {
                JS_Throw(ctx, JS_DupValue(ctx, r->error));
                return -1;
            }
        }
        if (r->async_order > 0) {
            m->pending_async_deps++;
            if (js_module_add_async_parent(ctx, r, m) < 0)
                return -1;
        }
    }
    return 0;
}

static int js_module_evaluate_inner(JSContext *ctx, JSModuleDef *m, JSModuleList *stack,
                                    uint32_t *index)
{
    if (m->status == JS_MODULE_EVALUATING_ASYNC || m->status == JS_MODULE_EVALUATED) {
        if (!m->has_error)
            return 0;
        JS_Throw(ctx, JS_DupValue(ctx, m->error));
        return -1;
    }
    if (m->status == JS_MODULE_EVALUATING)
        return 0;
    if (js_check_stack_overflow(ctx->rt, 0)) {
        js_throw_stack_overflow(ctx);
        return -1;
    }
    m->status = JS_MODULE_EVALUATING;
    m->dfs_index = m->dfs_ancestor_index = (*index)++;
    m->pending_async_deps = 0;
    if (js_module_list_add(ctx, stack, m) < 0 ||
        js_module_evaluate_requests(ctx, m, stack, index) < 0)
        return -1;
    if (m->pending_async_deps > 0 || m->has_tla) {
        m->async_order = ++ctx->rt->module_async_evaluation_count;
        if (m->pending_async_deps == 0 && js_module_execute_async(ctx, m) < 0)
            return -1;
    } else if (js_module_execute(ctx, m) < 0) {
        return -1;
    }
    if (m->dfs_ancestor_index == m->dfs_index) {
        JSModuleDef *top;
        do {
            top = stack->tab[--stack->count];
            top->status = top->async_order > 0 ? JS_MODULE_EVALUATING_ASYNC : JS_MODULE_EVALUATED;
            top->cycle_root = m;
        } while (top != m);
    }
    return 0;
}

/* Evaluate(): the promise of the module's evaluation */
static JSValue js_module_evaluate(JSContext *ctx, JSModuleDef *m)
{
    JSModuleList stack = {NULL, 0, 0};
    uint32_t index = 0;
    if ((m->status == JS_MODULE_EVALUATING_ASYNC || m->status == JS_MODULE_EVALUATED) &&
        m->cycle_root)
        m = m->cycle_root;
    if (!JS_IsUndefined(m->cap[0]))
        return JS_DupValue(ctx, m->cap[0]);
    if (JS_IsException(js_module_new_capability(ctx, m->cap)))
        return JS_EXCEPTION;
    if (js_module_evaluate_inner(ctx, m, &stack, &index) < 0) {
        JSValue exc = JS_GetException(ctx);
        if (JS_IsUncatchableError(ctx, exc)) {
            js_free(ctx, stack.tab);
            JS_Throw(ctx, exc);
            return JS_EXCEPTION;
        }
        for (int i = 0; i < stack.count; i++) {
            JSModuleDef *s = stack.tab[i];
            s->status = JS_MODULE_EVALUATED;
            s->has_error = true;
            JS_FreeValue(ctx, s->error);
            s->error = JS_DupValue(ctx, exc);
        }
        js_module_settle(ctx, m, true, exc);
        JS_FreeValue(ctx, exc);
    } else if (m->async_order <= 0) {
        js_module_settle(ctx, m, false, JS_UNDEFINED);
    }
    js_free(ctx, stack.tab);
    return JS_DupValue(ctx, m->cap[0]);
}

/* load, link and evaluate: the evaluation promise */
static JSValue js_module_load_link_evaluate(JSContext *ctx, JSModuleDef *m)
{
    if (js_module_load_requests(ctx, m) < 0 || js_module_link(ctx, m) < 0)
        return JS_EXCEPTION;
    return js_module_evaluate(ctx, m);
}

JSValue js_module_run(JSContext *ctx, JSValue module)
{
    JSValue ret = js_module_load_link_evaluate(ctx, JS_VALUE_GET_PTR(module));
    JS_FreeValue(ctx, module);
    return ret;
}

/* ---------------------------------------------------------------------
 * Dynamic import()
 * ------------------------------------------------------------------- */
/* the namespace once the evaluation promise fulfils: data[0] the module,
   data[1] the resolve function */
static JSValue js_module_import_fulfilled(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv, int magic, JSValue *data)
{
    JSValue ns = js_module_get_namespace(ctx, JS_VALUE_GET_PTR(data[0])), r;
    if (JS_IsException(ns))
        return JS_EXCEPTION;
    r = JS_Call(ctx, data[1], JS_UNDEFINED, 1, (JSValueConst *)&ns);
    JS_FreeValue(ctx, ns);
    return r;
}

/* ContinueDynamicImport once the module is loaded */
static int js_module_import_continue(JSContext *ctx, JSModuleDef *m, JSValueConst resolve,
                                     JSValueConst reject)
{
    JSValue promise = js_module_load_link_evaluate(ctx, m), on_ok, data[2];
    int ret;
    if (JS_IsException(promise))
        return -1;
    data[0] = JS_MKPTR(JS_TAG_MODULE, m);
    data[1] = resolve;
    on_ok = JS_NewCFunctionData(ctx, js_module_import_fulfilled, 1, 0, 2, data);
    ret = JS_IsException(on_ok) ? -1
                                : js_perform_promise_then(ctx, promise, on_ok, reject,
                                                          JS_UNDEFINED, JS_UNDEFINED,
                                                          JS_UNDEFINED);
    JS_FreeValue(ctx, on_ok);
    JS_FreeValue(ctx, promise);
    return ret;
}

/* rejects with the pending exception (the job's result otherwise) */
static JSValue js_module_import_reject(JSContext *ctx, JSValueConst reject)
{
    JSValue exc;
    if (js_promise_take_exception(ctx, &exc) < 0)
        return JS_EXCEPTION;
    JS_FreeValue(ctx, JS_Call(ctx, reject, JS_UNDEFINED, 1, (JSValueConst *)&exc));
    JS_FreeValue(ctx, exc);
    return JS_UNDEFINED;
}

/* the job of import(): argv = resolve, reject, referrer, specifier */
static JSValue js_module_import_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    JSAtom referrer = JS_ValueToAtom(ctx, argv[2]), specifier = JS_ValueToAtom(ctx, argv[3]);
    JSModuleDef *m = NULL;
    int ret = -1;
    if (referrer != JS_ATOM_NULL && specifier != JS_ATOM_NULL)
        m = js_module_host_load(ctx, referrer, specifier);
    JS_FreeAtom(ctx, referrer);
    JS_FreeAtom(ctx, specifier);
    if (m)
        ret = js_module_import_continue(ctx, m, argv[0], argv[1]);
    if (ret < 0)
        return js_module_import_reject(ctx, argv[1]);
    return JS_UNDEFINED;
}

/* the import attributes of import()'s options: TypeError unless strings;
   only "type" is supported */
static int js_module_check_import_options(JSContext *ctx, JSValueConst options)
{
    JSValue with;
    JSPropertyEnum *tab;
    uint32_t len;
    int ret = 0;
    if (JS_IsUndefined(options))
        return 0;
    if (!JS_IsObject(options)) {
        JS_ThrowTypeError(ctx, "the second argument of import() must be an object");
        return -1;
    }
    with = JS_GetProperty(ctx, options, JS_ATOM_with);
    if (JS_IsException(with))
        return -1;
    if (JS_IsUndefined(with))
        return 0;
    if (!JS_IsObject(with)) {
        JS_FreeValue(ctx, with);
        JS_ThrowTypeError(ctx, "the 'with' option of import() must be an object");
        return -1;
    }
    if (JS_GetOwnPropertyNames(ctx, &tab, &len, with, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0) {
        JS_FreeValue(ctx, with);
        return -1;
    }
    for (uint32_t i = 0; i < len && ret == 0; i++) {
        JSValue v = JS_GetProperty(ctx, with, tab[i].atom);
        if (JS_IsException(v)) {
            ret = -1;
        } else if (!JS_IsString(v)) {
            JS_ThrowTypeError(ctx, "import attribute values must be strings");
            ret = -1;
        }
        JS_FreeValue(ctx, v);
    }
    for (uint32_t i = 0; i < len && ret == 0; i++) {
        if (tab[i].atom != JS_ATOM_type) {
            JS_ThrowSyntaxError(ctx, "unsupported import attribute");
            ret = -1;
        }
    }
    JS_FreePropertyEnum(ctx, tab, len);
    JS_FreeValue(ctx, with);
    return ret;
}

JSValue js_module_dynamic_import(JSContext *ctx, JSAtom referrer, JSValueConst specifier,
                                 JSValueConst options)
{
    JSValue funcs[2], promise = js_new_promise(ctx, funcs), args[4];
    int ret = -1;
    if (JS_IsException(promise))
        return promise;
    args[0] = funcs[0];
    args[1] = funcs[1];
    args[2] = JS_AtomToString(ctx, referrer);
    args[3] = JS_ToString(ctx, specifier);
    if (!JS_IsException(args[2]) && !JS_IsException(args[3]) &&
        js_module_check_import_options(ctx, options) == 0)
        ret = JS_EnqueueJob(ctx, js_module_import_job, 4, args);
    if (ret < 0 && JS_IsException(js_module_import_reject(ctx, funcs[1]))) {
        JS_FreeValue(ctx, promise);
        promise = JS_EXCEPTION;
    }
    for (int i = 0; i < 4; i++)
        JS_FreeValue(ctx, args[i]);
    return promise;
}

/* ---------------------------------------------------------------------
 * import.meta
 * ------------------------------------------------------------------- */
static JSValue js_module_meta(JSContext *ctx, JSModuleDef *m)
{
    JSRuntime *rt = ctx->rt;
    JSValue meta;
    if (!JS_IsUndefined(m->meta))
        return JS_DupValue(ctx, m->meta);
    meta = JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsException(meta))
        return meta;
    m->meta = JS_DupValue(ctx, meta);
    if (rt->import_meta_func && rt->import_meta_func(ctx, m, meta, rt->import_meta_opaque) < 0) {
        JS_FreeValue(ctx, meta);
        return JS_EXCEPTION;
    }
    return meta;
}

JSValue js_module_import_meta(JSContext *ctx, JSAtom module_name)
{
    JSModuleDef *m = js_module_find(ctx, module_name);
    if (!m)
        return JS_ThrowSyntaxError(ctx, "import.meta outside of a module");
    return js_module_meta(ctx, m);
}

/* ---------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------- */
void JS_SetModuleLoaderFunc(JSRuntime *rt, JSModuleNormalizeFunc *module_normalize,
                            JSModuleLoaderFunc *module_loader, void *opaque)
{
    rt->module_normalize_func = module_normalize;
    rt->module_loader_func = module_loader;
    rt->module_loader_opaque = opaque;
}

void JS_SetImportMetaFunc(JSRuntime *rt, JSModuleImportMetaFunc *func, void *opaque)
{
    rt->import_meta_func = func;
    rt->import_meta_opaque = opaque;
}

JSAtom JS_GetModuleName(JSContext *ctx, JSModuleDef *m) { return JS_DupAtom(ctx, m->name); }

JSValue JS_GetImportMeta(JSContext *ctx, JSModuleDef *m) { return js_module_meta(ctx, m); }

JSValue JS_GetModuleNamespace(JSContext *ctx, JSModuleDef *m)
{
    return js_module_get_namespace(ctx, m);
}

JSModuleDef *JS_LoadModuleDef(JSContext *ctx, const char *base_name, const char *specifier)
{
    JSAtom base = JS_NewAtom(ctx, base_name), spec;
    JSModuleDef *m = NULL;
    if (base == JS_ATOM_NULL)
        return NULL;
    spec = JS_NewAtom(ctx, specifier);
    if (spec != JS_ATOM_NULL)
        m = js_module_host_load(ctx, base, spec);
    JS_FreeAtom(ctx, spec);
    JS_FreeAtom(ctx, base);
    return m;
}

JSValue JS_EvalModule(JSContext *ctx, JSModuleDef *m)
{
    return js_module_load_link_evaluate(ctx, m);
}

JSAtom JS_GetScriptOrModuleName(JSContext *ctx, int n_stack_levels)
{
    for (JSStackFrame *sf = ctx->rt->current_stack_frame; sf; sf = sf->prev_frame) {
        JSObject *p = JS_IsObject(sf->cur_func) ? js_obj(sf->cur_func) : NULL;
        if (!p || p->class_id != JS_CLASS_BYTECODE_FUNCTION)
            continue;
        if (n_stack_levels-- == 0)
            return JS_DupAtom(ctx, p->u.func.function_bytecode->referrer);
    }
    return JS_ATOM_NULL;
}

int JS_ResolveModule(JSContext *ctx, JSValueConst obj)
{
    if (JS_VALUE_GET_TAG(obj) != JS_TAG_MODULE)
        return 0;
    return js_module_load_requests(ctx, JS_VALUE_GET_PTR(obj));
}

JSModuleDef *JS_NewCModule(JSContext *ctx, const char *name_str, JSModuleInitFunc *func)
{
    JSAtom name = JS_NewAtom(ctx, name_str);
    JSModuleDef *m;
    if (name == JS_ATOM_NULL)
        return NULL;
    m = js_module_alloc(ctx, name);
    JS_FreeAtom(ctx, name);
    if (m)
        m->init_func = func;
    return m;
}

int JS_AddModuleExport(JSContext *ctx, JSModuleDef *m, const char *name_str)
{
    JSAtom name = JS_NewAtom(ctx, name_str);
    JSModuleExport e;
    int idx, ret = -1;
    if (name == JS_ATOM_NULL)
        return -1;
    idx = js_module_add_binding(ctx, m, name, JS_MODULE_BINDING_VAR, -1);
    if (idx >= 0) {
        e.export_name = name;
        e.request = -1;
        e.import_name = JS_ATOM_NULL;
        e.binding = idx;
        /* C modules only have local exports */
        ret = js_module_add_export(ctx, m, &e);
        if (ret == 0)
            m->local_export_count++;
    }
    JS_FreeAtom(ctx, name);
    return ret;
}

int JS_AddModuleExportList(JSContext *ctx, JSModuleDef *m, const JSCFunctionListEntry *tab,
                           int len)
{
    for (int i = 0; i < len; i++) {
        if (JS_AddModuleExport(ctx, m, tab[i].name) < 0)
            return -1;
    }
    return 0;
}

int JS_SetModuleExport(JSContext *ctx, JSModuleDef *m, const char *export_name, JSValue val)
{
    JSAtom name = JS_NewAtom(ctx, export_name);
    int ret = -1;
    for (uint32_t i = 0; name != JS_ATOM_NULL && i < m->local_export_count; i++) {
        JSModuleExport *e = &m->exports[i];
        if (e->export_name == name) {
            JSVarRef *cell = m->bindings[e->binding].cell;
            JS_FreeValue(ctx, cell->value);
            cell->value = val;
            JS_FreeAtom(ctx, name);
            return 0;
        }
    }
    JS_FreeAtom(ctx, name);
    JS_FreeValue(ctx, val);
    if (name != JS_ATOM_NULL)
        JS_ThrowReferenceError(ctx, "module has no export named '%s'", export_name);
    return ret;
}

int JS_SetModuleExportList(JSContext *ctx, JSModuleDef *m, const JSCFunctionListEntry *tab,
                           int len)
{
    /* the entries' values come from defining them on a scratch object */
    JSValue obj = JS_NewObject(ctx);
    int ret = 0;
    if (JS_IsException(obj) || JS_SetPropertyFunctionList(ctx, obj, tab, len) < 0) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    for (int i = 0; i < len && ret == 0; i++) {
        JSValue v = JS_GetPropertyStr(ctx, obj, tab[i].name);
        ret = JS_IsException(v) ? -1 : JS_SetModuleExport(ctx, m, tab[i].name, v);
    }
    JS_FreeValue(ctx, obj);
    return ret;
}
