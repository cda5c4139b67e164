/*
 * shape.c — shape allocation, the runtime's shape hash (transition tree)
 * and dictionary-mode shapes. See shape.h for the model.
 *
 * Memory layout of a shape: [uint32 hash buckets][JSShape][props...]; the
 * buckets hold 1 + index of the first entry of each chain.
 */
#include "shape.h"
#include "atom.h"
#include "error.h"
#include "gc.h"
#include "object.h"
#include "runtime.h"

static uint32_t js_hash_ptr(const void *p)
{
    uintptr_t v = (uintptr_t)p;
    v ^= v >> 17;
    v *= 0x9e3779b97f4a7c15ull;
    return (uint32_t)(v >> 32);
}

static uint32_t shape_hash_initial(JSObject *proto) { return js_hash_ptr(proto); }

static uint32_t shape_hash_transition(JSShape *parent, JSAtom atom, int flags)
{
    return js_hash_ptr(parent) ^ ((atom * 0x9e370001u) + flags);
}

static uint32_t shape_bucket_count(int prop_size)
{
    uint32_t n = 4;
    while (n < (uint32_t)prop_size * 2)
        n <<= 1;
    return n;
}

static size_t shape_alloc_size(uint32_t buckets, int prop_size)
{
    return buckets * sizeof(uint32_t) + sizeof(JSShape) + prop_size * sizeof(JSShapeProperty);
}

static JSShape *js_alloc_shape(JSContext *ctx, JSObject *proto, int prop_size)
{
    JSRuntime *rt = ctx->rt;
    uint32_t buckets = shape_bucket_count(prop_size);
    void *mem = js_malloc(ctx, shape_alloc_size(buckets, prop_size));
    JSShape *sh;
    if (!mem)
        return NULL;
    memset(mem, 0, buckets * sizeof(uint32_t));
    sh = (JSShape *)((uint32_t *)mem + buckets);
    js_gc_init_node(rt, &sh->header, JS_GC_OBJ_TYPE_SHAPE);
    sh->is_hashed = 0;
    sh->has_small_array_index = 0;
    sh->hash = 0;
    sh->prop_hash_mask = buckets - 1;
    sh->prop_size = prop_size;
    sh->prop_count = 0;
    sh->deleted_prop_count = 0;
    sh->shape_hash_next = NULL;
    sh->parent = NULL;
    sh->last_atom = JS_ATOM_NULL;
    sh->proto = proto;
    if (proto)
        proto->header.ref_count++;
    return sh;
}

/* links entry idx into the bucket chains (entries must be added in order) */
static void shape_link_entry(JSShape *sh, uint32_t idx)
{
    JSShapeProperty *pr = &sh->prop[idx];
    uint32_t *bucket = &prop_hash_end(sh)[-1 - (int)(pr->atom & sh->prop_hash_mask)];
    pr->hash_next = *bucket;
    *bucket = idx + 1;
}

/* copies the live entries of src into the empty shape dst */
static void shape_copy_entries(JSRuntime *rt, JSShape *dst, JSShape *src)
{
    for (int i = 0; i < src->prop_count; i++) {
        JSShapeProperty *pr = &src->prop[i];
        JSShapeProperty *q = &dst->prop[dst->prop_count];
        q->atom = js_dup_atom_rt(rt, pr->atom);
        q->flags = pr->flags;
        if (pr->atom != JS_ATOM_NULL)
            shape_link_entry(dst, dst->prop_count);
        dst->prop_count++;
    }
    dst->deleted_prop_count = src->deleted_prop_count;
    dst->has_small_array_index = src->has_small_array_index;
}

/* ---------------------------------------------------------------------
 * The shape hash
 * ------------------------------------------------------------------- */
int js_init_shape_hash(JSRuntime *rt)
{
    rt->shape_hash_bits = 6;
    rt->shape_hash_size = 1 << rt->shape_hash_bits;
    rt->shape_hash_count = 0;
    rt->shape_hash = js_mallocz_rt(rt, sizeof(JSShape *) * rt->shape_hash_size);
    return rt->shape_hash ? 0 : -1;
}

void js_free_shape_hash(JSRuntime *rt)
{
    js_free_rt(rt, rt->shape_hash);
    rt->shape_hash = NULL;
}

static void shape_hash_resize(JSRuntime *rt)
{
    int new_bits = rt->shape_hash_bits + 1, new_size = 1 << new_bits;
    JSShape **new_hash = js_mallocz_rt(rt, sizeof(JSShape *) * new_size);
    if (!new_hash)
        return; /* keep the smaller table: lookups stay correct */
    for (int i = 0; i < rt->shape_hash_size; i++) {
        JSShape *sh = rt->shape_hash[i], *next;
        for (; sh; sh = next) {
            uint32_t h = sh->hash & (new_size - 1);
            next = sh->shape_hash_next;
            sh->shape_hash_next = new_hash[h];
            new_hash[h] = sh;
        }
    }
    js_free_rt(rt, rt->shape_hash);
    rt->shape_hash = new_hash;
    rt->shape_hash_bits = new_bits;
    rt->shape_hash_size = new_size;
}

