// proxy.js — Proxy exotic objects: every trap, its forwarding when absent,
// the invariant checks, revocation, [[Call]]/[[Construct]], and proxies met
// by the rest of the engine (prototype chains, Array.isArray, JSON, for-in).

function logHandler(log, extra) {
    var h = {};
    ["getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions",
     "getOwnPropertyDescriptor", "defineProperty", "has", "get", "set",
     "deleteProperty", "ownKeys", "apply", "construct"].forEach(function (name) {
        h[name] = function () {
            log.push(name);
            return Reflect[name].apply(null, arguments);
        };
    });
    for (var k in extra) h[k] = extra[k];
    return h;
}

// ---------------------------------------------------------------- basics
test("constructor shape", function () {
    assertEq(typeof Proxy, "function");
    assertEq(Proxy.length, 2);
    assertEq(Proxy.name, "Proxy");
    assertEq(Object.prototype.hasOwnProperty.call(Proxy, "prototype"), false);
    assertDeepEq(Object.getOwnPropertyNames(Proxy), ["length", "name", "revocable"]);
    assertThrows(TypeError, function () { Proxy({}, {}); });
    assertEq(Proxy.revocable.length, 2);
});

test("ProxyCreate argument checks", function () {
    [undefined, null, 1, "s", true, Symbol()].forEach(function (v) {
        assertThrows(TypeError, function () { new Proxy(v, {}); });
        assertThrows(TypeError, function () { new Proxy({}, v); });
    });
    var r = Proxy.revocable({}, {});
    r.revoke();
    // revoked proxies are allowed as target and handler
    assertEq(typeof new Proxy(r.proxy, {}), "object");
    assertEq(typeof new Proxy({}, r.proxy), "object");
});

test("typeof and callability follow the target", function () {
    assertEq(typeof new Proxy({}, {}), "object");
    assertEq(typeof new Proxy(function () {}, {}), "function");
    assertEq(typeof new Proxy([], {}), "object");
    assertThrows(TypeError, function () { new Proxy({}, {})(); });
    assertThrows(TypeError, function () { new (new Proxy({}, {}))(); });
    assertThrows(TypeError, function () { new (new Proxy(() => 1, {}))(); });
    assertEq(new Proxy(() => 7, {})(), 7);
});

// ---------------------------------------------------------------- get / set
test("get trap and forwarding", function () {
    var target = { a: 1 };
    var p = new Proxy(target, {
        get: function (t, k, r) {
            assertEq(t, target);
            assertEq(r, p);
            return k === "b" ? 42 : Reflect.get(t, k, r);
        }
    });
    assertEq(p.a, 1);
    assertEq(p.b, 42);
    assertEq(new Proxy(target, {}).a, 1);
    assertEq(new Proxy(target, { get: undefined }).a, 1);
    assertEq(new Proxy(target, { get: null }).a, 1);
    assertThrows(TypeError, function () { new Proxy(target, { get: 1 }).a; });
});

test("get keys are strings or symbols", function () {
    var keys = [];
    var p = new Proxy({}, { get: function (t, k) { keys.push(k); } });
    var s = Symbol("s");
    p[1]; p.x; p[s]; p[1.5];
    assertEq(keys[0], "1");
    assertEq(keys[1], "x");
    assertEq(keys[2], s);
    assertEq(keys[3], "1.5");
});

test("get invariants", function () {
    var t = {};
    Object.defineProperty(t, "c", { value: 1, writable: false, configurable: false });
    Object.defineProperty(t, "g", { set: function () {}, configurable: false });
    var p = new Proxy(t, { get: function () { return 2; } });
    assertThrows(TypeError, function () { p.c; });
    assertThrows(TypeError, function () { p.g; });
    assertEq(p.other, 2);
    assertEq(new Proxy(t, { get: function () { return 1; } }).c, 1);
    assertEq(new Proxy(t, { get: function () {} }).g, undefined);
});

test("proxy as prototype: get receives the receiver", function () {
    var recv;
    var proto = new Proxy({}, { get: function (t, k, r) { recv = r; return "v:" + String(k); } });
    var o = Object.create(proto);
    assertEq(o.foo, "v:foo");
    assertEq(recv, o);
    o.own = 1;
    assertEq(o.own, 1);
});

