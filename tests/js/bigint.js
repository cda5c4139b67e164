// bigint.js — BigInt values, operators and the BigInt builtin.

test("literals and typeof", function () {
    assertEq(typeof 1n, "bigint");
    assertEq(0x1fn, 31n);
    assertEq(0o17n, 15n);
    assertEq(0b101n, 5n);
    assertEq(1_000n, 1000n);
    assertEq(0n, -0n);
    assertEq(String(-0n), "0");
    assertEq(String(123456789012345678901234567890n), "123456789012345678901234567890");
    assertEq(0xffffffffffffffffffffffffn.toString(16), "ffffffffffffffffffffffff");
});

test("BigInt() conversions", function () {
    assertEq(BigInt(42), 42n);
    assertEq(BigInt(-0), 0n);
    assertEq(BigInt(Number.MAX_SAFE_INTEGER + 2), 9007199254740992n);
    assertEq(BigInt(1e21), 1000000000000000000000n);
    assertEq(BigInt(-(2 ** 1000) * 1.5), -(3n * 2n ** 999n));
    assertEq(BigInt(2 ** 64), 18446744073709551616n);
    assertEq(BigInt(true), 1n);
    assertEq(BigInt(false), 0n);
    assertEq(BigInt(""), 0n);
    assertEq(BigInt("  \n\t 42 \u2028"), 42n);
    assertEq(BigInt("-123"), -123n);
    assertEq(BigInt("+123"), 123n);
    assertEq(BigInt("0x1F"), 31n);
    assertEq(BigInt("0o17"), 15n);
    assertEq(BigInt("0B101"), 5n);
    assertEq(BigInt("000123"), 123n);
    assertEq(BigInt(Object(7n)), 7n);
    assertEq(BigInt({ valueOf: function () { return 3; } }), 3n);
    assertEq(BigInt({ toString: function () { return "9"; } }), 9n);
    ["1.5", "1e3", "12n", "-0x1", "0x", "0b2", "00x1", "1_000", "+", "-", "1 2", "abc"].forEach(function (s) {
        assertThrows(SyntaxError, function () { BigInt(s); }, s);
    });
    [0.5, NaN, Infinity, -Infinity].forEach(function (d) {
        assertThrows(RangeError, function () { BigInt(d); }, String(d));
    });
    assertThrows(TypeError, function () { BigInt(undefined); });
    assertThrows(TypeError, function () { BigInt(null); });
    assertThrows(TypeError, function () { BigInt(Symbol()); });
    assertThrows(TypeError, function () { new BigInt(1); });
    assertThrows(TypeError, function () { BigInt(); });
});

test("BigInt function shape", function () {
    assertEq(BigInt.length, 1);
    assertEq(BigInt.name, "BigInt");
    assertEq(Object.getPrototypeOf(BigInt.prototype), Object.prototype);
    assertEq(BigInt.prototype.constructor, BigInt);
    assertEq(BigInt.prototype[Symbol.toStringTag], "BigInt");
    assertEq(Object.prototype.toString.call(1n), "[object BigInt]");
    assertEq(BigInt.asIntN.length, 2);
    assertEq(BigInt.asUintN.name, "asUintN");
    assertEq(BigInt.prototype.toString.length, 0);
});

test("addition and subtraction", function () {
    assertEq(1n + 2n, 3n);
    assertEq(-5n + 3n, -2n);
    assertEq(5n - 8n, -3n);
    assertEq(9223372036854775807n + 1n, 9223372036854775808n);
    assertEq(-9223372036854775808n - 1n, -9223372036854775809n);
    assertEq(18446744073709551615n + 1n, 18446744073709551616n);
    assertEq(18446744073709551616n - 1n, 18446744073709551615n);
    assertEq(2n ** 200n - 2n ** 200n, 0n);
    assertEq(-(2n ** 100n) + 2n ** 100n + 1n, 1n);
    assertEq((2n ** 128n + 5n) - (2n ** 128n), 5n);
    assertEq((2n ** 128n) - (2n ** 128n + 5n), -5n);
});

