# feedd — build, test and run on Debian 12 with Swift 6.
# `make test` and `make run` install the Debian packages the build needs first (apt-get as root, sudo otherwise).

SWIFT ?= swift
DEB_PACKAGES := libxml2-dev libcurl4-openssl-dev libsqlite3-dev pkg-config
# Only for `make bench`: libxml2's own xmllint is the baseline the parser is measured against.
BENCH_PACKAGES := libxml2-utils python3

.PHONY: all deps bench-deps build test lint run man completions bench bench-store bench-clean bench-digest bench-fetch \
	format clean

all: build

deps:
	@./.ci/install-deps $(DEB_PACKAGES)

bench-deps:
	@./.ci/install-deps $(BENCH_PACKAGES)

build: deps
	$(SWIFT) build

# Checks the formatting, builds everything (the end-to-end tests run the built feedctl), then runs every suite.
test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The checked-in .swift-format (4 spaces, 120 columns, ordered imports); `make format` applies it.
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Benchmarks

# Parse the bundled example feed and show what feedd reads in it.
run: build
	$(SWIFT) run feedctl parse Config/examples/example.rss
	$(SWIFT) run feedctl parse --json Config/examples/example.rss

# Parse benchmark: feedctl parse --json beside xmllint --stream on the corpus of ../shared/bench.
# feedctl is built as it would be installed: release, Swift runtime linked statically (start-up is then ~18 ms
# instead of ~29 ms, most of it the dynamic loader resolving Swift's shared libraries).
bench: deps bench-deps
	$(SWIFT) build -c release --static-swift-stdlib --product feedctl
	$(SWIFT) build -c release --static-swift-stdlib --product feedd-parse-bench
	.build/release/feedd-parse-bench --feedctl .build/release/feedctl $(BENCH_ARGS)

# Man pages (feedctl.1, feedd.1) and shell completions, generated from the argument-parser definitions.
man: deps
	mkdir -p .build/man
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --output-directory .build/man

completions: build
	mkdir -p .build/completions
	for shell in bash zsh fish; do \
		.build/debug/feedctl --generate-completion-script $$shell > .build/completions/feedctl.$$shell; done

# Store benchmark: ingest rate into a fresh store, then feedctl's latency on a store of a million articles (made
# once under $(STORE_BENCH_DIR), 2.7 GB, a few minutes).
STORE_BENCH_DIR ?= /tmp/feedbench/store
bench-store: deps
	$(SWIFT) build -c release --static-swift-stdlib --product feedctl
	$(SWIFT) build -c release --product feedd-store-bench
	mkdir -p $(STORE_BENCH_DIR)
	for batch in 50 500; do for run in 1 2 3; do rm -f $(STORE_BENCH_DIR)/fresh.sqlite*; \
		.build/release/feedd-store-bench ingest --store $(STORE_BENCH_DIR)/fresh.sqlite --feeds 1000 \
			--articles 30000 --batch $$batch; done; done
	test -f $(STORE_BENCH_DIR)/million.sqlite || .build/release/feedd-store-bench ingest \
		--store $(STORE_BENCH_DIR)/million.sqlite --feeds 1000 --articles 1000000 --batch 500
	.build/release/feedd-store-bench latency --store $(STORE_BENCH_DIR)/million.sqlite \
		--feedctl .build/release/feedctl --runs 21

# Cleaning benchmark: boilerplate removal, text and story sketches over the benchmark corpus, and story assignment
# into a store of 100,000 articles (needs the corpus: python3 ../shared/bench/gen_corpus.py $(CORPUS_DIR)).
CORPUS_DIR ?= /tmp/feedbench/corpus
CLEAN_BENCH_DIR ?= /tmp/cleanbench
bench-clean: deps
	$(SWIFT) build -c release --product feedd-clean-bench
	test -d $(CORPUS_DIR)/feeds || python3 ../shared/bench/gen_corpus.py $(CORPUS_DIR)
	.build/release/feedd-clean-bench --corpus $(CORPUS_DIR) --work $(CLEAN_BENCH_DIR) --fill 100000 --runs 3

# Digest benchmark: the daily digest of 5,000 new articles from 1,000 feeds (on a store with 50,000 older ones).
DIGEST_BENCH_DIR ?= /tmp/digestbench
bench-digest: deps
	$(SWIFT) build -c release --product feedd-digest-bench
	.build/release/feedd-digest-bench --work $(DIGEST_BENCH_DIR) --feeds 1000 --articles 5000 --history 50000 --runs 5

# Fetch benchmark: feedd --once cold and warm beside curl --parallel and newsboat, against nginx on 127.0.0.1
# serving the corpus of ../shared/bench (needs nginx, newsboat, curl; see ../shared/bench/README.md).
bench-fetch: deps
	$(SWIFT) build -c release --static-swift-stdlib --product feedd
	$(SWIFT) build -c release --static-swift-stdlib --product feedctl
	FEEDD_BIN=$(CURDIR)/.build/release FB_TOOLS="$${FB_TOOLS:-curl newsboat feedd}" FB_THREADS="$${FB_THREADS:-32}" \
		FB_CURL_PAR="$${FB_CURL_PAR:-50}" ../shared/bench/fetch_bench.sh

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Benchmarks

clean:
	rm -rf .build
