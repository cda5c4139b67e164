// timers.js — setTimeout, setInterval and their order against promise jobs
// (src/runtime/timers.c, eventloop.c). Every case is an asyncTest whose
// promise settles once its timers have fired.

function later(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

asyncTest("setTimeout 0 runs after the promise jobs of the same turn", function () {
    var log = [];
    setTimeout(function () { log.push("timeout"); }, 0);
    Promise.resolve().then(function () {
        log.push("job 1");
        return null;
    }).then(function () { log.push("job 2"); });
    log.push("sync");
    return later(20).then(function () {
        assertDeepEq(log, ["sync", "job 1", "job 2", "timeout"]);
    });
});

asyncTest("the jobs a timer queues run before the next timer", function () {
    var log = [];
    setTimeout(function () {
        log.push("a");
        Promise.resolve().then(function () { log.push("a's job"); });
    }, 0);
    setTimeout(function () { log.push("b"); }, 0);
    return later(20).then(function () {
        assertDeepEq(log, ["a", "a's job", "b"]);
    });
});

asyncTest("equal delays fire in creation order, shorter delays first", function () {
    var log = [];
    setTimeout(function () { log.push("30"); }, 30);
    for (var i = 0; i < 5; i++)
        setTimeout(function (n) { log.push("10:" + n); }, 10, i);
    setTimeout(function () { log.push("1"); }, 1);
    return later(60).then(function () {
        assertDeepEq(log, ["1", "10:0", "10:1", "10:2", "10:3", "10:4", "30"]);
    });
});

asyncTest("a timer set by a timer waits for the next turn, even with delay 0", function () {
    var log = [];
    return new Promise(function (resolve) {
        setTimeout(function () {
            log.push("outer");
            setTimeout(function () {
                log.push("inner");
                resolve();
            }, 0);
        }, 0);
        setTimeout(function () { log.push("sibling"); }, 0);
    }).then(function () {
        assertDeepEq(log, ["outer", "sibling", "inner"]);
    });
});

asyncTest("clearTimeout cancels; unknown ids and non-numbers are ignored", function () {
    var fired = [];
    var a = setTimeout(function () { fired.push("a"); }, 5);
    var b = setTimeout(function () { fired.push("b"); }, 5);
    clearTimeout(a);
    clearTimeout(a);
    clearTimeout(123456789);
    clearTimeout("x");
    clearTimeout(undefined);
    clearTimeout({});
    assert(typeof b === "number" && b > a, "ids are increasing numbers");
    return later(20).then(function () {
        assertDeepEq(fired, ["b"]);
    });
});

asyncTest("setInterval repeats until clearInterval", function () {
    var n = 0, id;
    return new Promise(function (resolve) {
        id = setInterval(function (step) {
            n += step;
            if (n === 3) {
                clearInterval(id);
                setTimeout(resolve, 30);
            }
        }, 2, 1);
    }).then(function () {
        assertEq(n, 3);
    });
});

asyncTest("clearTimeout also clears an interval (one id space)", function () {
    var n = 0;
    var id = setInterval(function () { n++; clearTimeout(id); }, 1);
    return later(30).then(function () { assertEq(n, 1); });
});

asyncTest("a timer waits at least its delay", function () {
    var t0 = Date.now();
    return new Promise(function (resolve) {
        setTimeout(function () { resolve(Date.now() - t0); }, 40);
    }).then(function (elapsed) {
        assert(elapsed >= 39, "fired after " + elapsed + " ms");
    });
});

asyncTest("odd delays: negative, NaN and strings count as numbers", function () {
    var log = [];
    setTimeout(function () { log.push("neg"); }, -5);
    setTimeout(function () { log.push("nan"); }, NaN);
    setTimeout(function () { log.push("str"); }, "3");
    setTimeout(function () { log.push("none"); });
    return later(20).then(function () {
        assertDeepEq(log, ["neg", "nan", "none", "str"]);
    });
});

test("bad callbacks are TypeErrors", function () {
    assertThrows(TypeError, function () { setTimeout("code", 1); });
    assertThrows(TypeError, function () { setInterval(null, 1); });
    assertThrows(TypeError, function () { setTimeout(); });
    assertThrows(TypeError, function () { setTimeout(function () {}, Symbol()); });
});

reportAsync();
