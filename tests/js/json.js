// json.js — JSON.parse and JSON.stringify (builtins/json.c).

test("parse: literals and numbers", function () {
    assertEq(JSON.parse("true"), true);
    assertEq(JSON.parse("false"), false);
    assertEq(JSON.parse("null"), null);
    assertEq(JSON.parse(" 42 "), 42);
    assertEq(JSON.parse("-0"), -0);
    assertEq(JSON.parse("0"), 0);
    assertEq(JSON.parse("1.5e3"), 1500);
    assertEq(JSON.parse("-1.5E-3"), -0.0015);
    assertEq(JSON.parse("1e400"), Infinity);
    assertEq(JSON.parse("123456789012"), 123456789012);
    assertEq(JSON.parse("0.1"), 0.1);
    assertEq(JSON.parse("9007199254740993"), 9007199254740992);
});

test("parse: strings and escapes", function () {
    assertEq(JSON.parse('"abc"'), "abc");
    assertEq(JSON.parse('"a\\nb\\t\\"\\\\\\/\\b\\f\\r"'), 'a\nb\t"\\/\b\f\r');
    assertEq(JSON.parse('"\\u0041\\u00e9\\u20AC"'), "A\u00e9\u20ac");
    assertEq(JSON.parse('"\\ud83d\\ude00"'), "\ud83d\ude00");
    assertEq(JSON.parse('"\\ud800"'), "\ud800");
    assertEq(JSON.parse('"\u20ac\u00e9"'), "\u20ac\u00e9");
    assertEq(JSON.parse('"\u2028\u2029"'), "\u2028\u2029");
    assertEq(JSON.parse('""'), "");
});

test("parse: objects and arrays", function () {
    assertDeepEq(JSON.parse('{"a":[1,2,{"b":null}],"c":{}}'), {a: [1, 2, {b: null}], c: {}});
    assertDeepEq(JSON.parse(" [ ] "), []);
    assertDeepEq(JSON.parse('[[[[1]]]]'), [[[[1]]]]);
    var o = JSON.parse('{"a":1,"b":2,"a":3}');
    assertDeepEq(Object.keys(o), ["a", "b"]);
    assertEq(o.a, 3);
    assert(Array.isArray(JSON.parse("[1]")));
    assertEq(Object.getPrototypeOf(JSON.parse("{}")), Object.prototype);
    assertEq(Object.getPrototypeOf(JSON.parse("[]")), Array.prototype);
});

test("parse: __proto__ is an own data property", function () {
    var o = JSON.parse('{"__proto__": 1, "__proto__": 2}');
    assertEq(Object.getPrototypeOf(o), Object.prototype);
    assertEq(Object.getOwnPropertyDescriptor(o, "__proto__").value, 2);
});

test("parse: key order, index keys, repeated keys", function () {
    var o = JSON.parse('{"b":1,"2":2,"a":3,"1":4}');
    assertDeepEq(Object.keys(o), ["1", "2", "b", "a"]);
    var arr = JSON.parse('[{"x":1,"y":2},{"x":3,"y":4},{"y":5,"x":6}]');
    assertDeepEq(Object.keys(arr[2]), ["y", "x"]);
    assertEq(arr[1].y, 4);
});

test("parse: syntax errors", function () {
    var bad = ["", " ", "{", "[", "[1,]", '{"a":1,}', "01", "1.", "-", "tru", "nul", '"\\x"',
               '"\t"', "\u00a01", "1 2", "{a:1}", "'a'", "[1 2]", '{"a" 1}', '"abc', '"\\u12"',
               "+1", ".5", "1e", "1e+", "[,1]", "{,}", "-a", "NaN", "Infinity", "\ufeff1",
               "[1]x", "undefined", '"\n"', "0x10", "1_000"];
    for (var i = 0; i < bad.length; i++)
        assertThrows(SyntaxError, function () { JSON.parse(bad[i]); }, JSON.stringify(bad[i]));
});

