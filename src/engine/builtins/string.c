/*
 * string.c — the String builtin family: String exotic objects (wrapper
 * objects whose indices are read-only own properties), the String
 * constructor and its static methods, String.prototype (including the
 * Annex B methods), and %StringIteratorPrototype%.
 *
 * Every method first turns `this` into a flat string (JS_ToString returns
 * flat strings), then works on its Latin-1 or UTF-16 characters directly.
 * Searching and building have fast paths for 8-bit strings (memchr,
 * memmem, memcpy); they never change what user code can observe.
 *
 * The RegExp-taking methods (match, matchAll, replace, replaceAll, search,
 * split) dispatch through Symbol.match/matchAll/replace/search/split when
 * their argument is an object, so RegExp plugs in through those methods;
 * with a string argument match/matchAll/search create a RegExp through the
 * realm's %RegExp% constructor.
 */
#include <math.h>

#include "builtins.h"
#include "regexp.h"
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

/* argument i, or undefined when it was not passed (for parameters beyond
   the function's declared length, which the argv padding does not cover) */
#define STRING_ARG(i) ((argc) > (i) ? argv[i] : JS_UNDEFINED)

static inline bool js_is_high_surrogate(uint32_t c)
{
    return c >= 0xd800 && c < 0xdc00;
}
static inline bool js_is_low_surrogate(uint32_t c)
{
    return c >= 0xdc00 && c < 0xe000;
}

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */
/* RequireObjectCoercible(this) then ToString: a flat string value (owned) */
static JSValue js_string_this(JSContext *ctx, JSValueConst this_val, const char *method)
{
    if (JS_IsString(this_val))
        return js_flatten_string(ctx, JS_DupValue(ctx, this_val));
    if (JS_IsNull(this_val) || JS_IsUndefined(this_val))
        return JS_ThrowTypeError(ctx, "String.prototype.%s called on null or undefined", method);
    return JS_ToString(ctx, this_val);
}

static int js_string_require_coercible(JSContext *ctx, JSValueConst this_val, const char *method)
{
    if (JS_IsNull(this_val) || JS_IsUndefined(this_val)) {
        JS_ThrowTypeError(ctx, "String.prototype.%s called on null or undefined", method);
        return -1;
    }
    return 0;
}

static inline JSString *js_str(JSValueConst v)
{
    return JS_VALUE_GET_STRING(v);
}

/* a growable list of owned values, turned into an Array at the end
   (CreateArrayFromList: the elements are defined, never [[Set]]) */
typedef struct JSStringValueList {
    JSValue *tab;
    uint32_t len, size;
} JSStringValueList;

static int js_string_list_push(JSContext *ctx, JSStringValueList *l, JSValue v)
{
    if (JS_IsException(v))
        return -1;
    if (l->len >= l->size) {
        uint32_t new_size = l->size ? l->size + l->size / 2 : 8;
        JSValue *t = js_realloc(ctx, l->tab, sizeof(JSValue) * new_size);
        if (!t) {
            JS_FreeValue(ctx, v);
            return -1;
        }
        l->tab = t;
        l->size = new_size;
    }
    l->tab[l->len++] = v;
    return 0;
}

static void js_string_list_free(JSContext *ctx, JSStringValueList *l)
{
    for (uint32_t i = 0; i < l->len; i++)
        JS_FreeValue(ctx, l->tab[i]);
    js_free(ctx, l->tab);
    l->tab = NULL;
    l->len = l->size = 0;
}

/* the Array of the list's values (the list is emptied) */
static JSValue js_string_list_to_array(JSContext *ctx, JSStringValueList *l)
{
    JSValue arr = l->len ? js_new_array_from(ctx, l->len, l->tab) : JS_NewArray(ctx);
    js_free(ctx, l->tab);
    l->tab = NULL;
    l->len = l->size = 0;
    return arr;
}

/* ---------------------------------------------------------------------
 * Searching flat strings
 * ------------------------------------------------------------------- */
/* a[apos .. apos+len) == b[bpos .. bpos+len) */
static bool js_string_region_eq(const JSString *a, uint32_t apos, const JSString *b, uint32_t bpos,
                                uint32_t len)
{
    if (a->is_wide_char == b->is_wide_char) {
        if (a->is_wide_char)
            return memcmp(a->u.str16 + apos, b->u.str16 + bpos, (size_t)len * 2) == 0;
        return memcmp(a->u.str8 + apos, b->u.str8 + bpos, len) == 0;
    }
    if (a->is_wide_char) {
        const JSString *t = a;
        uint32_t tpos = apos;
        a = b;
        apos = bpos;
        b = t;
        bpos = tpos;
    }
    /* a is 8-bit, b is 16-bit */
    for (uint32_t i = 0; i < len; i++) {
        if (a->u.str8[apos + i] != b->u.str16[bpos + i])
            return false;
    }
    return true;
}

/* StringIndexOf(hay, needle, from): the first index >= from where needle
   occurs, or -1 */
static int32_t js_string_find(const JSString *hay, const JSString *needle, uint32_t from)
{
    uint32_t n = needle->len, len = hay->len, last, c0;
    if (from > len)
        return -1;
    if (n == 0)
        return (int32_t)from;
    if (n > len - from)
        return -1;
    if (!hay->is_wide_char && !needle->is_wide_char) {
        const uint8_t *base = hay->u.str8, *r;
        if (n == 1)
            r = memchr(base + from, needle->u.str8[0], len - from);
        else
            r = memmem(base + from, len - from, needle->u.str8, n);
        return r ? (int32_t)(r - base) : -1;
    }
    c0 = string_get(needle, 0);
    last = len - n;
    if (!hay->is_wide_char) {
        /* a needle with a char above 0xff cannot occur in a Latin-1 string */
        for (uint32_t k = 0; k < n; k++) {
            if (needle->u.str16[k] > 0xff)
                return -1;
        }
        for (uint32_t i = from; i <= last; i++) {
            const uint8_t *r = memchr(hay->u.str8 + i, c0, last + 1 - i);
            if (!r)
                return -1;
            i = (uint32_t)(r - hay->u.str8);
            if (js_string_region_eq(hay, i + 1, needle, 1, n - 1))
                return (int32_t)i;
        }
        return -1;
    }
    for (uint32_t i = from; i <= last; i++) {
        if (hay->u.str16[i] == c0 && js_string_region_eq(hay, i + 1, needle, 1, n - 1))
            return (int32_t)i;
    }
    return -1;
}

/* the last index <= start where needle occurs (start <= len - needle len),
   or -1 */
static int32_t js_string_find_last(const JSString *hay, const JSString *needle, uint32_t start)
{
    uint32_t n = needle->len, c0 = string_get(needle, 0);
    if (!hay->is_wide_char) {
        if (c0 > 0xff)
            return -1;
        for (uint32_t end = start + 1; end > 0;) {
            const uint8_t *r = memrchr(hay->u.str8, c0, end);
            uint32_t i;
            if (!r)
                return -1;
            i = (uint32_t)(r - hay->u.str8);
            if (js_string_region_eq(hay, i + 1, needle, 1, n - 1))
                return (int32_t)i;
            end = i;
        }
        return -1;
    }
    for (uint32_t i = start + 1; i-- > 0;) {
        if (hay->u.str16[i] == c0 && js_string_region_eq(hay, i + 1, needle, 1, n - 1))
            return (int32_t)i;
    }
    return -1;
}

/* ---------------------------------------------------------------------
 * String exotic objects
 *
 * The string of a wrapper is u.object_data (a flat string, or undefined
 * while a wrapper is being built). Its indices are own properties
 * {writable: false, enumerable: true, configurable: false} produced on
 * demand by these hooks; "length" is an ordinary own property defined once.
 * object.c consults the ordinary properties first, then these hooks.
 * ------------------------------------------------------------------- */
/* the wrapped string (borrowed, flat) or NULL when there is none */
static JSString *js_string_obj_data(JSContext *ctx, JSValueConst obj)
{
    JSValueConst v = js_obj(obj)->u.object_data;
    if (!JS_IsString(v))
        return NULL;
    return js_get_flat_string(ctx, v);
}

/* StringGetOwnProperty: 1 and *pidx when prop is an index of the string */
static bool js_string_obj_index(JSContext *ctx, JSValueConst obj, JSAtom prop, JSString **pp,
                                uint32_t *pidx)
{
    JSString *p;
    /* every index below 2^31 is an integer atom, and strings are shorter */
    if (!js_atom_is_tagged_int(prop))
        return false;
    p = js_string_obj_data(ctx, obj);
    if (!p || js_atom_get_tagged_int(prop) >= p->len)
        return false;
    *pp = p;
    *pidx = js_atom_get_tagged_int(prop);
    return true;
}

