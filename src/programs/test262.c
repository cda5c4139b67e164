/*
 * test262.c — weft-test262, the project's conformance runner over test262.
 *
 * The parent process lists the test files, forks N worker processes and
 * hands them one test at a time through a pipe. A worker runs each test
 * in-process on fresh runtimes (one JSRuntime + JSContext per mode, as
 * INTERPRETING.md asks for a new realm per run) and writes the result
 * back. When a worker dies, the test it was running is recorded as CRASH
 * (with the tail of its stderr) and a new worker takes over the remaining
 * tests; a worker that stops answering is killed and its test recorded as
 * TIMEOUT. The parent then prints pass rates per directory and compares
 * them with a baseline, or, in smoke mode, a fixed sample against a floor.
 *
 * Only the public API (weft.h) is used. Host features that need API the
 * engine does not offer yet are compiled in when weft.h announces them:
 *   WEFT_HAS_JOBS                 JS_ExecutePendingJob (promise jobs)
 *   WEFT_HAS_MODULES              JS_SetModuleLoaderFunc, JSModuleDef
 *   WEFT_HAS_PROMISE_STATE        JS_PromiseState / JS_PromiseResult
 *   WEFT_HAS_DETACH_ARRAY_BUFFER  JS_DetachArrayBuffer ($262.detachArrayBuffer)
 *   WEFT_HAS_IS_HTML_DDA          JS_SetIsHTMLDDA ($262.IsHTMLDDA)
 *   WEFT_HAS_CAN_BLOCK            JS_SetCanBlock (CanBlockIsTrue/False flags), and the
 *                                 Atomics host support: $262.agent (threads sharing
 *                                 SharedArrayBuffers), Atomics.waitAsync timeouts
 * Without them the tests that depend on them simply fail.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "weft.h"

#define MSG_MAX 600         /* failure message kept per test */
#define RECYCLE_AFTER 1000  /* a worker exits after this many tests */
#define HARD_KILL_GRACE 5.0 /* seconds past --timeout before SIGKILL */
#define MAX_LIST 64         /* includes / features / flags per test */
#define MAX_REALMS 64       /* $262.createRealm() calls per test */
#define ERR_TAIL 2048       /* stderr bytes kept per worker */
#define SMOKE_DEFAULT 20    /* --smoke without N: 1 test in 20 */

enum { ST_NONE, ST_PASS, ST_FAIL, ST_TIMEOUT, ST_CRASH, ST_SKIP };
static const char *const status_names[] = {"NONE", "PASS", "FAIL", "TIMEOUT", "CRASH", "SKIP"};

/* ---------------------------------------------------------------------
 * Small utilities
 * ------------------------------------------------------------------- */
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("weft-test262: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static char *str_printf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* formats into a fixed buffer, truncating (messages are informational) */
static void __attribute__((format(printf, 3, 4))) msgf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* the whole file, NUL-terminated (JS_Eval needs input[len] == 0) */
static char *read_file(const char *path, size_t *plen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    if (!f)
        return NULL;
    do {
        if (cap - len < 4096) {
            cap = cap ? cap * 2 : 16384;
            buf = xrealloc(buf, cap + 1);
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    fclose(f);
    buf[len] = '\0';
    if (plen)
        *plen = len;
    return buf;
}

static bool write_full(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* 1 when all read, 0 on EOF before anything was read, -1 on error */
static int read_full(int fd, void *data, size_t len)
{
    char *p = data;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, p + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return got == 0 ? 0 : -1;
        got += (size_t)n;
    }
    return 1;
}

/* a growable array of strings */
typedef struct StrList {
    char **v;
    int n, cap;
} StrList;

static void strlist_push(StrList *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = xrealloc(l->v, sizeof(*l->v) * (size_t)l->cap);
    }
    l->v[l->n++] = s;
}

static bool strlist_contains(const StrList *l, const char *s)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    return false;
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---------------------------------------------------------------------
 * Options
 * ------------------------------------------------------------------- */
static struct {
    const char *root; /* test262 checkout: has test/ and harness/ */
    char *test_dir;   /* root + "/test" */
    int jobs;
    int depth;
    bool verbose;
    double timeout;
    const char *baseline;
    const char *write_baseline;
    int smoke; /* 0, or N: every Nth test */
    const char *floor;
    const char *write_floor;
    const char *results; /* every test's status, one a line */
    size_t memory_limit;
    size_t stack_size; /* 0: the engine's default */
    bool no_fork;
    StrList exclude_features;
    StrList paths;
} opt;

static void usage(void)
{
    printf("usage: weft-test262 [options] [paths...]\n"
           "Runs test262 (paths relative to its test/ directory; default: language built-ins "
           "annexB).\n"
           "  --root DIR              test262 directory (default $WEFT_TEST262 or "
           "../shared/test262)\n"
           "  -j N                    worker processes (default: number of CPUs)\n"
           "  --depth N               directory depth of the table (default 2)\n"
           "  -v, --list-failures     list failing tests with their error\n"
           "  --timeout SEC           per test (default 10)\n"
           "  --baseline FILE         compare pass counts per directory; exit 1 on regression\n"
           "  --write-baseline FILE   write pass counts per directory\n"
           "  --smoke [N]             run 1 test in N only (default 20)\n"
           "  --floor FILE            with --smoke: exit 1 if fewer tests pass than FILE says\n"
           "  --write-floor FILE      with --smoke: record the number of passing tests\n"
           "  --results FILE          write 'STATUS path' for every test\n"
           "  --exclude-features A,B  skip tests that use these features\n"
           "  --memory-limit MIB      per runtime (default 512)\n"
           "  --stack-size KIB        per runtime (default: the engine's)\n"
           "  --no-fork               run in this process (for debuggers; a crash ends the run)\n");
}

static long parse_num(const char *s, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0)
        die("bad number for %s: '%s'", what, s);
    return v;
}

static void split_commas(StrList *l, const char *s)
{
    char *copy = xstrdup(s), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        strlist_push(l, xstrdup(tok));
    free(copy);
}

static void parse_options(int argc, char **argv)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    opt.root = getenv("WEFT_TEST262");
    if (!opt.root || !*opt.root)
        opt.root = "../shared/test262";
    opt.jobs = ncpu > 0 ? (int)ncpu : 1;
    opt.depth = 2;
    opt.timeout = 10;
    opt.memory_limit = (size_t)512 << 20;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VAL()                                                                                 \
    do {                                                                                           \
        if (!val)                                                                                  \
            die("%s needs a value", a);                                                            \
        i++;                                                                                       \
    } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage();
            exit(0);
        } else if (!strcmp(a, "--root")) {
            NEED_VAL();
            opt.root = val;
        } else if (!strcmp(a, "-j")) {
            NEED_VAL();
            opt.jobs = (int)parse_num(val, a);
        } else if (!strncmp(a, "-j", 2) && a[2]) {
            opt.jobs = (int)parse_num(a + 2, "-j");
        } else if (!strcmp(a, "--depth")) {
            NEED_VAL();
            opt.depth = (int)parse_num(val, a);
        } else if (!strcmp(a, "-v") || !strcmp(a, "--list-failures")) {
            opt.verbose = true;
        } else if (!strcmp(a, "--timeout")) {
            NEED_VAL();
            opt.timeout = strtod(val, NULL);
        } else if (!strcmp(a, "--baseline")) {
            NEED_VAL();
            opt.baseline = val;
        } else if (!strcmp(a, "--write-baseline")) {
            NEED_VAL();
            opt.write_baseline = val;
        } else if (!strcmp(a, "--smoke")) {
            /* N is optional: tools/run-tests.sh passes just --smoke */
            opt.smoke = SMOKE_DEFAULT;
            if (val && val[0] >= '0' && val[0] <= '9') {
                opt.smoke = (int)parse_num(val, a);
                i++;
            }
        } else if (!strcmp(a, "--floor")) {
            NEED_VAL();
            opt.floor = val;
        } else if (!strcmp(a, "--write-floor")) {
            NEED_VAL();
            opt.write_floor = val;
        } else if (!strcmp(a, "--results")) {
            NEED_VAL();
            opt.results = val;
        } else if (!strcmp(a, "--exclude-features")) {
            NEED_VAL();
            split_commas(&opt.exclude_features, val);
        } else if (!strcmp(a, "--memory-limit")) {
            NEED_VAL();
            opt.memory_limit = (size_t)parse_num(val, a) << 20;
        } else if (!strcmp(a, "--stack-size")) {
            NEED_VAL();
            opt.stack_size = (size_t)parse_num(val, a) << 10;
        } else if (!strcmp(a, "--no-fork")) {
            opt.no_fork = true;
        } else if (a[0] == '-') {
            die("unknown option %s (see --help)", a);
        } else {
            const char *p = a;
            if (!strncmp(p, "test/", 5))
                p += 5;
            strlist_push(&opt.paths, xstrdup(p));
        }
#undef NEED_VAL
    }
    if (opt.jobs < 1)
        opt.jobs = 1;
    if (opt.depth < 1)
        opt.depth = 1;
    if (opt.timeout <= 0)
        opt.timeout = 10;
    if ((opt.floor || opt.write_floor) && !opt.smoke)
        die("--floor and --write-floor need --smoke N");
    opt.test_dir = str_printf("%s/test", opt.root);
}

/* ---------------------------------------------------------------------
 * Test discovery: every .js file under the given paths except the
 * _FIXTURE files (which tests import), sorted so that runs, tables and
 * the smoke sample are deterministic.
 * ------------------------------------------------------------------- */
