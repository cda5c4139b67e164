/*
 * shape.h — hidden classes.
 *
 * Objects built the same way share a shape: the runtime keeps every
 * "hashed" shape in rt->shape_hash, keyed either by prototype (an initial,
 * empty shape) or by (parent shape, added key, flags) — the transition tree.
 * A hashed shape is immutable and holds a reference to its parent, so a
 * transition found once stays findable while any object uses a descendant.
 * Inline caches key on hashed shapes only.
 *
 * An object that deletes a property, changes attributes or prototype, or
 * grows past JS_SHAPE_MAX_HASHED_PROPS properties moves to its own unhashed
 * shape (dictionary mode), which is then mutated in place.
 */
#ifndef WEFT_SHAPE_H
#define WEFT_SHAPE_H

#include "internal.h"

#define JS_SHAPE_MAX_HASHED_PROPS 64

static inline JSShape *js_dup_shape(JSShape *sh)
{
    sh->header.ref_count++;
    return sh;
}
void js_free_shape0(JSRuntime *rt, JSShape *sh);
static inline void js_free_shape(JSRuntime *rt, JSShape *sh)
{
    if (--sh->header.ref_count <= 0)
        js_free_shape0(rt, sh);
}

/* for the collector (gc.c): release what the shape references, then its
   memory; and enumerate its references */
void js_shape_free_children(JSRuntime *rt, JSShape *sh);
void js_shape_free_memory(JSRuntime *rt, JSShape *sh);
void js_shape_mark(JSRuntime *rt, JSShape *sh, JSMarkFunc *mark_func);

int js_init_shape_hash(JSRuntime *rt);
void js_free_shape_hash(JSRuntime *rt);

/* the shared empty shape for objects with this prototype (new reference) */
JSShape *js_get_initial_shape(JSContext *ctx, JSObject *proto);
/* an unhashed empty shape with room for prop_size properties */
JSShape *js_new_unhashed_shape(JSContext *ctx, JSObject *proto, int prop_size);

/* the entry for atom in the shape, or NULL; *pidx receives its index */
static inline JSShapeProperty *js_shape_find(JSShape *sh, JSAtom atom, uint32_t *pidx)
{
    uint32_t h = prop_hash_end(sh)[-1 - (int)(atom & sh->prop_hash_mask)];
    while (h) {
        JSShapeProperty *pr = &sh->prop[h - 1];
        if (pr->atom == atom) {
            *pidx = h - 1;
            return pr;
        }
        h = pr->hash_next;
    }
    return NULL;
}

/* Adds a property to p's shape (transitioning or mutating), growing p->prop
   as needed. Returns the new property's slot or NULL on exception. */
JSProperty *js_shape_add_property(JSContext *ctx, JSObject *p, JSAtom atom, int flags);
/* replaces p's shape (a hashed transition shape, or an unhashed one
   without deleted entries) by an equal hashed shape that has no parent and
   that no transition leads to, so that a chain of intermediate shapes can
   be freed. For objects built once with many properties (the builtins,
   filled in dictionary mode, then detached: their chains were most of a
   new context's memory and time). The new shape is immutable like any
   hashed shape (inline caches keep working), and later additions
   transition from it as usual. */
int js_shape_detach_chain(JSContext *ctx, JSObject *p);
/* gives p an unhashed shape of its own (no-op when it already has one) */
int js_shape_make_unshared(JSContext *ctx, JSObject *p);
/* changes the prototype recorded in p's shape */
int js_shape_set_proto(JSContext *ctx, JSObject *p, JSObject *proto);
/* removes entry idx from p's (unshared) shape; the caller frees the value */
void js_shape_delete_property(JSContext *ctx, JSObject *p, uint32_t idx);

#endif /* WEFT_SHAPE_H */
