/*
 * generator.c — generators: functions whose frame lives on the heap so
 * that `yield` can suspend it and next()/return()/throw() resume it.
 *
 * Calling a generator function runs its prologue (parameters, hoisted
 * functions) up to the compiler's initial_yield, then returns a generator
 * object owning the frame. A resume pushes the received value and the
 * resume kind for the code after the yield (the compiler turns a return
 * resume into a return with its finally blocks); a throw resume raises the
 * exception at the yield point. yield* is one instruction that forwards
 * next/return/throw to the inner iterator, re-executed at each resume.
 *
 * Also the intrinsics: %GeneratorFunction%, %GeneratorFunction.prototype%
 * and %GeneratorPrototype%.
 */
#include "generator.h"
#include "async.h"
#include "atom.h"
#include "builtins/builtins.h"
#include "bytecode.h"
#include "compile.h"
#include "error.h"
#include "function.h"
#include "gc.h"
#include "interp.h"
#include "iter.h"
#include "object.h"
#include "runtime.h"

typedef enum {
    JS_GEN_SUSPENDED_START,
    JS_GEN_SUSPENDED_YIELD,
    JS_GEN_EXECUTING,
    JS_GEN_COMPLETED,
} JSGeneratorState;

/* a frame that outlives the call that created it */
typedef struct JSHeapFrame {
    JSFrame frame;
    JSValue func_obj; /* keeps the function (and its bytecode) alive */
    JSValue buf[];
} JSHeapFrame;

typedef struct JSGenerator {
    JSGeneratorState state;
    JSHeapFrame *hf; /* NULL once completed */
} JSGenerator;

/* ---------------------------------------------------------------------
 * Heap frames
 * ------------------------------------------------------------------- */
JSHeapFrame *js_heap_frame_new(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                               int argc, JSValueConst *argv)
{
    JSFunctionBytecode *b = js_obj(func_obj)->u.func.function_bytecode;
    JSHeapFrame *hf = js_malloc(ctx, sizeof(JSHeapFrame) + js_frame_size(b, argc));
    if (!hf)
        return NULL;
    hf->func_obj = JS_DupValue(ctx, func_obj);
    js_frame_init(ctx, &hf->frame, func_obj, JS_DupValue(ctx, this_obj), JS_UNDEFINED, argc,
                  argv, hf->buf);
    return hf;
}

void js_heap_frame_free(JSRuntime *rt, JSHeapFrame *hf)
{
    JSFrame *f = &hf->frame;
    JSFunctionBytecode *b = f->func->u.func.function_bytecode;
    while (f->sp > f->stack_buf)
        JS_FreeValueRT(rt, *--f->sp);
    for (int i = 0; i < f->n_args; i++)
        JS_FreeValueRT(rt, f->arg_buf[i]);
    for (int i = 0; i < b->var_count; i++)
        JS_FreeValueRT(rt, f->var_buf[i]);
    JS_FreeValueRT(rt, f->this_val);
    JS_FreeValueRT(rt, f->new_target);
    JS_FreeValueRT(rt, hf->func_obj);
    js_free_rt(rt, hf);
}

void js_heap_frame_mark(JSRuntime *rt, JSHeapFrame *hf, bool running, JSMarkFunc *mark_func)
{
    JSFrame *f = &hf->frame;
    JSFunctionBytecode *b = f->func->u.func.function_bytecode;
    for (int i = 0; i < f->n_args; i++)
        js_gc_mark_value(rt, f->arg_buf[i], mark_func);
    for (int i = 0; i < b->var_count; i++)
        js_gc_mark_value(rt, f->var_buf[i], mark_func);
    /* a running frame's stack pointer lives in the interpreter: its stack
       values count as external references until it suspends */
    if (!running) {
        for (JSValue *p = f->stack_buf; p < f->sp; p++)
            js_gc_mark_value(rt, *p, mark_func);
    }
    js_gc_mark_value(rt, f->this_val, mark_func);
    js_gc_mark_value(rt, f->new_target, mark_func);
    js_gc_mark_value(rt, hf->func_obj, mark_func);
}

JSFrame *js_heap_frame_get(JSHeapFrame *hf) { return &hf->frame; }

