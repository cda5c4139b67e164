/*
 * interp.h — the bytecode interpreter.
 */
#ifndef WEFT_INTERP_H
#define WEFT_INTERP_H

#include "internal.h"

struct JSFunctionBytecode;

/* An interpreter frame: on the C stack for ordinary calls, on the heap for
   generators and async functions, which suspend and resume it. */
typedef enum {
    JS_FRAME_RUNNING,
    JS_FRAME_SUSPENDED_START, /* generator created, body not started */
    JS_FRAME_SUSPENDED_YIELD,
    JS_FRAME_SUSPENDED_YIELD_STAR, /* resumes by re-running its yield_star */
    JS_FRAME_SUSPENDED_AWAIT,
    JS_FRAME_DONE,
} JSFrameState;

enum {
    JS_RESUME_START, /* a fresh frame */
    JS_RESUME_NEXT,
    JS_RESUME_RETURN,
    JS_RESUME_THROW,
};

typedef struct JSFrame {
    JSStackFrame sf;
    JSValue this_val;
    JSValue new_target;
    JSObject *func; /* borrowed: sf.cur_func keeps it alive */
    JSValue *arg_buf, *var_buf, *stack_buf;
    JSValue *sp;         /* where a suspended frame's stack ends */
    const uint8_t *pc;   /* where a suspended frame resumes */
    int argc, n_args;
    uint8_t state;       /* JSFrameState */
} JSFrame;

/* values needed for a frame of b called with argc arguments */
size_t js_frame_size(struct JSFunctionBytecode *b, int argc);
/* prepares a frame in buf (js_frame_size bytes); takes this_val */
void js_frame_init(JSContext *ctx, JSFrame *f, JSValueConst func_obj, JSValue this_val,
                   JSValueConst new_target, int argc, JSValueConst *argv, JSValue *buf);
JSValue js_interp_run(JSContext *ctx, JSFrame *f, int resume_kind, JSValue resume_val);
void js_frame_free_values(JSContext *ctx, JSFrame *f);

/* calling a generator / async / async generator function (generator.c) */
JSValue js_call_suspendable(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                            int argc, JSValueConst *argv);

/* [[Call]] / [[Construct]] of a bytecode function (func_obj is a
   JS_CLASS_BYTECODE_FUNCTION object); arguments are borrowed */
JSValue js_interp_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                       JSValueConst new_target, int argc, JSValueConst *argv, int flags);

#endif /* WEFT_INTERP_H */
