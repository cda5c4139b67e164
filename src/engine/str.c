/*
 * str.c — string storage: allocation, ropes and their iterative
 * flattening/freeing, comparisons, UTF-8 conversion and StringBuffer.
 *
 * Ropes make repeated concatenation (s += x) linear: a rope node only
 * references its two halves, and the characters are copied once, when
 * somebody first needs them. Ropes can be millions of levels deep, so
 * flattening and freeing them never recurse on the C stack.
 */
#include <stdio.h>

#include "str.h"
#include "atom.h"
#include "error.h"
#include "runtime.h"

JSString *js_alloc_string_rt(JSRuntime *rt, uint32_t max_len, int is_wide)
{
    JSString *p = js_malloc_rt(rt, sizeof(JSString) + (max_len << is_wide) + 1 - is_wide);
    if (!p)
        return NULL;
    p->header.ref_count = 1;
    p->len = max_len;
    p->is_wide_char = is_wide;
    p->hash = 0;
    p->atom_type = 0;
    p->is_rope = 0;
    p->hash_next = 0;
    return p;
}

JSString *js_alloc_string(JSContext *ctx, uint32_t max_len, int is_wide)
{
    JSString *p;
    if (max_len > JS_STRING_LEN_MAX) {
        JS_ThrowRangeError(ctx, "invalid string length");
        return NULL;
    }
    p = js_alloc_string_rt(ctx->rt, max_len, is_wide);
    if (!p)
        JS_ThrowOutOfMemory(ctx);
    return p;
}

/* Frees the ropes queued on rt->rope_free_list, releasing their children;
   children that are ropes themselves are queued instead of recursing. */
static void js_drain_rope_free_list(JSRuntime *rt)
{
    while (rt->rope_free_list) {
        JSStringRope *r = rt->rope_free_list;
        JSValue kids[2] = {r->left, r->right};
        rt->rope_free_list = (JSStringRope *)r->flat;
        for (int i = 0; i < 2; i++) {
            if (JS_IsUndefined(kids[i]))
                continue;
            JSString *c = JS_VALUE_GET_STRING(kids[i]);
            if (--c->header.ref_count > 0)
                continue;
            if (c->is_rope) {
                JSStringRope *cr = (JSStringRope *)c;
                if (cr->flat)
                    js_free_string(rt, cr->flat);
                cr->flat = (JSString *)rt->rope_free_list;
                rt->rope_free_list = cr;
            } else if (c->atom_type) {
                js_free_atom_struct(rt, c);
            } else {
                js_free_rt(rt, c);
            }
        }
        js_free_rt(rt, r);
    }
}

void js_free_string_rt(JSRuntime *rt, JSString *p)
{
    if (p->atom_type) {
        js_free_atom_struct(rt, p);
    } else if (!p->is_rope) {
        js_free_rt(rt, p);
    } else {
        JSStringRope *r = (JSStringRope *)p;
        bool draining = rt->rope_free_list != NULL;
        if (r->flat)
            js_free_string(rt, r->flat);
        r->flat = (JSString *)rt->rope_free_list;
        rt->rope_free_list = r;
        /* when the list was not empty, an outer call is draining it */
        if (!draining)
            js_drain_rope_free_list(rt);
    }
}

JSValue js_new_string8_len(JSContext *ctx, const char *buf, uint32_t len)
{
    JSString *p;
    if (len == 0)
        return JS_AtomToString(ctx, JS_ATOM_empty_string);
    p = js_alloc_string(ctx, len, 0);
    if (!p)
        return JS_EXCEPTION;
    memcpy(p->u.str8, buf, len);
    p->u.str8[len] = '\0';
    return js_string_value(p);
}

JSValue js_new_string8(JSContext *ctx, const char *buf)
{
    return js_new_string8_len(ctx, buf, strlen(buf));
}

JSValue js_new_string16_len(JSContext *ctx, const uint16_t *buf, uint32_t len)
{
    JSString *p;
    uint32_t i;
    for (i = 0; i < len; i++) {
        if (buf[i] >= 0x100)
            break;
    }
    if (i == len) {
        if (len == 0)
            return JS_AtomToString(ctx, JS_ATOM_empty_string);
        p = js_alloc_string(ctx, len, 0);
        if (!p)
            return JS_EXCEPTION;
        for (i = 0; i < len; i++)
            p->u.str8[i] = (uint8_t)buf[i];
        p->u.str8[len] = '\0';
    } else {
        p = js_alloc_string(ctx, len, 1);
        if (!p)
            return JS_EXCEPTION;
        memcpy(p->u.str16, buf, len * 2);
    }
    return js_string_value(p);
}

