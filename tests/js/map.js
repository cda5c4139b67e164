// map.js — Map, Set, WeakMap, WeakSet and their iterators (builtins/map.c).

function keysOf(it) {
    var out = [];
    for (var r = it.next(); !r.done; r = it.next()) out.push(r.value);
    return out;
}

test("Map: basic operations", function () {
    var m = new Map([[1, "a"], [2, "b"], ["x", "c"], [1, "d"]]);
    assertEq(m.size, 3);
    assertEq(m.get(1), "d");
    assertEq(m.get("x"), "c");
    assertEq(m.get("y"), undefined);
    assert(m.has(2));
    assert(!m.has("2"));
    assertEq(m.set(3, "e"), m);
    assertEq(m.size, 4);
    assert(m.delete(2));
    assert(!m.delete(2));
    assertEq(m.size, 3);
    m.clear();
    assertEq(m.size, 0);
    assertEq(m.get(1), undefined);
});

test("Map: SameValueZero keys", function () {
    var m = new Map();
    m.set(-0, "zero");
    assertEq(m.get(0), "zero");
    assertEq(m.get(-0), "zero");
    assertEq(keysOf(m.keys())[0], 0);
    assertEq(1 / keysOf(m.keys())[0], Infinity);
    m.set(NaN, "nan");
    assertEq(m.get(NaN), "nan");
    assertEq(m.get(0 / 0), "nan");
    m.set(1, "one");
    assertEq(m.get(1.0), "one");
    assertEq(m.get(0.5 + 0.5), "one");
    m.set(2 ** 40, "big");
    assertEq(m.get(2 ** 40), "big");
    m.set(1.5, "frac");
    assertEq(m.get(3 / 2), "frac");
    assertEq(m.get("1"), undefined);
    var o = {}, p = {};
    m.set(o, "o");
    assertEq(m.get(o), "o");
    assertEq(m.get(p), undefined);
    var s = Symbol("s");
    m.set(s, "sym");
    assertEq(m.get(s), "sym");
    m.set(null, "null").set(undefined, "undef").set(true, "t");
    assertEq(m.get(null), "null");
    assertEq(m.get(undefined), "undef");
    assertEq(m.get(true), "t");
    assertEq(m.get(false), undefined);
});

test("Map: string keys built in different ways", function () {
    var m = new Map();
    var long = "x".repeat(300);
    m.set(long + long, 1);
    assertEq(m.get("x".repeat(600)), 1);
    var parts = "";
    for (var i = 0; i < 600; i++) parts += "x";
    assertEq(m.get(parts), 1);
    m.set("\u20ac", 2);
    assertEq(m.get(String.fromCharCode(0x20ac)), 2);
});

test("Map: insertion order and iteration", function () {
    var m = new Map([["b", 1], ["a", 2]]);
    m.set("c", 3);
    m.set("b", 4);
    assertDeepEq(keysOf(m.keys()), ["b", "a", "c"]);
    assertDeepEq(keysOf(m.values()), [4, 2, 3]);
    assertDeepEq(keysOf(m.entries()), [["b", 4], ["a", 2], ["c", 3]]);
    assertEq(m[Symbol.iterator], m.entries);
    var seen = [];
    for (var [k, v] of m) seen.push(k + v);
    assertDeepEq(seen, ["b4", "a2", "c3"]);
    m.delete("b");
    m.set("b", 5);
    assertDeepEq(keysOf(m.keys()), ["a", "c", "b"]);
});

test("Map: iterators survive deletion and see additions", function () {
    var m = new Map([[1, 1], [2, 2], [3, 3]]);
    var it = m.keys();
    assertEq(it.next().value, 1);
    m.delete(1);
    m.delete(2);
    m.set(4, 4);
    assertDeepEq(keysOf(it), [3, 4]);
    m.set(5, 5);
    assert(it.next().done, "a finished iterator stays finished");
    it = m.keys();
    it.next();
    m.clear();
    m.set("n", 1);
    assertDeepEq(keysOf(it), ["n"]);
    it = m.keys();
    m.delete(3);
    m.set(3, 3);
    assertDeepEq(keysOf(it), ["n", 3]);
});

