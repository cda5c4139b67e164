/*
 * error.c — exceptions: throwing, error objects, backtraces.
 *
 * The `stack` of an error is built when the error object is created, V8
 * style: "Name: message" followed by one "    at fn (file:line:col)" line
 * per frame of the current call stack. It is kept in the error's
 * [[ErrorData]] slot (u.object_data of a JS_CLASS_ERROR object), not in a
 * property: the Error.prototype.stack accessor (builtins/error.c) reads it.
 */
#include <stdio.h>

#include "error.h"
#include "atom.h"
#include "bytecode.h"
#include "conv.h"
#include "object.h"
#include "runtime.h"
#include "str.h"

#define JS_MAX_BACKTRACE_FRAMES 64

static const char *const js_native_error_names[JS_NATIVE_ERROR_COUNT + 1] = {
    "EvalError",   "RangeError", "ReferenceError", "SyntaxError", "TypeError",
    "URIError",    "InternalError", "AggregateError", "Error",
};

JSValue JS_Throw(JSContext *ctx, JSValue obj)
{
    JSRuntime *rt = ctx->rt;
    JS_FreeValue(ctx, rt->current_exception);
    rt->current_exception = obj;
    rt->current_exception_is_uncatchable = false;
    return JS_EXCEPTION;
}

JSValue JS_GetException(JSContext *ctx)
{
    JSValue v = ctx->rt->current_exception;
    ctx->rt->current_exception = JS_UNINITIALIZED;
    ctx->rt->current_exception_is_uncatchable = false;
    return JS_IsUninitialized(v) ? JS_NULL : v;
}

bool JS_HasException(JSContext *ctx) { return !JS_IsUninitialized(ctx->rt->current_exception); }

bool JS_IsUncatchableError(JSContext *ctx, JSValueConst val)
{
    return JS_IsObject(val) && js_obj(val)->is_uncatchable_error;
}

void JS_SetUncatchableError(JSContext *ctx, JSValueConst val)
{
    if (JS_IsObject(val))
        js_obj(val)->is_uncatchable_error = 1;
}

void JS_ResetUncatchableError(JSContext *ctx)
{
    if (JS_IsObject(ctx->rt->current_exception))
        js_obj(ctx->rt->current_exception)->is_uncatchable_error = 0;
    ctx->rt->current_exception_is_uncatchable = false;
}

bool JS_IsError(JSContext *ctx, JSValueConst val)
{
    return JS_IsObject(val) && js_obj(val)->class_id == JS_CLASS_ERROR;
}

/* ---------------------------------------------------------------------
 * Backtraces
 * ------------------------------------------------------------------- */
static void js_backtrace_frame(JSContext *ctx, StringBuffer *b, JSStackFrame *sf)
{
    JSObject *f = JS_IsObject(sf->cur_func) ? js_obj(sf->cur_func) : NULL;
    JSValue name = JS_UNDEFINED;
    const char *fname = NULL;
    int line = 0, col = 0;
    JSAtom filename = JS_ATOM_NULL;
    if (f) {
        JSPropertyDescriptor desc;
        /* read "name" without running user code: only a data property counts */
        if (JS_GetOwnPropertyInternal(ctx, &desc, f, JS_ATOM_name) == 1) {
            if (JS_IsString(desc.value))
                name = JS_DupValue(ctx, desc.value);
            js_free_desc(ctx, &desc);
        } else if (JS_HasException(ctx)) {
            JS_FreeValue(ctx, JS_GetException(ctx));
        }
        if (JS_IsString(name))
            fname = JS_ToCString(ctx, name);
    }
    string_buffer_puts8(b, "    at ");
    if (fname && fname[0])
        string_buffer_printf(b, "%s (", fname);
    if (f && f->class_id == JS_CLASS_BYTECODE_FUNCTION) {
        JSFunctionBytecode *bc = f->u.func.function_bytecode;
        filename = bc->filename;
        js_bytecode_get_pos(bc, sf->cur_pc, &line, &col);
        if (filename != JS_ATOM_NULL) {
            JSValue fn = JS_AtomToString(ctx, filename);
            string_buffer_concat_value(b, fn);
            JS_FreeValue(ctx, fn);
        } else {
            string_buffer_puts8(b, "<anonymous>");
        }
        string_buffer_printf(b, ":%d:%d", line, col);
    } else {
        string_buffer_puts8(b, "native");
    }
    if (fname && fname[0])
        string_buffer_putc8(b, ')');
    string_buffer_putc8(b, '\n');
    if (fname)
        JS_FreeCString(ctx, fname);
    JS_FreeValue(ctx, name);
}

JSValue js_build_backtrace(JSContext *ctx, int skip)
{
    StringBuffer b;
    JSStackFrame *sf;
    int n = 0;
    if (string_buffer_init(ctx, &b, 64))
        return JS_EXCEPTION;
    for (sf = ctx->rt->current_stack_frame; sf; sf = sf->prev_frame) {
        if (skip > 0) {
            skip--;
            continue;
        }
        if (n++ >= JS_MAX_BACKTRACE_FRAMES)
            break;
        js_backtrace_frame(ctx, &b, sf);
    }
    return string_buffer_end(&b);
}

