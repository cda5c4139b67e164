// calls.js — function calls and closures: recursion, closures that keep
// private state, higher-order helpers, methods called through call/apply,
// default and rest parameters, and arrow functions capturing loop
// variables.
var log = typeof print === "function" ? print : console.log;

function fib(n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function makeCounter(start, step) {
    var value = start;
    return {
        next: function () { value += step; return value; },
        reset: function () { value = start; },
    };
}

function compose(f, g) {
    return function (x) { return f(g(x)); };
}

function curry3(f) {
    return (a) => (b) => (c) => f(a, b, c);
}

function sumAll(first, ...rest) {
    var s = first;
    for (var i = 0; i < rest.length; i++)
        s += rest[i];
    return s;
}

function scaled(x, factor = 3, offset = 1) {
    return x * factor + offset;
}

var account = {
    balance: 0,
    deposit(n) { this.balance += n; return this.balance; },
};

function memoize(f) {
    var cache = new Map();
    return function (n) {
        var v = cache.get(n);
        if (v === undefined) {
            v = f(n);
            cache.set(n, v);
        }
        return v;
    };
}

function run() {
    var acc = 0;
    acc += fib(27);

    var counters = [];
    for (var i = 0; i < 50; i++)
        counters.push(makeCounter(i, (i % 5) + 1));
    for (var round = 0; round < 4000; round++) {
        for (var j = 0; j < counters.length; j++)
            acc = (acc + counters[j].next()) % 1000000007;
        if (round % 1000 === 999)
            counters.forEach((c) => c.reset());
    }

    var inc = (x) => x + 1, dbl = (x) => x * 2;
    var f = compose(inc, compose(dbl, inc));
    var add3 = curry3((a, b, c) => a + b + c);
    for (var k = 0; k < 300000; k++) {
        acc = (acc + f(k & 1023) + add3(k & 7)(k & 15)(3)) % 1000000007;
        acc = (acc + sumAll(k & 3, 1, 2, 3) + scaled(k & 31)) % 1000000007;
        acc = (acc + account.deposit.call(account, k & 1)) % 1000000007;
        acc = (acc + Math.max.apply(null, [k & 5, k & 9, 4])) % 1000000007;
    }

    var handlers = [];
    for (let n = 0; n < 1000; n++)
        handlers.push(() => n * n);
    for (var rep = 0; rep < 100; rep++)
        for (var h = 0; h < handlers.length; h++)
            acc = (acc + handlers[h]()) % 1000000007;

    var tri = memoize((n) => (n * (n + 1)) / 2);
    for (var m = 0; m < 200000; m++)
        acc = (acc + tri(m % 500)) % 1000000007;
    return acc;
}

log("calls checksum " + run());
