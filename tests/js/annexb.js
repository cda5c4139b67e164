// annexb.js — Annex B syntax of sloppy code: a call as an assignment
// target (the ReferenceError comes after the call, before the right
// side), and HTML-like comments in the text given to Function.

test("a call as assignment target throws after the call", function () {
    var log = [];
    function f() { log.push("f"); return { valueOf() { log.push("valueOf"); return 1; } }; }
    function g() { log.push("g"); return 1; }
    assertThrows(ReferenceError, function () { f() = g(); });
    assertThrows(ReferenceError, function () { f() += g(); });
    assertThrows(ReferenceError, function () { f()++; });
    assertThrows(ReferenceError, function () { for (f() in { a: 1 }) {} });
    assertThrows(ReferenceError, function () { for (f() of [1]) {} });
    assertEq(log.join(), "f,f,f,f,f");
    for (f() in {}) {}
    assertEq(log.length, 5, "no iteration, no call");
    var inner;
    assertThrows(ReferenceError, function () { f() = function h() { inner = 1; }; });
    assertEq(inner, undefined);
});

test("--> opens a comment only at the head of a line", function () {
    assertThrows(SyntaxError, function () { Function("-->", ""); });
    assertEq(Function("a\n-->", "return a")(3), 3);
    assertEq(Function("", "-->x\nreturn 4")(), 4);
    assertEq(Function("a", "return a\n--> ignored")(5), 5);
    assertEq(eval("1\n--> ignored"), 1);
    assertThrows(SyntaxError, function () { eval("1 --> 0"); });
});

report();
