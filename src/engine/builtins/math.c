/*
 * math.c — the Math namespace object (ECMA-262 §21.3), including
 * Math.sumPrecise.
 *
 * The one-argument functions share a single C entry point dispatching on a
 * table of double -> double functions (the magic number is the index), so
 * every one of them gets the same int/double fast path. libm provides the
 * IEEE semantics the spec asks for (NaN, ±0, ±Infinity cases) except where
 * a wrapper here says otherwise. Math.random keeps its state in the realm
 * (ctx->random_state), never in a global.
 */
#include <math.h>
#include <time.h>

#include "builtins.h"
#include "../conv.h"
#include "../error.h"
#include "../function.h"
#include "../iter.h"
#include "../object.h"
#include "../operators.h"

/* ToNumber on a borrowed argument, with the number case inline */
static inline int js_math_arg(JSContext *ctx, double *pd, JSValueConst v)
{
    if (JS_IsInt(v)) {
        *pd = JS_VALUE_GET_INT(v);
        return 0;
    }
    if (JS_VALUE_GET_TAG(v) == JS_TAG_FLOAT64) {
        *pd = JS_VALUE_GET_FLOAT64(v);
        return 0;
    }
    return JS_ToFloat64(ctx, pd, v);
}

/* ---------------------------------------------------------------------
 * One-argument functions
 * ------------------------------------------------------------------- */
/* round half toward +Infinity; x - floor(x) is exact for every finite x */
static double js_math_round(double x)
{
    double r;
    if (!isfinite(x) || x == 0)
        return x;
    r = floor(x);
    if (x - r >= 0.5)
        r += 1;
    /* -0.5 <= x < 0 rounds to -0 */
    if (r == 0 && x < 0)
        return -0.0;
    return r;
}

static double js_math_sign(double x)
{
    if (isnan(x) || x == 0)
        return x;
    return x > 0 ? 1 : -1;
}

static double js_math_fround(double x)
{
    return (double)(float)x;
}

/* Rounds to the nearest IEEE binary16 value (ties to even) and back.
   Rounding straight from the double avoids the double rounding a detour
   through float would cause. */
static double js_math_f16round(double x)
{
    double a = fabs(x), q;
    int e;
    if (isnan(x))
        return x;
    /* half of the way from the largest half (65504) to 2^16 rounds up */
    if (a >= 65520.0)
        return copysign(INFINITY, x);
    if (a == 0)
        return x;
    /* the spacing of half values around a: 2^(e-10), e >= -14 (subnormals) */
    frexp(a, &e);
    e -= 1;
    if (e < -14)
        e = -14;
    q = ldexp(1.0, e - 10);
    /* a / q and the product are exact: q is a power of two in range */
    return copysign(nearbyint(a / q) * q, x);
}

/* c^3 - x, accurate to about 2^-100 relative: the products are split
   into exact hi + lo pairs with fma, and q - x is exact when c^3 is near x */
static double js_math_cube_error(double c, double x)
{
    double p = c * c, pe = fma(c, c, -p);
    double q = p * c, qe = fma(p, c, -q);
    return (q - x) + (qe + pe * c);
}

/* glibc's cbrt can be ulps off even for perfect cubes (cbrt(27) is
   3.0000000000000004): one Newton step on the accurate residual brings it
   within an ulp, then whichever of the result and its two neighbours has
   the cube closest to x is kept. Scaling x by 2^(3k) (exact) keeps the
   error terms away from underflow and overflow. */
static double js_math_cbrt(double x)
{
    double r, best, best_err;
    int k = 0;
    if (!isfinite(x) || x == 0)
        return x;
    if (fabs(x) < 0x1p-700)
        k = -500;
    else if (fabs(x) > 0x1p700)
        k = 500;
    x = ldexp(x, -3 * k);
    r = cbrt(x);
    r -= js_math_cube_error(r, x) / (3 * r * r);
    best = r;
    best_err = fabs(js_math_cube_error(r, x));
    for (int dir = -1; dir <= 1; dir += 2) {
        double c = nextafter(r, dir * INFINITY);
        double err = fabs(js_math_cube_error(c, x));
        if (err < best_err) {
            best = c;
            best_err = err;
        }
    }
    return ldexp(best, k);
}

