/*
 * os_proc.c — the process half of quickjs:os: exec (fork + exec with
 * options), waitpid and the W* status helpers, kill, sleep, now, getpid,
 * gethostname, execPath, platform and the signal/wait constants.
 *
 * exec reports a child that could not start (no such program, bad cwd,
 * setuid refused) as an Error thrown in the parent: the child writes its
 * errno into a close-on-exec pipe, which stays empty when exec succeeds.
 * Between fork and exec the child only makes system calls (the process
 * may have worker threads: no malloc, no locks there).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "osstd.h"

extern char **environ;

/* everything exec prepares before fork; strings and arrays are malloc()ed */
typedef struct JSOSExec {
    char **args; /* NULL-terminated */
    char **env;  /* NULL: the parent's environment */
    char *file;  /* the program (args[0] by default) */
    char *cwd;   /* NULL: unchanged */
    int std_fds[3];
    int uid, gid; /* -1: unchanged */
    bool block, use_path;
} JSOSExec;

/* what failed in the child, written to the error pipe with its errno */
enum { JS_EXEC_STAGE_EXEC, JS_EXEC_STAGE_CWD, JS_EXEC_STAGE_ID, JS_EXEC_STAGE_FD };

static void js_os_free_strv(char **v)
{
    if (!v)
        return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

static void js_os_exec_free(JSOSExec *e)
{
    js_os_free_strv(e->args);
    js_os_free_strv(e->env);
    free(e->file);
    free(e->cwd);
}

/* a malloc()ed copy of a string value (TypeError unless a string without
   NUL characters) */
static char *js_os_strdup_val(JSContext *ctx, JSValueConst val, const char *what)
{
    size_t len;
    const char *s;
    char *r;
    if (!JS_IsString(val)) {
        JS_ThrowTypeError(ctx, "exec: %s must be a string", what);
        return NULL;
    }
    s = JS_ToCStringLen(ctx, &len, val);
    if (!s)
        return NULL;
    if (strlen(s) != len) {
        JS_FreeCString(ctx, s);
        JS_ThrowTypeError(ctx, "exec: %s must not contain NUL characters", what);
        return NULL;
    }
    r = strdup(s);
    JS_FreeCString(ctx, s);
    if (!r)
        JS_ThrowOutOfMemory(ctx);
    return r;
}

static int js_os_exec_args(JSContext *ctx, JSOSExec *e, JSValueConst arr)
{
    JSValue len_val;
    int64_t len;
    if (!JS_IsArray(ctx, arr)) {
        JS_ThrowTypeError(ctx, "exec: the arguments must be an array");
        return -1;
    }
    len_val = JS_GetPropertyStr(ctx, arr, "length");
    if (JS_ToInt64(ctx, &len, len_val) < 0) {
        JS_FreeValue(ctx, len_val);
        return -1;
    }
    JS_FreeValue(ctx, len_val);
    if (len < 1 || len > 65535) {
        JS_ThrowRangeError(ctx, "exec: between 1 and 65535 arguments are needed");
        return -1;
    }
    e->args = calloc(len + 1, sizeof(char *));
    if (!e->args) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    for (int64_t i = 0; i < len; i++) {
        JSValue v = JS_GetPropertyUint32(ctx, arr, i);
        e->args[i] = JS_IsException(v) ? NULL : js_os_strdup_val(ctx, v, "each argument");
        JS_FreeValue(ctx, v);
        if (!e->args[i])
            return -1;
    }
    return 0;
}

/* env: "name=value" strings from the object's own enumerable properties */
static int js_os_exec_env(JSContext *ctx, JSOSExec *e, JSValueConst obj)
{
    JSPropertyEnum *tab;
    uint32_t len;
    int ret = 0;
    if (!JS_IsObject(obj)) {
        JS_ThrowTypeError(ctx, "exec: env must be an object");
        return -1;
    }
    if (JS_GetOwnPropertyNames(ctx, &tab, &len, obj, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
        return -1;
    e->env = calloc(len + 1, sizeof(char *));
    if (!e->env) {
        JS_FreePropertyEnum(ctx, tab, len);
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    for (uint32_t i = 0; i < len && ret == 0; i++) {
        const char *name = JS_AtomToCString(ctx, tab[i].atom);
        JSValue v = JS_GetProperty(ctx, obj, tab[i].atom);
        const char *value = JS_IsException(v) ? NULL : JS_ToCString(ctx, v);
        if (name && value && (e->env[i] = malloc(strlen(name) + strlen(value) + 2)) != NULL)
            sprintf(e->env[i], "%s=%s", name, value);
        else if (name && value)
            JS_ThrowOutOfMemory(ctx);
        ret = e->env[i] ? 0 : -1;
        JS_FreeCString(ctx, name);
        JS_FreeCString(ctx, value);
        JS_FreeValue(ctx, v);
    }
    JS_FreePropertyEnum(ctx, tab, len);
    return ret;
}

/* options.name: 0 with *pval set (or untouched when absent), -1 on error */
static int js_os_opt(JSContext *ctx, JSValueConst opts, const char *name, JSValue *pval)
{
    JSValue v = JS_GetPropertyStr(ctx, opts, name);
    if (JS_IsException(v))
        return -1;
    *pval = v;
    return 0;
}

static int js_os_opt_int(JSContext *ctx, JSValueConst opts, const char *name, int *pres)
{
    JSValue v;
    int ret = 0;
    if (js_os_opt(ctx, opts, name, &v) < 0)
        return -1;
    if (!JS_IsUndefined(v))
        ret = JS_ToInt32(ctx, pres, v);
    JS_FreeValue(ctx, v);
    return ret;
}

static int js_os_opt_bool(JSContext *ctx, JSValueConst opts, const char *name, bool *pres)
{
    JSValue v;
    int r = 0;
    if (js_os_opt(ctx, opts, name, &v) < 0)
        return -1;
    if (!JS_IsUndefined(v)) {
        r = JS_ToBool(ctx, v);
        if (r >= 0)
            *pres = r;
    }
    JS_FreeValue(ctx, v);
    return r < 0 ? -1 : 0;
}

static int js_os_opt_str(JSContext *ctx, JSValueConst opts, const char *name, char **pres)
{
    JSValue v;
    if (js_os_opt(ctx, opts, name, &v) < 0)
        return -1;
    if (JS_IsUndefined(v))
        return 0;
    *pres = js_os_strdup_val(ctx, v, name);
    JS_FreeValue(ctx, v);
    return *pres ? 0 : -1;
}

static int js_os_exec_options(JSContext *ctx, JSOSExec *e, JSValueConst opts)
{
    static const char *const fd_names[3] = {"stdin", "stdout", "stderr"};
    JSValue env;
    if (JS_IsUndefined(opts))
        return 0;
    if (!JS_IsObject(opts)) {
        JS_ThrowTypeError(ctx, "exec: the options must be an object");
        return -1;
    }
    if (js_os_opt_bool(ctx, opts, "block", &e->block) < 0 ||
        js_os_opt_bool(ctx, opts, "usePath", &e->use_path) < 0 ||
        js_os_opt_str(ctx, opts, "file", &e->file) < 0 ||
        js_os_opt_str(ctx, opts, "cwd", &e->cwd) < 0 ||
        js_os_opt_int(ctx, opts, "uid", &e->uid) < 0 ||
        js_os_opt_int(ctx, opts, "gid", &e->gid) < 0)
        return -1;
    for (int i = 0; i < 3; i++) {
        if (js_os_opt_int(ctx, opts, fd_names[i], &e->std_fds[i]) < 0)
            return -1;
    }
    if (js_os_opt(ctx, opts, "env", &env) < 0)
        return -1;
    if (!JS_IsUndefined(env) && js_os_exec_env(ctx, e, env) < 0) {
        JS_FreeValue(ctx, env);
        return -1;
    }
    JS_FreeValue(ctx, env);
    return 0;
}

/* in the child: report (stage, errno) and end */
static void __attribute__((noreturn)) js_os_child_fail(int err_fd, int stage)
{
    int msg[2] = {stage, errno};
    ssize_t n = write(err_fd, msg, sizeof(msg));
    (void)n;
    _exit(127);
}

static void __attribute__((noreturn)) js_os_child(const JSOSExec *e, int err_fd)
{
    for (int i = 0; i < 3; i++) {
        if (e->std_fds[i] >= 0 && e->std_fds[i] != i && dup2(e->std_fds[i], i) < 0)
            js_os_child_fail(err_fd, JS_EXEC_STAGE_FD);
    }
    /* the child gets stdin/stdout/stderr and nothing else of ours */
    if (err_fd > 3)
        close_range(3, err_fd - 1, 0);
    close_range(err_fd + 1, ~0U, 0);
    if (e->cwd && chdir(e->cwd) < 0)
        js_os_child_fail(err_fd, JS_EXEC_STAGE_CWD);
    if ((e->gid >= 0 && setgid(e->gid) < 0) || (e->uid >= 0 && setuid(e->uid) < 0))
        js_os_child_fail(err_fd, JS_EXEC_STAGE_ID);
    if (e->use_path)
        execvpe(e->file, e->args, e->env ? e->env : environ);
    else
        execve(e->file, e->args, e->env ? e->env : environ);
    js_os_child_fail(err_fd, JS_EXEC_STAGE_EXEC);
}

static int js_os_waitpid_retry(pid_t pid, int *pstatus, int options)
{
    int ret;
    do
        ret = waitpid(pid, pstatus, options);
    while (ret < 0 && errno == EINTR);
    return ret;
}

/* fork and exec; the pid, or -1 with the exception thrown */
static pid_t js_os_spawn(JSContext *ctx, const JSOSExec *e)
{
    int err_pipe[2], msg[2], status;
    ssize_t n;
    pid_t pid;
    if (pipe2(err_pipe, O_CLOEXEC) < 0) {
        js_os_throw_errno(ctx, errno, "exec", e->file, NULL);
        return -1;
    }
    /* output written before exec comes before the child's */
    fflush(stdout);
    fflush(stderr);
    /* environ must not change under the fork */
    js_std_env_lock();
    pid = fork();
    if (pid == 0)
        js_os_child(e, err_pipe[1]);
    js_std_env_unlock();
    close(err_pipe[1]);
    if (pid < 0) {
        close(err_pipe[0]);
        js_os_throw_errno(ctx, errno, "fork", NULL, NULL);
        return -1;
    }
    do
        n = read(err_pipe[0], msg, sizeof(msg));
    while (n < 0 && errno == EINTR);
    close(err_pipe[0]);
    if (n != (ssize_t)sizeof(msg))
        return pid;
    js_os_waitpid_retry(pid, &status, 0);
    switch (msg[0]) {
    case JS_EXEC_STAGE_CWD:
        js_os_throw_errno(ctx, msg[1], "exec: chdir", e->cwd, NULL);
        break;
    case JS_EXEC_STAGE_ID:
        js_os_throw_errno(ctx, msg[1], "exec: setuid/setgid", NULL, NULL);
        break;
    case JS_EXEC_STAGE_FD:
        js_os_throw_errno(ctx, msg[1], "exec: dup2", NULL, NULL);
        break;
    default:
        js_os_throw_errno(ctx, msg[1], "exec", e->file, NULL);
        break;
    }
    return -1;
}

/* exec(args, options): with block (the default) the exit status (minus
   the signal number when the child was killed), else the pid */
static JSValue js_os_exec(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSOSExec e = {.std_fds = {-1, -1, -1}, .uid = -1, .gid = -1, .block = true, .use_path = true};
    JSValue ret = JS_EXCEPTION;
    int status;
    pid_t pid;
    if (js_os_exec_args(ctx, &e, argv[0]) < 0 || js_os_exec_options(ctx, &e, argv[1]) < 0)
        goto done;
    if (!e.file && !(e.file = strdup(e.args[0]))) {
        JS_ThrowOutOfMemory(ctx);
        goto done;
    }
    pid = js_os_spawn(ctx, &e);
    if (pid < 0)
        goto done;
    if (!e.block) {
        ret = JS_NewInt32(ctx, pid);
    } else if (js_os_waitpid_retry(pid, &status, 0) < 0) {
        ret = js_os_throw_errno(ctx, errno, "waitpid", NULL, NULL);
    } else {
        ret = JS_NewInt32(ctx, WIFEXITED(status)     ? WEXITSTATUS(status)
                               : WIFSIGNALED(status) ? -WTERMSIG(status)
                                                     : status);
    }
done:
    js_os_exec_free(&e);
    return ret;
}

/* waitpid(pid, options): [pid or 0, status] */
static JSValue js_os_waitpid(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int pid, options, status = 0, ret;
    JSValue arr;
    if (JS_ToInt32(ctx, &pid, argv[0]) < 0 || js_os_arg_int(ctx, &options, argc, argv, 1, 0) < 0)
        return JS_EXCEPTION;
    ret = js_os_waitpid_retry(pid, &status, options);
    if (ret < 0)
        return js_os_throw_errno(ctx, errno, "waitpid", NULL, NULL);
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr))
        return arr;
    JS_SetPropertyUint32(ctx, arr, 0, JS_NewInt32(ctx, ret));
    JS_SetPropertyUint32(ctx, arr, 1, JS_NewInt32(ctx, status));
    return arr;
}

enum {
    JS_OS_WIFEXITED,
    JS_OS_WEXITSTATUS,
    JS_OS_WIFSIGNALED,
    JS_OS_WTERMSIG,
    JS_OS_WIFSTOPPED,
    JS_OS_WSTOPSIG
};

/* the W* macros on a waitpid status */
static JSValue js_os_wstatus(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int magic)
{
    int s;
    if (JS_ToInt32(ctx, &s, argv[0]) < 0)
        return JS_EXCEPTION;
    switch (magic) {
    case JS_OS_WIFEXITED:
        return JS_NewBool(ctx, WIFEXITED(s));
    case JS_OS_WEXITSTATUS:
        return JS_NewInt32(ctx, WEXITSTATUS(s));
    case JS_OS_WIFSIGNALED:
        return JS_NewBool(ctx, WIFSIGNALED(s));
    case JS_OS_WTERMSIG:
        return JS_NewInt32(ctx, WTERMSIG(s));
    case JS_OS_WIFSTOPPED:
        return JS_NewBool(ctx, WIFSTOPPED(s));
    default:
        return JS_NewInt32(ctx, WSTOPSIG(s));
    }
}

static JSValue js_os_kill(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int pid, sig;
    if (JS_ToInt32(ctx, &pid, argv[0]) < 0 || js_os_arg_int(ctx, &sig, argc, argv, 1, SIGTERM) < 0)
        return JS_EXCEPTION;
    if (kill(pid, sig) < 0)
        return js_os_throw_errno(ctx, errno, "kill", NULL, NULL);
    return JS_UNDEFINED;
}

/* sleep(ms): blocks the thread */
static JSValue js_os_sleep(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    struct timespec ts;
    double ms;
    if (JS_ToFloat64(ctx, &ms, argv[0]) < 0)
        return JS_EXCEPTION;
    if (!(ms > 0))
        return JS_UNDEFINED;
    if (ms > 1e12)
        return JS_ThrowRangeError(ctx, "sleep: too long");
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1000) * 1e6);
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        continue;
    return JS_UNDEFINED;
}

