/*
 * regexp.c — the RegExp builtin family: the RegExp constructor (IsRegExp,
 * species, new.target), RegExp.escape, RegExp.prototype (exec, test,
 * toString, compile, the flag getters, source, flags, and the
 * Symbol.match / matchAll / replace / search / split protocols) and
 * %RegExpStringIteratorPrototype%.
 *
 * Patterns are compiled once per RegExp object by the regexp engine
 * (regexp/regexp.h), which matches Latin-1 and UTF-16 strings in place.
 *
 * The protocol methods follow ECMA-262 step by step through RegExpExec,
 * so that user-defined exec methods, getters and species constructors see
 * every observable operation in order. When RegExpExec finds the builtin
 * exec, it skips building the result object and hands the capture
 * positions back directly (JSRegExpMatch): the object would be fresh and
 * only its own data properties would be read, so nothing observable
 * changes.
 */
#include "builtins.h"
#include "regexp.h"
#include "regexp_statics.h"
#include "string.h"
#include "../atom.h"
#include "../conv.h"
#include "../error.h"
#include "../fast_array.h"
#include "../function.h"
#include "../object.h"
#include "../runtime.h"
#include "../str.h"
#include "../unicode.h"
#include "../regexp/regexp.h"

/* the internal slots of a RegExp object ([[OriginalSource]],
   [[OriginalFlags]], [[RegExpMatcher]]). compile() replaces them as a
   whole; matches that outlive user code (the results list of
   Symbol.replace) hold a reference to the data they were found with. */
typedef struct JSRegExpData {
    int ref_count;
    JSValue source;  /* a flat string */
    JSValue flags;   /* a flat string */
    JSValue program; /* a string holding the program's bytes, which regexp
                        literals share (see js_regexp_compile_literal) */
    const JSReProgram *prog; /* in program; NULL until RegExpInitialize */
    int flag_bits;           /* JS_RE_FLAG_* of flags */
    /* [[Realm]] (compared, never dereferenced) and
       [[LegacyFeaturesEnabled]]: compile() works only on RegExps built by
       the realm's own %RegExp%, not by a subclass or another realm */
    JSContext *realm;
    bool legacy;
} JSRegExpData;

/* a match found through the builtin exec: captures[2 * i .. 2 * i + 1]
   of group i, -1 when unset */
typedef struct JSRegExpMatch {
    JSRegExpData *re;
    int32_t *caps;
    int ncaps; /* groups, group 0 included */
    int32_t buf[16];
} JSRegExpMatch;

static JSValue js_regexp_exec(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv);

/* ---------------------------------------------------------------------
 * The engine environment
 * ------------------------------------------------------------------- */
static void *js_regexp_env_realloc(void *opaque, void *ptr, size_t size)
{
    return js_realloc_rt(((JSContext *)opaque)->rt, ptr, size);
}

static int js_regexp_env_interrupt(void *opaque)
{
    return js_poll_interrupts_slow(opaque) < 0;
}

static bool js_regexp_env_stack_overflow(void *opaque)
{
    return js_check_stack_overflow(((JSContext *)opaque)->rt, 0);
}

static void js_regexp_env_init(JSContext *ctx, JSReEnv *env)
{
    env->opaque = ctx;
    env->realloc = js_regexp_env_realloc;
    env->interrupt = js_regexp_env_interrupt;
    env->stack_overflow = js_regexp_env_stack_overflow;
}

/* ---------------------------------------------------------------------
 * RegExp objects
 * ------------------------------------------------------------------- */
/* the slots of an initialized RegExp object, else NULL */
static JSRegExpData *js_regexp_data(JSValueConst obj)
{
    JSRegExpData *re;
    if (!JS_IsObject(obj) || js_obj(obj)->class_id != JS_CLASS_REGEXP)
        return NULL;
    re = js_obj(obj)->u.opaque;
    return re && re->prog ? re : NULL;
}

static JSRegExpData *js_regexp_this(JSContext *ctx, JSValueConst obj, const char *method)
{
    JSRegExpData *re = js_regexp_data(obj);
    if (!re)
        JS_ThrowTypeError(ctx, "RegExp.prototype.%s called on an incompatible receiver", method);
    return re;
}

static void js_regexp_data_free(JSRuntime *rt, JSRegExpData *re)
{
    if (--re->ref_count > 0)
        return;
    JS_FreeValueRT(rt, re->source);
    JS_FreeValueRT(rt, re->flags);
    JS_FreeValueRT(rt, re->program);
    js_free_rt(rt, re);
}

static void js_regexp_finalizer(JSRuntime *rt, JSValue val)
{
    JSRegExpData *re = js_obj(val)->u.opaque;
    if (re)
        js_regexp_data_free(rt, re);
}

static inline int js_regexp_flags(const JSRegExpData *re) { return re->flag_bits; }

/* the pattern text for an error message: the source itself when short */
static JSValue js_regexp_throw_syntax(JSContext *ctx, JSValueConst pattern, const char *error)
{
    const char *s = JS_ToCString(ctx, pattern);
    if (!s)
        return JS_EXCEPTION;
    JS_ThrowSyntaxError(ctx, "Invalid regular expression: /%.80s/: %s", s, error);
    JS_FreeCString(ctx, s);
    return JS_EXCEPTION;
}

static int js_regexp_parse_flag_string(const JSString *fs)
{
    return js_re_parse_flags(fs->is_wide_char ? fs->u.str16 : NULL,
                             fs->is_wide_char ? NULL : fs->u.str8, fs->len);
}

/* Compiles a flat pattern with flag letters: a program string (see
   JSRegExpData), or JS_EXCEPTION with the SyntaxError thrown */
static JSValue js_regexp_compile_program(JSContext *ctx, JSValueConst pattern, JSValueConst flags)
{
    JSString *ps = JS_VALUE_GET_STRING(pattern), *fs = JS_VALUE_GET_STRING(flags);
    JSReProgram *prog;
    JSReEnv env;
    JSValue program;
    const char *error;
    bool oom;
    int flag_bits = js_regexp_parse_flag_string(fs);
    if (flag_bits < 0)
        return JS_ThrowSyntaxError(ctx, "Invalid regular expression flags");
    js_regexp_env_init(ctx, &env);
    prog = js_re_compile(ps->is_wide_char ? (const void *)ps->u.str16 : (const void *)ps->u.str8,
                         ps->len, ps->is_wide_char, flag_bits, &env, &error, &oom);
    if (!prog) {
        if (oom)
            return JS_ThrowOutOfMemory(ctx);
        if (JS_HasException(ctx))
            return JS_EXCEPTION;
        return js_regexp_throw_syntax(ctx, pattern, error);
    }
    program = js_new_string8_len(ctx, (const char *)prog, js_re_get_size(prog));
    js_re_free(&env, prog);
    return program;
}

/* initialized slots (taking the three values), or NULL */
static JSRegExpData *js_regexp_data_new(JSContext *ctx, JSValue source, JSValue flags,
                                        JSValue program, JSContext *realm, bool legacy)
{
    JSRegExpData *re = js_malloc(ctx, sizeof(*re));
    if (!re) {
        JS_FreeValue(ctx, source);
        JS_FreeValue(ctx, flags);
        JS_FreeValue(ctx, program);
        return NULL;
    }
    re->ref_count = 1;
    re->source = source;
    re->flags = flags;
    re->program = program;
    re->prog = (const JSReProgram *)JS_VALUE_GET_STRING(program)->u.str8;
    /* the flags were parsed when the program was compiled; only y may
       differ from the program's (see js_regexp_construct) */
    re->flag_bits = js_regexp_parse_flag_string(JS_VALUE_GET_STRING(flags));
    re->realm = realm;
    re->legacy = legacy;
    return re;
}

/* gives obj its slots (taking the three values); the old slots stay
   alive while matches use them */
static int js_regexp_set_slots(JSContext *ctx, JSValueConst obj, JSValue source, JSValue flags,
                               JSValue program)
{
    JSRegExpData *old = js_obj(obj)->u.opaque;
    JSRegExpData *re = js_regexp_data_new(ctx, source, flags, program, old->realm, old->legacy);
    if (!re)
        return -1;
    js_regexp_data_free(ctx->rt, old);
    js_obj(obj)->u.opaque = re;
    return 0;
}

