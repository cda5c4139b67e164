// TZ=Asia/Tokyo
// date-tz-tokyo.js — Date in Asia/Tokyo: east of UTC, historical DST, LMT.
// tools/run-tests.sh runs this file with the TZ of its first line; the
// expected values are node's (ICU) under the same zone.

test("Tokyo: formats and offsets", function () {
    assertEq(new Date(2022, 2, 1, 10).toString(), "Tue Mar 01 2022 10:00:00 GMT+0900 (Japan Standard Time)");
    assertEq(new Date(2022, 6, 1, 10).toString(), "Fri Jul 01 2022 10:00:00 GMT+0900 (Japan Standard Time)");
    assertEq(new Date(2022, 6, 1, 10).getTimezoneOffset(), -540);
    assertEq(new Date(0).toString(), "Thu Jan 01 1970 09:00:00 GMT+0900 (Japan Standard Time)");
    assertEq(new Date(0).getHours(), 9);
    assertEq(new Date(2022, 11, 31, 23, 59, 59, 999).toLocaleString(), "12/31/2022, 11:59:59 PM");
    assertEq(new Date(2022, 0, 1).toISOString(), "2021-12-31T15:00:00.000Z");
    assertEq(new Date(2022, 0, 1).toUTCString(), "Fri, 31 Dec 2021 15:00:00 GMT");
    assertEq(new Date(2022, 0, 1).getUTCDate(), 31);
    assertEq(new Date(2022, 0, 1).setHours(-1), 1640959200000);
});

test("Tokyo: summer time 1948-1951", function () {
    assertEq(new Date(1949, 3, 2, 0, 30).getTime(), -654856200000);
    assertEq(new Date(1949, 3, 3, 0, 30).getTime(), -654769800000);
    assertEq(new Date(1949, 8, 10, 23, 30).getTime(), -640866600000);
    var s = new Date(1949, 5, 1, 12).toString();
    assertEq(s.slice(0, 33), "Wed Jun 01 1949 12:00:00 GMT+1000");
    assertEq(new Date(1949, 5, 1, 12).getTimezoneOffset(), -600);
    assertEq(new Date(1949, 8, 10, 23, 30).toString().slice(0, 33), "Sat Sep 10 1949 23:30:00 GMT+1000");
});

test("Tokyo: parsing, LMT and the ends of the range", function () {
    assertEq(Date.parse("2022-03-01T10:00"), 1646096400000);
    assertEq(Date.parse("2022-03-01"), 1646092800000);
    assertEq(Date.parse("Mar 1 2022 10:00"), 1646096400000);
    assertEq(Date.parse("Mar 1 2022 10:00 GMT+0900"), 1646096400000);
    assertEq(new Date(1886, 11, 31, 12).getTime(), -2619292739000);
    assertEq(new Date(1887, 0, 1, 12).getTime(), -2619206339000);
    assertEq(new Date(-8.64e15).toString(), "Tue Apr 20 -271821 09:18:59 GMT+0918 (Japan Standard Time)");
    assertEq(new Date(8.64e15).toString(), "Sat Sep 13 275760 09:00:00 GMT+0900 (Japan Standard Time)");
    assertEq(new Date(275760, 8, 13, 9).getTime(), 8640000000000000);
    assertEq(new Date(-271821, 3, 20, 9, 18, 59).getTime(), -8640000000000000);
    assertEq(new Date(275760, 8, 13, 9, 0, 0, 1).getTime(), NaN);
});

report();
