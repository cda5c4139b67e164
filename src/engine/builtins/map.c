/*
 * map.c — Map, Set, WeakMap and WeakSet (ECMA-262 §24.1–24.4), their
 * iterators (%MapIteratorPrototype%, %SetIteratorPrototype%), Map.groupBy
 * and the Set methods (union, intersection, ...).
 *
 * The four collections share one representation, JSMapState:
 *  - the records in insertion order on a doubly linked list, and
 *  - a hash table of chains keyed by SameValueZero. Keys are stored
 *    canonical (-0 becomes +0, strings are flat) and numbers hash by value,
 *    so an int32 1 and a double 1.0 land in the same chain.
 *
 * The spec describes [[MapData]] as a list where deletion only marks an
 * entry empty and insertion appends; a walk in progress (iterator, forEach,
 * a Set method looping over its receiver while calling user code) sees
 * entries appended later and never revisits or skips live ones. We get the
 * same behaviour without keeping dead entries forever: a walker "holds"
 * (walkers++) the record it stands on; deleting a held record only marks it
 * empty and removes it from the hash chain, and it leaves the list when its
 * last walker moves on. Every other deleted record is freed at once.
 *
 * Weak collections hold object keys without a reference: each record
 * registers a JSWeakRefRecord on its key (weakref.h), and the key's death
 * deletes the entry. Values are held (and marked for the cycle collector)
 * strongly. Non-registered symbols, which may also be weak keys, are held
 * strongly for now.
 */
#include <math.h>

#include "builtins.h"
#include "../atom.h"
#include "../bigint.h"
#include "../conv.h"
#include "../error.h"
#include "../fast_array.h"
#include "../function.h"
#include "../gc.h"
#include "../iter.h"
#include "../object.h"
#include "../runtime.h"
#include "../str.h"
#include "../weakref.h"

/* the magic of the shared functions: JS_CLASS_MAP + magic is the class */
enum {
    JS_MAP_MAGIC_MAP = 0,
    JS_MAP_MAGIC_SET = 1,
    JS_MAP_MAGIC_WEAKMAP = 2,
    JS_MAP_MAGIC_WEAKSET = 3,
};
#define JS_MAP_IS_SET(magic) ((magic)&1)
#define JS_MAP_IS_WEAK(magic) ((magic)&2)

enum {
    JS_MAP_KIND_KEYS,
    JS_MAP_KIND_VALUES,
    JS_MAP_KIND_ENTRIES,
};

typedef struct JSMapState JSMapState;

typedef struct JSMapRecord {
    JSMapState *map; /* NULL when the map died while a walker held the record */
    struct list_head link;
    struct JSMapRecord *hash_next;
    uint32_t hash;
    int walkers; /* iterators and walks standing on this record */
    bool empty;  /* deleted; still on the list because walkers > 0 */
    JSValue key;
    JSValue value;
} JSMapRecord;

/* a record of a weak collection: the weak link to its object key */
typedef struct JSWeakMapRecord {
    JSMapRecord base;
    JSWeakRefRecord weak;
} JSWeakMapRecord;

struct JSMapState {
    bool is_weak;
    uint32_t count;     /* live records */
    uint32_t hash_size; /* 0 before the first insertion, else a power of two */
    JSMapRecord **hash_table;
    struct list_head records;
};

typedef struct JSMapIteratorData {
    JSValue obj;      /* the collection; undefined once the iteration ended */
    JSMapRecord *cur; /* the record last returned (held), or NULL */
    int kind;
} JSMapIteratorData;

static const char *const js_map_class_names[4] = {"Map", "Set", "WeakMap", "WeakSet"};

/* ---------------------------------------------------------------------
 * Keys: canonical form, hashing, SameValueZero
 * ------------------------------------------------------------------- */
static uint32_t js_map_hash_u64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return (uint32_t)x;
}

/* CanonicalizeKeyedCollectionKey (-0 → +0), plus flattening: the result
   is borrowed (a rope keeps its flat string alive) or JS_EXCEPTION */
static JSValue js_map_canon_key(JSContext *ctx, JSValueConst key)
{
    if (JS_VALUE_GET_TAG(key) == JS_TAG_FLOAT64) {
        if (JS_VALUE_GET_FLOAT64(key) == 0)
            return JS_NewInt32(ctx, 0);
    } else if (JS_IsString(key)) {
        JSString *p = js_get_flat_string(ctx, key);
        if (!p)
            return JS_EXCEPTION;
        return js_string_value(p);
    }
    return key;
}

/* equal BigInts may be distinct allocations: hash the value */
static uint32_t js_map_hash_bigint(const JSBigInt *b)
{
    uint64_t h = b->sign;
    for (uint32_t i = 0; i < b->len; i++)
        h = h * 0x100000001b3ull + b->tab[i];
    return js_map_hash_u64(h);
}

/* Integers in blocks of 256: the block number is mixed, the low byte is
   kept, so consecutive integers fill neighbouring buckets (a loop over
   0..n stays in cache) while strides and scattered values still spread
   over the whole table. */
static uint32_t js_map_hash_int(uint32_t i)
{
    return js_map_hash_u64(i >> 8) ^ (i & 0xff);
}

static uint32_t js_map_hash_key(JSValueConst key)
{
    double d;
    switch (JS_VALUE_GET_TAG(key)) {
    case JS_TAG_STRING:
        return js_string_hash(JS_VALUE_GET_STRING(key));
    case JS_TAG_INT:
        return js_map_hash_int((uint32_t)JS_VALUE_GET_INT(key));
    case JS_TAG_FLOAT64:
        /* integral doubles hash like the int32 of the same value */
        d = JS_VALUE_GET_FLOAT64(key);
        if (d >= INT32_MIN && d <= INT32_MAX && (double)(int32_t)d == d)
            return js_map_hash_int((uint32_t)(int32_t)d);
        return js_map_hash_u64(key);
    case JS_TAG_BIG_INT:
        return js_map_hash_bigint(js_bigint_ptr(key));
    default:
        /* objects and symbols by identity; the other immediates by bits */
        return js_map_hash_u64(key);
    }
}

/* SameValueZero on canonical keys */
static bool js_map_key_eq(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    int ta, tb;
    if (a == b)
        return true;
    if (JS_IsNumber(a) && JS_IsNumber(b))
        return js_value_to_double(a) == js_value_to_double(b);
    ta = JS_VALUE_GET_TAG(a);
    tb = JS_VALUE_GET_TAG(b);
    if (ta != tb)
        return false;
    if (ta == JS_TAG_STRING)
        return js_string_eq(JS_VALUE_GET_STRING(a), JS_VALUE_GET_STRING(b));
    if (ta == JS_TAG_BIG_INT)
        return js_strict_eq(ctx, a, b);
    return false;
}

/* CanBeHeldWeakly: objects, and symbols not created by Symbol.for */
static bool js_map_can_be_held_weakly(JSValueConst v)
{
    if (JS_IsObject(v))
        return true;
    if (JS_IsSymbol(v))
        return ((JSString *)JS_VALUE_GET_PTR(v))->atom_type != JS_ATOM_TYPE_GLOBAL_SYMBOL;
    return false;
}

/* ---------------------------------------------------------------------
 * Records
 * ------------------------------------------------------------------- */
static void js_map_init_state(JSMapState *s, bool is_weak)
{
    s->is_weak = is_weak;
    s->count = 0;
    s->hash_size = 0;
    s->hash_table = NULL;
    init_list_head(&s->records);
}

