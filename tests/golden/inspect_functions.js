// inspect(value): functions print their numbered source lines
function add(a, b) {
    return a + b;
}
print(inspect(add));
print(inspect((x) => x * 2));
print(inspect(function () {}));
print(inspect(class Point {
    constructor(x) { this.x = x; }
}));
print(inspect(async function* gen() { yield 1; }));
print(inspect(Math.max));
print(inspect(add.bind(null)));
print(inspect({method() { return 1; }, arrow: () => {}}));
function tall() {
    let n = 0;
    n++;
    n++;
    n++;
    n++;
    n++;
    n++;
    n++;
    return n;
}
print(inspect(tall));
const renamed = function () {};
Object.defineProperty(renamed, "name", {value: "with \"quotes\""});
print(inspect(renamed));
