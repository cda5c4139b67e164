/*
 * unicode_normalize.c — Unicode normalization forms (UAX #15) for
 * String.prototype.normalize and the collator.
 *
 * Normalizing is: full decomposition (canonical, or compatibility for the
 * K forms; Hangul syllables algorithmically), canonical ordering of each
 * run of non-starters by combining class (a stable sort), then for NFC and
 * NFKC canonical composition. The tables come from tools/gen_unicode.py:
 * decompositions are stored fully expanded, so decomposing a code point is
 * one binary search and a copy; the composition table lists only primary
 * composites (exclusions are left out by the generator).
 *
 * The caller allocates: js_unicode_decomposed_length says how many code
 * points out and scratch must hold, and composition only ever shrinks the
 * text, so nothing here allocates.
 */
#include "unicode.h"

#include <string.h>

#include "unicode_tables.h"

/* Hangul syllables (Unicode 3.12, conjoining jamo behaviour) */
#define HANGUL_S 0xAC00
#define HANGUL_L 0x1100
#define HANGUL_V 0x1161
#define HANGUL_T 0x11A7
#define HANGUL_LCOUNT 19
#define HANGUL_VCOUNT 21
#define HANGUL_TCOUNT 28
#define HANGUL_NCOUNT (HANGUL_VCOUNT * HANGUL_TCOUNT)
#define HANGUL_SCOUNT (HANGUL_LCOUNT * HANGUL_NCOUNT)

/* runs of non-starters longer than this are sorted by counting instead of
   by insertion, so a hostile string of marks stays linear */
#define SHORT_RUN 32

static bool is_compat_form(int form)
{
    return form == JS_UNICODE_NFKC || form == JS_UNICODE_NFKD;
}

/* below this, code points are unchanged by the form and have class 0 */
static uint32_t stable_below(int form)
{
    switch (form) {
    case JS_UNICODE_NFC:
        return 0x300;
    case JS_UNICODE_NFD:
        return 0xC0;
    default:
        return 0xA0;
    }
}

/* the code point at *i, advancing *i; a lone surrogate is returned as is */
static inline uint32_t next_cp(const uint8_t *s8, const uint16_t *s16, uint32_t len, uint32_t *i)
{
    if (s8)
        return s8[(*i)++];
    uint32_t c = s16[(*i)++];
    if (c >= 0xD800 && c < 0xDC00 && *i < len && s16[*i] >= 0xDC00 && s16[*i] < 0xE000)
        c = 0x10000 + ((c - 0xD800) << 10) + (s16[(*i)++] - 0xDC00);
    return c;
}

int js_unicode_ccc(uint32_t c)
{
    if (c < 0x300)
        return 0;
    const JSUnicodeCccTable *t = &js_unicode_combining_class;
    uint32_t probe = (c + 1) << 11, lo = 0, hi = t->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->runs[mid] < probe)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    uint32_t run = t->runs[lo - 1];
    return c - (run >> 11) <= (run & 0x7FF) ? t->cls[lo - 1] : 0;
}

/* The stored full decomposition of c as UTF-16 units, or NULL when c maps
   to itself in this form. */
static const uint16_t *find_decomposition(uint32_t c, bool compat, uint32_t *nunits)
{
    const JSUnicodeDecompTable *t = &js_unicode_decomp;
    uint32_t probe = (c + 1) << 11, lo = 0, hi = t->count;
    if (c > 0x10FFFF)
        return NULL;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->words[mid] < probe)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || t->words[lo - 1] >> 11 != c)
        return NULL;
    uint32_t word = t->words[lo - 1];
    uint32_t canon_len = (word >> 6) & 0x1F, compat_len = word & 0x3F;
    const uint16_t *units = t->pool + t->offsets[lo - 1];
    if (compat && compat_len) {
        *nunits = compat_len;
        return units + canon_len;
    }
    *nunits = canon_len;
    return canon_len ? units : NULL;
}

/* Writes the full decomposition of c to out (when non-NULL) and returns
   its length in code points. Callers handle c < U+00A0 (no mappings). */
static size_t decompose_cp(uint32_t *out, uint32_t c, bool compat)
{
    if (c - HANGUL_S < HANGUL_SCOUNT) {
        uint32_t s = c - HANGUL_S, t = s % HANGUL_TCOUNT;
        if (out) {
            out[0] = HANGUL_L + s / HANGUL_NCOUNT;
            out[1] = HANGUL_V + (s % HANGUL_NCOUNT) / HANGUL_TCOUNT;
            if (t)
                out[2] = HANGUL_T + t;
        }
        return t ? 3 : 2;
    }
    uint32_t nunits;
    const uint16_t *units = find_decomposition(c, compat, &nunits);
    if (!units) {
        if (out)
            out[0] = c;
        return 1;
    }
    size_t n = 0;
    for (uint32_t i = 0; i < nunits;) {
        uint32_t d = next_cp(NULL, units, nunits, &i);
        if (out)
            out[n] = d;
        n++;
    }
    return n;
}