test("parse: ToString of the text", function () {
    assertEq(JSON.parse(12), 12);
    assertEq(JSON.parse(null), null);
    assertEq(JSON.parse({toString: function () { return "[7]"; }})[0], 7);
    assertThrows(SyntaxError, function () { JSON.parse(undefined); });
});

test("parse: reviver", function () {
    var calls = [];
    var r = JSON.parse('{"a":1,"b":[1,2],"c":{"d":3}}', function (k, v) {
        calls.push(k);
        if (k === "a") return undefined;
        if (typeof v === "number") return v * 10;
        return v;
    });
    assertDeepEq(calls, ["a", "0", "1", "b", "d", "c", ""]);
    assertDeepEq(r, {b: [10, 20], c: {d: 30}});
    assert(!("a" in r));
    var holder;
    JSON.parse("5", function (k, v) { holder = this; return v; });
    assertEq(holder[""], 5);
    assertEq(Object.getPrototypeOf(holder), Object.prototype);
});

test("parse: reviver deletes array elements", function () {
    var r = JSON.parse("[1,2,3]", function (k, v) { return k === "1" ? undefined : v; });
    assertEq(r.length, 3);
    assert(!(1 in r));
    assertEq(r[2], 3);
});

test("parse: reviver call order with index keys", function () {
    var calls = [];
    JSON.parse('{"p1":0,"p2":0,"p1":0,"2":0,"1":0}', function (k, v) { calls.push(k); return v; });
    assertDeepEq(calls, ["1", "2", "p1", "p2", ""]);
});

test("parse: reviver sees forward modifications", function () {
    var r = JSON.parse('{"a":1,"b":2}', function (k, v) {
        if (k === "a") this.b = 99;
        return v;
    });
    assertEq(r.b, 99);
});

test("parse: reviver non-configurable target is not an error", function () {
    var r = JSON.parse('{"a": 1, "b": 2}', function (k, v) {
        if (k === "a") Object.defineProperty(this, "b", {configurable: false});
        if (k === "b") return 22;
        return v;
    });
    assertEq(r.b, 2);
});

test("parse: reviver errors propagate", function () {
    assertThrows(RangeError, function () {
        JSON.parse("[1]", function () { throw new RangeError("x"); });
    });
});

// the reviver's third argument: the source text of primitives as parsed
function sourcesOf(text, reviver) {
    var log = [];
    JSON.parse(text, function (k, v, ctx) {
        log.push(k + "=" + ("source" in ctx ? ctx.source : "-"));
        return reviver ? reviver.call(this, k, v, ctx) : v;
    });
    return log;
}

test("parse: reviver context source", function () {
    assertDeepEq(sourcesOf('-1.50e+1'), ["=-1.50e+1"]);
    assertDeepEq(sourcesOf(' "a\\u0041" '), ['="a\\u0041"']);
    assertDeepEq(sourcesOf('[1.0, "x", true, null, {"k": 2e0}, []]'),
                 ["0=1.0", '1="x"', "2=true", "3=null", "k=2e0", "4=-", "5=-", "=-"]);
    assertDeepEq(sourcesOf('{"a": {"b": [10]}, "c": "]}"}'),
                 ["0=10", "b=-", "a=-", 'c="]}"', "=-"]);
    JSON.parse("1", function (k, v, ctx) {
        assertEq(Object.getPrototypeOf(ctx), Object.prototype);
        assertDeepEq(Object.getOwnPropertyDescriptor(ctx, "source"),
                     { value: "1", writable: true, enumerable: true, configurable: true });
        return v;
    });
    JSON.parse("{}", function (k, v, ctx) {
        assertEq(Object.getOwnPropertyNames(ctx).length, 0);
        return v;
    });
});

test("parse: repeated keys take the last source", function () {
    assertDeepEq(sourcesOf('{"a": [1, 2], "b": 0, "a": 3.0}'), ["a=3.0", "b=0", "=-"]);
    assertDeepEq(sourcesOf('{"a": 1, "a": {"x": 5}}'), ["x=5", "a=-", "=-"]);
    assertDeepEq(sourcesOf('{"a": {"x": 1}, "a": {"y": 2}}'), ["y=2", "a=-", "=-"]);
});

