/*
 * atom.h — per-runtime interned property keys.
 *
 * An atom is a uint32: integer atoms (JS_ATOM_TAG_INT set) are array indices
 * 0..2^31-1 and need no table entry; other atoms index rt->atom_array,
 * whose entries are JSStrings (interned strings and symbols). Predefined
 * atoms (below JS_ATOM_END) are permanent; the others are reference
 * counted through their JSString.
 */
#ifndef WEFT_ATOM_H
#define WEFT_ATOM_H

#include "internal.h"

static inline bool js_atom_is_const(JSAtom a)
{
    return (a & JS_ATOM_TAG_INT) || a < JS_ATOM_END;
}
static inline bool js_atom_is_tagged_int(JSAtom a) { return (a & JS_ATOM_TAG_INT) != 0; }
static inline uint32_t js_atom_get_tagged_int(JSAtom a) { return a & ~JS_ATOM_TAG_INT; }
static inline JSAtom js_atom_from_uint32(uint32_t n) { return n | JS_ATOM_TAG_INT; }

int js_init_atoms(JSRuntime *rt);
void js_free_atoms(JSRuntime *rt);

/* takes ownership of the string reference; JS_ATOM_NULL on exception */
JSAtom js_new_atom_str(JSContext *ctx, JSString *p);
/* Latin-1 bytes, without a context (JS_ATOM_NULL when out of memory) */
JSAtom js_new_atom_rt(JSRuntime *rt, const char *str, size_t len);
/* Latin-1 bytes */
JSAtom js_new_atom_len(JSContext *ctx, const char *str, size_t len);
/* a new symbol atom with the given description (owned; NULL = undefined) */
JSAtom js_new_symbol_atom(JSContext *ctx, JSString *descr, int atom_type);
/* the atom of an existing interned string, or JS_ATOM_NULL */
JSAtom js_find_atom(JSRuntime *rt, const JSString *p);
/* the registered symbol (Symbol.for) whose key is the flat string key, or
   JS_ATOM_NULL (borrowed) */
JSAtom js_find_global_symbol(JSRuntime *rt, const JSString *key);

void js_free_atom_struct(JSRuntime *rt, JSString *p);
static inline JSString *js_atom_get_str(JSRuntime *rt, JSAtom a) { return rt->atom_array[a]; }
static inline int js_atom_type(JSRuntime *rt, JSAtom a)
{
    return js_atom_is_tagged_int(a) ? JS_ATOM_TYPE_STRING : rt->atom_array[a]->atom_type;
}
static inline bool js_atom_is_symbol(JSRuntime *rt, JSAtom a)
{
    int t = js_atom_type(rt, a);
    return t == JS_ATOM_TYPE_SYMBOL || t == JS_ATOM_TYPE_GLOBAL_SYMBOL;
}
static inline JSAtom js_dup_atom_rt(JSRuntime *rt, JSAtom a)
{
    if (!js_atom_is_const(a))
        rt->atom_array[a]->header.ref_count++;
    return a;
}

/* an array index (0 .. 2^32-2): *pidx receives it */
bool js_atom_is_array_index(JSRuntime *rt, uint32_t *pidx, JSAtom atom);
/* a symbol value for a symbol atom (new reference) */
JSValue js_atom_to_symbol(JSContext *ctx, JSAtom atom);
/* the atom for a symbol value (new reference) */
JSAtom js_symbol_to_atom(JSContext *ctx, JSValueConst sym);
/* the atom's text for messages: "foo", "[Symbol.iterator]", "12" */
const char *js_atom_get_cstr(JSRuntime *rt, char *buf, int buf_size, JSAtom atom);
/* the string value of a string or integer atom; for a symbol atom its
   description form "Symbol(desc)" is NOT produced: use js_atom_to_symbol */
JSValue js_atom_to_string_value(JSContext *ctx, JSAtom atom);
/* function name from a property key: "foo", "[desc]" for symbols, with a
   prefix such as "get " */
JSValue js_get_function_name(JSContext *ctx, JSAtom name, JSAtom prefix);

/* whether the key is a canonical numeric string (for typed arrays) */
int js_atom_is_numeric_index(JSContext *ctx, JSAtom atom);

#endif /* WEFT_ATOM_H */
