/*
 * dtoa.c — exact conversions between doubles and text for ECMAScript.
 *
 * Double to decimal text: every conversion asks, for v = f * 2^e and some
 * integer q, for the integer part of v * 10^q and whether its fraction is
 * below, at or above one half. These questions are answered exactly, in
 * 128-bit integers for ordinary magnitudes and by big-integer division
 * otherwise.
 *  - Shortest digits (Number::toString): the interval of reals that round
 *    to v is mapped to integers [lo, hi] at a unit 10^-q fine enough for
 *    17 significant digits; the unit is coarsened while the interval still
 *    holds a multiple of the coarser unit (so the digit count is minimal),
 *    and the multiple closest to v is chosen, ties to even, as
 *    ECMA-262 6.1.6.1.20 requires. This is the interval reasoning of
 *    Steele & White and of Ryu, with exact arithmetic instead of tables.
 *    Integers below 2^53 are printed directly.
 *  - A requested number of digits (toFixed, toExponential, toPrecision) is
 *    v * 10^q rounded half up ("if there are two such n, pick the larger
 *    n"). Results that do not fit in 64 bits (toFixed allows 100 digits)
 *    are generated one digit at a time from the exact ratio r/s, as in
 *    Steele & White's fixed-format loop.
 *
 * Decimal text to double (js_strtod): Clinger's fast path when the
 * significand and the power of ten are both exact doubles, since a single
 * IEEE operation then rounds correctly; up to 19 digits and 10^+-27, an
 * exact 128-bit product or quotient rounded once. Otherwise an estimate
 * within a few ulps is corrected by comparing the exact decimal value with
 * the half-way points around it, in big integers. Only the first STRTOD_MAX_SIG
 * significant digits are kept, plus a sticky digit standing for the
 * nonzero rest: a half-way point between doubles has at most 767
 * significant digits, so this never changes the rounding.
 *
 * Radix text: parsing is exact (bit assembly for power-of-two radices, an
 * exact big integer otherwise). Printing in a radix other than 10
 * reproduces the observable behaviour of V8, which works in double
 * arithmetic, so that the output matches node digit for digit.
 *
 * Big integers are fixed-size stack values sized for the worst case: there
 * is no allocation and no mutable global state.
 */
#include <assert.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "dtoa.h"

/* ---------------------------------------------------------------------
 * IEEE 754 binary64 helpers
 * ------------------------------------------------------------------- */

#define F64_HIDDEN ((uint64_t)1 << 52)
#define F64_FRAC_MASK (F64_HIDDEN - 1)
#define F64_MIN_EXP2 (-1074) /* exponent of the unit of subnormals */
#define F64_MAX_EXP2 971     /* exponent of the unit of the top binade */
#define TWO_POW_53 9007199254740992.0

static const char radix_digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* 5^0 .. 5^27, the powers of five below 2^64 */
static const uint64_t pow5_u64[28] = {
    1u,
    5u,
    25u,
    125u,
    625u,
    3125u,
    15625u,
    78125u,
    390625u,
    1953125u,
    9765625u,
    48828125u,
    244140625u,
    1220703125u,
    6103515625u,
    30517578125u,
    152587890625u,
    762939453125u,
    3814697265625u,
    19073486328125u,
    95367431640625u,
    476837158203125u,
    2384185791015625u,
    11920928955078125u,
    59604644775390625u,
    298023223876953125u,
    1490116119384765625u,
    7450580596923828125u,
};

/* 10^0 .. 10^19, the powers of ten below 2^64 */
static const uint64_t pow10_u64[20] = {
    1u,
    10u,
    100u,
    1000u,
    10000u,
    100000u,
    1000000u,
    10000000u,
    100000000u,
    1000000000u,
    10000000000u,
    100000000000u,
    1000000000000u,
    10000000000000u,
    100000000000000u,
    1000000000000000u,
    10000000000000000u,
    100000000000000000u,
    1000000000000000000u,
    10000000000000000000u,
};