/* RegExpInitialize(obj, pattern, flags) (frees obj on error) */
static JSValue js_regexp_initialize(JSContext *ctx, JSValue obj, JSValueConst pattern,
                                    JSValueConst flags)
{
    JSValue p, f, program;
    p = JS_IsUndefined(pattern) ? JS_AtomToString(ctx, JS_ATOM_empty_string)
                                : JS_ToString(ctx, pattern);
    if (JS_IsException(p))
        goto fail_obj;
    f = JS_IsUndefined(flags) ? JS_AtomToString(ctx, JS_ATOM_empty_string) : JS_ToString(ctx, flags);
    if (JS_IsException(f)) {
        JS_FreeValue(ctx, p);
        goto fail_obj;
    }
    program = js_regexp_compile_program(ctx, p, f);
    if (JS_IsException(program)) {
        JS_FreeValue(ctx, p);
        JS_FreeValue(ctx, f);
        goto fail_obj;
    }
    if (js_regexp_set_slots(ctx, obj, p, f, program) ||
        JS_SetPropertyInternal(ctx, obj, JS_ATOM_lastIndex, JS_NewInt32(ctx, 0), obj,
                               JS_PROP_THROW) < 0)
        goto fail_obj;
    return obj;
fail_obj:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* RegExpAlloc(newTarget) */
static JSValue js_regexp_alloc(JSContext *ctx, JSValueConst new_target)
{
    JSValue obj = js_create_from_ctor(ctx, new_target, JS_CLASS_REGEXP);
    JSRegExpData *re;
    if (JS_IsException(obj))
        return obj;
    re = js_mallocz(ctx, sizeof(*re));
    if (!re)
        goto fail;
    re->ref_count = 1;
    re->source = JS_UNDEFINED;
    re->flags = JS_UNDEFINED;
    re->program = JS_UNDEFINED;
    re->realm = ctx;
    re->legacy = js_same_value(ctx, new_target, ctx->regexp_ctor);
    js_obj(obj)->u.opaque = re;
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_lastIndex, JS_UNDEFINED, JS_PROP_WRITABLE) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* IsRegExp(argument) (regexp.h) */
int js_regexp_is_regexp(JSContext *ctx, JSValueConst v)
{
    JSValue m;
    int ret;
    if (!JS_IsObject(v))
        return 0;
    m = JS_GetProperty(ctx, v, JS_ATOM_Symbol_match);
    if (JS_IsException(m))
        return -1;
    if (!JS_IsUndefined(m)) {
        ret = JS_ToBool(ctx, m);
        JS_FreeValue(ctx, m);
        return ret;
    }
    return js_regexp_data(v) != NULL;
}

/* RegExp(pattern, flags) */
static JSValue js_regexp_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                     JSValueConst *argv)
{
    JSValueConst pattern = argv[0], flags = argv[1], nt = new_target;
    JSValue p = JS_UNDEFINED, f = JS_UNDEFINED, obj;
    JSRegExpData *re;
    int is_regexp = js_regexp_is_regexp(ctx, pattern);
    if (is_regexp < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(new_target)) {
        nt = ctx->regexp_ctor;
        if (is_regexp && JS_IsUndefined(flags)) {
            JSValue ctor = JS_GetProperty(ctx, pattern, JS_ATOM_constructor);
            bool same;
            if (JS_IsException(ctor))
                return ctor;
            same = js_same_value(ctx, ctor, nt);
            JS_FreeValue(ctx, ctor);
            if (same)
                return JS_DupValue(ctx, pattern);
        }
    }
    re = js_regexp_data(pattern);
    if (re) {
        p = JS_DupValue(ctx, re->source);
        f = JS_IsUndefined(flags) ? JS_DupValue(ctx, re->flags) : JS_DupValue(ctx, flags);
    } else if (is_regexp) {
        p = JS_GetProperty(ctx, pattern, JS_ATOM_source);
        if (JS_IsException(p))
            return p;
        if (JS_IsUndefined(flags)) {
            f = JS_GetProperty(ctx, pattern, JS_ATOM_flags);
            if (JS_IsException(f)) {
                JS_FreeValue(ctx, p);
                return f;
            }
        } else {
            f = JS_DupValue(ctx, flags);
        }
    } else {
        p = JS_DupValue(ctx, pattern);
        f = JS_DupValue(ctx, flags);
    }
    obj = js_regexp_alloc(ctx, nt);
    if (!JS_IsException(obj))
        obj = js_regexp_initialize(ctx, obj, p, f);
    JS_FreeValue(ctx, p);
    JS_FreeValue(ctx, f);
    return obj;
}

/* ---------------------------------------------------------------------
 * Regexp literals (regexp.h)
 * ------------------------------------------------------------------- */
JSValue js_regexp_compile_literal(JSContext *ctx, JSValueConst pattern, JSValueConst flags)
{
    JSValue p = js_flatten_string(ctx, JS_DupValue(ctx, pattern)), f, ret;
    if (JS_IsException(p))
        return p;
    f = js_flatten_string(ctx, JS_DupValue(ctx, flags));
    if (JS_IsException(f)) {
        JS_FreeValue(ctx, p);
        return f;
    }
    ret = js_regexp_compile_program(ctx, p, f);
    JS_FreeValue(ctx, p);
    JS_FreeValue(ctx, f);
    return ret;
}

/* RegExpCreate(pattern, flags) with the program already compiled: the
   steps of RegExpAlloc and RegExpInitialize, none of them observable here
   (%RegExp%.prototype is neither writable nor configurable), done
   directly, as this runs at every evaluation of a literal */
JSValue js_regexp_new_literal(JSContext *ctx, JSValueConst pattern, JSValueConst flags,
                              JSValueConst compiled)
{
    JSValue obj, p, f;
    JSRegExpData *re;
    p = js_flatten_string(ctx, JS_DupValue(ctx, pattern));
    f = js_flatten_string(ctx, JS_DupValue(ctx, flags));
    if (JS_IsException(p) || JS_IsException(f)) {
        JS_FreeValue(ctx, p);
        JS_FreeValue(ctx, f);
        return JS_EXCEPTION;
    }
    re = js_regexp_data_new(ctx, p, f, JS_DupValue(ctx, compiled), ctx, true);
    if (!re)
        return JS_EXCEPTION;
    obj = JS_NewObjectProtoClass(ctx, ctx->class_proto[JS_CLASS_REGEXP], JS_CLASS_REGEXP);
    if (JS_IsException(obj)) {
        js_regexp_data_free(ctx->rt, re);
        return obj;
    }
    js_obj(obj)->u.opaque = re;
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_lastIndex, JS_NewInt32(ctx, 0),
                               JS_PROP_WRITABLE) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

bool js_regexp_get_source_flags(JSValueConst obj, JSValueConst *psource, JSValueConst *pflags)
{
    JSRegExpData *re = js_regexp_data(obj);
    if (!re)
        return false;
    *psource = re->source;
    *pflags = re->flags;
    return true;
}

/* RegExp.prototype.compile(pattern, flags) (Annex B) */
static JSValue js_regexp_compile_method(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    JSRegExpData *re = js_regexp_this(ctx, this_val, "compile"), *pre;
    JSValueConst pattern = argv[0], flags = argv[1];
    JSValue ret;
    if (!re)
        return JS_EXCEPTION;
    if (re->realm != ctx || !re->legacy)
        return JS_ThrowTypeError(ctx, "RegExp.prototype.compile called on a RegExp of another "
                                      "realm or of a subclass");
    pre = js_regexp_data(pattern);
    if (pre) {
        JSValue p, f;
        if (!JS_IsUndefined(flags))
            return JS_ThrowTypeError(ctx, "RegExp.prototype.compile: flags must be undefined "
                                          "when the pattern is a RegExp");
        p = JS_DupValue(ctx, pre->source);
        f = JS_DupValue(ctx, pre->flags);
        ret = js_regexp_initialize(ctx, JS_DupValue(ctx, this_val), p, f);
        JS_FreeValue(ctx, p);
        JS_FreeValue(ctx, f);
        return ret;
    }
    return js_regexp_initialize(ctx, JS_DupValue(ctx, this_val), pattern, flags);
}

/* ---------------------------------------------------------------------
 * lastIndex
 * ------------------------------------------------------------------- */
/* ToLength(Get(R, "lastIndex")) */
static int js_regexp_get_last_index(JSContext *ctx, JSValueConst rx, int64_t *plast)
{
    JSValue v = JS_GetProperty(ctx, rx, JS_ATOM_lastIndex);
    if (JS_IsException(v))
        return -1;
    if (JS_IsInt(v)) {
        int32_t i = JS_VALUE_GET_INT(v);
        *plast = i < 0 ? 0 : i;
        return 0;
    }
    return JS_ToLengthFree(ctx, plast, v);
}

/* Set(R, "lastIndex", v, true) */
static int js_regexp_set_last_index(JSContext *ctx, JSValueConst rx, int64_t v)
{
    return JS_SetPropertyInternal(ctx, rx, JS_ATOM_lastIndex, JS_NewInt64(ctx, v), rx,
                                  JS_PROP_THROW) < 0
               ? -1
               : 0;
}

/* AdvanceStringIndex(S, index, unicode) */
static int64_t js_regexp_advance(const JSString *s, int64_t index, bool unicode)
{
    uint32_t i;
    if (!unicode || index + 1 >= s->len)
        return index + 1;
    i = (uint32_t)index;
    js_string_get_codepoint(s, &i);
    return i;
}

/* ---------------------------------------------------------------------
 * RegExpBuiltinExec
 * ------------------------------------------------------------------- */
static void js_regexp_match_free(JSContext *ctx, JSRegExpMatch *m)
{
    if (m->caps && m->caps != m->buf)
        js_free(ctx, m->caps);
    m->caps = NULL;
}

