// print and console.log of primitive values: numbers (-0, NaN, the
// shortest round-trip form of big and small doubles), strings (as they
// are at the top level), booleans, null, undefined, BigInts and symbols.
print(0, -0, 1, -1, 1.5, 0.1 + 0.2, 1 / 3, 2 ** 31, -(2 ** 31), 2 ** 53, 2 ** 53 + 2);
print(1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, -1e-300);
print(100, 1e6, 0.000001, 1234.5678, -0.5, 0xff, 1e300 * 1e10);
print(NaN, Infinity, -Infinity);
print("plain string", "", "with \"quotes\" and 'single'", "tab\there");
print("new\nline");
print(true, false, null, undefined);
print(0n, 123n, -45n, 2n ** 70n);
print(Symbol(), Symbol("desc"), Symbol.iterator, Symbol.for("global"));
console.log("console.log", 1, "and console.info:");
console.info("info", -0);
print();
print("after an empty line");