static int clz64(uint64_t x)
{
    assert(x != 0);
#if defined(__GNUC__)
    return __builtin_clzll(x);
#else
    int n = 0;
    while (!(x >> 63)) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

static int clz32(uint32_t x)
{
    return clz64(x) - 32;
}

static uint64_t f64_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double f64_from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Splits a finite positive double into d = f * 2^e exactly. */
static void f64_decompose(double d, uint64_t *f, int *e)
{
    uint64_t bits = f64_bits(d);
    int biased = (int)(bits >> 52) & 0x7ff;
    uint64_t frac = bits & F64_FRAC_MASK;
    if (biased == 0) {
        *f = frac;
        *e = F64_MIN_EXP2;
    } else {
        *f = frac | F64_HIDDEN;
        *e = biased - 1075;
    }
}

/* Rounds (mant + x) * 2^exp2 to the nearest double, ties to even, where
   0 < x < 1 if sticky and x = 0 otherwise. Handles subnormals, underflow
   to zero and overflow to infinity. */
static double f64_round(uint64_t mant, int exp2, bool sticky)
{
    if (mant == 0)
        return 0.0;
    int lz = clz64(mant);
    mant <<= lz;
    exp2 -= lz;
    int top = exp2 + 63; /* the value lies in [2^top, 2^(top+1)) */
    if (top > 1023)
        return INFINITY;
    /* bits of mant below the last one the result can hold */
    int drop = top >= -1022 ? 11 : 11 + (-1022 - top);
    if (drop > 64)
        return 0.0; /* below half the smallest subnormal */
    uint64_t kept, rest, half;
    if (drop == 64) {
        kept = 0;
        rest = mant;
        half = (uint64_t)1 << 63;
    } else {
        kept = mant >> drop;
        rest = mant & (((uint64_t)1 << drop) - 1);
        half = (uint64_t)1 << (drop - 1);
    }
    if (rest > half || (rest == half && (sticky || (kept & 1))))
        kept++;
    if (top < -1022)
        return f64_from_bits(kept); /* a carry into bit 52 is the smallest normal */
    if (kept == F64_HIDDEN << 1) {
        kept >>= 1;
        if (++top > 1023)
            return INFINITY;
    }
    return f64_from_bits((uint64_t)(top + 1023) << 52 | (kept & F64_FRAC_MASK));
}

/* ---------------------------------------------------------------------
 * Fixed-size big unsigned integers
 *
 * The largest values appear in js_strtod: a 781-digit significand
 * compared with 5^1105 times a 55-bit integer, about 2,700 bits. Digit
 * generation needs about 1,200 bits. 4,096 bits leave a comfortable margin.
 * ------------------------------------------------------------------- */

#define BIG_LIMBS 128

typedef struct {
    int len;                  /* limbs in use; limb[len - 1] != 0 */
    uint32_t limb[BIG_LIMBS]; /* little-endian, base 2^32 */
} Big;

static void big_trim(Big *b)
{
    while (b->len > 0 && b->limb[b->len - 1] == 0)
        b->len--;
}

static void big_set_u64(Big *b, uint64_t v)
{
    b->len = 0;
    while (v) {
        b->limb[b->len++] = (uint32_t)v;
        v >>= 32;
    }
}

static void big_copy(Big *dst, const Big *src)
{
    dst->len = src->len;
    memcpy(dst->limb, src->limb, (size_t)src->len * sizeof(uint32_t));
}

/* b = b * mul + add, mul != 0 */
static void big_muladd(Big *b, uint32_t mul, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < b->len; i++) {
        uint64_t t = (uint64_t)b->limb[i] * mul + carry;
        b->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) {
        assert(b->len < BIG_LIMBS);
        b->limb[b->len++] = (uint32_t)carry;
    }
}

static void big_shl(Big *b, int bits)
{
    if (b->len == 0 || bits == 0)
        return;
    int words = bits / 32, sh = bits % 32, n = b->len;
    assert(n + words + 1 <= BIG_LIMBS);
    if (sh == 0) {
        memmove(b->limb + words, b->limb, (size_t)n * sizeof(uint32_t));
    } else {
        /* top-down, so each source limb is read before it is overwritten */
        b->limb[n + words] = b->limb[n - 1] >> (32 - sh);
        for (int i = n - 1; i > 0; i--)
            b->limb[i + words] = b->limb[i] << sh | b->limb[i - 1] >> (32 - sh);
        b->limb[words] = b->limb[0] << sh;
        n++;
    }
    memset(b->limb, 0, (size_t)words * sizeof(uint32_t));
    b->len = n + words;
    big_trim(b);
}

static void big_mul_pow5(Big *b, int n)
{
    /* 5^13 is the largest power of five that fits in a limb */
    for (; n >= 13; n -= 13)
        big_muladd(b, (uint32_t)pow5_u64[13], 0);
    if (n > 0)
        big_muladd(b, (uint32_t)pow5_u64[n], 0);
}

static void big_mul_pow10(Big *b, int n)
{
    big_mul_pow5(b, n);
    big_shl(b, n);
}

static int big_cmp(const Big *a, const Big *b)
{
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    for (int i = a->len - 1; i >= 0; i--) {
        if (a->limb[i] != b->limb[i])
            return a->limb[i] < b->limb[i] ? -1 : 1;
    }
    return 0;
}

/* a -= q * b, where q * b <= a */
static void big_submul(Big *a, const Big *b, uint32_t q)
{
    uint64_t carry = 0, borrow = 0;
    for (int i = 0; i < a->len; i++) {
        uint64_t p = (i < b->len ? (uint64_t)b->limb[i] * q : 0) + carry;
        carry = p >> 32;
        uint64_t diff = (uint64_t)a->limb[i] - (uint32_t)p - borrow;
        a->limb[i] = (uint32_t)diff;
        borrow = diff >> 63; /* the subtraction wrapped */
    }
    assert(carry == 0 && borrow == 0);
    big_trim(a);
}

