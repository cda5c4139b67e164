/*
 * compile.c — the compiler driver: parsing, the per-function code buffers
 * (instructions, labels, constants, positions), turning a finished
 * CompFunc into a JSFunctionBytecode, and the entry points of compile.h.
 */
#include <math.h>
#include <stdio.h>

#include "compiler.h"
#include "atom.h"
#include "error.h"
#include "gc.h"
#include "object.h"
#include "parser.h"
#include "runtime.h"
#include "str.h"

const JSOpCodeInfo js_opcode_info[OP_COUNT] = {
#define DEF(name, size, n_pop, n_push, fmt) {#name, size, n_pop, n_push, OPF_##fmt},
#include "opcodes.def"
#undef DEF
};

/* ---------------------------------------------------------------------
 * Errors and atoms
 * ------------------------------------------------------------------- */
bool comp_oom(CompState *s)
{
    if (!s->failed)
        JS_ThrowOutOfMemory(s->ctx);
    s->failed = true;
    return false;
}

bool comp_error(CompState *s, JSNode *node, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    if (s->failed)
        return false;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (node)
        JS_ThrowSyntaxError(s->ctx, "%s (%s:%u:%u)", buf, s->opts->filename, node->line,
                            node->col);
    else
        JS_ThrowSyntaxError(s->ctx, "%s", buf);
    s->failed = true;
    return false;
}

bool comp_register_func(CompState *s, CompFunc *f)
{
    if (js_resize_array(s->ctx, (void **)&s->funcs, sizeof(CompFunc *), (int *)&s->func_size,
                        s->func_count + 1))
        return comp_oom(s);
    s->funcs[s->func_count++] = f;
    return true;
}

JSValue comp_string_value(CompState *s, JSAstString *str)
{
    if (str->wide)
        return js_new_string16_len(s->ctx, str->u.chars16, str->len);
    return js_new_string8_len(s->ctx, (const char *)str->u.chars8, str->len);
}

JSAtom comp_atom(CompState *s, JSAstString *str)
{
    JSValue v;
    JSAtom a;
    if (str->atom)
        return str->atom;
    v = comp_string_value(s, str);
    if (JS_IsException(v)) {
        s->failed = true;
        return JS_ATOM_NULL;
    }
    a = js_new_atom_str(s->ctx, JS_VALUE_GET_STRING(v));
    if (a == JS_ATOM_NULL) {
        s->failed = true;
        return JS_ATOM_NULL;
    }
    if (js_resize_array(s->ctx, (void **)&s->atoms, sizeof(JSAtom), (int *)&s->atom_size,
                        s->atom_count + 1)) {
        JS_FreeAtom(s->ctx, a);
        comp_oom(s);
        return JS_ATOM_NULL;
    }
    s->atoms[s->atom_count++] = a;
    str->atom = a;
    return a;
}

JSAtom comp_private_atom(CompState *s, JSAstString *str)
{
    StringBuffer b;
    JSValue v;
    JSAtom a;
    if (string_buffer_init2(s->ctx, &b, str->len + 1, str->wide)) {
        s->failed = true;
        return JS_ATOM_NULL;
    }
    string_buffer_putc8(&b, '#');
    if (str->wide)
        string_buffer_write16(&b, str->u.chars16, str->len);
    else
        string_buffer_write8(&b, str->u.chars8, str->len);
    v = string_buffer_end(&b);
    if (JS_IsException(v)) {
        s->failed = true;
        return JS_ATOM_NULL;
    }
    a = js_new_atom_str(s->ctx, JS_VALUE_GET_STRING(v));
    if (a == JS_ATOM_NULL) {
        s->failed = true;
        return a;
    }
    if (js_resize_array(s->ctx, (void **)&s->atoms, sizeof(JSAtom), (int *)&s->atom_size,
                        s->atom_count + 1)) {
        JS_FreeAtom(s->ctx, a);
        comp_oom(s);
        return JS_ATOM_NULL;
    }
    s->atoms[s->atom_count++] = a;
    return a;
}

/* ---------------------------------------------------------------------
 * Code emission
 * ------------------------------------------------------------------- */
