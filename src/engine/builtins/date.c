/*
 * date.c — the Date constructor, Date.prototype and the Annex B extras
 * (getYear, setYear, toGMTString) (ECMA-262 §21.4, §B.2.3).
 *
 * A Date object is a JS_CLASS_DATE object whose u.object_data holds its
 * time value: a number, NaN for an invalid date, else an integer number of
 * milliseconds since 1970-01-01T00:00Z within ±8.64e15 (TimeClip).
 *
 * The calendar arithmetic is our own and works on int64 day numbers, so
 * every year of the time value range (about -271821 .. 275760) and the
 * intermediate values of MakeDay are exact. MakeTime, MakeDay, MakeDate and
 * TimeClip follow the spec step by step with the same double operations, so
 * overflow and rounding are exactly the spec's.
 *
 * Local time comes from the C library (localtime_r, honouring TZ through
 * tzset()): LocalTZA for a UTC instant is tm_gmtoff (whole seconds;
 * toString shows the offset truncated to minutes, as V8 does). Converting a local time to UTC follows the spec's
 * UTC(t): in a repeated hour the earlier instant wins, in a skipped hour
 * the offset from before the transition is used (the results match node
 * under TZ=America/New_York). Nothing is cached: each call asks the C
 * library, which keeps the zone state process-wide and thread-safe.
 *
 * Date.parse accepts the ISO format of §21.4.1.32 (date-only forms are UTC,
 * date-time forms without an offset are local time), the formats toString,
 * toUTCString and toISOString produce (so that they round-trip), and the
 * common legacy forms browsers accept ("Mar 1 2022 10:00 PM", "3/1/2022",
 * "2022/03/01", "1 March 2022 10:00 GMT+0100", ...); see
 * js_date_parse_legacy for the rules.
 *
 * Without Intl, toLocaleString, toLocaleDateString and toLocaleTimeString
 * use a fixed en-US form: "3/1/2022, 10:00:00 AM" (years before 1 are
 * written as era years, without the era, as ICU's en-US does).
 */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "builtins.h"
#include "../conv.h"
#include "../error.h"
#include "../function.h"
#include "../object.h"
#include "../str.h"

#define JS_DATE_MS_PER_DAY 86400000.0
#define JS_DATE_MAX_TIME 8.64e15
/* MakeDay refuses years beyond this: such a day can never come back into
   the time value range through the date argument of any sane caller, and
   it keeps the int64 arithmetic exact */
#define JS_DATE_MAX_YEAR 1000000.0

enum {
    JS_DATE_YEAR,
    JS_DATE_MONTH,
    JS_DATE_DAY, /* day of the month, 1-based */
    JS_DATE_HOURS,
    JS_DATE_MINUTES,
    JS_DATE_SECONDS,
    JS_DATE_MS,
    JS_DATE_FIELD_COUNT,
    JS_DATE_WEEKDAY = JS_DATE_FIELD_COUNT, /* only for the getters */
    JS_DATE_YEAR_1900,                     /* getYear (Annex B) */
    JS_DATE_TZ_OFFSET,                     /* getTimezoneOffset */
};

static const char js_date_month_names[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char js_date_day_names[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

/* ---------------------------------------------------------------------
 * Calendar arithmetic (proleptic Gregorian, exact on int64)
 * ------------------------------------------------------------------- */
static int64_t js_date_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0))
        q--;
    return q;
}

/* DayFromYear: the day number of January 1st of year y */
static int64_t js_date_day_from_year(int64_t y)
{
    return 365 * (y - 1970) + js_date_floor_div(y - 1969, 4) - js_date_floor_div(y - 1901, 100) +
           js_date_floor_div(y - 1601, 400);
}

static bool js_date_is_leap_year(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* the first day of each month within its year, and the year's length */
static const int16_t js_date_month_start[2][13] = {
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366},
};

/* the year containing day number `day`, and in *pstart the day number of
   its January 1st: an estimate from the mean year length, corrected by at
   most a step or two */
static int64_t js_date_year_from_day(int64_t day, int64_t *pstart)
{
    int64_t y = 1970 + (int64_t)floor((double)day / 365.2425);
    int64_t start = js_date_day_from_year(y);
    while (start > day) {
        y--;
        start -= 365 + js_date_is_leap_year(y);
    }
    while (day - start >= 365 + js_date_is_leap_year(y)) {
        start += 365 + js_date_is_leap_year(y);
        y++;
    }
    *pstart = start;
    return y;
}

/* splits an integral time value (UTC or local, |t| a little over 8.64e15
   at most) into its calendar fields; *pwday gets the weekday (0 Sunday) */
static void js_date_split(double t, double fields[JS_DATE_FIELD_COUNT], int *pwday)
{
    int64_t ti = (int64_t)t;
    int64_t day = js_date_floor_div(ti, 86400000);
    int64_t ms = ti - day * 86400000;
    int64_t start;
    int64_t year = js_date_year_from_day(day, &start);
    int doy = (int)(day - start);
    const int16_t *starts = js_date_month_start[js_date_is_leap_year(year)];
    int month = 0;
    while (doy >= starts[month + 1])
        month++;
    fields[JS_DATE_YEAR] = (double)year;
    fields[JS_DATE_MONTH] = month;
    fields[JS_DATE_DAY] = doy - starts[month] + 1;
    fields[JS_DATE_HOURS] = (double)(ms / 3600000);
    fields[JS_DATE_MINUTES] = (double)(ms / 60000 % 60);
    fields[JS_DATE_SECONDS] = (double)(ms / 1000 % 60);
    fields[JS_DATE_MS] = (double)(ms % 1000);
    if (pwday) {
        /* 1970-01-01 was a Thursday */
        int64_t wd = (day + 4) % 7;
        *pwday = (int)(wd < 0 ? wd + 7 : wd);
    }
}

/* ---------------------------------------------------------------------
 * The spec's time operations (§21.4.1), with its double arithmetic. Each
 * product and sum is its own statement so that no compiler may contract
 * them into a fused multiply-add, which would round differently.
 * ------------------------------------------------------------------- */
/* ToIntegerOrInfinity of a finite double (the -0 it may give is harmless:
   every use adds it to something or goes through TimeClip) */
static double js_date_to_integer(double d) { return trunc(d); }

static double js_date_make_time(double hour, double min, double sec, double ms)
{
    double t, m, s;
    if (!isfinite(hour) || !isfinite(min) || !isfinite(sec) || !isfinite(ms))
        return NAN;
    t = js_date_to_integer(hour) * 3600000.0;
    m = js_date_to_integer(min) * 60000.0;
    t = t + m;
    s = js_date_to_integer(sec) * 1000.0;
    t = t + s;
    return t + js_date_to_integer(ms);
}

static double js_date_make_day(double year, double month, double date)
{
    double y, m, ym, mn, day;
    int64_t yi;
    if (!isfinite(year) || !isfinite(month) || !isfinite(date))
        return NAN;
    y = js_date_to_integer(year);
    m = js_date_to_integer(month);
    ym = y + floor(m / 12);
    /* beyond this the date cannot be represented (see JS_DATE_MAX_YEAR) */
    if (!(fabs(ym) <= JS_DATE_MAX_YEAR))
        return NAN;
    mn = fmod(m, 12); /* exact, unlike m - 12 * floor(m / 12) */
    if (mn < 0)
        mn += 12;
    yi = (int64_t)ym;
    day = (double)(js_date_day_from_year(yi) +
                   js_date_month_start[js_date_is_leap_year(yi)][(int)mn]);
    day = day + js_date_to_integer(date);
    return day - 1;
}

