/*
 * globals.c — the global environment: the global object (var and function
 * bindings) in front of which sits the declarative record of global
 * let/const/class bindings (ctx->global_var_obj, a null-prototype object
 * whose values are JS_UNINITIALIZED while in their temporal dead zone and
 * whose const bindings are non-writable). Also Global- and
 * EvalDeclarationInstantiation.
 */
#include "globals.h"
#include "atom.h"
#include "bytecode.h"
#include "error.h"
#include "function.h"
#include "object.h"

static JSShapeProperty *js_global_lexical(JSContext *ctx, JSAtom name, JSProperty **ppr)
{
    return find_own_property(ppr, js_obj(ctx->global_var_obj), name);
}

JSValue js_global_get(JSContext *ctx, JSAtom name, bool throw_ref_error)
{
    JSProperty *pr;
    if (js_global_lexical(ctx, name, &pr)) {
        if (JS_IsUninitialized(pr->value))
            return js_throw_reference_error_tdz(ctx, name);
        return JS_DupValue(ctx, pr->value);
    }
    if (!js_obj(ctx->global_obj)->is_exotic) {
        /* an own data property of the global object (functions and vars
           declared by scripts): what Get returns, without its generic path */
        JSShapeProperty *prs = find_own_property(&pr, js_obj(ctx->global_obj), name);
        if (prs && (prs->flags & JS_PROP_TMASK) == JS_PROP_NORMAL)
            return JS_DupValue(ctx, pr->value);
    }
    return JS_GetPropertyInternal(ctx, ctx->global_obj, name, ctx->global_obj, throw_ref_error);
}

int js_global_put(JSContext *ctx, JSAtom name, JSValue val, int mode)
{
    JSProperty *pr;
    JSShapeProperty *prs = js_global_lexical(ctx, name, &pr);
    int ret;
    if (prs) {
        if (mode != JS_GLOBAL_PUT_INIT) {
            if (JS_IsUninitialized(pr->value)) {
                JS_FreeValue(ctx, val);
                js_throw_reference_error_tdz(ctx, name);
                return -1;
            }
            if (!(prs->flags & JS_PROP_WRITABLE)) {
                JS_FreeValue(ctx, val);
                JS_ThrowTypeError(ctx, "Assignment to constant variable.");
                return -1;
            }
        }
        JS_FreeValue(ctx, pr->value);
        pr->value = val;
        return 0;
    }
    if (mode == JS_GLOBAL_PUT_STRICT) {
        ret = JS_HasProperty(ctx, ctx->global_obj, name);
        if (ret < 0) {
            JS_FreeValue(ctx, val);
            return -1;
        }
        if (!ret) {
            JS_FreeValue(ctx, val);
            js_throw_reference_error_not_defined(ctx, name);
            return -1;
        }
    }
    ret = JS_SetPropertyInternal(ctx, ctx->global_obj, name, val, ctx->global_obj,
                                 mode == JS_GLOBAL_PUT_SLOPPY ? 0 : JS_PROP_THROW);
    return ret < 0 ? -1 : 0;
}

int js_global_delete(JSContext *ctx, JSAtom name)
{
    JSProperty *pr;
    if (js_global_lexical(ctx, name, &pr))
        return 0;
    return js_delete_property(ctx, ctx->global_obj, name, 0);
}

/* ---------------------------------------------------------------------
 * Declaration instantiation
 * ------------------------------------------------------------------- */
static bool js_decl_is_lexical(int kind)
{
    return kind == JS_GLOBAL_DECL_LET || kind == JS_GLOBAL_DECL_CONST ||
           kind == JS_GLOBAL_DECL_CLASS;
}

/* HasRestrictedGlobalProperty: an own non-configurable property */
static int js_has_restricted_global(JSContext *ctx, JSAtom name)
{
    JSPropertyDescriptor desc;
    int ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(ctx->global_obj), name);
    if (ret <= 0)
        return ret;
    js_free_desc(ctx, &desc);
    return !(desc.flags & JS_PROP_CONFIGURABLE);
}

/* CanDeclareGlobalFunction */
static int js_can_declare_global_function(JSContext *ctx, JSAtom name)
{
    JSPropertyDescriptor desc;
    int ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(ctx->global_obj), name);
    if (ret < 0)
        return -1;
    if (!ret)
        return JS_IsExtensible(ctx, ctx->global_obj);
    js_free_desc(ctx, &desc);
    if (desc.flags & JS_PROP_CONFIGURABLE)
        return 1;
    return !(desc.flags & JS_PROP_GETSET) && (desc.flags & JS_PROP_WRITABLE) &&
           (desc.flags & JS_PROP_ENUMERABLE);
}

/* CanDeclareGlobalVar */
static int js_can_declare_global_var(JSContext *ctx, JSAtom name)
{
    int ret = JS_GetOwnPropertyInternal(ctx, NULL, js_obj(ctx->global_obj), name);
    if (ret != 0)
        return ret;
    return JS_IsExtensible(ctx, ctx->global_obj);
}

