// array.js — tests of the Array family: the constructor, its static
// methods, every Array.prototype method (on arrays, holes and array-likes)
// and the array iterators. Run: weft -I tests/js/assert.js tests/js/array.js

var MAX = Math.pow(2, 53) - 1;

// the Proxy family may not be there yet: tests that need it return early
var hasProxy = typeof Proxy === "function";

// a log of the property operations made on an array-like
function logged(obj, log) {
    return new Proxy(obj, {
        get(t, k, r) { log.push("get " + String(k)); return Reflect.get(t, k, r); },
        set(t, k, v, r) { log.push("set " + String(k)); return Reflect.set(t, k, v, r); },
        has(t, k) { log.push("has " + String(k)); return Reflect.has(t, k); },
        deleteProperty(t, k) { log.push("delete " + String(k)); return Reflect.deleteProperty(t, k); },
        defineProperty(t, k, d) { log.push("define " + String(k)); return Reflect.defineProperty(t, k, d); },
    });
}

// --- constructor -----------------------------------------------------------
test("Array() forms", function () {
    assertEq(Array().length, 0);
    assertEq(new Array(5).length, 5);
    assertEq(0 in new Array(5), false);
    assertDeepEq(Array(1, 2, 3), [1, 2, 3]);
    assertDeepEq(new Array("3"), ["3"]);
    assertEq(new Array(-0).length, 0);
    assertEq(new Array(4294967295).length, 4294967295);
    assertThrows(RangeError, function () { new Array(-1); });
    assertThrows(RangeError, function () { new Array(1.5); });
    assertThrows(RangeError, function () { new Array(NaN); });
    assertThrows(RangeError, function () { new Array(4294967296); });
    assertEq(Object.getPrototypeOf(Array(2)), Array.prototype);
});

test("Array subclass and new.target", function () {
    class MyArray extends Array {}
    var a = new MyArray(1, 2);
    assert(a instanceof MyArray);
    assertEq(a.length, 2);
    assertEq(Array.isArray(a), true);
    var b = a.map(function (x) { return x * 2; });
    assert(b instanceof MyArray, "species from constructor");
    assertDeepEq(Array.from(b), [2, 4]);
});

test("Array.prototype is an array", function () {
    assertEq(Array.isArray(Array.prototype), true);
    assertEq(Array.prototype.length, 0);
    assertEq(Object.getPrototypeOf(Array.prototype), Object.prototype);
    assertEq(Array.length, 1);
    assertEq(Array.name, "Array");
});

test("Array.isArray", function () {
    assertEq(Array.isArray([]), true);
    assertEq(Array.isArray({ length: 0 }), false);
    assertEq(Array.isArray(), false);
    assertEq(Array.isArray("abc"), false);
    if (hasProxy)
        assertEq(Array.isArray(new Proxy([], {})), true);
});

test("Array[Symbol.species]", function () {
    var d = Object.getOwnPropertyDescriptor(Array, Symbol.species);
    assertEq(d.set, undefined);
    assertEq(d.get.name, "get [Symbol.species]");
    assertEq(Array[Symbol.species], Array);
});

// --- Array.of / Array.from ---------------------------------------------------
test("Array.of", function () {
    assertDeepEq(Array.of(), []);
    assertDeepEq(Array.of(7), [7]);
    assertDeepEq(Array.of(1, "a", null), [1, "a", null]);
    function C(n) { this.n = n; }
    var c = Array.of.call(C, 1, 2);
    assert(c instanceof C);
    assertEq(c.n, 2);
    assertEq(c.length, 2);
    assertEq(c[1], 2);
    var o = Array.of.call(undefined, 1);
    assert(Array.isArray(o));
});

test("Array.from iterables", function () {
    assertDeepEq(Array.from([1, 2, 3]), [1, 2, 3]);
    assertDeepEq(Array.from("a\uD83D\uDE00b"), ["a", "\uD83D\uDE00", "b"]);
    assertDeepEq(Array.from(new Set([1, 1, 2])), [1, 2]);
    assertDeepEq(Array.from([1, 2], function (x, i) { return x * 10 + i; }), [10, 21]);
    var self = {};
    Array.from([1], function () { assertEq(this, self); }, self);
    var holes = Array.from([, 1]);
    assertEq(holes.hasOwnProperty(0), true);
    assertEq(holes[0], undefined);
    assertThrows(TypeError, function () { Array.from([], 5); });
    assertThrows(TypeError, function () { Array.from(null); });
});

