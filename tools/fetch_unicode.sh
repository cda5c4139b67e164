#!/bin/sh
# fetch_unicode.sh [DIR] — writes a Unicode Character Database directory
# (the .txt files tools/gen_unicode.py reads) for the Unicode version that
# test262 expects; Debian's unicode-data package lags behind it. For
# experiments only: the committed tables are generated from Debian's data
# (see gen_unicode.py), and nothing in the build uses this script.
#
#   tools/fetch_unicode.sh build/ucd && python3 tools/gen_unicode.py --ucd build/ucd
#
# The data comes from the npm registry: @unicode/unicode-X (the UCD as
# code point lists, maintained with the ECMAScript property escape tests)
# and unicode-property-value-aliases-ecmascript (the value aliases). The
# files are rewritten in their UCD text format, holding just the fields
# gen_unicode.py reads. Needs npm and node.
set -eu
VERSION=17.0.0
DIR=${1:-build/ucd}
mkdir -p "$DIR/npm" "$DIR/emoji" "$DIR/extracted"
DIR=$(cd "$DIR" && pwd)
cd "$DIR/npm"
npm pack --silent "@unicode/unicode-$VERSION" unicode-property-value-aliases-ecmascript >/dev/null
for f in *.tgz; do
    mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"
done
cat > convert.mjs <<'EOF'
import { writeFileSync } from "node:fs";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
const [dir, version] = process.argv.slice(2);
const uni = `${process.cwd()}/${readdirSync(".").find((d) => d.startsWith("unicode-unicode-") && !d.endsWith(".tgz"))}/package`;
const aliasesDir = readdirSync(".").find((d) => d.startsWith("unicode-property-value-aliases") && !d.endsWith(".tgz"));
const aliases = createRequire(import.meta.url)(`./${aliasesDir}/package/index.js`);
const load = async (path) => (await import(`${uni}/${path}`)).default;
const list = (path) => readdirSync(`${uni}/${path}`).filter((d) => !d.includes("."));
const hex = (c) => c.toString(16).toUpperCase().padStart(4, "0");
const header = (name) => `# ${name}-${version}.txt (written by tools/fetch_unicode.sh)\n`;
function ranges(cps) {
  const out = [];
  for (const c of [...cps].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else out.push([c, c]);
  }
  return out.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}..${hex(hi)}`));
}

// value aliases: canonical name -> [short, long, others...]
function valueAliases(prop) {
  const groups = new Map();
  for (const [alias, canonical] of aliases.get(prop)) {
    if (!groups.has(canonical)) groups.set(canonical, []);
    if (alias !== canonical) groups.get(canonical).push(alias);
  }
  return [...groups].map(([canonical, a]) => [a[0] ?? canonical, canonical, ...a.slice(1)]);
}
const gcAliases = valueAliases("General_Category");
const scAliases = valueAliases("Script");
writeFileSync(`${dir}/PropertyValueAliases.txt`, header("PropertyValueAliases") +
  gcAliases.map((v) => `gc ; ${v.join(" ; ")}\n`).join("") +
  scAliases.map((v) => `sc ; ${v.join(" ; ")}\n`).join(""));

// UnicodeData.txt: general category and simple case mappings
const gcOf = new Map();
for (const [short, long] of gcAliases) {
  if (short.length !== 2 || short === "Cn") continue;
  for (const c of await load(`General_Category/${long}/code-points.mjs`)) gcOf.set(c, short);
}
const upper = await load("Simple_Case_Mapping/Uppercase/code-points.mjs");
const lower = await load("Simple_Case_Mapping/Lowercase/code-points.mjs");
let text = "";
for (const c of [...gcOf.keys()].sort((a, b) => a - b)) {
  const u = upper.get(c), l = lower.get(c);
  text += `${hex(c)};;${gcOf.get(c)};;;;;;;;;;${u === undefined ? "" : hex(u)};${l === undefined ? "" : hex(l)};\n`;
}
writeFileSync(`${dir}/UnicodeData.txt`, text);

// binary properties, in the files the UCD keeps them in
const files = {
  "PropList.txt": ["ASCII_Hex_Digit", "Bidi_Control", "Dash", "Deprecated", "Diacritic",
    "Extender", "Hex_Digit", "IDS_Binary_Operator", "IDS_Trinary_Operator", "Ideographic",
    "Join_Control", "Logical_Order_Exception", "Noncharacter_Code_Point", "Pattern_Syntax",
    "Pattern_White_Space", "Quotation_Mark", "Radical", "Regional_Indicator", "Sentence_Terminal",
    "Soft_Dotted", "Terminal_Punctuation", "Unified_Ideograph", "Variation_Selector", "White_Space"],
  "emoji/emoji-data.txt": ["Emoji", "Emoji_Component", "Emoji_Modifier", "Emoji_Modifier_Base",
    "Emoji_Presentation", "Extended_Pictographic"],
  "DerivedNormalizationProps.txt": ["Changes_When_NFKC_Casefolded"],
  "extracted/DerivedBinaryProperties.txt": ["Bidi_Mirrored"],
  "DerivedCoreProperties.txt": ["Alphabetic", "Case_Ignorable", "Cased", "Changes_When_Casefolded",
    "Changes_When_Casemapped", "Changes_When_Lowercased", "Changes_When_Titlecased",
    "Changes_When_Uppercased", "Default_Ignorable_Code_Point", "Grapheme_Base", "Grapheme_Extend",
    "ID_Continue", "ID_Start", "Lowercase", "Math", "Uppercase", "XID_Continue", "XID_Start"],
};
for (const [file, props] of Object.entries(files)) {
  text = header(file.replace(/.*\//, "").replace(".txt", ""));
  for (const p of props)
    for (const r of ranges(await load(`Binary_Property/${p}/code-points.mjs`))) text += `${r} ; ${p}\n`;
  writeFileSync(`${dir}/${file}`, text);
}

// Scripts.txt and ScriptExtensions.txt (short names, where they differ)
const shortOf = new Map(scAliases.map((v) => [v[1], v[0]]));
const scOf = new Map(), scxOf = new Map();
text = header("Scripts");
for (const s of list("Script")) {
  const cps = await load(`Script/${s}/code-points.mjs`);
  for (const c of cps) scOf.set(c, shortOf.get(s));
  for (const r of ranges(cps)) text += `${r} ; ${s}\n`;
}
writeFileSync(`${dir}/Scripts.txt`, text);
for (const s of list("Script_Extensions"))
  for (const c of await load(`Script_Extensions/${s}/code-points.mjs`)) {
    if (!scxOf.has(c)) scxOf.set(c, []);
    scxOf.get(c).push(shortOf.get(s));
  }
text = header("ScriptExtensions");
for (const c of [...scxOf.keys()].sort((a, b) => a - b)) {
  const exts = scxOf.get(c).sort();
  if (exts.length !== 1 || exts[0] !== scOf.get(c)) text += `${hex(c)} ; ${exts.join(" ")}\n`;
}
writeFileSync(`${dir}/ScriptExtensions.txt`, text);

// case folding (statuses C and S) and unconditional special casing
text = header("CaseFolding");
for (const status of ["C", "S"])
  for (const [c, m] of await load(`Case_Folding/${status}/code-points.mjs`))
    text += `${hex(c)}; ${status}; ${hex(m)};\n`;
writeFileSync(`${dir}/CaseFolding.txt`, text);
const spLower = await load("Special_Casing/Lowercase/code-points.mjs");
const spUpper = await load("Special_Casing/Uppercase/code-points.mjs");
text = header("SpecialCasing");
for (const c of new Set([...spLower.keys(), ...spUpper.keys()])) {
  const seq = (m) => (m.get(c) ?? [c]).map(hex).join(" ");
  text += `${hex(c)}; ${seq(spLower)}; ${seq(spUpper)}; ${seq(spUpper)};\n`;
}
writeFileSync(`${dir}/SpecialCasing.txt`, text);

// emoji sequences
const emoji = {
  "emoji-sequences.txt": ["Basic_Emoji", "Emoji_Keycap_Sequence", "RGI_Emoji_Flag_Sequence",
    "RGI_Emoji_Tag_Sequence", "RGI_Emoji_Modifier_Sequence"],
  "emoji-zwj-sequences.txt": ["RGI_Emoji_ZWJ_Sequence"],
};
for (const [file, props] of Object.entries(emoji)) {
  text = `# ${file} (written by tools/fetch_unicode.sh)\n`;
  for (const p of props)
    for (const s of await load(`Sequence_Property/${p}/index.mjs`))
      text += `${[...s].map((c) => hex(c.codePointAt(0))).join(" ")} ; ${p}\n`;
  writeFileSync(`${dir}/emoji/${file}`, text);
}
EOF
node convert.mjs "$DIR" "$VERSION"
cd "$DIR" && rm -rf npm
echo "fetch_unicode: Unicode $VERSION in $DIR"
