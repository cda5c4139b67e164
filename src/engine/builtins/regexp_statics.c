/*
 * regexp_statics.c — RegExp.$1-$9, input/$_, lastMatch/$&, lastParen/$+,
 * leftContext/$` and rightContext/$' (Annex B proposal "legacy RegExp
 * features").
 *
 * A match records only the subject string and the bounds of groups 0-9
 * and of the last group, so exec stays cheap; the getters cut the
 * substrings out when they are read. Every accessor works only with the
 * realm's own %RegExp% as receiver (GetLegacyRegExpStaticProperty): a
 * subclass or another realm's RegExp gets a TypeError.
 */
#include "builtins.h"
#include "regexp_statics.h"
#include "../atom.h"
#include "../str.h"

/* the getter magic besides $1-$9 (1 .. 9) */
enum {
    JS_RE_STATIC_LAST_MATCH = 0,
    JS_RE_STATIC_LAST_PAREN = 10,
    JS_RE_STATIC_LEFT_CONTEXT,
    JS_RE_STATIC_RIGHT_CONTEXT,
};

#define JS_RE_STATIC_LAST_GROUP 10 /* caps index of lastParen's group */

/* runs after every successful exec: kept to a few stores (a global
   regexp looping over one string does not even touch reference counts) */
void js_regexp_statics_update(JSContext *ctx, JSString *s, const int32_t *caps, int ncaps)
{
    JSRegExpStatics *st = &ctx->regexp_statics;
    int n = ncaps < JS_RE_STATIC_LAST_GROUP ? ncaps : JS_RE_STATIC_LAST_GROUP;
    if (!JS_IsString(st->subject) || JS_VALUE_GET_STRING(st->subject) != s) {
        JS_FreeValue(ctx, st->subject);
        st->subject = js_dup_string(s);
    }
    if (!JS_IsString(st->input) || JS_VALUE_GET_STRING(st->input) != s) {
        JS_FreeValue(ctx, st->input);
        st->input = js_dup_string(s);
    }
    st->ncaps = ncaps;
    for (int i = 0; i < 2 * n; i++)
        st->caps[i] = caps[i];
    st->caps[2 * JS_RE_STATIC_LAST_GROUP] = caps[2 * (ncaps - 1)];
    st->caps[2 * JS_RE_STATIC_LAST_GROUP + 1] = caps[2 * (ncaps - 1) + 1];
}

void js_regexp_statics_invalidate(JSContext *ctx)
{
    JSRegExpStatics *st = &ctx->regexp_statics;
    JS_FreeValue(ctx, st->input);
    st->input = JS_UNDEFINED;
    JS_FreeValue(ctx, st->subject);
    st->subject = JS_UNDEFINED;
}

/* the SameValue(%RegExp%, this value) step of every accessor */
static int js_regexp_statics_check_this(JSContext *ctx, JSValueConst this_val)
{
    if (JS_IsObject(this_val) && JS_IsObject(ctx->regexp_ctor) &&
        JS_VALUE_GET_PTR(this_val) == JS_VALUE_GET_PTR(ctx->regexp_ctor))
        return 0;
    JS_ThrowTypeError(ctx, "the legacy RegExp static properties are only available on the "
                           "RegExp constructor of their realm");
    return -1;
}

static JSValue js_regexp_statics_throw_invalid(JSContext *ctx)
{
    return JS_ThrowTypeError(ctx, "the legacy RegExp static properties are unavailable after a "
                                  "match by a RegExp subclass");
}

/* the substring [start, end) of the subject, "" when the bounds are unset */
static JSValue js_regexp_statics_slice(JSContext *ctx, int32_t start, int32_t end)
{
    JSString *s = JS_VALUE_GET_STRING(ctx->regexp_statics.subject);
    if (start < 0 || end < 0 || start > end)
        return JS_AtomToString(ctx, JS_ATOM_empty_string);
    return js_sub_string(ctx, s, (uint32_t)start, (uint32_t)end);
}

static JSValue js_regexp_statics_get(JSContext *ctx, JSValueConst this_val, int magic)
{
    JSRegExpStatics *st = &ctx->regexp_statics;
    const int32_t *caps = st->caps;
    if (js_regexp_statics_check_this(ctx, this_val))
        return JS_EXCEPTION;
    if (JS_IsUndefined(st->subject))
        return js_regexp_statics_throw_invalid(ctx);
    switch (magic) {
    case JS_RE_STATIC_LAST_PAREN:
        if (st->ncaps < 2)
            return JS_AtomToString(ctx, JS_ATOM_empty_string);
        return js_regexp_statics_slice(ctx, caps[2 * JS_RE_STATIC_LAST_GROUP],
                                       caps[2 * JS_RE_STATIC_LAST_GROUP + 1]);
    case JS_RE_STATIC_LEFT_CONTEXT:
        return js_regexp_statics_slice(ctx, caps[0] < 0 ? -1 : 0, caps[0]);
    case JS_RE_STATIC_RIGHT_CONTEXT:
        return js_regexp_statics_slice(
            ctx, caps[1], caps[1] < 0 ? -1 : (int32_t)JS_VALUE_GET_STRING(st->subject)->len);
    default: /* lastMatch (0) and $1-$9; the groups past ncaps were not stored */
        if (magic >= st->ncaps)
            return JS_AtomToString(ctx, JS_ATOM_empty_string);
        return js_regexp_statics_slice(ctx, caps[2 * magic], caps[2 * magic + 1]);
    }
}