test("Array.from array-likes", function () {
    assertDeepEq(Array.from({ length: 2, 0: "a", 1: "b" }), ["a", "b"]);
    assertDeepEq(Array.from({ length: "2" }), [undefined, undefined]);
    assertDeepEq(Array.from(5), []);
    function C(n) { this.len = n; }
    var c = Array.from.call(C, { length: 1, 0: 9 });
    assertEq(c.len, 1);
    assertEq(c[0], 9);
    assertEq(c.length, 1);
});

test("Array.from closes the iterator on error", function () {
    var closed = 0;
    var it = {};
    it[Symbol.iterator] = function () {
        return {
            next: function () { return { value: 1, done: false }; },
            return: function () { closed++; return {}; },
        };
    };
    assertThrows(SyntaxError, function () {
        Array.from(it, function () { throw new SyntaxError("x"); });
    });
    assertEq(closed, 1);
    // an error from next itself does not close
    var it2 = {};
    it2[Symbol.iterator] = function () {
        return { next: function () { throw new RangeError("n"); }, return: function () { closed++; } };
    };
    assertThrows(RangeError, function () { Array.from(it2); });
    assertEq(closed, 1);
});

test("Array.from sees array changes made by mapFn", function () {
    var a = [1, 2, 3];
    var r = Array.from(a, function (x, i) { if (i == 0) a.push(4); return x; });
    assertDeepEq(r, [1, 2, 3, 4]);
    a = [1, 2, 3];
    r = Array.from(a, function (x, i) { if (i == 0) a.length = 1; return x; });
    assertDeepEq(r, [1]);
});

test("Array.from with a replaced iterator next", function () {
    var proto = Object.getPrototypeOf([][Symbol.iterator]());
    var orig = proto.next;
    var calls = 0;
    proto.next = function () { calls++; return orig.call(this); };
    try {
        assertDeepEq(Array.from([5, 6]), [5, 6]);
    } finally {
        proto.next = orig;
    }
    assertEq(calls, 3);
});

// --- reading and searching ------------------------------------------------------
test("at", function () {
    var a = [1, 2, 3];
    assertEq(a.at(0), 1);
    assertEq(a.at(-1), 3);
    assertEq(a.at(3), undefined);
    assertEq(a.at(-4), undefined);
    assertEq(a.at("1"), 2);
    assertEq(a.at(-Infinity), undefined);
    assertEq(Array.prototype.at.call({ length: 2, 1: "x" }, -1), "x");
});

test("includes", function () {
    assertEq([1, 2, NaN].includes(NaN), true);
    assertEq([1, 2, 3].includes(2, 2), false);
    assertEq([1, 2, 3].includes(3, -1), true);
    assertEq([, ].includes(undefined), true);
    assertEq([-0].includes(0), true);
    assertEq([1].includes(1, Infinity), false);
    assertEq([1].includes(1, -Infinity), true);
    assertEq(Array.prototype.includes.call({ length: 1, 0: "a" }, "a"), true);
});

test("indexOf / lastIndexOf", function () {
    var a = [1, 2, 1, NaN, , undefined];
    assertEq(a.indexOf(1), 0);
    assertEq(a.indexOf(1, 1), 2);
    assertEq(a.indexOf(1, -4), 2);
    assertEq(a.indexOf(NaN), -1);
    assertEq(a.indexOf(undefined), 5);
    assertEq(a.lastIndexOf(1), 2);
    assertEq(a.lastIndexOf(1, 1), 0);
    assertEq(a.lastIndexOf(1, -5), 0);
    assertEq(a.lastIndexOf(1, -7), -1);
    assertEq(a.lastIndexOf(1, -Infinity), -1);
    assertEq(a.lastIndexOf(undefined), 5);
    assertEq([1, 2].lastIndexOf(2, undefined), -1);
    assertEq([-0].indexOf(0), 0);
    assertEq(Array.prototype.indexOf.call({ length: 3, 2: "z" }, "z"), 2);
});

