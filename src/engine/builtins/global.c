/*
 * global.c — the value properties and functions of the global object
 * (ECMA-262 §19.1, §19.2): globalThis, NaN, Infinity, undefined, parseInt,
 * parseFloat, isNaN, isFinite, the URI encoding functions, and Annex B's
 * escape/unescape.
 *
 * parseInt and parseFloat are also Number.parseInt and Number.parseFloat
 * (the same function objects): js_init_global installs them there, since
 * Number is initialised first. `eval` is installed by the compiler.
 */
#include <math.h>

#include "builtins.h"
#include "../conv.h"
#include "../dtoa.h"
#include "../error.h"
#include "../function.h"
#include "../object.h"
#include "../str.h"
#include "../unicode.h"

/* StrWhiteSpaceChar: WhiteSpace or LineTerminator */
static bool js_global_is_space(uint32_t c)
{
    return js_unicode_is_space(c) || js_unicode_is_line_terminator(c);
}

static uint32_t js_global_skip_space(const JSString *p, uint32_t i)
{
    while (i < p->len && js_global_is_space(string_get(p, i)))
        i++;
    return i;
}

/* the value of c as a digit in radix 36, or 36 when it is not a digit */
static int js_global_digit(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c |= 0x20;
    if (c >= 'a' && c <= 'z')
        return (int)(c - 'a' + 10);
    return 36;
}

/* p[start, end) as ASCII bytes in buf (when it fits) or a new block */
static char *js_global_ascii_copy(JSContext *ctx, const JSString *p, uint32_t start, uint32_t end,
                                  char *buf, size_t buf_size)
{
    char *s = buf;
    if (end - start >= buf_size) {
        s = js_malloc(ctx, end - start + 1);
        if (!s)
            return NULL;
    }
    for (uint32_t i = start; i < end; i++)
        s[i - start] = (char)string_get(p, i);
    s[end - start] = '\0';
    return s;
}

/* ---------------------------------------------------------------------
 * parseInt
 * ------------------------------------------------------------------- */
/* the digits p[start, end) in radix, correctly rounded */
static int js_global_digits_value(JSContext *ctx, double *pd, const JSString *p, uint32_t start,
                                  uint32_t end, int radix)
{
    char small[64], *buf;
    uint64_t acc = 0;
    uint32_t i;
    /* exact while the value stays below 2^53 */
    for (i = start; i < end && acc < ((uint64_t)1 << 46); i++)
        acc = acc * (uint64_t)radix + (uint64_t)js_global_digit(string_get(p, i));
    if (i == end) {
        *pd = (double)acc;
        return 0;
    }
    buf = js_global_ascii_copy(ctx, p, start, end, small, sizeof(small));
    if (!buf)
        return -1;
    *pd = js_atod_radix(buf, end - start, radix);
    if (buf != small)
        js_free(ctx, buf);
    return 0;
}

/* the spec's steps after the conversions: radix is ToInt32(radix) */
static JSValue js_global_parse_int(JSContext *ctx, const JSString *p, int32_t radix)
{
    uint32_t i = js_global_skip_space(p, 0), start;
    bool neg = false, strip_prefix = true;
    double d;
    if (i < p->len && (string_get(p, i) == '-' || string_get(p, i) == '+')) {
        neg = string_get(p, i) == '-';
        i++;
    }
    if (radix != 0) {
        if (radix < 2 || radix > 36)
            return JS_NewFloat64(ctx, NAN);
        strip_prefix = radix == 16;
    } else {
        radix = 10;
    }
    if (strip_prefix && i + 1 < p->len && string_get(p, i) == '0' &&
        (string_get(p, i + 1) | 0x20) == 'x') {
        i += 2;
        radix = 16;
    }
    start = i;
    while (i < p->len && js_global_digit(string_get(p, i)) < radix)
        i++;
    if (i == start)
        return JS_NewFloat64(ctx, NAN);
    if (js_global_digits_value(ctx, &d, p, start, i, radix) < 0)
        return JS_EXCEPTION;
    /* "-0" gives -0 */
    return JS_NewNumber(ctx, neg ? -d : d);
}

static JSValue js_global_parseInt(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValue str, res;
    int32_t radix;
    /* an int32 reads back as itself in radix 10 */
    if (JS_IsInt(argv[0]) && (JS_IsUndefined(argv[1]) || argv[1] == JS_NewInt32(ctx, 10)))
        return argv[0];
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    if (JS_ToInt32(ctx, &radix, argv[1]) < 0) {
        JS_FreeValue(ctx, str);
        return JS_EXCEPTION;
    }
    res = js_global_parse_int(ctx, JS_VALUE_GET_STRING(str), radix);
    JS_FreeValue(ctx, str);
    return res;
}

/* ---------------------------------------------------------------------
 * parseFloat
 * ------------------------------------------------------------------- */
