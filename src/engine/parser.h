/*
 * parser.h — the JavaScript front end: source text to AST (ast.h).
 *
 * One call parses a Script, a Module, eval code or the pieces of a
 * `new Function(...)`, checks every early error of the specification
 * (ECMAScript 2025 with Annex B, plus `using` declarations) and returns
 * either the tree or the first error. The parser knows nothing about the
 * engine's runtime: memory comes from the allocator callbacks of the
 * options, and the whole tree is freed at once by js_parse_result_free().
 *
 * Thread safety: no global mutable state; any number of parses may run at
 * once on different threads.
 */
#ifndef WEFT_PARSER_H
#define WEFT_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

typedef enum JSParseGoal {
    JS_PARSE_SCRIPT,
    JS_PARSE_MODULE,
    /* eval code (PerformEval): direct or indirect; context_flags describe the
       caller of a direct eval */
    JS_PARSE_EVAL,
    /* CreateDynamicFunction: the source is the whole synthesized text
           <prefix> " anonymous(" P "\n) {" "\n" body "\n" "}"
       where prefix is "function", "function*", "async function" or
       "async function*" (matching function_kind). params_* and body_* give
       the byte ranges of P and of "\n" body "\n": each is parsed on its
       own (FormalParameters, FunctionBody), so text in one can't close the
       other, then the function as a whole is checked. The result is a
       PROGRAM whose single statement is an EXPRESSION_STATEMENT holding the
       FUNCTION_EXPRESSION (flag JS_FUNC_DYNAMIC, no id). */
    JS_PARSE_FUNCTION,
} JSParseGoal;

/* context_flags: what the code around a direct eval allows */
enum {
    JS_PARSE_CTX_NEW_TARGET = 1 << 0,     /* inside a non-arrow function */
    JS_PARSE_CTX_SUPER_PROPERTY = 1 << 1, /* inside a method */
    JS_PARSE_CTX_SUPER_CALL = 1 << 2,     /* inside a derived constructor */
    JS_PARSE_CTX_FIELD_INIT = 1 << 3,     /* inside a class field initializer:
                                             `arguments` is an early error */
    JS_PARSE_CTX_DIRECT_EVAL = 1 << 4,    /* a direct eval (else indirect); the
                                             parse itself depends only on the
                                             other flags and `strict` */
};

typedef enum JSParseFunctionKind {
    JS_PARSE_FUNC_NORMAL,
    JS_PARSE_FUNC_GENERATOR,
    JS_PARSE_FUNC_ASYNC,
    JS_PARSE_FUNC_ASYNC_GENERATOR,
} JSParseFunctionKind;

typedef struct JSParseName {
    const char *name; /* UTF-8 */
    size_t len;
} JSParseName;

typedef struct JSParseOptions {
    JSParseGoal goal;
    bool strict; /* start in strict mode (eval inside strict code, ...);
                    modules are always strict */
    /* the source is a JS string's text (eval, Function): it may hold lone
       surrogates, as 3-byte sequences (WTF-8) */
    bool wtf8;
    uint32_t context_flags; /* JS_PARSE_CTX_* (eval only) */
    /* private names (without '#') declared by the classes enclosing a
       direct eval: references to them are valid */
    const JSParseName *private_names;
    uint32_t private_name_count;
    /* JS_PARSE_FUNCTION only */
    JSParseFunctionKind function_kind;
    uint32_t params_start, params_end, body_start, body_end;
    /* deepest allowed stack address (the stack grows down); 0: no check */
    uintptr_t stack_limit;
    /* every byte of the AST comes from here; malloc returns NULL on failure */
    void *(*malloc)(void *opaque, size_t size);
    void (*free)(void *opaque, void *ptr);
    void *opaque;
} JSParseOptions;

typedef enum JSParseErrorKind {
    JS_PARSE_OK,
    JS_PARSE_SYNTAX_ERROR,
    JS_PARSE_OUT_OF_MEMORY,
    JS_PARSE_STACK_OVERFLOW,
} JSParseErrorKind;

typedef struct JSParseError {
    JSParseErrorKind kind;
    uint32_t offset; /* byte offset of the error in the source */
    uint32_t line;   /* 1-based */
    uint32_t col;    /* 1-based, in UTF-16 code units */
    char message[160];
} JSParseError;

typedef struct JSAstChunk JSAstChunk;

typedef struct JSParseResult {
    JSNode *program; /* PROGRAM, or NULL after an error */
    JSParseError error;
    /* private: the arena that owns the tree */
    JSAstChunk *chunks;
    void (*free)(void *opaque, void *ptr);
    void *opaque;
} JSParseResult;

/* Parses source[0..len) (UTF-8; source[len] must be 0) into *res, which
   the caller provides (it may be on the stack). Returns res->error.kind.
   Whatever the outcome, release res with js_parse_result_free(). */
JSParseErrorKind js_parse(JSParseResult *res, const char *source, size_t len,
                          const JSParseOptions *opts);
void js_parse_result_free(JSParseResult *res);

#endif /* WEFT_PARSER_H */
