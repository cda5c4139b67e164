/*
 * weakref.c (builtins) — WeakRef and FinalizationRegistry (ECMA-262
 * §26.1, §26.2), built on the weak records of ../weakref.h.
 *
 * A WeakRef's opaque is a JSWeakRefData: its target, held through a weak
 * record that clears it when the target dies. A FinalizationRegistry's
 * opaque is a JSFinRecData: its cleanup callback, its realm and two lists
 * of cells — cells whose target lives, and "pending" cells whose target
 * died and whose callback is due. A dying target only moves its cell to
 * the pending list and schedules the registry (the collector may be
 * running: no allocation, no JS); the job queue turns the schedule into a
 * cleanup job that calls the callback once per pending cell.
 *
 * Weakly held values (targets, unregister tokens) are stored as
 * js_weakref_hold_value makes them: objects are not counted and never
 * marked for the collector; symbols are counted (see ../weakref.h for
 * why). Held values are strong and marked.
 *
 * FinalizationRegistry.prototype.cleanupSome is a proposal (stage 2) and
 * is not provided.
 */
#include "builtins.h"
#include "../gc.h"
#include "../object.h"
#include "../weakref.h"

/* ---------------------------------------------------------------------
 * WeakRef
 * ------------------------------------------------------------------- */
typedef struct JSWeakRefData {
    JSValue target; /* weakly held */
    JSWeakRefRecord rec;
} JSWeakRefData;

static void js_weakref_target_freed(JSRuntime *rt, JSWeakRefRecord *wr)
{
    list_entry(wr, JSWeakRefData, rec)->target = JS_UNDEFINED;
}

static void js_weakref_finalizer(JSRuntime *rt, JSValue val)
{
    JSWeakRefData *d = js_obj(val)->u.opaque;
    if (!d)
        return;
    js_obj(val)->u.opaque = NULL;
    js_weakref_release_value(rt, &d->target, &d->rec);
    js_free_rt(rt, d);
}

