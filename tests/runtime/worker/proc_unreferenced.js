// proc_unreferenced.js — a running worker whose object nobody references
// is not collected: its messages still arrive.
import * as os from "quickjs:os";
import * as engine from "quickjs:engine";

(function () {
    const w = new os.Worker("./unref.js", { overrideCode: `
        import * as os from "quickjs:os";
        setTimeout(() => os.Worker.parent.postMessage("late message"), 50);` });
    w.onmessage = (ev) => print("main:", ev.data);
})();
engine.gc();
setTimeout(() => engine.gc(), 10);
