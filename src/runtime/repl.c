/*
 * repl.c — js_std_repl: the read-eval-print loop of the weft command.
 *
 * It lives in the runtime layer, not in the program, because it is driven
 * by the event loop like any other input: stdin is a C watcher
 * (JSEventWatch) of the thread's loop, so timers, fd handlers and worker
 * messages keep running while the REPL waits for a line, and
 * js_std_repl returns when the loop ends. An embedder gets the same REPL
 * with one call. (Without js_eventloop_init it falls back to blocking
 * reads and runs the pending jobs after each line.)
 *
 * On a terminal, stdin is put in raw mode while a line is edited: arrows,
 * Home/End, Backspace/Delete, Ctrl-A/E/K/U/W/L/C/D, Up/Down through the
 * history, which is kept in memory (REPL_HISTORY_MAX lines) and in
 * ~/.weft_history ($WEFT_HISTORY names another file; empty: none). The
 * terminal is cooked again while code runs, and Ctrl-C then interrupts
 * the evaluation (the interrupt handler of the runtime, installed for the
 * REPL's lifetime). Ctrl-D on an empty line ends the REPL and the
 * program; Ctrl-C twice on an empty line too.
 *
 * When stdin is not a terminal, lines are read as they come, without
 * prompts or echo (as the QuickJS-family REPLs do when piped); at end of
 * input the REPL closes and the loop runs what is left (timers...).
 *
 * A line that leaves the statement incomplete (the parser hits the end of
 * the input: an open brace, bracket, template or comment) continues on
 * the next line ("... " prompt). Input starting with `{` is first tried
 * as an expression (`{a: 1}` is an object, as in node). Results print in
 * the inspect() form; uncaught errors as the weft command prints them
 * (js_std_dump_error1), and the REPL goes on. Errors that escape to the
 * loop meanwhile (a throwing timer, an unhandled rejection) are printed
 * the same way and do not end the REPL.
 *
 * Process-wide state: the terminal settings to restore (the terminal
 * belongs to the process) and the SIGINT flag; only the main thread runs
 * a REPL.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "eventloop.h"
#include "weft_runtime.h"

#define REPL_HISTORY_MAX 1000
#define REPL_PROMPT "> "
#define REPL_PROMPT_MORE "... "

typedef struct JSRepl {
    JSContext *ctx;
    JSThreadState *ts; /* NULL without an event loop */
    bool tty;
    bool done;
    /* the line being edited (NUL-terminated), cursor at pos */
    char *line;
    size_t len, size, pos;
    /* the previous lines of an incomplete statement */
    char *src;
    size_t src_len, src_size;
    /* history: hist[0] oldest; browsing at hist_pos (hist_len: the new line) */
    char **hist;
    int hist_len, hist_pos;
    char *hist_edit; /* the new line, kept while browsing */
    char *hist_file;
    /* an escape sequence being read */
    char esc[16];
    int esc_len;
    int ctrl_c;
    JSEventWatch watch;
    JSErrorReporterFunc *saved_report;
    void *saved_report_opaque;
} JSRepl;

static struct termios repl_saved_termios;
static bool repl_raw;
static volatile sig_atomic_t repl_interrupted;

/* ---------------------------------------------------------------------
 * Terminal
 * ------------------------------------------------------------------- */
static void repl_cooked(void)
{
    if (repl_raw) {
        tcsetattr(STDIN_FILENO, TCSADRAIN, &repl_saved_termios);
        repl_raw = false;
    }
}

/* raw input (no echo, no line buffering, no signals); output processing
   stays on so that "\n" still returns the carriage */
static void repl_make_raw(void)
{
    static bool atexit_done;
    struct termios t;
    if (repl_raw || tcgetattr(STDIN_FILENO, &repl_saved_termios) < 0)
        return;
    t = repl_saved_termios;
    t.c_iflag &= ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    t.c_lflag &= ~(ECHO | ICANON | IEXTEN | ISIG);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSADRAIN, &t) < 0)
        return;
    repl_raw = true;
    /* cmdline.exit() from the prompt must not leave the terminal raw */
    if (!atexit_done && atexit(repl_cooked) == 0)
        atexit_done = true;
}

