// typedarray.js — ArrayBuffer, SharedArrayBuffer and the typed arrays
// (builtins/arraybuffer.c, typedarray.c, typedarray_proto.c).

var ctors = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
             Uint32Array, Float16Array, Float32Array, Float64Array];
var bigCtors = [BigInt64Array, BigUint64Array];

// detaches a buffer the way the language allows: by transferring it
function detach(buf) { buf.transfer(); }

function arr(ta) { return Array.prototype.slice.call(ta); }

test("ArrayBuffer: construction, slice, isView", function () {
    var b = new ArrayBuffer(8);
    assertEq(b.byteLength, 8);
    assertEq(b.resizable, false);
    assertEq(b.maxByteLength, 8);
    assertEq(new ArrayBuffer().byteLength, 0);
    assertEq(new ArrayBuffer("3").byteLength, 3);
    assertThrows(RangeError, function () { new ArrayBuffer(-1); });
    assertThrows(RangeError, function () { new ArrayBuffer(2 ** 53); });
    assertThrows(RangeError, function () { new ArrayBuffer(2 ** 52); });
    assertThrows(TypeError, function () { ArrayBuffer(1); });
    new Uint8Array(b).set([1, 2, 3, 4, 5]);
    assertDeepEq(arr(new Uint8Array(b.slice(1, -4))), [2, 3, 4]);
    assertDeepEq(arr(new Uint8Array(b.slice(-2))), [0, 0]);
    assertEq(b.slice(5, 1).byteLength, 0);
    assert(ArrayBuffer.isView(new Int8Array(1)));
    assert(ArrayBuffer.isView(new DataView(b)));
    assert(!ArrayBuffer.isView(b));
    assert(!ArrayBuffer.isView([]));
    assertEq(ArrayBuffer[Symbol.species], ArrayBuffer);
    assertEq(Object.prototype.toString.call(b), "[object ArrayBuffer]");
});

test("ArrayBuffer: resizable buffers and length-tracking views", function () {
    var b = new ArrayBuffer(4, { maxByteLength: 16 });
    assert(b.resizable);
    assertEq(b.maxByteLength, 16);
    var track = new Uint16Array(b), fixed = new Uint16Array(b, 0, 2), off = new Uint8Array(b, 2);
    assertEq(track.length, 2);
    b.resize(10);
    assertEq(track.length, 5);
    assertEq(off.length, 8);
    assertEq(fixed.length, 2);
    track[4] = 7;
    assertEq(new Uint16Array(b)[4], 7);
    b.resize(3);
    assertEq(track.length, 1);
    assertEq(fixed.length, 0, "out of bounds");
    assertEq(fixed.byteOffset, 0);
    assertEq(fixed[0], undefined);
    assertThrows(TypeError, function () { fixed.fill(0); });
    b.resize(8);
    assertEq(fixed.length, 2, "back in bounds");
    assertEq(track[2], 0, "grown bytes are zero");
    assertThrows(RangeError, function () { b.resize(17); });
    assertThrows(RangeError, function () { new ArrayBuffer(5, { maxByteLength: 4 }); });
    assertThrows(TypeError, function () { new ArrayBuffer(1).resize(0); });
});

test("ArrayBuffer: transfer, detached buffers", function () {
    var b = new ArrayBuffer(4, { maxByteLength: 8 });
    var v = new Uint8Array(b);
    v[0] = 42;
    var t = b.transfer(6);
    assert(b.detached);
    assertEq(b.byteLength, 0);
    assertEq(v.length, 0);
    assertEq(v.byteOffset, 0);
    assertEq(v[0], undefined);
    v[0] = 1;
    assertEq(v[0], undefined);
    assert(t.resizable);
    assertEq(t.byteLength, 6);
    assertDeepEq(arr(new Uint8Array(t)), [42, 0, 0, 0, 0, 0]);
    var f = t.transferToFixedLength();
    assert(!f.resizable);
    assertThrows(TypeError, function () { b.slice(); });
    assertThrows(TypeError, function () { b.transfer(); });
    assertThrows(TypeError, function () { v.map(function (x) { return x; }); });
    assertThrows(TypeError, function () { new Uint8Array(b); });
    assertThrows(TypeError, function () { new DataView(b); });
});