static int js_global_decl_check(JSContext *ctx, const JSGlobalDecl *d, bool is_eval)
{
    JSProperty *pr;
    int ret;
    if (js_global_lexical(ctx, d->name, &pr)) {
        js_throw_syntax_error_atom(ctx, "Identifier '%s' has already been declared", d->name);
        return -1;
    }
    if (js_decl_is_lexical(d->kind)) {
        ret = js_has_restricted_global(ctx, d->name);
        if (ret)
            goto refused;
        return 0;
    }
    ret = d->kind == JS_GLOBAL_DECL_FUNCTION ? js_can_declare_global_function(ctx, d->name)
                                               : js_can_declare_global_var(ctx, d->name);
    if (ret == 0) {
        js_throw_type_error_atom(ctx, "cannot declare global variable '%s'", d->name);
        return -1;
    }
    return ret < 0 ? -1 : 0;
refused:
    if (ret > 0)
        js_throw_syntax_error_atom(ctx, "Identifier '%s' has already been declared", d->name);
    return -1;
}

/* CreateGlobalVarBinding */
static int js_create_global_var(JSContext *ctx, JSAtom name, bool deletable)
{
    int ret = JS_GetOwnPropertyInternal(ctx, NULL, js_obj(ctx->global_obj), name);
    if (ret != 0)
        return ret < 0 ? -1 : 0;
    if (!JS_IsExtensible(ctx, ctx->global_obj))
        return 0;
    return JS_DefinePropertyValue(ctx, ctx->global_obj, name, JS_UNDEFINED,
                                  JS_PROP_WRITABLE | JS_PROP_ENUMERABLE |
                                      (deletable ? JS_PROP_CONFIGURABLE : 0) | JS_PROP_THROW) < 0
               ? -1
               : 0;
}

static int js_create_global_lexical(JSContext *ctx, const JSGlobalDecl *d)
{
    int flags = d->kind == JS_GLOBAL_DECL_CONST ? 0 : JS_PROP_WRITABLE;
    /* a const is non-writable from the start: put_var_init writes the slot
       directly, past the attribute check */
    return JS_DefinePropertyValue(ctx, ctx->global_var_obj, d->name, JS_UNINITIALIZED,
                                  flags | JS_PROP_ENUMERABLE) < 0
               ? -1
               : 0;
}

int js_global_decl_instantiate(JSContext *ctx, const JSFunctionBytecode *b, JSValueConst target)
{
    bool is_eval = (b->flags & JS_BC_EVAL_CODE) != 0;
    bool to_global = JS_IsUndefined(target);
    for (uint32_t i = 0; i < b->global_decl_count && to_global; i++) {
        if (js_global_decl_check(ctx, &b->global_decls[i], is_eval) < 0)
            return -1;
    }
    for (uint32_t i = 0; i < b->global_decl_count; i++) {
        const JSGlobalDecl *d = &b->global_decls[i];
        int ret;
        if (js_decl_is_lexical(d->kind)) {
            ret = js_create_global_lexical(ctx, d);
        } else if (d->kind == JS_GLOBAL_DECL_FUNCTION) {
            continue; /* bound by define_global_func */
        } else if (to_global) {
            ret = js_create_global_var(ctx, d->name, is_eval);
        } else {
            ret = JS_GetOwnPropertyInternal(ctx, NULL, js_obj(target), d->name);
            if (ret == 0)
                ret = JS_DefinePropertyValue(ctx, target, d->name, JS_UNDEFINED,
                                             JS_PROP_C_W_E | JS_PROP_THROW);
        }
        if (ret < 0)
            return -1;
    }
    return 0;
}

int js_define_global_func(JSContext *ctx, JSAtom name, JSValueConst fn, JSValueConst target,
                          bool is_eval)
{
    JSPropertyDescriptor desc;
    int ret, flags;
    if (!JS_IsUndefined(target))
        return JS_DefinePropertyValue(ctx, target, name, JS_DupValue(ctx, fn),
                                      JS_PROP_C_W_E | JS_PROP_THROW) < 0
                   ? -1
                   : 0;
    /* CreateGlobalFunctionBinding */
    ret = JS_GetOwnPropertyInternal(ctx, &desc, js_obj(ctx->global_obj), name);
    if (ret < 0)
        return -1;
    if (ret)
        js_free_desc(ctx, &desc);
    if (!ret || (desc.flags & JS_PROP_CONFIGURABLE))
        flags = JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                JS_PROP_HAS_CONFIGURABLE | JS_PROP_WRITABLE | JS_PROP_ENUMERABLE |
                (is_eval ? JS_PROP_CONFIGURABLE : 0);
    else
        flags = JS_PROP_HAS_VALUE;
    if (JS_DefineProperty(ctx, ctx->global_obj, name, fn, JS_UNDEFINED, JS_UNDEFINED,
                          flags | JS_PROP_THROW) < 0)
        return -1;
    return JS_SetPropertyInternal(ctx, ctx->global_obj, name, JS_DupValue(ctx, fn),
                                  ctx->global_obj, 0) < 0
               ? -1
               : 0;
}
