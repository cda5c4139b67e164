/*
 * dtoa.h — exact conversions between doubles and decimal (or radix) text.
 *
 * Pure functions with no engine state, safe to call from any thread.
 * Every output buffer is NUL-terminated; the return value is the length
 * written (without the NUL).
 */
#ifndef WEFT_DTOA_H
#define WEFT_DTOA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* large enough for every js_dtoa_* result except js_dtoa_fixed with huge
   values (see JS_DTOA_FIXED_MAX) */
#define JS_DTOA_BUF_SIZE 128
/* toFixed allows values below 1e21 and up to 100 fraction digits */
#define JS_DTOA_FIXED_MAX (21 + 1 + 100 + 2)

/* Number::toString(x) with radix 10: the shortest digit string that reads
   back to x, in the ECMAScript layout (fixed or exponent form, "NaN",
   "Infinity", "-Infinity", "0" for -0). */
size_t js_dtoa_shortest(char *buf, double d);

/* Number.prototype.toString(radix) for radix 2..36 other than 10:
   exactly the digits of x in that radix, fraction digits as many as needed
   to round-trip (like V8). buf must have JS_DTOA_RADIX_BUF_SIZE bytes. */
#define JS_DTOA_RADIX_BUF_SIZE 2200
size_t js_dtoa_radix(char *buf, double d, int radix);

/* Number.prototype.toFixed(fraction_digits), 0 <= fraction_digits <= 100,
   for |x| < 1e21 (the caller handles larger values with js_dtoa_shortest).
   Exact: rounds the true binary value half up. */
size_t js_dtoa_fixed(char *buf, double d, int fraction_digits);

/* Number.prototype.toExponential(fraction_digits). fraction_digits < 0
   means "as many digits as necessary" (the undefined argument).
   0 <= fraction_digits <= 100 otherwise. */
size_t js_dtoa_exponential(char *buf, double d, int fraction_digits);

/* Number.prototype.toPrecision(precision), 1 <= precision <= 100. */
size_t js_dtoa_precision(char *buf, double d, int precision);

/* Correctly rounded decimal parsing (round half to even), used by the
   lexer, Number(), parseFloat and JSON.
   Parses the longest prefix of buf[0..len) that has the form
       [digits][.digits][(e|E)[+|-]digits]
   (no sign, no "Infinity", no whitespace: callers handle those) with at
   least one digit in the mantissa. Underscores are NOT accepted here: the
   lexer strips numeric separators before calling.
   Returns the value and stores in *pend the number of bytes consumed
   (0 if no number could be parsed, in which case the value is NaN). */
double js_strtod(const char *buf, size_t len, size_t *pend);

/* Parses digits in radix 2..36 exactly (correct rounding for any number of
   digits), used for 0x/0o/0b literals and parseInt. buf holds only digit
   characters valid for the radix (the caller has checked). */
double js_atod_radix(const char *buf, size_t len, int radix);

#endif /* WEFT_DTOA_H */