test("Map: forEach with mutation", function () {
    var m = new Map([[1, "a"], [2, "b"], [3, "c"]]);
    var seen = [];
    m.forEach(function (v, k, map) {
        seen.push(k);
        assertEq(map, m);
        if (k === 1) {
            m.delete(2);
            m.set(9, "z");
            m.delete(1);
        }
    });
    assertDeepEq(seen, [1, 3, 9]);
    var self;
    m.forEach(function () { self = this; }, "thisArg");
    assertEq(String(self), "thisArg");
    assertThrows(TypeError, function () { m.forEach(1); });
    var count = 0;
    var grow = new Map([[0, 0]]);
    grow.forEach(function (v, k) { if (k < 100) grow.set(k + 1, 0); count++; });
    assertEq(count, 101);
});

test("Map: constructor", function () {
    assertThrows(TypeError, function () { Map(); });
    assertThrows(TypeError, function () { new Map([1]); });
    assertThrows(TypeError, function () { new Map(5); });
    assertEq(new Map(null).size, 0);
    assertEq(new Map(undefined).size, 0);
    var m = new Map("ab".split("").map(function (c, i) { return [c, i]; }));
    assertEq(m.get("b"), 1);
    var calls = [];
    var saved = Map.prototype.set;
    Map.prototype.set = function (k, v) { calls.push(k); return saved.call(this, k, v); };
    try {
        new Map([[1, 2], [3, 4]]);
    } finally {
        Map.prototype.set = saved;
    }
    assertDeepEq(calls, [1, 3]);
    class MyMap extends Map {}
    var mm = new MyMap([[1, 2]]);
    assert(mm instanceof MyMap);
    assertEq(mm.get(1), 2);
});

test("Map: constructor closes the iterator on errors", function () {
    var closed = 0;
    var iterable = {};
    iterable[Symbol.iterator] = function () {
        return {
            next: function () { return {value: 1, done: false}; },
            return: function () { closed++; return {}; }
        };
    };
    assertThrows(TypeError, function () { new Map(iterable); });
    assertEq(closed, 1);
});

test("Map: receiver checks", function () {
    assertThrows(TypeError, function () { Map.prototype.get.call(new Set(), 1); });
    assertThrows(TypeError, function () { Map.prototype.set.call({}, 1, 2); });
    assertThrows(TypeError, function () { Map.prototype.size; });
    assertThrows(TypeError, function () { new Map().keys().next.call(new Set().values()); });
});

test("Map.groupBy", function () {
    var g = Map.groupBy([1, 2, 3, 4, 5], function (v, i) { return v % 2 ? "odd" : "even"; });
    assertDeepEq(keysOf(g.keys()), ["odd", "even"]);
    assertDeepEq(g.get("odd"), [1, 3, 5]);
    assertDeepEq(g.get("even"), [2, 4]);
    var idx = [];
    Map.groupBy("abc", function (v, i) { idx.push(i); return -0; });
    assertDeepEq(idx, [0, 1, 2]);
    assertEq(1 / keysOf(Map.groupBy([1], function () { return -0; }).keys())[0], Infinity);
    assertThrows(TypeError, function () { Map.groupBy(null, function () {}); });
    assertThrows(TypeError, function () { Map.groupBy([], 1); });
});

test("Map: getOrInsert and getOrInsertComputed", function () {
    var m = new Map([[1, "a"]]);
    assertEq(m.getOrInsert(1, "z"), "a");
    assertEq(m.getOrInsert(2, "b"), "b");
    assertEq(m.get(2), "b");
    assertEq(m.getOrInsertComputed(3, function (k) { return k * 2; }), 6);
    assertEq(m.getOrInsertComputed(1, function () { throw new Error(); }), "a");
    assertEq(m.getOrInsertComputed(-0, function (k) { return 1 / k; }), Infinity);
    assertEq(m.getOrInsertComputed(4, function (k) { m.set(4, "inner"); return "outer"; }), "outer");
    assertEq(m.get(4), "outer");
    assertThrows(TypeError, function () { m.getOrInsertComputed(5, 1); });
});

test("Map: species and properties", function () {
    assertEq(Map[Symbol.species], Map);
    assertEq(Map.length, 0);
    assertEq(Map.prototype[Symbol.toStringTag], "Map");
    assertEq(Object.prototype.toString.call(new Map()), "[object Map]");
    assertEq(Object.prototype.toString.call(new Map().entries()), "[object Map Iterator]");
    var itProto = Object.getPrototypeOf(new Map().entries());
    assertEq(Object.getPrototypeOf(itProto), Object.getPrototypeOf(Object.getPrototypeOf([].values())));
    assertEq(itProto[Symbol.iterator](), itProto);
});

