#!/usr/bin/env bash
# The mapper playground in headless Chromium (docs/playground.md): loads /ui against a live
# `intake serve` with stored samples, edits a mapper, checks the incidents and an error mark,
# saves, and posts a payload the saved mapper maps. Screenshots go to .build/ui-screenshots/.
#
#   scripts/ui-test.sh [path/to/intake]     # default: the debug build (swift build first)
#
# Needs chromium and chromium-driver (scripts/install-deps.sh) and Python 3's standard library
# only: chromedriver is driven over its W3C WebDriver HTTP API. Bounded to 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-$(swift build --show-bin-path)/intake}"
[ -x "$binary" ] || { echo "error: $binary is not built (swift build)" >&2; exit 2; }
exec timeout 240 python3 scripts/ui_test.py "$binary"
