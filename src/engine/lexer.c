/*
 * lexer.c — JavaScript tokenizer (ECMA-262 §12) and the per-parse context:
 * string interning, errors and positions.
 *
 * The source is UTF-8, validated once up front, so scanning can decode
 * without checks; src[end] reads as 0, which stops every scanning loop
 * (a 0 byte before `end` is a real U+0000 character).
 *
 * Columns are counted in UTF-16 code units: `line_adj` accumulates, for
 * the current line, how many more bytes than UTF-16 units have been
 * consumed, so a token's column is (start - line_start - line_adj + 1)
 * without rescanning the line.
 */
#include <stdio.h>
#include <string.h>

#include "dtoa.h"
#include "lexer.h"
#include "regexp/regexp.h"
#include "unicode.h"

/* ---------------------------------------------------------------------
 * Context: memory, errors
 * ------------------------------------------------------------------- */

void *js_lex_alloc(JSParseCtx *ctx, size_t size)
{
    void *p = js_ast_arena_alloc(&ctx->arena, size);
    if (!p)
        js_lex_fail(ctx, JS_PARSE_OUT_OF_MEMORY, 0, "out of memory");
    return p;
}

void js_lex_position(const JSParseCtx *ctx, uint32_t offset, uint32_t *line, uint32_t *col)
{
    const uint8_t *s = ctx->src;
    uint32_t l = 1, c = 1;
    if (offset > ctx->src_len)
        offset = ctx->src_len;
    for (uint32_t i = 0; i < offset; i++) {
        uint8_t b = s[i];
        if (b == '\n' || (b == '\r' && s[i + 1] != '\n')) {
            l++;
            c = 1;
        } else if (b == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
            l++;
            c = 1;
            i += 2;
        } else if (b == '\r') {
            /* CR of a CRLF: the LF ends the line */
        } else if ((b & 0xC0) != 0x80) {
            c += b >= 0xF0 ? 2 : 1; /* astral characters take two units */
        }
    }
    *line = l;
    *col = c;
}

void js_lex_fail(JSParseCtx *ctx, JSParseErrorKind kind, uint32_t offset, const char *msg)
{
    JSParseError *e = ctx->error;
    e->kind = kind;
    e->offset = offset;
    if (kind == JS_PARSE_SYNTAX_ERROR) {
        js_lex_position(ctx, offset, &e->line, &e->col);
    } else {
        e->line = 0;
        e->col = 0;
    }
    snprintf(e->message, sizeof(e->message), "%s", msg);
    longjmp(ctx->unwind, 1);
}

/* ---------------------------------------------------------------------
 * Interning
 * ------------------------------------------------------------------- */

static uint32_t hash_step(uint32_t h, uint32_t c) { return (h ^ c) * 16777619u; }

static void intern_grow(JSParseCtx *ctx)
{
    uint32_t size = (ctx->hash_mask + 1) * 2;
    JSLexName **h = js_lex_alloc(ctx, size * sizeof(*h));
    memset(h, 0, size * sizeof(*h));
    for (uint32_t i = 0; i <= ctx->hash_mask; i++) {
        JSLexName *e = ctx->hash[i];
        while (e) {
            JSLexName *next = e->hash_next;
            uint32_t b = e->str.hash & (size - 1);
            e->hash_next = h[b];
            h[b] = e;
            e = next;
        }
    }
    ctx->hash = h;
    ctx->hash_mask = size - 1;
}

static JSLexName *intern_insert(JSParseCtx *ctx, uint32_t hash, uint32_t len, bool wide)
{
    if (ctx->hash_count >= ctx->hash_mask)
        intern_grow(ctx);
    size_t bytes = wide ? (size_t)len * 2 : len;
    JSLexName *e = js_lex_alloc(ctx, sizeof(JSLexName) + bytes + 1);
    memset(e, 0, sizeof(*e));
    e->str.len = len;
    e->str.hash = hash;
    e->str.wide = wide;
    e->str.u.chars8 = (const uint8_t *)(e + 1);
    uint32_t b = hash & ctx->hash_mask;
    e->hash_next = ctx->hash[b];
    ctx->hash[b] = e;
    ctx->hash_count++;
    return e;
}

JSAstString *js_lex_intern8(JSParseCtx *ctx, const uint8_t *s, uint32_t len)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < len; i++)
        h = hash_step(h, s[i]);
    for (JSLexName *e = ctx->hash[h & ctx->hash_mask]; e; e = e->hash_next) {
        if (e->str.hash == h && e->str.len == len && !e->str.wide &&
            memcmp(e->str.u.chars8, s, len) == 0)
            return &e->str;
    }
    JSLexName *e = intern_insert(ctx, h, len, false);
    uint8_t *d = (uint8_t *)(e + 1);
    memcpy(d, s, len);
    d[len] = 0;
    return &e->str;
}

static bool same16(const JSAstString *a, const uint16_t *s, uint32_t len)
{
    if (a->wide)
        return memcmp(a->u.chars16, s, (size_t)len * 2) == 0;
    for (uint32_t i = 0; i < len; i++) {
        if (a->u.chars8[i] != s[i])
            return false;
    }
    return true;
}

JSAstString *js_lex_intern16(JSParseCtx *ctx, const uint16_t *s, uint32_t len)
{
    uint32_t h = 2166136261u;
    bool wide = false;
    for (uint32_t i = 0; i < len; i++) {
        h = hash_step(h, s[i]);
        wide |= s[i] > 0xFF;
    }
    for (JSLexName *e = ctx->hash[h & ctx->hash_mask]; e; e = e->hash_next) {
        if (e->str.hash == h && e->str.len == len && e->str.wide == wide && same16(&e->str, s, len))
            return &e->str;
    }
    JSLexName *e = intern_insert(ctx, h, len, wide);
    if (wide) {
        memcpy(e + 1, s, (size_t)len * 2);
    } else {
        uint8_t *d = (uint8_t *)(e + 1);
        for (uint32_t i = 0; i < len; i++)
            d[i] = (uint8_t)s[i];
        d[len] = 0;
    }
    return &e->str;
}

static void buf_reserve(JSParseCtx *ctx, uint32_t need)
{
    if (need <= ctx->buf_cap)
        return;
    uint32_t cap = ctx->buf_cap ? ctx->buf_cap : 256;
    while (cap < need)
        cap *= 2;
    uint16_t *b = js_lex_alloc(ctx, (size_t)cap * 2);
    if (ctx->buf_cap)
        memcpy(b, ctx->buf, (size_t)ctx->buf_cap * 2);
    ctx->buf = b;
    ctx->buf_cap = cap;
}

