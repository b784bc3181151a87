# feedd — build, test and run on Debian 12 with Swift 6.
# `make test` and `make run` install the Debian packages the build needs first (apt-get as root, sudo otherwise).

SWIFT ?= swift
# python3 serves the demo's feeds (make run, and its test).
DEB_PACKAGES := libxml2-dev libcurl4-openssl-dev libpcre2-dev libsodium-dev libsqlite3-dev pkg-config python3
# Only for `make bench`: libxml2's own xmllint is the baseline the parser is measured against.
BENCH_PACKAGES := libxml2-utils python3

.PHONY: all deps bench-deps build test test-api test-systemd fuzz lint run man completions install release-build uninstall \
	deb bench bench-store bench-api \
	bench-clean bench-digest bench-extract bench-fetch format clean

all: build

deps:
	@./.ci/install-deps $(DEB_PACKAGES)

bench-deps:
	@./.ci/install-deps $(BENCH_PACKAGES)

build: deps
	$(SWIFT) build

# Checks the formatting, builds everything (the end-to-end tests run the built feedctl), then runs every suite.
# One test at a time: on 2 cores, tests that wait for processes took both of Swift's cooperative threads for half a
# minute, and async tests' loopback servers timed out meanwhile (a parallel run is 45 s, this one 75 s).
# Then a minute of fuzzing, which also replays the fuzzer's regression corpus.
# Last, the service under a real systemd (root; it fails, never skips, where nspawn cannot boot).
# The release build that the real-systemd test packages is made meanwhile, at the lowest priority and in its own
# folder (.build-release: SwiftPM locks a build folder): the suites mostly wait on processes and sockets, and the
# two builds one after the other took more than the whole budget of `make test` on 2 cores.
test: deps lint man
	$(SWIFT) build --build-tests
	@rm -f .build/release-build.status
	@(nice -n 19 $(MAKE) --no-print-directory release-build BUILD_DIR=.build-release > .build/release-build.log 2>&1; \
		echo $$? > .build/release-build.status) &
	$(SWIFT) test --skip-build --no-parallel
	$(MAKE) --no-print-directory test-api
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60
	@echo "waiting for the release build (.build/release-build.log)"; \
		while [ ! -f .build/release-build.status ]; do sleep 2; done; \
		[ "$$(cat .build/release-build.status)" = 0 ] || { tail -20 .build/release-build.log; exit 1; }
	BUILD_DIR=.build-release $(MAKE) --no-print-directory test-systemd

# The HTTP API end to end (Tests/API): the built feedd and feedctl on a store of 5,000 articles, every Google Reader,
# Fever and digest endpoint, and two clients written by others: newsboat (Debian's; its FeedHQ source speaks Google
# Reader), driven in tmux, and freshrss-api (PyPI, a Fever client) in a venv of its own. About 15 s after the build.
API_VENV := .build/api-venv
API_PACKAGES := newsboat tmux python3 python3-venv
test-api: deps
	@./.ci/install-deps $(API_PACKAGES)
	$(SWIFT) build --product feedd
	$(SWIFT) build --product feedctl
	@[ -x $(API_VENV)/bin/pip ] || python3 -m venv $(API_VENV)
	@# freshrss-api 2.0.5 imports loguru without declaring it.
	$(API_VENV)/bin/pip install --quiet --disable-pip-version-check freshrss-api==2.0.5 loguru==0.7.3
	Tests/API/run .build/debug

# The fuzzer (Fuzzing/README.md): replays Fuzzing/Regressions, then mutates the parsers' fixtures for FUZZ_SECONDS
# in child processes. A finding is saved under Fuzzing/Regressions and fails the target. The debug build is the
# one the tests use (no second build, and assertions stay on); FUZZ_SEED picks other inputs.
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= 14
fuzz: deps
	$(SWIFT) build --product feedd-fuzz
	.build/debug/feedd-fuzz --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED)

# The checked-in .swift-format (4 spaces, 120 columns, ordered imports); `make format` applies it.
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Benchmarks Fuzzing

