// assert.js — the harness of the JS tests in tests/js, loaded before each
// test file (weft -I tests/js/assert.js FILE). A test file calls
// test(name, fn) for each case and report() at the end; report() prints
// "N passed, M failed" (tools/run-tests.sh adds these up) and throws when a
// case failed, so the file exits with status 1.
var __weft_passed = 0, __weft_failed = 0;

function __weft_show(v) {
    if (typeof v === "string") return JSON.stringify(v);
    if (v === 0 && 1 / v < 0) return "-0";
    if (typeof v === "symbol") return v.toString();
    if (Array.isArray(v)) return "[" + v.map(__weft_show).join(", ") + "]";
    return String(v);
}

function test(name, fn) {
    try {
        fn();
        __weft_passed++;
    } catch (e) {
        __weft_failed++;
        print("FAIL " + name + ": " + (e && e.stack ? e.stack : __weft_show(e)));
    }
}

function assert(cond, msg) {
    if (!cond)
        throw new Error("assertion failed" + (msg ? ": " + msg : ""));
}

// SameValue comparison (distinguishes -0 and +0, NaN equals NaN)
function assertEq(actual, expected, msg) {
    if (!Object.is(actual, expected))
        throw new Error("expected " + __weft_show(expected) + " but got " +
                        __weft_show(actual) + (msg ? " (" + msg + ")" : ""));
}

// structural equality of arrays and plain objects
function assertDeepEq(actual, expected, msg) {
    function eq(a, b) {
        if (Object.is(a, b)) return true;
        if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
            return false;
        if (Array.isArray(a) !== Array.isArray(b)) return false;
        var ka = Object.keys(a), kb = Object.keys(b);
        if (ka.length !== kb.length) return false;
        for (var i = 0; i < ka.length; i++)
            if (ka[i] !== kb[i] || !eq(a[ka[i]], b[kb[i]])) return false;
        return true;
    }
    if (!eq(actual, expected))
        throw new Error("expected " + JSON.stringify(expected) + " but got " +
                        JSON.stringify(actual) + (msg ? " (" + msg + ")" : ""));
}

// fn must throw an instance of ctor
function assertThrows(ctor, fn, msg) {
    try {
        fn();
    } catch (e) {
        if (!(e instanceof ctor))
            throw new Error("expected " + ctor.name + " but got " + __weft_show(e) +
                            (msg ? " (" + msg + ")" : ""));
        return e;
    }
    throw new Error("expected " + ctor.name + " to be thrown" + (msg ? " (" + msg + ")" : ""));
}

function report() {
    print(__weft_passed + " passed, " + __weft_failed + " failed");
    if (__weft_failed)
        throw new Error(__weft_failed + " test(s) failed");
}

// asyncTest(name, fn): fn returns a promise, which must fulfil. The weft
// command runs the job queue after the script; a file with async tests
// ends with reportAsync(), which reports once every async test settled.
var __weft_async_tests = [];

function asyncTest(name, fn) {
    __weft_async_tests.push(Promise.resolve().then(fn).then(function () {
        __weft_passed++;
    }, function (e) {
        __weft_failed++;
        print("FAIL " + name + ": " + (e && e.stack ? e.stack : __weft_show(e)));
    }));
}

function reportAsync() {
    Promise.all(__weft_async_tests).then(report);
}
