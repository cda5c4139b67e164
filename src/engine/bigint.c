/*
 * bigint.c — arbitrary-precision integers: the BigInt value type, its
 * arithmetic, conversions and comparisons (ECMA-262 §6.1.6.2).
 *
 * Layout (see bigint.h): sign-magnitude, 32-bit limbs, least significant
 * limb first, normalized. 32-bit limbs keep every double-limb product in a
 * plain uint64_t (portable C11, no 128-bit extension). The file has three
 * layers:
 *  1. mp_*: arithmetic on raw magnitudes (limb arrays): addition,
 *     subtraction, schoolbook and Karatsuba multiplication, Knuth's
 *     algorithm D and Burnikel-Ziegler recursive division, shifts. They
 *     know nothing about JSValues; the ones that need scratch memory take a
 *     ctx and return -1 when the allocation fails.
 *  2. JSBigInt helpers: allocation, normalization, the int64 fast paths.
 *  3. The engine entry points declared in bigint.h.
 * Values are immutable once shared: an operator returns a new block, except
 * that an int64 result may overwrite an operand whose only reference the
 * operator was given (see js_bigint_set_small).
 */
#include <math.h>

#include "bigint.h"
#include "conv.h"
#include "error.h"
#include "str.h"
#include "unicode.h"

typedef uint64_t js_dlimb_t;

/* the largest block js_bigint_alloc hands out */
#define JS_BIGINT_MAX_LIMBS (JS_BIGINT_MAX_BITS / JS_LIMB_BITS + 1)
/* below this many limbs (of the shorter operand) schoolbook multiplication
   beats Karatsuba */
#define MP_KARATSUBA_THRESHOLD 32

static const char js_bigint_digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* =====================================================================
 * 1. Magnitudes
 * ===================================================================== */
static inline int mp_clz(js_limb_t a) { return __builtin_clz(a); }

