// pingpong.mjs — node's counterpart of pingpong.js.
import { Worker } from "node:worker_threads";

const N = 20000;
const sab = new SharedArrayBuffer(8);
const cell = new Int32Array(sab);
const w = new Worker(`
    const { workerData } = require("node:worker_threads");
    const cell = new Int32Array(workerData);
    for (let i = 0; i < ${N}; i++) {
        while (Atomics.load(cell, 0) === 0) Atomics.wait(cell, 0, 0);
        Atomics.store(cell, 0, 0);
        Atomics.notify(cell, 0);
    }`, { eval: true, workerData: sab });
const t0 = performance.now();
for (let i = 0; i < N; i++) {
    Atomics.store(cell, 0, 1);
    Atomics.notify(cell, 0);
    // a notify meant for an earlier turn may wake us: check the value
    while (Atomics.load(cell, 0) === 1) Atomics.wait(cell, 0, 1);
}
console.log("RESULT " + ((performance.now() - t0) * 1000 / N).toFixed(2));
w.terminate();
