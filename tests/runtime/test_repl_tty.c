/*
 * test_repl_tty.c — the REPL's line editing, driven through a pseudo
 * terminal the way a person types: `weft -q` runs on the pty's slave side
 * and this test writes keystrokes to the master side, waiting for each
 * result before typing the next line (bytes typed while code runs would
 * meet the cooked terminal's own line editing).
 *
 * Checked: insertion after Left/Home, Ctrl-A/E, Ctrl-K, Ctrl-U, Ctrl-W,
 * Backspace, Delete, Up through the history, a multi-line statement with
 * its "... " prompt, Ctrl-C discarding a line, Ctrl-C interrupting a
 * running loop, Ctrl-D ending the REPL with status 0, and the history
 * file ($WEFT_HISTORY) written at the end.
 *
 * The weft binary is found next to this test's build directory
 * (BUILD/tests/runtime/test_repl_tty -> BUILD/weft). Prints
 * "test_repl_tty: N passed, M failed"; exits non-zero on failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int passed, failed;

#define CHECK(cond, what)                                                                 \
    do {                                                                                  \
        if (cond) {                                                                       \
            passed++;                                                                     \
        } else {                                                                          \
            failed++;                                                                     \
            printf("FAIL %s (line %d)\n", what, __LINE__);                                \
        }                                                                                 \
    } while (0)

typedef struct Pty {
    int master;
    pid_t pid;
    char out[1 << 16]; /* everything the REPL wrote */
    size_t len;
} Pty;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* reads what the REPL wrote for up to timeout_ms, or until `want` shows
   up after offset from; true when it did */
static bool pty_wait(Pty *p, const char *want, size_t from, int timeout_ms)
{
    int64_t end = now_ms() + timeout_ms;
    for (;;) {
        struct pollfd pfd = {p->master, POLLIN, 0};
        int64_t left = end - now_ms();
        ssize_t n;
        if (want && p->len > from && memmem(p->out + from, p->len - from, want, strlen(want)))
            return true;
        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
            return false;
        n = read(p->master, p->out + p->len, sizeof(p->out) - 1 - p->len);
        if (n <= 0)
            return false; /* the child closed the terminal */
        p->len += n;
        p->out[p->len] = '\0';
    }
}

static void pty_type(Pty *p, const char *keys)
{
    size_t n = strlen(keys);
    if (write(p->master, keys, n) != (ssize_t)n)
        perror("write");
}

/* types keys (ending with Enter) and waits for the result line and the
   next prompt (drawn once the terminal is raw again) */
static bool pty_line(Pty *p, const char *keys, const char *result)
{
    char want[256];
    size_t from = p->len;
    snprintf(want, sizeof(want), "\r\n%s\r\n\r> ", result);
    pty_type(p, keys);
    return pty_wait(p, want, from, 5000);
}

