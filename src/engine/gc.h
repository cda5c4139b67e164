/*
 * gc.h — freeing and the cycle collector.
 *
 * Reference counting frees most things the moment their count drops to
 * zero; GC nodes whose count reaches zero are queued and freed by a loop
 * (never by recursion, so dropping a million-element linked list is fine).
 * Cycles among GC nodes are found by trial deletion (js_run_gc): subtract
 * the references GC nodes hold on each other; whatever keeps a positive
 * count is referenced from outside (the C stack, the API) and is alive,
 * together with everything it reaches; the rest is garbage.
 */
#ifndef WEFT_GC_H
#define WEFT_GC_H

#include "internal.h"

/* a new node with ref_count 1, linked into rt->gc_obj_list */
static inline void js_gc_init_node(JSRuntime *rt, JSGCObjectHeader *h, int type)
{
    h->ref_count = 1;
    h->gc_obj_type = type;
    h->mark = 0;
    list_add_tail(&h->link, &rt->gc_obj_list);
}

/* true while the collector is freeing this node as part of a garbage
   cycle: whoever drops its count to zero must leave it alone */
static inline bool js_gc_node_is_garbage(JSRuntime *rt, JSGCObjectHeader *h)
{
    return h->mark == 2;
}

/* a GC node's count reached zero: queue it for freeing */
void js_gc_free_node(JSRuntime *rt, JSGCObjectHeader *h);

/* mark helpers used by the per-type mark functions */
void js_gc_mark_value(JSRuntime *rt, JSValueConst v, JSMarkFunc *mark_func);

/* runs the collector when the heap grew past the threshold */
void js_gc_maybe_run(JSRuntime *rt);

/* var refs (closure cells) */
JSVarRef *js_new_var_ref(JSContext *ctx, JSValue init);
static inline JSValue js_var_ref_value(JSVarRef *r)
{
    return JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, r);
}

#endif /* WEFT_GC_H */
