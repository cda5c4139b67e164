/*
 * parser_module.c — import and export declarations (ECMA-262 §16.2) and
 * the records of a Source Text Module (ParseModule): requested modules
 * with their attributes, import entries, and local / indirect / star
 * export entries, with the module early errors (duplicate exports,
 * exports of undeclared names, malformed string export names, duplicate
 * import attribute keys).
 */
#include <string.h>

#include "parser_internal.h"

/* ---------------------------------------------------------------------
 * Records
 * ------------------------------------------------------------------- */

#define GROW(p, arr, count, cap)                                                   \
    do {                                                                           \
        if ((count) == (cap)) {                                                    \
            uint32_t ncap_ = (cap) ? (cap) * 2 : 8;                                \
            void *n_ = js_parse_alloc(p, ncap_ * sizeof(*(arr)));                  \
            if (count)                                                             \
                memcpy(n_, (arr), (count) * sizeof(*(arr)));                       \
            (arr) = n_;                                                            \
            (cap) = ncap_;                                                         \
        }                                                                          \
    } while (0)

static bool same_attributes(const JSAstModuleRequest *a, const JSAstImportAttribute *attrs,
                            uint32_t n)
{
    if (a->attribute_count != n)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        bool found = false;
        for (uint32_t j = 0; j < n && !found; j++)
            found = a->attributes[j].key == attrs[i].key && a->attributes[j].value == attrs[i].value;
        if (!found)
            return false;
    }
    return true;
}

/* the index of the module request (specifier + attributes), added if new */
static uint32_t module_request(JSParser *p, JSNode *source, JSNodeList attributes)
{
    JSModuleState *ms = p->mod;
    JSAstModule *m = ms->m;
    uint32_t n = attributes.count;
    JSAstImportAttribute *attrs = n ? js_parse_alloc(p, n * sizeof(*attrs)) : NULL;
    for (uint32_t i = 0; i < n; i++) {
        JSNode *a = attributes.items[i];
        JSNode *k = a->u.attribute.key;
        attrs[i].key = k->kind == JS_AST_IDENTIFIER ? k->u.ident.name : k->u.string;
        attrs[i].value = a->u.attribute.value->u.string;
    }
    for (uint32_t i = 0; i < m->request_count; i++) {
        if (m->requests[i].specifier == source->u.string && same_attributes(&m->requests[i], attrs, n))
            return i;
    }
    GROW(p, ms->requests, m->request_count, ms->request_cap);
    JSAstModuleRequest *r = &ms->requests[m->request_count];
    r->specifier = source->u.string;
    r->attributes = attrs;
    r->attribute_count = n;
    m->requests = ms->requests;
    return m->request_count++;
}

static void add_import(JSParser *p, uint32_t request, JSAstString *import_name, JSNode *local,
                       JSNode *spec)
{
    JSModuleState *ms = p->mod;
    JSAstModule *m = ms->m;
    GROW(p, ms->imports, m->import_count, ms->import_cap);
    JSAstImportEntry *e = &ms->imports[m->import_count++];
    e->request = request;
    e->import_name = import_name;
    e->local_name = local->u.ident.name;
    e->node = spec;
    m->imports = ms->imports;
    js_scope_declare_name(p, local, local->u.ident.name, BIND_IMPORT, spec);
}

static JSAstString *export_name_of(JSNode *n)
{
    return n->kind == JS_AST_STRING_LITERAL ? n->u.string : n->u.ident.name;
}

/* ExportedNames must be unique */
static void check_export_name(JSParser *p, JSAstString *name, JSNode *at)
{
    JSModuleState *ms = p->mod;
    for (uint32_t i = 0; i < ms->export_count; i++) {
        if (ms->exports[i].export_name == name)
            js_parse_error(p, at->start, "duplicate export of '%s'",
                           name->wide ? "?" : (const char *)name->u.chars8);
    }
}

static JSAstExportEntry *add_export(JSParser *p, JSAstString *export_name, JSNode *at)
{
    JSModuleState *ms = p->mod;
    if (export_name)
        check_export_name(p, export_name, at);
    GROW(p, ms->exports, ms->export_count, ms->export_cap);
    JSAstExportEntry *e = &ms->exports[ms->export_count++];
    memset(e, 0, sizeof(*e));
    e->export_name = export_name;
    e->request = -1;
    e->node = at;
    return e;
}

