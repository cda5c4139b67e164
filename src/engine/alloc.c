/*
 * alloc.c — the runtime's allocator.
 *
 * Small blocks (up to JS_SLAB_MAX bytes: objects, shapes, strings, property
 * arrays...) come from per-runtime size classes carved out of aligned
 * chunks, with a free list per class: allocation and freeing are a few
 * instructions and need no lock, since a runtime belongs to one thread.
 * Whether a pointer is a slab block is answered by a hash set of chunk
 * addresses (never by reading memory around the pointer). Larger blocks go
 * to malloc. Every block is accounted in rt->malloc_size for the memory
 * limit.
 *
 * Under AddressSanitizer or with -DWEFT_NO_SLAB every block goes to malloc,
 * so that the sanitizer sees each allocation.
 */
#include <malloc.h>
#include <stdlib.h>

#include "alloc.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WEFT_NO_SLAB 1
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define WEFT_NO_SLAB 1
#endif
#endif

#ifndef WEFT_NO_SLAB
#define JS_SLAB_CHUNK_SIZE (16 * 1024)
#define JS_SLAB_MAX 256

/* class sizes: multiples of 16 up to 128, then of 32 */
static const uint16_t js_slab_class_size[JS_SLAB_CLASSES] = {
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256,
};

static int js_slab_class(size_t size)
{
    if (size <= 128)
        return size ? (int)((size - 1) >> 4) : 0;
    return 8 + (int)((size - 129) >> 5);
}

typedef struct JSSlabFree {
    struct JSSlabFree *next;
} JSSlabFree;

typedef struct JSSlabChunk {
    struct JSSlabChunk *next; /* all chunks of the runtime */
    uint8_t cls;
} JSSlabChunk;

#define JS_SLAB_HEADER 16 /* sizeof(JSSlabChunk), rounded to keep 16-byte alignment */

/* ---------------------------------------------------------------------
 * The set of chunk addresses (open addressing)
 * ------------------------------------------------------------------- */
static uint32_t js_slab_hash(uintptr_t chunk, uint32_t mask)
{
    return (uint32_t)((chunk / JS_SLAB_CHUNK_SIZE) * 0x9e3779b1u) & mask;
}

static bool js_slab_set_contains(JSAllocState *a, uintptr_t chunk)
{
    uint32_t mask = a->set_size - 1, i;
    if (!a->set_size)
        return false;
    for (i = js_slab_hash(chunk, mask); a->set[i]; i = (i + 1) & mask) {
        if (a->set[i] == chunk)
            return true;
    }
    return false;
}

static void js_slab_set_insert_raw(uintptr_t *set, uint32_t size, uintptr_t chunk)
{
    uint32_t mask = size - 1, i = js_slab_hash(chunk, mask);
    while (set[i])
        i = (i + 1) & mask;
    set[i] = chunk;
}

static bool js_slab_set_insert(JSAllocState *a, uintptr_t chunk)
{
    if ((a->set_count + 1) * 2 > a->set_size) {
        uint32_t size = a->set_size ? a->set_size * 2 : 64;
        uintptr_t *set = calloc(size, sizeof(uintptr_t));
        if (!set)
            return false;
        for (uint32_t i = 0; i < a->set_size; i++) {
            if (a->set[i])
                js_slab_set_insert_raw(set, size, a->set[i]);
        }
        free(a->set);
        a->set = set;
        a->set_size = size;
    }
    js_slab_set_insert_raw(a->set, a->set_size, chunk);
    a->set_count++;
    return true;
}

/* ---------------------------------------------------------------------
 * Chunks and blocks
 * ------------------------------------------------------------------- */
static bool js_slab_refill(JSAllocState *a, int cls)
{
    size_t bsize = js_slab_class_size[cls];
    JSSlabChunk *c = aligned_alloc(JS_SLAB_CHUNK_SIZE, JS_SLAB_CHUNK_SIZE);
    uint8_t *p, *end;
    if (!c)
        return false;
    if (!js_slab_set_insert(a, (uintptr_t)c)) {
        free(c);
        return false;
    }
    c->cls = cls;
    c->next = a->chunks;
    a->chunks = c;
    a->chunk_count++;
    /* thread the blocks into the free list, lowest address first */
    p = (uint8_t *)c + JS_SLAB_HEADER;
    end = (uint8_t *)c + JS_SLAB_CHUNK_SIZE - bsize;
    for (uint8_t *q = end; q >= p; q -= bsize) {
        JSSlabFree *f = (JSSlabFree *)q;
        f->next = a->free_list[cls];
        a->free_list[cls] = f;
    }
    return true;
}

