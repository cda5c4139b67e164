// date.js — Date (builtins/date.c): constructor forms, Date.UTC/parse/now,
// UTC getters and setters, formats, toJSON, Symbol.toPrimitive, Annex B.
// Everything here holds in any time zone (local-time results are checked
// against getTimezoneOffset); the date-tz-*.js files check exact local
// results under fixed TZ values.

var MAX = 8.64e15;

// the local fields of d must be the UTC fields of d shifted by the offset
function checkLocalConsistent(d) {
    var shifted = new Date(d.getTime() - d.getTimezoneOffset() * 60000);
    assertEq(d.getFullYear(), shifted.getUTCFullYear(), "year of " + d.toISOString());
    assertEq(d.getMonth(), shifted.getUTCMonth());
    assertEq(d.getDate(), shifted.getUTCDate());
    assertEq(d.getDay(), shifted.getUTCDay());
    assertEq(d.getHours(), shifted.getUTCHours());
    assertEq(d.getMinutes(), shifted.getUTCMinutes());
    assertEq(d.getSeconds(), shifted.getUTCSeconds());
    assertEq(d.getMilliseconds(), shifted.getUTCMilliseconds());
}

test("constructor: no argument is now", function () {
    var before = Date.now();
    var t = new Date().getTime();
    var after = Date.now();
    assert(before <= t && t <= after);
    assertEq(typeof Date.now(), "number");
    assertEq(Date.now() % 1, 0);
});

test("constructor: called as a function returns a string", function () {
    assertEq(typeof Date(), "string");
    assertEq(typeof Date(2020, 1), "string");
    assert(Math.abs(Date.parse(Date(0)) - Date.now()) < 2000, "arguments are ignored");
});

test("constructor: a number is a time value", function () {
    assertEq(new Date(0).getTime(), 0);
    assertEq(new Date(1.9).getTime(), 1);
    assertEq(new Date(-1.9).getTime(), -1);
    assertEq(new Date(-0).getTime(), 0);
    assertEq(1 / new Date(-0).getTime(), Infinity);
    assertEq(new Date(MAX).getTime(), MAX);
    assertEq(new Date(-MAX).getTime(), -MAX);
    assertEq(new Date(MAX + 1).getTime(), NaN);
    assertEq(new Date(-MAX - 1).getTime(), NaN);
    assertEq(new Date(NaN).getTime(), NaN);
    assertEq(new Date(Infinity).getTime(), NaN);
    assertEq(new Date(1e300).getTime(), NaN);
    assertEq(new Date(true).getTime(), 1);
    assertEq(new Date(null).getTime(), 0);
    assertEq(new Date(undefined).getTime(), NaN);
});

test("constructor: a string is parsed", function () {
    assertEq(new Date("1970-01-01T00:00:00.000Z").getTime(), 0);
    assertEq(new Date("2022-03-01").getTime(), 1646092800000);
    assertEq(new Date("nonsense").getTime(), NaN);
    assertEq(new Date(new String("1970-01-01T00:00:00.001Z")).getTime(), 1);
});

test("constructor: a Date is copied without conversion", function () {
    var d = new Date(1438560000000);
    d.valueOf = function () { throw new Error("valueOf"); };
    d.toString = function () { throw new Error("toString"); };
    d[Symbol.toPrimitive] = function () { throw new Error("toPrimitive"); };
    assertEq(new Date(d).getTime(), 1438560000000);
    assertEq(new Date(new Date(NaN)).getTime(), NaN);
});

test("constructor: ToPrimitive with the default hint", function () {
    var hints = [];
    var o = {};
    o[Symbol.toPrimitive] = function (h) { hints.push(h); return 42; };
    assertEq(new Date(o).getTime(), 42);
    assertDeepEq(hints, ["default"]);
    var o2 = { valueOf: function () { return 7; }, toString: function () { return "x"; } };
    assertEq(new Date(o2).getTime(), 7);
    var o3 = { valueOf: function () { return {}; }, toString: function () { return "1970-01-01T00:00:00.005Z"; } };
    assertEq(new Date(o3).getTime(), 5);
    var bad = {};
    bad[Symbol.toPrimitive] = function () { return {}; };
    assertThrows(TypeError, function () { new Date(bad); });
    assertThrows(TypeError, function () { new Date(Symbol()); });
    assertThrows(TypeError, function () { new Date(1n); });
});