static inline size_t mp_normalized_len(const js_limb_t *a, size_t n)
{
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

/* bit length of a normalized magnitude */
static uint64_t mp_bitlen(const js_limb_t *a, size_t n)
{
    return n == 0 ? 0 : (uint64_t)n * JS_LIMB_BITS - mp_clz(a[n - 1]);
}

/* compares two normalized magnitudes */
static int mp_cmp(const js_limb_t *a, size_t na, const js_limb_t *b, size_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    while (na-- > 0) {
        if (a[na] != b[na])
            return a[na] < b[na] ? -1 : 1;
    }
    return 0;
}

/* r[0..n) = a + b + carry; returns the carry out (r may alias a or b) */
static js_limb_t mp_add_n(js_limb_t *r, const js_limb_t *a, const js_limb_t *b, size_t n,
                          js_limb_t carry)
{
    for (size_t i = 0; i < n; i++) {
        js_dlimb_t t = (js_dlimb_t)a[i] + b[i] + carry;
        r[i] = (js_limb_t)t;
        carry = (js_limb_t)(t >> JS_LIMB_BITS);
    }
    return carry;
}

/* r[0..n) = a + carry */
static js_limb_t mp_add_1(js_limb_t *r, const js_limb_t *a, size_t n, js_limb_t carry)
{
    for (size_t i = 0; i < n; i++) {
        js_limb_t t = a[i] + carry;
        carry = t < carry;
        r[i] = t;
    }
    return carry;
}

/* r[0..n) += carry in place, stopping as soon as the carry dies */
static js_limb_t mp_inc(js_limb_t *r, size_t n, js_limb_t carry)
{
    for (size_t i = 0; carry && i < n; i++) {
        r[i] += carry;
        carry = r[i] < carry;
    }
    return carry;
}

/* r[0..na) = a + b for na >= nb; returns the carry out */
static js_limb_t mp_add(js_limb_t *r, const js_limb_t *a, size_t na, const js_limb_t *b, size_t nb)
{
    js_limb_t carry = mp_add_n(r, a, b, nb, 0);
    return mp_add_1(r + nb, a + nb, na - nb, carry);
}

/* r[0..n) = a - b - borrow; returns the borrow out */
static js_limb_t mp_sub_n(js_limb_t *r, const js_limb_t *a, const js_limb_t *b, size_t n,
                          js_limb_t borrow)
{
    for (size_t i = 0; i < n; i++) {
        js_dlimb_t t = (js_dlimb_t)a[i] - b[i] - borrow;
        r[i] = (js_limb_t)t;
        borrow = (js_limb_t)(t >> JS_LIMB_BITS) & 1;
    }
    return borrow;
}

/* r[0..n) = a - borrow */
static js_limb_t mp_sub_1(js_limb_t *r, const js_limb_t *a, size_t n, js_limb_t borrow)
{
    for (size_t i = 0; i < n; i++) {
        js_limb_t t = a[i] - borrow;
        borrow = a[i] < borrow;
        r[i] = t;
    }
    return borrow;
}

/* r[0..na) = a - b for a >= b (na >= nb) */
static void mp_sub(js_limb_t *r, const js_limb_t *a, size_t na, const js_limb_t *b, size_t nb)
{
    js_limb_t borrow = mp_sub_n(r, a, b, nb, 0);
    mp_sub_1(r + nb, a + nb, na - nb, borrow);
}

/* r[0..n) = a * b + carry; returns the high limb */
static js_limb_t mp_mul_1(js_limb_t *r, const js_limb_t *a, size_t n, js_limb_t b,
                          js_limb_t carry)
{
    for (size_t i = 0; i < n; i++) {
        js_dlimb_t t = (js_dlimb_t)a[i] * b + carry;
        r[i] = (js_limb_t)t;
        carry = (js_limb_t)(t >> JS_LIMB_BITS);
    }
    return carry;
}

/* r[0..n) += a * b; returns the carry limb. (2^32-1)^2 + 2 (2^32-1) is
   exactly 2^64-1, so the double limb never overflows. */
static js_limb_t mp_addmul_1(js_limb_t *r, const js_limb_t *a, size_t n, js_limb_t b)
{
    js_limb_t carry = 0;
    for (size_t i = 0; i < n; i++) {
        js_dlimb_t t = (js_dlimb_t)a[i] * b + r[i] + carry;
        r[i] = (js_limb_t)t;
        carry = (js_limb_t)(t >> JS_LIMB_BITS);
    }
    return carry;
}

/* u[0..n] -= q * v[0..n); returns 1 when the result went negative */
static int mp_submul_1(js_limb_t *u, const js_limb_t *v, size_t n, js_limb_t q)
{
    js_limb_t carry = 0, borrow = 0;
    js_dlimb_t t;
    for (size_t i = 0; i < n; i++) {
        js_dlimb_t p = (js_dlimb_t)q * v[i] + carry;
        carry = (js_limb_t)(p >> JS_LIMB_BITS);
        t = (js_dlimb_t)u[i] - (js_limb_t)p - borrow;
        u[i] = (js_limb_t)t;
        borrow = (js_limb_t)(t >> JS_LIMB_BITS) & 1;
    }
    t = (js_dlimb_t)u[n] - carry - borrow;
    u[n] = (js_limb_t)t;
    return (t >> JS_LIMB_BITS) != 0;
}

/* r[0..na+nb) = a * b, nb >= 1 */
static void mp_mul_basecase(js_limb_t *r, const js_limb_t *a, size_t na, const js_limb_t *b,
                            size_t nb)
{
    r[na] = mp_mul_1(r, a, na, b[0], 0);
    for (size_t j = 1; j < nb; j++)
        r[na + j] = mp_addmul_1(r + j, a, na, b[j]);
}

static int mp_mul(JSContext *ctx, js_limb_t *r, const js_limb_t *a, size_t na, const js_limb_t *b,
                  size_t nb);

/* na >= 2 nb: multiplies b by nb-limb slices of a, so that each product is
   balanced enough for Karatsuba */
static int mp_mul_unbalanced(JSContext *ctx, js_limb_t *r, const js_limb_t *a, size_t na,
                             const js_limb_t *b, size_t nb)
{
    js_limb_t *t = js_malloc(ctx, 2 * nb * sizeof(js_limb_t));
    if (!t)
        return -1;
    memset(r, 0, (na + nb) * sizeof(js_limb_t));
    for (size_t off = 0; off < na; off += nb) {
        size_t k = na - off < nb ? na - off : nb;
        js_limb_t carry;
        if (mp_mul(ctx, t, a + off, k, b, nb) < 0) {
            js_free(ctx, t);
            return -1;
        }
        carry = mp_add_n(r + off, r + off, t, k + nb, 0);
        mp_inc(r + off + k + nb, na - off - k, carry);
    }
    js_free(ctx, t);
    return 0;
}

/* Karatsuba for nb <= na < 2 nb. With B = 2^32, h = na / 2,
   a = a1 B^h + a0 and b = b1 B^h + b0 (b1 is not empty since nb > h):
   a b = z2 B^2h + z1 B^h + z0 with z0 = a0 b0, z2 = a1 b1 and
   z1 = (a0 + a1)(b0 + b1) - z0 - z2, three half-size products instead of
   four. z0 and z2 are computed straight into r. */
static int mp_mul_karatsuba(JSContext *ctx, js_limb_t *r, const js_limb_t *a, size_t na,
                            const js_limb_t *b, size_t nb)
{
    size_t h = na / 2, n1 = na - h, m1 = nb - h;
    size_t ls = n1 + 1, lt = (m1 > h ? m1 : h) + 1, lz = ls + lt;
    js_limb_t *s, *t, *z, carry;
    int ret = -1;

    s = js_malloc(ctx, (ls + lt + lz) * sizeof(js_limb_t));
    if (!s)
        return -1;
    t = s + ls;
    z = t + lt;
    if (mp_mul(ctx, r, a, h, b, h) < 0 || mp_mul(ctx, r + 2 * h, a + h, n1, b + h, m1) < 0)
        goto done;
    s[n1] = mp_add(s, a + h, n1, a, h);
    if (m1 >= h)
        t[lt - 1] = mp_add(t, b + h, m1, b, h);
    else
        t[lt - 1] = mp_add(t, b, h, b + h, m1);
    if (mp_mul(ctx, z, s, ls, t, lt) < 0)
        goto done;
    mp_sub(z, z, lz, r, 2 * h);
    mp_sub(z, z, lz, r + 2 * h, na + nb - 2 * h);
    /* z1 < B^(na+nb-h) because the whole product fits in na+nb limbs */
    lz = mp_normalized_len(z, lz);
    carry = mp_add_n(r + h, r + h, z, lz, 0);
    mp_inc(r + h + lz, na + nb - h - lz, carry);
    ret = 0;
done:
    js_free(ctx, s);
    return ret;
}

/* r[0..na+nb) = a * b; r must not overlap a or b (a and b may be equal) */
static int mp_mul(JSContext *ctx, js_limb_t *r, const js_limb_t *a, size_t na, const js_limb_t *b,
                  size_t nb)
{
    if (na < nb) {
        const js_limb_t *tp = a;
        size_t tn = na;
        a = b;
        na = nb;
        b = tp;
        nb = tn;
    }
    if (nb < MP_KARATSUBA_THRESHOLD) {
        if (nb == 0)
            memset(r, 0, na * sizeof(js_limb_t));
        else
            mp_mul_basecase(r, a, na, b, nb);
        return 0;
    }
    if (na >= 2 * nb)
        return mp_mul_unbalanced(ctx, r, a, na, b, nb);
    return mp_mul_karatsuba(ctx, r, a, na, b, nb);
}

/* q[0..n) = a / d (q may alias a, or be NULL); returns a mod d */
static js_limb_t mp_divrem_1(js_limb_t *q, const js_limb_t *a, size_t n, js_limb_t d)
{
    js_dlimb_t rem = 0;
    for (size_t i = n; i-- > 0;) {
        js_dlimb_t t = (rem << JS_LIMB_BITS) | a[i];
        if (q)
            q[i] = (js_limb_t)(t / d);
        rem = t % d;
    }
    return (js_limb_t)rem;
}

/* r[0..n) = a << shift, 0 <= shift < 32; returns the bits shifted out. r
   may alias a, or sit above it. */
static js_limb_t mp_shl(js_limb_t *r, const js_limb_t *a, size_t n, int shift)
{
    js_limb_t out;
    if (n == 0)
        return 0;
    if (shift == 0) {
        memmove(r, a, n * sizeof(js_limb_t));
        return 0;
    }
    out = a[n - 1] >> (JS_LIMB_BITS - shift);
    for (size_t i = n - 1; i > 0; i--)
        r[i] = (a[i] << shift) | (a[i - 1] >> (JS_LIMB_BITS - shift));
    r[0] = a[0] << shift;
    return out;
}

/* r[0..n) = a >> shift, 0 <= shift < 32; returns the bits shifted out (at
   the top of the limb). r may alias a, or sit below it. */
static js_limb_t mp_shr(js_limb_t *r, const js_limb_t *a, size_t n, int shift)
{
    js_limb_t out;
    if (n == 0)
        return 0;
    if (shift == 0) {
        memmove(r, a, n * sizeof(js_limb_t));
        return 0;
    }
    out = a[0] << (JS_LIMB_BITS - shift);
    for (size_t i = 0; i + 1 < n; i++)
        r[i] = (a[i] >> shift) | (a[i + 1] << (JS_LIMB_BITS - shift));
    r[n - 1] = a[n - 1] >> shift;
    return out;
}

/* Knuth's algorithm D (TAOCP vol. 2, §4.3.1): q[0..na-nb] = a / b and
   r[0..nb) = a mod b, for na >= nb >= 2 and b normalized; q or r may be
   NULL (a may have leading zero limbs). The divisor is shifted so that its top bit is set, which makes the
   two-limb estimate of each quotient limb at most 2 too large. */
static int mp_divrem_knuth(JSContext *ctx, js_limb_t *q, js_limb_t *r, const js_limb_t *a,
                           size_t na, const js_limb_t *b, size_t nb)
{
    int shift = mp_clz(b[nb - 1]);
    js_limb_t *u, *v, vtop, vnext;

    u = js_malloc(ctx, (na + 1 + nb) * sizeof(js_limb_t));
    if (!u)
        return -1;
    v = u + na + 1;
    mp_shl(v, b, nb, shift);
    u[na] = mp_shl(u, a, na, shift);
    vtop = v[nb - 1];
    vnext = v[nb - 2];
    for (size_t j = na - nb + 1; j-- > 0;) {
        js_dlimb_t num = ((js_dlimb_t)u[j + nb] << JS_LIMB_BITS) | u[j + nb - 1];
        js_dlimb_t qhat = num / vtop, rhat = num % vtop;
        /* the first test keeps qhat * vnext from overflowing */
        while (qhat > 0xffffffffu ||
               qhat * vnext > ((rhat << JS_LIMB_BITS) | u[j + nb - 2])) {
            qhat--;
            rhat += vtop;
            if (rhat > 0xffffffffu)
                break;
        }
        if (mp_submul_1(u + j, v, nb, (js_limb_t)qhat)) {
            /* qhat was one too large (rare): add the divisor back */
            qhat--;
            u[j + nb] += mp_add_n(u + j, u + j, v, nb, 0);
        }
        if (q)
            q[j] = (js_limb_t)qhat;
    }
    if (r)
        mp_shr(r, u, nb, shift);
    js_free(ctx, u);
    return 0;
}

/* Burnikel and Ziegler's recursive division ("Fast Recursive Division",
   1998): a 2n-by-n division is two 3h-by-2h divisions (h = n/2), each one
   recursive h-limb division plus one h-by-h product, so large divisions
   run at the speed of Karatsuba multiplication instead of in quadratic
   time. Below the threshold (or for odd sizes) Knuth's algorithm D. */
#define MP_BZ_THRESHOLD 60

static int mp_cmp_n(const js_limb_t *a, const js_limb_t *b, size_t n)
{
    while (n-- > 0) {
        if (a[n] != b[n])
            return a[n] < b[n] ? -1 : 1;
    }
    return 0;
}

static int mp_div_2n1n(JSContext *ctx, js_limb_t *q, js_limb_t *r, const js_limb_t *a,
                       const js_limb_t *b, size_t n);

/* q[0..h) and r[0..2h) for a of 3h limbs and b of 2h limbs (top bit set)
   with a < b B^h: the quotient is estimated from the top two thirds and the
   top half of b, then corrected (at most twice) */
static int mp_div_3n2n(JSContext *ctx, js_limb_t *q, js_limb_t *r, const js_limb_t *a,
                       const js_limb_t *b, size_t h)
{
    size_t n = 2 * h;
    js_limb_t *x, *d;
    int ret = -1;

    x = js_malloc(ctx, (2 * n + 1) * sizeof(js_limb_t));
    if (!x)
        return -1;
    d = x + n + 1;
    /* x = [R1 A3] where R1 = [A1 A2] - q B1 (one more limb when q is the
       B^h - 1 guess, which only happens when A1 = B1) */
    memcpy(x, a, h * sizeof(js_limb_t));
    if (mp_cmp_n(a + n, b + h, h) < 0) {
        if (mp_div_2n1n(ctx, q, x + h, a + h, b + h, h) < 0)
            goto done;
        x[n] = 0;
    } else {
        memset(q, 0xff, h * sizeof(js_limb_t));
        x[n] = mp_add_n(x + h, a + h, b + h, h, 0);
    }
    if (mp_mul(ctx, d, q, h, b, h) < 0)
        goto done;
    /* r = x - q B2, adding b back while it is negative */
    if (x[n] || mp_cmp_n(x, d, n) >= 0) {
        mp_sub_n(r, x, d, n, 0);
    } else {
        mp_sub_n(d, d, x, n, 0);
        for (;;) {
            mp_sub_1(q, q, h, 1);
            if (mp_cmp_n(d, b, n) <= 0) {
                mp_sub_n(r, b, d, n, 0);
                break;
            }
            mp_sub_n(d, d, b, n, 0);
        }
    }
    ret = 0;
done:
    js_free(ctx, x);
    return ret;
}

/* q[0..n) = a / b and r[0..n) = a mod b for a of 2n limbs and b of n limbs
   with its top bit set, a < b B^n */
static int mp_div_2n1n(JSContext *ctx, js_limb_t *q, js_limb_t *r, const js_limb_t *a,
                       const js_limb_t *b, size_t n)
{
    size_t h = n / 2;
    js_limb_t *t;
    int ret;

    if ((n & 1) || n < MP_BZ_THRESHOLD) {
        /* Knuth's quotient has n + 1 limbs, the top one zero */
        t = js_malloc(ctx, (n + 1) * sizeof(js_limb_t));
        if (!t)
            return -1;
        ret = mp_divrem_knuth(ctx, t, r, a, 2 * n, b, n);
        memcpy(q, t, n * sizeof(js_limb_t));
        js_free(ctx, t);
        return ret;
    }
    t = js_malloc(ctx, 3 * h * sizeof(js_limb_t));
    if (!t)
        return -1;
    /* [A1 A2 A3] / b gives the high half of q and R; then [R A4] / b */
    ret = mp_div_3n2n(ctx, q + h, t + h, a + h, b, h);
    if (ret == 0) {
        memcpy(t, a, h * sizeof(js_limb_t));
        ret = mp_div_3n2n(ctx, q, r, t, b, h);
    }
    js_free(ctx, t);
    return ret;
}

/* mp_divrem for large divisors: b is shifted to a block size n = j 2^k
   (j <= MP_BZ_THRESHOLD) with its top bit set, a by the same amount, and
   the quotient is produced n limbs at a time, from the top */
static int mp_divrem_bz(JSContext *ctx, js_limb_t *q, js_limb_t *r, const js_limb_t *a,
                        size_t na, const js_limb_t *b, size_t nb)
{
    size_t m = 1, n, limb_shift, la, t, i;
    int bit_shift = mp_clz(b[nb - 1]), ret = -1;
    js_limb_t *bp, *ap, *z, *qq, *rem;

    while (m * MP_BZ_THRESHOLD <= nb)
        m *= 2;
    n = (nb + m - 1) / m * m;
    limb_shift = n - nb;
    la = na + limb_shift + 1;
    /* the top block is then below B^(n-1) <= b' */
    t = la / n + 1;
    bp = js_malloc(ctx, (n + t * n + 2 * n + (t - 1) * n + n) * sizeof(js_limb_t));
    if (!bp)
        return -1;
    ap = bp + n;
    z = ap + t * n;
    qq = z + 2 * n;
    rem = qq + (t - 1) * n;
    memset(bp, 0, limb_shift * sizeof(js_limb_t));
    mp_shl(bp + limb_shift, b, nb, bit_shift);
    memset(ap, 0, t * n * sizeof(js_limb_t));
    ap[limb_shift + na] = mp_shl(ap + limb_shift, a, na, bit_shift);
    memcpy(z, ap + (t - 2) * n, 2 * n * sizeof(js_limb_t));
    for (i = t - 1; i-- > 0;) {
        if (mp_div_2n1n(ctx, qq + i * n, rem, z, bp, n) < 0)
            goto done;
        if (i > 0) {
            memcpy(z + n, rem, n * sizeof(js_limb_t));
            memcpy(z, ap + (i - 1) * n, n * sizeof(js_limb_t));
        }
    }
    /* (t - 1) n >= na - nb + 1, and the limbs above are zero */
    if (q)
        memcpy(q, qq, (na - nb + 1) * sizeof(js_limb_t));
    if (r)
        mp_shr(r, rem + limb_shift, nb, bit_shift);
    ret = 0;
done:
    js_free(ctx, bp);
    return ret;
}

/* q[0..na-nb] = a / b and r[0..nb) = a mod b, for na >= nb >= 2 and b
   normalized; q or r may be NULL */
static int mp_divrem(JSContext *ctx, js_limb_t *q, js_limb_t *r, const js_limb_t *a, size_t na,
                     const js_limb_t *b, size_t nb)
{
    if (nb >= MP_BZ_THRESHOLD && na - nb >= MP_BZ_THRESHOLD)
        return mp_divrem_bz(ctx, q, r, a, na, b, nb);
    return mp_divrem_knuth(ctx, q, r, a, na, b, nb);
}

/* =====================================================================
 * 2. JSBigInt blocks
 * ===================================================================== */
static JSValue js_bigint_throw_too_big(JSContext *ctx)
{
    return JS_ThrowRangeError(ctx, "Maximum BigInt size exceeded");
}

/* Every block has room for at least JS_BIGINT_MIN_LIMBS limbs (malloc's
   smallest chunk holds them anyway), so that any int64 result can be
   written over an operand nobody else references (js_bigint_set_small). */
#define JS_BIGINT_MIN_LIMBS 2

static size_t js_bigint_block_size(size_t len)
{
    return sizeof(JSBigInt) + (len < JS_BIGINT_MIN_LIMBS ? JS_BIGINT_MIN_LIMBS : len) *
                                  sizeof(js_limb_t);
}

/* a block of len limbs (contents uninitialized), positive */
static JSBigInt *js_bigint_alloc(JSContext *ctx, size_t len)
{
    JSBigInt *r;
    if (len > JS_BIGINT_MAX_LIMBS) {
        js_bigint_throw_too_big(ctx);
        return NULL;
    }
    r = js_malloc(ctx, js_bigint_block_size(len));
    if (!r)
        return NULL;
    r->header.ref_count = 1;
    r->len = len;
    r->sign = 0;
    return r;
}

/* normalizes r (drops leading zero limbs, no negative zero) and returns it
   as a value; a block much larger than its value is shrunk */
static JSValue js_bigint_finish(JSContext *ctx, JSBigInt *r)
{
    size_t n = mp_normalized_len(r->tab, r->len);
    if (n == 0)
        r->sign = 0;
    if (n + 8 < r->len) {
        JSBigInt *s = js_realloc_rt(ctx->rt, r, js_bigint_block_size(n));
        if (s)
            r = s;
    }
    r->len = n;
    return JS_MKPTR(JS_TAG_BIG_INT, r);
}

/* stores a magnitude of at most 64 bits in a block (which always has the
   room) */
static JSValue js_bigint_store_mag64(JSBigInt *r, uint64_t m, int sign)
{
    r->len = m == 0 ? 0 : (m >> JS_LIMB_BITS) ? 2 : 1;
    r->tab[0] = (js_limb_t)m;
    r->tab[1] = (js_limb_t)(m >> JS_LIMB_BITS);
    r->sign = m ? sign : 0;
    return JS_MKPTR(JS_TAG_BIG_INT, r);
}

static JSValue js_bigint_from_mag64(JSContext *ctx, uint64_t m, int sign)
{
    JSBigInt *r = js_bigint_alloc(ctx, JS_BIGINT_MIN_LIMBS);
    if (!r)
        return JS_EXCEPTION;
    return js_bigint_store_mag64(r, m, sign);
}

static JSBigInt *js_bigint_copy(JSContext *ctx, const JSBigInt *a)
{
    JSBigInt *r = js_bigint_alloc(ctx, a->len);
    if (!r)
        return NULL;
    memcpy(r->tab, a->tab, a->len * sizeof(js_limb_t));
    r->sign = a->sign;
    return r;
}

/* the low 64 bits of the magnitude */
static uint64_t js_bigint_low64(const JSBigInt *a)
{
    uint64_t m = a->len > 0 ? a->tab[0] : 0;
    if (a->len > 1)
        m |= (uint64_t)a->tab[1] << JS_LIMB_BITS;
    return m;
}

/* true when the value fits in an int64 (stored in *pv): the fast paths */
static js_force_inline bool js_bigint_get_small(const JSBigInt *a, int64_t *pv)
{
    uint64_t m;
    if (a->len > 2)
        return false;
    m = a->len == 0 ? 0 : a->len == 1 ? a->tab[0] : a->tab[0] | (uint64_t)a->tab[1] << JS_LIMB_BITS;
    if (a->sign) {
        if (m > (uint64_t)INT64_MAX + 1)
            return false;
        *pv = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
    } else {
        if (m > (uint64_t)INT64_MAX)
            return false;
        *pv = (int64_t)m;
    }
    return true;
}

static inline js_limb_t js_bigint_limb(const JSBigInt *a, size_t i)
{
    return i < a->len ? a->tab[i] : 0;
}

/* bits [pos, pos + 64) of the magnitude (zeros above the top) */
static uint64_t js_bigint_bits_at(const JSBigInt *a, uint64_t pos)
{
    size_t i = pos / JS_LIMB_BITS;
    int s = pos % JS_LIMB_BITS;
    uint64_t lo = js_bigint_limb(a, i) | (uint64_t)js_bigint_limb(a, i + 1) << JS_LIMB_BITS;
    uint64_t hi = js_bigint_limb(a, i + 2);
    return s ? (lo >> s) | (hi << (64 - s)) : lo;
}

/* true when a bit below position pos of the magnitude is set */
static bool js_bigint_any_bits_below(const JSBigInt *a, uint64_t pos)
{
    size_t i = pos / JS_LIMB_BITS;
    int s = pos % JS_LIMB_BITS;
    for (size_t j = 0; j < i && j < a->len; j++) {
        if (a->tab[j])
            return true;
    }
    return s && i < a->len && (a->tab[i] & (((js_limb_t)1 << s) - 1));
}

static uint64_t js_bigint_bitlen(const JSBigInt *a) { return mp_bitlen(a->tab, a->len); }

/* =====================================================================
 * 3. Creation and conversions
 * ===================================================================== */
JSValue js_bigint_from_int64(JSContext *ctx, int64_t v)
{
    if (v < 0)
        return js_bigint_from_mag64(ctx, (uint64_t)0 - (uint64_t)v, 1);
    return js_bigint_from_mag64(ctx, (uint64_t)v, 0);
}

JSValue js_bigint_from_uint64(JSContext *ctx, uint64_t v)
{
    return js_bigint_from_mag64(ctx, v, 0);
}

JSValue js_bigint_from_limb_bytes(JSContext *ctx, const uint8_t *buf, size_t len, bool negative)
{
    JSBigInt *r = js_bigint_alloc(ctx, len);
    if (!r)
        return JS_EXCEPTION;
    for (size_t i = 0; i < len; i++) {
        const uint8_t *q = buf + 4 * i;
        r->tab[i] = (js_limb_t)q[0] | (js_limb_t)q[1] << 8 | (js_limb_t)q[2] << 16 |
                    (js_limb_t)q[3] << 24;
    }
    r->sign = negative;
    return js_bigint_finish(ctx, r);
}

JSValue JS_NewBigInt64(JSContext *ctx, int64_t v) { return js_bigint_from_int64(ctx, v); }

JSValue JS_NewBigUint64(JSContext *ctx, uint64_t v) { return js_bigint_from_uint64(ctx, v); }

JSValue js_bigint_from_float64(JSContext *ctx, double d)
{
    double f;
    uint64_t m, lo, hi;
    int e, shift;
    size_t idx;
    JSBigInt *r;

    if (!isfinite(d) || trunc(d) != d)
        return JS_ThrowRangeError(ctx, "The number cannot be converted to a BigInt because it "
                                       "is not an integer");
    if (fabs(d) < 9223372036854775808.0)
        return js_bigint_from_int64(ctx, (int64_t)d);
    /* |d| = m 2^shift with a 53-bit integer m and shift >= 11 */
    f = frexp(fabs(d), &e);
    m = (uint64_t)ldexp(f, 53);
    shift = e - 53;
    idx = shift / JS_LIMB_BITS;
    r = js_bigint_alloc(ctx, idx + 3);
    if (!r)
        return JS_EXCEPTION;
    memset(r->tab, 0, idx * sizeof(js_limb_t));
    lo = m << (shift % JS_LIMB_BITS);
    hi = shift % JS_LIMB_BITS ? m >> (64 - shift % JS_LIMB_BITS) : 0;
    r->tab[idx] = (js_limb_t)lo;
    r->tab[idx + 1] = (js_limb_t)(lo >> JS_LIMB_BITS);
    r->tab[idx + 2] = (js_limb_t)hi;
    r->sign = d < 0;
    return js_bigint_finish(ctx, r);
}

bool js_bigint_to_bool(JSValueConst v) { return js_bigint_ptr(v)->len != 0; }

double js_bigint_to_float64(JSValueConst v)
{
    const JSBigInt *a = js_bigint_ptr(v);
    uint64_t bl = js_bigint_bitlen(a), m;
    double d;
    if (bl <= 64) {
        d = (double)js_bigint_low64(a);
    } else if (bl > 1025) {
        d = INFINITY;
    } else {
        /* the top 64 bits, with a sticky bit for everything below: the
           single rounding of the uint64 → double conversion is then the
           correct rounding of the whole number */
        m = js_bigint_bits_at(a, bl - 64);
        if (js_bigint_any_bits_below(a, bl - 64))
            m |= 1;
        d = ldexp((double)m, (int)(bl - 64));
    }
    return a->sign ? -d : d;
}

/* ---------------------------------------------------------------------
 * ToString
 * ------------------------------------------------------------------- */
/* Conversions in radices that are not powers of two work on chunks of k
   digits, chunk = radix^k being the largest power of the radix that fits
   in a limb. Long numbers are split in halves at chunk^(2^i) (divide and
   conquer: recursive division for printing, Karatsuba products for
   parsing), which beats one pass per chunk over the whole number once
   numbers have more than a few dozen limbs. The powers are computed on
   demand. */
typedef struct JSBigIntRadix {
    int radix;
    int k;
    js_limb_t chunk;
    int count;            /* powers computed so far */
    js_limb_t *pow[40];   /* pow[i] = chunk^(2^i) */
    size_t pow_len[40];
} JSBigIntRadix;

static void js_bigint_radix_init(JSBigIntRadix *rc, int radix)
{
    js_limb_t p = radix;
    int k = 1;
    while ((js_dlimb_t)p * radix <= 0xffffffffu) {
        p *= radix;
        k++;
    }
    rc->radix = radix;
    rc->k = k;
    rc->chunk = p;
    rc->count = 0;
}

static void js_bigint_radix_free(JSContext *ctx, JSBigIntRadix *rc)
{
    for (int i = 0; i < rc->count; i++)
        js_free(ctx, rc->pow[i]);
}

/* makes rc->pow[i] available */
static int js_bigint_radix_pow(JSContext *ctx, JSBigIntRadix *rc, int i)
{
    while (rc->count <= i) {
        int c = rc->count;
        size_t n = c ? rc->pow_len[c - 1] : 1;
        js_limb_t *t = js_malloc(ctx, 2 * n * sizeof(js_limb_t));
        if (!t)
            return -1;
        if (c == 0) {
            t[0] = rc->chunk;
        } else if (mp_mul(ctx, t, rc->pow[c - 1], n, rc->pow[c - 1], n) < 0) {
            js_free(ctx, t);
            return -1;
        }
        rc->pow[c] = t;
        rc->pow_len[c] = c ? mp_normalized_len(t, 2 * n) : 1;
        rc->count++;
    }
    return 0;
}

/* writes the digits of m backwards ending at buf[end); returns the start */
static size_t js_bigint_put_u64(char *buf, size_t end, uint64_t m, int radix)
{
    do {
        buf[--end] = js_bigint_digits[m % radix];
        m /= radix;
    } while (m);
    return end;
}

/* digits of a power-of-two radix straight from the bits */
static size_t js_bigint_put_pow2(char *buf, size_t end, const JSBigInt *a, int radix)
{
    int k = __builtin_ctz(radix);
    uint64_t ndigits = (js_bigint_bitlen(a) + k - 1) / k;
    for (uint64_t i = 0; i < ndigits; i++)
        buf[--end] = js_bigint_digits[js_bigint_bits_at(a, i * k) & (radix - 1)];
    return end;
}

/* Writes x (n limbs, destroyed) backwards ending at buf[end): exactly
   `width` digits with leading zeros, or just the significant digits when
   width is 0. Returns the start. The basecase: one division by the chunk
   per k digits. */
static size_t js_bigint_put_chunks(char *buf, size_t end, js_limb_t *x, size_t n, uint64_t width,
                                   const JSBigIntRadix *rc)
{
    size_t start = end;
    js_limb_t rem;
    n = mp_normalized_len(x, n);
    while (n > 0) {
        rem = mp_divrem_1(x, x, n, rc->chunk);
        n = mp_normalized_len(x, n);
        if (n == 0 && width == 0) {
            end = js_bigint_put_u64(buf, end, rem, rc->radix);
        } else {
            for (int i = 0; i < rc->k; i++) {
                buf[--end] = js_bigint_digits[rem % rc->radix];
                rem /= rc->radix;
            }
        }
    }
    while (start - end < width)
        buf[--end] = '0';
    return end;
}

#define JS_BIGINT_TOSTR_DC_LIMBS 30

/* js_bigint_put_chunks, splitting long numbers: x = q chunk^(2^i) + r with
   chunk^(2^i) of about half the length of x; r gives exactly k 2^i
   digits */
static int js_bigint_put_rec(JSContext *ctx, char *buf, size_t *pend, js_limb_t *x, size_t n,
                             uint64_t width, JSBigIntRadix *rc)
{
    int i = 0, ret;
    size_t pl;
    uint64_t low_digits;
    js_limb_t *q;

    n = mp_normalized_len(x, n);
    if (n < JS_BIGINT_TOSTR_DC_LIMBS) {
        *pend = js_bigint_put_chunks(buf, *pend, x, n, width, rc);
        return 0;
    }
    if (js_bigint_radix_pow(ctx, rc, 0) < 0)
        return -1;
    while (2 * rc->pow_len[i] - 1 <= n / 2) {
        if (js_bigint_radix_pow(ctx, rc, i + 1) < 0)
            return -1;
        if (rc->pow_len[i + 1] > n / 2)
            break;
        i++;
    }
    /* pow[1] has two limbs for every radix, so pl >= 2 as Knuth needs */
    pl = rc->pow_len[i];
    low_digits = (uint64_t)rc->k << i;
    q = js_malloc(ctx, (n + 1) * sizeof(js_limb_t));
    if (!q)
        return -1;
    ret = mp_divrem(ctx, q, q + n - pl + 1, x, n, rc->pow[i], pl);
    if (ret == 0)
        ret = js_bigint_put_rec(ctx, buf, pend, q + n - pl + 1, pl, low_digits, rc);
    if (ret == 0)
        ret = js_bigint_put_rec(ctx, buf, pend, q, n - pl + 1, width ? width - low_digits : 0,
                                rc);
    js_free(ctx, q);
    return ret;
}

static int js_bigint_put_general(JSContext *ctx, char *buf, size_t *pend, const JSBigInt *a,
                                 int radix)
{
    JSBigIntRadix rc;
    int ret;
    js_limb_t *t = js_malloc(ctx, a->len * sizeof(js_limb_t));
    if (!t)
        return -1;
    memcpy(t, a->tab, a->len * sizeof(js_limb_t));
    js_bigint_radix_init(&rc, radix);
    ret = js_bigint_put_rec(ctx, buf, pend, t, a->len, 0, &rc);
    js_bigint_radix_free(ctx, &rc);
    js_free(ctx, t);
    return ret;
}

JSValue js_bigint_to_string(JSContext *ctx, JSValueConst v, int radix)
{
    const JSBigInt *a = js_bigint_ptr(v);
    char small[72], *buf = small;
    size_t size = sizeof(small), end;
    JSValue res;

    if (a->len > 2) {
        /* floor(log2(radix)) digits bits per digit at least: an upper bound */
        int min_bits = 31 - mp_clz(radix);
        size = js_bigint_bitlen(a) / min_bits + 2;
        buf = js_malloc(ctx, size);
        if (!buf)
            return JS_EXCEPTION;
    }
    end = size;
    if (a->len <= 2) {
        end = js_bigint_put_u64(buf, end, js_bigint_low64(a), radix);
    } else if ((radix & (radix - 1)) == 0) {
        end = js_bigint_put_pow2(buf, end, a, radix);
    } else if (js_bigint_put_general(ctx, buf, &end, a, radix) < 0) {
        js_free(ctx, buf);
        return JS_EXCEPTION;
    }
    if (a->sign)
        buf[--end] = '-';
    res = js_new_string8_len(ctx, buf + end, size - end);
    if (buf != small)
        js_free(ctx, buf);
    return res;
}

/* ---------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------- */
static int js_bigint_digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    return 36;
}

