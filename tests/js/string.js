// string.js — tests of the String family: the constructor and its static
// methods, String exotic objects, String.prototype and the string iterator.

// ---------------------------------------------------------------------
// Constructor and static methods
// ---------------------------------------------------------------------
test("String() conversions", function () {
    assertEq(String(), "");
    assertEq(String(undefined), "undefined");
    assertEq(String(null), "null");
    assertEq(String(12.5), "12.5");
    assertEq(String(-0), "0");
    assertEq(String(true), "true");
    assertEq(String({ toString() { return "obj"; } }), "obj");
    assertEq(String(Symbol("desc")), "Symbol(desc)");
    assertEq(String(Symbol()), "Symbol()");
    assertThrows(TypeError, function () { new String(Symbol("x")); });
    assertThrows(TypeError, function () { "" + Symbol("x"); });
});

test("new String wrapper", function () {
    var s = new String("abc");
    assertEq(typeof s, "object");
    assertEq(s.length, 3);
    assertEq(s.valueOf(), "abc");
    assertEq(s.toString(), "abc");
    assertEq(Object.getPrototypeOf(s), String.prototype);
    assertEq(new String().length, 0);
    assertEq(new String().valueOf(), "");
});

test("String subclass and new.target prototype", function () {
    class MyString extends String {
        twice() { return this + this; }
    }
    var m = new MyString("ab");
    assertEq(m.length, 2);
    assertEq(m.twice(), "abab");
    assert(m instanceof String);
    function F() {}
    F.prototype = Array.prototype;
    var o = Reflect.construct(String, ["xy"], F);
    assertEq(Object.getPrototypeOf(o), Array.prototype);
    assertEq(String.prototype.valueOf.call(o), "xy");
});

test("String properties", function () {
    assertEq(String.length, 1);
    assertEq(String.name, "String");
    var d = Object.getOwnPropertyDescriptor(String, "prototype");
    assertEq(d.writable, false);
    assertEq(d.enumerable, false);
    assertEq(d.configurable, false);
    assertEq(String.prototype.constructor, String);
    assertEq(String.prototype.length, 0);
    assertEq(String.prototype.valueOf(), "");
    assertEq(Object.prototype.toString.call(String.prototype), "[object String]");
});

test("String.fromCharCode", function () {
    assertEq(String.fromCharCode(), "");
    assertEq(String.fromCharCode(65, 66, 67), "ABC");
    assertEq(String.fromCharCode(0x10041), "A");
    assertEq(String.fromCharCode(-1), "\uffff");
    assertEq(String.fromCharCode("66"), "B");
    assertEq(String.fromCharCode(0x20ac), "\u20ac");
    assertEq(String.fromCharCode(0xd83d, 0xde00), "\ud83d\ude00");
    assertEq(String.fromCharCode.length, 1);
    var order = [];
    String.fromCharCode({ valueOf() { order.push(1); return 65; } },
                        { valueOf() { order.push(2); return 66; } });
    assertDeepEq(order, [1, 2]);
});

test("String.fromCodePoint", function () {
    assertEq(String.fromCodePoint(), "");
    assertEq(String.fromCodePoint(65, 0x1f600), "A\ud83d\ude00");
    assertEq(String.fromCodePoint(0x10ffff), "\udbff\udfff");
    assertEq(String.fromCodePoint(-0), "\0");
    assertEq(String.fromCodePoint("65"), "A");
    assertThrows(RangeError, function () { String.fromCodePoint(0x110000); });
    assertThrows(RangeError, function () { String.fromCodePoint(-1); });
    assertThrows(RangeError, function () { String.fromCodePoint(1.5); });
    assertThrows(RangeError, function () { String.fromCodePoint(NaN); });
    assertThrows(RangeError, function () { String.fromCodePoint(Infinity); });
    assertThrows(RangeError, function () { String.fromCodePoint(undefined); });
    assertThrows(TypeError, function () { String.fromCodePoint(Symbol()); });
});

test("String.raw", function () {
    assertEq(String.raw`a\n${1}b${2}`, "a\\n1b2");
    assertEq(String.raw({ raw: ["x", "y", "z"] }, 1, 2, 3, 4), "x1y2z");
    assertEq(String.raw({ raw: { length: 0 } }, 1), "");
    assertEq(String.raw({ raw: { length: -5 } }), "");
    assertEq(String.raw({ raw: "abc" }, "-", "+"), "a-b+c");
    assertEq(String.raw({ raw: ["only"] }, "ignored"), "only");
    assertEq(String.raw({ raw: { length: 2, 0: "a", 1: "b" } }), "ab");
    assertThrows(TypeError, function () { String.raw(); });
    assertThrows(TypeError, function () { String.raw({}); });
    assertThrows(TypeError, function () { String.raw({ raw: [Symbol()] }); });
});

// ---------------------------------------------------------------------
// String exotic objects
// ---------------------------------------------------------------------
test("index properties of String objects", function () {
    var s = new String("abc");
    assertEq(s[0], "a");
    assertEq(s[2], "c");
    assertEq(s[3], undefined);
    assertEq(s["1"], "b");
    assertEq(s["01"], undefined);
    assertEq(s[-0], "a");
    var d = Object.getOwnPropertyDescriptor(s, "1");
    assertEq(d.value, "b");
    assertEq(d.writable, false);
    assertEq(d.enumerable, true);
    assertEq(d.configurable, false);
    assertEq(Object.getOwnPropertyDescriptor(s, "3"), undefined);
    assertEq(Object.getOwnPropertyDescriptor(s, "-0"), undefined);
    assert(s.hasOwnProperty("0"));
    assert(!s.hasOwnProperty("3"));
    assert(1 in s);
    assert(!(5 in s));
    var l = Object.getOwnPropertyDescriptor(s, "length");
    assertEq(l.value, 3);
    assertEq(l.writable, false);
    assertEq(l.enumerable, false);
    assertEq(l.configurable, false);
});