static int js_string_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj,
                                      JSAtom prop)
{
    JSString *p;
    uint32_t idx;
    if (!js_string_obj_index(ctx, obj, prop, &p, &idx))
        return 0;
    if (desc) {
        desc->value = js_new_string_char(ctx, string_get(p, idx));
        if (JS_IsException(desc->value))
            return -1;
        desc->flags = JS_PROP_ENUMERABLE;
        desc->getter = JS_UNDEFINED;
        desc->setter = JS_UNDEFINED;
    }
    return 1;
}

static int js_string_get_own_property_names(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                                            JSValueConst obj)
{
    JSString *p = js_string_obj_data(ctx, obj);
    JSPropertyEnum *tab;
    *ptab = NULL;
    *plen = 0;
    if (!p || p->len == 0)
        return 0;
    tab = js_malloc(ctx, sizeof(*tab) * p->len);
    if (!tab)
        return -1;
    for (uint32_t i = 0; i < p->len; i++) {
        tab[i].atom = js_atom_from_uint32(i);
        tab[i].is_enumerable = true;
    }
    *ptab = tab;
    *plen = p->len;
    return 0;
}

/* IsCompatiblePropertyDescriptor against an index property, which is a
   non-configurable, non-writable, enumerable data property */
static bool js_string_index_desc_compatible(JSContext *ctx, JSString *p, uint32_t idx,
                                            JSValueConst val, int flags)
{
    if ((flags & JS_PROP_HAS_CONFIGURABLE) && (flags & JS_PROP_CONFIGURABLE))
        return false;
    if ((flags & JS_PROP_HAS_ENUMERABLE) && !(flags & JS_PROP_ENUMERABLE))
        return false;
    if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET))
        return false;
    if ((flags & JS_PROP_HAS_WRITABLE) && (flags & JS_PROP_WRITABLE))
        return false;
    if (flags & JS_PROP_HAS_VALUE) {
        JSString *v;
        if (!JS_IsString(val))
            return false;
        v = js_get_flat_string(ctx, val);
        if (!v || v->len != 1 || string_get(v, 0) != string_get(p, idx))
            return false;
    }
    return true;
}

static int js_string_define_own_property(JSContext *ctx, JSValueConst this_obj, JSAtom prop,
                                         JSValueConst val, JSValueConst getter, JSValueConst setter,
                                         int flags)
{
    JSString *p;
    uint32_t idx;
    if (js_string_obj_index(ctx, this_obj, prop, &p, &idx)) {
        if (js_string_index_desc_compatible(ctx, p, idx, val, flags))
            return 1;
        return js_throw_type_error_or_false(ctx, flags, "cannot redefine property '%s'", prop);
    }
    return JS_DefineProperty(ctx, this_obj, prop, val, getter, setter, flags | JS_PROP_NO_EXOTIC);
}

static int js_string_delete_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSString *p;
    uint32_t idx;
    return js_string_obj_index(ctx, obj, prop, &p, &idx) ? 0 : 1;
}

static const JSClassExoticMethods js_string_exotic_methods = {
    .get_own_property = js_string_get_own_property,
    .get_own_property_names = js_string_get_own_property_names,
    .delete_property = js_string_delete_property,
    .define_own_property = js_string_define_own_property,
};

int js_string_object_init_length(JSContext *ctx, JSValueConst obj)
{
    JSString *p = js_string_obj_data(ctx, obj);
    uint32_t len = p ? p->len : 0;
    return JS_DefinePropertyValue(ctx, obj, JS_ATOM_length, JS_NewInt32(ctx, (int32_t)len),
                                  JS_PROP_NO_EXOTIC);
}

/* thisStringValue(value), for toString and valueOf */
static JSValue js_this_string_value(JSContext *ctx, JSValueConst this_val, const char *method)
{
    if (JS_IsString(this_val))
        return JS_DupValue(ctx, this_val);
    if (JS_IsObject(this_val) && js_obj(this_val)->class_id == JS_CLASS_STRING &&
        JS_IsString(js_obj(this_val)->u.object_data))
        return JS_DupValue(ctx, js_obj(this_val)->u.object_data);
    return JS_ThrowTypeError(ctx, "String.prototype.%s requires that 'this' be a String", method);
}

/* ---------------------------------------------------------------------
 * The String constructor and its static methods
 * ------------------------------------------------------------------- */
static JSValue js_string_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                     JSValueConst *argv)
{
    JSValue s, obj;
    if (argc == 0) {
        s = JS_AtomToString(ctx, JS_ATOM_empty_string);
    } else {
        if (JS_IsUndefined(new_target) && JS_IsSymbol(argv[0]))
            return js_to_string_sym(ctx, argv[0]);
        s = JS_ToString(ctx, argv[0]);
        if (JS_IsException(s))
            return s;
    }
    if (JS_IsUndefined(new_target))
        return s;
    /* StringCreate(s, GetPrototypeFromConstructor(newTarget, %String.prototype%)) */
    obj = js_create_from_ctor(ctx, new_target, JS_CLASS_STRING);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, s);
        return obj;
    }
    js_obj(obj)->u.object_data = s;
    if (js_string_object_init_length(ctx, obj) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_string_fromCharCode(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    StringBuffer b;
    if (argc == 1 && JS_IsInt(argv[0]))
        return js_new_string_char(ctx, (uint16_t)JS_VALUE_GET_INT(argv[0]));
    if (string_buffer_init(ctx, &b, argc))
        return JS_EXCEPTION;
    for (int i = 0; i < argc; i++) {
        uint32_t c;
        if (JS_ToUint32(ctx, &c, argv[i])) {
            string_buffer_free(&b);
            return JS_EXCEPTION;
        }
        string_buffer_putc16(&b, c & 0xffff);
    }
    return string_buffer_end(&b);
}

static JSValue js_string_fromCodePoint(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    StringBuffer b;
    if (string_buffer_init(ctx, &b, argc))
        return JS_EXCEPTION;
    for (int i = 0; i < argc; i++) {
        double d;
        if (JS_IsInt(argv[i])) {
            d = JS_VALUE_GET_INT(argv[i]);
        } else if (JS_ToFloat64(ctx, &d, argv[i])) {
            goto fail;
        }
        if (!(d >= 0 && d <= 0x10ffff) || d != trunc(d)) {
            JS_ThrowRangeError(ctx, "invalid code point");
            goto fail;
        }
        string_buffer_putc(&b, (uint32_t)d);
    }
    return string_buffer_end(&b);
fail:
    string_buffer_free(&b);
    return JS_EXCEPTION;
}

static JSValue js_string_raw(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue cooked, raw, literals;
    StringBuffer b;
    int64_t count;
    cooked = JS_ToObject(ctx, argv[0]);
    if (JS_IsException(cooked))
        return cooked;
    raw = JS_GetProperty(ctx, cooked, JS_ATOM_raw);
    JS_FreeValue(ctx, cooked);
    if (JS_IsException(raw))
        return raw;
    literals = JS_ToObject(ctx, raw);
    JS_FreeValue(ctx, raw);
    if (JS_IsException(literals))
        return literals;
    if (js_get_length64(ctx, &count, literals))
        goto fail_literals;
    if (string_buffer_init(ctx, &b, 0))
        goto fail_literals;
    for (int64_t i = 0; i < count; i++) {
        /* the length may be huge: let an interrupt stop the loop */
        if (js_poll_interrupts(ctx) ||
            string_buffer_concat_value_free(&b, JS_GetPropertyInt64(ctx, literals, i)))
            goto fail;
        if (i + 1 < count && i + 1 < argc &&
            string_buffer_concat_value_free(&b, JS_DupValue(ctx, argv[i + 1])))
            goto fail;
    }
    JS_FreeValue(ctx, literals);
    return string_buffer_end(&b);
fail:
    string_buffer_free(&b);
fail_literals:
    JS_FreeValue(ctx, literals);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Character access
 * ------------------------------------------------------------------- */
static JSValue js_string_at(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue str = js_string_this(ctx, this_val, "at");
    JSValue ret;
    int64_t k;
    if (JS_IsException(str))
        return str;
    if (JS_ToInt64Sat(ctx, &k, argv[0])) {
        JS_FreeValue(ctx, str);
        return JS_EXCEPTION;
    }
    if (k < 0)
        k += js_str(str)->len;
    if (k < 0 || k >= js_str(str)->len)
        ret = JS_UNDEFINED;
    else
        ret = js_new_string_char(ctx, string_get(js_str(str), (uint32_t)k));
    JS_FreeValue(ctx, str);
    return ret;
}

/* charAt (magic 0), charCodeAt (1), codePointAt (2) */
static JSValue js_string_char_at(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic)
{
    static const char *const names[] = {"charAt", "charCodeAt", "codePointAt"};
    JSValue str, ret;
    JSString *p;
    int64_t pos;
    /* the common case: a flat string and an int32 index */
    if (JS_IsString(this_val) && JS_IsInt(argv[0]) && !js_str(this_val)->is_rope) {
        p = js_str(this_val);
        pos = JS_VALUE_GET_INT(argv[0]);
        if (magic == 1)
            return (pos >= 0 && pos < p->len) ? JS_NewInt32(ctx, string_get(p, (uint32_t)pos))
                                              : JS_NewFloat64(ctx, NAN);
        str = JS_DupValue(ctx, this_val);
    } else {
        str = js_string_this(ctx, this_val, names[magic]);
        if (JS_IsException(str))
            return str;
        if (JS_ToInt64Sat(ctx, &pos, argv[0])) {
            JS_FreeValue(ctx, str);
            return JS_EXCEPTION;
        }
        p = js_str(str);
    }
    if (pos < 0 || pos >= p->len) {
        ret = magic == 0   ? JS_AtomToString(ctx, JS_ATOM_empty_string)
              : magic == 1 ? JS_NewFloat64(ctx, NAN)
                           : JS_UNDEFINED;
    } else if (magic == 0) {
        ret = js_new_string_char(ctx, string_get(p, (uint32_t)pos));
    } else if (magic == 1) {
        ret = JS_NewInt32(ctx, string_get(p, (uint32_t)pos));
    } else {
        uint32_t idx = (uint32_t)pos;
        ret = JS_NewInt32(ctx, (int32_t)js_string_get_codepoint(p, &idx));
    }
    JS_FreeValue(ctx, str);
    return ret;
}

/* ---------------------------------------------------------------------
 * Searching
 * ------------------------------------------------------------------- */
static JSValue js_string_indexOf(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSValue str, search;
    int64_t pos;
    int32_t ret;
    str = js_string_this(ctx, this_val, "indexOf");
    if (JS_IsException(str))
        return str;
    search = JS_ToString(ctx, argv[0]);
    if (JS_IsException(search))
        goto fail;
    if (JS_ToInt64Clamp(ctx, &pos, STRING_ARG(1), 0, js_str(str)->len, 0))
        goto fail;
    ret = js_string_find(js_str(str), js_str(search), (uint32_t)pos);
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, search);
    return JS_NewInt32(ctx, ret);
fail:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, search);
    return JS_EXCEPTION;
}