/* appends code point c to ctx->buf at *len (as a surrogate pair if astral) */
static void buf_put(JSParseCtx *ctx, uint32_t *len, uint32_t c)
{
    if (*len + 2 > ctx->buf_cap)
        buf_reserve(ctx, *len + 2);
    if (c >= 0x10000) {
        c -= 0x10000;
        ctx->buf[(*len)++] = (uint16_t)(0xD800 + (c >> 10));
        ctx->buf[(*len)++] = (uint16_t)(0xDC00 + (c & 0x3FF));
    } else {
        ctx->buf[(*len)++] = (uint16_t)c;
    }
}

/* decodes one UTF-8 sequence (the source is known to be valid) */
static uint32_t utf8_decode(const uint8_t *p, uint32_t *n)
{
    uint32_t c = p[0];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c < 0xF0) {
        *n = 3;
        return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *n = 4;
    return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

JSAstString *js_lex_intern_utf8(JSParseCtx *ctx, const char *s, size_t len)
{
    uint32_t n = 0;
    const uint8_t *p = (const uint8_t *)s;
    for (size_t i = 0; i < len;) {
        uint32_t k;
        buf_put(ctx, &n, utf8_decode(p + i, &k));
        i += k;
    }
    return js_lex_intern16(ctx, ctx->buf, n);
}

bool js_lex_is_valid_utf8(const uint8_t *s, uint32_t len, bool wtf8, uint32_t *bad_offset)
{
    uint32_t i = 0;
    while (i < len) {
        /* skip ASCII eight bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        uint8_t c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        uint32_t n, min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            *bad_offset = i;
            return false;
        }
        if (i + n > len) {
            *bad_offset = i;
            return false;
        }
        for (uint32_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                *bad_offset = i;
                return false;
            }
        }
        uint32_t k;
        uint32_t cp = utf8_decode(s + i, &k);
        if (cp < min || cp > 0x10FFFF || (!wtf8 && cp >= 0xD800 && cp <= 0xDFFF)) {
            *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * Keywords and contextual words, interned at context creation so that
 * the lexer classifies an identifier with the lookup it does anyway.
 * ------------------------------------------------------------------- */
static const struct {
    const char *text;
    uint8_t tok, cw;
} words[] = {
    {"break", TOK_BREAK, 0}, {"case", TOK_CASE, 0}, {"catch", TOK_CATCH, 0},
    {"class", TOK_CLASS, 0}, {"const", TOK_CONST, 0}, {"continue", TOK_CONTINUE, 0},
    {"debugger", TOK_DEBUGGER, 0}, {"default", TOK_DEFAULT, JS_CW_DEFAULT},
    {"delete", TOK_DELETE, 0}, {"do", TOK_DO, 0}, {"else", TOK_ELSE, 0},
    {"enum", TOK_ENUM, 0}, {"export", TOK_EXPORT, 0}, {"extends", TOK_EXTENDS, 0},
    {"false", TOK_FALSE, 0}, {"finally", TOK_FINALLY, 0}, {"for", TOK_FOR, 0},
    {"function", TOK_FUNCTION, 0}, {"if", TOK_IF, 0}, {"import", TOK_IMPORT, 0},
    {"in", TOK_IN, 0}, {"instanceof", TOK_INSTANCEOF, 0}, {"new", TOK_NEW, 0},
    {"null", TOK_NULL, 0}, {"return", TOK_RETURN, 0}, {"super", TOK_SUPER, 0},
    {"switch", TOK_SWITCH, 0}, {"this", TOK_THIS, 0}, {"throw", TOK_THROW, 0},
    {"true", TOK_TRUE, 0}, {"try", TOK_TRY, 0}, {"typeof", TOK_TYPEOF, 0},
    {"var", TOK_VAR, 0}, {"void", TOK_VOID, 0}, {"while", TOK_WHILE, 0},
    {"with", TOK_WITH, 0},
    {"let", 0, JS_CW_LET}, {"static", 0, JS_CW_STATIC}, {"yield", 0, JS_CW_YIELD},
    {"await", 0, JS_CW_AWAIT}, {"implements", 0, JS_CW_IMPLEMENTS},
    {"interface", 0, JS_CW_INTERFACE}, {"package", 0, JS_CW_PACKAGE},
    {"private", 0, JS_CW_PRIVATE}, {"protected", 0, JS_CW_PROTECTED},
    {"public", 0, JS_CW_PUBLIC}, {"async", 0, JS_CW_ASYNC}, {"of", 0, JS_CW_OF},
    {"get", 0, JS_CW_GET}, {"set", 0, JS_CW_SET}, {"target", 0, JS_CW_TARGET},
    {"meta", 0, JS_CW_META}, {"from", 0, JS_CW_FROM}, {"as", 0, JS_CW_AS},
    {"eval", 0, JS_CW_EVAL}, {"arguments", 0, JS_CW_ARGUMENTS},
    {"constructor", 0, JS_CW_CONSTRUCTOR}, {"prototype", 0, JS_CW_PROTOTYPE},
    {"using", 0, JS_CW_USING}, {"__proto__", 0, JS_CW_PROTO},
    {"*default*", 0, JS_CW_DEFAULT_NAME},
};

void js_lex_ctx_init(JSParseCtx *ctx)
{
    ctx->hash_mask = 255;
    ctx->hash = js_lex_alloc(ctx, 256 * sizeof(*ctx->hash));
    memset(ctx->hash, 0, 256 * sizeof(*ctx->hash));
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        JSAstString *s =
            js_lex_intern8(ctx, (const uint8_t *)words[i].text, (uint32_t)strlen(words[i].text));
        JSLexName *e = js_lex_name(s);
        e->tok = words[i].tok;
        e->cw = words[i].cw;
        if (words[i].cw)
            ctx->cw_names[words[i].cw] = s;
    }
}

/* ---------------------------------------------------------------------
 * Character classes
 * ------------------------------------------------------------------- */

/* bit 0: IdentifierStart, bit 1: IdentifierPart, bit 2: decimal digit,
   bit 3: hex digit */
static const uint8_t ascii_class[128] = {
    ['$'] = 3, ['_'] = 3,
    ['0'] = 14, ['1'] = 14, ['2'] = 14, ['3'] = 14, ['4'] = 14,
    ['5'] = 14, ['6'] = 14, ['7'] = 14, ['8'] = 14, ['9'] = 14,
    ['A'] = 11, ['B'] = 11, ['C'] = 11, ['D'] = 11, ['E'] = 11, ['F'] = 11,
    ['G'] = 3, ['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3,
    ['N'] = 3, ['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3,
    ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3,
    ['a'] = 11, ['b'] = 11, ['c'] = 11, ['d'] = 11, ['e'] = 11, ['f'] = 11,
    ['g'] = 3, ['h'] = 3, ['i'] = 3, ['j'] = 3, ['k'] = 3, ['l'] = 3, ['m'] = 3,
    ['n'] = 3, ['o'] = 3, ['p'] = 3, ['q'] = 3, ['r'] = 3, ['s'] = 3, ['t'] = 3,
    ['u'] = 3, ['v'] = 3, ['w'] = 3, ['x'] = 3, ['y'] = 3, ['z'] = 3,
};

static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool is_ascii_id_part(uint32_t c) { return c < 128 && (ascii_class[c] & 2); }
static int hex_value(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool is_id_start(uint32_t c)
{
    if (c < 128)
        return ascii_class[c] & 1;
    return js_unicode_is_id_start(c);
}

static bool is_id_part(uint32_t c)
{
    if (c < 128)
        return ascii_class[c] & 2;
    return js_unicode_is_id_continue(c) || c == 0x200C || c == 0x200D;
}

/* ---------------------------------------------------------------------
 * Line bookkeeping
 * ------------------------------------------------------------------- */

static void new_line(JSLexer *lx, uint32_t next_line_start)
{
    lx->line++;
    lx->line_start = next_line_start;
    lx->line_adj = 0;
}

/* accounts for a multi-byte character of n bytes in the column count */
static void wide_char(JSLexer *lx, uint32_t n) { lx->line_adj += n == 4 ? 2 : n - 1; }

static JS_LEX_NORETURN void lex_error(JSLexer *lx, uint32_t pos, const char *msg)
{
    js_lex_fail(lx->ctx, JS_PARSE_SYNTAX_ERROR, pos, msg);
}

static bool at_end(const JSLexer *lx, uint32_t pos) { return pos >= lx->end; }

/* ---------------------------------------------------------------------
 * Whitespace and comments
 * ------------------------------------------------------------------- */

static uint32_t skip_line_comment(JSLexer *lx, uint32_t pos)
{
    const uint8_t *s = lx->src;
    for (;;) {
        uint8_t c = s[pos];
        if (c == '\n' || c == '\r')
            return pos;
        if (c == 0 && at_end(lx, pos))
            return pos;
        if (c >= 0x80) {
            if (c == 0xE2 && s[pos + 1] == 0x80 && (s[pos + 2] == 0xA8 || s[pos + 2] == 0xA9))
                return pos;
            uint32_t n;
            utf8_decode(s + pos, &n);
            wide_char(lx, n);
            pos += n;
        } else {
            pos++;
        }
    }
}

/* returns the position after the comment; sets *nl if it spans lines */
static uint32_t skip_block_comment(JSLexer *lx, uint32_t pos, bool *nl)
{
    const uint8_t *s = lx->src;
    uint32_t start = pos;
    pos += 2;
    for (;;) {
        uint8_t c = s[pos];
        if (c == '*' && s[pos + 1] == '/')
            return pos + 2;
        if (c == 0 && at_end(lx, pos))
            lex_error(lx, start, "unterminated comment");
        if (c == '\n') {
            pos++;
            new_line(lx, pos);
            *nl = true;
        } else if (c == '\r') {
            pos++;
            if (s[pos] == '\n')
                pos++;
            new_line(lx, pos);
            *nl = true;
        } else if (c >= 0x80) {
            uint32_t n;
            uint32_t cp = utf8_decode(s + pos, &n);
            pos += n;
            if (cp == 0x2028 || cp == 0x2029) {
                new_line(lx, pos);
                *nl = true;
            } else {
                wide_char(lx, n);
            }
        } else {
            pos++;
        }
    }
}

/* skips whitespace and comments before a token; returns whether a line
   terminator was crossed */
static bool skip_space(JSLexer *lx)
{
    const uint8_t *s = lx->src;
    uint32_t pos = lx->pos;
    bool nl = false;
    /* an Annex B `-->` comment is allowed at the start of a line, after
       only whitespace and single-line block comments */
    bool line_head = lx->at_start;
    lx->at_start = false;
    for (;;) {
        uint8_t c = s[pos];
        switch (c) {
        case ' ':
        case '\t':
        case '\v':
        case '\f':
            pos++;
            continue;
        case '\n':
            pos++;
            new_line(lx, pos);
            nl = true;
            continue;
        case '\r':
            pos++;
            if (s[pos] == '\n')
                pos++;
            new_line(lx, pos);
            nl = true;
            continue;
        case '/':
            if (s[pos + 1] == '/') {
                pos = skip_line_comment(lx, pos + 2);
                continue;
            }
            if (s[pos + 1] == '*') {
                pos = skip_block_comment(lx, pos, &nl);
                continue;
            }
            break;
        case '<':
            if (lx->html_comments && s[pos + 1] == '!' && s[pos + 2] == '-' && s[pos + 3] == '-') {
                pos = skip_line_comment(lx, pos + 4);
                continue;
            }
            break;
        case '-':
            if (lx->html_comments && (nl || line_head) && s[pos + 1] == '-' && s[pos + 2] == '>') {
                pos = skip_line_comment(lx, pos + 3);
                continue;
            }
            break;
        default:
            if (c >= 0x80) {
                uint32_t n;
                uint32_t cp = utf8_decode(s + pos, &n);
                if (cp == 0x2028 || cp == 0x2029) {
                    pos += n;
                    new_line(lx, pos);
                    nl = true;
                    continue;
                }
                if (js_unicode_is_space(cp)) {
                    pos += n;
                    wide_char(lx, n);
                    continue;
                }
            }
            break;
        }
        break;
    }
    lx->pos = pos;
    return nl;
}

/* ---------------------------------------------------------------------
 * Identifiers
 * ------------------------------------------------------------------- */

/* reads \uXXXX or \u{X...} at pos (pointing at 'u'); returns the code point
   or -1 if malformed; *end is set after the escape */
static int32_t read_unicode_escape(const uint8_t *s, uint32_t pos, uint32_t *end)
{
    if (s[pos] != 'u')
        return -1;
    pos++;
    uint32_t v = 0;
    if (s[pos] == '{') {
        pos++;
        int digits = 0;
        int h;
        while ((h = hex_value(s[pos])) >= 0) {
            v = v * 16 + (uint32_t)h;
            if (v > 0x10FFFF)
                return -1;
            pos++;
            digits++;
        }
        if (!digits || s[pos] != '}')
            return -1;
        *end = pos + 1;
        return (int32_t)v;
    }
    for (int i = 0; i < 4; i++) {
        int h = hex_value(s[pos + i]);
        if (h < 0)
            return -1;
        v = v * 16 + (uint32_t)h;
    }
    *end = pos + 4;
    return (int32_t)v;
}

static void scan_ident_slow(JSLexer *lx, uint32_t start, JSToken *t)
{
    const uint8_t *s = lx->src;
    JSParseCtx *ctx = lx->ctx;
    uint32_t pos = start, len = 0;
    bool escaped = false;
    for (;;) {
        uint32_t c = s[pos], n = 1;
        if (c == '\\') {
            uint32_t end;
            int32_t v = read_unicode_escape(s, pos + 1, &end);
            if (v < 0)
                lex_error(lx, pos, "invalid Unicode escape sequence in identifier");
            if (!(len == 0 ? is_id_start((uint32_t)v) : is_id_part((uint32_t)v)))
                lex_error(lx, pos, "invalid identifier character in escape sequence");
            escaped = true;
            buf_put(ctx, &len, (uint32_t)v);
            pos = end;
            continue;
        }
        if (c >= 0x80)
            c = utf8_decode(s + pos, &n);
        if (!(len == 0 ? is_id_start(c) : is_id_part(c)))
            break;
        if (n > 1)
            wide_char(lx, n);
        buf_put(ctx, &len, c);
        pos += n;
    }
    if (len == 0)
        lex_error(lx, start, "unexpected character");
    JSAstString *name = js_lex_intern16(ctx, ctx->buf, len);
    JSLexName *e = js_lex_name(name);
    t->u.name = name;
    t->cw = e->cw;
    t->type = TOK_IDENT;
    if (escaped) {
        t->flags |= TOKF_ESCAPED;
        if (e->tok)
            t->flags |= TOKF_RESERVED;
    } else if (e->tok) {
        t->type = e->tok;
    }
    lx->pos = pos;
}

static void scan_ident(JSLexer *lx, uint32_t start, JSToken *t)
{
    const uint8_t *s = lx->src;
    uint32_t pos = start;
    while (is_ascii_id_part(s[pos]))
        pos++;
    if (s[pos] == '\\' || s[pos] >= 0x80) {
        scan_ident_slow(lx, start, t);
        return;
    }
    JSAstString *name = js_lex_intern8(lx->ctx, s + start, pos - start);
    JSLexName *e = js_lex_name(name);
    t->u.name = name;
    t->cw = e->cw;
    t->type = e->tok ? e->tok : TOK_IDENT;
    lx->pos = pos;
}

/* ---------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------- */

/* Scans digits of `radix` with numeric separators into out (separators
   removed). Returns the position after them. A separator must sit between
   two digits. */
static uint32_t scan_digits(JSLexer *lx, uint32_t pos, int radix, char *out, uint32_t *n,
                            bool allow_sep)
{
    const uint8_t *s = lx->src;
    bool any = false;
    for (;;) {
        uint32_t c = s[pos];
        int d = c < 128 ? hex_value(c) : -1;
        if (d >= 0 && d < radix) {
            out[(*n)++] = (char)c;
            any = true;
            pos++;
        } else if (c == '_' && allow_sep) {
            int d2 = hex_value(s[pos + 1]);
            if (!any || d2 < 0 || d2 >= radix)
                lex_error(lx, pos, "invalid numeric separator");
            pos++;
        } else {
            return pos;
        }
    }
}

/* the fraction and exponent of a decimal literal; returns the position
   after them and whether there were any */
static uint32_t scan_fraction_exponent(JSLexer *lx, uint32_t pos, char *digits, uint32_t *n,
                                       bool *is_int)
{
    const uint8_t *s = lx->src;
    if (s[pos] == '.') {
        *is_int = false;
        digits[(*n)++] = '.';
        pos++;
        if (s[pos] == '_')
            lex_error(lx, pos, "invalid numeric separator");
        pos = scan_digits(lx, pos, 10, digits, n, true);
    }
    if ((s[pos] | 0x20) == 'e') {
        uint32_t e = pos + 1;
        if (s[e] == '+' || s[e] == '-')
            e++;
        if (!is_digit(s[e]))
            lex_error(lx, pos, "invalid number literal");
        *is_int = false;
        digits[(*n)++] = 'e';
        if (s[pos + 1] == '-')
            digits[(*n)++] = '-';
        pos = scan_digits(lx, e, 10, digits, n, true);
    }
    return pos;
}

/* the digits of a literal, without prefix or separators; returns the
   position after them */
static uint32_t scan_number_digits(JSLexer *lx, uint32_t pos, char *digits, uint32_t *n, int *radix,
                                   bool *is_int, bool *legacy)
{
    const uint8_t *s = lx->src;
    uint8_t prefix = s[pos + 1] | 0x20;
    if (s[pos] == '0' && (prefix == 'x' || prefix == 'o' || prefix == 'b')) {
        *radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
        pos = scan_digits(lx, pos + 2, *radix, digits, n, true);
        if (*n == 0)
            lex_error(lx, pos, "invalid number literal");
        return pos;
    }
    if (s[pos] == '0' && is_digit(s[pos + 1])) {
        /* LegacyOctalIntegerLiteral, or NonOctalDecimalIntegerLiteral which
           may go on like a decimal literal: 08.5 */
        *legacy = true;
        pos = scan_digits(lx, pos, 10, digits, n, false);
        if (s[pos] == '_')
            lex_error(lx, pos, "numeric separators are not allowed here");
        bool octal = true;
        for (uint32_t i = 0; i < *n; i++)
            octal &= digits[i] < '8';
        if (octal) {
            *radix = 8;
            return pos;
        }
        return scan_fraction_exponent(lx, pos, digits, n, is_int);
    }
    if (s[pos] == '0' && s[pos + 1] == '_')
        lex_error(lx, pos + 1, "numeric separators are not allowed after a leading 0");
    pos = scan_digits(lx, pos, 10, digits, n, true);
    return scan_fraction_exponent(lx, pos, digits, n, is_int);
}

static void scan_number(JSLexer *lx, uint32_t start, JSToken *t)
{
    const uint8_t *s = lx->src;
    JSParseCtx *ctx = lx->ctx;
    /* the digits (without separators) are fewer than the characters that
       can appear in the literal. A sign counts only after an exponent
       letter: in `1+1+1...` each literal would otherwise scan to the end
       of the source, which makes a long sum quadratic. */
    uint32_t cap = 0;
    while (is_ascii_id_part(s[start + cap]) || s[start + cap] == '.' ||
           ((s[start + cap] == '+' || s[start + cap] == '-') && cap > 0 &&
            (s[start + cap - 1] | 0x20) == 'e'))
        cap++;
    char small[128];
    char *digits = cap + 4 <= sizeof(small) ? small : js_lex_alloc(ctx, cap + 4);
    uint32_t n = 0;
    int radix = 10;
    bool is_int = true, legacy = false;
    uint32_t pos = scan_number_digits(lx, start, digits, &n, &radix, &is_int, &legacy);
    if (s[pos] == 'n') {
        if (!is_int || legacy)
            lex_error(lx, start, "invalid BigInt literal");
        pos++;
        t->type = TOK_BIGINT;
        t->u.bigint.digits = js_lex_intern8(ctx, (const uint8_t *)digits, n);
        t->u.bigint.radix = radix;
    } else {
        t->type = TOK_NUMBER;
        if (legacy)
            t->flags |= TOKF_LEGACY_OCTAL;
        if (radix == 10) {
            size_t used;
            t->u.num = js_strtod(digits, n, &used);
        } else {
            t->u.num = js_atod_radix(digits, n, radix);
        }
    }
    /* the source character after a numeric literal must not start an
       identifier or be a digit: `3in x` is an error */
    uint32_t c = s[pos], k = 1;
    if (c >= 0x80)
        c = utf8_decode(s + pos, &k);
    if (is_id_start(c) || is_digit(c) || c == '\\')
        lex_error(lx, pos, "invalid number literal");
    lx->pos = pos;
}

/* ---------------------------------------------------------------------
 * Strings and templates
 * ------------------------------------------------------------------- */

enum {
    ESC_NONE = -1,    /* a line continuation: contributes nothing */
    ESC_INVALID = -2, /* not a valid escape (templates only) */
};

/* Decodes the escape after the backslash at pos. In templates, octal,
   \8, \9 and malformed \x/\u escapes yield ESC_INVALID; in strings the
   malformed ones are errors and the legacy ones set *legacy. */
static int32_t scan_escape(JSLexer *lx, uint32_t *ppos, bool tpl, bool *legacy)
{
    const uint8_t *s = lx->src;
    uint32_t pos = *ppos;
    uint32_t c = s[pos];
    int32_t v;
    switch (c) {
    case '\n':
        *ppos = pos + 1;
        new_line(lx, pos + 1);
        return ESC_NONE;
    case '\r':
        pos++;
        if (s[pos] == '\n')
            pos++;
        *ppos = pos;
        new_line(lx, pos);
        return ESC_NONE;
    case 'b':
        v = '\b';
        break;
    case 'f':
        v = '\f';
        break;
    case 'n':
        v = '\n';
        break;
    case 'r':
        v = '\r';
        break;
    case 't':
        v = '\t';
        break;
    case 'v':
        v = '\v';
        break;
    case 'x': {
        int h1 = hex_value(s[pos + 1]), h2 = h1 >= 0 ? hex_value(s[pos + 2]) : -1;
        if (h2 < 0) {
            if (tpl) {
                *ppos = pos + 1;
                return ESC_INVALID;
            }
            lex_error(lx, pos - 1, "malformed escape sequence in string literal");
        }
        *ppos = pos + 3;
        return h1 * 16 + h2;
    }
    case 'u': {
        uint32_t end;
        v = read_unicode_escape(s, pos, &end);
        if (v < 0) {
            if (tpl) {
                *ppos = pos + 1;
                return ESC_INVALID;
            }
            lex_error(lx, pos - 1, "malformed Unicode escape sequence");
        }
        *ppos = end;
        return v;
    }
    case '0':
        if (!is_digit(s[pos + 1])) {
            v = 0;
            break;
        }
        /* fall through: \0 followed by a digit is a legacy octal escape */
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
        if (tpl) {
            *ppos = pos + 1;
            return ESC_INVALID;
        }
        *legacy = true;
        v = (int32_t)(c - '0');
        pos++;
        if (s[pos] >= '0' && s[pos] <= '7') {
            v = v * 8 + (s[pos++] - '0');
            if (c <= '3' && s[pos] >= '0' && s[pos] <= '7')
                v = v * 8 + (s[pos++] - '0');
        }
        *ppos = pos;
        return v;
    case '8':
    case '9':
        if (tpl) {
            *ppos = pos + 1;
            return ESC_INVALID;
        }
        *legacy = true;
        v = (int32_t)c;
        break;
    default:
        if (c == 0 && at_end(lx, pos))
            lex_error(lx, pos, tpl ? "unterminated template literal" : "unterminated string literal");
        if (c >= 0x80) {
            uint32_t n;
            uint32_t cp = utf8_decode(s + pos, &n);
            *ppos = pos + n;
            if (cp == 0x2028 || cp == 0x2029) {
                new_line(lx, pos + n);
                return ESC_NONE;
            }
            wide_char(lx, n);
            return (int32_t)cp;
        }
        v = (int32_t)c;
        break;
    }
    *ppos = pos + 1;
    return v;
}

static void scan_string(JSLexer *lx, uint32_t start, JSToken *t)
{
    const uint8_t *s = lx->src;
    JSParseCtx *ctx = lx->ctx;
    uint8_t quote = s[start];
    uint32_t pos = start + 1;
    /* fast path: ASCII without escapes */
    while (s[pos] != quote && s[pos] != '\\' && s[pos] != '\n' && s[pos] != '\r' &&
           s[pos] < 0x80 && (s[pos] != 0 || !at_end(lx, pos)))
        pos++;
    if (s[pos] == quote) {
        t->type = TOK_STRING;
        t->u.str = js_lex_intern8(ctx, s + start + 1, pos - start - 1);
        lx->pos = pos + 1;
        return;
    }
    uint32_t len = 0;
    buf_reserve(ctx, pos - start + 16);
    for (uint32_t i = start + 1; i < pos; i++)
        ctx->buf[len++] = s[i];
    bool legacy = false;
    for (;;) {
        uint32_t c = s[pos];
        if (c == quote) {
            pos++;
            break;
        }
        if (c == '\\') {
            bool was_legacy = legacy;
            uint32_t esc = pos;
            pos++;
            int32_t v = scan_escape(lx, &pos, false, &legacy);
            if (legacy && !was_legacy)
                t->bad_pos = esc;
            t->flags |= TOKF_ESCAPED;
            if (v >= 0) {
                if (v >= 0x10000 || len + 2 > ctx->buf_cap)
                    buf_put(ctx, &len, (uint32_t)v);
                else
                    ctx->buf[len++] = (uint16_t)v;
            }
            continue;
        }
        if (c == '\n' || c == '\r' || (c == 0 && at_end(lx, pos)))
            lex_error(lx, start, "unterminated string literal");
        uint32_t n = 1;
        if (c >= 0x80) {
            c = utf8_decode(s + pos, &n);
            if (c == 0x2028 || c == 0x2029)
                new_line(lx, pos + n);
            else
                wide_char(lx, n);
        }
        buf_put(ctx, &len, c);
        pos += n;
    }
    if (legacy)
        t->flags |= TOKF_LEGACY_OCTAL;
    t->type = TOK_STRING;
    t->u.str = js_lex_intern16(ctx, ctx->buf, len);
    lx->pos = pos;
}

/* the template raw value of src[start..end): source text with CRLF and CR
   turned into LF */
static JSAstString *template_raw(JSLexer *lx, uint32_t start, uint32_t end)
{
    const uint8_t *s = lx->src;
    JSParseCtx *ctx = lx->ctx;
    uint32_t len = 0;
    for (uint32_t pos = start; pos < end;) {
        uint32_t c = s[pos], n = 1;
        if (c == '\r') {
            c = '\n';
            if (s[pos + 1] == '\n')
                n = 2;
        } else if (c >= 0x80) {
            c = utf8_decode(s + pos, &n);
        }
        buf_put(ctx, &len, c);
        pos += n;
    }
    return js_lex_intern16(ctx, ctx->buf, len);
}

/* scans template characters from pos (after ` or }) up to and including
   the closing ` or ${ */
static void scan_template(JSLexer *lx, uint32_t start, uint32_t pos, JSToken *t)
{
    const uint8_t *s = lx->src;
    JSParseCtx *ctx = lx->ctx;
    uint32_t body = pos, len = 0;
    bool valid = true;
    t->type = TOK_TEMPLATE;
    for (;;) {
        uint32_t c = s[pos];
        if (c == '`') {
            t->flags |= TOKF_TEMPLATE_TAIL;
            break;
        }
        if (c == '$' && s[pos + 1] == '{')
            break;
        if (c == '\\') {
            bool legacy = false;
            uint32_t esc = pos;
            pos++;
            t->flags |= TOKF_ESCAPED;
            int32_t v = scan_escape(lx, &pos, true, &legacy);
            if (v == ESC_INVALID && valid) {
                valid = false;
                t->bad_pos = esc;
            }
            if (v >= 0 && valid)
                buf_put(ctx, &len, (uint32_t)v);
            continue;
        }
        if (c == 0 && at_end(lx, pos))
            lex_error(lx, start, "unterminated template literal");
        uint32_t n = 1;
        if (c == '\r') {
            c = '\n';
            if (s[pos + 1] == '\n')
                n = 2;
            new_line(lx, pos + n);
        } else if (c == '\n') {
            new_line(lx, pos + 1);
        } else if (c >= 0x80) {
            c = utf8_decode(s + pos, &n);
            if (c == 0x2028 || c == 0x2029)
                new_line(lx, pos + n);
            else
                wide_char(lx, n);
        }
        if (valid)
            buf_put(ctx, &len, c);
        pos += n;
    }
    t->u.tpl.cooked = valid ? js_lex_intern16(ctx, ctx->buf, len) : NULL;
    t->u.tpl.raw = template_raw(lx, body, pos);
    lx->pos = pos + ((t->flags & TOKF_TEMPLATE_TAIL) ? 1 : 2);
}

/* ---------------------------------------------------------------------
 * Regular expressions
 * ------------------------------------------------------------------- */

static bool is_line_terminator_at(const uint8_t *s, uint32_t pos)
{
    return s[pos] == '\n' || s[pos] == '\r' ||
           (s[pos] == 0xE2 && s[pos + 1] == 0x80 && (s[pos + 2] == 0xA8 || s[pos + 2] == 0xA9));
}

static JSAstString *intern_source(JSLexer *lx, uint32_t start, uint32_t end)
{
    const uint8_t *s = lx->src;
    uint32_t i = start;
    while (i < end && s[i] < 0x80)
        i++;
    if (i == end)
        return js_lex_intern8(lx->ctx, s + start, end - start);
    return js_lex_intern_utf8(lx->ctx, (const char *)s + start, end - start);
}

void js_lex_rescan_regexp(JSLexer *lx)
{
    const uint8_t *s = lx->src;
    lx->has_peek = false;
    JSToken *t = &lx->tok;
    uint32_t start = t->start, pos = start + 1;
    bool in_class = false;
    for (;;) {
        uint32_t c = s[pos];
        if ((c == 0 && at_end(lx, pos)) || is_line_terminator_at(s, pos))
            lex_error(lx, start, "unterminated regular expression literal");
        if (c == '\\') {
            pos++;
            if ((s[pos] == 0 && at_end(lx, pos)) || is_line_terminator_at(s, pos))
                lex_error(lx, start, "unterminated regular expression literal");
            c = s[pos];
        } else if (c == '[') {
            in_class = true;
        } else if (c == ']') {
            in_class = false;
        } else if (c == '/' && !in_class) {
            break;
        }
        if (c >= 0x80) {
            uint32_t n;
            utf8_decode(s + pos, &n);
            wide_char(lx, n);
            pos += n;
        } else {
            pos++;
        }
    }
    uint32_t body_end = pos++;
    uint32_t flags_start = pos;
    unsigned seen = 0;
    for (;;) {
        uint32_t c = s[pos], n = 1;
        if (c >= 0x80)
            c = utf8_decode(s + pos, &n);
        if (c == '\\')
            lex_error(lx, pos, "invalid regular expression flags");
        if (!is_id_part(c))
            break;
        const char *valid = "dgimsuyv";
        const char *f = c < 128 ? strchr(valid, (int)c) : NULL;
        if (!f || c == 0)
            lex_error(lx, pos, "invalid regular expression flags");
        unsigned bit = 1u << (f - valid);
        if (seen & bit)
            lex_error(lx, pos, "duplicate regular expression flag");
        seen |= bit;
        pos += n;
    }
    if ((seen & (1u << 5)) && (seen & (1u << 7)))
        lex_error(lx, flags_start, "regular expression flags 'u' and 'v' are exclusive");
    t->type = TOK_REGEXP;
    t->end = pos;
    t->u.re.pattern = intern_source(lx, start + 1, body_end);
    t->u.re.flags = js_lex_intern8(lx->ctx, s + flags_start, pos - flags_start);
    /* the pattern's early errors are the script's (a SyntaxError before
       any of it runs) */
    {
        const JSAstString *re = t->u.re.pattern;
        const char *msg = js_re_check_literal(
            re->wide ? (const void *)re->u.chars16 : (const void *)re->u.chars8, re->len,
            re->wide, (const uint8_t *)s + flags_start, pos - flags_start);
        if (msg)
            lex_error(lx, start, msg);
    }
    lx->pos = pos;
}

void js_lex_rescan_template(JSLexer *lx)
{
    JSToken *t = &lx->tok;
    lx->has_peek = false;
    uint8_t keep = t->flags & TOKF_NL_BEFORE;
    t->flags = keep;
    scan_template(lx, t->start, t->start + 1, t);
    t->end = lx->pos;
}

/* ---------------------------------------------------------------------
 * Punctuators
 * ------------------------------------------------------------------- */

/* returns the punctuator at pos and sets *len, or TOK_EOF if none */
static int scan_punct(const uint8_t *s, uint32_t pos, uint32_t *len)
{
    uint8_t c = s[pos], c1 = s[pos + 1], c2 = c1 ? s[pos + 2] : 0;
    *len = 1;
#define P2(ch, tok2)         \
    if (c1 == (ch)) {        \
        *len = 2;            \
        return tok2;         \
    }
#define P3(ch1, ch2, tok3)                \
    if (c1 == (ch1) && c2 == (ch2)) {     \
        *len = 3;                         \
        return tok3;                      \
    }
    switch (c) {
    case '{':
        return TOK_LBRACE;
    case '}':
        return TOK_RBRACE;
    case '(':
        return TOK_LPAREN;
    case ')':
        return TOK_RPAREN;
    case '[':
        return TOK_LBRACKET;
    case ']':
        return TOK_RBRACKET;
    case ';':
        return TOK_SEMI;
    case ',':
        return TOK_COMMA;
    case ':':
        return TOK_COLON;
    case '~':
        return TOK_TILDE;
    case '.':
        P3('.', '.', TOK_ELLIPSIS);
        return TOK_DOT;
    case '?':
        P3('?', '=', TOK_QQ_ASSIGN);
        P2('?', TOK_QQ);
        if (c1 == '.' && !is_digit(c2)) {
            *len = 2;
            return TOK_OPTIONAL_CHAIN;
        }
        return TOK_QUESTION;
    case '<':
        P3('<', '=', TOK_SHL_ASSIGN);
        P2('<', TOK_SHL);
        P2('=', TOK_LE);
        return TOK_LT;
    case '>':
        if (c1 == '>' && c2 == '>') {
            if (s[pos + 3] == '=') {
                *len = 4;
                return TOK_SHR_ASSIGN;
            }
            *len = 3;
            return TOK_SHR;
        }
        P3('>', '=', TOK_SAR_ASSIGN);
        P2('>', TOK_SAR);
        P2('=', TOK_GE);
        return TOK_GT;
    case '=':
        P3('=', '=', TOK_STRICT_EQ);
        P2('=', TOK_EQ);
        P2('>', TOK_ARROW);
        return TOK_ASSIGN;
    case '!':
        P3('=', '=', TOK_STRICT_NE);
        P2('=', TOK_NE);
        return TOK_BANG;
    case '+':
        P2('+', TOK_INC);
        P2('=', TOK_PLUS_ASSIGN);
        return TOK_PLUS;
    case '-':
        P2('-', TOK_DEC);
        P2('=', TOK_MINUS_ASSIGN);
        return TOK_MINUS;
    case '*':
        P3('*', '=', TOK_STAR_STAR_ASSIGN);
        P2('*', TOK_STAR_STAR);
        P2('=', TOK_STAR_ASSIGN);
        return TOK_STAR;
    case '/':
        P2('=', TOK_SLASH_ASSIGN);
        return TOK_SLASH;
    case '%':
        P2('=', TOK_PERCENT_ASSIGN);
        return TOK_PERCENT;
    case '&':
        P3('&', '=', TOK_AND_AND_ASSIGN);
        P2('&', TOK_AND_AND);
        P2('=', TOK_AMP_ASSIGN);
        return TOK_AMP;
    case '|':
        P3('|', '=', TOK_OR_OR_ASSIGN);
        P2('|', TOK_OR_OR);
        P2('=', TOK_PIPE_ASSIGN);
        return TOK_PIPE;
    case '^':
        P2('=', TOK_CARET_ASSIGN);
        return TOK_CARET;
    default:
        return TOK_EOF;
    }
#undef P2
#undef P3
}

/* ---------------------------------------------------------------------
 * Driver
 * ------------------------------------------------------------------- */

/* true when offset pos of src begins the source or follows a line
   terminator (LF, CR, U+2028, U+2029) */
static bool js_lex_at_line_head(const uint8_t *src, uint32_t pos)
{
    if (pos == 0 || src[pos - 1] == '\n' || src[pos - 1] == '\r')
        return true;
    return pos >= 3 && src[pos - 3] == 0xE2 && src[pos - 2] == 0x80 &&
           (src[pos - 1] == 0xA8 || src[pos - 1] == 0xA9);
}

void js_lex_init(JSLexer *lx, JSParseCtx *ctx, uint32_t start, uint32_t end,
                 bool html_comments, bool hashbang)
{
    memset(lx, 0, sizeof(*lx));
    lx->ctx = ctx;
    lx->src = ctx->scan;
    lx->pos = start;
    lx->end = end;
    /* line_start is placed so that the column of `start` comes out right
       even when the region starts in the middle of a line */
    uint32_t line, col;
    js_lex_position(ctx, start, &line, &col);
    lx->line = line;
    lx->line_start = start - (col - 1);
    lx->line_adj = 0;
    /* a region that starts mid-line (the parameters of Function(...)) is
       not at a line's head, where --> would open a comment */
    lx->at_start = js_lex_at_line_head(lx->src, start);
    lx->html_comments = html_comments;
    if (hashbang && lx->src[start] == '#' && lx->src[start + 1] == '!')
        lx->pos = skip_line_comment(lx, start + 2);
}

void js_lex_next(JSLexer *lx)
{
    JSToken *t = &lx->tok;
    if (lx->has_peek) {
        lx->has_peek = false;
        *t = lx->peek_tok;
        lx->pos = lx->peek_pos;
        lx->line = lx->peek_line;
        lx->line_start = lx->peek_line_start;
        lx->line_adj = lx->peek_line_adj;
        lx->at_start = false;
        return;
    }
    bool nl = skip_space(lx);
    const uint8_t *s = lx->src;
    uint32_t pos = lx->pos;
    t->flags = nl ? TOKF_NL_BEFORE : 0;
    t->cw = 0;
    t->start = pos;
    t->line = lx->line;
    t->col = pos - lx->line_start - lx->line_adj + 1;
    uint32_t c = s[pos];
    if (c < 128 && (ascii_class[c] & 1)) {
        scan_ident(lx, pos, t);
    } else if (is_digit(c) || (c == '.' && is_digit(s[pos + 1]))) {
        scan_number(lx, pos, t);
    } else if (c == '"' || c == '\'') {
        scan_string(lx, pos, t);
    } else if (c == '`') {
        scan_template(lx, pos, pos + 1, t);
    } else if (c == '\\') {
        scan_ident_slow(lx, pos, t);
    } else if (c == '#') {
        uint32_t c1 = s[pos + 1], n = 1;
        if (c1 >= 0x80)
            c1 = utf8_decode(s + pos + 1, &n);
        if (!is_id_start(c1) && c1 != '\\')
            lex_error(lx, pos, "invalid private name");
        scan_ident(lx, pos + 1, t);
        t->type = TOK_PRIVATE_NAME;
        t->flags &= ~(TOKF_ESCAPED | TOKF_RESERVED);
    } else if (c == 0 && at_end(lx, pos)) {
        t->type = TOK_EOF;
    } else if (c >= 0x80) {
        scan_ident_slow(lx, pos, t);
    } else {
        uint32_t len;
        int type = scan_punct(s, pos, &len);
        if (type == TOK_EOF)
            lex_error(lx, pos, "unexpected character");
        t->type = (uint8_t)type;
        lx->pos = pos + len;
    }
    t->end = lx->pos;
}

void js_lex_peek(JSLexer *lx, JSToken *out)
{
    if (!lx->has_peek) {
        JSToken cur = lx->tok;
        uint32_t pos = lx->pos, line = lx->line, line_start = lx->line_start;
        uint32_t line_adj = lx->line_adj;
        bool at_start = lx->at_start;
        js_lex_next(lx);
        lx->peek_tok = lx->tok;
        lx->peek_pos = lx->pos;
        lx->peek_line = lx->line;
        lx->peek_line_start = lx->line_start;
        lx->peek_line_adj = lx->line_adj;
        lx->tok = cur;
        lx->pos = pos;
        lx->line = line;
        lx->line_start = line_start;
        lx->line_adj = line_adj;
        lx->at_start = at_start;
        lx->has_peek = true;
    }
    *out = lx->peek_tok;
}

static const char *const punct_text[] = {
    [TOK_LBRACE] = "{", [TOK_RBRACE] = "}", [TOK_LPAREN] = "(", [TOK_RPAREN] = ")",
    [TOK_LBRACKET] = "[", [TOK_RBRACKET] = "]", [TOK_DOT] = ".", [TOK_ELLIPSIS] = "...",
    [TOK_SEMI] = ";", [TOK_COMMA] = ",", [TOK_QUESTION] = "?", [TOK_OPTIONAL_CHAIN] = "?.",
    [TOK_COLON] = ":", [TOK_ARROW] = "=>", [TOK_INC] = "++", [TOK_DEC] = "--",
    [TOK_BANG] = "!", [TOK_TILDE] = "~", [TOK_QQ] = "??", [TOK_OR_OR] = "||",
    [TOK_AND_AND] = "&&", [TOK_PIPE] = "|", [TOK_CARET] = "^", [TOK_AMP] = "&",
    [TOK_EQ] = "==", [TOK_NE] = "!=", [TOK_STRICT_EQ] = "===", [TOK_STRICT_NE] = "!==",
    [TOK_LT] = "<", [TOK_GT] = ">", [TOK_LE] = "<=", [TOK_GE] = ">=", [TOK_SHL] = "<<",
    [TOK_SAR] = ">>", [TOK_SHR] = ">>>", [TOK_PLUS] = "+", [TOK_MINUS] = "-",
    [TOK_STAR] = "*", [TOK_SLASH] = "/", [TOK_PERCENT] = "%", [TOK_STAR_STAR] = "**",
    [TOK_ASSIGN] = "=", [TOK_PLUS_ASSIGN] = "+=", [TOK_MINUS_ASSIGN] = "-=",
    [TOK_STAR_ASSIGN] = "*=", [TOK_SLASH_ASSIGN] = "/=", [TOK_PERCENT_ASSIGN] = "%=",
    [TOK_STAR_STAR_ASSIGN] = "**=", [TOK_SHL_ASSIGN] = "<<=", [TOK_SAR_ASSIGN] = ">>=",
    [TOK_SHR_ASSIGN] = ">>>=", [TOK_AMP_ASSIGN] = "&=", [TOK_PIPE_ASSIGN] = "|=",
    [TOK_CARET_ASSIGN] = "^=", [TOK_AND_AND_ASSIGN] = "&&=", [TOK_OR_OR_ASSIGN] = "||=",
    [TOK_QQ_ASSIGN] = "?\?=",
};

const char *js_lex_token_text(int type)
{
    if (type >= TOK_FIRST_KEYWORD && type <= TOK_LAST_KEYWORD) {
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
            if (words[i].tok == type)
                return words[i].text;
        }
    }
    if (type > 0 && (size_t)type < sizeof(punct_text) / sizeof(punct_text[0]) && punct_text[type])
        return punct_text[type];
    return "?";
}

void js_lex_describe(const JSLexer *lx, const JSToken *t, char *buf, size_t size)
{
    switch (t->type) {
    case TOK_EOF:
        snprintf(buf, size, "end of input");
        return;
    case TOK_NUMBER:
    case TOK_BIGINT:
        snprintf(buf, size, "number");
        return;
    case TOK_STRING:
        snprintf(buf, size, "string");
        return;
    case TOK_TEMPLATE:
        snprintf(buf, size, "template literal");
        return;
    case TOK_REGEXP:
        snprintf(buf, size, "regular expression");
        return;
    default: {
        uint32_t len = t->end - t->start;
        if (len > 32)
            len = 32;
        snprintf(buf, size, "'%.*s'", (int)len, (const char *)lx->src + t->start);
        return;
    }
    }
}
