/*
 * cmdline.c — the quickjs:cmdline module: scriptArgs, exit, getExitCode,
 * setExitCode.
 *
 * The exit status lives in the thread state (js_std_get_exit_code): the
 * weft command returns it when its loop ends. Only the main thread may
 * touch it: in a worker each function throws, so a worker can never end
 * the process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "eventloop.h"
#include "modules.h"

enum { JS_CMDLINE_EXIT, JS_CMDLINE_GET_EXIT_CODE, JS_CMDLINE_SET_EXIT_CODE };

static const char *const js_cmdline_names[] = {"exit", "getExitCode", "setExitCode"};

/* the main thread's state, or NULL with an Error thrown */
static JSThreadState *js_cmdline_main_state(JSContext *ctx, int magic)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    if (!ts || !ts->is_main_thread) {
        JS_ThrowPlainError(ctx, "cmdline.%s can only be called from the main thread",
                           js_cmdline_names[magic]);
        return NULL;
    }
    return ts;
}

/* exit(code?): ends the process at once (no more JS runs) with code, or
   the exit code set so far; the OS keeps its low 8 bits. stdio is flushed
   and _exit skips the atexit handlers: worker threads may still be running
   JS, and tearing down the process under them (or the leak checker's exit
   scan, which would report every live runtime) is what "at once" avoids. */
static JSValue js_cmdline_exit(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv, int magic)
{
    JSThreadState *ts = js_cmdline_main_state(ctx, magic);
    int code;
    if (!ts)
        return JS_EXCEPTION;
    code = ts->exit_code;
    if (argc > 0 && !JS_IsUndefined(argv[0])) {
        if (!JS_IsNumber(argv[0]))
            return JS_ThrowTypeError(ctx, "cmdline.exit: the code must be a number");
        if (JS_ToInt32(ctx, &code, argv[0]) < 0)
            return JS_EXCEPTION;
    }
    fflush(NULL);
    _exit(code);
}

static JSValue js_cmdline_get_exit_code(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv, int magic)
{
    JSThreadState *ts = js_cmdline_main_state(ctx, magic);
    if (!ts)
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, ts->exit_code);
}

static JSValue js_cmdline_set_exit_code(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv, int magic)
{
    JSThreadState *ts = js_cmdline_main_state(ctx, magic);
    int code;
    if (!ts)
        return JS_EXCEPTION;
    if (argc < 1 || !JS_IsNumber(argv[0]))
        return JS_ThrowTypeError(ctx, "cmdline.setExitCode: the code must be a number");
    if (JS_ToInt32(ctx, &code, argv[0]) < 0)
        return JS_EXCEPTION;
    ts->exit_code = code;
    return JS_UNDEFINED;
}

/* a new array of the script arguments (empty in a worker unless its
   context factory set some) */
static JSValue js_cmdline_script_args(JSContext *ctx)
{
    JSThreadState *ts = js_get_thread_state(JS_GetRuntime(ctx));
    JSValue arr = JS_NewArray(ctx);
    if (JS_IsException(arr) || !ts)
        return arr;
    for (int i = 0; i < ts->script_argc; i++) {
        if (JS_SetPropertyUint32(ctx, arr, i, JS_NewString(ctx, ts->script_argv[i])) < 0) {
            JS_FreeValue(ctx, arr);
            return JS_EXCEPTION;
        }
    }
    return arr;
}

static const JSCFunctionListEntry js_cmdline_funcs[] = {
    JS_CFUNC_MAGIC_DEF("exit", 1, js_cmdline_exit, JS_CMDLINE_EXIT),
    JS_CFUNC_MAGIC_DEF("getExitCode", 0, js_cmdline_get_exit_code, JS_CMDLINE_GET_EXIT_CODE),
    JS_CFUNC_MAGIC_DEF("setExitCode", 1, js_cmdline_set_exit_code, JS_CMDLINE_SET_EXIT_CODE),
};

static int js_cmdline_module_init(JSContext *ctx, JSModuleDef *m)
{
    JSValue args = js_cmdline_script_args(ctx);
    if (JS_IsException(args))
        return -1;
    if (JS_SetModuleExport(ctx, m, "scriptArgs", args) < 0)
        return -1;
    return JS_SetModuleExportList(ctx, m, js_cmdline_funcs,
                                  sizeof(js_cmdline_funcs) / sizeof(js_cmdline_funcs[0]));
}

JSModuleDef *js_init_module_cmdline(JSContext *ctx, const char *name)
{
    JSModuleDef *m = JS_NewCModule(ctx, name, js_cmdline_module_init);
    if (!m)
        return NULL;
    if (JS_AddModuleExport(ctx, m, "scriptArgs") < 0 ||
        JS_AddModuleExportList(ctx, m, js_cmdline_funcs,
                               sizeof(js_cmdline_funcs) / sizeof(js_cmdline_funcs[0])) < 0)
        return NULL;
    return m;
}
