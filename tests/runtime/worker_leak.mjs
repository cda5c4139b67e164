// worker_leak.mjs — starting and ending thousands of workers keeps memory
// flat: 2,000 workers in waves of 50, each with initialData, a message
// each way (one carrying a SharedArrayBuffer, one a transferred buffer)
// and an error, then the resident set size is compared with the one
// measured after the first 400 (the bound: 6 MiB over 1,600 workers).
import * as os from "quickjs:os";
import * as std from "quickjs:std";

// under AddressSanitizer (whose quarantine keeps freed memory) or
// ThreadSanitizer the resident size says nothing about leaks, and each
// worker costs a hundred times more: fewer workers, and LeakSanitizer
// checks at exit instead of the RSS bound
const sanitized = /lib[at]san/.test(std.loadFile("/proc/self/maps"));
const TOTAL = sanitized ? 400 : 2000, WAVE = 50;
const code = `
    import * as os from "quickjs:os";
    const p = os.Worker.parent;
    p.onmessage = (ev) => {
        const buf = new ArrayBuffer(4096);
        p.postMessage({ n: os.Worker.initialData.n, sab: ev.data.sab, buf }, [buf]);
        p.onmessage = null;
        throw new Error("worker error " + os.Worker.initialData.n);
    };`;

function rssKiB() {
    const pages = Number(std.loadFile("/proc/self/statm").split(" ")[1]);
    return pages * 4;
}

// one wave: resolves when every worker answered and reported its error
function wave(first, sab) {
    return new Promise((resolve) => {
        let left = 2 * WAVE;
        for (let i = first; i < first + WAVE; i++) {
            const w = new os.Worker("worker/leak.js", {
                overrideCode: code,
                initialData: { n: i, pad: "x".repeat(1000) },
            });
            w.onmessage = (ev) => {
                if (ev.data.n !== i || ev.data.buf.byteLength !== 4096)
                    throw new Error("bad answer from worker " + i);
                if (--left === 0) resolve();
            };
            w.onerror = () => { if (--left === 0) resolve(); };
            w.postMessage({ sab });
        }
    });
}

async function main() {
    const sab = new SharedArrayBuffer(1024);
    let base = 0, started = 0;
    while (started < TOTAL) {
        await wave(started, sab);
        started += WAVE;
        // the last threads may still be freeing: let them finish
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (started === Math.min(400, TOTAL / 2))
            base = rssKiB();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const growth = rssKiB() - base;
    test(TOTAL + " workers answered, resident memory flat after warm-up (grew " + growth +
         " KiB)", function () {
        if (!sanitized)
            assert(growth < 6 * 1024, "grew by " + growth + " KiB over 1,600 workers");
    });
    report();
}

main();