static double js_date_make_date(double day, double time)
{
    double tv;
    if (!isfinite(day) || !isfinite(time))
        return NAN;
    tv = day * JS_DATE_MS_PER_DAY;
    tv = tv + time;
    return isfinite(tv) ? tv : NAN;
}

static double js_date_time_clip(double t)
{
    if (!isfinite(t) || fabs(t) > JS_DATE_MAX_TIME)
        return NAN;
    /* ToIntegerOrInfinity, which also turns -0 into +0 */
    return trunc(t) + 0.0;
}

/* MakeFullYear (two-digit years are 1900 + y) */
static double js_date_make_full_year(double y)
{
    double yi;
    if (isnan(y))
        return NAN;
    yi = js_date_to_integer(y);
    if (yi >= 0 && yi <= 99)
        return 1900 + yi;
    return y;
}

/* MakeDate(MakeDay(y, m, d), MakeTime(h, min, s, ms)) on split fields */
static double js_date_from_fields(const double f[JS_DATE_FIELD_COUNT])
{
    double day = js_date_make_day(f[JS_DATE_YEAR], f[JS_DATE_MONTH], f[JS_DATE_DAY]);
    double time = js_date_make_time(f[JS_DATE_HOURS], f[JS_DATE_MINUTES], f[JS_DATE_SECONDS],
                                    f[JS_DATE_MS]);
    return js_date_make_date(day, time);
}

/* ---------------------------------------------------------------------
 * Local time
 * ------------------------------------------------------------------- */
/* Makes the C library's zone follow TZ (setenv may change it while the
   program runs); called by each builtin before it uses local time.
   glibc's tzset returns at once when TZ is set and unchanged, but with TZ
   unset it stats /etc/localtime on every call: so while TZ stays unset it
   runs once per runtime. */
static void js_date_sync_zone(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    if (getenv("TZ")) {
        tzset();
        rt->date_default_zone_loaded = false;
    } else if (!rt->date_default_zone_loaded) {
        tzset();
        rt->date_default_zone_loaded = true;
    }
}

/* localtime_r for the UTC instant t (ms, finite); false when the C library
   cannot represent it. The zone is the one js_date_sync_zone loaded. */
static bool js_date_localtime(double t, struct tm *tm)
{
    time_t secs;
    /* past the time value range (plus a margin for local adjustments)
       nothing is ever shown, and time_t conversions stay defined */
    if (!(fabs(t) <= JS_DATE_MAX_TIME + 4 * JS_DATE_MS_PER_DAY))
        return false;
    secs = (time_t)floor(t / 1000);
    return localtime_r(&secs, tm) != NULL;
}

/* LocalTZA(t, true): the offset of local time at the UTC instant t, in
   ms (whole seconds: the local mean times of the 19th century have them) */
static double js_date_local_offset(double t)
{
    struct tm tm;
    if (!js_date_localtime(t, &tm))
        return 0;
    return (double)tm.tm_gmtoff * 1000.0;
}

/* LocalTime(t) */
static double js_date_local_time(double t) { return t + js_date_local_offset(t); }

/* UTC(t) for a local time value t. The zone's offsets a day before and a
   day after bracket every transition near t; a candidate instant is
   genuine when the offset in force at it is the one it was computed with.
   Two genuine candidates: a repeated hour, the earlier wins. None: a
   skipped hour, the offset from before the transition applies. */
static double js_date_utc(double t)
{
    double before, after, u1, u2;
    bool ok1, ok2;
    if (!isfinite(t))
        return NAN;
    if (fabs(t) > JS_DATE_MAX_TIME + 2 * JS_DATE_MS_PER_DAY)
        return t; /* TimeClip rejects it whatever the offset */
    before = js_date_local_offset(t - JS_DATE_MS_PER_DAY);
    after = js_date_local_offset(t + JS_DATE_MS_PER_DAY);
    u1 = t - before;
    if (after == before)
        return u1; /* no transition near t: the common case */
    ok1 = js_date_local_offset(u1) == before;
    u2 = t - after;
    ok2 = js_date_local_offset(u2) == after;
    if (ok1 && ok2)
        return u1 < u2 ? u1 : u2;
    if (ok2 && !ok1)
        return u2;
    return u1;
}

/* Long names for the zone abbreviations of the C library, as ICU (and so
   node) spells them. An abbreviation used for several zones is told apart
   by its offset (minutes east of UTC); any_offset matches every offset. */
typedef struct JSDateZoneName {
    char abbr[6];
    bool any_offset;
    int16_t offset;
    const char *name;
} JSDateZoneName;

static const JSDateZoneName js_date_zone_names[] = {
    {"UTC", true, 0, "Coordinated Universal Time"},
    {"GMT", true, 0, "Greenwich Mean Time"},
    {"EST", true, 0, "Eastern Standard Time"},
    {"EDT", true, 0, "Eastern Daylight Time"},
    {"CST", false, -360, "Central Standard Time"},
    {"CDT", false, -300, "Central Daylight Time"},
    {"CST", false, 480, "China Standard Time"},
    {"CST", false, -300, "Cuba Standard Time"},
    {"CDT", false, -240, "Cuba Daylight Time"},
    {"MST", true, 0, "Mountain Standard Time"},
    {"MDT", true, 0, "Mountain Daylight Time"},
    {"PST", false, -480, "Pacific Standard Time"},
    {"PDT", false, -420, "Pacific Daylight Time"},
    {"PST", false, 480, "Philippine Standard Time"},
    {"AKST", true, 0, "Alaska Standard Time"},
    {"AKDT", true, 0, "Alaska Daylight Time"},
    {"HST", true, 0, "Hawaii-Aleutian Standard Time"},
    {"HDT", true, 0, "Hawaii-Aleutian Daylight Time"},
    {"AST", false, -240, "Atlantic Standard Time"},
    {"ADT", false, -180, "Atlantic Daylight Time"},
    {"NST", true, 0, "Newfoundland Standard Time"},
    {"NDT", true, 0, "Newfoundland Daylight Time"},
    {"BST", false, 60, "British Summer Time"},
    {"IST", false, 60, "Irish Standard Time"},
    {"IST", false, 330, "India Standard Time"},
    {"IST", false, 120, "Israel Standard Time"},
    {"IDT", false, 180, "Israel Daylight Time"},
    {"WET", true, 0, "Western European Standard Time"},
    {"WEST", true, 0, "Western European Summer Time"},
    {"CET", true, 0, "Central European Standard Time"},
    {"CEST", true, 0, "Central European Summer Time"},
    {"MET", true, 0, "Central European Standard Time"},
    {"MEST", true, 0, "Central European Summer Time"},
    {"EET", true, 0, "Eastern European Standard Time"},
    {"EEST", true, 0, "Eastern European Summer Time"},
    {"MSK", true, 0, "Moscow Standard Time"},
    {"SAST", true, 0, "South Africa Standard Time"},
    {"CAT", true, 0, "Central Africa Time"},
    {"EAT", true, 0, "East Africa Time"},
    {"WAT", true, 0, "West Africa Time"},
    {"PKT", true, 0, "Pakistan Standard Time"},
    {"WIB", true, 0, "Western Indonesia Time"},
    {"HKT", true, 0, "Hong Kong Standard Time"},
    {"JST", true, 0, "Japan Standard Time"},
    {"JDT", true, 0, "Japan Daylight Time"},
    {"KST", true, 0, "Korean Standard Time"},
    {"AEST", true, 0, "Australian Eastern Standard Time"},
    {"AEDT", true, 0, "Australian Eastern Daylight Time"},
    {"ACST", true, 0, "Australian Central Standard Time"},
    {"ACDT", true, 0, "Australian Central Daylight Time"},
    {"AWST", true, 0, "Australian Western Standard Time"},
    {"NZST", true, 0, "New Zealand Standard Time"},
    {"NZDT", true, 0, "New Zealand Daylight Time"},
    {"ChST", true, 0, "Chamorro Standard Time"},
    {"SST", true, 0, "American Samoa Standard Time"},
};

