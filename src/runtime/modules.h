/*
 * modules.h — how the runtime layer's pieces fit together (private to
 * src/runtime): the builtin modules, the parts of quickjs:os that live in
 * other files, and the globals of the weft command.
 *
 * Builtin modules are C modules (JS_NewCModule) made on first import by
 * the module loader (module_loader.c), which maps "quickjs:os" and "os",
 * "quickjs:std" and "std", "quickjs:cmdline", "quickjs:timers" and
 * "quickjs:engine" to the functions below.
 */
#ifndef WEFT_RUNTIME_MODULES_H
#define WEFT_RUNTIME_MODULES_H

#include "weft.h"
#include "weft_runtime.h"

/* each creates the C module `name` (NULL with an exception) */
JSModuleDef *js_init_module_os(JSContext *ctx, const char *name);      /* os.c */
JSModuleDef *js_init_module_std(JSContext *ctx, const char *name);     /* std.c */
JSModuleDef *js_init_module_cmdline(JSContext *ctx, const char *name); /* cmdline.c */
JSModuleDef *js_init_module_timers(JSContext *ctx, const char *name);  /* timers.c */
JSModuleDef *js_init_module_engine(JSContext *ctx, const char *name);  /* engine.c */

/* quickjs:os exports defined by the event loop side (eventloop.c,
   timers.c): setReadHandler, setWriteHandler, signal, setTimeout,
   clearTimeout, sleepAsync */
extern const JSCFunctionListEntry js_os_event_funcs[];
extern const int js_os_event_funcs_count;

/* the os.Worker constructor for this context's thread, with its statics
   (Worker.parent and Worker.initialData on a worker thread) (worker.c) */
JSValue js_worker_ctor_new(JSContext *ctx);

/* the module loader's resolution (module_loader.c, docs/RUNTIME.md): the
   name `specifier` gives when imported from the script or module
   base_name, an absolute path or a builtin module's full name
   (js_malloc'ed; NULL with an exception) */
char *js_std_resolve_module(JSContext *ctx, const char *base_name, const char *specifier);
/* loads and evaluates that module now (running promise jobs while a
   top-level await is pending): its namespace object */
JSValue js_std_require_module(JSContext *ctx, const char *base_name, const char *specifier);

/* removes ".", ".." and empty components of an absolute path, in place
   (each component written is preceded by a '/' of the input, so the output
   never overtakes the input) (module_loader.c) */
void js_std_path_normalize(char *path);

/* globals, each added by the file that implements them */
int js_timers_add_globals(JSContext *ctx);  /* setTimeout & co. (timers.c) */
int js_std_add_require(JSContext *ctx);     /* require, require.resolve (module_loader.c) */
int js_std_add_inspect(JSContext *ctx);     /* inspect (inspect.c) */

#endif /* WEFT_RUNTIME_MODULES_H */
