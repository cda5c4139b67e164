/*
 * embed.c — a complete program embedding Weft (docs/EMBEDDING.md).
 *
 * It creates a runtime with its event loop, a context with the globals it
 * chooses (console and the timers, plus one native function), and a
 * restricted context factory for workers (console only: no timers). It
 * then runs an ES module that uses a timer, a promise and a worker, and
 * returns the program's exit status.
 *
 * Build (what `make test` does):
 *   cc -Iinclude -o embed examples/embed.c build/libweftrt.a build/libweft.a -lm -lpthread
 */
#include <stdio.h>
#include <string.h>

#include "weft.h"
#include "weft_runtime.h"

/* the script: a module, so that it can import os.Worker */
static const char embed_source[] =
    "import { Worker } from 'quickjs:os';\n"
    "\n"
    "console.log('host says', hostGreeting('embedder'));\n"
    "setTimeout(() => console.log('timer fired'), 10);\n"
    "await new Promise((resolve) => setTimeout(resolve, 20));\n"
    "console.log('awaited a timer');\n"
    "\n"
    "const worker = new Worker('./embedded-worker.js', {\n"
    "    overrideCode: `\n"
    "        import { Worker } from 'quickjs:os';\n"
    "        Worker.parent.postMessage({ timers: typeof setTimeout,\n"
    "                                    console: typeof console });\n"
    "    `,\n"
    "});\n"
    "worker.onmessage = (ev) => {\n"
    "    console.log('worker sees setTimeout:', ev.data.timers,\n"
    "                'and console:', ev.data.console);\n"
    "    worker.onmessage = null;\n"
    "};\n";

/* a native function the script can call */
static JSValue embed_host_greeting(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    const char *who = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    char buf[128];
    if (!who)
        return JS_EXCEPTION;
    snprintf(buf, sizeof(buf), "hello, %s", who);
    JS_FreeCString(ctx, who);
    return JS_NewString(ctx, buf);
}

/* the contexts of workers: runs on each worker's own thread, with the
   worker's runtime (its loop and module loader are already set up) */
static JSContext *embed_new_worker_context(JSRuntime *rt)
{
    JSContext *ctx = JS_NewContext(rt);
    if (ctx && js_std_add_console(ctx) < 0) {
        JS_FreeContext(ctx);
        return NULL;
    }
    return ctx;
}

static JSContext *embed_new_context(JSRuntime *rt)
{
    JSContext *ctx = JS_NewContext(rt);
    JSValue global;
    int ret;
    if (!ctx)
        return NULL;
    global = JS_GetGlobalObject(ctx);
    ret = JS_SetPropertyStr(ctx, global, "hostGreeting",
                            JS_NewCFunction(ctx, embed_host_greeting, "hostGreeting", 1));
    JS_FreeValue(ctx, global);
    if (ret < 0 || js_std_add_console(ctx) < 0 || js_timers_add_globals(ctx) < 0) {
        JS_FreeContext(ctx);
        return NULL;
    }
    return ctx;
}

int main(void)
{
    JSRuntime *rt;
    JSContext *ctx;
    JSValue promise;
    int status = 1;

    /* process-wide: every worker started from now on gets this context */
    js_os_set_worker_new_context_func(embed_new_worker_context);

    rt = JS_NewRuntime();
    if (!rt)
        return 1;
    /* the loop first: it installs the SharedArrayBuffer hooks and the
       rejection tracker the contexts rely on */
    if (js_eventloop_init(rt) < 0) {
        JS_FreeRuntime(rt);
        return 1;
    }
    js_std_init_module_loader(rt, NULL);
    ctx = embed_new_context(rt);
    if (!ctx)
        goto done;

    /* a module evaluates to a promise: it settles in the loop (top-level
       await), and a rejection is reported as an uncaught error */
    promise = JS_Eval(ctx, embed_source, strlen(embed_source), "embed.js", JS_EVAL_TYPE_MODULE);
    if (JS_IsException(promise)) {
        js_std_dump_error(ctx, stderr);
    } else if (js_eventloop_track_module(ctx, promise) < 0) {
        js_std_dump_error(ctx, stderr);
        JS_FreeValue(ctx, promise);
    } else {
        JS_FreeValue(ctx, promise);
        /* until no timer, handler, job or worker is left */
        js_eventloop_run(ctx);
        status = js_std_get_exit_code(rt);
    }
    JS_FreeContext(ctx);
done:
    js_eventloop_free(rt);
    JS_FreeRuntime(rt);
    return status;
}
