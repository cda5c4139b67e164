/*
 * console.c — print, console.log/info/warn/error and the compact value
 * formatter they share, plus the printing of uncaught errors.
 *
 * The compact form: strings as they are at the top level and double-quoted
 * inside containers; `{ a: 1 }`, `[ 1, 2 ]`, `Point { x: 1 }`, `[]`, `{}`;
 * errors as their stack; cycles as [Circular]. Like all of the runtime
 * layer it only uses the public API (weft.h).
 */
#include <ctype.h>
#include <string.h>

#include "fmtbuf.h"
#include "weft_runtime.h"

#define FMT_MAX_DEPTH 4
#define FMT_MAX_ITEMS 100

typedef struct Fmt {
    JSContext *ctx;
    JSFmtBuf b;
    JSValue seen[FMT_MAX_DEPTH + 2];
    int nseen;
} Fmt;

static int fmt_is_empty(Fmt *f, JSValueConst str)
{
    size_t n = 1;
    const char *s = JS_ToCStringLen(f->ctx, &n, str);
    if (!s)
        JS_FreeValue(f->ctx, JS_GetException(f->ctx));
    JS_FreeCString(f->ctx, s);
    return n == 0;
}

static JSValue fmt_get(Fmt *f, JSValueConst obj, const char *name)
{
    JSValue v = JS_GetPropertyStr(f->ctx, obj, name);
    if (JS_IsException(v)) {
        JS_FreeValue(f->ctx, JS_GetException(f->ctx));
        return JS_UNDEFINED;
    }
    return v;
}

static void fmt_value(Fmt *f, JSValueConst v, int depth, int top);

/* the constructor name for class instances ("" for plain objects) */
static void fmt_prefix(Fmt *f, JSValueConst obj, int is_array)
{
    JSValue proto = JS_GetPrototype(f->ctx, obj), ctor, name;
    const char *s;
    if (JS_IsException(proto)) {
        JS_FreeValue(f->ctx, JS_GetException(f->ctx));
        return;
    }
    if (JS_IsNull(proto)) {
        js_fmt_puts(&f->b, "[Object: null prototype] ");
        return;
    }
    ctor = fmt_get(f, proto, "constructor");
    JS_FreeValue(f->ctx, proto);
    name = JS_IsFunction(f->ctx, ctor) ? fmt_get(f, ctor, "name") : JS_UNDEFINED;
    JS_FreeValue(f->ctx, ctor);
    s = JS_IsString(name) ? JS_ToCString(f->ctx, name) : NULL;
    if (s && *s && strcmp(s, is_array ? "Array" : "Object") != 0) {
        js_fmt_puts(&f->b, s);
        js_fmt_puts(&f->b, " ");
    }
    if (s)
        JS_FreeCString(f->ctx, s);
    JS_FreeValue(f->ctx, name);
}

/* an array index key: the property enumeration gives integer atoms with
   their value in the low bits */
static int fmt_array_index(JSAtom atom, uint32_t *pidx)
{
    if (!(atom & (1u << 31)))
        return 0;
    *pidx = atom & ~(1u << 31);
    return 1;
}

static uint32_t fmt_array_length(Fmt *f, JSValueConst arr)
{
    JSValue v = fmt_get(f, arr, "length");
    uint32_t len = 0;
    if (JS_ToUint32(f->ctx, &len, v) < 0)
        JS_FreeValue(f->ctx, JS_GetException(f->ctx));
    JS_FreeValue(f->ctx, v);
    return len;
}

/* the holes of a sparse array, as node writes them */
static void fmt_holes(Fmt *f, uint32_t n, uint32_t *pshown)
{
    char buf[48];
    snprintf(buf, sizeof(buf), "<%u empty item%s>", n, n == 1 ? "" : "s");
    js_fmt_puts(&f->b, *pshown ? ", " : " ");
    js_fmt_puts(&f->b, buf);
    (*pshown)++;
}

