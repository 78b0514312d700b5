# Two commands for a fresh Debian 12 machine: `make demo` and `make test`.
BUILD      ?= build
JOBS       ?= 2
CMAKE_ARGS ?=
FUZZ_SECONDS ?= 600

.PHONY: all deps configure build test test-under-load demo bench fuzz sanitize clean format package package-test deploy-test screenshots

all: build

deps:
	@./cmake/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@./cmake/run-tests.sh $(BUILD)

# Before a release: the whole `make test` with every core busy (cmake/load.sh).
test-under-load: build
	@./cmake/load.sh ./cmake/run-tests.sh $(BUILD)

demo: build
	@./cmake/demo.sh $(BUILD)

# The README's screen pictures again, from real journeys on Xvfb (cmake/screenshots.sh).
screenshots: configure
	@JOBS=$(JOBS) ./cmake/screenshots.sh $(BUILD)

bench: build
	@./cmake/bench.sh $(BUILD)

# Long libFuzzer runs of every target (FUZZ_SECONDS each, the card verifier twice that); the
# corpora grow in $(BUILD)-fuzz/fuzz/ from one run to the next.
fuzz: deps
	@tests/fuzz/smoke.sh $(BUILD)-fuzz $(FUZZ_SECONDS)

package: build
	@cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
	@cd $(BUILD) && cpack -G DEB

package-test: package
	@./cmake/package-test.sh $(BUILD)

# The .deb on a blank Debian 12 booted with systemd-nspawn (tests/deploy/deploy-test.sh; root).
deploy-test: configure
	@cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
	@./tests/deploy/deploy-test.sh $(BUILD)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-*
