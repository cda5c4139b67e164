/*
 * std_printf.c — the C-like formatting of std.printf, std.sprintf and
 * FILE.printf: %d %i %u %o %x %X (32-bit unless an `l`/`ll` modifier or a
 * BigInt argument makes them 64-bit), %f %F %e %E %g %G %a %A, %c (a code
 * point, or the first character of a string), %s, %%, with the flags
 * - + space # 0, widths and precisions (also `*`). The h, hh, l, ll, L, q,
 * j, z and t modifiers are accepted.
 *
 * Numbers go through the C library's snprintf with a conversion spec
 * rebuilt from the parsed pieces (never the user's text); %s and %c count
 * widths and precisions in code points, not bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osstd.h"

#define JS_STD_FMT_MAX_WIDTH 65536

typedef struct JSSTDFmtBuf {
    JSContext *ctx;
    char *buf;
    size_t len, size;
} JSSTDFmtBuf;

/* one conversion: "%-+ #0" flags, width, precision (-1: none), whether
   an `l` modifier asked for 64 bits */
typedef struct JSSTDConv {
    char flags[8];
    int width, prec;
    bool is64;
    char conv;
} JSSTDConv;

static int js_std_fmt_reserve(JSSTDFmtBuf *b, size_t n)
{
    if (b->len + n + 1 > b->size) {
        size_t size = (b->len + n + 1) * 3 / 2 + 32;
        char *p = js_realloc(b->ctx, b->buf, size);
        if (!p)
            return -1;
        b->buf = p;
        b->size = size;
    }
    return 0;
}

static int js_std_fmt_put(JSSTDFmtBuf *b, const char *s, size_t n)
{
    if (js_std_fmt_reserve(b, n) < 0)
        return -1;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    return 0;
}

static int js_std_fmt_pad(JSSTDFmtBuf *b, int count)
{
    if (count <= 0)
        return 0;
    if (js_std_fmt_reserve(b, count) < 0)
        return -1;
    memset(b->buf + b->len, ' ', count);
    b->len += count;
    return 0;
}

/* the byte length of the first `count` code points of s[0, len); how
   many code points that is goes to *pcp */
static size_t js_std_utf8_prefix(const char *s, size_t len, size_t count, size_t *pcp)
{
    size_t i = 0, cp = 0;
    while (i < len && cp < count) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
            i++;
        cp++;
    }
    *pcp = cp;
    return i;
}

/* text with the width and precision of %s / %c */
static int js_std_fmt_text(JSSTDFmtBuf *b, const JSSTDConv *c, const char *s, size_t len)
{
    size_t cp, n = js_std_utf8_prefix(s, len, c->prec >= 0 ? (size_t)c->prec : SIZE_MAX, &cp);
    int pad = c->width > (int)cp ? c->width - (int)cp : 0;
    bool left = strchr(c->flags, '-') != NULL;
    if ((!left && js_std_fmt_pad(b, pad) < 0) || js_std_fmt_put(b, s, n) < 0 ||
        (left && js_std_fmt_pad(b, pad) < 0))
        return -1;
    return 0;
}

static int js_std_fmt_string(JSSTDFmtBuf *b, const JSSTDConv *c, JSValueConst arg)
{
    size_t len;
    const char *s = JS_ToCStringLen(b->ctx, &len, arg);
    int ret;
    if (!s)
        return -1;
    ret = js_std_fmt_text(b, c, s, len);
    JS_FreeCString(b->ctx, s);
    return ret;
}

static size_t js_std_utf8_encode(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = 0xc0 | (c >> 6);
        out[1] = 0x80 | (c & 0x3f);
        return 2;
    }
    if (c < 0x10000) {
        out[0] = 0xe0 | (c >> 12);
        out[1] = 0x80 | ((c >> 6) & 0x3f);
        out[2] = 0x80 | (c & 0x3f);
        return 3;
    }
    out[0] = 0xf0 | (c >> 18);
    out[1] = 0x80 | ((c >> 12) & 0x3f);
    out[2] = 0x80 | ((c >> 6) & 0x3f);
    out[3] = 0x80 | (c & 0x3f);
    return 4;
}

