// quickjs:std: FILE objects, printf/sprintf, loadFile/writeFile, the
// environment, strerror, parseExtJSON, evalScript.
import * as std from "quickjs:std";
import * as os from "quickjs:os";

function makeTempDir() {
    const base = std.getenv("TMPDIR") || "/tmp";
    const dir = base + "/weft-std-" + os.getpid() + "-" + Math.floor(Math.random() * 1e9);
    os.mkdir(dir, 0o700);
    return dir;
}

const dir = makeTempDir();
const ENOENT = std.Error.ENOENT;

test("FILE: open, puts, printf, close, getline round trip", () => {
    const f = std.open(dir + "/t1", "w");
    assertEq(Object.prototype.toString.call(f), "[object FILE]");
    f.puts("line one\n", "line ", "two\n");
    assertEq(f.printf("%d-%s\n", 3, "three"), 8);
    f.close();
    const g = std.open(dir + "/t1", "r");
    assertEq(g.getline(), "line one");
    assertEq(g.getline(), "line two");
    assertEq(g.getline(), "3-three");
    assertEq(g.getline(), null);
    assert(g.eof());
    g.close();
    assertThrows(TypeError, () => g.getline(), "closed");
    assertThrows(TypeError, () => g.close(), "closed twice");
});

test("FILE: read/write on buffers, seek, tell, tello, getByte, putByte", () => {
    const f = std.open(dir + "/t2", "w+");
    const bytes = new Uint8Array([10, 20, 30, 40, 50]);
    assertEq(f.write(bytes.buffer, 1, 3), 3);
    f.putByte(99);
    f.putByte(356); // only the low byte
    assertEq(f.tell(), 5);
    assertEq(f.tello(), 5n);
    f.seek(0, std.SEEK_SET);
    assertEq(f.getByte(), 20);
    const out = new Uint8Array(8);
    assertEq(f.read(out, 2, 6), 4, "fewer at the end");
    assertDeepEq(Array.from(out), [0, 0, 30, 40, 99, 100, 0, 0]);
    assertEq(f.getByte(), -1);
    assert(f.eof());
    f.seek(-2n, std.SEEK_END);
    assertEq(f.getByte(), 99);
    assert(!f.isError());
    f.clearError();
    assertThrows(RangeError, () => f.read(out, 4, 5));
    f.close();
});

test("FILE: readAsString with and without a limit, fileno, flush", () => {
    std.writeFile(dir + "/t3", "abcdefghij");
    const f = std.open(dir + "/t3");
    assert(f.fileno() >= 3);
    assertEq(f.readAsString(4), "abcd");
    assertEq(f.readAsString(), "efghij");
    assertEq(f.readAsString(), "");
    f.close();
    const w = std.open(dir + "/t4", "a");
    w.puts("x");
    w.flush();
    assertEq(std.loadFile(dir + "/t4"), "x");
    w.close();
});

test("std.open errors carry errno and path; bad modes", () => {
    const e = assertThrows(Error, () => std.open(dir + "/none/x", "r"));
    assertEq(e.errno, ENOENT);
    assertEq(e.path, dir + "/none/x");
    assertThrows(TypeError, () => std.open(dir + "/t1", "q"));
    assertThrows(TypeError, () => std.open(dir + "/t1", "rw"));
    assertThrows(TypeError, () => std.popen("true", "a"));
});

test("FILE methods check their this", () => {
    const f = std.open(dir + "/t1");
    assertThrows(TypeError, () => f.getline.call({}));
    assertThrows(TypeError, () => f.puts.call(null, "x"));
    f.close();
});

test("std.in/out/err, fdopen, tmpfile", () => {
    assertEq(std.in.fileno(), 0);
    assertEq(std.out.fileno(), 1);
    assertEq(std.err.fileno(), 2);
    assertThrows(TypeError, () => std.out.close(), "standard streams stay open");
    const t = std.tmpfile();
    t.puts("temp");
    t.seek(0);
    assertEq(t.readAsString(), "temp");
    t.close();
    const fd = os.open(dir + "/t5", os.O_RDWR | os.O_CREAT, 0o600);
    const f = std.fdopen(fd, "r+");
    f.puts("via fd");
    f.close();
    assertEq(std.loadFile(dir + "/t5"), "via fd");
    const e = assertThrows(Error, () => std.fdopen(987, "r"));
    assertEq(e.errno, std.Error.EBADF);
});

test("popen reads a command's output and returns its status", () => {
    const p = std.popen("echo popen-out; exit 3", "r");
    assertEq(p.readAsString(), "popen-out\n");
    assertEq(p.close(), 3);
    const w = std.popen("cat > '" + dir + "/t6'", "w");
    w.puts("written");
    assertEq(w.close(), 0);
    assertEq(std.loadFile(dir + "/t6"), "written");
});

