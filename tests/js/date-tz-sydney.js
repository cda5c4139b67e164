// TZ=Australia/Sydney
// date-tz-sydney.js — Date in Australia/Sydney: DST across the new year.
// tools/run-tests.sh runs this file with the TZ of its first line; the
// expected values are node's (ICU) under the same zone.

test("Sydney: southern-hemisphere summer time", function () {
    assertEq(new Date(2022, 0, 1, 10).toString(), "Sat Jan 01 2022 10:00:00 GMT+1100 (Australian Eastern Daylight Time)");
    assertEq(new Date(2022, 6, 1, 10).toString(), "Fri Jul 01 2022 10:00:00 GMT+1000 (Australian Eastern Standard Time)");
    assertEq(new Date(2022, 0, 1).getTimezoneOffset(), -660);
    assertEq(new Date(2022, 6, 1).getTimezoneOffset(), -600);
    assertEq(new Date(0).toString(), "Thu Jan 01 1970 10:00:00 GMT+1000 (Australian Eastern Standard Time)");
    assertEq(new Date(2022, 1, 28, 23).toLocaleString(), "2/28/2022, 11:00:00 PM");
});

test("Sydney: gap in October, overlap in April", function () {
    assertEq(new Date(2022, 9, 2, 2, 30).getTime(), 1664641800000);
    assertEq(new Date(2022, 9, 2, 2, 30).toString(), "Sun Oct 02 2022 03:30:00 GMT+1100 (Australian Eastern Daylight Time)");
    assertEq(new Date(2022, 3, 3, 2, 30).getTime(), 1648913400000);
    assertEq(new Date(2022, 3, 3, 2, 30).toString(), "Sun Apr 03 2022 02:30:00 GMT+1100 (Australian Eastern Daylight Time)");
    assertEq(new Date(2022, 3, 3, 3, 0).getTime(), 1648918800000);
    assertEq(new Date(2021, 11, 31, 23, 30).setMinutes(90), 1640957400000);
    assertEq(new Date(2022, 9, 1, 12).setDate(2), 1664672400000);
    assertEq(Date.parse("2022-10-02T02:30"), 1664641800000);
    assertEq(Date.parse("2022-04-03T02:30"), 1648913400000);
    assertEq(Date.parse("Sun Apr 03 2022 02:30:00 GMT+1000 (Australian Eastern Standard Time)"), 1648917000000);
    assertEq(Date.parse("Sun Apr 03 2022 02:30:00 GMT+1100 (Australian Eastern Daylight Time)"), 1648913400000);
});

report();
