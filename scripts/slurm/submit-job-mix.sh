#!/bin/bash
# Submit the deterministic job mix of the GPU Ledger end-to-end test and wait until every job (and
# step) has a final state in sacct. Needs the cluster of start.sh. The mix takes about a minute.
#   scripts/slurm/submit-job-mix.sh          (SLURM_E2E_MIX_TIMEOUT: max seconds to wait, default 300)
# Writes $S/run/last-mix.tsv (name, job id, what the ledger must charge and why) and
# $S/run/last-mix.start (epoch seconds just before the first submission; export-sacct.sh uses it).
# Exit codes: 0 all final, 5 a submission failed, 6 timeout.
#
# node: 16 CPUs, 4 GPUs; gpu_p6 and gpu_p5 are charged, prepost is not.
#   name            account       partition  request                       expected charged GPUs
#   cancel_running  xyz_h100      gpu_p6     2 GPUs, sleep 120, scancel     2 (ran a few s, CANCELLED)
#   one_gpu         abc@h100      gpu_p6     1 GPU                          1
#   two_gpu_srun    abc@h100      gpu_p6     gpu:h100:2, srun step (.0)      2
#   four_gpu        xyz_h100      gpu_p6     4 GPUs                         4
#   cpu_heavy       xyz_h100      gpu_p6     1 GPU, 12 of 16 CPUs           max(1, ceil(4*12/16)) = 3
#   cpu_only        xyz_h100      gpu_p6     no GPU, 4 CPUs                 max(0, ceil(4*4/16)) = 1
#   exclusive       abc@h100      gpu_p6     1 GPU, --exclusive             whole node = 4
#   array           xyz_h100      gpu_p6     1 GPU, --array=1-3             3 jobs x 1
#   fails           abc@h100      gpu_p6     1 GPU, exit 1                  1 (FAILED, ran)
#   as_nobody       xyz_h100      gpu_p6     1 GPU, user nobody             1
#   a100_share      def@a100      gpu_p5     2 GPUs, 10 CPUs                max(2, ceil(4*10/16)) = 3
#   a100_ntasks     def@a100      gpu_p5     1 GPU, 8 tasks                 max(1, ceil(4*8/16)) = 2
#   prepost_cpu     prepost_user  prepost    4 CPUs                         0 (uncharged partition)
#   prepost_gpu     abc@h100      prepost    1 GPU                          0 (uncharged partition)
#   cancel_pending  abc@h100      gpu_p6     1 GPU, --hold, scancel         0 (never started, elapsed 0)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
TIMEOUT=${SLURM_E2E_MIX_TIMEOUT:-300}
[ -f "$S/run/slurmctld.pid" ] && scontrol ping 2>/dev/null | grep -q UP \
  || { echo "submit-job-mix.sh: the Slurm cluster is not up: run $HERE/start.sh" >&2; exit 5; }
cd "$S/jobs" || exit 5
MIX=$S/run/last-mix.tsv
T_START=$(date +%s)
echo "$T_START" > "$S/run/last-mix.start"
printf 'name\tjobid\texpected\n' > "$MIX"
IDS=""
sub() {  # sub NAME EXPECTED sbatch-args...
  local name=$1 expected=$2 out id; shift 2
  out=$(sbatch --parsable -J "e2e-$name" -o "e2e-$name-%j.out" "$@" 2>&1) \
    || { echo "submit-job-mix.sh: sbatch of $name failed: $out" >&2; exit 5; }
  id=${out%%;*}
  printf '%s\t%s\t%s\n' "$name" "$id" "$expected" >> "$MIX"
  IDS="$IDS${IDS:+,}$id"
  echo "  submitted $name: job $id ($expected)"
}
echo "submit-job-mix.sh: submitting to cluster $SLURM_E2E_CLUSTER (sandbox $S, TZ=$TZ)"
# first, so that it starts at once; cancelled below once it runs
sub cancel_running "2 GPUs x elapsed until scancel" -A xyz_h100 -p gpu_p6 --gres=gpu:2 --wrap 'sleep 120'
CANCEL_RUNNING=$(tail -1 "$MIX" | cut -f2)
sub one_gpu        "1 GPU"                          -A abc@h100 -p gpu_p6 --gres=gpu:1 --wrap 'sleep 3'
sub two_gpu_srun   "2 GPUs (typed gres, srun step)" -A abc@h100 -p gpu_p6 --gres=gpu:h100:2 --wrap 'srun sleep 4'
sub four_gpu       "4 GPUs"                         -A xyz_h100 -p gpu_p6 --gres=gpu:4 --wrap 'sleep 3'
sub cpu_heavy      "3 GPUs (1 GPU, 12/16 CPUs)"     -A xyz_h100 -p gpu_p6 --gres=gpu:1 --cpus-per-task=12 --wrap 'sleep 3'
sub cpu_only       "1 GPU (0 GPU, 4/16 CPUs)"       -A xyz_h100 -p gpu_p6 --cpus-per-task=4 --wrap 'sleep 2'
sub exclusive      "4 GPUs (exclusive node)"        -A abc@h100 -p gpu_p6 --gres=gpu:1 --exclusive --wrap 'sleep 2'
sub array          "3 tasks x 1 GPU"                -A xyz_h100 -p gpu_p6 --gres=gpu:1 --array=1-3 --wrap 'sleep 2'
sub fails          "1 GPU (FAILED, exit 1)"         -A abc@h100 -p gpu_p6 --gres=gpu:1 --wrap 'sleep 2; exit 1'
# a job of another user (nobody is in xyz_h100, see start.sh)
out=$(runuser -u nobody -- sbatch --parsable -J e2e-as_nobody -o "e2e-as_nobody-%j.out" --chdir="$S/jobs" \
      -A xyz_h100 -p gpu_p6 --gres=gpu:1 --wrap 'sleep 2' 2>&1) \
  || { echo "submit-job-mix.sh: sbatch of as_nobody failed: $out" >&2; exit 5; }
