/*
 * test_htmldda.c — JS_SetIsHTMLDDA (Annex B.3.6, [[IsHTMLDDA]]): such an
 * object is falsy, its typeof is "undefined" and == equates it with
 * undefined and null; everything else (===, ??, ?., default values,
 * Object.is) sees an ordinary object.
 *
 * Prints "test_htmldda: N passed, M failed"; exits non-zero on failure.
 */
#include <stdio.h>
#include <string.h>

#include "weft.h"

static int passed, failed;

static JSValue dda_call(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_NULL;
}

/* each expression must evaluate to true */
static const char *const cases[] = {
    "typeof dda === 'undefined'",
    "!dda",
    "(dda ? 1 : 2) === 2",
    "dda == undefined && dda == null && undefined == dda && null == dda",
    "!(dda != null)",
    "dda !== undefined && dda !== null",
    "!Object.is(dda, undefined)",
    "(dda ?? 5) === dda",
    "dda?.length === 0",
    "(function (x = 7) { return x; })(dda) === dda",
    "(([x = 3]) => x)([dda]) === dda",
    "dda() === null",
    "typeof Object(dda) === 'undefined'",
    "dda != 0 && dda != ''",
    "String(!!dda) === 'false'",
};

int main(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue dda = JS_NewCFunction(ctx, dda_call, "dda", 0);
    JS_SetIsHTMLDDA(ctx, dda);
    JS_SetIsHTMLDDA(ctx, JS_NewInt32(ctx, 1)); /* not an object: ignored */
    JS_SetPropertyStr(ctx, global, "dda", dda);
    JS_FreeValue(ctx, global);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        JSValue v = JS_Eval(ctx, cases[i], strlen(cases[i]), "dda.js", JS_EVAL_TYPE_GLOBAL);
        if (JS_IsBool(v) && JS_ToBool(ctx, v)) {
            passed++;
        } else {
            failed++;
            printf("FAIL %s\n", cases[i]);
            if (JS_IsException(v))
                JS_FreeValue(ctx, JS_GetException(ctx));
        }
        JS_FreeValue(ctx, v);
    }
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    printf("test_htmldda: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