/* power-of-two radix: each digit's bits go straight to their place */
static JSValue js_bigint_parse_pow2(JSContext *ctx, const char *digits, size_t len, int radix)
{
    int k = __builtin_ctz(radix);
    uint64_t nbits = (uint64_t)len * k;
    JSBigInt *r;
    if (nbits > JS_BIGINT_MAX_BITS + JS_LIMB_BITS)
        return js_bigint_throw_too_big(ctx);
    r = js_bigint_alloc(ctx, (nbits + JS_LIMB_BITS - 1) / JS_LIMB_BITS);
    if (!r)
        return JS_EXCEPTION;
    memset(r->tab, 0, r->len * sizeof(js_limb_t));
    for (size_t i = 0; i < len; i++) {
        uint64_t pos = (uint64_t)i * k;
        js_dlimb_t d = (js_dlimb_t)js_bigint_digit_value(digits[len - 1 - i])
                       << (pos % JS_LIMB_BITS);
        r->tab[pos / JS_LIMB_BITS] |= (js_limb_t)d;
        if (d >> JS_LIMB_BITS)
            r->tab[pos / JS_LIMB_BITS + 1] |= (js_limb_t)(d >> JS_LIMB_BITS);
    }
    return js_bigint_finish(ctx, r);
}

/* an upper bound of the limbs of a number of len digits:
   ceil(log2(radix)) bits per digit */
