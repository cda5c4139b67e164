/*
 * unicode.c — lookups over the generated Unicode tables.
 *
 * unicode_tables.c holds plain Unicode properties (ID_Start, Zs, Cased,
 * case mappings, ...) produced by tools/gen_unicode.py; this file adds the
 * ECMAScript definitions on top (WhiteSpace, ZWNJ/ZWJ in identifiers) and
 * the lookups: a Latin-1 flag byte or ASCII arithmetic first, then a binary
 * search. The table layouts are documented in unicode_tables.h.
 *
 * It also answers the RegExp engine's questions: property escapes by name
 * (a binary search in the sorted name table) and the sets behind them.
 */
#include "unicode.h"

#include <stddef.h>
#include <string.h>

#include "unicode_tables.h"

#define UNICODE_MAX 0x10FFFF
#define ZWNJ 0x200C
#define ZWJ 0x200D
#define ZWNBSP 0xFEFF

/* c is in s iff an odd number of boundaries are <= c. */
static bool set_contains(const JSUnicodeSet *s, uint32_t c)
{
    if (c > UNICODE_MAX)
        return false;
    uint32_t plane = c >> 16;
    uint32_t lo = plane ? s->plane_end[plane - 1] : 0;
    uint32_t hi = s->plane_end[plane];
    uint16_t key = c & 0xFFFF;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->bounds[mid] <= key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo & 1;
}

static bool has_property(uint32_t c, unsigned set, unsigned latin1_flag)
{
    if (c < 256)
        return js_unicode_latin1_flags[c] & latin1_flag;
    return set_contains(&js_unicode_sets[set], c);
}

/* Returns what c maps to, or c itself when no run covers it. */
static uint32_t case_map(const JSUnicodeCaseMap *m, uint32_t c)
{
    if (c > UNICODE_MAX)
        return c;
    /* find the last run whose start is <= c; the start is the top 21 bits */
    uint32_t probe = (c + 1) << 11;
    uint32_t lo = 0, hi = m->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->runs[mid] < probe)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return c;
    uint32_t run = m->runs[lo - 1];
    uint32_t offset = c - (run >> 11);
    uint32_t len = ((run >> 1) & 0x3FF) + 1;
    if (run & 1) {
        if (offset & 1)
            return c;
        offset >>= 1;
    }
    if (offset >= len)
        return c;
    return c + (uint32_t)m->deltas[m->delta[lo - 1]];
}

static const JSUnicodeSpecialCase *special_case(const JSUnicodeSpecialCaseList *l, uint32_t c)
{
    uint32_t lo = 0, hi = l->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (l->entries[mid].c < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < l->count && l->entries[lo].c == c)
        return &l->entries[lo];
    return NULL;
}

static int full_case_map(uint32_t out[JS_UNICODE_CASE_MAX], uint32_t c,
                         const JSUnicodeSpecialCaseList *special, const JSUnicodeCaseMap *simple)
{
    const JSUnicodeSpecialCase *e = c <= 0xFFFF ? special_case(special, c) : NULL;
    if (!e) {
        out[0] = case_map(simple, c);
        return 1;
    }
    int n;
    for (n = 0; n < JS_UNICODE_CASE_MAX && e->out[n]; n++)
        out[n] = e->out[n];
    return n;
}

bool js_unicode_in_set(unsigned set, uint32_t c)
{
    return set_contains(&js_unicode_sets[set], c);
}

bool js_unicode_is_id_start(uint32_t c)
{
    return has_property(c, JS_UNICODE_SET_ID_START, JS_UNICODE_L1_ID_START);
}

bool js_unicode_is_id_continue(uint32_t c)
{
    return has_property(c, JS_UNICODE_SET_ID_CONTINUE, JS_UNICODE_L1_ID_CONTINUE) || c == ZWNJ ||
           c == ZWJ;
}

bool js_unicode_is_space(uint32_t c)
{
    if (c == '\t' || c == '\v' || c == '\f' || c == ZWNBSP)
        return true;
    return has_property(c, JS_UNICODE_SET_SPACE_SEPARATOR, JS_UNICODE_L1_SPACE_SEPARATOR);
}

