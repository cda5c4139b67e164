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
#include <sys/mman.h>

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
    uint8_t cls;
} JSSlabChunk;

/* a mapping chunks are carved from (JS_SLAB_REGION_CHUNKS of them, plus
   one chunk of slack to align the first) */
#define JS_SLAB_REGION_CHUNKS 32
typedef struct JSSlabRegion {
    struct JSSlabRegion *next;
    void *base;
    size_t size;
} JSSlabRegion;

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
/* a chunk from the current region or from a new one (NULL when out of
   memory). aligned_alloc would do, but glibc splits each aligned block off
   a larger one, and the pieces it frees cost pages of their own. */
static JSSlabChunk *js_slab_new_chunk(JSAllocState *a)
{
    JSSlabChunk *c;
    if (a->region_next == a->region_end) {
        size_t size = (JS_SLAB_REGION_CHUNKS + 1) * (size_t)JS_SLAB_CHUNK_SIZE;
        JSSlabRegion *r = malloc(sizeof(*r));
        void *base = r ? mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                              -1, 0)
                       : MAP_FAILED;
        uintptr_t first;
        if (base == MAP_FAILED) {
            free(r);
            return NULL;
        }
        r->base = base;
        r->size = size;
        r->next = a->regions;
        a->regions = r;
        first = ((uintptr_t)base + JS_SLAB_CHUNK_SIZE - 1) & ~(uintptr_t)(JS_SLAB_CHUNK_SIZE - 1);
        a->region_next = (uint8_t *)first;
        a->region_end = a->region_next + JS_SLAB_REGION_CHUNKS * (size_t)JS_SLAB_CHUNK_SIZE;
    }
    c = (JSSlabChunk *)a->region_next;
    a->region_next += JS_SLAB_CHUNK_SIZE;
    return c;
}

/* a block of class cls from the newest chunk's untouched rest, or from a
   new chunk (NULL when out of memory) */
static void *js_slab_carve(JSAllocState *a, int cls)
{
    size_t bsize = js_slab_class_size[cls];
    JSSlabChunk *c;
    void *p;
    if (a->bump[cls] && a->bump[cls] + bsize <= a->bump_end[cls]) {
        p = a->bump[cls];
        a->bump[cls] += bsize;
        return p;
    }
    c = js_slab_new_chunk(a);
    if (!c || !js_slab_set_insert(a, (uintptr_t)c))
        return NULL; /* an unregistered chunk is simply never used */
    c->cls = cls;
    a->chunk_count++;
    p = (uint8_t *)c + JS_SLAB_HEADER;
    a->bump[cls] = (uint8_t *)p + bsize;
    a->bump_end[cls] = (uint8_t *)c + JS_SLAB_CHUNK_SIZE;
    return p;
}

#endif /* WEFT_NO_SLAB */

void *js_alloc_block(JSAllocState *a, size_t size, size_t *pusable)
{
#ifndef WEFT_NO_SLAB
    if (size <= JS_SLAB_MAX) {
        int cls = js_slab_class(size);
        JSSlabFree *f = a->free_list[cls];
        if (js_unlikely(!f)) {
            void *p = js_slab_carve(a, cls);
            if (p)
                *pusable = js_slab_class_size[cls];
            return p;
        }
        a->free_list[cls] = f->next;
        /* the next block handed out is likely cold (blocks are freed in
           no particular order): start loading it now */
        __builtin_prefetch(f->next, 1);
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

bool js_block_is_slab(JSAllocState *a, void *ptr) { return false; }

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

bool js_block_is_slab(JSAllocState *a, void *ptr) { return js_block_class(a, ptr) >= 0; }

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
    JSSlabRegion *r = a->regions;
    while (r) {
        JSSlabRegion *next = r->next;
        munmap(r->base, r->size);
        free(r);
        r = next;
    }
    free(a->set);
    memset(a, 0, sizeof(*a));
}
#endif /* WEFT_NO_SLAB */

#ifdef WEFT_NO_SLAB
void js_alloc_state_free(JSAllocState *a) { memset(a, 0, sizeof(*a)); }
#endif