/* now(): milliseconds of a monotonic clock, with sub-millisecond digits */
static JSValue js_os_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return JS_NewFloat64(ctx, (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
}

static JSValue js_os_getpid(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_NewInt32(ctx, getpid());
}

static JSValue js_os_gethostname(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    char buf[HOST_NAME_MAX + 1];
    if (gethostname(buf, sizeof(buf)) < 0)
        return js_os_throw_errno(ctx, errno, "gethostname", NULL, NULL);
    buf[HOST_NAME_MAX] = '\0';
    return JS_NewString(ctx, buf);
}

/* the absolute path of the running executable */
static JSValue js_os_exec_path(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n < 0)
        return js_os_throw_errno(ctx, errno, "execPath", "/proc/self/exe", NULL);
    return JS_NewStringLen(ctx, buf, n);
}

#define JS_OS_CONST(name) JS_PROP_INT32_DEF(#name, name, JS_PROP_CONFIGURABLE)

const JSCFunctionListEntry js_os_proc_funcs[] = {
    JS_CFUNC_DEF("exec", 2, js_os_exec),
    JS_CFUNC_DEF("waitpid", 2, js_os_waitpid),
    JS_CFUNC_MAGIC_DEF("WIFEXITED", 1, js_os_wstatus, JS_OS_WIFEXITED),
    JS_CFUNC_MAGIC_DEF("WEXITSTATUS", 1, js_os_wstatus, JS_OS_WEXITSTATUS),
    JS_CFUNC_MAGIC_DEF("WIFSIGNALED", 1, js_os_wstatus, JS_OS_WIFSIGNALED),
    JS_CFUNC_MAGIC_DEF("WTERMSIG", 1, js_os_wstatus, JS_OS_WTERMSIG),
    JS_CFUNC_MAGIC_DEF("WIFSTOPPED", 1, js_os_wstatus, JS_OS_WIFSTOPPED),
    JS_CFUNC_MAGIC_DEF("WSTOPSIG", 1, js_os_wstatus, JS_OS_WSTOPSIG),
    JS_CFUNC_DEF("kill", 2, js_os_kill),
    JS_CFUNC_DEF("sleep", 1, js_os_sleep),
    JS_CFUNC_DEF("now", 0, js_os_now),
    JS_CFUNC_DEF("getpid", 0, js_os_getpid),
    JS_CFUNC_DEF("gethostname", 0, js_os_gethostname),
    JS_CFUNC_DEF("execPath", 0, js_os_exec_path),
    JS_PROP_STRING_DEF("platform", "linux", JS_PROP_CONFIGURABLE),
    JS_OS_CONST(WNOHANG),
    JS_OS_CONST(WUNTRACED),
    JS_OS_CONST(SIGHUP),
    JS_OS_CONST(SIGINT),
    JS_OS_CONST(SIGQUIT),
    JS_OS_CONST(SIGILL),
    JS_OS_CONST(SIGTRAP),
    JS_OS_CONST(SIGABRT),
    JS_OS_CONST(SIGBUS),
    JS_OS_CONST(SIGFPE),
    JS_OS_CONST(SIGKILL),
    JS_OS_CONST(SIGUSR1),
    JS_OS_CONST(SIGSEGV),
    JS_OS_CONST(SIGUSR2),
    JS_OS_CONST(SIGPIPE),
    JS_OS_CONST(SIGALRM),
    JS_OS_CONST(SIGTERM),
    JS_OS_CONST(SIGCHLD),
    JS_OS_CONST(SIGCONT),
    JS_OS_CONST(SIGSTOP),
    JS_OS_CONST(SIGTSTP),
    JS_OS_CONST(SIGTTIN),
    JS_OS_CONST(SIGTTOU),
    JS_OS_CONST(SIGWINCH),
};
const int js_os_proc_funcs_count = sizeof(js_os_proc_funcs) / sizeof(js_os_proc_funcs[0]);
