#!/usr/bin/env python3
"""Generate src/engine/unicode_tables.{c,h} from the Unicode Character Database.

    python3 tools/gen_unicode.py [--ucd DIR] [--emoji DIR] [--out DIR] [--check]

--ucd DIR is a Unicode Character Database directory. The committed tables
come from Debian's unicode-data package, which installs one in
/usr/share/unicode (the default; Unicode 15.0 on Debian 12).
tools/fetch_unicode.sh writes one for the newer Unicode version test262
expects, for experiments only: the project's rule is that the committed
tables come from Debian's data. --emoji DIR holds
emoji-sequences.txt and emoji-zwj-sequences.txt (default: DIR/emoji). The
output goes to src/engine next to this script. --check regenerates in
memory and exits 1 if the committed files differ, without writing
anything.

The script is three layers:
  - readers turn UCD files into plain Python data (sets of code points,
    dicts of mappings); they know the file formats and nothing else;
  - emitters turn one such value into one C table in a fixed encoding
    (boundary-list sets, delta-run case maps, special-casing lists) and
    record its size;
  - build_tables() says which tables exist; adding a property is one line
    there, plus, for a new encoding, one emitter and its C lookup.

Besides properties and case mappings, the generator writes the
normalization data of UAX #15 (combining classes, full canonical and
compatibility decompositions, primary composites without the
Full_Composition_Exclusion ones, NFx_QC quick-check sets; Hangul is left
to arithmetic) and a reduced DUCET for localeCompare from allkeys.txt
(collation elements of code points without a canonical decomposition, as
runs; expansions; contractions; the ranges of UTS #10's implicit weights,
which are computed at run time rather than stored). --sizes prints every
table's size.

Tables hold Unicode properties only; ECMAScript-specific definitions
(WhiteSpace, ZWNJ/ZWJ in identifiers) are applied by unicode.c, so the same
sets can serve RegExp property escapes. The RegExp tables (property sets,
their names and aliases, the emoji string properties of v-mode) are built
by build_regexp_tables().
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
    half-upgraded directory cannot produce mixed tables (emoji files carry
    no such line); records(name) yields the fields of each data line."""

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
        if name != "UnicodeData.txt" and not name.startswith("emoji/") and \
                version != self.version:
            sys.exit(f"gen_unicode: {name} is Unicode {version}, expected {self.version}")
        return os.path.join(self.directory, name)

    def records(self, name):
        return data_lines(self.path(name))


class UnicodeData:
    """UnicodeData.txt: general category, simple case mappings, canonical
    combining class and decomposition mappings."""

    def __init__(self, records):
        self.category = {}  # cp -> 'Lu', ...; unlisted code points are Cn
        self.upper = {}  # cp -> simple uppercase, only where it differs
        self.lower = {}
        self.ccc = {}  # cp -> nonzero Canonical_Combining_Class
        self.decomp = {}  # cp -> (is_compat, tuple of code points), one level
        range_start = None
        for f in records:
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
            if int(f[3]):
                self.ccc[cp] = int(f[3])
            if f[5]:
                compat = f[5].startswith("<")
                self.decomp[cp] = (compat, parse_cps(f[5].split(">")[-1]))
            if f[12]:
                self.upper[cp] = int(f[12], 16)
            if f[13]:
                self.lower[cp] = int(f[13], 16)

    def with_category(self, *cats):
        return {c for c, gc in self.category.items() if gc in cats}


def read_binary_properties(records):
    """PropList.txt / DerivedCoreProperties.txt style: 'range ; Name'.
    Returns {name: set of code points}. Lines with a third field (the
    enumerated InCB property in later versions, normalization mappings)
    are skipped."""
    props = {}
    for f in records:
        if len(f) != 2:
            continue
        lo, hi = parse_range(f[0])
        props.setdefault(f[1], set()).update(range(lo, hi + 1))
    return props


def read_quick_check(records):
    """DerivedNormalizationProps.txt: {'NFC_QC': set of code points whose
    value is N or M, ...}; unlisted code points are Y."""
    qc = {}
    for f in records:
        if len(f) == 3 and f[1].endswith("_QC"):
            lo, hi = parse_range(f[0])
            qc.setdefault(f[1], set()).update(range(lo, hi + 1))
    return qc


def read_special_casing(records):
    """Unconditional SpecialCasing.txt entries: (lower, upper) dicts of
    cp -> tuple of code points. Entries with a condition list (language
    or context sensitive) are left out."""
    lower, upper = {}, {}
    for f in records:
        if len(f) > 4 and f[4]:
            continue
        cp = int(f[0], 16)
        lower[cp] = parse_cps(f[1])
        upper[cp] = parse_cps(f[3])
    return lower, upper


