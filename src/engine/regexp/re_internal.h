/*
 * re_internal.h — what the regexp engine's files share: allocation through
 * the JSReEnv, code point sets (re_charclass.c), the syntax tree the parser
 * builds (re_parse.c) and the compiler consumes (re_compile.c), and the
 * bytecode the compiler emits and the matcher runs (re_exec.c).
 *
 * Pipeline: pattern text -> re_parse -> ReNode tree (every early error is
 * found here; case-insensitive classes are already closed under case
 * canonicalization) -> re_compile -> JSReProgram -> re_exec.
 */
#ifndef WEFT_RE_INTERNAL_H
#define WEFT_RE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "regexp.h"

#define RE_CP_MAX 0x10FFFF

#define js_re_unlikely(x) __builtin_expect(!!(x), 0)
#define js_re_inline inline __attribute__((always_inline))
/* quantifier bound meaning "no upper bound" */
#define RE_INFINITY UINT32_MAX
/* more capture groups than this is a SyntaxError (keeps indices in 16 bits
   of the bytecode and the capture array small) */
#define RE_MAX_CAPTURES 65535
/* loop registers and the like */
#define RE_MAX_REGISTERS 65535

/* ---------------------------------------------------------------------
 * Allocation: every structure of a compilation allocates through ReMem,
 * which remembers an out-of-memory failure so callers can check once.
 * ------------------------------------------------------------------- */
typedef struct ReMem {
    const JSReEnv *env;
    bool oom;
} ReMem;

void *re_malloc(ReMem *m, size_t size);
void *re_realloc(ReMem *m, void *ptr, size_t size);
void re_free(ReMem *m, void *ptr);

/* ---------------------------------------------------------------------
 * Code point sets (re_charclass.c)
 *
 * A set is a sorted list of boundaries b[0] < b[1] < ...: the code points
 * c with b[2k] <= c < b[2k + 1] are members. This is the layout of the
 * generated Unicode tables too, and it makes union, intersection and
 * difference one merge pass.
 * ------------------------------------------------------------------- */
typedef struct ReRanges {
    uint32_t *b;
    uint32_t len; /* number of boundaries: always even */
    uint32_t size;
} ReRanges;

/* a class string of v-mode (\q{...}, emoji sequences): code points */
typedef struct ReString {
    uint32_t len;
    uint32_t cp[];
} ReString;

/* a v-mode class: single code points plus strings (of length != 1) */
typedef struct ReClass {
    ReRanges cps;
    ReString **strs; /* sorted by (length, code points) when sorted is set */
    uint32_t nstrs, size;
    bool sorted;
} ReClass;

void re_ranges_init(ReRanges *r);
void re_ranges_free(ReMem *m, ReRanges *r);
/* adds [lo, hi] (inclusive) keeping the set normalized */
int re_ranges_add(ReMem *m, ReRanges *r, uint32_t lo, uint32_t hi);
/* appends a boundary pair known to lie after every existing one */
int re_ranges_append(ReMem *m, ReRanges *r, uint32_t lo, uint32_t hi_excl);
int re_ranges_copy(ReMem *m, ReRanges *dst, const ReRanges *src);
enum { RE_OP_UNION, RE_OP_INTER, RE_OP_SUB };
/* a = a op b */
int re_ranges_op(ReMem *m, ReRanges *a, const ReRanges *b, int op);
/* complement within [0, max] */
int re_ranges_invert(ReMem *m, ReRanges *r, uint32_t max);
bool re_ranges_contains(const ReRanges *r, uint32_t c);
/* the set of a Unicode property (unicode.h id) */
int re_ranges_from_property(ReMem *m, ReRanges *r, int prop_id);

/* Canonicalize(ch) of ECMA-262 for a case-insensitive match: simple case
   folding in Unicode mode (u or v), else the legacy uppercase rule */
uint32_t re_canonicalize(uint32_t c, bool unicode);
/* r = { c : Canonicalize(c) == Canonicalize(a) for some a in r } so that a
   case-insensitive class test is a plain membership test */
int re_ranges_case_close(ReMem *m, ReRanges *r, bool unicode);
/* MaybeSimpleCaseFolding of v-mode: r = { scf(a) : a in r } */
int re_ranges_fold(ReMem *m, ReRanges *r);