test("parse: no source for modified values", function () {
    // replaced with another value: no source; with an equal one: the source
    assertDeepEq(sourcesOf('[1, 2, 3]', function (k, v) {
        if (k === "0") { this[1] = 20; this[2] = 3; }
        return v;
    }), ["0=1", "1=-", "2=3", "=-"]);
    // added properties have no record
    assertDeepEq(sourcesOf('{"p": 1, "q": {}}', function (k, v) {
        if (k === "p") this.q.added = 7;
        return v;
    }), ["p=1", "added=-", "q=-", "=-"]);
    // a forward modification replacing an array by a primitive
    assertDeepEq(sourcesOf('{"a": 0, "b": [1, 2]}', function (k, v) {
        if (k === "a") this.b = 5;
        return v;
    }), ["a=0", "b=-", "=-"]);
});

test("rawJSON / isRawJSON", function () {
    var r = JSON.rawJSON(12345678901234567890n);
    assertEq(Object.getPrototypeOf(r), null);
    assert(Object.isFrozen(r));
    assertDeepEq(Object.getOwnPropertyNames(r), ["rawJSON"]);
    assertEq(r.rawJSON, "12345678901234567890");
    assertEq(JSON.isRawJSON(r), true);
    assertEq(JSON.isRawJSON({ rawJSON: "1" }), false);
    assertEq(JSON.isRawJSON(1), false);
    assertEq(JSON.stringify(r), "12345678901234567890");
    assertEq(JSON.stringify({ a: [JSON.rawJSON('"x"'), JSON.rawJSON("null")] }, null, 1),
             '{\n "a": [\n  "x",\n  null\n ]\n}');
    assertEq(JSON.stringify([1n], function (k, v) {
        return typeof v === "bigint" ? JSON.rawJSON(String(v)) : v;
    }), "[1]");
    assertEq(JSON.stringify(JSON.rawJSON("true")), "true");
    ["", " 1", "1 ", "\t1", "{}", "[]", "[1]", "01", "'a'", "1,2", "undefined"].forEach(function (t) {
        assertThrows(SyntaxError, function () { JSON.rawJSON(t); }, JSON.stringify(t));
    });
    assertThrows(TypeError, function () { JSON.rawJSON(Symbol()); });
    assertEq(JSON.rawJSON.length, 1);
    assertEq(JSON.isRawJSON.length, 1);
    assertThrows(TypeError, function () { new JSON.rawJSON("1"); });
});

test("stringify: primitives", function () {
    assertEq(JSON.stringify(null), "null");
    assertEq(JSON.stringify(true), "true");
    assertEq(JSON.stringify(1.5), "1.5");
    assertEq(JSON.stringify(-0), "0");
    assertEq(JSON.stringify(NaN), "null");
    assertEq(JSON.stringify(-Infinity), "null");
    assertEq(JSON.stringify(1e21), "1e+21");
    assertEq(JSON.stringify("a"), '"a"');
    assertEq(JSON.stringify(undefined), undefined);
    assertEq(JSON.stringify(function () {}), undefined);
    assertEq(JSON.stringify(Symbol()), undefined);
});

test("stringify: string escapes", function () {
    assertEq(JSON.stringify('"\\\b\f\n\r\t'), '"\\"\\\\\\b\\f\\n\\r\\t"');
    assertEq(JSON.stringify("\u0000\u0001\u001f\u007f"), '"\\u0000\\u0001\\u001f\u007f"');
    assertEq(JSON.stringify("\u2028\u00e9\u20ac"), '"\u2028\u00e9\u20ac"');
    assertEq(JSON.stringify("\ud83d\ude00"), '"\ud83d\ude00"');
    assertEq(JSON.stringify("\ud800"), '"\\ud800"');
    assertEq(JSON.stringify("\udc00\ud800"), '"\\udc00\\ud800"');
    assertEq(JSON.stringify("a\udbffb"), '"a\\udbffb"');
    assertEq(JSON.stringify("\udead\u20ac"), '"\\udead\u20ac"');
});

