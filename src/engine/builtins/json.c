/*
 * json.c — the JSON object (ECMA-262 §25.5): JSON.parse with its reviver
 * walk (InternalizeJSONProperty) and JSON.stringify (SerializeJSONProperty
 * and friends), plus the C entry points JS_ParseJSON / JS_JSONStringify.
 * From the JSON.parse source text access proposal: the reviver's context
 * argument ({ source } of primitives, from JSON Parse Records),
 * JSON.rawJSON and JSON.isRawJSON.
 *
 * Parsing reads the flat source string directly (Latin-1 or UTF-16) and
 * builds the result without going through user-visible operations (a fresh
 * ordinary object cannot observe how it is filled): the members of an
 * object and the elements of an array are gathered on stacks first; an
 * array becomes a fast array in one step, and an object whose keys are
 * those of an earlier object gets that object's final shape at once
 * instead of walking the shape transitions key by key. A small cache maps
 * repeated keys to their atoms without allocating.
 *
 * Stringifying writes into one StringBuffer. Every step the spec makes
 * observable (toJSON lookups and calls, the replacer, getters, proxies,
 * ToNumber/ToString of wrapper objects) happens in spec order; what is
 * skipped is only what no code can observe: own data properties of
 * ordinary objects and elements of fast arrays are read directly, and keys
 * are only turned into strings when toJSON or a replacer needs them.
 */
#include <math.h>
#include <stdio.h>

#include "builtins.h"
#include "json.h"
#include "../atom.h"
#include "../conv.h"
#include "../dtoa.h"
#include "../error.h"
#include "../fast_array.h"
#include "../function.h"
#include "../object.h"
#include "../runtime.h"
#include "../shape.h"
#include "../str.h"

/* IsArray: -1 when a revoked proxy makes it throw */
static int js_json_is_array(JSContext *ctx, JSValueConst v)
{
    JSObject *p;
    bool ret;
    if (!JS_IsObject(v))
        return 0;
    p = js_obj(v);
    if (p->class_id == JS_CLASS_ARRAY)
        return 1;
    if (p->class_id != JS_CLASS_PROXY)
        return 0;
    /* JS_IsArray reports a revoked proxy as false with a pending exception */
    ret = JS_IsArray(ctx, v);
    if (ret)
        return 1;
    return JS_HasException(ctx) ? -1 : 0;
}

/* the property key of an array index (free with JS_FreeAtom) */
static JSAtom js_json_index_atom(JSContext *ctx, int64_t idx)
{
    JSValue v;
    JSAtom atom;
    if (idx <= JS_ATOM_MAX_INT)
        return js_atom_from_uint32((uint32_t)idx);
    v = JS_NewInt64(ctx, idx);
    atom = JS_ValueToAtom(ctx, v);
    JS_FreeValue(ctx, v);
    return atom;
}

/* ---------------------------------------------------------------------
 * Parser
 * ------------------------------------------------------------------- */
#define JSON_KEY_CACHE_SIZE 128 /* a power of two */

typedef struct JSONKeyCacheEntry {
    uint32_t hash;
    JSAtom atom; /* a reference owned by the cache, or JS_ATOM_NULL */
} JSONKeyCacheEntry;

#define JSON_SHAPE_CACHE_SIZE 16 /* a power of two */

/* a member of an object being parsed */
typedef struct JSONMember {
    JSAtom atom;
    JSValue value;
} JSONMember;

typedef struct JSONParser {
    JSContext *ctx;
    JSString *src; /* flat */
    const uint8_t *s8;
    const uint16_t *s16;
    uint32_t pos;
    uint32_t len;
    const char *filename;
    /* elements of the arrays being parsed, innermost last */
    JSValue *stack;
    uint32_t sp;
    uint32_t stack_size;
    /* members of the objects being parsed, innermost last */
    JSONMember *members;
    uint32_t msp;
    uint32_t members_size;
    JSONKeyCacheEntry key_cache[JSON_KEY_CACHE_SIZE];
    /* final shapes of objects built so far (references), to build the next
       object with the same keys in one step */
    JSShape *shape_cache[JSON_SHAPE_CACHE_SIZE];
} JSONParser;

static inline int json_char(const JSONParser *s, uint32_t i)
{
    return s->s16 ? s->s16[i] : s->s8[i];
}

static inline int json_peek(const JSONParser *s)
{
    return s->pos < s->len ? json_char(s, s->pos) : -1;
}

