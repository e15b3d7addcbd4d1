#!/usr/bin/env bash
# End-to-end ingestion benchmark: the real `intake serve` (release build) on loopback, driven
# by wrk, each figure printed beside the HTTP stack's own ceiling measured in the same run.
#
#   scripts/bench-http.sh [--duration S] [--connections N] [--postgres [--listeners N]] [--scaling] [--profile] [--engine] [--all]
#
# Phases, each `--duration` seconds (default 10) at `--connections` (default 64):
#   healthz   GET /healthz: what Hummingbird and the connection handling cost, nothing else
#   ingest    POST a ~440-byte Google Forms payload, a unique dedup key per request, mapped by
#             Benchmarks/http/forms-bench.yaml (a filter path, two lookups, a template,
#             `extract: url`), stored durably (200 only after the commit), no samples kept
#   samples   the same with `store_samples: true` (the sample ring written per payload)
#   hmac      the same with GitHub-style HMAC auth (pre-signed bodies, Benchmarks/http/payloads.py)
# For each: requests/s, p50/p99 latency, requests/s as a ratio to healthz, the server's CPU
# microseconds per request (utime+stime from /proc), and at the end the server's peak RSS and
# how many requests shared a commit (group commit).
#   --scaling  also healthz and ingest at 16, 64 and 256 connections (each ratio to the healthz
#              of the same connection count), and ingest of 4 KB and 32 KB payloads (the same
#              form with a long free-text answer the mapper does not read)
#   --profile  one more ingest phase under `perf record -g` (linux-perf): the server's CPU time
#              per request by component (Benchmarks/http/profile_components.py)
#   --engine   then the engine against jq on 20,000 payloads (Benchmarks/engine_vs_jq.py, 3 rounds)
#   --all      --scaling, --profile and --engine: every figure of docs/performance.md in one run
# The server is pinned to CPU 0 and wrk to CPU 1 when there are two or more.
# --postgres runs the same against a throw-away PostgreSQL cluster (scripts/with-postgres.sh).
#   --listeners N  (with --postgres) N `intake serve` processes on that one database, as behind a
#              load balancer: healthz and ingest on the first listener alone, then on all N
#              (phases healthz:N and ingest:N), the connections split evenly (one wrk per
#              listener, run together; requests/s summed, p50/p99 of the slower). Each ratio
#              is to the healthz of the same listeners, and the last line gives ingest on N
#              listeners as a ratio to ingest on one. Nothing is pinned to a CPU then: the
#              listeners, the database and wrk share every core.
# Figures vary with machine load: compare the ratios, not the absolute numbers, across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10 connections=64 postgres=0 listeners=1 scaling=0 profile=0 engine=0
arguments=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --postgres) postgres=1; shift ;;
    --listeners) listeners=$2; shift 2 ;;
    --scaling) scaling=1; shift ;;
    --profile) profile=1; shift ;;
    --engine) engine=1; shift ;;
    --all) scaling=1 profile=1 engine=1; shift ;;
    -h|--help) sed -n 2,35p "$0"; exit 0 ;;
    *) echo "$0: unknown argument $1" >&2; exit 2 ;;
  esac
done
if ! [[ "$listeners" =~ ^[1-9][0-9]*$ ]] || { [ "$listeners" -gt 1 ] && [ "$postgres" = 0 ]; }; then
  echo "$0: --listeners N needs N >= 1, and --postgres for more than one (SQLite serves one process)" >&2
  exit 2
fi

if [ "$postgres" = 1 ] && [ -z "${INTAKE_TEST_POSTGRES_URL:-}" ]; then
  bash scripts/install-deps.sh
  exec bash scripts/with-postgres.sh "$0" "${arguments[@]}"
fi
bash scripts/install-deps.sh
# INTAKE_BIN: a binary already built (e.g. to compare two commits); else this tree's release build.
intake=${INTAKE_BIN:-}
if [ -z "$intake" ]; then
  swift build -c release --product intake >/dev/null
  intake=$PWD/.build/release/intake
fi

work=$(mktemp -d /tmp/intake-bench-http.XXXXXX)
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

