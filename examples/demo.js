// demo.js — a tour of what Weft runs today (`make run`): classes with
// private state, generators, BigInt, destructuring, collections, JSON,
// Proxy, and async functions driven by the promise job queue.
// (Parallel work with os.Worker will join this tour when workers land.)

let sections = 0;
const section = (title) => print(`${sections++ ? "\n" : ""}== ${title}`);

section("classes: private fields, accessors, static members, inheritance");
class Shape {
    static #made = 0;
    #name;
    constructor(name) {
        this.#name = name;
        Shape.#made++;
    }
    get name() { return this.#name; }
    static get made() { return Shape.#made; }
    toString() { return `${this.name}, area ${this.area().toFixed(2)}`; }
}
class Circle extends Shape {
    constructor(r) { super("circle"); this.r = r; }
    area() { return Math.PI * this.r ** 2; }
}
class Rect extends Shape {
    constructor(w, h) { super("rect"); Object.assign(this, { w, h }); }
    area() { return this.w * this.h; }
}
const shapes = [new Circle(1), new Rect(2, 3), new Circle(0.5)].sort((a, b) => a.area() - b.area());
for (const s of shapes) print(`  ${s}`);
print("  shapes made:", Shape.made, "| own keys of a circle:", Object.keys(shapes[0]).join(", "));

section("generators, iteration and BigInt");
function* fibonacci() {
    let [a, b] = [0n, 1n];
    for (;;) {
        yield a;
        [a, b] = [b, a + b];
    }
}
function* take(n, iterable) {
    for (const x of iterable) {
        if (n-- <= 0) return;
        yield x;
    }
}
print("  first Fibonacci numbers:", [...take(12, fibonacci())].join(" "));
print("  the 100th:", [...take(101, fibonacci())].at(-1), "(exact, as a BigInt)");
print("  2n ** 128n =", 2n ** 128n);

section("destructuring, spread, default values, optional chaining");
const project = { name: "weft", tags: ["js", "engine", "c11"], owner: null };
const { name, tags: [first, ...rest], stars = 0 } = project;
print(`  ${name}: first tag ${first}, ${rest.length} more, ${stars} stars,`,
      `owner ${project.owner?.login ?? "unknown"}`);
const merged = { ...project, tags: [...project.tags, "fast"] };
print("  merged tags:", merged.tags.join(", "));

section("Map, Set, grouping and JSON");
const words = "the quick brown fox jumps over the lazy dog then the fox sleeps".split(" ");
const counts = new Map();
for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
print(`  most frequent word: "${top}" (${n} times); ${new Set(words).size} distinct words`);
const byLength = Object.groupBy(words, (w) => w.length);
print("  words by length:", JSON.stringify(byLength));
const text = JSON.stringify({ engine: "weft", version: 1, nested: { ok: true } });
print("  JSON round trip:", text, "->", JSON.parse(text).nested.ok);

section("closures and higher-order functions");
const counter = (() => {
    let count = 0;
    return { next: () => ++count, reset() { count = 0; } };
})();
counter.next();
counter.next();
print("  counter:", counter.next());
const compose = (...fns) => (x) => fns.reduceRight((acc, f) => f(acc), x);
print("  compose(double, inc)(5) =", compose((x) => x * 2, (x) => x + 1)(5));

section("Proxy and Reflect");
const seen = [];
const watched = new Proxy({}, {
    set(target, key, value, receiver) {
        seen.push(key);
        return Reflect.set(target, key, value, receiver);
    },
});
watched.width = 640;
watched.height = 480;
print("  writes seen by the proxy:", seen.join(", "), "| keys:", Reflect.ownKeys(watched).join(", "));

section("async functions and promises");
const delay = (value) => Promise.resolve(value);
async function total(promises) {
    let sum = 0;
    for await (const x of promises) sum += x;
    return sum;
}
total([1, 2, 3, 4].map(delay)).then((sum) => print("  sum of awaited values:", sum));
Promise.allSettled([delay("ok"), Promise.reject(new Error("nope"))]).then((results) =>
    print("  allSettled:", results.map((r) => r.status).join(", ")));
print("  (printed first: promise jobs run once the script has finished)");
