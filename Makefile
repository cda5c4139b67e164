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
#   make conformance  full test262 run, tables written into docs/CONFORMANCE.md

CC ?= gcc
BUILD ?= build
OPT ?= -O2
SAN ?=
WARN = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
       -Wno-sign-compare -Wno-implicit-fallthrough
CFLAGS_ALL = -std=c11 $(OPT) -g $(WARN) -D_GNU_SOURCE -fno-strict-aliasing \
             -Iinclude $(SAN) $(CFLAGS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)
LIBS = -lm -lpthread

ENGINE_SRC := $(sort $(wildcard src/engine/*.c src/engine/builtins/*.c))
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

unit: $(UNIT_BIN)

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
	$(MAKE) BUILD=build-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test

test-tsan:
	$(MAKE) BUILD=build-tsan OPT=-O1 SAN="-fsanitize=thread" test

run: $(BUILD)/weft
	$(BUILD)/weft examples/demo.js

conformance: $(BUILD)/weft-test262
	tools/conformance.sh $(BUILD)

bench: $(BUILD)/weft
	@tools/bench.sh $(BUILD)/weft

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-asan build-tsan

.PHONY: all run unit test test262 test262-update test262-smoke test262-smoke-update test-asan test-tsan bench conformance format clean

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
