// spawn.mjs — node's counterpart of spawn.js (worker_threads).
import { Worker } from "node:worker_threads";

const N = 20;
const code = `require("node:worker_threads").parentPort.postMessage(1);`;
let total = 0;
for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const w = new Worker(code, { eval: true });
    await new Promise((resolve) => w.once("message", resolve));
    total += performance.now() - t0;
    await w.terminate();
}
console.log("RESULT " + (total / N).toFixed(3));