static void collect_dir(StrList *out, const char *rel)
{
    char *full = str_printf("%s/%s", opt.test_dir, rel);
    DIR *d = opendir(full);
    struct dirent *e;
    if (!d)
        die("cannot open %s: %s", full, strerror(errno));
    while ((e = readdir(d)) != NULL) {
        char *child, *child_full;
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        child = str_printf("%s/%s", rel, e->d_name);
        child_full = str_printf("%s/%s", opt.test_dir, child);
        if (stat(child_full, &st) == 0 && S_ISDIR(st.st_mode))
            collect_dir(out, child);
        else if (has_suffix(e->d_name, ".js") && !strstr(e->d_name, "_FIXTURE"))
            strlist_push(out, xstrdup(child));
        free(child);
        free(child_full);
    }
    closedir(d);
    free(full);
}

static void collect_tests(StrList *out, const StrList *paths)
{
    for (int i = 0; i < paths->n; i++) {
        char *p = xstrdup(paths->v[i]);
        size_t n = strlen(p);
        char *full;
        struct stat st;
        while (n > 1 && p[n - 1] == '/')
            p[--n] = '\0';
        full = str_printf("%s/%s", opt.test_dir, p);
        if (stat(full, &st) != 0)
            die("no such test or directory: %s", full);
        if (S_ISDIR(st.st_mode))
            collect_dir(out, p);
        else
            strlist_push(out, xstrdup(p));
        free(full);
        free(p);
    }
    qsort(out->v, (size_t)out->n, sizeof(*out->v), cmp_str_ptr);
    /* overlapping path arguments must not run a test twice */
    int k = 0;
    for (int i = 0; i < out->n; i++) {
        if (k > 0 && strcmp(out->v[k - 1], out->v[i]) == 0)
            free(out->v[i]);
        else
            out->v[k++] = out->v[i];
    }
    out->n = k;
}

/* ---------------------------------------------------------------------
 * Frontmatter: the YAML between the comment markers slash-star-dashes and
 * dashes-star-slash. Only the keys a host needs are read: includes,
 * flags, features (inline [a, b] lists or indented "- a" lines) and
 * negative (indented phase/type).
 * ------------------------------------------------------------------- */
enum {
    F_ONLY_STRICT = 1 << 0,
    F_NO_STRICT = 1 << 1,
    F_MODULE = 1 << 2,
    F_RAW = 1 << 3,
    F_ASYNC = 1 << 4,
    F_CAN_BLOCK_TRUE = 1 << 5,
    F_CAN_BLOCK_FALSE = 1 << 6,
};
enum { PHASE_NONE, PHASE_PARSE, PHASE_RESOLUTION, PHASE_RUNTIME };
static const char *const phase_names[] = {"none", "parse", "resolution", "runtime"};

typedef struct TestMeta {
    unsigned flags;
    const char *includes[MAX_LIST];
    int n_includes;
    const char *features[MAX_LIST];
    int n_features;
    int neg_phase;
    const char *neg_type;
    char *text; /* owns the strings above */
} TestMeta;

static char *trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    if (e - s >= 2 && (*s == '"' || *s == '\'') && e[-1] == *s) {
        e[-1] = '\0';
        s++;
    }
    return s;
}

static void meta_add_item(TestMeta *m, const char *key, char *item)
{
    item = trim(item);
    if (!*item)
        return;
    if (!strcmp(key, "includes") && m->n_includes < MAX_LIST) {
        m->includes[m->n_includes++] = item;
    } else if (!strcmp(key, "features") && m->n_features < MAX_LIST) {
        m->features[m->n_features++] = item;
    } else if (!strcmp(key, "flags")) {
        static const struct {
            const char *name;
            unsigned bit;
        } flag_tab[] = {
            {"onlyStrict", F_ONLY_STRICT},
            {"noStrict", F_NO_STRICT},
            {"module", F_MODULE},
            {"raw", F_RAW},
            {"async", F_ASYNC},
            {"CanBlockIsTrue", F_CAN_BLOCK_TRUE},
            {"CanBlockIsFalse", F_CAN_BLOCK_FALSE},
        };
        for (size_t i = 0; i < sizeof(flag_tab) / sizeof(flag_tab[0]); i++)
            if (!strcmp(item, flag_tab[i].name))
                m->flags |= flag_tab[i].bit;
    }
}

