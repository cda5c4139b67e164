/*
 * test_modules.c — the module API an embedder uses: a loader over
 * in-memory sources, a module written in C (JS_NewCModule and its
 * exports), JS_Eval of a module and its evaluation promise, link errors,
 * rejected top-level await, import.meta through the host hook, and
 * freeing everything (run under ASan by make test-asan).
 */
#include <stdio.h>
#include <string.h>

#include "weft.h"

static long passed, failed;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (cond) {                                                                       \
            passed++;                                                                     \
        } else {                                                                          \
            failed++;                                                                     \
            fprintf(stderr, "test_modules.c:%d: FAIL %s\n", __LINE__, #cond);             \
        }                                                                                 \
    } while (0)

/* the virtual files the loader serves */
static const struct {
    const char *name, *source;
} test_files[] = {
    {"lib.js", "import { twice } from 'native';\n"
               "export const four = twice(2);\n"
               "export let ticks = 0;\n"
               "await null; ticks++;\n"},
    {"broken.js", "import { nothing } from 'native';\n"},
    {"rejects.js", "await Promise.resolve();\nthrow new TypeError('late');\n"},
    {"meta.js", "export const where = import.meta.where;\n"},
};

static JSValue native_twice(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int32_t v;
    if (JS_ToInt32(ctx, &v, argv[0]))
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, v * 2);
}

static const JSCFunctionListEntry native_funcs[] = {
    JS_CFUNC_DEF("twice", 1, native_twice),
};

static int native_init(JSContext *ctx, JSModuleDef *m)
{
    if (JS_SetModuleExportList(ctx, m, native_funcs, 1) < 0)
        return -1;
    return JS_SetModuleExport(ctx, m, "version", JS_NewInt32(ctx, 3));
}

static JSModuleDef *test_loader(JSContext *ctx, const char *name, void *opaque)
{
    int *loads = opaque;
    (*loads)++;
    if (!strcmp(name, "native")) {
        JSModuleDef *m = JS_NewCModule(ctx, name, native_init);
        if (!m || JS_AddModuleExportList(ctx, m, native_funcs, 1) < 0 ||
            JS_AddModuleExport(ctx, m, "version") < 0)
            return NULL;
        return m;
    }
    for (size_t i = 0; i < sizeof(test_files) / sizeof(test_files[0]); i++) {
        if (!strcmp(name, test_files[i].name)) {
            const char *src = test_files[i].source;
            JSValue v = JS_Eval(ctx, src, strlen(src), name,
                                JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
            if (JS_IsException(v))
                return NULL;
            JS_FreeValue(ctx, v);
            return JS_VALUE_GET_PTR(v);
        }
    }
    JS_ThrowReferenceError(ctx, "no module '%s'", name);
    return NULL;
}

static int test_meta(JSContext *ctx, JSModuleDef *m, JSValueConst meta, void *opaque)
{
    JSAtom name = JS_GetModuleName(ctx, m);
    JSValue str = JS_AtomToString(ctx, name);
    JS_FreeAtom(ctx, name);
    return JS_SetPropertyStr(ctx, meta, "where", str);
}

/* evaluates a module, runs the jobs, returns the promise's final state */
static JSPromiseStateEnum run_module(JSContext *ctx, const char *src, JSValue *presult)
{
    JSValue p = JS_Eval(ctx, src, strlen(src), "main.js", JS_EVAL_TYPE_MODULE);
    JSContext *job_ctx;
    JSPromiseStateEnum st;
    if (JS_IsException(p)) {
        *presult = JS_GetException(ctx);
        return (JSPromiseStateEnum)-1;
    }
    while (JS_ExecutePendingJob(JS_GetRuntime(ctx), &job_ctx) > 0)
        ;
    st = JS_PromiseState(ctx, p);
    *presult = JS_PromiseResult(ctx, p);
    JS_FreeValue(ctx, p);
    return st;
}

static int32_t global_int(JSContext *ctx, const char *name)
{
    JSValue g = JS_GetGlobalObject(ctx), v = JS_GetPropertyStr(ctx, g, name);
    int32_t r = -1;
    JS_ToInt32(ctx, &r, v);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, g);
    return r;
}

static bool is_error(JSContext *ctx, JSValueConst v, const char *name)
{
    JSValue n = JS_GetPropertyStr(ctx, v, "name");
    const char *s = JS_ToCString(ctx, n);
    bool ok = s && !strcmp(s, name);
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, n);
    return ok;
}

int main(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue res;
    int loads = 0;
    JS_SetModuleLoaderFunc(rt, NULL, test_loader, &loads);
    JS_SetImportMetaFunc(rt, test_meta, NULL);

    /* a graph with a C module and top-level await */
    CHECK(run_module(ctx,
                     "import { four, ticks } from 'lib.js';\n"
                     "import * as native from 'native';\n"
                     "globalThis.r1 = four + native.version * 10 + ticks * 100;\n",
                     &res) == JS_PROMISE_FULFILLED);
    JS_FreeValue(ctx, res);
    CHECK(global_int(ctx, "r1") == 134);
    CHECK(loads == 2);

    /* a missing export is a SyntaxError when linking */
    CHECK(run_module(ctx, "import 'broken.js';", &res) == (JSPromiseStateEnum)-1);
    CHECK(is_error(ctx, res, "SyntaxError"));
    JS_FreeValue(ctx, res);

    /* a rejection after an await rejects the importer's promise */
    CHECK(run_module(ctx, "import 'rejects.js';", &res) == JS_PROMISE_REJECTED);
    CHECK(is_error(ctx, res, "TypeError"));
    JS_FreeValue(ctx, res);

    /* import.meta is filled by the host hook */
    CHECK(run_module(ctx,
                     "import { where } from 'meta.js';\n"
                     "globalThis.r2 = where === 'meta.js' ? 1 : 0;\n",
                     &res) == JS_PROMISE_FULFILLED);
    JS_FreeValue(ctx, res);
    CHECK(global_int(ctx, "r2") == 1);

    /* a module that is loaded is not loaded again */
    loads = 0;
    CHECK(run_module(ctx, "import 'lib.js'; import 'native';", &res) == JS_PROMISE_FULFILLED);
    JS_FreeValue(ctx, res);
    CHECK(loads == 0);

    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    printf("test_modules: %ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