test("String object indices are read-only", function () {
    "use strict";
    var s = new String("abc");
    assertThrows(TypeError, function () { s[0] = "z"; });
    assertThrows(TypeError, function () { s.length = 5; });
    assertThrows(TypeError, function () { delete s[0]; });
    assertThrows(TypeError, function () { delete s.length; });
    assertEq(s[0], "a");
    s[5] = "x";
    assertEq(s[5], "x");
    assertEq(delete s[5], true);
    assertEq(delete s[10], true);
    s.foo = 1;
    assertEq(s.foo, 1);
});

test("String object indices in sloppy mode", function () {
    var s = new String("abc");
    s[0] = "z";
    assertEq(s[0], "a");
    assertEq(delete s[1], false);
    assertEq(s[1], "b");
});

test("defineProperty on String object indices", function () {
    var s = new String("abc");
    Object.defineProperty(s, "0", { value: "a" });
    Object.defineProperty(s, "0", { value: "a", writable: false, enumerable: true,
                                    configurable: false });
    Object.defineProperty(s, "0", {});
    assertThrows(TypeError, function () { Object.defineProperty(s, "0", { value: "b" }); });
    assertThrows(TypeError, function () { Object.defineProperty(s, "0", { writable: true }); });
    assertThrows(TypeError, function () { Object.defineProperty(s, "0", { enumerable: false }); });
    assertThrows(TypeError, function () {
        Object.defineProperty(s, "0", { configurable: true });
    });
    assertThrows(TypeError, function () {
        Object.defineProperty(s, "1", { get: function () {} });
    });
    assertEq(Reflect.defineProperty(s, "1", { value: "q" }), false);
    assertEq(Reflect.defineProperty(s, "1", { value: "b" }), true);
    Object.defineProperty(s, "3", { value: "d", enumerable: true, configurable: true });
    assertEq(s[3], "d");
    assertEq(s.length, 3);
    Object.preventExtensions(s);
    assertEq(Reflect.defineProperty(s, "4", { value: "e" }), false);
    assertEq(Reflect.defineProperty(s, "0", { value: "a" }), true);
});

test("own keys of String objects", function () {
    var s = new String("ab");
    s[5] = 1;
    s.x = 2;
    s[3] = 3;
    var sym = Symbol("k");
    s[sym] = 4;
    assertDeepEq(Reflect.ownKeys(s).slice(0, 6), ["0", "1", "3", "5", "length", "x"]);
    assertEq(Reflect.ownKeys(s)[6], sym);
    assertDeepEq(Object.keys(s), ["0", "1", "3", "5", "x"]);
    var seen = [];
    for (var k in new String("xyz")) seen.push(k);
    assertDeepEq(seen, ["0", "1", "2"]);
    assertDeepEq(Object.getOwnPropertyNames(new String("")), ["length"]);
    assertDeepEq(Object.entries(new String("hi")), [["0", "h"], ["1", "i"]]);
});

test("string primitives behave like their wrappers", function () {
    var s = "hello";
    assertEq(s[1], "e");
    assertEq(s.length, 5);
    assertEq(s[10], undefined);
    assertEq(Object("x").constructor, String);
    assertEq(typeof Object("x"), "object");
    assertDeepEq(Object.keys("ab"), ["0", "1"]);
    assertEq(Object.getOwnPropertyDescriptor("ab", "1").value, "b");
    assert(Object.isFrozen(Object.freeze(new String("ab"))));
    assert(!Object.isFrozen(new String("ab")));
    // indices and length are already non-writable and non-configurable
    assert(Object.isFrozen(Object.preventExtensions(new String("ab"))));
    var e = new String("");
    Object.preventExtensions(e);
    assert(Object.isFrozen(e));
});

// ---------------------------------------------------------------------
// Character access
// ---------------------------------------------------------------------
test("at", function () {
    assertEq("abc".at(0), "a");
    assertEq("abc".at(-1), "c");
    assertEq("abc".at(-3), "a");
    assertEq("abc".at(-4), undefined);
    assertEq("abc".at(3), undefined);
    assertEq("abc".at(), "a");
    assertEq("abc".at(1.7), "b");
    assertEq("abc".at(-Infinity), undefined);
    assertEq("abc".at(NaN), "a");
    assertEq(String.prototype.at.length, 1);
    assertThrows(TypeError, function () { String.prototype.at.call(null, 0); });
});

test("charAt / charCodeAt / codePointAt", function () {
    assertEq("abc".charAt(1), "b");
    assertEq("abc".charAt(3), "");
    assertEq("abc".charAt(-1), "");
    assertEq("abc".charAt(), "a");
    assertEq("abc".charAt("2"), "c");
    assertEq("abc".charAt(Infinity), "");
    assertEq("abc".charCodeAt(0), 97);
    assert(isNaN("abc".charCodeAt(5)));
    assert(isNaN("abc".charCodeAt(-1)));
    assertEq("\u20ac".charCodeAt(0), 0x20ac);
    assertEq("a\ud83d\ude00".codePointAt(1), 0x1f600);
    assertEq("a\ud83d\ude00".codePointAt(2), 0xde00);
    assertEq("\ud83d".codePointAt(0), 0xd83d);
    assertEq("\ud83dx".codePointAt(0), 0xd83d);
    assertEq("abc".codePointAt(3), undefined);
    assertEq("abc".codePointAt(-1), undefined);
    assertEq(String.prototype.charAt.call(123, 1), "2");
    assertEq(String.prototype.charCodeAt.call(true, 0), 116);
    assertThrows(TypeError, function () { String.prototype.charAt.call(undefined); });
    assertThrows(TypeError, function () { String.prototype.codePointAt.call(null); });
    var big = "x".repeat(300) + "yz";
    var rope = big + big;
    assertEq(rope.charAt(301), "z");
    assertEq(rope.charCodeAt(302), 120);
});

