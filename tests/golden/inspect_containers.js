// inspect(value): containers, one entry per line, one tab per level
print(inspect([1, 2, 3]));
print(inspect({a: 1, b: [1, {c: "x"}]}));
print(inspect(new Map([["k", 1]])));
print(inspect(new Set([1, "two"])));
print(inspect([]));
print(inspect({}));
print(inspect(new Map()), inspect(new Set()));
class Point {
    constructor(x, y) { this.x = x; this.y = y; }
}
print(inspect(new Point(1, 2)));
print(inspect([new Point(0, 0)]));
class Stack extends Array {}
print(inspect(Stack.of(1, 2)));
print(inspect(Object.create(null)));
const o = Object.create(null);
o.k = "v";
print(inspect(o));
print(inspect({"a b": 1, 7: "seven", $ok: true, [Symbol("tag")]: null, [Symbol()]: 0}));
print(inspect([1, , 3, , , 6]));
print(inspect(new Array(3)));
const named = [1, 2];
named.extra = "yes";
print(inspect(named));
print(inspect({nested: {deeper: {deepest: {}}}, list: [[], [[]]]}));
print(inspect(new Map([[{id: 1}, [1, 2]], ["s", new Set([3])]])));
print(inspect(Promise.resolve(42)));
print(inspect(new Promise(() => {})));
const rejected = Promise.reject(new RangeError("no"));
rejected.catch(() => {});
print(inspect(rejected).split("\n").slice(0, 3).join("\n"));
print(inspect(new WeakMap()), inspect(new WeakSet()));
print(inspect(new (class Registry extends Map {})([[1, 2]])));
