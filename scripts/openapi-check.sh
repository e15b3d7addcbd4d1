#!/usr/bin/env bash
# Runs schemathesis (PyPI) against a live `intake serve` for a bounded time: every response must
# match docs/openapi.yaml (status, content type, headers, schema) and none may be a 5xx.
#
#   scripts/openapi-check.sh [SECONDS]      # time budget per listener (default 60)
#
# schemathesis is installed into .build/schemathesis-venv on first use. The server runs the
# debug build (`swift build` first after a change) on free loopback ports with an SQLite store
# in a temporary folder, an admin token, samples kept, an HMAC instance with one refused
# request, and an instance on its own port for `POST /`. Exit 1 when schemathesis reports a failure. docs/testing.md has the last result.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
venv=.build/schemathesis-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'schemathesis>=4.32,<5'
fi
binary="$(swift build --show-bin-path)/intake"
[ -x "$binary" ] || swift build --product intake 2>&1 | tail -n 1

folder=$(mktemp -d /tmp/intake-openapi-XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
own_port=$(free_port)
token=openapi-check-token
mkdir -p "$folder/mappers"
cp mappers/incident-types.yaml mappers/google-forms-sheets.yaml "$folder/mappers/"
cat >"$folder/intake.yaml" <<YAML
listen: { host: 127.0.0.1, port: $port }
storage: { sqlite: intake.db }
mappers: mappers
admin: { token: "$token" }
instances:
  - name: forms
    incident_type: Unclassified
    auth: none
    store_samples: true
  - name: own-port
    incident_type: Unclassified
    auth: none
    port: $own_port
  - name: signed
    incident_type: Unclassified
    auth: { hmac: { header: X-Signature, secret: openapi-check-secret, prefix: "sha256=" } }
YAML
"$binary" serve --config "$folder/intake.yaml" >"$folder/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$folder"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.1
done
# A payload of each kind, so that listings, samples and dry-runs have something to show.
curl -sf -X POST "http://127.0.0.1:$port/instance/execute/forms" -H 'Content-Type: application/json' \
  --data @samples/google_forms/sheets_trigger_phishing.json >/dev/null
curl -sf -X POST "http://127.0.0.1:$port/instance/execute/forms" -d 'occurred=not-a-date' >/dev/null
curl -s -X POST "http://127.0.0.1:$port/instance/execute/signed" -H 'X-Signature: sha256=00' --data '{}' >/dev/null

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
status=0
run() {
  "$venv/bin/schemathesis" run docs/openapi.yaml --checks "$checks" --max-time "$seconds" \
    --header "Authorization: Bearer $token" --request-timeout 10 --seed 1 --no-color "$@" || status=1
}
echo "== main listener (every route but an instance's own POST /)"
run --url "http://127.0.0.1:$port" --exclude-path /
echo "== an instance's own port (POST / and the refused methods)"
run --url "http://127.0.0.1:$own_port" --include-path /
if grep -q "Fatal error\|Internal error" "$folder/serve.log"; then
  echo "openapi-check: the server log has internal errors:"; grep "Fatal error\|Internal error" "$folder/serve.log" | head
  status=1
fi
exit $status