static void meta_add_inline_list(TestMeta *m, const char *key, char *list)
{
    char *end = strchr(list, ']'), *save = NULL;
    if (end)
        *end = '\0';
    for (char *tok = strtok_r(list + 1, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        meta_add_item(m, key, tok);
}

static void meta_negative_line(TestMeta *m, char *line)
{
    char *colon = strchr(line, ':');
    char *key, *val;
    if (!colon)
        return;
    *colon = '\0';
    key = trim(line);
    val = trim(colon + 1);
    if (!strcmp(key, "type")) {
        m->neg_type = val;
    } else if (!strcmp(key, "phase")) {
        m->neg_phase = !strcmp(val, "parse")        ? PHASE_PARSE
                       : !strcmp(val, "resolution") ? PHASE_RESOLUTION
                                                    : PHASE_RUNTIME;
    }
}

static void parse_meta(TestMeta *m, const char *src)
{
    const char *start = strstr(src, "/*---"), *end;
    char *line, *save = NULL;
    const char *key = "";
    memset(m, 0, sizeof(*m));
    if (!start)
        return;
    start += 5;
    end = strstr(start, "---*/");
    if (!end)
        return;
    m->text = xmalloc((size_t)(end - start) + 1);
    memcpy(m->text, start, (size_t)(end - start));
    m->text[end - start] = '\0';
    for (line = strtok_r(m->text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        if (line[0] != ' ' && line[0] != '\t') {
            char *colon = strchr(line, ':');
            char *val;
            if (!colon) {
                key = "";
                continue;
            }
            *colon = '\0';
            key = line;
            val = trim(colon + 1);
            if (*val == '[')
                meta_add_inline_list(m, key, val);
        } else if (!strcmp(key, "negative")) {
            meta_negative_line(m, line);
        } else {
            char *item = trim(line);
            if (item[0] == '-' && (item[1] == ' ' || item[1] == '\0'))
                meta_add_item(m, key, item + 1);
        }
    }
    if (m->neg_phase && !m->neg_type)
        m->neg_type = "";
    if (m->neg_type && !m->neg_phase)
        m->neg_phase = PHASE_RUNTIME;
}

/* ---------------------------------------------------------------------
 * Harness files, read once (before forking, so every worker shares them)
 * ------------------------------------------------------------------- */
typedef struct HarnessFile {
    char *name;
    char *text;
    size_t len;
} HarnessFile;

static HarnessFile *harness;
static int n_harness;

static const HarnessFile *harness_get(const char *name)
{
    char *path, *text;
    size_t len;
    for (int i = 0; i < n_harness; i++)
        if (!strcmp(harness[i].name, name))
            return &harness[i];
    path = str_printf("%s/harness/%s", opt.root, name);
    text = read_file(path, &len);
    free(path);
    if (!text)
        return NULL;
    harness = xrealloc(harness, sizeof(*harness) * (size_t)(n_harness + 1));
    harness[n_harness].name = xstrdup(name);
    harness[n_harness].text = text;
    harness[n_harness].len = len;
    return &harness[n_harness++];
}

static void harness_preload(void)
{
    char *dir = str_printf("%s/harness", opt.root);
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        die("cannot open %s: %s (set --root or WEFT_TEST262)", dir, strerror(errno));
    while ((e = readdir(d)) != NULL)
        if (has_suffix(e->d_name, ".js"))
            harness_get(e->d_name);
    closedir(d);
    if (!harness_get("assert.js") || !harness_get("sta.js"))
        die("%s has no assert.js / sta.js", dir);
    free(dir);
}

/* ---------------------------------------------------------------------
 * The host: print, $262, and the per-test state they write to. A worker
 * runs one test at a time, so this state is simply process-global.
 * ------------------------------------------------------------------- */
static struct {
    double deadline;
    bool timed_out;
    bool async_done;
    char async_failure[MSG_MAX];
    JSContext *realms[MAX_REALMS];
    int n_realms;
} host;

static int host_interrupt(JSRuntime *rt, void *opaque)
{
    if (!host.timed_out && now_seconds() > host.deadline)
        host.timed_out = true;
    return host.timed_out;
}

static JSValue host_print(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *s;
    if (argc < 1)
        return JS_UNDEFINED;
    s = JS_ToCString(ctx, argv[0]);
    if (!s)
        return JS_EXCEPTION;
    if (!strcmp(s, "Test262:AsyncTestComplete"))
        host.async_done = true;
    else if (!strncmp(s, "Test262:AsyncTestFailure:", 25) && !host.async_failure[0])
        msgf(host.async_failure, sizeof(host.async_failure), "%s", s + 25);
    JS_FreeCString(ctx, s);
    return JS_UNDEFINED;
}

static JSValue host_setup_realm(JSContext *ctx);

static JSValue host_create_realm(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSContext *realm;
    if (host.n_realms == MAX_REALMS)
        return JS_ThrowInternalError(ctx, "test262 host: too many realms");
    realm = JS_NewContext(JS_GetRuntime(ctx));
    if (!realm)
        return JS_ThrowOutOfMemory(ctx);
    host.realms[host.n_realms++] = realm;
    return host_setup_realm(realm);
}

static JSValue host_eval_script(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    const char *src;
    JSValue ret;
    if (argc < 1)
        return JS_ThrowTypeError(ctx, "evalScript: missing source");
    src = JS_ToCStringLen(ctx, &len, argv[0]);
    if (!src)
        return JS_EXCEPTION;
    ret = JS_Eval(ctx, src, len, "<evalScript>", JS_EVAL_TYPE_GLOBAL);
    JS_FreeCString(ctx, src);
    return ret;
}

static JSValue host_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JS_RunGC(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

#ifdef WEFT_HAS_DETACH_ARRAY_BUFFER
static JSValue host_detach_array_buffer(JSContext *ctx, JSValueConst this_val, int argc,
                                        JSValueConst *argv)
{
    JS_DetachArrayBuffer(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    return JS_HasException(ctx) ? JS_EXCEPTION : JS_NULL;
}
#endif

#ifdef WEFT_HAS_IS_HTML_DDA
static JSValue host_is_html_dda(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_NULL;
}
#endif

static int set_method(JSContext *ctx, JSValueConst obj, const char *name, JSCFunction *fn,
                      int length)
{
    JSValue f = JS_NewCFunction(ctx, fn, name, length);
    if (JS_IsException(f))
        return -1;
    return JS_SetPropertyStr(ctx, obj, name, f) < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------------
 * Agents ($262.agent, INTERPRETING.md). Each agent is a thread with its
 * own runtime and context; the main thread shares a SharedArrayBuffer
 * with them by handing its memory block over (JS_GetArrayBuffer, then
 * JS_NewArrayBuffer(..., is_shared) in the agent, which takes its own
 * reference). Everything the threads share is in `agents`, under its lock;
 * no engine function is called with the lock held (the engine's waiter
 * list calls agents_wake with its own lock held, so that order is fixed).
 * At the end of each test the agents are told to stop (their interrupt
 * handler then fires, also inside Atomics.wait) and joined.
 * ------------------------------------------------------------------- */
#ifdef WEFT_HAS_CAN_BLOCK
#define MAX_AGENTS 16

typedef struct Report {
    struct Report *next;
    char *text;
} Report;

typedef struct Agent {
    pthread_t tid;
    char *src;
    uint64_t taken; /* the last broadcast generation this agent took */
    bool running;   /* its thread has not finished */
    bool woken;     /* a notify for one of its waitAsync waiters */
    JSValue callback; /* receiveBroadcast's; only the agent's thread uses it */
} Agent;

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond; /* any change below */
    Agent *list[MAX_AGENTS];
    int n;
    uint8_t *block; /* the broadcast SharedArrayBuffer's memory */
    size_t block_len;
    double num;
    uint64_t generation;
    Report *reports, *reports_tail;
    bool stop;
    bool main_woken;
} agents = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

static double now_ms(void) { return now_seconds() * 1e3; }

/* waits on agents.cond for at most ms milliseconds (lock held) */
static void agents_wait(double ms)
{
    struct timespec ts;
    double t = now_seconds() + ms / 1e3;
    ts.tv_sec = (time_t)t;
    ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
    pthread_cond_timedwait(&agents.cond, &agents.lock, &ts);
}

/* the engine's wake hook: a waitAsync waiter of rt was notified */
static void agents_wake(JSRuntime *rt, void *opaque)
{
    Agent *a = opaque;
    pthread_mutex_lock(&agents.lock);
    if (a)
        a->woken = true;
    else
        agents.main_woken = true;
    pthread_cond_broadcast(&agents.cond);
    pthread_mutex_unlock(&agents.lock);
}

static bool agents_stopping(void)
{
    bool stop;
    pthread_mutex_lock(&agents.lock);
    stop = agents.stop;
    pthread_mutex_unlock(&agents.lock);
    return stop;
}

static int agent_interrupt(JSRuntime *rt, void *opaque)
{
    return agents_stopping() || now_seconds() > host.deadline;
}

static JSValue agent_sleep(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double ms;
    struct timespec ts;
    if (JS_ToFloat64(ctx, &ms, argc > 0 ? argv[0] : JS_UNDEFINED))
        return JS_EXCEPTION;
    if (ms > 0) {
        ts.tv_sec = (time_t)(ms / 1e3);
        ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1e3) * 1e6);
        nanosleep(&ts, NULL);
    }
    return JS_UNDEFINED;
}

static JSValue agent_monotonic_now(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    return JS_NewFloat64(ctx, now_ms());
}

static JSValue agent_receive_broadcast(JSContext *ctx, JSValueConst this_val, int argc,
                                       JSValueConst *argv)
{
    Agent *a = JS_GetContextOpaque(ctx);
    if (argc < 1 || !JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "receiveBroadcast: not a function");
    JS_FreeValue(ctx, a->callback);
    a->callback = JS_DupValue(ctx, argv[0]);
    return JS_UNDEFINED;
}

static JSValue agent_report(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *s = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    Report *r;
    if (!s)
        return JS_EXCEPTION;
    r = xmalloc(sizeof(*r));
    r->next = NULL;
    r->text = xstrdup(s);
    JS_FreeCString(ctx, s);
    pthread_mutex_lock(&agents.lock);
    if (agents.reports_tail)
        agents.reports_tail->next = r;
    else
        agents.reports = r;
    agents.reports_tail = r;
    pthread_cond_broadcast(&agents.cond);
    pthread_mutex_unlock(&agents.lock);
    return JS_UNDEFINED;
}

static JSValue agent_leaving(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_UNDEFINED;
}

static JSValue agent_print(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *s = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!s)
        return JS_EXCEPTION;
    printf("%s\n", s);
    JS_FreeCString(ctx, s);
    return JS_UNDEFINED;
}

static void agent_drain(JSRuntime *rt)
{
    JSContext *job_ctx;
    int r;
    while ((r = JS_ExecutePendingJob(rt, &job_ctx)) != 0) {
        if (r < 0 && job_ctx)
            JS_FreeValue(job_ctx, JS_GetException(job_ctx));
    }
}

/* runs jobs and settles waitAsync waiters until nothing is left to do
   now; returns the waiters' next timeout (JS_SettleAtomicsWaiters) */
static int64_t agent_turn(JSRuntime *rt)
{
    int64_t t;
    do {
        agent_drain(rt);
        t = JS_SettleAtomicsWaiters(rt);
    } while (JS_IsJobPending(rt));
    return t;
}

/* waits for the next broadcast (true, with the SAB and number) or for the
   end (false), serving the agent's waitAsync waiters meanwhile */
static bool agent_next_broadcast(Agent *a, JSRuntime *rt, uint8_t **pblock, size_t *plen,
                                 double *pnum)
{
    for (;;) {
        int64_t t = agent_turn(rt);
        bool got = false, stop;
        pthread_mutex_lock(&agents.lock);
        if (!agents.stop && agents.generation == a->taken && !a->woken)
            agents_wait(t >= 0 && t < 20 ? (double)t : 20);
        stop = agents.stop;
        a->woken = false;
        if (!stop && agents.generation != a->taken) {
            a->taken = agents.generation;
            *pblock = agents.block;
            *plen = agents.block_len;
            *pnum = agents.num;
            got = true;
            pthread_cond_broadcast(&agents.cond);
        }
        pthread_mutex_unlock(&agents.lock);
        if (stop)
            return false;
        if (got)
            return true;
    }
}

static int agent_setup(JSContext *ctx)
{
    JSValue global = JS_GetGlobalObject(ctx), d = JS_NewObject(ctx), ag = JS_NewObject(ctx);
    int ret = -1;
    if (JS_IsException(d) || JS_IsException(ag))
        goto done;
    if (set_method(ctx, ag, "receiveBroadcast", agent_receive_broadcast, 1) < 0 ||
        set_method(ctx, ag, "report", agent_report, 1) < 0 ||
        set_method(ctx, ag, "leaving", agent_leaving, 0) < 0 ||
        set_method(ctx, ag, "sleep", agent_sleep, 1) < 0 ||
        set_method(ctx, ag, "monotonicNow", agent_monotonic_now, 0) < 0 ||
        JS_SetPropertyStr(ctx, d, "agent", JS_DupValue(ctx, ag)) < 0 ||
        JS_SetPropertyStr(ctx, global, "$262", JS_DupValue(ctx, d)) < 0 ||
        set_method(ctx, global, "print", agent_print, 1) < 0)
        goto done;
    ret = 0;
done:
    JS_FreeValue(ctx, ag);
    JS_FreeValue(ctx, d);
    JS_FreeValue(ctx, global);
    return ret;
}

static void agent_run(Agent *a, JSContext *ctx)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSValue ret = JS_Eval(ctx, a->src, strlen(a->src), "<agent>", JS_EVAL_TYPE_GLOBAL);
    uint8_t *block;
    size_t len;
    double num;
    if (JS_IsException(ret)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return;
    }
    JS_FreeValue(ctx, ret);
    while (!JS_IsUndefined(a->callback) && agent_next_broadcast(a, rt, &block, &len, &num)) {
        JSValue args[2];
        args[0] = JS_NewArrayBuffer(ctx, block, len, NULL, NULL, true);
        args[1] = JS_NewFloat64(ctx, num);
        ret = JS_IsException(args[0]) ? JS_EXCEPTION : JS_Call(ctx, a->callback, JS_UNDEFINED, 2, args);
        if (JS_IsException(ret))
            JS_FreeValue(ctx, JS_GetException(ctx));
        JS_FreeValue(ctx, ret);
        JS_FreeValue(ctx, args[0]);
    }
    /* an agent that never waits for a broadcast still serves its waiters */
    while (agent_turn(rt) >= 0 && !agents_stopping()) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
}

static void *agent_thread(void *arg)
{
    Agent *a = arg;
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = NULL;
    if (rt) {
        JS_SetMemoryLimit(rt, opt.memory_limit);
        JS_SetInterruptHandler(rt, agent_interrupt, NULL);
        JS_SetAtomicsWakeFunc(rt, agents_wake, a);
        ctx = JS_NewContext(rt);
    }
    if (ctx) {
        JS_SetContextOpaque(ctx, a);
        if (agent_setup(ctx) == 0)
            agent_run(a, ctx);
        JS_FreeValue(ctx, a->callback);
        a->callback = JS_UNDEFINED;
        JS_FreeContext(ctx);
    }
    if (rt)
        JS_FreeRuntime(rt);
    pthread_mutex_lock(&agents.lock);
    a->running = false;
    pthread_cond_broadcast(&agents.cond);
    pthread_mutex_unlock(&agents.lock);
    return NULL;
}

static JSValue host_agent_start(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    const char *src = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    Agent *a;
    if (!src)
        return JS_EXCEPTION;
    if (agents.n == MAX_AGENTS) {
        JS_FreeCString(ctx, src);
        return JS_ThrowInternalError(ctx, "test262 host: too many agents");
    }
    a = xmalloc(sizeof(*a));
    memset(a, 0, sizeof(*a));
    a->src = xstrdup(src);
    a->callback = JS_UNDEFINED;
    a->running = true;
    JS_FreeCString(ctx, src);
    pthread_mutex_lock(&agents.lock);
    a->taken = agents.generation;
    agents.list[agents.n++] = a;
    pthread_mutex_unlock(&agents.lock);
    if (pthread_create(&a->tid, NULL, agent_thread, a) != 0)
        die("cannot start an agent thread");
    return JS_UNDEFINED;
}

/* whether every running agent took the current broadcast (lock held) */
static bool agents_all_took(void)
{
    for (int i = 0; i < agents.n; i++)
        if (agents.list[i]->running && agents.list[i]->taken != agents.generation)
            return false;
    return true;
}

static JSValue host_agent_broadcast(JSContext *ctx, JSValueConst this_val, int argc,
                                    JSValueConst *argv)
{
    size_t len;
    uint8_t *block;
    double num = 0;
    bool timed_out = false;
    if (argc < 1 || !JS_IsSharedArrayBuffer(argv[0]))
        return JS_ThrowTypeError(ctx, "broadcast: not a SharedArrayBuffer");
    block = JS_GetArrayBuffer(ctx, &len, argv[0]);
    if (argc > 1 && !JS_IsUndefined(argv[1]) && JS_ToFloat64(ctx, &num, argv[1]))
        return JS_EXCEPTION;
    pthread_mutex_lock(&agents.lock);
    agents.block = block;
    agents.block_len = len;
    agents.num = num;
    agents.generation++;
    pthread_cond_broadcast(&agents.cond);
    while (!agents_all_took()) {
        if (now_seconds() > host.deadline) {
            timed_out = true;
            break;
        }
        agents_wait(20);
    }
    pthread_mutex_unlock(&agents.lock);
    if (timed_out) {
        host.timed_out = true;
        return JS_ThrowInternalError(ctx, "broadcast: timed out");
    }
    return JS_UNDEFINED;
}

static JSValue host_agent_get_report(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv)
{
    Report *r;
    JSValue v;
    pthread_mutex_lock(&agents.lock);
    r = agents.reports;
    if (r) {
        agents.reports = r->next;
        if (!agents.reports)
            agents.reports_tail = NULL;
    }
    pthread_mutex_unlock(&agents.lock);
    if (!r)
        return JS_NULL;
    v = JS_NewString(ctx, r->text);
    free(r->text);
    free(r);
    return v;
}

/* the end of a test: stops and joins every agent, drops the reports */
static void agents_stop_all(void)
{
    pthread_mutex_lock(&agents.lock);
    agents.stop = true;
    pthread_cond_broadcast(&agents.cond);
    pthread_mutex_unlock(&agents.lock);
    for (int i = 0; i < agents.n; i++) {
        pthread_join(agents.list[i]->tid, NULL);
        free(agents.list[i]->src);
        free(agents.list[i]);
    }
    while (agents.reports) {
        Report *r = agents.reports;
        agents.reports = r->next;
        free(r->text);
        free(r);
    }
    agents.reports_tail = NULL;
    agents.n = 0;
    agents.stop = false;
    agents.main_woken = false;
}

static int host_setup_agent(JSContext *ctx, JSValueConst d)
{
    JSValue ag = JS_NewObject(ctx);
    int ret = -1;
    if (JS_IsException(ag))
        return -1;
    if (set_method(ctx, ag, "start", host_agent_start, 1) == 0 &&
        set_method(ctx, ag, "broadcast", host_agent_broadcast, 2) == 0 &&
        set_method(ctx, ag, "getReport", host_agent_get_report, 0) == 0 &&
        set_method(ctx, ag, "sleep", agent_sleep, 1) == 0 &&
        set_method(ctx, ag, "monotonicNow", agent_monotonic_now, 0) == 0)
        ret = JS_SetPropertyStr(ctx, d, "agent", JS_DupValue(ctx, ag)) < 0 ? -1 : 0;
    JS_FreeValue(ctx, ag);
    return ret;
}

#endif

/* defines print and $262 on ctx's global object; returns $262 */
static JSValue host_setup_realm(JSContext *ctx)
{
    const int hidden = JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE;
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue d = JS_NewObject(ctx);
    if (JS_IsException(d))
        goto fail;
    if (set_method(ctx, d, "createRealm", host_create_realm, 0) < 0 ||
        set_method(ctx, d, "evalScript", host_eval_script, 1) < 0 ||
        set_method(ctx, d, "gc", host_gc, 0) < 0 ||
        JS_SetPropertyStr(ctx, d, "global", JS_DupValue(ctx, global)) < 0)
        goto fail;
#ifdef WEFT_HAS_DETACH_ARRAY_BUFFER
    if (set_method(ctx, d, "detachArrayBuffer", host_detach_array_buffer, 1) < 0)
        goto fail;
#endif
#ifdef WEFT_HAS_CAN_BLOCK
    if (host_setup_agent(ctx, d) < 0)
        goto fail;
#endif
#ifdef WEFT_HAS_IS_HTML_DDA
    {
        JSValue dda = JS_NewCFunction(ctx, host_is_html_dda, "IsHTMLDDA", 0);
        if (JS_IsException(dda))
            goto fail;
        JS_SetIsHTMLDDA(ctx, dda);
        if (JS_SetPropertyStr(ctx, d, "IsHTMLDDA", dda) < 0)
            goto fail;
    }
#endif
    if (JS_DefinePropertyValueStr(ctx, global, "$262", JS_DupValue(ctx, d), hidden) < 0 ||
        JS_DefinePropertyValueStr(ctx, global, "print",
                                  JS_NewCFunction(ctx, host_print, "print", 1), hidden) < 0)
        goto fail;
    JS_FreeValue(ctx, global);
    return d;
fail:
    JS_FreeValue(ctx, d);
    JS_FreeValue(ctx, global);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------
 * Modules: specifiers are "./name" relative to the importing file.
 * ------------------------------------------------------------------- */
#ifdef WEFT_HAS_MODULES
static char *module_normalize(JSContext *ctx, const char *base, const char *name, void *opaque)
{
    const char *slash = strrchr(base, '/');
    size_t dir_len = slash ? (size_t)(slash - base) : 0;
    char *out;
    if (name[0] != '.')
        return js_strdup(ctx, name);
    while (true) {
        if (!strncmp(name, "./", 2)) {
            name += 2;
        } else if (!strncmp(name, "../", 3)) {
            name += 3;
            while (dir_len > 0 && base[dir_len - 1] != '/')
                dir_len--;
            if (dir_len > 0)
                dir_len--;
        } else {
            break;
        }
    }
    out = js_malloc(ctx, dir_len + strlen(name) + 2);
    if (!out)
        return NULL;
    memcpy(out, base, dir_len);
    out[dir_len] = '/';
    strcpy(out + dir_len + 1, name);
    return out;
}

/* "export default JSON.parse(<text as a string literal>)", after checking
   that the text is JSON so that a bad file fails when the graph loads */
static char *json_module_source(JSContext *ctx, const char *text, size_t len)
{
    JSValue global = JS_GetGlobalObject(ctx), json = JS_GetPropertyStr(ctx, global, "JSON");
    JSValue parse = JS_GetPropertyStr(ctx, json, "parse");
    JSValue str = JS_NewStringLen(ctx, text, len);
    JSValue parsed = JS_IsException(str) ? JS_EXCEPTION : JS_Call(ctx, parse, json, 1, &str);
    char *out = NULL, *p;
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, parse);
    JS_FreeValue(ctx, json);
    JS_FreeValue(ctx, global);
    if (JS_IsException(parsed))
        return NULL;
    JS_FreeValue(ctx, parsed);
    out = p = xmalloc(len * 4 + 64);
    p += sprintf(p, "export default JSON.parse(\"");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\')
            p += sprintf(p, "\\%c", c);
        else if (c < 0x20)
            p += sprintf(p, "\\x%02x", c);
        else
            *p++ = (char)c;
    }
    strcpy(p, "\");\n");
    return out;
}