static void note_local_export(JSParser *p, JSAstString *name, JSNode *node, JSAstString *local)
{
    JSAstExportEntry *e = add_export(p, name, node);
    e->local_name = local;
}

/* ---------------------------------------------------------------------
 * Shared pieces
 * ------------------------------------------------------------------- */

static bool is_well_formed(const JSAstString *s)
{
    if (!s->wide)
        return true;
    for (uint32_t i = 0; i < s->len; i++) {
        uint16_t c = s->u.chars16[i];
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (i + 1 < s->len && s->u.chars16[i + 1] >= 0xDC00 && s->u.chars16[i + 1] <= 0xDFFF) {
                i++;
                continue;
            }
            return false;
        }
        if (c >= 0xDC00 && c <= 0xDFFF)
            return false;
    }
    return true;
}

/* ModuleExportName: IdentifierName or a well-formed string */
static JSNode *parse_module_export_name(JSParser *p)
{
    if (TOK.type == TOK_STRING) {
        JSNode *n = js_parse_string_literal(p);
        if (!is_well_formed(n->u.string))
            js_parse_error(p, n->start, "export name must be a well-formed Unicode string");
        return n;
    }
    if (TOK.type == TOK_IDENT || (TOK.type >= TOK_FIRST_KEYWORD && TOK.type <= TOK_LAST_KEYWORD)) {
        JSNode *n = js_parse_node(p, JS_AST_IDENTIFIER, &TOK);
        n->u.ident.name = TOK.u.name;
        js_parse_next(p);
        return n;
    }
    js_parse_unexpected(p);
}

static JSNodeList parse_with_clause(JSParser *p)
{
    JSNodeList none = {NULL, 0};
    if (TOK.type != TOK_WITH)
        return none;
    js_parse_next(p);
    js_parse_expect(p, TOK_LBRACE);
    uint32_t base = p->sp;
    while (TOK.type != TOK_RBRACE) {
        JSNode *a = js_parse_node(p, JS_AST_IMPORT_ATTRIBUTE, &TOK);
        JSNode *key;
        if (TOK.type == TOK_STRING) {
            key = js_parse_string_literal(p);
        } else {
            bool computed;
            if (TOK.type == TOK_LBRACKET || TOK.type == TOK_NUMBER || TOK.type == TOK_BIGINT)
                js_parse_unexpected(p);
            key = js_parse_property_name(p, &computed, false);
        }
        JSAstString *k = export_name_of(key);
        for (uint32_t i = base; i < p->sp; i++) {
            if (export_name_of(p->stack[i]->u.attribute.key) == k)
                js_parse_error(p, key->start, "duplicate import attribute");
        }
        js_parse_expect(p, TOK_COLON);
        a->u.attribute.key = key;
        a->u.attribute.value = js_parse_string_literal(p);
        js_parse_finish(p, a);
        js_parse_push(p, a);
        if (TOK.type != TOK_RBRACE)
            js_parse_expect(p, TOK_COMMA);
    }
    js_parse_next(p);
    return js_parse_pop_list(p, base);
}

static JSNode *parse_from_clause(JSParser *p)
{
    if (!js_parse_is_cw(p, JS_CW_FROM))
        js_parse_unexpected(p);
    js_parse_next(p);
    return js_parse_string_literal(p);
}

/* ---------------------------------------------------------------------
 * import
 * ------------------------------------------------------------------- */

static JSNode *parse_imported_binding(JSParser *p)
{
    JSNode *id = js_parse_binding_identifier(p);
    if (js_lex_name(id->u.ident.name)->cw == JS_CW_LET)
        js_parse_error(p, id->start, "'let' is disallowed as a lexically bound name");
    return id;
}

static void parse_named_imports(JSParser *p)
{
    js_parse_expect(p, TOK_LBRACE);
    while (TOK.type != TOK_RBRACE) {
        JSNode *spec = js_parse_node(p, JS_AST_IMPORT_SPECIFIER, &TOK);
        JSToken first = TOK;
        JSNode *imported = parse_module_export_name(p);
        JSNode *local;
        if (js_parse_is_cw(p, JS_CW_AS)) {
            js_parse_next(p);
            local = parse_imported_binding(p);
        } else {
            /* `{x}` binds x: it must be a valid binding identifier */
            if (imported->kind != JS_AST_IDENTIFIER || first.type != TOK_IDENT ||
                (first.flags & TOKF_RESERVED))
                js_parse_error(p, imported->start, "missing 'as' in import specifier");
            if (first.cw == JS_CW_AWAIT || first.cw == JS_CW_YIELD ||
                js_parse_is_reserved_strict(first.cw) || first.cw == JS_CW_EVAL ||
                first.cw == JS_CW_ARGUMENTS)
                js_parse_error(p, imported->start, "invalid import binding name");
            local = js_parse_node_at(p, JS_AST_IDENTIFIER, imported);
            local->u.ident.name = imported->u.ident.name;
        }
        spec->u.specifier.imported = imported;
        spec->u.specifier.local = local;
        js_parse_finish(p, spec);
        js_parse_push(p, spec);
        if (TOK.type != TOK_RBRACE)
            js_parse_expect(p, TOK_COMMA);
    }
    js_parse_next(p);
}

