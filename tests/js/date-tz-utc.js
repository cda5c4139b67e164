// TZ=UTC
// date-tz-utc.js — Date in the UTC zone (no offset, no DST).
// tools/run-tests.sh runs this file with the TZ of its first line; the
// expected values are node's (ICU) under the same zone.

test("UTC: formats and fields", function () {
    assertEq(new Date(0).toString(), "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)");
    assertEq(new Date(0).toTimeString(), "00:00:00 GMT+0000 (Coordinated Universal Time)");
    assertEq(new Date(0).getTimezoneOffset(), 0);
    assertEq(new Date(1646128800000).toString(), "Tue Mar 01 2022 10:00:00 GMT+0000 (Coordinated Universal Time)");
    assertEq(new Date(-1).toString(), "Wed Dec 31 1969 23:59:59 GMT+0000 (Coordinated Universal Time)");
    assertEq(new Date(-62198755200000).toString(), "Fri Jan 01 -0001 00:00:00 GMT+0000 (Coordinated Universal Time)");
    assertEq(new Date(-8.64e15).toString(), "Tue Apr 20 -271821 00:00:00 GMT+0000 (Coordinated Universal Time)");
    assertEq(new Date(8.64e15).toString(), "Sat Sep 13 275760 00:00:00 GMT+0000 (Coordinated Universal Time)");
    assertEq(new Date(2022, 2, 1, 10).toLocaleString(), "3/1/2022, 10:00:00 AM");
    assertEq(new Date(1646128800000).toLocaleDateString(), "3/1/2022");
    assertEq(new Date(1646128800000).toLocaleTimeString(), "10:00:00 AM");
    assertEq(new Date(2022, 2, 1).setHours(48), 1646265600000);
    assertEq(new Date(0).getDay(), 4);
    assertEq(new Date(0).getYear(), 70);
});

test("UTC: local times are UTC", function () {
    assertEq(new Date(2022, 2, 1, 10).getTime(), 1646128800000);
    assertEq(new Date(1800, 0, 1).getTime(), -5364662400000);
    assertEq(Date.parse("2022-03-01T10:00"), 1646128800000);
    assertEq(Date.parse("Mar 1 2022 10:00"), 1646128800000);
    assertEq(Date.parse("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"), 0);
    for (var t = -5e12; t < 5e12; t += 86400000 * 97 + 3600000 * 5 + 7) {
        var d = new Date(t);
        assertEq(d.getTimezoneOffset(), 0);
        assertEq(d.getHours(), d.getUTCHours());
        assertEq(d.getDate(), d.getUTCDate());
        assertEq(new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(),
                          d.getMinutes(), d.getSeconds(), d.getMilliseconds()).getTime(), t);
    }
});

report();
