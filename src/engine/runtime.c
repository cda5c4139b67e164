/*
 * runtime.c — JSRuntime and JSContext lifetime, the accounted allocator,
 * the class table, and the stack-overflow and interrupt checks.
 */
#include <malloc.h>
#include <stdio.h>

#include "runtime.h"
#include "module.h"
#include "atom.h"
#include "atomics_wait.h"
#include "builtins/builtins.h"
#include "error.h"
#include "fast_array.h"
#include "function.h"
#include "gc.h"
#include "object.h"
#include "promise.h"
#include "shape.h"
#include "str.h"

#define JS_DEFAULT_STACK_SIZE (1024 * 1024)
#define JS_INTERRUPT_COUNTER_INIT 10000

/* ---------------------------------------------------------------------
 * Allocator: every engine allocation goes through here so that the
 * runtime can account for it and enforce its limit.
 * ------------------------------------------------------------------- */
size_t js_malloc_usable_size_rt(JSRuntime *rt, const void *ptr)
{
    return js_block_size(&rt->alloc, (void *)ptr);
}

void *js_malloc_rt(JSRuntime *rt, size_t size)
{
    size_t usable;
    void *ptr;
    if (rt->malloc_limit && rt->malloc_size + size > rt->malloc_limit)
        return NULL;
    ptr = js_alloc_block(&rt->alloc, size, &usable);
    if (!ptr)
        return NULL;
    rt->malloc_count++;
    rt->malloc_size += usable;
    return ptr;
}

void *js_mallocz_rt(JSRuntime *rt, size_t size)
{
    void *ptr = js_malloc_rt(rt, size);
    if (ptr)
        memset(ptr, 0, size);
    return ptr;
}

void js_free_rt(JSRuntime *rt, void *ptr)
{
    if (!ptr)
        return;
    rt->malloc_count--;
    rt->malloc_size -= js_free_block(&rt->alloc, ptr);
}

void *js_malloc_rt_release(JSRuntime *rt, void *ptr)
{
    if (!ptr || js_block_is_slab(&rt->alloc, ptr))
        return NULL;
    rt->malloc_count--;
    rt->malloc_size -= js_block_size(&rt->alloc, ptr);
    return ptr;
}

int js_malloc_rt_adopt(JSRuntime *rt, void *ptr)
{
    size_t size = malloc_usable_size(ptr);
    if (rt->malloc_limit && rt->malloc_size + size > rt->malloc_limit)
        return -1;
    rt->malloc_count++;
    rt->malloc_size += size;
    return 0;
}

void *js_realloc_rt(JSRuntime *rt, void *ptr, size_t size)
{
    size_t old_size, new_size;
    void *np;
    if (!ptr)
        return size ? js_malloc_rt(rt, size) : NULL;
    if (size == 0) {
        js_free_rt(rt, ptr);
        return NULL;
    }
    if (rt->malloc_limit && rt->malloc_size + size > rt->malloc_limit &&
        size > js_block_size(&rt->alloc, ptr))
        return NULL;
    np = js_realloc_block(&rt->alloc, ptr, size, &old_size, &new_size);
    if (!np)
        return NULL;
    rt->malloc_size += new_size - old_size;
    return np;
}

void *js_malloc(JSContext *ctx, size_t size)
{
    void *ptr = js_malloc_rt(ctx->rt, size);
    if (js_unlikely(!ptr))
        JS_ThrowOutOfMemory(ctx);
    return ptr;
}

void *js_mallocz(JSContext *ctx, size_t size)
{
    void *ptr = js_mallocz_rt(ctx->rt, size);
    if (js_unlikely(!ptr))
        JS_ThrowOutOfMemory(ctx);
    return ptr;
}

void *js_realloc(JSContext *ctx, void *ptr, size_t size)
{
    void *np = js_realloc_rt(ctx->rt, ptr, size);
    if (js_unlikely(!np && size))
        JS_ThrowOutOfMemory(ctx);
    return np;
}

void js_free(JSContext *ctx, void *ptr) { js_free_rt(ctx->rt, ptr); }

