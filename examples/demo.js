// demo.js — a tour of what Weft runs today: classes, closures,
// destructuring, iteration, Map, JSON and the standard library.
class Vec {
    constructor(x, y) { this.x = x; this.y = y; }
    add(o) { return new Vec(this.x + o.x, this.y + o.y); }
    get length() { return Math.hypot(this.x, this.y); }
    toString() { return `Vec(${this.x}, ${this.y})`; }
}


const primes = [];
for (let n = 2; primes.length < 10; n++) {
    if (primes.every(p => n % p !== 0)) primes.push(n);
}
print("first primes:", primes.join(" "));

const v = [new Vec(1, 2), new Vec(3, 4)].reduce((a, b) => a.add(b));
print("sum of vectors:", String(v), "length", v.length.toFixed(3));

const words = "the quick brown fox jumps over the lazy dog the end".split(" ");
const counts = new Map();
for (const w of words) counts.set(w, (counts.get(w) || 0) + 1);
const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
print(`most frequent word: "${top}" (${n} times)`);

const data = { name: "weft", version: 1, tags: ["js", "engine"], nested: { ok: true } };
const text = JSON.stringify(data);
print("JSON round trip:", text, JSON.parse(text).nested.ok);

const counter = (() => { let c = 0; return () => ++c; })();
counter(); counter();
print("closure counter:", counter());
