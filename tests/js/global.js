// global.js — globalThis, NaN/Infinity/undefined, parseInt, parseFloat,
// isNaN, isFinite, the URI functions, escape and unescape.

test("global value properties", function () {
    assertEq(globalThis.globalThis, globalThis);
    var d = Object.getOwnPropertyDescriptor(globalThis, "globalThis");
    assert(d.writable && !d.enumerable && d.configurable);
    ["NaN", "Infinity", "undefined"].forEach(function (name) {
        var d = Object.getOwnPropertyDescriptor(globalThis, name);
        assert(!d.writable && !d.enumerable && !d.configurable, name);
    });
    assertEq(globalThis.NaN, NaN);
    assertEq(globalThis.Infinity, Infinity);
    assertEq(globalThis.undefined, undefined);
    d = Object.getOwnPropertyDescriptor(globalThis, "parseInt");
    assert(d.writable && !d.enumerable && d.configurable);
    assertEq(parseInt.length, 2);
    assertEq(parseFloat.length, 1);
    assertEq(encodeURIComponent.name, "encodeURIComponent");
});

test("parseInt", function () {
    assertEq(parseInt("42"), 42);
    assertEq(parseInt("  \n\t42abc"), 42);
    assertEq(parseInt("\u00a0\ufeff\u2028-17"), -17);
    assertEq(parseInt("-0"), -0);
    assertEq(parseInt("0x1f"), 31);
    assertEq(parseInt("0X1F", 16), 31);
    assertEq(parseInt("0x1f", 10), 0);
    assertEq(parseInt("-0xF"), -15);
    assertEq(parseInt("ff", 16), 255);
    assertEq(parseInt("z", 36), 35);
    assertEq(parseInt("10", 2), 2);
    assertEq(parseInt("12", 1), NaN);
    assertEq(parseInt("12", 37), NaN);
    assertEq(parseInt("12", 0), 12);
    assertEq(parseInt("12", 4294967306), 12); // ToInt32 gives 10
    assertEq(parseInt(""), NaN);
    assertEq(parseInt("-"), NaN);
    assertEq(parseInt("0x"), NaN);
    assertEq(parseInt("abc"), NaN);
    assertEq(parseInt(0.0000005), 5);
    assertEq(parseInt(1e21), 1);
    assertEq(parseInt(-7), -7);
    assertEq(parseInt("9007199254740993"), 9007199254740992);
    assertEq(parseInt("9007199254740995"), 9007199254740996);
    assertEq(parseInt("123456789012345678901234567890"), 1.2345678901234568e29);
    assertEq(parseInt("1".repeat(400)), Infinity);
    assertEq(parseInt("11111111111111111111111111111111111111111111111111111", 2),
             9007199254740991);
    var order = [];
    parseInt({ toString: function () { order.push("s"); return "1"; } },
             { valueOf: function () { order.push("r"); return 10; } });
    assertDeepEq(order, ["s", "r"]);
});

test("parseFloat", function () {
    assertEq(parseFloat("3.14abc"), 3.14);
    assertEq(parseFloat("  -.5"), -0.5);
    assertEq(parseFloat("5."), 5);
    assertEq(parseFloat("5.e1"), 50);
    assertEq(parseFloat("1e"), 1);
    assertEq(parseFloat("1e+"), 1);
    assertEq(parseFloat("1e-2x"), 0.01);
    assertEq(parseFloat(".e1"), NaN);
    assertEq(parseFloat("-0"), -0);
    assertEq(parseFloat(-0), 0);
    assertEq(parseFloat("Infinityx"), Infinity);
    assertEq(parseFloat("-Infinity"), -Infinity);
    assertEq(parseFloat("infinity"), NaN);
    assertEq(parseFloat("0x10"), 0);
    assertEq(parseFloat("1_000"), 1);
    assertEq(parseFloat("+-1"), NaN);
    assertEq(parseFloat(""), NaN);
    assertEq(parseFloat("\u2029 7"), 7);
    assertEq(parseFloat("0.1"), 0.1);
    assertEq(parseFloat(1e21), 1e21);
    assertEq(parseFloat("1e1000"), Infinity);
    assertEq(parseFloat("2.2250738585072011e-308"), 2.225073858507201e-308);
});

