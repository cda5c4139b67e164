// proc_never_ends.js — a worker whose loop never ends (an interval, and a
// set onmessage); terminate() ends it, and so the program. With "keep" as
// argument nothing terminates it (the test kills the process).
import * as os from "quickjs:os";

const w = new os.Worker("./never.js", { overrideCode: `
    import * as os from "quickjs:os";
    os.Worker.parent.onmessage = () => {};
    setInterval(() => {}, 5);
    os.Worker.parent.postMessage("up");` });
w.onmessage = () => {
    print("main: worker is up");
    if (scriptArgs[1] !== "keep") w.terminate();
};
