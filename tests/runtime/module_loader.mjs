// The module loader: relative and absolute specifiers, optional ".js", a
// folder's index.js, builtin names and their aliases, the missing-module
// message, require() and require.resolve, import.meta and its functions.
import * as os from "os";
import * as os2 from "quickjs:os";
import * as std from "std";
import * as std2 from "quickjs:std";

globalThis.weftLoaderMainRuns = (globalThis.weftLoaderMainRuns || 0) + 1;

function makeTempDir() {
    const base = std.getenv("TMPDIR") || "/tmp";
    const dir = base + "/weft-loader-" + os.getpid() + "-" + Math.floor(Math.random() * 1e9);
    os.mkdir(dir, 0o700);
    return os.realpath(dir);
}

function removeTree(path) {
    if ((os.lstat(path).mode & os.S_IFMT) === os.S_IFDIR) {
        for (const name of os.readdir(path))
            if (name !== "." && name !== "..")
                removeTree(path + "/" + name);
    }
    os.remove(path);
}

const dir = makeTempDir();
const files = {
    "lib/index.js": 'export const name = "index"; globalThis.weftIndexRuns = (globalThis.weftIndexRuns || 0) + 1;',
    "lib/util.js": 'export { name } from "./index.js"; export const util = "util";',
    "a.mjs": `import { util } from "./lib/util";
              import * as lib from "./lib";
              import * as libIndex from "./lib/index.js";
              export { util, lib, libIndex };
              export const meta = import.meta;`,
    "sub/b.mjs": 'export { util } from "../a.mjs"; export const absolute = (await import("' +
                 dir + '/lib/index.js")).name;',
    "missing.mjs": 'import "./nope.js";',
    "tla.mjs": "export const v = await Promise.resolve(5).then((x) => x + 1);",
    "tla_timer.mjs": "await new Promise((r) => setTimeout(r, 5)); export const v = 1;",
    "throws.mjs": 'globalThis.weftThrowsRuns = (globalThis.weftThrowsRuns || 0) + 1; throw new RangeError("bad module");',
    "req.mjs": `export const viaMeta = import.meta.require("./lib").name;
                export const resolved = import.meta.resolve("./lib/util");
                export const resolvedBuiltin = import.meta.resolve("std");
                export const viaGlobal = require("./lib/util.js").util;`,
    "syntax.mjs": "export const = 1;",
};
for (const f in files) {
    const slash = f.lastIndexOf("/");
    if (slash > 0) {
        try { os.mkdir(dir + "/" + f.slice(0, slash)); } catch (e) { if (e.errno !== std.Error.EEXIST) throw e; }
    }
    std.writeFile(dir + "/" + f, files[f]);
}
os.symlink(dir + "/lib", dir + "/liblink");

test("builtin aliases give the same module instance", () => {
    assertEq(os, os2);
    assertEq(std, std2);
    assertEq(require("os"), os);
    assertEq(require("quickjs:os"), os);
    assertEq(require("std"), std);
    assertEq(typeof require("quickjs:os").Worker, "function");
    for (const name of ["quickjs:cmdline", "quickjs:timers", "quickjs:engine"])
        assertEq(typeof require(name), "object", name);
    const e = assertThrows(ReferenceError, () => require("quickjs:nope"));
    assertEq(e.message, "no builtin module named 'quickjs:nope'");
    assertThrows(TypeError, () => require(""));
});

asyncTest("relative paths, optional .js, a folder's index.js, one instance per file", async () => {
    const a = await import(dir + "/a.mjs");
    assertEq(a.util, "util");
    assertEq(a.lib.name, "index");
    assertEq(a.lib, a.libIndex, "./lib and ./lib/index.js are one module");
    assertEq(globalThis.weftIndexRuns, 1);
    const b = await import(dir + "/sub/b.mjs");
    assertEq(b.util, "util");
    assertEq(b.absolute, "index");
    assertEq(await import("file://" + dir + "/lib/index.js"), a.lib, "file:// URLs");
    assertEq(await import(dir + "/liblink/index.js"), a.lib, "symlinks resolve to the real file");
    assertEq(globalThis.weftIndexRuns, 1);
});

asyncTest("import.meta of an imported module", async () => {
    const { meta } = await import(dir + "/a.mjs");
    assertEq(meta.url, "file://" + dir + "/a.mjs");
    assertEq(meta.filename, dir + "/a.mjs");
    assertEq(meta.dirname, dir);
    assertEq(meta.main, false);
    assertEq(typeof meta.resolve, "function");
    assertEq(typeof meta.require, "function");
});

