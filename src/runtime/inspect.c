/*
 * inspect.c — the global inspect(value) and js_std_inspect(): the
 * multi-line form of a value (SYSTEM.md, "inspect(value) output format").
 *
 * One entry per line, one tab of indentation per level, no commas,
 * strings double-quoted (fmtbuf.c). Containers print `Name {` … `}` (or
 * `[` … `]` for arrays and byte dumps), empty ones `{}` / `[]`:
 *   - objects: `key: value` per own enumerable property; class instances
 *     start with their constructor's name; accessors show as [Getter],
 *     [Setter] or [Getter/Setter] (never called);
 *   - arrays: one element per line, holes as `<N empty items>`, then the
 *     named properties as `key: value`;
 *   - Map: `0.key => k` and `0.value => v` per entry; Set: `0 => v`;
 *   - typed arrays, ArrayBuffer, SharedArrayBuffer: a hex dump of 16
 *     bytes per line, `│0x00000010│ 01 02 …`;
 *   - functions: `Function "name" {`, then the numbered lines of their
 *     source text `│1│ …` (numbers right-aligned), then `}`;
 *   - errors: `TypeError {`, the stack text, the error's own enumerable
 *     properties (and cause/errors), `}`;
 *   - Date: its ISO string; RegExp: its literal; wrapper objects:
 *     `[Number: 3]`; promises: `<pending>`, `<fulfilled> v`, `<rejected> v`;
 *     WeakMap/WeakSet: `<items unknown>`;
 *   - Proxy: `Proxy {` `target: …` `handler: …` `}` — no trap ever runs.
 * An object met a second time (a cycle, or a shared reference) prints
 * as `-> {root}` or `-> ` plus the path where it was first printed
 * (`{root}.a.b[2]`). Below INSPECT_MAX_DEPTH levels objects print as
 * [Object] / [Array]; a container shows at most INSPECT_MAX_LINES entries
 * (`... N more items`).
 *
 * Nothing here runs JS code: internal slots come from the inspection API
 * of weft.h, properties are read as descriptors, and the prototype chain
 * is walked only through ordinary objects.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fmtbuf.h"
#include "modules.h"
#include "weft_runtime.h"

#define INSPECT_MAX_DEPTH 32
#define INSPECT_MAX_LINES 1000 /* entries of a container, lines of a dump or a source */
#define INSPECT_MAX_PROTO_WALK 64
#define INSPECT_BYTES_PER_LINE 16
#define INSPECT_BAR "\xe2\x94\x82" /* U+2502 │ */

/* an object printed already: where (an offset into Insp.paths) */
typedef struct InspSeen {
    JSValue obj; /* JS_UNDEFINED for a free slot; a reference otherwise */
    size_t path;
} InspSeen;

typedef struct Insp {
    JSContext *ctx;
    JSFmtBuf b;      /* the output */
    JSFmtBuf path;   /* the path of the value being printed */
    JSFmtBuf paths;  /* the NUL-terminated paths of the objects printed */
    InspSeen *seen;  /* open addressing on the object pointer */
    size_t seen_size, seen_count;
    JSAtom atom_constructor, atom_name, atom_stack, atom_length, atom_cause, atom_errors;
} Insp;

static void insp_value(Insp *I, JSValueConst v, int level);

static void insp_swallow(Insp *I)
{
    JS_FreeValue(I->ctx, JS_GetException(I->ctx));
}

static void insp_newline(Insp *I, int level)
{
    js_fmt_puts(&I->b, "\n");
    for (int i = 0; i < level; i++)
        js_fmt_puts(&I->b, "\t");
}

/* ends a container opened with `open` that got n entries */
static void insp_close(Insp *I, int level, int n, const char *close)
{
    if (n > 0)
        insp_newline(I, level);
    js_fmt_puts(&I->b, close);
}

/* ---------------------------------------------------------------------
 * Objects already printed, and their paths
 * ------------------------------------------------------------------- */
static size_t insp_hash(void *ptr, size_t size)
{
    uint64_t h = (uint64_t)(uintptr_t)ptr * 0x9e3779b97f4a7c15ull;
    return (size_t)(h >> 32) & (size - 1);
}

