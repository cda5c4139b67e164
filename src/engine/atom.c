/*
 * atom.c — the per-runtime atom table: interned strings and symbols used as
 * property keys.
 *
 * Array indices up to 2^31-1 are encoded in the atom itself
 * (JS_ATOM_TAG_INT) and never touch the table. Interned strings live in a
 * chained hash table (rt->atom_hash, chains linked through
 * JSString.hash_next by atom index). Symbols have table entries but are not
 * hashed. Free table slots form a list threaded through the array with the
 * low pointer bit set.
 */
#include <stdio.h>

#include "atom.h"
#include "error.h"
#include "runtime.h"
#include "str.h"

#define ATOM_FREE_TAG 1

static const char js_atom_init_text[] =
#define DEF(name, str) str "\0"
#include "atoms.def"
#undef DEF
    ;

static bool atom_is_free(const JSString *p) { return ((uintptr_t)p & ATOM_FREE_TAG) != 0; }

static int js_resize_atom_hash(JSRuntime *rt, uint32_t new_hash_size)
{
    uint32_t *new_hash = js_mallocz_rt(rt, sizeof(uint32_t) * new_hash_size);
    if (!new_hash)
        return -1;
    for (uint32_t i = 0; i < rt->atom_hash_size; i++) {
        uint32_t h = rt->atom_hash[i];
        while (h != 0) {
            JSString *p = rt->atom_array[h];
            uint32_t next = p->hash_next;
            uint32_t h1 = p->hash & (new_hash_size - 1);
            p->hash_next = new_hash[h1];
            new_hash[h1] = h;
            h = next;
        }
    }
    js_free_rt(rt, rt->atom_hash);
    rt->atom_hash = new_hash;
    rt->atom_hash_size = new_hash_size;
    rt->atom_count_resize = new_hash_size * 2;
    return 0;
}

/* stores p (ownership transferred) in a free slot; returns its atom */
static JSAtom js_atom_insert(JSRuntime *rt, JSString *p)
{
    uint32_t i;
    if (rt->atom_free_index == 0) {
        uint32_t new_size = rt->atom_size ? rt->atom_size * 3 / 2 : 512;
        JSString **new_array;
        if (new_size > JS_ATOM_MAX_INT)
            return JS_ATOM_NULL;
        new_array = js_realloc_rt(rt, rt->atom_array, sizeof(*new_array) * new_size);
        if (!new_array)
            return JS_ATOM_NULL;
        /* chain the new slots into the free list (slot 0 stays reserved) */
        for (i = new_size; i-- > (rt->atom_size ? rt->atom_size : 1);) {
            new_array[i] = (JSString *)(((uintptr_t)rt->atom_free_index << 1) | ATOM_FREE_TAG);
            rt->atom_free_index = i;
        }
        if (rt->atom_size == 0)
            new_array[0] = NULL;
        rt->atom_array = new_array;
        rt->atom_size = new_size;
    }
    i = rt->atom_free_index;
    rt->atom_free_index = (uintptr_t)rt->atom_array[i] >> 1;
    rt->atom_array[i] = p;
    rt->atom_count++;
    return i;
}

static void js_atom_hash_link(JSRuntime *rt, JSAtom a, JSString *p)
{
    uint32_t h1 = p->hash & (rt->atom_hash_size - 1);
    p->hash_next = rt->atom_hash[h1];
    rt->atom_hash[h1] = a;
}

static JSAtom js_atom_lookup(JSRuntime *rt, const JSString *str, uint32_t h)
{
    uint32_t i = rt->atom_hash[h & (rt->atom_hash_size - 1)];
    while (i != 0) {
        JSString *p = rt->atom_array[i];
        if (p->hash == h && p->atom_type == JS_ATOM_TYPE_STRING && js_string_eq(p, str))
            return i;
        i = p->hash_next;
    }
    return JS_ATOM_NULL;
}

