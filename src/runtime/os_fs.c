/*
 * os_fs.c — the file-system half of quickjs:os: descriptors (open, close,
 * read, write, seek, dup, dup2, pipe), terminals (isatty, ttyGetWinSize,
 * ttySetRaw) and paths (remove, rename, realpath, getcwd, chdir, mkdir,
 * readdir, stat, lstat, utimes, symlink, readlink, access, chmod).
 *
 * Every failure throws an Error with errno (and path), see osstd.h;
 * functions without a result return undefined.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "osstd.h"

static JSValue js_os_open(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *path = js_os_path_arg(ctx, argv[0]);
    int flags, mode, fd;
    JSValue ret;
    if (!path)
        return JS_EXCEPTION;
    if (js_os_arg_int(ctx, &flags, argc, argv, 1, O_RDONLY) < 0 ||
        js_os_arg_int(ctx, &mode, argc, argv, 2, 0666) < 0) {
        JS_FreeCString(ctx, path);
        return JS_EXCEPTION;
    }
    do
        fd = open(path, flags, mode);
    while (fd < 0 && errno == EINTR);
    ret = fd < 0 ? js_os_throw_errno(ctx, errno, "open", path, NULL) : JS_NewInt32(ctx, fd);
    JS_FreeCString(ctx, path);
    return ret;
}

static JSValue js_os_close(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int fd;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0)
        return JS_EXCEPTION;
    /* Linux closes the descriptor even when close reports EINTR: no retry */
    if (close(fd) < 0 && errno != EINTR)
        return js_os_throw_errno(ctx, errno, "close", NULL, NULL);
    return JS_UNDEFINED;
}

/* read(fd, buffer, pos, len) and write(fd, buffer, pos, len) (magic 1):
   the number of bytes moved */
static JSValue js_os_read_write(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                                int is_write)
{
    int fd;
    size_t len;
    uint8_t *p;
    ssize_t n;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0)
        return JS_EXCEPTION;
    p = js_os_get_bytes(ctx, argv[1], argv[2], argv[3], &len);
    if (!p)
        return JS_EXCEPTION;
    do
        n = is_write ? write(fd, p, len) : read(fd, p, len);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return js_os_throw_errno(ctx, errno, is_write ? "write" : "read", NULL, NULL);
    return JS_NewInt64(ctx, n);
}

/* seek(fd, offset, whence): the new position (a BigInt when offset is) */
static JSValue js_os_seek(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int fd, whence;
    int64_t offset;
    off_t pos;
    bool big = JS_IsBigInt(argv[1]);
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0 ||
        (big ? JS_ToBigInt64(ctx, &offset, argv[1]) : JS_ToInt64(ctx, &offset, argv[1])) < 0 ||
        js_os_arg_int(ctx, &whence, argc, argv, 2, SEEK_SET) < 0)
        return JS_EXCEPTION;
    pos = lseek(fd, offset, whence);
    if (pos < 0)
        return js_os_throw_errno(ctx, errno, "seek", NULL, NULL);
    return big ? JS_NewBigInt64(ctx, pos) : JS_NewInt64(ctx, pos);
}

static JSValue js_os_isatty(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int fd;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, isatty(fd));
}

/* [columns, rows], or null when fd is not a terminal */
static JSValue js_os_tty_get_win_size(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    struct winsize ws;
    JSValue arr;
    int fd;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0)
        return JS_EXCEPTION;
    if (ioctl(fd, TIOCGWINSZ, &ws) < 0) {
        if (errno == ENOTTY || errno == EINVAL)
            return JS_NULL;
        return js_os_throw_errno(ctx, errno, "ttyGetWinSize", NULL, NULL);
    }
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr))
        return arr;
    JS_SetPropertyUint32(ctx, arr, 0, JS_NewInt32(ctx, ws.ws_col));
    JS_SetPropertyUint32(ctx, arr, 1, JS_NewInt32(ctx, ws.ws_row));
    return arr;
}

