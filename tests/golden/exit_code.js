// exit status: 5
// The status of a program that ends normally is cmdline's exit code.
import { setExitCode, getExitCode } from "quickjs:cmdline";

setTimeout(function () {
    setExitCode(5);
    print("exit code now", getExitCode());
}, 1);