static inline bool json_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static void json_skip_ws(JSONParser *s)
{
    while (s->pos < s->len) {
        int c = json_char(s, s->pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        s->pos++;
    }
}

/* a SyntaxError about the character at s->pos */
static int json_error(JSONParser *s, const char *what)
{
    char where[96];
    if (s->filename)
        snprintf(where, sizeof(where), " (%.64s)", s->filename);
    else
        where[0] = '\0';
    if (s->pos >= s->len) {
        JS_ThrowSyntaxError(s->ctx, "Unexpected end of JSON input%s", where);
    } else {
        int c = json_char(s, s->pos);
        if (what)
            JS_ThrowSyntaxError(s->ctx, "%s in JSON at position %u%s", what, s->pos, where);
        else if (c >= 0x20 && c < 0x7f)
            JS_ThrowSyntaxError(s->ctx, "Unexpected token '%c' in JSON at position %u%s", c, s->pos,
                                where);
        else
            JS_ThrowSyntaxError(s->ctx, "Unexpected character U+%04X in JSON at position %u%s", c,
                                s->pos, where);
    }
    return -1;
}

static void json_parser_init(JSONParser *s, JSContext *ctx, JSString *src, const char *filename)
{
    s->ctx = ctx;
    s->src = src;
    s->s8 = src->is_wide_char ? NULL : src->u.str8;
    s->s16 = src->is_wide_char ? src->u.str16 : NULL;
    s->pos = 0;
    s->len = src->len;
    s->filename = filename;
    s->stack = NULL;
    s->sp = 0;
    s->stack_size = 0;
    s->members = NULL;
    s->msp = 0;
    s->members_size = 0;
    memset(s->key_cache, 0, sizeof(s->key_cache));
    memset(s->shape_cache, 0, sizeof(s->shape_cache));
}

static void json_parser_free(JSONParser *s)
{
    JSRuntime *rt = s->ctx->rt;
    for (uint32_t i = 0; i < s->sp; i++)
        JS_FreeValue(s->ctx, s->stack[i]);
    js_free(s->ctx, s->stack);
    for (uint32_t i = 0; i < s->msp; i++) {
        JS_FreeAtom(s->ctx, s->members[i].atom);
        JS_FreeValue(s->ctx, s->members[i].value);
    }
    js_free(s->ctx, s->members);
    for (int i = 0; i < JSON_KEY_CACHE_SIZE; i++)
        JS_FreeAtom(s->ctx, s->key_cache[i].atom);
    for (int i = 0; i < JSON_SHAPE_CACHE_SIZE; i++) {
        if (s->shape_cache[i])
            js_free_shape(rt, s->shape_cache[i]);
    }
}

static int json_parse_value(JSONParser *s, JSValue *pval);

/* the end of a run of plain string characters starting at i */
static uint32_t json_scan_plain(const JSONParser *s, uint32_t i)
{
    if (s->s8) {
        while (i < s->len) {
            int c = s->s8[i];
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            i++;
        }
    } else {
        while (i < s->len) {
            int c = s->s16[i];
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            i++;
        }
    }
    return i;
}

/* one escape sequence after the backslash at s->pos - 1; -1 on error */
static int json_parse_escape(JSONParser *s)
{
    int c, v = 0;
    if (s->pos >= s->len)
        return json_error(s, NULL);
    c = json_char(s, s->pos++);
    switch (c) {
    case '"':
    case '\\':
    case '/':
        return c;
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'u':
        for (int k = 0; k < 4; k++) {
            int d = s->pos < s->len ? json_char(s, s->pos) : -1;
            if (json_is_digit(d))
                d -= '0';
            else if ((d | 0x20) >= 'a' && (d | 0x20) <= 'f')
                d = (d | 0x20) - 'a' + 10;
            else
                return json_error(s, "Bad Unicode escape");
            v = (v << 4) | d;
            s->pos++;
        }
        return v;
    default:
        s->pos--;
        return json_error(s, "Bad escaped character");
    }
}

/* the general string path: escapes, built in a StringBuffer. The text
   from start to s->pos (a backslash or the error) is plain. */
static int json_parse_string_slow(JSONParser *s, uint32_t start, JSValue *pval)
{
    StringBuffer b;
    if (string_buffer_init(s->ctx, &b, s->pos - start + 16))
        return -1;
    string_buffer_concat(&b, s->src, start, s->pos);
    for (;;) {
        uint32_t end;
        int c = json_peek(s);
        if (c == '"')
            break;
        if (c != '\\') {
            json_error(s, c < 0 ? NULL : "Bad control character in string literal");
            goto fail;
        }
        s->pos++;
        c = json_parse_escape(s);
        if (c < 0 || string_buffer_putc16(&b, c))
            goto fail;
        end = json_scan_plain(s, s->pos);
        if (string_buffer_concat(&b, s->src, s->pos, end))
            goto fail;
        s->pos = end;
    }
    s->pos++;
    *pval = string_buffer_end(&b);
    return JS_IsException(*pval) ? -1 : 0;
fail:
    string_buffer_free(&b);
    return -1;
}

/* a string at s->pos (the opening quote) */
static int json_parse_string(JSONParser *s, JSValue *pval)
{
    uint32_t start = s->pos + 1, end = json_scan_plain(s, start);
    if (end < s->len && json_char(s, end) == '"') {
        s->pos = end + 1;
        *pval = js_sub_string(s->ctx, s->src, start, end);
        return JS_IsException(*pval) ? -1 : 0;
    }
    s->pos = end;
    return json_parse_string_slow(s, start, pval);
}

static uint32_t json_hash_chars(const JSONParser *s, uint32_t start, uint32_t end)
{
    uint32_t h = 0;
    if (s->s8) {
        for (uint32_t i = start; i < end; i++)
            h = h * 31 + s->s8[i];
    } else {
        for (uint32_t i = start; i < end; i++)
            h = h * 31 + s->s16[i];
    }
    return h;
}

static bool json_key_matches(const JSONParser *s, JSString *p, uint32_t start, uint32_t end)
{
    uint32_t n = end - start;
    if (p->len != n)
        return false;
    if (s->s8 && !p->is_wide_char)
        return memcmp(p->u.str8, s->s8 + start, n) == 0;
    for (uint32_t i = 0; i < n; i++) {
        if (string_get(p, i) != json_char(s, start + i))
            return false;
    }
    return true;
}

/* a key without escapes: the cache spares the allocation for keys seen
   before (objects in arrays repeat their keys) */
static JSAtom json_make_key(JSONParser *s, uint32_t start, uint32_t end)
{
    JSRuntime *rt = s->ctx->rt;
    uint32_t h = json_hash_chars(s, start, end);
    JSONKeyCacheEntry *e = &s->key_cache[h & (JSON_KEY_CACHE_SIZE - 1)];
    JSValue str;
    JSAtom atom;
    if (e->atom != JS_ATOM_NULL && e->hash == h &&
        json_key_matches(s, js_atom_get_str(rt, e->atom), start, end))
        return js_dup_atom_rt(rt, e->atom);
    str = js_sub_string(s->ctx, s->src, start, end);
    if (JS_IsException(str))
        return JS_ATOM_NULL;
    atom = js_new_atom_str(s->ctx, JS_VALUE_GET_STRING(str));
    if (atom != JS_ATOM_NULL && !js_atom_is_tagged_int(atom)) {
        JS_FreeAtom(s->ctx, e->atom);
        e->hash = h;
        e->atom = js_dup_atom_rt(rt, atom);
    }
    return atom;
}

/* a member name at s->pos (the opening quote); JS_ATOM_NULL on error */
static JSAtom json_parse_key(JSONParser *s)
{
    uint32_t start = s->pos + 1, end = json_scan_plain(s, start);
    JSValue str;
    if (end < s->len && json_char(s, end) == '"') {
        s->pos = end + 1;
        return json_make_key(s, start, end);
    }
    s->pos = end;
    if (json_parse_string_slow(s, start, &str))
        return JS_ATOM_NULL;
    return js_new_atom_str(s->ctx, JS_VALUE_GET_STRING(str));
}

/* the digits of a number without fraction or exponent, at most 9 */
static JSValue json_small_int(const JSONParser *s, uint32_t start, uint32_t end, bool neg)
{
    int32_t v = 0;
    for (uint32_t i = start; i < end; i++)
        v = v * 10 + (json_char(s, i) - '0');
    if (neg)
        return v == 0 ? JS_NewFloat64(s->ctx, -0.0) : JS_NewInt32(s->ctx, -v);
    return JS_NewInt32(s->ctx, v);
}

/* the value of the validated number text [start, end) (no sign) */
static int json_number_value(JSONParser *s, uint32_t start, uint32_t end, bool neg, JSValue *pval)
{
    uint32_t n = end - start;
    size_t used;
    double d;
    if (s->s8) {
        d = js_strtod((const char *)s->s8 + start, n, &used);
    } else {
        /* the text is ASCII: narrow it for js_strtod */
        char *buf = js_malloc(s->ctx, n);
        if (!buf)
            return -1;
        for (uint32_t i = 0; i < n; i++)
            buf[i] = (char)s->s16[start + i];
        d = js_strtod(buf, n, &used);
        js_free(s->ctx, buf);
    }
    *pval = JS_NewNumber(s->ctx, neg ? -d : d);
    return 0;
}

static uint32_t json_skip_digits(const JSONParser *s, uint32_t i)
{
    while (i < s->len && json_is_digit(json_char(s, i)))
        i++;
    return i;
}

static int json_parse_number(JSONParser *s, JSValue *pval)
{
    uint32_t i = s->pos, digits, int_end;
    bool neg = false, is_int = true;
    if (json_char(s, i) == '-') {
        neg = true;
        i++;
    }
    digits = i;
    if (i < s->len && json_char(s, i) == '0') {
        i++;
    } else if (i < s->len && json_is_digit(json_char(s, i))) {
        i = json_skip_digits(s, i);
    } else {
        s->pos = i;
        return json_error(s, "No number after minus sign");
    }
    int_end = i;
    if (i < s->len && json_char(s, i) == '.') {
        i++;
        if (i >= s->len || !json_is_digit(json_char(s, i))) {
            s->pos = i;
            return json_error(s, "Unterminated fractional number");
        }
        i = json_skip_digits(s, i);
        is_int = false;
    }
    if (i < s->len && (json_char(s, i) | 0x20) == 'e') {
        i++;
        if (i < s->len && (json_char(s, i) == '+' || json_char(s, i) == '-'))
            i++;
        if (i >= s->len || !json_is_digit(json_char(s, i))) {
            s->pos = i;
            return json_error(s, "Exponent part is missing a number");
        }
        i = json_skip_digits(s, i);
        is_int = false;
    }
    s->pos = i;
    if (is_int && int_end - digits <= 9) {
        *pval = json_small_int(s, digits, int_end, neg);
        return 0;
    }
    return json_number_value(s, digits, i, neg, pval);
}

/* "true", "false" or "null" */
static int json_parse_literal(JSONParser *s, const char *word, JSValue v, JSValue *pval)
{
    uint32_t n = strlen(word);
    for (uint32_t k = 0; k < n; k++) {
        if (s->pos + k >= s->len || json_char(s, s->pos + k) != word[k]) {
            s->pos += k;
            return json_error(s, NULL);
        }
    }
    s->pos += n;
    *pval = v;
    return 0;
}

/* a member of an object being built; takes v. The object is fresh and
   ordinary: defining through its shape is exactly CreateDataProperty, and
   a repeated key keeps its place with the last value. */
static int json_define_member(JSContext *ctx, JSObject *p, JSAtom atom, JSValue v)
{
    uint32_t idx;
    JSProperty *pr;
    if (js_shape_find(p->shape, atom, &idx)) {
        JSValue old = p->prop[idx].value;
        p->prop[idx].value = v;
        JS_FreeValue(ctx, old);
        return 0;
    }
    pr = js_shape_add_property(ctx, p, atom, JS_PROP_C_W_E);
    if (!pr) {
        JS_FreeValue(ctx, v);
        return -1;
    }
    pr->value = v;
    return 0;
}

static int json_check_depth(JSONParser *s)
{
    if (js_check_stack_overflow(s->ctx->rt, 0)) {
        js_throw_stack_overflow(s->ctx);
        return -1;
    }
    return 0;
}

static uint32_t json_shape_slot(const JSONMember *m, uint32_t n)
{
    return (n * 31 + m[0].atom + m[n - 1].atom * 7) & (JSON_SHAPE_CACHE_SIZE - 1);
}

/* a cached shape whose properties are exactly the n keys, in order */
static JSShape *json_find_shape(JSONParser *s, const JSONMember *m, uint32_t n)
{
    JSShape *sh = s->shape_cache[json_shape_slot(m, n)];
    if (!sh || sh->prop_count != (int)n)
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (sh->prop[i].atom != m[i].atom || sh->prop[i].flags != JS_PROP_C_W_E)
            return NULL;
    }
    return sh;
}

