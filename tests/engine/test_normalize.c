/*
 * test_normalize.c — Unicode normalization (unicode_normalize.c) against
 * the conformance file of UAX #15, NormalizationTest.txt.
 *
 * Every line c1;c2;c3;c4;c5 is checked with all four forms and the
 * invariants the file's header states (c2 == NFC(c1) == NFC(c2) ==
 * NFC(c3), c4 == NFC(c4) == NFC(c5), c3 == NFD(c1..c3), c5 == NFD(c4..c5),
 * c4 == NFKC(c1..c5), c5 == NFKD(c1..c5)); then every code point not
 * listed in Part 1 must be unchanged by every form. Each normalization
 * also checks the quick check: when it answers "already normalized", the
 * result must equal the input.
 *
 *   test_normalize [UCD_DIR]
 *
 * UCD_DIR defaults to $WEFT_UNICODE_DATA, then /usr/share/unicode. The
 * file is read through bzcat; without it the test is skipped with a
 * message.
 */
#include "unicode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCP 0x110000
#define MAX_CPS 64
#define MAX_REPORTS 20

static long passed, failed;
static const char *const form_names[] = {"NFC", "NFD", "NFKC", "NFKD"};

typedef struct {
    uint32_t cp[MAX_CPS];
    size_t n;
} Seq;