test("constructor: components are converted in order, then clipped", function () {
    var log = [];
    function arg(name, v) { return { valueOf: function () { log.push(name); return v; } }; }
    new Date(arg("y", 2000), arg("m", 0), arg("d", 1), arg("h", 0), arg("min", 0),
             arg("s", 0), arg("ms", 0));
    assertDeepEq(log, ["y", "m", "d", "h", "min", "s", "ms"]);
    log = [];
    new Date(arg("y", NaN), arg("m", 0), arg("d", 1));
    assertDeepEq(log, ["y", "m", "d"], "NaN does not stop the conversions");
    var e = new Error("stop");
    assertThrows(Error, function () {
        new Date(2000, { valueOf: function () { throw e; } }, arg("never", 1));
    });
    assertEq(new Date(275761, 0).getTime(), NaN);
    assertEq(new Date(2000, NaN).getTime(), NaN);
    assertEq(new Date(2000, 0, Infinity).getTime(), NaN);
    checkLocalConsistent(new Date(2000, 0, 1, 12, 30, 15, 500));
    var d = new Date(2000, 0, 1, 12, 30, 15, 500);
    assertEq(d.getFullYear(), 2000);
    assertEq(d.getMonth(), 0);
    assertEq(d.getDate(), 1);
    assertEq(d.getHours(), 12);
    assertEq(d.getMinutes(), 30);
    assertEq(d.getSeconds(), 15);
    assertEq(d.getMilliseconds(), 500);
});

test("constructor: two-digit years are 19xx", function () {
    assertEq(new Date(99, 0).getFullYear(), 1999);
    assertEq(new Date(0, 0).getFullYear(), 1900);
    assertEq(new Date(99.9, 0).getFullYear(), 1999);
    assertEq(new Date(100, 0).getFullYear(), 100);
    assertEq(new Date(-1, 0).getFullYear(), -1);
});

test("constructor: new.target and subclasses", function () {
    class MyDate extends Date {
        constructor(v) { super(v); this.extra = 1; }
    }
    var d = new MyDate(5);
    assertEq(d.getTime(), 5);
    assertEq(d.extra, 1);
    assert(d instanceof Date);
    assertEq(Object.getPrototypeOf(d), MyDate.prototype);
    function F() {}
    F.prototype = null;
    var r = Reflect.construct(Date, [7], F);
    assertEq(Object.getPrototypeOf(r), Date.prototype);
    assertEq(Date.prototype.getTime.call(r), 7);
});

test("Date.UTC", function () {
    assertEq(Date.UTC(), NaN);
    assertEq(Date.UTC(2022), 1640995200000);
    assertEq(Date.UTC(2022, 2), 1646092800000);
    assertEq(Date.UTC(2022, 2, 1, 10, 20, 30, 400), 1646130030400);
    assertEq(Date.UTC(99, 0), Date.UTC(1999, 0));
    assertEq(Date.UTC(2016, 12), 1483228800000);
    assertEq(Date.UTC(2016, 144), 1830297600000);
    assertEq(Date.UTC(2016, 2, -27), 1454371200000);
    assertEq(Date.UTC(2016, -1), Date.UTC(2015, 11));
    assertEq(Date.UTC(1970, 0, 1, 80063993375, 29, 1, -288230376151711740), 29312);
    assertEq(Date.UTC(1970, 0, 213503982336, 0, 0, 0, -18446744073709552000), 34447360);
    assertEq(Date.UTC(275760, 8, 13), MAX);
    assertEq(Date.UTC(275760, 8, 13, 0, 0, 0, 1), NaN);
    assertEq(Date.UTC(-271821, 3, 20), -MAX);
    assertEq(Date.UTC(-271821, 3, 19, 23, 59, 59, 999), NaN);
    assertEq(Date.UTC(1970, 0, 1, 0, 0, 0, 0.9), 0);
    assertEq(Date.UTC(1970, 0, 1, 0, 0, 0, -0.9), 0);
    assertEq(Date.UTC(1e10, 0), NaN);
    assertEq(Date.UTC(Infinity, 0), NaN);
    assertEq(Date.UTC(2000, 0, 1, NaN), NaN);
    assertEq(Date.UTC(1600, 1, 29), -11670998400000);
    assertEq(Date.UTC(1600, 2, 1) - Date.UTC(1600, 1, 29), 86400000);
    assertEq(Date.UTC(1900, 1, 29), Date.UTC(1900, 2, 1));
    assertEq(Date.UTC(-1, 0), -62198755200000);
    assertEq(Date.UTC.length, 7);
});