/* "Name: message" from the error's properties as they are now */
static JSValue js_error_header(JSContext *ctx, JSValueConst error)
{
    JSValue name = JS_UNDEFINED, msg = JS_UNDEFINED, res;
    JSPropertyDescriptor desc;
    JSObject *p = js_obj(error);
    /* look at data properties only, so that building a stack never runs
       user code */
    for (JSObject *q = p; q; q = q->shape->proto) {
        int r = JS_GetOwnPropertyInternal(ctx, &desc, q, JS_ATOM_name);
        if (r == 1) {
            if (!(desc.flags & JS_PROP_GETSET))
                name = JS_DupValue(ctx, desc.value);
            js_free_desc(ctx, &desc);
            break;
        }
        if (r < 0 || q->is_exotic)
            break;
    }
    if (JS_GetOwnPropertyInternal(ctx, &desc, p, JS_ATOM_message) == 1) {
        if (!(desc.flags & JS_PROP_GETSET))
            msg = JS_DupValue(ctx, desc.value);
        js_free_desc(ctx, &desc);
    }
    if (JS_HasException(ctx))
        JS_FreeValue(ctx, JS_GetException(ctx));
    res = JS_IsString(name) ? JS_DupValue(ctx, name) : js_new_string8(ctx, "Error");
    if (JS_IsString(msg) && js_string_len(msg) > 0) {
        res = js_concat_cstring(ctx, res, ": ");
        if (!JS_IsException(res))
            res = JS_ConcatStrings(ctx, res, JS_DupValue(ctx, msg));
    }
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, msg);
    return res;
}

int js_error_set_stack(JSContext *ctx, JSValueConst error, int skip)
{
    JSValue header, trace, stack;
    header = js_error_header(ctx, error);
    if (JS_IsException(header))
        return -1;
    trace = js_build_backtrace(ctx, skip);
    if (JS_IsException(trace)) {
        JS_FreeValue(ctx, header);
        return -1;
    }
    /* JS_ConcatStrings frees trace also when the header failed */
    stack = JS_ConcatStrings(ctx, js_concat_cstring(ctx, header, "\n"), trace);
    if (JS_IsException(stack))
        return -1;
    /* drop the final newline */
    {
        JSString *p = js_get_flat_string(ctx, stack);
        if (p && p->len > 0 && string_get(p, p->len - 1) == '\n') {
            JSValue s = js_sub_string(ctx, p, 0, p->len - 1);
            JS_FreeValue(ctx, stack);
            if (JS_IsException(s))
                return -1;
            stack = s;
        }
    }
    js_error_store_stack(ctx, error, stack);
    return 0;
}

void js_error_store_stack(JSContext *ctx, JSValueConst error, JSValue stack)
{
    JSObject *p;
    JSValue old;
    if (!JS_IsError(ctx, error)) {
        JS_FreeValue(ctx, stack);
        return;
    }
    p = js_obj(error);
    old = p->u.object_data;
    p->u.object_data = stack;
    JS_FreeValue(ctx, old);
}

/* ---------------------------------------------------------------------
 * Error objects and throwing
 * ------------------------------------------------------------------- */
