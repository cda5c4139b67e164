/*
 * regexp.h — what the RegExp family (regexp.c) offers the rest of the
 * engine: regexp literals compiled once per literal site instead of at
 * every evaluation.
 *
 * Each literal's OP_regexp names a constant pool slot of its function
 * (so the cache is per runtime, like the bytecode). The first evaluation
 * calls js_regexp_compile_literal and keeps the result in that slot; every
 * evaluation then calls js_regexp_new_literal, which builds the RegExp
 * object around the already compiled program (shared, never copied).
 */
#ifndef WEFT_BUILTINS_REGEXP_H
#define WEFT_BUILTINS_REGEXP_H

#include "../internal.h"

/* Compiles the pattern and flags of a regexp literal (string values): a
   new reference to a value holding the program (a string the caller
   stores but never reads), or JS_EXCEPTION with the SyntaxError thrown */
JSValue js_regexp_compile_literal(JSContext *ctx, JSValueConst pattern, JSValueConst flags);

/* Evaluates a regexp literal: a new RegExp object of the realm, as
   new RegExp(pattern, flags) would make it, whose program is `compiled`
   (from js_regexp_compile_literal for the same pattern and flags) */
JSValue js_regexp_new_literal(JSContext *ctx, JSValueConst pattern, JSValueConst flags,
                              JSValueConst compiled);

/* IsRegExp(v): 1, 0, or -1 with an exception (a throwing @@match getter) */
int js_regexp_is_regexp(JSContext *ctx, JSValueConst v);

/* [[OriginalSource]] and [[OriginalFlags]] of an initialized RegExp
   object (borrowed flat strings), for the serializer; false when obj is
   not one */
bool js_regexp_get_source_flags(JSValueConst obj, JSValueConst *psource, JSValueConst *pflags);

#endif /* WEFT_BUILTINS_REGEXP_H */
