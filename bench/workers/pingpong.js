// pingpong.js — SharedArrayBuffer + Atomics ping-pong: the main thread and
// a worker take turns through Atomics.wait/notify on one Int32Array cell.
// Prints "RESULT <microseconds per round trip>".
import * as os from "quickjs:os";

const N = 20000;
const sab = new SharedArrayBuffer(8);
const cell = new Int32Array(sab);
const w = new os.Worker("./pong.js", { initialData: sab, overrideCode: `
    import * as os from "quickjs:os";
    const cell = new Int32Array(os.Worker.initialData);
    for (let i = 0; i < ${N}; i++) {
        while (Atomics.load(cell, 0) === 0) Atomics.wait(cell, 0, 0);
        Atomics.store(cell, 0, 0);
        Atomics.notify(cell, 0);
    }` });
const t0 = os.now();
for (let i = 0; i < N; i++) {
    Atomics.store(cell, 0, 1);
    Atomics.notify(cell, 0);
    // a notify meant for an earlier turn may wake us: check the value
    while (Atomics.load(cell, 0) === 1) Atomics.wait(cell, 0, 1);
}
print("RESULT " + ((os.now() - t0) * 1000 / N).toFixed(2));
