/*
 * lexer.h — the JavaScript tokenizer, and the per-parse context it shares
 * with the parser (arena, interned names, the error and its unwind point).
 *
 * The lexer turns UTF-8 source into one token at a time. It does not know
 * the grammar: where `/` starts a regular expression and where `}` resumes
 * a template is decided by the parser, which then asks for a rescan
 * (js_lex_rescan_regexp / js_lex_rescan_template). Keywords that are
 * reserved everywhere get their own token types; contextual words (let,
 * yield, async, of, ...) are TOK_IDENT with a JS_CW_* id, so the parser
 * decides by context and strictness.
 *
 * Errors (lexical or syntactic) and allocation failures never return: they
 * record the error in the context and longjmp to the unwind point set by
 * js_parse(), like Lua's luaD_throw. Nothing is held outside the arena, so
 * unwinding leaks nothing, and the jump never leaves the parser.
 */
#ifndef WEFT_LEXER_H
#define WEFT_LEXER_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "parser.h"

/* ---------------------------------------------------------------------
 * Arena (implemented in ast.c)
 * ------------------------------------------------------------------- */
typedef struct JSAstArena {
    JSAstChunk **chunks; /* owned by the JSParseResult */
    void *(*malloc)(void *opaque, size_t size);
    void (*free)(void *opaque, void *ptr);
    void *opaque;
    size_t next_chunk;
} JSAstArena;

void js_ast_arena_init(JSAstArena *a, JSAstChunk **chunks, void *(*m)(void *, size_t),
                       void (*f)(void *, void *), void *opaque);
void *js_ast_arena_alloc(JSAstArena *a, size_t size); /* NULL on failure */
void js_ast_arena_free_all(JSAstChunk **chunks, void (*f)(void *, void *), void *opaque);

/* ---------------------------------------------------------------------
 * Tokens
 * ------------------------------------------------------------------- */
enum {
    TOK_EOF,
    TOK_IDENT,
    TOK_PRIVATE_NAME, /* #name */
    TOK_NUMBER,
    TOK_BIGINT,
    TOK_STRING,
    TOK_TEMPLATE, /* a template part: `...${  }...${  }...` */
    TOK_REGEXP,
    /* punctuators */
    TOK_LBRACE, TOK_RBRACE, TOK_LPAREN, TOK_RPAREN, TOK_LBRACKET, TOK_RBRACKET,
    TOK_DOT, TOK_ELLIPSIS, TOK_SEMI, TOK_COMMA, TOK_QUESTION, TOK_OPTIONAL_CHAIN,
    TOK_COLON, TOK_ARROW, TOK_INC, TOK_DEC, TOK_BANG, TOK_TILDE,
    /* binary operators, in the order of the binary_ops table of parser_expr.c */
    TOK_QQ, TOK_OR_OR, TOK_AND_AND, TOK_PIPE, TOK_CARET, TOK_AMP,
    TOK_EQ, TOK_NE, TOK_STRICT_EQ, TOK_STRICT_NE,
    TOK_LT, TOK_GT, TOK_LE, TOK_GE,
    TOK_SHL, TOK_SAR, TOK_SHR,
    TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_PERCENT, TOK_STAR_STAR,
    /* assignment operators */
    TOK_ASSIGN, TOK_PLUS_ASSIGN, TOK_MINUS_ASSIGN, TOK_STAR_ASSIGN, TOK_SLASH_ASSIGN,
    TOK_PERCENT_ASSIGN, TOK_STAR_STAR_ASSIGN, TOK_SHL_ASSIGN, TOK_SAR_ASSIGN,
    TOK_SHR_ASSIGN, TOK_AMP_ASSIGN, TOK_PIPE_ASSIGN, TOK_CARET_ASSIGN,
    TOK_AND_AND_ASSIGN, TOK_OR_OR_ASSIGN, TOK_QQ_ASSIGN,
    /* reserved words */
    TOK_FIRST_KEYWORD,
    TOK_BREAK = TOK_FIRST_KEYWORD, TOK_CASE, TOK_CATCH, TOK_CLASS, TOK_CONST, TOK_CONTINUE,
    TOK_DEBUGGER, TOK_DEFAULT, TOK_DELETE, TOK_DO, TOK_ELSE, TOK_ENUM, TOK_EXPORT,
    TOK_EXTENDS, TOK_FALSE, TOK_FINALLY, TOK_FOR, TOK_FUNCTION, TOK_IF, TOK_IMPORT, TOK_IN,
    TOK_INSTANCEOF, TOK_NEW, TOK_NULL, TOK_RETURN, TOK_SUPER, TOK_SWITCH, TOK_THIS,
    TOK_THROW, TOK_TRUE, TOK_TRY, TOK_TYPEOF, TOK_VAR, TOK_VOID, TOK_WHILE, TOK_WITH,
    TOK_LAST_KEYWORD = TOK_WITH,
    TOK_COUNT
};

