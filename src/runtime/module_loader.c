/*
 * module_loader.c — the runtime's module loader: how an import specifier
 * becomes a module, import.meta, and the synchronous require().
 *
 * Resolution (the normalize hook): "quickjs:os", "quickjs:std",
 * "quickjs:cmdline", "quickjs:timers", "quickjs:engine" and the aliases
 * "os" and "std" name builtin C modules (an alias resolves to the full
 * name, so both give the same module instance). Any other specifier is a
 * path: "./" and "../" relative to the directory of the importing module,
 * "/..." absolute, a bare name relative to the current directory; a
 * "file://" prefix is dropped. The path names a file as it is, or with
 * ".js" added, or a folder's "index.js"; the module's name is the file's
 * real absolute path, so that two specifiers of one file give one module.
 * The main module keeps the name it was run with (its real path maps back
 * to that name). A missing file throws a ReferenceError naming the
 * specifier and the importer (with errno ENOENT and the path tried).
 *
 * Loading (the loader hook) makes the builtin modules with the init
 * functions of modules.h and compiles files as ES modules.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modules.h"
#include "osstd.h"

typedef JSModuleDef *JSBuiltinModuleInit(JSContext *ctx, const char *name);

static const struct {
    const char *name;
    const char *alias;
    JSBuiltinModuleInit *init;
} js_std_builtin_modules[] = {
    {"quickjs:os", "os", js_init_module_os},
    {"quickjs:std", "std", js_init_module_std},
    {"quickjs:cmdline", NULL, js_init_module_cmdline},
    {"quickjs:timers", NULL, js_init_module_timers},
    {"quickjs:engine", NULL, js_init_module_engine},
};

#define JS_STD_BUILTIN_COUNT (sizeof(js_std_builtin_modules) / sizeof(js_std_builtin_modules[0]))

/* the index of the builtin module `name` names (full name or alias), -1 */
static int js_std_builtin_find(const char *name)
{
    for (size_t i = 0; i < JS_STD_BUILTIN_COUNT; i++) {
        if (!strcmp(name, js_std_builtin_modules[i].name) ||
            (js_std_builtin_modules[i].alias && !strcmp(name, js_std_builtin_modules[i].alias)))
            return (int)i;
    }
    return -1;
}

/* removes "." and ".." segments and repeated slashes of an absolute path,
   in place (modules.h) */
void js_std_path_normalize(char *path)
{
    char *out = path, *p = path;
    while (*p) {
        char *seg;
        size_t len;
        while (*p == '/')
            p++;
        seg = p;
        while (*p && *p != '/')
            p++;
        len = p - seg;
        if (len == 0 || (len == 1 && seg[0] == '.'))
            continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > path && *--out != '/')
                continue;
            continue;
        }
        *out++ = '/';
        memmove(out, seg, len);
        out += len;
    }
    if (out == path)
        *out++ = '/';
    *out = '\0';
}

/* the absolute directory specifiers of base_name are relative to (a
   js_malloc'ed string): the directory of a module or script path, the
   current directory for names without a slash ("<cmdline>", "main.js"
   run from its directory) */
static char *js_std_base_dir(JSContext *ctx, const char *base_name)
{
    const char *slash = base_name ? strrchr(base_name, '/') : NULL;
    size_t dir_len = slash ? (size_t)(slash - base_name) : 0;
    char *cwd = NULL, *dir;
    if (!slash || base_name[0] != '/') {
        cwd = getcwd(NULL, 0);
        if (!cwd) {
            js_os_throw_errno(ctx, errno, "getcwd", NULL, NULL);
            return NULL;
        }
    }
    dir = js_malloc(ctx, (cwd ? strlen(cwd) : 0) + dir_len + 3);
    if (dir) {
        sprintf(dir, "%s/%.*s", cwd ? cwd : "", (int)dir_len, slash ? base_name : "");
        js_std_path_normalize(dir);
    }
    free(cwd);
    return dir;
}

static bool js_std_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* the file an absolute path names: itself, with ".js", or its index.js
   (a malloc()ed real path, NULL when there is none) */
static char *js_std_find_file(const char *path)
{
    size_t len = strlen(path);
    char *try = malloc(len + sizeof("/index.js")), *found = NULL;
    if (!try)
        return NULL;
    if (js_std_is_file(path)) {
        found = realpath(path, NULL);
    } else {
        sprintf(try, "%s.js", path);
        if (js_std_is_file(try)) {
            found = realpath(try, NULL);
        } else {
            sprintf(try, "%s%sindex.js", path, len > 0 && path[len - 1] == '/' ? "" : "/");
            if (js_std_is_file(try))
                found = realpath(try, NULL);
        }
    }
    free(try);
    return found;
}