server_cpus=() wrk_cpus=()
if [ "$(nproc)" -ge 2 ] && [ "$listeners" = 1 ]; then server_cpus=(taskset -c 0); wrk_cpus=(taskset -c 1); fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
secret=bench-secret
mkdir -p "$work/mappers"
cp Benchmarks/http/forms-bench.yaml Benchmarks/http/bench-types.yaml "$work/mappers/"
if [ "$postgres" = 1 ]; then storage="{ postgres: \"$INTAKE_TEST_POSTGRES_URL\" }"; else storage="{ sqlite: $work/intake.db }"; fi
cat >"$work/intake.yaml" <<YAML
listen: { host: 127.0.0.1, port: $port }
storage: $storage
mappers: $work/mappers
limits: { max_remembered_signatures: 10000000 }
instances:
  - { name: ingest, incident_type: Unclassified, auth: none, mappers: [forms-bench] }
  - { name: samples, incident_type: Unclassified, auth: none, store_samples: true, mappers: [forms-bench] }
  - name: hmac
    incident_type: Unclassified
    mappers: [forms-bench]
    auth: { hmac: { header: X-Hub-Signature-256, secret: $secret, prefix: "sha256=", encoding: hex } }
YAML

"$intake" check --config "$work/intake.yaml" >/dev/null
# Listener i (from 0) on ports[i], logging to server-i.log; the others differ only in the port.
ports=("$port")
for i in $(seq 1 $((listeners - 1))); do
  ports+=("$(free_port)")
  sed "s/port: $port }/port: ${ports[$i]} }/" "$work/intake.yaml" >"$work/intake-$i.yaml"
done
for i in $(seq 0 $((listeners - 1))); do
  config=$work/intake.yaml; [ "$i" = 0 ] || config=$work/intake-$i.yaml
  "${server_cpus[@]}" "$intake" serve --config "$config" >"$work/server-$i.log" 2>&1 &
  server_pids+=($!)
done
for i in $(seq 0 $((listeners - 1))); do
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:${ports[$i]}/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:${ports[$i]}/healthz" >/dev/null || { cat "$work/server-$i.log" >&2; exit 1; }
done
server_pid=${server_pids[0]}

# Enough pre-signed bodies for the hmac phase at up to 20,000 requests/s.
python3 Benchmarks/http/payloads.py signed $((duration * 20000)) "$secret" "$work/signed.txt"

# CPU ticks of the listeners (all of them: those a phase does not use are idle).
cpu_ticks() { for pid in "${server_pids[@]}"; do cat "/proc/$pid/stat"; done | awk '{ t += $14 + $15 } END { print t }'; }
ticks_per_second=$(getconf CLK_TCK)

# run NAME CONNECTIONS PATH MODE [ARG...]: one wrk phase on the first `spread` listeners (one wrk
# each, CONNECTIONS split among them, run together); appends
# "NAME connections requests duration_us p50 p99 cpu_us" to results.
results=()
spread=1
run() {
  local name=$1 clients=$2 path=$3; shift 3
  local before after output line i wrk_pids=()
  before=$(cpu_ticks)
  for i in $(seq 0 $((spread - 1))); do
    "${wrk_cpus[@]}" wrk -t1 -c"$((clients / spread))" -d"${duration}s" --timeout 10s \
      -s Benchmarks/http/post.lua "http://127.0.0.1:${ports[$i]}$path" -- "$@" >"$work/wrk-$i.txt" &
    wrk_pids+=($!)
  done
  wait "${wrk_pids[@]}"
  after=$(cpu_ticks)
  output=$(cat "$work"/wrk-[0-9]*.txt)
  rm -f "$work"/wrk-[0-9]*.txt
  [ "$(grep -c '^RESULT' <<<"$output")" = "$spread" ] || { echo "$output" >&2; exit 1; }
  # Summed requests; the longest duration, and the slower listener's p50 and p99.
  line=$(grep '^RESULT' <<<"$output" | awk '{ q += $2; d = $3 > d ? $3 : d; p50 = $4 > p50 ? $4 : p50; p99 = $5 > p99 ? $5 : p99
    n += $6; e += $7; w += $8 } END { print "RESULT", q, d, p50, p99, n, e, w }')
  read -r _ requests duration_us p50 p99 non2xx socket_errors wrapped <<<"$line"
  if [ "$non2xx" -gt 0 ] || [ "$socket_errors" -gt 0 ]; then
    echo "$name: $non2xx non-2xx answers, $socket_errors socket errors" >&2
    tail -n 20 "$work"/server-*.log >&2
    exit 1
  fi
  [ "$wrapped" = 0 ] || echo "$name: ran out of pre-signed bodies (replays were answered duplicate)" >&2
  results+=("$name $clients $requests $duration_us $p50 $p99 $(( (after - before) * 1000000 / ticks_per_second ))")
}

# metric NAME: the value of an unlabelled series in /metrics.
metric() { curl -fsS "http://127.0.0.1:$port/metrics" | awk -v n="$1" '$1 == n { print $2 }'; }

# A short warm-up so the first phase does not pay for page faults and the first commits.
"${wrk_cpus[@]}" wrk -t1 -c"$connections" -d2s -s Benchmarks/http/post.lua \
  "http://127.0.0.1:$port/instance/execute/ingest" -- unique >/dev/null