static void shape_hash_insert(JSRuntime *rt, JSShape *sh, uint32_t h)
{
    uint32_t b;
    sh->hash = h;
    sh->is_hashed = 1;
    if (rt->shape_hash_count * 2 >= rt->shape_hash_size)
        shape_hash_resize(rt);
    b = h & (rt->shape_hash_size - 1);
    sh->shape_hash_next = rt->shape_hash[b];
    rt->shape_hash[b] = sh;
    rt->shape_hash_count++;
}

static void shape_hash_remove(JSRuntime *rt, JSShape *sh)
{
    JSShape **link = &rt->shape_hash[sh->hash & (rt->shape_hash_size - 1)];
    while (*link != sh)
        link = &(*link)->shape_hash_next;
    *link = sh->shape_hash_next;
    sh->is_hashed = 0;
    rt->shape_hash_count--;
}

/* ---------------------------------------------------------------------
 * Creation and freeing
 * ------------------------------------------------------------------- */
JSShape *js_get_initial_shape(JSContext *ctx, JSObject *proto)
{
    JSRuntime *rt = ctx->rt;
    uint32_t h = shape_hash_initial(proto);
    JSShape *sh = rt->shape_hash[h & (rt->shape_hash_size - 1)];
    for (; sh; sh = sh->shape_hash_next) {
        if (sh->hash == h && sh->parent == NULL && sh->proto == proto && sh->prop_count == 0)
            return js_dup_shape(sh);
    }
    sh = js_alloc_shape(ctx, proto, 4);
    if (sh)
        shape_hash_insert(rt, sh, h);
    return sh;
}

JSShape *js_new_unhashed_shape(JSContext *ctx, JSObject *proto, int prop_size)
{
    return js_alloc_shape(ctx, proto, prop_size < 4 ? 4 : prop_size);
}

void js_free_shape0(JSRuntime *rt, JSShape *sh)
{
    if (js_gc_node_is_garbage(rt, &sh->header))
        return; /* the collector frees it */
    list_del(&sh->header.link);
    js_shape_free_children(rt, sh);
    js_shape_free_memory(rt, sh);
}

void js_shape_free_children(JSRuntime *rt, JSShape *sh)
{
    JSShape *parent = sh->parent;
    if (sh->is_hashed)
        shape_hash_remove(rt, sh);
    /* prop_count stays: a garbage object freed later in the same collection
       still walks this shape to release its property values */
    for (int i = 0; i < sh->prop_count; i++)
        JS_FreeAtomRT(rt, sh->prop[i].atom);
    if (sh->proto) {
        JS_FreeValueRT(rt, js_obj_value(sh->proto));
        sh->proto = NULL;
    }
    sh->parent = NULL;
    if (parent)
        js_free_shape(rt, parent);
}

void js_shape_free_memory(JSRuntime *rt, JSShape *sh)
{
    js_free_rt(rt, get_alloc_from_shape(sh));
}

void js_shape_mark(JSRuntime *rt, JSShape *sh, JSMarkFunc *mark_func)
{
    if (sh->proto)
        mark_func(rt, &sh->proto->header);
    if (sh->parent)
        mark_func(rt, &sh->parent->header);
}

/* ---------------------------------------------------------------------
 * Adding properties
 * ------------------------------------------------------------------- */
static JSShape *shape_find_transition(JSRuntime *rt, JSShape *sh, JSAtom atom, int flags,
                                      uint32_t h)
{
    JSShape *c = rt->shape_hash[h & (rt->shape_hash_size - 1)];
    for (; c; c = c->shape_hash_next) {
        if (c->hash == h && c->parent == sh && c->last_atom == atom &&
            c->prop[c->prop_count - 1].flags == flags)
            return c;
    }
    return NULL;
}

static JSShape *shape_new_transition(JSContext *ctx, JSShape *sh, JSAtom atom, int flags,
                                     uint32_t h)
{
    int prop_size = sh->prop_count < sh->prop_size ? sh->prop_size : sh->prop_size * 2;
    JSShape *c = js_alloc_shape(ctx, sh->proto, prop_size);
    JSShapeProperty *pr;
    if (!c)
        return NULL;
    shape_copy_entries(ctx->rt, c, sh);
    pr = &c->prop[c->prop_count];
    pr->atom = js_dup_atom_rt(ctx->rt, atom);
    pr->flags = flags;
    shape_link_entry(c, c->prop_count);
    c->prop_count++;
    if (js_atom_is_tagged_int(atom))
        c->has_small_array_index = 1;
    c->parent = js_dup_shape(sh);
    c->last_atom = atom;
    shape_hash_insert(ctx->rt, c, h);
    return c;
}

/* replaces the unhashed shape of p by a copy with room for prop_size
   entries (and without deleted entries, whose slots are compacted) */