JSValue js_new_string_char(JSContext *ctx, uint16_t c)
{
    if (c < 0x100) {
        char ch = (char)c;
        return js_new_string8_len(ctx, &ch, 1);
    }
    return js_new_string16_len(ctx, &c, 1);
}

JSValue js_new_string_codepoint(JSContext *ctx, uint32_t c)
{
    uint16_t buf[2];
    if (c < 0x10000)
        return js_new_string_char(ctx, (uint16_t)c);
    c -= 0x10000;
    buf[0] = (uint16_t)(0xd800 + (c >> 10));
    buf[1] = (uint16_t)(0xdc00 + (c & 0x3ff));
    return js_new_string16_len(ctx, buf, 2);
}

JSValue js_sub_string(JSContext *ctx, JSString *p, uint32_t start, uint32_t end)
{
    uint32_t len = end - start;
    if (start == 0 && end == p->len)
        return js_dup_string(p);
    if (p->is_wide_char)
        return js_new_string16_len(ctx, p->u.str16 + start, len);
    return js_new_string8_len(ctx, (const char *)p->u.str8 + start, len);
}

/* ---------------------------------------------------------------------
 * Ropes
 * ------------------------------------------------------------------- */
static uint32_t js_string_depth(JSString *p)
{
    return p->is_rope ? ((JSStringRope *)p)->depth : 0;
}

static void js_copy_flat(JSString *dst, uint32_t pos, const JSString *src)
{
    if (dst->is_wide_char) {
        if (src->is_wide_char) {
            memcpy(dst->u.str16 + pos, src->u.str16, src->len * 2);
        } else {
            for (uint32_t i = 0; i < src->len; i++)
                dst->u.str16[pos + i] = src->u.str8[i];
        }
    } else {
        memcpy(dst->u.str8 + pos, src->u.str8, src->len);
    }
}

/* copies the characters of a rope into a new flat string, walking the
   tree with an explicit stack */
static JSString *js_rope_flatten(JSContext *ctx, JSStringRope *root)
{
    JSString *res, **stack;
    uint32_t sp = 0, pos = 0;
    res = js_alloc_string(ctx, root->len, root->is_wide_char);
    if (!res)
        return NULL;
    stack = js_malloc(ctx, sizeof(*stack) * (root->depth + 2));
    if (!stack) {
        js_free(ctx, res);
        return NULL;
    }
    stack[sp++] = (JSString *)root;
    while (sp > 0) {
        JSString *p = stack[--sp];
        if (p->is_rope) {
            JSStringRope *r = (JSStringRope *)p;
            if (r->flat) {
                p = r->flat;
            } else {
                stack[sp++] = JS_VALUE_GET_STRING(r->right);
                stack[sp++] = JS_VALUE_GET_STRING(r->left);
                continue;
            }
        }
        js_copy_flat(res, pos, p);
        pos += p->len;
    }
    js_free(ctx, stack);
    if (!res->is_wide_char)
        res->u.str8[res->len] = '\0';
    return res;
}

JSString *js_get_flat_string(JSContext *ctx, JSValueConst v)
{
    JSString *p = JS_VALUE_GET_STRING(v);
    JSStringRope *r;
    JSValue left, right;
    if (!p->is_rope)
        return p;
    r = (JSStringRope *)p;
    if (r->flat)
        return r->flat;
    r->flat = js_rope_flatten(ctx, r);
    if (!r->flat)
        return NULL;
    left = r->left;
    right = r->right;
    r->left = JS_UNDEFINED;
    r->right = JS_UNDEFINED;
    r->depth = 0;
    JS_FreeValue(ctx, left);
    JS_FreeValue(ctx, right);
    return r->flat;
}

JSValue js_flatten_string(JSContext *ctx, JSValue v)
{
    JSString *p = js_get_flat_string(ctx, v);
    if (!p) {
        JS_FreeValue(ctx, v);
        return JS_EXCEPTION;
    }
    if (p == JS_VALUE_GET_STRING(v))
        return v;
    js_dup_string(p);
    JS_FreeValue(ctx, v);
    return js_string_value(p);
}

