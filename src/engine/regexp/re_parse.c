/*
 * re_parse.c — the pattern grammar of ECMA-262 §22.2.1 with every early
 * error, plus the Annex B §B.1.2 extensions for patterns without the u/v
 * flags (legacy octal escapes, identity escapes, literal braces, quantified
 * lookaheads, \c quirks). Produces a ReNode tree in an arena.
 *
 * Case-insensitivity, multiline and dotAll are resolved here per node
 * (modifiers like (?i:...) can change them for part of a pattern), and
 * classes are computed as final code point sets: v-mode set operations,
 * property escapes and the case closure all happen at parse time, so the
 * compiler only sees characters, sets and structure.
 */
#include <stdlib.h>

#include "re_internal.h"
#include "../unicode.h"

/* deeper nesting than this is a SyntaxError: the parser and the compiler
   recurse once per level */
#define RE_MAX_DEPTH 2000

/* ---------------------------------------------------------------------
 * Arena
 * ------------------------------------------------------------------- */
typedef struct ReArenaBlock {
    struct ReArenaBlock *next;
    size_t used, size;
    max_align_t data[];
} ReArenaBlock;

void *re_arena_alloc(ReArena *a, size_t size)
{
    ReArenaBlock *b = a->blocks;
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (!b || b->size - b->used < size) {
        size_t bsize = size > 4000 ? size : 4000;
        b = re_malloc(a->mem, sizeof(ReArenaBlock) + bsize);
        if (!b)
            return NULL;
        b->next = a->blocks;
        b->used = 0;
        b->size = bsize;
        a->blocks = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

static ReClass *re_arena_new_class(ReArena *a)
{
    ReClass *c;
    if (a->nclasses == a->classes_size) {
        uint32_t size = a->classes_size ? a->classes_size * 2 : 16;
        ReClass **tab = re_realloc(a->mem, a->classes, size * sizeof(*tab));
        if (!tab)
            return NULL;
        a->classes = tab;
        a->classes_size = size;
    }
    c = re_arena_alloc(a, sizeof(ReClass));
    if (!c)
        return NULL;
    re_class_init(c);
    a->classes[a->nclasses++] = c;
    return c;
}

void re_arena_free(ReArena *a)
{
    for (uint32_t i = 0; i < a->nclasses; i++)
        re_class_free(a->mem, a->classes[i]);
    re_free(a->mem, a->classes);
    while (a->blocks) {
        ReArenaBlock *next = a->blocks->next;
        re_free(a->mem, a->blocks);
        a->blocks = next;
    }
}

/* ---------------------------------------------------------------------
 * Parser state
 * ------------------------------------------------------------------- */
typedef struct ReGroupName {
    uint16_t *name;
    uint32_t len;
    uint32_t group;
    uint32_t *path; /* (disjunction id, alternative) pairs enclosing it */
    uint32_t path_len;
} ReGroupName;

typedef struct ReNamedRef {
    ReNode *node;
    uint16_t *name;
    uint32_t len;
} ReNamedRef;

typedef struct ReParser {
    ReArena *arena;
    ReMem *mem;
    const uint8_t *s8;
    const uint16_t *s16;
    uint32_t pos, len;
    bool unicode; /* u or v: the pattern is read as code points */
    bool vmode;
    bool named; /* the [NamedCaptureGroups] parameter */
    bool icase, multiline, dotall;
    uint32_t total_caps; /* capturing groups in the whole pattern */
    uint32_t cap_count;  /* groups numbered so far */
    ReGroupName *names;
    uint32_t nnames, names_size;
    ReNamedRef *refs;
    uint32_t nrefs, refs_size;
    uint32_t *path;
    uint32_t path_len, path_size;
    uint32_t next_disj;
    uint32_t depth;
    const char *error;
} ReParser;

static void *re_error(ReParser *p, const char *msg)
{
    if (!p->error)
        p->error = p->mem->oom ? "out of memory" : msg;
    return NULL;
}

static int re_error_int(ReParser *p, const char *msg)
{
    re_error(p, msg);
    return -1;
}

static inline int32_t re_at(const ReParser *p, uint32_t i)
{
    if (i >= p->len)
        return -1;
    return p->s16 ? p->s16[i] : p->s8[i];
}
static inline int32_t re_peek(const ReParser *p) { return re_at(p, p->pos); }

/* the source character at pos: in Unicode mode a surrogate pair is one
   character. *pn receives its length in units. */
static uint32_t re_char_at(const ReParser *p, uint32_t pos, uint32_t *pn)
{
    uint32_t c = (uint32_t)re_at(p, pos);
    *pn = 1;
    if (p->unicode && re_is_high_surrogate(c)) {
        int32_t d = re_at(p, pos + 1);
        if (d >= 0 && re_is_low_surrogate((uint32_t)d)) {
            *pn = 2;
            return 0x10000 + ((c - 0xd800) << 10) + ((uint32_t)d - 0xdc00);
        }
    }
    return c;
}

static uint32_t re_next_char(ReParser *p)
{
    uint32_t n, c = re_char_at(p, p->pos, &n);
    p->pos += n;
    return c;
}

static bool re_eat(ReParser *p, uint32_t c)
{
    if (re_peek(p) == (int32_t)c) {
        p->pos++;
        return true;
    }
    return false;
}

static bool re_looking_at(const ReParser *p, const char *s)
{
    for (uint32_t i = 0; s[i]; i++) {
        if (re_at(p, p->pos + i) != (uint8_t)s[i])
            return false;
    }
    return true;
}

static inline bool re_is_digit(int32_t c) { return c >= '0' && c <= '9'; }

static int re_hex_value(int32_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static ReNode *re_new_node(ReParser *p, int type)
{
    ReNode *n = re_arena_alloc(p->arena, sizeof(ReNode));
    if (!n)
        return re_error(p, "out of memory");
    n->type = (uint8_t)type;
    return n;
}

static bool re_enter(ReParser *p)
{
    if (++p->depth > RE_MAX_DEPTH ||
        (p->mem->env->stack_overflow && p->mem->env->stack_overflow(p->mem->env->opaque))) {
        re_error(p, "regular expression too deeply nested");
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * Prescan: the number of capturing groups and whether any is named are
 * needed before parsing (\10 is a backreference only if there are ten
 * groups; \k is special only when some group is named).
 * ------------------------------------------------------------------- */
static void re_prescan(ReParser *p, bool *has_named)
{
    uint32_t i = 0, class_depth = 0;
    *has_named = false;
    p->total_caps = 0;
    while (i < p->len) {
        int32_t c = re_at(p, i);
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (class_depth) {
            if (c == ']')
                class_depth--;
            else if (c == '[' && p->vmode)
                class_depth++;
        } else if (c == '[') {
            class_depth = 1;
        } else if (c == '(') {
            if (re_at(p, i + 1) != '?') {
                p->total_caps++;
            } else if (re_at(p, i + 2) == '<' && re_at(p, i + 3) != '=' &&
                       re_at(p, i + 3) != '!') {
                p->total_caps++;
                *has_named = true;
            }
        }
        i++;
    }
}

/* ---------------------------------------------------------------------
 * Escapes
 * ------------------------------------------------------------------- */
/* \u escapes: 4 hex digits, or {hex} in Unicode mode; a \uLead\uTrail
   pair is one code point in Unicode mode. p->pos is after the 'u'.
   Returns the code point, or -1 (pos unchanged) when malformed. */
static int32_t re_parse_unicode_escape(ReParser *p, bool unicode)
{
    uint32_t start = p->pos, v = 0;
    if (unicode && re_peek(p) == '{') {
        uint32_t n = 0;
        p->pos++;
        while (re_hex_value(re_peek(p)) >= 0) {
            v = v * 16 + (uint32_t)re_hex_value(re_peek(p));
            if (v > RE_CP_MAX)
                goto fail;
            p->pos++;
            n++;
        }
        if (!n || !re_eat(p, '}'))
            goto fail;
        return (int32_t)v;
    }
    for (int i = 0; i < 4; i++) {
        int h = re_hex_value(re_at(p, p->pos + i));
        if (h < 0)
            goto fail;
        v = v * 16 + (uint32_t)h;
    }
    p->pos += 4;
    if (unicode && re_is_high_surrogate(v) && re_at(p, p->pos) == '\\' &&
        re_at(p, p->pos + 1) == 'u') {
        uint32_t save = p->pos, w = 0;
        int i;
        p->pos += 2;
        for (i = 0; i < 4; i++) {
            int h = re_hex_value(re_at(p, p->pos + i));
            if (h < 0)
                break;
            w = w * 16 + (uint32_t)h;
        }
        if (i == 4 && re_is_low_surrogate(w)) {
            p->pos += 4;
            return (int32_t)(0x10000 + ((v - 0xd800) << 10) + (w - 0xdc00));
        }
        p->pos = save;
    }
    return (int32_t)v;
fail:
    p->pos = start;
    return -1;
}

static bool re_is_syntax_char(uint32_t c)
{
    return c < 128 && strchr("^$\\.*+?()[]{}|", (int)c) && c;
}

/* LegacyOctalEscapeSequence; p->pos is at the first digit */
static uint32_t re_parse_legacy_octal(ReParser *p)
{
    uint32_t v = (uint32_t)re_peek(p) - '0';
    p->pos++;
    if (re_peek(p) >= '0' && re_peek(p) <= '7') {
        v = v * 8 + (uint32_t)(re_peek(p) - '0');
        p->pos++;
        if (v < 32 && re_peek(p) >= '0' && re_peek(p) <= '7') {
            v = v * 8 + (uint32_t)(re_peek(p) - '0');
            p->pos++;
        }
    }
    return v;
}

/* CharacterEscape (and the character forms of ClassEscape); p->pos is
   after the backslash. Returns the character or -1 with an error. */
static int32_t re_parse_char_escape(ReParser *p, bool in_class)
{
    int32_t c = re_peek(p), v;
    if (c < 0)
        return re_error_int(p, "\\ at end of pattern");
    p->pos++;
    switch (c) {
    case 'f':
        return 0x0c;
    case 'n':
        return 0x0a;
    case 'r':
        return 0x0d;
    case 't':
        return 0x09;
    case 'v':
        return 0x0b;
    case 'c': {
        int32_t d = re_peek(p);
        if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z')) {
            p->pos++;
            return d & 31;
        }
        if (p->unicode)
            return re_error_int(p, "invalid unicode escape");
        /* Annex B: [\c_] and [\c0] are control characters; elsewhere \c
           is a backslash followed by a literal c */
        if (in_class && (re_is_digit(d) || d == '_')) {
            p->pos++;
            return d & 31;
        }
        p->pos--;
        return '\\';
    }
    case '0':
        if (!re_is_digit(re_peek(p)))
            return 0;
        if (p->unicode)
            return re_error_int(p, "invalid decimal escape");
        p->pos--;
        return (int32_t)re_parse_legacy_octal(p);
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (p->unicode)
            return re_error_int(p, in_class ? "invalid class escape" : "invalid escape");
        p->pos--;
        return (int32_t)re_parse_legacy_octal(p);
    case 'x': {
        int h1 = re_hex_value(re_peek(p)), h2 = re_hex_value(re_at(p, p->pos + 1));
        if (h1 >= 0 && h2 >= 0) {
            p->pos += 2;
            return h1 * 16 + h2;
        }
        if (p->unicode)
            return re_error_int(p, "invalid escape");
        return 'x';
    }
    case 'u':
        v = re_parse_unicode_escape(p, p->unicode);
        if (v >= 0)
            return v;
        if (p->unicode)
            return re_error_int(p, "invalid unicode escape");
        return 'u';
    default:
        break;
    }
    if (p->unicode) {
        if (re_is_syntax_char((uint32_t)c) || c == '/' || (c == '-' && in_class))
            return c;
        return re_error_int(p, "invalid escape");
    }
    if (c == 'k' && p->named)
        return re_error_int(p, "invalid escape");
    /* Annex B identity escape: any other source character (a code unit) */
    return c;
}

/* ---------------------------------------------------------------------
 * Character class escapes and property escapes
 * ------------------------------------------------------------------- */
static int re_add_space(ReParser *p, ReRanges *r)
{
    static const uint32_t space[][2] = {
        {0x09, 0x0d}, {0x20, 0x20}, {0xa0, 0xa0}, {0x1680, 0x1680}, {0x2000, 0x200a},
        {0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000}, {0xfeff, 0xfeff},
    };
    for (size_t i = 0; i < sizeof(space) / sizeof(space[0]); i++) {
        if (re_ranges_add(p->mem, r, space[i][0], space[i][1]))
            return -1;
    }
    return 0;
}

/* WordCharacters(rer): with u/v and i, the characters whose case folding
   is a basic word character count too (U+017F, U+212A) */
static int re_add_word(ReParser *p, ReRanges *r)
{
    if (re_ranges_add(p->mem, r, '0', '9') || re_ranges_add(p->mem, r, 'A', 'Z') ||
        re_ranges_add(p->mem, r, '_', '_') || re_ranges_add(p->mem, r, 'a', 'z'))
        return -1;
    if (p->unicode && p->icase &&
        (re_ranges_add(p->mem, r, 0x17f, 0x17f) || re_ranges_add(p->mem, r, 0x212a, 0x212a)))
        return -1;
    return 0;
}

static uint32_t re_max_char(const ReParser *p) { return p->unicode ? RE_CP_MAX : 0xffff; }

/* AllCharacters(rer) - r: in v-mode with i, only characters that are
   their own simple case folding count */
static int re_complement(ReParser *p, ReRanges *r)
{
    if (p->vmode && p->icase) {
        ReRanges all;
        int ret;
        re_ranges_init(&all);
        ret = re_ranges_append(p->mem, &all, 0, RE_CP_MAX + 1) || re_ranges_fold(p->mem, &all) ||
              re_ranges_op(p->mem, &all, r, RE_OP_SUB);
        if (ret) {
            re_ranges_free(p->mem, &all);
            return -1;
        }
        re_ranges_free(p->mem, r);
        *r = all;
        return 0;
    }
    return re_ranges_invert(p->mem, r, re_max_char(p));
}

/* MaybeSimpleCaseFolding */
static int re_maybe_fold(ReParser *p, ReRanges *r)
{
    if (p->vmode && p->icase)
        return re_ranges_fold(p->mem, r);
    return 0;
}

/* \d \D \s \S \w \W into cls->cps */
static int re_class_escape_set(ReParser *p, int32_t c, ReClass *cls)
{
    ReRanges *r = &cls->cps;
    int lower = c | 0x20;
    int ret;
    if (lower == 'd')
        ret = re_ranges_add(p->mem, r, '0', '9');
    else if (lower == 's')
        ret = re_add_space(p, r);
    else
        ret = re_add_word(p, r) || re_maybe_fold(p, r);
    if (ret)
        return re_error_int(p, "out of memory");
    if (c != lower && re_complement(p, r))
        return re_error_int(p, "out of memory");
    return 0;
}

static int re_read_prop_name(ReParser *p, char *buf, size_t size, int32_t stop1, int32_t stop2)
{
    size_t n = 0;
    for (;;) {
        int32_t c = re_peek(p);
        if (c == stop1 || c == stop2)
            break;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || re_is_digit(c) || c == '_'))
            return re_error_int(p, "invalid property name");
        if (n + 1 >= size)
            return re_error_int(p, "invalid property name");
        buf[n++] = (char)c;
        p->pos++;
    }
    buf[n] = '\0';
    return n ? 0 : re_error_int(p, "invalid property name");
}

static int re_add_string_property(ReParser *p, int id, ReClass *cls)
{
    ReRanges r;
    uint32_t size;
    const uint32_t *s;
    re_ranges_init(&r);
    if (re_ranges_from_property(p->mem, &r, js_unicode_string_property_cp_id(id)) ||
        re_ranges_op(p->mem, &cls->cps, &r, RE_OP_UNION)) {
        re_ranges_free(p->mem, &r);
        return re_error_int(p, "out of memory");
    }
    re_ranges_free(p->mem, &r);
    s = js_unicode_string_property_strings(id, &size);
    for (uint32_t i = 0; i < size; i += 1 + s[i]) {
        if (re_class_add_string(p->mem, cls, s + i + 1, s[i]))
            return re_error_int(p, "out of memory");
    }
    return 0;
}

/* \p{...} / \P{...}; p->pos is after the p or P */
static int re_parse_property(ReParser *p, bool negate, ReClass *cls)
{
    char name[64], value[64];
    bool has_value = false;
    int id;
    if (!re_eat(p, '{'))
        return re_error_int(p, "invalid property name");
    if (re_read_prop_name(p, name, sizeof(name), '=', '}'))
        return -1;
    if (re_eat(p, '=')) {
        has_value = true;
        if (re_read_prop_name(p, value, sizeof(value), '}', -2))
            return -1;
    }
    p->pos++; /* '}' */
    id = js_unicode_find_property(name, has_value ? value : NULL);
    if (id < 0) {
        int sid = p->vmode && !has_value ? js_unicode_find_string_property(name) : -1;
        if (sid < 0)
            return re_error_int(p, "invalid property name");
        if (negate)
            return re_error_int(p, "negated property of strings");
        if (re_add_string_property(p, sid, cls))
            return -1;
        if (p->vmode && p->icase &&
            (re_ranges_fold(p->mem, &cls->cps) || re_class_fold_strings(p->mem, cls)))
            return re_error_int(p, "out of memory");
        return 0;
    }
    if (re_ranges_from_property(p->mem, &cls->cps, id) || re_maybe_fold(p, &cls->cps) ||
        (negate && re_complement(p, &cls->cps)))
        return re_error_int(p, "out of memory");
    return 0;
}

/* the escapes that denote sets: \d \D \s \S \w \W, and \p \P in Unicode
   mode; p->pos is at the letter */
static bool re_is_class_escape(const ReParser *p, int32_t c)
{
    if (c == 'd' || c == 'D' || c == 's' || c == 'S' || c == 'w' || c == 'W')
        return true;
    return p->unicode && (c == 'p' || c == 'P');
}

static int re_parse_class_escape(ReParser *p, ReClass *cls)
{
    int32_t c = re_peek(p);
    p->pos++;
    if (c == 'p' || c == 'P')
        return re_parse_property(p, c == 'P', cls);
    return re_class_escape_set(p, c, cls);
}

/* ---------------------------------------------------------------------
 * Classes without the v flag: [a-z\d...]
 * ------------------------------------------------------------------- */
/* one ClassAtom: a character (returned) or a set (-2, added to cls) */
static int32_t re_parse_class_atom(ReParser *p, ReClass *set)
{
    int32_t c = re_peek(p);
    if (c < 0)
        return re_error_int(p, "unterminated character class");
    if (c != '\\')
        return (int32_t)re_next_char(p);
    p->pos++;
    c = re_peek(p);
    if (c == 'b') {
        p->pos++;
        return 8;
    }
    if (c == '-' && p->unicode) {
        p->pos++;
        return '-';
    }
    if (re_is_class_escape(p, c)) {
        if (re_parse_class_escape(p, set))
            return -1;
        return -2;
    }
    return re_parse_char_escape(p, true);
}

static ReNode *re_class_node(ReParser *p, ReClass *cls)
{
    ReNode *n = re_new_node(p, RE_NODE_CLASS);
    if (!n)
        return NULL;
    re_class_normalize(p->mem, cls);
    n->u.cls = cls;
    return n;
}

static ReNode *re_parse_class(ReParser *p)
{
    ReClass *cls = re_arena_new_class(p->arena), *tmp = re_arena_new_class(p->arena);
    bool invert;
    if (!cls || !tmp)
        return re_error(p, "out of memory");
    invert = re_eat(p, '^');
    for (;;) {
        int32_t a, b;
        if (re_eat(p, ']'))
            break;
        a = re_parse_class_atom(p, tmp);
        if (a == -1)
            return NULL;
        if (re_peek(p) == '-' && re_at(p, p->pos + 1) != ']' && re_at(p, p->pos + 1) >= 0) {
            p->pos++;
            b = re_parse_class_atom(p, tmp);
            if (b == -1)
                return NULL;
            if (a == -2 || b == -2) {
                if (p->unicode)
                    return re_error(p, "invalid character class range");
                /* Annex B: [\d-x] is \d, '-' and x */
                if ((a >= 0 && re_ranges_add(p->mem, &cls->cps, (uint32_t)a, (uint32_t)a)) ||
                    (b >= 0 && re_ranges_add(p->mem, &cls->cps, (uint32_t)b, (uint32_t)b)) ||
                    re_ranges_add(p->mem, &cls->cps, '-', '-'))
                    return re_error(p, "out of memory");
                continue;
            }
            if (a > b)
                return re_error(p, "range out of order in character class");
            if (re_ranges_add(p->mem, &cls->cps, (uint32_t)a, (uint32_t)b))
                return re_error(p, "out of memory");
        } else if (a >= 0 && re_ranges_add(p->mem, &cls->cps, (uint32_t)a, (uint32_t)a)) {
            return re_error(p, "out of memory");
        }
    }
    if (re_ranges_op(p->mem, &cls->cps, &tmp->cps, RE_OP_UNION) ||
        (p->icase && re_ranges_case_close(p->mem, &cls->cps, p->unicode)) ||
        (invert && re_ranges_invert(p->mem, &cls->cps, re_max_char(p))))
        return re_error(p, "out of memory");
    return re_class_node(p, cls);
}

/* ---------------------------------------------------------------------
 * Classes with the v flag: nested classes, &&, --, \q{...}
 * ------------------------------------------------------------------- */
static bool re_is_set_syntax_char(int32_t c)
{
    return c > 0 && c < 128 && strchr("()[]{}/-\\|", c);
}

static bool re_is_double_punct(const ReParser *p)
{
    int32_t c = re_peek(p);
    return c > 0 && c < 128 && strchr("&!#$%*+,.:;<=>?@^`~", c) && re_at(p, p->pos + 1) == c;
}

/* ClassSetCharacter: a character, or -1 with an error */
static int32_t re_parse_set_char(ReParser *p)
{
    int32_t c = re_peek(p);
    if (c < 0)
        return re_error_int(p, "unterminated character class");
    if (c == '\\') {
        int32_t d = re_at(p, p->pos + 1);
        if (d > 0 && d < 128 && strchr("&-!#%,:;<=>@`~", d)) {
            p->pos += 2;
            return d;
        }
        if (d == 'b') {
            p->pos += 2;
            return 8;
        }
        p->pos++;
        return re_parse_char_escape(p, true);
    }
    if (re_is_double_punct(p))
        return re_error_int(p, "invalid set operation in character class");
    if (re_is_set_syntax_char(c))
        return re_error_int(p, "invalid character in character class");
    return (int32_t)re_next_char(p);
}

static int re_add_folded_char(ReParser *p, ReClass *cls, uint32_t lo, uint32_t hi)
{
    ReRanges r;
    int ret;
    if (!(p->vmode && p->icase))
        return re_ranges_add(p->mem, &cls->cps, lo, hi);
    re_ranges_init(&r);
    ret = re_ranges_add(p->mem, &r, lo, hi) || re_ranges_fold(p->mem, &r) ||
          re_ranges_op(p->mem, &cls->cps, &r, RE_OP_UNION);
    re_ranges_free(p->mem, &r);
    return ret ? -1 : 0;
}

/* \q{abc|d|}; p->pos is after "\q{" */
static int re_parse_class_strings(ReParser *p, ReClass *cls, bool *may_contain_strings)
{
    uint32_t buf[64], *cp = buf, n = 0, size = 64;
    int ret = -1;
    for (;;) {
        int32_t c = re_peek(p);
        if (c == '}' || c == '|') {
            p->pos++;
            if (n != 1)
                *may_contain_strings = true;
            if (p->icase && p->vmode) {
                for (uint32_t i = 0; i < n; i++)
                    cp[i] = js_unicode_fold_simple(cp[i]);
            }
            if (re_class_add_string(p->mem, cls, cp, n)) {
                re_error(p, "out of memory");
                break;
            }
            n = 0;
            if (c == '}') {
                ret = 0;
                break;
            }
            continue;
        }
        c = re_parse_set_char(p);
        if (c < 0)
            break;
        if (n == size) {
            uint32_t *ncp = re_malloc(p->mem, size * 2 * sizeof(uint32_t));
            if (!ncp) {
                re_error(p, "out of memory");
                break;
            }
            memcpy(ncp, cp, n * sizeof(uint32_t));
            if (cp != buf)
                re_free(p->mem, cp);
            cp = ncp;
            size *= 2;
        }
        cp[n++] = (uint32_t)c;
    }
    if (cp != buf)
        re_free(p->mem, cp);
    return ret;
}

static ReClass *re_parse_class_v(ReParser *p, bool *may_contain_strings);

/* ClassSetOperand (or, when allow_range, a ClassSetRange) into cls:
   returns 1 for a range, 0 for an operand, -1 on error */
static int re_parse_set_operand(ReParser *p, ReClass *cls, bool allow_range, bool *mcs)
{
    int32_t c = re_peek(p), a, b;
    int is_range = 0;
    *mcs = false;
    if (c == '[') {
        ReClass *nested;
        p->pos++;
        if (!re_enter(p))
            return -1;
        nested = re_parse_class_v(p, mcs);
        p->depth--;
        if (!nested)
            return -1;
        if (re_class_op(p->mem, cls, nested, RE_OP_UNION))
            return re_error_int(p, "out of memory");
        return 0;
    }
    if (c == '\\') {
        int32_t d = re_at(p, p->pos + 1);
        if (d == 'q' && re_at(p, p->pos + 2) == '{') {
            p->pos += 3;
            return re_parse_class_strings(p, cls, mcs);
        }
        if (re_is_class_escape(p, d)) {
            ReClass *tmp = re_arena_new_class(p->arena);
            if (!tmp)
                return re_error_int(p, "out of memory");
            p->pos++;
            if (re_parse_class_escape(p, tmp))
                return -1;
            *mcs = tmp->nstrs != 0;
            if (re_class_op(p->mem, cls, tmp, RE_OP_UNION))
                return re_error_int(p, "out of memory");
            return 0;
        }
    }
    a = re_parse_set_char(p);
    if (a < 0)
        return -1;
    b = a;
    if (allow_range && re_peek(p) == '-' && re_at(p, p->pos + 1) != '-') {
        is_range = 1;
        p->pos++;
        b = re_parse_set_char(p);
        if (b < 0)
            return -1;
        if (a > b)
            return re_error_int(p, "range out of order in character class");
    }
    if (re_add_folded_char(p, cls, (uint32_t)a, (uint32_t)b))
        return re_error_int(p, "out of memory");
    return is_range;
}

/* ClassContents after '[' (and '^'), up to and including ']' */
static ReClass *re_parse_class_v(ReParser *p, bool *may_contain_strings)
{
    ReClass *cls = re_arena_new_class(p->arena);
    bool negate, mcs;
    int op = RE_OP_UNION;
    if (!cls)
        return re_error(p, "out of memory");
    negate = re_eat(p, '^');
    *may_contain_strings = false;
    if (!re_eat(p, ']')) {
        int first = re_parse_set_operand(p, cls, true, &mcs);
        if (first < 0)
            return NULL;
        *may_contain_strings = mcs;
        if (re_looking_at(p, "&&"))
            op = RE_OP_INTER;
        else if (re_looking_at(p, "--"))
            op = RE_OP_SUB;
        if (op != RE_OP_UNION && first)
            return re_error(p, "invalid set operation in character class");
        for (;;) {
            ReClass *rhs;
            if (re_eat(p, ']'))
                break;
            if (op == RE_OP_UNION) {
                if (re_looking_at(p, "&&") || re_looking_at(p, "--"))
                    return re_error(p, "invalid set operation in character class");
                if (re_parse_set_operand(p, cls, true, &mcs) < 0)
                    return NULL;
                *may_contain_strings |= mcs;
                continue;
            }
            if (!re_looking_at(p, op == RE_OP_INTER ? "&&" : "--"))
                return re_error(p, "invalid set operation in character class");
            p->pos += 2;
            if (op == RE_OP_INTER && re_peek(p) == '&')
                return re_error(p, "invalid set operation in character class");
            rhs = re_arena_new_class(p->arena);
            if (!rhs)
                return re_error(p, "out of memory");
            if (re_parse_set_operand(p, rhs, false, &mcs) < 0)
                return NULL;
            if (op == RE_OP_INTER)
                *may_contain_strings &= mcs;
            if (re_class_op(p->mem, cls, rhs, op))
                return re_error(p, "out of memory");
        }
    }
    if (negate) {
        if (*may_contain_strings)
            return re_error(p, "negated character class may contain strings");
        if (re_complement(p, &cls->cps))
            return re_error(p, "out of memory");
    }
    return cls;
}

/* ---------------------------------------------------------------------
 * Group names
 * ------------------------------------------------------------------- */
static bool re_is_id_start(uint32_t c)
{
    return c == '$' || c == '_' || js_unicode_is_id_start(c);
}
static bool re_is_id_part(uint32_t c)
{
    return c == '$' || js_unicode_is_id_continue(c);
}

/* RegExpIdentifierName up to '>'; p->pos is after '<'. The name (UTF-16)
   is allocated in the arena. */
static int re_parse_group_name(ReParser *p, uint16_t **pname, uint32_t *plen)
{
    uint16_t buf[128];
    uint32_t n = 0;
    for (;;) {
        int32_t c = re_peek(p);
        uint32_t cp;
        if (c == '>') {
            p->pos++;
            break;
        }
        if (c < 0)
            return re_error_int(p, "invalid capture group name");
        if (c == '\\') {
            int32_t v;
            p->pos++;
            if (!re_eat(p, 'u') || (v = re_parse_unicode_escape(p, true)) < 0)
                return re_error_int(p, "invalid capture group name");
            cp = (uint32_t)v;
        } else {
            cp = (uint32_t)c;
            p->pos++;
            /* a literal surrogate pair is one character even without u */
            if (re_is_high_surrogate(cp) && re_peek(p) >= 0 &&
                re_is_low_surrogate((uint32_t)re_peek(p))) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + ((uint32_t)re_peek(p) - 0xdc00);
                p->pos++;
            }
        }
        if (n == 0 ? !re_is_id_start(cp) : !re_is_id_part(cp))
            return re_error_int(p, "invalid capture group name");
        if (n + 2 > sizeof(buf) / sizeof(buf[0]))
            return re_error_int(p, "capture group name too long");
        if (cp >= 0x10000) {
            buf[n++] = (uint16_t)(0xd800 + ((cp - 0x10000) >> 10));
            buf[n++] = (uint16_t)(0xdc00 + ((cp - 0x10000) & 0x3ff));
        } else {
            buf[n++] = (uint16_t)cp;
        }
    }
    if (!n)
        return re_error_int(p, "invalid capture group name");
    *pname = re_arena_alloc(p->arena, n * sizeof(uint16_t));
    if (!*pname)
        return re_error_int(p, "out of memory");
    memcpy(*pname, buf, n * sizeof(uint16_t));
    *plen = n;
    return 0;
}

/* MightBothParticipate is false exactly when the two groups sit in
   different alternatives of a common disjunction */
static bool re_might_both_participate(const ReGroupName *g, const uint32_t *path, uint32_t len)
{
    for (uint32_t k = 0; k + 1 < g->path_len && k + 1 < len; k += 2) {
        if (g->path[k] != path[k])
            return true;
        if (g->path[k + 1] != path[k + 1])
            return false;
    }
    return true;
}

static int re_add_group_name(ReParser *p, uint16_t *name, uint32_t len, uint32_t group)
{
    ReGroupName *g;
    for (uint32_t i = 0; i < p->nnames; i++) {
        g = &p->names[i];
        if (g->len == len && !memcmp(g->name, name, len * 2) &&
            re_might_both_participate(g, p->path, p->path_len))
            return re_error_int(p, "duplicate capture group name");
    }
    if (p->nnames == p->names_size) {
        uint32_t size = p->names_size ? p->names_size * 2 : 8;
        ReGroupName *tab = re_realloc(p->mem, p->names, size * sizeof(*tab));
        if (!tab)
            return re_error_int(p, "out of memory");
        p->names = tab;
        p->names_size = size;
    }
    g = &p->names[p->nnames];
    g->name = name;
    g->len = len;
    g->group = group;
    g->path_len = p->path_len;
    g->path = re_arena_alloc(p->arena, (p->path_len + 1) * sizeof(uint32_t));
    if (!g->path)
        return re_error_int(p, "out of memory");
    memcpy(g->path, p->path, p->path_len * sizeof(uint32_t));
    p->nnames++;
    return 0;
}

static int re_add_named_ref(ReParser *p, ReNode *node, uint16_t *name, uint32_t len)
{
    if (p->nrefs == p->refs_size) {
        uint32_t size = p->refs_size ? p->refs_size * 2 : 8;
        ReNamedRef *tab = re_realloc(p->mem, p->refs, size * sizeof(*tab));
        if (!tab)
            return re_error_int(p, "out of memory");
        p->refs = tab;
        p->refs_size = size;
    }
    p->refs[p->nrefs].node = node;
    p->refs[p->nrefs].name = name;
    p->refs[p->nrefs].len = len;
    p->nrefs++;
    return 0;
}

/* every \k<name> names a group; it refers to all groups of that name */
static int re_resolve_named_refs(ReParser *p)
{
    for (uint32_t i = 0; i < p->nrefs; i++) {
        ReNamedRef *r = &p->refs[i];
        uint32_t count = 0;
        for (uint32_t j = 0; j < p->nnames; j++) {
            if (p->names[j].len == r->len && !memcmp(p->names[j].name, r->name, r->len * 2))
                count++;
        }
        if (!count)
            return re_error_int(p, "group name not defined");
        r->node->u.backref.groups = re_arena_alloc(p->arena, count * sizeof(uint32_t));
        if (!r->node->u.backref.groups)
            return re_error_int(p, "out of memory");
        r->node->u.backref.count = 0;
        for (uint32_t j = 0; j < p->nnames; j++) {
            if (p->names[j].len == r->len && !memcmp(p->names[j].name, r->name, r->len * 2))
                r->node->u.backref.groups[r->node->u.backref.count++] = p->names[j].group;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Atoms and terms
 * ------------------------------------------------------------------- */
static ReNode *re_char_node(ReParser *p, uint32_t c)
{
    ReNode *n = re_new_node(p, RE_NODE_CHAR);
    if (!n)
        return NULL;
    n->u.c = c;
    n->icase = p->icase;
    return n;
}

static ReNode *re_backref_node(ReParser *p, uint32_t group)
{
    ReNode *n = re_new_node(p, RE_NODE_BACKREF);
    if (!n)
        return NULL;
    n->icase = p->icase;
    n->u.backref.groups = re_arena_alloc(p->arena, sizeof(uint32_t));
    if (!n->u.backref.groups)
        return re_error(p, "out of memory");
    n->u.backref.groups[0] = group;
    n->u.backref.count = 1;
    return n;
}

/* a set-valued escape outside a class: \d, \p{...}, ... */
static ReNode *re_escape_class_node(ReParser *p)
{
    ReClass *cls = re_arena_new_class(p->arena);
    if (!cls)
        return re_error(p, "out of memory");
    if (re_parse_class_escape(p, cls))
        return NULL;
    /* v-mode sets are folded already; matching needs the closure */
    if (p->icase && re_ranges_case_close(p->mem, &cls->cps, p->unicode))
        return re_error(p, "out of memory");
    return re_class_node(p, cls);
}

/* AtomEscape; p->pos is after the backslash */
static ReNode *re_parse_atom_escape(ReParser *p)
{
    int32_t c = re_peek(p);
    if (c >= '1' && c <= '9') {
        uint32_t start = p->pos, v = 0;
        while (re_is_digit(re_peek(p))) {
            v = v < 100000000 ? v * 10 + (uint32_t)(re_peek(p) - '0') : v;
            p->pos++;
        }
        if (v <= p->total_caps)
            return re_backref_node(p, v);
        if (p->unicode)
            return re_error(p, "back reference out of range");
        p->pos = start;
        if (c >= '8') {
            p->pos++;
            return re_char_node(p, (uint32_t)c);
        }
        return re_char_node(p, re_parse_legacy_octal(p));
    }
    if (c == 'k' && p->named) {
        uint16_t *name;
        uint32_t len;
        ReNode *n;
        p->pos++;
        if (!re_eat(p, '<'))
            return re_error(p, "expecting group name");
        if (re_parse_group_name(p, &name, &len))
            return NULL;
        n = re_new_node(p, RE_NODE_BACKREF);
        if (!n || re_add_named_ref(p, n, name, len))
            return NULL;
        n->icase = p->icase;
        return n;
    }
    if (re_is_class_escape(p, c))
        return re_escape_class_node(p);
    c = re_parse_char_escape(p, false);
    if (c < 0)
        return NULL;
    return re_char_node(p, (uint32_t)c);
}

/* {n}, {n,}, {n,m} at p->pos: true (and the bounds, and the end) when
   the text is one */
static bool re_braced_quantifier(const ReParser *p, uint32_t pos, uint32_t *pmin, uint32_t *pmax,
                                 uint32_t *pend, bool *pout_of_order)
{
    uint64_t lo = 0, hi;
    uint32_t i = pos + 1, nd = 0;
    if (re_at(p, pos) != '{')
        return false;
    while (re_is_digit(re_at(p, i))) {
        lo = lo < ((uint64_t)1 << 53) ? lo * 10 + (uint64_t)(re_at(p, i) - '0') : lo;
        i++;
        nd++;
    }
    if (!nd)
        return false;
    hi = lo;
    if (re_at(p, i) == ',') {
        i++;
        if (re_is_digit(re_at(p, i))) {
            hi = 0;
            while (re_is_digit(re_at(p, i))) {
                hi = hi < ((uint64_t)1 << 53) ? hi * 10 + (uint64_t)(re_at(p, i) - '0') : hi;
                i++;
            }
        } else {
            hi = UINT64_MAX;
        }
    }
    if (re_at(p, i) != '}')
        return false;
    *pout_of_order = lo > hi;
    *pmin = lo >= RE_INFINITY ? RE_INFINITY - 1 : (uint32_t)lo;
    *pmax = hi >= RE_INFINITY ? RE_INFINITY : (uint32_t)hi;
    *pend = i + 1;
    return true;
}

/* a quantifier at p->pos: 1 parsed, 0 none, -1 error */
static int re_parse_quantifier(ReParser *p, uint32_t *pmin, uint32_t *pmax, bool *pgreedy)
{
    int32_t c = re_peek(p);
    if (c == '*' || c == '+' || c == '?') {
        *pmin = c == '+';
        *pmax = c == '?' ? 1 : RE_INFINITY;
        p->pos++;
    } else if (c == '{') {
        uint32_t end;
        bool out_of_order;
        if (!re_braced_quantifier(p, p->pos, pmin, pmax, &end, &out_of_order)) {
            if (p->unicode)
                return re_error_int(p, "incomplete quantifier");
            return 0;
        }
        if (out_of_order)
            return re_error_int(p, "numbers out of order in {} quantifier");
        p->pos = end;
    } else {
        return 0;
    }
    *pgreedy = !re_eat(p, '?');
    return 1;
}

/* a quantifier where none may stand: "nothing to repeat" */
static bool re_at_quantifier(const ReParser *p)
{
    int32_t c = re_peek(p);
    uint32_t a, b, e;
    bool o;
    if (c == '*' || c == '+' || c == '?')
        return true;
    if (c == '{')
        return p->unicode || re_braced_quantifier(p, p->pos, &a, &b, &e, &o);
    return false;
}

static ReNode *re_parse_disjunction(ReParser *p);

/* (?ims-ims: ; p->pos is after "(?" */
static int re_parse_modifiers(ReParser *p)
{
    unsigned add = 0, remove = 0, *cur = &add;
    bool dash = false;
    for (;;) {
        int32_t c = re_peek(p);
        unsigned bit;
        if (c == ':')
            break;
        if (c == '-' && !dash) {
            dash = true;
            cur = &remove;
            p->pos++;
            continue;
        }
        if (c == 'i')
            bit = 1;
        else if (c == 'm')
            bit = 2;
        else if (c == 's')
            bit = 4;
        else
            return re_error_int(p, "invalid group");
        if ((add | remove) & bit)
            return re_error_int(p, "repeated modifier in group");
        *cur |= bit;
        p->pos++;
    }
    p->pos++;
    if (dash && !add && !remove)
        return re_error_int(p, "invalid group");
    if (add & 1)
        p->icase = true;
    if (add & 2)
        p->multiline = true;
    if (add & 4)
        p->dotall = true;
    if (remove & 1)
        p->icase = false;
    if (remove & 2)
        p->multiline = false;
    if (remove & 4)
        p->dotall = false;
    return 0;
}

static ReNode *re_parse_group_body(ReParser *p, ReNode *n)
{
    ReNode *body;
    if (!re_enter(p))
        return NULL;
    body = re_parse_disjunction(p);
    p->depth--;
    if (!body)
        return NULL;
    if (!re_eat(p, ')'))
        return re_error(p, "unterminated group");
    n->u.group.body = body;
    return n;
}

/* '(' ...; p->pos is after '('. *quantifiable tells whether a quantifier
   may follow. */
static ReNode *re_parse_paren(ReParser *p, bool *quantifiable)
{
    ReNode *n;
    *quantifiable = true;
    if (re_peek(p) != '?') {
        n = re_new_node(p, RE_NODE_CAPTURE);
        if (!n)
            return NULL;
        n->u.group.index = ++p->cap_count;
        return re_parse_group_body(p, n);
    }
    p->pos++;
    if (re_eat(p, '=') || re_eat(p, '!')) {
        n = re_new_node(p, RE_NODE_LOOK);
        if (!n)
            return NULL;
        n->sub = re_at(p, p->pos - 1) == '!' ? RE_LOOK_NEGATIVE : 0;
        /* Annex B: lookaheads can be quantified without u/v */
        *quantifiable = !p->unicode;
        return re_parse_group_body(p, n);
    }
    if (re_peek(p) == '<' && (re_at(p, p->pos + 1) == '=' || re_at(p, p->pos + 1) == '!')) {
        n = re_new_node(p, RE_NODE_LOOK);
        if (!n)
            return NULL;
        n->sub = RE_LOOK_BEHIND | (re_at(p, p->pos + 1) == '!' ? RE_LOOK_NEGATIVE : 0);
        p->pos += 2;
        *quantifiable = false;
        return re_parse_group_body(p, n);
    }
    if (re_eat(p, '<')) {
        uint16_t *name;
        uint32_t len;
        n = re_new_node(p, RE_NODE_CAPTURE);
        if (!n || re_parse_group_name(p, &name, &len))
            return NULL;
        n->u.group.index = ++p->cap_count;
        if (re_add_group_name(p, name, len, n->u.group.index))
            return NULL;
        return re_parse_group_body(p, n);
    }
    {
        /* (?:...) and (?ims-ims:...): a group without a node of its own */
        bool icase = p->icase, multiline = p->multiline, dotall = p->dotall;
        ReNode *body;
        if (re_parse_modifiers(p))
            return NULL;
        if (!re_enter(p))
            return NULL;
        body = re_parse_disjunction(p);
        p->depth--;
        p->icase = icase;
        p->multiline = multiline;
        p->dotall = dotall;
        if (!body)
            return NULL;
        if (!re_eat(p, ')'))
            return re_error(p, "unterminated group");
        return body;
    }
}

static ReNode *re_assert_node(ReParser *p, int kind)
{
    ReNode *n = re_new_node(p, RE_NODE_ASSERT);
    if (!n)
        return NULL;
    n->sub = (uint8_t)kind;
    return n;
}

/* an Assertion that takes no quantifier, or NULL when none is here */
static ReNode *re_parse_simple_assertion(ReParser *p, bool *found)
{
    int32_t c = re_peek(p);
    *found = true;
    if (c == '^') {
        p->pos++;
        return re_assert_node(p, p->multiline ? RE_ASSERT_BOL_M : RE_ASSERT_BOL);
    }
    if (c == '$') {
        p->pos++;
        return re_assert_node(p, p->multiline ? RE_ASSERT_EOL_M : RE_ASSERT_EOL);
    }
    if (c == '\\' && (re_at(p, p->pos + 1) == 'b' || re_at(p, p->pos + 1) == 'B')) {
        bool iu = p->unicode && p->icase;
        bool word = re_at(p, p->pos + 1) == 'b';
        p->pos += 2;
        if (word)
            return re_assert_node(p, iu ? RE_ASSERT_WORD_IU : RE_ASSERT_WORD);
        return re_assert_node(p, iu ? RE_ASSERT_NOT_WORD_IU : RE_ASSERT_NOT_WORD);
    }
    *found = false;
    return NULL;
}

/* an Atom; *quantifiable tells whether a quantifier may follow */
static ReNode *re_parse_atom(ReParser *p, bool *quantifiable)
{
    int32_t c = re_peek(p);
    ReNode *n;
    *quantifiable = true;
    switch (c) {
    case '.':
        p->pos++;
        n = re_new_node(p, RE_NODE_DOT);
        if (n)
            n->sub = p->dotall;
        return n;
    case '(':
        p->pos++;
        return re_parse_paren(p, quantifiable);
    case '[':
        p->pos++;
        if (p->vmode) {
            bool mcs;
            ReClass *cls;
            if (!re_enter(p))
                return NULL;
            cls = re_parse_class_v(p, &mcs);
            p->depth--;
            if (!cls)
                return NULL;
            if (p->icase && re_ranges_case_close(p->mem, &cls->cps, true))
                return re_error(p, "out of memory");
            return re_class_node(p, cls);
        }
        return re_parse_class(p);
    case '\\':
        p->pos++;
        return re_parse_atom_escape(p);
    case '*':
    case '+':
    case '?':
        return re_error(p, "nothing to repeat");
    case '{':
        if (p->unicode || re_at_quantifier(p))
            return re_error(p, "nothing to repeat");
        break;
    case '}':
    case ']':
        if (p->unicode)
            return re_error(p, "lone quantifier brackets");
        break;
    default:
        break;
    }
    return re_char_node(p, re_next_char(p));
}

static ReNode *re_parse_term(ReParser *p)
{
    uint32_t cap_first = p->cap_count + 1, min, max;
    bool quantifiable, found, greedy;
    ReNode *atom, *q;
    int r;
    atom = re_parse_simple_assertion(p, &found);
    if (found) {
        if (atom && re_at_quantifier(p))
            return re_error(p, "nothing to repeat");
        return atom;
    }
    atom = re_parse_atom(p, &quantifiable);
    if (!atom)
        return NULL;
    r = re_parse_quantifier(p, &min, &max, &greedy);
    if (r < 0)
        return NULL;
    if (!r)
        return atom;
    if (!quantifiable)
        return re_error(p, "nothing to repeat");
    if (re_at_quantifier(p))
        return re_error(p, "nothing to repeat");
    q = re_new_node(p, RE_NODE_QUANT);
    if (!q)
        return NULL;
    q->greedy = greedy;
    q->u.quant.body = atom;
    q->u.quant.min = min;
    q->u.quant.max = max;
    q->u.quant.cap_first = cap_first;
    q->u.quant.cap_end = p->cap_count + 1;
    return q;
}

static ReNode *re_parse_alternative(ReParser *p)
{
    ReNode *seq, *first = NULL, **tail = &first;
    uint32_t count = 0;
    for (;;) {
        int32_t c = re_peek(p);
        ReNode *t;
        if (c < 0 || c == '|' || c == ')')
            break;
        t = re_parse_term(p);
        if (!t)
            return NULL;
        *tail = t;
        tail = &t->next;
        count++;
    }
    if (count == 1)
        return first;
    seq = re_new_node(p, count ? RE_NODE_SEQ : RE_NODE_EMPTY);
    if (seq)
        seq->u.list.first = first;
    return seq;
}

static int re_path_push(ReParser *p, uint32_t disj, uint32_t alt)
{
    if (p->path_len + 2 > p->path_size) {
        uint32_t size = p->path_size ? p->path_size * 2 : 32;
        uint32_t *path = re_realloc(p->mem, p->path, size * sizeof(uint32_t));
        if (!path)
            return re_error_int(p, "out of memory");
        p->path = path;
        p->path_size = size;
    }
    p->path[p->path_len++] = disj;
    p->path[p->path_len++] = alt;
    return 0;
}

static ReNode *re_parse_disjunction(ReParser *p)
{
    ReNode *alt, *first = NULL, **tail = &first;
    uint32_t disj = p->next_disj++, count = 0;
    for (;;) {
        ReNode *a;
        if (re_path_push(p, disj, count))
            return NULL;
        a = re_parse_alternative(p);
        p->path_len -= 2;
        if (!a)
            return NULL;
        *tail = a;
        tail = &a->next;
        count++;
        if (!re_eat(p, '|'))
            break;
    }
    if (count == 1)
        return first;
    alt = re_new_node(p, RE_NODE_ALT);
    if (alt)
        alt->u.list.first = first;
    return alt;
}

/* ---------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------- */
static int re_fill_result(ReParser *p, ReParseResult *res)
{
    uint32_t n = p->cap_count + 1;
    res->capture_count = n;
    res->has_named_groups = p->nnames != 0;
    res->names = re_arena_alloc(p->arena, n * sizeof(uint16_t *));
    res->name_lens = re_arena_alloc(p->arena, n * sizeof(uint32_t));
    if (!res->names || !res->name_lens)
        return re_error_int(p, "out of memory");
    for (uint32_t i = 0; i < p->nnames; i++) {
        res->names[p->names[i].group] = p->names[i].name;
        res->name_lens[p->names[i].group] = p->names[i].len;
    }
    return 0;
}

int re_parse(ReArena *arena, const void *pattern, uint32_t len, bool wide, int flags,
             ReParseResult *res, const char **perror)
{
    ReParser p;
    bool has_named;
    int ret = -1;
    memset(&p, 0, sizeof(p));
    memset(res, 0, sizeof(*res));
    p.arena = arena;
    p.mem = arena->mem;
    if (wide)
        p.s16 = pattern;
    else
        p.s8 = pattern;
    p.len = len;
    p.vmode = (flags & JS_RE_FLAG_UNICODE_SETS) != 0;
    p.unicode = p.vmode || (flags & JS_RE_FLAG_UNICODE);
    p.icase = (flags & JS_RE_FLAG_IGNORECASE) != 0;
    p.multiline = (flags & JS_RE_FLAG_MULTILINE) != 0;
    p.dotall = (flags & JS_RE_FLAG_DOTALL) != 0;
    re_prescan(&p, &has_named);
    p.named = p.unicode || has_named;
    if (p.total_caps >= RE_MAX_CAPTURES) {
        re_error(&p, "too many captures");
        goto done;
    }
    res->root = re_parse_disjunction(&p);
    if (!res->root)
        goto done;
    if (p.pos < p.len) {
        re_error(&p, re_peek(&p) == ')' ? "unmatched ')'" : "unexpected character");
        goto done;
    }
    if (re_resolve_named_refs(&p) || re_fill_result(&p, res))
        goto done;
    ret = 0;
done:
    if (ret && !p.error)
        p.error = "out of memory";
    if (p.mem->oom)
        p.error = "out of memory";
    *perror = p.error;
    re_free(p.mem, p.names);
    re_free(p.mem, p.refs);
    re_free(p.mem, p.path);
    return ret;
}
