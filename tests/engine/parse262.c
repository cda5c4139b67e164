/*
 * parse262.c — runs the parser alone over test262 (read in place, never
 * copied): every test is parsed with the goal and strictness its
 * frontmatter asks for, and passes if it parses, or, for tests whose
 * negative phase is `parse`, if it fails with a SyntaxError.
 *
 *   parse262 [-v] [-l] [DIR]
 *     DIR  test262 directory or a subdirectory of it (default
 *          ../shared/test262/test relative to the repo, or the
 *          TEST262 environment variable)
 *     -l   list failing files
 *     -v   also print the parser's error for each listed failure
 *     -n   print the error found for each negative test that passes
 *     -c   check the invariants of every tree (ranges, positions, scopes)
 *     -z N also parse N truncated or damaged copies of each file (must not
 *          crash or leak; run it under the sanitizers)
 *
 * Tests of proposals the engine doesn't implement (by `features`) are
 * skipped. Negative tests that only fail because RegExp patterns are not
 * validated yet (the RegExp engine does that) are counted apart.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../../src/engine/parser.h"

static const char *const unsupported_features[] = {
    "decorators",
    "import-defer",
    "source-phase-imports",
    "source-phase-imports-module-source",
    NULL,
};

typedef struct Dir {
    char name[64];
    int pass, fail, regexp;
} Dir;

static Dir dirs[256];
static int ndirs;
static int list_failures, verbose, show_negative;
static int fuzz_variants; /* -z N: also parse N damaged copies of each file */
static int check_ast;     /* -c: check invariants of every tree */
static long ast_nodes, ast_errors;
static unsigned long fuzz_seed = 12345;
static long live_allocs;
static int total_files, skipped;

static void *t_malloc(void *opaque, size_t size)
{
    (void)opaque;
    void *p = malloc(size);
    if (p)
        live_allocs++;
    return p;
}

static void t_free(void *opaque, void *ptr)
{
    (void)opaque;
    if (ptr)
        live_allocs--;
    free(ptr);
}

static Dir *dir_for(const char *rel)
{
    char name[64];
    /* language/<sub>, or the first component */
    const char *slash = strchr(rel, '/');
    size_t len = slash ? (size_t)(slash - rel) : strlen(rel);
    if (slash && len == 8 && strncmp(rel, "language", 8) == 0) {
        const char *s2 = strchr(slash + 1, '/');
        len = s2 ? (size_t)(s2 - rel) : strlen(rel);
    }
    if (len >= sizeof(name))
        len = sizeof(name) - 1;
    memcpy(name, rel, len);
    name[len] = 0;
    for (int i = 0; i < ndirs; i++) {
        if (strcmp(dirs[i].name, name) == 0)
            return &dirs[i];
    }
    if (ndirs == 256)
        return &dirs[255];
    Dir *d = &dirs[ndirs++];
    memset(d, 0, sizeof(*d));
    strcpy(d->name, name);
    return d;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 32);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = 0;
    *len = (size_t)n;
    return buf;
}

typedef struct Meta {
    int only_strict, no_strict, module, raw;
    int negative_parse;
    int unsupported;
    int regexp_feature;
} Meta;

/* the list after `key:` on one line, `[a, b]` */
static int list_has(const char *fm, const char *key, const char *item)
{
    const char *k = strstr(fm, key);
    if (!k)
        return 0;
    const char *open = strchr(k, '[');
    const char *eol = strchr(k, '\n');
    if (!open || (eol && open > eol))
        return 0;
    const char *close = strchr(open, ']');
    size_t n = strlen(item);
    for (const char *s = open + 1; s && s < close;) {
        while (*s == ' ' || *s == ',')
            s++;
        if (strncmp(s, item, n) == 0 && (s[n] == ',' || s[n] == ']' || s[n] == ' '))
            return 1;
        s = strchr(s, ',');
        if (s)
            s++;
    }
    return 0;
}