static InspSeen *insp_seen_slot(InspSeen *tab, size_t size, void *ptr)
{
    size_t i = insp_hash(ptr, size);
    while (!JS_IsUndefined(tab[i].obj) && JS_VALUE_GET_PTR(tab[i].obj) != ptr)
        i = (i + 1) & (size - 1);
    return &tab[i];
}

static const char *insp_seen_path(Insp *I, JSValueConst obj)
{
    InspSeen *s;
    if (!I->seen)
        return NULL;
    s = insp_seen_slot(I->seen, I->seen_size, JS_VALUE_GET_PTR(obj));
    return JS_IsUndefined(s->obj) ? NULL : I->paths.buf + s->path;
}

static int insp_seen_grow(Insp *I)
{
    size_t size = I->seen_size ? I->seen_size * 2 : 64;
    InspSeen *tab = malloc(size * sizeof(InspSeen));
    if (!tab)
        return -1;
    for (size_t i = 0; i < size; i++)
        tab[i].obj = JS_UNDEFINED;
    for (size_t i = 0; i < I->seen_size; i++) {
        if (!JS_IsUndefined(I->seen[i].obj))
            *insp_seen_slot(tab, size, JS_VALUE_GET_PTR(I->seen[i].obj)) = I->seen[i];
    }
    free(I->seen);
    I->seen = tab;
    I->seen_size = size;
    return 0;
}

/* remembers obj at the current path (out of memory only loses the
   sharing information) */
static void insp_seen_add(Insp *I, JSValueConst obj)
{
    InspSeen *s;
    if (2 * (I->seen_count + 1) > I->seen_size && insp_seen_grow(I) < 0)
        return;
    s = insp_seen_slot(I->seen, I->seen_size, JS_VALUE_GET_PTR(obj));
    s->obj = JS_DupValue(I->ctx, obj);
    s->path = I->paths.len;
    js_fmt_put(&I->paths, I->path.buf, I->path.len);
    js_fmt_put(&I->paths, "", 1);
    I->seen_count++;
}

/* the path segment of a property key: .name, [3], ["a b"], [Symbol(x)] */
static void insp_path_key(Insp *I, JSAtom atom)
{
    JSValue k = JS_AtomToValue(I->ctx, atom);
    const char *s;
    size_t n, i;
    if (JS_IsException(k) || JS_IsSymbol(k)) {
        if (JS_IsException(k))
            insp_swallow(I);
        js_fmt_key(&I->path, atom);
        JS_FreeValue(I->ctx, k);
        return;
    }
    s = JS_ToCStringLen(I->ctx, &n, k);
    for (i = 0; s && i < n && s[i] >= '0' && s[i] <= '9'; i++)
        ;
    if (s && js_fmt_is_identifier(s, n)) {
        js_fmt_puts(&I->path, ".");
        js_fmt_put(&I->path, s, n);
    } else if (s && n > 0 && i == n) {
        js_fmt_printf(&I->path, "[%s]", s);
    } else {
        js_fmt_puts(&I->path, "[");
        js_fmt_quoted(&I->path, k);
        js_fmt_puts(&I->path, "]");
    }
    JS_FreeCString(I->ctx, s);
    JS_FreeValue(I->ctx, k);
}

static void insp_path_truncate(Insp *I, size_t mark)
{
    I->path.len = mark;
    if (I->path.buf)
        I->path.buf[mark] = '\0';
}

/* a child value under a path segment written by the caller after mark */
static void insp_child(Insp *I, JSValueConst v, int level, size_t mark)
{
    insp_value(I, v, level);
    insp_path_truncate(I, mark);
}

/* ---------------------------------------------------------------------
 * Reading without running code
 * ------------------------------------------------------------------- */
/* an own data property (a new reference), or JS_UNDEFINED */
static JSValue insp_own_data(Insp *I, JSValueConst obj, JSAtom atom)
{
    JSPropertyDescriptor desc;
    int r = JS_GetOwnProperty(I->ctx, &desc, obj, atom);
    if (r < 0)
        insp_swallow(I);
    if (r <= 0)
        return JS_UNDEFINED;
    JS_FreeValue(I->ctx, desc.getter);
    JS_FreeValue(I->ctx, desc.setter);
    if (desc.flags & JS_PROP_GETSET) {
        JS_FreeValue(I->ctx, desc.value);
        return JS_UNDEFINED;
    }
    return desc.value;
}