static JSValue js_concat_flat(JSContext *ctx, JSString *a, JSString *b)
{
    JSString *p = js_alloc_string(ctx, a->len + b->len, a->is_wide_char | b->is_wide_char);
    if (!p)
        return JS_EXCEPTION;
    js_copy_flat(p, 0, a);
    js_copy_flat(p, a->len, b);
    if (!p->is_wide_char)
        p->u.str8[p->len] = '\0';
    return js_string_value(p);
}

JSValue JS_ConcatStrings(JSContext *ctx, JSValue a, JSValue b)
{
    JSString *pa, *pb;
    JSValue res;
    uint64_t len;
    /* callers chain string builders: a failed allocation arrives here */
    if (JS_IsException(a) || JS_IsException(b)) {
        JS_FreeValue(ctx, a);
        JS_FreeValue(ctx, b);
        return JS_EXCEPTION;
    }
    pa = JS_VALUE_GET_STRING(a);
    pb = JS_VALUE_GET_STRING(b);
    len = (uint64_t)pa->len + pb->len;
    if (pb->len == 0) {
        JS_FreeValue(ctx, b);
        return a;
    }
    if (pa->len == 0) {
        JS_FreeValue(ctx, a);
        return b;
    }
    if (len > JS_STRING_LEN_MAX) {
        res = JS_ThrowRangeError(ctx, "invalid string length");
    } else if (len < JS_ROPE_MIN_LEN) {
        JSString *fa = js_get_flat_string(ctx, a);
        JSString *fb = fa ? js_get_flat_string(ctx, b) : NULL;
        res = fb ? js_concat_flat(ctx, fa, fb) : JS_EXCEPTION;
    } else {
        JSStringRope *r = js_malloc(ctx, sizeof(JSStringRope));
        if (!r) {
            res = JS_EXCEPTION;
        } else {
            uint32_t da = js_string_depth(pa), db = js_string_depth(pb);
            r->header.ref_count = 1;
            r->len = (uint32_t)len;
            r->is_wide_char = pa->is_wide_char | pb->is_wide_char;
            r->hash = 0;
            r->atom_type = 0;
            r->is_rope = 1;
            r->depth = (da > db ? da : db) + 1;
            r->left = a;
            r->right = b;
            r->flat = NULL;
            return JS_MKPTR(JS_TAG_STRING, r);
        }
    }
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    return res;
}

JSValue js_concat_cstring(JSContext *ctx, JSValue a, const char *b)
{
    JSValue bv = js_new_string8(ctx, b);
    if (JS_IsException(bv)) {
        JS_FreeValue(ctx, a);
        return bv;
    }
    return JS_ConcatStrings(ctx, a, bv);
}

/* ---------------------------------------------------------------------
 * Comparisons
 * ------------------------------------------------------------------- */
int js_string_compare(const JSString *a, const JSString *b)
{
    uint32_t n = a->len < b->len ? a->len : b->len;
    if (!a->is_wide_char && !b->is_wide_char) {
        int r = memcmp(a->u.str8, b->u.str8, n);
        if (r)
            return r < 0 ? -1 : 1;
    } else {
        for (uint32_t i = 0; i < n; i++) {
            int ca = string_get(a, i), cb = string_get(b, i);
            if (ca != cb)
                return ca < cb ? -1 : 1;
        }
    }
    if (a->len == b->len)
        return 0;
    return a->len < b->len ? -1 : 1;
}

bool js_string_eq(const JSString *a, const JSString *b)
{
    if (a == b)
        return true;
    if (a->len != b->len)
        return false;
    if (a->is_wide_char == b->is_wide_char)
        return memcmp(a->u.str8, b->u.str8, (size_t)a->len << a->is_wide_char) == 0;
    return js_string_compare(a, b) == 0;
}

bool js_string_eq_cstr(const JSString *a, const char *s)
{
    size_t n = strlen(s);
    if (a->len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (string_get(a, i) != (uint8_t)s[i])
            return false;
    }
    return true;
}

int js_string_indexof_char(const JSString *p, int c, uint32_t from)
{
    if (p->is_wide_char) {
        for (uint32_t i = from; i < p->len; i++) {
            if (p->u.str16[i] == c)
                return i;
        }
    } else if (c < 0x100 && from < p->len) {
        const uint8_t *q = memchr(p->u.str8 + from, c, p->len - from);
        if (q)
            return q - p->u.str8;
    }
    return -1;
}

