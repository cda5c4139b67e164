// math.js — the Math object.

test("Math object", function () {
    assertEq(typeof Math, "object");
    assertEq(Object.prototype.toString.call(Math), "[object Math]");
    assertEq(Math[Symbol.toStringTag], "Math");
    assertEq(Object.getPrototypeOf(Math), Object.prototype);
    var d = Object.getOwnPropertyDescriptor(globalThis, "Math");
    assert(d.writable && !d.enumerable && d.configurable);
    d = Object.getOwnPropertyDescriptor(Math, "PI");
    assert(!d.writable && !d.enumerable && !d.configurable);
    assertEq(Math.PI, 3.141592653589793);
    assertEq(Math.E, 2.718281828459045);
    assertEq(Math.SQRT2, 1.4142135623730951);
    assertEq(Math.max.length, 2);
    assertEq(Math.hypot.length, 2);
    assertEq(Math.abs.name, "abs");
    assertThrows(TypeError, function () { new Math.abs(1); });
});

test("rounding", function () {
    assertEq(Math.floor(-0), -0);
    assertEq(Math.floor(-0.5), -1);
    assertEq(Math.ceil(-0.5), -0);
    assertEq(Math.trunc(-0.9), -0);
    assertEq(Math.trunc(4.7), 4);
    assertEq(Math.round(0.5), 1);
    assertEq(Math.round(-0.5), -0);
    assertEq(Math.round(2.5), 3);
    assertEq(Math.round(-2.5), -2);
    assertEq(Math.round(-0.2), -0);
    assertEq(Math.round(0.49999999999999994), 0);
    assertEq(Math.round(4503599627370495.5), 4503599627370496);
    assertEq(Math.round(-4503599627370495.5), -4503599627370495);
    assertEq(Math.round(NaN), NaN);
    assertEq(Math.round(-Infinity), -Infinity);
    assertEq(Math.round("2.6"), 3);
});

test("sign, abs", function () {
    assertEq(Math.sign(-3), -1);
    assertEq(Math.sign(3), 1);
    assertEq(Math.sign(-0), -0);
    assertEq(Math.sign(0), 0);
    assertEq(Math.sign(NaN), NaN);
    assertEq(Math.abs(-2147483648), 2147483648);
    assertEq(Math.abs(-0), 0);
    assertEq(Math.abs(), NaN);
});

test("max and min", function () {
    assertEq(Math.max(), -Infinity);
    assertEq(Math.min(), Infinity);
    assertEq(Math.max(1, 3, 2), 3);
    assertEq(Math.min(1, 3, 2), 1);
    assertEq(Math.max(0, -0), 0);
    assertEq(Math.max(-0, 0), 0);
    assertEq(Math.min(0, -0), -0);
    assertEq(Math.min(-0, 0), -0);
    assertEq(Math.max(1, NaN, 3), NaN);
    assertEq(Math.max(1, 2.5), 2.5);
    assertEq(Math.min(-1, "-5"), -5);
    var log = [];
    function v(x) { return { valueOf: function () { log.push(x); return x; } }; }
    assertEq(Math.max(v(1), NaN, v(2)), NaN);
    assertDeepEq(log, [1, 2]);
    assertThrows(TypeError, function () { Math.min(1, Symbol()); });
});

test("hypot", function () {
    assertEq(Math.hypot(), 0);
    assertEq(Math.hypot(3, 4), 5);
    assertEq(Math.hypot(3, 4, 12), 13);
    assertEq(Math.hypot(-0), 0);
    assertEq(Math.hypot(NaN, Infinity), Infinity);
    assertEq(Math.hypot(NaN, -Infinity), Infinity);
    assertEq(Math.hypot(NaN, 1), NaN);
    assertEq(Math.hypot(1e300, 1e300), 1.4142135623730952e300);
    assertEq(Math.hypot(1e300, 1e300, 1e300), 1.7320508075688774e300);
    assertEq(Math.hypot(1e-300, 1e-300, 1e-300), 1.7320508075688774e-300);
    var n = 0;
    assertThrows(Error, function () {
        Math.hypot(Infinity, { valueOf: function () { throw new Error(); } },
                   { valueOf: function () { n++; return 1; } });
    });
    assertEq(n, 0);
    var args = [];
    for (var i = 0; i < 100; i++) args.push(1);
    assertEq(Math.hypot.apply(null, args), 10);
});

test("pow", function () {
    assertEq(Math.pow(2, 10), 1024);
    assertEq(Math.pow(1, Infinity), NaN);
    assertEq(Math.pow(-1, -Infinity), NaN);
    assertEq(Math.pow(1, NaN), NaN);
    assertEq(Math.pow(NaN, 0), 1);
    assertEq(Math.pow(NaN, -0), 1);
    assertEq(Math.pow(-0, -3), -Infinity);
    assertEq(Math.pow(-0, -2), Infinity);
    assertEq(Math.pow(-8, 1 / 3), NaN);
    assertEq(Math.pow(0.5, -Infinity), Infinity);
});

