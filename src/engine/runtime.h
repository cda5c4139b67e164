/*
 * runtime.h — runtime and context lifetime, the per-runtime allocator,
 * class registration and the stack / interrupt checks.
 */
#ifndef WEFT_RUNTIME_H
#define WEFT_RUNTIME_H

#include "internal.h"

/* size of a block as the accounting sees it */
size_t js_malloc_usable_size_rt(JSRuntime *rt, const void *ptr);
/* Moving large blocks between runtimes (transferred ArrayBuffers): a block
   of rt that is a plain malloc block leaves rt's accounting and becomes
   the caller's (to free with free()) — NULL, and nothing changes, for a
   slab block; adopt accounts a malloc()ed block as rt's own (-1 when that
   would pass the memory limit). */
void *js_malloc_rt_release(JSRuntime *rt, void *ptr);
int js_malloc_rt_adopt(JSRuntime *rt, void *ptr);
/* js_realloc that keeps the old block on failure and throws */
void *js_realloc2(JSContext *ctx, void *ptr, size_t size, size_t *pslack);
/* grows *parray (of elem_size items, capacity *psize) to hold min_size */
int js_resize_array(JSContext *ctx, void **parray, int elem_size, int *psize, int min_size);

/* registers a class at a fixed id (builtins and host classes) */
int js_new_class1(JSRuntime *rt, JSClassID class_id, const JSClassDef *class_def, JSAtom name,
                  const JSClassExoticMethods *exotic);

/* the collector's hooks for contexts (gc.c) */
void js_context_mark(JSRuntime *rt, JSContext *ctx, JSMarkFunc *mark_func);
void js_context_free_children(JSRuntime *rt, JSContext *ctx);

/* true (and a RangeError pending) when the C stack is nearly exhausted */
bool js_check_stack_overflow(JSRuntime *rt, size_t alloca_size);
JSValue js_throw_stack_overflow(JSContext *ctx);

/* polled on backward jumps and calls: -1 (exception pending) when the
   interrupt handler asked to stop */
int js_poll_interrupts_slow(JSContext *ctx);
static inline int js_poll_interrupts(JSContext *ctx)
{
    if (js_unlikely(--ctx->rt->interrupt_counter <= 0))
        return js_poll_interrupts_slow(ctx);
    return 0;
}

/* the context's initial prototype for an object of class_id */
static inline JSValueConst js_class_proto(JSContext *ctx, JSClassID class_id)
{
    return ctx->class_proto[class_id];
}

#endif /* WEFT_RUNTIME_H */