static JSValue js_string_lastIndexOf(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    JSValue str, search;
    JSString *p, *q;
    double d;
    int64_t start;
    int32_t ret;
    str = js_string_this(ctx, this_val, "lastIndexOf");
    if (JS_IsException(str))
        return str;
    search = JS_ToString(ctx, argv[0]);
    if (JS_IsException(search))
        goto fail;
    if (JS_ToFloat64(ctx, &d, STRING_ARG(1)))
        goto fail;
    p = js_str(str);
    q = js_str(search);
    /* start = clamp(pos, 0, len - searchLen), with NaN meaning +Infinity */
    start = (int64_t)p->len - q->len;
    if (!isnan(d) && d < (double)start)
        start = d <= 0 ? 0 : (int64_t)d;
    if (q->len == 0)
        ret = (int32_t)(start < 0 ? 0 : start);
    else if (start < 0)
        ret = -1;
    else
        ret = js_string_find_last(p, q, (uint32_t)start);
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, search);
    return JS_NewInt32(ctx, ret);
fail:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, search);
    return JS_EXCEPTION;
}

/* includes (magic 0), startsWith (1), endsWith (2) */
static JSValue js_string_includes(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv, int magic)
{
    static const char *const names[] = {"includes", "startsWith", "endsWith"};
    JSValue str, search = JS_UNDEFINED;
    JSString *p, *q;
    int64_t pos;
    bool ret;
    int is_regexp;
    str = js_string_this(ctx, this_val, names[magic]);
    if (JS_IsException(str))
        return str;
    is_regexp = js_regexp_is_regexp(ctx, argv[0]);
    if (is_regexp < 0)
        goto fail;
    if (is_regexp) {
        JS_ThrowTypeError(ctx,
                          "First argument to String.prototype.%s must not be a regular "
                          "expression",
                          names[magic]);
        goto fail;
    }
    search = JS_ToString(ctx, argv[0]);
    if (JS_IsException(search))
        goto fail;
    p = js_str(str);
    q = js_str(search);
    if (magic == 2 && JS_IsUndefined(STRING_ARG(1)))
        pos = p->len;
    else if (JS_ToInt64Clamp(ctx, &pos, STRING_ARG(1), 0, p->len, 0))
        goto fail;
    if (magic == 0) {
        ret = js_string_find(p, q, (uint32_t)pos) >= 0;
    } else if (magic == 1) {
        ret = pos + q->len <= p->len && js_string_region_eq(p, (uint32_t)pos, q, 0, q->len);
    } else {
        ret = pos >= q->len && js_string_region_eq(p, (uint32_t)(pos - q->len), q, 0, q->len);
    }
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, search);
    return JS_NewBool(ctx, ret);
fail:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, search);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Building
 * ------------------------------------------------------------------- */
static JSValue js_string_concat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue r = js_string_this(ctx, this_val, "concat");
    for (int i = 0; i < argc && !JS_IsException(r); i++) {
        JSValue s = JS_ToString(ctx, argv[i]);
        if (JS_IsException(s)) {
            JS_FreeValue(ctx, r);
            return s;
        }
        r = JS_ConcatStrings(ctx, r, s);
    }
    return r;
}

/* a new flat string made of `count` copies of p (count * len fits) */
static JSValue js_string_repeat_flat(JSContext *ctx, JSString *p, uint32_t count)
{
    size_t unit = (size_t)p->len << p->is_wide_char, total, done;
    JSString *r = js_alloc_string(ctx, p->len * count, p->is_wide_char);
    uint8_t *dst;
    if (!r)
        return JS_EXCEPTION;
    dst = r->u.str8;
    total = unit * count;
    memcpy(dst, p->u.str8, unit);
    /* doubling: each copy reads what is already there */
    for (done = unit; done < total;) {
        size_t n = done <= total - done ? done : total - done;
        memcpy(dst + done, dst, n);
        done += n;
    }
    if (!r->is_wide_char)
        r->u.str8[r->len] = '\0';
    return js_string_value(r);
}

static JSValue js_string_repeat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue str, ret;
    JSString *p;
    double n;
    str = js_string_this(ctx, this_val, "repeat");
    if (JS_IsException(str))
        return str;
    if (JS_ToIntegerFree(ctx, &n, JS_DupValue(ctx, argv[0])))
        goto fail;
    if (n < 0 || n == INFINITY) {
        JS_ThrowRangeError(ctx, "Invalid count value: %g", n);
        goto fail;
    }
    p = js_str(str);
    if (n == 0 || p->len == 0) {
        ret = JS_AtomToString(ctx, JS_ATOM_empty_string);
    } else if (n == 1) {
        return str;
    } else if (n * p->len > JS_STRING_LEN_MAX) {
        JS_ThrowRangeError(ctx, "invalid string length");
        goto fail;
    } else {
        ret = js_string_repeat_flat(ctx, p, (uint32_t)n);
    }
    JS_FreeValue(ctx, str);
    return ret;
fail:
    JS_FreeValue(ctx, str);
    return JS_EXCEPTION;
}