/* the object of the n members on top of the member stack (consumed) */
static JSValue json_build_object(JSONParser *s, uint32_t base)
{
    JSContext *ctx = s->ctx;
    JSONMember *m = s->members + base;
    uint32_t n = s->msp - base, i = 0;
    JSShape *sh = json_find_shape(s, m, n);
    JSValue obj;
    /* the members are released from the stack as they are consumed */
    s->msp = base;
    if (sh) {
        /* the same keys as an earlier object: its final shape, at once */
        obj = js_new_object_from_shape(ctx, js_dup_shape(sh), JS_CLASS_OBJECT);
        if (JS_IsException(obj))
            goto fail;
        for (; i < n; i++) {
            js_obj(obj)->prop[i].value = m[i].value;
            JS_FreeAtom(ctx, m[i].atom);
        }
        return obj;
    }
    obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        goto fail;
    for (; i < n; i++) {
        int ret = json_define_member(ctx, js_obj(obj), m[i].atom, m[i].value);
        JS_FreeAtom(ctx, m[i].atom);
        if (ret < 0) {
            i++;
            JS_FreeValue(ctx, obj);
            goto fail;
        }
    }
    sh = js_obj(obj)->shape;
    if (sh->is_hashed) {
        JSShape **slot = &s->shape_cache[json_shape_slot(m, n)];
        if (*slot)
            js_free_shape(ctx->rt, *slot);
        *slot = js_dup_shape(sh);
    }
    return obj;
fail:
    for (; i < n; i++) {
        JS_FreeAtom(ctx, m[i].atom);
        JS_FreeValue(ctx, m[i].value);
    }
    return JS_EXCEPTION;
}

static int json_push_member(JSONParser *s, JSAtom atom, JSValue v)
{
    if (s->msp >= s->members_size) {
        uint32_t new_size = s->members_size ? s->members_size * 2 : 32;
        JSONMember *tab = js_realloc(s->ctx, s->members, sizeof(JSONMember) * new_size);
        if (!tab) {
            JS_FreeAtom(s->ctx, atom);
            JS_FreeValue(s->ctx, v);
            return -1;
        }
        s->members = tab;
        s->members_size = new_size;
    }
    s->members[s->msp].atom = atom;
    s->members[s->msp].value = v;
    s->msp++;
    return 0;
}

/* the members are gathered first, so that the object can often be made
   with its final shape in one step (json_build_object) */
static int json_parse_object(JSONParser *s, JSValue *pval)
{
    uint32_t base = s->msp;
    JSValue v;
    JSAtom atom;
    int c;
    if (json_check_depth(s))
        return -1;
    s->pos++;
    json_skip_ws(s);
    if (json_peek(s) == '}') {
        s->pos++;
        *pval = JS_NewObject(s->ctx);
        return JS_IsException(*pval) ? -1 : 0;
    }
    for (;;) {
        if (json_peek(s) != '"') {
            json_error(s, NULL);
            goto fail;
        }
        atom = json_parse_key(s);
        if (atom == JS_ATOM_NULL)
            goto fail;
        json_skip_ws(s);
        if (json_peek(s) != ':') {
            JS_FreeAtom(s->ctx, atom);
            json_error(s, NULL);
            goto fail;
        }
        s->pos++;
        if (json_parse_value(s, &v)) {
            JS_FreeAtom(s->ctx, atom);
            goto fail;
        }
        if (json_push_member(s, atom, v))
            goto fail;
        json_skip_ws(s);
        c = json_peek(s);
        if (c == '}')
            break;
        if (c != ',') {
            json_error(s, NULL);
            goto fail;
        }
        s->pos++;
        json_skip_ws(s);
    }
    s->pos++;
    *pval = json_build_object(s, base);
    return JS_IsException(*pval) ? -1 : 0;
fail:
    while (s->msp > base) {
        s->msp--;
        JS_FreeAtom(s->ctx, s->members[s->msp].atom);
        JS_FreeValue(s->ctx, s->members[s->msp].value);
    }
    return -1;
}

static int json_push(JSONParser *s, JSValue v)
{
    if (s->sp >= s->stack_size) {
        uint32_t new_size = s->stack_size ? s->stack_size * 2 : 64;
        JSValue *tab = js_realloc(s->ctx, s->stack, sizeof(JSValue) * new_size);
        if (!tab) {
            JS_FreeValue(s->ctx, v);
            return -1;
        }
        s->stack = tab;
        s->stack_size = new_size;
    }
    s->stack[s->sp++] = v;
    return 0;
}

static int json_parse_array(JSONParser *s, JSValue *pval)
{
    uint32_t base = s->sp;
    JSValue v;
    int c;
    if (json_check_depth(s))
        return -1;
    s->pos++;
    json_skip_ws(s);
    if (json_peek(s) != ']') {
        for (;;) {
            if (json_parse_value(s, &v) || json_push(s, v))
                goto fail;
            json_skip_ws(s);
            c = json_peek(s);
            if (c == ']')
                break;
            if (c != ',') {
                json_error(s, NULL);
                goto fail;
            }
            s->pos++;
        }
    }
    s->pos++;
    /* the array takes the elements, even when it fails */
    if (s->sp == base)
        v = JS_NewArray(s->ctx);
    else
        v = js_new_array_from(s->ctx, s->sp - base, s->stack + base);
    s->sp = base;
    if (JS_IsException(v))
        return -1;
    *pval = v;
    return 0;
fail:
    while (s->sp > base)
        JS_FreeValue(s->ctx, s->stack[--s->sp]);
    return -1;
}

static int json_parse_value(JSONParser *s, JSValue *pval)
{
    json_skip_ws(s);
    switch (json_peek(s)) {
    case '{':
        return json_parse_object(s, pval);
    case '[':
        return json_parse_array(s, pval);
    case '"':
        return json_parse_string(s, pval);
    case 't':
        return json_parse_literal(s, "true", JS_TRUE, pval);
    case 'f':
        return json_parse_literal(s, "false", JS_FALSE, pval);
    case 'n':
        return json_parse_literal(s, "null", JS_NULL, pval);
    default:
        if (json_peek(s) == '-' || json_is_digit(json_peek(s)))
            return json_parse_number(s, pval);
        return json_error(s, NULL);
    }
}

/* parses a whole JSON text held in the flat string src */
static JSValue json_parse_text(JSContext *ctx, JSString *src, const char *filename)
{
    JSONParser s;
    JSValue v = JS_EXCEPTION;
    json_parser_init(&s, ctx, src, filename);
    if (json_parse_value(&s, &v) == 0) {
        json_skip_ws(&s);
        if (s.pos < s.len) {
            JS_FreeValue(ctx, v);
            v = JS_EXCEPTION;
            json_error(&s, NULL);
        }
    } else {
        v = JS_EXCEPTION;
    }
    json_parser_free(&s);
    return v;
}

JSValue JS_ParseJSON(JSContext *ctx, const char *buf, size_t len, const char *filename)
{
    JSValue str = js_new_string_utf8(ctx, buf, len), v;
    if (JS_IsException(str))
        return str;
    v = json_parse_text(ctx, JS_VALUE_GET_STRING(str), filename);
    JS_FreeValue(ctx, str);
    return v;
}

/* ---------------------------------------------------------------------
 * JSON Parse Records (the json-parse-with-source proposal)
 *
 * A reviver receives, as its third argument, a context object whose
 * "source" is the text of the primitive value it is looking at, as long as
 * that value is still the one the parse produced. The records mirror the
 * parsed tree: each holds the value a node produced and, for a primitive,
 * the range of its text; an array keeps one record per element, an object
 * one per property. They are built after the parse, only when there is a
 * reviver, by walking the source text a second time alongside the tree.
 * ------------------------------------------------------------------- */
