#!/usr/bin/env bash
# The mapping engine against jq applying the same mapping to the same payloads, in one run:
#
#   Benchmarks/engine-vs-jq.sh [N] [ROUNDS]     (default 50000 payloads, 5 rounds; ~1 min)
#
# `intake dry-run` with Benchmarks/http/forms-bench.yaml against `jq -f forms-bench.jq`, both on
# one JSON array file of N Google Forms payloads; the two must give identical incidents before
# anything is timed. Prints each one's median CPU seconds and payloads/s and their ratio.
# INTAKE_BIN overrides the binary (else this tree's release build).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
intake=${INTAKE_BIN:-}
if [ -z "$intake" ]; then
  swift build -c release --product intake >/dev/null
  intake=$PWD/.build/release/intake
fi
exec python3 Benchmarks/engine_vs_jq.py "$intake" "${1:-50000}" "${2:-5}"
