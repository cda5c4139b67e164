// error.js — Error, the native errors, AggregateError, InternalError.

var natives = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];

test("Error", function () {
    var e = new Error("msg");
    assertEq(e.message, "msg");
    assertEq(e.name, "Error");
    assertEq(e.hasOwnProperty("message"), true);
    assertEq(Object.getOwnPropertyDescriptor(e, "message").enumerable, false);
    assertEq(new Error().hasOwnProperty("message"), false);
    assertEq(Error("x").message, "x");
    assertEq(Object.getPrototypeOf(Error("x")), Error.prototype);
    assertEq(String(new Error("m")), "Error: m");
    assertEq(new Error(5).message, "5");
    assertEq(Error.length, 1);
    assertEq(Error.prototype.message, "");
    assertEq(Error.prototype.name, "Error");
    assertEq(Object.prototype.toString.call(Error.prototype), "[object Object]");
    assertEq(typeof e.stack, "string");
    assertThrows(TypeError, function () { new Error(Symbol()); });
});

test("cause", function () {
    var c = {};
    var e = new Error("m", { cause: c });
    assertEq(e.cause, c);
    assertEq(Object.getOwnPropertyDescriptor(e, "cause").enumerable, false);
    assertEq(new Error("m", {}).hasOwnProperty("cause"), false);
    assertEq(new Error("m", { cause: undefined }).hasOwnProperty("cause"), true);
    assertEq(new Error("m", 1).hasOwnProperty("cause"), false);
    assertEq(new TypeError("m", { cause: 1 }).cause, 1);
    var order = [];
    new Error({ toString: function () { order.push("msg"); return ""; } },
              { get cause() { order.push("cause"); } });
    assertDeepEq(order, ["msg", "cause"]);
});

test("Error.prototype.toString", function () {
    var ts = Error.prototype.toString;
    assertEq(ts.call({}), "Error");
    assertEq(ts.call({ name: "N" }), "N");
    assertEq(ts.call({ message: "M" }), "Error: M");
    assertEq(ts.call({ name: "", message: "M" }), "M");
    assertEq(ts.call({ name: "N", message: "" }), "N");
    assertEq(ts.call({ name: undefined, message: undefined }), "Error");
    assertThrows(TypeError, function () { ts.call(1); });
    assertEq(ts.length, 0);
});

test("native errors", function () {
    for (var i = 0; i < natives.length; i++) {
        var C = natives[i];
        var e = new C("m");
        assertEq(e.message, "m");
        assertEq(e.name, C.name);
        assert(e instanceof C);
        assert(e instanceof Error);
        assertEq(Object.getPrototypeOf(C), Error);
        assertEq(Object.getPrototypeOf(C.prototype), Error.prototype);
        assertEq(C.prototype.constructor, C);
        assertEq(C.prototype.message, "");
        assertEq(C.prototype.hasOwnProperty("toString"), false);
        assertEq(C.length, 1);
        assertEq(Object.getPrototypeOf(C("x")), C.prototype);
        assertEq(String(e), C.name + ": m");
        assertEq(Object.prototype.toString.call(e), "[object Error]");
    }
});

test("engine errors use the native prototypes", function () {
    try { null.x; } catch (e) { assertEq(Object.getPrototypeOf(e), TypeError.prototype); }
    try { undefinedVariable; } catch (e) { assertEq(e.constructor, ReferenceError); }
});

test("AggregateError", function () {
    var e = new AggregateError([1, 2], "m", { cause: 0 });
    assertDeepEq(e.errors, [1, 2]);
    assertEq(e.message, "m");
    assertEq(e.cause, 0);
    assertEq(e.name, "AggregateError");
    assertEq(AggregateError.length, 2);
    assertEq(Object.getPrototypeOf(AggregateError), Error);
    assertEq(Object.getOwnPropertyDescriptor(e, "errors").enumerable, false);
    assertThrows(TypeError, function () { new AggregateError(); });
    assertThrows(TypeError, function () { new AggregateError(1); });
    assertDeepEq(AggregateError(new Set(["a"])).errors, ["a"]);
    assert(e.errors !== AggregateError([1, 2]).errors);
    // the message is converted before the errors are iterated
    var order = [];
    var it = {};
    it[Symbol.iterator] = function () { order.push("iter"); return [][Symbol.iterator](); };
    new AggregateError(it, { toString: function () { order.push("msg"); return "m"; } });
    assertDeepEq(order, ["msg", "iter"]);
});

test("InternalError", function () {
    var e = new InternalError("x");
    assert(e instanceof Error);
    assertEq(e.name, "InternalError");
});