test("ArrayBuffer: immutable buffers", function () {
    var b = new Uint8Array([1, 2, 3]).buffer.transferToImmutable();
    assert(b.immutable);
    var v = new Uint8Array(b);
    assertDeepEq(arr(v), [1, 2, 3]);
    v[0] = 9;
    assertEq(v[0], 1);
    assertThrows(TypeError, function () { "use strict"; v[0] = 9; });
    assertThrows(TypeError, function () { v.fill(0); });
    assertThrows(TypeError, function () { v.set([0]); });
    assertThrows(TypeError, function () { v.sort(); });
    assertThrows(TypeError, function () { b.transfer(); });
    assertThrows(TypeError, function () { new DataView(b).setInt8(0, 1); });
    var d = Object.getOwnPropertyDescriptor(v, 0);
    assertEq(d.writable, false);
    assertEq(d.configurable, false);
    assertDeepEq(arr(v.map(function (x) { return x * 2; })), [2, 4, 6]);
    var s = new ArrayBuffer(4).sliceToImmutable(1, 3);
    assert(s.immutable);
    assertEq(s.byteLength, 2);
});

test("SharedArrayBuffer: grow, slice", function () {
    var s = new SharedArrayBuffer(4, { maxByteLength: 12 });
    assert(s.growable);
    var v = new Uint8Array(s);
    v[3] = 3;
    s.grow(8);
    assertEq(s.byteLength, 8);
    assertEq(v.length, 8);
    assertEq(v[3], 3);
    assertThrows(RangeError, function () { s.grow(4); });
    assertThrows(RangeError, function () { s.grow(13); });
    s.grow(8);
    var c = s.slice(2, 5);
    assert(c instanceof SharedArrayBuffer);
    assertDeepEq(arr(new Uint8Array(c)), [0, 3, 0]);
    assertThrows(TypeError, function () { ArrayBuffer.prototype.slice.call(s); });
    assertThrows(TypeError, function () { new SharedArrayBuffer(1).grow(1); });
    assertEq(Object.prototype.toString.call(s), "[object SharedArrayBuffer]");
});

test("typed arrays: constructors and basic properties", function () {
    ctors.concat(bigCtors).forEach(function (C) {
        var a = new C(4);
        assertEq(a.length, 4);
        assertEq(a.byteLength, 4 * C.BYTES_PER_ELEMENT);
        assertEq(C.prototype.BYTES_PER_ELEMENT, C.BYTES_PER_ELEMENT);
        assertEq(Object.getPrototypeOf(C), Object.getPrototypeOf(Int8Array));
        assertEq(a[Symbol.toStringTag], C.name);
        assertEq(C.length, 3);
        assertThrows(TypeError, function () { C(1); });
    });
    var TA = Object.getPrototypeOf(Int8Array);
    assertEq(TA.name, "TypedArray");
    assertThrows(TypeError, function () { new TA(); });
    assertEq(TA.prototype.toString, Array.prototype.toString);
    assertEq(TA.prototype[Symbol.iterator], TA.prototype.values);
    assertEq(TA.prototype[Symbol.toStringTag], undefined);
    assertThrows(RangeError, function () { new Int32Array(new ArrayBuffer(8), 2); });
    assertThrows(RangeError, function () { new Int32Array(new ArrayBuffer(7)); });
    assertThrows(RangeError, function () { new Int32Array(new ArrayBuffer(8), 4, 2); });
    assertEq(new Int32Array(new ArrayBuffer(8), 4).length, 1);
    assertDeepEq(arr(new Int16Array([1, "2", , 4.7])), [1, 2, 0, 4]);
    assertDeepEq(arr(new Int8Array({ length: 2, 0: 5, 1: 6 })), [5, 6]);
    assertDeepEq(arr(new Uint8Array(new Set([3, 4]))), [3, 4]);
    assertDeepEq(arr(new Float32Array(new Int8Array([-1, 2]))), [-1, 2]);
    assertThrows(TypeError, function () { new BigInt64Array(new Int8Array(1)); });
    assertThrows(TypeError, function () { new Int8Array([1n]); });
});

