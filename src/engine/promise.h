/*
 * promise.h — promises and the job queue (ECMA-262 §27.2 and §9.5): the
 * abstract operations other parts of the engine build on (async functions,
 * async generators, dynamic import, the Promise builtins) and the
 * per-runtime queue of jobs that JS_ExecutePendingJob runs.
 *
 * A promise is an object of class JS_CLASS_PROMISE whose opaque is a
 * JSPromiseData (promise.c). Resolving functions are C function data
 * closures; everything a pending promise will do when it settles is a list
 * of reactions on it, each turned into one job when it settles.
 */
#ifndef WEFT_PROMISE_H
#define WEFT_PROMISE_H

#include "internal.h"

/* PromiseResolve(C, x): x itself when it is a promise whose "constructor"
   is C, else a new promise of C resolved with x */
JSValue js_promise_resolve(JSContext *ctx, JSValueConst ctor, JSValueConst value);

/* PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability).
   promise must be a promise (js_is_promise). Non-callable handlers mean
   "pass the value / reason through". The capability is given by its
   promise and resolving functions; cap_promise JS_UNDEFINED means "no
   capability" (await: the handlers' results are ignored). Returns -1 only
   on out-of-memory. */
int js_perform_promise_then(JSContext *ctx, JSValueConst promise, JSValueConst on_fulfilled,
                            JSValueConst on_rejected, JSValueConst cap_promise,
                            JSValueConst cap_resolve, JSValueConst cap_reject);

/* PerformPromiseThen(promise, onFulfilled, onRejected) for Await: the
   handlers would be closures calling resume(ctx, undefined, 1, &value,
   JS_RESUME_NEXT or JS_RESUME_THROW, &state) in ctx's realm; the reaction
   calls resume so without creating them. Returns -1 only on
   out-of-memory. */
int js_perform_promise_then_await(JSContext *ctx, JSValueConst promise, JSCFunctionData *resume,
                                  JSValueConst state);

/* NewPromiseCapability(C): returns the promise; resolving_funcs[0] and [1]
   receive the resolve and reject functions (new references). */
JSValue js_new_promise_capability(JSContext *ctx, JSValue *resolving_funcs, JSValueConst ctor);

/* a new pending %Promise% of ctx's realm and its resolving functions
   (resolving_funcs may be NULL when the caller settles the promise with
   js_promise_settle instead) */
JSValue js_new_promise(JSContext *ctx, JSValue *resolving_funcs);

/* IsPromise */
bool js_is_promise(JSValueConst v);

/* what the first call of a resolving function does, for code that holds
   a promise whose resolving functions were never handed out: is_reject
   false resolves it with value (thenables are followed), true rejects it.
   Call it at most once per promise. Returns -1 on an uncatchable error or
   out of memory (exception pending). */
int js_promise_settle(JSContext *ctx, JSValueConst promise, JSValueConst value, bool is_reject);

/* the class hooks of JS_CLASS_PROMISE (called once per runtime) */
void js_promise_init_classes(JSRuntime *rt);
/* frees the jobs still queued (JS_FreeRuntime, before the final GC) */
void js_free_job_list(JSRuntime *rt);

/* Promise, Promise.prototype and their methods (builtins/promise.c) */
int js_init_promise(JSContext *ctx);

/* ---------------------------------------------------------------------
 * Shared with builtins/promise.c
 * ------------------------------------------------------------------- */
/* CreateResolvingFunctions(promise): funcs[0] resolve, funcs[1] reject */
int js_promise_create_resolving_functions(JSContext *ctx, JSValueConst promise, JSValue *funcs);
/* OrdinaryCreateFromConstructor(new_target, %Promise.prototype%) with a
   pending promise's state; new_target JS_UNDEFINED: the realm's prototype */
JSValue js_promise_create(JSContext *ctx, JSValueConst new_target);
/* takes the pending exception into *pexc unless it is uncatchable, in
   which case it stays pending and -1 is returned */
int js_promise_take_exception(JSContext *ctx, JSValue *pexc);
/* Promise.prototype.then (builtins/promise.c) */
JSValue js_promise_proto_then(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv);
/* the rest of Promise.prototype.then once C = SpeciesConstructor(promise,
   %Promise%) is known: NewPromiseCapability(C) and PerformPromiseThen */
JSValue js_promise_then_ctor(JSContext *ctx, JSValueConst promise, JSValueConst ctor,
                             JSValueConst on_fulfilled, JSValueConst on_rejected);
/* true when Get(promise, "constructor") is sure to return the Promise
   constructor of ctx's realm without running code: promise (a promise)
   inherits it from %Promise.prototype% untouched */
bool js_promise_constructor_is_intrinsic(JSContext *ctx, JSValueConst promise);
/* true when ctor is the Promise constructor of ctx's realm */
bool js_promise_is_intrinsic_ctor(JSContext *ctx, JSValueConst ctor);

#endif /* WEFT_PROMISE_H */
