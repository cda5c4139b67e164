/*
 * operators.c — the operators on arbitrary values (ECMA-262 §13.15.3
 * ApplyStringOrNumericBinaryOperator and the unary operators).
 */
#include <math.h>

#include "operators.h"
#include "atom.h"
#include "bigint.h"
#include "bytecode.h"
#include "conv.h"
#include "error.h"
#include "object.h"
#include "str.h"

double js_pow(double x, double y)
{
    if (isnan(y))
        return NAN;
    if (isinf(y) && fabs(x) == 1)
        return NAN; /* C's pow gives 1 */
    return pow(x, y);
}

static int32_t js_to_int32_double(double d)
{
    if (d >= -2147483648.0 && d <= 2147483647.0)
        return (int32_t)d;
    if (!isfinite(d))
        return 0;
    d = fmod(trunc(d), 4294967296.0);
    if (d < 0)
        d += 4294967296.0;
    return (int32_t)(uint32_t)d;
}

static JSValue js_number_op(JSContext *ctx, int op, double a, double b)
{
    int32_t ia, ib;
    switch (op) {
    case OP_add:
        return JS_NewNumber(ctx, a + b);
    case OP_sub:
        return JS_NewNumber(ctx, a - b);
    case OP_mul:
        return JS_NewNumber(ctx, a * b);
    case OP_div:
        return JS_NewNumber(ctx, a / b);
    case OP_mod:
        return JS_NewNumber(ctx, fmod(a, b));
    case OP_pow:
        return JS_NewNumber(ctx, js_pow(a, b));
    default:
        break;
    }
    ia = js_to_int32_double(a);
    ib = js_to_int32_double(b);
    switch (op) {
    case OP_shl:
        return JS_NewInt32(ctx, (int32_t)((uint32_t)ia << (ib & 31)));
    case OP_sar:
        return JS_NewInt32(ctx, ia >> (ib & 31));
    case OP_shr:
        return JS_NewUint32(ctx, (uint32_t)ia >> (ib & 31));
    case OP_and:
        return JS_NewInt32(ctx, ia & ib);
    case OP_or:
        return JS_NewInt32(ctx, ia | ib);
    case OP_xor:
        return JS_NewInt32(ctx, ia ^ ib);
    default:
        abort();
    }
}

static int js_bigint_opcode(int op)
{
    switch (op) {
    case OP_add: return JS_BIGINT_OP_ADD;
    case OP_sub: return JS_BIGINT_OP_SUB;
    case OP_mul: return JS_BIGINT_OP_MUL;
    case OP_div: return JS_BIGINT_OP_DIV;
    case OP_mod: return JS_BIGINT_OP_MOD;
    case OP_pow: return JS_BIGINT_OP_POW;
    case OP_shl: return JS_BIGINT_OP_SHL;
    case OP_sar: return JS_BIGINT_OP_SAR;
    case OP_shr: return JS_BIGINT_OP_SHR;
    case OP_and: return JS_BIGINT_OP_AND;
    case OP_or: return JS_BIGINT_OP_OR;
    default: return JS_BIGINT_OP_XOR;
    }
}

/* both operands already numeric */
static JSValue js_numeric_op(JSContext *ctx, int op, JSValue a, JSValue b)
{
    if (JS_IsBigInt(a) || JS_IsBigInt(b)) {
        if (!JS_IsBigInt(a) || !JS_IsBigInt(b)) {
            JS_FreeValue(ctx, a);
            JS_FreeValue(ctx, b);
            return JS_ThrowTypeError(ctx, "Cannot mix BigInt and other types, use explicit "
                                          "conversions");
        }
        return js_bigint_binary_op(ctx, js_bigint_opcode(op), a, b);
    }
    return js_number_op(ctx, op, js_value_to_double(a), js_value_to_double(b));
}

JSValue js_op_binary(JSContext *ctx, int op, JSValue a, JSValue b)
{
    a = JS_ToNumericFree(ctx, a);
    if (JS_IsException(a)) {
        JS_FreeValue(ctx, b);
        return a;
    }
    b = JS_ToNumericFree(ctx, b);
    if (JS_IsException(b)) {
        JS_FreeValue(ctx, a);
        return b;
    }
    return js_numeric_op(ctx, op, a, b);
}

JSValue js_op_add(JSContext *ctx, JSValue a, JSValue b)
{
    a = JS_ToPrimitiveFree(ctx, a, HINT_NONE);
    if (JS_IsException(a)) {
        JS_FreeValue(ctx, b);
        return a;
    }
    b = JS_ToPrimitiveFree(ctx, b, HINT_NONE);
    if (JS_IsException(b)) {
        JS_FreeValue(ctx, a);
        return b;
    }
    if (JS_IsString(a) || JS_IsString(b)) {
        a = JS_ToStringFree(ctx, a);
        if (JS_IsException(a)) {
            JS_FreeValue(ctx, b);
            return a;
        }
        b = JS_ToStringFree(ctx, b);
        if (JS_IsException(b)) {
            JS_FreeValue(ctx, a);
            return b;
        }
        return JS_ConcatStrings(ctx, a, b);
    }
    return js_op_binary(ctx, OP_add, a, b);
}

JSValue js_op_unary(JSContext *ctx, int op, JSValue a)
{
    double d;
    if (op == OP_plus) {
        JSValue v = JS_ToNumberFree(ctx, a);
        return v;
    }
    a = JS_ToNumericFree(ctx, a);
    if (JS_IsException(a))
        return a;
    if (JS_IsBigInt(a)) {
        int bop = op == OP_neg   ? JS_BIGINT_OP_NEG
                  : op == OP_inc ? JS_BIGINT_OP_INC
                  : op == OP_dec ? JS_BIGINT_OP_DEC
                                 : JS_BIGINT_OP_NOT;
        return js_bigint_unary_op(ctx, bop, a);
    }
    d = js_value_to_double(a);
    switch (op) {
    case OP_neg:
        return JS_NewNumber(ctx, -d);
    case OP_inc:
        return JS_NewNumber(ctx, d + 1);
    case OP_dec:
        return JS_NewNumber(ctx, d - 1);
    default: /* OP_not */
        return JS_NewInt32(ctx, ~js_to_int32_double(d));
    }
}

int js_op_in(JSContext *ctx, JSValue key, JSValue obj)
{
    JSAtom atom;
    int ret;
    if (!JS_IsObject(obj)) {
        JS_FreeValue(ctx, key);
        JS_FreeValue(ctx, obj);
        JS_ThrowTypeError(ctx, "Cannot use 'in' operator to search for a key in a non-object");
        return -1;
    }
    atom = JS_ValueToAtom(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    ret = js_has_property(ctx, js_obj(obj), atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    return ret;
}
