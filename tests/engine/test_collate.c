/*
 * test_collate.c — js_unicode_collate (unicode_collate.c), the UTS #10
 * root order behind localeCompare.
 *
 * Known orderings of the DUCET (Latin case and accents, punctuation,
 * contractions contiguous and discontiguous, implicit weights), then
 * properties over random NFD strings drawn from code points that exercise
 * every path (contraction starters and their continuations, marks of
 * several classes, expansions, ignorables, Han, astral, unassigned): the
 * order must be antisymmetric and transitive, and equal to its own
 * comparison with a common prefix added.
 */
#include "unicode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LEN 12
#define ROUNDS 200000

static long passed, failed;

typedef struct {
    uint32_t cp[MAX_LEN * 4 + 4];
    size_t n;
} Text;

/* s as NFD code points (s is UTF-16 given as code points here: BMP and
   astral alike, no surrogates) */
static void nfd(Text *t, const uint32_t *cps, size_t n)
{
    uint16_t units[2 * MAX_LEN + 8];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c > 0xFFFF) {
            units[k++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            units[k++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            units[k++] = (uint16_t)c;
        }
    }
    uint32_t scratch[MAX_LEN * 4 + 4];
    t->n = js_unicode_normalize(t->cp, scratch, NULL, units, (uint32_t)k, JS_UNICODE_NFD);
}

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static int cmp_text(const Text *a, const Text *b)
{
    return sign(js_unicode_collate(a->cp, a->n, b->cp, b->n));
}

static void expect(int line, int got, int want)
{
    if (got == want) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "test_collate.c:%d: got %d, want %d\n", line, got, want);
    }
}

#define CMP(want, a, b)                                                         \
    do {                                                                        \
        static const uint32_t xa[] = a, xb[] = b;                               \
        Text ta, tb;                                                            \
        nfd(&ta, xa, sizeof(xa) / sizeof(xa[0]));                               \
        nfd(&tb, xb, sizeof(xb) / sizeof(xb[0]));                               \
        expect(__LINE__, cmp_text(&ta, &tb), want);                             \
        expect(__LINE__, cmp_text(&tb, &ta), -(want));                          \
    } while (0)
#define S(...) {__VA_ARGS__}

static void test_known(void)
{
    CMP(-1, S('a'), S('A'));                   /* case is tertiary */
    CMP(-1, S('A'), S(0xE1));                  /* accents are secondary */
    CMP(-1, S(0xE1), S('b'));
    CMP(-1, S(0xC1), S(0xE4));
    CMP(-1, S('r', 'e', 's'), S('r', 0xE9, 's'));
    CMP(0, S(0xE9), S('e', 0x301));            /* equal after NFD */
    CMP(0, S('a', 0), S('a'));                 /* U+0000 is ignorable */
    CMP(-1, S(' '), S('a'));                   /* non-ignorable: space is a weight */
    CMP(-1, S('c', 'o', '-', 'o', 'p'), S('c', 'o', 'o', 'p'));
    CMP(-1, S('1', '0'), S('2'));
    CMP(-1, S('z'), S(0x3B1));                 /* Latin < Greek < Cyrillic */
    CMP(-1, S(0x3C9), S(0x430));
    CMP(-1, S(0x436), S(0x416));
    CMP(1, S(0x419), S(0x418, 0x44F));         /* the contraction И + breve */
    CMP(1, S(0x419, 0x323), S(0x418, 0x44F));  /* ... with a dot below between */
    CMP(-1, S(0x418, 0x323), S(0x418, 0x44F)); /* without the breve, И */
    CMP(-1, S('l', 0xB7), S('l', ' '));        /* l + middle dot: one primary */
    CMP(-1, S(0x4E00), S(0x4E01));             /* implicit weights */
    CMP(-1, S('z'), S(0x4E00));
    CMP(-1, S(0x9FFF), S(0x3400));             /* core Han before extension A */
    CMP(-1, S(0x3400), S(0x20000));
    CMP(-1, S(0x20000), S(0xE0080));           /* unassigned last */
    CMP(-1, S(0x17000), S(0x17001));           /* Tangut */
}

/* code points for the random strings */
static const uint32_t pool[] = {
    'a', 'A', 'b', 'l', 'L', 'z', ' ', '-', '0', 0xB7, 0xE9, 0xC5, 0xDF, 0xC6,
    0x301, 0x300, 0x308, 0x323, 0x327, 0x306, 0x30A, 0x334, 0x345,
    0x418, 0x438, 0x419, 0x4E8, 0x3B1, 0x391, 0x3AC,
    0x0FB2, 0x0FB3, 0x0F71, 0x0F80, 0x0F72, 0x0E40, 0x0E01, 0x0E2D,
    0x1100, 0x1161, 0x11A8, 0xAC00, 0x4E00, 0xFA0E, 0x20000, 0x17000, 0x1B170,
    0xFDFA, 0x2460, 0x1D15E, 0xE0080, 0x0, 0x200B,
};

static uint32_t rnd(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

static void random_text(Text *t, uint32_t *state)
{
    uint32_t cps[MAX_LEN];
    size_t n = rnd(state) % MAX_LEN;
    for (size_t i = 0; i < n; i++)
        cps[i] = pool[rnd(state) % (sizeof(pool) / sizeof(pool[0]))];
    nfd(t, cps, n);
}

static void test_properties(void)
{
    uint32_t state = 0x9E3779B9;
    long bad_sym = 0, bad_trans = 0, bad_prefix = 0;
    for (long r = 0; r < ROUNDS; r++) {
        Text a, b, c;
        random_text(&a, &state);
        random_text(&b, &state);
        random_text(&c, &state);
        int ab = cmp_text(&a, &b), ba = cmp_text(&b, &a);
        int bc = cmp_text(&b, &c), ac = cmp_text(&a, &c);
        bad_sym += ab != -ba;
        if (ab <= 0 && bc <= 0)
            bad_trans += ac > 0 || (ab == 0 && bc == 0 && ac != 0);
        /* a prefix of plain letters followed by the same text */
        Text pa = {{'k', 'e', 'y'}, 3}, pb = {{'k', 'e', 'y'}, 3};
        memcpy(pa.cp + 3, a.cp, a.n * sizeof(uint32_t));
        memcpy(pb.cp + 3, b.cp, b.n * sizeof(uint32_t));
        pa.n += a.n;
        pb.n += b.n;
        bad_prefix += cmp_text(&pa, &pb) != ab;
    }
    expect(__LINE__, (int)bad_sym, 0);
    expect(__LINE__, (int)bad_trans, 0);
    expect(__LINE__, (int)bad_prefix, 0);
}

int main(void)
{
    test_known();
    test_properties();
    printf("test_collate: %ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