/* padStart (magic 0) and padEnd (1): StringPad */
static JSValue js_string_pad(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int magic)
{
    JSValue str, filler = JS_UNDEFINED;
    JSString *p, *f;
    StringBuffer b;
    int64_t max_len;
    uint32_t fill_len;
    str = js_string_this(ctx, this_val, magic ? "padEnd" : "padStart");
    if (JS_IsException(str))
        return str;
    if (JS_ToLengthFree(ctx, &max_len, JS_DupValue(ctx, argv[0])))
        goto fail;
    p = js_str(str);
    if (max_len <= p->len)
        return str;
    if (JS_IsUndefined(STRING_ARG(1)))
        filler = js_new_string8_len(ctx, " ", 1);
    else
        filler = JS_ToString(ctx, STRING_ARG(1));
    if (JS_IsException(filler))
        goto fail;
    f = js_str(filler);
    if (f->len == 0) {
        JS_FreeValue(ctx, filler);
        return str;
    }
    if (max_len > JS_STRING_LEN_MAX) {
        JS_ThrowRangeError(ctx, "invalid string length");
        goto fail;
    }
    if (string_buffer_init2(ctx, &b, (uint32_t)max_len, p->is_wide_char | f->is_wide_char))
        goto fail;
    if (magic)
        string_buffer_concat(&b, p, 0, p->len);
    for (fill_len = (uint32_t)max_len - p->len; fill_len > 0;) {
        uint32_t n = fill_len < f->len ? fill_len : f->len;
        string_buffer_concat(&b, f, 0, n);
        fill_len -= n;
    }
    if (!magic)
        string_buffer_concat(&b, p, 0, p->len);
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, filler);
    return string_buffer_end(&b);
fail:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, filler);
    return JS_EXCEPTION;
}

/* slice (magic 0), substring (1) and substr (2, Annex B) */
static JSValue js_string_slice(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int magic)
{
    static const char *const names[] = {"slice", "substring", "substr"};
    JSValue str, ret;
    JSString *p;
    int64_t len, start, end;
    str = js_string_this(ctx, this_val, names[magic]);
    if (JS_IsException(str))
        return str;
    p = js_str(str);
    len = p->len;
    /* relative positions for slice and substr, clamped ones for substring */
    if (JS_ToInt64Clamp(ctx, &start, argv[0], 0, len, magic == 1 ? 0 : len))
        goto fail;
    if (magic == 2) {
        int64_t count = len;
        if (!JS_IsUndefined(argv[1]) && JS_ToInt64Clamp(ctx, &count, argv[1], 0, len, 0))
            goto fail;
        end = start + count < len ? start + count : len;
    } else {
        end = len;
        if (!JS_IsUndefined(argv[1]) &&
            JS_ToInt64Clamp(ctx, &end, argv[1], 0, len, magic == 1 ? 0 : len))
            goto fail;
        if (magic == 1 && end < start) {
            int64_t t = start;
            start = end;
            end = t;
        }
    }
    if (start >= end)
        ret = JS_AtomToString(ctx, JS_ATOM_empty_string);
    else
        ret = js_sub_string(ctx, p, (uint32_t)start, (uint32_t)end);
    JS_FreeValue(ctx, str);
    return ret;
fail:
    JS_FreeValue(ctx, str);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Case conversion (full Unicode mappings, locale-independent)
 * ------------------------------------------------------------------- */
/* the code point that ends just before *pidx (moving *pidx back over it) */
static uint32_t js_string_prev_codepoint(const JSString *p, uint32_t *pidx)
{
    uint32_t i = *pidx, c = string_get(p, --i);
    if (js_is_low_surrogate(c) && i > 0 && js_is_high_surrogate(string_get(p, i - 1))) {
        i--;
        c = 0x10000 + ((string_get(p, i) - 0xd800) << 10) + (c - 0xdc00);
    }
    *pidx = i;
    return c;
}

/* The Final_Sigma condition of SpecialCasing.txt for the sigma at
   [start, end): a cased letter before it and none after it, skipping
   case-ignorable characters on both sides. */
static bool js_string_is_final_sigma(const JSString *p, uint32_t start, uint32_t end)
{
    uint32_t i = start, c;
    bool cased_before = false;
    while (i > 0) {
        c = js_string_prev_codepoint(p, &i);
        if (!js_unicode_is_case_ignorable(c)) {
            cased_before = js_unicode_is_cased(c);
            break;
        }
    }
    if (!cased_before)
        return false;
    i = end;
    while (i < p->len) {
        c = js_string_get_codepoint(p, &i);
        if (!js_unicode_is_case_ignorable(c))
            return !js_unicode_is_cased(c);
    }
    return true;
}

static JSValue js_string_convert_case_general(JSContext *ctx, const JSString *p, bool upper)
{
    StringBuffer b;
    uint32_t out[JS_UNICODE_CASE_MAX];
    if (string_buffer_init2(ctx, &b, p->len, p->is_wide_char))
        return JS_EXCEPTION;
    for (uint32_t i = 0; i < p->len;) {
        uint32_t start = i, c = js_string_get_codepoint(p, &i);
        int n;
        if (!upper && c == 0x3a3) {
            string_buffer_putc16(&b, js_string_is_final_sigma(p, start, i) ? 0x3c2 : 0x3c3);
            continue;
        }
        n = upper ? js_unicode_to_upper(out, c) : js_unicode_to_lower(out, c);
        for (int k = 0; k < n; k++)
            string_buffer_putc(&b, out[k]);
    }
    return string_buffer_end(&b);
}

/* whether Latin-1 char c changes under the conversion; *wide_result is set
   when its mapping leaves Latin-1 or has several chars (ß, µ, ÿ) */
static bool js_string_latin1_case_changes(uint32_t c, bool upper, bool *wide_result)
{
    if (!upper)
        return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
    if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7))
        return true;
    if (c == 0xdf || c == 0xb5 || c == 0xff) {
        *wide_result = true;
        return true;
    }
    return false;
}

static JSValue js_string_convert_case(JSContext *ctx, JSString *p, bool upper)
{
    bool wide_result = false;
    uint32_t i, first;
    JSString *r;
    if (p->is_wide_char)
        return js_string_convert_case_general(ctx, p, upper);
    for (i = 0; i < p->len; i++) {
        if (js_string_latin1_case_changes(p->u.str8[i], upper, &wide_result))
            break;
    }
    if (i == p->len)
        return js_dup_string(p);
    for (first = i; i < p->len && !wide_result; i++)
        js_string_latin1_case_changes(p->u.str8[i], upper, &wide_result);
    if (wide_result)
        return js_string_convert_case_general(ctx, p, upper);
    /* every mapping is the ±0x20 shift of ASCII and Latin-1 letters */
    r = js_alloc_string(ctx, p->len, 0);
    if (!r)
        return JS_EXCEPTION;
    memcpy(r->u.str8, p->u.str8, first);
    for (i = first; i < p->len; i++) {
        uint32_t c = p->u.str8[i];
        bool dummy = false;
        if (js_string_latin1_case_changes(c, upper, &dummy))
            c = upper ? c - 0x20 : c + 0x20;
        r->u.str8[i] = (uint8_t)c;
    }
    r->u.str8[p->len] = '\0';
    return js_string_value(r);
}

/* toLowerCase (magic 0), toUpperCase (1); toLocaleLowerCase (2) and
   toLocaleUpperCase (3) use the same locale-independent mappings */
static JSValue js_string_to_case(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic)
{
    static const char *const names[] = {"toLowerCase", "toUpperCase", "toLocaleLowerCase",
                                        "toLocaleUpperCase"};
    JSValue str = js_string_this(ctx, this_val, names[magic]), ret;
    if (JS_IsException(str))
        return str;
    ret = js_string_convert_case(ctx, js_str(str), magic & 1);
    JS_FreeValue(ctx, str);
    return ret;
}

/* ---------------------------------------------------------------------
 * Trimming, well-formedness, normalization, comparison
 * ------------------------------------------------------------------- */
/* WhiteSpace or LineTerminator */
static bool js_string_is_trim_space(uint32_t c)
{
    if (c < 0x100)
        return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0xa0;
    return js_unicode_is_space(c) || js_unicode_is_line_terminator(c);
}

/* trim (magic 3), trimStart (1), trimEnd (2): TrimString */
static JSValue js_string_trim(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                              int magic)
{
    JSValue str, ret;
    JSString *p;
    uint32_t start = 0, end;
    str = js_string_this(ctx, this_val, magic == 3 ? "trim" : magic == 1 ? "trimStart" : "trimEnd");
    if (JS_IsException(str))
        return str;
    p = js_str(str);
    end = p->len;
    if (magic & 1) {
        while (start < end && js_string_is_trim_space(string_get(p, start)))
            start++;
    }
    if (magic & 2) {
        while (end > start && js_string_is_trim_space(string_get(p, end - 1)))
            end--;
    }
    ret = js_sub_string(ctx, p, start, end);
    JS_FreeValue(ctx, str);
    return ret;
}

