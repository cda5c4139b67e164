/*
 * std_file.c — the FILE objects of quickjs:std: a class around a stdio
 * FILE (std.in/out/err, std.open, fdopen, popen, tmpfile) with puts,
 * printf, getline, readAsString, getByte/putByte, read/write on buffers,
 * seek/tell/tello, eof, fileno, flush, close, isError/clearError.
 *
 * A FILE object owns its stream: the finalizer closes it (pclose for a
 * popen stream) unless it is one of the standard streams, which are never
 * closed, neither by the finalizer nor by close(). I/O errors throw the
 * Error of osstd.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "eventloop.h"
#include "osstd.h"

typedef struct JSSTDFile {
    FILE *f;       /* NULL once closed */
    bool is_popen; /* closed with pclose */
    bool is_std;   /* stdin, stdout or stderr: never closed */
} JSSTDFile;

/* the FILE class of ctx's runtime (kept in its thread state: ids differ
   between runtimes); a TypeError without an event loop */
static JSClassID js_std_file_class(JSContext *ctx)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    if (!ts || !ts->std_file_class_id) {
        JS_ThrowTypeError(ctx, "quickjs:std needs the event loop (js_eventloop_init)");
        return 0;
    }
    return ts->std_file_class_id;
}

static void js_std_file_finalizer(JSRuntime *rt, JSValue val)
{
    /* only FILE objects come here: their own class id finds the opaque */
    JSSTDFile *s = JS_GetOpaque(val, JS_GetClassID(val));
    if (!s)
        return;
    if (s->f && !s->is_std) {
        if (s->is_popen)
            pclose(s->f);
        else
            fclose(s->f);
    }
    js_free_rt(rt, s);
}

static JSValue js_std_file_wrap(JSContext *ctx, FILE *f, bool is_popen, bool is_std)
{
    JSClassID class_id = js_std_file_class(ctx);
    JSValue obj;
    JSSTDFile *s;
    if (!class_id)
        return JS_EXCEPTION;
    obj = JS_NewObjectClass(ctx, class_id);
    if (JS_IsException(obj))
        return obj;
    s = js_mallocz(ctx, sizeof(*s));
    if (!s) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    s->f = f;
    s->is_popen = is_popen;
    s->is_std = is_std;
    JS_SetOpaque(obj, s);
    return obj;
}

JSValue js_std_file_new_std(JSContext *ctx, int fd)
{
    return js_std_file_wrap(ctx, fd == 0 ? stdin : fd == 1 ? stdout : stderr, false, true);
}

/* the open stream of a FILE object (TypeError when it is not one or was
   closed) */
static JSSTDFile *js_std_file_get(JSContext *ctx, JSValueConst obj)
{
    JSClassID class_id = js_std_file_class(ctx);
    JSSTDFile *s = class_id ? JS_GetOpaque2(ctx, obj, class_id) : NULL;
    if (s && !s->f) {
        JS_ThrowTypeError(ctx, "the FILE is closed");
        return NULL;
    }
    return s;
}

static FILE *js_std_file_stream(JSContext *ctx, JSValueConst obj)
{
    JSSTDFile *s = js_std_file_get(ctx, obj);
    return s ? s->f : NULL;
}

/* the error of a stream that reported one */
static JSValue js_std_file_throw(JSContext *ctx, const char *call)
{
    return js_os_throw_errno(ctx, errno ? errno : EIO, call, NULL, NULL);
}

/* a mode argument of fopen: r, w or a, then + b x in any order */
static const char *js_std_mode_arg(JSContext *ctx, JSValueConst val, const char *allowed_first)
{
    const char *mode = JS_ToCString(ctx, val);
    if (!mode)
        return NULL;
    if (!mode[0] || !strchr(allowed_first, mode[0]) ||
        strspn(mode + 1, "+bx") != strlen(mode + 1)) {
        JS_ThrowTypeError(ctx, "invalid file mode '%s'", mode);
        JS_FreeCString(ctx, mode);
        return NULL;
    }
    return mode;
}

