#!/usr/bin/env bash
# Installs the senders' own signing libraries from PyPI (requirements.txt: slack_sdk,
# standardwebhooks, stripe) into a venv under .build/, for the preset tests
# (Tests/HostTests/ListenerPresetTests.swift). Idempotent: a venv that already has them is
# kept, and concurrent callers wait for one install. Prints the venv's python on success;
# fails loudly, naming PyPI, when it cannot install.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.build/signers-venv"
requirements="$root/scripts/signers/requirements.txt"
stamp="$venv/requirements.txt"
# Tests of several suites call this at once (swift test runs them in parallel): one installs,
# the others wait for it and then find the venv ready.
mkdir -p "$root/.build"
exec 9>"$root/.build/signers-venv.lock"
flock 9
if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$stamp"; then
    echo "$venv/bin/python"
    exit 0
fi
rm -rf "$venv"
if ! python3 -m venv "$venv" >&2; then
    echo "signers: python3 -m venv failed (scripts/install-deps.sh installs python3-venv)" >&2
    exit 1
fi
if ! "$venv/bin/python" -m pip install --quiet -r "$requirements" >&2; then
    echo "signers: could not install $(grep -v '^#' "$requirements" | tr '\n' ' ')from PyPI: is PyPI reachable? The preset tests sign with these libraries." >&2
    exit 1
fi
cp "$requirements" "$stamp"
echo "$venv/bin/python"
