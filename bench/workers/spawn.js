// spawn.js — spawn-to-first-message latency: a worker is created and the
// time until its first message arrives is measured, one worker at a time.
// Prints "RESULT <milliseconds per spawn>".
import * as os from "quickjs:os";

const N = 200;
const code = `import * as os from "quickjs:os"; os.Worker.parent.postMessage(1);`;
let total = 0, done = 0;

function one() {
    const t0 = os.now();
    const w = new os.Worker("./spawned.js", { overrideCode: code });
    w.onmessage = () => {
        total += os.now() - t0;
        w.terminate();
        if (++done < N) setTimeout(one, 1);
        else print("RESULT " + (total / N).toFixed(3));
    };
}
one();
