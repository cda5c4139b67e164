/*
 * promise.c — the promise abstract operations of ECMA-262 §27.2.1–27.2.2
 * (CreateResolvingFunctions, FulfillPromise, RejectPromise,
 * TriggerPromiseReactions, NewPromiseCapability, PromiseResolve,
 * PerformPromiseThen, the reaction and thenable jobs), the per-runtime job
 * queue and HostPromiseRejectionTracker. The JS-visible constructor and
 * methods are in builtins/promise.c.
 *
 * Representation. A promise's opaque is a JSPromiseData: its state and
 * result, [[PromiseIsHandled]], and one list of reactions. The spec keeps
 * separate fulfill and reject lists, but every PerformPromiseThen appends
 * to both at once and settling consumes one of them and drops the other,
 * so a single list of reactions holding both handlers behaves the same.
 *
 * Resolving functions. The spec gives each pair of resolving functions a
 * shared [[AlreadyResolved]] record. A promise never has two usable pairs
 * at once: a pair is created with the promise, and a new one only by the
 * thenable job, which runs after the previous pair resolved the promise
 * with that thenable. So the promise itself counts pairs: each pair
 * remembers the generation it was created in (pair_gen), and the first
 * call of either function of the live pair advances the promise's
 * generation, making both functions of the pair stale.
 *
 * Capabilities without functions. Promise.prototype.then on an intrinsic
 * %Promise% creates a capability whose resolving functions nobody but the
 * reaction can see; such a reaction keeps only the promise (cap_resolve
 * undefined) and the job settles it directly, saving two closures per
 * then(). No user code can tell the difference.
 *
 * Awaits without functions. Await(v) registers two closures that resume
 * the suspended frame; no code but the reaction ever sees them. An await
 * reaction keeps the C resume function, the frame's owner and the realm
 * instead, and its job calls the resume function directly: the same job
 * at the same tick, without two function objects per await.
 */
#include "promise.h"
#include "atom.h"
#include "conv.h"
#include "error.h"
#include "function.h"
#include "gc.h"
#include "interp.h"
#include "weakref.h"
#include "object.h"
#include "runtime.h"
#include "shape.h"

typedef struct JSPromiseReaction {
    struct list_head link;
    JSValue cap_promise; /* JS_UNDEFINED: no capability (await) */
    JSValue cap_resolve; /* JS_UNDEFINED with a cap_promise: settle it directly */
    JSValue cap_reject;
    JSValue on_fulfilled; /* JS_UNDEFINED: the value passes through; the
                             suspended state for an await */
    JSValue on_rejected;
    JSCFunctionData *await_resume; /* non-NULL: an await (no handlers) */
    JSContext *await_realm;        /* a reference, with await_resume */
} JSPromiseReaction;

typedef struct JSPromiseData {
    JSPromiseStateEnum state;
    bool is_handled;
    uint32_t pair_gen; /* generation of the live resolving-function pair */
    struct list_head reactions;
    JSValue result;
} JSPromiseData;

typedef struct JSJobEntry {
    struct list_head link; /* in rt->job_list */
    JSContext *realm;      /* a reference */
    JSJobFunc *job_func;
    /* an await's job instead: await_resume(realm, undefined, 1, &argv[1],
       await_magic, argv) with argv[0] the state, argv[1] the value */
    JSCFunctionData *await_resume;
    int await_magic;
    int argc;
    JSValue argv[];
} JSJobEntry;

/* the data slots of a resolving function (JS_NewCFunctionData) */
enum {
    JS_PROMISE_FUNC_PROMISE, /* the promise, JS_UNDEFINED once used */
    JS_PROMISE_FUNC_GEN,     /* the pair's generation (int32) */
    JS_PROMISE_FUNC_COUNT,
};

static JSPromiseData *js_promise_data(JSValueConst v)
{
    if (!JS_IsObject(v) || js_obj(v)->class_id != JS_CLASS_PROMISE)
        return NULL;
    return js_obj(v)->u.opaque;
}

bool js_is_promise(JSValueConst v)
{
    return js_promise_data(v) != NULL;
}

/* ---------------------------------------------------------------------
 * Class hooks
 * ------------------------------------------------------------------- */