test("typed arrays: element conversions", function () {
    var i8 = new Int8Array(1), u8 = new Uint8Array(1), c8 = new Uint8ClampedArray(1);
    var u32 = new Uint32Array(1), i16 = new Int16Array(1);
    [[200, -56, 200, 200], [-1, -1, 255, 0], [256.7, 0, 0, 255], [1.5, 1, 1, 2],
     [2.5, 2, 2, 2], [NaN, 0, 0, 0], [Infinity, 0, 0, 255], [-0.5, 0, 0, 0]].forEach(function (t) {
        i8[0] = t[0]; u8[0] = t[0]; c8[0] = t[0];
        assertEq(i8[0], t[1], "Int8 " + t[0]);
        assertEq(u8[0], t[2], "Uint8 " + t[0]);
        assertEq(c8[0], t[3], "Uint8Clamped " + t[0]);
    });
    u32[0] = -1;
    assertEq(u32[0], 4294967295);
    i16[0] = 2 ** 40 + 5;
    assertEq(i16[0], 5);
    var f64 = new Float64Array(1);
    f64[0] = -0;
    assertEq(f64[0], -0);
    var f32 = new Float32Array([0.1]);
    assertEq(f32[0], Math.fround(0.1));
    var o = { valueOf: function () { return 7; } };
    i8[0] = o;
    assertEq(i8[0], 7);
    i8[0] = "0x10";
    assertEq(i8[0], 16);
});

test("Float16Array: binary16 rounding", function () {
    var h = new Float16Array(1);
    function r(x) { h[0] = x; return h[0]; }
    assertEq(r(1), 1);
    assertEq(r(65504), 65504);
    assertEq(r(65519.99), 65504);
    assertEq(r(65520), Infinity);
    assertEq(r(-65520), -Infinity);
    assertEq(r(2 ** -24), 2 ** -24);
    assertEq(r(2 ** -25), 0, "tie to even: 0");
    assertEq(r(2 ** -25 + 2 ** -40), 2 ** -24);
    assertEq(r(3 * 2 ** -25), 2 ** -23, "tie to even: 2");
    assertEq(r(-0), -0);
    assertEq(r(1 + 2 ** -11), 1, "tie down to even");
    assertEq(r(1 + 3 * 2 ** -11), 1 + 2 ** -9, "tie up to even");
    assertEq(r(1 + 2 ** -11 + 2 ** -30), 1 + 2 ** -10, "no double rounding");
    assert(Number.isNaN(r(NaN)));
    assertEq(r(0.1), 0.0999755859375);
    var dv = new DataView(new ArrayBuffer(2));
    dv.setFloat16(0, 1.5);
    assertEq(dv.getUint16(0), 0x3e00);
    assertEq(dv.getFloat16(0), 1.5);
});

