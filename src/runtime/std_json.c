/*
 * std_json.c — std.parseExtJSON: JSON with the JSON5-style extensions
 * QuickJS-family scripts use for configuration files: // and block
 * comments, trailing commas, unquoted (identifier) keys, single-quoted
 * strings with the JS escapes (\x, \u{...}, line continuations), hex,
 * octal and binary integers, a leading '+', leading or trailing decimal
 * points, Infinity and NaN.
 *
 * A recursive descent over the UTF-8 text; nesting is limited so that
 * hostile input cannot exhaust the C stack of a worker thread.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osstd.h"

#define JS_EXT_JSON_MAX_DEPTH 1000

typedef struct JSExtJSON {
    JSContext *ctx;
    const char *start, *p, *end;
    int depth;
} JSExtJSON;

static JSValue js_ext_json_value(JSExtJSON *s);

static JSValue js_ext_json_error(JSExtJSON *s, const char *what)
{
    int line = 1, col = 1;
    for (const char *q = s->start; q < s->p; q++) {
        if (*q == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)*q & 0xc0) != 0x80) {
            col++;
        }
    }
    if (s->p >= s->end)
        return JS_ThrowSyntaxError(s->ctx, "parseExtJSON: unexpected end of input");
    if ((unsigned char)*s->p >= 0x20 && (unsigned char)*s->p < 0x7f)
        return JS_ThrowSyntaxError(s->ctx, "parseExtJSON: %s '%c' at line %d, column %d", what,
                                   *s->p, line, col);
    return JS_ThrowSyntaxError(s->ctx, "parseExtJSON: %s at line %d, column %d", what, line, col);
}

/* the length of a Unicode white space or line terminator JS allows
   outside ASCII (NBSP, BOM, U+2028, U+2029), 0 for anything else */
static int js_ext_json_unicode_space(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    if (end - p >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
        return 2;
    if (end - p >= 3 && ((u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) ||
                         (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9))))
        return 3;
    return 0;
}

/* skips white space and comments; -1 on an unterminated block comment */
static int js_ext_json_skip(JSExtJSON *s)
{
    while (s->p < s->end) {
        int n;
        if (strchr(" \t\r\n\v\f", *s->p)) {
            s->p++;
        } else if ((n = js_ext_json_unicode_space(s->p, s->end)) > 0) {
            s->p += n;
        } else if (s->end - s->p >= 2 && s->p[0] == '/' && s->p[1] == '/') {
            while (s->p < s->end && *s->p != '\n')
                s->p++;
        } else if (s->end - s->p >= 2 && s->p[0] == '/' && s->p[1] == '*') {
            const char *q = s->p + 2;
            while (q + 1 < s->end && !(q[0] == '*' && q[1] == '/'))
                q++;
            if (q + 1 >= s->end) {
                s->p = s->end;
                js_ext_json_error(s, "unterminated comment");
                return -1;
            }
            s->p = q + 2;
        } else {
            break;
        }
    }
    return 0;
}

static bool js_ext_json_is_ident(unsigned char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80 ||
           (!first && c >= '0' && c <= '9');
}

static bool js_ext_json_match(JSExtJSON *s, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
        return false;
    if (s->p + n < s->end && js_ext_json_is_ident(s->p[n], false))
        return false;
    s->p += n;
    return true;
}

static int js_ext_json_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* n hex digits at s->p (or, with n 0, the digits of \u{...}) */
static int32_t js_ext_json_hex_escape(JSExtJSON *s, int n)
{
    int32_t v = 0;
    if (n == 0) {
        if (s->p < s->end && *s->p == '{')
            s->p++;
        while (s->p < s->end && *s->p != '}') {
            int d = js_ext_json_hex(*s->p);
            if (d < 0 || (v = v * 16 + d) > 0x10ffff)
                return -1;
            s->p++;
            n++;
        }
        if (s->p >= s->end || n == 0)
            return -1;
        s->p++;
        return v;
    }
    for (int i = 0; i < n; i++) {
        int d = s->p < s->end ? js_ext_json_hex(*s->p) : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
        s->p++;
    }
    return v;
}

typedef struct JSExtJSONBuf {
    char *buf;
    size_t len, size;
} JSExtJSONBuf;

