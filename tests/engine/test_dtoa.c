/*
 * test_dtoa.c — unit tests for src/engine/dtoa.c.
 *
 * First, exact expected strings for every conversion, gathered from node
 * v20 (the reference for Number.prototype.toString, toFixed,
 * toExponential and toPrecision, and for parsing). Then randomized checks
 * against independent references:
 *  - shortest output reads back to the same bits (through js_strtod and
 *    glibc strtod), and no shorter correctly rounded decimal does;
 *  - js_strtod agrees with glibc strtod, which rounds correctly, including
 *    on exact half-way points and very long inputs;
 *  - exact digit output agrees with glibc printf for values whose decimal
 *    expansion is too long for a rounding tie (where JS rounds half up and
 *    printf half to even);
 *  - radix output of integers reads back through js_atod_radix.
 *
 * Prints "test_dtoa: N passed, M failed" and exits non-zero on failure.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtoa.h"

typedef struct {
    double d;
    const char *want;
} ShortestCase;

typedef struct {
    double d;
    int radix;
    const char *want;
} RadixCase;

/* toFixed, toExponential (arg -1: undefined) and toPrecision */
typedef struct {
    double d;
    int arg;
    const char *want;
} DigitsCase;

typedef struct {
    const char *text;
    size_t used; /* bytes js_strtod must consume */
    double want;
} StrtodCase;

typedef struct {
    const char *text;
    int radix;
    double want;
} RadixParseCase;

/* ------------------------------------------------------------------ */
/* Expected values, printed by node v20                                */
/* ------------------------------------------------------------------ */

static const ShortestCase shortest_cases[] = {
    {0.0, "0"},
    {-0.0, "0"},
    {NAN, "NaN"},
    {INFINITY, "Infinity"},
    {-INFINITY, "-Infinity"},
    {1.0, "1"},
    {-1.0, "-1"},
    {123.0, "123"},
    {0.1, "0.1"},
    {0.2, "0.2"},
    {0.3, "0.3"},
    {0.30000000000000004, "0.30000000000000004"},
    {0.3333333333333333, "0.3333333333333333"},
    {0.6666666666666666, "0.6666666666666666"},
    {-1.5, "-1.5"},
    {5e-324, "5e-324"},
    {-5e-324, "-5e-324"},
    {1e-323, "1e-323"},
    {2.2250738585072014e-308, "2.2250738585072014e-308"},
    {2.225073858507201e-308, "2.225073858507201e-308"},
    {1.7976931348623157e+308, "1.7976931348623157e+308"},
    {-1.7976931348623157e+308, "-1.7976931348623157e+308"},
    {1e+21, "1e+21"},
    {100000000000000000000.0, "100000000000000000000"},
    {999999999999999900000.0, "999999999999999900000"},
    {123456789012345680000.0, "123456789012345680000"},
    {1e-7, "1e-7"},
    {0.000001, "0.000001"},
    {1.5e-7, "1.5e-7"},
    {0.000001, "0.000001"},
    {0.0000015, "0.0000015"},
    {1.23e-18, "1.23e-18"},
    {9007199254740992.0, "9007199254740992"},
    {9007199254740994.0, "9007199254740994"},
    {9007199254740991.0, "9007199254740991"},
    {18446744073709552000.0, "18446744073709552000"},
    {9223372036854776000.0, "9223372036854776000"},
    {-2147483648.0, "-2147483648"},
    {4294967295.0, "4294967295"},
    {1e+100, "1e+100"},
    {1e-100, "1e-100"},
    {1.2345678901234568e-300, "1.2345678901234568e-300"},
    {1e+23, "1e+23"},
    {1e+23, "1e+23"},
    {5e-7, "5e-7"},
    {0.001, "0.001"},
    {0.000123, "0.000123"},
    {123.456, "123.456"},
    {1000000000000000.0, "1000000000000000"},
    {10000000000000000.0, "10000000000000000"},
    {100000000000000000.0, "100000000000000000"},
    {1.7e+308, "1.7e+308"},
    {4.35, "4.35"},
    {0.5, "0.5"},
    {3.14159, "3.14159"},
    {2.718281828459045, "2.718281828459045"},
    {0.00001, "0.00001"},
    {100.0, "100"},
    {1234567.125, "1234567.125"},
    {-1e-7, "-1e-7"},
    {8.41e+21, "8.41e+21"},
    {9007199254740992.0, "9007199254740992"},
    {0.30000000000000004, "0.30000000000000004"},
    {1.1, "1.1"},
    {2.2250738585072014e-308, "2.2250738585072014e-308"},
    {1.5e-323, "1.5e-323"},
    {8.98846567431158e+307, "8.98846567431158e+307"},
    {0.5, "0.5"},
    {123456.7, "123456.7"},
    {1e-10, "1e-10"},
    {5e-324, "5e-324"},
    {1.0000000000000002, "1.0000000000000002"},
    {0.9999999999999999, "0.9999999999999999"},
    {5e-310, "5e-310"},
    {1e+301, "1e+301"},
    {4503599627370496.0, "4503599627370496"},
    {9.5367431640625e-7, "9.5367431640625e-7"},
    {0.14285714285714285, "0.14285714285714285"},
};

