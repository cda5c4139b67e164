// regexp.js — regular expressions: a tokenizer loop (sticky and global
// exec over source text), a global replace over a large text (template and
// function replacements, split, match), and a backtracking-heavy pattern
// (nested quantifiers, alternation and backreferences that fail late).
var log = typeof print === "function" ? print : console.log;

var WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
             "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"];

function hash(s) {
    var h = 0;
    for (var i = 0; i < s.length; i++)
        h = (h * 31 + s.charCodeAt(i)) | 0;
    return h >>> 0;
}

function buildSource(n, seed) {
    var parts = [];
    for (var i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        var w = WORDS[seed % WORDS.length];
        switch (seed % 7) {
        case 0: parts.push("var " + w + i + " = " + (seed % 1000) + ";\n"); break;
        case 1: parts.push(w + "(" + (seed % 97) + ", \"" + w + "\");\n"); break;
        case 2: parts.push("if (" + w + " >= " + (seed % 13) + ") { " + w + " += 0x" + (seed % 4096).toString(16) + "; }\n"); break;
        case 3: parts.push("// " + w + " comment " + i + "\n"); break;
        case 4: parts.push(w + "." + WORDS[(seed >> 4) % 16] + " = " + (seed % 100) / 8 + ";\n"); break;
        case 5: parts.push("return '" + w + "' + " + w + ";\n"); break;
        default: parts.push("x = y * (z - " + (seed % 50) + ") / 3;\n"); break;
        }
    }
    return parts.join("");
}

// a tokenizer: one sticky regexp with an alternative per token kind
function tokenize(src) {
    var re = /\s+|\/\/[^\n]*|([A-Za-z_$][\w$]*)|(0x[0-9a-fA-F]+|\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([-+*\/=<>!]=?|[(){};.,])/y;
    var counts = [0, 0, 0, 0, 0], sum = 0, m;
    re.lastIndex = 0;
    while (re.lastIndex < src.length && (m = re.exec(src)) !== null) {
        if (m[1] !== undefined) { counts[1]++; sum += m[1].length; }
        else if (m[2] !== undefined) { counts[2]++; sum += m[2].length * 3; }
        else if (m[3] !== undefined) { counts[3]++; sum += m[3].length * 5; }
        else if (m[4] !== undefined) { counts[4]++; sum += m[4].charCodeAt(0); }
        else counts[0]++;
    }
    return (sum + counts[0] * 7 + counts[1] * 11 + counts[2] * 13 + counts[3] * 17 + counts[4] * 19) % 1000000007;
}

// words and numbers with global exec and test
function scanWords(src) {
    var re = /\b([a-z]+)(\d*)\b/g, m, acc = 0;
    while ((m = re.exec(src)) !== null)
        acc = (acc + m.index + m[1].length * 7 + m[2].length) % 1000000007;
    var ident = /^[a-z]+\d+$/;
    var names = src.split(/[^\w]+/);
    for (var i = 0; i < names.length; i++)
        if (ident.test(names[i]))
            acc = (acc + i) % 1000000007;
    return acc;
}

function buildText(n, seed) {
    var s = "";
    for (var i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += WORDS[seed % WORDS.length];
        s += (seed % 11 === 0) ? ".\n" : (seed % 5 === 0) ? ", " : " ";
        if (seed % 17 === 0)
            s += (seed % 9999) + " ";
    }
    return s;
}

// global replaces over a large text
function replaceText(text) {
    var acc = 0;
    var a = text.replace(/\b(alpha|gamma|kappa)\b/g, "[$1]");
    acc = (acc + a.length + hash(a.slice(5000, 9000))) % 1000000007;
    var b = text.replace(/(\w+), (\w+)/g, "$2; $1");
    acc = (acc + b.length + hash(b.slice(0, 4000))) % 1000000007;
    var c = text.replace(/\d+/g, function (d) { return String(d * 2); });
    acc = (acc + c.length + hash(c.slice(-4000))) % 1000000007;
    var d = text.replace(/\s+/g, " ").replace(/^\s+|\s+$/g, "");
    acc = (acc + d.length) % 1000000007;
    var e = text.replace(/[aeiou]/gi, "");
    acc = (acc + e.length) % 1000000007;
    var lines = text.split(/\.\n/);
    acc = (acc + lines.length) % 1000000007;
    var nums = text.match(/\d+/g) || [];
    acc = (acc + nums.length) % 1000000007;
    return acc;
}

// backtracking: patterns that must try many ways before failing or matching
function backtrack(round) {
    var acc = 0;
    var s = "";
    for (var i = 0; i < 14 + (round & 1); i++)
        s += "ab";
    var nested = /^(?:(a|ab)(c|bcd|b)?)*$/;
    for (var k = 0; k < 10; k++) {
        if (nested.test(s + "x"))
            acc++;
        if (nested.test(s))
            acc += 2;
    }
    var evil = /^(a+)+$/;
    var as = "aaaaaaaaaaaaaaaa";
    for (var j = 0; j < 6; j++)
        acc += evil.test(as + "!") ? 1 : 3;
    var email = /^([a-z0-9_.+-]+)@((?:[a-z0-9-]+\.)+[a-z]{2,})$/i;
    var addrs = ["user.name+tag@example.co.uk", "no-at-sign.example.com", "a@b", "x_y@sub.domain.org",
                 "very.long.local.part.with.dots@a.b.c.d.e.f.g.h.example"];
    for (var r = 0; r < 3000; r++) {
        var mm = email.exec(addrs[r % addrs.length]);
        if (mm)
            acc = (acc + mm[1].length + mm[2].length) % 1000000007;
    }
    var dup = /(\w+)\s+\1/g, text = "the the quick brown fox fox jumps over the lazy lazy dog ";
    var big = text.repeat(400), n = 0;
    while (dup.exec(big) !== null)
        n++;
    var quote = /"((?:[^"\\]|\\.)*)"/g;
    var qs = '"abc\\"def" plain "x" "unterminated \\" text '.repeat(300), q = 0, qm;
    while ((qm = quote.exec(qs)) !== null)
        q += qm[1].length;
    return (acc + n + q) % 1000000007;
}

function run(round) {
    var acc = 0;
    var src = buildSource(6000, 11 + round);
    acc = (acc + tokenize(src)) % 1000000007;
    acc = (acc + scanWords(src)) % 1000000007;
    var text = buildText(30000, 5 + round);
    acc = (acc + replaceText(text)) % 1000000007;
    acc = (acc + backtrack(round)) % 1000000007;
    return acc;
}

var checksum = 0;
for (var round = 0; round < 3; round++)
    checksum = (checksum + run(round)) % 1000000007;
log("regexp checksum " + checksum);
