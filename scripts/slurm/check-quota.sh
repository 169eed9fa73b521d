#!/bin/bash
# The Slurm quota adapters (job_submit.lua, sync-blocklist, sync-qos) against the real sandbox cluster and a ledger.
#   LEDGER_URL=http://127.0.0.1:8080 LEDGER_TOKEN=<administrator token> scripts/slurm/check-quota.sh
# Needs the cluster of start.sh up (slurm-e2e runs it through with-ledger.sh, which gives URL and token).
#
# Two Slurm accounts of their own: quota@h100 (a tiny grant, 36 GPU-s, so one real job exhausts it) and roomy_h100
# (10 h, then a second allocation: its period changes during the test). Their allocations last a few minutes from
# now, so a re-run against the same long-lived ledger works once they have ended (or use a fresh ledger).
#  0. sync-qos for roomy_h100: its QOS and association, a job of it runs in that QOS;
#  1. a real 4-GPU job of quota@h100, its sacct record imported (POST /usage/sacct): the ledger blocks it;
#  2. sync-blocklist: its next job is rejected, sbatch's stderr shows the message; roomy_h100's is accepted;
#  3. the fail-open switch: list missing or stale -> allowed and logged; FAIL_MODE closed -> refused; fresh again;
#  4. sync-qos: NoDecay QOS with GrpTRESMins=gres/gpu=N (effective allocation + 25%, whole minutes rounded up),
#     association qos/defaultqos, drift line; a second run changes nothing;
#  5. --degrade while blocked: moved to the low-priority QOS, left out of the list (sync-blocklist --except), a job
#     accepted in that QOS; without --degrade back to its own QOS (the pending job follows);
#  6. a supplement (POST /allocations/{id}/supplements) to LOW_PRIORITY: the list no longer has it, a job runs to
#     completion; sync-qos raises N; --degrade moves it to the low-priority QOS (sacctmgr show assoc);
#  7. roomy_h100's period changes (its first allocation ends, a second is granted): sync-qos resets its QOS usage,
#     once: the next run changes nothing.
# Last line: "N passed, N failed"; exit 1 on any failure, 2 on bad usage.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
[ -n "${LEDGER_URL:-}" ] && [ -n "${LEDGER_TOKEN:-}" ] \
  || { echo "usage: LEDGER_URL=... LEDGER_TOKEN=<administrator token> $0" >&2; exit 2; }
