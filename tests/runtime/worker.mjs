// worker.mjs — os.Worker (src/runtime/worker.c, worker_pipe.c, sab.c):
// messages, SharedArrayBuffer, initialData, overrideCode, onerror for
// every error source, terminate, transfer, the restrictions. The worker
// modules are in tests/runtime/worker/; the behaviours that need a process
// of their own (the main loop waiting for workers, errors printed without
// onerror, a worker that never ends) are in worker_process.mjs.
import * as os from "quickjs:os";
import * as cmdline from "quickjs:cmdline";

const here = "worker/"; // relative to this module's directory, not the cwd

// the async tests run one after another (timing-sensitive cases must not
// compete with other workers for the two cores)
let chain = Promise.resolve();
function serialTest(name, fn) {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    asyncTest(name, () => run);
}

function later(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

// resolves once pred() holds (checked every few ms), rejects after ms
async function until(pred, what, ms = 5000) {
    const t0 = Date.now();
    while (!pred()) {
        if (Date.now() - t0 > ms)
            throw new Error("timed out waiting for " + what);
        await later(2);
    }
}

// a worker running `code` as a module named worker/<name>.js, with its
// messages and error events collected
function start(code, options = {}) {
    const w = new os.Worker(here + (options.name || "scenario.js"),
                            { ...options.init, overrideCode: code });
    const rec = { w, messages: [], errors: [] };
    w.onmessage = (ev) => rec.messages.push(ev.data);
    w.onerror = (ev) => rec.errors.push(ev);
    return rec;
}

// the single error a scenario reports (and no second one within a while)
async function onlyError(code, options) {
    const rec = start(code, options);
    await until(() => rec.errors.length > 0, "the error event");
    await later(40);
    assertEq(rec.errors.length, 1, "reported exactly once");
    rec.w.terminate();
    return rec.errors[0];
}

// a counter in shared memory the worker bumps; stopped() is true when it
// no longer moves
function sharedCounter() {
    const sab = new SharedArrayBuffer(8);
    const view = new Int32Array(sab);
    return {
        sab,
        get value() { return Atomics.load(view, 0); },
        // the value settles (a terminated thread may still run until its
        // next interrupt check, slowly on a loaded machine) and then stays
        // put
        async stopped() {
            let a = Atomics.load(view, 0);
            for (let i = 0; i < 200; i++) {
                await later(50);
                const b = Atomics.load(view, 0);
                if (a === b) break;
                a = b;
            }
            await later(100);
            return Atomics.load(view, 0) === a;
        },
    };
}

// ---------------------------------------------------------------------
// API shape and arguments
// ---------------------------------------------------------------------
test("main thread: no parent, initialData undefined", function () {
    assertEq(typeof os.Worker, "function");
    assertEq(os.Worker.parent, undefined);
    assert("initialData" in os.Worker, "initialData is defined");
    assertEq(os.Worker.initialData, undefined);
});

test("bad arguments throw synchronously", function () {
    assertThrows(TypeError, () => os.Worker(here + "echo.js"));
    assertThrows(TypeError, () => new os.Worker());
    assertThrows(TypeError, () => new os.Worker(42));
    for (const bad of [null, 1, "x", true])
        assertThrows(TypeError, () => new os.Worker(here + "echo.js", bad), String(bad));
    assertThrows(TypeError, () => new os.Worker(here + "echo.js", { overrideCode: 1 }));
});

test("uncloneable initialData: TypeError, no worker", function () {
    for (const bad of [() => 1, Symbol("s"), { f() {} }, new WeakMap()])
        assertThrows(TypeError, () => new os.Worker(here + "echo.js", { initialData: bad }));
});

test("onmessage/onerror accept functions and null only", function () {
    const w = new os.Worker(here + "echo.js");
    assertEq(w.onmessage, null);
    assertEq(w.onerror, null);
    assertThrows(TypeError, () => { w.onmessage = 1; });
    assertThrows(TypeError, () => { w.onerror = "x"; });
    const f = () => {};
    w.onerror = f;
    assertEq(w.onerror, f);
    w.onerror = undefined;
    assertEq(w.onerror, null);
    w.postMessage("close");
    assertEq(Object.prototype.toString.call(w), "[object Worker]");
    assertThrows(TypeError, () => os.Worker.prototype.postMessage.call({}, 1));
});

// ---------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------
serialTest("messages arrive in order, as plain {data} objects", async function () {
    const w = new os.Worker(here + "echo.js");
    const got = [];
    let ev0;
    w.onmessage = (ev) => {
        if (!ev0) ev0 = ev;
        got.push(ev.data);
    };
    const N = 2000;
    for (let i = 0; i < N; i++) w.postMessage(i);
    w.postMessage({ last: [1, "two", null] });
    await until(() => got.length === N + 1, "the echoes");
    w.postMessage("close");
    assertDeepEq(Object.keys(ev0), ["data"]);
    assertEq(Object.getPrototypeOf(ev0), Object.prototype);
    for (let i = 0; i < N; i++)
        if (got[i] !== i) throw new Error("message " + i + " arrived as " + got[i]);
    assertDeepEq(got[N], { last: [1, "two", null] });
});

serialTest("a worker's own posts arrive in order", async function () {
    const rec = start(`
        import * as os from "quickjs:os";
        for (let i = 0; i < 5000; i++) os.Worker.parent.postMessage(i);
        os.Worker.parent.postMessage("end");`);
    await until(() => rec.messages.at(-1) === "end", "the end message");
    assertEq(rec.messages.length, 5001);
    assert(rec.messages.every((v, i) => i === 5000 || v === i), "in order");
});

serialTest("values are structured clones", async function () {
    const w = new os.Worker(here + "echo.js");
    const got = [];
    w.onmessage = (ev) => got.push(ev.data);
    const cyc = { name: "c" };
    cyc.self = cyc;
    const sent = [new Map([[1, { a: 1 }]]), new Set(["x"]), new Date(0), /re/g, 10n,
                  new Uint16Array([1, 65535]), cyc, [undefined, -0, NaN]];
    w.postMessage(sent);
    await until(() => got.length === 1, "the echo");
    w.postMessage("close");
    const [map, set, date, re, big, u16, c, misc] = got[0];
    assert(got[0] !== sent, "a copy");
    assertEq(map.get(1).a, 1);
    assert(set.has("x"));
    assertEq(date.getTime(), 0);
    assertEq(re.source + re.flags, "reg");
    assertEq(big, 10n);
    assertDeepEq(Array.from(u16), [1, 65535]);
    assertEq(c.self, c);
    assertEq(misc.length, 3);
    assertEq(misc[0], undefined);
    assertEq(misc[1], -0);
    assert(Number.isNaN(misc[2]));
});

serialTest("uncloneable message: TypeError, nothing sent", async function () {
    const w = new os.Worker(here + "echo.js");
    const got = [];
    w.onmessage = (ev) => got.push(ev.data);
    w.postMessage(1);
    assertThrows(TypeError, () => w.postMessage({ f: function () {} }));
    assertThrows(TypeError, () => w.postMessage(Symbol("x")));
    w.postMessage(2);
    await until(() => got.length === 2, "two echoes");
    await later(20);
    w.postMessage("close");
    assertDeepEq(got, [1, 2]);
});

serialTest("relative moduleFilename: against the calling module's directory", async function () {
    const { spawn } = await import("./worker/spawner.js");
    const w = spawn(); // "./echo.js", from tests/runtime/worker/
    const got = [];
    w.onmessage = (ev) => got.push(ev.data);
    w.onerror = (ev) => got.push("error: " + ev.message);
    w.postMessage("hi");
    await until(() => got.length === 1, "the echo");
    w.postMessage("close");
    assertEq(got[0], "hi");
});

serialTest("postMessage(value, transferList) moves ArrayBuffers", async function () {
    const w = new os.Worker(here + "echo.js");
    const got = [];
    w.onmessage = (ev) => got.push(ev.data);
    const buf = new ArrayBuffer(1 << 16);
    const view = new Uint8Array(buf);
    view[0] = 7;
    view[65535] = 9;
    w.postMessage({ transferBack: true, buf }, [buf]);
    assertEq(buf.byteLength, 0, "sender's buffer detached");
    assertEq(view.length, 0, "its views read length 0");
    assertThrows(TypeError, () => buf.slice(0));
    await until(() => got.length === 1, "the buffer back");
    w.postMessage("close");
    const back = new Uint8Array(got[0].buf);
    assertEq(back.length, 1 << 16);
    assertEq(back[0], 7);
    assertEq(back[65535], 9);
});

serialTest("bad transfer lists throw and send nothing", async function () {
    const w = new os.Worker(here + "echo.js");
    const got = [];
    w.onmessage = (ev) => got.push(ev.data);
    const buf = new ArrayBuffer(8);
    assertThrows(TypeError, () => w.postMessage(1, [buf, buf]), "duplicate");
    assertThrows(TypeError, () => w.postMessage(1, [{}]), "not a buffer");
    assertEq(buf.byteLength, 8, "not detached by a failed post");
    w.postMessage(2);
    await until(() => got.length === 1, "the echo");
    await later(20);
    w.postMessage("close");
    assertDeepEq(got, [2]);
});

// ---------------------------------------------------------------------
// Shared memory
// ---------------------------------------------------------------------
serialTest("a SharedArrayBuffer is shared, Atomics work across threads", async function () {
    const sab = new SharedArrayBuffer(16);
    const i32 = new Int32Array(sab);
    const rec = start(`
        import * as os from "quickjs:os";
        const i32 = new Int32Array(os.Worker.initialData.sab);
        for (let i = 0; i < 20000; i++) Atomics.add(i32, 0, 1);
        i32[1] = 1234;
        // Atomics.wait blocks in a worker: main notifies after seeing i32[1]
        Atomics.store(i32, 2, 1);
        const r = Atomics.wait(i32, 3, 0, 5000);
        os.Worker.parent.postMessage(r + ":" + Atomics.load(i32, 3));`,
        { init: { initialData: { sab } } });
    for (let i = 0; i < 20000; i++) Atomics.add(i32, 0, 1);
    await until(() => Atomics.load(i32, 2) === 1, "the worker's flag");
    assertEq(i32[1], 1234, "worker's write visible");
    await later(10);
    Atomics.store(i32, 3, 5);
    Atomics.notify(i32, 3);
    await until(() => rec.messages.length === 1, "the wait result");
    assertEq(Atomics.load(i32, 0), 40000, "no lost update");
    assert(rec.messages[0] === "ok:5" || rec.messages[0] === "not-equal:5", rec.messages[0]);
    assertEq(rec.errors.length, 0);
});

serialTest("a SAB in a message points at the same memory", async function () {
    const w = new os.Worker(here + "echo.js");
    const got = [];
    w.onmessage = (ev) => got.push(ev.data);
    const sab = new SharedArrayBuffer(4);
    w.postMessage({ sab });
    await until(() => got.length === 1, "the echo");
    w.postMessage("close");
    const back = new Uint8Array(got[0].sab);
    back[2] = 99;
    assertEq(new Uint8Array(sab)[2], 99, "same bytes after a round trip");
    assert(got[0].sab !== sab, "a new object over them");
});

serialTest("main blocks in Atomics.wait until a worker notifies", async function () {
    const sab = new SharedArrayBuffer(8);
    const i32 = new Int32Array(sab);
    start(`
        import * as os from "quickjs:os";
        const i32 = new Int32Array(os.Worker.initialData);
        setTimeout(() => { Atomics.store(i32, 0, 1); Atomics.notify(i32, 0); }, 20);`,
        { init: { initialData: sab } });
    const r = Atomics.wait(i32, 0, 0, 5000);
    assert(r === "ok" || r === "not-equal", r);
    assertEq(Atomics.load(i32, 0), 1);
});

// ---------------------------------------------------------------------
// initialData and overrideCode
// ---------------------------------------------------------------------
serialTest("initialData is a clone taken at construction", async function () {
    const data = { list: [1, 2], when: new Date(5), nested: { k: "v" } };
    const rec = start(`
        import * as os from "quickjs:os";
        const d = os.Worker.initialData;
        const again = os.Worker.initialData;
        d.list.push("worker's");
        os.Worker.parent.postMessage({ d, same: d === again, date: d.when instanceof Date,
                                       parent: typeof os.Worker.parent });`,
        { init: { initialData: data } });
    data.list.push("changed after construction");
    data.nested.k = "changed";
    await until(() => rec.messages.length === 1, "the worker's view");
    const got = rec.messages[0];
    assertDeepEq(got.d.list, [1, 2, "worker's"]);
    assertEq(got.d.nested.k, "v");
    assert(got.same, "the same object on every read in the worker");
    assert(got.date, "a Date stays a Date");
    assertEq(got.parent, "object");
    assertDeepEq(data.list, [1, 2, "changed after construction"], "main's object untouched");
});

serialTest("no initialData: undefined in the worker", async function () {
    const rec = start(`
        import * as os from "quickjs:os";
        os.Worker.parent.postMessage(["initialData" in os.Worker, os.Worker.initialData]);`);
    await until(() => rec.messages.length === 1, "the answer");
    assertDeepEq(rec.messages[0], [true, undefined]);
});

serialTest("overrideCode runs as the module named moduleFilename", async function () {
    const rec = start(`
        import * as os from "quickjs:os";
        import { answer, where } from "./helper.js";
        let stack;
        try { null.x; } catch (e) { stack = e.stack; }
        os.Worker.parent.postMessage({ answer, helper: where(), url: import.meta.url, stack });`,
        { name: "not_on_disk.js" });
    await until(() => rec.messages.length + rec.errors.length > 0, "the answer");
    assertEq(rec.errors.length, 0, rec.errors[0] && rec.errors[0].message);
    const got = rec.messages[0];
    assertEq(got.answer, 42);
    assert(got.helper.endsWith("/tests/runtime/worker/helper.js"), got.helper);
    assert(got.url.endsWith("/tests/runtime/worker/not_on_disk.js"), got.url);
    assert(got.stack.includes("not_on_disk.js:5:"), got.stack);
});

// ---------------------------------------------------------------------
// onerror: every source, exactly once
// ---------------------------------------------------------------------
function checkEvent(ev, ctor, message) {
    assertDeepEq(Object.keys(ev).sort(), ["error", "filename", "lineno", "message"]);
    assertEq(Object.getPrototypeOf(ev), Object.prototype);
    assertEq(ev.message, message);
    if (ctor) {
        assert(ev.error instanceof ctor, "error class " + ev.error);
        assertEq(ev.error.constructor, ctor);
        assertEq(ev.error.message, message);
    } else {
        assertEq(ev.error, null);
    }
    assertEq(typeof ev.filename, "string");
    assertEq(typeof ev.lineno, "number");
}

serialTest("onerror: top-level throw", async function () {
    const ev = await onlyError(`\n\nthrow new RangeError("top");`);
    checkEvent(ev, RangeError, "top");
    assert(ev.filename.endsWith("tests/runtime/worker/scenario.js"), ev.filename);
    assertEq(ev.lineno, 3);
});

serialTest("onerror: top-level rejection (top-level await)", async function () {
    const ev = await onlyError(`await null; throw new TypeError("tla");`);
    checkEvent(ev, TypeError, "tla");
});

serialTest("onerror: missing worker file", async function () {
    const rec = { errors: [] };
    const w = new os.Worker(here + "no_such_worker.js");
    w.onerror = (ev) => rec.errors.push(ev);
    await until(() => rec.errors.length > 0, "the error");
    await later(30);
    assertEq(rec.errors.length, 1);
    assert(rec.errors[0].error instanceof Error);
    assert(rec.errors[0].message.includes("no_such_worker.js"), rec.errors[0].message);
});

serialTest("onerror: missing import", async function () {
    const rec = { errors: [] };
    const w = new os.Worker(here + "missing_import.js");
    w.onerror = (ev) => rec.errors.push(ev);
    await until(() => rec.errors.length > 0, "the error");
    await later(30);
    assertEq(rec.errors.length, 1);
    assert(rec.errors[0].message.includes("no_such_file.js"), rec.errors[0].message);
});

serialTest("onerror: syntax error", async function () {
    const rec = { errors: [] };
    const w = new os.Worker(here + "syntax_error.js");
    w.onerror = (ev) => rec.errors.push(ev);
    await until(() => rec.errors.length > 0, "the error");
    await later(30);
    assertEq(rec.errors.length, 1);
    assert(rec.errors[0].error instanceof SyntaxError, String(rec.errors[0].error));
    assertEq(rec.errors[0].lineno, 2);
});

serialTest("onerror: throw in onmessage, the worker keeps running", async function () {
    const rec = start(`
        import * as os from "quickjs:os";
        os.Worker.parent.onmessage = (ev) => {
            if (ev.data === "throw") throw new URIError("in onmessage");
            os.Worker.parent.postMessage("still here");
        };`);
    rec.w.postMessage("throw");
    rec.w.postMessage("ping");
    await until(() => rec.messages.length === 1 && rec.errors.length === 1, "error and reply");
    await later(30);
    assertEq(rec.errors.length, 1);
    checkEvent(rec.errors[0], URIError, "in onmessage");
    assertEq(rec.messages[0], "still here");
    rec.w.terminate();
});

serialTest("onerror: throw in a timer", async function () {
    const ev = await onlyError(`setTimeout(() => { throw new EvalError("timer"); }, 5);`);
    checkEvent(ev, EvalError, "timer");
});

serialTest("onerror: throw in an fd handler", async function () {
    const ev = await onlyError(`
        import * as os from "quickjs:os";
        const [r, w] = os.pipe();
        os.setReadHandler(r, () => {
            os.setReadHandler(r, null);
            throw new ReferenceError("fd handler");
        });
        os.write(w, new Uint8Array([1]).buffer, 0, 1);`);
    checkEvent(ev, ReferenceError, "fd handler");
});

serialTest("onerror: unhandled rejection", async function () {
    const ev = await onlyError(`Promise.reject(new Error("nobody catches"));`);
    checkEvent(ev, Error, "nobody catches");
});

serialTest("onerror: a non-Error throw gives error null", async function () {
    const ev = await onlyError(`throw 42;`);
    checkEvent(ev, null, "42");
});

serialTest("os.signal is main-thread only", async function () {
    const ev = await onlyError(`
        import * as os from "quickjs:os";
        os.signal(os.SIGUSR1 || 10, () => {});`);
    assert(ev.error instanceof Error, String(ev.error));
});

serialTest("error classes, subclasses and cause cycles survive", async function () {
    const rec = start(`
        class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } }
        const e = new AggregateError([new SyntaxError("inner")], "agg", { cause: null });
        e.cause = e;
        setTimeout(() => { throw e; }, 1);
        setTimeout(() => { throw new MyError("mine"); }, 10);`);
    await until(() => rec.errors.length === 2, "two errors");
    rec.w.terminate();
    const agg = rec.errors[0].error, mine = rec.errors[1].error;
    assert(agg instanceof AggregateError, "AggregateError kept");
    assertEq(agg.cause, agg, "cause cycle kept");
    assert(agg.errors[0] instanceof SyntaxError);
    assertEq(agg.errors[0].message, "inner");
    assertEq(mine.constructor, Error, "subclass arrives as its base Error");
    assertEq(mine.name, "MyError");
    assertEq(mine.message, "mine");
});

serialTest("an uncloneable error arrives as a substitute Error", async function () {
    const ev = await onlyError(`
        const e = new Error("bad");
        e.cause = () => "functions do not clone";
        throw e;`);
    assertEq(ev.message, "bad");
    assert(ev.error instanceof Error);
    assertEq(ev.error.message, "Error: bad");
});

serialTest("a handler set in the constructor's tick gets the earliest error", async function () {
    for (let i = 0; i < 20; i++) {
        const errs = [];
        const w = new os.Worker(here + "s.js", { overrideCode: "throw new Error('now')" });
        os.sleep(1); // the worker fails while this tick is still running
        w.onerror = (ev) => errs.push(ev.message);
        await until(() => errs.length === 1, "the error");
    }
});

// ---------------------------------------------------------------------
// Termination
// ---------------------------------------------------------------------
serialTest("terminate an idle worker (timers pending)", async function () {
    const c = sharedCounter();
    const rec = start(`
        import * as os from "quickjs:os";
        const i32 = new Int32Array(os.Worker.initialData);
        setInterval(() => Atomics.add(i32, 0, 1), 2);
        setTimeout(() => {}, 100000);`, { init: { initialData: c.sab } });
    await until(() => c.value > 3, "the interval");
    rec.w.terminate();
    assert(await c.stopped(), "the interval stopped");
    assertEq(rec.errors.length, 0, "terminating is not an error");
});

serialTest("terminate a busy worker", async function () {
    const c = sharedCounter();
    const rec = start(`
        import * as os from "quickjs:os";
        const i32 = new Int32Array(os.Worker.initialData);
        for (;;) Atomics.add(i32, 0, 1);`, { init: { initialData: c.sab } });
    await until(() => c.value > 1000, "the loop");
    rec.w.terminate();
    assert(await c.stopped(), "the loop stopped");
    assertEq(rec.errors.length, 0);
});

serialTest("terminate a worker blocked in Atomics.wait", async function () {
    const c = sharedCounter();
    const rec = start(`
        import * as os from "quickjs:os";
        const i32 = new Int32Array(os.Worker.initialData);
        Atomics.store(i32, 0, 1);
        Atomics.wait(i32, 1, 0);
        Atomics.store(i32, 0, 2);`, { init: { initialData: c.sab } });
    await until(() => c.value === 1, "the wait");
    rec.w.terminate();
    await later(150);
    assertEq(c.value, 1, "never woke up to run on");
    assertEq(rec.errors.length, 0);
});

serialTest("terminate twice, postMessage after: harmless", async function () {
    const rec = start(`
        import * as os from "quickjs:os";
        os.Worker.parent.onmessage = (ev) => os.Worker.parent.postMessage(ev.data);
        os.Worker.parent.postMessage("ready");`);
    await until(() => rec.messages.length === 1, "ready");
    assertEq(rec.w.terminate(), undefined);
    assertEq(rec.w.terminate(), undefined);
    assertEq(rec.w.postMessage("after"), undefined);
    assertEq(rec.w.postMessage({ f: () => 1 }), undefined, "not even cloned");
    await later(40);
    assertDeepEq(rec.messages, ["ready"], "nothing delivered after terminate");
});

serialTest("spam then terminate", async function () {
    const c = sharedCounter();
    const rec = start(`
        import * as os from "quickjs:os";
        const i32 = new Int32Array(os.Worker.initialData);
        os.Worker.parent.onmessage = (ev) => {
            Atomics.add(i32, 0, 1);
            os.Worker.parent.postMessage(ev.data);
        };`, { init: { initialData: c.sab } });
    const sab = new SharedArrayBuffer(64);
    for (let i = 0; i < 50000; i++)
        rec.w.postMessage(i % 100 ? i : { i, sab, buf: new ArrayBuffer(100) });
    rec.w.terminate();
    assert(await c.stopped(), "stopped");
    assert(c.value < 50000, "terminated before the end of the queue: " + c.value);
    assertEq(rec.errors.length, 0);
});

serialTest("Worker.parent.terminate(): the worker ends after this callback", async function () {
    const c = sharedCounter();
    const rec = start(`
        import * as os from "quickjs:os";
        const i32 = new Int32Array(os.Worker.initialData);
        setInterval(() => Atomics.add(i32, 0, 1), 1);
        setTimeout(() => { os.Worker.parent.terminate(); Atomics.store(i32, 1, 7); }, 20);`,
        { init: { initialData: c.sab } });
    await later(60);
    assert(await c.stopped(), "stopped");
    assertEq(new Int32Array(c.sab)[1], 7, "the callback completed");
    assertEq(rec.errors.length, 0);
});

// ---------------------------------------------------------------------
// Restrictions
// ---------------------------------------------------------------------
serialTest("no nested workers", async function () {
    const rec = start(`
        import * as os from "quickjs:os";
        try {
            new os.Worker("./echo.js");
            os.Worker.parent.postMessage("created");
        } catch (e) {
            os.Worker.parent.postMessage([e.name, e.message]);
        }`);
    await until(() => rec.messages.length === 1, "the answer");
    assertEq(rec.messages[0][0], "TypeError");
    assert(rec.messages[0][1].includes("inside a worker"), rec.messages[0][1]);
});

serialTest("cmdline.exit, setExitCode, getExitCode throw in a worker", async function () {
    const rec = start(`
        import * as os from "quickjs:os";
        import * as cmdline from "quickjs:cmdline";
        const out = [];
        for (const f of ["exit", "setExitCode", "getExitCode"]) {
            try { cmdline[f](3); out.push(f + " returned"); } catch (e) { out.push(e.message); }
        }
        os.Worker.parent.postMessage(out);`);
    await until(() => rec.messages.length === 1, "the answer");
    assertDeepEq(rec.messages[0], [
        "cmdline.exit can only be called from the main thread",
        "cmdline.setExitCode can only be called from the main thread",
        "cmdline.getExitCode can only be called from the main thread",
    ]);
    assertEq(cmdline.getExitCode(), 0, "the process's status untouched");
});

serialTest("workers run in parallel", async function () {
    const sab = new SharedArrayBuffer(8);
    const i32 = new Int32Array(sab);
    const code = `
        import * as os from "quickjs:os";
        const i32 = new Int32Array(os.Worker.initialData);
        Atomics.add(i32, 0, 1);
        // each waits until both run at the same time
        while (Atomics.load(i32, 0) < 2) ;
        os.Worker.parent.postMessage("met");`;
    const a = start(code, { init: { initialData: sab } });
    const b = start(code, { init: { initialData: sab } });
    await until(() => a.messages.length + b.messages.length === 2, "both");
    assertEq(i32[0], 2);
});

reportAsync();
