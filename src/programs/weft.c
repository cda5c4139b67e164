/*
 * weft.c — the `weft` command: runs a script file or a -e string with the
 * runtime's globals, and reports uncaught errors.
 *
 *   weft [options] [file [args...]]
 *     -e CODE     run CODE
 *     -m          run the file (or CODE) as an ES module; files ending in
 *                 .mjs and files with import/export declarations are
 *                 modules anyway
 *     -I FILE     run FILE first (may be repeated)
 *     -q          quiet (no banner)
 *     -h          help
 *     --version   print the version
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "weft.h"
#include "weft_runtime.h"

#define WEFT_MAX_INCLUDES 32

static void weft_usage(FILE *out)
{
    fprintf(out, "usage: weft [options] [file [args...]]\n"
                 "  -e CODE     evaluate CODE\n"
                 "  -m          run as an ES module (automatic for .mjs files and\n"
                 "              sources with import/export declarations)\n"
                 "  -I FILE     evaluate FILE first (repeatable)\n"
                 "  -q          quiet\n"
                 "  -h, --help  this help\n"
                 "  --version   print the version\n");
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

/* promises rejected while they had no handler and not handled since */
typedef struct WeftRejections {
    JSValue *tab;
    size_t len, size;
} WeftRejections;

static void weft_track_rejection(JSContext *ctx, JSValueConst promise, JSValueConst reason,
                                 bool is_handled, void *opaque);

static bool weft_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* runs source text; prints an uncaught error; 0 on success. A module's
   evaluation promise is kept in *pmodule_promise (its failure is reported
   once the jobs ran: top-level await). */
