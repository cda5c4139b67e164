// object.js — the Object constructor, its statics and Object.prototype.

test("Object constructor", function () {
    var o = {};
    assertEq(Object(o), o);
    assertEq(new Object(o), o);
    assertEq(typeof Object(1), "object");
    assertEq(Object(1).valueOf(), 1);
    assertEq(Object.getPrototypeOf(Object()), Object.prototype);
    assertEq(Object.getPrototypeOf(Object(null)), Object.prototype);
    assertEq(Object.getPrototypeOf(new Object(undefined)), Object.prototype);
    assertEq(Object.length, 1);
    assertEq(Object.name, "Object");
    class Sub extends Object { constructor() { super(42); } }
    var s = new Sub();
    assertEq(Object.getPrototypeOf(s), Sub.prototype);
    assertEq(typeof s.valueOf(), "object", "NewTarget ignores the value");
});

test("Object.assign", function () {
    var log = [];
    var src = { a: 1, get b() { log.push("b"); return 2; } };
    Object.defineProperty(src, "hidden", { value: 3, enumerable: false });
    var sym = Symbol("s");
    src[sym] = 4;
    var t = Object.assign({}, src, null, undefined, "xy");
    assertEq(t.a, 1);
    assertEq(t.b, 2);
    assertEq(t.hidden, undefined);
    assertEq(t[sym], 4);
    assertEq(t[0], "x");
    assertEq(t[1], "y");
    assertDeepEq(log, ["b"]);
    assertThrows(TypeError, function () { Object.assign(null, {}); });
    var frozen = Object.freeze({ a: 0 });
    assertThrows(TypeError, function () { Object.assign(frozen, { a: 1 }); });
    assertEq(Object.assign.length, 2);
    // a getter that deletes a later key: that key is skipped
    var s2 = { get a() { delete this.b; return 1; }, b: 2 };
    assertDeepEq(Object.keys(Object.assign({}, s2)), ["a"]);
});

test("Object.create and defineProperties", function () {
    var p = { x: 1 };
    var o = Object.create(p, { y: { value: 2, enumerable: true }, z: { get: function () { return 3; } } });
    assertEq(Object.getPrototypeOf(o), p);
    assertEq(o.y, 2);
    assertEq(o.z, 3);
    assertEq(Object.getPrototypeOf(Object.create(null)), null);
    assertThrows(TypeError, function () { Object.create(1); });
    assertThrows(TypeError, function () { Object.create({}, { a: 1 }); });
    // all descriptors are validated before any is applied
    var t = {};
    assertThrows(TypeError, function () { Object.defineProperties(t, { a: { value: 1 }, b: 5 }); });
    assertEq(t.hasOwnProperty("a"), false);
});

test("Object.defineProperty", function () {
    var o = {};
    assertEq(Object.defineProperty(o, "a", { value: 1 }), o);
    var d = Object.getOwnPropertyDescriptor(o, "a");
    assertDeepEq(d, { value: 1, writable: false, enumerable: false, configurable: false });
    assertThrows(TypeError, function () { Object.defineProperty(o, "a", { value: 2 }); });
    assertThrows(TypeError, function () { Object.defineProperty(1, "a", {}); });
    assertThrows(TypeError, function () { Object.defineProperty(o, "b", { get: 1 }); });
    assertThrows(TypeError, function () { Object.defineProperty(o, "b", { get: function () {}, value: 1 }); });
    var key = { toString: function () { return "k"; } };
    Object.defineProperty(o, key, { value: 5, enumerable: true });
    assertEq(o.k, 5);
});

test("Object.keys, values, entries", function () {
    var o = { b: 1, a: 2, 1: "x", 0: "y" };
    Object.defineProperty(o, "h", { value: 0, enumerable: false });
    o[Symbol()] = 1;
    assertDeepEq(Object.keys(o), ["0", "1", "b", "a"]);
    assertDeepEq(Object.values(o), ["y", "x", 1, 2]);
    assertDeepEq(Object.entries(o), [["0", "y"], ["1", "x"], ["b", 1], ["a", 2]]);
    assertDeepEq(Object.keys("ab"), ["0", "1"]);
    assertDeepEq(Object.values("ab"), ["a", "b"]);
    assertDeepEq(Object.keys([5, 6]), ["0", "1"]);
    assertDeepEq(Object.entries([5]), [["0", 5]]);
    assertDeepEq(Object.keys(1), []);
    assertThrows(TypeError, function () { Object.keys(null); });
    // values re-checks each key: a getter can hide a later property
    var g = { get a() { Object.defineProperty(this, "b", { enumerable: false }); return 1; }, b: 2, c: 3 };
    assertDeepEq(Object.values(g), [1, 3]);
});

