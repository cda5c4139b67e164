/*
 * weft_runtime.h — the Weft runtime layer (librweft): the globals and
 * builtin modules a command-line runtime adds on top of the engine.
 * Depends only on weft.h.
 */
#ifndef WEFT_RUNTIME_H
#define WEFT_RUNTIME_H

#include <stdio.h>

#include "weft.h"

#ifdef __cplusplus
extern "C" {
#endif

/* all the globals of the weft command: print, console, inspect, the
   timers, require, and scriptArgs (argv[0 .. argc): the script name and
   its arguments; none when argc < 0); 0, or -1 with an exception */
int js_std_add_helpers(JSContext *ctx, int argc, char **argv);

/* the read-eval-print loop on stdin/stdout (line editing and history on
   a terminal), driven by the thread's event loop when js_eventloop_init
   made one: returns when the input ends (Ctrl-D) and, then, the loop has
   no work left; 0, or -1 when out of memory */
int js_std_repl(JSContext *ctx);

/* print, console.log/info/warn/error */
int js_std_add_console(JSContext *ctx);

/* the compact one-line form used by print and console.log (a new string,
   or JS_EXCEPTION) */
JSValue js_std_format_value(JSContext *ctx, JSValueConst val);

/* the multi-line form of the global inspect(value) (a new string, or
   JS_EXCEPTION); runs no JS code: no getter, no Proxy trap */
JSValue js_std_inspect(JSContext *ctx, JSValueConst val);

/* the file module loader of the weft command (module names are paths);
   main_module (kept, may be NULL) is the name import.meta.main is true for */
void js_std_init_module_loader(JSRuntime *rt, const char *main_module);

/* prints an uncaught exception (the pending one is taken) to f in the
   weft format: the error's stack and a blank line */
void js_std_dump_error(JSContext *ctx, FILE *f);
/* prints the given exception value */
void js_std_dump_error1(JSContext *ctx, JSValueConst exception_val, FILE *f);

/* The event loop (docs/EMBEDDING.md): one per runtime, driven by the
   thread that uses the runtime. */
/* creates the loop state of rt (timers, handlers, the rejection tracker,
   the SharedArrayBuffer hooks workers need, the Atomics.waitAsync wake-up);
   the first runtime initialised on the process's main thread is the main
   thread's. Call it before creating contexts; 0, or -1 on failure. */
int js_eventloop_init(JSRuntime *rt);
/* frees the loop state (pending timers and handlers are dropped); call it
   after freeing the contexts and before JS_FreeRuntime */
void js_eventloop_free(JSRuntime *rt);
/* runs jobs, timers and handlers until nothing is left that could produce
   work (on the main thread, never while a worker is alive) or an error
   stopped the loop: 0, or -1 when an error was reported on the main
   thread (printed; js_std_get_exit_code is then 1) */
int js_eventloop_run(JSContext *ctx);
bool js_eventloop_is_main_thread(JSRuntime *rt);
/* when promise (a module's evaluation promise) rejects, its reason is
   reported as an uncaught exception rather than as an unhandled
   rejection; 0, or -1 with an exception */
int js_eventloop_track_module(JSContext *ctx, JSValueConst promise);
/* setTimeout, clearTimeout, setInterval, clearInterval as globals of ctx
   (the quickjs:timers functions) */
int js_timers_add_globals(JSContext *ctx);
/* the exit status of the program: cmdline.setExitCode's, or 1 after an
   uncaught error */
int js_std_get_exit_code(JSRuntime *rt);
/* the arguments cmdline.scriptArgs holds (copied); 0, or -1 */
int js_std_set_script_args(JSRuntime *rt, int argc, char **argv);
/* the name of the program's main script or module, for
   engine.isMainModule (copied; NULL: none); 0, or -1 */
int js_std_set_main_module(JSRuntime *rt, const char *name);

/* os.Worker: the function that makes each worker thread's context (with
   the globals and builtin modules the worker should have). Process-wide;
   set it before the first worker starts. Without one, workers get the
   engine's builtins with print and console. */
typedef JSContext *JSWorkerNewContextFunc(JSRuntime *rt);
void js_os_set_worker_new_context_func(JSWorkerNewContextFunc *func);

#ifdef __cplusplus
}
#endif

#endif /* WEFT_RUNTIME_H */