printf '%s\t%s\t%s\n' as_nobody "${out%%;*}" "1 GPU (user nobody)" >> "$MIX"; IDS="$IDS,${out%%;*}"
echo "  submitted as_nobody: job ${out%%;*} (1 GPU, user nobody)"
sub a100_share     "3 GPUs (2 GPUs, 10/16 CPUs)"    -A def@a100 -p gpu_p5 --gres=gpu:2 --cpus-per-task=10 --wrap 'sleep 3'
sub a100_ntasks    "2 GPUs (1 GPU, 8 tasks)"        -A def@a100 -p gpu_p5 --gres=gpu:1 --ntasks=8 --wrap 'sleep 2'
sub prepost_cpu    "0 (uncharged partition)"        -A prepost_user -p prepost --cpus-per-task=4 --wrap 'sleep 2'
sub prepost_gpu    "0 (uncharged partition)"        -A abc@h100 -p prepost --gres=gpu:1 --wrap 'sleep 2'
sub cancel_pending "0 (cancelled while pending)"    -A abc@h100 -p gpu_p6 --gres=gpu:1 --hold --wrap 'sleep 2'
CANCEL_PENDING=$(tail -1 "$MIX" | cut -f2)
sleep 1
scancel "$CANCEL_PENDING" || echo "submit-job-mix.sh: WARNING: scancel $CANCEL_PENDING failed" >&2

# cancel the long job a few seconds after it started
deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
  st=$(squeue -h -j "$CANCEL_RUNNING" -o %T 2>/dev/null)
  [ "$st" = RUNNING ] && break
  [ "$(date +%s)" -ge $deadline ] && { echo "submit-job-mix.sh: TIMEOUT: job $CANCEL_RUNNING (cancel_running) not RUNNING after ${TIMEOUT}s (state: ${st:-gone})" >&2; exit 6; }
  sleep 1
done
sleep 4
scancel "$CANCEL_RUNNING"
echo "  cancelled cancel_running ($CANCEL_RUNNING) while running; cancel_pending ($CANCEL_PENDING) while pending"

# wait until no job of the mix is in the queue and sacct shows a final state for every record
FINAL='^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE)'
NJOBS=$(( $(wc -l < "$MIX") - 1 + 2 ))   # the array counts 3 jobs
while :; do
  queued=$(squeue -h -j "$IDS" -o %i 2>/dev/null | wc -l)
  recs=$(sacct -n -P -j "$IDS" -o JobID,State 2>/dev/null)
  mains=$(printf '%s\n' "$recs" | grep -c -E '^[0-9_]+\|')
  notfinal=$(printf '%s\n' "$recs" | grep -v '^$' | cut -d'|' -f2 | grep -c -v -E "$FINAL")
  if [ "$queued" = 0 ] && [ "$mains" -ge "$NJOBS" ] && [ "$notfinal" = 0 ]; then break; fi
  if [ "$(date +%s)" -ge $deadline ]; then
    echo "submit-job-mix.sh: TIMEOUT after ${TIMEOUT}s: $queued job(s) still queued, $mains/$NJOBS main records, $notfinal record(s) not final:" >&2
    squeue -j "$IDS" >&2; exit 6
  fi
  sleep 2
done
echo "submit-job-mix.sh: all $NJOBS jobs final after $(( $(date +%s) - T_START ))s"
sacct -X -P -j "$IDS" -o JobID,Account,User,Partition,AllocTRES,ElapsedRaw,State | column -t -s '|'
