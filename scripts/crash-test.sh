#!/usr/bin/env bash
# Kills `intake serve` with SIGKILL at random moments while concurrent senders post, restarts
# it, N rounds; prints acknowledged / stored / lost / duplicated and SQLite's integrity_check
# (scripts/crash_test.py says how). Exit 1 on any loss, duplicate or damage.
#
#   scripts/crash-test.sh [ROUNDS] [extra crash_test.py options, e.g. --senders 8 --seed 42]
#
# Uses the debug build as it is (scripts/test.sh has just built it; after a change, run
# `swift build` first); builds it only when missing, because `swift build --product intake`
# after `swift build --build-tests` recompiles for a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
binary="$(swift build --show-bin-path)/intake"
[ -x "$binary" ] || swift build --product intake 2>&1 | tail -n 1
exec python3 scripts/crash_test.py --binary "$binary" --rounds "$rounds" "$@"
