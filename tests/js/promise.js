// promise.js — Promise, its methods and the job queue (promise.c,
// builtins/promise.c). Synchronous checks use test(); asynchronous ones use
// asyncTest(name, fn) where fn returns a promise: the weft command runs the
// job queue after the script, and report() runs once every async test
// settled.

// a promise fulfilled after n turns of the job queue
function ticks(n) {
    var p = Promise.resolve();
    for (var i = 0; i < n; i++)
        p = p.then(function () {});
    return p;
}

function isConstructor(f) {
    try {
        Reflect.construct(function () {}, [], f);
        return true;
    } catch (e) {
        return false;
    }
}

/* ---------------------------------------------------------------------
 * The constructor and the resolving functions
 * ------------------------------------------------------------------- */
test("Promise: shape", function () {
    assertEq(typeof Promise, "function");
    assertEq(Promise.length, 1);
    assertEq(Promise.name, "Promise");
    assertEq(Object.getPrototypeOf(new Promise(function () {})), Promise.prototype);
    assertEq(Promise.prototype.constructor, Promise);
    assertEq(Promise.prototype[Symbol.toStringTag], "Promise");
    assertEq(Object.prototype.toString.call(Promise.resolve()), "[object Promise]");
    assertEq(Promise[Symbol.species], Promise);
    var d = Object.getOwnPropertyDescriptor(Promise, "prototype");
    assert(!d.writable && !d.enumerable && !d.configurable);
    assertEq(Promise.prototype.then.length, 2);
    assertEq(Promise.prototype.catch.length, 1);
    assertEq(Promise.prototype.finally.length, 1);
    assertEq(Promise.all.length, 1);
    assertEq(Promise.withResolvers.length, 0);
    assertEq(Promise.try.length, 1);
});

test("Promise: constructor errors", function () {
    assertThrows(TypeError, function () { Promise(function () {}); });
    assertThrows(TypeError, function () { new Promise(); });
    assertThrows(TypeError, function () { new Promise({}); });
    assertThrows(TypeError, function () { Promise.prototype.then.call({}, function () {}); });
    assertThrows(TypeError, function () { Promise.resolve.call(1, 2); });
    assertThrows(TypeError, function () { Promise.reject.call(undefined, 2); });
    assertThrows(TypeError, function () { Promise.all.call({}, []); });
    assertThrows(TypeError, function () { Promise.prototype.finally.call(1); });
});

test("Promise: executor arguments and resolving functions", function () {
    var args, self;
    new Promise(function () {
        "use strict";
        args = arguments;
        self = this;
    });
    assertEq(self, undefined);
    assertEq(args.length, 2);
    var resolve = args[0], reject = args[1];
    assertEq(resolve.length, 1);
    assertEq(resolve.name, "");
    assertEq(reject.length, 1);
    assert(!isConstructor(resolve));
    assert(!Object.prototype.hasOwnProperty.call(resolve, "prototype"));
    assertEq(Object.getPrototypeOf(resolve), Function.prototype);
    assertEq(resolve(1), undefined);
    assertEq(reject(1), undefined);
});

test("Promise: the capability executor", function () {
    var executor;
    function NotPromise(ex) {
        executor = ex;
        ex(function () {}, function () {});
    }
    Promise.resolve.call(NotPromise, 1);
    assertEq(executor.length, 2);
    assertEq(executor.name, "");
    assertThrows(TypeError, function () { executor(function () {}, function () {}); });
    // resolve must be callable
    assertThrows(TypeError, function () {
        Promise.resolve.call(function (ex) { ex(undefined, function () {}); }, 1);
    });
    // a first call with undefined functions may be followed by a real one
    var p = Promise.resolve.call(function (ex) {
        ex(undefined, undefined);
        ex(function () {}, function () {});
    }, 1);
    assertEq(typeof p, "object");
});

