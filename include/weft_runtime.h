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

/* print, console.log/info/warn/error */
int js_std_add_console(JSContext *ctx);

/* the compact one-line form used by print and console.log (a new string,
   or JS_EXCEPTION) */
JSValue js_std_format_value(JSContext *ctx, JSValueConst val);

/* the file module loader of the weft command (module names are paths);
   main_module (kept, may be NULL) is the name import.meta.main is true for */
void js_std_init_module_loader(JSRuntime *rt, const char *main_module);

/* prints an uncaught exception (the pending one is taken) to f in the
   weft format: the error's stack and a blank line */
void js_std_dump_error(JSContext *ctx, FILE *f);
/* prints the given exception value */
void js_std_dump_error1(JSContext *ctx, JSValueConst exception_val, FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* WEFT_RUNTIME_H */
