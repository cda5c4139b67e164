// proc_onmessage_null.js — the worker's onmessage = null removes its port:
// with nothing else to do it ends, and the program with it, though the
// parent's onmessage is still set.
import * as os from "quickjs:os";

const w = new os.Worker("./null.js", { overrideCode: `
    import * as os from "quickjs:os";
    const p = os.Worker.parent;
    p.onmessage = (ev) => { p.postMessage("got " + ev.data); p.onmessage = null; };` });
w.onmessage = (ev) => print("main:", ev.data);
w.postMessage("one");
