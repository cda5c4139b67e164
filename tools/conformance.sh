#!/usr/bin/env bash
# conformance.sh — runs test262 over language, built-ins and annexB (Intl,
# test/intl402, is not part of the run) with weft-test262 and writes the
# pass rates into docs/CONFORMANCE.md, so the document can be regenerated
# at any commit. Only the part between the two "conformance.sh" marker
# comments is rewritten; the hand-written text around it is kept.
#
#   tools/conformance.sh [BUILD_DIR] [-j N] [--root DIR] [--out FILE]
#                        [--results FILE] [--from-results FILE]
#     BUILD_DIR            where weft-test262 is (default build)
#     -j N                 worker processes (default: number of CPUs)
#     --root DIR           test262 checkout (default $WEFT_TEST262 or
#                          ../shared/test262; relative paths, here and for
#                          the other options, are from the repository root)
#     --out FILE           the document to update (default docs/CONFORMANCE.md)
#     --results FILE       also keep the per-test results ('STATUS path')
#     --from-results FILE  do not run: rebuild the tables from the results of
#                          an earlier run (the run's details come from
#                          FILE.meta, written next to it by --results)
#
# Tables: totals, every directory at depth 2, depth 3 under the directories
# listed in DEPTH3 (environment, space-separated), and the test262 feature
# tags with the most failing tests.
set -u
export LC_ALL=C # the same sort order everywhere
cd "$(dirname "$0")/.." || exit 2

build=build
jobs=$(nproc 2>/dev/null || echo 2)
root="${WEFT_TEST262:-../shared/test262}"
out=docs/CONFORMANCE.md
keep_results=""
from_results=""
depth3="${DEPTH3:-language/expressions language/statements built-ins/RegExp}"
while [ $# -gt 0 ]; do
    case "$1" in
    -j) jobs="$2"; shift 2 ;;
    --root) root="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --results) keep_results="$2"; shift 2 ;;
    --from-results) from_results="$2"; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "conformance.sh: unknown option $1" >&2; exit 2 ;;
    *) build="$1"; shift ;;
    esac
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
results="$tmp/results.txt"
meta="$tmp/meta.txt"

if [ -n "$from_results" ]; then
    cp "$from_results" "$results" || exit 2
    if [ -f "$from_results.meta" ]; then
        cp "$from_results.meta" "$meta"
    else
        : >"$meta"
    fi
else
    runner="$build/weft-test262"
    if [ ! -x "$runner" ]; then
        echo "conformance.sh: $runner not found (run make first)" >&2
        exit 2
    fi
    args="--root $root -j $jobs --results $results language built-ins annexB"
    echo "conformance.sh: $runner $args" >&2
    # what is being measured: the tree as it is now (build it first)
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ -n "$(git status --porcelain -- src include 2>/dev/null)" ]; then
        commit="$commit (with uncommitted changes in src/ or include/)"
    fi
    load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$runner" $args >"$tmp/run.txt"
    rc=$?
    elapsed=$(($(date +%s) - start))
    if [ ! -s "$results" ]; then
        echo "conformance.sh: the run produced no results (exit status $rc)" >&2
        tail -n 20 "$tmp/run.txt" >&2
        exit 1
    fi
    t262=$(grep -o 'commit [0-9a-f]\{7,\}' "$root/SOURCE.md" 2>/dev/null | head -n 1 |
        cut -c8-19)
    {
        echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
        echo "commit=$commit"
        echo "test262=${t262:-unknown}"
        echo "command=weft-test262 --root $root -j $jobs language built-ins annexB"
        echo "machine=$(nproc) cores, $(uname -sm), $(${CC:-cc} --version 2>/dev/null | head -n 1)"
        echo "elapsed=${elapsed} s with $jobs workers (load average $load at the start)"
    } >"$meta"
    if [ -n "$keep_results" ]; then
        cp "$results" "$keep_results"
        cp "$meta" "$keep_results.meta"
    fi
fi

metaval() { sed -n "s/^$1=//p" "$meta"; }

# the runner writes "STATUS path" lines, followed for failures by "  # the
# error message", which may itself span lines: keep the status and the path
raw="$tmp/raw.txt"
mv "$results" "$raw"
awk '$1 ~ /^(PASS|FAIL|CRASH|TIMEOUT|SKIP)$/ && $2 ~ /\.js$/ { print $1, $2 }' "$raw" >"$results"

# table DEPTH [PREFIX]: one Markdown row per directory of the given depth
# (restricted to PREFIX/ when given), from the results file
table() {
    echo "| directory | passed | total | % | failed | crash | timeout |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    awk -v depth="$1" -v prefix="${2:-}" '
    {
        st = $1; path = $2
        if (prefix != "" && index(path, prefix "/") != 1) next
        n = split(path, part, "/")
        key = part[1]
        for (i = 2; i <= depth && i < n; i++) key = key "/" part[i]
        if (!(key in total)) keys[++nk] = key
        if (st == "SKIP") { skip[key]++; total[key] += 0; next }
        total[key]++
        if (st == "PASS") pass[key]++
        else if (st == "FAIL") fail[key]++
        else if (st == "CRASH") crash[key]++
        else if (st == "TIMEOUT") tmo[key]++
    }
    END {
        for (i = 1; i <= nk; i++) {
            k = keys[i]
            pct = total[k] ? 100 * pass[k] / total[k] : 0
            printf "| %s | %d | %d | %.1f | %d | %d | %d |\n", k, pass[k], total[k], pct,
                fail[k], crash[k], tmo[k]
        }
    }' "$results" | sort
}