test("set trap, receiver and strict failure", function () {
    "use strict";
    var args;
    var target = {};
    var p = new Proxy(target, { set: function (t, k, v, r) { args = [t, k, v, r]; return true; } });
    p.x = 5;
    assertEq(args[0], target);
    assertEq(args[1], "x");
    assertEq(args[2], 5);
    assertEq(args[3], p);
    assertEq(target.x, undefined);
    var q = new Proxy({}, { set: function () { return false; } });
    assertThrows(TypeError, function () { q.x = 1; });
    assertEq(Reflect.set(q, "x", 1), false);
});

test("set falsish is silent in sloppy code", function () {
    var q = new Proxy({}, { set: function () { return 0; } });
    var f = Function("q", "q.x = 1; return 'ok';");
    assertEq(f(q), "ok");
});

test("set invariants", function () {
    var t = {};
    Object.defineProperty(t, "c", { value: 1, writable: false, configurable: false });
    Object.defineProperty(t, "a", { get: function () {}, configurable: false });
    var p = new Proxy(t, { set: function () { return true; } });
    assertThrows(TypeError, function () { p.c = 2; });
    assertThrows(TypeError, function () { p.a = 2; });
    p.c = 1; // same value: allowed
    assertEq(Reflect.set(p, "z", 3), true);
});

test("set without trap goes through the receiver's traps", function () {
    var log = [];
    var p = new Proxy({ foo: 1 }, logHandler(log, { set: undefined }));
    p.foo = 2;
    assertDeepEq(log, ["getOwnPropertyDescriptor", "defineProperty"]);
    log.length = 0;
    p.bar = 3;
    assertDeepEq(log, ["getOwnPropertyDescriptor", "defineProperty"]);
    assertEq(p.bar, 3);
});

test("proxy as prototype: set trap sees the array receiver", function () {
    var got;
    var proxy = new Proxy({}, { set: function (t, k, v, r) { got = [k, v, r]; return true; } });
    var arr = new Array(1);
    Object.setPrototypeOf(arr, proxy);
    arr[0] = 1;
    assertEq(got[0], "0");
    assertEq(got[1], 1);
    assertEq(got[2], arr);
    assertEq(arr.hasOwnProperty(0), false);
});

// ---------------------------------------------------------------- has / delete
test("has trap: in, with, invariants", function () {
    var p = new Proxy({}, { has: function (t, k) { return k === "yes"; } });
    assertEq("yes" in p, true);
    assertEq("no" in p, false);
    assertEq(Reflect.has(p, "yes"), true);
    var t = {};
    Object.defineProperty(t, "nc", { value: 1, configurable: false });
    assertThrows(TypeError, function () {
        "nc" in new Proxy(t, { has: function () { return false; } });
    });
    var ne = Object.preventExtensions({ a: 1 });
    assertThrows(TypeError, function () {
        "a" in new Proxy(ne, { has: function () { return false; } });
    });
    assertEq("zz" in new Proxy(ne, { has: function () { return false; } }), false);
});

test("has trap through the prototype chain", function () {
    var seen = [];
    var proto = new Proxy({}, { has: function (t, k) { seen.push(k); return k === "x"; } });
    var o = Object.create(proto);
    assertEq("x" in o, true);
    assertEq("y" in o, false);
    assertDeepEq(seen, ["x", "y"]);
});

test("deleteProperty trap and invariants", function () {
    "use strict";
    var p = new Proxy({ a: 1 }, { deleteProperty: function (t, k) { return k === "a"; } });
    assertEq(delete p.a, true);
    assertThrows(TypeError, function () { delete p.b; });
    assertEq(Reflect.deleteProperty(p, "b"), false);
    var t = {};
    Object.defineProperty(t, "nc", { value: 1, configurable: false });
    assertThrows(TypeError, function () {
        Reflect.deleteProperty(new Proxy(t, { deleteProperty: function () { return true; } }), "nc");
    });
    var ne = Object.preventExtensions({ a: 1 });
    assertThrows(TypeError, function () {
        Reflect.deleteProperty(new Proxy(ne, { deleteProperty: function () { return true; } }), "a");
    });
    var fwd = { x: 1 };
    assertEq(delete new Proxy(fwd, {}).x, true);
    assertEq("x" in fwd, false);
});

