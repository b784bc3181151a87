# feedd — build, test and run on Debian 12 with Swift 6.
# `make test` and `make run` install the Debian packages the build needs first (apt-get as root, sudo otherwise).

SWIFT ?= swift
DEB_PACKAGES := libxml2-dev libcurl4-openssl-dev libsqlite3-dev pkg-config
# Only for `make bench`: libxml2's own xmllint is the baseline the parser is measured against.
BENCH_PACKAGES := libxml2-utils python3

.PHONY: all deps bench-deps build test lint run bench format clean

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

# Until the daemon exists: parse the bundled example feed and show what feedd reads in it.
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

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Benchmarks

clean:
	rm -rf .build
