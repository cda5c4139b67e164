/*
 * re_compile.c — from the ReNode tree to a JSReProgram: bytecode for the
 * backtracking matcher (re_exec.c), the class tables it tests characters
 * against, the group names, and the start-position filter.
 *
 * Matching direction is a compile-time property: inside a lookbehind the
 * tree is compiled backward (sequences reversed, consuming instructions in
 * their _BACK form, captures saving end before start), as ECMA-262's
 * CompileSubpattern does with direction = backward.
 *
 * Quantifiers get the cheapest form that keeps the spec's semantics:
 * single-character atoms a dedicated REPEAT instruction; bodies that
 * cannot match empty and have no captures a plain choice loop; everything
 * else a counted loop with capture resets and the empty-iteration check.
 */
#include <stdlib.h>

#include "re_internal.h"

#define RE_MAX_CODE (1u << 27) /* jump targets must fit the stack entries */
#define RE_COMPILE_MAX_DEPTH 4000

typedef struct ReCompiler {
    ReMem *mem;
    uint8_t *code;
    uint32_t len, size;
    uint32_t *classes; /* class tables, in u32 words */
    uint32_t clen, csize;
    uint32_t reg_count;
    bool unicode;
    uint32_t depth;
    const char *error;
} ReCompiler;

static int re_c_error(ReCompiler *c, const char *msg)
{
    if (!c->error)
        c->error = c->mem->oom ? "out of memory" : msg;
    return -1;
}

static int re_reserve(ReCompiler *c, uint32_t n)
{
    uint32_t size;
    uint8_t *code;
    if (c->len + n <= c->size)
        return 0;
    if (c->len + n > RE_MAX_CODE)
        return re_c_error(c, "regular expression too large");
    size = c->size ? c->size : 64;
    while (size < c->len + n)
        size *= 2;
    code = re_realloc(c->mem, c->code, size);
    if (!code)
        return re_c_error(c, "out of memory");
    c->code = code;
    c->size = size;
    return 0;
}

static int re_emit8(ReCompiler *c, uint32_t v)
{
    if (re_reserve(c, 1))
        return -1;
    c->code[c->len++] = (uint8_t)v;
    return 0;
}

static int re_emit16(ReCompiler *c, uint32_t v)
{
    uint16_t w = (uint16_t)v;
    if (re_reserve(c, 2))
        return -1;
    memcpy(c->code + c->len, &w, 2);
    c->len += 2;
    return 0;
}

static int re_emit32(ReCompiler *c, uint32_t v)
{
    if (re_reserve(c, 4))
        return -1;
    memcpy(c->code + c->len, &v, 4);
    c->len += 4;
    return 0;
}

static void re_patch32(ReCompiler *c, uint32_t at, uint32_t v) { memcpy(c->code + at, &v, 4); }

static int re_new_reg(ReCompiler *c, uint32_t *preg)
{
    if (c->reg_count >= RE_MAX_REGISTERS - 1)
        return re_c_error(c, "regular expression too large");
    *preg = c->reg_count++;
    return 0;
}

/* the forward or backward form of a consuming opcode */
static int re_emit_op(ReCompiler *c, int op, bool back) { return re_emit8(c, (uint32_t)(op + back)); }

/* ---------------------------------------------------------------------
 * Class tables
 * ------------------------------------------------------------------- */
static int re_class_words(ReCompiler *c, uint32_t n)
{
    if (c->clen + n > c->csize) {
        uint32_t size = c->csize ? c->csize : 64;
        uint32_t *tab;
        while (size < c->clen + n)
            size *= 2;
        tab = re_realloc(c->mem, c->classes, size * sizeof(uint32_t));
        if (!tab)
            return re_c_error(c, "out of memory");
        c->classes = tab;
        c->csize = size;
    }
    return 0;
}

