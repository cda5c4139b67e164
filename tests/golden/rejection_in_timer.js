// exit status: 1
// A promise rejected in a timer callback and not handled by the time that
// callback's jobs ran is reported as "Uncaught (in promise)"; the loop
// stops there.
setTimeout(async function load() {
    print("loading");
    await null;
    throw new TypeError("cannot load");
}, 1);
setTimeout(function () {
    print("never printed");
}, 50);