test("freeze, seal and their tests", function () {
    var o = { a: 1, get b() { return 2; } };
    assertEq(Object.isFrozen(o), false);
    assertEq(Object.freeze(o), o);
    assertEq(Object.isFrozen(o), true);
    assertEq(Object.isSealed(o), true);
    assertEq(Object.isExtensible(o), false);
    var d = Object.getOwnPropertyDescriptor(o, "a");
    assertEq(d.writable, false);
    assertEq(d.configurable, false);
    var s = Object.seal({ x: 1 });
    assertEq(Object.isSealed(s), true);
    assertEq(Object.isFrozen(s), false);
    s.x = 2;
    assertEq(s.x, 2);
    var arr = Object.freeze([1, 2, 3]);
    assertEq(Object.isFrozen(arr), true);
    assertThrows(TypeError, function () { "use strict"; arr[0] = 9; });
    assertThrows(TypeError, function () { "use strict"; arr.push(4); });
    assertEq(arr.length, 3);
    assertEq(Object.freeze(5), 5);
    assertEq(Object.isFrozen(5), true);
    assertEq(Object.isSealed("x"), true);
    assertEq(Object.isFrozen({}), false);
    assertEq(Object.isFrozen(Object.preventExtensions({})), true);
});

test("Object.fromEntries", function () {
    var o = Object.fromEntries([["a", 1], ["b", 2], [3, 4]]);
    assertDeepEq(o, { 3: 4, a: 1, b: 2 });
    var m = Object.fromEntries(new Map([["x", 1]]));
    assertEq(m.x, 1);
    assertThrows(TypeError, function () { Object.fromEntries([1]); });
    assertThrows(TypeError, function () { Object.fromEntries(null); });
    assertThrows(TypeError, function () { Object.fromEntries({}); });
    // the iterator is closed when an entry is bad
    var closed = 0;
    var it = {};
    it[Symbol.iterator] = function () {
        return { next: function () { return { done: false, value: 1 }; },
                 return: function () { closed++; return {}; } };
    };
    assertThrows(TypeError, function () { Object.fromEntries(it); });
    assertEq(closed, 1);
});

test("Object.groupBy", function () {
    var g = Object.groupBy([1, 2, 3, 4, 5], function (x, i) { return x % 2 ? "odd" : "even"; });
    assertEq(Object.getPrototypeOf(g), null);
    assertDeepEq(Object.keys(g), ["odd", "even"]);
    assertDeepEq(g.odd, [1, 3, 5]);
    assertDeepEq(g.even, [2, 4]);
    var idx = [];
    Object.groupBy("abc", function (c, i) { idx.push(i); return c; });
    assertDeepEq(idx, [0, 1, 2]);
    assertThrows(TypeError, function () { Object.groupBy([], null); });
    assertThrows(TypeError, function () { Object.groupBy(null, function () {}); });
    var e = new Error("x");
    try { Object.groupBy([1], function () { throw e; }); assert(false); } catch (ex) { assertEq(ex, e); }
});

test("descriptors and own keys", function () {
    var sym = Symbol("q");
    var o = { a: 1 };
    o[sym] = 2;
    Object.defineProperty(o, "g", { get: function () { return 3; }, configurable: true });
    var ds = Object.getOwnPropertyDescriptors(o);
    assertEq(ds.a.value, 1);
    assertEq(ds[sym].value, 2);
    assertEq(typeof ds.g.get, "function");
    assertEq(ds.g.set, undefined);
    assertEq(Object.getOwnPropertyDescriptor(o, "zz"), undefined);
    assertEq(Object.getOwnPropertyDescriptor("abc", "length").value, 3);
    assertDeepEq(Object.getOwnPropertyNames(o), ["a", "g"]);
    var syms = Object.getOwnPropertySymbols(o);
    assertEq(syms.length, 1);
    assertEq(syms[0], sym);
    assertDeepEq(Object.getOwnPropertyNames("ab"), ["0", "1", "length"]);
});