/* the terminal settings ttySetRaw replaced, restored when the process
   exits; process-wide like the terminal itself */
static pthread_mutex_t js_os_tty_lock = PTHREAD_MUTEX_INITIALIZER;
static struct termios js_os_tty_saved;
static int js_os_tty_saved_fd = -1;

static void js_os_tty_restore(void)
{
    pthread_mutex_lock(&js_os_tty_lock);
    if (js_os_tty_saved_fd >= 0)
        tcsetattr(js_os_tty_saved_fd, TCSANOW, &js_os_tty_saved);
    pthread_mutex_unlock(&js_os_tty_lock);
}

static JSValue js_os_tty_set_raw(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    struct termios t;
    int fd, ret;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0)
        return JS_EXCEPTION;
    if (tcgetattr(fd, &t) < 0)
        return js_os_throw_errno(ctx, errno, "ttySetRaw", NULL, NULL);
    pthread_mutex_lock(&js_os_tty_lock);
    if (js_os_tty_saved_fd < 0) {
        js_os_tty_saved = t;
        js_os_tty_saved_fd = fd;
        atexit(js_os_tty_restore);
    }
    pthread_mutex_unlock(&js_os_tty_lock);
    /* raw input, but output keeps its newline translation */
    t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    t.c_cflag &= ~(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    ret = tcsetattr(fd, TCSANOW, &t);
    if (ret < 0)
        return js_os_throw_errno(ctx, errno, "ttySetRaw", NULL, NULL);
    return JS_UNDEFINED;
}

enum {
    JS_OS_REMOVE,
    JS_OS_CHDIR,
    JS_OS_RENAME,
    JS_OS_SYMLINK,
    JS_OS_MKDIR,
    JS_OS_CHMOD,
    JS_OS_ACCESS
};

static const char *const js_os_path_call_names[] = {"remove", "chdir", "rename", "symlink",
                                                    "mkdir",  "chmod", "access"};

/* the calls on one path (remove, chdir), two paths (rename(old, new),
   symlink(target, linkpath)) or a path and a mode (mkdir, chmod, access) */
static JSValue js_os_path_call(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int magic)
{
    bool two_paths = magic == JS_OS_RENAME || magic == JS_OS_SYMLINK;
    const char *path = js_os_path_arg(ctx, argv[0]), *path2 = NULL;
    int mode = 0, ret = -1;
    JSValue res = JS_EXCEPTION;
    if (!path)
        return JS_EXCEPTION;
    if (two_paths) {
        path2 = js_os_path_arg(ctx, argv[1]);
        if (!path2)
            goto done;
    } else if (js_os_arg_int(ctx, &mode, argc, argv, 1,
                             magic == JS_OS_MKDIR    ? 0777
                             : magic == JS_OS_ACCESS ? F_OK
                                                     : 0) < 0) {
        goto done;
    } else if (magic == JS_OS_CHMOD && (argc < 2 || JS_IsUndefined(argv[1]))) {
        JS_ThrowTypeError(ctx, "chmod needs a mode");
        goto done;
    }
    switch (magic) {
    case JS_OS_REMOVE:
        ret = remove(path);
        break;
    case JS_OS_CHDIR:
        ret = chdir(path);
        break;
    case JS_OS_RENAME:
        ret = rename(path, path2);
        break;
    case JS_OS_SYMLINK:
        ret = symlink(path, path2);
        break;
    case JS_OS_MKDIR:
        ret = mkdir(path, mode);
        break;
    case JS_OS_CHMOD:
        ret = chmod(path, mode);
        break;
    case JS_OS_ACCESS:
        ret = access(path, mode);
        break;
    }
    if (ret < 0)
        res = js_os_throw_errno(ctx, errno, js_os_path_call_names[magic], path, path2);
    else
        res = JS_UNDEFINED;
done:
    JS_FreeCString(ctx, path);
    JS_FreeCString(ctx, path2);
    return res;
}

