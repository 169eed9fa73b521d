#!/bin/bash
# Bring up the single-node Slurm 22.05 test cluster of the GPU Ledger end-to-end test.
#   scripts/slurm/start.sh        (sandbox: ${SLURM_SANDBOX_DIR:-/tmp/gpu-ledger-slurm}, see env.sh)
# Idempotent: daemons already running (pidfile + live pid) are left alone; the database, the cluster
# and the accounts are created only when missing. Every wait is bounded (30 s per daemon).
# Exit codes: 0 up, 2 not installed (run install.sh), 4 a daemon did not come up (see $S/log, $S/mysql).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
command -v slurmctld >/dev/null && command -v slurmdbd >/dev/null && command -v munged >/dev/null \
  && command -v mariadbd >/dev/null || { echo "start.sh: Slurm is not installed: run $HERE/install.sh" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "start.sh: must run as root (device nodes, daemons running as root)" >&2; exit 2; }
mkdir -p "$S" && cd "$S" || exit 4
mkdir -p run log state/ctld state/slurmd dev jobs munge mysql etc
chmod 755 run munge; chmod 1777 jobs
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
waitfor() { for _ in $(seq 1 120); do eval "$1" >/dev/null 2>&1 && return 0; sleep 0.25; done
            echo "start.sh: TIMEOUT (30 s) waiting for: $1 -- logs in $S/log and $S/mysql" >&2; exit 4; }
T0=$(date +%s.%N)

# render the templates with this sandbox's folder, cluster name, ports and first job id
# first job id = the sandbox's creation time in seconds (mod 60,000,000, below MaxJobId): a re-created
# sandbox never re-uses the ids an earlier one gave (a mix takes 17 ids in ~30 s, < 1 id a second)
# so a long-lived ledger does not see them as duplicates
[ -f etc/first_job_id ] || echo $(( $(date +%s) % 60000000 + 1 )) > etc/first_job_id
render() {
  sed -e "s#@BASE@#$S#g" -e "s#@CLUSTER@#$SLURM_E2E_CLUSTER#g" -e "s#@CTLD_PORT@#$SLURM_E2E_CTLD_PORT#g" \
      -e "s#@SLURMD_PORT@#$SLURM_E2E_SLURMD_PORT#g" -e "s#@DBD_PORT@#$SLURM_E2E_DBD_PORT#g" \
      -e "s#@DB_PORT@#$SLURM_E2E_DB_PORT#g" -e "s#@FIRST_JOB_ID@#$(cat etc/first_job_id)#g" "$1"
}
# the quota hook is the one a centre installs (scripts/slurm/job_submit.lua), its list in this sandbox's etc/
render_hook() {
  sed -e "s#^local BLOCKLIST = \".*\"#local BLOCKLIST = \"$S/etc/blocked_accounts.txt\"#" "$HERE/job_submit.lua"
}
stale=""
for f in slurm.conf slurmdbd.conf gres.conf job_submit.lua my.cnf; do
  dest=etc/$f; [ $f = my.cnf ] && dest=mysql/my.cnf
  if [ $f = job_submit.lua ]; then new=$(render_hook); else new=$(render "$HERE/templates/$f"); fi
  if [ ! -f "$dest" ] || [ "$new" != "$(cat "$dest")" ]; then
    if [ -f "$dest" ]; then  # a running daemon that reads this file would keep the old settings
      case $f in slurmdbd.conf) ds="slurmdbd" ;; my.cnf) ds="mysqld" ;; job_submit.lua) ds="" ;;  # slurmctld reloads it
                 *) ds="slurmctld slurmd" ;; esac
      for d in $ds; do alive run/$d.pid && stale="$stale $d"; done
    fi
    printf '%s\n' "$new" > "$dest"
  fi
done
chmod 600 etc/slurmdbd.conf
[ -f etc/blocked_accounts.txt ] || : > etc/blocked_accounts.txt
[ -z "$stale" ] || echo "start.sh: WARNING: configuration changed under running$stale: run $HERE/stop.sh$stale, then start.sh again" >&2

# fake GPU device nodes (character devices; plain files only give a gres.conf warning)
for i in 0 1 2 3; do [ -c dev/nvidia$i ] || { rm -f dev/nvidia$i; mknod dev/nvidia$i c 195 $i; }; done

# munge
[ -f munge/munge.key ] || mungekey --create --keyfile=munge/munge.key
alive run/munged.pid || munged --key-file=$S/munge/munge.key --socket=$S/run/munge.socket \
    --pid-file=$S/run/munged.pid --log-file=$S/munge/munged.log --seed-file=$S/munge/munged.seed
waitfor "[ -S $S/run/munge.socket ]"

# mariadb (127.0.0.1:$SLURM_E2E_DB_PORT)
NEWDB=0
if [ ! -d mysql/data/mysql ]; then
  mariadb-install-db --defaults-file=$S/mysql/my.cnf --auth-root-authentication-method=socket > mysql/install.log 2>&1 \
    || { echo "start.sh: mariadb-install-db failed, see $S/mysql/install.log" >&2; exit 4; }
  NEWDB=1
fi
alive run/mysqld.pid || (setsid mariadbd --defaults-file=$S/mysql/my.cnf > mysql/stdout.log 2>&1 < /dev/null &)
waitfor "mariadb --defaults-file=$S/mysql/my.cnf -uroot -e 'select 1'"
mariadb --defaults-file=$S/mysql/my.cnf -uroot -e "CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY 'slurmpw'; GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1'; FLUSH PRIVILEGES;"

# slurmdbd
alive run/slurmdbd.pid || (setsid slurmdbd -D > log/slurmdbd.stdout 2>&1 < /dev/null &)
waitfor "sacctmgr -n show cluster"

# cluster, accounts and users (idempotent)
if ! sacctmgr -n -P show cluster format=cluster | grep -qx "$SLURM_E2E_CLUSTER"; then
  sacctmgr -i add cluster "$SLURM_E2E_CLUSTER" >/dev/null
fi
for a in $SLURM_E2E_ACCOUNTS; do
  sacctmgr -n -P show account "$a" format=account | grep -qx "$a" \
    || sacctmgr -i add account "$a" Description="gpu-ledger e2e" Organization=gpu-ledger >/dev/null
done
for a in $SLURM_E2E_ACCOUNTS; do
  sacctmgr -n -P show assoc user=root account=$a format=account | grep -qx $a || sacctmgr -i add user root Account=$a >/dev/null
done
sacctmgr -n -P show assoc user=nobody account=xyz_h100 format=account | grep -qx xyz_h100 \
  || sacctmgr -i add user nobody Account=xyz_h100 DefaultAccount=xyz_h100 >/dev/null

# slurmctld + slurmd
alive run/slurmctld.pid || (setsid slurmctld -D -i > log/slurmctld.stdout 2>&1 < /dev/null &)
waitfor "scontrol ping | grep -q UP"
alive run/slurmd.pid || (setsid slurmd -D -N localhost > log/slurmd.stdout 2>&1 < /dev/null &)
waitfor "sinfo -h -N -o %T | grep -qE '^(idle|mixed|allocated)'"
T1=$(date +%s.%N)
echo "start.sh: cluster $SLURM_E2E_CLUSTER up in $(python3 -c "print(round($T1-$T0,1))")s (sandbox $S, TZ=$TZ)"
sinfo