static void parse_meta(const char *src, Meta *m)
{
    memset(m, 0, sizeof(*m));
    const char *start = strstr(src, "/*---");
    const char *end = start ? strstr(start, "---*/") : NULL;
    if (!start || !end)
        return;
    size_t len = (size_t)(end - start);
    char *fm = malloc(len + 1);
    memcpy(fm, start, len);
    fm[len] = 0;
    m->only_strict = list_has(fm, "flags:", "onlyStrict");
    m->no_strict = list_has(fm, "flags:", "noStrict");
    m->module = list_has(fm, "flags:", "module");
    m->raw = list_has(fm, "flags:", "raw");
    const char *neg = strstr(fm, "negative:");
    if (neg) {
        const char *ph = strstr(neg, "phase:");
        if (ph) {
            ph += 6;
            while (*ph == ' ')
                ph++;
            m->negative_parse = strncmp(ph, "parse", 5) == 0;
        }
    }
    for (int i = 0; unsupported_features[i]; i++) {
        if (list_has(fm, "features:", unsupported_features[i]))
            m->unsupported = 1;
    }
    const char *f = strstr(fm, "features:");
    if (f) {
        const char *eol = strchr(f, '\n');
        const char *r = strstr(f, "regexp");
        m->regexp_feature = r && (!eol || r < eol);
    }
    free(fm);
}

/* ---------------------------------------------------------------------
 * AST invariants (-c): every node's range lies within its parent's and
 * the source, its line:column agrees with a fresh count, scope-owning
 * nodes have scopes, and no parser-internal node is left.
 * ------------------------------------------------------------------- */
typedef struct Check {
    const unsigned char *src;
    uint32_t len;
    const JSNode *parent;
    const char *file;
} Check;

static void ast_error(Check *c, const JSNode *n, const char *what)
{
    ast_errors++;
    if (ast_errors <= 30)
        printf("AST %s: %s at [%u,%u) %u:%u: %s\n", c->file,
               n->kind < JS_AST_KIND_COUNT ? js_ast_kind_name((JSNodeKind)n->kind) : "?", n->start,
               n->end, n->line, n->col, what);
}

static void position_of(const unsigned char *s, uint32_t off, uint32_t *line, uint32_t *col)
{
    uint32_t l = 1, c = 1;
    for (uint32_t i = 0; i < off; i++) {
        unsigned char b = s[i];
        if (b == '\n' || (b == '\r' && s[i + 1] != '\n')) {
            l++;
            c = 1;
        } else if (b == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
            l++;
            c = 1;
            i += 2;
        } else if (b != '\r' && (b & 0xC0) != 0x80) {
            c += b >= 0xF0 ? 2 : 1;
        }
    }
    *line = l;
    *col = c;
}

static void check_function(Check *c, const JSNode *n, const JSAstFunction *f, int needs_params)
{
    if (!f->body_scope || (needs_params && !f->param_scope))
        ast_error(c, n, "function without scopes");
    if (f->src_start > f->src_end || f->src_end > c->len)
        ast_error(c, n, "bad function source range");
    if (needs_params && !(f->flags & JS_FUNC_ARROW) && c->src[f->src_end - 1] != '}')
        ast_error(c, n, "function source range does not end with }");
}

