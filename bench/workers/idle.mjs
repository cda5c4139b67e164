// idle.mjs — node's counterpart of idle.js.
import { Worker } from "node:worker_threads";

const N = 20;
const rss = () => process.memoryUsage().rss / 1024;
const code = `
    const { parentPort } = require("node:worker_threads");
    parentPort.on("message", () => {});
    parentPort.postMessage("up");`;
const base = rss();
const workers = [];
for (let i = 0; i < N; i++) {
    const w = new Worker(code, { eval: true });
    workers.push(new Promise((resolve) => w.once("message", () => resolve(w))));
}
const all = await Promise.all(workers);
await new Promise((resolve) => setTimeout(resolve, 200));
console.log("RESULT " + Math.round((rss() - base) / N));
for (const w of all) w.terminate();