test("multiplication", function () {
    assertEq(6n * 7n, 42n);
    assertEq(-6n * 7n, -42n);
    assertEq(-6n * -7n, 42n);
    assertEq(0n * -5n, 0n);
    assertEq(4294967296n * 4294967296n, 18446744073709551616n);
    assertEq(3037000500n * 3037000500n, 9223372037000250000n);
    var f = 1n;
    for (var i = 1n; i <= 30n; i++)
        f *= i;
    assertEq(f, 265252859812191058636308480000000n);
    // Karatsuba-sized operands checked through an identity
    var a = 10n ** 700n + 12345n, b = 10n ** 650n - 1n;
    assertEq(a * b, 10n ** 1350n - 10n ** 700n + 12345n * 10n ** 650n - 12345n);
    var x = 3n ** 2000n;
    assertEq((x + 1n) * (x - 1n), x * x - 1n);
});

test("division and remainder", function () {
    assertEq(7n / 2n, 3n);
    assertEq(-7n / 2n, -3n);
    assertEq(7n / -2n, -3n);
    assertEq(-7n / -2n, 3n);
    assertEq(7n % 2n, 1n);
    assertEq(-7n % 2n, -1n);
    assertEq(7n % -2n, 1n);
    assertEq(-9223372036854775808n / -1n, 9223372036854775808n);
    assertEq(-9223372036854775808n % -1n, 0n);
    assertEq(1n / 2n ** 100n, 0n);
    assertEq(5n % 2n ** 100n, 5n);
    assertThrows(RangeError, function () { 1n / 0n; });
    assertThrows(RangeError, function () { 1n % 0n; });
    var a = 7n ** 300n + 12345678901234567890n, b = 3n ** 150n + 1n;
    var q = a / b, r = a % b;
    assertEq(q * b + r, a);
    assert(r >= 0n && r < b);
    assertEq((-a) / b, -q);
    assertEq((-a) % b, -r);
    assertEq((2n ** 512n - 1n) / (2n ** 256n + 1n), 2n ** 256n - 1n);
    assertEq((10n ** 40n) / 10n ** 20n, 10n ** 20n);
});

test("exponentiation", function () {
    assertEq(0n ** 0n, 1n);
    assertEq(0n ** 5n, 0n);
    assertEq(2n ** 10n, 1024n);
    assertEq((-2n) ** 3n, -8n);
    assertEq((-2n) ** 4n, 16n);
    assertEq((-1n) ** 1000001n, -1n);
    assertEq(1n ** (2n ** 100n), 1n);
    assertEq(2n ** 64n, 18446744073709551616n);
    assertEq(10n ** 30n, 1000000000000000000000000000000n);
    assertEq(3n ** 40n, 12157665459056928801n);
    assertThrows(RangeError, function () { 2n ** -1n; });
    assertThrows(RangeError, function () { 2n ** (2n ** 40n); });
    assertEq(String(2n ** 10000n).length, 3011);
});

test("shifts", function () {
    assertEq(1n << 10n, 1024n);
    assertEq(1n << 64n, 18446744073709551616n);
    assertEq(-1n << 64n, -18446744073709551616n);
    assertEq(1024n >> 3n, 128n);
    assertEq(1024n << -3n, 128n);
    assertEq(1n >> -10n, 1024n);
    assertEq(-7n >> 1n, -4n);
    assertEq(-8n >> 1n, -4n);
    assertEq(-1n >> 100n, -1n);
    assertEq(5n >> 100n, 0n);
    assertEq(-(2n ** 100n) >> 99n, -2n);
    assertEq((-(2n ** 100n) - 1n) >> 99n, -3n);
    assertEq(5n >> (2n ** 64n), 0n);
    assertEq(-5n >> (2n ** 64n), -1n);
    assertEq(0n << (2n ** 64n), 0n);
    assertThrows(RangeError, function () { 1n << (2n ** 32n); });
    assertThrows(TypeError, function () { 1n >>> 0n; });
});

test("bitwise operators", function () {
    assertEq(12n & 10n, 8n);
    assertEq(12n | 10n, 14n);
    assertEq(12n ^ 10n, 6n);
    assertEq(-12n & 10n, 0n);
    assertEq(-12n | 10n, -2n);
    assertEq(-12n ^ -10n, 2n);
    assertEq(-1n & (2n ** 100n + 5n), 2n ** 100n + 5n);
    assertEq(-(2n ** 64n) & (2n ** 64n), 2n ** 64n);
    assertEq(-(2n ** 64n) | 1n, -(2n ** 64n) + 1n);
    assertEq((2n ** 70n - 1n) ^ -1n, -(2n ** 70n));
    assertEq(~0n, -1n);
    assertEq(~-1n, 0n);
    assertEq(~(2n ** 64n), -(2n ** 64n) - 1n);
    assertEq(~-(2n ** 64n), 2n ** 64n - 1n);
});