test("Promise: state visible through subclassing", function () {
    class MyPromise extends Promise {
        constructor(ex) {
            super(ex);
            this.tag = "mine";
        }
    }
    var p = new MyPromise(function (r) { r(1); });
    assertEq(p.tag, "mine");
    assert(p instanceof Promise);
    var q = p.then(function () {});
    assert(q instanceof MyPromise);
    assertEq(MyPromise.resolve(p), p);
    assert(Promise.resolve(p) !== p);
    assert(MyPromise.all([]) instanceof MyPromise);
});

/* ---------------------------------------------------------------------
 * Settling and reactions
 * ------------------------------------------------------------------- */
asyncTest("resolution: values, rejections and single use", function () {
    var resolveFn, rejectFn;
    var p = new Promise(function (res, rej) {
        resolveFn = res;
        rejectFn = rej;
        res(1);
        res(2);
        rej(3);
        throw new Error("ignored after resolution");
    });
    return p.then(function (v) {
        assertEq(v, 1);
        return new Promise(function (res, rej) { rej("r"); res(4); });
    }).then(function () {
        throw new Error("should be rejected");
    }, function (r) {
        assertEq(r, "r");
    });
});

asyncTest("resolution: executor throws", function () {
    var err = new Error("boom");
    return new Promise(function () { throw err; }).then(null, function (e) {
        assertEq(e, err);
    });
});

asyncTest("resolution: self resolution is a TypeError", function () {
    var resolve;
    var p = new Promise(function (r) { resolve = r; });
    resolve(p);
    return p.then(function () { throw new Error("fulfilled"); }, function (e) {
        assert(e instanceof TypeError);
    });
});

asyncTest("resolution: thenables are followed, then read once", function () {
    var reads = 0;
    var thenable = {};
    Object.defineProperty(thenable, "then", {
        get: function () {
            reads++;
            return function (res) { res("from thenable"); };
        }
    });
    return Promise.resolve(thenable).then(function (v) {
        assertEq(v, "from thenable");
        assertEq(reads, 1);
    });
});

asyncTest("resolution: a throwing then getter rejects", function () {
    var err = new Error("getter");
    var thenable = {};
    Object.defineProperty(thenable, "then", { get: function () { throw err; } });
    return new Promise(function (r) { r(thenable); }).catch(function (e) {
        assertEq(e, err);
    });
});

asyncTest("resolution: a then that throws after resolving is ignored", function () {
    var thenable = {
        then: function (res) {
            res("ok");
            throw new Error("late");
        }
    };
    return Promise.resolve(thenable).then(function (v) { assertEq(v, "ok"); });
});

asyncTest("reactions: non-callable handlers pass values through", function () {
    return Promise.resolve(5).then(undefined, 7).then(null).then(function (v) {
        assertEq(v, 5);
        return Promise.reject(6).then(function () {}, "nope").then(null);
    }).catch(function (r) {
        assertEq(r, 6);
    });
});

asyncTest("reactions: handlers are called as functions with one argument", function () {
    var seen;
    return Promise.resolve(3).then(function () {
        "use strict";
        seen = [this, arguments.length];
    }).then(function () {
        assertEq(seen[0], undefined);
        assertEq(seen[1], 1);
    });
});

asyncTest("reactions: run in registration order", function () {
    var log = [];
    var resolve;
    var p = new Promise(function (r) { resolve = r; });
    p.then(function () { log.push(1); });
    p.then(function () { log.push(2); });
    p.catch(function () { log.push("no"); });
    p.then(function () { log.push(3); });
    resolve();
    log.push(0);
    return ticks(3).then(function () { assertDeepEq(log, [0, 1, 2, 3]); });
});

/* ---------------------------------------------------------------------
 * Job ordering (the microtask counts test262 checks)
 * ------------------------------------------------------------------- */
asyncTest("ordering: reactions run after the script, one tick each", function () {
    var log = [];
    Promise.resolve().then(function () { log.push("a1"); }).then(function () { log.push("a2"); });
    Promise.resolve().then(function () { log.push("b1"); }).then(function () { log.push("b2"); });
    log.push("sync");
    return ticks(4).then(function () {
        assertDeepEq(log, ["sync", "a1", "b1", "a2", "b2"]);
    });
});

