/*
 * engine.c — the quickjs:engine module: gc, evalScript, importModule,
 * resolveModule, isMainModule.
 *
 * Module names resolve the way an import in the calling script or module
 * would (module_loader.c's js_std_resolve_module), unless a base name is
 * given. importModule is require() with an explicit base: synchronous,
 * it loads, links and evaluates the module and runs promise jobs until
 * its evaluation settles; a module whose top-level await needs the event
 * loop (a timer, a message) cannot finish this way and makes it throw.
 */
#include <stdlib.h>
#include <string.h>

#include "eventloop.h"
#include "modules.h"

/* the name of the calling script or module ("" when unknown), to free
   with JS_FreeCString */
static const char *js_engine_caller_name(JSContext *ctx)
{
    JSAtom atom = JS_GetScriptOrModuleName(ctx, 0);
    const char *name;
    if (atom == JS_ATOM_NULL) {
        JSValue empty = JS_NewString(ctx, "");
        name = JS_IsException(empty) ? NULL : JS_ToCString(ctx, empty);
        JS_FreeValue(ctx, empty);
        return name;
    }
    name = JS_AtomToCString(ctx, atom);
    JS_FreeAtom(ctx, atom);
    return name;
}

/* a string argument (NULL with a TypeError naming the function) */
static const char *js_engine_string_arg(JSContext *ctx, JSValueConst val, const char *what)
{
    if (!JS_IsString(val)) {
        JS_ThrowTypeError(ctx, "engine.%s must be a string", what);
        return NULL;
    }
    return JS_ToCString(ctx, val);
}

/* the base name for resolving: the optional argument, or the caller's */
static const char *js_engine_base_arg(JSContext *ctx, int argc, JSValueConst *argv, int i,
                                      const char *what)
{
    if (argc > i && !JS_IsUndefined(argv[i]))
        return js_engine_string_arg(ctx, argv[i], what);
    return js_engine_caller_name(ctx);
}

