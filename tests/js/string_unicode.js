// string_unicode.js — String.prototype.normalize (UAX #15), localeCompare
// (UTS #10 root order) and the toLocale*Case methods (builtins/string.c,
// unicode_normalize.c, unicode_collate.c).

function codes(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) out.push(s.charCodeAt(i).toString(16));
    return out.join(" ");
}

test("normalize: the four forms", function () {
    assertEq(codes("\u00e9".normalize("NFD")), "65 301");
    assertEq(codes("e\u0301".normalize("NFC")), "e9");
    assertEq(codes("e\u0301".normalize()), "e9", "NFC is the default");
    assertEq(codes("\ufb01".normalize("NFC")), "fb01", "NFC keeps compatibility characters");
    assertEq("\ufb01".normalize("NFKC"), "fi");
    assertEq(codes("\u1e9b\u0323".normalize("NFC")), "1e9b 323");
    assertEq(codes("\u1e9b\u0323".normalize("NFD")), "17f 323 307");
    assertEq(codes("\u1e9b\u0323".normalize("NFKC")), "1e69");
    assertEq(codes("\u1e9b\u0323".normalize("NFKD")), "73 323 307");
    assertEq("\u2460".normalize("NFKD"), "1");
    assertEq(codes("\u212b".normalize("NFC")), "c5", "a singleton decomposition");
    assertEq(codes("\u0958".normalize("NFC")), "915 93c", "a composition exclusion");
});

test("normalize: canonical ordering", function () {
    // dot below (class 220) sorts before dot above (230) whatever the input order
    assertEq(codes("q\u0307\u0323".normalize("NFD")), "71 323 307");
    assertEq(codes("q\u0323\u0307".normalize("NFD")), "71 323 307");
    assertEq(codes("a\u0307\u0323".normalize("NFC")), "1ea1 307");
    var marks = "";
    for (var i = 0; i < 100; i++) marks += "\u0301\u0316";
    var d = ("a" + marks).normalize("NFD");
    assertEq(d.charCodeAt(1), 0x316);
    assertEq(d.charCodeAt(100), 0x316);
    assertEq(d.charCodeAt(101), 0x301);
});

test("normalize: Hangul", function () {
    assertEq(codes("\uac01".normalize("NFD")), "1100 1161 11a8");
    assertEq(codes("\u1100\u1161\u11a8".normalize("NFC")), "ac01");
    assertEq(codes("\u1100\u1161".normalize("NFC")), "ac00");
    assertEq(codes("\uac00\u11a8".normalize("NFC")), "ac01", "LV + T");
    assertEq(codes("\ud55c\uae00".normalize("NFD")), "1112 1161 11ab 1100 1173 11af");
});

test("normalize: astral code points and lone surrogates", function () {
    assertEq(codes("\ud834\udd5e".normalize("NFC")), "d834 dd57 d834 dd65");
    assertEq("\ud835\udc00".normalize("NFKC"), "A");
    assertEq(codes("\ud800e\u0301".normalize("NFC")), "d800 e9");
});

test("normalize: idempotence and returning the same string", function () {
    var samples = ["caf\u00e9", "cafe\u0301", "\u1e9b\u0323", "\uac01\u0301", "x\u0345\u0301y",
                   "\u00c5\u212b", "plain ascii", "\u00ff\u00e0"];
    ["NFC", "NFD", "NFKC", "NFKD"].forEach(function (f) {
        samples.forEach(function (s) {
            var once = s.normalize(f);
            assertEq(once.normalize(f), once, f + " is idempotent on " + codes(s));
        });
    });
    assertEq("caf\u00e9".normalize("NFD").normalize("NFC"), "caf\u00e9");
    var big = "abc".repeat(1000);
    assertEq(big.normalize(), big);
    assertEq("\u00e9t\u00e9".normalize("NFC"), "\u00e9t\u00e9");
});