asyncTest("ordering: resolving with a native promise costs two extra ticks", function () {
    var log = [];
    var p = Promise.resolve();
    new Promise(function (r) { r(p); }).then(function () { log.push("A"); });
    p.then(function () { log.push(1); })
        .then(function () { log.push(2); })
        .then(function () { log.push(3); });
    return ticks(6).then(function () { assertDeepEq(log, [1, 2, "A", 3]); });
});

asyncTest("ordering: a returned promise from a handler also costs two ticks", function () {
    var log = [];
    Promise.resolve().then(function () { return Promise.resolve("x"); })
        .then(function (v) { log.push(v); });
    Promise.resolve().then(function () { log.push(1); })
        .then(function () { log.push(2); })
        .then(function () { log.push(3); })
        .then(function () { log.push(4); });
    return ticks(8).then(function () { assertDeepEq(log, [1, 2, 3, "x", 4]); });
});

asyncTest("ordering: a thenable's then runs in a job, not synchronously", function () {
    var log = [];
    var thenable = { then: function (r) { log.push("then"); r(); } };
    Promise.resolve(thenable);
    log.push("sync");
    return ticks(1).then(function () { assertDeepEq(log, ["sync", "then"]); });
});

asyncTest("ordering: Promise.resolve(promise) adds no tick", function () {
    var log = [];
    var p = Promise.resolve(1);
    assertEq(Promise.resolve(p), p);
    Promise.resolve(p).then(function () { log.push("a"); });
    p.then(function () { log.push("b"); });
    return ticks(2).then(function () { assertDeepEq(log, ["a", "b"]); });
});

/* ---------------------------------------------------------------------
 * then: species and capabilities
 * ------------------------------------------------------------------- */
test("then: uses the species constructor", function () {
    var calls = 0;
    function Fake(ex) {
        calls++;
        ex(function () {}, function () {});
    }
    var p = Promise.resolve(1);
    p.constructor = {};
    p.constructor[Symbol.species] = Fake;
    var q = p.then();
    assertEq(calls, 1);
    assert(q instanceof Fake);
    p.constructor = undefined;
    assertEq(Object.getPrototypeOf(p.then()), Promise.prototype);
    p.constructor = 1;
    assertThrows(TypeError, function () { p.then(); });
    p.constructor = {};
    p.constructor[Symbol.species] = null;
    assertEq(Object.getPrototypeOf(p.then()), Promise.prototype);
    p.constructor[Symbol.species] = {};
    assertThrows(TypeError, function () { p.then(); });
});

test("catch: invokes this.then", function () {
    var args;
    var obj = { then: function (a, b) { args = [a, b]; return "ret"; } };
    var f = function () {};
    assertEq(Promise.prototype.catch.call(obj, f), "ret");
    assertEq(args[0], undefined);
    assertEq(args[1], f);
    assertThrows(TypeError, function () { Promise.prototype.catch.call({}, f); });
});

/* ---------------------------------------------------------------------
 * finally
 * ------------------------------------------------------------------- */
asyncTest("finally: keeps the value and the reason", function () {
    var calls = [];
    return Promise.resolve(1).finally(function () {
        calls.push(arguments.length);
        return 2;
    }).then(function (v) {
        assertEq(v, 1);
        return Promise.reject(3).finally(function () {
            calls.push(arguments.length);
            return 4;
        });
    }).then(function () {
        throw new Error("fulfilled");
    }, function (r) {
        assertEq(r, 3);
        assertDeepEq(calls, [0, 0]);
    });
});

asyncTest("finally: a throw or rejection in the callback wins", function () {
    var err = new Error("override");
    return Promise.resolve(1).finally(function () { throw err; }).catch(function (e) {
        assertEq(e, err);
        return Promise.reject(1).finally(function () { return Promise.reject(2); });
    }).catch(function (e) {
        assertEq(e, 2);
    });
});

asyncTest("finally: waits for the callback's promise", function () {
    var log = [];
    var resolveInner;
    var done = Promise.resolve("v").finally(function () {
        return new Promise(function (r) { resolveInner = r; });
    }).then(function (v) { log.push(v); });
    return ticks(5).then(function () {
        assertDeepEq(log, []);
        resolveInner("ignored");
        return done;
    }).then(function () { assertDeepEq(log, ["v"]); });
});