JSNode *js_parse_import_declaration(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_IMPORT_DECLARATION, &TOK);
    js_parse_next(p);
    uint32_t base = p->sp;
    if (TOK.type != TOK_STRING) {
        if (TOK.type == TOK_IDENT) {
            JSNode *spec = js_parse_node(p, JS_AST_IMPORT_DEFAULT_SPECIFIER, &TOK);
            spec->u.specifier.local = parse_imported_binding(p);
            js_parse_finish(p, spec);
            js_parse_push(p, spec);
            if (TOK.type == TOK_COMMA) {
                js_parse_next(p);
                if (TOK.type != TOK_STAR && TOK.type != TOK_LBRACE)
                    js_parse_unexpected(p);
            }
        }
        if (TOK.type == TOK_STAR) {
            JSNode *spec = js_parse_node(p, JS_AST_IMPORT_NAMESPACE_SPECIFIER, &TOK);
            js_parse_next(p);
            if (!js_parse_is_cw(p, JS_CW_AS))
                js_parse_unexpected(p);
            js_parse_next(p);
            spec->u.specifier.local = parse_imported_binding(p);
            js_parse_finish(p, spec);
            js_parse_push(p, spec);
        } else if (TOK.type == TOK_LBRACE) {
            parse_named_imports(p);
        } else if (p->sp == base) {
            js_parse_unexpected(p);
        }
        n->u.import_decl.source = parse_from_clause(p);
    } else {
        n->u.import_decl.source = js_parse_string_literal(p);
    }
    n->u.import_decl.specifiers = js_parse_pop_list(p, base);
    n->u.import_decl.attributes = parse_with_clause(p);
    js_parse_semicolon(p);
    js_parse_finish(p, n);
    uint32_t req = module_request(p, n->u.import_decl.source, n->u.import_decl.attributes);
    for (uint32_t i = 0; i < n->u.import_decl.specifiers.count; i++) {
        JSNode *spec = n->u.import_decl.specifiers.items[i];
        JSAstString *import_name = NULL;
        if (spec->kind == JS_AST_IMPORT_DEFAULT_SPECIFIER)
            import_name = js_parse_cw_name(p, JS_CW_DEFAULT);
        else if (spec->kind == JS_AST_IMPORT_SPECIFIER)
            import_name = export_name_of(spec->u.specifier.imported);
        add_import(p, req, import_name, spec->u.specifier.local, spec);
    }
    return n;
}

/* ---------------------------------------------------------------------
 * export
 * ------------------------------------------------------------------- */

/* export names bound by a declaration: var/let/const patterns, function
   and class names */
static void export_bound_names(JSParser *p, JSNode *n)
{
    js_parse_check_stack(p);
    switch (n->kind) {
    case JS_AST_IDENTIFIER:
        note_local_export(p, n->u.ident.name, n, n->u.ident.name);
        break;
    case JS_AST_ASSIGNMENT_PATTERN:
        export_bound_names(p, n->u.binary.left);
        break;
    case JS_AST_REST_ELEMENT:
        export_bound_names(p, n->u.unary.argument);
        break;
    case JS_AST_ARRAY_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            if (n->u.list.items[i])
                export_bound_names(p, n->u.list.items[i]);
        }
        break;
    case JS_AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            JSNode *prop = n->u.list.items[i];
            export_bound_names(p, prop->kind == JS_AST_PROPERTY ? prop->u.property.value : prop);
        }
        break;
    case JS_AST_VARIABLE_DECLARATION:
        for (uint32_t i = 0; i < n->u.var_decl.declarations.count; i++)
            export_bound_names(p, n->u.var_decl.declarations.items[i]->u.declarator.id);
        break;
    case JS_AST_FUNCTION_DECLARATION:
        export_bound_names(p, n->u.func->id);
        break;
    case JS_AST_CLASS_DECLARATION:
        export_bound_names(p, n->u.klass->id);
        break;
    default:
        break;
    }
}

