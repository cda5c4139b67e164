/*
 * test_unicode.c — tests for unicode.h.
 *
 * Two parts: hand-picked known values (ASCII, Latin-1, Greek, Cyrillic,
 * CJK, astral, special casing, the WhiteSpace edge cases), and a sweep of
 * every code point 0..0x10FFFF against the Unicode Character Database read
 * here from scratch, independently of tools/gen_unicode.py, so both the
 * generator's reading and the table encodings are checked.
 *
 *   test_unicode [UCD_DIR]
 *
 * UCD_DIR defaults to $WEFT_UNICODE_DATA, then /usr/share/unicode. The
 * sweep is skipped, with a message, when the data is missing or is of a
 * different Unicode version than the committed tables.
 */
#include "unicode.h"
#include "unicode_tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCP 0x110000
#define MAX_REPORTS 20

static long passed, failed;

static void fail(int line, const char *fmt, uint32_t c, const char *what)
{
    failed++;
    if (failed <= MAX_REPORTS)
        fprintf(stderr, "test_unicode.c:%d: %s(U+%04X) %s\n", line, fmt, (unsigned)c, what);
}

/* ---------------------------------------------------------------- known values */

static void check_bool(int line, const char *name, bool (*fn)(uint32_t), uint32_t c, bool want)
{
    if (fn(c) == want)
        passed++;
    else
        fail(line, name, c, want ? "is false, want true" : "is true, want false");
}

#define YES(fn, c) check_bool(__LINE__, #fn, fn, c, true)
#define NO(fn, c) check_bool(__LINE__, #fn, fn, c, false)

typedef int (*CaseFn)(uint32_t *, uint32_t);

static void check_map(int line, const char *name, CaseFn fn, uint32_t c, const uint32_t *want,
                      int nwant)
{
    /* one slot past JS_UNICODE_CASE_MAX catches writes out of bounds */
    uint32_t out[JS_UNICODE_CASE_MAX + 1] = {0, 0, 0, 0xDEAD};
    int n = fn(out, c);
    bool ok = n == nwant && out[JS_UNICODE_CASE_MAX] == 0xDEAD;
    for (int i = 0; ok && i < n; i++)
        ok = out[i] == want[i];
    if (ok) {
        passed++;
        return;
    }
    char msg[160] = "gives";
    size_t len = strlen(msg);
    for (int i = 0; i < n && i < JS_UNICODE_CASE_MAX; i++)
        len += snprintf(msg + len, sizeof msg - len, " %04X", (unsigned)out[i]);
    len += snprintf(msg + len, sizeof msg - len, ", want");
    for (int i = 0; i < nwant; i++)
        len += snprintf(msg + len, sizeof msg - len, " %04X", (unsigned)want[i]);
    fail(line, name, c, msg);
}

#define CPS(...) ((const uint32_t[]){__VA_ARGS__})
#define NCPS(...) (int)(sizeof(CPS(__VA_ARGS__)) / sizeof(uint32_t))
#define UPPER(c, ...)                                                                              \
    check_map(__LINE__, "to_upper", js_unicode_to_upper, c, CPS(__VA_ARGS__), NCPS(__VA_ARGS__))
#define LOWER(c, ...)                                                                              \
    check_map(__LINE__, "to_lower", js_unicode_to_lower, c, CPS(__VA_ARGS__), NCPS(__VA_ARGS__))

static void check_fold(int line, uint32_t c, uint32_t want)
{
    if (js_unicode_fold_simple(c) == want)
        passed++;
    else
        fail(line, "fold_simple", c, "is wrong");
}

#define FOLD(c, want) check_fold(__LINE__, c, want)

