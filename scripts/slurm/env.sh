# Sourced by the scripts in scripts/slurm/: where the sandbox lives and how its clients reach it.
# Override any of these in the environment.
S=${SLURM_SANDBOX_DIR:-/tmp/gpu-ledger-slurm}
SLURM_E2E_CLUSTER=${SLURM_E2E_CLUSTER:-ledger-e2e}
# time zone of the daemons AND of sacct: sacct prints Start/End in this zone, so the ledger's cluster
# declaration (PUT /clusters/{cluster} timeZone) must say the same
SLURM_E2E_TZ=${SLURM_E2E_TZ:-Europe/Paris}
# ports (not Slurm's defaults 6817-6819/3306, so this sandbox does not clash with another one)
SLURM_E2E_CTLD_PORT=${SLURM_E2E_CTLD_PORT:-6917}
SLURM_E2E_SLURMD_PORT=${SLURM_E2E_SLURMD_PORT:-6918}
SLURM_E2E_DBD_PORT=${SLURM_E2E_DBD_PORT:-6919}
SLURM_E2E_DB_PORT=${SLURM_E2E_DB_PORT:-3317}
export SLURM_CONF=$S/etc/slurm.conf
export TZ=$SLURM_E2E_TZ
# the test accounts: sacctmgr accepts "@" (Jean Zay style "<group>@<gpu>"), so two of them use it
SLURM_E2E_ACCOUNTS="abc@h100 xyz_h100 def@a100 prepost_user"