# totals per suite and overall
totals() {
    awk '
    {
        split($2, part, "/"); k = part[1]
        if (!(k in total)) keys[++nk] = k
        if ($1 == "SKIP") { total[k] += 0; next }
        total[k]++; all++
        if ($1 == "PASS") { pass[k]++; allpass++ }
        else if ($1 == "CRASH") { crash[k]++; allcrash++ }
        else if ($1 == "TIMEOUT") { tmo[k]++; alltmo++ }
    }
    END {
        print "| suite | passed | total | % | crash | timeout |"
        print "|---|---:|---:|---:|---:|---:|"
        for (i = 1; i <= nk; i++) {
            k = keys[i]
            printf "| %s | %d | %d | %.1f | %d | %d |\n", k, pass[k], total[k],
                total[k] ? 100 * pass[k] / total[k] : 0, crash[k], tmo[k]
        }
        printf "| **all** | **%d** | **%d** | **%.1f** | %d | %d |\n", allpass, all,
            all ? 100 * allpass / all : 0, allcrash, alltmo
    }' <(sort -k2 "$results")
}

# the feature tags of every test (front matter "features: [a, b]" or a
# "- a" list), joined with the results: the tags with the most failures
features() {
    # shellcheck disable=SC2016 # the awk program is single-quoted on purpose
    (cd "$root/test" && awk '{ print $2 }' "$results" | xargs awk '
        FNR == 1 { infeat = 0; seen = 0 }
        /^features:/ {
            seen = 1
            line = $0
            sub(/^features:[ \t]*/, "", line)
            if (line ~ /^\[/) {
                gsub(/[][ \t]/, "", line)
                n = split(line, f, ",")
                for (i = 1; i <= n; i++) if (f[i] != "") print FILENAME "\t" f[i]
                infeat = 0
            } else {
                infeat = 1
            }
            next
        }
        infeat && /^[ \t]*-[ \t]/ {
            v = $0; sub(/^[ \t]*-[ \t]*/, "", v); sub(/[ \t]+$/, "", v)
            print FILENAME "\t" v
            next
        }
        infeat { infeat = 0 }
        /\*\// { nextfile }
    ') >"$tmp/features.txt"
    awk -F'\t' '
        NR == FNR { split($0, a, " "); status[a[2]] = a[1]; next }
        {
            st = status[$1]
            if (st == "SKIP" || st == "") next
            total[$2]++
            if (st == "PASS") pass[$2]++
        }
        END {
            for (k in total) {
                failed = total[k] - pass[k]
                if (failed > 0) printf "%d\t%s\t%d\t%d\n", failed, k, pass[k], total[k]
            }
        }' "$results" "$tmp/features.txt" | sort -t"$(printf '\t')" -k1,1nr -k2,2 | head -n 40 |
        awk -F'\t' '
        BEGIN {
            print "| feature | failing | passed | total | % |"
            print "|---|---:|---:|---:|---:|"
        }
        { printf "| %s | %d | %d | %d | %.1f |\n", $2, $1, $3, $4, 100 * $3 / $4 }'
}

crashes() {
    awk '($1 == "CRASH" || $1 == "TIMEOUT") && $2 ~ /\.js$/ {
        msg = $0
        sub(/^[A-Z]+ [^ ]+ *(# *)?/, "", msg)
        gsub(/`/, "\047", msg)
        printf "- %s `%s`%s\n", $1, $2, msg != "" ? ": `" substr(msg, 1, 120) "`" : ""
    }' "$raw" | head -n 50
}

generate() {
    echo "<!-- conformance.sh: begin generated (do not edit by hand; run make conformance) -->"
    echo
    echo "Measured on $(metaval date), Weft commit $(metaval commit), test262 commit"
    echo "$(metaval test262)."
    echo
    echo "- command: \`make conformance\`, which runs \`$(metaval command)\`"
    echo "- machine: $(metaval machine)"
    echo "- run time: $(metaval elapsed)"
    echo
    echo "A test counts as passed when it passes in every mode its flags ask for"
    echo "(strict and sloppy for most tests). Skipped tests are not counted."
    echo
    echo "### Totals"
    echo
    totals
    echo
    echo "### By directory (depth 2)"
    echo
    table 2
    for d in $depth3; do
        if grep -q " $d/" "$results"; then
            echo
            echo "### $d (depth 3)"
            echo
            table 3 "$d"
        fi
    done
    echo
    echo "### Feature tags with the most failing tests"
    echo
    echo "Each test262 test lists the language features it depends on; a test with"
    echo "several tags counts under each. The 40 tags with the most failures:"
    echo
    features
    local c
    c=$(crashes)
    echo
    echo "### Crashes and timeouts"
    echo
    if [ -n "$c" ]; then
        echo "$c"
    else
        echo "None."
    fi
    echo
    echo "<!-- conformance.sh: end generated -->"
}

generate >"$tmp/generated.md"

begin='<!-- conformance.sh: begin generated'
end='<!-- conformance.sh: end generated -->'
if [ -f "$out" ] && grep -q "^$begin" "$out" && grep -q "^$end" "$out"; then
    awk -v gen="$tmp/generated.md" -v b="$begin" -v e="$end" '
        index($0, b) == 1 { while ((getline line < gen) > 0) print line; skip = 1; next }
        index($0, e) == 1 { skip = 0; next }
        !skip { print }' "$out" >"$tmp/out.md"
else
    {
        echo "# Conformance"
        echo
        cat "$tmp/generated.md"
    } >"$tmp/out.md"
fi
cp "$tmp/out.md" "$out"
echo "conformance.sh: wrote $out" >&2
sed -n '/^### Totals/,/^### By directory/p' "$out" | grep '^| ' >&2
