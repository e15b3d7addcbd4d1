#!/usr/bin/env bash
# Runs every test of Intake: unit tests, the JSONPath and mapping conformance suites (read from
# ../shared when present), the tests that run the real binary and server, and every store test
# on SQLite and on PostgreSQL. Builds once (debug, with tests); PostgreSQL is a throw-away
# cluster scripts/with-postgres.sh starts and removes. The tests that stop the database run in
# a second pass on a cluster of their own, since they would fail the others meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
bash scripts/with-postgres.sh swift test --skip-build --skip DatabaseOutageTests
INTAKE_TEST_POSTGRES_EXCLUSIVE=1 bash scripts/with-postgres.sh swift test --skip-build --filter DatabaseOutageTests