test("stringify: objects and arrays", function () {
    assertEq(JSON.stringify({a: 1, b: [1, "x", null], c: {}}), '{"a":1,"b":[1,"x",null],"c":{}}');
    assertEq(JSON.stringify([undefined, function () {}, Symbol()]), "[null,null,null]");
    assertEq(JSON.stringify({a: undefined, b: function () {}, c: Symbol(), d: 1}), '{"d":1}');
    assertEq(JSON.stringify({[Symbol()]: 1, e: 2}), '{"e":2}');
    var o = {b: 1, 2: 2, a: 3, 1: 4};
    assertEq(JSON.stringify(o), '{"1":4,"2":2,"b":1,"a":3}');
    var hidden = Object.defineProperty({x: 1}, "y", {value: 2, enumerable: false});
    assertEq(JSON.stringify(hidden), '{"x":1}');
    var arr = [1, , 3];
    assertEq(JSON.stringify(arr), "[1,null,3]");
    arr = [];
    arr.length = 3;
    assertEq(JSON.stringify(arr), "[null,null,null]");
});

test("stringify: getters and inherited properties", function () {
    var proto = {inherited: 1};
    var o = Object.create(proto);
    o.own = 2;
    Object.defineProperty(o, "g", {enumerable: true, get: function () { return "got"; }});
    assertEq(JSON.stringify(o), '{"own":2,"g":"got"}');
});

test("stringify: property order under mutation", function () {
    var o = {p1: "p1", p2: "p2", p3: "p3"};
    Object.defineProperty(o, "add", {
        enumerable: true,
        get: function () { o.extra = "extra"; return "add"; }
    });
    o.p4 = "p4";
    o[2] = "2";
    o[0] = "0";
    o[1] = "1";
    delete o.p1;
    delete o.p3;
    o.p1 = "p1";
    assertEq(JSON.stringify(o), '{"0":"0","1":"1","2":"2","p2":"p2","add":"add","p4":"p4","p1":"p1"}');
});

test("stringify: a getter deleting a later property", function () {
    var o = {};
    Object.defineProperty(o, "a", {enumerable: true, get: function () { delete this.b; return 1; }});
    o.b = 2;
    o.c = 3;
    assertEq(JSON.stringify(o), '{"a":1,"c":3}');
});

test("stringify: toJSON", function () {
    var o = {a: {toJSON: function (k) { return "key:" + k; }}, b: [{toJSON: function (k) { return k; }}]};
    assertEq(JSON.stringify(o), '{"a":"key:a","b":["0"]}');
    var d = {toJSON: function () { return undefined; }};
    assertEq(JSON.stringify(d), undefined);
    assertEq(JSON.stringify({x: d}), "{}");
    var proto = {toJSON: function () { return "p"; }};
    assertEq(JSON.stringify([Object.create(proto)]), '["p"]');
    assertEq(JSON.stringify({toJSON: 1, a: 2}), '{"toJSON":1,"a":2}');
    var seen;
    JSON.stringify({toJSON: function (k) { seen = [this, k]; return 1; }});
    assertEq(seen[1], "");
});

test("stringify: boxed primitives", function () {
    assertEq(JSON.stringify([new Number(3), new String("s"), new Boolean(false), Object(Symbol())]),
             '[3,"s",false,{}]');
    var n = new Number(1);
    n.valueOf = function () { return 42; };
    var s = new String("x");
    s.toString = function () { return "y"; };
    assertEq(JSON.stringify([n, s]), '[42,"y"]');
});

test("stringify: cycles", function () {
    var o = {};
    o.self = o;
    assertThrows(TypeError, function () { JSON.stringify(o); });
    var a = [];
    a.push(a);
    assertThrows(TypeError, function () { JSON.stringify(a); });
    var shared = {};
    assertEq(JSON.stringify([shared, shared]), "[{},{}]");
    var t = {toJSON: function () { return t; }};
    assertEq(JSON.stringify({t: t}), '{"t":{}}');
    var u = {toJSON: function () { return {u: u}; }};
    assertThrows(RangeError, function () { JSON.stringify(u); }, "endless, without a cycle");
});

