#!/bin/sh
# run-tests.sh — runs every test suite of `make test` and prints the grand
# total as its last line: "N passed, M failed". Exit status 1 when any test
# failed. Usage: tools/run-tests.sh BUILD_DIR
# A JS test whose first line is "// TZ=<zone>" (tests/js/date-tz-*.js) runs
# with the TZ environment variable set to that zone.
# A test program that exits with a non-zero status while its summary shows
# no failure (a crash, or a sanitizer report at exit) counts one failure.
# Golden tests: see tests/golden/README.md.
BUILD=${1:-build}
case $BUILD in
/*) ;;
*) BUILD=$(pwd)/$BUILD ;;
esac
WEFT=$BUILD/weft
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/weft-tests.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# adds the "N passed, M failed" summary found in file $1 (label $2, exit
# status $3); a suite that ends without one counts as one failure
count() {
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    line=${line:-$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)}
    if [ -z "$line" ]; then
        echo "FAIL $2 (no summary)"
        tail -n 20 "$1"
        FAIL=$((FAIL + 1))
        return
    fi
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    PASS=$((PASS + p))
    FAIL=$((FAIL + f))
    if [ "$f" != 0 ]; then
        echo "FAIL $2: $line"
        grep -E '^FAIL|failed' "$1" | head -n 20
    elif [ "${3:-0}" != 0 ]; then
        echo "FAIL $2: $line, but exit status $3"
        tail -n 30 "$1"
        FAIL=$((FAIL + 1))
    else
        echo "ok   $2: $p passed"
    fi
}

# C unit tests
for t in "$BUILD"/tests/engine/test_* "$BUILD"/tests/runtime/test_*; do
    [ -x "$t" ] || continue
    "$t" > "$TMP/out" 2>&1
    count "$TMP/out" "$(basename "$t")" $?
done

# examples/embed.c (docs/EMBEDDING.md): its output and status must stay the
# ones examples/embed.out records
if [ -x "$BUILD/examples/embed" ]; then
    "$BUILD/examples/embed" > "$TMP/embed" 2>&1
    status=$?
    if cmp -s "$TMP/embed" examples/embed.out && [ "$status" = 0 ]; then
        echo "1 passed, 0 failed" > "$TMP/out"
    else
        { echo "FAIL examples/embed (exit status $status)"
          diff examples/embed.out "$TMP/embed" | head -n 20
          echo "0 passed, 1 failed"; } > "$TMP/out"
    fi
    count "$TMP/out" "examples/embed"
fi

# JS tests that assert behaviour
for t in tests/js/*.js tests/js/*.mjs; do
    [ -f "$t" ] || continue
    [ "$(basename "$t")" = assert.js ] && continue
    tz=$(sed -n '1s|^// TZ=||p' "$t")
    if [ -n "$tz" ]; then
        TZ=$tz "$WEFT" -I tests/js/assert.js "$t" > "$TMP/out" 2>&1
    else
        "$WEFT" -I tests/js/assert.js "$t" > "$TMP/out" 2>&1
    fi
    status=$?
    # report() throws when a case failed: that exit status is expected
    grep -qE '^[0-9]+ passed, [1-9][0-9]* failed' "$TMP/out" && status=0
    count "$TMP/out" "$t" $status
done

# runtime JS tests (event loop, builtin modules, workers): each
# tests/runtime/*.js and *.mjs runs like a tests/js file, from the top of
# the tree; the files they load (worker modules, fixtures) live in
# subdirectories of tests/runtime
for t in tests/runtime/*.js tests/runtime/*.mjs; do
    [ -f "$t" ] || continue
    "$WEFT" -I tests/js/assert.js "$t" > "$TMP/out" 2>&1
    status=$?
    grep -qE '^[0-9]+ passed, [1-9][0-9]* failed' "$TMP/out" && status=0
    count "$TMP/out" "$t" $status
done

# golden-output tests: stdout and stderr (interleaved as written) must match
# FILE.out exactly, and the exit status the one FILE.js names
# (tests/golden/README.md)
gp=0
gf=0
for t in tests/golden/*.js; do
    [ -f "$t" ] || continue
    want_status=$(sed -n '1,5s|^// exit status: ||p' "$t")
    args=$(sed -n '1,5s|^// args: ||p' "$t")
    # shellcheck disable=SC2086 # the args line is split into words
    (cd tests/golden && "$WEFT" "$(basename "$t")" $args) > "$TMP/out" 2>&1
    status=$?
    if cmp -s "$TMP/out" "${t%.js}.out" && [ "$status" = "${want_status:-0}" ]; then
        gp=$((gp + 1))
    else
        gf=$((gf + 1))
        echo "FAIL golden $t (exit status $status, expected ${want_status:-0})"
        diff "${t%.js}.out" "$TMP/out" | head -n 20
    fi
done
# REPL golden tests: FILE.repl is piped into weft (no prompts when stdin is
# not a terminal); a first line "// options: ..." gives weft's options
# instead of being piped. Output as above; the exit status must be 0.
for t in tests/golden/*.repl; do
    [ -f "$t" ] || continue
    opts=$(sed -n '1s|^// options: ||p' "$t")
    if [ -n "$opts" ]; then sed 1d "$t"; else cat "$t"; fi > "$TMP/in"
    # shellcheck disable=SC2086 # the options line is split into words
    (cd tests/golden && "$WEFT" $opts) < "$TMP/in" > "$TMP/out" 2>&1
    status=$?
    if cmp -s "$TMP/out" "${t%.repl}.out" && [ "$status" = 0 ]; then
        gp=$((gp + 1))
    else
        gf=$((gf + 1))
        echo "FAIL golden $t (exit status $status, expected 0)"
        diff "${t%.repl}.out" "$TMP/out" | head -n 20
    fi
done
echo "$gp passed, $gf failed" > "$TMP/out"
count "$TMP/out" "golden"

# the test262 smoke run against its committed floor
T262=${WEFT_TEST262:-../shared/test262}
if [ -x "$BUILD/weft-test262" ] && [ -d "$T262/test" ] && [ -f tests/test262/smoke-floor.txt ]; then
    # sanitizer builds run several times slower: WEFT_TEST262_TIMEOUT
    # (seconds per test, default 10) lets make test-tsan/test-asan wait
    "$BUILD/weft-test262" --root "$T262" --smoke --floor tests/test262/smoke-floor.txt \
        --timeout "${WEFT_TEST262_TIMEOUT:-10}" > "$TMP/out" 2>&1
    count "$TMP/out" "test262 smoke"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