test("typed arrays: integer-indexed exotic keys", function () {
    var a = new Uint8Array([1, 2]);
    assertEq(a["-0"], undefined);
    assertEq(a["1.5"], undefined);
    assertEq(a["01"], undefined, "not canonical: an ordinary key");
    a["01"] = 5;
    assertEq(a["01"], 5);
    a["1.5"] = 9;
    assert(!("1.5" in a));
    assert(!("-0" in a));
    assert(1 in a);
    assert(!(2 in a));
    assertDeepEq(Object.keys(a), ["0", "1", "01"]);
    Object.prototype[5] = "proto";
    assertEq(a[5], undefined, "no prototype lookup for numeric keys");
    delete Object.prototype[5];
    a[5] = 1;
    assertEq(a[5], undefined);
    assertEq(delete a[5], true);
    assertEq(delete a[0], false);
    assertThrows(TypeError, function () { "use strict"; delete a[0]; });
    assertThrows(TypeError, function () { Object.defineProperty(a, 0, { get: function () {} }); });
    assertThrows(TypeError, function () { Object.defineProperty(a, 0, { value: 1, enumerable: false }); });
    assertThrows(TypeError, function () { Object.defineProperty(a, 2, { value: 1 }); });
    Object.defineProperty(a, 0, { value: 77 });
    assertEq(a[0], 77);
    assertThrows(TypeError, function () { Object.freeze(a); });
    Object.freeze(new Uint8Array(0));
    assertEq(JSON.stringify(new Int8Array([1, -1])), '{"0":1,"1":-1}');
    var child = Object.create(a);
    assertEq(child[1], 2);
    child[1] = 3;
    assertEq(a[1], 2, "[[Set]] through the prototype chain creates an own property");
    assertEq(child[1], 3);
    assert(child.hasOwnProperty(1));
    assertEq(Reflect.set(a, 0, 4, {}), true);
    assertEq(a[0], 77);
});

test("typed arrays: iteration", function () {
    var a = new Int8Array([5, 6, 7]);
    assertDeepEq([...a], [5, 6, 7]);
    assertDeepEq([...a.keys()], [0, 1, 2]);
    assertDeepEq([...a.entries()].map(String), ["0,5", "1,6", "2,7"]);
    var b = new ArrayBuffer(3, { maxByteLength: 6 });
    var t = new Uint8Array(b), it = t.values();
    it.next();
    b.resize(6);
    var n = 0;
    for (var x of it) n++;
    assertEq(n, 5, "the iterator follows a growing buffer");
    var d = new Uint8Array(4), it2 = d.values();
    it2.next();
    detach(d.buffer);
    assertThrows(TypeError, function () { it2.next(); });
});

test("typed arrays: searching, joining, callbacks", function () {
    var a = new Float64Array([1, NaN, -0, 3, 1]);
    assertEq(a.indexOf(NaN), -1);
    assert(a.includes(NaN));
    assertEq(a.indexOf(0), 2);
    assertEq(a.lastIndexOf(1), 4);
    assertEq(a.lastIndexOf(1, -2), 0);
    assertEq(a.indexOf(1, -1), 4);
    assertEq(a.at(-1), 1);
    assertEq(a.at(5), undefined);
    assertEq(a.join("-"), "1-NaN-0-3-1");
    assertEq(String(new Uint8Array([1, 2])), "1,2");
    assertEq(new Uint8Array([1, 2]).toLocaleString(), "1,2");
    var i = new Int32Array([1, 2, 3, 4]);
    assertEq(i.find(function (x) { return x > 2; }), 3);
    assertEq(i.findIndex(function (x) { return x > 2; }), 2);
    assertEq(i.findLast(function (x) { return x < 3; }), 2);
    assertEq(i.findLastIndex(function (x) { return x > 9; }), -1);
    assert(i.every(function (x) { return x > 0; }));
    assert(i.some(function (x) { return x === 4; }));
    assertEq(i.reduce(function (s, x) { return s + x; }), 10);
    assertEq(i.reduceRight(function (s, x) { return s + x; }, ""), "4321");
    assertThrows(TypeError, function () { new Int8Array(0).reduce(function () {}); });
    var m = i.map(function (x) { return x * 1.5; });
    assert(m instanceof Int32Array);
    assertDeepEq(arr(m), [1, 3, 4, 6]);
    assertDeepEq(arr(i.filter(function (x) { return x & 1; })), [1, 3]);
    var seen = [];
    i.forEach(function (x, k, o) { seen.push(k, o === i); });
    assertDeepEq(seen, [0, true, 1, true, 2, true, 3, true]);
    var big = new BigInt64Array([1n, -1n]);
    assertEq(big.indexOf(-1n), 1);
    assertEq(big.indexOf(-1), -1);
    assert(big.includes(1n));
});