static JSModuleDef *module_loader(JSContext *ctx, const char *name, void *opaque)
{
    size_t len;
    char *text = read_file(name, &len), *json_src = NULL;
    JSValue func;
    JSModuleDef *m;
    if (!text) {
        JS_ThrowReferenceError(ctx, "could not load module '%s'", name);
        return NULL;
    }
    if (has_suffix(name, ".json")) {
        json_src = json_module_source(ctx, text, len);
        free(text);
        if (!json_src)
            return NULL;
        text = json_src;
        len = strlen(text);
    }
    func = JS_Eval(ctx, text, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    free(text);
    if (JS_IsException(func))
        return NULL;
    m = JS_VALUE_GET_PTR(func);
    JS_FreeValue(ctx, func);
    return m;
}
#endif

/* ---------------------------------------------------------------------
 * Running one test
 * ------------------------------------------------------------------- */
typedef struct Outcome {
    bool threw;
    int phase; /* where the exception came from */
    char name[64];
    char msg[MSG_MAX];
} Outcome;

/* copies the string value of v into buf (v is freed); false if that threw */
static bool take_cstring(JSContext *ctx, JSValue v, char *buf, size_t size)
{
    const char *s;
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    s = JS_IsSymbol(v) ? NULL : JS_ToCString(ctx, v);
    JS_FreeValue(ctx, v);
    if (!s) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    msgf(buf, size, "%s", s);
    JS_FreeCString(ctx, s);
    return true;
}

/* paths in messages are shown relative to test/ */
static void strip_test_dir(char *msg)
{
    size_t n = strlen(opt.test_dir);
    for (char *p = msg; (p = strstr(p, opt.test_dir)) != NULL;) {
        if (p[n] == '/')
            memmove(p, p + n + 1, strlen(p + n + 1) + 1);
        else
            p += n;
    }
}

/* " (at file:line:col)" from the first frame of an error's stack */
static void append_location(JSContext *ctx, JSValueConst exc, char *msg, size_t size)
{
    char stack[1024], *at, *eol;
    size_t used = strlen(msg);
    if (!take_cstring(ctx, JS_GetPropertyStr(ctx, exc, "stack"), stack, sizeof(stack)))
        return;
    at = strstr(stack, "    at ");
    if (!at)
        return;
    at += 7;
    eol = strchr(at, '\n');
    if (eol)
        *eol = '\0';
    if (used + 8 < size)
        msgf(msg + used, size - used, " (at %s)", at);
}

/* takes the pending exception of ctx into oc (unless one is already there) */
static void record_exception(JSContext *ctx, JSValue exc, int phase, Outcome *oc)
{
    if (oc->threw) {
        JS_FreeValue(ctx, exc);
        return;
    }
    oc->threw = true;
    oc->phase = phase;
    msgf(oc->name, sizeof(oc->name), "?");
    msgf(oc->msg, sizeof(oc->msg), "(exception)");
    if (host.timed_out) {
        JS_FreeValue(ctx, exc);
        return;
    }
    if (JS_IsObject(exc)) {
        JSValue ctor = JS_GetPropertyStr(ctx, exc, "constructor");
        if (JS_IsException(ctor))
            JS_FreeValue(ctx, JS_GetException(ctx));
        else
            take_cstring(ctx, JS_GetPropertyStr(ctx, ctor, "name"), oc->name, sizeof(oc->name));
        JS_FreeValue(ctx, ctor);
    } else {
        msgf(oc->name, sizeof(oc->name), "(not an object)");
    }
    if (!take_cstring(ctx, JS_DupValue(ctx, exc), oc->msg, sizeof(oc->msg)))
        msgf(oc->msg, sizeof(oc->msg), "(exception that cannot be converted to a string)");
    else if (JS_IsObject(exc))
        append_location(ctx, exc, oc->msg, sizeof(oc->msg));
    strip_test_dir(oc->msg);
    JS_FreeValue(ctx, exc);
}

static void record_pending(JSContext *ctx, int phase, Outcome *oc)
{
    record_exception(ctx, JS_GetException(ctx), phase, oc);
}

static void drain_jobs(JSRuntime *rt, Outcome *oc)
{
#ifdef WEFT_HAS_JOBS
    for (;;) {
        JSContext *job_ctx = NULL;
        int r = JS_ExecutePendingJob(rt, &job_ctx);
        if (r == 0)
            break;
        if (r < 0) {
            if (job_ctx)
                record_pending(job_ctx, PHASE_RUNTIME, oc);
            break;
        }
    }
#else
    (void)rt;
    (void)oc;
#endif
}

#ifdef WEFT_HAS_CAN_BLOCK
/* after the script: jobs, and for an async test the waitAsync timeouts and
   notifications it may be waiting for (from agents too) */
static void run_event_loop(JSRuntime *rt, bool is_async, Outcome *oc)
{
    for (;;) {
        JSContext *job_ctx = NULL;
        int64_t t = JS_SettleAtomicsWaiters(rt);
        /* one job at a time: a promise loop polling for a waitAsync
           timeout (the harness's setTimeout) must see it expire */
        int r = JS_ExecutePendingJob(rt, &job_ctx);
        if (r < 0) {
            if (job_ctx)
                record_pending(job_ctx, PHASE_RUNTIME, oc);
            return;
        }
        if (oc->threw || host.timed_out)
            return;
        if (r > 0)
            continue;
        if (t < 0 || !is_async || host.async_done || host.async_failure[0])
            return;
        if (now_seconds() > host.deadline) {
            host.timed_out = true;
            return;
        }
        pthread_mutex_lock(&agents.lock);
        if (!agents.main_woken)
            agents_wait(t < 20 ? (double)t : 20);
        agents.main_woken = false;
        pthread_mutex_unlock(&agents.lock);
    }
}
#endif

static bool eval_harness_file(JSContext *ctx, const char *name, char *msg, size_t size)
{
    const HarnessFile *h = harness_get(name);
    JSValue r;
    Outcome oc;
    if (!h) {
        msgf(msg, size, "harness file %s not found", name);
        return false;
    }
    r = JS_Eval(ctx, h->text, h->len, h->name, JS_EVAL_TYPE_GLOBAL);
    if (!JS_IsException(r)) {
        JS_FreeValue(ctx, r);
        return true;
    }
    memset(&oc, 0, sizeof(oc));
    record_pending(ctx, PHASE_RUNTIME, &oc);
    msgf(msg, size, "in harness %s: %s", name, oc.msg);
    return false;
}

static bool eval_harness(JSContext *ctx, const TestMeta *m, char *msg, size_t size)
{
    if (!eval_harness_file(ctx, "assert.js", msg, size) ||
        !eval_harness_file(ctx, "sta.js", msg, size))
        return false;
    if ((m->flags & F_ASYNC) && !eval_harness_file(ctx, "doneprintHandle.js", msg, size))
        return false;
    for (int i = 0; i < m->n_includes; i++)
        if (!eval_harness_file(ctx, m->includes[i], msg, size))
            return false;
    return true;
}

/* a module's evaluation may be a promise (top-level await) */
static void settle_module(JSContext *ctx, JSValue ret, Outcome *oc)
{
#if defined(WEFT_HAS_MODULES) && defined(WEFT_HAS_PROMISE_STATE)
    if (JS_IsObject(ret)) {
        int state;
        drain_jobs(JS_GetRuntime(ctx), oc);
        state = (int)JS_PromiseState(ctx, ret);
        if (state == JS_PROMISE_REJECTED)
            record_exception(ctx, JS_PromiseResult(ctx, ret), PHASE_RUNTIME, oc);
        else if (state == JS_PROMISE_PENDING && !oc->threw && !host.timed_out) {
            oc->threw = true;
            oc->phase = PHASE_RUNTIME;
            msgf(oc->msg, sizeof(oc->msg), "module evaluation never settled");
        }
    }
#endif
    JS_FreeValue(ctx, ret);
}

typedef struct TestCase {
    const char *rel; /* path relative to test/ */
    char *path;      /* full path, the filename given to the engine */
    char *src;
    size_t src_len;
    TestMeta meta;
} TestCase;

static int judge(const TestCase *tc, const Outcome *oc, char *msg, size_t size)
{
    const TestMeta *m = &tc->meta;
    if (host.timed_out) {
        msgf(msg, size, "timed out after %g s", opt.timeout);
        return ST_TIMEOUT;
    }
    if (m->neg_phase) {
        if (!oc->threw) {
            msgf(msg, size, "expected %s (%s phase), nothing was thrown", m->neg_type,
                 phase_names[m->neg_phase]);
            return ST_FAIL;
        }
        if (strcmp(oc->name, m->neg_type) != 0 ||
            (m->neg_phase == PHASE_PARSE) != (oc->phase == PHASE_PARSE)) {
            msgf(msg, size, "expected %s (%s phase), got %s (%s phase): %s", m->neg_type,
                 phase_names[m->neg_phase], oc->name, phase_names[oc->phase], oc->msg);
            return ST_FAIL;
        }
        return ST_PASS;
    }
    if (oc->threw) {
        msgf(msg, size, "%s", oc->msg);
        return ST_FAIL;
    }
    if (m->flags & F_ASYNC) {
        if (host.async_failure[0]) {
            msgf(msg, size, "async: %s", host.async_failure);
            return ST_FAIL;
        }
        if (!host.async_done) {
#ifdef WEFT_HAS_JOBS
            msgf(msg, size, "async test did not print Test262:AsyncTestComplete");
#else
            msgf(msg, size, "async test: no job queue (needs JS_ExecutePendingJob)");
#endif
            return ST_FAIL;
        }
    }
    return ST_PASS;
}

static int run_in_context(JSContext *ctx, const TestCase *tc, bool strict, char *msg, size_t size)
{
    const TestMeta *m = &tc->meta;
    bool module = (m->flags & F_MODULE) != 0;
    int type = module ? JS_EVAL_TYPE_MODULE : JS_EVAL_TYPE_GLOBAL;
    const char *src = tc->src;
    size_t len = tc->src_len;
    char *strict_src = NULL;
    Outcome oc;
    JSValue ret;

    memset(&oc, 0, sizeof(oc));
    if (!(m->flags & F_RAW) && !eval_harness(ctx, m, msg, size))
        return host.timed_out ? judge(tc, &oc, msg, size) : ST_FAIL;
    if (strict) {
        static const char prologue[] = "\"use strict\";\n";
        strict_src = xmalloc(sizeof(prologue) + len);
        memcpy(strict_src, prologue, sizeof(prologue) - 1);
        memcpy(strict_src + sizeof(prologue) - 1, src, len + 1);
        src = strict_src;
        len += sizeof(prologue) - 1;
    }
    if (m->neg_phase == PHASE_PARSE) {
        /* a parse-phase error must come before any of the code runs */
        ret = JS_Eval(ctx, src, len, tc->path, type | JS_EVAL_FLAG_COMPILE_ONLY);
        if (JS_IsException(ret))
            record_pending(ctx, PHASE_PARSE, &oc);
        JS_FreeValue(ctx, ret);
    } else {
        ret = JS_Eval(ctx, src, len, tc->path, type);
        if (JS_IsException(ret)) {
            record_pending(ctx, PHASE_RUNTIME, &oc);
        } else if (module) {
            settle_module(ctx, ret, &oc);
        } else {
            JS_FreeValue(ctx, ret);
        }
        if (!oc.threw) {
#ifdef WEFT_HAS_CAN_BLOCK
            run_event_loop(JS_GetRuntime(ctx), (m->flags & F_ASYNC) != 0, &oc);
#else
            drain_jobs(JS_GetRuntime(ctx), &oc);
#endif
        }
    }
    free(strict_src);
    return judge(tc, &oc, msg, size);
}

static int run_mode(const TestCase *tc, bool strict, char *msg, size_t size)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx;
    JSValue d;
    int status;

    host.async_done = false;
    host.async_failure[0] = '\0';
    host.n_realms = 0;
    if (!rt) {
        msgf(msg, size, "JS_NewRuntime failed");
        return ST_FAIL;
    }
    JS_SetMemoryLimit(rt, opt.memory_limit);
    if (opt.stack_size)
        JS_SetMaxStackSize(rt, opt.stack_size);
    JS_SetInterruptHandler(rt, host_interrupt, NULL);
#ifdef WEFT_HAS_MODULES
    JS_SetModuleLoaderFunc(rt, module_normalize, module_loader, NULL);
#endif
#ifdef WEFT_HAS_CAN_BLOCK
    JS_SetCanBlock(rt, !(tc->meta.flags & F_CAN_BLOCK_FALSE));
    JS_SetAtomicsWakeFunc(rt, agents_wake, NULL);
#endif
    ctx = JS_NewContext(rt);
    if (!ctx) {
        JS_FreeRuntime(rt);
        msgf(msg, size, "JS_NewContext failed");
        return ST_FAIL;
    }
    d = host_setup_realm(ctx);
    if (JS_IsException(d)) {
        msgf(msg, size, "cannot set up print and $262");
        status = ST_FAIL;
    } else {
        JS_FreeValue(ctx, d);
        status = run_in_context(ctx, tc, strict, msg, size);
    }
#ifdef WEFT_HAS_CAN_BLOCK
    agents_stop_all();
#endif
    JS_FreeContext(ctx);
    for (int i = 0; i < host.n_realms; i++)
        JS_FreeContext(host.realms[i]);
    JS_FreeRuntime(rt);
    return status;
}