// ---------------------------------------------------------------- descriptors
test("getOwnPropertyDescriptor trap", function () {
    var p = new Proxy({ a: 1 }, {
        getOwnPropertyDescriptor: function (t, k) {
            return k === "v" ? { value: 9, configurable: true } : undefined;
        }
    });
    var d = Object.getOwnPropertyDescriptor(p, "v");
    assertEq(d.value, 9);
    assertEq(d.writable, false);
    assertEq(d.enumerable, false);
    assertEq(d.configurable, true);
    assertEq(Object.getOwnPropertyDescriptor(p, "a"), undefined);
    assertThrows(TypeError, function () {
        Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor: function () { return 1; } }), "x");
    });
});

test("getOwnPropertyDescriptor invariants", function () {
    var t = {};
    Object.defineProperty(t, "nc", { value: 1, configurable: false, writable: true });
    function gopd(target, result) {
        return Object.getOwnPropertyDescriptor(
            new Proxy(target, { getOwnPropertyDescriptor: function () { return result; } }), "nc");
    }
    assertThrows(TypeError, function () { gopd(t, undefined); });
    assertThrows(TypeError, function () { gopd({}, { value: 1, configurable: false }); });
    assertThrows(TypeError, function () { gopd({ nc: 1 }, { value: 1, configurable: false }); });
    assertThrows(TypeError, function () { gopd(t, { value: 1, writable: false, configurable: false }); });
    assertThrows(TypeError, function () { gopd(Object.preventExtensions({}), { value: 1, configurable: true }); });
    assertThrows(TypeError, function () { gopd(Object.preventExtensions({ nc: 1 }), undefined); });
    assertThrows(TypeError, function () { gopd({}, { get: 1 }); });
    assertEq(gopd(t, { value: 1, writable: true, configurable: false }).value, 1);
});

test("defineProperty trap receives a partial descriptor object", function () {
    var got;
    var p = new Proxy({}, { defineProperty: function (t, k, d) { got = d; return true; } });
    Object.defineProperty(p, "x", { enumerable: true });
    assertDeepEq(Object.keys(got), ["enumerable"]);
    Object.defineProperty(p, "y", { set: undefined });
    assertDeepEq(Object.keys(got), ["set"]);
    assertEq(Object.getPrototypeOf(got), Object.prototype);
    p.z = 5;
    assertDeepEq(Object.keys(got), ["value", "writable", "enumerable", "configurable"]);
});

test("defineProperty falsish result", function () {
    var p = new Proxy({}, { defineProperty: function () { return false; } });
    assertEq(Reflect.defineProperty(p, "x", { value: 1 }), false);
    assertThrows(TypeError, function () { Object.defineProperty(p, "x", { value: 1 }); });
});

test("defineProperty invariants", function () {
    function def(target, desc) {
        return Reflect.defineProperty(new Proxy(target, { defineProperty: function () { return true; } }), "p", desc);
    }
    assertThrows(TypeError, function () { def(Object.preventExtensions({}), { value: 1 }); });
    assertThrows(TypeError, function () { def({}, { value: 1, configurable: false }); });
    assertThrows(TypeError, function () { def({ p: 1 }, { value: 1, configurable: false }); });
    var t = {};
    Object.defineProperty(t, "p", { value: 1, writable: false, configurable: false });
    assertThrows(TypeError, function () { def(t, { value: 2 }); });
    var w = {};
    Object.defineProperty(w, "p", { value: 1, writable: true, configurable: false });
    assertThrows(TypeError, function () { def(w, { value: 1, writable: false, configurable: false }); });
    assertEq(def({}, { value: 1 }), true);
});

// ---------------------------------------------------------------- ownKeys
test("ownKeys keeps the trap's order", function () {
    var s = Symbol("s");
    var p = new Proxy({}, { ownKeys: function () { return ["z", "10", s, "2", "a"]; } });
    var keys = Reflect.ownKeys(p);
    assertEq(keys.length, 5);
    assertEq(keys[0], "z");
    assertEq(keys[1], "10");
    assertEq(keys[2], s);
    assertEq(keys[3], "2");
    assertDeepEq(Object.getOwnPropertyNames(p), ["z", "10", "2", "a"]);
    assertEq(Object.getOwnPropertySymbols(p)[0], s);
});

