// symbol.js — Symbol, the registry, the well-known symbols, Symbol.prototype.

test("Symbol()", function () {
    var s = Symbol("x");
    assertEq(typeof s, "symbol");
    assert(s !== Symbol("x"));
    assertEq(s.toString(), "Symbol(x)");
    assertEq(s.description, "x");
    assertEq(Symbol().description, undefined);
    assertEq(Symbol().toString(), "Symbol()");
    assertEq(Symbol("").description, "");
    assertEq(Symbol(undefined).description, undefined);
    assertEq(Symbol(null).description, "null");
    assertEq(Symbol({ toString: function () { return "o"; } }).description, "o");
    assertThrows(TypeError, function () { new Symbol(); });
    assertThrows(TypeError, function () { Symbol(Symbol()); });
    assertEq(Symbol.length, 0);
    assertEq(Object.getPrototypeOf(Symbol), Function.prototype);
});

test("Symbol.for and keyFor", function () {
    var a = Symbol.for("app");
    assertEq(Symbol.for("app"), a);
    assertEq(Symbol.keyFor(a), "app");
    assertEq(Symbol.keyFor(Symbol("app")), undefined);
    assertEq(Symbol.keyFor(Symbol.iterator), undefined);
    assertEq(Symbol.for(), Symbol.for("undefined"));
    assertEq(a.description, "app");
    assertThrows(TypeError, function () { Symbol.keyFor("app"); });
    var w = Symbol.for("\u1234wide");
    assertEq(Symbol.for("\u1234wide"), w);
    assertEq(Symbol.keyFor(w), "\u1234wide");
});

test("well-known symbols", function () {
    var names = ["asyncIterator", "hasInstance", "isConcatSpreadable", "iterator", "match",
                 "matchAll", "replace", "search", "species", "split", "toPrimitive",
                 "toStringTag", "unscopables"];
    for (var i = 0; i < names.length; i++) {
        var d = Object.getOwnPropertyDescriptor(Symbol, names[i]);
        assertEq(typeof d.value, "symbol", names[i]);
        assertEq(d.writable, false);
        assertEq(d.enumerable, false);
        assertEq(d.configurable, false);
        assertEq(d.value.description, "Symbol." + names[i]);
    }
    assertEq(typeof [][Symbol.iterator], "function");
});

test("Symbol.prototype", function () {
    var s = Symbol("p");
    var o = Object(s);
    assertEq(typeof o, "object");
    assertEq(o.valueOf(), s);
    assertEq(o.toString(), "Symbol(p)");
    assertEq(o.description, "p");
    assertEq(o[Symbol.toPrimitive]("number"), s);
    assertEq(Symbol.prototype[Symbol.toStringTag], "Symbol");
    assertThrows(TypeError, function () { Symbol.prototype.valueOf.call({}); });
    assertThrows(TypeError, function () { Symbol.prototype.toString.call("x"); });
    var d = Object.getOwnPropertyDescriptor(Symbol.prototype, "description");
    assertEq(typeof d.get, "function");
    assertEq(d.set, undefined);
    assertThrows(TypeError, function () { d.get.call(1); });
    var tp = Object.getOwnPropertyDescriptor(Symbol.prototype, Symbol.toPrimitive);
    assertEq(tp.writable, false);
    assertEq(tp.configurable, true);
    assertEq(tp.value.name, "[Symbol.toPrimitive]");
    assertEq(Symbol.prototype.constructor, Symbol);
});

test("symbols as keys and conversions", function () {
    var s = Symbol("k");
    var o = {};
    o[s] = 1;
    assertEq(o[s], 1);
    assertEq(Object.keys(o).length, 0);
    assertThrows(TypeError, function () { return s + ""; });
    assertThrows(TypeError, function () { return +s; });
    assertEq(String(s), "Symbol(k)");
    assertEq(Object(s) == s, true);
    assertEq(s.constructor, Symbol);
});

test("%IteratorPrototype%", function () {
    var IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    assertEq(Object.getPrototypeOf(IteratorPrototype), Object.prototype);
    var f = IteratorPrototype[Symbol.iterator];
    var o = {};
    assertEq(f.call(o), o);
    assertEq(f.call(5), 5);
    assertEq(f.name, "[Symbol.iterator]");
    assertEq(f.length, 0);
    var d = Object.getOwnPropertyDescriptor(IteratorPrototype, Symbol.toStringTag);
    assertEq(typeof d.get, "function");
    assertEq(typeof d.set, "function");
    assertEq(IteratorPrototype[Symbol.toStringTag], "Iterator");
    assertThrows(TypeError, function () { d.set.call(IteratorPrototype, "x"); });
    assertThrows(TypeError, function () { d.set.call(1, "x"); });
    var it = Object.create(IteratorPrototype);
    it[Symbol.toStringTag] = "Mine";
    assertEq(Object.getOwnPropertyDescriptor(it, Symbol.toStringTag).value, "Mine");
    assertEq(Object.prototype.toString.call(it), "[object Mine]");
    assertEq(IteratorPrototype[Symbol.toStringTag], "Iterator");
});

report();
