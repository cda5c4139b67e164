/*
 * re_exec.c — the backtracking matcher: runs a JSReProgram over a Latin-1
 * or UTF-16 subject without converting it.
 *
 * Backtracking state lives on an explicit stack of 8-byte entries, never
 * on the C stack. An entry is a choice point (resume at pc with pos), an
 * undo record (a capture or register value to restore when backtracking
 * past it), a lookaround marker, or the state of a REPEAT loop. Undo
 * records make a choice point cheap: it saves two words instead of every
 * capture. A successful positive lookaround drops the choice points its
 * body left (it is atomic) but keeps their undo records, so backtracking
 * into the text before it still restores captures correctly.
 *
 * The main loop is written once and instantiated for 8-bit and 16-bit
 * subjects (the `wide` parameter is a compile-time constant in each copy).
 */
#include <stdlib.h>

#include "re_internal.h"

#define RE_INTERRUPT_INTERVAL 10000
#define RE_INITIAL_STACK 256
#define RE_INITIAL_REGS 32

enum {
    RE_ST_CHOICE,   /* a: pc, b: pos */
    RE_ST_UNDO_CAP, /* a: slot, b: old value */
    RE_ST_UNDO_REG, /* a: register, b: old value */
    RE_ST_LOOK_POS, /* a: pc after the lookaround, b: pos at its start */
    RE_ST_LOOK_NEG,
    RE_ST_REPEAT_G, /* a: continuation pc, b: pos; DATA below: minimum pos */
    RE_ST_REPEAT_L, /* a: pc of the REPEAT, b: pos; DATA below: count */
    RE_ST_DATA,
};
#define RE_ST_SHIFT 28
#define RE_ST_MASK ((1u << RE_ST_SHIFT) - 1)

typedef struct ReStackEntry {
    uint32_t a, b;
} ReStackEntry;

typedef struct ReExec {
    const uint8_t *code;
    const uint8_t *classes;
    const void *subject;
    uint32_t len;
    int32_t *caps;
    uint32_t *regs;
    ReStackEntry *stack;
    uint32_t sp, stack_size;
    bool stack_on_heap;
    int interrupt_counter;
    const JSReEnv *env;
    bool unicode;
} ReExec;

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */
static int re_grow_stack(ReExec *e)
{
    uint32_t size = e->stack_size * 2;
    ReStackEntry *st;
    if (size > (UINT32_MAX / sizeof(ReStackEntry)))
        return -1;
    if (e->stack_on_heap) {
        st = e->env->realloc(e->env->opaque, e->stack, size * sizeof(ReStackEntry));
    } else {
        st = e->env->realloc(e->env->opaque, NULL, size * sizeof(ReStackEntry));
        if (st)
            memcpy(st, e->stack, e->sp * sizeof(ReStackEntry));
    }
    if (!st)
        return -1;
    e->stack = st;
    e->stack_size = size;
    e->stack_on_heap = true;
    return 0;
}

