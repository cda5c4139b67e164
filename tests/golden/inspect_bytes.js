// inspect(value): byte containers print a hex dump, 16 bytes per line
print(inspect(new Uint8Array([1, 2, 3])));
print(inspect(Uint8Array.from({length: 40}, (_, i) => i * 7)));
print(inspect(new Uint8Array(0)));
print(inspect(new ArrayBuffer(4)));
print(inspect(new Int16Array([1, -1, 256])));
print(inspect(new Float64Array([1])));
print(inspect(new BigUint64Array([0xffn])));
const sab = new SharedArrayBuffer(3);
new Uint8Array(sab).set([255, 0, 127]);
print(inspect(sab));
const buf = new Uint8Array(32).map((_, i) => i).buffer;
print(inspect(new Uint8Array(buf, 14, 4)));
const moved = new ArrayBuffer(8);
moved.transfer();
print(inspect(moved));
print(inspect({data: new Uint8ClampedArray([9, 10])}));
class Bytes extends Uint8Array {}
print(inspect(new Bytes(2)));
const big = new Uint8Array(20000);
const lines = inspect(big).split("\n");
print(lines.length, lines[1000], lines[1001], lines[1002]);
