// worker_process.mjs — os.Worker behaviours seen from outside a process:
// each case runs a program of tests/runtime/worker/proc_*.js in a child
// weft and checks its output and exit status (and that it ends at all).
import * as os from "quickjs:os";
import * as std from "quickjs:std";

const dir = import.meta.dirname + "/worker/";
const tmp = "/tmp/weft-worker-test-" + os.getpid();

function later(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

// a process that ends while worker threads still run cannot free their
// memory, and LeakSanitizer does not see NaN-boxed references: under
// ASan, such children run without the leak check
function threadsAliveEnv() {
    return { ...std.getenviron(), ASAN_OPTIONS: "detect_leaks=0" };
}

// runs `weft file args...`; resolves with {status, out, err, killed}:
// a child still running after timeoutMs is killed (killed: true)
async function run(file, args = [], timeoutMs = 10000, env = undefined) {
    const outName = tmp + ".out", errName = tmp + ".err";
    const flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC;
    const out = os.open(outName, flags, 0o600), err = os.open(errName, flags, 0o600);
    const pid = os.exec([os.execPath(), dir + file, ...args],
                        { block: false, stdout: out, stderr: err, env });
    os.close(out);
    os.close(err);
    const t0 = Date.now();
    let status, killed = false;
    for (;;) {
        const [done, st] = os.waitpid(pid, os.WNOHANG);
        if (done === pid) {
            status = os.WIFEXITED(st) ? os.WEXITSTATUS(st) : -os.WTERMSIG(st);
            break;
        }
        if (Date.now() - t0 > timeoutMs && !killed) {
            os.kill(pid, os.SIGKILL);
            killed = true;
        }
        await later(5);
    }
    const res = { status, killed, out: std.loadFile(outName), err: std.loadFile(errName) };
    os.remove(outName);
    os.remove(errName);
    return res;
}

// the tests share the temporary files: one at a time
let chain = Promise.resolve();
function serialTest(name, fn) {
    const p = chain.then(fn);
    chain = p.catch(() => {});
    asyncTest(name, () => p);
}

serialTest("the main loop waits for its workers", async function () {
    const r = await run("proc_waits.js");
    assertEq(r.out, "main: end of module\nworker: after its timer\n");
    assertEq(r.err, "");
    assertEq(r.status, 0);
});

serialTest("without onerror, worker errors are printed as uncaught errors", async function () {
    const r = await run("proc_uncaught.js");
    assertEq(r.out, "main: still running\n", "the program went on");
    assertEq(r.status, 1, "and then exited with status 1");
    // the three workers fail concurrently: their reports come in any order
    const reports = [
        "TypeError: oops\n    at f (" + dir + "uncaught.js:1:22)\n" +
            "    at " + dir + "uncaught.js:2:1\n\n",
        "Uncaught (in promise) RangeError: nobody\n    at " + dir + "uncaught.js:1:16\n\n",
        "thrown non-Error value: 42\n",
    ];
    for (const text of reports)
        assert(r.err.includes(text), "missing:\n" + text + "in:\n" + r.err);
    assertEq(r.err.length, reports.join("").length, r.err);
});

serialTest("terminate() ends a worker whose loop never ends", async function () {
    const r = await run("proc_never_ends.js");
    assertEq(r.killed, false, "the program ended");
    assertEq(r.out, "main: worker is up\n");
    assertEq(r.status, 0);
});

serialTest("without terminate() that worker keeps the program alive", async function () {
    // (long enough for a sanitizer build to start the worker)
    const r = await run("proc_never_ends.js", ["keep"], 2000);
    assertEq(r.killed, true, "still running after 2 s");
    assertEq(r.out, "main: worker is up\n");
});

serialTest("onmessage = null in the worker lets it end", async function () {
    const r = await run("proc_onmessage_null.js");
    assertEq(r.killed, false, "the program ended");
    assertEq(r.out, "main: got one\n");
    assertEq(r.status, 0);
});

serialTest("a running worker is not collected with its object", async function () {
    const r = await run("proc_unreferenced.js");
    assertEq(r.out, "main: late message\n");
    assertEq(r.status, 0);
});

serialTest("cmdline.exit() ends the process with workers running", async function () {
    const r = await run("proc_exit.js", [], 10000, threadsAliveEnv());
    assertEq(r.killed, false);
    assertEq(r.status, 3);
});

serialTest("an uncaught error on the main thread ends it with workers alive", async function () {
    const r = await run("proc_main_throws.js", [], 10000, threadsAliveEnv());
    assertEq(r.killed, false);
    assertEq(r.status, 1);
    assert(r.err.startsWith("Error: main fails\n"), r.err);
});

reportAsync();