test("UTC getters across the calendar", function () {
    var cases = [
        [0, 1970, 0, 1, 4, 0, 0, 0, 0],
        [-1, 1969, 11, 31, 3, 23, 59, 59, 999],
        [951782400000, 2000, 1, 29, 2, 0, 0, 0, 0],
        [-2208988800001, 1899, 11, 31, 0, 23, 59, 59, 999],
        [MAX, 275760, 8, 13, 6, 0, 0, 0, 0],
        [-MAX, -271821, 3, 20, 2, 0, 0, 0, 0],
        [-62198755200000, -1, 0, 1, 5, 0, 0, 0, 0],
        [-62167219200000, 0, 0, 1, 6, 0, 0, 0, 0],
        [4107542400000, 2100, 2, 1, 1, 0, 0, 0, 0],
    ];
    cases.forEach(function (c) {
        var d = new Date(c[0]);
        assertDeepEq([d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(),
                      d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(),
                      d.getUTCMilliseconds()], c.slice(1), "t = " + c[0]);
    });
    var n = new Date(NaN);
    assertEq(n.getUTCFullYear(), NaN);
    assertEq(n.getDay(), NaN);
    assertEq(n.getTimezoneOffset(), NaN);
    assertEq(n.getYear(), NaN);
});

test("a day-by-day walk agrees with Date.UTC", function () {
    var t = Date.UTC(1895, 0, 1);
    var y = 1895, m = 0, d = 1, wd = new Date(t).getUTCDay();
    var mdays = function (y, m) {
        return [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30,
                31, 31, 30, 31, 30, 31][m];
    };
    for (var i = 0; i < 3 * 366 + 2 * 365 + 40000; i += 1) {
        var date = new Date(t);
        if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m ||
            date.getUTCDate() !== d || date.getUTCDay() !== wd)
            throw new Error("mismatch at " + y + "-" + m + "-" + d);
        t += 86400000;
        wd = (wd + 1) % 7;
        if (++d > mdays(y, m)) {
            d = 1;
            if (++m == 12) { m = 0; y++; }
        }
    }
    assertEq(Date.UTC(y, m, d), t);
});

test("local getters are consistent with getTimezoneOffset", function () {
    [0, -1, 951782400000, 1646146800000, 1647151200000, 1667714400000, 1e12, -1e12,
     4102444800000, -2208988800000, MAX - 86400000 * 2, -MAX + 86400000 * 2
    ].forEach(function (t) { checkLocalConsistent(new Date(t)); });
    var off = new Date(0).getTimezoneOffset();
    assertEq(typeof off, "number");
    assert(Math.abs(off) < 24 * 60);
});

test("UTC setters", function () {
    var d = new Date(0);
    assertEq(d.setUTCFullYear(2000), 946684800000);
    assertEq(d.setUTCMonth(1, 29), 951782400000);
    assertEq(d.setUTCDate(31), Date.UTC(2000, 2, 2));
    assertEq(d.setUTCHours(25), Date.UTC(2000, 2, 3, 1));
    assertEq(d.setUTCMinutes(-1), Date.UTC(2000, 2, 3, 0, 59));
    assertEq(d.setUTCSeconds(61, 5), Date.UTC(2000, 2, 3, 1, 0, 1, 5));
    assertEq(d.setUTCMilliseconds(1000), Date.UTC(2000, 2, 3, 1, 0, 2));
    assertEq(d.setUTCHours(1, 2, 3, 4), Date.UTC(2000, 2, 3, 1, 2, 3, 4));
    assertEq(d.setUTCMinutes(5, 6, 7), Date.UTC(2000, 2, 3, 1, 5, 6, 7));
    assertEq(d.setUTCFullYear(2001, 0, 1), Date.UTC(2001, 0, 1, 1, 5, 6, 7));
    assertEq(d.setUTCMonth(), NaN);
    assertEq(d.getTime(), NaN);
    assertEq(d.setUTCDate(1), NaN, "setters other than setFullYear keep NaN");
    assertEq(d.setUTCFullYear(2020), Date.UTC(2020, 0, 1), "NaN is revived from +0");
    assertEq(d.setUTCFullYear(275760, 8, 14), NaN, "time clip");
    assertEq(d.setUTCFullYear(2020, 1, 1), Date.UTC(2020, 1, 1), "revived again");
    d.setTime(0);
    assertEq(d.setUTCMilliseconds(-0.5), 0);
    assertEq(1 / d.getTime(), Infinity);
});