static int weft_eval(JSContext *ctx, const char *src, size_t len, const char *filename,
                     bool module, JSValue *pmodule_promise)
{
    JSValue ret;
    if (!module)
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

static int weft_eval_file(JSContext *ctx, const char *filename, bool module,
                          JSValue *pmodule_promise)
{
    size_t len;
    char *buf = weft_read_file(filename, &len);
    int ret;
    if (!buf) {
        fprintf(stderr, "weft: cannot read '%s': %s\n", filename, strerror(errno));
        return -1;
    }
    ret = weft_eval(ctx, buf, len, filename, module, pmodule_promise);
    free(buf);
    return ret;
}

/* a rejected module evaluation is reported like an uncaught error (and not
   again as an unhandled rejection) */
static int weft_check_module(JSContext *ctx, JSValue promise, WeftRejections *r)
{
    int ret = 0;
    if (!JS_IsObject(promise))
        return 0;
    if (JS_PromiseState(ctx, promise) == JS_PROMISE_REJECTED) {
        JSValue reason = JS_PromiseResult(ctx, promise);
        weft_track_rejection(ctx, promise, reason, true, r);
        js_std_dump_error1(ctx, reason, stderr);
        JS_FreeValue(ctx, reason);
        ret = -1;
    }
    JS_FreeValue(ctx, promise);
    return ret;
}

static void weft_track_rejection(JSContext *ctx, JSValueConst promise, JSValueConst reason,
                                 bool is_handled, void *opaque)
{
    WeftRejections *r = opaque;
    if (is_handled) {
        for (size_t i = 0; i < r->len; i++) {
            if (r->tab[i] == promise) {
                JS_FreeValue(ctx, r->tab[i]);
                memmove(r->tab + i, r->tab + i + 1, (r->len - i - 1) * sizeof(JSValue));
                r->len--;
                break;
            }
        }
        return;
    }
    if (r->len == r->size) {
        size_t size = r->size ? r->size * 2 : 8;
        JSValue *tab = realloc(r->tab, size * sizeof(JSValue));
        if (!tab)
            return;
        r->tab = tab;
        r->size = size;
    }
    r->tab[r->len++] = JS_DupValue(ctx, promise);
}

/* prints the reason of the first unhandled rejection (when report is
   set: an uncaught exception already ended the run otherwise) and frees
   the list. -1 when one was printed. */
static int weft_report_rejections(JSContext *ctx, WeftRejections *r, bool report)
{
    int ret = 0;
    for (size_t i = 0; i < r->len; i++) {
        if (report && ret == 0) {
            JSValue reason = JS_PromiseResult(ctx, r->tab[i]);
            fprintf(stderr, "Uncaught (in promise) ");
            js_std_dump_error1(ctx, reason, stderr);
            JS_FreeValue(ctx, reason);
            ret = -1;
        }
        JS_FreeValue(ctx, r->tab[i]);
    }
    free(r->tab);
    r->tab = NULL;
    r->len = r->size = 0;
    return ret;
}

/* runs the promise jobs the script queued; a job that throws is reported
   like an uncaught error. 0 on success. */
static int weft_run_jobs(JSRuntime *rt)
{
    for (;;) {
        JSContext *job_ctx;
        int r = JS_ExecutePendingJob(rt, &job_ctx);
        if (r == 0)
            return 0;
        if (r < 0) {
            js_std_dump_error(job_ctx, stderr);
            return -1;
        }
    }
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

static int weft_add_script_args(JSContext *ctx, int argc, char **argv)
{
    JSValue global = JS_GetGlobalObject(ctx), arr = JS_NewArray(ctx);
    int ret;
    for (int i = 0; i < argc; i++)
        JS_SetPropertyUint32(ctx, arr, i, JS_NewString(ctx, argv[i]));
    ret = JS_SetPropertyStr(ctx, global, "scriptArgs", arr);
    JS_FreeValue(ctx, global);
    return ret;
}

int main(int argc, char **argv)
{
    const char *expr = NULL, *includes[WEFT_MAX_INCLUDES];
    int ninclude = 0, i, status = 0;
    bool module = false;
    JSValue module_promise = JS_UNDEFINED;
    WeftRejections rejections = {NULL, 0, 0};
    JSRuntime *rt;
    JSContext *ctx;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            break;
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (!strcmp(a, "-e") && i + 1 < argc) {
            expr = argv[++i];
        } else if (!strcmp(a, "-m")) {
            module = true;
        } else if (!strcmp(a, "-I") && i + 1 < argc) {
            if (ninclude < WEFT_MAX_INCLUDES)
                includes[ninclude++] = argv[++i];
        } else if (!strcmp(a, "-q")) {
            /* no banner is printed anyway */
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            weft_usage(stdout);
            return 0;
        } else if (!strcmp(a, "--version")) {
            printf("weft %s\n", WEFT_VERSION);
            return 0;
        } else {
            fprintf(stderr, "weft: unknown option '%s'\n", a);
            weft_usage(stderr);
            return 2;
        }
    }
    if (!expr && i >= argc) {
        weft_usage(stderr);
        return 2;
    }
    rt = JS_NewRuntime();
    if (!rt) {
        fprintf(stderr, "weft: cannot create a runtime\n");
        return 1;
    }
    weft_set_stack(rt);
    js_std_init_module_loader(rt, expr ? NULL : argv[i]);
    JS_SetHostPromiseRejectionTracker(rt, weft_track_rejection, &rejections);
    ctx = JS_NewContext(rt);
    if (!ctx || js_std_add_console(ctx) < 0 || weft_add_script_args(ctx, argc - i, argv + i) < 0) {
        fprintf(stderr, "weft: cannot create a context\n");
        return 1;
    }
    for (int k = 0; k < ninclude && status == 0; k++) {
        if (weft_eval_file(ctx, includes[k], false, NULL) < 0)
            status = 1;
    }
    if (status == 0) {
        if (expr) {
            if (weft_eval(ctx, expr, strlen(expr), "<cmdline>", module, &module_promise) < 0)
                status = 1;
        } else if (weft_eval_file(ctx, argv[i], module, &module_promise) < 0) {
            status = 1;
        }
    }
    if (status == 0 && weft_run_jobs(rt) < 0)
        status = 1;
    if (weft_check_module(ctx, module_promise, &rejections) < 0 && status == 0)
        status = 1;
    if (weft_report_rejections(ctx, &rejections, status == 0) < 0)
        status = 1;
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    return status;
}