# The demo (Config/demo): feedd fetches five feeds from a server on 127.0.0.1, stores them under .demo/ and writes
# its first digest; then feedctl shows what it did. Offline. The build is quiet: only errors and warnings show.
run: deps
	@echo "Building feedd and feedctl (a first build takes a few minutes)..."
	@$(SWIFT) build --quiet --product feedd
	@$(SWIFT) build --quiet --product feedctl
	@Config/demo/run .build/debug

# Parse benchmark: feedctl parse --json beside xmllint --stream on the corpus of ../shared/bench.
# feedctl is built as it would be installed: release, Swift runtime linked statically (start-up is then ~18 ms
# instead of ~29 ms, most of it the dynamic loader resolving Swift's shared libraries).
bench: deps bench-deps
	$(SWIFT) build -c release --static-swift-stdlib --product feedctl
	$(SWIFT) build -c release --static-swift-stdlib --product feedd-parse-bench
	.build/release/feedd-parse-bench --feedctl .build/release/feedctl $(BENCH_ARGS)

# The real-systemd test (root): boots Debian 12 under systemd-nspawn and checks the service as `make deb` ships it.
test-systemd:
	bash Tests/Systemd/run

# The man pages are written by hand (man/); this checks that groff reads them without a warning.
MAN_PAGES := man/feedctl.1 man/feedd.8 man/feedd.toml.5
man:
	@./.ci/install-deps groff-base
	@set -e; for page in $(MAN_PAGES); do \
		warnings=$$(LC_ALL=C.UTF-8 groff -k -man -ww -z -Tutf8 $$page 2>&1); \
		if [ -n "$$warnings" ]; then echo "$$warnings" >&2; exit 1; fi; echo "$$page: no warnings"; done

# Shell completions of both programs, from the argument-parser definitions (debug build; install uses release).
completions: build
	mkdir -p .build/completions
	for program in feedctl feedd; do for shell in bash zsh fish; do \
		.build/debug/$$program --generate-completion-script $$shell > .build/completions/$$program.$$shell || exit 1; \
	done; done

# --- Installation -----------------------------------------------------------------------------------------------
# The unit and feedctl read /etc/feedd/feedd.toml whatever PREFIX is, so the configuration does not follow it.
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
CONFIG_FILE := /etc/feedd/feedd.toml
# Debian's places: bookworm ships units in /lib (lintian accepts both), and its zsh reads vendor-completions only
# under /usr; /usr/local/lib/systemd/system and /usr/local/share/zsh/site-functions are searched for /usr/local.
ifeq ($(PREFIX),/usr)
SYSTEMD_UNIT_DIR ?= /lib/systemd/system
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/vendor-completions
else
SYSTEMD_UNIT_DIR ?= $(PREFIX)/lib/systemd/system
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions
endif
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
FISH_COMPLETION_DIR ?= $(PREFIX)/share/fish/vendor_completions.d
PROGRAMS := feedd feedctl
# Files made for installing (the rewritten unit, gzipped pages, completions); never in the tree.
INSTALL_WORK := .build/install
# man/feedd.toml.5 -> $(MANDIR)/man5/feedd.toml.5.gz
man_target = $(MANDIR)/man$(subst .,,$(suffix $(1)))/$(notdir $(1)).gz
INSTALLED_FILES = $(foreach program,$(PROGRAMS),$(BINDIR)/$(program) $(BASH_COMPLETION_DIR)/$(program) \
	$(ZSH_COMPLETION_DIR)/_$(program) $(FISH_COMPLETION_DIR)/$(program).fish) \
	$(SYSTEMD_UNIT_DIR)/feedd.service $(foreach page,$(MAN_PAGES),$(call man_target,$(page)))

