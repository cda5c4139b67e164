// proc_waits.js — the main module ends at once; the loop keeps running
// while the worker is alive, and the worker's output comes after.
import * as os from "quickjs:os";

new os.Worker("./proc_waits_child.js");
print("main: end of module");