static void test_ascii(void)
{
    for (uint32_t c = 0; c < 0x80; c++) {
        bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
        bool digit = c >= '0' && c <= '9';
        check_bool(__LINE__, "is_id_start", js_unicode_is_id_start, c, upper || lower);
        check_bool(__LINE__, "is_id_continue", js_unicode_is_id_continue, c,
                   upper || lower || digit || c == '_');
        check_bool(__LINE__, "is_space", js_unicode_is_space, c,
                   c == ' ' || c == '\t' || c == '\v' || c == '\f');
        check_bool(__LINE__, "is_cased", js_unicode_is_cased, c, upper || lower);
        check_bool(__LINE__, "is_case_ignorable", js_unicode_is_case_ignorable, c,
                   c == '\'' || c == '.' || c == ':' || c == '^' || c == '`');
        uint32_t up = lower ? c - 32 : c, low = upper ? c + 32 : c;
        check_map(__LINE__, "to_upper", js_unicode_to_upper, c, &up, 1);
        check_map(__LINE__, "to_lower", js_unicode_to_lower, c, &low, 1);
        check_fold(__LINE__, c, low);
    }
}

/* The Latin-1 flag bytes are a cache of the sets' first 256 code points;
   lookups below 256 never reach the sets, so compare the two directly. */
static void test_latin1_flags(void)
{
    static const struct {
        int set, flag;
    } cached[] = {{JS_UNICODE_SET_ID_START, JS_UNICODE_L1_ID_START},
                  {JS_UNICODE_SET_ID_CONTINUE, JS_UNICODE_L1_ID_CONTINUE},
                  {JS_UNICODE_SET_SPACE_SEPARATOR, JS_UNICODE_L1_SPACE_SEPARATOR},
                  {JS_UNICODE_SET_CASED, JS_UNICODE_L1_CASED},
                  {JS_UNICODE_SET_CASE_IGNORABLE, JS_UNICODE_L1_CASE_IGNORABLE}};
    for (size_t i = 0; i < sizeof cached / sizeof cached[0]; i++) {
        const JSUnicodeSet *s = &js_unicode_sets[cached[i].set];
        for (uint32_t c = 0; c < 256; c++) {
            int below = 0;
            for (int k = 0; k < s->plane_end[0] && s->bounds[k] <= c; k++)
                below++;
            bool flag = js_unicode_latin1_flags[c] & cached[i].flag;
            if (flag == (below & 1))
                passed++;
            else
                fail(__LINE__, "latin1_flags", c, "disagrees with its set");
        }
    }
}

static void test_identifiers(void)
{
    YES(js_unicode_is_id_start, 0xAA); /* ª Lo */
    YES(js_unicode_is_id_start, 0xB5); /* µ */
    YES(js_unicode_is_id_start, 0xBA); /* º */
    YES(js_unicode_is_id_start, 0xE9); /* é */
    NO(js_unicode_is_id_start, 0xD7);  /* × */
    NO(js_unicode_is_id_start, 0xF7);  /* ÷ */
    NO(js_unicode_is_id_start, 0xB7);  /* · is Other_ID_Continue only */
    YES(js_unicode_is_id_continue, 0xB7);
    NO(js_unicode_is_id_start, '$'); /* the lexer adds $ and _ */
    NO(js_unicode_is_id_start, '_');
    NO(js_unicode_is_id_continue, '$');
    NO(js_unicode_is_id_continue, 0xA0);
    YES(js_unicode_is_id_start, 0x3B1);  /* α */
    YES(js_unicode_is_id_start, 0x42F);  /* Я */
    YES(js_unicode_is_id_start, 0x5D0);  /* א */
    YES(js_unicode_is_id_start, 0x4E00); /* 一 */
    YES(js_unicode_is_id_start, 0x9FFF);
    YES(js_unicode_is_id_start, 0x3400);
    YES(js_unicode_is_id_start, 0xAC00); /* 가 */
    YES(js_unicode_is_id_start, 0x20000);
    YES(js_unicode_is_id_start, 0x31350); /* CJK Ext H, new in 15.0 */
    YES(js_unicode_is_id_start, 0x1D400); /* 𝐀 */
    YES(js_unicode_is_id_start, 0x10400); /* 𐐀 */
    YES(js_unicode_is_id_start, 0x2118);  /* ℘ Other_ID_Start */
    YES(js_unicode_is_id_start, 0x212E);  /* ℮ Other_ID_Start */
    YES(js_unicode_is_id_start, 0x309B);  /* ゛ Other_ID_Start */
    YES(js_unicode_is_id_start, 0x1885);  /* Mongolian Mn, Other_ID_Start */
    NO(js_unicode_is_id_start, 0x2E2F);   /* ⸯ Lm but Pattern_Syntax */
    NO(js_unicode_is_id_continue, 0x2E2F);
    NO(js_unicode_is_id_start, 0x663); /* ٣ */
    YES(js_unicode_is_id_continue, 0x663);
    YES(js_unicode_is_id_continue, 0x387);  /* · Greek ano teleia */
    YES(js_unicode_is_id_continue, 0x1369); /* ፩ Other_ID_Continue */
    YES(js_unicode_is_id_continue, 0x19DA);
    NO(js_unicode_is_id_start, 0x300); /* combining grave */
    YES(js_unicode_is_id_continue, 0x300);
    YES(js_unicode_is_id_continue, 0x203F); /* ‿ Pc */
    YES(js_unicode_is_id_continue, 0xFE33);
    NO(js_unicode_is_id_start, 0x200C); /* ZWNJ */
    NO(js_unicode_is_id_start, 0x200D); /* ZWJ */
    YES(js_unicode_is_id_continue, 0x200C);
    YES(js_unicode_is_id_continue, 0x200D);
    YES(js_unicode_is_id_continue, 0xE0100); /* variation selector 17 */
    NO(js_unicode_is_id_start, 0xE0100);
    NO(js_unicode_is_id_start, 0x1F600); /* 😀 */
    NO(js_unicode_is_id_continue, 0x1F600);
    NO(js_unicode_is_id_start, 0x2028);
    NO(js_unicode_is_id_start, 0xFEFF);
    NO(js_unicode_is_id_start, 0xD800);
    NO(js_unicode_is_id_continue, 0xDFFF);
    NO(js_unicode_is_id_start, 0xE000); /* private use */
    NO(js_unicode_is_id_start, 0x10FFFF);
    NO(js_unicode_is_id_continue, 0x10FFFF);
    NO(js_unicode_is_id_start, 0x110000);
    NO(js_unicode_is_id_continue, 0xFFFFFFFF);
}