static double js_math_abs(double x)
{
    return fabs(x);
}

typedef double JSMathFunc1(double);

enum {
    JS_MATH_ABS,
    JS_MATH_ACOS,
    JS_MATH_ACOSH,
    JS_MATH_ASIN,
    JS_MATH_ASINH,
    JS_MATH_ATAN,
    JS_MATH_ATANH,
    JS_MATH_CBRT,
    JS_MATH_CEIL,
    JS_MATH_COS,
    JS_MATH_COSH,
    JS_MATH_EXP,
    JS_MATH_EXPM1,
    JS_MATH_FLOOR,
    JS_MATH_FROUND,
    JS_MATH_F16ROUND,
    JS_MATH_LOG,
    JS_MATH_LOG1P,
    JS_MATH_LOG10,
    JS_MATH_LOG2,
    JS_MATH_ROUND,
    JS_MATH_SIGN,
    JS_MATH_SIN,
    JS_MATH_SINH,
    JS_MATH_SQRT,
    JS_MATH_TAN,
    JS_MATH_TANH,
    JS_MATH_TRUNC,
};

static JSMathFunc1 *const js_math_funcs1[] = {
    [JS_MATH_ABS] = js_math_abs,
    [JS_MATH_ACOS] = acos,
    [JS_MATH_ACOSH] = acosh,
    [JS_MATH_ASIN] = asin,
    [JS_MATH_ASINH] = asinh,
    [JS_MATH_ATAN] = atan,
    [JS_MATH_ATANH] = atanh,
    [JS_MATH_CBRT] = js_math_cbrt,
    [JS_MATH_CEIL] = ceil,
    [JS_MATH_COS] = cos,
    [JS_MATH_COSH] = cosh,
    [JS_MATH_EXP] = exp,
    [JS_MATH_EXPM1] = expm1,
    [JS_MATH_FLOOR] = floor,
    [JS_MATH_FROUND] = js_math_fround,
    [JS_MATH_F16ROUND] = js_math_f16round,
    [JS_MATH_LOG] = log,
    [JS_MATH_LOG1P] = log1p,
    [JS_MATH_LOG10] = log10,
    [JS_MATH_LOG2] = log2,
    [JS_MATH_ROUND] = js_math_round,
    [JS_MATH_SIGN] = js_math_sign,
    [JS_MATH_SIN] = sin,
    [JS_MATH_SINH] = sinh,
    [JS_MATH_SQRT] = sqrt,
    [JS_MATH_TAN] = tan,
    [JS_MATH_TANH] = tanh,
    [JS_MATH_TRUNC] = trunc,
};

