/*
 * globals.c — js_std_add_helpers: every global the weft command gives a
 * context (SYSTEM.md, "Globals"), each added by the file that implements
 * it: print and console (console.c), inspect (inspect.c), the timers
 * (timers.c), require (module_loader.c); scriptArgs here.
 */
#include "modules.h"
#include "weft_runtime.h"

/* the global scriptArgs: an array of the strings argv[0 .. argc) */
static int js_std_add_script_args(JSContext *ctx, int argc, char **argv)
{
    JSValue global, arr = JS_NewArray(ctx);
    int ret;
    if (JS_IsException(arr))
        return -1;
    for (int i = 0; i < argc; i++) {
        if (JS_DefinePropertyValueUint32(ctx, arr, i, JS_NewString(ctx, argv[i]),
                                         JS_PROP_C_W_E) < 0) {
            JS_FreeValue(ctx, arr);
            return -1;
        }
    }
    global = JS_GetGlobalObject(ctx);
    ret = JS_SetPropertyStr(ctx, global, "scriptArgs", arr);
    JS_FreeValue(ctx, global);
    return ret < 0 ? -1 : 0;
}

int js_std_add_helpers(JSContext *ctx, int argc, char **argv)
{
    if (js_std_add_console(ctx) < 0 || js_std_add_inspect(ctx) < 0 ||
        js_timers_add_globals(ctx) < 0 || js_std_add_require(ctx) < 0)
        return -1;
    /* as in the QuickJS family: a negative argc leaves scriptArgs out */
    if (argc >= 0 && js_std_add_script_args(ctx, argc, argv) < 0)
        return -1;
    return 0;
}
