/*
 * weft.c — the `weft` command: runs a script file or a -e string with the
 * runtime's globals, reports uncaught errors, and offers a REPL
 * (js_std_repl) when there is nothing to run or with -i.
 *
 *   weft [options] [file [args...]]   (weft_usage lists the options)
 *
 * A file (or CODE) is an ES module when it ends in .mjs or contains
 * import/export syntax (JS_DetectModule), unless -m or --script decides.
 * Include files (-I) are detected the same way, whatever -m says. Short
 * options may be grouped (-qi); the option of -e and -I may be attached
 * (-Ifile) or the next argument. The status is 2 on bad usage, else the
 * event loop's (cmdline's exit code; 1 after an uncaught error).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "weft.h"
#include "weft_runtime.h"

#define WEFT_MAX_INCLUDES 32

/* how the file or CODE is run */
typedef enum WeftMode {
    WEFT_MODE_AUTO,   /* .mjs or import/export syntax: module */
    WEFT_MODE_MODULE, /* -m */
    WEFT_MODE_SCRIPT, /* --script */
} WeftMode;

typedef struct WeftOptions {
    const char *expr; /* -e */
    const char *includes[WEFT_MAX_INCLUDES];
    int ninclude;
    WeftMode mode;
    bool interactive; /* -i, or nothing to run */
    bool quiet;
    int first_arg; /* argv index of the file (or of CODE's scriptArgs) */
} WeftOptions;

static void weft_usage(FILE *out)
{
    fprintf(out, "usage: weft [options] [file [args...]]\n"
                 "  -e, --eval CODE     evaluate CODE (the args become scriptArgs)\n"
                 "  -m, --module        run as an ES module (automatic for .mjs files\n"
                 "                      and sources with import/export syntax)\n"
                 "      --script        run as a script, even a .mjs file\n"
                 "  -I, --include FILE  evaluate FILE first (repeatable)\n"
                 "  -i, --interactive   start the REPL after running the file or CODE\n"
                 "  -q, --quiet         no REPL banner\n"
                 "  -h, --help          this help\n"
                 "      --version       print the version\n"
                 "Without a file or -e, weft starts the REPL.\n");
}

static int weft_bad_usage(const char *fmt, const char *what)
{
    fputs("weft: ", stderr);
    fprintf(stderr, fmt, what);
    fputs("\n", stderr);
    weft_usage(stderr);
    return -1;
}

/* -e and -I: the value attached (-Ifile) or the next argument */
static const char *weft_option_value(int argc, char **argv, int *pi, const char *attached,
                                     const char *name)
{
    if (*attached)
        return attached;
    if (*pi + 1 >= argc) {
        weft_bad_usage("option '%s' needs an argument", name);
        return NULL;
    }
    return argv[++*pi];
}

static int weft_add_include(WeftOptions *o, const char *file)
{
    if (o->ninclude == WEFT_MAX_INCLUDES)
        return weft_bad_usage("too many -I files (%s)", file);
    o->includes[o->ninclude++] = file;
    return 0;
}

/* one long option; -1 on bad usage, 1 when the program is done (help,
   version) */
static int weft_long_option(WeftOptions *o, int argc, char **argv, int *pi)
{
    const char *a = argv[*pi], *v;
    if (!strcmp(a, "--eval")) {
        if (!(v = weft_option_value(argc, argv, pi, "", a)))
            return -1;
        o->expr = v;
    } else if (!strcmp(a, "--include")) {
        if (!(v = weft_option_value(argc, argv, pi, "", a)))
            return -1;
        return weft_add_include(o, v);
    } else if (!strcmp(a, "--module")) {
        o->mode = WEFT_MODE_MODULE;
    } else if (!strcmp(a, "--script")) {
        o->mode = WEFT_MODE_SCRIPT;
    } else if (!strcmp(a, "--interactive")) {
        o->interactive = true;
    } else if (!strcmp(a, "--quiet")) {
        o->quiet = true;
    } else if (!strcmp(a, "--help")) {
        weft_usage(stdout);
        return 1;
    } else if (!strcmp(a, "--version")) {
        printf("weft %s\n", WEFT_VERSION);
        return 1;
    } else {
        return weft_bad_usage("unknown option '%s'", a);
    }
    return 0;
}

/* a group of short options (-qi, -e CODE, -Ifile) */
static int weft_short_options(WeftOptions *o, int argc, char **argv, int *pi)
{
    const char *a = argv[*pi];
    for (int k = 1; a[k]; k++) {
        char name[3] = {'-', a[k], '\0'};
        const char *v;
        switch (a[k]) {
        case 'e':
        case 'I':
            if (!(v = weft_option_value(argc, argv, pi, a + k + 1, name)))
                return -1;
            if (a[k] == 'e')
                o->expr = v;
            else if (weft_add_include(o, v) < 0)
                return -1;
            return 0; /* the value ended the group */
        case 'm':
            o->mode = WEFT_MODE_MODULE;
            break;
        case 'i':
            o->interactive = true;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'h':
            weft_usage(stdout);
            return 1;
        default:
            return weft_bad_usage("unknown option '%s'", name);
        }
    }
    return 0;
}

/* fills o; 0 to go on, 1 when the program is done, -1 on bad usage */
static int weft_parse_options(WeftOptions *o, int argc, char **argv)
{
    int i, ret = 0;
    memset(o, 0, sizeof(*o));
    for (i = 1; i < argc && ret == 0; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            break;
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        ret = a[1] == '-' ? weft_long_option(o, argc, argv, &i)
                          : weft_short_options(o, argc, argv, &i);
    }
    o->first_arg = i;
    if (!o->expr && i >= argc)
        o->interactive = true;
    return ret;
}

