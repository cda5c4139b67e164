// inspect(value): primitives, wrapper objects, Date and RegExp
print(inspect("text"));
print(inspect("quote \" backslash \\ newline \n tab \t bell \x07 é"));
print(inspect(""));
print(inspect(42), inspect(-1.5), inspect(1e21), inspect(NaN), inspect(-Infinity));
print(inspect(0), inspect(-0), inspect([-0, 0]));
print(inspect(12n), inspect(-(2n ** 70n)));
print(inspect(Symbol("desc")), inspect(Symbol()), inspect(Symbol.iterator), inspect(Symbol.for("reg")));
print(inspect(true), inspect(false), inspect(null), inspect(undefined), inspect());
print(inspect(new Number(3)), inspect(new String("ab")), inspect(new Boolean(false)));
print(inspect(Object(5n)), inspect(Object(Symbol("boxed"))));
print(inspect(new Date(0)));
print(inspect(new Date(Date.UTC(2024, 1, 29, 13, 45, 30, 123))));
print(inspect(new Date(-1)));
print(inspect(new Date(Date.UTC(-1, 0, 1))), inspect(new Date(8.64e15)));
print(inspect(new Date(NaN)));
print(inspect(/ab+c/gi), inspect(new RegExp("a/b")), inspect(new RegExp("")), inspect(/[/]\d/u));
print(inspect({when: new Date(0), re: /x/y, s: "str", n: -0, b: 1n, sym: Symbol("k")}));