static JSMapRecord *js_map_find(JSContext *ctx, JSMapState *s, JSValueConst key, uint32_t h)
{
    JSMapRecord *mr;
    if (!s->hash_size)
        return NULL;
    for (mr = s->hash_table[h & (s->hash_size - 1)]; mr; mr = mr->hash_next) {
        if (mr->hash == h && js_map_key_eq(ctx, mr->key, key))
            return mr;
    }
    return NULL;
}

static int js_map_grow(JSContext *ctx, JSMapState *s)
{
    uint32_t new_size = s->hash_size ? s->hash_size * 2 : 4;
    JSMapRecord **tab;
    struct list_head *el;
    if (new_size > (1u << 28))
        return 0; /* longer chains rather than a huge table */
    tab = js_mallocz(ctx, sizeof(*tab) * new_size);
    if (!tab)
        return -1;
    list_for_each(el, &s->records) {
        JSMapRecord *mr = list_entry(el, JSMapRecord, link);
        uint32_t i;
        if (mr->empty)
            continue;
        i = mr->hash & (new_size - 1);
        mr->hash_next = tab[i];
        tab[i] = mr;
    }
    js_free(ctx, s->hash_table);
    s->hash_table = tab;
    s->hash_size = new_size;
    return 0;
}

static void js_weakmap_key_freed(JSRuntime *rt, JSWeakRefRecord *wr);

/* appends a record for a canonical key known to be absent (both values
   are duplicated) */
static JSMapRecord *js_map_add(JSContext *ctx, JSMapState *s, JSValueConst key, uint32_t h,
                               JSValueConst value)
{
    JSMapRecord *mr;
    uint32_t i;
    if (s->count >= s->hash_size && js_map_grow(ctx, s))
        return NULL;
    mr = js_malloc(ctx, s->is_weak ? sizeof(JSWeakMapRecord) : sizeof(JSMapRecord));
    if (!mr)
        return NULL;
    mr->map = s;
    mr->hash = h;
    mr->walkers = 0;
    mr->empty = false;
    if (s->is_weak) {
        JSWeakMapRecord *wmr = (JSWeakMapRecord *)mr;
        wmr->weak.pprev = NULL;
        if (JS_IsObject(key)) {
            mr->key = key; /* weak: no reference */
            js_weakref_link(js_obj(key), &wmr->weak, js_weakmap_key_freed);
        } else {
            mr->key = JS_DupValue(ctx, key);
        }
    } else {
        mr->key = JS_DupValue(ctx, key);
    }
    mr->value = JS_DupValue(ctx, value);
    list_add_tail(&mr->link, &s->records);
    i = h & (s->hash_size - 1);
    mr->hash_next = s->hash_table[i];
    s->hash_table[i] = mr;
    s->count++;
    return mr;
}

/* releases the key of a live record: weak object keys are only unlinked */
static JSValue js_map_take_key(JSMapState *s, JSMapRecord *mr)
{
    JSValue key = mr->key;
    mr->key = JS_UNDEFINED;
    if (s->is_weak && JS_IsObject(key)) {
        js_weakref_unlink(&((JSWeakMapRecord *)mr)->weak);
        return JS_UNDEFINED;
    }
    return key;
}

/* Deletes a live record. Its key and value are released last, because
   freeing them can free other objects (never run JS code). */
static void js_map_delete_record(JSRuntime *rt, JSMapState *s, JSMapRecord *mr)
{
    JSMapRecord **pp = &s->hash_table[mr->hash & (s->hash_size - 1)];
    JSValue key, value;
    while (*pp != mr)
        pp = &(*pp)->hash_next;
    *pp = mr->hash_next;
    mr->hash_next = NULL;
    mr->empty = true;
    s->count--;
    key = js_map_take_key(s, mr);
    value = mr->value;
    mr->value = JS_UNDEFINED;
    if (mr->walkers == 0) {
        list_del(&mr->link);
        js_free_rt(rt, mr);
    }
    JS_FreeValueRT(rt, key);
    JS_FreeValueRT(rt, value);
}

static void js_map_hold(JSMapRecord *mr)
{
    mr->walkers++;
}

/* a walker leaves the record: a deleted record it was the last to hold
   goes away */
static void js_map_unhold(JSRuntime *rt, JSMapRecord *mr)
{
    if (--mr->walkers > 0 || !mr->empty)
        return;
    if (mr->map)
        list_del(&mr->link);
    js_free_rt(rt, mr);
}

/* a weak key died: its entry disappears */
static void js_weakmap_key_freed(JSRuntime *rt, JSWeakRefRecord *wr)
{
    JSMapRecord *mr = &((JSWeakMapRecord *)((char *)wr - offsetof(JSWeakMapRecord, weak)))->base;
    mr->key = JS_UNDEFINED; /* already unlinked; the key is being destroyed */
    js_map_delete_record(rt, mr->map, mr);
}

/* the first live record at or after el (el may be the list head) */
static JSMapRecord *js_map_next_live(JSMapState *s, struct list_head *el)
{
    for (; el != &s->records; el = el->next) {
        JSMapRecord *mr = list_entry(el, JSMapRecord, link);
        if (!mr->empty)
            return mr;
    }
    return NULL;
}

static void js_map_clear_records(JSRuntime *rt, JSMapState *s)
{
    JSMapRecord *mr = js_map_next_live(s, s->records.next);
    while (mr) {
        JSMapRecord *next;
        js_map_hold(mr); /* keeps mr->link valid across the deletion */
        js_map_delete_record(rt, s, mr);
        next = js_map_next_live(s, mr->link.next);
        js_map_unhold(rt, mr);
        mr = next;
    }
}

/* ---------------------------------------------------------------------
 * Class hooks
 * ------------------------------------------------------------------- */
static void js_map_finalizer(JSRuntime *rt, JSValue val)
{
    JSObject *p = js_obj(val);
    JSMapState *s = p->u.opaque;
    struct list_head *el;
    if (!s)
        return;
    p->u.opaque = NULL;
    /* first make sure no dying key can call back into this map while the
       values below are freed */
    if (s->is_weak) {
        list_for_each(el, &s->records) {
            JSMapRecord *mr = list_entry(el, JSMapRecord, link);
            if (!mr->empty)
                js_weakref_unlink(&((JSWeakMapRecord *)mr)->weak);
        }
    }
    while (!list_empty(&s->records)) {
        JSMapRecord *mr = list_entry(s->records.next, JSMapRecord, link);
        JSValue key = JS_UNDEFINED, value = JS_UNDEFINED;
        list_del(&mr->link);
        if (!mr->empty) {
            if (!(s->is_weak && JS_IsObject(mr->key)))
                key = mr->key;
            value = mr->value;
            mr->key = mr->value = JS_UNDEFINED;
        }
        if (mr->walkers == 0) {
            js_free_rt(rt, mr);
        } else {
            /* an iterator dying in the same collection still holds it */
            mr->empty = true;
            mr->map = NULL;
        }
        JS_FreeValueRT(rt, key);
        JS_FreeValueRT(rt, value);
    }
    js_free_rt(rt, s->hash_table);
    js_free_rt(rt, s);
}

