/*
 * gc.c — freeing values and the cycle collector (trial deletion).
 *
 * Every GC node is on rt->gc_obj_list. A node whose count drops to zero is
 * moved to rt->gc_zero_ref_count_list and freed by js_free_zero_refcount,
 * a loop: freeing a node drops the counts of its children, which queues
 * them behind it instead of recursing.
 *
 * js_run_gc finds unreachable cycles:
 *  1. decref: for every node, subtract one from each GC node it references.
 *     A node left with a positive count is referenced from outside the GC
 *     graph (a C local, a frame, the embedder) and is a root.
 *  2. nodes at zero move to a candidate list (mark 1);
 *  3. scan: walk the live list (which grows as candidates are rescued),
 *     adding back the subtracted references; a candidate that gets one is
 *     alive and returns to the live list;
 *  4. what remains a candidate is garbage (mark 2): first every garbage node
 *     releases its references (drops on other garbage are ignored thanks to
 *     the mark), then the memory of all of them is freed.
 */
#include "gc.h"
#include "module.h"
#include "function.h"
#include "object.h"
#include "runtime.h"
#include "shape.h"
#include "str.h"

static void js_var_ref_free_children(JSRuntime *rt, JSVarRef *r)
{
    JSValue v = r->value;
    r->value = JS_UNDEFINED;
    JS_FreeValueRT(rt, v);
}

static void gc_free_children(JSRuntime *rt, JSGCObjectHeader *h)
{
    switch (h->gc_obj_type) {
    case JS_GC_OBJ_TYPE_JS_OBJECT:
        js_object_free_children(rt, (JSObject *)h);
        break;
    case JS_GC_OBJ_TYPE_FUNCTION_BYTECODE:
        js_bytecode_free_children(rt, (struct JSFunctionBytecode *)h);
        break;
    case JS_GC_OBJ_TYPE_SHAPE:
        js_shape_free_children(rt, (JSShape *)h);
        break;
    case JS_GC_OBJ_TYPE_VAR_REF:
        js_var_ref_free_children(rt, (JSVarRef *)h);
        break;
    case JS_GC_OBJ_TYPE_JS_CONTEXT:
        js_context_free_children(rt, (JSContext *)h);
        break;
    case JS_GC_OBJ_TYPE_MODULE:
        js_module_free_children(rt, (JSModuleDef *)h);
        break;
    default:
        abort();
    }
}

static void gc_free_memory(JSRuntime *rt, JSGCObjectHeader *h)
{
    if (h->gc_obj_type == JS_GC_OBJ_TYPE_SHAPE)
        js_shape_free_memory(rt, (JSShape *)h);
    else
        js_free_rt(rt, h);
}

static void gc_mark_children(JSRuntime *rt, JSGCObjectHeader *h, JSMarkFunc *mark_func)
{
    switch (h->gc_obj_type) {
    case JS_GC_OBJ_TYPE_JS_OBJECT:
        js_object_mark(rt, (JSObject *)h, mark_func);
        break;
    case JS_GC_OBJ_TYPE_FUNCTION_BYTECODE:
        js_bytecode_mark(rt, (struct JSFunctionBytecode *)h, mark_func);
        break;
    case JS_GC_OBJ_TYPE_SHAPE:
        js_shape_mark(rt, (JSShape *)h, mark_func);
        break;
    case JS_GC_OBJ_TYPE_VAR_REF:
        js_gc_mark_value(rt, ((JSVarRef *)h)->value, mark_func);
        break;
    case JS_GC_OBJ_TYPE_JS_CONTEXT:
        js_context_mark(rt, (JSContext *)h, mark_func);
        break;
    case JS_GC_OBJ_TYPE_MODULE:
        js_module_mark(rt, (JSModuleDef *)h, mark_func);
        break;
    default:
        abort();
    }
}

void js_gc_mark_value(JSRuntime *rt, JSValueConst v, JSMarkFunc *mark_func)
{
    int tag = JS_VALUE_GET_TAG(v);
    if (tag == JS_TAG_OBJECT || tag == JS_TAG_FUNCTION_BYTECODE || tag == JS_TAG_MODULE)
        mark_func(rt, JS_VALUE_GET_PTR(v));
}

void JS_MarkValue(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    js_gc_mark_value(rt, val, mark_func);
}

static void js_free_zero_refcount(JSRuntime *rt)
{
    rt->freeing_zero_refs = true;
    while (!list_empty(&rt->gc_zero_ref_count_list)) {
        JSGCObjectHeader *h = list_entry(rt->gc_zero_ref_count_list.next, JSGCObjectHeader, link);
        list_del(&h->link);
        gc_free_children(rt, h);
        gc_free_memory(rt, h);
    }
    rt->freeing_zero_refs = false;
}