static void repl_write(const char *s, size_t n)
{
    fwrite(s, 1, n, stdout);
}

static void repl_puts(const char *s) { repl_write(s, strlen(s)); }

static bool repl_is_cont(char c) { return ((unsigned char)c & 0xc0) == 0x80; }

/* the prompt, the line, and the cursor put back at pos */
static void repl_refresh(JSRepl *r)
{
    int back = 0;
    if (!r->tty)
        return;
    repl_puts("\r");
    repl_puts(r->src_len ? REPL_PROMPT_MORE : REPL_PROMPT);
    repl_write(r->line, r->len);
    repl_puts("\x1b[K");
    for (size_t i = r->pos; i < r->len; i++)
        back += !repl_is_cont(r->line[i]);
    if (back > 0)
        printf("\x1b[%dD", back);
    fflush(stdout);
}

/* ---------------------------------------------------------------------
 * The line buffer
 * ------------------------------------------------------------------- */
static int repl_reserve(char **pbuf, size_t *psize, size_t need)
{
    char *p;
    size_t size;
    if (need <= *psize)
        return 0;
    size = need * 2 + 64;
    p = realloc(*pbuf, size);
    if (!p)
        return -1;
    *pbuf = p;
    *psize = size;
    return 0;
}

static void repl_set_line(JSRepl *r, const char *s)
{
    size_t n = strlen(s);
    if (repl_reserve(&r->line, &r->size, n + 1) < 0)
        return;
    memcpy(r->line, s, n + 1);
    r->len = r->pos = n;
}

static void repl_insert(JSRepl *r, const char *s, size_t n)
{
    if (repl_reserve(&r->line, &r->size, r->len + n + 1) < 0)
        return;
    memmove(r->line + r->pos + n, r->line + r->pos, r->len - r->pos + 1);
    memcpy(r->line + r->pos, s, n);
    r->len += n;
    r->pos += n;
}

/* removes line[from, to) */
static void repl_delete(JSRepl *r, size_t from, size_t to)
{
    memmove(r->line + from, r->line + to, r->len - to + 1);
    r->len -= to - from;
    r->pos = from;
}

static size_t repl_prev_char(JSRepl *r, size_t i)
{
    while (i > 0 && repl_is_cont(r->line[--i]))
        ;
    return i;
}

static size_t repl_next_char(JSRepl *r, size_t i)
{
    if (i < r->len)
        i++;
    while (i < r->len && repl_is_cont(r->line[i]))
        i++;
    return i;
}

/* Ctrl-W: the blanks before the cursor, then the word */
static void repl_delete_word(JSRepl *r)
{
    size_t i = r->pos, end = r->pos;
    while (i > 0 && r->line[i - 1] == ' ')
        i--;
    while (i > 0 && r->line[i - 1] != ' ')
        i--;
    repl_delete(r, i, end);
}

/* ---------------------------------------------------------------------
 * History
 * ------------------------------------------------------------------- */
static void repl_history_add(JSRepl *r, const char *s)
{
    char *copy;
    if (!*s || (r->hist_len > 0 && !strcmp(r->hist[r->hist_len - 1], s)))
        return;
    copy = strdup(s);
    if (!copy)
        return;
    if (r->hist_len == REPL_HISTORY_MAX) {
        free(r->hist[0]);
        memmove(r->hist, r->hist + 1, (REPL_HISTORY_MAX - 1) * sizeof(char *));
        r->hist_len--;
    }
    r->hist[r->hist_len++] = copy;
}

static char *repl_history_path(void)
{
    const char *env = getenv("WEFT_HISTORY"), *home = getenv("HOME");
    char *path;
    if (env)
        return *env ? strdup(env) : NULL;
    if (!home || !*home)
        return NULL;
    path = malloc(strlen(home) + sizeof("/.weft_history"));
    if (path)
        sprintf(path, "%s/.weft_history", home);
    return path;
}