static int js_ext_json_put(JSExtJSON *s, JSExtJSONBuf *b, const char *data, size_t n)
{
    if (n == 0)
        return 0;
    if (b->len + n > b->size) {
        size_t size = (b->len + n) * 2 + 16;
        char *p = js_realloc(s->ctx, b->buf, size);
        if (!p)
            return -1;
        b->buf = p;
        b->size = size;
    }
    memcpy(b->buf + b->len, data, n);
    b->len += n;
    return 0;
}

/* a code point as UTF-8 (a lone surrogate as its 3-byte WTF-8 form) */
static int js_ext_json_put_cp(JSExtJSON *s, JSExtJSONBuf *b, uint32_t c)
{
    char out[4];
    size_t n;
    if (c < 0x80) {
        out[0] = c;
        n = 1;
    } else if (c < 0x800) {
        out[0] = 0xc0 | (c >> 6);
        out[1] = 0x80 | (c & 0x3f);
        n = 2;
    } else if (c < 0x10000) {
        out[0] = 0xe0 | (c >> 12);
        out[1] = 0x80 | ((c >> 6) & 0x3f);
        out[2] = 0x80 | (c & 0x3f);
        n = 3;
    } else {
        out[0] = 0xf0 | (c >> 18);
        out[1] = 0x80 | ((c >> 12) & 0x3f);
        out[2] = 0x80 | ((c >> 6) & 0x3f);
        out[3] = 0x80 | (c & 0x3f);
        n = 4;
    }
    return js_ext_json_put(s, b, out, n);
}

/* \u escapes: a high surrogate followed by \u and a low one is a pair */
static int32_t js_ext_json_u_escape(JSExtJSON *s)
{
    bool braces = s->p < s->end && *s->p == '{';
    int32_t c = js_ext_json_hex_escape(s, braces ? 0 : 4), c2;
    if (c >= 0xd800 && c < 0xdc00 && s->end - s->p >= 6 && s->p[0] == '\\' && s->p[1] == 'u') {
        const char *save = s->p;
        s->p += 2;
        c2 = js_ext_json_hex_escape(s, 4);
        if (c2 >= 0xdc00 && c2 < 0xe000)
            return 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
        s->p = save;
    }
    return c;
}

/* one escape after a backslash; -1 on a bad one */
static int js_ext_json_escape(JSExtJSON *s, JSExtJSONBuf *b)
{
    char c = *s->p++;
    int32_t cp;
    switch (c) {
    case 'b':
        return js_ext_json_put(s, b, "\b", 1);
    case 'f':
        return js_ext_json_put(s, b, "\f", 1);
    case 'n':
        return js_ext_json_put(s, b, "\n", 1);
    case 'r':
        return js_ext_json_put(s, b, "\r", 1);
    case 't':
        return js_ext_json_put(s, b, "\t", 1);
    case 'v':
        return js_ext_json_put(s, b, "\v", 1);
    case '0':
        if (s->p < s->end && *s->p >= '0' && *s->p <= '9')
            return -1;
        return js_ext_json_put(s, b, "", 1);
    case '\r': /* line continuations */
        if (s->p < s->end && *s->p == '\n')
            s->p++;
        return 0;
    case '\n':
        return 0;
    case 'x':
    case 'u':
        cp = c == 'x' ? js_ext_json_hex_escape(s, 2) : js_ext_json_u_escape(s);
        return cp < 0 ? -1 : js_ext_json_put_cp(s, b, cp);
    default:
        if (c >= '1' && c <= '9')
            return -1;
        /* a backslash before U+2028 or U+2029 continues the line */
        if ((unsigned char)c == 0xe2 && js_ext_json_unicode_space(s->p - 1, s->end) == 3) {
            s->p += 2;
            return 0;
        }
        /* any other character stands for itself */
        return js_ext_json_put(s, b, s->p - 1, 1);
    }
}