test("fromIndex conversion runs after the length read", function () {
    var a = [1, 2, 3];
    var idx = { valueOf: function () { a.length = 0; return 0; } };
    assertEq(a.indexOf(3, idx), -1);
    a = [1, 2, 3];
    Array.prototype[2] = 3;
    try {
        assertEq(a.includes(3, { valueOf: function () { a.length = 1; return 0; } }), true);
    } finally {
        delete Array.prototype[2];
    }
});

test("join / toString / toLocaleString", function () {
    assertEq([1, 2, 3].join(), "1,2,3");
    assertEq([1, null, undefined, 4].join("-"), "1---4");
    assertEq([].join(), "");
    assertEq([1, [2, 3]].join(";"), "1;2,3");
    assertEq([1.5, -7, "x", true].join(""), "1.5-7xtrue");
    assertEq(Array.prototype.join.call({ length: 2, 0: "a" }, "+"), "a+");
    assertEq([1, 2].toString(), "1,2");
    assertEq(Array.prototype.toString.call({ join: function () { return "J"; } }), "J");
    assertEq(Array.prototype.toString.call({ join: 1 }), "[object Object]");
    assertEq([1, null, "a"].toLocaleString(), "1,,a");
    var o = { toLocaleString: function () { return "L"; } };
    assertEq([o, o].toLocaleString(), "L,L");
    assertThrows(TypeError, function () { [Symbol()].join(); });
});

// --- callbacks ----------------------------------------------------------------
test("forEach / map / filter / some / every", function () {
    var seen = [];
    [1, , 3].forEach(function (v, i, arr) { seen.push(i + ":" + v); assertEq(arr.length, 3); });
    assertDeepEq(seen, ["0:1", "2:3"]);
    var m = [1, , 3].map(function (v) { return v * 2; });
    assertEq(m.length, 3);
    assertEq(1 in m, false);
    assertEq(m[2], 6);
    assertDeepEq([1, 2, 3, 4].filter(function (v) { return v % 2; }), [1, 3]);
    assertEq([1, 2].some(function (v) { return v > 1; }), true);
    assertEq([].some(function () { return true; }), false);
    assertEq([1, 2].every(function (v) { return v > 1; }), false);
    assertEq([].every(function () { return false; }), true);
    assertThrows(TypeError, function () { [].map(); });
    assertThrows(TypeError, function () { [].forEach({}); });
    var self = {};
    [1].map(function () { assertEq(this, self); }, self);
});

test("callbacks see array changes", function () {
    var a = [1, 2, 3];
    var seen = [];
    a.forEach(function (v, i) { if (i == 0) { a.push(99); a[2] = 30; } seen.push(v); });
    assertDeepEq(seen, [1, 2, 30]);
    a = [1, 2, 3, 4];
    seen = [];
    a.forEach(function (v) { seen.push(v); a.pop(); });
    assertDeepEq(seen, [1, 2]);
    a = [1, 2, 3];
    var r = a.map(function (v, i) { if (i == 0) a.length = 1; return v; });
    assertEq(r.length, 3);
    assertEq(1 in r, false);
});

test("find / findIndex / findLast / findLastIndex", function () {
    var a = [5, 12, 8, 130, 44];
    assertEq(a.find(function (v) { return v > 10; }), 12);
    assertEq(a.findIndex(function (v) { return v > 10; }), 1);
    assertEq(a.findLast(function (v) { return v > 10; }), 44);
    assertEq(a.findLastIndex(function (v) { return v > 100; }), 3);
    assertEq(a.find(function () { return false; }), undefined);
    assertEq(a.findIndex(function () { return false; }), -1);
    assertEq(a.findLastIndex(function () { return false; }), -1);
    var seen = [];
    [, 1].find(function (v, i) { seen.push(i); });
    assertDeepEq(seen, [0, 1], "holes are visited");
    assertThrows(TypeError, function () { a.find(); });
});

test("reduce / reduceRight", function () {
    assertEq([1, 2, 3].reduce(function (a, b) { return a + b; }), 6);
    assertEq([1, 2, 3].reduce(function (a, b) { return a + b; }, 10), 16);
    assertEq(["a", "b", "c"].reduceRight(function (a, b) { return a + b; }), "cba");
    assertEq([, , 3, , ].reduce(function (a, b) { return a + b; }), 3);
    assertEq([].reduce(function () {}, "init"), "init");
    assertThrows(TypeError, function () { [].reduce(function () {}); });
    assertThrows(TypeError, function () { [, , ].reduceRight(function () {}); });
    var idx = [];
    [1, 2, 3].reduceRight(function (acc, v, i) { idx.push(i); return acc; });
    assertDeepEq(idx, [1, 0]);
    assertEq([1].reduce(function () { return 5; }, undefined), 5);
});