static void repl_history_load(JSRepl *r)
{
    FILE *f = r->hist_file ? fopen(r->hist_file, "r") : NULL;
    char *buf = NULL;
    size_t size = 0;
    ssize_t n;
    if (!f)
        return;
    while ((n = getline(&buf, &size, f)) > 0) {
        if (buf[n - 1] == '\n')
            buf[n - 1] = '\0';
        repl_history_add(r, buf);
    }
    free(buf);
    fclose(f);
}

/* the file keeps the last REPL_HISTORY_MAX lines */
static void repl_history_save(JSRepl *r)
{
    FILE *f = r->hist_file ? fopen(r->hist_file, "w") : NULL;
    if (!f)
        return;
    for (int i = 0; i < r->hist_len; i++)
        fprintf(f, "%s\n", r->hist[i]);
    fclose(f);
}

/* Up (dir -1) and Down (dir +1) */
static void repl_history_move(JSRepl *r, int dir)
{
    int pos = r->hist_pos + dir;
    if (pos < 0 || pos > r->hist_len)
        return;
    if (r->hist_pos == r->hist_len) {
        free(r->hist_edit);
        r->hist_edit = strdup(r->line);
    }
    r->hist_pos = pos;
    repl_set_line(r, pos == r->hist_len ? (r->hist_edit ? r->hist_edit : "") : r->hist[pos]);
}

/* ---------------------------------------------------------------------
 * Evaluation
 * ------------------------------------------------------------------- */
/* the parser stopped at the end of the input: more lines may complete it
   (the engine's messages for an unexpected end, an open template
   literal and an open comment) */
static bool repl_is_incomplete(JSContext *ctx, JSValueConst exc)
{
    static const char *const messages[] = {"unexpected end of input",
                                           "unterminated template literal",
                                           "unterminated comment"};
    JSValue name = JS_GetPropertyStr(ctx, exc, "name"), msg = JS_GetPropertyStr(ctx, exc, "message");
    const char *n = JS_ToCString(ctx, name), *m = JS_ToCString(ctx, msg);
    bool ret = false;
    if (n && m && !strcmp(n, "SyntaxError")) {
        for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
            ret |= !strcmp(m, messages[i]);
    }
    JS_FreeCString(ctx, n);
    JS_FreeCString(ctx, m);
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, msg);
    if (JS_HasException(ctx))
        JS_FreeValue(ctx, JS_GetException(ctx));
    return ret;
}

static void repl_print_error(JSContext *ctx, JSValueConst exc)
{
    fflush(stdout);
    js_std_dump_error1(ctx, exc, stderr);
}

