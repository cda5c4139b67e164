# Weft — build, test and benchmark entry points. See README.md.
#
#   make              build/weft, build/libweft.a (-O2)
#   make run          build and run the demo (examples/demo.js)
#   make test         unit, JS, golden, threads and test262-smoke tests
#   make test262      the full conformance run against the baseline
#   make test262-smoke   the sample run by make test, against its floor
#   make test-asan    the test suite under ASan+UBSan (build-asan/)
#   make test-tsan    the test suite under ThreadSanitizer (build-tsan/)
#   make bench        benchmarks against node --jitless
#   make bench-workers  os.Worker against node's worker_threads
#   make fuzz         libFuzzer runs of the regexp engine and of the value
#                     deserializer (FUZZ_TIME seconds each; fuzz-regexp, fuzz-read)
#   make conformance  full test262 run, tables written into docs/CONFORMANCE.md

CC ?= gcc
BUILD ?= build
OPT ?= -O2
SAN ?=
WARN = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
       -Wno-sign-compare -Wno-implicit-fallthrough
CFLAGS_ALL = -std=c11 $(OPT) -g $(WARN) -D_GNU_SOURCE -fno-strict-aliasing \
             -Iinclude -Isrc/common $(SAN) $(CFLAGS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)
LIBS = -lm -lpthread

ENGINE_SRC := $(sort $(wildcard src/engine/*.c src/engine/builtins/*.c src/engine/regexp/*.c))
RUNTIME_SRC := $(sort $(wildcard src/runtime/*.c))
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/obj/%.o)
RUNTIME_OBJ := $(RUNTIME_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/engine/test_*.c tests/runtime/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/%.c=$(BUILD)/tests/%)

PROGRAMS := $(BUILD)/weft $(if $(wildcard src/programs/test262.c),$(BUILD)/weft-test262)

all: $(PROGRAMS) $(BUILD)/libweft.a

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/libweft.a: $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libweftrt.a: $(RUNTIME_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/weft: $(BUILD)/obj/src/programs/weft.o $(BUILD)/libweftrt.a $(BUILD)/libweft.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(BUILD)/weft-test262: $(BUILD)/obj/src/programs/test262.o $(BUILD)/libweftrt.a $(BUILD)/libweft.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libweftrt.a $(BUILD)/libweft.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc/engine -Isrc/runtime -o $@ $^ $(LIBS)

# examples/embed.c, built against the public headers only: run by
# tools/run-tests.sh, its output checked against examples/embed.out
EMBED_BIN := $(BUILD)/examples/embed

$(EMBED_BIN): examples/embed.c $(BUILD)/libweftrt.a $(BUILD)/libweft.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LIBS)

unit: $(UNIT_BIN) $(EMBED_BIN)

test: all unit
	@tools/run-tests.sh $(BUILD)

test262: $(BUILD)/weft-test262
	$(BUILD)/weft-test262 --baseline tests/test262/baseline.txt

test262-update: $(BUILD)/weft-test262
	$(BUILD)/weft-test262 --write-baseline tests/test262/baseline.txt

# the sample `make test` runs (tools/run-tests.sh calls the same command)
test262-smoke: $(BUILD)/weft-test262
	$(BUILD)/weft-test262 --smoke 20 --floor tests/test262/smoke-floor.txt

test262-smoke-update: $(BUILD)/weft-test262
	$(BUILD)/weft-test262 --smoke 20 --write-floor tests/test262/smoke-floor.txt

test-asan:
	WEFT_TEST262_TIMEOUT=60 $(MAKE) BUILD=build-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test

# ThreadSanitizer aborts on a C stack deeper than 65536 frames: the suite
# runs with a 2 MiB stack, from which weft sizes its JS stack limit
test-tsan:
	$(MAKE) BUILD=build-tsan OPT=-O1 SAN="-fsanitize=thread" all unit
	ulimit -s 2048 && WEFT_TEST262_TIMEOUT=60 tools/run-tests.sh build-tsan

run: $(BUILD)/weft
	$(BUILD)/weft examples/demo.js

bench: $(BUILD)/weft
	@tools/bench.sh $(BUILD)/weft

# os.Worker against node's worker_threads (docs/PERFORMANCE.md)
bench-workers: $(BUILD)/weft
	@tools/bench-workers.sh $(BUILD)/weft

conformance: $(BUILD)/weft-test262
	tools/conformance.sh $(BUILD)

# the regexp compiler and matcher under libFuzzer (clang), ASan and UBSan;
# new interesting inputs accumulate in build-fuzz/corpus
FUZZ_TIME ?= 60
FUZZ_SRC := tests/fuzz/fuzz_regexp.c $(sort $(wildcard src/engine/regexp/*.c)) \
            src/engine/unicode.c src/engine/unicode_tables.c

fuzz: fuzz-regexp fuzz-read

fuzz-regexp: build-fuzz/fuzz_regexp
	@mkdir -p build-fuzz/corpus
	build-fuzz/fuzz_regexp -max_total_time=$(FUZZ_TIME) -max_len=512 -timeout=10 \
	  build-fuzz/corpus tests/fuzz/regexp_seeds

build-fuzz/fuzz_regexp: $(FUZZ_SRC) $(wildcard src/engine/regexp/*.h) src/engine/unicode.h
	@mkdir -p build-fuzz
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  -D_GNU_SOURCE -Iinclude -Isrc/common -Isrc/engine -o $@ $(FUZZ_SRC)

# JS_ReadObject on hostile bytes (tests/fuzz/fuzz_read.c): the engine is
# built by a sub-make with clang and the sanitizers into build-fuzz/engine;
# new interesting inputs accumulate in build-fuzz/read_corpus
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all

fuzz-read: build-fuzz/fuzz_read
	@mkdir -p build-fuzz/read_corpus
	build-fuzz/fuzz_read -max_total_time=$(FUZZ_TIME) -max_len=4096 -timeout=10 \
	  -rss_limit_mb=2048 -detect_leaks=0 build-fuzz/read_corpus tests/fuzz/read_seeds

build-fuzz/fuzz_read: tests/fuzz/fuzz_read.c FORCE
	$(MAKE) BUILD=build-fuzz/engine CC=clang OPT=-O1 \
	  SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" build-fuzz/engine/libweft.a
	clang -std=c11 -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) -D_GNU_SOURCE -Iinclude \
	  -o $@ tests/fuzz/fuzz_read.c build-fuzz/engine/libweft.a -lm -lpthread

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-asan build-tsan build-fuzz

FORCE:

.PHONY: all run unit test test262 test262-update test262-smoke test262-smoke-update test-asan test-tsan bench bench-workers conformance format clean fuzz fuzz-regexp fuzz-read FORCE

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