test("finally: non-callable argument is passed to then as is", function () {
    var args;
    var obj = { then: function (a, b) { args = [a, b]; } };
    Promise.prototype.finally.call(obj, 5);
    assertEq(args[0], 5);
    assertEq(args[1], 5);
    Promise.prototype.finally.call(obj, function () {});
    assertEq(typeof args[0], "function");
    assertEq(args[0].length, 1);
    assertEq(args[0].name, "");
    assert(args[0] !== args[1]);
});

/* ---------------------------------------------------------------------
 * Promise.resolve / reject / withResolvers / try
 * ------------------------------------------------------------------- */
asyncTest("Promise.reject: rejects with the reason as is", function () {
    var p = Promise.resolve(1);
    return Promise.reject(p).catch(function (r) { assertEq(r, p); });
});

test("Promise.resolve: reads constructor of promises only", function () {
    var reads = 0;
    var p = Promise.resolve(1);
    Object.defineProperty(p, "constructor", { get: function () { reads++; return Promise; } });
    assertEq(Promise.resolve(p), p);
    assertEq(reads, 1);
    var thenable = { then: function () {} };
    assert(Promise.resolve(thenable) !== thenable);
});

asyncTest("Promise.withResolvers", function () {
    var r = Promise.withResolvers();
    assertDeepEq(Object.keys(r), ["promise", "resolve", "reject"]);
    assert(r.promise instanceof Promise);
    r.resolve(42);
    r.reject(1);
    return r.promise.then(function (v) { assertEq(v, 42); });
});

asyncTest("Promise.try: calls synchronously with the arguments", function () {
    var log = [];
    var p = Promise.try(function (a, b) {
        log.push(a + b);
        return "value";
    }, 1, 2);
    log.push("after");
    var err = new Error("t");
    return p.then(function (v) {
        assertEq(v, "value");
        assertDeepEq(log, [3, "after"]);
        return Promise.try(function () { throw err; });
    }).then(function () { throw new Error("fulfilled"); }, function (e) {
        assertEq(e, err);
    });
});

/* ---------------------------------------------------------------------
 * Combinators
 * ------------------------------------------------------------------- */
asyncTest("Promise.all: values in order, mixed inputs", function () {
    var resolveLate;
    var late = new Promise(function (r) { resolveLate = r; });
    var p = Promise.all([late, 2, Promise.resolve(3), { then: function (r) { r(4); } }]);
    resolveLate(1);
    return p.then(function (v) {
        assert(Array.isArray(v));
        assertDeepEq(v, [1, 2, 3, 4]);
        return Promise.all([]);
    }).then(function (v) {
        assertDeepEq(v, []);
        return Promise.all("ab");
    }).then(function (v) {
        assertDeepEq(v, ["a", "b"]);
    });
});

asyncTest("Promise.all: first rejection wins", function () {
    return Promise.all([Promise.resolve(1), Promise.reject("e1"), Promise.reject("e2")])
        .then(function () { throw new Error("fulfilled"); }, function (r) {
            assertEq(r, "e1");
        });
});

asyncTest("Promise.all: non-iterables reject", function () {
    return Promise.all(5).then(function () { throw new Error("fulfilled"); }, function (e) {
        assert(e instanceof TypeError);
    });
});

asyncTest("Promise.all: the iterator is closed when resolve throws", function () {
    var closed = 0;
    var iter = {};
    iter[Symbol.iterator] = function () {
        return {
            next: function () { return { value: 1, done: false }; },
            return: function () { closed++; return {}; }
        };
    };
    var err = new Error("resolve");
    function C(ex) { return new Promise(ex); }
    C.resolve = function () { throw err; };
    return Promise.all.call(C, iter).then(function () { throw new Error("fulfilled"); },
        function (e) {
            assertEq(e, err);
            assertEq(closed, 1);
        });
});