static bool excluded(const TestMeta *m)
{
    for (int i = 0; i < m->n_features; i++)
        if (strlist_contains(&opt.exclude_features, m->features[i]))
            return true;
    return false;
}

/* runs every mode the flags ask for; the test passes if all of them pass */
static int run_test(const char *rel, char *msg, size_t size)
{
    TestCase tc;
    int status = ST_PASS;
    unsigned f;

    memset(&tc, 0, sizeof(tc));
    tc.rel = rel;
    tc.path = str_printf("%s/%s", opt.test_dir, rel);
    tc.src = read_file(tc.path, &tc.src_len);
    msg[0] = '\0';
    if (!tc.src) {
        msgf(msg, size, "cannot read %s: %s", tc.path, strerror(errno));
        free(tc.path);
        return ST_FAIL;
    }
    parse_meta(&tc.meta, tc.src);
    f = tc.meta.flags;
    host.deadline = now_seconds() + opt.timeout;
    host.timed_out = false;
    if (excluded(&tc.meta)) {
        status = ST_SKIP;
    } else if (f & (F_RAW | F_MODULE)) {
        status = run_mode(&tc, false, msg, size);
    } else {
        char sub[MSG_MAX];
        if (!(f & F_ONLY_STRICT)) {
            status = run_mode(&tc, false, sub, sizeof(sub));
            if (status != ST_PASS)
                msgf(msg, size, "%s", sub);
        }
        if (status == ST_PASS && !(f & F_NO_STRICT)) {
            status = run_mode(&tc, true, sub, sizeof(sub));
            if (status != ST_PASS)
                msgf(msg, size, "[strict] %s", sub);
        }
    }
    free(tc.meta.text);
    free(tc.src);
    free(tc.path);
    return status;
}