/* the absolute path of a script or module name, for messages */
static char *js_std_display_name(const char *name)
{
    char *r = name ? realpath(name, NULL) : NULL;
    return r ? r : strdup(name ? name : "<unknown>");
}

static JSValue js_std_throw_not_found(JSContext *ctx, const char *spec, const char *base_name,
                                      const char *path)
{
    char *importer = js_std_display_name(base_name);
    JSValue e;
    /* a ReferenceError, as in the QuickJS family */
    JS_ThrowReferenceError(ctx, "cannot find module '%s' imported from %s", spec,
                           importer ? importer : base_name);
    free(importer);
    e = JS_GetException(ctx);
    if (JS_IsObject(e)) {
        JS_SetPropertyStr(ctx, e, "errno", JS_NewInt32(ctx, ENOENT));
        JS_SetPropertyStr(ctx, e, "path", JS_NewString(ctx, path));
        if (JS_HasException(ctx))
            JS_FreeValue(ctx, JS_GetException(ctx));
    }
    return JS_Throw(ctx, e);
}

char *js_std_resolve_module(JSContext *ctx, const char *base_name, const char *spec)
{
    char *dir = NULL, *path, *found;
    int b;
    if (!strncmp(spec, "file://", 7))
        spec += 7;
    b = js_std_builtin_find(spec);
    if (b >= 0)
        return js_strdup(ctx, js_std_builtin_modules[b].name);
    if (!strncmp(spec, "quickjs:", 8)) {
        JS_ThrowReferenceError(ctx, "no builtin module named '%s'", spec);
        return NULL;
    }
    if (!spec[0]) {
        JS_ThrowTypeError(ctx, "empty module specifier");
        return NULL;
    }
    if (spec[0] != '/') {
        bool relative = spec[0] == '.' && (spec[1] == '/' || spec[1] == '\0' ||
                                           (spec[1] == '.' && (spec[2] == '/' || !spec[2])));
        dir = js_std_base_dir(ctx, relative ? base_name : NULL);
        if (!dir)
            return NULL;
    }
    path = js_malloc(ctx, (dir ? strlen(dir) : 0) + strlen(spec) + 2);
    if (!path) {
        js_free(ctx, dir);
        return NULL;
    }
    sprintf(path, "%s/%s", dir ? dir : "", spec);
    js_free(ctx, dir);
    js_std_path_normalize(path);
    found = js_std_find_file(path);
    if (!found) {
        js_std_throw_not_found(ctx, spec, base_name, path);
        js_free(ctx, path);
        return NULL;
    }
    js_free(ctx, path);
    path = js_strdup(ctx, found);
    free(found);
    return path;
}

/* the normalize hook: the resolved name, except that the main module's
   real path gives the name the main module was run with */
static char *js_std_module_normalize(JSContext *ctx, const char *base_name, const char *spec,
                                     void *opaque)
{
    const char *main_name = opaque;
    char *name = js_std_resolve_module(ctx, base_name, spec), *main_path;
    if (!name || !main_name || name[0] != '/')
        return name;
    main_path = realpath(main_name, NULL);
    if (main_path && strcmp(main_path, main_name) != 0 && !strcmp(main_path, name)) {
        js_free(ctx, name);
        name = js_strdup(ctx, main_name);
    }
    free(main_path);
    return name;
}

static JSModuleDef *js_std_module_loader(JSContext *ctx, const char *name, void *opaque)
{
    int b = js_std_builtin_find(name);
    JSValue m;
    size_t len;
    char *src;
    if (b >= 0)
        return js_std_builtin_modules[b].init(ctx, js_std_builtin_modules[b].name);
    src = js_std_read_file(ctx, "import", name, &len);
    if (!src)
        return NULL;
    m = JS_Eval(ctx, src, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    js_free(ctx, src);
    if (JS_IsException(m))
        return NULL;
    /* the module map keeps the module */
    JS_FreeValue(ctx, m);
    return JS_VALUE_GET_PTR(m);
}

/* ---------------------------------------------------------------------
 * Synchronous loading: require(), import.meta.require
 * ------------------------------------------------------------------- */
/* runs promise jobs until the evaluation promise settles (a module with
   top-level await); -1 with an exception when a job threw */
static int js_std_settle_evaluation(JSContext *ctx, JSValueConst promise)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    while (JS_PromiseState(ctx, promise) == JS_PROMISE_PENDING) {
        JSContext *job_ctx;
        int r = JS_ExecutePendingJob(rt, &job_ctx);
        if (r == 0)
            break;
        if (r < 0) /* the job's exception is pending (one per runtime) */
            return -1;
    }
    return 0;
}