/* contextual words: JSToken.cw of TOK_IDENT */
enum {
    JS_CW_NONE,
    /* the strict-mode reserved words */
    JS_CW_LET, JS_CW_STATIC, JS_CW_YIELD, JS_CW_IMPLEMENTS, JS_CW_INTERFACE, JS_CW_PACKAGE,
    JS_CW_PRIVATE, JS_CW_PROTECTED, JS_CW_PUBLIC,
    JS_CW_AWAIT, JS_CW_ASYNC, JS_CW_OF, JS_CW_GET, JS_CW_SET, JS_CW_TARGET, JS_CW_META, JS_CW_FROM,
    JS_CW_AS, JS_CW_EVAL, JS_CW_ARGUMENTS, JS_CW_CONSTRUCTOR, JS_CW_PROTOTYPE,
    JS_CW_USING, JS_CW_PROTO, JS_CW_DEFAULT_NAME, JS_CW_DEFAULT, JS_CW_COUNT
};

/* JSToken.flags */
enum {
    TOKF_NL_BEFORE = 1 << 0,    /* a line terminator precedes the token */
    TOKF_ESCAPED = 1 << 1,      /* identifier written with \u escapes; string or
                                   template with any escape or line continuation */
    TOKF_LEGACY_OCTAL = 1 << 2, /* 017 / 08 literal, or string with \1..\7, \0N,
                                   \8, \9 (all errors in strict code) */
    TOKF_TEMPLATE_TAIL = 1 << 3, /* the template part ends with ` */
    TOKF_RESERVED = 1 << 4,     /* TOK_IDENT spelling a reserved word with escapes
                                   (usable only as a property name) */
};

typedef struct JSToken {
    uint8_t type;
    uint8_t cw;
    uint8_t flags;
    uint32_t start, end; /* byte offsets */
    uint32_t line, col;
    uint32_t bad_pos; /* TOK_STRING with TOKF_LEGACY_OCTAL: offset of the escape;
                         TOK_TEMPLATE with cooked NULL: offset of the bad escape */
    union {
        JSAstString *name; /* IDENT, PRIVATE_NAME (without '#'), keywords */
        double num;
        JSAstString *str;
        struct {
            JSAstString *digits;
            int radix;
        } bigint;
        struct {
            JSAstString *cooked; /* NULL if an escape is invalid */
            JSAstString *raw;
        } tpl;
        struct {
            JSAstString *pattern, *flags;
        } re;
    } u;
} JSToken;

/* ---------------------------------------------------------------------
 * Per-parse context
 * ------------------------------------------------------------------- */

/* An interned string: JSAstString pointers handed out by the context are
   always the `str` member of one of these. */
typedef struct JSLexName {
    JSAstString str;
    struct JSLexName *hash_next;
    uint8_t tok; /* the reserved word's token type, or 0 */
    uint8_t cw;  /* JS_CW_* */
    void *bindings; /* the parser's declarations of this name in open scopes */
    uint32_t mark;  /* scratch for the parser's set operations */
} JSLexName;

