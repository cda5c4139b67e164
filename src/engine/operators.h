/*
 * operators.h — the general (slow) paths of the arithmetic, bitwise and
 * relational operators; the interpreter handles int32 and double operands
 * inline and calls these for everything else. All free their operands.
 */
#ifndef WEFT_OPERATORS_H
#define WEFT_OPERATORS_H

#include "internal.h"

/* a + b with ToPrimitive, string concatenation and BigInt */
JSValue js_op_add(JSContext *ctx, JSValue a, JSValue b);
/* the other binary operators; op is an OP_* code (sub ... xor) */
JSValue js_op_binary(JSContext *ctx, int op, JSValue a, JSValue b);
/* unary: OP_neg, OP_plus, OP_inc, OP_dec, OP_not */
JSValue js_op_unary(JSContext *ctx, int op, JSValue a);
/* Number::exponentiate */
double js_pow(double x, double y);
/* key in obj: 0/1, -1 */
int js_op_in(JSContext *ctx, JSValue key, JSValue obj);

#endif /* WEFT_OPERATORS_H */
