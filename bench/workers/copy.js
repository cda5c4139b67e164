// copy.js — 1 MiB ArrayBuffer copies: the main thread posts N buffers of
// 1 MiB (copied, not transferred); the worker checks each one's size and
// answers at the end. Prints "RESULT <MiB per second>".
import * as os from "quickjs:os";

const N = 300, SIZE = 1 << 20;
const w = new os.Worker("./sink.js", { overrideCode: `
    import * as os from "quickjs:os";
    const p = os.Worker.parent;
    p.postMessage("ready");
    let n = 0, bytes = 0;
    p.onmessage = (ev) => {
        bytes += ev.data.byteLength + new Uint8Array(ev.data)[${SIZE - 1}];
        if (++n === ${N}) { p.postMessage(bytes); p.onmessage = null; }
    };` });
const buf = new ArrayBuffer(SIZE);
new Uint8Array(buf)[SIZE - 1] = 1;
let t0 = 0;
w.onmessage = (ev) => {
    if (ev.data === "ready") {
        t0 = os.now();
        send();
        return;
    }
    const ms = os.now() - t0;
    if (ev.data !== N * (SIZE + 1)) throw new Error("bad copies");
    print("RESULT " + Math.round(N / ms * 1000));
    w.onmessage = null;
};
function send() {
    for (let i = 0; i < N; i++) w.postMessage(buf);
}
