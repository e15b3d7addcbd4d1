#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL cluster up, then stops and removes the cluster,
# even when the command fails or is interrupted:
#
#   scripts/with-postgres.sh swift test --skip-build
#
# The cluster comes from the server packages scripts/install-deps.sh installs (Debian's
# `postgresql`), lives in a temporary folder, listens on 127.0.0.1 on a free port, and runs as an
# unprivileged user (the server refuses root: as root the script creates `intake-test`). TLS is
# on, with a self-signed certificate made for the run. The command sees:
#
#   INTAKE_TEST_POSTGRES_URL   postgres://intake:PASSWORD@127.0.0.1:PORT/intake (a superuser)
#   INTAKE_TEST_POSTGRES_CTL   a script: `$INTAKE_TEST_POSTGRES_CTL stop|start` stops or starts
#                              the server (for the tests that take the database away)
#
# Exit status: the command's, or 1 when the cluster could not be started.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGUMENT...]" >&2; exit 2; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "$0: no PostgreSQL server under /usr/lib/postgresql; run scripts/install-deps.sh" >&2
  exit 1
fi

folder=$(mktemp -d /tmp/intake-postgres.XXXXXX)
chmod 755 "$folder"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  id -u intake-test >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin intake-test
  chown intake-test "$folder"
  run_as=(runuser -u intake-test --)
fi

stop_cluster() {
  if [ -f "$folder/data/postmaster.pid" ]; then
    "${run_as[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

# A free loopback port: one nothing answers on.
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "$0: no free port found" >&2; exit 1; }

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" >"$folder/password"
[ ${#run_as[@]} -eq 0 ] || chown intake-test "$folder/password"
"${run_as[@]}" "$bin/initdb" -D "$folder/data" -U intake --pwfile="$folder/password" \
  --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
  || { cat "$folder/initdb.log" >&2; exit 1; }
rm -f "$folder/password"

ssl=off
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -keyout "$folder/data/server.key" -out "$folder/data/server.crt" >/dev/null 2>&1
  chmod 600 "$folder/data/server.key"
  [ ${#run_as[@]} -eq 0 ] || chown intake-test "$folder/data/server.key" "$folder/data/server.crt"
  ssl=on
fi
cat >>"$folder/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$folder'
max_connections = 400
shared_buffers = 32MB
ssl = $ssl
EOF

cat >"$folder/pgctl" <<EOF
#!/usr/bin/env bash
# stop|start the test cluster at $folder/data
set -euo pipefail
case "\${1:-}" in
  stop) ${run_as[*]} "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null ;;
  start) ${run_as[*]} "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w start >/dev/null ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
EOF
chmod 755 "$folder/pgctl"
"$folder/pgctl" start || { cat "$folder/server.log" >&2; exit 1; }

export INTAKE_TEST_POSTGRES_URL="postgres://intake:$password@127.0.0.1:$port/intake"
export INTAKE_TEST_POSTGRES_CTL="$folder/pgctl"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $NF}') on 127.0.0.1:$port (ssl $ssl), data in $folder"
PGPASSWORD="$password" "$bin/createdb" -h 127.0.0.1 -p "$port" -U intake intake
set +e
"$@"
status=$?
set -e
exit $status
