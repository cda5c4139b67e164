// require() from a classic script: relative to the script's directory,
// builtin names, namespaces of ES modules loaded synchronously.
var os = require("quickjs:os");
var std = require("std");

var dir = (std.getenv("TMPDIR") || "/tmp") + "/weft-require-" + os.getpid() + "-" +
          Math.floor(Math.random() * 1e9);
os.mkdir(dir, 0o700);
dir = os.realpath(dir);
std.writeFile(dir + "/m.js", "export default 42; export const dep = require('./dep').x;");
std.writeFile(dir + "/dep.js", "export const x = 'dep';");

test("require gives the builtin namespaces", function () {
    assertEq(os, require("os"));
    assertEq(typeof os.open, "function");
    assertEq(typeof require("quickjs:os").Worker, "function");
    assertEq(typeof std.printf, "function");
});

test("require of a file gives its namespace, evaluated once", function () {
    var m = require(dir + "/m.js");
    assertEq(m.default, 42);
    assertEq(m.dep, "dep", "require inside a module is relative to that module");
    assertEq(require(dir + "/m"), m);
    assertEq(Object.prototype.toString.call(m), "[object Module]");
});

test("require.resolve is relative to the calling script", function () {
    assertEq(require.resolve("./require.js"), os.realpath("tests/runtime/require.js"));
    assertEq(require.resolve("std"), "quickjs:std");
    var e = assertThrows(ReferenceError, function () { require("./none.js"); });
    assertEq(e.message, "cannot find module './none.js' imported from " +
                        os.realpath("tests/runtime/require.js"));
});

os.remove(dir + "/m.js");
os.remove(dir + "/dep.js");
os.remove(dir);
report();