static void test_space(void)
{
    static const uint32_t spaces[] = {0x09,   0x0B,   0x0C,   0x20,   0xA0,   0x1680, 0x2000,
                                      0x2005, 0x200A, 0x202F, 0x205F, 0x3000, 0xFEFF};
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++)
        YES(js_unicode_is_space, spaces[i]);
    static const uint32_t others[] = {
        0x0A,   0x0D,   0x1C,   0x1F,   0x85,   /* LF, CR, separators, NEL */
        0x2028, 0x2029,                         /* line terminators, not WhiteSpace */
        0x180E,                                 /* Cf since Unicode 6.3 */
        0x200B, 0x200C, 0x200D, 0x2060, 0xFFFE, /* zero-width, format, noncharacter */
        0x00,   'a',    0x3001, 0xD800, 0x10FFFF, 0x110000, 0xFFFFFFFF};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        NO(js_unicode_is_space, others[i]);
    YES(js_unicode_is_line_terminator, 0x2028);
    YES(js_unicode_is_line_terminator, 0x0A);
    NO(js_unicode_is_line_terminator, 0x85);
}

static void test_case_properties(void)
{
    YES(js_unicode_is_cased, 0xAA);   /* ª Other_Lowercase */
    YES(js_unicode_is_cased, 0xDF);   /* ß */
    YES(js_unicode_is_cased, 0x2B0);  /* ʰ */
    YES(js_unicode_is_cased, 0x345);  /* ypogegrammeni */
    YES(js_unicode_is_cased, 0x1C5);  /* ǅ titlecase */
    YES(js_unicode_is_cased, 0x3A3);  /* Σ */
    YES(js_unicode_is_cased, 0x24B6); /* Ⓐ Other_Uppercase */
    YES(js_unicode_is_cased, 0x1D400);
    YES(js_unicode_is_cased, 0x10428);
    NO(js_unicode_is_cased, 0xB7);
    NO(js_unicode_is_cased, 0x4E00);
    NO(js_unicode_is_cased, 0x5D0);
    NO(js_unicode_is_cased, 0x110000);
    YES(js_unicode_is_case_ignorable, 0xA8); /* ¨ Sk */
    YES(js_unicode_is_case_ignorable, 0xAD); /* soft hyphen Cf */
    YES(js_unicode_is_case_ignorable, 0xB7); /* · MidLetter */
    YES(js_unicode_is_case_ignorable, 0x300);
    YES(js_unicode_is_case_ignorable, 0x2019); /* ’ MidNumLet */
    YES(js_unicode_is_case_ignorable, 0x200D);
    YES(js_unicode_is_case_ignorable, 0x2B0);   /* Lm: both cased and ignorable */
    YES(js_unicode_is_case_ignorable, 0x1F3FB); /* emoji modifier */
    YES(js_unicode_is_case_ignorable, 0xE0001);
    YES(js_unicode_is_case_ignorable, 0xE01EF);
    NO(js_unicode_is_case_ignorable, 0x3A3);
    NO(js_unicode_is_case_ignorable, ',');
    NO(js_unicode_is_case_ignorable, 0x4E00);
    NO(js_unicode_is_case_ignorable, 0xFFFFFFFF);
}

