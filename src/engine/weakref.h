/*
 * weakref.h — weak references to objects, the [[KeptAlive]] list and the
 * scheduling of finalization cleanup jobs (ECMA-262, "Processing Model of
 * WeakRef and FinalizationRegistry Targets").
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
 * Symbols may also be held weakly by the spec, but a symbol carries no
 * record list and the atom layer does not report a symbol's death: holders
 * keep symbols with a counted (strong) reference. A symbol references
 * nothing, so this only delays freeing its own memory until the holder
 * dies, never creates a cycle; the spec allows it (liveness is a lower
 * bound on what may be collected, never an obligation).
 *
 * Target-freed callbacks run inside the collector or the zero-count
 * freeing loop: they must not allocate, run JS or take references. A
 * holder with work for JS (a FinalizationRegistry whose targets died)
 * schedules a JSWeakRefCleanup instead; the job queue turns scheduled
 * holders into jobs the next time the host runs it (JS_ExecutePendingJob),
 * which is where HostEnqueueFinalizationRegistryCleanupJob happens.
 *
 * [[KeptAlive]] (AddToKeptObjects / ClearKeptObjects) is per runtime: the
 * job queue clears it when a job ends and when the host finds the queue
 * empty, each time only if no JS is running below (see promise.c).
 *
 * Users: WeakMap/WeakSet entries (builtins/map.c), WeakRef and
 * FinalizationRegistry (builtins/weakref.c).
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

/* A weakly held value is stored as a JSValue: an object with rec linked
   on it (not counted), a symbol (counted), or any other value as given
   (JS_UNDEFINED for "none"). hold returns what to store; release drops a
   stored value and leaves JS_UNDEFINED. A target_freed callback finds the
   value already gone from the object's list and only overwrites the
   stored value with JS_UNDEFINED. */
JSValue js_weakref_hold_value(JSContext *ctx, JSValueConst v, JSWeakRefRecord *rec,
                              JSWeakRefTargetFreed *target_freed);
void js_weakref_release_value(JSRuntime *rt, JSValue *pv, JSWeakRefRecord *rec);

/* CanBeHeldWeakly: objects, and symbols not created by Symbol.for */
static inline bool js_weakref_can_be_held_weakly(JSValueConst v)
{
    if (JS_IsObject(v))
        return true;
    if (JS_IsSymbol(v))
        return ((JSString *)JS_VALUE_GET_PTR(v))->atom_type != JS_ATOM_TYPE_GLOBAL_SYMBOL;
    return false;
}

/* ---------------------------------------------------------------------
 * [[KeptAlive]]
 * ------------------------------------------------------------------- */
/* AddToKeptObjects: target stays alive until the kept objects are
   cleared. -1 on out-of-memory (exception pending). */
int js_weakref_keep_alive(JSContext *ctx, JSValueConst target);
/* ClearKeptObjects, when no JS is running (rt->current_stack_frame is
   NULL): a job or the host's script ended; else nothing */
void js_weakref_job_ended(JSRuntime *rt);
/* ClearKeptObjects unconditionally (runtime teardown) */
void js_weakref_clear_kept_objects(JSRuntime *rt);

/* ---------------------------------------------------------------------
 * Cleanup jobs
 * ------------------------------------------------------------------- */
typedef enum {
    JS_WEAKREF_CLEANUP_IDLE,
    JS_WEAKREF_CLEANUP_SCHEDULED, /* on rt->weakref_cleanup_list */
    JS_WEAKREF_CLEANUP_QUEUED,    /* its job waits in the job queue */
} JSWeakRefCleanupState;

/* Embedded in a holder that has JS work to do when weak targets die: the
   job runs job_func in realm with the holder object as its only argument
   (the job entry owns a reference to it while queued). holder and realm
   are borrowed: the holder object owns its realm reference. */
typedef struct JSWeakRefCleanup {
    struct list_head link; /* in rt->weakref_cleanup_list while scheduled */
    JSWeakRefCleanupState state;
    JSObject *holder;
    JSContext *realm;
    JSJobFunc *job_func;
} JSWeakRefCleanup;

void js_weakref_cleanup_init(JSWeakRefCleanup *c, JSObject *holder, JSContext *realm,
                             JSJobFunc *job_func);
/* asks for a job (safe in target-freed callbacks: no allocation); no-op
   while one is scheduled or queued, since that job will see the work */
void js_weakref_cleanup_schedule(JSRuntime *rt, JSWeakRefCleanup *c);
/* the job ended; more_work: work is left (a callback threw), schedule
   another job for it */
void js_weakref_cleanup_finished(JSRuntime *rt, JSWeakRefCleanup *c, bool more_work);
/* the holder is being finalized: forget the schedule */
void js_weakref_cleanup_cancel(JSWeakRefCleanup *c);
/* true when some holder is scheduled (JS_IsJobPending) */
bool js_weakref_cleanup_pending(JSRuntime *rt);
/* HostEnqueueFinalizationRegistryCleanupJob for every scheduled holder.
   -1 on out-of-memory, with the exception pending in *pctx: the holder
   that failed is unscheduled (the spec never promises a callback), the
   ones after it stay scheduled. */
int js_weakref_enqueue_cleanup_jobs(JSRuntime *rt, JSContext **pctx);

#endif /* WEFT_WEAKREF_H */