static int js_regexp_match_init(JSContext *ctx, JSRegExpMatch *m, JSRegExpData *re)
{
    m->re = re;
    m->ncaps = js_re_get_capture_count(re->prog);
    m->caps = m->buf;
    if (2 * m->ncaps > (int)countof(m->buf)) {
        m->caps = js_malloc(ctx, 2 * m->ncaps * sizeof(int32_t));
        if (!m->caps)
            return -1;
    }
    return 0;
}

/* runs the matcher: 1 match, 0 none, -1 exception */
static int js_regexp_run(JSContext *ctx, JSRegExpData *re, JSString *s, uint32_t index,
                         int32_t *caps)
{
    JSReEnv env;
    int ret;
    js_regexp_env_init(ctx, &env);
    ret = js_re_exec(re->prog, s->is_wide_char ? (const void *)s->u.str16 : (const void *)s->u.str8,
                     s->len, s->is_wide_char, index, (re->flag_bits & JS_RE_FLAG_STICKY) != 0, caps,
                     &env);
    if (ret == JS_RE_ERROR_MEMORY) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    if (ret == JS_RE_INTERRUPTED)
        return -1; /* the interrupt handler's error is pending */
    return ret;
}

/* The matching half of RegExpBuiltinExec(R, S): lastIndex in and out.
   m must be initialized for R's data. 1 match, 0 null, -1 exception. */
static int js_regexp_builtin_match(JSContext *ctx, JSValueConst rx, JSRegExpData *re, JSString *s,
                                   JSRegExpMatch *m)
{
    int flags = js_regexp_flags(re);
    bool global_or_sticky = (flags & (JS_RE_FLAG_GLOBAL | JS_RE_FLAG_STICKY)) != 0;
    int64_t last_index;
    int ret;
    if (js_regexp_get_last_index(ctx, rx, &last_index))
        return -1;
    if (!global_or_sticky)
        last_index = 0;
    if (last_index > s->len) {
        if (global_or_sticky && js_regexp_set_last_index(ctx, rx, 0))
            return -1;
        return 0;
    }
    /* the program may have been replaced by compile() during ToLength */
    re = js_regexp_data(rx);
    if (re != m->re || js_re_get_capture_count(re->prog) != m->ncaps) {
        js_regexp_match_free(ctx, m);
        if (js_regexp_match_init(ctx, m, re))
            return -1;
        flags = js_regexp_flags(re);
    }
    ret = js_regexp_run(ctx, re, s, (uint32_t)last_index, m->caps);
    if (ret < 0)
        return -1;
    if (ret == 0) {
        if (global_or_sticky && js_regexp_set_last_index(ctx, rx, 0))
            return -1;
        return 0;
    }
    if (global_or_sticky && js_regexp_set_last_index(ctx, rx, m->caps[1]))
        return -1;
    if (re->realm == ctx) {
        if (re->legacy)
            js_regexp_statics_update(ctx, s, m->caps, m->ncaps);
        else
            js_regexp_statics_invalidate(ctx);
    }
    return 1;
}

static JSValue js_regexp_capture_value(JSContext *ctx, JSString *s, const int32_t *caps, int i)
{
    if (caps[2 * i] < 0 || caps[2 * i + 1] < 0)
        return JS_UNDEFINED;
    return js_sub_string(ctx, s, (uint32_t)caps[2 * i], (uint32_t)caps[2 * i + 1]);
}

/* defines groups[name] for each named group i in order; values[i] gives
   the value of group i. A name shared by duplicate groups takes the value
   of the group that participated. */
static int js_regexp_fill_groups(JSContext *ctx, JSValueConst groups, const JSReProgram *prog,
                                 JSValueConst *values, const int32_t *caps)
{
    int n = js_re_get_capture_count(prog);
    for (int i = 1; i < n; i++) {
        uint32_t len;
        const uint16_t *name = js_re_get_group_name(prog, i, &len);
        bool matched_before = false;
        JSValue key;
        int ret;
        if (!name)
            continue;
        /* a participating earlier group of the same name wins */
        for (int j = 1; j < i && !matched_before; j++) {
            uint32_t len2;
            const uint16_t *name2 = js_re_get_group_name(prog, j, &len2);
            matched_before = name2 && len2 == len && !memcmp(name, name2, len * 2) &&
                             caps[2 * j] >= 0;
        }
        if (matched_before)
            continue;
        key = js_new_string16_len(ctx, name, len);
        if (JS_IsException(key))
            return -1;
        ret = JS_DefinePropertyValueValue(ctx, groups, key, JS_DupValue(ctx, values[i]),
                                          JS_PROP_C_W_E | JS_PROP_THROW);
        if (ret < 0)
            return -1;
    }
    return 0;
}

/* the groups object of a match (undefined without named groups) */
static JSValue js_regexp_make_groups(JSContext *ctx, const JSReProgram *prog, JSValueConst *values,
                                     const int32_t *caps)
{
    JSValue groups;
    if (!js_re_has_named_groups(prog))
        return JS_UNDEFINED;
    groups = JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsException(groups))
        return groups;
    if (js_regexp_fill_groups(ctx, groups, prog, values, caps)) {
        JS_FreeValue(ctx, groups);
        return JS_EXCEPTION;
    }
    return groups;
}

/* MakeMatchIndicesIndexPairArray */
static JSValue js_regexp_make_indices(JSContext *ctx, const JSReProgram *prog, const int32_t *caps)
{
    int n = js_re_get_capture_count(prog);
    JSValue *values, arr, groups = JS_UNDEFINED;
    arr = js_new_array_len(ctx, (uint32_t)n, &values);
    if (JS_IsException(arr))
        return arr;
    for (int i = 0; i < n; i++) {
        if (caps[2 * i] >= 0 && caps[2 * i + 1] >= 0) {
            JSValue pair[2] = {JS_NewInt32(ctx, caps[2 * i]), JS_NewInt32(ctx, caps[2 * i + 1])};
            values[i] = js_create_array(ctx, 2, pair);
            if (JS_IsException(values[i])) {
                values[i] = JS_UNDEFINED;
                goto fail;
            }
        }
    }
    groups = js_regexp_make_groups(ctx, prog, values, caps);
    if (JS_IsException(groups))
        goto fail;
    if (JS_DefinePropertyValue(ctx, arr, JS_ATOM_groups, groups, JS_PROP_C_W_E) < 0)
        goto fail;
    return arr;
fail:
    JS_FreeValue(ctx, arr);
    return JS_EXCEPTION;
}

