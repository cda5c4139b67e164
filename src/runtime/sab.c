/*
 * sab.c — the memory behind every SharedArrayBuffer of the runtime layer.
 *
 * A SAB block can be used by several runtimes on several threads at once
 * (a SAB posted to a worker points at the same bytes on both sides), so
 * no runtime owns it: each block is preceded by a JSSABHeader holding an
 * atomic reference count. The engine takes a reference for each
 * SharedArrayBuffer object over the block; a JSWorkerMessage takes one
 * for each SAB it carries (worker_pipe.c), so a block in flight survives
 * its sender. The last reference dropped frees the block, on whatever
 * thread drops it.
 *
 * js_eventloop_init installs these hooks on every runtime it sets up, so
 * all the runtimes of the process agree on what a block pointer means.
 */
#include <stdint.h>
#include <stdlib.h>

#include "eventloop.h"

/* 16 bytes, so that the block after it stays aligned for 64-bit atomics
   (BigInt64Array) and for doubles */
typedef struct JSSABHeader {
    int ref_count; /* only accessed with __atomic builtins */
    int pad[3];
} JSSABHeader;

/* larger requests cannot succeed on any machine we run on; refusing them
   here also keeps sizeof(JSSABHeader) + size from wrapping */
#define JS_SAB_MAX_SIZE ((size_t)1 << 47)

static JSSABHeader *js_sab_header(void *ptr) { return (JSSABHeader *)ptr - 1; }

/* the engine zeroes the block itself: plain malloc is enough */
static void *js_sab_alloc(void *opaque, size_t size)
{
    JSSABHeader *h;
    if (size > JS_SAB_MAX_SIZE)
        return NULL;
    h = malloc(sizeof(*h) + size);
    if (!h)
        return NULL;
    __atomic_store_n(&h->ref_count, 1, __ATOMIC_RELAXED);
    return h + 1;
}

/* acquire-release: the writes of every thread that used the block happen
   before the free */
static void js_sab_free(void *opaque, void *ptr)
{
    JSSABHeader *h = js_sab_header(ptr);
    if (__atomic_sub_fetch(&h->ref_count, 1, __ATOMIC_ACQ_REL) == 0)
        free(h);
}

/* whoever dups already holds a reference, so relaxed ordering is enough */
static void js_sab_dup(void *opaque, void *ptr)
{
    __atomic_add_fetch(&js_sab_header(ptr)->ref_count, 1, __ATOMIC_RELAXED);
}

static const JSSharedArrayBufferFunctions js_sab_funcs = {
    .sab_alloc = js_sab_alloc,
    .sab_free = js_sab_free,
    .sab_dup = js_sab_dup,
    .sab_opaque = NULL,
};

const JSSharedArrayBufferFunctions *js_sab_functions(void) { return &js_sab_funcs; }