/* ---------------------------------------------------------------------
 * Results, shared by the parent and the no-fork mode
 * ------------------------------------------------------------------- */
typedef struct Result {
    uint8_t status;
    float seconds;
    char *msg;
} Result;

static StrList tests;   /* the tests to run, sorted */
static Result *results; /* one per test */
static int n_done, counts[ST_SKIP + 1];

static void record_result(int idx, int status, double seconds, const char *msg)
{
    Result *r = &results[idx];
    r->status = (uint8_t)status;
    r->seconds = (float)seconds;
    r->msg = msg && *msg ? xstrdup(msg) : NULL;
    counts[status]++;
    n_done++;
}

static void show_progress(bool final)
{
    static double last;
    double t = now_seconds();
    if (!isatty(2) || (!final && t - last < 0.2))
        return;
    last = t;
    fprintf(stderr, "\r%6d/%d  pass %d  fail %d  crash %d  timeout %d  skip %d%s", n_done, tests.n,
            counts[ST_PASS], counts[ST_FAIL], counts[ST_CRASH], counts[ST_TIMEOUT], counts[ST_SKIP],
            final ? "\r\033[K" : "");
}

static void run_no_fork(void)
{
    char msg[MSG_MAX];
    for (int i = 0; i < tests.n; i++) {
        double t0 = now_seconds();
        int status = run_test(tests.v[i], msg, sizeof(msg));
        record_result(i, status, now_seconds() - t0, msg);
        show_progress(false);
    }
}

/* ---------------------------------------------------------------------
 * Worker processes
 *
 * Protocol: the parent writes a test index (int32) on the command pipe;
 * the worker answers with a ResultMsg followed by msg_len bytes. Closing
 * the command pipe tells the worker to exit.
 * ------------------------------------------------------------------- */
typedef struct ResultMsg {
    int32_t idx;
    int32_t status;
    int32_t msg_len;
    float seconds;
} ResultMsg;

typedef struct Worker {
    pid_t pid; /* 0: slot free */
    int cmd_fd, res_fd, err_fd;
    int cur; /* test being run, or -1 */
    int n_run;
    double started;
    bool killed; /* by us, for a hard timeout */
    char err_tail[ERR_TAIL];
    size_t err_len;
} Worker;

static Worker *workers;

static void worker_main(int cmd_fd, int res_fd)
{
    int32_t idx;
    char buf[sizeof(ResultMsg) + MSG_MAX];
    while (read_full(cmd_fd, &idx, sizeof(idx)) == 1) {
        ResultMsg rm;
        double t0 = now_seconds();
        if (idx < 0 || idx >= tests.n)
            _exit(3);
        rm.idx = idx;
        rm.status = run_test(tests.v[idx], buf + sizeof(rm), MSG_MAX);
        rm.msg_len = (int32_t)strlen(buf + sizeof(rm));
        rm.seconds = (float)(now_seconds() - t0);
        memcpy(buf, &rm, sizeof(rm));
        if (!write_full(res_fd, buf, sizeof(rm) + (size_t)rm.msg_len))
            _exit(4);
    }
    _exit(0);
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static void spawn_worker(Worker *w)
{
    int cmd[2], res[2], err[2];
    pid_t pid;
    if (pipe(cmd) < 0 || pipe(res) < 0 || pipe(err) < 0)
        die("pipe: %s", strerror(errno));
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        struct rlimit no_core = {0, 0};
        /* a crash is recorded by the parent; thousands of core files help nobody */
        setrlimit(RLIMIT_CORE, &no_core);
        /* the other workers' pipe ends must not stay open in this one, or
           closing a command pipe would not reach its worker */
        for (int i = 0; i < opt.jobs; i++) {
            close_fd(&workers[i].cmd_fd);
            close_fd(&workers[i].res_fd);
            close_fd(&workers[i].err_fd);
        }
        if (devnull >= 0)
            dup2(devnull, 1);
        dup2(err[1], 2);
        close(cmd[1]);
        close(res[0]);
        close(err[0]);
        close(err[1]);
        signal(SIGPIPE, SIG_DFL);
        worker_main(cmd[0], res[1]);
    }
    close(cmd[0]);
    close(res[1]);
    close(err[1]);
    fcntl(err[0], F_SETFL, O_NONBLOCK);
    memset(w, 0, sizeof(*w));
    w->pid = pid;
    w->cmd_fd = cmd[1];
    w->res_fd = res[0];
    w->err_fd = err[0];
    w->cur = -1;
}

