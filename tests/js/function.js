// function.js — the Function constructor and Function.prototype.

test("Function constructor", function () {
    var add = Function("a", "b", "return a + b");
    assertEq(add(1, 2), 3);
    var f2 = new Function("a, b", "return a * b");
    assertEq(f2(3, 4), 12);
    assertEq(Function()(), undefined);
    assertEq(Object.getPrototypeOf(add), Function.prototype);
    assertEq(add.name, "anonymous");
    assertThrows(SyntaxError, function () { Function("a", "return +"); });
    assertEq(Function.length, 1);
    assertEq(Function.prototype.constructor, Function);
});

test("Function.prototype itself", function () {
    assertEq(typeof Function.prototype, "function");
    assertEq(Function.prototype(), undefined);
    assertEq(Function.prototype.length, 0);
    assertEq(Function.prototype.name, "");
    assertEq(Object.getPrototypeOf(Function.prototype), Object.prototype);
    assertThrows(TypeError, function () { new Function.prototype(); });
});

test("call and apply", function () {
    function f(a, b) { "use strict"; return [this, a, b]; }
    assertDeepEq(f.call(1, 2, 3), [1, 2, 3]);
    assertDeepEq(f.call(), [undefined, undefined, undefined]);
    assertDeepEq(f.apply(1, [2, 3]), [1, 2, 3]);
    assertDeepEq(f.apply(1), [1, undefined, undefined]);
    assertDeepEq(f.apply(1, null), [1, undefined, undefined]);
    assertDeepEq(f.apply(1, { length: 2, 0: "a", 1: "b" }), [1, "a", "b"]);
    assertThrows(TypeError, function () { f.apply(1, 2); });
    assertThrows(TypeError, function () { Function.prototype.call.call({}); });
    assertThrows(TypeError, function () { Function.prototype.apply.call(1, null, []); });
    assertEq(Math.max.apply(null, [1, 5, 2]), 5);
    assertEq(Function.prototype.apply.length, 2);
    assertEq(Function.prototype.call.length, 1);
});

test("bind", function () {
    function f(a, b, c) { return [this, a, b, c]; }
    var b = f.bind("t", 1);
    assertDeepEq(b(2, 3).slice(1), [1, 2, 3]);
    assertEq(b.length, 2);
    assertEq(b.name, "bound f");
    assertEq(f.bind().length, 3);
    assertEq(f.bind(null, 1, 2, 3, 4).length, 0);
    var d = Object.getOwnPropertyDescriptor(b, "length");
    assertEq(d.writable, false);
    assertEq(d.configurable, true);
    assertDeepEq(Object.getOwnPropertyNames(b), ["length", "name"]);
    function P(x) { this.x = x; }
    var BP = P.bind(null, 5);
    var o = new BP();
    assertEq(o.x, 5);
    assert(o instanceof P);
    assert(o instanceof BP);
    var arrow = (() => 1).bind(null);
    assertThrows(TypeError, function () { new arrow(); });
    assertThrows(TypeError, function () { Function.prototype.bind.call({}); });
    // length from a non-number or infinite length
    function g() {}
    Object.defineProperty(g, "length", { value: "3" });
    assertEq(g.bind().length, 0);
    Object.defineProperty(g, "length", { value: Infinity });
    assertEq(g.bind(null, 1).length, Infinity);
    Object.defineProperty(g, "length", { value: -Infinity });
    assertEq(g.bind().length, 0);
    Object.defineProperty(g, "length", { value: 2.7 });
    assertEq(g.bind().length, 2);
    Object.defineProperty(g, "name", { value: 42 });
    assertEq(g.bind().name, "bound ");
    // the prototype comes from the target
    var proto = Object.create(Function.prototype);
    Object.setPrototypeOf(g, proto);
    assertEq(Object.getPrototypeOf(g.bind()), proto);
    // bound of bound
    var bb = f.bind(1, 1).bind(2, 2);
    assertDeepEq(bb(3).slice(1), [1, 2, 3]);
    assertEq(bb.name, "bound bound f");
});

test("toString", function () {
    assertEq(Math.max.toString(), "function max() { [native code] }");
    assertEq(Function.prototype.toString.call(Function.prototype), "function () { [native code] }");
    var b = function foo() {}.bind();
    assertEq(b.toString(), "function () { [native code] }");
    var src = "function foo(a, b) { return a; }";
    assertEq(eval("(" + src + ")").toString(), src);
    var getter = Object.getOwnPropertyDescriptor(Object.prototype, "__proto__").get;
    assertEq(getter.toString(), "function get __proto__() { [native code] }");
    assertEq(Function.prototype[Symbol.hasInstance].toString(),
             "function [Symbol.hasInstance]() { [native code] }");
    assertThrows(TypeError, function () { Function.prototype.toString.call({}); });
});