/* appends the table of r; *poffset receives its byte offset */
static int re_add_class_table(ReCompiler *c, const ReRanges *r, uint32_t *poffset)
{
    uint32_t nranges = r->len / 2, *t;
    if (re_class_words(c, RE_CLASS_HEADER_WORDS + 2 * nranges))
        return -1;
    *poffset = c->clen * 4;
    t = c->classes + c->clen;
    memset(t, 0, RE_CLASS_HEADER_WORDS * 4);
    t[0] = nranges;
    for (uint32_t i = 0; i < nranges; i++) {
        uint32_t lo = r->b[2 * i], hi = r->b[2 * i + 1] - 1;
        t[RE_CLASS_HEADER_WORDS + 2 * i] = lo;
        t[RE_CLASS_HEADER_WORDS + 2 * i + 1] = hi;
        for (uint32_t ch = lo; ch <= hi && ch < 256; ch++)
            t[1 + ch / 32] |= 1u << (ch % 32);
    }
    c->clen += RE_CLASS_HEADER_WORDS + 2 * nranges;
    return 0;
}

static int re_emit_class(ReCompiler *c, const ReRanges *r, bool back)
{
    uint32_t off;
    /* classes that are "anything" become the cheaper ANY instructions */
    if (r->len == 2 && r->b[0] == 0 && r->b[1] >= (c->unicode ? RE_CP_MAX + 1 : 0x10000))
        return re_emit_op(c, c->unicode ? REOP_ANY_U : REOP_ANY, back);
    if (re_add_class_table(c, r, &off))
        return -1;
    if (re_emit_op(c, c->unicode ? REOP_CLASS_U : REOP_CLASS, back))
        return -1;
    return re_emit32(c, off);
}

/* ---------------------------------------------------------------------
 * Characters
 * ------------------------------------------------------------------- */
/* a character compared as one code unit: in Unicode mode surrogates and
   astral characters need a code point read */
static bool re_is_unit_char(const ReCompiler *c, uint32_t ch)
{
    return ch <= 0xffff && !(c->unicode && ch >= 0xd800 && ch <= 0xdfff);
}

/* the characters a case-insensitive match of ch accepts */
static int re_char_closure(ReCompiler *c, uint32_t ch, ReRanges *r)
{
    re_ranges_init(r);
    if (re_ranges_add(c->mem, r, ch, ch) || re_ranges_case_close(c->mem, r, c->unicode))
        return re_c_error(c, "out of memory");
    return 0;
}

static uint32_t re_ranges_count(const ReRanges *r)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < r->len; i += 2)
        n += r->b[i + 1] - r->b[i];
    return n;
}

static int re_emit_char(ReCompiler *c, uint32_t ch, bool icase, bool back)
{
    if (icase) {
        ReRanges r;
        uint32_t n, a, b;
        int ret = 0;
        if (re_char_closure(c, ch, &r))
            return -1;
        n = re_ranges_count(&r);
        a = r.b[0];
        b = r.b[r.len - 1] - 1;
        if (n == 2 && re_is_unit_char(c, a) && re_is_unit_char(c, b))
            ret = re_emit_op(c, REOP_CHAR2, back) || re_emit16(c, a) || re_emit16(c, b) ? -1 : 0;
        else if (n >= 2)
            ret = re_emit_class(c, &r, back);
        re_ranges_free(c->mem, &r);
        if (n >= 2)
            return ret;
        /* no other case: a plain character */
    }
    if (re_is_unit_char(c, ch))
        return re_emit_op(c, REOP_CHAR, back) || re_emit16(c, ch) ? -1 : 0;
    return re_emit_op(c, REOP_CHAR32, back) || re_emit32(c, ch) ? -1 : 0;
}

/* a plain character that can join a STRING run */
static bool re_is_string_char(const ReCompiler *c, const ReNode *n)
{
    if (n->type != RE_NODE_CHAR || n->icase)
        return false;
    if (n->u.c > 0xffff)
        return c->unicode;
    return re_is_unit_char(c, n->u.c);
}

static uint32_t re_string_units(const ReNode *n)
{
    return n->u.c > 0xffff ? 2 : 1;
}