/* dst = a * b; dst must not alias a or b */
static void big_mul(Big *dst, const Big *a, const Big *b)
{
    int n = a->len + b->len;
    assert(n <= BIG_LIMBS);
    memset(dst->limb, 0, (size_t)n * sizeof(uint32_t));
    for (int i = 0; i < a->len; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < b->len; j++) {
            uint64_t t = (uint64_t)a->limb[i] * b->limb[j] + dst->limb[i + j] + carry;
            dst->limb[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        dst->limb[i + b->len] = (uint32_t)carry;
    }
    dst->len = n;
    big_trim(dst);
}

/* The 64 leading bits of b, left-aligned, with b = (result + x) * 2^exp2
   where 0 <= x < 1 and *sticky tells whether x != 0. */
static uint64_t big_top64(const Big *b, int *exp2, bool *sticky)
{
    *sticky = false;
    *exp2 = 0;
    int n = b->len;
    if (n == 0)
        return 0;
    uint64_t hi = b->limb[n - 1];
    uint64_t mid = n >= 2 ? b->limb[n - 2] : 0;
    uint64_t lo = n >= 3 ? b->limb[n - 3] : 0;
    int lz = clz32(b->limb[n - 1]);
    uint64_t top = (hi << 32 | mid) << lz;
    if (lz > 0)
        top |= lo >> (32 - lz);
    bool st = (uint32_t)(lo << lz) != 0;
    for (int i = 0; i < n - 3 && !st; i++)
        st = b->limb[i] != 0;
    *sticky = st;
    *exp2 = 32 * (n - 2) - lz;
    return top;
}

/* b * 2^exp2 correctly rounded */
static double big_to_double(const Big *b, int exp2)
{
    int e;
    bool sticky;
    uint64_t top = big_top64(b, &e, &sticky);
    return f64_round(top, e + exp2, sticky);
}

static char *put_u64(char *p, uint64_t v);

/* ---------------------------------------------------------------------
 * Decimal digits of a double
 *
 * Every conversion asks about v * 10^q for some integer q, where
 * v = f * 2^e exactly: what its integer part is, and how its fraction
 * compares with one half. The shortest form asks this for v and for the
 * two bounds of its rounding interval, at a precision fine enough to hold
 * 17 digits, and then drops digits; a requested precision asks it once.
 * Ordinary magnitudes are answered in 128-bit integers, the others by an
 * exact big-integer division. Outputs of more than 18 digits (toFixed and
 * friends allow 100) are generated one digit at a time from an exact ratio.
 * ------------------------------------------------------------------- */

/* Facts about a nonnegative rational x below 2^64 */
typedef struct {
    uint64_t floor; /* the integer part */
    int half;       /* the sign of (x - floor) - 1/2 */
    bool exact;     /* x is an integer */
} Floor;

static uint64_t floor_round_half_up(const Floor *fl)
{
    return fl->floor + (fl->half >= 0);
}

/* The decimal exponent k with 10^(k-1) <= v < 10^k, or one less: v lies in
   [2^top, 2^(top+1)) and floor(top * log10(2)) + 1 never overshoots. */
static int estimate_k(uint64_t f, int e)
{
    int top = e + 63 - clz64(f);
    return (int)floor(top * 0.30102999566398119521) + 1;
}

#if defined(__SIZEOF_INT128__)

__extension__ typedef unsigned __int128 u128;

/* x * 2^e * 10^q = x * mul / den, all in 128 bits, for x < 2^55 */
typedef struct {
    u128 mul, den;
    int den_log2; /* den = 2^den_log2, or -1 if den is not a power of two */
} SmallScale;

static int u128_bits(u128 x)
{
    int n = 0;
    for (; x >> 64; x >>= 64)
        n += 64;
    return (uint64_t)x ? n + 64 - clz64((uint64_t)x) : n;
}

static bool small_scale_init(SmallScale *sc, int e, int q)
{
    if (q > 27 || q < -27)
        return false;
    sc->mul = q >= 0 ? pow5_u64[q] : 1; /* 10^q = 5^q 2^q */
    sc->den = q >= 0 ? 1 : pow5_u64[-q];
    int two = e + q;
    if (two >= 0) {
        if (u128_bits(sc->mul) + two > 128 - 55)
            return false;
        sc->mul <<= two;
    } else {
        if (u128_bits(sc->den) - two > 126)
            return false;
        sc->den <<= -two;
    }
    sc->den_log2 = q >= 0 ? (two < 0 ? -two : 0) : -1;
    return true;
}

static bool small_scale_apply(const SmallScale *sc, uint64_t x, Floor *out)
{
    u128 num = x * sc->mul;
    u128 quo = sc->den_log2 >= 0 ? num >> sc->den_log2 : num / sc->den;
    if (quo >> 64)
        return false;
    u128 rest = num - quo * sc->den, twice = rest << 1;
    out->floor = (uint64_t)quo;
    out->half = twice < sc->den ? -1 : twice > sc->den;
    out->exact = rest == 0;
    return true;
}

#endif

/* x * 2^e * 10^q = x * mul / den in big integers; den is normalised (top
   bit set) for quot_digit, and den_hi = den * 2^32. */
typedef struct {
    Big mul, den, den_hi, den_max;
} BigScale;

static void big_scale_init(BigScale *sc, int e, int q)
{
    big_set_u64(&sc->mul, 1);
    big_set_u64(&sc->den, 1);
    big_mul_pow5(q >= 0 ? &sc->mul : &sc->den, q >= 0 ? q : -q);
    int two = e + q;
    big_shl(two >= 0 ? &sc->mul : &sc->den, two >= 0 ? two : -two);
    int sh = clz32(sc->den.limb[sc->den.len - 1]);
    big_shl(&sc->den, sh);
    big_shl(&sc->mul, sh);
    big_copy(&sc->den_hi, &sc->den);
    big_shl(&sc->den_hi, 32);
    big_copy(&sc->den_max, &sc->den);
    big_shl(&sc->den_max, 64);
}

/* Returns floor(r / s) and leaves r mod s in r. Requires r < 2^32 * s and s
   normalised. The estimate from the leading limbs divides by one more than
   the top limb of s, so it never exceeds the quotient and falls short by at
   most 2. */
static uint32_t quot_digit(Big *r, const Big *s)
{
    int n = s->len;
    if (r->len < n)
        return 0;
    uint64_t top = r->limb[n - 1];
    if (r->len > n)
        top |= (uint64_t)r->limb[n] << 32;
    uint32_t q = (uint32_t)(top / ((uint64_t)s->limb[n - 1] + 1));
    if (q)
        big_submul(r, s, q);
    while (big_cmp(r, s) >= 0) {
        big_submul(r, s, 1);
        q++;
    }
    return q;
}

static bool big_scale_apply(const BigScale *sc, uint64_t x, Floor *out)
{
    Big num, xb;
    big_set_u64(&xb, x);
    big_mul(&num, &sc->mul, &xb);
    if (big_cmp(&num, &sc->den_max) >= 0)
        return false;
    /* two base-2^32 digits of long division */
    uint64_t hi = quot_digit(&num, &sc->den_hi);
    out->floor = hi << 32 | quot_digit(&num, &sc->den);
    out->exact = num.len == 0;
    big_shl(&num, 1);
    out->half = big_cmp(&num, &sc->den);
    return true;
}

/* Facts about x[i] * 2^e * 10^q for count values x[i] < 2^55. Returns
   false if a result is not below 2^64. */
static bool scale_values(const uint64_t *x, int count, int e, int q, Floor *out)
{
#if defined(__SIZEOF_INT128__)
    SmallScale small;
    if (small_scale_init(&small, e, q)) {
        for (int i = 0; i < count; i++) {
            if (!small_scale_apply(&small, x[i], &out[i]))
                return false;
        }
        return true;
    }
#endif
    BigScale big;
    big_scale_init(&big, e, q);
    for (int i = 0; i < count; i++) {
        if (!big_scale_apply(&big, x[i], &out[i]))
            return false;
    }
    return true;
}

/* Shortest digits of a finite d > 0, the last one closest to d, ties to
   even (ECMA-262 Number::toString). Returns the digit count; *point
   receives the decimal point position (0.ddd * 10^point).

   At the unit 10^-q the rounding interval holds every 17-digit neighbour
   of d, and in that unit it is [lo, hi] in integers. The unit grows while
   the interval still contains a multiple of the next unit, which gives the
   fewest digits; the answer is then the multiple closest to d. */
static int shortest_digits(double d, char *out, int *point)
{
    uint64_t f;
    int e;
    f64_decompose(d, &f, &e);
    int q = 17 - estimate_k(f, e); /* d * 10^q < 10^18 */
    /* interval bounds and d as multiples of 2^(e-2); the gap below the
       first double of a binade is half the gap above */
    bool asym = f == F64_HIDDEN && e > F64_MIN_EXP2;
    uint64_t x[3] = {4 * f - (asym ? 1 : 2), 4 * f, 4 * f + 2};
    Floor fl[3];
    bool ok = scale_values(x, 3, e - 2, q, fl);
    assert(ok);
    (void)ok;
    /* a bound that is exactly representable rounds to d only if f is even */
    bool inclusive = (f & 1) == 0;
    uint64_t lo = fl[0].floor + (!fl[0].exact || !inclusive);
    uint64_t hi = fl[2].floor - (fl[2].exact && !inclusive);
    int t = 0;
    while (t + 4 <= 18 && hi / 10000 >= (lo + 9999) / 10000) {
        lo = (lo + 9999) / 10000;
        hi /= 10000;
        t += 4;
    }
    while (hi / 10 >= (lo + 9) / 10) {
        lo = (lo + 9) / 10;
        hi /= 10;
        t++;
    }
    /* round d * 10^(q-t) to an integer, ties to even, within [lo, hi] */
    uint64_t unit = pow10_u64[t], c = fl[1].floor / unit, rest = fl[1].floor % unit;
    int cmp = fl[1].half;
    if (t > 0)
        cmp = rest < unit / 2 ? -1 : rest > unit / 2 || !fl[1].exact;
    if (cmp > 0 || (cmp == 0 && (c & 1)))
        c++;
    c = c < lo ? lo : c > hi ? hi : c;
    assert(c % 10 != 0); /* else a coarser unit would have fit */
    int n = (int)(put_u64(out, c) - out);
    *point = n + t - q;
    return n;
}

/* Scaled holds v = r/s with 0.1 <= v / 10^k < 1, so that the next digit is
   floor(10r / s) and the decimal point sits after k digits; s is
   normalised for quot_digit. */
typedef struct {
    Big r, s;
    int k;
} Scaled;

static void scaled_init(Scaled *sc, uint64_t f, int e)
{
    big_set_u64(&sc->r, f);
    big_shl(&sc->r, e > 0 ? e : 0);
    big_set_u64(&sc->s, 1);
    big_shl(&sc->s, e < 0 ? -e : 0);
    sc->k = estimate_k(f, e);
    if (sc->k >= 0) {
        big_mul_pow10(&sc->s, sc->k);
    } else {
        big_mul_pow5(&sc->r, -sc->k);
        big_shl(&sc->r, -sc->k);
    }
    if (big_cmp(&sc->r, &sc->s) >= 0) {
        big_muladd(&sc->s, 10, 0);
        sc->k++;
    }
    int sh = clz32(sc->s.limb[sc->s.len - 1]);
    big_shl(&sc->s, sh);
    big_shl(&sc->r, sh);
}

/* Emits n digits of v / 10^k and rounds the exact rest half up. A carry out
   of the first digit turns 99..9 into 10..0 and increments k. Returns
   whether that happened. */
static bool gen_digits(Scaled *sc, char *out, int n)
{
    for (int i = 0; i < n; i++) {
        big_muladd(&sc->r, 10, 0);
        out[i] = (char)('0' + quot_digit(&sc->r, &sc->s));
    }
    big_shl(&sc->r, 1);
    if (big_cmp(&sc->r, &sc->s) < 0)
        return false;
    int i = n - 1;
    while (i >= 0 && out[i] == '9')
        out[i--] = '0';
    if (i >= 0) {
        out[i]++;
        return false;
    }
    out[0] = '1';
    sc->k++;
    return true;
}

/* round_half_up(f * 2^e * 10^q), if below 2^64. */
static bool round_scaled_u64(uint64_t f, int e, int q, uint64_t *out)
{
    Floor fl;
    if (!scale_values(&f, 1, e, q, &fl))
        return false;
    *out = floor_round_half_up(&fl);
    return true;
}

/* precision_digits for n <= 18, where the rounded integer fits in 64 bits
   even when the estimate of k is one low (then it is at least 10^n).
   Returns false if d is out of reach. */
static bool precision_digits_u64(double d, char *out, int n, int *point)
{
    uint64_t f, v;
    int e;
    f64_decompose(d, &f, &e);
    int k = estimate_k(f, e);
    if (!round_scaled_u64(f, e, n - k, &v))
        return false;
    if (v > pow10_u64[n]) {
        k++;
        if (!round_scaled_u64(f, e, n - k, &v))
            return false;
    }
    if (v == pow10_u64[n]) {
        /* rounding carried into a new digit: 99.96 -> 100.0 */
        v /= 10;
        k++;
    }
    put_u64(out, v);
    *point = k;
    return true;
}

/* n significant digits of a finite d > 0, rounded half up ("if there are
   two such sets of e and n, pick the e and n for which n * 10^(e-f) is
   larger"); *point receives the decimal point position. */
static void precision_digits(double d, char *out, int n, int *point)
{
    if (n <= 18 && precision_digits_u64(d, out, n, point))
        return;
    uint64_t f;
    int e;
    Scaled sc;
    f64_decompose(d, &f, &e);
    scaled_init(&sc, f, e);
    gen_digits(&sc, out, n);
    *point = sc.k;
}

/* The digits of round_half_up(d * 10^fraction_digits) for a finite d > 0;
   returns their count, 0 when that integer is 0. */
static int fixed_digits(double d, int fraction_digits, char *out)
{
    uint64_t f, v;
    int e;
    f64_decompose(d, &f, &e);
    if (round_scaled_u64(f, e, fraction_digits, &v))
        return v == 0 ? 0 : (int)(put_u64(out, v) - out);
    Scaled sc;
    scaled_init(&sc, f, e);
    int n = sc.k + fraction_digits; /* digits before rounding */
    if (n > 0) {
        if (gen_digits(&sc, out, n))
            out[n++] = '0';
        return n;
    }
    if (n < 0)
        return 0;
    /* d * 10^fraction_digits = r/s lies in [0.1, 1) */
    big_shl(&sc.r, 1);
    if (big_cmp(&sc.r, &sc.s) < 0)
        return 0;
    out[0] = '1';
    return 1;
}

/* ---------------------------------------------------------------------
 * Layout
 * ------------------------------------------------------------------- */

static char *put_str(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

static char *put_zeros(char *p, int n)
{
    for (; n > 0; n--)
        *p++ = '0';
    return p;
}

static char *put_digits(char *p, const char *dig, int n)
{
    memcpy(p, dig, (size_t)n);
    return p + n;
}

static char *put_u64(char *p, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n > 0)
        *p++ = tmp[--n];
    return p;
}

static size_t finish(char *buf, char *end)
{
    *end = '\0';
    return (size_t)(end - buf);
}

/* d[.ddd]e±x with the digits given */
static char *put_exponential(char *p, const char *dig, int n, int exp10)
{
    *p++ = dig[0];
    if (n > 1) {
        *p++ = '.';
        p = put_digits(p, dig + 1, n - 1);
    }
    *p++ = 'e';
    *p++ = exp10 < 0 ? '-' : '+';
    return put_u64(p, (uint64_t)(exp10 < 0 ? -exp10 : exp10));
}

/* NaN and the infinities print the same way in every conversion. Returns
   NULL when d is finite. */
static const char *nonfinite_name(double d)
{
    if (isnan(d))
        return "NaN";
    if (isinf(d))
        return d < 0 ? "-Infinity" : "Infinity";
    return NULL;
}

/* ECMA-262 Number::toString steps 6-12: n digits with the decimal point
   after point of them. */
static char *put_shortest_layout(char *p, const char *dig, int n, int point)
{
    if (n <= point && point <= 21) {
        p = put_digits(p, dig, n);
        return put_zeros(p, point - n);
    }
    if (0 < point && point <= 21) {
        p = put_digits(p, dig, point);
        *p++ = '.';
        return put_digits(p, dig + point, n - point);
    }
    if (-6 < point && point <= 0) {
        p = put_str(p, "0.");
        p = put_zeros(p, -point);
        return put_digits(p, dig, n);
    }
    return put_exponential(p, dig, n, point - 1);
}

/* ---------------------------------------------------------------------
 * Public double-to-text conversions
 * ------------------------------------------------------------------- */

size_t js_dtoa_shortest(char *buf, double d)
{
    const char *name = nonfinite_name(d);
    if (name)
        return finish(buf, put_str(buf, name));
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    /* integers are the common case and need no digit search; -0 is "0" */
    if (d < TWO_POW_53 && d == (double)(uint64_t)d)
        return finish(buf, put_u64(p, (uint64_t)d));
    char dig[20];
    int point;
    int n = shortest_digits(d, dig, &point);
    return finish(buf, put_shortest_layout(p, dig, n, point));
}

size_t js_dtoa_fixed(char *buf, double d, int fraction_digits)
{
    if (!isfinite(d) || fabs(d) >= 1e21)
        return js_dtoa_shortest(buf, d);
    assert(fraction_digits >= 0 && fraction_digits <= 100);
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    char dig[JS_DTOA_FIXED_MAX];
    int n = d == 0 ? 0 : fixed_digits(d, fraction_digits, dig);
    if (n == 0)
        dig[n++] = '0';
    if (fraction_digits == 0)
        return finish(buf, put_digits(p, dig, n));
    if (n <= fraction_digits) {
        p = put_str(p, "0.");
        p = put_zeros(p, fraction_digits - n);
        return finish(buf, put_digits(p, dig, n));
    }
    p = put_digits(p, dig, n - fraction_digits);
    *p++ = '.';
    return finish(buf, put_digits(p, dig + n - fraction_digits, fraction_digits));
}

size_t js_dtoa_exponential(char *buf, double d, int fraction_digits)
{
    const char *name = nonfinite_name(d);
    if (name)
        return finish(buf, put_str(buf, name));
    assert(fraction_digits <= 100);
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    char dig[104];
    int n, point;
    if (d == 0) {
        n = fraction_digits < 0 ? 1 : fraction_digits + 1;
        memset(dig, '0', (size_t)n);
        point = 1;
    } else if (fraction_digits < 0) {
        n = shortest_digits(d, dig, &point);
    } else {
        n = fraction_digits + 1;
        precision_digits(d, dig, n, &point);
    }
    return finish(buf, put_exponential(p, dig, n, point - 1));
}

size_t js_dtoa_precision(char *buf, double d, int precision)
{
    const char *name = nonfinite_name(d);
    if (name)
        return finish(buf, put_str(buf, name));
    assert(precision >= 1 && precision <= 100);
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    char dig[104];
    int point;
    if (d == 0) {
        memset(dig, '0', (size_t)precision);
        point = 1;
    } else {
        precision_digits(d, dig, precision, &point);
    }
    int e = point - 1;
    if (e < -6 || e >= precision)
        return finish(buf, put_exponential(p, dig, precision, e));
    if (e >= 0) {
        p = put_digits(p, dig, e + 1);
        if (precision > e + 1) {
            *p++ = '.';
            p = put_digits(p, dig + e + 1, precision - (e + 1));
        }
        return finish(buf, p);
    }
    p = put_str(p, "0.");
    p = put_zeros(p, -(e + 1));
    return finish(buf, put_digits(p, dig, precision));
}

/* ---------------------------------------------------------------------
 * Radix output
 *
 * V8 prints in double arithmetic and scripts see its digits, so its
 * observable behaviour is reproduced here rather than exact digits (this
 * assumes double arithmetic without excess precision, as on x86-64 and
 * AArch64):
 *  - fraction digits come from repeatedly multiplying the fraction by the
 *    radix; delta, half the gap to the next double (at least the smallest
 *    subnormal), is scaled alongside, and generation stops as soon as the
 *    remaining fraction is below delta. When the rest is above one half
 *    (or exactly one half after an odd digit) and rounding up stays within
 *    delta, the digits are rounded up, dropping digits that overflow, and
 *    a carry past the point increments the integer part;
 *  - integer digits below the precision of a double are printed as '0':
 *    while integer / radix is at least 2^53 the integer is divided
 *    (rounded) by the radix and a zero is emitted.
 * ------------------------------------------------------------------- */

#define RADIX_SIDE_MAX 1100 /* 1075 binary fraction digits, 1024 integer digits */

/* Fraction digits (as values) of frac; may increment *integer. */
static int radix_fraction(double value, double frac, double *integer, int radix, char *out)
{
    double delta = 0.5 * (nextafter(value, INFINITY) - value);
    if (delta < DBL_TRUE_MIN)
        delta = DBL_TRUE_MIN;
    int n = 0;
    if (!(frac >= delta))
        return 0;
    do {
        frac *= radix;
        delta *= radix;
        int digit = (int)frac;
        out[n++] = (char)digit;
        frac -= digit;
        if ((frac > 0.5 || (frac == 0.5 && (digit & 1))) && frac + delta > 1) {
            while (n > 0 && out[n - 1] + 1 == radix)
                n--;
            if (n > 0)
                out[n - 1]++;
            else
                *integer += 1;
            return n;
        }
    } while (frac >= delta);
    return n;
}

/* Integer digits, least significant first. */
static int radix_integer(double integer, int radix, char *out)
{
    int n = 0;
    while (integer / radix >= TWO_POW_53) {
        integer /= radix;
        out[n++] = 0;
    }
    /* above 2^53, integer - rem may round, and V8's digits show it */
    for (; integer >= TWO_POW_53; integer = (integer - fmod(integer, radix)) / radix)
        out[n++] = (char)fmod(integer, radix);
    /* below, the same steps are exact: use integer arithmetic */
    uint64_t v = (uint64_t)integer;
    do {
        out[n++] = (char)(v % (unsigned)radix);
        v /= (unsigned)radix;
    } while (v > 0);
    return n;
}

size_t js_dtoa_radix(char *buf, double d, int radix)
{
    assert(radix >= 2 && radix <= 36);
    if (radix == 10 || !isfinite(d))
        return js_dtoa_shortest(buf, d);
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    char frac_dig[RADIX_SIDE_MAX], int_dig[RADIX_SIDE_MAX];
    double integer = floor(d);
    int nfrac = radix_fraction(d, d - integer, &integer, radix, frac_dig);
    int nint = radix_integer(integer, radix, int_dig);
    while (nint > 0)
        *p++ = radix_digits[(int)int_dig[--nint]];
    if (nfrac > 0) {
        *p++ = '.';
        for (int i = 0; i < nfrac; i++)
            *p++ = radix_digits[(int)frac_dig[i]];
    }
    return finish(buf, p);
}

/* ---------------------------------------------------------------------
 * Decimal parsing
 * ------------------------------------------------------------------- */

/* More than the 767 significant digits a half-way point can have. */
#define STRTOD_MAX_SIG 780

/* The decimal significand as parsed: value = digits * 10^exp10, where
   digits has no leading zero. */
typedef struct {
    char dig[STRTOD_MAX_SIG + 1]; /* digit values, not characters */
    int n;
    bool dropped_nonzero; /* a nonzero digit beyond STRTOD_MAX_SIG was dropped */
    int64_t exp10;
} DecimalSig;

static bool is_dec_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void sig_push(DecimalSig *ds, char c, bool after_point)
{
    if (ds->n == 0 && c == '0') {
        ds->exp10 -= after_point;
    } else if (ds->n < STRTOD_MAX_SIG) {
        ds->dig[ds->n++] = (char)(c - '0');
        ds->exp10 -= after_point;
    } else {
        /* a dropped digit before the point still scales the kept ones */
        ds->exp10 += !after_point;
        ds->dropped_nonzero |= c != '0';
    }
}

/* Parses the grammar of js_strtod into ds; returns the bytes consumed. */
static size_t parse_decimal(const char *buf, size_t len, DecimalSig *ds)
{
    size_t i = 0;
    bool any = false;
    ds->n = 0;
    ds->dropped_nonzero = false;
    ds->exp10 = 0;
    for (; i < len && is_dec_digit(buf[i]); i++, any = true)
        sig_push(ds, buf[i], false);
    if (i < len && buf[i] == '.') {
        size_t j = i + 1;
        for (; j < len && is_dec_digit(buf[j]); j++, any = true)
            sig_push(ds, buf[j], true);
        if (any)
            i = j;
    }
    if (!any)
        return 0;
    if (i < len && (buf[i] == 'e' || buf[i] == 'E')) {
        size_t j = i + 1;
        bool neg = false;
        if (j < len && (buf[j] == '+' || buf[j] == '-'))
            neg = buf[j++] == '-';
        if (j < len && is_dec_digit(buf[j])) {
            /* beyond 10^10 the result is 0 or Infinity whatever the digits */
            int64_t x = 0;
            for (; j < len && is_dec_digit(buf[j]); j++) {
                if (x < 10000000000)
                    x = x * 10 + (buf[j] - '0');
            }
            ds->exp10 += neg ? -x : x;
            i = j;
        }
    }
    return i;
}

/* Clinger's fast path: exact when the significand and 10^|exp10| are both
   exact doubles, since one IEEE multiplication or division rounds
   correctly. Needs double arithmetic without excess precision. */
static bool strtod_fast(uint64_t sig, int exp10, double *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    static const double pow10[23] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    if (sig > ((uint64_t)1 << 53) || exp10 < -22 || exp10 > 22 + 15)
        return false;
    if (exp10 < 0) {
        *out = (double)sig / pow10[-exp10];
        return true;
    }
    /* 123e30 = 123000000000e22: move the excess into the significand */
    for (; exp10 > 22; exp10--) {
        sig *= 10;
        if (sig > ((uint64_t)1 << 53))
            return false;
    }
    *out = (double)sig * pow10[exp10];
    return true;
#else
    (void)sig;
    (void)exp10;
    (void)out;
    return false; /* the big-integer path handles everything */
#endif
}

/* Significands of up to 19 digits with |exp10| <= 27, exactly in 128 bits:
   sig * 5^exp10 is an integer below 2^127, and sig / 5^-exp10 is one
   division whose remainder is the sticky bit. */
static bool strtod_u128(uint64_t sig, int exp10, double *out)
{
#if defined(__SIZEOF_INT128__)
    if (exp10 < -27 || exp10 > 27)
        return false;
    u128 x;
    int exp2 = exp10; /* 10^exp10 = 5^exp10 2^exp10 */
    bool sticky = false;
    if (exp10 >= 0) {
        x = (u128)sig * pow5_u64[exp10];
    } else {
        /* a quotient of at least 2^63 keeps 11 bits below the last one
           a double holds, so the remainder only needs to be a sticky bit */
        int sh = 127 - u128_bits(sig);
        u128 num = (u128)sig << sh;
        x = num / pow5_u64[-exp10];
        sticky = num - x * pow5_u64[-exp10] != 0;
        exp2 -= sh;
    }
    int excess = u128_bits(x) - 64;
    if (excess > 0) {
        sticky |= (x & (((u128)1 << excess) - 1)) != 0;
        x >>= excess;
        exp2 += excess;
    }
    *out = f64_round((uint64_t)x, exp2, sticky);
    return true;
#else
    (void)sig;
    (void)exp10;
    (void)out;
    return false; /* the big-integer path handles everything */
#endif
}

/* Sign of D / 10^n - m * 2^j, given P = 5^n. */
static int cmp_decimal(const Big *D, const Big *P, int n, uint64_t m, int j)
{
    Big lhs, rhs, mb;
    big_copy(&lhs, D);
    big_set_u64(&mb, m);
    big_mul(&rhs, P, &mb);
    /* D / (5^n 2^n) vs m 2^j  <=>  D vs m 5^n 2^(n+j) */
    int t = n + j;
    if (t >= 0)
        big_shl(&rhs, t);
    else
        big_shl(&lhs, -t);
    return big_cmp(&lhs, &rhs);
}

/* Neighbours of the double m * 2^e (m normalised to 53 bits unless e is
   the subnormal exponent). Returns false on overflow past DBL_MAX. */
static bool step_up(uint64_t *m, int *e)
{
    if (++*m == F64_HIDDEN << 1) {
        *m = F64_HIDDEN;
        ++*e;
    }
    return *e <= F64_MAX_EXP2;
}

static void step_down(uint64_t *m, int *e)
{
    if (*m == F64_HIDDEN && *e > F64_MIN_EXP2) {
        *m = (F64_HIDDEN << 1) - 1;
        --*e;
    } else {
        --*m;
    }
}

/* D / 10^n correctly rounded: starting from an estimate within a few ulps,
   move to a neighbour while the exact value lies beyond the half-way
   point on that side. */
static double strtod_negative_exp(const Big *D, int n)
{
    Big P;
    big_set_u64(&P, 1);
    big_mul_pow5(&P, n);
    int de, pe;
    bool sticky;
    uint64_t dtop = big_top64(D, &de, &sticky);
    uint64_t ptop = big_top64(&P, &pe, &sticky);
    double guess = ldexp((double)dtop / (double)ptop, de - pe - n);
    if (guess > DBL_MAX)
        guess = DBL_MAX;
    uint64_t m = 0;
    int e = F64_MIN_EXP2;
    if (guess > 0)
        f64_decompose(guess, &m, &e);
    for (;;) {
        int c = cmp_decimal(D, &P, n, 2 * m + 1, e - 1);
        if (c > 0 || (c == 0 && (m & 1))) {
            if (!step_up(&m, &e))
                return INFINITY;
            if (c > 0)
                continue;
            break;
        }
        if (c == 0 || m == 0)
            break;
        /* the gap below a binade's first double is half the gap above */
        if (m == F64_HIDDEN && e > F64_MIN_EXP2)
            c = cmp_decimal(D, &P, n, 4 * m - 1, e - 2);
        else
            c = cmp_decimal(D, &P, n, 2 * m - 1, e - 1);
        if (c < 0 || (c == 0 && (m & 1))) {
            step_down(&m, &e);
            if (c < 0)
                continue;
        }
        break;
    }
    return ldexp((double)m, e);
}

static double strtod_exact(const DecimalSig *ds, int exp10)
{
    Big D;
    D.len = 0;
    for (int i = 0; i < ds->n;) {
        uint32_t chunk = 0, mul = 1;
        for (; i < ds->n && mul < 1000000000; i++, mul *= 10)
            chunk = chunk * 10 + (uint32_t)ds->dig[i];
        big_muladd(&D, mul, chunk);
    }
    if (exp10 >= 0) {
        big_mul_pow5(&D, exp10);
        return big_to_double(&D, exp10);
    }
    return strtod_negative_exp(&D, -exp10);
}

double js_strtod(const char *buf, size_t len, size_t *pend)
{
    DecimalSig ds;
    size_t used = parse_decimal(buf, len, &ds);
    *pend = used;
    if (used == 0)
        return NAN;
    if (ds.n == 0)
        return 0.0;
    if (ds.dropped_nonzero) {
        ds.dig[ds.n++] = 1;
        ds.exp10--;
    } else {
        while (ds.dig[ds.n - 1] == 0) {
            ds.n--;
            ds.exp10++;
        }
    }
    /* value in [10^lead, 10^(lead+1)): 1e309 overflows, 1e-324 < 2^-1075 */
    int64_t lead = ds.n - 1 + ds.exp10;
    if (lead >= 309)
        return INFINITY;
    if (lead <= -325)
        return 0.0;
    int exp10 = (int)ds.exp10;
    if (ds.n <= 19) {
        uint64_t sig = 0;
        double v;
        for (int i = 0; i < ds.n; i++)
            sig = sig * 10 + (uint64_t)ds.dig[i];
        if (strtod_fast(sig, exp10, &v) || strtod_u128(sig, exp10, &v))
            return v;
    }
    return strtod_exact(&ds, exp10);
}

/* ---------------------------------------------------------------------
 * Radix parsing
 * ------------------------------------------------------------------- */

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return (c | 0x20) - 'a' + 10;
}