test("unary operators and update", function () {
    assertEq(-(5n), -5n);
    assertEq(-(-(2n ** 80n)), 2n ** 80n);
    var x = 9223372036854775807n;
    x++;
    assertEq(x, 9223372036854775808n);
    x = -9223372036854775808n;
    x--;
    assertEq(x, -9223372036854775809n);
    x = -(2n ** 64n);
    x++;
    assertEq(x, -(2n ** 64n) + 1n);
    x = 2n ** 64n;
    x--;
    assertEq(x, 18446744073709551615n);
    x = 0n;
    x--;
    assertEq(x, -1n);
    assertThrows(TypeError, function () { +1n; });
    assertEq(!0n, true);
    assertEq(!1n, false);
    assertEq(0n ? 1 : 2, 2);
});

test("mixing with numbers", function () {
    assertThrows(TypeError, function () { 1n + 1; });
    assertThrows(TypeError, function () { 1 * 1n; });
    assertThrows(TypeError, function () { 1n | 0; });
    assertEq(1n + "x", "1x");
    assertEq("x" + (2n ** 64n), "x18446744073709551616");
    assertThrows(TypeError, function () { Math.abs(1n); });
});

test("equality and comparison", function () {
    assert(1n == 1);
    assert(1n != 1.5);
    assert(2n ** 53n + 1n != 2 ** 53);
    assert(2n ** 64n == 2 ** 64);
    assert(!(1n == NaN));
    assert(1n == "1");
    assert(-1n == "-1");
    assert(255n == "0xff");
    assert(!(1n == "1n"));
    assert(!(1n == "x"));
    assert(0n == "");
    assert(1n == true);
    assert(0n == false);
    assert(!(0n == null));
    assert(Object(5n) == 5n);
    assert(1n !== 1);
    assert(2n ** 70n === 2n ** 70n);
    assert(1n < 2);
    assert(1n < 1.5);
    assert(2n > 1.5);
    assert(!(1n < NaN) && !(1n >= NaN));
    assert(10n ** 400n < Infinity);
    assert(-(10n ** 400n) > -Infinity);
    assert(2n ** 1024n > Number.MAX_VALUE);
    assert(2n ** 53n + 1n > 2 ** 53);
    assert(-(2n ** 53n) - 1n < -(2 ** 53));
    assert(1n < "2");
    assert("2" > 1n);
    assert(!(1n < "x") && !(1n >= "x"));
    assert(-1n < 0n);
    assert(2n ** 65n > 2n ** 64n);
    assert(-(2n ** 65n) < -(2n ** 64n));
    assert(1n <= 1 && 1n >= 1);
    assert(0n < 0.5 && 0n > -0.5);
});

test("Number(bigint)", function () {
    assertEq(Number(0n), 0);
    assertEq(Number(-5n), -5);
    assertEq(Number(2n ** 53n + 1n), 2 ** 53);
    assertEq(Number(2n ** 53n + 3n), 2 ** 53 + 4);
    assertEq(Number(2n ** 54n + 2n), 2 ** 54);
    assertEq(Number(2n ** 54n + 6n), 2 ** 54 + 8);
    assertEq(Number((2n ** 53n + 1n) * 2n ** 100n + 1n), (2 ** 53 + 2) * 2 ** 100);
    assertEq(Number(2n ** 1023n), 2 ** 1023);
    assertEq(Number(2n ** 1024n), Infinity);
    assertEq(Number(-(2n ** 1024n)), -Infinity);
    assertEq(Number(2n ** 1024n - 2n ** 970n), Infinity);
    assertEq(Number(2n ** 1024n - 2n ** 970n - 1n), Number.MAX_VALUE);
});

test("toString", function () {
    assertEq((255n).toString(16), "ff");
    assertEq((-255n).toString(2), "-11111111");
    assertEq((35n).toString(36), "z");
    assertEq((0n).toString(7), "0");
    assertEq((2n ** 64n).toString(3), "11112220022122120101211020120210210211221");
    assertEq((-(2n ** 100n)).toString(32), "-100000000000000000000");
    assertEq((12345n).toString(undefined), "12345");
    assertEq((12345n).toLocaleString(), "12345");
    assertEq(Object(7n).toString(), "7");
    [0, 1, 37, null, Infinity].forEach(function (r) {
        assertThrows(RangeError, function () { (1n).toString(r); }, String(r));
    });
    assertThrows(TypeError, function () { (1n).toString(1n); });
    assertThrows(TypeError, function () { BigInt.prototype.toString.call(1); });
    assertThrows(TypeError, function () { BigInt.prototype.toString.call({}); });
    assertThrows(TypeError, function () { BigInt.prototype.toString(); });
});