test("typed arrays: callbacks that detach or shrink the buffer", function () {
    var a = new Uint8Array([1, 2, 3]);
    var got = [];
    a.forEach(function (x, k) {
        if (k === 0) detach(a.buffer);
        got.push(x);
    });
    assertDeepEq(got, [1, undefined, undefined]);
    var b = new ArrayBuffer(4, { maxByteLength: 4 }), t = new Uint8Array(b);
    t.set([1, 2, 3, 4]);
    assertEq(t.includes(undefined, { valueOf: function () { b.resize(2); return 0; } }), true);
    b.resize(4);
    assertEq(t.indexOf(0, { valueOf: function () { b.resize(2); return 0; } }), -1);
    var c = new Uint8Array([1, 2, 3, 4]);
    assertThrows(TypeError, function () {
        c.fill(9, { valueOf: function () { detach(c.buffer); return 0; } });
    });
    assertEq(c.length, 0);
});

test("typed arrays: fill, copyWithin, reverse, with, toReversed", function () {
    var a = new Int16Array(5);
    a.fill(3, 1, -1);
    assertDeepEq(arr(a), [0, 3, 3, 3, 0]);
    a.fill(-1);
    assertDeepEq(arr(a), [-1, -1, -1, -1, -1]);
    var b = new Int32Array([1, 2, 3, 4, 5]);
    b.copyWithin(0, 3);
    assertDeepEq(arr(b), [4, 5, 3, 4, 5]);
    b.copyWithin(1, 0, 3);
    assertDeepEq(arr(b), [4, 4, 5, 3, 5]);
    b.reverse();
    assertDeepEq(arr(b), [5, 3, 5, 4, 4]);
    var w = b.with(-1, 9);
    assertDeepEq(arr(w), [5, 3, 5, 4, 9]);
    assertEq(b[4], 4);
    assertThrows(RangeError, function () { b.with(5, 0); });
    assertDeepEq(arr(b.toReversed()), [4, 4, 5, 3, 5]);
    var big = new BigUint64Array([1n, 2n]);
    assertThrows(TypeError, function () { big.with(0, 1); });
    assertDeepEq(arr(big.with(0, 5n)), [5n, 2n]);
    big.fill(-1n);
    assertEq(big[0], 2n ** 64n - 1n);
});

test("typed arrays: sort and toSorted", function () {
    var f = new Float64Array([3, NaN, -0, 0, -Infinity, 1, NaN, -5]);
    f.sort();
    assertEq(f.join(), "-Infinity,-5,0,0,1,3,NaN,NaN");
    assertEq(1 / f[2], -Infinity, "-0 sorts before +0");
    var u = new Uint32Array([4294967295, 0, 7]);
    assertDeepEq(arr(u.toSorted()), [0, 7, 4294967295]);
    assertDeepEq(arr(u), [4294967295, 0, 7]);
    var i = new Int8Array([-1, 5, -128, 127]);
    i.sort(function (a, b) { return b - a; });
    assertDeepEq(arr(i), [127, 5, -1, -128]);
    var pairs = new Uint16Array([0x0102, 0x0201, 0x0101, 0x0202, 0x0103]);
    pairs.sort(function (a, b) { return (a & 0xff) - (b & 0xff); });
    assertDeepEq(arr(pairs), [0x0201, 0x0101, 0x0102, 0x0202, 0x0103], "stable");
    var big = new BigInt64Array([3n, -1n, 2n]);
    assertDeepEq(arr(big.sort()), [-1n, 2n, 3n]);
    assertThrows(TypeError, function () { i.sort(1); });
    var c = new Uint8Array([3, 2, 1]);
    c.sort(function (a, b) { if (!c.buffer.detached) detach(c.buffer); return a - b; });
    assertEq(c.length, 0);
});