// --- mutators ------------------------------------------------------------------
test("push / pop", function () {
    var a = [1];
    assertEq(a.push(2, 3), 3);
    assertDeepEq(a, [1, 2, 3]);
    assertEq(a.pop(), 3);
    assertEq(a.length, 2);
    assertEq([].pop(), undefined);
    var o = { length: 2, 0: "a", 1: "b" };
    assertEq(Array.prototype.pop.call(o), "b");
    assertEq(o.length, 1);
    assertEq(o.hasOwnProperty(1), false);
    var e = {};
    assertEq(Array.prototype.push.call(e, 1), 1);
    assertEq(e.length, 1);
    var big = { length: MAX };
    assertThrows(TypeError, function () { Array.prototype.push.call(big, 1); });
    assertEq(Array.prototype.push.call(big), MAX);
    big = { length: MAX };
    big[MAX - 1] = "last";
    assertEq(Array.prototype.pop.call(big), "last");
    assertEq(big.length, MAX - 1);
    assertEq(big.hasOwnProperty(MAX - 1), false);
});

test("push on frozen / non-writable length", function () {
    var a = Object.freeze([1]);
    assertThrows(TypeError, function () { a.push(2); });
    var b = [1, 2];
    Object.defineProperty(b, "length", { writable: false });
    assertThrows(TypeError, function () { b.push(3); });
    assertThrows(TypeError, function () { b.pop(); });
    assertEq(b.length, 2);
    assertThrows(TypeError, function () { b.shift(); });
});

test("push and array length limit", function () {
    var a = [];
    a.length = 4294967295;
    assertThrows(RangeError, function () { a.push(1); });
    assertEq(a[4294967295], 1);
});

test("shift / unshift", function () {
    var a = [1, 2, 3];
    assertEq(a.shift(), 1);
    assertDeepEq(a, [2, 3]);
    assertEq(a.unshift(0, 1), 4);
    assertDeepEq(a, [0, 1, 2, 3]);
    assertEq([].shift(), undefined);
    var h = [1, , 3];
    h.shift();
    assertEq(h.length, 2);
    assertEq(0 in h, false);
    assertEq(h[1], 3);
    h = [, 2];
    h.unshift(0);
    assertEq(h.length, 3);
    assertEq(1 in h, false);
    var o = { length: 2, 0: "a", 1: "b" };
    assertEq(Array.prototype.unshift.call(o, "z"), 3);
    assertEq(o[0] + o[1] + o[2], "zab");
    assertThrows(TypeError, function () { Array.prototype.unshift.call({ length: MAX }, 1); });
    assertEq(Array.prototype.unshift.call({ length: MAX }), MAX);
});

test("unshift visits indices from the top", function () {
    if (!hasProxy) return;
    var log = [];
    var p = logged({ length: 2, 0: "a", 1: "b" }, log);
    Array.prototype.unshift.call(p, "x", "y", "z");
    assertDeepEq(log.filter(function (s) { return s.indexOf("has") == 0; }), ["has 1", "has 0"]);
});

test("splice", function () {
    var a = [1, 2, 3, 4, 5];
    assertDeepEq(a.splice(1, 2), [2, 3]);
    assertDeepEq(a, [1, 4, 5]);
    assertDeepEq(a.splice(1, 0, "a", "b"), []);
    assertDeepEq(a, [1, "a", "b", 4, 5]);
    assertDeepEq(a.splice(-2), [4, 5]);
    assertDeepEq(a, [1, "a", "b"]);
    assertDeepEq(a.splice(), []);
    assertDeepEq(a.splice(undefined), [1, "a", "b"]);
    assertDeepEq(a, []);
    a = [1, 2, 3];
    assertDeepEq(a.splice(1, 1, "x", "y", "z"), [2]);
    assertDeepEq(a, [1, "x", "y", "z", 3]);
    a = [1, , 3, 4];
    var r = a.splice(0, 2);
    assertEq(r.length, 2);
    assertEq(1 in r, false);
    assertDeepEq(a, [3, 4]);
    var o = { length: 3, 0: "a", 1: "b", 2: "c" };
    var d = Array.prototype.splice.call(o, 1, 1);
    assertDeepEq(d, ["b"]);
    assertEq(o.length, 2);
    assertEq(o[1], "c");
    assertEq(o.hasOwnProperty(2), false);
    assertDeepEq([1, 2, 3].splice(1, -5), []);
    assertDeepEq([1, 2, 3].splice(1, Infinity), [2, 3]);
});

