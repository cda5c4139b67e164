/*
 * test_quickjs_api.c — embedding code in the style of a QuickJS program,
 * compiled against include/quickjs.h only: a class with a finalizer and a
 * prototype of C methods, C functions with magic, a module written in C,
 * exceptions going both ways, jobs and the interrupt handler. If this file
 * needs an edit to compile, a QuickJS embedder's code would too.
 *
 * Prints "N passed, M failed"; exits non-zero on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"

static int passed, failed;

static void check(bool ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

/* ---- a Counter class: opaque C state, finalizer, methods, accessor ---- */

typedef struct Counter {
    int value;
    int *finalized; /* incremented by the finalizer */
} Counter;

static JSClassID counter_class_id;
static int counters_finalized;

static void counter_finalizer(JSRuntime *rt, JSValue val)
{
    Counter *c = JS_GetOpaque(val, counter_class_id);
    if (c) {
        (*c->finalized)++;
        js_free_rt(rt, c);
    }
}

static JSClassDef counter_class = {
    .class_name = "Counter",
    .finalizer = counter_finalizer,
};

static JSValue counter_ctor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    JSValue proto, obj;
    Counter *c;
    int32_t start = 0;
    if (argc > 0 && JS_ToInt32(ctx, &start, argv[0]) < 0)
        return JS_EXCEPTION;
    proto = JS_GetPropertyStr(ctx, new_target, "prototype");
    if (JS_IsException(proto))
        return JS_EXCEPTION;
    obj = JS_NewObjectProtoClass(ctx, proto, counter_class_id);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj))
        return obj;
    c = js_malloc(ctx, sizeof(*c));
    if (!c) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    c->value = start;
    c->finalized = &counters_finalized;
    JS_SetOpaque(obj, c);
    return obj;
}

/* add(n) with magic = sign: add and sub share one C function */
static JSValue counter_add(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                           int magic)
{
    Counter *c = JS_GetOpaque2(ctx, this_val, counter_class_id);
    int32_t n = 1;
    if (!c)
        return JS_EXCEPTION;
    if (argc > 0 && JS_ToInt32(ctx, &n, argv[0]) < 0)
        return JS_EXCEPTION;
    c->value += magic * n;
    return JS_NewInt32(ctx, c->value);
}

static JSValue counter_get_value(JSContext *ctx, JSValueConst this_val)
{
    Counter *c = JS_GetOpaque2(ctx, this_val, counter_class_id);
    if (!c)
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, c->value);
}

static const JSCFunctionListEntry counter_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("add", 1, counter_add, 1),
    JS_CFUNC_MAGIC_DEF("sub", 1, counter_add, -1),
    JS_CGETSET_DEF("value", counter_get_value, NULL),
};

static int counter_define(JSContext *ctx, JSValueConst target)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSValue proto, ctor;
    if (!counter_class_id)
        JS_NewClassID(rt, &counter_class_id);
    if (JS_NewClass(rt, counter_class_id, &counter_class) < 0)
        return -1;
    proto = JS_NewObject(ctx);
    JS_SetPropertyFunctionList(ctx, proto, counter_proto_funcs,
                               sizeof(counter_proto_funcs) / sizeof(counter_proto_funcs[0]));
    ctor = JS_NewCFunction2(ctx, counter_ctor, "Counter", 1, JS_CFUNC_constructor, 0);
    JS_SetConstructor(ctx, ctor, proto);
    JS_SetClassProto(ctx, counter_class_id, proto);
    return JS_SetPropertyStr(ctx, target, "Counter", ctor);
}

/* ---- a C module ---- */

