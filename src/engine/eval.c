/*
 * eval.c — running source text: JS_Eval (scripts), eval() (PerformEval,
 * direct and indirect), the Function constructor (CreateDynamicFunction).
 */
#include <stdio.h>

#include "compile.h"
#include "atom.h"
#include "bytecode.h"
#include "error.h"
#include "function.h"
#include "object.h"
#include "str.h"

/* runs compiled top-level code as a function of its own */
static JSValue js_run_top_level(JSContext *ctx, JSValue bc, JSVarRef **var_refs, JSValue *slots,
                                JSValueConst this_obj)
{
    JSValue fn = js_closure(ctx, bc, var_refs, slots, JS_UNDEFINED), ret;
    JS_FreeValue(ctx, bc);
    if (JS_IsException(fn))
        return fn;
    ret = JS_CallInternal(ctx, fn, this_obj, JS_UNDEFINED, 0, NULL, 0);
    JS_FreeValue(ctx, fn);
    return ret;
}

JSValue JS_EvalThis(JSContext *ctx, JSValueConst this_obj, const char *input, size_t input_len,
                    const char *filename, int eval_flags)
{
    JSCompileOptions opts;
    JSValue bc;
    memset(&opts, 0, sizeof(opts));
    switch (eval_flags & JS_EVAL_TYPE_MASK) {
    case JS_EVAL_TYPE_MODULE:
        opts.kind = JS_COMPILE_MODULE;
        return JS_ThrowSyntaxError(ctx, "modules are not supported yet");
    case JS_EVAL_TYPE_INDIRECT:
        opts.kind = JS_COMPILE_EVAL;
        break;
    default:
        opts.kind = JS_COMPILE_SCRIPT;
        break;
    }
    opts.strict = (eval_flags & JS_EVAL_FLAG_STRICT) != 0;
    opts.filename = filename ? filename : "<input>";
    bc = js_compile(ctx, input, input_len, &opts);
    if (JS_IsException(bc) || (eval_flags & JS_EVAL_FLAG_COMPILE_ONLY))
        return bc;
    return js_run_top_level(ctx, bc, NULL, NULL, this_obj);
}

JSValue JS_Eval(JSContext *ctx, const char *input, size_t input_len, const char *filename,
                int eval_flags)
{
    return JS_EvalThis(ctx, ctx->global_obj, input, input_len, filename, eval_flags);
}

JSValue js_perform_eval(JSContext *ctx, JSValueConst x, JSFunctionBytecode *caller,
                        const JSEvalScope *scope, JSValue *caller_slots,
                        JSVarRef **caller_var_refs, JSValueConst this_obj,
                        JSValueConst new_target, JSValueConst func_obj)
{
    JSCompileOptions opts;
    JSValue bc;
    const char *src;
    size_t len;
    if (!JS_IsString(x))
        return JS_DupValue(ctx, x);
    src = JS_ToCStringLen(ctx, &len, x);
    if (!src)
        return JS_EXCEPTION;
    memset(&opts, 0, sizeof(opts));
    opts.kind = JS_COMPILE_EVAL;
    opts.filename = "<eval>";
    if (caller) {
        opts.strict = (caller->flags & JS_BC_STRICT) != 0;
        opts.caller = caller;
        opts.eval_scope = scope;
    }
    bc = js_compile(ctx, src, len, &opts);
    JS_FreeCString(ctx, src);
    if (JS_IsException(bc))
        return bc;
    if (caller)
        return js_run_top_level(ctx, bc, caller_var_refs, caller_slots, this_obj);
    return js_run_top_level(ctx, bc, NULL, NULL, ctx->global_obj);
}

/* the global eval(): an indirect eval */
static JSValue js_global_eval(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return js_perform_eval(ctx, argv[0], NULL, NULL, NULL, NULL, JS_UNDEFINED, JS_UNDEFINED,
                           JS_UNDEFINED);
}

int js_init_eval(JSContext *ctx)
{
    JSValue fn = js_new_cfunction3(ctx, js_global_eval, JS_ATOM_eval, 1, JS_CFUNC_generic, 0,
                                   JS_UNDEFINED);
    if (JS_IsException(fn))
        return -1;
    ctx->eval_obj = JS_DupValue(ctx, fn);
    return JS_DefinePropertyValue(ctx, ctx->global_obj, JS_ATOM_eval, fn,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}

/* ---------------------------------------------------------------------
 * CreateDynamicFunction
 * ------------------------------------------------------------------- */
/* a growable UTF-8 buffer for the synthesized source */
typedef struct SrcBuf {
    JSContext *ctx;
    char *buf;
    size_t len, size;
    bool failed;
} SrcBuf;

static void srcbuf_put(SrcBuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->size) {
        size_t size = (b->len + n + 1) * 2;
        char *p = js_realloc(b->ctx, b->buf, size);
        if (!p) {
            b->failed = true;
            return;
        }
        b->buf = p;
        b->size = size;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static void srcbuf_put_value(SrcBuf *b, JSValueConst v)
{
    size_t n;
    const char *s;
    if (b->failed)
        return;
    s = JS_ToCStringLen(b->ctx, &n, v);
    if (!s) {
        b->failed = true;
        return;
    }
    srcbuf_put(b, s, n);
    JS_FreeCString(b->ctx, s);
}

JSValue js_function_constructor_compile(JSContext *ctx, JSValueConst new_target, int argc,
                                        JSValueConst *argv, int kind)
{
    static const char *const prefix[4] = {
        "function", "function*", "async function", "async function*",
    };
    JSCompileOptions opts;
    SrcBuf sb = {ctx, NULL, 0, 0, false};
    JSValue bc, fn, proto;
    memset(&opts, 0, sizeof(opts));
    kind &= 3;
    srcbuf_put(&sb, prefix[kind], strlen(prefix[kind]));
    srcbuf_put(&sb, " anonymous(", 11);
    opts.params_start = sb.len;
    for (int i = 0; i < argc - 1; i++) {
        if (i > 0)
            srcbuf_put(&sb, ",", 1);
        srcbuf_put_value(&sb, argv[i]);
    }
    opts.params_end = sb.len;
    srcbuf_put(&sb, "\n) {", 4);
    opts.body_start = sb.len;
    srcbuf_put(&sb, "\n", 1);
    if (argc > 0)
        srcbuf_put_value(&sb, argv[argc - 1]);
    srcbuf_put(&sb, "\n", 1);
    opts.body_end = sb.len;
    srcbuf_put(&sb, "}", 1);
    if (sb.failed) {
        js_free(ctx, sb.buf);
        return JS_EXCEPTION;
    }
    opts.kind = JS_COMPILE_FUNCTION;
    opts.filename = "<anonymous>";
    opts.function_kind = kind;
    bc = js_compile(ctx, sb.buf, sb.len, &opts);
    js_free(ctx, sb.buf);
    if (JS_IsException(bc))
        return bc;
    fn = js_run_top_level(ctx, bc, NULL, NULL, ctx->global_obj);
    if (JS_IsException(fn) || JS_IsUndefined(new_target))
        return fn;
    proto = js_get_prototype_from_ctor(ctx, new_target, ctx->function_proto);
    if (JS_IsException(proto) || JS_SetPrototypeInternal(ctx, fn, proto, true) < 0) {
        JS_FreeValue(ctx, proto);
        JS_FreeValue(ctx, fn);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, proto);
    return fn;
}