/* ---------------------------------------------------------------------
 * yield*
 * ------------------------------------------------------------------- */
JSValue js_yield_star_step(JSContext *ctx, JSValueConst iter, JSValueConst next,
                           JSValueConst received, int kind, int *poutcome)
{
    JSValue method, res, v;
    int done;
    switch (kind) {
    case 1: /* return */
        method = js_get_method(ctx, iter, JS_ATOM_return);
        if (JS_IsException(method))
            return method;
        if (JS_IsUndefined(method)) {
            *poutcome = JS_YIELD_STAR_RETURN;
            return JS_DupValue(ctx, received);
        }
        res = JS_CallFree(ctx, method, iter, 1, &received);
        break;
    case 2: /* throw */
        method = js_get_method(ctx, iter, JS_ATOM_throw);
        if (JS_IsException(method))
            return method;
        if (JS_IsUndefined(method)) {
            if (js_iterator_close(ctx, iter) < 0)
                return JS_EXCEPTION;
            return JS_ThrowTypeError(ctx, "iterator does not have a throw method");
        }
        res = JS_CallFree(ctx, method, iter, 1, &received);
        break;
    default:
        res = JS_Call(ctx, next, iter, 1, &received);
        break;
    }
    if (JS_IsException(res))
        return res;
    if (!JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        return JS_ThrowTypeError(ctx, "iterator result is not an object");
    }
    v = JS_GetProperty(ctx, res, JS_ATOM_done);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, res);
        return v;
    }
    done = JS_ToBool(ctx, v);
    JS_FreeValue(ctx, v);
    if (!done) {
        *poutcome = JS_YIELD_STAR_YIELD;
        return res;
    }
    v = JS_GetProperty(ctx, res, JS_ATOM_value);
    JS_FreeValue(ctx, res);
    *poutcome = kind == 1 ? JS_YIELD_STAR_RETURN : JS_YIELD_STAR_DONE;
    return v;
}

/* ---------------------------------------------------------------------
 * Generator objects
 * ------------------------------------------------------------------- */
static void js_generator_finalizer(JSRuntime *rt, JSValue val)
{
    JSGenerator *g = js_obj(val)->u.opaque;
    if (!g)
        return;
    if (g->hf)
        js_heap_frame_free(rt, g->hf);
    js_free_rt(rt, g);
}

static void js_generator_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSGenerator *g = js_obj(val)->u.opaque;
    if (g && g->hf)
        js_heap_frame_mark(rt, g->hf, g->state == JS_GEN_EXECUTING, mark_func);
}

void js_generator_init_class(JSRuntime *rt)
{
    rt->class_array[JS_CLASS_GENERATOR].finalizer = js_generator_finalizer;
    rt->class_array[JS_CLASS_GENERATOR].gc_mark = js_generator_mark;
}

static void js_generator_complete(JSContext *ctx, JSGenerator *g)
{
    g->state = JS_GEN_COMPLETED;
    if (g->hf) {
        JSHeapFrame *hf = g->hf;
        g->hf = NULL;
        js_heap_frame_free(ctx->rt, hf);
    }
}

/* calling a generator function: the prologue runs now */
static JSValue js_generator_function_call(JSContext *ctx, JSValueConst func_obj,
                                          JSValueConst this_obj, int argc, JSValueConst *argv)
{
    JSHeapFrame *hf = js_heap_frame_new(ctx, func_obj, this_obj, argc, argv);
    JSGenerator *g;
    JSValue ret, proto, obj;
    if (!hf)
        return JS_EXCEPTION;
    ret = js_interp_run(ctx, &hf->frame, JS_RESUME_START, JS_UNDEFINED);
    if (JS_IsException(ret)) {
        js_heap_frame_free(ctx->rt, hf);
        return ret;
    }
    JS_FreeValue(ctx, ret);
    proto = js_get_prototype_from_ctor(ctx, func_obj, ctx->generator_proto);
    if (JS_IsException(proto))
        goto fail;
    obj = JS_NewObjectProtoClass(ctx, proto, JS_CLASS_GENERATOR);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj))
        goto fail;
    g = js_mallocz(ctx, sizeof(*g));
    if (!g) {
        JS_FreeValue(ctx, obj);
        goto fail;
    }
    g->state = JS_GEN_SUSPENDED_START;
    g->hf = hf;
    js_obj(obj)->u.opaque = g;
    return obj;
