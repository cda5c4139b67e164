/*
 * std.c — the quickjs:std module: assembles the FILE functions of
 * std_file.c with printf/sprintf/puts (std_printf.c), parseExtJSON
 * (std_json.c), loadFile/writeFile, the environment (getenv, setenv,
 * unsetenv, getenviron), strerror, evalScript, the SEEK_* constants and
 * std.Error (errno constants). Errors follow osstd.h.
 *
 * The environment is process-wide and workers run on other threads: every
 * access goes through js_std_env_lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "modules.h"
#include "osstd.h"

extern char **environ;

static pthread_mutex_t js_std_env_mutex = PTHREAD_MUTEX_INITIALIZER;

void js_std_env_lock(void)
{
    pthread_mutex_lock(&js_std_env_mutex);
}

void js_std_env_unlock(void)
{
    pthread_mutex_unlock(&js_std_env_mutex);
}

/* a name argument of the environment functions */
static const char *js_std_env_name(JSContext *ctx, JSValueConst val)
{
    const char *name = js_os_path_arg(ctx, val);
    if (name && (!name[0] || strchr(name, '='))) {
        JS_ThrowTypeError(ctx, "invalid environment variable name '%s'", name);
        JS_FreeCString(ctx, name);
        return NULL;
    }
    return name;
}

/* getenv(name): the value, or undefined */
static JSValue js_std_getenv(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *name = js_std_env_name(ctx, argv[0]), *value;
    JSValue ret;
    if (!name)
        return JS_EXCEPTION;
    js_std_env_lock();
    value = getenv(name);
    ret = value ? JS_NewString(ctx, value) : JS_UNDEFINED;
    js_std_env_unlock();
    JS_FreeCString(ctx, name);
    return ret;
}

/* setenv(name, value) and unsetenv(name) (magic 1) */
static JSValue js_std_setenv(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int unset)
{
    const char *name = js_std_env_name(ctx, argv[0]), *value = NULL;
    JSValue ret = JS_UNDEFINED;
    int r;
    if (!name)
        return JS_EXCEPTION;
    if (!unset && !(value = JS_ToCString(ctx, argv[1]))) {
        JS_FreeCString(ctx, name);
        return JS_EXCEPTION;
    }
    js_std_env_lock();
    r = unset ? unsetenv(name) : setenv(name, value, 1);
    js_std_env_unlock();
    if (r < 0)
        ret = js_os_throw_errno(ctx, errno, unset ? "unsetenv" : "setenv", NULL, NULL);
    JS_FreeCString(ctx, name);
    JS_FreeCString(ctx, value);
    return ret;
}