static void check_node(void *opaque, JSNode *n)
{
    Check *c = opaque;
    ast_nodes++;
    if (n->kind == 0 || n->kind >= JS_AST_KIND_COUNT) {
        ast_error(c, n, "bad kind");
        return;
    }
    if (n->start > n->end || n->end > c->len)
        ast_error(c, n, "bad range");
    if (c->parent && c->parent->kind != JS_AST_PROGRAM &&
        (n->start < c->parent->start || n->end > c->parent->end))
        ast_error(c, n, "outside its parent");
    uint32_t line, col;
    if (n->kind != JS_AST_PROGRAM) {
        position_of(c->src, n->start, &line, &col);
        if (line != n->line || col != n->col)
            ast_error(c, n, "line:col disagrees with the offset");
    }
    switch (n->kind) {
    case JS_AST_BLOCK:
        if (!n->u.block.scope)
            ast_error(c, n, "block without scope");
        break;
    case JS_AST_FOR:
    case JS_AST_FOR_IN:
    case JS_AST_FOR_OF:
        if (!(n->kind == JS_AST_FOR ? n->u.for_stmt.scope : n->u.for_in.scope))
            ast_error(c, n, "loop without scope");
        break;
    case JS_AST_SWITCH:
        if (!n->u.switch_stmt.scope)
            ast_error(c, n, "switch without scope");
        break;
    case JS_AST_CATCH_CLAUSE:
        if (!n->u.catch_clause.scope)
            ast_error(c, n, "catch without scope");
        break;
    case JS_AST_CLASS_DECLARATION:
    case JS_AST_CLASS_EXPRESSION:
        if (!n->u.klass->scope || c->src[n->u.klass->src_end - 1] != '}')
            ast_error(c, n, "class scope or range");
        break;
    case JS_AST_FUNCTION_DECLARATION:
    case JS_AST_FUNCTION_EXPRESSION:
    case JS_AST_ARROW_FUNCTION:
        check_function(c, n, n->u.func, 1);
        break;
    case JS_AST_STATIC_BLOCK:
        check_function(c, n, n->u.func, 0);
        break;
    case JS_AST_PROGRAM:
        check_function(c, n, n->u.program.func, 0);
        break;
    case JS_AST_IDENTIFIER:
    case JS_AST_PRIVATE_IDENTIFIER:
        if (!n->u.ident.name)
            ast_error(c, n, "identifier without name");
        break;
    default:
        break;
    }
    const JSNode *saved = c->parent;
    c->parent = n;
    js_ast_visit_children(n, check_node, c);
    c->parent = saved;
}

static const char *current_file;

static int run_one(const char *src, size_t len, int goal, JSParseError *err)
{
    JSParseOptions o;
    memset(&o, 0, sizeof(o));
    o.goal = goal;
    o.malloc = t_malloc;
    o.free = t_free;
    JSParseResult res;
    int kind = js_parse(&res, src, len, &o);
    *err = res.error;
    if (check_ast && kind == JS_PARSE_OK) {
        Check c = {(const unsigned char *)src, (uint32_t)len, NULL, current_file};
        check_node(&c, res.program);
    }
    js_parse_result_free(&res);
    return kind;
}

static unsigned long fuzz_rand(void)
{
    fuzz_seed = fuzz_seed * 6364136223846793005ul + 1442695040888963407ul;
    return fuzz_seed >> 33;
}

/* robustness only: truncated and byte-damaged copies must never crash or
   leak, whatever the outcome */
static void fuzz_file(const char *src, size_t len)
{
    static const char junk[] = "()[]{}`'\"/\\*=>?.:;,#@!\n\r\x80\xe2 a0";
    char *buf = malloc(len + 1);
    for (int i = 0; i < fuzz_variants; i++) {
        size_t n = len;
        memcpy(buf, src, len);
        if (i % 2 == 0 && len) {
            n = fuzz_rand() % len;
        } else {
            for (int k = 0; k < 4 && len; k++)
                buf[fuzz_rand() % len] = junk[fuzz_rand() % (sizeof(junk) - 1)];
        }
        buf[n] = 0;
        JSParseError err;
        run_one(buf, n, i % 3 == 0 ? JS_PARSE_MODULE : JS_PARSE_SCRIPT, &err);
    }
    free(buf);
}

