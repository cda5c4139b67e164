// exit status: 1
// An error thrown by a timer callback is printed like any uncaught error,
// the exit status is 1 and the program ends there, as in node: neither the
// jobs the callback queued nor later timers run.
setTimeout(function later() {
    print("never printed (timer)");
}, 50);
setTimeout(function tick() {
    print("tick");
    Promise.resolve().then(function () { print("never printed (job)"); });
    checkLevel(11);
}, 1);

function checkLevel(level) {
    if (level > 10)
        throw new RangeError("level " + level + " is above 10");
}
print("scheduled");
