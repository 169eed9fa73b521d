#!/usr/bin/env bash
# Runs a command against a ledger of its own: starts the server on a free port and a fresh database (a new
# database on LEDGER_TEST_DB_URL's server when set, else an embedded PostgreSQL in a temporary folder), sets
# LEDGER_URL for the command, and stops the server afterwards, whatever the command's outcome.
#   scripts/slurm/with-ledger.sh scripts/slurm/check-ledger.sh EXPORT EXPECTED_JSON
source "$(dirname "$0")/../lib/common.sh"
use_jdk
use_maven
build_if_needed

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp /tmp/gpu-ledger-e2e-server.XXXXXX.log)
data_dir=$(mktemp -d /tmp/gpu-ledger-e2e-data.XXXXXX)
export LEDGER_DATA_DIR="$data_dir"   # the embedded database's data, and the administrator token's file
database=""
if [ -n "${LEDGER_TEST_DB_URL:-}" ]; then
  database="ledger_e2e_$(date +%s)_$$"
  server="${LEDGER_TEST_DB_URL%%\?*}"
  export LEDGER_DB_URL="${server%/*}/$database"
  export LEDGER_DB_USER="${LEDGER_TEST_DB_USER:-postgres}"
  export LEDGER_DB_PASSWORD="${LEDGER_TEST_DB_PASSWORD:-}"
  # a throw-away ledger: it issues its administrator token as in development mode (docs/security.md)
  export LEDGER_SECURITY_DEVELOPMENT_ADMIN_TOKEN=true
else
  unset LEDGER_DB_URL
fi

LEDGER_PORT=$port "$JAVA_HOME/bin/java" -Daxoniq.update-checker.disabled=true -jar "$(server_jar)" > "$log" 2>&1 &
server_pid=$!
stop_server() {
  kill "$server_pid" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$server_pid" 2>/dev/null || true
  if [ -n "$database" ] && command -v psql >/dev/null 2>&1; then
    host_port="${LEDGER_DB_URL#jdbc:postgresql://}"; host_port="${host_port%%/*}"
    PGPASSWORD="$LEDGER_DB_PASSWORD" psql -q -h "${host_port%%:*}" -p "${host_port##*:}" -U "$LEDGER_DB_USER" \
      -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ -n "$data_dir" ]; then rm -rf "$data_dir"; fi
  return 0
}
trap stop_server EXIT

for _ in $(seq 1 240); do
  if curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "FAILED: the ledger did not start (log: $log)"; tail -20 "$log"; exit 1
  fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "FAILED: the ledger did not answer within 120 s (log: $log)"; exit 1; }
echo "ledger started for the test on http://127.0.0.1:$port (log: $log)"
LEDGER_TOKEN=$(cat "$data_dir/admin-token") LEDGER_URL="http://127.0.0.1:$port" "$@"