static void js_map_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSMapState *s = js_obj(val)->u.opaque;
    struct list_head *el;
    if (!s)
        return;
    list_for_each(el, &s->records) {
        JSMapRecord *mr = list_entry(el, JSMapRecord, link);
        if (mr->empty)
            continue;
        /* weak keys are not edges: the map holds no reference on them */
        if (!s->is_weak)
            js_gc_mark_value(rt, mr->key, mark_func);
        js_gc_mark_value(rt, mr->value, mark_func);
    }
}

static void js_map_iterator_finalizer(JSRuntime *rt, JSValue val)
{
    JSObject *p = js_obj(val);
    JSMapIteratorData *it = p->u.opaque;
    if (!it)
        return;
    p->u.opaque = NULL;
    /* release the record before the map: the record may be on its list */
    if (it->cur)
        js_map_unhold(rt, it->cur);
    JS_FreeValueRT(rt, it->obj);
    js_free_rt(rt, it);
}

static void js_map_iterator_mark(JSRuntime *rt, JSValueConst val, JSMarkFunc *mark_func)
{
    JSMapIteratorData *it = js_obj(val)->u.opaque;
    if (it)
        js_gc_mark_value(rt, it->obj, mark_func);
}

void js_map_init_classes(JSRuntime *rt)
{
    JSClass *cl = rt->class_array;
    for (int i = JS_CLASS_MAP; i <= JS_CLASS_WEAKSET; i++) {
        cl[i].finalizer = js_map_finalizer;
        cl[i].gc_mark = js_map_mark;
    }
    for (int i = JS_CLASS_MAP_ITERATOR; i <= JS_CLASS_SET_ITERATOR; i++) {
        cl[i].finalizer = js_map_iterator_finalizer;
        cl[i].gc_mark = js_map_iterator_mark;
    }
}

/* ---------------------------------------------------------------------
 * Objects
 * ------------------------------------------------------------------- */
static JSMapState *js_map_get_state(JSContext *ctx, JSValueConst obj, int magic)
{
    if (JS_IsObject(obj) && js_obj(obj)->class_id == JS_CLASS_MAP + magic && js_obj(obj)->u.opaque)
        return js_obj(obj)->u.opaque;
    JS_ThrowTypeError(ctx, "%s method called on an incompatible receiver (not a %s)",
                      js_map_class_names[magic], js_map_class_names[magic]);
    return NULL;
}

static int js_map_attach_state(JSContext *ctx, JSValueConst obj, int magic)
{
    JSMapState *s = js_malloc(ctx, sizeof(JSMapState));
    if (!s)
        return -1;
    js_map_init_state(s, JS_MAP_IS_WEAK(magic));
    js_obj(obj)->u.opaque = s;
    return 0;
}

/* a new empty collection with the realm's prototype */
static JSValue js_map_new(JSContext *ctx, int magic)
{
    JSValue obj = JS_NewObjectClass(ctx, JS_CLASS_MAP + magic);
    if (JS_IsException(obj))
        return obj;
    if (js_map_attach_state(ctx, obj, magic)) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* a new Set holding the records of s, in order */
static JSValue js_set_new_copy(JSContext *ctx, JSMapState *s)
{
    JSValue obj = js_map_new(ctx, JS_MAP_MAGIC_SET);
    JSMapState *d;
    struct list_head *el;
    if (JS_IsException(obj))
        return obj;
    d = js_obj(obj)->u.opaque;
    list_for_each(el, &s->records) {
        JSMapRecord *mr = list_entry(el, JSMapRecord, link);
        if (!mr->empty && !js_map_add(ctx, d, mr->key, mr->hash, JS_UNDEFINED)) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
    }
    return obj;
}

/* ---------------------------------------------------------------------
 * The iteration protocol (iter.h), with an iterator and its next method
 * kept together
 * ------------------------------------------------------------------- */
typedef struct JSMapIterRecord {
    JSValue iter;
    JSValue next;
} JSMapIterRecord;

static void js_map_iter_free(JSContext *ctx, JSMapIterRecord *r)
{
    JS_FreeValue(ctx, r->iter);
    JS_FreeValue(ctx, r->next);
    r->iter = r->next = JS_UNDEFINED;
}

/* GetIterator(obj, sync) */
static int js_map_get_iterator(JSContext *ctx, JSMapIterRecord *r, JSValueConst obj)
{
    r->iter = js_get_iterator(ctx, obj, &r->next);
    if (JS_IsException(r->iter)) {
        r->iter = JS_UNDEFINED;
        return -1;
    }
    return 0;
}

/* IteratorStepValue: 1 with *pval, 0 when done, -1 on exception */
static int js_map_iter_step(JSContext *ctx, JSMapIterRecord *r, JSValue *pval)
{
    bool done;
    JSValue v = js_iterator_step_value(ctx, r->iter, r->next, &done);
    if (JS_IsException(v))
        return -1;
    if (done)
        return 0;
    *pval = v;
    return 1;
}

/* ---------------------------------------------------------------------
 * Constructors
 * ------------------------------------------------------------------- */
static JSValue js_map_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                          int magic);

/* one [key, value] entry of the Map constructor's iterable: 0, or -1 (the
   caller closes the iterator) */
static int js_map_add_entry(JSContext *ctx, JSValueConst obj, JSValueConst adder, int adder_magic,
                            JSValueConst item)
{
    JSValue kv[2], ret;
    JSValue *values;
    uint32_t count;
    if (!JS_IsObject(item)) {
        JS_ThrowTypeError(ctx, "iterator value is not an entry object");
        return -1;
    }
    if (js_get_fast_array(ctx, item, &values, &count) && count >= 2) {
        kv[0] = JS_DupValue(ctx, values[0]);
        kv[1] = JS_DupValue(ctx, values[1]);
    } else {
        kv[0] = JS_GetPropertyUint32(ctx, item, 0);
        if (JS_IsException(kv[0]))
            return -1;
        kv[1] = JS_GetPropertyUint32(ctx, item, 1);
        if (JS_IsException(kv[1])) {
            JS_FreeValue(ctx, kv[0]);
            return -1;
        }
    }
    /* calling the builtin set directly is unobservable */
    if (adder_magic >= 0)
        ret = js_map_set(ctx, obj, 2, kv, adder_magic);
    else
        ret = JS_Call(ctx, adder, obj, 2, kv);
    JS_FreeValue(ctx, kv[0]);
    JS_FreeValue(ctx, kv[1]);
    if (JS_IsException(ret))
        return -1;
    JS_FreeValue(ctx, ret);
    return 0;
}

/* the magic of adder when it is this realm's set/add builtin, else -1 */
static int js_map_builtin_adder_magic(JSContext *ctx, JSValueConst adder)
{
    JSObject *p;
    if (!JS_IsObject(adder))
        return -1;
    p = js_obj(adder);
    if (p->class_id != JS_CLASS_C_FUNCTION || p->u.cfunc.cproto != JS_CFUNC_generic_magic ||
        p->u.cfunc.c_function.generic_magic != js_map_set || p->u.cfunc.realm != ctx)
        return -1;
    return p->u.cfunc.magic;
}

