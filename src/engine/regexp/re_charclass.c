/*
 * re_charclass.c — code point sets for the regexp compiler: boundary
 * lists with union / intersection / difference / complement, Unicode
 * property sets, case canonicalization and the case closure that lets a
 * case-insensitive class be matched by plain membership, and the v-mode
 * classes that also hold strings.
 *
 * Also the engine's allocation helpers (ReMem), used by every file.
 */
#include <stdlib.h>

#include "re_internal.h"
#include "../unicode.h"
#include "../unicode_tables.h"

/* ---------------------------------------------------------------------
 * Allocation
 * ------------------------------------------------------------------- */
void *re_malloc(ReMem *m, size_t size)
{
    void *p = m->env->realloc(m->env->opaque, NULL, size ? size : 1);
    if (!p)
        m->oom = true;
    return p;
}

void *re_realloc(ReMem *m, void *ptr, size_t size)
{
    void *p = m->env->realloc(m->env->opaque, ptr, size ? size : 1);
    if (!p)
        m->oom = true;
    return p;
}

void re_free(ReMem *m, void *ptr)
{
    if (ptr)
        m->env->realloc(m->env->opaque, ptr, 0);
}

/* ---------------------------------------------------------------------
 * Boundary lists
 * ------------------------------------------------------------------- */
void re_ranges_init(ReRanges *r)
{
    r->b = NULL;
    r->len = r->size = 0;
}

void re_ranges_free(ReMem *m, ReRanges *r)
{
    re_free(m, r->b);
    re_ranges_init(r);
}

static int re_ranges_reserve(ReMem *m, ReRanges *r, uint32_t n)
{
    uint32_t size;
    uint32_t *b;
    if (n <= r->size)
        return 0;
    size = r->size ? r->size : 8;
    while (size < n)
        size *= 2;
    b = re_realloc(m, r->b, (size_t)size * sizeof(uint32_t));
    if (!b)
        return -1;
    r->b = b;
    r->size = size;
    return 0;
}

int re_ranges_append(ReMem *m, ReRanges *r, uint32_t lo, uint32_t hi_excl)
{
    if (lo >= hi_excl)
        return 0;
    /* merge with an adjacent last range so the list stays normalized */
    if (r->len && r->b[r->len - 1] >= lo) {
        if (hi_excl > r->b[r->len - 1])
            r->b[r->len - 1] = hi_excl;
        return 0;
    }
    if (re_ranges_reserve(m, r, r->len + 2))
        return -1;
    r->b[r->len++] = lo;
    r->b[r->len++] = hi_excl;
    return 0;
}

int re_ranges_copy(ReMem *m, ReRanges *dst, const ReRanges *src)
{
    dst->len = 0;
    if (re_ranges_reserve(m, dst, src->len))
        return -1;
    memcpy(dst->b, src->b, src->len * sizeof(uint32_t));
    dst->len = src->len;
    return 0;
}

/* One merge pass over both boundary lists: at each boundary, membership
   in a and in b is known, and the result's membership follows from op. */
int re_ranges_op(ReMem *m, ReRanges *a, const ReRanges *b, int op)
{
    ReRanges res;
    uint32_t i = 0, j = 0;
    bool in_a = false, in_b = false, in_res = false;
    re_ranges_init(&res);
    if (re_ranges_reserve(m, &res, a->len + b->len))
        return -1;
    while (i < a->len || j < b->len) {
        uint32_t v, ca = i < a->len ? a->b[i] : UINT32_MAX, cb = j < b->len ? b->b[j] : UINT32_MAX;
        bool now;
        v = ca < cb ? ca : cb;
        if (ca == v) {
            in_a = !in_a;
            i++;
        }
        if (cb == v) {
            in_b = !in_b;
            j++;
        }
        if (op == RE_OP_UNION)
            now = in_a || in_b;
        else if (op == RE_OP_INTER)
            now = in_a && in_b;
        else
            now = in_a && !in_b;
        if (now != in_res) {
            res.b[res.len++] = v;
            in_res = now;
        }
    }
    re_ranges_free(m, a);
    *a = res;
    return 0;
}

int re_ranges_add(ReMem *m, ReRanges *r, uint32_t lo, uint32_t hi)
{
    ReRanges one;
    uint32_t b[2] = {lo, hi + 1};
    /* the common case while parsing: ranges arrive in increasing order */
    if (!r->len || r->b[r->len - 1] <= lo)
        return re_ranges_append(m, r, lo, hi + 1);
    one.b = b;
    one.len = one.size = 2;
    return re_ranges_op(m, r, &one, RE_OP_UNION);
}

int re_ranges_invert(ReMem *m, ReRanges *r, uint32_t max)
{
    ReRanges all;
    uint32_t b[2] = {0, max + 1};
    all.b = b;
    all.len = all.size = 2;
    /* r = all - r, computed as a fresh list */
    ReRanges res;
    re_ranges_init(&res);
    if (re_ranges_copy(m, &res, &all) || re_ranges_op(m, &res, r, RE_OP_SUB)) {
        re_ranges_free(m, &res);
        return -1;
    }
    re_ranges_free(m, r);
    *r = res;
    return 0;
}

