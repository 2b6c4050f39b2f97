# Safeguard: the two commands a newcomer needs are `make demo` and `make test`.
# Each installs what is missing (Debian packages, via scripts/install-deps.sh), then builds.

BUILD_DIR ?= build
# Release (-O2, no debug info) keeps CI's clean build inside its budget; use
# `make BUILD_TYPE=RelWithDebInfo` for a build a debugger can read.
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
# Warnings are errors in CI (CI=true) and for anyone who asks with WERROR=ON.
WERROR ?= $(if $(CI),ON,OFF)
SAFEGUARD := $(BUILD_DIR)/src/cli/safeguard
DEMO_DB ?= demo.db
DEMO_PORT ?= 8080
WEB_ASSETS := $(BUILD_DIR)/web-assets

.PHONY: all deps configure build test demo bench format format-check clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DSAFEGUARD_WERROR=$(WERROR) > $(BUILD_DIR).configure.log 2>&1 \
	  || { cat $(BUILD_DIR).configure.log; exit 1; }

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) --timeout 900

# Builds the demo authority, then serves it at http://127.0.0.1:$(DEMO_PORT) until Ctrl-C.
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(SAFEGUARD) demo --db $(DEMO_DB)
	@$(SAFEGUARD) summary --db $(DEMO_DB)
	@echo
	@echo "Open http://127.0.0.1:$(DEMO_PORT)/ and sign in with one of the sign-ins above"
	@echo "(username, and password demo-<username>). Ctrl-C stops the server."
	@echo
	@$(SAFEGUARD) serve --db $(DEMO_DB) --bind 127.0.0.1 --port $(DEMO_PORT) --assets $(WEB_ASSETS)

bench: build
	@bash bench/run.sh $(SAFEGUARD) $(BUILD_DIR)

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

format-check:
	@git ls-files '*.h' '*.cc' | xargs clang-format --dry-run --Werror

clean:
	@rm -rf $(BUILD_DIR) $(BUILD_DIR).configure.log