static JSValue js_os_realpath(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *path = js_os_path_arg(ctx, argv[0]);
    char *res;
    JSValue ret;
    if (!path)
        return JS_EXCEPTION;
    res = realpath(path, NULL);
    ret = res ? JS_NewString(ctx, res) : js_os_throw_errno(ctx, errno, "realpath", path, NULL);
    free(res);
    JS_FreeCString(ctx, path);
    return ret;
}

static JSValue js_os_getcwd(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    char *cwd = getcwd(NULL, 0);
    JSValue ret;
    if (!cwd)
        return js_os_throw_errno(ctx, errno, "getcwd", NULL, NULL);
    ret = JS_NewString(ctx, cwd);
    free(cwd);
    return ret;
}

/* the names of a directory's entries, "." and ".." included, in the
   order the system gives them */
static JSValue js_os_readdir(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *path = js_os_path_arg(ctx, argv[0]);
    struct dirent *d;
    uint32_t i = 0;
    JSValue arr;
    DIR *dir;
    if (!path)
        return JS_EXCEPTION;
    dir = opendir(path);
    if (!dir) {
        arr = js_os_throw_errno(ctx, errno, "readdir", path, NULL);
        JS_FreeCString(ctx, path);
        return arr;
    }
    JS_FreeCString(ctx, path);
    arr = JS_NewArray(ctx);
    while (!JS_IsException(arr) && (d = readdir(dir)) != NULL) {
        if (JS_SetPropertyUint32(ctx, arr, i++, JS_NewString(ctx, d->d_name)) < 0) {
            JS_FreeValue(ctx, arr);
            arr = JS_EXCEPTION;
        }
    }
    closedir(dir);
    return arr;
}

static int64_t js_os_timespec_ms(const struct timespec *ts)
{
    return (int64_t)ts->tv_sec * 1000 + ts->tv_nsec / 1000000;
}

/* stat(path) and lstat(path) (magic 1): dev, ino, mode, nlink, uid, gid,
   rdev, size, blocks and the atime, mtime, ctime in milliseconds */
