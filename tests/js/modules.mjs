// modules.mjs — ES modules (module.c, compile_module.c): live bindings,
// cycles, namespaces, re-exports, import.meta, dynamic import(), top-level
// await. Fixtures in tests/js/modules/.
import * as counter from "./modules/counter.mjs";
import def, { count, increment, label } from "./modules/counter.mjs";
import { fromA, seenByA } from "./modules/cycle_a.mjs";
import { seenByB } from "./modules/cycle_b.mjs";
import * as re from "./modules/reexport.mjs";
import { ready } from "./modules/tla.mjs";

test("live bindings follow the exporter's assignments", function () {
    var before = count;
    assertEq(increment(), before + 1);
    assertEq(count, before + 1);
    assertEq(counter.count, count);
    assertEq(counter["string name"], count);
});

test("imports are immutable", function () {
    assertThrows(TypeError, function () { count = 5; });
    assertThrows(TypeError, function () { "use strict"; counter.count = 5; });
});

test("default exports and hoisted functions", function () {
    assertEq(def(), "the default");
    assertEq(def.name, "default");
    assertEq(label, "counter");
});

test("cycles: hoisted functions are callable before their module runs", function () {
    assertEq(seenByA, "B");
    assertEq(seenByB, "A");
    assertEq(fromA(), "A");
});

test("namespace objects", function () {
    assertDeepEq(Object.keys(counter), ["count", "default", "increment", "label", "string name"]);
    assertEq(Object.prototype.toString.call(counter), "[object Module]");
    assertEq(Object.getPrototypeOf(counter), null);
    assertEq(Object.isExtensible(counter), false);
    assertEq(Reflect.set(counter, "count", 1), false);
    assertEq(Reflect.deleteProperty(counter, "count"), false);
    assertEq(Reflect.deleteProperty(counter, "nothing"), true);
    var d = Object.getOwnPropertyDescriptor(counter, "label");
    assertEq(d.writable, true);
    assertEq(d.enumerable, true);
    assertEq(d.configurable, false);
});

test("re-exports: star, star-as, renamed; default is not star-exported", function () {
    assertEq(re.label, "counter");
    assertEq(re.renamed, "counter");
    assertEq(re.counterNs, counter);
    assertEq(re.counterDefault, def);
    assertEq("default" in re, false);
});

test("top-level await finished before the importer ran", function () {
    assertEq(ready, true);
});

test("import.meta", function () {
    assertEq(Object.getPrototypeOf(import.meta), null);
    assert(import.meta.url.startsWith("file://"), import.meta.url);
    assert(import.meta.url.endsWith("/tests/js/modules.mjs"), import.meta.url);
    assertEq(import.meta, import.meta);
});

asyncTest("dynamic import: the same namespace, once evaluated", async function () {
    var ns = await import("./modules/counter.mjs");
    assertEq(ns, counter);
});

asyncTest("dynamic import: a throwing module rejects, every time with the same error", async function () {
    var e1, e2;
    try { await import("./modules/throws.mjs"); } catch (e) { e1 = e; }
    try { await import("./modules/throws.mjs"); } catch (e) { e2 = e; }
    assert(e1 instanceof RangeError);
    assertEq(e1, e2);
});

asyncTest("dynamic import: a missing file rejects", async function () {
    try {
        await import("./modules/does-not-exist.mjs");
        throw new Error("not reached");
    } catch (e) {
        assert(e instanceof ReferenceError, String(e));
    }
});

asyncTest("dynamic import: the specifier is converted at the call", async function () {
    var p = import({ toString: function () { throw new SyntaxError("s"); } });
    assert(p instanceof Promise);
    try { await p; } catch (e) { assert(e instanceof SyntaxError); return; }
    throw new Error("not rejected");
});

reportAsync();
