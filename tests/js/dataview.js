// dataview.js — DataView (builtins/dataview.c).

test("DataView: construction and accessors", function () {
    var b = new ArrayBuffer(8);
    var v = new DataView(b, 2, 4);
    assertEq(v.buffer, b);
    assertEq(v.byteOffset, 2);
    assertEq(v.byteLength, 4);
    assertEq(new DataView(b).byteLength, 8);
    assertEq(new DataView(b, 8).byteLength, 0);
    assertThrows(RangeError, function () { new DataView(b, 9); });
    assertThrows(RangeError, function () { new DataView(b, 4, 5); });
    assertThrows(TypeError, function () { new DataView({}); });
    assertThrows(TypeError, function () { DataView(b); });
    assertEq(DataView.length, 1);
    assertEq(Object.prototype.toString.call(v), "[object DataView]");
    b.transfer();
    assertThrows(TypeError, function () { v.byteLength; });
    assertThrows(TypeError, function () { v.byteOffset; });
    assertThrows(TypeError, function () { v.getInt8(0); });
});

test("DataView: every type, both byte orders", function () {
    var v = new DataView(new ArrayBuffer(16));
    v.setInt8(0, -2);
    assertEq(v.getInt8(0), -2);
    assertEq(v.getUint8(0), 254);
    v.setUint16(0, 0x1234);
    assertEq(v.getUint8(0), 0x12, "big endian by default");
    assertEq(v.getUint16(0, true), 0x3412);
    v.setInt16(2, -2, true);
    assertEq(v.getInt16(2, true), -2);
    v.setUint32(4, 0xdeadbeef, true);
    assertEq(v.getUint32(4, true), 0xdeadbeef);
    assertEq(v.getInt32(4, true), 0xdeadbeef | 0);
    assertEq(v.getUint8(4), 0xef);
    v.setFloat32(8, 1.5);
    assertEq(v.getFloat32(8), 1.5);
    v.setFloat64(8, -Math.PI, true);
    assertEq(v.getFloat64(8, true), -Math.PI);
    v.setBigInt64(0, -3n);
    assertEq(v.getBigInt64(0), -3n);
    assertEq(v.getBigUint64(0), 2n ** 64n - 3n);
    v.setBigUint64(8, 2n ** 64n + 5n, true);
    assertEq(v.getBigUint64(8, true), 5n);
    v.setFloat16(1, 65504, true);
    assertEq(v.getFloat16(1, true), 65504);
    assertThrows(TypeError, function () { v.setBigInt64(0, 1); });
    assertThrows(TypeError, function () { v.setInt8(0, 1n); });
});

test("DataView: bounds and argument order", function () {
    var v = new DataView(new ArrayBuffer(4));
    assertThrows(RangeError, function () { v.getInt32(1); });
    assertThrows(RangeError, function () { v.setUint16(3, 0); });
    assertThrows(RangeError, function () { v.getInt8(-1); });
    assertEq(v.getInt8(3.9), 0);
    var order = [];
    v.setInt8({ valueOf: function () { order.push("index"); return 0; } },
              { valueOf: function () { order.push("value"); return 1; } });
    assertDeepEq(order, ["index", "value"]);
    var b = new ArrayBuffer(4), d = new DataView(b);
    assertThrows(TypeError, function () {
        d.setInt8(0, { valueOf: function () { b.transfer(); return 1; } });
    });
});

test("DataView: resizable buffers", function () {
    var b = new ArrayBuffer(4, { maxByteLength: 8 });
    var track = new DataView(b), fixed = new DataView(b, 0, 4);
    assertEq(track.byteLength, 4);
    b.resize(8);
    assertEq(track.byteLength, 8);
    track.setUint8(7, 9);
    assertEq(new Uint8Array(b)[7], 9);
    b.resize(2);
    assertEq(track.byteLength, 2);
    assertThrows(TypeError, function () { fixed.byteLength; });
    assertThrows(TypeError, function () { fixed.getInt8(0); });
    b.resize(4);
    assertEq(fixed.byteLength, 4);
    var s = new SharedArrayBuffer(2, { maxByteLength: 4 }), sv = new DataView(s);
    s.grow(4);
    assertEq(sv.byteLength, 4);
});

report();