test("typed arrays: set, slice, subarray", function () {
    var a = new Uint8Array(6);
    a.set([1, 2, 3], 2);
    assertDeepEq(arr(a), [0, 0, 1, 2, 3, 0]);
    assertThrows(RangeError, function () { a.set([1, 2], 5); });
    assertThrows(RangeError, function () { a.set([1], -1); });
    a.set(new Float64Array([257.5, -1]), 0);
    assertDeepEq(arr(a), [1, 255, 1, 2, 3, 0]);
    // overlapping: the source is read before it is overwritten
    var buf = new ArrayBuffer(8), u16 = new Uint16Array(buf), src = new Uint8Array(buf, 0, 4);
    src.set([1, 2, 3, 4]);
    u16.set(src);
    assertDeepEq(arr(u16), [1, 2, 3, 4]);
    var same = new Uint8Array([1, 2, 3, 4, 5]);
    same.set(same.subarray(0, 3), 2);
    assertDeepEq(arr(same), [1, 2, 1, 2, 3]);
    var s = new Int16Array([1, 2, 3, 4]);
    assertDeepEq(arr(s.slice(1, 3)), [2, 3]);
    assertDeepEq(arr(s.slice(-1)), [4]);
    var sub = s.subarray(1, 3);
    assertEq(sub.length, 2);
    assertEq(sub.byteOffset, 2);
    sub[0] = 20;
    assertEq(s[1], 20);
    var rb = new ArrayBuffer(4, { maxByteLength: 8 }), tr = new Uint8Array(rb);
    var tsub = tr.subarray(1);
    rb.resize(8);
    assertEq(tsub.length, 7, "a subarray of a tracking view tracks too");
});

test("typed arrays: species", function () {
    class MyArray extends Uint8Array {}
    var m = new MyArray([1, 2, 3]);
    assert(m.map(function (x) { return x; }) instanceof MyArray);
    assert(m.slice(1) instanceof MyArray);
    assert(m.subarray(1) instanceof MyArray);
    assert(m.filter(function () { return true; }) instanceof MyArray);
    assertEq(m.toReversed().constructor, Uint8Array, "toReversed ignores species");
    m.constructor = { [Symbol.species]: function (n) { return new Int16Array(n); } };
    assert(m.slice() instanceof Int16Array);
    m.constructor = { [Symbol.species]: function () { return new BigInt64Array(4); } };
    assertThrows(TypeError, function () { m.slice(); });
    m.constructor = { [Symbol.species]: function () { return new Uint8Array(1); } };
    assertThrows(TypeError, function () { m.slice(); });
});

test("typed arrays: from and of", function () {
    assertDeepEq(arr(Int8Array.from([1, 2], function (x, k) { return x * 10 + k; })), [10, 21]);
    assertDeepEq(arr(Uint8Array.from({ length: 2, 0: 3, 1: 4 })), [3, 4]);
    assertDeepEq(arr(Float32Array.of(1.5, "2")), [1.5, 2]);
    assertThrows(TypeError, function () { Uint8Array.from.call({}, []); });
    assertThrows(TypeError, function () { Uint8Array.of.call(function () { return {}; }, 1); });
    var C = function (n) { return new Uint8Array(n + 1); };
    assertEq(Uint8Array.of.call(C, 1, 2).length, 3);
});

test("typed arrays: huge and odd lengths", function () {
    assertThrows(RangeError, function () { new Uint8Array(-1); });
    assertThrows(RangeError, function () { new Float64Array(2 ** 53); });
    assertThrows(RangeError, function () { new Float64Array(2 ** 50); });
    assertEq(new Uint8Array(1.9).length, 1);
    assertEq(new Uint8Array(NaN).length, 0);
    assertEq(new Uint8Array(null).length, 0);
});

report();