static JSValue math_twice(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double d;
    if (JS_ToFloat64(ctx, &d, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewFloat64(ctx, d * 2);
}

static JSValue math_fail(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_ThrowRangeError(ctx, "fail called with %d argument(s)", argc);
}

static const JSCFunctionListEntry cmath_funcs[] = {
    JS_CFUNC_DEF("twice", 1, math_twice),
    JS_CFUNC_DEF("fail", 0, math_fail),
    JS_PROP_INT32_DEF("answer", 42, JS_PROP_ENUMERABLE),
};

static int cmath_init(JSContext *ctx, JSModuleDef *m)
{
    return JS_SetModuleExportList(ctx, m, cmath_funcs,
                                  sizeof(cmath_funcs) / sizeof(cmath_funcs[0]));
}

static JSModuleDef *loader(JSContext *ctx, const char *name, void *opaque)
{
    JSModuleDef *m;
    if (strcmp(name, "cmath") != 0) {
        JS_ThrowReferenceError(ctx, "no module '%s'", name);
        return NULL;
    }
    m = JS_NewCModule(ctx, name, cmath_init);
    if (m)
        JS_AddModuleExportList(ctx, m, cmath_funcs, sizeof(cmath_funcs) / sizeof(cmath_funcs[0]));
    return m;
}

/* ---- helpers ---- */

static int interrupts;

static int interrupt_handler(JSRuntime *rt, void *opaque)
{
    return ++interrupts > 100;
}

/* evaluates code and compares the result's string form with expect */
static void check_eval(JSContext *ctx, const char *code, const char *expect)
{
    JSValue v = JS_Eval(ctx, code, strlen(code), "<test>", JS_EVAL_TYPE_GLOBAL);
    const char *s;
    if (JS_IsException(v))
        v = JS_GetException(ctx);
    s = JS_ToCString(ctx, v);
    check(s && !strcmp(s, expect), code);
    if (s && strcmp(s, expect))
        printf("  got '%s', expected '%s'\n", s, expect);
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, v);
}

static void run_jobs(JSRuntime *rt)
{
    JSContext *job_ctx;
    while (JS_ExecutePendingJob(rt, &job_ctx) > 0)
        ;
}

int main(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue global = JS_GetGlobalObject(ctx), v;
    int32_t n;

    check(counter_define(ctx, global) >= 0, "define the Counter class");
    check_eval(ctx, "var c = new Counter(5); c.add(3); c.sub(); c.value", "7");
    check_eval(ctx, "c instanceof Counter && Object.getPrototypeOf(c) === Counter.prototype",
               "true");
    check_eval(ctx, "try { Counter.prototype.add.call({}) } catch (e) { e.constructor.name }",
               "TypeError");
    check_eval(ctx, "c = null; 0", "0");
    JS_RunGC(rt);
    check(counters_finalized == 1, "the finalizer ran once the object died");

    /* C → JS calls and exceptions */
    v = JS_Eval(ctx, "(function (a, b) { return a * b })", 31, "<f>", JS_EVAL_TYPE_GLOBAL);
    {
        JSValue args[2] = {JS_NewInt32(ctx, 6), JS_NewInt32(ctx, 7)};
        JSValue r = JS_Call(ctx, v, JS_UNDEFINED, 2, args);
        check(JS_ToInt32(ctx, &n, r) == 0 && n == 42, "JS_Call of a JS function");
        JS_FreeValue(ctx, r);
    }
    JS_FreeValue(ctx, v);
    v = JS_Eval(ctx, "throw new SyntaxError('bad')", 28, "<t>", JS_EVAL_TYPE_GLOBAL);
    check(JS_IsException(v), "a throw is JS_EXCEPTION");
    v = JS_GetException(ctx);
    check(JS_IsError(ctx, v), "the exception is an Error");
    JS_FreeValue(ctx, v);

    /* a module written in C, imported by a JS module */
    JS_SetModuleLoaderFunc(rt, NULL, loader, NULL);
    v = JS_Eval(ctx,
                "import { twice, fail, answer } from 'cmath';\n"
                "let msg; try { fail(1, 2) } catch (e) { msg = e.message }\n"
                "globalThis.modResult = twice(answer) + ' ' + msg;\n",
                strlen("import { twice, fail, answer } from 'cmath';\n"
                       "let msg; try { fail(1, 2) } catch (e) { msg = e.message }\n"
                       "globalThis.modResult = twice(answer) + ' ' + msg;\n"),
                "main.mjs", JS_EVAL_TYPE_MODULE);
    check(!JS_IsException(v), "the module evaluates");
    JS_FreeValue(ctx, v);
    run_jobs(rt);
    check_eval(ctx, "modResult", "84 fail called with 2 argument(s)");

    /* promise jobs run when the host asks */
    check_eval(ctx, "var order = []; Promise.resolve().then(() => order.push('job')); "
                    "order.push('sync'); order.join()",
               "sync");
    run_jobs(rt);
    check_eval(ctx, "order.join()", "sync,job");

    /* an interrupt handler stops a runaway loop with a catchable error */
    JS_SetInterruptHandler(rt, interrupt_handler, NULL);
    v = JS_Eval(ctx, "for (;;) {}", 11, "<loop>", JS_EVAL_TYPE_GLOBAL);
    check(JS_IsException(v), "the interrupted loop throws");
    JS_FreeValue(ctx, JS_GetException(ctx));
    JS_SetInterruptHandler(rt, NULL, NULL);

    JS_FreeValue(ctx, global);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
