/*
 * generator.h — suspendable frames: generators (and, built on the same
 * heap frames, async functions).
 */
#ifndef WEFT_GENERATOR_H
#define WEFT_GENERATOR_H

#include "internal.h"

typedef struct JSHeapFrame JSHeapFrame;
struct JSFrame;

/* a heap frame for a call of func_obj (not started) */
JSHeapFrame *js_heap_frame_new(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                               int argc, JSValueConst *argv);
void js_heap_frame_free(JSRuntime *rt, JSHeapFrame *hf);
/* marks what the frame references; a running frame's stack is skipped */
void js_heap_frame_mark(JSRuntime *rt, JSHeapFrame *hf, bool running, JSMarkFunc *mark_func);
struct JSFrame *js_heap_frame_get(JSHeapFrame *hf);

/* outcomes of one yield* step */
enum {
    JS_YIELD_STAR_YIELD,  /* not done: yield the inner result object as is */
    JS_YIELD_STAR_DONE,   /* done: the value is the yield* expression's */
    JS_YIELD_STAR_RETURN, /* a return resume completed: return the value */
};
/* forwards a resume (kind 0 next, 1 return, 2 throw) to the inner iterator */
JSValue js_yield_star_step(JSContext *ctx, JSValueConst iter, JSValueConst next,
                           JSValueConst received, int kind, int *poutcome);

/* true when next is %GeneratorPrototype%.next and iter a generator: then
   js_generator_step may stand for the call next() in IteratorStep */
bool js_generator_is_intrinsic_next(JSValueConst iter, JSValueConst next);
/* the call iter.next() of IteratorStep without the result object it would
   create, which nobody else sees: 1 with the value in *pres and *pdone set;
   0 with a result object in *pres, to be read by the caller (yield* passes
   the inner iterator's through as it is); -1 on exception */
int js_generator_step(JSContext *ctx, JSValueConst iter, JSValueConst next, JSValue *pres,
                      bool *pdone);

void js_generator_init_class(JSRuntime *rt);
/* %GeneratorFunction%, its prototype and %GeneratorPrototype% */
int js_init_generator(JSContext *ctx);
/* the intrinsics of one kind of function (generator, async, async
   generator) */
int js_init_function_kind(JSContext *ctx, const char *name, JSCFunction *ctor_func,
                          JSValueConst inst_parent, const char *tag, JSValue *pfunc_proto,
                          JSValue *pinst_proto);

#endif /* WEFT_GENERATOR_H */