test("stringify: replacer function", function () {
    var calls = [];
    var r = JSON.stringify({a: 1, b: [2], c: "x"}, function (k, v) {
        calls.push(k);
        if (k === "c") return undefined;
        return typeof v === "number" ? v + 1 : v;
    });
    assertEq(r, '{"a":2,"b":[3]}');
    assertDeepEq(calls, ["", "a", "b", "0", "c"]);
    var wrapper;
    JSON.stringify(7, function (k, v) { if (k === "") wrapper = this; return v; });
    assertEq(wrapper[""], 7);
    assertDeepEq(Object.keys(wrapper), [""]);
    assertEq(JSON.stringify(1, function () { return undefined; }), undefined);
    assertEq(JSON.stringify({a: 1}, function (k, v) { return k === "" ? [v.a] : v; }), "[1]");
});

test("stringify: replacer array", function () {
    var o = {a: 1, b: 2, 1: 3, c: {a: 4, z: 5}};
    assertEq(JSON.stringify(o, ["b", "a", "b", 1, {}, true, "c"]), '{"b":2,"a":1,"1":3,"c":{"a":4}}');
    assertEq(JSON.stringify(o, [new String("b"), new Number(1)]), '{"b":2,"1":3}');
    assertEq(JSON.stringify([{a: 1, b: 2}], ["b"]), '[{"b":2}]');
    assertEq(JSON.stringify(o, []), "{}");
    assertEq(JSON.stringify(o, ["missing"]), "{}");
});

test("stringify: space", function () {
    var o = {a: [1, {b: 2}], c: {}, d: []};
    assertEq(JSON.stringify(o, null, 2),
             '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ],\n  "c": {},\n  "d": []\n}');
    assertEq(JSON.stringify([1, [2]], null, "--"), "[\n--1,\n--[\n----2\n--]\n]");
    assertEq(JSON.stringify([1], null, "0123456789ABC"), "[\n01234567891\n]");
    assertEq(JSON.stringify([1], null, 20), "[\n          1\n]");
    assertEq(JSON.stringify([1], null, 3.9), "[\n   1\n]");
    assertEq(JSON.stringify([1], null, 0.9), "[1]");
    assertEq(JSON.stringify([1], null, -5), "[1]");
    assertEq(JSON.stringify([1], null, ""), "[1]");
    assertEq(JSON.stringify([1], null, new Number(1)), "[\n 1\n]");
    assertEq(JSON.stringify([1], null, new String("\t")), "[\n\t1\n]");
    assertEq(JSON.stringify([1], null, true), "[1]");
    assertEq(JSON.stringify({}, null, 2), "{}");
    assertEq(JSON.stringify({a: undefined}, null, 2), "{}");
});

test("stringify: errors propagate", function () {
    var o = {get a() { throw new RangeError("getter"); }};
    assertThrows(RangeError, function () { JSON.stringify(o); });
    assertThrows(RangeError, function () {
        JSON.stringify({toJSON: function () { throw new RangeError("toJSON"); }});
    });
    assertThrows(RangeError, function () {
        JSON.stringify([1], function () { throw new RangeError("replacer"); });
    });
});

test("stringify: large and deep structures", function () {
    var arr = [];
    for (var i = 0; i < 1000; i++) arr.push({id: i, name: "n" + i, tags: ["a", "b"]});
    var s = JSON.stringify(arr);
    assertDeepEq(JSON.parse(s), arr);
    var deep = [];
    for (var j = 0; j < 100; j++) deep = [deep];
    assertEq(JSON.stringify(deep), "[".repeat(101) + "]".repeat(101));
});

test("JSON object", function () {
    assertEq(Object.prototype.toString.call(JSON), "[object JSON]");
    assertEq(JSON.parse.length, 2);
    assertEq(JSON.stringify.length, 3);
    assertEq(JSON.parse.name, "parse");
    var d = Object.getOwnPropertyDescriptor(globalThis, "JSON");
    assert(d.writable && !d.enumerable && d.configurable);
});

report();