test("integer functions", function () {
    assertEq(Math.clz32(0), 32);
    assertEq(Math.clz32(1), 31);
    assertEq(Math.clz32(-1), 0);
    assertEq(Math.clz32(0x80000000), 0);
    assertEq(Math.clz32(NaN), 32);
    assertEq(Math.clz32(4294967296), 32);
    assertEq(Math.imul(3, 4), 12);
    assertEq(Math.imul(0xffffffff, 5), -5);
    assertEq(Math.imul(0x7fffffff, 0x7fffffff), 1);
    assertEq(Math.imul(2.5, 2.5), 4);
});

test("fround and f16round", function () {
    assertEq(Math.fround(5.5), 5.5);
    assertEq(Math.fround(5.05), 5.050000190734863);
    assertEq(Math.fround(1e40), Infinity);
    assertEq(Math.fround(-0), -0);
    assertEq(Math.fround(NaN), NaN);
    assertEq(Math.f16round(1.337), 1.3369140625);
    assertEq(Math.f16round(65504), 65504);
    assertEq(Math.f16round(65519.99), 65504);
    assertEq(Math.f16round(65520), Infinity);
    assertEq(Math.f16round(-65520), -Infinity);
    assertEq(Math.f16round(5.960464477539063e-8), 5.960464477539063e-8);
    assertEq(Math.f16round(2.9802322387695312e-8), 0);
    assertEq(Math.f16round(-2.9802322387695312e-8), -0);
    assertEq(Math.f16round(2.980232238769532e-8), 5.960464477539063e-8);
    assertEq(Math.f16round(1.00048828125), 1);
    assertEq(Math.f16round(1.00146484375), 1.001953125);
    assertEq(Math.f16round(0.1), 0.0999755859375);
    assertEq(Math.f16round(NaN), NaN);
});

test("transcendental", function () {
    assertEq(Math.sqrt(4), 2);
    assertEq(Math.sqrt(-1), NaN);
    assertEq(Math.sqrt(-0), -0);
    assertEq(Math.cbrt(-27), -3);
    assertEq(Math.exp(0), 1);
    assertEq(Math.expm1(-0), -0);
    assertEq(Math.log(1), 0);
    assertEq(Math.log(0), -Infinity);
    assertEq(Math.log1p(-1), -Infinity);
    assertEq(Math.log10(1000), 3);
    assertEq(Math.log2(8), 3);
    assertEq(Math.log2(-1), NaN);
    assertEq(Math.sin(-0), -0);
    assertEq(Math.cos(0), 1);
    assertEq(Math.tan(-0), -0);
    assertEq(Math.atan2(0, -0), Math.PI);
    assertEq(Math.atan2(-0, 0), -0);
    assertEq(Math.asinh(-0), -0);
    assertEq(Math.acosh(1), 0);
    assertEq(Math.acosh(0.5), NaN);
    assertEq(Math.atanh(1), Infinity);
    assertEq(Math.sinh(-0), -0);
    assertEq(Math.cosh(0), 1);
    assertEq(Math.tanh(Infinity), 1);
    assertEq(Math.asin(2), NaN);
    assertEq(Math.acos(1), 0);
    assertEq(Math.atan(Infinity), Math.PI / 2);
});

test("random", function () {
    for (var i = 0; i < 1000; i++) {
        var r = Math.random();
        assert(r >= 0 && r < 1 && typeof r === "number");
    }
    assert(Math.random() !== Math.random());
});

test("sumPrecise", function () {
    assertEq(Math.sumPrecise([]), -0);
    assertEq(Math.sumPrecise([-0, -0]), -0);
    assertEq(Math.sumPrecise([-0, 0]), 0);
    assertEq(Math.sumPrecise([1, 2, 3]), 6);
    assertEq(Math.sumPrecise([0.1, 0.2]), 0.30000000000000004);
    assertEq(Math.sumPrecise([1e30, 0.1, -1e30]), 0.1);
    assertEq(Math.sumPrecise([1e308, 1e308, -1e308]), 1e308);
    assertEq(Math.sumPrecise([8.98846567431158e+307, 8.98846567431158e+307]), Infinity);
    assertEq(Math.sumPrecise([Infinity, 1]), Infinity);
    assertEq(Math.sumPrecise([Infinity, -Infinity]), NaN);
    assertEq(Math.sumPrecise([-Infinity, 1e308]), -Infinity);
    assertEq(Math.sumPrecise([NaN, 1]), NaN);
    assertEq(Math.sumPrecise([5e-324, -5e-324, 5e-324]), 5e-324);
    assertEq(Math.sumPrecise(new Set([1, 2])), 3);
    assertThrows(TypeError, function () { Math.sumPrecise(); });
    assertThrows(TypeError, function () { Math.sumPrecise({}); });
    assertThrows(TypeError, function () { Math.sumPrecise(["1"]); });
    var closed = 0;
    var it = {
        [Symbol.iterator]: function () {
            return {
                next: function () { return { done: false, value: "x" }; },
                return: function () { closed++; return {}; },
            };
        },
    };
    assertThrows(TypeError, function () { Math.sumPrecise(it); });
    assertEq(closed, 1);
});

report();