void *js_malloc_release(JSContext *ctx, void *ptr) { return js_malloc_rt_release(ctx->rt, ptr); }

char *js_strdup(JSContext *ctx, const char *str)
{
    size_t len = strlen(str);
    char *p = js_malloc(ctx, len + 1);
    if (p)
        memcpy(p, str, len + 1);
    return p;
}

int js_resize_array(JSContext *ctx, void **parray, int elem_size, int *psize, int min_size)
{
    int new_size;
    void *np;
    if (min_size <= *psize)
        return 0;
    new_size = *psize + *psize / 2;
    if (new_size < min_size)
        new_size = min_size;
    if (new_size < 8)
        new_size = 8;
    np = js_realloc(ctx, *parray, (size_t)new_size * elem_size);
    if (!np)
        return -1;
    *parray = np;
    *psize = new_size;
    return 0;
}

void JS_SetMemoryLimit(JSRuntime *rt, size_t limit) { rt->malloc_limit = limit; }

/* ---------------------------------------------------------------------
 * Stack and interrupts
 * ------------------------------------------------------------------- */
static void js_update_stack_limit(JSRuntime *rt)
{
    if (rt->stack_size == 0 || rt->stack_size >= rt->stack_top)
        rt->stack_limit = 0;
    else
        rt->stack_limit = rt->stack_top - rt->stack_size;
}

void JS_UpdateStackTop(JSRuntime *rt)
{
    rt->stack_top = (uintptr_t)__builtin_frame_address(0);
    js_update_stack_limit(rt);
}

void JS_SetMaxStackSize(JSRuntime *rt, size_t stack_size)
{
    rt->stack_size = stack_size;
    js_update_stack_limit(rt);
}

bool js_check_stack_overflow(JSRuntime *rt, size_t alloca_size)
{
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0) - alloca_size;
    return js_unlikely(sp < rt->stack_limit);
}

JSValue js_throw_stack_overflow(JSContext *ctx)
{
    return JS_ThrowRangeError(ctx, "Maximum call stack size exceeded");
}

void JS_SetInterruptHandler(JSRuntime *rt, JSInterruptHandler *cb, void *opaque)
{
    rt->interrupt_handler = cb;
    rt->interrupt_opaque = opaque;
}