static void js_promise_reaction_free(JSRuntime *rt, JSPromiseReaction *r)
{
    list_del(&r->link);
    JS_FreeValueRT(rt, r->cap_promise);
    JS_FreeValueRT(rt, r->cap_resolve);
    JS_FreeValueRT(rt, r->cap_reject);
    JS_FreeValueRT(rt, r->on_fulfilled);
    JS_FreeValueRT(rt, r->on_rejected);
    if (r->await_realm)
        JS_FreeContext(r->await_realm);
    js_free_rt(rt, r);
}

static void js_promise_finalizer(JSRuntime *rt, JSValue val)
{
    JSPromiseData *s = js_obj(val)->u.opaque;
    struct list_head *el, *el1;
    if (!s)
        return;
    list_for_each_safe(el, el1, &s->reactions)
        js_promise_reaction_free(rt, list_entry(el, JSPromiseReaction, link));
    JS_FreeValueRT(rt, s->result);
    js_free_rt(rt, s);
}

static void js_promise_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSPromiseData *s = js_obj(val)->u.opaque;
    struct list_head *el;
    if (!s)
        return;
    list_for_each(el, &s->reactions)
    {
        JSPromiseReaction *r = list_entry(el, JSPromiseReaction, link);
        js_gc_mark_value(rt, r->cap_promise, mark_func);
        js_gc_mark_value(rt, r->cap_resolve, mark_func);
        js_gc_mark_value(rt, r->cap_reject, mark_func);
        js_gc_mark_value(rt, r->on_fulfilled, mark_func);
        js_gc_mark_value(rt, r->on_rejected, mark_func);
        if (r->await_realm)
            mark_func(rt, &r->await_realm->header);
    }
    js_gc_mark_value(rt, s->result, mark_func);
}

void js_promise_init_classes(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_PROMISE].finalizer = js_promise_finalizer;
    rt->class_array[JS_CLASS_PROMISE].gc_mark = js_promise_mark;
}

/* ---------------------------------------------------------------------
 * The job queue
 * ------------------------------------------------------------------- */
static JSJobEntry *js_enqueue_job_entry(JSContext *ctx, JSJobFunc *job_func, int argc,
                                       JSValueConst *argv)
{
    JSJobEntry *e = js_malloc(ctx, sizeof(*e) + argc * sizeof(JSValue));
    if (!e)
        return NULL;
    e->realm = JS_DupContext(ctx);
    e->job_func = job_func;
    e->await_resume = NULL;
    e->await_magic = 0;
    e->argc = argc;
    for (int i = 0; i < argc; i++)
        e->argv[i] = JS_DupValue(ctx, argv[i]);
    list_add_tail(&e->link, &ctx->rt->job_list);
    return e;
}

int JS_EnqueueJob(JSContext *ctx, JSJobFunc *job_func, int argc, JSValueConst *argv)
{
    return js_enqueue_job_entry(ctx, job_func, argc, argv) ? 0 : -1;
}

bool JS_IsJobPending(JSRuntime *rt)
{
    return !list_empty(&rt->job_list) || js_weakref_cleanup_pending(rt);
}

static void js_job_free(JSRuntime *rt, JSJobEntry *e)
{
    for (int i = 0; i < e->argc; i++)
        JS_FreeValueRT(rt, e->argv[i]);
    JS_FreeContext(e->realm);
    js_free_rt(rt, e);
}

int JS_ExecutePendingJob(JSRuntime *rt, JSContext **pctx)
{
    JSJobEntry *e;
    JSContext *ctx;
    JSValue res;
    /* the host drained the queue: its script or callback is over (the
       targets this releases may schedule cleanups, queued just below) */
    if (list_empty(&rt->job_list))
        js_weakref_job_ended(rt);
    /* FinalizationRegistry cleanups are scheduled where objects die, which
       cannot allocate: here they become jobs */
    if (js_weakref_enqueue_cleanup_jobs(rt, pctx) < 0)
        return -1;
    if (list_empty(&rt->job_list)) {
        *pctx = NULL;
        return 0;
    }
    e = list_entry(rt->job_list.next, JSJobEntry, link);
    list_del(&e->link);
    ctx = e->realm;
    if (e->await_resume)
        res = e->await_resume(ctx, JS_UNDEFINED, 1, &e->argv[1], e->await_magic, e->argv);
    else
        res = e->job_func(ctx, e->argc, e->argv);
    JS_FreeValue(ctx, res);
    *pctx = ctx;
    js_job_free(rt, e);
    js_weakref_job_ended(rt);
    return JS_IsException(res) ? -1 : 1;
}

