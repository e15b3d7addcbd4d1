#!/usr/bin/env bash
# Installs the system packages Intake builds and tests against (Debian 12).
# Idempotent: packages already present are left alone, so CI pays for apt only once per machine.
set -euo pipefail
packages=(libyaml-dev libpcre2-dev libsqlite3-dev pkg-config tzdata curl postgresql openssl wabt python3 python3-venv wrk jq linux-perf chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