static JSNode *parse_export_default(JSParser *p, JSNode *n, const JSToken *default_tok)
{
    JSAstString *default_name = js_parse_cw_name(p, JS_CW_DEFAULT);
    JSAstString *star_default = js_parse_cw_name(p, JS_CW_DEFAULT_NAME);
    JSNode *at = js_parse_node(p, JS_AST_IDENTIFIER, default_tok);
    at->u.ident.name = default_name;
    JSNode *decl;
    JSToken start = TOK;
    bool is_async = false;
    if (js_parse_is_cw(p, JS_CW_ASYNC)) {
        JSToken peek;
        js_parse_peek(p, &peek);
        is_async = peek.type == TOK_FUNCTION && !(peek.flags & TOKF_NL_BEFORE);
    }
    if (TOK.type == TOK_FUNCTION || is_async) {
        if (is_async)
            js_parse_next(p);
        decl = js_parse_function(p, FN_DECL | FN_DEFAULT_EXPORT | (is_async ? FN_ASYNC : 0),
                                 start.start, &start);
        JSAstFunction *fn = decl->u.func;
        note_local_export(p, default_name, at,
                                          fn->id ? fn->id->u.ident.name : star_default);
    } else if (TOK.type == TOK_CLASS) {
        decl = js_parse_class(p, true, true);
        JSAstClass *k = decl->u.klass;
        if (!k->id)
            js_scope_declare_name(p, decl, star_default, BIND_CLASS, decl);
        note_local_export(p, default_name, at, k->id ? k->id->u.ident.name : star_default);
    } else {
        decl = js_parse_assign(p);
        js_parse_semicolon(p);
        js_scope_declare_name(p, at, star_default, BIND_CONST, decl);
        note_local_export(p, default_name, at, star_default);
    }
    n->kind = JS_AST_EXPORT_DEFAULT;
    n->u.export_default.declaration = decl;
    js_parse_finish(p, n);
    return n;
}

static JSNode *parse_export_star(JSParser *p, JSNode *n)
{
    js_parse_next(p);
    n->kind = JS_AST_EXPORT_ALL;
    if (js_parse_is_cw(p, JS_CW_AS)) {
        js_parse_next(p);
        n->u.export_all.exported = parse_module_export_name(p);
    }
    n->u.export_all.source = parse_from_clause(p);
    n->u.export_all.attributes = parse_with_clause(p);
    js_parse_semicolon(p);
    js_parse_finish(p, n);
    uint32_t req = module_request(p, n->u.export_all.source, n->u.export_all.attributes);
    JSNode *ex = n->u.export_all.exported;
    JSAstExportEntry *e = add_export(p, ex ? export_name_of(ex) : NULL, ex ? ex : n);
    e->request = (int32_t)req;
    return n;
}

static void parse_export_specifiers(JSParser *p, JSNode *n)
{
    uint32_t base = p->sp;
    js_parse_expect(p, TOK_LBRACE);
    while (TOK.type != TOK_RBRACE) {
        JSNode *spec = js_parse_node(p, JS_AST_EXPORT_SPECIFIER, &TOK);
        spec->u.specifier.local = parse_module_export_name(p);
        if (js_parse_is_cw(p, JS_CW_AS)) {
            js_parse_next(p);
            spec->u.specifier.imported = parse_module_export_name(p);
        } else {
            JSNode *ex = js_parse_node_at(p, spec->u.specifier.local->kind, spec->u.specifier.local);
            ex->u = spec->u.specifier.local->u;
            spec->u.specifier.imported = ex;
        }
        js_parse_finish(p, spec);
        js_parse_push(p, spec);
        if (TOK.type != TOK_RBRACE)
            js_parse_expect(p, TOK_COMMA);
    }
    js_parse_next(p);
    n->u.export_named.specifiers = js_parse_pop_list(p, base);
}

/* `export {a, b as c}` without `from`: the local names are references to
   bindings of this module */