/* AddEntriesFromIterable, and the Set/WeakSet loop calling add */
static int js_map_fill(JSContext *ctx, JSValueConst obj, JSValueConst iterable, int magic)
{
    JSValue adder, item;
    JSMapIterRecord r;
    int adder_magic, ret;
    adder = JS_GetProperty(ctx, obj, JS_MAP_IS_SET(magic) ? JS_ATOM_add : JS_ATOM_set);
    if (JS_IsException(adder))
        return -1;
    if (!JS_IsCallable(ctx, adder)) {
        JS_FreeValue(ctx, adder);
        JS_ThrowTypeError(ctx, "'%s' is not a function", JS_MAP_IS_SET(magic) ? "add" : "set");
        return -1;
    }
    adder_magic = js_map_builtin_adder_magic(ctx, adder);
    if (js_map_get_iterator(ctx, &r, iterable)) {
        JS_FreeValue(ctx, adder);
        return -1;
    }
    for (;;) {
        ret = js_map_iter_step(ctx, &r, &item);
        if (ret <= 0)
            break;
        if (JS_MAP_IS_SET(magic)) {
            /* padded: the builtin may be Map.prototype.set, which reads 2 */
            JSValueConst args[2] = {item, JS_UNDEFINED};
            JSValue res = adder_magic >= 0 ? js_map_set(ctx, obj, 1, args, adder_magic)
                                           : JS_Call(ctx, adder, obj, 1, args);
            ret = JS_IsException(res) ? -1 : 0;
            JS_FreeValue(ctx, res);
        } else {
            ret = js_map_add_entry(ctx, obj, adder, adder_magic, item);
        }
        JS_FreeValue(ctx, item);
        if (ret < 0) {
            js_iterator_close_on_throw(ctx, r.iter);
            break;
        }
    }
    js_map_iter_free(ctx, &r);
    JS_FreeValue(ctx, adder);
    return ret;
}

static JSValue js_map_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                  JSValueConst *argv, int magic)
{
    /* the constructors have length 0: argv is not padded */
    JSValueConst iterable = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValue obj = js_create_from_ctor(ctx, new_target, JS_CLASS_MAP + magic);
    if (JS_IsException(obj))
        return obj;
    if (js_map_attach_state(ctx, obj, magic))
        goto fail;
    if (!JS_IsUndefined(iterable) && !JS_IsNull(iterable) && js_map_fill(ctx, obj, iterable, magic))
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_map_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

/* ---------------------------------------------------------------------
 * get / set / add / has / delete / clear / size
 * ------------------------------------------------------------------- */
/* the record of key (NULL when absent); *pkey receives the canonical key
   and *ph its hash. Returns -1 on exception. */
static int js_map_lookup(JSContext *ctx, JSMapState *s, JSValueConst key, JSValue *pkey,
                         uint32_t *ph, JSMapRecord **pmr)
{
    JSValue k = js_map_canon_key(ctx, key);
    if (JS_IsException(k))
        return -1;
    *pkey = k;
    *ph = js_map_hash_key(k);
    *pmr = js_map_find(ctx, s, k, *ph);
    return 0;
}

static JSValue js_map_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                          int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    JSMapRecord *mr;
    JSValue key;
    uint32_t h;
    if (!s)
        return JS_EXCEPTION;
    if (js_map_lookup(ctx, s, argv[0], &key, &h, &mr))
        return JS_EXCEPTION;
    return mr ? JS_DupValue(ctx, mr->value) : JS_UNDEFINED;
}

/* Map.prototype.set / Set.prototype.add and their weak variants */
static JSValue js_map_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                          int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    JSValueConst value = JS_MAP_IS_SET(magic) ? JS_UNDEFINED : argv[1];
    JSMapRecord *mr;
    JSValue key;
    uint32_t h;
    if (!s)
        return JS_EXCEPTION;
    if (JS_MAP_IS_WEAK(magic) && !js_map_can_be_held_weakly(argv[0]))
        return JS_ThrowTypeError(ctx, "invalid value used %s",
                                 JS_MAP_IS_SET(magic) ? "in weak set" : "as weak map key");
    if (js_map_lookup(ctx, s, argv[0], &key, &h, &mr))
        return JS_EXCEPTION;
    if (mr) {
        JSValue old = mr->value;
        mr->value = JS_DupValue(ctx, value);
        JS_FreeValue(ctx, old);
    } else if (!js_map_add(ctx, s, key, h, value)) {
        return JS_EXCEPTION;
    }
    return JS_DupValue(ctx, this_val);
}

static JSValue js_map_has(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                          int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    JSMapRecord *mr;
    JSValue key;
    uint32_t h;
    if (!s)
        return JS_EXCEPTION;
    if (js_map_lookup(ctx, s, argv[0], &key, &h, &mr))
        return JS_EXCEPTION;
    return JS_NewBool(ctx, mr != NULL);
}

static JSValue js_map_delete(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                             int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    JSMapRecord *mr;
    JSValue key;
    uint32_t h;
    if (!s)
        return JS_EXCEPTION;
    if (js_map_lookup(ctx, s, argv[0], &key, &h, &mr))
        return JS_EXCEPTION;
    if (!mr)
        return JS_FALSE;
    js_map_delete_record(ctx->rt, s, mr);
    return JS_TRUE;
}

static JSValue js_map_clear(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                            int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    if (!s)
        return JS_EXCEPTION;
    js_map_clear_records(ctx->rt, s);
    return JS_UNDEFINED;
}

static JSValue js_map_get_size(JSContext *ctx, JSValueConst this_val, int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    if (!s)
        return JS_EXCEPTION;
    return JS_NewUint32(ctx, s->count);
}

/* Map.prototype.getOrInsert / WeakMap.prototype.getOrInsert */
static JSValue js_map_get_or_insert(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv, int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    JSMapRecord *mr;
    JSValue key;
    uint32_t h;
    if (!s)
        return JS_EXCEPTION;
    if (JS_MAP_IS_WEAK(magic) && !js_map_can_be_held_weakly(argv[0]))
        return JS_ThrowTypeError(ctx, "invalid value used as weak map key");
    if (js_map_lookup(ctx, s, argv[0], &key, &h, &mr))
        return JS_EXCEPTION;
    if (!mr && !(mr = js_map_add(ctx, s, key, h, argv[1])))
        return JS_EXCEPTION;
    return JS_DupValue(ctx, mr->value);
}

/* Map.prototype.getOrInsertComputed / WeakMap.prototype.getOrInsertComputed */
static JSValue js_map_get_or_insert_computed(JSContext *ctx, JSValueConst this_val, int argc,
                                             JSValueConst *argv, int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    JSMapRecord *mr;
    JSValue key, value;
    uint32_t h;
    if (!s)
        return JS_EXCEPTION;
    if (JS_MAP_IS_WEAK(magic) && !js_map_can_be_held_weakly(argv[0]))
        return JS_ThrowTypeError(ctx, "invalid value used as weak map key");
    if (!JS_IsCallable(ctx, argv[1]))
        return JS_ThrowTypeError(ctx, "callback is not a function");
    if (js_map_lookup(ctx, s, argv[0], &key, &h, &mr))
        return JS_EXCEPTION;
    if (mr)
        return JS_DupValue(ctx, mr->value);
    /* the callback may reach the key only through this reference */
    key = JS_DupValue(ctx, key);
    value = JS_Call(ctx, argv[1], JS_UNDEFINED, 1, &key);
    if (JS_IsException(value))
        goto done;
    /* the callback may have changed the map */
    mr = js_map_find(ctx, s, key, h);
    if (mr) {
        JSValue old = mr->value;
        mr->value = JS_DupValue(ctx, value);
        JS_FreeValue(ctx, old);
    } else if (!js_map_add(ctx, s, key, h, value)) {
        JS_FreeValue(ctx, value);
        value = JS_EXCEPTION;
    }
done:
    JS_FreeValue(ctx, key);
    return value;
}