// ---------------------------------------------------------------------
// Searching
// ---------------------------------------------------------------------
test("indexOf", function () {
    assertEq("hello world".indexOf("o"), 4);
    assertEq("hello world".indexOf("o", 5), 7);
    assertEq("hello world".indexOf("world"), 6);
    assertEq("hello world".indexOf("xyz"), -1);
    assertEq("hello".indexOf(""), 0);
    assertEq("hello".indexOf("", 3), 3);
    assertEq("hello".indexOf("", 10), 5);
    assertEq("hello".indexOf("l", -5), 2);
    assertEq("hello".indexOf("lo", Infinity), -1);
    assertEq("aaa".indexOf("aa", 1), 1);
    assertEq("abc".indexOf(undefined), -1);
    assertEq("undefined".indexOf(), 0);
    assertEq("a1b".indexOf(1), 1);
    assertEq("\u20ac\u20ad\u20ae".indexOf("\u20ae"), 2);
    assertEq("\u20ac abc".indexOf("abc"), 2);
    assertEq("abc".indexOf("\u20ac"), -1);
    assertEq("ab\u0100".indexOf("b\u0100"), 1);
    assertEq("x\xe9y\u0100".indexOf("\xe9y"), 1);
    var long = "ab".repeat(1000) + "needle" + "cd".repeat(1000);
    assertEq(long.indexOf("needle"), 2000);
    assertEq(long.indexOf("needlf"), -1);
    var wide = "\u0100" + long;
    assertEq(wide.indexOf("needle"), 2001);
    var order = [];
    "abc".indexOf({ toString() { order.push("s"); return "b"; } },
                  { valueOf() { order.push("p"); return 0; } });
    assertDeepEq(order, ["s", "p"]);
    assertEq(String.prototype.indexOf.length, 1);
});

test("lastIndexOf", function () {
    assertEq("canal".lastIndexOf("a"), 3);
    assertEq("canal".lastIndexOf("a", 2), 1);
    assertEq("canal".lastIndexOf("a", 0), -1);
    assertEq("canal".lastIndexOf("x"), -1);
    assertEq("canal".lastIndexOf("c", -5), 0);
    assertEq("canal".lastIndexOf("c", 0), 0);
    assertEq("canal".lastIndexOf(""), 5);
    assertEq("canal".lastIndexOf("", 2), 2);
    assertEq("abcabc".lastIndexOf("abc", NaN), 3);
    assertEq("abcabc".lastIndexOf("abc", 2.9), 0);
    assertEq("abcabc".lastIndexOf("abc", Infinity), 3);
    assertEq("abcabc".lastIndexOf("abc", -Infinity), 0);
    assertEq("ab".lastIndexOf("abc"), -1);
    assertEq("".lastIndexOf(""), 0);
    assertEq("\u0100a\u0100a".lastIndexOf("\u0100a"), 2);
    assertEq("\u0100a\u0100a".lastIndexOf("a"), 3);
    assertEq("aXa".lastIndexOf("\u0100"), -1);
    assertEq(String.prototype.lastIndexOf.length, 1);
});

test("includes / startsWith / endsWith", function () {
    assert("abcdef".includes("cd"));
    assert(!"abcdef".includes("cd", 3));
    assert("abcdef".includes(""));
    assert("abc".includes("", 10));
    assert("abcdef".startsWith("abc"));
    assert("abcdef".startsWith("cd", 2));
    assert(!"abcdef".startsWith("cd", 3));
    assert("abcdef".startsWith("", 6));
    assert("abcdef".startsWith("abc", -Infinity));
    assert(!"abc".startsWith("abcd"));
    assert("abcdef".endsWith("def"));
    assert("abcdef".endsWith("cd", 4));
    assert(!"abcdef".endsWith("cd", 5));
    assert("abcdef".endsWith("", 0));
    assert(!"abc".endsWith("abcd"));
    assert("abc".endsWith("abc", Infinity));
    assert("abc".endsWith("", -1));
    assert("\u0100bc".endsWith("bc"));
    assert("a\u0100c".includes("\u0100"));
    assert(!"abc".includes("\u0100"));
    var fake = { [Symbol.match]: true, toString() { return "a"; } };
    assertThrows(TypeError, function () { "abc".includes(fake); });
    assertEq(String.prototype.includes.length, 1);
    assertEq(String.prototype.startsWith.length, 1);
    assertEq(String.prototype.endsWith.length, 1);
});

test("search argument conversion order", function () {
    var order = [];
    var pos = { valueOf() { order.push("pos"); return 0; } };
    var search = { toString() { order.push("search"); return "a"; } };
    var self = { toString() { order.push("this"); return "abc"; } };
    String.prototype.startsWith.call(self, search, pos);
    assertDeepEq(order, ["this", "search", "pos"]);
    order = [];
    String.prototype.lastIndexOf.call(self, search, pos);
    assertDeepEq(order, ["this", "search", "pos"]);
});

// ---------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------
test("concat", function () {
    assertEq("a".concat(), "a");
    assertEq("a".concat("b", 1, null, undefined), "ab1nullundefined");
    assertEq("".concat({ toString() { return "x"; } }), "x");
    assertEq(String.prototype.concat.call(1, 2), "12");
    assertEq(String.prototype.concat.length, 1);
    assertThrows(TypeError, function () { "a".concat(Symbol()); });
    var long = "x".repeat(500);
    assertEq(long.concat(long, long).length, 1500);
});

