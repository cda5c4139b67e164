// number.js — the Number constructor, its static properties and
// Number.prototype.

test("Number() conversions", function () {
    assertEq(Number(), 0);
    assertEq(Number(undefined), NaN);
    assertEq(Number(null), 0);
    assertEq(Number(true), 1);
    assertEq(Number("  12.5  "), 12.5);
    assertEq(Number("0x1F"), 31);
    assertEq(Number("0b101"), 5);
    assertEq(Number("0o17"), 15);
    assertEq(Number("-0"), -0);
    assertEq(Number("1e1000"), Infinity);
    assertEq(Number("abc"), NaN);
    assertEq(Number(""), 0);
    assertEq(Number({ valueOf: function () { return 7; } }), 7);
    assertThrows(TypeError, function () { Number(Symbol()); });
    assertEq(typeof Number(3), "number");
});

test("new Number()", function () {
    var n = new Number(5);
    assertEq(typeof n, "object");
    assertEq(n.valueOf(), 5);
    assertEq(Object.getPrototypeOf(n), Number.prototype);
    assertEq(new Number().valueOf(), 0);
    assertEq(Object.prototype.toString.call(n), "[object Number]");
    function F() {}
    F.prototype = Array.prototype;
    var o = Reflect.construct(Number, [3], F);
    assertEq(Object.getPrototypeOf(o), Array.prototype);
    assertEq(Number.prototype.valueOf.call(o), 3);
});

test("Number constructor shape", function () {
    assertEq(Number.length, 1);
    assertEq(Number.name, "Number");
    assertEq(Number.prototype.constructor, Number);
    var d = Object.getOwnPropertyDescriptor(Number, "prototype");
    assert(!d.writable && !d.enumerable && !d.configurable);
    assertEq(Number.prototype.valueOf(), 0);
    assertEq(Object.getPrototypeOf(Number.prototype), Object.prototype);
});

test("constants", function () {
    assertEq(Number.EPSILON, Math.pow(2, -52));
    assertEq(Number.MAX_SAFE_INTEGER, 9007199254740991);
    assertEq(Number.MIN_SAFE_INTEGER, -9007199254740991);
    assertEq(Number.MAX_VALUE, 1.7976931348623157e308);
    assertEq(Number.MIN_VALUE, 5e-324);
    assertEq(Number.NaN, NaN);
    assertEq(Number.POSITIVE_INFINITY, Infinity);
    assertEq(Number.NEGATIVE_INFINITY, -Infinity);
    var d = Object.getOwnPropertyDescriptor(Number, "MAX_VALUE");
    assert(!d.writable && !d.enumerable && !d.configurable);
});

test("static predicates", function () {
    assertEq(Number.isFinite(1), true);
    assertEq(Number.isFinite(Infinity), false);
    assertEq(Number.isFinite("1"), false);
    assertEq(Number.isNaN(NaN), true);
    assertEq(Number.isNaN("NaN"), false);
    assertEq(Number.isInteger(5), true);
    assertEq(Number.isInteger(5.5), false);
    assertEq(Number.isInteger(-0), true);
    assertEq(Number.isInteger(Infinity), false);
    assertEq(Number.isInteger(1e300), true);
    assertEq(Number.isSafeInteger(9007199254740991), true);
    assertEq(Number.isSafeInteger(9007199254740992), false);
    assertEq(Number.isSafeInteger(-9007199254740991), true);
    assertEq(Number.isSafeInteger(1.5), false);
    assertEq(Number.isSafeInteger("1"), false);
});

test("parseInt/parseFloat are the globals", function () {
    assertEq(Number.parseInt, parseInt);
    assertEq(Number.parseFloat, parseFloat);
});

