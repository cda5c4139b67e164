// regexp.js — the RegExp engine and builtin: syntax and early errors,
// matching semantics (backtracking, captures, lookaround, backreferences,
// case folding, Unicode mode, v-mode sets, property escapes), the RegExp
// object and its protocols, and the String methods that use them.

function m(re, s) {
    var r = re.exec(s);
    return r === null ? null : Array.prototype.slice.call(r);
}

test("literal and constructor basics", function () {
    assertDeepEq(m(/a(b+)c/, "xabbbc"), ["abbbc", "bbb"]);
    assertDeepEq(m(new RegExp("a|b"), "cb"), ["b"]);
    assertEq(new RegExp("x", "gi").flags, "gi");
    assertEq(String(new RegExp("a/b")), "/a\\/b/");
    assertEq(new RegExp("").source, "(?:)");
    assertEq(new RegExp("\n").source, "\\n");
    assertEq(RegExp.prototype.source, "(?:)");
    assertEq(RegExp.prototype.global, undefined);
    assertEq(/x/dgimsy.flags, "dgimsy");
    assertEq(/x/v.flags, "v");
    assertEq(/x/v.unicodeSets, true);
});

test("RegExp called as a function", function () {
    var re = /a/g;
    assertEq(RegExp(re), re);
    assert(RegExp(re, "i") !== re);
    assertEq(RegExp(re, "i").flags, "i");
    var fake = { constructor: RegExp, source: "b+", flags: "g" };
    fake[Symbol.match] = true;
    assertEq(RegExp(fake), fake);
    assertEq(new RegExp(fake).source, "b+");
    assertEq(new RegExp(fake).flags, "g");
});

test("syntax errors", function () {
    var bad = ["(", ")", "[", "a**", "+a", "a{2,1}", "(?<a>x)(?<a>y)", "\\k<nope>(?<x>)",
               "(?<=a)+", "(?i-i:a)", "(?ii:a)", "(?-:a)", "(?z:a)"];
    bad.forEach(function (p) {
        assertThrows(SyntaxError, function () { new RegExp(p); }, p);
    });
    var badU = ["\\a", "{", "}", "]", "\\1", "[\\d-a]", "a{", "\\u{110000}", "\\c", "\\p{Nope}",
                "\\p{Script=Latn=x}", "(?=a)*", "\\-"];
    badU.forEach(function (p) {
        assertThrows(SyntaxError, function () { new RegExp(p, "u"); }, p);
    });
    assertThrows(SyntaxError, function () { new RegExp("a", "gg"); });
    assertThrows(SyntaxError, function () { new RegExp("a", "uv"); });
    assertThrows(SyntaxError, function () { new RegExp("a", "x"); });
    assertThrows(SyntaxError, function () { eval("/(/"); });
    assertThrows(SyntaxError, function () { new RegExp("[^\\p{RGI_Emoji}]", "v"); });
    assertThrows(SyntaxError, function () { new RegExp("\\P{RGI_Emoji}", "v"); });
    assertThrows(SyntaxError, function () { new RegExp("[a&&&b]", "v"); });
    assertThrows(SyntaxError, function () { new RegExp("[a-z&&b]", "v"); });
    assertThrows(SyntaxError, function () { new RegExp("[(]", "v"); });
});

test("Annex B syntax", function () {
    assertDeepEq(m(/a{/, "a{"), ["a{"]);
    assertDeepEq(m(/}]/, "}]"), ["}]"]);
    assertDeepEq(m(/\1(a)/, "aa"), ["a", "a"]);
    assertDeepEq(m(/\8/, "8"), ["8"]);
    assertDeepEq(m(/\101/, "A"), ["A"]);
    assertDeepEq(m(/[\101-\102]+/, "AB"), ["AB"]);
    assertDeepEq(m(/\c/, "\\c"), ["\\c"]);
    assertDeepEq(m(/[\c_]/, "\x1f"), ["\x1f"]);
    assertDeepEq(m(/\k<a>/, "k<a>"), ["k<a>"]);
    assertDeepEq(m(/[\d-z]+/, "1-z"), ["1-z"]);
    assertDeepEq(m(/(?=a)*b/, "b"), ["b"]);
    assertDeepEq(m(/\x4/, "x4"), ["x4"]);
    assertDeepEq(m(/\u12/, "u12"), ["u12"]);
});