/* %c: a number is a code point, a string gives its first character */
static int js_std_fmt_char(JSSTDFmtBuf *b, const JSSTDConv *c, JSValueConst arg)
{
    JSSTDConv one = *c;
    char utf8[4];
    int32_t cp;
    one.prec = 1;
    if (JS_IsString(arg))
        return js_std_fmt_string(b, &one, arg);
    if (JS_ToInt32(b->ctx, &cp, arg) < 0)
        return -1;
    if (cp < 0 || cp > 0x10ffff) {
        JS_ThrowRangeError(b->ctx, "printf: %%c of an invalid code point (%d)", (int)cp);
        return -1;
    }
    one.prec = -1;
    return js_std_fmt_text(b, &one, utf8, js_std_utf8_encode(utf8, cp));
}

/* appends snprintf(spec, ...) for one number */
#define JS_STD_FMT_SNPRINTF(b, spec, value)                                                        \
    do {                                                                                           \
        int n_ = snprintf(NULL, 0, spec, value);                                                   \
        if (n_ < 0 || js_std_fmt_reserve(b, n_) < 0)                                               \
            return -1;                                                                             \
        snprintf((b)->buf + (b)->len, n_ + 1, spec, value);                                        \
        (b)->len += n_;                                                                            \
    } while (0)

static int js_std_fmt_number(JSSTDFmtBuf *b, const JSSTDConv *c, JSValueConst arg)
{
    char spec[48];
    int n = 1;
    bool is_int = strchr("diouxX", c->conv) != NULL;
    bool is64 = c->is64 || (is_int && JS_IsBigInt(arg));
    spec[0] = '%';
    /* '#' is undefined behaviour for the decimal conversions */
    for (const char *f = c->flags; *f; f++) {
        if (*f != '#' || !strchr("diu", c->conv))
            spec[n++] = *f;
    }
    if (c->width > 0)
        n += snprintf(spec + n, sizeof(spec) - n, "%d", c->width);
    if (c->prec >= 0)
        n += snprintf(spec + n, sizeof(spec) - n, ".%d", c->prec);
    snprintf(spec + n, sizeof(spec) - n, "%s%c", is_int && is64 ? "ll" : "", c->conv);
    if (!is_int) {
        double d;
        if (JS_ToFloat64(b->ctx, &d, arg) < 0)
            return -1;
        JS_STD_FMT_SNPRINTF(b, spec, d);
    } else if (is64) {
        int64_t v;
        if ((JS_IsBigInt(arg) ? JS_ToBigInt64(b->ctx, &v, arg) : JS_ToInt64(b->ctx, &v, arg)) < 0)
            return -1;
        if (c->conv == 'd' || c->conv == 'i')
            JS_STD_FMT_SNPRINTF(b, spec, (long long)v);
        else
            JS_STD_FMT_SNPRINTF(b, spec, (unsigned long long)v);
    } else {
        int32_t v;
        if (JS_ToInt32(b->ctx, &v, arg) < 0)
            return -1;
        if (c->conv == 'd' || c->conv == 'i')
            JS_STD_FMT_SNPRINTF(b, spec, (int)v);
        else
            JS_STD_FMT_SNPRINTF(b, spec, (unsigned)v);
    }
    return 0;
}

/* a width or precision: digits, or `*` taking the next argument */
static int js_std_fmt_count(JSSTDFmtBuf *b, const char **pp, int *pres, int argc,
                            JSValueConst *argv, int *parg)
{
    const char *p = *pp;
    int64_t v = 0;
    if (*p == '*') {
        int32_t a;
        if (*parg >= argc) {
            JS_ThrowTypeError(b->ctx, "printf: missing argument for '*'");
            return -1;
        }
        if (JS_ToInt32(b->ctx, &a, argv[(*parg)++]) < 0)
            return -1;
        v = a;
        p++;
    } else {
        while (*p >= '0' && *p <= '9' && v <= JS_STD_FMT_MAX_WIDTH)
            v = v * 10 + (*p++ - '0');
    }
    if (v > JS_STD_FMT_MAX_WIDTH || v < -JS_STD_FMT_MAX_WIDTH) {
        JS_ThrowRangeError(b->ctx, "printf: width or precision too large");
        return -1;
    }
    *pres = (int)v;
    *pp = p;
    return 0;
}