def read_case_folding(records, statuses):
    """CaseFolding.txt mappings with a status in `statuses` (e.g. 'CS')."""
    fold = {}
    for f in records:
        if f[1] in statuses:
            mapped = parse_cps(f[2])
            assert len(mapped) == 1, f
            fold[int(f[0], 16)] = mapped[0]
    return fold


def read_property_value_aliases(records):
    """PropertyValueAliases.txt: {property short name: [[short, long,
    aliases...]]}."""
    values = {}
    for f in records:
        values.setdefault(f[0], []).append([x for x in f[1:] if x])
    return values


def read_scripts(records):
    """Scripts.txt: {long script name: set of code points}."""
    scripts = {}
    for f in records:
        lo, hi = parse_range(f[0])
        scripts.setdefault(f[1], set()).update(range(lo, hi + 1))
    return scripts


def read_script_extensions(records):
    """ScriptExtensions.txt: {code point: list of short script names}."""
    ext = {}
    for f in records:
        lo, hi = parse_range(f[0])
        for c in range(lo, hi + 1):
            ext[c] = f[1].split()
    return ext


def read_emoji_sequences(paths):
    """emoji-sequences.txt / emoji-zwj-sequences.txt: {property: set of
    tuples of code points}; a range line stands for each of its code
    points."""
    props = {}
    for path in paths:
        for f in data_lines(path):
            seqs = props.setdefault(f[1], set())
            if ".." in f[0]:
                lo, hi = parse_range(f[0])
                seqs.update((c,) for c in range(lo, hi + 1))
            else:
                seqs.add(parse_cps(f[0]))
    return props


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


def set_boundaries(cps):
    """The boundary list of a set: (low 16 bits of each boundary, plane_end)
    as described in emit_sets."""
    bounds = []
    for lo, hi in to_ranges(cps):
        bounds += [lo, hi + 1]
    bounds = [b for b in bounds if b <= MAX_CP]
    plane_end = [sum(1 for b in bounds if b >> 16 <= p) for p in range(NPLANES)]
    assert plane_end[-1] <= 0xFFFF
    return [b & 0xFFFF for b in bounds], plane_end


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
        bounds, plane_end = set_boundaries(cps)
        array = "set_" + enum_name.lower()
        nbytes = 2 * len(bounds)
        out.add(array, nbytes, c_array("uint16_t", array, bounds, 12, hex4))
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


def emit_set_pool(out, sets):
    """The RegExp property sets: JSUnicodeSets like emit_sets', numbered
    0.. in list order, whose boundaries share one pool (identical sets
    share storage too)."""
    pool, descriptors, offsets = [], [], {}
    for cps in sets:
        bounds, plane_end = set_boundaries(cps)
        key = (tuple(bounds), tuple(plane_end))
        if key not in offsets:
            offsets[key] = len(pool)
            pool += bounds
        ends = ", ".join(str(e) for e in plane_end)
        descriptors.append(f"    {{prop_bounds + {offsets[key]}, {{{ends}}}}},")
    out.add("prop_bounds", 2 * len(pool), c_array("uint16_t", "prop_bounds", pool, 12, hex4))
    out.add(
        "js_unicode_prop_sets",
        SET_STRUCT_BYTES * len(sets),
        "const JSUnicodeSet js_unicode_prop_sets[JS_UNICODE_PROP_SET_COUNT] = {\n"
        + "\n".join(descriptors)
        + "\n};",
        f"#define JS_UNICODE_PROP_SET_COUNT {len(sets)}\n"
        "extern const JSUnicodeSet js_unicode_prop_sets[JS_UNICODE_PROP_SET_COUNT];",
    )


PROP_KINDS = ["BINARY", "GC", "SCRIPT", "STRING", "NAME_GC", "NAME_SC", "NAME_SCX"]


def emit_prop_names(out, names):
    """The names \\p{...} accepts: (name, kind, id, id2) sorted by name then
    kind, for a binary search with strcmp. id is a set of
    js_unicode_prop_sets (for a script: Script, and id2 Script_Extensions)
    or, for STRING, an index into js_unicode_string_props."""
    names = sorted(set(names), key=lambda n: (n[0].encode(), PROP_KINDS.index(n[1])))
    rows = [f'    {{"{n}", JS_UNICODE_PROP_{k}, {i}, {j}}},' for n, k, i, j in names]
    rows[-1] = rows[-1].rstrip(",")
    out.add(
        "js_unicode_prop_names",
        16 * len(names) + sum(len(n[0]) + 1 for n in names),
        f"const JSUnicodePropName js_unicode_prop_names[JS_UNICODE_PROP_NAME_COUNT] = {{\n"
        + "\n".join(rows)
        + "\n};",
        "enum {\n" + "\n".join(f"    JS_UNICODE_PROP_{k}," for k in PROP_KINDS) + "\n};\n"
        f"#define JS_UNICODE_PROP_NAME_COUNT {len(names)}\n"
        "extern const JSUnicodePropName js_unicode_prop_names[JS_UNICODE_PROP_NAME_COUNT];",
    )


