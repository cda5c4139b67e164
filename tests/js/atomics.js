// atomics.js — Atomics on one thread (builtins/atomics.c, atomics_wait.c);
// waits across threads are tested by tests/engine/test_atomics_threads.c.

test("Atomics: read-modify-write operations", function () {
    var i32 = new Int32Array(new SharedArrayBuffer(16));
    assertEq(Atomics.store(i32, 0, 5.9), 5);
    assertEq(Atomics.add(i32, 0, 3), 5);
    assertEq(Atomics.sub(i32, 0, 1), 8);
    assertEq(Atomics.and(i32, 0, 6), 7);
    assertEq(Atomics.or(i32, 0, 9), 6);
    assertEq(Atomics.xor(i32, 0, 1), 15);
    assertEq(Atomics.exchange(i32, 0, -1), 14);
    assertEq(Atomics.compareExchange(i32, 0, -1, 42), -1);
    assertEq(Atomics.compareExchange(i32, 0, 0, 1), 42);
    assertEq(Atomics.load(i32, 0), 42);
    assertEq(Atomics.store(i32, 1, -0), 0);
    assertEq(1 / Atomics.store(i32, 1, -0), Infinity);
    assertEq(Atomics.store(i32, 1, Infinity), Infinity);
    assertEq(Atomics.load(i32, 1), 0);
    var u8 = new Uint8Array(4);
    assertEq(Atomics.add(u8, 0, 300), 0);
    assertEq(Atomics.load(u8, 0), 44);
    assertEq(Atomics.sub(u8, 1, 1), 0);
    assertEq(u8[1], 255);
    var i8 = new Int8Array(1);
    Atomics.store(i8, 0, 255);
    assertEq(Atomics.load(i8, 0), -1);
    var u32 = new Uint32Array(1);
    assertEq(Atomics.sub(u32, 0, 1), 0);
    assertEq(Atomics.load(u32, 0), 4294967295);
    var u16 = new Uint16Array(1);
    assertEq(Atomics.compareExchange(u16, 0, 65536, 7), 0, "expected is converted first");
    assertEq(u16[0], 7);
});

test("Atomics: BigInt arrays", function () {
    var b = new BigInt64Array(new SharedArrayBuffer(16));
    assertEq(Atomics.store(b, 0, 2n ** 64n + 3n), 2n ** 64n + 3n);
    assertEq(Atomics.load(b, 0), 3n);
    assertEq(Atomics.add(b, 0, -5n), 3n);
    assertEq(Atomics.load(b, 0), -2n);
    var u = new BigUint64Array(2);
    assertEq(Atomics.sub(u, 1, 1n), 0n);
    assertEq(Atomics.load(u, 1), 2n ** 64n - 1n);
    assertThrows(TypeError, function () { Atomics.add(b, 0, 1); });
});

test("Atomics: validation", function () {
    var i32 = new Int32Array(4);
    assertThrows(TypeError, function () { Atomics.add(new Float64Array(1), 0, 1); });
    assertThrows(TypeError, function () { Atomics.add(new Uint8ClampedArray(1), 0, 1); });
    assertThrows(TypeError, function () { Atomics.load([1], 0); });
    assertThrows(RangeError, function () { Atomics.load(i32, 4); });
    assertThrows(RangeError, function () { Atomics.load(i32, -1); });
    assertThrows(TypeError, function () { Atomics.wait(i32, 0, 0, 0); }, "not shared");
    assertThrows(TypeError, function () { Atomics.wait(new Int16Array(new SharedArrayBuffer(2)), 0, 0, 0); });
    assertEq(Atomics.notify(i32, 0), 0, "not shared: nobody to wake");
    var buf = new ArrayBuffer(8), t = new Int32Array(buf);
    assertThrows(TypeError, function () {
        Atomics.store(t, 0, { valueOf: function () { buf.transfer(); return 1; } });
    });
    assert(Atomics.isLockFree(4));
    assert(Atomics.isLockFree(8));
    assert(!Atomics.isLockFree(3));
    assertEq(Atomics.pause(), undefined);
    assertEq(Atomics.pause(10), undefined);
    assertThrows(TypeError, function () { Atomics.pause(1.5); });
    assertThrows(TypeError, function () { Atomics.pause("1"); });
    assertEq(Object.prototype.toString.call(Atomics), "[object Atomics]");
});

test("Atomics.wait: values and timeouts on one thread", function () {
    var i32 = new Int32Array(new SharedArrayBuffer(8));
    assertEq(Atomics.wait(i32, 0, 1), "not-equal");
    assertEq(Atomics.wait(i32, 0, 0, 0), "timed-out");
    var t0 = Date.now();
    assertEq(Atomics.wait(i32, 0, 0, 30), "timed-out");
    assert(Date.now() - t0 >= 25, "waited for the timeout");
    assertEq(Atomics.wait(i32, 0, 0, NaN === NaN ? 0 : -5), "timed-out");
    assertEq(Atomics.notify(i32, 0), 0);
    var b = new BigInt64Array(new SharedArrayBuffer(8));
    assertEq(Atomics.wait(b, 0, 1n, 0), "not-equal");
    assertEq(Atomics.wait(b, 0, 0n, 0), "timed-out");
});

asyncTest("Atomics.waitAsync: notify on the same thread", function () {
    var i32 = new Int32Array(new SharedArrayBuffer(8));
    var r1 = Atomics.waitAsync(i32, 0, 0);
    var r2 = Atomics.waitAsync(i32, 0, 0, 1e6);
    var r3 = Atomics.waitAsync(i32, 1, 0);
    assertEq(r1.async, true);
    assert(r1.value instanceof Promise);
    assertDeepEq(Atomics.waitAsync(i32, 0, 1), { async: false, value: "not-equal" });
    assertDeepEq(Atomics.waitAsync(i32, 0, 0, 0), { async: false, value: "timed-out" });
    assertEq(Atomics.notify(i32, 0, 1), 1, "FIFO: the first waiter only");
    assertEq(Atomics.notify(i32, 0), 1);
    assertEq(Atomics.notify(i32, 1), 1);
    assertEq(Atomics.notify(i32, 0), 0);
    return Promise.all([r1.value, r2.value, r3.value]).then(function (v) {
        assertDeepEq(v, ["ok", "ok", "ok"]);
    });
});

reportAsync();
