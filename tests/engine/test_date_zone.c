/*
 * test_date_zone.c — Date follows the TZ environment variable while the
 * program runs: setting, changing and unsetting TZ between calls changes
 * local time at once (date.c reloads the zone only when it may have
 * changed, so this checks every transition: unset -> set -> other ->
 * unset -> set).
 *
 * Prints "test_date_zone: N passed, M failed"; exits non-zero on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft.h"

static int passed, failed;

/* getTimezoneOffset() of a summer and a winter instant, "summer/winter" */
static void offsets(JSContext *ctx, char *buf, size_t size)
{
    static const char src[] = "new Date(Date.UTC(2024, 6, 1)).getTimezoneOffset() + '/' + "
                              "new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset()";
    JSValue v = JS_Eval(ctx, src, strlen(src), "zone.js", JS_EVAL_TYPE_GLOBAL);
    const char *s = JS_ToCString(ctx, v);
    snprintf(buf, size, "%s", s ? s : "(exception)");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, v);
}

static void expect(JSContext *ctx, const char *tz, const char *want)
{
    char buf[64];
    if (tz)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    offsets(ctx, buf, sizeof(buf));
    if (!strcmp(buf, want)) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL TZ=%s: got %s, want %s\n", tz ? tz : "(unset)", buf, want);
}

int main(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    char unset[64];
    unsetenv("TZ");
    offsets(ctx, unset, sizeof(unset)); /* the system's zone, whatever it is */
    expect(ctx, "America/New_York", "240/300");
    expect(ctx, "Asia/Tokyo", "-540/-540");
    expect(ctx, "UTC", "0/0");
    expect(ctx, NULL, unset);
    expect(ctx, NULL, unset);
    expect(ctx, "Australia/Sydney", "-600/-660");
    expect(ctx, NULL, unset);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    printf("test_date_zone: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