static bool comp_code_reserve(CompState *s, uint32_t n)
{
    CompFunc *f = s->func;
    if (f->code_len + n > f->code_size) {
        uint32_t size = f->code_size ? f->code_size * 2 : 256;
        uint8_t *p;
        while (size < f->code_len + n)
            size *= 2;
        p = js_realloc(s->ctx, f->code, size);
        if (!p)
            return comp_oom(s);
        f->code = p;
        f->code_size = size;
    }
    return true;
}

void comp_adjust_stack(CompState *s, int delta)
{
    CompFunc *f = s->func;
    f->stack_level += delta;
    if (f->stack_level > f->stack_max)
        f->stack_max = f->stack_level;
}

static void comp_pos_entry(CompState *s);

void emit_u8(CompState *s, uint8_t v)
{
    /* nothing is written after a failure, so that the code stays a run of
       whole instructions (js_bytecode_free_atoms walks it) */
    if (!s->failed && comp_code_reserve(s, 1))
        s->func->code[s->func->code_len++] = v;
}

void emit_u16(CompState *s, uint16_t v)
{
    emit_u8(s, v & 0xff);
    emit_u8(s, v >> 8);
}

void emit_u32(CompState *s, uint32_t v)
{
    emit_u16(s, v & 0xffff);
    emit_u16(s, v >> 16);
}

void emit_op(CompState *s, int op)
{
    const JSOpCodeInfo *oi = &js_opcode_info[op];
    comp_pos_entry(s);
    /* room for the operands too: they cannot fail after the opcode */
    comp_code_reserve(s, oi->size);
    emit_u8(s, op);
    if (oi->n_pop >= 0)
        comp_adjust_stack(s, oi->n_push - oi->n_pop);
}

void emit_op_u8(CompState *s, int op, uint8_t v)
{
    emit_op(s, op);
    emit_u8(s, v);
}

void emit_op_u16(CompState *s, int op, uint16_t v)
{
    emit_op(s, op);
    emit_u16(s, v);
}

void emit_op_u32(CompState *s, int op, uint32_t v)
{
    emit_op(s, op);
    emit_u32(s, v);
}

/* the code owns a reference to each atom operand (released by
   js_bytecode_free_atoms) */
void emit_atom(CompState *s, JSAtom atom)
{
    emit_u32(s, JS_DupAtom(s->ctx, atom));
}

void emit_op_atom(CompState *s, int op, JSAtom atom)
{
    emit_op(s, op);
    emit_atom(s, atom);
}

void emit_op_atom_ic(CompState *s, int op, JSAtom atom)
{
    CompFunc *f = s->func;
    emit_op(s, op);
    emit_atom(s, atom);
    emit_u16(s, f->ic_count < 65535 ? f->ic_count++ : 65535);
}

int emit_const(CompState *s, JSValue v)
{
    CompFunc *f = s->func;
    if (js_resize_array(s->ctx, (void **)&f->cpool, sizeof(JSValue), (int *)&f->cpool_size,
                        f->cpool_count + 1)) {
        JS_FreeValue(s->ctx, v);
        comp_oom(s);
        return 0;
    }
    f->cpool[f->cpool_count] = v;
    return f->cpool_count++;
}

void emit_push_int(CompState *s, int32_t v)
{
    if (v == 0)
        emit_op(s, OP_push_0);
    else if (v == 1)
        emit_op(s, OP_push_1);
    else if (v >= -128 && v <= 127)
        emit_op_u8(s, OP_push_i8, (uint8_t)v);
    else
        emit_op_u32(s, OP_push_i32, (uint32_t)v);
}

void emit_push_number(CompState *s, double d)
{
    if (d >= INT32_MIN && d <= INT32_MAX && (double)(int32_t)d == d && !(d == 0 && signbit(d)))
        emit_push_int(s, (int32_t)d);
    else
        emit_op_u32(s, OP_push_const, emit_const(s, JS_NewFloat64(s->ctx, d)));
}

void emit_push_atom_string(CompState *s, JSAtom atom)
{
    if (atom == JS_ATOM_empty_string)
        emit_op(s, OP_push_empty_string);
    else
        emit_op_atom(s, OP_push_atom_value, atom);
}

/* ---------------------------------------------------------------------
 * Labels: forward references form a chain through their operands until
 * the label is placed.
 * ------------------------------------------------------------------- */
