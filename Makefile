# A thin front over CMake. The two commands of the README:
#   make run    install what is missing, build, and start a new case on the default checklist
#   make test   install what the tests need, build, and run every test
BUILD ?= build
BUILD_TYPE ?= RelWithDebInfo
PREFIX ?= /usr/local
CMAKE_FLAGS ?=
SANITIZE ?= OFF
WERROR ?= OFF
JOBS ?= 2

.PHONY: all build deps deps-test run test test-asan test-valgrind fuzz install uninstall readme lint clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_INSTALL_PREFIX=$(PREFIX) \
		-DLEGITCHECK_SANITIZE=$(SANITIZE) -DLEGITCHECK_WERROR=$(WERROR) $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: deps
	@$(MAKE) --no-print-directory build
	./$(BUILD)/legitcheck

test: deps-test
	@$(MAKE) --no-print-directory build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan:
	@$(MAKE) --no-print-directory test BUILD=build-asan BUILD_TYPE=Debug SANITIZE=ON WERROR=ON

# Regenerates the golden reports of tests/data/golden/, which tests/cli/report.t and
# compare.t compare byte for byte: the clock, the width and the checklists fixed.
GOLDEN_CASES = examples/kazakhstan-2022.json examples/czechoslovakia-1968.json \
	tests/data/good/hostile.json
GOLDEN_RUN = env LEGITCHECK_NOW=2026-01-01T00:00:00Z COLUMNS=80 \
	LEGITCHECK_PATH=$(CURDIR)/checklists XDG_CONFIG_HOME=/nonexistent \
	./$(BUILD)/legitcheck
.PHONY: golden
golden: build
	@for c in $(GOLDEN_CASES); do for f in text md html json; do \
		$(GOLDEN_RUN) report $$c --format $$f -o tests/data/golden/$$(basename $$c .json).$$f \
			|| exit 1; \
	done; done
	@for f in text md html json; do \
		$(GOLDEN_RUN) compare examples/kazakhstan-2022.json examples/czechoslovakia-1968.json \
			--format $$f -o tests/data/golden/compare.$$f || exit 1; \
	done
	@echo "regenerated tests/data/golden/"

# The whole suite again with every test program and every run of the binary under
# valgrind: a memory error or a definite leak fails the test.
VALGRIND_BUILD ?= build-valgrind
test-valgrind: deps-test
	@$(MAKE) --no-print-directory build BUILD=$(VALGRIND_BUILD) BUILD_TYPE=Debug \
		CMAKE_FLAGS=-DLEGITCHECK_VALGRIND=ON
	ctest --test-dir $(VALGRIND_BUILD) --output-on-failure -j $(JOBS) --timeout 7200

# libFuzzer harnesses (fuzz/), built with clang in build-fuzz, each run FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= build-fuzz
fuzz: deps-test
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DLEGITCHECK_FUZZ=ON -DBUILD_TESTING=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_casefile fuzz_checklist fuzz_tokenize
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# Removes what `make install` installed from $(BUILD) (the list CMake keeps in
# its install manifest), then the folders of legitcheck's own left empty.
MANIFEST ?= $(BUILD)/install_manifest.txt
uninstall:
	@if [ -f $(MANIFEST) ]; then \
		xargs -d '\n' rm -f < $(MANIFEST); \
		xargs -d '\n' -n 1 dirname < $(MANIFEST) | sort -ru | while read -r d; do \
			while case "$$d" in */legitcheck | */legitcheck/*) true ;; *) false ;; esac && \
				rmdir "$$d" 2>/dev/null; do d=$$(dirname "$$d"); done; \
		done; \
		echo "removed the files listed in $(MANIFEST)"; \
	else echo "nothing installed from $(BUILD)"; fi

# Rewrites the session transcript and report excerpt of README.md from what
# the program prints now (scripts/readme-excerpts.sh).
readme: build
	LEGITCHECK=$(CURDIR)/$(BUILD)/legitcheck scripts/readme-excerpts.sh --update README.md

# Performance figures against jq and a bare libcjson parse-and-print, on generated
# cases of up to 100,000 evidence items (bench/README.md). BENCH_RUNS=5 runs each.
BENCH_BUILD ?= build-bench
.PHONY: bench
bench:
	@scripts/install-deps.sh bench
	@$(MAKE) --no-print-directory build BUILD=$(BENCH_BUILD) BUILD_TYPE=Release
	nice -n 10 bench/run.sh $(BENCH_BUILD)

# Style and static analysis, each failing on any finding: clang-format with
# .clang-format, cppcheck, and clang-tidy with .clang-tidy (bug-finding checks).
LINT_C = src/*.c tests/unit/*.c tests/tools/*.c bench/*.c fuzz/*.c
LINT_H = src/*.h include/legitcheck/*.h tests/unit/*.h tests/*.h
lint:
	@scripts/install-deps.sh lint
	@$(MAKE) --no-print-directory build
	clang-format --dry-run --Werror $(LINT_C) $(LINT_H)
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability,performance \
		--inline-suppr -D_POSIX_C_SOURCE=200809L -Iinclude -I$(BUILD)/include src/*.c
	clang-tidy --quiet -p $(BUILD) --warnings-as-errors='*' src/*.c 2>/dev/null

clean:
	rm -rf $(BUILD) build-asan