static void check_local_export_names(JSParser *p, JSNode *n)
{
    JSModuleState *ms = p->mod;
    for (uint32_t i = 0; i < n->u.export_named.specifiers.count; i++) {
        JSNode *spec = n->u.export_named.specifiers.items[i];
        JSNode *local = spec->u.specifier.local;
        if (local->kind == JS_AST_STRING_LITERAL)
            js_parse_error(p, local->start, "string export names need a 'from' clause");
        int cw = js_lex_name(local->u.ident.name)->tok ? -1 : js_lex_name(local->u.ident.name)->cw;
        if (cw == -1 || js_parse_is_reserved_strict(cw) || cw == JS_CW_AWAIT)
            js_parse_error(p, local->start, "unexpected reserved word in export");
        JSExportName *r = js_parse_alloc(p, sizeof(JSExportName));
        r->name = local->u.ident.name;
        r->pos = local->start;
        r->next = ms->local_refs;
        ms->local_refs = r;
        note_local_export(p, export_name_of(spec->u.specifier.imported),
                                          spec->u.specifier.imported, local->u.ident.name);
    }
}

JSNode *js_parse_export_declaration(JSParser *p)
{
    JSNode *n = js_parse_node(p, JS_AST_EXPORT_NAMED, &TOK);
    js_parse_next(p);
    if (TOK.type == TOK_DEFAULT) {
        JSToken d = TOK;
        js_parse_next(p);
        return parse_export_default(p, n, &d);
    }
    if (TOK.type == TOK_STAR)
        return parse_export_star(p, n);
    if (TOK.type == TOK_LBRACE) {
        parse_export_specifiers(p, n);
        if (js_parse_is_cw(p, JS_CW_FROM)) {
            n->u.export_named.source = parse_from_clause(p);
            n->u.export_named.attributes = parse_with_clause(p);
            uint32_t req = module_request(p, n->u.export_named.source, n->u.export_named.attributes);
            for (uint32_t i = 0; i < n->u.export_named.specifiers.count; i++) {
                JSNode *spec = n->u.export_named.specifiers.items[i];
                JSNode *ex = spec->u.specifier.imported;
                JSAstExportEntry *e = add_export(p, export_name_of(ex), ex);
                e->request = (int32_t)req;
                e->import_name = export_name_of(spec->u.specifier.local);
            }
        } else {
            check_local_export_names(p, n);
        }
        js_parse_semicolon(p);
        js_parse_finish(p, n);
        return n;
    }
    JSNode *decl = js_parse_declaration(p);
    n->u.export_named.declaration = decl;
    export_bound_names(p, decl);
    js_parse_finish(p, n);
    return n;
}

/* ---------------------------------------------------------------------
 * End of module: resolve local exports and split the export entries
 * ------------------------------------------------------------------- */

static const JSAstImportEntry *find_import(JSAstModule *m, JSAstString *local)
{
    for (uint32_t i = 0; i < m->import_count; i++) {
        if (m->imports[i].local_name == local)
            return &m->imports[i];
    }
    return NULL;
}

void js_parse_module_finish(JSParser *p)
{
    JSModuleState *ms = p->mod;
    JSAstModule *m = ms->m;
    for (JSExportName *r = ms->local_refs; r; r = r->next) {
        if (!js_scope_is_declared(p, p->scope, r->name))
            js_parse_error(p, r->pos, "export '%s' is not defined",
                           r->name->wide ? "?" : (const char *)r->name->u.chars8);
    }
    uint32_t n = ms->export_count;
    if (!n)
        return;
    JSAstExportEntry *local = js_parse_alloc(p, n * sizeof(*local));
    JSAstExportEntry *indirect = js_parse_alloc(p, n * sizeof(*indirect));
    JSAstExportEntry *star = js_parse_alloc(p, n * sizeof(*star));
    for (uint32_t i = 0; i < n; i++) {
        JSAstExportEntry e = ms->exports[i];
        if (e.request < 0) {
            const JSAstImportEntry *ie = find_import(m, e.local_name);
            if (ie) {
                /* re-export of an imported binding, or (import_name NULL)
                   of an imported namespace, like `export * as x from` */
                e.request = (int32_t)ie->request;
                e.import_name = ie->import_name;
                e.local_name = NULL;
                indirect[m->indirect_export_count++] = e;
            } else {
                local[m->local_export_count++] = e;
            }
        } else if (!e.export_name) {
            star[m->star_export_count++] = e;
        } else {
            indirect[m->indirect_export_count++] = e;
        }
    }
    m->local_exports = local;
    m->indirect_exports = indirect;
    m->star_exports = star;
}
