// proc_exit.js — cmdline.exit on the main thread ends the process at once,
// busy workers or not.
import * as os from "quickjs:os";
import * as cmdline from "quickjs:cmdline";

new os.Worker("./busy.js", { overrideCode: "for (;;) ;" });
new os.Worker("./idle.js", { overrideCode: "setInterval(() => {}, 1000);" });
setTimeout(() => cmdline.exit(3), 20);