static const RadixCase radix_cases[] = {
    {0.0, 2, "0"},
    {-0.0, 2, "0"},
    {1.0, 2, "1"},
    {255.0, 16, "ff"},
    {-255.0, 16, "-ff"},
    {255.5, 16, "ff.8"},
    {0.5, 2, "0.1"},
    {0.1, 2, "0.0001100110011001100110011001100110011001100110011001101"},
    {0.1, 3, "0.0022002200220022002200220022002201"},
    {0.1, 36, "0.3lllllllllm"},
    {0.3333333333333333, 3, "0.1"},
    {0.6666666666666666, 3, "0.2"},
    {123.456, 36, "3f.gez4w97ry"},
    {123.456, 8, "173.3513615237574734"},
    {-123.456, 7, "-234.312256641535441"},
    {9007199254740992.0, 2, "100000000000000000000000000000000000000000000000000000"},
    {9007199254740994.0, 3, "1121202011211211122211100012101111"},
    {1152921504606847000.0, 3, "21200101122222021102111220121112210000"},
    {1152921504606847000.0, 36, "8rc4kbdvss00"},
    {1e+21, 36, "5v1j4f4ds7c000"},
    {1e+21, 2, "1101100011010111001001101011011100010111011110101000000000000000000000"},
    {1e+300, 7,
     "6562255533065302131000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "00000"},
    {1.7976931348623157e+308, 36,
     "1a1e4vngaiqo0000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000000"},
    {5e-324, 36,
     "0.00000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000003"},
    {5e-324, 2,
     "0.00000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000001"},
    {2.5e-300, 16,
     "0.00000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000001ac9a7b3b7302f"},
    {0.9999999999999999, 2, "0.11111111111111111111111111111111111111111111111111111"},
    {NAN, 16, "NaN"},
    {INFINITY, 16, "Infinity"},
    {-INFINITY, 2, "-Infinity"},
    {35.0, 36, "z"},
    {36.0, 36, "10"},
    {1e-7, 5, "0.000000000044201334330402232142411"},
    {3.5, 6, "3.3"},
    {3.141592653589793, 16, "3.243f6a8885a3"},
    {2.718281828459045, 32, "2.mvgl2okatkg"},
    {0.000001, 17, "0.00001725cef53f6ded"},
    {12345.6789, 11, "9303.75168584347"},
    {4294967295.75, 32, "3vvvvvv.o"},
    {-0.5, 3, "-0.1111111111111111111111111111111112"},
    {10000000000.1, 29, "gnfiqc6.2q2q"},
    {7615.5, 5, "220430.222222222222222222"},
    {0.016030967235565186, 6, "0.00324353511415022044404"},
    {1.2285461536976072e-10, 12, "0.000000000773473862101404"},
};

static const DigitsCase fixed_cases[] = {
    {1.005, 2, "1.00"},
    {1.45, 1, "1.4"},
    {1.55, 1, "1.6"},
    {2.5, 0, "3"},
    {1.5, 0, "2"},
    {-1.5, 0, "-2"},
    {-2.5, 0, "-3"},
    {0.5, 0, "1"},
    {0.0, 2, "0.00"},
    {-0.0, 2, "0.00"},
    {-1e-7, 2, "-0.00"},
    {123.456, 0, "123"},
    {123.456, 2, "123.46"},
    {123.456, 10, "123.4560000000"},
    {0.000001, 7, "0.0000010"},
    {0.000001, 5, "0.00000"},
    {1e-10, 20, "0.00000000010000000000"},
    {100000000000000000000.0, 2, "100000000000000000000.00"},
    {999999999999999900000.0, 0, "999999999999999868928"},
    {1e+21, 2, "1e+21"},
    {1e+21, 0, "1e+21"},
    {-1e+21, 1, "-1e+21"},
    {1.2e+21, 2, "1.2e+21"},
    {NAN, 2, "NaN"},
    {INFINITY, 1, "Infinity"},
    {-INFINITY, 0, "-Infinity"},
    {0.1, 20, "0.10000000000000000555"},
    {0.1, 100,
     "0.10000000000000000555111512312578270211815834045410156250000000000000"
     "00000000000000000000000000000000"},
    {5e-324, 100,
     "0.00000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000"},
    {1.7976931348623157e+308, 3, "1.7976931348623157e+308"},
    {123.456, 100,
     "123.456000000000003069544618483632802963256835937500000000000000000000"
     "0000000000000000000000000000000000"},
    {9007199254740992.0, 3, "9007199254740992.000"},
    {1.1805916207174113e+21, 1, "1.1805916207174113e+21"},
    {100000000000000070000.0, 5, "100000000000000065536.00000"},
    {0.5, 1, "0.5"},
    {0.05, 1, "0.1"},
    {0.15, 1, "0.1"},
    {0.25, 1, "0.3"},
    {0.35, 1, "0.3"},
    {8.345, 2, "8.35"},
    {8.335, 2, "8.34"},
    {1.45, 20, "1.44999999999999995559"},
    {99.995, 2, "100.00"},
    {99.9949999, 2, "99.99"},
    {0.000049999, 4, "0.0000"},
    {0.00005, 4, "0.0001"},
    {9.5, 0, "10"},
    {-9.5, 0, "-10"},
    {0.9, 0, "1"},
    {0.4, 0, "0"},
    {12345678901234567000.0, 4, "12345678901234567168.0000"},
    {3.14159, 3, "3.142"},
};

static const DigitsCase exponential_cases[] = {
    {0.0, -1, "0e+0"},
    {0.0, 2, "0.00e+0"},
    {-0.0, 0, "0e+0"},
    {NAN, 2, "NaN"},
    {INFINITY, -1, "Infinity"},
    {-INFINITY, 3, "-Infinity"},
    {123.456, -1, "1.23456e+2"},
    {123.456, 0, "1e+2"},
    {123.456, 2, "1.23e+2"},
    {123.456, 10, "1.2345600000e+2"},
    {1.5, 0, "2e+0"},
    {2.5, 0, "3e+0"},
    {-2.5, 0, "-3e+0"},
    {0.00001, -1, "1e-5"},
    {1e+21, -1, "1e+21"},
    {1e+21, 3, "1.000e+21"},
    {5e-324, -1, "5e-324"},
    {5e-324, 0, "5e-324"},
    {5e-324, 100,
     "4.94065645841246544176568792868221372365059802614324764425585682500675"
     "50727020875186529983636163599238e-324"},
    {1.7976931348623157e+308, -1, "1.7976931348623157e+308"},
    {1.7976931348623157e+308, 20, "1.79769313486231570815e+308"},
    {1.7976931348623157e+308, 100,
     "1.79769313486231570814527423731704356798070567525844996598917476803157"
     "26078002853876058955863276687817e+308"},
    {0.1, 100,
     "1.00000000000000005551115123125782702118158340454101562500000000000000"
     "00000000000000000000000000000000e-1"},
    {0.3333333333333333, 50, "3.33333333333333314829616256247390992939472198486328e-1"},
    {99.95, 2, "1.00e+2"},
    {99.95, 1, "1.0e+2"},
    {9.5, 0, "1e+1"},
    {1.25, 1, "1.3e+0"},
    {1.35, 1, "1.4e+0"},
    {1e-7, 3, "1.000e-7"},
    {123456789.0, 4, "1.2346e+8"},
    {-0.000123, 1, "-1.2e-4"},
    {9223372036854776000.0, 25, "9.2233720368547758080000000e+18"},
    {1.005, 2, "1.00e+0"},
    {0.5, 0, "5e-1"},
    {1e+100, 5, "1.00000e+100"},
};

static const DigitsCase precision_cases[] = {
    {0.0, 1, "0"},
    {0.0, 5, "0.0000"},
    {-0.0, 3, "0.00"},
    {NAN, 3, "NaN"},
    {INFINITY, 2, "Infinity"},
    {-INFINITY, 1, "-Infinity"},
    {123.456, 1, "1e+2"},
    {123.456, 2, "1.2e+2"},
    {123.456, 3, "123"},
    {123.456, 4, "123.5"},
    {123.456, 10, "123.4560000"},
    {123.456, 100,
     "123.456000000000003069544618483632802963256835937500000000000000000000"
     "0000000000000000000000000000000"},
    {0.000001, 2, "0.0000010"},
    {1e-7, 2, "1.0e-7"},
    {1e-7, 1, "1e-7"},
    {1e+21, 1, "1e+21"},
    {1e+21, 21, "1.00000000000000000000e+21"},
    {1e+21, 22, "1000000000000000000000"},
    {100000000000000000000.0, 21, "100000000000000000000"},
    {123456789.0, 3, "1.23e+8"},
    {123456789.0, 9, "123456789"},
    {123456789.0, 10, "123456789.0"},
    {99.95, 3, "100"},
    {99.95, 2, "1.0e+2"},
    {9.5, 1, "1e+1"},
    {2.5, 1, "3"},
    {1.5, 1, "2"},
    {-2.5, 1, "-3"},
    {0.00000123, 2, "0.0000012"},
    {0.000001234, 2, "0.0000012"},
    {5e-324, 1, "5e-324"},
    {5e-324, 100,
     "4.94065645841246544176568792868221372365059802614324764425585682500675"
     "5072702087518652998363616359924e-324"},
    {1.7976931348623157e+308, 100,
     "1.79769313486231570814527423731704356798070567525844996598917476803157"
     "2607800285387605895586327668782e+308"},
    {1.7976931348623157e+308, 17, "1.7976931348623157e+308"},
    {0.1, 17, "0.10000000000000001"},
    {0.1, 18, "0.100000000000000006"},
    {0.1, 21, "0.100000000000000005551"},
    {0.1, 100,
     "0.10000000000000000555111512312578270211815834045410156250000000000000"
     "00000000000000000000000000000000"},
    {0.3333333333333333, 20, "0.33333333333333331483"},
    {9007199254740992.0, 16, "9007199254740992"},
    {9007199254740992.0, 17, "9007199254740992.0"},
    {1.45, 2, "1.4"},
    {1.55, 2, "1.6"},
    {999999.5, 6, "1.00000e+6"},
    {999999.4999, 6, "999999"},
    {0.000001, 1, "0.000001"},
    {9.99999e-7, 3, "0.00000100"},
    {0.00000999999, 3, "0.0000100"},
    {12345.6789, 7, "12345.68"},
    {-12345.6789, 7, "-12345.68"},
};

static const StrtodCase strtod_cases[] = {
    {"0", 1, 0.0},
    {"00", 2, 0.0},
    {"0.0", 3, 0.0},
    {"1", 1, 0x1.0000000000000p0},
    {"-", 0, NAN},
    {"", 0, NAN},
    {".", 0, NAN},
    {".5", 2, 0x1.0000000000000p-1},
    {"5.", 2, 0x1.4000000000000p2},
    {"5.e3", 4, 0x1.3880000000000p12},
    {"1e", 1, 0x1.0000000000000p0},
    {"1e+", 1, 0x1.0000000000000p0},
    {"1e-", 1, 0x1.0000000000000p0},
    {"1e+5x", 4, 0x1.86a0000000000p16},
    {"1.5e3.5", 5, 0x1.7700000000000p10},
    {"12abc", 2, 0x1.8000000000000p3},
    {"e5", 0, NAN},
    {".e5", 0, NAN},
    {"0x10", 1, 0.0},
    {"1_000", 1, 0x1.0000000000000p0},
    {"Infinity", 0, NAN},
    {"123", 3, 0x1.ec00000000000p6},
    {"0.1", 3, 0x1.999999999999ap-4},
    {"0.30000000000000004", 19, 0x1.3333333333334p-2},
    {"1e21", 4, 0x1.b1ae4d6e2ef50p69},
    {"1e23", 4, 0x1.52d02c7e14af6p76},
    {"8.5e-323", 8, 0x0.0000000000011p-1022},
    {"4.9e-324", 8, 0x0.0000000000001p-1022},
    {"2.4703282292062327e-324", 23, 0.0},
    {"2.4703282292062328e-324", 23, 0x0.0000000000001p-1022},
    {"1e-400", 6, 0.0},
    {"1e999999999", 11, INFINITY},
    {"1e-999999999", 12, 0.0},
    {"0e99999999999999999999", 22, 0.0},
    {"1.7976931348623157e308", 22, 0x1.fffffffffffffp1023},
    {"1.7976931348623158e308", 22, 0x1.fffffffffffffp1023},
    {"1.7976931348623159e308", 22, INFINITY},
    {"179769313486231580793728971405301e276", 37, 0x1.fffffffffffffp1023},
    {"2.2250738585072011e-308", 23, 0x0.fffffffffffffp-1022},
    {"2.2250738585072012e-308", 23, 0x1.0000000000000p-1022},
    {"9007199254740993", 16, 0x1.0000000000000p53},
    {"9007199254740993.0000000000000000001", 36, 0x1.0000000000001p53},
    {"9007199254740992.9999999999999999999", 36, 0x1.0000000000000p53},
    {"9007199254740995", 16, 0x1.0000000000002p53},
    {"123456789012345678901234567890e-40", 34, 0x1.b25ffd636ec12p-37},
    {"00000.000001000", 15, 0x1.0c6f7a0b5ed8dp-20},
    {"1E5", 3, 0x1.86a0000000000p16},
    {"1e+05", 5, 0x1.86a0000000000p16},
    {"3.14159265358979323846264338327950288419716939937510", 52, 0x1.921fb54442d18p1},
    {"0.000000000000000000000000000000000000000000001", 47, 0x1.6d601ad376ab9p-150},
    {"7.2057594037927933e16", 21, 0x1.0000000000000p56},
    {"1448997445238699", 16, 0x1.4976c0803feacp50},
    {"6.631236846766476e-316", 22, 0x0.0000008000000p-1022},
    {"3.4e-315", 8, 0x0.0000029049aedp-1022},
    {"2.2250738585072014e-308", 23, 0x1.0000000000000p-1022},
    {"4.4501477170144023e-308", 23, 0x1.fffffffffffffp-1022},
    {"1000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000000000000000000000000e-400",
     406, 0x1.0000000000000p0},
    {"0.00000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000001e330",
     337, 0x1.999999999999ap-4},
    {"9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999999999999999999999999999999999999999999999"
     "999999999999999999999999999999e-800",
     805, 0x1.0000000000000p0},
    {"1.00000000000000011102230246251565404236316680908203125", 55, 0x1.0000000000000p0},
    {"1.00000000000000011102230246251565404236316680908203125000000000000001", 70,
     0x1.0000000000001p0},
    {"1.00000000000000011102230246251565404236316680908203124999999999999999", 70,
     0x1.0000000000000p0},
    {"7.41098468761869816264853189302332058547589703921487146638378523751013"
     "2609053131277979497545424539885696948470431685765963899850655339096945"
     "9816219401617281718945106978546710679176872575177347315553307795408549"
     "8096084575009581113730347476580968710095909754422710047573078097111189"
     "3578483867565399878350301522805593404659373979179073872386829939581848"
     "1660169122019456499931289798411362062484498678713572180352209017023903"
     "2857917325202205289740208029068540216066123755499834026713000358124864"
     "7904138574340187552090159017259254714629617513415977493871857473787096"
     "1645638908718119841271673056017045493004705269590165763776884908267986"
     "9725733665217655679410725087643375608460039849049721491174630855395563"
     "54188641513168478436313080237596295773983001708984375e-324",
     758, 0x0.0000000000002p-1022},
    {"2.47032822920623272088284396434110686182529901307162382212792841250337"
     "7536351043759326499181808179961898982823477228588654633283551779698981"
     "9938739800539093906315035659515570226392290858392449105184435931802849"
     "9365361525003193704576782492193656236698636584807570015857692699037063"
     "1192827955855133292783433840935197801553124659726357957462276646527282"
     "7220056374006485499977096599470454020828166226237857393450736339007967"
     "7619305775067401763246736009689513405355374585166611342237666786041621"
     "5968046191446729184030053005753084904876539171138659164623952491262365"
     "3881879636239373280423891018672348497668235089863388587925628302755995"
     "6575244555072551893136908362547791869486679949683240497058210285131854"
     "51396213837722826145437693412532098591327667236328125e-324",
     758, 0.0},
    {"2.47032822920623272088284396434110686182529901307162382212792841250337"
     "7536351043759326499181808179961898982823477228588654633283551779698981"
     "9938739800539093906315035659515570226392290858392449105184435931802849"
     "9365361525003193704576782492193656236698636584807570015857692699037063"
     "1192827955855133292783433840935197801553124659726357957462276646527282"
     "7220056374006485499977096599470454020828166226237857393450736339007967"
     "7619305775067401763246736009689513405355374585166611342237666786041621"
     "5968046191446729184030053005753084904876539171138659164623952491262365"
     "3881879636239373280423891018672348497668235089863388587925628302755995"
     "6575244555072551893136908362547791869486679949683240497058210285131854"
     "51396213837722826145437693412532098591327667236328125001e-324",
     761, 0x0.0000000000001p-1022},
};

static const RadixParseCase radix_parse_cases[] = {
    {"0", 2, 0.0},
    {"1", 2, 0x1.0000000000000p0},
    {"11", 2, 0x1.8000000000000p1},
    {"ff", 16, 0x1.fe00000000000p7},
    {"FF", 16, 0x1.fe00000000000p7},
    {"z", 36, 0x1.1800000000000p5},
    {"Z", 36, 0x1.1800000000000p5},
    {"zz", 36, 0x1.43c0000000000p10},
    {"777", 8, 0x1.ff00000000000p8},
    {"0000000000000000000000001", 3, 0x1.0000000000000p0},
    {"1000000000000000000000000000000000000000000000000000001", 2, 0x1.0000000000000p54},
    {"100000000000000000000000000000000000000000000000000001", 2, 0x1.0000000000000p53},
    {"1000000000000000000000000000000000000000000000000000011", 2, 0x1.0000000000001p54},
    {"1000000000000000000000000000000000000000000000000000010000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000001",
     2, 0x1.0000000000001p154},
    {"111111111111111111111111111111111111111111111111111111", 2, 0x1.0000000000000p54},
    {"fffffffffffff8", 16, 0x1.fffffffffffffp55},
    {"fffffffffffff7ff", 16, 0x1.fffffffffffffp63},
    {"20000000000001", 16, 0x1.0000000000000p53},
    {"20000000000002", 16, 0x1.0000000000001p53},
    {"20000000000003", 16, 0x1.0000000000002p53},
    {"1000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000",
     16, 0x1.0000000000000p1020},
    {"1000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000",
     16, INFINITY},
    {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffff",
     16, INFINITY},
    {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "fffffffffffffffffffffffffffffffffffffffffffffff",
     16, INFINITY},
    {"vvvvvvvvvvvvvvvvvvvvvvv", 32, 0x1.0000000000000p115},
    {"333333333333333333333333333333", 4, 0x1.0000000000000p60},
    {"1111111111111111111111111111111111111111", 3, 0x1.517168a4523fdp62},
    {"2222222222222222222222222222222222222222222222222222222222222222222222"
     "222222222222222222222222222222",
     3, 0x1.69194f299cddap158},
    {"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 36, 0x1.11f249dd9ddb5p155},
    {"9007199254740993", 10, 0x1.0000000000000p53},
    {"18014398509481985", 10, 0x1.0000000000000p54},
    {"123456789012345678901234567890", 10, 0x1.8ee90ff6c373ep96},
    {"1000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000",
     10, 0x1.1ccf385ebc8a0p1023},
    {"1000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000",
     10, INFINITY},
    {"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
     36, 0x1.905be4d60d7c2p1023},
    {"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
     36, INFINITY},
    {"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
     "zzzzzzzzzzzzzzzzzzzz",
     36, INFINITY},
    {"100000000000000000000000000000000000001", 7, 0x1.9a00813b2fd09p106},
};

/* ------------------------------------------------------------------ */
/* Checking helpers                                                     */
/* ------------------------------------------------------------------ */

typedef struct {
    long passed, failed;
} Tally;

/* Counts a check; prints the first failures in detail. */
__attribute__((format(printf, 3, 4))) static void report(Tally *t, int ok, const char *fmt, ...)
{
    if (ok) {
        t->passed++;
        return;
    }
    if (t->failed++ < 40) {
        va_list ap;
        va_start(ap, fmt);
        fputs("FAIL: ", stdout);
        vprintf(fmt, ap);
        fputs("\n", stdout);
        va_end(ap);
    }
}

static uint64_t bits_of(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Same double, with every NaN equal to every other. */
static int same_double(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return bits_of(a) == bits_of(b);
}

/* xorshift64*: a fixed seed keeps the run reproducible */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static int random_below(uint64_t *state, int n)
{
    return (int)(next_random(state) % (uint64_t)n);
}

/* A finite double from one of several distributions that exercise
   different paths: any bit pattern, integers, short decimals, values near
   powers of two, and subnormals. */
static double random_double(uint64_t *rng)
{
    /* draws are sequenced: argument evaluation order is unspecified */
    int kind = random_below(rng, 6), small = random_below(rng, 64);
    uint64_t bits = next_random(rng), more = next_random(rng);
    switch (kind) {
    case 0:
        while (!isfinite(from_bits(bits)))
            bits = next_random(rng);
        return from_bits(bits);
    case 1:
        return (double)(int64_t)(bits >> small) * (more & 1 ? 1 : -1);
    case 2:
        return (double)(bits % 2000000) / pow(10, small % 12);
    case 3:
        return ldexp(1.0 + (double)(more % 3) * 0x1p-52, (int)(bits % 2098) - 1074);
    case 4:
        return from_bits(bits >> 12); /* subnormal */
    default:
        return (double)(bits >> 11) * 0x1p-53 * pow(10, (double)(small % 40) - 20);
    }
}

/* ------------------------------------------------------------------ */
/* Table-driven checks                                                  */
/* ------------------------------------------------------------------ */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_tables(Tally *t)
{
    char buf[JS_DTOA_RADIX_BUF_SIZE];
    for (size_t i = 0; i < COUNT(shortest_cases); i++) {
        const ShortestCase *c = &shortest_cases[i];
        size_t n = js_dtoa_shortest(buf, c->d);
        report(t, strcmp(buf, c->want) == 0 && n == strlen(buf), "shortest(%.17g) = %s, want %s",
               c->d, buf, c->want);
    }
    for (size_t i = 0; i < COUNT(radix_cases); i++) {
        const RadixCase *c = &radix_cases[i];
        size_t n = js_dtoa_radix(buf, c->d, c->radix);
        report(t, strcmp(buf, c->want) == 0 && n == strlen(buf), "radix(%.17g, %d) = %s, want %s",
               c->d, c->radix, buf, c->want);
    }
    for (size_t i = 0; i < COUNT(fixed_cases); i++) {
        const DigitsCase *c = &fixed_cases[i];
        size_t n = js_dtoa_fixed(buf, c->d, c->arg);
        report(t, strcmp(buf, c->want) == 0 && n == strlen(buf), "fixed(%.17g, %d) = %s, want %s",
               c->d, c->arg, buf, c->want);
    }
    for (size_t i = 0; i < COUNT(exponential_cases); i++) {
        const DigitsCase *c = &exponential_cases[i];
        size_t n = js_dtoa_exponential(buf, c->d, c->arg);
        report(t, strcmp(buf, c->want) == 0 && n == strlen(buf),
               "exponential(%.17g, %d) = %s, want %s", c->d, c->arg, buf, c->want);
    }
    for (size_t i = 0; i < COUNT(precision_cases); i++) {
        const DigitsCase *c = &precision_cases[i];
        size_t n = js_dtoa_precision(buf, c->d, c->arg);
        report(t, strcmp(buf, c->want) == 0 && n == strlen(buf),
               "precision(%.17g, %d) = %s, want %s", c->d, c->arg, buf, c->want);
    }
    for (size_t i = 0; i < COUNT(strtod_cases); i++) {
        const StrtodCase *c = &strtod_cases[i];
        size_t used = 99;
        double got = js_strtod(c->text, strlen(c->text), &used);
        report(t, same_double(got, c->want) && used == c->used,
               "strtod(\"%.60s\") = %a used %zu, want %a used %zu", c->text, got, used, c->want,
               c->used);
    }
    for (size_t i = 0; i < COUNT(radix_parse_cases); i++) {
        const RadixParseCase *c = &radix_parse_cases[i];
        double got = js_atod_radix(c->text, strlen(c->text), c->radix);
        report(t, same_double(got, c->want), "atod_radix(\"%.60s\", %d) = %a, want %a", c->text,
               c->radix, got, c->want);
    }
}

/* js_strtod must stop at the end of the given length, not at a NUL. */
static void test_length_bound(Tally *t)
{
    size_t used;
    double d = js_strtod("12345", 3, &used);
    report(t, d == 123 && used == 3, "strtod length bound: %g used %zu", d, used);
    d = js_strtod("1.5e10", 4, &used);
    report(t, d == 1.5 && used == 3, "strtod exponent cut by length: %g used %zu", d, used);
    d = js_atod_radix("ffff", 2, 16);
    report(t, d == 255, "atod_radix length bound: %g", d);
}

/* ------------------------------------------------------------------ */
/* Randomized checks                                                    */
/* ------------------------------------------------------------------ */

/* The significant digits and decimal exponent of a number in exponent
   form "d.ddde±x" (as printed by printf %e or toExponential). */
static void split_exponential(const char *s, char *digits, int *exp10)
{
    int n = 0;
    for (; *s && *s != 'e'; s++) {
        if (*s >= '0' && *s <= '9')
            digits[n++] = *s;
    }
    digits[n] = '\0';
    *exp10 = *s ? atoi(s + 1) : 0;
}

static void check_shortest(Tally *t, double d)
{
    char buf[JS_DTOA_BUF_SIZE], ref[64];
    size_t len = js_dtoa_shortest(buf, d), used;
    double back = js_strtod(buf[0] == '-' ? buf + 1 : buf, len - (buf[0] == '-'), &used);
    if (buf[0] == '-')
        back = -back;
    report(t, same_double(back, d) || (d == 0 && back == 0), "round trip %a -> %s -> %a", d, buf,
           back);
    report(t, strtod(buf, NULL) == d, "glibc reads %s back as %a, not %a", buf, strtod(buf, NULL),
           d);
    if (d == 0)
        return;
    /* the digit count n: no (n-1)-digit decimal may read back as d, and if
       the nearest n-digit decimal does, it must be the one printed */
    char digits[32], ref_digits[32];
    int exp10, ref_exp10;
    js_dtoa_exponential(buf, fabs(d), -1);
    split_exponential(buf, digits, &exp10);
    int n = (int)strlen(digits);
    if (n > 1) {
        snprintf(ref, sizeof ref, "%.*e", n - 2, fabs(d));
        report(t, strtod(ref, NULL) != fabs(d), "%a has a shorter form %s than %s", d, ref, buf);
    }
    snprintf(ref, sizeof ref, "%.*e", n - 1, fabs(d));
    if (strtod(ref, NULL) == fabs(d)) {
        split_exponential(ref, ref_digits, &ref_exp10);
        report(t, strcmp(digits, ref_digits) == 0 && exp10 == ref_exp10,
               "%a: %s is not the closest, %s is", d, buf, ref);
    }
}

/* Compares js_strtod with glibc strtod on text; both must consume all. */
static void check_strtod(Tally *t, const char *text)
{
    size_t used;
    double got = js_strtod(text, strlen(text), &used);
    double want = strtod(text, NULL);
    report(t, same_double(got, want) && used == strlen(text), "strtod(\"%.80s\") = %a, glibc %a",
           text, got, want);
}

static void random_digits(uint64_t *rng, char *p, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (char)('0' + random_below(rng, 10));
    p[n] = '\0';
}

/* Random decimal text: short and long significands, points anywhere,
   exponents across the whole range including under- and overflow. */
static void random_decimal(uint64_t *rng, char *out)
{
    int ndig = 1 + random_below(rng, 25);
    if (random_below(rng, 4) == 0)
        ndig = 1 + random_below(rng, 900);
    random_digits(rng, out, ndig);
    if (random_below(rng, 2)) {
        int point = random_below(rng, ndig + 1);
        memmove(out + point + 1, out + point, (size_t)(ndig - point + 1));
        out[point] = '.';
        ndig++;
    }
    if (random_below(rng, 4)) {
        int range = random_below(rng, 2) ? 50 : 700;
        int exp10 = random_below(rng, 2 * range) - range;
        sprintf(out + ndig, "e%d", exp10);
    }
}

/* Text for the exact half-way point between d and the next double up,
   and for decimals just above and below it. Uses long double, which holds
   the 54-bit half-way point exactly on x87; elsewhere these are merely
   more values near d. */
static void check_halfway(Tally *t, double d)
{
    char text[1200], exponent[16];
    long double mid = ((long double)d + (long double)nextafter(d, INFINITY)) / 2;
    /* 16 to 19 digits: near the half-way point, and short enough for the
       64- and 128-bit paths */
    for (int digits = 16; digits <= 19; digits++) {
        snprintf(text, sizeof text, "%.*Le", digits - 1, mid);
        check_strtod(t, text);
    }
    snprintf(text, sizeof text - 40, "%.800Le", mid);
    check_strtod(t, text);
    char *e = strchr(text, 'e');
    snprintf(exponent, sizeof exponent, "%s", e);
    /* 801 digits show a half-way point exactly: append a nonzero digit */
    snprintf(e, 40, "00000000000000000001%s", exponent);
    check_strtod(t, text);
    /* and subtract one unit in the last place instead */
    snprintf(e, 40, "%s", exponent);
    char *p = e - 1;
    for (; *p == '0' || *p == '.'; p--) {
        if (*p == '0')
            *p = '9';
    }
    (*p)--;
    check_strtod(t, text);
}

/* Whether toFixed(d, fd) rounds an exact tie, where JS rounds half up and
   printf half to even: d = m * 2^e with m odd has exactly -e fraction
   digits, the last one 5. */
static int fixed_may_tie(double d, int fd)
{
    int e;
    double m = frexp(fabs(d), &e);
    for (m = ldexp(m, 53), e -= 53; m != 0 && fmod(m, 2) == 0; m /= 2)
        e++;
    return fd + 1 == -e;
}

static void test_random(Tally *t, int rounds)
{
    uint64_t rng = 0x9E3779B97F4A7C15ull;
    char buf[JS_DTOA_RADIX_BUF_SIZE], ref[1200], text[1200];
    for (int i = 0; i < rounds; i++) {
        double d = random_double(&rng);
        check_shortest(t, d);

        random_decimal(&rng, text);
        check_strtod(t, text);
        snprintf(text, sizeof text, "%.*e", random_below(&rng, 25), fabs(d));
        check_strtod(t, text);
        if (i % 8 == 0 && fabs(d) < 1.7e308)
            check_halfway(t, fabs(d)); /* slow: 800-digit texts */

        /* exact digits against printf, where no tie is possible */
        int fd = random_below(&rng, 41);
        if (d != 0 && fabs(d) < 1e21 && !fixed_may_tie(d, fd)) {
            js_dtoa_fixed(buf, d, fd);
            snprintf(ref, sizeof ref, "%.*f", fd, d);
            report(t, strcmp(buf, ref) == 0, "toFixed(%a, %d) = %s, printf %s", d, fd, buf, ref);
        }
        /* an odd significand times 2^e, e <= -100, has at least 70
           significant digits, so 41 digits never tie */
        int scale = random_below(&rng, 975);
        double v = ldexp((double)(next_random(&rng) >> 11 | 1), -100 - scale);
        if (bits_of(v) & 1) {
            char digits[128], ref_digits[128];
            int exp10, ref_exp10;
            js_dtoa_exponential(buf, v, fd);
            snprintf(ref, sizeof ref, "%.*e", fd, v);
            split_exponential(buf, digits, &exp10);
            split_exponential(ref, ref_digits, &ref_exp10);
            report(t, strcmp(digits, ref_digits) == 0 && exp10 == ref_exp10,
                   "toExponential(%a, %d) = %s, printf %s", v, fd, buf, ref);
            /* toPrecision(fd + 1) shows the same digits */
            js_dtoa_precision(buf, v, fd + 1);
            split_exponential(buf, ref_digits, &ref_exp10);
            report(t, strcmp(digits, ref_digits + strspn(ref_digits, "0")) == 0,
                   "toPrecision(%a, %d) = %s, digits %s", v, fd + 1, buf, digits);
        }

        /* integers print and parse back exactly in every radix */
        int shift = 11 + random_below(&rng, 53);
        double n = (double)(next_random(&rng) >> shift);
        int radix = 2 + random_below(&rng, 35);
        size_t len = js_dtoa_radix(buf, n, radix);
        report(t, js_atod_radix(buf, len, radix) == n, "radix %d: %.17g -> %s", radix, n, buf);
    }
}

int main(void)
{
    Tally t = {0, 0};
    test_tables(&t);
    test_length_bound(&t);
    test_random(&t, 50000);
    printf("test_dtoa: %ld passed, %ld failed\n", t.passed, t.failed);
    return t.failed != 0;
}