static JSValue js_engine_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JS_RunGC(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

/* evalScript(code, {filename}): runs code as a global script */
static JSValue js_engine_eval_script(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    const char *code, *filename = NULL;
    size_t len;
    JSValue ret, fn = JS_UNDEFINED;
    if (argc < 1 || !JS_IsString(argv[0]))
        return JS_ThrowTypeError(ctx, "engine.evalScript: the code must be a string");
    if (argc > 1 && !JS_IsUndefined(argv[1])) {
        if (!JS_IsObject(argv[1]))
            return JS_ThrowTypeError(ctx, "engine.evalScript: the options must be an object");
        fn = JS_GetPropertyStr(ctx, argv[1], "filename");
        if (JS_IsException(fn))
            return fn;
        if (!JS_IsUndefined(fn)) {
            filename = js_engine_string_arg(ctx, fn, "evalScript: the filename option");
            if (!filename) {
                JS_FreeValue(ctx, fn);
                return JS_EXCEPTION;
            }
        }
    }
    code = JS_ToCStringLen(ctx, &len, argv[0]);
    if (!code) {
        ret = JS_EXCEPTION;
    } else {
        ret = JS_Eval(ctx, code, len, filename ? filename : "<evalScript>",
                      JS_EVAL_TYPE_GLOBAL);
        JS_FreeCString(ctx, code);
    }
    if (filename)
        JS_FreeCString(ctx, filename);
    JS_FreeValue(ctx, fn);
    return ret;
}

/* resolveModule(name, base?): the module name an import of `name` from
   base (default: the caller) resolves to */
static JSValue js_engine_resolve_module(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    const char *name = js_engine_string_arg(ctx, argc > 0 ? argv[0] : JS_UNDEFINED,
                                            "resolveModule: the name");
    const char *base;
    char *resolved = NULL;
    JSValue ret = JS_EXCEPTION;
    if (!name)
        return JS_EXCEPTION;
    base = js_engine_base_arg(ctx, argc, argv, 1, "resolveModule: the base");
    if (base)
        resolved = js_std_resolve_module(ctx, base, name);
    if (resolved) {
        ret = JS_NewString(ctx, resolved);
        js_free(ctx, resolved);
    }
    if (base)
        JS_FreeCString(ctx, base);
    JS_FreeCString(ctx, name);
    return ret;
}

/* importModule(name, base?): the namespace of the module, loaded and
   evaluated now */
static JSValue js_engine_import_module(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    const char *name = js_engine_string_arg(ctx, argc > 0 ? argv[0] : JS_UNDEFINED,
                                            "importModule: the name");
    const char *base;
    JSValue ret = JS_EXCEPTION;
    if (!name)
        return JS_EXCEPTION;
    base = js_engine_base_arg(ctx, argc, argv, 1, "importModule: the base");
    if (base) {
        ret = js_std_require_module(ctx, base, name);
        JS_FreeCString(ctx, base);
    }
    JS_FreeCString(ctx, name);
    return ret;
}

/* name as the module system resolves it from the current directory (to
   js_free), or NULL when it does not resolve */
static char *js_engine_resolve_quiet(JSContext *ctx, const char *name)
{
    char *resolved = js_std_resolve_module(ctx, "", name);
    if (!resolved)
        JS_FreeValue(ctx, JS_GetException(ctx));
    return resolved;
}

/* whether two module names designate the same module: equal, or equal
   once resolved */
static bool js_engine_same_module(JSContext *ctx, const char *a, const char *b)
{
    char *ra, *rb;
    bool same;
    if (!strcmp(a, b))
        return true;
    ra = js_engine_resolve_quiet(ctx, a);
    rb = ra ? js_engine_resolve_quiet(ctx, b) : NULL;
    same = ra && rb && !strcmp(ra, rb);
    js_free(ctx, ra);
    js_free(ctx, rb);
    return same;
}

/* isMainModule(name?): whether the module `name` (resolved from the
   caller), or the calling script or module itself, is the program's main
   module (js_std_set_main_module) */
static JSValue js_engine_is_main_module(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    const char *caller = js_engine_caller_name(ctx), *name;
    char *resolved = NULL;
    bool ret = false;
    if (!caller)
        return JS_EXCEPTION;
    if (argc > 0 && !JS_IsUndefined(argv[0])) {
        name = js_engine_string_arg(ctx, argv[0], "isMainModule: the name");
        if (name)
            resolved = js_std_resolve_module(ctx, caller, name);
        if (name)
            JS_FreeCString(ctx, name);
        JS_FreeCString(ctx, caller);
        if (!resolved)
            return JS_EXCEPTION;
        ret = ts && ts->main_module && js_engine_same_module(ctx, resolved, ts->main_module);
        js_free(ctx, resolved);
    } else {
        ret = ts && ts->main_module && js_engine_same_module(ctx, caller, ts->main_module);
        JS_FreeCString(ctx, caller);
    }
    return JS_NewBool(ctx, ret);
}

static const JSCFunctionListEntry js_engine_funcs[] = {
    JS_CFUNC_DEF("gc", 0, js_engine_gc),
    JS_CFUNC_DEF("evalScript", 2, js_engine_eval_script),
    JS_CFUNC_DEF("importModule", 2, js_engine_import_module),
    JS_CFUNC_DEF("resolveModule", 2, js_engine_resolve_module),
    JS_CFUNC_DEF("isMainModule", 1, js_engine_is_main_module),
};

static int js_engine_module_init(JSContext *ctx, JSModuleDef *m)
{
    return JS_SetModuleExportList(ctx, m, js_engine_funcs,
                                  sizeof(js_engine_funcs) / sizeof(js_engine_funcs[0]));
}

JSModuleDef *js_init_module_engine(JSContext *ctx, const char *name)
{
    JSModuleDef *m = JS_NewCModule(ctx, name, js_engine_module_init);
    if (!m)
        return NULL;
    if (JS_AddModuleExportList(ctx, m, js_engine_funcs,
                               sizeof(js_engine_funcs) / sizeof(js_engine_funcs[0])) < 0)
        return NULL;
    return m;
}