/* the name of a function as a C string (JS_FreeCString), or NULL when it
   has no string name of its own */
static const char *insp_function_name(Insp *I, JSValueConst fn)
{
    JSValue name = JS_IsProxy(fn) ? JS_UNDEFINED : insp_own_data(I, fn, I->atom_name);
    const char *s = JS_IsString(name) ? JS_ToCString(I->ctx, name) : NULL;
    JS_FreeValue(I->ctx, name);
    return s;
}

/* the name of the constructor of the nearest prototype that has one
   (free()), "[Object: null prototype]" for an object without a
   prototype, or NULL */
static char *insp_class_name(Insp *I, JSValueConst obj)
{
    JSValue proto = JS_GetPrototype(I->ctx, obj);
    char *name = NULL;
    if (JS_IsException(proto))
        insp_swallow(I);
    if (JS_IsNull(proto))
        return strdup("[Object: null prototype]");
    for (int i = 0; !name && i < INSPECT_MAX_PROTO_WALK; i++) {
        JSValue ctor, next;
        if (!JS_IsObject(proto) || JS_IsProxy(proto))
            break;
        ctor = insp_own_data(I, proto, I->atom_constructor);
        if (JS_IsFunction(I->ctx, ctor)) {
            const char *s = insp_function_name(I, ctor);
            if (s && *s)
                name = strdup(s);
            JS_FreeCString(I->ctx, s);
        }
        JS_FreeValue(I->ctx, ctor);
        next = JS_GetPrototype(I->ctx, proto);
        JS_FreeValue(I->ctx, proto);
        proto = next;
        if (JS_IsException(proto))
            insp_swallow(I);
    }
    JS_FreeValue(I->ctx, proto);
    return name;
}

/* the class name, or fallback */
static void insp_put_class_name(Insp *I, JSValueConst obj, const char *fallback)
{
    char *name = insp_class_name(I, obj);
    js_fmt_puts(&I->b, name ? name : fallback);
    free(name);
}

/* the value of an own property as it stands, accessors not called */
static void insp_property(Insp *I, JSValueConst obj, JSAtom atom, int level)
{
    JSPropertyDescriptor desc;
    int r = JS_GetOwnProperty(I->ctx, &desc, obj, atom);
    if (r < 0) {
        /* a module namespace binding not initialized yet */
        insp_swallow(I);
        js_fmt_puts(&I->b, "<uninitialized>");
        return;
    }
    if (r == 0) {
        js_fmt_puts(&I->b, "undefined");
        return;
    }
    if (desc.flags & JS_PROP_GETSET) {
        bool g = !JS_IsUndefined(desc.getter), s = !JS_IsUndefined(desc.setter);
        js_fmt_puts(&I->b, g && s ? "[Getter/Setter]" : g ? "[Getter]" : "[Setter]");
    } else {
        insp_value(I, desc.value, level);
    }
    JS_FreeValue(I->ctx, desc.value);
    JS_FreeValue(I->ctx, desc.getter);
    JS_FreeValue(I->ctx, desc.setter);
}

/* `key: value` on a new line at level */
static void insp_keyed_entry(Insp *I, JSValueConst obj, JSAtom atom, int level)
{
    size_t mark = I->path.len;
    insp_newline(I, level);
    js_fmt_key(&I->b, atom);
    js_fmt_puts(&I->b, ": ");
    insp_path_key(I, atom);
    insp_property(I, obj, atom, level);
    insp_path_truncate(I, mark);
}

/* ---------------------------------------------------------------------
 * Objects and arrays
 * ------------------------------------------------------------------- */
static bool insp_atom_index(JSContext *ctx, JSAtom atom, uint32_t *pidx)
{
    JSValue k = JS_AtomToValue(ctx, atom);
    const char *s = JS_IsString(k) ? JS_ToCString(ctx, k) : NULL;
    char *end;
    unsigned long v = 0;
    bool ok = s && s[0] >= '0' && s[0] <= '9' && (s[0] != '0' || !s[1]);
    if (ok) {
        v = strtoul(s, &end, 10);
        ok = !*end && v < 0xffffffffUL;
    }
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, k);
    *pidx = (uint32_t)v;
    return ok;
}

