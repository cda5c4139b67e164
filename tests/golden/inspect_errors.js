// inspect(value): errors print their stack indented one level
function fail() {
    null.x;
}
try {
    fail();
} catch (e) {
    print(inspect(e));
}
const withProps = new RangeError("out of range", {cause: "the cause"});
withProps.code = "E_RANGE";
print(inspect(withProps));
print(inspect({error: new Error("nested")}));
class AppError extends Error {}
print(inspect(new AppError("custom")));
const assigned = new Error("original");
assigned.stack = "Error: replaced\n    at nowhere";
print(inspect(assigned));
print(inspect(new AggregateError([new Error("one")], "many")));