test("backtracking and captures", function () {
    assertDeepEq(m(/(a|ab)(c|bcd)(d*)/, "abcd"), ["abcd", "a", "bcd", ""]);
    assertDeepEq(m(/^(?:(a)|b)*$/, "ab"), ["ab", undefined]);
    assertDeepEq(m(/(z)((a+)?(b+)?(c))*/, "zaacbbbcac"),
                 ["zaacbbbcac", "z", "ac", "a", undefined, "c"]);
    assertDeepEq(m(/(a*)*/, "b"), ["", undefined]);
    assertDeepEq(m(/(a*)+/, "b"), ["", ""]);
    assertDeepEq(m(/(?:a|b)*?c/, "abc"), ["abc"]);
    assertDeepEq(m(/a{2,3}?/, "aaaa"), ["aa"]);
    assertDeepEq(m(/a{2,3}/, "aaaa"), ["aaa"]);
    assertDeepEq(m(/(\d+)\s(\w+)/, "x 12 ab"), ["12 ab", "12", "ab"]);
    assertDeepEq(m(/.*foo/, "xxfooyyfoozz"), ["xxfooyyfoo"]);
    assertDeepEq(m(/[^"]*"/, 'abc"d"'), ['abc"']);
    assertDeepEq(m(/(a)|b/, "b"), ["b", undefined]);
    assertDeepEq(m(/((a)|b)+/, "ab"), ["ab", "b", undefined]);
    assertDeepEq(m(/(?:)/, "x"), [""]);
});

test("anchors, multiline and dotAll", function () {
    assertDeepEq(m(/^b/m, "a\nb"), ["b"]);
    assertEq(/^b/.test("a\nb"), false);
    assertDeepEq(m(/a$/m, "a\nb"), ["a"]);
    assertEq(/a.b/.test("a\nb"), false);
    assertEq(/a.b/s.test("a\nb"), true);
    assertEq(/a.b/.test("a\u2028b"), false);
    assertDeepEq(m(/\bfoo\b/, "a foo b"), ["foo"]);
    assertEq(/\Bfoo/.test("a foo"), false);
});

test("lookahead and lookbehind", function () {
    assertDeepEq(m(/(?=(a+))a*b\1/, "baaabac"), ["aba", "a"]);
    assertDeepEq(m(/(.*?)a(?!(a+)b\2c)\2(.*)/, "baaabaac"), ["baaabaac", "ba", undefined, "abaac"]);
    assertDeepEq(m(/(?<=\$)\d+/, "cost $42"), ["42"]);
    assertDeepEq(m(/(?<!\$)\b\d+/, "$4 5"), ["5"]);
    assertDeepEq(m(/(?<=(\d+)(\d+))$/, "1053"), ["", "1", "053"]);
    assertDeepEq(m(/(?<=\1(a))b/, "aab"), ["b", "a"]);
    assertDeepEq(m(/(?<=a(?=b)b)c/, "abc"), ["c"]);
});

test("backreferences", function () {
    assertDeepEq(m(/(a)\1/, "aa"), ["aa", "a"]);
    assertDeepEq(m(/(a)\1/i, "aA"), ["aA", "a"]);
    assertDeepEq(m(/\1(a)/, "a"), ["a", "a"]);
    assertDeepEq(m(/(?<x>b)\k<x>/, "abb"), ["bb", "b"]);
    assertEq(/(a)?\1b/.test("b"), true);
});

test("named groups and duplicates", function () {
    var r = /(?<year>\d{4})-(?<month>\d{2})/.exec("on 2024-05");
    assertEq(r.groups.year, "2024");
    assertEq(r.groups.month, "05");
    assertEq(Object.getPrototypeOf(r.groups), null);
    var d = /(?<a>x)|(?<a>y)/;
    assertEq(d.exec("y").groups.a, "y");
    assertEq(d.exec("x").groups.a, "x");
    assertDeepEq(Object.keys(d.exec("y").groups), ["a"]);
    assertEq(/(?:(?<a>x)|(?<a>y))\k<a>/.test("yy"), true);
    assertEq(/(?<$𐒤>a)/u.exec("a").groups["$𐒤"], "a");
    assertEq(/(?<\u{41}>a)/.exec("a").groups.A, "a");
    assertEq("2024-05".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>"), "05/2024");
});

test("match indices", function () {
    var r = /a(?<Z>b)?(c)/d.exec("xac");
    assertDeepEq(r.indices[0], [1, 3]);
    assertEq(r.indices[1], undefined);
    assertDeepEq(r.indices[2], [2, 3]);
    assertEq(r.indices.groups.Z, undefined);
    assert("Z" in r.indices.groups);
    assertEq(/a/.exec("a").indices, undefined);
});

test("case-insensitive matching", function () {
    assertEq(/abc/i.test("ABC"), true);
    assertEq(/[a-z]+/i.test("XYZ"), true);
    assertEq(/\u017f/i.test("s"), false);
    assertEq(/\u017f/iu.test("s"), true);
    assertEq(/\u212a/i.test("k"), false);
    assertEq(/\u212a/iu.test("k"), true);
    assertEq(/ß/i.test("SS"), false);
    assertEq(/[^a]/i.test("A"), false);
    assertEq(/\w/iu.test("\u017f"), true);
    assertEq(/\W/iu.test("\u017f"), false);
    assertEq(/[\u1e9e]/ui.test("ß"), true);
    assertEq(/\u{10400}/ui.test("\u{10428}"), true);
    assertEq(/σ/i.test("ς"), true);
    assertEq(/\p{Lu}/iu.test("a"), true);
    assertEq(/[^\P{Lu}]/iv.test("a"), true);
    assertEq(/[^\P{Lu}]/iv.test("1"), false);
});

test("unicode mode", function () {
    assertDeepEq(m(/^.$/u, "😀"), ["😀"]);
    assertEq(/^.$/.test("😀"), false);
    assertEq(/\uD83D/u.test("😀"), false);
    assertEq(/\uD83D/.test("😀"), true);
    assertEq(/^[😀]$/u.test("😀"), true);
    assertEq(/\u{1F600}/u.test("😀"), true);
    assertEq(/\uD83D\uDE00/u.test("😀"), true);
    assertEq(/😀{2}/u.test("😀😀"), true);
    assertEq(/\udf06/u.exec("\ud834\udf06"), null);
    var r = /./gu;
    r.exec("𝌆");
    assertEq(r.lastIndex, 2);
    assertDeepEq("a😀b".split(/(?:)/u), ["a", "😀", "b"]);
    assertDeepEq("a😀b".split(""), ["a", "\ud83d", "\ude00", "b"]);
});

test("property escapes", function () {
    assertEq(/^\p{Lu}+$/u.test("ABC"), true);
    assertEq(/\p{Lu}/u.test("a"), false);
    assertEq(/^\p{General_Category=Decimal_Number}+$/u.test("0٣"), true);
    assertEq(/^\p{Script=Greek}+$/u.test("αβγ"), true);
    assertEq(/^\p{sc=Grek}+$/u.test("αβγ"), true);
    assertEq(/\p{scx=Deva}/u.test("\u0966"), true);
    assertEq(/^\p{Emoji_Presentation}$/u.test("😀"), true);
    assertEq(/^\P{ASCII}$/u.test("é"), true);
    assertEq(/\p{Any}/u.test("\u{10FFFF}"), true);
    assertEq(/\p{Assigned}/u.test("\u0378"), false);
    assertEq(/\p{L}/.test("p{L}"), true);
    assertThrows(SyntaxError, function () { new RegExp("\\p{lu}", "u"); });
    assertThrows(SyntaxError, function () { new RegExp("\\p{Block=Basic_Latin}", "u"); });
    assertThrows(SyntaxError, function () { new RegExp("\\p{ASCII=Yes}", "u"); });
});

test("v-mode sets and strings", function () {
    assertEq(/^[\p{L}--[a-z]]+$/v.test("ABC"), true);
    assertEq(/[\p{L}--[a-z]]/v.test("b"), false);
    assertEq(/^[[a-z]&&[aeiou]]+$/v.test("aei"), true);
    assertEq(/[[a-z]&&[aeiou]]/v.test("b"), false);
    assertDeepEq(m(/[\q{abc|a}]/v, "abc"), ["abc"]);
    assertDeepEq(m(/[\q{abc|a}x]/v, "xabc"), ["x"]);
    assertEq(/^\p{RGI_Emoji}$/v.test("👨‍👩‍👧"), true);
    assertEq(/^\p{RGI_Emoji_Flag_Sequence}$/v.test("🇫🇷"), true);
    assertEq(/^[\p{RGI_Emoji}--\q{😀}]$/v.test("😀"), false);
    assertEq(/^[\q{KK}]$/vi.test("kk"), true);
    assertEq(/[\q{}]/v.exec("x")[0], "");
    assertEq(/^[^[a-c]]$/v.test("d"), true);
});

test("modifiers", function () {
    assertEq(/(?i:a)b/.test("Ab"), true);
    assertEq(/(?i:a)b/.test("AB"), false);
    assertEq(/(?-i:a)b/i.test("aB"), true);
    assertEq(/(?-i:a)b/i.test("AB"), false);
    assertEq(/(?m:^b)/.test("a\nb"), true);
    assertEq(/(?s:.)/.test("\n"), true);
    assertEq(/(?i:\w)/u.test("\u017f"), true);
    assertEq(/(?i:\b)/u.test("\u017f"), true);
    assertEq(/\w/u.test("\u017f"), false);
});

test("lastIndex, global and sticky", function () {
    var re = /a/g;
    assertEq(re.test("aa"), true);
    assertEq(re.lastIndex, 1);
    assertEq(re.test("aa"), true);
    assertEq(re.lastIndex, 2);
    assertEq(re.test("aa"), false);
    assertEq(re.lastIndex, 0);
    var st = /b/y;
    st.lastIndex = 1;
    assertEq(st.test("ab"), true);
    assertEq(st.test("ab"), false);
    assertEq(st.lastIndex, 0);
    var frozen = Object.freeze(/a/g);
    assertThrows(TypeError, function () { frozen.exec("a"); });
    var plain = /a/;
    plain.lastIndex = 5;
    assertEq(plain.test("a"), true);
    assertEq(plain.lastIndex, 5);
    var obj = /a/g;
    obj.lastIndex = { valueOf: function () { return 1; } };
    assertEq(obj.exec("aba").index, 2);
});

test("exec result shape", function () {
    var r = /b(c)?/.exec("abd");
    assertEq(r.index, 1);
    assertEq(r.input, "abd");
    assertEq(r.length, 2);
    assertEq(r[1], undefined);
    assert(r.hasOwnProperty(1));
    assertEq(r.groups, undefined);
    assert(r.hasOwnProperty("groups"));
    assertDeepEq(Object.keys(r), ["0", "1", "index", "input", "groups"]);
});

test("Symbol.replace", function () {
    assertEq("aaa".replace(/a/g, "b"), "bbb");
    assertEq("abc".replace(/b/, "[$&|$`|$'|$$]"), "a[b|a|c|$]c");
    assertEq("abc".replace(/(b)/, "$1$2$01$10"), "ab$2bb0c");
    assertEq("abc".replace(/b/g, function (s, i, str) { return s + i + str; }), "ab1abcc");
    assertEq("x".replace(/(?<n>x)/, function () { return typeof arguments[4]; }), "object");
    assertEq("aaa".replace(/a*?/g, "-"), "-a-a-a-");
    assertEq("😀".replace(/(?:)/gu, "-"), "-😀-");
    assertEq("😀".replace(/(?:)/g, "-"), "-\ud83d-\ude00-");
    assertEq("abc".replace(/b/y, "x"), "abc");
    var re = /./g, calls = 0;
    re.exec = function (s) {
        calls++;
        return calls === 1 ? { 0: "b", index: 1, length: 1 } : null;
    };
    assertEq(re[Symbol.replace]("abc", "X"), "aXc");
});

test("Symbol.match, matchAll, search, split", function () {
    assertDeepEq("a1b22".match(/\d+/g), ["1", "22"]);
    assertEq("abc".match(/x/g), null);
    assertDeepEq(Array.prototype.slice.call("abc".match(/b/)), ["b"]);
    var all = [..."a1b2".matchAll(/[a-z](\d)/g)];
    assertEq(all.length, 2);
    assertEq(all[1][1], "2");
    assertEq(all[1].index, 2);
    assertThrows(TypeError, function () { "a".matchAll(/a/); });
    assertEq("abc".search(/c/), 2);
    assertEq("abc".search(/x/), -1);
    var re = /b/g;
    re.lastIndex = 2;
    assertEq("abc".search(re), 1);
    assertEq(re.lastIndex, 2);
    assertDeepEq("a,b;c".split(/[,;]/), ["a", "b", "c"]);
    assertDeepEq("a,b;c".split(/([,;])/), ["a", ",", "b", ";", "c"]);
    assertDeepEq("abc".split(/(?:)/), ["a", "b", "c"]);
    assertDeepEq("".split(/x/), [""]);
    assertDeepEq("".split(/(?:)/), []);
    assertDeepEq("a,b,c".split(/,/, 2), ["a", "b"]);
    assertDeepEq("test".split(/(?:)/, 0), []);
    assertEq(/x/[Symbol.split]("axbxc").length, 3);
});

test("species and subclassing", function () {
    class R extends RegExp {
        exec(s) {
            this.seen = true;
            return super.exec(s);
        }
    }
    var r = new R("b", "g");
    assertEq(r instanceof R, true);
    assertEq("abc".replace(r, "x"), "axc");
    assertEq(r.seen, true);
    assertDeepEq("a-b".split(new R("-")), ["a", "b"]);
    var ctorCalls = 0;
    var re = /-/;
    re.constructor = {};
    re.constructor[Symbol.species] = function (src, flags) {
        ctorCalls++;
        return new RegExp(src, flags);
    };
    assertDeepEq("a-b".split(re), ["a", "b"]);
    assertEq(ctorCalls, 1);
});

test("RegExp.prototype.compile", function () {
    var re = /a/g;
    re.lastIndex = 3;
    assertEq(re.compile("b+", "i"), re);
    assertEq(re.source, "b+");
    assertEq(re.flags, "i");
    assertEq(re.lastIndex, 0);
    assertEq(re.test("BB"), true);
    assertThrows(TypeError, function () { re.compile(/x/, "g"); });
    assertThrows(SyntaxError, function () { re.compile("("); });
    assertEq(re.source, "b+");
});

test("RegExp.escape", function () {
    assertEq(RegExp.escape("a.b*c"), "\\x61\\.b\\*c");
    assertEq(RegExp.escape("1+1"), "\\x31\\+1");
    assertEq(RegExp.escape("a b\n"), "\\x61\\x20b\\n");
    assertEq(RegExp.escape("-,"), "\\x2d\\x2c");
    assertEq(RegExp.escape("\ud800"), "\\ud800");
    assertEq(RegExp.escape("😀"), "😀");
    assertEq(RegExp.escape("\u2028"), "\\u2028");
    assertThrows(TypeError, function () { RegExp.escape(1); });
    var s = "(x)[y]{z}|^$";
    assertEq(new RegExp(RegExp.escape(s)).test(s), true);
});

test("toString and flags are generic", function () {
    assertEq(RegExp.prototype.toString.call({ source: "a", flags: "b" }), "/a/b");
    var seen = [];
    var o = {};
    ["hasIndices", "global", "ignoreCase", "multiline", "dotAll", "unicode", "unicodeSets",
     "sticky"].forEach(function (k) {
        Object.defineProperty(o, k, { get: function () { seen.push(k); return true; } });
    });
    var get = Object.getOwnPropertyDescriptor(RegExp.prototype, "flags").get;
    assertEq(get.call(o), "dgimsuvy");
    assertEq(seen.join(), "hasIndices,global,ignoreCase,multiline,dotAll,unicode,unicodeSets,sticky");
    assertThrows(TypeError, function () { RegExp.prototype.exec.call({}, "a"); });
    assertThrows(TypeError, function () { get.call(1); });
});

test("hostile patterns stay safe", function () {
    var deep = "";
    for (var i = 0; i < 100000; i++) deep += "(";
    assertThrows(SyntaxError, function () { new RegExp(deep); });
    assertThrows(SyntaxError, function () { new RegExp("(?:".repeat(100000)); });
    assertThrows(SyntaxError, function () { new RegExp("[".repeat(100000), "v"); });
    var big = new RegExp("(?:a|b)*c");
    assertEq(big.test("ab".repeat(2000)), false);
    assertEq(/^(?:a|b)*$/.test("ab".repeat(300000)), true);
    assertEq(/(a+)+b/.test("a".repeat(20)), false);
    assertEq(/x{2147483648}/.test("x"), false);
    assertEq(/(?:a{0,4294967295})*b/.test("aab"), true);
});

test("regexp literals: one program per site, a new object per evaluation", function () {
    var seen = [];
    for (var i = 0; i < 3; i++) {
        var re = /a(\d)/g;
        assertEq(re.lastIndex, 0);
        assertEq(re.exec("a1a2")[1], "1");
        assertEq(re.lastIndex, 2);
        seen.push(re);
    }
    assert(seen[0] !== seen[1] && seen[1] !== seen[2]);
    seen[0].compile("b");
    assertEq(seen[1].source, "a(\\d)");
    function f() { return /x/y; }
    assertEq(f().sticky, true);
    assert(f() !== f());
    var other = new (Object.getPrototypeOf(function* () {}).constructor)("yield /q+/i;");
    assertEq(other().next().value.test("QQ"), true);
});

test("legacy static properties (RegExp.$1, lastMatch, ...)", function () {
    assertEq(/(\d+)-(\d+)?(x)?/.test("ab 12- cd"), true);
    assertEq(RegExp.$1, "12");
    assertEq(RegExp.$2, "");
    assertEq(RegExp.$9, "");
    assertEq(RegExp.lastMatch, "12-");
    assertEq(RegExp["$&"], "12-");
    assertEq(RegExp.lastParen, "");
    assertEq(RegExp.leftContext, "ab ");
    assertEq(RegExp["$`"], "ab ");
    assertEq(RegExp.rightContext, " cd");
    assertEq(RegExp["$'"], " cd");
    assertEq(RegExp.input, "ab 12- cd");
    assertEq(RegExp.$_, "ab 12- cd");
    "x1y22".replace(/(\d)(\d)?/g, "");
    assertEq(RegExp.lastMatch, "22");
    assertEq(RegExp.lastParen, "2");
    assertEq(RegExp.$2, "2");
    /no/.test("yes");
    assertEq(RegExp.lastMatch, "22", "a failed match changes nothing");
    RegExp.input = 42;
    assertEq(RegExp.input, "42");
    assertEq(RegExp.lastMatch, "22");
    var d = Object.getOwnPropertyDescriptor(RegExp, "$1");
    assertEq(d.set, undefined);
    assertEq(d.enumerable, false);
    assertEq(d.configurable, true);
    assertThrows(TypeError, function () { d.get.call({}); });
    class Sub extends RegExp {}
    assertThrows(TypeError, function () { return Sub.$1; });
    new Sub("(a)").exec("a");
    assertThrows(TypeError, function () { return RegExp.$1; });
    assertThrows(TypeError, function () { return RegExp.input; });
    /(b)/.exec("abc");
    assertEq(RegExp.$1, "b");
    assertEq(RegExp.input, "abc");
});

test("eval and Function take source with lone surrogates", function () {
    assertEq(eval("'\uD800'").charCodeAt(0), 0xd800);
    assertEq(eval("'\uDC00x'").length, 2);
    assertEq(eval("/\uDBFF/").source, "\uDBFF");
    assertEq(eval("`\uD83D`").length, 1);
    assertEq(eval("// \uD800\n 7"), 7);
    assertEq(eval("/* \uDFFF */ 8"), 8);
    assertEq(Function("return '\uD800' + '\uDC00'")(), "\uD800\uDC00");
    assertThrows(SyntaxError, function () { eval("var \uD800 = 1"); });
    assertEq(eval("#!hashbang\n 9"), 9);
    assertThrows(SyntaxError, function () { Function("#!\n"); });
});

report();