static int pty_start(Pty *p, const char *weft, const char *history)
{
    char *slave;
    memset(p, 0, sizeof(*p));
    p->master = posix_openpt(O_RDWR | O_NOCTTY);
    if (p->master < 0 || grantpt(p->master) < 0 || unlockpt(p->master) < 0 ||
        !(slave = ptsname(p->master)))
        return -1;
    p->pid = fork();
    if (p->pid < 0)
        return -1;
    if (p->pid == 0) {
        int fd;
        setsid();
        fd = open(slave, O_RDWR); /* becomes the controlling terminal */
        if (fd < 0)
            _exit(127);
        dup2(fd, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        if (fd > 2)
            close(fd);
        setenv("WEFT_HISTORY", history, 1);
        execl(weft, weft, "-q", (char *)NULL);
        _exit(127);
    }
    return 0;
}

/* the status of the child once it exited (within 5 s), or -1 */
static int pty_status(Pty *p)
{
    for (int i = 0; i < 500; i++) {
        int status;
        /* keep the terminal drained (a closed one reads at once) */
        if (!pty_wait(p, NULL, 0, 10))
            usleep(10 * 1000);
        if (waitpid(p->pid, &status, WNOHANG) == p->pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    kill(p->pid, SIGKILL);
    waitpid(p->pid, NULL, 0);
    return -1;
}

static void find_weft(char *path, size_t size, const char *argv0)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    char *slash;
    if (n <= 0) {
        snprintf(self, sizeof(self), "%s", argv0);
        n = strlen(self);
    }
    self[n] = '\0';
    /* BUILD/tests/runtime/test_repl_tty -> BUILD */
    for (int i = 0; i < 3 && (slash = strrchr(self, '/')); i++)
        *slash = '\0';
    snprintf(path, size, "%s/weft", self);
}

#if defined(__SANITIZE_THREAD__)
#define WEFT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WEFT_TSAN 1
#endif
#endif
#ifndef WEFT_TSAN
#define WEFT_TSAN 0
#endif

static void test_editing(Pty *p)
{
    CHECK(pty_line(p, "12+3\x1b[H9\r", "915"), "Home then insert");
    CHECK(pty_line(p, "1+1\x1b[D\x1b[D0\r", "11"), "Left twice then insert");
    CHECK(pty_line(p, "2*3\x01" "1\x05" "0\r", "360"), "Ctrl-A and Ctrl-E");
    CHECK(pty_line(p, "7+7123\x01\x1b[C\x1b[C\x1b[C\x0b\r", "14"), "Ctrl-K");
    CHECK(pty_line(p, "garbage\x15" "6*7\r", "42"), "Ctrl-U");
    CHECK(pty_line(p, "100 + bogus\x17" "23\r", "123"), "Ctrl-W");
    CHECK(pty_line(p, "99x\x7f+1\r", "100"), "Backspace");
    CHECK(pty_line(p, "8x*2\x01\x1b[C\x1b[3~\r", "16"), "Delete");
}

static void test_history(Pty *p)
{
    CHECK(pty_line(p, "50+5\r", "55"), "a line for the history");
    CHECK(pty_line(p, "\x1b[A\r", "55"), "Up recalls it");
    CHECK(pty_line(p, "\x1b[A\x1b[A\x1b[B\r", "55"), "Up, Up, Down");
}

static void test_multiline_and_ctrl_c(Pty *p)
{
    size_t from = p->len;
    pty_type(p, "function f() {\r");
    CHECK(pty_wait(p, "... ", from, 5000), "continuation prompt");
    CHECK(pty_line(p, "return 77 }\r", "undefined"), "the statement completes");
    CHECK(pty_line(p, "f()\r", "77"), "the function it defined");
    from = p->len;
    pty_type(p, "junk\x03");
    CHECK(pty_wait(p, "^C\r\n\r> ", from, 5000), "Ctrl-C shows ^C");
    CHECK(pty_line(p, "4+4\r", "8"), "the discarded line does not run");
    if (WEFT_TSAN)
        return; /* ThreadSanitizer holds a signal back until the thread
                   calls into libc, which a running `for (;;) {}` never does */
    from = p->len;
    pty_type(p, "for (;;) {}\r");
    usleep(300 * 1000);
    pty_type(p, "\x03");
    CHECK(pty_wait(p, "interrupted", from, 5000), "Ctrl-C interrupts a running loop");
    CHECK(pty_wait(p, "\r> ", from, 5000), "the prompt after the interrupt");
    CHECK(pty_line(p, "300+3\r", "303"), "the REPL goes on after the interrupt");
}

static void test_history_file(const char *history)
{
    FILE *f = fopen(history, "r");
    char buf[4096];
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
    CHECK(strstr(buf, "50+5\n") != NULL, "history file holds the lines typed");
    CHECK(strstr(buf, "6*7\n") != NULL, "history file holds the edited line");
    CHECK(strstr(buf, "junk") == NULL, "a discarded line is not in the history");
}

int main(int argc, char **argv)
{
    char weft[PATH_MAX + 8], history[] = "/tmp/weft-repl-history-XXXXXX";
    int fd = mkstemp(history), status;
    Pty p;
    if (fd >= 0)
        close(fd);
    find_weft(weft, sizeof(weft), argv[0]);
    /* a machine without pseudo terminals (some containers) cannot run
       this test at all: that is not a failure of the REPL */
    if (access("/dev/ptmx", R_OK | W_OK) < 0) {
        printf("test_repl_tty: skipped, no /dev/ptmx\n0 passed, 0 failed\n");
        if (fd >= 0)
            unlink(history);
        return 0;
    }
    if (fd < 0 || access(weft, X_OK) < 0 || pty_start(&p, weft, history) < 0) {
        printf("test_repl_tty: cannot start %s in a pseudo terminal\n", weft);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    CHECK(pty_wait(&p, "> ", 0, 5000), "the prompt");
    test_editing(&p);
    test_history(&p);
    test_multiline_and_ctrl_c(&p);
    pty_type(&p, "\x04");
    status = pty_status(&p);
    if (status != 0)
        printf("weft exited with status %d\n", status);
    CHECK(status == 0, "Ctrl-D ends the REPL with status 0");
    test_history_file(history);
    unlink(history);
    close(p.master);
    if (failed)
        fwrite(p.out, 1, p.len, stdout);
    printf("test_repl_tty: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