test("prototypes and extensibility", function () {
    assertEq(Object.getPrototypeOf(1), Number.prototype);
    assertEq(Object.getPrototypeOf("s"), String.prototype);
    assertThrows(TypeError, function () { Object.getPrototypeOf(undefined); });
    var p = {};
    var o = {};
    assertEq(Object.setPrototypeOf(o, p), o);
    assertEq(Object.getPrototypeOf(o), p);
    assertEq(Object.setPrototypeOf(1, null), 1);
    assertThrows(TypeError, function () { Object.setPrototypeOf(undefined, {}); });
    assertThrows(TypeError, function () { Object.setPrototypeOf({}, 1); });
    assertThrows(TypeError, function () { Object.setPrototypeOf(p, o); }, "cycle");
    assertThrows(TypeError, function () { Object.setPrototypeOf(Object.prototype, {}); });
    assertEq(Object.setPrototypeOf(Object.prototype, null), Object.prototype);
    var ne = Object.preventExtensions({});
    assertThrows(TypeError, function () { Object.setPrototypeOf(ne, {}); });
    assertEq(Object.isExtensible(ne), false);
    assertEq(Object.isExtensible(1), false);
    assertEq(Object.preventExtensions(1), 1);
});

test("hasOwn, is", function () {
    assertEq(Object.hasOwn({ a: 1 }, "a"), true);
    assertEq(Object.hasOwn({ a: 1 }, "b"), false);
    assertEq(Object.hasOwn("ab", 1), true);
    assertThrows(TypeError, function () { Object.hasOwn(null, "a"); });
    assertEq(Object.is(NaN, NaN), true);
    assertEq(Object.is(0, -0), false);
    assertEq(Object.is("a", "a"), true);
    assertEq(Object.is({}, {}), false);
});

test("Object.prototype methods", function () {
    var o = { a: 1 };
    assertEq(o.hasOwnProperty("a"), true);
    assertEq(o.hasOwnProperty("toString"), false);
    assertEq(Object.prototype.isPrototypeOf(o), true);
    assertEq(Object.prototype.isPrototypeOf(1), false);
    assertEq(Array.prototype.isPrototypeOf([]), true);
    assertEq(o.propertyIsEnumerable("a"), true);
    assertEq([].propertyIsEnumerable("length"), false);
    assertEq(o.valueOf(), o);
    assertEq(typeof Object.prototype.valueOf.call(1), "object");
    assertThrows(TypeError, function () { Object.prototype.valueOf.call(null); });
    assertEq(o.toLocaleString(), "[object Object]");
    // the key is converted before this
    var e = {};
    try {
        Object.prototype.hasOwnProperty.call(null, { toString: function () { throw e; } });
        assert(false);
    } catch (ex) { assertEq(ex, e); }
});

test("Object.prototype.toString", function () {
    var ts = Object.prototype.toString;
    assertEq(ts.call(undefined), "[object Undefined]");
    assertEq(ts.call(null), "[object Null]");
    assertEq(ts.call([]), "[object Array]");
    assertEq(ts.call(function () {}), "[object Function]");
    assertEq(ts.call(new Error()), "[object Error]");
    assertEq(ts.call(true), "[object Boolean]");
    assertEq(ts.call(1), "[object Number]");
    assertEq(ts.call(""), "[object String]");
    if (typeof Date === "function")
        assertEq(ts.call(new Date(0)), "[object Date]");
    if (typeof RegExp === "function")
        assertEq(ts.call(/x/), "[object RegExp]");
    assertEq(ts.call((function () { return arguments; })()), "[object Arguments]");
    assertEq(ts.call({}), "[object Object]");
    assertEq(ts.call(Symbol()), "[object Symbol]");
    assertEq(ts.call(Reflect), "[object Reflect]");
    var t = {};
    t[Symbol.toStringTag] = "Custom";
    assertEq(ts.call(t), "[object Custom]");
    t[Symbol.toStringTag] = 1;
    assertEq(ts.call(t), "[object Object]");
    var a = [];
    a[Symbol.toStringTag] = "X";
    assertEq(ts.call(a), "[object X]");
});

test("__proto__ accessor", function () {
    var p = { x: 1 };
    var o = {};
    o.__proto__ = p;
    assertEq(o.x, 1);
    assertEq(o.__proto__, p);
    o.__proto__ = 5; // ignored
    assertEq(Object.getPrototypeOf(o), p);
    var d = Object.getOwnPropertyDescriptor(Object.prototype, "__proto__");
    assertEq(typeof d.get, "function");
    assertEq(typeof d.set, "function");
    assertEq(d.enumerable, false);
    assertEq(d.configurable, true);
    assertEq(d.get.call(1), Number.prototype);
    assertEq(d.set.call(1, {}), undefined);
    assertThrows(TypeError, function () { d.set.call(undefined, {}); });
    assertThrows(TypeError, function () { d.get.call(null); });
    var n = Object.create(null);
    assertEq(n.__proto__, undefined);
});