test("setters: the date value is read before the arguments are converted", function () {
    var d = new Date(0);
    var r = d.setUTCHours({ valueOf: function () { d.setTime(NaN); return 1; } });
    assertEq(r, 3600000);
    assertEq(d.getTime(), 3600000);
    d = new Date(NaN);
    r = d.setUTCHours({ valueOf: function () { d.setTime(0); return 1; } });
    assertEq(r, NaN);
    assertEq(d.getTime(), 0, "the NaN result is not stored");
    var log = [];
    function arg(n) { return { valueOf: function () { log.push(n); return 0; } }; }
    new Date(NaN).setHours(arg("h"), arg("m"), arg("s"), arg("ms"));
    new Date(NaN).setMonth(arg("mo"), arg("d"));
    new Date(NaN).setFullYear(arg("y"), arg("mo2"), arg("d2"));
    assertDeepEq(log, ["h", "m", "s", "ms", "mo", "d", "y", "mo2", "d2"]);
});

test("local setters", function () {
    var d = new Date(2000, 0, 31, 12);
    d.setMonth(1);
    assertEq(d.getMonth(), 2, "Feb 31 rolls over");
    assertEq(d.getDate(), 2);
    d = new Date(2000, 5, 15, 12, 30);
    assertEq(d.setDate(1), new Date(2000, 5, 1, 12, 30).getTime());
    assertEq(d.setHours(0, 0, 0, 0), new Date(2000, 5, 1).getTime());
    d.setFullYear(2004, 1, 29);
    assertEq(d.getDate(), 29);
    d.setMinutes(90);
    assertEq(d.getHours(), 1);
    assertEq(d.getMinutes(), 30);
    d.setSeconds(30, 250);
    assertEq(d.getSeconds(), 30);
    assertEq(d.getMilliseconds(), 250);
    d.setMilliseconds(1500);
    assertEq(d.getSeconds(), 31);
    d = new Date(NaN);
    d.setFullYear(2010);
    assertEq(d.getTime(), new Date(2010, 0, 1).getTime(), "from +0 read as local fields");
    assertEq(d.getFullYear(), 2010);
    assertEq(new Date(NaN).setMonth(1), NaN);
});

test("setTime", function () {
    var d = new Date(0);
    assertEq(d.setTime(5.7), 5);
    assertEq(d.setTime("10"), 10);
    assertEq(d.setTime(), NaN);
    assertEq(d.setTime(MAX + 1), NaN);
    assertEq(d.setTime(-0), 0);
    assertEq(1 / d.getTime(), Infinity);
    assertThrows(TypeError, function () { Date.prototype.setTime.call({}, 1); });
    assertThrows(TypeError, function () { d.setTime(Symbol()); });
});

test("toISOString", function () {
    assertEq(new Date(0).toISOString(), "1970-01-01T00:00:00.000Z");
    assertEq(new Date(-1).toISOString(), "1969-12-31T23:59:59.999Z");
    assertEq(new Date(MAX).toISOString(), "+275760-09-13T00:00:00.000Z");
    assertEq(new Date(-MAX).toISOString(), "-271821-04-20T00:00:00.000Z");
    assertEq(new Date(Date.UTC(-1, 6, 1)).toISOString(), "-000001-07-01T00:00:00.000Z");
    assertEq(new Date(-62167219200000).toISOString(), "0000-01-01T00:00:00.000Z");
    assertEq(new Date(Date.UTC(10000, 0)).toISOString(), "+010000-01-01T00:00:00.000Z");
    assertEq(new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)).toISOString(),
             "9999-12-31T23:59:59.999Z");
    assertThrows(RangeError, function () { new Date(NaN).toISOString(); });
    assertThrows(TypeError, function () { Date.prototype.toISOString.call({}); });
});

test("toUTCString and toGMTString", function () {
    assertEq(new Date(0).toUTCString(), "Thu, 01 Jan 1970 00:00:00 GMT");
    assertEq(new Date(1646130030400).toUTCString(), "Tue, 01 Mar 2022 10:20:30 GMT");
    assertEq(new Date("0020-01-01T00:00:00Z").toUTCString(), "Wed, 01 Jan 0020 00:00:00 GMT");
    assertEq(new Date("-000001-07-01T00:00Z").toUTCString(), "Thu, 01 Jul -0001 00:00:00 GMT");
    assertEq(new Date("-123456-07-01T00:00Z").toUTCString().split(" ")[3], "-123456");
    assertEq(new Date(NaN).toUTCString(), "Invalid Date");
    assertEq(Date.prototype.toGMTString, Date.prototype.toUTCString);
});

