// reflect.js — the Reflect namespace.

test("Reflect object", function () {
    assertEq(typeof Reflect, "object");
    assertEq(Object.getPrototypeOf(Reflect), Object.prototype);
    assertEq(Reflect[Symbol.toStringTag], "Reflect");
    assertThrows(TypeError, function () { Reflect(); });
    assertThrows(TypeError, function () { new Reflect(); });
    var d = Object.getOwnPropertyDescriptor(this, "Reflect");
    assertEq(d.enumerable, false);
    assertEq(d.writable, true);
});

test("apply and construct", function () {
    function f(a, b) { return this.x + a + b; }
    assertEq(Reflect.apply(f, { x: 1 }, [2, 3]), 6);
    assertThrows(TypeError, function () { Reflect.apply(1, null, []); });
    assertThrows(TypeError, function () { Reflect.apply(f, null); });
    function C(a) { this.a = a; }
    var o = Reflect.construct(C, [1]);
    assertEq(o.a, 1);
    assertEq(Object.getPrototypeOf(o), C.prototype);
    function D() {}
    assertEq(Object.getPrototypeOf(Reflect.construct(C, [], D)), D.prototype);
    var e = Reflect.construct(Error, ["m"], D);
    assertEq(Object.getPrototypeOf(e), D.prototype);
    assertEq(e.message, "m");
    assertThrows(TypeError, function () { Reflect.construct(function () {}, [], undefined); });
    assertThrows(TypeError, function () { Reflect.construct(() => 1, []); });
    assertThrows(TypeError, function () { Reflect.construct(C, [], Math.max); });
    assertEq(Reflect.construct.length, 2);
});

test("defineProperty and deleteProperty", function () {
    var o = {};
    assertEq(Reflect.defineProperty(o, "a", { value: 1 }), true);
    assertEq(Reflect.defineProperty(o, "a", { value: 2 }), false);
    assertEq(Reflect.deleteProperty(o, "a"), false);
    o.b = 1;
    assertEq(Reflect.deleteProperty(o, "b"), true);
    assertEq(Reflect.deleteProperty(o, "zz"), true);
    assertEq(Reflect.defineProperty(Object.preventExtensions({}), "x", { value: 1 }), false);
    assertThrows(TypeError, function () { Reflect.defineProperty(1, "a", {}); });
    assertThrows(TypeError, function () { Reflect.defineProperty({}, "a", 1); });
    assertThrows(TypeError, function () { Reflect.deleteProperty(1, "a"); });
});

test("get and set with receivers", function () {
    var o = { get x() { return this.y; }, y: 1, set z(v) { this.w = v; } };
    assertEq(Reflect.get(o, "x"), 1);
    assertEq(Reflect.get(o, "x", { y: 2 }), 2);
    assertEq(Reflect.get([5], 0), 5);
    var r = {};
    assertEq(Reflect.set(o, "z", 3, r), true);
    assertEq(r.w, 3);
    assertEq(Reflect.set(o, "y", 9, r), true);
    assertEq(r.y, 9);
    assertEq(o.y, 1);
    var ro = Object.defineProperty({}, "k", { value: 1 });
    assertEq(Reflect.set(ro, "k", 2), false);
    assertEq(Reflect.set({}, "k", 2, ro), false);
    assertEq(Reflect.set(Object.freeze({}), "n", 1), false);
    assertEq(Reflect.set({}, "k", 1, 1), false);
    assertEq(Reflect.set({ get a() {} }, "a", 1), false);
    var arr = [];
    assertEq(Reflect.set(arr, "length", 5), true);
    assertEq(arr.length, 5);
    assertThrows(TypeError, function () { Reflect.get(1, "a"); });
    assertThrows(TypeError, function () { Reflect.set(1, "a", 1); });
});

test("has, ownKeys, descriptors", function () {
    var s = Symbol();
    var o = Object.create({ inh: 1 });
    o.b = 1;
    o[2] = 1;
    o[s] = 1;
    assertEq(Reflect.has(o, "inh"), true);
    assertEq(Reflect.has(o, "nope"), false);
    var keys = Reflect.ownKeys(o);
    assertEq(keys.length, 3);
    assertEq(keys[0], "2");
    assertEq(keys[1], "b");
    assertEq(keys[2], s);
    assertDeepEq(Reflect.ownKeys([1]), ["0", "length"]);
    assertEq(Reflect.getOwnPropertyDescriptor(o, "b").value, 1);
    assertEq(Reflect.getOwnPropertyDescriptor(o, "inh"), undefined);
    assertThrows(TypeError, function () { Reflect.has(1, "a"); });
    assertThrows(TypeError, function () { Reflect.ownKeys("a"); });
    assertThrows(TypeError, function () { Reflect.getOwnPropertyDescriptor(1, "a"); });
});

test("prototypes and extensibility", function () {
    var o = {};
    assertEq(Reflect.getPrototypeOf(o), Object.prototype);
    assertEq(Reflect.setPrototypeOf(o, null), true);
    assertEq(Reflect.getPrototypeOf(o), null);
    var p = {};
    var c = Object.create(p);
    assertEq(Reflect.setPrototypeOf(p, c), false);
    assertEq(Reflect.setPrototypeOf(Object.preventExtensions({}), {}), false);
    assertThrows(TypeError, function () { Reflect.setPrototypeOf({}, 1); });
    assertThrows(TypeError, function () { Reflect.setPrototypeOf({}); });
    assertThrows(TypeError, function () { Reflect.getPrototypeOf(1); });
    assertEq(Reflect.isExtensible(o), true);
    assertEq(Reflect.preventExtensions(o), true);
    assertEq(Reflect.isExtensible(o), false);
    assertThrows(TypeError, function () { Reflect.isExtensible(1); });
    assertThrows(TypeError, function () { Reflect.preventExtensions(1); });
});

report();