/* the index of the first lone surrogate at or after from, or -1 */
static int32_t js_string_find_lone_surrogate(const JSString *p, uint32_t from)
{
    if (!p->is_wide_char)
        return -1;
    for (uint32_t i = from; i < p->len; i++) {
        uint32_t c = p->u.str16[i];
        if (c < 0xd800 || c >= 0xe000)
            continue;
        if (js_is_high_surrogate(c) && i + 1 < p->len && js_is_low_surrogate(p->u.str16[i + 1])) {
            i++;
            continue;
        }
        return (int32_t)i;
    }
    return -1;
}

static JSValue js_string_isWellFormed(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    JSValue str = js_string_this(ctx, this_val, "isWellFormed");
    bool ret;
    if (JS_IsException(str))
        return str;
    ret = js_string_find_lone_surrogate(js_str(str), 0) < 0;
    JS_FreeValue(ctx, str);
    return JS_NewBool(ctx, ret);
}

static JSValue js_string_toWellFormed(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    JSValue str = js_string_this(ctx, this_val, "toWellFormed");
    JSString *p, *r;
    int32_t i;
    if (JS_IsException(str))
        return str;
    p = js_str(str);
    i = js_string_find_lone_surrogate(p, 0);
    if (i < 0)
        return str;
    r = js_alloc_string(ctx, p->len, 1);
    if (!r) {
        JS_FreeValue(ctx, str);
        return JS_EXCEPTION;
    }
    memcpy(r->u.str16, p->u.str16, (size_t)p->len * 2);
    for (; i >= 0; i = js_string_find_lone_surrogate(p, (uint32_t)i + 1))
        r->u.str16[i] = 0xfffd;
    JS_FreeValue(ctx, str);
    return js_string_value(r);
}

/* A string from code points: Latin-1 when every one fits, else UTF-16. */
static JSValue js_string_from_code_points(JSContext *ctx, const uint32_t *cps, size_t n)
{
    size_t units = n;
    bool wide = false;
    for (size_t i = 0; i < n; i++) {
        wide |= cps[i] > 0xFF;
        units += cps[i] > 0xFFFF;
    }
    if (units > JS_STRING_LEN_MAX)
        return JS_ThrowRangeError(ctx, "invalid string length");
    JSString *r = js_alloc_string(ctx, (uint32_t)units, wide);
    if (!r)
        return JS_EXCEPTION;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (!wide) {
            r->u.str8[k++] = (uint8_t)c;
        } else if (c > 0xFFFF) {
            r->u.str16[k++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            r->u.str16[k++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            r->u.str16[k++] = (uint16_t)c;
        }
    }
    if (!wide)
        r->u.str8[k] = '\0';
    return js_string_value(r);
}

/* The flat string value str (consumed) in normalization form `form`
   (JS_UNICODE_NF*): str itself when the quick check says it already is,
   which is every Latin-1 string for NFC, else a new string. */
static JSValue js_string_normalize_form(JSContext *ctx, JSValue str, int form)
{
    JSString *p = js_str(str);
    const uint8_t *s8 = p->is_wide_char ? NULL : p->u.str8;
    const uint16_t *s16 = p->is_wide_char ? p->u.str16 : NULL;
    if (js_unicode_is_normalized_quick(s8, s16, p->len, form))
        return str;
    size_t n = js_unicode_decomposed_length(s8, s16, p->len, form);
    if (n > JS_STRING_LEN_MAX) {
        JS_FreeValue(ctx, str);
        return JS_ThrowRangeError(ctx, "invalid string length");
    }
    /* out and scratch in one block */
    uint32_t *buf = js_malloc(ctx, 2 * n * sizeof(uint32_t));
    JSValue ret = JS_EXCEPTION;
    if (buf) {
        n = js_unicode_normalize(buf, buf + n, s8, s16, p->len, form);
        ret = js_string_from_code_points(ctx, buf, n);
        js_free(ctx, buf);
    }
    JS_FreeValue(ctx, str);
    return ret;
}

static JSValue js_string_normalize(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    static const char *const forms[] = {"NFC", "NFD", "NFKC", "NFKD"};
    JSValue str, form_name;
    int form = -1;
    str = js_string_this(ctx, this_val, "normalize");
    if (JS_IsException(str))
        return str;
    if (JS_IsUndefined(STRING_ARG(0)))
        return js_string_normalize_form(ctx, str, JS_UNICODE_NFC);
    form_name = JS_ToString(ctx, STRING_ARG(0));
    if (JS_IsException(form_name)) {
        JS_FreeValue(ctx, str);
        return form_name;
    }
    for (int i = 0; i < (int)countof(forms) && form < 0; i++) {
        if (js_string_eq_cstr(js_str(form_name), forms[i]))
            form = i;
    }
    JS_FreeValue(ctx, form_name);
    if (form < 0) {
        JS_FreeValue(ctx, str);
        return JS_ThrowRangeError(ctx, "The normalization form should be one of NFC, NFD, NFKC, "
                                       "NFKD");
    }
    return js_string_normalize_form(ctx, str, form);
}

/* code points a comparison keeps on the C stack per string */
#define JS_STRING_COLLATE_STACK 256

/* The NFD of the flat string p as code points: in stack (of stack_len
   code points) when it fits, else in a js_malloc'd block; NULL with an
   exception. Text already in NFD is only decoded. */
static uint32_t *js_string_nfd_code_points(JSContext *ctx, JSString *p, uint32_t *stack,
                                           size_t stack_len, size_t *pn)
{
    const uint8_t *s8 = p->is_wide_char ? NULL : p->u.str8;
    const uint16_t *s16 = p->is_wide_char ? p->u.str16 : NULL;
    if ((size_t)p->len * JS_UNICODE_NFD_MAX_GROWTH * 2 <= stack_len) {
        /* short strings: decompose into the stack without measuring */
        *pn = js_unicode_normalize(stack, stack + stack_len / 2, s8, s16, p->len,
                                   JS_UNICODE_NFD);
        return stack;
    }
    bool is_nfd = js_unicode_is_normalized_quick(s8, s16, p->len, JS_UNICODE_NFD);
    size_t n = is_nfd ? p->len : js_unicode_decomposed_length(s8, s16, p->len, JS_UNICODE_NFD);
    size_t need = is_nfd ? n : 2 * n; /* normalize's scratch follows */
    uint32_t *buf = stack;
    if (n > JS_STRING_LEN_MAX) {
        JS_ThrowRangeError(ctx, "invalid string length");
        return NULL;
    }
    if (need > stack_len && !(buf = js_malloc(ctx, (need + 1) * sizeof(uint32_t))))
        return NULL;
    if (!is_nfd) {
        *pn = js_unicode_normalize(buf, buf + n, s8, s16, p->len, JS_UNICODE_NFD);
        return buf;
    }
    n = 0;
    for (uint32_t i = 0; i < p->len; i++) {
        uint32_t c = s8 ? s8[i] : s16[i];
        if (js_is_high_surrogate(c) && i + 1 < p->len && js_is_low_surrogate(s16[i + 1]))
            c = 0x10000 + ((c - 0xd800) << 10) + (s16[++i] - 0xdc00);
        buf[n++] = c;
    }
    *pn = n;
    return buf;
}

/* The root collation order of UTS #10 (DUCET) on the NFD forms; strings
   that tie on all three levels are ordered by their NFD code points, so
   exactly the canonically equivalent strings compare 0. */
static int js_string_collate(JSContext *ctx, JSString *p, JSString *q, int *pret)
{
    uint32_t stack_a[JS_STRING_COLLATE_STACK], stack_b[JS_STRING_COLLATE_STACK];
    size_t na = 0, nb = 0;
    uint32_t *a = js_string_nfd_code_points(ctx, p, stack_a, JS_STRING_COLLATE_STACK, &na);
    uint32_t *b = a ? js_string_nfd_code_points(ctx, q, stack_b, JS_STRING_COLLATE_STACK, &nb)
                    : NULL;
    int ret = 0;
    if (b) {
        ret = js_unicode_collate(a, na, b, nb);
        for (size_t i = 0; !ret && i < na && i < nb; i++)
            ret = a[i] < b[i] ? -1 : a[i] > b[i];
        if (!ret)
            ret = na < nb ? -1 : na > nb;
        *pret = ret;
    }
    if (a && a != stack_a)
        js_free(ctx, a);
    if (b && b != stack_b)
        js_free(ctx, b);
    return b ? 0 : -1;
}

static JSValue js_string_localeCompare(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    JSValue str, that;
    int ret = 0, err;
    str = js_string_this(ctx, this_val, "localeCompare");
    if (JS_IsException(str))
        return str;
    that = JS_ToString(ctx, argv[0]);
    if (JS_IsException(that)) {
        JS_FreeValue(ctx, str);
        return that;
    }
    that = js_flatten_string(ctx, that);
    err = JS_IsException(that) ? -1 : js_string_collate(ctx, js_str(str), js_str(that), &ret);
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, that);
    return err ? JS_EXCEPTION : JS_NewInt32(ctx, ret);
}