test("normalize: argument handling", function () {
    assertThrows(RangeError, function () { "a".normalize("nfc"); });
    assertThrows(RangeError, function () { "a".normalize(null); });
    assertThrows(TypeError, function () { String.prototype.normalize.call(undefined); });
    assertEq("e\u0301".normalize(undefined), "\u00e9");
    assertEq(String.prototype.normalize.call(12, "NFD"), "12");
    assertEq("\u00e9".normalize({ toString: function () { return "NFD"; } }), "e\u0301");
});

test("localeCompare: root collation order", function () {
    var words = ["b", "A", "\u00e1", "a", "\u00c1", "ab", "Ab", "\u00e4", "z", "Zebra", "1", "10",
                 "2", "\u03c9", "\u0391", "\u0436", "\u0416", "\u044f", "r\u00e9sum\u00e9", "resume"];
    words.sort(function (x, y) { return x.localeCompare(y); });
    assertEq(words.join(","), "1,10,2,a,A,\u00e1,\u00c1,\u00e4,ab,Ab,b,resume,r\u00e9sum\u00e9," +
             "z,Zebra,\u0391,\u03c9,\u0436,\u0416,\u044f");
    assertEq("a".localeCompare("A"), -1, "lowercase first at the tertiary level");
    assertEq("A".localeCompare("\u00e1"), -1, "case is weaker than accents");
    assertEq("\u00e1".localeCompare("b"), -1, "accents are weaker than letters");
    assertEq("b".localeCompare("a"), 1);
    assertEq("".localeCompare("a"), -1);
    assertEq("a".localeCompare(""), 1);
    assertEq("\u4e00".localeCompare("\u4e01"), -1, "implicit weights follow code points");
    assertEq("z".localeCompare("\u4e00"), -1, "Han after Latin");
    // the DUCET contraction И + breve (Й) sorts after И, also when a dot
    // below stands between them (a discontiguous match)
    assertEq("\u0419".localeCompare("\u0418\u044f"), 1);
    assertEq("\u0419\u0323".localeCompare("\u0418\u044f"), 1);
    assertEq("\u0418\u0323".localeCompare("\u0418\u044f"), -1);
});

test("localeCompare: canonical equivalence is 0, nothing else is", function () {
    assertEq("\u00e9".localeCompare("e\u0301"), 0);
    assertEq("\u1e69".localeCompare("s\u0323\u0307"), 0);
    assertEq("\u1e69".localeCompare("s\u0307\u0323"), 0);
    assertEq("\uac01".localeCompare("\u1100\u1161\u11a8"), 0);
    assertEq("\u212b".localeCompare("\u00c5"), 0);
    assertEq("abc".localeCompare("abc"), 0);
    // fully ignorable characters tie on every level but are not equivalent
    assert("a\u0000".localeCompare("a") !== 0);
    assert("\ufb01".localeCompare("fi") !== 0, "compatibility equivalents differ");
});

test("localeCompare: arguments", function () {
    assertEq("a".localeCompare("b", "xx-invalid-but-ignored"), -1);
    assertEq("undefined".localeCompare(), 0);
    assertEq(String.prototype.localeCompare.call(5, 5), 0);
    assertThrows(TypeError, function () { String.prototype.localeCompare.call(null, "a"); });
});

test("toLocaleUpperCase / toLocaleLowerCase: the root locale", function () {
    assertEq("stra\u00dfe".toLocaleUpperCase(), "STRASSE");
    assertEq("\u0130".toLocaleLowerCase(), "i\u0307");
    assertEq("ABC".toLocaleLowerCase("tr"), "abc", "the locale argument is ignored");
    assertEq("i".toLocaleUpperCase(["tr", "az"]), "I");
    assertEq(String.prototype.toLocaleUpperCase.length, 0);
    assertEq(String.prototype.toLocaleLowerCase.length, 0);
    assertThrows(TypeError, function () { String.prototype.toLocaleLowerCase.call(undefined); });
});

report();