/* the result object of RegExpBuiltinExec for a match */
static JSValue js_regexp_make_result(JSContext *ctx, const JSRegExpMatch *m, JSValueConst str)
{
    JSString *s = JS_VALUE_GET_STRING(str);
    const JSReProgram *prog = m->re->prog;
    JSValue *values, arr, groups, indices;
    int n = m->ncaps;
    arr = js_new_array_len(ctx, (uint32_t)n, &values);
    if (JS_IsException(arr))
        return arr;
    for (int i = 0; i < n; i++) {
        values[i] = js_regexp_capture_value(ctx, s, m->caps, i);
        if (JS_IsException(values[i])) {
            values[i] = JS_UNDEFINED;
            goto fail;
        }
    }
    if (JS_DefinePropertyValue(ctx, arr, JS_ATOM_index, JS_NewInt32(ctx, m->caps[0]),
                               JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValue(ctx, arr, JS_ATOM_input, JS_DupValue(ctx, str), JS_PROP_C_W_E) < 0)
        goto fail;
    groups = js_regexp_make_groups(ctx, prog, values, m->caps);
    if (JS_IsException(groups) ||
        JS_DefinePropertyValue(ctx, arr, JS_ATOM_groups, groups, JS_PROP_C_W_E) < 0)
        goto fail;
    if (m->re->flag_bits & JS_RE_FLAG_HAS_INDICES) {
        indices = js_regexp_make_indices(ctx, prog, m->caps);
        if (JS_IsException(indices) ||
            JS_DefinePropertyValue(ctx, arr, JS_ATOM_indices, indices, JS_PROP_C_W_E) < 0)
            goto fail;
    }
    return arr;
fail:
    JS_FreeValue(ctx, arr);
    return JS_EXCEPTION;
}

/* RegExpBuiltinExec(R, S); str is a flat string */
static JSValue js_regexp_builtin_exec(JSContext *ctx, JSValueConst rx, JSRegExpData *re,
                                      JSValueConst str)
{
    JSRegExpMatch m;
    JSValue ret;
    int r;
    if (js_regexp_match_init(ctx, &m, re))
        return JS_EXCEPTION;
    r = js_regexp_builtin_match(ctx, rx, re, JS_VALUE_GET_STRING(str), &m);
    if (r < 0)
        ret = JS_EXCEPTION;
    else if (r == 0)
        ret = JS_NULL;
    else
        ret = js_regexp_make_result(ctx, &m, str);
    js_regexp_match_free(ctx, &m);
    return ret;
}

static JSValue js_regexp_exec(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    JSRegExpData *re = js_regexp_this(ctx, this_val, "exec");
    JSValue str, ret;
    if (!re)
        return JS_EXCEPTION;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    ret = js_regexp_builtin_exec(ctx, this_val, re, str);
    JS_FreeValue(ctx, str);
    return ret;
}

static bool js_regexp_is_builtin_exec(JSValueConst f)
{
    JSObject *p;
    if (!JS_IsObject(f))
        return false;
    p = js_obj(f);
    return p->class_id == JS_CLASS_C_FUNCTION && p->u.cfunc.c_function.generic == js_regexp_exec;
}

/* RegExpExec(R, S). Returns -1 (exception), 0 (null) or 1. On a match,
   *presult is the result object, or, when m is given and the exec method
   is the builtin one, JS_UNDEFINED with the captures in m (which the
   caller frees with js_regexp_match_free). str is a flat string. */
static int js_regexp_exec_gen(JSContext *ctx, JSValueConst rx, JSValueConst str, JSValue *presult,
                              JSRegExpMatch *m)
{
    JSValue exec = JS_GetProperty(ctx, rx, JS_ATOM_exec), res;
    JSRegExpData *re;
    *presult = JS_UNDEFINED;
    if (JS_IsException(exec))
        return -1;
    if (js_regexp_is_builtin_exec(exec) && (re = js_regexp_data(rx))) {
        int r;
        JS_FreeValue(ctx, exec);
        if (m) {
            if (js_regexp_match_init(ctx, m, re))
                return -1;
            r = js_regexp_builtin_match(ctx, rx, re, JS_VALUE_GET_STRING(str), m);
            if (r <= 0)
                js_regexp_match_free(ctx, m);
            return r;
        }
        res = js_regexp_builtin_exec(ctx, rx, re, str);
    } else if (JS_IsCallable(ctx, exec)) {
        res = JS_CallFree(ctx, exec, rx, 1, &str);
        if (!JS_IsException(res) && !JS_IsObject(res) && !JS_IsNull(res)) {
            JS_FreeValue(ctx, res);
            JS_ThrowTypeError(ctx, "RegExp exec method returned something other than an Object "
                                   "or null");
            return -1;
        }
    } else {
        JS_FreeValue(ctx, exec);
        re = js_regexp_data(rx);
        if (!re) {
            JS_ThrowTypeError(ctx, "RegExp exec method called on an incompatible receiver");
            return -1;
        }
        res = js_regexp_builtin_exec(ctx, rx, re, str);
    }
    if (JS_IsException(res))
        return -1;
    if (JS_IsNull(res))
        return 0;
    *presult = res;
    return 1;
}

/* ---------------------------------------------------------------------
 * test, toString, flags, source, the flag getters
 * ------------------------------------------------------------------- */
static JSValue js_regexp_this_object(JSContext *ctx, JSValueConst this_val, const char *method)
{
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype.%s called on a non-object", method);
    return JS_UNDEFINED;
}

static JSValue js_regexp_test(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue str, res;
    JSRegExpMatch m;
    int r;
    if (JS_IsException(js_regexp_this_object(ctx, this_val, "test")))
        return JS_EXCEPTION;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    r = js_regexp_exec_gen(ctx, this_val, str, &res, &m);
    JS_FreeValue(ctx, str);
    if (r < 0)
        return JS_EXCEPTION;
    if (r > 0) {
        if (JS_IsUndefined(res))
            js_regexp_match_free(ctx, &m);
        JS_FreeValue(ctx, res);
    }
    return JS_NewBool(ctx, r > 0);
}

static JSValue js_regexp_to_string(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    StringBuffer b;
    JSValue v;
    if (JS_IsException(js_regexp_this_object(ctx, this_val, "toString")))
        return JS_EXCEPTION;
    if (string_buffer_init(ctx, &b, 16))
        return JS_EXCEPTION;
    string_buffer_putc8(&b, '/');
    v = JS_GetProperty(ctx, this_val, JS_ATOM_source);
    if (JS_IsException(v) || string_buffer_concat_value_free(&b, v))
        goto fail;
    string_buffer_putc8(&b, '/');
    v = JS_GetProperty(ctx, this_val, JS_ATOM_flags);
    if (JS_IsException(v) || string_buffer_concat_value_free(&b, v))
        goto fail;
    return string_buffer_end(&b);
fail:
    string_buffer_free(&b);
    return JS_EXCEPTION;
}

/* the flag getters: global, ignoreCase, ... (magic: the flag bit) */
static JSValue js_regexp_get_flag(JSContext *ctx, JSValueConst this_val, int magic)
{
    JSRegExpData *re;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp flag getter called on a non-object");
    re = js_regexp_data(this_val);
    if (!re) {
        if (js_same_value(ctx, this_val, ctx->class_proto[JS_CLASS_REGEXP]))
            return JS_UNDEFINED;
        return JS_ThrowTypeError(ctx, "RegExp flag getter called on an incompatible receiver");
    }
    return JS_NewBool(ctx, (js_regexp_flags(re) & magic) != 0);
}

static const struct {
    JSAtom atom;
    char letter;
} js_regexp_flag_props[] = {
    {JS_ATOM_hasIndices, 'd'}, {JS_ATOM_global, 'g'},     {JS_ATOM_ignoreCase, 'i'},
    {JS_ATOM_multiline, 'm'},  {JS_ATOM_dotAll, 's'},     {JS_ATOM_unicode, 'u'},
    {JS_ATOM_unicodeSets, 'v'}, {JS_ATOM_sticky, 'y'},
};

static JSValue js_regexp_get_flags(JSContext *ctx, JSValueConst this_val)
{
    char buf[16];
    int n = 0;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype.flags getter called on a non-object");
    for (size_t i = 0; i < countof(js_regexp_flag_props); i++) {
        JSValue v = JS_GetProperty(ctx, this_val, js_regexp_flag_props[i].atom);
        int b;
        if (JS_IsException(v))
            return v;
        b = JS_ToBool(ctx, v);
        JS_FreeValue(ctx, v);
        if (b < 0)
            return JS_EXCEPTION;
        if (b)
            buf[n++] = js_regexp_flag_props[i].letter;
    }
    return js_new_string8_len(ctx, buf, (uint32_t)n);
}

/* a line terminator as the escape that denotes it (after a backslash) */
static void js_regexp_put_line_terminator(StringBuffer *b, uint32_t c)
{
    if (c == '\n')
        string_buffer_putc8(b, 'n');
    else if (c == '\r')
        string_buffer_putc8(b, 'r');
    else
        string_buffer_printf(b, "u%04x", c);
}

/* EscapeRegExpPattern: '/' and line terminators escaped so that
   "/" + source + "/" + flags reads back as the same pattern */
static JSValue js_regexp_escape_pattern(JSContext *ctx, JSString *p)
{
    StringBuffer b;
    bool in_class = false;
    if (p->len == 0)
        return js_new_string8(ctx, "(?:)");
    if (string_buffer_init2(ctx, &b, p->len, p->is_wide_char))
        return JS_EXCEPTION;
    for (uint32_t i = 0; i < p->len; i++) {
        uint32_t c = string_get(p, i);
        if (c == '\\' && i + 1 < p->len) {
            c = string_get(p, ++i);
            string_buffer_putc8(&b, '\\');
            if (js_unicode_is_line_terminator(c))
                js_regexp_put_line_terminator(&b, c);
            else
                string_buffer_putc16(&b, c);
            continue;
        }
        if (c == '[')
            in_class = true;
        else if (c == ']')
            in_class = false;
        if (c == '/' && !in_class) {
            string_buffer_puts8(&b, "\\/");
        } else if (js_unicode_is_line_terminator(c)) {
            string_buffer_putc8(&b, '\\');
            js_regexp_put_line_terminator(&b, c);
        } else {
            string_buffer_putc16(&b, c);
        }
    }
    return string_buffer_end(&b);
}

static JSValue js_regexp_get_source(JSContext *ctx, JSValueConst this_val)
{
    JSRegExpData *re;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype.source getter called on a non-object");
    re = js_regexp_data(this_val);
    if (!re) {
        if (js_same_value(ctx, this_val, ctx->class_proto[JS_CLASS_REGEXP]))
            return js_new_string8(ctx, "(?:)");
        return JS_ThrowTypeError(ctx, "RegExp.prototype.source getter called on an incompatible "
                                      "receiver");
    }
    return js_regexp_escape_pattern(ctx, JS_VALUE_GET_STRING(re->source));
}

static JSValue js_regexp_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

/* the inspection API of weft.h: from the slots, whatever the program did
   to the source and flags getters */
JSValue JS_GetRegExpLiteral(JSContext *ctx, JSValueConst re_val)
{
    JSRegExpData *re = JS_IsRegExp(re_val) ? js_regexp_data(re_val) : NULL;
    StringBuffer b;
    JSValue source;
    if (!re)
        return JS_UNDEFINED;
    source = js_regexp_escape_pattern(ctx, JS_VALUE_GET_STRING(re->source));
    if (JS_IsException(source) || string_buffer_init(ctx, &b, 16)) {
        JS_FreeValue(ctx, source);
        return JS_EXCEPTION;
    }
    string_buffer_putc8(&b, '/');
    string_buffer_concat_value_free(&b, source);
    string_buffer_putc8(&b, '/');
    string_buffer_concat_value(&b, re->flags);
    return string_buffer_end(&b);
}

/* ToString(Get(rx, "flags")): a flat string */
static JSValue js_regexp_get_flags_string(JSContext *ctx, JSValueConst rx)
{
    JSValue v = JS_GetProperty(ctx, rx, JS_ATOM_flags);
    if (JS_IsException(v))
        return v;
    return JS_ToStringFree(ctx, v);
}

static bool js_regexp_flags_has(JSValueConst flags, int c)
{
    return js_string_indexof_char(JS_VALUE_GET_STRING(flags), c, 0) >= 0;
}

/* ---------------------------------------------------------------------
 * RegExp.escape
 * ------------------------------------------------------------------- */
static bool js_regexp_is_syntax_char(uint32_t c)
{
    return c < 128 && c && strchr("^$\\.*+?()[]{}|/", (int)c);
}

static int js_regexp_escape_char(StringBuffer *b, uint32_t c, bool first)
{
    static const char control[] = {'t', 'n', 'v', 'f', 'r'};
    if (first && ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
        return string_buffer_printf(b, "\\x%02x", c);
    if (js_regexp_is_syntax_char(c)) {
        string_buffer_putc8(b, '\\');
        return string_buffer_putc8(b, c);
    }
    if (c >= 9 && c <= 13) {
        string_buffer_putc8(b, '\\');
        return string_buffer_putc8(b, (uint32_t)control[c - 9]);
    }
    if ((c < 128 && c && strchr(",-=<>#&!%:;@~'`\"", (int)c)) || js_unicode_is_space(c) ||
        js_unicode_is_line_terminator(c) || (c >= 0xd800 && c <= 0xdfff)) {
        if (c <= 0xff)
            return string_buffer_printf(b, "\\x%02x", c);
        return string_buffer_printf(b, "\\u%04x", c);
    }
    return string_buffer_putc(b, c);
}

static JSValue js_regexp_escape(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    JSString *p;
    StringBuffer b;
    uint32_t i = 0;
    if (!JS_IsString(argv[0]))
        return JS_ThrowTypeError(ctx, "RegExp.escape requires a string");
    p = js_get_flat_string(ctx, argv[0]);
    if (!p)
        return JS_EXCEPTION;
    if (string_buffer_init(ctx, &b, p->len))
        return JS_EXCEPTION;
    while (i < p->len) {
        bool first = i == 0;
        uint32_t c = js_string_get_codepoint(p, &i);
        if (js_regexp_escape_char(&b, c, first))
            break;
    }
    return string_buffer_end(&b);
}

/* ---------------------------------------------------------------------
 * Match results, whichever way they were produced
 * ------------------------------------------------------------------- */
/* ToString(Get(result, "0")) */
static JSValue js_regexp_result_matched(JSContext *ctx, JSValueConst res, const JSRegExpMatch *m,
                                        JSValueConst str)
{
    JSValue v;
    if (JS_IsUndefined(res))
        return js_regexp_capture_value(ctx, JS_VALUE_GET_STRING(str), m->caps, 0);
    v = JS_GetPropertyUint32(ctx, res, 0);
    if (JS_IsException(v))
        return v;
    return JS_ToStringFree(ctx, v);
}

/* after an empty match of a global loop: lastIndex = AdvanceStringIndex */
static int js_regexp_advance_empty(JSContext *ctx, JSValueConst rx, JSString *s, bool unicode)
{
    int64_t this_index;
    if (js_regexp_get_last_index(ctx, rx, &this_index))
        return -1;
    return js_regexp_set_last_index(ctx, rx, js_regexp_advance(s, this_index, unicode));
}

/* ---------------------------------------------------------------------
 * RegExp.prototype[Symbol.match]
 * ------------------------------------------------------------------- */
static JSValue js_regexp_symbol_match(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    JSValueConst rx = this_val;
    JSValue str, flags, arr = JS_UNDEFINED, res, matched;
    JSRegExpMatch m;
    bool unicode;
    uint32_t n = 0;
    int r;
    if (JS_IsException(js_regexp_this_object(ctx, rx, "[Symbol.match]")))
        return JS_EXCEPTION;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    flags = js_regexp_get_flags_string(ctx, rx);
    if (JS_IsException(flags))
        goto fail;
    if (!js_regexp_flags_has(flags, 'g')) {
        JS_FreeValue(ctx, flags);
        r = js_regexp_exec_gen(ctx, rx, str, &res, NULL);
        JS_FreeValue(ctx, str);
        return r < 0 ? JS_EXCEPTION : r == 0 ? JS_NULL : res;
    }
    unicode = js_regexp_flags_has(flags, 'u') || js_regexp_flags_has(flags, 'v');
    JS_FreeValue(ctx, flags);
    if (js_regexp_set_last_index(ctx, rx, 0))
        goto fail;
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr))
        goto fail;
    for (;;) {
        r = js_regexp_exec_gen(ctx, rx, str, &res, &m);
        if (r < 0)
            goto fail;
        if (r == 0)
            break;
        matched = js_regexp_result_matched(ctx, res, &m, str);
        if (JS_IsUndefined(res))
            js_regexp_match_free(ctx, &m);
        JS_FreeValue(ctx, res);
        if (JS_IsException(matched))
            goto fail;
        if (js_string_len(matched) == 0 &&
            js_regexp_advance_empty(ctx, rx, JS_VALUE_GET_STRING(str), unicode)) {
            JS_FreeValue(ctx, matched);
            goto fail;
        }
        if (JS_CreateDataPropertyUint32(ctx, arr, n++, matched, JS_PROP_THROW) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, str);
    if (n == 0) {
        JS_FreeValue(ctx, arr);
        return JS_NULL;
    }
    return arr;
fail:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, arr);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * RegExp.prototype[Symbol.replace]
 * ------------------------------------------------------------------- */
/* the results RegExpExec produced: objects, or capture arrays */
typedef struct JSRegExpResults {
    JSValue *objs;    /* JS_UNDEFINED for a builtin match */
    int32_t *caps;    /* the captures of builtin matches, back to back */
    JSRegExpData **res; /* the data each builtin match used */
    uint32_t count, size;
    uint32_t caps_len, caps_size;
} JSRegExpResults;

static void js_regexp_results_free(JSContext *ctx, JSRegExpResults *r)
{
    for (uint32_t i = 0; i < r->count; i++) {
        if (JS_IsUndefined(r->objs[i]))
            js_regexp_data_free(ctx->rt, r->res[i]);
        JS_FreeValue(ctx, r->objs[i]);
    }
    js_free(ctx, r->objs);
    js_free(ctx, r->caps);
    js_free(ctx, r->res);
}

static int js_regexp_results_add(JSContext *ctx, JSRegExpResults *r, JSValue obj,
                                 const JSRegExpMatch *m)
{
    if (r->count == r->size) {
        uint32_t size = r->size ? r->size * 2 : 8;
        JSValue *objs = js_realloc(ctx, r->objs, size * sizeof(*objs));
        JSRegExpData **res;
        if (!objs)
            goto fail;
        r->objs = objs;
        res = js_realloc(ctx, r->res, size * sizeof(*res));
        if (!res)
            goto fail;
        r->res = res;
        r->size = size;
    }
    if (JS_IsUndefined(obj)) {
        uint32_t need = r->caps_len + 2 * (uint32_t)m->ncaps;
        if (need > r->caps_size) {
            uint32_t size = r->caps_size ? r->caps_size : 32;
            int32_t *caps;
            while (size < need)
                size *= 2;
            caps = js_realloc(ctx, r->caps, size * sizeof(int32_t));
            if (!caps)
                goto fail;
            r->caps = caps;
            r->caps_size = size;
        }
        memcpy(r->caps + r->caps_len, m->caps, 2 * m->ncaps * sizeof(int32_t));
        r->caps_len = need;
        r->res[r->count] = m->re;
        m->re->ref_count++;
    }
    r->objs[r->count++] = obj;
    return 0;
fail:
    JS_FreeValue(ctx, obj);
    return -1;
}

/* the replacement of one builtin match: *ppos and *pmatch_len describe it */
typedef struct JSRegExpReplaceState {
    JSValueConst str;
    JSValueConst replace_value;
    bool functional;
} JSRegExpReplaceState;

/* calls the replacer or expands the template; captures[0] is the match,
   captures[1 .. ncaps] the groups (strings or undefined) */
static int js_regexp_replacement(JSContext *ctx, StringBuffer *b, const JSRegExpReplaceState *st,
                                 JSValue *captures, uint32_t ncaps, uint32_t position,
                                 JSValueConst groups)
{
    if (st->functional) {
        uint32_t argc = ncaps + 3 + !JS_IsUndefined(groups), i;
        JSValue *args = js_malloc(ctx, argc * sizeof(JSValue)), r;
        if (!args)
            return -1;
        for (i = 0; i <= ncaps; i++)
            args[i] = captures[i];
        args[i++] = JS_NewInt32(ctx, (int32_t)position);
        args[i++] = st->str;
        if (!JS_IsUndefined(groups))
            args[i++] = groups;
        r = JS_Call(ctx, st->replace_value, JS_UNDEFINED, (int)argc, args);
        js_free(ctx, args);
        if (JS_IsException(r))
            return -1;
        return string_buffer_concat_value_free(b, r);
    }
    return js_string_get_substitution(ctx, b, captures[0], st->str, position, ncaps, captures + 1,
                                      groups, st->replace_value);
}

/* one result of the generic path: reads length, 0, index, the captures
   and groups as the spec orders it, and appends the replacement */
static int js_regexp_replace_object(JSContext *ctx, StringBuffer *b,
                                    const JSRegExpReplaceState *st, JSValueConst res,
                                    uint32_t *next_pos)
{
    JSString *s = JS_VALUE_GET_STRING(st->str);
    JSValue *captures = NULL, groups = JS_UNDEFINED, v;
    int64_t result_len;
    uint32_t ncaps, i, position, match_len;
    double d;
    int ret = -1;
    if (js_get_length64(ctx, &result_len, res))
        return -1;
    ncaps = result_len > 1 ? (uint32_t)(result_len - 1 > 65535 ? 65535 : result_len - 1) : 0;
    captures = js_mallocz(ctx, (ncaps + 1) * sizeof(JSValue));
    if (!captures)
        return -1;
    for (i = 0; i <= ncaps; i++)
        captures[i] = JS_UNDEFINED;
    v = JS_GetPropertyUint32(ctx, res, 0);
    if (JS_IsException(v))
        goto done;
    captures[0] = JS_ToStringFree(ctx, v);
    if (JS_IsException(captures[0])) {
        captures[0] = JS_UNDEFINED;
        goto done;
    }
    match_len = js_string_len(captures[0]);
    v = JS_GetProperty(ctx, res, JS_ATOM_index);
    if (JS_IsException(v) || JS_ToIntegerFree(ctx, &d, v))
        goto done;
    position = d < 0 ? 0 : d > s->len ? s->len : (uint32_t)d;
    for (i = 1; i <= ncaps; i++) {
        v = JS_GetPropertyUint32(ctx, res, i);
        if (JS_IsException(v))
            goto done;
        if (!JS_IsUndefined(v)) {
            v = JS_ToStringFree(ctx, v);
            if (JS_IsException(v))
                goto done;
        }
        captures[i] = v;
    }
    groups = JS_GetProperty(ctx, res, JS_ATOM_groups);
    if (JS_IsException(groups))
        goto done;
    if (!st->functional && !JS_IsUndefined(groups)) {
        v = JS_ToObject(ctx, groups);
        JS_FreeValue(ctx, groups);
        groups = v;
        if (JS_IsException(groups))
            goto done;
    }
    if (position >= *next_pos) {
        StringBuffer rb;
        if (string_buffer_init(ctx, &rb, 0))
            goto done;
        if (js_regexp_replacement(ctx, &rb, st, captures, ncaps, position, groups)) {
            string_buffer_free(&rb);
            goto done;
        }
        v = string_buffer_end(&rb);
        if (JS_IsException(v))
            goto done;
        string_buffer_concat(b, s, *next_pos, position);
        string_buffer_concat_value_free(b, v);
        *next_pos = position + match_len;
    } else {
        /* the replacer still runs (observably) even when its result is dropped */
        StringBuffer rb;
        if (string_buffer_init(ctx, &rb, 0))
            goto done;
        if (js_regexp_replacement(ctx, &rb, st, captures, ncaps, position, groups)) {
            string_buffer_free(&rb);
            goto done;
        }
        string_buffer_free(&rb);
    }
    ret = 0;
done:
    for (i = 0; i <= ncaps; i++)
        JS_FreeValue(ctx, captures[i]);
    js_free(ctx, captures);
    JS_FreeValue(ctx, groups);
    return ret;
}

/* one builtin match (captures only): nothing but the replacer is
   observable, so the values are made from the positions directly */
static int js_regexp_replace_caps(JSContext *ctx, StringBuffer *b, const JSRegExpReplaceState *st,
                                  const JSReProgram *prog, const int32_t *caps, uint32_t *next_pos)
{
    JSString *s = JS_VALUE_GET_STRING(st->str);
    uint32_t n = (uint32_t)js_re_get_capture_count(prog), i, position = (uint32_t)caps[0];
    JSValue buf[16], *captures = buf, groups = JS_UNDEFINED;
    int ret = -1;
    if (n > countof(buf)) {
        captures = js_malloc(ctx, n * sizeof(JSValue));
        if (!captures)
            return -1;
    }
    for (i = 0; i < n; i++)
        captures[i] = JS_UNDEFINED;
    for (i = 0; i < n; i++) {
        captures[i] = js_regexp_capture_value(ctx, s, caps, (int)i);
        if (JS_IsException(captures[i])) {
            captures[i] = JS_UNDEFINED;
            goto done;
        }
    }
    groups = js_regexp_make_groups(ctx, prog, captures, caps);
    if (JS_IsException(groups))
        goto done;
    if (position >= *next_pos) {
        string_buffer_concat(b, s, *next_pos, position);
        if (js_regexp_replacement(ctx, b, st, captures, n - 1, position, groups))
            goto done;
        *next_pos = (uint32_t)caps[1];
    } else {
        StringBuffer rb;
        if (string_buffer_init(ctx, &rb, 0))
            goto done;
        if (js_regexp_replacement(ctx, &rb, st, captures, n - 1, position, groups)) {
            string_buffer_free(&rb);
            goto done;
        }
        string_buffer_free(&rb);
    }
    ret = 0;
done:
    for (i = 0; i < n; i++)
        JS_FreeValue(ctx, captures[i]);
    if (captures != buf)
        js_free(ctx, captures);
    JS_FreeValue(ctx, groups);
    return ret;
}

/* collects the results of the exec loop of Symbol.replace */
static int js_regexp_replace_collect(JSContext *ctx, JSValueConst rx, JSValueConst str,
                                     bool global, bool unicode, JSRegExpResults *results)
{
    for (;;) {
        JSRegExpMatch m;
        JSValue res, matched;
        bool empty;
        int r = js_regexp_exec_gen(ctx, rx, str, &res, &m);
        if (r < 0)
            return -1;
        if (r == 0)
            return 0;
        if (JS_IsUndefined(res)) {
            empty = m.caps[0] == m.caps[1];
            r = js_regexp_results_add(ctx, results, JS_UNDEFINED, &m);
            js_regexp_match_free(ctx, &m);
            if (r)
                return -1;
        } else {
            if (js_regexp_results_add(ctx, results, res, NULL))
                return -1;
            if (!global)
                return 0;
            matched = js_regexp_result_matched(ctx, res, NULL, str);
            if (JS_IsException(matched))
                return -1;
            empty = js_string_len(matched) == 0;
            JS_FreeValue(ctx, matched);
        }
        if (!global)
            return 0;
        if (empty && js_regexp_advance_empty(ctx, rx, JS_VALUE_GET_STRING(str), unicode))
            return -1;
    }
}

static JSValue js_regexp_symbol_replace(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    JSValueConst rx = this_val;
    JSValue str, repl = JS_UNDEFINED, flags;
    JSRegExpResults results;
    JSRegExpReplaceState st;
    StringBuffer b;
    JSString *s;
    bool global, unicode = false;
    uint32_t next_pos = 0, caps_off = 0;
    memset(&results, 0, sizeof(results));
    if (JS_IsException(js_regexp_this_object(ctx, rx, "[Symbol.replace]")))
        return JS_EXCEPTION;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    st.str = str;
    st.functional = JS_IsCallable(ctx, argv[1]);
    if (!st.functional) {
        repl = JS_ToString(ctx, argv[1]);
        if (JS_IsException(repl))
            goto fail;
    }
    st.replace_value = st.functional ? argv[1] : repl;
    flags = js_regexp_get_flags_string(ctx, rx);
    if (JS_IsException(flags))
        goto fail;
    global = js_regexp_flags_has(flags, 'g');
    if (global)
        unicode = js_regexp_flags_has(flags, 'u') || js_regexp_flags_has(flags, 'v');
    JS_FreeValue(ctx, flags);
    if (global && js_regexp_set_last_index(ctx, rx, 0))
        goto fail;
    if (js_regexp_replace_collect(ctx, rx, str, global, unicode, &results))
        goto fail;
    s = JS_VALUE_GET_STRING(str);
    if (string_buffer_init2(ctx, &b, s->len, s->is_wide_char))
        goto fail;
    for (uint32_t i = 0; i < results.count; i++) {
        int r;
        if (JS_IsUndefined(results.objs[i])) {
            const JSReProgram *prog = results.res[i]->prog;
            r = js_regexp_replace_caps(ctx, &b, &st, prog, results.caps + caps_off, &next_pos);
            caps_off += 2 * (uint32_t)js_re_get_capture_count(prog);
        } else {
            r = js_regexp_replace_object(ctx, &b, &st, results.objs[i], &next_pos);
        }
        if (r) {
            string_buffer_free(&b);
            goto fail;
        }
    }
    if (next_pos < s->len)
        string_buffer_concat(&b, s, next_pos, s->len);
    js_regexp_results_free(ctx, &results);
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, repl);
    return string_buffer_end(&b);
fail:
    js_regexp_results_free(ctx, &results);
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, repl);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * RegExp.prototype[Symbol.search]
 * ------------------------------------------------------------------- */