test("repeat", function () {
    assertEq("ab".repeat(3), "ababab");
    assertEq("ab".repeat(0), "");
    assertEq("ab".repeat(1), "ab");
    assertEq("ab".repeat(2.9), "abab");
    assertEq("ab".repeat(NaN), "");
    assertEq("".repeat(1e9), "");
    assertEq("\u0100".repeat(3), "\u0100\u0100\u0100");
    assertEq("abc".repeat(1000).length, 3000);
    assertEq("abc".repeat(1000).slice(-4), "cabc");
    assertThrows(RangeError, function () { "a".repeat(-1); });
    assertThrows(RangeError, function () { "a".repeat(Infinity); });
    assertThrows(RangeError, function () { "".repeat(Infinity); });
    assertThrows(RangeError, function () { "abc".repeat(2 ** 30); });
    assertEq("".repeat(-0), "");
});

test("padStart / padEnd", function () {
    assertEq("abc".padStart(6), "   abc");
    assertEq("abc".padEnd(6), "abc   ");
    assertEq("abc".padStart(8, "12"), "12121abc");
    assertEq("abc".padEnd(8, "12"), "abc12121");
    assertEq("abc".padStart(2, "x"), "abc");
    assertEq("abc".padStart(6, ""), "abc");
    assertEq("abc".padEnd(5, "\u0100"), "abc\u0100\u0100");
    assertEq("abc".padStart(-1), "abc");
    assertEq("abc".padStart(NaN), "abc");
    assertEq("abc".padEnd(5, undefined), "abc  ");
    assertEq("abc".padEnd(5, null), "abcnu");
    assertEq("abc".padStart(2 ** 53, ""), "abc");
    assertThrows(RangeError, function () { "abc".padStart(2 ** 40, "x"); });
    assertThrows(TypeError, function () { "abc".padStart(10, Symbol()); });
    assertEq("abc".padStart(3, Symbol()), "abc");
    assertEq(String.prototype.padStart.length, 1);
    assertEq(String.prototype.padEnd.length, 1);
});

test("slice", function () {
    var s = "hello world";
    assertEq(s.slice(0, 5), "hello");
    assertEq(s.slice(6), "world");
    assertEq(s.slice(-5), "world");
    assertEq(s.slice(-5, -2), "wor");
    assertEq(s.slice(5, 2), "");
    assertEq(s.slice(), s);
    assertEq(s.slice(100), "");
    assertEq(s.slice(-100, 2), "he");
    assertEq(s.slice(0, Infinity), s);
    assertEq(s.slice(NaN, 3), "hel");
    assertEq(s.slice(0, undefined), s);
    assertEq(s.slice(0, null), "");
    assertEq("\u0100abc".slice(1), "abc");
    assertEq(String.prototype.slice.length, 2);
});

test("substring", function () {
    var s = "hello world";
    assertEq(s.substring(0, 5), "hello");
    assertEq(s.substring(5, 0), "hello");
    assertEq(s.substring(-3), s);
    assertEq(s.substring(6), "world");
    assertEq(s.substring(3, -1), "hel");
    assertEq(s.substring(NaN, 2), "he");
    assertEq(s.substring(2, Infinity), "llo world");
    assertEq(s.substring(4, 4), "");
    assertEq(String.prototype.substring.length, 2);
});

test("substr (Annex B)", function () {
    var s = "hello world";
    assertEq(s.substr(0, 5), "hello");
    assertEq(s.substr(6), "world");
    assertEq(s.substr(-5, 3), "wor");
    assertEq(s.substr(-100, 2), "he");
    assertEq(s.substr(3, -1), "");
    assertEq(s.substr(3, 0), "");
    assertEq(s.substr(20, 2), "");
    assertEq(s.substr(NaN, 2), "he");
    assertEq(s.substr(1, Infinity), "ello world");
    assertEq(s.substr(-Infinity, 1), "h");
    assertEq(String.prototype.substr.length, 2);
});

// ---------------------------------------------------------------------
// Case conversion
// ---------------------------------------------------------------------
test("toLowerCase / toUpperCase: ASCII and Latin-1", function () {
    assertEq("Hello World".toLowerCase(), "hello world");
    assertEq("Hello World".toUpperCase(), "HELLO WORLD");
    assertEq("abc".toLowerCase(), "abc");
    assertEq("\xc0\xc9\xde\xd7".toLowerCase(), "\xe0\xe9\xfe\xd7");
    assertEq("\xe0\xe9\xfe\xf7".toUpperCase(), "\xc0\xc9\xde\xf7");
    assertEq("stra\xdfe".toUpperCase(), "STRASSE");
    assertEq("\xb5".toUpperCase(), "\u039c");
    assertEq("\xff".toUpperCase(), "\u0178");
    assertEq("\xaa\xba".toUpperCase(), "\xaa\xba");
    assertEq("".toUpperCase(), "");
    assertEq(String.prototype.toUpperCase.call(true), "TRUE");
    assertThrows(TypeError, function () { String.prototype.toLowerCase.call(null); });
});

test("toLowerCase / toUpperCase: full Unicode", function () {
    assertEq("\u0130".toLowerCase(), "i\u0307");
    assertEq("\ufb00".toUpperCase(), "FF");
    assertEq("\u0149".toUpperCase(), "\u02bcN");
    assertEq("\u0390".toUpperCase(), "\u0399\u0308\u0301");
    assertEq("\u1f80".toUpperCase(), "\u1f08\u0399");
    assertEq("\u0391\u0392".toLowerCase(), "\u03b1\u03b2");
    assertEq("\u0434".toUpperCase(), "\u0414");
    assertEq("\ud801\udc00".toLowerCase(), "\ud801\udc28");
    assertEq("\ud801\udc28".toUpperCase(), "\ud801\udc00");
    assertEq("\ud801".toUpperCase(), "\ud801");
    assertEq("a\udc00b".toUpperCase(), "A\udc00B");
    assertEq("\u2c65".toUpperCase(), "\u023a");
    assertEq("\u023a".toLowerCase(), "\u2c65");
});