static uint32_t insp_array_length(Insp *I, JSValueConst arr)
{
    JSValue v = insp_own_data(I, arr, I->atom_length);
    uint32_t len = 0;
    if (JS_IsNumber(v) && JS_ToUint32(I->ctx, &len, v) < 0)
        insp_swallow(I);
    JS_FreeValue(I->ctx, v);
    return len;
}

static void insp_holes(Insp *I, int level, uint32_t n)
{
    insp_newline(I, level);
    js_fmt_printf(&I->b, "<%u empty item%s>", n, n == 1 ? "" : "s");
}

static void insp_more(Insp *I, int level, uint64_t n, const char *what)
{
    insp_newline(I, level);
    js_fmt_printf(&I->b, "... %llu more %s", (unsigned long long)n, what);
}

/* the entries of an object or array; n counts the lines written */
static int insp_entries(Insp *I, JSValueConst obj, int level, bool is_array, uint32_t length)
{
    JSPropertyEnum *tab;
    uint32_t len, next = 0;
    int n = 0;
    if (JS_GetOwnPropertyNames(I->ctx, &tab, &len, obj,
                               JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK | JS_GPN_ENUM_ONLY) < 0) {
        insp_swallow(I);
        return 0;
    }
    for (uint32_t i = 0; i < len; i++) {
        uint32_t idx;
        bool is_index = is_array && insp_atom_index(I->ctx, tab[i].atom, &idx);
        if (n >= INSPECT_MAX_LINES) {
            insp_more(I, level + 1, len - i, "items");
            break;
        }
        /* holes before an index, or between the last index and length */
        if (is_array && (is_index ? idx : length) > next) {
            insp_holes(I, level + 1, (is_index ? idx : length) - next);
            next = is_index ? idx : length;
            n++;
        }
        if (is_index) {
            size_t mark = I->path.len;
            insp_newline(I, level + 1);
            js_fmt_printf(&I->path, "[%u]", idx);
            insp_property(I, obj, tab[i].atom, level + 1);
            insp_path_truncate(I, mark);
            next = idx + 1;
        } else {
            insp_keyed_entry(I, obj, tab[i].atom, level + 1);
        }
        n++;
    }
    if (is_array && length > next && n < INSPECT_MAX_LINES) {
        insp_holes(I, level + 1, length - next);
        n++;
    }
    JS_FreePropertyEnum(I->ctx, tab, len);
    return n;
}

static void insp_object(Insp *I, JSValueConst obj, int level)
{
    bool is_array = JS_IsArray(I->ctx, obj);
    char *name = insp_class_name(I, obj);
    uint32_t length = is_array ? insp_array_length(I, obj) : 0;
    int n;
    if (name && strcmp(name, is_array ? "Array" : "Object") != 0) {
        js_fmt_puts(&I->b, name);
        js_fmt_puts(&I->b, " ");
    }
    free(name);
    js_fmt_puts(&I->b, is_array ? "[" : "{");
    n = insp_entries(I, obj, level, is_array, length);
    insp_close(I, level, n, is_array ? "]" : "}");
}

/* ---------------------------------------------------------------------
 * Functions and errors: their text, one line per line
 * ------------------------------------------------------------------- */
static int insp_count_lines(const char *s, size_t n)
{
    int lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines;
}

/* writes each line of s at level (numbered when number is set), at most
   INSPECT_MAX_LINES; returns the lines written */
static int insp_text_lines(Insp *I, const char *s, size_t n, int level, bool number)
{
    int total = insp_count_lines(s, n), width = snprintf(NULL, 0, "%d", total), line = 0;
    size_t start = 0;
    while (start <= n) {
        const char *nl = memchr(s + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - s) : n, len = end - start;
        if (line >= INSPECT_MAX_LINES) {
            insp_more(I, level, total - line, "lines");
            return line + 1;
        }
        if (len > 0 && s[start + len - 1] == '\r')
            len--;
        insp_newline(I, level);
        if (number)
            js_fmt_printf(&I->b, INSPECT_BAR "%*d" INSPECT_BAR " ", width, line + 1);
        js_fmt_put(&I->b, s + start, len);
        line++;
        start = end + 1;
    }
    return line;
}