fail:
    js_heap_frame_free(ctx->rt, hf);
    return JS_EXCEPTION;
}

/* what a resume produced */
typedef enum {
    JS_GEN_OUT_YIELD,  /* a yielded value */
    JS_GEN_OUT_DONE,   /* the completion value: the generator is done */
    JS_GEN_OUT_RESULT, /* yield*: the inner iterator's result object, as it is */
} JSGeneratorOutcome;

/* GeneratorResume / GeneratorResumeAbrupt up to the result object (magic:
   0 next, 1 return, 2 throw): the value and what it is */
static JSValue js_generator_run(JSContext *ctx, JSGenerator *g, int magic, JSValueConst arg,
                                JSGeneratorOutcome *pout)
{
    static const int kinds[3] = {JS_RESUME_NEXT, JS_RESUME_RETURN, JS_RESUME_THROW};
    JSValue ret;
    JSFrame *f;
    if (g->state == JS_GEN_EXECUTING)
        return JS_ThrowTypeError(ctx, "generator is already running");
    if (g->state == JS_GEN_SUSPENDED_START && magic != 0)
        js_generator_complete(ctx, g);
    *pout = JS_GEN_OUT_DONE;
    if (g->state == JS_GEN_COMPLETED) {
        if (magic == 2)
            return JS_Throw(ctx, JS_DupValue(ctx, arg));
        return magic == 1 ? JS_DupValue(ctx, arg) : JS_UNDEFINED;
    }
    f = &g->hf->frame;
    g->state = JS_GEN_EXECUTING;
    ret = js_interp_run(ctx, f, kinds[magic], JS_DupValue(ctx, arg));
    if (f->state == JS_FRAME_DONE) {
        js_generator_complete(ctx, g);
        return ret;
    }
    g->state = JS_GEN_SUSPENDED_YIELD;
    *pout = f->state == JS_FRAME_SUSPENDED_YIELD_STAR ? JS_GEN_OUT_RESULT : JS_GEN_OUT_YIELD;
    return ret;
}

/* %GeneratorPrototype%.next, return and throw (magic 0, 1, 2) */
static JSValue js_generator_resume(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic)
{
    JSGenerator *g = JS_GetOpaque(this_val, JS_CLASS_GENERATOR);
    JSGeneratorOutcome out;
    JSValue ret;
    if (!g)
        return JS_ThrowTypeError(ctx, "not a generator");
    ret = js_generator_run(ctx, g, magic, argv[0], &out);
    if (JS_IsException(ret) || out == JS_GEN_OUT_RESULT)
        return ret;
    return js_create_iter_result(ctx, ret, out == JS_GEN_OUT_DONE);
}

bool js_generator_is_intrinsic_next(JSValueConst iter, JSValueConst next)
{
    JSObject *p;
    if (!JS_IsObject(iter) || js_obj(iter)->class_id != JS_CLASS_GENERATOR || !JS_IsObject(next))
        return false;
    p = js_obj(next);
    return p->class_id == JS_CLASS_C_FUNCTION &&
           p->u.cfunc.cproto == JS_CFUNC_generic_magic &&
           p->u.cfunc.c_function.generic_magic == js_generator_resume && p->u.cfunc.magic == 0;
}

int js_generator_step(JSContext *ctx, JSValueConst iter, JSValueConst next, JSValue *pres,
                      bool *pdone)
{
    JSRuntime *rt = ctx->rt;
    JSContext *realm = js_obj(next)->u.cfunc.realm;
    JSValue arg = JS_UNDEFINED;
    JSGeneratorOutcome out;
    JSStackFrame sf;
    if (js_check_stack_overflow(rt, sizeof(JSValue))) {
        js_throw_stack_overflow(ctx);
        return -1;
    }
    /* the frame a call of next() has, for backtraces */
    sf.prev_frame = rt->current_stack_frame;
    sf.cur_func = next;
    sf.cur_pc = NULL;
    sf.arg_buf = &arg;
    sf.var_buf = NULL;
    sf.arg_count = 0;
    sf.is_strict = true;
    rt->current_stack_frame = &sf;
    *pres = js_generator_run(realm, js_obj(iter)->u.opaque, 0, arg, &out);
    rt->current_stack_frame = sf.prev_frame;
    if (JS_IsException(*pres))
        return -1;
    *pdone = out == JS_GEN_OUT_DONE;
    return out != JS_GEN_OUT_RESULT;
}

