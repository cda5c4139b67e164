// weakref.js — WeakRef and FinalizationRegistry (builtins/weakref.c): the
// API, and the deaths that reference counting makes deterministic (an
// object no one references dies at once, or at the end of the job that
// created or deref'd it through a WeakRef). Cycles, which only the
// collector frees, are tested in tests/engine/test_weakref.c.

var nonRegistered = Symbol("s");
var registered = Symbol.for("registered");

test("WeakRef: constructor shape", function () {
    assertEq(typeof WeakRef, "function");
    assertEq(WeakRef.length, 1);
    assertEq(WeakRef.name, "WeakRef");
    assertEq(Object.getPrototypeOf(WeakRef.prototype), Object.prototype);
    assertEq(WeakRef.prototype.constructor, WeakRef);
    assertEq(WeakRef.prototype.deref.length, 0);
    assertEq(WeakRef.prototype[Symbol.toStringTag], "WeakRef");
    assertEq(String(new WeakRef({})), "[object WeakRef]");
    var d = Object.getOwnPropertyDescriptor(WeakRef.prototype, Symbol.toStringTag);
    assert(!d.writable && !d.enumerable && d.configurable);
});

test("WeakRef: targets must be objects or non-registered symbols", function () {
    assertThrows(TypeError, function () { WeakRef({}); });
    assertThrows(TypeError, function () { new WeakRef(); });
    assertThrows(TypeError, function () { new WeakRef(1); });
    assertThrows(TypeError, function () { new WeakRef("s"); });
    assertThrows(TypeError, function () { new WeakRef(null); });
    assertThrows(TypeError, function () { new WeakRef(registered); });
    assertEq(new WeakRef(nonRegistered).deref(), nonRegistered);
    var f = function () {};
    assertEq(new WeakRef(f).deref(), f);
});

test("WeakRef: deref returns the live target", function () {
    var o = { x: 1 };
    var w = new WeakRef(o);
    assertEq(w.deref(), o);
    assertEq(w.deref(), o);
    assertEq(Object.getOwnPropertyNames(w).length, 0);
});

test("WeakRef: deref checks its receiver", function () {
    var deref = WeakRef.prototype.deref;
    assertThrows(TypeError, function () { deref.call({}); });
    assertThrows(TypeError, function () { deref.call(undefined); });
    assertThrows(TypeError, function () { deref.call(new WeakMap()); });
    assertThrows(TypeError, function () { deref.call(WeakRef.prototype); });
});

test("WeakRef: subclasses and new.target's prototype", function () {
    class MyRef extends WeakRef {
        get() { return this.deref(); }
    }
    var o = {};
    var r = new MyRef(o);
    assert(r instanceof WeakRef);
    assertEq(r.get(), o);
    var proto = {};
    function F() {}
    F.prototype = proto;
    assertEq(Object.getPrototypeOf(Reflect.construct(WeakRef, [o], F)), proto);
});

test("FinalizationRegistry: constructor shape", function () {
    assertEq(FinalizationRegistry.length, 1);
    assertEq(FinalizationRegistry.name, "FinalizationRegistry");
    var p = FinalizationRegistry.prototype;
    assertEq(p.register.length, 2);
    assertEq(p.unregister.length, 1);
    assertEq(p[Symbol.toStringTag], "FinalizationRegistry");
    assertEq(p.cleanupSome, undefined);
    assertThrows(TypeError, function () { FinalizationRegistry(function () {}); });
    assertThrows(TypeError, function () { new FinalizationRegistry(); });
    assertThrows(TypeError, function () { new FinalizationRegistry({}); });
    var fr = new FinalizationRegistry(function () {});
    assertEq(Object.getPrototypeOf(fr), p);
    assertEq(Reflect.ownKeys(fr).length, 0);
});

test("FinalizationRegistry: register validates its arguments", function () {
    var fr = new FinalizationRegistry(function () {});
    var o = {};
    assertEq(fr.register(o, 1), undefined);
    assertEq(fr.register(o, o.x, undefined), undefined);
    assertEq(fr.register(nonRegistered, "held"), undefined);
    assertEq(fr.register(fr, "itself"), undefined);
    assertThrows(TypeError, function () { fr.register(1, 2); });
    assertThrows(TypeError, function () { fr.register(registered, 2); });
    assertThrows(TypeError, function () { fr.register(o, o); });
    assertThrows(TypeError, function () { fr.register(nonRegistered, nonRegistered); });
    assertThrows(TypeError, function () { fr.register(o, 1, 1); });
    assertThrows(TypeError, function () { fr.register(o, 1, null); });
    assertThrows(TypeError, function () { fr.register(o, 1, registered); });
    assertThrows(TypeError, function () { fr.register.call({}, o, 1); });
    // the token may be the target or the held value
    assertEq(fr.register(o, 1, o), undefined);
    var t = {};
    assertEq(fr.register(o, t, t), undefined);
});

