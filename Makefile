# The two set-up commands (see README.md):
#   make briefing   install missing system packages, build in release mode, run the main job
#   make test       install missing system packages, build everything, run every test
SWIFT ?= swift
# The release build links the Swift runtime statically: a self-contained binary that
# starts in half the time (scripts/bench-markdown builds through `make release` too).
# The linker's warning about mktemp in the static Foundation archive is harmless.
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: briefing test deps release bench clean

briefing: deps release
	@bin="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)"; \
	"$$bin/briefing" weekly && "$$bin/briefing" publish

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

deps:
	@scripts/install-deps

release:
	$(SWIFT) build $(RELEASE_FLAGS) --product briefing

bench:
	@scripts/install-deps --bench
	scripts/bench-markdown

clean:
	rm -rf .build