test("long conversions round-trip", function () {
    var x = 7n ** 5000n;
    [10, 3, 36, 16, 2, 7].forEach(function (r) {
        var s = x.toString(r);
        var back = 0n, R = BigInt(r);
        if (r === 10) {
            assertEq(BigInt(s), x);
        } else if (r === 16) {
            assertEq(BigInt("0x" + s), x);
        } else if (r === 2) {
            assertEq(BigInt("0b" + s), x);
        } else {
            for (var i = 0; i < s.length; i++)
                back = back * R + BigInt(parseInt(s[i], r));
            assertEq(back, x);
        }
    });
    var p = 10n ** 3000n;
    assertEq(p.toString(), "1" + "0".repeat(3000));
    assertEq(BigInt("1" + "0".repeat(3000)), p);
    assertEq((p - 1n).toString(), "9".repeat(3000));
    assertEq((-p).toString().length, 3002);
});

test("valueOf and wrappers", function () {
    assertEq(BigInt.prototype.valueOf.call(5n), 5n);
    assertEq(BigInt.prototype.valueOf.call(Object(5n)), 5n);
    assertThrows(TypeError, function () { BigInt.prototype.valueOf.call(5); });
    assertThrows(TypeError, function () { BigInt.prototype.valueOf.call("5"); });
    var w = Object(3n);
    assertEq(typeof w, "object");
    assert(w instanceof BigInt);
    assertEq(w + 1n, 4n);
    assertEq((5n).constructor, BigInt);
});

test("asIntN and asUintN", function () {
    assertEq(BigInt.asIntN(8, 255n), -1n);
    assertEq(BigInt.asIntN(8, 127n), 127n);
    assertEq(BigInt.asIntN(8, 128n), -128n);
    assertEq(BigInt.asIntN(8, -129n), 127n);
    assertEq(BigInt.asIntN(0, 5n), 0n);
    assertEq(BigInt.asIntN(64, 2n ** 63n), -(2n ** 63n));
    assertEq(BigInt.asIntN(64, -(2n ** 63n)), -(2n ** 63n));
    assertEq(BigInt.asIntN(65, 2n ** 64n), -(2n ** 64n));
    assertEq(BigInt.asIntN(2 ** 53 - 1, -5n), -5n);
    assertEq(BigInt.asUintN(8, -1n), 255n);
    assertEq(BigInt.asUintN(64, -1n), 18446744073709551615n);
    assertEq(BigInt.asUintN(65, -1n), 36893488147419103231n);
    assertEq(BigInt.asUintN(1, 3n), 1n);
    assertEq(BigInt.asUintN(200, 5n), 5n);
    assertEq(BigInt.asUintN(2 ** 53 - 1, 5n), 5n);
    assertEq(BigInt.asUintN(64, 0xabcdef0123456789abcdefn), 0x0123456789abcdefn);
    assertEq(BigInt.asUintN("8", "257"), 1n);
    assertThrows(RangeError, function () { BigInt.asUintN(-1, 0n); });
    assertThrows(RangeError, function () { BigInt.asIntN(2 ** 53, 0n); });
    assertThrows(TypeError, function () { BigInt.asIntN(8, 1); });
    assertThrows(TypeError, function () { BigInt.asIntN(1n, 1n); });
    assertThrows(SyntaxError, function () { BigInt.asIntN(8, "x"); });
    var log = [];
    BigInt.asIntN({ valueOf: function () { log.push("bits"); return 8; } },
                  { valueOf: function () { log.push("bigint"); return 1n; } });
    assertEq(log.join(), "bits,bigint");
});

test("size limit", function () {
    assertThrows(RangeError, function () { 2n ** 100000000n; });
    assertThrows(RangeError, function () { (2n ** 20000000n); });
    var big = 1n << 1000000n;
    assertEq(big >> 999999n, 2n);
});

test("Map keys", function () {
    var m = new Map();
    m.set(2n ** 70n, "a");
    m.set(5n, "b");
    assertEq(m.get(2n ** 70n), "a");
    assertEq(m.get(10n / 2n), "b");
    assertEq(m.has(5), false);
});

report();
