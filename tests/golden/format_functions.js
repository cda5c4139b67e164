// print of functions, classes and errors: the kind of function and its
// name, classes, and errors inside containers as [Name: message]; an
// error printed at the top level is its stack.
function named() {}
print(named, function () {}, () => 1, Math.max, named.bind(null));
print(class Klass {}, class {}, { method() {} }.method);
print(async function af() {}, function* gen() {}, async function* ag() {}, async () => 1);
print({ f: named, k: class K {} });
print({ err: new TypeError("inner") }, [new RangeError("in array")], [new Error()]);
function thrower() {
    return new Error("made in thrower");
}
print(thrower());
var e = new SyntaxError("printed");
print(e.name + ": " + e.message, String(e));