typedef struct JSONRecord {
    /* the value as parsed; JS_UNINITIALIZED for a record no text filled
       (only possible under a key that a later duplicate replaced) */
    JSValue value;
    JSAtom key;           /* the property key of an object's entry */
    uint32_t start, end;  /* the source text of a primitive */
    uint32_t count;       /* elements or entries */
    struct JSONRecord *children;
} JSONRecord;

static void json_record_init(JSONRecord *rec)
{
    rec->value = JS_UNINITIALIZED;
    rec->key = JS_ATOM_NULL;
    rec->start = rec->end = 0;
    rec->count = 0;
    rec->children = NULL;
}

static void json_record_free(JSContext *ctx, JSONRecord *rec)
{
    for (uint32_t i = 0; i < rec->count; i++)
        json_record_free(ctx, &rec->children[i]);
    js_free(ctx, rec->children);
    JS_FreeValue(ctx, rec->value);
    JS_FreeAtom(ctx, rec->key);
    json_record_init(rec);
}

/* the end of the string whose opening quote is at i (the text is valid) */
static uint32_t json_skip_string(const JSONParser *s, uint32_t i)
{
    for (i++; json_char(s, i) != '"'; i++) {
        if (json_char(s, i) == '\\')
            i++;
    }
    return i + 1;
}

static bool json_is_scalar_char(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '+' || c == '.';
}

/* moves s->pos past the valid JSON value that starts there */
static void json_skip_value(JSONParser *s)
{
    uint32_t i = s->pos, depth = 0;
    do {
        int c = json_char(s, i);
        if (c == '"') {
            i = json_skip_string(s, i);
            continue;
        }
        if (c == '[' || c == '{') {
            depth++;
        } else if (c == ']' || c == '}') {
            depth--;
        } else if (depth == 0) {
            /* a number or a literal: its characters are all ASCII
               letters, digits, signs and dots */
            while (i < s->len && json_is_scalar_char(json_char(s, i)))
                i++;
            break;
        }
        i++;
    } while (depth > 0);
    s->pos = i;
}

static int json_record_build(JSONParser *s, JSValueConst tree, JSONRecord *rec);

/* the elements of the array text at s->pos; tree is the array the parse
   made of it, or anything else under a replaced duplicate key */
static int json_record_array(JSONParser *s, JSValueConst tree, JSONRecord *rec)
{
    JSValue *values = NULL;
    uint32_t n = 0, i = 0;
    if (!js_get_fast_array(s->ctx, tree, &values, &n))
        n = 0;
    rec->children = n ? js_malloc(s->ctx, sizeof(JSONRecord) * n) : NULL;
    if (n && !rec->children)
        return -1;
    rec->count = n;
    for (uint32_t k = 0; k < n; k++)
        json_record_init(&rec->children[k]);
    s->pos++;
    json_skip_ws(s);
    if (json_peek(s) == ']') {
        s->pos++;
        return 0;
    }
    for (;; i++) {
        if (i < n) {
            if (json_record_build(s, values[i], &rec->children[i]))
                return -1;
        } else {
            json_skip_value(s);
        }
        json_skip_ws(s);
        if (json_char(s, s->pos++) == ']')
            return 0;
        json_skip_ws(s);
    }
}

/* one member of the object text: its record goes to the slot of its key
   in the tree's shape, so that a later duplicate replaces an earlier one
   as it did for the value */
static int json_record_member(JSONParser *s, JSValueConst tree, JSONRecord *rec)
{
    JSAtom atom = json_parse_key(s);
    JSONRecord *child;
    uint32_t idx;
    JSShapeProperty *prs;
    if (atom == JS_ATOM_NULL)
        return -1;
    json_skip_ws(s);
    s->pos++; /* ':' */
    json_skip_ws(s);
    prs = rec->count ? js_shape_find(js_obj(tree)->shape, atom, &idx) : NULL;
    if (!prs || idx >= rec->count || (prs->flags & JS_PROP_TMASK) != JS_PROP_NORMAL) {
        JS_FreeAtom(s->ctx, atom);
        json_skip_value(s);
        return 0;
    }
    child = &rec->children[idx];
    json_record_free(s->ctx, child);
    child->key = atom;
    return json_record_build(s, js_obj(tree)->prop[idx].value, child);
}

static int json_record_object(JSONParser *s, JSValueConst tree, JSONRecord *rec)
{
    uint32_t n = 0;
    if (JS_IsObject(tree) && js_obj(tree)->class_id == JS_CLASS_OBJECT)
        n = js_obj(tree)->shape->prop_count;
    rec->children = n ? js_malloc(s->ctx, sizeof(JSONRecord) * n) : NULL;
    if (n && !rec->children)
        return -1;
    rec->count = n;
    for (uint32_t k = 0; k < n; k++)
        json_record_init(&rec->children[k]);
    s->pos++;
    json_skip_ws(s);
    if (json_peek(s) == '}') {
        s->pos++;
        return 0;
    }
    for (;;) {
        if (json_record_member(s, tree, rec))
            return -1;
        json_skip_ws(s);
        if (json_char(s, s->pos++) == '}')
            return 0;
        json_skip_ws(s);
    }
}

/* CreateJSONParseRecord for the value text at s->pos and its value tree */
static int json_record_build(JSONParser *s, JSValueConst tree, JSONRecord *rec)
{
    if (json_check_depth(s))
        return -1;
    json_skip_ws(s);
    rec->value = JS_DupValue(s->ctx, tree);
    switch (json_peek(s)) {
    case '[':
        return json_record_array(s, tree, rec);
    case '{':
        return json_record_object(s, tree, rec);
    default:
        rec->start = s->pos;
        json_skip_value(s);
        rec->end = s->pos;
        return 0;
    }
}

/* ---------------------------------------------------------------------
 * The reviver walk (InternalizeJSONProperty)
 * ------------------------------------------------------------------- */
typedef struct JSONReviver {
    JSContext *ctx;
    JSValueConst reviver;
    JSString *src; /* the parsed text, for the contexts' "source" */
} JSONReviver;

static JSValue json_internalize(JSONReviver *r, JSValueConst holder, JSAtom name,
                                const JSONRecord *rec);

/* revives val[atom] in place: deleted when the reviver returns undefined,
   else redefined (CreateDataProperty: a refusal is not an error) */
static int json_internalize_member(JSONReviver *r, JSValueConst val, JSAtom atom,
                                   const JSONRecord *rec)
{
    JSValue v = json_internalize(r, val, atom, rec);
    if (JS_IsException(v))
        return -1;
    if (JS_IsUndefined(v))
        return js_delete_property(r->ctx, val, atom, 0) < 0 ? -1 : 0;
    return JS_DefinePropertyValue(r->ctx, val, atom, v, JS_PROP_C_W_E) < 0 ? -1 : 0;
}

static int json_internalize_array(JSONReviver *r, JSValueConst val, const JSONRecord *rec)
{
    JSContext *ctx = r->ctx;
    int64_t len;
    if (js_get_length64(ctx, &len, val))
        return -1;
    for (int64_t i = 0; i < len; i++) {
        JSAtom atom = js_json_index_atom(ctx, i);
        int ret;
        if (atom == JS_ATOM_NULL)
            return -1;
        ret = json_internalize_member(r, val, atom,
                                      rec && i < rec->count ? &rec->children[i] : NULL);
        JS_FreeAtom(ctx, atom);
        if (ret < 0 || js_poll_interrupts(ctx))
            return -1;
    }
    return 0;
}

/* EnumerableOwnProperties(obj, key): the own enumerable string keys, their
   enumerability read through [[GetOwnProperty]] (proxies observe it).
   Filtered-out entries get JS_ATOM_NULL. */
static int json_enumerable_keys(JSContext *ctx, JSValueConst obj, JSPropertyEnum **ptab,
                                uint32_t *plen)
{
    JSObject *p = js_obj(obj);
    JSPropertyEnum *tab;
    uint32_t len;
    if (!p->is_exotic)
        return JS_GetOwnPropertyNamesInternal(ctx, ptab, plen, p,
                                              JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY);
    if (JS_GetOwnPropertyNamesInternal(ctx, &tab, &len, p, JS_GPN_STRING_MASK))
        return -1;
    for (uint32_t i = 0; i < len; i++) {
        JSPropertyDescriptor desc;
        int ret = JS_GetOwnPropertyInternal(ctx, &desc, p, tab[i].atom);
        if (ret < 0) {
            js_free_property_enum(ctx, tab, len);
            return -1;
        }
        if (ret) {
            js_free_desc(ctx, &desc);
            if (desc.flags & JS_PROP_ENUMERABLE)
                continue;
        }
        JS_FreeAtom(ctx, tab[i].atom);
        tab[i].atom = JS_ATOM_NULL;
    }
    *ptab = tab;
    *plen = len;
    return 0;
}

