/*
 * string.h — what the String family (string.c) shares with other builtin
 * families: the GetSubstitution operation, which String.prototype.replace /
 * replaceAll and RegExp.prototype[Symbol.replace] both use.
 */
#ifndef WEFT_BUILTINS_STRING_H
#define WEFT_BUILTINS_STRING_H

#include "../internal.h"
#include "../str.h"

/* GetSubstitution(matched, str, position, captures, namedCaptures,
   replacementTemplate) of ECMA-262: appends to b the expansion of the
   replacement template `replacement` for the match `matched` found at
   `position` in `str` ($$, $&, $`, $', $n, $nn and $<name>).
   matched, str and replacement are string values (ropes are fine);
   captures[0 .. ncaptures-1] hold the groups 1..ncaptures, each a string
   or undefined; named_captures is undefined or an object whose properties
   $<name> reads with [[Get]] (and converts with ToString, so user code may
   run). All values are borrowed. Returns 0, or -1 with an exception
   pending (the buffer is then in its error state). */
int js_string_get_substitution(JSContext *ctx, StringBuffer *b, JSValueConst matched,
                               JSValueConst str, uint32_t position, uint32_t ncaptures,
                               JSValueConst *captures, JSValueConst named_captures,
                               JSValueConst replacement);

#endif /* WEFT_BUILTINS_STRING_H */
