/*
 * fuzz_read.c — libFuzzer target for the value deserializer: JS_ReadObject
 * must turn any byte string into a value or an exception, without a
 * crash, an out-of-bounds read, a hang or a leak.
 *
 *   make fuzz-read            builds build-fuzz/fuzz_read and runs it
 *   build-fuzz/fuzz_read build-fuzz/read_corpus tests/fuzz/read_seeds
 *
 * The seeds (tests/fuzz/read_seeds) are valid encodings of every kind of
 * value, written by `build/tests/engine/test_serialize tests/fuzz/read_seeds`.
 *
 * Input layout: byte 0 selects the read flags (bit 0: references allowed),
 * the rest is the serialized data. SharedArrayBuffer records are never
 * allowed: they carry a raw pointer that the reader trusts by design.
 *
 * When a read succeeds, the value goes through write and read a few times:
 * every written value must read back, and the encodings must reach a
 * fixed point (writing is deterministic).
 * Leaks are checked with the runtime's block count (run it with
 * -detect_leaks=0: LeakSanitizer does not see NaN-boxed pointers).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft.h"

static JSRuntime *rt;
static JSContext *ctx;

/* at exit, so that LeakSanitizer's final check sees only real leaks */
static void fuzz_free(void)
{
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

static void fuzz_init(void)
{
    rt = JS_NewRuntime();
    /* a hostile length must fail cleanly, not exhaust the machine */
    JS_SetMemoryLimit(rt, 256 << 20);
    ctx = JS_NewContext(rt);
    if (!ctx)
        abort();
    atexit(fuzz_free);
}

/* the runtime's block count; with gc, once the collector freed cycles */
static int64_t block_count(bool gc)
{
    JSMemoryUsage mu;
    if (gc)
        JS_RunGC(rt);
    JS_ComputeMemoryUsage(rt, &mu);
    return mu.malloc_count;
}

static void drop_exception(void)
{
    JS_FreeValue(ctx, JS_GetException(ctx));
}

/* write(v) and read it back, once more, and write again: the last two
   encodings must be the same. (One round may still change the form: an
   array whose indexes came in any order reads back as a sparse array and
   is written with its elements as properties, which then read back into
   a dense array.) */
static uint8_t *write_read(JSValueConst v, int wflags, int rflags, size_t *plen, JSValue *pv)
{
    uint8_t *b = JS_WriteObject(ctx, plen, v, wflags);
    *pv = JS_UNDEFINED;
    if (!b) {
        /* only deep nesting (stack) or memory may refuse a value we read */
        drop_exception();
        return NULL;
    }
    *pv = JS_ReadObject(ctx, b, *plen, rflags);
    if (JS_IsException(*pv)) {
        fprintf(stderr, "fuzz_read: a written value does not read back\n");
        abort();
    }
    return b;
}

static void check_fixed_point(JSValueConst v, int wflags, int rflags)
{
    size_t len1, len2, len3;
    JSValue v1, v2, v3;
    uint8_t *b1 = write_read(v, wflags, rflags, &len1, &v1), *b2 = NULL, *b3 = NULL;
    if (b1)
        b2 = write_read(v1, wflags, rflags, &len2, &v2);
    if (b2)
        b3 = write_read(v2, wflags, rflags, &len3, &v3);
    if (b3 && (len2 != len3 || memcmp(b2, b3, len2) != 0)) {
        fprintf(stderr, "fuzz_read: encodings differ (%zu vs %zu bytes)\n", len2, len3);
        abort();
    }
    if (b1) {
        js_free(ctx, b1);
        JS_FreeValue(ctx, v1);
    }
    if (b2) {
        js_free(ctx, b2);
        JS_FreeValue(ctx, v2);
    }
    if (b3) {
        js_free(ctx, b3);
        JS_FreeValue(ctx, v3);
    }
}

/* reads the input (and checks the fixed point); returns the runtime's
   block count afterwards (collected only when it grew: most values have
   no cycle and are freed by reference counting alone) */
static int64_t run_once(const uint8_t *data, size_t size, int64_t before)
{
    int rflags = (data[0] & 1) ? JS_READ_OBJ_REFERENCE : 0;
    int wflags = (data[0] & 1) ? JS_WRITE_OBJ_REFERENCE : 0;
    JSValue v = JS_ReadObject(ctx, data + 1, size - 1, rflags);
    int64_t after;
    if (JS_IsException(v)) {
        drop_exception();
    } else {
        check_fixed_point(v, wflags, rflags);
        JS_FreeValue(ctx, v);
    }
    after = block_count(false);
    return after > before ? block_count(true) : after;
}

/* LeakSanitizer cannot see pointers inside NaN-boxed values, so leaks are
   found with the runtime's own accounting: an input after which the
   runtime holds more blocks than before, three times in a row (a table
   that grew once is not a leak), is reported */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t before, after;
    if (!rt)
        fuzz_init();
    if (size < 1)
        return 0;
    before = block_count(false);
    after = run_once(data, size, before);
    for (int i = 0; i < 2 && after > before; i++) {
        before = after;
        after = run_once(data, size, before);
    }
    if (after > before) {
        fprintf(stderr, "fuzz_read: leak (%lld blocks)\n", (long long)(after - before));
        abort();
    }
    return 0;
}
