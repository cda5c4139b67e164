// print of objects and arrays: the compact one-line form, strings quoted
// inside containers, holes, nesting down to [Object] / [Array], keys that
// need quotes, symbol keys, class instances, null prototypes, cycles and
// the 100-item cut.
print([], {}, [[]], [{}], { a: {} });
print([1, 2, 3], ["a", "b"], [0, -0, NaN], [true, null, undefined], [1n], [Symbol("in array")]);
print(["s", "", "q\"uote", "back\\slash", "new\nline", "tab\t"]);
print(Array(3), [1, , 3], [, 1], [1, ,]);
var sparse = [1, , 3];
sparse.length = 6;
sparse.named = "x";
print(sparse);
print({ a: 1, b: "two", c: [3], d: { e: null } });
print([1, [2, [3, [4, [5, [6]]]]]]);
print({ a: { b: { c: { d: { e: { f: 1 } } } } } });
print({ "needs quotes": 1, valid_id: 2, $dollar: 3, "1abc": 4, 42: 5, "": 6 });
print({ [Symbol("key")]: 1, plain: 2 });
class Point {
    constructor(x, y) {
        this.x = x;
        this.y = y;
    }
}
class Empty {}
print(new Point(1, 2), [new Point(3, 4)], new Empty());
print(Object.create(null), Object.assign(Object.create(null), { k: 1 }));
var cyclic = { name: "root" };
cyclic.self = cyclic;
var cyclicArray = [1];
cyclicArray.push(cyclicArray);
print(cyclic, cyclicArray);
var long = [];
for (var i = 0; i < 105; i++) long.push(i);
print(long);
console.log({ logged: [1, { deep: true }] });