bool js_unicode_is_normalized_quick(const uint8_t *s8, const uint16_t *s16, uint32_t len,
                                    int form)
{
    static const unsigned qc_set[] = {JS_UNICODE_SET_NFC_QC_NO_MAYBE,
                                      JS_UNICODE_SET_NFD_QC_NO_MAYBE,
                                      JS_UNICODE_SET_NFKC_QC_NO_MAYBE,
                                      JS_UNICODE_SET_NFKD_QC_NO_MAYBE};
    uint32_t below = stable_below(form), i = 0;
    int last_ccc = 0;
    if (s8 && below >= 0x100)
        return true;
    while (i < len) {
        uint32_t c = next_cp(s8, s16, len, &i);
        if (c < below) {
            last_ccc = 0;
            continue;
        }
        int ccc = js_unicode_ccc(c);
        if ((ccc && last_ccc > ccc) || js_unicode_in_set(qc_set[form], c))
            return false;
        last_ccc = ccc;
    }
    return true;
}

size_t js_unicode_decomposed_length(const uint8_t *s8, const uint16_t *s16, uint32_t len,
                                    int form)
{
    bool compat = is_compat_form(form);
    uint32_t i = 0;
    size_t n = 0;
    while (i < len) {
        uint32_t c = next_cp(s8, s16, len, &i);
        n += c < 0xA0 ? 1 : decompose_cp(NULL, c, compat);
    }
    return n;
}

/* stable sort of a run of non-starters by combining class */
static void sort_run(uint32_t *run, size_t n, uint32_t *scratch)
{
    if (n <= SHORT_RUN) {
        for (size_t i = 1; i < n; i++) {
            uint32_t c = run[i];
            int ccc = js_unicode_ccc(c);
            size_t j = i;
            while (j > 0 && js_unicode_ccc(run[j - 1]) > ccc) {
                run[j] = run[j - 1];
                j--;
            }
            run[j] = c;
        }
        return;
    }
    size_t start[257] = {0};
    for (size_t i = 0; i < n; i++)
        start[js_unicode_ccc(run[i]) + 1]++;
    for (int k = 1; k <= 256; k++)
        start[k] += start[k - 1];
    for (size_t i = 0; i < n; i++)
        scratch[start[js_unicode_ccc(run[i])]++] = run[i];
    memcpy(run, scratch, n * sizeof(*run));
}

/* canonical ordering: sort every maximal run of non-starters */
static void reorder(uint32_t *cps, size_t n, uint32_t *scratch)
{
    size_t i = 0;
    while (i < n) {
        if (!js_unicode_ccc(cps[i])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && js_unicode_ccc(cps[j]))
            j++;
        if (j - i > 1)
            sort_run(cps + i, j - i, scratch);
        i = j;
    }
}

/* the primary composite of a + b, or 0 */
static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    if (a - HANGUL_L < HANGUL_LCOUNT && b - HANGUL_V < HANGUL_VCOUNT)
        return HANGUL_S + ((a - HANGUL_L) * HANGUL_VCOUNT + (b - HANGUL_V)) * HANGUL_TCOUNT;
    if (a - HANGUL_S < HANGUL_SCOUNT && (a - HANGUL_S) % HANGUL_TCOUNT == 0 &&
        b - HANGUL_T - 1 < HANGUL_TCOUNT - 1)
        return a + (b - HANGUL_T);
    if (b < 0x300) /* no primary composite has a second code point below */
        return 0;
    const JSUnicodeCompTable *t = &js_unicode_comp;
    uint32_t lo = 0, hi = t->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const uint32_t *e = t->triples[mid];
        if (e[0] < a || (e[0] == a && e[1] < b))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < t->count && t->triples[lo][0] == a && t->triples[lo][1] == b)
        return t->triples[lo][2];
    return 0;
}

/* Canonical composition in place: each character that is not blocked from
   the last starter and combines with it is folded into it. Returns the
   new length. */
static size_t compose(uint32_t *cps, size_t n)
{
    size_t out = 0, starter = 0;
    bool have_starter = false;
    int last_ccc = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        int ccc = js_unicode_ccc(c);
        if (have_starter) {
            bool adjacent = out - 1 == starter;
            if (adjacent || (last_ccc != 0 && last_ccc < ccc)) {
                uint32_t composite = compose_pair(cps[starter], c);
                if (composite) {
                    cps[starter] = composite;
                    continue;
                }
            }
        }
        if (ccc == 0) {
            starter = out;
            have_starter = true;
        }
        last_ccc = ccc;
        cps[out++] = c;
    }
    return out;
}

size_t js_unicode_normalize(uint32_t *out, uint32_t *scratch, const uint8_t *s8,
                            const uint16_t *s16, uint32_t len, int form)
{
    bool compat = is_compat_form(form);
    size_t n = 0;
    uint32_t i = 0;
    while (i < len) {
        uint32_t c = next_cp(s8, s16, len, &i);
        if (c < 0xA0)
            out[n++] = c;
        else
            n += decompose_cp(out + n, c, compat);
    }
    reorder(out, n, scratch);
    if (form == JS_UNICODE_NFC || form == JS_UNICODE_NFKC)
        n = compose(out, n);
    return n;
}
