// inspect(value) runs no JS code: no getter, no Proxy trap, no toString
let calls = 0;
const spy = () => { calls++; throw new Error("user code ran"); };
const accessors = {
    get g() { return spy(); },
    set s(v) { spy(); },
    get both() { return spy(); },
    set both(v) { spy(); },
};
print(inspect(accessors));
const handler = {};
for (const trap of ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "apply"])
    handler[trap] = spy;
print(inspect(new Proxy({target: 1}, handler)));
print(inspect(new Proxy(function f() {}, handler)).split("\n")[0]);
const {proxy, revoke} = Proxy.revocable({}, {});
revoke();
print(inspect(proxy));
class Sneaky {
    get hidden() { return spy(); }
    toString() { return spy(); }
}
print(inspect(new Sneaky()));
Symbol.prototype.toString = spy;
Date.prototype.toISOString = spy;
Function.prototype.toString = spy;
RegExp.prototype.toString = spy;
Object.defineProperty(RegExp.prototype, "source", {get: spy});
Object.defineProperty(Map.prototype, "size", {get: spy});
Map.prototype.entries = spy;
Map.prototype[Symbol.iterator] = spy;
Object.defineProperty(Error.prototype, "stack", {get: spy});
print(inspect([Symbol("s"), new Date(0), /r/g, new Map([[1, 2]]), function f() {}]));
print(inspect(new TypeError("t")).split("\n")[1]);
print("user code calls:", calls);
let deep = [];
for (let i = 0; i < 100; i++)
    deep = [deep];
const deepLines = inspect(deep).split("\n");
print(deepLines.length, JSON.stringify(deepLines[32]));
const many = Array.from({length: 1500}, (_, i) => i);
const manyLines = inspect(many).split("\n");
print(manyLines.length, manyLines[1000], manyLines[1001], manyLines[1002]);