/* parses the conversion after a '%' at *pp */
static int js_std_fmt_parse(JSSTDFmtBuf *b, const char **pp, JSSTDConv *c, int argc,
                            JSValueConst *argv, int *parg)
{
    const char *p = *pp;
    size_t nflags = 0;
    memset(c, 0, sizeof(*c));
    c->prec = -1;
    while (*p && strchr("-+ #0", *p)) {
        if (!strchr(c->flags, *p) && nflags < sizeof(c->flags) - 1)
            c->flags[nflags++] = *p;
        p++;
    }
    if (js_std_fmt_count(b, &p, &c->width, argc, argv, parg) < 0)
        return -1;
    if (c->width < 0) { /* a negative `*` width means left-justified */
        c->width = -c->width;
        if (!strchr(c->flags, '-') && nflags < sizeof(c->flags) - 1)
            c->flags[nflags++] = '-';
    }
    if (*p == '.') {
        p++;
        if (js_std_fmt_count(b, &p, &c->prec, argc, argv, parg) < 0)
            return -1;
        if (c->prec < 0)
            c->prec = -1;
    }
    while (*p && strchr("hlLqjzt", *p)) {
        if (*p == 'l' || *p == 'q' || *p == 'j' || *p == 'z' || *p == 't' || *p == 'L')
            c->is64 = true;
        p++;
    }
    c->conv = *p;
    if (!c->conv || !strchr("diouxXfFeEgGaAcs%", c->conv)) {
        JS_ThrowTypeError(b->ctx, "printf: invalid conversion '%%%.*s'", (int)(p - *pp + 1), *pp);
        return -1;
    }
    *pp = p + 1;
    return 0;
}

static int js_std_fmt_one(JSSTDFmtBuf *b, const JSSTDConv *c, int argc, JSValueConst *argv,
                          int *parg)
{
    JSValueConst arg;
    if (c->conv == '%')
        return js_std_fmt_put(b, "%", 1);
    if (*parg >= argc) {
        JS_ThrowTypeError(b->ctx, "printf: missing argument for %%%c", c->conv);
        return -1;
    }
    arg = argv[(*parg)++];
    if (c->conv == 's')
        return js_std_fmt_string(b, c, arg);
    if (c->conv == 'c')
        return js_std_fmt_char(b, c, arg);
    return js_std_fmt_number(b, c, arg);
}

JSValue js_std_format(JSContext *ctx, JSValueConst fmt_val, int argc, JSValueConst *argv)
{
    JSSTDFmtBuf b = {ctx, NULL, 0, 0};
    const char *fmt, *p, *pct;
    size_t len;
    int arg = 0, ret = 0;
    JSSTDConv c;
    JSValue res;
    fmt = JS_ToCStringLen(ctx, &len, fmt_val);
    if (!fmt)
        return JS_EXCEPTION;
    for (p = fmt; ret == 0 && p < fmt + len;) {
        pct = memchr(p, '%', fmt + len - p);
        if (!pct) {
            ret = js_std_fmt_put(&b, p, fmt + len - p);
            break;
        }
        ret = js_std_fmt_put(&b, p, pct - p);
        p = pct + 1;
        if (ret == 0)
            ret = js_std_fmt_parse(&b, &p, &c, argc, argv, &arg);
        if (ret == 0)
            ret = js_std_fmt_one(&b, &c, argc, argv, &arg);
    }
    JS_FreeCString(ctx, fmt);
    res = ret < 0 ? JS_EXCEPTION : JS_NewStringLen(ctx, b.buf ? b.buf : "", b.len);
    js_free(ctx, b.buf);
    return res;
}