/* open(name, mode = "r") */
static JSValue js_std_open(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *path = js_os_path_arg(ctx, argv[0]), *mode;
    JSValue ret = JS_EXCEPTION;
    FILE *f;
    if (!path)
        return JS_EXCEPTION;
    mode = JS_IsUndefined(argv[1]) ? "r" : js_std_mode_arg(ctx, argv[1], "rwa");
    if (mode) {
        f = fopen(path, mode);
        ret = f ? js_std_file_wrap(ctx, f, false, false)
                : js_os_throw_errno(ctx, errno, "open", path, NULL);
        if (ret == JS_EXCEPTION && f)
            fclose(f);
        if (!JS_IsUndefined(argv[1]))
            JS_FreeCString(ctx, mode);
    }
    JS_FreeCString(ctx, path);
    return ret;
}

/* popen(command, mode): mode "r" or "w" */
static JSValue js_std_popen(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *cmd = js_os_path_arg(ctx, argv[0]), *mode;
    JSValue ret = JS_EXCEPTION;
    FILE *f;
    if (!cmd)
        return JS_EXCEPTION;
    mode = js_std_mode_arg(ctx, argv[1], "rw");
    if (mode && strlen(mode) != 1) {
        JS_ThrowTypeError(ctx, "popen mode must be \"r\" or \"w\"");
    } else if (mode) {
        fflush(NULL); /* the child must not repeat our buffered output */
        f = popen(cmd, mode);
        ret = f ? js_std_file_wrap(ctx, f, true, false)
                : js_os_throw_errno(ctx, errno, "popen", cmd, NULL);
        if (ret == JS_EXCEPTION && f)
            pclose(f);
    }
    JS_FreeCString(ctx, mode);
    JS_FreeCString(ctx, cmd);
    return ret;
}

/* fdopen(fd, mode): the FILE takes the descriptor */
static JSValue js_std_fdopen(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *mode;
    JSValue ret;
    FILE *f;
    int fd;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0)
        return JS_EXCEPTION;
    mode = JS_IsUndefined(argv[1]) ? "r" : js_std_mode_arg(ctx, argv[1], "rwa");
    if (!mode)
        return JS_EXCEPTION;
    f = fdopen(fd, mode);
    ret = f ? js_std_file_wrap(ctx, f, false, false)
            : js_os_throw_errno(ctx, errno, "fdopen", NULL, NULL);
    if (ret == JS_EXCEPTION && f)
        fclose(f);
    if (!JS_IsUndefined(argv[1]))
        JS_FreeCString(ctx, mode);
    return ret;
}

static JSValue js_std_tmpfile(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    FILE *f = tmpfile();
    JSValue ret;
    if (!f)
        return js_os_throw_errno(ctx, errno, "tmpfile", NULL, NULL);
    ret = js_std_file_wrap(ctx, f, false, false);
    if (JS_IsException(ret))
        fclose(f);
    return ret;
}

/* close(): undefined, or for a popen stream the command's exit status
   (minus the signal number when it was killed) */
static JSValue js_std_file_close(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSSTDFile *s = js_std_file_get(ctx, this_val);
    int ret;
    if (!s)
        return JS_EXCEPTION;
    if (s->is_std)
        return JS_ThrowTypeError(ctx, "the standard streams cannot be closed");
    ret = s->is_popen ? pclose(s->f) : fclose(s->f);
    s->f = NULL;
    if (ret < 0)
        return js_std_file_throw(ctx, "close");
    if (!s->is_popen)
        return JS_UNDEFINED;
    return JS_NewInt32(ctx, WIFEXITED(ret) ? WEXITSTATUS(ret) : -WTERMSIG(ret));
}

/* writes the bytes of a string; -1 with the error thrown */
static int js_std_file_put_str(JSContext *ctx, FILE *f, JSValueConst val, size_t *pcount)
{
    size_t len;
    const char *str = JS_ToCStringLen(ctx, &len, val);
    int ret = 0;
    if (!str)
        return -1;
    if (fwrite(str, 1, len, f) != len) {
        js_std_file_throw(ctx, "write");
        ret = -1;
    }
    *pcount += len;
    JS_FreeCString(ctx, str);
    return ret;
}

/* puts(...strings) */
static JSValue js_std_file_puts(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    size_t count = 0;
    if (!f)
        return JS_EXCEPTION;
    for (int i = 0; i < argc; i++) {
        if (js_std_file_put_str(ctx, f, argv[i], &count) < 0)
            return JS_EXCEPTION;
    }
    return JS_UNDEFINED;
}