static bool js_global_match_ascii(const JSString *p, uint32_t i, const char *word)
{
    for (; *word; word++, i++) {
        if (i >= p->len || string_get(p, i) != (uint8_t)*word)
            return false;
    }
    return true;
}

static bool js_global_is_decimal_char(uint32_t c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
}

/* the longest prefix of p[i..] that is a StrDecimalLiteral */
static JSValue js_global_parse_float(JSContext *ctx, const JSString *p)
{
    uint32_t i = js_global_skip_space(p, 0), end;
    bool neg = false;
    char small[64], *buf;
    size_t used;
    double d;
    if (i < p->len && (string_get(p, i) == '-' || string_get(p, i) == '+')) {
        neg = string_get(p, i) == '-';
        i++;
    }
    if (js_global_match_ascii(p, i, "Infinity"))
        return JS_NewFloat64(ctx, neg ? -INFINITY : INFINITY);
    /* js_strtod takes the longest valid prefix of this run */
    for (end = i; end < p->len && js_global_is_decimal_char(string_get(p, end)); end++)
        continue;
    buf = js_global_ascii_copy(ctx, p, i, end, small, sizeof(small));
    if (!buf)
        return JS_EXCEPTION;
    d = js_strtod(buf, end - i, &used);
    if (buf != small)
        js_free(ctx, buf);
    if (used == 0)
        return JS_NewFloat64(ctx, NAN);
    return JS_NewNumber(ctx, neg ? -d : d);
}

static JSValue js_global_parseFloat(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    JSValue str, res;
    /* a number's string form reads back as the number, except -0 */
    if (JS_IsNumber(argv[0]))
        return js_value_to_double(argv[0]) == 0 ? JS_NewInt32(ctx, 0) : argv[0];
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    res = js_global_parse_float(ctx, JS_VALUE_GET_STRING(str));
    JS_FreeValue(ctx, str);
    return res;
}

/* ---------------------------------------------------------------------
 * isNaN, isFinite
 * ------------------------------------------------------------------- */