test("FinalizationRegistry: unregister removes the cells of a token", function () {
    var fr = new FinalizationRegistry(function () {});
    var a = {}, b = {}, tok = {}, other = {};
    fr.register(a, "a", tok);
    fr.register(b, "b", tok);
    fr.register(a, "a2", a);
    assertEq(fr.unregister(other), false);
    assertEq(fr.unregister(tok), true);
    assertEq(fr.unregister(tok), false);
    assertEq(fr.unregister(a), true);
    assertEq(fr.unregister(a), false);
    var s = Symbol();
    fr.register(a, "sym", s);
    assertEq(fr.unregister(s), true);
    assertEq(fr.unregister(s), false);
    assertThrows(TypeError, function () { fr.unregister(1); });
    assertThrows(TypeError, function () { fr.unregister(undefined); });
    assertThrows(TypeError, function () { fr.unregister(registered); });
    assertThrows(TypeError, function () { fr.unregister.call(new WeakRef({}), a); });
});

test("FinalizationRegistry: a token only matches in its own registry", function () {
    var fr1 = new FinalizationRegistry(function () {});
    var fr2 = new FinalizationRegistry(function () {});
    var o = {}, tok = {};
    fr1.register(o, 1, tok);
    fr2.register(o, 2, tok);
    assertEq(fr2.unregister(tok), true);
    assertEq(fr2.unregister(tok), false);
    assertEq(fr1.unregister(tok), true);
});

// a function that returns a WeakRef to an object nothing else references
function weakRefToFresh() {
    return new WeakRef({ fresh: true });
}

function nextJob() {
    return Promise.resolve();
}

// registries must outlive the deaths they watch: a registry that dies
// drops its cells, so the tests keep theirs here
var liveRegistries = [];

function registry(callback) {
    var fr = new FinalizationRegistry(callback);
    liveRegistries.push(fr);
    return fr;
}

asyncTest("WeakRef: the target lives until the end of the job", function () {
    var w = weakRefToFresh();
    // the constructor kept the target alive for the rest of this job
    assertEq(w.deref().fresh, true);
    return nextJob().then(function () {
        assertEq(w.deref(), undefined);
        assertEq(w.deref(), undefined);
    });
});

asyncTest("WeakRef: deref keeps the target for the rest of its job", function () {
    var o = {};
    var w = new WeakRef(o);
    return nextJob().then(function () {
        // the creating job is over; o is still referenced
        assertEq(w.deref(), o);
        o = null;
        // deref above kept it: alive until this job ends
        assert(w.deref() !== undefined);
    }).then(function () {
        assertEq(w.deref(), undefined);
    });
});

asyncTest("WeakRef: a symbol target stays (symbols are held strongly)", function () {
    var w = new WeakRef(Symbol("gone"));
    return nextJob().then(function () {
        assertEq(typeof w.deref(), "symbol");
        assertEq(w.deref().description, "gone");
    });
});

asyncTest("FinalizationRegistry: the callback runs in a later job", function () {
    return new Promise(function (resolve, reject) {
        var calls = [];
        var fr = registry(function (held) {
            "use strict";
            calls.push(held);
            if (calls.length === 2) {
                try {
                    assertDeepEq(calls.sort(), ["one", "two"]);
                    assertEq(this, undefined);
                    resolve();
                } catch (e) {
                    reject(e);
                }
            }
        });
        (function () {
            fr.register({}, "one");
            fr.register({}, "two");
        })();
        assertEq(calls.length, 0);
    });
});

asyncTest("FinalizationRegistry: unregister before the job cancels the callback", function () {
    var called = [];
    var fr = registry(function (held) { called.push(held); });
    var tok = {};
    (function () {
        fr.register({}, "cancelled", tok);
        fr.register({}, "kept");
    })();
    // both targets died; their cells wait for the cleanup job
    assertEq(fr.unregister(tok), true);
    return nextJob().then(nextJob).then(function () {
        assertDeepEq(called, ["kept"]);
    });
});

asyncTest("FinalizationRegistry: a dead token does not stop the callback", function () {
    return new Promise(function (resolve) {
        var fr = registry(resolve);
        var target = {};
        // the token dies when the function returns, the target after
        (function () { fr.register(target, "held", {}); })();
        target = null;
    }).then(function (held) {
        assertEq(held, "held");
    });
});

asyncTest("FinalizationRegistry: unregister among tokens that are also targets", function () {
    var log1 = [], log2 = [];
    var fr1 = registry(function (h) { log1.push(h); });
    var fr2 = registry(function (h) { log2.push(h); });
    (function () {
        var o = {};
        for (var i = 0; i < 3; i++) {
            fr1.register(o, i, o);
            fr2.register(o, i, o);
            fr1.register(o, "x" + i);
        }
        assertEq(fr1.unregister(o), true);
        assertEq(fr1.unregister(o), false);
    })();
    return nextJob().then(nextJob).then(function () {
        assertDeepEq(log1.sort(), ["x0", "x1", "x2"]);
        assertDeepEq(log2.sort(), [0, 1, 2]);
    });
});

asyncTest("FinalizationRegistry: a registry that dies drops its cells", function () {
    var called = false;
    (function () {
        var fr = new FinalizationRegistry(function () { called = true; });
        fr.register({}, "never");
        var target = {};
        fr.register(target, "never either");
    })();
    return nextJob().then(nextJob).then(nextJob).then(function () {
        assertEq(called, false);
    });
});

reportAsync();
