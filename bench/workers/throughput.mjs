// throughput.mjs — node's counterpart of throughput.js.
import { Worker } from "node:worker_threads";

const N = 200000;
const w = new Worker(`
    const { parentPort } = require("node:worker_threads");
    parentPort.postMessage("ready");
    let n = 0, sum = 0;
    parentPort.on("message", (m) => {
        sum += m.id;
        if (++n === ${N}) { parentPort.postMessage(sum); parentPort.close(); }
    });`, { eval: true });
let t0 = 0;
w.on("message", (sum) => {
    if (sum === "ready") {
        t0 = performance.now();
        send();
        return;
    }
    const ms = performance.now() - t0;
    if (sum !== N * (N - 1) / 2) throw new Error("lost messages");
    console.log("RESULT " + Math.round(N / ms * 1000));
    w.terminate();
});
function send() {
    for (let i = 0; i < N; i++) w.postMessage({ id: i, name: "item", ok: true });
}
