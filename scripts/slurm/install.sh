#!/bin/bash
# Install the Debian packages of the single-node Slurm sandbox, when missing. Idempotent.
# Exit codes: 0 installed (or already there), 3 cannot install (message on stderr says why).
set -u
PKGS="munge slurmctld slurmd slurm-client slurmdbd slurm-wlm-mysql-plugin mariadb-server lua-filesystem"
# binaries the sandbox needs; all present => nothing to do
need_bins="munged mungekey slurmctld slurmd slurmdbd sbatch sacct sacctmgr scontrol mariadbd mariadb-install-db mariadb"
missing=""
for b in $need_bins; do command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || missing="$missing $b"; done
plugin_ok() { ls /usr/lib/*/slurm-wlm/accounting_storage_mysql.so /usr/lib/slurm-wlm/accounting_storage_mysql.so 2>/dev/null | grep -q .; }
# lua-filesystem: job_submit.lua reads its blocked-accounts list again only when the file changed (it works without)
lfs_ok() { ls /usr/lib/*/lua/5.1/lfs.so /usr/lib/lua/5.1/lfs.so 2>/dev/null | grep -q .; }
if [ -z "$missing" ] && plugin_ok && lfs_ok; then
  echo "install.sh: Slurm sandbox packages already installed ($(dpkg-query -W -f 'slurm ${Version}' slurm-client 2>/dev/null))"
  exit 0
fi
cannot() { echo "install.sh: CANNOT install Slurm: $*" >&2; exit 3; }
[ "$(id -u)" = 0 ] || cannot "not root (need root for apt-get)"
command -v apt-get >/dev/null 2>&1 || cannot "no apt-get (not a Debian/Ubuntu machine)"
echo "install.sh: missing:${missing:- slurmdbd mysql plugin or lua-filesystem}; installing: $PKGS"
# apt must not start services (no systemd here): policy-rc.d exiting 101 does that
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && CREATED_POLICY=1
fi
# refresh the package lists once if they look absent/stale (no list at all, or older than a day)
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
  timeout 300 apt-get update -q >/tmp/gpu-ledger-slurm-apt-update.log 2>&1 \
    || { tail -5 /tmp/gpu-ledger-slurm-apt-update.log >&2; cannot "apt-get update failed (no network to the Debian mirror?)"; }
fi
timeout 900 env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PKGS \
    >/tmp/gpu-ledger-slurm-apt-install.log 2>&1
rc=$?
[ "${CREATED_POLICY:-0}" = 1 ] && rm -f /usr/sbin/policy-rc.d
if [ $rc != 0 ]; then
  tail -15 /tmp/gpu-ledger-slurm-apt-install.log >&2
  cannot "apt-get install failed (rc=$rc), see /tmp/gpu-ledger-slurm-apt-install.log"
fi
for b in $need_bins; do command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || cannot "'$b' still missing after apt-get install"; done
plugin_ok || cannot "accounting_storage_mysql.so still missing after apt-get install"
echo "install.sh: installed ($(dpkg-query -W -f 'slurm ${Version}' slurm-client 2>/dev/null))"
