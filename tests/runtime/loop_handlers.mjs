// loop_handlers.mjs — os.setReadHandler/setWriteHandler on a pipe and
// os.signal with a signal sent to the process itself (src/runtime/
// handlers.c). test_eventloop.c drives the same functions from C.
import * as os from "quickjs:os";

function readText(fd) {
    const buf = new Uint8Array(64);
    const n = os.read(fd, buf.buffer, 0, buf.length);
    return String.fromCharCode(...buf.subarray(0, n));
}

function writeText(fd, s) {
    const buf = new Uint8Array([...s].map(c => c.charCodeAt(0)));
    return os.write(fd, buf.buffer, 0, buf.length);
}

asyncTest("a read handler runs for each write until it removes itself", function () {
    const [rfd, wfd] = os.pipe();
    const got = [];
    return new Promise(resolve => {
        os.setReadHandler(rfd, () => {
            got.push(readText(rfd));
            if (got.length === 3) {
                os.setReadHandler(rfd, null);
                resolve();
            } else {
                setTimeout(() => writeText(wfd, "m" + got.length), 2);
            }
        });
        writeText(wfd, "m0");
    }).then(() => {
        assertDeepEq(got, ["m0", "m1", "m2"]);
        os.close(rfd);
        os.close(wfd);
    });
});

asyncTest("the read handler sees the end of the stream", function () {
    const [rfd, wfd] = os.pipe();
    const got = [];
    return new Promise(resolve => {
        os.setReadHandler(rfd, () => {
            const s = readText(rfd);
            got.push(s);
            if (s === "") {
                os.setReadHandler(rfd, null);
                resolve();
            }
        });
        writeText(wfd, "last");
        os.close(wfd);
    }).then(() => {
        assertDeepEq(got, ["last", ""]);
        os.close(rfd);
    });
});

asyncTest("a write handler runs while the pipe has room", function () {
    const [rfd, wfd] = os.pipe();
    let calls = 0;
    return new Promise(resolve => {
        os.setWriteHandler(wfd, () => {
            calls++;
            writeText(wfd, "x");
            if (calls === 2) {
                os.setWriteHandler(wfd, undefined);
                resolve();
            }
        });
    }).then(() => {
        assertEq(calls, 2);
        assertEq(readText(rfd), "xx");
        os.close(rfd);
        os.close(wfd);
    });
});

asyncTest("os.signal: a handler for SIGUSR1 runs on the loop", function () {
    return new Promise(resolve => {
        os.signal(os.SIGUSR1, (sig) => {
            os.signal(os.SIGUSR1, null);
            resolve(sig);
        });
        os.kill(os.getpid(), os.SIGUSR1);
    }).then(sig => assertEq(sig, os.SIGUSR1));
});

asyncTest("os.signal: undefined ignores the signal", function () {
    os.signal(os.SIGUSR2, undefined);
    os.kill(os.getpid(), os.SIGUSR2);
    return new Promise(resolve => setTimeout(resolve, 10)).then(() => {
        os.signal(os.SIGUSR2, null);
    });
});

test("bad arguments", function () {
    assertThrows(RangeError, () => os.setReadHandler(-3, () => {}));
    assertThrows(TypeError, () => os.setReadHandler(0, "f"));
    assertThrows(RangeError, () => os.signal(0, null));
    assertThrows(RangeError, () => os.signal(64, null));
    assertThrows(TypeError, () => os.signal(os.SIGUSR1, 1));
    assertThrows(Error, () => os.signal(os.SIGKILL, () => {}));
    os.setReadHandler(0, null);
});

reportAsync();
