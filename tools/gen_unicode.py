#!/usr/bin/env python3
"""Generate src/engine/unicode_tables.{c,h} from the Unicode Character Database.

    python3 tools/gen_unicode.py [--ucd DIR] [--out DIR] [--check]

DIR defaults to /usr/share/unicode (Debian's unicode-data package) and the
output to src/engine next to this script. --check regenerates in memory and
exits 1 if the committed files differ, without writing anything.

The script is three layers:
  - readers turn UCD files into plain Python data (sets of code points,
    dicts of mappings); they know the file formats and nothing else;
  - emitters turn one such value into one C table in a fixed encoding
    (boundary-list sets, delta-run case maps, special-casing lists) and
    record its size;
  - build_tables() says which tables exist; adding a property is one line
    there, plus, for a new encoding, one emitter and its C lookup.

Tables hold Unicode properties only; ECMAScript-specific definitions
(WhiteSpace, ZWNJ/ZWJ in identifiers) are applied by unicode.c, so the same
sets can serve RegExp property escapes.
"""

import argparse
import os
import re
import sys

MAX_CP = 0x10FFFF
NPLANES = 17

# ---------------------------------------------------------------- readers


def data_lines(path):
    """Yield the ';'-split fields of each non-comment line, stripped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def parse_range(text):
    """'0041' or '0041..005A' -> (lo, hi) inclusive."""
    lo, _, hi = text.partition("..")
    return int(lo, 16), int(hi or lo, 16)


def parse_cps(text):
    """'0053 0053' -> (0x53, 0x53); '' -> ()."""
    return tuple(int(x, 16) for x in text.split())


class Ucd:
    """A UCD directory. path() checks that every versioned file it hands
    out is of the same Unicode version as DerivedCoreProperties.txt, so a
    half-upgraded directory cannot produce mixed tables."""

    def __init__(self, directory):
        self.directory = directory
        self.version = self.file_version("DerivedCoreProperties.txt")

    def file_version(self, name):
        """The X.Y.Z of the '# Name-X.Y.Z.txt' first line, None if absent."""
        full = os.path.join(self.directory, name)
        try:
            with open(full, encoding="utf-8") as f:
                m = re.match(r"#\s*\S+-(\d+\.\d+\.\d+)\.txt", f.readline())
        except OSError as e:
            sys.exit(f"gen_unicode: {e}")
        return m and m.group(1)

    def path(self, name):
        version = self.file_version(name)
        if name != "UnicodeData.txt" and version != self.version:
            sys.exit(f"gen_unicode: {name} is Unicode {version}, expected {self.version}")
        return os.path.join(self.directory, name)


class UnicodeData:
    """UnicodeData.txt: general category and simple case mappings."""

    def __init__(self, path):
        self.category = {}  # cp -> 'Lu', ...; unlisted code points are Cn
        self.upper = {}  # cp -> simple uppercase, only where it differs
        self.lower = {}
        range_start = None
        for f in data_lines(path):
            cp, name, gc = int(f[0], 16), f[1], f[2]
            if name.endswith(", First>"):
                range_start = cp
                continue
            if name.endswith(", Last>"):
                for c in range(range_start, cp + 1):
                    self.category[c] = gc
                range_start = None
                continue
            self.category[cp] = gc
            if f[12]:
                self.upper[cp] = int(f[12], 16)
            if f[13]:
                self.lower[cp] = int(f[13], 16)

    def with_category(self, *cats):
        return {c for c, gc in self.category.items() if gc in cats}


def read_binary_properties(path):
    """PropList.txt / DerivedCoreProperties.txt style: 'range ; Name'.
    Returns {name: set of code points}. Lines with a third field (the
    enumerated InCB property in later versions) are skipped."""
    props = {}
    for f in data_lines(path):
        if len(f) != 2:
            continue
        lo, hi = parse_range(f[0])
        props.setdefault(f[1], set()).update(range(lo, hi + 1))
    return props


def read_special_casing(path):
    """Unconditional SpecialCasing.txt entries: (lower, upper) dicts of
    cp -> tuple of code points. Entries with a condition list (language
    or context sensitive) are left out."""
    lower, upper = {}, {}
    for f in data_lines(path):
        if len(f) > 4 and f[4]:
            continue
        cp = int(f[0], 16)
        lower[cp] = parse_cps(f[1])
        upper[cp] = parse_cps(f[3])
    return lower, upper


def read_case_folding(path, statuses):
    """CaseFolding.txt mappings with a status in `statuses` (e.g. 'CS')."""
    fold = {}
    for f in data_lines(path):
        if f[1] in statuses:
            mapped = parse_cps(f[2])
            assert len(mapped) == 1, f
            fold[int(f[0], 16)] = mapped[0]
    return fold


def full_case_map(simple, special):
    """Full case mapping: special casing where given, else the simple
    mapping. Returns cp -> tuple, only for code points that change."""
    result = {c: (m,) for c, m in simple.items()}
    for c, m in special.items():
        if m == (c,):
            result.pop(c, None)
        else:
            result[c] = m
    return result


# ---------------------------------------------------------------- helpers


def to_ranges(cps):
    """Sorted inclusive (lo, hi) ranges covering a set of code points."""
    ranges = []
    for c in sorted(cps):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return [tuple(r) for r in ranges]


def c_array(ctype, name, values, per_line, fmt, storage="static const"):
    """A C array definition with a wrapped initializer."""
    lines = [f"{storage} {ctype} {name}[{len(values)}] = {{"]
    for i in range(0, len(values), per_line):
        chunk = ", ".join(fmt(v) for v in values[i : i + per_line])
        sep = "," if i + per_line < len(values) else ""
        lines.append(f"    {chunk}{sep}")
    lines.append("};")
    return "\n".join(lines)


def hex4(v):
    return f"0x{v:04x}"


def hex8(v):
    return f"0x{v:08x}"


# ---------------------------------------------------------------- emitters


class Output:
    """Collects generated C text and the byte size of every table."""

    def __init__(self):
        self.header = []  # declarations for unicode_tables.h
        self.source = []  # definitions for unicode_tables.c
        self.sizes = []  # (table name, bytes of const data)

    def add(self, name, nbytes, source, header=None):
        self.source.append(source)
        if header:
            self.header.append(header)
        self.sizes.append((name, nbytes))


SET_STRUCT_BYTES = 8 + 2 * NPLANES + 6  # pointer, plane_end[17], padding


def emit_sets(out, sets):
    """Code point sets as boundary lists, one per (enum name, set).

    A set is the sorted list of its boundaries: the code points where
    membership flips, so c is in the set iff an odd number of boundaries
    are <= c. Each boundary is stored as its low 16 bits, grouped by plane;
    plane_end[p] is one past the last boundary in plane p, so a lookup is a
    binary search over uint16_t within one plane. A final boundary at
    0x110000 is dropped (an odd count means the last range runs to
    U+10FFFF). Ranges are enumerable in order, which RegExp classes need."""
    enum_names, descriptors, total = [], [], 0
    for enum_name, cps in sets:
        bounds = []
        for lo, hi in to_ranges(cps):
            bounds += [lo, hi + 1]
        bounds = [b for b in bounds if b <= MAX_CP]
        plane_end = [sum(1 for b in bounds if b >> 16 <= p) for p in range(NPLANES)]
        assert plane_end[-1] <= 0xFFFF
        array = "set_" + enum_name.lower()
        nbytes = 2 * len(bounds)
        out.add(array, nbytes, c_array("uint16_t", array, [b & 0xFFFF for b in bounds], 12, hex4))
        ends = ", ".join(str(e) for e in plane_end)
        descriptors.append(f"    [JS_UNICODE_SET_{enum_name}] = {{{array},\n     {{{ends}}}}},")
        enum_names.append(f"    JS_UNICODE_SET_{enum_name},")
        total += 1
    out.add(
        "js_unicode_sets",
        SET_STRUCT_BYTES * total,
        "const JSUnicodeSet js_unicode_sets[JS_UNICODE_SET_COUNT] = {\n"
        + "\n".join(descriptors)
        + "\n};",
        "enum {\n" + "\n".join(enum_names) + "\n    JS_UNICODE_SET_COUNT\n};\n"
        "extern const JSUnicodeSet js_unicode_sets[JS_UNICODE_SET_COUNT];",
    )


def emit_latin1_flags(out, flag_sets):
    """Membership of U+0000..U+00FF in the hot sets, one bit each, so the
    common case skips the binary search. flag_sets: [(flag name, set)]."""
    assert len(flag_sets) <= 8
    flags = [0] * 256
    defines = []
    for bit, (flag_name, cps) in enumerate(flag_sets):
        defines.append(f"#define JS_UNICODE_L1_{flag_name} 0x{1 << bit:02x}")
        for c in range(256):
            if c in cps:
                flags[c] |= 1 << bit
    out.add(
        "js_unicode_latin1_flags",
        256,
        c_array("uint8_t", "js_unicode_latin1_flags", flags, 16, lambda v: f"0x{v:02x}", "const"),
        "\n".join(defines) + "\nextern const uint8_t js_unicode_latin1_flags[256];",
    )


RUN_MAX_LEN = 1024  # 10 bits of the run word


def case_runs(mapping):
    """Cover a single-code-point mapping with runs (start, len, stride,
    delta): start + stride*k maps to itself + delta for k < len. Stride 2
    captures the alternating upper/lower pairs of Latin Extended, Cyrillic,
    Coptic etc. A stride-2 run only skips code points that are unmapped,
    so run spans never overlap and the last run starting <= c is the only
    one that can contain c."""
    runs, done = [], set()
    for c in sorted(mapping):
        if c in done:
            continue
        delta = mapping[c] - c

        def extent(stride):
            n = 1
            while n < RUN_MAX_LEN:
                nxt = c + stride * n
                if mapping.get(nxt) != nxt + delta:
                    break
                if stride == 2 and nxt - 1 in mapping:
                    break
                n += 1
            return n

        n1, n2 = extent(1), extent(2)
        stride, n = (2, n2) if n2 > n1 else (1, n1)
        runs.append((c, n, stride, delta))
        done.update(c + stride * k for k in range(n))
    return runs


def emit_case_maps(out, maps):
    """Single-code-point case mappings as delta runs, one per (name, dict).

    Each run is one uint32_t: start << 11 | (len - 1) << 1 | (stride == 2),
    sorted by start, so a binary search on the word itself finds the run;
    its delta comes from a shared int32_t table through a uint8_t index
    (few distinct deltas exist)."""
    all_runs = [(name, case_runs(mapping)) for name, mapping in maps]
    deltas = sorted({r[3] for _, runs in all_runs for r in runs})
    assert len(deltas) <= 256, "delta index no longer fits uint8_t"
    delta_index = {d: i for i, d in enumerate(deltas)}
    out.add(
        "case_deltas",
        4 * len(deltas),
        c_array("int32_t", "case_deltas", deltas, 8, str),
    )
    for name, runs in all_runs:
        words = [c << 11 | (n - 1) << 1 | (stride == 2) for c, n, stride, _ in runs]
        index = [delta_index[r[3]] for r in runs]
        out.add(
            f"{name}_runs",
            4 * len(words),
            c_array("uint32_t", f"{name}_runs", words, 8, hex8),
        )
        out.add(
            f"{name}_delta",
            len(index),
            c_array("uint8_t", f"{name}_delta", index, 16, str),
        )
        out.add(
            f"js_unicode_{name}",
            32,
            f"const JSUnicodeCaseMap js_unicode_{name} = "
            f"{{{name}_runs, {name}_delta, case_deltas, {len(words)}}};",
            f"extern const JSUnicodeCaseMap js_unicode_{name};",
        )


def emit_special_case(out, name, mapping):
    """Multi-code-point mappings (e.g. U+00DF -> 'SS') as a sorted list of
    {c, out[3]} with zero padding. All of them are in the BMP so far."""
    entries = sorted(mapping.items())
    rows = []
    for c, m in entries:
        assert c <= 0xFFFF and all(x <= 0xFFFF for x in m) and 1 < len(m) <= 3, (c, m)
        padded = list(m) + [0] * (3 - len(m))
        rows.append(f"    {{{hex4(c)}, {{{', '.join(hex4(x) for x in padded)}}}}},")
    rows[-1] = rows[-1].rstrip(",")
    out.add(
        f"{name}_entries",
        8 * len(entries),
        f"static const JSUnicodeSpecialCase {name}_entries[{len(entries)}] = {{\n"
        + "\n".join(rows)
        + "\n};",
    )
    out.add(
        f"js_unicode_{name}",
        16,
        f"const JSUnicodeSpecialCaseList js_unicode_{name} = "
        f"{{{name}_entries, {len(entries)}}};",
        f"extern const JSUnicodeSpecialCaseList js_unicode_{name};",
    )


# ---------------------------------------------------------------- tables

TYPES = """\
/* A code point set as the sorted list of its boundaries, the code points
   where membership flips: c is in the set iff an odd number of boundaries
   are <= c. Boundaries are stored as their low 16 bits, grouped by plane;
   plane p's are bounds[plane_end[p - 1] .. plane_end[p]) (from 0 for p = 0).
   A boundary at 0x110000 is not stored. See emit_sets in the generator. */