test("final sigma", function () {
    assertEq("\u03a3".toLowerCase(), "\u03c3");
    assertEq("A\u03a3".toLowerCase(), "a\u03c2");
    assertEq("A\u03a3B".toLowerCase(), "a\u03c3b");
    assertEq("A.\u03a3".toLowerCase(), "a.\u03c2");
    assertEq("A\u03a3.b".toLowerCase(), "a\u03c3.b");
    assertEq("\u0345\u03a3".toLowerCase(), "\u0345\u03c3");
    assertEq("\u0391\u0345\u03a3".toLowerCase(), "\u03b1\u0345\u03c2");
    assertEq("A\u03a3\u0345".toLowerCase(), "a\u03c2\u0345");
    assertEq("A\u03a3\u0345\u0391".toLowerCase(), "a\u03c3\u0345\u03b1");
    assertEq("\ud835\udca2\u03a3".toLowerCase(), "\ud835\udca2\u03c2");
    assertEq("A\u180e\u03a3".toLowerCase(), "a\u180e\u03c2");
    assertEq("\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3".toLowerCase(),
             "\u03bf\u03b4\u03c5\u03c3\u03c3\u03b5\u03c5\u03c2");
    assertEq("\u03a3 \u03a3".toLowerCase(), "\u03c3 \u03c3");
    assertEq("\u03a3".toUpperCase(), "\u03a3");
});

test("toLocaleLowerCase / toLocaleUpperCase", function () {
    assertEq("ABC".toLocaleLowerCase(), "abc");
    assertEq("abc".toLocaleUpperCase(), "ABC");
    assertEq("A\u03a3".toLocaleLowerCase(), "a\u03c2");
    assertEq(String.prototype.toLocaleLowerCase.length, 0);
    assertEq(String.prototype.toLocaleUpperCase.length, 0);
});

// ---------------------------------------------------------------------
// Trimming, well-formedness, normalization, comparison
// ---------------------------------------------------------------------
test("trim / trimStart / trimEnd", function () {
    var ws = "\t\n\v\f\r \xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
    assertEq((ws + "a b" + ws).trim(), "a b");
    assertEq((ws + "a b" + ws).trimStart(), "a b" + ws);
    assertEq((ws + "a b" + ws).trimEnd(), ws + "a b");
    assertEq(ws.trim(), "");
    assertEq("\u180ea\u180e".trim(), "\u180ea\u180e");
    assertEq("\x85a".trim(), "\x85a");
    assertEq("abc".trim(), "abc");
    assertEq(String.prototype.trimLeft, String.prototype.trimStart);
    assertEq(String.prototype.trimRight, String.prototype.trimEnd);
    assertEq(String.prototype.trimLeft.name, "trimStart");
    assertEq(String.prototype.trimRight.name, "trimEnd");
    assertEq(String.prototype.trim.call(12), "12");
    assertThrows(TypeError, function () { String.prototype.trim.call(undefined); });
});

test("isWellFormed / toWellFormed", function () {
    assert("abc".isWellFormed());
    assert("\ud83d\ude00".isWellFormed());
    assert(!"\ud83d".isWellFormed());
    assert(!"a\ude00b".isWellFormed());
    assert(!"\ude00\ud83d".isWellFormed());
    assertEq("abc".toWellFormed(), "abc");
    assertEq("a\ud83db".toWellFormed(), "a\ufffdb");
    assertEq("\ude00\ud83d\ude00\ud83d".toWellFormed(), "\ufffd\ud83d\ude00\ufffd");
    assertEq("\u0100\ud800".toWellFormed(), "\u0100\ufffd");
    assertEq(String.prototype.isWellFormed.length, 0);
    assertEq(String.prototype.toWellFormed.length, 0);
});

test("normalize", function () {
    assertEq("abc".normalize(), "abc");
    assertEq("abc".normalize("NFC"), "abc");
    assertEq("abc".normalize("NFD"), "abc");
    assertEq("abc".normalize("NFKC"), "abc");
    assertEq("abc".normalize("NFKD"), "abc");
    assertEq("abc".normalize(undefined), "abc");
    assertThrows(RangeError, function () { "abc".normalize("nfc"); });
    assertThrows(RangeError, function () { "abc".normalize(null); });
    assertThrows(RangeError, function () { "abc".normalize(""); });
    assertEq(String.prototype.normalize.length, 0);
});

test("localeCompare", function () {
    assertEq("a".localeCompare("b") < 0, true);
    assertEq("b".localeCompare("a") > 0, true);
    assertEq("a".localeCompare("a"), 0);
    assertEq("".localeCompare(""), 0);
    assertEq("a".localeCompare("ab") < 0, true);
    assertEq("undefined".localeCompare(), 0);
    assertEq(String.prototype.localeCompare.length, 1);
});

test("toString / valueOf", function () {
    assertEq("abc".toString(), "abc");
    assertEq(new String("x").valueOf(), "x");
    assertThrows(TypeError, function () { String.prototype.toString.call({}); });
    assertThrows(TypeError, function () { String.prototype.valueOf.call(1); });
    assertThrows(TypeError, function () {
        String.prototype.valueOf.call(Object.create(String.prototype));
    });
    assertEq(String.prototype.toString.length, 0);
});