static JSValue js_weakref_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                      JSValueConst *argv)
{
    JSValueConst target = argv[0];
    JSWeakRefData *d;
    JSValue obj;
    if (!js_weakref_can_be_held_weakly(target))
        return JS_ThrowTypeError(ctx, "WeakRef: invalid target");
    obj = js_create_from_ctor(ctx, new_target, JS_CLASS_WEAKREF);
    if (JS_IsException(obj))
        return obj;
    d = js_malloc(ctx, sizeof(*d));
    if (!d)
        goto fail;
    d->target = js_weakref_hold_value(ctx, target, &d->rec, js_weakref_target_freed);
    js_obj(obj)->u.opaque = d;
    if (js_weakref_keep_alive(ctx, target) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* WeakRef.prototype.deref: WeakRefDeref, which keeps a live target alive
   until the current job ends */
static JSValue js_weakref_deref(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSWeakRefData *d = NULL;
    if (JS_IsObject(this_val) && js_obj(this_val)->class_id == JS_CLASS_WEAKREF)
        d = js_obj(this_val)->u.opaque;
    if (!d)
        return JS_ThrowTypeError(ctx, "WeakRef.prototype.deref called on an incompatible "
                                      "receiver (not a WeakRef)");
    if (JS_IsUndefined(d->target))
        return JS_UNDEFINED;
    if (js_weakref_keep_alive(ctx, d->target) < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, d->target);
}

/* ---------------------------------------------------------------------
 * FinalizationRegistry
 * ------------------------------------------------------------------- */
typedef struct JSFinRecData JSFinRecData;

typedef struct JSFinRecCell {
    struct list_head link; /* in its registry's cells or pending list */
    JSFinRecData *reg;
    JSValue target; /* weakly held; JS_UNDEFINED on the pending list */
    JSValue token;  /* weakly held; JS_UNDEFINED when none was given */
    JSValue held;
    JSWeakRefRecord target_rec;
    JSWeakRefRecord token_rec;
} JSFinRecCell;

struct JSFinRecData {
    JSValue callback;
    JSContext *realm;         /* [[Realm]], where the cleanup job runs (counted) */
    struct list_head cells;   /* cells whose target lives */
    struct list_head pending; /* cells whose target died: callback due */
    JSWeakRefCleanup cleanup;
};

static JSFinRecData *js_finrec_get(JSContext *ctx, JSValueConst this_val, const char *method)
{
    JSFinRecData *reg = NULL;
    if (JS_IsObject(this_val) && js_obj(this_val)->class_id == JS_CLASS_FINALIZATION_REGISTRY)
        reg = js_obj(this_val)->u.opaque;
    if (!reg)
        JS_ThrowTypeError(ctx,
                          "FinalizationRegistry.prototype.%s called on an incompatible "
                          "receiver (not a FinalizationRegistry)",
                          method);
    return reg;
}

static void js_finrec_target_freed(JSRuntime *rt, JSWeakRefRecord *wr)
{
    JSFinRecCell *c = list_entry(wr, JSFinRecCell, target_rec);
    c->target = JS_UNDEFINED;
    list_del(&c->link);
    list_add_tail(&c->link, &c->reg->pending);
    js_weakref_cleanup_schedule(rt, &c->reg->cleanup);
}

static void js_finrec_token_freed(JSRuntime *rt, JSWeakRefRecord *wr)
{
    list_entry(wr, JSFinRecCell, token_rec)->token = JS_UNDEFINED;
}

/* takes c off its registry and drops its weak values; this cannot free
   objects, so no record callback can run meanwhile. The held value stays
   for js_finrec_cell_free. */
static void js_finrec_cell_detach(JSRuntime *rt, JSFinRecCell *c)
{
    list_del(&c->link);
    js_weakref_release_value(rt, &c->target, &c->target_rec);
    js_weakref_release_value(rt, &c->token, &c->token_rec);
}

/* frees a detached cell (its held value may free anything) */
static void js_finrec_cell_free(JSRuntime *rt, JSFinRecCell *c)
{
    JSValue held = c->held;
    js_free_rt(rt, c);
    JS_FreeValueRT(rt, held);
}

/* frees the cells of a list of detached cells */
static void js_finrec_free_detached(JSRuntime *rt, struct list_head *detached)
{
    while (!list_empty(detached)) {
        JSFinRecCell *c = list_entry(detached->next, JSFinRecCell, link);
        list_del(&c->link);
        js_finrec_cell_free(rt, c);
    }
}

/* detaches every cell of list onto detached */
static void js_finrec_detach_all(JSRuntime *rt, struct list_head *list, struct list_head *detached)
{
    while (!list_empty(list)) {
        JSFinRecCell *c = list_entry(list->next, JSFinRecCell, link);
        js_finrec_cell_detach(rt, c);
        list_add_tail(&c->link, detached);
    }
}

static void js_finrec_finalizer(JSRuntime *rt, JSValue val)
{
    JSFinRecData *reg = js_obj(val)->u.opaque;
    struct list_head detached;
    if (!reg)
        return;
    js_obj(val)->u.opaque = NULL;
    js_weakref_cleanup_cancel(&reg->cleanup);
    /* unlink every record before freeing any held value, so that no
       target dying meanwhile calls back into this registry */
    init_list_head(&detached);
    js_finrec_detach_all(rt, &reg->cells, &detached);
    js_finrec_detach_all(rt, &reg->pending, &detached);
    js_finrec_free_detached(rt, &detached);
    JS_FreeValueRT(rt, reg->callback);
    JS_FreeContext(reg->realm);
    js_free_rt(rt, reg);
}

static void js_finrec_mark_list(JSRuntime *rt, struct list_head *list, JSMarkFunc *mark_func)
{
    struct list_head *el;
    list_for_each(el, list)
    {
        js_gc_mark_value(rt, list_entry(el, JSFinRecCell, link)->held, mark_func);
    }
}

static void js_finrec_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSFinRecData *reg = js_obj(val)->u.opaque;
    if (!reg)
        return;
    js_gc_mark_value(rt, reg->callback, mark_func);
    mark_func(rt, &reg->realm->header);
    js_finrec_mark_list(rt, &reg->cells, mark_func);
    js_finrec_mark_list(rt, &reg->pending, mark_func);
}

/* the cleanup job (CleanupFinalizationRegistry): argv[0] is the registry.
   A callback that throws ends the job; the cells left get another job. */
static JSValue js_finrec_cleanup_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    JSFinRecData *reg = js_obj(argv[0])->u.opaque;
    while (!list_empty(&reg->pending)) {
        JSFinRecCell *c = list_entry(reg->pending.next, JSFinRecCell, link);
        JSValue held, ret;
        js_finrec_cell_detach(ctx->rt, c);
        held = c->held;
        js_free(ctx, c);
        ret = JS_Call(ctx, reg->callback, JS_UNDEFINED, 1, &held);
        JS_FreeValue(ctx, held);
        if (JS_IsException(ret)) {
            js_weakref_cleanup_finished(ctx->rt, &reg->cleanup, !list_empty(&reg->pending));
            return ret;
        }
        JS_FreeValue(ctx, ret);
    }
    js_weakref_cleanup_finished(ctx->rt, &reg->cleanup, false);
    return JS_UNDEFINED;
}

