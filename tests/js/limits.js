// limits.js — what a script sees of the engine's limits: running out of
// stack is a RangeError it can catch, from JS recursion, through builtins
// and from the parser, after which everything works as before. (The C side
// of the limits, with memory limits and interrupts, is
// tests/engine/test_limits.c.)

function overflowError(fn) {
    try {
        fn();
    } catch (e) {
        return e;
    }
    throw new Error("no error was thrown");
}

function assertOverflow(fn) {
    var e = overflowError(fn);
    assert(e instanceof RangeError, "expected a RangeError, got " + e);
    assertEq(e.message, "Maximum call stack size exceeded");
    return e;
}

function depthReached() {
    var depth = 0;
    function down() {
        depth++;
        down();
    }
    assertOverflow(down);
    return depth;
}

function nested(open, middle, close, n) {
    return open.repeat(n) + middle + close.repeat(n);
}

test("recursion ends in a catchable RangeError", function () {
    var e = assertOverflow(function f() { f(); });
    assertEq(e.name, "RangeError");
    assertEq(typeof e.stack, "string");
});

test("the stack is whole again after an overflow", function () {
    var first = depthReached();
    assert(first > 1000, "depth " + first);
    for (var i = 0; i < 3; i++)
        assertEq(depthReached(), first);
});

test("recursion continues after catching an overflow midway", function () {
    var caughtAt = -1;
    function down(n) {
        if (n === 500) {
            try {
                (function f() { f(); })();
            } catch (e) {
                caughtAt = n;
            }
        }
        return n === 1000 ? n : down(n + 1);
    }
    assertEq(down(0), 1000);
    assertEq(caughtAt, 500);
});

test("finally blocks run while an overflow unwinds", function () {
    var finals = 0;
    function f() {
        try {
            f();
        } finally {
            finals++;
        }
    }
    assertOverflow(f);
    assert(finals > 100, "finally ran " + finals + " times");
});

test("overflow through getters, toString and valueOf", function () {
    assertOverflow(function () { var o = { get x() { return this.x; } }; return o.x; });
    assertOverflow(function () { var o = { toString() { return "" + this; } }; return String(o); });
    assertOverflow(function () { var o = { valueOf() { return this * 1; } }; return +o; });
});

test("overflow through builtins that call back", function () {
    assertOverflow(function f() { [1].forEach(f); });
    assertOverflow(function f() { [2, 1].sort(function () { f(); return 0; }); });
    assertOverflow(function f() { f.call(null); });
    assertOverflow(function f() { Reflect.apply(f, null, []); });
});

test("overflow in JSON, join and Proxy", function () {
    var deep = [];
    for (var i = 0; i < 100000; i++) deep = [deep];
    assertOverflow(function () { return JSON.stringify(deep); });
    assertOverflow(function () { return String(deep); });
    assertOverflow(function () { return JSON.parse("[".repeat(100000) + "]".repeat(100000)); });
    var p = {};
    for (var j = 0; j < 100000; j++) p = new Proxy(p, {});
    assertOverflow(function () { return p.x; });
    assertOverflow(function () { return new Proxy({}, { get: function (t, k, r) { return r[k]; } }).x; });
});

test("deeply nested source is a RangeError from eval and Function", function () {
    assertOverflow(function () { return eval(nested("[", "", "]", 100000)); });
    assertOverflow(function () { return eval(nested("(", "1", ")", 100000)); });
    assertOverflow(function () { return Function(nested("{", "", "}", 100000)); });
    assertEq(eval(nested("(", "1", ")", 100)), 1);
    assertEq(eval(nested("[", "", "]", 100)).length, 1);
});

test("deep generator delegation", function () {
    function* g(n) {
        if (n) yield* g(n - 1);
        else yield "bottom";
    }
    assertEq(g(100).next().value, "bottom");
    assertOverflow(function () { return [...g(100000)]; });
});

test("a long prototype chain is walked without recursion", function () {
    var o = { found: 1 };
    for (var i = 0; i < 100000; i++) o = Object.create(o);
    assertEq(o.found, 1);
    assertEq(o.missing, undefined);
    assert("found" in o);
    assert(o instanceof Object);
});

test("moderate recursion keeps working", function () {
    function sum(n) { return n === 0 ? 0 : n + sum(n - 1); }
    assertEq(sum(1000), 500500);
});

asyncTest("recursion through async functions rejects with a RangeError", function () {
    async function f() { return f(); }
    return f().then(function () {
        throw new Error("no error");
    }, function (e) {
        assert(e instanceof RangeError, String(e));
        assertEq(e.message, "Maximum call stack size exceeded");
    });
});

reportAsync();