test("ownKeys result validation", function () {
    function keys(result, target) {
        return Reflect.ownKeys(new Proxy(target || {}, { ownKeys: function () { return result; } }));
    }
    assertThrows(TypeError, function () { keys(undefined); });
    assertThrows(TypeError, function () { keys([1]); });
    assertThrows(TypeError, function () { keys(["a", "a"]); });
    var s = Symbol();
    assertThrows(TypeError, function () { keys([s, s]); });
    assertDeepEq(keys({ length: 2, 0: "a", 1: "b" }), ["a", "b"]);
    // a huge length fails at the first bad element without allocating
    assertThrows(TypeError, function () { keys({ length: 2 ** 53 - 1 }); });
    var nc = {};
    Object.defineProperty(nc, "k", { value: 1, configurable: false });
    assertThrows(TypeError, function () { keys([], nc); });
    assertDeepEq(keys(["k", "extra"], nc), ["k", "extra"]);
    var ne = Object.preventExtensions({ a: 1 });
    assertThrows(TypeError, function () { keys([], ne); });
    assertThrows(TypeError, function () { keys(["a", "b"], ne); });
    assertDeepEq(keys(["a"], ne), ["a"]);
});

test("Object.keys asks getOwnPropertyDescriptor for each key", function () {
    var log = [];
    var p = new Proxy({ a: 1, b: 2 }, logHandler(log));
    assertDeepEq(Object.keys(p), ["a", "b"]);
    assertDeepEq(log, ["ownKeys", "getOwnPropertyDescriptor", "getOwnPropertyDescriptor"]);
    log.length = 0;
    var hidden = new Proxy({ a: 1, b: 2 }, {
        getOwnPropertyDescriptor: function (t, k) {
            var d = Reflect.getOwnPropertyDescriptor(t, k);
            if (k === "b") d.enumerable = false;
            return d;
        }
    });
    assertDeepEq(Object.keys(hidden), ["a"]);
    assertDeepEq(Object.entries(hidden), [["a", 1]]);
});

test("for-in over a proxy", function () {
    var out = [];
    for (var k in new Proxy([1, 2, 3], {})) out.push(k);
    assertDeepEq(out, ["0", "1", "2"]);
    out = [];
    var p = new Proxy({ a: 0, b: 0 }, {
        ownKeys: function () { return ["b", "a"]; }
    });
    for (var k2 in p) out.push(k2);
    assertDeepEq(out, ["b", "a"]);
});

// ---------------------------------------------------------------- prototypes
test("getPrototypeOf trap and invariant", function () {
    var proto = {};
    var p = new Proxy({}, { getPrototypeOf: function () { return proto; } });
    assertEq(Object.getPrototypeOf(p), proto);
    assertEq(proto.isPrototypeOf(p), true);
    assertThrows(TypeError, function () {
        Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: function () { return 1; } }));
    });
    assertThrows(TypeError, function () {
        Object.getPrototypeOf(new Proxy(Object.preventExtensions({}), { getPrototypeOf: function () { return proto; } }));
    });
    assertEq(Object.getPrototypeOf(new Proxy([], {})), Array.prototype);
});

test("instanceof walks through getPrototypeOf", function () {
    function F() {}
    var p = new Proxy({}, { getPrototypeOf: function () { return F.prototype; } });
    assertEq(p instanceof F, true);
    assertEq(Object.create(p) instanceof F, true);
});

test("setPrototypeOf trap and invariant", function () {
    var p = new Proxy({}, { setPrototypeOf: function () { return false; } });
    assertEq(Reflect.setPrototypeOf(p, null), false);
    assertThrows(TypeError, function () { Object.setPrototypeOf(p, null); });
    var ne = Object.preventExtensions({});
    assertThrows(TypeError, function () {
        Reflect.setPrototypeOf(new Proxy(ne, { setPrototypeOf: function () { return true; } }), null);
    });
    assertEq(Reflect.setPrototypeOf(new Proxy(ne, { setPrototypeOf: function () { return true; } }), Object.prototype), true);
    var t = {};
    var q = new Proxy(t, {});
    Object.setPrototypeOf(q, Array.prototype);
    assertEq(Object.getPrototypeOf(t), Array.prototype);
    q.__proto__ = null;
    assertEq(Object.getPrototypeOf(t), null);
});

test("prototype cycles stop at a proxy", function () {
    var a = {};
    var p = new Proxy(a, {});
    // the cycle check ends at the proxy: allowed by the spec
    assertEq(Reflect.setPrototypeOf(a, Object.create(p)), true);
});

