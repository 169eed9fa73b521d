#!/bin/bash
# Export the job accounting of the test cluster as the ledger's POST /usage/sacct expects it.
#   scripts/slurm/export-sacct.sh OUT [--since EPOCH_SECONDS]
# Default window: from 5 s before the last submit-job-mix.sh run ($S/run/last-mix.start) to now.
# Step records (.batch, .extern, .0) are kept on purpose (no -X): the ledger must skip them itself.
# Only jobs that ENDED in the window in a final state are selected (--state ... with a window selects
# by end time). Without --state, sacct drops a job that was held and cancelled while pending (its
# Eligible time is Unknown), so such a job would be missing from the export.
# Start/End are printed in local time: TZ is the cluster's zone of env.sh (default Europe/Paris).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
OUT=${1:-}; [ -n "$OUT" ] || { echo "usage: $0 OUT [--since EPOCH_SECONDS]" >&2; exit 2; }
shift
SINCE=""
[ "${1:-}" = --since ] && SINCE=${2:-}
if [ -z "$SINCE" ]; then
  [ -f "$S/run/last-mix.start" ] || { echo "export-sacct.sh: no $S/run/last-mix.start: run submit-job-mix.sh first, or pass --since" >&2; exit 2; }
  SINCE=$(( $(cat "$S/run/last-mix.start") - 5 ))
fi
START=$(date -d "@$SINCE" +%Y-%m-%dT%H:%M:%S)
FIELDS=JobID,JobIDRaw,Account,User,Partition,AllocTRES,ElapsedRaw,Start,End,State,ExitCode
FINAL=CA,CD,F,TO,OOM,NF,PR,BF,DL
tmp=$OUT.tmp.$$
timeout 60 sacct --parsable2 -a --starttime "$START" --endtime now --state "$FINAL" -o "$FIELDS" > "$tmp" \
  || { rm -f "$tmp"; echo "export-sacct.sh: sacct failed (is the cluster up? run start.sh)" >&2; exit 3; }
mv "$tmp" "$OUT"
jobs=$(grep -c -E '^[0-9_]+\|' "$OUT"); steps=$(grep -c -E '^[0-9_]+\.' "$OUT")
echo "export-sacct.sh: $OUT: $jobs job records + $steps step records since $START $TZ (cluster $SLURM_E2E_CLUSTER)"
[ "$jobs" -gt 0 ] || { echo "export-sacct.sh: WARNING: no job in the window" >&2; exit 4; }