int js_string_indexof(const JSString *p, const JSString *needle, uint32_t from)
{
    uint32_t n = needle->len;
    int c0;
    if (n == 0)
        return from <= p->len ? (int)from : -1;
    if (n > p->len)
        return -1;
    c0 = string_get(needle, 0);
    while (from + n <= p->len) {
        int pos = js_string_indexof_char(p, c0, from);
        uint32_t k;
        if (pos < 0 || (uint32_t)pos + n > p->len)
            return -1;
        for (k = 1; k < n; k++) {
            if (string_get(p, pos + k) != string_get(needle, k))
                break;
        }
        if (k == n)
            return pos;
        from = pos + 1;
    }
    return -1;
}

uint32_t js_string_hash(const JSString *p)
{
    uint32_t h = 1;
    if (p->is_wide_char) {
        for (uint32_t i = 0; i < p->len; i++)
            h = h * 263 + p->u.str16[i];
    } else {
        for (uint32_t i = 0; i < p->len; i++)
            h = h * 263 + p->u.str8[i];
    }
    return h & 0x1fffffff;
}

uint32_t js_string_get_codepoint(const JSString *p, uint32_t *pidx)
{
    uint32_t i = *pidx, c = string_get(p, i++);
    if (c >= 0xd800 && c < 0xdc00 && i < p->len) {
        uint32_t c2 = string_get(p, i);
        if (c2 >= 0xdc00 && c2 < 0xe000) {
            c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
            i++;
        }
    }
    *pidx = i;
    return c;
}

/* ---------------------------------------------------------------------
 * UTF-8
 * ------------------------------------------------------------------- */
int js_utf8_encode(uint8_t *buf, uint32_t c)
{
    if (c < 0x80) {
        buf[0] = c;
        return 1;
    }
    if (c < 0x800) {
        buf[0] = 0xc0 | (c >> 6);
        buf[1] = 0x80 | (c & 0x3f);
        return 2;
    }
    if (c < 0x10000) {
        buf[0] = 0xe0 | (c >> 12);
        buf[1] = 0x80 | ((c >> 6) & 0x3f);
        buf[2] = 0x80 | (c & 0x3f);
        return 3;
    }
    buf[0] = 0xf0 | (c >> 18);
    buf[1] = 0x80 | ((c >> 12) & 0x3f);
    buf[2] = 0x80 | ((c >> 6) & 0x3f);
    buf[3] = 0x80 | (c & 0x3f);
    return 4;
}

int js_utf8_decode(const uint8_t **pp, const uint8_t *end)
{
    const uint8_t *p = *pp;
    uint32_t c = *p++, min;
    int n;
    if (c < 0x80) {
        *pp = p;
        return c;
    }
    if (c >= 0xc2 && c < 0xe0) {
        n = 1;
        c &= 0x1f;
        min = 0x80;
    } else if (c >= 0xe0 && c < 0xf0) {
        n = 2;
        c &= 0x0f;
        min = 0x800;
    } else if (c >= 0xf0 && c < 0xf5) {
        n = 3;
        c &= 0x07;
        min = 0x10000;
    } else {
        *pp = p;
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (p >= end || (*p & 0xc0) != 0x80) {
            *pp = p;
            return -1;
        }
        c = (c << 6) | (*p++ & 0x3f);
    }
    *pp = p;
    if (c < min || c > 0x10ffff)
        return -1;
    return c; /* surrogates (WTF-8) are accepted as code units */
}

JSValue js_new_string_utf8(JSContext *ctx, const char *buf, size_t len)
{
    const uint8_t *p = (const uint8_t *)buf, *end = p + len;
    StringBuffer b;
    size_t i;
    for (i = 0; i < len; i++) {
        if (p[i] >= 0x80)
            break;
    }
    if (i == len)
        return js_new_string8_len(ctx, buf, len);
    if (len > JS_STRING_LEN_MAX)
        return JS_ThrowRangeError(ctx, "invalid string length");
    if (string_buffer_init(ctx, &b, len))
        return JS_EXCEPTION;
    string_buffer_write8(&b, p, i);
    p += i;
    while (p < end) {
        int c = js_utf8_decode(&p, end);
        string_buffer_putc(&b, c < 0 ? 0xfffd : (uint32_t)c);
    }
    return string_buffer_end(&b);
}

/* ---------------------------------------------------------------------
 * StringBuffer
 * ------------------------------------------------------------------- */