API=${LEDGER_URL%/}/api/v1
AUTH=(-H "Authorization: Bearer $LEDGER_TOKEN")
CLUSTER=$SLURM_E2E_CLUSTER
PROVIDER=e2e-centre
Q=quota@h100
R=roomy_h100
LOW=ledger_low
BL=$S/etc/blocked_accounts.txt
HOOK=$S/etc/job_submit.lua
D=$S/quota   # tokens, state, degraded list
W=$(mktemp -d /tmp/gpu-ledger-check-quota.XXXXXX)
PASS=0; FAIL=0
T0=$(date +%s)
# the hook as installed, put back on any exit (touched: slurmctld reloads a script newer than the one it loaded)
cleanup() { [ -f "$W/hook.saved" ] && ! cmp -s "$W/hook.saved" "$HOOK" && cp "$W/hook.saved" "$HOOK"; rm -rf "$W"; }
trap cleanup EXIT
ok()  { PASS=$((PASS+1)); echo "  PASS $*"; }
bad() { FAIL=$((FAIL+1)); echo "  FAIL $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
finish() { echo; echo "quota adapters: $PASS passed, $FAIL failed ($(( $(date +%s) - T0 ))s)"; echo "$PASS passed, $FAIL failed"; [ $FAIL = 0 ]; exit $?; }
step() { echo; echo "--- $* ($(( $(date +%s) - T0 ))s)"; }

json() { python3 -c 'import json,sys
d={}
for a in sys.argv[1:]:
    k,_,v=a.partition("=")
    if k.endswith(":"): d[k[:-1]]=json.loads(v)
    else: d[k]=v
print(json.dumps(d))' "$@"; }
jget() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(json.dumps(v) if isinstance(v,(dict,list)) else v)' "$1" "$2" 2>/dev/null; }
call() {  # call METHOD PATH [BODY_JSON] -> HTTP status; body in $W/body
  local args=(-sS -o "$W/body" -w '%{http_code}' --max-time 60 -X "$1" "$API$2" "${AUTH[@]}")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  local code; code=$(curl "${args[@]}" 2>"$W/curl.err") || code=000
  echo "$code"
}
need2xx() {  # need2xx WHAT METHOD PATH [BODY]
  local what=$1 code; shift
  code=$(call "$@")
  [[ $code == 2?? ]] && return 0
  bad "$what: $1 $2 -> HTTP $code $(head -c 400 "$W/body") $(cat "$W/curl.err")"; return 1
}
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
decision() { call GET "/quota/$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1")?cluster=$CLUSTER" >/dev/null; jget "$W/body" 'd["decision"]'; }
consumed() { call GET "/allocations/$1" >/dev/null; jget "$W/body" 'd["consumed"]["gpuSeconds"]'; }
assoc() { sacctmgr -nP show assoc cluster="$CLUSTER" account="$1" format=user,qos,defaultqos | sort | tr '\n' ' '; }
# every association row of the account (account's and users') has qos=$2 and defaultqos=$2
assoc_is() { local rows; rows=$(sacctmgr -nP show assoc cluster="$CLUSTER" account="$1" format=qos,defaultqos)
             [ -n "$rows" ] && [ -z "$(printf '%s\n' "$rows" | grep -vx "$2|$2")" ]; }
qos_row() { sacctmgr -nP show qos "$1" format=name,flags,grptresmins; }
qos_usage() { scontrol show assoc_mgr flags=qos qos="$1" | sed -n 's/^ *UsageRaw=\([0-9.]*\).*/\1/p' | head -1; }
# a job's QOS as slurmctld holds it (pending, running or ended less than MinJobAge ago); sacct may lag behind
job_qos() { scontrol show job "$1" 2>/dev/null | grep -o ' QOS=[^ ]*' | head -1 | cut -d= -f2; }
hold_job() { sbatch --parsable --hold -J e2e-quota -o /dev/null -A "$1" -p gpu_p6 --gres=gpu:1 --time=1 --wrap 'sleep 1' 2>"$W/sbatch.err"; }
final_state() { sacct -nX -P -j "$1" -o State | head -1; }
run_job() {  # run_job ACCOUNT GPUS SECONDS -> job id, once sacct shows it ended (bounded: 120 s)
  local j; j=$(sbatch --parsable -J e2e-quota -o /dev/null -A "$1" -p gpu_p6 --gres=gpu:"$2" --time=1 \
    --wrap "sleep $3" 2>"$W/sbatch.err") || return 1
  for _ in $(seq 1 240); do final_state "$j" | grep -qE '^(COMPLETED|FAILED|CANCELLED|TIMEOUT)' && break; sleep 0.5; done
  echo "$j"
}
# the ids of this run's allocations and supplements (a long-lived ledger keeps those of earlier runs)
RUN=$(date +%Y%m%d%H%M%S)
sync_blocklist() { "$HERE/sync-blocklist" --url "$LEDGER_URL" --cluster "$CLUSTER" --token-file "$D/hook-token" --output "$BL" "$@"; }
sync_qos() { "$HERE/sync-qos" --url "$LEDGER_URL" --cluster "$CLUSTER" --token-file "$D/qos-token" --state "$D/state.json" \
               --accounts "$Q,$R" "$@"; }

echo "check-quota.sh: ledger $LEDGER_URL, cluster $CLUSTER, sandbox $S"
scontrol ping 2>/dev/null | grep -q UP || { bad "the Slurm cluster is up (start.sh)"; finish; }
[ -f "$HOOK" ] && grep -q 'GPU Ledger quota hook' "$HOOK" || { bad "job_submit.lua of scripts/slurm installed in $HOOK"; finish; }
grep -q '^local FAIL_MODE = "open"' "$HOOK" || { bad "the installed job_submit.lua fails open (the default; start.sh renders it)"; finish; }
cp -p "$HOOK" "$W/hook.saved"
mkdir -p "$D"; cd "$S/jobs" || exit 2

step "Slurm: the test accounts, back to the normal QOS; their QOS of an earlier run removed"
for a in $Q $R; do
  sacctmgr -n -P show account "$a" format=account | grep -qx "$a" || sacctmgr -i add account "$a" Description="gpu-ledger quota e2e" Organization=gpu-ledger >/dev/null
  sacctmgr -n -P show assoc cluster="$CLUSTER" user=root account="$a" format=account | grep -qx "$a" || sacctmgr -i add user root Account="$a" >/dev/null
  scancel -A "$a" 2>/dev/null
  # users first: sacctmgr discards an account's QOS list that leaves a user without its default QOS
  sacctmgr -i modify user where account="$a" cluster="$CLUSTER" set qos=normal defaultqos=normal >/dev/null
  sacctmgr -i modify account where name="$a" cluster="$CLUSTER" set qos=normal defaultqos=normal >/dev/null
  sacctmgr -i modify account where name="$a" cluster="$CLUSTER" set RawUsage=0 >/dev/null
done
for q in ledger_$Q ledger_$R $LOW; do [ -n "$(qos_row "$q")" ] && sacctmgr -i delete qos "$q" >/dev/null 2>&1; done
rm -f "$D/state.json" "$D/degraded.txt"
check "account $Q in QOS normal" assoc_is "$Q" normal
check "account $R in QOS normal" assoc_is "$R" normal

step "ledger: catalogue, allocations, tokens"
# allocations in force from a minute ago for ten minutes; roomy_h100's first one ends at T1 (90 s from now), its
# second, from T1, is granted at the end: in between the account has no allocation in force and sync-qos leaves it be
now=$(date +%s); P0=$(iso $((now - 60))); T1S=$((now + 90)); T1=$(iso $T1S); P1=$(iso $((now + 600)))
ok=1
need2xx "provider" PUT /providers/$PROVIDER "$(json name='GPU Ledger e2e test centre' kind=PUBLIC euroHpcHosted:=false)" || ok=0
need2xx "cluster" PUT /clusters/$CLUSTER "$(json providerId=$PROVIDER timeZone="$SLURM_E2E_TZ")" || ok=0
need2xx "pool" PUT /pools/e2e-gpu_p6 "$(json providerId=$PROVIDER cluster=$CLUSTER partition=gpu_p6 gpuModel=H100 \
    gpusPerNode:=4 cpusPerNode:=16 charged:=true)" || ok=0
need2xx "project" PUT /projects/e2e-quota-adapters "$(json title='e2e quota adapters' principalInvestigator='E2E Tester' \
    organisation='GPU Ledger e2e' audience=ACADEMIC sector=research accessMode=AD)" || ok=0
AQ=e2e-quota-$RUN; AR1=e2e-roomy-$RUN-1; AR2=e2e-roomy-$RUN-2
grant() { need2xx "allocation $1" POST /allocations "$(json allocationId=$1 projectId=e2e-quota-adapters poolId=e2e-gpu_p6 \
    fundingSource=GENCI gpuHours:=$2 periodStart=$3 periodEnd=$4 schedulerAccount="$5")"; }
grant $AQ 0.01 "$P0" "$P1" "$Q" || ok=0      # 36 GPU-s; blocked above 45 (125%)
grant $AR1 10 "$P0" "$T1" "$R" || ok=0       # 36,000 GPU-s
token() {  # token FILE ROLE SCOPE
  need2xx "token $2" POST /admin/tokens "$(json name="e2e $2" role=$2 scope:="[\"$3\"]" expiresAt="$(iso $((now + 86400)))")" || return 1
  ( umask 077; jget "$W/body" 'd["token"]' > "$1" )
}
token "$D/hook-token" QUOTA_HOOK "$CLUSTER" || ok=0
token "$D/qos-token" CENTRE_ACCOUNTANT "$PROVIDER" || ok=0
[ $ok = 1 ] && ok "catalogue, 2 allocations ($AQ 0.01 h; $AR1 10 h until $T1) and 2 tokens" || finish

step "sync-qos for $R alone: its QOS, capped at the effective allocation"
sync_qos --accounts "$R" > "$W/qos0" 2>&1; rc=$?; sed 's/^/  /' "$W/qos0"
check "sync-qos exits 0" [ $rc = 0 ]
# 10 h = 36,000 GPU-s x 125% = 45,000 GPU-s = 750 GPU-minutes
check "QOS ledger_$R: NoDecay, GrpTRESMins=gres/gpu=750 ($(qos_row "ledger_$R"))" [ "$(qos_row "ledger_$R")" = "ledger_$R|NoDecay|gres/gpu=750" ]
check "account $R and its user: qos=defaultqos=ledger_$R ($(assoc "$R"))" assoc_is "$R" "ledger_$R"
JR=$(sbatch --parsable -J e2e-quota -o /dev/null -A "$R" -p gpu_p6 -c 1 --time=1 --wrap 'sleep 10')
check "a job of $R runs in its QOS (job $JR: $(job_qos "$JR"))" [ "$(job_qos "$JR")" = "ledger_$R" ]

step "sync-blocklist: nothing blocked yet"
out=$(sync_blocklist 2>&1); rc=$?; echo "  $out"
check "sync-blocklist exits 0" [ $rc = 0 ]
check "the list has sync-blocklist's header and not $Q" bash -c "grep -q '^# generated: [0-9]' '$BL' && ! grep -qx '$Q' '$BL'"
before=$(stat -c %Y.%i "$BL")
echo bad-token > "$W/bad-token"; chmod 600 "$W/bad-token"
out=$("$HERE/sync-blocklist" --url "$LEDGER_URL" --cluster "$CLUSTER" --token-file "$W/bad-token" --output "$BL" 2>&1); rc=$?
echo "  $out"
check "a refused token: exit 1, the list left as it was" [ $rc = 1 -a "$(stat -c %Y.%i "$BL")" = "$before" ]

step "a real job exhausts $Q's allocation"
J1=$(run_job "$Q" 4 15); echo "  job $J1: $(final_state "$J1")"
for _ in $(seq 1 40); do sacct -nX -P -j "$J1" -o State,ElapsedRaw | grep -qE '^(COMPLETED|FAILED|CANCELLED)' && break; sleep 0.5; done
sacct --parsable2 -a -j "$J1" -o JobID,JobIDRaw,Account,User,Partition,AllocTRES,ElapsedRaw,Start,End,State,ExitCode > "$W/j1.psv"
code=$(curl -sS -o "$W/import.json" -w '%{http_code}' --max-time 60 -X POST --data-binary @"$W/j1.psv" "${AUTH[@]}" \
       -H 'Content-Type: text/plain' "$API/usage/sacct?cluster=$CLUSTER")
echo "  import: HTTP $code $(cat "$W/import.json")"
C=$(consumed $AQ)
check "its 4-GPU job charged to $AQ (consumed $C GPU-s > 45 = 125% of 36)" [ "${C:-0}" -gt 45 ]
check "GET /quota/$Q: DENY" [ "$(decision "$Q")" = DENY ]

step "sync-blocklist, then sbatch"
out=$(sync_blocklist 2>&1); rc=$?; echo "  $out"
check "sync-blocklist exits 0 and lists $Q" bash -c "[ $rc = 0 ] && grep -qx '$Q' '$BL'"
sbatch -A "$Q" -p gpu_p6 --gres=gpu:1 --time=1 -o /dev/null --wrap 'sleep 1' > "$W/out" 2> "$W/err"; rc=$?
sed 's/^/  sbatch stderr: /' "$W/err"
check "the next job of $Q is rejected (exit $rc)" [ $rc != 0 ]
check "sbatch's stderr gives the message" grep -q "GPU-hour allocation of account '$Q' is exhausted" "$W/err"
check "and Slurm's accounting-policy error" grep -q "Job violates accounting/QOS policy" "$W/err"
JR=$(hold_job "$R"); check "a job of $R is accepted ($JR)" [ -n "$JR" ]; scancel "$JR" 2>/dev/null

step "the fail-open switch"
mark() { wc -l < "$S/log/slurmctld.log"; }
logged_since() { tail -n +"$(( $1 + 1 ))" "$S/log/slurmctld.log" | grep -q "$2"; }
m=$(mark); mv "$BL" "$W/list"
J=$(hold_job "$Q"); check "list missing, FAIL_MODE open (default): a job of $Q is allowed ($J)" [ -n "$J" ]; scancel "$J" 2>/dev/null
check "and slurmctld logs it" logged_since "$m" "is missing: FAIL OPEN"
mv "$W/list" "$BL"; touch -d '-1 hour' "$BL"; m=$(mark)
J=$(hold_job "$Q"); check "list stale (1 h > 900 s): allowed ($J)" [ -n "$J" ]; scancel "$J" 2>/dev/null
check "and logged" logged_since "$m" "is stale (3[0-9]* s old, more than 900 s): FAIL OPEN"
sleep 1; sed -i 's/^local FAIL_MODE = "open"/local FAIL_MODE = "closed"/' "$HOOK"
J=$(hold_job "$R"); rc=$?
check "FAIL_MODE closed (slurmctld reloads the script): a job of $R is refused" [ -z "$J" ]
check "with a message" grep -q "cannot be checked right now (its list of blocked accounts is stale)" "$W/sbatch.err"
sleep 1; cp "$W/hook.saved" "$HOOK"
out=$(sync_blocklist 2>&1); echo "  $out"
J=$(hold_job "$Q"); check "fresh again: $Q rejected again" [ -z "$J" ]; [ -n "$J" ] && scancel "$J"
J=$(hold_job "$R"); check "and $R accepted" [ -n "$J" ]; scancel "$J" 2>/dev/null

step "sync-qos: $Q's QOS"
sync_qos > "$W/qos1" 2>&1; rc=$?; sed 's/^/  /' "$W/qos1"
check "sync-qos exits 0" [ $rc = 0 ]
# 36 GPU-s x 125% = 45 GPU-s -> 1 GPU-minute (rounded up)
check "QOS ledger_$Q: NoDecay, GrpTRESMins=gres/gpu=1 ($(qos_row "ledger_$Q"))" [ "$(qos_row "ledger_$Q")" = "ledger_$Q|NoDecay|gres/gpu=1" ]
check "account $Q and its user: qos=defaultqos=ledger_$Q ($(assoc "$Q"))" assoc_is "$Q" "ledger_$Q"
check "a drift line for $Q (ledger $((C / 60)) GPU-min)" grep -q "drift $Q: ledger $((C / 60)) GPU-min consumed in the period, sshare [0-9]* GPU-min" "$W/qos1"
sync_qos > "$W/qos2" 2>&1; rc=$?
check "a second run changes nothing ($(tail -1 "$W/qos2" | sed 's/.*: //'))" bash -c "[ $rc = 0 ] && tail -1 '$W/qos2' | grep -q ', 0 change(s)$'"

step "--degrade while $Q is blocked: the low-priority QOS instead of a block"
sync_qos --degrade $LOW --degraded-file "$D/degraded.txt" > "$W/qos3" 2>&1; rc=$?; sed 's/^/  /' "$W/qos3"
check "sync-qos --degrade exits 0" [ $rc = 0 ]
check "QOS $LOW created ($(qos_row $LOW))" [ "$(qos_row $LOW)" = "$LOW|NoDecay|" ]
check "sacctmgr show assoc: $Q in $LOW ($(assoc "$Q"))" assoc_is "$Q" $LOW
check "$R left in its own QOS" assoc_is "$R" "ledger_$R"
check "the degraded list names $Q" grep -qx "$Q" "$D/degraded.txt"
out=$(sync_blocklist --except "$D/degraded.txt" 2>&1); echo "  $out"
check "sync-blocklist --except leaves it out" bash -c "! grep -qx '$Q' '$BL'"
J=$(hold_job "$Q"); check "a job of $Q is accepted, in QOS $LOW ($J: $(job_qos "$J"))" [ -n "$J" -a "$(job_qos "$J")" = $LOW ]
sync_qos --degrade $LOW --degraded-file "$D/degraded.txt" > "$W/qos4" 2>&1
check "a second --degrade run changes nothing" grep -q ', 0 change(s)$' "$W/qos4"
sync_qos --degraded-file "$D/degraded.txt" > "$W/qos5" 2>&1; sed 's/^/  /' "$W/qos5"
check "without --degrade: back to ledger_$Q" assoc_is "$Q" "ledger_$Q"
check "its pending job follows ($(job_qos "$J"))" [ "$(job_qos "$J")" = "ledger_$Q" ]
scancel "$J" 2>/dev/null
out=$(sync_blocklist --except "$D/degraded.txt" 2>&1); echo "  $out"
check "blocked again" grep -qx "$Q" "$BL"

step "a supplement: $Q runs again"
# entitlement E = 36 + 9k GPU-s (9 GPU-s = 0.0025 h, an exact decimal) with E < consumed <= 1.25 E: LOW_PRIORITY
E=$(python3 -c 'import math,sys; c=int(sys.argv[1]); lo=max(36, math.ceil(c*100/125)); e=36+9*math.ceil((lo-36)/9); print(e if e < c else 0)' "$C")
if [ "$E" -gt 36 ]; then
  H=$(python3 -c 'import sys; from decimal import Decimal; print(Decimal(int(sys.argv[1]) - 36) / Decimal(3600))' "$E")
  need2xx "supplement" POST /allocations/$AQ/supplements "$(json supplementId=e2e-sup-$RUN gpuHours:=$H reason='e2e: supplement')" \
    && ok "supplement of $H h: entitlement $E GPU-s, consumed $C"
else
  bad "no supplement puts consumption $C between 100% and 125%"
fi
check "GET /quota/$Q: LOW_PRIORITY" [ "$(decision "$Q")" = LOW_PRIORITY ]
out=$(sync_blocklist 2>&1); echo "  $out"
check "sync-blocklist drops $Q" bash -c "! grep -qx '$Q' '$BL'"
J=$(run_job "$Q" 1 2); st=$(final_state "$J")
check "a job of $Q runs again (job $J: $st, QOS $(job_qos "$J"))" [ "$st" = COMPLETED ]
sync_qos > "$W/qos6" 2>&1; sed 's/^/  /' "$W/qos6"
N=$(( (E * 125 / 100 + 59) / 60 ))
check "sync-qos follows the supplement: gres/gpu=$N" [ "$(qos_row "ledger_$Q")" = "ledger_$Q|NoDecay|gres/gpu=$N" ]
sync_qos --degrade $LOW --degraded-file "$D/degraded.txt" > "$W/qos7" 2>&1; sed 's/^/  /' "$W/qos7"
check "--degrade: the LOW_PRIORITY account moved to $LOW ($(assoc "$Q"))" assoc_is "$Q" $LOW
sacctmgr show assoc cluster="$CLUSTER" account="$Q" format=cluster,account,user,qos%20,defaultqos%20 | sed 's/^/  /'
J=$(run_job "$Q" 1 1); check "its job runs in QOS $LOW (job $J: $(final_state "$J"), $(job_qos "$J"))" \
  [ "$(job_qos "$J")" = $LOW -a "$(final_state "$J")" = COMPLETED ]

step "$R's period changes: its QOS usage is reset once"
for _ in $(seq 1 150); do   # Slurm counts usage in its priority thread, once a minute (PriorityCalcPeriod=1)
  u=$(qos_usage "ledger_$R"); [ "$(date +%s)" -ge "$T1S" ] && [ -n "$u" ] && [ "${u%%.*}" -gt 0 ] && break; sleep 1
done
check "QOS ledger_$R has usage before (UsageRaw $u)" [ "${u%%.*}" -gt 0 ]
grant $AR2 20 "$T1" "$P1" "$R" && ok "the next allocation of $R: $AR2, 20 h from $T1"
sync_qos --degrade $LOW --degraded-file "$D/degraded.txt" > "$W/qos8" 2>&1; sed 's/^/  /' "$W/qos8"
check "sync-qos sees the new period and resets" grep -q "new period for account $R: QOS usage reset" "$W/qos8"
check "QOS ledger_$R usage now 0 ($(qos_usage "ledger_$R"))" [ "$(qos_usage "ledger_$R")" = 0.000000 ]
check "and its cap follows the new allocation: 20 h -> gres/gpu=1500" [ "$(qos_row "ledger_$R")" = "ledger_$R|NoDecay|gres/gpu=1500" ]
sync_qos --degrade $LOW --degraded-file "$D/degraded.txt" > "$W/qos9" 2>&1
check "the next run resets nothing and changes nothing" bash -c "! grep -q 'new period' '$W/qos9' && grep -q ', 0 change(s)$' '$W/qos9'"
finish