/* the entry of an object's record for key atom, or NULL. The object is
   the one the record describes (it passed the SameValue test), so its
   shape usually still has the key in the slot the record was built for. */
static const JSONRecord *json_record_entry(const JSONRecord *rec, JSValueConst obj, JSAtom atom)
{
    uint32_t idx;
    if (!rec)
        return NULL;
    if (js_shape_find(js_obj(obj)->shape, atom, &idx) && idx < rec->count &&
        rec->children[idx].key == atom)
        return &rec->children[idx];
    for (uint32_t i = 0; i < rec->count; i++) {
        if (rec->children[i].key == atom)
            return &rec->children[i];
    }
    return NULL;
}

static int json_internalize_object(JSONReviver *r, JSValueConst val, const JSONRecord *rec)
{
    JSPropertyEnum *tab;
    uint32_t len;
    int ret = 0;
    if (json_enumerable_keys(r->ctx, val, &tab, &len))
        return -1;
    for (uint32_t i = 0; i < len && ret == 0; i++) {
        if (tab[i].atom != JS_ATOM_NULL)
            ret = json_internalize_member(r, val, tab[i].atom,
                                          json_record_entry(rec, val, tab[i].atom));
    }
    js_free_property_enum(r->ctx, tab, len);
    return ret;
}

/* the reviver's context: { source } for a primitive still as parsed */
static JSValue json_reviver_context(JSONReviver *r, JSValueConst val, const JSONRecord *rec)
{
    JSContext *ctx = r->ctx;
    JSValue context = JS_NewObject(ctx), source;
    if (JS_IsException(context) || !rec || JS_IsObject(val))
        return context;
    source = js_sub_string(ctx, r->src, rec->start, rec->end);
    if (JS_IsException(source) || json_define_member(ctx, js_obj(context), JS_ATOM_source, source)) {
        JS_FreeValue(ctx, context);
        return JS_EXCEPTION;
    }
    return context;
}

static JSValue json_internalize(JSONReviver *r, JSValueConst holder, JSAtom name,
                                const JSONRecord *rec)
{
    JSContext *ctx = r->ctx;
    JSValue val, args[3], res;
    int ret = 0;
    if (js_check_stack_overflow(ctx->rt, 0))
        return js_throw_stack_overflow(ctx);
    val = JS_GetProperty(ctx, holder, name);
    if (JS_IsException(val))
        return val;
    /* the record only describes the value the parse produced */
    if (rec && !js_same_value(ctx, rec->value, val))
        rec = NULL;
    if (JS_IsObject(val)) {
        ret = js_json_is_array(ctx, val);
        if (ret > 0)
            ret = json_internalize_array(r, val, rec);
        else if (ret == 0)
            ret = json_internalize_object(r, val, rec);
    }
    if (ret < 0) {
        JS_FreeValue(ctx, val);
        return JS_EXCEPTION;
    }
    args[0] = JS_AtomToString(ctx, name);
    args[1] = val;
    args[2] = JS_IsException(args[0]) ? JS_EXCEPTION : json_reviver_context(r, val, rec);
    if (JS_IsException(args[2])) {
        JS_FreeValue(ctx, args[0]);
        JS_FreeValue(ctx, val);
        return JS_EXCEPTION;
    }
    res = JS_Call(ctx, r->reviver, holder, 3, args);
    JS_FreeValue(ctx, args[0]);
    JS_FreeValue(ctx, val);
    JS_FreeValue(ctx, args[2]);
    return res;
}

/* steps 7-8 of JSON.parse: the parse records, then the reviver walk from
   { "": unfiltered } */
static JSValue json_revive(JSContext *ctx, JSString *src, JSValue unfiltered,
                           JSValueConst reviver)
{
    JSONReviver r = {ctx, reviver, src};
    JSONRecord rec;
    JSONParser s;
    JSValue root = JS_UNDEFINED, res = JS_EXCEPTION;
    int ret;
    json_record_init(&rec);
    json_parser_init(&s, ctx, src, NULL);
    ret = json_record_build(&s, unfiltered, &rec);
    json_parser_free(&s);
    if (ret == 0)
        root = JS_NewObject(ctx);
    if (ret < 0 || JS_IsException(root)) {
        JS_FreeValue(ctx, unfiltered);
        goto done;
    }
    if (JS_DefinePropertyValue(ctx, root, JS_ATOM_empty_string, unfiltered, JS_PROP_C_W_E) < 0)
        goto done;
    res = json_internalize(&r, root, JS_ATOM_empty_string, &rec);
done:
    JS_FreeValue(ctx, root);
    json_record_free(ctx, &rec);
    return res;
}

static JSValue js_json_parse(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue str, unfiltered;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    unfiltered = json_parse_text(ctx, JS_VALUE_GET_STRING(str), NULL);
    if (!JS_IsException(unfiltered) && JS_IsCallable(ctx, argv[1]))
        unfiltered = json_revive(ctx, JS_VALUE_GET_STRING(str), unfiltered, argv[1]);
    JS_FreeValue(ctx, str);
    return unfiltered;
}

/* ---------------------------------------------------------------------
 * JSON.rawJSON, JSON.isRawJSON
 * ------------------------------------------------------------------- */
static bool json_is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static JSValue js_json_raw_json(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    JSValue str, v, obj;
    JSString *p;
    str = JS_ToString(ctx, argv[0]);
    if (JS_IsException(str))
        return str;
    p = JS_VALUE_GET_STRING(str);
    /* a primitive JSON text with nothing around it */
    if (p->len == 0 || json_is_ws(string_get(p, 0)) || json_is_ws(string_get(p, p->len - 1)) ||
        string_get(p, 0) == '[' || string_get(p, 0) == '{') {
        JS_FreeValue(ctx, str);
        return JS_ThrowSyntaxError(ctx, "JSON.rawJSON: not a primitive JSON text");
    }
    v = json_parse_text(ctx, p, NULL);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, str);
        return v;
    }
    JS_FreeValue(ctx, v);
    obj = JS_NewObjectProtoClass(ctx, JS_NULL, JS_CLASS_RAW_JSON);
    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, str);
        return obj;
    }
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_rawJSON, str, JS_PROP_C_W_E) < 0 ||
        js_freeze_object(ctx, obj) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_json_is_raw_json(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    return JS_NewBool(ctx, JS_GetClassID(argv[0]) == JS_CLASS_RAW_JSON);
}

/* ---------------------------------------------------------------------
 * Stringifier
 * ------------------------------------------------------------------- */
typedef struct JSONStringifier {
    JSContext *ctx;
    StringBuffer *b;
    JSValueConst replacer; /* the replacer function, or undefined */
    /* the replacer array's PropertyList (has_props), in order */
    bool has_props;
    JSAtom *props;
    uint32_t prop_count;
    uint32_t prop_size;
    uint16_t gap[10];
    int gap_len;
    int level; /* indentation depth */
    /* objects being serialized, for cycle detection */
    JSObject **stack;
    uint32_t stack_len;
    uint32_t stack_size;
} JSONStringifier;

/* Output. The common case, Latin-1 text fitting in the buffer, is
   written in place; anything else (growth, widening, a failed buffer)
   goes through the StringBuffer functions. */
static inline void json_put_str(StringBuffer *b, const char *str, uint32_t len)
{
    if (len == 0)
        return;
    if (js_likely(!b->is_wide_char && len <= b->size - b->len)) {
        memcpy(b->str->u.str8 + b->len, str, len);
        b->len += len;
    } else {
        string_buffer_write8(b, (const uint8_t *)str, len);
    }
}

static inline void json_putc(StringBuffer *b, int c)
{
    if (js_likely(!b->is_wide_char && b->len < b->size))
        b->str->u.str8[b->len++] = c;
    else
        string_buffer_putc8(b, c);
}

static void json_put_int(StringBuffer *b, int32_t v)
{
    char buf[12], *q = buf + sizeof(buf);
    uint32_t u = v < 0 ? -(uint32_t)v : (uint32_t)v;
    do {
        *--q = '0' + u % 10;
        u /= 10;
    } while (u);
    if (v < 0)
        *--q = '-';
    json_put_str(b, q, buf + sizeof(buf) - q);
}

