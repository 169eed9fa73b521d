#!/bin/bash
# The ledger part of the real-Slurm end-to-end test: check-ledger.sh (ingestion), then check-quota.sh (the quota
# adapters, which need the cluster up; SLURM_E2E_SKIP_QUOTA=1 leaves them out), one total at the end.
#   LEDGER_URL=... LEDGER_TOKEN=... scripts/slurm/check-all.sh EXPORT EXPECTED_JSON
# Last line: "N passed, N failed" (the sum of both); exit 1 on any failure.
HERE=$(cd "$(dirname "$0")" && pwd)
passed=0; failed=0
count() {  # count LOG EXIT_STATUS: adds the log's last "N passed, M failed" (a failure if it has none)
  local line; line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | awk '{print $1}'))); failed=$((failed + $(echo "$line" | awk '{print $3}')))
  fi
  [ "$2" = 0 ] || [ -n "$line" -a "$(echo "$line" | awk '{print $3}')" != 0 ] || failed=$((failed + 1))
}
log=$(mktemp /tmp/gpu-ledger-check-all.XXXXXX); trap 'rm -f "$log"' EXIT
"$HERE/check-ledger.sh" "$@" 2>&1 | tee "$log"; count "$log" "${PIPESTATUS[0]}"
if [ "${SLURM_E2E_SKIP_QUOTA:-0}" = 1 ]; then
  echo; echo "SKIPPED: quota adapters (check-quota.sh): SLURM_E2E_SKIP_QUOTA=1"
else
  echo; echo "=== quota adapters against the real cluster (check-quota.sh)"
  "$HERE/check-quota.sh" 2>&1 | tee "$log"; count "$log" "${PIPESTATUS[0]}"
fi
echo; echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
