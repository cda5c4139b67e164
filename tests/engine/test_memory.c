/*
 * test_memory.c — what a fresh runtime and context cost in memory.
 *
 * Every os.Worker will pay for its own JSRuntime + JSContext, so the
 * engine's target is that the pair costs well under 1 MiB. Two figures are
 * taken for a runtime, then for a runtime with one context:
 *  - accounted: the runtime's own bookkeeping (JS_ComputeMemoryUsage's
 *    malloc_size): the usable size of every block the engine holds, which
 *    is also what JS_SetMemoryLimit is checked against;
 *  - heap: how much the C heap grew (glibc's mallinfo2: bytes in use plus
 *    bytes mmap'd) across the calls, plus the slab chunks alloc.c maps
 *    itself, counted whole. This also counts what the accounting leaves
 *    out: the JSRuntime struct itself, the unused part of the slab chunks,
 *    the chunk address set and malloc's own overhead.
 *    Under a sanitizer or valgrind, which replace malloc, mallinfo2 says
 *    nothing useful and the heap figure is skipped.
 * Both must be at most 1 MiB; a size assertion, not a timing one, so it is
 * stable on a busy machine. The figures are printed for docs/PERFORMANCE.md.
 *
 * Also checked: freeing the context (and collecting its cycles: functions
 * keep their realm alive) gives its memory back to the runtime.
 *
 * Prints "test_memory: N passed, M failed"; exits non-zero on failure.
 */
#include <malloc.h>
#include <stdio.h>

#include "weft.h"
#include "internal.h"

#define MIB (1024 * 1024)
/* what a freed context may leave behind in its runtime: tables that grew
   while it lived (atoms, shape hash) keep their size */
#define CONTEXT_RESIDUE_MAX (64 * 1024)

static int passed, failed;

static void check(bool ok, const char *what, long long value, long long limit)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL %s: %lld bytes, limit %lld\n", what, value, limit);
    }
}

/* bytes the C heap holds now (in use + mmap'd) */
static long long heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (long long)(mi.uordblks + mi.hblkhd);
}

/* the slab chunks of rt, which alloc.c maps itself (outside malloc),
   counted whole */
static long long slab_bytes(JSRuntime *rt) { return (long long)rt->alloc.chunk_count * 16384; }

static JSMemoryUsage usage(JSRuntime *rt)
{
    JSMemoryUsage u;
    JS_ComputeMemoryUsage(rt, &u);
    return u;
}

int main(void)
{
    long long heap0, heap_rt, heap_ctx, heap_ctx2;
    JSMemoryUsage u_rt, u_ctx, u_ctx2, u_freed;
    JSRuntime *rt;
    JSContext *ctx, *ctx2;
    bool heap_known;

    heap0 = heap_in_use();
    rt = JS_NewRuntime();
    if (!rt) {
        fprintf(stderr, "FAIL JS_NewRuntime\n");
        return 1;
    }
    heap_rt = heap_in_use() - heap0 + slab_bytes(rt);
    u_rt = usage(rt);

    ctx = JS_NewContext(rt);
    if (!ctx) {
        fprintf(stderr, "FAIL JS_NewContext\n");
        return 1;
    }
    heap_ctx = heap_in_use() - heap0 + slab_bytes(rt);
    u_ctx = usage(rt);
    /* a replaced malloc reports nothing (or nonsense) through mallinfo2 */
    heap_known = heap_ctx > u_ctx.malloc_size / 2;

    printf("runtime:           %8lld bytes accounted in %lld blocks", (long long)u_rt.malloc_size,
           (long long)u_rt.malloc_count);
    if (heap_known)
        printf(", heap %lld bytes", heap_rt);
    printf("\nruntime + context: %8lld bytes accounted in %lld blocks",
           (long long)u_ctx.malloc_size, (long long)u_ctx.malloc_count);
    if (heap_known)
        printf(", heap %lld bytes", heap_ctx);
    printf("\n                   %lld objects (%lld C functions), %lld shapes, %lld atoms, "
           "%u slab chunks of 16 KiB\n",
           (long long)u_ctx.obj_count, (long long)u_ctx.c_func_count,
           (long long)u_ctx.shape_count, (long long)u_ctx.atom_count, rt->alloc.chunk_count);

    check(u_ctx.malloc_size <= MIB, "runtime + context, accounted", u_ctx.malloc_size, MIB);
    if (heap_known)
        check(heap_ctx <= MIB, "runtime + context, heap", heap_ctx, MIB);
    else
        printf("heap figure skipped: malloc is replaced (sanitizer or valgrind)\n");

    /* a second realm in the same runtime shares atoms and the class table */
    ctx2 = JS_NewContext(rt);
    if (!ctx2) {
        fprintf(stderr, "FAIL second JS_NewContext\n");
        return 1;
    }
    heap_ctx2 = heap_in_use() - heap0 + slab_bytes(rt);
    u_ctx2 = usage(rt);
    printf("second context:    %+8lld bytes accounted", (long long)(u_ctx2.malloc_size -
                                                                   u_ctx.malloc_size));
    if (heap_known)
        printf(", heap %+lld bytes", heap_ctx2 - heap_ctx);
    printf("\n");
    check(u_ctx2.malloc_size - u_ctx.malloc_size <= MIB, "second context, accounted",
          u_ctx2.malloc_size - u_ctx.malloc_size, MIB);

    JS_FreeContext(ctx2);
    JS_FreeContext(ctx);
    JS_RunGC(rt);
    u_freed = usage(rt);
    printf("contexts freed:    %8lld bytes accounted in %lld blocks\n",
           (long long)u_freed.malloc_size, (long long)u_freed.malloc_count);
    check(u_freed.obj_count == 0, "objects left after freeing the contexts", u_freed.obj_count,
          0);
    check(u_freed.malloc_size - u_rt.malloc_size <= CONTEXT_RESIDUE_MAX,
          "memory left after freeing the contexts", u_freed.malloc_size - u_rt.malloc_size,
          CONTEXT_RESIDUE_MAX);
    JS_FreeRuntime(rt);

    printf("test_memory: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