static void json_put_number(StringBuffer *b, double d)
{
    char buf[JS_DTOA_BUF_SIZE];
    if (!isfinite(d)) {
        json_put_str(b, "null", 4);
        return;
    }
    json_put_str(b, buf, js_dtoa_shortest(buf, d));
}

static void json_put_escape(StringBuffer *b, int c)
{
    static const char hex[] = "0123456789abcdef";
    char buf[6] = {'\\', 'u', '0', '0', '0', '0'};
    switch (c) {
    case '\b':
        json_put_str(b, "\\b", 2);
        return;
    case '\t':
        json_put_str(b, "\\t", 2);
        return;
    case '\n':
        json_put_str(b, "\\n", 2);
        return;
    case '\f':
        json_put_str(b, "\\f", 2);
        return;
    case '\r':
        json_put_str(b, "\\r", 2);
        return;
    case '"':
        json_put_str(b, "\\\"", 2);
        return;
    case '\\':
        json_put_str(b, "\\\\", 2);
        return;
    default:
        buf[2] = hex[(c >> 12) & 15];
        buf[3] = hex[(c >> 8) & 15];
        buf[4] = hex[(c >> 4) & 15];
        buf[5] = hex[c & 15];
        json_put_str(b, buf, 6);
    }
}

static inline bool json_needs_escape(int c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* the characters QuoteJSONString escapes, for Latin-1 text */
static const uint8_t json_escape8[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

/* QuoteJSONString of 16-bit text: surrogate pairs pass, lone surrogates
   are escaped (well-formed JSON.stringify) */
static void json_quote16(StringBuffer *b, const uint16_t *s, uint32_t len)
{
    uint32_t start = 0, i = 0;
    while (i < len) {
        int c = s[i];
        if (c >= 0xd800 && c <= 0xdfff) {
            if (c <= 0xdbff && i + 1 < len && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff) {
                i += 2;
                continue;
            }
        } else if (!json_needs_escape(c)) {
            i++;
            continue;
        }
        string_buffer_write16(b, s + start, i - start);
        json_put_escape(b, c);
        start = ++i;
    }
    string_buffer_write16(b, s + start, i - start);
}

static void json_quote(StringBuffer *b, const JSString *p)
{
    json_putc(b, '"');
    if (p->is_wide_char) {
        json_quote16(b, p->u.str16, p->len);
    } else {
        const uint8_t *s = p->u.str8;
        uint32_t start = 0, i;
        for (i = 0; i < p->len; i++) {
            if (js_likely(!json_escape8[s[i]]))
                continue;
            json_put_str(b, (const char *)s + start, i - start);
            json_put_escape(b, s[i]);
            start = i + 1;
        }
        json_put_str(b, (const char *)s + start, i - start);
    }
    json_putc(b, '"');
}

static void json_quote_atom(JSONStringifier *st, JSAtom atom)
{
    if (js_atom_is_tagged_int(atom)) {
        json_putc(st->b, '"');
        json_put_int(st->b, (int32_t)js_atom_get_tagged_int(atom));
        json_putc(st->b, '"');
    } else {
        json_quote(st->b, js_atom_get_str(st->ctx->rt, atom));
    }
}

static void json_put_newline(JSONStringifier *st)
{
    json_putc(st->b, '\n');
    for (int i = 0; i < st->level; i++)
        string_buffer_write16(st->b, st->gap, st->gap_len);
}

/* calls f with this = this_obj and the key as a string first argument */
static JSValue json_call_with_key(JSContext *ctx, JSValueConst f, JSValueConst this_obj, JSAtom key,
                                  JSValueConst arg2, int argc)
{
    JSValue args[2], ret;
    args[0] = JS_AtomToString(ctx, key);
    if (JS_IsException(args[0]))
        return args[0];
    args[1] = arg2;
    ret = JS_Call(ctx, f, this_obj, argc, args);
    JS_FreeValue(ctx, args[0]);
    return ret;
}

/* true when no object on p's prototype chain can have a toJSON property:
   GetV(value, "toJSON") is then undefined and unobservable */
static bool json_has_no_tojson(JSObject *p)
{
    uint32_t idx;
    for (; p; p = p->shape->proto) {
        if (p->is_exotic && !p->fast_array)
            return false;
        if (js_shape_find(p->shape, JS_ATOM_toJSON, &idx))
            return false;
    }
    return true;
}

/* SerializeJSONProperty steps 2-4 on val = Get(holder, key): toJSON, the
   replacer function, unwrapping of primitive wrappers. Takes val. */
static JSValue json_prepare(JSONStringifier *st, JSValueConst holder, JSAtom key, JSValue val)
{
    JSContext *ctx = st->ctx;
    JSValue r;
    if ((JS_IsObject(val) && !json_has_no_tojson(js_obj(val))) || JS_IsBigInt(val)) {
        JSValue f = JS_GetProperty(ctx, val, JS_ATOM_toJSON);
        if (JS_IsException(f)) {
            JS_FreeValue(ctx, val);
            return f;
        }
        if (JS_IsCallable(ctx, f)) {
            r = json_call_with_key(ctx, f, val, key, JS_UNDEFINED, 1);
            JS_FreeValue(ctx, val);
            val = r;
        }
        JS_FreeValue(ctx, f);
        if (JS_IsException(val))
            return val;
    }
    if (!JS_IsUndefined(st->replacer)) {
        r = json_call_with_key(ctx, st->replacer, holder, key, val, 2);
        JS_FreeValue(ctx, val);
        val = r;
        if (JS_IsException(val))
            return val;
    }
    if (JS_IsObject(val)) {
        switch (js_obj(val)->class_id) {
        case JS_CLASS_NUMBER:
            return JS_ToNumberFree(ctx, val);
        case JS_CLASS_STRING:
            return JS_ToStringFree(ctx, val);
        case JS_CLASS_BOOLEAN:
        case JS_CLASS_BIG_INT:
            r = JS_DupValue(ctx, js_obj(val)->u.object_data);
            JS_FreeValue(ctx, val);
            return r;
        default:
            break;
        }
    }
    return val;
}

/* false for what SerializeJSONProperty turns into undefined */
static inline bool json_is_serializable(JSContext *ctx, JSValueConst v)
{
    if (JS_IsUndefined(v) || JS_IsSymbol(v))
        return false;
    return !JS_IsObject(v) || !js_is_callable_obj(ctx, js_obj(v));
}

static int json_write_value(JSONStringifier *st, JSValueConst v);

/* enters an object or array: cycle and depth checks */
static int json_enter(JSONStringifier *st, JSValueConst obj)
{
    JSObject *p = js_obj(obj);
    for (uint32_t i = 0; i < st->stack_len; i++) {
        if (st->stack[i] == p) {
            JS_ThrowTypeError(st->ctx, "Converting circular structure to JSON");
            return -1;
        }
    }
    if (js_check_stack_overflow(st->ctx->rt, 0)) {
        js_throw_stack_overflow(st->ctx);
        return -1;
    }
    if (st->stack_len >= st->stack_size) {
        uint32_t new_size = st->stack_size ? st->stack_size * 2 : 16;
        JSObject **tab = js_realloc(st->ctx, st->stack, sizeof(*tab) * new_size);
        if (!tab)
            return -1;
        st->stack = tab;
        st->stack_size = new_size;
    }
    st->stack[st->stack_len++] = p;
    st->level++;
    return 0;
}

static void json_leave(JSONStringifier *st)
{
    st->stack_len--;
    st->level--;
}

/* one member of an object: written unless its value serializes to
   undefined. Takes val. */
static int json_write_member(JSONStringifier *st, JSValueConst holder, JSAtom key, JSValue val,
                             bool *first)
{
    int ret;
    val = json_prepare(st, holder, key, val);
    if (JS_IsException(val))
        return -1;
    if (!json_is_serializable(st->ctx, val)) {
        JS_FreeValue(st->ctx, val);
        return 0;
    }
    if (!*first)
        json_putc(st->b, ',');
    *first = false;
    if (st->gap_len)
        json_put_newline(st);
    json_quote_atom(st, key);
    json_putc(st->b, ':');
    if (st->gap_len)
        json_putc(st->b, ' ');
    ret = json_write_value(st, val);
    JS_FreeValue(st->ctx, val);
    return ret < 0 || st->b->error_status ? -1 : 0;
}

/* Get(obj, atom), reading an own data property of an ordinary object
   directly. idx is where the property was when the keys were collected:
   the object may have changed since, so it is checked again. */
static inline JSValue json_get_member(JSContext *ctx, JSObject *p, JSAtom atom, uint32_t idx)
{
    JSShape *sh = p->shape;
    if (!p->is_exotic && idx < (uint32_t)sh->prop_count && sh->prop[idx].atom == atom &&
        (sh->prop[idx].flags & JS_PROP_TMASK) == JS_PROP_NORMAL)
        return JS_DupValue(ctx, p->prop[idx].value);
    return JS_GetProperty(ctx, js_obj_value(p), atom);
}

typedef struct JSONKey {
    JSAtom atom;
    uint32_t idx; /* slot in the shape when collected, or UINT32_MAX */
} JSONKey;

/* the enumerable own string keys of an ordinary object whose shape is in
   key order (json_shape_in_key_order) */
static JSONKey *json_shape_keys(JSONStringifier *st, JSObject *p, JSONKey *buf, uint32_t buf_len,
                                uint32_t *pcount)
{
    JSRuntime *rt = st->ctx->rt;
    JSShape *sh = p->shape;
    JSONKey *keys = buf;
    uint32_t n = 0;
    if ((uint32_t)sh->prop_count > buf_len) {
        keys = js_malloc(st->ctx, sizeof(JSONKey) * sh->prop_count);
        if (!keys)
            return NULL;
    }
    for (int i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *prs = &sh->prop[i];
        if (prs->atom == JS_ATOM_NULL || !(prs->flags & JS_PROP_ENUMERABLE) ||
            js_atom_is_symbol(rt, prs->atom))
            continue;
        keys[n].atom = js_dup_atom_rt(rt, prs->atom);
        keys[n].idx = i;
        n++;
    }
    *pcount = n;
    return keys;
}

/* the keys of any object through [[OwnPropertyKeys]] */
static JSONKey *json_generic_keys(JSONStringifier *st, JSValueConst obj, uint32_t *pcount)
{
    JSPropertyEnum *tab;
    JSONKey *keys;
    uint32_t len, n = 0;
    if (json_enumerable_keys(st->ctx, obj, &tab, &len))
        return NULL;
    keys = js_malloc(st->ctx, sizeof(JSONKey) * (len ? len : 1));
    if (keys) {
        for (uint32_t i = 0; i < len; i++) {
            if (tab[i].atom == JS_ATOM_NULL)
                continue;
            keys[n].atom = tab[i].atom;
            keys[n].idx = UINT32_MAX;
            tab[i].atom = JS_ATOM_NULL;
            n++;
        }
    }
    js_free_property_enum(st->ctx, tab, len);
    *pcount = n;
    return keys;
}

/* the members of an ordinary object with a hashed shape in key order
   (json_shape_in_key_order): the shape, immutable while we hold it, is the
   snapshot of the keys */
static int json_write_shape_members(JSONStringifier *st, JSValueConst obj, bool *first)
{
    JSContext *ctx = st->ctx;
    JSObject *p = js_obj(obj);
    JSShape *sh = js_dup_shape(p->shape);
    int ret = 0;
    for (int i = 0; i < sh->prop_count && ret == 0; i++) {
        JSShapeProperty *prs = &sh->prop[i];
        JSValue v;
        if (!(prs->flags & JS_PROP_ENUMERABLE) || js_atom_is_symbol(ctx->rt, prs->atom))
            continue;
        v = json_get_member(ctx, p, prs->atom, i);
        ret = JS_IsException(v) ? -1 : json_write_member(st, obj, prs->atom, v, first);
    }
    js_free_shape(ctx->rt, sh);
    return ret;
}

/* whether the own keys of an ordinary object are in spec order in its
   shape: no array index keys, which come first in ascending order (the
   indices 2^31 .. 2^32-2 are string atoms of ten digits) */
static bool json_shape_in_key_order(JSRuntime *rt, JSShape *sh)
{
    if (sh->has_small_array_index)
        return false;
    for (int i = 0; i < sh->prop_count; i++) {
        JSAtom atom = sh->prop[i].atom;
        uint32_t idx;
        if (atom != JS_ATOM_NULL && js_atom_get_str(rt, atom)->len == 10 &&
            js_atom_is_array_index(rt, &idx, atom))
            return false;
    }
    return true;
}

static int json_write_object_members(JSONStringifier *st, JSValueConst obj, bool *first)
{
    JSContext *ctx = st->ctx;
    JSObject *p = js_obj(obj);
    JSONKey buf[16], *keys;
    uint32_t count = 0, i;
    bool in_order;
    int ret = 0;
    if (st->has_props) {
        for (i = 0; i < st->prop_count && ret == 0; i++) {
            JSValue v = json_get_member(ctx, p, st->props[i], UINT32_MAX);
            ret = JS_IsException(v) ? -1 : json_write_member(st, obj, st->props[i], v, first);
        }
        return ret;
    }
    in_order = !p->is_exotic && json_shape_in_key_order(ctx->rt, p->shape);
    if (in_order && p->shape->is_hashed)
        return json_write_shape_members(st, obj, first);
    if (in_order)
        keys = json_shape_keys(st, p, buf, countof(buf), &count);
    else
        keys = json_generic_keys(st, obj, &count);
    if (!keys)
        return -1;
    for (i = 0; i < count && ret == 0; i++) {
        JSValue v = json_get_member(ctx, p, keys[i].atom, keys[i].idx);
        ret = JS_IsException(v) ? -1 : json_write_member(st, obj, keys[i].atom, v, first);
    }
    for (i = 0; i < count; i++)
        JS_FreeAtom(ctx, keys[i].atom);
    if (keys != buf)
        js_free(ctx, keys);
    return ret;
}

/* SerializeJSONObject */
static int json_write_object(JSONStringifier *st, JSValueConst obj)
{
    bool first = true;
    if (json_enter(st, obj))
        return -1;
    json_putc(st->b, '{');
    if (json_write_object_members(st, obj, &first)) {
        json_leave(st);
        return -1;
    }
    json_leave(st);
    if (!first && st->gap_len)
        json_put_newline(st);
    json_putc(st->b, '}');
    return 0;
}

/* element i of an array: fast arrays are read directly */
static JSValue json_get_element(JSContext *ctx, JSValueConst arr, int64_t i)
{
    if (js_is_fast_array(arr) && i < js_obj(arr)->u.array.count)
        return JS_DupValue(ctx, js_obj(arr)->u.array.values[i]);
    return JS_GetPropertyInt64(ctx, arr, i);
}

static int json_write_element(JSONStringifier *st, JSValueConst arr, int64_t i)
{
    JSContext *ctx = st->ctx;
    JSValue v = json_get_element(ctx, arr, i);
    int ret = 0;
    if (JS_IsException(v))
        return -1;
    if (JS_IsObject(v) || JS_IsBigInt(v) || !JS_IsUndefined(st->replacer)) {
        JSAtom key = js_json_index_atom(ctx, i);
        if (key == JS_ATOM_NULL) {
            JS_FreeValue(ctx, v);
            return -1;
        }
        v = json_prepare(st, arr, key, v);
        JS_FreeAtom(ctx, key);
        if (JS_IsException(v))
            return -1;
    }
    if (json_is_serializable(ctx, v))
        ret = json_write_value(st, v);
    else
        json_put_str(st->b, "null", 4);
    JS_FreeValue(ctx, v);
    return ret < 0 || st->b->error_status ? -1 : 0;
}

/* SerializeJSONArray */
static int json_write_array(JSONStringifier *st, JSValueConst arr)
{
    int64_t len;
    if (json_enter(st, arr))
        return -1;
    if (js_get_length64(st->ctx, &len, arr))
        goto fail;
    json_putc(st->b, '[');
    for (int64_t i = 0; i < len; i++) {
        if (i > 0)
            json_putc(st->b, ',');
        if (st->gap_len)
            json_put_newline(st);
        if (json_write_element(st, arr, i) || js_poll_interrupts(st->ctx))
            goto fail;
    }
    json_leave(st);
    if (len > 0 && st->gap_len)
        json_put_newline(st);
    json_putc(st->b, ']');
    return 0;
fail:
    json_leave(st);
    return -1;
}

/* a JSON.rawJSON object stands for its text, written as it is: the object
   is frozen with a null prototype, so reading "rawJSON" runs no code */
static int json_write_raw(JSONStringifier *st, JSValueConst v)
{
    JSValue text = JS_GetProperty(st->ctx, v, JS_ATOM_rawJSON);
    if (JS_IsException(text))
        return -1;
    string_buffer_concat_value(st->b, text);
    JS_FreeValue(st->ctx, text);
    return 0;
}

/* SerializeJSONProperty steps 5-11 for a prepared, serializable value */
static int json_write_value(JSONStringifier *st, JSValueConst v)
{
    JSString *p;
    int ret;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_NULL:
        json_put_str(st->b, "null", 4);
        return 0;
    case JS_TAG_BOOL:
        if (JS_VALUE_GET_BOOL(v))
            json_put_str(st->b, "true", 4);
        else
            json_put_str(st->b, "false", 5);
        return 0;
    case JS_TAG_INT:
        json_put_int(st->b, JS_VALUE_GET_INT(v));
        return 0;
    case JS_TAG_FLOAT64:
        json_put_number(st->b, JS_VALUE_GET_FLOAT64(v));
        return 0;
    case JS_TAG_STRING:
        p = js_get_flat_string(st->ctx, v);
        if (!p)
            return -1;
        json_quote(st->b, p);
        return 0;
    case JS_TAG_BIG_INT:
        JS_ThrowTypeError(st->ctx, "BigInt value can't be serialized in JSON");
        return -1;
    case JS_TAG_OBJECT:
        if (js_obj(v)->class_id == JS_CLASS_RAW_JSON)
            return json_write_raw(st, v);
        ret = js_json_is_array(st->ctx, v);
        if (ret < 0)
            return -1;
        return ret ? json_write_array(st, v) : json_write_object(st, v);
    default:
        json_put_str(st->b, "null", 4);
        return 0;
    }
}

/* the replacer array's PropertyList: strings, numbers and String/Number
   objects, without duplicates */
static int json_add_property(JSONStringifier *st, JSValue item)
{
    JSContext *ctx = st->ctx;
    JSAtom atom = JS_ValueToAtom(ctx, item);
    JS_FreeValue(ctx, item);
    if (atom == JS_ATOM_NULL)
        return -1;
    for (uint32_t i = 0; i < st->prop_count; i++) {
        if (st->props[i] == atom) {
            JS_FreeAtom(ctx, atom);
            return 0;
        }
    }
    if (st->prop_count >= st->prop_size) {
        uint32_t new_size = st->prop_size ? st->prop_size * 2 : 8;
        JSAtom *tab = js_realloc(ctx, st->props, sizeof(JSAtom) * new_size);
        if (!tab) {
            JS_FreeAtom(ctx, atom);
            return -1;
        }
        st->props = tab;
        st->prop_size = new_size;
    }
    st->props[st->prop_count++] = atom;
    return 0;
}

static int json_build_property_list(JSONStringifier *st, JSValueConst replacer)
{
    JSContext *ctx = st->ctx;
    int64_t len;
    if (js_get_length64(ctx, &len, replacer))
        return -1;
    st->has_props = true;
    for (int64_t k = 0; k < len; k++) {
        JSValue v = JS_GetPropertyInt64(ctx, replacer, k);
        if (JS_IsException(v))
            return -1;
        if (JS_IsObject(v) &&
            (js_obj(v)->class_id == JS_CLASS_STRING || js_obj(v)->class_id == JS_CLASS_NUMBER)) {
            v = JS_ToStringFree(ctx, v);
            if (JS_IsException(v))
                return -1;
        } else if (!JS_IsString(v) && !JS_IsNumber(v)) {
            JS_FreeValue(ctx, v);
            continue;
        }
        /* numbers become their ToString through the atom */
        if (json_add_property(st, v) || js_poll_interrupts(ctx))
            return -1;
    }
    return 0;
}

/* the gap from the space argument: up to 10 spaces or code units */
static int json_init_gap(JSONStringifier *st, JSValueConst space)
{
    JSContext *ctx = st->ctx;
    JSValue sp = JS_DupValue(ctx, space);
    if (JS_IsObject(sp)) {
        if (js_obj(sp)->class_id == JS_CLASS_NUMBER)
            sp = JS_ToNumberFree(ctx, sp);
        else if (js_obj(sp)->class_id == JS_CLASS_STRING)
            sp = JS_ToStringFree(ctx, sp);
        if (JS_IsException(sp))
            return -1;
    }
    st->gap_len = 0;
    if (JS_IsNumber(sp)) {
        double d = js_value_to_double(sp);
        int n = d >= 10 ? 10 : d >= 1 ? (int)d : 0;
        for (int i = 0; i < n; i++)
            st->gap[i] = ' ';
        st->gap_len = n;
    } else if (JS_IsString(sp)) {
        JSString *p = js_get_flat_string(ctx, sp);
        if (!p) {
            JS_FreeValue(ctx, sp);
            return -1;
        }
        st->gap_len = p->len < 10 ? p->len : 10;
        for (int i = 0; i < st->gap_len; i++)
            st->gap[i] = string_get(p, i);
    }
    JS_FreeValue(ctx, sp);
    return 0;
}

static void json_stringifier_free(JSONStringifier *st)
{
    for (uint32_t i = 0; i < st->prop_count; i++)
        JS_FreeAtom(st->ctx, st->props[i]);
    js_free(st->ctx, st->props);
    js_free(st->ctx, st->stack);
}

/* steps 4-8 of JSON.stringify: the replacer and the gap */
static int json_stringifier_init(JSONStringifier *st, JSContext *ctx, JSValueConst replacer,
                                 JSValueConst space)
{
    memset(st, 0, sizeof(*st));
    st->ctx = ctx;
    st->replacer = JS_UNDEFINED;
    if (JS_IsObject(replacer)) {
        if (JS_IsCallable(ctx, replacer)) {
            st->replacer = replacer;
        } else {
            int is_array = js_json_is_array(ctx, replacer);
            if (is_array < 0 || (is_array && json_build_property_list(st, replacer)))
                return -1;
        }
    }
    return json_init_gap(st, space);
}

/* SerializeJSONProperty(state, "", wrapper) into st->b: 1 when written,
   0 when the result is undefined, -1 */
static int json_write_root(JSONStringifier *st, JSValueConst value)
{
    JSContext *ctx = st->ctx;
    JSValue wrapper = JS_UNDEFINED, v;
    int ret = 0;
    /* the wrapper is only observable as the replacer's first holder */
    if (!JS_IsUndefined(st->replacer)) {
        wrapper = JS_NewObject(ctx);
        if (JS_IsException(wrapper))
            return -1;
        if (JS_DefinePropertyValue(ctx, wrapper, JS_ATOM_empty_string, JS_DupValue(ctx, value),
                                   JS_PROP_C_W_E) < 0) {
            JS_FreeValue(ctx, wrapper);
            return -1;
        }
    }
    v = json_prepare(st, wrapper, JS_ATOM_empty_string, JS_DupValue(ctx, value));
    if (JS_IsException(v)) {
        ret = -1;
    } else if (json_is_serializable(ctx, v)) {
        ret = json_write_value(st, v) < 0 ? -1 : 1;
    }
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, wrapper);
    return ret;
}

