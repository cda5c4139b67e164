/*
 * weakref.c — the per-object list of weak records and its clearing when
 * the object dies. See weakref.h for the design.
 */
#include "weakref.h"

void js_weakref_link(JSObject *target, JSWeakRefRecord *wr, JSWeakRefTargetFreed *target_freed)
{
    wr->target_freed = target_freed;
    wr->next = target->first_weak_ref;
    if (wr->next)
        wr->next->pprev = &wr->next;
    wr->pprev = &target->first_weak_ref;
    target->first_weak_ref = wr;
}

void js_weakref_unlink(JSWeakRefRecord *wr)
{
    if (!wr->pprev)
        return;
    *wr->pprev = wr->next;
    if (wr->next)
        wr->next->pprev = wr->pprev;
    wr->next = NULL;
    wr->pprev = NULL;
}

void js_weakref_object_freed(JSRuntime *rt, JSObject *p)
{
    /* always take the head: a callback may free holders whose own records
       on p are then unlinked by their finalizers */
    while (p->first_weak_ref) {
        JSWeakRefRecord *wr = p->first_weak_ref;
        js_weakref_unlink(wr);
        wr->target_freed(rt, wr);
    }
}