static JSValue js_os_stat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                          int is_lstat)
{
    const char *path = js_os_path_arg(ctx, argv[0]);
    struct stat st;
    JSValue obj;
    int ret;
    if (!path)
        return JS_EXCEPTION;
    ret = is_lstat ? lstat(path, &st) : stat(path, &st);
    if (ret < 0) {
        obj = js_os_throw_errno(ctx, errno, is_lstat ? "lstat" : "stat", path, NULL);
        JS_FreeCString(ctx, path);
        return obj;
    }
    JS_FreeCString(ctx, path);
    obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
    JS_SetPropertyStr(ctx, obj, "dev", JS_NewInt64(ctx, st.st_dev));
    JS_SetPropertyStr(ctx, obj, "ino", JS_NewInt64(ctx, st.st_ino));
    JS_SetPropertyStr(ctx, obj, "mode", JS_NewInt64(ctx, st.st_mode));
    JS_SetPropertyStr(ctx, obj, "nlink", JS_NewInt64(ctx, st.st_nlink));
    JS_SetPropertyStr(ctx, obj, "uid", JS_NewInt64(ctx, st.st_uid));
    JS_SetPropertyStr(ctx, obj, "gid", JS_NewInt64(ctx, st.st_gid));
    JS_SetPropertyStr(ctx, obj, "rdev", JS_NewInt64(ctx, st.st_rdev));
    JS_SetPropertyStr(ctx, obj, "size", JS_NewInt64(ctx, st.st_size));
    JS_SetPropertyStr(ctx, obj, "blocks", JS_NewInt64(ctx, st.st_blocks));
    JS_SetPropertyStr(ctx, obj, "atime", JS_NewInt64(ctx, js_os_timespec_ms(&st.st_atim)));
    JS_SetPropertyStr(ctx, obj, "mtime", JS_NewInt64(ctx, js_os_timespec_ms(&st.st_mtim)));
    JS_SetPropertyStr(ctx, obj, "ctime", JS_NewInt64(ctx, js_os_timespec_ms(&st.st_ctim)));
    if (JS_HasException(ctx)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static int js_os_ms_timespec(JSContext *ctx, struct timespec *ts, JSValueConst val)
{
    double ms;
    if (JS_ToFloat64(ctx, &ms, val) < 0)
        return -1;
    if (!(ms >= -9e15 && ms <= 9e15)) {
        JS_ThrowRangeError(ctx, "invalid time");
        return -1;
    }
    ts->tv_sec = (time_t)(ms / 1000);
    ts->tv_nsec = (long)((ms - (double)ts->tv_sec * 1000) * 1e6);
    if (ts->tv_nsec < 0) {
        ts->tv_sec--;
        ts->tv_nsec += 1000000000;
    }
    return 0;
}

/* utimes(path, atime, mtime), times in milliseconds */
static JSValue js_os_utimes(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    struct timespec ts[2];
    const char *path;
    JSValue ret = JS_UNDEFINED;
    if (js_os_ms_timespec(ctx, &ts[0], argv[1]) < 0 || js_os_ms_timespec(ctx, &ts[1], argv[2]) < 0)
        return JS_EXCEPTION;
    path = js_os_path_arg(ctx, argv[0]);
    if (!path)
        return JS_EXCEPTION;
    if (utimensat(AT_FDCWD, path, ts, 0) < 0)
        ret = js_os_throw_errno(ctx, errno, "utimes", path, NULL);
    JS_FreeCString(ctx, path);
    return ret;
}

static JSValue js_os_readlink(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *path = js_os_path_arg(ctx, argv[0]);
    char buf[PATH_MAX];
    ssize_t n;
    JSValue ret;
    if (!path)
        return JS_EXCEPTION;
    n = readlink(path, buf, sizeof(buf));
    if (n < 0)
        ret = js_os_throw_errno(ctx, errno, "readlink", path, NULL);
    else if ((size_t)n == sizeof(buf))
        ret = js_os_throw_errno(ctx, ENAMETOOLONG, "readlink", path, NULL);
    else
        ret = JS_NewStringLen(ctx, buf, n);
    JS_FreeCString(ctx, path);
    return ret;
}

static JSValue js_os_dup(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int fd, ret;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0)
        return JS_EXCEPTION;
    ret = dup(fd);
    if (ret < 0)
        return js_os_throw_errno(ctx, errno, "dup", NULL, NULL);
    return JS_NewInt32(ctx, ret);
}

static JSValue js_os_dup2(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int fd, fd2, ret;
    if (JS_ToInt32(ctx, &fd, argv[0]) < 0 || JS_ToInt32(ctx, &fd2, argv[1]) < 0)
        return JS_EXCEPTION;
    do
        ret = dup2(fd, fd2);
    while (ret < 0 && errno == EINTR);
    if (ret < 0)
        return js_os_throw_errno(ctx, errno, "dup2", NULL, NULL);
    return JS_NewInt32(ctx, ret);
}

/* [read end, write end] */
static JSValue js_os_pipe(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int fds[2];
    JSValue arr;
    if (pipe(fds) < 0)
        return js_os_throw_errno(ctx, errno, "pipe", NULL, NULL);
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr)) {
        close(fds[0]);
        close(fds[1]);
        return arr;
    }
    JS_SetPropertyUint32(ctx, arr, 0, JS_NewInt32(ctx, fds[0]));
    JS_SetPropertyUint32(ctx, arr, 1, JS_NewInt32(ctx, fds[1]));
    return arr;
}

#define JS_OS_CONST(name) JS_PROP_INT32_DEF(#name, name, JS_PROP_CONFIGURABLE)