/* ---------------------------------------------------------------------
 * forEach and iterators
 * ------------------------------------------------------------------- */
static JSValue js_map_forEach(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                              int magic)
{
    JSMapState *s = js_map_get_state(ctx, this_val, magic);
    JSMapRecord *mr;
    if (!s)
        return JS_EXCEPTION;
    if (!JS_IsCallable(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "forEach callback is not a function");
    mr = js_map_next_live(s, s->records.next);
    while (mr) {
        JSValue args[3], ret;
        JSMapRecord *next;
        /* the callback may delete anything, this record included */
        js_map_hold(mr);
        args[1] = JS_DupValue(ctx, mr->key);
        args[0] = JS_MAP_IS_SET(magic) ? JS_DupValue(ctx, args[1]) : JS_DupValue(ctx, mr->value);
        args[2] = this_val;
        ret = JS_Call(ctx, argv[0], argc > 1 ? argv[1] : JS_UNDEFINED, 3, args);
        JS_FreeValue(ctx, args[0]);
        JS_FreeValue(ctx, args[1]);
        next = js_map_next_live(s, mr->link.next);
        js_map_unhold(ctx->rt, mr);
        if (JS_IsException(ret))
            return ret;
        JS_FreeValue(ctx, ret);
        mr = next;
        /* `next` is live now; holding it is not needed until the next call */
    }
    return JS_UNDEFINED;
}

/* CreateMapIterator / CreateSetIterator; magic: JS_MAP_MAGIC_MAP/SET */
static JSValue js_map_create_iterator(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv, int magic)
{
    int kind = magic >> 1, is_set = magic & 1;
    JSMapIteratorData *it;
    JSValue obj;
    if (!js_map_get_state(ctx, this_val, is_set))
        return JS_EXCEPTION;
    obj = JS_NewObjectClass(ctx, JS_CLASS_MAP_ITERATOR + is_set);
    if (JS_IsException(obj))
        return obj;
    it = js_malloc(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    it->obj = JS_DupValue(ctx, this_val);
    it->cur = NULL;
    it->kind = kind;
    js_obj(obj)->u.opaque = it;
    return obj;
}

#define JS_MAP_ITER_MAGIC(kind, is_set) (((kind) << 1) | (is_set))

static JSValue js_map_iterator_next(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv, int magic)
{
    JSMapIteratorData *it = JS_GetOpaque(this_val, JS_CLASS_MAP_ITERATOR + magic);
    JSMapRecord *mr;
    JSMapState *s;
    JSValue v;
    if (!it)
        return JS_ThrowTypeError(ctx, "not a %s Iterator", js_map_class_names[magic]);
    if (JS_IsUndefined(it->obj))
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    s = js_obj(it->obj)->u.opaque;
    mr = js_map_next_live(s, it->cur ? it->cur->link.next : s->records.next);
    if (it->cur)
        js_map_unhold(ctx->rt, it->cur);
    it->cur = mr;
    if (!mr) {
        /* finished for good: later additions are not visited */
        JS_FreeValue(ctx, it->obj);
        it->obj = JS_UNDEFINED;
        return js_create_iter_result(ctx, JS_UNDEFINED, true);
    }
    js_map_hold(mr);
    if (it->kind == JS_MAP_KIND_ENTRIES) {
        JSValueConst pair[2] = {mr->key, magic ? mr->key : mr->value};
        v = js_create_array(ctx, 2, pair);
        if (JS_IsException(v))
            return v;
    } else if (it->kind == JS_MAP_KIND_KEYS || magic) {
        v = JS_DupValue(ctx, mr->key);
    } else {
        v = JS_DupValue(ctx, mr->value);
    }
    return js_create_iter_result(ctx, v, false);
}

/* ---------------------------------------------------------------------
 * Map.groupBy
 * ------------------------------------------------------------------- */
/* appends value to the group of key (frees value); -1 on exception */
static int js_map_group_add(JSContext *ctx, JSMapState *s, JSValueConst key, JSValue value)
{
    JSMapRecord *mr;
    JSValue k;
    uint32_t h;
    if (js_map_lookup(ctx, s, key, &k, &h, &mr))
        goto fail;
    if (!mr) {
        JSValue arr = JS_NewArray(ctx);
        if (JS_IsException(arr))
            goto fail;
        mr = js_map_add(ctx, s, k, h, arr);
        JS_FreeValue(ctx, arr);
        if (!mr)
            goto fail;
    }
    /* the group array is not visible yet: append like CreateArrayFromList */
    return js_fast_array_append(ctx, js_obj(mr->value), value) < 0 ? -1 : 0;
fail:
    JS_FreeValue(ctx, value);
    return -1;
}

static JSValue js_map_groupBy(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst items = argv[0], callback = argv[1];
    JSMapIterRecord r;
    JSValue map, v, key;
    int64_t k = 0;
    int ret;
    if (JS_IsUndefined(items) || JS_IsNull(items))
        return JS_ThrowTypeError(ctx, "groupBy called on null or undefined");
    if (!JS_IsCallable(ctx, callback))
        return JS_ThrowTypeError(ctx, "groupBy callback is not a function");
    map = js_map_new(ctx, JS_MAP_MAGIC_MAP);
    if (JS_IsException(map))
        return map;
    if (js_map_get_iterator(ctx, &r, items))
        goto fail;
    for (;;) {
        JSValue args[2];
        ret = js_map_iter_step(ctx, &r, &v);
        if (ret < 0)
            goto fail_iter;
        if (ret == 0)
            break;
        args[0] = v;
        args[1] = JS_NewInt64(ctx, k);
        key = JS_Call(ctx, callback, JS_UNDEFINED, 2, args);
        if (JS_IsException(key)) {
            JS_FreeValue(ctx, v);
            goto fail_close;
        }
        ret = js_map_group_add(ctx, js_obj(map)->u.opaque, key, v);
        JS_FreeValue(ctx, key);
        if (ret < 0)
            goto fail_close;
        /* k < 2^53 - 1 always holds here: no iterator yields that much */
        k++;
    }
    js_map_iter_free(ctx, &r);
    return map;
fail_close:
    js_iterator_close_on_throw(ctx, r.iter);
fail_iter:
    js_map_iter_free(ctx, &r);
fail:
    JS_FreeValue(ctx, map);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Set methods (union, intersection, ...): GetSetRecord and friends
 * ------------------------------------------------------------------- */
typedef struct JSSetRecord {
    JSValueConst obj;
    double size;
    JSValue has;
    JSValue keys;
} JSSetRecord;

static void js_set_record_free(JSContext *ctx, JSSetRecord *r)
{
    JS_FreeValue(ctx, r->has);
    JS_FreeValue(ctx, r->keys);
}

static int js_set_record_get_method(JSContext *ctx, JSValueConst obj, JSAtom name, JSValue *pfunc)
{
    JSValue f = JS_GetProperty(ctx, obj, name);
    if (JS_IsException(f))
        return -1;
    *pfunc = f;
    if (!JS_IsCallable(ctx, f)) {
        js_throw_type_error_atom(ctx, "set-like '%s' is not a function", name);
        return -1;
    }
    return 0;
}

/* GetSetRecord */
static int js_get_set_record(JSContext *ctx, JSSetRecord *r, JSValueConst obj)
{
    double d;
    r->obj = obj;
    r->has = r->keys = JS_UNDEFINED;
    if (!JS_IsObject(obj)) {
        JS_ThrowTypeError(ctx, "set-like argument is not an object");
        return -1;
    }
    if (JS_ToFloat64Free(ctx, &d, JS_GetProperty(ctx, obj, JS_ATOM_size)))
        return -1;
    if (isnan(d)) {
        JS_ThrowTypeError(ctx, "set-like size is not a number");
        return -1;
    }
    d = trunc(d) + 0.0; /* ToIntegerOrInfinity: -0 → +0 */
    if (d < 0) {
        JS_ThrowRangeError(ctx, "set-like size is negative");
        return -1;
    }
    r->size = d;
    if (js_set_record_get_method(ctx, obj, JS_ATOM_has, &r->has) ||
        js_set_record_get_method(ctx, obj, JS_ATOM_keys, &r->keys)) {
        js_set_record_free(ctx, r);
        r->has = r->keys = JS_UNDEFINED;
        return -1;
    }
    return 0;
}

/* GetKeysIterator */
static int js_set_record_keys(JSContext *ctx, JSSetRecord *r, JSMapIterRecord *it)
{
    it->next = JS_UNDEFINED;
    it->iter = JS_Call(ctx, r->keys, r->obj, 0, NULL);
    if (JS_IsException(it->iter)) {
        it->iter = JS_UNDEFINED;
        return -1;
    }
    if (!JS_IsObject(it->iter)) {
        JS_ThrowTypeError(ctx, "keys() result is not an object");
        goto fail;
    }
    it->next = JS_GetProperty(ctx, it->iter, JS_ATOM_next);
    if (JS_IsException(it->next)) {
        it->next = JS_UNDEFINED;
        goto fail;
    }
    if (!JS_IsCallable(ctx, it->next)) {
        JS_ThrowTypeError(ctx, "keys() iterator has no next method");
        goto fail;
    }
    return 0;
fail:
    js_map_iter_free(ctx, it);
    return -1;
}

/* ToBoolean(? Call(has, setObject, « e »)): -1, 0, 1 */
static int js_set_record_has(JSContext *ctx, JSSetRecord *r, JSValueConst e)
{
    JSValue ret = JS_Call(ctx, r->has, r->obj, 1, &e);
    int b;
    if (JS_IsException(ret))
        return -1;
    b = JS_ToBool(ctx, ret);
    JS_FreeValue(ctx, ret);
    return b;
}

/* whether s holds v (SameValueZero); -1 on exception */
static int js_set_data_has(JSContext *ctx, JSMapState *s, JSValueConst v)
{
    JSMapRecord *mr;
    JSValue k;
    uint32_t h;
    if (js_map_lookup(ctx, s, v, &k, &h, &mr))
        return -1;
    return mr != NULL;
}

/* Walks the live records of the receiver while calling other.has on each
   (the receiver may change under the calls). Stops at the first element
   whose has-result equals stop_on; returns 1 if it stopped there, 0 at the
   end, -1 on exception. With res, elements whose result is true are added
   to res (intersection). */
static int js_set_walk_has(JSContext *ctx, JSMapState *s, JSSetRecord *r, int stop_on,
                           JSMapState *res)
{
    JSMapRecord *mr = js_map_next_live(s, s->records.next);
    while (mr) {
        JSValue e = JS_DupValue(ctx, mr->key);
        uint32_t h = mr->hash;
        JSMapRecord *next;
        int in_other;
        js_map_hold(mr);
        in_other = js_set_record_has(ctx, r, e);
        next = js_map_next_live(s, mr->link.next);
        js_map_unhold(ctx->rt, mr);
        if (in_other > 0 && res && !js_map_find(ctx, res, e, h) &&
            !js_map_add(ctx, res, e, h, JS_UNDEFINED))
            in_other = -1;
        JS_FreeValue(ctx, e);
        if (in_other < 0)
            return -1;
        if (in_other == stop_on)
            return 1;
        mr = next;
    }
    return 0;
}

/* the common prologue: this is a Set, other a set-like */
static JSMapState *js_set_method_start(JSContext *ctx, JSValueConst this_val, JSValueConst other,
                                       JSSetRecord *r)
{
    JSMapState *s = js_map_get_state(ctx, this_val, JS_MAP_MAGIC_SET);
    r->has = r->keys = JS_UNDEFINED;
    if (!s || js_get_set_record(ctx, r, other))
        return NULL;
    return s;
}

/* For each value of other's keys iterator: op 0 union (add to res),
   1 intersection (add to res if in s), 2 difference (delete from res),
   3 symmetric difference. Returns 0 or -1. */
static int js_set_combine_keys(JSContext *ctx, JSMapState *s, JSMapIterRecord *it, JSMapState *res,
                               int op)
{
    JSValue v, k;
    JSMapRecord *mr;
    uint32_t h;
    int ret;
    while ((ret = js_map_iter_step(ctx, it, &v)) > 0) {
        ret = js_map_lookup(ctx, res, v, &k, &h, &mr);
        if (ret == 0) {
            bool in_this = op == 1 || op == 3 ? js_map_find(ctx, s, k, h) != NULL : false;
            if (op == 2 || (op == 3 && in_this)) {
                if (mr)
                    js_map_delete_record(ctx->rt, res, mr);
            } else if (!mr && (op == 0 || in_this || op == 3)) {
                if (!js_map_add(ctx, res, k, h, JS_UNDEFINED))
                    ret = -1;
            }
        }
        JS_FreeValue(ctx, v);
        if (ret < 0)
            return -1;
    }
    return ret;
}

static JSValue js_set_union(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSSetRecord r;
    JSMapIterRecord it;
    JSMapState *s = js_set_method_start(ctx, this_val, argv[0], &r);
    JSValue res = JS_EXCEPTION;
    if (!s || js_set_record_keys(ctx, &r, &it))
        goto done;
    /* the copy is taken after keys() ran, as the spec orders it */
    res = js_set_new_copy(ctx, s);
    if (!JS_IsException(res) && js_set_combine_keys(ctx, s, &it, js_obj(res)->u.opaque, 0) < 0) {
        JS_FreeValue(ctx, res);
        res = JS_EXCEPTION;
    }
    js_map_iter_free(ctx, &it);
done:
    js_set_record_free(ctx, &r);
    return res;
}

static JSValue js_set_intersection(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    JSSetRecord r;
    JSMapIterRecord it;
    JSMapState *s = js_set_method_start(ctx, this_val, argv[0], &r);
    JSValue res = JS_EXCEPTION;
    int ret;
    if (!s)
        goto done;
    res = js_map_new(ctx, JS_MAP_MAGIC_SET);
    if (JS_IsException(res))
        goto done;
    if (s->count <= r.size) {
        ret = js_set_walk_has(ctx, s, &r, -2, js_obj(res)->u.opaque);
    } else {
        ret = js_set_record_keys(ctx, &r, &it);
        if (ret == 0) {
            ret = js_set_combine_keys(ctx, s, &it, js_obj(res)->u.opaque, 1);
            js_map_iter_free(ctx, &it);
        }
    }
    if (ret < 0) {
        JS_FreeValue(ctx, res);
        res = JS_EXCEPTION;
    }
done:
    js_set_record_free(ctx, &r);
    return res;
}

/* the receiver-walk half of difference: the walk is over the copy, which
   user code cannot reach */
static int js_set_difference_walk(JSContext *ctx, JSMapState *res, JSSetRecord *r)
{
    JSMapRecord *mr = js_map_next_live(res, res->records.next);
    while (mr) {
        JSMapRecord *next;
        int in_other;
        js_map_hold(mr);
        in_other = js_set_record_has(ctx, r, mr->key);
        if (in_other > 0)
            js_map_delete_record(ctx->rt, res, mr);
        next = js_map_next_live(res, mr->link.next);
        js_map_unhold(ctx->rt, mr);
        if (in_other < 0)
            return -1;
        mr = next;
    }
    return 0;
}

static JSValue js_set_difference(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSSetRecord r;
    JSMapIterRecord it;
    JSMapState *s = js_set_method_start(ctx, this_val, argv[0], &r);
    JSValue res = JS_EXCEPTION;
    int ret;
    if (!s)
        goto done;
    res = js_set_new_copy(ctx, s);
    if (JS_IsException(res))
        goto done;
    if (s->count <= r.size) {
        ret = js_set_difference_walk(ctx, js_obj(res)->u.opaque, &r);
    } else {
        ret = js_set_record_keys(ctx, &r, &it);
        if (ret == 0) {
            ret = js_set_combine_keys(ctx, s, &it, js_obj(res)->u.opaque, 2);
            js_map_iter_free(ctx, &it);
        }
    }
    if (ret < 0) {
        JS_FreeValue(ctx, res);
        res = JS_EXCEPTION;
    }
done:
    js_set_record_free(ctx, &r);
    return res;
}

static JSValue js_set_symmetric_difference(JSContext *ctx, JSValueConst this_val, int argc,
                                           JSValueConst *argv)
{
    JSSetRecord r;
    JSMapIterRecord it;
    JSMapState *s = js_set_method_start(ctx, this_val, argv[0], &r);
    JSValue res = JS_EXCEPTION;
    if (!s || js_set_record_keys(ctx, &r, &it))
        goto done;
    res = js_set_new_copy(ctx, s);
    if (!JS_IsException(res) && js_set_combine_keys(ctx, s, &it, js_obj(res)->u.opaque, 3) < 0) {
        JS_FreeValue(ctx, res);
        res = JS_EXCEPTION;
    }
    js_map_iter_free(ctx, &it);
done:
    js_set_record_free(ctx, &r);
    return res;
}

static JSValue js_set_is_subset_of(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    JSSetRecord r;
    JSMapState *s = js_set_method_start(ctx, this_val, argv[0], &r);
    JSValue res = JS_EXCEPTION;
    int ret;
    if (!s)
        goto done;
    if (s->count > r.size) {
        res = JS_FALSE;
        goto done;
    }
    ret = js_set_walk_has(ctx, s, &r, 0, NULL);
    if (ret >= 0)
        res = JS_NewBool(ctx, ret == 0);
done:
    js_set_record_free(ctx, &r);
    return res;
}

/* loops over other's keys; returns 1 when a value with SetDataHas(s, v) ==
   want was found (the iterator is then closed), 0 at the end, -1 */
static int js_set_find_key(JSContext *ctx, JSMapState *s, JSSetRecord *r, int want)
{
    JSMapIterRecord it;
    JSValue v;
    int ret, found = 0;
    if (js_set_record_keys(ctx, r, &it))
        return -1;
    while ((ret = js_map_iter_step(ctx, &it, &v)) > 0) {
        int in_this = js_set_data_has(ctx, s, v);
        JS_FreeValue(ctx, v);
        if (in_this < 0) {
            ret = -1;
            break;
        }
        if (in_this == want) {
            found = 1;
            ret = js_iterator_close(ctx, it.iter);
            break;
        }
    }
    js_map_iter_free(ctx, &it);
    return ret < 0 ? -1 : found;
}

static JSValue js_set_is_superset_of(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    JSSetRecord r;
    JSMapState *s = js_set_method_start(ctx, this_val, argv[0], &r);
    JSValue res = JS_EXCEPTION;
    int ret;
    if (!s)
        goto done;
    if (s->count < r.size) {
        res = JS_FALSE;
        goto done;
    }
    ret = js_set_find_key(ctx, s, &r, 0);
    if (ret >= 0)
        res = JS_NewBool(ctx, ret == 0);
done:
    js_set_record_free(ctx, &r);
    return res;
}

static JSValue js_set_is_disjoint_from(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    JSSetRecord r;
    JSMapState *s = js_set_method_start(ctx, this_val, argv[0], &r);
    JSValue res = JS_EXCEPTION;
    int ret;
    if (!s)
        goto done;
    if (s->count <= r.size)
        ret = js_set_walk_has(ctx, s, &r, 1, NULL);
    else
        ret = js_set_find_key(ctx, s, &r, 1);
    if (ret >= 0)
        res = JS_NewBool(ctx, ret == 0);
done:
    js_set_record_free(ctx, &r);
    return res;
}

/* ---------------------------------------------------------------------
 * Structured clone support (builtins.h)
 * ------------------------------------------------------------------- */
JSValue js_map_new_empty(JSContext *ctx, bool is_set)
{
    return js_map_new(ctx, is_set ? JS_MAP_MAGIC_SET : JS_MAP_MAGIC_MAP);
}

int js_map_put(JSContext *ctx, JSValueConst obj, JSValueConst key, JSValueConst value)
{
    JSValueConst argv[2] = {key, value};
    JSValue ret = js_map_set(ctx, obj, 2, argv, js_obj(obj)->class_id - JS_CLASS_MAP);
    if (JS_IsException(ret))
        return -1;
    JS_FreeValue(ctx, ret);
    return 0;
}

int js_map_snapshot(JSContext *ctx, JSValueConst obj, JSValue **ptab, uint32_t *pcount)
{
    JSMapState *s = js_obj(obj)->u.opaque;
    bool is_set = js_obj(obj)->class_id == JS_CLASS_SET;
    uint32_t n = 0, width = is_set ? 1 : 2;
    struct list_head *el;
    JSValue *tab;
    *ptab = NULL;
    *pcount = 0;
    if (!s || s->count == 0)
        return 0;
    tab = js_malloc(ctx, sizeof(JSValue) * width * s->count);
    if (!tab)
        return -1;
    list_for_each(el, &s->records) {
        JSMapRecord *mr = list_entry(el, JSMapRecord, link);
        if (mr->empty)
            continue;
        tab[width * n] = JS_DupValue(ctx, mr->key);
        if (!is_set)
            tab[width * n + 1] = JS_DupValue(ctx, mr->value);
        n++;
    }
    *ptab = tab;
    *pcount = n;
    return 0;
}

/* ---------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------- */
static const JSCFunctionListEntry js_map_funcs[] = {
    JS_CFUNC_DEF("groupBy", 2, js_map_groupBy),
    JS_CGETSET_DEF("[Symbol.species]", js_map_get_species, NULL),
};

static const JSCFunctionListEntry js_set_funcs[] = {
    JS_CGETSET_DEF("[Symbol.species]", js_map_get_species, NULL),
};

static const JSCFunctionListEntry js_map_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("clear", 0, js_map_clear, JS_MAP_MAGIC_MAP),
    JS_CFUNC_MAGIC_DEF("delete", 1, js_map_delete, JS_MAP_MAGIC_MAP),
    JS_CFUNC_MAGIC_DEF("entries", 0, js_map_create_iterator,
                       JS_MAP_ITER_MAGIC(JS_MAP_KIND_ENTRIES, 0)),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_map_forEach, JS_MAP_MAGIC_MAP),
    JS_CFUNC_MAGIC_DEF("get", 1, js_map_get, JS_MAP_MAGIC_MAP),
    JS_CFUNC_MAGIC_DEF("getOrInsert", 2, js_map_get_or_insert, JS_MAP_MAGIC_MAP),
    JS_CFUNC_MAGIC_DEF("getOrInsertComputed", 2, js_map_get_or_insert_computed, JS_MAP_MAGIC_MAP),
    JS_CFUNC_MAGIC_DEF("has", 1, js_map_has, JS_MAP_MAGIC_MAP),
    JS_CFUNC_MAGIC_DEF("keys", 0, js_map_create_iterator, JS_MAP_ITER_MAGIC(JS_MAP_KIND_KEYS, 0)),
    JS_CFUNC_MAGIC_DEF("set", 2, js_map_set, JS_MAP_MAGIC_MAP),
    JS_CGETSET_MAGIC_DEF("size", js_map_get_size, NULL, JS_MAP_MAGIC_MAP),
    JS_CFUNC_MAGIC_DEF("values", 0, js_map_create_iterator,
                       JS_MAP_ITER_MAGIC(JS_MAP_KIND_VALUES, 0)),
    JS_ALIAS_DEF("[Symbol.iterator]", "entries"),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Map", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_set_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("add", 1, js_map_set, JS_MAP_MAGIC_SET),
    JS_CFUNC_MAGIC_DEF("clear", 0, js_map_clear, JS_MAP_MAGIC_SET),
    JS_CFUNC_MAGIC_DEF("delete", 1, js_map_delete, JS_MAP_MAGIC_SET),
    JS_CFUNC_DEF("difference", 1, js_set_difference),
    JS_CFUNC_MAGIC_DEF("entries", 0, js_map_create_iterator,
                       JS_MAP_ITER_MAGIC(JS_MAP_KIND_ENTRIES, 1)),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_map_forEach, JS_MAP_MAGIC_SET),
    JS_CFUNC_MAGIC_DEF("has", 1, js_map_has, JS_MAP_MAGIC_SET),
    JS_CFUNC_DEF("intersection", 1, js_set_intersection),
    JS_CFUNC_DEF("isDisjointFrom", 1, js_set_is_disjoint_from),
    JS_CFUNC_DEF("isSubsetOf", 1, js_set_is_subset_of),
    JS_CFUNC_DEF("isSupersetOf", 1, js_set_is_superset_of),
    JS_CGETSET_MAGIC_DEF("size", js_map_get_size, NULL, JS_MAP_MAGIC_SET),
    JS_CFUNC_DEF("symmetricDifference", 1, js_set_symmetric_difference),
    JS_CFUNC_DEF("union", 1, js_set_union),
    JS_CFUNC_MAGIC_DEF("values", 0, js_map_create_iterator,
                       JS_MAP_ITER_MAGIC(JS_MAP_KIND_VALUES, 1)),
    JS_ALIAS_DEF("keys", "values"),
    JS_ALIAS_DEF("[Symbol.iterator]", "values"),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Set", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_weakmap_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("delete", 1, js_map_delete, JS_MAP_MAGIC_WEAKMAP),
    JS_CFUNC_MAGIC_DEF("get", 1, js_map_get, JS_MAP_MAGIC_WEAKMAP),
    JS_CFUNC_MAGIC_DEF("getOrInsert", 2, js_map_get_or_insert, JS_MAP_MAGIC_WEAKMAP),
    JS_CFUNC_MAGIC_DEF("getOrInsertComputed", 2, js_map_get_or_insert_computed,
                       JS_MAP_MAGIC_WEAKMAP),
    JS_CFUNC_MAGIC_DEF("has", 1, js_map_has, JS_MAP_MAGIC_WEAKMAP),
    JS_CFUNC_MAGIC_DEF("set", 2, js_map_set, JS_MAP_MAGIC_WEAKMAP),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakMap", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_weakset_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("add", 1, js_map_set, JS_MAP_MAGIC_WEAKSET),
    JS_CFUNC_MAGIC_DEF("delete", 1, js_map_delete, JS_MAP_MAGIC_WEAKSET),
    JS_CFUNC_MAGIC_DEF("has", 1, js_map_has, JS_MAP_MAGIC_WEAKSET),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakSet", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_map_iterator_proto_funcs[] = {
    JS_ITERATOR_NEXT_DEF("next", 0, js_map_iterator_next, JS_MAP_MAGIC_MAP),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Map Iterator", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_set_iterator_proto_funcs[] = {
    JS_ITERATOR_NEXT_DEF("next", 0, js_map_iterator_next, JS_MAP_MAGIC_SET),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Set Iterator", JS_PROP_CONFIGURABLE),
};