static void fmt_object(Fmt *f, JSValueConst obj, int depth)
{
    JSPropertyEnum *tab;
    uint32_t len, shown = 0, next = 0, length;
    int is_array = JS_IsArray(f->ctx, obj);
    if (JS_GetOwnPropertyNames(f->ctx, &tab, &len, obj,
                               JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK | JS_GPN_ENUM_ONLY) < 0) {
        JS_FreeValue(f->ctx, JS_GetException(f->ctx));
        js_fmt_puts(&f->b, "{}");
        return;
    }
    length = is_array ? fmt_array_length(f, obj) : 0;
    fmt_prefix(f, obj, is_array);
    js_fmt_puts(&f->b, is_array ? "[" : "{");
    /* index keys come first, ascending: a gap before one is a hole, and
       holes at the end come before the first named key */
    for (uint32_t i = 0; i < len; i++) {
        JSValue v;
        uint32_t idx = 0;
        int is_index = is_array && fmt_array_index(tab[i].atom, &idx);
        if (shown >= FMT_MAX_ITEMS) {
            char more[48];
            snprintf(more, sizeof(more), ", ... %u more items", len - shown);
            js_fmt_puts(&f->b, more);
            break;
        }
        if (is_array && (is_index ? idx : length) > next) {
            fmt_holes(f, (is_index ? idx : length) - next, &shown);
            next = is_index ? idx : length;
        }
        js_fmt_puts(&f->b, shown ? ", " : " ");
        if (is_index) {
            next = idx + 1;
        } else {
            js_fmt_key(&f->b, tab[i].atom);
            js_fmt_puts(&f->b, ": ");
        }
        v = JS_GetProperty(f->ctx, obj, tab[i].atom);
        if (JS_IsException(v)) {
            JS_FreeValue(f->ctx, JS_GetException(f->ctx));
            v = JS_UNDEFINED;
        }
        fmt_value(f, v, depth + 1, 0);
        JS_FreeValue(f->ctx, v);
        shown++;
    }
    if (is_array && length > next && shown < FMT_MAX_ITEMS)
        fmt_holes(f, length - next, &shown);
    js_fmt_puts(&f->b, shown ? (is_array ? " ]" : " }") : (is_array ? "]" : "}"));
    JS_FreePropertyEnum(f->ctx, tab, len);
}

/* global.<a>.<b>, or undefined */
static JSValue fmt_global_get(Fmt *f, const char *a, const char *b)
{
    JSValue global = JS_GetGlobalObject(f->ctx), o = fmt_get(f, global, a), v;
    JS_FreeValue(f->ctx, global);
    v = JS_IsObject(o) ? fmt_get(f, o, b) : JS_UNDEFINED;
    JS_FreeValue(f->ctx, o);
    return v;
}

/* a class constructor: its source text (Function.prototype.toString)
   starts with the keyword, as node decides too */
static int fmt_is_class(Fmt *f, JSValueConst fn)
{
    JSValue proto = fmt_global_get(f, "Function", "prototype"), m, src;
    const char *s;
    int ret;
    m = JS_IsObject(proto) ? fmt_get(f, proto, "toString") : JS_UNDEFINED;
    JS_FreeValue(f->ctx, proto);
    src = JS_Call(f->ctx, m, fn, 0, NULL);
    JS_FreeValue(f->ctx, m);
    if (JS_IsException(src)) {
        JS_FreeValue(f->ctx, JS_GetException(f->ctx));
        return 0;
    }
    s = JS_ToCString(f->ctx, src);
    JS_FreeValue(f->ctx, src);
    ret = s && strncmp(s, "class", 5) == 0 && (s[5] == '{' || isspace((unsigned char)s[5]));
    JS_FreeCString(f->ctx, s);
    return ret;
}

/* "Function", or the kind the function's @@toStringTag names */
static const char *fmt_function_kind(Fmt *f, JSValueConst fn)
{
    static const char *const kinds[] = {"AsyncFunction", "GeneratorFunction",
                                        "AsyncGeneratorFunction"};
    JSValue sym = fmt_global_get(f, "Symbol", "toStringTag"), tag = JS_UNDEFINED;
    JSAtom atom = JS_IsSymbol(sym) ? JS_ValueToAtom(f->ctx, sym) : JS_ATOM_NULL;
    const char *s, *kind = NULL;
    JS_FreeValue(f->ctx, sym);
    if (atom != JS_ATOM_NULL) {
        tag = JS_GetProperty(f->ctx, fn, atom);
        JS_FreeAtom(f->ctx, atom);
    }
    if (JS_IsException(tag)) {
        JS_FreeValue(f->ctx, JS_GetException(f->ctx));
        tag = JS_UNDEFINED;
    }
    s = JS_IsString(tag) ? JS_ToCString(f->ctx, tag) : NULL;
    for (size_t i = 0; s && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strcmp(s, kinds[i]) == 0)
            kind = kinds[i];
    }
    JS_FreeCString(f->ctx, s);
    JS_FreeValue(f->ctx, tag);
    return kind ? kind : "Function";
}

