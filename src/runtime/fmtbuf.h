/*
 * fmtbuf.h — the text buffer and the value-printing rules shared by the
 * compact one-line form of print/console.log (console.c) and the
 * multi-line inspect() form (inspect.c): strings quoted and escaped the
 * same way, keys printed bare when they are identifiers, -0, BigInt `n`,
 * Symbol(desc). Private to src/runtime.
 *
 * Nothing here runs JS code for a primitive: a symbol's description is
 * read from the symbol itself, not through Symbol.prototype.toString.
 * Out of memory is remembered in the buffer (`failed`) and reported once
 * by js_fmt_end.
 */
#ifndef WEFT_FMTBUF_H
#define WEFT_FMTBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "weft.h"

typedef struct JSFmtBuf {
    JSContext *ctx;
    char *buf;
    size_t len, size;
    bool failed;
} JSFmtBuf;

void js_fmt_init(JSFmtBuf *b, JSContext *ctx);
void js_fmt_put(JSFmtBuf *b, const char *s, size_t n);
void js_fmt_puts(JSFmtBuf *b, const char *s);
void __attribute__((format(printf, 2, 3))) js_fmt_printf(JSFmtBuf *b, const char *fmt, ...);
/* the text as a new JS string (JS_EXCEPTION when memory ran out); the
   buffer is freed */
JSValue js_fmt_end(JSFmtBuf *b);
/* frees the buffer without making a string */
void js_fmt_free(JSFmtBuf *b);

/* ToString(v) appended; an exception is swallowed and shows as
   <exception> (formatting never fails because of user code) */
void js_fmt_to_string(JSFmtBuf *b, JSValueConst v);
/* a string in double quotes, with \" \\ \n \r \t and \xNN escapes */
void js_fmt_quoted(JSFmtBuf *b, JSValueConst str);
/* Symbol(description) */
void js_fmt_symbol(JSFmtBuf *b, JSValueConst sym);
/* a primitive: strings quoted when quote_strings is set, bare otherwise;
   -0 as -0, BigInts with an n */
void js_fmt_primitive(JSFmtBuf *b, JSValueConst v, bool quote_strings);
/* a property key: bare when an identifier, else quoted; [Symbol(x)] */
void js_fmt_key(JSFmtBuf *b, JSAtom atom);
bool js_fmt_is_identifier(const char *s, size_t len);

#endif /* WEFT_FMTBUF_H */
