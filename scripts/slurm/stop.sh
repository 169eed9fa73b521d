#!/bin/bash
# Stop the daemons started by start.sh, by the PID in their pidfile (never by name).
#   scripts/slurm/stop.sh                  -> everything, in reverse start order
#   scripts/slurm/stop.sh slurmd slurmctld -> just those
#   scripts/slurm/stop.sh --wipe           -> everything, then delete the sandbox folder
# names: slurmd slurmctld slurmdbd mysqld munged. Each stop waits at most 20 s, then KILLs.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
WIPE=0; [ "${1:-}" = --wipe ] && { WIPE=1; shift; }
stop() {
  local f=$S/run/$1.pid p
  [ -f "$f" ] || return 0
  p=$(cat "$f")
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill "$p"
    for _ in $(seq 1 80); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$p" 2>/dev/null && { echo "$1 ($p) still alive after 20s, sending KILL"; kill -9 "$p"; }
    echo "stopped $1 ($p)"
  fi
  rm -f "$f"
}
[ $# -gt 0 ] || set -- slurmd slurmctld slurmdbd mysqld munged
for n in "$@"; do stop "$n"; done
if [ $WIPE = 1 ]; then
  case "$S" in /tmp/*|/var/tmp/*) rm -rf "$S"; echo "wiped $S" ;; *) echo "not wiping $S (only under /tmp or /var/tmp)" >&2 ;; esac
fi
exit 0