int new_label(CompState *s)
{
    CompFunc *f = s->func;
    CompLabel *l;
    if (js_resize_array(s->ctx, (void **)&f->labels, sizeof(CompLabel), (int *)&f->label_size,
                        f->label_count + 1)) {
        comp_oom(s);
        return 0;
    }
    l = &f->labels[f->label_count];
    l->pos = -1;
    l->first_ref = -1;
    l->stack_level = -1;
    return f->label_count++;
}

static void comp_put_u32_at(CompFunc *f, uint32_t pos, uint32_t v)
{
    f->code[pos] = v & 0xff;
    f->code[pos + 1] = (v >> 8) & 0xff;
    f->code[pos + 2] = (v >> 16) & 0xff;
    f->code[pos + 3] = v >> 24;
}

void emit_label(CompState *s, int label)
{
    CompFunc *f = s->func;
    CompLabel *l;
    int32_t ref;
    if (s->failed)
        return;
    l = &f->labels[label];
    l->pos = f->code_len;
    ref = l->first_ref;
    while (ref >= 0) {
        int32_t next = (int32_t)get_u32(f->code + ref);
        comp_put_u32_at(f, ref, (uint32_t)(l->pos - (ref + 4)));
        ref = next;
    }
    l->first_ref = -1;
    if (l->stack_level >= 0)
        f->stack_level = l->stack_level;
    else
        l->stack_level = f->stack_level;
}

/* the label operand at the current position */
static void emit_label_ref(CompState *s, int label)
{
    CompFunc *f = s->func;
    CompLabel *l;
    if (s->failed)
        return;
    l = &f->labels[label];
    if (l->stack_level < 0)
        l->stack_level = f->stack_level;
    if (l->pos >= 0) {
        emit_u32(s, (uint32_t)(l->pos - (int32_t)(f->code_len + 4)));
    } else {
        uint32_t pos = f->code_len;
        emit_u32(s, (uint32_t)l->first_ref);
        l->first_ref = pos;
    }
}

void emit_goto(CompState *s, int op, int label)
{
    emit_op(s, op);
    emit_label_ref(s, label);
}

void emit_with_label(CompState *s, int op, JSAtom atom, int label)
{
    emit_op(s, op);
    emit_atom(s, atom);
    emit_label_ref(s, label);
}

/* ---------------------------------------------------------------------
 * Source positions: entries (pc delta, line delta, column) in LEB128
 * ------------------------------------------------------------------- */
static void comp_pos_put_uleb(CompState *s, uint32_t v)
{
    CompFunc *f = s->func;
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        if (v)
            b |= 0x80;
        if (js_resize_array(s->ctx, (void **)&f->pc2line, 1, (int *)&f->pc2line_size,
                            f->pc2line_len + 1)) {
            comp_oom(s);
            return;
        }
        f->pc2line[f->pc2line_len++] = b;
    } while (v);
}

void emit_pos(CompState *s, JSNode *node)
{
    if (node && node->line) {
        s->func->cur_line = node->line;
        s->func->cur_col = node->col;
    }
}

/* records the current position for the instruction about to be emitted;
   when several entries share a pc the last one wins */
static void comp_pos_entry(CompState *s)
{
    CompFunc *f = s->func;
    int32_t dl;
    if (f->cur_line == f->last_line && f->cur_col == f->last_col)
        return;
    dl = (int32_t)f->cur_line - (int32_t)f->last_line;
    comp_pos_put_uleb(s, f->code_len - f->last_pc_entry);
    comp_pos_put_uleb(s, ((uint32_t)dl << 1) ^ (uint32_t)(dl >> 31));
    comp_pos_put_uleb(s, f->cur_col);
    f->last_pc_entry = f->code_len;
    f->last_line = f->cur_line;
    f->last_col = f->cur_col;
}

static uint32_t pos_get_uleb(const uint8_t **pp, const uint8_t *end)
{
    uint32_t v = 0;
    int shift = 0;
    while (*pp < end) {
        uint8_t b = *(*pp)++;
        v |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
        shift += 7;
    }
    return v;
}

void js_bytecode_get_pos(JSFunctionBytecode *b, const uint8_t *pc, int *pline, int *pcol)
{
    const uint8_t *p = b->pc2line, *end = p + b->pc2line_len;
    uint32_t target, cur_pc = 0;
    int line = b->line, col = b->col;
    *pline = line;
    *pcol = col;
    if (!pc || !p)
        return;
    target = pc - b->code;
    while (p < end) {
        uint32_t dpc = pos_get_uleb(&p, end);
        uint32_t zl = pos_get_uleb(&p, end);
        int dl = (int)((zl >> 1) ^ (~(zl & 1) + 1));
        uint32_t c = pos_get_uleb(&p, end);
        cur_pc += dpc;
        if (cur_pc > target)
            break;
        line += dl;
        col = c;
    }
    *pline = line;
    *pcol = col;
}