test("Set: basic operations", function () {
    var s = new Set([1, 2, 2, 3, -0]);
    assertEq(s.size, 4);
    assert(s.has(0));
    assertEq(s.add(4), s);
    assert(s.delete(1));
    assertDeepEq(keysOf(s.values()), [2, 3, 0, 4]);
    assertDeepEq(keysOf(s.entries()), [[2, 2], [3, 3], [0, 0], [4, 4]]);
    assertEq(Set.prototype.keys, Set.prototype.values);
    assertEq(Set.prototype[Symbol.iterator], Set.prototype.values);
    assertDeepEq([...new Set("hello")], ["h", "e", "l", "o"]);
    s.clear();
    assertEq(s.size, 0);
    var order = [];
    new Set([1, 2, 3]).forEach(function (v, k, set) { order.push(v + k); });
    assertDeepEq(order, [2, 4, 6]);
    assertThrows(TypeError, function () { Set(); });
    assertEq(Object.prototype.toString.call(new Set().values()), "[object Set Iterator]");
});

function setOf(s) { return [...s]; }

test("Set methods with Sets", function () {
    var a = new Set([1, 2, 3, 4]), b = new Set([3, 4, 5]), big = new Set([0, 1, 2, 3, 4, 5, 6, 7]);
    assertDeepEq(setOf(a.union(b)), [1, 2, 3, 4, 5]);
    assertDeepEq(setOf(a.intersection(b)), [3, 4]);
    assertDeepEq(setOf(b.intersection(a)), [3, 4]);
    assertDeepEq(setOf(a.difference(b)), [1, 2]);
    assertDeepEq(setOf(big.difference(a)), [0, 5, 6, 7]);
    assertDeepEq(setOf(a.symmetricDifference(b)), [1, 2, 5]);
    assert(a.isSubsetOf(big));
    assert(!a.isSubsetOf(b));
    assert(big.isSupersetOf(a));
    assert(!b.isSupersetOf(a));
    assert(!a.isDisjointFrom(b));
    assert(a.isDisjointFrom(new Set([9])));
    assert(big.isDisjointFrom(new Set([9])));
    assert(a.union(b) instanceof Set);
    assertDeepEq(setOf(a), [1, 2, 3, 4], "the receiver is unchanged");
});

test("Set methods with set-likes", function () {
    var a = new Set([1, 2, 3]);
    var m = new Map([[3, "x"], [7, "y"]]);
    assertDeepEq(setOf(a.intersection(m)), [3]);
    assertDeepEq(setOf(a.union(m)), [1, 2, 3, 7]);
    var calls = [];
    var like = {
        size: 2,
        has: function (v) { calls.push("has " + v); return v === 1; },
        keys: function () {
            calls.push("keys");
            var vals = [1, -0], i = 0;
            return {next: function () { return i < vals.length ? {value: vals[i++], done: false} : {done: true}; }};
        }
    };
    assertDeepEq(setOf(new Set([1, 5, 6]).intersection(like)), [1]);
    assertDeepEq(calls, ["keys"], "a larger receiver iterates the argument");
    calls = [];
    assertDeepEq(setOf(new Set([1, 5]).intersection(like)), [1]);
    assertDeepEq(calls, ["has 1", "has 5"]);
    var u = new Set([1]).union(like);
    assertDeepEq(setOf(u), [1, 0]);
    assertEq(1 / setOf(u)[1], Infinity);
    assertThrows(TypeError, function () { a.union([1]); });
    assertThrows(TypeError, function () { a.union({size: NaN, has: function () {}, keys: function () {}}); });
    assertThrows(RangeError, function () { a.union({size: -1, has: function () {}, keys: function () {}}); });
    assertThrows(TypeError, function () { a.union({size: 1, has: 1, keys: function () {}}); });
    assertThrows(TypeError, function () { a.union({size: 1, has: function () {}, keys: function () { return 1; }}); });
    assertThrows(TypeError, function () { a.union({size: 1, has: function () {}, keys: function () { return {}; }}); });
    assertThrows(TypeError, function () { Set.prototype.union.call(new Map(), a); });
});

test("Set methods: receiver mutated during has", function () {
    var s = new Set([1, 2, 3]);
    var like = {
        size: 10,
        has: function (v) { if (v === 1) { s.delete(2); s.add(4); } return true; },
        keys: function () { throw new Error("not called"); }
    };
    assertDeepEq(setOf(s.intersection(like)), [1, 3, 4]);
    s = new Set([1, 2, 3]);
    assert(s.isSubsetOf(like));
    s = new Set([1, 2]);
    var diff = s.difference({size: 5, has: function (v) { s.add(9); return v === 1; }, keys: function () {}});
    assertDeepEq(setOf(diff), [2]);
});