static void insp_function(Insp *I, JSValueConst fn, int level)
{
    JSValue name = JS_IsProxy(fn) ? JS_UNDEFINED : insp_own_data(I, fn, I->atom_name);
    JSValue src = JS_GetFunctionSource(I->ctx, fn);
    const char *s = NULL;
    size_t n = 0;
    int lines = 0;
    size_t name_len = 0;
    const char *c = JS_IsString(name) ? JS_ToCStringLen(I->ctx, &name_len, name) : NULL;
    js_fmt_puts(&I->b, "Function ");
    if (c && name_len > 0)
        js_fmt_quoted(&I->b, name);
    else
        js_fmt_puts(&I->b, "(anonymous)");
    JS_FreeCString(I->ctx, c);
    js_fmt_puts(&I->b, " {");
    if (JS_IsException(src))
        insp_swallow(I);
    else if (JS_IsString(src))
        s = JS_ToCStringLen(I->ctx, &n, src);
    if (s)
        lines = insp_text_lines(I, s, n, level + 1, true);
    JS_FreeCString(I->ctx, s);
    insp_close(I, level, lines, "}");
    JS_FreeValue(I->ctx, src);
    JS_FreeValue(I->ctx, name);
}

/* an own non-enumerable property an error shows anyway (cause, errors) */
static int insp_error_hidden(Insp *I, JSValueConst err, JSAtom atom, int level)
{
    JSPropertyDescriptor desc;
    int r = JS_GetOwnProperty(I->ctx, &desc, err, atom);
    if (r < 0)
        insp_swallow(I);
    if (r <= 0)
        return 0;
    JS_FreeValue(I->ctx, desc.value);
    JS_FreeValue(I->ctx, desc.getter);
    JS_FreeValue(I->ctx, desc.setter);
    if (desc.flags & JS_PROP_ENUMERABLE)
        return 0; /* listed with the others */
    insp_keyed_entry(I, err, atom, level);
    return 1;
}

static void insp_error(Insp *I, JSValueConst err, int level)
{
    JSValue stack = insp_own_data(I, err, I->atom_stack); /* an assigned stack */
    JSPropertyEnum *tab;
    uint32_t len;
    int n = 0;
    if (!JS_IsString(stack)) {
        JS_FreeValue(I->ctx, stack);
        stack = JS_GetErrorStack(I->ctx, err);
    }
    insp_put_class_name(I, err, "Error");
    js_fmt_puts(&I->b, " {");
    if (JS_IsString(stack)) {
        size_t sn;
        const char *s = JS_ToCStringLen(I->ctx, &sn, stack);
        if (s && sn > 0)
            n += insp_text_lines(I, s, sn, level + 1, false);
        JS_FreeCString(I->ctx, s);
    } else if (JS_IsException(stack)) {
        insp_swallow(I);
    }
    JS_FreeValue(I->ctx, stack);
    if (JS_GetOwnPropertyNames(I->ctx, &tab, &len, err,
                               JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK | JS_GPN_ENUM_ONLY) < 0) {
        insp_swallow(I);
        len = 0;
        tab = NULL;
    }
    for (uint32_t i = 0; i < len && n < INSPECT_MAX_LINES; i++) {
        if (tab[i].atom == I->atom_stack)
            continue;
        insp_keyed_entry(I, err, tab[i].atom, level + 1);
        n++;
    }
    if (tab)
        JS_FreePropertyEnum(I->ctx, tab, len);
    n += insp_error_hidden(I, err, I->atom_cause, level + 1);
    n += insp_error_hidden(I, err, I->atom_errors, level + 1);
    insp_close(I, level, n, "}");
}

/* ---------------------------------------------------------------------
 * Values with internal slots
 * ------------------------------------------------------------------- */