void js_free_job_list(JSRuntime *rt)
{
    struct list_head *el, *el1;
    js_weakref_clear_kept_objects(rt);
    list_for_each_safe(el, el1, &rt->job_list)
    {
        JSJobEntry *e = list_entry(el, JSJobEntry, link);
        list_del(&e->link);
        js_job_free(rt, e);
    }
}

/* HostEnqueuePromiseJob: the job runs in the realm of the function it
   calls (GetFunctionRealm), or the current one */
static int js_enqueue_promise_job(JSContext *ctx, JSJobFunc *job_func, JSValueConst func, int argc,
                                  JSValueConst *argv)
{
    JSContext *realm = JS_IsUndefined(func) ? ctx : js_get_function_realm(ctx, func);
    return JS_EnqueueJob(realm ? realm : ctx, job_func, argc, argv);
}

/* ---------------------------------------------------------------------
 * Exceptions and the rejection tracker
 * ------------------------------------------------------------------- */
int js_promise_take_exception(JSContext *ctx, JSValue *pexc)
{
    JSValue exc = JS_GetException(ctx);
    if (JS_IsUncatchableError(ctx, exc)) {
        /* interrupts and termination are not promise rejections */
        JS_Throw(ctx, exc);
        ctx->rt->current_exception_is_uncatchable = true;
        *pexc = JS_UNDEFINED;
        return -1;
    }
    *pexc = exc;
    return 0;
}

static void js_promise_track(JSContext *ctx, JSValueConst promise, JSValueConst reason,
                             bool is_handled)
{
    JSRuntime *rt = ctx->rt;
    if (rt->host_promise_rejection_tracker)
        rt->host_promise_rejection_tracker(ctx, promise, reason, is_handled,
                                           rt->host_promise_rejection_tracker_opaque);
}

void JS_SetHostPromiseRejectionTracker(JSRuntime *rt, JSHostPromiseRejectionTracker *tracker,
                                       void *opaque)
{
    rt->host_promise_rejection_tracker = tracker;
    rt->host_promise_rejection_tracker_opaque = opaque;
}

/* ---------------------------------------------------------------------
 * Reaction jobs
 * ------------------------------------------------------------------- */
enum {
    JS_REACTION_ARG_CAP_PROMISE,
    JS_REACTION_ARG_CAP_RESOLVE,
    JS_REACTION_ARG_CAP_REJECT,
    JS_REACTION_ARG_HANDLER,
    JS_REACTION_ARG_ARGUMENT,
    JS_REACTION_ARG_IS_REJECT,
    JS_REACTION_ARG_COUNT,
};

/* NewPromiseReactionJob: calls the handler (or passes the argument
   through) and settles the capability with the outcome */
static JSValue js_promise_reaction_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    JSValueConst cap_promise = argv[JS_REACTION_ARG_CAP_PROMISE];
    JSValueConst handler = argv[JS_REACTION_ARG_HANDLER];
    JSValueConst arg = argv[JS_REACTION_ARG_ARGUMENT];
    bool is_reject = JS_VALUE_GET_BOOL(argv[JS_REACTION_ARG_IS_REJECT]);
    JSValue res, ret;
    if (JS_IsUndefined(handler)) {
        res = JS_DupValue(ctx, arg);
    } else {
        res = JS_Call(ctx, handler, JS_UNDEFINED, 1, &arg);
        is_reject = false;
        if (JS_IsException(res)) {
            /* without a capability the exception is the job's own */
            if (JS_IsUndefined(cap_promise) || js_promise_take_exception(ctx, &res) < 0)
                return JS_EXCEPTION;
            is_reject = true;
        }
    }
    if (JS_IsUndefined(cap_promise)) {
        JS_FreeValue(ctx, res);
        return JS_UNDEFINED;
    }
    if (JS_IsUndefined(argv[JS_REACTION_ARG_CAP_RESOLVE])) {
        ret = js_promise_settle(ctx, cap_promise, res, is_reject) < 0 ? JS_EXCEPTION : JS_UNDEFINED;
    } else {
        JSValueConst func =
            argv[is_reject ? JS_REACTION_ARG_CAP_REJECT : JS_REACTION_ARG_CAP_RESOLVE];
        ret = JS_Call(ctx, func, JS_UNDEFINED, 1, (JSValueConst *)&res);
    }
    JS_FreeValue(ctx, res);
    return ret;
}

