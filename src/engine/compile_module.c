/*
 * compile_module.c — the module record of compiled module code: its
 * requests, top-level bindings (in closure-variable order), imports and
 * exports, handed to module.c, which makes the record.
 */
#include "compiler.h"
#include "atom.h"
#include "module.h"

static JSAtom cm_atom(CompState *s, JSAstString *str)
{
    return str ? comp_atom(s, str) : JS_ATOM_NULL;
}

static int cm_binding_kind(CompBinding *b)
{
    switch (b->module_decl_kind) {
    case JS_DECL_IMPORT:
        return JS_MODULE_BINDING_IMPORT;
    case JS_DECL_FUNCTION:
        /* a function declaration always has its hoisted function */
        return b->module_cpool >= 0 ? JS_MODULE_BINDING_FUNCTION : JS_MODULE_BINDING_VAR;
    case JS_DECL_CONST:
    case JS_DECL_USING:
        return JS_MODULE_BINDING_CONST;
    case JS_DECL_LET:
    case JS_DECL_CLASS:
        return JS_MODULE_BINDING_LEXICAL;
    default:
        return JS_MODULE_BINDING_VAR;
    }
}

/* the "type" import attribute of a request */
static JSAtom cm_request_type(CompState *s, const JSAstModuleRequest *r)
{
    for (uint32_t i = 0; i < r->attribute_count; i++) {
        if (comp_atom(s, r->attributes[i].key) == JS_ATOM_type)
            return comp_atom(s, r->attributes[i].value);
    }
    return JS_ATOM_NULL;
}

static void cm_fill_exports(CompState *s, const JSAstModule *am, JSModuleExportDesc *out)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < am->local_export_count; i++, n++) {
        const JSAstExportEntry *e = &am->local_exports[i];
        out[n].export_name = cm_atom(s, e->export_name);
        out[n].request = -1;
        out[n].import_name = JS_ATOM_NULL;
        out[n].local_name = cm_atom(s, e->local_name);
    }
    for (uint32_t i = 0; i < am->indirect_export_count; i++, n++) {
        const JSAstExportEntry *e = &am->indirect_exports[i];
        out[n].export_name = cm_atom(s, e->export_name);
        out[n].request = e->request;
        out[n].import_name = cm_atom(s, e->import_name);
        out[n].local_name = JS_ATOM_NULL;
    }
    for (uint32_t i = 0; i < am->star_export_count; i++, n++) {
        const JSAstExportEntry *e = &am->star_exports[i];
        out[n].export_name = JS_ATOM_NULL;
        out[n].request = e->request;
        out[n].import_name = JS_ATOM_NULL;
        out[n].local_name = JS_ATOM_NULL;
    }
}

JSValue comp_module_record(CompState *s, CompFunc *f, JSAstModule *am, JSValue bc)
{
    JSContext *ctx = s->ctx;
    CompScope *ms = f->module_scope;
    JSModuleDesc d;
    JSModuleRequestDesc *requests;
    JSModuleBindingDesc *bindings;
    JSModuleImportDesc *imports;
    JSModuleExportDesc *exports;
    uint32_t nreq = am ? am->request_count : 0, nimp = am ? am->import_count : 0;
    uint32_t nexp = am ? am->local_export_count + am->indirect_export_count +
                             am->star_export_count
                       : 0;
    JSValue ret = JS_EXCEPTION;
    if (JS_IsException(bc))
        return bc;
    requests = js_malloc(ctx, sizeof(*requests) * (nreq + 1));
    bindings = js_malloc(ctx, sizeof(*bindings) * (ms->count + 1));
    imports = js_malloc(ctx, sizeof(*imports) * (nimp + 1));
    exports = js_malloc(ctx, sizeof(*exports) * (nexp + 1));
    if (!requests || !bindings || !imports || !exports) {
        JS_FreeValue(ctx, bc);
        goto done;
    }
    for (uint32_t i = 0; i < nreq; i++) {
        requests[i].specifier = cm_atom(s, am->requests[i].specifier);
        requests[i].type = cm_request_type(s, &am->requests[i]);
    }
    for (uint32_t i = 0; i < ms->count; i++) {
        CompBinding *b = ms->bindings[i];
        bindings[i].name = b->name;
        bindings[i].kind = cm_binding_kind(b);
        bindings[i].cpool_idx = b->module_cpool;
    }
    for (uint32_t i = 0; i < nimp; i++) {
        const JSAstImportEntry *e = &am->imports[i];
        imports[i].request = e->request;
        imports[i].import_name = cm_atom(s, e->import_name);
        imports[i].local_name = cm_atom(s, e->local_name);
    }
    if (am)
        cm_fill_exports(s, am, exports);
    memset(&d, 0, sizeof(d));
    d.requests = requests;
    d.request_count = nreq;
    d.bindings = bindings;
    d.binding_count = ms->count;
    d.imports = imports;
    d.import_count = nimp;
    d.exports = exports;
    d.export_count = nexp;
    d.has_top_level_await = am && am->has_top_level_await;
    ret = js_module_new(ctx, s->filename, bc, &d);
done:
    js_free(ctx, requests);
    js_free(ctx, bindings);
    js_free(ctx, imports);
    js_free(ctx, exports);
    return ret;
}