test("isNaN and isFinite", function () {
    assertEq(isNaN("abc"), true);
    assertEq(isNaN("12"), false);
    assertEq(isNaN(undefined), true);
    assertEq(isFinite("12"), true);
    assertEq(isFinite(Infinity), false);
    assertEq(isFinite(null), true);
    assertThrows(TypeError, function () { isNaN(Symbol()); });
});

test("encodeURI and encodeURIComponent", function () {
    assertEq(encodeURIComponent("a b&c/d?e=f#g"), "a%20b%26c%2Fd%3Fe%3Df%23g");
    assertEq(encodeURI("http://x.y/a b?c=d#e"), "http://x.y/a%20b?c=d#e");
    assertEq(encodeURIComponent("-_.!~*'()"), "-_.!~*'()");
    assertEq(encodeURIComponent("\u00e9"), "%C3%A9");
    assertEq(encodeURIComponent("\u20ac"), "%E2%82%AC");
    assertEq(encodeURIComponent("\ud83d\ude00"), "%F0%9F%98%80");
    assertEq(encodeURIComponent("\0"), "%00");
    assertThrows(URIError, function () { encodeURIComponent("\ud800"); });
    assertThrows(URIError, function () { encodeURI("a\udc00b"); });
    assertThrows(URIError, function () { encodeURI("\ud800\ud800"); });
});

test("decodeURI and decodeURIComponent", function () {
    assertEq(decodeURIComponent("a%20b%26c%2F"), "a b&c/");
    assertEq(decodeURI("a%20b%26c%2F%23"), "a b%26c%2F%23");
    assertEq(decodeURI("%41%3b"), "A%3b");
    assertEq(decodeURIComponent("%C3%A9"), "\u00e9");
    assertEq(decodeURIComponent("%c3%a9"), "\u00e9");
    assertEq(decodeURIComponent("%F0%9F%98%80"), "\ud83d\ude00");
    assertEq(decodeURIComponent("\u20ac"), "\u20ac");
    assertThrows(URIError, function () { decodeURIComponent("%"); });
    assertThrows(URIError, function () { decodeURIComponent("%4"); });
    assertThrows(URIError, function () { decodeURIComponent("%zz"); });
    assertThrows(URIError, function () { decodeURIComponent("%80"); });
    assertThrows(URIError, function () { decodeURIComponent("%C0%80"); });
    assertThrows(URIError, function () { decodeURIComponent("%ED%A0%80"); });
    assertThrows(URIError, function () { decodeURIComponent("%F4%90%80%80"); });
    assertThrows(URIError, function () { decodeURIComponent("%C3"); });
    assertThrows(URIError, function () { decodeURIComponent("%C3%41"); });
    assertThrows(URIError, function () { decodeURIComponent("%F8%80%80%80"); });
    var all = "";
    for (var i = 0; i < 0x800; i += 7) all += String.fromCharCode(i);
    assertEq(decodeURIComponent(encodeURIComponent(all)), all);
});

test("escape and unescape", function () {
    assertEq(escape("abc123@*_+-./"), "abc123@*_+-./");
    assertEq(escape("a b"), "a%20b");
    assertEq(escape("\u00e9\u20ac"), "%E9%u20AC");
    assertEq(unescape("%E9%u20AC"), "\u00e9\u20ac");
    assertEq(unescape("%e9%u20ac"), "\u00e9\u20ac");
    assertEq(unescape("%"), "%");
    assertEq(unescape("%4"), "%4");
    assertEq(unescape("%u12"), "%u12");
    assertEq(unescape("%u12zz"), "%u12zz");
    assertEq(unescape("%zz%41"), "%zzA");
    assertEq(escape.length, 1);
    assertEq(unescape(escape("\ud800x\u0100")), "\ud800x\u0100");
});

report();