static int shape_rebuild(JSContext *ctx, JSObject *p, int prop_size)
{
    JSShape *sh = p->shape, *n;
    int j = 0;
    n = js_alloc_shape(ctx, sh->proto, prop_size);
    if (!n)
        return -1;
    if (prop_size > sh->prop_size && js_object_resize_props(ctx, p, prop_size)) {
        js_free_shape(ctx->rt, n);
        return -1;
    }
    for (int i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *pr = &sh->prop[i];
        if (pr->atom == JS_ATOM_NULL)
            continue;
        n->prop[j].atom = pr->atom;
        n->prop[j].flags = pr->flags;
        pr->atom = JS_ATOM_NULL; /* ownership moves to n */
        shape_link_entry(n, j);
        p->prop[j] = p->prop[i];
        j++;
    }
    n->prop_count = j;
    n->has_small_array_index = sh->has_small_array_index;
    p->shape = n;
    js_free_shape(ctx->rt, sh);
    return 0;
}

int js_shape_detach_chain(JSContext *ctx, JSObject *p)
{
    JSShape *sh = p->shape, *n;
    /* a hashed shape without a parent is detached already; a hashed shape
       never holds deleted entries */
    if (sh->is_hashed ? !sh->parent : sh->deleted_prop_count > 0)
        return 0;
    n = js_alloc_shape(ctx, sh->proto, sh->prop_size);
    if (!n)
        return -1;
    shape_copy_entries(ctx->rt, n, sh);
    /* parent NULL and prop_count > 0: neither a transition lookup nor an
       initial-shape lookup can match it */
    shape_hash_insert(ctx->rt, n, js_hash_ptr(n));
    p->shape = n;
    js_free_shape(ctx->rt, sh);
    return 0;
}

int js_shape_make_unshared(JSContext *ctx, JSObject *p)
{
    JSShape *sh = p->shape, *n;
    if (!sh->is_hashed)
        return 0;
    n = js_alloc_shape(ctx, sh->proto, sh->prop_size);
    if (!n)
        return -1;
    shape_copy_entries(ctx->rt, n, sh);
    p->shape = n;
    js_free_shape(ctx->rt, sh);
    return 0;
}

JSProperty *js_shape_add_property(JSContext *ctx, JSObject *p, JSAtom atom, int flags)
{
    JSShape *sh = p->shape, *c;
    JSShapeProperty *pr;
    if (sh->is_hashed && sh->prop_count < JS_SHAPE_MAX_HASHED_PROPS) {
        uint32_t h = shape_hash_transition(sh, atom, flags);
        c = shape_find_transition(ctx->rt, sh, atom, flags, h);
        if (c)
            js_dup_shape(c);
        else if (!(c = shape_new_transition(ctx, sh, atom, flags, h)))
            return NULL;
        if (c->prop_size > sh->prop_size && js_object_resize_props(ctx, p, c->prop_size)) {
            js_free_shape(ctx->rt, c);
            return NULL;
        }
        p->shape = c;
        js_free_shape(ctx->rt, sh);
        return &p->prop[c->prop_count - 1];
    }
    if (js_shape_make_unshared(ctx, p))
        return NULL;
    sh = p->shape;
    if (sh->prop_count >= sh->prop_size) {
        if (shape_rebuild(ctx, p, sh->prop_size * 3 / 2 + 2))
            return NULL;
        sh = p->shape;
    }
    pr = &sh->prop[sh->prop_count];
    pr->atom = js_dup_atom_rt(ctx->rt, atom);
    pr->flags = flags;
    shape_link_entry(sh, sh->prop_count);
    if (js_atom_is_tagged_int(atom))
        sh->has_small_array_index = 1;
    return &p->prop[sh->prop_count++];
}

void js_shape_delete_property(JSContext *ctx, JSObject *p, uint32_t idx)
{
    JSShape *sh = p->shape;
    JSShapeProperty *pr = &sh->prop[idx];
    uint32_t *bucket = &prop_hash_end(sh)[-1 - (int)(pr->atom & sh->prop_hash_mask)];
    if (*bucket == idx + 1) {
        *bucket = pr->hash_next;
    } else {
        JSShapeProperty *prev = &sh->prop[*bucket - 1];
        while (prev->hash_next != idx + 1)
            prev = &sh->prop[prev->hash_next - 1];
        prev->hash_next = pr->hash_next;
    }
    JS_FreeAtom(ctx, pr->atom);
    pr->atom = JS_ATOM_NULL;
    pr->flags = 0;
    pr->hash_next = 0;
    sh->deleted_prop_count++;
    /* compact when half the entries are dead; a failure just postpones it */
    if (sh->deleted_prop_count >= 8 && sh->deleted_prop_count * 2 >= sh->prop_count)
        shape_rebuild(ctx, p, sh->prop_size);
}

int js_shape_set_proto(JSContext *ctx, JSObject *p, JSObject *proto)
{
    JSShape *sh = p->shape;
    if (sh->proto == proto)
        return 0;
    if (sh->is_hashed && sh->prop_count == 0) {
        JSShape *n = js_get_initial_shape(ctx, proto);
        if (!n)
            return -1;
        p->shape = n;
        js_free_shape(ctx->rt, sh);
        return 0;
    }
    if (js_shape_make_unshared(ctx, p))
        return -1;
    sh = p->shape;
    if (proto)
        proto->header.ref_count++;
    if (sh->proto)
        JS_FreeValue(ctx, js_obj_value(sh->proto));
    sh->proto = proto;
    return 0;
}