static void test_file(const char *path, const char *rel)
{
    size_t len;
    char *src = read_file(path, &len);
    if (!src)
        return;
    total_files++;
    current_file = rel;
    Meta m;
    parse_meta(src, &m);
    if (m.unsupported) {
        skipped++;
        free(src);
        return;
    }
    if (fuzz_variants)
        fuzz_file(src, len);
    Dir *d = dir_for(rel);
    int modes[2], nmodes = 0; /* 0 sloppy, 1 strict, 2 module */
    if (m.module) {
        modes[nmodes++] = 2;
    } else if (m.raw) {
        modes[nmodes++] = 0;
    } else {
        if (!m.only_strict)
            modes[nmodes++] = 0;
        if (!m.no_strict)
            modes[nmodes++] = 1;
    }
    for (int i = 0; i < nmodes; i++) {
        JSParseError err;
        int kind;
        if (modes[i] == 1) {
            static const char prefix[] = "\"use strict\";\n";
            size_t plen = sizeof(prefix) - 1;
            char *s = malloc(len + plen + 1);
            memcpy(s, prefix, plen);
            memcpy(s + plen, src, len + 1);
            kind = run_one(s, len + plen, JS_PARSE_SCRIPT, &err);
            free(s);
        } else {
            kind = run_one(src, len, modes[i] == 2 ? JS_PARSE_MODULE : JS_PARSE_SCRIPT, &err);
        }
        int ok = m.negative_parse ? kind == JS_PARSE_SYNTAX_ERROR : kind == JS_PARSE_OK;
        if (show_negative && m.negative_parse && ok)
            printf("NEG %s: %d:%d: %s\n", rel, err.line, err.col, err.message);
        if (ok) {
            d->pass++;
            continue;
        }
        int regexp = m.negative_parse && kind == JS_PARSE_OK &&
                     (m.regexp_feature || strcasestr(rel, "regexp") != NULL);
        if (regexp)
            d->regexp++;
        else
            d->fail++;
        if (list_failures) {
            const char *mode = modes[i] == 2 ? "module" : modes[i] == 1 ? "strict" : "sloppy";
            if (regexp)
                printf("REGEXP %s (%s)\n", rel, mode);
            else if (kind == JS_PARSE_OK)
                printf("FAIL %s (%s): expected SyntaxError\n", rel, mode);
            else
                printf("FAIL %s (%s): %d:%d: %s\n", rel, mode, err.line, err.col,
                       verbose ? err.message : err.message);
        }
        break;
    }
    free(src);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path, const char *rel)
{
    DIR *dir = opendir(path);
    if (!dir) {
        if (strstr(path, ".js"))
            test_file(path, rel);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof(*names));
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof(*names), cmp_names);
    for (size_t i = 0; i < n; i++) {
        char child[4096], crel[4096];
        snprintf(child, sizeof(child), "%s/%s", path, names[i]);
        snprintf(crel, sizeof(crel), "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (stat(child, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                walk(child, crel);
            else if (strlen(names[i]) > 3 && strcmp(names[i] + strlen(names[i]) - 3, ".js") == 0 &&
                     !strstr(names[i], "_FIXTURE"))
                test_file(child, crel);
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *root = getenv("TEST262");
    const char *sub = NULL;
    if (!root)
        root = "../shared/test262/test";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-l") == 0)
            list_failures = 1;
        else if (strcmp(argv[i], "-v") == 0)
            list_failures = verbose = 1;
        else if (strcmp(argv[i], "-n") == 0)
            show_negative = 1;
        else if (strcmp(argv[i], "-c") == 0)
            check_ast = 1;
        else if (strcmp(argv[i], "-z") == 0 && i + 1 < argc)
            fuzz_variants = atoi(argv[++i]);
        else
            sub = argv[i];
    }
    char base[4096], rel[4096] = "";
    if (sub) {
        /* a path inside test262/test: keep the part after "test/" for names */
        snprintf(base, sizeof(base), "%s", sub);
        const char *t = strstr(sub, "/test/");
        if (t)
            snprintf(rel, sizeof(rel), "%s", t + 6);
        size_t l = strlen(rel);
        if (l && rel[l - 1] == '/')
            rel[l - 1] = 0;
    } else {
        snprintf(base, sizeof(base), "%s", root);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    walk(base, rel);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    int pass = 0, fail = 0, regexp = 0;
    printf("%-44s %8s %6s %7s\n", "directory", "pass", "fail", "regexp");
    for (int i = 0; i < ndirs; i++) {
        Dir *d = &dirs[i];
        printf("%-44s %8d %6d %7d\n", d->name, d->pass, d->fail, d->regexp);
        pass += d->pass;
        fail += d->fail;
        regexp += d->regexp;
    }
    printf("files: %d (%d skipped: unsupported proposals), %.2f s, %.0f files/s\n", total_files,
           skipped, secs, total_files / (secs > 0 ? secs : 1));
    printf("regexp pattern tests deferred to the RegExp engine: %d\n", regexp);
    if (live_allocs)
        printf("LEAK: %ld allocations not freed\n", live_allocs);
    if (check_ast)
        printf("AST check: %ld nodes, %ld errors\n", ast_nodes, ast_errors);
    printf("parse262: %d passed, %d failed\n", pass, fail);
    return fail || live_allocs || ast_errors ? 1 : 0;
}