/* toString (magic 0) and valueOf (1) */
static JSValue js_string_valueOf(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic)
{
    return js_this_string_value(ctx, this_val, magic ? "valueOf" : "toString");
}

/* ---------------------------------------------------------------------
 * GetSubstitution and the RegExp-protocol methods
 * ------------------------------------------------------------------- */
static inline bool js_is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* $<name>: appends ToString(Get(named_captures, name)) unless undefined */
static int js_string_append_named_capture(JSContext *ctx, StringBuffer *b,
                                          JSValueConst named_captures, const JSString *tpl,
                                          uint32_t start, uint32_t end)
{
    JSValue name, capture;
    JSAtom atom;
    name = js_sub_string(ctx, (JSString *)tpl, start, end);
    if (JS_IsException(name))
        return -1;
    atom = JS_ValueToAtom(ctx, name);
    JS_FreeValue(ctx, name);
    if (atom == JS_ATOM_NULL)
        return -1;
    capture = JS_GetProperty(ctx, named_captures, atom);
    JS_FreeAtom(ctx, atom);
    if (JS_IsException(capture))
        return -1;
    if (JS_IsUndefined(capture))
        return 0;
    return string_buffer_concat_value_free(b, capture);
}

int js_string_get_substitution(JSContext *ctx, StringBuffer *b, JSValueConst matched,
                               JSValueConst str, uint32_t position, uint32_t ncaptures,
                               JSValueConst *captures, JSValueConst named_captures,
                               JSValueConst replacement)
{
    JSString *tpl, *sp, *mp;
    uint32_t i = 0, len;
    tpl = js_get_flat_string(ctx, replacement);
    sp = tpl ? js_get_flat_string(ctx, str) : NULL;
    mp = sp ? js_get_flat_string(ctx, matched) : NULL;
    if (!mp) {
        string_buffer_free(b);
        b->error_status = -1;
        return -1;
    }
    len = tpl->len;
    if (position > sp->len)
        position = sp->len;
    while (i < len) {
        int32_t dollar = js_string_indexof_char(tpl, '$', i);
        uint32_t c;
        if (dollar < 0) {
            string_buffer_concat(b, tpl, i, len);
            break;
        }
        string_buffer_concat(b, tpl, i, (uint32_t)dollar);
        i = (uint32_t)dollar + 1; /* past the '$' */
        c = i < len ? string_get(tpl, i) : 0;
        if (c == '$') {
            string_buffer_putc8(b, '$');
            i++;
        } else if (c == '`') {
            string_buffer_concat(b, sp, 0, position);
            i++;
        } else if (c == '&') {
            string_buffer_concat(b, mp, 0, mp->len);
            i++;
        } else if (c == '\'') {
            uint64_t tail = (uint64_t)position + mp->len;
            if (tail < sp->len)
                string_buffer_concat(b, sp, (uint32_t)tail, sp->len);
            i++;
        } else if (js_is_digit(c)) {
            uint32_t index = c - '0', digits = 1;
            if (i + 1 < len && js_is_digit(string_get(tpl, i + 1))) {
                uint32_t index2 = index * 10 + (string_get(tpl, i + 1) - '0');
                /* $nn beyond the group count reads as $n followed by a digit */
                if (index2 <= ncaptures) {
                    index = index2;
                    digits = 2;
                }
            }
            if (index >= 1 && index <= ncaptures) {
                if (!JS_IsUndefined(captures[index - 1]))
                    string_buffer_concat_value(b, captures[index - 1]);
            } else {
                string_buffer_concat(b, tpl, i - 1, i + digits);
            }
            i += digits;
        } else if (c == '<') {
            int32_t gt = js_string_indexof_char(tpl, '>', i + 1);
            if (gt < 0 || JS_IsUndefined(named_captures)) {
                string_buffer_puts8(b, "$<");
                i++;
            } else {
                if (js_string_append_named_capture(ctx, b, named_captures, tpl, i + 1,
                                                   (uint32_t)gt)) {
                    string_buffer_free(b);
                    b->error_status = -1;
                    return -1;
                }
                i = (uint32_t)gt + 1;
            }
        } else {
            string_buffer_putc8(b, '$');
        }
    }
    return b->error_status ? -1 : 0;
}

/* the replacement text for a match at `pos`: the replacer's result or the
   expanded template, appended to b */
static int js_string_append_replacement(JSContext *ctx, StringBuffer *b, JSValueConst str,
                                        JSValueConst search, uint32_t pos,
                                        JSValueConst replace_value, bool functional)
{
    JSValue r;
    if (!functional)
        return js_string_get_substitution(ctx, b, search, str, pos, 0, NULL, JS_UNDEFINED,
                                          replace_value);
    {
        JSValueConst args[3] = {search, JS_NewInt32(ctx, (int32_t)pos), str};
        r = JS_Call(ctx, replace_value, JS_UNDEFINED, 3, args);
    }
    if (JS_IsException(r)) {
        string_buffer_free(b);
        b->error_status = -1;
        return -1;
    }
    return string_buffer_concat_value_free(b, r);
}

/* the RegExp check of replaceAll/matchAll: a regexp argument must be
   global */
static int js_string_check_global_regexp(JSContext *ctx, JSValueConst v, const char *method)
{
    JSValue flags;
    int ret = js_regexp_is_regexp(ctx, v);
    if (ret <= 0)
        return ret;
    flags = JS_GetProperty(ctx, v, JS_ATOM_flags);
    if (JS_IsException(flags))
        return -1;
    if (JS_IsNull(flags) || JS_IsUndefined(flags)) {
        JS_FreeValue(ctx, flags);
        JS_ThrowTypeError(ctx, "String.prototype.%s: the regexp flags are null or undefined",
                          method);
        return -1;
    }
    flags = JS_ToStringFree(ctx, flags);
    if (JS_IsException(flags))
        return -1;
    ret = js_string_indexof_char(js_str(flags), 'g', 0);
    JS_FreeValue(ctx, flags);
    if (ret < 0) {
        JS_ThrowTypeError(ctx, "String.prototype.%s called with a non-global RegExp argument",
                          method);
        return -1;
    }
    return 0;
}

/* replace (magic 0) and replaceAll (1) */
static JSValue js_string_replace(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic)
{
    const char *method = magic ? "replaceAll" : "replace";
    JSValueConst search_value = argv[0], replace_value = argv[1];
    JSValue str = JS_UNDEFINED, search = JS_UNDEFINED, repl = JS_UNDEFINED;
    JSString *p, *q;
    StringBuffer b;
    bool functional;
    int32_t pos;
    uint32_t end_of_last = 0;
    if (js_string_require_coercible(ctx, this_val, method))
        return JS_EXCEPTION;
    if (JS_IsObject(search_value)) {
        JSValue replacer;
        if (magic && js_string_check_global_regexp(ctx, search_value, method))
            return JS_EXCEPTION;
        replacer = js_get_method(ctx, search_value, JS_ATOM_Symbol_replace);
        if (JS_IsException(replacer))
            return replacer;
        if (!JS_IsUndefined(replacer)) {
            JSValueConst args[2] = {this_val, replace_value};
            return JS_CallFree(ctx, replacer, search_value, 2, args);
        }
    }
    str = JS_ToString(ctx, this_val);
    if (JS_IsException(str))
        return str;
    search = JS_ToString(ctx, search_value);
    if (JS_IsException(search))
        goto fail;
    functional = JS_IsCallable(ctx, replace_value);
    if (!functional) {
        repl = JS_ToString(ctx, replace_value);
        if (JS_IsException(repl))
            goto fail;
    }
    p = js_str(str);
    q = js_str(search);
    pos = js_string_find(p, q, 0);
    if (pos < 0) {
        JS_FreeValue(ctx, search);
        JS_FreeValue(ctx, repl);
        return str;
    }
    if (string_buffer_init2(ctx, &b, p->len, p->is_wide_char))
        goto fail;
    while (pos >= 0) {
        string_buffer_concat(&b, p, end_of_last, (uint32_t)pos);
        if (js_string_append_replacement(ctx, &b, str, search, (uint32_t)pos,
                                         functional ? replace_value : repl, functional))
            goto fail_buf;
        end_of_last = (uint32_t)pos + q->len;
        if (!magic)
            break;
        /* an empty search string matches between every two code units */
        pos = js_string_find(p, q, (uint32_t)pos + (q->len ? q->len : 1));
    }
    string_buffer_concat(&b, p, end_of_last, p->len);
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, search);
    JS_FreeValue(ctx, repl);
    return string_buffer_end(&b);
