/*
 * osstd.h — what the files of quickjs:os and quickjs:std share (private
 * to src/runtime): the error convention, byte-range arguments, the
 * function lists each file contributes, and the pieces of std used by os.
 *
 * The error convention of both modules: a failing system call throws a
 * plain Error whose message is "<call> '<path>': <strerror>" (or
 * "<call>: <strerror>" when no path is involved) and which carries the
 * numeric `errno` and, when a path is involved, the `path` property.
 * Nothing returns a negative error code.
 */
#ifndef WEFT_OSSTD_H
#define WEFT_OSSTD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "weft.h"

/* throws the Error described above for errno value err; path and path2
   may be NULL (path2: the second path of rename, symlink). JS_EXCEPTION. */
JSValue js_os_throw_errno(JSContext *ctx, int err, const char *call, const char *path,
                          const char *path2);

/* the bytes [pos, pos + len) of an ArrayBuffer, SharedArrayBuffer or typed
   array (pos relative to the view); len_val undefined means "to the end".
   NULL with a RangeError/TypeError pending. A zero-length range returns a
   non-NULL pointer that must not be dereferenced. */
uint8_t *js_os_get_bytes(JSContext *ctx, JSValueConst buf, JSValueConst pos_val,
                         JSValueConst len_val, size_t *plen);

/* a path argument: a string without NUL characters, as UTF-8 (free with
   JS_FreeCString); NULL with a TypeError */
const char *js_os_path_arg(JSContext *ctx, JSValueConst val);

/* an int argument that may be missing (def) */
int js_os_arg_int(JSContext *ctx, int *pres, int argc, JSValueConst *argv, int i, int def);

/* the export lists of os_fs.c and os_proc.c */
extern const JSCFunctionListEntry js_os_fs_funcs[];
extern const int js_os_fs_funcs_count;
extern const JSCFunctionListEntry js_os_proc_funcs[];
extern const int js_os_proc_funcs_count;

/* the environment is process-wide: every reader and writer (getenv,
   setenv, getenviron, os.exec) holds this lock */
void js_std_env_lock(void);
void js_std_env_unlock(void);

/* the whole content of a file, NUL-terminated, js_malloc()ed; NULL with
   the Error of `call` thrown */
char *js_std_read_file(JSContext *ctx, const char *call, const char *path, size_t *plen);

/* std's printf engine (std_printf.c): the string fmt formats with argv, as
   a new JS string (JS_EXCEPTION on error) */
JSValue js_std_format(JSContext *ctx, JSValueConst fmt, int argc, JSValueConst *argv);

/* parseExtJSON (std_json.c) */
JSValue js_std_parse_ext_json(JSContext *ctx, const char *buf, size_t len);

/* the FILE objects (std_file.c): js_std_file_funcs are open, popen,
   fdopen and tmpfile; js_std_file_init registers the FILE class of the
   runtime (its id kept in the thread state) and the context's prototype */
extern const JSCFunctionListEntry js_std_file_funcs[];
extern const int js_std_file_funcs_count;
int js_std_file_init(JSContext *ctx);
/* a FILE object for std.in/out/err (never closed by its finalizer) */
JSValue js_std_file_new_std(JSContext *ctx, int fd);

#endif /* WEFT_OSSTD_H */