/* [Function: f], [Function (anonymous)], [class A], [AsyncFunction: g]... */
static void fmt_function(Fmt *f, JSValueConst fn)
{
    JSValue name = fmt_get(f, fn, "name");
    const char *s = JS_IsString(name) ? JS_ToCString(f->ctx, name) : NULL;
    js_fmt_puts(&f->b, "[");
    if (fmt_is_class(f, fn)) {
        js_fmt_puts(&f->b, "class");
        js_fmt_puts(&f->b, s && *s ? " " : " (anonymous)");
    } else {
        js_fmt_puts(&f->b, fmt_function_kind(f, fn));
        js_fmt_puts(&f->b, s && *s ? ": " : " (anonymous)");
    }
    if (s && *s)
        js_fmt_puts(&f->b, s);
    js_fmt_puts(&f->b, "]");
    JS_FreeCString(f->ctx, s);
    JS_FreeValue(f->ctx, name);
}

static void fmt_value(Fmt *f, JSValueConst v, int depth, int top)
{
    if (!JS_IsObject(v)) {
        js_fmt_primitive(&f->b, v, !top);
        return;
    }
    for (int i = 0; i < f->nseen; i++) {
        if (JS_VALUE_GET_PTR(f->seen[i]) == JS_VALUE_GET_PTR(v)) {
            js_fmt_puts(&f->b, "[Circular]");
            return;
        }
    }
    if (JS_IsError(f->ctx, v)) {
        JSValue stack = fmt_get(f, v, "stack");
        if (JS_IsString(stack) && top) {
            js_fmt_to_string(&f->b, stack);
        } else {
            JSValue name = fmt_get(f, v, "name"), msg = fmt_get(f, v, "message");
            js_fmt_puts(&f->b, "[");
            js_fmt_to_string(&f->b, name);
            /* new Error() inherits an empty message: [Error], as node */
            if (!JS_IsUndefined(msg) && !(JS_IsString(msg) && fmt_is_empty(f, msg))) {
                js_fmt_puts(&f->b, ": ");
                js_fmt_to_string(&f->b, msg);
            }
            js_fmt_puts(&f->b, "]");
            JS_FreeValue(f->ctx, name);
            JS_FreeValue(f->ctx, msg);
        }
        JS_FreeValue(f->ctx, stack);
        return;
    }
    if (JS_IsFunction(f->ctx, v)) {
        fmt_function(f, v);
        return;
    }
    if (depth >= FMT_MAX_DEPTH) {
        js_fmt_puts(&f->b, JS_IsArray(f->ctx, v) ? "[Array]" : "[Object]");
        return;
    }
    f->seen[f->nseen++] = v;
    fmt_object(f, v, depth);
    f->nseen--;
}

JSValue js_std_format_value(JSContext *ctx, JSValueConst val)
{
    Fmt f;
    memset(&f, 0, sizeof(f));
    f.ctx = ctx;
    js_fmt_init(&f.b, ctx);
    fmt_value(&f, val, 0, 1);
    return js_fmt_end(&f.b);
}

/* ---------------------------------------------------------------------
 * print / console
 * ------------------------------------------------------------------- */
static JSValue js_print_to(JSContext *ctx, FILE *out, int argc, JSValueConst *argv)
{
    for (int i = 0; i < argc; i++) {
        JSValue s = js_std_format_value(ctx, argv[i]);
        size_t n;
        const char *str;
        if (JS_IsException(s))
            return s;
        str = JS_ToCStringLen(ctx, &n, s);
        JS_FreeValue(ctx, s);
        if (!str)
            return JS_EXCEPTION;
        if (i > 0)
            fputc(' ', out);
        fwrite(str, 1, n, out);
        JS_FreeCString(ctx, str);
    }
    fputc('\n', out);
    fflush(out);
    return JS_UNDEFINED;
}

