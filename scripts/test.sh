#!/usr/bin/env bash
# Runs every test of Intake: unit tests, the JSONPath and mapping conformance suites (read from
# ../shared when present), and the tests that run the real binary and server.
# Builds the example WebAssembly plugins, builds once (debug, with tests), then tests once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build-plugins.sh
swift build --build-tests
swift test --skip-build