static void test_upper(void)
{
    UPPER(0xDF, 'S', 'S'); /* ß */
    UPPER(0xE9, 0xC9);     /* é */
    UPPER(0xC9, 0xC9);
    UPPER(0xB5, 0x39C); /* µ -> Μ */
    UPPER(0xFF, 0x178); /* ÿ -> Ÿ */
    UPPER(0xF7, 0xF7);
    UPPER(0x101, 0x100);      /* alternating pairs */
    UPPER(0x17F, 'S');        /* ſ */
    UPPER(0x131, 'I');        /* ı */
    UPPER(0x149, 0x2BC, 'N'); /* ŉ */
    UPPER(0x1F0, 'J', 0x30C); /* ǰ */
    UPPER(0x1C5, 0x1C4);      /* ǅ -> Ǆ */
    UPPER(0x1C6, 0x1C4);
    UPPER(0x250, 0x2C6F); /* ɐ */
    UPPER(0x345, 0x399);
    UPPER(0x390, 0x399, 0x308, 0x301); /* ΐ: three code points */
    UPPER(0x3B1, 0x391);               /* α */
    UPPER(0x3C2, 0x3A3);               /* ς */
    UPPER(0x3C3, 0x3A3);
    UPPER(0x3A3, 0x3A3);
    UPPER(0x44F, 0x42F);        /* я */
    UPPER(0x451, 0x401);        /* ё */
    UPPER(0x587, 0x535, 0x552); /* և */
    UPPER(0x10D0, 0x1C90);      /* Georgian Mtavruli */
    UPPER(0x1E9E, 0x1E9E);      /* ẞ */
    UPPER(0x1F80, 0x1F08, 0x399);
    UPPER(0x1F88, 0x1F08, 0x399);
    UPPER(0x1FB3, 0x391, 0x399);
    UPPER(0x1FB7, 0x391, 0x342, 0x399);
    UPPER(0xFB00, 'F', 'F');      /* ﬀ */
    UPPER(0xFB03, 'F', 'F', 'I'); /* ﬃ */
    UPPER(0xFB06, 'S', 'T');      /* ﬆ */
    UPPER(0xFF41, 0xFF21);        /* fullwidth a */
    UPPER(0xAB70, 0x13A0);        /* Cherokee */
    UPPER(0x13F8, 0x13F0);
    UPPER(0x4E00, 0x4E00);
    UPPER(0x10428, 0x10400); /* Deseret */
    UPPER(0x1E922, 0x1E900); /* Adlam */
    UPPER(0x1D41A, 0x1D41A); /* math bold a has no case mapping */
    UPPER(0xD800, 0xD800);
    UPPER(0x10FFFF, 0x10FFFF);
    UPPER(0x110000, 0x110000);
    UPPER(0xFFFFFFFF, 0xFFFFFFFF);
}

