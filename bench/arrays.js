// arrays.js — arrays as lists and as vectors: push and index, sort with a
// comparator and the default string sort, the iteration methods, a prime
// sieve and a small matrix product on nested arrays.
var log = typeof print === "function" ? print : console.log;

function random(seed) {
    var s = seed;
    return function () {
        s = (s * 1103515245 + 12345) & 0x7fffffff;
        return s;
    };
}

function sieve(n) {
    var composite = [];
    for (var i = 0; i <= n; i++)
        composite.push(false);
    var count = 0;
    for (var p = 2; p <= n; p++) {
        if (composite[p])
            continue;
        count++;
        for (var m = p * p; m <= n; m += p)
            composite[m] = true;
    }
    return count;
}

function matmul(a, b, n) {
    var c = [];
    for (var i = 0; i < n; i++) {
        var row = new Array(n);
        for (var j = 0; j < n; j++) {
            var s = 0;
            for (var k = 0; k < n; k++)
                s += a[i][k] * b[k][j];
            row[j] = s % 65536;
        }
        c.push(row);
    }
    return c;
}

function matrix(n, rnd) {
    var m = [];
    for (var i = 0; i < n; i++) {
        var row = [];
        for (var j = 0; j < n; j++)
            row.push(rnd() % 100);
        m.push(row);
    }
    return m;
}

function run() {
    var rnd = random(42), acc = 0;

    var nums = [];
    for (var i = 0; i < 100000; i++)
        nums.push(rnd() % 100000);
    var sorted = nums.slice().sort((a, b) => a - b);
    for (var j = 0; j < sorted.length; j += 1000)
        acc = (acc + sorted[j]) % 1000000007;

    var people = [];
    for (var p = 0; p < 20000; p++)
        people.push({ age: rnd() % 90, name: "p" + (rnd() % 5000) });
    people.sort((a, b) => a.age - b.age || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    acc = (acc + people[0].age + people[people.length - 1].age + people[10000].name.length) % 1000000007;

    var words = [];
    for (var w = 0; w < 20000; w++)
        words.push((rnd() % 100000).toString(36));
    words.sort();
    acc = (acc + words[0].length + words[19999].charCodeAt(0)) % 1000000007;

    for (var rep = 0; rep < 20; rep++) {
        var evens = nums.filter((x) => (x & 1) === 0);
        var squares = evens.map((x) => (x * x) % 1000);
        var total = squares.reduce((s, x) => s + x, 0);
        acc = (acc + total + (nums.indexOf(rep * 17) >= 0 ? 1 : 0)) % 1000000007;
        var hits = 0;
        nums.forEach((x) => { if (x < 500) hits++; });
        acc = (acc + hits + (nums.some((x) => x === rep) ? 1 : 0)) % 1000000007;
    }

    var queue = [];
    for (var q = 0; q < 200000; q++) {
        queue.push(q);
        if (q % 3 === 2)
            acc = (acc + queue.pop() + queue.length) % 1000000007;
    }

    acc = (acc + sieve(300000)) % 1000000007;
    var a = matrix(60, rnd), b = matrix(60, rnd), c = matmul(a, b, 60);
    for (var r = 0; r < 60; r++)
        acc = (acc + c[r][r] + c[r][59 - r]) % 1000000007;
    return acc;
}

log("arrays checksum " + run());
