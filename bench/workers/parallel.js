// parallel.js — CPU-bound work on 8 workers at once against the same 8
// tasks done one after another by a single worker (both timings include
// starting the workers). Prints "RESULT <speedup>".
import * as os from "quickjs:os";

const TASKS = 8, LIMIT = 60000;
const code = `
    import * as os from "quickjs:os";
    const p = os.Worker.parent;
    function primes(limit) {
        let n = 0;
        for (let i = 2; i < limit; i++) {
            let prime = true;
            for (let d = 2; d * d <= i; d++) if (i % d === 0) { prime = false; break; }
            if (prime) n++;
        }
        return n;
    }
    p.onmessage = (ev) => {
        let n = 0;
        for (let t = 0; t < ev.data; t++) n += primes(${LIMIT});
        p.postMessage(n);
        p.onmessage = null;
    };`;

// runs `counts` (tasks per worker) and resolves with the milliseconds taken
function run(counts) {
    return new Promise((resolve) => {
        const t0 = os.now();
        let left = counts.length;
        for (const c of counts) {
            const w = new os.Worker("./primes.js", { overrideCode: code });
            w.onmessage = () => { if (--left === 0) resolve(os.now() - t0); };
            w.postMessage(c);
        }
    });
}

const serial = await run([TASKS]);
const parallel = await run(new Array(TASKS).fill(1));
print("RESULT " + (serial / parallel).toFixed(2));