fail_buf:
    string_buffer_free(&b);
fail:
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, search);
    JS_FreeValue(ctx, repl);
    return JS_EXCEPTION;
}

/* split with a string separator R (the non-regexp half of split) */
static JSValue js_string_split_string(JSContext *ctx, JSString *s, JSString *r, uint32_t lim)
{
    JSStringValueList list = {0};
    uint32_t i = 0;
    int32_t j;
    if (r->len == 0) {
        uint32_t n = s->len < lim ? s->len : lim;
        for (uint32_t k = 0; k < n; k++) {
            if (js_string_list_push(ctx, &list, js_new_string_char(ctx, string_get(s, k))))
                goto fail;
        }
        return js_string_list_to_array(ctx, &list);
    }
    if (s->len == 0) {
        JSValue v = js_dup_string(s);
        return js_new_array_from(ctx, 1, &v);
    }
    for (j = js_string_find(s, r, 0); j >= 0; j = js_string_find(s, r, i)) {
        if (js_string_list_push(ctx, &list, js_sub_string(ctx, s, i, (uint32_t)j)))
            goto fail;
        if (list.len == lim)
            return js_string_list_to_array(ctx, &list);
        i = (uint32_t)j + r->len;
    }
    if (js_string_list_push(ctx, &list, js_sub_string(ctx, s, i, s->len)))
        goto fail;
    return js_string_list_to_array(ctx, &list);
fail:
    js_string_list_free(ctx, &list);
    return JS_EXCEPTION;
}

static JSValue js_string_split(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst separator = argv[0], limit = argv[1];
    JSValue str, sep, ret;
    uint32_t lim = 0xffffffff;
    if (js_string_require_coercible(ctx, this_val, "split"))
        return JS_EXCEPTION;
    if (JS_IsObject(separator)) {
        JSValue splitter = js_get_method(ctx, separator, JS_ATOM_Symbol_split);
        if (JS_IsException(splitter))
            return splitter;
        if (!JS_IsUndefined(splitter)) {
            JSValueConst args[2] = {this_val, limit};
            return JS_CallFree(ctx, splitter, separator, 2, args);
        }
    }
    str = JS_ToString(ctx, this_val);
    if (JS_IsException(str))
        return str;
    if (!JS_IsUndefined(limit) && JS_ToUint32(ctx, &lim, limit)) {
        JS_FreeValue(ctx, str);
        return JS_EXCEPTION;
    }
    sep = JS_ToString(ctx, separator);
    if (JS_IsException(sep)) {
        JS_FreeValue(ctx, str);
        return sep;
    }
    if (lim == 0) {
        ret = JS_NewArray(ctx);
    } else if (JS_IsUndefined(separator)) {
        JSValue v = JS_DupValue(ctx, str);
        ret = js_new_array_from(ctx, 1, &v);
    } else {
        ret = js_string_split_string(ctx, js_str(str), js_str(sep), lim);
    }
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, sep);
    return ret;
}

/* RegExpCreate(pattern, flags) through the realm's %RegExp% */
static JSValue js_string_regexp_create(JSContext *ctx, JSValueConst pattern, const char *flags)
{
    JSValue args[2], rx;
    /* RegExpInitialize converts the pattern first; converting it here
       keeps that order observable and lets %RegExp% see a plain string */
    if (JS_IsUndefined(pattern))
        args[0] = JS_AtomToString(ctx, JS_ATOM_empty_string);
    else
        args[0] = JS_ToString(ctx, pattern);
    if (JS_IsException(args[0]))
        return JS_EXCEPTION;
    if (!JS_IsObject(ctx->regexp_ctor)) {
        JS_FreeValue(ctx, args[0]);
        return JS_ThrowTypeError(ctx, "RegExp is not supported");
    }
    args[1] = flags ? js_new_string8(ctx, flags) : JS_UNDEFINED;
    if (JS_IsException(args[1])) {
        JS_FreeValue(ctx, args[0]);
        return JS_EXCEPTION;
    }
    rx = JS_CallConstructor(ctx, ctx->regexp_ctor, 2, args);
    JS_FreeValue(ctx, args[0]);
    JS_FreeValue(ctx, args[1]);
    return rx;
}

/* match (magic 0), matchAll (1) and search (2) */
static JSValue js_string_match(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int magic)
{
    static const char *const names[] = {"match", "matchAll", "search"};
    static const JSAtom syms[] = {JS_ATOM_Symbol_match, JS_ATOM_Symbol_matchAll,
                                  JS_ATOM_Symbol_search};
    JSValueConst regexp = argv[0];
    JSValue str, rx, ret;
    if (js_string_require_coercible(ctx, this_val, names[magic]))
        return JS_EXCEPTION;
    if (JS_IsObject(regexp)) {
        JSValue matcher;
        if (magic == 1 && js_string_check_global_regexp(ctx, regexp, names[magic]))
            return JS_EXCEPTION;
        matcher = js_get_method(ctx, regexp, syms[magic]);
        if (JS_IsException(matcher))
            return matcher;
        if (!JS_IsUndefined(matcher))
            return JS_CallFree(ctx, matcher, regexp, 1, &this_val);
    }
    str = JS_ToString(ctx, this_val);
    if (JS_IsException(str))
        return str;
    rx = js_string_regexp_create(ctx, regexp, magic == 1 ? "g" : NULL);
    if (JS_IsException(rx)) {
        JS_FreeValue(ctx, str);
        return rx;
    }
    ret = JS_Invoke(ctx, rx, syms[magic], 1, (JSValueConst *)&str);
    JS_FreeValue(ctx, rx);
    JS_FreeValue(ctx, str);
    return ret;
}

/* ---------------------------------------------------------------------
 * Annex B HTML methods: CreateHTML(string, tag, attribute, value)
 * ------------------------------------------------------------------- */
static const struct {
    const char *name, *tag, *attribute;
} js_string_html_tags[] = {
    {"anchor", "a", "name"},      {"big", "big", NULL},       {"blink", "blink", NULL},
    {"bold", "b", NULL},          {"fixed", "tt", NULL},      {"fontcolor", "font", "color"},
    {"fontsize", "font", "size"}, {"italics", "i", NULL},     {"link", "a", "href"},
    {"small", "small", NULL},     {"strike", "strike", NULL}, {"sub", "sub", NULL},
    {"sup", "sup", NULL},
};

static JSValue js_string_html(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                              int magic)
{
    const char *tag = js_string_html_tags[magic].tag;
    const char *attribute = js_string_html_tags[magic].attribute;
    JSValue str, value = JS_UNDEFINED;
    StringBuffer b;
    str = js_string_this(ctx, this_val, js_string_html_tags[magic].name);
    if (JS_IsException(str))
        return str;
    if (attribute) {
        value = JS_ToString(ctx, STRING_ARG(0));
        if (JS_IsException(value)) {
            JS_FreeValue(ctx, str);
            return value;
        }
    }
    if (string_buffer_init(ctx, &b, js_str(str)->len + 16)) {
        JS_FreeValue(ctx, str);
        JS_FreeValue(ctx, value);
        return JS_EXCEPTION;
    }
    string_buffer_putc8(&b, '<');
    string_buffer_puts8(&b, tag);
    if (attribute) {
        JSString *v = js_str(value);
        string_buffer_putc8(&b, ' ');
        string_buffer_puts8(&b, attribute);
        string_buffer_puts8(&b, "=\"");
        for (uint32_t i = 0; i < v->len; i++) {
            uint32_t c = string_get(v, i);
            if (c == '"')
                string_buffer_puts8(&b, "&quot;");
            else
                string_buffer_putc16(&b, c);
        }
        string_buffer_putc8(&b, '"');
    }
    string_buffer_putc8(&b, '>');
    string_buffer_concat_value(&b, str);
    string_buffer_puts8(&b, "</");
    string_buffer_puts8(&b, tag);
    string_buffer_putc8(&b, '>');
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, value);
    return string_buffer_end(&b);
}

/* ---------------------------------------------------------------------
 * String iterators
 * ------------------------------------------------------------------- */
typedef struct JSStringIteratorData {
    JSValue str; /* flat string; JS_UNDEFINED once the iterator is done */
    uint32_t pos;
} JSStringIteratorData;

