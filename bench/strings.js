// strings.js — building strings (concatenation in loops, join, template
// literals, repeat/padStart) and searching them (indexOf, includes,
// startsWith, split, charCodeAt, slice, replaceAll with a string).
var log = typeof print === "function" ? print : console.log;

var WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
             "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"];

function buildText(n, seed) {
    var s = "";
    for (var i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += WORDS[seed % WORDS.length];
        s += (seed % 11 === 0) ? ".\n" : " ";
    }
    return s;
}

function hash(s) {
    var h = 0;
    for (var i = 0; i < s.length; i++)
        h = (h * 31 + s.charCodeAt(i)) | 0;
    return h >>> 0;
}

function countOccurrences(text, word) {
    var count = 0, pos = text.indexOf(word);
    while (pos !== -1) {
        count++;
        pos = text.indexOf(word, pos + word.length);
    }
    return count;
}

function csvLines(n) {
    var lines = [];
    for (var i = 0; i < n; i++)
        lines.push(`${i},${WORDS[i % 16]},${(i * 37) % 1000},${String(i % 97).padStart(3, "0")}`);
    return lines.join("\n");
}

function run(round) {
    var acc = 0;
    var text = buildText(60000, 7 + round);
    acc = (acc + text.length + hash(text)) % 1000000007;

    for (var w = 0; w < WORDS.length; w++)
        acc = (acc + countOccurrences(text, WORDS[w]) * (w + 1)) % 1000000007;

    var sentences = text.split(".\n");
    var longest = 0, starts = 0;
    for (var i = 0; i < sentences.length; i++) {
        var s = sentences[i];
        if (s.length > longest)
            longest = s.length;
        if (s.startsWith("pi") || s.includes("omicron lambda"))
            starts++;
    }
    acc = (acc + sentences.length + longest + starts) % 1000000007;

    var csv = csvLines(30000);
    var rows = csv.split("\n"), sum = 0;
    for (var r = 0; r < rows.length; r++) {
        var cols = rows[r].split(",");
        sum += Number(cols[2]) + cols[1].length + parseInt(cols[3], 10);
    }
    acc = (acc + sum + hash(csv.slice(1000, 2000))) % 1000000007;

    var upper = text.slice(0, 200000).toUpperCase();
    var replaced = upper.replaceAll("ALPHA", "a").replaceAll(" ", "_");
    acc = (acc + replaced.length + hash(replaced)) % 1000000007;

    var parts = [];
    for (var k = 0; k < 50000; k++)
        parts.push(k.toString(16));
    var joined = parts.join("");
    acc = (acc + joined.length + joined.lastIndexOf("ff") + hash(joined.substring(500, 900))) % 1000000007;

    var line = "=".repeat(40), built = "";
    for (var b = 0; b < 2000; b++)
        built = built + line.slice(0, b % 40) + "|" + b;
    acc = (acc + built.length + hash(built)) % 1000000007;
    return acc;
}

var checksum = 0;
for (var round = 0; round < 4; round++)
    checksum = (checksum + run(round)) % 1000000007;
log("strings checksum " + checksum);