JSValue JS_JSONStringify(JSContext *ctx, JSValueConst obj, JSValueConst replacer,
                         JSValueConst space)
{
    JSONStringifier st;
    StringBuffer b;
    JSValue res = JS_EXCEPTION;
    int ret;
    if (json_stringifier_init(&st, ctx, replacer, space) < 0)
        goto done;
    if (string_buffer_init(ctx, &b, 64))
        goto done;
    st.b = &b;
    ret = json_write_root(&st, obj);
    if (ret > 0) {
        res = string_buffer_end(&b);
    } else {
        string_buffer_free(&b);
        if (ret == 0)
            res = JS_UNDEFINED;
    }
done:
    json_stringifier_free(&st);
    return res;
}

static JSValue js_json_stringify(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    return JS_JSONStringify(ctx, argv[0], argv[1], argv[2]);
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_json_funcs[] = {
    JS_CFUNC_DEF("parse", 2, js_json_parse),
    JS_CFUNC_DEF("stringify", 3, js_json_stringify),
    JS_CFUNC_DEF("rawJSON", 1, js_json_raw_json),
    JS_CFUNC_DEF("isRawJSON", 1, js_json_is_raw_json),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "JSON", JS_PROP_CONFIGURABLE),
};

int js_init_json(JSContext *ctx)
{
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, obj, js_json_funcs, countof(js_json_funcs)) < 0) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    return JS_DefinePropertyValue(ctx, ctx->global_obj, JS_ATOM_JSON, obj,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0
               ? -1
               : 0;
}