static void test_lower(void)
{
    LOWER(0x130, 'i', 0x307); /* İ -> i̇ */
    LOWER(0xC0, 0xE0);
    LOWER(0xDE, 0xFE);
    LOWER(0xDF, 0xDF);
    LOWER(0xD7, 0xD7);
    LOWER(0x178, 0xFF);
    LOWER(0x100, 0x101);
    LOWER(0x1C4, 0x1C6);
    LOWER(0x1C5, 0x1C6);
    LOWER(0x3A3, 0x3C3); /* final sigma is the caller's job */
    LOWER(0x391, 0x3B1);
    LOWER(0x42F, 0x44F);
    LOWER(0x401, 0x451);
    LOWER(0x1E9E, 0xDF);
    LOWER(0x1F88, 0x1F80);
    LOWER(0x2126, 0x3C9); /* Ohm */
    LOWER(0x212A, 'k');   /* Kelvin */
    LOWER(0x212B, 0xE5);  /* Angstrom */
    LOWER(0x2C6F, 0x250);
    LOWER(0xA78D, 0x265);
    LOWER(0x13A0, 0xAB70);
    LOWER(0x1C90, 0x10D0);
    LOWER(0x24B6, 0x24D0); /* Ⓐ */
    LOWER(0xFB00, 0xFB00);
    LOWER(0x10400, 0x10428);
    LOWER(0x1E900, 0x1E922);
    LOWER(0x1D400, 0x1D400);
    LOWER(0x4E00, 0x4E00);
    LOWER(0x110000, 0x110000);
}

static void test_fold(void)
{
    FOLD(0xB5, 0x3BC); /* µ -> μ */
    FOLD(0xC0, 0xE0);
    FOLD(0xDF, 0xDF);   /* ß -> ss is full folding only */
    FOLD(0x1E9E, 0xDF); /* status S */
    FOLD(0x130, 0x130); /* only T and F entries */
    FOLD(0x131, 0x131);
    FOLD(0x17F, 's');
    FOLD(0x345, 0x3B9);
    FOLD(0x3C2, 0x3C3);
    FOLD(0x3A3, 0x3C3);
    FOLD(0x3D0, 0x3B2); /* ϐ */
    FOLD(0x1E9B, 0x1E61);
    FOLD(0x1F88, 0x1F80);
    FOLD(0x1FBC, 0x1FB3);
    FOLD(0x2126, 0x3C9);
    FOLD(0x212A, 'k');
    FOLD(0x13F8, 0x13F0); /* Cherokee folds to upper case */
    FOLD(0xAB70, 0x13A0);
    FOLD(0x13A0, 0x13A0);
    FOLD(0x42F, 0x44F);
    FOLD(0xFB00, 0xFB00);
    FOLD(0x10400, 0x10428);
    FOLD(0x10428, 0x10428);
    FOLD(0x1E900, 0x1E922);
    FOLD(0x4E00, 0x4E00);
    FOLD(0x110000, 0x110000);
}

/* ---------------------------------------------------------------- the UCD sweep */

enum {
    P_ID_START = 1,
    P_ID_CONTINUE = 2,
    P_ZS = 4,
    P_CASED = 8,
    P_CASE_IGNORABLE = 16,
    P_SPECIAL = 32, /* has an unconditional SpecialCasing entry */
};

typedef struct {
    uint32_t c, lower[JS_UNICODE_CASE_MAX], upper[JS_UNICODE_CASE_MAX];
    int nlower, nupper;
} Special;

typedef struct {
    uint8_t *props;
    uint32_t *upper, *lower, *fold; /* simple mappings, identity if none */
    Special special[256];
    int nspecial;
} Ucd;

#define MAX_FIELDS 16

/* Splits a data line at ';' after dropping the '#' comment; fields are
   trimmed in place. Returns the number of fields, 0 for blank lines. */
static int split_line(char *line, char *fields[MAX_FIELDS])
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = 0;
    int n = 0;
    char *p = line;
    while (n < MAX_FIELDS) {
        char *end = strchr(p, ';');
        if (end)
            *end = 0;
        while (*p == ' ' || *p == '\t')
            p++;
        char *q = p + strlen(p);
        while (q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\n' || q[-1] == '\r'))
            *--q = 0;
        fields[n++] = p;
        if (!end)
            break;
        p = end + 1;
    }
    return n == 1 && !fields[0][0] ? 0 : n;
}

static FILE *open_ucd(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, "r");
}

/* Parses up to max space-separated hex code points. */
static int parse_cps(const char *s, uint32_t *out, int max)
{
    int n = 0;
    char *end;
    for (;;) {
        unsigned long v = strtoul(s, &end, 16);
        if (end == s || n == max)
            return n;
        out[n++] = (uint32_t)v;
        s = end;
    }
}

