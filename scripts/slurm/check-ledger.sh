#!/bin/bash
# Check a running GPU Ledger against an sacct export and its independently computed charges.
#   LEDGER_URL=http://localhost:8080 scripts/slurm/check-ledger.sh EXPORT EXPECTED_JSON
# EXPECTED_JSON is the {account: gpuSeconds} output of expected-charges.py for EXPORT.
# Needs no Slurm: it runs against any export file (e.g. scripts/slurm/sample-sacct-export.psv).
#
# 1. sets up, through the HTTP API of shared/API.md (all writes idempotent: re-running is fine):
#    provider e2e-centre; cluster $SLURM_E2E_CLUSTER with timeZone $SLURM_E2E_TZ; a pool per partition
#    (e2e-gpu_p6, e2e-gpu_p5 charged; e2e-prepost uncharged; 4 GPUs and 16 CPUs a node); a project
#    and an allocation per account (schedulerAccount = the Slurm account, pool = the charged partition
#    it used, period = the calendar year(s) of the jobs' end times);
# 2. reads each allocation's consumed GPU-seconds, imports EXPORT (POST /usage/sacct), imports it a
#    second time (everything must come back as duplicates), reads consumed again;
# 3. checks: no rejected line; chargedGpuSeconds of the first import = the expected total; the
#    second import charges nothing and reports every record of the first as a duplicate; for each
#    account, consumed(after) - consumed(before) = expected. The export must be new to this ledger
#    (a ledger that already holds it charges nothing: use a new export or a fresh database).
# Last line: "N passed, N failed"; exit 1 on any failure, 2 on bad usage.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
EXPORT=${1:-}; EXPECTED=${2:-}
[ -n "$EXPORT" ] && [ -n "$EXPECTED" ] && [ -f "$EXPORT" ] && [ -f "$EXPECTED" ] \
  || { echo "usage: LEDGER_URL=http://localhost:8080 $0 EXPORT EXPECTED_JSON" >&2; exit 2; }
[ -n "${LEDGER_URL:-}" ] || { echo "check-ledger.sh: LEDGER_URL is required (e.g. LEDGER_URL=http://localhost:8080, the caller starts the ledger)" >&2; exit 2; }
API=${LEDGER_URL%/}/api/v1
AUTH=()   # LEDGER_TOKEN: a bearer token of the ledger (with-ledger.sh sets its administrator token)
[ -n "${LEDGER_TOKEN:-}" ] && AUTH=(-H "Authorization: Bearer $LEDGER_TOKEN")
CLUSTER=$SLURM_E2E_CLUSTER
POOLS=${SLURM_E2E_POOLS:-gpu_p6:4:16:true:H100,gpu_p5:4:16:true:A100,prepost:4:16:false:H100}
PROVIDER=e2e-centre
W=$(mktemp -d /tmp/gpu-ledger-check.XXXXXX); trap 'rm -rf "$W"' EXIT
PASS=0; FAIL=0
ok()  { PASS=$((PASS+1)); echo "  PASS $*"; }
bad() { FAIL=$((FAIL+1)); echo "  FAIL $*"; }
finish() { echo; echo "$PASS passed, $FAIL failed"; [ $FAIL = 0 ]; exit $?; }

