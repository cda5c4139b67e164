// echo.js — posts back every message it receives; "close" removes its
// onmessage (the worker then ends), "transfer" sends the buffer back moved.
import * as os from "quickjs:os";

const parent = os.Worker.parent;
parent.onmessage = (ev) => {
    const data = ev.data;
    if (data === "close") {
        parent.onmessage = null;
    } else if (data && data.transferBack) {
        parent.postMessage(data, [data.buf]);
    } else {
        parent.postMessage(data);
    }
};