static int js_enqueue_reaction_job(JSContext *ctx, JSPromiseReaction *r, JSValueConst value,
                                   bool is_reject)
{
    JSValueConst args[JS_REACTION_ARG_COUNT];
    JSValueConst handler = is_reject ? r->on_rejected : r->on_fulfilled;
    if (r->await_resume) {
        /* the realm the closures would have been created in runs the job */
        JSJobEntry *e;
        args[0] = r->on_fulfilled;
        args[1] = value;
        e = js_enqueue_job_entry(r->await_realm, NULL, 2, args);
        if (!e)
            return -1;
        e->await_resume = r->await_resume;
        e->await_magic = is_reject ? JS_RESUME_THROW : JS_RESUME_NEXT;
        return 0;
    }
    args[JS_REACTION_ARG_CAP_PROMISE] = r->cap_promise;
    args[JS_REACTION_ARG_CAP_RESOLVE] = r->cap_resolve;
    args[JS_REACTION_ARG_CAP_REJECT] = r->cap_reject;
    args[JS_REACTION_ARG_HANDLER] = handler;
    args[JS_REACTION_ARG_ARGUMENT] = value;
    args[JS_REACTION_ARG_IS_REJECT] = JS_NewBool(ctx, is_reject);
    return js_enqueue_promise_job(ctx, js_promise_reaction_job, handler, JS_REACTION_ARG_COUNT,
                                  args);
}

/* FulfillPromise / RejectPromise, then TriggerPromiseReactions */
static int js_promise_set_settled(JSContext *ctx, JSValueConst promise, JSValueConst value,
                                  bool is_reject)
{
    JSPromiseData *s = js_promise_data(promise);
    struct list_head *el, *el1;
    int ret = 0;
    s->result = JS_DupValue(ctx, value);
    s->state = is_reject ? JS_PROMISE_REJECTED : JS_PROMISE_FULFILLED;
    if (is_reject && !s->is_handled)
        js_promise_track(ctx, promise, value, false);
    list_for_each_safe(el, el1, &s->reactions)
    {
        JSPromiseReaction *r = list_entry(el, JSPromiseReaction, link);
        if (ret == 0 && js_enqueue_reaction_job(ctx, r, value, is_reject) < 0)
            ret = -1;
        js_promise_reaction_free(ctx->rt, r);
    }
    return ret;
}

/* ---------------------------------------------------------------------
 * Resolving
 * ------------------------------------------------------------------- */
static bool js_promise_is_intrinsic_then(JSValueConst then)
{
    JSObject *p;
    if (!JS_IsObject(then))
        return false;
    p = js_obj(then);
    return p->class_id == JS_CLASS_C_FUNCTION &&
           p->u.cfunc.c_function.generic == js_promise_proto_then;
}

/* calls a fresh pair's reject with the pending exception (unless it is
   uncatchable) */
static JSValue js_promise_reject_pending(JSContext *ctx, JSValueConst reject)
{
    JSValue exc, res;
    if (js_promise_take_exception(ctx, &exc) < 0)
        return JS_EXCEPTION;
    res = JS_Call(ctx, reject, JS_UNDEFINED, 1, (JSValueConst *)&exc);
    JS_FreeValue(ctx, exc);
    return res;
}

/* the thenable job when the thenable is a promise and its then the
   intrinsic Promise.prototype.then of this job's realm. then() would read
   the species constructor, which we must do as well; when it is %Promise%
   nobody but then() could see the fresh resolving functions or the
   derived promise, so the promise follows the thenable through a reaction
   that settles it directly (same jobs, same ticks, no closures). */
