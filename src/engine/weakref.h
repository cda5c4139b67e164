/*
 * weakref.h — weak references to objects.
 *
 * With reference counting, "weak" means: the holder keeps a pointer to the
 * target without owning a reference, and registers a JSWeakRefRecord on
 * the target (a doubly linked list starting at JSObject.first_weak_ref).
 * When the target is freed (js_object_free_children), every record on it
 * is unlinked and its target_freed callback runs, so the holder drops its
 * pointer before the object's memory goes away.
 *
 * The cycle collector never sees weak pointers: holders must not report
 * them in their gc_mark hook (they hold no reference to subtract).
 *
 * Users: WeakMap/WeakSet entries (builtins/map.c); WeakRef and
 * FinalizationRegistry can register records the same way.
 */
#ifndef WEFT_WEAKREF_H
#define WEFT_WEAKREF_H

#include "internal.h"

typedef struct JSWeakRefRecord JSWeakRefRecord;

/* Called once when the target dies, after the record was unlinked. The
   callback may free values (and so other objects), but must not touch the
   target: it is being destroyed. */
typedef void JSWeakRefTargetFreed(JSRuntime *rt, JSWeakRefRecord *wr);

struct JSWeakRefRecord {
    JSWeakRefRecord *next;   /* next record on the same target */
    JSWeakRefRecord **pprev; /* the link pointing at this record; NULL when unlinked */
    JSWeakRefTargetFreed *target_freed;
};

/* registers wr (embedded in the holder's own memory) on target */
void js_weakref_link(JSObject *target, JSWeakRefRecord *wr, JSWeakRefTargetFreed *target_freed);
/* removes wr from its target's list (no-op when not linked) */
void js_weakref_unlink(JSWeakRefRecord *wr);
/* the hook of the object freeing path: clears every record on p */
void js_weakref_object_freed(JSRuntime *rt, JSObject *p);

#endif /* WEFT_WEAKREF_H */