def emit_string_props(out, props):
    """Properties of strings: (cp_set, strings) per property, in list
    order. The strings (length != 1) are packed into one uint32_t pool as
    length, code points...; a property's strings are the pool slice
    [start, start + size). A property whose strings are those of the
    properties before it (RGI_Emoji) gets start None and covers them
    all."""
    pool, rows = [], []
    for cp_set, strings in props:
        if strings is None:
            start, size = 0, len(pool)
        else:
            start = len(pool)
            for seq in sorted(strings):
                pool += [len(seq)] + list(seq)
            size = len(pool) - start
        rows.append(f"    {{{cp_set}, {start}, {size}}},")
    out.add("emoji_strings", 4 * len(pool),
            c_array("uint32_t", "emoji_strings", pool, 8, lambda v: f"0x{v:x}"))
    out.add(
        "js_unicode_string_props",
        12 * len(props),
        "const JSUnicodeStringProp js_unicode_string_props[JS_UNICODE_STRING_PROP_COUNT] = {\n"
        + "\n".join(rows)
        + "\n};\nconst uint32_t *const js_unicode_emoji_strings = emoji_strings;",
        f"#define JS_UNICODE_STRING_PROP_COUNT {len(props)}\n"
        "extern const JSUnicodeStringProp js_unicode_string_props[JS_UNICODE_STRING_PROP_COUNT];\n"
        "extern const uint32_t *const js_unicode_emoji_strings;",
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


def emit_canon_pairs(out, name, mapping):
    """A canonicalization of case-insensitive RegExp matching as the pairs
    (c, canon(c)) where they differ, sorted by c, plus the pair indices
    sorted by canon(c): the case closure of a class is then two binary
    searches per range instead of a walk over every mapping."""
    pairs = sorted((c, t) for c, t in mapping.items() if c != t)
    assert len(pairs) < 0x10000
    by_target = sorted(range(len(pairs)), key=lambda i: (pairs[i][1], pairs[i][0]))
    rows = [f"{{0x{c:05x}, 0x{t:05x}}}" for c, t in pairs]
    out.add(f"{name}_pairs", 8 * len(pairs),
            f"static const uint32_t {name}_pairs[{len(pairs)}][2] = {{\n"
            + ",\n".join("    " + ", ".join(rows[i:i + 4]) for i in range(0, len(rows), 4))
            + "\n};")
    out.add(f"{name}_by_target", 2 * len(pairs),
            c_array("uint16_t", f"{name}_by_target", by_target, 12, str))
    out.add(
        f"js_unicode_{name}",
        24,
        f"const JSUnicodeCanonTable js_unicode_{name} = "
        f"{{{name}_pairs, {name}_by_target, {len(pairs)}}};",
        f"extern const JSUnicodeCanonTable js_unicode_{name};",
    )


def legacy_canonicalize(upper):
    """ECMA-262's Canonicalize without u/v: the full uppercase mapping when
    it is a single code unit that does not take a non-ASCII character into
    ASCII; only code units are canonicalized."""
    canon = {}
    for c, t in upper.items():
        if c > 0xFFFF or len(t) != 1 or t[0] > 0xFFFF or (c >= 128 and t[0] < 128):
            continue
        canon[c] = t[0]
    return canon


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


def utf16(cps):
    """Code points -> UTF-16 code units."""
    units = []
    for c in cps:
        if c > 0xFFFF:
            units += [0xD800 + ((c - 0x10000) >> 10), 0xDC00 + ((c - 0x10000) & 0x3FF)]
        else:
            units.append(c)
    return units


def emit_ccc(out, ccc):
    """Canonical_Combining_Class as runs of equal nonzero values: a uint32_t
    start << 11 | (len - 1) per run, sorted, and the class of each run in a
    parallel uint8_t array. Unlisted code points have class 0."""
    runs = []
    for c in sorted(ccc):
        if runs and runs[-1][0] + runs[-1][1] == c and runs[-1][2] == ccc[c] and runs[-1][1] < 2048:
            runs[-1][1] += 1
        else:
            runs.append([c, 1, ccc[c]])
    out.add("ccc_runs", 4 * len(runs),
            c_array("uint32_t", "ccc_runs", [c << 11 | (n - 1) for c, n, _ in runs], 8, hex8))
    out.add("ccc_class", len(runs), c_array("uint8_t", "ccc_class", [v for _, _, v in runs], 16, str))
    out.add("js_unicode_combining_class", 24,
            f"const JSUnicodeCccTable js_unicode_combining_class = {{ccc_runs, ccc_class, {len(runs)}}};",
            "extern const JSUnicodeCccTable js_unicode_combining_class;")


def full_decomposition(decomp, c, compat):
    """The recursive decomposition of c: canonical mappings only, or
    compatibility ones too. Hangul syllables are algorithmic and not in
    decomp."""
    entry = decomp.get(c)
    if not entry or (entry[0] and not compat):
        return (c,)
    return tuple(x for d in entry[1] for x in full_decomposition(decomp, d, compat))


def emit_decompositions(out, decomp):
    """Full (recursive) decompositions, UTF-16 encoded in one uint16_t pool.
    Per code point with a mapping, sorted: a uint32_t word
    c << 11 | canon_len << 6 | compat_len and a uint16_t pool offset. The
    pool holds the canonical decomposition (canon_len units, 0 when c has
    only a compatibility mapping) followed by the compatibility one
    (compat_len units, 0 when it equals the canonical one)."""
    words, offsets, pool = [], [], []
    for c in sorted(decomp):
        canon = () if decomp[c][0] else full_decomposition(decomp, c, False)
        compat = full_decomposition(decomp, c, True)
        canon_units = utf16(canon)
        assert len(canon) <= 4 * len(utf16([c])), "JS_UNICODE_NFD_MAX_GROWTH in unicode.h"
        compat_units = [] if compat == canon else utf16(compat)
        assert len(canon_units) < 32 and len(compat_units) < 64, c
        words.append(c << 11 | len(canon_units) << 6 | len(compat_units))
        offsets.append(len(pool))
        pool += canon_units + compat_units
    assert len(pool) <= 0xFFFF
    out.add("decomp_words", 4 * len(words), c_array("uint32_t", "decomp_words", words, 8, hex8))
    out.add("decomp_offsets", 2 * len(offsets),
            c_array("uint16_t", "decomp_offsets", offsets, 12, str))
    out.add("decomp_pool", 2 * len(pool), c_array("uint16_t", "decomp_pool", pool, 12, hex4))
    out.add("js_unicode_decomp", 32,
            "const JSUnicodeDecompTable js_unicode_decomp = "
            f"{{decomp_words, decomp_offsets, decomp_pool, {len(words)}}};",
            "extern const JSUnicodeDecompTable js_unicode_decomp;")


def emit_compositions(out, decomp, exclusions):
    """The primary composites: {first, second, composite} for every
    canonical two-code-point mapping not in Full_Composition_Exclusion,
    sorted by (first, second) for a binary search. Hangul is algorithmic."""
    rows = sorted((m[0], m[1], c) for c, (compat, m) in decomp.items()
                  if not compat and len(m) == 2 and c not in exclusions)
    assert min(r[1] for r in rows) >= 0x300, "unicode_normalize.c's compose_pair assumes this"
    text = ",\n".join("    " + ", ".join(f"{{0x{a:05x}, 0x{b:05x}, 0x{c:05x}}}"
                                           for a, b, c in rows[i:i + 3])
                      for i in range(0, len(rows), 3))
    out.add("comp_triples", 12 * len(rows),
            f"static const uint32_t comp_triples[{len(rows)}][3] = {{\n{text}\n}};")
    out.add("js_unicode_comp", 16,
            f"const JSUnicodeCompTable js_unicode_comp = {{comp_triples, {len(rows)}}};",
            "extern const JSUnicodeCompTable js_unicode_comp;")


def read_allkeys(path):
    """allkeys.txt (the DUCET of UTS #10): ({tuple of code points: list of
    (primary, secondary, tertiary)}, [(lo, hi, base) @implicitweights])."""
    table, implicit = {}, []
    element = re.compile(r"\[[.*]([0-9A-F]+)\.([0-9A-F]+)\.([0-9A-F]+)\]")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line.startswith("@implicitweights"):
                cps, base = line.split(None, 1)[1].split(";")
                implicit.append(parse_range(cps.strip()) + (int(base, 16),))
            elif line and not line.startswith("@"):
                key, ces = line.split(";")
                table[parse_cps(key)] = [tuple(int(x, 16) for x in m)
                                         for m in element.findall(ces)]
    return table, implicit


def pack_ce(p, s, t):
    """A collation element as primary << 16 | secondary << 5 | tertiary."""
    assert p <= 0xFFFF and s < 0x200 and t < 0x20
    return p << 16 | s << 5 | t


COLL_CONST, COLL_INC, COLL_EXPANSION = 0, 1, 2
COLL_RUN_MAX = 512  # 9 bits of the run word
COLL_LATIN = 0x250  # code points below have their CE in a direct table


def collation_runs(singles):
    """Cover {cp: [packed CE, ...]} with runs (start, len, kind, value): a
    one-element mapping extends the previous run when its code point and
    its CE follow on (kind CONST: the same CE, INC: primary + 1); a longer
    one is a run of kind EXPANSION whose value is its expansion."""
    runs = []
    for c in sorted(singles):
        ces = singles[c]
        if len(ces) == 1 and runs and runs[-1][2] != COLL_EXPANSION:
            start, n, kind, first = runs[-1]
            if start + n == c and n < COLL_RUN_MAX:
                step = ces[0] - first
                if n == 1 and step in (0, 1 << 16):
                    runs[-1] = [start, 2, COLL_CONST if step == 0 else COLL_INC, first]
                    continue
                if step == (n << 16 if kind == COLL_INC else 0):
                    runs[-1][1] += 1
                    continue
        if len(ces) == 1:
            runs.append([c, 1, COLL_CONST, ces[0]])
        else:
            runs.append([c, 1, COLL_EXPANSION, tuple(ces)])
    return runs


def implicit_ranges(unified, implicit):
    """The ranges of UTS #10's implicit weights other than the default
    (base FBC0): (lo, hi, base, origin). Han (Unified_Ideograph) has origin
    0: primary base + (c >> 15), second primary (c & 0x7FFF) | 0x8000;
    base FB40 for the CJK Unified / Compatibility Ideographs blocks, FB80
    for the others. The @implicitweights scripts of allkeys (Tangut,
    Nushu, Khitan) have their block's first code point as origin: primary
    base, then (c - origin) | 0x8000."""
    origins = {0xFB00: 0x17000, 0xFB01: 0x1B170, 0xFB02: 0x18B00}
    rows = [(lo, hi, base, origins[base]) for lo, hi, base in implicit]
    for lo, hi in to_ranges(unified):
        core = 0x4E00 <= lo <= 0x9FFF or 0xF900 <= lo <= 0xFAFF
        rows.append((lo, hi, 0xFB40 if core else 0xFB80, 0))
    return sorted(rows)


def emit_collation(out, ducet, implicit, decomp, unified):
    """The DUCET for localeCompare, reduced to what a comparison of NFD
    strings needs: code points with a canonical decomposition are left
    out (the text is decomposed first and the DUCET is canonically
    closed), and so are the variable flags (the order is non-ignorable).

    coll_runs: sorted words start << 11 | (len - 1) << 2 | kind, with
    coll_values[i] the run's first CE (CONST, INC) or, for EXPANSION,
    offset << 5 | count into coll_expansions. Contractions (keys of more
    than one code point) are records ncps << 8 | nces, the code points
    after the first, the CEs, in coll_contractions; coll_contraction_index
    holds {first code point, record offset} sorted by code point, longer
    contractions first. coll_latin is the CE of each code point below
    COLL_LATIN, or 0xFFFFFFFF when it expands or starts a contraction, so
    most Latin text needs no search."""
    canonical = {c for c, (compat, _) in decomp.items() if not compat}
    singles = {k[0]: [pack_ce(*e) for e in v] for k, v in ducet.items()
               if len(k) == 1 and k[0] not in canonical}
    runs = collation_runs(singles)
    words, values, expansions = [], [], []
    for start, n, kind, value in runs:
        words.append(start << 11 | (n - 1) << 2 | kind)
        if kind == COLL_EXPANSION:
            assert len(value) < 32
            values.append(len(expansions) << 5 | len(value))
            expansions += value
        else:
            values.append(value)
    pool, index = [], []
    for key in sorted((k for k in ducet if len(k) > 1), key=lambda k: (k[0], -len(k), k)):
        ces = [pack_ce(*e) for e in ducet[key]]
        index.append((key[0], len(pool)))
        pool += [len(key) << 8 | len(ces)] + list(key[1:]) + ces
    flat_index = [x for pair in index for x in pair]
    starters = {k[0] for k in ducet if len(k) > 1}
    latin = [singles[c][0] if c in singles and len(singles[c]) == 1 and c not in starters
             else 0xFFFFFFFF for c in range(COLL_LATIN)]
    rows = implicit_ranges(unified, implicit)
    flat_rows = [x for row in rows for x in row]
    for name, values_, per, fmt in (("coll_runs", words, 8, hex8), ("coll_values", values, 8, hex8),
                                    ("coll_expansions", expansions, 8, hex8),
                                    ("coll_contractions", pool, 8, hex8),
                                    ("coll_contraction_index", flat_index, 8, hex8),
                                    ("coll_implicit", flat_rows, 8, hex8),
                                    ("coll_latin", latin, 8, hex8)):
        out.add(name, 4 * len(values_), c_array("uint32_t", name, values_, per, fmt))
    out.add("js_unicode_collation", 64,
            "const JSUnicodeCollation js_unicode_collation = {coll_runs, coll_values, "
            f"coll_expansions, {len(words)}, coll_contractions, coll_contraction_index, "
            f"{len(index)}, coll_implicit, {len(rows)}, coll_latin}};",
            f"#define JS_UNICODE_COLL_LATIN {COLL_LATIN}\n"
            "extern const JSUnicodeCollation js_unicode_collation;")


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

/* A \\p{...} name: kind is JS_UNICODE_PROP_*; see emit_prop_names. */
typedef struct {
    const char *name;
    uint8_t kind;
    uint16_t id, id2;
} JSUnicodePropName;

/* A property of strings: its single code points (a js_unicode_prop_sets
   id) and its longer strings, packed as length, code points... in
   js_unicode_emoji_strings[start .. start + size). */
typedef struct {
    uint16_t cp_set;
    uint32_t start, size;
} JSUnicodeStringProp;

/* RegExp case canonicalization: pairs[i] = {c, canon(c)} sorted by c;
   pairs[by_target[i]] sorted by canon(c). See emit_canon_pairs. */
typedef struct {
    const uint32_t (*pairs)[2];
    const uint16_t *by_target;
    uint32_t count;
} JSUnicodeCanonTable;

/* Mapping to 2 or 3 code points, zero-padded; BMP only. */
typedef struct {
    uint16_t c;
    uint16_t out[3];
} JSUnicodeSpecialCase;
typedef struct {
    const JSUnicodeSpecialCase *entries;
    uint32_t count;
} JSUnicodeSpecialCaseList;

/* Canonical_Combining_Class: runs start << 11 | (len - 1), sorted, with
   their class in cls[]. See emit_ccc. */
typedef struct {
    const uint32_t *runs;
    const uint8_t *cls;
    uint32_t count;
} JSUnicodeCccTable;

/* Full decompositions: words[i] = c << 11 | canon_len << 6 | compat_len,
   sorted; the UTF-16 units are at pool + offsets[i], canonical first.
   See emit_decompositions. */
typedef struct {
    const uint32_t *words;
    const uint16_t *offsets;
    const uint16_t *pool;
    uint32_t count;
} JSUnicodeDecompTable;

/* The DUCET for localeCompare: CEs are primary << 16 | secondary << 5 |
   tertiary. runs[i] = start << 11 | (len - 1) << 2 | kind (0: every code
   point has the CE values[i]; 1: the primary grows by one per code point;
   2: one code point with expansions[values[i] >> 5 ..] of values[i] & 31
   CEs). Contractions: index[2k] = first code point, index[2k + 1] = offset
   of a record ncps << 8 | nces, code points 2.., CEs in contractions.
   implicit: rows lo, hi, base, origin. latin[c] for c < JS_UNICODE_COLL_LATIN:
   the CE of c, or 0xFFFFFFFF to take the general path. See emit_collation. */
typedef struct {
    const uint32_t *runs;
    const uint32_t *values;
    const uint32_t *expansions;
    uint32_t run_count;
    const uint32_t *contractions;
    const uint32_t *contraction_index;
    uint32_t contraction_count;
    const uint32_t *implicit;
    uint32_t implicit_count;
    const uint32_t *latin;
} JSUnicodeCollation;

/* Primary composites {first, second, composite} sorted by (first, second). */
typedef struct {
    const uint32_t (*triples)[3];
    uint32_t count;
} JSUnicodeCompTable;
"""


# ECMA-262's table of binary Unicode properties: name and alias
ES_BINARY_PROPERTIES = [
    ("ASCII", None), ("ASCII_Hex_Digit", "AHex"), ("Alphabetic", "Alpha"), ("Any", None),
    ("Assigned", None), ("Bidi_Control", "Bidi_C"), ("Bidi_Mirrored", "Bidi_M"),
    ("Case_Ignorable", "CI"), ("Cased", None), ("Changes_When_Casefolded", "CWCF"),
    ("Changes_When_Casemapped", "CWCM"), ("Changes_When_Lowercased", "CWL"),
    ("Changes_When_NFKC_Casefolded", "CWKCF"), ("Changes_When_Titlecased", "CWT"),
    ("Changes_When_Uppercased", "CWU"), ("Dash", None), ("Default_Ignorable_Code_Point", "DI"),
    ("Deprecated", "Dep"), ("Diacritic", "Dia"), ("Emoji", None), ("Emoji_Component", "EComp"),
    ("Emoji_Modifier", "EMod"), ("Emoji_Modifier_Base", "EBase"),
    ("Emoji_Presentation", "EPres"), ("Extended_Pictographic", "ExtPict"), ("Extender", "Ext"),
    ("Grapheme_Base", "Gr_Base"), ("Grapheme_Extend", "Gr_Ext"), ("Hex_Digit", "Hex"),
    ("IDS_Binary_Operator", "IDSB"), ("IDS_Trinary_Operator", "IDST"), ("ID_Continue", "IDC"),
    ("ID_Start", "IDS"), ("Ideographic", "Ideo"), ("Join_Control", "Join_C"),
    ("Logical_Order_Exception", "LOE"), ("Lowercase", "Lower"), ("Math", None),
    ("Noncharacter_Code_Point", "NChar"), ("Pattern_Syntax", "Pat_Syn"),
    ("Pattern_White_Space", "Pat_WS"), ("Quotation_Mark", "QMark"), ("Radical", None),
    ("Regional_Indicator", "RI"), ("Sentence_Terminal", "STerm"), ("Soft_Dotted", "SD"),
    ("Terminal_Punctuation", "Term"), ("Unified_Ideograph", "UIdeo"), ("Uppercase", "Upper"),
    ("Variation_Selector", "VS"), ("White_Space", "space"), ("XID_Continue", "XIDC"),
    ("XID_Start", "XIDS"),
]

GC_GROUPS = {
    "L": ["Lu", "Ll", "Lt", "Lm", "Lo"], "LC": ["Lu", "Ll", "Lt"], "M": ["Mn", "Mc", "Me"],
    "N": ["Nd", "Nl", "No"], "P": ["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"],
    "S": ["Sm", "Sc", "Sk", "So"], "Z": ["Zs", "Zl", "Zp"], "C": ["Cc", "Cf", "Cs", "Co", "Cn"],
}

# the properties of strings of ECMA-262 (v flag), RGI_Emoji last: it is
# the union of the others
STRING_PROPERTIES = ["Basic_Emoji", "Emoji_Keycap_Sequence", "RGI_Emoji_Modifier_Sequence",
                     "RGI_Emoji_Flag_Sequence", "RGI_Emoji_Tag_Sequence",
                     "RGI_Emoji_ZWJ_Sequence", "RGI_Emoji"]


def build_regexp_tables(ucd, udata, emoji_dir, out):
    """The sets, names and strings behind RegExp property escapes."""
    records = ucd.records
    sets, names = [], []

    def add_set(cps):
        sets.append(cps)
        return len(sets) - 1

    binary = {}
    for name in ("PropList.txt", "DerivedCoreProperties.txt", "DerivedNormalizationProps.txt",
                 "extracted/DerivedBinaryProperties.txt", "emoji/emoji-data.txt"):
        binary.update(read_binary_properties(records(name)))
    assigned = set(udata.category)
    binary["Any"] = set(range(MAX_CP + 1))
    binary["ASCII"] = set(range(128))
    binary["Assigned"] = assigned
    for name, alias in ES_BINARY_PROPERTIES:
        i = add_set(binary[name])
        names += [(n, "BINARY", i, 0) for n in (name, alias) if n]

    aliases = read_property_value_aliases(records("PropertyValueAliases.txt"))
    gc_sets = {gc: udata.with_category(gc) for gc in {v[0] for v in aliases["gc"]} if len(gc) == 2}
    gc_sets["Cn"] = set(range(MAX_CP + 1)) - assigned
    for group, members in GC_GROUPS.items():
        gc_sets[group] = set().union(*(gc_sets[m] for m in members))
    for value in aliases["gc"]:
        i = add_set(gc_sets[value[0]])
        names += [(n, "GC", i, 0) for n in value]

    scripts = read_scripts(records("Scripts.txt"))
    extensions = read_script_extensions(records("ScriptExtensions.txt"))
    by_short = {v[0]: v[1] for v in aliases["sc"]}
    if "Unknown" not in scripts:  # the UCD leaves Zzzz implicit
        scripts["Unknown"] = set(range(MAX_CP + 1)) - set().union(*scripts.values())
    short_of = {long: short for short, long in by_short.items()}
    for value in aliases["sc"]:
        short, long = value[0], value[1]
        sc = scripts.get(long, set())
        scx = {c for c in sc if c not in extensions}
        scx |= {c for c, exts in extensions.items() if short in exts}
        i, j = add_set(sc), add_set(scx)
        names += [(n, "SCRIPT", i, j) for n in value]
    assert all(s in short_of for s in scripts), "a script without aliases"
    for name, kind in (("General_Category", "NAME_GC"), ("gc", "NAME_GC"), ("Script", "NAME_SC"),
                       ("sc", "NAME_SC"), ("Script_Extensions", "NAME_SCX"),
                       ("scx", "NAME_SCX")):
        names.append((name, kind, 0, 0))

    emoji = read_emoji_sequences([os.path.join(emoji_dir, "emoji-sequences.txt"),
                                  os.path.join(emoji_dir, "emoji-zwj-sequences.txt")])
    union = set().union(*(emoji.get(p, set()) for p in STRING_PROPERTIES[:-1]))
    string_props = []
    for k, prop in enumerate(STRING_PROPERTIES):
        seqs = union if prop == "RGI_Emoji" else emoji.get(prop, set())
        cps = {seq[0] for seq in seqs if len(seq) == 1}
        strings = {seq for seq in seqs if len(seq) != 1}
        string_props.append((add_set(cps), None if prop == "RGI_Emoji" else strings))
        names.append((prop, "STRING", k, 0))

    emit_set_pool(out, sets)
    emit_prop_names(out, names)
    emit_string_props(out, string_props)


def build_tables(ucd, emoji_dir, out):
    """Read the UCD (a Ucd) and emit every table into out."""
    records = ucd.records
    udata = UnicodeData(records("UnicodeData.txt"))
    derived = read_binary_properties(records("DerivedCoreProperties.txt"))
    special_lower, special_upper = read_special_casing(records("SpecialCasing.txt"))
    fold = read_case_folding(records("CaseFolding.txt"), "CS")

    space_separator = udata.with_category("Zs")
    sets = [
        ("ID_START", derived["ID_Start"]),
        ("ID_CONTINUE", derived["ID_Continue"]),
        ("SPACE_SEPARATOR", space_separator),
        ("CASED", derived["Cased"]),
        ("CASE_IGNORABLE", derived["Case_Ignorable"]),
    ]
    latin1_sets = list(sets)
    quick_check = read_quick_check(records("DerivedNormalizationProps.txt"))
    sets += [(f"{form}_QC_NO_MAYBE", quick_check[f"{form}_QC"])
             for form in ("NFC", "NFD", "NFKC", "NFKD")]
    emit_sets(out, sets)
    emit_latin1_flags(out, latin1_sets)

    exclusions = read_binary_properties(
        records("DerivedNormalizationProps.txt"))["Full_Composition_Exclusion"]
    emit_ccc(out, udata.ccc)
    emit_decompositions(out, udata.decomp)
    emit_compositions(out, udata.decomp, exclusions)
    ducet, implicit = read_allkeys(ucd.path("allkeys.txt"))
    unified = read_binary_properties(records("PropList.txt"))["Unified_Ideograph"]
    emit_collation(out, ducet, implicit, udata.decomp, unified)

    upper = full_case_map(udata.upper, special_upper)
    lower = full_case_map(udata.lower, special_lower)
    single = lambda m: {c: t[0] for c, t in m.items() if len(t) == 1}
    multi = lambda m: {c: t for c, t in m.items() if len(t) > 1}
    emit_case_maps(out, [("upper", single(upper)), ("lower", single(lower)), ("fold", fold)])
    emit_special_case(out, "upper_special", multi(upper))
    emit_special_case(out, "lower_special", multi(lower))
    emit_canon_pairs(out, "canon_fold", fold)
    emit_canon_pairs(out, "canon_legacy", legacy_canonicalize(upper))
    build_regexp_tables(ucd, udata, emoji_dir, out)


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
    ap.add_argument("--emoji", help="emoji sequence files (default: UCD/emoji)")
    ap.add_argument("--out", default=os.path.join(here, "..", "src", "engine"))
    ap.add_argument("--check", action="store_true", help="fail if the output is stale")
    ap.add_argument("--sizes", action="store_true", help="print the size of every table")
    args = ap.parse_args()

    ucd, out = Ucd(args.ucd), Output()
    build_tables(ucd, args.emoji or os.path.join(args.ucd, "emoji"), out)
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