static bool read_unicode_data(Ucd *u, const char *dir)
{
    FILE *f = open_ucd(dir, "UnicodeData.txt");
    if (!f)
        return false;
    char line[1024], *fld[MAX_FIELDS];
    uint32_t first = 0;
    while (fgets(line, sizeof line, f)) {
        if (split_line(line, fld) < 14)
            continue;
        uint32_t c = (uint32_t)strtoul(fld[0], NULL, 16);
        bool zs = strcmp(fld[2], "Zs") == 0;
        if (strstr(fld[1], ", First>")) {
            first = c;
            continue;
        }
        uint32_t lo = strstr(fld[1], ", Last>") ? first : c;
        for (uint32_t x = lo; x <= c; x++)
            u->props[x] |= zs ? P_ZS : 0;
        if (fld[12][0])
            u->upper[c] = (uint32_t)strtoul(fld[12], NULL, 16);
        if (fld[13][0])
            u->lower[c] = (uint32_t)strtoul(fld[13], NULL, 16);
    }
    fclose(f);
    return true;
}

static bool read_derived(Ucd *u, const char *dir)
{
    static const struct {
        const char *name;
        uint8_t bit;
    } wanted[] = {{"ID_Start", P_ID_START},
                  {"ID_Continue", P_ID_CONTINUE},
                  {"Cased", P_CASED},
                  {"Case_Ignorable", P_CASE_IGNORABLE}};
    FILE *f = open_ucd(dir, "DerivedCoreProperties.txt");
    if (!f)
        return false;
    char line[1024], *fld[MAX_FIELDS];
    while (fgets(line, sizeof line, f)) {
        if (split_line(line, fld) != 2)
            continue;
        for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
            if (strcmp(fld[1], wanted[i].name) != 0)
                continue;
            char *dots;
            uint32_t lo = (uint32_t)strtoul(fld[0], &dots, 16), hi = lo;
            if (dots[0] == '.' && dots[1] == '.')
                hi = (uint32_t)strtoul(dots + 2, NULL, 16);
            for (uint32_t x = lo; x <= hi; x++)
                u->props[x] |= wanted[i].bit;
        }
    }
    fclose(f);
    return true;
}

static bool read_special_casing(Ucd *u, const char *dir)
{
    FILE *f = open_ucd(dir, "SpecialCasing.txt");
    if (!f)
        return false;
    char line[1024], *fld[MAX_FIELDS];
    while (fgets(line, sizeof line, f)) {
        int n = split_line(line, fld);
        /* code; lower; title; upper; [condition;] — skip conditional ones */
        if (n < 4 || (n > 4 && fld[4][0]))
            continue;
        if (u->nspecial == (int)(sizeof u->special / sizeof u->special[0]))
            return false;
        Special *s = &u->special[u->nspecial++];
        s->c = (uint32_t)strtoul(fld[0], NULL, 16);
        s->nlower = parse_cps(fld[1], s->lower, JS_UNICODE_CASE_MAX);
        s->nupper = parse_cps(fld[3], s->upper, JS_UNICODE_CASE_MAX);
        u->props[s->c] |= P_SPECIAL;
    }
    fclose(f);
    return true;
}

static bool read_case_folding(Ucd *u, const char *dir)
{
    FILE *f = open_ucd(dir, "CaseFolding.txt");
    if (!f)
        return false;
    char line[1024], *fld[MAX_FIELDS];
    while (fgets(line, sizeof line, f)) {
        if (split_line(line, fld) < 3)
            continue;
        if (strcmp(fld[1], "C") == 0 || strcmp(fld[1], "S") == 0)
            u->fold[(uint32_t)strtoul(fld[0], NULL, 16)] = (uint32_t)strtoul(fld[2], NULL, 16);
    }
    fclose(f);
    return true;
}