/* nodes[0 .. count) are string characters, in pattern order */
static int re_emit_string(ReCompiler *c, ReNode **nodes, uint32_t count, bool back)
{
    uint32_t units = 0;
    for (uint32_t i = 0; i < count; i++)
        units += re_string_units(nodes[i]);
    if (units == 1)
        return re_emit_char(c, nodes[0]->u.c, false, back);
    if (re_emit_op(c, REOP_STRING, back) || re_emit16(c, units))
        return -1;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t ch = nodes[i]->u.c;
        if (ch > 0xffff) {
            if (re_emit16(c, 0xd800 + ((ch - 0x10000) >> 10)) ||
                re_emit16(c, 0xdc00 + ((ch - 0x10000) & 0x3ff)))
                return -1;
        } else if (re_emit16(c, ch)) {
            return -1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Start-position filter: the code units a match can begin with
 * ------------------------------------------------------------------- */
typedef struct ReFirst {
    uint32_t bitmap[8];
    bool wide; /* some unit >= 256 can start a match */
    bool all;  /* anything can: no filter */
} ReFirst;

static void re_first_ranges(ReFirst *f, const ReRanges *r)
{
    for (uint32_t i = 0; i < r->len; i += 2) {
        uint32_t lo = r->b[i], hi = r->b[i + 1];
        for (uint32_t ch = lo; ch < hi && ch < 256; ch++)
            f->bitmap[ch / 32] |= 1u << (ch % 32);
        if (hi > 256)
            f->wide = true;
    }
}

static void re_first_char(ReCompiler *c, ReFirst *f, uint32_t ch, bool icase)
{
    ReRanges r;
    if (icase) {
        if (re_char_closure(c, ch, &r)) {
            f->all = true;
            return;
        }
        re_first_ranges(f, &r);
        re_ranges_free(c->mem, &r);
        return;
    }
    if (ch >= 256)
        f->wide = true;
    else
        f->bitmap[ch / 32] |= 1u << (ch % 32);
}

/* adds the first units of n to f; returns whether n can match empty */
static bool re_first(ReCompiler *c, const ReNode *n, ReFirst *f)
{
    const ReNode *k;
    bool empty;
    if (f->all)
        return true;
    switch (n->type) {
    case RE_NODE_CHAR:
        re_first_char(c, f, n->u.c, n->icase);
        return false;
    case RE_NODE_CLASS:
        re_first_ranges(f, &n->u.cls->cps);
        for (uint32_t i = 0; i < n->u.cls->nstrs; i++) {
            const ReString *s = n->u.cls->strs[i];
            if (!s->len)
                return true;
            re_first_char(c, f, s->cp[0], n->icase);
        }
        return false;
    case RE_NODE_CAPTURE:
        return re_first(c, n->u.group.body, f);
    case RE_NODE_QUANT:
        if (n->u.quant.max == 0)
            return true;
        return re_first(c, n->u.quant.body, f) || n->u.quant.min == 0;
    case RE_NODE_SEQ:
        for (k = n->u.list.first; k; k = k->next) {
            if (!re_first(c, k, f))
                return false;
        }
        return true;
    case RE_NODE_ALT:
        empty = false;
        for (k = n->u.list.first; k; k = k->next)
            empty |= re_first(c, k, f);
        return empty;
    case RE_NODE_EMPTY:
    case RE_NODE_ASSERT:
    case RE_NODE_LOOK:
        return true;
    default: /* DOT, BACKREF */
        f->all = true;
        return true;
    }
}

static void re_set_filter(ReCompiler *c, JSReProgram *prog, const ReNode *root)
{
    ReFirst f;
    uint32_t count = 0, unit = 0;
    const ReNode *first = root->type == RE_NODE_SEQ ? root->u.list.first : root;
    memset(&f, 0, sizeof(f));
    prog->anchored = first && first->type == RE_NODE_ASSERT && first->sub == RE_ASSERT_BOL;
    if (re_first(c, root, &f) || f.all)
        return;
    for (uint32_t ch = 0; ch < 256; ch++) {
        if (f.bitmap[ch / 32] & (1u << (ch % 32))) {
            count++;
            unit = ch;
        }
    }
    memcpy(prog->first_bitmap, f.bitmap, sizeof(f.bitmap));
    prog->first_wide = f.wide;
    if (count == 1 && !f.wide) {
        prog->first_kind = 1;
        prog->first_unit = (uint16_t)unit;
    } else {
        prog->first_kind = 2;
    }
}

/* ---------------------------------------------------------------------
 * Structure
 * ------------------------------------------------------------------- */
static int re_compile_node(ReCompiler *c, const ReNode *n, bool back);

/* whether n can succeed without consuming input */
static bool re_can_be_empty(const ReNode *n)
{
    const ReNode *k;
    switch (n->type) {
    case RE_NODE_CHAR:
    case RE_NODE_DOT:
        return false;
    case RE_NODE_CLASS:
        for (uint32_t i = 0; i < n->u.cls->nstrs; i++) {
            if (n->u.cls->strs[i]->len == 0)
                return true;
        }
        return false;
    case RE_NODE_CAPTURE:
        return re_can_be_empty(n->u.group.body);
    case RE_NODE_QUANT:
        return n->u.quant.min == 0 || re_can_be_empty(n->u.quant.body);
    case RE_NODE_SEQ:
        for (k = n->u.list.first; k; k = k->next) {
            if (!re_can_be_empty(k))
                return false;
        }
        return true;
    case RE_NODE_ALT:
        for (k = n->u.list.first; k; k = k->next) {
            if (re_can_be_empty(k))
                return true;
        }
        return false;
    default:
        return true;
    }
}

static int re_compile_seq(ReCompiler *c, const ReNode *n, bool back)
{
    ReNode *buf[32], **nodes = buf;
    uint32_t count = 0, i;
    int ret = -1;
    for (const ReNode *k = n->u.list.first; k; k = k->next)
        count++;
    if (count > 32) {
        nodes = re_malloc(c->mem, count * sizeof(*nodes));
        if (!nodes)
            return re_c_error(c, "out of memory");
    }
    i = 0;
    for (ReNode *k = n->u.list.first; k; k = k->next)
        nodes[i++] = k;
    /* backward, the elements match right to left; a run of plain
       characters still forms one string compared in text order */
    for (uint32_t j = 0; j < count;) {
        uint32_t idx = back ? count - 1 - j : j, run = 1;
        if (re_is_string_char(c, nodes[idx])) {
            while (j + run < count &&
                   re_is_string_char(c, nodes[back ? count - 1 - (j + run) : j + run]) &&
                   run < 1024)
                run++;
            if (re_emit_string(c, nodes + (back ? idx + 1 - run : idx), run, back))
                goto done;
        } else if (re_compile_node(c, nodes[idx], back)) {
            goto done;
        }
        j += run;
    }
    ret = 0;
done:
    if (nodes != buf)
        re_free(c->mem, nodes);
    return ret;
}

/* the start of an alternative that is not the last: PUSH_CHOICE next */
static int re_alt_start(ReCompiler *c, uint32_t *ppatch)
{
    if (re_emit8(c, REOP_PUSH_CHOICE))
        return -1;
    *ppatch = c->len;
    return re_emit32(c, 0);
}

/* its end: GOTO the end of the alternation (chained through the operands,
   see re_patch_chain), and the choice resumes here */
static int re_alt_end(ReCompiler *c, uint32_t patch, uint32_t *pchain)
{
    if (re_emit8(c, REOP_GOTO) || re_emit32(c, *pchain))
        return -1;
    *pchain = c->len - 4;
    re_patch32(c, patch, c->len);
    return 0;
}

/* points every GOTO of a chain at the current position */
static void re_patch_chain(ReCompiler *c, uint32_t chain)
{
    while (chain) {
        uint32_t next = re_get_u32(c->code + chain);
        re_patch32(c, chain, c->len);
        chain = next;
    }
}

/* Before an alternative that must consume a character, a GUARD skips
   it when the next unit cannot start it, without pushing a choice point.
   *ppatch receives the target to patch, 0 when no guard was worth it. */
static int re_emit_guard(ReCompiler *c, const ReNode *alt, uint32_t *ppatch)
{
    ReFirst f;
    ReRanges r;
    uint32_t off;
    int ret = 0;
    *ppatch = 0;
    memset(&f, 0, sizeof(f));
    if (re_first(c, alt, &f) || f.all)
        return 0;
    re_ranges_init(&r);
    for (uint32_t ch = 0; ch < 256 && !ret; ch++) {
        if (f.bitmap[ch / 32] & (1u << (ch % 32)))
            ret = re_ranges_append(c->mem, &r, ch, ch + 1);
    }
    if (f.wide && !ret)
        ret = re_ranges_append(c->mem, &r, 256, 0x10000);
    if (!ret)
        ret = re_add_class_table(c, &r, &off);
    re_ranges_free(c->mem, &r);
    if (ret || re_emit8(c, REOP_GUARD) || re_emit32(c, off))
        return re_c_error(c, "out of memory");
    *ppatch = c->len;
    return re_emit32(c, 0);
}

static int re_compile_alt(ReCompiler *c, const ReNode *n, bool back)
{
    uint32_t chain = 0, patch, guard = 0;
    const ReNode *k;
    for (k = n->u.list.first; k->next; k = k->next) {
        if ((!back && re_emit_guard(c, k, &guard)) || re_alt_start(c, &patch) ||
            re_compile_node(c, k, back) || re_alt_end(c, patch, &chain))
            return -1;
        if (guard)
            re_patch32(c, guard, c->len);
    }
    if (re_compile_node(c, k, back))
        return -1;
    re_patch_chain(c, chain);
    return 0;
}

static int re_compile_capture(ReCompiler *c, const ReNode *n, bool back)
{
    uint32_t slot = 2 * n->u.group.index;
    return re_emit8(c, REOP_SAVE) || re_emit16(c, slot + back) ||
                   re_compile_node(c, n->u.group.body, back) || re_emit8(c, REOP_SAVE) ||
                   re_emit16(c, slot + !back)
               ? -1
               : 0;
}

static int re_compile_look(ReCompiler *c, const ReNode *n)
{
    uint32_t patch;
    if (re_emit8(c, REOP_LOOK) || re_emit8(c, (n->sub & RE_LOOK_NEGATIVE) != 0))
        return -1;
    patch = c->len;
    if (re_emit32(c, 0) || re_compile_node(c, n->u.group.body, (n->sub & RE_LOOK_BEHIND) != 0) ||
        re_emit8(c, REOP_LOOK_END))
        return -1;
    re_patch32(c, patch, c->len);
    return 0;
}

static int re_compile_backref(ReCompiler *c, const ReNode *n, bool back)
{
    if (re_emit_op(c, REOP_BACKREF, back) || re_emit16(c, n->u.backref.count) ||
        re_emit8(c, n->icase))
        return -1;
    for (uint32_t i = 0; i < n->u.backref.count; i++) {
        if (re_emit16(c, n->u.backref.groups[i]))
            return -1;
    }
    return 0;
}

/* a v-mode class with strings: the strings longest first, then the
   single characters, then the empty string, as alternatives. The class
   keeps its strings sorted by length, so that order is the reverse. */
static int re_compile_class_strings(ReCompiler *c, const ReNode *n, bool back)
{
    const ReClass *cls = n->u.cls;
    uint32_t chain = 0, patch;
    bool has_empty = cls->nstrs && cls->strs[0]->len == 0;
    for (uint32_t i = cls->nstrs; i > (uint32_t)has_empty; i--) {
        const ReString *s = cls->strs[i - 1];
        if (re_alt_start(c, &patch))
            return -1;
        for (uint32_t k = 0; k < s->len; k++) {
            if (re_emit_char(c, s->cp[back ? s->len - 1 - k : k], n->icase, back))
                return -1;
        }
        if (re_alt_end(c, patch, &chain))
            return -1;
    }
    if (has_empty) {
        if (re_alt_start(c, &patch) || re_emit_class(c, &cls->cps, back) ||
            re_alt_end(c, patch, &chain))
            return -1;
    } else if (re_emit_class(c, &cls->cps, back)) {
        return -1;
    }
    re_patch_chain(c, chain);
    return 0;
}

/* a node that always consumes exactly one character and sets nothing:
   what REPEAT loops over */
static bool re_is_single_char(const ReNode *n)
{
    switch (n->type) {
    case RE_NODE_CHAR:
    case RE_NODE_DOT:
        return true;
    case RE_NODE_CLASS:
        return n->u.cls->nstrs == 0;
    default:
        return false;
    }
}

static int re_compile_single(ReCompiler *c, const ReNode *n, bool back)
{
    if (n->type == RE_NODE_CHAR)
        return re_emit_char(c, n->u.c, n->icase, back);
    if (n->type == RE_NODE_DOT) {
        if (n->sub)
            return re_emit_op(c, c->unicode ? REOP_ANY_U : REOP_ANY, back);
        return re_emit_op(c, c->unicode ? REOP_ANY_NL_U : REOP_ANY_NL, back);
    }
    return re_emit_class(c, &n->u.cls->cps, back);
}

/* x* for x that cannot match empty and has no captures: no counter */
static int re_compile_star(ReCompiler *c, const ReNode *body, bool greedy, bool back)
{
    uint32_t head = c->len, patch;
    if (greedy) {
        if (re_emit8(c, REOP_PUSH_CHOICE))
            return -1;
        patch = c->len;
        if (re_emit32(c, 0) || re_compile_node(c, body, back) || re_emit8(c, REOP_GOTO) ||
            re_emit32(c, head))
            return -1;
        re_patch32(c, patch, c->len);
        return 0;
    }
    /* lazy: try the continuation first, the body on backtracking */
    if (re_emit8(c, REOP_PUSH_CHOICE) || re_emit32(c, c->len + 4 + 5) || re_emit8(c, REOP_GOTO))
        return -1;
    patch = c->len;
    if (re_emit32(c, 0) || re_compile_node(c, body, back) || re_emit8(c, REOP_GOTO) ||
        re_emit32(c, head))
        return -1;
    re_patch32(c, patch, c->len);
    return 0;
}

static int re_compile_counted_loop(ReCompiler *c, const ReNode *n, bool back)
{
    const ReNode *body = n->u.quant.body;
    uint32_t cnt = 0, posreg = RE_NO_REG, head, patch;
    uint32_t ncaps = n->u.quant.cap_end - n->u.quant.cap_first;
    if (re_new_reg(c, &cnt))
        return -1;
    if (re_can_be_empty(body) && re_new_reg(c, &posreg))
        return -1;
    if (re_emit8(c, REOP_LOOP_INIT) || re_emit16(c, cnt))
        return -1;
    head = c->len;
    if (re_emit8(c, n->greedy ? REOP_LOOP_GREEDY : REOP_LOOP_LAZY) || re_emit16(c, cnt) ||
        re_emit32(c, n->u.quant.min) || re_emit32(c, n->u.quant.max))
        return -1;
    patch = c->len;
    if (re_emit32(c, 0))
        return -1;
    if (posreg != RE_NO_REG && (re_emit8(c, REOP_SET_REG) || re_emit16(c, posreg)))
        return -1;
    if (ncaps && (re_emit8(c, REOP_RESET_CAPS) || re_emit16(c, n->u.quant.cap_first) ||
                  re_emit16(c, ncaps)))
        return -1;
    if (re_compile_node(c, body, back) || re_emit8(c, REOP_LOOP_END) || re_emit16(c, cnt) ||
        re_emit16(c, posreg) || re_emit32(c, n->u.quant.min) || re_emit32(c, head))
        return -1;
    re_patch32(c, patch, c->len);
    return 0;
}

static int re_compile_quant(ReCompiler *c, const ReNode *n, bool back)
{
    const ReNode *body = n->u.quant.body;
    uint32_t min = n->u.quant.min, max = n->u.quant.max;
    bool has_caps = n->u.quant.cap_end > n->u.quant.cap_first;
    if (max == 0)
        return 0;
    if (min == 1 && max == 1)
        return re_compile_node(c, body, back);
    if (re_is_single_char(body) && !back) {
        if (re_emit8(c, n->greedy ? REOP_REPEAT_GREEDY : REOP_REPEAT_LAZY) || re_emit32(c, min) ||
            re_emit32(c, max))
            return -1;
        return re_compile_single(c, body, back);
    }
    if (!has_caps && !re_can_be_empty(body) && max == RE_INFINITY && min <= 2) {
        /* x+ is x x*: the first iterations need no loop state */
        for (uint32_t i = 0; i < min; i++) {
            if (re_compile_node(c, body, back))
                return -1;
        }
        return re_compile_star(c, body, n->greedy, back);
    }
    return re_compile_counted_loop(c, n, back);
}

static int re_compile_node(ReCompiler *c, const ReNode *n, bool back)
{
    int ret;
    if (++c->depth > RE_COMPILE_MAX_DEPTH ||
        (c->mem->env->stack_overflow && c->mem->env->stack_overflow(c->mem->env->opaque)))
        return re_c_error(c, "regular expression too deeply nested");
    switch (n->type) {
    case RE_NODE_EMPTY:
        ret = 0;
        break;
    case RE_NODE_CHAR:
        ret = re_emit_char(c, n->u.c, n->icase, back);
        break;
    case RE_NODE_CLASS:
        if (n->u.cls->nstrs)
            ret = re_compile_class_strings(c, n, back);
        else
            ret = re_emit_class(c, &n->u.cls->cps, back);
        break;
    case RE_NODE_DOT:
        ret = re_compile_single(c, n, back);
        break;
    case RE_NODE_ASSERT:
        ret = re_emit8(c, REOP_ASSERT) || re_emit8(c, n->sub) ? -1 : 0;
        break;
    case RE_NODE_BACKREF:
        ret = re_compile_backref(c, n, back);
        break;
    case RE_NODE_CAPTURE:
        ret = re_compile_capture(c, n, back);
        break;
    case RE_NODE_LOOK:
        ret = re_compile_look(c, n);
        break;
    case RE_NODE_QUANT:
        ret = re_compile_quant(c, n, back);
        break;
    case RE_NODE_ALT:
        ret = re_compile_alt(c, n, back);
        break;
    case RE_NODE_SEQ:
        ret = re_compile_seq(c, n, back);
        break;
    default:
        ret = re_c_error(c, "internal error");
        break;
    }
    c->depth--;
    return ret;
}

/* ---------------------------------------------------------------------
 * Assembly
 * ------------------------------------------------------------------- */
static uint32_t re_names_size(const ReParseResult *res)
{
    uint32_t n = 0;
    for (uint32_t i = 1; i < res->capture_count; i++)
        n += 2 + 2 * (res->names[i] ? res->name_lens[i] : 0);
    return n;
}

JSReProgram *re_compile_tree(ReMem *m, const ReParseResult *res, int flags, const char **perror)
{
    ReCompiler c;
    JSReProgram *prog = NULL;
    uint32_t code_off, classes_off, names_off, total;
    uint8_t *p;
    memset(&c, 0, sizeof(c));
    c.mem = m;
    c.unicode = (flags & (JS_RE_FLAG_UNICODE | JS_RE_FLAG_UNICODE_SETS)) != 0;
    if (re_compile_node(&c, res->root, false) || re_emit8(&c, REOP_MATCH))
        goto done;
    code_off = sizeof(JSReProgram);
    classes_off = (code_off + c.len + 3) & ~3u;
    names_off = classes_off + c.clen * 4;
    total = names_off + re_names_size(res);
    prog = re_malloc(m, total);
    if (!prog) {
        re_c_error(&c, "out of memory");
        goto done;
    }
    memset(prog, 0, sizeof(*prog));
    prog->size = total;
    prog->flags = (uint16_t)flags;
    prog->capture_count = (uint16_t)res->capture_count;
    prog->reg_count = (uint16_t)c.reg_count;
    prog->has_named_groups = res->has_named_groups;
    prog->code_offset = code_off;
    prog->code_len = c.len;
    prog->classes_offset = classes_off;
    prog->names_offset = names_off;
    p = (uint8_t *)prog;
    memcpy(p + code_off, c.code, c.len);
    memset(p + code_off + c.len, 0, classes_off - code_off - c.len);
    if (c.clen)
        memcpy(p + classes_off, c.classes, c.clen * 4);
    p += names_off;
    for (uint32_t i = 1; i < res->capture_count; i++) {
        uint16_t len = (uint16_t)(res->names[i] ? res->name_lens[i] : 0);
        memcpy(p, &len, 2);
        if (len)
            memcpy(p + 2, res->names[i], len * 2);
        p += 2 + 2 * len;
    }
    re_set_filter(&c, prog, res->root);
    if (m->oom) {
        re_free(m, prog);
        prog = NULL;
        re_c_error(&c, "out of memory");
    }
done:
    *perror = c.error ? c.error : "out of memory";
    re_free(m, c.code);
    re_free(m, c.classes);
    return prog;
}

/* ---------------------------------------------------------------------
 * The public interface (regexp.h)
 * ------------------------------------------------------------------- */
int js_re_parse_flags(const uint16_t *flags16, const uint8_t *flags8, uint32_t len)
{
    static const char letters[] = "gimsuydv";
    int flags = 0;
    for (uint32_t i = 0; i < len; i++) {
        uint32_t c = flags16 ? flags16[i] : flags8[i];
        const char *p = c && c < 128 ? strchr(letters, (int)c) : NULL;
        int bit;
        if (!p)
            return -1;
        bit = 1 << (p - letters);
        if (flags & bit)
            return -1;
        flags |= bit;
    }
    if ((flags & JS_RE_FLAG_UNICODE) && (flags & JS_RE_FLAG_UNICODE_SETS))
        return -1;
    return flags;
}

JSReProgram *js_re_compile(const void *pattern, uint32_t len, bool wide, int flags,
                           const JSReEnv *env, const char **perror, bool *pis_oom)
{
    ReMem mem = {env, false};
    ReArena arena;
    ReParseResult res;
    JSReProgram *prog = NULL;
    memset(&arena, 0, sizeof(arena));
    arena.mem = &mem;
    *perror = NULL;
    if (re_parse(&arena, pattern, len, wide, flags, &res, perror) == 0)
        prog = re_compile_tree(&mem, &res, flags, perror);
    re_arena_free(&arena);
    *pis_oom = mem.oom;
    if (mem.oom)
        *perror = "out of memory";
    return prog;
}

static void *re_malloc_realloc(void *opaque, void *ptr, size_t size)
{
    if (!size) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

const char *js_re_check_literal(const void *pattern, uint32_t len, bool wide,
                                const uint8_t *flags_str, uint32_t flags_len)
{
    static const JSReEnv env = {NULL, re_malloc_realloc, NULL, NULL};
    ReMem mem = {&env, false};
    ReArena arena;
    ReParseResult res;
    const char *error = NULL;
    int flags = js_re_parse_flags(NULL, flags_str, flags_len);
    if (flags < 0)
        return "invalid regular expression flags";
    memset(&arena, 0, sizeof(arena));
    arena.mem = &mem;
    if (re_parse(&arena, pattern, len, wide, flags, &res, &error) == 0 || mem.oom)
        error = NULL;
    re_arena_free(&arena);
    return error;
}

void js_re_free(const JSReEnv *env, JSReProgram *prog)
{
    if (prog)
        env->realloc(env->opaque, prog, 0);
}

uint32_t js_re_get_size(const JSReProgram *prog) { return prog->size; }

int js_re_get_flags(const JSReProgram *prog) { return prog->flags; }

int js_re_get_capture_count(const JSReProgram *prog) { return prog->capture_count; }

bool js_re_has_named_groups(const JSReProgram *prog) { return prog->has_named_groups; }

const uint16_t *js_re_get_group_name(const JSReProgram *prog, int idx, uint32_t *plen)
{
    const uint8_t *p = (const uint8_t *)prog + prog->names_offset;
    if (idx < 1 || idx >= prog->capture_count)
        return NULL;
    for (int i = 1; i < idx; i++)
        p += 2 + 2 * re_get_u16(p);
    *plen = re_get_u16(p);
    return *plen ? (const uint16_t *)(p + 2) : NULL;
}
