#!/usr/bin/env bash
# Runs every test of Intake: unit tests, the JSONPath and mapping conformance suites (read from
# ../shared; required when CI=true), the tests that run the real binary and server, every store
# test on SQLite and on PostgreSQL, a short crash test, a short fuzz run, and the mapper
# playground in headless Chromium (scripts/ui-test.sh).
# Builds the example WebAssembly plugins, builds once (debug, with tests), then tests. PostgreSQL
# is a throw-away cluster scripts/with-postgres.sh starts and removes; the database-outage test
# (DatabaseOutageTests) stops and restarts that cluster, so it runs alone, after the others.
set -euo pipefail
cd "$(dirname "$0")/.."
# The conformance suites read their data from ../shared (docs/testing.md). Without it they show
# as skipped; in CI (CI=true) that would hide them, so the run stops here instead.
if [ ! -d ../shared/conformance ]; then
    if [ "${CI:-}" = true ]; then
        echo "error: $(cd .. && pwd)/shared/conformance is absent: the conformance suites cannot run (CI=true)" >&2
        exit 1
    fi
    echo "warning: ../shared/conformance is absent: the conformance suites will show as skipped" >&2
fi
bash scripts/install-deps.sh
# Every Swift file is formatted as .swift-format says (fix: scripts/format-check.sh --fix).
bash scripts/format-check.sh
bash scripts/build-plugins.sh
swift build --build-tests
# The editor schemas (intake schema) against every shipped file and the broken examples, with
# PyPI's jsonschema (docs/editors.md).
bash scripts/schema/check.sh
# Short versions of the documented long runs (docs/testing.md): 3 SIGKILL rounds, and each
# fuzz target for 10 s from the committed seed corpus.
bash scripts/crash-test.sh 3
bash scripts/fuzz.sh 10
# The benchmark scripts stay runnable: 1 s per phase on the debug binary (figures meaningless), and
# the engine-vs-jq equivalence check, which fails if intake and jq stop mapping alike.
INTAKE_BIN=$PWD/.build/debug/intake bash scripts/bench-http.sh --duration 1 >/dev/null
INTAKE_BIN=$PWD/.build/debug/intake bash Benchmarks/engine-vs-jq.sh 2000 1 >/dev/null
# The Swift step package example builds against this checkout (Transforms only) and runs its test.
(cd Examples/TicketSteps && swift build --build-tests && swift test --skip-build)
# The senders' own signing libraries from PyPI, for the preset tests (scripts/signers/).
bash scripts/signers/setup.sh >/dev/null
bash scripts/with-postgres.sh bash -c 'swift test --skip-build --skip DatabaseOutageTests &&
    INTAKE_TEST_POSTGRES_EXCLUSIVE=1 swift test --skip-build --filter DatabaseOutageTests'
# The mapper playground in headless Chromium (docs/playground.md), against the debug binary.
bash scripts/ui-test.sh