int string_buffer_init2(JSContext *ctx, StringBuffer *s, uint32_t size, int is_wide)
{
    s->ctx = ctx;
    s->size = size;
    s->len = 0;
    s->is_wide_char = is_wide;
    s->error_status = 0;
    s->str = js_alloc_string(ctx, size, is_wide);
    if (!s->str) {
        s->size = 0;
        s->error_status = -1;
        return -1;
    }
    return 0;
}

int string_buffer_init(JSContext *ctx, StringBuffer *s, uint32_t size)
{
    return string_buffer_init2(ctx, s, size, 0);
}

void string_buffer_free(StringBuffer *s)
{
    js_free(s->ctx, s->str);
    s->str = NULL;
}

static int string_buffer_set_error(StringBuffer *s)
{
    js_free(s->ctx, s->str);
    s->str = NULL;
    s->size = 0;
    s->len = 0;
    return s->error_status = -1;
}

static int string_buffer_widen(StringBuffer *s, uint32_t size)
{
    JSString *str;
    uint32_t i;
    if (s->error_status)
        return -1;
    str = js_realloc(s->ctx, s->str, sizeof(JSString) + (size << 1));
    if (!str)
        return string_buffer_set_error(s);
    for (i = s->len; i-- > 0;)
        str->u.str16[i] = str->u.str8[i];
    s->is_wide_char = 1;
    s->size = size;
    s->str = str;
    return 0;
}

static int string_buffer_realloc(StringBuffer *s, uint32_t new_len, int c)
{
    JSString *new_str;
    uint32_t new_size;
    if (s->error_status)
        return -1;
    if (new_len > JS_STRING_LEN_MAX) {
        JS_ThrowRangeError(s->ctx, "invalid string length");
        return string_buffer_set_error(s);
    }
    new_size = s->size + s->size / 2;
    if (new_size < new_len)
        new_size = new_len;
    if (new_size < 16)
        new_size = 16;
    if (new_size > JS_STRING_LEN_MAX)
        new_size = JS_STRING_LEN_MAX;
    if (!s->is_wide_char && c >= 0x100)
        return string_buffer_widen(s, new_size);
    new_str = js_realloc(s->ctx, s->str,
                         sizeof(JSString) + (new_size << s->is_wide_char) + 1 - s->is_wide_char);
    if (!new_str)
        return string_buffer_set_error(s);
    s->size = new_size;
    s->str = new_str;
    return 0;
}

int string_buffer_putc16(StringBuffer *s, uint32_t c)
{
    if (js_unlikely(s->len >= s->size)) {
        if (string_buffer_realloc(s, s->len + 1, c))
            return -1;
    }
    if (s->is_wide_char) {
        s->str->u.str16[s->len++] = c;
    } else if (c < 0x100) {
        s->str->u.str8[s->len++] = c;
    } else {
        if (string_buffer_widen(s, s->size))
            return -1;
        s->str->u.str16[s->len++] = c;
    }
    return 0;
}

int string_buffer_putc8(StringBuffer *s, uint32_t c)
{
    return string_buffer_putc16(s, c & 0xff);
}

int string_buffer_putc(StringBuffer *s, uint32_t c)
{
    if (js_unlikely(c >= 0x10000)) {
        c -= 0x10000;
        if (string_buffer_putc16(s, 0xd800 + (c >> 10)))
            return -1;
        c = 0xdc00 + (c & 0x3ff);
    }
    return string_buffer_putc16(s, c);
}

int string_buffer_write8(StringBuffer *s, const uint8_t *p, uint32_t len)
{
    if (s->len + len > s->size) {
        if (string_buffer_realloc(s, s->len + len, 0))
            return -1;
    }
    if (s->is_wide_char) {
        for (uint32_t i = 0; i < len; i++)
            s->str->u.str16[s->len + i] = p[i];
    } else {
        memcpy(&s->str->u.str8[s->len], p, len);
    }
    s->len += len;
    return 0;
}

int string_buffer_write16(StringBuffer *s, const uint16_t *p, uint32_t len)
{
    int c = 0;
    for (uint32_t i = 0; i < len; i++)
        c |= p[i];
    if (s->len + len > s->size) {
        if (string_buffer_realloc(s, s->len + len, c))
            return -1;
    }
    if (!s->is_wide_char && c >= 0x100) {
        if (string_buffer_widen(s, s->size))
            return -1;
    }
    if (s->is_wide_char) {
        memcpy(&s->str->u.str16[s->len], p, len * 2);
    } else {
        for (uint32_t i = 0; i < len; i++)
            s->str->u.str8[s->len + i] = (uint8_t)p[i];
    }
    s->len += len;
    return 0;
}

