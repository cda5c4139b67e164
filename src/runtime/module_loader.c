/*
 * module_loader.c — the weft command's module loader: module names are
 * file paths ("./x.js" and "../x.js" relative to the importing module,
 * other specifiers as given), each file compiled as a module once, with
 * import.meta.url and import.meta.main filled in. The full runtime loader
 * (optional ".js", index.js, builtin module names) comes with the runtime
 * layer.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft_runtime.h"

static char *js_std_read_file(const char *filename, size_t *plen)
{
    FILE *f = fopen(filename, "rb");
    char *buf;
    long len;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc(len + 1);
    if (!buf || fread(buf, 1, len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[len] = '\0';
    fclose(f);
    *plen = len;
    return buf;
}

static JSModuleDef *js_std_module_loader(JSContext *ctx, const char *name, void *opaque)
{
    size_t len;
    char *src = js_std_read_file(name, &len);
    JSValue m;
    if (!src) {
        JS_ThrowReferenceError(ctx, "cannot load module '%s': %s", name, strerror(errno));
        return NULL;
    }
    m = JS_Eval(ctx, src, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    free(src);
    if (JS_IsException(m))
        return NULL;
    /* the module map keeps the module */
    JS_FreeValue(ctx, m);
    return JS_VALUE_GET_PTR(m);
}

/* import.meta.url (a file: URL of the absolute path) and .main */
static int js_std_import_meta(JSContext *ctx, JSModuleDef *m, JSValueConst meta, void *opaque)
{
    const char *main_name = opaque;
    JSAtom name_atom = JS_GetModuleName(ctx, m);
    const char *name = JS_AtomToCString(ctx, name_atom);
    char path[PATH_MAX], *url;
    int ret = -1;
    JS_FreeAtom(ctx, name_atom);
    if (!name)
        return -1;
    if (!realpath(name, path))
        snprintf(path, sizeof(path), "%s", name);
    url = malloc(strlen(path) + 8);
    if (url) {
        strcpy(url, "file://");
        strcat(url, path);
        ret = JS_SetPropertyStr(ctx, meta, "url", JS_NewString(ctx, url));
        if (ret >= 0)
            ret = JS_SetPropertyStr(ctx, meta, "main",
                                    JS_NewBool(ctx, main_name && !strcmp(main_name, name)));
        free(url);
    }
    JS_FreeCString(ctx, name);
    return ret < 0 ? -1 : 0;
}

void js_std_init_module_loader(JSRuntime *rt, const char *main_module)
{
    JS_SetModuleLoaderFunc(rt, NULL, js_std_module_loader, NULL);
    JS_SetImportMetaFunc(rt, js_std_import_meta, (void *)main_module);
}