static void insp_date(Insp *I, JSValueConst date)
{
    JSValue tv = JS_GetPrimitiveValue(I->ctx, date);
    double t = NAN;
    struct tm tm;
    time_t secs;
    int64_t ms;
    int year;
    if (JS_IsNumber(tv) && JS_ToFloat64(I->ctx, &t, tv) < 0)
        insp_swallow(I);
    JS_FreeValue(I->ctx, tv);
    if (!isfinite(t)) {
        js_fmt_puts(&I->b, "Invalid Date");
        return;
    }
    ms = (int64_t)t;
    secs = (time_t)(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
    ms -= (int64_t)secs * 1000;
    if (!gmtime_r(&secs, &tm)) {
        js_fmt_puts(&I->b, "Invalid Date");
        return;
    }
    year = tm.tm_year + 1900;
    /* the expanded years of Date.prototype.toISOString outside 0..9999 */
    js_fmt_printf(&I->b, year >= 0 && year <= 9999 ? "%04d" : "%+07d", year);
    js_fmt_printf(&I->b, "-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec, (int)ms);
}

static void insp_regexp(Insp *I, JSValueConst re)
{
    JSValue lit = JS_GetRegExpLiteral(I->ctx, re);
    if (JS_IsException(lit))
        insp_swallow(I);
    else
        js_fmt_to_string(&I->b, lit);
    JS_FreeValue(I->ctx, lit);
}

static void insp_wrapper(Insp *I, JSValueConst prim)
{
    static const struct {
        int tag;
        const char *name;
    } types[] = {{JS_TAG_STRING, "String"},
                 {JS_TAG_BOOL, "Boolean"},
                 {JS_TAG_SYMBOL, "Symbol"},
                 {JS_TAG_BIG_INT, "BigInt"}};
    const char *name = "Number";
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (JS_VALUE_GET_TAG(prim) == types[i].tag)
            name = types[i].name;
    }
    js_fmt_printf(&I->b, "[%s: ", name);
    js_fmt_primitive(&I->b, prim, true);
    js_fmt_puts(&I->b, "]");
}

static const char *insp_typed_array_name(int type)
{
    static const char *const names[] = {
        "Uint8ClampedArray", "Int8Array",      "Uint8Array",     "Int16Array",
        "Uint16Array",       "Int32Array",     "Uint32Array",    "BigInt64Array",
        "BigUint64Array",    "Float16Array",   "Float32Array",   "Float64Array",
    };
    return type >= 0 && type < (int)(sizeof(names) / sizeof(names[0])) ? names[type]
                                                                       : "TypedArray";
}

/* typed arrays, ArrayBuffer, SharedArrayBuffer: a hex dump of the bytes
   (borrowed: no JS code runs while they are read) */
static void insp_bytes(Insp *I, JSValueConst obj, int level)
{
    int type = JS_GetTypedArrayType(obj);
    JSValue buf = JS_DupValue(I->ctx, obj);
    size_t off = 0, len = 0, size = 0, lines = 0;
    const char *fallback = JS_IsSharedArrayBuffer(obj) ? "SharedArrayBuffer" : "ArrayBuffer";
    uint8_t *p;
    if (type >= 0) {
        JS_FreeValue(I->ctx, buf);
        buf = JS_GetTypedArrayBuffer(I->ctx, obj, &off, &len, NULL);
        fallback = insp_typed_array_name(type);
    }
    p = JS_IsException(buf) ? NULL : JS_GetArrayBuffer(I->ctx, &size, buf);
    insp_put_class_name(I, obj, fallback);
    if (!p && JS_HasException(I->ctx)) {
        insp_swallow(I);
        js_fmt_puts(&I->b, " (detached)");
        size = 0;
    }
    if (type < 0)
        len = size;
    else if (off > size || len > size - off)
        len = 0;
    js_fmt_puts(&I->b, " [");
    for (size_t i = 0; i < len; i += INSPECT_BYTES_PER_LINE, lines++) {
        if (lines >= INSPECT_MAX_LINES) {
            insp_more(I, level + 1, len - i, "bytes");
            lines++;
            break;
        }
        insp_newline(I, level + 1);
        js_fmt_printf(&I->b, INSPECT_BAR "0x%08zx" INSPECT_BAR, i);
        for (size_t j = i; j < len && j < i + INSPECT_BYTES_PER_LINE; j++)
            js_fmt_printf(&I->b, " %02x", p[off + j]);
    }
    insp_close(I, level, (int)lines, "]");
    JS_FreeValue(I->ctx, buf);
}

/* Map: `0.key => k`, `0.value => v`; Set: `0 => v` */
static void insp_collection(Insp *I, JSValueConst obj, int level, bool is_set)
{
    JSValue entries = JS_GetMapEntries(I->ctx, obj);
    uint32_t len = 0, i;
    int n = 0;
    if (JS_IsException(entries))
        insp_swallow(I);
    else
        len = insp_array_length(I, entries);
    insp_put_class_name(I, obj, is_set ? "Set" : "Map");
    js_fmt_puts(&I->b, " {");
    for (i = 0; i < len; i++, n++) {
        JSValue e = JS_GetPropertyUint32(I->ctx, entries, i);
        size_t mark = I->path.len;
        if (n >= INSPECT_MAX_LINES) {
            JS_FreeValue(I->ctx, e);
            insp_more(I, level + 1, len - i, "entries");
            n++;
            break;
        }
        insp_newline(I, level + 1);
        if (is_set) {
            js_fmt_printf(&I->b, "%u => ", i);
            js_fmt_printf(&I->path, "[%u]", i);
            insp_child(I, e, level + 1, mark);
        } else {
            JSValue k = JS_GetPropertyUint32(I->ctx, e, 0), v = JS_GetPropertyUint32(I->ctx, e, 1);
            js_fmt_printf(&I->b, "%u.key => ", i);
            js_fmt_printf(&I->path, "[%u].key", i);
            insp_child(I, k, level + 1, mark);
            insp_newline(I, level + 1);
            js_fmt_printf(&I->b, "%u.value => ", i);
            js_fmt_printf(&I->path, "[%u].value", i);
            insp_child(I, v, level + 1, mark);
            JS_FreeValue(I->ctx, k);
            JS_FreeValue(I->ctx, v);
        }
        JS_FreeValue(I->ctx, e);
    }
    insp_close(I, level, n, "}");
    JS_FreeValue(I->ctx, entries);
}

/* a container whose content is one labelled line (or none) */
static void insp_labelled(Insp *I, JSValueConst obj, int level, const char *fallback,
                          const char *label, JSValueConst v, const char *segment)
{
    size_t mark = I->path.len;
    insp_put_class_name(I, obj, fallback);
    js_fmt_puts(&I->b, " {");
    insp_newline(I, level + 1);
    js_fmt_puts(&I->b, label);
    if (segment) {
        js_fmt_puts(&I->b, " ");
        js_fmt_puts(&I->path, segment);
        insp_child(I, v, level + 1, mark);
    }
    insp_close(I, level, 1, "}");
}

static void insp_promise(Insp *I, JSValueConst promise, JSPromiseStateEnum state, int level)
{
    JSValue result;
    if (state == JS_PROMISE_PENDING) {
        insp_labelled(I, promise, level, "Promise", "<pending>", JS_UNDEFINED, NULL);
        return;
    }
    result = JS_PromiseResult(I->ctx, promise);
    if (state == JS_PROMISE_FULFILLED)
        insp_labelled(I, promise, level, "Promise", "<fulfilled>", result, ".<fulfilled>");
    else
        insp_labelled(I, promise, level, "Promise", "<rejected>", result, ".<rejected>");
    JS_FreeValue(I->ctx, result);
}

/* the target and handler as they are: no trap runs */
static void insp_proxy(Insp *I, JSValueConst proxy, int level)
{
    JSValue target = JS_GetProxyTarget(I->ctx, proxy), handler = JS_GetProxyHandler(I->ctx, proxy);
    size_t mark = I->path.len;
    js_fmt_puts(&I->b, "Proxy {");
    insp_newline(I, level + 1);
    js_fmt_puts(&I->b, "target: ");
    js_fmt_puts(&I->path, ".target");
    insp_child(I, target, level + 1, mark);
    insp_newline(I, level + 1);
    js_fmt_puts(&I->b, "handler: ");
    js_fmt_puts(&I->path, ".handler");
    insp_child(I, handler, level + 1, mark);
    insp_close(I, level, 2, "}");
    JS_FreeValue(I->ctx, target);
    JS_FreeValue(I->ctx, handler);
}

/* ---------------------------------------------------------------------
 * Any value
 * ------------------------------------------------------------------- */
static void insp_object_kind(Insp *I, JSValueConst v, int level)
{
    JSContext *ctx = I->ctx;
    JSPromiseStateEnum state;
    JSValue prim;
    if (JS_IsProxy(v)) {
        insp_proxy(I, v, level);
    } else if (JS_IsFunction(ctx, v)) {
        insp_function(I, v, level);
    } else if (JS_IsError(ctx, v)) {
        insp_error(I, v, level);
    } else if (JS_IsDate(v)) {
        insp_date(I, v);
    } else if (JS_IsRegExp(v)) {
        insp_regexp(I, v);
    } else if (!JS_IsUndefined(prim = JS_GetPrimitiveValue(ctx, v))) {
        insp_wrapper(I, prim);
        JS_FreeValue(ctx, prim);
    } else if (JS_IsArrayBuffer(v) || JS_IsSharedArrayBuffer(v) || JS_GetTypedArrayType(v) >= 0) {
        insp_bytes(I, v, level);
    } else if (JS_IsMap(v) || JS_IsSet(v)) {
        insp_collection(I, v, level, JS_IsSet(v));
    } else if (JS_IsWeakMap(v) || JS_IsWeakSet(v)) {
        insp_labelled(I, v, level, JS_IsWeakMap(v) ? "WeakMap" : "WeakSet", "<items unknown>",
                      JS_UNDEFINED, NULL);
    } else if ((int)(state = JS_PromiseState(ctx, v)) >= 0) {
        insp_promise(I, v, state, level);
    } else {
        insp_object(I, v, level);
    }
}

static void insp_value(Insp *I, JSValueConst v, int level)
{
    const char *path;
    if (!JS_IsObject(v)) {
        js_fmt_primitive(&I->b, v, true);
        return;
    }
    path = insp_seen_path(I, v);
    if (path) {
        js_fmt_puts(&I->b, "-> ");
        js_fmt_puts(&I->b, path);
        return;
    }
    if (level >= INSPECT_MAX_DEPTH) {
        js_fmt_puts(&I->b, !JS_IsProxy(v) && JS_IsArray(I->ctx, v) ? "[Array]" : "[Object]");
        return;
    }
    insp_seen_add(I, v);
    insp_object_kind(I, v, level);
}

JSValue js_std_inspect(JSContext *ctx, JSValueConst v)
{
    Insp I;
    memset(&I, 0, sizeof(I));
    I.ctx = ctx;
    js_fmt_init(&I.b, ctx);
    js_fmt_init(&I.path, ctx);
    js_fmt_init(&I.paths, ctx);
    I.atom_constructor = JS_NewAtom(ctx, "constructor");
    I.atom_name = JS_NewAtom(ctx, "name");
    I.atom_stack = JS_NewAtom(ctx, "stack");
    I.atom_length = JS_NewAtom(ctx, "length");
    I.atom_cause = JS_NewAtom(ctx, "cause");
    I.atom_errors = JS_NewAtom(ctx, "errors");
    js_fmt_puts(&I.path, "{root}");
    insp_value(&I, v, 0);
    for (size_t i = 0; i < I.seen_size; i++)
        JS_FreeValue(ctx, I.seen[i].obj);
    free(I.seen);
    JS_FreeAtom(ctx, I.atom_constructor);
    JS_FreeAtom(ctx, I.atom_name);
    JS_FreeAtom(ctx, I.atom_stack);
    JS_FreeAtom(ctx, I.atom_length);
    JS_FreeAtom(ctx, I.atom_cause);
    JS_FreeAtom(ctx, I.atom_errors);
    js_fmt_free(&I.path);
    js_fmt_free(&I.paths);
    if (I.path.failed || I.paths.failed)
        I.b.failed = true;
    return js_fmt_end(&I.b);
}

static JSValue js_inspect(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return js_std_inspect(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
}

int js_std_add_inspect(JSContext *ctx)
{
    JSValue global = JS_GetGlobalObject(ctx);
    int ret = JS_SetPropertyStr(ctx, global, "inspect",
                                JS_NewCFunction(ctx, js_inspect, "inspect", 1));
    JS_FreeValue(ctx, global);
    return ret < 0 ? -1 : 0;
}