#endif /* WEFT_NO_SLAB */

void *js_alloc_block(JSAllocState *a, size_t size, size_t *pusable)
{
#ifndef WEFT_NO_SLAB
    if (size <= JS_SLAB_MAX) {
        int cls = js_slab_class(size);
        JSSlabFree *f = a->free_list[cls];
        if (js_unlikely(!f)) {
            if (!js_slab_refill(a, cls))
                return NULL;
            f = a->free_list[cls];
        }
        a->free_list[cls] = f->next;
        *pusable = js_slab_class_size[cls];
        return f;
    }
#endif
    {
        void *p = malloc(size ? size : 1);
        if (p)
            *pusable = malloc_usable_size(p);
        return p;
    }
}

#ifdef WEFT_NO_SLAB
size_t js_block_size(JSAllocState *a, void *ptr) { return malloc_usable_size(ptr); }

size_t js_free_block(JSAllocState *a, void *ptr)
{
    size_t size = malloc_usable_size(ptr);
    free(ptr);
    return size;
}

void *js_realloc_block(JSAllocState *a, void *ptr, size_t size, size_t *pold, size_t *pnew)
{
    size_t old = malloc_usable_size(ptr);
    void *np = realloc(ptr, size);
    if (!np)
        return NULL;
    *pold = old;
    *pnew = malloc_usable_size(np);
    return np;
}
#else
/* the class of a slab block, or -1 for a malloc block */
static int js_block_class(JSAllocState *a, void *ptr)
{
    uintptr_t chunk = (uintptr_t)ptr & ~(uintptr_t)(JS_SLAB_CHUNK_SIZE - 1);
    if (js_slab_set_contains(a, chunk))
        return ((JSSlabChunk *)chunk)->cls;
    return -1;
}

size_t js_block_size(JSAllocState *a, void *ptr)
{
    int cls = js_block_class(a, ptr);
    return cls >= 0 ? js_slab_class_size[cls] : malloc_usable_size(ptr);
}

size_t js_free_block(JSAllocState *a, void *ptr)
{
    int cls = js_block_class(a, ptr);
    size_t size;
    if (cls >= 0) {
        JSSlabFree *f = ptr;
        f->next = a->free_list[cls];
        a->free_list[cls] = f;
        return js_slab_class_size[cls];
    }
    size = malloc_usable_size(ptr);
    free(ptr);
    return size;
}

void *js_realloc_block(JSAllocState *a, void *ptr, size_t size, size_t *pold, size_t *pnew)
{
    int cls = js_block_class(a, ptr);
    if (cls < 0) {
        size_t old = malloc_usable_size(ptr);
        void *np;
        if (size <= JS_SLAB_MAX && size < old) {
            /* shrinking a large block: keep it */
            *pold = *pnew = old;
            return ptr;
        }
        np = realloc(ptr, size);
        if (!np)
            return NULL;
        *pold = old;
        *pnew = malloc_usable_size(np);
        return np;
    }
    if (size <= js_slab_class_size[cls]) {
        *pold = *pnew = js_slab_class_size[cls];
        return ptr;
    }
    {
        size_t old = js_slab_class_size[cls], usable;
        void *np = js_alloc_block(a, size, &usable);
        if (!np)
            return NULL;
        memcpy(np, ptr, old < size ? old : size);
        js_free_block(a, ptr);
        *pold = old;
        *pnew = usable;
        return np;
    }
}

void js_alloc_state_free(JSAllocState *a)
{
    JSSlabChunk *c = a->chunks;
    while (c) {
        JSSlabChunk *next = c->next;
        free(c);
        c = next;
    }
    free(a->set);
    memset(a, 0, sizeof(*a));
}
#endif /* WEFT_NO_SLAB */

#ifdef WEFT_NO_SLAB
void js_alloc_state_free(JSAllocState *a) { memset(a, 0, sizeof(*a)); }
#endif
