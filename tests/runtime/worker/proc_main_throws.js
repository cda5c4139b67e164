// proc_main_throws.js — an uncaught error on the main thread ends the
// program (status 1) even while a worker is alive.
import * as os from "quickjs:os";

const w = new os.Worker("./alive.js", { overrideCode: "setInterval(() => {}, 1000);" });
w.onmessage = () => {};
setTimeout(() => { throw new Error("main fails"); }, 20);