test("isExtensible / preventExtensions", function () {
    assertEq(Object.isExtensible(new Proxy({}, {})), true);
    var t = {};
    var p = new Proxy(t, {});
    Object.preventExtensions(p);
    assertEq(Object.isExtensible(t), false);
    assertThrows(TypeError, function () {
        Object.isExtensible(new Proxy({}, { isExtensible: function () { return false; } }));
    });
    assertThrows(TypeError, function () {
        Object.preventExtensions(new Proxy({}, { preventExtensions: function () { return true; } }));
    });
    assertEq(Reflect.preventExtensions(new Proxy({}, { preventExtensions: function () { return false; } })), false);
    assertThrows(TypeError, function () {
        Object.preventExtensions(new Proxy({}, { preventExtensions: function () { return false; } }));
    });
    var fr = new Proxy({ a: 1 }, {});
    Object.freeze(fr);
    assertEq(Object.isFrozen(fr), true);
});

// ---------------------------------------------------------------- call / construct
test("apply trap", function () {
    var args;
    function f(a, b) { return a + b; }
    var p = new Proxy(f, { apply: function (t, thisArg, list) { args = [t, thisArg, list]; return 99; } });
    var o = { m: p };
    assertEq(o.m(1, 2), 99);
    assertEq(args[0], f);
    assertEq(args[1], o);
    assertDeepEq(args[2], [1, 2]);
    assertEq(Array.isArray(args[2]), true);
    assertEq(new Proxy(f, {})(3, 4), 7);
    assertEq(p.call(null, 1), 99);
    assertEq(Reflect.apply(p, null, []), 99);
});

test("construct trap", function () {
    function C(x) { this.x = x; }
    var got;
    var p = new Proxy(C, { construct: function (t, list, nt) { got = [t, list, nt]; return { made: true }; } });
    var o = new p(1);
    assertEq(o.made, true);
    assertEq(got[0], C);
    assertDeepEq(got[1], [1]);
    assertEq(got[2], p);
    assertThrows(TypeError, function () {
        new (new Proxy(C, { construct: function () { return 1; } }))();
    });
    var q = new Proxy(C, {});
    var inst = new q(5);
    assertEq(inst.x, 5);
    assertEq(inst instanceof C, true);
    function NT() {}
    assertEq(Object.getPrototypeOf(Reflect.construct(q, [], NT)), NT.prototype);
});

test("class extends a proxy", function () {
    class A { constructor() { this.a = 1; } }
    var P = new Proxy(A, {});
    class B extends P { constructor() { super(); this.b = 2; } }
    var b = new B();
    assertEq(b.a, 1);
    assertEq(b.b, 2);
    assertEq(b instanceof A, true);
});

test("bound proxies", function () {
    var p = new Proxy(function (a) { return this.v + a; }, {});
    var b = p.bind({ v: 1 }, 2);
    assertEq(b(), 3);
    assertEq(typeof b, "function");
});

// ---------------------------------------------------------------- revocation
test("revocable", function () {
    var r = Proxy.revocable({ a: 1 }, {});
    assertDeepEq(Object.keys(r), ["proxy", "revoke"]);
    assertEq(r.proxy.a, 1);
    assertEq(r.revoke.length, 0);
    assertEq(r.revoke.name, "");
    assertEq(r.revoke(), undefined);
    assertEq(r.revoke(), undefined);
    var p = r.proxy;
    [function () { p.a; }, function () { p.a = 1; }, function () { "a" in p; },
     function () { delete p.a; }, function () { Object.keys(p); },
     function () { Object.getPrototypeOf(p); }, function () { Object.setPrototypeOf(p, null); },
     function () { Object.isExtensible(p); }, function () { Object.preventExtensions(p); },
     function () { Object.getOwnPropertyDescriptor(p, "a"); },
     function () { Object.defineProperty(p, "a", {}); }, function () { Array.isArray(p); },
     function () { JSON.stringify(p); }].forEach(function (f) {
        assertThrows(TypeError, f);
    });
    assertEq(typeof p, "object");
    assertThrows(TypeError, function () { new r.revoke(); });
});

test("revoked function proxy stays callable-typed", function () {
    var r = Proxy.revocable(function () {}, {});
    r.revoke();
    assertEq(typeof r.proxy, "function");
    assertThrows(TypeError, function () { r.proxy(); });
    assertThrows(TypeError, function () { new r.proxy(); });
    assertThrows(TypeError, function () { Reflect.construct(function () {}, [], r.proxy); });
});