test("import.meta of the main module", () => {
    assertEq(import.meta.main, true);
    assertEq(import.meta.filename, os.realpath("tests/runtime/module_loader.mjs"));
    assertEq(import.meta.url, "file://" + import.meta.filename);
    assertEq(import.meta.dirname, os.realpath("tests/runtime"));
    assertEq(import.meta.resolve("./std.mjs"), "file://" + os.realpath("tests/runtime/std.mjs"));
    assertEq(import.meta.resolve("quickjs:os"), "quickjs:os");
});

asyncTest("the main module imported again is the same instance", async () => {
    const self = await import(import.meta.filename);
    assertEq(typeof self, "object");
    assertEq(require(import.meta.filename), self);
    assertEq(globalThis.weftLoaderMainRuns, 1);
});

asyncTest("a missing module names the file and the importer", async () => {
    const e = await import(dir + "/missing.mjs").then(() => null, (e) => e);
    assert(e instanceof ReferenceError, String(e));
    assertEq(e.message, "cannot find module './nope.js' imported from " + dir + "/missing.mjs");
    assertEq(e.errno, std.Error.ENOENT);
    assertEq(e.path, dir + "/nope.js");
    const e2 = assertThrows(ReferenceError, () => require("./no-such-module"));
    assertEq(e2.message, "cannot find module './no-such-module' imported from " +
                         import.meta.filename);
});

test("require: files, relative to the caller; require.resolve", () => {
    const lib = require(dir + "/lib");
    assertEq(lib.name, "index");
    assertEq(require(dir + "/lib/index"), lib);
    const r = require(dir + "/req.mjs");
    assertEq(r.viaMeta, "index");
    assertEq(r.viaGlobal, "util", "the global require is relative to its caller");
    assertEq(r.resolved, "file://" + dir + "/lib/util.js");
    assertEq(r.resolvedBuiltin, "quickjs:std");
    assertEq(require.resolve(dir + "/lib"), dir + "/lib/index.js");
    assertEq(require.resolve("./os_fs.mjs"), os.realpath("tests/runtime/os_fs.mjs"));
    assertEq(require.resolve("os"), "quickjs:os");
    assertThrows(TypeError, () => require(42));
    assertThrows(ReferenceError, () => require.resolve(dir + "/none"));
});

test("long paths are not cut from messages", () => {
    const long = dir + "/" + ("d".repeat(50) + "/").repeat(6) + "x.js";
    const e = assertThrows(ReferenceError, () => require(long));
    assert(e.message.endsWith("'" + long + "' imported from " + import.meta.filename), e.message);
    const e2 = assertThrows(Error, () => os.stat(long));
    assertEq(e2.message, "stat '" + long + "': No such file or directory");
});

test("code without a file resolves against the current directory", () => {
    const [r, w] = os.pipe();
    const pid = os.exec([os.execPath(), "-m", "-e",
                         'import { util } from "./lib/util"; print(util, import.meta.url, ' +
                         'import.meta.filename, import.meta.dirname)'],
                        { cwd: dir, stdout: w, block: false });
    os.close(w);
    const f = std.fdopen(r, "r");
    const out = f.readAsString();
    f.close();
    os.waitpid(pid, 0);
    assertEq(out, "util <cmdline> <cmdline> " + dir + "\n");
});

test("require: a bare name is relative to the current directory", () => {
    const cwd = os.getcwd();
    os.chdir(dir);
    try {
        assertEq(require("lib/util").util, "util");
        assertEq(require.resolve("lib"), dir + "/lib/index.js");
    } finally {
        os.chdir(cwd);
    }
});

test("require: top-level await settled by promise jobs", () => {
    assertEq(require(dir + "/tla.mjs").v, 6);
});

test("require: top-level await on a timer cannot complete synchronously", () => {
    const e = assertThrows(TypeError, () => require(dir + "/tla_timer.mjs"));
    assert(e.message.includes("tla_timer.mjs"), e.message);
});

test("require: a module that throws, every time, evaluated once", () => {
    const e1 = assertThrows(RangeError, () => require(dir + "/throws.mjs"));
    const e2 = assertThrows(RangeError, () => require(dir + "/throws.mjs"));
    assertEq(e1, e2);
    assertEq(globalThis.weftThrowsRuns, 1);
    assertThrows(SyntaxError, () => require(dir + "/syntax.mjs"));
});

Promise.all(__weft_async_tests).then(() => removeTree(dir));
reportAsync();