/* ---------------------------------------------------------------------
 * Frame slots
 * ------------------------------------------------------------------- */
int comp_alloc_slot(CompState *s, CompFunc *f, JSAtom name, bool is_lexical, bool is_const,
                    bool captured)
{
    JSVarDef *vd;
    uint32_t idx = f->var_count; /* f->vardefs holds the locals only */
    if (f->var_count >= 65000) {
        comp_error(s, NULL, "too many local variables");
        return -1;
    }
    if (js_resize_array(s->ctx, (void **)&f->vardefs, sizeof(JSVarDef), (int *)&f->vardef_size,
                        idx + 1)) {
        comp_oom(s);
        return -1;
    }
    vd = &f->vardefs[idx];
    vd->var_name = name;
    vd->is_lexical = is_lexical;
    vd->is_const = is_const;
    vd->is_captured = captured;
    return f->var_count++;
}

int comp_alloc_temp(CompState *s)
{
    return comp_alloc_slot(s, s->func, JS_ATOM_NULL, false, false, false);
}

/* ---------------------------------------------------------------------
 * Finishing a function
 * ------------------------------------------------------------------- */
static uint32_t comp_bc_flags(CompFunc *f)
{
    uint32_t fl = 0, af = f->flags;
    if (f->strict)
        fl |= JS_BC_STRICT;
    if (f->is_arrow)
        fl |= JS_BC_ARROW;
    if (af & JS_FUNC_GENERATOR)
        fl |= JS_BC_GENERATOR;
    if (af & JS_FUNC_ASYNC)
        fl |= JS_BC_ASYNC;
    if (af & JS_FUNC_METHOD)
        fl |= JS_BC_METHOD;
    if (af & JS_FUNC_CLASS_CONSTRUCTOR)
        fl |= JS_BC_CLASS_CTOR | JS_BC_CONSTRUCTOR;
    if (af & JS_FUNC_DERIVED_CONSTRUCTOR)
        fl |= JS_BC_DERIVED_CTOR;
    if (af & JS_FUNC_FIELD_INIT)
        fl |= JS_BC_FIELD_INIT;
    if (af & JS_FUNC_HAS_EVAL)
        fl |= JS_BC_HAS_EVAL;
    if (!f->is_top && !f->is_arrow && !(af & (JS_FUNC_METHOD | JS_FUNC_ASYNC)) &&
        !(af & (JS_FUNC_FIELD_INIT | JS_FUNC_STATIC_BLOCK))) {
        if (!(af & JS_FUNC_GENERATOR))
            fl |= JS_BC_CONSTRUCTOR;
        fl |= JS_BC_HAS_PROTOTYPE;
    }
    if ((af & JS_FUNC_GENERATOR) && !f->is_top)
        fl |= JS_BC_HAS_PROTOTYPE;
    if (f->is_module)
        fl |= JS_BC_MODULE_CODE;
    else if (f->is_top)
        fl |= f->is_eval_code ? JS_BC_EVAL_CODE : JS_BC_GLOBAL_CODE;
    return fl;
}

static void *comp_take(CompState *s, void *p, size_t size)
{
    void *q;
    if (size == 0)
        return NULL;
    q = js_malloc(s->ctx, size);
    if (q)
        memcpy(q, p, size);
    return q;
}

