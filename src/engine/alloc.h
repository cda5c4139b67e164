/*
 * alloc.h — the per-runtime block allocator behind js_malloc_rt (see
 * alloc.c). The caller (runtime.c) does the accounting with the sizes these
 * functions report.
 */
#ifndef WEFT_ALLOC_H
#define WEFT_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define JS_SLAB_CLASSES 12

#ifndef js_unlikely
#define js_unlikely(x) __builtin_expect(!!(x), 0)
#endif

struct JSSlabFree;
struct JSSlabRegion;

typedef struct JSAllocState {
    struct JSSlabFree *free_list[JS_SLAB_CLASSES];
    /* the untouched rest of each class's newest chunk, carved on demand so
       that a small runtime does not touch whole chunks */
    uint8_t *bump[JS_SLAB_CLASSES];
    uint8_t *bump_end[JS_SLAB_CLASSES];
    /* chunks come from mmap()ed regions, handed out in address order:
       pages nobody touched cost no memory */
    struct JSSlabRegion *regions;
    uint8_t *region_next, *region_end;
    uint32_t chunk_count;
    uintptr_t *set; /* chunk addresses */
    uint32_t set_size, set_count;
} JSAllocState;

/* a block of at least size bytes; *pusable receives its real size */
void *js_alloc_block(JSAllocState *a, size_t size, size_t *pusable);
/* frees a block; returns the size it had */
size_t js_free_block(JSAllocState *a, void *ptr);
/* resizes a block (NULL on failure, the old block intact) */
void *js_realloc_block(JSAllocState *a, void *ptr, size_t size, size_t *pold, size_t *pnew);
size_t js_block_size(JSAllocState *a, void *ptr);
/* whether a block comes from a slab chunk (false: it is a malloc block,
   which free() can release on any thread) */
bool js_block_is_slab(JSAllocState *a, void *ptr);
/* releases every chunk (at runtime teardown) */
void js_alloc_state_free(JSAllocState *a);

#endif /* WEFT_ALLOC_H */
