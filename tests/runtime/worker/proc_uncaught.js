// proc_uncaught.js — worker errors with no onerror are printed as the main
// thread prints an uncaught error; the program goes on, then exits 1.
import * as os from "quickjs:os";

const code = [
    "function f() { throw new TypeError('oops'); }\nf();",
    "throw 42;",
    "Promise.reject(new RangeError('nobody'));",
];
for (const c of code)
    new os.Worker("./uncaught.js", { overrideCode: c });
setTimeout(() => print("main: still running"), 100);