JSValue js_call_suspendable(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                            int argc, JSValueConst *argv)
{
    JSFunctionBytecode *b = js_obj(func_obj)->u.func.function_bytecode;
    if (b->flags & JS_BC_ASYNC)
        return js_async_call(ctx, func_obj, this_obj, argc, argv);
    return js_generator_function_call(ctx, func_obj, this_obj, argc, argv);
}

/* ---------------------------------------------------------------------
 * Intrinsics
 * ------------------------------------------------------------------- */
static JSValue js_generator_function_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                                          JSValueConst *argv)
{
    return js_function_constructor_compile(ctx, new_target, argc, argv, 1);
}

static const JSCFunctionListEntry js_generator_proto_funcs[] = {
    JS_ITERATOR_NEXT_DEF("next", 1, js_generator_resume, 0),
    JS_ITERATOR_NEXT_DEF("return", 1, js_generator_resume, 1),
    JS_ITERATOR_NEXT_DEF("throw", 1, js_generator_resume, 2),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Generator", JS_PROP_CONFIGURABLE),
};

/* the prototype chain of a kind of function: %XFunction% (the
   constructor), %XFunction.prototype% and the prototype of its instances
   (%XPrototype%); *pfunc_proto and *pinst_proto receive the last two */
int js_init_function_kind(JSContext *ctx, const char *name, JSCFunction *ctor_func,
                          JSValueConst inst_parent, const char *tag, JSValue *pfunc_proto,
                          JSValue *pinst_proto)
{
    JSValue func_proto, inst_proto, ctor;
    JSAtom atom;
    func_proto = js_new_plain_object(ctx, ctx->function_proto);
    if (JS_IsException(func_proto))
        return -1;
    *pfunc_proto = func_proto;
    inst_proto = js_new_plain_object(ctx, inst_parent);
    if (JS_IsException(inst_proto))
        return -1;
    *pinst_proto = inst_proto;
    atom = JS_NewAtom(ctx, name);
    if (atom == JS_ATOM_NULL)
        return -1;
    ctor = js_new_cfunction3(ctx, ctor_func, atom, 1, JS_CFUNC_constructor_or_func, 0,
                             ctx->function_ctor);
    JS_FreeAtom(ctx, atom);
    if (JS_IsException(ctor))
        return -1;
    /* the links are all read-only but configurable, as the spec lists */
    if (JS_DefinePropertyValue(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, func_proto), 0) <
        0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    if (JS_DefinePropertyValue(ctx, func_proto, JS_ATOM_constructor, ctor,
                               JS_PROP_CONFIGURABLE) < 0 ||
        JS_DefinePropertyValue(ctx, func_proto, JS_ATOM_prototype, JS_DupValue(ctx, inst_proto),
                               JS_PROP_CONFIGURABLE) < 0 ||
        JS_DefinePropertyValue(ctx, inst_proto, JS_ATOM_constructor,
                               JS_DupValue(ctx, func_proto), JS_PROP_CONFIGURABLE) < 0)
        return -1;
    return JS_DefinePropertyValue(ctx, func_proto, JS_ATOM_Symbol_toStringTag,
                                  JS_NewString(ctx, tag), JS_PROP_CONFIGURABLE);
}

int js_init_generator(JSContext *ctx)
{
    if (js_init_function_kind(ctx, "GeneratorFunction", js_generator_function_ctor,
                              ctx->iterator_proto, "GeneratorFunction",
                              &ctx->generator_function_proto, &ctx->generator_proto) < 0)
        return -1;
    return JS_SetPropertyFunctionList(ctx, ctx->generator_proto, js_generator_proto_funcs,
                                      countof(js_generator_proto_funcs));
}