/* the name shown in parentheses by toString for the zone in force at the
   UTC instant t: a long name when the abbreviation is known, the
   abbreviation itself otherwise, or "GMT+hh:mm" when the C library only
   has a numeric one ("+04") */
static void js_date_zone_name(char *buf, size_t size, const struct tm *tm, int offset_min)
{
    const char *abbr = tm->tm_zone ? tm->tm_zone : "";
    int a;
    for (size_t i = 0; i < countof(js_date_zone_names); i++) {
        const JSDateZoneName *z = &js_date_zone_names[i];
        if (strcmp(z->abbr, abbr) == 0 && (z->any_offset || z->offset == offset_min)) {
            snprintf(buf, size, "%s", z->name);
            return;
        }
    }
    if (abbr[0] != '\0' && abbr[0] != '+' && abbr[0] != '-') {
        snprintf(buf, size, "%s", abbr);
        return;
    }
    a = offset_min < 0 ? -offset_min : offset_min;
    snprintf(buf, size, "GMT%c%02d:%02d", offset_min < 0 ? '-' : '+', a / 60, a % 60);
}

/* the zone name for toString; before standard time a zone keeps local
   mean time ("LMT"), which node names after the zone's standard time: the
   one of January or July 2000, whichever is not summer time */
static void js_date_zone_name_at(char *buf, size_t size, const struct tm *tm, int offset_min)
{
    struct tm ref;
    if (tm->tm_zone && strcmp(tm->tm_zone, "LMT") == 0 &&
        js_date_localtime(946684800000.0, &ref) &&
        (!ref.tm_isdst || js_date_localtime(962409600000.0, &ref))) {
        js_date_zone_name(buf, size, &ref, (int)(ref.tm_gmtoff / 60));
        return;
    }
    js_date_zone_name(buf, size, tm, offset_min);
}

/* ---------------------------------------------------------------------
 * Date objects
 * ------------------------------------------------------------------- */
static bool js_is_date(JSValueConst v)
{
    return JS_IsObject(v) && js_obj(v)->class_id == JS_CLASS_DATE;
}

/* thisTimeValue (RequireInternalSlot(obj, [[DateValue]])): -1 with a
   TypeError when this is not a Date */
static int js_date_this_time(JSContext *ctx, double *pt, JSValueConst this_val)
{
    if (!js_is_date(this_val)) {
        JS_ThrowTypeError(ctx, "this is not a Date object");
        return -1;
    }
    *pt = js_value_to_double(js_obj(this_val)->u.object_data);
    return 0;
}

static JSValue js_date_set_time_value(JSContext *ctx, JSValueConst obj, double t)
{
    JSValue v = JS_NewNumber(ctx, t);
    js_obj(obj)->u.object_data = v;
    return v;
}

/* the current time in ms since the epoch (a time value) */
static double js_date_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)(ts.tv_nsec / 1000000);
}

/* ---------------------------------------------------------------------
 * Formatting
 * ------------------------------------------------------------------- */
enum {
    JS_DATE_FMT_STRING,      /* toString */
    JS_DATE_FMT_DATE,        /* toDateString */
    JS_DATE_FMT_TIME,        /* toTimeString */
    JS_DATE_FMT_UTC,         /* toUTCString */
    JS_DATE_FMT_ISO,         /* toISOString */
    JS_DATE_FMT_LOCALE,      /* toLocaleString */
    JS_DATE_FMT_LOCALE_DATE, /* toLocaleDateString */
    JS_DATE_FMT_LOCALE_TIME, /* toLocaleTimeString */
};

/* a year as DateString writes it: "-" for negative years, then at least
   four digits */
static int js_date_put_year(char *buf, size_t size, double year)
{
    return snprintf(buf, size, "%s%04lld", year < 0 ? "-" : "", (long long)fabs(year));
}

/* DateString(t): "Tue Mar 01 2022" */
static int js_date_put_date(char *buf, size_t size, const double *f, int wday)
{
    int n = snprintf(buf, size, "%s %s %02d ", js_date_day_names[wday],
                     js_date_month_names[(int)f[JS_DATE_MONTH]], (int)f[JS_DATE_DAY]);
    return n + js_date_put_year(buf + n, size - n, f[JS_DATE_YEAR]);
}

/* TimeString(t) without " GMT": "10:00:00" */
static int js_date_put_time(char *buf, size_t size, const double *f)
{
    return snprintf(buf, size, "%02d:%02d:%02d", (int)f[JS_DATE_HOURS], (int)f[JS_DATE_MINUTES],
                    (int)f[JS_DATE_SECONDS]);
}

/* TimeZoneString(tv): " GMT-0500 (Eastern Standard Time)" */
static int js_date_put_zone(char *buf, size_t size, double tv)
{
    struct tm tm;
    char name[64];
    int offset_min = 0, a;
    if (js_date_localtime(tv, &tm))
        offset_min = (int)(tm.tm_gmtoff / 60);
    else
        memset(&tm, 0, sizeof(tm));
    a = offset_min < 0 ? -offset_min : offset_min;
    js_date_zone_name_at(name, sizeof(name), &tm, offset_min);
    return snprintf(buf, size, " GMT%c%02d%02d (%s)", offset_min < 0 ? '-' : '+', a / 60, a % 60,
                    name);
}

static int js_date_put_iso(char *buf, size_t size, const double *f)
{
    double y = f[JS_DATE_YEAR];
    int n;
    if (y >= 0 && y <= 9999)
        n = snprintf(buf, size, "%04d", (int)y);
    else
        n = snprintf(buf, size, "%c%06lld", y < 0 ? '-' : '+', (long long)fabs(y));
    return n + snprintf(buf + n, size - n, "-%02d-%02dT%02d:%02d:%02d.%03dZ",
                        (int)f[JS_DATE_MONTH] + 1, (int)f[JS_DATE_DAY], (int)f[JS_DATE_HOURS],
                        (int)f[JS_DATE_MINUTES], (int)f[JS_DATE_SECONDS], (int)f[JS_DATE_MS]);
}

/* the fixed en-US forms "3/1/2022" and "10:00:00 AM" */
static int js_date_put_locale_date(char *buf, size_t size, const double *f)
{
    double y = f[JS_DATE_YEAR];
    return snprintf(buf, size, "%d/%d/%lld", (int)f[JS_DATE_MONTH] + 1, (int)f[JS_DATE_DAY],
                    (long long)(y <= 0 ? 1 - y : y));
}

