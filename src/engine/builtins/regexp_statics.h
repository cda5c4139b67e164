/*
 * regexp_statics.h — the legacy static properties of RegExp (RegExp.$1-$9,
 * input/$_, lastMatch/$&, lastParen/$+, leftContext/$`, rightContext/$'),
 * as the Annex B proposal "legacy RegExp features" specifies them. The
 * state is per realm (JSContext.regexp_statics); RegExpBuiltinExec
 * (regexp.c) records each successful match of the realm's own RegExps in
 * it and invalidates it for subclass instances.
 */
#ifndef WEFT_BUILTINS_REGEXP_STATICS_H
#define WEFT_BUILTINS_REGEXP_STATICS_H

#include "../internal.h"

/* UpdateLegacyRegExpStaticProperties: a match of s; caps[2 * i .. 2 * i + 1]
   are the bounds of group i (-1 when unset), for i < ncaps */
void js_regexp_statics_update(JSContext *ctx, JSString *s, const int32_t *caps, int ncaps);
/* InvalidateLegacyRegExpStaticProperties: every getter throws until the
   next update (and RegExp.input until it is set) */
void js_regexp_statics_invalidate(JSContext *ctx);
/* defines the accessors on the realm's %RegExp% (ctor) and gives them
   their initial values, the empty string */
int js_regexp_statics_init(JSContext *ctx, JSValueConst ctor);

#endif /* WEFT_BUILTINS_REGEXP_STATICS_H */