typedef struct {
    const uint16_t *bounds;
    uint16_t plane_end[17];
} JSUnicodeSet;

/* A single-code-point mapping as runs sorted by start. A run word is
   start << 11 | (len - 1) << 1 | stride2: code points start + k * stride
   (k < len, stride 1 or 2) map to themselves plus deltas[delta[i]]. Spans
   of runs do not overlap, so only the last run with start <= c can hold
   c. See emit_case_maps in the generator. */
typedef struct {
    const uint32_t *runs;
    const uint8_t *delta;
    const int32_t *deltas;
    uint32_t count;
} JSUnicodeCaseMap;

/* Mapping to 2 or 3 code points, zero-padded; BMP only. */
typedef struct {
    uint16_t c;
    uint16_t out[3];
} JSUnicodeSpecialCase;
typedef struct {
    const JSUnicodeSpecialCase *entries;
    uint32_t count;
} JSUnicodeSpecialCaseList;
"""


def build_tables(ucd, out):
    """Read the UCD (a Ucd) and emit every table into out."""
    path = ucd.path
    udata = UnicodeData(path("UnicodeData.txt"))
    derived = read_binary_properties(path("DerivedCoreProperties.txt"))
    special_lower, special_upper = read_special_casing(path("SpecialCasing.txt"))
    fold = read_case_folding(path("CaseFolding.txt"), "CS")

    space_separator = udata.with_category("Zs")
    sets = [
        ("ID_START", derived["ID_Start"]),
        ("ID_CONTINUE", derived["ID_Continue"]),
        ("SPACE_SEPARATOR", space_separator),
        ("CASED", derived["Cased"]),
        ("CASE_IGNORABLE", derived["Case_Ignorable"]),
    ]
    emit_sets(out, sets)
    emit_latin1_flags(out, sets)

    upper = full_case_map(udata.upper, special_upper)
    lower = full_case_map(udata.lower, special_lower)
    single = lambda m: {c: t[0] for c, t in m.items() if len(t) == 1}
    multi = lambda m: {c: t for c, t in m.items() if len(t) > 1}
    emit_case_maps(out, [("upper", single(upper)), ("lower", single(lower)), ("fold", fold)])
    emit_special_case(out, "upper_special", multi(upper))
    emit_special_case(out, "lower_special", multi(lower))


def render(version, out):
    banner = f"/* generated by tools/gen_unicode.py from Unicode {version}; do not edit */\n"
    header = (
        banner
        + "/* clang-format off */\n"
        + "#ifndef WEFT_UNICODE_TABLES_H\n#define WEFT_UNICODE_TABLES_H\n\n"
        + "#include <stdint.h>\n\n"
        + f'#define JS_UNICODE_VERSION "{version}"\n\n'
        + TYPES
        + "\n"
        + "\n\n".join(out.header)
        + "\n\n#endif /* WEFT_UNICODE_TABLES_H */\n"
    )
    total = sum(n for _, n in out.sizes)
    source = (
        banner
        + f"/* {total} bytes of tables; layouts are described in unicode_tables.h */\n"
        + "/* clang-format off */\n"
        + '#include "unicode_tables.h"\n\n'
        + "\n\n".join(out.source)
        + "\n"
    )
    return header, source


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ucd", default="/usr/share/unicode", help="UCD directory")
    ap.add_argument("--out", default=os.path.join(here, "..", "src", "engine"))
    ap.add_argument("--check", action="store_true", help="fail if the output is stale")
    ap.add_argument("--sizes", action="store_true", help="print the size of every table")
    args = ap.parse_args()

    ucd, out = Ucd(args.ucd), Output()
    build_tables(ucd, out)
    version = ucd.version
    files = dict(zip(("unicode_tables.h", "unicode_tables.c"), render(version, out)))

    if args.sizes:
        for name, n in out.sizes:
            print(f"{n:8d}  {name}")
    print(f"gen_unicode: Unicode {version}, {sum(n for _, n in out.sizes)} bytes of tables")
    stale = []
    for name, text in files.items():
        target = os.path.join(args.out, name)
        try:
            with open(target, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
    if args.check and stale:
        sys.exit(f"gen_unicode: out of date: {', '.join(stale)}")


if __name__ == "__main__":
    main()
