/*
 * test_regexp.c — the regexp engine's limits, through the public API: a
 * hostile pattern ends with an error the embedder handles, never a crash
 * or a hang.
 *  - interrupts: catastrophic backtracking (nested quantifiers, long
 *    alternations, backreferences) is stopped by the interrupt handler,
 *    uncatchable in JS, in exec, test, replace, split and matchAll; the
 *    context works afterwards;
 *  - memory: under JS_SetMemoryLimit a match whose backtracking stack
 *    outgrows the limit ends in a catchable out-of-memory error;
 *  - nesting: deeply nested groups and classes are a SyntaxError, also on
 *    a thread with a small stack.
 *
 * Prints "test_regexp: N passed, M failed"; exits non-zero on failure.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft.h"

#define INTERRUPTED "InternalError: interrupted"
#define OUT_OF_MEMORY "InternalError: out of memory"

static int passed, failed;

static void check(bool ok, const char *what, const char *detail)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
}

/* evaluates src; its value or the text of its exception goes to buf;
   true when it threw */
static bool eval_str(JSContext *ctx, const char *src, char *buf, size_t size)
{
    JSValue ret = JS_Eval(ctx, src, strlen(src), "regexp.js", JS_EVAL_TYPE_GLOBAL);
    bool threw = JS_IsException(ret);
    const char *s;
    if (threw)
        ret = JS_GetException(ctx);
    s = JS_ToCString(ctx, ret);
    snprintf(buf, size, "%s", s ? s : "(no text)");
    if (s)
        JS_FreeCString(ctx, s);
    else
        JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, ret);
    return threw;
}

typedef struct {
    int calls, limit;
} Budget;

/* stops the running code after `limit` polls */
static int interrupt_after(JSRuntime *rt, void *opaque)
{
    Budget *b = opaque;
    (void)rt;
    return ++b->calls > b->limit;
}

/* each snippet backtracks for far longer than any test may take; wrapped
   in try/catch, which must not catch the interruption */
static const char *const catastrophic[] = {
    "/^(a+)+$/.test('a'.repeat(40) + '!')",
    "/^(a|aa)+$/.exec('a'.repeat(60) + 'b')",
    "/(x+x+)+y/.test('x'.repeat(50))",
    "/^(\\w+\\s?)*$/.test('an example of a sentence that does not end well!')",
    "/(a*)*b/.test('a'.repeat(40))",
    "/^(?:a|b|ab)*c/.test('ab'.repeat(40))",
    "/^((a)\\2?)+$/u.test('a'.repeat(50) + 'b')",
    "/(?=(a+)+$)/.test('a'.repeat(40) + '!')",
    "/(?<=x(a+)+)b/.test('a'.repeat(40) + 'b')",
    "'a'.repeat(40).replace(/(a+)+b/g, 'x')",
    "'a'.repeat(40).split(/(a+)+b/)",
    "[...'a'.repeat(40).matchAll(/(a+)+b/g)]",
    "/^(a+)+$/i.test('A'.repeat(40) + '!')",
    "/^[\\s\\S]*?(\\d+)+x/v.test('1'.repeat(40))",
};

static void test_interrupts(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    Budget budget;
    char buf[256], src[512];
    JS_SetInterruptHandler(rt, interrupt_after, &budget);
    for (size_t i = 0; i < sizeof(catastrophic) / sizeof(catastrophic[0]); i++) {
        budget.calls = 0;
        budget.limit = 50;
        snprintf(src, sizeof(src), "try { %s; 'finished' } catch (e) { 'caught ' + e }",
                 catastrophic[i]);
        bool threw = eval_str(ctx, src, buf, sizeof(buf));
        check(threw && !strcmp(buf, INTERRUPTED), catastrophic[i], buf);
        budget.calls = 0;
        budget.limit = 1000000;
        eval_str(ctx, "/(a)(b)?/.exec('xab').join()", buf, sizeof(buf));
        check(!strcmp(buf, "ab,a,b"), "the context works after an interruption", buf);
    }
    JS_SetInterruptHandler(rt, NULL, NULL);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

static void test_memory_limit(void)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    char buf[256];
    /* every iteration of a counted loop with a capture leaves undo
       records: the stack grows with the subject */
    eval_str(ctx, "var big = 'ab'.repeat(2000000); 0", buf, sizeof(buf));
    JS_SetMemoryLimit(rt, 64 << 20);
    bool threw = eval_str(ctx,
                          "try { /^(?:(a)|(b))*$/.test(big) } catch (e) { 'caught ' + e }",
                          buf, sizeof(buf));
    check(!threw && !strcmp(buf, "caught " OUT_OF_MEMORY), "backtracking stack over the limit",
          buf);
    JS_SetMemoryLimit(rt, 0);
    eval_str(ctx, "big = null; /^(?:(a)|(b))*$/.test('ab'.repeat(1000))", buf, sizeof(buf));
    check(!strcmp(buf, "true"), "matching works after out-of-memory", buf);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

/* nesting: a SyntaxError, never a stack overflow */
static const char *const deep[] = {
    "new RegExp('('.repeat(100000))",
    "new RegExp('(?:'.repeat(100000) + 'a' + ')'.repeat(100000))",
    "new RegExp('(?='.repeat(100000))",
    "new RegExp('['.repeat(100000), 'v')",
    "new RegExp('(?:a|'.repeat(30000) + ')'.repeat(30000))",
};

/* the stack this thread has left below the caller: thread-local storage
   (large under ThreadSanitizer) comes out of the thread's stack, so the
   limit is measured rather than derived from the size asked for */
static size_t stack_left(void)
{
    pthread_attr_t attr;
    void *base = NULL;
    size_t size = 0;
    char here;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return 0;
    pthread_attr_getstack(&attr, &base, &size);
    pthread_attr_destroy(&attr);
    return (size_t)(&here - (char *)base);
}

static void *deep_thread(void *arg)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    char buf[256], src[512];
    size_t max_stack = stack_left() / 4 * 3;
    (void)arg;
    JS_SetMaxStackSize(rt, max_stack < 192 * 1024 ? max_stack : 192 * 1024);
    for (size_t i = 0; i < sizeof(deep) / sizeof(deep[0]); i++) {
        snprintf(src, sizeof(src), "try { %s; 'compiled' } catch (e) { e.name }", deep[i]);
        eval_str(ctx, src, buf, sizeof(buf));
        check(!strcmp(buf, "SyntaxError") || !strcmp(buf, "RangeError"), deep[i], buf);
    }
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    return NULL;
}

static void test_nesting(void)
{
    pthread_t t;
    pthread_attr_t attr;
    deep_thread(NULL);
    /* again on a 256 KiB thread stack, as a worker might have */
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    if (pthread_create(&t, &attr, deep_thread, NULL) == 0)
        pthread_join(t, NULL);
    else
        check(false, "pthread_create", NULL);
    pthread_attr_destroy(&attr);
}

int main(void)
{
    test_interrupts();
    test_memory_limit();
    test_nesting();
    printf("test_regexp: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