// ---------------------------------------------------------------------
// replace / replaceAll and GetSubstitution
// ---------------------------------------------------------------------
test("replace with a string pattern", function () {
    assertEq("abcabc".replace("b", "x"), "axcabc");
    assertEq("abc".replace("z", "x"), "abc");
    assertEq("abc".replace("", "x"), "xabc");
    assertEq("abc".replace("abc", ""), "");
    assertEq("aaa".replace("a", "$&$&"), "aaaa");
    assertEq("abc".replace("b", "[$`]"), "a[a]c");
    assertEq("abc".replace("b", "[$']"), "a[c]c");
    assertEq("abc".replace("b", "$$"), "a$c");
    assertEq("abc".replace("b", "$"), "a$c");
    assertEq("abc".replace("b", "$1"), "a$1c");
    assertEq("abc".replace("b", "$0"), "a$0c");
    assertEq("abc".replace("b", "$<x>"), "a$<x>c");
    assertEq("abc".replace("b", "$x"), "a$xc");
    assertEq("abc".replace(null, "x"), "abc");
    assertEq("null".replace(null, "x"), "x");
    assertEq("a\u0100c".replace("\u0100", "b"), "abc");
    assertEq("abc".replace("b", "\u0100"), "a\u0100c");
    assertEq(String.prototype.replace.length, 2);
});

test("replace with a function", function () {
    var args;
    var r = "xabcx".replace("abc", function () {
        args = Array.prototype.slice.call(arguments);
        return "[" + arguments[0] + "]";
    });
    assertEq(r, "x[abc]x");
    assertDeepEq(args, ["abc", 1, "xabcx"]);
    assertEq("abc".replace("b", function () { return 42; }), "a42c");
    assertEq("abc".replace("b", function () { return "$&"; }), "a$&c");
    var thisVal = null;
    "abc".replace("b", function () { "use strict"; thisVal = this; });
    assertEq(thisVal, undefined);
    assertEq("abc".replace("z", function () { throw new Error("not called"); }), "abc");
    assertThrows(SyntaxError, function () {
        "abc".replace("b", function () { throw new SyntaxError("x"); });
    });
});

test("replace evaluation order", function () {
    var order = [];
    var self = { toString() { order.push("this"); return "abc"; } };
    var search = { toString() { order.push("search"); return "b"; } };
    var repl = { toString() { order.push("replace"); return "x"; } };
    assertEq(String.prototype.replace.call(self, search, repl), "axc");
    assertDeepEq(order, ["this", "search", "replace"]);
    order = [];
    String.prototype.replace.call(self, search, function () { order.push("call"); return ""; });
    assertDeepEq(order, ["this", "search", "call"]);
});

test("replaceAll", function () {
    assertEq("aXbXc".replaceAll("X", "-"), "a-b-c");
    assertEq("aaaa".replaceAll("aa", "b"), "bb");
    assertEq("abc".replaceAll("", "-"), "-a-b-c-");
    assertEq("".replaceAll("", "x"), "x");
    assertEq("abc".replaceAll("z", "-"), "abc");
    assertEq("abab".replaceAll("b", "[$`|$&|$']"), "a[a|b|ab]a[aba|b|]");
    var positions = [];
    "xaxax".replaceAll("x", function (m, p, s) {
        positions.push(p);
        assertEq(s, "xaxax");
        return "";
    });
    assertDeepEq(positions, [0, 2, 4]);
    assertEq("\u0100a\u0100".replaceAll("\u0100", "b"), "bab");
    assertEq(String.prototype.replaceAll.length, 2);
    assertThrows(TypeError, function () { "a".replaceAll({ [Symbol.match]: true, flags: "" }, ""); });
    assertThrows(TypeError, function () {
        "a".replaceAll({ [Symbol.match]: true, flags: undefined }, "");
    });
    var called = false;
    var g = { [Symbol.match]: true, flags: "g",
              [Symbol.replace]: function (s, r) { called = true; return s + r; } };
    assertEq("a".replaceAll(g, "b"), "ab");
    assert(called);
});

test("GetSubstitution without captures", function () {
    assertEq("abc".replace("b", "$00"), "a$00c");
    assertEq("abc".replace("b", "$10"), "a$10c");
    assertEq("abc".replace("b", "$$1"), "a$1c");
    assertEq("abc".replace("b", "$<"), "a$<c");
    assertEq("abc".replace("b", "$<a>"), "a$<a>c");
    assertEq("abc".replace("b", "$'$`"), "aca" + "c");
});

test("Symbol.replace / split / match / search dispatch", function () {
    var log = [];
    var obj = {
        [Symbol.replace](s, r) { log.push(["replace", s, r]); return "R"; },
        [Symbol.split](s, l) { log.push(["split", s, l]); return "S"; },
        [Symbol.match](s) { log.push(["match", s]); return "M"; },
        [Symbol.search](s) { log.push(["search", s]); return "Q"; },
    };
    // an object with Symbol.match is a regexp for matchAll (and needs "g")
    var all = { [Symbol.matchAll](s) { log.push(["matchAll", s]); return "A"; } };
    assertEq("abc".replace(obj, "x"), "R");
    assertEq("abc".split(obj, 3), "S");
    assertEq("abc".match(obj), "M");
    assertEq("abc".search(obj), "Q");
    assertEq("abc".matchAll(all), "A");
    assertThrows(TypeError, function () { "abc".matchAll(obj); });
    assertDeepEq(log, [["replace", "abc", "x"], ["split", "abc", 3], ["match", "abc"],
                       ["search", "abc"], ["matchAll", "abc"]]);
    // `this` is passed unconverted
    var self = {};
    var seen;
    String.prototype.split.call(self, { [Symbol.split](s) { seen = s; return 0; } });
    assertEq(seen, self);
    // null methods fall back to the string algorithm
    assertEq("a,b".split({ [Symbol.split]: null, toString() { return ","; } }).length, 2);
    assertEq("xyz".replace({ [Symbol.replace]: undefined, toString() { return "y"; } }, "_"),
             "x_z");
    assertThrows(TypeError, function () { "abc".split({ [Symbol.split]: 1 }); });
});