# Bind now (full RELRO), as Debian's hardening wants; only the link differs from the bench builds, and start-up
# time does not change.
INSTALL_LDFLAGS := -Xlinker -z -Xlinker now
# Where install's release build is made: .build, or the folder `make test` builds it in beside the tests.
BUILD_DIR ?= .build
# Release build of just the two programs, Swift runtime linked statically (no Swift libraries to ship).
install: deps release-build
	@set -e; for page in $(MAN_PAGES); do [ -f $$page ] || { echo "make install: $$page is missing" >&2; exit 1; }; done
	rm -rf $(INSTALL_WORK)
	mkdir -p $(INSTALL_WORK)
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(BUILD_DIR)/release/feedd $(BUILD_DIR)/release/feedctl $(DESTDIR)$(BINDIR)/
	strip --remove-section=.comment --remove-section=.note --strip-unneeded $(DESTDIR)$(BINDIR)/feedd \
		$(DESTDIR)$(BINDIR)/feedctl
	@# The repository's unit runs /usr/local/bin/feedd; another prefix gets its own path.
	sed 's|^ExecStart=/usr/local/bin/feedd |ExecStart=$(BINDIR)/feedd |' systemd/feedd.service \
		> $(INSTALL_WORK)/feedd.service
	@grep -q '^ExecStart=$(BINDIR)/feedd ' $(INSTALL_WORK)/feedd.service || \
		{ echo "make install: systemd/feedd.service has no 'ExecStart=/usr/local/bin/feedd ' to rewrite" >&2; exit 1; }
	install -d $(DESTDIR)$(SYSTEMD_UNIT_DIR)
	install -m 0644 $(INSTALL_WORK)/feedd.service $(DESTDIR)$(SYSTEMD_UNIT_DIR)/feedd.service
	@# Never overwrite the owner's configuration.
	@if [ -e $(DESTDIR)$(CONFIG_FILE) ]; then \
		echo "kept $(DESTDIR)$(CONFIG_FILE) as it is (Config/feedd.toml is the current example)"; \
	else \
		echo "install -D -m 0644 Config/feedd.toml $(DESTDIR)$(CONFIG_FILE)"; \
		install -D -m 0644 Config/feedd.toml $(DESTDIR)$(CONFIG_FILE); \
	fi
	@# gzip -n: no name or time stamp in the file, so the package is reproducible.
	set -e; for page in $(MAN_PAGES); do name=$${page##*/}; gzip -9n -c $$page > $(INSTALL_WORK)/$$name.gz; \
		install -D -m 0644 $(INSTALL_WORK)/$$name.gz $(DESTDIR)$(MANDIR)/man$${name##*.}/$$name.gz; done
	@# bash-completion sources its files, so they carry no #! line.
	set -e; for program in $(PROGRAMS); do for shell in bash zsh fish; do \
		$(BUILD_DIR)/release/$$program --generate-completion-script $$shell > $(INSTALL_WORK)/$$program.$$shell; done; \
		sed -i '1{/^#!/d}' $(INSTALL_WORK)/$$program.bash; \
		install -D -m 0644 $(INSTALL_WORK)/$$program.bash $(DESTDIR)$(BASH_COMPLETION_DIR)/$$program; \
		install -D -m 0644 $(INSTALL_WORK)/$$program.zsh $(DESTDIR)$(ZSH_COMPLETION_DIR)/_$$program; \
		install -D -m 0644 $(INSTALL_WORK)/$$program.fish $(DESTDIR)$(FISH_COMPLETION_DIR)/$$program.fish; done
	@echo
	@echo "feedd $(VERSION) is installed. The configuration is $(CONFIG_FILE); then:"
	@echo "    systemctl daemon-reload"
	@echo "    systemctl enable --now feedd"

release-build:
	$(SWIFT) build -c release --static-swift-stdlib $(INSTALL_LDFLAGS) --scratch-path $(BUILD_DIR) --product feedd
	$(SWIFT) build -c release --static-swift-stdlib $(INSTALL_LDFLAGS) --scratch-path $(BUILD_DIR) --product feedctl

# Removes what install put there, nothing else: the configuration and the state (the store, the digests) stay.
uninstall:
	@if [ -z "$(DESTDIR)" ] && command -v systemctl > /dev/null && \
		{ systemctl -q is-enabled feedd 2> /dev/null || systemctl -q is-active feedd 2> /dev/null; }; then \
		echo "feedd is still enabled or running: systemctl disable --now feedd" >&2; fi
	rm -f $(addprefix $(DESTDIR),$(INSTALLED_FILES))
	@# In a staging root the directories are install's too; on the system they are shared, and stay.
	@if [ -n "$(DESTDIR)" ]; then for file in $(INSTALLED_FILES); do dir=$(DESTDIR)$${file%/*}; \
		while [ "$$dir" != "$(DESTDIR)" ] && rmdir "$$dir" 2> /dev/null; do dir=$${dir%/*}; done; done; fi
	@echo "kept $(DESTDIR)$(CONFIG_FILE) and /var/lib/feedd (your configuration, store and digests): remove them" \
		"yourself if you want them gone"
	@echo "then: systemctl daemon-reload"

# --- Debian package ---------------------------------------------------------------------------------------------
# The version is feedctl's and feedd's own (they must agree); packaging/changelog's newest entry must be
# VERSION-DEB_REVISION, so a version bump without a changelog entry fails here instead of shipping.
VERSION = $(shell sed -n '/enum FeedctlVersion/,/}/s/.*static let string = "\([^"]*\)".*/\1/p' \
	Sources/feedctl/Feedctl.swift)
FEEDD_VERSION = $(shell sed -n 's/^ *version: "\([^"]*\)".*/\1/p' Sources/feedd/Feedd.swift)
DEB_REVISION ?= 1
DEB_VERSION = $(VERSION)-$(DEB_REVISION)
# Where the .deb goes (feedd_VERSION-REVISION_ARCH.deb): outside the tracked tree.
DEB_DIR ?= .build
# dpkg-shlibdeps and dpkg-gencontrol expect debian/control and the package root at debian/PACKAGE.
DEB_WORK := .build/deb
DEB_ROOT := $(DEB_WORK)/debian/feedd
deb:
	@./.ci/install-deps dpkg-dev
	@[ -n "$(VERSION)" ] && [ "$(VERSION)" = "$(FEEDD_VERSION)" ] || \
		{ echo "make deb: feedctl says '$(VERSION)', feedd '$(FEEDD_VERSION)'" >&2; exit 1; }
	@changelog=$$(dpkg-parsechangelog -l packaging/changelog -S Version); [ "$$changelog" = "$(DEB_VERSION)" ] || \
		{ echo "make deb: packaging/changelog is at $$changelog, not $(DEB_VERSION): add an entry" >&2; exit 1; }
	rm -rf $(DEB_WORK)
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(DEB_ROOT) PREFIX=/usr
	@set -e; for program in $(PROGRAMS); do version=$$($(DEB_ROOT)/usr/bin/$$program --version); \
		[ "$$version" = "$(VERSION)" ] || { echo "make deb: $$program --version says $$version" >&2; exit 1; }; done
	install -D -m 0644 packaging/copyright $(DEB_ROOT)/usr/share/doc/feedd/copyright
	gzip -9n -c packaging/changelog > $(DEB_WORK)/changelog.Debian.gz
	install -m 0644 $(DEB_WORK)/changelog.Debian.gz $(DEB_ROOT)/usr/share/doc/feedd/
	install -d $(DEB_ROOT)/DEBIAN
	install -m 0755 packaging/postinst packaging/prerm packaging/postrm $(DEB_ROOT)/DEBIAN/
	@# Every file under /etc is a conffile: dpkg keeps the owner's changes on upgrade and removal.
	(cd $(DEB_ROOT) && find etc -type f | sed 's|^|/|' | LC_ALL=C sort) > $(DEB_WORK)/conffiles
	install -m 0644 $(DEB_WORK)/conffiles $(DEB_ROOT)/DEBIAN/conffiles
	@# md5sums for dpkg --verify / debsums; conffiles have theirs in dpkg's status (as dh_md5sums does).
	(cd $(DEB_ROOT) && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\0' | LC_ALL=C sort -z | \
		xargs -0 md5sum) > $(DEB_WORK)/md5sums
	install -m 0644 $(DEB_WORK)/md5sums $(DEB_ROOT)/DEBIAN/md5sums
	install -m 0644 packaging/control $(DEB_WORK)/debian/control
	install -m 0644 packaging/changelog $(DEB_WORK)/debian/changelog
	@# Depends: the packages of the shared libraries the binaries load (the Swift runtime is inside them).
	cd $(DEB_WORK) && dpkg-shlibdeps -Tdebian/feedd.substvars debian/feedd/usr/bin/feedd debian/feedd/usr/bin/feedctl
	cd $(DEB_WORK) && dpkg-gencontrol -pfeedd -Tdebian/feedd.substvars -Pdebian/feedd
	mkdir -p $(DEB_DIR)
	SOURCE_DATE_EPOCH=$$(dpkg-parsechangelog -l packaging/changelog -S Timestamp) \
		dpkg-deb --root-owner-group --build $(DEB_ROOT) $(DEB_DIR)
	@echo "built $(DEB_DIR)/feedd_$(DEB_VERSION)_$$(dpkg-architecture -qDEB_HOST_ARCH).deb; check it with:" \
		"lintian --info --display-info $(DEB_DIR)/feedd_$(DEB_VERSION)_*.deb"

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

# Extraction benchmark: full text (auto and each page's rule) against the labelled pages of Benchmarks/ExtractCorpus:
# word precision, recall and F1, and pages per second.
bench-extract: deps
	$(SWIFT) build -c release --product feedd-extract-bench
	.build/release/feedd-extract-bench --runs 7
	.build/release/feedd-extract-bench --runs 7 --corpus Benchmarks/ExtractHeldOut

# Fetch benchmark: feedd --once cold and warm beside curl --parallel and newsboat, against nginx on 127.0.0.1
# serving the corpus of ../shared/bench (needs nginx, newsboat, curl; see ../shared/bench/README.md).
bench-fetch: deps
	$(SWIFT) build -c release --static-swift-stdlib --product feedd
	$(SWIFT) build -c release --static-swift-stdlib --product feedctl
	FEEDD_BIN=$(CURDIR)/.build/release FB_TOOLS="$${FB_TOOLS:-curl newsboat feedd}" FB_THREADS="$${FB_THREADS:-32}" \
		FB_CURL_PAR="$${FB_CURL_PAR:-50}" ../shared/bench/fetch_bench.sh
	FEEDD_BIN=$(CURDIR)/.build/release Benchmarks/fetch-memory.sh

# API benchmark (Benchmarks/api-bench.sh): the Google Reader reading list and its ids, 50 clients of wrk on a store of
# a million articles (the bench-store one, copied: never written), with no cycle and beside a cold cycle of the
# corpus's 1000 feeds; then that cycle's duration without [api], with it idle and with it loaded. nginx serves the
# corpus on 127.0.0.1 (../shared/bench/serve.sh). Same release builds as bench-fetch. Knobs: the script's header.
bench-api: deps
	@./.ci/install-deps wrk curl sqlite3 python3
	@[ -x /usr/sbin/nginx ] || command -v nginx > /dev/null || ./.ci/install-deps nginx
	$(SWIFT) build -c release --static-swift-stdlib --product feedd
	$(SWIFT) build -c release --static-swift-stdlib --product feedctl
	test -d $(CORPUS_DIR)/feeds || python3 ../shared/bench/gen_corpus.py $(CORPUS_DIR)
	@if [ ! -f $(STORE_BENCH_DIR)/million.sqlite ]; then set -e; \
		$(SWIFT) build -c release --product feedd-store-bench; mkdir -p $(STORE_BENCH_DIR); \
		.build/release/feedd-store-bench ingest --store $(STORE_BENCH_DIR)/million.sqlite --feeds 1000 \
			--articles 1000000 --batch 500; fi
	FEEDD_BIN=$(CURDIR)/.build/release CORPUS=$(CORPUS_DIR) MILLION_STORE=$(STORE_BENCH_DIR)/million.sqlite \
		bash Benchmarks/api-bench.sh

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Benchmarks Fuzzing

clean:
	rm -rf .build