test("toString, toDateString, toTimeString: shapes", function () {
    var s = new Date(0).toString();
    var parts = s.split(" ");
    assert(["Wed", "Thu"].indexOf(parts[0]) >= 0, s);
    assert(["Dec", "Jan"].indexOf(parts[1]) >= 0, s);
    assertEq(parts[4].length, 8);
    assertEq(parts[5].slice(0, 3), "GMT");
    assertEq(parts[5].length, 8);
    assertEq(s.slice(-1), ")");
    assertEq(new Date(0).toDateString(), parts.slice(0, 4).join(" "));
    assertEq(new Date(0).toTimeString(), s.slice(s.indexOf(parts[4])));
    assertEq(new Date(NaN).toString(), "Invalid Date");
    assertEq(new Date(NaN).toDateString(), "Invalid Date");
    assertEq(new Date(NaN).toTimeString(), "Invalid Date");
    assertEq(String(new Date(NaN)), "Invalid Date");
    var neg = new Date("-000012-07-01T00:00Z").toString().split(" ")[3];
    assert(neg === "-0012" || neg === "-0013", neg);
    assertEq(new Date(2020, 5, 15).toString().split(" ")[3], "2020");
    assertEq(new Date(5, 5, 15).toDateString().split(" ")[3], "1905");
    var y20 = new Date(2020, 0, 1);
    y20.setFullYear(20);
    assertEq(y20.toDateString().split(" ")[3], "0020");
});

test("toLocale*String: fixed en-US forms", function () {
    var d = new Date(2022, 2, 1, 10, 5, 9);
    assertEq(d.toLocaleString(), "3/1/2022, 10:05:09 AM");
    assertEq(d.toLocaleDateString(), "3/1/2022");
    assertEq(d.toLocaleTimeString(), "10:05:09 AM");
    assertEq(new Date(2022, 11, 31, 0, 0, 0).toLocaleTimeString(), "12:00:00 AM");
    assertEq(new Date(2022, 11, 31, 12, 30, 0).toLocaleTimeString(), "12:30:00 PM");
    assertEq(new Date(2022, 11, 31, 23, 0, 0).toLocaleTimeString(), "11:00:00 PM");
    assertEq(new Date(NaN).toLocaleString(), "Invalid Date");
    assertEq(new Date(NaN).toLocaleDateString(), "Invalid Date");
    assertEq(new Date(NaN).toLocaleTimeString(), "Invalid Date");
});

test("Date.parse: ISO forms", function () {
    assertEq(Date.parse("1970-01-01T00:00:00.000Z"), 0);
    assertEq(Date.parse("1970"), 0);
    assertEq(Date.parse("1970-01"), 0);
    assertEq(Date.parse("1970-01-01"), 0);
    assertEq(Date.parse("2022-03-01T10:00Z"), 1646128800000);
    assertEq(Date.parse("2022-03-01t10:00z"), 1646128800000);
    assertEq(Date.parse("2022-03-01T10:00:30Z"), 1646128830000);
    assertEq(Date.parse("2022-03-01T10:00:30.5Z"), 1646128830500);
    assertEq(Date.parse("2022-03-01T10:00:30.1239Z"), 1646128830123);
    assertEq(Date.parse("2022-03-01T10:00+01:00"), 1646125200000);
    assertEq(Date.parse("2022-03-01T10:00-01:30"), 1646134200000);
    assertEq(Date.parse("2022-03-01T10:00+0100"), 1646125200000);
    assertEq(Date.parse("2022-03-01T24:00Z"), Date.UTC(2022, 2, 2));
    assertEq(Date.parse("+002022-03-01"), 1646092800000);
    assertEq(Date.parse("-000001-01-01T00:00Z"), -62198755200000);
    assertEq(Date.parse("-271821-04-20T00:00:00.000Z"), -MAX);
    assertEq(Date.parse("+275760-09-13T00:00:00.000Z"), MAX);
    assertEq(Date.parse("-271821-04-19T23:59:59.999Z"), NaN);
    assertEq(Date.parse("+275760-09-13T00:00:00.001Z"), NaN);
    assertEq(Date.parse("1970-01-01T00:00:00"), new Date(0).getTimezoneOffset() * 60000,
             "date-time without offset is local");
    ["-000000-03-31T00:45Z", "-000000-03-31T01:45", "-000000-03-31T01:45:00+01:00",
     "-000000-01-01", "2022-13-01", "2022-00-01", "2022-03-00", "2022-03-32",
     "2022-03-01T24:00:01Z", "2022-03-01T10:60Z", "2022-03-01T10:00:60Z",
     "2022-03-01T10Z", "2022-03-01T1:00Z", "2022-03-01T10:00:00.Z", "2022-03-01T10:00Zjunk",
     "2022-03-01T10:00+24:00", "2022-03-01T10:00+01:60", "2022-03-01T10:00:00+01",
     "", "x", "2022-03-01T", "+2022-03-01T00:00Z"
    ].forEach(function (s) { assertEq(Date.parse(s), NaN, JSON.stringify(s)); });
});