test("splice species", function () {
    var a = [1, 2, 3];
    a.constructor = {};
    a.constructor[Symbol.species] = function (n) { this.args = arguments; this.length = 0; };
    var r = a.splice(0, 2);
    assertEq(r.args.length, 1);
    assertEq(r.args[0], 2);
    assertEq(r[0], 1);
    assertEq(r.length, 2);
    a = [1];
    a.constructor = {};
    a.constructor[Symbol.species] = null;
    assert(Array.isArray(a.splice(0)));
    a = [1];
    a.constructor = { [Symbol.species]: 5 };
    assertThrows(TypeError, function () { a.splice(0); });
    a = [1];
    a.constructor = 5;
    assertThrows(TypeError, function () { a.slice(); });
});

test("reverse", function () {
    assertDeepEq([1, 2, 3].reverse(), [3, 2, 1]);
    assertDeepEq([1, 2, 3, 4].reverse(), [4, 3, 2, 1]);
    var h = [1, , 3, , ];
    h.reverse();
    assertEq(h.length, 4);
    assertEq(0 in h, false);
    assertEq(h[1], 3);
    assertEq(2 in h, false);
    assertEq(h[3], 1);
    var o = { length: 3, 0: "a", 2: "c" };
    Array.prototype.reverse.call(o);
    assertEq(o[0], "c");
    assertEq(o[2], "a");
    var a = [1];
    assertEq(a.reverse(), a);
});

test("fill / copyWithin", function () {
    assertDeepEq([1, 2, 3].fill(0), [0, 0, 0]);
    assertDeepEq([1, 2, 3].fill(0, 1), [1, 0, 0]);
    assertDeepEq([1, 2, 3].fill(0, -1), [1, 2, 0]);
    assertDeepEq([1, 2, 3].fill(0, 0, -1), [0, 0, 3]);
    assertDeepEq([1, 2, 3].fill(0, NaN, NaN), [1, 2, 3]);
    assertDeepEq(Array(3).fill(7), [7, 7, 7]);
    assertDeepEq([1, 2, 3, 4, 5].copyWithin(0, 3), [4, 5, 3, 4, 5]);
    assertDeepEq([1, 2, 3, 4, 5].copyWithin(1, 0), [1, 1, 2, 3, 4]);
    assertDeepEq([1, 2, 3, 4, 5].copyWithin(0, 3, 4), [4, 2, 3, 4, 5]);
    assertDeepEq([1, 2, 3, 4, 5].copyWithin(-2, -3, -1), [1, 2, 3, 3, 4]);
    var h = [1, , 3].copyWithin(0, 1);
    assertEq(0 in h, false);
    assertEq(h[1], 3);
});

test("sort", function () {
    assertDeepEq([3, 1, 2].sort(), [1, 2, 3]);
    assertDeepEq([10, 9, 1, 100].sort(), [1, 10, 100, 9]);
    assertDeepEq([10, 9, 1, 100].sort(function (a, b) { return a - b; }), [1, 9, 10, 100]);
    var u = [undefined, 3, , 1];
    u.sort();
    assertEq(u[0], 1);
    assertEq(u[1], 3);
    assertEq(u[2], undefined);
    assertEq(u.hasOwnProperty(2), true);
    assertEq(u.hasOwnProperty(3), false);
    assertEq(u.length, 4);
    assertThrows(TypeError, function () { [].sort(null); });
    assertThrows(TypeError, function () { [].sort({}); });
    assertThrows(TypeError, function () { [1, Symbol()].sort(); });
    var o = { length: 3, 0: "c", 1: "a", 2: "b" };
    Array.prototype.sort.call(o);
    assertEq(o[0] + o[1] + o[2], "abc");
    var n = [2, 1];
    n.sort(function () { return NaN; });
    assertDeepEq(n, [2, 1]);
});

