/*
 * test_worker_pipe.c — the pieces under os.Worker, tested without the
 * event loop: JSWorkerMessagePipe (worker_pipe.c) and the JSSABHeader
 * blocks of js_sab_functions (sab.c).
 *
 *  - the wake-up byte: present exactly when the queue is not empty, never
 *    more than one byte however many messages are queued;
 *  - take returns messages oldest first; errors_only skips data messages;
 *    post reports the first error queued;
 *  - a producer thread and a consumer blocked in poll(2) on the wake fd
 *    exchange many messages in order, with nothing lost (and, under
 *    ThreadSanitizer, no race);
 *  - a message holds a reference on the SAB blocks it carries: the block
 *    outlives the runtime that made it and is freed with the message; a
 *    message can own its data block instead of copying it;
 *  - two runtimes on two threads share a SAB through its block pointer,
 *    with the hooks installed, and Atomics.add loses no update;
 *  - the last pipe reference frees the messages still queued.
 *
 * Prints "test_worker_pipe: N passed, M failed"; exits non-zero on failure.
 */
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "eventloop.h"
#include "worker_pipe.h"

#define STREAM_COUNT 20000
#define ADDERS 3
#define ADDS 3000

static int passed, failed;

static void check(bool ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

/* bytes waiting in the wake-up pipe */
static int pending_bytes(JSWorkerMessagePipe *p)
{
    int n = -1;
    ioctl(p->read_fd, FIONREAD, &n);
    return n;
}

static JSWorkerMessage *new_msg(JSWorkerMessageKind kind, uint32_t seq)
{
    return js_worker_message_new(kind, (const uint8_t *)&seq, sizeof(seq), NULL, NULL, 0, NULL,
                                 0);
}

static uint32_t msg_seq(JSWorkerMessage *m)
{
    uint32_t seq;
    memcpy(&seq, m->data, sizeof(seq));
    return seq;
}

static void test_wake_byte(void)
{
    JSWorkerMessagePipe *p = js_worker_pipe_new();
    JSWorkerMessage *m;
    check(p != NULL, "pipe created");
    if (!p)
        return;
    check(pending_bytes(p) == 0, "new pipe: no wake-up byte");
    check(js_worker_pipe_take(p, false) == NULL, "new pipe: nothing to take");
    for (uint32_t i = 0; i < 5; i++)
        js_worker_pipe_post(p, new_msg(JS_WORKER_MSG_DATA, i));
    check(pending_bytes(p) == 1, "five messages queued: exactly one byte");
    for (uint32_t i = 0; i < 4; i++) {
        m = js_worker_pipe_take(p, false);
        check(m && msg_seq(m) == i, "messages taken oldest first");
        if (m)
            js_worker_message_free(m);
    }
    check(pending_bytes(p) == 1, "one message left: the byte stays");
    m = js_worker_pipe_take(p, false);
    check(m && msg_seq(m) == 4, "last message");
    if (m)
        js_worker_message_free(m);
    check(pending_bytes(p) == 0, "queue drained: byte read back");
    js_worker_pipe_post(p, new_msg(JS_WORKER_MSG_DATA, 9));
    check(pending_bytes(p) == 1, "empty to non-empty again: a new byte");
    js_worker_pipe_free(p); /* frees the queued message (ASan checks) */
}

static void test_errors(void)
{
    JSWorkerMessagePipe *p = js_worker_pipe_new();
    JSWorkerMessage *m;
    if (!p)
        return;
    check(!js_worker_pipe_post(p, new_msg(JS_WORKER_MSG_DATA, 1)), "data is not an error");
    check(js_worker_pipe_post(p, new_msg(JS_WORKER_MSG_ERROR, 2)), "first error reported");
    check(!js_worker_pipe_post(p, new_msg(JS_WORKER_MSG_ERROR, 3)), "second error not reported");
    js_worker_pipe_post(p, new_msg(JS_WORKER_MSG_DATA, 4));
    m = js_worker_pipe_take(p, true);
    check(m && m->kind == JS_WORKER_MSG_ERROR && msg_seq(m) == 2, "errors_only skips data");
    if (m)
        js_worker_message_free(m);
    m = js_worker_pipe_take(p, true);
    check(m && msg_seq(m) == 3, "second error");
    if (m)
        js_worker_message_free(m);
    check(js_worker_pipe_take(p, true) == NULL, "no error left");
    check(pending_bytes(p) == 1, "data left: byte stays");
    check(js_worker_pipe_post(p, new_msg(JS_WORKER_MSG_ERROR, 5)), "error after errors drained");
    for (uint32_t want = 1; want <= 5; want += (want == 1 ? 3 : 1)) {
        m = js_worker_pipe_take(p, false);
        check(m && msg_seq(m) == want, "mixed queue in order");
        if (m)
            js_worker_message_free(m);
    }
    check(pending_bytes(p) == 0 && p->error_count == 0, "all taken");
    js_worker_pipe_free(p);
}

static void *producer(void *arg)
{
    JSWorkerMessagePipe *p = arg;
    for (uint32_t i = 0; i < STREAM_COUNT; i++)
        js_worker_pipe_post(p, new_msg(JS_WORKER_MSG_DATA, i));
    js_worker_pipe_free(p);
    return NULL;
}

static void test_stream(void)
{
    JSWorkerMessagePipe *p = js_worker_pipe_new();
    pthread_t th;
    uint32_t next = 0;
    bool in_order = true;
    int wakeups = 0;
    if (!p)
        return;
    pthread_create(&th, NULL, producer, js_worker_pipe_dup(p));
    while (next < STREAM_COUNT) {
        struct pollfd pfd = {p->read_fd, POLLIN, 0};
        JSWorkerMessage *m;
        if (poll(&pfd, 1, 5000) <= 0)
            break; /* a lost wake-up: the count check below fails */
        wakeups++;
        while ((m = js_worker_pipe_take(p, false))) {
            in_order &= msg_seq(m) == next++;
            js_worker_message_free(m);
        }
    }
    pthread_join(th, NULL);
    check(next == STREAM_COUNT, "every message of the stream arrived");
    check(in_order, "the stream arrived in order");
    check(wakeups >= 1 && wakeups <= STREAM_COUNT, "one wake-up per batch");
    check(pending_bytes(p) == 0, "stream drained: no byte left");
    js_worker_pipe_free(p);
}

static JSValue eval_str(JSContext *ctx, const char *src)
{
    return JS_Eval(ctx, src, strlen(src), "<test>", JS_EVAL_TYPE_GLOBAL);
}

static void test_sab_message(void)
{
    const JSSharedArrayBufferFunctions *sf = js_sab_functions();
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx;
    JSValue sab;
    uint8_t *block, **tab;
    size_t len;
    JSWorkerMessage *m;
    JS_SetSharedArrayBufferFunctions(rt, sf);
    ctx = JS_NewContext(rt);
    sab = eval_str(ctx, "var s = new SharedArrayBuffer(64); new Uint8Array(s)[3] = 42; s");
    block = JS_GetArrayBuffer(ctx, &len, sab);
    check(block && len == 64 && block[3] == 42, "SAB block from the hooks");
    tab = &block;
    m = js_worker_message_new(JS_WORKER_MSG_DATA, (const uint8_t *)"x", 1, NULL, tab, 1, NULL, 0);
    check(m && m->sab_tab_len == 1 && m->sab_tab[0] == block, "message lists the SAB");
    JS_FreeValue(ctx, sab);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    /* the runtime is gone; the message's reference keeps the block (a
       use after free here is an ASan report) */
    block[5] = 7;
    check(block[3] == 42 && block[5] == 7, "block outlives its runtime");
    if (m)
        js_worker_message_free(m);
    /* a message may own the serializer's block instead of a copy */
    {
        uint8_t *owned = malloc(3000);
        memset(owned, 5, 3000);
        m = js_worker_message_new(JS_WORKER_MSG_DATA, owned, 3000, owned, NULL, 0, NULL, 0);
        check(m && m->data == owned && m->owns_data && m->data_len == 3000, "owned data kept");
        if (m)
            js_worker_message_free(m); /* frees owned (ASan checks) */
    }
    /* a plain alloc/dup/free cycle of the hooks */
    block = sf->sab_alloc(sf->sab_opaque, 16);
    check(block != NULL && ((uintptr_t)block & 15) == 0, "blocks are 16-byte aligned");
    sf->sab_dup(sf->sab_opaque, block);
    sf->sab_free(sf->sab_opaque, block);
    block[0] = 1; /* one reference left */
    sf->sab_free(sf->sab_opaque, block);
    check(sf->sab_alloc(sf->sab_opaque, (size_t)1 << 60) == NULL, "huge SAB refused");
}

typedef struct Adder {
    uint8_t *block;
    int ok;
} Adder;

static void *adder(void *arg)
{
    Adder *a = arg;
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx;
    JSValue sab, global, r;
    int32_t n = 0;
    JS_SetSharedArrayBufferFunctions(rt, js_sab_functions());
    ctx = JS_NewContext(rt);
    sab = JS_NewArrayBuffer(ctx, a->block, 16, NULL, NULL, true);
    global = JS_GetGlobalObject(ctx);
    JS_SetPropertyStr(ctx, global, "sab", sab);
    JS_FreeValue(ctx, global);
    r = eval_str(ctx, "var a = new Int32Array(sab);"
                      " for (var i = 0; i < 3000; i++) Atomics.add(a, 0, 1); a.length");
    a->ok = JS_ToInt32(ctx, &n, r) == 0 && n == 4;
    JS_FreeValue(ctx, r);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    return NULL;
}

static void test_sab_threads(void)
{
    const JSSharedArrayBufferFunctions *sf = js_sab_functions();
    uint8_t *block = sf->sab_alloc(sf->sab_opaque, 16);
    pthread_t th[ADDERS];
    Adder a[ADDERS];
    int32_t total;
    memset(block, 0, 16);
    for (int i = 0; i < ADDERS; i++) {
        a[i].block = block;
        a[i].ok = 0;
        pthread_create(&th[i], NULL, adder, &a[i]);
    }
    for (int i = 0; i < ADDERS; i++) {
        pthread_join(th[i], NULL);
        check(a[i].ok, "adder thread ran");
    }
    memcpy(&total, block, sizeof(total));
    check(total == ADDERS * ADDS, "Atomics.add across runtimes loses no update");
    sf->sab_free(sf->sab_opaque, block);
}

int main(void)
{
    test_wake_byte();
    test_errors();
    test_stream();
    test_sab_message();
    test_sab_threads();
    printf("test_worker_pipe: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
