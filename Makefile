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

bench: deps
	$(SWIFT) build -c release --product textgate-bench
	$(SWIFT) build -c release --product textgate
	$$($(SWIFT) build -c release --show-bin-path)/textgate-bench --rules rules --corpus fixtures/corpus/sms-spam-collection.tsv --cli $$($(SWIFT) build -c release --show-bin-path)/textgate --out BENCHMARKS.md