static int js_date_put_locale_time(char *buf, size_t size, const double *f)
{
    int h = (int)f[JS_DATE_HOURS];
    return snprintf(buf, size, "%d:%02d:%02d %s", h % 12 == 0 ? 12 : h % 12,
                    (int)f[JS_DATE_MINUTES], (int)f[JS_DATE_SECONDS], h < 12 ? "AM" : "PM");
}

/* the string of time value tv (not NaN) in one of the JS_DATE_FMT_ forms */
static JSValue js_date_format(JSContext *ctx, double tv, int fmt)
{
    char buf[160];
    double f[JS_DATE_FIELD_COUNT];
    int wday, n = 0;
    size_t size = sizeof(buf);
    bool utc = fmt == JS_DATE_FMT_UTC || fmt == JS_DATE_FMT_ISO;
    if (!utc)
        js_date_sync_zone(ctx);
    js_date_split(utc ? tv : js_date_local_time(tv), f, &wday);
    switch (fmt) {
    case JS_DATE_FMT_STRING:
        n = js_date_put_date(buf, size, f, wday);
        buf[n++] = ' ';
        /* fall through */
    case JS_DATE_FMT_TIME:
        n += js_date_put_time(buf + n, size - n, f);
        n += js_date_put_zone(buf + n, size - n, tv);
        break;
    case JS_DATE_FMT_DATE:
        n = js_date_put_date(buf, size, f, wday);
        break;
    case JS_DATE_FMT_UTC:
        n = snprintf(buf, size, "%s, %02d %s ", js_date_day_names[wday], (int)f[JS_DATE_DAY],
                     js_date_month_names[(int)f[JS_DATE_MONTH]]);
        n += js_date_put_year(buf + n, size - n, f[JS_DATE_YEAR]);
        buf[n++] = ' ';
        n += js_date_put_time(buf + n, size - n, f);
        n += snprintf(buf + n, size - n, " GMT");
        break;
    case JS_DATE_FMT_ISO:
        n = js_date_put_iso(buf, size, f);
        break;
    case JS_DATE_FMT_LOCALE:
        n = js_date_put_locale_date(buf, size, f);
        n += snprintf(buf + n, size - n, ", ");
        n += js_date_put_locale_time(buf + n, size - n, f);
        break;
    case JS_DATE_FMT_LOCALE_DATE:
        n = js_date_put_locale_date(buf, size, f);
        break;
    case JS_DATE_FMT_LOCALE_TIME:
        n = js_date_put_locale_time(buf, size, f);
        break;
    }
    return js_new_string8_len(ctx, buf, (uint32_t)n);
}

/* ToDateString(tv) */
static JSValue js_date_to_date_string(JSContext *ctx, double tv)
{
    if (isnan(tv))
        return js_new_string8(ctx, "Invalid Date");
    return js_date_format(ctx, tv, JS_DATE_FMT_STRING);
}

/* ---------------------------------------------------------------------
 * Date.parse
 * ------------------------------------------------------------------- */
typedef struct JSDateParser {
    const JSString *str;
    uint32_t pos;
    uint32_t len;
} JSDateParser;

/* the code unit at pos + off, or -1 past the end */
static int js_date_peek(const JSDateParser *s, uint32_t off)
{
    uint32_t i = s->pos + off;
    return i < s->len ? string_get(s->str, i) : -1;
}

static bool js_date_is_digit(int c) { return c >= '0' && c <= '9'; }

static bool js_date_is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* exactly n digits */
static bool js_date_get_digits(JSDateParser *s, int n, int *pv)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        int c = js_date_peek(s, i);
        if (!js_date_is_digit(c))
            return false;
        v = v * 10 + (c - '0');
    }
    s->pos += n;
    *pv = v;
    return true;
}

static bool js_date_match_char(JSDateParser *s, int c)
{
    if (js_date_peek(s, 0) != c)
        return false;
    s->pos++;
    return true;
}

/* a fraction of a second after the '.': one or more digits, of which the
   first three count (as in V8) */
static bool js_date_get_fraction(JSDateParser *s, double *pms)
{
    int n = 0, ms = 0;
    while (js_date_is_digit(js_date_peek(s, 0))) {
        if (n < 3)
            ms = ms * 10 + (js_date_peek(s, 0) - '0');
        n++;
        s->pos++;
    }
    if (n == 0)
        return false;
    for (int i = n; i < 3; i++)
        ms *= 10;
    *pms = ms;
    return true;
}

/* the ISO year: four digits, or a sign and six (-000000 is not a year) */
static bool js_date_iso_year(JSDateParser *s, double *py)
{
    int c = js_date_peek(s, 0), y;
    if (c == '+' || c == '-') {
        s->pos++;
        if (!js_date_get_digits(s, 6, &y) || (c == '-' && y == 0))
            return false;
        *py = c == '-' ? -y : y;
        return true;
    }
    if (!js_date_get_digits(s, 4, &y))
        return false;
    *py = y;
    return true;
}

/* the time after 'T': HH:mm[:ss[.sss]], 24:00 only as the end of a day */
static bool js_date_iso_time(JSDateParser *s, double *f)
{
    int h, m, sec = 0;
    if (!js_date_get_digits(s, 2, &h) || !js_date_match_char(s, ':') ||
        !js_date_get_digits(s, 2, &m))
        return false;
    if (js_date_match_char(s, ':')) {
        if (!js_date_get_digits(s, 2, &sec))
            return false;
        if (js_date_match_char(s, '.') && !js_date_get_fraction(s, &f[JS_DATE_MS]))
            return false;
    }
    if (h > 24 || m > 59 || sec > 59 || (h == 24 && (m || sec || f[JS_DATE_MS])))
        return false;
    f[JS_DATE_HOURS] = h;
    f[JS_DATE_MINUTES] = m;
    f[JS_DATE_SECONDS] = sec;
    return true;
}

/* the offset after the time: Z, ±HH:mm or ±HHmm; *has_offset stays false
   when there is none (local time). Minutes east of UTC in *poff. */
static bool js_date_iso_offset(JSDateParser *s, bool *has_offset, int *poff)
{
    int c = js_date_peek(s, 0), h, m;
    if (c == 'Z' || c == 'z') {
        s->pos++;
        *has_offset = true;
        *poff = 0;
        return true;
    }
    if (c != '+' && c != '-')
        return true;
    s->pos++;
    if (!js_date_get_digits(s, 2, &h))
        return false;
    js_date_match_char(s, ':');
    if (!js_date_get_digits(s, 2, &m) || h > 23 || m > 59)
        return false;
    *has_offset = true;
    *poff = (c == '-' ? -1 : 1) * (h * 60 + m);
    return true;
}

/* the Date Time String Format (§21.4.1.32); false when s is not in it */
static bool js_date_parse_iso(JSDateParser *s, double *ptv)
{
    double f[JS_DATE_FIELD_COUNT] = {0, 0, 1, 0, 0, 0, 0};
    bool has_time = false, has_offset = false;
    int month, day, off = 0, c;
    double t;
    if (!js_date_iso_year(s, &f[JS_DATE_YEAR]))
        return false;
    if (js_date_match_char(s, '-')) {
        if (!js_date_get_digits(s, 2, &month) || month < 1 || month > 12)
            return false;
        f[JS_DATE_MONTH] = month - 1;
        if (js_date_match_char(s, '-')) {
            /* days past the end of a short month roll over, as in V8 */
            if (!js_date_get_digits(s, 2, &day) || day < 1 || day > 31)
                return false;
            f[JS_DATE_DAY] = day;
        }
    }
    c = js_date_peek(s, 0);
    if (c == 'T' || c == 't') {
        s->pos++;
        if (!js_date_iso_time(s, f) || !js_date_iso_offset(s, &has_offset, &off))
            return false;
        has_time = true;
    }
    if (s->pos != s->len)
        return false;
    t = js_date_from_fields(f);
    /* date-only forms are UTC; date-time forms without an offset local */
    if (has_offset)
        t -= off * 60000.0;
    else if (has_time)
        t = js_date_utc(t);
    *ptv = js_date_time_clip(t);
    return true;
}