test("sprintf: integers", () => {
    assertEq(std.sprintf("%d %i %5d|%-5d|%05d", 42, -7, 3, 4, -5), "42 -7     3|4    |-0005");
    assertEq(std.sprintf("%x %X %o %#x %#o", 255, 255, 8, 255, 8), "ff FF 10 0xff 010");
    assertEq(std.sprintf("%u %x", -1, -1), "4294967295 ffffffff");
    assertEq(std.sprintf("%d", 2 ** 32 + 5), "5", "32-bit without l");
    assertEq(std.sprintf("%ld %lld %lx", 2 ** 40, -(2 ** 40), 2 ** 36), "1099511627776 -1099511627776 1000000000");
    assertEq(std.sprintf("%d %x", 2n ** 62n, -1n), "4611686018427387904 ffffffffffffffff");
    assertEq(std.sprintf("%+d % d %hd %zd", 5, 5, 6, 7), "+5  5 6 7");
    assertEq(std.sprintf("%*d|%-*d|%.*d", 4, 1, 3, 2, 3, 7), "   1|2  |007");
});

test("sprintf: floats, strings, chars, %%", () => {
    assertEq(std.sprintf("%f %.2f %8.3f %e %E", 1.5, 3.14159, 2.5, 12345.678, 0.5),
             "1.500000 3.14    2.500 1.234568e+04 5.000000E-01");
    assertEq(std.sprintf("%g %g %G %a", 0.0001, 1e20, 1e-10, 1), "0.0001 1e+20 1E-10 0x1p+0");
    assertEq(std.sprintf("%f %f", Infinity, NaN), "inf nan");
    assertEq(std.sprintf("[%s] [%5s] [%-5s] [%.2s] [%s]", "abc", "ab", "ab", "abcdef", 12),
             "[abc] [   ab] [ab   ] [ab] [12]");
    assertEq(std.sprintf("[%3s] [%.1s]", "é", "éa"), "[  é] [é]", "widths in code points");
    assertEq(std.sprintf("%c%c%c %3c", 65, "bcd", 0x1F600, 120), "Ab😀   x");
    assertEq(std.sprintf("100%% %s", "done"), "100% done");
    assertEq(std.sprintf("no conversions"), "no conversions");
    assertEq(std.sprintf(""), "");
});

test("sprintf errors", () => {
    assertThrows(TypeError, () => std.sprintf("%d"), "missing argument");
    assertThrows(TypeError, () => std.sprintf("%y", 1), "invalid conversion");
    assertThrows(TypeError, () => std.sprintf("%", 1), "lone %");
    assertThrows(RangeError, () => std.sprintf("%99999999d", 1), "huge width");
    assertThrows(RangeError, () => std.sprintf("%c", -1));
});

test("printf and puts write to stdout", () => {
    const [r, w] = os.pipe();
    const pid = os.exec([os.execPath(), "-e",
        'import("quickjs:std").then((std) => { std.puts("a", "b"); ' +
        'const n = std.printf("<%03d>", 7); std.out.puts(" " + n); std.out.flush(); })'],
        { stdout: w, block: false });
    os.close(w);
    const buf = new Uint8Array(100);
    const n = os.read(r, buf, 0, 100);
    os.close(r);
    os.waitpid(pid, 0);
    assertEq(String.fromCharCode(...buf.subarray(0, n)), "ab<007> 5");
});

test("loadFile and writeFile", () => {
    std.writeFile(dir + "/w1", "text é");
    assertEq(std.loadFile(dir + "/w1"), "text é");
    std.writeFile(dir + "/w2", new Uint8Array([104, 105]));
    assertEq(std.loadFile(dir + "/w2"), "hi");
    std.writeFile(dir + "/w3", new Uint8Array([0, 104, 105, 0]).buffer);
    assertEq(std.loadFile(dir + "/w3"), "\0hi\0");
    std.writeFile(dir + "/w3", new Uint16Array([0x6968]).subarray(0, 1));
    assertEq(std.loadFile(dir + "/w3"), "hi", "little-endian bytes of the view");
    std.writeFile(dir + "/w3", "");
    assertEq(std.loadFile(dir + "/w3"), "");
    assert(std.loadFile("/proc/self/status").includes("Pid:"), "files of unknown size");
    const e = assertThrows(Error, () => std.loadFile(dir + "/none"));
    assertEq(e.errno, ENOENT);
    assertEq(e.path, dir + "/none");
    assertEq(e.message, "loadFile '" + dir + "/none': No such file or directory");
    const e2 = assertThrows(Error, () => std.writeFile(dir + "/none/x", "a"));
    assertEq(e2.errno, ENOENT);
    assertThrows(TypeError, () => std.writeFile(dir + "/w4", 42));
});