static JSValue js_finrec_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                     JSValueConst *argv)
{
    JSFinRecData *reg;
    JSValue obj;
    if (!JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry: cleanup callback is not a function");
    obj = js_create_from_ctor(ctx, new_target, JS_CLASS_FINALIZATION_REGISTRY);
    if (JS_IsException(obj))
        return obj;
    reg = js_malloc(ctx, sizeof(*reg));
    if (!reg) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    reg->callback = JS_DupValue(ctx, argv[0]);
    reg->realm = JS_DupContext(ctx);
    init_list_head(&reg->cells);
    init_list_head(&reg->pending);
    js_weakref_cleanup_init(&reg->cleanup, js_obj(obj), reg->realm, js_finrec_cleanup_job);
    js_obj(obj)->u.opaque = reg;
    return obj;
}

/* FinalizationRegistry.prototype.register(target, heldValue, unregisterToken) */
static JSValue js_finrec_register(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSFinRecData *reg = js_finrec_get(ctx, this_val, "register");
    JSValueConst target = argv[0], held = argv[1], token = argc > 2 ? argv[2] : JS_UNDEFINED;
    JSFinRecCell *c;
    if (!reg)
        return JS_EXCEPTION;
    if (!js_weakref_can_be_held_weakly(target))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry.prototype.register: invalid target");
    /* SameValue: the target is an object or a symbol, compared by identity */
    if (target == held)
        return JS_ThrowTypeError(ctx, "FinalizationRegistry.prototype.register: the held value "
                                      "cannot be the target");
    if (!js_weakref_can_be_held_weakly(token) && !JS_IsUndefined(token))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry.prototype.register: invalid "
                                      "unregister token");
    c = js_malloc(ctx, sizeof(*c));
    if (!c)
        return JS_EXCEPTION;
    c->reg = reg;
    c->held = JS_DupValue(ctx, held);
    c->target = js_weakref_hold_value(ctx, target, &c->target_rec, js_finrec_target_freed);
    c->token = js_weakref_hold_value(ctx, token, &c->token_rec, js_finrec_token_freed);
    list_add_tail(&c->link, &reg->cells);
    return JS_UNDEFINED;
}

/* detaches onto detached the cells of reg whose token is the object p:
   they are found through p's own weak records */
