// quickjs:os and quickjs:std inside a worker: FILE objects on both threads
// (each runtime has its own FILE class), errors, the loader's aliases.
import * as std from "std";
import * as os from "os";

const mainFile = std.tmpfile();
mainFile.puts("written in main");

asyncTest("a worker uses FILE objects, printf, parseExtJSON and os errors", async () => {
    const w = new os.Worker("./osstd/worker_child.js");
    const data = await new Promise((resolve) => {
        w.onmessage = (e) => { w.onmessage = null; resolve(e.data); };
    });
    assertEq(data.text, "written in the worker");
    assertEq(data.formatted, "002.2|w  |");
    assertDeepEq(data.json, { a: [1, 2] });
    assertEq(data.sameOs, true);
    assertDeepEq(data.openError, {
        message: "open '/nonexistent-weft-dir/x': No such file or directory",
        errno: std.Error.ENOENT, path: "/nonexistent-weft-dir/x", isError: true });
    mainFile.seek(0);
    assertEq(mainFile.readAsString(), "written in main");
    mainFile.close();
});

reportAsync();
