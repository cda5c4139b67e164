// async.js — async functions, async generators, for await and yield* in
// async generators (async.c, async_generator.c, async_iter.c and the
// compiled awaits around them).

function collect(iterable) {
    return (async function () {
        var out = [];
        for await (var x of iterable) out.push(x);
        return out;
    })();
}

asyncTest("await: values, promises and thenables", async function () {
    assertEq(await 1, 1);
    assertEq(await Promise.resolve(2), 2);
    assertEq(await { then: function (r) { r(3); } }, 3);
    try {
        await Promise.reject(new RangeError("r"));
        throw new Error("not reached");
    } catch (e) {
        assert(e instanceof RangeError);
    }
});

asyncTest("await: a native promise costs three ticks, no more", function () {
    var log = [];
    async function f() {
        log.push("f1");
        await undefined;
        log.push("f2");
        await Promise.resolve();
        log.push("f3");
    }
    f();
    var p = Promise.resolve();
    p.then(function () { log.push("t1"); })
        .then(function () { log.push("t2"); })
        .then(function () { log.push("t3"); });
    return new Promise(function (r) { setTimeoutLike(r, 5); }).then(function () {
        assertDeepEq(log, ["f1", "f2", "t1", "f3", "t2", "t3"]);
    });
});

// resolves after n turns of the job queue
function setTimeoutLike(resolve, n) {
    var p = Promise.resolve();
    for (var i = 0; i < n; i++) p = p.then(function () {});
    p.then(resolve);
}

asyncTest("async generator: yields, return value and the request queue", async function () {
    async function* g() {
        var x = yield 1;
        yield x * 2;
        return 10;
    }
    var it = g();
    var results = await Promise.all([it.next(), it.next(21), it.next(), it.next()]);
    assertDeepEq(results.map(function (r) { return [r.value, r.done]; }),
                 [[1, false], [42, false], [10, true], [undefined, true]]);
});

asyncTest("async generator: return() and throw() while suspended", async function () {
    var cleaned = false;
    async function* g() {
        try {
            yield 1;
            yield 2;
        } finally {
            cleaned = true;
        }
    }
    var it = g();
    await it.next();
    var r = await it.return(Promise.resolve(7));
    assertEq(r.value, 7);
    assertEq(r.done, true);
    assert(cleaned);
    var it2 = g();
    await it2.next();
    try {
        await it2.throw(new TypeError("t"));
        throw new Error("not reached");
    } catch (e) {
        assert(e instanceof TypeError);
    }
});

asyncTest("for await: async iterables, sync iterables, promises in arrays", async function () {
    async function* g() { yield 1; yield 2; }
    assertDeepEq(await collect(g()), [1, 2]);
    assertDeepEq(await collect([Promise.resolve(3), 4]), [3, 4]);
    assertDeepEq(await collect(new Set(["a", "b"])), ["a", "b"]);
});

asyncTest("for await: break and return close the iterator, awaiting return()", async function () {
    var log = [];
    var iterable = {
        [Symbol.asyncIterator]: function () {
            var i = 0;
            return {
                next: function () { return Promise.resolve({ value: i++, done: false }); },
                return: function () {
                    log.push("return");
                    return Promise.resolve({ done: true });
                },
            };
        },
    };
    for await (var x of iterable) {
        if (x === 2) break;
        log.push(x);
    }
    async function firstOf(it) {
        for await (var y of it) return y;
    }
    assertEq(await firstOf(iterable), 0);
    assertDeepEq(log, [0, 1, "return", "return"]);
});

asyncTest("for await: a throw in the body closes the iterator", async function () {
    var closed = 0;
    var iterable = {
        [Symbol.asyncIterator]: function () {
            return {
                next: function () { return { value: 1, done: false }; },
                return: function () { closed++; throw new Error("ignored"); },
            };
        },
    };
    try {
        for await (var x of iterable) throw new SyntaxError("body");
    } catch (e) {
        assert(e instanceof SyntaxError, "the body's error wins");
    }
    assertEq(closed, 1);
});

asyncTest("for await: a rejected next() does not close the iterator", async function () {
    var closed = false;
    var iterable = {
        [Symbol.asyncIterator]: function () {
            return {
                next: function () { return Promise.reject(new RangeError("next")); },
                return: function () { closed = true; return {}; },
            };
        },
    };
    try {
        for await (var x of iterable);
        throw new Error("not reached");
    } catch (e) {
        assert(e instanceof RangeError);
    }
    assertEq(closed, false);
});

asyncTest("for await: a non-object result is a TypeError", async function () {
    var iterable = { [Symbol.asyncIterator]: function () { return { next: function () { return 1; } }; } };
    try {
        for await (var x of iterable);
        throw new Error("not reached");
    } catch (e) {
        assert(e instanceof TypeError);
    }
});

asyncTest("for await: a sync iterator's rejected value closes it", async function () {
    var closed = false;
    var sync = {
        [Symbol.iterator]: function () {
            return {
                next: function () { return { value: Promise.reject(5), done: false }; },
                return: function () { closed = true; return {}; },
            };
        },
    };
    try {
        for await (var x of sync);
    } catch (e) {
        assertEq(e, 5);
    }
    assertEq(closed, true);
});

asyncTest("yield*: delegates to async and sync iterables", async function () {
    async function* inner() { var r = yield 1; yield r; return "done"; }
    async function* outer() {
        var v = yield* inner();
        yield v;
        yield* [Promise.resolve(2), 3];
    }
    var it = outer();
    var out = [];
    out.push((await it.next()).value);
    out.push((await it.next("sent")).value);
    for (var r = await it.next(); !r.done; r = await it.next()) out.push(r.value);
    assertDeepEq(out, [1, "sent", "done", 2, 3]);
});

asyncTest("yield*: return() and throw() are forwarded", async function () {
    var log = [];
    async function* inner() {
        try {
            yield 1;
        } catch (e) {
            log.push("caught " + e);
            yield 2;
        } finally {
            log.push("inner finally");
        }
    }
    async function* outer() { yield* inner(); }
    var it = outer();
    await it.next();
    assertEq((await it.throw("x")).value, 2);
    var r = await it.return(9);
    assertDeepEq([r.value, r.done], [9, true]);
    assertDeepEq(log, ["caught x", "inner finally"]);
});

asyncTest("yield*: an iterator without throw() is closed, then TypeError", async function () {
    var closed = false;
    var iterable = {
        [Symbol.asyncIterator]: function () {
            return {
                next: function () { return { value: 1, done: false }; },
                return: function () { closed = true; return {}; },
            };
        },
    };
    async function* g() { yield* iterable; }
    var it = g();
    await it.next();
    try {
        await it.throw(new Error("x"));
        throw new Error("not reached");
    } catch (e) {
        assert(e instanceof TypeError);
    }
    assert(closed);
});

asyncTest("parameters: defaults are in their TDZ until initialised", async function () {
    function f(a = b, b) { return a; }
    assertThrows(ReferenceError, function () { f(); });
    var g = async function* (a = b, b) {};
    assertThrows(ReferenceError, function () { g(); });
    function h(a, b = a + 1, c = () => b) { return c(); }
    assertEq(h(1), 2);
});

reportAsync();