static JSValue js_regexp_symbol_search(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    JSValueConst rx = this_val;
    JSValue str, previous, current, res, ret;
    JSRegExpMatch m;
    int r;
    if (JS_IsException(js_regexp_this_object(ctx, rx, "[Symbol.search]")))
        return JS_EXCEPTION;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    previous = JS_GetProperty(ctx, rx, JS_ATOM_lastIndex);
    if (JS_IsException(previous))
        goto fail;
    if (!js_same_value(ctx, previous, JS_NewInt32(ctx, 0)) &&
        js_regexp_set_last_index(ctx, rx, 0))
        goto fail_prev;
    r = js_regexp_exec_gen(ctx, rx, str, &res, &m);
    if (r < 0)
        goto fail_prev;
    current = JS_GetProperty(ctx, rx, JS_ATOM_lastIndex);
    if (JS_IsException(current))
        goto fail_res;
    if (!js_same_value(ctx, current, previous)) {
        JS_FreeValue(ctx, current);
        if (JS_SetPropertyInternal(ctx, rx, JS_ATOM_lastIndex, JS_DupValue(ctx, previous), rx,
                                   JS_PROP_THROW) < 0)
            goto fail_res;
    } else {
        JS_FreeValue(ctx, current);
    }
    JS_FreeValue(ctx, previous);
    JS_FreeValue(ctx, str);
    if (r == 0)
        return JS_NewInt32(ctx, -1);
    if (JS_IsUndefined(res)) {
        ret = JS_NewInt32(ctx, m.caps[0]);
        js_regexp_match_free(ctx, &m);
        return ret;
    }
    ret = JS_GetProperty(ctx, res, JS_ATOM_index);
    JS_FreeValue(ctx, res);
    return ret;
fail_res:
    if (r > 0) {
        if (JS_IsUndefined(res))
            js_regexp_match_free(ctx, &m);
        JS_FreeValue(ctx, res);
    }
fail_prev:
    JS_FreeValue(ctx, previous);
fail:
    JS_FreeValue(ctx, str);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * RegExp.prototype[Symbol.split]
 * ------------------------------------------------------------------- */
/* Construct(C, « rx, flags ») of Symbol.split and Symbol.matchAll. With
   the realm's own %RegExp% and a RegExp rx, the constructor's observable
   steps are only IsRegExp(rx): the rest is done here, and when the flags
   differ from rx's at most in y the new object shares rx's program. */
static JSValue js_regexp_construct(JSContext *ctx, JSValueConst ctor, JSValueConst rx,
                                   JSValueConst flags)
{
    JSValueConst args[2] = {rx, flags};
    JSRegExpData *re;
    JSValue obj, program;
    int bits;
    if (!js_regexp_data(rx) || !js_same_value(ctx, ctor, ctx->regexp_ctor))
        return JS_CallConstructor(ctx, ctor, 2, args);
    if (js_regexp_is_regexp(ctx, rx) < 0)
        return JS_EXCEPTION;
    re = js_regexp_data(rx); /* the Symbol.match getter may have recompiled rx */
    bits = js_regexp_parse_flag_string(JS_VALUE_GET_STRING(flags));
    if (bits >= 0 && !((bits ^ re->flag_bits) & ~JS_RE_FLAG_STICKY))
        program = JS_DupValue(ctx, re->program);
    else
        program = js_regexp_compile_program(ctx, re->source, flags);
    if (JS_IsException(program))
        return program;
    obj = js_regexp_alloc(ctx, ctor);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, program);
        return obj;
    }
    if (js_regexp_set_slots(ctx, obj, JS_DupValue(ctx, re->source), JS_DupValue(ctx, flags),
                            program) ||
        js_regexp_set_last_index(ctx, obj, 0)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* appends S[from, to) to the split result */
static int js_regexp_split_push(JSContext *ctx, JSValueConst arr, uint32_t *plen, JSString *s,
                                uint32_t from, uint32_t to)
{
    JSValue v = js_sub_string(ctx, s, from, to);
    if (JS_IsException(v))
        return -1;
    return JS_CreateDataPropertyUint32(ctx, arr, (*plen)++, v, JS_PROP_THROW) < 0 ? -1 : 0;
}

/* the captures of a split match go into the result; 1 when the limit
   was reached */
static int js_regexp_split_captures(JSContext *ctx, JSValueConst arr, uint32_t *plen, uint32_t lim,
                                    JSValueConst z, const JSRegExpMatch *m, JSString *s)
{
    int64_t n;
    if (JS_IsUndefined(z)) {
        n = m->ncaps;
    } else if (js_get_length64(ctx, &n, z)) {
        return -1;
    }
    for (int64_t i = 1; i < n; i++) {
        JSValue v = JS_IsUndefined(z) ? js_regexp_capture_value(ctx, s, m->caps, (int)i)
                                      : JS_GetPropertyInt64(ctx, z, i);
        if (JS_IsException(v))
            return -1;
        if (JS_CreateDataPropertyUint32(ctx, arr, (*plen)++, v, JS_PROP_THROW) < 0)
            return -1;
        if (*plen == lim)
            return 1;
    }
    return 0;
}

static JSValue js_regexp_symbol_split(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    JSValueConst rx = this_val, limit = argv[1];
    JSValue str, flags, new_flags = JS_UNDEFINED, splitter = JS_UNDEFINED, arr = JS_UNDEFINED, z;
    JSRegExpMatch m;
    JSString *s;
    bool unicode;
    uint32_t lim = 0xffffffff, len_a = 0, size, p = 0, q;
    int r;
    if (JS_IsException(js_regexp_this_object(ctx, rx, "[Symbol.split]")))
        return JS_EXCEPTION;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    s = JS_VALUE_GET_STRING(str);
    /* SpeciesConstructor comes before the flags are read */
    {
        JSValue ctor = js_species_constructor(ctx, rx, ctx->regexp_ctor);
        if (JS_IsException(ctor))
            goto fail;
        flags = js_regexp_get_flags_string(ctx, rx);
        if (JS_IsException(flags)) {
            JS_FreeValue(ctx, ctor);
            goto fail;
        }
        unicode = js_regexp_flags_has(flags, 'u') || js_regexp_flags_has(flags, 'v');
        if (js_regexp_flags_has(flags, 'y'))
            new_flags = flags;
        else
            new_flags = js_concat_cstring(ctx, flags, "y");
        if (JS_IsException(new_flags)) {
            JS_FreeValue(ctx, ctor);
            goto fail;
        }
        splitter = js_regexp_construct(ctx, ctor, rx, new_flags);
        JS_FreeValue(ctx, ctor);
        if (JS_IsException(splitter))
            goto fail;
    }
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr))
        goto fail;
    if (!JS_IsUndefined(limit) && JS_ToUint32(ctx, &lim, limit))
        goto fail;
    if (lim == 0)
        goto done;
    size = s->len;
    if (size == 0) {
        r = js_regexp_exec_gen(ctx, splitter, str, &z, &m);
        if (r < 0)
            goto fail;
        if (r > 0) {
            if (JS_IsUndefined(z))
                js_regexp_match_free(ctx, &m);
            JS_FreeValue(ctx, z);
            goto done;
        }
        if (JS_CreateDataPropertyUint32(ctx, arr, 0, JS_DupValue(ctx, str), JS_PROP_THROW) < 0)
            goto fail;
        goto done;
    }
    q = p;
    while (q < size) {
        int64_t e;
        if (js_regexp_set_last_index(ctx, splitter, q))
            goto fail;
        r = js_regexp_exec_gen(ctx, splitter, str, &z, &m);
        if (r < 0)
            goto fail;
        if (r == 0) {
            q = (uint32_t)js_regexp_advance(s, q, unicode);
            continue;
        }
        if (js_regexp_get_last_index(ctx, splitter, &e))
            goto fail_z;
        if (e > size)
            e = size;
        if (e == p) {
            q = (uint32_t)js_regexp_advance(s, q, unicode);
        } else {
            if (js_regexp_split_push(ctx, arr, &len_a, s, p, q))
                goto fail_z;
            if (len_a == lim)
                goto done_z;
            p = (uint32_t)e;
            r = js_regexp_split_captures(ctx, arr, &len_a, lim, z, &m, s);
            if (r < 0)
                goto fail_z;
            if (r > 0)
                goto done_z;
            q = p;
        }
        if (JS_IsUndefined(z))
            js_regexp_match_free(ctx, &m);
        JS_FreeValue(ctx, z);
    }
    if (js_regexp_split_push(ctx, arr, &len_a, s, p, size))
        goto fail;
    goto done;