static bool re_class_has(const uint32_t *cls, uint32_t c)
{
    uint32_t lo = 0, hi;
    const uint32_t *r;
    if (c < 256)
        return (cls[1 + c / 32] >> (c % 32)) & 1;
    hi = cls[0];
    r = cls + RE_CLASS_HEADER_WORDS;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (c < r[2 * mid])
            hi = mid;
        else if (c > r[2 * mid + 1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static inline bool re_is_word_iu(uint32_t c)
{
    return re_is_word_char(c) || c == 0x17f || c == 0x212a;
}

/* the character units of the subject */
#define RE_CH(i) (wide ? ((const uint16_t *)e->subject)[i] : ((const uint8_t *)e->subject)[i])

/* the code point at pos (< len) and its length in units */
static js_re_inline uint32_t re_cp_at(const ReExec *e, uint32_t pos, uint32_t *pn, const bool wide)
{
    uint32_t c = RE_CH(pos);
    *pn = 1;
    if (wide && re_is_high_surrogate(c) && pos + 1 < e->len) {
        uint32_t d = RE_CH(pos + 1);
        if (re_is_low_surrogate(d)) {
            *pn = 2;
            return 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        }
    }
    return c;
}

/* the code point ending at pos (> 0) and its length in units */
static js_re_inline uint32_t re_cp_before(const ReExec *e, uint32_t pos, uint32_t *pn,
                                          const bool wide)
{
    uint32_t c = RE_CH(pos - 1);
    *pn = 1;
    if (wide && re_is_low_surrogate(c) && pos >= 2) {
        uint32_t d = RE_CH(pos - 2);
        if (re_is_high_surrogate(d)) {
            *pn = 2;
            return 0x10000 + ((d - 0xd800) << 10) + (c - 0xdc00);
        }
    }
    return c;
}

/* the position one character before pos, not below floor */
static js_re_inline uint32_t re_step_back(const ReExec *e, uint32_t pos, uint32_t floor,
                                          const bool wide)
{
    if (wide && e->unicode && pos >= floor + 2 && re_is_low_surrogate(RE_CH(pos - 1)) &&
        re_is_high_surrogate(RE_CH(pos - 2)))
        return pos - 2;
    return pos - 1;
}

static js_re_inline bool re_check_assert(const ReExec *e, int kind, uint32_t pos, const bool wide)
{
    bool a, b;
    switch (kind) {
    case RE_ASSERT_BOL:
        return pos == 0;
    case RE_ASSERT_BOL_M:
        return pos == 0 || re_is_line_terminator(RE_CH(pos - 1));
    case RE_ASSERT_EOL:
        return pos == e->len;
    case RE_ASSERT_EOL_M:
        return pos == e->len || re_is_line_terminator(RE_CH(pos));
    case RE_ASSERT_WORD:
    case RE_ASSERT_NOT_WORD:
        a = pos > 0 && re_is_word_char(RE_CH(pos - 1));
        b = pos < e->len && re_is_word_char(RE_CH(pos));
        return (a != b) == (kind == RE_ASSERT_WORD);
    default:
        a = pos > 0 && re_is_word_iu(RE_CH(pos - 1));
        b = pos < e->len && re_is_word_iu(RE_CH(pos));
        return (a != b) == (kind == RE_ASSERT_WORD_IU);
    }
}

/* One step of a single-character instruction at pc, forward: the new
   position, or -1 when it does not match. */
static js_re_inline int64_t re_atom_step(const ReExec *e, const uint8_t *pc, uint32_t pos,
                                         const bool wide)
{
    uint32_t c, n;
    int64_t p = pos;
    if (pos >= e->len)
        return -1;
    switch (*pc) {
    case REOP_CHAR:
        return RE_CH(pos) == re_get_u16(pc + 1) ? p + 1 : -1;
    case REOP_CHAR2:
        c = RE_CH(pos);
        return c == re_get_u16(pc + 1) || c == re_get_u16(pc + 3) ? p + 1 : -1;
    case REOP_CHAR32:
        c = re_cp_at(e, pos, &n, wide);
        return c == re_get_u32(pc + 1) ? p + n : -1;
    case REOP_ANY:
        return pos + 1;
    case REOP_ANY_U:
        re_cp_at(e, pos, &n, wide);
        return pos + n;
    case REOP_ANY_NL:
        return re_is_line_terminator(RE_CH(pos)) ? -1 : p + 1;
    case REOP_ANY_NL_U:
        c = re_cp_at(e, pos, &n, wide);
        return re_is_line_terminator(c) ? -1 : p + n;
    case REOP_CLASS:
        return re_class_has((const uint32_t *)(e->classes + re_get_u32(pc + 1)), RE_CH(pos))
                   ? p + 1
                   : -1;
    case REOP_CLASS_U:
        c = re_cp_at(e, pos, &n, wide);
        return re_class_has((const uint32_t *)(e->classes + re_get_u32(pc + 1)), c) ? p + n
                                                                                  : -1;
    default:
        return -1;
    }
}

static uint32_t re_atom_len(const uint8_t *pc)
{
    switch (*pc) {
    case REOP_CHAR:
        return 3;
    case REOP_CHAR2:
    case REOP_CHAR32:
    case REOP_CLASS:
    case REOP_CLASS_U:
        return 5;
    default:
        return 1;
    }
}

/* Greedy repetition of the atom at pc from pos, at most max times: the
   loop for each atom kind is written out, as this is the hot path of
   patterns like \w+ or [^"]*. *pminpos receives the position after min
   matches (when reached); returns the count. */
static js_re_inline uint32_t re_repeat_greedy(const ReExec *e, const uint8_t *pc, uint32_t *ppos,
                                              uint32_t min, uint32_t max, uint32_t *pminpos,
                                              const bool wide)
{
    uint32_t pos = *ppos, n = 0, len = e->len;
    /* fixed-width atoms: one unit per iteration */
    uint32_t lim = max - n < len - pos ? pos + max : len;
    switch (*pc) {
    case REOP_CHAR: {
        uint32_t c = re_get_u16(pc + 1);
        while (pos < lim && RE_CH(pos) == c)
            pos++;
        goto fixed;
    }
    case REOP_ANY:
        pos = lim;
        goto fixed;
    case REOP_ANY_NL:
        while (pos < lim && !re_is_line_terminator(RE_CH(pos)))
            pos++;
        goto fixed;
    case REOP_CLASS: {
        const uint32_t *cls = (const uint32_t *)(e->classes + re_get_u32(pc + 1));
        if (!wide) {
            while (pos < lim) {
                uint32_t c = RE_CH(pos);
                if (!((cls[1 + c / 32] >> (c % 32)) & 1))
                    break;
                pos++;
            }
        } else {
            while (pos < lim && re_class_has(cls, RE_CH(pos)))
                pos++;
        }
        goto fixed;
    }
    default:
        break;
    }
    /* variable width (code points) */
    while (n < max) {
        int64_t next;
        if (n == min)
            *pminpos = pos;
        next = re_atom_step(e, pc, pos, wide);
        if (next < 0)
            break;
        pos = (uint32_t)next;
        n++;
    }
    if (n == min)
        *pminpos = pos;
    *ppos = pos;
    return n;
fixed:
    n = pos - *ppos;
    if (n >= min)
        *pminpos = *ppos + min;
    *ppos = pos;
    return n;
}

/* compares the captured text [s, s + n) with the subject at pos */
static js_re_inline bool re_backref_equal(const ReExec *e, uint32_t s, uint32_t pos, uint32_t n,
                                          bool icase, const bool wide)
{
    if (!icase) {
        if (!wide)
            return !memcmp((const uint8_t *)e->subject + s, (const uint8_t *)e->subject + pos, n);
        return !memcmp((const uint16_t *)e->subject + s, (const uint16_t *)e->subject + pos,
                       n * 2);
    }
    for (uint32_t i = 0; i < n;) {
        uint32_t na, nb, a, b;
        if (e->unicode) {
            a = re_cp_at(e, s + i, &na, wide);
            b = re_cp_at(e, pos + i, &nb, wide);
            if (na != nb)
                return false;
        } else {
            a = RE_CH(s + i);
            b = RE_CH(pos + i);
            na = 1;
        }
        if (a != b && re_canonicalize(a, e->unicode) != re_canonicalize(b, e->unicode))
            return false;
        i += na;
    }
    return true;
}

/* BACKREF: the new position or -1 */
static js_re_inline int64_t re_backref(const ReExec *e, const uint8_t *pc, uint32_t pos, bool back,
                                       const bool wide)
{
    uint32_t count = re_get_u16(pc + 1), s, n;
    bool icase = pc[3];
    int32_t start = -1, end = -1;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t g = re_get_u16(pc + 4 + 2 * i);
        if (e->caps[2 * g] >= 0 && e->caps[2 * g + 1] >= 0) {
            start = e->caps[2 * g];
            end = e->caps[2 * g + 1];
            break;
        }
    }
    if (start < 0)
        return pos; /* an unset group matches the empty string */
    s = (uint32_t)start;
    n = (uint32_t)(end - start);
    if (!back) {
        if (n > e->len - pos || !re_backref_equal(e, s, pos, n, icase, wide))
            return -1;
        return pos + n;
    }
    if (n > pos || !re_backref_equal(e, s, pos - n, n, icase, wide))
        return -1;
    return pos - n;
}

/* ---------------------------------------------------------------------
 * The matcher
 *
 * The stack, its depth and the capture and register arrays live in
 * locals while the loop runs (e is only written back when the stack
 * grows), so the compiler can keep them in registers.
 * ------------------------------------------------------------------- */
#define RE_FAIL goto fail
#define RE_PUSH(type, va, vb)                                                  \
    do {                                                                       \
        if (js_re_unlikely(sp == ssize)) {                                     \
            e->sp = sp;                                                        \
            if (re_grow_stack(e))                                              \
                return JS_RE_ERROR_MEMORY;                                     \
            stack = e->stack;                                                  \
            ssize = e->stack_size;                                             \
        }                                                                      \
        stack[sp].a = (uint32_t)(type) << RE_ST_SHIFT | (va);                 \
        stack[sp].b = (vb);                                                    \
        sp++;                                                                  \
    } while (0)
#define RE_SET_CAP(slot, v)                                     \
    do {                                                        \
        RE_PUSH(RE_ST_UNDO_CAP, slot, (uint32_t)caps[slot]);    \
        caps[slot] = (int32_t)(v);                              \
    } while (0)
#define RE_SET_REG(r, v)                             \
    do {                                             \
        RE_PUSH(RE_ST_UNDO_REG, r, regs[r]);         \
        regs[r] = (v);                               \
    } while (0)

/* runs the program at start; JS_RE_MATCH leaves the captures in e->caps
   (group 0 starts at start) */
static js_re_inline int re_run(ReExec *e, uint32_t start, const bool wide)
{
    const uint8_t *code = e->code, *pc = code;
    int32_t *caps = e->caps;
    uint32_t *regs = e->regs;
    ReStackEntry *stack = e->stack;
    uint32_t sp = 0, ssize = e->stack_size;
    uint32_t pos = start, len = e->len, c, n;
    int64_t next;
    for (;;) {
        switch (*pc) {
        case REOP_CHAR:
            if (pos >= len || RE_CH(pos) != re_get_u16(pc + 1))
                RE_FAIL;
            pos++;
            pc += 3;
            break;
        case REOP_CHAR_BACK:
            if (pos == 0 || RE_CH(pos - 1) != re_get_u16(pc + 1))
                RE_FAIL;
            pos--;
            pc += 3;
            break;
        case REOP_CHAR2:
            if (pos >= len)
                RE_FAIL;
            c = RE_CH(pos);
            if (c != re_get_u16(pc + 1) && c != re_get_u16(pc + 3))
                RE_FAIL;
            pos++;
            pc += 5;
            break;
        case REOP_CHAR2_BACK:
            if (pos == 0)
                RE_FAIL;
            c = RE_CH(pos - 1);
            if (c != re_get_u16(pc + 1) && c != re_get_u16(pc + 3))
                RE_FAIL;
            pos--;
            pc += 5;
            break;
        case REOP_CHAR32:
            if (pos >= len || re_cp_at(e, pos, &n, wide) != re_get_u32(pc + 1))
                RE_FAIL;
            pos += n;
            pc += 5;
            break;
        case REOP_CHAR32_BACK:
            if (pos == 0 || re_cp_before(e, pos, &n, wide) != re_get_u32(pc + 1))
                RE_FAIL;
            pos -= n;
            pc += 5;
            break;
        case REOP_STRING:
            n = re_get_u16(pc + 1);
            if (n > len - pos)
                RE_FAIL;
            for (uint32_t i = 0; i < n; i++) {
                if (RE_CH(pos + i) != re_get_u16(pc + 3 + 2 * i))
                    RE_FAIL;
            }
            pos += n;
            pc += 3 + 2 * n;
            break;
        case REOP_STRING_BACK:
            n = re_get_u16(pc + 1);
            if (n > pos)
                RE_FAIL;
            for (uint32_t i = 0; i < n; i++) {
                if (RE_CH(pos - n + i) != re_get_u16(pc + 3 + 2 * i))
                    RE_FAIL;
            }
            pos -= n;
            pc += 3 + 2 * n;
            break;
        case REOP_CLASS:
            if (pos >= len)
                RE_FAIL;
            c = RE_CH(pos);
            if (!re_class_has((const uint32_t *)(e->classes + re_get_u32(pc + 1)), c))
                RE_FAIL;
            pos++;
            pc += 5;
            break;
        case REOP_ANY:
        case REOP_ANY_U:
        case REOP_ANY_NL:
        case REOP_ANY_NL_U:
        case REOP_CLASS_U:
            next = re_atom_step(e, pc, pos, wide);
            if (next < 0)
                RE_FAIL;
            pos = (uint32_t)next;
            pc += re_atom_len(pc);
            break;
        case REOP_ANY_BACK:
            if (pos == 0)
                RE_FAIL;
            pos--;
            pc++;
            break;
        case REOP_ANY_U_BACK:
            if (pos == 0)
                RE_FAIL;
            re_cp_before(e, pos, &n, wide);
            pos -= n;
            pc++;
            break;
        case REOP_ANY_NL_BACK:
            if (pos == 0 || re_is_line_terminator(RE_CH(pos - 1)))
                RE_FAIL;
            pos--;
            pc++;
            break;
        case REOP_ANY_NL_U_BACK:
            if (pos == 0 || re_is_line_terminator(re_cp_before(e, pos, &n, wide)))
                RE_FAIL;
            pos -= n;
            pc++;
            break;
        case REOP_CLASS_BACK:
            if (pos == 0 ||
                !re_class_has((const uint32_t *)(e->classes + re_get_u32(pc + 1)), RE_CH(pos - 1)))
                RE_FAIL;
            pos--;
            pc += 5;
            break;
        case REOP_CLASS_U_BACK:
            if (pos == 0)
                RE_FAIL;
            c = re_cp_before(e, pos, &n, wide);
            if (!re_class_has((const uint32_t *)(e->classes + re_get_u32(pc + 1)), c))
                RE_FAIL;
            pos -= n;
            pc += 5;
            break;
        case REOP_BACKREF:
        case REOP_BACKREF_BACK:
            next = re_backref(e, pc, pos, *pc == REOP_BACKREF_BACK, wide);
            if (next < 0)
                RE_FAIL;
            pos = (uint32_t)next;
            pc += 4 + 2 * re_get_u16(pc + 1);
            break;
        case REOP_GUARD:
            /* an alternative that cannot start with this unit is skipped
               without a choice point */
            if (pos >= len ||
                !re_class_has((const uint32_t *)(e->classes + re_get_u32(pc + 1)), RE_CH(pos)))
                pc = code + re_get_u32(pc + 5);
            else
                pc += 9;
            break;
        case REOP_MATCH:
            caps[1] = (int32_t)pos;
            e->sp = sp;
            return JS_RE_MATCH;
        case REOP_FAIL:
            RE_FAIL;
        case REOP_GOTO:
            pc = code + re_get_u32(pc + 1);
            break;
        case REOP_PUSH_CHOICE:
            RE_PUSH(RE_ST_CHOICE, re_get_u32(pc + 1), pos);
            pc += 5;
            break;
        case REOP_SAVE:
            RE_SET_CAP(re_get_u16(pc + 1), pos);
            pc += 3;
            break;
        case REOP_RESET_CAPS: {
            uint32_t first = re_get_u16(pc + 1), count = re_get_u16(pc + 3);
            for (uint32_t slot = 2 * first; slot < 2 * (first + count); slot++) {
                if (caps[slot] >= 0)
                    RE_SET_CAP(slot, -1);
            }
            pc += 5;
            break;
        }
        case REOP_ASSERT:
            if (!re_check_assert(e, pc[1], pos, wide))
                RE_FAIL;
            pc += 2;
            break;
        case REOP_LOOK:
            RE_PUSH(pc[1] ? RE_ST_LOOK_NEG : RE_ST_LOOK_POS, re_get_u32(pc + 2), pos);
            pc += 6;
            break;
        case REOP_LOOK_END: {
            uint32_t m = sp - 1, type, j;
            for (;; m--) {
                type = stack[m].a >> RE_ST_SHIFT;
                if (type == RE_ST_LOOK_POS || type == RE_ST_LOOK_NEG)
                    break;
            }
            if (type == RE_ST_LOOK_NEG) {
                /* the body matched: the negative lookaround fails, after
                   undoing what its body did */
                while (sp > m) {
                    ReStackEntry *t = &stack[--sp];
                    type = t->a >> RE_ST_SHIFT;
                    if (type == RE_ST_UNDO_CAP)
                        caps[t->a & RE_ST_MASK] = (int32_t)t->b;
                    else if (type == RE_ST_UNDO_REG)
                        regs[t->a & RE_ST_MASK] = t->b;
                }
                RE_FAIL;
            }
            /* success is final: drop the body's choice points, keep its
               undo records for backtracking past the lookaround */
            pos = stack[m].b;
            for (j = m; ++m < sp;) {
                type = stack[m].a >> RE_ST_SHIFT;
                if (type == RE_ST_UNDO_CAP || type == RE_ST_UNDO_REG)
                    stack[j++] = stack[m];
            }
            sp = j;
            pc++;
            break;
        }
        case REOP_SET_REG:
            RE_SET_REG(re_get_u16(pc + 1), pos);
            pc += 3;
            break;
        case REOP_LOOP_INIT:
            RE_SET_REG(re_get_u16(pc + 1), 0);
            pc += 3;
            break;
        case REOP_LOOP_GREEDY:
        case REOP_LOOP_LAZY: {
            uint32_t count = regs[re_get_u16(pc + 1)];
            uint32_t min = re_get_u32(pc + 3), max = re_get_u32(pc + 7);
            uint32_t exit = re_get_u32(pc + 11);
            if (count < min) {
                pc += 15;
            } else if (count >= max) {
                pc = code + exit;
            } else if (*pc == REOP_LOOP_GREEDY) {
                RE_PUSH(RE_ST_CHOICE, exit, pos);
                pc += 15;
            } else {
                RE_PUSH(RE_ST_CHOICE, (uint32_t)(pc + 15 - code), pos);
                pc = code + exit;
            }
            break;
        }
        case REOP_LOOP_END: {
            uint32_t r = re_get_u16(pc + 1), posreg = re_get_u16(pc + 3);
            uint32_t count = regs[r];
            /* an iteration past the minimum that matched nothing fails */
            if (posreg != RE_NO_REG && count >= re_get_u32(pc + 5) && regs[posreg] == pos)
                RE_FAIL;
            RE_SET_REG(r, count + (count != UINT32_MAX));
            pc = code + re_get_u32(pc + 9);
            break;
        }
        case REOP_REPEAT_GREEDY: {
            uint32_t min = re_get_u32(pc + 1), max = re_get_u32(pc + 5), minpos = pos;
            const uint8_t *atom = pc + 9;
            n = re_repeat_greedy(e, atom, &pos, min, max, &minpos, wide);
            if (n < min)
                RE_FAIL;
            pc = atom + re_atom_len(atom);
            if (pos > minpos) {
                RE_PUSH(RE_ST_DATA, 0, minpos);
                RE_PUSH(RE_ST_REPEAT_G, (uint32_t)(pc - code), pos);
            }
            break;
        }
        case REOP_REPEAT_LAZY: {
            uint32_t min = re_get_u32(pc + 1), max = re_get_u32(pc + 5);
            const uint8_t *atom = pc + 9;
            for (n = 0; n < min; n++) {
                next = re_atom_step(e, atom, pos, wide);
                if (next < 0)
                    RE_FAIL;
                pos = (uint32_t)next;
            }
            if (n < max && pos < len) {
                RE_PUSH(RE_ST_DATA, 0, n);
                RE_PUSH(RE_ST_REPEAT_L, (uint32_t)(pc - code), pos);
            }
            pc = atom + re_atom_len(atom);
            break;
        }
        default:
            RE_FAIL;
        }
        continue;
    fail:
        /* backtrack to the most recent choice point */
        for (;;) {
            ReStackEntry *t;
            if (sp == 0)
                return JS_RE_NO_MATCH;
            t = &stack[--sp];
            switch (t->a >> RE_ST_SHIFT) {
            case RE_ST_CHOICE:
                pc = code + (t->a & RE_ST_MASK);
                pos = t->b;
                goto resume;
            case RE_ST_UNDO_CAP:
                caps[t->a & RE_ST_MASK] = (int32_t)t->b;
                continue;
            case RE_ST_UNDO_REG:
                regs[t->a & RE_ST_MASK] = t->b;
                continue;
            case RE_ST_LOOK_NEG:
                /* the body failed: the negative lookaround succeeds */
                pc = code + (t->a & RE_ST_MASK);
                pos = t->b;
                goto resume;
            case RE_ST_REPEAT_G: {
                uint32_t minpos = stack[sp - 1].b, p = t->b;
                const uint8_t *cont = code + (t->a & RE_ST_MASK);
                bool found = false;
                /* give back one character at a time; when the
                   continuation starts with a literal, skip positions
                   where it cannot match */
                do {
                    p = re_step_back(e, p, minpos, wide);
                    if (*cont != REOP_CHAR || (p < len && RE_CH(p) == re_get_u16(cont + 1))) {
                        found = true;
                        break;
                    }
                } while (p > minpos);
                if (!found) {
                    sp--;
                    continue;
                }
                if (p > minpos) {
                    t->b = p;
                    sp++;
                } else {
                    sp--;
                }
                pc = cont;
                pos = p;
                goto resume;
            }
            case RE_ST_REPEAT_L: {
                const uint8_t *rep = code + (t->a & RE_ST_MASK), *atom = rep + 9;
                uint32_t max = re_get_u32(rep + 5), count = stack[sp - 1].b;
                next = re_atom_step(e, atom, t->b, wide);
                if (next < 0) {
                    sp--;
                    continue;
                }
                count++;
                if (count < max && (uint32_t)next < len) {
                    t->b = (uint32_t)next;
                    stack[sp - 1].b = count;
                    sp++;
                } else {
                    sp--;
                }
                pc = atom + re_atom_len(atom);
                pos = (uint32_t)next;
                goto resume;
            }
            default: /* LOOK_POS: its body failed; DATA: already handled */
                continue;
            }
        }
    resume:
        if (js_re_unlikely(--e->interrupt_counter <= 0)) {
            e->interrupt_counter = RE_INTERRUPT_INTERVAL;
            if (e->env->interrupt && e->env->interrupt(e->env->opaque))
                return JS_RE_INTERRUPTED;
        }
    }
}

static int re_run8(ReExec *e, uint32_t start) { return re_run(e, start, false); }
static int re_run16(ReExec *e, uint32_t start) { return re_run(e, start, true); }

/* ---------------------------------------------------------------------
 * Entry point: the start-position loop
 * ------------------------------------------------------------------- */
static uint32_t re_scan8(const JSReProgram *prog, const uint8_t *s, uint32_t i, uint32_t len)
{
    if (prog->first_kind == 1) {
        const uint8_t *p = memchr(s + i, prog->first_unit, len - i);
        return p ? (uint32_t)(p - s) : len;
    }
    while (i < len && !((prog->first_bitmap[s[i] / 32] >> (s[i] % 32)) & 1))
        i++;
    return i;
}

static uint32_t re_scan16(const JSReProgram *prog, const uint16_t *s, uint32_t i, uint32_t len)
{
    if (prog->first_kind == 1) {
        uint16_t u = prog->first_unit;
        while (i < len && s[i] != u)
            i++;
        return i;
    }
    for (; i < len; i++) {
        uint32_t c = s[i];
        if (c < 256 ? (prog->first_bitmap[c / 32] >> (c % 32)) & 1 : prog->first_wide)
            break;
    }
    return i;
}

int js_re_exec(const JSReProgram *prog, const void *subject, uint32_t len, bool wide,
               uint32_t start, bool sticky, int32_t *captures, const JSReEnv *env)
{
    ReExec e;
    ReStackEntry stack_buf[RE_INITIAL_STACK];
    uint32_t regs_buf[RE_INITIAL_REGS];
    const uint8_t *base = (const uint8_t *)prog;
    uint32_t ncaps = 2u * prog->capture_count, i = start;
    int ret = JS_RE_NO_MATCH;
    if (start > len)
        return JS_RE_NO_MATCH;
    memset(&e, 0, sizeof(e));
    e.code = base + prog->code_offset;
    e.classes = base + prog->classes_offset;
    e.subject = subject;
    e.len = len;
    e.caps = captures;
    e.env = env;
    e.unicode = (prog->flags & (JS_RE_FLAG_UNICODE | JS_RE_FLAG_UNICODE_SETS)) != 0;
    e.stack = stack_buf;
    e.stack_size = RE_INITIAL_STACK;
    e.interrupt_counter = RE_INTERRUPT_INTERVAL;
    e.regs = regs_buf;
    if (prog->reg_count > RE_INITIAL_REGS) {
        e.regs = env->realloc(env->opaque, NULL, prog->reg_count * sizeof(uint32_t));
        if (!e.regs)
            return JS_RE_ERROR_MEMORY;
    }
    memset(e.regs, 0, prog->reg_count * sizeof(uint32_t));
    /* ^ without multiline can only match at 0 */
    if (prog->anchored && start > 0)
        goto done;
    for (;;) {
        if (!sticky && prog->first_kind) {
            uint32_t j;
            for (;;) {
                j = wide ? re_scan16(prog, subject, i, len) : re_scan8(prog, subject, i, len);
                /* never start inside a surrogate pair in Unicode mode */
                if (!(e.unicode && wide && j > start && j < len &&
                      re_is_low_surrogate(((const uint16_t *)subject)[j]) &&
                      re_is_high_surrogate(((const uint16_t *)subject)[j - 1])))
                    break;
                i = j + 1;
            }
            if (j >= len)
                break; /* the filter exists only for patterns that consume */
            i = j;
        }
        for (uint32_t k = 0; k < ncaps; k++)
            captures[k] = -1;
        captures[0] = (int32_t)i;
        ret = wide ? re_run16(&e, i) : re_run8(&e, i);
        if (ret != JS_RE_NO_MATCH || sticky || i >= len || prog->anchored)
            break;
        if (e.unicode && wide && re_is_high_surrogate(((const uint16_t *)subject)[i]) &&
            i + 1 < len && re_is_low_surrogate(((const uint16_t *)subject)[i + 1]))
            i += 2;
        else
            i++;
        if (--e.interrupt_counter <= 0) {
            e.interrupt_counter = RE_INTERRUPT_INTERVAL;
            if (env->interrupt && env->interrupt(env->opaque)) {
                ret = JS_RE_INTERRUPTED;
                break;
            }
        }
    }
done:
    if (e.stack_on_heap)
        env->realloc(env->opaque, e.stack, 0);
    if (e.regs != regs_buf)
        env->realloc(env->opaque, e.regs, 0);
    return ret;
}
