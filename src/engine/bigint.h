/*
 * bigint.h — the BigInt value type: arbitrary-precision integers, their
 * conversions, comparisons and operators (ECMA-262 §6.1.6.2, §7.1.13-15).
 *
 * A JS_TAG_BIG_INT value points at one JSBigInt block (a single js_malloc
 * allocation, freed by the collector with js_free_rt when its reference
 * count drops to zero). The number is stored in sign-magnitude form with
 * 32-bit limbs, least significant first, always normalized: no leading zero
 * limb, and 0n has no limbs and no sign. Most BigInts in real programs fit
 * in one or two limbs; the operators take int64 fast paths for those.
 *
 * Every function that returns a JSValue returns a new reference; "frees"
 * in a comment means the function takes ownership of that argument.
 */
#ifndef WEFT_BIGINT_H
#define WEFT_BIGINT_H

#include "internal.h"

typedef uint32_t js_limb_t;
#define JS_LIMB_BITS 32

/* results larger than this throw RangeError "Maximum BigInt size exceeded" */
#define JS_BIGINT_MAX_BITS (1u << 24)

typedef struct JSBigInt {
    JSRefCountHeader header; /* must come first */
    uint32_t len : 31;       /* limbs in use; 0 for 0n */
    uint32_t sign : 1;       /* 1 for a negative value (never for 0n) */
    js_limb_t tab[];         /* magnitude; tab[len - 1] != 0 */
} JSBigInt;

static inline JSBigInt *js_bigint_ptr(JSValueConst v) { return (JSBigInt *)JS_VALUE_GET_PTR(v); }

/* the binary operators, for js_bigint_binary_op */
enum {
    JS_BIGINT_OP_ADD,
    JS_BIGINT_OP_SUB,
    JS_BIGINT_OP_MUL,
    JS_BIGINT_OP_DIV,
    JS_BIGINT_OP_MOD,
    JS_BIGINT_OP_POW,
    JS_BIGINT_OP_SHL,
    JS_BIGINT_OP_SAR,
    JS_BIGINT_OP_SHR, /* >>>: always a TypeError */
    JS_BIGINT_OP_AND,
    JS_BIGINT_OP_OR,
    JS_BIGINT_OP_XOR,
};

/* the unary operators, for js_bigint_unary_op */
enum {
    JS_BIGINT_OP_NEG,
    JS_BIGINT_OP_INC,
    JS_BIGINT_OP_DEC,
    JS_BIGINT_OP_NOT,
};

/* ---------------------------------------------------------------------
 * Creation
 * ------------------------------------------------------------------- */
JSValue js_bigint_from_int64(JSContext *ctx, int64_t v);
JSValue js_bigint_from_uint64(JSContext *ctx, uint64_t v);
/* a BigInt from len 32-bit limbs stored little-endian in buf[0, 4 * len)
   (least significant first; leading zero limbs allowed), for the
   serializer; RangeError past the size limit */
JSValue js_bigint_from_limb_bytes(JSContext *ctx, const uint8_t *buf, size_t len, bool negative);
/* NumberToBigInt: RangeError when d is not an integer */
JSValue js_bigint_from_float64(JSContext *ctx, double d);
/* a BigInt literal's digits (no prefix, no separators, no sign);
   radix 2, 8, 10 or 16 (any radix up to 36 works) */
JSValue js_bigint_from_literal(JSContext *ctx, const char *digits, size_t len, int radix);

/* ---------------------------------------------------------------------
 * Conversions
 * ------------------------------------------------------------------- */
bool js_bigint_to_bool(JSValueConst v);
/* radix 2..36 */
JSValue js_bigint_to_string(JSContext *ctx, JSValueConst v, int radix);
/* Number(bigint), correctly rounded (ties to even) */
double js_bigint_to_float64(JSValueConst v);
/* ToBigInt64 / ToBigUint64 of any value (ToBigInt first), wrapping modulo
   2^64; 0 or -1 on exception */
int js_bigint_to_int64(JSContext *ctx, int64_t *pres, JSValueConst v);
int js_bigint_to_uint64(JSContext *ctx, uint64_t *pres, JSValueConst v);
/* ToBigInt: Boolean, String (StringToBigInt, SyntaxError when invalid) and
   BigInt; TypeError for Number, undefined, null and Symbol; objects go
   through ToPrimitive(number) */
JSValue JS_ToBigInt(JSContext *ctx, JSValueConst v);
/* StringToBigInt: the BigInt, or JS_UNDEFINED when the string is not a
   StringIntegerLiteral (JS_EXCEPTION only for allocation or size errors) */
JSValue js_string_to_bigint(JSContext *ctx, JSValueConst str);
/* BigInt.asIntN / BigInt.asUintN: v modulo 2^bits, read as a signed
   (two's complement) or unsigned integer of `bits` bits */
JSValue js_bigint_as_n(JSContext *ctx, uint64_t bits, JSValueConst v, bool is_signed);

/* ---------------------------------------------------------------------
 * Comparisons
 * ------------------------------------------------------------------- */
/* both BigInt: -1, 0 or 1 */
int js_bigint_cmp(JSValueConst a, JSValueConst b);
/* a BigInt against a double: -1, 0, 1, or 2 when d is NaN */
int js_bigint_cmp_float64(JSValueConst a, double d);
/* a == b where one side is a BigInt and the other a Number or String
   (borrowed): 0/1, -1 on exception */
int js_bigint_loose_eq(JSContext *ctx, JSValueConst a, JSValueConst b);
/* IsLessThan for primitives where at least one is a BigInt; frees a and b.
   op: 0 <, 1 <=, 2 >, 3 >=. 0/1 (undefined counts as 0), -1 on exception */
int js_bigint_relational_compare(JSContext *ctx, JSValue a, JSValue b, int op);
/* equal values hash equally (for Map and Set keys) */
uint32_t js_bigint_hash(JSValueConst v);

/* ---------------------------------------------------------------------
 * Operators
 * ------------------------------------------------------------------- */
/* a op b with both BigInt; frees a and b. RangeError for a division by
   zero, a negative exponent or a result over JS_BIGINT_MAX_BITS; TypeError
   for >>> */
JSValue js_bigint_binary_op(JSContext *ctx, int op, JSValue a, JSValue b);
/* -a, a + 1, a - 1, ~a; frees a */
JSValue js_bigint_unary_op(JSContext *ctx, int op, JSValue a);

#endif /* WEFT_BIGINT_H */