/* the bytecode record of a finished function (a new GC node) */
JSValue comp_finish(CompState *s, CompFunc *f)
{
    JSContext *ctx = s->ctx;
    JSFunctionBytecode *b;
    uint32_t nslots = f->arg_count + f->var_count;
    if (s->failed)
        return JS_EXCEPTION;
    if (f->stack_max > 65000)
        return comp_error(s, f->node, "expression too complex"), JS_EXCEPTION;
    b = js_mallocz(ctx, sizeof(*b));
    if (!b)
        return comp_oom(s), JS_EXCEPTION;
    js_gc_init_node(ctx->rt, &b->header, JS_GC_OBJ_TYPE_FUNCTION_BYTECODE);
    b->flags = f->bc_flags | comp_bc_flags(f);
    b->code_len = f->code_len;
    b->code = f->code; /* the atom references move with the code */
    f->code = NULL;
    f->code_len = 0;
    b->arg_count = f->arg_count;
    b->var_count = f->var_count;
    b->stack_size = f->stack_max + 1;
    b->length = f->ast ? f->ast->length : 0;
    b->source = JS_DupValue(ctx, s->source);
    if (f->ast) {
        b->source_start = f->ast->src_start;
        b->source_end = f->ast->src_end;
    }
    b->line = f->node ? f->node->line : 1;
    b->col = f->node ? f->node->col : 1;
    b->func_name = JS_DupAtom(ctx, f->func_name);
    b->filename = JS_DupAtom(ctx, s->filename);
    b->referrer = JS_DupAtom(ctx, s->opts->referrer ? s->opts->referrer : s->filename);
    b->realm = JS_DupContext(ctx);
    /* the slots: the arguments (unnamed here), then the locals */
    if (nslots) {
        b->vardefs = js_mallocz(ctx, sizeof(JSVarDef) * nslots);
        if (b->vardefs) {
            for (uint32_t i = 0; i < f->var_count; i++) {
                b->vardefs[f->arg_count + i] = f->vardefs[i];
                JS_DupAtom(ctx, f->vardefs[i].var_name);
            }
        }
    }
    if (f->closure_var_count) {
        b->closure_var = js_malloc(ctx, sizeof(JSClosureVar) * f->closure_var_count);
        if (b->closure_var) {
            /* counts are set with their arrays: freeing b after a failed
               allocation below walks only what exists */
            b->closure_var_count = f->closure_var_count;
            for (uint32_t i = 0; i < f->closure_var_count; i++) {
                b->closure_var[i] = f->closure_vars[i].cv;
                JS_DupAtom(ctx, b->closure_var[i].var_name);
            }
        }
    }
    b->cpool_count = f->cpool_count;
    b->cpool = f->cpool;
    f->cpool = NULL;
    f->cpool_count = 0;
    if (f->ic_count) {
        b->ic = js_mallocz(ctx, sizeof(JSInlineCache) * f->ic_count);
        if (b->ic)
            b->ic_count = f->ic_count;
    }
    b->eval_scope_count = f->eval_scope_count;
    b->eval_scopes = f->eval_scopes;
    for (uint32_t i = 0; i < f->eval_scope_count; i++) {
        for (uint32_t j = 0; j < f->eval_scopes[i].count; j++)
            JS_DupAtom(ctx, f->eval_scopes[i].bindings[j].name);
    }
    f->eval_scopes = NULL;
    f->eval_scope_count = 0;
    b->global_decl_count = f->global_decl_count;
    b->global_decls = f->global_decls;
    for (uint32_t i = 0; i < f->global_decl_count; i++)
        JS_DupAtom(ctx, f->global_decls[i].name);
    f->global_decls = NULL;
    f->global_decl_count = 0;
    b->pc2line_len = f->pc2line_len;
    b->pc2line = comp_take(s, f->pc2line, f->pc2line_len);
    if ((nslots && !b->vardefs) ||
        (f->closure_var_count && !b->closure_var) || (f->ic_count && !b->ic) ||
        (f->pc2line_len && !b->pc2line)) {
        JS_FreeValue(ctx, JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, b));
        return comp_oom(s), JS_EXCEPTION;
    }
    return JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, b);
}

/* compiles one function (its CompFunc is already analysed) */
static JSValue comp_function(CompState *s, CompFunc *f)
{
    CompFunc *saved = s->func;
    JSValue bc;
    s->func = f;
    f->last_pc_entry = 0;
    f->cur_line = f->node ? f->node->line : 1;
    f->cur_col = f->node ? f->node->col : 1;
    f->last_line = f->cur_line;
    f->last_col = f->cur_col;
    f->bc_flags = 0;
    comp_function_body(s, f);
    bc = comp_finish(s, f);
    s->func = saved;
    return bc;
}

