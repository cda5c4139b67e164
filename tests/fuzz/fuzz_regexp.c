/*
 * fuzz_regexp.c — libFuzzer target for the regexp engine: the compiler
 * (every pattern, valid or not, must compile or be rejected cleanly) and
 * the matcher (every compiled program must run on any subject without
 * reading out of bounds, and stop when the interrupt callback asks).
 *
 *   make fuzz                 builds build-fuzz/fuzz_regexp and runs it
 *   build-fuzz/fuzz_regexp tests/fuzz/regexp_seeds -max_total_time=600
 *
 * Input layout: byte 0 holds the flag bits (JS_RE_FLAG_*; u and v
 * together drop v), byte 1 the mode bits below, then the pattern up to a
 * NUL byte, then the subject.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "regexp/regexp.h"

#define MODE_WIDE_SUBJECT 1 /* the subject bytes are UTF-16LE units */
#define MODE_MIDDLE_START 2 /* start matching in the middle of the subject */
#define MODE_WIDE_PATTERN 4 /* the pattern bytes are UTF-16LE units */

/* the matcher may backtrack for this many interrupt polls (10000 steps
   each): enough to reach deep states, short enough to keep fuzzing fast */
#define MAX_POLLS 3

typedef struct FuzzState {
    int polls;
} FuzzState;

static void *fuzz_realloc(void *opaque, void *ptr, size_t size)
{
    (void)opaque;
    if (!size) {
        free(ptr);
        return NULL;
    }
    /* a 256 MiB cap stands in for the runtime's memory limit */
    if (size > (256u << 20))
        return NULL;
    return realloc(ptr, size);
}

static int fuzz_interrupt(void *opaque)
{
    FuzzState *st = opaque;
    return ++st->polls > MAX_POLLS;
}

static uint16_t *to_units(const uint8_t *p, size_t n, uint32_t *plen)
{
    uint16_t *u = malloc((n / 2 + 1) * sizeof(uint16_t));
    for (size_t i = 0; i + 1 < n; i += 2)
        u[i / 2] = (uint16_t)(p[i] | p[i + 1] << 8);
    *plen = (uint32_t)(n / 2);
    return u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzState st = {0};
    JSReEnv env = {&st, fuzz_realloc, fuzz_interrupt, NULL};
    const uint8_t *sep, *pat, *subj;
    size_t plen, slen;
    uint16_t *wpat = NULL, *wsubj = NULL;
    const void *pattern, *subject;
    uint32_t pattern_len, subject_len;
    JSReProgram *prog;
    const char *error;
    bool oom;
    int flags, mode;
    if (size < 2)
        return 0;
    flags = data[0];
    if ((flags & JS_RE_FLAG_UNICODE) && (flags & JS_RE_FLAG_UNICODE_SETS))
        flags &= ~JS_RE_FLAG_UNICODE_SETS;
    mode = data[1];
    pat = data + 2;
    sep = memchr(pat, 0, size - 2);
    plen = sep ? (size_t)(sep - pat) : size - 2;
    subj = sep ? sep + 1 : data + size;
    slen = (size_t)(data + size - subj);
    if (mode & MODE_WIDE_PATTERN) {
        wpat = to_units(pat, plen, &pattern_len);
        pattern = wpat;
    } else {
        pattern = pat;
        pattern_len = (uint32_t)plen;
    }
    if (mode & MODE_WIDE_SUBJECT) {
        wsubj = to_units(subj, slen, &subject_len);
        subject = wsubj;
    } else {
        subject = subj;
        subject_len = (uint32_t)slen;
    }
    if (!(mode & MODE_WIDE_PATTERN))
        js_re_check_literal(pattern, pattern_len, false, (const uint8_t *)"", 0);
    prog = js_re_compile(pattern, pattern_len, (mode & MODE_WIDE_PATTERN) != 0, flags, &env,
                         &error, &oom);
    if (prog) {
        int ncap = js_re_get_capture_count(prog);
        int32_t *caps = malloc(2 * (size_t)ncap * sizeof(int32_t));
        uint32_t start = (mode & MODE_MIDDLE_START) ? subject_len / 2 : 0;
        int ret = js_re_exec(prog, subject, subject_len, (mode & MODE_WIDE_SUBJECT) != 0, start,
                             (flags & JS_RE_FLAG_STICKY) != 0, caps, &env);
        if (ret == JS_RE_MATCH) {
            /* every capture lies inside the subject, start before end */
            for (int i = 0; i < ncap; i++) {
                int32_t s = caps[2 * i], e = caps[2 * i + 1];
                if ((s < 0) != (e < 0) || (s >= 0 && (s > e || (uint32_t)e > subject_len)))
                    abort();
            }
        }
        for (int i = 1; i < ncap; i++) {
            uint32_t n;
            js_re_get_group_name(prog, i, &n);
        }
        free(caps);
        js_re_free(&env, prog);
    } else if (!error) {
        abort();
    }
    free(wpat);
    free(wsubj);
    return 0;
}