test("default sort of int32 values matches the string order", function () {
    var a = [0, 1, -1, 9, 10, 100, 99, -10, -9, -100, 2147483647, -2147483648, 1000000000,
             123, 1234, 12, 120, 1200, -12, -120, 5, 50, 500, 7, 70, 1e9 + 7];
    for (var i = 0; i < 300; i++)
        a.push(((i * 2654435761) % 4294967296) - 2147483648, (i * 7919) % 1000, -((i * 31) % 500));
    var bySort = a.slice().sort();
    var byString = a.map(String).sort();
    for (var i = 0; i < a.length; i++)
        assertEq(String(bySort[i]), byString[i], "index " + i);
});

test("sort is stable", function () {
    var items = [];
    for (var i = 0; i < 500; i++)
        items.push({ key: i % 7, order: i });
    items.sort(function (a, b) { return a.key - b.key; });
    for (var i = 1; i < items.length; i++) {
        var p = items[i - 1], q = items[i];
        assert(p.key < q.key || (p.key === q.key && p.order < q.order), "stable at " + i);
    }
    var r = [];
    for (var i = 0; i < 1000; i++)
        r.push((i * 7919) % 1009);
    var s = r.slice().sort(function (a, b) { return a - b; });
    for (var i = 1; i < s.length; i++)
        assert(s[i - 1] <= s[i]);
});