test("a trap that revokes its own proxy", function () {
    var r = Proxy.revocable({ a: 1 }, {
        get: function (t, k) { r.revoke(); return t[k]; },
        ownKeys: function (t) { r.revoke(); return Reflect.ownKeys(t); }
    });
    assertEq(r.proxy.a, 1);
    assertThrows(TypeError, function () { r.proxy.a; });
    var r2 = Proxy.revocable({ a: 1 }, {
        ownKeys: function (t) { r2.revoke(); return Reflect.ownKeys(t); }
    });
    // the keys come back; reading enumerability afterwards hits the revoked proxy
    assertThrows(TypeError, function () { Object.keys(r2.proxy); });
    assertDeepEq(Reflect.ownKeys(Proxy.revocable({ b: 2 }, {}).proxy), ["b"]);
});

// ---------------------------------------------------------------- engine integration
test("Array.isArray and Object.prototype.toString", function () {
    assertEq(Array.isArray(new Proxy([], {})), true);
    assertEq(Array.isArray(new Proxy(new Proxy([], {}), {})), true);
    assertEq(Array.isArray(new Proxy({}, {})), false);
    assertEq(Object.prototype.toString.call(new Proxy([], {})), "[object Array]");
    assertEq(Object.prototype.toString.call(new Proxy(function () {}, {})), "[object Function]");
    assertEq(Object.prototype.toString.call(new Proxy({}, {})), "[object Object]");
});

test("JSON through proxies", function () {
    assertEq(JSON.stringify(new Proxy([1, { a: 2 }], {})), '[1,{"a":2}]');
    assertEq(JSON.stringify(new Proxy({ b: 1, a: [2] }, {})), '{"b":1,"a":[2]}');
    var p = new Proxy({}, {
        ownKeys: function () { return ["x", "y"]; },
        getOwnPropertyDescriptor: function () { return { value: 1, enumerable: true, configurable: true }; },
        get: function (t, k) { return k === "toJSON" ? undefined : k + "!"; }
    });
    assertEq(JSON.stringify(p), '{"x":"x!","y":"y!"}');
});

test("Array methods on a proxied array", function () {
    var log = [];
    var p = new Proxy([3, 1, 2], logHandler(log));
    assertEq(Array.prototype.join.call(p, "-"), "3-1-2");
    assertDeepEq(Array.prototype.slice.call(p), [3, 1, 2]);
    Array.prototype.push.call(p, 4);
    assertEq(p.length, 4);
    assertDeepEq(Array.prototype.map.call(p, function (x) { return x * 2; }), [6, 2, 4, 8]);
    assertDeepEq([].concat(p), [3, 1, 2, 4]);
    var spread = [...p];
    assertDeepEq(spread, [3, 1, 2, 4]);
});

test("Object.assign and spread read through traps", function () {
    var p = new Proxy({ a: 1, b: 2 }, {});
    assertDeepEq(Object.assign({}, p), { a: 1, b: 2 });
    assertDeepEq({ ...p }, { a: 1, b: 2 });
    var { a, ...rest } = p;
    assertEq(a, 1);
    assertDeepEq(rest, { b: 2 });
});

test("deep proxy chains do not crash", function () {
    var p = {};
    for (var i = 0; i < 200000; i++) p = new Proxy(p, {});
    assertThrows(RangeError, function () { p.x; });
    assertEq(Array.isArray(p), false);
    assertEq(typeof p, "object");
    p = null;
});

test("handler and target held while a trap runs", function () {
    var target = { v: 1 };
    var handler = {
        get: function (t, k) {
            proxyHolder.p = null;
            handler.get = undefined;
            return t[k] + 1;
        }
    };
    var proxyHolder = { p: new Proxy(target, handler) };
    assertEq(proxyHolder.p.v, 2);
});

test("private fields on a proxy do not reach the handler", function () {
    var log = [];
    class Base { constructor(o) { return o; } }
    class Stamp extends Base {
        #tag = 7;
        static read(o) { return o.#tag; }
        static has(o) { return #tag in o; }
    }
    var p = new Proxy({}, logHandler(log));
    new Stamp(p);
    assertEq(Stamp.read(p), 7);
    assertEq(Stamp.has(p), true);
    assertDeepEq(log, []);
});

report();