test("getenv, setenv, unsetenv, getenviron", () => {
    assertEq(std.getenv("WEFT_TEST_NOT_SET"), undefined);
    std.setenv("WEFT_TEST_VAR", "v1");
    assertEq(std.getenv("WEFT_TEST_VAR"), "v1");
    assertEq(std.getenviron().WEFT_TEST_VAR, "v1");
    assertEq(os.exec(["sh", "-c", 'test "$WEFT_TEST_VAR" = v1']), 0, "children inherit it");
    std.unsetenv("WEFT_TEST_VAR");
    assertEq(std.getenv("WEFT_TEST_VAR"), undefined);
    assert(!("WEFT_TEST_VAR" in std.getenviron()));
    assertThrows(TypeError, () => std.setenv("A=B", "x"));
    assertThrows(TypeError, () => std.getenv(""));
});

test("strerror and std.Error", () => {
    assertEq(std.strerror(ENOENT), "No such file or directory");
    assertEq(std.Error.ENOENT, 2);
    assertEq(typeof std.Error.EACCES, "number");
});

test("parseExtJSON: plain JSON", () => {
    assertDeepEq(std.parseExtJSON('{"a": [1, 2.5, -3e2, true, false, null, "s\\n\\u00e9"]}'),
                 { a: [1, 2.5, -300, true, false, null, "s\né"] });
    assertEq(std.parseExtJSON("  42  "), 42);
    assertDeepEq(std.parseExtJSON("[]"), []);
    assertDeepEq(std.parseExtJSON("{}"), {});
});

test("parseExtJSON: extensions", () => {
    const v = std.parseExtJSON(`
        // a comment
        {
            unquoted: 1, $dollar_1: 2,
            'single': 'it\\'s',
            /* block
               comment */
            hex: 0xff, oct: 0o17, bin: 0b101, neg: -0x10,
            inf: Infinity, ninf: -Infinity, nan: NaN,
            plus: +5, lead: .5, trail: 5.,
            esc: '\\x41\\u{1F600}\\v\\0',
            cont: "a\\
b",
            arr: [1, 2, ],
        }`);
    assertEq(v.unquoted, 1);
    assertEq(v.$dollar_1, 2);
    assertEq(v.single, "it's");
    assertEq(v.hex, 255);
    assertEq(v.oct, 15);
    assertEq(v.bin, 5);
    assertEq(v.neg, -16);
    assertEq(v.inf, Infinity);
    assertEq(v.ninf, -Infinity);
    assertEq(v.nan, NaN);
    assertEq(v.plus, 5);
    assertEq(v.lead, 0.5);
    assertEq(v.trail, 5);
    assertEq(v.esc, "A\u{1F600}\v\0");
    assertEq(v.cont, "ab");
    assertDeepEq(v.arr, [1, 2]);
    assertEq(std.parseExtJSON('"\\ud83d\\ude00"'), "\u{1F600}", "surrogate pair");
    const o = std.parseExtJSON('{"__proto__": 1}');
    assertEq(Object.getOwnPropertyNames(o).join(), "__proto__", "an own property");
});

test("parseExtJSON: errors", () => {
    for (const bad of ["", "{", "[1,,2]", "{a 1}", "{,}", "[1 2]", "'abc", "/* x", "01x", "tru",
                       "{a: 1} x", "'\\1'", '"a\nb"', "0x", "1e", "-", "{1: 2}"]) {
        const e = assertThrows(SyntaxError, () => std.parseExtJSON(bad), JSON.stringify(bad));
        assert(e.message.startsWith("parseExtJSON: "), e.message);
    }
    const e = assertThrows(SyntaxError, () => std.parseExtJSON("{\n  a: 1,\n  b: @\n}"));
    assert(e.message.includes("line 3, column 6"), e.message);
    assertThrows(RangeError, () => std.parseExtJSON("[".repeat(5000)), "nesting limit");
    assertDeepEq(std.parseExtJSON("[".repeat(500) + "]".repeat(500)).length, 1);
});

test("evalScript runs global code", () => {
    assertEq(std.evalScript("1 + 2"), 3);
    std.evalScript("var weftEvalGlobal = 5;");
    assertEq(globalThis.weftEvalGlobal, 5);
    const e = assertThrows(Error, () => std.evalScript("throw new Error('boom')",
                                                       { filename: "my-file.js" }));
    assert(e.stack.includes("my-file.js"), e.stack);
    assertThrows(SyntaxError, () => std.evalScript("}"));
});

asyncTest("evalScript with async accepts await and returns a promise", async () => {
    const p = std.evalScript("await Promise.resolve(1); globalThis.weftAsyncRan = true; return 7;",
                             { async: true });
    assert(p instanceof Promise);
    assertEq(await p, 7);
    assertEq(globalThis.weftAsyncRan, true);
});

for (const name of os.readdir(dir))
    if (name !== "." && name !== "..")
        os.remove(dir + "/" + name);
os.remove(dir);
reportAsync();