static JSValue js_regexp_statics_get_input(JSContext *ctx, JSValueConst this_val)
{
    JSRegExpStatics *st = &ctx->regexp_statics;
    if (js_regexp_statics_check_this(ctx, this_val))
        return JS_EXCEPTION;
    if (JS_IsUndefined(st->input))
        return js_regexp_statics_throw_invalid(ctx);
    return JS_DupValue(ctx, st->input);
}

static JSValue js_regexp_statics_set_input(JSContext *ctx, JSValueConst this_val, JSValueConst v)
{
    JSValue str;
    if (js_regexp_statics_check_this(ctx, this_val))
        return JS_EXCEPTION;
    str = JS_ToString(ctx, v);
    if (JS_IsException(str))
        return str;
    JS_FreeValue(ctx, ctx->regexp_statics.input);
    ctx->regexp_statics.input = str;
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_regexp_statics_funcs[] = {
    JS_CGETSET_DEF("input", js_regexp_statics_get_input, js_regexp_statics_set_input),
    JS_CGETSET_DEF("$_", js_regexp_statics_get_input, js_regexp_statics_set_input),
    JS_CGETSET_MAGIC_DEF("lastMatch", js_regexp_statics_get, NULL, JS_RE_STATIC_LAST_MATCH),
    JS_CGETSET_MAGIC_DEF("$&", js_regexp_statics_get, NULL, JS_RE_STATIC_LAST_MATCH),
    JS_CGETSET_MAGIC_DEF("lastParen", js_regexp_statics_get, NULL, JS_RE_STATIC_LAST_PAREN),
    JS_CGETSET_MAGIC_DEF("$+", js_regexp_statics_get, NULL, JS_RE_STATIC_LAST_PAREN),
    JS_CGETSET_MAGIC_DEF("leftContext", js_regexp_statics_get, NULL, JS_RE_STATIC_LEFT_CONTEXT),
    JS_CGETSET_MAGIC_DEF("$`", js_regexp_statics_get, NULL, JS_RE_STATIC_LEFT_CONTEXT),
    JS_CGETSET_MAGIC_DEF("rightContext", js_regexp_statics_get, NULL, JS_RE_STATIC_RIGHT_CONTEXT),
    JS_CGETSET_MAGIC_DEF("$'", js_regexp_statics_get, NULL, JS_RE_STATIC_RIGHT_CONTEXT),
    JS_CGETSET_MAGIC_DEF("$1", js_regexp_statics_get, NULL, 1),
    JS_CGETSET_MAGIC_DEF("$2", js_regexp_statics_get, NULL, 2),
    JS_CGETSET_MAGIC_DEF("$3", js_regexp_statics_get, NULL, 3),
    JS_CGETSET_MAGIC_DEF("$4", js_regexp_statics_get, NULL, 4),
    JS_CGETSET_MAGIC_DEF("$5", js_regexp_statics_get, NULL, 5),
    JS_CGETSET_MAGIC_DEF("$6", js_regexp_statics_get, NULL, 6),
    JS_CGETSET_MAGIC_DEF("$7", js_regexp_statics_get, NULL, 7),
    JS_CGETSET_MAGIC_DEF("$8", js_regexp_statics_get, NULL, 8),
    JS_CGETSET_MAGIC_DEF("$9", js_regexp_statics_get, NULL, 9),
};

int js_regexp_statics_init(JSContext *ctx, JSValueConst ctor)
{
    JSRegExpStatics *st = &ctx->regexp_statics;
    JS_FreeValue(ctx, st->input);
    st->input = JS_AtomToString(ctx, JS_ATOM_empty_string);
    JS_FreeValue(ctx, st->subject);
    st->subject = JS_AtomToString(ctx, JS_ATOM_empty_string);
    if (JS_IsException(st->input) || JS_IsException(st->subject))
        return -1;
    st->ncaps = 1;
    st->caps[0] = st->caps[1] = -1;
    return JS_SetPropertyFunctionList(ctx, ctor, js_regexp_statics_funcs,
                                      countof(js_regexp_statics_funcs));
}