static JSValue js_promise_follow_promise(JSContext *ctx, JSValueConst promise,
                                         JSValueConst thenable)
{
    JSValue ctor, funcs[2], res;
    ctor = js_species_constructor(ctx, thenable, ctx->promise_ctor);
    if (JS_IsException(ctor) || js_promise_is_intrinsic_ctor(ctx, ctor)) {
        int ret;
        if (JS_IsException(ctor)) {
            JSValue exc;
            if (js_promise_take_exception(ctx, &exc) < 0)
                return JS_EXCEPTION;
            ret = js_promise_settle(ctx, promise, exc, true);
            JS_FreeValue(ctx, exc);
        } else {
            JS_FreeValue(ctx, ctor);
            ret = js_perform_promise_then(ctx, thenable, JS_UNDEFINED, JS_UNDEFINED, promise,
                                          JS_UNDEFINED, JS_UNDEFINED);
        }
        return ret < 0 ? JS_EXCEPTION : JS_UNDEFINED;
    }
    if (js_promise_create_resolving_functions(ctx, promise, funcs) < 0) {
        JS_FreeValue(ctx, ctor);
        return JS_EXCEPTION;
    }
    res = js_promise_then_ctor(ctx, thenable, ctor, funcs[0], funcs[1]);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(res))
        res = js_promise_reject_pending(ctx, funcs[1]);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return res;
}

/* NewPromiseResolveThenableJob: follows a thenable with a fresh pair of
   resolving functions */
static JSValue js_promise_thenable_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    JSValueConst promise = argv[0], thenable = argv[1], then = argv[2];
    JSValue funcs[2], res;
    if (js_promise_is_intrinsic_then(then) && js_is_promise(thenable))
        return js_promise_follow_promise(ctx, promise, thenable);
    if (js_promise_create_resolving_functions(ctx, promise, funcs) < 0)
        return JS_EXCEPTION;
    res = JS_Call(ctx, then, thenable, 2, funcs);
    if (JS_IsException(res))
        res = js_promise_reject_pending(ctx, funcs[1]);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return res;
}

/* the Promise Resolve Functions after the [[AlreadyResolved]] check */
static int js_promise_resolve_with(JSContext *ctx, JSValueConst promise, JSValueConst resolution)
{
    JSValue then, exc;
    JSValueConst args[3];
    int ret;
    if (js_same_value(ctx, resolution, promise)) {
        JS_ThrowTypeError(ctx, "a promise cannot be resolved with itself");
        if (js_promise_take_exception(ctx, &exc) < 0)
            return -1;
        ret = js_promise_set_settled(ctx, promise, exc, true);
        JS_FreeValue(ctx, exc);
        return ret;
    }
    if (!JS_IsObject(resolution))
        return js_promise_set_settled(ctx, promise, resolution, false);
    then = JS_GetProperty(ctx, resolution, JS_ATOM_then);
    if (JS_IsException(then)) {
        if (js_promise_take_exception(ctx, &exc) < 0)
            return -1;
        ret = js_promise_set_settled(ctx, promise, exc, true);
        JS_FreeValue(ctx, exc);
        return ret;
    }
    if (!JS_IsCallable(ctx, then)) {
        JS_FreeValue(ctx, then);
        return js_promise_set_settled(ctx, promise, resolution, false);
    }
    args[0] = promise;
    args[1] = resolution;
    args[2] = then;
    ret = js_enqueue_promise_job(ctx, js_promise_thenable_job, then, 3, args);
    JS_FreeValue(ctx, then);
    return ret;
}

int js_promise_settle(JSContext *ctx, JSValueConst promise, JSValueConst value, bool is_reject)
{
    JSPromiseData *s = js_promise_data(promise);
    if (!s || s->state != JS_PROMISE_PENDING)
        return 0;
    s->pair_gen++; /* any pair handed out earlier is now spent */
    if (is_reject)
        return js_promise_set_settled(ctx, promise, value, true);
    return js_promise_resolve_with(ctx, promise, value);
}