int js_poll_interrupts_slow(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    rt->interrupt_counter = JS_INTERRUPT_COUNTER_INIT;
    if (rt->interrupt_handler && rt->interrupt_handler(rt, rt->interrupt_opaque)) {
        js_throw_interrupted(ctx);
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Classes
 * ------------------------------------------------------------------- */
int js_new_class1(JSRuntime *rt, JSClassID class_id, const JSClassDef *class_def, JSAtom name,
                  const JSClassExoticMethods *exotic)
{
    JSClass *cl;
    if (class_id >= (JSClassID)rt->class_count) {
        int new_count = class_id + 8;
        JSClass *arr = js_realloc_rt(rt, rt->class_array, sizeof(JSClass) * new_count);
        if (!arr)
            return -1;
        memset(arr + rt->class_count, 0, sizeof(JSClass) * (new_count - rt->class_count));
        rt->class_array = arr;
        /* contexts size their class_proto tables from class_count */
        for (struct list_head *el = rt->context_list.next; el != &rt->context_list;
             el = el->next) {
            JSContext *ctx = list_entry(el, JSContext, link);
            JSValue *tab = js_realloc_rt(rt, ctx->class_proto, sizeof(JSValue) * new_count);
            if (!tab)
                return -1;
            for (int i = rt->class_count; i < new_count; i++)
                tab[i] = JS_NULL;
            ctx->class_proto = tab;
        }
        rt->class_count = new_count;
    }
    cl = &rt->class_array[class_id];
    cl->class_name = js_dup_atom_rt(rt, name);
    cl->finalizer = class_def->finalizer;
    cl->gc_mark = class_def->gc_mark;
    cl->call = class_def->call;
    cl->exotic = exotic;
    return 0;
}

JSClassID JS_NewClassID(JSRuntime *rt, JSClassID *pclass_id)
{
    JSClassID id = *pclass_id;
    if (id == 0) {
        for (id = JS_CLASS_INIT_COUNT; id < (JSClassID)rt->class_count; id++) {
            if (rt->class_array[id].class_name == JS_ATOM_NULL)
                break;
        }
        *pclass_id = id;
    }
    return id;
}

int JS_NewClass(JSRuntime *rt, JSClassID class_id, const JSClassDef *class_def)
{
    JSAtom name;
    int ret;
    if (class_id < JS_CLASS_INIT_COUNT)
        return -1;
    if (class_id < (JSClassID)rt->class_count &&
        rt->class_array[class_id].class_name != JS_ATOM_NULL)
        return -1;
    name = js_new_atom_rt(rt, class_def->class_name, strlen(class_def->class_name));
    if (name == JS_ATOM_NULL)
        return -1;
    ret = js_new_class1(rt, class_id, class_def, name, NULL);
    JS_FreeAtomRT(rt, name);
    return ret;
}

bool JS_IsRegisteredClass(JSRuntime *rt, JSClassID class_id)
{
    return class_id < (JSClassID)rt->class_count &&
           rt->class_array[class_id].class_name != JS_ATOM_NULL;
}

JSClassID JS_GetClassID(JSValueConst v)
{
    return JS_IsObject(v) ? js_obj(v)->class_id : JS_CLASS_INVALID;
}

static const JSClassDef js_array_class_def = {
    .finalizer = js_array_finalizer,
    .gc_mark = js_array_mark,
};

static void js_object_data_finalizer(JSRuntime *rt, JSValue val)
{
    JS_FreeValueRT(rt, js_obj(val)->u.object_data);
}

static void js_object_data_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    js_gc_mark_value(rt, js_obj(val)->u.object_data, mark_func);
}

static const JSClassDef js_object_data_class_def = {
    .finalizer = js_object_data_finalizer,
    .gc_mark = js_object_data_mark,
};

static int js_init_classes(JSRuntime *rt)
{
    static const JSAtom names[JS_CLASS_INIT_COUNT] = {
        [JS_CLASS_INVALID] = JS_ATOM_NULL,
#define DEF(id, name) [JS_CLASS_##id] = JS_ATOM_##name,
#include "classes.def"
#undef DEF
    };
    static const JSClassDef plain_def = {0};
    for (int i = 1; i < JS_CLASS_INIT_COUNT; i++) {
        const JSClassDef *def = &plain_def;
        switch (i) {
        case JS_CLASS_ARRAY:
        case JS_CLASS_ARGUMENTS:
            def = &js_array_class_def;
            break;
        case JS_CLASS_NUMBER:
        case JS_CLASS_STRING:
        case JS_CLASS_BOOLEAN:
        case JS_CLASS_SYMBOL:
        case JS_CLASS_DATE:
        case JS_CLASS_BIG_INT:
        case JS_CLASS_ERROR:
            def = &js_object_data_class_def;
            break;
        }
        if (js_new_class1(rt, i, def, names[i], NULL))
            return -1;
    }
    js_function_init_classes(rt);
    js_builtins_init_classes(rt);
    return 0;
}

/* ---------------------------------------------------------------------
 * Runtime
 * ------------------------------------------------------------------- */
JSRuntime *JS_NewRuntime(void)
{
    JSRuntime *rt = calloc(1, sizeof(JSRuntime));
    if (!rt)
        return NULL;
    init_list_head(&rt->gc_obj_list);
    init_list_head(&rt->gc_zero_ref_count_list);
    init_list_head(&rt->tmp_obj_list);
    init_list_head(&rt->context_list);
    init_list_head(&rt->job_list);
    init_list_head(&rt->weakref_cleanup_list);
    init_list_head(&rt->async_waiter_list);
    rt->can_block = true;
    rt->gc_threshold = 256 * 1024;
    rt->current_exception = JS_UNINITIALIZED;
    rt->interrupt_counter = JS_INTERRUPT_COUNTER_INIT;
    rt->stack_size = JS_DEFAULT_STACK_SIZE;
    JS_UpdateStackTop(rt);
    if (js_init_atoms(rt) || js_init_shape_hash(rt) || js_init_classes(rt)) {
        JS_FreeRuntime(rt);
        return NULL;
    }
    return rt;
}

void JS_FreeRuntime(JSRuntime *rt)
{
    js_atomics_free_waiters(rt);
    js_free_job_list(rt);
    JS_FreeValueRT(rt, rt->current_exception);
    rt->current_exception = JS_UNINITIALIZED;
    JS_RunGC(rt);
#ifdef WEFT_DEBUG_LEAKS
    {
        struct list_head *el;
        list_for_each(el, &rt->gc_obj_list) {
            JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
            fprintf(stderr, "leak: gc node type %d ref_count %d\n", h->gc_obj_type, h->ref_count);
        }
    }
#endif
    for (int i = 0; i < rt->class_count; i++)
        JS_FreeAtomRT(rt, rt->class_array[i].class_name);
    js_free_rt(rt, rt->class_array);
    js_free_shape_hash(rt);
    js_free_atoms(rt);
    js_alloc_state_free(&rt->alloc);
    free(rt);
}

void JS_SetRuntimeInfo(JSRuntime *rt, const char *info) { rt->rt_info = info; }
void *JS_GetRuntimeOpaque(JSRuntime *rt) { return rt->user_opaque; }
void JS_SetRuntimeOpaque(JSRuntime *rt, void *opaque) { rt->user_opaque = opaque; }

void JS_ComputeMemoryUsage(JSRuntime *rt, JSMemoryUsage *s)
{
    struct list_head *el;
    memset(s, 0, sizeof(*s));
    s->malloc_size = rt->malloc_size;
    s->malloc_limit = rt->malloc_limit;
    s->malloc_count = rt->malloc_count;
    s->memory_used_size = rt->malloc_size;
    s->memory_used_count = rt->malloc_count;
    s->atom_count = rt->atom_count;
    s->atom_size = rt->atom_size * sizeof(JSString *) + rt->atom_hash_size * sizeof(uint32_t);
    list_for_each(el, &rt->gc_obj_list) {
        JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
        if (h->gc_obj_type == JS_GC_OBJ_TYPE_JS_OBJECT) {
            JSObject *p = (JSObject *)h;
            s->obj_count++;
            s->prop_count += p->shape->prop_count;
            if (p->class_id == JS_CLASS_ARRAY) {
                s->array_count++;
                if (p->fast_array) {
                    s->fast_array_count++;
                    s->fast_array_elements += p->u.array.count;
                }
            } else if (p->class_id == JS_CLASS_C_FUNCTION) {
                s->c_func_count++;
            } else if (p->class_id == JS_CLASS_BYTECODE_FUNCTION) {
                s->js_func_count++;
            }
        } else if (h->gc_obj_type == JS_GC_OBJ_TYPE_SHAPE) {
            s->shape_count++;
        }
    }
}

/* ---------------------------------------------------------------------
 * Contexts
 * ------------------------------------------------------------------- */
void js_context_mark(JSRuntime *rt, JSContext *ctx, JSMarkFunc *mark_func)
{
    if (ctx->array_shape)
        mark_func(rt, &ctx->array_shape->header);
    if (ctx->iter_result_shape)
        mark_func(rt, &ctx->iter_result_shape->header);
    for (int i = 0; i < rt->class_count; i++)
        js_gc_mark_value(rt, ctx->class_proto[i], mark_func);
    js_gc_mark_value(rt, ctx->function_proto, mark_func);
    js_gc_mark_value(rt, ctx->function_ctor, mark_func);
    js_gc_mark_value(rt, ctx->array_ctor, mark_func);
    js_gc_mark_value(rt, ctx->regexp_ctor, mark_func);
    js_gc_mark_value(rt, ctx->promise_ctor, mark_func);
    for (size_t i = 0; i < countof(ctx->binary_ctor); i++)
        js_gc_mark_value(rt, ctx->binary_ctor[i], mark_func);
    for (int i = 0; i < JS_NATIVE_ERROR_COUNT; i++)
        js_gc_mark_value(rt, ctx->native_error_proto[i], mark_func);
    js_gc_mark_value(rt, ctx->iterator_proto, mark_func);
    js_gc_mark_value(rt, ctx->array_proto_values, mark_func);
    js_gc_mark_value(rt, ctx->generator_function_proto, mark_func);
    js_gc_mark_value(rt, ctx->generator_proto, mark_func);
    js_gc_mark_value(rt, ctx->async_function_proto, mark_func);
    js_gc_mark_value(rt, ctx->async_generator_function_proto, mark_func);
    js_gc_mark_value(rt, ctx->async_generator_proto, mark_func);
    js_gc_mark_value(rt, ctx->throw_type_error, mark_func);
    js_gc_mark_value(rt, ctx->eval_obj, mark_func);
    js_gc_mark_value(rt, ctx->global_obj, mark_func);
    js_gc_mark_value(rt, ctx->global_var_obj, mark_func);
    js_gc_mark_value(rt, ctx->regexp_statics.input, mark_func);
    js_gc_mark_value(rt, ctx->regexp_statics.subject, mark_func);
    js_context_mark_modules(rt, ctx, mark_func);
}

static void js_clear_value(JSRuntime *rt, JSValue *pv)
{
    JSValue v = *pv;
    *pv = JS_UNDEFINED;
    JS_FreeValueRT(rt, v);
}

void js_context_free_children(JSRuntime *rt, JSContext *ctx)
{
    JSShape *sh = ctx->array_shape;
    js_context_free_modules(rt, ctx);
    ctx->array_shape = NULL;
    if (sh)
        js_free_shape(rt, sh);
    sh = ctx->iter_result_shape;
    ctx->iter_result_shape = NULL;
    if (sh)
        js_free_shape(rt, sh);
    js_clear_value(rt, &ctx->global_obj);
    js_clear_value(rt, &ctx->global_var_obj);
    js_clear_value(rt, &ctx->throw_type_error);
    js_clear_value(rt, &ctx->eval_obj);
    js_clear_value(rt, &ctx->array_proto_values);
    js_clear_value(rt, &ctx->generator_function_proto);
    js_clear_value(rt, &ctx->generator_proto);
    js_clear_value(rt, &ctx->async_function_proto);
    js_clear_value(rt, &ctx->async_generator_function_proto);
    js_clear_value(rt, &ctx->async_generator_proto);
    js_clear_value(rt, &ctx->iterator_proto);
    for (int i = 0; i < JS_NATIVE_ERROR_COUNT; i++)
        js_clear_value(rt, &ctx->native_error_proto[i]);
    js_clear_value(rt, &ctx->promise_ctor);
    for (size_t i = 0; i < countof(ctx->binary_ctor); i++)
        js_clear_value(rt, &ctx->binary_ctor[i]);
    js_clear_value(rt, &ctx->regexp_ctor);
    js_clear_value(rt, &ctx->regexp_statics.input);
    js_clear_value(rt, &ctx->regexp_statics.subject);
    js_clear_value(rt, &ctx->array_ctor);
    js_clear_value(rt, &ctx->function_ctor);
    js_clear_value(rt, &ctx->function_proto);
    for (int i = 0; i < rt->class_count; i++)
        js_clear_value(rt, &ctx->class_proto[i]);
    js_free_rt(rt, ctx->class_proto);
    ctx->class_proto = NULL;
    list_del(&ctx->link);
}

static JSContext *js_new_context_raw(JSRuntime *rt)
{
    JSContext *ctx = js_mallocz_rt(rt, sizeof(JSContext));
    if (!ctx)
        return NULL;
    ctx->class_proto = js_malloc_rt(rt, sizeof(JSValue) * rt->class_count);
    if (!ctx->class_proto) {
        js_free_rt(rt, ctx);
        return NULL;
    }
    js_gc_init_node(rt, &ctx->header, JS_GC_OBJ_TYPE_JS_CONTEXT);
    ctx->rt = rt;
    list_add_tail(&ctx->link, &rt->context_list);
    init_list_head(&ctx->module_list);
    for (int i = 0; i < rt->class_count; i++)
        ctx->class_proto[i] = JS_NULL;
    ctx->function_proto = JS_NULL;
    ctx->function_ctor = JS_NULL;
    ctx->array_ctor = JS_NULL;
    ctx->regexp_ctor = JS_NULL;
    ctx->regexp_statics.input = JS_UNDEFINED;
    ctx->regexp_statics.subject = JS_UNDEFINED;
    ctx->promise_ctor = JS_NULL;
    for (size_t i = 0; i < countof(ctx->binary_ctor); i++)
        ctx->binary_ctor[i] = JS_NULL;
    for (int i = 0; i < JS_NATIVE_ERROR_COUNT; i++)
        ctx->native_error_proto[i] = JS_NULL;
    ctx->iterator_proto = JS_NULL;
    ctx->array_proto_values = JS_NULL;
    ctx->generator_function_proto = JS_NULL;
    ctx->generator_proto = JS_NULL;
    ctx->async_function_proto = JS_NULL;
    ctx->async_generator_function_proto = JS_NULL;
    ctx->async_generator_proto = JS_NULL;
    ctx->throw_type_error = JS_NULL;
    ctx->eval_obj = JS_NULL;
    ctx->global_obj = JS_NULL;
    ctx->global_var_obj = JS_NULL;
    ctx->random_state = 0x853c49e6748fea9bull ^ (uintptr_t)ctx;
    return ctx;
}

JSContext *JS_NewContext(JSRuntime *rt)
{
    JSContext *ctx = js_new_context_raw(rt);
    if (!ctx)
        return NULL;
    if (js_init_builtins(ctx) < 0) {
        /* the caller has no context to take the error from, and the error
           would keep this half-built one alive */
        JS_FreeValue(ctx, JS_GetException(ctx));
        JS_FreeContext(ctx);
        return NULL;
    }
    return ctx;
}

void JS_FreeContext(JSContext *ctx)
{
    if (--ctx->header.ref_count <= 0)
        js_gc_free_node(ctx->rt, &ctx->header);
}

JSContext *JS_DupContext(JSContext *ctx)
{
    ctx->header.ref_count++;
    return ctx;
}

JSRuntime *JS_GetRuntime(JSContext *ctx) { return ctx->rt; }
void *JS_GetContextOpaque(JSContext *ctx) { return ctx->user_opaque; }
void JS_SetContextOpaque(JSContext *ctx, void *opaque) { ctx->user_opaque = opaque; }

void JS_SetClassProto(JSContext *ctx, JSClassID class_id, JSValue obj)
{
    JS_FreeValue(ctx, ctx->class_proto[class_id]);
    ctx->class_proto[class_id] = obj;
}

JSValue JS_GetClassProto(JSContext *ctx, JSClassID class_id)
{
    return JS_DupValue(ctx, ctx->class_proto[class_id]);
}

void JS_SetOpaque(JSValue obj, void *opaque)
{
    if (JS_IsObject(obj) && js_obj(obj)->class_id >= JS_CLASS_INIT_COUNT)
        js_obj(obj)->u.opaque = opaque;
}

void *JS_GetOpaque(JSValueConst obj, JSClassID class_id)
{
    if (!JS_IsObject(obj) || js_obj(obj)->class_id != class_id)
        return NULL;
    return js_obj(obj)->u.opaque;
}

void *JS_GetOpaque2(JSContext *ctx, JSValueConst obj, JSClassID class_id)
{
    void *p = JS_GetOpaque(obj, class_id);
    if (!p)
        JS_ThrowTypeError(ctx, "invalid object type");
    return p;
}

JSValue JS_GetGlobalObject(JSContext *ctx) { return JS_DupValue(ctx, ctx->global_obj); }
