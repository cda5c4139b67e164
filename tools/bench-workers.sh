#!/bin/sh
# bench-workers.sh — os.Worker against node's worker_threads, in one run:
# each bench/workers/NAME.js (weft) and NAME.mjs (node) prints
# "RESULT <value>"; each runs REPEAT times (default 3) and keeps its best
# value. Prints a table with the weft/node ratio and the target of issue 5.
# Usage: tools/bench-workers.sh [WEFT] (default build/weft); NODE=... to
# choose node; REPEAT=n.
WEFT=${1:-build/weft}
NODE=${NODE:-node}
REPEAT=${REPEAT:-3}
DIR=$(dirname "$0")/../bench/workers

# best of REPEAT runs: $1 = "min" or "max", then the command
best() {
    mode=$1
    shift
    vals=""
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        v=$("$@" 2>/dev/null | sed -n 's/^RESULT //p' | tail -n 1)
        [ -n "$v" ] && vals="$vals $v"
        i=$((i + 1))
    done
    [ -z "$vals" ] && { echo "-"; return; }
    echo "$vals" | tr ' ' '\n' | grep -v '^$' | sort -g | if [ "$mode" = min ]; then head -n 1; else tail -n 1; fi
}

have_node=0
command -v "$NODE" > /dev/null 2>&1 && have_node=1
printf '%-34s %12s %12s %9s  %-14s %s\n' "benchmark" "weft" "node" "ratio" "target" ""
# name | better (min: lower is better, max: higher) | label | target
while IFS='|' read -r name mode label target; do
    w=$(best "$mode" "$WEFT" "$DIR/$name.js")
    n="-"
    [ "$have_node" = 1 ] && n=$(best "$mode" "$NODE" "$DIR/$name.mjs")
    # the parallel speedup is judged on weft's own number
    verdict=$(awk -v w="$w" -v n="$n" -v name="$name" -v t="$target" 'BEGIN {
        if (w == "-" || (n == "-" && name != "parallel")) { print "-\t?"; exit }
        r = (name == "parallel") ? w : w / n
        op = substr(t, 1, 2); lim = substr(t, 3) + 0
        if (index(t, "/") > 0) { split(substr(t, 3), f, "/"); lim = f[1] / f[2] }
        ok = (op == "<=") ? (r <= lim) : (r >= lim)
        printf "%.3g\t%s\n", r, ok ? "ok" : "MISSED"
    }')
    ratio=$(echo "$verdict" | cut -f1)
    status=$(echo "$verdict" | cut -f2)
    printf '%-34s %12s %12s %9s  %-14s %s\n' "$label" "$w" "$n" "$ratio" "$target" "$status"
done <<'TABLE'
spawn|min|spawn to first message (ms)|<=1/50
roundtrip|min|small-message round trip (us)|<=0.7
throughput|max|one-way small messages (msg/s)|>=1.0
copy|max|1 MiB ArrayBuffer copies (MiB/s)|>=2.5
pingpong|min|SAB + Atomics ping-pong (us)|<=0.9
parallel|max|8 CPU-bound workers (speedup)|>=1.8
idle|min|memory per idle worker (KiB)|<=1/30
TABLE
