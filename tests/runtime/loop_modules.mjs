// loop_modules.mjs — quickjs:timers, quickjs:engine and quickjs:cmdline
// as modules (src/runtime/timers.c, engine.c, cmdline.c); the fixtures
// are in tests/runtime/loop/.
import * as timers from "quickjs:timers";
import * as engine from "quickjs:engine";
import * as cmdline from "quickjs:cmdline";
import * as os from "quickjs:os";

test("quickjs:timers exports", function () {
    assertDeepEq(Object.keys(timers).sort(),
                 ["clearInterval", "clearTimeout", "setInterval", "setTimeout", "sleepAsync"]);
    assertEq(typeof globalThis.setTimeout, "function");
    assertEq(typeof globalThis.sleepAsync, "undefined");
});

test("quickjs:os has the loop's functions", function () {
    for (const f of ["setReadHandler", "setWriteHandler", "signal", "setTimeout",
                     "clearTimeout", "sleepAsync"])
        assertEq(typeof os[f], "function", f);
});

asyncTest("sleepAsync resolves with undefined after the delay", async function () {
    const t0 = Date.now();
    const v = await timers.sleepAsync(25);
    assertEq(v, undefined);
    assert(Date.now() - t0 >= 24, "slept " + (Date.now() - t0) + " ms");
});

asyncTest("sleepAsync(0) and bad delays", async function () {
    await timers.sleepAsync(0);
    await timers.sleepAsync();
    await os.sleepAsync(-1);
    assertThrows(TypeError, () => timers.sleepAsync(Symbol()));
});

asyncTest("os.setTimeout and os.clearTimeout share the global timers", function () {
    return new Promise((resolve, reject) => {
        const id = os.setTimeout(() => reject(new Error("cleared timer fired")), 5);
        clearTimeout(id);
        os.setTimeout(resolve, 10);
    });
});

test("engine.evalScript", function () {
    assertEq(engine.evalScript("1 + 2"), 3);
    engine.evalScript("var fromEvalScript = 'global'");
    assertEq(globalThis.fromEvalScript, "global");
    const stack = engine.evalScript("new Error('x').stack", { filename: "named.js" });
    assert(stack.includes("named.js:1:"), stack);
    assertThrows(SyntaxError, () => engine.evalScript("a b"));
    assertThrows(TypeError, () => engine.evalScript(42));
    assertThrows(TypeError, () => engine.evalScript("1", 5));
    assertThrows(TypeError, () => engine.evalScript("1", { filename: 5 }));
});

test("engine.resolveModule", function () {
    const r = engine.resolveModule("./loop/answer.mjs");
    assert(r.startsWith("/") && r.endsWith("/tests/runtime/loop/answer.mjs"), r);
    assertEq(engine.resolveModule("./answer.mjs", r), r);
    assertEq(engine.resolveModule("quickjs:os"), "quickjs:os");
    assertThrows(Error, () => engine.resolveModule("./loop/missing.mjs"));
    assertThrows(TypeError, () => engine.resolveModule());
});

test("engine.importModule is synchronous", function () {
    const ns = engine.importModule("./loop/answer.mjs");
    assertEq(ns.value, 42);
    assertEq(ns.isMain, false);
    assertEq(ns.sawMainFromHere, true);
    assertEq(engine.importModule("./answer.mjs", engine.resolveModule("./loop/answer.mjs")), ns);
    assertEq(engine.importModule("quickjs:engine").gc, engine.gc);
    assertThrows(Error, () => engine.importModule("./loop/missing.mjs"));
});

test("engine.importModule of a module waiting on a timer throws", function () {
    assertThrows(Error, () => engine.importModule("./loop/waits.mjs"));
});

test("engine.isMainModule", function () {
    assertEq(engine.isMainModule(), true);
    assertEq(engine.isMainModule("./loop_modules.mjs"), true);
    assertEq(engine.isMainModule("./loop/answer.mjs"), false);
    engine.gc();
});

test("quickjs:cmdline on the main thread", function () {
    assertDeepEq(Object.keys(cmdline).sort(), ["exit", "getExitCode", "scriptArgs", "setExitCode"]);
    assert(Array.isArray(cmdline.scriptArgs));
    assert(cmdline.scriptArgs[0].endsWith("loop_modules.mjs"), cmdline.scriptArgs[0]);
    assertEq(cmdline.getExitCode(), 0);
    cmdline.setExitCode(3);
    assertEq(cmdline.getExitCode(), 3);
    cmdline.setExitCode(0);
    assertThrows(TypeError, () => cmdline.setExitCode("2"));
    assertThrows(TypeError, () => cmdline.exit("2"));
    assertEq(cmdline.getExitCode(), 0);
});

reportAsync();