int comp_function_const(CompState *s, JSNode *node, JSAstFunction *fn)
{
    CompFunc *f = node->compiler;
    JSValue bc;
    if (s->failed)
        return -1;
    f->func_name = f->default_name;
    if (fn->id)
        f->func_name = comp_atom(s, fn->id->u.ident.name);
    else if (fn->flags & JS_FUNC_DYNAMIC)
        f->func_name = JS_ATOM_anonymous;
    bc = comp_function(s, f);
    if (JS_IsException(bc)) {
        s->failed = true;
        return -1;
    }
    return emit_const(s, bc);
}

void comp_function_closure(CompState *s, JSNode *node, JSAstFunction *fn)
{
    int idx = comp_function_const(s, node, fn);
    if (idx < 0)
        emit_op(s, OP_undefined);
    else
        emit_op_u32(s, OP_fclosure, idx);
}

/* ---------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------- */
static void *comp_parse_malloc(void *opaque, size_t size)
{
    return js_malloc_rt(opaque, size);
}

static void comp_parse_free(void *opaque, void *ptr) { js_free_rt(opaque, ptr); }

static JSValue comp_parse_error(JSContext *ctx, const JSParseResult *res, const char *filename)
{
    switch (res->error.kind) {
    case JS_PARSE_OUT_OF_MEMORY:
        return JS_ThrowOutOfMemory(ctx);
    case JS_PARSE_STACK_OVERFLOW:
        return js_throw_stack_overflow(ctx);
    default: {
        JSValue ret = JS_ThrowSyntaxError(ctx, "%s", res->error.message);
        JSValue exc = ctx->rt->current_exception;
        char pos[64];
        /* the position of the error, like a stack frame */
        snprintf(pos, sizeof(pos), ":%u:%u", res->error.line, res->error.col);
        if (JS_IsObject(exc)) {
            JSValue loc = js_new_string_utf8(ctx, filename, strlen(filename));
            loc = JS_IsException(loc) ? loc : js_concat_cstring(ctx, loc, pos);
            if (!JS_IsException(loc)) {
                JSValue stack = js_new_string8(ctx, "SyntaxError: ");
                stack = JS_ConcatStrings(ctx, stack, JS_GetPropertyStr(ctx, exc, "message"));
                stack = JS_IsException(stack) ? stack : js_concat_cstring(ctx, stack, "\n    at ");
                stack = JS_IsException(stack) ? stack : JS_ConcatStrings(ctx, stack, loc);
                if (!JS_IsException(stack))
                    js_error_store_stack(ctx, exc, stack);
            } else {
                JS_FreeValue(ctx, loc);
            }
        }
        return ret;
    }
    }
}

static void comp_state_free(CompState *s)
{
    for (uint32_t i = 0; i < s->func_count; i++)
        comp_free_func(s, s->funcs[i]);
    js_free(s->ctx, s->funcs);
    for (uint32_t i = 0; i < s->atom_count; i++)
        JS_FreeAtom(s->ctx, s->atoms[i]);
    js_free(s->ctx, s->atoms);
    JS_FreeAtom(s->ctx, s->filename);
    JS_FreeValue(s->ctx, s->source);
}

/* the top-level code of a parse (script, module or eval) */
static JSValue comp_top_level(CompState *s, JSNode *program)
{
    const JSCompileOptions *opts = s->opts;
    CompFunc *f = js_mallocz(s->ctx, sizeof(CompFunc));
    if (!f)
        return comp_oom(s), JS_EXCEPTION;
    if (!comp_register_func(s, f)) {
        js_free(s->ctx, f);
        return JS_EXCEPTION;
    }
    f->ast = program->u.program.func;
    f->node = program;
    f->flags = f->ast->flags;
    f->strict = (f->flags & JS_FUNC_STRICT) != 0;
    f->is_top = true;
    f->is_eval_code = opts->kind == JS_COMPILE_EVAL;
    f->global_vars = opts->kind == JS_COMPILE_SCRIPT || opts->kind == JS_COMPILE_FUNCTION;
    f->sloppy_eval_vars = f->is_eval_code && !f->strict;
    f->track_completion = opts->kind != JS_COMPILE_MODULE;
    f->is_module = opts->kind == JS_COMPILE_MODULE;
    f->ret_slot = -1;
    f->func_name = JS_ATOM_NULL;
    program->compiler = f;
    /* top-level await makes the module function an async function */
    if (f->is_module && program->u.program.module &&
        program->u.program.module->has_top_level_await)
        f->flags |= JS_FUNC_ASYNC;
    if (!comp_analyze_function(s, f))
        return JS_EXCEPTION;
    if (!f->is_module)
        return comp_function(s, f);
    return comp_module_record(s, f, program->u.program.module, comp_function(s, f));
}