bool re_ranges_contains(const ReRanges *r, uint32_t c)
{
    uint32_t lo = 0, hi = r->len;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (r->b[mid] <= c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo & 1;
}

int re_ranges_from_property(ReMem *m, ReRanges *r, int prop_id)
{
    uint32_t n = js_unicode_property_bounds(prop_id, NULL, 0);
    r->len = 0;
    if (re_ranges_reserve(m, r, n + 1))
        return -1;
    js_unicode_property_bounds(prop_id, r->b, n);
    r->len = n;
    /* an odd count means the last range runs to the end of Unicode */
    if (n & 1)
        r->b[r->len++] = RE_CP_MAX + 1;
    return 0;
}

/* ---------------------------------------------------------------------
 * Case canonicalization
 *
 * The generated tables list every character whose canonical form differs
 * from itself, sorted by character and (through an index) by canonical
 * form, so the closure of a set costs two binary searches per range.
 * ------------------------------------------------------------------- */
static const JSUnicodeCanonTable *re_canon_table(bool unicode)
{
    return unicode ? &js_unicode_canon_fold : &js_unicode_canon_legacy;
}

/* the first pair whose character is >= c */
static uint32_t re_canon_find(const JSUnicodeCanonTable *t, uint32_t c)
{
    uint32_t lo = 0, hi = t->count;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (t->pairs[mid][0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* the first by_target position whose canonical form is >= c */
static uint32_t re_canon_find_target(const JSUnicodeCanonTable *t, uint32_t c)
{
    uint32_t lo = 0, hi = t->count;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (t->pairs[t->by_target[mid]][1] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint32_t re_canonicalize(uint32_t c, bool unicode)
{
    const JSUnicodeCanonTable *t;
    uint32_t i;
    if (c < 128) {
        if (unicode)
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }
    t = re_canon_table(unicode);
    i = re_canon_find(t, c);
    return i < t->count && t->pairs[i][0] == c ? t->pairs[i][1] : c;
}

static int re_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* a growing list of code points to add to a set */
typedef struct ReCpList {
    uint32_t *v;
    uint32_t n, size;
} ReCpList;

static int re_cp_list_push(ReMem *m, ReCpList *l, uint32_t c)
{
    if (l->n == l->size) {
        uint32_t size = l->size ? l->size * 2 : 64;
        uint32_t *v = re_realloc(m, l->v, size * sizeof(uint32_t));
        if (!v)
            return -1;
        l->v = v;
        l->size = size;
    }
    l->v[l->n++] = c;
    return 0;
}

/* r = r U list (the list is consumed) */
static int re_ranges_add_list(ReMem *m, ReRanges *r, ReCpList *l)
{
    ReRanges add;
    int ret = 0;
    if (l->n) {
        qsort(l->v, l->n, sizeof(uint32_t), re_cmp_u32);
        re_ranges_init(&add);
        for (uint32_t i = 0; i < l->n && !ret; i++)
            ret = re_ranges_append(m, &add, l->v[i], l->v[i] + 1);
        if (!ret)
            ret = re_ranges_op(m, r, &add, RE_OP_UNION);
        re_ranges_free(m, &add);
    }
    re_free(m, l->v);
    l->v = NULL;
    l->n = l->size = 0;
    return ret;
}

/* Canonicalize(c) is in the closure exactly when some member has the
   same canonical form: add the canonical forms of the members, then
   everything whose canonical form is now a member. */
int re_ranges_case_close(ReMem *m, ReRanges *r, bool unicode)
{
    const JSUnicodeCanonTable *t = re_canon_table(unicode);
    ReCpList add = {NULL, 0, 0};
    for (uint32_t k = 0; k < r->len; k += 2) {
        for (uint32_t i = re_canon_find(t, r->b[k]); i < t->count && t->pairs[i][0] < r->b[k + 1];
             i++) {
            if (!re_ranges_contains(r, t->pairs[i][1]) && re_cp_list_push(m, &add, t->pairs[i][1]))
                goto fail;
        }
    }
    if (re_ranges_add_list(m, r, &add))
        return -1;
    for (uint32_t k = 0; k < r->len; k += 2) {
        for (uint32_t i = re_canon_find_target(t, r->b[k]); i < t->count; i++) {
            const uint32_t *pair = t->pairs[t->by_target[i]];
            if (pair[1] >= r->b[k + 1])
                break;
            if (!re_ranges_contains(r, pair[0]) && re_cp_list_push(m, &add, pair[0]))
                goto fail;
        }
    }
    return re_ranges_add_list(m, r, &add);
fail:
    re_free(m, add.v);
    return -1;
}

/* members that fold to something else are replaced by their folding */
int re_ranges_fold(ReMem *m, ReRanges *r)
{
    const JSUnicodeCanonTable *t = &js_unicode_canon_fold;
    ReCpList add = {NULL, 0, 0};
    ReRanges removed;
    re_ranges_init(&removed);
    for (uint32_t k = 0; k < r->len; k += 2) {
        for (uint32_t i = re_canon_find(t, r->b[k]); i < t->count && t->pairs[i][0] < r->b[k + 1];
             i++) {
            if (re_cp_list_push(m, &add, t->pairs[i][1]) ||
                re_ranges_append(m, &removed, t->pairs[i][0], t->pairs[i][0] + 1))
                goto fail;
        }
    }
    if (re_ranges_op(m, r, &removed, RE_OP_SUB))
        goto fail;
    re_ranges_free(m, &removed);
    return re_ranges_add_list(m, r, &add);
fail:
    re_ranges_free(m, &removed);
    re_free(m, add.v);
    return -1;
}

/* ---------------------------------------------------------------------
 * v-mode classes: code points plus strings
 * ------------------------------------------------------------------- */
void re_class_init(ReClass *c)
{
    re_ranges_init(&c->cps);
    c->strs = NULL;
    c->nstrs = c->size = 0;
    c->sorted = true;
}

void re_class_free(ReMem *m, ReClass *c)
{
    for (uint32_t i = 0; i < c->nstrs; i++)
        re_free(m, c->strs[i]);
    re_free(m, c->strs);
    re_ranges_free(m, &c->cps);
    re_class_init(c);
}

/* the order strings are kept in: by length, then code points */
static int re_string_cmp(const ReString *a, const uint32_t *cp, uint32_t len)
{
    if (a->len != len)
        return a->len < len ? -1 : 1;
    for (uint32_t i = 0; i < len; i++) {
        if (a->cp[i] != cp[i])
            return a->cp[i] < cp[i] ? -1 : 1;
    }
    return 0;
}

static int re_string_qsort_cmp(const void *a, const void *b)
{
    const ReString *y = *(ReString *const *)b;
    return re_string_cmp(*(ReString *const *)a, y->cp, y->len);
}

/* sorts the strings and drops duplicates (adding appends) */
void re_class_normalize(ReMem *m, ReClass *c)
{
    uint32_t j = 0;
    if (c->sorted)
        return;
    qsort(c->strs, c->nstrs, sizeof(c->strs[0]), re_string_qsort_cmp);
    for (uint32_t i = 0; i < c->nstrs; i++) {
        if (j && !re_string_cmp(c->strs[j - 1], c->strs[i]->cp, c->strs[i]->len))
            re_free(m, c->strs[i]);
        else
            c->strs[j++] = c->strs[i];
    }
    c->nstrs = j;
    c->sorted = true;
}

static bool re_class_has_string(ReMem *m, ReClass *c, const uint32_t *cp, uint32_t len)
{
    uint32_t lo = 0, hi;
    re_class_normalize(m, c);
    hi = c->nstrs;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        int r = re_string_cmp(c->strs[mid], cp, len);
        if (!r)
            return true;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* a one-code-point string is a plain member; others are appended and
   sorted out (duplicates too) by re_class_normalize */
int re_class_add_string(ReMem *m, ReClass *c, const uint32_t *cp, uint32_t len)
{
    ReString *s;
    if (len == 1)
        return re_ranges_add(m, &c->cps, cp[0], cp[0]);
    if (c->nstrs == c->size) {
        uint32_t size = c->size ? c->size * 2 : 8;
        ReString **strs = re_realloc(m, c->strs, size * sizeof(*strs));
        if (!strs)
            return -1;
        c->strs = strs;
        c->size = size;
    }
    s = re_malloc(m, sizeof(ReString) + len * sizeof(uint32_t));
    if (!s)
        return -1;
    s->len = len;
    memcpy(s->cp, cp, len * sizeof(uint32_t));
    if (c->nstrs && re_string_cmp(c->strs[c->nstrs - 1], cp, len) >= 0)
        c->sorted = false;
    c->strs[c->nstrs++] = s;
    return 0;
}

int re_class_op(ReMem *m, ReClass *a, ReClass *b, int op)
{
    uint32_t j = 0;
    if (re_ranges_op(m, &a->cps, &b->cps, op))
        return -1;
    if (op == RE_OP_UNION) {
        for (uint32_t i = 0; i < b->nstrs; i++) {
            if (re_class_add_string(m, a, b->strs[i]->cp, b->strs[i]->len))
                return -1;
        }
        return 0;
    }
    /* intersection keeps the strings b has, difference those it lacks */
    for (uint32_t i = 0; i < a->nstrs; i++) {
        ReString *s = a->strs[i];
        bool in_b = re_class_has_string(m, b, s->cp, s->len);
        if (in_b == (op == RE_OP_INTER))
            a->strs[j++] = s;
        else
            re_free(m, s);
    }
    a->nstrs = j;
    return 0;
}

int re_class_fold_strings(ReMem *m, ReClass *c)
{
    for (uint32_t i = 0; i < c->nstrs; i++) {
        ReString *s = c->strs[i];
        for (uint32_t k = 0; k < s->len; k++)
            s->cp[k] = js_unicode_fold_simple(s->cp[k]);
    }
    c->sorted = c->nstrs < 2;
    re_class_normalize(m, c);
    return 0;
}
