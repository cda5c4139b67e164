/*
 * unicode_collate.c — the root collation order of the Unicode Collation
 * Algorithm (UTS #10) for String.prototype.localeCompare.
 *
 * Input is NFD text as code points (the caller normalizes), which lets the
 * generator drop every precomposed character from the DUCET. Each string
 * is turned into collation elements on the fly (longest contiguous
 * contraction, else the code point's run in the table, else the implicit
 * weights UTS #10 computes for Han, Tangut, Nushu, Khitan and unassigned
 * code points), and the comparison walks both CE streams once per level:
 * primary, then secondary, then tertiary, skipping zero weights. Variable
 * elements are not shifted (the "non-ignorable" option, as CLDR's root
 * locale). Contractions are matched as S2.1 says: the longest contiguous
 * one, then extended by unblocked non-starters further on (S2.1.1-S2.1.3),
 * up to MAX_SKIPPED such pending characters per string. No allocation:
 * the iterator holds at most one expansion.
 */
#include "unicode.h"

#include "unicode_tables.h"

enum { RUN_CONST, RUN_INC, RUN_EXPANSION };
#define IMPLICIT_DEFAULT_BASE 0xFBC0
#define COMMON_SECONDARY 0x20
#define COMMON_TERTIARY 0x02
#define MAX_EXPANSION 32

/* code points of one contraction (allkeys has at most 3) and pending
   discontiguous matches an iterator tracks */
#define MAX_KEY 8
#define MAX_SKIPPED 8

typedef struct {
    const uint32_t *cps;
    size_t n, pos;
    uint32_t ces[MAX_EXPANSION];
    uint32_t count, next;
    /* positions ahead of pos already taken by a discontiguous match */
    size_t skipped[MAX_SKIPPED];
    uint32_t nskipped;
} CEIter;

static uint32_t make_ce(uint32_t p, uint32_t s, uint32_t t)
{
    return p << 16 | s << 5 | t;
}

static bool is_skipped(const CEIter *it, size_t i)
{
    for (uint32_t k = 0; k < it->nskipped; k++) {
        if (it->skipped[k] == i)
            return true;
    }
    return false;
}

/* the next position at or after i not taken by a discontiguous match */
static size_t next_free(const CEIter *it, size_t i)
{
    while (i < it->n && is_skipped(it, i))
        i++;
    return i;
}