/* `{a: 1}` reads as an object literal when it parses as an expression */
static JSValue repl_compile_object_literal(JSContext *ctx, const char *src, size_t len)
{
    const char *p = src;
    char *wrapped;
    JSValue fn;
    while (p < src + len && (*p == ' ' || *p == '\t' || *p == '\n'))
        p++;
    if (p == src + len || *p != '{' || !(wrapped = malloc(len + 3)))
        return JS_UNDEFINED;
    wrapped[0] = '(';
    memcpy(wrapped + 1, src, len);
    wrapped[len + 1] = ')';
    wrapped[len + 2] = '\0';
    fn = JS_Eval(ctx, wrapped, len + 2, "<repl>", JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
    free(wrapped);
    if (JS_IsException(fn)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return JS_UNDEFINED;
    }
    return fn;
}

/* compiles the statement in r->src: the compiled script, JS_UNDEFINED
   when it needs more lines (unless at_eof), or JS_EXCEPTION (printed) */
static JSValue repl_compile(JSRepl *r, bool at_eof)
{
    JSContext *ctx = r->ctx;
    JSValue fn = repl_compile_object_literal(ctx, r->src, r->src_len), exc;
    if (!JS_IsUndefined(fn))
        return fn;
    fn = JS_Eval(ctx, r->src, r->src_len, "<repl>", JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
    if (!JS_IsException(fn))
        return fn;
    exc = JS_GetException(ctx);
    if (!at_eof && repl_is_incomplete(ctx, exc)) {
        JS_FreeValue(ctx, exc);
        return JS_UNDEFINED;
    }
    repl_print_error(ctx, exc);
    JS_FreeValue(ctx, exc);
    return JS_EXCEPTION;
}

static void repl_print_result(JSContext *ctx, JSValueConst val)
{
    JSValue s = js_std_inspect(ctx, val);
    size_t n;
    const char *str = JS_IsException(s) ? NULL : JS_ToCStringLen(ctx, &n, s);
    if (str) {
        fwrite(str, 1, n, stdout);
        fputc('\n', stdout);
        JS_FreeCString(ctx, str);
    } else {
        JS_FreeValue(ctx, JS_GetException(ctx));
    }
    JS_FreeValue(ctx, s);
    fflush(stdout);
}

static void repl_run_jobs(JSRepl *r)
{
    JSContext *job_ctx;
    if (r->ts) {
        js_eventloop_run_jobs(r->ts);
        return;
    }
    for (;;) {
        int ret = JS_ExecutePendingJob(JS_GetRuntime(r->ctx), &job_ctx);
        if (ret == 0)
            break;
        if (ret < 0) {
            JSValue exc = JS_GetException(job_ctx);
            repl_print_error(job_ctx, exc);
            JS_FreeValue(job_ctx, exc);
        }
    }
}

static void repl_on_sigint(int sig) { repl_interrupted = 1; }

static int repl_interrupt_handler(JSRuntime *rt, void *opaque)
{
    if (!repl_interrupted)
        return 0;
    repl_interrupted = 0;
    return 1;
}

/* runs compiled code with the terminal cooked and Ctrl-C interrupting it */
static void repl_run(JSRepl *r, JSValue fn)
{
    JSContext *ctx = r->ctx;
    struct sigaction sa, old;
    JSValue ret;
    repl_cooked();
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = repl_on_sigint;
    sigemptyset(&sa.sa_mask);
    repl_interrupted = 0;
    sigaction(SIGINT, &sa, &old);
    ret = JS_EvalFunction(ctx, fn);
    if (JS_IsException(ret)) {
        JSValue exc = JS_GetException(ctx);
        repl_print_error(ctx, exc);
        JS_FreeValue(ctx, exc);
    } else {
        repl_print_result(ctx, ret);
    }
    JS_FreeValue(ctx, ret);
    repl_run_jobs(r);
    sigaction(SIGINT, &old, NULL);
    fflush(stdout);
}

/* the line is complete: run the statement it ends, or wait for more */
static void repl_accept(JSRepl *r, bool at_eof)
{
    JSValue fn;
    if (r->src_len == 0 && strspn(r->line, " \t\r") == r->len) {
        repl_set_line(r, "");
        return; /* a blank line */
    }
    repl_history_add(r, r->line);
    r->hist_pos = r->hist_len;
    if (repl_reserve(&r->src, &r->src_size, r->src_len + r->len + 2) < 0)
        return;
    memcpy(r->src + r->src_len, r->line, r->len);
    r->src_len += r->len;
    r->src[r->src_len++] = '\n';
    r->src[r->src_len] = '\0';
    repl_set_line(r, "");
    fn = repl_compile(r, at_eof);
    if (JS_IsUndefined(fn))
        return; /* continued on the next line */
    r->src_len = 0;
    if (!JS_IsException(fn))
        repl_run(r, fn);
}

/* ---------------------------------------------------------------------
 * Keys
 * ------------------------------------------------------------------- */
static void repl_finish(JSRepl *r)
{
    r->done = true;
    if (r->tty)
        repl_puts("\n");
}

static void repl_ctrl_c(JSRepl *r)
{
    if (r->len == 0 && r->src_len == 0) {
        if (++r->ctrl_c >= 2) {
            repl_finish(r);
            return;
        }
        repl_puts("\n(To exit, press Ctrl-C again or Ctrl-D)\n");
        return;
    }
    repl_puts("^C\n");
    repl_set_line(r, "");
    r->src_len = 0;
}

/* a complete escape sequence: ESC [ params final, or ESC O final */
static void repl_escape(JSRepl *r)
{
    const char *s = r->esc + 1;
    if (!strcmp(s, "[D") || !strcmp(s, "OD"))
        r->pos = repl_prev_char(r, r->pos);
    else if (!strcmp(s, "[C") || !strcmp(s, "OC"))
        r->pos = repl_next_char(r, r->pos);
    else if (!strcmp(s, "[A") || !strcmp(s, "OA"))
        repl_history_move(r, -1);
    else if (!strcmp(s, "[B") || !strcmp(s, "OB"))
        repl_history_move(r, 1);
    else if (!strcmp(s, "[H") || !strcmp(s, "OH") || !strcmp(s, "[1~") || !strcmp(s, "[7~"))
        r->pos = 0;
    else if (!strcmp(s, "[F") || !strcmp(s, "OF") || !strcmp(s, "[4~") || !strcmp(s, "[8~"))
        r->pos = r->len;
    else if (!strcmp(s, "[3~") && r->pos < r->len)
        repl_delete(r, r->pos, repl_next_char(r, r->pos));
}

/* collects an escape sequence; true once it is complete */
static bool repl_escape_byte(JSRepl *r, char c)
{
    r->esc[r->esc_len++] = c;
    r->esc[r->esc_len] = '\0';
    if (r->esc_len == 2)
        return c != '[' && c != 'O';
    if (r->esc_len == 3 && r->esc[1] == 'O')
        return true;
    return (c >= 0x40 && c <= 0x7e) || r->esc_len >= (int)sizeof(r->esc) - 1;
}

static void repl_control(JSRepl *r, char c)
{
    switch (c) {
    case 1: /* Ctrl-A */
        r->pos = 0;
        break;
    case 5: /* Ctrl-E */
        r->pos = r->len;
        break;
    case 2: /* Ctrl-B */
        r->pos = repl_prev_char(r, r->pos);
        break;
    case 6: /* Ctrl-F */
        r->pos = repl_next_char(r, r->pos);
        break;
    case 11: /* Ctrl-K */
        repl_delete(r, r->pos, r->len);
        break;
    case 21: /* Ctrl-U */
        repl_delete(r, 0, r->pos);
        break;
    case 23: /* Ctrl-W */
        repl_delete_word(r);
        break;
    case 12: /* Ctrl-L */
        repl_puts("\x1b[H\x1b[2J");
        break;
    case 16: /* Ctrl-P */
        repl_history_move(r, -1);
        break;
    case 14: /* Ctrl-N */
        repl_history_move(r, 1);
        break;
    case 8:
    case 127: /* Backspace */
        if (r->pos > 0)
            repl_delete(r, repl_prev_char(r, r->pos), r->pos);
        break;
    case 4: /* Ctrl-D */
        if (r->len == 0 && r->src_len == 0)
            repl_finish(r);
        else if (r->pos < r->len)
            repl_delete(r, r->pos, repl_next_char(r, r->pos));
        break;
    default:
        break;
    }
}

/* one byte typed on the terminal */
static void repl_key(JSRepl *r, char c)
{
    if (r->esc_len > 0) {
        if (repl_escape_byte(r, c)) {
            repl_escape(r);
            r->esc_len = 0;
            repl_refresh(r);
        }
        return;
    }
    if (c != 3)
        r->ctrl_c = 0;
    if (c == '\r' || c == '\n') {
        repl_puts("\n");
        fflush(stdout);
        repl_accept(r, false);
        if (!r->done)
            repl_make_raw();
    } else if (c == 27) {
        r->esc[0] = c;
        r->esc_len = 1;
        return;
    } else if (c == 3) {
        repl_ctrl_c(r);
    } else if ((unsigned char)c < 32 || c == 127) {
        repl_control(r, c);
    } else {
        repl_insert(r, &c, 1);
    }
    if (!r->done)
        repl_refresh(r);
}

/* one byte of piped input */
static void repl_byte(JSRepl *r, char c)
{
    if (c == '\n')
        repl_accept(r, false);
    else
        repl_insert(r, &c, 1);
}

/* end of input: what is left runs, complete or not (an incomplete
   statement then shows its syntax error) */
static void repl_eof(JSRepl *r)
{
    if (!r->tty && (r->len > 0 || r->src_len > 0)) {
        if (r->len == 0 && r->src_len > 0) {
            /* the last line was accepted already: report the rest */
            JSValue fn;
            fn = repl_compile(r, true);
            r->src_len = 0;
            if (!JS_IsException(fn) && !JS_IsUndefined(fn))
                repl_run(r, fn);
        } else {
            repl_accept(r, true);
        }
    }
    repl_finish(r);
}

/* reads what stdin has; false once the REPL is done */
static bool repl_read(JSRepl *r)
{
    char buf[4096];
    ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    if (n <= 0) {
        repl_eof(r);
        return false;
    }
    for (ssize_t i = 0; i < n && !r->done; i++) {
        if (r->tty)
            repl_key(r, buf[i]);
        else
            repl_byte(r, buf[i]);
    }
    return !r->done;
}

/* ---------------------------------------------------------------------
 * Driving: the event loop, or blocking reads without one
 * ------------------------------------------------------------------- */
static void repl_on_input(JSContext *ctx, JSEventWatch *w)
{
    JSRepl *r = w->opaque;
    if (repl_read(r))
        return;
    js_eventloop_remove_watch(r->ts, &r->watch);
    /* Ctrl-D at a terminal ends the program; piped input ends, and the
       loop finishes the work left */
    if (r->tty)
        js_eventloop_stop(r->ts);
}

/* errors that escape to the loop while the REPL runs: printed, and the
   REPL goes on */
static void repl_report_error(JSContext *ctx, JSValueConst error, bool is_rejection,
                              void *opaque)
{
    JSRepl *r = opaque;
    if (r->tty)
        repl_puts("\r\x1b[K");
    fflush(stdout);
    if (is_rejection)
        fputs("Uncaught (in promise) ", stderr);
    js_std_dump_error1(ctx, error, stderr);
    repl_refresh(r);
}

static void repl_run_loop(JSRepl *r)
{
    r->watch.fd = STDIN_FILENO;
    r->watch.events = POLLIN;
    r->watch.keep_alive = true;
    r->watch.func = repl_on_input;
    r->watch.opaque = r;
    r->saved_report = r->ts->report_error;
    r->saved_report_opaque = r->ts->report_error_opaque;
    r->ts->report_error = repl_report_error;
    r->ts->report_error_opaque = r;
    js_eventloop_add_watch(r->ts, &r->watch);
    js_eventloop_run(r->ctx);
    if (!r->done)
        js_eventloop_remove_watch(r->ts, &r->watch);
    r->ts->report_error = r->saved_report;
    r->ts->report_error_opaque = r->saved_report_opaque;
}

static void repl_free(JSRepl *r)
{
    for (int i = 0; i < r->hist_len; i++)
        free(r->hist[i]);
    free(r->hist);
    free(r->hist_edit);
    free(r->hist_file);
    free(r->line);
    free(r->src);
}

int js_std_repl(JSContext *ctx)
{
    JSRuntime *rt = JS_GetRuntime(ctx);
    JSRepl r;
    memset(&r, 0, sizeof(r));
    r.ctx = ctx;
    r.ts = js_get_thread_state(rt);
    r.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    r.hist = calloc(REPL_HISTORY_MAX, sizeof(char *));
    if (!r.hist)
        return -1;
    repl_set_line(&r, "");
    if (r.tty) {
        r.hist_file = repl_history_path();
        repl_history_load(&r);
        r.hist_pos = r.hist_len;
        repl_make_raw();
    }
    JS_SetInterruptHandler(rt, repl_interrupt_handler, NULL);
    repl_refresh(&r);
    if (r.ts) {
        repl_run_loop(&r);
    } else {
        while (repl_read(&r))
            ;
    }
    JS_SetInterruptHandler(rt, NULL, NULL);
    repl_cooked();
    if (r.tty)
        repl_history_save(&r);
    repl_free(&r);
    return 0;
}