void re_class_init(ReClass *c);
void re_class_free(ReMem *m, ReClass *c);
int re_class_add_string(ReMem *m, ReClass *c, const uint32_t *cp, uint32_t len);
/* a = a op b, strings included (b keeps its members) */
int re_class_op(ReMem *m, ReClass *a, ReClass *b, int op);
/* sorts the strings and drops duplicates */
void re_class_normalize(ReMem *m, ReClass *c);
/* scf applied to the strings' code points (v-mode with i) */
int re_class_fold_strings(ReMem *m, ReClass *c);

/* ---------------------------------------------------------------------
 * Syntax tree (re_parse.c)
 * ------------------------------------------------------------------- */
typedef enum {
    RE_NODE_EMPTY,
    RE_NODE_CHAR,    /* u.c; icase */
    RE_NODE_CLASS,   /* u.cls: code points already case-closed */
    RE_NODE_DOT,     /* sub: 1 with dotAll */
    RE_NODE_ASSERT,  /* sub: RE_ASSERT_* */
    RE_NODE_BACKREF, /* u.backref; icase */
    RE_NODE_CAPTURE, /* u.group */
    RE_NODE_LOOK,    /* u.group.body; sub: RE_LOOK_* bits */
    RE_NODE_QUANT,   /* u.quant */
    RE_NODE_ALT,     /* u.list */
    RE_NODE_SEQ,     /* u.list */
} ReNodeType;

enum {
    RE_ASSERT_BOL,          /* ^ */
    RE_ASSERT_BOL_M,        /* ^ with multiline */
    RE_ASSERT_EOL,          /* $ */
    RE_ASSERT_EOL_M,        /* $ with multiline */
    RE_ASSERT_WORD,         /* \b */
    RE_ASSERT_NOT_WORD,     /* \B */
    RE_ASSERT_WORD_IU,      /* \b under u/v with i: ſ and K are word characters */
    RE_ASSERT_NOT_WORD_IU,
};

#define RE_LOOK_BEHIND 1
#define RE_LOOK_NEGATIVE 2

typedef struct ReNode ReNode;
struct ReNode {
    uint8_t type;
    uint8_t icase;
    uint8_t sub;
    uint8_t greedy;
    ReNode *next; /* the next element of the parent SEQ / ALT */
    union {
        uint32_t c;
        ReClass *cls;
        struct {
            ReNode *first;
        } list;
        struct {
            ReNode *body;
            uint32_t index; /* CAPTURE: the group number */
        } group;
        struct {
            ReNode *body;
            uint32_t min, max;      /* max == RE_INFINITY: unbounded */
            uint32_t cap_first;     /* groups cap_first .. cap_end-1 are inside */
            uint32_t cap_end;
        } quant;
        struct {
            uint32_t *groups; /* several for a name shared by duplicate groups */
            uint32_t count;
        } backref;
    } u;
};

typedef struct ReParseResult {
    ReNode *root;
    uint32_t capture_count; /* group 0 included */
    /* group names: names[i] (i >= 1) is NULL or the UTF-16 name */
    uint16_t **names;
    uint32_t *name_lens;
    bool has_named_groups;
} ReParseResult;

/* the arena every node, class and name of one parse lives in */
typedef struct ReArena {
    ReMem *mem;
    struct ReArenaBlock *blocks;
    ReClass **classes; /* to free their growable parts */
    uint32_t nclasses, classes_size;
} ReArena;

void *re_arena_alloc(ReArena *a, size_t size);
void re_arena_free(ReArena *a);

/* Parses the pattern; every node lives in the arena. Returns 0, or -1
   with *perror set (m->oom tells an allocation failure). */
int re_parse(ReArena *arena, const void *pattern, uint32_t len, bool wide, int flags,
             ReParseResult *res, const char **perror);

/* ---------------------------------------------------------------------
 * Bytecode (re_compile.c emits, re_exec.c runs)
 *
 * An instruction is a one-byte opcode followed by its operands (u16 and
 * u32, little-endian, unaligned). Jump offsets are u32 absolute positions
 * in the code. Consuming instructions exist in a forward and a backward
 * (lookbehind) form: the backward form is the forward opcode + 1.
 * ------------------------------------------------------------------- */