# json k=v (string) k:=v (raw JSON) ... -> a JSON object
json() { python3 -c 'import json,sys
d={}
for a in sys.argv[1:]:
    k,_,v=a.partition("=")
    if k.endswith(":"): d[k[:-1]]=json.loads(v)
    else: d[k]=v
print(json.dumps(d))' "$@"; }
# jget FILE PY_EXPR (d is the parsed JSON) -> printed value
jget() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(json.dumps(v) if isinstance(v,(dict,list)) else v)' "$1" "$2" 2>/dev/null; }
# call METHOD PATH [BODY_JSON] -> HTTP status on stdout, body in $W/body
call() {
  local args=(-sS -o "$W/body" -w '%{http_code}' --max-time 60 -X "$1" "$API$2" "${AUTH[@]}")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  local code; code=$(curl "${args[@]}" 2>"$W/curl.err") || code=000
  echo "$code"
}
need2xx() {  # need2xx WHAT METHOD PATH [BODY]
  local what=$1 code; shift
  code=$(call "$@")
  if [[ $code == 2?? ]]; then return 0; fi
  bad "$what: $1 $2 -> HTTP $code $(head -c 400 "$W/body" 2>/dev/null) $(cat "$W/curl.err")"
  return 1
}

echo "check-ledger.sh: ledger $LEDGER_URL, cluster $CLUSTER ($SLURM_E2E_TZ), export $EXPORT"
code=$(call GET /pools)
if [ "$code" = 000 ]; then bad "ledger reachable at $LEDGER_URL ($(cat "$W/curl.err"))"; finish; fi

# ---- what the export needs: per account its pool, and the years of the jobs' end times ----
python3 - "$EXPORT" "$EXPECTED" "$POOLS" > "$W/plan" <<'PY' || { bad "export/expected readable"; finish; }
import json, sys
export, expected, pools = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
charged = {p.split(":")[0]: p.split(":")[3] == "true" for p in pools.split(",")}
lines = open(export, encoding="utf-8").read().splitlines()
col = {n: i for i, n in enumerate(lines[0].split("|"))}
parts, years = {}, set()
for line in lines[1:]:
    f = line.split("|")
    if len(f) != len(col) or "." in f[col["JobID"]]:
        continue
    parts.setdefault(f[col["Account"]], []).append(f[col["Partition"]])
    end = f[col["End"]]
    if end[:4].isdigit():
        years.add(int(end[:4]))
for acct in sorted(set(parts) | set(expected)):
    used = parts.get(acct, [])
    ch = sorted({p for p in used if charged.get(p)})
    if len(ch) > 1:
        sys.exit("account %s ran on several charged partitions %s: not supported by this check" % (acct, ch))
    pool = ch[0] if ch else (used[0] if used else sorted(charged)[0])
    print("%s %s %d" % (acct, pool, expected.get(acct, 0)))
print("YEARS %d %d" % (min(years), max(years) + 1))
PY
read -r _ Y0 Y1 < <(grep '^YEARS ' "$W/plan")
grep -v '^YEARS ' "$W/plan" > "$W/accounts"
PERIOD_START="$Y0-01-01T00:00:00Z"; PERIOD_END="$Y1-01-01T00:00:00Z"
TOTAL=$(python3 -c 'import json,sys; print(sum(json.load(open(sys.argv[1])).values()))' "$EXPECTED")

# ---- catalogue, projects, allocations ----
setup_ok=1
need2xx "provider" PUT /providers/$PROVIDER "$(json name='GPU Ledger e2e test centre' kind=PUBLIC euroHpcHosted:=false)" || setup_ok=0
need2xx "cluster" PUT /clusters/$CLUSTER "$(json providerId=$PROVIDER timeZone="$SLURM_E2E_TZ")" || setup_ok=0
IFS=, read -ra POOL_SPECS <<< "$POOLS"
for spec in "${POOL_SPECS[@]}"; do
  IFS=: read -r part gpn cpn charged model <<< "$spec"
  need2xx "pool e2e-$part" PUT /pools/e2e-$part "$(json providerId=$PROVIDER cluster=$CLUSTER partition=$part \
      gpuModel=$model gpusPerNode:=$gpn cpusPerNode:=$cpn charged:=$charged)" || setup_ok=0
done
safe() { printf '%s' "$1" | tr -c 'A-Za-z0-9_-' '-'; }
while read -r acct part exp; do
  proj=e2e-$(safe "$acct"); alloc=e2e-$CLUSTER-$(safe "$acct")-$Y0
  need2xx "project $proj" PUT /projects/$proj "$(json title="e2e test project of Slurm account $acct" \
      principalInvestigator='E2E Tester' organisation='GPU Ledger e2e' audience=ACADEMIC sector=research accessMode=AD)" || setup_ok=0
  need2xx "allocation $alloc" POST /allocations "$(json allocationId=$alloc projectId=$proj poolId=e2e-$part \
      fundingSource=GENCI gpuHours:=1000 periodStart=$PERIOD_START periodEnd=$PERIOD_END schedulerAccount="$acct")" || setup_ok=0
  echo "$acct $part $exp $alloc" >> "$W/allocs"
done < "$W/accounts"
[ $setup_ok = 1 ] && ok "catalogue, projects and $(wc -l < "$W/allocs") allocations set up (period $PERIOD_START..$PERIOD_END)" || finish

consumed() {  # consumed ALLOC -> gpuSeconds or ERR; the balance view is eventually consistent, so a grant
  local code tries   # just made may take a moment to appear: wait for it, 20 s at the most
  for tries in $(seq 1 100); do
    code=$(call GET "/allocations/$1")
    [[ $code == 404 ]] || break
    sleep 0.2
  done
  [[ $code == 2?? ]] && jget "$W/body" 'd["consumed"]["gpuSeconds"]' || echo "ERR(HTTP $code)"
}
while read -r acct part exp alloc; do echo "$alloc $(consumed "$alloc")"; done < "$W/allocs" > "$W/before"

# ---- import twice ----
import() {  # import N -> answer in $W/import$N.json
  local code
  code=$(curl -sS -o "$W/import$1.json" -w '%{http_code}' --max-time 120 -X POST --data-binary @"$EXPORT" "${AUTH[@]}" \
         -H 'Content-Type: text/plain' "$API/usage/sacct?cluster=$CLUSTER" 2>"$W/curl.err") || code=000
  echo "  import $1: HTTP $code $(head -c 600 "$W/import$1.json" 2>/dev/null) $(cat "$W/curl.err")"
  [[ $code == 2?? ]]
}
if import 1; then
  rej1=$(jget "$W/import1.json" 'len(d["rejected"])'); acc1=$(jget "$W/import1.json" 'd["accepted"]')
  dup1=$(jget "$W/import1.json" 'd["duplicates"]'); ch1=$(jget "$W/import1.json" 'd["chargedGpuSeconds"]')
  [ "$rej1" = 0 ] && ok "import 1: no rejected line" || bad "import 1: $rej1 rejected line(s): $(jget "$W/import1.json" 'd["rejected"]')"
  if [ "$dup1" = 0 ]; then
    [ "$ch1" = "$TOTAL" ] && ok "import 1: chargedGpuSeconds $ch1 = expected $TOTAL" || bad "import 1: chargedGpuSeconds $ch1, expected $TOTAL"
  else
    bad "import 1: $dup1 duplicate(s): this ledger already holds this export; per-account checks below are meaningless (use a new export or a fresh ledger database)"
  fi
  echo "  import 1: ignored $(jget "$W/import1.json" 'd["ignored"]') (expected-charges.py counts: see its --details)"
else
  bad "import 1: POST /usage/sacct refused"; acc1=0; dup1=0
fi
if import 2; then
  acc2=$(jget "$W/import2.json" 'd["accepted"]'); dup2=$(jget "$W/import2.json" 'd["duplicates"]')
  ch2=$(jget "$W/import2.json" 'd["chargedGpuSeconds"]'); rej2=$(jget "$W/import2.json" 'len(d["rejected"])')
  want=$(( ${acc1:-0} + ${dup1:-0} ))
  if [ "$acc2" = 0 ] && [ "$ch2" = 0 ] && [ "$rej2" = 0 ] && [ "$dup2" = "$want" ] && [ "$want" -gt 0 ]; then
    ok "import 2: all $dup2 records duplicates, nothing charged"
  else
    bad "import 2: accepted $acc2, duplicates $dup2 (expected $want = accepted + duplicates of import 1), rejected $rej2, chargedGpuSeconds $ch2 (expected 0)"
  fi
else
  bad "import 2: POST /usage/sacct refused"
fi

# ---- per-account consumption ----
echo
printf '  %-14s %-8s %-34s %10s %10s %10s  %s\n' account pool allocation before after expected result
while read -r acct part exp alloc; do
  b=$(grep "^$alloc " "$W/before" | cut -d' ' -f2); a=$(consumed "$alloc")
  # the balance view catches up with the import asynchronously: give it 20 s at the most to show the charge
  for _ in $(seq 1 100); do
    [[ $b =~ ^[0-9]+$ && $a =~ ^[0-9]+$ ]] && [ $((a - b)) -ge "$exp" ] && break
    sleep 0.2; a=$(consumed "$alloc")
  done
  if [[ $b =~ ^[0-9]+$ && $a =~ ^[0-9]+$ ]] && [ $((a - b)) = "$exp" ]; then r=PASS; else r=FAIL; fi
  printf '  %-14s %-8s %-34s %10s %10s %10s  %s\n' "$acct" "$part" "$alloc" "$b" "$a" "$exp" "$r"
  if [ $r = PASS ]; then PASS=$((PASS+1)); else FAIL=$((FAIL+1)); fi
done < "$W/allocs"
finish