run healthz "$connections" /healthz get
transactions=$(metric intake_store_transactions_total) batches=$(metric intake_store_batches_total)
run ingest "$connections" /instance/execute/ingest unique
per_commit=$(awk -v t0="$transactions" -v b0="$batches" -v t1="$(metric intake_store_transactions_total)" \
  -v b1="$(metric intake_store_batches_total)" 'BEGIN { printf "%.1f", (b1 - b0) / ((t1 - t0) > 0 ? t1 - t0 : 1) }')
if [ "$listeners" -gt 1 ]; then
  # The same two phases spread over every listener, named healthz:N and ingest:N.
  spread=$listeners
  run "healthz:$listeners" "$connections" /healthz get
  run "ingest:$listeners" "$connections" /instance/execute/ingest unique
  spread=1
fi
run samples "$connections" /instance/execute/samples unique
run hmac "$connections" /instance/execute/hmac signed "$work/signed.txt" 1
if [ "$scaling" = 1 ]; then
  for clients in 16 256; do
    run healthz "$clients" /healthz get
    run ingest "$clients" /instance/execute/ingest unique
  done
  run ingest-4k "$connections" /instance/execute/ingest unique 3600
  run ingest-32k "$connections" /instance/execute/ingest unique 32000
fi
if [ "$profile" = 1 ]; then
  # Sampled in the middle of a phase of its own, so perf's overhead touches no figure above.
  "${wrk_cpus[@]}" wrk -t1 -c"$connections" -d"$((duration + 2))s" --timeout 10s -s Benchmarks/http/post.lua \
    "http://127.0.0.1:$port/instance/execute/ingest" -- unique >"$work/profile-wrk.txt" &
  profile_wrk=$!
  sleep 1
  perf record -F 1999 -g -p "$server_pid" -o "$work/perf.data" -- sleep "$duration" >/dev/null 2>&1
  wait "$profile_wrk"
fi
peak_rss=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")

store="sqlite store"; [ "$postgres" = 1 ] && store="postgres store"
[ "$listeners" = 1 ] || store="$store, $listeners listeners on it, nothing pinned"
echo "intake serve, $store, ${duration}s per phase, $(nproc) cpus, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-10s %5s %10s %9s %9s %10s %12s\n' phase conns "requests/s" "p50 ms" "p99 ms" "× healthz" "cpu µs/req"
declare -A base=() rate=()
for r in "${results[@]}"; do
  read -r name clients requests duration_us p50 p99 cpu_us <<<"$r"
  rps=$(awk -v q="$requests" -v d="$duration_us" 'BEGIN { print q / (d / 1e6) }')
  rate[$name]=$rps
  [ "$name" != healthz ] || base[$clients]=$rps
  reference=${base[$clients]:-${base[$connections]}}
  # A phase on N listeners compares with the healthz of the same N listeners.
  [[ "$name" != *:* ]] || reference=${rate[healthz:$listeners]}
  awk -v n="$name" -v k="$clients" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v c="$cpu_us" -v q="$requests" -v base="$reference" '
    BEGIN { printf "%-10s %5d %10.0f %9.2f %9.2f %10.3f %12.1f\n", n, k, rps, p50 / 1000, p99 / 1000, rps / base, c / q }'
done
echo "server peak RSS: $((peak_rss / 1024)) MiB; ingest: $per_commit requests per commit"
if [ "$listeners" -gt 1 ]; then
  awk -v n="$listeners" -v one="${rate[ingest]}" -v all="${rate[ingest:$listeners]}" \
    'BEGIN { printf "ingest on %d listeners: ×%.2f the requests/s of ingest on one\n", n, all / one }'
fi
if [ "$profile" = 1 ]; then
  # Shares from perf; microseconds from the ingest phase above, which ran without perf's overhead.
  for r in "${results[@]}"; do
    read -r name clients requests _ _ _ cpu_us <<<"$r"
    if [ "$name" = ingest ] && [ "$clients" = "$connections" ]; then
      cpu_per_request=$(awk -v c="$cpu_us" -v q="$requests" 'BEGIN { printf "%.1f", c / q }')
    fi
  done
  echo
  echo "where the server's CPU time goes per ingested request (perf shares × the ingest phase's ${cpu_per_request} µs/request):"
  perf script -i "$work/perf.data" -F comm,ip,sym 2>/dev/null | python3 Benchmarks/http/profile_components.py "$cpu_per_request"
fi
if [ "$engine" = 1 ]; then
  echo
  python3 Benchmarks/engine_vs_jq.py "$intake" 20000 3
fi
