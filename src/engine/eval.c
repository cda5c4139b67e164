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
#include "module.h"
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
        break;
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
    if (opts.kind == JS_COMPILE_MODULE)
        return js_module_run(ctx, bc);
    return js_run_top_level(ctx, bc, NULL, NULL, this_obj);
}

JSValue JS_EvalFunction(JSContext *ctx, JSValue fun_obj)
{
    switch (JS_VALUE_GET_TAG(fun_obj)) {
    case JS_TAG_MODULE:
        return js_module_run(ctx, fun_obj);
    case JS_TAG_FUNCTION_BYTECODE:
        return js_run_top_level(ctx, fun_obj, NULL, NULL, ctx->global_obj);
    default:
        JS_FreeValue(ctx, fun_obj);
        return JS_ThrowTypeError(ctx, "not compiled code");
    }
}

JSValue JS_Eval(JSContext *ctx, const char *input, size_t input_len, const char *filename,
                int eval_flags)
{
    return JS_EvalThis(ctx, ctx->global_obj, input, input_len, filename, eval_flags);
}

/* GetActiveScriptOrModule: the script or module of the innermost
   bytecode function running (eval code and new Function inherit it) */
static JSAtom js_active_referrer(JSContext *ctx)
{
    for (JSStackFrame *sf = ctx->rt->current_stack_frame; sf; sf = sf->prev_frame) {
        JSObject *p = JS_IsObject(sf->cur_func) ? js_obj(sf->cur_func) : NULL;
        if (p && p->class_id == JS_CLASS_BYTECODE_FUNCTION)
            return p->u.func.function_bytecode->referrer;
    }
    return JS_ATOM_NULL;
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
    opts.wtf8 = true;
    opts.filename = "<eval>";
    opts.referrer = js_active_referrer(ctx);
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

/* the fallbackProto of CreateDynamicFunction for kind (0 normal, 1
   generator, 2 async, 3 async generator) in a realm */
static JSValueConst js_dynamic_function_proto(JSContext *realm, int kind)
{
    switch (kind) {
    case 1:
        return realm->generator_function_proto;
    case 2:
        return realm->async_function_proto;
    case 3:
        return realm->async_generator_function_proto;
    default:
        return realm->function_proto;
    }
}

/* GetPrototypeFromConstructor(newTarget, fallbackProto): the fallback
   comes from newTarget's realm, not the running one */
static JSValue js_dynamic_function_get_proto(JSContext *ctx, JSValueConst new_target, int kind)
{
    JSValue proto = JS_GetProperty(ctx, new_target, JS_ATOM_prototype);
    JSContext *realm;
    if (JS_IsException(proto) || JS_IsObject(proto))
        return proto;
    JS_FreeValue(ctx, proto);
    realm = js_get_function_realm(ctx, new_target);
    if (!realm)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, js_dynamic_function_proto(realm, kind));
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
    opts.wtf8 = true;
    opts.filename = "<anonymous>";
    opts.referrer = js_active_referrer(ctx);
    opts.function_kind = kind;
    bc = js_compile(ctx, sb.buf, sb.len, &opts);
    js_free(ctx, sb.buf);
    if (JS_IsException(bc))
        return bc;
    fn = js_run_top_level(ctx, bc, NULL, NULL, ctx->global_obj);
    if (JS_IsException(fn) || JS_IsUndefined(new_target))
        return fn;
    proto = js_dynamic_function_get_proto(ctx, new_target, kind);
    if (JS_IsException(proto) || JS_SetPrototypeInternal(ctx, fn, proto, true) < 0) {
        JS_FreeValue(ctx, proto);
        JS_FreeValue(ctx, fn);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, proto);
    return fn;
}

/* ---------------------------------------------------------------------
 * JS_DetectModule: does the text start a statement with `import` or
 * `export` (not import() or import.meta)? Comments, strings and template
 * literals are skipped; this is a heuristic for choosing the parse goal.
 * ------------------------------------------------------------------- */
static const char *js_detect_skip_space(const char *p, const char *end)
{
    while (p < end) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            p++;
        } else if (p + 1 < end && p[0] == '/' && p[1] == '/') {
            while (p < end && *p != '\n')
                p++;
        } else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
            p += 2;
            while (p + 1 < end && !(p[0] == '*' && p[1] == '/'))
                p++;
            p = p + 2 < end ? p + 2 : end;
        } else {
            break;
        }
    }
    return p;
}

static bool js_detect_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* `import`/`export` at p, used as a declaration */
static bool js_detect_keyword(const char *p, const char *end, bool at_statement)
{
    const char *q;
    bool is_import = end - p > 6 && !memcmp(p, "import", 6);
    if (!at_statement || (!is_import && !(end - p > 6 && !memcmp(p, "export", 6))))
        return false;
    if (js_detect_ident_char(p[6]))
        return false;
    q = js_detect_skip_space(p + 6, end);
    if (q >= end)
        return false;
    if (is_import)
        return *q != '(' && *q != '.';
    return true;
}

bool JS_DetectModule(const char *input, size_t input_len)
{
    const char *p = input, *end = input + input_len;
    bool at_statement = true;
    while ((p = js_detect_skip_space(p, end)) < end) {
        char c = *p;
        if (js_detect_keyword(p, end, at_statement))
            return true;
        if (c == '"' || c == '\'' || c == '`') {
            for (p++; p < end && *p != c; p++) {
                if (*p == '\\')
                    p++;
            }
            p++;
            at_statement = false;
        } else if (js_detect_ident_char(c)) {
            while (p < end && js_detect_ident_char(*p))
                p++;
            at_statement = false;
        } else {
            at_statement = c == ';' || c == '{' || c == '}';
            p++;
        }
    }
    return false;
}