int string_buffer_puts8(StringBuffer *s, const char *str)
{
    return string_buffer_write8(s, (const uint8_t *)str, strlen(str));
}

int string_buffer_concat(StringBuffer *s, const JSString *p, uint32_t from, uint32_t to)
{
    if (to <= from)
        return 0;
    if (p->is_wide_char)
        return string_buffer_write16(s, p->u.str16 + from, to - from);
    return string_buffer_write8(s, p->u.str8 + from, to - from);
}

int string_buffer_concat_value(StringBuffer *s, JSValueConst v)
{
    JSString *p;
    if (s->error_status)
        return -1;
    p = js_get_flat_string(s->ctx, v);
    if (!p)
        return string_buffer_set_error(s);
    return string_buffer_concat(s, p, 0, p->len);
}

int string_buffer_concat_value_free(StringBuffer *s, JSValue v)
{
    JSValue str;
    int ret;
    if (s->error_status) {
        JS_FreeValue(s->ctx, v);
        return -1;
    }
    if (JS_IsString(v)) {
        str = v;
    } else {
        str = JS_ToString(s->ctx, v);
        JS_FreeValue(s->ctx, v);
        if (JS_IsException(str))
            return string_buffer_set_error(s);
    }
    ret = string_buffer_concat_value(s, str);
    JS_FreeValue(s->ctx, str);
    return ret;
}

int string_buffer_fill(StringBuffer *s, int c, uint32_t count)
{
    while (count-- > 0) {
        if (string_buffer_putc16(s, c))
            return -1;
    }
    return 0;
}

int string_buffer_printf(StringBuffer *s, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int len;
    va_start(ap, fmt);
    len = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (len < 0)
        return -1;
    if ((size_t)len >= sizeof(buf))
        len = sizeof(buf) - 1;
    return string_buffer_write8(s, (const uint8_t *)buf, len);
}

JSValue string_buffer_end(StringBuffer *s)
{
    JSString *str = s->str;
    if (s->error_status)
        return JS_EXCEPTION;
    if (s->len == 0) {
        js_free(s->ctx, str);
        s->str = NULL;
        return JS_AtomToString(s->ctx, JS_ATOM_empty_string);
    }
    if (s->len < s->size) {
        /* shrinking never fails in practice; keep the old block if it does */
        JSString *p = js_realloc_rt(s->ctx->rt, str,
                                    sizeof(JSString) + (s->len << s->is_wide_char) + 1 -
                                        s->is_wide_char);
        if (p)
            str = p;
    }
    if (!s->is_wide_char)
        str->u.str8[s->len] = 0;
    str->is_wide_char = s->is_wide_char;
    str->len = s->len;
    s->str = NULL;
    return js_string_value(str);
}

/* ---------------------------------------------------------------------
 * Public API: C strings
 * ------------------------------------------------------------------- */
JSValue JS_NewStringLen(JSContext *ctx, const char *buf, size_t len)
{
    return js_new_string_utf8(ctx, buf, len);
}

JSValue JS_NewString(JSContext *ctx, const char *str)
{
    return js_new_string_utf8(ctx, str, strlen(str));
}

const char *JS_ToCStringLen(JSContext *ctx, size_t *plen, JSValueConst val)
{
    JSValue v = JS_ToString(ctx, val);
    JSString *p;
    uint8_t *buf, *q;
    size_t size = 0;
    if (plen)
        *plen = 0;
    if (JS_IsException(v))
        return NULL;
    p = JS_VALUE_GET_STRING(v);
    for (uint32_t i = 0; i < p->len; i++) {
        uint32_t c = string_get(p, i);
        size += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    buf = js_malloc(ctx, size + 1);
    if (!buf) {
        JS_FreeValue(ctx, v);
        return NULL;
    }
    q = buf;
    for (uint32_t i = 0; i < p->len;) {
        /* a valid surrogate pair becomes one 4-byte sequence */
        uint32_t c = js_string_get_codepoint(p, &i);
        q += js_utf8_encode(q, c);
    }
    *q = '\0';
    if (plen)
        *plen = q - buf;
    JS_FreeValue(ctx, v);
    return (const char *)buf;
}

void JS_FreeCString(JSContext *ctx, const char *ptr) { js_free(ctx, (void *)ptr); }