test("sort comparator errors propagate and keep elements", function () {
    var a = [3, 2, 1, 5, 4, 9, 8, 7, 6, 10, 11, 12];
    var calls = 0;
    assertThrows(EvalError, function () {
        a.sort(function (x, y) { if (++calls == 5) throw new EvalError(); return x - y; });
    });
    assertEq(a.length, 12);
    assertDeepEq(a.slice().sort(function (x, y) { return x - y; }),
                 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
});

test("sort with a comparator that modifies the array", function () {
    var a = [5, 4, 3, 2, 1];
    a.sort(function (x, y) { a.length = 0; return x - y; });
    assertDeepEq(a, [1, 2, 3, 4, 5]);
});

// --- copying methods ------------------------------------------------------------
test("concat", function () {
    assertDeepEq([1].concat(2, [3, 4], [[5]]), [1, 2, 3, 4, [5]]);
    var h = [1, , 3].concat([4, , ]);
    assertEq(h.length, 5);
    assertEq(1 in h, false);
    assertEq(4 in h, false);
    var spreadable = { length: 2, 0: "a", 1: "b" };
    spreadable[Symbol.isConcatSpreadable] = true;
    assertDeepEq([].concat(spreadable), ["a", "b"]);
    var notSpread = [1, 2];
    notSpread[Symbol.isConcatSpreadable] = false;
    var r = [].concat(notSpread);
    assertEq(r.length, 1);
    assertEq(r[0], notSpread);
    var s = Array.prototype.concat.call("ab", 1);
    assertEq(s.length, 2);
    assert(s[0] instanceof String);
    var tooLong = { length: MAX };
    tooLong[Symbol.isConcatSpreadable] = true;
    assertThrows(TypeError, function () { [1].concat(tooLong); });
});

test("slice", function () {
    var a = [1, 2, 3, 4];
    assertDeepEq(a.slice(), [1, 2, 3, 4]);
    assertDeepEq(a.slice(1, 3), [2, 3]);
    assertDeepEq(a.slice(-2), [3, 4]);
    assertDeepEq(a.slice(2, 1), []);
    assertDeepEq(a.slice(0, -1), [1, 2, 3]);
    var h = [1, , 3].slice(0);
    assertEq(h.length, 3);
    assertEq(1 in h, false);
    assertDeepEq(Array.prototype.slice.call({ length: 3, 0: "a", 2: "c" }, 1), [, "c"]);
    assertDeepEq(Array.prototype.slice.call("abc", 1), ["b", "c"]);
    var big = { length: MAX };
    big[MAX - 1] = "z";
    assertDeepEq(Array.prototype.slice.call(big, MAX - 1), ["z"]);
});

test("slice sees changes made by species", function () {
    var a = [1, 2, 3];
    a.constructor = {};
    Object.defineProperty(a.constructor, Symbol.species, {
        get: function () { a.length = 1; return undefined; }
    });
    var r = a.slice();
    assertEq(r.length, 3);
    assertEq(r[0], 1);
    assertEq(1 in r, false);
});

test("flat / flatMap", function () {
    assertDeepEq([1, [2, [3, [4]]]].flat(), [1, 2, [3, [4]]]);
    assertDeepEq([1, [2, [3, [4]]]].flat(2), [1, 2, 3, [4]]);
    assertDeepEq([1, [2, [3, [4]]]].flat(Infinity), [1, 2, 3, 4]);
    assertDeepEq([1, [2]].flat(0), [1, [2]]);
    assertDeepEq([1, [2]].flat(-1), [1, [2]]);
    assertDeepEq([1, , [2, , 3]].flat(), [1, 2, 3]);
    assertDeepEq([1, 2].flatMap(function (x) { return [x, x * 2]; }), [1, 2, 2, 4]);
    assertDeepEq([1, 2].flatMap(function (x) { return [[x]]; }), [[1], [2]]);
    assertDeepEq(["a"].flatMap(function (x, i, arr) { return arr.length + x + i; }), ["1a0"]);
    assertThrows(TypeError, function () { [].flatMap(); });
    var deep = [];
    deep.push(deep);
    assertThrows(RangeError, function () { deep.flat(Infinity); });
});

test("toReversed / toSorted / toSpliced / with", function () {
    var a = [3, 1, 2];
    assertDeepEq(a.toReversed(), [2, 1, 3]);
    assertDeepEq(a.toSorted(), [1, 2, 3]);
    assertDeepEq(a.toSorted(function (x, y) { return y - x; }), [3, 2, 1]);
    assertDeepEq(a.toSpliced(1, 1, "x", "y"), [3, "x", "y", 2]);
    assertDeepEq(a.toSpliced(), [3, 1, 2]);
    assertDeepEq(a.toSpliced(1), [3]);
    assertDeepEq(a.with(0, 9), [9, 1, 2]);
    assertDeepEq(a.with(-1, 9), [3, 1, 9]);
    assertDeepEq(a, [3, 1, 2]);
    assertThrows(RangeError, function () { a.with(3, 0); });
    assertThrows(RangeError, function () { a.with(-4, 0); });
    var h = [1, , 3];
    var r = h.toReversed();
    assertEq(r.hasOwnProperty(1), true);
    assertEq(r[1], undefined);
    r = [, 2, undefined, 1].toSorted();
    assertDeepEq(r, [1, 2, undefined, undefined]);
    assertEq(r.hasOwnProperty(3), true);
    assertThrows(TypeError, function () { [].toSorted(5); });
    assertThrows(RangeError, function () { Array.prototype.toReversed.call({ length: 4294967296 }); });
    assertThrows(TypeError, function () { Array.prototype.toSpliced.call({ length: MAX }, 0, 0, 1); });
    var c = [1];
    c.constructor = function () { throw new Error("species must not be used"); };
    assert(Array.isArray(c.toReversed()));
});

// --- iterators --------------------------------------------------------------------
test("keys / values / entries", function () {
    var a = ["a", "b"];
    assertDeepEq(Array.from(a.keys()), [0, 1]);
    assertDeepEq(Array.from(a.values()), ["a", "b"]);
    assertDeepEq(Array.from(a.entries()), [[0, "a"], [1, "b"]]);
    assertEq(Array.prototype[Symbol.iterator], Array.prototype.values);
    var it = a.values();
    assertEq(it[Symbol.toStringTag], "Array Iterator");
    assertEq(Object.prototype.toString.call(it), "[object Array Iterator]");
    var r = it.next();
    assertEq(r.value, "a");
    assertEq(r.done, false);
    it.next();
    r = it.next();
    assertEq(r.value, undefined);
    assertEq(r.done, true);
    a.push("c");
    assertEq(it.next().done, true, "a finished iterator stays finished");
});

test("iterators read the length at each step", function () {
    var a = [1];
    var it = a.values();
    assertEq(it.next().value, 1);
    a.push(2);
    assertEq(it.next().value, 2);
    var o = { length: 1, 0: "x" };
    var k = Array.prototype.keys.call(o);
    o.length = 2;
    assertEq(k.next().value, 0);
    assertEq(k.next().value, 1);
    assertEq(k.next().done, true);
});

test("array iterator next checks its receiver", function () {
    var next = [].values().next;
    assertThrows(TypeError, function () { next.call({}); });
    assertThrows(TypeError, function () { next.call(new Map().entries()); });
    var proto = Object.getPrototypeOf([].values());
    assertEq(typeof Object.getPrototypeOf(proto)[Symbol.iterator], "function");
    assertEq(proto.hasOwnProperty(Symbol.iterator), false);
    assertEq(proto.next.length, 0);
    assertEq(proto.next.name, "next");
});

test("an exception ends the iteration", function () {
    var o = { length: 3 };
    Object.defineProperty(o, 0, { get: function () { throw new URIError(); } });
    var it = Array.prototype.values.call(o);
    assertThrows(URIError, function () { it.next(); });
    assertEq(it.next().done, true);
});

test("unscopables", function () {
    var u = Array.prototype[Symbol.unscopables];
    assertEq(Object.getPrototypeOf(u), null);
    var names = ["at", "copyWithin", "entries", "fill", "find", "findIndex", "findLast",
                 "findLastIndex", "flat", "flatMap", "includes", "keys", "toReversed",
                 "toSorted", "toSpliced", "values"];
    names.forEach(function (n) { assertEq(u[n], true, n); });
    assertEq(Object.keys(u).length, names.length);
});

test("method lengths and names", function () {
    var lengths = { at: 1, concat: 1, copyWithin: 2, entries: 0, every: 1, fill: 1, filter: 1,
                    find: 1, findIndex: 1, findLast: 1, findLastIndex: 1, flat: 0, flatMap: 1,
                    forEach: 1, includes: 1, indexOf: 1, join: 1, keys: 0, lastIndexOf: 1,
                    map: 1, pop: 0, push: 1, reduce: 1, reduceRight: 1, reverse: 0, shift: 0,
                    slice: 2, some: 1, sort: 1, splice: 2, toLocaleString: 0, toReversed: 0,
                    toSorted: 1, toSpliced: 2, toString: 0, unshift: 1, values: 0, with: 2 };
    Object.keys(lengths).forEach(function (n) {
        var f = Array.prototype[n];
        assertEq(f.length, lengths[n], n);
        assertEq(f.name, n);
        var d = Object.getOwnPropertyDescriptor(Array.prototype, n);
        assertEq(d.enumerable, false, n);
        assertEq(d.writable, true, n);
        assertThrows(TypeError, function () { new f(); }, n);
    });
});

test("methods on null / undefined this", function () {
    ["at", "concat", "join", "map", "pop", "push", "slice", "sort", "splice", "toReversed",
     "with", "includes", "keys"].forEach(function (n) {
        assertThrows(TypeError, function () { Array.prototype[n].call(undefined); }, n);
        assertThrows(TypeError, function () { Array.prototype[n].call(null); }, n);
    });
});

test("getters on array-likes are called in spec order", function () {
    if (!hasProxy) return;
    var log = [];
    var p = logged({ length: 2, 0: "a", 1: "b" }, log);
    Array.prototype.reverse.call(p);
    assertDeepEq(log, ["get length", "has 0", "get 0", "has 1", "get 1",
                       "set 0", "define 0", "set 1", "define 1"]);
});

test("length edge cases on array-likes", function () {
    assertEq(Array.prototype.indexOf.call({ length: -1, 0: 1 }, 1), -1);
    assertEq(Array.prototype.includes.call({ length: "1", 0: 1 }, 1), true);
    assertEq(Array.prototype.at.call({ length: Infinity, 5: "f" }, 5), "f");
    var o = { length: MAX + 10 };
    assertEq(Array.prototype.push.call(o), MAX);
    assertEq(o.length, MAX);
});

test("fast array conversions stay correct", function () {
    var a = [1, 2, 3];
    Object.defineProperty(a, 1, { get: function () { return "g"; } });
    assertDeepEq(a.slice(), [1, "g", 3]);
    assertEq(a.indexOf("g"), 1);
    assertEq(a.join(), "1,g,3");
    var b = [];
    for (var i = 0; i < 100; i++) b.push(i);
    b.splice(10, 80);
    assertEq(b.length, 20);
    assertEq(b[10], 90);
    b.unshift(-1);
    assertEq(b[0], -1);
    assertEq(b[11], 90);
    assertEq(b.shift(), -1);
    assertEq(b.pop(), 99);
    assertEq(b.length, 19);
});

report();