/* The X.Y.Z of the "# DerivedCoreProperties-X.Y.Z.txt" first line. */
static bool ucd_version(const char *dir, char *out, size_t size)
{
    FILE *f = open_ucd(dir, "DerivedCoreProperties.txt");
    if (!f)
        return false;
    char line[256];
    bool ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    char *dash = ok ? strchr(line, '-') : NULL;
    char *dot_txt = dash ? strstr(dash, ".txt") : NULL;
    if (!dot_txt || (size_t)(dot_txt - dash - 1) >= size)
        return false;
    memcpy(out, dash + 1, dot_txt - dash - 1);
    out[dot_txt - dash - 1] = 0;
    return true;
}

static const Special *find_special(const Ucd *u, uint32_t c)
{
    for (int i = 0; i < u->nspecial; i++)
        if (u->special[i].c == c)
            return &u->special[i];
    return NULL;
}

static void sweep_bool(const char *name, bool (*fn)(uint32_t), uint32_t c, bool want)
{
    check_bool(__LINE__, name, fn, c, want);
}

static void sweep_map(const char *name, CaseFn fn, uint32_t c, const uint32_t *want, int n)
{
    check_map(__LINE__, name, fn, c, want, n);
}

static void sweep_code_point(const Ucd *u, uint32_t c)
{
    uint8_t p = u->props[c];
    sweep_bool("is_id_start", js_unicode_is_id_start, c, p & P_ID_START);
    sweep_bool("is_id_continue", js_unicode_is_id_continue, c,
               (p & P_ID_CONTINUE) || c == 0x200C || c == 0x200D);
    sweep_bool("is_space", js_unicode_is_space, c,
               (p & P_ZS) || c == 0x09 || c == 0x0B || c == 0x0C || c == 0xFEFF);
    sweep_bool("is_cased", js_unicode_is_cased, c, p & P_CASED);
    sweep_bool("is_case_ignorable", js_unicode_is_case_ignorable, c, p & P_CASE_IGNORABLE);
    const Special *s = p & P_SPECIAL ? find_special(u, c) : NULL;
    if (s) {
        sweep_map("to_upper", js_unicode_to_upper, c, s->upper, s->nupper);
        sweep_map("to_lower", js_unicode_to_lower, c, s->lower, s->nlower);
    } else {
        sweep_map("to_upper", js_unicode_to_upper, c, &u->upper[c], 1);
        sweep_map("to_lower", js_unicode_to_lower, c, &u->lower[c], 1);
    }
    if (js_unicode_fold_simple(c) == u->fold[c])
        passed++;
    else
        fail(__LINE__, "fold_simple", c, "differs from CaseFolding.txt");
}

static void sweep(const char *dir)
{
    char version[32];
    if (!ucd_version(dir, version, sizeof version)) {
        printf("test_unicode: no Unicode data in %s; sweep skipped\n", dir);
        return;
    }
    if (strcmp(version, JS_UNICODE_VERSION) != 0) {
        printf("test_unicode: %s has Unicode %s, tables are %s; sweep skipped "
               "(run tools/gen_unicode.py)\n",
               dir, version, JS_UNICODE_VERSION);
        return;
    }
    Ucd *u = calloc(1, sizeof *u);
    u->props = calloc(NCP, 1);
    u->upper = malloc(NCP * sizeof(uint32_t));
    u->lower = malloc(NCP * sizeof(uint32_t));
    u->fold = malloc(NCP * sizeof(uint32_t));
    if (!u->props || !u->upper || !u->lower || !u->fold) {
        fprintf(stderr, "test_unicode: out of memory\n");
        exit(2);
    }
    for (uint32_t c = 0; c < NCP; c++)
        u->upper[c] = u->lower[c] = u->fold[c] = c;
    if (!read_unicode_data(u, dir) || !read_derived(u, dir) || !read_special_casing(u, dir) ||
        !read_case_folding(u, dir)) {
        failed++;
        fprintf(stderr, "test_unicode: cannot read the Unicode data in %s\n", dir);
    } else {
        for (uint32_t c = 0; c < NCP; c++)
            sweep_code_point(u, c);
    }
    free(u->props);
    free(u->upper);
    free(u->lower);
    free(u->fold);
    free(u);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : getenv("WEFT_UNICODE_DATA");
    test_ascii();
    test_latin1_flags();
    test_identifiers();
    test_space();
    test_case_properties();
    test_upper();
    test_lower();
    test_fold();
    sweep(dir ? dir : "/usr/share/unicode");
    printf("test_unicode: %ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