/* a direct eval inside a class body sees the class's private names: the
   bindings of the caller named "#x" */
static int comp_eval_private_names(JSContext *ctx, const JSCompileOptions *opts,
                                   JSParseOptions *po)
{
    const JSEvalScope *es = opts->eval_scope;
    JSParseName *names;
    uint32_t n = 0;
    if (!es)
        return 0;
    names = js_malloc(ctx, sizeof(JSParseName) * (es->count + 1));
    if (!names)
        return -1;
    for (uint32_t i = 0; i < es->count; i++) {
        JSString *p;
        if (js_atom_is_tagged_int(es->bindings[i].name))
            continue;
        p = ctx->rt->atom_array[es->bindings[i].name];
        if (p->is_wide_char || p->len < 2 || p->u.str8[0] != '#')
            continue;
        names[n].name = (const char *)p->u.str8 + 1;
        names[n].len = p->len - 1;
        n++;
    }
    po->private_names = names;
    po->private_name_count = n;
    return 0;
}

JSValue js_compile(JSContext *ctx, const char *source, size_t len, const JSCompileOptions *opts)
{
    JSParseOptions po;
    JSParseResult res;
    CompState s;
    JSValue bc = JS_EXCEPTION;
    memset(&po, 0, sizeof(po));
    po.goal = opts->kind == JS_COMPILE_MODULE     ? JS_PARSE_MODULE
              : opts->kind == JS_COMPILE_EVAL     ? JS_PARSE_EVAL
              : opts->kind == JS_COMPILE_FUNCTION ? JS_PARSE_FUNCTION
                                                  : JS_PARSE_SCRIPT;
    po.strict = opts->strict;
    po.wtf8 = opts->wtf8;
    po.function_kind = (JSParseFunctionKind)opts->function_kind;
    po.params_start = opts->params_start;
    po.params_end = opts->params_end;
    po.body_start = opts->body_start;
    po.body_end = opts->body_end;
    if (opts->eval_scope) {
        const JSEvalScope *es = opts->eval_scope;
        po.context_flags = JS_PARSE_CTX_DIRECT_EVAL;
        if (es->in_function)
            po.context_flags |= JS_PARSE_CTX_NEW_TARGET;
        if (es->in_method)
            po.context_flags |= JS_PARSE_CTX_SUPER_PROPERTY;
        if (es->in_derived_ctor)
            po.context_flags |= JS_PARSE_CTX_SUPER_CALL;
        if (es->in_field_init)
            po.context_flags |= JS_PARSE_CTX_FIELD_INIT;
    }
    po.stack_limit = ctx->rt->stack_limit;
    po.malloc = comp_parse_malloc;
    po.free = comp_parse_free;
    po.opaque = ctx->rt;
    if (comp_eval_private_names(ctx, opts, &po) < 0)
        return JS_EXCEPTION;
    if (js_parse(&res, source, len, &po) != JS_PARSE_OK) {
        js_free(ctx, (void *)po.private_names);
        comp_parse_error(ctx, &res, opts->filename);
        js_parse_result_free(&res);
        return JS_EXCEPTION;
    }
    js_free(ctx, (void *)po.private_names);
    po.private_names = NULL;
    memset(&s, 0, sizeof(s));
    s.ctx = ctx;
    s.opts = opts;
    s.src = source;
    s.src_len = len;
    s.filename = JS_NewAtom(ctx, opts->filename);
    /* the raw UTF-8 bytes, kept for Function.prototype.toString */
    s.source = len <= JS_STRING_LEN_MAX ? js_new_string8_len(ctx, source, len) : JS_UNDEFINED;
    if (s.filename == JS_ATOM_NULL || JS_IsException(s.source)) {
        s.source = JS_UNDEFINED;
        comp_state_free(&s);
        js_parse_result_free(&res);
        return JS_EXCEPTION;
    }
    bc = comp_top_level(&s, res.program);
    if (s.failed && !JS_IsException(bc)) {
        JS_FreeValue(ctx, bc);
        bc = JS_EXCEPTION;
    }
    comp_state_free(&s);
    js_parse_result_free(&res);
    return bc;
}