static JSValue js_math_func1(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int magic)
{
    double x;
    if (js_math_arg(ctx, &x, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewNumber(ctx, js_math_funcs1[magic](x));
}

static JSValue js_math_clz32(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    uint32_t n;
    if (JS_ToUint32(ctx, &n, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, n ? __builtin_clz(n) : 32);
}

/* ---------------------------------------------------------------------
 * Two-argument functions
 * ------------------------------------------------------------------- */
static JSValue js_math_pow(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double x, y;
    if (js_math_arg(ctx, &x, argv[0]) < 0 || js_math_arg(ctx, &y, argv[1]) < 0)
        return JS_EXCEPTION;
    return JS_NewNumber(ctx, js_pow(x, y));
}

static JSValue js_math_atan2(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double y, x;
    if (js_math_arg(ctx, &y, argv[0]) < 0 || js_math_arg(ctx, &x, argv[1]) < 0)
        return JS_EXCEPTION;
    return JS_NewNumber(ctx, atan2(y, x));
}

static JSValue js_math_imul(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    uint32_t a, b;
    if (JS_ToUint32(ctx, &a, argv[0]) < 0 || JS_ToUint32(ctx, &b, argv[1]) < 0)
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, (int32_t)(a * b));
}

/* ---------------------------------------------------------------------
 * Variadic functions
 * ------------------------------------------------------------------- */
/* folds one more number into a max (is_max) or min, with NaN absorbing and
   +0 > -0 */
static double js_math_minmax_step(double r, double d, bool is_max)
{
    if (isnan(r) || isnan(d))
        return NAN;
    if (d == 0 && r == 0)
        return (signbit(d) != is_max) ? d : r;
    if (is_max)
        return d > r ? d : r;
    return d < r ? d : r;
}

/* magic 1: max, 0: min. Every argument is converted, in order, even
   after a NaN has decided the result. */
static JSValue js_math_min_max(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int is_max)
{
    double r = is_max ? -INFINITY : INFINITY, d;
    int i = 0;
    if (argc > 0 && JS_IsInt(argv[0])) {
        int32_t ri = JS_VALUE_GET_INT(argv[0]);
        for (i = 1; i < argc && JS_IsInt(argv[i]); i++) {
            int32_t v = JS_VALUE_GET_INT(argv[i]);
            if (is_max ? v > ri : v < ri)
                ri = v;
        }
        if (i == argc)
            return JS_NewInt32(ctx, ri);
        r = ri;
    }
    for (; i < argc; i++) {
        if (js_math_arg(ctx, &d, argv[i]) < 0)
            return JS_EXCEPTION;
        r = js_math_minmax_step(r, d, is_max);
    }
    return JS_NewNumber(ctx, r);
}

/* sqrt of the sum of squares of n finite values, max the largest |x|:
   scaling by a power of two (2^-ilogb(max)) is exact and keeps the squares
   in range; Kahan summation limits the rounding of the sum */
static double js_math_hypot_finite(const double *vals, int n, double max)
{
    double sum = 0, comp = 0;
    int e;
    if (max == 0)
        return 0;
    e = ilogb(max);
    for (int i = 0; i < n; i++) {
        double x = ldexp(vals[i], -e);
        double term = x * x - comp;
        double t = sum + term;
        comp = (t - sum) - term;
        sum = t;
    }
    return ldexp(sqrt(sum), e);
}

static JSValue js_math_hypot(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double small[16], *vals = small, max = 0, res;
    bool has_inf = false, has_nan = false;
    if (argc == 2 && JS_IsNumber(argv[0]) && JS_IsNumber(argv[1]))
        return JS_NewNumber(ctx, hypot(js_value_to_double(argv[0]), js_value_to_double(argv[1])));
    if (argc > (int)countof(small)) {
        vals = js_malloc(ctx, sizeof(double) * argc);
        if (!vals)
            return JS_EXCEPTION;
    }
    /* every argument is converted before any is inspected */
    for (int i = 0; i < argc; i++) {
        if (js_math_arg(ctx, &vals[i], argv[i]) < 0) {
            if (vals != small)
                js_free(ctx, vals);
            return JS_EXCEPTION;
        }
        vals[i] = fabs(vals[i]);
        has_inf |= isinf(vals[i]);
        has_nan |= isnan(vals[i]);
        if (vals[i] > max)
            max = vals[i];
    }
    if (has_inf)
        res = INFINITY;
    else if (has_nan)
        res = NAN;
    else
        res = js_math_hypot_finite(vals, argc, max);
    if (vals != small)
        js_free(ctx, vals);
    return JS_NewNumber(ctx, res);
}

/* ---------------------------------------------------------------------
 * Math.random: SplitMix64 on the realm's 64-bit state
 * ------------------------------------------------------------------- */
static uint64_t js_math_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static JSValue js_math_random(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    /* 53 random bits scaled into [0, 1) */
    uint64_t bits = js_math_splitmix64(&ctx->random_state) >> 11;
    return JS_NewFloat64(ctx, (double)bits * 0x1p-53);
}

/* mixes the time into the address-based seed the context starts with, so
   that two runs do not share a sequence */
static void js_math_seed_random(JSContext *ctx)
{
    struct timespec ts;
    uint64_t mix;
    clock_gettime(CLOCK_REALTIME, &ts);
    mix = ((uint64_t)ts.tv_sec << 30) ^ (uint64_t)ts.tv_nsec;
    ctx->random_state ^= js_math_splitmix64(&mix);
}

/* ---------------------------------------------------------------------
 * Math.sumPrecise: the exact sum of the finite values, rounded once.
 *
 * The sum is kept as a two's complement fixed-point integer counting units
 * of 2^-1074 (the smallest subnormal). Any double is below 2^1024, i.e.
 * 2^2098 units, and at most 2^53 values are summed, so 2176 bits with a
 * sign bit never overflow.
 * ------------------------------------------------------------------- */
#define JS_SUM_LIMBS 34

typedef struct JSExactSum {
    uint64_t limb[JS_SUM_LIMBS]; /* little-endian */
} JSExactSum;

/* adds (or subtracts, when neg) m * 2^shift */
static void js_exact_sum_add(JSExactSum *s, uint64_t m, int shift, bool neg)
{
    int i = shift / 64, bit = shift % 64;
    uint64_t part[2] = {m << bit, bit ? m >> (64 - bit) : 0};
    uint64_t carry = 0;
    for (int j = i; j < JS_SUM_LIMBS; j++) {
        uint64_t add = (j - i < 2 ? part[j - i] : 0), old = s->limb[j];
        if (j - i >= 2 && carry == 0)
            break;
        if (neg) {
            uint64_t sub = add + carry;
            /* borrow when the subtrahend wrapped or exceeds the limb */
            carry = (sub < add) || (old < sub);
            s->limb[j] = old - sub;
        } else {
            uint64_t sum = old + add;
            uint64_t c = sum < old;
            s->limb[j] = sum + carry;
            carry = c | (s->limb[j] < sum);
        }
    }
}

static void js_exact_sum_add_double(JSExactSum *s, double d)
{
    uint64_t bits, m;
    int e;
    memcpy(&bits, &d, sizeof(bits));
    e = (int)((bits >> 52) & 0x7ff);
    m = bits & ((1ull << 52) - 1);
    /* normal values: m * 2^(e-1075) = (m | 2^52) * 2^(e-1) units */
    if (e != 0)
        m |= 1ull << 52;
    js_exact_sum_add(s, m, e ? e - 1 : 0, (bits >> 63) != 0);
}

static bool js_exact_sum_bit(const JSExactSum *s, int i)
{
    return (s->limb[i / 64] >> (i % 64)) & 1;
}

/* the 64 bits starting at bit position pos (pos may be negative) */
static uint64_t js_exact_sum_bits64(const JSExactSum *s, int pos)
{
    uint64_t r = 0;
    for (int i = 63; i >= 0; i--)
        r = (r << 1) | (pos + i >= 0 && js_exact_sum_bit(s, pos + i));
    return r;
}

static bool js_exact_sum_any_below(const JSExactSum *s, int pos)
{
    for (int i = 0; i < pos; i++) {
        if (i % 64 == 0 && i + 64 <= pos) {
            if (s->limb[i / 64])
                return true;
            i += 63;
        } else if (js_exact_sum_bit(s, i)) {
            return true;
        }
    }
    return false;
}

/* the exact sum rounded to the nearest double, ties to even; +0 for 0 */
static double js_exact_sum_to_double(JSExactSum *s)
{
    bool neg = (s->limb[JS_SUM_LIMBS - 1] >> 63) != 0;
    int top = -1;
    uint64_t mant;
    double r;
    if (neg) {
        /* two's complement negation: invert and add one */
        uint64_t carry = 1;
        for (int i = 0; i < JS_SUM_LIMBS; i++) {
            s->limb[i] = ~s->limb[i] + carry;
            carry = carry && s->limb[i] == 0;
        }
    }
    for (int i = JS_SUM_LIMBS - 1; i >= 0 && top < 0; i--) {
        if (s->limb[i])
            top = i * 64 + 63 - __builtin_clzll(s->limb[i]);
    }
    if (top < 0)
        return 0;
    if (top < 53) {
        /* fewer than 53 significant bits: exact (subnormal or small) */
        r = ldexp((double)s->limb[0], -1074);
    } else {
        int low = top - 52; /* position of the last kept bit */
        bool round_bit = js_exact_sum_bit(s, low - 1);
        bool sticky = js_exact_sum_any_below(s, low - 1);
        mant = js_exact_sum_bits64(s, low) & ((1ull << 53) - 1);
        if (round_bit && (sticky || (mant & 1)))
            mant++; /* 2^53 still converts exactly; ldexp handles overflow */
        r = ldexp((double)mant, low - 1074);
    }
    return neg ? -r : r;
}

/* the iteration state of sumPrecise: which special values were met */
enum {
    JS_SUM_MINUS_ZERO,
    JS_SUM_FINITE,
    JS_SUM_PLUS_INF,
    JS_SUM_MINUS_INF,
    JS_SUM_NAN,
};

static int js_math_sum_state(int state, double d, JSExactSum *s)
{
    if (state == JS_SUM_NAN || isnan(d))
        return JS_SUM_NAN;
    if (isinf(d)) {
        int inf = d > 0 ? JS_SUM_PLUS_INF : JS_SUM_MINUS_INF;
        int opposite = d > 0 ? JS_SUM_MINUS_INF : JS_SUM_PLUS_INF;
        return state == opposite ? JS_SUM_NAN : inf;
    }
    if (state == JS_SUM_PLUS_INF || state == JS_SUM_MINUS_INF)
        return state;
    if (d == 0 && signbit(d))
        return state;
    if (d != 0)
        js_exact_sum_add_double(s, d);
    return JS_SUM_FINITE;
}

/* the loop over the iterator; returns the final state or -1 */
static int js_math_sum_iterate(JSContext *ctx, JSValueConst iter, JSValueConst next, JSExactSum *s)
{
    int state = JS_SUM_MINUS_ZERO;
    int64_t count = 0;
    for (;;) {
        bool done;
        JSValue v = js_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(v))
            return -1;
        if (done)
            return state;
        if (++count >= ((int64_t)1 << 53)) {
            JS_FreeValue(ctx, v);
            JS_ThrowRangeError(ctx, "Math.sumPrecise: too many values");
            break;
        }
        if (!JS_IsNumber(v)) {
            JS_FreeValue(ctx, v);
            JS_ThrowTypeError(ctx, "Math.sumPrecise: value is not a number");
            break;
        }
        state = js_math_sum_state(state, js_value_to_double(v), s);
    }
    js_iterator_close_on_throw(ctx, iter);
    return -1;
}

static JSValue js_math_sumPrecise(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValue iter, next;
    JSExactSum s;
    int state;
    if (JS_IsUndefined(argv[0]) || JS_IsNull(argv[0]))
        return JS_ThrowTypeError(ctx, "Math.sumPrecise: argument is not iterable");
    iter = js_get_iterator(ctx, argv[0], &next);
    if (JS_IsException(iter))
        return iter;
    memset(&s, 0, sizeof(s));
    state = js_math_sum_iterate(ctx, iter, next, &s);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, iter);
    switch (state) {
    case -1:
        return JS_EXCEPTION;
    case JS_SUM_NAN:
        return JS_NewFloat64(ctx, NAN);
    case JS_SUM_PLUS_INF:
        return JS_NewFloat64(ctx, INFINITY);
    case JS_SUM_MINUS_INF:
        return JS_NewFloat64(ctx, -INFINITY);
    case JS_SUM_MINUS_ZERO:
        return JS_NewFloat64(ctx, -0.0);
    default:
        return JS_NewNumber(ctx, js_exact_sum_to_double(&s));
    }
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
#define JS_MATH_FUNC1(name, id) JS_CFUNC_MAGIC_DEF(name, 1, js_math_func1, id)

static const JSCFunctionListEntry js_math_props[] = {
    JS_PROP_DOUBLE_DEF("E", 2.718281828459045, 0),
    JS_PROP_DOUBLE_DEF("LN10", 2.302585092994046, 0),
    JS_PROP_DOUBLE_DEF("LN2", 0.6931471805599453, 0),
    JS_PROP_DOUBLE_DEF("LOG10E", 0.4342944819032518, 0),
    JS_PROP_DOUBLE_DEF("LOG2E", 1.4426950408889634, 0),
    JS_PROP_DOUBLE_DEF("PI", 3.141592653589793, 0),
    JS_PROP_DOUBLE_DEF("SQRT1_2", 0.7071067811865476, 0),
    JS_PROP_DOUBLE_DEF("SQRT2", 1.4142135623730951, 0),
    JS_MATH_FUNC1("abs", JS_MATH_ABS),
    JS_MATH_FUNC1("acos", JS_MATH_ACOS),
    JS_MATH_FUNC1("acosh", JS_MATH_ACOSH),
    JS_MATH_FUNC1("asin", JS_MATH_ASIN),
    JS_MATH_FUNC1("asinh", JS_MATH_ASINH),
    JS_MATH_FUNC1("atan", JS_MATH_ATAN),
    JS_MATH_FUNC1("atanh", JS_MATH_ATANH),
    JS_CFUNC_DEF("atan2", 2, js_math_atan2),
    JS_MATH_FUNC1("cbrt", JS_MATH_CBRT),
    JS_MATH_FUNC1("ceil", JS_MATH_CEIL),
    JS_CFUNC_DEF("clz32", 1, js_math_clz32),
    JS_MATH_FUNC1("cos", JS_MATH_COS),
    JS_MATH_FUNC1("cosh", JS_MATH_COSH),
    JS_MATH_FUNC1("exp", JS_MATH_EXP),
    JS_MATH_FUNC1("expm1", JS_MATH_EXPM1),
    JS_MATH_FUNC1("floor", JS_MATH_FLOOR),
    JS_MATH_FUNC1("fround", JS_MATH_FROUND),
    JS_MATH_FUNC1("f16round", JS_MATH_F16ROUND),
    JS_CFUNC_DEF("hypot", 2, js_math_hypot),
    JS_CFUNC_DEF("imul", 2, js_math_imul),
    JS_MATH_FUNC1("log", JS_MATH_LOG),
    JS_MATH_FUNC1("log1p", JS_MATH_LOG1P),
    JS_MATH_FUNC1("log10", JS_MATH_LOG10),
    JS_MATH_FUNC1("log2", JS_MATH_LOG2),
    JS_CFUNC_MAGIC_DEF("max", 2, js_math_min_max, 1),
    JS_CFUNC_MAGIC_DEF("min", 2, js_math_min_max, 0),
    JS_CFUNC_DEF("pow", 2, js_math_pow),
    JS_CFUNC_DEF("random", 0, js_math_random),
    JS_MATH_FUNC1("round", JS_MATH_ROUND),
    JS_MATH_FUNC1("sign", JS_MATH_SIGN),
    JS_MATH_FUNC1("sin", JS_MATH_SIN),
    JS_MATH_FUNC1("sinh", JS_MATH_SINH),
    JS_MATH_FUNC1("sqrt", JS_MATH_SQRT),
    JS_CFUNC_DEF("sumPrecise", 1, js_math_sumPrecise),
    JS_MATH_FUNC1("tan", JS_MATH_TAN),
    JS_MATH_FUNC1("tanh", JS_MATH_TANH),
    JS_MATH_FUNC1("trunc", JS_MATH_TRUNC),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Math", JS_PROP_CONFIGURABLE),
};

int js_init_math(JSContext *ctx)
{
    JSValue math = JS_NewObject(ctx);
    if (JS_IsException(math))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, math, js_math_props, countof(js_math_props)) < 0) {
        JS_FreeValue(ctx, math);
        return -1;
    }
    js_math_seed_random(ctx);
    return JS_DefinePropertyValue(ctx, ctx->global_obj, JS_ATOM_Math, math,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}