static JSValue js_ext_json_string(JSExtJSON *s)
{
    char quote = *s->p++;
    JSExtJSONBuf b = {NULL, 0, 0};
    JSValue ret = JS_EXCEPTION;
    for (;;) {
        const char *q = s->p;
        while (q < s->end && *q != quote && *q != '\\' && *q != '\n' && *q != '\r')
            q++;
        if (js_ext_json_put(s, &b, s->p, q - s->p) < 0)
            goto done;
        s->p = q;
        if (q >= s->end || *q == '\n' || *q == '\r') {
            js_ext_json_error(s, "unterminated string");
            goto done;
        }
        if (*q == quote)
            break;
        s->p++;
        if (s->p >= s->end || js_ext_json_escape(s, &b) < 0) {
            s->p = q;
            js_ext_json_error(s, "invalid escape");
            goto done;
        }
    }
    s->p++;
    ret = JS_NewStringLen(s->ctx, b.buf ? b.buf : "", b.len);
done:
    js_free(s->ctx, b.buf);
    return ret;
}

/* 0x, 0o, 0b integers (exact up to 2^53) */
static JSValue js_ext_json_radix(JSExtJSON *s, bool neg)
{
    char r = s->p[1] | 0x20;
    int radix = r == 'x' ? 16 : r == 'o' ? 8 : 2;
    double v = 0;
    int digits = 0, d;
    s->p += 2;
    while (s->p < s->end && (d = js_ext_json_hex(*s->p)) >= 0 && d < radix) {
        v = v * radix + d;
        s->p++;
        digits++;
    }
    if (digits == 0 || (s->p < s->end && js_ext_json_is_ident(*s->p, false)))
        return js_ext_json_error(s, "invalid number");
    return JS_NewNumber(s->ctx, neg ? -v : v);
}

static JSValue js_ext_json_number(JSExtJSON *s)
{
    const char *begin = s->p;
    bool neg = false;
    int digits = 0;
    char small[64], *text;
    double v;
    if (*s->p == '+' || *s->p == '-')
        neg = *s->p++ == '-';
    if (js_ext_json_match(s, "Infinity"))
        return JS_NewFloat64(s->ctx, neg ? -INFINITY : INFINITY);
    if (js_ext_json_match(s, "NaN"))
        return JS_NewFloat64(s->ctx, NAN);
    if (s->end - s->p >= 2 && s->p[0] == '0' && strchr("xXoObB", s->p[1]))
        return js_ext_json_radix(s, neg);
    for (; s->p < s->end && *s->p >= '0' && *s->p <= '9'; s->p++)
        digits++;
    if (s->p < s->end && *s->p == '.') {
        for (s->p++; s->p < s->end && *s->p >= '0' && *s->p <= '9'; s->p++)
            digits++;
    }
    if (digits > 0 && s->p < s->end && (*s->p | 0x20) == 'e') {
        const char *e = ++s->p;
        if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
            s->p++;
        while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
            s->p++;
        if (s->p == e || !(s->p[-1] >= '0' && s->p[-1] <= '9'))
            digits = 0;
    }
    if (digits == 0 || (s->p < s->end && js_ext_json_is_ident(*s->p, false))) {
        s->p = begin;
        return js_ext_json_error(s, "invalid number");
    }
    text = (size_t)(s->p - begin) < sizeof(small) ? small : js_malloc(s->ctx, s->p - begin + 1);
    if (!text)
        return JS_EXCEPTION;
    memcpy(text, begin, s->p - begin);
    text[s->p - begin] = '\0';
    v = strtod(text, NULL);
    if (text != small)
        js_free(s->ctx, text);
    return JS_NewNumber(s->ctx, v);
}

/* a key: a quoted string or an identifier */
static JSAtom js_ext_json_key(JSExtJSON *s)
{
    JSValue str;
    JSAtom atom;
    if (s->p < s->end && (*s->p == '"' || *s->p == '\'')) {
        str = js_ext_json_string(s);
        if (JS_IsException(str))
            return JS_ATOM_NULL;
        atom = JS_ValueToAtom(s->ctx, str);
        JS_FreeValue(s->ctx, str);
        return atom;
    }
    if (s->p < s->end && js_ext_json_is_ident(*s->p, true)) {
        const char *b = s->p;
        while (s->p < s->end && js_ext_json_is_ident(*s->p, false))
            s->p++;
        return JS_NewAtomLen(s->ctx, b, s->p - b);
    }
    js_ext_json_error(s, "expected a property name, found");
    return JS_ATOM_NULL;
}

/* after an element: ',' (maybe trailing) or the closing character;
   1 when the container ended */
