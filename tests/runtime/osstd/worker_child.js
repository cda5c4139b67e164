// the worker of tests/runtime/os_std_worker.mjs: uses quickjs:os and
// quickjs:std on its own thread and reports what it saw
import * as os from "os";
import * as std from "std";

const parent = os.Worker.parent;
const f = std.tmpfile();
f.puts("written in the worker");
f.seek(0);
let openError = null;
try {
    std.open("/nonexistent-weft-dir/x", "r");
} catch (e) {
    openError = { message: e.message, errno: e.errno, path: e.path, isError: e instanceof Error };
}
parent.postMessage({
    text: f.readAsString(),
    formatted: std.sprintf("%05.1f|%-3s|", 2.25, "w"),
    json: std.parseExtJSON("{a: [1, 2,],}"),
    sameOs: require("quickjs:os") === os,
    openError,
});
f.close();