test("Date.parse: legacy forms with a zone", function () {
    var t = Date.UTC(2022, 2, 1, 10);
    assertEq(Date.parse("Tue, 01 Mar 2022 10:00:00 GMT"), t);
    assertEq(Date.parse("Tue Mar 01 2022 10:00:00 GMT+0000 (Coordinated Universal Time)"), t);
    assertEq(Date.parse("Tue Mar 01 2022 11:00:00 GMT+0100 (Central European Standard Time)"), t);
    assertEq(Date.parse("Tue Mar 01 2022 05:00:00 GMT-0500 (Eastern Standard Time)"), t);
    assertEq(Date.parse("Mar 1 2022 10:00 UTC"), t);
    assertEq(Date.parse("Mar 1 2022 10:00 UT"), t);
    assertEq(Date.parse("Mar 1 2022 10:00 Z"), t);
    assertEq(Date.parse("Mar 1 2022 05:00 EST"), t);
    assertEq(Date.parse("Mar 1 2022 06:00 EDT"), t);
    assertEq(Date.parse("Mar 1 2022 04:00 CST"), t);
    assertEq(Date.parse("Mar 1 2022 02:00 PST"), t);
    assertEq(Date.parse("Mar 1 2022 03:00 PDT"), t);
    assertEq(Date.parse("Mar 1 2022 03:00 MST"), t);
    assertEq(Date.parse("Mar 1 2022 05:00 GMT-5"), t);
    assertEq(Date.parse("Mar 1 2022 11:00 GMT+01:00"), t);
    assertEq(Date.parse("Mar 1 2022 15:30 +05:30"), t);
    assertEq(Date.parse("March 1, 2022 10:00:00 GMT"), t);
    assertEq(Date.parse("1 March 2022 10:00 GMT"), t);
    assertEq(Date.parse("1 Mar 2022 10:00 AM GMT"), t);
    assertEq(Date.parse("1 Mar 2022 10:00 PM GMT"), t + 12 * 3600000);
    assertEq(Date.parse("Mar 1 2022 12:00 AM GMT"), t - 10 * 3600000);
    assertEq(Date.parse("Mar 1 2022 12:00 PM GMT"), t + 2 * 3600000);
    assertEq(Date.parse("2022/03/01 10:00 GMT"), t);
    assertEq(Date.parse("3/1/2022 10:00 GMT"), t);
    assertEq(Date.parse("3/1/22 10:00 GMT"), t);
    assertEq(Date.parse("2022-03-01 10:00Z"), t);
    assertEq(Date.parse("01-Mar-2022 10:00:00 GMT"), t);
    assertEq(Date.parse("Mar 1 2022 (a (nested) comment) 10:00 GMT"), t);
    assertEq(Date.parse("Mar 1 2022 10:00:00.5 GMT"), t + 500);
    assertEq(Date.parse("Mar 1 2022 10:00:00:5 GMT"), t + 5);
    assertEq(Date.parse("Mar 1 2022 24:00 GMT"), Date.UTC(2022, 2, 2));
    assertEq(Date.parse("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
    assertEq(Date.parse("Sun, 01 Jul -0001 00:00:00 GMT"), Date.UTC(-1, 6, 1));
    assertEq(Date.parse("Sat Sep 13 275760 00:00:00 GMT+0000"), MAX);
    ["Mar 1 2022 25:00", "Mar 32 2022", "Mar 0 2022", "Mar 1 2022 10 AM",
     "Mar 1 2022 13:00 PM", "Mar 1 2022 10:60", "20.02.2020", "Mar 1 2022 10:00 MEZ",
     "Mar 1", "Jan Feb 2022", "1 2", "2022-03-01T10:00:00 GMT", "Mar 1 2022 10:00 GMT+24",
     "Mar 1 2022 10:00 EST EST", "Mar 1, -0"
    ].forEach(function (s) { assertEq(Date.parse(s), NaN, JSON.stringify(s)); });
});

test("Date.parse: legacy local forms agree with the constructor", function () {
    var l = new Date(2022, 2, 1).getTime();
    ["Tue Mar 01 2022", "March 1, 2022", "2022/03/01", "3/1/2022", "1 March 2022",
     "Mar 2022", "2022 Mar 1", "  Mar 1 2022  ", "2022-3-1", "Tuesday, March 1, 2022",
     "2022.03.01"
    ].forEach(function (s) { assertEq(Date.parse(s), l, JSON.stringify(s)); });
    assertEq(Date.parse("12/31/1999 23:59:59"), new Date(1999, 11, 31, 23, 59, 59).getTime());
    assertEq(Date.parse("Mar 1 10:00 2022"), new Date(2022, 2, 1, 10).getTime());
    assertEq(Date.parse("3/1/49"), new Date(2049, 2, 1).getTime());
    assertEq(Date.parse("3/1/50"), new Date(1950, 2, 1).getTime());
    assertEq(Date.parse("Feb 30 2020"), new Date(2020, 2, 1).getTime());
});

test("Date.parse: round trips of the output formats", function () {
    [0, -1000, 1646128800000, 951782400000, -62198755200000, -2208988800000, 4102444800000,
     Date.UTC(-12345, 6, 1), Date.UTC(12345, 6, 1), 1e12, -1e12
    ].forEach(function (t) {
        var d = new Date(t);
        assertEq(Date.parse(d.toISOString()), t, d.toISOString());
        assertEq(Date.parse(d.toUTCString()), t, d.toUTCString());
        /* local mean times have offsets in seconds that toString cannot show */
        if (d.getTimezoneOffset() % 1 === 0)
            assertEq(Date.parse(d.toString()), t, d.toString());
    });
    var now = new Date();
    now.setMilliseconds(0);
    assertEq(Date.parse(now.toString()), now.getTime());
    assertEq(Date.parse(Date()) % 1000, 0);
});

test("Date.parse: argument conversion", function () {
    assertEq(Date.parse({ toString: function () { return "1970-01-01T00:00:00.002Z"; } }), 2);
    assertEq(Date.parse(), NaN);
    assertThrows(TypeError, function () { Date.parse(Symbol()); });
    assertEq(Date.parse("1970-01-01T00:00:00.000Z" + "\u0100"), NaN);
    assertEq(Date.parse("Mar 1 2022 10:00 GMT \u2028"), NaN);
    var long = "Mar 1 2022 10:00 GMT " + "(" + "x".repeat(100000) + ")";
    assertEq(Date.parse(long), Date.UTC(2022, 2, 1, 10));
    assertEq(Date.parse("9".repeat(1000)), NaN);
    assertEq(Date.parse("Jan 1 " + "9".repeat(400)), NaN);
});

test("toJSON", function () {
    assertEq(new Date(0).toJSON(), "1970-01-01T00:00:00.000Z");
    assertEq(new Date(NaN).toJSON(), null);
    assertEq(JSON.stringify({ d: new Date(0) }), '{"d":"1970-01-01T00:00:00.000Z"}');
    var o = { valueOf: function () { return 1; }, toISOString: function () { return "iso"; } };
    assertEq(Date.prototype.toJSON.call(o), "iso");
    o.valueOf = function () { return Infinity; };
    assertEq(Date.prototype.toJSON.call(o), null);
    o.valueOf = function () { return "x"; };
    assertEq(Date.prototype.toJSON.call(o), "iso");
    assertThrows(TypeError, function () { Date.prototype.toJSON.call({ valueOf: function () { return 1; } }); });
    assertThrows(TypeError, function () { Date.prototype.toJSON.call(null); });
    assertEq(Date.prototype.toJSON.length, 1);
});

test("Symbol.toPrimitive", function () {
    var f = Date.prototype[Symbol.toPrimitive];
    var desc = Object.getOwnPropertyDescriptor(Date.prototype, Symbol.toPrimitive);
    assert(!desc.writable && !desc.enumerable && desc.configurable);
    assertEq(f.name, "[Symbol.toPrimitive]");
    assertEq(f.length, 1);
    var d = new Date(0);
    assertEq(d[Symbol.toPrimitive]("number"), 0);
    assertEq(d[Symbol.toPrimitive]("string"), d.toString());
    assertEq(d[Symbol.toPrimitive]("default"), d.toString());
    assertEq(d + 1, d.toString() + "1");
    assertEq(d - 1, -1);
    assertEq(+d, 0);
    assertEq(`${d}`, d.toString());
    var o = { toString: function () { return "s"; }, valueOf: function () { return 9; } };
    assertEq(f.call(o, "default"), "s");
    assertEq(f.call(o, "number"), 9);
    assertThrows(TypeError, function () { f.call(o, "other"); });
    assertThrows(TypeError, function () { f.call(o); });
    assertThrows(TypeError, function () { f.call(o, new String("number")); });
    assertThrows(TypeError, function () { f.call(1, "number"); });
    assertThrows(TypeError, function () { f.call({ toString: null, valueOf: null }, "string"); });
    assertThrows(TypeError, function () { f.call({ toString: function () { return {}; }, valueOf: function () { return {}; } }, "string"); });
});

test("Annex B: getYear and setYear", function () {
    var d = new Date(2000, 0, 1);
    assertEq(d.getYear(), 100);
    assertEq(d.setYear(95), new Date(1995, 0, 1).getTime());
    assertEq(d.getFullYear(), 1995);
    d.setYear(2005);
    assertEq(d.getFullYear(), 2005);
    assertEq(d.setYear(NaN), NaN);
    assertEq(d.getTime(), NaN);
    d.setYear(99);
    assertEq(d.getTime(), new Date(1999, 0, 1).getTime(), "invalid date revived from +0");
    d.setYear(-1);
    assertEq(d.getFullYear(), -1);
    assertEq(Date.prototype.setYear.length, 1);
    assertThrows(TypeError, function () { Date.prototype.getYear.call({}); });
});

test("methods require a Date receiver", function () {
    var names = Object.getOwnPropertyNames(Date.prototype).filter(function (n) {
        return n !== "constructor" && n !== "toJSON";
    });
    assert(names.length >= 44, "" + names.length);
    var fake = Object.create(Date.prototype);
    names.forEach(function (n) {
        assertThrows(TypeError, function () { Date.prototype[n].call(fake, 0); }, n);
        assertThrows(TypeError, function () { Date.prototype[n].call(0); }, n);
        assertThrows(TypeError, function () { Date.prototype[n].call(undefined); }, n);
    });
    assertThrows(TypeError, function () { Date.prototype.getTime.call(new Proxy(new Date(), {})); });
    assertThrows(TypeError, function () { Date.prototype.valueOf(); }, "Date.prototype is not a Date");
});

test("property shapes", function () {
    assertEq(Date.length, 7);
    assertEq(Date.name, "Date");
    assertEq(Date.prototype.constructor, Date);
    assertEq(Object.getPrototypeOf(Date.prototype), Object.prototype);
    assertEq(Object.prototype.toString.call(new Date(0)), "[object Date]");
    assertEq(Object.prototype.toString.call(Date.prototype), "[object Object]");
    var lengths = { setHours: 4, setUTCHours: 4, setMinutes: 3, setSeconds: 2,
                    setMilliseconds: 1, setDate: 1, setMonth: 2, setFullYear: 3,
                    setUTCFullYear: 3, getTime: 0, toString: 0, parse: 1, now: 0 };
    for (var k in lengths) {
        var f = Date.prototype[k] || Date[k];
        assertEq(f.length, lengths[k], k);
        assertEq(f.name, k);
    }
    var desc = Object.getOwnPropertyDescriptor(Date, "prototype");
    assert(!desc.writable && !desc.enumerable && !desc.configurable);
    desc = Object.getOwnPropertyDescriptor(Date.prototype, "getTime");
    assert(desc.writable && !desc.enumerable && desc.configurable);
    assertThrows(TypeError, function () { new Date.prototype.getTime(); });
    assertThrows(TypeError, function () { new Date.now(); });
});

test("valueOf and comparisons", function () {
    var a = new Date(1), b = new Date(2);
    assert(a < b);
    assertEq(b - a, 1);
    assertEq(a.valueOf(), 1);
    assertEq(new Date(NaN).valueOf(), NaN);
    assertEq(a == 1, false, "== uses the default hint: a string");
    assertEq(a == a.toString(), true);
});

report();