const JSCFunctionListEntry js_os_fs_funcs[] = {
    JS_CFUNC_DEF("open", 3, js_os_open),
    JS_CFUNC_DEF("close", 1, js_os_close),
    JS_CFUNC_MAGIC_DEF("read", 4, js_os_read_write, 0),
    JS_CFUNC_MAGIC_DEF("write", 4, js_os_read_write, 1),
    JS_CFUNC_DEF("seek", 3, js_os_seek),
    JS_CFUNC_DEF("isatty", 1, js_os_isatty),
    JS_CFUNC_DEF("ttyGetWinSize", 1, js_os_tty_get_win_size),
    JS_CFUNC_DEF("ttySetRaw", 1, js_os_tty_set_raw),
    JS_CFUNC_MAGIC_DEF("remove", 1, js_os_path_call, JS_OS_REMOVE),
    JS_CFUNC_MAGIC_DEF("rename", 2, js_os_path_call, JS_OS_RENAME),
    JS_CFUNC_DEF("realpath", 1, js_os_realpath),
    JS_CFUNC_DEF("getcwd", 0, js_os_getcwd),
    JS_CFUNC_MAGIC_DEF("chdir", 1, js_os_path_call, JS_OS_CHDIR),
    JS_CFUNC_MAGIC_DEF("mkdir", 2, js_os_path_call, JS_OS_MKDIR),
    JS_CFUNC_DEF("readdir", 1, js_os_readdir),
    JS_CFUNC_MAGIC_DEF("stat", 1, js_os_stat, 0),
    JS_CFUNC_MAGIC_DEF("lstat", 1, js_os_stat, 1),
    JS_CFUNC_DEF("utimes", 3, js_os_utimes),
    JS_CFUNC_MAGIC_DEF("symlink", 2, js_os_path_call, JS_OS_SYMLINK),
    JS_CFUNC_DEF("readlink", 1, js_os_readlink),
    JS_CFUNC_MAGIC_DEF("access", 2, js_os_path_call, JS_OS_ACCESS),
    JS_CFUNC_MAGIC_DEF("chmod", 2, js_os_path_call, JS_OS_CHMOD),
    JS_CFUNC_DEF("dup", 1, js_os_dup),
    JS_CFUNC_DEF("dup2", 2, js_os_dup2),
    JS_CFUNC_DEF("pipe", 0, js_os_pipe),
    JS_OS_CONST(O_RDONLY),
    JS_OS_CONST(O_WRONLY),
    JS_OS_CONST(O_RDWR),
    JS_OS_CONST(O_APPEND),
    JS_OS_CONST(O_CREAT),
    JS_OS_CONST(O_EXCL),
    JS_OS_CONST(O_TRUNC),
    JS_OS_CONST(O_NONBLOCK),
    JS_OS_CONST(O_CLOEXEC),
    JS_OS_CONST(O_DIRECTORY),
    JS_OS_CONST(O_NOFOLLOW),
    JS_OS_CONST(O_SYNC),
    JS_OS_CONST(S_IFMT),
    JS_OS_CONST(S_IFIFO),
    JS_OS_CONST(S_IFCHR),
    JS_OS_CONST(S_IFDIR),
    JS_OS_CONST(S_IFBLK),
    JS_OS_CONST(S_IFREG),
    JS_OS_CONST(S_IFLNK),
    JS_OS_CONST(S_IFSOCK),
    JS_OS_CONST(S_ISUID),
    JS_OS_CONST(S_ISGID),
    JS_OS_CONST(S_ISVTX),
    JS_OS_CONST(SEEK_SET),
    JS_OS_CONST(SEEK_CUR),
    JS_OS_CONST(SEEK_END),
    JS_OS_CONST(F_OK),
    JS_OS_CONST(R_OK),
    JS_OS_CONST(W_OK),
    JS_OS_CONST(X_OK),
};
const int js_os_fs_funcs_count = sizeof(js_os_fs_funcs) / sizeof(js_os_fs_funcs[0]);
