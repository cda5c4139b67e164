// throughput.js — one-way throughput of small objects: the main thread
// posts N objects, the worker counts them and answers once at the end.
// Prints "RESULT <messages per second>".
import * as os from "quickjs:os";

const N = 200000;
const w = new os.Worker("./sink.js", { overrideCode: `
    import * as os from "quickjs:os";
    const p = os.Worker.parent;
    p.postMessage("ready");
    let n = 0, sum = 0;
    p.onmessage = (ev) => {
        sum += ev.data.id;
        if (++n === ${N}) { p.postMessage(sum); p.onmessage = null; }
    };` });
let t0 = 0;
w.onmessage = (ev) => {
    if (ev.data === "ready") {
        t0 = os.now();
        send();
        return;
    }
    const ms = os.now() - t0;
    if (ev.data !== N * (N - 1) / 2) throw new Error("lost messages");
    print("RESULT " + Math.round(N / ms * 1000));
    w.onmessage = null;
};
function send() {
    for (let i = 0; i < N; i++) w.postMessage({ id: i, name: "item", ok: true });
}