test("Error.isError", function () {
    assertEq(Error.isError(new Error()), true);
    assertEq(Error.isError(new TypeError()), true);
    assertEq(Error.isError({ __proto__: Error.prototype }), false);
    assertEq(Error.isError(Error.prototype), false);
    assertEq(Error.isError(1), false);
    class MyErr extends Error {}
    assertEq(Error.isError(new MyErr()), true);
});

test("Error.prototype.stack is an accessor over [[ErrorData]]", function () {
    var desc = Object.getOwnPropertyDescriptor(Error.prototype, "stack");
    assertEq(typeof desc.get, "function");
    assertEq(typeof desc.set, "function");
    assertEq(desc.enumerable, false);
    assertEq(desc.configurable, true);
    assertEq(desc.get.name, "get stack");
    assertEq(desc.set.name, "set stack");
    assertEq(desc.set.length, 1);
    var e = new TypeError("boom");
    assertEq(e.hasOwnProperty("stack"), false);
    assertEq(Object.getOwnPropertyNames(e).indexOf("stack"), -1);
    assertEq(desc.get.call(e), e.stack);
    assertEq(desc.get.call({}), undefined);
    assertEq(desc.get.call(Object.create(e)), undefined);
    assertEq(Error.prototype.stack, undefined);
    assertThrows(TypeError, function () { desc.get.call(1); });
    // a foreign new.target keeps the slot, not the accessor
    function F() {}
    var f = Reflect.construct(RangeError, ["m"], F);
    assertEq(f.stack, undefined);
    assertEq(typeof desc.get.call(f), "string");
});

test("the captured stack", function () {
    function thrower() { throw new RangeError("deep"); }
    var e = assertThrows(RangeError, function () { thrower(); });
    var lines = e.stack.split("\n");
    assertEq(lines[0], "RangeError: deep");
    assertEq(lines[1].indexOf("    at thrower ("), 0, lines[1]);
    assert(lines[1].indexOf("error.js:") > 0, lines[1]);
    // engine errors and syntax errors carry one too
    try { null.x; } catch (err) { assertEq(err.stack.split("\n")[0].indexOf("TypeError: "), 0); }
    try { eval("1 +"); } catch (err) {
        assertEq(err.hasOwnProperty("stack"), false);
        assertEq(err.stack.indexOf("SyntaxError: "), 0, err.stack);
        assertEq(err.stack.split("\n")[1].indexOf("    at <eval>:1:"), 0, err.stack);
    }
    // renaming after creation does not change the captured header
    var n = new Error("x");
    n.name = "Other";
    assertEq(n.stack.split("\n")[0], "Error: x");
});

test("setting stack", function () {
    var set = Object.getOwnPropertyDescriptor(Error.prototype, "stack").set;
    var e = new Error("m");
    var captured = e.stack;
    e.stack = "mine";
    assertDeepEq(Object.getOwnPropertyDescriptor(e, "stack"),
                 { value: "mine", writable: true, enumerable: true, configurable: true });
    delete e.stack;
    assertEq(e.stack, captured);
    assertThrows(TypeError, function () { e.stack = 1; });
    assertThrows(TypeError, function () { set.call(e); });
    assertThrows(TypeError, function () { set.call(undefined, "s"); });
    assertThrows(TypeError, function () { Error.prototype.stack = "s"; });
    var plain = {};
    assertEq(set.call(plain, "p"), undefined);
    assertEq(plain.stack, "p");
    // an existing own property is assigned, keeping its attributes
    var fixed = new Error("m");
    Object.defineProperty(fixed, "stack", { value: "a", writable: true, configurable: false });
    set.call(fixed, "b");
    assertDeepEq(Object.getOwnPropertyDescriptor(fixed, "stack"),
                 { value: "b", writable: true, enumerable: false, configurable: false });
    assertThrows(TypeError, function () { set.call(Object.freeze(new Error()), "s"); });
    // proxies: getOwnPropertyDescriptor, then defineProperty
    var log = [];
    var p = new Proxy({}, {
        getOwnPropertyDescriptor: function (t, k) { log.push("gopd " + k); return undefined; },
        defineProperty: function (t, k, d) { log.push("define " + k + " " + d.value); return true; }
    });
    set.call(p, "v");
    assertDeepEq(log, ["gopd stack", "define stack v"]);
});

test("subclassing", function () {
    class MyErr extends RangeError { constructor(m) { super(m); this.extra = 1; } }
    var e = new MyErr("q");
    assertEq(e.message, "q");
    assertEq(e.extra, 1);
    assert(e instanceof RangeError);
    assertEq(Object.getPrototypeOf(e), MyErr.prototype);
    var o = Reflect.construct(Error, ["r"], Object);
    assertEq(Object.getPrototypeOf(o), Object.prototype);
    function F() {}
    F.prototype = 1;
    assertEq(Object.getPrototypeOf(Reflect.construct(TypeError, [], F)), TypeError.prototype);
});

report();
