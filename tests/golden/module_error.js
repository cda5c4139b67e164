// exit status: 1
// A module that throws after a top-level await is reported as an uncaught
// error (not as an unhandled rejection), with status 1.
export const name = "module_error";
await new Promise(function (resolve) { setTimeout(resolve, 1); });
print("after the await");
throw new Error("failed after the await");