static size_t js_bigint_digits_limbs(size_t len, int radix)
{
    return (uint64_t)len * (32 - mp_clz(radix - 1)) / JS_LIMB_BITS + 1;
}

/* the basecase of parsing: r = r radix^k + chunk, k digits at a time; r
   has room for js_bigint_digits_limbs(len); returns the limbs used */
static size_t js_bigint_parse_chunks(js_limb_t *r, const char *digits, size_t len,
                                     const JSBigIntRadix *rc)
{
    size_t n = 0, i = 0, k = rc->k;
    /* a short first group so that the others are full chunks */
    size_t first = len % k ? len % k : k;
    while (i < len) {
        size_t cnt = i == 0 ? first : k;
        js_limb_t val = 0, mul = 1, carry;
        for (size_t j = 0; j < cnt; j++) {
            val = val * rc->radix + js_bigint_digit_value(digits[i + j]);
            mul *= rc->radix;
        }
        i += cnt;
        carry = mp_mul_1(r, r, n, mul, val);
        if (carry)
            r[n++] = carry;
    }
    return n;
}

#define JS_BIGINT_PARSE_DC_CHUNKS 64

/* the value of digits[0..len) in a new limb array *pres of *pn limbs:
   long strings are split into a high part and k 2^i low digits, combined
   as high chunk^(2^i) + low */
