/*
 * weakref.c — the per-object list of weak records and its clearing when
 * the object dies, the per-runtime [[KeptAlive]] set, and the scheduling of
 * cleanup jobs for holders whose targets died. See weakref.h for the
 * design.
 */
#include "weakref.h"

/* ---------------------------------------------------------------------
 * Weak records
 * ------------------------------------------------------------------- */
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

JSValue js_weakref_hold_value(JSContext *ctx, JSValueConst v, JSWeakRefRecord *rec,
                              JSWeakRefTargetFreed *target_freed)
{
    if (JS_IsObject(v)) {
        js_weakref_link(js_obj(v), rec, target_freed);
        return v;
    }
    rec->pprev = NULL; /* a defined, unlinked record */
    return JS_DupValue(ctx, v);
}

void js_weakref_release_value(JSRuntime *rt, JSValue *pv, JSWeakRefRecord *rec)
{
    JSValue v = *pv;
    *pv = JS_UNDEFINED;
    if (JS_IsObject(v))
        js_weakref_unlink(rec);
    else
        JS_FreeValueRT(rt, v);
}

/* ---------------------------------------------------------------------
 * [[KeptAlive]]
 *
 * A set rather than the spec's list: deref() in a loop would otherwise
 * grow it by one entry per call until the job ends. Open addressing with
 * linear probing, keyed by the object pointer; a slot that does not hold
 * an object (the zero bits of js_mallocz are the number +0) is empty.
 * Only objects are kept: symbols are held strongly by their holders.
 * ------------------------------------------------------------------- */
#define JS_WEAKREF_KEPT_MIN_SIZE 16

static uint32_t js_weakref_kept_hash(JSValueConst v, uint32_t size)
{
    uint64_t x = (uint64_t)(uintptr_t)JS_VALUE_GET_PTR(v) >> 4;
    return (uint32_t)((x * 0x9e3779b97f4a7c15ull) >> 32) & (size - 1);
}

/* the slot holding v, or the empty slot where it belongs */
static JSValue *js_weakref_kept_slot(JSValue *tab, uint32_t size, JSValueConst v)
{
    uint32_t i = js_weakref_kept_hash(v, size);
    while (JS_IsObject(tab[i]) && tab[i] != v)
        i = (i + 1) & (size - 1);
    return &tab[i];
}

static int js_weakref_kept_grow(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    uint32_t new_size =
        rt->weakref_kept_size ? rt->weakref_kept_size * 2 : JS_WEAKREF_KEPT_MIN_SIZE;
    JSValue *tab = js_mallocz(ctx, sizeof(JSValue) * new_size);
    if (!tab)
        return -1;
    for (uint32_t i = 0; i < rt->weakref_kept_size; i++) {
        JSValue v = rt->weakref_kept[i];
        if (JS_IsObject(v))
            *js_weakref_kept_slot(tab, new_size, v) = v;
    }
    js_free(ctx, rt->weakref_kept);
    rt->weakref_kept = tab;
    rt->weakref_kept_size = new_size;
    return 0;
}

int js_weakref_keep_alive(JSContext *ctx, JSValueConst target)
{
    JSRuntime *rt = ctx->rt;
    JSValue *slot;
    if (!JS_IsObject(target))
        return 0;
    /* at most half full, so probes stay short and always end */
    if (2 * (rt->weakref_kept_count + 1) > rt->weakref_kept_size && js_weakref_kept_grow(ctx) < 0)
        return -1;
    slot = js_weakref_kept_slot(rt->weakref_kept, rt->weakref_kept_size, target);
    if (*slot != target) {
        *slot = JS_DupValue(ctx, target);
        rt->weakref_kept_count++;
    }
    return 0;
}

void js_weakref_clear_kept_objects(JSRuntime *rt)
{
    JSValue *tab = rt->weakref_kept;
    uint32_t size = rt->weakref_kept_size;
    if (!tab)
        return;
    /* detach first: freeing the targets may free other holders */
    rt->weakref_kept = NULL;
    rt->weakref_kept_size = 0;
    rt->weakref_kept_count = 0;
    for (uint32_t i = 0; i < size; i++) {
        if (JS_IsObject(tab[i]))
            JS_FreeValueRT(rt, tab[i]);
    }
    js_free_rt(rt, tab);
}

void js_weakref_job_ended(JSRuntime *rt)
{
    /* a job run (or a queue drained) from inside JS is not the end of the
       synchronous execution the spec's ClearKeptObjects waits for */
    if (!rt->current_stack_frame)
        js_weakref_clear_kept_objects(rt);
}

/* ---------------------------------------------------------------------
 * Cleanup jobs
 * ------------------------------------------------------------------- */
void js_weakref_cleanup_init(JSWeakRefCleanup *c, JSObject *holder, JSContext *realm,
                             JSJobFunc *job_func)
{
    init_list_head(&c->link);
    c->state = JS_WEAKREF_CLEANUP_IDLE;
    c->holder = holder;
    c->realm = realm;
    c->job_func = job_func;
}

void js_weakref_cleanup_schedule(JSRuntime *rt, JSWeakRefCleanup *c)
{
    if (c->state != JS_WEAKREF_CLEANUP_IDLE)
        return;
    c->state = JS_WEAKREF_CLEANUP_SCHEDULED;
    list_add_tail(&c->link, &rt->weakref_cleanup_list);
}

void js_weakref_cleanup_finished(JSRuntime *rt, JSWeakRefCleanup *c, bool more_work)
{
    c->state = JS_WEAKREF_CLEANUP_IDLE;
    if (more_work)
        js_weakref_cleanup_schedule(rt, c);
}

void js_weakref_cleanup_cancel(JSWeakRefCleanup *c)
{
    if (c->state == JS_WEAKREF_CLEANUP_SCHEDULED)
        list_del(&c->link);
    c->state = JS_WEAKREF_CLEANUP_IDLE;
}

bool js_weakref_cleanup_pending(JSRuntime *rt)
{
    return !list_empty(&rt->weakref_cleanup_list);
}

int js_weakref_enqueue_cleanup_jobs(JSRuntime *rt, JSContext **pctx)
{
    while (!list_empty(&rt->weakref_cleanup_list)) {
        JSWeakRefCleanup *c = list_entry(rt->weakref_cleanup_list.next, JSWeakRefCleanup, link);
        /* outside the collector: the holder is alive (a dying holder
           cancels its schedule in its finalizer) */
        JSValue holder = js_obj_value(c->holder);
        int ret = JS_EnqueueJob(c->realm, c->job_func, 1, &holder);
        list_del(&c->link);
        c->state = ret < 0 ? JS_WEAKREF_CLEANUP_IDLE : JS_WEAKREF_CLEANUP_QUEUED;
        if (ret < 0) {
            /* staying scheduled would fail again on every call of a host
               that retries; its next dying target schedules it again */
            *pctx = c->realm;
            return -1;
        }
    }
    return 0;
}
