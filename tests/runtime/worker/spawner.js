// spawner.js — a module in another directory that starts a worker with a
// path relative to itself (not to the process's working directory).
import * as os from "quickjs:os";

export function spawn() { return new os.Worker("./echo.js"); }
