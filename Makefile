# The two set-up commands (see README.md):
#   make briefing   install missing system packages, build in release mode, run the main job
#   make test       install missing system packages, build everything, run every test,
#                   then check a published site in nginx and Chromium (make site-checks)
SWIFT ?= swift
# The release build links the Swift runtime statically: a self-contained binary that
# starts in half the time (scripts/bench-markdown builds through `make release` too).
# The linker's warning about mktemp in the static Foundation archive is harmless.
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: briefing test site-checks deps release bench clean

briefing: deps release
	@bin="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)"; \
	"$$bin/briefing" weekly && "$$bin/briefing" publish

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	@$(MAKE) --no-print-directory site-checks

# The site as readers see it: publish two briefings of the bundled workspace into a temporary
# folder, then check every link, the HTML5, the feed and the sitemap (check-site-links), serve it
# with nginx on loopback (check-nginx) and render it in headless Chromium (check-browser, whose
# screenshots and DOM stay in .build/site-checks/browser/), search it in Chromium through nginx
# (check-nginx), and edit a scenario while `briefing serve` (the release build: the one-second
# limit is for what authors run) shows the draft in Chromium (check-live-reload). All run; any
# failure fails.
# The scripts install nginx, Chromium and html5lib when missing (as root).
site-checks: deps
	@scripts/install-deps --site
	$(SWIFT) build --product briefing
	@set -u; site="$$(mktemp -d "$${TMPDIR:-/tmp}/briefing-site.XXXXXX")"; chmod 755 "$$site"; \
	port="$$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"; \
	scripts/site-fixture "$$site" "http://127.0.0.1:$$port/" || { rm -rf "$$site"; exit 1; }; \
	status=0; \
	for check in check-site-links check-browser check-nginx; do \
	  start=$$(date +%s); \
	  scripts/$$check "$$site" || { status=1; echo "make: scripts/$$check failed" >&2; }; \
	  echo "site-checks: $$check took $$(( $$(date +%s) - start ))s"; \
	done; \
	$(SWIFT) build $(RELEASE_FLAGS) --product briefing >/dev/null && \
	BRIEFING="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/briefing" scripts/check-live-reload \
	  || { status=1; echo "make: scripts/check-live-reload failed" >&2; }; \
	if [ $$status -eq 0 ]; then rm -rf "$$site"; else echo "site-checks: the site is kept in $$site" >&2; fi; \
	exit $$status

deps:
	@scripts/install-deps --search

release:
	$(SWIFT) build $(RELEASE_FLAGS) --product briefing

bench:
	@scripts/install-deps --bench
	scripts/bench-markdown

clean:
	rm -rf .build