static JSValue js_std_ignore(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_UNDEFINED;
}

/* require() rethrows the failure of the evaluation: the promise itself
   counts as handled (no unhandled-rejection report) */
static JSValue js_std_throw_rejection(JSContext *ctx, JSValueConst promise)
{
    JSValue ignore = JS_NewCFunction(ctx, js_std_ignore, "", 1), ret;
    JSAtom catch_atom = JS_NewAtom(ctx, "catch");
    if (!JS_IsException(ignore) && catch_atom != JS_ATOM_NULL) {
        ret = JS_Invoke(ctx, promise, catch_atom, 1, &ignore);
        JS_FreeValue(ctx, ret);
    }
    JS_FreeAtom(ctx, catch_atom);
    JS_FreeValue(ctx, ignore);
    if (JS_HasException(ctx))
        return JS_EXCEPTION;
    return JS_Throw(ctx, JS_PromiseResult(ctx, promise));
}

JSValue js_std_require_module(JSContext *ctx, const char *base_name, const char *spec)
{
    JSModuleDef *m = JS_LoadModuleDef(ctx, base_name, spec);
    JSValue promise, ret;
    if (!m)
        return JS_EXCEPTION;
    promise = JS_EvalModule(ctx, m);
    if (JS_IsException(promise))
        return promise;
    if (js_std_settle_evaluation(ctx, promise) < 0) {
        ret = JS_EXCEPTION;
    } else {
        switch (JS_PromiseState(ctx, promise)) {
        case JS_PROMISE_FULFILLED:
            ret = JS_GetModuleNamespace(ctx, m);
            break;
        case JS_PROMISE_REJECTED:
            ret = js_std_throw_rejection(ctx, promise);
            break;
        default:
            ret = JS_ThrowTypeError(ctx,
                                    "module '%s' cannot be evaluated synchronously: its "
                                    "top-level await waits for a timer or I/O (use import())",
                                    spec);
            break;
        }
    }
    JS_FreeValue(ctx, promise);
    return ret;
}

/* the name of the script or module calling (NULL: none, the current
   directory is the base); free with JS_FreeCString */
static const char *js_std_caller_name(JSContext *ctx)
{
    JSAtom a = JS_GetScriptOrModuleName(ctx, 0);
    const char *name;
    if (a == JS_ATOM_NULL)
        return NULL;
    name = JS_AtomToCString(ctx, a);
    JS_FreeAtom(ctx, a);
    return name;
}

/* the specifier argument: a string */
static const char *js_std_spec_arg(JSContext *ctx, JSValueConst val)
{
    if (!JS_IsString(val)) {
        JS_ThrowTypeError(ctx, "a module specifier must be a string");
        return NULL;
    }
    return JS_ToCString(ctx, val);
}

/* require(spec), require.resolve(spec) (magic 1), relative to the caller;
   import.meta.require and import.meta.resolve (magic 2 and 3) relative to
   the module named by func_data[0] */
static JSValue js_std_require_call(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic, JSValue *func_data)
{
    const char *spec = js_std_spec_arg(ctx, argv[0]), *base;
    JSValue ret = JS_EXCEPTION;
    char *name, *url;
    if (!spec)
        return JS_EXCEPTION;
    base = magic < 2 ? js_std_caller_name(ctx) : JS_ToCString(ctx, func_data[0]);
    if (magic == 0 || magic == 2) {
        ret = js_std_require_module(ctx, base ? base : "<require>", spec);
    } else if ((name = js_std_resolve_module(ctx, base ? base : "<require>", spec)) != NULL) {
        /* import.meta.resolve gives a URL for files, as import.meta.url */
        if (magic == 3 && name[0] == '/' && (url = js_malloc(ctx, strlen(name) + 8)) != NULL) {
            sprintf(url, "file://%s", name);
            ret = JS_NewString(ctx, url);
            js_free(ctx, url);
        } else if (magic != 3 || name[0] != '/') {
            ret = JS_NewString(ctx, name);
        }
        js_free(ctx, name);
    }
    JS_FreeCString(ctx, base);
    JS_FreeCString(ctx, spec);
    return ret;
}

