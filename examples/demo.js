// demo.js — Weft's demo (`make run`): counting the primes below a limit
// with a pool of os.Worker threads.
//
//   build/weft examples/demo.js [limit [threads]]
//
// Each worker is a separate engine on its own thread. They share one
// SharedArrayBuffer: a work counter they take chunks of the range from
// (Atomics.add), and the running totals the main thread reads to draw the
// progress bar (Atomics.load) while its event loop waits for the workers'
// final messages. The same count runs on one thread, then on the pool.
import * as os from "quickjs:os";
import * as std from "quickjs:std";

const LIMIT = Number(scriptArgs[1]) || 6_000_000;
const THREADS = Number(scriptArgs[2]) || 4;
const CHUNK = 100_000;
const CHUNKS = Math.ceil(LIMIT / CHUNK);

// shared memory: [next chunk to take, chunks done, primes found]
const NEXT = 0, DONE = 1, FOUND = 2;

// the worker: a segmented sieve of Eratosthenes over the chunks it takes
const workerCode = `
import * as os from "quickjs:os";
const { sab, limit, chunk, chunks } = os.Worker.initialData;
const shared = new Int32Array(sab);

// the primes up to sqrt(limit), by a plain sieve
const root = Math.ceil(Math.sqrt(limit)) + 1;
const small = new Uint8Array(root + 1);
const base = [];
for (let i = 2; i <= root; i++) {
    if (small[i]) continue;
    base.push(i);
    for (let j = i * i; j <= root; j += i) small[j] = 1;
}

const composite = new Uint8Array(chunk);
function countChunk(lo, hi) {
    composite.fill(0);
    for (const p of base) {
        if (p * p >= hi) break;
        let j = Math.max(p * p, Math.ceil(lo / p) * p);
        for (; j < hi; j += p) composite[j - lo] = 1;
    }
    let n = 0;
    for (let i = Math.max(lo, 2); i < hi; i++) if (!composite[i - lo]) n++;
    return n;
}

let mine = 0, taken = 0;
for (;;) {
    const c = Atomics.add(shared, ${NEXT}, 1);
    if (c >= chunks) break;
    const n = countChunk(c * chunk, Math.min(limit, (c + 1) * chunk));
    mine += n;
    taken++;
    Atomics.add(shared, ${FOUND}, n);
    Atomics.add(shared, ${DONE}, 1);
}
os.Worker.parent.postMessage({ primes: mine, chunks: taken });
`;

const tty = os.isatty(1);

function cpuCount() {
    try {
        const lines = std.loadFile("/proc/cpuinfo").split("\n");
        return lines.filter((l) => /^processor\s/.test(l)).length;
    } catch {
        return "?";
    }
}

function bar(done) {
    const width = 40, full = Math.round(width * done / CHUNKS);
    return "[" + "#".repeat(full) + ".".repeat(width - full) + "] " +
           String(Math.floor(100 * done / CHUNKS)).padStart(3) + "%";
}

function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// counts the primes with `threads` workers; resolves with the count, the
// seconds taken and the chunks each worker did
function count(threads) {
    const sab = new SharedArrayBuffer(16);
    const shared = new Int32Array(sab);
    const label = ("  " + threads + " thread" + (threads > 1 ? "s:" : ": ")).padEnd(14);
    const t0 = os.now();
    return new Promise((resolve, reject) => {
        const results = [];
        const timer = tty ? setInterval(() => {
            std.out.puts("\r" + label + bar(Atomics.load(shared, DONE)) + "  " +
                         fmt(Atomics.load(shared, FOUND)) + " primes so far");
            std.out.flush();
        }, 50) : null;
        for (let i = 0; i < threads; i++) {
            const w = new os.Worker("./demo_worker.js", {
                overrideCode: workerCode,
                initialData: { sab, limit: LIMIT, chunk: CHUNK, chunks: CHUNKS },
            });
            w.onerror = (ev) => reject(ev.error || new Error(ev.message));
            w.onmessage = (ev) => {
                results.push(ev.data);
                if (results.length < threads) return;
                const seconds = (os.now() - t0) / 1000;
                const primes = results.reduce((s, r) => s + r.primes, 0);
                if (timer) clearInterval(timer);
                if (primes !== Atomics.load(shared, FOUND)) reject(new Error("counts disagree"));
                std.out.puts((tty ? "\r" : "") + label + bar(Atomics.load(shared, DONE)) + "  " +
                             fmt(primes) + " primes in " + seconds.toFixed(2) + " s" +
                             " ".repeat(tty ? 10 : 0) + "\n");
                resolve({ primes, seconds, split: results.map((r) => r.chunks) });
            };
        }
    });
}

print("Counting the primes below " + fmt(LIMIT) + " in " + CHUNKS + " chunks of " +
      fmt(CHUNK) + ", with os.Worker threads sharing a SharedArrayBuffer");
const one = await count(1);
const pool = await count(THREADS);
if (one.primes !== pool.primes)
    throw new Error("the pool counted " + pool.primes + ", one thread " + one.primes);
print("  chunks taken by each worker: " + pool.split.join(", "));
print("  " + THREADS + " threads took " + pool.seconds.toFixed(2) + " s, one thread " +
      one.seconds.toFixed(2) + " s: a speedup of " + (one.seconds / pool.seconds).toFixed(2) +
      " on " + cpuCount() + " CPU cores (less when other programs keep them busy)");