bool js_unicode_is_cased(uint32_t c)
{
    return has_property(c, JS_UNICODE_SET_CASED, JS_UNICODE_L1_CASED);
}

bool js_unicode_is_case_ignorable(uint32_t c)
{
    return has_property(c, JS_UNICODE_SET_CASE_IGNORABLE, JS_UNICODE_L1_CASE_IGNORABLE);
}

int js_unicode_to_upper(uint32_t out[JS_UNICODE_CASE_MAX], uint32_t c)
{
    if (c < 0x80) {
        out[0] = c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
        return 1;
    }
    return full_case_map(out, c, &js_unicode_upper_special, &js_unicode_upper);
}

int js_unicode_to_lower(uint32_t out[JS_UNICODE_CASE_MAX], uint32_t c)
{
    if (c < 0x80) {
        out[0] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        return 1;
    }
    return full_case_map(out, c, &js_unicode_lower_special, &js_unicode_lower);
}

uint32_t js_unicode_fold_simple(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    return case_map(&js_unicode_fold, c);
}

/* ---------------------------------------------------------------------
 * RegExp support
 * ------------------------------------------------------------------- */
/* the first entry named name (the table is sorted with strcmp) */
static int find_name(const char *name)
{
    uint32_t lo = 0, hi = JS_UNICODE_PROP_NAME_COUNT;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (strcmp(js_unicode_prop_names[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < JS_UNICODE_PROP_NAME_COUNT && !strcmp(js_unicode_prop_names[lo].name, name))
        return (int)lo;
    return -1;
}

/* the entry named name with the given kind, or NULL */
static const JSUnicodePropName *find_name_kind(const char *name, int kind)
{
    int i = find_name(name);
    if (i < 0)
        return NULL;
    for (; i < JS_UNICODE_PROP_NAME_COUNT && !strcmp(js_unicode_prop_names[i].name, name); i++) {
        if (js_unicode_prop_names[i].kind == kind)
            return &js_unicode_prop_names[i];
    }
    return NULL;
}

int js_unicode_find_property(const char *name, const char *value)
{
    const JSUnicodePropName *p;
    if (!value) {
        /* a lone name: a General_Category value or a binary property */
        p = find_name_kind(name, JS_UNICODE_PROP_GC);
        if (!p)
            p = find_name_kind(name, JS_UNICODE_PROP_BINARY);
        return p ? p->id : -1;
    }
    if (find_name_kind(name, JS_UNICODE_PROP_NAME_GC)) {
        p = find_name_kind(value, JS_UNICODE_PROP_GC);
        return p ? p->id : -1;
    }
    if (find_name_kind(name, JS_UNICODE_PROP_NAME_SC)) {
        p = find_name_kind(value, JS_UNICODE_PROP_SCRIPT);
        return p ? p->id : -1;
    }
    if (find_name_kind(name, JS_UNICODE_PROP_NAME_SCX)) {
        p = find_name_kind(value, JS_UNICODE_PROP_SCRIPT);
        return p ? p->id2 : -1;
    }
    return -1;
}

uint32_t js_unicode_property_bounds(int id, uint32_t *out, uint32_t max)
{
    const JSUnicodeSet *s = &js_unicode_prop_sets[id];
    uint32_t n = 0;
    for (uint32_t plane = 0; plane < 17; plane++) {
        uint32_t lo = plane ? s->plane_end[plane - 1] : 0;
        for (uint32_t i = lo; i < s->plane_end[plane]; i++, n++) {
            if (out && n < max)
                out[n] = plane << 16 | s->bounds[i];
        }
    }
    return n;
}

int js_unicode_find_string_property(const char *name)
{
    const JSUnicodePropName *p = find_name_kind(name, JS_UNICODE_PROP_STRING);
    return p ? p->id : -1;
}

int js_unicode_string_property_cp_id(int id)
{
    return js_unicode_string_props[id].cp_set;
}

const uint32_t *js_unicode_string_property_strings(int id, uint32_t *psize)
{
    *psize = js_unicode_string_props[id].size;
    return js_unicode_emoji_strings + js_unicode_string_props[id].start;
}