/* a canonical array index string below 2^31, as an integer atom */
static bool js_string_get_small_index(const JSString *p, uint32_t *pidx)
{
    uint64_t n = 0;
    uint32_t i;
    if (p->len == 0 || p->len > 10)
        return false;
    if (string_get(p, 0) == '0')
        return p->len == 1 ? (*pidx = 0, true) : false;
    for (i = 0; i < p->len; i++) {
        int c = string_get(p, i);
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    if (n > JS_ATOM_MAX_INT)
        return false;
    *pidx = (uint32_t)n;
    return true;
}

JSAtom js_find_atom(JSRuntime *rt, const JSString *p)
{
    uint32_t idx;
    if (js_string_get_small_index(p, &idx))
        return js_atom_from_uint32(idx);
    return js_atom_lookup(rt, p, js_string_hash(p));
}

/* interns a flat string (ownership transferred); JS_ATOM_NULL when out of
   memory, without throwing */
static JSAtom js_new_atom_str_rt(JSRuntime *rt, JSString *p)
{
    uint32_t idx, h;
    JSAtom a;
    if (p->atom_type == JS_ATOM_TYPE_STRING) {
        /* already interned: the reference becomes the atom's */
        return js_find_atom(rt, p);
    }
    if (js_string_get_small_index(p, &idx)) {
        js_free_string(rt, p);
        return js_atom_from_uint32(idx);
    }
    h = js_string_hash(p);
    a = js_atom_lookup(rt, p, h);
    if (a != JS_ATOM_NULL) {
        js_free_string(rt, p);
        return js_dup_atom_rt(rt, a);
    }
    /* the string is interned in place: other holders keep seeing a plain
       string value, and whoever drops the last reference unlinks the atom */
    if (rt->atom_count >= rt->atom_count_resize &&
        js_resize_atom_hash(rt, rt->atom_hash_size * 2) < 0)
        goto fail;
    p->hash = h;
    p->atom_type = JS_ATOM_TYPE_STRING;
    a = js_atom_insert(rt, p);
    if (a == JS_ATOM_NULL) {
        p->atom_type = 0;
        goto fail;
    }
    js_atom_hash_link(rt, a, p);
    return a;
fail:
    js_free_string(rt, p);
    return JS_ATOM_NULL;
}

JSAtom js_new_atom_rt(JSRuntime *rt, const char *str, size_t len)
{
    JSString *p = js_alloc_string_rt(rt, len, 0);
    if (!p)
        return JS_ATOM_NULL;
    memcpy(p->u.str8, str, len);
    p->u.str8[len] = '\0';
    return js_new_atom_str_rt(rt, p);
}

JSAtom js_new_atom_str(JSContext *ctx, JSString *p)
{
    JSRuntime *rt = ctx->rt;
    JSAtom a;
    if (p->is_rope) {
        JSString *flat = js_get_flat_string(ctx, js_string_value(p));
        if (!flat) {
            js_free_string(rt, p);
            return JS_ATOM_NULL;
        }
        js_dup_string(flat);
        js_free_string(rt, p);
        p = flat;
    }
    a = js_new_atom_str_rt(rt, p);
    if (a == JS_ATOM_NULL)
        JS_ThrowOutOfMemory(ctx);
    return a;
}

JSAtom js_new_atom_len(JSContext *ctx, const char *str, size_t len)
{
    JSValue v = js_new_string8_len(ctx, str, len);
    if (JS_IsException(v))
        return JS_ATOM_NULL;
    return js_new_atom_str(ctx, JS_VALUE_GET_STRING(v));
}

JSAtom js_new_symbol_atom(JSContext *ctx, JSString *descr, int atom_type)
{
    JSRuntime *rt = ctx->rt;
    JSString *p;
    JSAtom a;
    if (descr) {
        JSString *flat = js_get_flat_string(ctx, js_string_value(descr));
        if (!flat) {
            js_free_string(rt, descr);
            return JS_ATOM_NULL;
        }
        p = js_alloc_string(ctx, flat->len, flat->is_wide_char);
        if (p)
            memcpy(p->u.str8, flat->u.str8,
                   (flat->len << flat->is_wide_char) + 1 - flat->is_wide_char);
        js_free_string(rt, descr);
    } else {
        p = js_alloc_string(ctx, 0, 0);
        if (p)
            p->u.str8[0] = 0;
    }
    if (!p)
        return JS_ATOM_NULL;
    p->atom_type = atom_type;
    p->hash = descr ? 0 : 1;
    a = js_atom_insert(rt, p);
    if (a == JS_ATOM_NULL) {
        js_free_rt(rt, p);
        JS_ThrowOutOfMemory(ctx);
        return JS_ATOM_NULL;
    }
    p->hash_next = a; /* symbols are not hashed: hash_next is their index */
    return a;
}

JSAtom js_find_global_symbol(JSRuntime *rt, const JSString *key)
{
    /* registered symbols are not hashed (their hash field holds symbol
       flags); the registry is small and Symbol.for is rarely hot, so a scan
       of the table is enough */
    for (uint32_t i = JS_ATOM_END; i < rt->atom_size; i++) {
        JSString *p = rt->atom_array[i];
        if (!atom_is_free(p) && p->atom_type == JS_ATOM_TYPE_GLOBAL_SYMBOL && js_string_eq(p, key))
            return i;
    }
    return JS_ATOM_NULL;
}

void js_free_atom_struct(JSRuntime *rt, JSString *p)
{
    /* string atoms are found (and unlinked) through their hash chain;
       symbols are not hashed and keep their own index in hash_next */
    uint32_t a;
    if (p->atom_type == JS_ATOM_TYPE_STRING) {
        uint32_t h1 = p->hash & (rt->atom_hash_size - 1);
        uint32_t *link = &rt->atom_hash[h1];
        a = *link;
        while (rt->atom_array[a] != p) {
            link = &rt->atom_array[a]->hash_next;
            a = *link;
        }
        *link = p->hash_next;
    } else {
        a = p->hash_next;
    }
    rt->atom_array[a] = (JSString *)(((uintptr_t)rt->atom_free_index << 1) | ATOM_FREE_TAG);
    rt->atom_free_index = a;
    rt->atom_count--;
    js_free_rt(rt, p);
}

int js_init_atoms(JSRuntime *rt)
{
    const char *s = js_atom_init_text;
    rt->atom_hash_size = 0;
    if (js_resize_atom_hash(rt, 512) < 0)
        return -1;
    for (int i = 1; i < JS_ATOM_END; i++) {
        size_t len = strlen(s);
        JSString *p = js_alloc_string_rt(rt, len, 0);
        JSAtom a;
        if (!p)
            return -1;
        memcpy(p->u.str8, s, len + 1);
        if (i >= JS_ATOM_Symbol_first) {
            p->atom_type = JS_ATOM_TYPE_SYMBOL;
            a = js_atom_insert(rt, p);
            p->hash_next = a;
        } else {
            p->atom_type = JS_ATOM_TYPE_STRING;
            p->hash = js_string_hash(p);
            a = js_atom_insert(rt, p);
            if (a != JS_ATOM_NULL)
                js_atom_hash_link(rt, a, p);
        }
        if (a != (JSAtom)i)
            return -1;
        s += len + 1;
    }
    return 0;
}

void js_free_atoms(JSRuntime *rt)
{
    for (uint32_t i = 0; i < rt->atom_size; i++) {
        JSString *p = rt->atom_array[i];
        if (p && !atom_is_free(p))
            js_free_rt(rt, p);
    }
    js_free_rt(rt, rt->atom_array);
    js_free_rt(rt, rt->atom_hash);
    rt->atom_array = NULL;
    rt->atom_hash = NULL;
}

/* ---------------------------------------------------------------------
 * Public API and helpers
 * ------------------------------------------------------------------- */
JSAtom JS_NewAtomLen(JSContext *ctx, const char *str, size_t len)
{
    JSValue v = js_new_string_utf8(ctx, str, len);
    if (JS_IsException(v))
        return JS_ATOM_NULL;
    return js_new_atom_str(ctx, JS_VALUE_GET_STRING(v));
}

JSAtom JS_NewAtom(JSContext *ctx, const char *str) { return JS_NewAtomLen(ctx, str, strlen(str)); }

JSAtom JS_NewAtomUInt32(JSContext *ctx, uint32_t n)
{
    char buf[16];
    if (n <= JS_ATOM_MAX_INT)
        return js_atom_from_uint32(n);
    snprintf(buf, sizeof(buf), "%u", n);
    return js_new_atom_len(ctx, buf, strlen(buf));
}

JSAtom JS_DupAtom(JSContext *ctx, JSAtom v) { return js_dup_atom_rt(ctx->rt, v); }

void JS_FreeAtomRT(JSRuntime *rt, JSAtom v)
{
    if (!js_atom_is_const(v))
        js_free_string(rt, rt->atom_array[v]);
}

void JS_FreeAtom(JSContext *ctx, JSAtom v) { JS_FreeAtomRT(ctx->rt, v); }

bool js_atom_is_array_index(JSRuntime *rt, uint32_t *pidx, JSAtom atom)
{
    JSString *p;
    uint64_t n = 0;
    if (js_atom_is_tagged_int(atom)) {
        *pidx = js_atom_get_tagged_int(atom);
        return true;
    }
    p = rt->atom_array[atom];
    /* integer atoms cover every canonical index below 2^31; only the
       ten-digit indices 2^31 .. 2^32-2 are string atoms */
    if (p->atom_type != JS_ATOM_TYPE_STRING || p->len != 10)
        return false;
    for (uint32_t i = 0; i < 10; i++) {
        int c = string_get(p, i);
        if (c < '0' || c > '9' || (i == 0 && c == '0'))
            return false;
        n = n * 10 + (c - '0');
    }
    if (n > 0xfffffffe)
        return false;
    *pidx = (uint32_t)n;
    return true;
}

JSValue js_atom_to_symbol(JSContext *ctx, JSAtom atom)
{
    JSString *p = ctx->rt->atom_array[atom];
    p->header.ref_count++;
    return JS_MKPTR(JS_TAG_SYMBOL, p);
}

JSAtom js_symbol_to_atom(JSContext *ctx, JSValueConst sym)
{
    JSString *p = JS_VALUE_GET_PTR(sym);
    JSAtom a = p->hash_next;
    return js_dup_atom_rt(ctx->rt, a);
}

JSValue js_atom_to_string_value(JSContext *ctx, JSAtom atom)
{
    char buf[16];
    if (js_atom_is_tagged_int(atom)) {
        snprintf(buf, sizeof(buf), "%u", js_atom_get_tagged_int(atom));
        return js_new_string8(ctx, buf);
    }
    return js_dup_string(ctx->rt->atom_array[atom]);
}

JSValue JS_AtomToString(JSContext *ctx, JSAtom atom)
{
    return js_atom_to_string_value(ctx, atom);
}

JSValue JS_AtomToValue(JSContext *ctx, JSAtom atom)
{
    if (!js_atom_is_tagged_int(atom) && js_atom_is_symbol(ctx->rt, atom))
        return js_atom_to_symbol(ctx, atom);
    return js_atom_to_string_value(ctx, atom);
}

const char *js_atom_get_cstr(JSRuntime *rt, char *buf, int buf_size, JSAtom atom)
{
    JSString *p;
    int pos = 0;
    bool sym;
    if (atom == JS_ATOM_NULL) {
        snprintf(buf, buf_size, "<null>");
        return buf;
    }
    if (js_atom_is_tagged_int(atom)) {
        snprintf(buf, buf_size, "%u", js_atom_get_tagged_int(atom));
        return buf;
    }
    p = rt->atom_array[atom];
    sym = p->atom_type != JS_ATOM_TYPE_STRING;
    if (sym && pos < buf_size - 1)
        buf[pos++] = '[';
    for (uint32_t i = 0; i < p->len; i++) {
        uint8_t tmp[4];
        int n = js_utf8_encode(tmp, string_get(p, i));
        if (pos + n >= buf_size - 2)
            break;
        memcpy(buf + pos, tmp, n);
        pos += n;
    }
    if (sym)
        buf[pos++] = ']';
    buf[pos] = '\0';
    return buf;
}

const char *JS_AtomToCString(JSContext *ctx, JSAtom atom)
{
    JSValue str = JS_AtomToString(ctx, atom);
    const char *res;
    if (JS_IsException(str))
        return NULL;
    res = JS_ToCString(ctx, str);
    JS_FreeValue(ctx, str);
    return res;
}

JSValue js_get_function_name(JSContext *ctx, JSAtom name, JSAtom prefix)
{
    JSValue str;
    if (name != JS_ATOM_NULL && !js_atom_is_tagged_int(name) && js_atom_is_symbol(ctx->rt, name)) {
        JSString *p = ctx->rt->atom_array[name];
        if (p->hash == 1) { /* undefined description */
            str = JS_AtomToString(ctx, JS_ATOM_empty_string);
        } else {
            str = js_new_string8(ctx, "[");
            str = JS_ConcatStrings(ctx, str, js_dup_string(p));
            if (!JS_IsException(str))
                str = js_concat_cstring(ctx, str, "]");
        }
    } else if (name == JS_ATOM_NULL) {
        str = JS_AtomToString(ctx, JS_ATOM_empty_string);
    } else {
        str = js_atom_to_string_value(ctx, name);
    }
    if (prefix != JS_ATOM_NULL && !JS_IsException(str))
        str = JS_ConcatStrings(ctx, JS_AtomToString(ctx, prefix), str);
    return str;
}