asyncTest("Promise.all: a broken iterator is not closed", function () {
    var closed = 0;
    var err = new Error("next");
    var iter = {};
    iter[Symbol.iterator] = function () {
        return {
            next: function () { throw err; },
            return: function () { closed++; return {}; }
        };
    };
    return Promise.all(iter).catch(function (e) {
        assertEq(e, err);
        assertEq(closed, 0);
    });
});

test("Promise.all: element functions are single use and shaped", function () {
    var fns = [];
    var result;
    function C(ex) {
        ex(function (v) { result = v; }, function () {});
    }
    C.resolve = function (v) { return v; };
    var thenables = [0, 1].map(function (i) {
        return { then: function (f) { fns.push(f); } };
    });
    Promise.all.call(C, thenables);
    assertEq(fns.length, 2);
    assertEq(fns[0].length, 1);
    assertEq(fns[0].name, "");
    assert(!isConstructor(fns[0]));
    fns[1]("b");
    fns[1]("again");
    assertEq(result, undefined);
    fns[0]("a");
    assertDeepEq(result, ["a", "b"]);
    fns[0]("late");
    assertDeepEq(result, ["a", "b"]);
});

asyncTest("Promise.allSettled", function () {
    return Promise.allSettled([1, Promise.reject(2), Promise.resolve(3)]).then(function (v) {
        assertDeepEq(v, [
            { status: "fulfilled", value: 1 },
            { status: "rejected", reason: 2 },
            { status: "fulfilled", value: 3 },
        ]);
        return Promise.allSettled([]);
    }).then(function (v) { assertDeepEq(v, []); });
});

asyncTest("Promise.any: first fulfillment, or an AggregateError", function () {
    return Promise.any([Promise.reject(1), Promise.resolve(2), 3]).then(function (v) {
        assertEq(v, 2);
        return Promise.any([Promise.reject("a"), Promise.reject("b")]);
    }).then(function () { throw new Error("fulfilled"); }, function (e) {
        assert(e instanceof AggregateError);
        assertDeepEq(e.errors, ["a", "b"]);
        var d = Object.getOwnPropertyDescriptor(e, "errors");
        assert(d.writable && !d.enumerable && d.configurable);
        return Promise.any([]);
    }).then(function () { throw new Error("fulfilled"); }, function (e) {
        assert(e instanceof AggregateError);
        assertDeepEq(e.errors, []);
    });
});

asyncTest("Promise.race: first settlement wins", function () {
    return Promise.race([new Promise(function () {}), Promise.resolve(1), Promise.reject(2)])
        .then(function (v) {
            assertEq(v, 1);
            return Promise.race([Promise.reject(3), Promise.resolve(4)]);
        }).then(function () { throw new Error("fulfilled"); }, function (r) {
            assertEq(r, 3);
        });
});

test("Promise.race: an empty iterable stays pending", function () {
    var settled = false;
    Promise.race([]).then(function () { settled = true; }, function () { settled = true; });
    assert(!settled);
});

asyncTest("Promise.allKeyed and allSettledKeyed", function () {
    var sym = Symbol("s");
    var input = { b: Promise.resolve(2), a: 1 };
    input[sym] = Promise.resolve(3);
    Object.defineProperty(input, "hidden", { value: 4, enumerable: false });
    return Promise.allKeyed(input).then(function (r) {
        assertEq(Object.getPrototypeOf(r), null);
        assertDeepEq(Reflect.ownKeys(r).map(String), ["b", "a", "Symbol(s)"]);
        assertEq(r.b, 2);
        assertEq(r.a, 1);
        assertEq(r[sym], 3);
        return Promise.allSettledKeyed({ x: Promise.reject(1), y: 2 });
    }).then(function (r) {
        assertEq(r.x.status, "rejected");
        assertEq(r.x.reason, 1);
        assertEq(r.y.status, "fulfilled");
        assertEq(r.y.value, 2);
        return Promise.allKeyed(1);
    }).then(function () { throw new Error("fulfilled"); }, function (e) {
        assert(e instanceof TypeError);
    });
});

/* ---------------------------------------------------------------------
 * Finally, the summary once every async test settled
 * ------------------------------------------------------------------- */
reportAsync();