static inline JSLexName *js_lex_name(JSAstString *s) { return (JSLexName *)s; }

typedef struct JSParseCtx {
    JSAstArena arena;
    JSParseError *error;
    jmp_buf unwind;
    const uint8_t *src;  /* whole source (positions are offsets into it) */
    const uint8_t *scan; /* what the lexer reads: src, or a copy with 0 bytes
                            closing the regions of a Function constructor */
    uint32_t src_len;
    JSLexName **hash;
    uint32_t hash_mask, hash_count;
    uint16_t *buf; /* scratch for decoding strings */
    uint32_t buf_cap;
    JSAstString *cw_names[JS_CW_COUNT]; /* interned contextual words */
} JSParseCtx;

void js_lex_ctx_init(JSParseCtx *ctx);
/* never returns NULL: failure unwinds with an out-of-memory error */
void *js_lex_alloc(JSParseCtx *ctx, size_t size);
/* interning (Latin-1 bytes or UTF-16 units) */
JSAstString *js_lex_intern8(JSParseCtx *ctx, const uint8_t *s, uint32_t len);
JSAstString *js_lex_intern16(JSParseCtx *ctx, const uint16_t *s, uint32_t len);
JSAstString *js_lex_intern_utf8(JSParseCtx *ctx, const char *s, size_t len);

/* errors: record and unwind */
#if defined(__GNUC__)
#define JS_LEX_NORETURN __attribute__((noreturn))
#define JS_LEX_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define JS_LEX_NORETURN
#define JS_LEX_PRINTF(a, b)
#endif
JS_LEX_NORETURN void js_lex_fail(JSParseCtx *ctx, JSParseErrorKind kind, uint32_t offset,
                                 const char *msg);
/* 1-based line and UTF-16 column of a byte offset */
void js_lex_position(const JSParseCtx *ctx, uint32_t offset, uint32_t *line, uint32_t *col);

/* ---------------------------------------------------------------------
 * The lexer
 * ------------------------------------------------------------------- */
typedef struct JSLexer {
    JSParseCtx *ctx;
    const uint8_t *src;
    uint32_t pos, end; /* src[end] must read as 0 */
    uint32_t line, line_start;
    uint32_t line_adj; /* bytes minus UTF-16 units on this line before pos */
    bool html_comments; /* Annex B <!-- and --> (scripts only) */
    bool at_start;      /* before the first token: counts as a line start */
    JSToken tok;
    /* the token after tok when js_lex_peek has scanned it, and the lexer
       position after it, so that js_lex_next does not scan it again */
    bool has_peek;
    JSToken peek_tok;
    uint32_t peek_pos, peek_line, peek_line_start, peek_line_adj;
} JSLexer;

void js_lex_init(JSLexer *lx, JSParseCtx *ctx, uint32_t start, uint32_t end,
                 bool html_comments, bool hashbang);
void js_lex_next(JSLexer *lx);
/* the token after the current one, scanned as if `/` were division */
void js_lex_peek(JSLexer *lx, JSToken *out);
/* the current token is `/` or `/=`: rescan it as a regular expression */
void js_lex_rescan_regexp(JSLexer *lx);
/* the current token is `}`: rescan it as the continuation of a template */
void js_lex_rescan_template(JSLexer *lx);
/* a short printable description of a token for messages */
void js_lex_describe(const JSLexer *lx, const JSToken *t, char *buf, size_t size);

/* the 0-terminated ASCII spelling of a punctuator or keyword token type */
const char *js_lex_token_text(int type);

/* true when s is valid UTF-8; with wtf8, lone surrogates encoded as
   3-byte sequences (the form JS_ToCStringLen gives a JS string's) are
   accepted too */
bool js_lex_is_valid_utf8(const uint8_t *s, uint32_t len, bool wtf8, uint32_t *bad_offset);

#endif /* WEFT_LEXER_H */
