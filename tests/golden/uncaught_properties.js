// exit status: 1
// An uncaught error with own enumerable properties: they follow its stack.
function fail() {
    var e = new Error("request failed");
    e.code = "E_TIMEOUT";
    e.details = { attempts: 3, hosts: ["a", "b"] };
    throw e;
}
fail();
