// generators.js — generator pipelines: a range generator wrapped in
// map/filter/take stages that are generators themselves, consumed by
// for-of, by spread and by destructuring; a class with a generator
// [Symbol.iterator]; yield* delegation through a recursive tree walk; and
// a for-of over Map and Set entries.
var log = typeof print === "function" ? print : console.log;

function* range(start, end) {
    for (var i = start; i < end; i++)
        yield i;
}

function* map(iter, f) {
    for (var x of iter)
        yield f(x);
}

function* filter(iter, pred) {
    for (var x of iter) {
        if (pred(x))
            yield x;
    }
}

function* take(iter, n) {
    if (n <= 0)
        return;
    for (var x of iter) {
        yield x;
        if (--n === 0)
            return;
    }
}

function pipeline(n) {
    var s = 0;
    var it = take(filter(map(range(0, n * 4), (x) => x * 3 + 1), (x) => x % 2 === 0), n);
    for (var v of it)
        s = (s + v) % 1000000007;
    return s;
}

class Ring {
    constructor(size) {
        this.items = [];
        for (var i = 0; i < size; i++)
            this.items.push(i * 7 % size);
    }
    *[Symbol.iterator]() {
        for (var i = 0; i < this.items.length; i++)
            yield this.items[i];
    }
}

function* walk(node) {
    if (node === null)
        return;
    yield* walk(node.left);
    yield node.value;
    yield* walk(node.right);
}

function buildTree(lo, hi) {
    if (lo > hi)
        return null;
    var mid = (lo + hi) >> 1;
    return { value: mid, left: buildTree(lo, mid - 1), right: buildTree(mid + 1, hi) };
}

function run() {
    var acc = 0;
    for (var round = 0; round < 20; round++)
        acc = (acc + pipeline(10000 + round)) % 1000000007;

    var ring = new Ring(1000);
    for (var k = 0; k < 300; k++) {
        var arr = [...ring];
        var [a, b, c] = ring;
        acc = (acc + arr.length + arr[k] + a + b + c) % 1000000007;
    }

    var tree = buildTree(0, 2047);
    for (var w = 0; w < 15; w++) {
        for (var v of walk(tree))
            acc = (acc + v) % 1000000007;
    }

    var m = new Map(), set = new Set();
    for (var i = 0; i < 2000; i++) {
        m.set("k" + i, i);
        set.add(i * 3);
    }
    for (var r = 0; r < 60; r++) {
        for (var [key, val] of m)
            acc = (acc + key.length + val) % 1000000007;
        for (var x of set)
            acc = (acc + x) % 1000000007;
    }
    return acc;
}

log("generators checksum " + run());
