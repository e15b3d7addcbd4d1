#!/usr/bin/env bash
# Kills `intake serve` with SIGKILL at random moments while concurrent senders post, restarts
# it, N rounds; prints acknowledged / stored / lost / duplicated and SQLite's integrity_check
# (scripts/crash_test.py says how). Exit 1 on any loss, duplicate or damage.
#
#   scripts/crash-test.sh [ROUNDS] [extra crash_test.py options, e.g. --senders 8 --seed 42]
#
# Uses the debug build (scripts/test.sh builds it); builds it when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
swift build --product intake 2>&1 | tail -n 1
exec python3 scripts/crash_test.py --binary "$(swift build --show-bin-path)/intake" --rounds "$rounds" "$@"