static JSValue js_global_isNaN(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double d;
    if (JS_ToFloat64(ctx, &d, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, isnan(d));
}

static JSValue js_global_isFinite(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    double d;
    if (JS_ToFloat64(ctx, &d, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, isfinite(d));
}

/* ---------------------------------------------------------------------
 * Character sets of the encoding functions, as 128-bit maps of ASCII
 * ------------------------------------------------------------------- */
typedef uint32_t JSCharSet[4];

/* uriUnreserved: ASCII letters, digits and -_.!~*'() */
static const JSCharSet js_uri_unreserved = {0x00000000, 0x03ff6782, 0x87fffffe, 0x47fffffe};
/* uriUnreserved plus uriReserved and '#': what encodeURI leaves alone */
static const JSCharSet js_uri_unescaped = {0x00000000, 0xafffffda, 0x87ffffff, 0x47fffffe};
/* uriReserved plus '#' (;/?:@&=+$,#): the escapes decodeURI preserves */
static const JSCharSet js_uri_reserved = {0x00000000, 0xac009858, 0x00000001, 0x00000000};
/* what escape() leaves alone: ASCII letters, digits and @*_+-./ */
static const JSCharSet js_escape_unescaped = {0x00000000, 0x03ffec00, 0x87ffffff, 0x07fffffe};

static inline bool js_char_in_set(const JSCharSet set, uint32_t c)
{
    return c < 128 && ((set[c >> 5] >> (c & 31)) & 1);
}

static const char js_global_hex[] = "0123456789ABCDEF";

/* "%XX" */
static int js_global_put_hex_byte(StringBuffer *b, uint32_t byte)
{
    uint8_t esc[3] = {'%', (uint8_t)js_global_hex[byte >> 4], (uint8_t)js_global_hex[byte & 15]};
    return string_buffer_write8(b, esc, 3);
}

/* the end of the run of characters from i that are in set */
static uint32_t js_global_span(const JSString *p, uint32_t i, const JSCharSet set)
{
    while (i < p->len && js_char_in_set(set, string_get(p, i)))
        i++;
    return i;
}

/* ---------------------------------------------------------------------
 * URI encoding (§19.2.6)
 * ------------------------------------------------------------------- */
/* Encode(string, extraUnescaped): magic 1 for encodeURIComponent */
static JSValue js_global_encode_uri(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv, int component)
{
    const uint32_t *set = component ? js_uri_unreserved : js_uri_unescaped;
    JSValue str = JS_ToString(ctx, argv[0]);
    const JSString *p;
    StringBuffer b;
    uint32_t k;
    if (JS_IsException(str))
        return str;
    p = JS_VALUE_GET_STRING(str);
    k = js_global_span(p, 0, set);
    if (k == p->len)
        return str; /* nothing to escape */
    string_buffer_init(ctx, &b, p->len + 16);
    string_buffer_concat(&b, p, 0, k);
    while (k < p->len) {
        uint32_t end = js_global_span(p, k, set), cp;
        uint8_t utf8[4];
        int n;
        string_buffer_concat(&b, p, k, end);
        if ((k = end) == p->len)
            break;
        /* CodePointAt: a lone surrogate cannot be encoded */
        cp = js_string_get_codepoint(p, &k);
        if (cp >= 0xd800 && cp <= 0xdfff) {
            JS_FreeValue(ctx, str);
            string_buffer_free(&b);
            return js_throw_error(ctx, JS_NATIVE_ERROR_URI, "URI malformed: lone surrogate");
        }
        n = js_utf8_encode(utf8, cp);
        for (int i = 0; i < n; i++)
            js_global_put_hex_byte(&b, utf8[i]);
    }
    JS_FreeValue(ctx, str);
    return string_buffer_end(&b);
}

/* ParseHexOctet at p[i, i+2), or -1 */
static int js_global_hex_octet(const JSString *p, uint32_t i)
{
    int hi, lo;
    if (i + 2 > p->len)
        return -1;
    hi = js_global_digit(string_get(p, i));
    lo = js_global_digit(string_get(p, i + 1));
    if (hi >= 16 || lo >= 16)
        return -1;
    return hi * 16 + lo;
}

/* the continuation octets of a UTF-8 sequence of n bytes starting with
   lead, read from the "%XX" escapes after *pk; the code point, or -1 when
   the escapes or the UTF-8 are malformed */
static int32_t js_global_decode_utf8_tail(const JSString *p, uint32_t *pk, int lead, int n)
{
    static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    uint32_t k = *pk, cp = (uint32_t)lead & (0x7fu >> n);
    for (int j = 1; j < n; j++) {
        int byte;
        k++;
        if (k + 3 > p->len || string_get(p, k) != '%')
            return -1;
        byte = js_global_hex_octet(p, k + 1);
        if (byte < 0 || (byte & 0xc0) != 0x80)
            return -1;
        cp = (cp << 6) | (uint32_t)(byte & 0x3f);
        k += 2;
    }
    *pk = k;
    /* overlong forms, surrogates and values past U+10FFFF are not UTF-8 */
    if (cp < min_cp[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return -1;
    return (int32_t)cp;
}

/* one escape sequence at p[*pk] == '%': appends what it decodes to and
   leaves *pk on its last character; -1 when malformed */
static int js_global_decode_escape(StringBuffer *b, const JSString *p, uint32_t *pk, bool component)
{
    uint32_t start = *pk;
    int byte = js_global_hex_octet(p, start + 1), n;
    int32_t cp;
    if (byte < 0)
        return -1;
    *pk = start + 2;
    if (byte < 0x80) {
        if (!component && js_char_in_set(js_uri_reserved, (uint32_t)byte))
            return string_buffer_concat(b, p, start, start + 3);
        return string_buffer_putc8(b, (uint32_t)byte);
    }
    /* n = the number of leading one bits of the first octet */
    n = __builtin_clz(~((uint32_t)byte << 24));
    if (n == 1 || n > 4)
        return -1;
    cp = js_global_decode_utf8_tail(p, pk, byte, n);
    if (cp < 0)
        return -1;
    return string_buffer_putc(b, (uint32_t)cp);
}

/* Decode(string, preserveEscapeSet): magic 1 for decodeURIComponent */
static JSValue js_global_decode_uri(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv, int component)
{
    JSValue str = JS_ToString(ctx, argv[0]);
    const JSString *p;
    StringBuffer b;
    uint32_t k, run;
    if (JS_IsException(str))
        return str;
    p = JS_VALUE_GET_STRING(str);
    if (js_string_indexof_char(p, '%', 0) < 0)
        return str; /* no escapes */
    string_buffer_init(ctx, &b, p->len);
    for (k = 0; k < p->len; k++) {
        for (run = k; k < p->len && string_get(p, k) != '%'; k++)
            continue;
        string_buffer_concat(&b, p, run, k);
        if (k < p->len && js_global_decode_escape(&b, p, &k, component) < 0) {
            if (b.error_status)
                break; /* out of memory: string_buffer_end throws */
            JS_FreeValue(ctx, str);
            string_buffer_free(&b);
            return js_throw_error(ctx, JS_NATIVE_ERROR_URI, "URI malformed");
        }
    }
    JS_FreeValue(ctx, str);
    return string_buffer_end(&b);
}

/* ---------------------------------------------------------------------
 * Annex B: escape, unescape
 * ------------------------------------------------------------------- */
static JSValue js_global_escape(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue str = JS_ToString(ctx, argv[0]);
    const JSString *p;
    StringBuffer b;
    uint32_t k;
    if (JS_IsException(str))
        return str;
    p = JS_VALUE_GET_STRING(str);
    k = js_global_span(p, 0, js_escape_unescaped);
    if (k == p->len)
        return str;
    string_buffer_init(ctx, &b, p->len + 16);
    string_buffer_concat(&b, p, 0, k);
    for (; k < p->len; k++) {
        uint32_t c = string_get(p, k);
        if (js_char_in_set(js_escape_unescaped, c)) {
            string_buffer_putc8(&b, c);
        } else if (c < 0x100) {
            js_global_put_hex_byte(&b, c);
        } else {
            uint8_t esc[6] = {'%', 'u'};
            for (int i = 0; i < 4; i++)
                esc[2 + i] = (uint8_t)js_global_hex[(c >> (12 - 4 * i)) & 15];
            string_buffer_write8(&b, esc, 6);
        }
    }
    JS_FreeValue(ctx, str);
    return string_buffer_end(&b);
}

/* the value of n hex digits at p[i..], or -1 */
static int32_t js_global_hex_n(const JSString *p, uint32_t i, int n)
{
    int32_t v = 0;
    if (i + (uint32_t)n > p->len)
        return -1;
    for (int j = 0; j < n; j++) {
        int d = js_global_digit(string_get(p, i + j));
        if (d >= 16)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static JSValue js_global_unescape(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValue str = JS_ToString(ctx, argv[0]);
    const JSString *p;
    StringBuffer b;
    if (JS_IsException(str))
        return str;
    p = JS_VALUE_GET_STRING(str);
    if (js_string_indexof_char(p, '%', 0) < 0)
        return str;
    string_buffer_init(ctx, &b, p->len);
    for (uint32_t k = 0; k < p->len; k++) {
        uint32_t c = string_get(p, k);
        int32_t v;
        if (c == '%') {
            /* %uXXXX, else %XX, else a literal '%' */
            if (k + 1 < p->len && string_get(p, k + 1) == 'u' &&
                (v = js_global_hex_n(p, k + 2, 4)) >= 0) {
                c = (uint32_t)v;
                k += 5;
            } else if ((v = js_global_hex_n(p, k + 1, 2)) >= 0) {
                c = (uint32_t)v;
                k += 2;
            }
        }
        string_buffer_putc16(&b, c);
    }
    JS_FreeValue(ctx, str);
    return string_buffer_end(&b);
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_global_funcs[] = {
    JS_CFUNC_DEF("parseInt", 2, js_global_parseInt),
    JS_CFUNC_DEF("parseFloat", 1, js_global_parseFloat),
    JS_CFUNC_DEF("isNaN", 1, js_global_isNaN),
    JS_CFUNC_DEF("isFinite", 1, js_global_isFinite),
    JS_CFUNC_MAGIC_DEF("decodeURI", 1, js_global_decode_uri, 0),
    JS_CFUNC_MAGIC_DEF("decodeURIComponent", 1, js_global_decode_uri, 1),
    JS_CFUNC_MAGIC_DEF("encodeURI", 1, js_global_encode_uri, 0),
    JS_CFUNC_MAGIC_DEF("encodeURIComponent", 1, js_global_encode_uri, 1),
    JS_CFUNC_DEF("escape", 1, js_global_escape),
    JS_CFUNC_DEF("unescape", 1, js_global_unescape),
    JS_PROP_DOUBLE_DEF("Infinity", INFINITY, 0),
    JS_PROP_DOUBLE_DEF("NaN", NAN, 0),
    JS_PROP_UNDEFINED_DEF("undefined", 0),
};

/* Number.parseInt / Number.parseFloat are the global functions */
static int js_global_share_with_number(JSContext *ctx, JSValueConst global)
{
    static const char *const names[] = {"parseFloat", "parseInt"};
    JSValue number = JS_GetProperty(ctx, global, JS_ATOM_Number);
    int ret = 0;
    if (JS_IsException(number))
        return -1;
    for (size_t i = 0; i < countof(names) && ret >= 0; i++) {
        JSValue f = JS_GetPropertyStr(ctx, global, names[i]);
        if (JS_IsException(f))
            ret = -1;
        else
            ret = JS_DefinePropertyValueStr(ctx, number, names[i], f,
                                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    }
    JS_FreeValue(ctx, number);
    return ret < 0 ? -1 : 0;
}

int js_init_global(JSContext *ctx)
{
    JSValueConst global = ctx->global_obj;
    if (JS_DefinePropertyValue(ctx, global, JS_ATOM_globalThis, JS_DupValue(ctx, global),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        return -1;
    if (JS_SetPropertyFunctionList(ctx, global, js_global_funcs, countof(js_global_funcs)) < 0)
        return -1;
    return js_global_share_with_number(ctx, global);
}