/* the first contraction index entry for c, or contraction_count */
static uint32_t first_contraction(uint32_t c)
{
    const JSUnicodeCollation *t = &js_unicode_collation;
    uint32_t lo = 0, hi = t->contraction_count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->contraction_index[2 * mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->contraction_count && t->contraction_index[2 * lo] == c ? lo
                                                                           : t->contraction_count;
}

/* the record of the contraction key[0 .. n), or NULL */
static const uint32_t *find_contraction(const uint32_t *key, size_t n)
{
    const JSUnicodeCollation *t = &js_unicode_collation;
    for (uint32_t i = first_contraction(key[0]);
         i < t->contraction_count && t->contraction_index[2 * i] == key[0]; i++) {
        const uint32_t *rec = t->contractions + t->contraction_index[2 * i + 1];
        size_t k = 1;
        if (rec[0] >> 8 != n)
            continue;
        while (k < n && rec[k] == key[k])
            k++;
        if (k == n)
            return rec;
    }
    return NULL;
}

/* UTS #10 S2.1.1-S2.1.3: extends the match key[0 .. *nkey) (ending before
   position from) with each following non-starter that is not blocked from
   it and forms a longer contraction; those are marked taken. */
static const uint32_t *extend_discontiguous(CEIter *it, uint32_t *key, size_t *nkey,
                                            size_t from, const uint32_t *rec)
{
    int last_ccc = 0; /* class of the last non-starter passed over */
    for (size_t j = next_free(it, from); j < it->n; j = next_free(it, j + 1)) {
        int ccc = js_unicode_ccc(it->cps[j]);
        if (!ccc)
            break;
        if (last_ccc < ccc && *nkey < MAX_KEY && it->nskipped < MAX_SKIPPED) {
            key[*nkey] = it->cps[j];
            const uint32_t *longer = find_contraction(key, *nkey + 1);
            if (longer) {
                ++*nkey;
                rec = longer;
                it->skipped[it->nskipped++] = j;
                continue;
            }
        }
        last_ccc = ccc;
    }
    return rec;
}

/* The longest contraction at it->pos, contiguous first and then extended
   discontiguously: loads its CEs and advances, or returns false when the
   code point at pos stands alone. */
static bool match_contraction(CEIter *it)
{
    const JSUnicodeCollation *t = &js_unicode_collation;
    uint32_t c = it->cps[it->pos], first = first_contraction(c);
    if (first == t->contraction_count)
        return false;
    uint32_t key[MAX_KEY];
    size_t nkey = 1, after = it->pos + 1;
    const uint32_t *rec = NULL;
    key[0] = c;
    /* records are sorted longest first: the first that matches wins */
    for (uint32_t i = first; i < t->contraction_count && t->contraction_index[2 * i] == c; i++) {
        const uint32_t *r = t->contractions + t->contraction_index[2 * i + 1];
        size_t ncps = r[0] >> 8, k = 1, j = next_free(it, it->pos + 1);
        while (k < ncps && j < it->n && it->cps[j] == r[k]) {
            key[k++] = it->cps[j];
            j = next_free(it, j + 1);
        }
        if (k == ncps) {
            rec = r;
            nkey = ncps;
            after = j;
            break;
        }
    }
    rec = extend_discontiguous(it, key, &nkey, after, rec);
    if (!rec)
        return false;
    size_t ncps = rec[0] >> 8, nces = rec[0] & 0xFF;
    for (size_t k = 0; k < nces; k++)
        it->ces[k] = rec[ncps + k];
    it->count = (uint32_t)nces;
    it->pos = after;
    return true;
}

/* UTS #10 10.1: the two CEs of a code point the table does not list */
static void implicit_ces(CEIter *it, uint32_t c)
{
    const JSUnicodeCollation *t = &js_unicode_collation;
    uint32_t base = IMPLICIT_DEFAULT_BASE, origin = 0;
    for (uint32_t i = 0; i < t->implicit_count; i++) {
        const uint32_t *row = t->implicit + 4 * i;
        if (c >= row[0] && c <= row[1]) {
            base = row[2];
            origin = row[3];
            break;
        }
    }
    uint32_t first, second;
    if (origin) {
        first = base;
        second = (c - origin) | 0x8000;
    } else {
        first = base + (c >> 15);
        second = (c & 0x7FFF) | 0x8000;
    }
    it->ces[0] = make_ce(first, COMMON_SECONDARY, COMMON_TERTIARY);
    it->ces[1] = make_ce(second, 0, 0);
    it->count = 2;
}

static void single_ces(CEIter *it, uint32_t c)
{
    const JSUnicodeCollation *t = &js_unicode_collation;
    uint32_t probe = (c + 1) << 11, lo = 0, hi = t->run_count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->runs[mid] < probe)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t run = lo ? t->runs[lo - 1] : 0, offset = c - (run >> 11);
    if (!lo || c > 0x10FFFF || offset > ((run >> 2) & 0x1FF)) {
        implicit_ces(it, c);
        return;
    }
    uint32_t value = t->values[lo - 1];
    switch (run & 3) {
    case RUN_CONST:
        it->ces[0] = value;
        it->count = 1;
        break;
    case RUN_INC:
        it->ces[0] = value + (offset << 16);
        it->count = 1;
        break;
    default:
        it->count = value & 31;
        for (uint32_t k = 0; k < it->count; k++)
            it->ces[k] = t->expansions[(value >> 5) + k];
    }
}

static bool next_ce(CEIter *it, uint32_t *ce)
{
    while (it->next >= it->count) {
        uint32_t kept = 0;
        it->pos = next_free(it, it->pos);
        for (uint32_t k = 0; k < it->nskipped; k++) { /* forget positions passed */
            if (it->skipped[k] > it->pos)
                it->skipped[kept++] = it->skipped[k];
        }
        it->nskipped = kept;
        if (it->pos >= it->n)
            return false;
        it->next = 0;
        uint32_t c = it->cps[it->pos];
        if (c < JS_UNICODE_COLL_LATIN && js_unicode_collation.latin[c] != 0xFFFFFFFF) {
            it->ces[0] = js_unicode_collation.latin[c];
            it->count = 1;
            it->pos++;
        } else if (!match_contraction(it))
            single_ces(it, it->cps[it->pos++]);
    }
    *ce = it->ces[it->next++];
    return true;
}

static uint32_t level_weight(uint32_t ce, int level)
{
    switch (level) {
    case 0:
        return ce >> 16;
    case 1:
        return (ce >> 5) & 0x1FF;
    default:
        return ce & 0x1F;
    }
}

/* the next nonzero weight at this level, or 0 at the end */
static uint32_t next_weight(CEIter *it, int level)
{
    uint32_t ce, w;
    do {
        if (!next_ce(it, &ce))
            return 0;
        w = level_weight(ce, level);
    } while (!w);
    return w;
}

int js_unicode_collate(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    /* A common prefix of code points with a single CE that start no
       contraction yields the same weights on every level in both strings
       and cannot combine with what follows: skip it. */
    const uint32_t *latin = js_unicode_collation.latin;
    while (na && nb && *a == *b && *a < JS_UNICODE_COLL_LATIN && latin[*a] != 0xFFFFFFFF) {
        a++, b++;
        na--, nb--;
    }
    for (int level = 0; level < 3; level++) {
        CEIter x = {.cps = a, .n = na}, y = {.cps = b, .n = nb};
        for (;;) {
            uint32_t wa = next_weight(&x, level), wb = next_weight(&y, level);
            if (wa != wb)
                return wa < wb ? -1 : 1;
            if (!wa)
                break;
        }
    }
    return 0;
}