test("Symbol.hasInstance", function () {
    var hi = Function.prototype[Symbol.hasInstance];
    function F() {}
    assertEq(hi.call(F, new F()), true);
    assertEq(hi.call(F, {}), false);
    assertEq(hi.call({}, {}), false);
    assertEq(hi.call(F, 1), false);
    var d = Object.getOwnPropertyDescriptor(Function.prototype, Symbol.hasInstance);
    assertEq(d.writable, false);
    assertEq(d.enumerable, false);
    assertEq(d.configurable, false);
    assertEq(hi.name, "[Symbol.hasInstance]");
    assertEq(hi.length, 1);
});

test("restricted caller and arguments", function () {
    var d = Object.getOwnPropertyDescriptor(Function.prototype, "caller");
    assertEq(typeof d.get, "function");
    assertEq(d.get, d.set);
    assertEq(d.configurable, true);
    assertEq(d.enumerable, false);
    var d2 = Object.getOwnPropertyDescriptor(Function.prototype, "arguments");
    assertEq(d2.get, d.get);
    assertThrows(TypeError, function () { (function () { "use strict"; }).caller; });
    assertThrows(TypeError, function () { d.get.call(function () {}); });
    assertEq(Object.isFrozen(d.get), true);
});

test("legacy caller and arguments of sloppy functions", function () {
    function sloppy() { return [sloppy.caller, sloppy.arguments]; }
    assertDeepEq(sloppy(), [undefined, undefined]);
    function callee() { return arguments.callee.caller; }
    (function () { "use strict"; assertEq(callee(), undefined); })();
    ["caller", "arguments"].forEach(function (name) {
        assertDeepEq(Object.getOwnPropertyDescriptor(sloppy, name),
                     { value: undefined, writable: false, enumerable: false, configurable: false });
        assertEq(Function("")["hasOwnProperty"](name), true, "Function() " + name);
        assertEq(new Function("'use strict'").hasOwnProperty(name), false, "strict Function() " + name);
        var others = [
            function () { "use strict"; }, () => 0, { m() {} }.m, function* () {},
            async function () {}, class {}, sloppy.bind(null),
            Object.getOwnPropertyDescriptor({ get g() { return 0; } }, "g").get
        ];
        others.forEach(function (f, i) {
            assertEq(f.hasOwnProperty(name), false, name + " of function #" + i);
        });
    });
    assertDeepEq(Object.getOwnPropertyNames(function f(a) {}),
                 ["length", "name", "prototype", "caller", "arguments"]);
    assertThrows(TypeError, function () { "use strict"; sloppy.caller = 1; });
});

test("new.target's prototype for dynamic functions", function () {
    function NT() {}
    NT.prototype = null;
    assertEq(Object.getPrototypeOf(Reflect.construct(Function, [], NT)), Function.prototype);
    var GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
    assertEq(Object.getPrototypeOf(Reflect.construct(GeneratorFunction, [], NT)),
             GeneratorFunction.prototype);
    NT.prototype = Array.prototype;
    assertEq(Object.getPrototypeOf(Reflect.construct(Function, [], NT)), Array.prototype);
});

test("class constructor and derived constructor errors", function () {
    class C {}
    assertThrows(TypeError, function () { C(); });
    class ReturnsPrimitive extends Object { constructor() { super(); return 1; } }
    assertThrows(TypeError, function () { new ReturnsPrimitive(); });
    class NoSuper extends Object { constructor() {} }
    assertThrows(ReferenceError, function () { new NoSuper(); });
    // the errors come from [[Construct]], after the body: its own catch
    // does not see them
    var caught = false;
    class Guarded extends Object {
        constructor() { try { return null; } catch (e) { caught = true; super(); } }
    }
    assertThrows(TypeError, function () { new Guarded(); });
    assertEq(caught, false);
    class ReturnsUndefined extends Object { constructor() { super(); return undefined; } }
    assert(new ReturnsUndefined() instanceof ReturnsUndefined);
    var o = {};
    class ReturnsObject extends Object { constructor() { return o; } }
    assertEq(new ReturnsObject(), o);
});

report();