JSValue js_new_error(JSContext *ctx, int error_class, JSValueConst message)
{
    JSValueConst proto = error_class == JS_PLAIN_ERROR ? ctx->class_proto[JS_CLASS_ERROR]
                                                       : ctx->native_error_proto[error_class];
    JSValue obj = JS_NewObjectProtoClass(ctx, proto, JS_CLASS_ERROR);
    if (JS_IsException(obj))
        return obj;
    if (!JS_IsUndefined(message) &&
        JS_DefinePropertyValue(ctx, obj, JS_ATOM_message, JS_DupValue(ctx, message),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    if (js_error_set_stack(ctx, obj, 0) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

JSValue JS_NewError(JSContext *ctx) { return js_new_error(ctx, JS_PLAIN_ERROR, JS_UNDEFINED); }

JSValue js_throw_error_va(JSContext *ctx, int error_class, const char *fmt, va_list ap)
{
    char buf[256], *text = buf;
    JSValue msg, obj;
    JSRuntime *rt = ctx->rt;
    va_list ap2;
    int len;
    va_copy(ap2, ap);
    len = vsnprintf(buf, sizeof(buf), fmt, ap);
    if (rt->in_out_of_memory) {
        va_end(ap2);
        return JS_EXCEPTION;
    }
    /* long messages (paths in the runtime's errors) are not truncated */
    if (len >= (int)sizeof(buf) && (text = js_malloc_rt(rt, len + 1)) != NULL)
        vsnprintf(text, len + 1, fmt, ap2);
    else
        text = buf;
    va_end(ap2);
    msg = js_new_string_utf8(ctx, text, strlen(text));
    if (text != buf)
        js_free_rt(rt, text);
    if (JS_IsException(msg))
        return JS_EXCEPTION;
    obj = js_new_error(ctx, error_class, msg);
    JS_FreeValue(ctx, msg);
    if (JS_IsException(obj))
        return JS_EXCEPTION;
    return JS_Throw(ctx, obj);
}

JSValue js_throw_error(JSContext *ctx, int error_class, const char *fmt, ...)
{
    va_list ap;
    JSValue ret;
    va_start(ap, fmt);
    ret = js_throw_error_va(ctx, error_class, fmt, ap);
    va_end(ap);
    return ret;
}

#define JS_DEFINE_THROW(fn, cls)                               \
    JSValue fn(JSContext *ctx, const char *fmt, ...)           \
    {                                                          \
        va_list ap;                                            \
        JSValue ret;                                           \
        va_start(ap, fmt);                                     \
        ret = js_throw_error_va(ctx, cls, fmt, ap);            \
        va_end(ap);                                            \
        return ret;                                            \
    }

JS_DEFINE_THROW(JS_ThrowSyntaxError, JS_NATIVE_ERROR_SYNTAX)
JS_DEFINE_THROW(JS_ThrowTypeError, JS_NATIVE_ERROR_TYPE)
JS_DEFINE_THROW(JS_ThrowReferenceError, JS_NATIVE_ERROR_REFERENCE)
JS_DEFINE_THROW(JS_ThrowRangeError, JS_NATIVE_ERROR_RANGE)
JS_DEFINE_THROW(JS_ThrowInternalError, JS_NATIVE_ERROR_INTERNAL)
JS_DEFINE_THROW(JS_ThrowPlainError, JS_PLAIN_ERROR)

JSValue JS_ThrowOutOfMemory(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    if (!rt->in_out_of_memory) {
        /* building the error needs memory too: lift the limit meanwhile */
        size_t limit = rt->malloc_limit;
        rt->in_out_of_memory = true;
        rt->malloc_limit = 0;
        {
            JSValue msg = js_new_string8(ctx, "out of memory");
            JSValue obj = JS_IsException(msg)
                              ? JS_EXCEPTION
                              : js_new_error(ctx, JS_NATIVE_ERROR_INTERNAL, msg);
            JS_FreeValue(ctx, msg);
            rt->malloc_limit = limit;
            rt->in_out_of_memory = false;
            if (!JS_IsException(obj))
                JS_Throw(ctx, obj);
            else
                JS_Throw(ctx, JS_NULL);
        }
    }
    return JS_EXCEPTION;
}

static const char *js_atom_text(JSContext *ctx, char *buf, int size, JSAtom atom)
{
    return js_atom_get_cstr(ctx->rt, buf, size, atom);
}

JSValue js_throw_type_error_atom(JSContext *ctx, const char *fmt, JSAtom atom)
{
    char buf[64];
    return JS_ThrowTypeError(ctx, fmt, js_atom_text(ctx, buf, sizeof(buf), atom));
}

JSValue js_throw_syntax_error_atom(JSContext *ctx, const char *fmt, JSAtom atom)
{
    char buf[64];
    return JS_ThrowSyntaxError(ctx, fmt, js_atom_text(ctx, buf, sizeof(buf), atom));
}

JSValue js_throw_reference_error_not_defined(JSContext *ctx, JSAtom name)
{
    char buf[64];
    return JS_ThrowReferenceError(ctx, "%s is not defined",
                                  js_atom_text(ctx, buf, sizeof(buf), name));
}

JSValue js_throw_reference_error_tdz(JSContext *ctx, JSAtom name)
{
    char buf[64];
    return JS_ThrowReferenceError(ctx, "Cannot access '%s' before initialization",
                                  js_atom_text(ctx, buf, sizeof(buf), name));
}

JSValue js_throw_type_error_not_object(JSContext *ctx)
{
    return JS_ThrowTypeError(ctx, "not an object");
}

JSValue js_throw_type_error_not_function(JSContext *ctx)
{
    return JS_ThrowTypeError(ctx, "not a function");
}

bool js_is_strict_mode(JSContext *ctx)
{
    JSStackFrame *sf = ctx->rt->current_stack_frame;
    return sf && sf->is_strict;
}

int js_throw_type_error_or_false(JSContext *ctx, int flags, const char *fmt, JSAtom atom)
{
    if ((flags & JS_PROP_THROW) || ((flags & JS_PROP_THROW_STRICT) && js_is_strict_mode(ctx))) {
        if (strstr(fmt, "%s"))
            js_throw_type_error_atom(ctx, fmt, atom);
        else
            JS_ThrowTypeError(ctx, "%s", fmt);
        return -1;
    }
    return 0;
}

JSValue js_throw_interrupted(JSContext *ctx)
{
    JSValue ret = JS_ThrowInternalError(ctx, "interrupted");
    JS_SetUncatchableError(ctx, ctx->rt->current_exception);
    ctx->rt->current_exception_is_uncatchable = true;
    return ret;
}

const char *js_native_error_name(int error_class) { return js_native_error_names[error_class]; }
