#!/usr/bin/env bash
# Release build, a listener with default limits on a free loopback port, then
# Benchmarks/hostile-bodies.py against it (the 50,000-field form and 1 MiB multipart body of
# issue 10, as ratios to a 2-byte JSON post, with a bystander's worst /healthz).
#
#   Benchmarks/hostile-bodies.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product intake >&2
folder=$(mktemp -d /tmp/intake-hostile-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$folder/mappers"
cat >"$folder/intake.yaml" <<YAML
listen: { host: 127.0.0.1, port: $port }
storage: { sqlite: intake.db }
mappers: mappers
instances:
  - { name: open, auth: none }
YAML
.build/release/intake serve --config "$folder/intake.yaml" >"$folder/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$folder"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
python3 Benchmarks/hostile-bodies.py "$port" "${1:-5}"