/* keeps the last ERR_TAIL bytes of what the worker wrote to stderr */
static void drain_stderr(Worker *w)
{
    char buf[4096];
    ssize_t n;
    while (w->err_fd >= 0 && (n = read(w->err_fd, buf, sizeof(buf))) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                close_fd(&w->err_fd);
            return;
        }
        if ((size_t)n >= ERR_TAIL) {
            memcpy(w->err_tail, buf + n - ERR_TAIL, ERR_TAIL);
            w->err_len = ERR_TAIL;
        } else {
            size_t keep = ERR_TAIL - (size_t)n;
            if (w->err_len > keep) {
                memmove(w->err_tail, w->err_tail + (w->err_len - keep), keep);
                w->err_len = keep;
            }
            memcpy(w->err_tail + w->err_len, buf, (size_t)n);
            w->err_len += (size_t)n;
        }
    }
    close_fd(&w->err_fd);
}

/* the last non-empty line the worker wrote to stderr */
static void last_err_line(const Worker *w, char *out, size_t size)
{
    size_t end = w->err_len, start;
    while (end > 0 && (w->err_tail[end - 1] == '\n' || w->err_tail[end - 1] == '\r'))
        end--;
    start = end;
    while (start > 0 && w->err_tail[start - 1] != '\n')
        start--;
    msgf(out, size, "%.*s", (int)(end - start), w->err_tail + start);
}

static void worker_died(Worker *w)
{
    int wstatus = 0;
    drain_stderr(w);
    close_fd(&w->cmd_fd);
    close_fd(&w->res_fd);
    close_fd(&w->err_fd);
    while (waitpid(w->pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    if (w->cur >= 0) {
        char how[128], line[256], msg[MSG_MAX];
        double secs = now_seconds() - w->started;
        if (w->killed)
            msgf(how, sizeof(how), "killed: no answer after %.0f s", secs);
        else if (WIFSIGNALED(wstatus))
            msgf(how, sizeof(how), "signal %d (%s)", WTERMSIG(wstatus),
                 strsignal(WTERMSIG(wstatus)));
        else
            msgf(how, sizeof(how), "worker exited with status %d",
                 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
        last_err_line(w, line, sizeof(line));
        strip_test_dir(line);
        msgf(msg, sizeof(msg), "%s%s%s", how, line[0] ? ": " : "", line);
        record_result(w->cur, w->killed ? ST_TIMEOUT : ST_CRASH, secs, msg);
    }
    w->pid = 0;
}

static bool read_result(Worker *w)
{
    ResultMsg rm;
    char msg[MSG_MAX + 1];
    if (read_full(w->res_fd, &rm, sizeof(rm)) != 1)
        return false;
    if (rm.msg_len < 0 || rm.msg_len > MSG_MAX || rm.idx != w->cur ||
        read_full(w->res_fd, msg, (size_t)rm.msg_len) != 1)
        return false;
    msg[rm.msg_len] = '\0';
    if (rm.status < ST_PASS || rm.status > ST_SKIP)
        rm.status = ST_FAIL;
    record_result(w->cur, rm.status, rm.seconds, msg);
    w->cur = -1;
    w->n_run++;
    w->err_len = 0;
    return true;
}

/* gives an idle worker its next test, or tells it to exit */
static void dispatch(Worker *w, int *next)
{
    int32_t idx;
    if (w->cmd_fd < 0 || w->cur >= 0)
        return;
    if (*next >= tests.n || w->n_run >= RECYCLE_AFTER) {
        close_fd(&w->cmd_fd);
        return;
    }
    idx = (int32_t)(*next)++;
    w->cur = idx;
    w->started = now_seconds();
    if (!write_full(w->cmd_fd, &idx, sizeof(idx)))
        close_fd(&w->cmd_fd); /* it died; the result pipe will tell */
}

static void run_workers(void)
{
    int next = 0, n = opt.jobs;
    struct pollfd *pfd = xmalloc(sizeof(*pfd) * (size_t)n * 2);
    double hard_limit = opt.timeout + HARD_KILL_GRACE;

    workers = xmalloc(sizeof(*workers) * (size_t)n);
    for (int i = 0; i < n; i++) {
        memset(&workers[i], 0, sizeof(workers[i]));
        workers[i].cmd_fd = workers[i].res_fd = workers[i].err_fd = -1;
    }
    signal(SIGPIPE, SIG_IGN);
    for (;;) {
        int np = 0, alive = 0, wait_ms = 200;
        double t = now_seconds();
        for (int i = 0; i < n; i++) {
            Worker *w = &workers[i];
            if (!w->pid && next < tests.n)
                spawn_worker(w);
            if (!w->pid)
                continue;
            alive++;
            dispatch(w, &next);
            if (w->cur >= 0 && !w->killed && t - w->started > hard_limit) {
                kill(w->pid, SIGKILL);
                w->killed = true;
            }
            pfd[np].fd = w->res_fd;
            pfd[np++].events = POLLIN;
            if (w->err_fd >= 0) {
                pfd[np].fd = w->err_fd;
                pfd[np++].events = POLLIN;
            }
        }
        if (!alive)
            break;
        if (poll(pfd, (nfds_t)np, wait_ms) < 0 && errno != EINTR)
            die("poll: %s", strerror(errno));
        for (int i = 0; i < n; i++) {
            Worker *w = &workers[i];
            if (!w->pid)
                continue;
            for (int k = 0; k < np; k++) {
                if (pfd[k].fd == w->err_fd && pfd[k].revents)
                    drain_stderr(w);
                if (pfd[k].fd == w->res_fd && pfd[k].revents) {
                    if (!read_result(w))
                        worker_died(w);
                    break;
                }
            }
        }
        show_progress(false);
    }
    free(pfd);
    free(workers);
    workers = NULL;
}

/* ---------------------------------------------------------------------
 * Reports: per-directory table, failure list, baseline, smoke floor
 * ------------------------------------------------------------------- */
typedef struct Group {
    char *name;
    int n[ST_SKIP + 1];
    int total; /* run, not skipped */
} Group;

typedef struct GroupList {
    Group *v;
    int n;
} GroupList;

/* the first `depth` directory components of a test path */
static char *dir_key(const char *rel, int depth)
{
    const char *p = rel, *end = rel;
    for (int d = 0; d < depth; d++) {
        const char *slash = strchr(p, '/');
        if (!slash)
            break;
        end = slash;
        p = slash + 1;
    }
    if (end == rel)
        return xstrdup(rel);
    return str_printf("%.*s", (int)(end - rel), rel);
}

typedef struct KeyIdx {
    char *key;
    int idx;
} KeyIdx;

static int cmp_key_idx(const void *a, const void *b)
{
    return strcmp(((const KeyIdx *)a)->key, ((const KeyIdx *)b)->key);
}

static GroupList group_results(int depth)
{
    GroupList g = {NULL, 0};
    KeyIdx *k = xmalloc(sizeof(*k) * (size_t)(tests.n ? tests.n : 1));
    for (int i = 0; i < tests.n; i++) {
        k[i].key = dir_key(tests.v[i], depth);
        k[i].idx = i;
    }
    qsort(k, (size_t)tests.n, sizeof(*k), cmp_key_idx);
    g.v = xmalloc(sizeof(*g.v) * (size_t)(tests.n ? tests.n : 1));
    for (int i = 0; i < tests.n; i++) {
        Group *cur = g.n ? &g.v[g.n - 1] : NULL;
        int st = results[k[i].idx].status;
        if (!cur || strcmp(cur->name, k[i].key) != 0) {
            cur = &g.v[g.n++];
            memset(cur, 0, sizeof(*cur));
            cur->name = k[i].key;
        } else {
            free(k[i].key);
        }
        cur->n[st]++;
        if (st != ST_SKIP)
            cur->total++;
    }
    free(k);
    return g;
}

static void free_groups(GroupList *g)
{
    for (int i = 0; i < g->n; i++)
        free(g->v[i].name);
    free(g->v);
}

static void print_group_row(const Group *g)
{
    double pct = g->total ? 100.0 * g->n[ST_PASS] / g->total : 0;
    printf("%-44s %7d %7d %6.1f%% %7d %6d %7d", g->name, g->n[ST_PASS], g->total, pct,
           g->n[ST_FAIL], g->n[ST_CRASH], g->n[ST_TIMEOUT]);
    if (g->n[ST_SKIP])
        printf(" %6d", g->n[ST_SKIP]);
    putchar('\n');
}

static void print_table(double elapsed)
{
    GroupList g = group_results(opt.depth), top = group_results(1);
    Group all;
    char rule[96];
    memset(rule, '-', sizeof(rule) - 1);
    rule[sizeof(rule) - 1] = '\0';
    printf("%-44s %7s %7s %7s %7s %6s %7s%s\n", "directory", "passed", "total", "", "failed",
           "crash", "timeout", counts[ST_SKIP] ? "   skip" : "");
    printf("%s\n", rule);
    if (opt.depth > 1) {
        for (int i = 0; i < g.n; i++)
            print_group_row(&g.v[i]);
        printf("%s\n", rule);
    }
    memset(&all, 0, sizeof(all));
    all.name = "total";
    for (int i = 0; i < top.n; i++) {
        print_group_row(&top.v[i]);
        for (int s = 0; s <= ST_SKIP; s++)
            all.n[s] += top.v[i].n[s];
        all.total += top.v[i].total;
    }
    printf("%s\n", rule);
    print_group_row(&all);
    printf("\n%d tests in %.1f s with %d worker%s\n", tests.n, elapsed, opt.jobs,
           opt.jobs == 1 ? "" : "s");
    free_groups(&g);
    free_groups(&top);
}

static void list_tests_with(int status, int limit)
{
    int shown = 0, total = counts[status];
    if (!total)
        return;
    printf("\n%s (%d):\n", status_names[status], total);
    for (int i = 0; i < tests.n; i++) {
        const Result *r = &results[i];
        if (r->status != status)
            continue;
        if (limit >= 0 && shown == limit) {
            printf("  ... and %d more (use -v)\n", total - shown);
            break;
        }
        printf("  %s: %s\n", tests.v[i], r->msg ? r->msg : "");
        shown++;
    }
}

static int cmp_by_time_desc(const void *a, const void *b)
{
    float ta = results[*(const int *)a].seconds, tb = results[*(const int *)b].seconds;
    return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static void list_slowest(int count)
{
    int *idx = xmalloc(sizeof(int) * (size_t)(tests.n ? tests.n : 1));
    for (int i = 0; i < tests.n; i++)
        idx[i] = i;
    qsort(idx, (size_t)tests.n, sizeof(int), cmp_by_time_desc);
    printf("\nslowest:\n");
    for (int i = 0; i < count && i < tests.n; i++)
        printf("  %7.2f s  %s %s\n", results[idx[i]].seconds, status_names[results[idx[i]].status],
               tests.v[idx[i]]);
    free(idx);
}

static void write_results_file(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot write %s: %s", path, strerror(errno));
    for (int i = 0; i < tests.n; i++) {
        const Result *r = &results[i];
        fprintf(f, "%s %s", status_names[r->status], tests.v[i]);
        if (r->msg && r->status != ST_PASS)
            fprintf(f, "  # %s", r->msg);
        fputc('\n', f);
    }
    fclose(f);
}

static void write_baseline(const char *path)
{
    GroupList g = group_results(opt.depth);
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot write %s: %s", path, strerror(errno));
    fprintf(f,
            "# test262 baseline: passing tests per directory (weft-test262).\n"
            "# 'make test262' fails when a directory passes fewer tests than listed here;\n"
            "# regenerate with 'make test262-update' after an improvement.\n"
            "# depth %d\n"
            "# directory passed/total\n",
            opt.depth);
    for (int i = 0; i < g.n; i++)
        fprintf(f, "%-48s %d/%d\n", g.v[i].name, g.v[i].n[ST_PASS], g.v[i].total);
    fclose(f);
    printf("wrote %s (%d directories)\n", path, g.n);
    free_groups(&g);
}

static const Group *find_group(const GroupList *g, const char *name)
{
    int lo = 0, hi = g->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(g->v[mid].name, name);
        if (c == 0)
            return &g->v[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

/* 0 when no directory regressed; 1 otherwise */
static int compare_baseline(const char *path, bool partial)
{
    FILE *f = fopen(path, "r");
    char line[512], name[400];
    int depth = opt.depth, regressions = 0, improved = 0, gained = 0, lost = 0;
    GroupList g;
    if (!f)
        die("cannot read baseline %s: %s", path, strerror(errno));
    /* the depth line comes before any entry */
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "# depth %d", &depth) == 1 || line[0] != '#')
            break;
    }
    rewind(f);
    g = group_results(depth);
    printf("\nbaseline %s:\n", path);
    while (fgets(line, sizeof(line), f)) {
        int bpass, btotal;
        const Group *cur;
        int pass, total;
        if (line[0] == '#' || sscanf(line, "%399s %d/%d", name, &bpass, &btotal) != 3)
            continue;
        cur = find_group(&g, name);
        pass = cur ? cur->n[ST_PASS] : 0;
        total = cur ? cur->total : 0;
        /* a partial run only speaks for the directories it ran completely */
        if (partial && (!cur || total != btotal))
            continue;
        if (pass < bpass) {
            printf("  REGRESSION %-40s %d -> %d passed (-%d)\n", name, bpass, pass, bpass - pass);
            regressions++;
            lost += bpass - pass;
        } else if (pass > bpass) {
            improved++;
            gained += pass - bpass;
        }
    }
    fclose(f);
    free_groups(&g);
    if (regressions)
        printf("  %d director%s regressed (%d tests)\n", regressions,
               regressions == 1 ? "y" : "ies", lost);
    else
        printf("  no regression\n");
    if (improved)
        printf("  %d director%s improved (+%d tests): update with 'make test262-update'\n",
               improved, improved == 1 ? "y" : "ies", gained);
    return regressions ? 1 : 0;
}

/* the floor file: "passed N" (and "sample N", informational) */
static int read_floor(const char *path, int *sample)
{
    FILE *f = fopen(path, "r");
    char line[256];
    int passed = -1, v;
    if (!f)
        die("cannot read floor %s: %s", path, strerror(errno));
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "passed %d", &v) == 1)
            passed = v;
        else if (sscanf(line, "sample %d", &v) == 1)
            *sample = v;
    }
    fclose(f);
    if (passed < 0)
        die("%s has no 'passed N' line", path);
    return passed;
}

