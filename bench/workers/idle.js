// idle.js — memory per idle worker: the growth of the resident set size
// once N workers have started and sit waiting for messages, divided by N.
// Prints "RESULT <KiB per worker>".
import * as os from "quickjs:os";
import * as std from "quickjs:std";

const N = 100;
const rss = () => Number(std.loadFile("/proc/self/statm").split(" ")[1]) * 4;
const code = `
    import * as os from "quickjs:os";
    os.Worker.parent.onmessage = () => {};
    os.Worker.parent.postMessage("up");`;
const base = rss();
const workers = [];
let up = 0;
for (let i = 0; i < N; i++) {
    const w = new os.Worker("./idle_worker.js", { overrideCode: code });
    w.onmessage = () => {
        if (++up < N) return;
        setTimeout(() => {
            print("RESULT " + Math.round((rss() - base) / N));
            for (const x of workers) x.terminate();
        }, 200);
    };
    workers.push(w);
}
