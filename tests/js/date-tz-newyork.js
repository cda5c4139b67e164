// TZ=America/New_York
// date-tz-newyork.js — Date in America/New_York: DST gaps and overlaps, LMT.
// tools/run-tests.sh runs this file with the TZ of its first line; the
// expected values are node's (ICU) under the same zone.

test("New York: formats and offsets", function () {
    assertEq(new Date(2022, 2, 1, 10).toString(), "Tue Mar 01 2022 10:00:00 GMT-0500 (Eastern Standard Time)");
    assertEq(new Date(2022, 6, 1, 10).toString(), "Fri Jul 01 2022 10:00:00 GMT-0400 (Eastern Daylight Time)");
    assertEq(new Date(2022, 6, 1, 10).toTimeString(), "10:00:00 GMT-0400 (Eastern Daylight Time)");
    assertEq(new Date(2022, 6, 1, 10).toDateString(), "Fri Jul 01 2022");
    assertEq(new Date(2022, 2, 1, 10).getTimezoneOffset(), 300);
    assertEq(new Date(2022, 6, 1, 10).getTimezoneOffset(), 240);
    assertEq(new Date(2022, 2, 1, 22).toLocaleString(), "3/1/2022, 10:00:00 PM");
    assertEq(new Date(2100, 6, 1).getTimezoneOffset(), 240);
    assertEq(new Date(2100, 0, 1).getTimezoneOffset(), 300);
    assertEq(new Date(0).toString(), "Wed Dec 31 1969 19:00:00 GMT-0500 (Eastern Standard Time)");
    assertEq(new Date(0).getDate(), 31);
    assertEq(new Date(-1e14).toString(), "Thu Feb 15 -1199 09:17:18 GMT-0456 (Eastern Standard Time)");
    assertEq(new Date(8.64e15).toString(), "Fri Sep 12 275760 20:00:00 GMT-0400 (Eastern Daylight Time)");
});

test("New York: the spring-forward gap takes the offset before it", function () {
    assertEq(new Date(2022, 2, 13, 2, 30).getTime(), 1647156600000);
    assertEq(new Date(2022, 2, 13, 2, 30).toString(), "Sun Mar 13 2022 03:30:00 GMT-0400 (Eastern Daylight Time)");
    assertEq(new Date(2022, 2, 13, 3, 0).getTime(), 1647154800000);
    assertEq(new Date(2022, 2, 13, 1, 59, 59, 999).getTime(), 1647154799999);
    assertEq(new Date(1647154800000).getHours(), 3);
    assertEq(new Date(1647154799999).getHours(), 1);
    assertEq(Date.parse("2022-03-13T02:30"), 1647156600000);
    assertEq(new Date(2022, 2, 13, 12).setHours(2, 30), 1647156600000);
    assertEq(new Date(2022, 2, 12, 2, 30).setDate(13), 1647156600000);
    assertEq(new Date(2022, 0, 31, 2, 30).setMonth(2, 13), 1647156600000);
    assertEq(new Date(2022, 2, 13, 12).setMinutes(-570), 1647156600000);
    assertEq(Date.parse(new Date(1647156600000).toString()), 1647156600000);
    assertEq(Date.parse("Sun Mar 13 2022 03:30:00 GMT-0400 (Eastern Daylight Time)"), 1647156600000);
});

test("New York: the fall-back hour is read as its first occurrence", function () {
    assertEq(new Date(2022, 10, 6, 1, 30).getTime(), 1667712600000);
    assertEq(new Date(2022, 10, 6, 1, 30).toString(), "Sun Nov 06 2022 01:30:00 GMT-0400 (Eastern Daylight Time)");
    assertEq(new Date(2022, 10, 6, 2, 0).getTime(), 1667718000000);
    assertEq(new Date(2022, 10, 6, 0, 59).getTime(), 1667710740000);
    assertEq(new Date(1667714400000).toString(), "Sun Nov 06 2022 01:00:00 GMT-0500 (Eastern Standard Time)");
    assertEq(new Date(1667710800000).toString(), "Sun Nov 06 2022 01:00:00 GMT-0400 (Eastern Daylight Time)");
    assertEq(new Date(2022, 10, 6, 12).setHours(1, 30), 1667712600000);
});

test("New York: local mean time before 1883", function () {
    assertEq(new Date(1800, 0, 1).toString(), "Wed Jan 01 1800 00:00:00 GMT-0456 (Eastern Standard Time)");
    assertEq(new Date(1800, 0, 1).getTime(), -5364644638000);
    assertEq(new Date(1800, 0, 1).toISOString(), "1800-01-01T04:56:02.000Z");
    assertEq(new Date(1883, 10, 18, 12, 3, 58).getTime(), -2717650562000);
    assertEq(new Date(1970, 0, 1).getTime(), 18000000);
    assertEq(new Date(1800, 0, 1).getTimezoneOffset(), 296 + 2 / 60, "whole seconds of LMT (node truncates to 296)");
});

test("New York: parsing and setters in local time", function () {
    assertEq(Date.parse("2022-03-01T10:00"), 1646146800000);
    assertEq(Date.parse("2022-03-01"), 1646092800000);
    assertEq(Date.parse("March 1, 2022 10:00:00"), 1646146800000);
    assertEq(Date.parse("Tue Mar 01 2022"), 1646110800000);
    assertEq(Date.parse("3/1/2022 10:00 PM"), 1646190000000);
    assertEq(new Date(2022, 2, 1).setFullYear(2023, 2, 12), 1678597200000);
    assertEq(new Date(NaN).setFullYear(2022), 1641013200000);
    assertEq(new Date(2000, 0, 1).setYear(95), 788936400000);
    assertEq(new Date(2000, 0, 1).getYear(), 100);
    assertEq(new Date(Date.UTC(2022, 0, 1, 3)).getDate(), 31);
    assertEq(new Date(Date.UTC(2022, 0, 1, 3)).getDay(), 5);
    assertEq(new Date(Date.UTC(2022, 0, 1, 3)).getFullYear(), 2021);
    assertEq(new Date(1969, 11, 31, 23, 59, 59, 999).getTime(), 17999999);
});

report();