/* the state of the legacy parser */
typedef struct JSDateLegacy {
    double num[3];    /* numeric date components, in order of appearance */
    int num_digits[3];
    bool num_signed[3];
    int num_count;
    int month;        /* a month given by name, 1..12, or 0 */
    double f[JS_DATE_FIELD_COUNT];
    bool has_time;
    int ampm;         /* -1 none, 0 AM, 12 PM */
    bool has_tz;
    int tz;           /* minutes east of UTC */
    bool after_tz_word; /* "GMT" just read: a signed number is its offset */
} JSDateLegacy;

/* an unsigned decimal number (at most 9 significant digits are kept,
   which no valid date needs more of) */
static int js_date_get_number(JSDateParser *s, double *pv)
{
    int n = 0;
    double v = 0;
    while (js_date_is_digit(js_date_peek(s, 0))) {
        if (n < 9)
            v = v * 10 + (js_date_peek(s, 0) - '0');
        n++;
        s->pos++;
    }
    *pv = n > 9 ? INFINITY : v;
    return n;
}

/* the time starting with hour h (its ':' read): mm[:ss[.fff|:ms]] */
static bool js_date_legacy_time(JSDateParser *s, JSDateLegacy *d, double h)
{
    double m, sec = 0, ms = 0;
    if (d->has_time || !js_date_get_number(s, &m))
        return false;
    if (js_date_match_char(s, ':')) {
        if (!js_date_get_number(s, &sec))
            return false;
        if (js_date_match_char(s, '.')) {
            if (!js_date_get_fraction(s, &ms))
                return false;
        } else if (js_date_match_char(s, ':')) {
            if (!js_date_get_number(s, &ms) || ms > 999)
                return false;
        }
    }
    d->has_time = true;
    d->f[JS_DATE_HOURS] = h;
    d->f[JS_DATE_MINUTES] = m;
    d->f[JS_DATE_SECONDS] = sec;
    d->f[JS_DATE_MS] = ms;
    return true;
}

/* a signed UTC offset after its sign: ±h, ±hh, ±hhmm or ±hh:mm */
static bool js_date_legacy_offset(JSDateParser *s, JSDateLegacy *d, int sign)
{
    double v, m = 0;
    int n = js_date_get_number(s, &v);
    if (n == 0)
        return false;
    if (js_date_match_char(s, ':')) {
        if (n > 2 || js_date_get_number(s, &m) != 2)
            return false;
    } else if (n > 2) {
        m = fmod(v, 100);
        v = floor(v / 100);
    }
    if (v > 23 || m > 59)
        return false;
    d->tz = (d->has_tz ? d->tz : 0) + sign * (int)(v * 60 + m);
    d->has_tz = true;
    d->after_tz_word = false;
    return true;
}

static bool js_date_legacy_push(JSDateLegacy *d, double v, int digits, bool is_signed)
{
    if (d->num_count == 3)
        return false;
    d->num[d->num_count] = v;
    d->num_digits[d->num_count] = digits;
    d->num_signed[d->num_count] = is_signed;
    d->num_count++;
    return true;
}

/* a number (the cursor on its first digit) */
static bool js_date_legacy_number(JSDateParser *s, JSDateLegacy *d)
{
    double v;
    int n = js_date_get_number(s, &v);
    int c = js_date_peek(s, 0);
    if (c == ':') {
        s->pos++;
        return js_date_legacy_time(s, d, v);
    }
    /* "2022/03/01", "2022-03-01", "2020.02.20", "01-Jan-2000" */
    if (c == '/' || c == '-' || (c == '.' && js_date_is_digit(js_date_peek(s, 1))))
        s->pos++;
    return js_date_legacy_push(d, v, n, false);
}

/* a sign before digits: an offset after a time or a zone name, else a
   signed year ("Jul 01 -0001" as toString writes year -1) */
static bool js_date_legacy_signed(JSDateParser *s, JSDateLegacy *d, int sign)
{
    double v;
    int n;
    if (d->has_time || d->after_tz_word)
        return js_date_legacy_offset(s, d, sign);
    n = js_date_get_number(s, &v);
    if (v == 0 && sign < 0)
        return false; /* as in the ISO format, there is no year -0 */
    return js_date_legacy_push(d, sign * v, n, true);
}

