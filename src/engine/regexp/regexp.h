/*
 * regexp.h — the regular expression engine: a compiler from pattern text
 * to a bytecode program, and a backtracking matcher that runs a program
 * over a Latin-1 or UTF-16 subject.
 *
 * The engine knows nothing about JSValues: the caller hands it character
 * buffers and an environment (JSReEnv) with an allocator, an interrupt
 * poll and a stack check, and gets back capture positions. The RegExp
 * builtin (builtins/regexp.c) turns those into JS objects.
 *
 * The matcher never recurses in C: backtracking state lives on an explicit
 * heap stack, so a hostile pattern can exhaust memory (and fail cleanly
 * with JS_RE_ERROR_MEMORY) but not the C stack; it polls env->interrupt
 * regularly so catastrophic backtracking can be stopped.
 */
#ifndef WEFT_REGEXP_H
#define WEFT_REGEXP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* flag bits, one per RegExp flag letter */
#define JS_RE_FLAG_GLOBAL (1 << 0)       /* g */
#define JS_RE_FLAG_IGNORECASE (1 << 1)   /* i */
#define JS_RE_FLAG_MULTILINE (1 << 2)    /* m */
#define JS_RE_FLAG_DOTALL (1 << 3)       /* s */
#define JS_RE_FLAG_UNICODE (1 << 4)      /* u */
#define JS_RE_FLAG_STICKY (1 << 5)       /* y */
#define JS_RE_FLAG_HAS_INDICES (1 << 6)  /* d */
#define JS_RE_FLAG_UNICODE_SETS (1 << 7) /* v */

/* The environment of a compilation or a match. Every field may be used
   from one thread at a time only (it normally wraps a JSRuntime). */
typedef struct JSReEnv {
    void *opaque;
    /* realloc(opaque, NULL, n) allocates, realloc(opaque, p, 0) frees and
       returns NULL; a NULL result for n > 0 means out of memory */
    void *(*realloc)(void *opaque, void *ptr, size_t size);
    /* polled while matching: non-zero stops the match (JS_RE_INTERRUPTED);
       may be NULL */
    int (*interrupt)(void *opaque);
    /* polled by the recursive parts of the compiler (nesting depth): true
       when the C stack is nearly exhausted; may be NULL */
    bool (*stack_overflow)(void *opaque);
} JSReEnv;

/* A compiled program: one immutable block owned by whoever compiled it,
   freed with js_re_free. Its layout is private to the engine. */
typedef struct JSReProgram JSReProgram;

/* parses flag letters into JS_RE_FLAG_* bits; -1 on an unknown or
   repeated letter, or when u and v are both given */
int js_re_parse_flags(const uint16_t *flags16, const uint8_t *flags8, uint32_t len);

/* Compiles pattern (len units: Latin-1 bytes when !wide, else UTF-16)
   with the given flags. Returns the program, or NULL: then *perror holds
   a static message ("out of memory" for an allocation failure, else the
   SyntaxError text) and *pis_oom tells which. */
JSReProgram *js_re_compile(const void *pattern, uint32_t len, bool wide, int flags,
                           const JSReEnv *env, const char **perror, bool *pis_oom);
void js_re_free(const JSReEnv *env, JSReProgram *prog);

/* The early errors of a regular expression literal, for the parser:
   NULL when pattern and flags (Latin-1 letters) are valid, else the
   SyntaxError message. Needs no environment (allocates with malloc; an
   allocation failure reports the literal as valid, leaving the error to
   the RegExp constructor). */
const char *js_re_check_literal(const void *pattern, uint32_t len, bool wide,
                                const uint8_t *flags, uint32_t flags_len);

/* the size of the program block in bytes: it holds no pointers, so a
   copy of the bytes (at a 4-byte aligned address) is the same program */
uint32_t js_re_get_size(const JSReProgram *prog);
/* the flags the program was compiled with */
int js_re_get_flags(const JSReProgram *prog);
/* the number of capture groups, group 0 (the whole match) included */
int js_re_get_capture_count(const JSReProgram *prog);
/* the name of capture group idx (1 ..), as UTF-16 units in *plen, or NULL
   when the group is not named. Duplicate names are allowed in different
   alternatives: several groups may then return the same name. */
const uint16_t *js_re_get_group_name(const JSReProgram *prog, int idx, uint32_t *plen);
/* true when some group is named */
bool js_re_has_named_groups(const JSReProgram *prog);

enum {
    JS_RE_NO_MATCH = 0,
    JS_RE_MATCH = 1,
    JS_RE_ERROR_MEMORY = -1,
    JS_RE_INTERRUPTED = -2,
};

/* Runs prog over subject (len units, Latin-1 when !wide) starting at
   index start (<= len). On a match, captures[2 * i] and [2 * i + 1] hold
   the start and end of group i (-1 when it did not participate), for
   every i < js_re_get_capture_count(prog). A sticky match must begin at
   start, else it may begin anywhere at or after it. (Sticky is an
   argument rather than the program's y flag so that programs differing
   only in y are one program.) Returns JS_RE_MATCH, JS_RE_NO_MATCH,
   JS_RE_ERROR_MEMORY or JS_RE_INTERRUPTED. */
int js_re_exec(const JSReProgram *prog, const void *subject, uint32_t len, bool wide,
               uint32_t start, bool sticky, int32_t *captures, const JSReEnv *env);

#endif /* WEFT_REGEXP_H */
