// parallel.mjs — node's counterpart of parallel.js.
import { Worker } from "node:worker_threads";

const TASKS = 8, LIMIT = 60000;
const code = `
    const { parentPort } = require("node:worker_threads");
    function primes(limit) {
        let n = 0;
        for (let i = 2; i < limit; i++) {
            let prime = true;
            for (let d = 2; d * d <= i; d++) if (i % d === 0) { prime = false; break; }
            if (prime) n++;
        }
        return n;
    }
    parentPort.once("message", (tasks) => {
        let n = 0;
        for (let t = 0; t < tasks; t++) n += primes(${LIMIT});
        parentPort.postMessage(n);
        parentPort.close();
    });`;

function run(counts) {
    return new Promise((resolve) => {
        const t0 = performance.now();
        let left = counts.length;
        for (const c of counts) {
            const w = new Worker(code, { eval: true });
            w.once("message", () => {
                w.terminate();
                if (--left === 0) resolve(performance.now() - t0);
            });
            w.postMessage(c);
        }
    });
}

const serial = await run([TASKS]);
const parallel = await run(new Array(TASKS).fill(1));
console.log("RESULT " + (serial / parallel).toFixed(2));
