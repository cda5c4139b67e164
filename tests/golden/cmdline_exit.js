// exit status: 3
// cmdline.exit ends the process at once with its code: no further JS runs
// (no pending job, no timer), and what was printed is flushed.
import { exit, setExitCode } from "quickjs:cmdline";

setExitCode(9);
setTimeout(function () {
    print("in the timer");
    Promise.resolve().then(function () { print("never printed (job)"); });
    exit(3);
}, 1);
setTimeout(function () { print("never printed (timer)"); }, 30);
print("before exit");
