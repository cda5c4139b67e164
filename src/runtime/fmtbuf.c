/*
 * fmtbuf.c — the text buffer and the printing rules for primitives and
 * keys that console.c and inspect.c share (see fmtbuf.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmtbuf.h"

void js_fmt_init(JSFmtBuf *b, JSContext *ctx)
{
    memset(b, 0, sizeof(*b));
    b->ctx = ctx;
}

void js_fmt_put(JSFmtBuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->size) {
        size_t size = (b->len + n + 1) * 2;
        char *p = realloc(b->buf, size);
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

void js_fmt_puts(JSFmtBuf *b, const char *s) { js_fmt_put(b, s, strlen(s)); }

void js_fmt_printf(JSFmtBuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    /* only used for numbers and short labels */
    if (n > 0)
        js_fmt_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

void js_fmt_free(JSFmtBuf *b)
{
    free(b->buf);
    b->buf = NULL;
    b->len = b->size = 0;
}

JSValue js_fmt_end(JSFmtBuf *b)
{
    JSValue s;
    if (b->failed) {
        js_fmt_free(b);
        return JS_ThrowOutOfMemory(b->ctx);
    }
    s = JS_NewStringLen(b->ctx, b->buf ? b->buf : "", b->len);
    js_fmt_free(b);
    return s;
}

void js_fmt_to_string(JSFmtBuf *b, JSValueConst v)
{
    size_t n;
    const char *s = JS_ToCStringLen(b->ctx, &n, v);
    if (!s) {
        JS_FreeValue(b->ctx, JS_GetException(b->ctx));
        js_fmt_puts(b, "<exception>");
        return;
    }
    js_fmt_put(b, s, n);
    JS_FreeCString(b->ctx, s);
}

static void js_fmt_escaped_char(JSFmtBuf *b, unsigned char c)
{
    switch (c) {
    case '"':
        js_fmt_puts(b, "\\\"");
        break;
    case '\\':
        js_fmt_puts(b, "\\\\");
        break;
    case '\n':
        js_fmt_puts(b, "\\n");
        break;
    case '\r':
        js_fmt_puts(b, "\\r");
        break;
    case '\t':
        js_fmt_puts(b, "\\t");
        break;
    default:
        if (c < 0x20 || c == 0x7f)
            js_fmt_printf(b, "\\x%02x", c);
        else
            js_fmt_put(b, (const char *)&c, 1);
        break;
    }
}

void js_fmt_quoted(JSFmtBuf *b, JSValueConst str)
{
    size_t n;
    const char *s = JS_ToCStringLen(b->ctx, &n, str);
    if (!s) {
        JS_FreeValue(b->ctx, JS_GetException(b->ctx));
        js_fmt_puts(b, "<exception>");
        return;
    }
    js_fmt_puts(b, "\"");
    for (size_t i = 0; i < n; i++)
        js_fmt_escaped_char(b, (unsigned char)s[i]);
    js_fmt_puts(b, "\"");
    JS_FreeCString(b->ctx, s);
}

void js_fmt_symbol(JSFmtBuf *b, JSValueConst sym)
{
    /* the atom of a symbol converts to its description, without the
       Symbol.prototype.toString a program may have replaced */
    JSAtom atom = JS_ValueToAtom(b->ctx, sym);
    JSValue desc;
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(b->ctx, JS_GetException(b->ctx));
        js_fmt_puts(b, "Symbol()");
        return;
    }
    desc = JS_AtomToString(b->ctx, atom);
    JS_FreeAtom(b->ctx, atom);
    js_fmt_puts(b, "Symbol(");
    if (JS_IsException(desc))
        JS_FreeValue(b->ctx, JS_GetException(b->ctx));
    else
        js_fmt_to_string(b, desc);
    js_fmt_puts(b, ")");
    JS_FreeValue(b->ctx, desc);
}

void js_fmt_primitive(JSFmtBuf *b, JSValueConst v, bool quote_strings)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_STRING:
        if (quote_strings)
            js_fmt_quoted(b, v);
        else
            js_fmt_to_string(b, v);
        break;
    case JS_TAG_FLOAT64:
        if (JS_VALUE_GET_FLOAT64(v) == 0 && signbit(JS_VALUE_GET_FLOAT64(v)))
            js_fmt_puts(b, "-0");
        else
            js_fmt_to_string(b, v);
        break;
    case JS_TAG_BIG_INT:
        js_fmt_to_string(b, v);
        js_fmt_puts(b, "n");
        break;
    case JS_TAG_SYMBOL:
        js_fmt_symbol(b, v);
        break;
    default:
        js_fmt_to_string(b, v);
        break;
    }
}

static bool js_fmt_is_identifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$';
}

bool js_fmt_is_identifier(const char *s, size_t len)
{
    if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (size_t i = 0; i < len; i++) {
        if (!js_fmt_is_identifier_char(s[i]))
            return false;
    }
    return true;
}

void js_fmt_key(JSFmtBuf *b, JSAtom atom)
{
    JSValue k = JS_AtomToValue(b->ctx, atom);
    if (JS_IsException(k)) {
        JS_FreeValue(b->ctx, JS_GetException(b->ctx));
        js_fmt_puts(b, "<exception>");
        return;
    }
    if (JS_IsSymbol(k)) {
        js_fmt_puts(b, "[");
        js_fmt_symbol(b, k);
        js_fmt_puts(b, "]");
    } else {
        size_t n;
        const char *s = JS_ToCStringLen(b->ctx, &n, k);
        if (s && js_fmt_is_identifier(s, n))
            js_fmt_put(b, s, n);
        else
            js_fmt_quoted(b, k);
        JS_FreeCString(b->ctx, s);
    }
    JS_FreeValue(b->ctx, k);
}
