#!/usr/bin/env bash
# Installs what Intake needs on Debian 12, builds it (release) and starts `intake serve` on the
# embedded default: 127.0.0.1:8000, SQLite at ./intake.db, the shipped mappers and
# the example plugins (mappers/plugins/). Extra arguments
# go to `intake serve` (e.g. --config my.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build-plugins.sh
swift build -c release --product intake
exec .build/release/intake serve "$@"