typedef struct JSMapClassInit {
    JSAtom name;
    const JSCFunctionListEntry *proto_funcs;
    int proto_len;
    const JSCFunctionListEntry *ctor_funcs;
    int ctor_len;
} JSMapClassInit;

static int js_map_init_class(JSContext *ctx, int magic, const JSMapClassInit *ci)
{
    JSValue proto, ctor;
    int ret = 0;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, proto, ci->proto_funcs, ci->proto_len) < 0) {
        JS_FreeValue(ctx, proto);
        return -1;
    }
    ctor = js_define_constructor(ctx, ci->name, (JSCFunction *)(void *)js_map_constructor, 0,
                                 JS_CFUNC_constructor_magic, magic, proto);
    if (JS_IsException(ctor)) {
        JS_FreeValue(ctx, proto);
        return -1;
    }
    if (ci->ctor_len)
        ret = JS_SetPropertyFunctionList(ctx, ctor, ci->ctor_funcs, ci->ctor_len);
    JS_FreeValue(ctx, ctor);
    JS_SetClassProto(ctx, JS_CLASS_MAP + magic, proto);
    return ret;
}

static int js_map_init_iterator_proto(JSContext *ctx, JSClassID class_id,
                                      const JSCFunctionListEntry *tab, int len)
{
    JSValue proto = JS_NewObjectProto(ctx, ctx->iterator_proto);
    if (JS_IsException(proto))
        return -1;
    JS_SetClassProto(ctx, class_id, proto);
    return JS_SetPropertyFunctionList(ctx, proto, tab, len);
}

int js_init_map(JSContext *ctx)
{
    static const JSMapClassInit classes[4] = {
        {JS_ATOM_Map, js_map_proto_funcs, countof(js_map_proto_funcs), js_map_funcs,
         countof(js_map_funcs)},
        {JS_ATOM_Set, js_set_proto_funcs, countof(js_set_proto_funcs), js_set_funcs,
         countof(js_set_funcs)},
        {JS_ATOM_WeakMap, js_weakmap_proto_funcs, countof(js_weakmap_proto_funcs), NULL, 0},
        {JS_ATOM_WeakSet, js_weakset_proto_funcs, countof(js_weakset_proto_funcs), NULL, 0},
    };
    for (int magic = 0; magic < 4; magic++) {
        if (js_map_init_class(ctx, magic, &classes[magic]) < 0)
            return -1;
    }
    if (js_map_init_iterator_proto(ctx, JS_CLASS_MAP_ITERATOR, js_map_iterator_proto_funcs,
                                   countof(js_map_iterator_proto_funcs)) < 0 ||
        js_map_init_iterator_proto(ctx, JS_CLASS_SET_ITERATOR, js_set_iterator_proto_funcs,
                                   countof(js_set_iterator_proto_funcs)) < 0)
        return -1;
    return 0;
}