static size_t to_utf16(uint16_t *out, const Seq *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t c = s->cp[i];
        if (c > 0xFFFF) {
            out[k++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            out[k++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            out[k++] = (uint16_t)c;
        }
    }
    return k;
}

static bool seq_eq(const uint32_t *a, size_t na, const Seq *b)
{
    return na == b->n && !memcmp(a, b->cp, na * sizeof(*a));
}

/* checks form(in) == want and the quick check's consistency */
static void check(int line, int form, const Seq *in, const Seq *want)
{
    uint16_t s16[2 * MAX_CPS];
    size_t len = to_utf16(s16, in);
    size_t cap = js_unicode_decomposed_length(NULL, s16, (uint32_t)len, form);
    uint32_t *out = malloc((cap + 1) * 2 * sizeof(uint32_t));
    if (!out)
        abort();
    size_t n = js_unicode_normalize(out, out + cap + 1, NULL, s16, (uint32_t)len, form);
    bool ok = n <= cap && seq_eq(out, n, want);
    if (ok && js_unicode_is_normalized_quick(NULL, s16, (uint32_t)len, form))
        ok = seq_eq(out, n, in);
    free(out);
    if (ok) {
        passed++;
    } else if (++failed <= MAX_REPORTS) {
        fprintf(stderr, "test_normalize: line %d: %s of", line, form_names[form]);
        for (size_t i = 0; i < in->n; i++)
            fprintf(stderr, " %04X", (unsigned)in->cp[i]);
        fprintf(stderr, " is wrong\n");
    }
}

static void parse_seq(Seq *s, const char *field)
{
    char *end;
    s->n = 0;
    for (;;) {
        unsigned long c = strtoul(field, &end, 16);
        if (end == field || s->n == MAX_CPS)
            return;
        s->cp[s->n++] = (uint32_t)c;
        field = end;
    }
}

static void check_line(int line, Seq c[5])
{
    for (int i = 0; i < 3; i++) {
        check(line, JS_UNICODE_NFC, &c[i], &c[1]);
        check(line, JS_UNICODE_NFD, &c[i], &c[2]);
    }
    for (int i = 3; i < 5; i++) {
        check(line, JS_UNICODE_NFC, &c[i], &c[3]);
        check(line, JS_UNICODE_NFD, &c[i], &c[4]);
    }
    for (int i = 0; i < 5; i++) {
        check(line, JS_UNICODE_NFKC, &c[i], &c[3]);
        check(line, JS_UNICODE_NFKD, &c[i], &c[4]);
    }
}

/* Returns false when the file cannot be read. Marks Part 1's code points
   in listed. */
static bool run_file(const char *dir, unsigned char *listed)
{
    char cmd[1024], buf[2048];
    snprintf(cmd, sizeof(cmd), "bzcat '%s/NormalizationTest.txt.bz2' 2>/dev/null", dir);
    FILE *f = popen(cmd, "r");
    if (!f)
        return false;
    int line = 0, part = -1;
    long lines = 0;
    while (fgets(buf, sizeof(buf), f)) {
        line++;
        if (buf[0] == '#' || buf[0] == '\n')
            continue;
        if (buf[0] == '@') {
            part = atoi(buf + 5);
            continue;
        }
        Seq c[5];
        char *field = buf;
        for (int i = 0; i < 5; i++) {
            parse_seq(&c[i], field);
            field = strchr(field, ';');
            if (!field)
                break;
            field++;
        }
        if (!field) {
            failed++;
            fprintf(stderr, "test_normalize: line %d: malformed\n", line);
            continue;
        }
        if (part == 1 && c[0].n == 1)
            listed[c[0].cp[0]] = 1;
        check_line(line, c);
        lines++;
    }
    int status = pclose(f);
    if (lines == 0 || status != 0)
        return false;
    printf("test_normalize: %ld lines of NormalizationTest.txt\n", lines);
    return true;
}

/* code points outside Part 1 are unchanged by every form */
static void check_unlisted(const unsigned char *listed)
{
    for (uint32_t c = 0; c < NCP; c++) {
        if (listed[c] || (c >= 0xD800 && c < 0xE000))
            continue;
        Seq s = {{c}, 1};
        for (int form = 0; form < 4; form++)
            check(0, form, &s, &s);
    }
}

/* hand-picked cases that need no data file */
static void check_known(void)
{
    static const struct {
        int form;
        Seq in, want;
    } cases[] = {
        {JS_UNICODE_NFD, {{0xE9}, 1}, {{0x65, 0x301}, 2}},
        {JS_UNICODE_NFC, {{0x65, 0x301}, 2}, {{0xE9}, 1}},
        {JS_UNICODE_NFD, {{0xAC01}, 1}, {{0x1100, 0x1161, 0x11A8}, 3}},
        {JS_UNICODE_NFC, {{0x1100, 0x1161, 0x11A8}, 3}, {{0xAC01}, 1}},
        {JS_UNICODE_NFKD, {{0xFB01}, 1}, {{0x66, 0x69}, 2}},
        {JS_UNICODE_NFC, {{0xFB01}, 1}, {{0xFB01}, 1}},
        {JS_UNICODE_NFC, {{0x61, 0x307, 0x323}, 3}, {{0x1EA1, 0x307}, 2}},
        {JS_UNICODE_NFC, {{0x0958}, 1}, {{0x0915, 0x093C}, 2}}, /* an exclusion */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check(__LINE__, cases[i].form, &cases[i].in, &cases[i].want);
    /* a long run of marks in reverse class order is sorted stably */
    Seq in = {{0x61}, 1}, want = {{0x61}, 1};
    for (int i = 0; i < 20; i++) {
        in.cp[in.n++] = 0x301; /* class 230 */
        in.cp[in.n++] = 0x316; /* class 220 */
    }
    for (int i = 0; i < 20; i++)
        want.cp[want.n++] = 0x316;
    for (int i = 0; i < 20; i++)
        want.cp[want.n++] = 0x301;
    check(__LINE__, JS_UNICODE_NFD, &in, &want);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : getenv("WEFT_UNICODE_DATA");
    unsigned char *listed = calloc(NCP, 1);
    if (!listed)
        return 1;
    check_known();
    if (run_file(dir ? dir : "/usr/share/unicode", listed))
        check_unlisted(listed);
    else
        printf("test_normalize: NormalizationTest.txt.bz2 not readable, conformance file skipped\n");
    free(listed);
    printf("test_normalize: %ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