/* the fixed offsets of the North American zone names of RFC 2822 */
static const struct {
    char name[4];
    int8_t hours;
} js_date_legacy_zones[] = {
    {"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"est", -5}, {"edt", -4},
    {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
};

static const char js_date_month_lower[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
static const char js_date_day_lower[7][4] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

/* a word: a month or day name (three letters at least, any prefix of the
   full name is not checked beyond them), AM/PM or a zone name. Unknown
   words are ignored before the first number (so "Today: 3/1/2022" parses)
   and rejected after it. */
static bool js_date_legacy_word(JSDateParser *s, JSDateLegacy *d)
{
    char w[4];
    int n = 0;
    while (js_date_is_alpha(js_date_peek(s, 0))) {
        if (n < 3)
            w[n] = (char)(js_date_peek(s, 0) | 0x20);
        n++;
        s->pos++;
    }
    w[n < 3 ? n : 3] = '\0';
    if (n == 2 && (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0)) {
        if (d->ampm >= 0)
            return false;
        d->ampm = w[0] == 'a' ? 0 : 12;
        return true;
    }
    if (n <= 3) {
        for (size_t i = 0; i < countof(js_date_legacy_zones); i++) {
            if (strcmp(w, js_date_legacy_zones[i].name) == 0) {
                if (d->has_tz)
                    return false;
                d->has_tz = true;
                d->tz = js_date_legacy_zones[i].hours * 60;
                d->after_tz_word = true;
                return true;
            }
        }
    }
    if (n >= 3) {
        for (int i = 0; i < 12; i++) {
            if (strcmp(w, js_date_month_lower[i]) == 0) {
                if (d->month)
                    return false;
                d->month = i + 1;
                return true;
            }
        }
        for (int i = 0; i < 7; i++) {
            if (strcmp(w, js_date_day_lower[i]) == 0)
                return true;
        }
    }
    return d->num_count == 0 && !d->has_time;
}

/* skips a parenthesized comment (nested parentheses allowed) */
static void js_date_skip_comment(JSDateParser *s)
{
    int depth = 0;
    while (s->pos < s->len) {
        int c = js_date_peek(s, 0);
        s->pos++;
        if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0)
            return;
    }
}

/* the year, month and day from the components read; false when they do
   not make a date. A component written with a sign, with three digits or
   more, or above 31 is a year; two-digit years are 1950 .. 2049. */
static bool js_date_legacy_ymd(JSDateLegacy *d)
{
    int yi, mi, di;
#define IS_YEAR(i) (d->num_signed[i] || d->num_digits[i] >= 3 || d->num[i] > 31)
    if (d->month) {
        if (d->num_count == 1 && IS_YEAR(0)) {
            d->f[JS_DATE_DAY] = 1;
            yi = 0;
        } else if (d->num_count == 2) {
            yi = IS_YEAR(0) ? 0 : 1;
            d->f[JS_DATE_DAY] = d->num[1 - yi];
        } else {
            return false;
        }
        d->f[JS_DATE_MONTH] = d->month;
    } else {
        if (d->num_count != 3)
            return false;
        if (IS_YEAR(0)) {
            yi = 0, mi = 1, di = 2;
        } else {
            mi = 0, di = 1, yi = 2;
        }
        d->f[JS_DATE_MONTH] = d->num[mi];
        d->f[JS_DATE_DAY] = d->num[di];
    }
#undef IS_YEAR
    d->f[JS_DATE_YEAR] = d->num[yi];
    if (!d->num_signed[yi] && d->num_digits[yi] <= 2)
        d->f[JS_DATE_YEAR] += d->num[yi] < 50 ? 2000 : 1900;
    if (d->f[JS_DATE_MONTH] < 1 || d->f[JS_DATE_MONTH] > 12 || d->f[JS_DATE_DAY] < 1 ||
        d->f[JS_DATE_DAY] > 31)
        return false;
    d->f[JS_DATE_MONTH] -= 1;
    return true;
}

/* validates the time read (and applies AM/PM) */
static bool js_date_legacy_hms(JSDateLegacy *d)
{
    double *f = d->f;
    if (d->ampm >= 0) {
        if (f[JS_DATE_HOURS] > 12)
            return false;
        f[JS_DATE_HOURS] = fmod(f[JS_DATE_HOURS], 12) + d->ampm;
    }
    if (f[JS_DATE_MINUTES] > 59 || f[JS_DATE_SECONDS] > 59 || f[JS_DATE_HOURS] > 24)
        return false;
    return f[JS_DATE_HOURS] < 24 ||
           (f[JS_DATE_MINUTES] == 0 && f[JS_DATE_SECONDS] == 0 && f[JS_DATE_MS] == 0);
}

/* whether the '+' or '-' under the cursor is a sign rather than a
   separator ("Mar-1-2022"): it is after a space, a zone name or a time */
static bool js_date_legacy_is_sign(const JSDateParser *s, const JSDateLegacy *d)
{
    int prev = s->pos > 0 ? string_get(s->str, s->pos - 1) : ' ';
    if (d->after_tz_word || (d->has_time && js_date_is_digit(prev)))
        return true;
    return !js_date_is_alpha(prev) && !js_date_is_digit(prev);
}

/* The legacy forms: whitespace- and comma-separated tokens in any order.
   Numbers followed by ':' start a time, other numbers are date components
   (month/day/year, or year/month/day when the first is a year), words are
   month and day names, AM/PM and zone names (UTC, GMT, Z, EST ... PDT),
   a signed number after a time or zone name is an offset ("GMT+0100",
   "-05:00"), parentheses hold comments. Without a zone the time is local. */
static double js_date_parse_legacy(JSDateParser *s)
{
    JSDateLegacy d;
    double t;
    memset(&d, 0, sizeof(d));
    d.ampm = -1;
    while (s->pos < s->len) {
        int c = js_date_peek(s, 0);
        bool ok = true;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
            s->pos++;
            continue;
        }
        if (c == '(') {
            js_date_skip_comment(s);
            continue;
        }
        if (js_date_is_digit(c)) {
            ok = js_date_legacy_number(s, &d);
            d.after_tz_word = false;
        } else if ((c == '+' || c == '-') && js_date_is_digit(js_date_peek(s, 1)) &&
                   js_date_legacy_is_sign(s, &d)) {
            s->pos++;
            ok = js_date_legacy_signed(s, &d, c == '-' ? -1 : 1);
        } else if (js_date_is_alpha(c)) {
            ok = js_date_legacy_word(s, &d);
        } else if (c == '-' || c == '/') {
            s->pos++; /* "Jan-2000", "Mar-1-2022" */
        } else {
            ok = false;
        }
        if (!ok)
            return NAN;
    }
    if (!js_date_legacy_ymd(&d) || !js_date_legacy_hms(&d))
        return NAN;
    t = js_date_from_fields(d.f);
    t = d.has_tz ? t - d.tz * 60000.0 : js_date_utc(t);
    return js_date_time_clip(t);
}

/* Date.parse on a flat string */
static double js_date_parse_string(const JSString *p)
{
    JSDateParser s = {p, 0, p->len};
    double tv;
    if (js_date_parse_iso(&s, &tv))
        return tv;
    s.pos = 0;
    return js_date_parse_legacy(&s);
}

/* ---------------------------------------------------------------------
 * The constructor and its functions
 * ------------------------------------------------------------------- */
/* ToNumber of the first n arguments, in order, into vals (absent ones are
   left as they are: the caller's defaults) */
static int js_date_get_args(JSContext *ctx, double *vals, int n, int argc, JSValueConst *argv)
{
    for (int i = 0; i < n && i < argc; i++) {
        if (JS_ToFloat64(ctx, &vals[i], argv[i]) < 0)
            return -1;
    }
    return 0;
}

/* the time value of the year, month[, date, hours, minutes, seconds, ms]
   arguments of the constructor and Date.UTC, before UTC()/TimeClip */
static int js_date_from_args(JSContext *ctx, double *pt, int argc, JSValueConst *argv)
{
    double f[JS_DATE_FIELD_COUNT] = {NAN, 0, 1, 0, 0, 0, 0};
    if (js_date_get_args(ctx, f, JS_DATE_FIELD_COUNT, argc < 1 ? 1 : argc, argv) < 0)
        return -1;
    f[JS_DATE_YEAR] = js_date_make_full_year(f[JS_DATE_YEAR]);
    *pt = js_date_from_fields(f);
    return 0;
}

/* the time value of new Date(value) */
static int js_date_from_value(JSContext *ctx, double *pt, JSValueConst value)
{
    JSValue v;
    if (js_is_date(value)) {
        *pt = js_value_to_double(js_obj(value)->u.object_data);
        return 0;
    }
    v = JS_ToPrimitive(ctx, value, HINT_NONE);
    if (JS_IsException(v))
        return -1;
    if (JS_IsString(v)) {
        JSString *p = js_get_flat_string(ctx, v);
        if (!p) {
            JS_FreeValue(ctx, v);
            return -1;
        }
        *pt = js_date_parse_string(p);
        JS_FreeValue(ctx, v);
        return 0;
    }
    return JS_ToFloat64Free(ctx, pt, v);
}

static JSValue js_date_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                   JSValueConst *argv)
{
    double tv;
    JSValue obj;
    if (JS_IsUndefined(new_target))
        return js_date_to_date_string(ctx, js_date_now_ms());
    js_date_sync_zone(ctx);
    if (argc == 0) {
        tv = js_date_now_ms();
    } else if (argc == 1) {
        if (js_date_from_value(ctx, &tv, argv[0]) < 0)
            return JS_EXCEPTION;
    } else {
        if (js_date_from_args(ctx, &tv, argc, argv) < 0)
            return JS_EXCEPTION;
        tv = js_date_utc(tv);
    }
    tv = js_date_time_clip(tv);
    obj = js_create_from_ctor(ctx, new_target, JS_CLASS_DATE);
    if (!JS_IsException(obj))
        js_obj(obj)->u.object_data = JS_NewNumber(ctx, tv);
    return obj;
}

