/*
 * str.h — JavaScript strings: flat Latin-1/UTF-16 strings, ropes, and the
 * StringBuffer used to build strings piece by piece.
 *
 * A JSValue with JS_TAG_STRING points at a flat JSString or at a
 * JSStringRope. Code that reads characters gets a flat string with
 * js_get_flat_string (or JS_ToString, which always returns a flat value);
 * JS_VALUE_GET_STRING is only for values known to be flat.
 */
#ifndef WEFT_STR_H
#define WEFT_STR_H

#include "internal.h"

#define JS_STRING_LEN_MAX ((1 << 30) - 1)
/* concatenations at least this long build a rope instead of copying */
#define JS_ROPE_MIN_LEN 256

#define JS_VALUE_GET_STRING(v) ((JSString *)JS_VALUE_GET_PTR(v))

static inline int string_get(const JSString *p, uint32_t idx)
{
    return p->is_wide_char ? p->u.str16[idx] : p->u.str8[idx];
}
static inline JSValue js_string_value(JSString *p) { return JS_MKPTR(JS_TAG_STRING, p); }
static inline JSValue js_dup_string(JSString *p)
{
    p->header.ref_count++;
    return JS_MKPTR(JS_TAG_STRING, p);
}
static inline uint32_t js_string_len(JSValueConst v)
{
    return ((JSString *)JS_VALUE_GET_PTR(v))->len;
}

JSString *js_alloc_string_rt(JSRuntime *rt, uint32_t max_len, int is_wide);
JSString *js_alloc_string(JSContext *ctx, uint32_t max_len, int is_wide);
/* frees a string (flat or rope) whose reference count reached zero */
void js_free_string_rt(JSRuntime *rt, JSString *p);
static inline void js_free_string(JSRuntime *rt, JSString *p)
{
    if (--p->header.ref_count <= 0)
        js_free_string_rt(rt, p);
}

/* Latin-1 bytes */
JSValue js_new_string8_len(JSContext *ctx, const char *buf, uint32_t len);
JSValue js_new_string8(JSContext *ctx, const char *buf);
/* UTF-16 units; stored as Latin-1 when possible */
JSValue js_new_string16_len(JSContext *ctx, const uint16_t *buf, uint32_t len);
JSValue js_new_string_char(JSContext *ctx, uint16_t c);
/* a code point (1 or 2 units) */
JSValue js_new_string_codepoint(JSContext *ctx, uint32_t c);
/* the substring [start, end) of a flat string */
JSValue js_sub_string(JSContext *ctx, JSString *p, uint32_t start, uint32_t end);

/* the flat string behind a string value (borrowed: valid while v is);
   NULL with an exception pending when flattening ran out of memory */
JSString *js_get_flat_string(JSContext *ctx, JSValueConst v);
/* a flat string value for v (frees v) */
JSValue js_flatten_string(JSContext *ctx, JSValue v);

/* concatenation; both arguments are freed (either may be JS_EXCEPTION, from a
   failed allocation: the result is then JS_EXCEPTION). Builds a rope when
   long. */
JSValue JS_ConcatStrings(JSContext *ctx, JSValue a, JSValue b);
JSValue js_concat_cstring(JSContext *ctx, JSValue a, const char *b);

/* comparisons on flat strings */
int js_string_compare(const JSString *a, const JSString *b);
bool js_string_eq(const JSString *a, const JSString *b);
bool js_string_eq_cstr(const JSString *a, const char *s);
/* index of needle in p from `from`, or -1 */
int js_string_indexof(const JSString *p, const JSString *needle, uint32_t from);
int js_string_indexof_char(const JSString *p, int c, uint32_t from);
uint32_t js_string_hash(const JSString *p);
/* code point at idx (combining a surrogate pair) */
uint32_t js_string_get_codepoint(const JSString *p, uint32_t *pidx);

/* UTF-8 decoding used for source text and JS_NewString. Invalid sequences
   decode as U+FFFD. */
JSValue js_new_string_utf8(JSContext *ctx, const char *buf, size_t len);
/* encodes a code point as UTF-8 (lone surrogates as WTF-8); returns bytes */
int js_utf8_encode(uint8_t *buf, uint32_t c);
/* decodes one UTF-8 sequence at p (< end); returns the code point or -1,
   and advances *pp */
int js_utf8_decode(const uint8_t **pp, const uint8_t *end);

/* ---------------------------------------------------------------------
 * StringBuffer: appends chars, widens to UTF-16 on demand. On allocation
 * failure the buffer remembers the error; string_buffer_end then throws.
 * ------------------------------------------------------------------- */
typedef struct StringBuffer {
    JSContext *ctx;
    JSString *str;
    uint32_t len;
    uint32_t size;
    int is_wide_char;
    int error_status;
} StringBuffer;

int string_buffer_init(JSContext *ctx, StringBuffer *s, uint32_t size);
int string_buffer_init2(JSContext *ctx, StringBuffer *s, uint32_t size, int is_wide);
void string_buffer_free(StringBuffer *s);
int string_buffer_putc8(StringBuffer *s, uint32_t c);
int string_buffer_putc16(StringBuffer *s, uint32_t c);
/* a code point: two units for the astral planes */
int string_buffer_putc(StringBuffer *s, uint32_t c);
int string_buffer_write8(StringBuffer *s, const uint8_t *p, uint32_t len);
int string_buffer_write16(StringBuffer *s, const uint16_t *p, uint32_t len);
int string_buffer_puts8(StringBuffer *s, const char *str);
/* appends p[from, to) */
int string_buffer_concat(StringBuffer *s, const JSString *p, uint32_t from, uint32_t to);
/* appends a string value (flattening ropes); does not free v */
int string_buffer_concat_value(StringBuffer *s, JSValueConst v);
/* appends ToString(v); frees v */
int string_buffer_concat_value_free(StringBuffer *s, JSValue v);
int string_buffer_fill(StringBuffer *s, int c, uint32_t count);
int __attribute__((format(printf, 2, 3))) string_buffer_printf(StringBuffer *s, const char *fmt,
                                                                 ...);
/* the built string (the buffer is consumed), or JS_EXCEPTION */
JSValue string_buffer_end(StringBuffer *s);

#endif /* WEFT_STR_H */
