// roundtrip.mjs — node's counterpart of roundtrip.js.
import { Worker } from "node:worker_threads";

const N = 20000;
const w = new Worker(`
    const { parentPort } = require("node:worker_threads");
    parentPort.on("message", (m) => {
        if (m === null) parentPort.close();
        else parentPort.postMessage(m);
    });`,
    { eval: true });
let i = 0, t0 = 0;
w.on("message", () => {
    if (i === 100) t0 = performance.now();
    if (++i < N + 100) {
        w.postMessage({ seq: i, tag: "ping" });
    } else {
        console.log("RESULT " + ((performance.now() - t0) * 1000 / N).toFixed(2));
        w.terminate();
    }
});
w.postMessage({ seq: 0, tag: "ping" });