done_z:
    if (JS_IsUndefined(z))
        js_regexp_match_free(ctx, &m);
    JS_FreeValue(ctx, z);
done:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, new_flags);
    JS_FreeValue(ctx, splitter);
    return arr;
fail_z:
    if (JS_IsUndefined(z))
        js_regexp_match_free(ctx, &m);
    JS_FreeValue(ctx, z);
fail:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, new_flags);
    JS_FreeValue(ctx, splitter);
    JS_FreeValue(ctx, arr);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * RegExp.prototype[Symbol.matchAll] and %RegExpStringIteratorPrototype%
 * ------------------------------------------------------------------- */
typedef struct JSRegExpStringIterator {
    JSValue rx;
    JSValue str;
    bool global, unicode, done;
} JSRegExpStringIterator;

static void js_regexp_string_iterator_finalizer(JSRuntime *rt, JSValue val)
{
    JSRegExpStringIterator *it = js_obj(val)->u.opaque;
    if (it) {
        JS_FreeValueRT(rt, it->rx);
        JS_FreeValueRT(rt, it->str);
        js_free_rt(rt, it);
    }
}

static void js_regexp_string_iterator_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSRegExpStringIterator *it = js_obj(val)->u.opaque;
    if (it)
        JS_MarkValue(rt, it->rx, mark_func);
}