int js_std_add_require(JSContext *ctx)
{
    JSValue global, require, resolve;
    int ret = -1;
    require = JS_NewCFunctionData(ctx, js_std_require_call, 1, 0, 0, NULL);
    if (JS_IsException(require))
        return -1;
    resolve = JS_NewCFunctionData(ctx, js_std_require_call, 1, 1, 0, NULL);
    if (JS_IsException(resolve) || JS_SetPropertyStr(ctx, require, "resolve", resolve) < 0) {
        JS_FreeValue(ctx, require);
        return -1;
    }
    global = JS_GetGlobalObject(ctx);
    ret = JS_DefinePropertyValueStr(ctx, global, "require", require,
                                    JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    JS_FreeValue(ctx, global);
    return ret < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------------
 * import.meta
 * ------------------------------------------------------------------- */
static int js_std_meta_set(JSContext *ctx, JSValueConst meta, const char *prop, JSValue val)
{
    if (JS_IsException(val))
        return -1;
    return JS_DefinePropertyValueStr(ctx, meta, prop, val, JS_PROP_C_W_E) < 0 ? -1 : 0;
}

/* url, filename and dirname: a file's url is file:// and its real path;
   code without a file (-e) has its name as url and filename, and the
   directory its imports resolve against (the current one) as dirname */
static int js_std_meta_location(JSContext *ctx, JSValueConst meta, const char *name)
{
    char *path = realpath(name, NULL), *url = NULL, *dir, *slash;
    int ret = -1;
    if (!path) {
        dir = js_std_base_dir(ctx, name);
        if (dir && js_std_meta_set(ctx, meta, "url", JS_NewString(ctx, name)) == 0 &&
            js_std_meta_set(ctx, meta, "filename", JS_NewString(ctx, name)) == 0)
            ret = js_std_meta_set(ctx, meta, "dirname", JS_NewString(ctx, dir));
        js_free(ctx, dir);
        return ret;
    }
    url = malloc(strlen(path) + 8);
    if (!url) {
        free(path);
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    sprintf(url, "file://%s", path);
    if (js_std_meta_set(ctx, meta, "url", JS_NewString(ctx, url)) == 0 &&
        js_std_meta_set(ctx, meta, "filename", JS_NewString(ctx, path)) == 0) {
        slash = strrchr(path, '/');
        *(slash == path ? slash + 1 : slash) = '\0';
        ret = js_std_meta_set(ctx, meta, "dirname", JS_NewString(ctx, path));
    }
    free(url);
    free(path);
    return ret;
}

/* url, filename, dirname, main, and the resolve and require functions
   bound to the module */
static int js_std_import_meta(JSContext *ctx, JSModuleDef *m, JSValueConst meta, void *opaque)
{
    const char *main_name = opaque;
    JSAtom name_atom = JS_GetModuleName(ctx, m);
    const char *name = JS_AtomToCString(ctx, name_atom);
    JSValue name_val;
    int ret = -1;
    JS_FreeAtom(ctx, name_atom);
    if (!name)
        return -1;
    name_val = JS_NewString(ctx, name);
    if (!JS_IsException(name_val) && js_std_meta_location(ctx, meta, name) == 0 &&
        js_std_meta_set(ctx, meta, "main",
                        JS_NewBool(ctx, main_name && !strcmp(main_name, name))) == 0 &&
        js_std_meta_set(ctx, meta, "resolve",
                        JS_NewCFunctionData(ctx, js_std_require_call, 1, 3, 1, &name_val)) == 0 &&
        js_std_meta_set(ctx, meta, "require",
                        JS_NewCFunctionData(ctx, js_std_require_call, 1, 2, 1, &name_val)) == 0)
        ret = 0;
    JS_FreeValue(ctx, name_val);
    JS_FreeCString(ctx, name);
    return ret;
}

void js_std_init_module_loader(JSRuntime *rt, const char *main_module)
{
    JS_SetModuleLoaderFunc(rt, js_std_module_normalize, js_std_module_loader, (void *)main_module);
    JS_SetImportMetaFunc(rt, js_std_import_meta, (void *)main_module);
}