/* Exact bits: gather the leading 59 or more bits, then only a sticky bit
   and the exponent for the rest, and round once. */
static double atod_pow2(const char *s, size_t len, int bits)
{
    uint64_t mant = 0;
    int exp2 = 0;
    bool sticky = false;
    size_t i = 0;
    for (; i < len && !(mant >> (64 - bits)); i++)
        mant = mant << bits | (uint64_t)digit_value(s[i]);
    for (; i < len; i++) {
        sticky |= s[i] != '0';
        if (exp2 < 2000) /* already far beyond the largest double */
            exp2 += bits;
    }
    return f64_round(mant, exp2, sticky);
}

double js_atod_radix(const char *buf, size_t len, int radix)
{
    assert(radix >= 2 && radix <= 36);
    size_t i = 0;
    while (i < len && buf[i] == '0')
        i++;
    if ((radix & (radix - 1)) == 0)
        return atod_pow2(buf + i, len - i, 31 - clz32((uint32_t)radix));
    uint64_t acc = 0;
    for (; i < len; i++) {
        uint64_t d = (uint64_t)digit_value(buf[i]);
        if (acc > (UINT64_MAX - d) / (uint64_t)radix)
            break;
        acc = acc * (uint64_t)radix + d;
    }
    if (i == len)
        return f64_round(acc, 0, false);
    Big x;
    big_set_u64(&x, acc);
    while (i < len) {
        uint32_t chunk = 0, mul = 1;
        for (; i < len && mul <= UINT32_MAX / (uint32_t)radix; i++, mul *= (uint32_t)radix)
            chunk = chunk * (uint32_t)radix + (uint32_t)digit_value(buf[i]);
        big_muladd(&x, mul, chunk);
        if (x.len > 34) /* at least 2^1056: no double is that large */
            return INFINITY;
    }
    return big_to_double(&x, 0);
}