static int js_bigint_parse_rec(JSContext *ctx, js_limb_t **pres, size_t *pn, const char *digits,
                               size_t len, JSBigIntRadix *rc)
{
    js_limb_t *r, *h = NULL, *l = NULL, carry;
    size_t hn, ln, pl, low_len;
    int i = 0, ret = -1;

    if (len <= (size_t)rc->k * JS_BIGINT_PARSE_DC_CHUNKS) {
        r = js_malloc(ctx, js_bigint_digits_limbs(len, rc->radix) * sizeof(js_limb_t));
        if (!r)
            return -1;
        *pres = r;
        *pn = js_bigint_parse_chunks(r, digits, len, rc);
        return 0;
    }
    while (((size_t)rc->k << (i + 1)) < len)
        i++;
    low_len = (size_t)rc->k << i;
    if (js_bigint_radix_pow(ctx, rc, i) < 0 ||
        js_bigint_parse_rec(ctx, &h, &hn, digits, len - low_len, rc) < 0 ||
        js_bigint_parse_rec(ctx, &l, &ln, digits + len - low_len, low_len, rc) < 0)
        goto done;
    pl = rc->pow_len[i];
    /* high chunk^(2^i) + low < (high + 1) chunk^(2^i) fits in hn + pl limbs */
    r = js_malloc(ctx, (hn + pl) * sizeof(js_limb_t));
    if (!r)
        goto done;
    if (mp_mul(ctx, r, h, hn, rc->pow[i], pl) < 0) {
        js_free(ctx, r);
        goto done;
    }
    carry = mp_add_n(r, r, l, ln, 0);
    mp_inc(r + ln, hn + pl - ln, carry);
    *pres = r;
    *pn = mp_normalized_len(r, hn + pl);
    ret = 0;
done:
    js_free(ctx, h);
    js_free(ctx, l);
    return ret;
}

static JSValue js_bigint_parse_general(JSContext *ctx, const char *digits, size_t len, int radix)
{
    JSBigIntRadix rc;
    js_limb_t *t;
    size_t n;
    JSBigInt *r = NULL;

    /* at least floor(log2(radix)) bits per digit after the first */
    if ((uint64_t)(len - 1) * (31 - mp_clz(radix)) > JS_BIGINT_MAX_BITS)
        return js_bigint_throw_too_big(ctx);
    js_bigint_radix_init(&rc, radix);
    if (js_bigint_parse_rec(ctx, &t, &n, digits, len, &rc) == 0) {
        r = js_bigint_alloc(ctx, n);
        if (r)
            memcpy(r->tab, t, n * sizeof(js_limb_t));
        js_free(ctx, t);
    }
    js_bigint_radix_free(ctx, &rc);
    return r ? js_bigint_finish(ctx, r) : JS_EXCEPTION;
}

JSValue js_bigint_from_literal(JSContext *ctx, const char *digits, size_t len, int radix)
{
    int max_bits = 32 - mp_clz(radix - 1);
    uint64_t m = 0;
    while (len > 0 && digits[0] == '0') {
        digits++;
        len--;
    }
    if ((uint64_t)len * max_bits <= 64) {
        for (size_t i = 0; i < len; i++)
            m = m * radix + js_bigint_digit_value(digits[i]);
        return js_bigint_from_uint64(ctx, m);
    }
    if ((radix & (radix - 1)) == 0)
        return js_bigint_parse_pow2(ctx, digits, len, radix);
    return js_bigint_parse_general(ctx, digits, len, radix);
}

static bool js_bigint_is_str_space(uint32_t c)
{
    return js_unicode_is_space(c) || js_unicode_is_line_terminator(c);
}

/* the digits of p[start, end) as ASCII into buf, or false when one is not
   a digit of the radix */
static bool js_bigint_copy_digits(char *buf, const JSString *p, uint32_t start, uint32_t end,
                                  int radix)
{
    for (uint32_t i = start; i < end; i++) {
        int c = string_get(p, i);
        if (c >= 128 || js_bigint_digit_value(c) >= radix)
            return false;
        buf[i - start] = (char)c;
    }
    return true;
}

/* StringToBigInt on a flat string: StrWhiteSpace, then a signed decimal
   integer or a 0x / 0o / 0b integer (no sign), then StrWhiteSpace */
static JSValue js_bigint_parse_string(JSContext *ctx, const JSString *p)
{
    uint32_t start = 0, end = p->len;
    int radix = 10, sign = 0;
    char small[64], *buf = small;
    JSValue res;

    while (start < end && js_bigint_is_str_space(string_get(p, start)))
        start++;
    while (end > start && js_bigint_is_str_space(string_get(p, end - 1)))
        end--;
    if (start == end)
        return js_bigint_from_int64(ctx, 0);
    if (end - start >= 2 && string_get(p, start) == '0') {
        int c = string_get(p, start + 1) | 0x20;
        radix = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 10;
        if (radix != 10)
            start += 2;
    } else if (string_get(p, start) == '+' || string_get(p, start) == '-') {
        sign = string_get(p, start) == '-';
        start++;
    }
    if (start == end)
        return JS_UNDEFINED;
    if (end - start > sizeof(small)) {
        buf = js_malloc(ctx, end - start);
        if (!buf)
            return JS_EXCEPTION;
    }
    if (!js_bigint_copy_digits(buf, p, start, end, radix)) {
        res = JS_UNDEFINED;
    } else {
        res = js_bigint_from_literal(ctx, buf, end - start, radix);
        /* a fresh block: flipping its sign in place is safe */
        if (sign && !JS_IsException(res) && js_bigint_ptr(res)->len)
            js_bigint_ptr(res)->sign = 1;
    }
    if (buf != small)
        js_free(ctx, buf);
    return res;
}

