#!/usr/bin/env bash
# bench.sh — runs the benchmark programs in bench/ with Weft and with
# `node --jitless` (V8's interpreter), best of N runs each, and prints the
# times, the ratio weft/node and the geometric mean of the ratios. Each
# program prints a checksum as its last line; both engines must print the
# same one, or the run is reported as wrong and the script exits 1.
#
#   tools/bench.sh [build/weft] [-n RUNS] [--md] [--cpu] [name...]
#     -n RUNS   runs per engine and program, the best one counts (default 3)
#     --md      print the table as Markdown (for docs/PERFORMANCE.md)
#     --cpu     measure user+sys CPU time instead of wall time (steadier on a
#               busy machine; node's GC helper threads count against node)
#     name...   only these programs (e.g. objects tree)
#   NODE=/path/to/node overrides the node binary.
set -u

weft=build/weft
runs=3
markdown=0
cpu=0
names=()
while [ $# -gt 0 ]; do
    case "$1" in
    -n) runs="$2"; shift 2 ;;
    --md) markdown=1; shift ;;
    --cpu) cpu=1; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    */*) weft="$1"; shift ;;
    *) names+=("$1"); shift ;;
    esac
done

bench_dir="$(cd "$(dirname "$0")/../bench" && pwd)"
node="${NODE:-node}"
have_node=1
command -v "$node" >/dev/null 2>&1 || have_node=0
if [ ! -x "$weft" ]; then
    echo "bench.sh: $weft not found (run make first)" >&2
    exit 2
fi
if [ ${#names[@]} -eq 0 ]; then
    for f in "$bench_dir"/*.js; do
        names+=("$(basename "$f" .js)")
    done
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# best_of ENGINE FILE: sets $best (seconds, or "" when a run failed) and
# $checksum (last line printed by the program)
best_of() {
    local i rc t
    best=""
    checksum=""
    for ((i = 0; i < runs; i++)); do
        if [ "$1" = weft ]; then
            { time "$weft" "$2" >"$tmp/out" 2>"$tmp/err"; } 2>"$tmp/time"
        else
            { time "$node" --jitless "$2" >"$tmp/out" 2>"$tmp/err"; } 2>"$tmp/time"
        fi
        rc=$?
        if [ $rc -ne 0 ]; then
            best=""
            checksum="exit status $rc: $(grep -v '^Warning: disabling flag' "$tmp/err" | head -n 1)"
            return
        fi
        checksum="$(tail -n 1 "$tmp/out")"
        # TIMEFORMAT below: "real user sys"
        t=$(awk -v cpu=$cpu '{ printf "%.3f", cpu ? $2 + $3 : $1 }' "$tmp/time")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
        fi
    done
}
TIMEFORMAT='%3R %3U %3S'

if [ $markdown -eq 1 ]; then
    echo "| benchmark | weft (s) | node --jitless (s) | weft/node |"
    echo "|---|---:|---:|---:|"
else
    printf "%-12s %10s %20s %10s\n" benchmark "weft (s)" "node --jitless (s)" weft/node
fi

status=0
ratios=()
for name in "${names[@]}"; do
    file="$bench_dir/$name.js"
    if [ ! -f "$file" ]; then
        echo "bench.sh: no benchmark $file" >&2
        status=1
        continue
    fi
    best_of weft "$file"
    wt=$best
    wsum=$checksum
    nt=""
    nsum=""
    if [ $have_node -eq 1 ]; then
        best_of node "$file"
        nt=$best
        nsum=$checksum
    fi
    ratio="-"
    note=""
    if [ -z "$wt" ]; then
        note="weft failed: $wsum"
        status=1
    elif [ $have_node -eq 1 ] && [ -n "$nt" ] && [ "$wsum" != "$nsum" ]; then
        note="WRONG: weft printed '$wsum', node '$nsum'"
        status=1
    elif [ -n "$nt" ]; then
        ratio=$(awk -v w="$wt" -v n="$nt" 'BEGIN { printf "%.2f", w / n }')
        ratios+=("$ratio")
    fi
    if [ $markdown -eq 1 ]; then
        echo "| $name | ${wt:--} | ${nt:--} | $ratio |"
    else
        printf "%-12s %10s %20s %10s  %s\n" "$name" "${wt:--}" "${nt:--}" "$ratio" "$note"
    fi
    if [ $markdown -eq 1 ] && [ -n "$note" ]; then
        echo "bench.sh: $name: $note" >&2
    fi
done

if [ ${#ratios[@]} -gt 0 ]; then
    geo=$(printf "%s\n" "${ratios[@]}" |
        awk '{ s += log($1); n++ } END { printf "%.2f", exp(s / n) }')
    if [ $markdown -eq 1 ]; then
        echo "| **geometric mean** | | | **$geo** |"
    else
        printf "%-12s %10s %20s %10s\n" "geomean" "" "" "$geo"
    fi
fi
[ $have_node -eq 1 ] || echo "bench.sh: node not found, weft times only" >&2
exit $status
