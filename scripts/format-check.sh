#!/usr/bin/env bash
# Checks that every Swift file of the package is formatted as .swift-format says, with the
# swift-format that ships in the Swift toolchain (`swift format`). Exits non-zero and lists
# the offending lines when a file differs; fix with `scripts/format-check.sh --fix`.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -- '*.swift' ':!:Fuzz/**/Corpus/**')
if [[ "${1:-}" == "--fix" ]]; then
    swift format format --in-place --parallel --configuration .swift-format "${files[@]}"
    exit 0
fi
swift format lint --strict --parallel --configuration .swift-format "${files[@]}"
