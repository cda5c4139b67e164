/*
 * atomics_wait.h — the waiter list behind Atomics.wait, Atomics.waitAsync
 * and Atomics.notify (ECMA-262 §25.4.3 WaiterList records).
 *
 * Waits cross runtimes (a worker waits, its parent notifies), so the list
 * is process-wide: the one piece of mutable state the engine shares
 * between runtimes, protected by one mutex (atomics_wait.c). A waiter is
 * keyed by the address of the element it waits on: runtimes sharing a
 * SharedArrayBuffer see its memory at the same address.
 */
#ifndef WEFT_ATOMICS_WAIT_H
#define WEFT_ATOMICS_WAIT_H

#include "internal.h"

enum {
    JS_ATOMICS_WAIT_OK,          /* "ok": woken by a notify */
    JS_ATOMICS_WAIT_NOT_EQUAL,   /* "not-equal" */
    JS_ATOMICS_WAIT_TIMED_OUT,   /* "timed-out" */
    JS_ATOMICS_WAIT_INTERRUPTED, /* the interrupt handler asked to stop */
    JS_ATOMICS_WAIT_ASYNC,       /* waitAsync: registered, the promise is pending */
};

/* Atomics.wait's critical part: when the size-byte (4 or 8) value at addr
   equals expected, blocks the thread until notified or timeout_ms passed
   (INFINITY: no timeout), polling rt's interrupt handler. */
int js_atomics_wait_sync(JSRuntime *rt, void *addr, int size, int64_t expected,
                         double timeout_ms);
/* Atomics.waitAsync's: compares like js_atomics_wait_sync and, when the
   value is equal and timeout_ms is not 0, registers a waiter that settles
   with resolve (borrowed, called in ctx's realm). -1 on out of memory. */
int js_atomics_wait_async(JSContext *ctx, void *addr, int size, int64_t expected,
                          double timeout_ms, JSValueConst resolve);
/* wakes up to count waiters of addr in the order they started waiting;
   returns how many */
int64_t js_atomics_notify(JSContext *ctx, void *addr, int64_t count);
/* JS_FreeRuntime: drops rt's pending waitAsync waiters */
void js_atomics_free_waiters(JSRuntime *rt);

#endif /* WEFT_ATOMICS_WAIT_H */