static JSValue js_date_UTC(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double t;
    if (js_date_from_args(ctx, &t, argc, argv) < 0)
        return JS_EXCEPTION;
    return JS_NewNumber(ctx, js_date_time_clip(t));
}

static JSValue js_date_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_NewNumber(ctx, js_date_now_ms());
}

static JSValue js_date_parse(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue str = JS_ToString(ctx, argv[0]);
    double tv;
    if (JS_IsException(str))
        return str;
    js_date_sync_zone(ctx);
    tv = js_date_parse_string(JS_VALUE_GET_STRING(str));
    JS_FreeValue(ctx, str);
    return JS_NewNumber(ctx, tv);
}

/* ---------------------------------------------------------------------
 * Getters: magic is the field (JS_DATE_YEAR .. JS_DATE_TZ_OFFSET), plus
 * JS_DATE_LOCAL for the local-time variants
 * ------------------------------------------------------------------- */
#define JS_DATE_LOCAL 0x100

static JSValue js_date_get_field(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic)
{
    double t, f[JS_DATE_FIELD_COUNT];
    int field = magic & 0xff, wday;
    if (js_date_this_time(ctx, &t, this_val) < 0)
        return JS_EXCEPTION;
    if (isnan(t))
        return JS_NewFloat64(ctx, NAN);
    if ((magic & JS_DATE_LOCAL) || field == JS_DATE_TZ_OFFSET)
        js_date_sync_zone(ctx);
    if (field == JS_DATE_TZ_OFFSET) /* written as the spec does: never -0 */
        return JS_NewNumber(ctx, (t - js_date_local_time(t)) / 60000.0);
    js_date_split((magic & JS_DATE_LOCAL) ? js_date_local_time(t) : t, f, &wday);
    if (field == JS_DATE_WEEKDAY)
        return JS_NewInt32(ctx, wday);
    if (field == JS_DATE_YEAR_1900)
        return JS_NewNumber(ctx, f[JS_DATE_YEAR] - 1900);
    return JS_NewNumber(ctx, f[field]);
}

static JSValue js_date_get_time(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    double t;
    if (js_date_this_time(ctx, &t, this_val) < 0)
        return JS_EXCEPTION;
    return JS_NewNumber(ctx, t);
}

/* ---------------------------------------------------------------------
 * Setters. magic: the first field set | (the number of fields the method
 * takes << 4) | JS_DATE_LOCAL. The time value is read before the
 * arguments are converted (a valueOf may change it: the value read first
 * is the one used), every argument present is converted even when the
 * date is invalid, and then only setFullYear/setUTCFullYear revive an
 * invalid date (from +0).
 * ------------------------------------------------------------------- */
static JSValue js_date_set_fields(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv, int magic)
{
    int first = magic & 0xf, count = (magic >> 4) & 0xf;
    bool local = (magic & JS_DATE_LOCAL) != 0;
    double t, vals[4], f[JS_DATE_FIELD_COUNT];
    if (js_date_this_time(ctx, &t, this_val) < 0)
        return JS_EXCEPTION;
    vals[0] = NAN; /* the first argument is converted even when absent */
    if (js_date_get_args(ctx, vals, count, argc < 1 ? 1 : argc, argv) < 0)
        return JS_EXCEPTION;
    if (local)
        js_date_sync_zone(ctx);
    if (isnan(t)) {
        if (first != JS_DATE_YEAR)
            return JS_NewFloat64(ctx, NAN);
        t = 0;
    } else if (local) {
        t = js_date_local_time(t);
    }
    js_date_split(t, f, NULL);
    for (int i = 0; i < count && i < (argc < 1 ? 1 : argc); i++)
        f[first + i] = vals[i];
    t = js_date_from_fields(f);
    if (local)
        t = js_date_utc(t);
    return js_date_set_time_value(ctx, this_val, js_date_time_clip(t));
}

static JSValue js_date_set_time(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    double t, v;
    if (js_date_this_time(ctx, &t, this_val) < 0 || JS_ToFloat64(ctx, &v, argv[0]) < 0)
        return JS_EXCEPTION;
    return js_date_set_time_value(ctx, this_val, js_date_time_clip(v));
}

/* Annex B setYear: two-digit years are 19xx; NaN makes the date invalid */
static JSValue js_date_set_year(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    double t, y, f[JS_DATE_FIELD_COUNT];
    if (js_date_this_time(ctx, &t, this_val) < 0 || JS_ToFloat64(ctx, &y, argv[0]) < 0)
        return JS_EXCEPTION;
    js_date_sync_zone(ctx);
    t = isnan(t) ? 0 : js_date_local_time(t);
    y = js_date_make_full_year(y);
    if (isnan(y))
        return js_date_set_time_value(ctx, this_val, NAN);
    js_date_split(t, f, NULL);
    f[JS_DATE_YEAR] = y;
    t = js_date_utc(js_date_from_fields(f));
    return js_date_set_time_value(ctx, this_val, js_date_time_clip(t));
}

/* ---------------------------------------------------------------------
 * Conversions to strings and primitives
 * ------------------------------------------------------------------- */
/* toString, toDateString, ... (magic: JS_DATE_FMT_*) */
static JSValue js_date_to_string_fmt(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv, int magic)
{
    double t;
    if (js_date_this_time(ctx, &t, this_val) < 0)
        return JS_EXCEPTION;
    if (isnan(t)) {
        if (magic == JS_DATE_FMT_ISO)
            return JS_ThrowRangeError(ctx, "Invalid time value");
        return js_new_string8(ctx, "Invalid Date");
    }
    return js_date_format(ctx, t, magic);
}

static JSValue js_date_to_json(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv)
{
    JSValue obj = JS_ToObject(ctx, this_val), tv;
    if (JS_IsException(obj))
        return obj;
    tv = JS_ToPrimitive(ctx, obj, HINT_NUMBER);
    if (JS_IsException(tv)) {
        JS_FreeValue(ctx, obj);
        return tv;
    }
    if (JS_IsNumber(tv) && !isfinite(js_value_to_double(tv))) {
        JS_FreeValue(ctx, obj);
        return JS_NULL;
    }
    JS_FreeValue(ctx, tv);
    return JS_InvokeFree(ctx, obj, JS_ATOM_toISOString, 0, NULL);
}

/* OrdinaryToPrimitive(obj, hint) */
static JSValue js_date_ordinary_to_primitive(JSContext *ctx, JSValueConst obj, bool string_first)
{
    JSAtom order[2] = {JS_ATOM_valueOf, JS_ATOM_toString};
    if (string_first) {
        order[0] = JS_ATOM_toString;
        order[1] = JS_ATOM_valueOf;
    }
    for (int i = 0; i < 2; i++) {
        JSValue method = JS_GetProperty(ctx, obj, order[i]), res;
        if (JS_IsException(method))
            return method;
        if (!JS_IsFunction(ctx, method)) {
            JS_FreeValue(ctx, method);
            continue;
        }
        res = JS_CallFree(ctx, method, obj, 0, NULL);
        if (!JS_IsObject(res))
            return res; /* a primitive, or JS_EXCEPTION */
        JS_FreeValue(ctx, res);
    }
    return JS_ThrowTypeError(ctx, "cannot convert Date to a primitive value");
}