test("toString", function () {
    assertEq((255).toString(16), "ff");
    assertEq((255).toString(2), "11111111");
    assertEq((-255).toString(36), "-73");
    assertEq((0.5).toString(2), "0.1");
    assertEq((-0).toString(), "0");
    assertEq((1e21).toString(), "1e+21");
    assertEq((123.456).toString(), "123.456");
    assertEq(NaN.toString(2), "NaN");
    assertEq((-Infinity).toString(16), "-Infinity");
    assertEq((-2147483648).toString(16), "-80000000");
    assertEq((35).toString(36), "z");
    assertEq((10).toString(undefined), "10");
    assertThrows(RangeError, function () { (1).toString(1); });
    assertThrows(RangeError, function () { (1).toString(37); });
    assertThrows(RangeError, function () { (1).toString(Infinity); });
    assertThrows(TypeError, function () { Number.prototype.toString.call("1"); });
    assertThrows(TypeError, function () { Number.prototype.toString.call({}); });
    assertEq(Number.prototype.toString.call(new Number(12)), "12");
});

test("toFixed", function () {
    assertEq((1.005).toFixed(2), "1.00");
    assertEq((1.5).toFixed(0), "2");
    assertEq((2.5).toFixed(0), "3");
    assertEq((-1.5).toFixed(0), "-2");
    assertEq((0).toFixed(2), "0.00");
    assertEq((-0).toFixed(2), "0.00");
    assertEq((-0.0000001).toFixed(2), "-0.00");
    assertEq((1000000000000000128).toFixed(0), "1000000000000000128");
    assertEq((1e21).toFixed(2), "1e+21");
    assertEq((-1e21).toFixed(2), "-1e+21");
    assertEq((0.1).toFixed(20), "0.10000000000000000555");
    assertEq(NaN.toFixed(2), "NaN");
    assertEq((12.345).toFixed(), "12");
    assertEq((1).toFixed(100).length, 102);
    assertThrows(RangeError, function () { (1).toFixed(101); });
    assertThrows(RangeError, function () { (1).toFixed(-1); });
    assertThrows(RangeError, function () { NaN.toFixed(Infinity); });
});

test("toExponential", function () {
    assertEq((123.456).toExponential(), "1.23456e+2");
    assertEq((123.456).toExponential(0), "1e+2");
    assertEq((123.456).toExponential(2), "1.23e+2");
    assertEq((0).toExponential(), "0e+0");
    assertEq((-0).toExponential(2), "0.00e+0");
    assertEq((1e-7).toExponential(3), "1.000e-7");
    assertEq((-5).toExponential(1), "-5.0e+0");
    assertEq(Infinity.toExponential(1000), "Infinity");
    assertEq(NaN.toExponential(-5), "NaN");
    assertThrows(RangeError, function () { (1).toExponential(101); });
    assertThrows(RangeError, function () { (1).toExponential(-1); });
});

test("toPrecision", function () {
    assertEq((123.456).toPrecision(4), "123.5");
    assertEq((123.456).toPrecision(2), "1.2e+2");
    assertEq((0.000123).toPrecision(2), "0.00012");
    assertEq((0.0000001).toPrecision(1), "1e-7");
    assertEq((123.456).toPrecision(), "123.456");
    assertEq((0).toPrecision(3), "0.00");
    assertEq((-0).toPrecision(1), "0");
    assertEq((1e21).toPrecision(3), "1.00e+21");
    assertEq(NaN.toPrecision(200), "NaN");
    assertThrows(RangeError, function () { (1).toPrecision(0); });
    assertThrows(RangeError, function () { (1).toPrecision(101); });
});

test("conversion order", function () {
    var log = [];
    var arg = { valueOf: function () { log.push("arg"); return 2; } };
    assertThrows(TypeError, function () { Number.prototype.toFixed.call("x", arg); });
    assertEq(log.length, 0);
    assertThrows(Error, function () {
        Infinity.toFixed({ valueOf: function () { throw new Error("x"); } });
    });
    assertEq(NaN.toString({ valueOf: function () { return 16; } }), "NaN");
});

test("toLocaleString and valueOf", function () {
    assertEq((1234.5).toLocaleString(), "1234.5");
    assertEq(new Number(3).valueOf(), 3);
    assertThrows(TypeError, function () { Number.prototype.valueOf.call(true); });
});

report();