void js_gc_free_node(JSRuntime *rt, JSGCObjectHeader *h)
{
    if (js_gc_node_is_garbage(rt, h))
        return;
    list_del(&h->link);
    list_add_tail(&h->link, &rt->gc_zero_ref_count_list);
    if (!rt->freeing_zero_refs)
        js_free_zero_refcount(rt);
}

void __JS_FreeValueRT(JSRuntime *rt, JSValue v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_STRING:
    case JS_TAG_SYMBOL:
        js_free_string_rt(rt, JS_VALUE_GET_PTR(v));
        break;
    case JS_TAG_BIG_INT:
        js_free_rt(rt, JS_VALUE_GET_PTR(v));
        break;
    case JS_TAG_OBJECT:
    case JS_TAG_FUNCTION_BYTECODE:
    case JS_TAG_MODULE:
        js_gc_free_node(rt, JS_VALUE_GET_PTR(v));
        break;
    default:
        abort();
    }
}

void __JS_FreeValue(JSContext *ctx, JSValue v) { __JS_FreeValueRT(ctx->rt, v); }

JSVarRef *js_new_var_ref(JSContext *ctx, JSValue init)
{
    JSVarRef *r = js_malloc(ctx, sizeof(JSVarRef));
    if (!r) {
        JS_FreeValue(ctx, init);
        return NULL;
    }
    js_gc_init_node(ctx->rt, &r->header, JS_GC_OBJ_TYPE_VAR_REF);
    r->value = init;
    return r;
}

/* ---------------------------------------------------------------------
 * Cycle collection
 * ------------------------------------------------------------------- */
static void gc_decref_child(JSRuntime *rt, void *gp)
{
    JSGCObjectHeader *h = gp;
    h->ref_count--;
}

static void gc_scan_incref_child(JSRuntime *rt, void *gp)
{
    JSGCObjectHeader *h = gp;
    h->ref_count++;
    if (h->mark == 1) {
        h->mark = 0;
        list_del(&h->link);
        list_add_tail(&h->link, &rt->gc_obj_list);
    }
}

static void gc_decref(JSRuntime *rt)
{
    struct list_head *el, *el1;
    rt->gc_phase = JS_GC_PHASE_DECREF;
    list_for_each(el, &rt->gc_obj_list) {
        gc_mark_children(rt, list_entry(el, JSGCObjectHeader, link), gc_decref_child);
    }
    init_list_head(&rt->tmp_obj_list);
    list_for_each_safe(el, el1, &rt->gc_obj_list) {
        JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
        if (h->ref_count == 0) {
            h->mark = 1;
            list_del(&h->link);
            list_add_tail(&h->link, &rt->tmp_obj_list);
        }
    }
}

static void gc_restore_child(JSRuntime *rt, void *gp)
{
    ((JSGCObjectHeader *)gp)->ref_count++;
}

static void gc_scan(JSRuntime *rt)
{
    struct list_head *el;
    /* nodes rescued by gc_scan_incref_child are appended to the list and
       visited by this same loop */
    list_for_each(el, &rt->gc_obj_list) {
        gc_mark_children(rt, list_entry(el, JSGCObjectHeader, link), gc_scan_incref_child);
    }
    /* the garbage still holds its references until gc_free_cycles drops
       them: give them back, or edges from garbage to live nodes (a dead
       object's shape to a live prototype) would be released twice */
    list_for_each(el, &rt->tmp_obj_list) {
        gc_mark_children(rt, list_entry(el, JSGCObjectHeader, link), gc_restore_child);
    }
}

static void gc_free_cycles(JSRuntime *rt)
{
    struct list_head *el, *el1;
    rt->gc_phase = JS_GC_PHASE_REMOVE_CYCLES;
    list_for_each(el, &rt->tmp_obj_list) {
        list_entry(el, JSGCObjectHeader, link)->mark = 2;
    }
    list_for_each(el, &rt->tmp_obj_list) {
        gc_free_children(rt, list_entry(el, JSGCObjectHeader, link));
    }
    list_for_each_safe(el, el1, &rt->tmp_obj_list) {
        JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
        list_del(&h->link);
        gc_free_memory(rt, h);
    }
    rt->gc_phase = JS_GC_PHASE_NONE;
}

void JS_RunGC(JSRuntime *rt)
{
    if (rt->gc_phase != JS_GC_PHASE_NONE)
        return;
    gc_decref(rt);
    gc_scan(rt);
    gc_free_cycles(rt);
}

void js_gc_maybe_run(JSRuntime *rt)
{
    size_t t;
    if (rt->malloc_size < rt->gc_threshold || rt->gc_phase != JS_GC_PHASE_NONE)
        return;
    JS_RunGC(rt);
    t = rt->malloc_size + rt->malloc_size / 2;
    rt->gc_threshold = t < 256 * 1024 ? 256 * 1024 : t;
}

void JS_SetGCThreshold(JSRuntime *rt, size_t gc_threshold) { rt->gc_threshold = gc_threshold; }