test("primitive separators do not look up protocol methods", function () {
    Object.defineProperty(Number.prototype, Symbol.split, {
        get() { throw new Error("should not be read"); }, configurable: true });
    Object.defineProperty(String.prototype, Symbol.replace, {
        get() { throw new Error("should not be read"); }, configurable: true });
    try {
        assertDeepEq("a1b1c".split(1), ["a", "b", "c"]);
        assertEq("abc".replace("b", "x"), "axc");
    } finally {
        delete Number.prototype[Symbol.split];
        delete String.prototype[Symbol.replace];
    }
});

// ---------------------------------------------------------------------
// split
// ---------------------------------------------------------------------
test("split", function () {
    assertDeepEq("a,b,c".split(","), ["a", "b", "c"]);
    assertDeepEq("a,b,c".split(",", 2), ["a", "b"]);
    assertDeepEq("a,b,c".split(",", 0), []);
    assertDeepEq("a,b,c".split(), ["a,b,c"]);
    assertDeepEq("a,b,c".split(undefined, 0), []);
    assertDeepEq("abc".split(""), ["a", "b", "c"]);
    assertDeepEq("abc".split("", 2), ["a", "b"]);
    assertDeepEq("".split(""), []);
    assertDeepEq("".split(","), [""]);
    assertDeepEq(",a,".split(","), ["", "a", ""]);
    assertDeepEq("a::b::c".split("::"), ["a", "b", "c"]);
    assertDeepEq("abc".split("abc"), ["", ""]);
    assertDeepEq("abc".split("abcd"), ["abc"]);
    assertDeepEq("a,b".split(",", -1), ["a", "b"]);
    assertDeepEq("a,b".split(",", 2 ** 32 + 1), ["a"]);
    assertDeepEq("\u0100,\u0101".split(","), ["\u0100", "\u0101"]);
    assertDeepEq("a\u0100b".split("\u0100"), ["a", "b"]);
    assertDeepEq("\ud83d\ude00".split(""), ["\ud83d", "\ude00"]);
    assertDeepEq("anullb".split(null), ["a", "b"]);
    assertEq("x".repeat(100).split("").length, 100);
    assert(Array.isArray("a".split("")));
    assertEq(String.prototype.split.length, 2);
});

test("split ignores Array.prototype setters", function () {
    Object.defineProperty(Array.prototype, "0", {
        set(v) { throw new Error("setter called"); }, configurable: true });
    try {
        assertEq("a,b".split(",")[0], "a");
        assertEq("ab".split("")[0], "a");
    } finally {
        delete Array.prototype[0];
    }
});

test("split evaluation order", function () {
    var order = [];
    var self = { toString() { order.push("this"); return "a,b"; } };
    var sep = { toString() { order.push("sep"); return ","; } };
    var lim = { valueOf() { order.push("limit"); return 5; } };
    String.prototype.split.call(self, sep, lim);
    assertDeepEq(order, ["this", "limit", "sep"]);
    order = [];
    String.prototype.split.call(self, sep, 0);
    assertDeepEq(order, ["this", "sep"]);
});

// ---------------------------------------------------------------------
// Annex B HTML methods
// ---------------------------------------------------------------------
test("HTML methods", function () {
    assertEq("x".anchor('a"b'), '<a name="a&quot;b">x</a>');
    assertEq("x".big(), "<big>x</big>");
    assertEq("x".blink(), "<blink>x</blink>");
    assertEq("x".bold(), "<b>x</b>");
    assertEq("x".fixed(), "<tt>x</tt>");
    assertEq("x".fontcolor("red"), '<font color="red">x</font>');
    assertEq("x".fontsize(7), '<font size="7">x</font>');
    assertEq("x".italics(), "<i>x</i>");
    assertEq("x".link("u"), '<a href="u">x</a>');
    assertEq("x".small(), "<small>x</small>");
    assertEq("x".strike(), "<strike>x</strike>");
    assertEq("x".sub(), "<sub>x</sub>");
    assertEq("x".sup(), "<sup>x</sup>");
    assertEq("x".anchor(), '<a name="undefined">x</a>');
    assertEq("\u0100".link("\u0101"), '<a href="\u0101">\u0100</a>');
    assertEq(String.prototype.anchor.length, 1);
    assertEq(String.prototype.big.length, 0);
    assertThrows(TypeError, function () { String.prototype.big.call(null); });
    assertThrows(TypeError, function () { "x".link(Symbol()); });
});

// ---------------------------------------------------------------------
// Iterator
// ---------------------------------------------------------------------
test("string iterator", function () {
    var it = "a\ud83d\ude00b"[Symbol.iterator]();
    var r = it.next();
    assertEq(r.value, "a");
    assertEq(r.done, false);
    assertEq(it.next().value, "\ud83d\ude00");
    assertEq(it.next().value, "b");
    r = it.next();
    assertEq(r.value, undefined);
    assertEq(r.done, true);
    assertEq(it.next().done, true);
    assertDeepEq([..."\ud83d\ude00\ud83d"], ["\ud83d\ude00", "\ud83d"]);
    assertDeepEq([..."\ude00\ud83d"], ["\ude00", "\ud83d"]);
    assertDeepEq(Array.from("ab\u0100"), ["a", "b", "\u0100"]);
    var out = "";
    for (var c of "xyz") out += c + ".";
    assertEq(out, "x.y.z.");
});