JSValue js_string_to_bigint(JSContext *ctx, JSValueConst str)
{
    JSString *p = js_get_flat_string(ctx, str);
    if (!p)
        return JS_EXCEPTION;
    return js_bigint_parse_string(ctx, p);
}

/* ToBigInt on a primitive (frees it) */
static JSValue js_to_bigint_prim_free(JSContext *ctx, JSValue prim)
{
    JSValue res;
    switch (JS_VALUE_GET_TAG(prim)) {
    case JS_TAG_EXCEPTION:
    case JS_TAG_BIG_INT:
        return prim;
    case JS_TAG_BOOL:
        return js_bigint_from_int64(ctx, JS_VALUE_GET_BOOL(prim));
    case JS_TAG_STRING:
        res = js_string_to_bigint(ctx, prim);
        JS_FreeValue(ctx, prim);
        if (JS_IsUndefined(res))
            return JS_ThrowSyntaxError(ctx, "Cannot convert string to BigInt: invalid syntax");
        return res;
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        return JS_ThrowTypeError(ctx, "Cannot convert a Number to a BigInt");
    case JS_TAG_SYMBOL:
        JS_FreeValue(ctx, prim);
        return JS_ThrowTypeError(ctx, "Cannot convert a Symbol to a BigInt");
    default:
        JS_FreeValue(ctx, prim);
        return JS_ThrowTypeError(ctx, "Cannot convert %s to a BigInt",
                                 JS_IsNull(prim) ? "null" : "undefined");
    }
}

JSValue JS_ToBigInt(JSContext *ctx, JSValueConst v)
{
    if (JS_IsBigInt(v))
        return JS_DupValue(ctx, v);
    return js_to_bigint_prim_free(ctx, JS_ToPrimitive(ctx, v, HINT_NUMBER));
}

int js_bigint_to_uint64(JSContext *ctx, uint64_t *pres, JSValueConst v)
{
    JSValue b = JS_ToBigInt(ctx, v);
    const JSBigInt *a;
    uint64_t m;
    if (JS_IsException(b)) {
        *pres = 0;
        return -1;
    }
    a = js_bigint_ptr(b);
    m = js_bigint_low64(a);
    *pres = a->sign ? (uint64_t)0 - m : m;
    JS_FreeValue(ctx, b);
    return 0;
}

int js_bigint_to_int64(JSContext *ctx, int64_t *pres, JSValueConst v)
{
    uint64_t u;
    int ret = js_bigint_to_uint64(ctx, &u, v);
    /* two's complement reading without implementation-defined casts */
    *pres = u <= (uint64_t)INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1;
    return ret;
}

int JS_ToBigInt64(JSContext *ctx, int64_t *pres, JSValueConst val)
{
    return js_bigint_to_int64(ctx, pres, val);
}

/* ---------------------------------------------------------------------
 * asIntN / asUintN
 * ------------------------------------------------------------------- */
/* r[0..n) = -r mod 2^(32 n) */
static void mp_neg_in_place(js_limb_t *r, size_t n)
{
    js_limb_t carry = 1;
    for (size_t i = 0; i < n; i++) {
        js_limb_t t = ~r[i] + carry;
        carry = t < carry;
        r[i] = t;
    }
}

JSValue js_bigint_as_n(JSContext *ctx, uint64_t bits, JSValueConst v, bool is_signed)
{
    const JSBigInt *a = js_bigint_ptr(v);
    uint64_t bl = js_bigint_bitlen(a);
    size_t n, copy;
    js_limb_t mask;
    JSBigInt *r;

    if (bits == 0)
        return js_bigint_from_int64(ctx, 0);
    /* values already in range come back unchanged */
    if (is_signed ? bl < bits : (!a->sign && bl <= bits))
        return JS_DupValue(ctx, v);
    /* otherwise bits <= bl, except for a negative value read as unsigned,
       whose result really has `bits` bits */
    if (bits > JS_BIGINT_MAX_BITS)
        return js_bigint_throw_too_big(ctx);
    n = (bits + JS_LIMB_BITS - 1) / JS_LIMB_BITS;
    mask = bits % JS_LIMB_BITS ? ((js_limb_t)1 << (bits % JS_LIMB_BITS)) - 1 : ~(js_limb_t)0;
    r = js_bigint_alloc(ctx, n);
    if (!r)
        return JS_EXCEPTION;
    copy = a->len < n ? a->len : n;
    memcpy(r->tab, a->tab, copy * sizeof(js_limb_t));
    memset(r->tab + copy, 0, (n - copy) * sizeof(js_limb_t));
    /* two's complement of the value modulo 2^bits */
    if (a->sign)
        mp_neg_in_place(r->tab, n);
    r->tab[n - 1] &= mask;
    if (is_signed && (r->tab[(bits - 1) / JS_LIMB_BITS] >> ((bits - 1) % JS_LIMB_BITS)) & 1) {
        /* the top bit is set: the value is r - 2^bits */
        mp_neg_in_place(r->tab, n);
        r->tab[n - 1] &= mask;
        r->sign = 1;
    }
    return js_bigint_finish(ctx, r);
}

/* =====================================================================
 * Comparisons
 * ===================================================================== */
int js_bigint_cmp(JSValueConst av, JSValueConst bv)
{
    const JSBigInt *a = js_bigint_ptr(av), *b = js_bigint_ptr(bv);
    int c;
    if (a->sign != b->sign)
        return a->sign ? -1 : 1;
    c = mp_cmp(a->tab, a->len, b->tab, b->len);
    return a->sign ? -c : c;
}

/* |a| against a finite d > 0, a != 0 */
static int js_bigint_cmp_mag_float64(const JSBigInt *a, double d)
{
    uint64_t bl = js_bigint_bitlen(a), m, top;
    int e;
    double f = frexp(d, &e); /* d = f 2^e, 0.5 <= f < 1: floor(d) has e bits */
    if (e <= 0)
        return 1;
    if (bl != (uint64_t)e)
        return bl > (uint64_t)e ? 1 : -1;
    if (bl <= 53) {
        /* |a| < 2^53 converts exactly */
        double x = (double)js_bigint_low64(a);
        return x < d ? -1 : x > d;
    }
    /* d = m 2^(e-53) is an integer: compare the top 53 bits, then the rest */
    m = (uint64_t)ldexp(f, 53);
    top = js_bigint_bits_at(a, bl - 53);
    if (top != m)
        return top < m ? -1 : 1;
    return js_bigint_any_bits_below(a, bl - 53) ? 1 : 0;
}

int js_bigint_cmp_float64(JSValueConst av, double d)
{
    const JSBigInt *a = js_bigint_ptr(av);
    int c;
    if (isnan(d))
        return 2;
    if (isinf(d))
        return d > 0 ? -1 : 1;
    if (a->len == 0)
        return d > 0 ? -1 : d < 0 ? 1 : 0;
    if (d == 0 || (int)a->sign != (d < 0))
        return a->sign ? -1 : 1;
    c = js_bigint_cmp_mag_float64(a, fabs(d));
    return a->sign ? -c : c;
}

int js_bigint_loose_eq(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    JSValue n;
    int res;
    if (!JS_IsBigInt(a)) {
        JSValueConst t = a;
        a = b;
        b = t;
    }
    if (JS_IsBigInt(b))
        return js_bigint_cmp(a, b) == 0;
    if (JS_IsNumber(b))
        return js_bigint_cmp_float64(a, js_value_to_double(b)) == 0;
    if (!JS_IsString(b))
        return 0;
    n = js_string_to_bigint(ctx, b);
    if (JS_IsException(n))
        return -1;
    if (JS_IsUndefined(n))
        return 0;
    res = js_bigint_cmp(a, n) == 0;
    JS_FreeValue(ctx, n);
    return res;
}

/* the comparison operand for one side of IsLessThan (frees v): a BigInt
   or a Number, JS_UNDEFINED for a string that is not an integer */
static JSValue js_bigint_compare_operand(JSContext *ctx, JSValue v)
{
    JSValue r;
    if (JS_IsBigInt(v))
        return v;
    if (JS_IsString(v)) {
        r = js_string_to_bigint(ctx, v);
        JS_FreeValue(ctx, v);
        return r;
    }
    return JS_ToNumericFree(ctx, v);
}

int js_bigint_relational_compare(JSContext *ctx, JSValue a, JSValue b, int op)
{
    int c, res;
    a = js_bigint_compare_operand(ctx, a);
    if (JS_IsException(a)) {
        JS_FreeValue(ctx, b);
        return -1;
    }
    b = js_bigint_compare_operand(ctx, b);
    if (JS_IsException(b)) {
        JS_FreeValue(ctx, a);
        return -1;
    }
    if (JS_IsUndefined(a) || JS_IsUndefined(b)) {
        c = 2;
    } else if (JS_IsBigInt(a) && JS_IsBigInt(b)) {
        c = js_bigint_cmp(a, b);
    } else if (JS_IsBigInt(a)) {
        c = js_bigint_cmp_float64(a, js_value_to_double(b));
    } else {
        c = js_bigint_cmp_float64(b, js_value_to_double(a));
        if (c != 2)
            c = -c;
    }
    switch (op) {
    case 0:
        res = c == -1;
        break;
    case 1:
        res = c == -1 || c == 0;
        break;
    case 2:
        res = c == 1;
        break;
    default:
        res = c == 1 || c == 0;
        break;
    }
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    return res;
}

