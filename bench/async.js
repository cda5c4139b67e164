// async.js — promises and async functions: an await loop over plain values
// and resolved promises, a fan-in of many async calls through Promise.all,
// long chains of .then, and an async generator consumed by for await. The
// checksum is printed once every job has run.
var log = typeof print === "function" ? print : console.log;

async function awaitLoop(n) {
    var s = 0;
    for (var i = 0; i < n; i++) {
        s += await i;
        s += await Promise.resolve(i & 7);
        s %= 1000000007;
    }
    return s;
}

async function leaf(x) {
    return x * 2 + 1;
}

async function middle(x) {
    var a = await leaf(x);
    var b = await leaf(x + 1);
    return a + b;
}

async function fanIn(n) {
    var calls = [];
    for (var i = 0; i < n; i++)
        calls.push(middle(i));
    var results = await Promise.all(calls);
    var s = 0;
    for (var i = 0; i < results.length; i++)
        s = (s + results[i]) % 1000000007;
    return s;
}

function thenChain(n) {
    var p = Promise.resolve(0);
    for (var i = 0; i < n; i++) {
        p = p.then((v) => (v + 3) % 1000003);
        if (i % 16 === 15)
            p = p.then((v) => Promise.resolve(v + 1));
    }
    return p.then((v) => v, () => -1);
}

async function* ticks(n) {
    for (var i = 0; i < n; i++)
        yield i;
}

async function consumeTicks(n) {
    var s = 0;
    for await (var t of ticks(n))
        s = (s + t) % 1000000007;
    return s;
}

async function main() {
    var acc = 0;
    acc = (acc + await awaitLoop(150000)) % 1000000007;
    for (var round = 0; round < 20; round++)
        acc = (acc + await fanIn(5000)) % 1000000007;
    for (var c = 0; c < 20; c++)
        acc = (acc + await thenChain(20000)) % 1000000007;
    acc = (acc + await consumeTicks(150000)) % 1000000007;
    return acc;
}

main().then((acc) => log("async checksum " + acc));