test("Annex B accessor helpers", function () {
    var o = {};
    var g = function () { return 7; };
    var s = function (v) { this._v = v; };
    o.__defineGetter__("x", g);
    o.__defineSetter__("x", s);
    assertEq(o.x, 7);
    o.x = 3;
    assertEq(o._v, 3);
    var d = Object.getOwnPropertyDescriptor(o, "x");
    assertEq(d.enumerable, true);
    assertEq(d.configurable, true);
    assertEq(o.__lookupGetter__("x"), g);
    assertEq(o.__lookupSetter__("x"), s);
    var c = Object.create(o);
    assertEq(c.__lookupGetter__("x"), g);
    assertEq(c.__lookupGetter__("nope"), undefined);
    assertEq({ y: 1 }.__lookupGetter__("y"), undefined);
    assertThrows(TypeError, function () { o.__defineGetter__("y", 1); });
    assertThrows(TypeError, function () { Object.freeze(o).__defineGetter__("z", g); });
});

test("property attributes of Object", function () {
    var d = Object.getOwnPropertyDescriptor(Object, "prototype");
    assertEq(d.writable, false);
    assertEq(d.configurable, false);
    d = Object.getOwnPropertyDescriptor(Object, "keys");
    assertEq(d.writable, true);
    assertEq(d.enumerable, false);
    assertEq(d.configurable, true);
    assertEq(Object.keys.length, 1);
    assertEq(Object.keys.name, "keys");
    assertEq(Object.prototype.constructor, Object);
    var names = Object.getOwnPropertyNames(Object);
    assertEq(names.indexOf("name"), names.indexOf("length") + 1);
    assertThrows(TypeError, function () { new Object.keys({}); });
});

test("own key order", function () {
    var s1 = Symbol("1"), s2 = Symbol("2");
    var o = {};
    o.b = 1; o[s1] = 1; o.a = 1; o[s2] = 1;
    assertDeepEq(Object.keys(o), ["b", "a"]);
    var syms = Object.getOwnPropertySymbols(o);
    assertEq(syms[0], s1);
    assertEq(syms[1], s2);
    var big = { b: 1 };
    big["4294967295"] = 1; // 2^32-1 is not an array index
    big["3000000000"] = 1;
    assertDeepEq(Object.keys(big), ["3000000000", "b", "4294967295"]);
    var mixed = { z: 1 };
    mixed[5] = 1;
    mixed["4294967294"] = 1;
    mixed[1] = 1;
    assertDeepEq(Object.getOwnPropertyNames(mixed), ["1", "5", "4294967294", "z"]);
    var keys = [];
    Object.assign({ set x(v) { keys.push("x"); }, set y(v) { keys.push("y"); } },
                  (function () { var t = { y: 1 }; t.x = 2; return t; })());
    assertDeepEq(keys, ["y", "x"]);
});

test("freeze keeps private fields writable", function () {
    var C;
    try {
        // class fields may not be compiled yet: skip then
        C = eval("(class { #x = 1; setX(v) { this.#x = v; } getX() { return this.#x; } })");
    } catch (e) {
        if (e instanceof SyntaxError)
            return;
        throw e;
    }
    var c = Object.freeze(new C());
    c.setX(2);
    assertEq(c.getX(), 2);
    assertEq(Object.isFrozen(c), true);
    assertDeepEq(Object.getOwnPropertyNames(c), []);
});

test("freeze and seal of dictionary-mode objects", function () {
    var o = {};
    for (var i = 0; i < 100; i++) o["p" + i] = i;
    delete o.p3;
    Object.seal(o);
    assertEq(Object.isSealed(o), true);
    assertEq(Object.isFrozen(o), false);
    o.p4 = "w";
    assertEq(o.p4, "w");
    assertEq(delete o.p5, false);
    Object.freeze(o);
    assertEq(Object.isFrozen(o), true);
    o.p4 = "z";
    assertEq(o.p4, "w");
    var acc = Object.freeze({ get g() { return 1; }, set g(v) { this._v = v; } });
    assertEq(Object.getOwnPropertyDescriptor(acc, "g").configurable, false);
    assertEq(Object.isFrozen(acc), true);
});

report();