test("%StringIteratorPrototype%", function () {
    var it = ""[Symbol.iterator]();
    var proto = Object.getPrototypeOf(it);
    assertEq(proto[Symbol.toStringTag], "String Iterator");
    assertEq(Object.prototype.toString.call(it), "[object String Iterator]");
    assertEq(typeof proto.next, "function");
    assertEq(proto.next.length, 0);
    assertEq(proto.next.name, "next");
    assert(!proto.hasOwnProperty(Symbol.iterator));
    assertEq(it[Symbol.iterator](), it);
    assertThrows(TypeError, function () { proto.next.call({}); });
    assertThrows(TypeError, function () { Object.create(it).next(); });
    assertThrows(TypeError, function () { proto.next.call([][Symbol.iterator]()); });
    var d = Object.getOwnPropertyDescriptor(proto, Symbol.toStringTag);
    assertEq(d.writable, false);
    assertEq(d.enumerable, false);
    assertEq(d.configurable, true);
    assertEq(String.prototype[Symbol.iterator].name, "[Symbol.iterator]");
    assertEq(String.prototype[Symbol.iterator].length, 0);
    assertThrows(TypeError, function () { String.prototype[Symbol.iterator].call(null); });
});

// ---------------------------------------------------------------------
// Method properties
// ---------------------------------------------------------------------
test("String.prototype method attributes", function () {
    var names = ["at", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith", "includes",
                 "indexOf", "isWellFormed", "lastIndexOf", "localeCompare", "match", "matchAll",
                 "normalize", "padEnd", "padStart", "repeat", "replace", "replaceAll", "search",
                 "slice", "split", "startsWith", "substring", "toLocaleLowerCase",
                 "toLocaleUpperCase", "toLowerCase", "toString", "toUpperCase", "toWellFormed",
                 "trim", "trimEnd", "trimStart", "valueOf", "substr", "anchor", "big"];
    names.forEach(function (n) {
        var d = Object.getOwnPropertyDescriptor(String.prototype, n);
        assert(d, n);
        assertEq(typeof d.value, "function", n);
        assertEq(d.writable, true, n);
        assertEq(d.enumerable, false, n);
        assertEq(d.configurable, true, n);
        assertEq(d.value.name, n);
        assertThrows(TypeError, function () { new d.value(); }, n);
    });
});

test("methods reject null and undefined this", function () {
    ["at", "charAt", "concat", "includes", "indexOf", "padEnd", "repeat", "replace",
     "replaceAll", "search", "slice", "split", "match", "matchAll", "trim",
     "toUpperCase", "normalize", "localeCompare", "isWellFormed", "link"].forEach(function (n) {
        assertThrows(TypeError, function () { String.prototype[n].call(undefined, "a"); }, n);
        assertThrows(TypeError, function () { String.prototype[n].call(null, "a"); }, n);
    });
});

test("this values are converted with ToString", function () {
    assertEq(String.prototype.slice.call(12345, 1, 3), "23");
    assertEq(String.prototype.toUpperCase.call({ toString() { return "ab"; } }), "AB");
    assertThrows(TypeError, function () { String.prototype.slice.call(Symbol()); });
    assertThrows(Error, function () {
        String.prototype.trim.call({ toString() { throw new Error("x"); } });
    });
});

// ---------------------------------------------------------------------
// With RegExp (skipped until the RegExp family exists)
// ---------------------------------------------------------------------
if (typeof RegExp === "function") {
    test("regexp arguments", function () {
        assertThrows(TypeError, function () { "abc".includes(/a/); });
        assertThrows(TypeError, function () { "abc".startsWith(/a/); });
        assertThrows(TypeError, function () { "abc".endsWith(/a/); });
        var re = /a/;
        re[Symbol.match] = false;
        assert("/a/".startsWith(re));
        assertThrows(TypeError, function () { "a".replaceAll(/a/, ""); });
        assertThrows(TypeError, function () { "a".matchAll(/a/); });
    });

    test("GetSubstitution with captures", function () {
        assertEq("abc".replace(/(b)/, "[$1]"), "a[b]c");
        assertEq("abc".replace(/(b)/, "[$01]"), "a[b]c");
        assertEq("abc".replace(/(b)/, "[$10]"), "a[b0]c");
        assertEq("abc".replace(/(b)/, "[$2]"), "a[$2]c");
        assertEq("abc".replace(/(b)/, "[$00]"), "a[$00]c");
        assertEq("abc".replace(/(x)?b/, "[$1]"), "a[]c");
        assertEq("abcdefghijkl".replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, "$11-$10-$1"),
                 "k-j-al");
        assertEq("abc".replace(/(?<name>b)/, "[$<name>]"), "a[b]c");
        assertEq("abc".replace(/(?<name>b)/, "[$<nope>]"), "a[]c");
        assertEq("abc".replace(/(?<name>b)/, "[$<name]"), "a[$<name]c");
        assertEq("abc".replace(/(b)/, "[$<name>]"), "a[$<name>]c");
        assertEq("aaa".replace(/a/g, "$&$&"), "aaaaaa");
    });

    test("string methods with regexps", function () {
        assertDeepEq("a1b2c".split(/\d/), ["a", "b", "c"]);
        assertEq("abc".search("c"), 2);
        assertEq("abc".search(), 0);
        assertEq("abc".match("b")[0], "b");
        assertEq("a.c".match(".")[0], "a");
        assertDeepEq([..."a1b2".matchAll("\\d")].map(function (m) { return m[0]; }), ["1", "2"]);
        assertEq("xax".replaceAll(/x/g, "y"), "yay");
    });
}

report();