static void js_string_iterator_finalizer(JSRuntime *rt, JSValue val)
{
    JSStringIteratorData *it = js_obj(val)->u.opaque;
    if (it) {
        JS_FreeValueRT(rt, it->str);
        js_free_rt(rt, it);
    }
}

static const JSClassDef js_string_iterator_class_def = {
    .finalizer = js_string_iterator_finalizer,
};

static JSValue js_string_iterator(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValue str, obj;
    JSStringIteratorData *it;
    str = js_string_this(ctx, this_val, "[Symbol.iterator]");
    if (JS_IsException(str))
        return str;
    obj = JS_NewObjectClass(ctx, JS_CLASS_STRING_ITERATOR);
    if (JS_IsException(obj))
        goto fail;
    it = js_malloc(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, obj);
        goto fail;
    }
    it->str = str;
    it->pos = 0;
    js_obj(obj)->u.opaque = it;
    return obj;
fail:
    JS_FreeValue(ctx, str);
    return JS_EXCEPTION;
}

static JSValue js_string_iterator_next(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    JSStringIteratorData *it;
    JSString *p;
    JSValue v;
    uint32_t start;
    if (!JS_IsObject(this_val) || js_obj(this_val)->class_id != JS_CLASS_STRING_ITERATOR)
        return JS_ThrowTypeError(ctx, "%%StringIteratorPrototype%%.next called on an object "
                                      "that is not a String Iterator");
    it = js_obj(this_val)->u.opaque;
    if (!it || JS_IsUndefined(it->str))
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    p = js_str(it->str);
    if (it->pos >= p->len) {
        JS_FreeValue(ctx, it->str);
        it->str = JS_UNDEFINED;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    start = it->pos;
    js_string_get_codepoint(p, &it->pos);
    if (it->pos - start == 1)
        v = js_new_string_char(ctx, string_get(p, start));
    else
        v = js_sub_string(ctx, p, start, it->pos);
    if (JS_IsException(v))
        return v;
    return js_create_iter_result(ctx, v, false);
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_string_funcs[] = {
    JS_CFUNC_DEF("fromCharCode", 1, js_string_fromCharCode),
    JS_CFUNC_DEF("fromCodePoint", 1, js_string_fromCodePoint),
    JS_CFUNC_DEF("raw", 1, js_string_raw),
};

static const JSCFunctionListEntry js_string_proto_funcs[] = {
    JS_CFUNC_DEF("at", 1, js_string_at),
    JS_CFUNC_MAGIC_DEF("charAt", 1, js_string_char_at, 0),
    JS_CFUNC_MAGIC_DEF("charCodeAt", 1, js_string_char_at, 1),
    JS_CFUNC_MAGIC_DEF("codePointAt", 1, js_string_char_at, 2),
    JS_CFUNC_DEF("concat", 1, js_string_concat),
    JS_CFUNC_MAGIC_DEF("endsWith", 1, js_string_includes, 2),
    JS_CFUNC_MAGIC_DEF("includes", 1, js_string_includes, 0),
    JS_CFUNC_DEF("indexOf", 1, js_string_indexOf),
    JS_CFUNC_DEF("isWellFormed", 0, js_string_isWellFormed),
    JS_CFUNC_DEF("lastIndexOf", 1, js_string_lastIndexOf),
    JS_CFUNC_DEF("localeCompare", 1, js_string_localeCompare),
    JS_CFUNC_MAGIC_DEF("match", 1, js_string_match, 0),
    JS_CFUNC_MAGIC_DEF("matchAll", 1, js_string_match, 1),
    JS_CFUNC_DEF("normalize", 0, js_string_normalize),
    JS_CFUNC_MAGIC_DEF("padEnd", 1, js_string_pad, 1),
    JS_CFUNC_MAGIC_DEF("padStart", 1, js_string_pad, 0),
    JS_CFUNC_DEF("repeat", 1, js_string_repeat),
    JS_CFUNC_MAGIC_DEF("replace", 2, js_string_replace, 0),
    JS_CFUNC_MAGIC_DEF("replaceAll", 2, js_string_replace, 1),
    JS_CFUNC_MAGIC_DEF("search", 1, js_string_match, 2),
    JS_CFUNC_MAGIC_DEF("slice", 2, js_string_slice, 0),
    JS_CFUNC_DEF("split", 2, js_string_split),
    JS_CFUNC_MAGIC_DEF("startsWith", 1, js_string_includes, 1),
    JS_CFUNC_MAGIC_DEF("substring", 2, js_string_slice, 1),
    JS_CFUNC_MAGIC_DEF("toLocaleLowerCase", 0, js_string_to_case, 2),
    JS_CFUNC_MAGIC_DEF("toLocaleUpperCase", 0, js_string_to_case, 3),
    JS_CFUNC_MAGIC_DEF("toLowerCase", 0, js_string_to_case, 0),
    JS_CFUNC_MAGIC_DEF("toString", 0, js_string_valueOf, 0),
    JS_CFUNC_MAGIC_DEF("toUpperCase", 0, js_string_to_case, 1),
    JS_CFUNC_DEF("toWellFormed", 0, js_string_toWellFormed),
    JS_CFUNC_MAGIC_DEF("trim", 0, js_string_trim, 3),
    JS_CFUNC_MAGIC_DEF("trimEnd", 0, js_string_trim, 2),
    JS_CFUNC_MAGIC_DEF("trimStart", 0, js_string_trim, 1),
    JS_CFUNC_MAGIC_DEF("valueOf", 0, js_string_valueOf, 1),
    JS_CFUNC_DEF("[Symbol.iterator]", 0, js_string_iterator),
    /* Annex B */
    JS_CFUNC_MAGIC_DEF("substr", 2, js_string_slice, 2),
    JS_CFUNC_MAGIC_DEF("anchor", 1, js_string_html, 0),
    JS_CFUNC_MAGIC_DEF("big", 0, js_string_html, 1),
    JS_CFUNC_MAGIC_DEF("blink", 0, js_string_html, 2),
    JS_CFUNC_MAGIC_DEF("bold", 0, js_string_html, 3),
    JS_CFUNC_MAGIC_DEF("fixed", 0, js_string_html, 4),
    JS_CFUNC_MAGIC_DEF("fontcolor", 1, js_string_html, 5),
    JS_CFUNC_MAGIC_DEF("fontsize", 1, js_string_html, 6),
    JS_CFUNC_MAGIC_DEF("italics", 0, js_string_html, 7),
    JS_CFUNC_MAGIC_DEF("link", 1, js_string_html, 8),
    JS_CFUNC_MAGIC_DEF("small", 0, js_string_html, 9),
    JS_CFUNC_MAGIC_DEF("strike", 0, js_string_html, 10),
    JS_CFUNC_MAGIC_DEF("sub", 0, js_string_html, 11),
    JS_CFUNC_MAGIC_DEF("sup", 0, js_string_html, 12),
    /* the same function objects as trimStart / trimEnd */
    JS_ALIAS_DEF("trimLeft", "trimStart"),
    JS_ALIAS_DEF("trimRight", "trimEnd"),
};

static const JSCFunctionListEntry js_string_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("next", 0, js_string_iterator_next),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "String Iterator", JS_PROP_CONFIGURABLE),
};

void js_string_init_classes(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_STRING].exotic = &js_string_exotic_methods;
    js_new_class1(rt, JS_CLASS_STRING_ITERATOR, &js_string_iterator_class_def,
                  JS_ATOM_String_Iterator, NULL);
}

int js_init_string(JSContext *ctx)
{
    JSValue proto, ctor, iter_proto;
    /* String.prototype is itself a String object whose value is "" */
    proto = JS_NewObjectProtoClass(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_STRING);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[JS_CLASS_STRING] = proto;
    js_obj(proto)->u.object_data = JS_AtomToString(ctx, JS_ATOM_empty_string);
    if (js_string_object_init_length(ctx, proto) < 0 ||
        JS_SetPropertyFunctionList(ctx, proto, js_string_proto_funcs,
                                   countof(js_string_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_String, js_string_constructor, 1,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_string_funcs, countof(js_string_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);
    iter_proto = JS_NewObjectProto(ctx, ctx->iterator_proto);
    if (JS_IsException(iter_proto))
        return -1;
    ctx->class_proto[JS_CLASS_STRING_ITERATOR] = iter_proto;
    return JS_SetPropertyFunctionList(ctx, iter_proto, js_string_iterator_proto_funcs,
                                      countof(js_string_iterator_proto_funcs));
}