static JSValue js_regexp_symbol_match_all(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    JSValueConst rx = this_val;
    JSValue str, ctor, flags = JS_UNDEFINED, matcher = JS_UNDEFINED, iter;
    JSRegExpStringIterator *it;
    int64_t last_index;
    if (JS_IsException(js_regexp_this_object(ctx, rx, "[Symbol.matchAll]")))
        return JS_EXCEPTION;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    ctor = js_species_constructor(ctx, rx, ctx->regexp_ctor);
    if (JS_IsException(ctor))
        goto fail;
    flags = js_regexp_get_flags_string(ctx, rx);
    if (JS_IsException(flags)) {
        JS_FreeValue(ctx, ctor);
        goto fail;
    }
    matcher = js_regexp_construct(ctx, ctor, rx, flags);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(matcher))
        goto fail;
    if (js_regexp_get_last_index(ctx, rx, &last_index) ||
        js_regexp_set_last_index(ctx, matcher, last_index))
        goto fail;
    iter = JS_NewObjectClass(ctx, JS_CLASS_REGEXP_STRING_ITERATOR);
    if (JS_IsException(iter))
        goto fail;
    it = js_malloc(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, iter);
        goto fail;
    }
    it->rx = matcher;
    it->str = str;
    it->global = js_regexp_flags_has(flags, 'g');
    it->unicode = js_regexp_flags_has(flags, 'u') || js_regexp_flags_has(flags, 'v');
    it->done = false;
    js_obj(iter)->u.opaque = it;
    JS_FreeValue(ctx, flags);
    return iter;
