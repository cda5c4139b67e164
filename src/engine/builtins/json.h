/*
 * json.h — the C entry points of the JSON builtin (json.c), also part of
 * the public API (weft.h) under their QuickJS names.
 */
#ifndef WEFT_JSON_H
#define WEFT_JSON_H

#include "../internal.h"

/* JSON.parse of UTF-8 text (buf[0 .. len), no NUL needed) without a
   reviver. filename (may be NULL) only appears in SyntaxError messages. */
JSValue JS_ParseJSON(JSContext *ctx, const char *buf, size_t len, const char *filename);
/* JSON.stringify(obj, replacer, space): a string, JS_UNDEFINED when obj is
   not serializable (undefined, a function, a symbol), or JS_EXCEPTION */
JSValue JS_JSONStringify(JSContext *ctx, JSValueConst obj, JSValueConst replacer,
                         JSValueConst space);

#endif /* WEFT_JSON_H */