static void write_floor(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot write %s: %s", path, strerror(errno));
    fprintf(f,
            "# test262 smoke floor: 'weft-test262 --smoke %d' (1 test in %d of language,\n"
            "# built-ins and annexB) must pass at least this many tests. Raise it with\n"
            "# build/weft-test262 --smoke %d --write-floor tests/test262/smoke-floor.txt\n"
            "sample %d\n"
            "passed %d\n",
            opt.smoke, opt.smoke, opt.smoke, tests.n - counts[ST_SKIP], counts[ST_PASS]);
    fclose(f);
    printf("wrote %s (passed %d)\n", path, counts[ST_PASS]);
}

static int smoke_report(double elapsed)
{
    int run = tests.n - counts[ST_SKIP], rc = 0;
    printf("test262 smoke (1 test in %d): %d/%d passed (%.1f%%), %d failed, %d crashed, "
           "%d timed out, %.1f s\n",
           opt.smoke, counts[ST_PASS], run, run ? 100.0 * counts[ST_PASS] / run : 0.0,
           counts[ST_FAIL], counts[ST_CRASH], counts[ST_TIMEOUT], elapsed);
    list_tests_with(ST_CRASH, opt.verbose ? -1 : 20);
    if (opt.verbose) {
        list_tests_with(ST_TIMEOUT, -1);
        list_tests_with(ST_FAIL, -1);
    }
    if (opt.write_floor)
        write_floor(opt.write_floor);
    if (opt.floor) {
        int sample = -1, floor = read_floor(opt.floor, &sample);
        if (sample >= 0 && sample != run)
            printf("note: the floor was recorded on a sample of %d tests, this one has %d\n",
                   sample, run);
        rc = counts[ST_PASS] < floor;
        if (rc)
            printf("FAIL: %d tests pass, the floor (%s) is %d\n", counts[ST_PASS], opt.floor,
                   floor);
        else if (counts[ST_PASS] > floor)
            printf("above the floor (%d): raise it with --smoke %d --write-floor %s\n", floor,
                   opt.smoke, opt.floor);
        /* the floor check counts as one test in tools/run-tests.sh's totals */
        printf("%d passed, %d failed (test262 smoke: %d of %d tests pass, floor %d)\n", !rc, rc,
               counts[ST_PASS], run, floor);
    }
    return rc;
}

/* ---------------------------------------------------------------------
 * main
 * ------------------------------------------------------------------- */
int main(int argc, char **argv)
{
    StrList all = {NULL, 0, 0};
    bool partial;
    double t0;
    int rc = 0;

    parse_options(argc, argv);
    partial = opt.paths.n > 0;
    if (!partial) {
        strlist_push(&opt.paths, xstrdup("language"));
        strlist_push(&opt.paths, xstrdup("built-ins"));
        strlist_push(&opt.paths, xstrdup("annexB"));
    }
    harness_preload();
    collect_tests(&all, &opt.paths);
    if (opt.smoke > 0) {
        for (int i = 0; i < all.n; i++) {
            if (i % opt.smoke == 0)
                strlist_push(&tests, all.v[i]);
            else
                free(all.v[i]);
        }
        free(all.v);
    } else {
        tests = all;
    }
    if (tests.n == 0)
        die("no tests found");
    if (opt.jobs > tests.n)
        opt.jobs = tests.n;
    results = xmalloc(sizeof(*results) * (size_t)tests.n);
    memset(results, 0, sizeof(*results) * (size_t)tests.n);

    t0 = now_seconds();
    if (opt.no_fork)
        run_no_fork();
    else
        run_workers();
    show_progress(true);

    if (opt.results)
        write_results_file(opt.results);
    if (opt.smoke > 0)
        return smoke_report(now_seconds() - t0);

    print_table(now_seconds() - t0);
    list_tests_with(ST_CRASH, opt.verbose ? -1 : 20);
    if (opt.verbose) {
        list_tests_with(ST_TIMEOUT, -1);
        list_tests_with(ST_FAIL, -1);
        list_slowest(10);
    }
    if (opt.write_baseline)
        write_baseline(opt.write_baseline);
    if (opt.baseline)
        rc = compare_baseline(opt.baseline, partial);
    return rc;
}
