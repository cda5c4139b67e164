// Promise jobs run after the synchronous code, first in, first out;
// await takes one turn of the queue, and a resolved thenable two more.
var log = [];
function say(s) {
    log.push(s);
    print(s);
}

say("sync 1");
Promise.resolve().then(function () {
    say("then a1");
    Promise.resolve().then(function () { say("then a1 -> nested"); });
}).then(function () {
    say("then a2");
});
Promise.resolve().then(function () { say("then b1"); });

async function worker(name) {
    say(name + " start");
    await null;
    say(name + " after await 1");
    await null;
    say(name + " after await 2");
    return name;
}
worker("w1").then(function (v) { say("w1 resolved " + v); });

new Promise(function (resolve) {
    say("executor runs now");
    resolve({ then: function (r) { say("thenable called"); r("thenable value"); } });
}).then(function (v) { say("got " + v); });

Promise.reject(new Error("x")).catch(function () { say("catch"); }).finally(function () {
    say("finally");
});
say("sync 2");
