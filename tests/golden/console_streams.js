// console.log and console.info write to stdout, console.warn and
// console.error to stderr; each call is flushed, so the two streams
// interleave in the order of the calls.
console.log("out 1");
console.error("err 1");
console.warn("warn", { level: 2 });
console.info("info");
print("out 2");
console.error(new Error("logged, not thrown"));
print("done");
