# textgate: `make run` checks the sample messages, `make test` runs the tests, `make bench`
# measures throughput. Each installs what is missing first.
SWIFT ?= swift
APT_PACKAGES := libpcre2-dev

.PHONY: run test bench build deps

deps:
	@pkg-config --exists libpcre2-8 || { \
	  echo "installing $(APT_PACKAGES)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES); }

build: deps
	$(SWIFT) build

run: build
	@echo "Checking the sample messages in fixtures/messages/ with the default rules (rules/):"
	@for f in fixtures/messages/*.txt; do \
	  echo; echo "== $$f"; \
	  $$($(SWIFT) build --show-bin-path)/textgate check --rules rules --lines "$$f" || true; \
	done

test: deps
	$(SWIFT) build
	$(SWIFT) test

# The benchmark builds in its own scratch directory so it never races a debug build in .build.
BENCH_SCRATCH ?= .build-bench
BENCH_RUNS ?= 5
BENCH_MB ?= 50

bench: deps
	$(SWIFT) build -c release --scratch-path $(BENCH_SCRATCH) --product textgate-bench
	$(SWIFT) build -c release --scratch-path $(BENCH_SCRATCH) --product textgate
	@bin=$$($(SWIFT) build -c release --scratch-path $(BENCH_SCRATCH) --show-bin-path) && \
	  $$bin/textgate-bench --rules rules --corpus fixtures/corpus/sms-spam-collection.tsv \
	    --cli $$bin/textgate --out BENCHMARKS.md --repeat-mb $(BENCH_MB) --runs $(BENCH_RUNS) \
	    --swift-version "$$($(SWIFT) --version 2>&1 | grep -m1 -i 'swift version')"