/* Date.prototype[Symbol.toPrimitive](hint): "default" means "string" */
static JSValue js_date_to_primitive(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    JSString *hint;
    if (!JS_IsObject(this_val))
        return js_throw_type_error_not_object(ctx);
    if (!JS_IsString(argv[0]))
        goto bad_hint;
    hint = js_get_flat_string(ctx, argv[0]);
    if (!hint)
        return JS_EXCEPTION;
    if (js_string_eq_cstr(hint, "string") || js_string_eq_cstr(hint, "default"))
        return js_date_ordinary_to_primitive(ctx, this_val, true);
    if (js_string_eq_cstr(hint, "number"))
        return js_date_ordinary_to_primitive(ctx, this_val, false);
bad_hint:
    return JS_ThrowTypeError(ctx, "invalid hint for Date.prototype[Symbol.toPrimitive]");
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
#define JS_DATE_SETTER(name, first, count)                                                 \
    JS_CFUNC_MAGIC_DEF(name, count, js_date_set_fields,                                    \
                       (first) | ((count) << 4) | JS_DATE_LOCAL)
#define JS_DATE_SETTER_UTC(name, first, count) \
    JS_CFUNC_MAGIC_DEF(name, count, js_date_set_fields, (first) | ((count) << 4))

static const JSCFunctionListEntry js_date_funcs[] = {
    JS_CFUNC_DEF("now", 0, js_date_now),
    JS_CFUNC_DEF("parse", 1, js_date_parse),
    JS_CFUNC_DEF("UTC", 7, js_date_UTC),
};

static const JSCFunctionListEntry js_date_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("toString", 0, js_date_to_string_fmt, JS_DATE_FMT_STRING),
    JS_CFUNC_MAGIC_DEF("toDateString", 0, js_date_to_string_fmt, JS_DATE_FMT_DATE),
    JS_CFUNC_MAGIC_DEF("toTimeString", 0, js_date_to_string_fmt, JS_DATE_FMT_TIME),
    JS_CFUNC_MAGIC_DEF("toISOString", 0, js_date_to_string_fmt, JS_DATE_FMT_ISO),
    JS_CFUNC_MAGIC_DEF("toUTCString", 0, js_date_to_string_fmt, JS_DATE_FMT_UTC),
    JS_ALIAS_DEF("toGMTString", "toUTCString"),
    JS_CFUNC_MAGIC_DEF("toLocaleString", 0, js_date_to_string_fmt, JS_DATE_FMT_LOCALE),
    JS_CFUNC_MAGIC_DEF("toLocaleDateString", 0, js_date_to_string_fmt, JS_DATE_FMT_LOCALE_DATE),
    JS_CFUNC_MAGIC_DEF("toLocaleTimeString", 0, js_date_to_string_fmt, JS_DATE_FMT_LOCALE_TIME),
    JS_CFUNC_DEF("toJSON", 1, js_date_to_json),
    JS_CFUNC_DEF("valueOf", 0, js_date_get_time),
    JS_CFUNC_DEF("getTime", 0, js_date_get_time),
    JS_CFUNC_MAGIC_DEF("getTimezoneOffset", 0, js_date_get_field, JS_DATE_TZ_OFFSET),
    JS_CFUNC_MAGIC_DEF("getYear", 0, js_date_get_field, JS_DATE_YEAR_1900 | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getFullYear", 0, js_date_get_field, JS_DATE_YEAR | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getUTCFullYear", 0, js_date_get_field, JS_DATE_YEAR),
    JS_CFUNC_MAGIC_DEF("getMonth", 0, js_date_get_field, JS_DATE_MONTH | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getUTCMonth", 0, js_date_get_field, JS_DATE_MONTH),
    JS_CFUNC_MAGIC_DEF("getDate", 0, js_date_get_field, JS_DATE_DAY | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getUTCDate", 0, js_date_get_field, JS_DATE_DAY),
    JS_CFUNC_MAGIC_DEF("getDay", 0, js_date_get_field, JS_DATE_WEEKDAY | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getUTCDay", 0, js_date_get_field, JS_DATE_WEEKDAY),
    JS_CFUNC_MAGIC_DEF("getHours", 0, js_date_get_field, JS_DATE_HOURS | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getUTCHours", 0, js_date_get_field, JS_DATE_HOURS),
    JS_CFUNC_MAGIC_DEF("getMinutes", 0, js_date_get_field, JS_DATE_MINUTES | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getUTCMinutes", 0, js_date_get_field, JS_DATE_MINUTES),
    JS_CFUNC_MAGIC_DEF("getSeconds", 0, js_date_get_field, JS_DATE_SECONDS | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getUTCSeconds", 0, js_date_get_field, JS_DATE_SECONDS),
    JS_CFUNC_MAGIC_DEF("getMilliseconds", 0, js_date_get_field, JS_DATE_MS | JS_DATE_LOCAL),
    JS_CFUNC_MAGIC_DEF("getUTCMilliseconds", 0, js_date_get_field, JS_DATE_MS),
    JS_CFUNC_DEF("setTime", 1, js_date_set_time),
    JS_CFUNC_DEF("setYear", 1, js_date_set_year),
    JS_DATE_SETTER("setFullYear", JS_DATE_YEAR, 3),
    JS_DATE_SETTER_UTC("setUTCFullYear", JS_DATE_YEAR, 3),
    JS_DATE_SETTER("setMonth", JS_DATE_MONTH, 2),
    JS_DATE_SETTER_UTC("setUTCMonth", JS_DATE_MONTH, 2),
    JS_DATE_SETTER("setDate", JS_DATE_DAY, 1),
    JS_DATE_SETTER_UTC("setUTCDate", JS_DATE_DAY, 1),
    JS_DATE_SETTER("setHours", JS_DATE_HOURS, 4),
    JS_DATE_SETTER_UTC("setUTCHours", JS_DATE_HOURS, 4),
    JS_DATE_SETTER("setMinutes", JS_DATE_MINUTES, 3),
    JS_DATE_SETTER_UTC("setUTCMinutes", JS_DATE_MINUTES, 3),
    JS_DATE_SETTER("setSeconds", JS_DATE_SECONDS, 2),
    JS_DATE_SETTER_UTC("setUTCSeconds", JS_DATE_SECONDS, 2),
    JS_DATE_SETTER("setMilliseconds", JS_DATE_MS, 1),
    JS_DATE_SETTER_UTC("setUTCMilliseconds", JS_DATE_MS, 1),
    /* writable: false, as §21.4.4.45 specifies */
    {"[Symbol.toPrimitive]", JS_PROP_CONFIGURABLE, JS_DEF_CFUNC, 0,
     .u = {.func = {1, JS_CFUNC_generic, {.generic = js_date_to_primitive}}}},
};

int js_init_date(JSContext *ctx)
{
    JSValue proto, ctor;
    int ret;
    /* Date.prototype is an ordinary object, not a Date */
    proto = JS_NewObjectProto(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
    if (JS_IsException(proto))
        return -1;
    JS_SetClassProto(ctx, JS_CLASS_DATE, proto);
    if (JS_SetPropertyFunctionList(ctx, proto, js_date_proto_funcs,
                                   countof(js_date_proto_funcs)) < 0)
        return -1;
    ctor = js_define_constructor(ctx, JS_ATOM_Date, js_date_constructor, 7,
                                 JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    ret = JS_SetPropertyFunctionList(ctx, ctor, js_date_funcs, countof(js_date_funcs));
    JS_FreeValue(ctx, ctor);
    return ret;
}
