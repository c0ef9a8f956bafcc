# textgate: `make run` starts the service on the embedded SQLite store, `make test` runs the
# tests (the PostgreSQL store tests start a throwaway cluster, so postgresql is installed when
# initdb is missing), `make bench` measures throughput, `make bench-service` the HTTP service,
# `make bench-compare BASE=<commit>` the check against an earlier commit's, `make accuracy`
# measures what the rules catch, `make samples` checks the sample messages, `make generate`
# compiles keywords/*.yml and rules/ into the built-in keywords and rules, `make fuzz` and
# `make api-fuzz` fuzz the parsers and the HTTP API. Each installs what is missing first.
SWIFT ?= swift
APT_PACKAGES := libpcre2-dev

.PHONY: run samples test bench bench-service bench-compare accuracy model build deps generate fuzz api-fuzz

DB ?= textgate.db
PORT ?= 8080

deps:
	@pkg-config --exists libpcre2-8 || { \
	  echo "installing $(APT_PACKAGES)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES); }

build: deps
	$(SWIFT) build

# The opt-out, opt-in and help keywords (keywords/*.yml) and the default rules (rules/) are data
# compiled into the binary; a test fails until this has been run after an edit.
generate:
	$(SWIFT) run textgate-keywords keywords Sources/OptOut/BuiltinKeywords+Data.swift
	$(SWIFT) run textgate-builtin-rules rules Sources/Rules/BuiltinRules+Data.swift

run: build
	@$$($(SWIFT) build --show-bin-path)/textgate serve --rules rules --db $(DB) --port $(PORT) --bootstrap-key

samples: build
	@echo "Checking the sample messages in fixtures/messages/ with the default rules (rules/):"
	@for f in fixtures/messages/*.txt; do \
	  echo; echo "== $$f"; \
	  $$($(SWIFT) build --show-bin-path)/textgate check --rules rules --lines "$$f" || true; \
	done

test: deps
	@command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ] || { \
	  echo "installing chromium and chromium-driver for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; } \
	    || echo "make test: could not install chromium and chromium-driver; the browser tests will be skipped (under CI=true they fail)"; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  echo "installing postgresql for the PostgreSQL store tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql; }
	@python3 -m pre_commit --version >/dev/null 2>&1 || command -v pre-commit >/dev/null 2>&1 || { \
	  echo "installing pre-commit (PyPI) for the .pre-commit-hooks.yaml test"; \
	  python3 -m pip install -q pre-commit || pip3 install -q pre-commit; }
	$(SWIFT) build
	$(SWIFT) test

# The benchmark builds in its own scratch directory so it never races a debug build in .build.
BENCH_SCRATCH ?= .build-bench
BENCH_RUNS ?= 7
BENCH_MB ?= 50

# Release builds with the Swift runtime linked in, a self-contained binary: the CLI then
# starts without resolving the runtime's symbols, and calls into it directly.
BENCH_BUILD = $(SWIFT) build -c release --static-swift-stdlib --scratch-path $(BENCH_SCRATCH)

bench: deps
	$(BENCH_BUILD) --product textgate-bench
	$(BENCH_BUILD) --product textgate
	@bin=$$($(BENCH_BUILD) --show-bin-path) && \
	  $$bin/textgate-bench --rules rules --corpus fixtures/corpus/sms-spam-collection.tsv \
	    --cli $$bin/textgate --out BENCHMARKS.md --repeat-mb $(BENCH_MB) --runs $(BENCH_RUNS) \
	    --swift-version "$$($(SWIFT) --version 2>&1 | grep -m1 -i 'swift version')"

# The HTTP service against a bare Hummingbird route, with wrk, on SQLite and on PostgreSQL with one
# and two instances, in rounds that take turns (BENCH_SECONDS per route and store in all, split into
# BENCH_ROUNDS rounds); writes its own section of BENCHMARKS.md. Installs wrk and postgresql when missing.
BENCH_SECONDS ?= 12
BENCH_ROUNDS ?= 3

bench-service: deps
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "installing wrk"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }
	@{ ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v psql >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; } || { \
	  echo "installing postgresql and python3"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql python3; }
	$(BENCH_BUILD) --product service-bench
	$(BENCH_BUILD) --product textgate
	python3 scripts/bench-service/bench_service.py --bin "$$($(BENCH_BUILD) --show-bin-path)" --rules rules \
	  --out BENCHMARKS.md --seconds $(BENCH_SECONDS) --rounds $(BENCH_ROUNDS) \
	  --swift-version "$$($(SWIFT) --version 2>&1 | grep -m1 -i 'swift version')"

# Whether the check became slower than it was at commit BASE: both built in release, run end to end
# on BASE's rules (or RULES) and the same input in rounds that take turns; writes its own section
# of BENCHMARKS.md. ALSO="<commit> ..." times more commits in the same rounds, each against BASE.
# The base and those commits are checked out and built under .build-compare/.
bench-compare: deps
	@test -n "$(BASE)" || { echo "usage: make bench-compare BASE=<commit> [ALSO=\"<commit> ...\"] [RULES=<dir>]"; exit 2; }
	@command -v python3 >/dev/null 2>&1 || { \
	  echo "installing python3"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3; }
	python3 scripts/bench-compare.py --base "$(BASE)" $(foreach c,$(ALSO),--also "$(c)") $(if $(RULES),--rules "$(RULES)") \
	  --current-scratch $(BENCH_SCRATCH)

# What the default rules catch and wrongly flag, through the CLI: the SMS Spam Collection, the
# labelled practice and carrier-filtered sets in fixtures/accuracy/, and generated disguises.
accuracy: deps
	@command -v python3 >/dev/null 2>&1 || { \
	  echo "installing python3"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3; }
	$(SWIFT) build --product textgate
	python3 scripts/accuracy.py --textgate "$$($(SWIFT) build --show-bin-path)/textgate" --rules rules --out ACCURACY.md

# Retrains the carrier-content model rule's weights (rules/content/carrier-content.tsv) and sets
# its threshold; then `make generate` builds them into the binary.
model: deps
	@python3 -c 'import numpy' 2>/dev/null || python3 -m pip install -q numpy || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-numpy; }
	$(SWIFT) build --product textgate
	python3 scripts/train-model.py --textgate "$$($(SWIFT) build --show-bin-path)/textgate" --rules rules

# libFuzzer targets (Fuzz/, address sanitizer) built in their own scratch directory and run for
# FUZZ_SECONDS each; any crash fails, and its input is left under .build-fuzz/findings/.
FUZZ_SECONDS ?= 60

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash scripts/fuzz.sh

# Schemathesis (installed from PyPI when missing) against a server on loopback with an admin
# key; fails on any 5xx or response outside openapi.yaml.
API_FUZZ_EXAMPLES ?= 40
API_FUZZ_SECONDS ?= 300

api-fuzz: deps
	API_FUZZ_EXAMPLES=$(API_FUZZ_EXAMPLES) API_FUZZ_SECONDS=$(API_FUZZ_SECONDS) SWIFT=$(SWIFT) bash scripts/api-fuzz.sh