uint32_t js_bigint_hash(JSValueConst v)
{
    const JSBigInt *a = js_bigint_ptr(v);
    uint32_t h = a->sign ? 0x9e3779b9u : 0x85ebca6bu;
    for (size_t i = 0; i < a->len; i++)
        h = (h ^ a->tab[i]) * 0x01000193u + (h >> 15);
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    return h;
}

/* =====================================================================
 * Operators
 * ===================================================================== */
/* a + b, or a - b when negate_b */
static JSValue js_bigint_add(JSContext *ctx, JSValueConst av, JSValueConst bv, bool negate_b)
{
    const JSBigInt *a = js_bigint_ptr(av), *b = js_bigint_ptr(bv);
    int sb = b->sign ^ (negate_b && b->len), c;
    JSBigInt *r;

    if ((int)a->sign == sb) {
        if (a->len < b->len) {
            const JSBigInt *t = a;
            a = b;
            b = t;
        }
        r = js_bigint_alloc(ctx, a->len + 1);
        if (!r)
            return JS_EXCEPTION;
        r->tab[a->len] = mp_add(r->tab, a->tab, a->len, b->tab, b->len);
        r->sign = sb;
        return js_bigint_finish(ctx, r);
    }
    c = mp_cmp(a->tab, a->len, b->tab, b->len);
    if (c == 0)
        return js_bigint_from_int64(ctx, 0);
    if (c < 0) {
        const JSBigInt *t = a;
        a = b;
        b = t;
    }
    r = js_bigint_alloc(ctx, a->len);
    if (!r)
        return JS_EXCEPTION;
    mp_sub(r->tab, a->tab, a->len, b->tab, b->len);
    r->sign = c < 0 ? sb : a->sign;
    return js_bigint_finish(ctx, r);
}

static JSValue js_bigint_mul(JSContext *ctx, JSValueConst av, JSValueConst bv)
{
    const JSBigInt *a = js_bigint_ptr(av), *b = js_bigint_ptr(bv);
    JSBigInt *r;

    if (a->len == 0 || b->len == 0)
        return js_bigint_from_int64(ctx, 0);
    if (js_bigint_bitlen(a) + js_bigint_bitlen(b) - 1 > JS_BIGINT_MAX_BITS)
        return js_bigint_throw_too_big(ctx);
    r = js_bigint_alloc(ctx, a->len + b->len);
    if (!r)
        return JS_EXCEPTION;
    if (mp_mul(ctx, r->tab, a->tab, a->len, b->tab, b->len) < 0) {
        js_free(ctx, r);
        return JS_EXCEPTION;
    }
    r->sign = a->sign ^ b->sign;
    return js_bigint_finish(ctx, r);
}

/* a / b truncated toward zero, or a % b (the sign of a) when is_mod */
static JSValue js_bigint_divmod(JSContext *ctx, JSValueConst av, JSValueConst bv, bool is_mod)
{
    const JSBigInt *a = js_bigint_ptr(av), *b = js_bigint_ptr(bv);
    JSBigInt *r;
    int ret = 0;

    if (b->len == 0)
        return JS_ThrowRangeError(ctx, "Division by zero");
    if (mp_cmp(a->tab, a->len, b->tab, b->len) < 0)
        return is_mod ? JS_DupValue(ctx, av) : js_bigint_from_int64(ctx, 0);
    r = js_bigint_alloc(ctx, is_mod ? b->len : a->len - b->len + 1);
    if (!r)
        return JS_EXCEPTION;
    if (b->len == 1) {
        js_limb_t rem = mp_divrem_1(is_mod ? NULL : r->tab, a->tab, a->len, b->tab[0]);
        if (is_mod)
            r->tab[0] = rem;
    } else {
        ret = mp_divrem(ctx, is_mod ? NULL : r->tab, is_mod ? r->tab : NULL, a->tab, a->len,
                        b->tab, b->len);
    }
    if (ret < 0) {
        js_free(ctx, r);
        return JS_EXCEPTION;
    }
    r->sign = is_mod ? a->sign : a->sign ^ b->sign;
    return js_bigint_finish(ctx, r);
}

/* |a|^e for |a| >= 2 into a block of `limbs` limbs, by left-to-right
   binary exponentiation; two blocks of the final size suffice for every
   intermediate product */
static JSValue js_bigint_pow_mag(JSContext *ctx, const JSBigInt *a, uint32_t e, size_t limbs,
                                 int sign)
{
    JSBigInt *r = js_bigint_alloc(ctx, limbs), *t = js_bigint_alloc(ctx, limbs), *s;
    size_t n;
    int bit = 31 - mp_clz(e);
    if (!r || !t)
        goto fail;
    memcpy(r->tab, a->tab, a->len * sizeof(js_limb_t));
    n = a->len;
    while (--bit >= 0) {
        if (mp_mul(ctx, t->tab, r->tab, n, r->tab, n) < 0)
            goto fail;
        n = mp_normalized_len(t->tab, 2 * n);
        s = r, r = t, t = s;
        if ((e >> bit) & 1) {
            if (mp_mul(ctx, t->tab, r->tab, n, a->tab, a->len) < 0)
                goto fail;
            n = mp_normalized_len(t->tab, n + a->len);
            s = r, r = t, t = s;
        }
    }
    js_free(ctx, t);
    r->len = n;
    r->sign = sign;
    return js_bigint_finish(ctx, r);
fail:
    js_free(ctx, r);
    js_free(ctx, t);
    return JS_EXCEPTION;
}

/* 2^bits with a sign */
static JSValue js_bigint_pow2(JSContext *ctx, uint64_t bits, int sign)
{
    JSBigInt *r = js_bigint_alloc(ctx, bits / JS_LIMB_BITS + 1);
    if (!r)
        return JS_EXCEPTION;
    memset(r->tab, 0, r->len * sizeof(js_limb_t));
    r->tab[bits / JS_LIMB_BITS] = (js_limb_t)1 << (bits % JS_LIMB_BITS);
    r->sign = sign;
    return JS_MKPTR(JS_TAG_BIG_INT, r);
}

static JSValue js_bigint_pow(JSContext *ctx, JSValueConst av, JSValueConst bv)
{
    const JSBigInt *a = js_bigint_ptr(av), *b = js_bigint_ptr(bv);
    uint64_t bl, e;
    int sign;

    if (b->sign)
        return JS_ThrowRangeError(ctx, "Exponent must be non-negative");
    if (b->len == 0)
        return js_bigint_from_int64(ctx, 1);
    if (a->len == 0)
        return js_bigint_from_int64(ctx, 0);
    sign = a->sign && (b->tab[0] & 1);
    if (a->len == 1 && a->tab[0] == 1)
        return js_bigint_from_int64(ctx, sign ? -1 : 1);
    bl = js_bigint_bitlen(a);
    e = b->tab[0];
    /* the result has at least (bl - 1) e + 1 bits */
    if (b->len > 1 || (bl - 1) * e >= JS_BIGINT_MAX_BITS)
        return js_bigint_throw_too_big(ctx);
    if (!js_bigint_any_bits_below(a, bl - 1))
        return js_bigint_pow2(ctx, (bl - 1) * e, sign);
    if (bl * e < 64) {
        uint64_t m = js_bigint_low64(a), p = 1;
        for (uint64_t i = 0; i < e; i++)
            p *= m;
        return js_bigint_from_mag64(ctx, p, sign);
    }
    return js_bigint_pow_mag(ctx, a, (uint32_t)e, (bl * e + JS_LIMB_BITS - 1) / JS_LIMB_BITS + 1,
                             sign);
}

static JSValue js_bigint_shl_mag(JSContext *ctx, const JSBigInt *a, uint32_t shift)
{
    size_t limbs = shift / JS_LIMB_BITS;
    JSBigInt *r;
    if (js_bigint_bitlen(a) + shift > JS_BIGINT_MAX_BITS)
        return js_bigint_throw_too_big(ctx);
    r = js_bigint_alloc(ctx, a->len + limbs + 1);
    if (!r)
        return JS_EXCEPTION;
    memset(r->tab, 0, limbs * sizeof(js_limb_t));
    r->tab[a->len + limbs] = mp_shl(r->tab + limbs, a->tab, a->len, shift % JS_LIMB_BITS);
    r->sign = a->sign;
    return js_bigint_finish(ctx, r);
}

/* floor(a / 2^shift): for a negative a, -ceil(|a| / 2^shift) */
static JSValue js_bigint_sar_mag(JSContext *ctx, const JSBigInt *a, uint32_t shift)
{
    size_t limbs = shift / JS_LIMB_BITS, n;
    bool lost;
    JSBigInt *r;
    if (limbs >= a->len)
        return js_bigint_from_int64(ctx, a->sign ? -1 : 0);
    n = a->len - limbs;
    r = js_bigint_alloc(ctx, n + 1);
    if (!r)
        return JS_EXCEPTION;
    lost = mp_shr(r->tab, a->tab + limbs, n, shift % JS_LIMB_BITS) != 0 ||
           js_bigint_any_bits_below(a, (uint64_t)limbs * JS_LIMB_BITS);
    r->tab[n] = 0;
    if (a->sign && lost)
        mp_inc(r->tab, n + 1, 1);
    r->sign = a->sign;
    return js_bigint_finish(ctx, r);
}