/* getenviron(): an object of every variable */
static JSValue js_std_getenviron(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSValue obj = JS_NewObject(ctx);
    int ret = 0;
    if (JS_IsException(obj))
        return obj;
    js_std_env_lock();
    for (char **e = environ; *e && ret >= 0; e++) {
        const char *eq = strchr(*e, '=');
        JSAtom name;
        if (!eq)
            continue;
        name = JS_NewAtomLen(ctx, *e, eq - *e);
        ret =
            name == JS_ATOM_NULL
                ? -1
                : JS_DefinePropertyValue(ctx, obj, name, JS_NewString(ctx, eq + 1), JS_PROP_C_W_E);
        JS_FreeAtom(ctx, name);
    }
    js_std_env_unlock();
    if (ret < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_std_strerror(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    char buf[256];
    int err;
    if (JS_ToInt32(ctx, &err, argv[0]) < 0)
        return JS_EXCEPTION;
    /* the GNU strerror_r returns its message (maybe not in buf) */
    return JS_NewString(ctx, strerror_r(err, buf, sizeof(buf)));
}

char *js_std_read_file(JSContext *ctx, const char *call, const char *path, size_t *plen)
{
    size_t len = 0, size = 0;
    char *buf = NULL, *nbuf;
    ssize_t n = 0;
    int fd, err;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        js_os_throw_errno(ctx, errno, call, path, NULL);
        return NULL;
    }
    /* read to the end: the size of /proc files and pipes is not known */
    for (;;) {
        if (len + 1 >= size) {
            size = size ? size * 2 : 8192;
            nbuf = js_realloc(ctx, buf, size);
            if (!nbuf) {
                js_free(ctx, buf);
                close(fd);
                return NULL;
            }
            buf = nbuf;
        }
        n = read(fd, buf + len, size - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += n;
    }
    err = errno;
    close(fd);
    if (n < 0) {
        js_free(ctx, buf);
        js_os_throw_errno(ctx, err, call, path, NULL);
        return NULL;
    }
    buf[len] = '\0';
    *plen = len;
    return buf;
}

/* loadFile(name): the file's content as a string (UTF-8) */
static JSValue js_std_load_file(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *path = js_os_path_arg(ctx, argv[0]);
    JSValue ret = JS_EXCEPTION;
    size_t len;
    char *buf;
    if (!path)
        return JS_EXCEPTION;
    buf = js_std_read_file(ctx, "loadFile", path, &len);
    if (buf)
        ret = JS_NewStringLen(ctx, buf, len);
    js_free(ctx, buf);
    JS_FreeCString(ctx, path);
    return ret;
}

static int js_std_write_all(int fd, const uint8_t *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

/* writeFile(name, data): data is a string (written as UTF-8), an
   ArrayBuffer or a typed array; the file is created or truncated */
static JSValue js_std_write_file(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    const char *path, *str = NULL;
    const uint8_t *data;
    JSValue ret = JS_UNDEFINED;
    size_t len;
    int fd;
    if (JS_IsString(argv[1]))
        data = (const uint8_t *)(str = JS_ToCStringLen(ctx, &len, argv[1]));
    else
        data = js_os_get_bytes(ctx, argv[1], JS_UNDEFINED, JS_UNDEFINED, &len);
    if (!data)
        return JS_EXCEPTION;
    path = js_os_path_arg(ctx, argv[0]);
    if (!path) {
        JS_FreeCString(ctx, str);
        return JS_EXCEPTION;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0 || js_std_write_all(fd, data, len) < 0)
        ret = js_os_throw_errno(ctx, errno, "writeFile", path, NULL);
    /* a delayed write error (NFS, quota) shows up at close */
    if (fd >= 0 && close(fd) < 0 && errno != EINTR && !JS_IsException(ret))
        ret = js_os_throw_errno(ctx, errno, "writeFile", path, NULL);
    JS_FreeCString(ctx, path);
    JS_FreeCString(ctx, str);
    return ret;
}

/* puts(...strings) to stdout */
static JSValue js_std_puts(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    for (int i = 0; i < argc; i++) {
        size_t len;
        const char *s = JS_ToCStringLen(ctx, &len, argv[i]);
        if (!s)
            return JS_EXCEPTION;
        fwrite(s, 1, len, stdout);
        JS_FreeCString(ctx, s);
    }
    return JS_UNDEFINED;
}

/* printf(fmt, ...) to stdout (the number of bytes), sprintf (magic 1):
   the string */
static JSValue js_std_printf(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int to_string)
{
    JSValue str = js_std_format(ctx, argv[0], argc - 1, argv + 1);
    const char *s;
    size_t len;
    if (to_string || JS_IsException(str))
        return str;
    s = JS_ToCStringLen(ctx, &len, str);
    JS_FreeValue(ctx, str);
    if (!s)
        return JS_EXCEPTION;
    fwrite(s, 1, len, stdout);
    JS_FreeCString(ctx, s);
    return JS_NewInt64(ctx, len);
}

static JSValue js_std_parse_ext_json_func(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    size_t len;
    const char *s = JS_ToCStringLen(ctx, &len, argv[0]);
    JSValue ret;
    if (!s)
        return JS_EXCEPTION;
    ret = js_std_parse_ext_json(ctx, s, len);
    JS_FreeCString(ctx, s);
    return ret;
}

/* the code of evalScript's async option: the script becomes the body of
   an async function (on the same line, so positions stay right) */
static char *js_std_async_wrap(JSContext *ctx, const char *code, size_t len, size_t *pwlen)
{
    static const char head[] = "(async function () {", tail[] = "\n})()";
    char *w = js_malloc(ctx, sizeof(head) + len + sizeof(tail));
    if (!w)
        return NULL;
    memcpy(w, head, sizeof(head) - 1);
    memcpy(w + sizeof(head) - 1, code, len);
    memcpy(w + sizeof(head) - 1 + len, tail, sizeof(tail));
    *pwlen = sizeof(head) - 1 + len + sizeof(tail) - 1;
    return w;
}

/* evalScript(code, {filename, async}): the completion value of the code
   run as a global script; with async, a promise (see docs/RUNTIME.md) */
static JSValue js_std_eval_script(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    const char *code, *filename = NULL;
    JSValue fn_val = JS_UNDEFINED, ret = JS_EXCEPTION;
    char *wrapped = NULL;
    size_t len;
    int is_async = 0;
    if (JS_IsObject(argv[1])) {
        JSValue a = JS_GetPropertyStr(ctx, argv[1], "async");
        is_async = JS_ToBool(ctx, a);
        JS_FreeValue(ctx, a);
        fn_val = JS_GetPropertyStr(ctx, argv[1], "filename");
        if (is_async < 0 || JS_IsException(fn_val))
            return JS_EXCEPTION;
        if (!JS_IsUndefined(fn_val) && !(filename = JS_ToCString(ctx, fn_val))) {
            JS_FreeValue(ctx, fn_val);
            return JS_EXCEPTION;
        }
    }
    code = JS_ToCStringLen(ctx, &len, argv[0]);
    if (code && is_async)
        wrapped = js_std_async_wrap(ctx, code, len, &len);
    if (code && (!is_async || wrapped))
        ret = JS_Eval(ctx, wrapped ? wrapped : code, len, filename ? filename : "<evalScript>",
                      JS_EVAL_TYPE_GLOBAL);
    js_free(ctx, wrapped);
    JS_FreeCString(ctx, code);
    JS_FreeCString(ctx, filename);
    JS_FreeValue(ctx, fn_val);
    return ret;
}

#define JS_STD_ERRNO(name) JS_PROP_INT32_DEF(#name, name, JS_PROP_CONFIGURABLE)

static const JSCFunctionListEntry js_std_error_props[] = {
    JS_STD_ERRNO(EPERM),     JS_STD_ERRNO(ENOENT), JS_STD_ERRNO(ESRCH),        JS_STD_ERRNO(EINTR),
    JS_STD_ERRNO(EIO),       JS_STD_ERRNO(EBADF),  JS_STD_ERRNO(ECHILD),       JS_STD_ERRNO(EAGAIN),
    JS_STD_ERRNO(ENOMEM),    JS_STD_ERRNO(EACCES), JS_STD_ERRNO(EBUSY),        JS_STD_ERRNO(EEXIST),
    JS_STD_ERRNO(ENOTDIR),   JS_STD_ERRNO(EISDIR), JS_STD_ERRNO(EINVAL),       JS_STD_ERRNO(EMFILE),
    JS_STD_ERRNO(ENOSPC),    JS_STD_ERRNO(ESPIPE), JS_STD_ERRNO(EPIPE),        JS_STD_ERRNO(ENOSYS),
    JS_STD_ERRNO(ENOTEMPTY), JS_STD_ERRNO(ELOOP),  JS_STD_ERRNO(ENAMETOOLONG), JS_STD_ERRNO(ENOTTY),
};

#define JS_STD_CONST(name) JS_PROP_INT32_DEF(#name, name, JS_PROP_CONFIGURABLE)

static const JSCFunctionListEntry js_std_funcs[] = {
    JS_CFUNC_DEF("getenv", 1, js_std_getenv),
    JS_CFUNC_MAGIC_DEF("setenv", 2, js_std_setenv, 0),
    JS_CFUNC_MAGIC_DEF("unsetenv", 1, js_std_setenv, 1),
    JS_CFUNC_DEF("getenviron", 0, js_std_getenviron),
    JS_CFUNC_DEF("strerror", 1, js_std_strerror),
    JS_CFUNC_DEF("loadFile", 1, js_std_load_file),
    JS_CFUNC_DEF("writeFile", 2, js_std_write_file),
    JS_CFUNC_DEF("puts", 1, js_std_puts),
    JS_CFUNC_MAGIC_DEF("printf", 1, js_std_printf, 0),
    JS_CFUNC_MAGIC_DEF("sprintf", 1, js_std_printf, 1),
    JS_CFUNC_DEF("parseExtJSON", 1, js_std_parse_ext_json_func),
    JS_CFUNC_DEF("evalScript", 2, js_std_eval_script),
    JS_STD_CONST(SEEK_SET),
    JS_STD_CONST(SEEK_CUR),
    JS_STD_CONST(SEEK_END),
    JS_OBJECT_DEF("Error", js_std_error_props,
                  sizeof(js_std_error_props) / sizeof(js_std_error_props[0]), JS_PROP_CONFIGURABLE),
};

static const char *const js_std_stream_names[3] = {"in", "out", "err"};

static int js_std_init(JSContext *ctx, JSModuleDef *m)
{
    if (js_std_file_init(ctx) < 0 ||
        JS_SetModuleExportList(ctx, m, js_std_funcs,
                               sizeof(js_std_funcs) / sizeof(js_std_funcs[0])) < 0 ||
        JS_SetModuleExportList(ctx, m, js_std_file_funcs, js_std_file_funcs_count) < 0)
        return -1;
    for (int fd = 0; fd < 3; fd++) {
        JSValue f = js_std_file_new_std(ctx, fd);
        if (JS_IsException(f) || JS_SetModuleExport(ctx, m, js_std_stream_names[fd], f) < 0)
            return -1;
    }
    return 0;
}

JSModuleDef *js_init_module_std(JSContext *ctx, const char *name)
{
    JSModuleDef *m = JS_NewCModule(ctx, name, js_std_init);
    if (!m)
        return NULL;
    if (JS_AddModuleExportList(ctx, m, js_std_funcs,
                               sizeof(js_std_funcs) / sizeof(js_std_funcs[0])) < 0 ||
        JS_AddModuleExportList(ctx, m, js_std_file_funcs, js_std_file_funcs_count) < 0)
        return NULL;
    for (int fd = 0; fd < 3; fd++) {
        if (JS_AddModuleExport(ctx, m, js_std_stream_names[fd]) < 0)
            return NULL;
    }
    return m;
}
