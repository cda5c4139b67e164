// copy.mjs — node's counterpart of copy.js.
import { Worker } from "node:worker_threads";

const N = 300, SIZE = 1 << 20;
const w = new Worker(`
    const { parentPort } = require("node:worker_threads");
    parentPort.postMessage("ready");
    let n = 0, bytes = 0;
    parentPort.on("message", (b) => {
        bytes += b.byteLength + new Uint8Array(b)[${SIZE - 1}];
        if (++n === ${N}) { parentPort.postMessage(bytes); parentPort.close(); }
    });`, { eval: true });
const buf = new ArrayBuffer(SIZE);
new Uint8Array(buf)[SIZE - 1] = 1;
let t0 = 0;
w.on("message", (bytes) => {
    if (bytes === "ready") {
        t0 = performance.now();
        send();
        return;
    }
    const ms = performance.now() - t0;
    if (bytes !== N * (SIZE + 1)) throw new Error("bad copies");
    console.log("RESULT " + Math.round(N / ms * 1000));
    w.terminate();
});
function send() {
    for (let i = 0; i < N; i++) w.postMessage(buf);
}
