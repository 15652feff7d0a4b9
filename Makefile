# The two set-up commands (see README.md):
#   make briefing   install missing system packages, build in release mode, run the main job
#   make test       install missing system packages, check the style (make lint), build
#                   everything, run every test, then check a published site in nginx and
#                   Chromium (make site-checks)
SWIFT ?= swift
# The release build links the Swift runtime statically: a self-contained binary that
# starts in half the time (scripts/bench-markdown builds through `make release` too).
# The linker's warning about mktemp in the static Foundation archive is harmless.
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: briefing test lint site-checks editions-checks deps release bench clean man install

# The binary it runs is installed stripped as bin/briefing (debug symbols are 63 MB of the 144 MB
# release build; docs/benchmarks.md "Shipping size" says what the remaining 79 MB are); the
# unstripped build stays in .build/release/ for crash reports with symbols.
briefing: deps release
	@scripts/install-deps --editions
	@mkdir -p bin && strip -o bin/briefing "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/briefing"
	bin/briefing weekly && bin/briefing publish

# The preview server's suites wait in real time for a real server on a loopback port. Beside the
# CPU-bound suites on a two-core machine the test runner's threads can be busy for minutes, and
# those waits run out; so they run on their own, after every other suite (19 tests, ~10 s).
test: deps
	@$(MAKE) --no-print-directory lint
	@scripts/install-deps --editions
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip BriefingServerTests
	$(SWIFT) test --skip-build --filter BriefingServerTests
	scripts/check-architecture
	@$(MAKE) --no-print-directory site-checks
	@$(MAKE) --no-print-directory editions-checks

# The site as readers see it: publish two briefings of the bundled workspace into a temporary
# folder, then check every link, the HTML5, the feed and the sitemap (check-site-links), serve it
# with nginx on loopback (check-nginx) and render it in headless Chromium (check-browser, whose
# screenshots and DOM stay in .build/site-checks/browser/), and print its pages to PDF in Chromium
# with the disclaimer on every printed page (check-print, .build/site-checks/print/). check-nginx
# also searches the site in Chromium (Pagefind's index, a vendor and an event headline), and
# check-live-reload edits a scenario while `briefing serve` shows the draft in Chromium. All run;
# any failure fails. The scripts install nginx, Chromium, poppler-utils and html5lib when missing (as root).
site-checks: deps
	@scripts/install-deps --site
	$(SWIFT) build --product briefing
	@set -u; site="$$(mktemp -d "$${TMPDIR:-/tmp}/briefing-site.XXXXXX")"; chmod 755 "$$site"; \
	port="$$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"; \
	scripts/site-fixture "$$site" "http://127.0.0.1:$$port/" || { rm -rf "$$site" "$$(dirname "$$site")/.$$(basename "$$site").versions"; exit 1; }; \
	status=0; \
	for check in check-site-links check-nginx check-browser check-print; do \
	  start=$$(date +%s); \
	  scripts/$$check "$$site" || { status=1; echo "make: scripts/$$check failed" >&2; }; \
	  echo "site-checks: $$check took $$(( $$(date +%s) - start ))s"; \
	done; \
	start=$$(date +%s); \
	BRIEFING="$$($(SWIFT) build --show-bin-path)/briefing" scripts/check-live-reload \
	  || { status=1; echo "make: scripts/check-live-reload failed" >&2; }; \
	echo "site-checks: check-live-reload took $$(( $$(date +%s) - start ))s"; \
	if [ $$status -eq 0 ]; then rm -rf "$$site" "$$(dirname "$$site")/.$$(basename "$$site").versions"; \
	else echo "site-checks: the site is kept in $$site" >&2; fi; \
	exit $$status

# swift-format in lint mode with the checked-in .swift-format (4-space indentation, lines up to
# 200 characters). scripts/lint says which rules are off and why, and counts the line-layout
# findings it reports without failing (the code is laid out by hand; no mass reformat).
lint:
	@scripts/lint

# The PDF and e-mail editions of the bundled workspace and of a fresh monthly one, checked with
# pdfinfo/pdftotext, Python's email package and a 600 px Chromium rendering (scripts/check-editions).
editions-checks: deps
	@scripts/install-deps --editions
	$(SWIFT) build --product briefing
	scripts/check-editions

deps:
	@scripts/install-deps --search

release:
	$(SWIFT) build $(RELEASE_FLAGS) --product briefing

# docs/man/briefing.1 from the command definitions, by swift-argument-parser's generate-manual
# plugin (it builds the package, runs `briefing --experimental-dump-help` and writes troff). The
# date is the last commit's, so regenerating an unchanged tree gives the same file.
man:
	$(SWIFT) package plugin generate-manual --configuration debug --date "$$(git log -1 --format=%cs 2>/dev/null || echo 2026-01-01)"
	@mkdir -p docs/man
	cp "$$(find .build/plugins -path '*GenerateManual*' -name briefing.1 | head -n 1)" docs/man/briefing.1

# The release binary, its man page and the bash, zsh and fish completions (generated by the
# binary itself), under $(DESTDIR)$(PREFIX).
PREFIX ?= /usr/local
install: release
	@bin="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/briefing"; \
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d" && \
	install -s -m 755 "$$bin" "$(DESTDIR)$(PREFIX)/bin/briefing" && \
	install -m 644 docs/man/briefing.1 "$(DESTDIR)$(PREFIX)/share/man/man1/briefing.1" && \
	"$$bin" --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/briefing" && \
	"$$bin" --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_briefing" && \
	"$$bin" --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/briefing.fish" && \
	echo "installed $(DESTDIR)$(PREFIX)/bin/briefing, its man page and bash, zsh and fish completions"

bench:
	@scripts/install-deps --bench
	scripts/bench-markdown

clean:
	rm -rf .build