test("Set methods: isSupersetOf closes the iterator", function () {
    var closed = 0;
    var like = {
        size: 1,
        has: function () {},
        keys: function () {
            return {
                next: function () { return {value: 42, done: false}; },
                return: function () { closed++; return {}; }
            };
        }
    };
    assert(!new Set([1, 2]).isSupersetOf(like));
    assertEq(closed, 1);
    assert(!new Set([42, 1]).isDisjointFrom(like));
    assertEq(closed, 2);
});

test("WeakMap", function () {
    var wm = new WeakMap();
    var k1 = {}, k2 = function () {}, sym = Symbol("s");
    assertEq(wm.set(k1, 1), wm);
    wm.set(k2, 2).set(sym, 3);
    assertEq(wm.get(k1), 1);
    assertEq(wm.get(k2), 2);
    assertEq(wm.get(sym), 3);
    assert(wm.has(k1));
    assert(!wm.has({}));
    assertEq(wm.get(1), undefined);
    assert(!wm.has("x"));
    assert(!wm.delete(1));
    assert(wm.delete(k1));
    assert(!wm.has(k1));
    assertThrows(TypeError, function () { wm.set(1, 1); });
    assertThrows(TypeError, function () { wm.set("s", 1); });
    assertThrows(TypeError, function () { wm.set(Symbol.for("registered"), 1); });
    wm.set(Symbol.iterator, "well-known");
    assertEq(wm.get(Symbol.iterator), "well-known");
    assertEq(wm.getOrInsert(k1, "new"), "new");
    assertEq(wm.getOrInsertComputed(k1, function () { throw new Error(); }), "new");
    assertThrows(TypeError, function () { wm.getOrInsert(1, 1); });
    var w2 = new WeakMap([[k1, "a"], [k2, "b"]]);
    assertEq(w2.get(k2), "b");
    assertThrows(TypeError, function () { new WeakMap([[1, 2]]); });
    assertThrows(TypeError, function () { WeakMap.prototype.get.call(new Map(), k1); });
    assertEq(Object.prototype.toString.call(wm), "[object WeakMap]");
    assertEq(WeakMap.prototype.clear, undefined);
    assertEq("size" in WeakMap.prototype, false);
});

test("WeakSet", function () {
    var ws = new WeakSet();
    var k = {}, sym = Symbol();
    assertEq(ws.add(k), ws);
    ws.add(sym);
    assert(ws.has(k));
    assert(ws.has(sym));
    assert(!ws.has(1));
    assert(ws.delete(k));
    assert(!ws.has(k));
    assertThrows(TypeError, function () { ws.add(1); });
    assertThrows(TypeError, function () { ws.add(Symbol.for("r")); });
    var w2 = new WeakSet([k, sym]);
    assert(w2.has(k));
    assertThrows(TypeError, function () { new WeakSet([1]); });
    assertEq(Object.prototype.toString.call(ws), "[object WeakSet]");
});

test("WeakMap: entries go away with their keys", function () {
    var wm = new WeakMap(), ws = new WeakSet();
    for (var i = 0; i < 10000; i++) {
        var key = {i: i};
        wm.set(key, {payload: new Array(10)});
        ws.add(key);
    }
    // the keys are unreachable: this must neither crash nor grow without bound
    var keep = {};
    wm.set(keep, 1);
    assertEq(wm.get(keep), 1);
    // a value that refers back to the map (a cycle through the map)
    var k2 = {};
    wm.set(k2, {map: wm, key: k2});
    assertEq(wm.get(k2).key, k2);
});

test("large maps", function () {
    var m = new Map();
    for (var i = 0; i < 20000; i++) m.set("k" + i, i);
    assertEq(m.size, 20000);
    for (var j = 0; j < 20000; j += 2) m.delete("k" + j);
    assertEq(m.size, 10000);
    assertEq(m.get("k19999"), 19999);
    assertEq(m.get("k19998"), undefined);
    var n = 0;
    m.forEach(function () { n++; });
    assertEq(n, 10000);
    var s = new Set();
    for (var k = 0; k < 20000; k++) s.add(k * 0.5);
    assertEq(s.size, 20000);
    assert(s.has(1));
    assert(s.has(9999.5));
});

report();