static JSValue js_print(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return js_print_to(ctx, stdout, argc, argv);
}

static JSValue js_print_err(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return js_print_to(ctx, stderr, argc, argv);
}

int js_std_add_console(JSContext *ctx)
{
    JSValue global = JS_GetGlobalObject(ctx), console;
    int ret = -1;
    console = JS_NewObject(ctx);
    if (JS_IsException(console))
        goto done;
    if (JS_SetPropertyStr(ctx, console, "log", JS_NewCFunction(ctx, js_print, "log", 1)) < 0 ||
        JS_SetPropertyStr(ctx, console, "info", JS_NewCFunction(ctx, js_print, "info", 1)) < 0 ||
        JS_SetPropertyStr(ctx, console, "warn", JS_NewCFunction(ctx, js_print_err, "warn", 1)) <
            0 ||
        JS_SetPropertyStr(ctx, console, "error",
                          JS_NewCFunction(ctx, js_print_err, "error", 1)) < 0) {
        JS_FreeValue(ctx, console);
        goto done;
    }
    if (JS_SetPropertyStr(ctx, global, "console", console) < 0 ||
        JS_SetPropertyStr(ctx, global, "print", JS_NewCFunction(ctx, js_print, "print", 1)) < 0)
        goto done;
    ret = 0;
done:
    JS_FreeValue(ctx, global);
    return ret;
}

/* ---------------------------------------------------------------------
 * Uncaught errors
 * ------------------------------------------------------------------- */
static void js_dump_extra_properties(JSContext *ctx, JSValueConst err, FILE *out)
{
    JSPropertyEnum *tab;
    uint32_t len;
    if (JS_GetOwnPropertyNames(ctx, &tab, &len, err, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return;
    }
    for (uint32_t i = 0; i < len; i++) {
        JSValue v, s;
        const char *k = JS_AtomToCString(ctx, tab[i].atom), *vs;
        /* an assigned stack (an own property) was printed already */
        if (k && !strcmp(k, "stack")) {
            JS_FreeCString(ctx, k);
            continue;
        }
        v = JS_GetProperty(ctx, err, tab[i].atom);
        if (JS_IsException(v)) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            v = JS_UNDEFINED;
        }
        s = js_std_format_value(ctx, v);
        vs = JS_IsException(s) ? NULL : JS_ToCString(ctx, s);
        fprintf(out, "    %s: %s\n", k ? k : "?", vs ? vs : "?");
        if (vs)
            JS_FreeCString(ctx, vs);
        if (k)
            JS_FreeCString(ctx, k);
        JS_FreeValue(ctx, s);
        JS_FreeValue(ctx, v);
    }
    JS_FreePropertyEnum(ctx, tab, len);
}

void js_std_dump_error1(JSContext *ctx, JSValueConst exc, FILE *out)
{
    if (JS_IsError(ctx, exc)) {
        JSValue stack = JS_GetPropertyStr(ctx, exc, "stack");
        const char *s = NULL;
        if (JS_IsString(stack))
            s = JS_ToCString(ctx, stack);
        if (!s) {
            JSValue str = JS_ToString(ctx, exc);
            s = JS_IsException(str) ? NULL : JS_ToCString(ctx, str);
            JS_FreeValue(ctx, str);
        }
        if (JS_HasException(ctx))
            JS_FreeValue(ctx, JS_GetException(ctx));
        fprintf(out, "%s\n\n", s ? s : "Error");
        if (s)
            JS_FreeCString(ctx, s);
        JS_FreeValue(ctx, stack);
        js_dump_extra_properties(ctx, exc, out);
    } else {
        JSValue s = js_std_inspect(ctx, exc);
        const char *str = JS_IsException(s) ? NULL : JS_ToCString(ctx, s);
        fprintf(out, "thrown non-Error value: %s\n", str ? str : "?");
        if (str)
            JS_FreeCString(ctx, str);
        JS_FreeValue(ctx, s);
    }
    fflush(out);
}

void js_std_dump_error(JSContext *ctx, FILE *out)
{
    JSValue exc = JS_GetException(ctx);
    js_std_dump_error1(ctx, exc, out);
    JS_FreeValue(ctx, exc);
}