fail:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, flags);
    JS_FreeValue(ctx, matcher);
    return JS_EXCEPTION;
}

static JSValue js_regexp_string_iterator_next(JSContext *ctx, JSValueConst this_val, int argc,
                                              JSValueConst *argv)
{
    JSRegExpStringIterator *it;
    JSValue res, matched;
    int r;
    if (!JS_IsObject(this_val) || js_obj(this_val)->class_id != JS_CLASS_REGEXP_STRING_ITERATOR)
        return JS_ThrowTypeError(ctx, "%%RegExpStringIteratorPrototype%%.next called on an "
                                      "incompatible receiver");
    it = js_obj(this_val)->u.opaque;
    if (!it || it->done)
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    r = js_regexp_exec_gen(ctx, it->rx, it->str, &res, NULL);
    if (r < 0)
        return JS_EXCEPTION;
    if (r == 0) {
        it->done = true;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    if (!it->global) {
        it->done = true;
        return js_create_iter_result(ctx, res, false);
    }
    matched = js_regexp_result_matched(ctx, res, NULL, it->str);
    if (JS_IsException(matched)) {
        JS_FreeValue(ctx, res);
        return matched;
    }
    if (js_string_len(matched) == 0 &&
        js_regexp_advance_empty(ctx, it->rx, JS_VALUE_GET_STRING(it->str), it->unicode)) {
        JS_FreeValue(ctx, matched);
        JS_FreeValue(ctx, res);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, matched);
    return js_create_iter_result(ctx, res, false);
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSClassDef js_regexp_class_def = {
    .finalizer = js_regexp_finalizer,
};

static const JSClassDef js_regexp_string_iterator_class_def = {
    .finalizer = js_regexp_string_iterator_finalizer,
    .gc_mark = js_regexp_string_iterator_mark,
};

static const JSCFunctionListEntry js_regexp_funcs[] = {
    JS_CFUNC_DEF("escape", 1, js_regexp_escape),
    JS_CGETSET_DEF("[Symbol.species]", js_regexp_get_species, NULL),
};

static const JSCFunctionListEntry js_regexp_proto_funcs[] = {
    JS_CFUNC_DEF("compile", 2, js_regexp_compile_method),
    JS_CFUNC_DEF("exec", 1, js_regexp_exec),
    JS_CFUNC_DEF("test", 1, js_regexp_test),
    JS_CFUNC_DEF("toString", 0, js_regexp_to_string),
    JS_CGETSET_MAGIC_DEF("dotAll", js_regexp_get_flag, NULL, JS_RE_FLAG_DOTALL),
    JS_CGETSET_DEF("flags", js_regexp_get_flags, NULL),
    JS_CGETSET_MAGIC_DEF("global", js_regexp_get_flag, NULL, JS_RE_FLAG_GLOBAL),
    JS_CGETSET_MAGIC_DEF("hasIndices", js_regexp_get_flag, NULL, JS_RE_FLAG_HAS_INDICES),
    JS_CGETSET_MAGIC_DEF("ignoreCase", js_regexp_get_flag, NULL, JS_RE_FLAG_IGNORECASE),
    JS_CGETSET_MAGIC_DEF("multiline", js_regexp_get_flag, NULL, JS_RE_FLAG_MULTILINE),
    JS_CGETSET_DEF("source", js_regexp_get_source, NULL),
    JS_CGETSET_MAGIC_DEF("sticky", js_regexp_get_flag, NULL, JS_RE_FLAG_STICKY),
    JS_CGETSET_MAGIC_DEF("unicode", js_regexp_get_flag, NULL, JS_RE_FLAG_UNICODE),
    JS_CGETSET_MAGIC_DEF("unicodeSets", js_regexp_get_flag, NULL, JS_RE_FLAG_UNICODE_SETS),
    JS_CFUNC_DEF("[Symbol.match]", 1, js_regexp_symbol_match),
    JS_CFUNC_DEF("[Symbol.matchAll]", 1, js_regexp_symbol_match_all),
    JS_CFUNC_DEF("[Symbol.replace]", 2, js_regexp_symbol_replace),
    JS_CFUNC_DEF("[Symbol.search]", 1, js_regexp_symbol_search),
    JS_CFUNC_DEF("[Symbol.split]", 2, js_regexp_symbol_split),
};

static const JSCFunctionListEntry js_regexp_string_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("next", 0, js_regexp_string_iterator_next),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "RegExp String Iterator", JS_PROP_CONFIGURABLE),
};

void js_regexp_init_classes(JSRuntime *rt)
{
    js_new_class1(rt, JS_CLASS_REGEXP, &js_regexp_class_def, JS_ATOM_RegExp, NULL);
    js_new_class1(rt, JS_CLASS_REGEXP_STRING_ITERATOR, &js_regexp_string_iterator_class_def,
                  JS_ATOM_RegExp_String_Iterator, NULL);
}

int js_init_regexp(JSContext *ctx)
{
    JSValue proto, ctor, iter_proto;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[JS_CLASS_REGEXP] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_regexp_proto_funcs,
                                   countof(js_regexp_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_RegExp, js_regexp_constructor, 2,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    ctx->regexp_ctor = ctor;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_regexp_funcs, countof(js_regexp_funcs)) < 0 ||
        js_regexp_statics_init(ctx, ctor) < 0)
        return -1;
    iter_proto = JS_NewObjectProto(ctx, ctx->iterator_proto);
    if (JS_IsException(iter_proto))
        return -1;
    ctx->class_proto[JS_CLASS_REGEXP_STRING_ITERATOR] = iter_proto;
    return JS_SetPropertyFunctionList(ctx, iter_proto, js_regexp_string_iterator_proto_funcs,
                                      countof(js_regexp_string_iterator_proto_funcs));
}