static JSValue js_promise_resolve_function_call(JSContext *ctx, JSValueConst this_val, int argc,
                                                JSValueConst *argv, int magic, JSValue *func_data)
{
    JSValue promise = func_data[JS_PROMISE_FUNC_PROMISE];
    JSPromiseData *s = js_promise_data(promise);
    int ret;
    if (!s || (uint32_t)JS_VALUE_GET_INT(func_data[JS_PROMISE_FUNC_GEN]) != s->pair_gen)
        return JS_UNDEFINED; /* [[AlreadyResolved]] */
    s->pair_gen++;
    /* this function is spent: drop its reference (the caller keeps the
       function object, and with it its data, alive during the call) */
    func_data[JS_PROMISE_FUNC_PROMISE] = JS_UNDEFINED;
    if (magic)
        ret = js_promise_set_settled(ctx, promise, argv[0], true);
    else
        ret = js_promise_resolve_with(ctx, promise, argv[0]);
    JS_FreeValue(ctx, promise);
    return ret < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

int js_promise_create_resolving_functions(JSContext *ctx, JSValueConst promise, JSValue *funcs)
{
    JSPromiseData *s = js_promise_data(promise);
    JSValueConst data[JS_PROMISE_FUNC_COUNT];
    data[JS_PROMISE_FUNC_PROMISE] = promise;
    data[JS_PROMISE_FUNC_GEN] = JS_NewInt32(ctx, (int32_t)s->pair_gen);
    for (int i = 0; i < 2; i++) {
        funcs[i] = JS_NewCFunctionData(ctx, js_promise_resolve_function_call, 1, i,
                                       JS_PROMISE_FUNC_COUNT, data);
        if (JS_IsException(funcs[i])) {
            if (i)
                JS_FreeValue(ctx, funcs[0]);
            return -1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Creating promises and capabilities
 * ------------------------------------------------------------------- */
bool js_promise_is_intrinsic_ctor(JSContext *ctx, JSValueConst ctor)
{
    return JS_IsObject(ctor) && ctor == ctx->promise_ctor;
}

JSValue js_promise_create(JSContext *ctx, JSValueConst new_target)
{
    JSPromiseData *s;
    JSValue obj;
    /* %Promise%.prototype is non-writable and non-configurable: reading
       it is unobservable */
    if (js_promise_is_intrinsic_ctor(ctx, new_target))
        new_target = JS_UNDEFINED;
    obj = js_create_from_ctor(ctx, new_target, JS_CLASS_PROMISE);
    if (JS_IsException(obj))
        return obj;
    s = js_malloc(ctx, sizeof(*s));
    if (!s) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    s->state = JS_PROMISE_PENDING;
    s->is_handled = false;
    s->pair_gen = 0;
    init_list_head(&s->reactions);
    s->result = JS_UNDEFINED;
    js_obj(obj)->u.opaque = s;
    return obj;
}

JSValue js_new_promise(JSContext *ctx, JSValue *resolving_funcs)
{
    JSValue promise = js_promise_create(ctx, JS_UNDEFINED);
    if (JS_IsException(promise) || !resolving_funcs)
        return promise;
    if (js_promise_create_resolving_functions(ctx, promise, resolving_funcs) < 0) {
        JS_FreeValue(ctx, promise);
        return JS_EXCEPTION;
    }
    return promise;
}

JSValue JS_NewPromiseCapability(JSContext *ctx, JSValue *resolving_funcs)
{
    return js_new_promise(ctx, resolving_funcs);
}

/* GetCapabilitiesExecutor: records the resolving functions it is given
   in its own data slots, where NewPromiseCapability reads them */
static JSValue js_promise_capability_executor(JSContext *ctx, JSValueConst this_val, int argc,
                                              JSValueConst *argv, int magic, JSValue *func_data)
{
    if (!JS_IsUndefined(func_data[0]))
        return JS_ThrowTypeError(ctx, "promise capability resolve function already set");
    if (!JS_IsUndefined(func_data[1]))
        return JS_ThrowTypeError(ctx, "promise capability reject function already set");
    func_data[0] = JS_DupValue(ctx, argv[0]);
    func_data[1] = JS_DupValue(ctx, argv[1]);
    return JS_UNDEFINED;
}

JSValue js_new_promise_capability(JSContext *ctx, JSValue *resolving_funcs, JSValueConst ctor)
{
    JSValueConst data[2] = {JS_UNDEFINED, JS_UNDEFINED};
    JSValue executor, promise;
    JSValue *funcs;
    if (js_promise_is_intrinsic_ctor(ctx, ctor))
        return js_new_promise(ctx, resolving_funcs);
    if (!JS_IsConstructor(ctx, ctor))
        return JS_ThrowTypeError(ctx, "the promise constructor is not a constructor");
    executor = JS_NewCFunctionData(ctx, js_promise_capability_executor, 2, 0, 2, data);
    if (JS_IsException(executor))
        return executor;
    promise = JS_CallConstructor(ctx, ctor, 1, (JSValueConst *)&executor);
    funcs = js_obj(executor)->u.c_function_data->data;
    if (!JS_IsException(promise)) {
        if (!JS_IsCallable(ctx, funcs[0]) || !JS_IsCallable(ctx, funcs[1])) {
            JS_FreeValue(ctx, promise);
            promise = JS_ThrowTypeError(ctx, "the promise %s function is not callable",
                                        JS_IsCallable(ctx, funcs[0]) ? "reject" : "resolve");
        } else {
            resolving_funcs[0] = JS_DupValue(ctx, funcs[0]);
            resolving_funcs[1] = JS_DupValue(ctx, funcs[1]);
        }
    }
    JS_FreeValue(ctx, executor);
    return promise;
}

/* ---------------------------------------------------------------------
 * PromiseResolve and PerformPromiseThen
 * ------------------------------------------------------------------- */
/* the value of p's own data property atom (borrowed), or JS_UNINITIALIZED
   when p has no such data property */
static JSValueConst js_promise_own_data(JSObject *p, JSAtom atom)
{
    uint32_t idx;
    JSShapeProperty *pr = js_shape_find(p->shape, atom, &idx);
    if (!pr || (pr->flags & JS_PROP_TMASK) != JS_PROP_NORMAL)
        return JS_UNINITIALIZED;
    return p->prop[idx].value;
}

bool js_promise_constructor_is_intrinsic(JSContext *ctx, JSValueConst promise)
{
    JSObject *p = js_obj(promise), *proto = js_obj(ctx->class_proto[JS_CLASS_PROMISE]);
    uint32_t idx;
    /* neither object is exotic: when promise has no own "constructor" and
       its prototype is %Promise.prototype%, Get reads that data property */
    return p->shape->proto == proto && !js_shape_find(p->shape, JS_ATOM_constructor, &idx) &&
           js_promise_own_data(proto, JS_ATOM_constructor) == ctx->promise_ctor;
}

JSValue js_promise_resolve(JSContext *ctx, JSValueConst ctor, JSValueConst value)
{
    JSValue funcs[2], promise, res;
    if (js_is_promise(value) && js_promise_is_intrinsic_ctor(ctx, ctor) &&
        js_promise_constructor_is_intrinsic(ctx, value))
        return JS_DupValue(ctx, value); /* what the generic check below finds */
    if (js_is_promise(value)) {
        JSValue value_ctor = JS_GetProperty(ctx, value, JS_ATOM_constructor);
        bool same;
        if (JS_IsException(value_ctor))
            return value_ctor;
        same = js_same_value(ctx, value_ctor, ctor);
        JS_FreeValue(ctx, value_ctor);
        if (same)
            return JS_DupValue(ctx, value);
    }
    if (js_promise_is_intrinsic_ctor(ctx, ctor)) {
        /* nobody else can see the resolving functions: settle directly */
        promise = js_new_promise(ctx, NULL);
        if (JS_IsException(promise))
            return promise;
        if (js_promise_settle(ctx, promise, value, false) < 0) {
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
        return promise;
    }
    promise = js_new_promise_capability(ctx, funcs, ctor);
    if (JS_IsException(promise))
        return promise;
    res = JS_Call(ctx, funcs[0], JS_UNDEFINED, 1, &value);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (JS_IsException(res)) {
        JS_FreeValue(ctx, promise);
        return res;
    }
    JS_FreeValue(ctx, res);
    return promise;
}

/* the rest of PerformPromiseThen once the reaction is known (its values
   borrowed) */
static int js_promise_add_reaction(JSContext *ctx, JSValueConst promise,
                                   const JSPromiseReaction *tmp)
{
    JSPromiseData *s = js_promise_data(promise);
    JSPromiseReaction *r;
    if (s->state != JS_PROMISE_PENDING) {
        bool is_reject = s->state == JS_PROMISE_REJECTED;
        if (is_reject && !s->is_handled)
            js_promise_track(ctx, promise, s->result, true);
        s->is_handled = true;
        /* the job copies what it needs: the reaction itself is not kept */
        return js_enqueue_reaction_job(ctx, (JSPromiseReaction *)tmp, s->result, is_reject);
    }
    r = js_malloc(ctx, sizeof(*r));
    if (!r)
        return -1;
    r->cap_promise = JS_DupValue(ctx, tmp->cap_promise);
    r->cap_resolve = JS_DupValue(ctx, tmp->cap_resolve);
    r->cap_reject = JS_DupValue(ctx, tmp->cap_reject);
    r->on_fulfilled = JS_DupValue(ctx, tmp->on_fulfilled);
    r->on_rejected = JS_DupValue(ctx, tmp->on_rejected);
    r->await_resume = tmp->await_resume;
    r->await_realm = tmp->await_realm ? JS_DupContext(tmp->await_realm) : NULL;
    list_add_tail(&r->link, &s->reactions);
    s->is_handled = true;
    return 0;
}

int js_perform_promise_then(JSContext *ctx, JSValueConst promise, JSValueConst on_fulfilled,
                            JSValueConst on_rejected, JSValueConst cap_promise,
                            JSValueConst cap_resolve, JSValueConst cap_reject)
{
    JSPromiseReaction tmp;
    tmp.cap_promise = cap_promise;
    tmp.cap_resolve = cap_resolve;
    tmp.cap_reject = cap_reject;
    tmp.on_fulfilled = JS_IsCallable(ctx, on_fulfilled) ? on_fulfilled : JS_UNDEFINED;
    tmp.on_rejected = JS_IsCallable(ctx, on_rejected) ? on_rejected : JS_UNDEFINED;
    tmp.await_resume = NULL;
    tmp.await_realm = NULL;
    return js_promise_add_reaction(ctx, promise, &tmp);
}

int js_perform_promise_then_await(JSContext *ctx, JSValueConst promise, JSCFunctionData *resume,
                                  JSValueConst state)
{
    JSPromiseReaction tmp;
    tmp.cap_promise = JS_UNDEFINED;
    tmp.cap_resolve = JS_UNDEFINED;
    tmp.cap_reject = JS_UNDEFINED;
    tmp.on_fulfilled = state;
    tmp.on_rejected = JS_UNDEFINED;
    tmp.await_resume = resume;
    tmp.await_realm = ctx;
    return js_promise_add_reaction(ctx, promise, &tmp);
}

JSValue js_promise_then_ctor(JSContext *ctx, JSValueConst promise, JSValueConst ctor,
                             JSValueConst on_fulfilled, JSValueConst on_rejected)
{
    JSValue result, funcs[2] = {JS_UNDEFINED, JS_UNDEFINED};
    int ret;
    if (js_promise_is_intrinsic_ctor(ctx, ctor))
        result = js_new_promise(ctx, NULL); /* settled by the reaction itself */
    else
        result = js_new_promise_capability(ctx, funcs, ctor);
    if (JS_IsException(result))
        return result;
    ret = js_perform_promise_then(ctx, promise, on_fulfilled, on_rejected, result, funcs[0],
                                  funcs[1]);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (ret < 0) {
        JS_FreeValue(ctx, result);
        return JS_EXCEPTION;
    }
    return result;
}

/* ---------------------------------------------------------------------
 * Public state accessors
 * ------------------------------------------------------------------- */
JSPromiseStateEnum JS_PromiseState(JSContext *ctx, JSValue promise)
{
    JSPromiseData *s = js_promise_data(promise);
    return s ? s->state : (JSPromiseStateEnum)-1;
}

JSValue JS_PromiseResult(JSContext *ctx, JSValue promise)
{
    JSPromiseData *s = js_promise_data(promise);
    return s ? JS_DupValue(ctx, s->result) : JS_UNDEFINED;
}
