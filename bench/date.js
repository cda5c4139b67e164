// date.js — Date: parsing (Date.parse and the string constructor on the
// ISO format and the forms toString/toUTCString produce), formatting
// (toISOString, toUTCString, toString, toJSON) and local-time getters and
// setters (a calendar walk, the component constructor, day arithmetic).
// Everything depends only on the time zone both engines read from TZ.
var log = typeof print === "function" ? print : console.log;

function hash(s, h) {
    for (var i = 0; i < s.length; i++)
        h = (h * 31 + s.charCodeAt(i)) | 0;
    return h;
}

function times(n, seed) {
    var list = [];
    for (var i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        // 1950 .. 2080, millisecond precision
        list.push(-631152000000 + (seed % 4102444800) * 1000 + (seed % 1000));
    }
    return list;
}

// the engine-independent part of toString: "Www Mmm DD YYYY HH:MM:SS GMT+HHMM"
function localString(d) {
    return d.toString().slice(0, 33);
}

function parsing(list) {
    var acc = 0, iso = [], utc = [], local = [], dateOnly = [], offset = [];
    for (var i = 0; i < list.length; i++) {
        var d = new Date(list[i]);
        iso.push(d.toISOString());
        utc.push(d.toUTCString());
        local.push(localString(d));
        dateOnly.push(iso[i].slice(0, 10));
        offset.push(iso[i].slice(0, 19) + (i & 1 ? "+05:30" : "-08:00"));
    }
    for (var r = 0; r < 4; r++) {
        for (var j = 0; j < list.length; j++) {
            acc = (acc + Date.parse(iso[j]) % 1000003) | 0;
            acc = (acc + Date.parse(utc[j]) % 999983) | 0;
            acc = (acc + new Date(local[j]).getTime() % 999979) | 0;
            acc = (acc + Date.parse(dateOnly[j]) / 86400000) | 0;
            acc = (acc + Date.parse(offset[j]) % 999961) | 0;
        }
    }
    return acc;
}

function formatting(list) {
    var h = 0;
    for (var r = 0; r < 3; r++) {
        for (var i = 0; i < list.length; i++) {
            var d = new Date(list[i] + r * 3600000);
            h = hash(d.toISOString(), h);
            h = hash(d.toUTCString(), h);
            h = hash(localString(d), h);
            h = hash(JSON.stringify({ t: d }), h);
        }
    }
    return h >>> 0;
}

// a walk through the calendar with the local-time getters and setters
function calendar(years) {
    var acc = 0, d = new Date(1990, 0, 1, 12, 0, 0);
    var end = new Date(1990 + years, 0, 1).getTime();
    while (d.getTime() < end) {
        acc = (acc + d.getFullYear() * 7 + d.getMonth() * 31 + d.getDate() * 3 + d.getDay() +
               d.getHours() + d.getMinutes() + d.getTimezoneOffset()) | 0;
        if (d.getDay() === 0)
            d.setHours(d.getHours() + 3, 15, 30);
        else
            d.setHours(12, 0, 0, 0);
        if (d.getDate() === 28 && d.getMonth() === 1)
            d.setMonth(2, 1);
        else
            d.setDate(d.getDate() + 1);
    }
    return acc;
}

// the component constructor, UTC counterparts and day arithmetic
function components(n) {
    var acc = 0;
    for (var i = 0; i < n; i++) {
        var y = 1970 + (i % 120), m = i % 12, day = 1 + (i % 28);
        var a = new Date(y, m, day, i % 24, i % 60, i % 59);
        var b = new Date(Date.UTC(y, m, day) + 86400000 * (i % 400));
        acc = (acc + Math.round((b - a) / 86400000) + a.getUTCHours() + b.getMonth()) | 0;
        b.setUTCFullYear(y + 1, (m + 5) % 12, 15);
        acc = (acc + b.getUTCDate() + b.getUTCMonth() + (b.valueOf() % 997)) | 0;
    }
    return acc;
}

var checksum = 0;
var list = times(20000, 7);
checksum = (checksum + parsing(list)) | 0;
checksum = (checksum + formatting(list)) | 0;
checksum = (checksum + calendar(120)) | 0;
checksum = (checksum + components(150000)) | 0;
log("date checksum " + (checksum >>> 0));