/* printf(fmt, ...args): the number of bytes written */
static JSValue js_std_file_printf(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    size_t count = 0;
    JSValue str;
    int ret;
    if (!f)
        return JS_EXCEPTION;
    str = js_std_format(ctx, argv[0], argc - 1, argv + 1);
    if (JS_IsException(str))
        return str;
    ret = js_std_file_put_str(ctx, f, str, &count);
    JS_FreeValue(ctx, str);
    return ret < 0 ? JS_EXCEPTION : JS_NewInt64(ctx, count);
}

static JSValue js_std_file_flush(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    if (!f)
        return JS_EXCEPTION;
    if (fflush(f) < 0)
        return js_std_file_throw(ctx, "flush");
    return JS_UNDEFINED;
}

/* seek(offset, whence = SEEK_SET); offset may be a BigInt */
static JSValue js_std_file_seek(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    int64_t offset;
    int whence;
    if (!f)
        return JS_EXCEPTION;
    if ((JS_IsBigInt(argv[0]) ? JS_ToBigInt64(ctx, &offset, argv[0])
                              : JS_ToInt64(ctx, &offset, argv[0])) < 0 ||
        js_os_arg_int(ctx, &whence, argc, argv, 1, SEEK_SET) < 0)
        return JS_EXCEPTION;
    if (fseeko(f, offset, whence) < 0)
        return js_std_file_throw(ctx, "seek");
    return JS_UNDEFINED;
}

/* tell() a number, tello() (magic 1) a BigInt */
static JSValue js_std_file_tell(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                                int is_bigint)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    off_t pos;
    if (!f)
        return JS_EXCEPTION;
    pos = ftello(f);
    if (pos < 0)
        return js_std_file_throw(ctx, "tell");
    return is_bigint ? JS_NewBigInt64(ctx, pos) : JS_NewInt64(ctx, pos);
}

enum { JS_STD_FILE_EOF, JS_STD_FILE_FILENO, JS_STD_FILE_IS_ERROR, JS_STD_FILE_CLEAR_ERROR };

/* eof(), fileno(), isError(), clearError() */
static JSValue js_std_file_state(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    if (!f)
        return JS_EXCEPTION;
    switch (magic) {
    case JS_STD_FILE_EOF:
        return JS_NewBool(ctx, feof(f));
    case JS_STD_FILE_FILENO:
        return JS_NewInt32(ctx, fileno(f));
    case JS_STD_FILE_IS_ERROR:
        return JS_NewBool(ctx, ferror(f));
    default:
        clearerr(f);
        return JS_UNDEFINED;
    }
}

/* read(buffer, pos, len) and write(buffer, pos, len) (magic 1): the
   number of bytes moved (fewer than asked at the end of the file) */
static JSValue js_std_file_read_write(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv, int is_write)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    size_t len, n;
    uint8_t *p;
    if (!f)
        return JS_EXCEPTION;
    p = js_os_get_bytes(ctx, argv[0], argv[1], argv[2], &len);
    if (!p)
        return JS_EXCEPTION;
    errno = 0;
    n = is_write ? fwrite(p, 1, len, f) : fread(p, 1, len, f);
    if (n < len && ferror(f))
        return js_std_file_throw(ctx, is_write ? "write" : "read");
    return JS_NewInt64(ctx, n);
}

/* getline(): the next line without its "\n", or null at the end */
static JSValue js_std_file_getline(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    char *line = NULL;
    size_t size = 0;
    ssize_t n;
    JSValue ret;
    if (!f)
        return JS_EXCEPTION;
    errno = 0;
    n = getline(&line, &size, f);
    if (n < 0) {
        free(line);
        return ferror(f) ? js_std_file_throw(ctx, "getline") : JS_NULL;
    }
    if (n > 0 && line[n - 1] == '\n')
        n--;
    ret = JS_NewStringLen(ctx, line, n);
    free(line);
    return ret;
}