/* a << b (right when b < 0), or a >> b when right */
static JSValue js_bigint_shift(JSContext *ctx, JSValueConst av, JSValueConst bv, bool right)
{
    const JSBigInt *a = js_bigint_ptr(av), *b = js_bigint_ptr(bv);
    bool go_right = b->sign ^ right;
    if (a->len == 0 || b->len == 0)
        return JS_DupValue(ctx, av);
    if (b->len > 1 || b->tab[0] > JS_BIGINT_MAX_BITS) {
        if (!go_right)
            return js_bigint_throw_too_big(ctx);
        return js_bigint_from_int64(ctx, a->sign ? -1 : 0);
    }
    return go_right ? js_bigint_sar_mag(ctx, a, b->tab[0]) : js_bigint_shl_mag(ctx, a, b->tab[0]);
}

/* limb i of a in infinite two's complement; *borrow starts at 1 and
   carries the "- 1" of ~(|a| - 1) for negative values */
static inline js_limb_t js_bigint_tc_limb(const JSBigInt *a, size_t i, js_limb_t *borrow)
{
    js_limb_t v = js_bigint_limb(a, i), d;
    if (!a->sign)
        return v;
    d = v - *borrow;
    *borrow = v < *borrow;
    return ~d;
}

static inline js_limb_t js_bigint_logic_limb(int op, js_limb_t x, js_limb_t y)
{
    return op == JS_BIGINT_OP_AND ? x & y : op == JS_BIGINT_OP_OR ? x | y : x ^ y;
}

/* &, | and ^ computed on two's complement limbs, the result converted
   back to sign-magnitude */
static JSValue js_bigint_logic(JSContext *ctx, int op, JSValueConst av, JSValueConst bv)
{
    const JSBigInt *a = js_bigint_ptr(av), *b = js_bigint_ptr(bv);
    size_t n = (a->len > b->len ? a->len : b->len) + 1;
    js_limb_t ba = 1, bb = 1;
    JSBigInt *r;

    r = js_bigint_alloc(ctx, n);
    if (!r)
        return JS_EXCEPTION;
    for (size_t i = 0; i < n; i++) {
        js_limb_t la = js_bigint_tc_limb(a, i, &ba), lb = js_bigint_tc_limb(b, i, &bb);
        r->tab[i] = js_bigint_logic_limb(op, la, lb);
    }
    r->sign = js_bigint_logic_limb(op, a->sign, b->sign) & 1;
    if (r->sign)
        mp_neg_in_place(r->tab, n);
    return js_bigint_finish(ctx, r);
}

/* the operator on two int64 values; false when the result (or the
   operation: a division by zero, >>>, **) needs the general path */
static bool js_bigint_small_op(int op, int64_t x, int64_t y, int64_t *pz)
{
    switch (op) {
    case JS_BIGINT_OP_ADD:
        return !__builtin_add_overflow(x, y, pz);
    case JS_BIGINT_OP_SUB:
        return !__builtin_sub_overflow(x, y, pz);
    case JS_BIGINT_OP_MUL:
        return !__builtin_mul_overflow(x, y, pz);
    case JS_BIGINT_OP_DIV:
    case JS_BIGINT_OP_MOD:
        if (y == 0 || (x == INT64_MIN && y == -1))
            return false;
        *pz = op == JS_BIGINT_OP_DIV ? x / y : x % y;
        return true;
    case JS_BIGINT_OP_SHL:
    case JS_BIGINT_OP_SAR:
        if ((op == JS_BIGINT_OP_SAR) ^ (y < 0)) {
            /* right by |y|: floor division, without relying on >> of
               negative numbers */
            uint64_t n = y < 0 ? (uint64_t)0 - (uint64_t)y : (uint64_t)y;
            if (n > 63)
                n = 63;
            *pz = x < 0 ? ~(~x >> n) : x >> n;
            return true;
        }
        if (y < -62 || y > 62 || ((x < 0 ? ~x : x) >> (62 - (y < 0 ? -y : y))) != 0)
            return false;
        *pz = x * ((int64_t)1 << (y < 0 ? -y : y));
        return true;
    case JS_BIGINT_OP_AND:
        *pz = x & y;
        return true;
    case JS_BIGINT_OP_OR:
        *pz = x | y;
        return true;
    case JS_BIGINT_OP_XOR:
        *pz = x ^ y;
        return true;
    default:
        return false;
    }
}

/* an int64 result: written over a or b when the caller held their only
   reference (saving an allocation in expression chains), else a new block.
   Frees a and b. */
static JSValue js_bigint_set_small(JSContext *ctx, JSValue a, JSValue b, int64_t v)
{
    JSBigInt *r;
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (js_bigint_ptr(a)->header.ref_count == 1) {
        r = js_bigint_ptr(a);
        JS_FreeValue(ctx, b);
    } else if (js_bigint_ptr(b)->header.ref_count == 1) {
        r = js_bigint_ptr(b);
        JS_FreeValue(ctx, a);
    } else {
        JS_FreeValue(ctx, a);
        JS_FreeValue(ctx, b);
        return js_bigint_from_mag64(ctx, m, v < 0);
    }
    return js_bigint_store_mag64(r, m, v < 0);
}

JSValue js_bigint_binary_op(JSContext *ctx, int op, JSValue a, JSValue b)
{
    JSValue r;
    int64_t x, y, z;
    if (js_bigint_get_small(js_bigint_ptr(a), &x) && js_bigint_get_small(js_bigint_ptr(b), &y) &&
        js_bigint_small_op(op, x, y, &z))
        return js_bigint_set_small(ctx, a, b, z);
    switch (op) {
    case JS_BIGINT_OP_ADD:
    case JS_BIGINT_OP_SUB:
        r = js_bigint_add(ctx, a, b, op == JS_BIGINT_OP_SUB);
        break;
    case JS_BIGINT_OP_MUL:
        r = js_bigint_mul(ctx, a, b);
        break;
    case JS_BIGINT_OP_DIV:
    case JS_BIGINT_OP_MOD:
        r = js_bigint_divmod(ctx, a, b, op == JS_BIGINT_OP_MOD);
        break;
    case JS_BIGINT_OP_POW:
        r = js_bigint_pow(ctx, a, b);
        break;
    case JS_BIGINT_OP_SHL:
    case JS_BIGINT_OP_SAR:
        r = js_bigint_shift(ctx, a, b, op == JS_BIGINT_OP_SAR);
        break;
    case JS_BIGINT_OP_AND:
    case JS_BIGINT_OP_OR:
    case JS_BIGINT_OP_XOR:
        r = js_bigint_logic(ctx, op, a, b);
        break;
    default:
        r = JS_ThrowTypeError(ctx, "BigInts have no unsigned right shift, use >> instead");
        break;
    }
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    return r;
}

/* (|a| + 1 or |a| - 1) with the given sign; |a| - 1 needs a != 0 */
static JSValue js_bigint_mag_pm1(JSContext *ctx, const JSBigInt *a, bool plus, int sign)
{
    JSBigInt *r = js_bigint_alloc(ctx, a->len + plus);
    if (!r)
        return JS_EXCEPTION;
    if (plus)
        r->tab[a->len] = mp_add_1(r->tab, a->tab, a->len, 1);
    else
        mp_sub_1(r->tab, a->tab, a->len, 1);
    r->sign = sign;
    return js_bigint_finish(ctx, r);
}

static JSValue js_bigint_unary(JSContext *ctx, int op, JSValueConst av)
{
    const JSBigInt *a = js_bigint_ptr(av);
    JSBigInt *r;

    switch (op) {
    case JS_BIGINT_OP_NEG:
        if (a->len == 0)
            return JS_DupValue(ctx, av);
        r = js_bigint_copy(ctx, a);
        if (!r)
            return JS_EXCEPTION;
        r->sign ^= 1;
        return JS_MKPTR(JS_TAG_BIG_INT, r);
    case JS_BIGINT_OP_INC: /* a >= 0: |a| + 1; a < 0: -(|a| - 1) */
        return js_bigint_mag_pm1(ctx, a, !a->sign, a->sign);
    case JS_BIGINT_OP_DEC: /* a > 0: |a| - 1; a <= 0: -(|a| + 1) */
        return a->sign || a->len == 0 ? js_bigint_mag_pm1(ctx, a, true, 1)
                                      : js_bigint_mag_pm1(ctx, a, false, 0);
    default: /* ~a = -a - 1 */
        return js_bigint_mag_pm1(ctx, a, !a->sign, !a->sign);
    }
}

JSValue js_bigint_unary_op(JSContext *ctx, int op, JSValue a)
{
    JSValue r;
    int64_t x;
    if (js_bigint_get_small(js_bigint_ptr(a), &x) && x != INT64_MIN && x != INT64_MAX) {
        int64_t v = op == JS_BIGINT_OP_NEG   ? -x
                    : op == JS_BIGINT_OP_INC ? x + 1
                    : op == JS_BIGINT_OP_DEC ? x - 1
                                             : ~x;
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        /* x++ on a value only the caller holds: update it in place */
        if (js_bigint_ptr(a)->header.ref_count == 1)
            return js_bigint_store_mag64(js_bigint_ptr(a), m, v < 0);
        JS_FreeValue(ctx, a);
        return js_bigint_from_mag64(ctx, m, v < 0);
    }
    r = js_bigint_unary(ctx, op, a);
    JS_FreeValue(ctx, a);
    return r;
}
