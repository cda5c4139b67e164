/*
 * os.c — the quickjs:os module: assembles the exports of os_fs.c (files,
 * directories, descriptors, terminals), os_proc.c (processes, time,
 * constants), the event loop's handlers and timers (js_os_event_funcs)
 * and the Worker constructor (worker.c); and holds the helpers every
 * os/std file shares (osstd.h): the error convention and buffer ranges.
 */
#include <errno.h>
#include <string.h>

#include "modules.h"
#include "osstd.h"

JSValue js_os_throw_errno(JSContext *ctx, int err, const char *call, const char *path,
                          const char *path2)
{
    JSValue e;
    if (path && path2)
        JS_ThrowPlainError(ctx, "%s '%s' -> '%s': %s", call, path, path2, strerror(err));
    else if (path)
        JS_ThrowPlainError(ctx, "%s '%s': %s", call, path, strerror(err));
    else
        JS_ThrowPlainError(ctx, "%s: %s", call, strerror(err));
    e = JS_GetException(ctx);
    if (!JS_IsObject(e)) /* out of memory while building it */
        return JS_Throw(ctx, e);
    JS_SetPropertyStr(ctx, e, "errno", JS_NewInt32(ctx, err));
    if (path)
        JS_SetPropertyStr(ctx, e, "path", JS_NewString(ctx, path));
    if (path2)
        JS_SetPropertyStr(ctx, e, "dest", JS_NewString(ctx, path2));
    if (JS_HasException(ctx))
        JS_FreeValue(ctx, JS_GetException(ctx));
    return JS_Throw(ctx, e);
}

/* the bytes an ArrayBuffer-like value holds, in *pbase and *psize (a typed array:
   the bytes of its view) */
static int js_os_buffer_bytes(JSContext *ctx, JSValueConst buf, uint8_t **pbase, size_t *psize)
{
    static uint8_t empty;
    size_t offset, length;
    JSValue ab;
    uint8_t *p;
    if (JS_IsArrayBuffer(buf) || JS_IsSharedArrayBuffer(buf)) {
        p = JS_GetArrayBuffer(ctx, psize, buf);
        if (!p && JS_HasException(ctx))
            return -1;
        *pbase = p ? p : &empty;
        return 0;
    }
    if (JS_GetTypedArrayType(buf) < 0) {
        JS_ThrowTypeError(ctx, "expected an ArrayBuffer or a typed array");
        return -1;
    }
    ab = JS_GetTypedArrayBuffer(ctx, buf, &offset, &length, NULL);
    if (JS_IsException(ab))
        return -1;
    p = JS_GetArrayBuffer(ctx, psize, ab);
    JS_FreeValue(ctx, ab);
    if (!p && JS_HasException(ctx))
        return -1;
    if (!p || offset + length > *psize) { /* detached or out of bounds */
        *pbase = &empty;
        *psize = 0;
        return 0;
    }
    *pbase = p + offset;
    *psize = length;
    return 0;
}

uint8_t *js_os_get_bytes(JSContext *ctx, JSValueConst buf, JSValueConst pos_val,
                         JSValueConst len_val, size_t *plen)
{
    uint8_t *base;
    size_t size;
    uint64_t pos = 0, len;
    if (js_os_buffer_bytes(ctx, buf, &base, &size) < 0)
        return NULL;
    if (!JS_IsUndefined(pos_val) && JS_ToIndex(ctx, &pos, pos_val) < 0)
        return NULL;
    if (pos > size) {
        JS_ThrowRangeError(ctx, "position %llu is past the end of the buffer (%zu bytes)",
                           (unsigned long long)pos, size);
        return NULL;
    }
    len = size - pos;
    if (!JS_IsUndefined(len_val) && JS_ToIndex(ctx, &len, len_val) < 0)
        return NULL;
    if (len > size - pos) {
        JS_ThrowRangeError(ctx, "%llu bytes at position %llu exceed the buffer (%zu bytes)",
                           (unsigned long long)len, (unsigned long long)pos, size);
        return NULL;
    }
    *plen = len;
    return base + pos;
}

const char *js_os_path_arg(JSContext *ctx, JSValueConst val)
{
    size_t len;
    const char *s;
    if (!JS_IsString(val)) {
        JS_ThrowTypeError(ctx, "a path must be a string");
        return NULL;
    }
    s = JS_ToCStringLen(ctx, &len, val);
    if (s && strlen(s) != len) {
        JS_FreeCString(ctx, s);
        JS_ThrowTypeError(ctx, "a path must not contain NUL characters");
        return NULL;
    }
    return s;
}

int js_os_arg_int(JSContext *ctx, int *pres, int argc, JSValueConst *argv, int i, int def)
{
    int32_t v;
    if (i >= argc || JS_IsUndefined(argv[i])) {
        *pres = def;
        return 0;
    }
    if (JS_ToInt32(ctx, &v, argv[i]) < 0)
        return -1;
    *pres = v;
    return 0;
}

static int js_os_init(JSContext *ctx, JSModuleDef *m)
{
    JSValue worker;
    if (JS_SetModuleExportList(ctx, m, js_os_fs_funcs, js_os_fs_funcs_count) < 0 ||
        JS_SetModuleExportList(ctx, m, js_os_proc_funcs, js_os_proc_funcs_count) < 0 ||
        JS_SetModuleExportList(ctx, m, js_os_event_funcs, js_os_event_funcs_count) < 0)
        return -1;
    worker = js_worker_ctor_new(ctx);
    if (JS_IsException(worker))
        return -1;
    return JS_SetModuleExport(ctx, m, "Worker", worker);
}

JSModuleDef *js_init_module_os(JSContext *ctx, const char *name)
{
    JSModuleDef *m = JS_NewCModule(ctx, name, js_os_init);
    if (!m)
        return NULL;
    if (JS_AddModuleExportList(ctx, m, js_os_fs_funcs, js_os_fs_funcs_count) < 0 ||
        JS_AddModuleExportList(ctx, m, js_os_proc_funcs, js_os_proc_funcs_count) < 0 ||
        JS_AddModuleExportList(ctx, m, js_os_event_funcs, js_os_event_funcs_count) < 0 ||
        JS_AddModuleExport(ctx, m, "Worker") < 0)
        return NULL;
    return m;
}