/* readAsString(max?): the rest of the stream (at most max bytes) */
static JSValue js_std_file_read_as_string(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    uint64_t max = UINT64_MAX;
    size_t len = 0, size = 0, n;
    char *buf = NULL, *nbuf;
    JSValue ret;
    if (!f)
        return JS_EXCEPTION;
    if (!JS_IsUndefined(argv[0]) && JS_ToIndex(ctx, &max, argv[0]) < 0)
        return JS_EXCEPTION;
    errno = 0;
    for (;;) {
        if (len == size) {
            size = size ? size * 2 : 4096;
            nbuf = realloc(buf, size + 1);
            if (!nbuf) {
                free(buf);
                return JS_ThrowOutOfMemory(ctx);
            }
            buf = nbuf;
        }
        n = size - len;
        if (n > max - len)
            n = max - len;
        if (n == 0)
            break;
        n = fread(buf + len, 1, n, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return js_std_file_throw(ctx, "read");
    }
    ret = JS_NewStringLen(ctx, buf, len);
    free(buf);
    return ret;
}

/* getByte(): a byte, or -1 at the end */
static JSValue js_std_file_get_byte(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    int c;
    if (!f)
        return JS_EXCEPTION;
    errno = 0;
    c = fgetc(f);
    if (c == EOF && ferror(f))
        return js_std_file_throw(ctx, "getByte");
    return JS_NewInt32(ctx, c == EOF ? -1 : c);
}

static JSValue js_std_file_put_byte(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    FILE *f = js_std_file_stream(ctx, this_val);
    int c;
    if (!f || JS_ToInt32(ctx, &c, argv[0]) < 0)
        return JS_EXCEPTION;
    if (fputc(c & 0xff, f) == EOF)
        return js_std_file_throw(ctx, "putByte");
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_std_file_proto_funcs[] = {
    JS_CFUNC_DEF("close", 0, js_std_file_close),
    JS_CFUNC_DEF("puts", 1, js_std_file_puts),
    JS_CFUNC_DEF("printf", 1, js_std_file_printf),
    JS_CFUNC_DEF("flush", 0, js_std_file_flush),
    JS_CFUNC_DEF("seek", 2, js_std_file_seek),
    JS_CFUNC_MAGIC_DEF("tell", 0, js_std_file_tell, 0),
    JS_CFUNC_MAGIC_DEF("tello", 0, js_std_file_tell, 1),
    JS_CFUNC_MAGIC_DEF("eof", 0, js_std_file_state, JS_STD_FILE_EOF),
    JS_CFUNC_MAGIC_DEF("fileno", 0, js_std_file_state, JS_STD_FILE_FILENO),
    JS_CFUNC_MAGIC_DEF("isError", 0, js_std_file_state, JS_STD_FILE_IS_ERROR),
    JS_CFUNC_MAGIC_DEF("clearError", 0, js_std_file_state, JS_STD_FILE_CLEAR_ERROR),
    JS_CFUNC_MAGIC_DEF("read", 3, js_std_file_read_write, 0),
    JS_CFUNC_MAGIC_DEF("write", 3, js_std_file_read_write, 1),
    JS_CFUNC_DEF("getline", 0, js_std_file_getline),
    JS_CFUNC_DEF("readAsString", 1, js_std_file_read_as_string),
    JS_CFUNC_DEF("getByte", 0, js_std_file_get_byte),
    JS_CFUNC_DEF("putByte", 1, js_std_file_put_byte),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "FILE", JS_PROP_CONFIGURABLE),
};

int js_std_file_init(JSContext *ctx)
{
    static const JSClassDef def = {"FILE", js_std_file_finalizer, NULL, NULL};
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSThreadState *ts = js_get_thread_state(rt);
    JSClassID id = 0;
    JSValue proto;
    if (!ts) {
        js_std_file_class(ctx); /* throws */
        return -1;
    }
    if (!ts->std_file_class_id) {
        JS_NewClassID(rt, &id);
        if (JS_NewClass(rt, id, &def) < 0) {
            JS_ThrowOutOfMemory(ctx);
            return -1;
        }
        ts->std_file_class_id = id;
    }
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto) ||
        JS_SetPropertyFunctionList(ctx, proto, js_std_file_proto_funcs,
                                   sizeof(js_std_file_proto_funcs) /
                                       sizeof(js_std_file_proto_funcs[0])) < 0) {
        JS_FreeValue(ctx, proto);
        return -1;
    }
    JS_SetClassProto(ctx, ts->std_file_class_id, proto);
    return 0;
}

const JSCFunctionListEntry js_std_file_funcs[] = {
    JS_CFUNC_DEF("open", 2, js_std_open),
    JS_CFUNC_DEF("popen", 2, js_std_popen),
    JS_CFUNC_DEF("fdopen", 2, js_std_fdopen),
    JS_CFUNC_DEF("tmpfile", 0, js_std_tmpfile),
};
const int js_std_file_funcs_count = sizeof(js_std_file_funcs) / sizeof(js_std_file_funcs[0]);
