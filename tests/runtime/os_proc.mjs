// quickjs:os, the process half: exec with its options, waitpid and the W*
// helpers, kill, sleep, now, getpid, gethostname, execPath, platform.
import * as os from "quickjs:os";
import * as std from "quickjs:std";

const ENOENT = std.Error.ENOENT;

function makeTempDir() {
    const base = std.getenv("TMPDIR") || "/tmp";
    const dir = base + "/weft-os-proc-" + os.getpid() + "-" + Math.floor(Math.random() * 1e9);
    os.mkdir(dir, 0o700);
    return dir;
}

// everything readable from fd until the end, as text
function readAll(fd) {
    const buf = new Uint8Array(4096);
    let s = "", n;
    while ((n = os.read(fd, buf, 0, buf.length)) > 0)
        s += String.fromCharCode(...buf.subarray(0, n));
    return s;
}

// runs args with stdout to a pipe: [output, exit status]
function capture(args, options = {}) {
    const [r, w] = os.pipe();
    const pid = os.exec(args, Object.assign({ stdout: w, block: false }, options));
    os.close(w);
    const out = readAll(r);
    os.close(r);
    const [ret, status] = os.waitpid(pid, 0);
    assertEq(ret, pid);
    return [out, status];
}

const dir = makeTempDir();

test("exec blocks and returns the exit status", () => {
    assertEq(os.exec(["true"]), 0);
    assertEq(os.exec(["sh", "-c", "exit 7"]), 7);
    assertEq(os.exec(["sh", "-c", "kill -TERM $$"]), -os.SIGTERM, "killed: minus the signal");
});

test("exec with stdout to a pipe, waitpid and the W* helpers", () => {
    const [out, status] = capture(["echo", "hello", "world"]);
    assertEq(out, "hello world\n");
    assert(os.WIFEXITED(status));
    assertEq(os.WEXITSTATUS(status), 0);
    assert(!os.WIFSIGNALED(status));
    const [, st2] = capture(["sh", "-c", "exit 42"]);
    assertEq(os.WEXITSTATUS(st2), 42);
});

test("exec options: cwd, env, file, usePath, stdin, stderr", () => {
    assertEq(capture(["pwd"], { cwd: dir })[0], os.realpath(dir) + "\n");
    assertEq(capture(["sh", "-c", "echo $FOO-$BAR"], { env: { FOO: "x", BAR: 12 } })[0], "x-12\n");
    assertEq(capture(["whatever-name", "-c", "echo $0"], { file: "sh" })[0], "whatever-name\n");
    assertEq(capture(["/bin/echo", "abs"], { usePath: false })[0], "abs\n");
    const ee = assertThrows(Error, () => os.exec(["echo", "x"], { usePath: false }));
    assertEq(ee.errno, ENOENT);
    // stdin from a file, stderr to the same pipe as stdout
    std.writeFile(dir + "/in.txt", "from stdin\n");
    const fd = os.open(dir + "/in.txt", os.O_RDONLY);
    assertEq(capture(["cat"], { stdin: fd })[0], "from stdin\n");
    os.close(fd);
    const [r, w] = os.pipe();
    const pid = os.exec(["sh", "-c", "echo oops >&2"], { stderr: w, stdout: w, block: false });
    os.close(w);
    assertEq(readAll(r), "oops\n");
    os.close(r);
    os.waitpid(pid, 0);
});

test("exec errors are thrown", () => {
    const e = assertThrows(Error, () => os.exec(["weft-no-such-program-xyz"]));
    assertEq(e.errno, ENOENT);
    assertEq(e.path, "weft-no-such-program-xyz");
    assertEq(e.message, "exec 'weft-no-such-program-xyz': No such file or directory");
    const e2 = assertThrows(Error, () => os.exec(["true"], { cwd: dir + "/none" }));
    assertEq(e2.errno, ENOENT);
    assertEq(e2.path, dir + "/none");
    assertThrows(RangeError, () => os.exec([]));
    assertThrows(TypeError, () => os.exec("echo"));
    assertThrows(TypeError, () => os.exec([1]));
    assertThrows(TypeError, () => os.exec(["true"], 5));
    assertThrows(TypeError, () => os.exec(["true"], { env: 3 }));
});

test("waitpid with WNOHANG, kill", () => {
    const pid = os.exec(["sleep", "10"], { block: false });
    const [ret] = os.waitpid(pid, os.WNOHANG);
    assertEq(ret, 0, "still running");
    os.kill(pid, os.SIGKILL);
    const [ret2, status] = os.waitpid(pid, 0);
    assertEq(ret2, pid);
    assert(os.WIFSIGNALED(status));
    assertEq(os.WTERMSIG(status), os.SIGKILL);
    const e = assertThrows(Error, () => os.waitpid(pid, 0));
    assertEq(e.errno, std.Error.ECHILD);
    const e2 = assertThrows(Error, () => os.kill(pid, 0));
    assertEq(e2.errno, std.Error.ESRCH);
});

test("sleep blocks, now is monotonic in ms", () => {
    const t0 = os.now();
    os.sleep(30);
    const t1 = os.now();
    assert(t1 - t0 >= 29, "slept " + (t1 - t0));
    assert(t1 - t0 < 2000);
    assert(os.now() >= t1);
});

test("getpid, gethostname, execPath, platform", () => {
    assert(Number.isInteger(os.getpid()) && os.getpid() > 1);
    assertEq(capture(["sh", "-c", "echo $PPID"])[0], os.getpid() + "\n");
    assertEq(typeof os.gethostname(), "string");
    assert(os.gethostname().length > 0);
    assertEq(os.execPath(), os.realpath(os.execPath()));
    assert(os.execPath().endsWith("/weft"), os.execPath());
    assertEq(os.platform, "linux");
});

test("signal and wait constants", () => {
    assertEq(os.SIGINT, 2);
    assertEq(os.SIGKILL, 9);
    assertEq(os.SIGTERM, 15);
    assertEq(typeof os.WNOHANG, "number");
});

os.remove(dir + "/in.txt");
os.remove(dir);
report();
