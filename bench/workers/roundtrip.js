// roundtrip.js — small-message round trip: the main thread sends a small
// object, the worker sends it back, N times in sequence.
// Prints "RESULT <microseconds per round trip>".
import * as os from "quickjs:os";

const N = 20000;
const w = new os.Worker("./echo.js", { overrideCode: `
    import * as os from "quickjs:os";
    const p = os.Worker.parent;
    p.onmessage = (ev) => {
        if (ev.data === null) p.onmessage = null;
        else p.postMessage(ev.data);
    };` });
let i = 0, t0 = 0;
w.onmessage = (ev) => {
    if (i === 100) t0 = os.now(); // after a warm-up
    if (++i < N + 100) {
        w.postMessage({ seq: i, tag: "ping" });
    } else {
        print("RESULT " + ((os.now() - t0) * 1000 / N).toFixed(2));
        w.postMessage(null);
        w.onmessage = null;
    }
};
w.postMessage({ seq: 0, tag: "ping" });