static int js_ext_json_next(JSExtJSON *s, char close)
{
    if (js_ext_json_skip(s) < 0)
        return -1;
    if (s->p < s->end && *s->p == ',') {
        s->p++;
        if (js_ext_json_skip(s) < 0)
            return -1;
    } else if (s->p >= s->end || *s->p != close) {
        js_ext_json_error(s, close == '}' ? "expected ',' or '}', found"
                                          : "expected ',' or ']', found");
        return -1;
    }
    if (s->p < s->end && *s->p == close) {
        s->p++;
        return 1;
    }
    return 0;
}

static JSValue js_ext_json_object(JSExtJSON *s)
{
    JSValue obj = JS_NewObject(s->ctx), v;
    JSAtom key;
    int r = 0;
    s->p++;
    if (JS_IsException(obj) || js_ext_json_skip(s) < 0)
        goto fail;
    if (s->p < s->end && *s->p == '}') {
        s->p++;
        return obj;
    }
    while (r == 0) {
        key = js_ext_json_key(s);
        if (key == JS_ATOM_NULL)
            goto fail;
        if (js_ext_json_skip(s) < 0 || s->p >= s->end || *s->p != ':') {
            JS_FreeAtom(s->ctx, key);
            if (!JS_HasException(s->ctx))
                js_ext_json_error(s, "expected ':', found");
            goto fail;
        }
        s->p++;
        v = js_ext_json_value(s);
        if (JS_IsException(v) || JS_DefinePropertyValue(s->ctx, obj, key, v, JS_PROP_C_W_E) < 0) {
            JS_FreeAtom(s->ctx, key);
            goto fail;
        }
        JS_FreeAtom(s->ctx, key);
        r = js_ext_json_next(s, '}');
    }
    if (r > 0)
        return obj;
fail:
    JS_FreeValue(s->ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_ext_json_array(JSExtJSON *s)
{
    JSValue arr = JS_NewArray(s->ctx), v;
    uint32_t i = 0;
    int r = 0;
    s->p++;
    if (JS_IsException(arr) || js_ext_json_skip(s) < 0)
        goto fail;
    if (s->p < s->end && *s->p == ']') {
        s->p++;
        return arr;
    }
    while (r == 0) {
        v = js_ext_json_value(s);
        if (JS_IsException(v) ||
            JS_DefinePropertyValueUint32(s->ctx, arr, i++, v, JS_PROP_C_W_E) < 0)
            goto fail;
        r = js_ext_json_next(s, ']');
    }
    if (r > 0)
        return arr;
fail:
    JS_FreeValue(s->ctx, arr);
    return JS_EXCEPTION;
}

static JSValue js_ext_json_value(JSExtJSON *s)
{
    JSValue v;
    char c;
    if (js_ext_json_skip(s) < 0)
        return JS_EXCEPTION;
    if (s->p >= s->end)
        return js_ext_json_error(s, "");
    if (s->depth >= JS_EXT_JSON_MAX_DEPTH)
        return JS_ThrowRangeError(s->ctx, "parseExtJSON: nesting deeper than %d",
                                  JS_EXT_JSON_MAX_DEPTH);
    c = *s->p;
    s->depth++;
    if (c == '{')
        v = js_ext_json_object(s);
    else if (c == '[')
        v = js_ext_json_array(s);
    else if (c == '"' || c == '\'')
        v = js_ext_json_string(s);
    else if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'I' || c == 'N')
        v = js_ext_json_number(s);
    else if (js_ext_json_match(s, "true"))
        v = JS_TRUE;
    else if (js_ext_json_match(s, "false"))
        v = JS_FALSE;
    else if (js_ext_json_match(s, "null"))
        v = JS_NULL;
    else
        v = js_ext_json_error(s, "unexpected character");
    s->depth--;
    return v;
}

JSValue js_std_parse_ext_json(JSContext *ctx, const char *buf, size_t len)
{
    JSExtJSON s = {ctx, buf, buf, buf + len, 0};
    JSValue v = js_ext_json_value(&s);
    if (JS_IsException(v))
        return v;
    if (js_ext_json_skip(&s) < 0 || s.p < s.end) {
        JS_FreeValue(ctx, v);
        if (!JS_HasException(ctx))
            js_ext_json_error(&s, "unexpected character");
        return JS_EXCEPTION;
    }
    return v;
}