static void js_finrec_detach_object_token(JSRuntime *rt, JSFinRecData *reg, JSObject *p,
                                          struct list_head *detached)
{
    JSWeakRefRecord *wr, *next;
    for (wr = p->first_weak_ref; wr; wr = next) {
        JSFinRecCell *c;
        next = wr->next;
        if (wr->target_freed != js_finrec_token_freed)
            continue;
        c = list_entry(wr, JSFinRecCell, token_rec);
        if (c->reg != reg)
            continue;
        /* the cell's target record may be on p too (token == target) */
        if (next == &c->target_rec)
            next = next->next;
        js_finrec_cell_detach(rt, c);
        list_add_tail(&c->link, detached);
    }
}

/* detaches onto detached the cells of list whose token is the symbol sym */
static void js_finrec_detach_symbol_token(JSRuntime *rt, struct list_head *list, JSValueConst sym,
                                          struct list_head *detached)
{
    struct list_head *el, *el1;
    list_for_each_safe(el, el1, list)
    {
        JSFinRecCell *c = list_entry(el, JSFinRecCell, link);
        if (c->token == sym) {
            js_finrec_cell_detach(rt, c);
            list_add_tail(&c->link, detached);
        }
    }
}

/* FinalizationRegistry.prototype.unregister(unregisterToken): removes the
   cells registered with the token, pending ones included */
static JSValue js_finrec_unregister(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    JSFinRecData *reg = js_finrec_get(ctx, this_val, "unregister");
    JSValueConst token = argv[0];
    struct list_head detached;
    bool removed;
    if (!reg)
        return JS_EXCEPTION;
    if (!js_weakref_can_be_held_weakly(token))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry.prototype.unregister: invalid "
                                      "unregister token");
    init_list_head(&detached);
    if (JS_IsObject(token)) {
        js_finrec_detach_object_token(ctx->rt, reg, js_obj(token), &detached);
    } else {
        js_finrec_detach_symbol_token(ctx->rt, &reg->cells, token, &detached);
        js_finrec_detach_symbol_token(ctx->rt, &reg->pending, token, &detached);
    }
    removed = !list_empty(&detached);
    /* held values are freed once no list is being walked */
    js_finrec_free_detached(ctx->rt, &detached);
    return JS_NewBool(ctx, removed);
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_weakref_proto_funcs[] = {
    JS_CFUNC_DEF("deref", 0, js_weakref_deref),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakRef", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_finrec_proto_funcs[] = {
    JS_CFUNC_DEF("register", 2, js_finrec_register),
    JS_CFUNC_DEF("unregister", 1, js_finrec_unregister),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "FinalizationRegistry", JS_PROP_CONFIGURABLE),
};

void js_weakref_init_classes(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_WEAKREF].finalizer = js_weakref_finalizer;
    rt->class_array[JS_CLASS_FINALIZATION_REGISTRY].finalizer = js_finrec_finalizer;
    rt->class_array[JS_CLASS_FINALIZATION_REGISTRY].gc_mark = js_finrec_mark;
}

static int js_weakref_init_class(JSContext *ctx, JSClassID class_id, JSAtom name,
                                 JSCFunction *ctor_func, const JSCFunctionListEntry *tab, int len)
{
    JSValue proto = JS_NewObject(ctx), ctor;
    if (JS_IsException(proto))
        return -1;
    JS_SetClassProto(ctx, class_id, proto);
    if (JS_SetPropertyFunctionList(ctx, proto, tab, len) < 0)
        return -1;
    ctor = js_define_constructor(ctx, name, ctor_func, 1, JS_CFUNC_constructor, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctor);
    return 0;
}

int js_init_weakref(JSContext *ctx)
{
    if (js_weakref_init_class(ctx, JS_CLASS_WEAKREF, JS_ATOM_WeakRef, js_weakref_constructor,
                              js_weakref_proto_funcs, countof(js_weakref_proto_funcs)) < 0)
        return -1;
    return js_weakref_init_class(ctx, JS_CLASS_FINALIZATION_REGISTRY, JS_ATOM_FinalizationRegistry,
                                 js_finrec_constructor, js_finrec_proto_funcs,
                                 countof(js_finrec_proto_funcs));
}