typedef enum {
    /* consuming: forward, then backward */
    REOP_CHAR, REOP_CHAR_BACK,       /* u16 unit */
    REOP_CHAR2, REOP_CHAR2_BACK,     /* u16 a, u16 b: either unit */
    REOP_CHAR32, REOP_CHAR32_BACK,   /* u32 code point (Unicode mode) */
    REOP_STRING, REOP_STRING_BACK,   /* u16 n, n x u16 units */
    REOP_ANY, REOP_ANY_BACK,         /* any unit */
    REOP_ANY_U, REOP_ANY_U_BACK,     /* any code point */
    REOP_ANY_NL, REOP_ANY_NL_BACK,   /* any unit but a line terminator */
    REOP_ANY_NL_U, REOP_ANY_NL_U_BACK,
    REOP_CLASS, REOP_CLASS_BACK,     /* u32 class offset: a unit in the class */
    REOP_CLASS_U, REOP_CLASS_U_BACK, /* u32 class offset: a code point */
    REOP_BACKREF, REOP_BACKREF_BACK, /* u16 count, u8 icase, count x u16 group */
    /* control */
    REOP_GUARD,         /* u32 class, u32 target: goto target unless the unit at pos
                           is in the class (or at the end) */
    REOP_MATCH,
    REOP_FAIL,
    REOP_GOTO,          /* u32 target */
    REOP_PUSH_CHOICE,   /* u32 target: on failure resume there */
    REOP_SAVE,          /* u16 slot: captures[slot] = pos */
    REOP_RESET_CAPS,    /* u16 first, u16 count: groups set to undefined */
    REOP_ASSERT,        /* u8 RE_ASSERT_* */
    REOP_LOOK,          /* u8 negative, u32 end: marker; body follows */
    REOP_LOOK_END,      /* the body matched */
    REOP_SET_REG,       /* u16 reg: regs[reg] = pos */
    REOP_LOOP_INIT,     /* u16 reg: regs[reg] = 0 */
    /* u16 reg, u32 min, u32 max, u32 exit: loop head */
    REOP_LOOP_GREEDY,
    REOP_LOOP_LAZY,
    /* u16 reg, u16 posreg, u32 min, u32 head: loop tail; posreg 0xffff
       when the body cannot match empty */
    REOP_LOOP_END,
    /* u32 min, u32 max, then one consuming instruction: a loop over a
       single-character atom without captures */
    REOP_REPEAT_GREEDY,
    REOP_REPEAT_LAZY,
    REOP_COUNT
} ReOpcode;

#define RE_NO_REG 0xffff

/* The program block: header, then code, then class tables, then group
   names. Offsets are from the start of the block. */
struct JSReProgram {
    uint32_t size;
    uint16_t flags;
    uint16_t capture_count;
    uint16_t reg_count;
    uint8_t has_named_groups;
    /* start-position filter: 0 none, 1 a single first unit (first_unit),
       2 the bitmap (plus first_wide for units >= 256) */
    uint8_t first_kind;
    uint8_t first_wide;
    uint8_t anchored; /* starts with ^ (no multiline): only index 0 can match */
    uint16_t first_unit;
    uint32_t code_offset, code_len;
    uint32_t classes_offset; /* class operands are offsets from here */
    uint32_t names_offset;   /* per group 1..: u16 len, then the units */
    uint32_t first_bitmap[8];
};

/* a class table (4-byte aligned) at a class offset: u32 nranges, u32
   latin1 bitmap[8], then nranges pairs of u32 [lo, hi] inclusive, sorted */
#define RE_CLASS_HEADER_WORDS 9

static inline uint16_t re_get_u16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}
static inline uint32_t re_get_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* builds the program for a parse result; NULL on out of memory or when a
   limit is exceeded (*perror then says which) */
JSReProgram *re_compile_tree(ReMem *m, const ReParseResult *res, int flags, const char **perror);

static inline bool re_is_line_terminator(uint32_t c)
{
    return c == 0x0a || c == 0x0d || c == 0x2028 || c == 0x2029;
}
static inline bool re_is_word_char(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}
static inline bool re_is_high_surrogate(uint32_t c) { return c >= 0xd800 && c <= 0xdbff; }
static inline bool re_is_low_surrogate(uint32_t c) { return c >= 0xdc00 && c <= 0xdfff; }

#endif /* WEFT_RE_INTERNAL_H */