static char *weft_read_file(const char *filename, size_t *plen)
{
    FILE *f = fopen(filename, "rb");
    char *buf;
    long len;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc(len + 1);
    if (!buf || fread(buf, 1, len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[len] = '\0';
    fclose(f);
    *plen = len;
    return buf;
}

static bool weft_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* runs source text; prints an uncaught error; 0 on success. A module's
   evaluation promise is kept in *pmodule_promise (its failure is reported
   once the jobs ran: top-level await). */
static int weft_eval(JSContext *ctx, const char *src, size_t len, const char *filename,
                     WeftMode mode, JSValue *pmodule_promise)
{
    JSValue ret;
    bool module = mode == WEFT_MODE_MODULE;
    if (mode == WEFT_MODE_AUTO)
        module = weft_has_suffix(filename, ".mjs") || JS_DetectModule(src, len);
    ret = JS_Eval(ctx, src, len, filename, module ? JS_EVAL_TYPE_MODULE : JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(ret)) {
        js_std_dump_error(ctx, stderr);
        return -1;
    }
    if (module && pmodule_promise)
        *pmodule_promise = ret;
    else
        JS_FreeValue(ctx, ret);
    return 0;
}

static int weft_eval_file(JSContext *ctx, const char *filename, WeftMode mode,
                          JSValue *pmodule_promise)
{
    size_t len;
    char *buf = weft_read_file(filename, &len);
    int ret;
    if (!buf) {
        fprintf(stderr, "weft: cannot read '%s': %s\n", filename, strerror(errno));
        return -1;
    }
    ret = weft_eval(ctx, buf, len, filename, mode, pmodule_promise);
    free(buf);
    return ret;
}

/* a deeper JS stack than the engine's default, within the thread's limit */
static void weft_set_stack(JSRuntime *rt)
{
    struct rlimit rl;
    size_t size = 1024 * 1024;
    if (getrlimit(RLIMIT_STACK, &rl) == 0) {
        if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= 8 * 1024 * 1024)
            size = 6 * 1024 * 1024;
        else if (rl.rlim_cur > 256 * 1024)
            size = rl.rlim_cur - 128 * 1024;
    }
    JS_SetMaxStackSize(rt, size);
}

/* the REPL, after its banner (on a terminal, unless -q) */
static void weft_repl(JSContext *ctx, const WeftOptions *o)
{
    if (!o->quiet && isatty(STDIN_FILENO))
        printf("weft %s (Ctrl-D to exit)\n", WEFT_VERSION);
    fflush(stdout);
    js_std_repl(ctx);
}

/* the context of a worker thread: the same builtins, modules and globals
   as the main thread's (installed with js_os_set_worker_new_context_func) */
static JSContext *JS_NewCustomContext(JSRuntime *rt)
{
    JSContext *ctx = JS_NewContext(rt);
    if (ctx && js_std_add_helpers(ctx, 0, NULL) < 0) {
        JS_FreeContext(ctx);
        return NULL;
    }
    return ctx;
}

int main(int argc, char **argv)
{
    WeftOptions opts;
    const char *expr, *file;
    int i, status = 0, r = weft_parse_options(&opts, argc, argv);
    JSValue module_promise = JS_UNDEFINED;
    JSRuntime *rt;
    JSContext *ctx;
    if (r != 0)
        return r < 0 ? 2 : 0;
    i = opts.first_arg;
    expr = opts.expr;
    file = !expr && i < argc ? argv[i] : NULL;
    rt = JS_NewRuntime();
    if (!rt) {
        fprintf(stderr, "weft: cannot create a runtime\n");
        return 1;
    }
    weft_set_stack(rt);
    js_std_init_module_loader(rt, file);
    if (js_eventloop_init(rt) < 0 || js_std_set_script_args(rt, argc - i, argv + i) < 0 ||
        js_std_set_main_module(rt, file) < 0) {
        fprintf(stderr, "weft: cannot create the event loop\n");
        return 1;
    }
    js_os_set_worker_new_context_func(JS_NewCustomContext);
    ctx = JS_NewContext(rt);
    if (!ctx || js_std_add_helpers(ctx, argc - i, argv + i) < 0) {
        fprintf(stderr, "weft: cannot create a context\n");
        return 1;
    }
    for (int k = 0; k < opts.ninclude && status == 0; k++) {
        if (weft_eval_file(ctx, opts.includes[k], WEFT_MODE_AUTO, NULL) < 0)
            status = 1;
    }
    if (status == 0) {
        if (expr) {
            if (weft_eval(ctx, expr, strlen(expr), "<cmdline>", opts.mode, &module_promise) < 0)
                status = 1;
        } else if (file && weft_eval_file(ctx, file, opts.mode, &module_promise) < 0) {
            status = 1;
        }
    }
    /* an uncaught error in the synchronous part ends the program before
       any job or timer runs; otherwise the loop runs, and the exit status
       is cmdline's (1 after an uncaught error or unhandled rejection) */
    if (status == 0 && js_eventloop_track_module(ctx, module_promise) < 0) {
        js_std_dump_error(ctx, stderr);
        status = 1;
    }
    if (opts.interactive) {
        /* after an error too: the REPL is where it can be looked at */
        weft_repl(ctx, &opts);
        if (status == 0)
            status = js_std_get_exit_code(rt);
    } else if (status == 0) {
        js_eventloop_run(ctx);
        status = js_std_get_exit_code(rt);
    }
    JS_FreeValue(ctx, module_promise);
    JS_FreeContext(ctx);
    js_eventloop_free(rt);
    JS_FreeRuntime(rt);
    return status;
}
