#!/usr/bin/env bash
# The per-call cost of a WebAssembly step against built-in steps (docs/plugins.md).
# usage: Benchmarks/plugins.sh [--quick]   (release build of intake-plugin-bench, then one run)
set -euo pipefail
cd "$(dirname "$0")/.."
bench_args=()
[ "${1:-}" = "--quick" ] && bench_args=(--calls 2000 --rounds 3)
bash scripts/build-plugins.sh >&2
swift build -c release --product intake-plugin-bench >&2
echo "== $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
.build/release/intake-plugin-bench mappers/plugins "${bench_args[@]}"
